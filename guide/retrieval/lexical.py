"""Lexical retrieval: BM25 over identifier-split tokens (SQLite FTS5, ``ingest.tokens``).

The query is an OR of the question's tokens. Very common tokens (in more than ``COMMON_DF`` of all chunks: ``go``,
``runtime``) are dropped, which makes queries faster and changes little; generated code scores half.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from guide.retrieval.base import BM25, Ranking, Scope

if TYPE_CHECKING:
    from guide.index import GuideIndex
    from guide.query import Query
    from ingest.reader import IndexReader

COMMON_DF = 0.2
"""Query tokens in more than this fraction of all chunks are dropped from the lexical query."""
GENERATED_FACTOR = 0.5
"""BM25 scores of generated code are multiplied by this (they are negative: closer to zero is worse)."""
MAX_QUERY_TOKENS = 32


def lexical_query(reader: IndexReader, tokens: Sequence[str]) -> str | None:
    """The FTS5 MATCH expression for a question's ``tokens``: quoted, OR-ed; None when there are none."""
    toks = [t.replace('"', "") for t in dict.fromkeys(tokens)]
    toks = [t for t in toks if t][:MAX_QUERY_TOKENS]
    if not toks:
        return None
    df = reader.doc_freq(toks)
    limit = COMMON_DF * max(reader.chunk_count(), 1)
    kept = [t for t in toks if df[t] <= limit]
    if not kept:  # only common tokens: keep the rarest few so that something matches
        kept = sorted(toks, key=lambda t: df[t])[:3]
    kept = [t for t in kept if df[t] > 0] or kept
    return " OR ".join(f'"{t}"' for t in kept)


class LexicalRetriever:
    name = BM25

    def search(self, index: GuideIndex, query: Query, scope: Scope, k: int) -> Ranking:
        match = lexical_query(index.reader, query.tokens)
        if match is None or not scope:
            return Ranking(self.name)
        found = index.reader.fts_search(match, scope.tags, k)
        ranked = sorted(found, key=lambda r: (r[1] * (GENERATED_FACTOR if r[2] else 1.0), r[0]))
        return Ranking(self.name, [r[0] for r in ranked])


__all__ = ["COMMON_DF", "LexicalRetriever", "lexical_query"]
