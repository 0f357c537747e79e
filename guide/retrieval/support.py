"""Whether what retrieval found is about the question, so that an answer may be grounded on it.

A hit found by symbol or concept search is. Dense neighbours are always "something", and a lexical match may share
one word only ("bake" in a design document, for "How do I bake banana bread?"), so each of these is about the
question when the question is close enough in meaning to what was found: the cosine of the question to a hit's
embedded text, the best of the first hits, reaches a floor measured for the embedding model. Without the embedding
model, or with one the floors were not measured for, a lexical match is enough and dense neighbours alone are not.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from guide.retrieval.base import BM25, CONCEPT, DENSE, SYMBOL
from ingest.embeddings import embedding_text

if TYPE_CHECKING:
    from guide.index import GuideIndex
    from guide.query import Query
    from guide.retrieval.fusion import Hit

READ = 5
"""The first hits whose similarity to the question is read."""

ON_TOPIC_SIMILARITY = {"minilm": 0.30, "minilm-torch": 0.30}
"""A question whose only support is lexical (a word of it occurs somewhere in the sources) is about the Go sources
when its similarity to what was found reaches this. Measured on the default index: the plain dev half's questions
and the team's facts reach .35 or more when nothing names a symbol or concept (the lowest, .22, is found by concept;
a question naming what no release defines, "Where is typ2Itab defined?" .32, takes the absence route); questions on
other subjects reach .05-.29 ("How do I bake banana bread?" .23, "How does React's virtual DOM work?" .25, "Explain
the rules of chess castling." .28), with "What is the capital of Australia?" (.33) above it. End to end: 14 of 18
such questions get "nothing relevant", and none of the 187 questions of the plain dev half and the team's facts."""

DENSE_ONLY_SIMILARITY = {"minilm": 0.40, "minilm-torch": 0.40}
"""A question found by its meaning only (no word of it in the index, no symbol, no concept: in practice a Chinese
question whose words bilingual.toml lacks, read through CC-CEDICT's English for the embedding model) is about the Go
sources when its similarity to what was found reaches this. ``python bench/on_topic.py`` on the default index, with
the questions of bench/on_topic.tsv (written for the measure, none an eval item): of 29 questions on other subjects,
17 had dense neighbours only, at .17-.40 (the highest .397, "二战是哪一年结束的？" with runtime.worldStopped); of 22
Chinese questions on the runtime, 6 had dense neighbours only, at .34-.51, 5 of them .42 or more ("运行时的随机数生成器
是怎么实现的？" .506 with runtime.globalRand; "竞态检测器是怎么工作的？" .341 stays below). Before this floor all 6 were
answered "nothing found"; now 21 of the 22 are answered and none of the 17. Every Chinese question of the plain dev
half has a lexical or concept match: none of them is affected."""


def about_question(index: GuideIndex, q: Query, hits: Sequence[Hit]) -> bool:
    """Whether ``hits`` are about the question (see the module doc)."""
    via = {v for h in hits for v in h.via}
    if via & {SYMBOL, CONCEPT}:
        return True
    if BM25 in via:
        floor = ON_TOPIC_SIMILARITY.get(index.settings.embedding.model)
        return floor is None or not index.meaning_ready() or closest(index, q, hits) >= floor
    floor = DENSE_ONLY_SIMILARITY.get(index.settings.embedding.model)
    if DENSE not in via or floor is None or not index.meaning_ready():
        return False
    return closest(index, q, hits) >= floor


def closest(index: GuideIndex, q: Query, hits: Sequence[Hit]) -> float:
    """The best similarity of the question to the embedded texts of the first ``READ`` hits."""
    chunks = [h.chunk for h in hits[:READ]]
    texts = [embedding_text(c.path, c.symbol, c.header, c.text) for c in chunks]
    return max(index.embeddings.similarities(q.dense_text, texts), default=0.0)


__all__ = ["DENSE_ONLY_SIMILARITY", "ON_TOPIC_SIMILARITY", "READ", "about_question", "closest"]
