"""Tokens for the lexical index: identifiers and words, lower-cased, with their parts; CJK as bigrams.

``identifier_tokens(text)``: for every identifier or word (letters, digits, ``_``; ``·``, ``∕``, ``.`` and all
other punctuation separate them, so ``runtime·rt0_go`` is ``runtime`` and ``rt0_go``), the whole word, then its
parts when there are several: split on ``_``, camelCase/PascalCase (acronyms kept together: ``HTTPServer`` ->
``http``, ``server``) and digit-to-letter boundaries (``float64frombits`` -> ``float64``, ``frombits``; digits stay
with the letters before them: ``rt0``, ``amd64``). ``runqput`` stays ``runqput``; ``rt0_go`` gives ``rt0_go``,
``rt0``, ``go``. Tokens repeat per occurrence (term frequencies matter); a lone ``_`` is dropped. A run of CJK
characters gives its overlapping bigrams (``调度器`` -> ``调度``, ``度器``; a single character stays itself), ASCII
identifiers inside CJK text are tokens as usual.

``query_tokens(question)``: the same without a small English stop-word list.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_TOKEN = re.compile(rf"([{_CJK}]+)|((?:[^\W{_CJK}])+)")
_PARTS = re.compile(r"[A-Z]+[0-9]*(?=[A-Z][a-z])|[A-Z]?[a-z]+[0-9]*|[A-Z]+[0-9]*|[0-9]+")

_STOP = """
a an and are as at be been but by can could did do does doing for from had has have how i if in into is it its me
my of on or our should so than that the their them then there these they this those to was we were what when where
which who whom why will with would you your about after before between during over under again further once here
all any both each few more most other some such no nor not only own same too very just also please explain tell show
"""
STOP_WORDS: frozenset[str] = frozenset(_STOP.split())
"""Dropped from questions (not from documents): English function words only; no Go keyword is in it."""


@lru_cache(maxsize=200_000)
def _word_tokens(word: str) -> tuple[str, ...]:
    low = word.lower()
    parts: list[str] = []
    for piece in word.split("_"):
        if piece.isascii():
            parts.extend(p.lower() for p in _PARTS.findall(piece))
        elif piece:  # non-ASCII letters: no case splitting
            parts.append(piece.lower())
    if len(parts) <= 1:
        return (low,) if low.strip("_") else ()
    return (low, *parts)


def name_parts(name: str) -> tuple[str, ...]:
    """The words a name is made of, lower case, as ``identifier_tokens`` splits it but without the whole name
    (``checkTimers``: check, timers; ``pp``: pp)."""
    tokens = _word_tokens(name)
    return tokens[1:] or tokens


def _bigrams(run: str) -> list[str]:
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def identifier_tokens(text: str) -> list[str]:
    """All tokens of ``text`` (see the module doc)."""
    out: list[str] = []
    for m in _TOKEN.finditer(text):
        cjk, word = m.group(1), m.group(2)
        if cjk:
            out.extend(_bigrams(cjk))
        else:
            out.extend(_word_tokens(word))
    return out


_DOTTED = re.compile(r"(?<![\w.])[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+")
"""A name written as Go code, its parts joined by dots: ``sync.Once``, ``m.Do``, ``runtime.GC``."""


def query_tokens(question: str) -> list[str]:
    """Tokens of a question, without English stop words; the parts of a dotted name are code, not English, and kept
    (``sync.Once``'s "once", ``Once.Do``'s "do")."""
    code = set(identifier_tokens(" ".join(_DOTTED.findall(question))))
    return [t for t in identifier_tokens(question) if t not in STOP_WORDS or t in code]


_ADJACENT = re.compile(r"(?<![\w.])([A-Za-z]{2,})\s+(?=([A-Za-z]{2,})(?!\w|\.\w))")
"""Two English words side by side, separated by spaces only, neither part of a longer name (``sync.Once``)."""


def joined_words(texts: Sequence[str]) -> list[str]:
    """Each two adjacent words of ``texts``, neither a stop word, written as one word, lower case ("run next" ->
    ``runnext``, "write barrier" -> ``writebarrier``, "size class" -> ``sizeclass``): Go's names often join their
    words without a capital (``runnext``, ``gfree``, ``sizeclass``), which ``identifier_tokens`` cannot split, so a
    question's words never match them. Which of these words exist is the index's to say (most do not). An article
    between them is skipped, and a verb's -s dropped (``_ARTICLE``)."""
    out: dict[str, None] = {}
    for text in texts:
        for m in _ADJACENT.finditer(_ARTICLE.sub(" ", text)):
            a, b = m.group(1).lower(), m.group(2).lower()
            if a not in STOP_WORDS and b not in STOP_WORDS:
                out[a + b] = None
                if a.endswith("s") and len(a) > 3 and not a.endswith("ss"):  # "builds the SSA": buildssa
                    out[a[:-1] + b] = None
    return list(out)


_ARTICLE = re.compile(r"\s+(?:the|a|an)\s+", re.IGNORECASE)
"""An article between two words, which a name that joins them leaves out: "builds the SSA form" reads as "build SSA"
(``buildssa``; trial 84 asked where SSA is built and got no buildssa). Measured: the needles (400), the plain dev
halves and the team's facts (bench/retrieval_quality.py) and every dev half's answers (evals) the same."""


__all__ = ["STOP_WORDS", "identifier_tokens", "joined_words", "query_tokens"]
