"""Ingest benchmark. Prints JSON.

Stage A (full corpus scope, symbol + lexical indexes): go1.21.13 + go1.27.3, then adding go1.24.11: files, unique
blobs, chunks, unique chunks, seconds, lines chunked per second, index size, peak RSS.
Stage B (embedding, same subset for both): the first ``--sample`` files of ``src/runtime/*.go`` present in all three
releases; ours (symbol-aware chunks, compact texts, cache by text hash) against a naive LangChain pipeline
(documents from the checked-out files + ``RecursiveCharacterTextSplitter.from_language(Language.GO)`` +
``Chroma.from_documents``, same MiniLM), over the three releases.

    python bench/ingest.py --repo data/repos/go.git [--sample 60]

The repository must hold the three tags (``python -m corpus sync --tags go1.21.13 go1.24.11 go1.27.3``).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

FIRST, SECOND, THIRD = "go1.21.13", "go1.27.3", "go1.24.11"


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _targets(repo_path: Path, tags: list[str], matches):  # type: ignore[no-untyped-def]
    import git

    from corpus.definition import load_corpus
    from ingest.targets import make_targets

    repo = git.Repo(repo_path)
    d = load_corpus("default").repo("go")
    return make_targets("go", repo_path, {t: (repo.commit(t).hexsha, t) for t in tags}, d.permalink, matches)


def stage_a(repo_path: Path) -> dict:
    from corpus.definition import load_corpus
    from ingest.pipeline import run
    from ingest.reader import IndexReader
    from ingest.store import Store

    matches = load_corpus("default").repo("go").matches
    out: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "index.sqlite")
        steps = (("first", [FIRST]), ("add_second", [FIRST, SECOND]), ("add_third", [FIRST, SECOND, THIRD]))
        for label, tags in steps:
            t0 = time.perf_counter()
            rep = run(store, _targets(repo_path, tags, matches), vectors=None)
            dt = time.perf_counter() - t0
            counts = IndexReader(store).counts()
            counts.pop("chunks_embedded")
            out[label] = {
                "tags": tags,
                "seconds_lexical_symbol_ready": round(dt, 1),
                "blobs_chunked": rep.blobs_chunked,
                "chunks_added": rep.chunks_added,
                **counts,
                "index_bytes": _size(Path(tmp)),
            }
        store.close()
    first, second, third = (out[k]["seconds_lexical_symbol_ready"] for k in ("first", "add_second", "add_third"))
    out["two_releases_ready_s"] = round(first + second, 1)
    out["third_release_cost_ratio"] = round(third / first, 3)
    out["chunking"] = chunk_speed(repo_path, matches)
    return out


def chunk_speed(repo_path: Path, matches) -> dict:  # type: ignore[no-untyped-def]
    """Lines per second of the chunkers alone, over every corpus file of go1.27.3."""
    import git

    from ingest.chunkers import chunk_file
    from ingest.pipeline import list_tree

    repo = git.Repo(repo_path)
    files = list_tree(repo, repo.commit(SECOND).hexsha, matches)
    blobs = [repo.odb.stream(bytes.fromhex(sha)).read() for _, sha in files]
    lines = sum(b.count(b"\n") for b in blobs)
    t0 = time.perf_counter()
    chunks = sum(len(chunk_file(p, b)) for (p, _), b in zip(files, blobs, strict=True))
    dt = time.perf_counter() - t0
    return {
        "files": len(files),
        "lines": lines,
        "chunks": chunks,
        "seconds": round(dt, 1),
        "lines_per_s": round(lines / dt),
    }


def _sample(repo_path: Path, n: int) -> list[str]:
    import git

    repo = git.Repo(repo_path)
    per_tag = []
    for tag in (FIRST, SECOND, THIRD):
        tree = repo.commit(tag).tree / "src" / "runtime"
        per_tag.append({b.name for b in tree.blobs if b.name.endswith(".go") and not b.name.endswith("_test.go")})
    common = sorted(set.intersection(*per_tag))
    return [f"src/runtime/{name}" for name in common[:n]]


def stage_b(repo_path: Path, sample: list[str]) -> dict:
    import chromadb
    import git
    from langchain_chroma import Chroma
    from langchain_core.documents import Document
    from langchain_text_splitters import Language, RecursiveCharacterTextSplitter

    from ingest.embeddings import CachedEmbeddings, OnnxMiniLMEmbeddings
    from ingest.pipeline import run
    from ingest.store import Store
    from ingest.vectors import VectorIndex
    from settings import Settings

    wanted = set(sample)
    model = OnnxMiniLMEmbeddings()  # 128 word pieces, as the project embeds
    model.embed_documents(["warm up"])
    out: dict = {"sample_files": len(sample), "ours": {}, "naive": {}}
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp) / "ours")
        store = Store(settings.index_db)
        emb = CachedEmbeddings(model, settings.embedding_cache_db, settings.embedding.max_chars)
        vs = VectorIndex(settings, emb)
        total = 0.0
        for label, tags in (("two_releases", [FIRST, SECOND]), ("add_third", [FIRST, SECOND, THIRD])):
            t0 = time.perf_counter()
            rep = run(store, _targets(repo_path, tags, wanted.__contains__), vectors=vs)
            dt = time.perf_counter() - t0
            total += dt
            out["ours"][label] = {
                "seconds": round(dt, 1),
                "chunks_added": rep.chunks_added,
                "chunks_embedded": rep.chunks_embedded,
                "embeddings_computed": rep.embeddings_computed,
                "embeddings_cached": rep.embeddings_cached,
            }
        out["ours"]["seconds_three_releases"] = round(total, 1)
        store.close()

        repo = git.Repo(repo_path)
        splitter = RecursiveCharacterTextSplitter.from_language(Language.GO, chunk_size=1000, chunk_overlap=100)
        client = chromadb.PersistentClient(path=str(Path(tmp) / "naive"))
        naive_total, naive_chunks = 0.0, 0
        for tag in (FIRST, SECOND, THIRD):
            t0 = time.perf_counter()
            checkout = Path(tmp) / "checkout" / tag
            for path in sample:  # the checked-out tree of the subset
                dest = checkout / path
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_bytes((repo.commit(tag).tree / path).data_stream.read())
            docs = [
                Document(page_content=p.read_text(errors="replace"), metadata={"source": str(p), "tag": tag})
                for p in sorted(checkout.rglob("*.go"))
            ]
            chunks = splitter.split_documents(docs)
            Chroma.from_documents(
                chunks, embedding=model, collection_name=f"naive-{tag.replace('.', '-')}", client=client
            )
            dt = time.perf_counter() - t0
            naive_total += dt
            naive_chunks += len(chunks)
            out["naive"][tag] = {"seconds": round(dt, 1), "chunks": len(chunks)}
        out["naive"]["seconds_three_releases"] = round(naive_total, 1)
        out["naive"]["chunks_embedded"] = naive_chunks
    out["speedup_naive_over_ours"] = round(naive_total / total, 2) if total else None
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repo", type=Path, default=Path("data/repos/go.git"))
    ap.add_argument("--sample", type=int, default=60, help="src/runtime files embedded by both pipelines")
    ap.add_argument("--skip-embedding", action="store_true")
    args = ap.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    result: dict = {"repo": str(args.repo), "cpus": os.cpu_count(), "stage_a": stage_a(args.repo)}
    if not args.skip_embedding:
        result["stage_b"] = stage_b(args.repo, _sample(args.repo, args.sample))
    a = result["stage_a"]
    result["targets"] = {
        "lexical_symbol_ready_two_releases_le_90s": a["two_releases_ready_s"] <= 90,
        "third_release_le_35pct_of_first": a["third_release_cost_ratio"] <= 0.35,
        "chunking_ge_200k_lines_per_s": a["chunking"]["lines_per_s"] >= 200_000,
        "ge_3x_faster_than_naive": (result.get("stage_b") or {}).get("speedup_naive_over_ours", 0) >= 3,
    }
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
