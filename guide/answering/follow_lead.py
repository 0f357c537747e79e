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
from guide.language import Lang
from ingest.tokens import identifier_tokens

if TYPE_CHECKING:
    from guide.answering.tour import TourInAnswer


def _forms(added: Sequence[str]) -> frozenset[str]:
    """The words a follow-up adds, each as the code's names begin (``located.stem``: "preemption" -> "preempt")."""
    return frozenset(stem(w) for w in added)


def _once(added: Sequence[str]) -> list[str]:
    """The added words, each word of the code once: a Chinese word's English renderings that one begins the other
    ("抢占": "preemption", "preempt") count as the one the English question says ("preemption"); two had made the
    step on the safe points tie with preemptone for "那抢占呢？"."""
    kept: list[str] = []
    for w in added:
        if not any(_one_word(w, k) for k in kept):
            kept.append(w)
    return kept


def _one_word(a: str, b: str) -> bool:
    """Whether two English words are forms of one ("preempt", "preemption"; "lock", "locks"), as the code's names
    begin with them (``located.stem``, never below four letters)."""
    x, y = stem(a), stem(b)
    return x.isascii() and y.isascii() and min(len(x), len(y)) >= 4 and (x.startswith(y) or y.startswith(x))


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
