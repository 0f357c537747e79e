"""Dense retrieval: the question's embedding against the vector index, within the releases asked about.

Skipped when nothing is embedded yet; any vector-store failure is logged and dense retrieval is left out for
``RETRY_SECONDS`` (symbol and lexical search still answer): the vectors are an accelerator, never a single point of
failure.
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from typing import TYPE_CHECKING

from guide.retrieval.base import DENSE, Ranking, Scope

if TYPE_CHECKING:
    from guide.index import GuideIndex
    from guide.query import Query

log = logging.getLogger(__name__)

RETRY_SECONDS = 60.0
"""After a vector-store failure, dense retrieval is skipped for this long (a failing store can take seconds)."""


class DenseRetriever:
    name = DENSE

    def __init__(self) -> None:
        self._failed: weakref.WeakKeyDictionary[GuideIndex, float] = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def search(self, index: GuideIndex, query: Query, scope: Scope, k: int) -> Ranking:
        if not scope or not index.dense_ready:
            return Ranking(self.name)
        with self._lock:
            failed = self._failed.get(index)
        if failed is not None and time.monotonic() - failed < RETRY_SECONDS:
            return Ranking(self.name)
        reader = index.reader
        tags = scope.tags

        def in_scope(ids: list[str]) -> list[str]:
            rows = reader.chunks_by_id(ids)
            keep = set(reader.in_scope([r.rowid for r in rows], tags))
            return [r.id for r in rows if r.rowid in keep]

        try:
            vector = index.embeddings.embed_query(query.dense_text)
            ids = index.vectors.search(vector, k, tags, in_scope)
        except Exception as e:  # the vector store is an accelerator, never a single point of failure
            log.warning("dense retrieval failed (%s); symbol and lexical only for the next %.0f s", e, RETRY_SECONDS)
            with self._lock:
                self._failed[index] = time.monotonic()
            return Ranking(self.name)
        with self._lock:
            self._failed.pop(index, None)
        return Ranking(self.name, [c.rowid for c in reader.chunks_by_id(ids)])


__all__ = ["RETRY_SECONDS", "DenseRetriever"]
