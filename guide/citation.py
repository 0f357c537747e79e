"""The one citation type, and the only ways to make one — each checked against git at construction.

A :class:`Citation` is a definition (or a doc section, a design comment, a whole file) at one release: version,
path, ``start_line`` (the declaration's own line: ``func``, ``type``, the const/var spec, ``TEXT``, the heading),
``end_line``, ``doc_start_line`` (where its doc comment starts, apart; None when it has none), symbol, kind, the
upstream permalink of ``start_line..end_line`` and ``excerpt``, exactly those lines as git holds them. ``doc`` is
the doc comment's lines (``doc_start_line..start_line-1``), also exactly as in git.

Answers, ``where``, comparisons, timelines, the web app and the evals all use this type; ``n`` numbers it within
an answer and ``scores`` carries the retrievers' ranks of a retrieved source.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from guide.index import GuideIndex
    from guide.retrieval import Hit
    from ingest.store import ChunkRow
    from ingest.symbols import Definition

log = logging.getLogger(__name__)

WHOLE_DEFINITION_MAX_LINES = 450
"""A part of a split definition is cited as the whole definition when that is at most this long."""


def line_span(start: int, end: int) -> str:
    """A range of lines as written for a reader: ``"164-597"``, or ``"55"`` when it is one line."""
    return str(start) if start == end else f"{start}-{end}"


@dataclass(frozen=True)
class Citation:
    version: str
    path: str
    start_line: int
    end_line: int
    symbol: str
    kind: str
    url: str
    excerpt: str
    doc_start_line: int | None = None
    doc: str = ""
    n: int = 0
    scores: dict[str, Any] = field(default_factory=dict, compare=False)
    package: str = field(default="", compare=False)
    dated: str = field(default="", compare=False)
    """For a section of a design document, the year its header gives ("December 2013", "Last updated: 2019-01-18"):
    a proposal says what was designed then, not what the code does now; "" when it gives none."""
    also_on: tuple[str, ...] = field(default=(), compare=False)
    """The platforms other copies of this definition are built for ("darwin || freebsd", "plan9", "linux/arm64"): the
    copies retrieval folded into this one, the asked platform's (``guide.retrieval.fusion.fold_platforms``)."""

    @property
    def first_line(self) -> int:
        """The first line of the doc comment, or the declaration's line."""
        return self.doc_start_line if self.doc_start_line is not None else self.start_line

    def holds(self, path: str, line: int) -> bool:
        """Whether ``line`` of ``path`` is one of the cited lines (from the declaration to the end)."""
        return self.path == path and self.start_line <= line <= self.end_line

    def numbered_lines(self) -> tuple[int, list[str]]:
        """The lines a diff of this definition shows and the file line of the first: its doc comment's and its own
        when the doc comment runs up to the declaration (a diff of time.NewTimer between go1.26 and go1.27 said
        "No difference" under "doc comment changed: +0 −5", trial 76), else its own."""
        lines = self.excerpt.split("\n")
        doc = self.doc.split("\n") if self.doc else []
        if doc and self.doc_start_line is not None and self.doc_start_line + len(doc) == self.start_line:
            return self.doc_start_line, [*doc, *lines]
        return self.start_line, lines

    @property
    def text(self) -> str:
        """Doc comment and definition: every line a quote next to this citation may come from."""
        return f"{self.doc}\n{self.excerpt}" if self.doc else self.excerpt

    @property
    def label(self) -> str:
        return f"{self.location} @ {self.version}"

    @property
    def location(self) -> str:
        """``path:start-end``, or ``path:line`` for one line (``src/internal/sync/mutex.go:55``, not ``:55-55``)."""
        return f"{self.path}:{self.lines}"

    @property
    def lines(self) -> str:
        """Its lines as written for a reader: ``"164-597"``, or ``"55"`` for one."""
        return line_span(self.start_line, self.end_line)

    @property
    def shown_symbol(self) -> str:
        """The symbol as a reader sees it: a design document's headings without their Markdown (a link's text, not
        ``[lockedfile](https://godoc.org/...)``; no code marks), a definition's name as it is."""
        return _MD_LINK.sub(r"\1", self.symbol).replace("`", "") if self.version == "design" else self.symbol

    @property
    def key(self) -> tuple[str, str, int]:
        """(version, path, start_line): which definition this is, whatever its number."""
        return (self.version, self.path, self.start_line)

    def numbered(self, n: int) -> Citation:
        return replace(self, n=n)

    def to_json(self) -> dict[str, Any]:
        """The documented form (README, "Answers as JSON")."""
        return {
            "n": self.n,
            "version": self.version,
            "path": self.path,
            "start_line": self.start_line,
            "end_line": self.end_line,
            "doc_start_line": self.doc_start_line,
            "symbol": self.symbol,
            "kind": self.kind,
            "url": self.url,
            "excerpt": self.excerpt,
        }

    def retrieved_json(self) -> dict[str, Any]:
        """A retrieved source: the citation and each retriever's rank of it."""
        return {**self.to_json(), "scores": dict(self.scores)}


