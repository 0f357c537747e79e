"""The platform a question is about: GOOS/GOARCH named where a platform goes ("on arm64", "for windows/386", "在 arm64
上"), else the default (the post's x86-64 Linux); and the words that are platform names, not code ("amd64")."""

from __future__ import annotations

import re

from ingest.buildtags import KNOWN_ARCH, KNOWN_OS

DEFAULT_PLATFORM = ("linux", "amd64")

_PLATFORM_NAMES = "|".join(sorted(KNOWN_OS | KNOWN_ARCH, key=len, reverse=True))
_PLATFORM = re.compile(
    rf"(?:\b(?:on|for|under|GOOS=|GOARCH=)\s*|在\s*)({_PLATFORM_NAMES})(?:[/_ -]({_PLATFORM_NAMES}))?(?![\w.])",
    re.IGNORECASE,
)
"""A platform named where a platform goes: "on arm64", "for windows/386", "GOARCH=riscv64", "在 arm64 上"."""
_DISTINCT_ARCH = sorted((a for a in KNOWN_ARCH if re.fullmatch(r"[a-z]+\d+[a-z]*|wasm", a)), key=len, reverse=True)
_ARCH_WORD = re.compile(rf"(?<![\w./-])({'|'.join(_DISTINCT_ARCH)})(?![\w.]|/\w)", re.IGNORECASE)
"""An architecture whose name is no English word or number (arm64, riscv64, ppc64le, s390x, wasm; not arm, 386 or
mips), written as a word of its own, not in a file name or a path: "arm64 上 Go 程序的入口在哪里？", "what about
arm64?" (trial 34: both were answered for amd64)."""
_ARCH_NAMES = "|".join(sorted(KNOWN_ARCH, key=len, reverse=True))
_PAIR = re.compile(
    rf"(?<![\w./-])({'|'.join(sorted(KNOWN_OS, key=len, reverse=True))})/({_ARCH_NAMES})(?![\w./])", re.IGNORECASE
)
"""A GOOS/GOARCH pair written alone ("linux/arm64", "windows/386")."""


def platform_named(text: str) -> tuple[str, str] | None:
    """(GOOS, GOARCH) a question names ("on arm64", "for windows/386", or an architecture's distinct name alone:
    "arm64 上 ...", "what about arm64?"), the other half defaulted; or None (two architectures named alone: a
    comparison of them, none is the question's)."""
    goos, goarch = DEFAULT_PLATFORM
    found = False
    pairs = {(m.group(1).lower(), m.group(2).lower()) for m in _PAIR.finditer(text)}
    alone = {m.group(1).lower() for m in _ARCH_WORD.finditer(text)}
    if not _PLATFORM.search(text):
        if len(pairs) == 1:
            return pairs.pop()
        if len(alone) == 1 and not pairs:
            return goos, alone.pop()
    for m in _PLATFORM.finditer(text):
        for w in (m.group(1), m.group(2)):
            w = (w or "").lower()
            if w in KNOWN_OS:
                goos, found = w, True
            elif w in KNOWN_ARCH:
                goarch, found = w, True
    return (goos, goarch) if found else None


def is_platform_word(word: str) -> bool:
    """Whether ``word`` is a GOOS or GOARCH value ("amd64", "linux/arm64"): it names a platform, not a definition,
    although its digits make it look like code."""
    return all(w.lower() in KNOWN_OS | KNOWN_ARCH for w in word.split("/"))


__all__ = ["DEFAULT_PLATFORM", "is_platform_word", "platform_named"]
