"""Lexical retrieval: BM25 over identifier-split tokens (SQLite FTS5, ``ingest.tokens``).

The query is an OR of the question's tokens. Very common tokens (in more than ``COMMON_DF`` of all chunks: ``go``,
``runtime``) are dropped, which makes queries faster and changes little; generated code scores half. A first result
far ahead of every other definition (``CONFIDENT_RATIO``) weighs more in the fusion: the question's words are that
definition's own. Beside the dense list, every other item weighs by the share of the question's words it holds
(``COVERAGE_FULL``).

Two adjacent words of the question are also searched as one (``ingest.tokens.joined_words``: "run next" as
``runnext``, "write barrier" as ``writebarrier``, "size classes" as ``sizeclasses``); only those the index has count,
and an item's coverage counts the question's own words only (a joined word re-reads two of them). Measured with
``python bench/retrieval_quality.py --data-dir data --config default`` (hit@1 / hit@5 / MRR), without -> with: plain
dev half .529/.906/.685 -> .529/.918/.685; second set's .380/.700/.508 -> .400/.700/.521; third's MRR .459 -> .460;
needles (400) .755/.968/.847 and the team's facts unchanged. With the joined words counted in the coverage too the
needles fell to .750/.965/.843 (a needle's masked prose joins words that name other definitions: "next GC" as
``nextgc``) and the third set's hit@5 .680 -> .660.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from guide.retrieval.base import BM25, Ranking, Scope
from guide.retrieval.wordstats import idf_of
from ingest.tokens import joined_words

if TYPE_CHECKING:
    from guide.index import GuideIndex
    from guide.query import Query
    from ingest.reader import IndexReader

COMMON_DF = 0.2
"""Query tokens in more than this fraction of all chunks are dropped from the lexical query."""
GENERATED_FACTOR = 0.5
"""BM25 scores of generated code are multiplied by this (they are negative: closer to zero is worse)."""
MAX_QUERY_TOKENS = 32
CONFIDENT_RATIO = 1.5
CONFIDENT_WEIGHT = 4.0
"""When the first definition's BM25 score is at least ``CONFIDENT_RATIO`` times the next definition's (another
declaration; not the same one at another release, nor another part of it), it weighs ``CONFIDENT_WEIGHT`` in the
fusion instead of 1, as an identifier named in the question does: a question that repeats a definition's own
comment or message (a pasted doc comment, an error text) has found it, and the other lists' guesses on the meaning
of its words should not push it down. Such a lead is rare for questions in plain words and, when it happens, almost
always right: among 250 generated needles (names masked, every fourth of evals/needles/default.jsonl) 138 led by
1.5x or more and all 138 were right (at 1.3x 173 of 174; at 1.1x 201 of 209); among the plain dev half's 85
questions none led by 1.5x (3 by 1.3x, one of them right); among the team's 71 facts with citations 4, all right.
Measured (`python -m evals needles run --modes hybrid --limit 400`, hit@1 / hit@5 / MRR): without .540 / .878 /
.671; 1.5x with weight 4 .658 / .923 / .767 (weight 2 .618 / .900 / .736, weight 8 .660 / .923 / .769); 1.3x .688 /
.935 / .790, but the plain dev half's hit@1 .506 -> .494. At 1.5x and 4 the plain dev half, the team's facts and the
held-out set answer as before."""
LEAD_COVERAGE = 0.75
"""A lead is confident only when its chunk holds at least this share of the query's words, each weighed by its idf:
"the question's words are that definition's own" is then true of most of them, not of one rare word. Without it
"How is a Go program compiled and started? Is there a virtual machine like Java's JVM?" led with the Go 2
transitions proposal's section on Java (4 of the 8 words, .59 of their weight; 1.57x ahead). Every needle's lead
(250, names masked) holds all the words of its question; the team's facts' right leads hold .78 or more."""
COVERAGE_FULL = 0.7
"""Every other item of the list weighs its coverage (the same idf-weighted share of the query's words) divided by
``COVERAGE_FULL``, so from 0 to 1.43: the query is an OR of the question's words, and BM25 ranks a long
design-document section that repeats three of them ("read", "connection", "data") above a definition that holds
nearly all of them. A fused list is then led by what the words match together, not by what one of them matches
often. Measured with bench/retrieval_quality.py's cases (400 needles, plain, plain2 and plain3 dev halves, team facts;
hit@5 / MRR): without .938/.791, .859/.688, .680/.547, .640/.415, 1.00/.952; with .968/.844, .882/.663, .700/.508,
.680/.445, 1.00/.967. Weights capped at 1: needles .950/.804, plain3 .660; FULL .5: needles .943, plain dev .859;
FULL .9: plain3 .600; a squared share: plain3 .620; its square root: needles .950, plain dev .859. These weights
apply only beside the dense list (``Ranking.with_dense``): they let its candidates through in place of what one word
matches, and without vectors (an index still embedding, the tests' index) there is none to let through: there the
same weights gave needles .907 -> .953 but plain dev .847/.645 -> .835/.617, plain2 dev .680 -> .660, facts MRR
.957 -> .941, and answers led by a file's overview that holds every common word of the question (cgocall.go's for
"What happens when main returns while other goroutines are still running?")."""


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
        joined = joined_words([query.search_text, *query.translation])  # "run next": ``runnext``
        match = lexical_query(index.reader, [*query.tokens, *joined])
        if match is None or not scope:
            return Ranking(self.name)
        found = index.reader.fts_search(match, scope.tags, k)
        scores = {r[0]: -r[1] * (GENERATED_FACTOR if r[2] else 1.0) for r in found}  # higher is better
        rowids = sorted(scores, key=lambda r: (-scores[r], r))
        # the share of the question's own words each holds: a joined word re-reads two of them, counted once
        asked = lexical_query(index.reader, query.tokens) if joined else match
        held = coverages(index.reader, rowids, asked) if asked is not None else {}
        covered = {r: held.get(r, 0.0) / COVERAGE_FULL for r in rowids}
        lead = confident_lead(index.reader, rowids, scores)
        if lead is not None and held.get(lead, 0.0) < LEAD_COVERAGE:
            lead = None
        return Ranking(self.name, rowids, {lead: CONFIDENT_WEIGHT} if lead is not None else {}, covered)


LEAD_WINDOW = 12
"""How far down the list the next definition is looked for (the same one at other releases comes first)."""


def confident_lead(reader: IndexReader, rowids: Sequence[int], scores: Mapping[int, float]) -> int | None:
    """The first of ``rowids`` when its score (``scores``, higher is better) is at least ``CONFIDENT_RATIO`` times
    the best of another definition (another path or symbol) within the first ``LEAD_WINDOW``; else None."""
    if len(rowids) < 2:
        return None
    chunks = {c.rowid: (c.path, c.symbol) for c in reader.chunks(list(rowids[:LEAD_WINDOW]))}
    first = chunks.get(rowids[0])
    other = next((r for r in rowids[1:LEAD_WINDOW] if r in chunks and chunks[r] != first), None)
    if first is None or other is None or scores[other] <= 0:
        return None
    return rowids[0] if scores[rowids[0]] >= CONFIDENT_RATIO * scores[other] else None


def coverages(reader: IndexReader, rowids: Sequence[int], match: str) -> dict[int, float]:
    """For each chunk of ``rowids``, the share of the ``match`` expression's words (``lexical_query``'s) it holds,
    each word weighed by its idf in the index (1.0 when the words carry no weight)."""
    words = [w.strip('"') for w in match.split(" OR ")]
    weight = idf_of(reader.doc_freq(words), reader.chunk_count())
    total = sum(weight.values())
    held = reader.words_held(list(weight), list(rowids))
    return {r: sum(v for w, v in weight.items() if w in held[r]) / total if total else 1.0 for r in rowids}


__all__ = [
    "COMMON_DF",
    "CONFIDENT_RATIO",
    "CONFIDENT_WEIGHT",
    "COVERAGE_FULL",
    "LEAD_COVERAGE",
    "LexicalRetriever",
    "confident_lead",
    "coverages",
    "lexical_query",
]
