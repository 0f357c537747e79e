"""``where(index, symbol)``: every definition of a symbol, as citations (exact lines read back from git)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from guide.citation import Citation, cite_definition

if TYPE_CHECKING:
    from guide.index import GuideIndex


def where(index: GuideIndex, symbol: str, version: str | None = None, limit: int = 50) -> list[Citation]:
    """Definitions of ``symbol`` (bare, qualified, ``runtime·rt0_go`` or a method form), oldest release first."""
    if version is not None and index.version(version) is None:
        raise ValueError(f"{version} is not indexed; indexed: {', '.join(v.tag for v in index.versions)}")
    out = []
    for d in index.reader.lookup(symbol, version, limit=limit):
        cit = cite_definition(index, d)
        if cit is not None:
            out.append(cit)
    return out


def where_json(citations: list[Citation]) -> list[dict]:
    """The documented JSON form of ``where`` (README): each citation without its answer number."""
    out = []
    for c in citations:
        d = c.to_json()
        d.pop("n")
        out.append(d)
    return out


__all__ = ["where", "where_json"]
