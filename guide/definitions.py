"""Which definition of a name to show, and its counterpart at another release: the one definition ranker, used by
retrieval (symbol and concept lists), answers, comparisons and timelines alike.

* ``candidates``: every definition of a name at a tag (``IndexReader.lookup`` semantics: bare, qualified, assembly
  and method forms, case-insensitive fallback), restricted for a method form to that receiver's methods.
* ``rank_key`` / ``primary``: the one to show when several exist: generator programs (package ``main`` under a
  library's directory, ``//go:build ignore``) and generated code last; the exact spelling first; a plain
  definition before a method of the same name when the name has no receiver; the asked-for package, then
  ``runtime``, then runtime-internal packages; the platform's (default linux/amd64) or every platform's file before
  other GOOS/GOARCH variants; an implementation before a body-less Go declaration of an assembly function; types
  and funcs before consts and vars, assembly after.
* ``counterpart``: the definition at the other release that pairs with a given one: same symbol in the same file,
  else the same package-local symbol in the same file or a file of the same name (a file or package move), else
  the same kind, then ``rank_key``'s order.
* ``moved_candidates``: same name, same receiver and kind, in another package whose import path resembles the old
  one (``runtime/internal/atomic`` -> ``internal/runtime/atomic``): how a package move is followed.
* ``close_names``: names in the index similar to a misspelt one.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from typing import TYPE_CHECKING

from guide.platforms import DEFAULT_PLATFORM, builds_on
from guide.words import FILE_NAME
from ingest.buildtags import in_ignored_dir
from ingest.symbols import Definition, bare_name, normalize

if TYPE_CHECKING:
    from guide.index import GuideIndex

Platform = tuple[str, str]

_METHODISH = re.compile(r"\)\.|^\w+\.\w+\.\w+$")
_ASM_OR_FUNC = {"func", "asm"}
_OTHER_ARCH_SUFFIX = re.compile(
    r"_(386|arm|arm64|loong64|mips|mipsle|mips64|mips64le|mipsx|mips64x|ppc64|ppc64le|ppc64x|riscv64|s390x|wasm)\b"
)
_KIND_RANK = {"type": 0, "func": 0, "method": 0, "const": 1, "var": 1, "asm": 2}


def platform_penalty(
    goos: str | None, goarch: str | None, build: str | None, path: str, platform: Platform = DEFAULT_PLATFORM
) -> int:
    """0 for code of ``platform`` (GOOS, GOARCH) or of every platform; more for other architectures and systems."""
    want_os, want_arch = platform
    p = 0
    if goarch and goarch != want_arch:
        p += 2
    if goos and goos != want_os:
        p += 1
    general = ("unix", "!", want_arch, want_os)
    if not goarch and not goos and build and not any(x in build for x in general) and not build.startswith("goexp"):
        p += 1
    if build and "||" not in build and re.search(rf"!\s*(?:{want_os}|{want_arch})\b", build):
        p += 1  # built everywhere but the asked platform ("!linux": cgroup_stubs.go's defaultGOMAXPROCS)
    if p == 0 and build and builds_on(build, platform) is False:
        p += 1  # its constraint names the platform's GOOS but not its GOARCH ("linux && (386 || arm)")
    stem = path.rsplit("/", 1)[-1].removesuffix(".s").removesuffix(".go")
    if p == 0 and (m := _OTHER_ARCH_SUFFIX.search(stem)) and m.group(1) != want_arch:
        p += 1
    return p


def definition_penalty(d: Definition, platform: Platform = DEFAULT_PLATFORM) -> int:
    return platform_penalty(d.goos, d.goarch, d.build, d.path, platform)


def wants_method(name: str) -> bool:
    return bool(_METHODISH.search(normalize(name)))


def query_package(name: str) -> str | None:
    """The package a qualified name asks for: ``runtime.hchan`` -> runtime; ``runtime/internal/atomic.Load``."""
    n = normalize(name)
    if "(" in n:
        head = n.split("(", 1)[0].rstrip(".")
        return head or None
    if "." not in n:
        return None
    return n.rsplit(".", 1)[0] if "/" in n or n.count(".") == 1 else n.split(".", 1)[0]


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


def _build_ignored(d: Definition) -> bool:
    """Whether ``d``'s file says ``//go:build ignore``: a program run by hand, never built into the package."""
    return bool(d.build and re.search(r"\bignore\b", d.build))


