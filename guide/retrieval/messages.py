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
import threading
import weakref
from typing import TYPE_CHECKING

from guide.program_messages import MESSAGE_CALL
from guide.retrieval.base import MESSAGE, Ranking, Scope
from guide.retrieval.callers import find_callers, find_users, linked_names
from guide.retrieval.lexical import lexical_query
from ingest.symbols import bare_name
from ingest.tokens import STOP_WORDS, identifier_tokens

if TYPE_CHECKING:
    from guide.index import GuideIndex
    from guide.query import Query
    from ingest.reader import IndexReader

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


IN_WORDS_WEIGHT = 0.2
"""The fusion weight of a message found by the question's words (``said_in_words``), not quoted by it: the program's
own words for what is asked, but found by words, which the quoted message's exactness is not."""
MIN_SHARE = 2 / 3
"""The least share of a message's words that the question says, two at least ("go of nil func value": nil, func,
value for "What happens if I start a goroutine with a nil function value?")."""
_MESSAGES: weakref.WeakKeyDictionary[IndexReader, tuple[int, list[tuple[frozenset[str], list[int], float]]]] = (
    weakref.WeakKeyDictionary()
)
_LOCK = threading.Lock()


def _catalog(reader: IndexReader) -> list[tuple[frozenset[str], list[int], float]]:
    """Each message the code a program runs says (not the toolchain's), as its words, with the chunks that say it
    and the share of them a question must say: ``MIN_SHARE`` of a panic's or a fatal error's, which are for the
    program's user; all of a throw's or a "runtime: " diagnostic's, most of which are the runtime's own invariants
    ("stack overflow" is one a user sees). Read once per index (about 0.3 s)."""
    with _LOCK:
        count = reader.chunk_count()  # an ingest since the catalog was read (the app's refresh) reads it again
        if reader not in _MESSAGES or _MESSAGES[reader][0] != count:
            said: dict[str, tuple[list[int], float]] = {}
            for rowid, text in reader.message_chunks():
                for m in MESSAGE_CALL.finditer(text):
                    share = MIN_SHARE if m.group(0).startswith(("panic", "fatal", "plainError")) else 1.0
                    rows, before = said.get(m["text"], ([], share))
                    said[m["text"]] = ([*rows, rowid], min(share, before))
            # a diagnostic's prefix ("runtime: ", "pageAlloc: ") says who speaks, not what happened
            words = ((frozenset(w for w in identifier_tokens(_PREFIX.sub("", t)) if message_word(w)),
                      r, sh) for t, (r, sh) in said.items())  # fmt: skip
            _MESSAGES[reader] = (count, [(w, r, sh) for w, r, sh in words if len(w) >= 2])
        return _MESSAGES[reader][1]


_PREFIX = re.compile(r"^\w+: ")


def message_word(word: str) -> bool:
    """Whether a word of a message says what happened (no stop word, three letters at least: not "go" of "go of nil
    func value", which the question says as "goroutine" or "go statement")."""
    return len(word) > 2 and word not in STOP_WORDS


_FORMS = ("s", "es", "d", "ed", "ing", "tion")
"""The endings by which the question's word and the message's may differ: "writes" for "write", "closed" for
"close", "function" for "func" (not "sender" for "send")."""


def says_word(word: str, asked: set[str]) -> bool:
    """Whether the question says ``word`` or a form of it (``_FORMS``)."""
    return word in asked or any(f"{word}{e}" in asked or (len(word) > 4 and word == f"{a}{e}") for a in asked
                                for e in _FORMS)  # fmt: skip


def said_in_words(index: GuideIndex, query: Query, scope: Scope, k: int) -> list[int]:
    """For a question that asks what happens (``Query.asks_outcome``) and quotes no message: the chunks that say a
    message most of whose words the question says (``MIN_SHARE``), the messages with most of them first."""
    asked = {t for t in query.tokens if t not in STOP_WORDS}
    found = []
    for words, rowids, share in _catalog(index.reader):
        have = sum(says_word(w, asked) for w in words)
        if have >= 2 and have >= share * len(words):
            found.append((-have, -have / len(words), rowids))
    out = list(dict.fromkeys(r for *_, rowids in sorted(found, key=lambda x: x[:2]) for r in rowids))
    in_scope = index.reader.chunk_tags(out, scope.tags) if out else {}
    return [r for r in out if r in in_scope][:k]


class MessageRetriever:
    name = MESSAGE

    def search(self, index: GuideIndex, query: Query, scope: Scope, k: int) -> Ranking:
        if not query.messages and query.asks_outcome:  # none quoted: the messages the question describes
            found = said_in_words(index, query, scope, k)
            return Ranking(self.name, found, dict.fromkeys(found, IN_WORDS_WEIGHT))
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


__all__ = [
    "HELPER_CALLERS",
    "HELPER_LINES",
    "MAX_WORDS",
    "MIN_WORDS",
    "MessageRetriever",
    "message_word",
    "said_by",
    "says_word",
    "with_callers",
]
