"""Where a declaration without a body is implemented: a function of the standard library that the runtime provides
(``runtime/debug.freeOSMemory``, ``sync.runtime_Semacquire``, ``internal/poll.runtime_pollWait``, ``time.Sleep``) is
declared alone in its package and defined in the runtime under another name, which a ``//go:linkname`` directive
gives it (``//go:linkname runtime_debug_freeOSMemory runtime/debug.freeOSMemory``). An answer that cites the
declaration cites that definition right after it: what the call does is there (trial 81: "Does FreeOSMemory
actually give the memory back to Linux right away?" ended at ``func freeOSMemory()`` and walked the background
scavenger, which FreeOSMemory does not call, in its place)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from guide.answering.reading import declared_only, linkname_to
from guide.citation import Citation, cite_chunk

if TYPE_CHECKING:
    from guide.index import GuideIndex

_FUNC_KINDS = frozenset({"func", "method"})


def implementation(index: GuideIndex, src: Citation) -> Citation | None:
    """The definition at ``src``'s release that a ``//go:linkname`` directive names ``src``'s symbol, cited; None when
    there is none (an assembly function, a declaration the compiler provides)."""
    directive = linkname_to(src.symbol)
    rows = [r for r, text in index.reader.code_chunks_saying(src.symbol) if directive.search(text)]
    at = index.reader.chunk_tags(rows, [src.version]) if rows else {}
    for chunk in index.reader.chunks([r for r in rows if at.get(r)]):
        if chunk.kind in _FUNC_KINDS and chunk.symbol != src.symbol:
            return cite_chunk(index, chunk, src.version)
    return None


def with_implementations(index: GuideIndex, sources: list[Citation]) -> list[Citation]:
    """``sources`` with the definition that implements each declaration without a body among them right after it
    (``implementation``), renumbered; one already among them is not cited twice."""
    known = {s.key for s in sources}
    out: list[Citation] = []
    for src in sources:
        out.append(src)
        found = implementation(index, src) if declared_only(src) else None
        if found is not None and found.key not in known:
            known.add(found.key)
            out.append(found)
    return out if len(out) == len(sources) else [c.numbered(i) for i, c in enumerate(out, 1)]


__all__ = ["implementation", "with_implementations"]
