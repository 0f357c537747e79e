"""Whether a question asks about the newest indexed release in words: "the latest release", "最新版本", "now",
"still as slow as in Go 1.9", "In Go 1.9 ... Is it still ...?", "since Go 1.14". With a release named too, the
question is about both."""

from __future__ import annotations

import re

from guide.versions import AMOUNT, find_versions

_LATEST = re.compile(
    r"\b(?:latest|newest|current)\s+(?:go\s+)?(?:version|release)\b|\b(?:the latest|the newest|nowadays|today|now|"
    r"currently)\b|\b(?:newer|recent|modern)\s+(?:go\s+)?(?:versions?|releases?)\b|\bthe new\s+(?:go\s+)?"
    r"(?:version|release)\b|\bmodern go\b|最新|新版|新的版本|(?<![实表体出发呈展再兑重显])现在|目前|如今",
    re.IGNORECASE,
)
"""The newest indexed release, named in words; with a release named too, the question is about both ("in Go 1.21,
and now?"). 现在 ("now") is not the end of a word that ends in 现 followed by 在 ("at"): "map 的实现在 go1.23、go1.24
和 go1.25 之间是怎么变化的？" is 实现 ("implementation") 在, and had added the newest release to the three asked
(trial 35). 最新 ("newest") and 新版本 ("the new version") whatever follows them: "从 1.21 到最新的版本 ..." and "和
1.21 相比，新版本里 ..." had been answered at go1.21.13 alone (trial 98), as had "newer releases"."""
_STILL_AS_THEN = re.compile(r"\bstill\b[^.?!]{0,60}?\b(?:as|like)\b[^.?!]{0,30}?\bin\s+go\s?\d+(?:\.\d+)+", re.I)
_WAS_DIFFERENT = re.compile(r"\b(?:was|were)\b[^.?!]{0,30}?\bdifferent\b[^.?!]{0,30}?\bin\s+go\s?\d+(?:\.\d+)+", re.I)
"""Now, against a release named as the past: "Is defer still as slow as it was in Go 1.9?", "is the stack still 2 KB
like in Go 1.4?", "... was it different in go1.21?" (the one release named; trial 34: compared go1.19 with go1.21);
a "still" alone is no release: "why is my goroutine still blocked in go1.21?"."""
_SINCE = re.compile(
    r"\b(?:since|after)\s+go\s?\d+(?:\.\d+)+|\bgo\s?\d+(?:\.\d+)+\s*(?:之后|以后|以来|起)"
    rf"|\bsince\s+1\.\d{{1,2}}(?:\.\d+)?\b(?!\.\d)(?!{AMOUNT.pattern})",  # "since 1.9", not "since 1.5 seconds"
    re.IGNORECASE,
)
"""A release named as where something began, and so now too: "Go 1.14 之后的异步抢占是怎么实现的？" ("the asynchronous
preemption that came after Go 1.14"), "since Go 1.14"."""


_SENTENCE_END = re.compile(r"(?<=[.?!])\s+|(?<=[。？！])")
"""Where a sentence ends: ".", "?" or "!" before a space (not the dot of "go1.21"), or a Chinese end mark."""
_PAST = re.compile(
    r"\b(?:was|were|had|used to|did|could|couldn't|would|wouldn't|said|told|heard|learned|learnt|remembered|"
    r"recommended|advised)\b"
    r"|\bI remember\b|的时候|那时|当时|以前|过去|曾经|听说|记得",
    re.IGNORECASE,
)
"""Words that put the sentence naming a release in the past ("In Go 1.9 there was ...", "Go 1.9 的时候 ...", what the
asker was told or remembers of it: "In Go 1.9 people told me to avoid defer", "我记得 1.9 会卡住"; trial 95's "Is defer
still slow? In Go 1.9 people told me ..." had been answered at go1.21.13, the release nearest Go 1.9), or what could
be then ("In Go 1.9 a tight loop ... could block a whole P ... Is that still the case?", trial 97)."""
_STILL = re.compile(r"\bstill\b|还[^。？！?]{0,20}吗", re.IGNORECASE)
_STILL_HOLDS = re.compile(
    r"\b(?:is|are|does|do|would|will|can)\s+(?:that|it|this|these|those|they)\s+still\b"
    r"|\bstill\s+(?:holds?|true|the case|appl(?:y|ies)|valid|correct|right|the same)\b"
    r"|还(?:是这样|是那样|成立|一样|适用|有效|对)吗|(?:仍然|依然|仍)(?:是这样|成立|适用|有效|一样)",
    re.IGNORECASE,
)
"""Asking whether what was said still holds ("does that still hold", "Is it still true", "还是这样吗", "仍然成立
吗"), not "still" of the asker ("Still confused.", "我仍然不明白") nor 还…吗 as "else" ("最新版本里还需要注意什么
吗？", "还有别的限制吗？")."""


def _still_after_then(text: str) -> bool:
    """Whether a sentence that asks "still" names no release while the rest names one, as the past: "In Go 1.9
    there was a runtime.timerproc goroutine per timer bucket. Does timerproc still exist?" asks about now (trial 79:
    answered at go1.21.13, the release nearest Go 1.9); "why is my goroutine still blocked in go1.21?" names its
    own."""
    if len(set(find_versions(text))) != 1:
        return False
    sentences = [(s, bool(find_versions(s))) for s in _SENTENCE_END.split(text) if s.strip()]  # and if it names one
    then = any(named and _PAST.search(s) for s, named in sentences)  # not "How does it work in go1.21? Is it still"
    return then and any(_STILL.search(s) and not named for s, named in sentences)


def says_latest(text: str) -> bool:
    """ "the latest release", "最新版本", "still as slow as in Go 1.9", "In Go 1.9 ... Is it still ...?", "since Go
    1.14", "Go 1.14 之后"."""
    then = bool(_WAS_DIFFERENT.search(text)) and len(set(find_versions(text))) == 1  # not "in 1.20 than in 1.24"
    return bool(
        _LATEST.search(text) or _STILL_AS_THEN.search(text) or _SINCE.search(text) or then or _still_after_then(text)
    )


def asks_if_still(text: str) -> bool:
    """Whether the question asks if something still holds ("does that still hold in the newest release?", "最新版本
    里还是这样吗？"): of a follow-up naming the newest, whether what the answer before said holds there, as before."""
    return bool(_STILL_HOLDS.search(text))


__all__ = ["asks_if_still", "says_latest"]
