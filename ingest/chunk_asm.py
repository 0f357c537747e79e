"""Plan 9 (Go) assembly chunker: one chunk per ``TEXT`` block.

* A block runs from its ``TEXT`` line to the line before the next item (the next ``TEXT``, a ``DATA``/``GLOBL``
  line or a ``#define``, each with the comment lines directly above it), trailing blank lines trimmed. The comment
  lines directly above the ``TEXT`` line (no blank line between) are its doc: ``doc_start_line``. ``TEXT`` lines
  inside a multi-line ``#define`` (``\\`` continuations) are macro bodies, not blocks.
* Symbols: ``TEXT runtime·rt0_go(SB)`` -> ``runtime.rt0_go``; ``TEXT ·memmove<ABIInternal>(SB)`` -> the file's
  package (``runtime.memmove``; ABI selectors and ``<>`` dropped); ``runtime∕internal∕atomic·Load`` (U+2215) ->
  ``runtime/internal/atomic.Load``; a name without ``·`` (``_rt0_amd64_linux``, ``gogo<>``) is a linker-level
  name and stays bare (``_rt0_amd64_linux``), its SymbolDef's ``package`` still being the file's package.
  Kind ``asm``.
* What lies between blocks (the ``#include`` preamble, ``#define`` macros, ``DATA``/``GLOBL`` groups) is one
  chunk per gap when it holds a ``GLOBL`` (kind ``asm``, a SymbolDef per ``GLOBL``, symbol = the first) or at
  least ``min_lines`` lines once the copyright header, build constraints and ``#include`` lines are left out
  (kind ``comment`` when only comments, else ``text``; symbol ``<file>: <first line>``).
* Blocks longer than ``MAX_LINES`` are split at blank lines and labels into parts of at most ``PART_LINES``;
  ``header`` = the ``TEXT`` line and ``// (part k of n, lines a-b)``; the SymbolDef is in part 1.
* GOOS/GOARCH from the file name, ``//go:build`` and the generated marker as for Go.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from ingest.buildtags import file_facts, file_label, import_path_for, is_copyright_line
from ingest.chunk_docs import MAX_LINES, PART_LINES, chunk_maker, pack_ranges, part_marker, trim_blank_end
from ingest.chunk_go import comment_title
from ingest.chunk_types import Chunk, SymbolDef

log = logging.getLogger(__name__)

MIN_GAP_LINES = 6

_TEXT = re.compile(r"^\s*TEXT\s+([^\s(]+)\s*\(SB\)")
_GLOBL = re.compile(r"^\s*GLOBL\s+([^\s(]+)\s*\(SB\)")
_DATA_OR_GLOBL = re.compile(r"^\s*(DATA|GLOBL)\s")
_DEFINE = re.compile(r"^\s*#\s*define\b")
_INCLUDE_ETC = re.compile(r"^\s*#\s*(include|ifdef|ifndef|endif|else|undef|if)\b")
_LABEL = re.compile(r"^[A-Za-z_][\w]*:")
_SELECTOR = re.compile(r"<[^>]*>|\+\d+$")
_BOILER = re.compile(r"^\s*//(go:build\b|\s*\+build\b|\s*Code generated\b|\s*Use of this source|\s*license that)")


def asm_symbol(raw: str, pkg: str) -> tuple[str, str, str]:
    """(symbol, name, package) of a ``TEXT``/``GLOBL`` name as written."""
    raw = _SELECTOR.sub("", raw)
    if "·" in raw:
        p, name = raw.rsplit("·", 1)
        p = p.replace("∕", "/") or pkg
        return (f"{p}.{name}" if p else name), name, p
    return raw, raw, pkg


def _classify(lines: list[str]) -> list[str]:
    """Per line: blank | comment | text | data | define | macro | code."""
    kinds: list[str] = []
    in_macro = in_block = False
    for line in lines:
        s = line.strip()
        if in_block:
            kinds.append("comment")
            in_block = "*/" not in s
            continue
        if in_macro:
            kinds.append("macro")
            in_macro = s.endswith("\\")
            continue
        if not s:
            kinds.append("blank")
        elif s.startswith("//"):
            kinds.append("comment")
        elif s.startswith("/*"):
            kinds.append("comment")
            in_block = "*/" not in s[2:]
        elif _DEFINE.match(line):
            kinds.append("define")
            in_macro = s.endswith("\\")
        elif _TEXT.match(line):
            kinds.append("text")
        elif _DATA_OR_GLOBL.match(line):
            kinds.append("data")
        else:
            kinds.append("code")
    return kinds


def _doc_start(kinds: list[str], line: int) -> int:
    """First line of the comment lines directly above ``line`` (1-based); ``line`` if none."""
    d = line
    while d > 1 and kinds[d - 2] == "comment":
        d -= 1
    return d


def chunk_asm(path: str, data: bytes, lines: list[str]) -> list[Chunk]:
    max_lines, part_lines, min_gap_lines = MAX_LINES, PART_LINES, MIN_GAP_LINES
    facts = file_facts(path, lines)
    fkw: dict[str, Any] = facts.chunk_kwargs()
    pkg = import_path_for(path)
    label = file_label(path)
    kinds = _classify(lines)
    n = len(lines)

    mk = chunk_maker(path, lines, fkw)

    texts = [i for i, k in enumerate(kinds, 1) if k == "text"]
    # Lines where an item begins (its doc included): a block ends before the next one.
    anchors = sorted({_doc_start(kinds, i) for i, k in enumerate(kinds, 1) if k in ("text", "data", "define")})
    chunks: list[Chunk] = []
    blocks: list[tuple[int, int]] = []  # (first line incl. doc, end)
    for t in texts:
        doc = _doc_start(kinds, t)
        nxt = next((a for a in anchors if a > t), n + 1)
        end = trim_blank_end(lines, t, nxt - 1)
        raw = _TEXT.match(lines[t - 1]).group(1)  # type: ignore[union-attr]
        symbol, name, p = asm_symbol(raw, pkg)
        sd = SymbolDef(symbol=symbol, name=name, package=p, receiver=None, kind="asm", start_line=t, end_line=end)
        d = doc if doc < t else None
        blocks.append((doc, end))
        if end - doc + 1 <= max_lines:
            chunks.append(mk("asm", symbol, t, end, d, symbols=(sd,)))
            continue
        cands = [
            i
            for i in range(t + 1, end + 1)
            if (kinds[i - 2] == "blank" and kinds[i - 1] != "blank") or _LABEL.match(lines[i - 1])
        ]
        ranges = pack_ranges(doc, end, cands, part_lines)
        while len(ranges) > 1 and ranges[0][1] < t:
            ranges[0:2] = [(ranges[0][0], ranges[1][1])]
        for k, (a, b) in enumerate(ranges, 1):
            b = trim_blank_end(lines, a, b)
            header = f"{lines[t - 1]}\n// {part_marker(k, len(ranges), a, b)}"
            if k == 1:
                chunks.append(mk("asm", symbol, t, b, d, header=header, part=k, symbols=(sd,)))
            else:
                chunks.append(mk("asm", symbol, a, b, None, header=header, part=k))

    # Gaps between blocks.
    prev_end = 0
    for first, end in [*blocks, (n + 1, n)]:
        if first - 1 > prev_end:
            chunks.extend(
                _gap(prev_end + 1, first - 1, lines, kinds, pkg, label, mk, min_gap_lines, max_lines, part_lines)
            )
        prev_end = max(prev_end, end)
    chunks.sort(key=lambda c: (c.first_line, c.part))
    return chunks


def _gap(
    a: int,
    b: int,
    lines: list[str],
    kinds: list[str],
    pkg: str,
    label: str,
    mk: Any,
    min_lines: int,
    max_lines: int,
    part_lines: int,
) -> list[Chunk]:
    def boring(i: int) -> bool:
        ln = lines[i - 1]
        return (
            kinds[i - 1] == "blank"
            or bool(_BOILER.match(ln))
            or is_copyright_line(ln)
            or bool(_INCLUDE_ETC.match(ln) and "include" in ln)
        )

    kept = [i for i in range(a, b + 1) if not boring(i)]
    if not kept:
        return []
    lo, hi = kept[0], kept[-1]
    globls = [(i, m.group(1)) for i in range(lo, hi + 1) if (m := _GLOBL.match(lines[i - 1]))]
    if not globls and len(kept) < min_lines:
        return []
    if globls:
        kind = "asm"
        sdefs = []
        for i, raw in globls:
            sym, name, p = asm_symbol(raw, pkg)
            sdefs.append(
                SymbolDef(symbol=sym, name=name, package=p, receiver=None, kind="asm", start_line=i, end_line=i)
            )
        symbol = sdefs[0].symbol
    else:
        kind = "comment" if all(kinds[i - 1] in ("comment", "blank") for i in range(lo, hi + 1)) else "text"
        title = comment_title(lines, lo, hi)
        symbol = f"{label}: {title}"
        sdefs = [
            SymbolDef(symbol=symbol, name=title, package=pkg, receiver=None, kind="comment", start_line=lo, end_line=hi)
        ]
    if hi - lo + 1 <= max_lines:
        return [mk(kind, symbol, lo, hi, symbols=tuple(sdefs))]
    paras = [i for i in range(lo + 1, hi + 1) if kinds[i - 2] == "blank" and kinds[i - 1] != "blank"]
    ranges = pack_ranges(lo, hi, paras, part_lines)
    out = []
    for k, (pa, pb) in enumerate(ranges, 1):
        pb = trim_blank_end(lines, pa, pb)
        defs = (
            tuple(s for s in sdefs if pa <= s.start_line <= pb) if kind == "asm" else (tuple(sdefs) if k == 1 else ())
        )
        out.append(
            mk(
                kind,
                defs[0].symbol if defs and kind == "asm" else symbol,
                pa,
                pb,
                header=f"// {label} {part_marker(k, len(ranges), pa, pb)}",
                part=k,
                symbols=defs,
            )
        )
    return out


__all__ = ["asm_symbol", "chunk_asm"]
