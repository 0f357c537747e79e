"""Dense retrieval's state for one index: the embedding model and the vectors in memory
(:class:`ingest.vectors.ExactVectors`). :meth:`DenseState.warm_up` loads both in a background thread; until
:attr:`DenseState.ready`, dense retrieval is left out (symbol and lexical search answer), so no question ever waits
for a model load. The snapshot of the vectors is rebuilt in the background when the index gains vectors (the
background embedder, another ingest) or changes (:meth:`DenseState.changed`)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ingest.errors import VectorsMissingError

if TYPE_CHECKING:
    from guide.index import GuideIndex
    from ingest.vectors import ExactVectors

log = logging.getLogger(__name__)

REFRESH_SECONDS = 30.0
"""How often a dense search checks whether the index gained vectors since the snapshot (then rebuilt behind)."""
RETRY_SECONDS = 60.0
"""After a failed warm-up (model or vector store), the next attempt waits this long."""


class DenseState:
    def __init__(self, index: GuideIndex) -> None:
        self.index = index
        self._lock = threading.Lock()
        self._exact: ExactVectors | None = None
        self._warm: threading.Thread | None = None
        self._refreshing: threading.Thread | None = None
        self._error: str | None = None
        self._failed = 0.0
        self._checked = time.monotonic()
        self.coming = False
        """True: vectors are being added in this process (the web app's background embedder): an index without any
        yet has its dense search still to come, not left out by choice (``--no-embed``)."""
        self.blocking = True
        """True: a dense search before the model and vectors are loaded waits for them (command line, evals,
        benchmarks). The app sets False: the first questions go on without dense retrieval meanwhile."""

    @property
    def snapshot(self) -> ExactVectors | None:
        """The vectors in memory (None until loaded)."""
        return self._exact

    def join_refresh(self, timeout: float | None = None) -> bool:
        """Wait for a rebuild of the snapshot that is running; False when none was."""
        thread = self._refreshing
        if thread is None:
            return False
        thread.join(timeout)
        return True

    def changed(self) -> None:
        """The index changed (another release, other vectors): a loaded snapshot is rebuilt behind, the old one
        answering meanwhile."""
        if self._exact is not None:
            self._refresh()

    @property
    def ready(self) -> bool:
        """Whether a dense search answers now: the model is loaded and warm, and the vectors are in memory."""
        return self._exact is not None and self.index.embeddings.ready

    @property
    def model_ready(self) -> bool:
        """Whether the embedding model is loaded and warm (with or without vectors)."""
        return self.index.embeddings.ready

    @property
    def status(self) -> str:
        """``ready``, ``loading``, ``no vectors``, ``not started`` or ``failed: ...`` (for the Status tab, logs)."""
        if self.ready:
            return "ready"
        if self._error:
            return f"failed: {self._error}"
        if self._warm is not None and self._warm.is_alive():
            return "loading"
        return "not started" if self.index.has_vectors else "no vectors"

    def searched(self) -> tuple[int, int] | None:
        """(passages a dense search reads now, passages that will have vectors) when a dense search does not read
        them all: the vectors are still being built or loaded, or dense retrieval failed; None when it reads all,
        or nothing is to be embedded, or the index has no vectors and none are being added (built with
        ``--no-embed``: the Status tab says how to add them). Two indexed counts, no scan of the chunks."""
        pending, embedded = self.index.store.count_to_embed(), self.index.reader.count_embedded()
        snap = self._exact if self.ready else None
        if snap is not None and not pending and snap.embedded >= embedded:
            return None
        total = embedded + pending
        if not total or not (embedded or self.coming):  # no vectors, none coming: dense search is off by choice
            return None
        return min(snap.embedded if snap is not None else 0, total), total

    def warm_up(self, wait: bool = False) -> threading.Thread | None:
        """Load the embedding model and the vectors in a background thread, once (a call while it runs, or after
        it succeeded, starts nothing; after a failure, a new attempt waits ``RETRY_SECONDS``). ``wait`` joins it.
        Returns the thread (None when nothing is to be done)."""
        with self._lock:
            thread = self._warm
            if self.ready or (thread is not None and thread.is_alive()):
                pass
            elif self._error and time.monotonic() - self._failed < RETRY_SECONDS:
                thread = None
            else:
                thread = self._warm = threading.Thread(target=self._load, name="dense-warm-up", daemon=True)
                thread.start()
        if wait and thread is not None:
            thread.join()
        return thread

    def _load(self) -> None:
        try:
            t0 = time.perf_counter()
            self.index.embeddings.load()
            model_s = time.perf_counter() - t0
            if self.index.has_vectors:
                from ingest.vectors import single_thread_blas

                problem = self.index.vectors_problem()
                if problem:  # said to users as it is (notes, Status); dense retrieval stays off until it is fixed
                    raise VectorsMissingError(problem)

                single_thread_blas()
                self._exact = self._snapshot()
                log.info(
                    "dense retrieval ready: model %.2f s, %d vectors (%d distinct, %.0f MB) in %.2f s",
                    model_s, len(self._exact), len(self._exact.vectors), self._exact.nbytes / 1e6,
                    time.perf_counter() - t0,
                )  # fmt: skip
            self._error = None
        except VectorsMissingError as e:  # a known state with its fix in the message: said, no traceback
            log.warning("dense retrieval off: %s", e)
            self._error = f"{type(e).__name__}: {e}"
            self._failed = time.monotonic()
        except Exception as e:  # dense retrieval is an accelerator: symbol and lexical search still answer
            log.exception("dense retrieval could not start; symbol and lexical search only (retried later)")
            self._error = f"{type(e).__name__}: {e}"
            self._failed = time.monotonic()

    def _snapshot(self) -> ExactVectors:
        """Every embedded chunk's vector, keyed by its text: read from the embedding cache (one vector per distinct
        text; ~1 s and ~75 MB at nine releases), the few the cache lacks from the vector store (reading all 124k
        from Chroma takes 6-17 s and ~400 MB more memory). Release membership from the SQLite index."""
        from ingest.embeddings import embedding_text
        from ingest.vectors import ExactVectors

        emb = self.index.embeddings
        self.index.fresh_vectors()
        writes = self.index.vectors.writes if "vectors" in self.index.__dict__ else 0
        embedded = self.index.reader.count_embedded()
        key_of: dict[int, str] = {}
        id_of_key: dict[str, str] = {}
        for rowid, cid, path, symbol, header, text in self.index.reader.embedded_texts():
            key = key_of[rowid] = emb.text_key(embedding_text(path, symbol, header, text))
            id_of_key.setdefault(key, cid)
        batches = list(emb.cached_vectors(list(id_of_key)))
        missing = set(id_of_key) - {k for keys, _ in batches for k in keys}
        if missing:  # not in the cache (deleted, or the vectors were built elsewhere): from the vector store
            log.info("%d of %d vectors not in the embedding cache: reading them from the vector store",
                     len(missing), len(id_of_key))  # fmt: skip
            key_by_id = {id_of_key[k]: k for k in missing}
            for ids, array in self.index.vectors.vectors_of(sorted(key_by_id)):
                batches.append(([key_by_id[i] for i in ids], array))
        chunks = (
            (rowid, key_of[rowid], tag) for rowid, _, tag in self.index.reader.embedded_chunks() if rowid in key_of
        )
        snap = ExactVectors.build(chunks, batches, writes)
        snap.embedded = embedded
        return snap

    def search(self, vector: Sequence[float], k: int, tags: Sequence[str]) -> list[int]:
        """Rowids of the ``k`` chunks of ``tags`` nearest to ``vector``, exact (see ``ExactVectors``); empty until
        the vectors are loaded. Starts a rebuild behind when the index gained vectors."""
        snap = self._exact
        if snap is None:
            return []
        now = time.monotonic()
        if now - self._checked >= REFRESH_SECONDS:
            self._checked = now
            vectors = self.index.__dict__.get("vectors")  # opened by a writer in this process (the background embedder)
            writes = vectors.writes if vectors is not None else 0
            if snap.writes != writes or snap.embedded != self.index.reader.count_embedded():
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


__all__ = ["REFRESH_SECONDS", "RETRY_SECONDS", "DenseState"]
