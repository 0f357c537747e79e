"""Embedding models side by side on real chunks of the index: load time, query latency, indexing throughput,
peak RSS, and how close each model's vectors and rankings are to a reference model's. Prints JSON.

    python bench/embed.py [--data-dir data] [--models minilm minilm-torch e5-small] [--reference minilm-torch]
                          [--n 1000] [--questions bench/questions.txt] [--threads N] [--batch 64]

Each model runs in its own process (so ``load_s`` is a cold load: imports, weights, first query, and ``peak_rss_mb``
is that model's alone). ``load_s`` is import + load + one query. ``query_ms``: one question at a time, no cache.
``docs_per_s``: the ``--n`` sampled chunks (the text the index embeds: path, symbol, header, first ``max_chars``),
batched as the ingest does. Against the reference: ``cosine`` of each chunk's and each question's two vectors
(meaningful between two runtimes of one model), and ``top10_overlap`` / ``top1_agreement`` of each question's ten
nearest chunks among the sample (retrieval agreement).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _pct(ms: list[float], q: float) -> float:
    s = sorted(ms)
    return round(s[min(len(s) - 1, round(q * (len(s) - 1)))], 2)


def worker(args: argparse.Namespace) -> None:
    """One model, in this process: timings to stdout (JSON), vectors to ``--out`` (.npz)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    t0 = time.perf_counter()
    from ingest.embeddings import make_embeddings

    emb = make_embeddings(args.worker, batch_size=args.batch, max_tokens=args.tokens, threads=args.threads)
    emb.load()
    emb.embed_query("warm up")
    load_s = time.perf_counter() - t0
    texts = json.loads(Path(args.texts).read_text(encoding="utf-8"))
    questions = json.loads(Path(args.qs).read_text(encoding="utf-8"))
    q_ms = []
    qvecs = []
    for q in questions:
        t = time.perf_counter()
        qvecs.append(emb.embed_query(q))
        q_ms.append((time.perf_counter() - t) * 1000)
    t = time.perf_counter()
    dvecs = emb.embed_documents(texts)
    docs_s = time.perf_counter() - t
    np.savez(args.out, q=np.asarray(qvecs, dtype=np.float32), d=np.asarray(dvecs, dtype=np.float32))
    print(
        json.dumps(
            {
                "model_id": emb.model_id,
                "load_s": round(load_s, 3),
                "query_ms": {"p50": _pct(q_ms, 0.5), "p95": _pct(q_ms, 0.95), "mean": round(statistics.mean(q_ms), 2)},
                "docs_per_s": round(len(texts) / docs_s, 1),
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            }
        )
    )


def compare(vecs: dict[str, dict[str, np.ndarray]], ref: str, model: str) -> dict:
    a, b = vecs[model], vecs[ref]
    doc_cos = (a["d"] * b["d"]).sum(axis=1)
    q_cos = (a["q"] * b["q"]).sum(axis=1)
    top_a = np.argsort(-(a["q"] @ a["d"].T), axis=1)[:, :10]
    top_b = np.argsort(-(b["q"] @ b["d"].T), axis=1)[:, :10]
    overlap = [len(set(x) & set(y)) / 10 for x, y in zip(top_a, top_b, strict=True)]
    return {
        "cosine_docs": {"mean": round(float(doc_cos.mean()), 5), "min": round(float(doc_cos.min()), 5)},
        "cosine_queries": {"mean": round(float(q_cos.mean()), 5), "min": round(float(q_cos.min()), 5)},
        "top10_overlap": round(float(np.mean(overlap)), 3),
        "top1_agreement": round(float(np.mean(top_a[:, 0] == top_b[:, 0])), 3),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-dir", default="data")
    ap.add_argument("--models", nargs="+", default=["minilm", "minilm-torch", "e5-small"])
    ap.add_argument("--reference", default="minilm-torch", help="model the others are compared with")
    ap.add_argument("--n", type=int, default=1000, help="chunks to embed per model")
    ap.add_argument("--questions", type=Path, default=Path(__file__).with_name("questions.txt"))
    ap.add_argument("--threads", type=int, default=None)
    ap.add_argument("--batch", type=int, default=None, help="texts per model call (default: the setting, 16)")
    ap.add_argument("--tokens", type=int, default=128)
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--texts", help=argparse.SUPPRESS)
    ap.add_argument("--qs", help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(args)
        return
    from ingest.embeddings import embedding_text
    from ingest.reader import IndexReader
    from ingest.store import Store
    from settings import Settings

    settings = Settings(data_dir=Path(args.data_dir))
    args.batch = args.batch or settings.embedding.batch_size
    rows = IndexReader(Store(settings.index_db, readonly=True)).sample_embeddable(args.n)
    texts = [embedding_text(*r)[: settings.embedding.max_chars] for r in rows][: args.n]
    questions = [q.strip() for q in args.questions.read_text(encoding="utf-8").splitlines() if q.strip()]
    out: dict = {
        "chunks": len(texts),
        "mean_chars": round(sum(map(len, texts)) / max(len(texts), 1), 1),
        "questions": len(questions),
        "batch": args.batch,
        "threads": args.threads or os.cpu_count(),
        "cpus": os.cpu_count(),
        "load_before": os.getloadavg()[0],
        "models": {},
    }
    vecs = {}
    with tempfile.TemporaryDirectory() as tmp:
        tpath, qpath = Path(tmp, "texts.json"), Path(tmp, "qs.json")
        tpath.write_text(json.dumps(texts), encoding="utf-8")
        qpath.write_text(json.dumps(questions), encoding="utf-8")
        for model in args.models:
            npz = Path(tmp, f"{model}.npz")
            cmd = [sys.executable, __file__, "--worker", model, "--texts", str(tpath), "--qs", str(qpath)]
            cmd += ["--out", str(npz), "--batch", str(args.batch), "--tokens", str(args.tokens)]
            if args.threads:
                cmd += ["--threads", str(args.threads)]
            done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
            if done.returncode != 0:
                out["models"][model] = {"error": done.stderr.strip().splitlines()[-1:]}
                continue
            out["models"][model] = json.loads(done.stdout.strip().splitlines()[-1])
            vecs[model] = dict(np.load(npz))
    if args.reference in vecs:
        for model in vecs:
            if model != args.reference:
                out["models"][model][f"vs_{args.reference}"] = compare(vecs, args.reference, model)
    out["load_after"] = os.getloadavg()[0]
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
