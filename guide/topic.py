"""File-level and topic comparisons between two releases.

``compare_file(index, path, t1, t2)``: the symbols of one file at both releases (from the symbols table of the
file's blob at each tag), paired by package-local name: added, removed, changed (same name, different text; the
most changed first, each with its structured summary), unchanged (same text; ``shifted`` counts those whose lines
moved). A file missing at ``t2`` is looked for under the same file name elsewhere (a moved directory), chosen by
the share of symbol names it has in common.

``compare_topic(index, question, t1, t2)``: the files whose chunks best match the question's words in the lexical
(FTS5) index, at either release, each compared as above. ``question_symbol`` finds the identifier a question names,
if any, for ``guide.compare.compare`` to route a question to a symbol comparison instead.

Output is bounded: ``max_files`` files, ``max_symbols`` changed symbols per file (with counts of the rest).
"""

from __future__ import annotations

import logging
import posixpath
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from guide.definitions import candidates, package_similarity
from guide.diffsummary import describe, line_counts, summarize
from guide.successors import successor_for, successor_note
from ingest.tokens import STOP_WORDS, query_tokens

if TYPE_CHECKING:
    from guide.index import GuideIndex

log = logging.getLogger(__name__)

MAX_FILES = 3
MAX_SYMBOLS = 15
MAX_LISTED = 30
_SKIP_KINDS = ("comment", "package", "section", "text")
_CHANGE = """
change changed changes changing differ differs different difference differences diff compare compared comparison
evolve evolved evolution version versions release releases go golang new old since until vs versus now
implementation implemented work works happen happened did got get between go1 latest newest previous
"""
CHANGE_WORDS: frozenset[str] = frozenset(_CHANGE.split())
"""Words of a "what changed" question that name no topic."""


@dataclass(frozen=True)
class FileSymbol:
    symbol: str
    local: str
    name: str
    package: str
    kind: str
    start_line: int
    end_line: int


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
    added: list[dict[str, Any]] = field(default_factory=list)
    removed: list[dict[str, Any]] = field(default_factory=list)
    changed: list[dict[str, Any]] = field(default_factory=list)
    unchanged: int = 0
    shifted: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def path(self) -> str:
        return self.right_path or self.left_path or ""

    def citations(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for c in self.changed:
            out += [c["left"], c["right"]]
        out += self.added + self.removed
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "left_path": self.left_path,
            "right_path": self.right_path,
            "status": self.status,
            "moved": self.moved,
            "score": self.score,
            "counts": self.counts,
            "changed": self.changed,
            "added": self.added,
            "removed": self.removed,
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
    successor: dict[str, Any] | None = None
    kind: str = "topic"
    """``topic`` (from a question) or ``file`` (a path was given)."""

    @property
    def symbol(self) -> str:
        return self.question

    @property
    def citations(self) -> list[dict[str, Any]]:
        out = [c for f in self.files for c in f.citations()]
        if self.successor:
            out += self.successor.get("definitions", [])
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "question": self.question,
            "v1": self.v1,
            "v2": self.v2,
            "tokens": self.tokens,
            "files": [f.to_json() for f in self.files],
            "notes": self.notes,
            "successor": self.successor,
            "citations": self.citations,
        }

    def render_text(self) -> str:
        out = [f"{self.question}: {self.v1} -> {self.v2}"]
        for f in self.files:
            where = f.left_path if f.left_path == f.right_path else f"{f.left_path} -> {f.right_path}"
            n = f.counts
            out.append(
                f"  {where}: {f.status}; {n.get('changed', 0)} changed, {n.get('added', 0)} added, "
                f"{n.get('removed', 0)} removed, {f.unchanged} unchanged"
            )
            for c in f.changed:
                a, b = c["left"], c["right"]
                out.append(
                    f"    ~ {c['symbol']} ({c['kind']}) {a['start_line']}-{a['end_line']} -> "
                    f"{b['start_line']}-{b['end_line']}: " + "; ".join(describe(x) for x in c["summary"])
                )
            out += [f"    + {c['symbol']} ({c['kind']}) {c['start_line']}-{c['end_line']}" for c in f.added]
            out += [f"    - {c['symbol']} ({c['kind']}) {c['start_line']}-{c['end_line']}" for c in f.removed]
        if self.successor:
            for d in self.successor.get("definitions", []):
                out.append(f"  successor: {d['version']} {d['path']}\n       {d['url']}")
        out += [f"  note: {n}" for n in self.notes]
        return "\n".join(out)

    def render_markdown(self, lang: str = "en", sources: dict[tuple[str, str, int], int] | None = None) -> str:
        from guide.render_compare import render_topic_markdown

        return render_topic_markdown(self, lang, sources or {})


