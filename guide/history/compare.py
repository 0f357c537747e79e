"""``compare(index, subject, v1, v2)``: how a definition, a file or a question's topic changed between two releases.

Versions are indexed Go tags (``go1.21.13``) or ``1.21``/``go1.21`` (the newest indexed patch of that minor); one
not indexed raises :class:`guide.versions.ReleaseError`. ``v1`` is the left (old) side of the diff, ``v2`` the right;
``compare_releases`` compares each two consecutive releases of a longer list.

A symbol is found at both releases (``guide.definitions``: one definition chosen among GOARCH variants and paired
across releases). Moves are followed: a file that moved, a package that moved (``runtime/internal/atomic.Load`` ->
``internal/runtime/atomic.Load``, found by name in the most similar package), and the renames of
guide/knowledge/successors.toml (``_StackMin`` -> ``stackMin``). A symbol replaced by a different design (``hmap``
-> ``internal/runtime/maps.Map``) is reported removed, with its successor cited, not diffed.

The result holds both definitions as citations (exact lines from git, permalinks), a unified diff in file line
numbers, structured changes (``guide.history.summary``) and notes. A path (``chan.go``) is compared file by file, a
question with no symbol in it by topic (``guide.history.files``), a topic's word ("scheduler") by its declaration."""

from __future__ import annotations

import itertools
import logging
import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, overload

from guide.citation import Citation, cite_definition
from guide.definitions import (
    candidates,
    close_names,
    counterpart,
    moved_candidates,
    primary,
    releases_with,
    wants_method,
)
from guide.history.experiments import in_default_build, other_builds
from guide.history.fields import fields_moved
from guide.history.files import TopicComparison, compare_path, compare_topic
from guide.history.methods import MethodChanges, method_changes, methods_moved
from guide.history.packages import compare_package
from guide.history.sides import SuccessorRef, side_json, successor_ref
from guide.history.subject import changed_in_file, described_symbol, question_symbol, rest_of_file, topic_word_symbol
from guide.history.summary import definition_diff, summarize, with_doc_change
from guide.history.topic_churn import churn_note
from guide.knowledge import Successor, predecessor_of, successor_for, successor_note
from guide.notes import Note, listed
from guide.query import Query
from guide.versions import ReleaseError, releases_before, resolve_release
from guide.words import import_paths

if TYPE_CHECKING:
    from guide.index import GuideIndex
    from ingest.symbols import Definition

log = logging.getLogger(__name__)

_CAMEL = re.compile(r"[a-z0-9][A-Z]")
"""A word in code form (``trace2Buf``, ``typ2Itab``): a lower-case letter or digit, then a capital."""

MAX_VARIANTS = 30


@dataclass
class Comparison:
    """One symbol between two releases (see the module doc)."""

    symbol: str
    v1: str
    v2: str
    left: Citation | None = None
    right: Citation | None = None
    diff: str = ""
    summary: list[dict[str, Any]] = field(default_factory=list)
    moved: bool = False
    notes: list[str] = field(default_factory=list)
    successor: SuccessorRef | None = None
    """The successor entry with its definitions cited at ``v2``."""
    variants: list[dict[str, Any]] = field(default_factory=list)
    """Other GOOS/GOARCH definitions at ``v1`` and their counterparts: ``{left_path, right_path, status}``."""
    candidates: list[str] = field(default_factory=list)
    """Similar names in the index, when the symbol is found nowhere."""
    kind: str = "symbol"
    methods: MethodChanges | None = None
    """A type found at both releases: how its methods changed (``guide.history.methods``)."""

    @property
    def found(self) -> bool:
        return self.left is not None or self.right is not None

    @property
    def changed(self) -> bool:
        return any(c["change"] != "unchanged" for c in self.summary)

    @property
    def citations(self) -> list[Citation]:
        out = [c for c in (self.left, self.right) if c is not None]
        return out + (self.successor.definitions if self.successor else [])

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "symbol": self.symbol,
            "v1": self.v1,
            "v2": self.v2,
            "left": side_json(self.left) if self.left else None,
            "right": side_json(self.right) if self.right else None,
            "diff": self.diff,
            "summary": self.summary,
            "moved": self.moved,
            "notes": self.notes,
            "citations": [side_json(c) for c in self.citations],
            "successor": self.successor.to_json() if self.successor else None,
            "variants": self.variants,
            "candidates": self.candidates,
            "methods": self.methods.to_json() if self.methods else None,
        }


