"""Explanations: the prose that explains the code, and the definitions it names.

The Go sources explain themselves in prose: the design comments at the top of files (proc.go's "Goroutine
scheduler", mgc.go, malloc.go, chan.go ...), package docs, src/runtime/HACKING.md, src/cmd/compile/README.md and the
design documents. This retriever ranks that prose by BM25 against the question and then follows it to the code: the
definitions each passage names (``wakep()``, ``m.spinning``, ``sched.nmspinning``, backticked or code-looking words,
or plain words the corpus uses as code), resolved in the passage's own package first. A definition reached through
several good passages ranks higher. (The passages themselves are ranked by the lexical and dense retrievers.)
Plain words count as names only in prose inside a package (a design comment of proc.go naming ``wakep``), when the
corpus uses them as code (``guide.retrieval.symbol.is_identifier``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING

from guide.definitions import primary
from guide.retrieval.base import EXPLAINED, Ranking, Scope
from guide.retrieval.lexical import lexical_query
from guide.retrieval.symbol import is_identifier
from ingest.buildtags import import_path_for

if TYPE_CHECKING:
    from guide.index import GuideIndex
    from guide.query import Query
    from ingest.store import ChunkRow

PROSE_KINDS = ("comment", "section", "package")
PASSAGES = 8
"""Prose passages followed per question."""
NAMES_PER_PASSAGE = 12

_CALL = re.compile(r"(?<![\w.])([A-Za-z_]\w*)\(\)")
_TICKED = re.compile(r"`([A-Za-z_][\w.()*]*)`")
_CODEY = re.compile(r"(?<![\w.])([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+|[a-z]+[A-Z]\w*|[A-Za-z]+_\w+)(?![\w(])")
_PLAIN = re.compile(r"(?<![\w.`])([a-z][a-z0-9]{3,})(?![\w.(`])")


def named_in(text: str) -> list[tuple[str, bool]]:
    """The names a passage mentions, in order of first mention: (name, written as code)."""
    out: dict[str, bool] = {}
    for rx, codey in ((_CALL, True), (_TICKED, True), (_CODEY, True), (_PLAIN, False)):
        for m in rx.finditer(text):
            name = m.group(1).strip(".")
            out.setdefault(name, codey)
    return list(out.items())


def _package_of(chunk: ChunkRow) -> str:
    return import_path_for(chunk.path) if chunk.repo == "go" else ""


class ExplainedRetriever:
    name = EXPLAINED

    def search(self, index: GuideIndex, query: Query, scope: Scope, k: int) -> Ranking:
        reader = index.reader
        match = lexical_query(reader, query.tokens)
        if match is None or not scope:
            return Ranking(self.name)
        found = reader.fts_search(match, scope.tags, PASSAGES, kinds=PROSE_KINDS)
        in_scope = set(scope.releases)
        score: dict[int, float] = defaultdict(float)
        first_seen: dict[int, int] = {}
        for rank, passage in enumerate(reader.chunks([r for r, _, _ in found]), 1):
            pkg = _package_of(passage)
            taken = 0
            for name, codey in named_in(passage.text):
                if taken >= NAMES_PER_PASSAGE:
                    break
                if not codey and (not pkg or not is_identifier(index, name)):
                    continue  # a plain word is a name only in the package's own prose, and when the code uses it so
                defs = [d for d in reader.lookup(name, limit=50) if d.tag in in_scope and d.kind not in PROSE_KINDS]
                if pkg:
                    defs = [d for d in defs if d.package == pkg] or ([] if not codey else defs)
                best = primary(defs, name, query.platform)
                if best is None:
                    continue
                taken += 1
                first_seen.setdefault(best.chunk_rowid, len(first_seen))
                score[best.chunk_rowid] += 1.0 / (rank + taken)
        ranked = sorted(score, key=lambda r: (-score[r], first_seen[r]))
        return Ranking(self.name, ranked[:k])


__all__ = ["ExplainedRetriever", "named_in"]
