"""The platform a question is about: GOOS/GOARCH named where a platform goes ("on arm64", "for windows/386", "在 arm64
上"), else the default (the post's x86-64 Linux); and the words that are platform names, not code ("amd64")."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from typing import TypeVar

from ingest.buildtags import KNOWN_ARCH, KNOWN_OS, UNIX_OS

DEFAULT_PLATFORM = ("linux", "amd64")

_WORD = "[A-Za-z0-9_]"
"""A letter, digit or underscore of a name: not a Chinese character, which Python's ``\\w`` also matches
("在arm64上呢？" names arm64 written without spaces)."""
ARCH_SAID = {"x86-64": "amd64", "x86_64": "amd64", "x64": "amd64", "aarch64": "arm64"}
"""An architecture as people name it, not as GOARCH does ("Go 1.9 在 x86-64 Linux 上", trial 86: read as no platform,
and "x86" as a name, "Linux" as the subject of a comparison)."""
_PLATFORM_NAMES = "|".join(re.escape(n) for n in sorted(KNOWN_OS | KNOWN_ARCH | set(ARCH_SAID), key=len, reverse=True))
_PLATFORM = re.compile(
    rf"(?:\b(?:on|for|under|GOOS=|GOARCH=)\s*|在\s*)({_PLATFORM_NAMES})(?:[/_ -]({_PLATFORM_NAMES}))?(?!{_WORD}|\.\w)",
    re.IGNORECASE,
)
"""A platform named where a platform goes: "on arm64", "for windows/386", "GOARCH=riscv64", "在 arm64 上"."""
DISTINCT_ARCH = frozenset(a for a in KNOWN_ARCH | set(ARCH_SAID) if re.fullmatch(r"[a-z]+\d+[a-z]*|wasm|x86[-_]64", a))
"""The architectures whose name is no English word or number (arm64, riscv64, s390x, wasm; not arm, mips, 386)."""
_DISTINCT_NAMES = "|".join(map(re.escape, sorted(DISTINCT_ARCH, key=len, reverse=True)))
_ARCH_WORD = re.compile(
    rf"(?<![A-Za-z0-9_./-])({_DISTINCT_NAMES})(?!{_WORD}|\.\w|/\w)",
    re.IGNORECASE,
)
"""An architecture whose name is no English word or number (arm64, riscv64, ppc64le, s390x, wasm; not arm, 386 or
mips), written as a word of its own, not in a file name or a path: "arm64 上 Go 程序的入口在哪里？", "what about
arm64?" (trial 34: both were answered for amd64)."""
_ARCH_NAMES = "|".join(re.escape(n) for n in sorted(KNOWN_ARCH | set(ARCH_SAID), key=len, reverse=True))
_PAIR = re.compile(
    rf"(?<![A-Za-z0-9_./-])({'|'.join(sorted(KNOWN_OS, key=len, reverse=True))})/({_ARCH_NAMES})(?!{_WORD}|\.\w|/)",
    re.IGNORECASE,
)
"""A GOOS/GOARCH pair written alone ("linux/arm64", "windows/386")."""


def platform_named(text: str) -> tuple[str, str] | None:
    """(GOOS, GOARCH) a question names ("on arm64", "for windows/386", or an architecture's distinct name alone:
    "arm64 上 ...", "what about arm64?"), the other half defaulted; or None (two architectures named alone: a
    comparison of them, none is the question's)."""
    goos, goarch = DEFAULT_PLATFORM
    os_named = arch_named = False
    for m in _PLATFORM.finditer(text):
        for w in (m.group(1), m.group(2)):
            w = _goarch((w or "").lower())
            if w in KNOWN_OS:
                goos, os_named = w, True
            elif w in KNOWN_ARCH:
                goarch, arch_named = w, True
    if arch_named:
        return goos, goarch
    pairs = {(m.group(1).lower(), _goarch(m.group(2).lower())) for m in _PAIR.finditer(text)}
    alone = {_goarch(m.group(1).lower()) for m in _ARCH_WORD.finditer(text)} - {a for _, a in pairs}
    if len(pairs) == 1 and not alone and not os_named:
        return pairs.pop()
    if len(alone) == 1 and not pairs:  # "on Linux, how does arm64 enter main?": the system named, the arch alone
        arch = alone.pop()
        return (goos if os_named else _HOME.get(arch, goos)), arch
    return (goos, goarch) if os_named else None


