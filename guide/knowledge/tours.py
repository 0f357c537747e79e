"""Annotated tours: curated reading paths through the Go sources for the topics users ask about (program start, the
compile and link pipeline, stack vs heap, the scheduler, goroutine cost and the network poller, channels and select,
maps, interfaces, the allocator and the GC). One TOML file per tour in guide/knowledge/tours/ (format in its
README.md): a title, the patterns of the questions it answers, and steps, each an annotation written by the team and
an anchor by symbol (never by line number) resolved at every indexed release through the symbol table.

tests/test_tours.py checks every tour against the real index: each anchor exists at each release the step claims,
and each identifier an annotation quotes in backticks occurs in its anchored code there.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from guide.knowledge import KnowledgeError, bilingual, pattern
from guide.words import has_cjk

TOURS_DIR = Path(__file__).resolve().parent / "tours"
_MINOR = re.compile(r"^go1\.(\d+)$")


def _minor(version: str, where: str) -> int:
    m = _MINOR.match(version)
    if not m:
        raise KnowledgeError(f"{where}: {version!r} is not a Go minor release (go1.N)")
    return int(m.group(1))


def release_minor(tag: str) -> int | None:
    """The Go minor release of a tag (go1.21.13: 21); None for anything else."""
    m = re.match(r"^go1\.(\d+)", tag)
    return int(m.group(1)) if m else None


_GO_RELEASE = re.compile(r"\bGo 1\.(\d+)\b")


def names_release_after(text: str, old: str, new: str) -> bool:
    """Whether ``text`` names a Go release after ``old`` and up to ``new`` (tags): "since Go 1.25 ...", "as of Go
    1.23, ..." between go1.21.13 and go1.27.3, the change dated by whoever wrote it."""
    low, high = release_minor(old), release_minor(new)
    return low is not None and high is not None and any(low < int(m) <= high for m in _GO_RELEASE.findall(text))


@dataclass(frozen=True)
class Step:
    anchor: str
    """The symbol as the index names it (``runtime.rt0_go``, ``runtime.(*p).runqput``)."""
    note: str
    note_zh: str
    path: str | None = None
    """The file, when the symbol has several definitions (platform copies): ``src/runtime/asm_amd64.s``."""
    since: int | None = None
    until: int | None = None
    """The Go minor releases (inclusive) the step applies to; None: no bound."""

    def note_in(self, code: str) -> str:
        """The step's annotation in the language ``code`` ("zh": Chinese, else English)."""
        return self.note_zh if code == "zh" else self.note

    def applies(self, tag: str) -> bool:
        minor = release_minor(tag)
        if minor is None:
            return False
        return (self.since is None or minor >= self.since) and (self.until is None or minor <= self.until)


_QUALIFIED = re.compile(r"(?<![\w.])([A-Za-z_]\w*)\.$")
"""A package's name and its dot right before a word: the word is a definition of that package ("sync.Map")."""
_RUNTIME_PACKAGES = frozenset({"runtime", "maps", "abi", "atomic", "sys", "goarch", "math"})
"""The runtime's own packages (runtime, internal/runtime/maps ...): their definitions are what the tours walk."""


_SENTENCE_ENDS = str.maketrans("。？！；", ".?!;")
"""A Chinese sentence's end read as an English one's, one character for one: a pattern that keeps to one sentence
(``[^.?]{0,60}``) does not run from "线程安全的吗？" into the next question's "goroutine" (trial 77: "map 是线程安全
的吗？两个 goroutine 同时写为什么会直接崩溃？" matched the scheduler's "threads ... goroutines" and walked its tour
first)."""


def _found(p: str, text: str, ended: str) -> re.Match[str] | None:
    """The first match of pattern ``p`` in ``text`` that is no part of another package's definition written as code:
    the maps tour's "map ... implementation" in "sync.Map 的实现换过吗？" is sync.Map's, not the built-in map's
    (trial 76: the answer walked the Swiss table); "runtime.hchan", a pattern that names its package ("sync\\.Mutex")
    count. ``ended``: ``text`` with its Chinese sentence ends read as English ones (``_SENTENCE_ENDS``), where the
    pattern is read."""
    for m in pattern(p).finditer(ended):
        q = _QUALIFIED.search(text, 0, m.start())
        if q is None or q.group(1).lower() in _RUNTIME_PACKAGES:
            return m
    return None


