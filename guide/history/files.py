"""File-level and topic comparisons between two releases.

``compare_file(index, path, t1, t2)``: the symbols of one file at both releases (the symbol table of the file's blob
at each tag), paired by package-local name: added, removed, changed (same name, different text; the most changed
first, each with its structured summary), unchanged (same text; ``shifted`` counts those whose lines moved). A file
missing at ``t2`` is looked for under the same file name elsewhere (a moved directory), chosen by the share of symbol
names it has in common.

``compare_topic(index, query, t1, t2)``: the files whose chunks best match the question's topic words in the lexical
index, at either release, each compared as above.

Output is bounded: ``max_files`` files, ``max_symbols`` changed symbols per file (with counts of the rest).
"""

from __future__ import annotations

import logging
import posixpath
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from guide.citation import Citation, doc_comment_start, make_citation
from guide.definitions import package_similarity
from guide.history.sides import SuccessorRef, side_json, successor_ref
from guide.history.summary import line_counts, summarize, with_doc_change
from guide.knowledge import successor_for, successor_note
from guide.notes import Note, listed
from ingest.reader import FileSymbol
from ingest.tokens import name_parts

if TYPE_CHECKING:
    from guide.index import GuideIndex
    from guide.query import Query

log = logging.getLogger(__name__)

MAX_FILES = 3
MAX_SYMBOLS = 15
MAX_LISTED = 30
_SKIP_KINDS = ("comment", "package", "section", "text")


@dataclass
class SymbolChange:
    """A definition whose text differs between the two releases."""

    symbol: str
    kind: str
    lines_added: int
    lines_removed: int
    summary: list[dict[str, Any]]
    left: Citation
    right: Citation

    def to_json(self) -> dict[str, Any]:
        return {
            "symbol": self.symbol,
            "kind": self.kind,
            "lines_added": self.lines_added,
            "lines_removed": self.lines_removed,
            "summary": self.summary,
            "left": side_json(self.left),
            "right": side_json(self.right),
        }


@dataclass
class FileComparison:
    left_path: str | None
    right_path: str | None
    v1: str
    v2: str
    status: str = "unchanged"
    """``unchanged`` | ``changed`` | ``added`` | ``removed`` | ``absent``."""
    moved: bool = False
    score: float | None = None
    added: list[Citation] = field(default_factory=list)
    removed: list[Citation] = field(default_factory=list)
    changed: list[SymbolChange] = field(default_factory=list)
    unchanged: int = 0
    shifted: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def outside_definitions(self) -> bool:
        """Changed only outside its definitions: its build constraints, imports or comments between them (trial 45:
        "changed · 0 changed, 0 added, 0 removed" for runtime/internal/atomic's atomic_andor_generic.go)."""
        n = self.counts
        return self.status == "changed" and not any(n.get(k, 0) for k in ("changed", "added", "removed"))

    @property
    def path(self) -> str:
        return self.right_path or self.left_path or ""

    def citations(self) -> list[Citation]:
        out: list[Citation] = []
        for c in self.changed:
            out += [c.left, c.right]
        return out + self.added + self.removed

    def to_json(self) -> dict[str, Any]:
        return {
            "left_path": self.left_path,
            "right_path": self.right_path,
            "status": self.status,
            "moved": self.moved,
            "score": self.score,
            "counts": self.counts,
            "changed": [c.to_json() for c in self.changed],
            "added": [side_json(c) for c in self.added],
            "removed": [side_json(c) for c in self.removed],
            "unchanged": self.unchanged,
            "shifted": self.shifted,
        }