def _goarch(word: str) -> str:
    """``word`` (lower case) as GOARCH names it (``ARCH_SAID``: "x86-64" is amd64)."""
    return ARCH_SAID.get(word, word)


_HOME = {"wasm": "js"}
"""The system an architecture named alone runs on when it is no Linux one (wasm: js, whose runtime files are
os_js.go, rt0_js_wasm.s)."""


_NAME = rf"(?:{_PLATFORM_NAMES})(?:/(?:{_PLATFORM_NAMES}))?"
_WHERE_ASKED = re.compile(
    rf"(?:\b(?:on|for|under|about|and)\s+|在\s*|GOOS=|GOARCH=)({_NAME})(?!{_WORD}|\.\w|/\w)"
    rf"|(?<![A-Za-z0-9_./-])({_NAME})(?=\s*(?:上|呢|里|下))",
    re.IGNORECASE,
)
"""A platform named where a question asks on which platform: "on arm64", "what about arm64?", "and linux/386?",
"在arm64上呢？", "arm64 上呢？"; not a platform asked about ("What is wasm?")."""


def without_platforms(text: str) -> str:
    """``text`` without the platforms it names where a platform goes (``_WHERE_ASKED``: "在 arm64 上呢？" -> "在
    上呢？", "and on linux/386?"): like a release, that is where a question is asked, not what it is about. A platform
    asked about stays ("What is wasm?", "How does js/wasm work?"), and file names and paths keep theirs
    (asm_arm64.s)."""
    return _WHERE_ASKED.sub(lambda m: m.group(0).replace(m.group(1) or m.group(2), " "), text)


def is_platform_word(word: str) -> bool:
    """Whether ``word`` is a GOOS or GOARCH value ("amd64", "linux/arm64"): it names a platform, not a definition,
    although its digits make it look like code."""
    return all(_goarch(w.lower()) in KNOWN_OS | KNOWN_ARCH for w in word.split("/"))


_ALSO = {"android": "linux", "ios": "darwin", "illumos": "solaris"}
"""The GOOS tag a GOOS also satisfies (go/build: ``android`` builds files for ``linux``)."""
_BUILD_TOKEN = re.compile(r"\s*(\(|\)|!|&&|\|\||[A-Za-z0-9_./]+)")
T = TypeVar("T")


def read_constraint(
    expr: str,
    tag: Callable[[str], T],
    both: Callable[[list[T]], T],
    either: Callable[[list[T]], T],
    negated: Callable[[T], T],
) -> T:
    """A ``//go:build`` expression read bottom-up: each tag by ``tag``, each run of ``&&`` by ``both``, of ``||`` by
    ``either``, each ``!`` by ``negated``, parentheses as Go reads them; ValueError when it is not well formed."""
    tokens = _BUILD_TOKEN.findall(expr)
    if "".join(tokens) != "".join(expr.split()):
        raise ValueError(expr)
    at = 0

    def unary() -> T:
        nonlocal at
        if at >= len(tokens):
            raise ValueError(expr)
        tok, at = tokens[at], at + 1
        if tok == "!":
            return negated(unary())
        if tok == "(":
            v = any_of()
            if at >= len(tokens) or tokens[at] != ")":
                raise ValueError(expr)
            at += 1
            return v
        if tok in (")", "&&", "||"):
            raise ValueError(expr)
        return tag(tok)

    def joined(op: str, operand: Callable[[], T], combine: Callable[[list[T]], T]) -> T:
        nonlocal at
        values = [operand()]
        while at < len(tokens) and tokens[at] == op:
            at += 1
            values.append(operand())
        return combine(values) if len(values) > 1 else values[0]

    def all_of() -> T:
        return joined("&&", unary, both)

    def any_of() -> T:
        return joined("||", all_of, either)

    value = any_of()
    if at != len(tokens):
        raise ValueError(expr)
    return value


