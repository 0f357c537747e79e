"""What took a definition's place at another release, read from the code that uses it.

A name defined at one release and not at another may have been renamed, and the code that used it says so: a
function that uses it at one release and still exists at the other has the same line there with another name in its
place (sysauxv's ``startupRandomData = (*[16]byte)(unsafe.Pointer(val))[:]`` at go1.21.13 is ``startupRand =
(*[16]byte)(unsafe.Pointer(val))[:]`` at go1.27.3). The other name counts only when it is defined at the other
release, in the same package and of the same kind (a function for a function), and not at the first one (there it
would be another thing beside it, not its new name). Renames the team knows from Go's history are in
guide/knowledge/successors.toml; this finds what the code shows, for a comparison's notes on what appears or goes.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from guide.citation import Citation
from guide.retrieval.callers import find_mentions
from guide.where import where
from ingest.symbols import bare_name

if TYPE_CHECKING:
    from guide.index import GuideIndex
    from ingest.symbols import Definition

USERS = 24
"""The definitions that use the name read at its release (runtime first; each is looked up at both releases)."""
MIN_CONTEXT = 12
"""A line says what took a name's place only when, the name left out, it keeps this many characters of code of its
own: ``x := fastrand()`` against ``x := rand()`` is evidence, ``return f`` against ``return g`` is none."""
_KINDS = {"func": "func", "method": "func", "asm": "func", "var": "var", "const": "var", "type": "type"}


@dataclass(frozen=True)
class InItsPlace:
    """``symbol`` (named ``name``) is used at ``user``'s ``line`` (``line_no``, at the other release) where the first
    release's code used the name asked about."""

    name: str
    symbol: str
    definition: Citation
    user: Citation
    line: str
    line_no: int


def in_its_place(index: GuideIndex, symbol: str, tag: str, other: str) -> InItsPlace | None:
    """What the code that uses ``symbol`` at ``tag`` uses in its place at ``other`` (see the module doc); None when
    no such line shows it."""
    name = bare_name(symbol)
    package = symbol[: -len(name) - 1] if symbol.endswith(f".{name}") else ""
    own = _defined(index, symbol, tag)
    if not package or not own or not re.fullmatch(r"[A-Za-z_]\w*", name) or "(" in package:
        return None
    if _defined(index, symbol, other):
        return None  # defined there too: nothing took its place
    kind = _KINDS.get(own[0].kind)
    uses = _names(name)
    users = list(dict.fromkeys(c.symbol for c in find_mentions(index, name, tag, USERS)))
    votes: Counter[str] = Counter()
    seen: dict[str, tuple[Citation, str, int]] = {}
    for user_symbol in users:
        there = [c for c in where(index, user_symbol, other) if c.symbol == user_symbol]
        here = [c for c in where(index, user_symbol, tag) if c.symbol == user_symbol]
        # a definition with a copy per platform (sysauxv in os_linux.go, os_freebsd.go ...): each file's with its own
        same_file = [(h, t) for h in here for t in there if h.path == t.path]
        pairs = same_file or [(h, t) for h in here[:1] for t in there[:1]]
        for old_def, new_def in pairs:
            new_lines = _code_lines(new_def)
            for line in (ln for _, ln in _code_lines(old_def) if uses.search(ln)):
                if (pattern := _with_a_name_for(uses, line)) is None:
                    continue
                for no, new in new_lines:
                    m = pattern.fullmatch(new)
                    if m and m.group("x") != name:
                        votes[m.group("x")] += 1
                        seen.setdefault(m.group("x"), (new_def, new, no))
    for found, _ in votes.most_common():
        defs = [c for c in where(index, f"{package}.{found}", other) if c.symbol == f"{package}.{found}"]
        if not defs or _KINDS.get(defs[0].kind) != kind:
            continue
        if _defined(index, defs[0].symbol, tag):
            continue  # defined at the first release too: another thing beside it, not its new name
        user, line, no = seen[found]
        return InItsPlace(found, defs[0].symbol, defs[0], user, line, no)
    return None


def _defined(index: GuideIndex, symbol: str, tag: str) -> list[Definition]:
    """The definitions of exactly ``symbol`` at ``tag``, from the symbol table (nothing read from git)."""
    return [d for d in index.reader.lookup(symbol, tag) if d.symbol == symbol]


def _names(name: str) -> re.Pattern[str]:
    """A use of the identifier ``name`` (not a longer one, nor a field or method of that name)."""
    return re.compile(rf"(?<![\w.]){re.escape(name)}(?!\w)")


def _with_a_name_for(uses: re.Pattern[str], line: str) -> re.Pattern[str] | None:
    """The pattern of ``line`` with each of the name's ``uses`` open for one other identifier (group ``x``); None when
    the rest of the line is too little code to tell (``MIN_CONTEXT``)."""
    parts = uses.split(line)
    if len("".join(parts).replace(" ", "")) < MIN_CONTEXT or "`" in line:  # a raw string: no code span can quote it
        return None
    body = "".join(
        re.escape(p) + ("" if i == len(parts) - 1 else r"(?P<x>[A-Za-z_]\w*)" if i == 0 else r"(?P=x)")
        for i, p in enumerate(parts)
    )
    return re.compile(body)


def _code_lines(c: Citation) -> list[tuple[int, str]]:
    """The definition's lines of code, stripped, with their line numbers: comment lines, a trailing comment (on a
    line with no string in it) and blank lines left out, so a comment reworded beside the code does not hide it
    (schedinit's ``fastrandinit() // must run before mcommoninit``, ``randinit() // must run before alginit ...``)."""
    out = []
    for i, ln in enumerate(c.excerpt.split("\n")):
        s = (ln.split("//", 1)[0] if '"' not in ln and "`" not in ln else ln).strip()
        if s:
            out.append((c.start_line + i, s))
    return out


__all__ = ["InItsPlace", "in_its_place"]