@dataclass
class TopicComparison:
    """A file or a question's topic between two releases: one :class:`FileComparison` per file."""

    question: str
    v1: str
    v2: str
    files: list[FileComparison] = field(default_factory=list)
    tokens: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    successor: SuccessorRef | None = None
    kind: str = "topic"
    """``topic`` (from a question) or ``file`` (a path was given)."""

    @property
    def symbol(self) -> str:
        return self.question

    @property
    def found(self) -> bool:
        return any(f.status != "absent" for f in self.files)

    @property
    def citations(self) -> list[Citation]:
        out = [c for f in self.files for c in f.citations()]
        return out + (self.successor.definitions if self.successor else [])

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "question": self.question,
            "v1": self.v1,
            "v2": self.v2,
            "tokens": self.tokens,
            "files": [f.to_json() for f in self.files],
            "notes": self.notes,
            "successor": self.successor.to_json() if self.successor else None,
            "citations": [side_json(c) for c in self.citations],
        }


# -- files ---------------------------------------------------------------------------------------------------------
def file_symbols(index: GuideIndex, tag: str, path: str) -> list[FileSymbol] | None:
    blob = index.blob_id(tag, path)
    return index.reader.file_symbols("go", path, blob, _SKIP_KINDS) if blob is not None else None


def _became_methods(removed: list[FileSymbol], added: list[FileSymbol]) -> dict[FileSymbol, FileSymbol]:
    """Functions of a file that became methods of a type named by the rest of their words, each paired with the one
    method it became: go1.22's old tracer (trace.go) turned ``traceGoStart`` into ``traceLocker.GoStart`` and two
    dozen others alike (trial 45 read each as one removed and one added). A method's words must be some of the
    function's, and the function's other words some of the receiver's."""
    candidates: dict[FileSymbol, list[FileSymbol]] = defaultdict(list)
    for f in (s for s in removed if s.kind == "func"):
        words = set(name_parts(f.name))
        for m in (s for s in added if s.kind == "method"):
            receiver, _, name = m.local.rpartition(".")
            own, rest = set(name_parts(name)), words - set(name_parts(name))
            if own < words and rest <= set(name_parts(receiver.strip("(*)"))):
                candidates[f].append(m)
    taken = [m for ms in candidates.values() for m in ms]
    return {f: ms[0] for f, ms in candidates.items() if len(ms) == 1 and taken.count(ms[0]) == 1}


def _keyed(syms: list[FileSymbol]) -> dict[tuple[str, str, int], FileSymbol]:
    seen: dict[tuple[str, str], int] = defaultdict(int)
    out = {}
    for s in syms:
        k = (s.local, s.kind)
        out[(s.local, s.kind, seen[k])] = s
        seen[k] += 1
    return out


def _path_rank(path: str) -> tuple:
    return (
        not path.startswith("src/runtime/"),
        not path.startswith(("src/internal/runtime/", "src/runtime/internal/")),
        path.count("/"),
        path,
    )


def _moved_file(index: GuideIndex, path: str, have: str, want: str) -> str | None:
    """The path at ``want`` of the file ``path`` (at ``have``) when it moved to another directory, or None."""
    base = posixpath.basename(path)
    others = [p for p in index.reader.paths_named("go", base, (want,)) if p != path]
    if not others:
        return None
    mine = {s.local for s in file_symbols(index, have, path) or []}

    def overlap(p: str) -> float:
        theirs = {s.local for s in file_symbols(index, want, p) or []}
        if not mine and not theirs:
            return package_similarity(posixpath.dirname(p), posixpath.dirname(path))
        return len(mine & theirs) / max(1, len(mine | theirs))

    best = max(others, key=lambda p: (overlap(p), package_similarity(posixpath.dirname(p), posixpath.dirname(path))))
    return best if overlap(best) >= 0.3 else None


def _cite(index: GuideIndex, tag: str, path: str, s: FileSymbol) -> Citation | None:
    return make_citation(index, tag, path, s.start_line, s.end_line, symbol=s.symbol, kind=s.kind, package=s.package)


def _text(lines: list[str], s: FileSymbol) -> str:
    return "\n".join(lines[s.start_line - 1 : s.end_line])


def _doc(path: str, lines: list[str], s: FileSymbol) -> str:
    """A definition's doc comment (``citation.doc_comment_start``, as the symbol comparison and the viewer read one):
    a definition whose doc comment changed and code did not is "doc comment changed", not unchanged (trial 109 found
    debug.SetMemoryLimit's +4 −4 counted among garbage.go's 9 unchanged definitions)."""
    return "\n".join(lines[doc_comment_start(path, lines, s.start_line) - 1 : s.start_line - 1])


