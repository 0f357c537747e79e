"""Call sites: the chunks at a release whose code calls ``name(`` (found lexically, then checked in the text)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from guide.index import GuideIndex
    from ingest.store import ChunkRow


def find_callers(index: GuideIndex, name: str, version: str, limit: int = 5) -> list[ChunkRow]:
    """Hand-written chunks at ``version`` that call ``name`` (not its own definition), runtime first."""
    if not re.fullmatch(r"\w+", name) or index.version(version) is None:
        return []
    call = re.compile(rf"(?<![\w.])(?:\w+\.)?{re.escape(name)}\(")
    found = index.reader.fts_search(f'"{name.lower()}"', [version], 400, hand_written=True)
    out = []
    for ch in index.reader.chunks([r for r, _, _ in found]):
        own = ch.symbol.rsplit(".", 1)[-1] == name and ch.kind in ("func", "method", "asm")
        code = "\n".join(ln for ln in ch.text.split("\n") if not ln.lstrip().startswith("//"))
        if not own and call.search(code):
            out.append(ch)
    out.sort(key=lambda c: (not c.path.startswith("src/runtime/"), c.path, c.start_line))
    return out[:limit]


__all__ = ["find_callers"]
