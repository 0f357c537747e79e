"""Finding one definition of a symbol at a release, and its counterpart at another, for comparisons and timelines.

* ``resolve_release``: ``go1.21.13`` (exact), ``1.21``/``go1.21`` (the newest indexed patch of that minor),
  ``latest``; anything else raises :class:`ReleaseError` (a ``ValueError``) naming the indexed releases.
* ``candidates``: every definition of a name at a tag (``ingest.symbols.lookup`` semantics: bare, qualified,
  assembly and method forms, case-insensitive fallback), with package, receiver and the file's GOOS/GOARCH.
* ``primary``: the one to show when several exist: a plain definition before a method of the same name when the
  name has no receiver, the asked-for package, then ``runtime``, then runtime-internal packages; a file built for
  linux/amd64 or for every platform before other GOOS/GOARCH variants; ``//go:build ignore`` files last.
* ``counterpart``: the definition at the other release that pairs with a given one: same symbol in the same file,
  else the same package-local symbol (``(*Int32).Load``) in the same file or a file of the same name (a file or
  package move), else the same kind, then ``primary``'s order.
* ``moved_candidates``: same name, same receiver and kind, in another package whose import path resembles the old
  one (``runtime/internal/atomic`` -> ``internal/runtime/atomic``): how a package move is followed when the
  qualified name no longer resolves.
* ``close_names``: names in the index similar to a misspelt one.
"""

from __future__ import annotations

import difflib
import logging
import posixpath
import re
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ingest.symbols import Definition, lookup, normalize

if TYPE_CHECKING:
    from guide.index import GuideIndex

log = logging.getLogger(__name__)

_METHODISH = re.compile(r"\)\.|^\w+\.\w+\.\w+$")
_ASM_OR_FUNC = {"func", "asm"}


class ReleaseError(ValueError):
    """A version that is not an indexed Go release; the message names the indexed releases."""


def resolve_release(index: GuideIndex, version: str) -> str:
    """The indexed tag meant by ``version`` (exact tag, ``1.21``/``go1.21`` -> newest indexed patch, ``latest``)."""
    from guide.versions import resolve_versions

    v = version.strip()
    if v in index.releases:
        return v
    scope = resolve_versions(index, "", [v])
    if len(scope.tags) == 1 and not scope.missing:
        return scope.tags[0]
    raise ReleaseError(scope.message or f"{version!r} is not an indexed release ({', '.join(index.releases)})")


@dataclass(frozen=True)
class Candidate:
    """A definition with what ranking and pairing need."""

    d: Definition
    name: str
    package: str
    receiver: str | None
    goos: str | None
    goarch: str | None
    build: str | None

    @property
    def tag(self) -> str:
        return self.d.tag

    @property
    def path(self) -> str:
        return self.d.path

    @property
    def symbol(self) -> str:
        return self.d.symbol

    @property
    def kind(self) -> str:
        return self.d.kind

    @property
    def local(self) -> str:
        """The symbol without its package: ``hchan``, ``(*p).runqput``, ``(*Int32).Load``."""
        return self.d.symbol[len(self.package) + 1 :] if self.d.symbol.startswith(self.package + ".") else self.name


def _enrich(index: GuideIndex, defs: list[Definition]) -> list[Candidate]:
    if not defs:
        return []
    rowids = {d.chunk_rowid for d in defs}
    syms = sorted({d.symbol for d in defs})
    info: dict[tuple[int, str, int], tuple] = {}
    # by symbol (indexed), then keep the chunks asked for: the symbols table has no index on chunk_rowid
    for r in index.store.db.execute(
        "SELECT s.chunk_rowid, s.symbol, s.start_line, s.name, s.package, s.receiver FROM symbols s "
        f"WHERE s.symbol IN ({','.join('?' * len(syms))})",
        syms,
    ):
        if r[0] in rowids:
            info[(r[0], r[1], r[2])] = r[3:]
    ids = sorted(rowids)
    platform = {
        r[0]: r[1:]
        for r in index.store.db.execute(
            f"SELECT rowid, goos, goarch, build FROM chunks WHERE rowid IN ({','.join('?' * len(ids))})", ids
        )
    }
    out = []
    for d in defs:
        extra = info.get((d.chunk_rowid, d.symbol, d.start_line))
        if extra is None:
            continue
        out.append(Candidate(d, *extra, *platform.get(d.chunk_rowid, (None, None, None))))
    return out


