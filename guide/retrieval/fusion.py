"""Rank fusion: weighted reciprocal rank fusion (RRF) of the retrievers' ranked lists, into hits.

``score(item) = sum over lists r of weight_r / (k + rank_r(item))``, ranks 1-based. With ``k = 60`` (the usual
constant, Cormack et al. 2009) a first place in one list is worth 1/61 and rank differences further down matter
little, so a list that is precise at its head (exact symbol lookup) needs a weight above 1 to win against an item
that the two other lists both rank high. ``bench/retrieval_quality.py`` measures the weightings.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from guide.definitions import platform_penalty
from guide.history.experiments import off_by_default
from guide.retrieval.base import DENSE, Ranking
from ingest.buildtags import INSTRUMENTED, KNOWN_ARCH, KNOWN_OS, in_ignored_dir
from ingest.store import ChunkRow
from ingest.targets import version_key

RRF_K = 60


@dataclass(frozen=True)
class FusionConfig:
    """``k`` and a weight per retriever name (1.0 when not given); ``ks`` overrides ``k`` per retriever (a small k
    makes the first places of that list count much more than the following ones)."""

    k: int = RRF_K
    weights: Mapping[str, float] = field(default_factory=dict)
    ks: Mapping[str, int] = field(default_factory=dict)

    def weight(self, name: str) -> float:
        return self.weights.get(name, 1.0)

    def k_of(self, name: str) -> int:
        return self.ks.get(name, self.k)


def rrf_score(
    ranks: Mapping[str, int], config: FusionConfig | None = None, weights: Mapping[str, float] | None = None
) -> float:
    """The fused score of one item from its 1-based rank in each list (``weights`` overrides the config's)."""
    cfg = config or FusionConfig()
    w = weights or {}
    return sum(w.get(name, cfg.weight(name)) / (cfg.k_of(name) + rank) for name, rank in ranks.items())


@dataclass
class Hit:
    """One retrieved definition, cited at ``tag`` (the newest of the requested tags that has it; ``design`` for a
    design document). ``ranks`` is each retriever's 1-based rank of it (its group's best); ``via`` the retrievers
    that found it, best first; ``other_parts`` other retrieved parts of the same split declaration at ``tag``."""

    chunk: ChunkRow
    tag: str
    score: float
    ranks: dict[str, int]
    via: list[str]
    tags: list[str] = field(default_factory=list)
    other_parts: list[ChunkRow] = field(default_factory=list)
    also_on: list[str] = field(default_factory=list)
    """Other platforms (GOOS/GOARCH) with their own copy of this definition, folded into this hit."""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.chunk.repo, self.chunk.path, self.chunk.symbol)