def _mentions(spans: Sequence[tuple[int, int]]) -> int:
    """How many of ``spans`` (in the patterns' order) are mentions of their own: a span within or around one counted
    before it is the same mention."""
    counted: list[tuple[int, int]] = []
    for span in spans:
        if not any(_nested(span, other) for other in counted):
            counted.append(span)
    return len(counted)


def _nested(one: tuple[int, int], other: tuple[int, int]) -> bool:
    """Whether either span of the text lies within the other."""
    return (other[0] <= one[0] and one[1] <= other[1]) or (one[0] <= other[0] and other[1] <= one[1])


@dataclass(frozen=True)
class Tour:
    id: str
    title: str
    title_zh: str
    summary: str
    summary_zh: str
    patterns: tuple[str, ...]
    steps: tuple[Step, ...] = field(default_factory=tuple)
    since: int | None = None
    answers: str = ""
    """Sentences the team wrote that may be a question's short answer, as the summary's are, but that routing by
    meaning does not read (the title and summary are what a tour is about: trial 94's preemption sentence, in the
    scheduler's summary, had moved the TCP-socket question off the goroutine-cost tour)."""
    answers_zh: str = ""

    def title_in(self, code: str) -> str:
        """The tour's title in the language ``code`` ("zh": Chinese, else English)."""
        return self.title_zh if code == "zh" else self.title

    def matches(self, text: str) -> int:
        """How many of the tour's patterns ``text`` matches (0: it is not about this tour's topic), a pattern that
        matches within what another one matched not counting again: "recover()" is one mention, though both the
        defer tour's pattern of a call to recover and its pattern of the word match it (trial 79: counted twice, it
        outweighed the map in "Is writing to a plain map from two goroutines still detected and fatal, and can
        recover() catch it? How does a map grow …?")."""
        return _mentions(self.found(text))

    def first_match(self, text: str) -> int:
        """Where in ``text`` the first of the tour's patterns it matches starts (its length when none does)."""
        return min((a for a, _ in self.found(text)), default=len(text))

    def found(self, text: str) -> list[tuple[int, int]]:
        """Where in ``text`` each of the tour's patterns that it matches matches first (``_found``), in the patterns'
        order: what :meth:`matches` counts and :meth:`first_match` reads."""
        ended = text.translate(_SENTENCE_ENDS)
        return [m.span() for p in self.patterns if (m := _found(p, text, ended)) is not None]

    def step_at(self, anchor: str, tag: str) -> Step | None:
        """The step on ``anchor`` that applies at release ``tag`` (a step written per range of releases has one
        per range), or None."""
        return next((s for s in self.steps if s.anchor == anchor and s.applies(tag)), None)

    def steps_at(self, tag: str) -> list[Step]:
        """The steps that apply at release ``tag``, in order."""
        return [
            s for s in self.steps if s.applies(tag) and (self.since is None or (release_minor(tag) or 0) >= self.since)
        ]


def source_area(path: str) -> str:
    """The part of the Go tree a file is in: the top directory under src (src/runtime, src/sync), or the second for
    commands and internal packages (src/cmd/compile, src/internal/poll); a design document is in design."""
    parts = path.split("/")
    if parts[0] != "src":
        return parts[0]
    depth = 3 if len(parts) >= 3 and parts[1] in ("cmd", "internal") else 2
    return "/".join(parts[:depth])


_CJK_PUNCT = re.compile("[\u3000-\u303f\uff00-\uffef]")
_BREAK = re.compile(r"[ \t]*\n\s*")


