"""The messages a program shows its user, as an answer quotes them (``Statement`` of kind ``message``, found by
``guide.answering.statements``): a panic's, a fatal error's, the runtime's own failure (``throw``) or a compiler
diagnostic. A message is quoted when the question asks what happens and the message is about the situation asked
about (``message_fits``); the runtime's failures are never quoted as what changed between releases
(``runtime_failure``)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from guide.answering.statements import Statement
from guide.retrieval.callers import linked_names
from guide.retrieval.messages import message_word, says_word
from ingest.symbols import bare_name
from ingest.tokens import identifier_tokens

if TYPE_CHECKING:
    from guide.citation import Citation

_THROW = re.compile(r"(?<![\w.])throw\(")


def alike(a: str, b: str) -> bool:
    """Whether two words are one word's inflections ("close", "closed"; "defer", "defers")."""
    short, long = sorted((a, b), key=len)
    return long.startswith(short[: max(4, len(short) - 1)]) and len(long) - len(short) <= 2


def said_alike(word: str, asked: str) -> bool:
    """Whether a message's ``word`` is the question's word ``asked`` in another inflection (``alike``) or with one
    of the endings the message retrieval allows ("func" for "function": ``guide.retrieval.messages.says_word``)."""
    return alike(word, asked) or says_word(word, {asked})


def runtime_failure(st: Statement) -> bool:
    """Whether ``st`` is the message of a runtime failure (``throw``): quoted when a question asks what happens and
    its words fit, never as what changed between releases ("runtime·lock: lock count" is no change of the lock)."""
    return st.kind == "message" and bool(_THROW.search(st.code))


def message_words(st: Statement) -> set[str]:
    """The words of a message (``kind == "message"``) that say what happened."""
    return {w for w in identifier_tokens(st.text) if message_word(w)}


def message_fits(st: Statement, asked: Sequence[str]) -> int:
    """How many of the question's words a message (``kind == "message"``) says when it is about the situation asked
    about, else 0: each of its words must be the question's, a word's inflections alike ("close of closed channel"
    for "What happens if I close a channel twice?"; not "close of nil channel", nor "send on closed channel" for a
    send on a nil channel, nor "concurrent map writes" for a write to a nil map: a message with a word the question
    does not say is another situation)."""
    said = message_words(st)
    if not said or not all(any(said_alike(w, q) for q in asked) for w in said):
        return 0
    return sum(1 for q in set(asked) if any(said_alike(w, q) for w in said))


_RAISES = r"(?<![\w.])(?:panic|throw|fatal)\((?:\w+\.)?{name}\)"


def raised(sources: Sequence[Citation], said: Sequence[tuple[int, Statement]]) -> list[tuple[int, Statement]]:
    """The lines of ``sources`` that raise a message a variable among them holds (``said``: (rank, statement) of
    every source): runtime's ``var maps_errNilAssign error = plainError("assignment to entry in nil map")`` is raised
    by ``panic(errNilAssign)`` in the map's assignment, under the name a ``//go:linkname`` gives it there. Each is a
    ``message`` statement of the source that raises it: the message's words, that source's own line."""
    by_n = {c.n: c for c in sources}
    held: dict[str, str] = {}
    for _, st in said:
        src = by_n.get(st.n) if st.kind == "message" and st.code.lstrip().startswith("var ") else None
        if src is not None and src.kind == "var":
            for name in linked_names(src.text, bare_name(src.symbol)):
                held.setdefault(name, st.text)
    raises = [(re.compile(_RAISES.format(name=re.escape(name))), message) for name, message in held.items()]
    out: list[tuple[int, Statement]] = []
    for rank, src in enumerate(sources):
        if src.kind not in ("func", "method"):
            continue
        for raise_, message in raises:
            line = next((ln.strip() for ln in src.excerpt.split("\n") if raise_.search(ln)), None)
            if line is not None:
                out.append((rank, Statement(src.n, message, line, "message")))
    return out


__all__ = ["alike", "message_fits", "message_words", "raised", "runtime_failure", "said_alike"]
