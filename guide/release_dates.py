"""When each Go minor release came out, and which releases this program knows of: what dates a design document
against an asked release, and what says a release named may be newer than this guide."""

from __future__ import annotations

import re


def newer_than_known(name: str) -> str | None:
    """The newest Go minor release this program knows of (``go1.27``) when version ``name`` is newer than it
    ("go1.99": no such release when this was written; it may have come out since), else None. Known releases are
    the registries' (``corpus.releases.WHEEL_MINORS``)."""
    from corpus.releases import WHEEL_MINORS

    m = re.fullmatch(r"go1\.(\d+)(?:\.\d+)?", name)
    newest = max(WHEEL_MINORS)
    return f"go1.{newest}" if m and int(m[1]) > newest else None


_EARLY_RELEASES = {0: (2012, 3), 1: (2013, 5), 2: (2013, 12), 3: (2014, 6), 4: (2014, 12), 5: (2015, 8)}
"""When Go 1.0 to 1.5 came out (year, month), from https://go.dev/doc/devel/release; from Go 1.6 (February 2016) a
release comes every six months, February and August (``released``)."""


def released(name: str) -> tuple[int, int] | None:
    """(year, month) Go minor release ``name`` (``go1.9.2``: Go 1.9, August 2017) came out, by the release history
    and the six-month cadence since Go 1.6 (https://go.dev/doc/devel/release); None when it is no Go 1 release."""
    m = re.fullmatch(r"go1\.(\d+)(?:\.\d+)?(?:(?:rc|beta)\d+)?", name)
    if not m:
        return None
    minor = int(m[1])
    if minor in _EARLY_RELEASES:
        return _EARLY_RELEASES[minor]
    return 2016 + (minor - 6) // 2, 2 if minor % 2 == 0 else 8


__all__ = ["newer_than_known", "released"]
