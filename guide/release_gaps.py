"""Releases the index does not hold between those it does, and the git tags that name them: what an answer says
when which release made a change cannot be told (guide/answering/unindexed.py), and the command that indexes them."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from ingest.targets import version_key


def skipped_between(tags: Sequence[str], indexed: Sequence[str] = ()) -> bool:
    """Whether releases (in release order) leave out a minor release between two of them that no ``indexed`` release
    is (go1.21.13, go1.27.3 of the default index: go1.22 to go1.26 are not there; of the nine-release index, they
    are: trial 34 had been told "the releases between them are not indexed")."""
    return bool(skipped_minors(tags, indexed))


def skipped_minors(tags: Sequence[str], indexed: Sequence[str] = ()) -> list[str]:
    """The minor releases (their first tags: ``go1.22``) between two of ``tags`` that no ``indexed`` release is, in
    order (:func:`skipped_between`: go1.22 to go1.26 between go1.21.13 and go1.27.3 of the default index)."""
    minors = [version_key(t)[:2] for t in tags]
    have = {version_key(t)[:2] for t in indexed}
    gaps = [(a[0], m) for a, b in pairwise(minors) if b[0] == a[0] for m in range(a[1] + 1, b[1])]
    return [f"go{major}.{minor}" for major, minor in dict.fromkeys(gaps) if (major, minor) not in have]


def first_tag(release: str) -> str:
    """The git tag of a release as a question or the index names it: a minor alone is its first version's,
    ``go1.22.0`` from Go 1.21 on (``go1.22`` is no tag), ``go1.20`` before; a patch release is its own."""
    major, _, rest = release.removeprefix("go").partition(".")
    if "." in rest or not (major.isdigit() and rest.isdigit()):
        return release
    return f"{release}.0" if (int(major), int(rest)) >= (1, 21) else release


__all__ = ["first_tag", "skipped_between", "skipped_minors"]