def fuse(
    rankings: Sequence[Ranking],
    chunks: Mapping[int, ChunkRow],
    chunk_tags: Mapping[int, list[str]],
    config: FusionConfig,
    platform: tuple[str, str] = ("linux", "amd64"),
    instrumented: bool = False,
    testing: bool = False,
    experiments_on: frozenset[str] | None = None,
) -> list[Hit]:
    """Weighted RRF over groups: one group per (repo, path, symbol), so the same declaration at several tags and the
    parts of one split function are one hit, cited at the newest tag that has it, showing its best-ranked part.
    Per-platform copies of one definition (``rt0_go`` in asm_amd64.s, asm_arm64.s ...) are then folded into the hit
    of ``platform``'s copy (or the best-scored one), which lists the others in ``also_on``. Code built only with the
    race detector or a sanitizer counts less unless the question names one (``instrumented``), and a test hook unless
    it asks about testing (``testing``), and, with ``experiments_on`` (the GOEXPERIMENTs a single release asked about
    turns on by default), code that release's default build leaves out (``OTHER_BUILD_FACTOR``). Best first."""
    ranks: dict[int, dict[str, int]] = {}
    for ranking in rankings:
        for rank, rowid in enumerate(ranking.rowids, start=1):
            if rowid in chunks and rowid in chunk_tags:
                ranks.setdefault(rowid, {}).setdefault(ranking.name, rank)
    dense = any(r.name == DENSE and r.rowids for r in rankings)
    custom = {r.name: {**r.with_dense, **r.weights} if dense else r.weights for r in rankings}

    def weights(rowid: int) -> dict[str, float]:
        return {name: w[rowid] for name, w in custom.items() if rowid in w}

    groups: dict[tuple[str, str, str], list[int]] = {}
    for rowid in ranks:
        c = chunks[rowid]
        groups.setdefault((c.repo, c.path, c.symbol), []).append(rowid)
    # a definition with a copy for the asked platform among the candidates: its other copies fold into that one and
    # keep their score (the best copy's place is the definition's); code only another platform builds counts less
    local = {(c.repo, c.symbol, c.kind) for c in (chunks[m[0]] for m in groups.values()) if elsewhere(c, platform) == 1}

    def platform_factor(c: ChunkRow) -> float:
        folds = platform_of(c) is not None and (c.repo, c.symbol, c.kind) in local  # into the asked platform's copy
        return 1.0 if folds else elsewhere(c, platform)

    hits: list[Hit] = []
    for members in groups.values():
        group_ranks: dict[str, int] = {}
        group_weights: dict[str, float] = {}
        for rowid in members:
            mine = weights(rowid)
            for name, rank in ranks[rowid].items():
                if rank < group_ranks.get(name, 1 << 30):
                    group_ranks[name] = rank
                    group_weights.pop(name, None)
                    if name in mine:  # the weight of the member that has the group's best rank in that list
                        group_weights[name] = mine[name]
        newest = max((chunk_tags[r][-1] for r in members), key=version_key)
        at_newest = [r for r in members if newest in chunk_tags[r]]
        best = max(at_newest, key=lambda r: (rrf_score(ranks[r], config, weights(r)), -chunks[r].part))
        by_rank = [n for n, _ in sorted(group_ranks.items(), key=lambda x: x[1])]
        hits.append(
            Hit(
                chunk=chunks[best],
                tag=newest,
                score=rrf_score(group_ranks, config, group_weights)
                * outside_build(chunks[best].path)
                * platform_factor(chunks[best])
                * (1.0 if instrumented else instrumented_build(chunks[best]))
                * (1.0 if testing else test_hook(chunks[best]))
                * other_build(chunks[best], experiments_on),
                ranks={n: group_ranks[n] for n in by_rank},
                via=by_rank,
                tags=sorted({t for r in members for t in chunk_tags[r]}, key=version_key),
                other_parts=sorted((chunks[r] for r in at_newest if r != best), key=lambda c: c.part),
            )
        )
    hits.sort(key=lambda h: (-h.score, min(h.ranks.values()), h.chunk.rowid))
    return code_first(fold_platforms(hits, platform))


OTHER_BUILD_FACTOR = 0.5
"""The fused score of a definition in a file the release asked about leaves out of its default build, for a
GOEXPERIMENT it turns on or off by default (``guide.history.experiments.off_by_default``): go1.22's old tracer in
trace.go, built only with ``!goexperiment.exectracer2``, had led the tracer's question at go1.22.10 (trial 80)."""


def other_build(chunk: ChunkRow, on: frozenset[str] | None) -> float:
    """``OTHER_BUILD_FACTOR`` for a chunk of a file the default build with the experiments ``on`` leaves out, else 1
    (also without ``on``: several releases asked about, each with its own defaults)."""
    return OTHER_BUILD_FACTOR if on is not None and off_by_default(chunk.build, on) else 1.0


OUTSIDE_BUILD_FACTOR = 0.5
"""The fused score of a definition in a directory the go command skips (a path segment starting with ``_``:
cmd/compile's ``typecheck/_builtin`` stubs of runtime functions, the SSA generators in ``ssa/_gen`` and the copy of
x/tools vendored there, the runtime's ``_mkmalloc``) counts this much: such code is no part of any Go program, so it
ranks below the definitions that are (``closechan`` was found in ``_builtin/runtime.go`` beside chan.go). Such
files were among the first five of 3 of the plain dev half's 85 questions and 6 of the team's 77 facts; after, 0 and
4, with the dev half, the facts and the held-out set otherwise unchanged and the needles (500, hybrid; no needle is
in such a directory) hit@1 .508 -> .510, MRR .655 -> .657."""


def outside_build(path: str) -> float:
    """``OUTSIDE_BUILD_FACTOR`` for a file in a directory the go command skips, else 1."""
    return OUTSIDE_BUILD_FACTOR if in_ignored_dir(path) else 1.0


INSTRUMENTED_FACTOR = 0.5
"""The fused score of code built only with the race detector or a sanitizer (``//go:build race``: race_amd64.s's
``sync∕atomic·AddInt64``, which calls the race runtime; msan.go, asan.go) counts this much when the question names
none: a default build never has it ("sync/atomic 在 amd64 上是怎么实现的？" had opened with the race build's stubs,
trial 34)."""
_INSTRUMENTED_BUILD = re.compile(rf"(?<![!\w.])(?:{'|'.join(sorted(INSTRUMENTED))})\b")


