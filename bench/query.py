"""Query latency and memory on a built index: retrieval (and extractive answers, when ``guide.answer`` exists).

    python bench/query.py [--data-dir DIR] [--questions bench/questions.txt] [--no-dense] [--no-answer]

Warms up first (the first dense query loads the embedding model: reported as ``cold_start_ms``), then times
``guide.retrieval.retrieve`` on every question (scoped like the guide: ``Query.scope``) and
``answer(question)`` with the extractive answerer. Prints one JSON object: latencies
(p50/p95/max ms), peak RSS (MB), index size (chunks, tags), whether dense retrieval was used and per-stage medians.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import resource
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def percentiles(ms: list[float]) -> dict[str, float | None]:
    if not ms:
        return {"p50": None, "p95": None, "max": None}
    s = sorted(ms)
    return {
        "p50": round(statistics.median(s), 1),
        "p95": round(s[min(len(s) - 1, round(0.95 * (len(s) - 1)))], 1),
        "max": round(s[-1], 1),
    }


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # KiB on Linux


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data-dir", type=Path, default=Path("data"))
    p.add_argument("--questions", type=Path, default=Path(__file__).with_name("questions.txt"))
    p.add_argument("--no-dense", action="store_true", help="symbol, glossary and lexical retrieval only")
    p.add_argument("--no-answer", action="store_true", help="skip the extractive answer timings")
    p.add_argument("-k", type=int, default=8)
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

    from guide.index import open_index
    from guide.query import Query
    from guide.retrieval import BM25, CONCEPT, DENSE, FILE, SYMBOL, retrieve

    def tags_of(q: str) -> list[str]:
        return Query.parse(q).scope(index.releases).tags

    questions = [q.strip() for q in args.questions.read_text(encoding="utf-8").splitlines() if q.strip()]
    t = time.perf_counter()
    index = open_index(data_dir=args.data_dir)
    open_ms = (time.perf_counter() - t) * 1000
    retrievers = (SYMBOL, CONCEPT, FILE, BM25) if args.no_dense else (SYMBOL, CONCEPT, FILE, BM25, DENSE)
    dense_ready = index.dense_ready

    # Warm-up: the first query loads the embedding model and opens Chroma (timed separately).
    t = time.perf_counter()
    retrieve(index, questions[0], tags_of(questions[0]), k=args.k, retrievers=retrievers)
    cold_ms = (time.perf_counter() - t) * 1000
    for q in questions[1:4]:
        retrieve(index, q, tags_of(q), k=args.k, retrievers=retrievers)

    retrieval_ms: list[float] = []
    stages: dict[str, list[float]] = {}
    dense_answered = 0
    empty = 0
    for q in questions:
        timings: dict[str, float] = {}
        t = time.perf_counter()
        hits = retrieve(index, q, tags_of(q), k=args.k, retrievers=retrievers, timings=timings)
        retrieval_ms.append((time.perf_counter() - t) * 1000)
        for name, v in timings.items():
            stages.setdefault(name, []).append(v)
        dense_answered += any(DENSE in h.ranks for h in hits)
        empty += not hits

    answer_ms: list[float] = []
    answer_note = None
    if args.no_answer:
        answer_note = "skipped (--no-answer)"
    else:
        from guide.answering import answer

        answer(questions[0], llm="extractive", index=index)  # warm-up
        for q in questions:
            t = time.perf_counter()
            answer(q, llm="extractive", index=index)
            answer_ms.append((time.perf_counter() - t) * 1000)

    counts = index.reader.counts()
    out: dict[str, Any] = {
        "questions": len(questions),
        "k": args.k,
        "index": {
            "chunks": counts["chunks"],
            "tags": [v.tag for v in index.versions],
            "embedded_chunks": counts["chunks_embedded"],
            "embeddable_chunks": counts["chunks_embeddable"],
        },
        "dense": {
            "requested": not args.no_dense,
            "index_ready": dense_ready,
            "questions_with_dense_hits": dense_answered,
        },
        "open_index_ms": round(open_ms, 1),
        "cold_start_ms": round(cold_ms, 1),
        "retrieval_ms": percentiles(retrieval_ms),
        "retrieval_stage_ms_p50": {k: round(statistics.median(v), 1) for k, v in stages.items()},
        "questions_without_hits": empty,
        "answer_ms": percentiles(answer_ms),
        "answer_note": answer_note,
        "peak_rss_mb": peak_rss_mb(),
        "cpus": os.cpu_count(),
    }
    print(json.dumps(out, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
