"""Call sites and uses: the chunks at a release whose code calls ``name(`` or names the variable ``name`` (found
lexically, then checked in the code's lines)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from guide.index import GuideIndex
    from ingest.store import ChunkRow


def find_callers(index: GuideIndex, name: str, version: str, limit: int = 5) -> list[ChunkRow]:
    """Hand-written chunks at ``version`` that call ``name`` (not its own definition), runtime first."""
    return _found(index, name, version, limit, rf"(?<![\w.])(?:\w+\.)?{re.escape(name)}\(", ("func", "method", "asm"))


def find_users(index: GuideIndex, name: str, version: str, limit: int = 5) -> list[ChunkRow]:
    """Hand-written chunks at ``version`` whose code names the variable ``name`` (``panic(errNilAssign)``), not its
    declaration, runtime first."""
    return _found(index, name, version, limit, rf"(?<![\w.])(?:\w+\.)?{re.escape(name)}\b(?!\s*=[^=])", ("var",))


def find_mentions(index: GuideIndex, name: str, version: str, limit: int = 5) -> list[ChunkRow]:
    """Hand-written chunks at ``version`` whose code names ``name`` at all (a call, a use, an assignment), not its
    own definition, runtime first."""
    kinds = ("func", "method", "asm", "var", "const", "type")
    return _found(index, name, version, limit, rf"(?<![\w.])(?:\w+\.)?{re.escape(name)}(?!\w)", kinds)


def _found(
    index: GuideIndex, name: str, version: str, limit: int, use: str, own_kinds: tuple[str, ...]
) -> list[ChunkRow]:
    if not re.fullmatch(r"\w+", name) or index.version(version) is None:
        return []
    pattern = re.compile(use)
    found = index.reader.fts_search(f'"{name.lower()}"', [version], 400, hand_written=True)
    out = []
    for ch in index.reader.chunks([r for r, _, _ in found]):
        own = ch.symbol.rsplit(".", 1)[-1] == name and ch.kind in own_kinds
        code = _STRING.sub('""', "\n".join(ln for ln in ch.text.split("\n") if not ln.lstrip().startswith("//")))
        if not own and pattern.search(code):
            out.append(ch)
    out.sort(key=lambda c: (not c.path.startswith("src/runtime/"), c.path, c.start_line))
    return out[:limit]


_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"|`[^`]*`')
"""A Go string literal: a name written in one (the linker's list of ``"internal/runtime/maps.errNilAssign"``) is no
use of it."""
_LINKNAME = re.compile(r"^//go:linkname\s+(\w+)\s+\S*?(\w+)\s*$", re.MULTILINE)


def linked_names(text: str, name: str) -> list[str]:
    """``name`` and the names ``text``'s ``//go:linkname name pkg.other`` directives give it elsewhere
    (runtime's ``maps_errNilAssign`` is ``internal/runtime/maps.errNilAssign``): one variable under each."""
    return [name, *(m[2] for m in _LINKNAME.finditer(text) if m[1] == name and m[2] != name)]


__all__ = ["find_callers", "find_mentions", "find_users", "linked_names"]