_RECEIVER = re.compile(r"\(\*?(?:[\w/.\-]+\.)?(\w+)(?:\[[^\]]*\])?\)\.\w+$")
_FIRST_PARAM = re.compile(r"^func\s+\w+(?:\[[^\]]*\])?\(\s*\w+\s+\*?(?:\w+\.)?(\w+)")


def candidates(index: GuideIndex, name: str, tag: str) -> list[Candidate]:
    """Every definition ``name`` can mean at ``tag`` (the Go repository only).

    A method form (``(*itab).init``) means that receiver's method; when there is none, a plain function of the
    same name whose first parameter has the receiver's type (``(*p).runqput`` -> ``func runqput(pp *p, ...)``),
    and nothing else: unlike ``lookup`` there is no fallback to other receivers or unrelated functions (a
    comparison must not pair ``(*itab).init`` with ``(*hexdumper).init`` or a package ``init``)."""
    defs = [d for d in lookup(index.store, name, tag, limit=200) if d.repo == "go"]
    out = _enrich(index, defs)
    m = _RECEIVER.search(normalize(name))
    if not m:
        return out
    recv = m[1]
    methods = [c for c in out if c.receiver is not None and c.receiver.lstrip("*").split("[")[0] == recv]
    if methods:
        return methods
    plain = []
    for c in out:
        if c.receiver is None and c.kind == "func":
            first = index.excerpt(c.tag, c.path, c.d.start_line, c.d.start_line) or ""
            fm = _FIRST_PARAM.match(first)
            if fm and fm[1] == recv:
                plain.append(c)
    return plain


def query_package(name: str) -> str | None:
    """The package a qualified name asks for: ``runtime.hchan`` -> runtime; ``runtime/internal/atomic.Load``."""
    n = normalize(name)
    if "(" in n:
        head = n.split("(", 1)[0].rstrip(".")
        return head or None
    if "." not in n:
        return None
    return n.rsplit(".", 1)[0] if "/" in n or n.count(".") == 1 else n.split(".", 1)[0]


def wants_method(name: str) -> bool:
    return bool(_METHODISH.search(normalize(name)))


def _package_rank(pkg: str, wanted: str | None) -> int:
    if wanted and (pkg == wanted or pkg.endswith("/" + wanted)):
        return 0
    if pkg == "runtime":
        return 1
    if pkg.startswith(("runtime/internal/", "internal/runtime/")):
        return 2
    if pkg.startswith(("internal/", "sync", "runtime/")):
        return 3
    return 4


def _platform_rank(c: Candidate) -> tuple[int, int]:
    os_rank = 0 if c.goos in (None, "linux") else 1
    arch_rank = 0 if c.goarch == "amd64" else 1 if c.goarch is None else 2
    return os_rank, arch_rank


def rank_key(c: Candidate, name: str) -> tuple:
    ignored = 1 if c.build and re.search(r"\bignore\b", c.build) else 0
    method_mismatch = int((c.receiver is not None) != wants_method(name))
    exact = 0 if c.name == normalize(name).rsplit(".", 1)[-1] else 1
    kind = {"type": 0, "func": 0, "method": 0, "const": 1, "var": 1, "asm": 2}.get(c.kind, 3)
    return (
        ignored, method_mismatch, _package_rank(c.package, query_package(name)), exact, *_platform_rank(c),
        kind, c.path, c.d.start_line,
    )  # fmt: skip


def primary(cands: list[Candidate], name: str) -> Candidate | None:
    return min(cands, key=lambda c: rank_key(c, name)) if cands else None


