"""Which of the cited sources' statements an extractive answer quotes, and in what order: those that say most of
the question (``relevance.says_how_much``), at most ``PER_SOURCE`` per source, none twice, each with its score.

A question that asks for an amount favours the statements that state a number; one that asks why, those that give a
reason; a follow-up, what the previous answer did not quote. A statement of a file built for another platform, of a
design document on another topic, or too far from the question's meaning is not quoted.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence, Set
from typing import Any

from guide.answering.lead import UNIT_AMOUNT, on_topic
from guide.answering.messages import message_fits, message_words, raised, said_alike
from guide.answering.quotable import (
    about_other_platform,
    for_diagnostics,
    for_instrumented_build,
    for_other_platform,
    off_question,
    off_tour,
)
from guide.answering.relevance import says_how_much, singulars
from guide.answering.saying import says_something
from guide.answering.statements import Similarity, Statement, code_line, statements, states_declaration
from guide.citation import Citation
from ingest.symbols import bare_name

CONTRACT_FACTOR = 0.5
"""A statement of what a caller must do (``CONTRACT``) counts this share, unless the question asks about rules
(``_ASKS_RULE``): it says how the code is to be used, not what it does. "Channel c must be empty and locked. send
unlocks c with unlockf. ..." (runtime.send) had been the second quote for whether a channel send takes a lock, and
"It is explicitly okay to have write barriers in this function." (gcMarkDone) the first for what the write barrier
is for (trial 73); "Callers must call gcControllerState.revise after calling this function if the GC is enabled." had
been quoted where mgc.go's "If GOGC=100 and we're using 4M, we'll GC again when we get to 8M" now is. Facts the same
on every dev half, the team's and the held-out set; eight answers change."""
CONTRACT = re.compile(
    r"\b(?:must(?: not)? be (?:called|non-nil)\b|must be [a-z ,]{0,24}\b(?:locked|held)\b|must already be\b"
    r"|[Cc]allers? must\b|must(?: not)? hold\b|(?:is|are) (?:explicitly )?(?:okay|ok) to\b)"
)
"""A caller's contract: "must be called on the system stack", "must be empty and locked", "must already be dequeued",
"Callers must ...", "must not hold ...", "It is explicitly okay to ..." (not "defer objects must be heap-allocated",
which says what the code does)."""
_ASKS_RULE = re.compile(r"\b(?:must|safe|allowed|okay|rules?)\b")
STATEMENTS = 4
"""Statements quoted at the top of an answer."""
CONTRAST_QUOTES = 3
"""When a question sets two things against each other ("the difference between AddCleanup and SetFinalizer"), at most
this many of the quotes are statements that mention both (``side_by_side``), first, whatever their score: they say
how the two differ, where the best-scored sentences say what each is (trial 80 quoted "AddCleanup attaches a cleanup
function to ptr." and not "Cleanups may also run concurrently with one another (unlike finalizers).")."""
PER_SOURCE = 3
"""At most this many statements quoted from one source. Measured (``python -m evals run``, default index) against 2:
the second plain set's dev half (evals/plain2/dev.jsonl, 50 questions written by others) facts .457 -> .477 (a third
sentence of the one source that answers); plain dev, the team's facts, held-out and
the follow-up dev half unchanged. Quoting more, measured again on 2026-12-07 with ``STATEMENTS``: at 5, the second
set's dev half .603 -> .613 and the held-out .833 -> .857; at 6 also the plain dev half .884 -> .926; but the facts
within the first 1,000 characters fall at both (held-out .738 -> .667 and .643; second set .467 -> .453 and .457):
more quotes push the tour step that answers below the first screen. Kept at 4."""
MIN_RELEVANCE = 0.3
"""Below this a statement states too little of the question to open the answer."""
SHARE_OF_BEST = 0.2
"""A statement that scores less than this share of the best one quoted is not quoted: it fills a place, and says
little of the question (trial 33: "If the map grows during iteration, things complicate significantly." at 0.38,
after "concurrent map writes" at 7.3, for 为什么并发写会直接崩溃？; "Small objects are allocated from the per-P cache's
free lists." for how large objects are allocated). Measured (``python -m evals run``, default index): at 0.1 and 0.2
every dev half, the team's facts and the held-out set keep every fact (37 of 306 answers quote fewer sentences at
0.2); at 0.3 the second plain set's dev half falls .537 -> .507, the third's .580 -> .573, the team's facts .951 ->
.944."""
MIN_SIMILARITY = {"minilm": 0.3, "minilm-torch": 0.3}
"""Per embedding model (others: no floor), a statement less similar than this to the question is not quoted,
whatever words it shares: "This sometimes happens when two modules depend on each other, and releases are not
tagged on the main branch." (a modules FAQ, .23) opened the answer to "What happens when main returns?". Measured:
at .1 to .35 the plain dev half, the team's facts and the held-out set keep every score (11 dev answers quote other
sentences at .3); at .4 the dev half's facts fall .849 -> .826."""

