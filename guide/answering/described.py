"""The answer to a comparison asked in plain words: per release, the definitions the search found there and what
they say about the question (what the other releases do not say first), then the structural comparison of the
definition the releases share (``guide.history.described``)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from guide.answering.amounts import USED_BY, amount_line, with_constants
from guide.answering.check import check_citations
from guide.answering.compared import change_lines, release_statements, what_it_is
from guide.answering.comparison_parts import QUOTED
from guide.answering.defaults import defaults_block
from guide.answering.extractive import TOUR_COVERS, statement_line
from guide.answering.folds import folded
from guide.answering.found_changes import found_changes
from guide.answering.held import held_for
from guide.answering.kept_fields import said_once
from guide.answering.relevance import question_weights
from guide.answering.result import Answer, Event
from guide.answering.tour_changes import tour_across
from guide.citation import Citation, package_of
from guide.definitions import moved_candidates, releases_with
from guide.history.by_use import InItsPlace, in_its_place
from guide.history.compare import compare_symbol, described_comparison
from guide.history.described import findings
from guide.history.timeline import timeline
from guide.knowledge.tours import source_area, tour
from guide.release_gaps import skipped_minors
from guide.render.markdown import comparison_markdown, timeline_markdown
from guide.versions import releases_before
from guide.where import where
from ingest.symbols import bare_name

if TYPE_CHECKING:
    from guide.history.compare import Comparison
    from guide.history.files import TopicComparison
    from guide.history.timeline import Timeline
    from guide.index import GuideIndex
    from guide.language import Lang
    from guide.query import Query


def changed_pairs(
    tl: Timeline | None, comp: Comparison | TopicComparison | None, by_key: dict[tuple[str, str, int], Citation]
) -> list[tuple[Citation, Citation]]:
    """The (older, newer) citations of the compared definition whose text differs, as numbered among the sources:
    consecutive releases of a timeline, or the two sides of a comparison."""
    if tl is not None:
        present = [by_key[p.citation.key] for p in tl.releases if p.citation is not None and p.citation.key in by_key]
        return [(a, b) for a, b in pairwise(present) if a.text != b.text]
    left, right = getattr(comp, "left", None), getattr(comp, "right", None)
    if left is None or right is None or left.key not in by_key or right.key not in by_key or left.text == right.text:
        return []
    return [(by_key[left.key], by_key[right.key])]


@dataclass(frozen=True)
class Presence:
    """A definition found at ``tag`` that one end of the comparison does not define: where it first appears, or
    (``gone`` set: the release it is gone from) where it was last defined, and its citation there."""

    tag: str
    release: str
    citation: Citation
    gone: str | None = None
    absent: str = ""
    """Where it first appears: the indexed releases compared before it, that do not define it (``releases_before``)."""
    in_place: InItsPlace | None = None
    """What the code that uses it uses in its place at the other end of the comparison (``guide.history.by_use``)."""
    moved: Citation | None = None
    """The same definition in another package at the other end (``moved_candidates``: sync.mutexLocked at go1.21.13
    for internal/sync's at go1.27.3): it moved, it is not new nor gone."""
    skipped: tuple[str, ...] = ()
    """The releases between the indexed one where it first appears (or is gone) and the indexed one before it that
    are not indexed (go1.22 to go1.26 before nextslicecap at go1.27.3 in the default index): it came (or went) in
    one of them, which the note says (trial 73 read "first appears at go1.27.3" against the tour's "since Go 1.22")."""


def presence(index: GuideIndex, per_release: dict[str, list[Citation]], tags: Sequence[str]) -> list[Presence]:
    """For the definitions found at each release of ``tags`` that the first (or the last) release compared does not
    define: the indexed release where they first appear (or were last defined), cited there, as the Compare tab's
    notes say it (``releases_with``, the symbol table's releases of a name; a definition that moved keeps its
    name)."""
    order = {r: i for i, r in enumerate(index.releases)}
    between = [r for r in index.releases if order[tags[0]] <= order[r] <= order[tags[-1]]]
    out: list[Presence] = []
    seen: set[str] = set()
    for tag in tags:
        for c in per_release.get(tag, []):
            if c.symbol in seen:  # said once, at the first release it was found at
                continue
            seen.add(c.symbol)
            present = [r for r in releases_with(index, c.symbol) if r in between]
            if not present:
                continue
            absent = ""
            if tag != tags[0] and present[0] != tags[0]:
                release, gone = present[0], None
                absent = releases_before(index.releases, release, tags[0])
            elif tag != tags[-1] and present[-1] != tags[-1]:
                release, gone = present[-1], between[between.index(present[-1]) + 1]
            else:
                continue
            there = c if release == c.version else next(iter(where(index, c.symbol, release)), None)
            if there is None:
                continue
            other = tags[0] if gone is None else tags[-1]  # the end of the comparison that does not define it
            moved = _moved_to(index, c.symbol, release, other, per_release.get(other, []))
            put = None if moved is not None else in_its_place(index, c.symbol, release, other)
            out.append(Presence(tag, release, there, gone, absent, put, moved, unindexed_at(index, release, gone)))
    return out


def unindexed_at(index: GuideIndex, release: str, gone: str | None = None) -> tuple[str, ...]:
    """The releases not indexed where a definition came or went (``Presence.skipped``): between the indexed release
    before ``release`` and it, where it first appears; between ``release`` and ``gone``, where it was gone."""
    at = index.releases.index(release)
    if gone is None and at == 0:  # the oldest indexed: nothing before it is read
        return ()
    edge = (release, gone) if gone is not None else (index.releases[at - 1], release)
    return tuple(skipped_minors(edge, index.releases))


def _moved_to(index: GuideIndex, symbol: str, tag: str, other: str, found_there: Sequence[Citation]) -> Citation | None:
    """The same definition as ``symbol`` at ``tag`` in another package at ``other`` (``moved_candidates``), cited
    there (as found there when it was: the same number); None when it did not move."""
    anchor = next((d for d in index.reader.lookup(symbol, tag) if d.symbol == symbol), None)
    moved = moved_candidates(index, anchor, other) if anchor is not None else []
    if not moved:
        return None
    return next((c for c in found_there if c.symbol == moved[0].symbol), None) or next(
        iter(where(index, moved[0].symbol, other)), None
    )


def presence_line(p: Presence, compared: Sequence[str], numbers: Mapping[tuple[str, str, int], int], lang: Lang) -> str:
    """runtime.bootstrapRand: among the indexed releases, ``bootstrapRand`` first appears at go1.22.10 (not defined at
    go1.21.13 or any between) [5]; and what the code that uses it uses in its place at the other end of the
    comparison, cited there (``Presence.in_place``: startupRandomData's ``startupRand`` in sysauxv)."""
    name = bare_name(p.citation.symbol)
    other = compared[0] if p.gone is None else compared[-1]
    if p.moved is not None and p.moved.key in numbers:  # the same definition in another package there, said in order
        ends = sorted([p.moved, p.citation], key=lambda c: compared.index(c.version) if c.version in compared else 0)
        text = lang.text(
            "note_moved_package",
            name=name,
            ends=" → ".join(f"{c.symbol} @ {c.version} [{numbers[c.key]}]" for c in ends),
        )
        return f"- {p.citation.symbol}{lang.marks[0]}{text}"
    many = len(p.skipped) > 2  # go1.22 to go1.26
    skipped = lang.text("release_span", first=p.skipped[0], last=p.skipped[-1]) if many else lang.listed(p.skipped)
    if p.gone is None:
        key = "note_first_appears_gap" if p.skipped else "note_first_appears"
        text = lang.text(key, name=name, first=p.release, before=p.absent or compared[0], skipped=skipped)
    else:
        text = lang.text("note_gone", name=name, last=p.release, gone=p.gone)
        text += lang.text("note_unindexed_between", skipped=skipped) if p.skipped else ""
    line = f"- {p.citation.symbol}{lang.marks[0]}{text} [{numbers[p.citation.key]}]"
    put = p.in_place
    if put is not None and put.user.key in numbers and put.definition.key in numbers:
        line += lang.text(
            "note_in_its_place", other=other, user=put.user.symbol, new=put.name, k=numbers[put.definition.key],
            code=put.line, n=numbers[put.user.key],
        )  # fmt: skip
    return line


def in_tour_areas(per_release: dict[str, list[Citation]], walked: Sequence[Citation]) -> dict[str, list[Citation]]:
    """What was found at each release, beside a tour walked across the releases (``walked``, its cited steps): only
    the definitions in the parts of the Go tree the tour reads (``source_area``). "调度器有哪些变化？" (scheduler,
    schedule) found the compiler's instruction scheduler, cmd/compile's ``ssa.schedule``, beside the goroutine
    scheduler's tour, and quoted "TODO(khr): schedule smarter.": another subject. A constant that found code uses
    (``NumSizeClasses``, in internal/runtime/gc since go1.25) stays with it; a release whose findings are all
    elsewhere keeps them."""
    if not walked:
        return per_release
    areas = {source_area(c.path) for c in walked}

    def kept(c: Citation) -> bool:
        return USED_BY in c.scores or source_area(c.path) in areas

    return {t: [c for c in cs if kept(c)] or cs for t, cs in per_release.items()}


def off_the_tour(query: Query, symbol: str) -> bool:
    """Whether ``symbol`` is in none of the packages the tour of the question's topic walks: found the same at both
    releases, it is not the topic's code, and "unchanged: identical text" of it reads as if the topic had not changed
    (trial 49: cmd/compile/internal/types2.NewMap ended the answer to what changed in the map implementation, whose
    tour walks walk, runtime and internal/runtime/maps)."""
    found = tour(query.tours[0]) if query.tours else None
    return found is not None and package_of(symbol) not in {package_of(s.anchor) for s in found.steps}


def described_route(index: GuideIndex, query: Query, tags: Sequence[str], ans: Answer) -> Iterator[Event]:
    lang = query.lang
    asked = query
    query = query.topic()  # "compare", "between", "changed" name no code to search for
    f = findings(index, query, tags)
    if not f.matched:  # nothing found by name, concept or words at any release: say so
        ans.text = lang.text("not_found", scope=lang.listed(tags))
        ans.grounded, ans.route = False, "not-found"
        yield Event("sources", sources=[])
        yield Event("token", text=ans.text)
        return
    idf = question_weights(index, query)
    if asked.asks_quantity:  # "did the stack size change?": the constants the code found at each release uses
        similar = index.similarity_to(query.dense_text)
        for tag in tags:
            f.per_release[tag] = with_constants(index, f.per_release[tag], query.tokens, idf, similar, query.platform)
    structure = ""
    structural: list[Citation] = []
    newest: Citation | None = None
    tl = comp = None
    if f.subject is not None:
        if len(tags) > 2:
            tl = timeline(index, f.subject, tags)
            structural = tl.citations
        else:
            comp = compare_symbol(index, f.subject, tags[0], tags[-1])
            if not comp.changed and off_the_tour(asked, f.subject):  # the types checker's NewMap beside the map tour
                comp = None
            else:  # unchanged: how its file changed
                comp = described_comparison(index, comp, lang.text("described_subject", subject=f.subject))
            structural = comp.citations if comp is not None else []
    unique = {c.key: c for c in [*f.interleaved(), *structural]}
    sources = [c.numbered(i) for i, c in enumerate(unique.values(), 1)]
    # the tour of the topic, when it walks different code at the two ends (maps before and after Swiss tables)
    walked = tour_across(index, asked, tags, len(sources) + 1)
    sources += walked.added
    # the experiments on the topic whose default changed (the Green Tea GC for "is the GC different?")
    defaults, defaults_cited = defaults_block(
        index, sources, tags[0], tags[-1], len(sources) + 1, lang, query.text, tags
    )
    sources += defaults_cited
    found_where = presence(index, f.per_release, tags)
    known = {s.key for s in sources}
    for p in found_where:
        in_place = (p.in_place.definition, p.in_place.user) if p.in_place is not None else ()
        for c in (p.citation, *in_place, *([p.moved] if p.moved is not None else [])):
            if c.key not in known:
                known.add(c.key)
                sources.append(c.numbered(len(sources) + 1))
    # whether the other definitions found (and the types of the methods found) changed: said of each, both sides cited
    skip = [f.subject or "", *(c.symbol for c in walked.added if walked.details(c.symbol))]
    became = found_changes(index, f.per_release, tags[0], tags[-1], skip, sources, lang) if tl is None else None
    sources += became.added if became is not None else []
    held = held_for(index, asked, tags, sources)  # a follow-up: whether what the answer before quoted still holds
    sources += held.added
    walked.text = said_once(walked.text, held.said)  # what still holds, said above, not again under a step
    by_key = {s.key: s for s in sources}
    by_n = {s.n: s for s in sources}
    ans.retrieved = sources
    yield Event("sources", sources=sources)

    per_release = {t: [by_key[c.key] for c in f.per_release.get(t, [])] for t in tags}
    per_release = in_tour_areas(per_release, walked.added)
    said = release_statements(per_release, query.tokens, idf, above=held.text)
    t = lang.text
    amounts = amount_line(per_release, lang) if asked.asks_quantity else ""  # what was asked, first
    # the tour's changes first when it walks what the search found first at some release (the scheduler's steps for
    # "what changed in the scheduler?"); else they are the topic around the question, after what was found
    first_found = {c.symbol for cits in per_release.values() for c in cits[:TOUR_COVERS]}
    covers = any(c.symbol in first_found for c in walked.added)
    parts = [x for x in (held.text, amounts, defaults, changes_folded(walked.text, lang) if covers else "") if x]
    parts.append(t("described_head", releases=lang.listed(tags)))
    colon = lang.marks[0]
    # each said once: what the releases' quotes and the tour's changes above say (trial 70 read runqput's new comment
    # under its tour step and again among "Its comments at go1.27.3 that go1.21.13 does not have")
    quoted = {st.text for sts in said.values() for st in sts} | set(QUOTED.findall(walked.text))
    pairs = changed_pairs(tl, comp, by_key)
    changes = change_lines(pairs, query.tokens, idf, lang, quoted, index)
    changed_at = {new.version for _, new in pairs} if changes else set()  # the releases whose comments changed
    numbers = {s.key: s.n for s in sources}
    for tag in tags:
        found = lang.listed((f"{c.symbol} ({c.location}) [{c.n}]" for c in per_release[tag]), items_with_commas=True)
        lines = [f"**{tag}** — {t('found_at')}{colon}{found}" if found else f"**{tag}**"]
        lines += [statement_line(st, by_n, lang) for st in said.get(tag, [])]
        new_here = any(p.tag == tag and p.gone is None and p.moved is None for p in found_where)  # nothing is old
        # nothing new on the question here, unless the comments added below say otherwise (the linker's deadcode)
        if not said.get(tag) and tag != tags[0] and found and not new_here and tag not in changed_at:
            lines.append(f"- {t('nothing_new')}")
        lines += [presence_line(p, tags, numbers, lang) for p in found_where if p.tag == tag]
        parts.append("\n".join(lines))
    if tl is not None:
        structure = timeline_markdown(tl, lang.code, numbers)
        newest = next((by_key[p.citation.key] for p in reversed(tl.releases) if p.citation is not None), None)
    elif comp is not None and comp.found:
        # the steps' changes above may say it already (chansend's lines and calls): not said twice
        structure = "" if walked.details(comp.symbol) else comparison_markdown(comp, lang.code, numbers)
        side = comp.right or comp.left
        newest = by_key.get(side.key) if side is not None else None
    if walked.text and not covers:  # the topic around what was found: its tour's changes, shown folded
        parts.append(changes_folded(walked.text, lang))
    if structure and asked.asks_when_changed and tl is not None:  # "which release changed it?": the releases, first
        parts.insert(0, structure)
    elif structure:
        parts.append(structure)
    if changes:
        parts.append(changes)
    if became is not None and became.text:
        parts.append(became.text)
    if newest is not None and (summary := what_it_is(newest, lang)) and not any(f"“{s}”" in summary for s in quoted):
        parts.append(summary)  # what the compared definition is, unless quoted above already
    checked = check_citations("\n\n".join(parts), sources)
    ans.text, ans.citations = checked.text, checked.cited
    ans.warnings += checked.warnings
    ans.grounded = bool(checked.cited)
    yield Event("token", text=ans.text)


def _bold_start(lang: Lang, key: str, *fields: str) -> str:
    """The start of text ``key`` in bold, up to its first field: how a paragraph headed by it begins."""
    return "**" + lang.text(key, **dict.fromkeys(fields, "\0")).split("\0")[0]


def changes_folded(text: str, lang: Lang) -> str:
    """A tour's changes across releases (``tour_across``) with its title, the team's summary and what the team's notes
    say changed open, and the changes of each step's code marked to be shown folded under their own head (trial 85:
    folded whole, the GC tour's summary, the only words on the Green Tea collector, was hidden with them; open, the
    scheduler's changes between go1.21 and go1.27 were 10,000 characters of fields and calls renamed)."""
    paras = text.split("\n\n")
    summary = (lang.text("tour_summary"), lang.text("tour_summary_rest"))
    keep = 2 if len(paras) > 2 and paras[1].startswith(summary) else 1
    noted = _bold_start(lang, "tour_changes_noted", "new")  # what changed, in the team's words
    said = [p for p in paras[keep:] if p.startswith(noted)]
    rest = "\n\n".join(p for p in paras[keep:] if not p.startswith(noted))
    head = "\n\n".join([*paras[:keep], *said])
    # the changes' own head names the fold when it opens it ("How these steps changed between go1.21.13 and go1.27.3"
    # had stood right under "How the tour's steps changed, step by step", trial 103)
    own = _bold_start(lang, "tour_changes", "old", "new")
    changes = rest if rest.startswith(own) else f"**{lang.text('tour_changes_fold')}**\n\n{rest}"
    return f"{head}\n\n{folded(changes)}" if rest else head


__all__ = ["changes_folded", "described_route", "in_tour_areas"]
