"""Which steps of a tour a comparison on its topic is about: those it names, else those its words say most of (a
few of them, or none: the whole topic)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from guide.answering.lead import FOCUS_POINTED, LEAD_MIN, RECAP_MIN, focus_steps, step_scores
from guide.answering.relevance import question_weights, singulars
from ingest.symbols import bare_name

if TYPE_CHECKING:
    from guide.answering.tour import TourInAnswer
    from guide.index import GuideIndex
    from guide.query import Query


Asked = tuple[Sequence[str], Mapping[str, float]]
"""A question's words and their weights (``relevance.question_weights``)."""

COMPARED_MIN = RECAP_MIN
"""A comparison on a tour's topic is about the steps that say most of it when the best says this much (``RECAP_MIN``:
less than what an answer's lead step must say, as what changed is read in every step and detailed in a few): "写屏障在
两个版本之间有什么不同？" ("how did the write barrier differ between the two releases?") detailed all fourteen steps of
the allocator and GC tour, mallocgc's first, though three of them say "write barrier" and the others nothing of it
(trial 98). Below ``LEAD_MIN``, more than ``FOCUS_POINTED`` steps picked are the whole topic: "What changed in the
scheduler ...?" says "scheduler" in eight of the scheduler tour's nineteen steps, "How did the map implementation
change ...?" "map" in five of the maps tour's six. Measured (``python -m evals run --facts SET --llm extractive``): no
figure of the dev halves, the team's facts, the held-out set or the comparisons' dev half changed; the answers that did
detail the steps asked about (stealWork for "And in go1.21?" after work stealing, not the whole scheduler's changes)."""


def steps_asked(index: GuideIndex, q: Query, tour: TourInAnswer) -> tuple[list[str] | None, Asked]:
    """What a comparison on ``tour``'s topic asks about: the steps (:func:`focus_of`) and the words of its topic
    (``Query.topic``) with their weights, read once for both."""
    topic = q.topic()
    idf = question_weights(index, topic)
    return focus_of(index, topic, tour, idf), (topic.tokens, idf)


def focus_of(index: GuideIndex, q: Query, tour: TourInAnswer, idf: Mapping[str, float]) -> list[str] | None:
    """The symbols of the steps ``q`` is about, when it is about some of the tour's steps rather than all of them: those
    it names as code ("What changed in findRunnable between go1.21 and go1.22?": findRunnable, which had been listed
    among the steps "less about the question" under runtime.schedule, trial 28), else those its words (weighed by
    ``idf``) say most of, the one that says most first."""
    named = {c.name for c in q.identifiers if c.strong}
    if steps := [c.symbol for c, _ in tour.all_steps if bare_name(c.symbol) in named]:
        return list(dict.fromkeys(steps))
    base = [w for w in singulars(set(q.tokens)) - set(q.tokens) if w in idf]  # "preempts": the steps say "preempt"
    scores = step_scores(tour, [*q.tokens, *sorted(base)], idf, index.similarity_to(q.dense_text), q.lang)
    picked = focus_steps(scores, floor=COMPARED_MIN)
    weak = picked is not None and max(scores) < LEAD_MIN and len(picked) > FOCUS_POINTED
    picked = None if weak else picked  # below what a lead says, more than a few steps are the whole topic
    by_score = sorted(picked or (), key=lambda i: -scores[i])
    return None if picked is None else list(dict.fromkeys(tour.all_steps[i][0].symbol for i in by_score))


__all__ = ["COMPARED_MIN", "Asked", "focus_of", "steps_asked"]
