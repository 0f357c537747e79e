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
from weakref import WeakKeyDictionary

from guide.citation import Citation, cite_definition
from guide.definitions import anchored
from guide.notes import Note
from guide.platforms import DEFAULT_PLATFORM, builds_on

if TYPE_CHECKING:
    from guide.index import GuideIndex
    from ingest.symbols import Definition

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


def definition_at(index: GuideIndex, symbol: str, tag: str) -> Citation | None:
    """``symbol``'s definition at ``tag`` (``PARSER``, ``FLAGS``), cited; None when ``tag`` has none."""
    d = anchored(index, symbol, tag)
    return cite_definition(index, d) if d is not None else None


def flag_names(flags: Citation) -> list[str]:
    """The fields of ``internal/goexperiment.Flags`` (``flags``), in order: the experiments of its release."""
    return [m.group(1) for ln in flags.excerpt.split("\n") if (m := _FIELD.match(ln))]


def _field_at(lines: list[str], name: str) -> int | None:
    """The line of ``lines`` (``goexperiment.Flags``) that declares field ``name``, if any."""
    return next((i for i, ln in enumerate(lines) if (m := _FIELD.match(ln)) and m.group(1) == name), None)


def defaults(parser: Citation, platform: tuple[str, str] | None = None) -> set[str]:
    """The experiments ``ParseGOEXPERIMENT``'s baseline sets to ``true``; with ``platform`` (GOOS, GOARCH) also
    those it sets to a variable that is true there (``SpinbitMutex: haveXchg8`` of go1.24, true on amd64:
    ``platform_values``)."""
    out: set[str] = set()
    inside = False
    values = platform_values(parser.excerpt, platform) if platform is not None else {}
    for line in parser.excerpt.split("\n"):
        if _BASELINE.match(line):
            inside = True
        elif inside and line.strip().startswith("}"):
            break
        elif inside and ((m := _ON.match(line)) or ((m := _SET_BY.match(line)) and values.get(m.group(2)))):
            out.add(m.group(1))
    return out


_SET_BY = re.compile(r"^\s*(\w+):\s*([a-z]\w*),\s*(?://.*)?$")
_CASE = re.compile(r'^\s*case\s+("[\w.]+"(?:\s*,\s*"[\w.]+")*)\s*:\s*$')
_SWITCH = re.compile(r"^\s*switch\s+(goos|goarch)\s*\{\s*$")
_ASSIGN = re.compile(r"^\s*(\w+)\s*:?=\s*(.+?)\s*(?://.*)?$")
_COMPARE = re.compile(r'\b(goos|goarch)\s*(==|!=)\s*"([\w.]+)"')


def platform_values(code: str, platform: tuple[str, str]) -> dict[str, bool]:
    """The boolean variables ``code`` (``ParseGOEXPERIMENT``) sets from the platform, on ``platform``: set to true in
    a ``switch goarch`` (or ``goos``) case that names it (``case "386", "amd64", ...: haveXchg8 = true``), or to an
    expression of comparisons of goos and goarch with ``&&``, ``||`` and ``!`` (``dwarf5Supported := (goos !=
    "darwin" && ...)``). Anything else it sets is not read."""
    goos, goarch = platform
    out: dict[str, bool] = {}
    on: str | None = None  # the switch we are in: "goos" or "goarch"
    hit = False  # whether the current case names the platform
    for line in code.split("\n"):
        if m := _SWITCH.match(line):
            on, hit = m.group(1), False
        elif on is not None and line.strip() == "}":
            on = None
        elif on is not None and (m := _CASE.match(line)):
            hit = (goos if on == "goos" else goarch) in re.findall(r'"([\w.]+)"', m.group(1))
        elif on is not None and (m := _ASSIGN.match(line)) and m.group(2) == "true":
            out[m.group(1)] = out.get(m.group(1), False) or hit
        elif on is None and (m := _ASSIGN.match(line)) and _COMPARE.search(m.group(2)):
            value = _evaluate(m.group(2), goos, goarch)
            if value is not None:
                out[m.group(1)] = value
    return out


