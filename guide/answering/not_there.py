"""A follow-up that asks the conversation's question at another release ("那在 1.21 里呢？", "And in go1.21?"): which
definitions the answer before quoted that release does not define, said first, each with the indexed release where
it first appears (or was last defined) and cited there. Trial 109: after an answer on the garbage collector's
goroutine leak detection at go1.27.3, "那在 1.21 里呢？" quoted the 2025 design document under go1.21.13's heading and
never said that go1.21.13 has no goroutineLeakGC nor findGoroutineLeaks (both first at go1.26.6)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from guide.answering.described import Presence, presence_line, unindexed_at
from guide.answering.held import quoted_lines
from guide.definitions import releases_with
from guide.versions import releases_before
from guide.where import where
from ingest.symbols import bare_name

if TYPE_CHECKING:
    from guide.citation import Citation
    from guide.index import GuideIndex
    from guide.language import Lang
    from guide.query import Query

MAX_NAMED = 4
"""At most this many definitions are named."""


QUOTES_READ = 8
"""The previous answer's first quotes of definitions read (``held.quoted_lines``)."""


def not_there(
    index: GuideIndex, q: Query, tags: Sequence[str], lang: Lang, first_n: int, skip: Collection[str] = ()
) -> tuple[str, list[Citation]]:
    """The note on the definitions the answer before quoted that the one release asked now (``tags``) does not define
    (see the module doc), and the citations it adds, numbered from ``first_n``; ("", []) for any other question: one
    that names something of its own ("What about channels in go1.21?": not the thread's question again). A name in
    ``skip`` (an absence note says it already) is left out, and so is one defined both before and after the release
    (it neither came nor went there)."""
    if q.previous is None or not q.thread_only or not q.history or len(tags) != 1 or not q.versions:
        return "", []
    tag = tags[0]
    before = q.previous_tags(index.releases)
    if not before or tag in before:
        return "", []
    order = {r: i for i, r in enumerate(index.releases)}
    quoted = quoted_lines(q.history[-1][1], QUOTES_READ)
    symbols = list(
        dict.fromkeys(x.symbol for x in quoted if "." in x.symbol and not {x.symbol, bare_name(x.symbol)} & set(skip))
    )
    lines: list[str] = []
    cited: list[Citation] = []
    for symbol in symbols:
        present = releases_with(index, symbol)
        if not present or tag in present:
            continue
        later = [r for r in present if order[r] > order[tag]]
        if later and len(later) < len(present):  # before it and after it too: not where it came or went
            continue
        if later:  # it came after the release asked about: in it, or in a release between that is not indexed
            at, gone = later[0], None
        else:  # it was gone by then
            at = present[-1]
            gone = index.releases[order[at] + 1]
        cit = next(iter(where(index, symbol, at)), None)
        if cit is None:
            continue
        cit = cit.numbered(first_n + len(cited))
        cited.append(cit)
        absent = releases_before(index.releases, at, tag) if gone is None else ""
        p = Presence(tag, at, cit, gone, absent, skipped=unindexed_at(index, at, gone))
        lines.append(presence_line(p, [tag], {cit.key: cit.n}, lang))  # as a comparison's notes say it
        if len(lines) == MAX_NAMED:
            break
    if not lines:
        return "", []
    return "\n".join([lang.text("not_there", release=tag), *lines]), cited


__all__ = ["MAX_NAMED", "QUOTES_READ", "not_there"]
