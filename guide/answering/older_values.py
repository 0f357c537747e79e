"""What a quoted amount was at the oldest indexed release, when it differs: the line that declares it there, cited.

An answer read at the newest release quotes a constant declared with a number ("`MaxStackVarSize = int64(128 *
1024)` — MaxStackVarSize is the maximum size variable which we will allocate on the stack."); a reader who knows an
older Go (the post's developer is at Go 1.9) takes it for what their release does, and at go1.21.13 it was
``int64(10 * 1024 * 1024)`` (trial 64: "nothing tells a Go 1.9 user the limit changed"). Under such a quote the
answer says the declaration at the oldest indexed release when its text differs, cited there; the same line, or a
name the oldest release does not declare, says nothing."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from guide.citation import cite_definition, package_of
from guide.retrieval.symbol import definitions_of
from guide.words import squash

if TYPE_CHECKING:
    from guide.citation import Citation
    from guide.index import GuideIndex
    from guide.language import Lang
    from ingest.symbols import Definition

_QUOTED_CODE = re.compile(r"^- `([^`]+)`")
"""A quote that opens with its code line (``extractive.statement_line``)."""
_LAST_MARKER = re.compile(r"\[(\d+)\]\s*$")
_NAME = re.compile(r"^\s*(?:(?:const|var)\s+)?([A-Za-z_]\w*)(?:\s+[\w.]+)?\s*=[^=].*\d")
"""A constant or variable declared with a value that has a number in it (``MaxStackVarSize = int64(128 * 1024)``,
``forcePreemptNS = 10 * 1000 * 1000``); its name."""


def _value(declaration: str) -> str:
    """What a declaration sets its name to, blanks squashed (``MaxStackVarSize = int64(128 * 1024)``: ``int64(128 *
    1024)``)."""
    return squash(declaration.split("//", 1)[0].split("=", 1)[1]) if "=" in declaration else ""


def _declared(excerpt: str, name: str) -> str | None:
    """The line of ``excerpt`` that declares ``name`` with a value (its comment dropped), or None."""
    rx = re.compile(rf"^\s*(?:(?:const|var)\s+)?{re.escape(name)}\b[^=]*=")
    for ln in excerpt.split("\n"):
        if rx.match(ln):
            return squash(ln.split("//", 1)[0])
    return None


def counterpart(definitions: Sequence[Definition], path: str) -> Definition | None:
    """Of a name's definitions at the oldest release, the one that is what the quoted one (in ``path``) was: the
    definition in the same file, else the only one; none when files of their own declare it apart and none is that
    file (``pallocChunksL1Bits`` is 13 in mpagealloc_64bit.go and 0 in mpagealloc_32bit.go at both releases: the
    32-bit file's had been given as its value at go1.21.13 under the 64-bit quote, a change that is none, trial 73)."""
    same = [d for d in definitions if d.path == path]
    if same:
        return same[0]
    return definitions[0] if len({d.path for d in definitions}) == 1 else None


def older_values(index: GuideIndex, text: str, given: Sequence[Citation], lang: Lang) -> tuple[str, list[Citation]]:
    """``text`` with a line under each quoted amount whose declaration differs at the oldest indexed release (see
    the module doc), and the citations those lines add, numbered after ``given``."""
    releases = index.releases
    if len(releases) < 2:
        return text, []
    oldest = releases[0]
    by_n = {c.n: c for c in given}
    out: list[str] = []
    added: list[Citation] = []
    for line in text.split("\n"):
        out.append(line)
        quoted, marker = _QUOTED_CODE.match(line), _LAST_MARKER.search(line)
        src = by_n.get(int(marker.group(1))) if quoted and marker else None
        if quoted is None or src is None or src.version not in releases or src.version == oldest:
            continue
        code = quoted.group(1)
        name = _NAME.match(code)
        if name is None or src.kind not in ("const", "var"):
            continue  # a value a function's body sets (runtime.main's ``maxstacksize = 1000000000``): no declaration
        symbol = f"{package_of(src.symbol)}.{name.group(1)}"
        there = counterpart([d for d in definitions_of(index, symbol) if d.tag == oldest], src.path)
        cit = cite_definition(index, there) if there is not None else None
        was = _declared(cit.excerpt, name.group(1)) if cit is not None else None
        if cit is None or was is None or _value(was) == _value(code):
            continue  # the same value, however its declaration is written (``x = 8``, ``var x = 8``)
        cit = cit.numbered(max((c.n for c in given), default=0) + len(added) + 1)
        added.append(cit)
        out.append(f"  - {lang.text('older_value', tag=oldest)}`{was}` [{cit.n}]")
    return "\n".join(out), added


__all__ = ["counterpart", "older_values"]
