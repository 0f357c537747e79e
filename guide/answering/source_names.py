"""How an answer names a source and where it is: the definition's symbol (a constant in its group, a design
document by its title) and its lines, at which release when the answer cites several, with the platforms its other
copies are built for."""

from __future__ import annotations

import re

from guide.answering.quotable import document_title
from guide.answering.saying import is_license_sentence
from guide.citation import Citation
from guide.language import ENGLISH, Lang
from guide.platforms import also_on_text

_DECLARED = re.compile(r"(?:(?:const|var)\s+)?([A-Za-z_]\w*)\b")
"""The name a constant or variable spec declares (its first identifier)."""


def source_name(src: Citation, lang: Lang, code: str = "") -> str:
    """What a quote is from: the definition's symbol — in a group of constants or variables, the one whose ``code``
    line the quote explains, and the group as its card names it (``stackMin = 2048`` in the group that starts with
    ``stackSystem``: "runtime.stackMin, in the group that starts with runtime.stackSystem");
    for a section of a design document "design document: <its title>", of another Markdown file
    (src/runtime/HACKING.md) its path."""
    if src.kind in ("const", "var") and (m := _DECLARED.match(code)) and "." in src.symbol:
        pkg, first = src.symbol.rsplit(".", 1)
        name = f"{pkg}.{m.group(1)}"  # its card names the group by its first declaration: so does the quote
        return name if m.group(1) == first else lang.text("in_group", name=name, group=src.symbol)
    title = src.symbol.partition(": ")[2]
    # a design comment titled by the license header it opens with (inl.go), or by its first sentence cut short
    # ("internal/runtime/maps/map.go: This package contains the implementation of Go's builtin...", beside each of
    # its quotes, trial 50): its file names it
    if src.kind == "comment" and (is_license_sentence(title) or title.endswith("...")):
        return src.path.removeprefix("src/")
    if src.kind != "section":
        return src.symbol
    if not src.path.startswith("design/"):
        return src.path
    title = document_title(src)
    if src.dated:
        return lang.text("design_doc_dated", title=title or src.path, year=src.dated)
    return lang.text("design_doc", title=title or src.path)


def where_at(c: Citation, several: bool, lang: Lang = ENGLISH) -> str:
    """``path:lines``, `` @ release`` when the answer cites several releases, and the platforms of its other copies."""
    also = f"; {lang.text('also_on', platforms=names)}" if (names := also_on_text(c.also_on, lang.marks[1])) else ""
    return f"{c.location} @ {c.version}{also}" if several else f"{c.location}{also}"


__all__ = ["source_name", "where_at"]
