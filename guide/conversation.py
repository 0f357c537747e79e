"""The conversation a question is asked in: whether it is a follow-up of the previous turn (short, and it says so or
names nothing of its own), the thread it continues (the last question that was not a follow-up and those after
it; a turn that found nothing gave it no subject), and which earlier question's releases it inherits. Word readers
of :class:`guide.query.Query`, which alone calls them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from guide import intent as asks
from guide.knowledge import bilingual, vocabulary
from guide.knowledge.cedict import english_words
from guide.knowledge.tours import sentences_asked, tours_of, tours_scored
from guide.latest_words import says_latest
from guide.platforms import without_platforms
from guide.texts import TEXTS
from guide.versions import find_versions, says_all_releases, without_versions
from guide.words import code_like, has_cjk, short_type_names, topic_tokens

if TYPE_CHECKING:
    from guide.knowledge.tours import Tour

_CONTINUES = (
    r"^\s*(and|what about|how about|where is it|where's it|who calls it|is it|does it)\b|^\s*那"
    r"|^\s*(?:does|did|is|was|will|would|can|could) (?:it|that)\b(?!\s+(?:be|true|the case)\b)"
    r"|^\s*which (?:one|ones|of (?:them|these|those|the two))\b(?![^?]*\bor\b)"
    r"|^\s*(?:which|what) (?:release|version|go version) (?:changed|introduced|added|removed|made) (?:it|that|this)\b"
)
"""Words that start a question continuing the previous turn ("and in go1.22?", "what about chanrecv?", "那它呢？",
"Does that make my loops slower ...?" after per-iteration loop variables, trial 103), or choose among what it found
("Which one does linux/amd64 use in go1.27?" after lock_futex.go, lock_sema.go and lock_spinbit.go; not "Which one
is faster, a mutex or a channel?", which names its own), or ask when it changed ("which release changed it, and is
the channel now unbuffered?" after time.After's timers, trial 80, had walked the channels tour)."""
_REFERS_BACK = r"\b(it|its|that|this one|this part)\b|它|这个|那个|这部分|这段|这些|上面|刚才"
"""Words that point at what the previous turn was about ("who calls it?", "这部分逻辑", "the code for that")."""
_LIKE_THAT = re.compile(r"\b(?:(?:any|some)(?:thing|one)\s+(?:like|similar to)|the same as)\s+(?:that|this|it)\b", re.I)
"""A phrase pointing back at the last turn's subject ("Did Go 1.9 have anything like that?"): no subject of its own."""
_THEN = re.compile(r"\bthen\s*[,?？]", re.IGNORECASE)
"""A "then" that ends a clause ("what does a send cost then, compared to a sync.Mutex?", trial 79): the last turn's."""
_FOLLOW_UP = re.compile(f"{_CONTINUES}|{_REFERS_BACK}|{_THEN.pattern}", re.IGNORECASE)
_STARTS_AS_FOLLOW_UP = re.compile(_CONTINUES, re.IGNORECASE)
_POINTS_AT = re.compile(
    r"(这个|那个|这种|这部分|这段|这些|这样的)[\u4e00-\u9fff]|\b(this|these|those)\s+(?!is\b|was\b|are\b|were\b)[a-z]{3,}"
    r"|\b(?:me|makes?|made|does|did|takes?|took|for|of|in|on|about|from|with|see|find|handles?)\s+that\s+[a-z]{3,}"
    r"\s*[?？.!]*\s*$",
    re.IGNORECASE,
)
"""A demonstrative before a noun ("这个大小", "this size", "those waiting goroutines"): the thing the last answer was
about, named again; "that" only as the object that ends the question ("show me where the compiler makes that
decision", trial 79), not the "that" of a clause ("the function that grows it")."""
_STANDS_FOR = re.compile(
    r"\b(it|its|they|them|their)\b(?!\s+(?:is|was)\s+(?:possible|true|safe|okay|ok|necessary|better|worth)\b)"
    r"|\bone (?:over|or|vs\.?|versus|instead of) the other\b|\bthe other one\b|\beither (?:one|of them)\b"
    r"|\bthe two\b(?!-)"
    r"|呢\s*[？?]?\s*$",
    re.IGNORECASE,
)
"""A third-person pronoun ("What does it do when its own queue is empty?", "Can a goroutine wait forever to get
it?"), or the two things the last answer set against each other ("why would I pick one over the other?", trial 82:
found nothing at go1.27.3 after SetFinalizer against AddCleanup in go1.24), or the particle that ends a Chinese
question asking "and what if ...?" ("如果一个 goroutine 一直占着 CPU 不让出来呢？"): in a question whose own
words name no tour's topic, they stand for the subject of the turn before ("What is escape analysis and why does it
matter?" names its own). Not "it" with nothing to stand for ("is it possible ...")."""
_MODAL_ALONE = re.compile(
    r"^\s*(?:能不能|可不可以|会不会|能|可以|会)\s*(?:[A-Za-z_][\w.]*|(?!讲|解释|介绍|说|谈|看|用|在)[\u4e00-\u9fff]{1,4})\s*吗\s*[？?]?\s*$"
)
"""A short Chinese question that opens with "can" or "will" and says one verb or name ("能 recover 吗？": can it be
recovered?, after "map 并发读写为什么会直接崩溃而不是 panic？", trial 35; "会阻塞吗？"): its subject is the previous
turn's, whatever topic its own words name. Not a request ("能讲讲 GMP 调度模型吗？", "可以解释一下逃逸分析吗？") nor a
longer question ("能在 Windows 上交叉编译吗？")."""
_DONE_IN = re.compile(
    r"^\s*在?\s*[^，,？?]{1,12}?\s*(?:里面|里|中|内)\s*是?(?:怎么|如何|怎样)(?:实现|做|处理|完成)的?\s*[？?]?\s*$"
)
"""Where and how, naming no what ("编译器里是怎么实现的？"): the subject left out is the last turn's (trial 101)."""
_CHANGED_TO = re.compile(r"改成|换成|改为|变成|\bswitch(?:ed)? to\b|\bmove[ds]? to\b", re.IGNORECASE)
"""What something was changed to ("为什么要改成 ChaCha8？"): with a "why", the reason of the change just discussed."""
_SHOW_IT = re.compile(r"\bshow\b|给我看|让我看|贴出", re.IGNORECASE)
"""Asking to be shown ("show me the code at both releases"): naming nothing of its own, what the last turn was about."""
_DIRECTIVE = re.compile(r"(?<![\w:])(?://)?go:[a-z]+\b")  # "why is it restricted?" of //go:linkname (trial 99)
_ALSO = re.compile(r"也(?:会|能|是|要|可以|还)[^，,。？?]{0,6}吗\s*[？?]?\s*$")
"""A Chinese question that ends asking whether something is so "too" ("……呢，也会报吗？", after a question on the
deadlock error, trial 81: read as a question of its own on the network poller): the situation of the last answer,
in a new case."""
_NEW_CASE = re.compile(
    r"^\s*(?:is|are|does|do|would|will)\s+(?:the|that|this|its)\s+[a-z]{3,}\s+(?:any\s+)?"
    r"(?:different|differ|the same|change|still hold|apply)\b",
    re.IGNORECASE,
)
"""An English question whether what the last answer said holds in a new case ("Is the decision different for a big
array, like 1MB local array?" after stack or heap, trial 95: read as a question of its own on arrays); not when its
own words name a tour's topic or code ("Is the scheduler different in go1.22?")."""
_FOLLOW_UP_SCOPE = re.compile(r"^\s*(in|at|for|在)\b", re.IGNORECASE)
"""A question that starts with a scope ("in go1.21?", "在 go1.21 呢？") continues the previous turn only when it
names no subject of its own ("在 Go 1.9.2 里 map 是怎么扩容的？" is a question of its own)."""
_FOLLOW_UP_WORDS = 6
"""At most this many words (three Chinese characters count as one) for a question to be read as a follow-up by a
word that refers back, or by naming nothing of its own."""
_LONG_FOLLOW_UP_WORDS = 12
"""At most this many words for a question to be read as a follow-up when it starts as one ("And what did that look
like in go1.21?"), points at what the last answer was about ("为什么是这个大小？和 Go 1.9 比有什么变化？"), or refers
back or names nothing of its own ("从 Go 1.9 到现在，这部分逻辑有什么变化？", "What is different from the old
implementation?"); longer, "it" and "that" are more often words of a question of its own."""
_LONGEST_FOLLOW_UP = 20
"""At most this many words for a question that refers back and names nothing to read about of its own ("what
replaced it, and in which release did go1.21 already have the replacement?" after a question on timerproc, trial
79, had found nothing in go1.21): it can only continue the conversation."""


def _template_pattern(key: str) -> re.Pattern[str]:
    """A pattern that finds the first sentence of the text ``key`` renders, in any language, whatever its fields
    hold (the rest may be rendered otherwise: its code spans)."""
    alternatives = []
    for texts in TEXTS.values():
        first = re.split(r"(?<=[.。])\s*", texts[key], maxsplit=1)[0]
        parts = re.split(r"\{\w+\}", first)
        alternatives.append(".*?".join(re.escape(p) for p in parts))
    return re.compile("|".join(f"(?:{a})" for a in alternatives), re.S)


_NO_SUBJECT = (_template_pattern("not_found"), _template_pattern("needs_previous"))


def gave_no_subject(answer: str) -> bool:
    """Whether an answer's text said that nothing relevant was found, or that its question had nothing to follow
    (``not_found``, ``needs_previous``, in either language): a turn that gave the conversation no subject
    ("今天天气怎么样？"), which a follow-up after it does not continue."""
    return any(p.search(answer) for p in _NO_SUBJECT)


def topic_of(history: Sequence[tuple[str, str]]) -> str:
    """What the conversation is about, for a follow-up: the last question that was not itself a follow-up, with the
    follow-ups asked after it ("Does a channel take a lock?", "Where is that in the code?": both, so that "And in
    go1.21?" after them is still about channels)."""
    return " ".join(_thread(history))


def thread_start(history: Sequence[tuple[str, str]]) -> str:
    """The question the conversation's thread started with (the last one that was not a follow-up): what a note under
    a follow-up names ("read as a follow-up of: ..."), not the thread's questions run together ("heap? 为什么？")."""
    chain = _thread(history)
    return chain[0] if chain else ""


def _thread(history: Sequence[tuple[str, str]]) -> list[str]:
    chain: list[str] = []
    for i in range(len(history) - 1, -1, -1):
        chain.append(history[i][0])
        if not is_follow_up(history[i][0], history[i - 1][1] if i else ""):
            break
    return list(reversed(chain))


def on_thread_topic(matched: list[tuple[Tour, int]], history: Sequence[tuple[str, str]]) -> bool:
    """Whether the first tour a question matches is one the conversation's thread matches (its Chinese terms read
    in English too)."""
    if not matched:
        return False
    return matched[0][0].id in {t.id for t, _ in tours_of(topic_of(history))}


def scoping_question(history: Sequence[tuple[str, str]], new: bool = False) -> str:
    """The question whose releases the next turn inherits: going back from the last turn, the first that names
    releases, through the turns that inherited theirs (follow-ups, and questions on the topic before them): "How does
    the map grow in go1.21?", "How are map lookups done?", "Why?" is at go1.21. Else the last question. For a ``new``
    question on the topic, only the thread's first question sets its releases; one later in the thread looks at its
    own, as a comparison does: after "What was it like in Go 1.18?", asked after answers at the newest, every new
    question on the GC had been at go1.18's nearest (trial 100). Else none (the newest)."""
    for i in range(len(history) - 1, -1, -1):
        question = history[i][0]
        names = find_versions(question) or says_all_releases(question) or says_latest(question)
        if names and not new:
            return question
        before = history[:i]
        if not before or not (is_follow_up(question, before[-1][1]) or on_thread_topic(tours_of(question), before)):
            return question if names else ("" if new else history[-1][0])
    return "" if new else history[-1][0]


def compared_in(question: str | None) -> bool:
    """Whether the question a thread's releases come from (``scoping_question``) asked for a comparison: what
    changed, or more than one release ("What changed in findRunnable between go1.21.13 and go1.22.10?"). A follow-up
    that names one release and nothing else ("and in go1.23.9?", "那 go1.23 呢？") goes on comparing (trial 28: it had
    described go1.23.9 alone)."""
    if question is None:
        return False
    return (
        bool(asks.COMPARE.search(question) or asks.RELEASE_CHANGE.search(question)) or len(find_versions(question)) > 1
    )


_ANOTHER = re.compile(
    r"^\s*(?:(?:and\s+(?:in|for|of|with|the)|what about|how about)\s+|那\s*)"
    r"(?!(?:how|what|when|why|who|which|where|it|its|that|this|these|those|them)\b|为什么|怎么|什么)",
    re.IGNORECASE,
)
"""A short follow-up that asks the same of something else ("and in newproc?", "what about chanrecv?", "And the
channel's buffer?", "那 newproc 呢？"): after a comparison, the same releases compared for it, its own words the
subject (trial 49: "and in newproc?" after what changed in findRunnable had described newproc at go1.27.3 alone;
trial 65: "And the channel's buffer?" after whether the channel's lock changed between go1.21 and go1.27, likewise).
Not a question word or a pronoun there ("and for how long?", "what about it?"), nor, after "and the", words that name
nothing ("and the reason?", "and the code?", ``asks_another``): the thread's subject goes on."""
_ANOTHER_WORDS = 5


_AND_THE = re.compile(r"^\s*and\s+the\s+", re.IGNORECASE)


def asks_another(text: str, scoped: str | None) -> bool:
    """Whether a follow-up asks the comparison before it (``scoped``, :func:`compared_in`) of another subject of its
    own (``_ANOTHER``, at most ``_ANOTHER_WORDS``). "and the X?" only when X names something: a term of the
    vocabulary, a tour's topic or a word written as code ("And the channel's buffer?"; "and the history?", "and the
    timeline?" ask about the thread)."""
    if not (compared_in(scoped) and _ANOTHER.search(text) and _words(text) <= _ANOTHER_WORDS):
        return False
    return not _AND_THE.match(text) or bool(vocabulary().match(text) or tours_scored(text) or code_like(text))


def is_follow_up(text: str, before: str = "") -> bool:
    """Whether a question (with a conversation before it) continues the previous turn: it is short, and it says so
    (``_FOLLOW_UP``) or names nothing to read about of its own ("Why?", "为什么？", "in go1.21?"); a short question
    that starts with a scope and names its own subject is a new one ("在 Go 1.9.2 里 map 是怎么扩容的？"); one whose
    first part is a bare follow-up continues, whatever follows ("and in the older release? with 1.9 ..."); or it
    points at a thing the last answer (``before``) named (``_points_at``), or is about what it said."""
    words = _words(text)
    near = bool(before) and words <= _LONGEST_FOLLOW_UP  # what the last answer said: pointed at, shown, asked about
    if near and (_points_at(text, before) or _about_what_was_said(text, before, words)):
        return True
    if words > _FOLLOW_UP_WORDS and len(text) > 16:
        first = parts[0] if len(parts := sentences_asked(text)) > 1 and needs_previous(parts[0]) else ""  # "and in the
        if _FOLLOW_UP.search(first) or asks.WHY.search(first):  # older release? with 1.9 ..." (trial 102), "为什么这样
            return True  # 设计？为什么要用信号而不是…" (trial 105): not its own; not "P 是什么？…"
        if words > _LONG_FOLLOW_UP_WORDS:  # longer: only when it refers back and names nothing of its own
            return words <= _LONGEST_FOLLOW_UP and bool(_FOLLOW_UP.search(text)) and not _own_subject(text)
        points = (m := _POINTS_AT.search(text)) is not None and not _takes_up_own(text, m.start())
        if _STARTS_AS_FOLLOW_UP.search(text) or _THEN.search(text) or points or stands_for(text):
            return True
        new_case = _NEW_CASE.search(text) and not tours_of(text) and not code_like(text)  # "Is the decision different"
        if _ALSO.search(text) or new_case:  # whether the last answer holds in a new case ("……呢，也会报吗？")
            return True
        # naming nothing of its own: "show me the code at both releases" (trial 80), "What is different from the old
        return not _own_subject(text) and not re.search(r"(?<![\w.])[GMP](?![\w.])", text)  # (trial 100); a P is one
    if (  # a pronoun after a part with a subject of its own stands for that subject (``refers_back``)
        refers_back(text) or stands_for(text) or _MODAL_ALONE.search(text) or _ALSO.search(text)
    ) and not _FOLLOW_UP_SCOPE.search(text):
        return True
    if asks.WHY.search(text) and (asks.COMPARE.search(text) or _CHANGED_TO.search(text)):
        return True  # why the change the conversation is about ("为什么要改成 ChaCha8？", trial 80)
    return _DONE_IN.search(text) is not None or not _own_subject(text)  # "编译器里是怎么实现的？"; "Why?": nothing new


_DEMONSTRATED = re.compile(
    r"\b(?:(?:is|are|was|were|of|in|on|about|for|to|change|set|raise|lower|increase|tune|adjust|see|find|show)\s+that"
    r"|this|these|those)\s+([a-z]{3,})\b",
    re.IGNORECASE,
)
"""A demonstrative and the noun it points at ("how big is that limit", "can I change that limit", "these queues"):
"that" after a verb of saying or making sure is a conjunction ("make sure that goroutines are ...")."""
_NO_NOUN = frozenset({"is", "was", "are", "were", "the", "way", "one", "time", "still", "also", "mean", "means"})


def _points_at(text: str, before: str) -> bool:
    """Whether ``text`` points at a thing the last answer (``before``) named: "how big is that limit on 64-bit linux,
    and can I change it?" after an answer on stack overflow that said the limit (trial 81: answered on GOMAXPROCS
    and GOMEMLIMIT, as a question of its own)."""
    nouns = {m.group(1).lower() for m in _DEMONSTRATED.finditer(text)} - _NO_NOUN
    return any(re.search(rf"\b{re.escape(noun)}(?:s|es)?\b", before, re.IGNORECASE) for noun in nouns)


def _words(text: str) -> float:
    """How many words ``text`` has, three Chinese characters counting as one."""
    return len(re.sub(r"[^\x00-\x7f]+", " ", text).split()) + sum(1 for ch in text if has_cjk(ch)) / 3


def short_part(text: str) -> bool:
    """Whether a part of a question is as short as a follow-up that names little (``_FOLLOW_UP_WORDS``): "Is there a
    limit?" goes on from the part before it."""
    return _words(text) <= _FOLLOW_UP_WORDS


def short_enough(text: str) -> bool:
    """Whether a question is short enough to be a follow-up of some kind (``_LONG_FOLLOW_UP_WORDS``)."""
    return _words(text) <= _LONG_FOLLOW_UP_WORDS


def stands_for(text: str) -> bool:
    """Whether a pronoun or a final 呢 stands for the previous turn's subject (``_STANDS_FOR``): not when the question
    names a tour's topic or code of its own, or a clause joined before it does (``_joined_to_own``), trials 37, 113."""
    own = (m := _STANDS_FOR.search(text)) is None or _joined_to_own(text, m.start()) or tours_of(text)
    return not (own or code_like(text) or _DIRECTIVE.search(text))


def refers_back(text: str) -> bool:
    """Whether a question points at what the conversation was about, in words ("and in go1.21?", "它和 -gcflags=-m
    打印的信息是什么关系？"): a follow-up whatever else it names. Not a pronoun after a part or a clause that names a
    subject of its own, which it stands for: "sysmon 是做什么的？它需要 P 吗？" (trial 97)."""
    for part in sentences_asked(text):
        if (m := _FOLLOW_UP.search(part)) is not None:  # not after a clause of its own subject (trial 113)
            return not _joined_to_own(part, m.start())
        if _own_subject(part):  # what the later parts' pronouns stand for
            return False
    return False


_CLAUSE_END, _JOINED = re.compile(r"[,，;；:：]"), re.compile(r"\b(?:and|or|but)\b")


def _takes_up_own(text: str, at: int) -> bool:
    """Whether the demonstrative and noun at ``at`` take up a subject a clause before them names (trial 101)."""
    ends = [m.start() for m in _CLAUSE_END.finditer(text, 0, at)]
    return bool(ends) and _own_subject(text[: ends[-1]])


def _joined_to_own(text: str, at: int) -> bool:
    """Whether the pronoun at ``at`` stands for a thing the clause it is joined to (``_JOINED``) names: a topic, code
    or a word no English dictionary has ("What is PGO and when did it appear?"; not "Sure, but where is it freed?")."""
    joins = [m.start() for m in _JOINED.finditer(text, 0, at)]
    clause, english = (text[: joins[-1]], english_words() or frozenset()) if joins else ("", frozenset[str]())
    return bool(tours_of(clause) or code_like(clause) or any(w not in english for w in _own_words(clause)))


def needs_previous(text: str) -> bool:
    """Whether a question can only continue a conversation: a follow-up ("Why?", "为什么？", "and in go1.21?",
    "who calls it?") that names nothing to read about of its own."""
    return is_follow_up(text) and not _own_subject(text)


_LOCATING_WORDS = frozenset({
    "code", "source", "sources", "line", "lines", "file", "files", "defined", "definition", "comment", "comments",
    "show", "says", "say", "said", "version", "versions", "release", "releases", "quote", "quotes", "cite",
})  # fmt: skip
"""Words that ask where the thread's subject is, or to be shown what says it ("Where is that in the code?", "which
file?", "Show me the comment that says so", "请引用源码注释": quote the source's comments), or in which release
("哪个版本改的？": 版本 is "version"), not a subject."""


_CLAIM_WORDS = frozenset({"hold", "holds", "true", "case", "apply", "applies", "valid", "correct", "accurate", "right"})
"""Words that ask whether what the last answer said is so ("does that still hold in the newest release?": trial 81)."""


def _own_words(text: str) -> list[str]:
    """The words by which a question names something to read about, besides releases, platforms and where it is:
    words of a topic, names written as code ("go.y", "typ2Itab"), the scheduler's G, M or P read as such, and the
    English of Chinese words the bilingual vocabulary translates ("map 扩容", "调度器"); not the verb of asking which
    release did something ("哪个版本优化的？") nor the change words (重写 is no "write")."""
    rest = asks.COMPARE.sub(" ", _LIKE_THAT.sub(" ", without_platforms(without_versions(text))))
    rest = asks.WHICH_RELEASE_DID.sub(" ", rest)
    words = [t for t in topic_tokens(rest) if t.isascii() and t not in _LOCATING_WORDS | _CLAIM_WORDS]
    words += [*code_like(rest), *(name for _, name, _ in short_type_names(rest))]  # "M 和 P 是什么关系？"
    if has_cjk(rest):
        words += [w for en in bilingual().translate(rest) for w in topic_tokens(en) if w not in _LOCATING_WORDS]
    return words


def _own_subject(text: str) -> bool:
    """Whether a question names something to read about of its own (``_own_words``)."""
    return bool(_own_words(text))


def _about_what_was_said(text: str, before: str, words: float) -> bool:
    """Whether a question is about what the last answer (``before``) named (``own_words_said``): asked to be shown
    (or where), with its own words mostly that answer's ("show me the code where a lookup happens in the newest
    release" after Swiss tables, trial 82); or, up to ``_LONG_FOLLOW_UP_WORDS`` words and naming no tour's topic, with
    all its own words that answer's ("扩容的时候会一次性把数据全部搬过去吗？" after map growth, trial 83). A question on
    a tour's topic is otherwise read by the topic (``Query.same_topic`` keeps the conversation's releases)."""
    found = own_words_said(text, before)
    if found is None:
        return False
    tours, own, said = found
    if _shows_its_own(text):
        return False
    if _SHOW_IT.search(text) or asks.WHERE.search(text):
        return 2 * len(said) >= len(own)  # half at least: its nouns, whatever verbs it says them with ("happens")
    return words <= _LONG_FOLLOW_UP_WORDS and not tours and bool(own) and len(said) == len(own)


def _shows_its_own(text: str) -> bool:
    """Whether a question asks to be shown after a part that names a subject of its own, which is what it asks to see:
    "Why does a nil pointer stored in an interface not compare equal to nil? Show me the code." (trial 98)."""
    parts = sentences_asked(text)
    return any(
        _SHOW_IT.search(part) and not _own_subject(part) and any(_own_subject(p) for p in parts[:i])
        for i, part in enumerate(parts)
    )


def own_words_said(text: str, before: str) -> tuple[bool, set[str], list[str]] | None:
    """Whether ``text`` names a tour's topic, the words it names of its own (``_own_words``) and those of them the
    last answer (``before``) says; None when it names a tour's topic that answer did not walk."""
    tours = tours_of(text)
    if any(t.title not in before and t.title_zh not in before for t, _ in tours):
        return None
    own = {w for words in _own_words(text) for w in words.lower().split()}
    return bool(tours), own, [w for w in own if re.search(rf"\b{re.escape(w)}(?:s|es|ed|ing)?\b", before, re.I)]


__all__ = ["asks_another", "gave_no_subject", "is_follow_up", "needs_previous", "on_thread_topic", "own_words_said",
           "refers_back", "scoping_question", "short_enough", "short_part", "stands_for", "thread_start",
           "topic_of"]  # fmt: skip
