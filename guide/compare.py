"""``compare(index, symbol_or_question, v1, v2)``: how one definition changed between two releases.

Versions are indexed Go tags (``go1.21.13``) or ``1.21``/``go1.21`` (the newest indexed patch of that minor); a
version that is not indexed raises :class:`guide.definitions.ReleaseError` (a ``ValueError``). ``v1`` is the left
(old) side of the diff, ``v2`` the right.

The symbol is found at both releases (see ``guide.definitions`` for how one definition is chosen among GOARCH
variants and paired across releases). Moves are followed: a file that moved, a package that moved
(``runtime/internal/atomic.Load`` -> ``internal/runtime/atomic.Load``, found by name in the most similar package),
and the curated renames of ``guide.successors`` (``_StackMin`` -> ``stackMin``). A symbol replaced by a different
design (``hmap`` -> ``internal/runtime/maps.Map``) is reported removed, with its successor cited, not diffed.

The result holds both definitions (exact lines read back from git, permalinks), a unified diff in file line
numbers, structured changes (``guide.diffsummary``), notes, and citations. A path (``src/runtime/chan.go``,
``chan.go``) is compared file by file, and a question with no symbol in it is compared by topic: both give a
:class:`guide.topic.TopicComparison`.
"""

from __future__ import annotations

import logging
import posixpath
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from guide.definitions import (
    Candidate,
    candidates,
    close_names,
    counterpart,
    moved_candidates,
    primary,
    releases_with,
    resolve_release,
    wants_method,
)
from guide.diffsummary import describe, summarize, unified_diff
from guide.successors import Successor, predecessor_of, successor_for, successor_note
from ingest.symbols import normalize

if TYPE_CHECKING:
    from guide.index import GuideIndex
    from guide.topic import TopicComparison

log = logging.getLogger(__name__)

MAX_DIFF_LINES = 400
MAX_VARIANTS = 30


@dataclass(frozen=True)
class Side:
    """One definition at one release, with its exact text read back from git."""

    tag: str
    path: str
    start_line: int
    end_line: int
    symbol: str
    kind: str
    url: str
    text: str
    package: str = ""

    def citation(self) -> dict[str, Any]:
        return {
            "version": self.tag,
            "path": self.path,
            "start_line": self.start_line,
            "end_line": self.end_line,
            "symbol": self.symbol,
            "kind": self.kind,
            "url": self.url,
        }

    def to_json(self) -> dict[str, Any]:
        return {**self.citation(), "tag": self.tag, "text": self.text, "package": self.package}

    @property
    def label(self) -> str:
        return f"{self.path}:{self.start_line}-{self.end_line}"


def make_side(index: GuideIndex, c: Candidate) -> Side | None:
    d = c.d
    text = index.excerpt(d.tag, d.path, d.start_line, d.end_line)
    if text is None:
        log.warning("%s at %s: lines %d-%d not readable from git", d.path, d.tag, d.start_line, d.end_line)
        return None
    url = index.permalink(d.tag, d.path, d.start_line, d.end_line)
    return Side(d.tag, d.path, d.start_line, d.end_line, d.symbol, d.kind, url, text, c.package)


