"""What comparisons and timelines share: a definition shown as one side of a comparison, and a successor entry
with its definitions cited."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from guide.citation import Citation, cite_definition, cite_file
from guide.definitions import candidates, primary
from guide.knowledge import Successor

if TYPE_CHECKING:
    from guide.index import GuideIndex


@dataclass
class SuccessorRef:
    """A successor entry (guide/knowledge/successors.toml) and its definitions cited at one release."""

    entry: Successor
    definitions: list[Citation] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {**self.entry.to_json(), "definitions": [side_json(c) for c in self.definitions]}


def side_json(c: Citation) -> dict[str, Any]:
    """A comparison side: the citation, with the definition's text (``text``) and package."""
    d = c.to_json()
    d.pop("n")
    return {**d, "tag": c.version, "text": c.excerpt, "package": c.package}


def successor_ref(index: GuideIndex, s: Successor, tag: str) -> SuccessorRef:
    """``s`` with its targets cited at ``tag`` (files whole, symbols at their primary definition)."""
    defs: list[Citation] = []
    for target in s.new:
        if target.endswith((".go", ".s", ".y")):
            cit = cite_file(index, tag, target)
        else:
            d = primary(candidates(index, target, tag), target)
            cit = cite_definition(index, d) if d is not None else None
        if cit is not None:
            defs.append(cit)
    return SuccessorRef(s, defs)


__all__ = ["SuccessorRef", "side_json", "successor_ref"]
