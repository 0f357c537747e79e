"""Message retrieval: the code that says a message the question quotes or pastes ("fatal error: out of memory",
"panic: assignment to entry in nil map", a crash's whole output; ``guide.words.quoted_messages``): the chunks with a
string literal holding the message, or, for a crash's output, the longest run of its first words that one holds
(``runtime: goroutine stack exceeds 1000000000-byte limit`` is printed as ``print("runtime: goroutine stack exceeds
", maxstacksize, "-byte limit\\n")``). The places that say it come in the order the lexical search ranks them for the
whole question. A message found so is as decisive as an identifier named (the fusion weighs the list as the symbol
list): the question shows what the program printed, and the code that prints it is the place to start. When that
code is a small helper that only says it (``panicmemAddr``'s one ``panic(...)``), its callers follow it in the list
(``sigpanic``, which turns the fault of a nil pointer dereference into that panic): the helper says what was printed,
its caller says when and why. So do the users of a variable that holds it (an error value: ``errNilAssign``)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from guide.retrieval.base import MESSAGE, Ranking, Scope
from guide.retrieval.callers import find_callers, find_users, linked_names
from guide.retrieval.lexical import lexical_query
from ingest.symbols import bare_name
from ingest.tokens import STOP_WORDS

if TYPE_CHECKING:
    from guide.index import GuideIndex
    from guide.query import Query

MAX_WORDS = 12
"""The longest run of a message's first words looked up (a pasted trace goes on with frames)."""
MIN_WORDS = 2
HELPER_LINES = 5
"""A function or method of at most this many lines (declaration to closing brace) that says a message is a helper:
its callers are where the message comes from."""
HELPER_CALLERS = 2
"""How many callers of a helper follow it (the runtime's first; other platforms' copies fold into one hit)."""


def _in_literal(text: str, phrase: str) -> bool:
    """Whether ``phrase`` is inside a Go string literal of ``text``."""
    return re.search(r'"[^"\n]*' + re.escape(phrase) + r'[^"\n]*"', text) is not None


def said_by(index: GuideIndex, message: str, scope: Scope, k: int, runs: bool = True) -> list[int]:
    """Rowids of the code chunks in ``scope`` whose string literals hold ``message``, or (with ``runs``) the longest
    run of its first words that some literal holds (at least ``MIN_WORDS`` words, one of them no stop word)."""
    words = message.split()[:MAX_WORDS]
    shortest = MIN_WORDS if runs else len(words)
    for n in range(len(words), shortest - 1, -1):
        phrase = " ".join(words[:n])
        if all(w.lower().strip(":!.,") in STOP_WORDS for w in words[:n]):
            continue
        found = [r for r, text in index.reader.code_chunks_saying(phrase) if _in_literal(text, phrase)]
        in_scope = index.reader.chunk_tags(found, scope.tags) if found else {}
        kept = [r for r in found if r in in_scope]
        if kept:
            return kept[:k]
    return []


class MessageRetriever:
    name = MESSAGE

    def search(self, index: GuideIndex, query: Query, scope: Scope, k: int) -> Ranking:
        out: list[int] = []
        for message, runs in query.messages:
            out += [r for r in said_by(index, message, scope, 4 * k, runs) if r not in out]
            if out:  # the message without the runtime's prefix, else as written (``quoted_messages``' order)
                break
        if len(out) > 1:  # many places say it ("out of memory"): those the rest of the question's words match first
            match = lexical_query(index.reader, query.tokens)
            order = {r: i for i, (r, *_) in enumerate(index.reader.fts_search(match, scope.tags, 200))} if match else {}
            out.sort(key=lambda r: order.get(r, len(order)))
        return Ranking(self.name, with_callers(index, out[:k], scope)[:k])


def with_callers(index: GuideIndex, rowids: list[int], scope: Scope) -> list[int]:
    """``rowids`` with the callers (at the newest release of ``scope``) of each small helper among them after it,
    and the code that uses each variable among them (``var errNilAssign = plainError("assignment to entry in nil
    map")``: the ``panic(errNilAssign)`` in the map's assignment, under the name a ``//go:linkname`` gives it there)."""
    out: list[int] = []
    found = {c.rowid: c for c in index.reader.chunks(rowids)}
    for chunk in (found[r] for r in rowids if r in found):
        out += [chunk.rowid] if chunk.rowid not in out else []
        if not scope.releases:
            continue
        name, newest = bare_name(chunk.symbol), scope.releases[-1]
        if chunk.kind in ("func", "method") and chunk.end_line - chunk.start_line < HELPER_LINES:
            callers = find_callers(index, name, newest, limit=4 * HELPER_CALLERS)
        elif chunk.kind == "var":
            callers = [
                u for n in linked_names(chunk.text, name) for u in find_users(index, n, newest, 4 * HELPER_CALLERS)
            ]
        else:
            continue
        out += [c.rowid for c in callers if c.rowid not in out][:HELPER_CALLERS]
    return out


__all__ = ["HELPER_CALLERS", "HELPER_LINES", "MAX_WORDS", "MIN_WORDS", "MessageRetriever", "said_by", "with_callers"]
