"""The forms of one word that a bilingual term gives together ("allocate allocation" for 分配), counted once when a
Chinese question read in English is scored (``guide.answering.lead.scorer``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache

from guide.answering.relevance import singulars
from guide.answering.statements import Statement
from guide.knowledge import bilingual
from ingest.tokens import STOP_WORDS, query_tokens

VARIANT_PREFIX = 5
"""Two English words of one bilingual term are forms of one word when they begin with this many letters in common
("allocate allocation" for 分配; not "network connection" for 连接, a phrase, nor "cost overhead", two words)."""


def translated_terms(words: Sequence[str]) -> list[tuple[str, ...]]:
    """The forms of one word that a bilingual term gives together and a Chinese question read in English says (all
    of the term's words among ``words``): 分配 is "allocate allocation malloc", and "allocate" and "allocation" are
    one word."""
    have = set(words)
    return list(dict.fromkeys(f for en, forms in _term_forms() if have.issuperset(en) for f in forms))


@cache
def _term_forms() -> tuple[tuple[frozenset[str], tuple[tuple[str, ...], ...]], ...]:
    """Each bilingual term of two English words or more that has forms of one word (``VARIANT_PREFIX``): its words
    and those forms, read once."""
    out = []
    for term in bilingual().terms:
        en = list(dict.fromkeys(query_tokens(term.en)))
        groups = (
            tuple(v for v in en if v[:VARIANT_PREFIX] == w[:VARIANT_PREFIX]) for w in en if len(w) >= VARIANT_PREFIX
        )
        forms = tuple(dict.fromkeys(g for g in groups if len(g) > 1))
        if forms:  # two forms at least, so two words
            out.append((frozenset(en), forms))
    return tuple(out)


def one_per_term(
    words: Sequence[str], terms: Sequence[tuple[str, ...]], st: Statement, idf: Mapping[str, float]
) -> list[str]:
    """``words`` with each of ``terms`` as one word: the rarest of its forms that ``st`` says, else its rarest. Two
    forms of 分配 had weighed twice in what a sentence must say: for "变量什么时候分配在栈上，什么时候分配在堆上？" the
    stack-or-heap summary's "... variables and allocations ..." came as close as "Go has no keyword that puts a
    variable on the stack or the heap ..." and it had no short answer (trial 39). Every dev half, the team's facts and
    the held-out set answer as before (their facts are in the tours' steps too)."""
    have = {w for w in st.words if w not in STOP_WORDS}
    have |= singulars(have)
    grouped = {w for term in terms for w in term}
    out = [w for w in words if w not in grouped]
    for term in terms:
        said = [w for w in term if w in have] or list(term)
        out.append(max(said, key=lambda w: idf.get(w, 0.0)))
    return out


__all__ = ["VARIANT_PREFIX", "one_per_term", "translated_terms"]
