"""Citation cards: a clickable card per cited definition (release, place, symbol, its first lines, the link upstream),
in the answer's language; the viewer opens what a card's ``data-*`` attributes name."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from guide.citation import Citation
from guide.doc_notes import readers_doc
from guide.language import ENGLISH, Lang
from guide.platforms import also_on_text
from guide.render.html import esc, inert


def _excerpt_preview(excerpt: str, max_lines: int = 6, doc: str = "", doc_lines: int = 3, lang: Lang = ENGLISH) -> str:
    """The first lines of a citation: its doc comment's first ``doc_lines`` (where an answer's quotes mostly come
    from; not a note on who reaches it by linkname, ``readers_doc``), then the declaration's, ``max_lines`` in all."""
    doc = readers_doc(doc) if doc else ""
    head = doc.split("\n")[:doc_lines] if doc else []
    if doc and len(doc.split("\n")) > doc_lines:
        head.append("…")  # not a comment line: the doc may be a /* */ block
    lines = excerpt.split("\n")
    room = max(1, max_lines - len(head))
    more = len(lines) - room
    shown = "\n".join([*head, *lines[:room]])
    return shown + ("\n" + lang.text("card_more_line" if more == 1 else "card_more_lines", n=more) if more > 0 else "")


def kind_name(kind: str, lang: Lang = ENGLISH) -> str:
    """A definition's kind as a card names it, in the reader's language ("func", "函数"); an unknown kind as it is."""
    try:
        return lang.text(f"kind_{kind}")
    except KeyError:
        return kind


def permalink_html(url: str) -> str:
    """The link to the cited lines upstream, named by its host ("github.com ↗": the same in every language)."""
    host = urlsplit(url).hostname or "upstream"
    return f'<a class="gg-permalink" href="{esc(url)}" target="_blank" rel="noopener noreferrer">{esc(host)} ↗</a>'


def citation_card(c: Citation, *, label: str = "", preview: bool = True, lang: Lang = ENGLISH) -> str:
    """One clickable card: ``[n] version path:start-end symbol`` and a permalink. ``data-*`` attributes tell the
    viewer what to open; the server checks them against the index again."""
    tag = f"[{c.n}]" if c.n else label
    num = f'<span class="gg-n">{esc(tag)}</span> ' if tag else ""
    link = permalink_html(c.url)
    pre = (
        f'<pre class="gg-preview">{esc(_excerpt_preview(c.excerpt, doc=c.doc, lang=lang))}</pre>'
        if preview and c.excerpt
        else ""
    )
    kind = f" <span class=gg-kind>{esc(kind_name(c.kind, lang))}</span>" if c.kind else ""
    names = also_on_text(c.also_on, lang.marks[1])  # the copies for other platforms folded into this one
    # the lines are the declaration's (the README's convention); a quote of its doc comment says lines above them
    # ("SetMaxStack, lines 105-106" beside garbage.go:117-119, trial 86): where the comment starts is said beside
    doc = c.doc_start_line if c.doc_start_line is not None and c.doc_start_line < c.start_line else None
    doc_from = f' <span class="gg-doc-from">{esc(lang.text("card_doc_from", n=doc))}</span>' if doc else ""
    also = f' <span class="gg-also">{esc(lang.text("also_on", platforms=names))}</span>' if names else ""
    # the permalink ends the head line, so that a click mid-card opens the viewer (trial 47: on a two-line card the
    # link sat in the middle, and a click there went to GitHub)
    return (
        f'<div class="gg-card" role="button" tabindex="0" title="{esc(lang.text("card_open"))}" data-n="{int(c.n)}" '
        f'data-version="{esc(c.version)}" data-path="{esc(c.path)}" '
        f'data-start="{int(c.start_line)}" data-end="{int(c.end_line)}">'
        f'<div class="gg-card-head">{num}'
        f'<span class="gg-version">{esc(c.version)}</span> '
        f'<code class="gg-loc">{esc(c.location)}</code>{doc_from}{also}{link}</div>'
        f'<div class="gg-card-sym"><span class="gg-sym">{esc(c.shown_symbol)}</span>{kind}</div>'
        f"{pre}</div>"
    )


def citation_cards(
    cits: Iterable[Citation],
    *,
    title: str = "Citations",
    note: str = "",
    turn: int | None = None,
    empty: str = "No citations yet.",
    lang: Lang = ENGLISH,
) -> str:
    """The cards of ``cits`` (``empty`` when there are none); ``turn``: the answer's number in the conversation,
    which its markers link to (on the panel of an answer that cites nothing too: the turn is over)."""
    cits = list(cits)
    head = f'<div class="gg-cards-title">{esc(title)}{" — " + esc(note) if note else ""}</div>'
    of = f' data-turn="{int(turn)}"' if turn is not None else ""
    of += f' data-lang="{esc(lang.code)}"'  # the viewer a card opens speaks the answer's language
    if not cits:
        return inert(f'<div class="gg-cards"{of}>{head}<div class="gg-empty">{esc(empty)}</div></div>')
    body = "".join(citation_card(c, lang=lang) for c in cits)
    return inert(f'<div class="gg-cards"{of}>{head}{body}</div>')


__all__ = ["citation_card", "citation_cards", "permalink_html"]
