"""A tour in an answer's words: its head (title, release, the team's summary), its steps with the team's
annotations, and the step that answers the question shown first."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from guide.answering.comment_text import GOES_ON
from guide.answering.folds import folded
from guide.answering.lead import COUNTED, titled
from guide.answering.reading import summary as doc_sentence
from guide.answering.source_names import source_name, where_at
from guide.knowledge.tours import GLOSS
from guide.language import Lang

if TYPE_CHECKING:
    from guide.answering.tour import TourInAnswer
    from guide.citation import Citation


GOES_ON_FROM = re.compile(
    r"(?:Second|Third|Then|Next|It|Its|They|Their|Those|These|This|That)\b|(?:其次|其二|然后|它|它们|这)"
    rf"|{GOES_ON.pattern.removeprefix('^')}|(?:否则|但是|不过|然而|因此|所以|相反|同样)"
)
"""A summary's sentence that goes on from the one before it ("Second, blocking I/O ...", "It builds ..."). Not
"First, ...": the sentence that announces the count is the short answer right above the summary, which is said once
(tests/test_tours.py). A connective too ("Otherwise each defer adds a record ...", "否则，每个 defer ...": trial 38 read
"defer 语句有三种编译方式。否则，..." under the short answer that had taken the sentence between them)."""


def tour_head(tour: TourInAnswer, lang: Lang, shown: Sequence[str] = ()) -> str:
    """A tour's title and release, and the team's summary, labelled as the team's words; without its sentences
    ``shown`` above the tour (``guide.answering.lead.summary_lead``), said once, each unless the sentence after it
    goes on from it: the rest would read broken ("... hundreds of thousands. Second, blocking I/O ...", trial 25)."""
    return with_summary(f"**{lang.text('tour', title=tour.title(lang))}** ({tour.tag})", tour, lang, shown)


def with_summary(head: str, tour: TourInAnswer, lang: Lang, shown: Sequence[str] = ()) -> str:
    """``head`` (a tour's title line), then the team's summary (:func:`summary_text`) labelled as the team's words;
    ``head`` alone when all of the summary is shown above: said once."""
    summary = summary_text(tour, lang, shown)
    # what is left of it under a short answer taken from it is labelled so: alone, its last sentence had read as what
    # the tour is about ("逃逸变量在声明执行时从运行时分配器获得存储 …" under the escape-analysis tour, trial 77)
    rest = summary != summary_text(tour, lang)
    return (
        f"{head}\n\n{lang.text('tour_summary_rest' if rest else 'tour_summary')}{lang.space}{summary}"
        if summary
        else head
    )


def summary_text(tour: TourInAnswer, lang: Lang, shown: Sequence[str] = ()) -> str:
    """The team's summary of ``tour`` as an answer shows it under the tour's title: without the sentences ``shown``
    above it (see :func:`tour_head`) and without a first sentence that only says what the title says ("How a
    goroutine waits for a lock.", "Where a timer waits and who runs it when it fires.")."""
    summary = tour.summary(lang)
    for said in shown:
        cut, pointed = _without(summary, said, lang.text("item_above"))  # a counted item: its pointer in its place
        cut = " ".join(cut.split())
        if pointed or not GOES_ON_FROM.match(cut.partition("\0")[2].lstrip()):
            summary = cut.replace("\0", "").replace("  ", " ").strip()
    if titled(tour):  # "How a goroutine waits for a lock." opens it: the tour's title says so already
        first = re.match(r"[^。]*。" if lang.code == "zh" else r"[^.]*\.\s*", summary)
        summary = summary[first.end() :].strip() if first else summary
    return summary


_FIRST_ITEM_WORD = re.compile(r"(?:\bFirst,\s*|其一是?|第一[，,、]\s*|首先[，,、]\s*)$")
"""The word that counts a count's first item ("First, the stack: ..." / "其一是栈：……"): the short answer that is that
item alone leaves a pointer in its place in the summary below, as for a later item, and the summary says it once
(trial 64 read the stack's sentence twice, above the tour and in its summary, for "What happens when a goroutine's
stack runs out?")."""


def _without(summary: str, shown: str, pointer: str) -> tuple[str, bool]:
    """``summary`` with the sentence ``shown`` above it replaced by a NUL, and whether a pointer stands there; when it
    is a later item of a count ("Second, " / "其二，", which the short answer leaves out, its first letter raised), its
    counting word stays,
    followed by ``pointer`` to the short answer (trial 31 read "... 会收缩。其二，" at the end of the summary, and the
    English summary said the item twice; trial 39 read "两种机制 …… 其一是栈：……" with no second item); the first item
    too (``_FIRST_ITEM_WORD``: "First, see the short answer above.", "其一，见上文的简要回答。")."""
    for said in dict.fromkeys((shown, shown[:1].lower() + shown[1:])):
        at = summary.find(said)
        if at >= 0:
            before = summary[:at]
            counted = COUNTED.search(before) or _FIRST_ITEM_WORD.search(before)
            before = before.removesuffix("其一是") + "其一，" if before.endswith("其一是") else before  # "其一，见上文"
            return f"{before}{pointer if counted else ''}\0{summary[at + len(said) :]}", bool(counted)
    return summary, False


def tour_steps(tour: TourInAnswer, lang: Lang, above: Collection[int] = ()) -> str:
    """A tour's steps: each cited definition with the team's annotation, in reading order (the steps ``above``,
    0-based, shown above the tour, refer to it; one annotated alike at the release a recent answer walked the tour
    at, ``walked_at``, says so)."""
    other = tour.walked_at

    def note_of(i: int, c: Citation, note: str) -> str:
        if i - 1 in above:
            return lang.text("see_above")
        if other and tour.tour.step_at(c.symbol, other) is tour.tour.step_at(c.symbol, tour.tag) is not None:
            return lang.text("step_as_at")
        return note

    notes = [note_of(i, c, note) for i, (c, note) in enumerate(tour.steps, 1)]
    # two or more steps with the notes of the answer above: said once, above the list (trial 81 read "the team's note
    # on it is the one in the answer above" under fifteen steps of one answer)
    once = sum(n == lang.text("step_as_at") for n in notes) >= 2
    lines = [
        f"{i}. **{c.symbol}** ({c.location}) [{c.n}]" if once and n == lang.text("step_as_at") else _step_line(i, c, n)
        for i, ((c, _), n) in enumerate(zip(tour.steps, notes, strict=True), 1)
    ]
    return "\n".join([lang.text("steps_as_at")] * once + lines)


def _step_line(i: int, c: Citation, note: str) -> str:
    """Step ``i`` (1-based) of a tour: its cited definition, where it is, and ``note``."""
    return f"{i}. **{c.symbol}** ({c.location}) — {note} [{c.n}]"


def tour_block(
    tour: TourInAnswer, lang: Lang, above: Collection[int] = (), shown: Sequence[str] = (), fold: bool = False
) -> str:
    """The tour's walks, each its head and steps; the steps ``above`` (0-based among all the walks' steps) are shown
    above, and so are ``shown``, sentences of the walks' summaries (each said once, in its walk's). A walk the
    previous answer showed is referred to in one line, not repeated. ``fold``: the lines above answer, and each walk's
    steps are marked to be shown folded under its head, whose summary stays open (``guide.answering.folds``; trial 84:
    a folded summary hid the cost of a send, which only the channels tour's summary states)."""
    blocks, offset = [], 0
    for t in tour.walks():
        local = {i - offset for i in above if offset <= i < offset + len(t.steps)}
        if t.shown_before:
            blocks.append(lang.text("tour_shown", title=t.title(lang), tag=t.tag))
        else:
            steps = tour_steps(t, lang, local)
            blocks.append(f"{tour_head(t, lang, shown)}\n\n{folded(steps) if fold else steps}")  # each walk's own
        offset += len(t.steps)
    return "\n\n".join(blocks)


def tour_recap(tour: TourInAnswer, lang: Lang) -> str:
    """For a follow-up that nothing new answers, the tour a recent answer showed, named and its steps listed by
    their definitions, each cited, not written out again (trial 9: "为什么？" after "map 是并发安全的吗？" repeated the
    answer byte for byte, and a channel tour was printed three times in a row)."""
    blocks = [lang.text("nothing_more")]
    for t in tour.walks():
        steps = (f"{i}. **{c.symbol}** ({c.location}) [{c.n}]" for i, (c, _) in enumerate(t.steps, 1))
        blocks.append("\n".join([lang.text("tour_recap", title=t.title(lang), tag=t.tag), *steps]))
    return "\n\n".join(blocks)


def related_tour(tour: TourInAnswer, lang: Lang) -> str:
    """A tour chosen by the question's meaning, around a definition the question names that none of its steps
    walks: named with its steps' definitions, each cited, not written out (trial 24: "How does sync.WaitGroup work?"
    was answered with the whole tour of sync.Mutex, which read as the answer)."""
    blocks = []
    for t in tour.walks():
        steps = (f"{i}. **{c.symbol}** ({c.location}) [{c.n}]" for i, (c, _) in enumerate(t.steps, 1))
        blocks.append("\n".join([lang.text("tour_related", title=t.title(lang), tag=t.tag), *steps]))
    return "\n\n".join(blocks)


def lead_line(tour: TourInAnswer, lead: int, lang: Lang) -> str:
    """The ``lead`` step (0-based among all the walks' steps), shown first: which step of which tour it is."""
    walks, offset = tour.walks(), 0
    for t in walks:
        if lead < offset + len(t.steps):
            c, note = t.steps[lead - offset]
            n = lead - offset + 1
            title = t.title(lang)
            if t.shown_before:  # the tour is in the previous answer, not below
                head = lang.text("tour_lead_before", n=n, title=title)
            elif len(walks) == 1:
                head = lang.text("tour_lead", n=n)
            else:
                head = lang.text("tour_lead_in", n=n, title=title)
            return f"{head}\n\n**{c.symbol}** ({c.location}) — {note} [{c.n}]"
        offset += len(t.steps)
    raise IndexError(lead)


def steps_line(tour: TourInAnswer, pointed: list[int], listed: str, lang: Lang, below: bool = False) -> str:
    """The ``pointed`` steps (0-based) of a one-walk tour, under a line saying which steps of which tour they are
    (``listed``: their numbers, as the answer writes them): a tour a recent answer showed, or with ``below`` the
    tour written out below this answer, where they say "see above"."""
    head = (
        lang.text("tour_lead_steps", ns=listed)
        if below
        else lang.text("tour_steps_before", ns=listed, title=tour.title(lang))
    )
    return "\n".join([head, *(_step_line(i + 1, *tour.steps[i]) for i in pointed)])


def steps_listed(indexes: Sequence[int], lang: Lang) -> str:
    """Steps (0-based ``indexes``) by their numbers, as a sentence lists them: "2, 3 and 10", "2、3、10" (each
    written out right below the line that lists them: a number alone had been read as a citation's [n] when the
    steps were only pointed at further down, trial 71)."""
    ns = [str(i + 1) for i in indexes]
    return "、".join(ns) if lang.code == "zh" else ns[0] if len(ns) == 1 else f"{', '.join(ns[:-1])} and {ns[-1]}"


def recap_steps(tour: TourInAnswer, indexes: Sequence[int], lang: Lang) -> str:
    """For a follow-up that nothing new answers, beside walks a recent answer showed: the steps it is about
    (``indexes``, 0-based among all the walks' steps, the one that says most first), each walk's under a line naming
    it, written out, the walk of the first step first (trial 31: "那 runtime 是怎么链接进我的程序里的？" after how a
    program is compiled and started listed the two walks' nineteen definitions by name; loadlib's annotation, which
    says the linker always loads the runtime, was not among them)."""
    walks, offset = [], 0
    for t in tour.walks():
        local = sorted(i - offset for i in indexes if offset <= i < offset + len(t.steps))
        if local:
            first = min(list(indexes).index(i + offset) for i in local)
            walks.append((first, steps_line(t, local, steps_listed(local, lang), lang)))
        offset += len(t.steps)
    return "\n\n".join([lang.text("nothing_more"), *(block for _, block in sorted(walks))])


def step_comments(tour: TourInAnswer, lead: int | None, pointed: Sequence[int], several: bool, lang: Lang) -> str:
    """The first sentence of the doc comment of each step the question is about (the lead step, the few pointed at,
    else all), in the tour's order, each cited; "" when none has one, or when the tour was chosen by the question's
    meaning and no step stands out: it is the topic around the question, not what it asks the comments of ("Does
    sync.Pool get emptied on every GC? Quote the comment." had listed the GC tour's doc comments, mallocgc's first,
    trial 99)."""
    if tour.by_meaning and lead is None and not pointed:
        return ""
    steps = tour.all_steps
    chosen = [steps[lead]] if lead is not None else [steps[i] for i in pointed] or steps
    said = [(c, doc_sentence(c)) for c, _ in chosen]
    found = [
        f"- **{source_name(c, lang)}** ({where_at(c, several, lang)}) — “{text}” [{c.n}]" for c, text in said if text
    ]
    return "\n".join([f"**{lang.text('step_comments')}**", *found]) if found else ""


def once_glossed(text: str) -> str:
    """``text`` with each English gloss of the team's Chinese (``GLOSS``: "全局队列（global queue）") said the first
    time only: each annotation glosses its own first use of a term, and an answer that shows many of them had said
    "调度器（scheduler）" nine times (trial 96)."""
    seen: set[str] = set()

    def once(m: re.Match[str]) -> str:
        key = m.group(1).lower()
        if key in seen:
            return ""
        seen.add(key)
        return m.group(0)

    return GLOSS.sub(once, text)


__all__ = [
    "lead_line",
    "once_glossed",
    "recap_steps",
    "related_tour",
    "step_comments",
    "steps_line",
    "steps_listed",
    "summary_text",
    "tour_block",
    "tour_head",
    "tour_recap",
    "tour_steps",
    "with_summary",
]  # fmt: skip