# -- files ---------------------------------------------------------------------------------------------------------
def _file_symbols(index: GuideIndex, tag: str, path: str) -> list[FileSymbol] | None:
    blob = index.blob_id(tag, path)
    if blob is None:
        return None
    rows = index.store.db.execute(
        "SELECT DISTINCT symbol, name, package, kind, start_line, end_line FROM symbols "
        f"WHERE repo='go' AND path=? AND blob=? AND kind NOT IN ({','.join('?' * len(_SKIP_KINDS))}) "
        "ORDER BY start_line",
        (path, blob, *_SKIP_KINDS),
    )
    out = []
    for sym, name, pkg, kind, a, b in rows:
        local = sym[len(pkg) + 1 :] if pkg and sym.startswith(pkg + ".") else sym
        out.append(FileSymbol(sym, local, name, pkg, kind, a, b))
    return out


def _keyed(syms: list[FileSymbol]) -> dict[tuple[str, str, int], FileSymbol]:
    seen: dict[tuple[str, str], int] = defaultdict(int)
    out = {}
    for s in syms:
        k = (s.local, s.kind)
        out[(s.local, s.kind, seen[k])] = s
        seen[k] += 1
    return out


def _paths_named(index: GuideIndex, name: str, tags: tuple[str, ...]) -> list[str]:
    marks = ",".join("?" * len(tags))
    rows = index.store.db.execute(
        f"SELECT DISTINCT path FROM files WHERE repo='go' AND tag IN ({marks}) AND (path=? OR path LIKE ?)",
        (*tags, name, f"%/{name.lstrip('/')}"),
    )
    return [r[0] for r in rows]


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
    others = [p for p in _paths_named(index, base, (want,)) if p != path]
    if not others:
        return None
    mine = {s.local for s in _file_symbols(index, have, path) or []}

    def overlap(p: str) -> float:
        theirs = {s.local for s in _file_symbols(index, want, p) or []}
        if not mine and not theirs:
            return package_similarity(posixpath.dirname(p), posixpath.dirname(path))
        return len(mine & theirs) / max(1, len(mine | theirs))

    best = max(others, key=lambda p: (overlap(p), package_similarity(posixpath.dirname(p), posixpath.dirname(path))))
    return best if overlap(best) >= 0.3 else None


def _entry(index: GuideIndex, tag: str, path: str, s: FileSymbol) -> dict[str, Any]:
    return {
        "version": tag,
        "path": path,
        "start_line": s.start_line,
        "end_line": s.end_line,
        "symbol": s.symbol,
        "kind": s.kind,
        "url": index.permalink(tag, path, s.start_line, s.end_line),
    }


def _text(lines: list[str], s: FileSymbol) -> str:
    return "\n".join(lines[s.start_line - 1 : s.end_line])


