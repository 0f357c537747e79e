"""Document chunkers (Markdown, HTML) and the line helpers every chunker shares.

Line model (all chunkers): the file is decoded as UTF-8 with ``errors="replace"`` (a warning once per file when
that happens), split on ``'\\n'`` only; a ``'\\r'`` at a line end (CRLF files) is stripped from the line, so a
chunk's ``text`` is the file's lines ``first_line..end_line`` without their line terminators, joined by ``'\\n'``.
A final ``'\\n'`` does not start a line (``"a\\nb\\n"`` has 2 lines), which matches ``git``/editors and the
pipeline's line count.

Markdown: one chunk per ATX (``#``) or setext (``===``/``---`` under a one-line paragraph) heading section, ``#``
inside fenced code blocks ignored. Kind ``section``; symbol ``<path>#<H1> > <H2> > ...`` (the trail of enclosing
headings); ``start_line`` is the heading's (first) line; the section runs to the line before the next heading of
any level, trailing blank lines trimmed. The text before the first heading is a chunk named ``<path>#<file
name>``. HTML (Go's ``doc/*.html``): the same with ``<h1>``..``<h4>`` headings (tags stripped, entities
unescaped); ``<h5>``/``<h6>`` stay inside their section. Sections longer than ``max_lines`` are split at paragraph
boundaries into parts of at most ``part_lines`` lines; each part's ``header`` is the heading trail plus a
``(part k of n, lines a-b)`` marker; the section's SymbolDef (full range) is in part 1 only.
"""

from __future__ import annotations

import bisect
import html
import logging
import posixpath
import re
from collections.abc import Callable, Iterable
from typing import Any

from ingest.chunk_types import Chunk, SymbolDef

log = logging.getLogger(__name__)

MAX_LINES = 120
"""A declaration / section longer than this is split into parts."""
PART_LINES = 100
"""Target maximum length of a part."""


# ---------------------------------------------------------------------------------------------------------------
# Shared line helpers


_REFERENCES = re.compile(r"(?:#|> )\s*(references|bibliography|further reading)\s*$", re.IGNORECASE)


def is_references(kind: str, symbol: str) -> bool:
    """Whether a chunk is a document's list of references (a section headed "References"): titles of papers, which
    neither answer a question nor state anything to quote."""
    return kind == "section" and _REFERENCES.search(symbol) is not None


_LICENSE = re.compile(
    r": (?:Derived from )?(?:Inferno(?:'s)? (?:utils|libkern)/|Plan 9 from User Space)|: Copyright ©? ?\d{4}"
)
"""The title of a comment block that is a license: the Inferno notice the linker's files and some assembly files
carry ("Inferno utils/6l/obj.c", "Inferno's libkern/memmove-386.s"), Plan 9 from User Space's, an Apache header
("Copyright 2014 Google Inc. All Rights Reserved"). It takes a design comment's place and explains nothing."""


def is_license(kind: str, symbol: str) -> bool:
    """Whether a chunk is a file's license block taken for its design comment (``_LICENSE``; a comment block, or an
    assembly file's comments with its includes): cmd/link/internal/ld/lib.go's "Inferno utils/8l/asm.c" was offered
    as "See also" on how a program starts."""
    return kind in ("comment", "text") and _LICENSE.search(symbol) is not None


def is_boilerplate(kind: str, symbol: str) -> bool:
    """Whether a chunk is a document's list of references or a file's license block (``is_references``,
    ``is_license``): never a hit, never quoted."""
    return is_references(kind, symbol) or is_license(kind, symbol)


def decode_lines(path: str, data: bytes) -> list[str]:
    """The file's lines (see the module doc): never raises, never shifts line numbers."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        log.warning("%s: invalid UTF-8 (first at byte %d); decoded with replacement characters", path, e.start)
        text = data.decode("utf-8", errors="replace")
    if not text:
        return []
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return [ln[:-1] if ln.endswith("\r") else ln for ln in lines]


def lines_text(lines: list[str], first: int, end: int) -> str:
    """Lines ``first..end`` (1-based, inclusive) joined by '\\n'."""
    return "\n".join(lines[first - 1 : end])


def chunk_maker(path: str, lines: list[str], file_kwargs: dict[str, Any]) -> Callable[..., Chunk]:
    """``mk(kind, symbol, start, end, doc=None, **kw)``: a chunk of ``path`` whose text is its lines ``doc or
    start .. end``, with the file's own facts (``file_kwargs``: GOOS/GOARCH, build, generated)."""

    def mk(kind: str, symbol: str, start: int, end: int, doc: int | None = None, **kw: Any) -> Chunk:
        first = doc if doc is not None else start
        return Chunk(
            path=path,
            kind=kind,
            symbol=symbol,
            start_line=start,
            end_line=end,
            text=lines_text(lines, first, end),
            doc_start_line=doc,
            **kw,
            **file_kwargs,
        )

    return mk