def counterpart(anchor: Candidate, cands: list[Candidate], name: str) -> Candidate | None:
    """The definition among ``cands`` (another release) that corresponds to ``anchor``."""
    if not cands:
        return None
    base = posixpath.basename(anchor.path)

    def key(c: Candidate) -> tuple:
        return (
            not (c.symbol == anchor.symbol and c.path == anchor.path),
            c.local != anchor.local,
            c.path != anchor.path,
            posixpath.basename(c.path) != base,
            not (c.kind == anchor.kind or {c.kind, anchor.kind} <= _ASM_OR_FUNC),
            c.symbol != anchor.symbol,
            rank_key(c, name),
        )

    return min(cands, key=key)


def package_similarity(a: str, b: str) -> float:
    """How alike two import paths are: shared path elements (Jaccard), plus 0.5 for the same last element."""
    sa, sb = set(a.split("/")), set(b.split("/"))
    score = len(sa & sb) / len(sa | sb)
    if a.rsplit("/", 1)[-1] == b.rsplit("/", 1)[-1]:
        score += 0.5
    return score


MOVE_THRESHOLD = 0.5
"""Minimum package similarity (plus 0.5 for a file of the same name) to take a same-named definition in another
package as the moved one."""


def moved_candidates(index: GuideIndex, anchor: Candidate, tag: str) -> list[Candidate]:
    """Definitions at ``tag`` of ``anchor``'s name (and receiver, kind) in the package most like ``anchor``'s,
    when that package differs from ``anchor``'s: a moved package or file. Empty when nothing is alike enough."""
    cands = [
        c
        for c in candidates(index, anchor.name, tag)
        if c.name == anchor.name
        and (c.receiver or "").lstrip("*") == (anchor.receiver or "").lstrip("*")
        and (c.kind == anchor.kind or {c.kind, anchor.kind} <= _ASM_OR_FUNC)
    ]
    if not cands:
        return []
    base = posixpath.basename(anchor.path)

    def score(c: Candidate) -> float:
        same_file = 0.5 if posixpath.basename(c.path) == base else 0.0
        return package_similarity(c.package, anchor.package) + same_file

    best = max(score(c) for c in cands)
    if best < MOVE_THRESHOLD:
        return []
    pkgs = {c.package for c in cands if score(c) == best}
    return [c for c in cands if c.package in pkgs]


_NAMES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _all_names(index: GuideIndex) -> dict[int, list[str]]:
    """Distinct symbol names of the Go repository, bucketed by length (cached per index)."""
    cached = _NAMES.get(index)
    if cached is None:
        cached = {}
        for (n,) in index.store.db.execute("SELECT DISTINCT name FROM symbols WHERE repo='go'"):
            cached.setdefault(len(n), []).append(n)
        _NAMES[index] = cached
    return cached


def close_names(index: GuideIndex, name: str, n: int = 5) -> list[str]:
    """Up to ``n`` symbol names like ``name`` (case-insensitive similarity), best first."""
    bare = normalize(name).rsplit(".", 1)[-1].rsplit(")", 1)[-1].lstrip(".")
    if not bare:
        return []
    buckets = _all_names(index)
    pool = [x for ln in range(max(1, len(bare) - 3), len(bare) + 4) for x in buckets.get(ln, [])]
    lowered: dict[str, str] = {}
    for x in pool:
        lowered.setdefault(x.lower(), x)
    hits = difflib.get_close_matches(bare.lower(), list(lowered), n=n, cutoff=0.75)
    return [lowered[h] for h in hits]


def releases_with(index: GuideIndex, name: str) -> list[str]:
    """The indexed releases that define ``name`` at all, as ``candidates`` understands it (release order)."""
    return [t for t in index.releases if candidates(index, name, t)]


__all__ = [
    "Candidate",
    "ReleaseError",
    "candidates",
    "close_names",
    "counterpart",
    "moved_candidates",
    "package_similarity",
    "primary",
    "rank_key",
    "releases_with",
    "resolve_release",
    "wants_method",
]
