"""What an answer read at a newer release than the one asked about says of its dates: the design documents it cites
that came after the asked release (Go 1.9's preemption read at go1.21.13 cites the 2019 proposal for asynchronous
preemption, which came in Go 1.14), and what those documents say of the asked release's own time ("Up to and
including Go 1.10, Go has used cooperative preemption with safe-points only at function calls", quoted and cited:
the code read is newer than the user's, the document says how it was then)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from guide.answering.quotable import document_title, off_question
from guide.answering.statements import Statement, quote, statements
from guide.citation import Citation, cite_chunk
from guide.knowledge.tours import tour
from guide.release_dates import released
from guide.retrieval.lexical import lexical_query
from guide.words import CHANGE_WORDS
from ingest.targets import version_key
from ingest.tokens import query_tokens

if TYPE_CHECKING:
    from guide.index import GuideIndex
    from guide.language import Lang

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")  # fmt: skip


def later_documents(cited: Sequence[Citation], missing: str, lang: Lang) -> str:
    """For an answer read at a newer release than the one asked about (go1.9 at go1.21.13): the design documents it
    cites whose header dates them after that release came out (``guide.release_dates.released``), which describe what
    came later ("Proposal: Non-cooperative goroutine preemption", 2019, for Go 1.9 of August 2017: asynchronous
    preemption came in Go 1.14); "" when there is none."""
    out = released(missing)
    if out is None:
        return ""
    year, month = out
    docs: dict[str, str] = {}
    for c in cited:
        if c.version == "design" and c.dated.isdigit() and int(c.dated) > year:
            title = document_title(c) or c.path
            docs.setdefault(title, f"{title} ({c.dated}) [{c.n}]")
    if not docs:
        return ""
    return lang.text("later_documents", missing=missing, year=year, month=_MONTHS[month - 1], month_zh=month,
                     docs=lang.listed(docs.values(), items_with_commas=True))  # fmt: skip


_GO = r"Go ?1\.(\d+)"
_UNTIL = re.compile(rf"(?i)\b(?:up to and including {_GO}|{_GO} and (?:earlier|before|older))")
_BEFORE = re.compile(rf"(?i)\b(?:before|prior to|until|up to|older than) {_GO}")
ERA_QUOTES = 2
"""How many sentences on the asked release's time are quoted."""
ERA_SECTIONS = 30
ERA_DOCUMENTS = 8
"""The documents read: those cited, then those of the first ``ERA_SECTIONS`` sections the question's words find
(8 and 3 had left out the preemption proposal for "死循环的 goroutine 现在还会卡住 GC 吗？从哪个版本开始可以被抢占？",
trial 76: the leak-detection and GC proposals came first); a sentence is quoted only from a document whose headings
say a word of the question (``off_question``) and, with a tour, on its topic by the tour's patterns."""


def covers(sentence: str, minor: int, newest: int | None = None) -> bool:
    """Whether ``sentence`` says something of Go 1.``minor``'s time by a bound that includes it: "Up to and
    including Go 1.10", "Go 1.10 and earlier" (1.10 and before), "before Go 1.14", "prior to Go 1.14" (before). A
    bound after Go 1.``newest`` (the newest release indexed) is no release yet: a proposal's placeholder ("Prior to
    Go 1.30, iterations shared one set of variables", the loop variable proposal, written before its release was
    known) says nothing of Go 1.9's time."""
    bounds = [(int(next(g for g in m.groups() if g)), True) for m in _UNTIL.finditer(sentence)]
    bounds += [(int(m.group(1)), False) for m in _BEFORE.finditer(sentence)]
    real = [(b, inclusive) for b, inclusive in bounds if newest is None or b <= newest]
    return any(minor <= b if inclusive else minor < b for b, inclusive in real)


_AT = re.compile(rf"(?i)\b(?:as of|in) {_GO}\b")


def between(sentence: str, minor: int, oldest: int | None) -> bool:
    """Whether ``sentence`` says how something was at a release after Go 1.``minor`` and before Go 1.``oldest``
    (the oldest release indexed), which no index shows: "As of Go 1.13, most `defer` operations take about 35ns
    (reduced from about 50ns in Go 1.12)" for a reader of Go 1.9 whose oldest indexed release is go1.21.13."""
    return oldest is not None and any(minor < int(m.group(1)) < oldest for m in _AT.finditer(sentence))


def _of_the_question(words: Sequence[str], tokens: Sequence[str]) -> bool:
    """Whether a sentence with ``words`` names something the question asks about: one of its words (``tokens``) of
    four letters or more, or a word that begins with it ("preemption" for "preempt", "variables" for "variable"):
    "If the proposal is accepted before Go 1.21 is released, that page could be published" bounds Go 1.9's time and
    says nothing of when a variable escapes to the heap."""
    asked = [t for t in tokens if len(t) >= 4 and t.isalpha()]
    return any(w.startswith(t) for w in words for t in asked)


