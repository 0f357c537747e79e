"""Dense retrieval: the question's embedding against the vectors of the releases asked about (an exact search in
memory, ``ingest.vectors.ExactVectors``).

In the app, never blocks a question: until the embedding model is warm and the vectors are loaded
(``GuideIndex.warm_up``, which the app starts at launch), dense retrieval is left out and symbol and lexical search
answer. Batch callers (command line, evals, benchmarks: ``GuideIndex.dense_blocking``) wait for the load instead.
Any failure is logged and dense retrieval is left out for ``RETRY_SECONDS``: the vectors are an accelerator, never a
single point of failure.

Measured, not used (bench/retrieval_quality.py, hit@1 / hit@5 / MRR@10 on the 1,000 needles, the plain dev half and
the team's facts): pseudo-relevance feedback (Rocchio: the question's vector moved 0.2 toward the mean of its 20
nearest chunks, searched again) gave needles .525 / .880 / .668 -> .520 / .882 / .664 and the dev half .459 / .824 /
.618 -> .482 / .824 / .634, the dev half's facts stated .849 -> .843. Leaving the design documents out of the dense
search raised every retrieval figure a little (needles .535 / .883 / .677, dev .482 / .835 / .636) but left a
document found by its words alone below the code: "What is the soft memory limit and why was it added?" lost the
soft-memory-limit proposal from its first eight, where it held four places, and the dev half's facts fell to .837.
A vector per comment block inside a definition (with the code lines under it; 32,548 blocks at the default index's
two releases, 6 minutes to embed) found more in the dense list alone (plain dev hit@5 .365 -> .424, hit@20 .588 ->
.647), but fused it did not pay: taken as the chunk's best score, dev hit@5 .835 -> .824; as a second list fused
into the dense one at half weight, dev hit@1 .459 -> .518, hit@5 .835 -> .824, and the needles fell (.525 / .880 /
.668 -> .430 / .856 / .604): a doc comment's words are found in some other definition's inner comment.
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
"""After a failure, dense retrieval is skipped for this long."""


class DenseRetriever:
    name = DENSE

    def __init__(self) -> None:
        self._failed: weakref.WeakKeyDictionary[GuideIndex, float] = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def search(self, index: GuideIndex, query: Query, scope: Scope, k: int) -> Ranking:
        if not scope:
            return Ranking(self.name)
        if not index.dense_ready:
            # loads in the background; a server's question goes on without dense retrieval, a batch run waits
            index.warm_up(wait=index.dense_blocking)
            if not index.dense_ready:
                return Ranking(self.name)
        with self._lock:
            failed = self._failed.get(index)
        if failed is not None and time.monotonic() - failed < RETRY_SECONDS:
            return Ranking(self.name)
        try:
            vector = index.embeddings.embed_query(query.dense_text)
            rowids = index.dense_search(vector, k, scope.tags)
        except Exception as e:  # the vectors are an accelerator, never a single point of failure
            log.warning("dense retrieval failed (%s); symbol and lexical only for the next %.0f s", e, RETRY_SECONDS)
            with self._lock:
                self._failed[index] = time.monotonic()
            return Ranking(self.name)
        with self._lock:
            self._failed.pop(index, None)
        return Ranking(self.name, rowids)


__all__ = ["RETRY_SECONDS", "DenseRetriever"]
