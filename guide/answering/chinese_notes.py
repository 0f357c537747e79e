"""How much of a Chinese question the team's Chinese writing says: the question's Chinese words (CJK bigrams, as
the index reads them) matched against a tour step's Chinese annotation or a summary's Chinese sentence, each
weighing its rarity among the team's Chinese texts (every tour's steps and summary sentences).

A Chinese question is otherwise read in English only, through the bilingual vocabulary's translations: its own
words had no weight (the Go sources have no Chinese, so the index gives its bigrams none) though the team wrote the
annotations it is shown in Chinese ("命令行参数和环境变量" are the words of schedinit's annotation, while the
vocabulary reads only 变量, "variable", in them)."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import cache

from guide.answering.relevance import relevance
from guide.answering.statements import Statement
from guide.knowledge import bilingual
from guide.knowledge.tours import tours
from ingest.tokens import identifier_tokens

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_ZH_SENTENCE = re.compile(r"(?<=[。！？])")


def chinese_words(text: str) -> list[str]:
    """The CJK bigrams (and single characters) of ``text``, as the lexical index tokenizes it."""
    return [t for t in identifier_tokens(text) if _CJK.match(t)]


@cache
def chinese_idf() -> Mapping[str, float]:
    """Each Chinese word's inverse document frequency among the team's Chinese texts: every tour step's annotation
    and every sentence of every tour's summary (a word none of them says has no weight)."""
    docs = [n.note_zh for t in tours() for n in t.steps if n.note_zh]
    docs += [s for t in tours() for s in _ZH_SENTENCE.split(t.summary_zh) if s.strip()]
    df: Counter[str] = Counter()
    for d in docs:
        df.update(set(chinese_words(d)))
    n = len(docs)
    return {w: math.log((n + 1) / (c + 0.5)) for w, c in df.items()}


def untranslated(question: Sequence[str]) -> list[str]:
    """The Chinese words of a question's tokens that the bilingual vocabulary does not translate: the runs of
    Chinese its overlapping bigrams spell ("那抢", "抢占", "占呢": 那抢占呢), with the vocabulary's terms blanked out
    (``Bilingual.uncovered``), read again as words. A term it translates is scored in English already ("抢占" as
    "preemption"): counted again in Chinese it had made the scheduler's ``schedule`` step, whose annotation says 被抢占
    in passing, a rival of preemptone's for "那抢占呢？"."""
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
    return chinese_words(" ".join(bilingual().uncovered(r) for r in runs))


def chinese_relevance(question: Sequence[str], texts: Sequence[str]) -> list[float]:
    """How much of the Chinese question (its tokens; only the Chinese words the vocabulary does not translate are
    read: ``untranslated``) each Chinese text says (``relevance``, with ``chinese_idf``); all 0 when the question has
    no such word the team's texts use."""
    idf = chinese_idf()
    asked = [w for w in untranslated(question) if w in idf]
    if not asked:
        return [0.0] * len(texts)
    return [relevance(Statement(0, t), asked, idf) for t in texts]


CHINESE_WEIGHT = 2.0
"""How much a Chinese question's own words, said by a step's Chinese annotation (``chinese_relevance``), add to
what the step's English annotation says of its English words. Read in English only,
"系统调用返回之后，goroutine 怎么重新拿到 P 继续跑？如果原来的 P 已经被别人拿走了会怎样？" had no step standing out
(拿到, 拿走, 继续 have no translation), while exitsyscall's annotation says 拿走 in Chinese. Only the words the
vocabulary does not translate count (``untranslated``). Measured (``python -m evals run --facts SET --llm
extractive``, default index): every score of the dev halves, the team's facts and the held-out set unchanged (their
facts are English words; a Chinese answer shows the Chinese annotations); of their Chinese answers, 11 point at
other steps: 6 at the ones that answer (exitsyscall for the question above, ssagen.Compile's parallel back end for
whether the compiler is single-threaded, HeapAllocReason for a make with a size that is not constant; procresize,
pointed at for a goroutine that keeps the CPU, no longer), 3 at worse ones (the scheduler's ``schedule``, whose
annotation says 主动让出, for a goroutine that does not yield; procresize for how many threads a program may make),
2 at neither. Counting the translated words too (the first version of this change) pointed "那抢占呢？" at
``schedule`` beside preemptone (its annotation says 被抢占 in passing). Summary sentences scored the same way picked a
short answer on the tour's whole topic as often as one that answers (the GC's overview for whether memory goes back
to the OS): not done."""


def with_chinese(scores: Sequence[float], question: Sequence[str], texts: Sequence[str]) -> list[float]:
    """``scores`` (what each of a tour's English annotations says of the question) plus ``CHINESE_WEIGHT`` times what
    its Chinese annotation, in ``texts``, says of the question's own words."""
    own = chinese_relevance(question, texts)
    return [s + CHINESE_WEIGHT * z for s, z in zip(scores, own, strict=True)]


__all__ = ["CHINESE_WEIGHT", "chinese_idf", "chinese_relevance", "chinese_words", "untranslated", "with_chinese"]