QUANTITY_FACTOR = 1.5
"""When the question asks for an amount (``Query.asks_quantity``), a statement that states a number counts this much
more. Plain dev half, facts stated: .765 without, .771 with 1.5 (2.5 the same; 11 of its 85 questions ask an
amount); the team's facts .92 and the held-out .81 unchanged."""
AMOUNT_IN_DOC = 0.8
"""When the question asks for an amount, a sentence of a doc comment that states one (a number with its unit) counts
at least this share of what the doc's best other sentence says of the question: the doc says what the amount is of,
a later sentence gives it ("SetMaxStack sets the maximum amount of memory that can be used by a single goroutine
stack." ... "The initial setting is 1 GB on 64-bit systems, 250 MB on 32-bit systems.": trial 8 quoted the first
alone). Plain dev half: one answer changes (the size classes' gains "Large objects (> 32 kB) are allocated straight
from the heap."), every figure unchanged; the team's facts .93 and the held-out .833 unchanged."""
NUMBER = re.compile(
    r"(?<![\w.])(?:\d+(?:\.\d+)?(?:e\d+)?|0x[0-9a-fA-F]+)(?!\w|\.\d)|\d+ ?(?:[kKMG]B|%|ms|us|µs|ns|bytes?)\b"
    r"|\b(?:half|halves|twice|quarter|doubles?|doubled)\b",
    re.IGNORECASE,
)
"""A number written in code or prose (``2048``, ``1e6``, ``0x10``, "at most 8.", "32 kB", "25%", "10ms"), or a
fraction or multiple in words ("Steal half of elements", "twice as large")."""

_DECLARED_NUMBER = re.compile(r"^\s*(?:(?:const|var)\s+)?[A-Za-z_]\w*(?:\s+[\w.]+)?\s*=\s*[-(\d]")
"""A constant or variable declared with a number (``stackMin = 2048``, ``forcePreemptNS = 10 * 1000 * 1000``)."""

IN_BODY_ORDER = 0.5
"""The statements chosen are shown best first, a comment inside a function's body (or on one of its lines) counting
this share of its score for the order only: it explains the step of code around it and often goes on from it
("After observing that the channel is not closed, we observe that the channel is not ready for sending." opened
the answer to "What does sending on a buffered channel cost? Is there a lock?", before hchan's "lock protects all
fields in hchan"; "We do this once on the last pass before checking runnext ..." the one on work stealing: trial
21), while a doc comment, a design comment or a field's says what something is. Which statements are quoted does
not change: the plain dev half, the team's facts and the held-out set score as before (0.5 and 0.67 alike);
weighting their score instead (0.75) moved one fact out of the first 1,000 characters of a held-out answer and one
into a dev answer's, and 0.5 dropped a fact from a dev answer."""
_FUNCTION_KINDS = frozenset({"func", "method", "asm"})
REASON_FACTOR = 1.5
"""When the question asks why (``Query.asks_why``), a statement that gives a reason ("because", "so that", "to
avoid", "otherwise" ...) counts this much more."""
_REASON = re.compile(
    r"\b(?:because|so that|in order to|otherwise|"
    r"(?<!want )(?<!wants )(?<!need )(?<!needs )(?<!able )"  # "want to allow" says what is wanted, not why
    r"to (?:avoid|prevent|ensure|guarantee|keep|make sure|reduce|allow)|"
    r"this is (?:why|because|so)|that is why|the reason|which means|so as to|for (?:performance|efficiency|safety)|"
    r"hence|therefore|thus|consequently|as a result|eliminates the need|(?:is |are )?useful (?:\w+ )?for|"
    r"the purpose of|(?:exists?|is there) (?:so|to)|serves to|given that|since (?:we|they|you) (?!last\b)\w+|"
    r"since (?:\w+ ){1,3}(?:is|are|was|were|may|might|can|could|must|will|would|has|have|does|do|cannot|can't)\b)\b",
    re.IGNORECASE,
)
"""The words with which an English comment gives a reason ("to allow" after "want" or "need" is no purpose: trial 25).
"since" gives one when a clause follows ("since Hasher may panic", trial 33; "since we use a single byte to record
active defers", trial 105: both answers had said under them that no quoted comment says why), not a time ("since Go
1.19", "since the last GC", "since we last checked")."""
NAMED_FACTOR = 1.5
"""A comment sentence that opens with the name its code line declares, a name the question says, counts this much
more: it says what the asked field or constant is, as Go's comments do ("stack describes the actual stack memory"
for "what is runtime.g's stack field?"; "offset known to runtime/cgo" is a note on it)."""
_DECLARED_NAME = re.compile(r"^\s*([A-Za-z_]\w*)")