def flowed(text: str) -> str:
    """A data file's wrapped text as one paragraph: a line break is a space between words or between Chinese and
    Latin ("加载\nruntime 包" is "加载 runtime 包"), and nothing between two Chinese characters or next to a Chinese
    punctuation mark ("逃逸分析，\nwalk" is "逃逸分析，walk", not "逃逸分析， walk")."""
    t = text.strip()

    def join(m: re.Match[str]) -> str:
        before = t[m.start() - 1] if m.start() else ""
        after = t[m.end()] if m.end() < len(t) else ""
        if _CJK_PUNCT.match(before) or _CJK_PUNCT.match(after):
            return ""
        return "" if has_cjk(before) and has_cjk(after) else " "

    return _BREAK.sub(join, t)


GLOSS = re.compile(r"（([A-Za-z][A-Za-z0-9 \-/'.]*)）")
"""An English gloss in a Chinese text: the term the Go sources use, in full-width parentheses after the Chinese one
("全局队列（global queue）"), so that a reader of a Chinese annotation knows what to look for in the code."""


def glossed(english: str, chinese: str, where: str) -> str:
    """``chinese``, after checking that each of its English glosses (``GLOSS``) is words of ``english``, the text it
    says in Chinese: a gloss names the team's own English term, never one made up for the Chinese text."""
    said = english.lower()
    for m in GLOSS.finditer(chinese):
        if m.group(1).lower() not in said:
            raise KnowledgeError(f"{where}: the gloss {m.group(0)} is not words of the English text")
    return chinese


def _step(e: dict, where: str) -> Step:
    missing = [k for k in ("anchor", "note", "note_zh") if not e.get(k)]
    if missing:
        raise KnowledgeError(f"{where}: missing {', '.join(missing)}")
    since = _minor(e["since"], where) if e.get("since") else None
    until = _minor(e["until"], where) if e.get("until") else None
    note = flowed(e["note"])
    return Step(e["anchor"], note, glossed(note, flowed(e["note_zh"]), where), e.get("path"), since, until)


def load_tour(path: Path) -> Tour:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise KnowledgeError(f"{path}: {e}") from e
    where = path.name
    missing = [k for k in ("id", "title", "title_zh", "summary", "summary_zh", "patterns", "step") if not data.get(k)]
    if missing:
        raise KnowledgeError(f"{where}: missing {', '.join(missing)}")
    for p in data["patterns"]:
        try:
            re.compile(p)
        except re.error as err:
            raise KnowledgeError(f"{where}: bad pattern {p!r}: {err}") from err
    steps = tuple(_step(e, f"{where} step {i}") for i, e in enumerate(data["step"], 1))
    since = _minor(data["since"], where) if data.get("since") else None
    answers, answers_zh = flowed(data.get("answers", "")), flowed(data.get("answers_zh", ""))
    if len(team_sentences(answers, "en")) != len(team_sentences(answers_zh, "zh")):
        raise KnowledgeError(f"{where}: answers and answers_zh must have as many sentences")
    summary = flowed(data["summary"])
    summary_zh = glossed(summary, flowed(data["summary_zh"]), f"{where} summary_zh")
    return Tour(
        data["id"], data["title"], data["title_zh"], summary, summary_zh, tuple(data["patterns"]), steps, since,
        answers, glossed(answers, answers_zh, f"{where} answers_zh"),
    )  # fmt: skip


@cache
def tours() -> tuple[Tour, ...]:
    """Every tour, in file-name order."""
    return tuple(load_tour(p) for p in sorted(TOURS_DIR.glob("*.toml")))


def tours_scored(text: str, english: str = "") -> list[tuple[Tour, int]]:
    """The tours whose patterns ``text`` (a question) or ``english`` (its Chinese terms in the English the sources
    use) matches, each with how many of its patterns one of them matches, the more, most first (among equals, the one
    the question names first, then file order). Not the patterns both match together: a Chinese term and its English
    are one thing said twice ("锁竞争" matched the locks tour's Chinese pattern and, as "lock contention", its
    English one, and outranked the timers tour for "现在的 timer 是怎么实现的？还有全局的锁吗？" that "timer" matched
    once, trial 75)."""
    scored = []
    for i, t in enumerate(tours()):
        spans = t.found(text)  # read once: how many mentions, and where the first is (the question's, not its English)
        first = min((a for a, _ in spans), default=len(text))  # among equals, the topic the question names first
        scored.append((max(_mentions(spans), t.matches(english)), first, i, t))
    return [(t, n) for n, _, _, t in sorted(scored, key=lambda x: (-x[0], x[1], x[2])) if n]


