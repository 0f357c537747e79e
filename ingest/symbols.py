"""Symbol names as Go spells them, and the definitions the symbol table records.

Accepted spellings: bare (``hchan``), qualified (``runtime.hchan``), assembly (``runtime·rt0_go``) and method forms
(``(*p).runqput``, ``runtime.(*p).runqput``, ``p.runqput``, ``batch.finish``). :func:`parse_name` says which one a
name is; the lookups themselves are SQL and live in :mod:`ingest.reader`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_METHOD = re.compile(
    r"^(?:(?P<pkg>[\w/.\-]+?)\.)?\((?P<star>\*)?(?:(?P<rpkg>[\w/.\-]+)\.)?(?P<recv>\w+)(?:\[[^\]]*\])?\)\.(?P<name>\w+)$"
)
_IDENT = re.compile(r"^[\w/.\-]+$")


@dataclass(frozen=True)
class Definition:
    """One definition of a symbol at one release, with what ranking needs (package, receiver, platform)."""

    tag: str
    path: str
    start_line: int
    end_line: int
    symbol: str
    kind: str
    repo: str
    chunk_rowid: int
    name: str = ""
    package: str = ""
    receiver: str | None = None
    goos: str | None = None
    goarch: str | None = None
    build: str | None = None
    generated: bool = False
    doc_start_line: int | None = None

    def to_json(self) -> dict:
        """The documented form (README, ``python -m ingest symbol --json``)."""
        return {
            "tag": self.tag,
            "path": self.path,
            "start_line": self.start_line,
            "end_line": self.end_line,
            "symbol": self.symbol,
            "kind": self.kind,
            "repo": self.repo,
        }

    @property
    def local(self) -> str:
        """The symbol without its package: ``hchan``, ``(*p).runqput``, ``(*Int32).Load``."""
        prefix = self.package + "."
        return self.symbol[len(prefix) :] if self.package and self.symbol.startswith(prefix) else self.name


@dataclass(frozen=True)
class NameForm:
    """How a name is written: a method form (``receiver`` set), qualified (``qualifier`` set) or bare."""

    text: str
    """The normalised name."""
    name: str
    """The bare name (``runqput``)."""
    receiver: str | None = None
    pointer: bool = False
    package: str | None = None
    """For a method form, the package written before the receiver (``runtime.(*p).x`` or ``(*runtime.p).x``)."""
    qualifier: str | None = None
    """For a dotted name, what precedes the last dot: a package or a receiver (``runtime``, ``p``)."""


def normalize(name: str) -> str:
    """Go assembly spellings to Go's: ``runtime·rt0_go`` -> ``runtime.rt0_go``; ``∕`` -> ``/``."""
    return name.strip().strip("`'\"").replace("·", ".").replace("∕", "/").removesuffix("(SB)").removesuffix("()")


def parse_name(name: str) -> NameForm | None:
    """The form of ``name``, or None when it cannot be a Go name."""
    n = normalize(name)
    m = _METHOD.match(n)
    if m:
        return NameForm(n, m["name"], m["recv"], bool(m["star"]), m["pkg"] or m["rpkg"])
    if not _IDENT.match(n):
        return None
    if "." in n:
        left, right = n.rsplit(".", 1)
        return NameForm(n, right, qualifier=left)
    return NameForm(n, n)


def bare_name(name: str) -> str:
    """The last element of a name: ``runtime.(*p).runqput`` -> ``runqput``."""
    return normalize(name).rsplit(".", 1)[-1].rsplit(")", 1)[-1].lstrip(".")


__all__ = ["Definition", "NameForm", "bare_name", "normalize", "parse_name"]
