"""Whether a question contrasts two things at one release rather than asking what changed between releases: "In
go1.22, what is the difference between a goroutine and a thread?", "What is the difference between AddCleanup and
SetFinalizer in go1.24?", "go1.24 里 AddCleanup 和 SetFinalizer 有什么区别？". Their change words ("difference",
"between", 区别) had compared the release named with the one before it: go1.21.13's and go1.22.10's scheduler tour,
and "AddCleanup is not defined at go1.23.9" for the second (trial 80). When a side is a release ("between go1.21 and
go1.22"), a word for one ("now", "the old"), or the same subject again ("the one in go1.21"), it is a comparison
of releases still."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping

from guide.knowledge import bilingual
from guide.latest_words import says_latest
from guide.versions import find_versions
from guide.words import has_cjk
from ingest.tokens import STOP_WORDS, query_tokens

_SIDE = r"(?:[^?.,;!？。，；！]|\.(?=\w)){1,60}?"
_END = r"(?=[?,;!？。，；！]|\.(?!\w)|$)"
"""A side of a contrast, up to the end of its clause (not the dot of "go1.24" or "sync.Map")."""
_CONTRASTS = (
    # "(the difference) between A and B", "(to) compare A and/with/to B"
    re.compile(
        rf"(?:\b(?:the )?(?:differences?|distinction|contrast)\s+)?\bbetween\s+(?P<a>{_SIDE})\s+and\s+"
        rf"(?P<b>{_SIDE})\s*{_END}",
        re.IGNORECASE,
    ),
    re.compile(rf"\bcompare\s+(?P<a>{_SIDE})\s+(?:and|with|to)\s+(?P<b>{_SIDE})\s*{_END}", re.IGNORECASE),
    # "A vs B", "A versus B": a word or a dotted name on each side
    re.compile(r"(?P<a>[\w.()*]+)\s+(?:vs\.?|versus)\s+(?P<b>[\w.()*]+)", re.IGNORECASE),
    # "How does A differ from B?"; "A is different from B": B alone (A is the question's subject)
    re.compile(
        rf"\bhow\s+(?:does|do|is|are)\s+(?P<a>{_SIDE})\s+differ(?:ent)?\s+from\s+(?P<b>{_SIDE})\s*{_END}",
        re.IGNORECASE,
    ),
    re.compile(rf"\bdiffer(?:s|ent)?\s+from\s+(?P<b>{_SIDE})\s*{_END}", re.IGNORECASE),
    # "A 和 B 有什么区别", "A 与 B 的不同", "A 跟 B 之间的差别": A is the words just before 和 (no space)
    re.compile(
        r"(?P<a>[^\s?.,;!？。，；！：:]{1,40}?)\s*(?:和|与|跟|同)\s*(?P<b>[^?.,;!？。，；！]{1,40}?)\s*(?:之间)?\s*的?\s*"
        r"(?:有什么|有啥|有哪些|有何)?\s*(?:区别|不同|差别|差异)"
    ),
)
"""Two things set against each other; the span matched holds the change words it uses."""
_AT_RELEASE = re.compile(
    r"^\s*(?:(?:in|at|for|with)\s+)?go\s?\d+(?:\.\d+)+\s*(?:里|中|的|上|版本)?\s*|"
    r"\s*(?:\b(?:in|at|for|as of|with)\s+)?\bgo\s?\d+(?:\.\d+)+\s*(?:里|中|上|版本)?\s*$",
    re.IGNORECASE,
)
"""A release a side is asked at, not one it is: "SetFinalizer in go1.24", "go1.24 里 AddCleanup"."""
_RELEASE_WORDS = re.compile(
    r"\b(?:old|older|new|newer|before|after|previous|earlier|later|prior|one|ones|it|that|this|them|now|today)\b|"
    r"旧|新|老|以前|之前|以后|之后|现在|过去|它|那个|这个",
    re.IGNORECASE,
)
"""A side that is a release in words ("the old and the new tracer", "the one in go1.21", "以前和现在"), or the same
subject again."""


def _names_release(side: str) -> bool:
    """Whether a side of a contrast is a release, a word for one, or the question's subject again."""
    own = _AT_RELEASE.sub("", side)
    return not own.strip() or bool(find_versions(own) or says_latest(own) or _RELEASE_WORDS.search(own))


def _contrasts(text: str) -> list[re.Match[str]]:
    """The spans of ``text`` that set two things other than releases against each other."""
    found = []
    for pattern in _CONTRASTS:
        for m in pattern.finditer(text):
            sides = [s for s in m.groupdict().values() if s is not None]
            if sides and not any(_names_release(s) for s in sides):
                found.append(m)
    return found


def contrast_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` sets two things other than releases against each other (each span with its change words)."""
    return [m.span() for m in _contrasts(text)]


_DIFFER = re.compile(r"\b(?:differ\w*|distinction|contrast|compare|vs|versus)\b|区别|不同|差别|差异", re.IGNORECASE)
"""The words that ask how two things differ: a span "between" two things may say when, not how they differ."""


def contrasted(text: str) -> tuple[str, str] | None:
    """The two things ``text`` sets against each other, each as written without the release it is asked at
    ("AddCleanup", "SetFinalizer" of "What is the difference between AddCleanup and SetFinalizer in go1.24?"), or
    None."""
    for m in _contrasts(text):
        a, b = m.groupdict().get("a"), m.groupdict().get("b")
        if a and b and _DIFFER.search(m.group(0)):  # not "between the moment my program starts and ..."
            return _AT_RELEASE.sub("", a).strip(), _AT_RELEASE.sub("", b).strip()
    return None


def without_contrasts(text: str) -> str:
    """``text`` without the spans that contrast two things (``contrast_spans``): its change words, if any are left,
    ask what changed."""
    kept = list(text)
    for start, end in contrast_spans(text):  # spans may overlap ("the difference between A vs B and C")
        kept[start:end] = " " * (end - start)
    return "".join(kept)


SIDE_SHARE = 0.5
"""A word of a side names it when its weight is at least this share of the side's heaviest word's: "addcleanup" and
"cleanup" name AddCleanup, "add" (idf 1.4 against cleanup's 5.8) does not."""


def side_words(side: str, idf: Mapping[str, float], other: Collection[str] = ()) -> frozenset[str]:
    """The words by which a statement mentions a side of a contrast (``contrasted``), weighed by ``idf``: its
    identifier's parts and words (a Chinese side's in English too: 协程 as goroutine) of at least ``SIDE_SHARE`` of
    its heaviest word's weight, none of the ``other`` side's words (a word of both sides is no difference between them:
    "channel" of "buffered and unbuffered channels")."""
    english = " ".join(bilingual().translate(side)) if has_cjk(side) else ""
    words = {w: idf.get(w, 0.0) for w in query_tokens(f"{side} {english}") if w not in STOP_WORDS | set(other)}
    top = max(words.values(), default=0.0)
    return frozenset(w for w, weight in words.items() if top and weight >= SIDE_SHARE * top)


def sides_words(sides: tuple[str, str] | None, idf: Mapping[str, float]) -> list[frozenset[str]]:
    """The words of each side of a contrast (``side_words``), each without the words of the other; none when either
    side has none of its own."""
    if sides is None:
        return []
    a, b = (query_tokens(s) for s in sides)
    words = [side_words(sides[0], idf, b), side_words(sides[1], idf, a)]
    return words if all(words) else []


__all__ = ["SIDE_SHARE", "contrast_spans", "contrasted", "side_words", "sides_words", "without_contrasts"]