def opens_with_declared(st: Statement, tokens: Sequence[str]) -> bool:
    """Whether ``st`` opens with the name its code line declares, and the question (``tokens``) says that name."""
    m = _DECLARED_NAME.match(st.code) if st.kind in ("body", "line") else None
    name = m.group(1) if m else ""
    return bool(name) and st.text.split(" ", 1)[0].strip("`") == name and name.lower() in tokens


HOMONYM_FACTOR = 0.5
"""When the question names a definition, a statement of another definition of the same name counts this much: the
timer method ``hchan``'s "hchan returns the channel in t.arg." had been the first quote of the answer to "hchan",
about the channel type (short, it says the one word asked, as a summary of the type would). The dev halves, the
team's facts and the held-out set are unchanged at 0.5."""
DESIGN_FACTOR = 0.7
"""A sentence of a design document counts this much against the code's own comments: a proposal says what was
designed, the code what the release does, and the guide's reader takes the code as the authority (trial 41: all four
quotes for "How does the garbage collector decide when to start a cycle?" came from the 2021 pacer design). Facts
within the first 1,000 characters, plain dev half: .690 at 1.0, .696 at 0.85, .702 at 0.7 and at 0.5 (0.5 cost the
third set's dev half .350 -> .343); the facts anywhere in the answer, and every other dev half, the team's facts
and the held-out set, the same at each."""
OUTCOME_FACTOR = 2.0
"""When the question asks what happens (``outcome``), a message of the program that fits the situation asked about
(``message_fits``: every word of it is the question's) counts this much: it is what happens, in the program's own
words. "go of nil func value" (newproc1's ``fatal``) had been 7th, under four sentences of the defer tour on
recover, for "What happens if I start a goroutine with a nil function value? Is that a panic I can recover from?";
1.5 left it there. Plain-words dev halves: second set facts .537 -> .547 (that question); the first and third sets'
dev halves, the follow-ups', the team's facts and the held-out set unchanged. The best fitting message is quoted
whatever the question's other parts score (with ``CONTRAST_QUOTES``' statements, first): the same question's "Is that
a panic I can recover from?" had four sentences of recover's and Goexit's above it again (its fifth place: not
quoted). Second set's dev half .623 -> .633 (that question); no other dev, team or held-out answer changes."""
REPEAT_FACTOR = 0.1
"""On a follow-up, a statement the previous answer already quoted counts this much: the answer says what is new
first, and repeats only what nothing new outranks."""


def gives_reason(st: Statement) -> bool:
    """Whether ``st`` gives a reason in so many words ("because", "so that", "to avoid" ...)."""
    return bool(_REASON.search(st.text))


def _in_its_words(st: Statement, tokens: Sequence[str], idf: Mapping[str, float]) -> tuple[list[str], dict[str, float]]:
    """The question's ``tokens`` written as ``st`` inflects them, and their weights (``idf``) under those words: a
    message that fits says "overflow" where the question says "overflows" (``alike``)."""
    said = sorted(message_words(st))
    as_said = {q: next((w for w in said if said_alike(w, q)), q) for q in tokens}
    return [as_said[q] for q in tokens], {**idf, **{as_said[q]: idf.get(q, 0.0) for q in tokens}}


def states_number(st: Statement) -> bool:
    """Whether ``st`` (its code line or its prose) states a number."""
    return bool(NUMBER.search(f"{st.code} {st.text}"))


def states_amount(st: Statement) -> bool:
    """Whether ``st`` states an amount: a constant or variable declared with a number, or a number in the prose with
    its unit or what it counts (``lead.UNIT_AMOUNT``: "The initial setting is 10,000 threads.", "a very conservative
    limit of 50%."; "goid=1" states a number, not an amount). Its own pattern had missed both: a count, and a percent
    before a full stop."""
    return bool(_DECLARED_NUMBER.match(st.code) or UNIT_AMOUNT.search(st.text))