def tours_of(text: str) -> list[tuple[Tour, int]]:
    """``tours_scored`` for a question as asked: its Chinese terms read in English too (as ``Query.parse`` matches a
    question)."""
    return tours_scored(text, " ".join(bilingual().translate(text)) if has_cjk(text) else "")


QUESTION_END = re.compile(r"[?？。!！]")
"""Where a question's sentence ends (not a dot: "go1.21" has one)."""


def sentences_asked(text: str) -> list[str]:
    """The sentences of a question (``QUESTION_END``), none blank."""
    return [p for p in QUESTION_END.split(text) if p.strip()]


def in_order_asked(text: str, ids: Sequence[str]) -> list[str]:
    """Tours ``ids`` in the order a question that asks several things asks about them, when each answers a part of
    its own (its first pattern matched in another sentence: "How does a Go program start? Is there a VM like
    Java's?", program start, then compile and link, whose summary says there is no VM); as given when two of them
    match in one part, or one in none (a Chinese question matched by its terms' English)."""
    at = {i: tour(i).first_match(text) for i in ids}
    part = {i: len(QUESTION_END.findall(text[:pos])) for i, pos in at.items() if pos < len(text)}
    if len(part) < len(ids) or len(set(part.values())) < len(part):  # by its terms' English, part by part
        first = _first_parts(text)
        ordered = all(i in first for i in ids) and len({first[i] for i in ids}) == len(ids)
        return sorted(ids, key=first.__getitem__) if ordered else list(ids)
    return sorted(ids, key=lambda i: at[i])


def _first_parts(text: str) -> dict[str, int]:
    """Per tour, the first part of a question (``QUESTION_END``) it matches, a Chinese part by its terms' English
    too (``tours_of``: "接口值在内存里长什么样？把一个 int 赋给 interface{} 会分配内存吗？": interfaces in the first,
    by 接口, the allocator in the second; trial 96 had walked the allocator's tour first)."""
    first: dict[str, int] = {}
    for k, part in enumerate(sentences_asked(text)):
        for t, _ in tours_of(part):
            first.setdefault(t.id, k)
    return first


def tours_for(text: str) -> list[Tour]:
    """The tours whose patterns ``text`` matches, the one that matches most of its patterns first."""
    return [t for t, _ in tours_scored(text)]


def tour(tour_id: str) -> Tour:
    return next(t for t in tours() if t.id == tour_id)


_EN_SENTENCE = re.compile(r"(?<=[.!?])(?<!e\.g\.)(?<!i\.e\.)\s+(?=[A-Za-z`(])")
"""Where an English sentence of the team's ends: a full stop and a word, a name in backticks or a parenthesis (a
note's sentence may open with a Go name, "runtime.GOMAXPROCS calls it ..."), not "e.g." nor "i.e."."""
_ZH_SENTENCE = re.compile(r"(?<=[。！？])")


def team_sentences(text: str, lang_code: str) -> list[str]:
    """The sentences of a text the team wrote (a step's annotation, a tour's summary) in the language ``lang_code``,
    each on one line; split where each ends, not as comments are (``guide.answering.comment_text.sentences`` keeps
    "Otherwise ..." with the sentence before it)."""
    parts = (_ZH_SENTENCE if lang_code == "zh" else _EN_SENTENCE).split(" ".join(text.split()))
    return [p.strip() for p in parts if p.strip()]


__all__ = [
    "GLOSS", "QUESTION_END", "Step", "Tour", "glossed", "in_order_asked", "names_release_after", "release_minor",
    "sentences_asked", "team_sentences", "tour", "tours", "tours_for", "tours_of", "tours_scored",
]  # fmt: skip
