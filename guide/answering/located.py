"""Where in the code: for a follow-up that asks where ("where is that in the code?", "代码在哪？" after "does a
channel send take a lock?"; a question of its own that asks where gets the definitions themselves), the lines of the
cited definitions that do what was asked about — the code lines with the most of the question's rarest words
(``lock(&c.lock)`` in chansend for a thread about whether a channel send takes a lock), each with its line number at
the cited release. A line is quoted as it is in the file, leading whitespace aside, so the citation check finds it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from guide.answering.anatomy import LITERAL, numbered_code_lines
from guide.citation import Citation
from ingest.tokens import STOP_WORDS, identifier_tokens

SOURCES = 4
"""Definitions searched for lines, in the order they were found."""
PER_SOURCE = 2
MAX_LINE = 110
"""A longer code line is not quoted (it would not read as one line)."""
MIN_SHARE = 0.5
"""A line shows when it has at least this share of the best line's weight of question words: the lines that do
what was asked, not every line that mentions one of its words."""
MIN_COVER = 0.25
"""A line shows only when its words weigh at least this share of the question's words (those of the function's own
name aside): a line that merely shares one common word with a long question ("target" in ``typecheck.Target``) does
not locate it."""
_CODE_KINDS = frozenset({"func", "method", "asm"})


_ASKING = frozenset({"code", "codes", "line", "lines", "file", "files", "function", "functions", "source", "where"})
"""The words of asking where something is ("where is that in the code?"): not what the lines do."""
_SUFFIX = re.compile(r"(?:ing|ed|es|s)$")


def stem(word: str) -> str:
    """A question's word as the code's names begin ("preempted" -> "preempt", matching ``preemptone``): a common
    English ending cut, never below four letters. Only a word so cut matches names that begin with it ("lock" is
    ``lock``, not ``lockorder``)."""
    cut = _SUFFIX.sub("", word)
    return cut if len(cut) >= 4 else word


@dataclass(frozen=True)
class Located:
    """A code line of a source: its number in the file at the source's release and its text (stripped)."""

    source: Citation
    line: int
    code: str


def code_lines(src: Citation) -> list[tuple[int, str]]:
    """The body lines of a function or assembly routine with their line numbers: not the declaration, not comments,
    not blank, not a lone brace or parenthesis."""
    return [(i, ln) for i, ln in numbered_code_lines(src) if ln.strip() not in ("}", "{", ")")]


def located(
    sources: Sequence[Citation],
    tokens: Sequence[str],
    idf: Mapping[str, float],
    parts: Sequence[Sequence[str]] = (),
) -> list[Located]:
    """The lines of ``sources`` (functions and assembly) that hold most of the question's words, weighed by their
    rarity, the words of a function's own name aside: at most ``PER_SOURCE`` per source, in file order, each at least
    ``MIN_SHARE`` of the best line's. For a question of several ``parts`` (the words of each), a line covers enough
    of the question when it covers enough of one part's: ``lock(&c.lock)`` says where "Does a channel take a lock?"
    is answered, however many words "What does a send cost?" adds."""
    asked = {t: idf[t] for t in tokens if t in idf and t not in STOP_WORDS and t not in _ASKING and len(t) > 1}
    if not asked:
        return []
    groups = [set(asked)] + [{t for t in p if t in asked} for p in parts]
    scored: list[tuple[float, Located]] = []
    for src in [s for s in sources if s.kind in _CODE_KINDS][:SOURCES]:
        name = src.symbol.rsplit(".", 1)[-1].lower()  # every line of chansend is about sending: "send" locates nothing
        mine = {t: w for t, w in asked.items() if t not in name}
        totals = [(g, sum(w for t, w in mine.items() if t in g)) for g in groups]
        stems = {t: stem(t) for t in mine}
        for no, ln in code_lines(src):
            code = ln.strip()
            if len(code) > MAX_LINE or "`" in code:
                continue
            words = set(identifier_tokens(LITERAL.sub('""', code).split("//", 1)[0]))  # not a message's words
            held = {t for t in mine if t in words or (stems[t] != t and any(x.startswith(stems[t]) for x in words))}
            weight = sum(mine[t] for t in held)
            if weight > 0 and any(total and sum(mine[t] for t in held & g) >= MIN_COVER * total for g, total in totals):
                scored.append((weight, Located(src, no, code)))
    if not scored:
        return []
    best = max(w for w, _ in scored)
    out: list[Located] = []
    for src in dict.fromkeys(loc.source for _, loc in scored):
        chosen = sorted(
            ((w, loc) for w, loc in scored if loc.source is src and w >= MIN_SHARE * best),
            key=lambda x: (-x[0], x[1].line),
        )[:PER_SOURCE]
        out += sorted((loc for _, loc in chosen), key=lambda loc: loc.line)
    return out


__all__ = ["Located", "code_lines", "located"]
