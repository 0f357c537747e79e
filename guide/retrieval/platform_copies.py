"""Every platform a found definition has a copy for, not only the copies the search happened to find.

``fusion.fold_platforms`` folds the per-platform copies of one definition that are among the candidates into one
hit, which lists them in ``also_on``; a copy no retriever found was missing from it, so the same definition's card
read "also defined for plan9, windows" for one question and "aix, darwin, dragonfly, freebsd, netbsd, openbsd …"
for another (trial 71, ``runtime.netpoll``). The symbol table knows them all.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from guide.retrieval.fusion import Hit, platform_of

if TYPE_CHECKING:
    from guide.index import GuideIndex

_PROSE = ("comment", "text", "section", "package")


def with_every_platform(index: GuideIndex, hits: Sequence[Hit]) -> None:
    """Adds to each hit's ``also_on`` the platforms of every other copy of its definition (same symbol and kind, at
    the hit's release, in another file built for a platform), in place; a hit whose own file is built for no
    particular platform is left as it is."""
    for h in hits:
        c = h.chunk
        own = platform_of(c)
        if c.kind in _PROSE or own is None:
            continue
        copies = [
            d for d in index.reader.lookup(c.symbol, tag=h.tag, limit=100)
            if d.symbol == c.symbol and d.kind == c.kind and d.path != c.path
        ]  # fmt: skip
        found = {where for d in copies if (where := platform_of(d)) is not None and where != own}
        h.also_on.extend(sorted(found - set(h.also_on)))


__all__ = ["with_every_platform"]
