"""Checking a fact set against the real sources, and generating its line numbers from the symbol table.

``verify_items`` checks every expected citation of every item:

1. the path exists at that tag, read from git (``git show TAG:PATH`` in the tag's repository);
2. the symbol's definition at that tag and path spans exactly ``start_line``-``end_line`` in the symbol table
   (:meth:`ingest.reader.IndexReader.lookup`; doc sections by their exact symbol);
3. cross-check in the git text: the start line holds the declaration (the bare name appears on it; ``TEXT`` for
   assembly, a heading for doc sections) and the range fits in the file;
4. every ``expect_facts`` group has an alternative that occurs (case-insensitively) in the text of an expected
   citation — its lines plus the doc comment right above them — so a good answer *can* meet it.

``fill_items`` turns draft items whose citations name only ``version``, ``symbol`` (and optionally ``path``) into
complete ones, taking the lines from the symbol table: no line number is typed by hand.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from evals.facts import ABSENCE_KINDS, FactItem, FactsError, parse_lines

if TYPE_CHECKING:
    from guide.index import GuideIndex


class GitSource:
    """File lines at a release, read straight from git (independently of the index's own reader)."""

    def __init__(self, index: GuideIndex) -> None:
        self.index = index
        self._cache: dict[tuple[str, str], list[str] | None] = {}

    def repo_dir(self, tag: str) -> Path | None:
        v = self.index.version(tag)
        return None if v is None else self.index.settings.repo_path(v.repo)

    def lines(self, tag: str, path: str) -> list[str] | None:
        key = (tag, path)
        if key not in self._cache:
            repo = self.repo_dir(tag)
            out: list[str] | None = None
            if repo is not None and repo.exists():
                p = subprocess.run(["git", "-C", str(repo), "show", f"{tag}:{path}"], capture_output=True, check=False)
                if p.returncode == 0:
                    text = p.stdout.decode("utf-8", errors="replace")
                    out = text.split("\n")
                    if out and out[-1] == "":
                        out.pop()
                    out = [ln.removesuffix("\r") for ln in out]
            if len(self._cache) > 512:
                self._cache.clear()
            self._cache[key] = out
        return self._cache[key]

    def excerpt(self, tag: str, path: str, start: int, end: int) -> str | None:
        lines = self.lines(tag, path)
        if lines is None or start < 1 or end > len(lines) or start > end:
            return None
        return "\n".join(lines[start - 1 : end])

    def with_doc(self, tag: str, path: str, start: int, end: int) -> str | None:
        """The lines and the comment block (``//`` or ``#``-free prose above a heading excluded) right above them."""
        lines = self.lines(tag, path)
        if lines is None or start < 1 or end > len(lines):
            return None
        a = start - 1
        while a > 0 and lines[a - 1].lstrip().startswith("//"):
            a -= 1
        return "\n".join(lines[a:end])


def bare_name(symbol: str) -> str:
    """``runtime.(*mheap).alloc`` -> ``alloc``; ``internal/runtime/maps.Map`` -> ``Map``; sections unchanged."""
    if "#" in symbol:
        return symbol.split("#", 1)[1].split(" > ")[-1]
    s = symbol.replace("·", ".")
    return s.rsplit(")", 1)[-1].rsplit(".", 1)[-1].lstrip(".")


@dataclass
class Definition:
    path: str
    start_line: int
    end_line: int
    symbol: str
    kind: str


def definitions(index: GuideIndex, symbol: str, tag: str) -> list[Definition]:
    """The symbol table's definitions of ``symbol`` at ``tag`` (exact symbol first, then the index's lookup)."""
    rows = index.reader.exact_definitions(symbol, tag)
    if rows:
        return [Definition(*r) for r in rows]
    return [Definition(d.path, d.start_line, d.end_line, d.symbol, d.kind) for d in index.reader.lookup(symbol, tag)]


@dataclass
class ItemCheck:
    item: FactItem
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _decl_ok(line: str, name: str, kind: str) -> bool:
    if kind == "section":
        return bool(line.strip())
    if name not in line:
        return False
    if kind == "asm":
        return "TEXT" in line
    if kind in ("func", "method"):
        return line.startswith("func ")
    return True


def verify_item(index: GuideIndex, src: GitSource, item: FactItem) -> ItemCheck:
    chk = ItemCheck(item)
    if item.kind == "not-indexed":
        for v in item.versions:
            if v in index.releases:
                chk.problems.append(f"{v} is indexed: a not-indexed item must name releases that are not")
        return chk
    known = set(index.releases) | {v.tag for v in index.versions}
    for v in item.versions:
        if v not in known:
            chk.problems.append(f"version {v} is not indexed")
    texts: list[str] = []
    for c in item.expect_citations:
        where = f"{c.path}:{c.start_line}-{c.end_line} @ {c.version}"
        lines = src.lines(c.version, c.path)
        if lines is None:
            chk.problems.append(f"{where}: no such file at {c.version} in git")
            continue
        if c.end_line > len(lines):
            chk.problems.append(f"{where}: the file has only {len(lines)} lines")
            continue
        if not c.symbol:
            chk.problems.append(f"{where}: no symbol named (every expected citation is a definition)")
            continue
        defs = [d for d in definitions(index, c.symbol, c.version) if d.path == c.path]
        if not defs:
            chk.problems.append(f"{where}: the symbol table has no {c.symbol} in {c.path} at {c.version}")
            continue
        exact = [d for d in defs if (d.start_line, d.end_line) == (c.start_line, c.end_line)]
        if not exact:
            spans = ", ".join(f"{d.start_line}-{d.end_line}" for d in defs)
            chk.problems.append(f"{where}: {c.symbol} is defined at {spans}, not {c.start_line}-{c.end_line}")
            continue
        d = exact[0]
        first = lines[c.start_line - 1]
        if not _decl_ok(first, bare_name(d.symbol), d.kind):
            chk.problems.append(f"{where}: line {c.start_line} does not declare {c.symbol}: {first.strip()!r}")
        texts.append(src.with_doc(c.version, c.path, c.start_line, c.end_line) or "")
    if item.kind not in ABSENCE_KINDS and texts:
        body = "\n".join(texts).lower()
        for g in item.expect_facts:
            if not any(a.lower() in body for a in g):
                chk.problems.append(f"fact group {g} occurs in none of the expected citations' lines")
    return chk


def verify_items(index: GuideIndex, items: list[FactItem]) -> list[ItemCheck]:
    src = GitSource(index)
    return [verify_item(index, src, it) for it in items]


def cite(index: GuideIndex, symbol: str, tag: str, path: str | None = None) -> dict[str, Any]:
    """The expected-citation entry for ``symbol`` at ``tag`` (lines from the symbol table); ambiguity is an error."""
    defs = definitions(index, symbol, tag)
    if path:
        defs = [d for d in defs if d.path == path]
    uniq = {(d.path, d.start_line, d.end_line): d for d in defs}
    if not uniq:
        raise FactsError(f"{symbol}: no definition at {tag}" + (f" in {path}" if path else ""))
    if len(uniq) > 1:
        spans = "; ".join(f"{p}:{a}-{b} ({d.symbol})" for (p, a, b), d in uniq.items())
        raise FactsError(f"{symbol} at {tag} is ambiguous, name a path: {spans}")
    (p, a, b) = next(iter(uniq))
    return {"version": tag, "path": p, "symbol": symbol, "start_line": a, "end_line": b}


def fill_items(index: GuideIndex, lines: list[str], name: str) -> list[FactItem]:
    """Complete draft items: every citation without ``start_line`` gets its lines (and path) from ``cite``."""
    out_lines = []
    for no, line in enumerate(lines, 1):
        s = line.strip()
        if not s or s.startswith(("//", "#")):
            out_lines.append(line)
            continue
        data = json.loads(s)
        for i, c in enumerate(data.get("expect_citations", [])):
            if "start_line" not in c:
                try:
                    data["expect_citations"][i] = cite(index, c["symbol"], c["version"], c.get("path"))
                except FactsError as e:
                    raise FactsError(f"{name}:{no}: {e}") from None
        out_lines.append(json.dumps(data, ensure_ascii=False))
    return parse_lines(out_lines, name)