def best_statements(sources: Sequence[Citation], *args: Any, **kw: Any) -> list[Statement]:
    """The statements of :func:`scored_statements`, without their scores."""
    return [st for _, st in scored_statements(sources, *args, **kw)]


def scored_statements(
    sources: Sequence[Citation],
    tokens: Sequence[str],
    idf: Mapping[str, float],
    limit: int = STATEMENTS,
    similar: Similarity | None = None,
    quantity: bool = False,
    reason: bool = False,
    said_before: str = "",
    min_similarity: float | None = None,
    topic: frozenset[str] = frozenset(),
    platform: tuple[str, str] | None = None,
    tour_words: frozenset[str] = frozenset(),
    declared_only: Set[int] = frozenset(),
    parts: Sequence[tuple[Sequence[str], Similarity | None]] = (),
    outcome: bool = False,
    subject: Collection[str] = (),
    named: tuple[str, str, int] | None = None,
    sides: Sequence[frozenset[str]] = (),
    experiments: Mapping[str, frozenset[str]] | None = None,
) -> list[tuple[float, Statement]]:
    """The statements of ``sources`` that say most about the question (or about one of its ``parts``: each part's
    words and similarity, :func:`guide.words.question_parts`), best first, each with its score: at most
    ``PER_SOURCE`` per source, none twice, no code line twice. A source earlier in the list counts a little more
    (it was retrieved first). With ``similar`` (the embedding model's similarity of texts to the question), a
    statement close in meaning counts more, so one that says it in other words ("the minimum size of stack" for
    "the smallest stack") can be chosen. ``reason``: the question asks why. ``said_before``: the answer the user
    read last (a follow-up's), whose quotes count less. ``min_similarity``: the embedding model's floor below
    which a statement is not quoted. ``topic``: the question's words on the topic the answer walks
    (``guide.answering.lead.topic_words``); when given, a design document's statement that is not on it
    (``on_topic``) is not quoted. ``platform``: the question's GOOS/GOARCH (named in it, else the default,
    linux/amd64): a file built for another (os_windows.go, asm_wasm.s) is not quoted. ``tour_words``: the words
    of the title and summary of the tour beside the answer; a design document whose title has none of them is
    about another topic and is not quoted ("Soft memory limit" shares "overhead" with "defer 的开销…？", not the
    defer tour). ``outcome``: the question asks what happens or goes wrong (``Query.asks_outcome``); only then is a
    panic's, fatal error's or diagnostic's message quoted ("concurrent map iteration and map write" shares
    "iteration" and "map" with why a map's iteration order differs, and says nothing of it), and only when it is
    about the situation asked about (``message_fits``). ``subject``: when given, the words of what the question is
    about (asked how to change it: not the words of asking for a setting); a statement with none, or, beside a tour,
    not on its topic (``on_topic``), is not quoted (GOMAXPROCS' "setting" and "environment variable", and its
    "simultaneously", for "How do I change that?" after concurrent map writes). ``named``: the key of the definition
    the question names; the first sentence of its doc comment, Go's summary sentence, counts ``NAMED_FACTOR`` more
    ("A WaitGroup is a counting semaphore ..." for "How does sync.WaitGroup work?", before "A WaitGroup must not be
    copied after first use.": trial 24). ``sides``: the words of each of two things the question sets against each
    other (``guide.contrast``); the statements that mention both come first (``CONTRAST_QUOTES``). ``experiments``:
    per release, the GOEXPERIMENTs on by default; a comment under ``if goexperiment.X`` with X off is not quoted."""
    before = " ".join(said_before.split())
    said = [
        (rank, st) for rank, src in enumerate(sources) for st in statements(src)
        if says_something(st) and (src.n not in declared_only or states_declaration(st, src))
    ]  # fmt: skip
    said += raised(sources, said) if outcome else []  # a message a variable holds, where it is raised
    fits = [
        (rank, i, st, message_fits(st, tokens) if st.kind == "message" and outcome else None)
        for i, (rank, st) in enumerate(said)
    ]
    # a message, what happens in the program's words, only when asked, and of those that fit the ones that say most
    # of the question: "close of nil channel", not also "close of closed channel", for closing a nil channel
    most = max((fit for *_, fit in fits if fit), default=0)
    cands = [(rank, i, st) for rank, i, st, fit in fits if st.kind != "message" or (fit and fit == most)]
    texts = [f"{st.code} {st.text}".strip() for _, _, st in cands]
    sims = similar(texts) if similar and cands else []
    # a question of several parts ("Does a channel take a lock? What does a send cost?"): a statement says as much as
    # it says of the whole question or of the part it says most of, by words and meaning (hchan's ``lock mutex``,
    # "lock protects all fields in hchan", answers the first part, not the whole)
    each = [(part, sim(texts) if sim and cands else []) for part, sim in parts]
    # an amount asked for: what each doc comment's sentences say of the question, for the one that gives the amount
    in_doc: dict[int, list[float]] = {}
    if quantity:
        for j, (rank, _, st) in enumerate(cands):
            if st.kind == "doc":
                in_doc.setdefault(rank, []).append(says_how_much(st, tokens, idf, sims[j] if sims else None))
    # sources none of whose statements is quoted: a file built for another platform ("Function to be called by windows
    # CreateThread ..." on how many threads Linux programs make), the tracer's or a profiler's code when the question
    # is not about tracing or profiling, a design document on another topic than the tour's
    barred = {
        rank for rank, src in enumerate(sources)
        if (platform is not None and for_other_platform(src.path, platform)) or for_diagnostics(src.path, tokens)
        or off_tour(src, tour_words, tokens) or (not tour_words and off_question(src, tokens))
    }  # fmt: skip
    # the first sentence of the doc comment of the definition the question names: in Go's convention, what it is
    firsts: dict[int, int] = {}  # per source the question names, the first of its doc comment's statements
    for r, i, st in cands:
        if st.kind == "doc" and named and sources[r].key == named:
            firsts.setdefault(r, i)
    # another definition of the named one's name (the timer method ``hchan`` beside the channel type ``hchan``): its
    # doc comment opens with the name too, but says what the other thing is ("hchan returns the channel in t.arg."
    # had been the first quote of the answer on the type)
    name_of = next((bare_name(s.symbol) for s in sources if named and s.key == named), None)
    homonyms = {r for r, src in enumerate(sources) if name_of and src.key != named and bare_name(src.symbol) == name_of}
    subject_words, subject_seq = set(subject), tuple(subject)  # asked how to change it: the words of the subject
    asks_rule = bool(_ASKS_RULE.search(" ".join(tokens)))
    scored: list[tuple[float, tuple[int, int], Statement]] = []
    for j, (rank, i, st) in enumerate(cands):
        if rank in barred:
            continue
        weight = 1.0 + 0.5 / (rank + 1)  # the order the sources were retrieved in
        if sources[rank].version == "design":  # what was proposed, after what the code says
            weight *= DESIGN_FACTOR
        if quantity and states_number(st):  # an amount was asked: the lines that state one
            weight *= QUANTITY_FACTOR
        if reason and gives_reason(st):  # a reason was asked: the lines that give one
            weight *= REASON_FACTOR
        if rank in homonyms:
            weight *= HOMONYM_FACTOR
        if CONTRACT.search(st.text) and not asks_rule:  # how the code is to be used, not what it does
            weight *= CONTRACT_FACTOR
        if st.kind == "message":  # what happens, asked for, in the program's words (only fitting ones are candidates)
            weight *= OUTCOME_FACTOR
        if (opens_with_declared(st, tokens) and rank not in homonyms) or firsts.get(rank) == i:
            weight *= NAMED_FACTOR  # what the asked field or constant is; the summary of the definition asked about
        by_part = [says_how_much(st, part, idf, psims[j] if psims else None) * weight for part, psims in each]
        # a message that fits says the question's words in its own inflections ("stack overflow", "stack overflows")
        words, weights = _in_its_words(st, tokens, idf) if st.kind == "message" else (tokens, idf)
        own = says_how_much(st, words, weights, sims[j] if sims else None)
        score = max([own * weight, *by_part])
        if st.kind == "doc" and rank in in_doc and states_amount(st):  # the amount of what its doc is about
            score = max(score, AMOUNT_IN_DOC * max(in_doc[rank]) * weight)
        if subject and not (set(st.words) & subject_words and on_topic(st.words, subject_seq, topic, idf)):
            continue  # a setting, but of something else than the subject asked about (or the topic walked)
        if for_instrumented_build(st.words, st.text, tokens) or _experiment_off(st, sources[rank].version, experiments):
            continue  # the -race, -msan or -asan build, or an experiment off by default, which the question is not on
        if about_other_platform(st.text, platform, tokens):
            continue  # Windows', wasi's, arm64's way, when the question asks of its own platform
        # the words, not the subject; but one that mentions both things the question sets against each other is on it,
        # and so is the doc comment of a definition the question names (sysmon's "Always runs without a P ...", .29
        # from "sysmon 是做什么的？它需要 P 吗？": trial 97)
        kept = side_by_side(st, sides) or (st.kind == "doc" and bare_name(sources[rank].symbol).lower() in tokens)
        if sims and min_similarity is not None and sims[j] < min_similarity and not kept:
            continue
        if score < MIN_RELEVANCE:
            continue
        if sources[rank].version == "design" and not on_topic(st.words, tokens, topic, idf):  # words, not topic
            continue
        # read a moment ago: after what is new, not gone; but asked why, the sentence that gives a reason is the answer
        # however recently it was read ("为什么？" after escape analysis: the invariants, "because the declaring
        # function returned ...", had been quoted in the answer before and gave way to sentences that give none)
        if before and " ".join(st.text.split())[:80] in before and not (reason and gives_reason(st)):
            score *= REPEAT_FACTOR
        scored.append((score, (rank, i), st))
    out: list[tuple[float, Statement]] = []
    per: dict[int, int] = {}
    seen: set[str] = set()
    ranked = sorted(scored, key=lambda x: (-x[0], x[1]))
    both = [x for x in ranked if side_by_side(x[2], sides)][:CONTRAST_QUOTES]  # two things set against each other
    both += [x for x in ranked if x[2].kind == "message"][:1]  # what happens, in the program's words, when it fits
    first = {id(x[2]) for x in both}  # quoted first, whatever their score
    best = ranked[0][0] if ranked else 0.0
    for score, (rank, _), st in [*both, *(x for x in ranked if id(x[2]) not in first)]:
        key = " ".join(st.text.lower().split()) + (f"\0{st.code}" if st.kind == "message" else "")  # said twice
        # a code line is quoted once, for its best sentence, whichever source holds it; asked why, also for the one
        # that gives a reason
        line = "" if reason and gives_reason(st) else code_line(st, sources[rank])
        if out and score < SHARE_OF_BEST * best and id(st) not in first:
            break
        if key in seen or line in seen or per.get(st.n, 0) >= PER_SOURCE:
            continue
        seen |= {key, line} - {""}
        per[st.n] = per.get(st.n, 0) + 1
        out.append((score, st))
        if len(out) == limit:
            break
    # the statements quoted first, then in order of score, a comment inside a function's body counting
    # ``IN_BODY_ORDER`` of its score for the order
    in_body = {src.n for src in sources if src.kind in _FUNCTION_KINDS}
    out.sort(
        key=lambda x: (
            id(x[1]) not in first,
            -x[0] * (IN_BODY_ORDER if x[1].kind in ("body", "line") and x[1].n in in_body else 1.0),
        )
    )
    return out


