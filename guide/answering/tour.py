"""A tour in an answer: when a question is about a topic a curated tour covers (``Query.tours``), its steps are
resolved at the newest release asked about, through the symbol table, and cited like any other source; the answer
shows the team's summary (labelled as such) and the steps with their annotations in reading order."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from guide.citation import Citation, cite_definition
from guide.definitions import anchored
from guide.knowledge.tours import Step, Tour, in_order_asked, tour
from guide.language import CHINESE, ENGLISH
from guide.retrieval.tour_routing import second_tour

if TYPE_CHECKING:
    from guide.index import GuideIndex
    from guide.language import Lang
    from guide.query import Query


@dataclass(frozen=True)
class TourInAnswer:
    tour: Tour
    tag: str
    steps: list[tuple[Citation, str]]
    """(citation, annotation in the question's language), in reading order; citations numbered among the sources."""
    added: list[Citation]
    """The steps' citations that were not among the sources already (numbered after them)."""
    also: TourInAnswer | None = None
    """A second tour the question is as much about ("how is a Go program compiled and started?")."""
    english: tuple[str, ...] = ()
    """The steps' annotations in English, whatever the question's language (the words the index can weigh)."""
    by_meaning: bool = False
    """Chosen by the question's meaning, not its words (``Query.tour_by_meaning``)."""
    shown_before: bool = False
    """One of the conversation's last answers showed this tour at this release: it is referred to, not repeated
    ("Why?", "Where is that in the code?" after a question the tour answered)."""
    walked_before: bool = False
    """... as a tour, its steps written out (not a comparison's changes of them: ``walked_in``)."""
    walked_at: str = ""
    """Another release at which one of the conversation's last answers walked this tour, its steps written out
    ("那 Go 1.9 的时候呢？" after the scheduler's tour at go1.27.3): a step the team annotates alike at both releases is
    cited here, not written out again (trial 77: 19 steps printed twice, 45 KB)."""

    def walks(self) -> list[TourInAnswer]:
        """This tour and the one it comes with, if any."""
        return [self, *([self.also] if self.also is not None else [])]

    @property
    def all_added(self) -> list[Citation]:
        return [c for t in self.walks() for c in t.added]

    @property
    def all_steps(self) -> list[tuple[Citation, str]]:
        return [s for t in self.walks() for s in t.steps]

    def title(self, lang: Lang) -> str:
        return self.tour.title_in(lang.code)

    def summary(self, lang: Lang) -> str:
        return self.tour.summary_zh if lang.code == "zh" else self.tour.summary  # one paragraph (tours.flowed)


def tour_for(index: GuideIndex, q: Query, tags: list[str], sources: list[Citation]) -> TourInAnswer | None:
    """The best tour for ``q``, with a second one when the question is as much about it
    (``guide.retrieval.tour_routing.second_tour``), see :func:`walk`; None when no tour covers the question."""
    if not q.tours:
        return None
    also = second_tour(index, q)
    if also is not None and in_order_asked(q.text, [q.tours[0], also])[0] == also:  # its part is asked first
        ahead = walk(index, q, also, tags, sources)
        if ahead is not None:  # walked first, the first tour's walk numbering its sources after it
            behind = walk(index, q, q.tours[0], tags, sources + ahead.added)
            return _seen(replace(ahead, also=behind), q) if behind is not None else None
    first = walk(index, q, q.tours[0], tags, sources)
    if first is None:
        return None
    second = walk(index, q, also, tags, sources + first.added) if also is not None else None
    return _seen(replace(first, also=second) if second is not None else first, q)


def shown_in(t: TourInAnswer, text: str, walked: bool = False) -> bool:
    """Whether an answer's ``text`` showed tour ``t`` at its release (its head, as :func:`tour_head` writes it, or a
    comparison's "(go1.21.13 → go1.27.3)"; with ``walked``, the tour's own head only), in either language: an
    answer in English is on screen when the next question is asked in Chinese."""
    shown, walked_here, _ = _marks(t, text)
    return walked_here if walked else shown


def _marks(t: TourInAnswer, text: str) -> tuple[bool, bool, str]:
    """Whether ``text`` showed tour ``t`` at its release, whether it walked it there (the tour's own head), and
    another release it walked it at ("" when none), its heads read once for the three."""
    heads = _heads(t, text)
    walked = [releases[0] for releases in heads if len(releases) == 1]
    return any(t.tag in releases for releases in heads), t.tag in walked, next((g for g in walked if g != t.tag), "")


def _heads(t: TourInAnswer, text: str) -> list[list[str]]:
    """The releases each head of tour ``t`` in ``text`` names, in either language: "(go1.27.3)", or a comparison's
    "(go1.21.13 → go1.27.3)"."""
    out: list[list[str]] = []
    for lang in (ENGLISH, CHINESE):
        head = f"**{lang.text('tour', title=t.title(lang))}** ("
        out += [part.split(")", 1)[0].split(" → ") for part in text.split(head)[1:]]
    return out


def _seen(t: TourInAnswer, q: Query) -> TourInAnswer:
    """``t`` with each walk marked ``shown_before`` when one of the recent answers (``Query.recent_answers``)
    showed it."""
    if not q.history:
        return t
    before = q.recent_answers

    def marked(w: TourInAnswer) -> TourInAnswer:
        shown, walked, at = _marks(w, before)
        return replace(w, shown_before=shown, walked_before=walked, walked_at=at)

    return replace(marked(t), also=marked(t.also) if t.also is not None else None)


def cited_steps(index: GuideIndex, t: Tour, tag: str) -> list[tuple[Step, Citation | None]]:
    """The steps of ``t`` that apply at ``tag``, in order, each with its anchor's definition there cited from git
    (None: the index does not have the anchor at ``tag``)."""
    out: list[tuple[Step, Citation | None]] = []
    for step in t.steps_at(tag):
        d = anchored(index, step.anchor, tag, step.path)
        out.append((step, cite_definition(index, d) if d is not None else None))
    return out


def walk(index: GuideIndex, q: Query, tour_id: str, tags: list[str], sources: list[Citation]) -> TourInAnswer | None:
    """Tour ``tour_id`` at the newest release of ``tags`` it applies to, its steps cited; None when it has no step
    there. A step whose definition is one of ``sources``, or within one of them (``_holding``), reuses that source's
    number."""
    chosen = tour(tour_id)
    known = {(s.version, s.path, s.start_line): s for s in sources}
    for tag in reversed(tags):
        steps: list[tuple[Citation, str]] = []
        added: list[Citation] = []
        english: list[str] = []
        for step, cit in cited_steps(index, chosen, tag):
            if cit is None:
                continue
            english.append(step.note)
            note = step.note_in(q.lang.code)
            holder = known.get(cit.key) or _holding(sources, cit)
            if holder is not None:
                steps.append((holder, note))
                continue
            cit = cit.numbered(len(sources) + len(added) + 1)
            known[cit.key] = cit
            added.append(cit)
            steps.append((cit, note))
        if steps:
            return TourInAnswer(chosen, tag, steps, added, english=tuple(english), by_meaning=q.tour_by_meaning)
    return None


def _holding(sources: list[Citation], cit: Citation) -> Citation | None:
    """The source that cites ``cit``'s definition with lines around it: the group a constant or variable is declared
    in (``ir.MaxStackVarSize`` at cfg.go:11, in the ``var (...)`` of lines 7-26, had been cited twice, as [1] and as
    the stack-vs-heap tour's [5]: trial 38)."""
    return next(
        (
            s for s in sources
            if (s.version, s.symbol) == (cit.version, cit.symbol)
            and s.holds(cit.path, cit.start_line) and s.holds(cit.path, cit.end_line)
        ),
        None,
    )  # fmt: skip


__all__ = ["TourInAnswer", "cited_steps", "shown_in", "tour_for", "walk"]
