"""The offline answerer: the Go sources read to the user, with no language model.

An extractive answer says what it is, then:

1. What the sources say about the question: the statements of the cited sources (doc comments, commented lines of
   code, design comments, documents; ``guide.answering.statements``) that state most of what was asked, best first,
   each quoted verbatim (prose in quotation marks, the code line it explains in backticks) with its ``[n]``. A field
   or constant that states the fact asked about (``lock mutex`` — "lock protects all fields in hchan ...") comes
   first because it contains the question's rarest words in the fewest words.
2. A reading path: the cited definitions in the order the code runs where one calls the next, each with the first
   sentence of its doc comment and its ``[n]`` (``guide.answering.reading``), or, when it has none, the functions
   its code calls or a struct's fields (``anatomy.step_calls``, ``step_fields``); or, when a tour covers the
   question, the tour's steps with the team's annotations.

No line twice; the fixed words follow the question's language.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from guide.answering.amounts import USED_BY
from guide.answering.anatomy import made_of, names_its_parts, step_calls, step_fields
from guide.answering.check import cited_numbers
from guide.answering.choosing import NUMBER, QUANTITY_FACTOR, gives_reason, scored_statements, states_amount
from guide.answering.comment_text import paragraphs, sentences
from guide.answering.explanations import READ_FOR_TOUR
from guide.answering.follow_lead import added_scorer, added_step_scores
from guide.answering.lead import (
    FOCUS_POINTED,
    focus_steps,
    lead_of,
    on_topic,
    recap_focus,
    scorer,
    step_scores,
    summary_leads,
    topic_words,
)
from guide.answering.located import LINE_KINDS, condition, where_block, where_items
from guide.answering.quotable import for_diagnostics, off_tour, tour_vocabulary
from guide.answering.quote_lines import line_of
from guide.answering.raisers import raiser_note
from guide.answering.reading import Step, calls, chained, linked, reading_path
from guide.answering.source_names import source_name, where_at
from guide.answering.statements import (
    Similarity,
    Statement,
    in_reading_order,
    quote,
    short_declaration,
    without_repeats,
)
from guide.answering.tour_text import (
    lead_line,
    recap_steps,
    related_tour,
    step_comments,
    steps_line,
    steps_listed,
    tour_block,
    tour_recap,
)
from guide.citation import Citation
from guide.contrast import sides_words
from guide.language import ENGLISH, Lang
from ingest.symbols import bare_name
from ingest.tokens import identifier_tokens

if TYPE_CHECKING:
    from guide.answering.tour import TourInAnswer


def statement_line(st: Statement, by_n: Mapping[int, Citation], lang: Lang) -> str:
    """One quoted statement: ``code`` — “prose” (symbol) [n]; a design document's sentence names the document
    ("(design document: Memory regions)"): a proposal says what was designed, not always what the code does."""
    src = by_n[st.n]
    if st.kind == "message" and "`" not in st.code:  # the line that prints it, and where: the definition is long
        lines = src.excerpt.split("\n")
        i = st.at if st.at >= 0 else next((i for i, ln in enumerate(lines) if st.code in ln), None)
        at = lang.text("at_line", line=src.start_line + i) if i is not None and src.end_line > src.start_line else ""
        when = condition(lines[i - 1]) if i else ""  # the test it is under, when it is the line just above
        raised = raiser_note(st.code, by_n, lang)  # whose fault the failure is, as the function raising it says
        return f"- {when}`{st.code}` ({source_name(src, lang, st.code)}{at}) [{st.n}]{raised}"
    if st.kind == "decl":  # the code is the statement: quoted once
        return f"- `{st.code}` ({source_name(src, lang, st.code)}) [{st.n}]"
    head = f"`{st.code}` — " if st.code and "`" not in st.code else ""
    return f"- {head}“{quote(st)}” ({source_name(src, lang, st.code)}{line_of(st, src, lang)}) [{st.n}]"


def constant_line(const: Citation, sources: Sequence[Citation], lang: Lang) -> str:
    """A constant found for an amount question (``guide.answering.amounts``): its declaration, the first sentence of
    its comment, and the source whose code uses it (``stackMin = 2048`` ... used by runtime.newproc1 [4])."""
    user_symbol = const.scores[USED_BY]
    user = next((s for s in sources if s.symbol == user_symbol and s.version == const.version), None)
    comment = [s for p in paragraphs(const.doc.split("\n")) for s in sentences(p)]
    # the first sentence, and the first later one that gives a number: "Maximum load factor prior to growing." alone
    # reads as if 7 were the factor; its next paragraph's "7/8 is the same load factor ..." says what 7 is
    numbered = next((s for s in comment[1:] if NUMBER.search(s)), None)
    told = [*comment[:1], *([numbered] if numbered else [])]
    said = "".join(f" {'—' if i == 0 else '…'} “{quote(Statement(const.n, s))}”" for i, s in enumerate(told))
    declared = f"`{short_declaration(const) or const.excerpt.strip()}`{said}"
    if user is not None and user.holds(const.path, const.start_line):
        return f"- {declared} ({const.symbol}) [{const.n}]"  # declared in the group found, not used by it
    by = f" [{user.n}]" if user is not None else ""
    return f"- {declared} ({const.symbol}, {lang.text('used_by', symbol=user_symbol, marker=by)}) [{const.n}]"


def path_line(
    i: int,
    step: Step,
    quoted: set[str],
    several: bool = False,
    lang: Lang = ENGLISH,
    called: Sequence[tuple[int, str]] = (),
    made_shown: bool = False,
) -> str:
    """One step of the reading path: the definition (a design document by its title), where it is (at which release,
    when the answer cites ``several``), the steps it ``called`` (each by name and citation: "calls runtime.itabInit
    (see [5])"; "calls item 4 [4]" read as a citation, trial 18, and "(item 4)" beside an item cited [5] as a second
    numbering, trial 21; no code span, which the citation check would look for in the cited lines and drop the
    line), and its summary unless it was quoted above."""
    c = step.citation
    by_name: dict[str, list[int]] = {}  # a name defined twice (a Go declaration and its assembly) is named once
    for n, name in called:
        by_name.setdefault(name, []).append(n)
    steps = lang.listed(
        lang.text("called_item", name=k, refs=lang.listed(f"[{n}]" for n in ns)) for k, ns in by_name.items()
    )
    calls = f" — {lang.text('calls_steps' if len(by_name) > 1 else 'calls_step', steps=steps)}" if called else ""
    summary = f" — “{step.summary}”" if step.summary and step.summary not in quoted else ""
    linked = {bare_name(name) for _, name in called}  # named after it, with their citations
    bare = not step.summary and not made_shown  # no comment, and what it is made of not shown above: what it calls,
    its = [n for n in step_calls(c) if n not in linked] if bare else []
    key, its = ("it_calls", its) if any(its) else ("its_fields", step_fields(c) if bare else [])  # or the fields it has
    parts = lang.text(key) + lang.marks[0] + lang.listed(f"`{n}`" if n else "…" for n in its)
    summary = f" — {lang.text('no_doc', parts=parts)}" if any(its) else summary
    at = where_at(c, several, lang)
    return f"{i}. **{source_name(c, lang)}** ({at}){summary} [{c.n}]{calls}"  # its own [n] first


QUOTES_FIRST = True
"""Beside a tour, the quotes (``STATEMENTS``) open the answer and the tour follows; before, the tour came first and
the quotes after it. Plain dev half, the asked facts stated within the first 500 / 1,000 / 2,000 characters after
the intro line (in the whole answer: .861 either way): tour first .453 / .555 / .661; the first 2 quotes before the
tour .514 / .653 / .731, 3 .527 / .671 / .765, all 4 .535 / .688 / .771. The step that answers most directly comes
before them (trial 40: exitsyscall's came after four quotes): within 1,000, dev .684 -> .690, plain2 .377 -> .407."""

QUOTES_FIRST_FLOOR = 0.8
"""The quotes open the answer only when the first says at least this much of the question (its score from
``scored_statements``); weaker quotes follow the tour ("There's a similar issue with nested panics ..." opened "What
happens, step by step, when my code panics?"). Plain dev half, facts within the first 500 / 1,000 / 2,000
characters: no floor .553 / .694 / .776; 0.8 .569 / .694 / .776 (4 answers change); 1.1 .551 / .700 / .776; 1.5
.539 / .682 / .753; 2.2 .551 / .682 / .747."""

WHERE_STEPS = 10
"""Asked where the code is, naming nothing of its own, after a tour none of whose steps stands out for the question
("代码在哪里？" after how a program is compiled and started): the lines its code steps' annotations name, of at most
this many steps, in the tour's order. It was the first four, which stopped at rt0_go and never reached runtime.main's
``fn := main_main``. A question with words of its own ("Where is it emitted by the compiler?" after how the write
barrier works) gets the lines that hold them, not every step's (trial 54: the allocator's and the sweeper's lines
had buried writebarrier.go's ``if needwb(v, zeroes) {``)."""

TOUR_COVERS = 1
"""A tour is about the question itself when one of its steps is among this many first definitions found."""


def shown_again(tour: TourInAnswer) -> TourInAnswer:
    """``tour`` with none of its walks marked as shown in an earlier answer."""
    also = replace(tour.also, shown_before=False) if tour.also is not None else None
    return replace(tour, shown_before=False, also=also)


def compose(
    tokens: Sequence[str],
    sources: list[Citation],
    scope: str,
    lang: Lang,
    idf: Mapping[str, float],
    tour: TourInAnswer | None = None,
    similar: Similarity | None = None,
    focus: Citation | None = None,
    quantity: bool = False,
    follow_up: bool = False,
    bare: bool = False,
    made: str = "",
    reason: bool = False,
    said_before: str = "",
    where: Sequence[str] | None = None,
    min_similarity: float | None = None,
    platform: tuple[str, str] | None = None,
    comments: bool = False,
    asked_parts: Sequence[tuple[Sequence[str], Similarity | None]] = (),
    outcome: bool = False,
    subject: Collection[str] = (),
    noted: bool = False,
    added: Sequence[str] = (),
    located: bool = False,
    contrast: tuple[str, str] | None = None,
    experiments: Mapping[str, frozenset[str]] | None = None,
) -> str:
    """The extractive answer in Markdown, citing every source it uses as [n] (see the module doc). ``tour``: a tour
    that covers the question: its summary and steps come first (they take the reading path's place), then the
    sentences quoted from the sources. ``asked_parts``: the words and similarity of each part of a question that
    asks several things (``scored_statements``' ``parts``). ``outcome``: the question asks what happens (a panic's
    message may be quoted). ``bare``: a follow-up that names nothing of its own ("Where is that in the code?").
    ``made``: what the definition the question names is made of, when not its fields or calls (its methods). ``noted``:
    a note above the answer says what its sources are (a removed name's successors). ``added``: a follow-up's words.
    ``located``: the question asks where something is (what the named definition is made of then comes first).
    ``contrast``: the two things the question sets against each other (``guide.contrast.contrasted``)."""
    t = lang.text
    by_n = {s.n: s for s in sources}
    several = len({s.version for s in sources if s.version != "design"}) > 1  # each place says its release
    constants = [s for s in sources if USED_BY in s.scores]  # said apart, as what the code found uses
    quoted_from = [s for s in sources if USED_BY not in s.scores]
    topic = topic_words(tour, tokens) if tour is not None else frozenset()  # the question's words on the tour's topic
    about = tour_vocabulary(tour)  # the tour's own words: a design document beside it must be on its topic
    # the definitions the tour's steps read are quoted from too, after the sources found, for what they declare: the
    # doc comment, and the comments on a type's fields or a block's constants (hchan's ``lock mutex``: "lock protects
    # all fields in hchan ..."), not the comments inside a function's body (``states_declaration``)
    known = {s.key for s in quoted_from}
    stepped = [c for c, _ in tour.all_steps if c.key not in known] if tour is not None else []
    by_n |= {c.n: c for c in stepped}
    scored = scored_statements(
        [*quoted_from, *stepped], tokens, idf, similar=similar, quantity=quantity, reason=reason,
        said_before=said_before, min_similarity=min_similarity, topic=topic, platform=platform, tour_words=about,
        declared_only={c.n for c in stepped}, parts=asked_parts, outcome=outcome, subject=subject,
        named=focus.key if focus is not None else None, sides=sides_words(contrast, idf), experiments=experiments,
    )  # fmt: skip
    said = [st for _, st in scored]
    declared = {" ".join(short_declaration(c).split()) for c in constants} - {""}  # a value set in a body has none
    said = [st for st in said if " ".join(st.code.split()) not in declared]  # said once, in the constants' block
    said = in_reading_order(without_repeats(said), by_n)  # one comment's sentences as it says them, each once
    # an amount asked for, stated by the first quote, from the code (a design document's numbers are a proposal's
    # or an experiment's, not what the release does): the quotes that state amounts answer first, the tour follows
    amounts = [st for st in said if states_amount(st) and by_n[st.n].version != "design"]
    amount_first = tour is not None and quantity and bool(said) and said[0] in amounts
    # how much of the question each step says, read once (embedding the annotations): the lead step, or the few; a
    # follow-up's steps and short answer by what it adds, when its thread's tour is on screen (``follow_lead``)
    on_screen = tour is not None and bool(added) and all(w.shown_before for w in tour.walks())
    scores = step_scores(tour, tokens, idf, similar, lang) if tour is not None and len(tour.all_steps) >= 2 else []
    scores = added_step_scores(tour, tokens, added, idf, similar, lang) if on_screen and scores and tour else scores
    lead = lead_of(scores)
    # the definition the question names is a step: its annotation answers most directly (trial 94: "Where is
    # runtime·rt0_go?" pointed at _rt0_amd64, the step before it, whose annotation names rt0_go too)
    named = [i for i, (c, _) in enumerate(tour.all_steps) if c.key == focus.key] if tour and focus and scores else []
    lead = named[0] if named else lead
    pointed = (focus_steps(scores) or []) if lead is None and tour is not None and len(tour.walks()) == 1 else []
    pointed = pointed if 1 < len(pointed) <= FOCUS_POINTED else []  # a few steps answer it, none alone
    each = [t for t, _ in asked_parts]
    asked_steps = [tour.all_steps[i] for i in ([lead] if lead is not None else pointed)] if tour is not None else []
    if where is not None and tour is not None and not asked_steps and bare:  # the whole topic: where its steps are
        asked_steps = [s for s in tour.all_steps if s[0].kind in LINE_KINDS][:WHERE_STEPS]
    placed = where_items(quoted_from, where, idf, lang, focus, each, asked_steps) if where is not None else []
    # asked for the code's own comments beside a tour: the doc comment of each step it is about, in the tour's order
    aside = focus is not None and lead is None and not pointed  # asked of a definition no step is: its own comments
    commented = step_comments(tour, lead, pointed, several, lang) if comments and tour and not aside else ""
    # a follow-up that nothing new answers (its quotes were all read a moment ago, no step stands out) and that asks
    # for no amount or definition gets the tour again: a one-line "shown above" would leave it no citation at all
    # ("那在 go1.21 里呢？" after a comparison that walked the tour's changes)
    nothing_new = not said and not constants and focus is None and not placed and not commented
    # ... unless a recent answer showed that very tour (trial 9: a channel tour three times in a row): then, with
    # nothing new to quote, it is named and its steps listed (``tour_recap``); with quotes that say much of the
    # question (as ``QUOTES_FIRST_FLOOR`` measures), they answer it and the tour is referred to in one line
    seen = tour is not None and all(w.walked_before for w in tour.walks())
    recap = seen and nothing_new and lead is None and not pointed
    answered = seen and bool(scored) and scored[0][0] >= QUOTES_FIRST_FLOOR
    # ... but a walk shown a moment ago beside one that is new is referred to, the new one written out (trial 31: the
    # goroutine-cost walk, just read, was written out again above the scheduler's)
    partly = tour is not None and not seen and any(w.walked_before for w in tour.walks())
    rewalked = False  # the tour a recent answer walked, written out again: its steps folded (trials 86, 87: a wall)
    if tour is not None and lead is None and not pointed and (not follow_up or nothing_new) and not recap:
        rewalked = seen and not (answered or partly)
        tour = tour if answered or partly else shown_again(tour)  # a new question on the whole topic: the tour answers
    # a tour chosen by the question's meaning (its words name no tour's topic), none of whose steps is among the first
    # definitions found or answers the question: it is the topic around the question, so what the sources say comes
    # first and the tour after it (around a definition the question names, "How does sync.WaitGroup work?" and the
    # mutex tour, the tour is only pointed at: its steps named, not written out)
    top = {s.key for s in sources[:TOUR_COVERS]}
    by_meaning = tour is not None and tour.by_meaning and lead is None and not {c.key for c, _ in tour.all_steps} & top
    around = by_meaning and not amount_first and focus is None
    related = by_meaning and focus is not None and not pointed
    fresh = tour is not None and not all(w.shown_before for w in tour.walks())  # a tour shown in this answer
    # the header says what comes first: the tour, or the sources' words (a tour around the question, or a definition
    # the question names, whose make-up and quotes come before the tour)
    after = around or (focus is not None and tour is not None)
    # beside the tour, the quotes that say most of the question open the answer (see ``QUOTES_FIRST``)
    quotes_first = bool(
        QUOTES_FIRST and tour is not None and not around and focus is None and not amount_first and said
        and scored[0][0] >= QUOTES_FIRST_FLOOR
    )  # fmt: skip
    intro = "extractive_intro_tour_after" if after and fresh else "extractive_intro_tour" if fresh else ""
    intro = "extractive_intro_quotes_tour" if intro == "extractive_intro_tour" and quotes_first else intro
    intro = "extractive_intro_tour_only" if intro == "extractive_intro_tour" and not said else intro  # no quote after
    intro = "extractive_intro_recap" if recap else intro  # nothing is quoted: the tour above is recalled
    # the sentence of the team's summary that answers the question, first: the tour written out below it, or shown in
    # an answer above (a new question on its topic: "runtime 是不是一个虚拟机？" after the compile-and-start one)
    first = tour.walks()[0] if tour is not None and not around and not recap and not related else None
    english_only, amount = lang.code != "en", QUANTITY_FACTOR if quantity else 1.0
    score = scorer(tokens, idf, similar, english_only=english_only, amount=amount)
    score = added_scorer(score, added) if on_screen else score
    each_scores = [scorer(words, idf, sim, english_only=english_only, amount=amount) for words, sim in asked_parts]
    shows = first is not None and tour is not None and not (bare and first.shown_before)
    leads = summary_leads(tour.walks(), score, lang, each_scores) if shows and tour is not None else ()
    in_short = lang.space.join(leads)
    above = bool(in_short) and first is not None and first.shown_before
    intro = "extractive_intro_recap" if above and not intro else intro  # not only the sources' words follow
    # quotes from design documents too: the intro says so ("what the Go sources at go1.15.15 say" had headed the
    # 2022 GODEBUG design's sentences alone, trial 30)
    designs = any(by_n[st.n].version == "design" for st in said) and "design" not in scope
    shown_scope = t("scope_and_designs", scope=scope) if designs else scope
    intro = intro if intro and not amount_first else "extractive_intro"
    # nothing quoted, no tour, no constant, no line: the definitions found only share words with the question (trial
    # 34: "'; DROP TABLE chunks; --" was introduced as "what the Go sources say, quoted", and listed five others)
    # (not under a note that says what they are: go.y's successor, syntax.Parse, is no word shared by chance)
    unsaid = not said and tour is None and not constants and not placed and focus is None and not noted
    parts = [t("extractive_intro_unsaid" if unsaid else intro, scope=shown_scope)]
    if in_short:  # the answer first; what follows it (and that no language model wrote it) after
        parts.insert(0, t("summary_lead_above" if above else "summary_lead", text=in_short))
    if placed:  # asked where: the lines that do it come first
        parts.append(where_block(placed, lang))
    if constants:  # an amount asked for: the values of the constants the code found uses, each with its user
        users = [*sources, *(c for c, _ in tour.all_steps)] if tour is not None else sources
        head = "constants_used" if all(c.kind == "const" for c in constants) else "values_used"  # or set in a body
        parts.append("\n".join([t(head), *(constant_line(c, users, lang) for c in constants)]))
    quotes = "\n".join(statement_line(st, by_n, lang) for st in said)
    if reason and said and not any(gives_reason(st) for st in said):  # asked why; no comment says "because": said
        quotes = f"{quotes}\n\n{t('no_reason_given')}"  # under the quotes it is about, not before the answer
    shown = {st.n for st in said} | {c.n for c in constants} | {src.n for src, _ in placed}
    if focus is not None:  # the definition the question names: what it is made of, and what its comments say; its
        # comments first unless what it is made of is asked ("Is sync.Mutex fair?" had opened with `state`, `sema`)
        composed = made or made_of(focus, lang, tokens)
        its_first = bool(made or not said or located or names_its_parts(focus, tokens))  # asked where, or of its parts
        parts += [composed, quotes] if its_first else [quotes, composed]
        shown.add(focus.n)
        quotes = ""
    if tour is not None and not around and not related:  # the tour explains; what else the sources say comes after
        if amount_first and focus is None:  # the quotes that state an amount answer first; the others follow the tour
            parts.append("\n".join(statement_line(st, by_n, lang) for st in amounts))
            quotes = "\n".join(statement_line(st, by_n, lang) for st in said if st not in amounts)
        if lead is not None:  # the step that answers this question, first (before the quotes); the whole tour after
            parts.append(lead_line(tour, lead, lang))
        if quotes_first:  # the sources' words that say most of it (never beside quotes that state an amount first)
            parts.append(quotes)
            quotes = ""
        if lead is None and pointed:  # a few steps answer it, none alone: written out (the tour below refers to them)
            parts.append(steps_line(tour, pointed, steps_listed(pointed, lang), lang, below=fresh))
        steps_above = [lead] if lead is not None else pointed if fresh else []
        # nothing new beside several walks shown above: the few steps the question is about, written out again
        across = recap_focus(scores) if recap and len(tour.walks()) > 1 else []
        again = recap_steps(tour, across, lang) if across else tour_recap(tour, lang)  # at most FOCUS_POINTED
        # a step above answers (a part of the topic was asked about): the tour is the topic around it, its steps shown
        # folded; a question on the whole topic reads the tour open
        block = tour_block(tour, lang, steps_above, leads, fold=bool(steps_above) or rewalked)
        parts += [commented, again if recap else block, quotes]
        shown |= {c.n for c, _ in tour.all_steps}
    else:
        parts.append(quotes)
        walked = {c.key for c, _ in tour.all_steps} if related and tour else set()  # listed below, not as found
        path = reading_path([s for s in quoted_from if s.key not in walked])
        quoted = {st.text for st in said}
        if path:
            # the order the code runs only when each calls the next; callers first when some call others, each saying
            # which of the others it calls (a list is no path: syntax.Parse, getitab, itabInit); else none
            some = linked(path) and not chained(path)
            called = [
                [(o.citation.n, o.citation.symbol) for o in path if some and calls(s.citation, o.citation)]
                for s in path
            ]
            made_key = focus.key if focus is not None else None  # what it is made of is shown above
            steps = [
                path_line(i, s, quoted, several, lang, called[i - 1], s.citation.key == made_key)
                for i, s in enumerate(path, 1)
            ]
            head = t("reading_path" if chained(path) else "reading_path_calls" if some else "definitions_found")
            parts.append("\n".join([f"**{head}**", *steps]))
        shown |= {s.citation.n for s in path}
        if tour is not None:  # the topic around the question; around a definition it names, only pointed at
            parts.append(related_tour(tour, lang) if related else tour_block(tour, lang, fold=True))
            shown |= {c.n for c, _ in tour.all_steps}
    shown |= cited_numbers("\n".join(parts))  # cited already (a raiser's note: runtime.fatal)
    # beside a tour, a design document that shares the question's words but not its topic is about something else
    rest = [
        s for s in sources
        if s.n not in shown and (s.version != "design" or on_topic(identifier_tokens(s.text), tokens, topic, idf))
        and not off_tour(s, about, tokens) and READ_FOR_TOUR not in s.scores and not for_diagnostics(s.path, tokens)
    ]  # fmt: skip
    if rest:
        # a document by its title
        items = [f"{source_name(s, lang)} ({where_at(s, several, lang)}) [{s.n}]" for s in rest]
        parts.append(t("see_also", items=lang.listed(items, items_with_commas=True)))
    return "\n\n".join(p for p in parts if p)


__all__ = [
    "compose", "constant_line", "statement_line",
]  # fmt: skip
