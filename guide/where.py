"""``where(symbol)``: every definition of a symbol, as citations (exact lines read back from git)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ingest.symbols import lookup

if TYPE_CHECKING:
    from guide.index import GuideIndex


def where(index: GuideIndex, symbol: str, version: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """Definitions of ``symbol`` (bare, qualified, ``runtime·rt0_go`` or a method form), oldest release first;
    each ``{version, path, start_line, end_line, symbol, kind, url, excerpt}``."""
    if version is not None and index.version(version) is None:
        raise ValueError(f"{version} is not indexed; indexed: {', '.join(v.tag for v in index.versions)}")
    out = []
    for d in lookup(index.store, symbol, version, limit=limit):
        excerpt = index.excerpt(d.tag, d.path, d.start_line, d.end_line)
        if excerpt is None:
            continue
        out.append(
            {
                "version": d.tag,
                "path": d.path,
                "start_line": d.start_line,
                "end_line": d.end_line,
                "symbol": d.symbol,
                "kind": d.kind,
                "url": index.permalink(d.tag, d.path, d.start_line, d.end_line),
                "excerpt": excerpt,
            }
        )
    return out
