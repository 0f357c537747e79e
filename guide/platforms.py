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


def platform_named(text: str) -> tuple[str, str] | None:
    """(GOOS, GOARCH) a question names ("on arm64", "for windows/386"), the other half defaulted; or None."""
    goos, goarch = DEFAULT_PLATFORM
    found = False
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