def _once(said: list[Statement], shown: set[str]) -> list[Statement]:
    """The statements of ``said`` whose quote is not in ``shown`` yet, each once (a section may say a sentence twice:
    the loop variable proposal says "Prior to Go 1.30, ..." at two places), added to ``shown``."""
    out = []
    for st in said:
        if quote(st) not in shown:
            shown.add(quote(st))
            out.append(st)
    return out


def era_sentences(
    index: GuideIndex,
    tokens: Sequence[str],
    cited: Sequence[Citation],
    missing: str,
    lang: Lang,
    first_n: int,
    tours: Sequence[str] = (),
) -> tuple[str, list[Citation]]:
    """For an answer read at a newer release than ``missing`` (go1.9 at go1.21.13): the sentences that speak of
    ``missing``'s time (``covers``) in the design documents it cites and in those the question's words (``tokens``)
    find first, quoted and cited (the document's section that says it, numbered from ``first_n``); ("", []) when
    none does. The words of the title of the question's tour (``tours``, its first) are the question's too: "我还在用
    Go 1.9.2，从那以后调度器有什么变化？" asks of the scheduler, whose tour is titled "... sysmon and preemption", and
    "Up to and including Go 1.10, Go has used cooperative preemption ..." says no word of the question itself
    (trial 73: the Go 1.9 user was never told the scheduler could not preempt a loop then)."""
    named = query_tokens(tour(tours[0]).title) if tours else []
    own = {t for t in tokens if len(t) >= 4 and t.isascii() and t.isalpha() and t not in CHANGE_WORDS}
    if all(any(t.startswith(w) or w.startswith(t) for t in named) for w in own):  # on the tour's whole topic
        tokens = [*tokens, *named]  # (not "GOMAXPROCS 会是多少？" then "那 Go 1.9 的时候呢？", which its title's
        # "preemption" had answered with cooperative preemption, trial 77)
    m = re.fullmatch(r"go1\.(\d+)(?:\.\d+)?", missing)
    if m is None:
        return "", []
    minor = int(m.group(1))
    newest = version_key(index.releases[-1])[1] if index.releases else None  # releases are in release order
    oldest = version_key(index.releases[0])[1] if index.releases else None

    def said_then(text: str) -> bool:
        return covers(text, minor, newest) or between(text, minor, oldest)

    def on_tour(text: str) -> bool:  # a sentence on the topic of the question's tour, by the tour's own patterns
        return not tours or tour(tours[0]).matches(text) > 0

    docs = [c.path for c in cited if c.version == "design" and c.path.startswith("design/")]
    match = lexical_query(index.reader, tokens)
    found = index.reader.fts_search(match, ["design"], ERA_SECTIONS) if match else []
    docs += [c.path for c in index.reader.chunks([r for r, _, _ in found]) if c.path.startswith("design/")]
    lines: list[str] = []
    out: list[Citation] = []
    shown: set[str] = set()  # the sentences quoted so far
    for path in list(dict.fromkeys(docs))[:ERA_DOCUMENTS]:
        if len(lines) >= ERA_QUOTES:
            break
        rows = [r for r, kind in index.reader.file_chunks("proposal", [path]) if kind == "section"]
        for chunk in sorted(index.reader.chunks(rows), key=lambda c: c.start_line):
            if len(lines) >= ERA_QUOTES:
                break
            if not said_then(" ".join(chunk.text.split())):
                continue  # read (from git) and cited only where the section's text has such a bound
            cit = cite_chunk(index, chunk, "design")
            if cit is not None and off_question(cit, tokens):  # its headings are on something else (the page
                continue  # allocator's heap lock, for a question on timers' locks: trial 75)
            said = [st for st in statements(cit) if said_then(st.text)] if cit is not None else []
            said = _once([st for st in said if _of_the_question(st.words, tokens) and on_tour(st.text)], shown)
            if cit is None or not said:
                continue
            cit = cit.numbered(first_n + len(out))
            out.append(cit)
            title = document_title(cit) or cit.path
            lines += [f"- “{quote(st)}” ({title}) [{cit.n}]" for st in said[: ERA_QUOTES - len(lines)]]
    if not lines:
        return "", []
    key = "era_sentences_between" if any(not covers(ln, minor, newest) for ln in lines) else "era_sentences"
    return lang.text(key, missing=missing, oldest=index.releases[0]) + "\n" + "\n".join(lines), out


__all__ = ["ERA_QUOTES", "between", "covers", "era_sentences", "later_documents"]