def builds_on(
    expr: str, platform: tuple[str, str] | None = DEFAULT_PLATFORM, experiments: Collection[str] | None = None
) -> bool | None:
    """Whether a ``//go:build`` expression holds on ``platform`` (GOOS, GOARCH): True, False, or None when that
    depends on other tags (``race``, ``cgo``, ``goexperiment.*``) or the expression is not read. A GOOS or GOARCH
    other than the platform's is false, ``unix`` is true on a Unix GOOS: ``linux && (386 || arm)`` does not hold on
    linux/amd64 (vdso_elf32.go's ELF header type had been cited for "Is there a virtual machine in Go?", trial 39).
    With ``experiments`` (the GOEXPERIMENTs on, lower case), ``goexperiment.*`` tags are read too; with no
    ``platform``, GOOS and GOARCH tags are not (whether the experiments alone leave a file out of a build:
    ``guide.history.experiments.off_by_default``)."""

    def tag(name: str) -> bool | None:
        if experiments is not None and name.startswith("goexperiment."):
            return name.removeprefix("goexperiment.") in experiments
        if platform is None:
            return None
        goos, goarch = platform
        if name == "unix":
            return goos in UNIX_OS
        if name in KNOWN_OS or name in KNOWN_ARCH:
            return name in (goos, goarch) or _ALSO.get(goos) == name
        return None

    def joined(absorbing: bool) -> Callable[[list[bool | None]], bool | None]:
        """False for &&, True for ||: that value if one operand is it, else undecided if one is."""
        return lambda values: absorbing if absorbing in values else None if None in values else not absorbing

    try:
        return read_constraint(expr, tag, joined(False), joined(True), lambda v: None if v is None else not v)
    except ValueError:
        return None


ALSO_ON_SHOWN = 6
"""At most this many other platforms are named beside a definition ("also defined for darwin, dragonfly, ... …")."""


def alternatives(constraint: str) -> list[tuple[str, ...]]:
    """The platforms a build constraint of systems and architectures (no negation: ``fusion.platform_of``) allows,
    each as the names that must all hold (``read_constraint``): "darwin || freebsd" -> (darwin), (freebsd); "linux
    && (386 || arm)" -> (linux, 386), (linux, arm): split at its "||" alone, vdso_elf32.go's constraint had read "arm,
    linux/(386" (trial 72). A constraint not read so gives its words, one alternative each."""

    def both(parts: list[list[tuple[str, ...]]]) -> list[tuple[str, ...]]:
        out: list[tuple[str, ...]] = [()]
        for part in parts:
            out = [(*a, *b) for a in out for b in part]
        return out

    def negated(_: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
        raise ValueError(constraint)  # "!linux" is everywhere but somewhere: no platform to name

    def tag(word: str) -> list[tuple[str, ...]]:
        return [(word,)]

    def either(parts: list[list[tuple[str, ...]]]) -> list[tuple[str, ...]]:
        return [a for part in parts for a in part]

    try:
        found = read_constraint(constraint, tag, both, either, negated)
    except ValueError:
        return [(w,) for w in _BUILD_TOKEN.findall(constraint) if w not in ("||", "&&", "(", ")", "!")]
    return [tuple(dict.fromkeys(a)) for a in found]


def also_on_text(also_on: Sequence[str], sep: str = ", ") -> str:
    """The other platforms a definition's copies are built for, named as a reader says them: a constraint's
    alternatives one by one ("darwin || freebsd" -> "darwin, freebsd"), a conjunction as a pair ("js && wasm" ->
    "js/wasm"), each once, in alphabetical order, at most ``ALSO_ON_SHOWN``, joined by ``sep`` (the reader's
    language's: ``Lang.listed``); "" for none."""
    names = sorted(
        {"/".join(sorted(both, key=lambda w: w not in KNOWN_OS)) for where in also_on for both in alternatives(where)}
    )
    shown = sep.join(names[:ALSO_ON_SHOWN])
    return f"{shown} …" if len(names) > ALSO_ON_SHOWN else shown


__all__ = [
    "ALSO_ON_SHOWN", "DEFAULT_PLATFORM", "DISTINCT_ARCH", "also_on_text", "alternatives", "builds_on",
    "is_platform_word", "platform_named", "read_constraint", "without_platforms",
]  # fmt: skip
