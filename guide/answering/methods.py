"""A type compared between two releases, with its methods: a type's declaration is its fields, and what it does is
in its methods. "Did it change since Go 1.21?" after "How does sync.WaitGroup work?" compared the struct only
("comments/layout only changed: +5 -1 lines") while its methods changed far more and it gained ``Go`` (trial 22).
The methods added, removed and changed (the lines of each that differ) are said under the comparison, each cited at
the release that shows it, the most changed first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from guide.citation import Citation, cite_definition
from guide.history.summary import line_counts
from ingest.symbols import bare_name

if TYPE_CHECKING:
    from guide.history.compare import Comparison
    from guide.history.files import TopicComparison
    from guide.index import GuideIndex
    from guide.language import Lang
    from ingest.symbols import Definition

METHODS_SHOWN = 6
"""Changed methods named, most changed lines first; the others are counted."""


def _by_name(defs: list[Definition]) -> dict[str, Definition]:
    """One definition per method name: of a method with a copy per platform, the one built for every platform or
    for linux/amd64 first (the same copy at both releases), else the first by path and line."""
    out: dict[str, Definition] = {}
    for d in sorted(defs, key=lambda d: (d.goos not in (None, "linux"), d.goarch not in (None, "amd64"), d.generated)):
        out.setdefault(d.name, d)
    return out


def _methods(index: GuideIndex, src: Citation, tag: str) -> dict[str, Definition]:
    """The methods at ``tag`` of the type ``src`` cites, one per name (``_by_name``); its package from its symbol
    when the citation does not carry it (a type's symbol is its package's path and its name)."""
    package = src.package or src.symbol.rsplit(".", 1)[0]
    return _by_name(index.reader.methods_of(package, bare_name(src.symbol), tag))


def _lines(c: Citation) -> list[str]:
    return [ln.strip() for ln in c.excerpt.split("\n") if ln.strip()]


def methods_block(
    index: GuideIndex, comp: Comparison | TopicComparison, first_n: int, lang: Lang
) -> tuple[str, list[Citation]]:
    """The line on how the methods of the type ``comp`` compares changed between its releases, and the citations it
    uses (numbered from ``first_n``); ("", []) when ``comp`` is no type found at both releases or no method
    changed."""
    a, b = getattr(comp, "left", None), getattr(comp, "right", None)  # a file's or topic's comparison has neither
    if comp.kind != "symbol" or a is None or b is None or b.kind != "type" or not b.package:
        return "", []
    name = bare_name(b.symbol)
    old, new = _methods(index, a, comp.v1), _methods(index, b, comp.v2)
    cited: list[Citation] = []

    def cite(d: Definition) -> Citation | None:
        c = cite_definition(index, d)
        if c is not None:
            c = c.numbered(first_n + len(cited))
            cited.append(c)
        return c

    changed: list[tuple[int, str, Citation, Citation, int, int]] = []
    same = 0
    for m in sorted(old.keys() & new.keys()):
        x, y = cite_definition(index, old[m]), cite_definition(index, new[m])
        if x is None or y is None:
            continue
        added, removed = line_counts(_lines(x), _lines(y))
        if added or removed:
            changed.append((added + removed, m, x, y, added, removed))
        else:
            same += 1
    changed.sort(key=lambda c: (-c[0], c[1]))
    parts: list[str] = []
    for key, side, names in (
        ("methods_added", new, sorted(new.keys() - old.keys())),
        ("methods_removed", old, sorted(old.keys() - new.keys())),
    ):
        shown = [f"`{m}` [{c.n}]" for m in names if (c := cite(side[m])) is not None]
        if shown:
            parts.append(lang.text(key, names=lang.listed(shown)))
    items = []
    for _, m, x, y, added, removed in changed[:METHODS_SHOWN]:
        x, y = x.numbered(first_n + len(cited)), y.numbered(first_n + len(cited) + 1)
        cited += [x, y]
        items.append(f"`{m}` (+{added} −{removed}) [{x.n}] [{y.n}]")
    if items:
        more = f" … +{len(changed) - METHODS_SHOWN}" if len(changed) > METHODS_SHOWN else ""
        parts.append(lang.text("methods_changed", names=lang.listed(items) + more))
    if not parts:
        return "", []
    if same:
        parts.append(lang.text("methods_same", n=same))
    line = lang.text(
        "type_methods", name=name, v1=comp.v1, v2=comp.v2, parts=lang.listed(parts, items_with_commas=True)
    )
    return line, cited


METHOD_WORDS = frozenset({"method", "methods"})
"""The words that ask for a type's methods ("And its methods?", "hchan 有哪些方法？": 方法 is "method")."""


def methods_list(index: GuideIndex, src: Citation, first_n: int, lang: Lang) -> tuple[str, list[Citation]]:
    """The methods of the type ``src`` cites, at its release, each cited (numbered from ``first_n``): what a question
    that names a type and asks for its methods is shown instead of its fields ("And its methods?" after hchan's
    comparison listed hchan's fields and quoted timer's method named hchan, trial 23); ("", []) when it has none."""
    if src.kind != "type" or "." not in src.symbol:
        return "", []
    cited: list[Citation] = []
    for d in _methods(index, src, src.version).values():
        if (c := cite_definition(index, d)) is not None:
            cited.append(c.numbered(first_n + len(cited)))
    if not cited:
        return "", []
    colon, comma = lang.marks
    listed = comma.join(f"`{bare_name(c.symbol)}` [{c.n}]" for c in cited)
    return f"**{src.symbol}** ({src.location}) [{src.n}] — {lang.text('its_methods')}{colon}{listed}", cited


__all__ = ["METHODS_SHOWN", "METHOD_WORDS", "methods_block", "methods_list"]
