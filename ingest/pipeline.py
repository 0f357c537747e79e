"""From release tags to an index: list each tag's tree, chunk the blobs not seen before, embed the chunks not
embedded before, keep every record's tag list current, and delete what no tag references any more.

Each step commits as it goes, so an interrupted run (even ``kill -9``) resumes on rerun with nothing lost or
duplicated: a blob is marked chunked in the same transaction as its chunks; a chunk is marked embedded only after
Chroma has it (an upsert by stable id, so a repeat is harmless).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import git

from ingest.chunkers import chunk_file
from ingest.embeddings import embedding_text
from ingest.store import ChunkRow, Store, TagRow
from ingest.vectors import VectorIndex

log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = (".go", ".s", ".md", ".html")
MAX_FILE_BYTES = 4 * 1024 * 1024
"""Larger files are recorded with an error and not chunked (no Go source in the corpus comes close)."""


@dataclass(frozen=True)
class Target:
    """One release tag of one repository to index."""

    repo: str
    repo_path: Path
    tag: str
    commit: str
    upstream_ref: str
    permalink: str
    ord: int
    matches: Callable[[str], bool]
    scope_key: str = ""
    """Fingerprint of the paths ``matches`` accepts (the corpus definition's globs)."""


class Progress(Protocol):
    def update(self, n: int = 1) -> Any: ...
    def set_postfix_str(self, s: str) -> Any: ...


ProgressFactory = Callable[..., AbstractContextManager[Progress]]


class _Quiet:
    def update(self, n: int = 1) -> None:
        pass

    def set_postfix_str(self, s: str) -> None:
        pass


def quiet_progress(**_: Any) -> AbstractContextManager[Progress]:
    return nullcontext(_Quiet())


@dataclass
class IngestReport:
    tags_listed: list[str] = field(default_factory=list)
    tags_dropped: list[str] = field(default_factory=list)
    files: int = 0
    blobs_chunked: int = 0
    blob_errors: int = 0
    chunks_added: int = 0
    chunks_deleted: int = 0
    chunks_embedded: int = 0
    embeddings_computed: int = 0
    embeddings_cached: int = 0
    metadata_updated: int = 0
    seconds: float = 0.0


def list_tree(repo: git.Repo, commit: str, matches: Callable[[str], bool]) -> list[tuple[str, str]]:
    """(path, blob id) of the regular files at ``commit`` that the corpus includes and a chunker reads."""
    out = []
    raw = repo.git.ls_tree("-r", "-z", "--full-tree", commit)
    for entry in raw.split("\0"):
        if not entry:
            continue
        meta, path = entry.split("\t", 1)
        mode, kind, sha = meta.split()
        if kind != "blob" or mode == "120000":
            continue
        if path.endswith(SUPPORTED_SUFFIXES) and matches(path):
            out.append((path, sha))
    return out


def sync_tags(store: Store, targets: Sequence[Target], *, drop_others: bool, report: IngestReport) -> None:
    """Record each target tag's file listing (once per commit and corpus globs) and drop indexed tags no longer
    targeted."""
    if drop_others:
        wanted = {(t.repo, t.tag) for t in targets}
        for row in store.tags(listed_only=False):
            if (row.repo, row.tag) not in wanted:
                log.info("dropping %s %s: no longer in the corpus", row.repo, row.tag)
                store.drop_tag(row.repo, row.tag)
                report.tags_dropped.append(row.tag)
    repos: dict[Path, git.Repo] = {}
    for t in targets:
        if store.tag_is_listed(t.repo, t.tag, t.commit, t.scope_key):
            continue
        repo = repos.setdefault(t.repo_path, git.Repo(t.repo_path))
        files = list_tree(repo, t.commit, t.matches)
        n = store.replace_tag_files(
            TagRow(t.repo, t.tag, t.commit, t.upstream_ref, t.permalink, t.ord), files, t.scope_key
        )
        log.info("%s %s: %d files", t.repo, t.tag, n)
        report.tags_listed.append(t.tag)


def chunk_pending(
    store: Store, targets: Sequence[Target], report: IngestReport, progress: ProgressFactory = quiet_progress
) -> None:
    """Chunk every listed blob not chunked yet; each blob with its chunks in one transaction."""
    by_repo = {t.repo: t.repo_path for t in targets}
    for repo_name, repo_path in by_repo.items():
        pending = store.pending_blobs(repo_name)
        if not pending:
            continue
        repo = git.Repo(repo_path)
        with progress(total=len(pending), desc=f"chunk {repo_name}", unit="file") as bar:
            for path, blob in pending:
                data = repo.odb.stream(bytes.fromhex(blob)).read()
                n_lines = data.count(b"\n") + (0 if data.endswith(b"\n") or not data else 1)
                error = None
                chunks: list = []
                if len(data) > MAX_FILE_BYTES:
                    error = f"file of {len(data)} bytes exceeds the {MAX_FILE_BYTES}-byte limit; not chunked"
                    log.warning("%s@%s: %s", path, blob[:10], error)
                elif b"\0" in data[:8192]:
                    error = "binary file (NUL bytes); not chunked"
                    log.warning("%s@%s: %s", path, blob[:10], error)
                else:
                    try:
                        chunks = chunk_file(path, data)
                    except Exception as e:  # one unreadable file must not stop the ingest
                        error = f"{type(e).__name__}: {e}"
                        log.warning("cannot chunk %s (blob %s): %s", path, blob[:10], error)
                store.add_blob_chunks(repo_name, path, blob, chunks, n_lines, error)
                report.blobs_chunked += 1
                report.blob_errors += error is not None
                report.chunks_added += len(chunks)
                bar.update(1)
                bar.set_postfix_str(f"{report.chunks_added} chunks")
        store.bump_generation()  # readers re-read their caches (names, frequencies) once, not per file


def chunk_metadata(row: ChunkRow, tags: list[str]) -> dict[str, Any]:
    """The Chroma metadata of a chunk (Chroma takes no None values; ``tags`` is a list for ``$contains``)."""
    meta: dict[str, Any] = {
        "repo": row.repo,
        "path": row.path,
        "symbol": row.symbol,
        "kind": row.kind,
        "start_line": row.start_line,
        "end_line": row.end_line,
        "first_line": row.first_line,
        "tags": tags,
    }
    for key in ("goos", "goarch"):
        value = getattr(row, key)
        if value:
            meta[key] = value
    return meta


def check_chunker(store: Store) -> None:
    """Chunks made by another chunker version are redone (the collection name changes with it, so the old vectors
    stay apart in their own collection, and the embedding cache spares every text that did not change)."""
    from settings import CHUNKER_VERSION

    found = store.get_meta("chunker_version")
    if found is not None and found != CHUNKER_VERSION:
        log.warning("index chunked by chunker %s, this is %s: chunking again", found, CHUNKER_VERSION)
        store.reset_chunks()
    if found != CHUNKER_VERSION:
        store.set_meta("chunker_version", CHUNKER_VERSION)


def check_collection(store: Store, vectors: VectorIndex) -> int:
    """Embedded flags are per collection: a new model, chunker or a lost Chroma directory means embed again; vectors
    missing from the collection (a damaged or partly restored Chroma directory) are found and embedded again (from
    the cache). Returns how many chunks were marked to embed again."""
    embedded = store.count_embedded()
    if store.get_meta("collection") != vectors.name or (embedded and vectors.count() == 0):
        if embedded:
            log.warning("vector collection %s does not hold this index's vectors; they will be rebuilt", vectors.name)
        n = store.reset_embedded()
        prune_vectors(store, vectors)
        store.set_meta("collection", vectors.name)
        store.set_meta("embedding_model", vectors.embeddings.model_id)
        return n
    if embedded and vectors.count() < embedded:
        missing = store.embedded_ids() - vectors.ids()
        if missing:
            log.warning("%d vectors are missing from collection %s: embedding them again", len(missing), vectors.name)
            return store.reset_embedded(missing)
    return 0


def prune_vectors(store: Store, vectors: VectorIndex) -> int:
    """Delete vectors whose chunk the index no longer has (left by an index rebuilt over an existing collection)."""
    stale = sorted(vectors.ids() - store.chunk_ids())
    vectors.delete(stale)
    if stale:
        log.info("deleted %d vectors of chunks no longer indexed", len(stale))
    return len(stale)


def delete_orphans(store: Store, vectors: VectorIndex | None, report: IngestReport) -> None:
    """Delete what no tag references; vectors too when the vector index is at hand (else later)."""
    if vectors is not None:
        vectors.delete(cid for _, cid, embedded in store.orphan_chunks() if embedded)
    report.chunks_deleted += store.delete_orphans(keep_embedded=vectors is None)


def embed_pending(
    store: Store,
    vectors: VectorIndex,
    report: IngestReport,
    progress: ProgressFactory = quiet_progress,
    batch: int = 256,
    should_stop: Callable[[], bool] = lambda: False,
) -> None:
    """Embed (through the cache) and add to Chroma every chunk not there yet, newest release first."""
    total = store.count_to_embed()
    embeddings = vectors.embeddings
    if total:
        with progress(total=total, desc="embed", unit="chunk") as bar:
            start = time.monotonic()
            done = 0
            while not should_stop() and (rows := store.chunks_to_embed(batch)):
                texts = [embedding_text(r.path, r.symbol, r.header, r.text) for r in rows]
                metas = [chunk_metadata(r, store.chunk_tags(r.repo, r.path, r.blob)) for r in rows]
                hits, misses = embeddings.hits, embeddings.misses
                vectors.add([r.id for r in rows], texts, metas)
                store.mark_embedded([r.rowid for r in rows])
                done += len(rows)
                report.chunks_embedded += len(rows)
                report.embeddings_computed += embeddings.misses - misses
                report.embeddings_cached += embeddings.hits - hits
                bar.update(len(rows))
                rate = done / max(time.monotonic() - start, 1e-6)
                bar.set_postfix_str(f"{rate:.1f} chunks/s, {report.embeddings_cached} cached")
        if done:
            store.bump_generation()  # readers in other processes open the vectors again
    update_dirty_metadata(store, vectors, report)


def update_dirty_metadata(store: Store, vectors: VectorIndex, report: IngestReport) -> None:
    """Chunks whose tag list changed (a tag added or dropped) get their Chroma metadata rewritten."""
    while rows := store.dirty_embedded_chunks(500):
        metas = [chunk_metadata(r, store.chunk_tags(r.repo, r.path, r.blob)) for r in rows]
        vectors.update_metadata([r.id for r in rows], metas)
        store.clear_dirty([r.rowid for r in rows])
        report.metadata_updated += len(rows)
    store.clear_dirty()


def missing_repos(targets: Sequence[Target]) -> list[Path]:
    """Repositories of ``targets`` that are not on disk (deleted since the sync)."""
    return sorted({Path(t.repo_path) for t in targets if not Path(t.repo_path).exists()})


def run(
    store: Store,
    targets: Sequence[Target],
    *,
    vectors: VectorIndex | None,
    drop_others: bool = True,
    progress: ProgressFactory = quiet_progress,
) -> IngestReport:
    """The whole ingest. ``vectors=None`` builds the symbol and lexical indexes only (embedding comes later)."""
    from ingest.errors import ReposMissingError

    t0 = time.monotonic()
    report = IngestReport()
    if missing := missing_repos(targets):
        raise ReposMissingError(missing)
    check_chunker(store)
    sync_tags(store, targets, drop_others=drop_others, report=report)
    chunk_pending(store, targets, report, progress)
    if vectors is not None:
        check_collection(store, vectors)
        delete_orphans(store, vectors, report)
        embed_pending(store, vectors, report, progress)
    else:
        delete_orphans(store, None, report)
    report.files = store.count_files()
    report.seconds = time.monotonic() - t0
    return report
