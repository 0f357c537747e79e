"""Which tour a question is about when its words match no tour's patterns: the tour whose title and summary are
closest in meaning to the question (the embedding model's similarity), if clearly closer than any other.

A tour's patterns catch the words people usually use ("escape analysis", "GOMAXPROCS"); a question in other words
("does this variable go on the stack or the heap?") is still about the topic a tour walks. The similarity must reach
``FLOOR`` and beat the next tour by ``MARGIN`` (or, far ahead of every other tour, by ``WIDE_MARGIN``, reach
``WIDE_FLOOR``): a question about none of the topics, or between two of them, gets no tour. A question about one
part of a topic is often closer to that part's step than to the tour's summary: when no summary wins, the tour with
the closest step does, above ``STEP_FLOOR`` and by the same margin, or a tour first by both measures, whose two
margins add up to ``AGREED_MARGIN``. When none does either, a term of the vocabulary
the question uses can still name the topic: the tour closest in meaning among those that walk the term's
declarations (``concept_tour``). Without the model (not loaded yet) the patterns alone decide; the vectors are not
needed."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from guide.knowledge import successor_for, vocabulary
from guide.knowledge.tours import Step, Tour, sentences_asked, tour, tours, tours_of
from guide.retrieval.wordstats import idf_of
from ingest.tokens import STOP_WORDS, identifier_tokens

if TYPE_CHECKING:
    from guide.index import GuideIndex
    from guide.query import Query

log = logging.getLogger(__name__)

FLOOR = 0.45
MARGIN = 0.08
STEP_FLOOR = 0.65
"""The floor for a question routed by one step of a tour (its title and the step's annotation) when no tour's title
and summary is clearly closest: a question about one part of a topic ("what happens to a goroutine reading from a
socket with no data yet?", the network poller's step of the goroutine-cost tour). Measured (plain dev half, facts
stated; hybrid needles hit@1 / hit@5): without step routing .837, .520 / .879; floor .45 .873, .506 / .872; .50
.861, .509 / .876; .55 .849, .517 / .879; .60 and .65 .849, .520 / .879. At .60 "What turns my .go files into a
binary I can run on the server?", between program start and compile-and-link, went to program start (.63); .65
leaves it to none. The same margin applies."""


def step_text(t: Tour, s: Step) -> str:
    """What a step is about, as its meaning is compared with a question's: the tour's title and the step's note."""
    return f"{t.title}. {s.note}"


PART_FLOOR = 0.55
"""A question routed to a tour is about one part of its topic when a step comes this close in meaning (the tour's
title and the step's annotation): its steps are then taken closest first (``steps_by_meaning``). Measured on the
plain dev half (hit@1 / hit@5 / MRR): the tour's order .459 / .835 / .614; every question reordered .506 / .824 /
.630 ("Is there a virtual machine ...?" is close to no step, .36 at best, and lost the compiler's entry point to
the walk); floor .45 the same; .55 .506 / .847 / .644; .60 .494 / .847 / .634; .65 (``STEP_FLOOR``) .482 / .847 /
.626."""


WORDS_WEIGHT = 0.6
"""How much a step's words add to its meaning when the steps of a tour are ordered for a question: the share of the
question's words (by their idf in the index) that the step's annotation and anchor say, times this. The embedding
model alone left "When does Go return freed memory to the operating system?" in the allocator tour's order (its
scavenger step at .545, under ``PART_FLOOR``), though that step says "returns", "memory" and "OS". Measured
(``python -m evals run --facts SET --llm extractive``; hit@1 / hit@5 / MRR): plain dev half .541 / .859 / .670 ->
.553 / .871 / .685; second set's .420 / .660 / .520 -> .440 / .680 / .540; third's facts .580 -> .587; follow-ups'
MRR .486 -> .477; team facts, held-out, comparisons (dev half, full index) and needles (bench/retrieval_quality.py,
hit@5 .938) unchanged. 0.2 and 0.4 gained less; 1.0 the same as 0.6."""
PART_MEANING = 0.5
"""The least similarity in meaning alone of a tour's closest step to the question for its steps to be reordered at
all: a question on the whole topic keeps the tour's order though a step shares some of its words ("Is there a
virtual machine that runs my Go program, like Java's?" is .36 from the compiler's closest step, and the SSA step's
"machine code" would have put it before the compiler's entry point). The figures of ``WORDS_WEIGHT`` are with it
(without it: the second set's dev half .420 / .680 / .525)."""


def word_shares(index: GuideIndex, query: Query, texts: Sequence[str]) -> list[float]:
    """For each of ``texts``, the share of the question's words (English, no stop word; each weighing its idf in the
    index) that it says, a plural as its singular."""
    asked = [t for t in dict.fromkeys(query.tokens) if t not in STOP_WORDS and t.isascii()]
    idf = idf_of(index.reader.doc_freq(asked), index.reader.chunk_count()) if asked else {}
    weight = sum(idf.values())
    if not weight:
        return [0.0] * len(texts)
    out = []
    for text in texts:
        have = set(identifier_tokens(text))
        have |= {w[:-1] for w in have if w.endswith("s")}
        out.append(sum(v for w, v in idf.items() if w in have or w.removesuffix("s") in have) / weight)
    return out


def steps_by_meaning(index: GuideIndex, query: Query, found: Tour, releases: Sequence[str] = ()) -> list[Step]:
    """The steps of ``found``, the tour ``query`` is about, whose own bounds admit one of ``releases`` (all when none
    is given: a step of go1.15 to go1.18, findrunnable, is no step at go1.27; the tour's ``since`` is not applied, a
    definition it walks is as much on the topic at a release before it): closest in meaning, its words counting
    (``WORDS_WEIGHT``), first when one comes within ``PART_FLOOR`` of the question ("When a goroutine reads from a
    socket and no data has arrived yet, what happens to it?": the network poller's steps of the goroutine-cost tour,
    which opens with six on stacks), else in the tour's order (a question on the whole topic, or the model not
    loaded)."""
    steps = [s for s in found.steps if not releases or any(s.applies(tag) for tag in releases)]
    if len(steps) < 2 or not index.meaning_ready():
        return steps
    sims = index.embeddings.similarities(query.dense_text, [step_text(found, s) for s in steps])
    if max(sims) < PART_MEANING:
        return steps
    words = word_shares(index, query, [f"{s.note} {s.anchor}" for s in steps])
    sims = [sim + WORDS_WEIGHT * share for sim, share in zip(sims, words, strict=True)]
    if max(sims) < PART_FLOOR:
        return steps
    return [s for _, _, s in sorted(zip(sims, range(len(steps)), steps, strict=True), key=lambda x: (-x[0], x[1]))]


def _meaning(index: GuideIndex, query: Query, candidates: Sequence[Tour]) -> list[float]:
    """The similarity of the question to each tour's title and summary (what the tour is about, in its words)."""
    return index.embeddings.similarities(query.dense_text, [f"{t.title}. {t.summary}" for t in candidates])


def _step_meaning(index: GuideIndex, query: Query, candidates: Sequence[Tour]) -> list[float]:
    """The similarity of the question to each tour's closest step (the tour's title and the step's annotation)."""
    texts = [step_text(t, s) for t in candidates for s in t.steps]
    sims = iter(index.embeddings.similarities(query.dense_text, texts))
    return [max((next(sims) for _ in t.steps), default=0.0) for t in candidates]


WIDE_MARGIN = 0.20
WIDE_FLOOR = 0.30
"""A tour whose title and summary beat every other's by ``WIDE_MARGIN`` is the question's topic from this lower
floor: "When several cases of a select are ready at once, how is one chosen? Is it random?" is .43 from the channels
tour and .18 from the next, and got no tour (its reading path had no word of the random order). Of twenty questions
on no tour's topic (dates, licences, web frameworks, cross-compiling, banana bread) the widest margin was .13
("How do I cross-compile for Windows?", .40 from compile and link). Measured (the floor at .35 and at .30 alike): the
plain dev half's facts stated .849 -> .861 (that question), every other figure unchanged; the needles, team facts,
held-out and comparisons unchanged."""


def _clear_winner(
    candidates: Sequence[Tour], sims: Sequence[float], floor: float = FLOOR, wide_floor: float | None = None
) -> str | None:
    i, best, ahead = _leader(sims)
    if best >= floor and ahead >= MARGIN:
        return candidates[i].id
    wide = wide_floor is not None and best >= wide_floor and ahead >= WIDE_MARGIN
    return candidates[i].id if wide else None


def _leader(sims: Sequence[float]) -> tuple[int, float, float]:
    """The index of the highest of ``sims`` (two at least), its value and how far it is ahead of the next."""
    ranked = sorted(zip(sims, range(len(sims)), strict=True), reverse=True)
    (best, i), (second, _) = ranked[0], ranked[1]
    return i, best, best - second


def closest_tour(index: GuideIndex, query: Query) -> str | None:
    """The id of the tour closest in meaning to ``query``, or None (see the module doc)."""
    candidates = tours()
    if len(candidates) < 2:
        return None
    whole = _meaning(index, query, candidates)
    found = _clear_winner(candidates, whole, wide_floor=WIDE_FLOOR)
    if found is None:  # about one part of a topic: its step
        parts = _step_meaning(index, query, candidates)
        found = _clear_winner(candidates, parts, STEP_FLOOR) or _agreed(candidates, whole, parts)
    return found


AGREED_MARGIN = 0.09
"""When neither the tours' summaries nor their steps have a clear winner, a tour that is first by both, above both
floors, with margins that add up to this, is the question's topic: two measures that agree. "How does a goroutine
blocked reading from a TCP socket get woken up when data arrives?" is .511 from the goroutine-cost tour's summary
(.079 ahead) and .686 from its step on internal/poll's Read (.057 ahead), and had no tour (trial 39). Measured
(``python -m evals run --facts SET --llm extractive``, default index): plain dev half hit@5 .894 -> .906 (one more
question routed, to the scheduler); the held-out set's facts .833 -> .809 (gopark's question now has the scheduler
tour beside it, and its list of the definitions found became a reading path of two); the other dev halves, the team's
facts and the needles (``bench/retrieval_quality.py``) unchanged; of twenty questions on no tour's topic none is
routed. At .12 "What happens when a goroutine's stack runs out?" (.056 ahead by the goroutine-cost tour's summary,
.042 by its step on the stack's growth: .098) got no tour and quoted runtime.Goexit's "Goexit runs all deferred
calls before terminating the goroutine." (it shares "runs" and "goroutine"; a trial of stop 57); at .09 it
walks the goroutine-cost tour, whose short answer says the stack grows by copying. Of the three plain-words dev
halves' questions that no other rule routes, one more question is routed at .09 (the work-stealing one, .109, to the
scheduler, as its first definition found routed it before); twenty questions on no tour's topic (web frameworks,
banana bread, 二战是哪一年结束的？) reach at most .06 and none is routed."""


def _agreed(candidates: Sequence[Tour], whole: Sequence[float], parts: Sequence[float]) -> str | None:
    (i, best_whole, by_whole), (j, best_part, by_parts) = _leader(whole), _leader(parts)
    agree = i == j and best_whole >= FLOOR and best_part >= STEP_FLOOR and by_whole + by_parts >= AGREED_MARGIN
    return candidates[i].id if agree else None


def routed(index: GuideIndex, query: Query) -> Query:
    """``query``, with the tour closest in meaning when its words matched none and the embedding model answers
    (loaded; an index without vectors routes too); tours its words match equally often are ordered by meaning. Not
    a question that names a removed name the successors table knows: "where did go.y go? I remember the compiler had a
    yacc grammar" had walked the escape-analysis tour, .48 from the question and .10 ahead (trial 102)."""
    if query.empty or not index.meaning_ready():
        return query
    if query.tours:
        return _ties_by_meaning(index, query)
    if any(successor_for(w) is not None for w in (*query.code_like, *query.files)):
        return query  # where a removed name went: its successor answers, not a topic guessed from the other words
    found = closest_tour(index, query) or concept_tour(index, query)
    if found is None:
        return query
    log.debug("question %r routed to tour %s by meaning", query.text[:80], found)
    return replace(query, tours=(found,), tour_ties=1, tour_by_meaning=True)


def _ties_by_meaning(index: GuideIndex, query: Query) -> Query:
    """``query`` with the tours its words match equally often ordered by meaning, closest first (file order was
    the tie-break: "How many goroutines fit in a P's local run queue?" matches one pattern of the goroutine-cost tour
    and one of the scheduler's, and is about the scheduler's run queue)."""
    ties = query.tour_ties
    if ties < 2:
        return query
    tied = list(query.tours[:ties])
    sims = _meaning(index, query, [tour(i) for i in tied])
    ordered = [t for _, _, t in sorted(zip(sims, range(ties), tied, strict=True), key=lambda x: (-x[0], x[1]))]
    return replace(query, tours=(*ordered, *query.tours[ties:])) if ordered != tied else query


def concept_tour(index: GuideIndex, query: Query) -> str | None:
    """The tour closest in meaning among those that walk a declaration of a term the question uses (the
    vocabulary's: "select" is runtime.selectgo, a step of the channels tour), when no tour is clearly closest to the
    question as a whole: "When several cases of a select are ready, which one runs? Is it fair?" matched no pattern
    and was .38 from the channels tour, .22 from the next, short of ``WIDE_MARGIN`` (trial 29). The closest of those
    must reach ``WIDE_FLOOR``. Measured (``python -m evals run --facts ... --llm extractive``, default index): plain
    dev half hit@1 / hit@5 / MRR .541 / .835 / .658 -> .553 / .847 / .670, facts .878 -> .896; the team's facts .937
    -> .951; held-out and follow-up dev unchanged; needles (``bench/retrieval_quality.py``) hybrid hit@1 .682 -> .680
    (one of 400), hit@5 .930 and the lexical and dense lists unchanged."""
    declared = set(vocabulary().symbols(query.concepts))
    candidates = [t for t in tours() if declared & {s.anchor for s in t.steps}]
    if not candidates:
        return None
    sims = _meaning(index, query, candidates)
    best = max(range(len(candidates)), key=lambda i: sims[i])
    return candidates[best].id if sims[best] >= WIDE_FLOOR else None


FOUND_READ = 3
"""How many of the first definitions found may route a question to the tour that walks one of them."""


def tour_of_found(index: GuideIndex, query: Query, found: Sequence[tuple[str, str]]) -> Query:
    """``query`` routed to the tour one of whose steps is among the first definitions its search found (``found``:
    symbol and release, best first; ``FOUND_READ`` of them), when no tour was clearly closest to it but that one is
    among the closest: within ``MARGIN`` of the closest tour's title and summary, from ``FLOOR`` ("What happens when
    main returns while other goroutines are still running?" found runtime.main first, a step of the program-start tour,
    .613 from the question against the scheduler's .585, and got no tour: its quotes were runtime.main's "The main
    goroutine." and mcall's, trial 31), or, far from every summary, its closest step is the closest of all tours' by
    ``MARGIN`` ("When my HTTP handler reads from a TCP connection and no data has arrived yet, is an OS thread blocked
    inside read()?" is .31 from the nearest summary; it found internal/poll's ReadFrom, then Read, a step of the
    goroutine-cost tour, whose steps are .54 from it against the next tour's .42: it had listed five read functions and
    never said EAGAIN or gopark). The step must apply at the release it was found at. Unchanged otherwise. The search
    has run by then, without the tour's steps: the tour adds its walk and its annotations to the answer, not to what
    was found. Measured (``python -m evals run``): the first definition alone, by summaries alone, changed no answer
    of the dev halves; three definitions and the closest step: plain dev facts .873 -> .878 (the init order question
    walks program start), plain3 dev .600 -> .633 (the TCP read and work-stealing questions walk goroutine cost and
    the scheduler), every other figure of the dev halves, the follow-ups, the team's facts and the held-out set the
    same, item for item."""
    if query.tours or query.empty or not index.meaning_ready():
        return query
    candidates = tours()
    if len(candidates) < 2:
        return query
    sims = _meaning(index, query, candidates)
    best = max(sims)
    first = found[:FOUND_READ]
    walks = [any(s.anchor == symbol and s.applies(tag) for s in t.steps for symbol, tag in first) for t in candidates]
    walking = [
        t for t, sim, w in zip(candidates, sims, walks, strict=True) if w and sim >= FLOOR and sim >= best - MARGIN
    ]
    if not walking:  # or the tour whose closest step is clearly the closest of all
        i, _, ahead = _leader(_step_meaning(index, query, candidates))
        walking = [candidates[i]] if walks[i] and ahead >= MARGIN else []
    if len(walking) != 1:
        return query
    log.debug("question %r routed to tour %s by a definition it found first", query.text[:80], walking[0].id)
    return replace(query, tours=(walking[0].id,), tour_ties=1, tour_by_meaning=True)


def second_tour(index: GuideIndex, query: Query) -> str | None:
    """The second tour the question's words match, when the question is as much about it as about the first: it
    matches as many of its patterns, or (with the model loaded) its title and summary are within ``MARGIN`` of the
    first's in meaning ("how is a Go program compiled and started?": compile and link, and program start)."""
    if len(query.tours) < 2:
        return None
    if query.tour_ties >= 2 or _asked_apart(query.text, query.tours[0], query.tours[1]):
        return query.tours[1]
    if not index.meaning_ready():
        return None
    s1, s2 = _meaning(index, query, [tour(i) for i in query.tours[:2]])
    return query.tours[1] if s2 >= s1 - MARGIN else None


def _asked_apart(text: str, first: str, second: str) -> bool:
    """Whether a part of a question of several asks about the ``second`` tour's topic and not the ``first``'s: "Go 程序
    是怎么编译和启动的？有没有虚拟机？我记得 1.9 的时候入口是 rt0_go，现在还是吗？" matches program start most (启动,
    入口, rt0_go) and its whole is closest to it in meaning, but "有没有虚拟机？" is compile and link's alone (trial 98:
    answered on program start only, the virtual machine never mentioned)."""
    parts = sentences_asked(text)
    found = ({t.id for t, _ in tours_of(part)} for part in parts) if len(parts) > 1 else ()
    return any(second in ids and first not in ids for ids in found)


__all__ = [
    "FLOOR",
    "MARGIN",
    "PART_FLOOR",
    "WIDE_FLOOR",
    "WIDE_MARGIN",
    "closest_tour",
    "routed",
    "second_tour",
    "steps_by_meaning",
    "tour_of_found",
]  # fmt: skip
