"""Concept retrieval: the Go-internals vocabulary (guide/knowledge/vocabulary.toml) maps the terms a question uses
("channel", "work stealing", "逃逸分析") to the declarations that explain them; those are ranked as their own list,
so a question in plain words reaches the code it is about. The question model matched the terms
(``Query.concepts``); here they become definitions within the scope, two per declaration at most, in turns. The
steps of the tour the question is about follow, the part of the topic it asks about first
(``guide.retrieval.tour_routing.steps_by_meaning``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from guide.definitions import rank_key
from guide.knowledge import vocabulary
from guide.knowledge.tours import Tour, tour
from guide.retrieval.base import CONCEPT, Ranking, Scope
from guide.retrieval.symbol import definitions_of
from guide.retrieval.tour_routing import steps_by_meaning
from ingest.symbols import parse_name

if TYPE_CHECKING:
    from guide.index import GuideIndex
    from guide.query import Query

PER_SYMBOL = 2


class ConceptRetriever:
    name = CONCEPT

    def search(self, index: GuideIndex, query: Query, scope: Scope, k: int) -> Ranking:
        in_scope = set(scope.tags)
        per_name: list[list[int]] = []
        names: list[tuple[str, str | None]] = [(n, None) for n in vocabulary().symbols(query.concepts)]
        found = tour(query.tours[0]) if query.tours else None
        if found is not None and not (query.tour_by_meaning and names_other_code(index, query, found, in_scope)):
            steps = steps_by_meaning(index, query, found, scope.releases)  # the part asked about first
            names += [(s.anchor, s.path) for s in steps if (s.anchor, None) not in names]
        for name, path in names:
            defs = [
                d for d in definitions_of(index, name)
                if d.tag in in_scope and d.symbol == name and (path is None or d.path == path)
            ]  # fmt: skip
            keys = {d.chunk_rowid: rank_key(d, name, query.platform) for d in defs}
            per_name.append(sorted(keys, key=lambda r: keys[r])[:PER_SYMBOL])
        out: list[int] = []
        for depth in range(PER_SYMBOL):
            out += [r[depth] for r in per_name if depth < len(r) and r[depth] not in out]
        return Ranking(self.name, out[:k])


def names_other_code(index: GuideIndex, query: Query, found: Tour, in_scope: set[str]) -> bool:
    """Whether the question writes as code (``sync.Once``) a definition in scope that is none of ``found``'s steps nor
    of their types: a tour chosen by the question's meaning is then the topic around what it asks, not its answer,
    and its steps are not searched ("How does sync.Once make sure the function runs only once?" is closest to the
    mutex tour, whose eight steps had taken the places of Once.Do and doSlow, which the dense search found first)."""
    anchors = {s.anchor for s in found.steps}
    types = {owner(a) for a in anchors} - {""}
    for written in query.code_like:
        defs = [d for d in definitions_of(index, written) if d.tag in in_scope]
        if any(d.symbol not in anchors and d.symbol not in types and owner(d.symbol) not in types for d in defs):
            return True
    return False


def owner(symbol: str) -> str:
    """The type a method's symbol belongs to (``sync.(*Mutex).Lock`` -> ``sync.Mutex``); "" for other symbols."""
    form = parse_name(symbol)
    return f"{form.package}.{form.receiver}" if form is not None and form.receiver and form.package else ""


__all__ = ["ConceptRetriever", "names_other_code", "owner"]
