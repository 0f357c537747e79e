"""A small labelled check of retrieval quality, to choose the fusion: hit@1, hit@5 and MRR@10 per configuration.

    python bench/retrieval_quality.py [--data-dir DIR] [--no-dense]

Each question names what a good answer must cite: (path, symbols) pairs; a hit matches when its path equals the
path (or starts with it, for a path ending in ``/``) and, when symbols are given, its symbol is one of them.
Questions are scoped like the guide does (``Query.scope``: the newest release unless the
question names one). Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

Expected = list[tuple[str, tuple[str, ...]]]

_STEAL = ("runtime.runqsteal", "runtime.stealWork", "runtime.findRunnable", "runtime.runqgrab")

LABELLED: list[tuple[str, Expected]] = [
    ("where is rt0_go", [("src/runtime/asm_amd64.s", ("runtime.rt0_go",))]),
    ("does a channel take a lock?", [("src/runtime/chan.go", ("runtime.hchan",))]),
    (
        "how does work stealing work between Ps",
        [("src/runtime/proc.go", _STEAL)],
    ),
    ("how big is a goroutine's initial stack", [("src/runtime/stack.go", ())]),
    (
        "how does sysmon preempt long-running goroutines",
        [("src/runtime/proc.go", ("runtime.sysmon", "runtime.retake"))],
    ),
    ("how does escape analysis decide heap allocation", [("src/cmd/compile/internal/escape/", ())]),
    ("how does the netpoller work", [("src/runtime/netpoll.go", ())]),
    ("how does the GC pacer decide when to start a cycle", [("src/runtime/mgcpacer.go", ())]),
    ("how is an itab looked up for an interface conversion", [("src/runtime/iface.go", ("runtime.getitab",))]),
    ("how does defer work at run time", [("src/runtime/panic.go", ("runtime.deferproc", "runtime.deferreturn"))]),
    ("how are timers implemented", [("src/runtime/time.go", ())]),
    ("the syntax package parser of the compiler", [("src/cmd/compile/internal/syntax/parser.go", ())]),
    ("how does malloc allocate small objects", [("src/runtime/malloc.go", ("runtime.mallocgc",))]),
    ("what does (*p).runqput do", [("src/runtime/proc.go", ("runtime.runqput", "runtime.(*p).runqput"))]),
    ("what does runtime.newproc do", [("src/runtime/proc.go", ("runtime.newproc",))]),
    ("what does mheap_.alloc do", [("src/runtime/mheap.go", ("runtime.(*mheap).alloc",))]),
    ("hchan 的锁在哪里", [("src/runtime/chan.go", ("runtime.hchan",))]),
    ("what is findRunnable", [("src/runtime/proc.go", ("runtime.findRunnable",))]),
    ("how does gopark park a goroutine", [("src/runtime/proc.go", ("runtime.gopark",))]),
    ("how is the write barrier implemented", [("src/runtime/mbarrier.go", ()), ("src/runtime/mwbbuf.go", ())]),
    ("how does select choose a ready case", [("src/runtime/select.go", ("runtime.selectgo",))]),
    ("how do Go maps grow", [("src/internal/runtime/maps/", ())]),
    ("non-cooperative goroutine preemption design", [("design/24543-non-cooperative-preemption.md", ())]),
    ("调度器如何从其他 P 窃取 goroutine", [("src/runtime/proc.go", _STEAL)]),
]


def matches(hit: Any, expected: Expected) -> bool:
    for path, symbols in expected:
        ok_path = hit.chunk.path.startswith(path) if path.endswith("/") else hit.chunk.path == path
        if ok_path and (not symbols or hit.chunk.symbol in symbols):
            return True
    return False


def configs() -> dict[str, dict[str, Any]]:
    from guide.retrieval import BM25, CONCEPT, DENSE, SYMBOL, FusionConfig

    plain = FusionConfig()
    full = (SYMBOL, CONCEPT, BM25, DENSE)
    return {
        "bm25_only": {"retrievers": (BM25,), "fusion": plain},
        "dense_only": {"retrievers": (DENSE,), "fusion": plain},
        "rrf_symbol_bm25": {"retrievers": (SYMBOL, BM25), "fusion": plain},
        "rrf_all": {"retrievers": (SYMBOL, BM25, DENSE), "fusion": plain},
        "rrf_sym3": {
            "retrievers": (SYMBOL, BM25, DENSE),
            "fusion": FusionConfig(weights={SYMBOL: 3.0}),
        },
        "rrf_sym3_k5": {
            "retrievers": (SYMBOL, BM25, DENSE),
            "fusion": FusionConfig(weights={SYMBOL: 3.0}, ks={SYMBOL: 5}),
        },
        "rrf_sym2_k10_bm25x1.5": {
            "retrievers": (SYMBOL, BM25, DENSE),
            "fusion": FusionConfig(weights={SYMBOL: 2.0, BM25: 1.5}, ks={SYMBOL: 10}),
        },
        "rrf_all_glossary_plain": {"retrievers": full, "fusion": plain},
        "rrf_sym3_k5_glossary": {
            "retrievers": full,
            "fusion": FusionConfig(weights={SYMBOL: 3.0}, ks={SYMBOL: 5}),
        },
        "rrf_sym3_k5_glossary_x2": {
            "retrievers": full,
            "fusion": FusionConfig(weights={SYMBOL: 3.0, CONCEPT: 2.0}, ks={SYMBOL: 5}),
        },
        "rrf_sym3_k5_glossary_k10": {
            "retrievers": full,
            "fusion": FusionConfig(weights={SYMBOL: 3.0, CONCEPT: 1.0}, ks={SYMBOL: 5, CONCEPT: 10}),
        },
        "default": {},
    }


def evaluate(index: Any, name: str, kwargs: dict[str, Any], dense: bool) -> dict[str, Any]:
    from guide.query import Query
    from guide.retrieval import DENSE, retrieve

    kw = dict(kwargs)
    if not dense:
        kw["retrievers"] = tuple(r for r in kw.get("retrievers", ("symbol", "glossary", "bm25", "dense")) if r != DENSE)
        if not kw["retrievers"]:
            return {"skipped": "dense disabled"}
    at1 = at5 = 0
    rr = 0.0
    misses: list[str] = []
    start = time.perf_counter()
    for q, expected in LABELLED:
        hits = retrieve(index, q, Query.parse(q).scope(index.releases).tags, k=10, **kw)
        rank = next((i for i, h in enumerate(hits, start=1) if matches(h, expected)), None)
        at1 += rank == 1
        at5 += rank is not None and rank <= 5
        rr += 1 / rank if rank else 0.0
        if rank != 1:
            misses.append(f"{q} -> {rank}")
    n = len(LABELLED)
    return {
        "hit@1": round(at1 / n, 3),
        "hit@5": round(at5 / n, 3),
        "mrr@10": round(rr / n, 3),
        "seconds": round(time.perf_counter() - start, 2),
        "not_first": misses,
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data-dir", type=Path, default=Path("data"))
    p.add_argument("--no-dense", action="store_true", help="symbol and lexical retrieval only")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)

    from guide.index import open_index

    index = open_index(data_dir=args.data_dir)
    dense = index.has_vectors and not args.no_dense
    counts = index.reader.counts()
    embedded, total = counts["chunks_embedded"], counts["chunks_embeddable"]
    out: dict[str, Any] = {
        "questions": len(LABELLED),
        "dense_used": dense,
        "embedded_chunks": int(embedded or 0),
        "embeddable_chunks": int(total or 0),
        "configs": {name: evaluate(index, name, kw, dense) for name, kw in configs().items()},
    }
    print(json.dumps(out, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