def compare_file(
    index: GuideIndex,
    path: str,
    t1: str,
    t2: str,
    max_symbols: int = MAX_SYMBOLS,
    right_path: str | None = None,
    follow_moves: bool = True,
) -> FileComparison:
    """Compare the file ``path`` between tags ``t1`` and ``t2`` (``right_path``: its path at ``t2`` if it differs;
    ``follow_moves`` False: a file at one release only is added or removed, never paired with a file elsewhere)."""
    lp = path if index.blob_id(t1, path) else None
    rp = right_path or (path if index.blob_id(t2, path) else None)
    if lp is None and rp is not None and right_path is None and follow_moves:
        lp = _moved_file(index, path, t2, t1)
    elif rp is None and lp is not None and follow_moves:
        rp = _moved_file(index, path, t1, t2)
    fc = FileComparison(lp, rp, t1, t2, moved=bool(lp and rp and lp != rp))
    if lp is None and rp is None:
        fc.status = "absent"
        return fc
    if lp is not None and rp is not None and lp == rp and index.blob_id(t1, lp) == index.blob_id(t2, rp):
        fc.unchanged = len(file_symbols(index, t1, lp) or [])
        fc.counts = {"changed": 0, "added": 0, "removed": 0, "unchanged": fc.unchanged}
        return fc
    left = _keyed(file_symbols(index, t1, lp) or []) if lp else {}
    right = _keyed(file_symbols(index, t2, rp) or []) if rp else {}
    llines = (index.file_lines(t1, lp) or []) if lp else []
    rlines = (index.file_lines(t2, rp) or []) if rp else []
    changed = []
    became = _became_methods(
        [s for k, s in left.items() if k not in right], [s for k, s in right.items() if k not in left]
    )
    for k, a in [*left.items(), *((None, x) for x in became)]:
        b = right.get(k) if k is not None else became[a]
        if b is None:
            continue
        ta, tb = _text(llines, a), _text(rlines, b)
        da, db = _doc(lp or "", llines, a), _doc(rp or "", rlines, b)
        if ta == tb and da == db:
            fc.unchanged += 1
            fc.shifted += int(a.start_line != b.start_line)
            continue
        old, new = (ta, tb) if ta != tb else (da, db)  # the code's lines, or the doc comment's when only it changed
        added, removed = line_counts(old.split("\n"), new.split("\n"))
        changed.append((added + removed, a, b, ta, tb, added, removed, da, db))
    changed.sort(key=lambda x: (-x[0], x[1].start_line))
    for _, a, b, ta, tb, added, removed, da, db in changed[:max_symbols]:
        ca, cb = _cite(index, t1, lp or "", a), _cite(index, t2, rp or "", b)
        if ca is None or cb is None:
            continue
        summary = with_doc_change(summarize(b.kind, b.name, ta, tb, a.start_line, b.start_line), da, db)
        if a in became:  # a function become a method: said as such, then how its text changed
            summary = [{"change": "renamed", "old": a.symbol, "new": b.symbol}, *summary]
        fc.changed.append(SymbolChange(b.symbol, b.kind, added, removed, summary, ca, cb))
    added_syms = [s for k, s in right.items() if k not in left and s not in became.values()]
    removed_syms = [s for k, s in left.items() if k not in right and s not in became]
    fc.added = [c for s in added_syms[:MAX_LISTED] if (c := _cite(index, t2, rp or "", s)) is not None]
    fc.removed = [c for s in removed_syms[:MAX_LISTED] if (c := _cite(index, t1, lp or "", s)) is not None]
    fc.counts = {
        "changed": len(changed),
        "added": len(added_syms),
        "removed": len(removed_syms),
        "unchanged": fc.unchanged,
    }
    if lp is None:
        fc.status = "added"
    elif rp is None:
        fc.status = "removed"
    else:
        fc.status = "changed" if changed or added_syms or removed_syms else "unchanged"
        if fc.status == "unchanged" and index.blob_id(t1, lp) != index.blob_id(t2, rp):
            fc.status = "changed"  # comments, imports or layout outside the definitions
        elif fc.status == "unchanged" and fc.moved:
            fc.status = "moved"  # the same text at another path
    return fc


