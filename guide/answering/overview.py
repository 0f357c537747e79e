"""A comparison that asks what changed overall and names no subject ("What changed since Go 1.9?", "the biggest
runtime differences between go1.21 and go1.27", ``Query.asks_overview``): topic by topic, for each of the team's
tours, how many of the definitions it walks changed between the two releases, the first few named and cited at the
newer one with a change the newer one shows (a field or a call added), and how many the older release does not
have; then every experiment whose default changed (``guide.answering.defaults``: with no topic to keep them to).
Before, such a question compared whatever the search found for "changed" or "biggest" (``faketimeState``, a
CPU-profile buffer's size)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from guide.answering.check import check_citations
from guide.answering.defaults import defaults_block
from guide.answering.noted_changes import noted_changes
from guide.answering.result import Answer, Event
from guide.answering.tour import cited_steps
from guide.history.compare import Comparison, compare_symbol
from guide.knowledge.tours import Tour, tours
from guide.render.markdown import change_phrases

if TYPE_CHECKING:
    from guide.citation import Citation
    from guide.index import GuideIndex
    from guide.language import Lang
    from guide.query import Query

NAMED_PER_TOPIC = 3
"""The changed definitions named per topic; the others are counted."""
NOTED_PER_TOPIC = 2
"""Per topic, at most this many of the team's notes that say what changed after the older release
(``noted_changes``: "since Go 1.25 that default also follows, on Linux, the CPU limit of the process's cgroup"),
said first, each cited at the step's definition at the newer release: the line had been only counts and calls added
("calls added: trace.ok, traceAcquire, traceRelease"), trial 77's Go 1.9 user asking what changed since then."""


MAX_PHRASE = 90
"""A change said beside a definition's name is at most this long (a list of calls is cut by its own rule)."""


def _what_changed(comp: Comparison, lang: Lang) -> str:
    """The first change that the newer definition shows by itself (a field or a call added, not a body's line counts
    nor a change whose older side the newer definition does not hold), in words; "" when there is none."""
    for phrase, side in change_phrases(comp, lang.code):
        if side == "b" and len(phrase) <= MAX_PHRASE:
            return phrase
    return ""


def _topic_line(index: GuideIndex, t: Tour, old: str, new: str, sources: list[Citation], lang: Lang) -> str:
    """One topic's line: how many of its tour's definitions at ``new`` changed since ``old`` (the first ones named,
    cited in ``sources``), and how many ``old`` does not have; "" when the tour has no step at ``new``."""
    changed: list[tuple[Citation, str]] = []
    same = fresh = 0
    noted = noted_changes(t, old, new, lang, dated=True)  # what the team's notes at the newer release say changed
    told: list[str] = []
    for _, cit in cited_steps(index, t, new):
        if cit is None:
            continue
        if cit.symbol in noted and len(told) < NOTED_PER_TOPIC:
            told.append(f"{noted[cit.symbol]} ({cit.symbol}) [{_number(cit, sources).n}]")
        comp = compare_symbol(index, cit.symbol, old, new)
        if comp.left is None:
            fresh += 1
        elif comp.changed:
            changed.append((cit, _what_changed(comp, lang)))
        else:
            same += 1
    total = len(changed) + same + fresh
    if not total:
        return ""
    named = []
    for cit, what in changed[:NAMED_PER_TOPIC]:
        have = _number(cit, sources)
        named.append(f"{have.symbol} ({what}) [{have.n}]" if what else f"{have.symbol} [{have.n}]")
    more = len(changed) - len(named)
    if changed:
        listed = lang.listed(named, items_with_commas=True)
        said = lang.text("overview_changed", n=len(changed), total=total, names=listed)
        said += lang.text("overview_more", n=more) if more else ""
    else:
        said = lang.text("overview_none", total=total)
    said += lang.text("overview_new", n=fresh) if fresh else ""
    said = lang.text("overview_counted", said=said) if told else said
    end = "。" if lang.code == "zh" else "."
    return f"- **{t.title_in(lang.code)}**{lang.marks[0]}{' '.join([*told, said])}{end}"


def _number(cit: Citation, sources: list[Citation]) -> Citation:
    """``cit`` as numbered among ``sources``, added to them when it is not there yet."""
    have = next((s for s in sources if s.key == cit.key), None)
    if have is None:
        have = cit.numbered(len(sources) + 1)
        sources.append(have)
    return have


def overview_route(index: GuideIndex, query: Query, tags: Sequence[str], ans: Answer) -> Iterator[Event]:
    """The overview of what changed between the first and the last of ``tags`` (see the module doc)."""
    ans.route = "compare"
    lang = query.lang
    old, new = tags[0], tags[-1]
    sources: list[Citation] = []
    lines = [line for t in tours() if (line := _topic_line(index, t, old, new, sources, lang))]
    defaults, cited = defaults_block(index, sources, old, new, len(sources) + 1, lang, every=True)
    sources += cited
    ans.retrieved = sources
    yield Event("sources", sources=sources)
    head = lang.text("overview_head", old=old, new=new)
    tail = lang.text("overview_tail", old=old, new=new)
    text = "\n\n".join(x for x in (head, "\n".join(lines), defaults, tail) if x)
    checked = check_citations(text, sources)
    ans.text, ans.citations = checked.text, checked.cited
    ans.warnings += checked.warnings
    ans.grounded = bool(checked.cited)
    yield Event("token", text=ans.text)


__all__ = ["NAMED_PER_TOPIC", "overview_route"]