def standalone_program(d: Definition) -> bool:
    """Whether ``d`` is code of a program run by hand beside a package, never built into one: a ``//go:build
    ignore`` file (the runtime's ``mkduff.go``, cmd/compile's ``mknode.go``) or a file in a directory the go command
    skips (``ssa/_gen``)."""
    return _build_ignored(d) or in_ignored_dir(d.path)


def rank_key(d: Definition, name: str, platform: Platform = DEFAULT_PLATFORM) -> tuple:
    """How good ``d`` is as *the* definition of ``name`` (smaller is better; see the module doc)."""
    # programs that are not their directory's package (the runtime's generators) come last
    ignored = 1 if d.package == "main" or _build_ignored(d) else 0
    generated = d.generated or "/_builtin/" in d.path
    exact = 0 if d.name == bare_name(name) else 1
    method_mismatch = int((d.receiver is not None) != wants_method(name))
    stub = d.kind in ("func", "method") and d.start_line == d.end_line
    return (
        ignored, generated, exact, method_mismatch, _package_rank(d.package, query_package(name)),
        definition_penalty(d, platform), stub, _KIND_RANK.get(d.kind, 3), d.path, d.start_line,
    )  # fmt: skip


def primary(defs: list[Definition], name: str, platform: Platform = DEFAULT_PLATFORM) -> Definition | None:
    return min(defs, key=lambda d: rank_key(d, name, platform)) if defs else None


_RECEIVER = re.compile(r"\(\*?(?:[\w/.\-]+\.)?(\w+)(?:\[[^\]]*\])?\)\.\w+$")
_FIRST_PARAM = re.compile(r"^func\s+\w+(?:\[[^\]]*\])?\(\s*\w+\s+\*?(?:\w+\.)?(\w+)")


def candidates(index: GuideIndex, name: str, tag: str) -> list[Definition]:
    """Every definition ``name`` can mean at ``tag`` (the Go repository only).

    A method form (``(*itab).init``) means that receiver's method; when there is none, a plain function of the
    same name whose first parameter has the receiver's type (``(*p).runqput`` -> ``func runqput(pp *p, ...)``),
    and nothing else: unlike ``lookup`` there is no fallback to other receivers or unrelated functions (a
    comparison must not pair ``(*itab).init`` with ``(*hexdumper).init`` or a package ``init``)."""
    out = [d for d in index.reader.lookup(name, tag, limit=200) if d.repo == "go"]
    m = _RECEIVER.search(normalize(name))
    if not m:
        return out
    recv = m[1]
    methods = [d for d in out if d.receiver is not None and d.receiver.lstrip("*").split("[")[0] == recv]
    if methods:
        return methods
    plain = []
    for d in out:
        if d.receiver is None and d.kind == "func":
            fm = _FIRST_PARAM.match(index.excerpt(d.tag, d.path, d.start_line, d.start_line) or "")
            if fm and fm[1] == recv:
                plain.append(d)
    return plain


def counterpart(anchor: Definition, defs: list[Definition], name: str) -> Definition | None:
    """The definition among ``defs`` (another release) that corresponds to ``anchor``."""
    if not defs:
        return None
    base = posixpath.basename(anchor.path)

    def key(d: Definition) -> tuple:
        return (
            not (d.symbol == anchor.symbol and d.path == anchor.path),
            d.local != anchor.local,
            d.path != anchor.path,
            posixpath.basename(d.path) != base,
            not (d.kind == anchor.kind or {d.kind, anchor.kind} <= _ASM_OR_FUNC),
            d.symbol != anchor.symbol,
            rank_key(d, name),
        )

    return min(defs, key=key)


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


def moved_candidates(index: GuideIndex, anchor: Definition, tag: str) -> list[Definition]:
    """Definitions at ``tag`` of ``anchor``'s name (and receiver, kind) in the package most like ``anchor``'s,
    when that package differs from ``anchor``'s: a moved package or file. Empty when nothing is alike enough. A
    package that has the name at ``anchor``'s release too is not where it moved from or to: that is another
    definition of the same name (types2.Map, the type checker's, beside the internal/runtime/maps.Map that go1.24
    added, had been called its old place: trial 28)."""

    def alike(d: Definition) -> bool:
        return (
            d.name == anchor.name
            and (d.receiver or "").lstrip("*") == (anchor.receiver or "").lstrip("*")
            and (d.kind == anchor.kind or {d.kind, anchor.kind} <= _ASM_OR_FUNC)
        )

    defs = [d for d in candidates(index, anchor.name, tag) if alike(d)]
    if defs:
        staying = {d.package for d in candidates(index, anchor.name, anchor.tag) if alike(d)} - {anchor.package}
        defs = [d for d in defs if d.package not in staying]
    if not defs:
        return []
    base = posixpath.basename(anchor.path)

    def score(d: Definition) -> float:
        same_file = 0.5 if posixpath.basename(d.path) == base else 0.0
        return package_similarity(d.package, anchor.package) + same_file

    best = max(score(d) for d in defs)
    if best < MOVE_THRESHOLD:
        return []
    pkgs = {d.package for d in defs if score(d) == best}
    return [d for d in defs if d.package in pkgs]


