"""Which browser sessions have asked a question: the page-load event that writes the empty panes in the reader's
language must not overwrite an answer's citation cards when it runs after the first question (a slow first load
on a busy machine), so it skips a session that has already asked."""

from __future__ import annotations

import threading
from collections import OrderedDict

LIMIT = 4096  # sessions remembered; the oldest is forgotten first (a page load comes seconds after its session starts)


class AskedSessions:
    def __init__(self, limit: int = LIMIT) -> None:
        self._seen: OrderedDict[str, None] = OrderedDict()
        self._limit = limit
        self._lock = threading.Lock()

    def asked(self, session: str | None) -> None:
        """``session`` has sent a question."""
        if not session:
            return
        with self._lock:
            self._seen[session] = None
            self._seen.move_to_end(session)
            while len(self._seen) > self._limit:
                self._seen.popitem(last=False)

    def has_asked(self, session: str | None) -> bool:
        with self._lock:
            return bool(session) and session in self._seen
