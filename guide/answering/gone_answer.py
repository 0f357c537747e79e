"""The answer to a comparison whose subjects no indexed release defines ("What changed since go1.9?" after "Where
did go.y and typ2Itab go?"): each said to be gone, and what does its work now compared between the releases, each
side cited (``guide.history.gone``), instead of "not defined at go1.21.13, not defined at go1.27.3" and the closest
definition by retrieval (ifaceeq for go.y)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from guide.answering.absent import absent_text
from guide.answering.check import check_citations
from guide.answering.result import Event
from guide.history.gone import follow_gone
from guide.render.gone import gone_markdown

if TYPE_CHECKING:
    from guide.answering.result import Answer
    from guide.index import GuideIndex
    from guide.query import Query


def gone_route(
    index: GuideIndex, query: Query, names: Sequence[str], tags: Sequence[str], ans: Answer
) -> Iterator[Event]:
    """``names`` (``gone_subjects``) compared through their successors from the first of ``tags`` to the last, each
    after what ``absent_text`` says of it (one line when the answer before said it: the follow-up of its question)."""
    ans.route, lang = "compare", query.lang
    gone = follow_gone(index, names, tags[0], tags[-1])
    unique = {x.key: x for g in gone for c in g.compared for x in (c.left, c.right) if x is not None}  # each once
    sources = [c.numbered(i) for i, c in enumerate(unique.values(), 1)]
    said = []
    for g in gone:
        note, extra = absent_text(index, [g.name], sources, tags, lang, said_before=query.said_before, asked=query.text)
        said.append(note)
        sources += extra
    ans.retrieved = sources
    yield Event("sources", sources=sources)
    text = gone_markdown(gone, said, lang, {s.key: s.n for s in sources})
    checked = check_citations(text, sources)
    ans.text, ans.citations, ans.grounded = checked.text, checked.cited, bool(checked.cited)
    ans.warnings += checked.warnings
    yield Event("token", text=ans.text)


__all__ = ["gone_route"]