@overload
def compare(index: GuideIndex, subject: str | Query, v1: str, v2: str) -> Comparison | TopicComparison: ...
@overload
def compare(
    index: GuideIndex, subject: str | Query, v1: str, v2: str, *, describe: bool
) -> Comparison | TopicComparison | None: ...


def compare(
    index: GuideIndex, subject: str | Query, v1: str, v2: str, *, describe: bool = True
) -> Comparison | TopicComparison | None:
    """Compare a symbol (or a file, or a question's topic) between releases ``v1`` and ``v2``. With
    ``describe=False``, None when the question neither names nor types a symbol or file (the caller reads the
    releases itself: ``guide.history.described``)."""
    t1, t2 = resolve_release(index, v1), resolve_release(index, v2)
    q = Query.parse(subject) if isinstance(subject, str) else subject
    if q.subject_form == "path":
        return compare_path(index, q.text, t1, t2)
    if q.subject_form == "name":
        package = compare_package(index, q.text, t1, t2) if "/" in q.text else None  # "runtime/internal/atomic"
        if package is None and describe and (topic := topic_word_symbol(index, q, t1, t2)) is not None:  # "scheduler"
            comp = described_comparison(index, compare_symbol(index, topic, t1, t2), Note("compared_topic", name=topic))
            if churn := churn_note(topic, q.text, t1, t2, lambda name: compare_symbol(index, name, t1, t2).summary):
                comp.notes.insert(1, churn)  # after the note on what was compared
            return comp
        return package if package is not None else compare_symbol(index, q.text, t1, t2)
    for path in import_paths(q.text):  # "what changed in runtime/internal/atomic between ...?": a package of the index
        if (package := compare_package(index, path, t1, t2)) is not None:
            return package
    found = question_symbol(index, q, t1, t2, topics=describe)
    if found is not None:
        name, written = found  # a name the question writes, or the vocabulary's declaration for its topic
        comp = compare_symbol(index, name, t1, t2)
        if not written:
            return described_comparison(index, comp, Note("compared_topic", name=name))
        comp.notes.insert(0, Note("compared_named", name=name))
        return comp
    unknown = next((w for w in q.code_like if _CAMEL.search(w) and not releases_with(index, w)), None)
    if unknown is not None:  # "trace2Buf": a name in code form, defined nowhere; say so rather than search its words
        comp = compare_symbol(index, unknown, t1, t2)
        comp.notes.insert(0, Note("compared_named", name=unknown))
        return comp
    if not describe:
        return None
    if (best := described_symbol(index, q, [t1, t2])) is not None:
        return described_comparison(index, compare_symbol(index, best, t1, t2), Note("compared_best", name=best))
    return compare_topic(index, q, t1, t2)


def described_comparison(index: GuideIndex, comp: Comparison, note: Note | str) -> Comparison:
    """A comparison of the definition a question describes, with ``note`` saying which it is; when that definition
    is unchanged, what changed in the rest of its file (``rest_of_file``)."""
    changed = changed_in_file(index, comp.left, comp.right) if not comp.changed else []
    rest = rest_of_file(index, comp.left, comp.right, changed) if not comp.changed else None
    comp.notes[:0] = [note, *([rest] if rest is not None else [])]
    return comp


def compare_releases(
    index: GuideIndex, subject: str | Query, releases: Sequence[str]
) -> list[Comparison | TopicComparison]:
    """``subject`` between each two consecutive releases of ``releases`` (two or more, in the order given; every one
    is resolved before anything is compared, so an unknown release raises :class:`ReleaseError` at once)."""
    if len(releases) < 2:
        raise ReleaseError(f"compare needs two or more releases; indexed: {', '.join(index.releases)}")
    tags = [resolve_release(index, r) for r in releases]
    return [compare(index, subject, a, b) for a, b in itertools.pairwise(tags)]


def _pick(defs: list[Definition], name: str, anchor: Definition | None) -> Definition | None:
    return counterpart(anchor, defs, name) if anchor is not None else primary(defs, name)


