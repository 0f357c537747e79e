"""How much of a Chinese question the team's Chinese annotations say: the question's own words (the dictionary
words of what the bilingual vocabulary does not translate: ``untranslated``) matched against each tour step's
Chinese annotation, each weighing its rarity among the team's Chinese texts (every tour's steps and summary
sentences), added to what the step's English annotation says of the question's English words (``with_chinese``).

A Chinese question is otherwise read in English only, through the vocabulary's translations: its other words had
no weight (the Go sources have no Chinese, so the index gives them none) though the team wrote the annotations it is
shown in Chinese ("后端" is a word of ssagen.Compile's annotation and has no translation)."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import cache

from guide.knowledge import bilingual
from guide.knowledge.cedict import dictionary, segment
from guide.knowledge.tours import team_sentences, tours
from ingest.tokens import STOP_WORDS, identifier_tokens

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def chinese_words(text: str) -> list[str]:
    """The CJK bigrams (and single characters) of ``text``, as the lexical index tokenizes it."""
    return [t for t in identifier_tokens(text) if _CJK.match(t)]


@cache
def _texts() -> tuple[str, ...]:
    """The team's Chinese texts: every tour step's annotation and every sentence of every tour's summary."""
    docs = [n.note_zh for t in tours() for n in t.steps if n.note_zh]
    docs += [s for t in tours() for s in team_sentences(t.summary_zh, "zh")]
    return tuple(docs)


def chinese_idf(words: Sequence[str]) -> dict[str, float]:
    """Each Chinese word's inverse document frequency among the team's Chinese texts (``_texts``); a word none of
    them says has no weight and is left out."""
    docs = _texts()
    df = {w: sum(w in d for d in docs) for w in words}
    return {w: math.log((len(docs) + 1) / (c + 0.5)) for w, c in df.items() if c}


def untranslated(question: Sequence[str]) -> list[str]:
    """The Chinese words of a question's tokens that the bilingual vocabulary does not translate: the runs of
    Chinese its overlapping bigrams spell ("那抢", "抢占", "占呢": 那抢占呢), with the vocabulary's terms blanked out
    (``Bilingual.uncovered``), cut into the general dictionary's words (``cedict.segment``); a word of two characters
    or more whose English is not only stop words ("拿走", take away; not "怎么", how, nor "一", "的"). A term the
    vocabulary translates is scored in English already ("抢占" as "preemption"): counted again in Chinese it had
    made the scheduler's ``schedule`` step, whose annotation says 被抢占 in passing, a rival of preemptone's for
    "那抢占呢？"; and bigrams across words ("个值", "值的") had pointed "channel 发送一个值的开销有多大？" at sudog's
    annotation ("…的值的地址")."""
    runs: list[str] = []
    joined = False
    for t in question:
        if len(t) == 2 and _CJK.match(t) and _CJK.match(t[1]):
            if joined and runs[-1][-1] == t[0]:
                runs[-1] += t[1]
            else:
                runs.append(t)
            joined = True
        else:
            joined = False
    words = dictionary()
    out = [
        w for r in runs for part in _CJK_RUN.findall(bilingual().uncovered(r)) for w in segment(part, words)
        if len(w) > 1 and any(e not in STOP_WORDS for e in words.get(w, ()))
    ]  # fmt: skip
    return list(dict.fromkeys(out))


def chinese_relevance(question: Sequence[str], texts: Sequence[str]) -> list[float]:
    """How much of the Chinese question (its tokens; only the words the vocabulary does not translate are read:
    ``untranslated``) each Chinese text says: the weight (``chinese_idf``) of the words it holds, times their share of
    the question's, over the log of its length in Chinese bigrams, as ``relevance`` weighs English words; all 0 when
    the question has no such word the team's texts use."""
    idf = chinese_idf(untranslated(question))
    total = sum(idf.values())
    if not total:
        return [0.0] * len(texts)
    out = []
    for t in texts:
        matched = sum(v for w, v in idf.items() if w in t)
        out.append((matched / total) * matched / math.log2(2 + len(chinese_words(t))) if matched else 0.0)
    return out


CHINESE_WEIGHT = 2.0
"""How much a Chinese question's own words, said by a step's Chinese annotation (``chinese_relevance``), add to what
the step's English annotation says of its English words. Read in English only,
"编译一个很大的包时，编译器是单线程的吗？函数的后端代码生成能并行吗？" had no step standing out (后端, back end, has
no translation), while ssagen.Compile's annotation says 后端 in Chinese. Only the dictionary words the vocabulary
does not translate count (``untranslated``). Measured (``python -m evals run --facts SET --llm extractive``, default
index): every score of the dev halves, the team's facts and the held-out set unchanged (their facts are English
words; a Chinese answer shows the Chinese annotations); of their Chinese answers, 8 point at other steps: 4 at the
ones that answer (ssagen.Compile's parallel back end, HeapAllocReason for a make with a size that is not constant,
internal/abi.ITab for how an interface value is laid out; procresize, pointed at for a goroutine that keeps the CPU,
no longer), 2 at worse ones (procresize for how many threads a program may make; three allocator steps for the GC's
CPU limit), 2 at one step more. Read as overlapping bigrams instead of words, and counting translated words too, 20
changed, 5 for the worse: "那抢占呢？" pointed at ``schedule`` (its annotation says 被抢占 in passing) beside
preemptone, and "channel 发送一个值的开销有多大？" at sudog ("…的值的地址"). Summary sentences scored the same way
picked a short answer on the tour's whole topic as often as one that answers (the GC's overview for whether memory
goes back to the OS): not done."""


def with_chinese(scores: Sequence[float], question: Sequence[str], texts: Sequence[str]) -> list[float]:
    """``scores`` (what each of a tour's English annotations says of the question) plus ``CHINESE_WEIGHT`` times what
    its Chinese annotation, in ``texts``, says of the question's own words."""
    own = chinese_relevance(question, texts)
    return [s + CHINESE_WEIGHT * z for s, z in zip(scores, own, strict=True)]


__all__ = ["CHINESE_WEIGHT", "chinese_idf", "chinese_relevance", "chinese_words", "untranslated", "with_chinese"]
