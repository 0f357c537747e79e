"""Subjects of a comparison that no indexed release defines, and what does their work now: "What changed since
go1.9?" after "Where did go.y and typ2Itab go?" asks of two names gone before the oldest indexed release. Each is
said to be gone, with its successor entry (guide/knowledge/successors.toml), and its successors are compared
between the releases instead: syntax.Parse and its parser, getitab and the itab's init method that became itabInit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from guide.definitions import releases_with
from guide.history.compare import compare_symbol
from guide.knowledge import Successor, successor_for

if TYPE_CHECKING:
    from collections.abc import Sequence

    from guide.history.compare import Comparison
    from guide.history.files import TopicComparison
    from guide.index import GuideIndex

GONE_NAMES = 3
"""Names gone from every indexed release that one answer follows; a question rarely names more."""


@dataclass
class Gone:
    """``name``, defined at no indexed release, and each of its successors compared from ``v1`` to ``v2`` (those
    defined at either release; one comparison per definition: the itab's init method and itabInit are one renamed
    function)."""

    name: str
    v1: str
    v2: str
    compared: list[Comparison] = field(default_factory=list)


def gone_subjects(index: GuideIndex, comp: Comparison | TopicComparison, written: Sequence[str]) -> list[str]:
    """The subject of ``comp`` when no indexed release defines it and a successor entry names what replaced it,
    then the other names the question writes (``written``) that are so too, one name per entry; [] when the subject
    is defined somewhere (hmap at go1.21: its own comparison says it was replaced) or has no entry."""
    if comp.kind != "symbol" or getattr(comp, "left", None) is not None or getattr(comp, "right", None) is not None:
        return []

    def gone(name: str) -> Successor | None:
        return successor_for(name) if not releases_with(index, name) else None

    if gone(comp.symbol) is None:  # "findRunable": a misspelt subject is said so, whatever else the question names
        return []
    entries: dict[str, str] = {}  # each entry once: "src/cmd/compile/internal/gc/go.y" and "go.y" are one
    for name in [comp.symbol, *written]:
        if (succ := gone(name)) is not None:
            entries.setdefault(succ.old, name)
    return list(entries.values())[:GONE_NAMES]


def follow_gone(index: GuideIndex, names: Sequence[str], v1: str, v2: str) -> list[Gone]:
    """Each name of ``names`` (``gone_subjects``) with its successors compared from ``v1`` to ``v2``: those at both
    releases first, each definition once."""
    out = []
    for name in names:
        succ = successor_for(name)
        if succ is None:
            continue
        comps = [c for c in (compare_symbol(index, new, v1, v2) for new in succ.new) if c.left or c.right]
        comps.sort(key=lambda c: c.left is None or c.right is None)  # a rename followed before one side alone
        seen: set[tuple[str, str, int]] = set()
        kept = []
        for c in comps:
            keys = {x.key for x in (c.left, c.right) if x is not None}
            if keys & seen:
                continue
            seen |= keys
            kept.append(c)
        out.append(Gone(name, v1, v2, kept))
    return out


__all__ = ["GONE_NAMES", "Gone", "follow_gone", "gone_subjects"]