def compare_file(
    index: GuideIndex, path: str, t1: str, t2: str, max_symbols: int = MAX_SYMBOLS, right_path: str | None = None
) -> FileComparison:
    """Compare the file ``path`` between tags ``t1`` and ``t2`` (``right_path``: its path at ``t2`` if it differs)."""
    lp = path if index.blob_id(t1, path) else None
    rp = right_path or (path if index.blob_id(t2, path) else None)
    if lp is None and rp is not None and right_path is None:
        lp = _moved_file(index, path, t2, t1)
    elif rp is None and lp is not None:
        rp = _moved_file(index, path, t1, t2)
    fc = FileComparison(lp, rp, t1, t2, moved=bool(lp and rp and lp != rp))
    if lp is None and rp is None:
        fc.status = "absent"
        return fc
    if lp is not None and rp is not None and lp == rp and index.blob_id(t1, lp) == index.blob_id(t2, rp):
        fc.unchanged = len(_file_symbols(index, t1, lp) or [])
        fc.counts = {"changed": 0, "added": 0, "removed": 0, "unchanged": fc.unchanged}
        return fc
    left = _keyed(_file_symbols(index, t1, lp) or []) if lp else {}
    right = _keyed(_file_symbols(index, t2, rp) or []) if rp else {}
    llines = (index.file_lines(t1, lp) or []) if lp else []
    rlines = (index.file_lines(t2, rp) or []) if rp else []
    changed = []
    for k, a in left.items():
        b = right.get(k)
        if b is None:
            continue
        ta, tb = _text(llines, a), _text(rlines, b)
        if ta == tb:
            fc.unchanged += 1
            fc.shifted += int(a.start_line != b.start_line)
            continue
        added, removed = line_counts(ta.split("\n"), tb.split("\n"))
        changed.append((added + removed, k, a, b, ta, tb, added, removed))
    changed.sort(key=lambda x: (-x[0], x[2].start_line))
    for _, _k, a, b, ta, tb, added, removed in changed[:max_symbols]:
        fc.changed.append(
            {
                "symbol": b.symbol,
                "kind": b.kind,
                "lines_added": added,
                "lines_removed": removed,
                "summary": summarize(b.kind, b.name, ta, tb, a.start_line, b.start_line),
                "left": _entry(index, t1, lp or "", a),
                "right": _entry(index, t2, rp or "", b),
            }
        )
    added_syms = [s for k, s in right.items() if k not in left]
    removed_syms = [s for k, s in left.items() if k not in right]
    fc.added = [_entry(index, t2, rp or "", s) for s in added_syms[:MAX_LISTED]]
    fc.removed = [_entry(index, t1, lp or "", s) for s in removed_syms[:MAX_LISTED]]
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
        fc.status = "changed" if changed or added_syms or removed_syms or fc.moved else "unchanged"
        if fc.status == "unchanged" and index.blob_id(t1, lp) != index.blob_id(t2, rp):
            fc.status = "changed"  # comments, imports or layout outside the definitions
    return fc


def _find_path(index: GuideIndex, name: str, t1: str, t2: str) -> str | None:
    paths = _paths_named(index, name, (t1, t2))
    return min(paths, key=_path_rank) if paths else None


def compare_path(index: GuideIndex, name: str, t1: str, t2: str) -> TopicComparison:
    """Compare a file named by path (``src/runtime/chan.go``, ``runtime/chan.go``, ``chan.go``)."""
    tc = TopicComparison(question=name, v1=t1, v2=t2, kind="file")
    path = _find_path(index, name, t1, t2)
    if path is None:
        tc.notes.append(f"no file `{name}` in {t1} or {t2}")
        succ = successor_for(name)
        if succ is not None:
            from guide.compare import successor_json

            tc.successor = successor_json(index, succ, t2)
            tc.notes.append(successor_note(name, succ))
            for target in succ.new:
                if index.blob_id(t1, target) or index.blob_id(t2, target):
                    tc.files.append(compare_file(index, target, t1, t2))
        return tc
    tc.files.append(compare_file(index, path, t1, t2))
    if len(_paths_named(index, name, (t1, t2))) > 1 and "/" not in name:
        tc.notes.append(f"several files are named {name}; compared {path}")
    return tc


# -- topics --------------------------------------------------------------------------------------------------------
_VERSIONISH = re.compile(r"^(?:go)?\d+$|^go\d")


def topic_tokens(question: str) -> list[str]:
    """The question's words that can name a topic (no stop words, versions or words about change)."""
    out = []
    for t in query_tokens(question):
        if t in CHANGE_WORDS or _VERSIONISH.match(t) or len(t) < 2:
            continue
        out.append(t)
    return list(dict.fromkeys(out))


def _fts_query(tokens: list[str]) -> str:
    terms = []
    for t in tokens:
        terms.append(t)
        if len(t) > 4 and t.endswith("s"):
            terms.append(t[:-1])
    return " OR ".join('"' + t.replace('"', "") + '"' for t in dict.fromkeys(terms))


def topic_files(index: GuideIndex, tokens: list[str], t1: str, t2: str, n: int = MAX_FILES) -> list[tuple[str, float]]:
    """The Go source files (at ``t1`` or ``t2``) whose chunks best match ``tokens``: (path, score), best first."""
    if not tokens:
        return []
    rows = index.store.db.execute(
        "SELECT c.path, bm25(fts) AS score FROM fts JOIN chunks c ON c.rowid=fts.rowid "
        "WHERE fts MATCH ? AND c.repo='go' AND (c.path LIKE '%.go' OR c.path LIKE '%.s') "
        "AND EXISTS (SELECT 1 FROM files f WHERE f.repo=c.repo AND f.path=c.path AND f.blob=c.blob "
        "AND f.tag IN (?, ?)) ORDER BY score LIMIT 400",
        (_fts_query(tokens), t1, t2),
    )
    per: dict[str, list[float]] = defaultdict(list)
    for path, score in rows:
        per[path].append(-score)
    ranked = {p: sum(sorted(s, reverse=True)[:3]) for p, s in per.items()}
    return sorted(ranked.items(), key=lambda kv: -kv[1])[:n]


def compare_topic(
    index: GuideIndex, question: str, t1: str, t2: str, max_files: int = MAX_FILES, max_symbols: int = MAX_SYMBOLS
) -> TopicComparison:
    """Compare the files a question is about (see the module doc)."""
    tc = TopicComparison(question=question, v1=t1, v2=t2, tokens=topic_tokens(question))
    files = topic_files(index, tc.tokens, t1, t2, max_files)
    if not files:
        tc.notes.append(f"no indexed Go source matches {' '.join(tc.tokens) or 'the question'}")
        return tc
    done: set[str] = set()
    for path, score in files:
        if path in done:
            continue
        fc = compare_file(index, path, t1, t2, max_symbols)
        fc.score = round(score, 3)
        done.update(p for p in (fc.left_path, fc.right_path) if p)
        tc.files.append(fc)
    tc.notes.append(
        f"files chosen by matching {', '.join(tc.tokens)} in the lexical index; {len(tc.files)} file(s) compared"
    )
    return tc


# -- a symbol in a question ----------------------------------------------------------------------------------------
_WORD = re.compile(r"`([^`]+)`|([\w·]+(?:(?:\.|·|/)[\w·*()]+)*(?:\(\*?\w+\)\.\w+)?)")
_CODEY = re.compile(r"_|·|[a-z][A-Z]|\w\.\w|\)\.")
_SKIP_CAPS = {"go", "golang", "i", "what", "how", "why", "when", "which", "who", "is", "does", "did", "the", "a"}


def _resolves(index: GuideIndex, name: str, t1: str, t2: str) -> bool:
    return bool(candidates(index, name, t1) or candidates(index, name, t2) or successor_for(name))


_TYPE_WORD = re.compile(r"\s+(?:struct|type)\b", re.IGNORECASE)
_AFTER_TYPE = re.compile(r"\b(?:type|struct)\s+$", re.IGNORECASE)
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_ASCII_IDENT = re.compile(r"[A-Za-z_][\w·.()*/]*")
RARE_DF = 200
"""A plain word in fewer chunks than this is taken for an identifier (``sudog``), as in ``guide.retrieve``."""


