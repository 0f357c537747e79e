"""Since which indexed release the code a "since when" question finds exists, when the question names no release
and no definition ("flight recorder 是在哪个版本加入的？它是怎么实现的？", trial 111: the answer quoted the flight
recorder's code at go1.27.3 and never said a release). A question that names a definition has its timeline
(``compare_route``); one that names an experiment, each release's setting (``named_experiments``).

The first definitions the answer cites at the newest release are looked up at every indexed release: each is said
to first appear where it does, as a comparison's notes say it (``described.presence_line``: "first appears at
go1.25.5 (not defined at go1.15.15 … go1.24.11)"), or to be defined at every indexed release, the oldest included,
so that it came before that one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from guide.answering.described import Presence, presence_line, unindexed_at
from guide.definitions import releases_with
from guide.versions import releases_before
from guide.where import where

if TYPE_CHECKING:
    from guide.citation import Citation
    from guide.index import GuideIndex
    from guide.language import Lang
    from guide.query import Query

READ = 3
"""The answer's first definitions looked up."""


def since_when(
    index: GuideIndex, q: Query, sources: Sequence[Citation], lang: Lang, first_n: int
) -> tuple[str, list[Citation]]:
    """The note on since when the first definitions found exist (see the module doc) and the citations it adds,
    numbered from ``first_n``; ("", []) for a question that does not ask since when, names a release or a definition,
    or on an index of one release."""
    if not q.asks_timeline or q.versions or q.code_like or len(index.releases) < 2:
        return "", []
    newest, oldest = index.releases[-1], index.releases[0]
    found = [c for c in sources if c.version == newest and c.kind in ("func", "method", "type", "const", "var")]
    lines: list[str] = []
    cited: list[Citation] = []
    every: list[str] = []
    first_of: dict[str, Citation] = {}
    for c in found[:READ]:
        first_of.setdefault(c.symbol, c)  # each definition once
    for c in first_of.values():
        present = releases_with(index, c.symbol)
        if not present or present[-1] != newest or (present[0] == oldest and present != index.releases):
            continue  # gone somewhere between: not one "since"
        first = present[0]
        at = next((s for s in sources if s.symbol == c.symbol and s.version == first), None)
        if at is None:  # cited where it first is (the oldest release, for one defined at every release)
            at = next(iter(where(index, c.symbol, first)), None)
            if at is None:
                continue
            at = at.numbered(first_n + len(cited))
            cited.append(at)
        if first == oldest:
            every.append(f"{c.symbol} [{at.n}]")
            continue
        absent = releases_before(index.releases, first, oldest)
        p = Presence(oldest, first, at, None, absent, skipped=unindexed_at(index, first))
        lines.append(presence_line(p, [oldest], {at.key: at.n}, lang))
    if every:
        lines.append("- " + lang.text("since_every", names=lang.listed(every), oldest=oldest))
    if not lines:
        return "", []
    return "\n".join([lang.text("since_when_found"), *lines]), cited


__all__ = ["READ", "since_when"]