def package_of(symbol: str) -> str:
    """The package of a Go symbol (``internal/runtime/gc.SizeClassToSize``: internal/runtime/gc;
    ``runtime.(*mheap).alloc``: runtime)."""
    head, _, last = symbol.rpartition("/")
    pkg = last.split(".", 1)[0]
    return f"{head}/{pkg}" if head else pkg


def _lines(index: GuideIndex, version: str, path: str, a: int, b: int) -> str | None:
    return index.excerpt(version, path, a, b) if a <= b else ""


MAX_DOC_LINES = 200
"""A doc comment is read (and marked in the viewer) up to this many lines above its declaration."""


def doc_comment_start(path: str, lines: list[str], a: int) -> int:
    """The first line of the doc comment of the declaration at line ``a`` of a Go or assembly file: the contiguous
    ``//`` lines directly above it (no blank line between, as the chunker reads it), or a ``/* ... */`` block that
    ends right above it (chansend's, which its card showed and the viewer left unmarked: trial 46); ``a`` when there
    is none."""
    if not path.endswith((".go", ".s")):
        return a
    k = a
    if k > 1 and lines[k - 2].rstrip().endswith("*/"):  # a block comment: up to the line that opens it
        top = next((j for j in range(k - 1, max(0, a - MAX_DOC_LINES - 1), -1) if "/*" in lines[j - 1]), None)
        return top if top is not None and lines[top - 1].lstrip().startswith("/*") else a
    while k > 1 and a - k < MAX_DOC_LINES and lines[k - 2].lstrip().startswith("//"):
        k -= 1
    return k


def grouped_spec(kind: str, excerpt: str) -> bool:
    """Whether a constant's or variable's lines are a spec inside a ``const (...)`` or ``var (...)`` group: indented,
    as gofmt writes every spec of a group."""
    return kind in ("const", "var") and excerpt.startswith("\t")


def _spec_doc_start(index: GuideIndex, version: str, path: str, start: int) -> int | None:
    """Where the doc comment of a spec in a ``const (...)`` or ``var (...)`` group starts (``doc_comment_start``, as
    the viewer marks it), which the index does not record for one (internal/sync's "Mutex fairness." paragraphs over
    ``starvationThresholdNs = 1e6`` had been cited without them, and "Is sync.Mutex fair?" could not quote them);
    None when the line above is no comment (a blank line, or a spec with a trailing comment)."""
    above = _lines(index, version, path, max(1, start - MAX_DOC_LINES), start - 1) or ""
    lines = [*above.split("\n"), ""]  # the lines above the spec, then the spec's own place
    first = doc_comment_start(path, lines, len(lines))
    return start - (len(lines) - first) if first < len(lines) else None


def make_citation(
    index: GuideIndex,
    version: str,
    path: str,
    start: int,
    end: int,
    *,
    symbol: str,
    kind: str,
    doc_start: int | None = None,
    package: str = "",
    scores: dict[str, Any] | None = None,
) -> Citation | None:
    """A citation of lines ``start..end`` (doc comment from ``doc_start``) of ``path`` at ``version``, read from
    git; None when the file is not indexed at that version or has no such lines."""
    if index.version(version) is None:
        return None
    excerpt = _lines(index, version, path, start, end)
    if doc_start is None and excerpt and grouped_spec(kind, excerpt):
        doc_start = _spec_doc_start(index, version, path, start)
    if doc_start is not None and doc_start >= start:
        doc_start = None
    doc = _lines(index, version, path, doc_start, start - 1) if doc_start is not None else ""
    if excerpt is None or doc is None:
        return None
    url = index.permalink(version, path, start, end)
    dated = document_year(index, version, path) if path.startswith("design/") and path.endswith(".md") else ""
    return Citation(
        version, path, start, end, symbol, kind, url, excerpt, doc_start, doc, 0, dict(scores or {}), package, dated
    )


