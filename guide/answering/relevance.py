"""How much of a question a statement says: its words, weighed by their rarity in the index, and its meaning (the
embedding model's similarity), as quotes, tour steps and summary sentences are scored."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from guide.answering.located import stem
from guide.answering.statements import Statement
from guide.knowledge import bilingual
from guide.knowledge.cedict import english_words
from guide.retrieval.wordstats import idf_of
from ingest.tokens import STOP_WORDS, identifier_tokens, query_tokens

if TYPE_CHECKING:
    from guide.index import GuideIndex
    from guide.query import Query


def singulars(words: set[str]) -> set[str]:
    """The singular each plural of ``words`` may be ("threads" -> "thread"; "classes" -> "classe", "class")."""
    return {w[:-1] for w in words if w.endswith("s") and len(w) > 3} | {w[:-2] for w in words if w.endswith("es")}


SUMMARY_SHARE = 0.5
"""The share of its idf a question's word weighs when a sentence does not say it but the summary sentence of its doc
comment does (``Statement.summary``), for a sentence that says at least one of the question's words itself: the doc
comment is about one definition, and its later sentences say things of it ("No locking needed because it is
per-thread (per-P)." of mcache's "Per-thread (in Go, per-P) cache for small objects.", for "Does a small allocation
need a lock?"). Measured (``python -m evals run --facts SET --llm extractive --no-baseline``, facts stated): 0.5 raised
the plain dev half .908 -> .920, the follow-ups' dev half .789 -> .842, the team's facts .960 -> .967, the held-out set
.881 -> .905, the second and third plain sets' dev halves unchanged (.697, .667); 0.3 changed no figure, 0.7 the same
as 0.5 but the third set's .677, 1.0 lowered it (.660). The summary read as the sentence's own words (its length
counted too) had raised the plain and follow-up sets as much but quoted more doc sentences that say little (growslice's
"odd calling convention"). Measured and not taken: a design comment's or a document section's later sentences read
with its first sentence or headings (no figure changed), comments in a body with the function's summary (plain dev
.920 -> .908, third set .667 -> .647, team .967 -> .953; the second set's .697 -> .707) or its name alone (no facts
figure changed, 33 answers did, as many quotes worse as better; poolCleanup's "called ... at the beginning of a
garbage collection" still not quoted for when sync.Pool is cleared)."""


def _forms(words: set[str]) -> set[str]:
    """``words`` with the base forms a question asks in (``singulars``, -ness, ``located.stem``)."""
    have = words | singulars(words) | {w[:-4] for w in words if w.endswith("ness") and len(w) > 7}  # fairness: fair
    cut = {stem(w) for w in have}
    return have | cut | {w[:-1] for w in cut if len(w) > 4 and w[-1] == w[-2]}  # called: call; deferred: defer


@lru_cache(maxsize=4096)
def _summary_words(summary: str) -> frozenset[str]:
    return frozenset(_forms({w for w in identifier_tokens(summary) if w not in STOP_WORDS}))


def relevance(st: Statement, query: Sequence[str], idf: Mapping[str, float]) -> float:
    """How much of the question a statement states: the inverse document frequencies of the question's words it
    contains, times the share of the question's weight they are, over the log of its length (a long sentence that
    mentions everything says little about each thing). A word the statement inflects with -s counts as its base
    form, as a question asks in base forms: "A send that does not block costs a lock, ..." says what "What does a
    send cost?" asks (it had matched only "send", and the channels tour's short answer was not that sentence), and a
    Chinese question read in English asks for "goroutine" and "thread", said as "goroutines" and "threads".
    Measured (``python -m evals run --facts SET --llm extractive``, default index), facts stated in the answer:
    plain dev half .908 -> .890, second plain set's dev half .497 -> .527, third's .557 -> .580, follow-ups' dev half
    .737 -> .789; the team's facts .951 and the held-out .857 unchanged. Likewise -ed and -ing (``located.stem``, a
    doubled last consonant undone): gorecover's "Check to see if the function that called recover() was deferred
    directly from the panicking function." says call and defer (trial 98: never quoted for why recover works only
    when called directly by a deferred function); no figure of the dev halves, the team's facts or the held-out set
    changed, 35 answers did."""
    have = {w for w in st.words if w not in STOP_WORDS}
    if not have:
        return 0.0
    length = len(have)
    have = _forms(have)
    asked = {q for q in query if q not in STOP_WORDS}
    total = sum(idf.get(q, 0.0) for q in asked)
    matched = sum(idf.get(q, 0.0) for q in asked if q in have)
    if st.summary and matched:  # a doc comment's later sentence, read with its summary (``SUMMARY_SHARE``)
        summary = _summary_words(st.summary)
        matched += SUMMARY_SHARE * sum(idf.get(q, 0.0) for q in asked if q in summary and q not in have)
    if not total or not matched:
        return 0.0
    return (matched / total) * matched / math.log2(2 + length)


def name_says(name: str, tokens: Sequence[str], idf: Mapping[str, float]) -> float:
    """How much of the question a tour step's name says when the question says it (a step is shown under its name):
    "What does sysmon do?" is about the step headed **runtime.sysmon**, whose annotation reads "The system monitor,
    a thread that runs without a P ..." and never "sysmon" (retake's and exitsyscall's, which mention it, had been
    pointed at instead). A name that is an English word (``cedict.english_words``: map, main, stop, schedule) is the
    question's English, not the step's name: "What changed in the map implementation?" had detailed maps.Map alone.
    Measured (``python -m evals run --facts SET --llm extractive``): no figure of the dev halves, the team's facts,
    the held-out set or the comparisons' dev half changed; the answers that did each point at the step named
    (findRunnable for "where is findrunnable defined?") or, in a comparison naming one (sudog, growslice), detail
    that step's changes and name the others' (the wall of every step's diffs, trial 95)."""
    low = name.lower()
    return relevance(Statement(0, name), tokens, idf) if low in tokens and low not in (english_words() or ()) else 0.0


SIMILARITY_WEIGHT, SIMILARITY_FLOOR = 4.0, 0.45
"""A statement's embedding similarity to the question above the floor, times the weight, adds to its relevance.
Measured on the plain dev half (facts stated): .72 without; 2.0/0.3 .75 (1.0 and 4.0 at that floor .74 and .73).
After labels and code were no longer quoted (``says_something``), a higher floor with a larger weight: 4.0/0.45 .765
(2.0/0.3 .753, 2.0/0.45 .753, 3.0/0.4 .759, 4.0/0.5 .765, 6.0/0.45 .759); the team's facts .92 and the held-out
.81 either way. A similarity of about 0.5 is what MiniLM gives any sentence on the question's subject ("A
concurrent goroutine profile is running." for a question on goroutine cost): below the floor it adds nothing."""


def says_how_much(st: Statement, tokens: Sequence[str], idf: Mapping[str, float], sim: float | None) -> float:
    """How much of the question ``st`` says: its relevance by words (:func:`relevance`), plus its embedding
    similarity ``sim`` to the question above the floor (None: no model)."""
    meaning = SIMILARITY_WEIGHT * max(0.0, sim - SIMILARITY_FLOOR) if sim is not None else 0.0
    return relevance(st, tokens, idf) + meaning


THREAD_SHARE = 0.5
"""In a follow-up that names something of its own, a word only the thread it continues says weighs this share of its
idf: "What happens to those waiting goroutines when someone closes the channel?" after "How does a goroutine block
when it receives from an empty channel?" is about closing, in the light of receiving, not about receiving again."""


def question_weights(index: GuideIndex, q: Query) -> dict[str, float]:
    """The weight of each word of the question: its idf in the index, a follow-up's own words first
    (``own_words_first``). An inflected word weighs no more than its base form when the index has that
    (``located.stem``: "sending" as "send"): the asker chose the form, and a rare form is no rarer a topic ("After
    observing that the channel is not closed, we observe that the channel is not ready for sending." had opened the
    answer to "Does sending on a channel take a lock?" for 'sending', idf 7.2 against send's 5.4, above hchan's `lock
    mutex`). Measured: the plain dev half's facts within 1,000 characters .724 -> .735, plain3's dev .317 -> .313,
    every other figure of the dev halves, the team's facts and the held-out set unchanged. Likewise an abbreviation
    the sources spell out (``Bilingual.spelled_out``) weighs no more than the lightest of its words: 'jvm' (two
    chunks, idf 10.2) had been half of "Go 有没有像 JVM 那样的虚拟机？", and no summary sentence, none of which says
    JVM, stood out as its short answer ("There is no virtual machine ..."); the dev halves' answers are the same."""
    forms = {t: base for t in q.tokens if (base := stem(t)) != t}
    idf = idf_of(index.reader.doc_freq([*q.tokens, *forms.values()]), index.reader.chunk_count())
    for t, base in forms.items():
        if t in idf and base in idf:
            idf[t] = min(idf[t], idf[base])
    for abbreviation, words in bilingual().spelled_out(q.search_text):
        spelled = [idf[w] for w in query_tokens(words) if w in idf]
        for t in set(query_tokens(abbreviation)) - set(query_tokens(words)):
            if t in idf and spelled:
                idf[t] = min(idf[t], *spelled)
    return own_words_first(idf, q.tokens, q.own_tokens, q.new_tokens)


NEW_FACTOR = 1.5
"""In a follow-up that names something of its own, a word its thread does not say weighs this many times its idf:
what the follow-up adds ("stack", "runs out" in "And what happens when its stack runs out?" after "How much memory
does a new goroutine use?"). Measured on the follow-up dev half (19): facts .684 at 1, .737 at 1.5, .684 at 2."""


def own_words_first(
    idf: Mapping[str, float], tokens: Sequence[str], own: Sequence[str], new: Sequence[str] = ()
) -> dict[str, float]:
    """``idf`` with the words of ``tokens`` that the follow-up's own words (``own``) do not say weighing
    ``THREAD_SHARE`` of theirs, and those only it says (``new``) ``NEW_FACTOR`` times theirs; ``idf`` itself when
    they are the same words and none is new (not a follow-up)."""
    mine, added = set(own), set(new)
    if mine == set(tokens) and not added:
        return dict(idf)
    return {t: v * NEW_FACTOR if t in added else v if t in mine else v * THREAD_SHARE for t, v in idf.items()}


__all__ = [
    "NEW_FACTOR", "SIMILARITY_FLOOR", "SIMILARITY_WEIGHT", "THREAD_SHARE", "idf_of", "name_says",
    "own_words_first", "question_weights", "relevance", "says_how_much", "singulars",
]  # fmt: skip
