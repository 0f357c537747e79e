"""Names a question gives to another language or platform: "like a Java BlockingQueue with a ReentrantLock", "Java 的
HashMap", "Java NIO's selector". A developer who comes from the JVM compares what Go does with what it knows; those
names are no Go code, and read as Go's they had opened answers with "`BlockingQueue` is not defined in any indexed
release", "HashMap ... 已定义的相近名称：hashbitmap、HasShape" and pulled the compiler's ``selector`` functions into
an answer on the network poller (trial 86). The question's words still search (a "blocking queue" says what it
compares), but not as names to look up.

A name is another language's when, in the same clause, it follows a mention of that language with no mention of Go
between them ("Java's HashMap vs Go's map" keeps "map" Go's)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")

_OTHER = (
    r"Java(?:Script)?|JVM|JDK|HotSpot|OpenJDK|Kotlin|Scala|C#|C\+\+|\.NET|CLR|Rust|C?Python|Ruby|Erlang|Elixir"
    r"|Haskell|Node\.js|NIO|Netty|Tokio|Akka"
)
"""Languages, runtimes and their libraries a question compares Go with (written as their names are: "java" in
lower case is more often a file or package name)."""
_GO = r"Go|go|GO|Golang|golang"
_MENTION = re.compile(rf"(?<![A-Za-z0-9_.])(?:(?P<other>{_OTHER})|(?P<go>{_GO}))(?![A-Za-z0-9_+#])")
_CLAUSE_END = re.compile(r"[.?!;:,](?=\s|$)|[。？！；：，]")
"""Where a clause ends: ASCII punctuation before a space (not the dot of ``runtime.mapaccess1``), or Chinese."""


def other_language_text(text: str) -> str:
    """The parts of ``text`` that speak of another language: from each mention of one to the next mention of Go or
    the end of its clause, joined by spaces (empty when it names none)."""
    spans: list[str] = []
    start = 0
    for end in [m.start() for m in _CLAUSE_END.finditer(text)] + [len(text)]:
        clause, other_at = text[start:end], None
        for m in _MENTION.finditer(clause):
            if m.group("other") and other_at is None:
                other_at = m.end()
            elif m.group("go") and other_at is not None:
                spans.append(clause[other_at : m.start()])
                other_at = None
        if other_at is not None:
            spans.append(clause[other_at:])
        start = end + 1
    return " ".join(spans)


def speaks_of_another(texts: Iterable[str]) -> bool:
    """Whether any of ``texts`` (a conversation's questions) mentions another language or runtime."""
    return any(m.group("other") for text in texts for m in _MENTION.finditer(text))


def go_only(text: str, items: Iterable[T], name: Callable[[T], str] = str) -> list[T]:
    """``items`` (the code-looking words of ``text``, or candidates of which ``name`` gives the word as written) but
    those ``text`` gives to another language (``other_language_text``), read by their first part: "BlockingQueue
    with" is read as a method ``BlockingQueue.With``."""
    other = other_language_text(text)
    if not other:
        return list(items)
    return [i for i in items if not re.search(rf"(?<![\w.]){re.escape(name(i).split('.')[0])}(?![\w.])", other)]


__all__ = ["go_only", "other_language_text", "speaks_of_another"]
