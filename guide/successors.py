"""Curated successors: renames and replacements that the code itself cannot reveal.

A symbol that moved to another file or package under the *same* name is found by the comparison code
(``guide.compare``) without help; so is a change of case (``findrunnable`` -> ``findRunnable``, since symbol lookups
are case-insensitive). This table covers the rest: a name that disappeared and whose successor has a different name
or is a different design. Each entry says why, and since when as far as it is known.

``relation``:

* ``renamed``: the same thing under a new name; a comparison follows it and diffs old against new.
* ``replaced``: a different implementation took its role; a comparison cites the successor but does not diff it
  against the old definition (the diff would say nothing useful).

Names are matched case-insensitively on the bare name or on the full symbol (``runtime.hmap``); targets are symbols
as the index names them (``internal/runtime/maps.Map``) or repository paths for file-level entries (``go.y``).
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Successor:
    old: str
    """The old name: a bare name (``hmap``), a symbol (``runtime.(*itab).init``) or a file name (``go.y``)."""
    new: tuple[str, ...]
    """Successor symbols (or repository paths for files), the closest first."""
    relation: str
    """``renamed`` or ``replaced`` (see the module doc)."""
    since: str
    """The Go release that made the change, as far as known (``go1.24``), or a description (``before go1.21``)."""
    reason: str
    """Why, in one or two sentences."""

    def to_json(self) -> dict:
        d = asdict(self)
        d["new"] = list(self.new)
        return d


SUCCESSORS: tuple[Successor, ...] = (
    Successor(
        "runtime.hmap",
        ("internal/runtime/maps.Map",),
        "replaced",
        "go1.24",
        "Go 1.24 replaced the bucket-based hash map (runtime.hmap, bmap) with Swiss tables in internal/runtime/maps; "
        "the old implementation survived only behind GOEXPERIMENT=noswissmap until it was deleted.",
    ),
    Successor(
        "runtime.bmap",
        ("internal/runtime/maps.table", "internal/runtime/maps.groupReference"),
        "replaced",
        "go1.24",
        "The hash-map bucket (bmap) gave way to Swiss-table tables and 8-slot control-word groups "
        "(internal/runtime/maps) in Go 1.24.",
    ),
    Successor(
        "runtime.findrunnable",
        ("runtime.findRunnable",),
        "renamed",
        "go1.19",
        "Renamed findrunnable -> findRunnable in Go 1.19 (scheduler clean-up); a case-insensitive lookup finds it too.",
    ),
    Successor(
        "runtime._StackMin",
        ("runtime.stackMin",),
        "renamed",
        "go1.21",
        "The runtime's stack constants lost their underscore-capital spelling (_StackMin -> stackMin, "
        "_StackGuard -> stackGuard ...) when they were made unexported-style constants in Go 1.21.",
    ),
    Successor(
        "runtime._StackGuard",
        ("runtime.stackGuard",),
        "renamed",
        "go1.21",
        "Same clean-up as _StackMin: _StackGuard became stackGuard (runtime/stack.go).",
    ),
    Successor(
        "runtime.(*itab).init",
        ("runtime.itabInit",),
        "renamed",
        "go1.22",
        "itab became internal/abi.ITab; a method cannot be declared on a type of another package, so the runtime's "
        "(*itab).init became the function itabInit (runtime/iface.go).",
    ),
    Successor(
        "runtime.typ2Itab",
        ("runtime.getitab", "runtime.itabInit"),
        "replaced",
        "before go1.21",
        "typ2Itab (a cached itab lookup called by compiled code for interface conversions) is gone from every "
        "indexed release; getitab (find or build the itab of an interface/concrete type pair) and itabInit "
        "(fill its method table) in runtime/iface.go are its nearest current equivalents.",
    ),
    Successor(
        "go.y",
        ("src/cmd/compile/internal/syntax/parser.go",),
        "replaced",
        "go1.6",
        "The compiler's yacc grammar (src/cmd/compile/internal/gc/go.y) was replaced by a hand-written "
        "recursive-descent parser in Go 1.6; since Go 1.8 that parser lives in cmd/compile/internal/syntax.",
    ),
)


def _keys(name: str) -> list[str]:
    n = name.strip().lower()
    keys = [n]
    if "." in n and not n.endswith((".y", ".go", ".s")):
        keys.append(n.rsplit(".", 1)[-1] if ")" not in n else n.split(".", 1)[-1])
    return keys


def _entry_keys(s: Successor) -> list[str]:
    old = s.old.lower()
    keys = [old]
    if old.endswith((".y", ".go", ".s")):
        keys.append(old.rsplit("/", 1)[-1])
        return keys
    tail = old.split(".", 1)[-1] if "." in old else old  # runtime.(*itab).init -> (*itab).init; runtime.hmap -> hmap
    keys.append(tail)
    return keys


def successor_for(name: str) -> Successor | None:
    """The curated successor of ``name`` (bare, qualified or a file name), or None."""
    wanted = set(_keys(name))
    for s in SUCCESSORS:
        if wanted & set(_entry_keys(s)):
            return s
    return None


def successor_note(name: str, s: Successor) -> str:
    """One line about ``name``'s curated successor: "`hmap` was replaced by ... (go1.24): why"."""
    verb = "renamed" if s.relation == "renamed" else "replaced by"
    return f"`{name}` was {verb} {', '.join(f'`{n}`' for n in s.new)} ({s.since}): {s.reason}"


def predecessor_of(symbol: str) -> Successor | None:
    """The curated entry whose successor is ``symbol`` (a full symbol or a path), or None."""
    low = symbol.strip().lower()
    for s in SUCCESSORS:
        if any(low == n.lower() for n in s.new):
            return s
    return None


__all__ = ["SUCCESSORS", "Successor", "predecessor_of", "successor_for", "successor_note"]
