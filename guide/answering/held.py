"""A follow-up that asks whether something changed ("Did that change since Go 1.21?" after "Does a channel take a
lock?"): the lines the previous answer opened with, read again at each release compared. The previous answer said
what the question was about ("`lock mutex` — “lock protects all fields in hchan ...” (runtime.hchan)"); whether that
still holds is the first thing the follow-up asks, before what else changed in the code around it (trial 19: the
comparison listed chansend's changed lines and never said that hchan's lock was still there).

A quoted line is found again when the definition it names, at that release, holds its code and its sentence
(whitespace and comment markers aside); each release that holds it is cited. The previous answer is read as it was
shown (``Query.history``): its quote lines as ``extractive.statement_line`` writes them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from guide.answering.check import holds_quote
from guide.citation import Citation, cite_definition
from guide.definitions import anchored, candidates, primary

if TYPE_CHECKING:
    from guide.index import GuideIndex
    from guide.language import Lang
    from guide.query import Query

_QUOTE_LINE = re.compile(
    r"^- (?:`(?P<code>[^`\n]+)` — )?“(?P<said>[^”\n]{12,400})”(?: … “[^”\n]+”)? "
    r"\((?P<symbol>[\w./*()]+?)(?:, lines? \d+(?:-\d+)?|，第 \d+(?:-\d+)? 行"
    r"|, used by [\w./*()]+(?: \[\d{1,3}\])?|, 由 [\w./*()]+(?: \[\d{1,3}\])? 使用)?\) \[\d{1,3}\]\s*$"
)
"""A quote of a definition's comment in an answer: "- `code` — “prose” (symbol) [n]", "(symbol, line 301)" for a
function's line, "(symbol, used by user [n])" for a constant the code found uses (``constant_line``: "`stackMin =
2048`", the amount asked for, trial 104: "Is that still true in the latest release?" had read again the quotes after
it, "The main goroutine."); a design document's quote names the document, with spaces, and is no definition's."""
QUOTES = 2
"""The previous answer's first quotes read again: what it opened with, the lines that answered it."""


@dataclass(frozen=True)
class Quoted:
    symbol: str
    said: str
    code: str = ""


@dataclass
class HeldAt:
    text: str = ""
    added: list[Citation] = field(default_factory=list)
    said: list[str] = field(default_factory=list)
    """The sentences read again in ``text``: what a comparison under it need not list again as added or gone."""


def quoted_lines(previous: str, limit: int = QUOTES) -> list[Quoted]:
    """The first ``limit`` quotes of definitions' comments in the answer ``previous``, in order."""
    out: list[Quoted] = []
    for line in previous.splitlines():
        if (m := _QUOTE_LINE.match(line)) and len(out) < limit:
            out.append(Quoted(m["symbol"], m["said"].removesuffix("…").rstrip(), m["code"] or ""))
    return out


def holds(cit: Citation, q: Quoted) -> bool:
    """Whether the definition cited by ``cit`` says ``q``, as the citation check reads a quote: its sentence and its
    code line, if any; a doc link ("[Timer]") and its bare name read alike, since they say the same at two
    releases."""
    return holds_quote(cit, q.said, q.code, doc_links=True)


def _at(index: GuideIndex, symbol: str, tag: str) -> Citation | None:
    """The definition the quote named, at ``tag``: exactly ``symbol``, the platform's copy first; else the one of its
    package whose name differs only in case, as a comparison follows a rename (trial 35: "go1.15.15 中没有
    runtime.findRunnable 的定义", where go1.15.15 has runtime.findrunnable)."""
    d = anchored(index, symbol, tag)
    if d is None:
        same = [c for c in candidates(index, symbol, tag) if c.symbol.lower() == symbol.lower()]
        d = primary(same, same[0].symbol) if same else None
    return cite_definition(index, d) if d is not None else None


def held_lines(
    index: GuideIndex, previous: str, tags: Sequence[str], sources: Sequence[Citation], lang: Lang
) -> HeldAt:
    """For each of the previous answer's first quotes: the releases among ``tags`` (the two compared) whose
    definition still says it, cited, and those where it does not, or where the definition is not. ``sources``: the
    answer's sources so far, whose numbers a definition already among them keeps; new ones follow them."""
    out = HeldAt()
    by_key = {s.key: s for s in sources}
    lines: list[str] = []
    everywhere = True  # every line listed is said at every release compared
    for q in quoted_lines(previous):
        said: list[str] = []
        unsaid: list[str] = []
        absent: list[str] = []
        for tag in tags:
            cit = _at(index, q.symbol, tag)
            if cit is None:
                absent.append(tag)
                continue
            if cit.key not in by_key:
                by_key[cit.key] = cit.numbered(len(sources) + len(out.added) + 1)
                out.added.append(by_key[cit.key])
            named = "" if cit.symbol == q.symbol else lang.text("held_as", symbol=cit.symbol)  # renamed there
            (said if holds(cit, q) else unsaid).append(f"{tag}{named} [{by_key[cit.key].n}]")
        if not said:  # nothing of it holds at the releases compared: what changed is said below
            continue
        everywhere = everywhere and not unsaid and not absent
        head = f"`{q.code}` — " if q.code else ""
        parts = [lang.text("held_at", releases=lang.listed(said))]
        parts += [lang.text("held_not_at", releases=lang.listed(unsaid))] if unsaid else []
        parts += [lang.text("held_undefined", symbol=q.symbol, releases=lang.listed(absent))] if absent else []
        lines.append(f"- {head}“{q.said}” ({q.symbol}): {'; '.join(parts)}")
        out.said.append(q.said)
    if lines:
        both = (" 和 " if lang.code == "zh" else " and ").join(tags)
        title = lang.text("held_head_all", releases=both) if everywhere else lang.text("held_head")
        out.text = "\n".join([f"**{title}**", *lines])
    else:
        out.added = []
    return out


def held_for(index: GuideIndex, query: Query, tags: Sequence[str], sources: Sequence[Citation]) -> HeldAt:
    """:func:`held_lines` for a follow-up comparing releases ``tags`` (the first and the last are read); nothing for a
    question of its own, nor for one that asks the same of another subject ("and in newproc?": no thread)."""
    previous = query.history[-1][1] if query.previous is not None and query.thread and query.history else ""
    return held_lines(index, previous, [tags[0], tags[-1]], sources, query.lang) if previous else HeldAt()


__all__ = ["QUOTES", "HeldAt", "Quoted", "held_for", "held_lines", "holds", "quoted_lines"]