@dataclass
class Comparison:
    """One symbol between two releases (see the module doc)."""

    symbol: str
    v1: str
    v2: str
    left: Side | None = None
    right: Side | None = None
    diff: str = ""
    summary: list[dict[str, Any]] = field(default_factory=list)
    moved: bool = False
    notes: list[str] = field(default_factory=list)
    citations: list[dict[str, Any]] = field(default_factory=list)
    successor: dict[str, Any] | None = None
    """The curated successor entry (``guide.successors``) with ``definitions``: its citations at ``v2``."""
    variants: list[dict[str, Any]] = field(default_factory=list)
    """Other GOOS/GOARCH definitions at ``v1`` and their counterparts: ``{left_path, right_path, status}``."""
    candidates: list[str] = field(default_factory=list)
    """Similar names in the index, when the symbol is found nowhere."""
    kind: str = "symbol"

    @property
    def found(self) -> bool:
        return self.left is not None or self.right is not None

    @property
    def changed(self) -> bool:
        return any(c["change"] != "unchanged" for c in self.summary)

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "symbol": self.symbol,
            "v1": self.v1,
            "v2": self.v2,
            "left": self.left.to_json() if self.left else None,
            "right": self.right.to_json() if self.right else None,
            "diff": self.diff,
            "summary": self.summary,
            "moved": self.moved,
            "notes": self.notes,
            "citations": self.citations,
            "successor": self.successor,
            "variants": self.variants,
            "candidates": self.candidates,
        }

    # -- rendering -----------------------------------------------------------------------------------------------
    def render_text(self) -> str:
        """Human-readable: both definitions with permalinks, the changes, notes and the diff."""
        out = [f"{self.symbol}: {self.v1} -> {self.v2}"]
        for label, side, tag in (("old", self.left, self.v1), ("new", self.right, self.v2)):
            if side is None:
                out.append(f"  {label}: not defined at {tag}")
            else:
                out.append(f"  {label}: {side.tag} {side.label}  {side.symbol} ({side.kind})\n       {side.url}")
        out += [f"  - {describe(c)}" for c in self.summary]
        if self.successor:
            for d in self.successor.get("definitions", []):
                out.append(f"  successor: {d['version']} {d['path']}:{d['start_line']}-{d['end_line']}  {d['symbol']}")
                out.append(f"       {d['url']}")
        out += [f"  note: {n}" for n in self.notes]
        if self.variants:
            counts: dict[str, int] = {}
            for v in self.variants:
                counts[v["status"]] = counts.get(v["status"], 0) + 1
            what = "; ".join(f"{n} {s}" for s, n in sorted(counts.items(), key=lambda kv: -kv[1]))
            out.append(f"  other platform variants at {self.v1}: {len(self.variants)} ({what})")
        if self.candidates:
            out.append(f"  similar names: {', '.join(self.candidates)}")
        if self.diff:
            out += ["", self.diff]
        return "\n".join(out)

    def render_markdown(self, lang: str = "en", sources: dict[tuple[str, str, int], int] | None = None) -> str:
        """Markdown for an answer: each line cites ``[n]`` from ``sources`` ((version, path, start_line) -> n).
        Code spans quoted next to a marker are taken from the cited lines, so a citation check passes."""
        from guide.render_compare import render_comparison_markdown

        return render_comparison_markdown(self, lang, sources or {})


# -- the comparison ------------------------------------------------------------------------------------------------
_PATHLIKE = re.compile(r"^[\w./\-]+\.(?:go|s|y|md|html)$")


def compare(index: GuideIndex, symbol_or_question: str, v1: str, v2: str) -> Comparison | TopicComparison:
    """Compare a symbol (or a file, or a question's topic) between releases ``v1`` and ``v2``."""
    t1, t2 = resolve_release(index, v1), resolve_release(index, v2)
    text = symbol_or_question.strip()
    if _PATHLIKE.match(text):
        from guide.topic import compare_path

        return compare_path(index, text, t1, t2)
    if not re.search(r"\s", text):
        return compare_symbol(index, text, t1, t2)
    from guide.topic import compare_topic, question_symbol

    name = question_symbol(index, text, t1, t2)
    if name is not None:
        comp = compare_symbol(index, name, t1, t2)
        comp.notes.insert(0, f"compared `{name}`, the identifier named in the question")
        return comp
    return compare_topic(index, text, t1, t2)


def _pick(cands: list[Candidate], name: str, anchor: Candidate | None) -> Candidate | None:
    return counterpart(anchor, cands, name) if anchor is not None else primary(cands, name)


