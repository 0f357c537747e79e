"""The answers that are not "retrieve, then write": a comparison between releases, the call sites of a function,
and the notes on identifiers that no indexed release defines."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from guide.answering.amounts import amount_line, amounts_at
from guide.answering.check import check_citations
from guide.answering.compared import change_lines, what_it_is
from guide.answering.comparison_parts import QUOTED, arranged, compared_definition
from guide.answering.defaults import defaults_block
from guide.answering.described import changed_pairs, described_route
from guide.answering.held import held_for
from guide.answering.methods import methods_block
from guide.answering.new_code import new_code_block
from guide.answering.overview import overview_route
from guide.answering.quotable import for_other_platform
from guide.answering.relevance import question_weights
from guide.answering.result import Answer, Event
from guide.answering.tour_changes import StepChanges, tour_across
from guide.citation import Citation, cite_chunk, cite_definition, make_citation
from guide.conversation import needs_previous
from guide.definitions import close_names, rank_key, releases_with
from guide.history.by_use import InItsPlace, in_its_place
from guide.history.compare import compare
from guide.history.sides import successor_ref
from guide.history.subject import CODE_KINDS
from guide.history.timeline import timeline
from guide.knowledge import successor_for
from guide.knowledge.tours import tour
from guide.language import ENGLISH
from guide.other_languages import speaks_of_another
from guide.render.changes import releases_named
from guide.render.markdown import closest_line, comparison_markdown, in_place_line, timeline_markdown
from guide.retrieval import retrieve
from guide.retrieval.callers import find_callers
from guide.retrieval.symbol import known_candidates
from guide.words import FILE_NAME
from ingest.buildtags import in_ignored_dir
from ingest.symbols import bare_name
from ingest.tokens import identifier_tokens

if TYPE_CHECKING:
    from guide.history.compare import Comparison
    from guide.history.files import TopicComparison
    from guide.index import GuideIndex
    from guide.language import Lang
    from guide.query import Candidate, Query
    from ingest.symbols import Definition

CALLER_SOURCES = 5
"""Functions listed as call sites, runtime first, by path; the others are counted (up to ``CALLERS_COUNTED``)."""
CALLERS_COUNTED = 200
CALLS_PER_SOURCE = 4  # calls shown per function that calls it more than once
RARE_WORD_DF = 50  # a word in a code-noun position ("the timerproc goroutine") in fewer chunks is taken for a name


def scope_label(tags: Sequence[str], lang: Lang = ENGLISH) -> str:
    """The releases an answer searched, named in ``lang`` (``releases_named``: "go1.21.13, go1.27.3", "go1.21.13、
    go1.27.3", never a dash that would read as every release between them)."""
    return releases_named(tags, lang) if tags else lang.text("no_release")


# -- absent identifiers ----------------------------------------------------------------------------------------------
def _is_file(index: GuideIndex, name: str) -> bool:
    return bool(FILE_NAME.fullmatch(name) or "/" in name) and index.reader.has_file(name)


def _mentioned_in_code(index: GuideIndex, name: str) -> bool:
    """Whether ``name`` occurs in Go code (not in a comment), in any letter case: a field, local or parameter is
    there, just not a top-level definition ("ChaCha8": the runtime's ``mp.chacha8``, whose package is
    internal/chacha8rand); a comment that remembers an old name is not the name being there."""
    bare = name.split(".")[-1]
    toks = [t for t in identifier_tokens(bare) if t]
    if not toks:
        return False
    phrase = '"' + toks[0].replace('"', "") + '"'
    word = re.compile(rf"(?<![\w]){re.escape(bare)}(?![\w])", re.IGNORECASE)
    texts = index.reader.code_chunks_containing(phrase, bare, ignore_case=True)
    return any(word.search(ln) for text in texts for ln in text.split("\n") if not ln.lstrip().startswith("//"))


def _code_words(index: GuideIndex, query: Query) -> list[str]:
    """The words of the question that look like code: written as code, rare nouns the corpus uses as code, or names
    the successors table knows however written ("还是一个全局的四叉堆加一个 timerproc goroutine 吗？", trial 98: had
    been answered without a word on where timerproc went)."""
    nouns = list(query.code_nouns)
    df = index.reader.doc_freq(nouns) if nouns else {}
    known = [c.name for c in query.identifiers if successor_for(c.name)]
    return list(dict.fromkeys([*query.code_like, *(w for w in nouns if df.get(w, 0) < RARE_WORD_DF), *known]))


def _in_a_program(d: Definition) -> bool:
    """Whether ``d`` is code that is part of a Go program: not in a directory the go command skips (the generator
    programs' ``main.main`` in ssa/_gen)."""
    return d.kind in CODE_KINDS and not in_ignored_dir(d.path)


def _defined_at(index: GuideIndex, name: str, tag: str) -> bool:
    """Whether a definition of ``name`` that is part of a Go program is at ``tag``; looked up at that tag, so that a
    name with hundreds of definitions over the releases (``main``) is not missed."""
    return any(_in_a_program(d) for d in index.reader.lookup(name, tag=tag, limit=500))


def out_of_scope(index: GuideIndex, query: Query, tags: Sequence[str]) -> list[tuple[str, Definition]]:
    """The code-looking words of the question that name a definition at other indexed releases but at none of
    ``tags`` ("Where is hmap defined?" at go1.27.3, whose maps are Swiss tables), each with the definition at the
    release nearest the asked ones."""
    out: list[tuple[str, Definition]] = []
    asked = set(tags)
    named = [c.name for c in known_candidates(index, query.identifiers) if c.strong]
    for name in dict.fromkeys([*named, *_code_words(index, query)]):
        if any(_defined_at(index, name, t) for t in asked):
            continue
        defs = [d for d in index.reader.lookup(name, limit=100) if _in_a_program(d)]
        exact = [d for d in defs if bare_name(d.symbol) == name] or defs
        if not exact:
            continue
        newest = max(index.releases.index(d.tag) for d in exact if d.tag in index.releases)
        at = [d for d in exact if d.tag == index.releases[newest]]
        out.append((name, min(at, key=lambda d: rank_key(d, name, query.platform))))
    return out


def _walks(query: Query, comp: Comparison | TopicComparison) -> bool:
    """Whether the comparison goes with how the tour the question is about changed: not when the tour was chosen by
    meaning and none of its steps is the definition compared (trial 26: "Is it the same in Go 1.21?" after "How does
    sync.WaitGroup work?" opened with the sync.Mutex tour's changes, before WaitGroup's own)."""
    if not query.tours or not query.tour_by_meaning or comp.kind != "symbol" or not comp.found:
        return True
    return any(s.anchor == comp.symbol for s in tour(query.tours[0]).steps)


def successor_names(name: str) -> list[str]:
    """The names of ``name``'s successors (guide/knowledge/successors.toml) as a question writes them; none or more."""
    succ = successor_for(name)
    return [n.rsplit("/", 1)[-1] for n in succ.new] if succ else []


_NUMERONYM = re.compile(r"[A-Za-z]\d{1,2}[A-Za-z]")  # k8s, i18n, a11y: a word shortened, no name code defines


def absent_names(index: GuideIndex, query: Query) -> tuple[list[str], list[str]]:
    """The code-looking words of the question that no indexed release defines (no numeronym: "k8s", trial 85; none
    that no successor entry names in a conversation on another language: "NullPointerException", trial 86), and the
    names of their successors (guide/knowledge/successors.toml) to search for as well."""
    names: list[str] = []
    extra: list[str] = []
    others = speaks_of_another([query.text, *(q for q, _ in query.history)])
    for name in _code_words(index, query):
        if index.reader.lookup(name, limit=1) or _is_file(index, name) or _NUMERONYM.fullmatch(name):
            continue
        if (not FILE_NAME.fullmatch(name) and _mentioned_in_code(index, name)) or (others and not successor_for(name)):
            continue
        names.append(name)
        extra += successor_names(name)
    return names, extra


def _quote_citation(index: GuideIndex, tag: str, path: str, quote: str) -> Citation | None:
    """The lines of ``path`` at ``tag`` that hold ``quote`` (a successor entry's justification)."""
    lines = index.file_lines(tag, path)
    if not lines:
        return None
    for i, line in enumerate(lines, 1):
        if quote.split("\n")[0][:60] in line:
            return make_citation(index, tag, path, i, min(i + quote.count("\n"), len(lines)), symbol=path, kind="text")
    return None


_MARKER = re.compile(r"\s*\[\d+\]")
"""A citation marker: a note's numbers differ from one answer to the next."""
SIMILAR_NAMES = 3
"""Names like an undefined one ("findRunable") that a note on it offers."""


def only_absent_names(absent: Sequence[str], elsewhere: Sequence[tuple[str, Definition]]) -> bool:
    """Whether the names no release defines are all an answer can say anything of: none has a successor or is
    defined at another release (``q01``, ``findRunable`` alone; their words found only unrelated code)."""
    return bool(absent) and not elsewhere and not any(successor_for(name) for name in absent)


def absent_text(
    index: GuideIndex, names: list[str], sources: list[Citation], tags: Sequence[str], lang: Lang,
    elsewhere: Sequence[tuple[str, Definition]] = (), said_before: str = "", asked: str = "", files: Sequence[str] = (),
) -> tuple[str, list[Citation]]:  # fmt: skip
    """Notes on names no indexed release defines, or none of ``tags`` (``elsewhere``: where the index has them,
    cited there): said plainly (the index is the evidence), then the successor with its definitions and the source
    that justifies the note, cited; the new citations are numbered after ``sources``. A note whose first sentence
    the recent answers (``said_before``) gave word for word is said in one line when the question ``asked`` names it
    again or has no subject of its own ("Why?"), and not at all when it asks about another part of the
    conversation's subject ("那接口转换现在是哪个函数做的？" after "go.y 和 typ2Itab 后来怎么样了？"). ``files``: the
    paths the question writes, whose directories say which files named like an absent one are offered first."""
    newest = index.releases[-1]
    extra: list[Citation] = []

    def cite(c: Citation) -> int:
        for s in [*sources, *extra]:
            if s.key == c.key:
                return s.n
        extra.append(c.numbered(len(sources) + len(extra) + 1))
        return extra[-1].n

    paras = []
    firsts = {  # a file is in no release; a name is defined in none
        name: lang.text("absent_file" if FILE_NAME.match(name) else "absent", name=name,
                        scope=scope_label(index.releases, lang))
        for name in names
    }  # fmt: skip
    # one note per definition, by its own name, which its lines hold (runtime.AddCleanup's was said twice: trial 28)
    own = {(d.symbol, d.path): n for n, d in sorted(elsewhere, key=lambda e: -len(e[0]))}
    elsewhere = [(n, d) for n, d in elsewhere if own[(d.symbol, d.path)] == n]
    for name, found in elsewhere:
        there = cite_definition(index, found)
        if there is not None:
            where = f"{there.symbol} ({there.location}) [{cite(there)}]"
            firsts[name] = lang.text(
                "elsewhere", name=name, scope=scope_label(tags, lang), tag=there.version, where=where
            )
            if span := releases_with(index, found.symbol):  # "AddCleanup first appears at go1.24.11"
                key = "defined_from" if span[-1] == index.releases[-1] else "defined_between"
                key = "defined_only" if len(span) == 1 and key == "defined_between" else key  # not "from X to X"
                firsts[name] += lang.space + lang.text(key, first=span[0], last=span[-1])
    defined_elsewhere = {name for name, _ in elsewhere}
    before = _MARKER.sub("", " ".join(said_before.split()))
    for name, first in firsts.items():
        if before and _MARKER.sub("", first) in before:  # its first sentence was just read: one line, no citations
            if name.lower() in asked.lower() or needs_previous(asked):  # "Why?": still its subject; "那接口转换现在
                again = "elsewhere_again" if _MARKER.search(first) else "absent_again"  # 是哪个函数做的？": one line;
                paras.append(lang.text(again, name=name, scope=scope_label(tags, lang)))  # cited: it said where it is
            continue
        lines = [first]
        succ = successor_for(name)
        if succ is None:
            if name not in defined_elsewhere:  # defined elsewhere: it is its own current equivalent
                lines.append(lang.text("no_successor"))
                written = next((f for f in files if f.endswith("/" + name)), name)  # with the directories asked
                if close := close_names(index, written, SIMILAR_NAMES):  # "findRunable": findRunnable
                    lines.append(lang.text("similar_names", names=lang.marks[1].join(f"`{c}`" for c in close)))
            paras.append(_joined(lines, lang))
            continue
        refs = {d.symbol: d for d in successor_ref(index, succ, tags[-1] if tags else newest).definitions}
        # those this release defines, cited (a successor of another release, itabInit beside go1.21's (*itab).init, is
        # not named as if it were here: trial 83); none defined here: all named, not cited
        named = [
            f"{d.path} [{cite(d)}]" if d.kind == "file" else f"`{bare_name(d.symbol)}` [{cite(d)}]"
            for target in succ.new if (d := refs.get(target)) is not None
        ] or list(succ.new)  # fmt: skip
        lines.append(lang.text("successor", what=lang.marks[1].join(named)))
        answered = tags[-1] if tags else newest  # the release answered about first, then the others, newest first
        order = [answered, *(t for t in reversed(index.releases) if t != answered)]
        why = next((c for t in order if (c := _quote_citation(index, t, succ.source, succ.quote)) is not None), None)
        lines.append(succ.reason_in(lang.code) + (f" [{cite(why)}]" if why is not None else ""))
        if history := succ.history_in(lang.code):  # beyond what the cited source shows: said apart, as the team's
            lines.append(lang.text("team_history", text=history))
        paras.append(_joined(lines, lang))
    return "\n\n".join(paras), extra


def _joined(lines: Sequence[str], lang: Lang) -> str:
    """Sentences one after another: with a space in English; in Chinese only after a citation marker ("。 [3] 本…")."""
    out = ""
    for line in lines:
        out += (" " if out and (lang.space or out.endswith("]")) else "") + line
    return out


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


__all__ = [
    "absent_names", "absent_text", "callers_route", "compare_route", "known_subject", "only_absent_names",
    "out_of_scope", "scope_label", "successor_names",
]  # fmt: skip
