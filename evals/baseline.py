"""The naive baseline: a plain LangChain retriever over recursive-split chunks, for side-by-side retrieval numbers.

What it is, on purpose: ``RecursiveCharacterTextSplitter.from_language(Language.GO)`` (chunk_size 1500, overlap
150) over a *fixed* subset of the sources, embedded with the project's own model (``cached_embeddings``), in its own
Chroma database (``<data_dir>/evals/baseline-chroma``), searched by plain similarity filtered by release tag. No
symbol table, no lexical search, no fusion.

The subset (:data:`SUBSET`, the same for every fact set; it is not chosen from the items): at every indexed Go
release, the platform-neutral ``src/runtime/*.go`` (top level; no ``_test.go``; no file whose name carries a GOOS or
GOARCH suffix, e.g. ``os_linux.go``, ``sys_x86.go``, ``netpoll_epoll.go`` stays: ``epoll`` is no GOOS) and
``src/cmd/compile/internal/{escape,syntax,gc}/*.go`` (no ``_test.go``). ``ssagen`` and the platform files are left
out only to keep the build under ten minutes on two cores (~20 chunks/s when idle). Anything a fact expects
outside it (assembly, ``internal/runtime/maps``, ``internal/abi``, ``ssagen``, design documents) the baseline
cannot find: that is part of what it measures, and the report says so.

Built once and persisted; rebuilt only when its manifest is missing or describes a different build.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ingest.buildtags import KNOWN_ARCH, KNOWN_OS

if TYPE_CHECKING:
    from guide.index import GuideIndex
    from settings import Settings

log = logging.getLogger(__name__)

CHUNK_SIZE = 1500
CHUNK_OVERLAP = 150
SUBSET = (
    r"^src/runtime/[^/]+\.go$",
    r"^src/cmd/compile/internal/(escape|syntax|gc)/[^/]+\.go$",
)
_SUBSET_RE = [re.compile(p) for p in SUBSET]
BATCH = 256


def _platform_specific(path: str) -> bool:
    parts = path.rsplit("/", 1)[-1].removesuffix(".go").split("_")[1:]
    return any(p in KNOWN_OS or p in KNOWN_ARCH for p in parts)


def in_subset(path: str) -> bool:
    if path.endswith("_test.go") or not any(r.match(path) for r in _SUBSET_RE):
        return False
    return not (path.startswith("src/runtime/") and _platform_specific(path))


def baseline_dir(settings: Settings) -> Path:
    return settings.data_dir / "evals" / "baseline-chroma"


def _spec(model_id: str, tags: list[str]) -> dict[str, Any]:
    return {
        "splitter": "RecursiveCharacterTextSplitter.from_language(Language.GO)",
        "chunk_size": CHUNK_SIZE,
        "chunk_overlap": CHUNK_OVERLAP,
        "subset": list(SUBSET),
        "exclude": "_test.go; src/runtime files with a GOOS/GOARCH name suffix",
        "tags": tags,
        "model": model_id,
    }


def _collection_name(spec: dict[str, Any]) -> str:
    return "evals-baseline-" + hashlib.sha256(json.dumps(spec, sort_keys=True).encode()).hexdigest()[:12]


def split_file(text: str) -> list[tuple[str, int, int]]:
    """Chunks of one file as (text, start_line, end_line), 1-based inclusive."""
    from langchain_text_splitters import Language, RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter.from_language(
        Language.GO, chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP, add_start_index=True
    )
    out = []
    for doc in splitter.create_documents([text]):
        start = int(doc.metadata["start_index"])
        if start < 0:  # not found again (should not happen): skip rather than cite wrong lines
            continue
        first = text.count("\n", 0, start) + 1
        last = first + doc.page_content.count("\n")
        out.append((doc.page_content, first, last))
    return out


@dataclass
class Baseline:
    store: Any  # langchain_chroma.Chroma
    manifest: dict[str, Any]

    def search(self, query: str, tags: list[str], k: int = 5) -> list[dict[str, Any]]:
        """Top ``k`` chunks at ``tags``, as retrieved entries (version, path, start_line, end_line)."""
        flt: dict[str, Any] = {"tag": tags[0]} if len(tags) == 1 else {"tag": {"$in": list(tags)}}
        docs = self.store.similarity_search(query, k=k, filter=flt)
        return [
            {
                "version": d.metadata["tag"],
                "path": d.metadata["path"],
                "start_line": int(d.metadata["start_line"]),
                "end_line": int(d.metadata["end_line"]),
            }
            for d in docs
        ]


def open_baseline(index: GuideIndex, *, build: bool = True, progress: bool = True) -> Baseline:
    """The baseline's vector store, building it first when it is missing (or was built differently)."""
    import chromadb
    from langchain_chroma import Chroma

    from ingest.embeddings import cached_embeddings

    settings = index.settings
    emb = cached_embeddings(settings)
    tags = list(index.releases)
    spec = _spec(emb.model_id, tags)
    root = baseline_dir(settings)
    root.mkdir(parents=True, exist_ok=True)
    manifest_path = root / "manifest.json"
    client = chromadb.PersistentClient(path=str(root), settings=chromadb.config.Settings(anonymized_telemetry=False))
    name = _collection_name(spec)

    def open_store() -> Chroma:
        return Chroma(
            collection_name=name, embedding_function=emb, client=client, collection_metadata={"hnsw:space": "cosine"}
        )

    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text())
        if manifest.get("spec") == spec and manifest.get("collection") == name:
            return Baseline(open_store(), manifest)
    if not build:
        raise RuntimeError(f"no baseline at {root}: run `python -m evals baseline --build`")
    if name in {c.name for c in client.list_collections()}:  # a half-built one from an interrupted run: start over
        client.delete_collection(name)
    store = open_store()
    manifest = _build(index, store, spec, name, progress)
    manifest_path.write_text(json.dumps(manifest, indent=2))
    return Baseline(store, manifest)


def _build(index: GuideIndex, store: Any, spec: dict[str, Any], name: str, progress: bool) -> dict[str, Any]:
    t0 = time.monotonic()
    files = 0
    texts: list[str] = []
    metas: list[dict[str, Any]] = []
    for tag in spec["tags"]:
        v = index.version(tag)
        assert v is not None
        repo = index.repo(v.repo)
        paths = [p for p in repo.git.ls_tree("-r", "--name-only", tag, "src/").split("\n") if in_subset(p)]
        for path in sorted(paths):
            data = repo.git.show(f"{tag}:{path}", stdout_as_string=False)
            text = data.decode("utf-8", errors="replace")
            files += 1
            for chunk, a, b in split_file(text):
                texts.append(chunk)
                metas.append({"tag": tag, "path": path, "start_line": a, "end_line": b})
    log.info("baseline: %d files, %d chunks to add", files, len(texts))
    for i in range(0, len(texts), BATCH):
        ids = [
            hashlib.sha1(f"{m['tag']}|{m['path']}|{m['start_line']}".encode()).hexdigest() for m in metas[i : i + BATCH]
        ]
        store.add_texts(texts[i : i + BATCH], metadatas=metas[i : i + BATCH], ids=ids)
        if progress:
            done = min(i + BATCH, len(texts))
            rate = done / max(time.monotonic() - t0, 1e-9)
            print(f"baseline: {done}/{len(texts)} chunks ({rate:.1f}/s)", flush=True)
    return {
        "spec": spec,
        "collection": name,
        "files": files,
        "chunks": len(texts),
        "build_seconds": round(time.monotonic() - t0, 1),
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }
