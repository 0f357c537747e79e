"""File retrieval: the files a question names — written out (``chan.go``, ``runtime/netpoll_epoll.go``; strong)
or, failing that, files whose name has a rare word the question writes as a part (``epoll`` ->
``netpoll_epoll.go``; weak, weighted ``FILE_WORD_WEIGHT``; not the English of its Chinese terms) — their
declarations ranked by BM25 against the question."""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

from guide.retrieval.base import FILE, Ranking, Scope
from guide.retrieval.lexical import lexical_query
from guide.retrieval.symbol import RARE_DF
from ingest.reader import IndexReader
from ingest.tokens import STOP_WORDS, query_tokens

if TYPE_CHECKING:
    from guide.index import GuideIndex
    from guide.query import Query

MAX_FILES_PER_WORD = 3
"""A question word names files (``epoll`` -> ``netpoll_epoll.go``) only when few file names have it as a part."""
RARE_FILE_WORD_SHARE = 0.005
"""... and when it is rare: in fewer than ``RARE_DF`` chunks and than this share of all chunks."""
FILE_WORD_WEIGHT = 0.5
"""Weight of the file list when the files come from a word of the question, not from a file name written out."""
_CODE_KINDS = frozenset({"func", "type", "const", "var", "asm", "method"})


_FILE_NAMES: weakref.WeakKeyDictionary[IndexReader, tuple[dict[str, list[str]], dict[str, set[str]]]] = (
    weakref.WeakKeyDictionary()
)


def _file_names(reader: IndexReader) -> tuple[dict[str, list[str]], dict[str, set[str]]]:
    """Paths of the Go repository by base name, and the base names each name part (``epoll``) is in (cached)."""
    cached = _FILE_NAMES.get(reader)
    if cached is None:
        by_base: dict[str, list[str]] = {}
        for path in reader.paths("go"):
            by_base.setdefault(path.rsplit("/", 1)[-1], []).append(path)
        parts: dict[str, set[str]] = {}
        for base in by_base:
            stem, _, ext = base.rpartition(".")
            if ext in ("go", "s") and not stem.endswith("_test"):
                for part in stem.lower().split("_"):
                    parts.setdefault(part, set()).add(base)
        cached = _FILE_NAMES[reader] = (by_base, parts)
    return cached


def named_files(index: GuideIndex, query: Query) -> tuple[list[str], bool, set[str]]:
    """Paths of the files ``query`` names, whether they were written out (see the module doc), and the question's
    words that named them when they were not."""
    by_base, parts = _file_names(index.reader)
    out: list[str] = []
    for w in query.files:
        base = w.rsplit("/", 1)[-1]
        out += [p for p in by_base.get(base, []) if "/" not in w or p.endswith("/" + w) or p == w]
    if out:
        return list(dict.fromkeys(out)), True, set()
    written = set(query_tokens(query.search_text))  # words the asker wrote, not the English of a Chinese term
    # ("调度" -> "schedule" is the scheduler, not src/cmd/compile/internal/ssa/schedule.go)
    words = [t for t in dict.fromkeys(query.tokens) if len(t) >= 4 and t not in STOP_WORDS and t in written]
    # a plural is as rare as its singular ("tables": 140 chunks, "table": 2,639; "Swiss tables" is no question about
    # malloc_tables.go)
    single = {
        w: [w[:-1], *([w[:-2]] if w.endswith(("ses", "xes", "ches", "shes")) else [])] for w in words if w[-1] == "s"
    }
    df = index.reader.doc_freq([*words, *(s for ss in single.values() for s in ss)]) if words else {}
    rare = min(RARE_DF, RARE_FILE_WORD_SHARE * index.reader.chunk_count())  # a name part, not English (``lock``)
    naming: set[str] = set()
    for w in words:
        bases = parts.get(w, set())
        used = max([df.get(w, 0), *(df[s] for s in single.get(w, []))])  # "intrinsics" 183, "intrinsic" 160: rare
        if 0 < len(bases) <= MAX_FILES_PER_WORD and used < rare:
            out += [p for b in sorted(bases) for p in by_base[b] if p.startswith("src/")]
            naming |= {w, *single.get(w, [])}
    return list(dict.fromkeys(out)), False, naming


class FileRetriever:
    name = FILE

    def search(self, index: GuideIndex, query: Query, scope: Scope, k: int) -> Ranking:
        paths, written, naming = named_files(index, query)
        if not paths or not scope:
            return Ranking(self.name)
        rows = index.reader.file_chunks("go", paths)
        code = [r for r, kind in rows if kind in _CODE_KINDS]
        code = index.reader.in_scope(code, scope.tags)
        # a file a word names: its declarations that say more of the question than that word ("How does the CPU
        # profiler sample ...?" named runtime/metrics/sample.go, whose Sample, Read and readMetrics say nothing else
        # of it, and took the first three places)
        match = lexical_query(index.reader, [t for t in query.tokens if t not in naming])
        if not code or match is None:
            return Ranking(self.name)
        scored = index.reader.fts_scores(match, code)
        ranked = sorted(scored, key=lambda r: (scored[r], r))[:k]
        weights = {} if written else dict.fromkeys(ranked, FILE_WORD_WEIGHT)
        return Ranking(self.name, ranked, weights)


__all__ = ["FILE_WORD_WEIGHT", "FileRetriever", "named_files"]
