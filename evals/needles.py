"""Generated needle-search items (in the manner of RepoQA's "needle" search): a documented declaration's
description, its own name masked, must lead retrieval back to that declaration at that release.

``generate_needles(index, seed, per_release)`` reads the symbol table (functions, methods, types; constants and
variables only with a doc comment of their own) of the packages ``runtime``, ``internal/runtime/*``,
``runtime/internal/*``, ``sync``, ``sync/atomic``, ``cmd/compile/...`` and ``cmd/link/...`` at every indexed Go
release, takes each declaration's doc comment from git (:mod:`evals.needles_text`), masks the name, skips what is
not a fair needle (:func:`skip_reason`), and samples, per release, a stratified random sample over the package
groups (:data:`GROUPS`; allocation in :func:`allocate`). Items are fact items (kind ``locate``, one expected
citation: the declaration's lines from the symbol table), so ``python -m evals run --facts`` runs them too.

Deterministic: candidates are read in a fixed order and each (release, group) is sampled with its own
``random.Random(f"{seed}:{tag}:{group}")``; the same index and seed give byte-identical output.

``search(index, question, tags, k, mode)`` is the one place that calls the guide's retrieval.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from evals.facts import ExpectedCitation, FactItem, dump_item
from evals.needles_text import MIN_WORDS, description, doc_comment, mask, mask_terms, word_count
from ingest.buildtags import in_ignored_dir
from ingest.symbols import Definition

if TYPE_CHECKING:
    from guide.index import GuideIndex

GENERATOR = "needles-v1"
DEFAULT_SEED = 1729
DEFAULT_PER_RELEASE = 500
GROUPS = ("runtime", "internal/runtime", "sync", "cmd/compile", "cmd/link")
MIN_PER_GROUP = 25
"""Each group gets at least this many items per release (all of its pool when smaller); the rest is shared in
proportion to pool sizes."""
MODES = ("lexical", "dense", "hybrid")
_DECL_KINDS = ("func", "method", "type", "const", "var")


def package_group(package: str) -> str | None:
    """The group of an import path, or None when outside the sampled packages (``runtime/pprof``, ``internal/abi``).
    ``runtime/internal/*`` (before go1.23) and ``internal/runtime/*`` (after) are the same code: one group."""
    if package == "runtime":
        return "runtime"
    if package.startswith(("internal/runtime/", "runtime/internal/")):
        return "internal/runtime"
    if package in ("sync", "sync/atomic"):
        return "sync"
    for g in ("cmd/compile", "cmd/link"):
        if package == g or package.startswith(g + "/"):
            return g
    return None


def path_group(path: str) -> str | None:
    """The group of a file path (``src/runtime/internal/atomic/...`` -> ``internal/runtime``)."""
    d = path.removeprefix("src/").rsplit("/", 1)[0]
    return package_group(d)


Decl = Definition
"""A declaration that may become a needle: the symbol table's definition at one release."""


@dataclass(frozen=True)
class Needle:
    decl: Decl
    group: str
    question: str


def skip_reason(decl: Decl, lines: list[str] | None) -> str | None:
    """Why ``decl`` is not a needle (None when it is one). Checks in order: file, generator, generated code,
    doc comment, description length."""
    if not decl.path.endswith(".go") or decl.path.endswith("_test.go"):
        return "not a Go source file" if not decl.path.endswith("_test.go") else "_test.go"
    if (decl.build or "").strip() == "ignore" or in_ignored_dir(decl.path):
        return "generator program (//go:build ignore, _dir)"
    if decl.generated or (lines and any(ln.startswith("// Code generated ") for ln in lines[:50])):
        return "generated code"
    if lines is None:
        return "file not readable"
    comment = doc_comment(lines, decl.start_line)
    if not comment:
        return "no doc comment"
    if not description(comment):
        return "no description (directives or linkname notes only)"
    if word_count(question_for(decl, lines)) < MIN_WORDS:
        return f"description under {MIN_WORDS} words after masking"
    return None


def question_for(decl: Decl, lines: list[str]) -> str:
    return mask(description(doc_comment(lines, decl.start_line)), mask_terms(decl.name, decl.receiver))


def declarations(index: GuideIndex, tag: str) -> list[Decl]:
    """Every func/method/type/const/var symbol of the sampled packages at ``tag``, in (path, line, symbol) order."""
    out = index.reader.symbols_at("go", tag, _DECL_KINDS)
    return list(dict.fromkeys(d for d in out if package_group(d.package) is not None))


def candidates(index: GuideIndex, tag: str, skipped: Counter[str] | None = None) -> list[Needle]:
    """The fair needles at ``tag`` (in declaration order); ``skipped`` counts the others by reason.

    Beyond :func:`skip_reason`: a symbol defined more than once at the release (platform variants) is ambiguous;
    a spec declaring several names (``var a, b int``) is not one declaration; and a question that two declarations
    share (after masking) cannot tell them apart: all skipped."""
    skipped = skipped if skipped is not None else Counter()
    decls = declarations(index, tag)
    places = Counter(d.symbol for d in decls)
    per_line = Counter((d.path, d.start_line, d.kind) for d in decls)
    kept: list[Needle] = []
    for d in decls:
        lines = index.file_lines(tag, d.path)
        why = skip_reason(d, lines)
        if why is None and places[d.symbol] > 1:
            why = "ambiguous: defined more than once at the release"
        if why is None and d.kind in ("const", "var") and per_line[(d.path, d.start_line, d.kind)] > 1:
            why = "several names in one spec"
        if why is not None:
            skipped[why] += 1
            continue
        assert lines is not None
        kept.append(Needle(d, package_group(d.package) or "", question_for(d, lines)))
    dup = Counter(n.question.lower() for n in kept)
    skipped["same question as another declaration"] += sum(1 for n in kept if dup[n.question.lower()] > 1)
    return [n for n in kept if dup[n.question.lower()] == 1]


def allocate(pools: dict[str, int], total: int, floor: int = MIN_PER_GROUP) -> dict[str, int]:
    """Items per group: ``min(pool, floor)`` each (the floor lowered when that alone exceeds ``total``), the rest
    in proportion to what is left of each pool (largest remainders, ties by group order), never more than a pool
    holds."""
    while floor > 0 and sum(min(n, floor) for n in pools.values()) > total:
        floor -= 1  # a small total: the floor shrinks so that it fits
    alloc = {g: min(n, floor) for g, n in pools.items()}
    while sum(alloc.values()) < total:
        room = {g: pools[g] - alloc[g] for g in pools if pools[g] > alloc[g]}
        want = total - sum(alloc.values())
        if not room:
            break
        size = sum(room.values())
        share = {g: want * r / size for g, r in room.items()}
        extra = {g: min(int(s), room[g]) for g, s in share.items()}
        left = want - sum(extra.values())
        order = sorted(room, key=lambda g: (-(share[g] - int(share[g])), list(pools).index(g)))
        for g in order[:left]:
            if extra[g] < room[g]:
                extra[g] += 1
        if not any(extra.values()):
            break
        for g, e in extra.items():
            alloc[g] += e
    return alloc


def sample(cands: list[Needle], tag: str, seed: int, per_release: int) -> tuple[list[Needle], dict[str, Any]]:
    """The stratified sample of one release, in (path, line) order; and per-group pool/sample sizes."""
    by_group = {g: [n for n in cands if n.group == g] for g in GROUPS}
    pools = {g: len(ns) for g, ns in by_group.items()}
    alloc = allocate(pools, per_release)
    chosen: list[Needle] = []
    for g, ns in by_group.items():
        chosen += random.Random(f"{seed}:{tag}:{g}").sample(ns, alloc[g])
    chosen.sort(key=lambda n: (n.decl.path, n.decl.start_line, n.decl.symbol))
    return chosen, {"pool": pools, "sampled": alloc}


def to_item(n: Needle, no: int) -> FactItem:
    d = n.decl
    cit = ExpectedCitation(version=d.tag, path=d.path, symbol=d.symbol, start_line=d.start_line, end_line=d.end_line)
    return FactItem(
        id=f"needle-{d.tag}-{no:04d}",
        question=n.question,
        versions=[d.tag],
        kind="locate",
        expect_citations=[cit],
        notes=f"needle {n.group} {d.kind} {d.symbol}",
    )


def fingerprint(index: GuideIndex) -> str:
    """Indexed tags and their commits: ``go1.21.13@8c1a... design@4e5c...``."""
    return " ".join(f"{v.tag}@{v.commit}" for v in index.versions)


def generate_needles(
    index: GuideIndex, seed: int = DEFAULT_SEED, per_release: int = DEFAULT_PER_RELEASE, tags: list[str] | None = None
) -> tuple[list[FactItem], dict[str, Any]]:
    """The items of every indexed Go release (or ``tags``), oldest first, and statistics per release."""
    items: list[FactItem] = []
    stats: dict[str, Any] = {}
    for tag in tags or index.releases:
        skipped: Counter[str] = Counter()
        cands = candidates(index, tag, skipped)
        chosen, st = sample(cands, tag, seed, per_release)
        items += [to_item(n, i) for i, n in enumerate(chosen, 1)]
        stats[tag] = {**st, "candidates": len(cands), "skipped": dict(sorted(skipped.items()))}
    return items, stats


def command_line(seed: int, per_release: int, tags: list[str] | None) -> str:
    cmd = f"python -m evals needles generate --seed {seed} --per-release {per_release}"
    return cmd + (f" --tags {' '.join(tags)}" if tags else "")


def render(items: list[FactItem], stats: dict[str, Any], index: GuideIndex, cmd: str) -> str:
    """The file: ``#`` header lines (command, seed, index fingerprint, sizes), then one item per line."""
    head = [f"# {GENERATOR}: {cmd}", f"# index: {fingerprint(index)}"]
    for tag, st in stats.items():
        sizes = " ".join(f"{g}={n}/{st['pool'][g]}" for g, n in st["sampled"].items())
        head.append(f"# {tag}: {sum(st['sampled'].values())} items (sampled/pool) {sizes}")
    return "".join(line + "\n" for line in head) + "".join(dump_item(it) + "\n" for it in items)


def write_needles(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def search(index: GuideIndex, question: str, tags: list[str], k: int, mode: str) -> list[dict[str, Any]]:
    """Top ``k`` of one retrieval mode — ``lexical`` (BM25 only), ``dense`` (vectors only), ``hybrid`` (every
    retriever, the guide's default) — as entries ``{version, path, start_line, end_line, symbol, kind}``.
    The only call into guide/ retrieval: re-point it here when guide/ changes."""
    from guide.retrieval import BM25, DENSE, retrieve

    if mode == "hybrid":
        hits = retrieve(index, question, tags, k=k)
    elif mode in ("lexical", "dense"):
        hits = retrieve(index, question, tags, k=k, retrievers=(BM25,) if mode == "lexical" else (DENSE,))
    else:
        raise ValueError(f"unknown mode {mode!r} (one of {', '.join(MODES)})")
    return [
        {
            "version": h.tag,
            "path": h.chunk.path,
            "start_line": h.chunk.start_line,
            "end_line": h.chunk.end_line,
            "symbol": h.chunk.symbol,
            "kind": h.chunk.kind,
        }
        for h in hits
    ]
