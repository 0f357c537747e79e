"""Embedding throughput of the configured model on real chunks of the index, at several token limits. Prints JSON.

python bench/embed.py [--data-dir data] [--n 256] [--tokens 128 256]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir", default="data")
    ap.add_argument("--n", type=int, default=256, help="chunks per measurement")
    ap.add_argument("--tokens", type=int, nargs="+", default=[128, 256])
    args = ap.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from ingest.embeddings import MiniLMEmbeddings, embedding_text
    from ingest.reader import IndexReader
    from ingest.store import Store
    from settings import Settings

    settings = Settings(data_dir=Path(args.data_dir))
    rows = IndexReader(Store(settings.index_db, readonly=True)).sample_embeddable(args.n)
    texts = [embedding_text(*r)[: settings.embedding.max_chars] for r in rows][: args.n]
    out: dict = {"chunks": len(texts), "mean_chars": sum(map(len, texts)) / max(len(texts), 1), "runs": []}
    for tokens in args.tokens:
        emb = MiniLMEmbeddings(batch_size=settings.embedding.batch_size, max_seq_length=tokens)
        t0 = time.perf_counter()
        emb.embed_documents(texts[:8])  # loads the model
        load = time.perf_counter() - t0
        t0 = time.perf_counter()
        emb.embed_documents(texts)
        dt = time.perf_counter() - t0
        out["runs"].append({"max_tokens": tokens, "load_s": round(load, 2), "chunks_per_s": round(len(texts) / dt, 1)})
    import torch

    out["torch_threads"] = torch.get_num_threads()
    out["cpus"] = os.cpu_count()
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