def compare_symbol(index: GuideIndex, name: str, t1: str, t2: str) -> Comparison:
    """Compare one symbol between indexed tags ``t1`` and ``t2`` (see the module doc)."""
    comp = Comparison(symbol=name, v1=t1, v2=t2)
    left_all, right_all = candidates(index, name, t1), candidates(index, name, t2)
    succ = successor_for(name)
    followed = name
    if not left_all and not right_all and succ is not None and succ.relation == "renamed":
        followed = succ.new[0]
        left_all, right_all = candidates(index, followed, t1), candidates(index, followed, t2)
        comp.notes.append(f"`{name}` was renamed `{followed}` ({succ.since}): {succ.reason}")
    elif succ is not None:
        comp.notes.append(successor_note(name, succ))

    left = primary(left_all, followed)
    right = _pick(right_all, followed, left)
    if left is None and right is not None:
        left = counterpart(right, left_all, followed)
    # A package or file move: the name no longer resolves on one side; find it by name in a similar package.
    if left is not None and right is None:
        right = _pick(moved_candidates(index, left, t2), followed, left)
        if right is not None:
            comp.notes.append(f"not found as `{name}` at {t2}; followed by name to package {right.package}")
    elif right is not None and left is None:
        left = _pick(moved_candidates(index, right, t1), followed, right)
        if left is not None:
            comp.notes.append(f"not found as `{name}` at {t1}; followed by name to package {left.package}")
    # A curated rename of the definition found on one side only.
    if left is not None and right is None:
        s = successor_for(left.symbol) or succ
        if s is not None and s.relation == "renamed":
            right = _pick(candidates(index, s.new[0], t2), s.new[0], None)
            if right is not None and s is not succ:
                comp.notes.append(successor_note(left.symbol, s))
            succ = s

    plain = {c.symbol for c in (left, right) if c is not None and c.receiver is None and c.kind == "func"}
    if plain and wants_method(followed):
        comp.notes.append(f"no method `{followed}`; compared the function {', '.join(sorted(plain))} instead")
    comp.left = make_side(index, left) if left is not None else None
    comp.right = make_side(index, right) if right is not None else None
    if left is not None and comp.left is not None:
        comp.variants = _variants(index, left_all, right_all, left, followed, t2)
    _fill(index, comp, name, left, right, succ)
    return comp


def _fill(
    index: GuideIndex,
    comp: Comparison,
    name: str,
    left: Candidate | None,
    right: Candidate | None,
    succ: Successor | None,
) -> None:
    a, b = comp.left, comp.right
    if a is None and b is None:
        _not_found(index, comp, name, succ)
        return
    if a is not None and b is not None and left is not None and right is not None:
        if a.path != b.path:
            comp.moved = True
            if left.package != right.package:
                comp.summary.append(
                    {"change": "package_moved", "old_package": left.package, "new_package": right.package,
                     "old_path": a.path, "new_path": b.path}
                )  # fmt: skip
            else:
                comp.summary.append({"change": "file_moved", "old_path": a.path, "new_path": b.path})
        if left.name != right.name or left.local != right.local:
            comp.summary.append({"change": "renamed", "old": a.symbol, "new": b.symbol})
        changes = summarize(b.kind, right.name, a.text, b.text, a.start_line, b.start_line)
        if left.name != right.name:  # a rename alone is not a signature change
            changes = [
                c
                for c in changes
                if not (c["change"] == "signature_changed" and c["old"].replace(left.name, right.name) == c["new"])
            ]
        comp.summary += changes
        if a.text == b.text and a.start_line != b.start_line:
            comp.notes.append(f"same text, at lines {a.start_line}-{a.end_line} -> {b.start_line}-{b.end_line}")
    elif a is not None and left is not None:
        s = successor_for(a.symbol) or succ
        entry: dict[str, Any] = {"change": "removed", "symbol": a.symbol}
        if s is not None:
            entry["successor"] = list(s.new)
            comp.successor = successor_json(index, s, comp.v2)
        later = [t for t in releases_with(index, a.symbol) if _after(index, t, comp.v2)]
        if later:
            comp.notes.append(f"`{a.symbol}` is defined again in {', '.join(later)}")
        comp.summary.append(entry)
    elif b is not None and right is not None:
        entry = {"change": "added", "symbol": b.symbol}
        pred = predecessor_of(b.symbol)
        if pred is not None:
            entry["predecessor"] = pred.old
            comp.notes.append(f"`{b.symbol}` succeeds `{pred.old}` ({pred.relation}, {pred.since}): {pred.reason}")
        comp.summary.append(entry)
        before = [t for t in releases_with(index, b.symbol) if t not in (comp.v2,) and not _after(index, t, comp.v1)]
        if before:
            comp.notes.append(f"`{b.symbol}` was also defined in {', '.join(before)}")
    comp.diff = _diff(a, b)
    comp.citations = [s.citation() for s in (a, b) if s is not None]
    if comp.successor:
        comp.citations += comp.successor["definitions"]


