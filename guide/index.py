"""One handle on the built index for everything in guide/: the read side of the SQLite index (``reader``), the
vectors and the release trees in git.

Dense retrieval needs the embedding model and the vectors in memory (:class:`ingest.vectors.ExactVectors`).
:meth:`GuideIndex.warm_up` loads both in a background thread; until :attr:`GuideIndex.dense_ready`, dense retrieval
is left out (symbol and lexical search answer), so no question ever waits for a model load. The snapshot of the
vectors is rebuilt in the background when the index gains vectors (the background embedder, another ingest)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import git

from ingest.reader import IndexReader
from ingest.store import Store, TagRow
from ingest.targets import version_key

if TYPE_CHECKING:
    from ingest.embeddings import CachedEmbeddings
    from ingest.vectors import ExactVectors, VectorIndex
    from settings import Settings

log = logging.getLogger(__name__)

REFRESH_SECONDS = 30.0
"""How often a dense search checks whether the index gained vectors since the snapshot (then rebuilt behind)."""
RETRY_SECONDS = 60.0
"""After a failed warm-up (model or vector store), the next attempt waits this long."""


class IndexMissingError(RuntimeError):
    """There is no index yet; the message says how to build one."""


@dataclass(frozen=True)
class Version:
    repo: str
    tag: str
    commit: str
    upstream_ref: str
    permalink: str


class GuideIndex:
    def __init__(self, settings: Settings, store: Store | None = None) -> None:
        self.settings = settings
        if store is None:
            if not settings.index_db.exists():
                raise IndexMissingError(
                    f"no index at {settings.index_db}: build it with `make run`, or `python -m corpus sync` "
                    "then `python -m ingest`"
                )
            store = Store(settings.index_db, readonly=True)
        self.store = store
        self.reader = IndexReader(store)
        self._lock = threading.Lock()
        self._git_lock = threading.Lock()
        """GitPython reads through one ``git cat-file --batch`` process per repository: one reader at a time."""
        self._repos: dict[str, git.Repo] = {}
        self._lines: dict[tuple[str, str, str], list[str] | None] = {}
        self._exact: ExactVectors | None = None
        self._warm: threading.Thread | None = None
        self._refreshing: threading.Thread | None = None
        self._dense_error: str | None = None
        self._dense_failed = 0.0
        self._checked = time.monotonic()
        self.dense_blocking = True
        """True: a dense search before the model and vectors are loaded waits for them (command line, evals,
        benchmarks). The app sets False: the first questions go on without dense retrieval meanwhile."""

    # -- versions ------------------------------------------------------------------------------------------------
    @cached_property
    def versions(self) -> list[Version]:
        """Indexed tags, Go releases in release order, then others (``design``)."""
        rows: list[TagRow] = self.store.tags()
        rows.sort(key=lambda r: version_key(r.tag))
        return [Version(r.repo, r.tag, r.commit_sha, r.upstream_ref, r.permalink) for r in rows]

    @property
    def releases(self) -> list[str]:
        """Indexed Go release tags, oldest first."""
        return [v.tag for v in self.versions if v.repo == "go"]

    def version(self, tag: str) -> Version | None:
        return next((v for v in self.versions if v.tag == tag), None)

    # -- sources -------------------------------------------------------------------------------------------------
    def repo(self, name: str) -> git.Repo:
        with self._lock:
            if name not in self._repos:
                self._repos[name] = git.Repo(self.settings.repo_path(name))
            return self._repos[name]

    def blob_id(self, tag: str, path: str) -> str | None:
        v = self.version(tag)
        return self.reader.blob(v.repo, tag, path) if v is not None else None

    def file_lines(self, tag: str, path: str) -> list[str] | None:
        """The lines of ``path`` at ``tag`` (only files in the index; None otherwise), read from git."""
        key = ("", tag, path)
        if key in self._lines:
            return self._lines[key]
        v = self.version(tag)
        blob = self.blob_id(tag, path)
        lines = None
        if v is not None and blob is not None:
            repo = self.repo(v.repo)
            with self._git_lock:
                data = repo.odb.stream(bytes.fromhex(blob)).read()
            lines = data.decode("utf-8", errors="replace").split("\n")
            if lines and lines[-1] == "":
                lines.pop()
            lines = [ln.removesuffix("\r") for ln in lines]
        with self._lock:
            if len(self._lines) > 256:
                self._lines.clear()
            self._lines[key] = lines
        return lines

    def excerpt(self, tag: str, path: str, start: int, end: int) -> str | None:
        lines = self.file_lines(tag, path)
        if lines is None or start < 1 or end > len(lines) or start > end:
            return None
        return "\n".join(lines[start - 1 : end])

    def permalink(self, tag: str, path: str, start: int, end: int) -> str:
        v = self.version(tag)
        if v is None:
            raise KeyError(tag)
        return v.permalink.format(ref=v.upstream_ref, path=path, start=start, end=end)

    # -- vectors -------------------------------------------------------------------------------------------------
    @cached_property
    def embeddings(self) -> CachedEmbeddings:
        from ingest.embeddings import cached_embeddings

        return cached_embeddings(self.settings)

    @cached_property
    def vectors(self) -> VectorIndex:
        from ingest.vectors import VectorIndex

        return VectorIndex(self.settings, self.embeddings)

    @property
    def has_vectors(self) -> bool:
        """Whether any chunk is embedded (a fresh index may have symbol and lexical search only)."""
        return self.reader.any_embedded()

    @property
    def dense_ready(self) -> bool:
        """Whether a dense search answers now: the model is loaded and warm, and the vectors are in memory."""
        return self._exact is not None and self.embeddings.ready

    @property
    def dense_status(self) -> str:
        """``ready``, ``loading``, ``no vectors``, ``not started`` or ``failed: ...`` (for the Status tab, logs)."""
        if self.dense_ready:
            return "ready"
        if self._dense_error:
            return f"failed: {self._dense_error}"
        if self._warm is not None and self._warm.is_alive():
            return "loading"
        return "not started" if self.has_vectors else "no vectors"

    def warm_up(self, wait: bool = False) -> threading.Thread | None:
        """Load the embedding model and the vectors in a background thread, once (a call while it runs, or after
        it succeeded, starts nothing; after a failure, a new attempt waits ``RETRY_SECONDS``). ``wait`` joins it.
        Returns the thread (None when nothing is to be done)."""
        with self._lock:
            thread = self._warm
            if self.dense_ready or (thread is not None and thread.is_alive()):
                pass
            elif self._dense_error and time.monotonic() - self._dense_failed < RETRY_SECONDS:
                thread = None
            else:
                thread = self._warm = threading.Thread(target=self._load_dense, name="dense-warm-up", daemon=True)
                thread.start()
        if wait and thread is not None:
            thread.join()
        return thread

    def _load_dense(self) -> None:
        try:
            t0 = time.perf_counter()
            self.embeddings.load()
            model_s = time.perf_counter() - t0
            if self.has_vectors:
                from ingest.vectors import single_thread_blas

                single_thread_blas()
                self._exact = self._snapshot()
                log.info(
                    "dense retrieval ready: model %.2f s, %d vectors (%d distinct, %.0f MB) in %.2f s",
                    model_s, len(self._exact), len(self._exact.vectors), self._exact.nbytes / 1e6,
                    time.perf_counter() - t0,
                )  # fmt: skip
            self._dense_error = None
        except Exception as e:  # dense retrieval is an accelerator: symbol and lexical search still answer
            log.exception("dense retrieval could not start; symbol and lexical search only (retried later)")
            self._dense_error = f"{type(e).__name__}: {e}"
            self._dense_failed = time.monotonic()

    def _snapshot(self) -> ExactVectors:
        """Every embedded chunk's vector, keyed by its text: read from the embedding cache (one vector per distinct
        text; ~1 s and ~75 MB at nine releases), the few the cache lacks from the vector store (reading all 124k
        from Chroma takes 6-17 s and ~400 MB more memory). Release membership from the SQLite index."""
        from ingest.embeddings import embedding_text
        from ingest.vectors import ExactVectors

        emb = self.embeddings
        writes = self.vectors.writes if "vectors" in self.__dict__ else 0
        embedded = self.reader.count_embedded()
        key_of: dict[int, str] = {}
        id_of_key: dict[str, str] = {}
        for rowid, cid, path, symbol, header, text in self.reader.embedded_texts():
            key = key_of[rowid] = emb.text_key(embedding_text(path, symbol, header, text))
            id_of_key.setdefault(key, cid)
        batches = list(emb.cached_vectors(list(id_of_key)))
        missing = set(id_of_key) - {k for keys, _ in batches for k in keys}
        if missing:  # not in the cache (deleted, or the vectors were built elsewhere): from the vector store
            log.info("%d of %d vectors not in the embedding cache: reading them from the vector store",
                     len(missing), len(id_of_key))  # fmt: skip
            key_by_id = {id_of_key[k]: k for k in missing}
            for ids, array in self.vectors.vectors_of(sorted(key_by_id)):
                batches.append(([key_by_id[i] for i in ids], array))
        chunks = ((rowid, key_of[rowid], tag) for rowid, _, tag in self.reader.embedded_chunks() if rowid in key_of)
        snap = ExactVectors.build(chunks, batches, writes)
        snap.embedded = embedded
        return snap

    def dense_search(self, vector: Sequence[float], k: int, tags: Sequence[str]) -> list[int]:
        """Rowids of the ``k`` chunks of ``tags`` nearest to ``vector``, exact (see ``ExactVectors``); empty until
        the vectors are loaded. Starts a rebuild behind when the index gained vectors."""
        snap = self._exact
        if snap is None:
            return []
        now = time.monotonic()
        if now - self._checked >= REFRESH_SECONDS:
            self._checked = now
            vectors = self.__dict__.get("vectors")  # opened by a writer in this process (the background embedder)
            writes = vectors.writes if vectors is not None else 0
            if snap.writes != writes or snap.embedded != self.reader.count_embedded():
                self._refresh()
        return snap.search(vector, k, tags)

    def _refresh(self) -> None:
        with self._lock:
            if self._refreshing is not None and self._refreshing.is_alive():
                return

            def run() -> None:
                try:
                    self._exact = self._snapshot()
                    log.info("dense vectors reloaded: %d", len(self._exact))
                except Exception:
                    log.exception("reloading the vectors failed; the previous snapshot still answers")

            self._refreshing = threading.Thread(target=run, name="dense-refresh", daemon=True)
            self._refreshing.start()

    def close(self) -> None:
        self.store.close()


def open_index(settings: Settings | None = None, data_dir: Path | None = None) -> GuideIndex:
    from settings import get_settings

    s = settings or get_settings()
    if data_dir is not None:
        s = s.model_copy(update={"data_dir": data_dir})
    return GuideIndex(s)
