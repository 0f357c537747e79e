"""The GOEXPERIMENTs a release turns on by default, read from its own source: the ``baseline :=
goexperiment.Flags{...}`` of ``internal/buildcfg.ParseGOEXPERIMENT`` (src/internal/buildcfg/exp.go), each
experiment's meaning from the comment on its field of ``internal/goexperiment.Flags``
(src/internal/goexperiment/flags.go). Between two releases, the experiments whose default changed: the Green Tea GC,
on by default at go1.27.3 and not at go1.21.13, is how the garbage collector differs (trial 9: a comparison of the GC
did not name it). Only an experiment set to ``true`` counts; one set by platform (``RegabiArgs: regabiSupported``)
is the platform's, not a default that changed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from guide.citation import Citation, cite_definition
from guide.definitions import anchored

if TYPE_CHECKING:
    from guide.index import GuideIndex

PARSER = "internal/buildcfg.ParseGOEXPERIMENT"
FLAGS = "internal/goexperiment.Flags"
_BASELINE = re.compile(r"^\s*baseline\s*:?=\s*goexperiment\.Flags\{\s*$")
_ON = re.compile(r"^\s*(\w+):\s*true,\s*(?://.*)?$")
_FIELD = re.compile(r"^\s*(\w+)\s+bool\b")


@dataclass(frozen=True)
class DefaultChange:
    """An experiment on by default at ``on`` and not at ``off``: where the default is set (``parser`` at ``on``) and
    what the experiment is (``meaning``, the comment on its field, in ``flags`` at ``on``; empty when it has none)."""

    name: str
    on: str
    off: str
    parser: Citation
    flags: Citation | None
    meaning: str
    known_off: bool = True
    """Whether ``off`` has the experiment at all (a field of its Flags): else it is none yet, or none any more."""


def _definition(index: GuideIndex, symbol: str, tag: str) -> Citation | None:
    d = anchored(index, symbol, tag)
    return cite_definition(index, d) if d is not None else None


def _field_at(lines: list[str], name: str) -> int | None:
    """The line of ``lines`` (``goexperiment.Flags``) that declares field ``name``, if any."""
    return next((i for i, ln in enumerate(lines) if (m := _FIELD.match(ln)) and m.group(1) == name), None)


def defaults(parser: Citation) -> set[str]:
    """The experiments ``ParseGOEXPERIMENT``'s baseline sets to ``true``."""
    out: set[str] = set()
    inside = False
    for line in parser.excerpt.split("\n"):
        if _BASELINE.match(line):
            inside = True
        elif inside and line.strip().startswith("}"):
            break
        elif inside and (m := _ON.match(line)):
            out.add(m.group(1))
    return out


def meaning(flags: Citation, name: str) -> str:
    """The comment on field ``name`` of ``goexperiment.Flags``, its lines joined ("GreenTeaGC enables the Green Tea
    GC implementation."); empty when the field has none."""
    lines = flags.excerpt.split("\n")
    at = _field_at(lines, name)
    said: list[str] = []
    for ln in reversed(lines[: at or 0]):
        text = ln.strip()
        if not text.startswith("//"):
            break
        said.insert(0, text.removeprefix("//").strip())
    return " ".join(s for s in said if s)


def changed_defaults(index: GuideIndex, old: str, new: str) -> list[DefaultChange]:
    """The experiments on by default at one of ``old`` and ``new`` and not at the other, those of ``new`` first,
    each by name; none when either release's parser cannot be read."""
    parsers = {tag: p for tag in (old, new) if (p := _definition(index, PARSER, tag)) is not None}
    if len(parsers) < 2:
        return []
    on = {tag: defaults(p) for tag, p in parsers.items()}
    flags = {tag: _definition(index, FLAGS, tag) for tag in (old, new)}
    out: list[DefaultChange] = []
    for tag, other in ((new, old), (old, new)):
        here, there = flags[tag], flags[other]
        for name in sorted(on[tag] - on[other]):
            said = meaning(here, name) if here is not None else ""
            known = there is not None and _field_at(there.excerpt.split("\n"), name) is not None
            out.append(DefaultChange(name, tag, other, parsers[tag], here if said else None, said, known))
    return out


__all__ = ["FLAGS", "PARSER", "DefaultChange", "changed_defaults", "defaults", "meaning"]
