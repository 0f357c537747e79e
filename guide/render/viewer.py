"""The source viewer: a file at one indexed release, line-numbered and highlighted, the cited lines marked.

Files are read only through ``GuideIndex.file_lines`` (the blob recorded in the index, read from git): a path or
version that is not in the index, whatever it looks like (``../../etc/passwd``), gets a "not in the index"
message; nothing is ever opened on disk by name. :func:`source_range` is that check and the clamped line range,
shared by the viewer and the MCP ``source`` tool (webui/mcp_tools.py).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexer import Lexer
from pygments.lexers import GasLexer, GoLexer, TextLexer, get_lexer_for_filename
from pygments.util import ClassNotFound

from guide.citation import doc_comment_start, line_span
from guide.language import ENGLISH, Lang
from guide.render.cards import permalink_html
from guide.render.html import esc, inert, markdown_html, notice

if TYPE_CHECKING:
    from guide.index import GuideIndex

CONTEXT = 40
"""Lines shown either side of the cited range."""
MAX_CITED = 400
"""A longer cited range is cut (the permalink shows all)."""
MAX_PATH = 1000


def lexer_for(path: str) -> Lexer:
    name = posixpath.basename(path)
    if name.endswith(".go"):
        return GoLexer(stripnl=False, ensurenl=False)
    if name.endswith((".s", ".S")):
        return GasLexer(stripnl=False, ensurenl=False)  # Plan 9 assembly reads well enough as GAS
    try:
        return get_lexer_for_filename(name, stripnl=False, ensurenl=False)
    except ClassNotFound:
        return TextLexer(stripnl=False, ensurenl=False)


@lru_cache(maxsize=1)
def pygments_css() -> str:
    return HtmlFormatter(style="default").get_style_defs(".gg-code")


def _valid_request(version: object, path: object, start: object, end: object) -> tuple[str, str, int, int] | None:
    if not isinstance(version, str) or not isinstance(path, str) or not version or not path:
        return None
    if len(path) > MAX_PATH or len(version) > 100 or "\x00" in path:
        return None
    try:
        a, b = int(start), int(end)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None
    return version, path, a, b


def not_in_index_text(version: str, path: str, index: GuideIndex | None = None, lang: Lang = ENGLISH) -> str:
    indexed = ", ".join(v.tag for v in index.versions) if index is not None else ""
    tail = lang.text("viewer_indexed", indexed=indexed) if indexed else ""
    return lang.text("viewer_not_indexed", path=path, version=version) + tail


MAX_NAMED = 8
"""At most this many files are named when a path the viewer is asked for ends several indexed ones."""


class SourceRefused(ValueError):
    """A source request that is refused (not valid, or not a file indexed at that version); the message says why."""


@dataclass(frozen=True)
class SourceRange:
    """Lines ``start``-``end`` of ``path`` at ``version``, clamped to the file and cut at ``MAX_CITED`` lines."""

    version: str
    path: str
    start: int
    end: int
    lines: list[str]
    """The whole file, as git holds it at that version."""
    cited_end: int = 0
    """The end of the range asked for when it was cut at ``MAX_CITED`` lines (``end`` is then the last line shown
    highlighted), else 0."""
    past_end: int = 0
    """The line asked for when it is past the end of the file (its last line is shown instead), else 0."""
    before_start: bool = False
    """The line asked for is 0 or negative (line 1 is shown instead)."""

    @property
    def cut(self) -> bool:
        return self.cited_end > 0

    @property
    def excerpt(self) -> str:
        return "\n".join(self.lines[self.start - 1 : self.end])


def source_range(
    index: GuideIndex, version: object, path: object, start: object = 1, end: object = 1, lang: Lang = ENGLISH
) -> SourceRange:
    """The lines the viewer shows for a request, or :class:`SourceRefused` saying why in ``lang``: only files in the
    index are read (``GuideIndex.file_lines``); an empty file has ``start == end == 0``."""
    req = _valid_request(version, path, start, end)
    if req is None:
        raise SourceRefused(lang.text("viewer_invalid"))
    tag, p, a, b = req
    v = index.version(tag)
    lines = index.file_lines(tag, p) if v is not None else None
    if lines is None and v is not None:  # "runtime/chan.go", "chan.go": the indexed file whose path ends so
        named = index.reader.paths_named(v.repo, p, (tag,))
        if len(named) == 1:
            p, lines = named[0], index.file_lines(tag, named[0])
        elif named:
            listed = lang.listed(named[:MAX_NAMED]) + (" …" if len(named) > MAX_NAMED else "")
            raise SourceRefused(
                not_in_index_text(tag, p, None, lang) + lang.text("viewer_did_you_mean", version=tag, paths=listed)
            )
    if lines is None:
        raise SourceRefused(not_in_index_text(tag, p, index, lang))
    n = len(lines)
    if n == 0:
        return SourceRange(tag, p, 0, 0, lines)
    past_end = a if a > n else 0
    before_start = a < 1
    a = max(1, min(a, n))
    b = max(a, min(b, n))
    cut = b - a + 1 > MAX_CITED
    end = a + MAX_CITED - 1 if cut else b
    return SourceRange(tag, p, a, end, lines, b if cut else 0, past_end, before_start)


def view_source(
    index: GuideIndex | None,
    version: object,
    path: object,
    start: object = 1,
    end: object = 1,
    context: int = CONTEXT,
    *,
    lang: str = "en",
) -> str:
    """The viewer's HTML for ``path`` at ``version`` with lines ``start``-``end`` highlighted (safe to show); its
    words in ``lang``."""
    if index is None:
        return notice("There is no index yet: build one with `make run` (or `python -m corpus sync && "
                      "python -m ingest`), then reload this page.", "warn")  # fmt: skip
    try:
        src = source_range(index, version, path, start, end, Lang(lang))
    except SourceRefused as e:  # in the reader's language
        return notice(str(e), "warn")
    tag, p, a, b, lines, cut = src.version, src.path, src.start, src.end, src.lines, src.cut
    n = len(lines)
    if n == 0:
        return notice(Lang(lang).text("viewer_empty_file", path=p, version=tag), "info")
    lo, hi = max(1, a - context), min(n, b + context)
    v = index.version(tag)
    url = index.permalink(tag, p, a, src.cited_end or b) if v is not None else ""  # all of the cited range
    words = Lang(lang)
    window = "viewer_window_cut" if cut else "viewer_window"
    head = (
        f'<div class="gg-viewer-head"><span class="gg-version">{esc(tag)}</span> '
        f'<code class="gg-loc">{esc(p)}:{line_span(a, src.cited_end or b)}</code> '  # the range its card says
        f'<span class="gg-muted">{esc(words.text(window, lo=lo, hi=hi, n=n, shown=MAX_CITED))}</span> '
        f"{permalink_html(url)}</div>"
    )
    if src.past_end:  # said, not silently replaced by the last line
        head += notice(words.text("viewer_past_end", line=src.past_end, n=n), "warn")
    elif src.before_start:  # line 0 or -5: lines count from 1
        head += notice(words.text("viewer_before_start"), "warn")
    body = _code_html(p, lines[lo - 1 : hi], lo, a, b, doc_comment_start(p, lines, a))
    doc = ""
    if p.endswith(".md"):
        section = "\n".join(lines[a - 1 : b])
        doc = (
            f'<div class="gg-doc">{markdown_html(section)}</div>'
            f'<details class="gg-doc-src"><summary>{esc(words.text("viewer_source_lines"))}</summary>{body}</details>'
        )
        body = ""
    return inert(
        f'<div class="gg-viewer" data-version="{esc(tag)}" data-start="{a}" data-end="{b}">{head}{doc}{body}</div>'
    )


def _code_html(path: str, window: list[str], first: int, a: int, b: int, doc: int | None = None) -> str:
    """Highlighted lines ``first``.. of ``path``: one row per line with its number; rows ``a``-``b`` marked, and the
    doc comment's rows ``doc``..``a``-1 marked apart (a quote from them is part of the citation)."""
    doc = a if doc is None else doc
    text = "\n".join(window) + "\n"
    fmt = HtmlFormatter(nowrap=True, style="default")
    out = highlight(text, lexer_for(path), fmt)
    rendered = out.split("\n")
    # a token spanning lines (a block comment, a raw string) is closed and reopened on each line by pygments when
    # it is given line-by-line; with nowrap we re-balance <span> tags per line instead.
    rows = []
    open_spans: list[str] = []
    for i, line_html in enumerate(rendered[: len(window)]):
        no = first + i
        prefix = "".join(open_spans)
        open_spans = _still_open(open_spans, line_html)
        suffix = "</span>" * len(open_spans)
        cls = "gg-line gg-hl" if a <= no <= b else "gg-line gg-doc-hl" if doc <= no < a else "gg-line"
        anchor = ' id="gg-cited"' if no == min(doc, a) else ""  # the code box scrolls to the doc comment's start
        rows.append(
            f'<div class="{cls}"{anchor} data-line="{no}"><span class="gg-ln">{no}</span>'
            f'<span class="gg-src">{prefix}{line_html}{suffix}</span></div>'
        )
    return f'<div class="gg-code">{"".join(rows)}</div>'


_TAG = re.compile(r"<(/?)span([^>]*)>")


def _still_open(stack: list[str], line_html: str) -> list[str]:
    st = list(stack)
    for m in _TAG.finditer(line_html):
        if m.group(1):
            if st:
                st.pop()
        else:
            st.append(m.group(0))
    return st
