"""Retrieval quality of fusion variants on the sets that may be tuned on: hit@1, hit@5 and MRR@10 per set and config.

    python bench/retrieval_quality.py [--data-dir DIR] [--needles N] [--config NAME ...] [--no-dense]

Sets (never the plain-words *test* halves, which are only scored): the generated needles
(evals/needles/default.jsonl, a seeded sample of ``--needles`` items), the plain-words dev halves
(evals/plain/dev.jsonl, evals/plain2/dev.jsonl and evals/plain3/dev.jsonl), and the team's facts (evals/facts +
evals/facts_heldout, locate and explain items). Each question is read and scoped as the guide does
(``Query.parse``, ``Query.scope`` with the item's versions); every retriever runs once per question and the fusion
variants are computed from those rankings, so comparing variants is cheap. A hit is an entry with the expected
version and path whose lines overlap the expected range (evals/score.py). Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from evals.facts import FactItem, load_facts  # noqa: E402
from evals.score import matches  # noqa: E402


@dataclass
class Case:
    set: str
    item: FactItem
    tags: list[str]
    rankings: list[Any]
    chunks: dict[int, Any]
    chunk_tags: dict[int, list[str]]
    query: Any = None
    """The question as the guide read it (``Query``, routed to a tour by meaning as ``retrieve()`` does)."""


def load_sets(needles: int, seed: int) -> dict[str, list[FactItem]]:
    out: dict[str, list[FactItem]] = {}
    needle_items = load_facts(ROOT / "evals" / "needles" / "default.jsonl")
    random.Random(seed).shuffle(needle_items)
    out["needles"] = needle_items[:needles] if needles else needle_items
    out["plain_dev"] = load_facts(ROOT / "evals" / "plain" / "dev.jsonl")
    out["plain2_dev"] = load_facts(ROOT / "evals" / "plain2" / "dev.jsonl")
    out["plain3_dev"] = load_facts(ROOT / "evals" / "plain3" / "dev.jsonl")
    facts = load_facts(ROOT / "evals" / "facts" / "go_internals.jsonl") + load_facts(ROOT / "evals" / "facts_heldout")
    out["facts"] = [it for it in facts if it.kind in ("locate", "explain")]
    return out


def collect(index: Any, sets: dict[str, list[FactItem]], retrievers: tuple[str, ...]) -> list[Case]:
    from guide.query import Query
    from guide.retrieval import DEPTHS, RETRIEVERS, scope_for
    from guide.retrieval.tour_routing import routed

    cases = []
    for name, items in sets.items():
        t0 = time.perf_counter()
        for it in items:
            q = routed(index, Query.parse(it.question))
            tags = q.scope(index.releases, it.versions or None).tags
            scope = scope_for(index, tags)
            rankings = [RETRIEVERS[r].search(index, q, scope, DEPTHS.get(r, 40)) for r in retrievers]
            rowids = list(dict.fromkeys(r for rk in rankings for r in rk.rowids))
            chunks = {c.rowid: c for c in index.reader.chunks(rowids)}
            cases.append(Case(name, it, tags, rankings, chunks, index.reader.chunk_tags(rowids, scope.tags), q))
        print(f"{name}: {len(items)} questions in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return cases


def evaluate(cases: list[Case], config: dict[str, Any]) -> dict[str, Any]:
    from guide.query import Query
    from guide.retrieval import DEFAULT_FUSION, code_asked_for, fuse

    fusion = config.get("fusion", DEFAULT_FUSION)
    use = config.get("retrievers")
    weak = config.get("weak_symbol_weight")
    per: dict[str, list[int | None]] = {}
    for c in cases:
        rankings = [r for r in c.rankings if use is None or r.name in use]
        if weak is not None:
            rankings = [
                replace(r, weights=dict.fromkeys(r.weights, weak)) if r.name == "symbol" else r for r in rankings
            ]
        q = Query.parse(c.item.question)
        hits = fuse(rankings, c.chunks, c.chunk_tags, fusion, q.platform, **code_asked_for(q))[:10]
        entries = [
            {"version": h.tag, "path": h.chunk.path, "start_line": h.chunk.start_line, "end_line": h.chunk.end_line}
            for h in hits
        ]
        rank = next((i for i, e in enumerate(entries, 1) if any(matches(e, x) for x in c.item.expect_citations)), None)
        per.setdefault(c.set, []).append(rank)
    out = {}
    for name, ranks in per.items():
        n = len(ranks)
        out[name] = {
            "n": n,
            "hit@1": round(sum(r == 1 for r in ranks) / n, 3),
            "hit@5": round(sum(r is not None and r <= 5 for r in ranks) / n, 3),
            "mrr@10": round(sum(1 / r for r in ranks if r) / n, 3),
        }
    return out


def configs() -> dict[str, dict[str, Any]]:
    from guide.retrieval import BM25, CONCEPT, DENSE, EXPLAINED, FILE, SYMBOL, FusionConfig

    plain = FusionConfig()
    return {
        "default": {},
        "lexical": {"retrievers": (BM25,), "fusion": plain},
        "dense": {"retrievers": (DENSE,), "fusion": plain},
        "bm25+dense": {"retrievers": (BM25, DENSE), "fusion": plain},
        "no-explained": {"retrievers": (SYMBOL, CONCEPT, FILE, BM25, DENSE)},
        "no-concepts": {"retrievers": (SYMBOL, FILE, BM25, DENSE, EXPLAINED)},
        "no-symbol": {"retrievers": (CONCEPT, FILE, BM25, DENSE, EXPLAINED)},
        "no-file": {"retrievers": (SYMBOL, CONCEPT, BM25, DENSE, EXPLAINED)},
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data-dir", type=Path, default=Path("data"))
    p.add_argument("--needles", type=int, default=400, help="needle items sampled (0: all)")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--config", nargs="+", help="only these configurations")
    p.add_argument("--no-dense", action="store_true")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)

    from guide.index import open_index
    from guide.retrieval import ALL_RETRIEVERS, DENSE

    index = open_index(data_dir=args.data_dir)
    dense = index.has_vectors and not args.no_dense
    if dense:
        index.warm_up(wait=True)  # as the app: dense search and tour routing by meaning answer from the start
    retrievers = tuple(r for r in ALL_RETRIEVERS if dense or r != DENSE)
    cases = collect(index, load_sets(args.needles, args.seed), retrievers)
    wanted = configs()
    if args.config:
        wanted = {k: v for k, v in wanted.items() if k in args.config}
    counts = index.reader.counts()
    out = {
        "dense_used": dense,
        "embedded_chunks": counts["chunks_embedded"],
        "embeddable_chunks": counts["chunks_embeddable"],
        "configs": {name: evaluate(cases, cfg) for name, cfg in wanted.items()},
    }
    print(json.dumps(out, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
