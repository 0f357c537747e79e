"""The page's fixed words in English and Chinese, chosen by the browser's language (Gradio's ``I18n``: the keys go
to the page, which shows the words of the reader's locale; Gradio's own words, "Use via API", follow it too).

Only static words live here: labels, placeholders, tab titles and buttons. What the server writes (answers,
comparisons, tour text) follows the question's or the picked language instead.
"""

from __future__ import annotations

import gradio as gr

TITLE = "Go Internals Reading Guide"
EN = {
    "title": f"## {TITLE}\nAnswers about the Go runtime and compiler with citations to exact files and lines at exact "
    "Go releases. Click a citation card to read the source.",
    "open_file": "Open a file",
    "tab_chat": "Chat",
    "tab_tours": "Tours",
    "tab_compare": "Compare",
    "tab_status": "Status",
    "follow_up": "Ask a question (English or 中文); follow-ups use the conversation",
    "ask": "Ask",
    "releases": "Releases",
    "releases_info": "Empty: from the question (newest indexed release when it names none)",
    "new_conversation": "New conversation",
    "examples": "Examples (click to fill in, then Ask)",
    "version": "Version",
    "path": "Path",
    "lines": "Lines",
    "lines_placeholder": "120 or 120-140",
    "open": "Open",
    "subject": "Symbol or file",
    "old_release": "Old release",
    "new_release": "New release",
    "diff": "Diff",
    "diff_unified": "unified",
    "diff_side": "side by side",
    "compare": "Compare",
    "refresh": "Refresh",
    "tour": "Tour",
    "tour_release": "Release",
    "tour_release_info": "The indexed releases this tour covers",
    "annotations": "Annotations",
}
ZH = {
    "title": f"## {TITLE}（Go 内部实现导读）\n回答关于 Go 运行时和编译器的问题，并引用确切 Go 版本中确切的文件和行。"
    "点击引用卡片即可阅读源码。",
    "open_file": "打开文件",
    "tab_chat": "对话",
    "tab_tours": "导读",
    "tab_compare": "版本比较",
    "tab_status": "状态",
    "follow_up": "提问（中文或英文）；追问会沿用当前对话",
    "ask": "提问",
    "releases": "版本",
    "releases_info": "留空：按问题中提到的版本（没有提到时用已索引的最新版本）",
    "new_conversation": "新对话",
    "examples": "示例（点击填入，再点提问）",
    "version": "版本",
    "path": "路径",
    "lines": "行",
    "lines_placeholder": "120 或 120-140",
    "open": "打开",
    "subject": "符号或文件",
    "old_release": "旧版本",
    "new_release": "新版本",
    "diff": "差异",
    "diff_unified": "统一视图",
    "diff_side": "左右对照",
    "compare": "比较",
    "refresh": "刷新",
    "tour": "导读",
    "tour_release": "版本",
    "tour_release_info": "这篇导读覆盖的已索引版本",
    "annotations": "注解语言",
}


def reader_language(accept_language: str | None) -> str:
    """``zh`` or ``en`` for a browser's Accept-Language header: Chinese when it is the browser's first language
    (``zh-CN,zh;q=0.9,en;q=0.8``), else English, as Gradio's I18n chooses the page's words (a French browser gets
    the English words there, so it gets them here too)."""
    first = (accept_language or "").split(",", 1)[0].split(";", 1)[0].strip().lower()
    return "zh" if first.startswith("zh") else "en"


def accept_language(request: object) -> str | None:
    """The Accept-Language header of a Gradio request (``gr.Request``), None without one."""
    headers = getattr(request, "headers", None) or {}
    value = headers.get("accept-language")
    return value if isinstance(value, str) else None


def request_language(request: object) -> str:
    """:func:`reader_language` of a Gradio request (English without one)."""
    return reader_language(accept_language(request))


UI = gr.I18n(en=EN, zh=ZH, **{"zh-CN": ZH, "zh-TW": ZH, "zh-HK": ZH})
"""Passed to ``launch(i18n=UI)``; ``UI(key)`` in a component's label, placeholder, info or value."""
WORDS = (EN, ZH)
"""The words by the tours' language choice (``webui.tours.LANGUAGES``' order): the labels a choice of Chinese
annotations shows in Chinese whatever the browser's language."""

__all__ = ["EN", "TITLE", "UI", "WORDS", "ZH", "accept_language", "reader_language", "request_language"]
