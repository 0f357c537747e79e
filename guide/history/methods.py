"""A type's methods between two releases: a type's declaration is its fields, and what it does is in its methods.
"Did it change since Go 1.21?" after "How does sync.WaitGroup work?" compared the struct only ("comments/layout only
changed: +5 -1 lines") while its methods changed far more and it gained ``Go`` (trial 22). A comparison of a type
found at both releases carries its methods added, removed and changed (with the lines of each that differ, the most
changed first), each cited at the release that shows it; the chat, the CLI and the Compare tab render them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from guide.citation import Citation, cite_definition
from guide.history.summary import line_counts
from guide.notes import Note
from ingest.symbols import bare_name

if TYPE_CHECKING:
    from guide.index import GuideIndex
    from ingest.symbols import Definition


def _cited(c: Citation) -> dict[str, Any]:
    """A method's citation in JSON, without its number (a comparison's JSON numbers nothing)."""
    d = c.to_json()
    d.pop("n", None)
    return d


@dataclass(frozen=True)
class MethodChange:
    """One method of a compared type: at the older release (``old``), the newer (``new``) or both, and for one at
    both the lines added and removed between them, in its code and in its doc comment (``doc_added``,
    ``doc_removed``): time.Timer's Stop changed two lines of code from go1.21 to go1.27 and gained a paragraph on what
    it guarantees "as of Go 1.23", which "the same" or "+2 −2" alone hid (trial 75)."""

    name: str
    old: Citation | None = None
    new: Citation | None = None
    added: int = 0
    removed: int = 0
    doc_added: int = 0
    doc_removed: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "old": _cited(self.old) if self.old else None,
            "new": _cited(self.new) if self.new else None,
            "lines_added": self.added,
            "lines_removed": self.removed,
            "doc_lines_added": self.doc_added,
            "doc_lines_removed": self.doc_removed,
        }


@dataclass
class MethodChanges:
    """How the methods of the type ``type_name`` changed from ``v1`` to ``v2``: those added, removed and changed
    (most changed lines first), and how many are the same."""

    type_name: str
    v1: str
    v2: str
    added: list[MethodChange] = field(default_factory=list)
    removed: list[MethodChange] = field(default_factory=list)
    changed: list[MethodChange] = field(default_factory=list)
    same: int = 0
    moved: list[MethodChange] = field(default_factory=list)
    """Methods gone from the type that the type its fields moved into has at ``v2`` (``moved_into``): sync.Mutex's
    ``lockSlow`` is internal/sync.Mutex's from go1.24, each cited at both releases."""
    moved_into: str = ""

    @property
    def any(self) -> bool:
        return bool(self.added or self.removed or self.changed or self.moved)

    def to_json(self) -> dict[str, Any]:
        return {
            "type": self.type_name,
            "added": [m.to_json() for m in self.added],
            "removed": [m.to_json() for m in self.removed],
            "changed": [m.to_json() for m in self.changed],
            "same": self.same,
            "moved": [m.to_json() for m in self.moved],
            "moved_into": self.moved_into or None,
        }


def _by_name(defs: list[Definition]) -> dict[str, Definition]:
    """One definition per method name: of a method with a copy per platform, the one built for every platform or
    for linux/amd64 first (the same copy at both releases), else the first by path and line."""
    out: dict[str, Definition] = {}
    for d in sorted(defs, key=lambda d: (d.goos not in (None, "linux"), d.goarch not in (None, "amd64"), d.generated)):
        out.setdefault(d.name, d)
    return out


def methods_at(index: GuideIndex, src: Citation, tag: str) -> dict[str, Definition]:
    """The methods at ``tag`` of the type ``src`` cites, one per name (``_by_name``); its package from its symbol
    when the citation does not carry it (a type's symbol is its package's path and its name)."""
    package = src.package or src.symbol.rsplit(".", 1)[0]
    return _by_name(index.reader.methods_of(package, bare_name(src.symbol), tag))


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.split("\n") if ln.strip()]


def method_changes(
    index: GuideIndex, left: Citation | None, right: Citation | None, v1: str, v2: str
) -> MethodChanges | None:
    """The methods of the type cited by ``left`` (at ``v1``) and ``right`` (at ``v2``) compared; None when either
    side is missing or no type, or it has no methods at either release."""
    if left is None or right is None or right.kind != "type" or left.kind != "type" or "." not in right.symbol:
        return None
    old, new = methods_at(index, left, v1), methods_at(index, right, v2)
    if not old and not new:
        return None
    out = MethodChanges(bare_name(right.symbol), v1, v2)
    for m in sorted(new.keys() - old.keys()):
        if (c := cite_definition(index, new[m])) is not None:
            out.added.append(MethodChange(m, new=c))
    for m in sorted(old.keys() - new.keys()):
        if (c := cite_definition(index, old[m])) is not None:
            out.removed.append(MethodChange(m, old=c))
    for m in sorted(old.keys() & new.keys()):
        x, y = cite_definition(index, old[m]), cite_definition(index, new[m])
        if x is None or y is None:
            continue
        added, removed = line_counts(_lines(x.excerpt), _lines(y.excerpt))
        doc_added, doc_removed = line_counts(_lines(x.doc), _lines(y.doc))
        if added or removed or doc_added or doc_removed:
            out.changed.append(MethodChange(m, x, y, added, removed, doc_added, doc_removed))
        else:
            out.same += 1
    out.changed.sort(key=lambda c: (-(c.added + c.removed), -(c.doc_added + c.doc_removed), c.name))
    return out


def methods_moved(index: GuideIndex, mc: MethodChanges, notes: Sequence[str]) -> None:
    """Of the methods ``mc`` has removed, those that the type its fields moved into at ``mc.v2`` (the note of
    ``guide.history.fields.fields_moved`` among ``notes``) has under the same name are moved there, cited at both
    releases."""
    into = next((n.values["into"] for n in notes if isinstance(n, Note) and n.key == "fields_moved"), None)
    if not mc.removed or into is None:
        return
    found = [d for d in index.reader.lookup(bare_name(into), tag=mc.v2, limit=50) if d.symbol == into]
    cited = cite_definition(index, found[0]) if found else None
    if cited is None:
        return
    theirs = methods_at(index, cited, mc.v2)
    for m in list(mc.removed):
        d = theirs.get(m.name)
        if d is not None and (c := cite_definition(index, d)) is not None:
            mc.removed.remove(m)
            mc.moved.append(MethodChange(m.name, old=m.old, new=c))
    if mc.moved:
        mc.moved_into = into


__all__ = ["MethodChange", "MethodChanges", "method_changes", "methods_at", "methods_moved"]
