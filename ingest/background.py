"""Embedding in the background of a serving process, so users are not kept waiting: the symbol and lexical
indexes answer at once, and dense retrieval covers more of the index as vectors arrive (newest release first)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ingest.lock import IndexBusyError, index_lock
from ingest.pipeline import IngestReport, check_collection, embed_pending
from ingest.store import Store

if TYPE_CHECKING:
    from ingest.vectors import VectorIndex
    from settings import Settings

log = logging.getLogger(__name__)


EMBED_WORDS = {
    "embed_stopped": "background embedding stopped: {error}",
    "embed_complete": "vectors: complete",
    "embed_progress": (
        "vectors: {done}/{total} embedded ({pct}%, {rate}/s{left}); symbol and lexical search are complete"
    ),
    "embed_left": ", about {minutes} min left",
}
"""The words of :meth:`EmbedStatus.text` in English; a reader's language gives its own under the same keys."""


@dataclass
class EmbedStatus:
    running: bool
    done: int
    total: int
    rate: float
    error: str | None

    @property
    def message(self) -> str:
        return self.text()

    def text(self, words: Mapping[str, str] = EMBED_WORDS) -> str:
        """Where background embedding stands, in ``words`` (``EMBED_WORDS``' keys)."""
        if self.error:
            return words["embed_stopped"].format(error=self.error)
        if self.total == 0:
            return words["embed_complete"]
        pct = 100 * self.done / self.total
        eta = (self.total - self.done) / self.rate if self.rate > 0 else None
        left = words["embed_left"].format(minutes=f"{eta / 60:.0f}") if eta else ""
        return words["embed_progress"].format(
            done=self.done, total=self.total, pct=f"{pct:.0f}", rate=f"{self.rate:.1f}", left=left
        )


class BackgroundEmbedder:
    """Embeds the chunks not yet in the vector store, in a daemon thread; ``stop()`` ends it between batches."""

    def __init__(self, settings: Settings, vectors: VectorIndex, batch: int = 64) -> None:
        self.settings = settings
        self.vectors = vectors
        self.batch = batch
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._total = 0
        self._done = 0
        self._started = 0.0
        self._error: str | None = None

    def start(self) -> BackgroundEmbedder:
        store = Store(self.settings.index_db)
        try:
            self._total = store.count_to_embed()
        finally:
            store.close()
        if self._total:
            self._started = time.monotonic()
            self._thread = threading.Thread(target=self._run, name="background-embedding", daemon=True)
            self._thread.start()
        return self

    def _run(self) -> None:
        try:
            with index_lock(self.settings.data_dir):
                self._embed()
        except IndexBusyError as e:
            self._error = str(e)

    def _embed(self) -> None:
        store = Store(self.settings.index_db)
        report = IngestReport()

        class _Bar:
            def __init__(bar, **_: object) -> None:
                pass

            def __enter__(bar) -> _Bar:
                return bar

            def __exit__(bar, *exc: object) -> None:
                pass

            def update(bar, n: int = 1) -> None:
                self._done += n

            def set_postfix_str(bar, s: str) -> None:
                pass

        try:
            check_collection(store, self.vectors)
            embed_pending(store, self.vectors, report, progress=_Bar, batch=self.batch, should_stop=self._stop.is_set)
            log.info("background embedding finished: %d chunks", report.chunks_embedded)
        except Exception as e:  # reported in the status, never kills the server
            log.exception("background embedding failed")
            self._error = f"{type(e).__name__}: {e}"
        finally:
            store.close()

    def status(self) -> EmbedStatus:
        running = bool(self._thread and self._thread.is_alive())
        elapsed = time.monotonic() - self._started if self._started else 0.0
        rate = self._done / elapsed if elapsed > 0 else 0.0
        total = self._total if running or self._done < self._total else 0
        return EmbedStatus(running, self._done, total, rate, self._error)

    def stop(self, timeout: float = 30) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join(timeout)