def _experiment_off(st: Statement, version: str, experiments: Mapping[str, frozenset[str]] | None) -> bool:
    """Whether ``st`` is a comment under ``if goexperiment.X`` (``Statement.experiment``) and X is off by default at
    ``version`` (``experiments``: the ones on, lower-cased, per release read)."""
    on = experiments.get(version) if experiments is not None and st.experiment else None
    return on is not None and st.experiment.lower() not in on


def side_by_side(st: Statement, sides: Sequence[frozenset[str]]) -> bool:
    """Whether ``st`` mentions each of two things the question sets against each other (``sides``, their words): "New
    Go code should consider using [AddCleanup] instead, which is much less error-prone than SetFinalizer.", "Cleanups
    may also run concurrently with one another (unlike finalizers)." for the difference between AddCleanup and
    SetFinalizer."""
    if len(sides) < 2:
        return False
    have = set(st.words)
    have |= singulars(have)
    return all(have & side for side in sides)


__all__ = [
    "AMOUNT_IN_DOC", "CONTRACT", "CONTRACT_FACTOR", "CONTRAST_QUOTES", "DESIGN_FACTOR", "IN_BODY_ORDER",
    "MIN_RELEVANCE", "MIN_SIMILARITY", "NAMED_FACTOR", "NUMBER", "PER_SOURCE", "QUANTITY_FACTOR", "REASON_FACTOR",
    "REPEAT_FACTOR", "SHARE_OF_BEST", "STATEMENTS", "best_statements", "gives_reason", "opens_with_declared",
    "scored_statements", "side_by_side", "states_amount", "states_number",
]  # fmt: skip
