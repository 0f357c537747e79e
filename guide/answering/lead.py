"""Which steps of a tour answer a question: the one that answers it most directly (shown first), or the few it is
about (pointed at in an answer, detailed in a comparison), by how much of the question each step's annotation says
(relevance plus meaning, as for quotes: ``guide.answering.relevance.says_how_much``)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from guide.answering.chinese_notes import with_chinese
from guide.answering.comment_text import GOES_ON, sentences
from guide.answering.relevance import name_says, says_how_much
from guide.answering.statements import Similarity, Statement
from guide.answering.term_forms import one_per_term, translated_terms
from guide.knowledge.tours import release_minor, team_sentences
from guide.language import ENGLISH, Lang
from ingest.symbols import bare_name
from ingest.tokens import STOP_WORDS, identifier_tokens

if TYPE_CHECKING:
    from guide.answering.tour import TourInAnswer


LEAD_MIN, LEAD_MARGIN = 1.5, 1.7
"""A tour step answers the question most directly when its annotation says at least this much of it (relevance plus
meaning, as for quotes) and this many times more than any other step: it is shown first ("How does sysmon ...?" in
the scheduler's tour, then of ten steps). Read on the plain dev half's 55 tour answers: with a margin of 1.5, 10 had a
lead step and 2 were not the step a reader wants (newHeapaddr for "how does the compiler decide stack or heap", not
escape analysis); at 1.7, 7 had one, each the step that answers (sysmon, runtime.main, ssa.Compile for "is there a
VM", the lookup for "how does a map lookup find a key" ...). A Chinese question is scored on the steps' English
annotations with its English words (the bilingual vocabulary's translations; its Chinese words have no weight in the
index), and the lead step is shown with its Chinese annotation."""


def lead_of(scores: Sequence[float], goes_on: Sequence[bool] = (), counts: Sequence[Sequence[int]] = ()) -> int | None:
    """The step (0-based among all the walks' steps, ``tour.all_steps``) whose annotation answers the question most
    directly, by ``step_scores`` (see ``LEAD_MIN``); None when none stands out (the question is about the whole
    topic). ``goes_on``: per sentence of a summary, whether it goes on from the one before it (``_goes_on``): the
    best is shown with the one before it, which is then no rival of it ("Two mechanisms make goroutines cheap ..."
    and "First, the stack: a goroutine starts with a small stack (2 KB ...)" both answer what a goroutine costs; the
    second stands out); when those two are all there is, the one before it is its rival again. ``counts``: per
    sentence, the sentences that are the items of a count it announces (``counted``), shown with it and so no rivals
    of it either."""
    if len(scores) < 2:
        return None
    best = max(range(len(scores)), key=scores.__getitem__)
    together = {best}
    together |= {best - 1} if best < len(goes_on) and goes_on[best] else set()
    together |= set(counts[best]) if best < len(counts) else set()
    rivals = [s for i, s in enumerate(scores) if i not in together] or [s for i, s in enumerate(scores) if i != best]
    return best if scores[best] >= LEAD_MIN and scores[best] >= LEAD_MARGIN * max(rivals) else None


FOCUS_SHARE = 0.5
"""A step is one the question is about when its annotation says at least this share of what the step that says most
does, and that step stands out (``LEAD_MIN``): "How did the GC pacer change?" is about two of the allocator and GC
tour's ten steps (gcStart, gcControllerState.commit), not the allocator's; "How does the network poller work?" about
two of the goroutine-cost tour's (internal/poll's Read, netpoll); "What changed in the scheduler?" about all of its
tour."""
FOCUS_POINTED = 3
"""At most this many steps are pointed at ("Most directly, steps 7 and 10 of the tour below"); more is the tour."""


def focus_steps(scores: Sequence[float], floor: float = LEAD_MIN) -> list[int] | None:
    """The steps (indexes) a question is about, by ``step_scores``: None when none stands out (says ``floor``) or all
    are."""
    best = max(scores, default=0.0)
    if best < floor:
        return None
    picked = [i for i, s in enumerate(scores) if s >= FOCUS_SHARE * best]
    return picked if len(picked) < len(scores) else None


RECAP_MIN = 0.5
"""Beside walks shown a moment ago, with nothing new to quote, the steps that say this much of the question (and at
least ``FOCUS_SHARE`` of the best) are written out again (``recap_focus``); below ``LEAD_MIN``, no step would lead a
new answer, but the walks are on screen and the question asks about part of them."""


def recap_focus(scores: Sequence[float]) -> list[int]:
    """The steps (indexes, the one that says most first) a follow-up that nothing new answers is about, by
    ``step_scores``: at most
    ``FOCUS_POINTED``, each saying ``RECAP_MIN`` of the question and ``FOCUS_SHARE`` of the best; else none."""
    best = max(scores, default=0.0)
    floor = max(RECAP_MIN, FOCUS_SHARE * best)
    picked = sorted((i for i, s in enumerate(scores) if s >= floor), key=lambda i: -scores[i])
    return picked if len(picked) <= FOCUS_POINTED else []


Scorer = Callable[[Sequence[str]], list[float]]
"""How much of the question each of some English texts says."""


def scorer(
    tokens: Sequence[str],
    idf: Mapping[str, float],
    similar: Similarity | None = None,
    english_only: bool = False,
    amount: float = 1.0,
) -> Scorer:
    """Scores texts by how much of the question (``tokens``) each says: relevance plus meaning, as for quotes; with
    ``english_only`` (a Chinese question read in English), by the question's English words, a dictionary's base
    forms, which a plural in the text matches ("threads" for 线程, "thread"). A text that states an amount with its
    unit ("2 KB") counts ``amount`` times (a question that asks for one)."""
    words = [t for t in tokens if t.isascii()] if english_only else list(tokens)
    terms = translated_terms(words) if english_only else []

    def score(texts: Sequence[str]) -> list[float]:
        sims: list[float | None] = list(similar(texts)) if similar is not None else [None] * len(texts)
        out = []
        for t, sim in zip(texts, sims, strict=True):
            st = Statement(0, t)
            asked = one_per_term(words, terms, st, idf) if terms else words
            out.append(says_how_much(st, asked, idf, sim) * (amount if UNIT_AMOUNT.search(t) else 1.0))
        return out

    return score


UNIT_AMOUNT = re.compile(
    r"\d+(?:\.\d+)? ?(?:[kKMG]i?B|%|ms|us|µs|ns|bytes?|words?)(?![A-Za-z])"
    r"|(?<![\w.])(?<![Gg]o )(?<![Pp]ass )(?<![Ss]tep )(?<![Pp]hase )\d[\d,]*(?:\.\d+)? "
    r"(?!is\b|was\b|has\b|does\b)[a-z]+s\b"
)
"""An amount with its unit ("2 KB", "10ms", "25%") or with what it counts ("256 goroutines", "8 slots"; a number that
ends a name, amd64's or m0's, counts nothing, nor a release's, a pass's or a step's: "Go 1.23 makes", "pass 1
takes")."""


_NOT_ABOUT = re.compile(
    r"(?<!\bor )\bnot\s+(?:a\s+|the\s+)?(?:[\w*()]+\.[\w.*()]+|\w*[a-z][A-Z]\w*)"
    r"|\b(?i:unlike)\b(?:[^,;.]|\.(?=\S)){0,60}?[,;]"
)
"""What an annotation says its step is not about: "not sync.Mutex" (a name written as code; "whether or not
mheap_.lock is held" says nothing of the kind), "Unlike a goroutine waiting on a sync.Mutex," up to its comma, within
a few words (the runtime's own lock, runtime.lock2: its step had answered "Is sync.Mutex fair?" most directly, trial
31)."""


def _about(note: str) -> str:
    """An annotation's words as a question is scored against them: no backticks, and not what it says it is not."""
    return _NOT_ABOUT.sub(" ", note.replace("`", ""))


def step_scores(
    tour: TourInAnswer,
    tokens: Sequence[str],
    idf: Mapping[str, float],
    similar: Similarity | None = None,
    lang: Lang = ENGLISH,
) -> list[float]:
    """How much of the question each step's annotation says (``tour.all_steps`` order; relevance plus meaning, as
    for quotes); a Chinese question is scored against the English annotations, and its own words against the Chinese
    ones (``guide.answering.chinese_notes.CHINESE_WEIGHT``); a step's name too (``relevance.name_says``)."""
    notes, in_english = step_notes(tour, lang)
    scores = scorer(tokens, idf, similar, english_only=in_english)([_about(note) for note in notes])
    scores = [s + name_says(bare_name(c.symbol), tokens, idf) for s, (c, _) in zip(scores, tour.all_steps, strict=True)]
    if not in_english:
        return scores
    return with_chinese(scores, tokens, [_about(note) for _, note in tour.all_steps])


def step_notes(tour: TourInAnswer, lang: Lang) -> tuple[list[str], bool]:
    """Each step's annotation (``tour.all_steps`` order) as a question in ``lang`` is read against it: the English
    one for a question in another language when every step has one (scored in English, shown in the question's),
    else the one shown; and whether it is that English."""
    steps = tour.all_steps
    english = [e for t in tour.walks() for e in t.english]
    in_english = lang.code != "en" and len(english) == len(steps)
    return (english if in_english else [note for _, note in steps]), in_english


_WH_CLAUSE = r"\b[^,;:?]*"
_MORE_WH = rf",\s*(?:and\s+)?(?:how|where|what|when|why|who){_WH_CLAUSE}"
_TITLE_SENTENCE = rf"^(?:How|Where|What|When|Why){_WH_CLAUSE}(?:{_MORE_WH})*\.$"
"""A sentence that titles a tour: wh-clauses and nothing else ("How a goroutine waits for a lock.", "How deferred
calls are recorded and run, how a panic runs them, and how recover stops a panic."). A sentence that opens with a
clause and goes on with its main one says what the code does ("When it is held, the goroutine may spin a few times on
a multicore machine, then sleeps ...", "When no deferred call recovers, the panic value is printed ..."): both had
been taken for titles, and never shown as a short answer."""
_ABOUT_THE_TOUR = re.compile(rf"\btour\b|{_TITLE_SENTENCE}", re.IGNORECASE)
"""A sentence of a summary that says what the tour shows ("The tour opens with the goroutine, the thread ...") or
titles it ("How a goroutine waits for a lock.", "Where a timer waits and who runs it when it fires."): not a
statement of what the code does."""
_ERA = re.compile(r"^(Up to|Until|Through|Before|Since|From|As of)\s+Go\s+1\.(\d+)\b")
"""A summary sentence that opens by bounding what it says to releases: "Up to Go 1.23 the runtime map ... is an array
of 2^B buckets" is no short answer at go1.27.3 (trial 94: "How are Go maps implemented these days?" had it), nor
"Since Go 1.24 the map ... is a Swiss table" at go1.21.13 (``of_release``)."""


def of_release(sentence: str, tag: str) -> bool:
    """Whether ``sentence`` holds at release ``tag`` by the releases it opens with (``_ERA``; true naming none)."""
    era, minor = _ERA.match(sentence), release_minor(tag)
    if era is None or minor is None:
        return True
    bound = int(era.group(2))
    return minor < bound if era.group(1) == "Before" else minor <= bound if era.group(1)[0] in "UT" else minor >= bound


_REFERS_BACK = re.compile(r"^(?:It|Its|They|Their|Those|These|This|First)\b|^[^:;]*\bthey\b")
"""A sentence that goes on from the one before it: it opens with a pronoun ("It builds a data-flow graph ...", "Those
are marked as escaping ..."), or "they" is the subject of its first clause ("For the empty interface (any) they are
the dynamic type and a data pointer ...", after "An interface value is two words."), or it is the first of a count
the sentence before announces ("First, the stack: ...", after "Two mechanisms make goroutines cheap ...")."""


def _goes_on(sentence: str) -> bool:
    """Whether a sentence of a summary goes on from the one before it: a pronoun or a count (``_REFERS_BACK``), or a
    connective (``GOES_ON``: "Otherwise each defer adds a record ...")."""
    return bool(_REFERS_BACK.search(sentence) or GOES_ON.match(sentence))


def _goes_on_alone(sentence: str) -> bool:
    """Whether a sentence of a summary goes on from the one before it and is no item of a count (a count's items are
    shown with the sentence that announces them, or alone: ``counted``, ``_shown``)."""
    return _goes_on(sentence) and not (_FIRST_ITEM.match(sentence) or _LATER_ITEM.match(sentence))


_TITLE = re.compile(_TITLE_SENTENCE)


def titled(tour: TourInAnswer) -> bool:
    """Whether the team's summary of ``tour`` opens with a sentence that titles it ("How a goroutine waits for a
    lock.", "Where a timer waits and who runs it when it fires."): shown after "In short:" it read as a fragment
    (trial 23), in either language."""
    english = sentences(tour.tour.summary)
    return bool(english) and bool(_TITLE.match(english[0]))


def summary_sentences(tour: TourInAnswer, lang: Lang) -> tuple[list[str], list[str]]:
    """The sentences of the team's summary of ``tour`` (its first walk): in English, which the index's weights
    read, and in the question's language, as shown; both empty when a Chinese summary's sentences do not match the
    English ones one for one. The team's summaries are split where each sentence ends, as the Chinese ones are:
    not as quotes are (``sentences`` keeps "Otherwise ..." with the sentence before it and needs a capital after
    the full stop), which had left the defer and the timers tours' summaries one sentence short in English ("...
    on the thread that found it. f must not block ...") and so no Chinese question of theirs a short answer."""
    english = team_sentences(tour.tour.summary, "en") + team_sentences(tour.tour.answers, "en")  # answers: not routed
    if lang.code == "en":
        return english, english
    shown = team_sentences(tour.summary(lang), "zh") + team_sentences(tour.tour.answers_zh, "zh")
    return (english, shown) if len(shown) == len(english) else ([], [])


def summary_lead(
    tour: TourInAnswer, score: Scorer, lang: Lang = ENGLISH, parts: Sequence[Scorer] = ()
) -> tuple[str, ...]:
    """The sentences of the team's summary that answer the question most directly, in the question's language, shown
    first ("Is there a virtual machine or a bytecode interpreter?": "There is no virtual machine or bytecode: every
    function becomes native instructions ..."): scored in English as a tour's steps are (``score``, from
    :func:`scorer`) and standing out as a lead step must (``lead_of``); none when none
    does, or it says what the tour shows. A question that asks several things (``parts``, a scorer each: "How much
    memory does a goroutine take? Can one server hold a million connections?") also gets the sentence that stands out
    for each part: scored as a whole, no sentence stood out, each answering half of it. Each run of adjacent
    sentences shown is one string, in the summary's order."""
    return _leads(tour, score, lang, parts)[0]


def summary_leads(
    walks: Sequence[TourInAnswer], score: Scorer, lang: Lang = ENGLISH, parts: Sequence[Scorer] = ()
) -> tuple[str, ...]:
    """``summary_lead`` over the walks of a tour answer: the first walk's for the whole question and its parts, then
    each other walk's for the parts no walk before it answered ("Go 程序是怎么编译和启动的？有没有像 Java 那样的虚拟
    机？": program start, then the compile-and-link summary's "Go 没有虚拟机 ..." for the second part)."""
    out: list[str] = []
    open_parts = list(parts) if len(parts) > 1 else []
    for k, walk in enumerate(walks):
        said, answered = _leads(walk, score if k == 0 else None, lang, open_parts)
        out += said
        open_parts = [p for j, p in enumerate(open_parts) if j not in answered]
        if not open_parts:
            break
    return tuple(out)


def _leads(
    tour: TourInAnswer, score: Scorer | None, lang: Lang, parts: Sequence[Scorer]
) -> tuple[tuple[str, ...], set[int]]:
    """``summary_lead``'s sentences, and the indexes of the ``parts`` one of them answers."""
    english, shown = summary_sentences(tour, lang)
    kept = [i for i, s in enumerate(english) if not _ABOUT_THE_TOUR.search(s) and of_release(s, tour.tag)]
    if len(kept) < 2:
        return (), set()
    texts = [english[i] for i in kept]
    each = parts if len(parts) > 1 or score is None else ()
    goes_on = [k > 0 and kept[k - 1] == i - 1 and _goes_on(english[i]) for k, i in enumerate(kept)]
    counts = [[kept.index(j) for j in counted(english, i) if j in kept] for i in kept]
    by_part = [lead_of(p(texts), goes_on, counts) for p in each]
    leads = [*([lead_of(score(texts), goes_on, counts)] if score is not None else []), *by_part]
    picked = {kept[b] for b in leads if b is not None}
    # a lead that announces a count is shown with its items (not one shown for an item: "First, the stack ..." for
    # how a stack grows is shown alone, as a later item is, without its announcement, which said "Two mechanisms"
    # above the one item: trial 38 read it as cut off); a sentence that goes on from the one before it, with that one
    picked |= {j for i in picked for j in counted(english, i)}
    # every item of a count picked (one for each part of the question): with the sentence that announces them, which
    # says what they add up to (trial 40: "其一是栈：… 其二，阻塞 I/O …" answered how much a goroutine costs and whether
    # a server holds a million connections without "两种机制让 goroutine 便宜到可以同时存在几十万个。")
    picked |= {i for i in range(len(english)) if (items := counted(english, i)) and set(items) <= picked}
    picked |= {i - 1 for i in picked if i and _goes_on(english[i]) and not _FIRST_ITEM.match(english[i])}
    # and the sentences after it that go on from it ("Those are marked as escaping; everything else may live in the
    # stack frame" after "It builds a data-flow graph ..."): the summary below keeps a sentence the next one goes on
    # from (``tour_text.summary_text``), and trial 40 read the stack-or-heap short answer twice, there and above it
    while more := {i + 1 for i in picked if i + 1 < len(english) and _goes_on_alone(english[i + 1])} - picked:
        picked |= more
    runs: list[list[int]] = []
    for i in sorted(picked):
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    joined = lang.space  # Chinese sentences follow one another without a space
    said = tuple(
        joined.join(_shown(j, k == 0, english, shown, len(run) == 1) for k, j in enumerate(run)) for run in runs
    )
    return said, {j for j, b in enumerate(by_part) if b is not None}


def counted(english: Sequence[str], i: int) -> list[int]:
    """The sentences after sentence ``i`` of a summary that are the items of a count it announces: "Two mechanisms
    make goroutines cheap enough to have hundreds of thousands." is followed by "First, the stack: ..." and "Second,
    blocking I/O does not block a thread: ...", and says nothing without them (trial 38: the short answer to "How
    cheap is a goroutine?" was that sentence alone). None when the next sentence opens no count."""
    if i + 1 >= len(english) or not _FIRST_ITEM.match(english[i + 1]):
        return []
    items = [i + 1]
    while items[-1] + 1 < len(english) and _LATER_ITEM.match(english[items[-1] + 1]):
        items.append(items[-1] + 1)
    return items


def _shown(i: int, first: bool, english: Sequence[str], shown: Sequence[str], alone: bool = True) -> str:
    """Sentence ``i`` of a summary as the short answer shows it: an item of a count the summary makes, shown without
    the sentence before it, loses the word that counts it ("Second, blocking I/O does not block a thread: ...",
    "First, the stack: ...", "其一是栈：...": the item alone, its first letter raised); the first item keeps it when
    the next follows it (``alone`` false: "其一是栈：... 其二，阻塞 I/O ...")."""
    if first and i and (_LATER_ITEM.match(english[i]) or (alone and _FIRST_ITEM.match(english[i]))):
        item = _ITEM_SHOWN.sub("", shown[i], count=1)
        return item[:1].upper() + item[1:]
    return shown[i]


_ORDINAL_EN = r"(?:Second|Third|Fourth|Fifth|Finally|Lastly),\s*"
_ORDINAL_ZH = r"(?:其[二三四五]|第[二三四五]|最后|其次)[，,、]\s*"
_LATER_ITEM = re.compile(rf"^{_ORDINAL_EN}")
"""A later item of a count the summary makes ("Two mechanisms make goroutines cheap ... First, the stack: ...
Second, blocking I/O does not block a thread: ..."): shown alone, as the short answer, without the word that counts
it (trial 27: "其二，阻塞 I/O 不会阻塞线程 ..." opened the answer)."""
_FIRST_ITEM = re.compile(r"^First,\s*")
"""The first item of a count the summary makes ("First, the stack: ..."): shown alone too, without "First,"."""
_ITEM_SHOWN = re.compile(rf"^(?:First,\s*|{_ORDINAL_EN}|其一是|其一[，,、]\s*|首先[，,、]\s*|{_ORDINAL_ZH})")
"""The word that counts an item, in either language, as an item shown alone leaves it out."""
COUNTED = re.compile(rf"(?:\b{_ORDINAL_EN}|{_ORDINAL_ZH})$")
"""The word that counts a later item, right before it ("... Second, " / "... 其二，"): left out with the item."""


def topic_words(tour: TourInAnswer, tokens: Sequence[str]) -> frozenset[str]:
    """The question's words that the topic of ``tour`` uses: in its titles, summaries and annotations (English) or
    in the code and comments its steps cite. A design document quoted or listed beside the tour must be on the topic
    (``on_topic``): a word of the question that nothing on the topic says (the "million" of "can one server hold a
    million connections?") finds sentences about something else ("the Go ecosystem has around 3 million module
    versions", a checksum database's design). The code found beside a tour is not held to it: a tour does not use
    every word of its topic ("percent" for the GC's pacing, "zeroed" for the runtime's mutex), and code found for a
    question sits in the subsystem it asks about far more often than a design document does. Empty when none of the
    question's words is on the topic."""
    texts = [t.tour.title + " " + t.tour.summary for t in tour.walks()]
    texts += [e for t in tour.walks() for e in t.english] + [c.text for c, _ in tour.all_steps]
    used = {w for text in texts for w in identifier_tokens(text)}
    return frozenset(t for t in tokens if t in used and t not in STOP_WORDS)


def on_topic(words: Iterable[str], tokens: Sequence[str], topic: frozenset[str], idf: Mapping[str, float]) -> bool:
    """Whether a text with ``words`` is about the topic: of the question's words it has, those on the topic weigh
    (idf) at least as much as the others. A sentence on a checksum server that shares "server" and "one" with
    "can one server hold a million connections?" is not; "netpoll checks for ready network connections" is. True
    when no topic is given."""
    if not topic:
        return True
    have = set(words) & {t for t in tokens if t not in STOP_WORDS}
    on = sum(idf.get(w, 0.0) for w in have if w in topic)
    return on > 0 and on >= sum(idf.get(w, 0.0) for w in have if w not in topic)


__all__ = [
    "COUNTED", "FOCUS_POINTED", "FOCUS_SHARE", "LEAD_MARGIN", "LEAD_MIN", "RECAP_MIN", "Scorer", "focus_steps",
    "lead_of", "on_topic", "recap_focus", "scorer", "step_notes", "step_scores", "summary_lead", "summary_leads",
    "summary_sentences", "titled", "topic_words",
]  # fmt: skip
