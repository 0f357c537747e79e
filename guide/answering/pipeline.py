"""``answer()`` and ``stream_answer()``: the one entry point the web chat, the CLI, the MCP tools and the evals call.

Steps: read the question once (:class:`guide.query.Query`: language, follow-up, releases, identifiers, intent),
scope the releases (never substituting one that is not indexed), route (comparison, callers, absent symbols),
retrieve, then answer extractively or with a chat model whose every citation is checked against the sources it
was given."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, ParamSpec

from guide.answering.absent import (
    absent_names,
    absent_text,
    only_absent_names,
    out_of_scope,
    scope_label,
    successor_names,
)
from guide.answering.amounts import USED_BY, constants_used, with_constants
from guide.answering.check import check_citations, in_reading_order
from guide.answering.choosing import MIN_SIMILARITY
from guide.answering.continued import continued
from guide.answering.designs import design_docs
from guide.answering.explanations import design_comments
from guide.answering.extractive import compose
from guide.answering.folds import folded, folds_of
from guide.answering.implemented import with_implementations
from guide.answering.inherited import inherited_scope
from guide.answering.llm import describe, make_chat_model, resolve
from guide.answering.methods import METHOD_WORDS, asked_methods, methods_list
from guide.answering.naming import named_definition, names_another_subject, names_code
from guide.answering.not_there import not_there
from guide.answering.older import era_sentences, later_documents
from guide.answering.older_values import older_values
from guide.answering.platform_steps import platform_steps
from guide.answering.presence import presence_note
from guide.answering.prompt import build_messages
from guide.answering.raisers import with_raisers
from guide.answering.relevance import question_weights
from guide.answering.result import Answer, Event
from guide.answering.routes import callers_route, compare_route, known_subject
from guide.answering.searched import searched_note
from guide.answering.tour import tour_for
from guide.answering.tour_changes import since_previous
from guide.answering.tour_text import once_glossed, tour_block
from guide.answering.unindexed import between_command, index_command, of_unread_packages, unindexed_leads
from guide.answering.word_span import word_span_notes
from guide.citation import Citation, sources_from_hits
from guide.contrast import contrasted
from guide.history.experiments import experiments_on
from guide.intent import SETTING_TOKENS, asks_besides_when
from guide.language import FOLLOW_UP_WARNING
from guide.pasted import prose_of
from guide.query import MAX_QUESTION_CHARS, Query
from guide.question_text import with_releases
from guide.release_dates import newer_than_known
from guide.release_gaps import first_tag
from guide.retrieval import retrieve
from guide.retrieval.support import about_question
from guide.retrieval.tour_routing import routed, tour_of_found
from guide.versions import came_in, nearest_release
from ingest.symbols import bare_name
from ingest.targets import version_key

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from guide.index import GuideIndex

log = logging.getLogger(__name__)
P = ParamSpec("P")

ANSWER_SOURCES = 5


def _finish(ans: Answer, t0: float) -> Answer:
    ans.text, ans.folds = folds_of(once_glossed(ans.text))  # folded parts' marks out; each gloss once
    ans.seconds = time.monotonic() - t0
    return ans


def stream_answer(
    question: str,
    versions: list[str] | None = None,
    llm: str | BaseChatModel | None = None,
    history: list[tuple[str, str]] | None = None,
    *,
    index: GuideIndex | None = None,
    k: int = ANSWER_SOURCES,
    reader: str | None = None,
) -> Iterator[Event]:
    """Like :func:`answer`, step by step: the sources come first, at once; then the text; then the checked answer.
    ``reader``: the reader's language ("en", "zh"), the answer's for a question of code alone ("hchan")."""
    from guide.index import open_index

    t0 = time.monotonic()
    index = index or open_index()
    spec = llm if llm is not None else index.settings.llm
    if isinstance(spec, str):
        spec = resolve(spec, index.settings).spec
    q = Query.parse(question, history, platform=index.settings.platform_tuple, reader=reader)
    # a short Chinese question on a subject the sources never mention is a question of its own, not a follow-up,
    # unless it points back at the conversation ("它和 -gcflags=-m 打印的信息是什么关系？": gcflags is in no chunk)
    another = (q.previous is not None or q.continues_nothing) and not q.refers_back
    another = another and names_another_subject(index, q.text)
    if q.previous is not None and another:  # not a follow-up: a question of its own
        q = replace(Query.parse(question, None, platform=index.settings.platform_tuple), lang=q.lang)  # as asked
    q = continued(index, q) or q  # a short question that names nothing of its own, in a conversation's files
    lang = q.lang
    ans = Answer(question=q.question, text="", llm=describe(spec), lang=lang.code)
    if q.empty:
        ans.text = lang.text("empty")
        ans.warnings.append("empty question")
        ans.route = "empty"
        yield Event("final", answer=_finish(ans, t0))
        return
    if q.continues_nothing and not another:  # "为什么？" with nothing before it: what to ask, not "nothing found"
        ans.text = lang.text("needs_previous", question=q.text)
        ans.route = "empty"
        yield Event("final", answer=_finish(ans, t0))
        return
    leads = [lang.text("too_long", n=MAX_QUESTION_CHARS)] if q.truncated else []  # said first, not under the answer
    if q.previous is not None:
        subject = " ".join(prose_of(q.thread_start or q.previous)[-300:].split())  # its subject, as the answer quotes
        ans.warnings.append(f"{FOLLOW_UP_WARNING}“{subject}”")

    scope = q.scope(index.releases, versions)
    own = q.scope(index.releases) if versions and q.versions else None  # the releases the question itself names
    if own is not None and own.missing:  # the picker wins, but a release that is not indexed is said first, and one
        also = [t for t in own.tags if t not in scope.tags]  # it names that is indexed, not picked (trial 105)
        also_said = lang.space + lang.text("picked_also_named", named=lang.listed(also)) if also else ""
        said = lang.text("picked_not_indexed", missing=lang.listed(own.missing),
                         indexed=lang.listed(index.releases), tags=lang.listed(scope.tags))  # fmt: skip
        leads.append(said + also_said)
    elif own is not None and not set(own.tags) <= set(scope.tags):  # the picker wins over the question; said first
        leads.append(lang.text("picked_other", tags=lang.listed(scope.tags), named=lang.listed(q.versions)))
        ans.warnings.append(lang.text("releases_chosen", tags=lang.listed(scope.tags), named=lang.listed(q.versions)))
    tags, said_first, said_under = inherited_scope(index, q, list(scope.tags), lang, picked=bool(versions))
    leads, ans.warnings = leads + said_first, ans.warnings + said_under  # a word its conversation's releases lack
    leads += unindexed_leads(index, q, tags, lang)  # releases between those compared, packages: said first
    read_older, command = "", between_command(index, q, tags, lang)  # releases between not indexed: said last
    if scope.missing:  # an older release not indexed, read at a newer one (its later design documents said)
        ans.route = "not-indexed"
        ans.warnings.append(f"not indexed: {', '.join(scope.missing)}")
        naming = q.text if q.versions else f"{q.text} {q.thread or q.previous or ''}"  # a follow-up: where it was named
        on = scope.missing[0] in came_in(with_releases(naming, q.previous is not None)) and not q.asks_change
        nearest = nearest_release(scope.missing[0], index.releases, on)
        if nearest is None:  # not a Go version at all: nothing to answer for
            said = (scope.message if lang.code == "en" else None) or lang.text(
                "not_a_version", missing=lang.listed(scope.missing), indexed=lang.listed(index.releases)
            )
            ans.text = "\n\n".join([*leads, said])
            yield Event("final", answer=_finish(ans, t0))
            return
        known = newer_than_known(scope.missing[0])
        now = q.latest and bool(tags) and not q.asks_change and not known
        if not now:  # "Is defer still expensive now? In Go 1.9 ...": how it is now, not go1.21 against now
            tags = sorted({*tags, nearest}, key=index.releases.index)
        key = "not_indexed_now" if now else "not_known" if known else "not_indexed"
        key = "not_indexed_now_among" if key == "not_indexed_now" and len(tags) > 1 else key  # "go1.9 … go1.25"
        if key == "not_indexed" and q.asks_change:  # "跟 Go 1.9 比，调度器有哪些变化？", "What changed since Go 1.9?"
            if tags == [nearest] and nearest != index.releases[-1]:  # since then: the nearest indexed to the newest
                tags = [nearest, index.releases[-1]]
            key = "not_indexed_since" if len(tags) > 1 else key  # a comparison, not an answer at the nearest
        if any("python -m corpus sync" in a and scope.missing[0] in a for _, a in q.history):  # said this turn's
            key = "not_indexed_again"  # conversation already: once is enough ("为什么？", "代码在哪里？" after it)
        is_older = version_key(scope.missing[0]) < version_key(nearest)  # go1.9 read at go1.21: said right after
        older = lang.space + lang.text("not_indexed_older", missing=scope.missing[0], nearest=nearest)  # the release
        older = older if key == "not_indexed" and is_older else ""  # it is read at, before how to index it
        if key.startswith("not_indexed") and (key != "not_indexed_again" or q.asks_change) and is_older:  # "Is defer
            read_older = scope.missing[0]  # still slow now?", "从 1.9 到现在变了什么？" again: what the design
            # documents say of its time and after it ("Prior to Go 1.14, ..."), the changes the index cannot show
        synced = " ".join(sorted({*index.releases, *map(first_tag, scope.missing)}, key=version_key))
        leads.append(lang.text(
            key, missing=lang.listed(scope.missing), known=known, newest=tags[-1],
            indexed=lang.listed(index.releases), nearest=nearest, older=older, tags=synced, answered=lang.listed(tags),
        ))  # fmt: skip
        command = index_command(lang, scope.missing, synced, key) or command  # said last, folded in the chat
        if key == "not_indexed_since" and len(scope.missing) == 1 and read_older:  # older than what is compared
            leads[-1] += lang.space + lang.text("not_seen", missing=scope.missing[0], nearest=nearest)
    if leads:
        yield Event("token", text="\n\n".join(leads) + "\n\n")
    ans.versions = tags
    yield from _route(index, q, tags, ans, spec, k)
    ans.warnings += [w for w in [searched_note(index, lang)] if w]  # vectors still being built or loaded: said
    if read_older:  # the cited design documents from after the asked release; what documents say of its time
        era, quoted = era_sentences(index, q.tokens, ans.citations, read_older, lang, len(ans.citations) + 1, q.tours)
        later = later_documents(ans.citations, read_older, lang)
        ans.citations = ans.citations + quoted
        if later or era:  # streamed last (the sources' numbers are known now); the answer opens with the era's
            yield Event("token", text="\n\n" + "\n\n".join(x for x in (later, era) if x))
            ans.text = "\n\n".join(x for x in (era, ans.text, later) if x)
            ans.text, ans.citations = in_reading_order(ans.text, ans.citations)  # the era's [n] first: [1]
    if command:
        yield Event("token", text=f"\n\n{command}")
        ans.text = f"{ans.text}\n\n{folded(command, always=True)}"  # in the chat, folded under its head
    if leads:
        ans.text = "\n\n".join([*leads, ans.text])
    yield Event("final", answer=_finish(ans, t0))


def _route(
    index: GuideIndex, q: Query, tags: list[str], ans: Answer, spec: str | BaseChatModel, k: int
) -> Iterator[Event]:
    """Everything but the final event: a comparison, call sites, or retrieval and an answer written from it."""
    lang = q.lang
    # "since when does AddCleanup exist?", "history of findRunnable", "Did hchan change?": the named definition across
    # every indexed release ("Did makechan change?" over two releases stays a comparison: is its text the same)
    timeline_of = len(index.releases) > 2 or (len(index.releases) == 2 and not q.all_releases)
    if q.asks_timeline and not q.versions and timeline_of and names_code(index, q) and not asks_besides_when(q.text):
        ans.versions = list(index.releases)  # every release is read (the footer had named the newest alone)
        yield from compare_route(index, q, list(index.releases), ans, asked=False)
        return
    # two releases named ("in go1.21 and go1.27", "in Go 1.9, and now?"): asked about both
    if (q.asks_change or len(q.versions) >= 2 or (q.latest and q.versions)) and len(tags) >= 2:
        yield from compare_route(index, routed(index, q), tags, ans)  # its topic's tour found by meaning too
        return
    if q.asks_callers:
        # its own identifier; for a follow-up ("Who calls it inside the runtime?"), the one the turn before named
        # before a plain word of its own ("runtime", "inside"), then those words (trial 22: "No call site of runtime")
        # and when neither turn names code nor this one a name, the function the turn before found first ("Who calls
        # it?" after the deadlock message's question: checkdead, not 'fatal' of its words; after a syscall's, 'blocks')
        own, before = q.callers_subjects(), q.callers_subjects(True)
        strong_first = [[c for c in own if c.strong], *([[c for c in before if c.strong]] if q.previous else [])]
        subject = next((s for s in (known_subject(index, g) for g in [*strong_first, own]) if s), None)
        if subject is None and q.previous:
            then = Query.parse(q.previous, q.history[:-1], platform=q.platform)  # as that turn was read
            went = retrieve(index, then, tags, k=5, include_design=False)  # a function: a method's bare name is many
            subject = next((bare_name(h.chunk.symbol) for h in went if h.chunk.kind == "func"), None)
        subject = subject or known_subject(index, before)
        if subject:
            yield from callers_route(index, subject, tags, ans, lang, q.platform)
            return

    q = routed(index, q)  # the tour a question in other words is about, so that answer and retrieval agree
    absent, extra = absent_names(index, q)
    unread = of_unread_packages(index, q, tags[-1], absent)  # their packages are said first (unindexed_leads)
    absent = [n for n in absent if n not in unread]
    elsewhere = out_of_scope(index, q, tags)
    extra += [n for name, _ in elsewhere for n in successor_names(name)]
    ans.route = "absent" if absent else ans.route
    hits = retrieve(index, q.with_names(extra), tags, k=max(k, 8))
    if hits:  # no tour clearly closest to the question: one among the closest that walks the first definition found
        q = tour_of_found(index, q, [(h.chunk.symbol, h.tag) for h in hits])
    sources = with_implementations(index, sources_from_hits(index, hits, k))  # a stub: the runtime's definition too
    idf = question_weights(index, q)
    similar = index.similarity_to(q.dense_text)
    each_part = [(p.tokens, index.similarity_to(p.dense_text)) for p in q.parts]  # a question of several parts
    if q.asks_quantity:  # the constants the code found uses may hold the amount asked for
        sources = with_constants(index, sources, q.tokens, idf, similar, q.platform)
    sources = with_raisers(index, sources, tags[-1], q.tokens) if q.asks_outcome else sources  # whose fault it is
    notes, note_sources = absent_text(
        index, absent, sources, tags, lang, elsewhere, said_before=q.said_before, asked=q.text, files=q.files
    )
    # a word written as code that names no definition (GOMEMLIMIT): the releases whose sources have it, said first
    skip = {*absent, *(name for name, _ in elsewhere)}
    spans, span_sources = word_span_notes(index, q, tags, lang, len(sources + note_sources) + 1, skip)
    notes, note_sources = "\n\n".join(x for x in (notes, spans) if x), note_sources + span_sources
    # "那在 1.21 里呢？": what the previous answer quoted that this release lacks
    gone_here, gone_sources = not_there(index, q, tags, lang, len(sources + note_sources) + 1, skip)
    notes, note_sources = "\n\n".join(x for x in (notes, gone_here) if x), note_sources + gone_sources
    # "Does go1.15.15 have asynchronous preemption?", "since when?": said first (not after a written word's releases)
    n = len(sources + note_sources) + 1
    there, there_sources = ("", []) if spans else presence_note(index, q, tags, lang, n, sources)
    notes, note_sources = "\n\n".join(x for x in (there, notes) if x), note_sources + there_sources
    if q.asks_design:  # "有设计文档吗？": the documents on its subject, said first, or that there is none
        line, docs = design_docs(index, q, tags, len(sources + note_sources) + 1, lang)
        notes, note_sources = "\n\n".join(x for x in (notes, line) if x), note_sources + docs
    relevant = about_question(index, q, hits)
    tour = tour_for(index, q, tags, sources + note_sources) if relevant else None
    tour_sources = tour.all_added if tour else []
    changes = since_previous(index, q, tour, len(sources + note_sources + tour_sources) + 1)
    tour_sources = tour_sources + changes.added
    stepped: list[Citation] = []  # an amount asked, none found from the sources: the constants the tour's steps use
    if q.asks_quantity and tour is not None and not any(USED_BY in c.scores for c in sources):
        given_keys = {c.key for c in sources + note_sources + tour_sources}
        steps = [c for c, _ in tour.all_steps]
        found = constants_used(index, steps, q.tokens, idf, similar, read=len(steps), platform=q.platform)
        first = len(sources + note_sources + tour_sources) + 1
        stepped = [c.numbered(first + i) for i, c in enumerate(c for _, c in found if c.key not in given_keys)]
        tour_sources = tour_sources + stepped
    # asked for another platform than the tours' (linux/amd64): where their platform's steps are at the asked one
    so_far = sources + note_sources + tour_sources
    on_platform, platform_sources = platform_steps(index, tour, q.platform, lang, len(so_far) + 1, so_far)
    notes, tour_sources = "\n\n".join(x for x in (notes, on_platform) if x), tour_sources + platform_sources
    # the design comments at the top of the tour's files are read too: a sentence of them may answer the question
    given_so_far = sources + note_sources + tour_sources
    explained = design_comments(index, tour, given_so_far, len(given_so_far) + 1, sources)
    tour_sources = tour_sources + explained
    if changes.added:  # the other release is cited too
        ans.versions = sorted({*ans.versions, *(c.version for c in changes.added)}, key=index.releases.index)
    focus = named_definition(index, q, sources)
    made, methods, asked = "", list[Citation](), list[Citation]()  # a named type's methods asked for, or named
    if focus is not None and METHOD_WORDS & set(q.tokens):
        made, methods = methods_list(index, focus, len(sources + note_sources + tour_sources) + 1, lang)
        tour_sources = tour_sources + methods
    elif focus is not None:  # a method of it the question names: what its doc comment says is quoted
        cited_keys = {s.key for s in sources + note_sources + tour_sources}
        named = {c.name for c in q.identifiers if c.strong or c.name[:1].isupper()}  # "Stop", not a plain "lock"
        asked = asked_methods(index, focus, named, len(sources + note_sources + tour_sources) + 1, cited_keys)
        tour_sources = tour_sources + asked
    ans.retrieved = sources
    yield Event("sources", sources=sources + note_sources + tour_sources)

    # nothing found about the question; or only names defined nowhere, with no successor, whose words found other code
    if not sources or (not relevant and (not absent or only_absent_names(absent, elsewhere))):
        text = "\n\n".join(x for x in (notes, lang.text("not_found", scope=scope_label(tags, lang))) if x)
        checked = check_citations(text, sources + note_sources)
        ans.text, ans.citations, ans.warnings = checked.text, checked.cited, ans.warnings + checked.warnings
        ans.grounded = bool(checked.cited)
        ans.route = ans.route if absent else "not-found"
        yield Event("token", text=ans.text)
        return

    model = make_chat_model(spec, index.settings) if isinstance(spec, str) else spec
    prefix = notes + ("\n\n" if notes else "")
    sources_all = sources + note_sources + tour_sources
    given = sources_all  # what the answerer was given: the only sources its markers may name
    after = f"\n\n{changes.text}" if changes.text else ""  # how the tour's steps differ from the last answer's

    def extractive() -> str:
        at = next((i + 1 for i, s in enumerate(sources) if focus is not None and s.key == focus.key), 1)
        shown = [*sources[:at], *asked, *sources[at:], *stepped, *explained]  # a method named: right after its type
        body = compose(
            q.tokens, shown, scope_label(tags, lang), lang, idf, tour, similar, focus, q.asks_quantity,
            follow_up=q.previous is not None, bare=q.thread_only, reason=q.asks_why, said_before=q.said_before,
            where=q.asked_tokens if q.asks_where and q.previous is not None else None,  # "where is that in the code?"
            min_similarity=MIN_SIMILARITY.get(index.settings.embedding.model), platform=q.platform,
            comments=q.asks_comment, asked_parts=each_part, outcome=q.asks_outcome,
            subject=frozenset(q.tokens) - SETTING_TOKENS if q.asks_setting else (), made=made, noted=bool(notes),
            added=q.new_tokens if q.previous is not None and not q.thread_only else (), located=q.asks_where,
            contrast=contrasted(q.text) or contrasted(q.thread or ""),  # "why pick one over the other?" after one
            experiments={t: experiments_on(index, t) for t in tags},  # a comment under an experiment off: not quoted
        )  # fmt: skip
        return prefix + body + after

    older: list[Citation] = []
    if model is None:
        draft, older = older_values(index, extractive(), given, lang)  # a quoted amount's value at the oldest release
        given = given + older
        yield Event("token", text=draft)
    else:
        # a small local model reads ~20-80 tokens/s here: fewer, shorter sources keep the first token near
        given, max_lines = ([*sources[:3], *note_sources], 24) if spec == "local" else (sources + note_sources, 40)
        messages = build_messages(q.text, given, lang, list(q.history), max_lines=max_lines)
        parts: list[str] = []
        if prefix:
            parts.append(prefix)
            yield Event("token", text=prefix)
        try:
            for chunk in model.stream(messages):
                piece = chunk.content if isinstance(chunk.content, str) else str(chunk.content)
                if piece:
                    parts.append(piece)
                    yield Event("token", text=piece)
        except Exception as e:  # an endpoint that is down is a message, not a traceback
            ans.warnings.append(f"the language model failed ({type(e).__name__}: {e}); showing the extractive answer")
            parts = [extractive()]
            given = sources_all
        else:
            if tour is not None:  # the tour follows the model's answer as it stands in the data file, folded
                block = "\n\n" + tour_block(tour, lang, fold=True) + after
                parts.append(block)
                yield Event("token", text=block)
                given = given + [c for c, _ in tour.all_steps if c not in given] + changes.added
        draft = "".join(parts)
    checked = check_citations(draft, given)
    ans.text, ans.citations = checked.text, checked.cited
    if model is None and older:  # the older values' sources, numbered last, read under the quotes: in reading order
        ans.text, ans.citations = in_reading_order(ans.text, ans.citations)
    ans.warnings += checked.warnings
    ans.grounded = bool(checked.cited)
    if not ans.grounded:
        ans.text = lang.text("ungrounded") + "\n\n" + ans.text


def final_answer(stream: Callable[P, Iterator[Event]]) -> Callable[P, Answer]:
    """The function that runs ``stream`` to its end and returns the final :class:`Answer` (same parameters)."""

    def run(*args: P.args, **kwargs: P.kwargs) -> Answer:
        for ev in stream(*args, **kwargs):
            if ev.kind == "final" and ev.answer is not None:
                return ev.answer
        raise RuntimeError("the answer stream ended without a final answer")  # pragma: no cover - a bug, not input

    return run


answer = final_answer(stream_answer)
"""``answer(question, versions=None, llm=None, history=None, *, index=None, k=5, reader=None)``: answer ``question``
about the indexed Go releases, with verified citations (see :class:`Answer`); the parameters are
:func:`stream_answer`'s."""


__all__ = ["ANSWER_SOURCES", "answer", "stream_answer"]
