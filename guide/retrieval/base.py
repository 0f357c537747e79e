"""What every retriever shares: the scope it searches, the ranked list it returns, the interface it implements."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from guide.index import GuideIndex
    from guide.query import Query

SYMBOL, CONCEPT, FILE, BM25, DENSE, EXPLAINED = "symbol", "glossary", "file", "bm25", "dense", "explained"
MESSAGE = "message"
"""Retriever names, as they appear in ``Hit.ranks`` and in an answer's ``retrieved[].scores``. The concept list is
still called ``glossary`` there (the name the answers' JSON has always used)."""
ALL_RETRIEVERS: tuple[str, ...] = (SYMBOL, MESSAGE, CONCEPT, FILE, BM25, DENSE, EXPLAINED)


@dataclass(frozen=True)
class Scope:
    """Where to search: Go release tags (oldest first) and the design-document tags that go along."""

    releases: tuple[str, ...]
    design: tuple[str, ...] = ()

    @property
    def tags(self) -> list[str]:
        return [*self.releases, *self.design]

    def __bool__(self) -> bool:
        return bool(self.releases)


@dataclass
class Ranking:
    """One retriever's result: chunk rowids, best first. ``weights`` gives an item's fusion weight when it differs
    from the retriever's (a symbol found from a plain word weighs less than one from an identifier); ``with_dense``
    does when vectors are searched too."""

    name: str
    rowids: list[int] = field(default_factory=list)
    weights: dict[int, float] = field(default_factory=dict)
    with_dense: dict[int, float] = field(default_factory=dict)
    """Item weights that apply only when the dense list is fused beside this one (has items), under ``weights``."""

    def __len__(self) -> int:
        return len(self.rowids)


class Retriever(Protocol):
    """A way to find chunks for a question. ``search`` returns at most ``k`` rowids in ``scope``, best first."""

    name: str

    def search(self, index: GuideIndex, query: Query, scope: Scope, k: int) -> Ranking: ...


def unique(rowids: Sequence[int]) -> list[int]:
    return list(dict.fromkeys(rowids))


__all__ = [
    "ALL_RETRIEVERS", "BM25", "CONCEPT", "DENSE", "EXPLAINED", "FILE", "MESSAGE", "SYMBOL", "Ranking", "Retriever",
    "Scope", "unique",
]  # fmt: skip
