"""The answer's language (guide.language.question_language): the question's, else the conversation's, else the
reader's."""

from __future__ import annotations

from guide.language import question_language, written_in


def test_code_alone_is_written_in_no_language() -> None:
    for code in ("hchan", "runtime.findRunnable go1.21", "src/runtime/chan.go", "GOMAXPROCS", "chansend1 hchan"):
        assert written_in(code) is None, code
    assert written_in("What is hchan?").code == "en"
    assert written_in("hchan in go1.21").code == "en"
    assert written_in("hchan 是什么").code == "zh"


def test_code_alone_follows_the_conversation_then_the_reader() -> None:
    assert question_language("hchan").code == "en"
    assert question_language("hchan", reader="zh").code == "zh"
    assert question_language("hchan", [("channel 发送会加锁吗？", "…")], reader="en").code == "zh"
    assert question_language("hchan", [("channel 发送会加锁吗？", "…"), ("sudog", "…")]).code == "zh"
    assert question_language("What is hchan?", [("channel 发送会加锁吗？", "…")], reader="zh").code == "en"
    assert question_language("hchan", reader="fr").code == "en"


def test_no_space_after_full_width_punctuation_in_chinese_text() -> None:
    """Trial 64: "go1.27.3（及 Go 设计文档） 的 Go 源码原文": the space the template sets between a release and the
    Chinese after it stood after the full-width parenthesis."""
    from guide.language import CHINESE

    scope = CHINESE.text("scope_and_designs", scope="go1.27.3")
    assert "设计文档）的 Go 源码原文" in CHINESE.text("extractive_intro", scope=scope)
    assert "以下是 go1.27.3 的 Go 源码原文" in CHINESE.text("extractive_intro", scope="go1.27.3")
