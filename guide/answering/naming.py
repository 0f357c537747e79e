"""What a question names: a definition (an identifier, or a word a definition is named exactly), the definition among
the first sources it names, or, in Chinese, something the indexed sources never mention."""

from __future__ import annotations

from typing import TYPE_CHECKING

from guide.knowledge import bilingual
from guide.knowledge.cedict import english_words, senses
from guide.retrieval.symbol import definitions_of, known_candidates
from guide.words import has_cjk
from ingest.symbols import bare_name
from ingest.tokens import identifier_tokens

if TYPE_CHECKING:
    from guide.citation import Citation
    from guide.index import GuideIndex
    from guide.query import Query

_NAMED_KINDS = frozenset({"func", "method", "asm", "type"})

SUBJECT_MIN_CHUNKS = 10_000
"""A word no chunk contains says the sources never mention it only in an index of real size (the default corpus has
55,372 chunks; a test fixture's few dozen miss most English words)."""


def names_another_subject(index: GuideIndex, text: str) -> bool:
    """Whether a Chinese question names, in words the bilingual vocabulary lacks, something the indexed sources never
    mention: a word its dictionary English has that no chunk of the index contains ("如何烤香蕉面包？": banana,
    bread; "二战是哪一年结束的？": war). Such a question is short and names no Go term, so it reads as a follow-up
    (``guide.conversation.is_follow_up``); it is a question of its own. The English of follow-ups ("有什么区别？":
    difference; "代码在哪？": code; "这样安全吗？": safe) is in hundreds of chunks (measured on the default index:
    off-topic words 0-2 chunks, follow-up words 12 or more)."""
    if not has_cjk(text) or index.reader.chunk_count() < SUBJECT_MIN_CHUNKS:
        return False
    # a word the sources never use in any of its senses ("超过": surpass, but also "exceed"); a sense's words as the
    # index splits them ("一次性": "one-time" is one and time, trial 83: a follow-up on a map's growth had been a
    # question of its own for "one-off", "one-time", "single-use" and "disposable")
    own = [
        [tuple(identifier_tokens(" ".join(sense))) for sense in word] for word in senses(bilingual().uncovered(text))
    ]
    df = index.reader.doc_freq(sorted({w for word in own for sense in word for w in sense}))
    return any(all(any(df.get(w, 0) == 0 for w in sense) for sense in word if sense) for word in own)


def names_code(index: GuideIndex, q: Query) -> bool:
    """Whether the question names a definition (an identifier, as symbol retrieval reads it, or a word with capitals
    that a definition is named exactly: ``GOMAXPROCS``, which the docs use as a word as often as the code) or a
    file."""
    if q.files:
        return True
    cands = known_candidates(index, q.identifiers)
    english = english_words(wait=index.dense_blocking) or frozenset()
    # a capital that is not an English word's at a sentence's start: "GOMAXPROCS", "Goexit"; not the "Since" of
    # "Since which Go release ...?" (time.Since) nor the language's "Go" (WaitGroup.Go)
    named = [
        c
        for c in cands
        if c.text != c.text.lower() and (c.text[1:] != c.text[1:].lower() or c.text.lower() not in english)
    ]
    return any(c.strong for c in cands) or any(
        any(d.name == c.text for d in index.reader.lookup(c.text, limit=20)) for c in named
    )


def named_definition(index: GuideIndex, q: Query, sources: list[Citation]) -> Citation | None:
    """The definition among the first sources that the question names as an identifier ("Where is the mspan struct
    defined?", not the English word of "escape analysis"; ``known_candidates`` decides, as symbol retrieval does):
    an answer about it shows what it is made of."""
    strong = [c for c in known_candidates(index, q.identifiers) if c.strong]
    named = {c.name for c in strong if c.text == c.name} | set(q.code_nouns)
    # a name written with its package or receiver names what that finds ("main.main" is the program's, not runtime's)
    written = {d.symbol for c in strong if c.text != c.name for d in definitions_of(index, c.text)}
    return next(
        (s for s in sources[:3] if s.kind in _NAMED_KINDS and (bare_name(s.symbol) in named or s.symbol in written)),
        None,
    )


__all__ = ["SUBJECT_MIN_CHUNKS", "named_definition", "names_another_subject", "names_code"]
