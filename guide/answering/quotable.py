"""What a source may be quoted for beside the question: the platform its file is built for, the build a statement is
about (the race detector, MSan, ASan), and whether a design document is on the topic of the tour beside the
answer."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from guide.citation import Citation
from guide.definitions import platform_penalty
from guide.platforms import DISTINCT_ARCH
from ingest.buildtags import INSTRUMENTED, KNOWN_ARCH, KNOWN_OS, goos_goarch_from_filename
from ingest.tokens import STOP_WORDS, identifier_tokens

_RACE_DETECTOR = re.compile(r"(?i)\brace (?:detector|mode|build)\b|-race\b")

if TYPE_CHECKING:
    from guide.answering.tour import TourInAnswer


def document_title(doc: Citation) -> str:
    """A design document's title, from its section's symbol (``design/48409-soft-memory-limit.md#Proposal: Soft memory
    limit > Background``: "Proposal: Soft memory limit"); "" when the symbol has none. A title's Markdown code marks
    are dropped ("A built-in Go error check function, `try`" reads "..., try"): it names the document, and an answer's
    code spans are what its cited lines hold (the check had removed a quote labelled with the title); so are its
    links' targets ("Proposal: make the internal lockedfile package public", not "[lockedfile](https://...)")."""
    return doc.shown_symbol.split("#", 1)[-1].split(" > ", 1)[0].strip()


def title_words(doc: Citation) -> frozenset[str]:
    """The words of a design document's title (``document_title``: "Proposal: Soft memory limit": soft, memory,
    limit), those of more than two letters."""
    title = document_title(doc)
    return frozenset(w for w in identifier_tokens(title.split(":", 1)[-1]) if len(w) > 2 and w not in STOP_WORDS)


def tour_vocabulary(tour: TourInAnswer | None) -> frozenset[str]:
    """The words of the titles and summaries of ``tour``'s walks (empty without a tour)."""
    if tour is None:
        return frozenset()
    texts = [f"{t.tour.title} {t.tour.summary}" for t in tour.walks()]
    return frozenset(w for text in texts for w in identifier_tokens(text) if len(w) > 2 and w not in STOP_WORDS)


TITLE_ASKED = 2
"""A design document whose title has this many of the question's words is on the question's topic, whatever the tour
beside the answer: "Why did Go remove stack re-scanning with the hybrid write barrier?" is answered by "Proposal:
Eliminate STW stack re-scanning" (stack, scanning), which the allocator and GC tour's words miss."""


def off_tour(src: Citation, tour_words: frozenset[str], asked: Collection[str] = ()) -> bool:
    """Whether ``src`` is a design document on another topic than the tour beside the answer (``tour_words``, its
    ``tour_vocabulary``): its title has none of the tour's words, nor ``TITLE_ASKED`` of the question's (``asked``).
    False for code, and without a tour."""
    if not tour_words or src.version != "design":
        return False
    title = title_words(src)
    return not tour_words & title and len(title & set(asked)) < TITLE_ASKED


def off_question(src: Citation, asked: Collection[str]) -> bool:
    """Whether ``src`` is a design document none of whose headings (its file's name, its title and the sections
    above the one cited) says a word of the question (``asked``): found for words of its body, it is about something
    else ("The very first created slice is created with capacity 1.", the unbounded-queue proposal's benchmark
    notes, had opened the answer to "When append grows a slice, how is the new capacity computed?"). False for
    code."""
    if src.version != "design":
        return False
    heads = f"{src.path.rsplit('/', 1)[-1]} {src.symbol.split('#', 1)[-1].replace('`', '')}"  # 12416-cgo-pointers.md
    said = {w for w in identifier_tokens(heads) if len(w) > 2 and w not in STOP_WORDS}
    said |= {w[:-1] for w in said if w.endswith("s")}  # "slices" in a heading, "slice" asked; and the reverse:
    return not said & {*asked, *(a[:-1] for a in asked if a.endswith("s"))}


def for_other_platform(path: str, platform: tuple[str, str]) -> bool:
    """Whether a file's name says it is built for another platform than ``platform`` (os_windows.go, asm_wasm.s)."""
    goos, goarch = goos_goarch_from_filename(path)
    return platform_penalty(goos, goarch, None, path, platform) > 0