def compare_path(index: GuideIndex, name: str, t1: str, t2: str) -> TopicComparison:
    """Compare a file named by path (``src/runtime/chan.go``, ``runtime/chan.go``, ``chan.go``)."""
    tc = TopicComparison(question=name, v1=t1, v2=t2, kind="file")
    paths = index.reader.paths_named("go", name, (t1, t2))
    if not paths:
        tc.notes.append(Note("no_file", name=name, **listed("releases", [t1, t2])))
        succ = successor_for(name)
        if succ is not None:
            tc.successor = successor_ref(index, succ, t2)
            tc.notes.append(successor_note(name, succ))
            for target in succ.new:
                if index.blob_id(t1, target) or index.blob_id(t2, target):
                    tc.files.append(compare_file(index, target, t1, t2))
        return tc
    path = min(paths, key=_path_rank)
    tc.files.append(compare_file(index, path, t1, t2))
    if len(paths) > 1 and "/" not in name:
        tc.notes.append(Note("several_files", name=name, path=path))
    return tc


# -- topics --------------------------------------------------------------------------------------------------------
def _fts_query(tokens: tuple[str, ...] | list[str]) -> str:
    """An OR of the tokens and the singular of long plural ones, for the lexical index."""
    terms = []
    for t in tokens:
        terms.append(t)
        if len(t) > 4 and t.endswith("s"):
            terms.append(t[:-1])
    return " OR ".join('"' + t.replace('"', "") + '"' for t in dict.fromkeys(terms))


def topic_files(
    index: GuideIndex, tokens: tuple[str, ...] | list[str], t1: str, t2: str, n: int = MAX_FILES
) -> list[tuple[str, float]]:
    """The Go source files (at ``t1`` or ``t2``) whose chunks best match ``tokens``: (path, score), best first."""
    if not tokens:
        return []
    found = index.reader.fts_search(_fts_query(tokens), [t1, t2], 400)
    chunks = {c.rowid: c for c in index.reader.chunks([r for r, _, _ in found])}
    per: dict[str, list[float]] = defaultdict(list)
    for rowid, score, _ in found:
        c = chunks.get(rowid)
        if c is not None and c.repo == "go" and c.path.endswith((".go", ".s")):
            per[c.path].append(-score)
    ranked = {p: sum(sorted(s, reverse=True)[:3]) for p, s in per.items()}
    return sorted(ranked.items(), key=lambda kv: -kv[1])[:n]


def compare_topic(
    index: GuideIndex, query: Query, t1: str, t2: str, max_files: int = MAX_FILES, max_symbols: int = MAX_SYMBOLS
) -> TopicComparison:
    """Compare the files a question is about (see the module doc)."""
    tc = TopicComparison(question=query.search_text, v1=t1, v2=t2, tokens=list(query.topic_tokens))
    files = topic_files(index, query.topic_tokens, t1, t2, max_files)
    if not files:
        tc.notes.append(Note("no_source", words=" ".join(tc.tokens) or "the question"))
        return tc
    done: set[str] = set()
    for path, score in files:
        if path in done:
            continue
        fc = compare_file(index, path, t1, t2, max_symbols)
        fc.score = round(score, 3)
        done.update(p for p in (fc.left_path, fc.right_path) if p)
        tc.files.append(fc)
    tc.notes.append(Note("files_chosen", **listed("words", tc.tokens), n=len(tc.files)))
    return tc


__all__ = [
    "FileComparison",
    "SymbolChange",
    "TopicComparison",
    "compare_file",
    "compare_path",
    "compare_topic",
    "file_symbols",
    "topic_files",
]