def compare_symbol(index: GuideIndex, name: str, t1: str, t2: str) -> Comparison:
    """Compare one symbol between indexed tags ``t1`` and ``t2`` (see the module doc)."""
    comp = Comparison(symbol=name, v1=t1, v2=t2)
    # each release's own build: a file its default GOEXPERIMENTs leave out is the other build's (the old tracer)
    every = {t: candidates(index, name, t) for t in (t1, t2)}
    left_all, right_all = (in_default_build(index, every[t], t) for t in (t1, t2))
    succ = successor_for(name)
    followed = name
    if not left_all and not right_all and succ is not None and succ.relation == "renamed":
        followed = succ.new[0]
        left_all = in_default_build(index, candidates(index, followed, t1), t1)
        right_all = in_default_build(index, candidates(index, followed, t2), t2)
        why = {
            "since": succ.since,
            "since_zh": succ.since_in("zh"),
            "reason": succ.told_in("en"),
            "reason_zh": succ.told_in("zh"),
        }
        comp.notes.append(Note("renamed", name=name, new=followed, **why))
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
            comp.notes.append(Note("followed_package", name=name, tag=t2, package=right.package))
    elif right is not None and left is None:
        left = _pick(moved_candidates(index, right, t1), followed, right)
        if left is not None:
            comp.notes.append(Note("followed_package", name=name, tag=t1, package=left.package))
    # A rename of the definition found on one side only.
    if left is not None and right is None:
        s = successor_for(left.symbol) or succ
        if s is not None and s.relation == "renamed":
            right = _pick(candidates(index, s.new[0], t2), s.new[0], None)
            if right is not None and s is not succ:
                comp.notes.append(successor_note(left.symbol, s))
            succ = s

    plain = {d.symbol for d in (left, right) if d is not None and d.receiver is None and d.kind == "func"}
    if plain and wants_method(followed):
        comp.notes.append(Note("no_method", name=followed, **listed("functions", sorted(plain))))
    comp.left = cite_definition(index, left) if left is not None else None
    comp.right = cite_definition(index, right) if right is not None else None
    if left is not None and comp.left is not None:
        comp.variants = _variants(index, left_all, right_all, left, followed, t2)
    _fill(index, comp, name, left, right, succ)
    comp.methods = method_changes(index, comp.left, comp.right, t1, t2)
    if comp.methods is not None:
        methods_moved(index, comp.methods, comp.notes)
    comp.notes += other_builds(every, {t1: left, t2: right}, {t1: left_all, t2: right_all})
    return comp


def _fill(
    index: GuideIndex,
    comp: Comparison,
    name: str,
    left: Definition | None,
    right: Definition | None,
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
                    {
                        "change": "package_moved",
                        "old_package": left.package,
                        "new_package": right.package,
                        "old_path": a.path,
                        "new_path": b.path,
                    }
                )
            else:
                comp.summary.append({"change": "file_moved", "old_path": a.path, "new_path": b.path})
        if left.name != right.name or left.local != right.local:
            comp.summary.append({"change": "renamed", "old": a.symbol, "new": b.symbol})
        changes = summarize(b.kind, right.name, a.excerpt, b.excerpt, a.start_line, b.start_line)
        if left.name != right.name:  # a rename alone is not a signature change
            changes = [
                c
                for c in changes
                if not (c["change"] == "signature_changed" and c["old"].replace(left.name, right.name) == c["new"])
            ]
        changes = with_doc_change(changes, a.doc, b.doc)  # the code the same, its doc comment not
        comp.summary += changes
        if note := fields_moved(index, comp.v2, changes, right):
            comp.notes.append(note)
        if a.excerpt == b.excerpt and a.doc == b.doc and a.start_line != b.start_line:
            comp.notes.append(Note("same_text", old=a.lines, new=b.lines, s="s" * (a.end_line > a.start_line)))
    elif a is not None:
        s = successor_for(a.symbol) or succ
        entry: dict[str, Any] = {"change": "removed", "symbol": a.symbol}
        if s is not None:
            entry["successor"] = list(s.new)
            comp.successor = successor_ref(index, s, comp.v2)
        having = releases_with(index, a.symbol)
        last = [t for t in having if not _after(index, t, comp.v2) and not _after(index, comp.v1, t)]
        gone = _next_release(index, last[-1]) if last else None
        if last and gone is not None and gone != comp.v2:
            entry["last"], entry["gone_in"] = last[-1], gone
            comp.notes.append(Note("gone", name=a.symbol, last=last[-1], gone=gone))
        later = [t for t in having if _after(index, t, comp.v2)]
        if later:
            comp.notes.append(Note("again", name=a.symbol, **listed("releases", later)))
        comp.summary.append(entry)
    elif b is not None:
        entry = {"change": "added", "symbol": b.symbol}
        pred = predecessor_of(b.symbol)
        if pred is not None:
            entry["predecessor"] = pred.old
            relation_zh = "改名" if pred.relation == "renamed" else "替换"
            comp.notes.append(
                Note(
                    "succeeds",
                    name=b.symbol,
                    old=pred.old,
                    relation=pred.relation,
                    relation_zh=relation_zh,
                    since=pred.since,
                    since_zh=pred.since_in("zh"),
                    reason=pred.told_in("en"),
                    reason_zh=pred.told_in("zh"),
                )
            )
        comp.summary.append(entry)
        having = releases_with(index, b.symbol)
        first = [t for t in having if _after(index, t, comp.v1) and not _after(index, t, comp.v2)]
        if first and first[0] != comp.v2:
            entry["first"] = first[0]
            absent = releases_before(index.releases, first[0], comp.v1)
            comp.notes.append(Note("first_appears", name=b.symbol, first=first[0], before=absent))
        before = [t for t in having if t not in (comp.v2,) and not _after(index, t, comp.v1)]
        if before:
            comp.notes.append(Note("also_before", name=b.symbol, **listed("releases", before)))
    comp.diff = definition_diff(a, b)