def for_instrumented_build(words: Sequence[str], text: str, asked: Collection[str]) -> bool:
    """Whether a statement (its ``words`` and prose ``text``) is about an instrumented build that the question
    (its words ``asked``) does not name: it names ASan or MSan, their ``*enabled`` constants, ``raceenabled`` or
    the race detector ("For ASAN, we allocate extra memory around each allocation called the "redzone."" is not how
    a default build decides between stack and heap)."""
    named = {w.removesuffix("enabled") for w in words} & INSTRUMENTED
    if "race" in named and "raceenabled" not in words and not _RACE_DETECTOR.search(text):
        named.discard("race")  # "a race with the GC": a data race, not the race detector's build
    return bool(named) and not (INSTRUMENTED | {"sanitizer", "sanitizers"}) & set(asked)


_ALIKE = {"wasi": "wasip1", "macos": "darwin", "osx": "darwin"}
"""Names prose gives a system besides its GOOS: the same platform."""
_ANY_CASE = sorted(
    {*(o for o in KNOWN_OS if o not in {"windows", "ios", "js"}), *_ALIKE, *DISTINCT_ARCH},
    key=len, reverse=True,
)  # fmt: skip
_PLATFORM_NAMED = re.compile(
    rf"(?<![A-Za-z0-9_./-])(?:(?i:{'|'.join(_ANY_CASE)})|Windows|iOS|GOOS=(?:windows|ios|js)|js/wasm)(?![A-Za-z0-9_])"
)
"""A system or an architecture named in prose: its name in any case when it is no English word (linux, wasi,
darwin, arm64, wasm; not arm, mips or 386, which are words or numbers too), "Windows" and "iOS" capitalized as names
are ("small windows of time" is no platform), ``GOOS=windows``."""


def _platforms_in(text: str) -> set[str]:
    names = {m.group(0).lower().removeprefix("goos=") for m in _PLATFORM_NAMED.finditer(text)}
    return {_ALIKE.get(n, n) for n in names} | ({"js", "wasm"} if "js/wasm" in names else set())


def about_other_platform(text: str, platform: tuple[str, str] | None, asked: Collection[str]) -> bool:
    """Whether a statement's prose (``text``, not its code: ``goos.IsWindows*4096`` is a value for every platform)
    is about another platform than the question's: it names a system or an architecture (``_PLATFORM_NAMED``), none
    the question's ``platform``, and the question (its words ``asked``) names none of them either ("There is no
    mechanism in wasi to interrupt the call to poll_oneoff ..." opened the answer to how time.Sleep works on
    linux/amd64, trial 36). "macOS" is darwin and "wasi" wasip1."""
    if platform is None:
        return False
    named = _platforms_in(text)
    said = {_ALIKE.get(w, w) for w in asked} & {*KNOWN_OS, *KNOWN_ARCH, *_ALIKE.values()}
    return bool(named) and not named & {*platform, *said}


_DIAGNOSTICS = re.compile(
    r"^src/(?:runtime/(?:trace(?!back)\w*\.go|mprof\.go|cpuprof\.go|pprof/|trace/)|internal/trace/|cmd/trace/"
    r"|cmd/compile/internal/dwarfgen/|cmd/link/internal/ld/dwarf\w*\.go|cmd/internal/dwarf/)"
)
"""The execution tracer and the profilers (runtime/trace*.go but traceback.go, mprof.go, cpuprof.go, runtime/pprof,
internal/trace), and the debugging information the compiler and the linker write (DWARF): code that watches or
describes a mechanism, not the mechanism ("createHeapDerefLocationList creates a location list for a heap-escaped
variable ..." opened the answer to "When does a variable go on the stack and when on the heap?")."""
DIAGNOSTIC_WORDS = frozenset({
    "trace", "traces", "tracer", "tracing", "traced", "profile", "profiles", "profiler", "profiling", "pprof",
    "sample", "samples", "sampling", "dwarf", "debugger", "debuggers", "debugging", "gdb", "delve",
})  # fmt: skip


def for_diagnostics(path: str, asked: Collection[str]) -> bool:
    """Whether ``path`` is the tracer's or a profiler's code (``_DIAGNOSTICS``) and the question (its words
    ``asked``) is not about tracing or profiling: "A concurrent goroutine profile is running." does not say what a
    goroutine costs, nor "Lazy allocation would have to deal with reentrancy issues in malloc and runtime locks for
    mLockProfile." how the compiler places a variable (trial 11)."""
    return bool(_DIAGNOSTICS.match(path)) and not DIAGNOSTIC_WORDS & set(asked)


__all__ = [
    "DIAGNOSTIC_WORDS", "document_title", "for_diagnostics", "for_instrumented_build", "for_other_platform",
    "off_question", "off_tour",
    "title_words", "tour_vocabulary",
]  # fmt: skip