def pack_ranges(
    first: int, last: int, candidates: Iterable[int], part_lines: int = PART_LINES
) -> list[tuple[int, int]]:
    """Cut ``first..last`` into consecutive ranges of at most ``part_lines`` lines.

    A range may start only at a candidate line when one is in reach (the latest one, so parts are as long as
    allowed); otherwise the cut is forced after ``part_lines`` lines. The ranges cover every line exactly once.
    """
    cands = sorted({c for c in candidates if first < c <= last})
    parts: list[tuple[int, int]] = []
    s = first
    while last - s + 1 > part_lines:
        lo = bisect.bisect_right(cands, s)
        hi = bisect.bisect_right(cands, s + part_lines)
        c = cands[hi - 1] if hi > lo else s + part_lines
        parts.append((s, c - 1))
        s = c
    parts.append((s, last))
    return parts


def part_marker(k: int, n: int, a: int, b: int) -> str:
    return f"(part {k} of {n}, lines {a}-{b})"


def trim_blank_end(lines: list[str], start: int, end: int) -> int:
    """``end`` moved up over blank lines, not above ``start``."""
    while end > start and not lines[end - 1].strip():
        end -= 1
    return end


def window_chunks(
    path: str, lines: list[str], window: int = PART_LINES, *, kind: str = "text", **facts: Any
) -> list[Chunk]:
    """Fixed line windows (the fallback for huge or unparsable files); symbol ``<file>:<a>-<b>``."""
    label = path[4:] if path.startswith("src/") else path
    out: list[Chunk] = []
    for a in range(1, len(lines) + 1, window):
        b = trim_blank_end(lines, a, min(len(lines), a + window - 1))
        if not any(ln.strip() for ln in lines[a - 1 : b]):
            continue
        out.append(
            Chunk(
                path=path,
                kind=kind,
                symbol=f"{label}:{a}-{b}",
                start_line=a,
                end_line=b,
                text=lines_text(lines, a, b),
                **facts,
            )
        )
    return out


# ---------------------------------------------------------------------------------------------------------------
# Sections (shared by Markdown and HTML)


def _sections(
    path: str,
    lines: list[str],
    headings: list[tuple[int, int, str]],
    para_starts: list[int],
    *,
    marker: str,
    max_lines: int,
    part_lines: int,
) -> list[Chunk]:
    """Chunks for ``headings`` = [(line, level, title)], split long ones at ``para_starts``."""
    out: list[Chunk] = []
    n = len(lines)
    first_heading = headings[0][0] if headings else n + 1
    # Text before the first heading.
    a = 1
    while a < first_heading and not lines[a - 1].strip():
        a += 1
    if a < first_heading:
        b = trim_blank_end(lines, a, first_heading - 1)
        title = posixpath.basename(path)
        out.extend(_section_parts(path, lines, a, b, title, [title], [], para_starts, max_lines, part_lines))
    trail: list[tuple[int, str]] = []
    for i, (line, level, title) in enumerate(headings):
        while trail and trail[-1][0] >= level:
            trail.pop()
        trail.append((level, title))
        nxt = headings[i + 1][0] if i + 1 < len(headings) else n + 1
        end = trim_blank_end(lines, line, nxt - 1)
        names = [t for _, t in trail]
        head_lines = [f"{marker * lvl} {t}" if marker else t for lvl, t in trail]
        out.extend(_section_parts(path, lines, line, end, title, names, head_lines, para_starts, max_lines, part_lines))
    return out


