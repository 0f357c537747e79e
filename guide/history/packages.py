"""A package between two releases: each of its files at either release, paired by name, following a move of the
whole package to another directory (``runtime/internal/atomic`` -> ``internal/runtime/atomic``) and a file renamed
within it (``asm_amd64.s`` -> ``atomic_amd64.s``: the same names defined, on the same platform)."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import TYPE_CHECKING

from guide.definitions import MOVE_THRESHOLD, package_similarity
from guide.history.files import TopicComparison, compare_file, file_symbols
from guide.notes import Note, listed
from ingest.buildtags import KNOWN_ARCH, KNOWN_OS

if TYPE_CHECKING:
    from guide.index import GuideIndex


def _package_files(index: GuideIndex, directory: str, tag: str) -> list[str]:
    """The Go and assembly files of the package in ``directory`` at ``tag``."""
    return [
        p for p in index.reader.paths("go")
        if posixpath.dirname(p) == directory and p.endswith((".go", ".s")) and index.blob_id(tag, p)
    ]  # fmt: skip


def _moved_package(index: GuideIndex, directory: str, tag: str) -> str | None:
    """The directory at ``tag`` of the package in ``directory`` when it moved (``runtime/internal/atomic`` ->
    ``internal/runtime/atomic``): the one with the same last element and the most alike import path."""
    last = posixpath.basename(directory)
    dirs = {posixpath.dirname(p) for p in index.reader.paths("go") if posixpath.basename(posixpath.dirname(p)) == last}
    dirs = {d for d in dirs if d != directory and _package_files(index, d, tag)}
    if not dirs:
        return None
    best = max(dirs, key=lambda d: (package_similarity(d, directory), d))
    return best if package_similarity(best, directory) >= MOVE_THRESHOLD else None


@dataclass(frozen=True)
class PackageMove:
    """A package that is no longer in its directory at a release: where it went (``new``), the last indexed release
    that has it where it was (``last_old``) and the first that has it where it went (``first_new``)."""

    old: str
    new: str
    last_old: str
    first_new: str


def package_move(index: GuideIndex, name: str, tag: str) -> PackageMove | None:
    """``name`` (an import path) when its package is not in its directory at ``tag`` but was at an earlier indexed
    release, and moved to another directory that ``tag`` has (``runtime/internal/atomic``: go1.22.10 last,
    ``internal/runtime/atomic`` from go1.23.9); None otherwise."""
    directory = "src/" + name.strip("/").removeprefix("src/")
    if _package_files(index, directory, tag):
        return None
    before = [t for t in index.releases[: index.releases.index(tag)] if _package_files(index, directory, t)]
    moved = _moved_package(index, directory, tag) if before else None
    if not before or moved is None:
        return None
    later = index.releases[index.releases.index(before[-1]) + 1 :]
    first = next((t for t in later if _package_files(index, moved, t)), tag)
    return PackageMove(directory.removeprefix("src/"), moved.removeprefix("src/"), before[-1], first)


def compare_package(index: GuideIndex, name: str, t1: str, t2: str) -> TopicComparison | None:
    """Compare a package named by import path (``runtime/internal/atomic``, ``internal/runtime/maps``): each of its
    files at either release, paired by name, following a move of the whole package to another directory. None when
    no indexed release has such a package directory."""
    directory = "src/" + name.strip("/").removeprefix("src/")
    left = _package_files(index, directory, t1)
    right = _package_files(index, directory, t2)
    if not left and not right:
        return None
    tc = TopicComparison(question=name, v1=t1, v2=t2, kind="package")
    d1 = directory if left else _moved_package(index, directory, t1)
    d2 = directory if right else _moved_package(index, directory, t2)
    if d1 and d2 and d1 != d2:
        tc.notes.append(Note("package_moved", old=d1.removeprefix("src/"), new=d2.removeprefix("src/"), v1=t1, v2=t2))
    left = left or (_package_files(index, d1, t1) if d1 else [])  # the moved directory's, when it moved
    right = right or (_package_files(index, d2, t2) if d2 else [])
    lefts = {posixpath.basename(p): p for p in left}
    rights = {posixpath.basename(p): p for p in right}
    pairs = [(lefts.get(b), rights.get(b)) for b in sorted(lefts.keys() | rights.keys())]
    pairs = _pair_renamed(index, pairs, t1, t2)
    for lp, rp in pairs:
        tc.files.append(compare_file(index, lp or rp or "", t1, t2, right_path=rp, follow_moves=False))
    _merged(index, tc, [rp for _, rp in pairs if rp], t2)
    return tc


def _merged(index: GuideIndex, tc: TopicComparison, right_paths: list[str], t2: str) -> None:
    """A file at the older release only whose definitions the package still has, in other files for the same
    platform (arm64's ``asm_arm64.s`` routines in ``atomic_arm64.s``), was merged there: what it defined is not
    removed, and the file says where it went."""
    names_at = {rp: {sym.local for sym in file_symbols(index, t2, rp) or []} for rp in right_paths}
    for f in tc.files:
        if f.status != "removed" or not f.left_path:
            continue
        mine = {sym.local for sym in file_symbols(index, tc.v1, f.left_path) or []}
        ext = posixpath.splitext(f.left_path)[1]  # assembly merged into assembly, not into the Go declarations
        into = [
            rp for rp in right_paths
            if _platform_part(rp) == _platform_part(f.left_path) and rp.endswith(ext) and mine & names_at[rp]
        ]  # fmt: skip
        kept = set().union(*(names_at[rp] for rp in into)) & mine if into else set()
        if mine and len(kept) * 2 >= len(mine):
            f.status = "merged"
            f.removed = [c for c in f.removed if c.symbol.rsplit(".", 1)[-1] not in kept]
            f.counts = {**f.counts, "removed": len(mine - kept)}
            tc.notes.append(Note("file_merged", path=f.left_path, **listed("into", into), n=len(kept), v2=t2))


_PLATFORM_WORDS = KNOWN_OS | KNOWN_ARCH | {"mipsx", "mips64x", "ppc64x"}
"""What a file name may end with to say its platform: go/build's GOOS and GOARCH, and the runtime's names for
architecture pairs whose files carry a //go:build line (``asm_ppc64x.s``)."""


def _platform_part(path: str) -> str:
    """The platform a file name ends with (``atomic_amd64.s``: amd64; ``stubs.go``: none)."""
    last = posixpath.splitext(posixpath.basename(path))[0].rsplit("_", 1)[-1]
    return last if last in _PLATFORM_WORDS else ""


def _pair_renamed(
    index: GuideIndex, pairs: list[tuple[str | None, str | None]], t1: str, t2: str
) -> list[tuple[str | None, str | None]]:
    """A file of the package at ``t1`` only and one at ``t2`` only that define mostly the same names (``asm_amd64.s``
    -> ``atomic_amd64.s``) are one file renamed: paired, best overlap first, at 0.3 or more (as ``_moved_file``)."""
    gone = [lp for lp, rp in pairs if lp and not rp]
    new = [rp for lp, rp in pairs if rp and not lp]
    names = {p: {sym.local for sym in file_symbols(index, t1, p) or []} for p in gone}
    names |= {p: {sym.local for sym in file_symbols(index, t2, p) or []} for p in new}
    overlaps = sorted(
        (
            (len(names[a] & names[b]) / max(1, len(names[a] | names[b])), a, b)
            for a in gone
            for b in new
            if _platform_part(a) == _platform_part(b)  # asm_ppc64x.s defines the names atomic_amd64.s does
        ),
        reverse=True,
    )
    renamed: dict[str, str] = {}
    for share, a, b in overlaps:
        if share >= 0.3 and a not in renamed and b not in renamed.values():
            renamed[a] = b
    kept = [(lp, rp) for lp, rp in pairs if not (lp in renamed or (rp in renamed.values() and not lp))]
    return sorted(kept + [(a, b) for a, b in renamed.items()], key=lambda p: posixpath.basename(p[0] or p[1] or ""))


__all__ = ["PackageMove", "compare_package", "package_move"]