def _evaluate(expr: str, goos: str, goarch: str) -> bool | None:
    """A boolean expression of goos and goarch comparisons on a platform, read as the build constraint it amounts to
    (``goos != "darwin" && goarch == "amd64"`` is ``!darwin && amd64``: ``builds_on``, where a comparison with
    "linux" also holds on android as the build tag does; the platform read is linux/amd64); None when it holds
    anything else."""

    def as_tag(m: re.Match[str]) -> str:
        return ("" if m.group(2) == "==" else "!") + m.group(3)

    return builds_on(_COMPARE.sub(as_tag, expr), (goos, goarch))


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
    parsers = {tag: p for tag in (old, new) if (p := definition_at(index, PARSER, tag)) is not None}
    if len(parsers) < 2:
        return []
    on = {tag: defaults(p) for tag, p in parsers.items()}
    flags = {tag: definition_at(index, FLAGS, tag) for tag in (old, new)}
    out: list[DefaultChange] = []
    for tag, other in ((new, old), (old, new)):
        here, there = flags[tag], flags[other]
        for name in sorted(on[tag] - on[other]):
            said = meaning(here, name) if here is not None else ""
            known = there is not None and _field_at(there.excerpt.split("\n"), name) is not None
            out.append(DefaultChange(name, tag, other, parsers[tag], here if said else None, said, known))
    return out


def experiments_on(index: GuideIndex, tag: str) -> frozenset[str]:
    """The experiments ``tag`` turns on by default on the default platform (linux/amd64: the spinbit mutex of go1.24,
    on where the architecture has an 8-bit exchange), lower-cased as build constraints name them
    (``goexperiment.exectracer2``); empty when its parser cannot be read (cached per index and release)."""
    generation, cache = _DEFAULTS_SEEN.get(index, (None, {}))
    if generation != index.generation:  # a new ingest may have changed the releases' sources: read them again
        cache = {}
        _DEFAULTS_SEEN[index] = (index.generation, cache)
    if tag not in cache:
        parser = definition_at(index, PARSER, tag)
        on = defaults(parser, DEFAULT_PLATFORM) if parser is not None else set()
        cache[tag] = frozenset(n.lower() for n in on)
    return cache[tag]


_DEFAULTS_SEEN: WeakKeyDictionary[GuideIndex, tuple[int, dict[str, frozenset[str]]]] = WeakKeyDictionary()


def off_by_default(build: str | None, on: frozenset[str]) -> bool:
    """Whether a file's build constraint leaves it out of the default build of a release with the experiments
    ``on`` (on linux/amd64: ``experiments_on``): whether its ``goexperiment.*`` terms make it false whatever the
    platform and the other tags (``builds_on`` with no platform). ``!goexperiment.exectracer2``, the old tracer of
    go1.22, where ExecTracer2 is on; ``(dragonfly || freebsd || linux) && !goexperiment.spinbitmutex``, go1.24's
    lock_futex_tristate.go, where SpinbitMutex is on (trial 45 compared its lock2 for the one of lock_spinbit.go).
    A constraint a platform or another tag can still make true (``!goexperiment.swissmap || race``) says nothing
    here; a file that needs an experiment off there is kept only where nothing else defines the name
    (``in_default_build``)."""
    if not build or "goexperiment." not in build:
        return False
    return builds_on(build, None, on) is False


def in_default_build(index: GuideIndex, defs: list[Definition], tag: str) -> list[Definition]:
    """``defs`` (definitions at ``tag``) without those of files the release leaves out of its default build
    (``off_by_default``), unless that leaves none: traceCPUSample at go1.22.10 is trace2cpu.go's, not the old
    tracer's in trace.go, which only ``GOEXPERIMENT=noexectracer2`` builds (trial 28 had compared trace.go)."""
    on = experiments_on(index, tag)
    kept = [d for d in defs if not off_by_default(d.build, on)]
    return kept or defs


def other_builds(
    every: dict[str, list[Definition]], picked: dict[str, Definition | None], built: dict[str, list[Definition]]
) -> list[Note]:
    """A note per release whose definition compared has a twin the release's default build leaves out (a file built
    only with another GOEXPERIMENT: go1.24.11's sync.Map of map.go, ``!goexperiment.synchashtriemap``, beside the
    HashTrieMap one compared; go1.22.10's old tracer): the release carries both implementations, which a comparison
    of the default build alone had hidden (trial 76)."""
    notes = []
    for tag, d in picked.items():
        if d is None:
            continue
        twin = next((x for x in every[tag] if x not in built[tag] and x.symbol == d.symbol and x.build), None)
        if twin is not None:
            notes.append(Note("other_build", tag=tag, name=d.name, path=twin.path, build=twin.build))
    return notes


__all__ = [
    "FLAGS", "PARSER", "DefaultChange", "changed_defaults", "defaults", "definition_at", "experiments_on",
    "flag_names", "in_default_build", "meaning", "off_by_default", "other_builds",
]  # fmt: skip