def _next_release(index: GuideIndex, tag: str) -> str | None:
    rel = index.releases
    i = rel.index(tag) if tag in rel else -1
    return rel[i + 1] if 0 <= i < len(rel) - 1 else None


def _after(index: GuideIndex, tag: str, ref: str) -> bool:
    rel = index.releases
    return tag in rel and ref in rel and rel.index(tag) > rel.index(ref)


def _not_found(index: GuideIndex, comp: Comparison, name: str, succ: Successor | None) -> None:
    present = releases_with(index, name)
    if present:
        comp.notes.append(Note("not_at_but", name=name, v1=comp.v1, v2=comp.v2, **listed("releases", present)))
        comp.summary.append({"change": "not_found", "name": name, "releases": present})
    elif succ is not None:
        # gone before the releases compared, not removed between them: the badge says where it is, and what replaced it
        comp.summary.append({"change": "gone", "symbol": name, "successor": list(succ.new)})  # says it is nowhere
    else:
        comp.summary.append({"change": "not_found", "name": name, "releases": []})
        comp.notes.append(Note("nowhere", name=name, **listed("releases", index.releases)))
        comp.candidates = close_names(index, name)
    if succ is not None:
        comp.successor = successor_ref(index, succ, comp.v2)


def _variants(
    index: GuideIndex, left_all: list[Definition], right_all: list[Definition], chosen: Definition, name: str, t2: str
) -> list[dict[str, Any]]:
    """The other platform variants of the chosen definition (same package and local name) and what became of each."""
    others = [
        d
        for d in left_all
        if d.local == chosen.local
        and d.package == chosen.package
        and d.path != chosen.path
        and (d.kind == chosen.kind or {d.kind, chosen.kind} <= {"func", "asm"})
    ]
    if not others:
        return []
    pool = right_all or moved_candidates(index, chosen, t2)
    out = []
    for d in sorted(others, key=lambda d: d.path)[:MAX_VARIANTS]:
        r = counterpart(d, [x for x in pool if x.local == d.local], name)
        if r is not None and posixpath.basename(r.path) != posixpath.basename(d.path):
            r = None
        if r is None:
            status = "removed"
        else:
            ta = index.excerpt(d.tag, d.path, d.start_line, d.end_line)
            tb = index.excerpt(r.tag, r.path, r.start_line, r.end_line)
            status = ("unchanged" if ta == tb else "changed") + (", moved" if r.path != d.path else "")
        out.append({"left_path": d.path, "right_path": r.path if r else None, "status": status})
    return out


__all__ = ["Comparison", "compare", "compare_releases", "compare_symbol", "described_comparison"]