def instrumented_build(chunk: ChunkRow) -> float:
    """``INSTRUMENTED_FACTOR`` for code whose build constraint requires an instrumented build, else 1."""
    return INSTRUMENTED_FACTOR if chunk.build and _INSTRUMENTED_BUILD.search(chunk.build) else 1.0


TEST_HOOK_FACTOR = 0.5
"""The fused score of a definition whose doc comment says it exists for tests ("secret_getStack returns the memory
range of the current goroutine's stack. For testing only.", internal/poll's ``WriteOnce``, ``reflect_gcbits``)
counts this much when the question does not ask about testing: no program calls it (trial 37: "For testing only"
was quoted for how a goroutine's stack grows). Functions and methods only: ``forcegcperiod``, "a variable for testing
purposes", is the period of sysmon's forced GC."""
_FOR_TESTS = re.compile(
    r"(?i)\bfor testing(?: only| purposes)?\s*[.;,)]|\bonly for testing\b|\bused (?:only )?(?:by|in) (?:the )?tests?\b"
    r"|\bfor tests? only\b|\btest[- ]only\b|\btesting hook\b|\bexported for tests?\b|\bfor use (?:in|by) tests?\b"
)


def test_hook(chunk: ChunkRow) -> float:
    """``TEST_HOOK_FACTOR`` for a function or method whose doc comment (the comment lines it opens with) says it is
    for tests, else 1."""
    if chunk.kind not in ("func", "method"):
        return 1.0  # a variable "for testing purposes" is still the runtime's (forcegcperiod, sysmon's forced GC)
    doc = []
    for line in chunk.text.split("\n"):
        if not line.lstrip().startswith("//"):
            break
        doc.append(line.strip().lstrip("/").strip())
    return TEST_HOOK_FACTOR if doc and _FOR_TESTS.search(" ".join(doc)) else 1.0


OTHER_PLATFORM_FACTOR = 0.5
"""The fused score of code built only for another platform than the question's (linux/amd64 unless it names one:
os_windows.go, sys_linux_arm.s) counts this much: the reader runs their programs on one platform, and a definition
of another that shares a word with the question took a place among the first five ("On Linux, how does the runtime
start a new OS thread?" cited Windows' ``tstart_stdcall`` second). Per-platform copies of one definition still fold
into the asked platform's. Measured (plain dev half): every figure the same, three answers without another
platform's code among their first five (Windows' ``createThread`` and ``tstart_stdcall``, arm's
``kernelPublicationBarrier``; at 0.75 only the first two); generated needles (1,000, hybrid) hit@1 / hit@5 / hit@10
.524 / .882 / .961 -> .521 / .871 / .952 (0.75: .522 / .876 / .958): the needles lost are the doc comments of
Windows, Plan 9, Solaris and Darwin code, asked without naming a platform. A definition that has a copy for the
asked platform among the candidates keeps its full score (its copies fold into that one): counting the best-found
copy of another architecture half dropped ``runtime.morestack`` of asm_amd64.s from the held-out set's first five;
with that, needles .521 / .871 / .951, plain dev the same, held-out facts .833 -> .809 (one fact had matched inside
the name of asan_ppc64le.s, now replaced by amd64 code)."""


def elsewhere(chunk: ChunkRow, platform: tuple[str, str]) -> float:
    """``OTHER_PLATFORM_FACTOR`` for code built only for another platform than ``platform``, and for the design
    comment of such a file ("WASI network poller" for the Linux poller); 1 for documents and packages."""
    if chunk.kind in ("section", "package") or (chunk.kind == "text" and not _in_code(chunk)):
        return 1.0
    other = platform_penalty(chunk.goos, chunk.goarch, chunk.build, chunk.path, platform)
    return OTHER_PLATFORM_FACTOR if other else 1.0


FIRST = 5
MAX_DOCS_FIRST = 2
"""At most this many design-document sections among the first ``FIRST`` hits: the code explains itself first, the
design documents add to it."""


