"""Whether something is there at the one release a question names ("Does go1.15.15 have asynchronous preemption?",
"go1.19 里有软内存上限吗？"): the declarations the vocabulary says implement what it asks about, looked up at that
release, said first with a yes or a no, each cited (trial 32: the answer had quoted preemptM and asyncPreempt at
go1.15.15 and never said yes). Only for a term of the vocabulary (guide/knowledge/vocabulary.toml), whose entry
names the source that says those declarations implement it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from guide.answering.named_experiments import experiments_block
from guide.answering.quotable import for_other_platform
from guide.answering.since_when import since_when
from guide.citation import Citation
from guide.intent import DEFAULT_STATE, PRESENCE
from guide.knowledge import bilingual, vocabulary
from guide.knowledge.tours import QUESTION_END
from guide.where import where
from guide.words import has_cjk
from ingest.tokens import STOP_WORDS

if TYPE_CHECKING:
    from guide.index import GuideIndex
    from guide.language import Lang
    from guide.query import Query

_WORD_TAIL = re.compile(r"[A-Za-z]*")  # the rest of an English word: "work steal" -> "work stealing"


def presence_note(
    index: GuideIndex, query: Query, tags: Sequence[str], lang: Lang, first_n: int, found: Sequence[Citation] = ()
) -> tuple[str, list[Citation]]:
    """The yes-or-no line for a question that asks whether a release has what a vocabulary term names (see the
    module doc), and the definitions it cites, numbered from ``first_n``; for a question that names a GOEXPERIMENT,
    whether the release turns it on (``named_experiments``); for one that asks since when, naming neither a release
    nor a definition, since when the definitions ``found`` first exist (``since_when``); ("", []) for any other
    question."""
    # of an experiment: whether the release turns it on; since when, naming no release: each indexed release's
    # (trial 82: "从哪个版本开始默认使用新的 Green Tea 垃圾回收器？" had "on by default at go1.27.3" alone; it is since
    # go1.26.6); the thread's question at another release ("and in Go 1.21?" after "What is the Green Tea GC?", trial
    # 94: the GC tour at go1.21.13 and its changes, and never that go1.21.13 has no such experiment)
    again = query.thread_only and bool(query.versions)
    if query.asks_presence or query.asks_timeline or DEFAULT_STATE.search(query.text) or again:
        at = index.releases if query.asks_timeline and not query.versions else tags
        named, cited = experiments_block(index, query.search_text, at, first_n, lang)  # a follow-up: its thread's
        if named:
            return named, cited
        if query.asks_timeline and not query.versions:
            return since_when(index, query, found, lang, first_n)
    if not query.asks_presence or len(query.versions) != 1 or len(tags) != 1 or not query.concepts:
        return "", []
    if query.code_like:  # a name written as code: whether that release defines it is said of it (``absent_text``)
        return "", []
    asked = _asking_sentence(query.text)
    asked += " " + " ".join(bilingual().translate(asked)) if has_cjk(asked) else ""  # its terms' English too
    terms = [t for c in query.concepts if (t := vocabulary().by_id[c]).first_match(asked) is not None]
    terms = [t for t in terms if not _qualified(asked, t.first_match(asked))]
    if not terms:  # the term is not what the sentence that asks whether it is there names ("还有全局的锁吗？" after
        # "现在的 timer 是怎么实现的？" had "Yes: go1.27.3 defines timer ...", and "go1.15 里有这个功能吗？" after a
        # question on a memory limit "Yes: go1.15.15 defines gcStart ...", the thread's term, trials 75 and 76)
        return "", []
    term = terms[0]  # the most specific term that sentence uses
    tag = tags[0]
    found = [c for s in term.symbols if (c := _defined(index, s, tag, query.platform)) is not None]
    said = term.first_match(query.text)
    chinese = lang.code == "zh" and said is not None and has_cjk(said.group(0))
    tail = _WORD_TAIL.match(query.text, said.end()) if said is not None else None
    word = query.text[said.start() : tail.end()] if said is not None and tail is not None else ""
    named = word if word and (lang.code != "zh" or chinese) else term.id.replace("-", " ")  # "work stealing"
    if found:
        cited = [c.numbered(first_n + i) for i, c in enumerate(found)]
        names = lang.listed(f"`{c.symbol.rsplit('.', 1)[-1]}` [{c.n}]" for c in cited)
        return lang.text("presence_yes", tag=tag, names=names, term=named), cited
    # not written as code: the one release that defines one of them is cited in the same sentence, and a name in
    # backticks is one its cited source must hold (the line had been removed whole, trial 34)
    names = lang.listed(s.rsplit(".", 1)[-1] for s in term.symbols)
    later = ((r, c) for r in index.releases for s in term.symbols if (c := _defined(index, s, r, query.platform)))
    first, cited = "", []
    if (earliest := next(later, None)) is not None:  # the first release that defines one of them, read up to it
        release, cit = earliest
        cited = [cit.numbered(first_n)]
        first = lang.text("presence_first", name=f"`{cit.symbol.rsplit('.', 1)[-1]}`", first=release, n=first_n)
    return lang.text("presence_no", tag=tag, names=names, term=named, first=first), cited


def _asking_sentence(text: str) -> str:
    """The sentence of ``text`` that asks whether something is there (``intent.PRESENCE``), "" when none does."""
    m = PRESENCE.search(text)
    if m is None:
        return ""
    start = max((e.end() for e in QUESTION_END.finditer(text, 0, m.start())), default=0)
    end = QUESTION_END.search(text, m.end())
    return text[start : end.end() if end else len(text)]


_WORD_BEFORE = re.compile(r"([A-Za-z][\w-]*)\s+$")


_CHINESE_BEFORE = frozenset("有是没在用个种把还都也吗了过和与或及里中")
"""The characters a Chinese term may follow and still be what is asked about ("有定时器吗", "还有定时器吗"); other
characters before it make a compound of which the term is the head ("还有全局锁吗？": a global lock, trial 78), unless
the bilingual dictionary reads the compound whole ("工作窃取", work stealing)."""
_PREPOSITIONS = frozenset({"for", "of", "in", "on", "with", "by", "from", "to", "about", "under", "behind", "inside"})


def _qualified(text: str, m: re.Match[str] | None) -> bool:
    """Whether the term ``m`` matched in ``text`` is not what the sentence asks is there, which its declarations
    would answer for: a kind of it ("全局的锁", "a global lock": an English word before it that is no function word;
    the term's declarations are the runtime's locks, not a global one), or a word on something else ("GMP 的全局运行
    队列", "the Go scheduler's queue", "a global lock for timers"); not "有工作窃取吗", "have work stealing"."""
    if m is None:
        return False
    before, after = text[: m.start()], text[m.end() :]
    if before.rstrip().endswith("的") or after.lstrip().startswith(("的", "'s", "’s")):
        return True
    head = re.search(r"[\u4e00-\u9fff]{1,4}$", before)
    if head and head.group(0)[-1] not in _CHINESE_BEFORE:  # a Chinese compound the term ends: "全局锁", a global lock,
        phrase = head.group(0).lstrip("".join(_CHINESE_BEFORE)) + m.group(0)  # unless the dictionary reads it whole
        return bool(phrase) and has_cjk(bilingual().in_english(phrase))  # ("工作窃取": work stealing)
    word = _WORD_BEFORE.search(before)
    if word is None:
        return False
    w = word.group(1).lower()
    return w in _PREPOSITIONS or (w not in STOP_WORDS and not any(ch.isdigit() for ch in w))


def _defined(index: GuideIndex, symbol: str, tag: str, platform: tuple[str, str]) -> Citation | None:
    """``symbol``'s definition at ``tag``, the question's platform's copy first (asyncPreempt is in preempt_amd64.s,
    preempt_arm64.s ...); None when ``tag`` has none."""
    found = [c for c in where(index, symbol, tag) if c.symbol == symbol]
    return min(found, key=lambda c: for_other_platform(c.path, platform), default=None)


__all__ = ["presence_note"]
