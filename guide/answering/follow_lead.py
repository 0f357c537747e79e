"""What a follow-up adds to a thread whose tour is on screen, and which of the tour's steps and the team's summary
sentences answer it.

"And what about preemption?" after "How do goroutines map to OS threads, and how are they scheduled?" was read with
the thread's words: the scheduler summary's first sentence (G, M and P), which the answer above had just shown, was
its short answer again, and the step on preemption (runtime.preemptone) did not stand out against the steps on
goroutines and threads (trial 57). What the follow-up adds decides; the thread's words only help one of the
sentences that say it ("And what happens when its stack runs out?" after what a goroutine costs: the summary's
sentence on the stack says "stack", and the thread's "goroutine" makes it stand out)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from guide.answering.lead import Scorer, focus_steps, lead_of, step_notes, step_scores
from guide.answering.located import stem
from guide.answering.statements import Similarity
from guide.answering.term_forms import translated_terms
from guide.language import Lang
from ingest.tokens import identifier_tokens

if TYPE_CHECKING:
    from guide.answering.tour import TourInAnswer


def _forms(added: Sequence[str]) -> frozenset[str]:
    """The words a follow-up adds, each as the code's names begin (``located.stem``: "preemption" -> "preempt")."""
    return frozenset(stem(w) for w in added)


def _once(added: Sequence[str]) -> list[str]:
    """The added words with each bilingual term's forms of one word (``term_forms.translated_terms``) as its first,
    the form an English question says: "抢占" is read as "preemption" and "preempt", and scoring picks the form a
    note says (``term_forms.one_per_term``), so the safe-point step, whose note says only "preempt" forms (preemptM,
    `canPreemptM`, `asyncPreemptStack`), tied with preemptone for "那抢占呢？"; "And what about preemption?" says
    the first."""
    later = {form for forms in translated_terms(added) for form in forms[1:]}
    return [w for w in added if w not in later]


def _says(text: str, forms: frozenset[str]) -> bool:
    """Whether ``text`` says one of the added words (``_forms``), in any form ("preempted" for "preemption")."""
    return any(stem(w) in forms for w in identifier_tokens(text))


def added_step_scores(
    tour: TourInAnswer,
    tokens: Sequence[str],
    added: Sequence[str],
    idf: Mapping[str, float],
    similar: Similarity | None,
    lang: Lang,
) -> list[float]:
    """How much of a follow-up each step of the tour on screen says (``step_scores``): by the words it adds; when
    no step stands out by those alone, by all of the question's words, for the steps that say one of the added
    words (the others score 0)."""
    own = step_scores(tour, _once(added), idf, similar, lang)
    if lead_of(own) is not None or focus_steps(own):
        return own
    scores = step_scores(tour, tokens, idf, similar, lang)
    notes, _ = step_notes(tour, lang)  # as step_scores read them
    forms = _forms(added)
    return [s if _says(n, forms) else 0.0 for s, n in zip(scores, notes, strict=True)]


def added_scorer(score: Scorer, added: Sequence[str]) -> Scorer:
    """``score`` (the question's words) for the sentences of the team's summary that say one of the words a
    follow-up adds; 0 for the others, which say the thread's subject and not what is asked now."""

    forms = _forms(added)

    def scored(texts: Sequence[str]) -> list[float]:
        return [s if _says(t, forms) else 0.0 for s, t in zip(score(texts), texts, strict=True)]

    return scored


__all__ = ["added_scorer", "added_step_scores"]