def _after(index: GuideIndex, tag: str, ref: str) -> bool:
    rel = index.releases
    return tag in rel and ref in rel and rel.index(tag) > rel.index(ref)


def _diff(a: Side | None, b: Side | None) -> str:
    la = a.text.split("\n") if a else []
    lb = b.text.split("\n") if b else []
    diff = unified_diff(
        la,
        lb,
        a.start_line if a else 1,
        b.start_line if b else 1,
        f"{a.tag}:{a.path}" if a else "/dev/null",
        f"{b.tag}:{b.path}" if b else "/dev/null",
    )
    lines = diff.split("\n")
    if len(lines) > MAX_DIFF_LINES:
        lines = [*lines[:MAX_DIFF_LINES], f"... ({len(lines) - MAX_DIFF_LINES} more diff lines)"]
    return "\n".join(lines)


def successor_json(index: GuideIndex, s: Successor, tag: str) -> dict[str, Any]:
    defs = []
    for target in s.new:
        if target.endswith((".go", ".s", ".y")):
            n = len(index.file_lines(tag, target) or [])
            if n:
                url = index.permalink(tag, target, 1, n)
                defs.append({"version": tag, "path": target, "start_line": 1, "end_line": n, "symbol": target,
                             "kind": "file", "url": url})  # fmt: skip
            continue
        c = primary(candidates(index, target, tag), target)
        side = make_side(index, c) if c is not None else None
        if side is not None:
            defs.append(side.citation())
    return {**s.to_json(), "definitions": defs}


def _not_found(index: GuideIndex, comp: Comparison, name: str, succ: Successor | None) -> None:
    present = releases_with(index, name)
    if present:
        comp.notes.append(f"`{name}` is not defined at {comp.v1} or {comp.v2}, but is in {', '.join(present)}")
        comp.summary.append({"change": "not_found", "name": name, "releases": present})
    elif succ is not None:
        comp.summary.append({"change": "removed", "symbol": name, "successor": list(succ.new), "before": comp.v1})
        comp.notes.append(f"`{name}` is not defined in any indexed release ({', '.join(index.releases)})")
    else:
        comp.summary.append({"change": "not_found", "name": name, "releases": []})
        comp.notes.append(f"`{name}` is not defined in any indexed release ({', '.join(index.releases)})")
        comp.candidates = close_names(index, name)
    if succ is not None:
        comp.successor = successor_json(index, succ, comp.v2)
        comp.citations = list(comp.successor["definitions"])


def _variants(
    index: GuideIndex, left_all: list[Candidate], right_all: list[Candidate], chosen: Candidate, name: str, t2: str
) -> list[dict[str, Any]]:
    """The other platform variants of the chosen definition (same package and local name) and what became of each."""
    others = [
        c
        for c in left_all
        if c.local == chosen.local
        and c.package == chosen.package
        and c.path != chosen.path
        and (c.kind == chosen.kind or {c.kind, chosen.kind} <= {"func", "asm"})
    ]
    if not others:
        return []
    pool = right_all or moved_candidates(index, chosen, t2)
    out = []
    for c in sorted(others, key=lambda c: c.path)[:MAX_VARIANTS]:
        r = counterpart(c, [x for x in pool if x.local == c.local], name)
        if r is not None and posixpath.basename(r.path) != posixpath.basename(c.path):
            r = None
        if r is None:
            status = "removed"
        else:
            ta = index.excerpt(c.tag, c.path, c.d.start_line, c.d.end_line)
            tb = index.excerpt(r.tag, r.path, r.d.start_line, r.d.end_line)
            status = "unchanged" if ta == tb else "changed"
            if r.path != c.path:
                status += ", moved"
        out.append({"left_path": c.path, "right_path": r.path if r else None, "status": status})
    return out


def bare_name(name: str) -> str:
    return normalize(name).rsplit(".", 1)[-1].rsplit(")", 1)[-1].lstrip(".")


__all__ = ["Comparison", "Side", "bare_name", "compare", "compare_symbol", "make_side", "successor_json"]
