"""Call sites: the chunks at a version whose code calls ``name(`` (found lexically, then checked in the text)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ingest.store import ChunkRow

if TYPE_CHECKING:
    from guide.index import GuideIndex


def find_callers(index: GuideIndex, name: str, version: str, limit: int = 5) -> list[ChunkRow]:
    """Hand-written chunks at ``version`` that call ``name`` (not its own definition), runtime first."""
    if not re.fullmatch(r"\w+", name):
        return []
    v = index.version(version)
    if v is None:
        return []
    call = re.compile(rf"(?<![\w.])(?:\w+\.)?{re.escape(name)}\(")
    rows = index.store.db.execute(
        "SELECT c.rowid FROM fts JOIN chunks c ON c.rowid = fts.rowid "
        "WHERE fts MATCH ? AND c.generated = 0 AND EXISTS (SELECT 1 FROM files f WHERE f.repo=c.repo AND "
        "f.path=c.path AND f.blob=c.blob AND f.tag=?) ORDER BY bm25(fts) LIMIT 400",
        (f'"{name.lower()}"', version),
    ).fetchall()
    chunks = index.store.get_chunks([r[0] for r in rows])
    out = []
    for ch in chunks:
        own = ch.symbol.rsplit(".", 1)[-1] == name and ch.kind in ("func", "method", "asm")
        code = "\n".join(ln for ln in ch.text.split("\n") if not ln.lstrip().startswith("//"))
        if not own and call.search(code):
            out.append(ch)
    out.sort(key=lambda c: (not c.path.startswith("src/runtime/"), c.path, c.start_line))
    return out[:limit]
