"""How much of a question a statement says: its words, weighed by their rarity in the index, and its meaning (the
embedding model's similarity), as quotes, tour steps and summary sentences are scored."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from guide.answering.statements import Statement
from ingest.tokens import STOP_WORDS


def singulars(words: set[str]) -> set[str]:
    """The singular each plural of ``words`` may be ("threads" -> "thread"; "classes" -> "classe", "class")."""
    return {w[:-1] for w in words if w.endswith("s") and len(w) > 3} | {w[:-2] for w in words if w.endswith("es")}


def relevance(st: Statement, query: Sequence[str], idf: Mapping[str, float], base_forms: bool = False) -> float:
    """How much of the question a statement states: the inverse document frequencies of the question's words it
    contains, times the share of the question's weight they are, over the log of its length (a long sentence that
    mentions everything says little about each thing). ``base_forms``: the question's words are a dictionary's
    (a Chinese question read in English: "goroutine", "thread"), so a plural in the statement counts as its
    singular ("goroutines", "threads")."""
    have = {w for w in st.words if w not in STOP_WORDS}
    if not have:
        return 0.0
    length = len(have)
    have |= singulars(have) if base_forms else set()
    asked = {q for q in query if q not in STOP_WORDS}
    total = sum(idf.get(q, 0.0) for q in asked)
    matched = sum(idf.get(q, 0.0) for q in asked if q in have)
    if not total or not matched:
        return 0.0
    return (matched / total) * matched / math.log2(2 + length)


SIMILARITY_WEIGHT, SIMILARITY_FLOOR = 4.0, 0.45
"""A statement's embedding similarity to the question above the floor, times the weight, adds to its relevance.
Measured on the plain dev half (facts stated): .72 without; 2.0/0.3 .75 (1.0 and 4.0 at that floor .74 and .73).
After labels and code were no longer quoted (``says_something``), a higher floor with a larger weight: 4.0/0.45 .765
(2.0/0.3 .753, 2.0/0.45 .753, 3.0/0.4 .759, 4.0/0.5 .765, 6.0/0.45 .759); the team's facts .92 and the held-out
.81 either way. A similarity of about 0.5 is what MiniLM gives any sentence on the question's subject ("A
concurrent goroutine profile is running." for a question on goroutine cost): below the floor it adds nothing."""


def says_how_much(
    st: Statement, tokens: Sequence[str], idf: Mapping[str, float], sim: float | None, base_forms: bool = False
) -> float:
    """How much of the question ``st`` says: its relevance by words (``base_forms`` as for :func:`relevance`), plus
    its embedding similarity ``sim`` to the question above the floor (None: no model)."""
    meaning = SIMILARITY_WEIGHT * max(0.0, sim - SIMILARITY_FLOOR) if sim is not None else 0.0
    return relevance(st, tokens, idf, base_forms) + meaning


def idf_of(doc_freq: Mapping[str, int], total: int) -> dict[str, float]:
    """log(N / df) per token (0 for tokens in no chunk: they say nothing about the corpus)."""
    return {t: math.log(max(total, 1) / df) for t, df in doc_freq.items() if df}


__all__ = ["SIMILARITY_FLOOR", "SIMILARITY_WEIGHT", "idf_of", "relevance", "says_how_much", "singulars"]
