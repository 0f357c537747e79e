"""The answer's language follows the question's: English, or Chinese when the question is written in Chinese."""

from __future__ import annotations

import re
from dataclasses import dataclass

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "extractive_intro": "Extractive answer (no language model; composed from the indexed sources, {scope}):",
        "extractive_outro": "These are the definitions that best match the question; read the cited lines for the "
        "full story.",
        "says": "Its doc comment says",
        "lines": "Lines that match the question",
        "see_also": "See also",
        "calls": "It calls",
        "fields": "Its fields include",
        "value": "Defined as",
        "not_found": "Nothing relevant was found in {scope}. Try naming a function, type or file "
        "(e.g. `newproc`, `hchan`, `proc.go`).",
        "not_indexed": "{missing} is not indexed. Indexed releases: {indexed}. Ask about one of those, or add the "
        "release with `python -m corpus sync --tags {tags}` and `python -m ingest`.",
        "absent": "`{name}` is not defined in any indexed release ({scope}).",
        "successor": "The nearest current equivalent is {what}.",
        "no_successor": "No current equivalent was found in the index.",
        "empty": 'The question is empty. Ask about the Go runtime or compiler, e.g. "does a channel take a lock?"',
        "too_long": "The question was cut to its first {n} characters.",
        "ungrounded": "No claim of this answer could be verified against the sources, so it is not shown as "
        "grounded. The sources below are what was retrieved.",
        "callers": "Call sites of `{name}` at {version}:",
        "no_callers": "No call site of `{name}` was found at {version}.",
    },
    "zh": {
        "extractive_intro": "摘录式回答（未使用语言模型；内容摘自已索引的源码，{scope}）：",
        "extractive_outro": "以上是与问题最相关的定义；完整细节请阅读所引用的代码行。",
        "says": "其文档注释写道",
        "lines": "与问题相关的代码行",
        "see_also": "另见",
        "calls": "它调用了",
        "fields": "它的字段包括",
        "value": "定义为",
        "not_found": "在 {scope} 中没有找到相关内容。"
        "请尝试给出函数、类型或文件名（例如 `newproc`、`hchan`、`proc.go`）。",
        "not_indexed": "{missing} 未被索引。已索引的版本：{indexed}。请询问这些版本，或用 "
        "`python -m corpus sync --tags {tags}` 和 `python -m ingest` 添加该版本。",
        "absent": "`{name}` 在任何已索引的版本（{scope}）中都没有定义。",
        "successor": "目前最接近的对应物是 {what}。",
        "no_successor": "索引中没有找到当前的对应物。",
        "empty": "问题为空。请询问有关 Go 运行时或编译器的问题，例如“channel 会加锁吗？”",
        "too_long": "问题过长，只使用了前 {n} 个字符。",
        "ungrounded": "该回答中的论断均无法与源码核对，因此不视为有依据。下面列出的是检索到的源码。",
        "callers": "`{name}` 在 {version} 中的调用位置：",
        "no_callers": "在 {version} 中没有找到 `{name}` 的调用位置。",
    },
}


@dataclass(frozen=True)
class Lang:
    code: str

    def text(self, key: str, **kw: object) -> str:
        return TEXTS[self.code][key].format(**kw)

    @property
    def name(self) -> str:
        return {"en": "English", "zh": "Chinese (简体中文)"}[self.code]


def detect(question: str) -> Lang:
    """Chinese when the question has CJK ideographs (identifiers in it are ASCII either way)."""
    return Lang("zh" if _CJK.search(question) else "en")