def _near_files(base: str, bases: list[str], n: int) -> list[str]:
    """Up to ``n`` of ``bases`` named like ``base``: one whose stem begins or ends the other's ("map.go" for
    "hashmap.go", "escape.go" for "esc.go"; not "description.go", whose middle holds "esc"), the longer part first,
    else by similarity of the names (at least 0.8; "asm.go" is 0.75)."""
    stem = base.rsplit(".", 1)[0]

    def part(a: str, b: str) -> bool:
        return b.startswith(a) or b.endswith(a)

    def score(b: str) -> float:
        other = b.rsplit(".", 1)[0]
        if len(other) >= 3 and (part(other, stem) or part(stem, other)):
            return 1.0 + min(len(other), len(stem)) / max(len(other), len(stem))
        return difflib.SequenceMatcher(None, base, b).ratio()

    scored = sorted(((score(b), b) for b in bases if b != base), key=lambda x: (-x[0], x[1]))
    return [b for sc, b in scored if sc >= 0.8][:n]


CLOSE_NAME = 0.8
"""How alike (difflib's ratio, case aside) a defined name must be to one asked for to be offered in its place: a slip
("chanSnd": chansend .93, "findRunable": findRunnable .96), not a name of another language's library that shares
letters (Java's ThreadLocal: deadlocals .76; HotSpot: HotPgo .77; trial 36)."""


def close_names(index: GuideIndex, name: str, n: int = 5) -> list[str]:
    """Up to ``n`` symbol names like ``name`` (case-insensitive similarity), best first; for a file name, the paths
    of the files named like it ("hashmap.go": src/runtime/map.go, not the symbols ``go`` and ``got``)."""
    if FILE_NAME.fullmatch(name):
        by_base: dict[str, list[str]] = {}
        for path in index.reader.paths("go"):
            by_base.setdefault(path.rsplit("/", 1)[-1].lower(), []).append(path)
        near = _near_files(name.rsplit("/", 1)[-1].lower(), list(by_base), n)
        # per name, the one that shares most leading directories with the asked path ("cmd/compile/internal/gc/esc.go":
        # cmd/compile/internal/escape/escape.go, not internal/abi's escape.go), else the least nested
        # (src/runtime/map.go first)
        asked = posixpath.dirname(name.removeprefix("src/"))

        def shared(p: str) -> int:  # leading directories in common
            common = posixpath.commonpath([asked, posixpath.dirname(p.removeprefix("src/"))])
            return len([d for d in common.split("/") if d])

        best = [min(by_base[b], key=lambda p: (-shared(p), p.count("/"), p)) for b in near]
        return best[:n]
    bare = bare_name(name)
    if not bare:
        return []
    buckets = index.reader.names_by_length()
    pool = [x for ln in range(max(1, len(bare) - 3), len(bare) + 4) for x in buckets.get(ln, [])]
    lowered: dict[str, str] = {}
    for x in pool:
        lowered.setdefault(x.lower(), x)
    hits = difflib.get_close_matches(bare.lower(), list(lowered), n=n, cutoff=CLOSE_NAME)
    return [lowered[h] for h in hits]


def anchored(index: GuideIndex, symbol: str, tag: str, path: str | None = None) -> Definition | None:
    """The definition a curated anchor names at ``tag``: exactly ``symbol`` (in ``path`` when given), the
    platform's copy first; None when the release does not have it."""
    defs = [d for d in index.reader.lookup(symbol, tag) if d.symbol == symbol and (path is None or d.path == path)]
    return primary(defs, symbol)


def releases_with(index: GuideIndex, name: str) -> list[str]:
    """The indexed releases that define ``name`` at all, as ``candidates`` understands it (release order)."""
    return [t for t in index.releases if candidates(index, name, t)]


__all__ = [
    "CLOSE_NAME",
    "anchored",
    "candidates",
    "close_names",
    "counterpart",
    "definition_penalty",
    "moved_candidates",
    "package_similarity",
    "platform_penalty",
    "primary",
    "rank_key",
    "releases_with",
    "standalone_program",
    "wants_method",
]
