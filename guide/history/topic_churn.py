"""What else changed in a topic compared by one definition: a subject that names a topic ("scheduler" typed into the
Compare tab) is compared by the topic's declaration (runtime.schedule, ``subject.topic_word_symbol``), whose own
change can be small (+17 −1) while the topic's other definitions changed much; the note names those whose code
changed most, from the team's tour of the topic, as the chat's comparison of the tour does
(``guide.answering.tour_changes``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from guide.history.summary import code_churn
from guide.knowledge.tours import tours
from guide.notes import Note, listed

MOST_CHANGED = 3
"""At most this many of the tour's other definitions are named, those whose code changed most first."""


def churn_note(symbol: str, subject: str, v1: str, v2: str, summary_of: Callable[[str], Sequence[dict]]) -> Note | None:
    """The note on the other definitions of the tour that reads ``symbol`` whose body changed between ``v1`` and
    ``v2``, most lines added and removed first ("runtime.procresize (+114 −28), ..."), and the chat question that
    compares them all; None when no tour reads ``symbol`` or none of its other definitions changed.
    ``summary_of``: a definition's comparison summary between the two releases (``Comparison.summary``)."""
    tour = next((t for t in tours() if any(s.anchor == symbol for s in t.steps_at(v2))), None)
    if tour is None:
        return None
    churn: list[tuple[int, str]] = []
    for name in dict.fromkeys(s.anchor for s in tour.steps_at(v2) if s.anchor != symbol):
        if (counts := code_churn(summary_of(name))) is not None:
            added, removed = counts
            churn.append((added + removed, f"{name} (+{added} −{removed})"))
    if not churn:
        return None
    most = [said for _, said in sorted(churn, key=lambda x: -x[0])[:MOST_CHANGED]]
    return Note(
        "topic_churn", **listed("names", most), n=len(churn), title=tour.title, title_zh=tour.title_zh,
        question=f"How did the {subject} change between {v1} and {v2}?",
        question_zh=f"{v1} 和 {v2} 之间 {subject} 有什么变化？",
    )  # fmt: skip


__all__ = ["MOST_CHANGED", "churn_note"]
