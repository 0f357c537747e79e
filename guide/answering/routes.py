"""The answers that are not "retrieve, then write": a comparison between releases, and the call sites of a function
(the notes on identifiers that no indexed release defines are ``guide.answering.absent``'s)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from guide.answering.amounts import amount_line, amounts_at
from guide.answering.check import check_citations
from guide.answering.compared import change_lines, what_it_is
from guide.answering.comparison_parts import QUOTED, arranged, compared_definition
from guide.answering.defaults import defaults_block
from guide.answering.described import changed_pairs, described_route
from guide.answering.gone_answer import gone_route
from guide.answering.held import held_for
from guide.answering.methods import methods_block
from guide.answering.new_code import new_code_block
from guide.answering.overview import overview_route
from guide.answering.quotable import for_other_platform
from guide.answering.relevance import question_weights
from guide.answering.result import Answer, Event
from guide.answering.tour_changes import StepChanges, tour_across
from guide.citation import Citation, cite_chunk
from guide.history.by_use import InItsPlace, in_its_place
from guide.history.compare import compare
from guide.history.gone import gone_subjects
from guide.history.subject import CODE_KINDS
from guide.history.timeline import timeline
from guide.knowledge.tours import tour
from guide.render.markdown import closest_line, comparison_markdown, in_place_line, timeline_markdown
from guide.retrieval import retrieve
from guide.retrieval.callers import find_callers
from guide.retrieval.symbol import known_candidates
from ingest.symbols import bare_name

if TYPE_CHECKING:
    from guide.history.compare import Comparison
    from guide.history.files import TopicComparison
    from guide.index import GuideIndex
    from guide.language import Lang
    from guide.query import Candidate, Query

CALLER_SOURCES = 5
"""Functions listed as call sites, runtime first, by path; the others are counted (up to ``CALLERS_COUNTED``)."""
CALLERS_COUNTED = 200
CALLS_PER_SOURCE = 4  # calls shown per function that calls it more than once


def _walks(query: Query, comp: Comparison | TopicComparison) -> bool:
    """Whether the comparison goes with how the tour the question is about changed: not when the tour was chosen by
    meaning and none of its steps is the definition compared (trial 26: "Is it the same in Go 1.21?" after "How does
    sync.WaitGroup work?" opened with the sync.Mutex tour's changes, before WaitGroup's own)."""
    if not query.tours or not query.tour_by_meaning or comp.kind != "symbol" or not comp.found:
        return True
    return any(s.anchor == comp.symbol for s in tour(query.tours[0]).steps)


# -- callers ---------------------------------------------------------------------------------------------------------
def known_subject(index: GuideIndex, cands: list[Candidate]) -> str | None:
    """The first candidate that names a symbol in the index, identifier-looking ones first."""
    known = index.reader.known_names(c.name for c in cands)
    ranked = sorted((c for c in cands if c.name.lower() in known), key=lambda c: not c.strong)
    return ranked[0].name if ranked else None


def callers_route(
    index: GuideIndex, name: str, tags: Sequence[str], ans: Answer, lang: Lang, platform: tuple[str, str]
) -> Iterator[Event]:
    ans.route = "callers"
    version = tags[-1]
    sources: list[Citation] = []
    found = find_callers(index, name, version, limit=CALLERS_COUNTED)
    found.sort(key=lambda c: for_other_platform(c.path, platform))  # the platform's own first (not lock_js.go)
    for chunk in found:  # two chunks of one long function cite it once
        if len(sources) == CALLER_SOURCES:  # the others are counted, not cited (no lines read from git)
            break
        cit = cite_chunk(index, chunk, version)
        if cit is not None and cit.key not in {s.key for s in sources}:
            sources.append(cit.numbered(len(sources) + 1))
    ans.retrieved = sources
    yield Event("sources", sources=sources)
    if not sources:
        ans.text = lang.text("no_callers", name=name, version=version)
        return
    lines = [lang.text("callers", name=name, version=version)]
    for s in sources:  # each call in the function, with its line (chansend parks twice), not a comment naming it
        calls = [
            f"`{ln.strip()}`{lang.text('at_line', line=s.start_line + i)}"
            for i, ln in enumerate(s.excerpt.split("\n")) if f"{name}(" in ln and not ln.strip().startswith("//")
        ][:CALLS_PER_SOURCE]  # fmt: skip
        lines.append(f"- {s.symbol} — {s.location}: {lang.listed(calls, items_with_commas=True)} [{s.n}]")
    more = len({(c.path, c.symbol) for c in found}) - len(sources)
    lines += [lang.text("callers_more", n=more if len(found) < CALLERS_COUNTED else f"{more}+")] if more > 0 else []
    checked = check_citations("\n".join(lines), sources)
    ans.text, ans.citations, ans.grounded = checked.text, checked.cited, bool(checked.cited)
    ans.warnings += checked.warnings
    yield Event("token", text=ans.text)


# -- comparisons -----------------------------------------------------------------------------------------------------
def compare_route(
    index: GuideIndex, query: Query, tags: Sequence[str], ans: Answer, asked: bool = True
) -> Iterator[Event]:
    """Two releases: a comparison; more: a timeline across them. Every release asked about is cited: where the
    subject is not defined, the closest definition there (by the same retrieval) is. ``asked`` False: the releases
    are every indexed one, not the question's ("since when does AddCleanup exist?"): a timeline, two releases
    included, without the topic's tour; a release without the subject is said to be so, with no closest definition
    (types2's ``cleanup`` for AddCleanup says nothing)."""
    if query.asks_overview:  # no subject: what changed, topic by topic
        yield from overview_route(index, query, tags, ans)
        return
    ans.route = "compare"
    lang = query.lang
    comp = compare(index, query, tags[0], tags[-1], describe=False)  # the symbol or file the question names
    if comp is not None and (gone := gone_subjects(index, comp, query.code_like)):  # go.y: what does its work now
        yield from gone_route(index, query, gone, tags, ans)
        return
    if comp is None and not asked:  # "since when does hchan exist?": the identifier, as symbol search reads it (on
        # nine releases hchan is in 499 chunks, too many for a comparison's plain-word subject; it was a description)
        name = next((c.text for c in known_candidates(index, query.identifiers) if c.strong), None)
        comp = compare(index, name, tags[0], tags[-1], describe=False) if name else None
    if comp is None:  # described in plain words: each release is read (guide.answering.described)
        yield from described_route(index, query, tags, ans)
        return
    over = len(tags) > 2 or not asked  # several releases, or every indexed one ("since when ...?")
    tl = timeline(index, comp.symbol, tags) if over and comp.kind == "symbol" and comp.found else None
    cited = tl.citations if tl is not None else comp.citations
    missing = [t for t in (tags if asked else []) if not any(x.version == t for x in cited)]
    had = next((x for x in cited if bare_name(x.symbol) == bare_name(comp.symbol)), None)  # guide.history.by_use
    in_place = {t: p for t in missing if had and (p := in_its_place(index, had.symbol, had.version, t))}
    closest = {t: c for t in missing if (c := _closest(index, query.topic(), t, in_place.get(t)))}
    put = [c for p in in_place.values() for c in (p.definition, p.user)]
    unique = {c.key: c for c in [*cited, *closest.values(), *put]}  # each definition once
    sources = [c.numbered(i) for i, c in enumerate(unique.values(), 1)]
    # "since when does hchan exist?" asks of one definition's life, not of how its topic changed
    walked = tour_across(index, query, tags, len(sources) + 1) if asked and _walks(query, comp) else StepChanges()
    sources += walked.added
    fresh = new_code_block(index, comp, len(sources) + 1, lang, walked.added) if tl is None else ("", [])
    sources += [c for c in fresh[1] if c not in walked.added]  # the new functions it calls, in their own words
    defaults, more = defaults_block(index, sources, tags[0], tags[-1], len(sources) + 1, lang, query.text, tags)
    sources += more
    idf = question_weights(index, query)
    amounts = amounts_at(index, query.topic(), tags, idf, len(sources) + 1) if query.asks_quantity else {}
    sources += [c for cits in amounts.values() for c in cits if c.key not in {s.key for s in sources}]
    held = held_for(index, query, tags, sources)  # a follow-up: whether what the answer before quoted still holds
    sources += held.added
    methods, methods_cited = methods_block(comp, len(sources) + 1, lang, query.identifiers) if tl is None else ("", [])
    sources += methods_cited  # a type's methods: what it does changed there (sync.WaitGroup gained Go)
    ans.retrieved = sources
    yield Event("sources", sources=sources)
    numbers = {s.key: s.n for s in sources}
    text = (
        timeline_markdown(tl, lang.code, numbers) if tl is not None else comparison_markdown(comp, lang.code, numbers)
    )
    closest_lines = [closest_line(lang.code, t, comp.symbol, c, numbers) for t, c in closest.items()]
    closest_lines += [in_place_line(lang.code, t, comp.symbol, p, numbers) for t, p in in_place.items()]
    own = "\n".join(p for p in (text, fresh[0], *closest_lines) if p)
    pairs = changed_pairs(tl, comp, {s.key: s for s in sources})
    shown = {*held.said, *QUOTED.findall(walked.text)}  # not what was read again above, nor quoted in the steps
    changes = change_lines(pairs, query.tokens, idf, lang, shown, index)
    when_first = query.asks_when_changed and tl is not None  # "which release changed it?": its releases, first
    text = arranged(comp, tl, "" if when_first else own, walked, methods, changes)
    if defaults:  # the experiments on the topic whose default changed
        text = f"{defaults}\n\n{text}"
    by_key = {s.key: s for s in sources}
    if line := amount_line({t: [by_key[c.key] for c in cits] for t, cits in amounts.items()}, lang):
        text = f"{line}\n\n{text}"  # the amount asked about, first
    newest = compared_definition(comp, sources)
    if newest is not None:
        text += "\n\n" + what_it_is(newest, lang)
    text = "\n\n".join(p for p in (own if when_first else "", held.text, text) if p)
    checked = check_citations(text, sources)
    ans.text, ans.citations, ans.grounded = checked.text, checked.cited, bool(checked.cited)
    ans.warnings += checked.warnings
    yield Event("token", text=ans.text)


def _closest(index: GuideIndex, query: Query, tag: str, put: InItsPlace | None = None) -> Citation | None:
    """The best code definition at ``tag`` for the question, where the subject is not defined; not ``put``'s again."""
    for hit in retrieve(index, query, [tag], k=5, include_design=False):
        if hit.chunk.kind in CODE_KINDS:
            c = cite_chunk(index, hit.chunk, hit.tag)
            return None if c is None or (put is not None and put.definition.key == c.key) else c
    return None


__all__ = ["callers_route", "compare_route", "known_subject"]