HEADER_LINES = 12
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
"""A Markdown link in a design document's heading: ``[text](url)``."""
_DATE_LINE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? (?:\d{1,2},? )?(?:19|20)\d\d\b"
    r"|\b(?:19|20)\d\d-\d\d-\d\d\b|\b(?:date|updated)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def header_year(lines: Sequence[str]) -> str:
    """The year a document's header (its first ``HEADER_LINES`` lines) dates it by: the first year on a line that
    reads as a date ("Russ Cox \\ December 2013", "Last updated: 2019-01-18"); "" when none does."""
    for line in lines[:HEADER_LINES]:
        if _DATE_LINE.search(line) and (m := _YEAR.search(line)):
            return m.group(0)
    return ""


def document_year(index: GuideIndex, version: str, path: str) -> str:
    """:func:`header_year` of a design document as git holds it at ``version``."""
    return header_year(index.file_lines(version, path) or [])


def cite_chunk(
    index: GuideIndex, chunk: ChunkRow, version: str, scores: dict[str, Any] | None = None
) -> Citation | None:
    """A citation of a retrieved chunk at ``version``: the whole definition when the chunk is one part of a split
    one (and that is not too long). None when git does not hold exactly the chunk's lines there (the index and
    the repository disagree: never cite what cannot be read back)."""
    first = chunk.first_line
    whole = index.excerpt(version, chunk.path, first, chunk.end_line)
    if whole is None or whole != chunk.text:
        log.warning("dropped %s at %s: lines no longer match the index", chunk.path, version)
        return None
    doc_start, start, end = chunk.doc_start_line, chunk.start_line, chunk.end_line
    if chunk.part:
        span = index.reader.definition_span(chunk)
        if span is not None and span[2] - (span[0] or span[1]) + 1 <= WHOLE_DEFINITION_MAX_LINES:
            doc_start, start, end = span
    cit = make_citation(
        index, version, chunk.path, start, end, symbol=chunk.symbol, kind=chunk.kind, doc_start=doc_start,
        scores=scores,
    )  # fmt: skip
    if cit is None or chunk.text not in f"{cit.doc}\n{cit.excerpt}".lstrip("\n"):
        return None
    return cit


def cite_definition(index: GuideIndex, d: Definition, scores: dict[str, Any] | None = None) -> Citation | None:
    """A citation of a symbol-table definition (its doc comment apart)."""
    return make_citation(
        index, d.tag, d.path, d.start_line, d.end_line, symbol=d.symbol, kind=d.kind, doc_start=d.doc_start_line,
        package=d.package, scores=scores,
    )  # fmt: skip


def cite_file(index: GuideIndex, version: str, path: str) -> Citation | None:
    """A citation of a whole file (a file that took a removed file's place)."""
    lines = index.file_lines(version, path)
    if not lines:
        return None
    return make_citation(index, version, path, 1, len(lines), symbol=path, kind="file")


def sources_from_hits(index: GuideIndex, hits: Sequence[Hit], limit: int) -> list[Citation]:
    """Numbered citations of the first ``limit`` hits whose lines git still holds."""
    sources: list[Citation] = []
    for hit in hits:
        cit = cite_chunk(index, hit.chunk, hit.tag, hit.ranks)
        if cit is not None:
            sources.append(replace(cit, n=len(sources) + 1, also_on=tuple(hit.also_on)))
        if len(sources) == limit:
            break
    return sources


__all__ = [
    "Citation",
    "cite_chunk",
    "cite_definition",
    "cite_file",
    "doc_comment_start",
    "line_span",
    "make_citation",
    "package_of",
    "sources_from_hits",
]
