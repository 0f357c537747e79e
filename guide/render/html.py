"""HTML and Markdown for the web app, safe by construction: escaping, sanitising, the chat's answer Markdown and
footer, citation cards, notices and the Status panel.

Every piece of source or document text is escaped (``html.escape``) or, for Markdown, rendered with raw HTML
disabled and then sanitised with ``nh3``. ``inert`` finally turns ``{ } $ `` ` into entities, so no template
engine on the page (Gradio's HTML component fills ``${value}`` and Handlebars templates) reads source text as
template code.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Any
from urllib.parse import quote

import nh3
from markdown_it import MarkdownIt

from guide.citation import Citation
from guide.language import ENGLISH, FOLLOW_UP_WARNING, Lang, detect, localize_warning
from guide.pasted import fenced_logs
from guide.texts import TEXTS

_md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")

_ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "del", "details", "div", "em", "h1", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "img", "li", "ol", "p", "pre", "span", "strong", "sub", "summary", "sup", "table", "tbody",
    "td", "th", "thead", "tr", "ul",
}  # fmt: skip
_ALLOWED_ATTRS = {"a": {"href", "title"}, "img": {"alt", "title"}, "*": {"class"}}


def esc(text: Any) -> str:
    return html.escape(str(text), quote=True)


_TICKED = re.compile(r"`([^`\n]+)`")


def ticked_html(text: Any) -> str:
    """A message, note or annotation written Markdown-style as HTML: escaped, each `backticked` span as ``<code>``
    and any backtick left over dropped, so no literal Markdown reaches the page."""
    parts = _TICKED.split(str(text))
    return "".join(f"<code>{esc(p)}</code>" if i % 2 else esc(p.replace("`", "")) for i, p in enumerate(parts))


def inert(markup: str) -> str:
    """Entities for the characters a client-side template engine would read (``${...}``, ``{{...}}``, backticks)."""
    return markup.replace("{", "&#123;").replace("}", "&#125;").replace("$", "&#36;").replace("`", "&#96;")


def sanitize(markup: str) -> str:
    """Keep only harmless tags and attributes (no scripts, handlers, styles, iframes, forms)."""
    return nh3.clean(
        markup,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRS,
        url_schemes={"http", "https"},
        link_rel="noopener noreferrer nofollow",
    )


def markdown_html(text: str) -> str:
    """Markdown (a design document, a README section) as sanitised HTML: raw HTML in it is shown as text."""
    return sanitize(_md.render(text))


# -- answers in the chat -----------------------------------------------------------------------------------------
_FENCE_OPEN = re.compile(r"^ {0,3}(?P<f>`{3,}|~{3,})(?P<info>.*)$")


def _fence_closes(line: str, fence: str) -> bool:
    m = re.match(r"^ {0,3}(`{3,}|~{3,})[ \t]*$", line)
    return bool(m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence))


def _code_spans(line: str) -> list[tuple[int, int]]:
    """Code spans of one line as CommonMark reads them: a run of n backticks (not backslash-escaped) opens a span
    that the next run of exactly n closes; an unmatched run is literal text."""
    spans = []
    i, n = 0, len(line)
    while i < n:
        if line[i] != "`":
            i += 1
            continue
        j = i
        while j < n and line[j] == "`":
            j += 1
        backslashes = 0
        k = i - 1
        while k >= 0 and line[k] == "\\":
            backslashes += 1
            k -= 1
        start = i + 1 if backslashes % 2 else i  # an escaped backtick is text; the rest of the run may still open
        run = j - start
        if run == 0:
            i = j
            continue
        m = j
        close = -1
        while m < n:
            if line[m] == "`":
                e = m
                while e < n and line[e] == "`":
                    e += 1
                if e - m == run:
                    close = e
                    break
                m = e
            else:
                m += 1
        if close < 0:
            i = j  # no closing run: the backticks are literal
            continue
        spans.append((start, close))
        i = close
    return spans


_MARKER = re.compile(r"(?<![\w\\])\[(\d{1,3})\](?![A-Za-z0-9_*(])")  # not ``[4]byte``, an array type
"""A citation marker ``[3]`` in prose (not ``buf[0]``, not a Markdown link's text)."""


def _linked(prose: str, turn: int | None, cited: Mapping[int, Citation], line_of: Citation | None = None) -> str:
    """Each citation marker of ``prose`` as a link to card ``n`` of answer ``turn`` (``#gg-cite-<turn>-<n>``: the
    page opens that card's source in the viewer). A marker of a ``cited`` source also carries where it points
    (``~version~path~start~end``), so that an older answer's markers, whose cards a later answer replaced, still open
    their source; the server checks it against the index as it checks a card. With ``line_of`` (the one source the
    answer's line cites), each line of it the prose names ("line 222", "第 222 行") links to that line: the viewer
    opens the file there, not at the definition's first line."""
    if turn is None:
        return prose

    def target(n: str, c: Citation | None, a: int | None = None, b: int | None = None) -> str:
        if c is None:
            return f"#gg-cite-{turn}-{n}"
        return f"#gg-cite-{turn}-{n}~{_fragment(c.version)}~{_fragment(c.path)}~{a or c.start_line}~{b or c.end_line}"

    def link(m: re.Match[str]) -> str:
        return f"[\\[{m[1]}\\]]({target(m[1], cited.get(int(m[1])))})"

    def line_link(m: re.Match[str]) -> str:
        no = int(m["en"] or m["zh"])
        to = int(m["en_to"] or m["zh_to"] or no)
        if line_of is None or not line_of.first_line <= no <= to <= line_of.end_line:
            return m[0]
        return f"[{m[0]}]({target(str(line_of.n), line_of, no, to)})"

    return _LINE_NAMED.sub(line_link, _MARKER.sub(link, prose))


_LINE_NAMED = re.compile(
    r"\b[Ll]ines? (?P<en>\d{1,6})(?:-(?P<en_to>\d{1,6}))?\b|第 ?(?P<zh>\d{1,6})(?:-(?P<zh_to>\d{1,6}))? ?行"
)
"""A line or lines an answer names, as ``guide.texts`` words them (``line_no``, ``at_line``, ``at_lines``): "line
222", "第 222 行", "lines 163-167", "第 163-167 行"."""


def _line_source(line: str, cited: Mapping[int, Citation]) -> Citation | None:
    """The one cited source a line of the answer points at: its markers (``[1]``, once or more) all name it."""
    ns = {int(n) for n in _MARKER.findall(line)}
    return cited.get(ns.pop()) if len(ns) == 1 else None


def _fragment(part: str) -> str:
    """``part`` percent-encoded for a link's fragment, ``~`` too (it separates the parts)."""
    return quote(part, safe="/").replace("~", "%7E")


def chat_markdown(text: str, turn: int | None = None, cited: Sequence[Citation] = ()) -> str:
    """An answer's Markdown for the chat widget, with every ``<``/``&`` outside code shown literally, whatever the
    text holds (unbalanced backticks, a fence that never closes).

    Code is recognised as CommonMark does, but conservatively: fenced blocks, and code spans that open and close on
    one line. Text kept raw is only ever inside code, where Markdown shows ``<`` literally; anything this reads as
    prose is escaped, so a disagreement with the renderer can only show an entity, never live HTML. With ``turn``
    (the answer's number in the conversation), the citation markers in prose link to the answer's cards (``cited``:
    its citations, by their numbers)."""
    by_n = {c.n: c for c in cited}
    out: list[str] = []
    fence: str | None = None
    for line in text.split("\n"):
        if fence is not None:
            out.append(line)
            if _fence_closes(line, fence):
                fence = None
            continue
        m = _FENCE_OPEN.match(line)
        if m and not (m["f"][0] == "`" and "`" in m["info"]):
            fence = m["f"]
            out.append(m.group(0)[: m.start("info")] + _escape_prose(m["info"]))
            continue
        out.append(_outside_code(line, partial(_prose_linked, turn=turn, cited=by_n, line_of=_line_source(line, by_n))))
    return "\n".join(out)


_STEP = re.compile(r"^\d+\. ", re.M)


def answer_chat(ans: Any, turn: int, lang: Lang) -> str:
    """What the chat shows of a finished answer (``guide.answering.result.Answer``): how to read it, its text (parts
    folded) and its footer."""
    return reading_note(ans) + folded_chat(ans.text, ans.folds, turn, ans.citations, lang) + answer_footer(ans)


def folded_chat(
    text: str, folds: Sequence[Any], turn: int | None = None, cited: Sequence[Citation] = (), lang: Lang = ENGLISH
) -> str:
    """:func:`chat_markdown` of an answer whose ``folds`` (``guide.answering.folds.Fold``: a tour below the lines
    that answer) are shown closed: each a ``<details>`` whose summary says how many steps it holds (a tour's steps,
    under its title and summary), or is its first line in plain words (a tour's changes, the index command)."""
    out, pos = [], 0
    for f in folds:
        part = body = text[f.start : f.end]
        summary = esc(lang.text("fold_steps", n=len(_STEP.findall(part))))  # a tour's steps: how many
        if not _STEP.match(part):  # a part whose first line names it (a tour's changes, the index command)
            head, _, body = part.partition("\n")
            summary = ticked_html(head.replace("**", "").strip())
        inside = chat_markdown(body.strip("\n"), turn, cited)
        out += [
            chat_markdown(text[pos : f.start], turn, cited),
            f'<details class="gg-fold"><summary>{summary}</summary>\n\n{inside}\n\n</details>',
        ]
        pos = f.end
    out.append(chat_markdown(text[pos:], turn, cited))
    return "".join(out)


def _prose_linked(prose: str, turn: int | None, cited: Mapping[int, Citation], line_of: Citation | None) -> str:
    return _linked(_escape_prose(prose), turn, cited, line_of)


def _outside_code(line: str, prose: Callable[[str], str]) -> str:
    """``line`` with ``prose`` applied to the text outside its code spans; the code spans kept as they are."""
    parts, pos = [], 0
    for a, b in _code_spans(line):
        parts.append(prose(line[pos:a]))
        parts.append(line[a:b])
        pos = b
    parts.append(prose(line[pos:]))
    return "".join(parts)


def _escape_prose(s: str) -> str:
    """``&``, ``<`` and ``>`` as entities; no Markdown image (an answer never shows a remote image); the ``*`` of
    a pointer receiver (``(*p).runqput``) literal, not the start of emphasis; a ``~`` literal, not the mark of a
    strikethrough ("~5.2 ns ... ~3 ns" struck a quote through and broke its citation's link, trial 12); no link
    either: a Go doc comment's link written before parentheses ("It is equivalent to [NewTimer](d).C.", time.After)
    was shown as a link to "d" reading "NewTimer.C" (trial 72); an answer writes no link of its own."""
    out = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("![", "!\\[")
    return out.replace("(*", "(\\*").replace("~", "\\~").replace("](", "]\\(")


_MARKUP_CHARS = frozenset("&<>\"'`\\*_{}[]()#+-.!|~:$=@^")
"""Every ASCII character that Markdown, GFM autolinks, HTML or a client-side template can give a meaning to."""
MAX_SHOWN_QUESTION = 2000
"""Characters of a question echoed in the chat (what the answerer reads: ``guide.query.MAX_QUESTION_CHARS``)."""


_FENCE = re.compile(r"^[ \t]*```[^\n`]*\n(.*?)(?:\n[ \t]*```[ \t]*(?=\n|$)|\Z)", re.S | re.M)
"""A fenced code block in the user's text (```go ... ```); one left open runs to the end."""


def _inert(text: str) -> str:
    """``text`` with every character markup gives a meaning to as a numeric character reference."""
    return "".join(f"&#{ord(c)};" if c in _MARKUP_CHARS else c for c in text)


def _inert_lines(text: str) -> str:
    """Prose of the user's: inert, its line breaks and runs of spaces kept."""
    return "<br>".join(_inert(line).replace("  ", " &#32;") for line in text.split("\n")) if text else ""


def user_text(text: str, limit: int = MAX_SHOWN_QUESTION) -> str:
    """The user's own text for the chat widget (which renders Markdown and HTML), inert by construction: every
    character that markup gives a meaning to becomes a numeric character reference, so nothing in it can open a
    tag, a code span, a link, emphasis, a heading or a list, whatever it holds. Line breaks are kept, and pasted
    code in a ``` fence is shown as written in a code box; a text longer than ``limit`` is cut, with a note saying
    so in its language (trial 73: an English note over a Chinese paste, then the answer's Chinese one)."""
    cut = len(text) > limit
    shown = fenced_logs(text[:limit])
    parts, pos = [], 0
    for m in _FENCE.finditer(shown):  # pasted code: as written, in a code box (its characters inert too)
        parts += [_inert_lines(shown[pos : m.start()].strip("\n")), f"\n<pre><code>{_inert(m.group(1))}</code></pre>\n"]
        pos = m.end()
    parts.append(_inert_lines(shown[pos:].strip("\n") if pos else shown))
    out = "".join(p for p in parts if p)
    if cut:  # in the question's language (the answer's first line says it was cut, in that language too)
        lang = detect(text)
        n, first = (f"{len(text):,}", f"{limit:,}") if lang.code == "en" else (str(len(text)), str(limit))
        out += f"<br><br><em>{lang.text('question_shown_cut', n=n, limit=first)}</em>"
    return out


def answer_footer(ans: Any) -> str:
    """The line under an answer: model, releases, route, time, warnings (all escaped), in the answer's language."""
    lang = answer_language(ans)
    n = len(ans.citations)
    llm = lang.text("llm_extractive") if ans.llm == TEXTS["en"]["llm_extractive"] else ans.llm
    bits = [lang.text("footer_model", llm=llm)]
    if ans.versions:
        bits.append(lang.text("footer_releases", releases=lang.listed(ans.versions)))
    bits.append(lang.text("footer_citation") if n == 1 else lang.text("footer_citations", n=n))
    if not ans.grounded:
        bits.append(lang.text("footer_not_grounded"))
    bits.append(f"{ans.seconds:.1f} s")
    lines = ["", "", "*" + _escape_prose(" · ".join(bits)).replace("*", "\\*").replace("_", "\\_") + "*"]
    return "\n".join(lines + _warning_lines(ans, above=False))  # how it was read is said above (``reading_note``)


def answer_language(ans: Any) -> Lang:
    """The language an answer is written in (``Answer.lang``; a question of code alone, "hchan", is answered in the
    reader's: its footer had been English under a Chinese answer)."""
    return Lang(ans.lang) if getattr(ans, "lang", None) in TEXTS else detect(ans.question or "")


def reading_note(ans: Any) -> str:
    """How the question was read, above its answer: as a follow-up of which question (trial 19: under the footer,
    "按追问理解，接续上一个问题……" came after everything it explains); "" for a question of its own."""
    return "".join(f"{line}\n\n" for line in _warning_lines(ans, above=True))


def _warning_lines(ans: Any, above: bool) -> list[str]:
    """The answer's warnings said above it (how it was read) or under its footer, as Markdown quote lines: code spans
    as they are (``compiler_bootstrap``, no backslash shown), the rest escaped so that nothing in it is markup."""
    lang = answer_language(ans)
    said = [w for w in ans.warnings if w.startswith(FOLLOW_UP_WARNING) == above]
    return ["> " + _outside_code(" ".join(localize_warning(w, lang).split()), _plain) for w in said]


def _plain(s: str) -> str:
    return _escape_prose(s).replace("*", "\\*").replace("_", "\\_").replace("`", "\\`")


def notice(text: str, kind: str = "info") -> str:
    """A boxed message (escaped; `backticked` commands and names as code) for the viewer and panels."""
    return inert(f'<div class="gg-notice gg-{esc(kind)}">{ticked_html(text)}</div>')


# -- status ------------------------------------------------------------------------------------------------------
def status_markdown(
    status: dict[str, Any], *, location: str, model: str, llm: str, embed_message: str, lang: Lang = ENGLISH
) -> str:
    """The Status panel (Markdown, every value from the index escaped), its words in ``lang``."""

    def cell(v: Any) -> str:
        return _escape_prose(str(v)).replace("|", "\\|")

    t = lang.text
    tags = status.get("tags", [])
    total = status.get("chunks_total", 0)
    per_release = sum(r["chunks"] for r in tags)
    # a file identical in several releases is stored once but counted in each release it is in
    stored = t("status_stored_sum", n=f"{per_release:,}") if per_release > total else t("status_stored_once")
    embedded = t(
        "status_embedded_detail", embedded=f"{status.get('chunks_embedded', 0):,}",
        generated=f"{status.get('chunks_generated', 0):,}", waiting=f"{status.get('chunks_to_embed', 0):,}",
    )  # fmt: skip
    columns = t("status_columns").split("|")
    symbols = f"{status.get('symbols', 0):,}"
    lines = [
        f"### {t('status_index')}",
        f"- **{t('status_location')}:** `{location}`",
        f"- **{t('status_embedding')}:** {cell(model)}",
        f"- **{t('status_answering')}:** {cell(llm)}",
        f"- **{t('status_chunks')}:** {total:,} — {stored}",
        f"- **{t('status_embedded')}:** {embedded}",
        f"- **{t('status_symbols')}:** {t('status_definitions', n=symbols)}",
        f"- **{t('status_background')}:** {cell(embed_message)}",
        "",
        f"| {' | '.join(columns)} |",
        "|---|---|---|---:|---:|---:|",
    ]
    for tag in tags:
        lines.append(
            f"| {cell(tag['tag'])} | {cell(tag['repo'])} | `{cell(str(tag['commit'])[:12])}` | {tag['files']:,} | "
            f"{tag['chunks']:,} | {tag['unique_chunks']:,} |"
        )
    return "\n".join(lines)