def _section_parts(
    path: str,
    lines: list[str],
    start: int,
    end: int,
    title: str,
    trail: list[str],
    head_lines: list[str],
    para_starts: list[int],
    max_lines: int,
    part_lines: int,
) -> list[Chunk]:
    symbol = f"{path}#{' > '.join(trail)}"
    sdef = SymbolDef(
        symbol=symbol, name=title, package="", receiver=None, kind="section", start_line=start, end_line=end
    )
    if end - start + 1 <= max_lines:
        return [
            Chunk(
                path=path,
                kind="section",
                symbol=symbol,
                start_line=start,
                end_line=end,
                text=lines_text(lines, start, end),
                symbols=(sdef,),
            )
        ]
    lo = bisect.bisect_right(para_starts, start)
    hi = bisect.bisect_right(para_starts, end)
    ranges = pack_ranges(start, end, para_starts[lo:hi], part_lines)
    out = []
    for k, (a, b) in enumerate(ranges, 1):
        b = trim_blank_end(lines, a, b)
        header = "\n".join([*(head_lines or [title]), part_marker(k, len(ranges), a, b)])
        out.append(
            Chunk(
                path=path,
                kind="section",
                symbol=symbol,
                start_line=a,
                end_line=b,
                text=lines_text(lines, a, b),
                header=header,
                part=k,
                symbols=(sdef,) if k == 1 else (),
            )
        )
    return out


# ---------------------------------------------------------------------------------------------------------------
# Markdown

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_NOT_SETEXT_TEXT = re.compile(r"^ {0,3}([-*+>|]|\d+[.)]|<|```|~~~)|^ {4}|^\t")


def chunk_markdown(
    path: str, lines: list[str], *, max_lines: int = MAX_LINES, part_lines: int = PART_LINES
) -> list[Chunk]:
    headings: list[tuple[int, int, str]] = []
    para_starts: list[int] = []
    fence: str | None = None
    prev_blank = True
    for i, line in enumerate(lines, 1):
        m = _FENCE.match(line)
        if fence is not None:
            if (
                m
                and m.group(1)[0] == fence[0]
                and len(m.group(1)) >= len(fence)
                and not line.strip()[len(m.group(1)) :]
            ):
                fence = None
            prev_blank = False
            continue
        if m:
            fence = m.group(1)
            if prev_blank:
                para_starts.append(i)
            prev_blank = False
            continue
        blank = not line.strip()
        if not blank and prev_blank:
            para_starts.append(i)
        h = _ATX.match(line)
        if h:
            headings.append((i, len(h.group(1)), (h.group(2) or "").strip()))
        elif (
            not blank and prev_blank and i < len(lines) and _SETEXT.match(lines[i]) and not _NOT_SETEXT_TEXT.match(line)
        ):
            headings.append((i, 1 if lines[i].strip()[0] == "=" else 2, line.strip()))
        prev_blank = blank
    return _sections(path, lines, headings, para_starts, marker="#", max_lines=max_lines, part_lines=part_lines)


# ---------------------------------------------------------------------------------------------------------------
# HTML

_H_OPEN = re.compile(r"<h([1-4])\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_PRE_OPEN = re.compile(r"<pre\b", re.IGNORECASE)
_PRE_CLOSE = re.compile(r"</pre\s*>", re.IGNORECASE)
_HTML_PARA = re.compile(r"^\s*<(p|pre|ul|ol|table|h5|h6|div|blockquote)\b", re.IGNORECASE)


def heading_title(raw: str) -> str:
    return " ".join(html.unescape(_TAG.sub("", raw)).split())


def chunk_html(path: str, lines: list[str], *, max_lines: int = MAX_LINES, part_lines: int = PART_LINES) -> list[Chunk]:
    headings: list[tuple[int, int, str]] = []
    para_starts: list[int] = []
    in_pre = False
    prev_blank = True
    for i, line in enumerate(lines, 1):
        blank = not line.strip()
        if in_pre:
            if _PRE_CLOSE.search(line):
                in_pre = False
            prev_blank = blank
            continue
        if not blank and (prev_blank or _HTML_PARA.match(line)):
            para_starts.append(i)
        m = _H_OPEN.search(line)
        if m:
            level = int(m.group(1))
            close = re.compile(rf"</h{level}\s*>", re.IGNORECASE)
            joined = line[m.end() :]
            j = i
            while not close.search(joined) and j < min(len(lines), i + 3):
                joined += " " + lines[j]
                j += 1
            c = close.search(joined)
            title = heading_title(joined[: c.start()] if c else joined)
            headings.append((i, level, title or f"h{level} at line {i}"))
        if _PRE_OPEN.search(line) and not _PRE_CLOSE.search(line[_PRE_OPEN.search(line).end() :]):  # type: ignore[union-attr]
            in_pre = True
        prev_blank = blank
    return _sections(path, lines, headings, para_starts, marker="", max_lines=max_lines, part_lines=part_lines)