def _rare(index: GuideIndex, word: str) -> bool:
    from guide.retrieve import _stats

    low = word.lower()
    return _stats(index.store).doc_freq([low]).get(low, 0) < RARE_DF


def _balanced(w: str) -> str:
    while w.endswith(")") and w.count(")") > w.count("("):
        w = w[:-1]
    while w.startswith("(") and w.count("(") > w.count(")"):
        w = w[1:]
    return w.strip(".")


def glossary_symbol(index: GuideIndex, question: str, t1: str, t2: str) -> str | None:
    """The symbol the Go-internals glossary (``guide.retrieve.GLOSSARY``) gives for a question's topic, when one
    of its names is defined at both releases, or at ``t1`` with a curated successor (``hmap`` -> ``maps.Map``)."""
    from guide.retrieve import _GLOSSARY

    words = set(re.findall(r"\w+", question))
    for rx, names in _GLOSSARY:
        if not rx.search(question):
            continue
        # a name the question writes as it is spelled ("itab") before the others the topic brings (getitab)
        for name in sorted(names, key=lambda n: n.rsplit(".", 1)[-1] not in words):
            at1, at2 = bool(candidates(index, name, t1)), bool(candidates(index, name, t2))
            if (at1 and at2) or (at1 and successor_for(name) is not None):
                return name
        return None  # the first topic the question names decides
    return None


def question_symbol(index: GuideIndex, question: str, t1: str, t2: str) -> str | None:
    """The identifier a question names, if it resolves: backticked; code-like; written as a type ("the sudog
    struct", "type p"); a plain word rare enough in the index to be an identifier (``stopm``), or any ASCII word in
    a Chinese question; the glossary's definition for the question's topic; or the question's only topic word."""
    ticked, codey, plain = [], [], []
    chinese = bool(_CJK.search(question))
    for i, m in enumerate(_WORD.finditer(question)):
        if m.group(1):
            ticked.append(m.group(1).strip())
            continue
        w = m.group(2)
        if _CJK.search(w):  # "schedinit在": \w includes CJK ideographs
            parts = _ASCII_IDENT.findall(w)
            if not parts:
                continue
            w = parts[0]
        w = _balanced(w)
        low = w.lower()
        if w and (_TYPE_WORD.match(question, m.end()) or _AFTER_TYPE.search(question, 0, m.start())):
            w = low if w in ("G", "M", "P") else w  # the scheduler's G, M, P are the runtime's g, m, p
            if w.lower() not in STOP_WORDS and _resolves(index, w, t1, t2):
                ticked.append(w)
                continue
        if not w or low in STOP_WORDS or low in CHANGE_WORDS or low in _SKIP_CAPS or _VERSIONISH.match(low):
            continue
        if re.fullmatch(r"(?:go)?1\.\d+(?:\.\d+)?", low):
            continue
        exported = w[0].isupper() and i > 0 and not (w.isupper() and len(w) <= 4)
        if _CODEY.search(w) or exported:
            codey.append(w)
        else:
            plain.append(w)
    for w in [*ticked, *codey]:
        if _resolves(index, w, t1, t2):
            return w
    for w in plain:
        if len(w) >= 3 and (chinese or _rare(index, w)) and _resolves(index, w, t1, t2):
            return w
    glossed = glossary_symbol(index, question, t1, t2)  # "the map implementation": maps.Map/hmap, not sync.Map
    if glossed is not None:
        return glossed
    content = topic_tokens(question)
    if len(content) == 1 and len(plain) >= 1:
        w = next((p for p in plain if p.lower() == content[0]), None)
        if w is not None and _resolves(index, w, t1, t2):
            return w
    return None


__all__ = [
    "FileComparison",
    "TopicComparison",
    "compare_file",
    "compare_path",
    "compare_topic",
    "question_symbol",
    "topic_files",
    "topic_tokens",
]
