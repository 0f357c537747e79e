"""The answer's language follows the question's: English, or Chinese when the question is written in Chinese; a
question in neither (code alone, "hchan", or a few words with no English function word, "escape analysis") follows
the conversation's, else the reader's (``question_language``)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from guide.texts import TEXTS
from guide.words import has_cjk
from ingest.tokens import STOP_WORDS

_AFTER_FULL_WIDTH = re.compile(r"([）」』】：，。；、]) +(?=[\u4e00-\u9fff])")


@dataclass(frozen=True)
class Lang:
    code: str

    def text(self, key: str, **kw: object) -> str:
        out = TEXTS[self.code][key].format(**kw)
        # a space set between a release and the Chinese after it is none after full-width punctuation: "go1.27.3 的",
        # but "go1.27.3（及 Go 设计文档）的"
        return _AFTER_FULL_WIDTH.sub(r"\1", out) if self.code == "zh" else out

    @property
    def name(self) -> str:
        return {"en": "English", "zh": "Chinese (简体中文)"}[self.code]

    @property
    def marks(self) -> tuple[str, str]:
        """The colon and the list comma of this language's text ("：" and "、" in Chinese)."""
        return ("：", "、") if self.code == "zh" else (": ", ", ")

    @property
    def space(self) -> str:
        """What separates two sentences: a space in English, nothing in Chinese (the full stop ends it)."""
        return "" if self.code == "zh" else " "

    def listed(self, items: Iterable[str], *, items_with_commas: bool = False) -> str:
        """``items`` as a list in this language's text: ``a, b`` (``a、b`` in Chinese); items that hold commas
        themselves (``name (path:1-2) [3]``) with semicolons (``a; b``, ``a；b``)."""
        if items_with_commas:
            return ("；" if self.code == "zh" else "; ").join(items)
        return self.marks[1].join(items)


ENGLISH = Lang("en")
CHINESE = Lang("zh")

FOLLOW_UP_WARNING = "read as a follow-up of: "
"""How the pipeline's warning that a question was read as a follow-up begins (the previous question follows)."""
_WARNINGS = (
    (FOLLOW_UP_WARNING, "follow_up", "previous"),
    ("not indexed: ", "not_indexed_short", "missing"),
    ("on the conversation's topic, answered at the releases it named: ", "same_topic", "tags"),
)


_CHECK_WARNINGS_ZH = (
    (re.compile(r"^removed citation \[(\d+)\]: no source \[\d+\] was given \(there were (\d+)\)$"),
     "已移除引用 [{0}]：没有编号为 [{0}] 的来源（共 {1} 个来源）"),
    (re.compile(r"^removed citation \[([\d–]+)\]: quoted (`[^`]*`) does not occur in (.*)$", re.S),
     "已移除引用 [{0}]：引用的 {1} 不在 {2} 中"),
    (re.compile(r"^removed citation \[([\d–]+)\]: (“.*”) is not in (.*)$", re.S), "已移除引用 [{0}]：{1} 不在 {2} 中"),
    (re.compile(r"^removed citation \[([\d–]+)\]: the sentence names (\S+) but \[[\d–]+\] is (.*)$", re.S),
     "已移除引用 [{0}]：这句话提到 {1}，但 [{0}] 是 {2}"),
    (re.compile(r"^dropped a quotation no cited source holds: (.*)$", re.S),
     "已删除一句引文（所引来源中没有这段文字）：{0}"),
    (re.compile(r"^the language model failed \((.*)\); showing the extractive answer$", re.S),
     "语言模型出错（{0}），改为显示摘录式回答"),
)  # fmt: skip
"""The citation check's and the model fallback's warnings (guide/answering/check.py, pipeline.py), in Chinese."""


def localize_warning(warning: str, lang: Lang) -> str:
    """A warning of the answer pipeline (written in English there: "read as a follow-up of: ...", "not indexed:
    go1.9", "empty question", what the citation check removed) in ``lang``; any other warning as it is (those are
    written in the question's language already, or are English-only diagnostics)."""
    if lang.code == "en":
        return warning
    if warning == TEXTS["en"]["empty_short"]:
        return lang.text("empty_short")
    for prefix, key, field in _WARNINGS:
        if warning.startswith(prefix):
            return lang.text(key, **{field: warning[len(prefix) :]})
    for pattern, zh in _CHECK_WARNINGS_ZH:
        m = pattern.match(warning)
        if m:
            return zh.format(*m.groups())
    return warning


def detect(question: str) -> Lang:
    """Chinese when the question has CJK ideographs (identifiers in it are ASCII either way)."""
    return Lang("zh" if has_cjk(question) else "en")


_LOOSE_WORD = re.compile(r"(?<![\w.])[A-Za-z]+(?![\w.])")
"""A word of letters that is no part of a dotted name (``runtime.findRunnable``) or of a release (``go1.21``)."""


def written_in(question: str) -> Lang | None:
    """The language ``question`` is written in: Chinese with CJK ideographs, English with an English function word
    ("is", "the", "how", "what": ``ingest.tokens.STOP_WORDS``); None for code alone ("hchan", "runtime.findRunnable
    go1.21", "chan.go"), which either reader may type."""
    if has_cjk(question):
        return Lang("zh")
    if any(w.lower() in STOP_WORDS for w in _LOOSE_WORD.findall(question)):
        return Lang("en")
    return None


def question_language(question: str, history: Iterable[tuple[str, str]] = (), reader: str | None = None) -> Lang:
    """The answer's language: the question's; for a question of code alone, the conversation's (its latest question
    written in a language), else the reader's (``reader``: the browser's, "en" or "zh"), else English. In a Chinese
    browser "hchan" had an English answer."""
    for q in [question, *(q for q, _ in reversed(list(history)))]:
        lang = written_in(q)
        if lang is not None:
            return lang
    return Lang(reader) if reader in TEXTS else Lang("en")
