"""What each entry of the Go-internals vocabulary (guide/knowledge/vocabulary.toml) and the tours do for retrieval:
the default fusion's hit@5 and MRR@10 on the sets that may be tuned on, with one term left out at a time, and with
whole layers left out (the vocabulary, the tours, both).

    python bench/vocabulary_ablation.py [--data-dir DIR] [--needles N] [--seed S]

The sets are bench/retrieval_quality.py's (needles sample, plain-words dev half, team facts); only the concept
retriever is re-run with the term removed from the question's matches, for the questions that matched it. A term
*helps* when leaving it out lowers the needles' or the dev half's hit@5 or MRR and raises neither; *hurts* in the
opposite case; *neutral* when neither moves; *unmatched* when no question of these sets uses it. Prints JSON.
"""

from __future__ import annotations

import argparse
import copy
import json
import logging
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.retrieval_quality import Case, collect, evaluate, load_sets  # noqa: E402

TUNED = ("needles", "plain_dev")


def _without(index: Any, cases: list[Case], which: list[int], change: Callable[[Any], Any]) -> dict[str, Any]:
    """The scores with the concept ranking of cases ``which`` recomputed for their query changed by ``change``."""
    from guide.retrieval import CONCEPT, DEPTHS, RETRIEVERS, scope_for

    out = list(cases)
    for i in which:
        c = copy.copy(cases[i])
        scope = scope_for(index, c.tags)
        ranking = RETRIEVERS[CONCEPT].search(index, change(c.query), scope, DEPTHS.get(CONCEPT, 40))
        c.rankings = [ranking if r.name == CONCEPT else r for r in c.rankings]
        new = [r for r in ranking.rowids if r not in c.chunks]
        if new:
            c.chunks = {**c.chunks, **{ch.rowid: ch for ch in index.reader.chunks(new)}}
            c.chunk_tags = {**c.chunk_tags, **index.reader.chunk_tags(new, scope.tags)}
        out[i] = c
    return evaluate(out, {})


def _verdict(base: dict[str, Any], r: dict[str, Any]) -> str:
    moves = [r[s][m] - base[s][m] for s in TUNED for m in ("hit@5", "mrr@10")]
    if all(abs(d) < 1e-9 for d in moves):
        return "neutral"
    if all(d <= 1e-9 for d in moves):
        return "helps"
    return "hurts" if all(d >= -1e-9 for d in moves) else "mixed"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data-dir", type=Path, default=Path("data"))
    p.add_argument("--needles", type=int, default=400)
    p.add_argument("--seed", type=int, default=7)
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)

    from guide.index import open_index
    from guide.knowledge import vocabulary
    from guide.retrieval import ALL_RETRIEVERS

    index = open_index(data_dir=args.data_dir)
    if index.has_vectors:
        index.warm_up(wait=True)
    cases = collect(index, load_sets(args.needles, args.seed), ALL_RETRIEVERS)
    base = evaluate(cases, {})
    terms: dict[str, Any] = {}
    for term in vocabulary().terms:
        which = [i for i, c in enumerate(cases) if term.id in c.query.concepts]
        if not which:
            terms[term.id] = {"verdict": "unmatched", "questions": {}}
            continue
        r = _without(
            index, cases, which, lambda q, t=term.id: replace(q, concepts=tuple(x for x in q.concepts if x != t))
        )
        sets: dict[str, int] = {}
        for i in which:
            sets[cases[i].set] = sets.get(cases[i].set, 0) + 1
        delta = {s: {m: round(r[s][m] - base[s][m], 3) for m in ("hit@5", "mrr@10")} for s in r}
        terms[term.id] = {"verdict": _verdict(base, r), "questions": sets, "delta_without": delta}
    every = list(range(len(cases)))
    layers = {
        "without vocabulary": _without(index, cases, every, lambda q: replace(q, concepts=())),
        "without tours": _without(index, cases, every, lambda q: replace(q, tours=(), tour_ties=0)),
        "without either": _without(index, cases, every, lambda q: replace(q, concepts=(), tours=(), tour_ties=0)),
    }
    counts: dict[str, int] = {}
    for t in terms.values():
        counts[t["verdict"]] = counts.get(t["verdict"], 0) + 1
    print(json.dumps({"base": base, "layers": layers, "verdicts": counts, "terms": terms}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