def code_first(hits: list[Hit]) -> list[Hit]:
    """``hits`` with design-document sections beyond ``MAX_DOCS_FIRST`` of the first ``FIRST`` moved just after them."""
    head: list[Hit] = []
    later: list[Hit] = []
    for h in hits:
        if len(head) < FIRST and h.chunk.repo != "go" and sum(x.chunk.repo != "go" for x in head) >= MAX_DOCS_FIRST:
            later.append(h)
        elif len(head) < FIRST:
            head.append(h)
        else:
            later.append(h)
    return head + sorted(later, key=hits.index)


class Placed(Protocol):
    """What says where a chunk or a definition is built: its file, GOOS, GOARCH and build constraint."""

    @property
    def path(self) -> str: ...
    @property
    def goos(self) -> str | None: ...
    @property
    def goarch(self) -> str | None: ...
    @property
    def build(self) -> str | None: ...


def platform_of(chunk: Placed) -> str | None:
    """The platform a chunk's file is built for ("arm64", "windows", "linux/arm64", or its build constraint when that
    names systems or architectures: "linux", "js && wasm"), or None when it is generic. A negated constraint
    ("!linux": the stubs for every other system) and a constraint on anything else (``goexperiment.swissmap``,
    ``race``) are no platform, so such copies are never folded into, nor taken for, the asked platform's."""
    if chunk.goos or chunk.goarch:
        return "/".join(x for x in (chunk.goos, chunk.goarch) if x)
    stem = chunk.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    m = _PLATFORM_SUFFIX.search(stem)
    if m:
        return m.group(1)
    build = chunk.build or ""
    if "!" in build:  # "!linux", "!wasm": everywhere but somewhere, which may well include the asked platform
        return None
    return build if _PLATFORM_WORD.search(build) and not _OTHER_TAG.search(build) else None


_PLATFORM_SUFFIX = re.compile(
    r"_(386|amd64|arm|arm64|loong64|mips64x|mipsx|ppc64x|riscv64|s390x|wasm|unix|windows|darwin|linux|plan9)$"
)


_PLATFORM_NAMES = "|".join(sorted(KNOWN_OS | KNOWN_ARCH, key=len, reverse=True))
_PLATFORM_WORD = re.compile(rf"\b(?:{_PLATFORM_NAMES}|unix)\b")
_OTHER_TAG = re.compile(r"goexperiment\.|\b(?:race|msan|asan|cgo|purego|gc|gccgo|faketime|boringcrypto)\b")


def _in_code(chunk: ChunkRow) -> bool:
    """Whether a chunk is in a Go or assembly file (an assembly file's prose is a "text" chunk, as a document is)."""
    return chunk.path.endswith((".go", ".s"))


def _comment_key(chunk: ChunkRow) -> str:
    """A file's design comment as one text across per-platform files: its directory and title, not its file
    ("runtime/race_arm64.s: The following thunks ..." and race_loong64.s's are one comment, written once per
    architecture)."""
    path, _, title = chunk.symbol.partition(": ")
    return f"{path.rsplit('/', 1)[0]}: {title}"


def fold_platforms(hits: list[Hit], platform: tuple[str, str]) -> list[Hit]:
    """One hit per definition across platforms: copies of the same symbol and kind in files built for different
    platforms, and copies of a file's prose (a comment or an assembly file's text, by directory and title:
    ``_comment_key``), fold into the copy for ``platform`` (else the first, i.e. best-scored), at the best position."""
    out: list[Hit] = []
    by_key: dict[tuple[str, str, str], Hit] = {}
    for h in hits:
        c = h.chunk
        where = platform_of(c)
        if where is None or c.kind in ("section", "package") or (c.kind == "text" and not _in_code(c)):
            out.append(h)
            continue
        key = (c.repo, _comment_key(c), c.kind) if c.kind in ("comment", "text") else (c.repo, c.symbol, c.kind)
        first = by_key.get(key)
        if first is None:
            by_key[key] = h
            out.append(h)
            continue
        first.also_on.append(where)
        mine = platform_penalty(c.goos, c.goarch, c.build, c.path, platform)
        theirs = platform_penalty(first.chunk.goos, first.chunk.goarch, first.chunk.build, first.chunk.path, platform)
        if mine < theirs:  # the asked platform's copy takes the place of the better-scored one
            first.also_on.remove(where)
            first.also_on.append(platform_of(first.chunk) or "")
            first.chunk, first.tag, first.tags, first.other_parts = h.chunk, h.tag, h.tags, h.other_parts
    return out


__all__ = ["RRF_K", "FusionConfig", "Hit", "fuse", "rrf_score"]
