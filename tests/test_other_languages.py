"""Names a question gives to another language are no Go names to look up (guide/other_languages.py)."""

from __future__ import annotations

from guide.other_languages import go_only, other_language_text
from guide.query import Query


def test_a_name_after_another_language_in_its_clause_is_that_languages() -> None:
    q = "Does sending on a Go channel take a lock, like a Java BlockingQueue with a ReentrantLock? What does it cost?"
    assert go_only(q, ["BlockingQueue", "ReentrantLock", "chansend"]) == ["chansend"]
    assert go_only("和 Java 的 HashMap 比，runtime.mapassign 怎么处理冲突？", ["HashMap", "runtime.mapassign"]) == [
        "runtime.mapassign"
    ]
    # a mention of Go ends it; so does the end of the clause; the dot of a Go name does not
    assert other_language_text("Java's HashMap vs Go's hmap").split() == ["'s", "HashMap", "vs"]
    assert go_only("Java's HashMap vs Go's hmap: how does mapaccess1 work?", ["hmap", "mapaccess1"]) == [
        "hmap",
        "mapaccess1",
    ]
    assert go_only("In Java I use ThreadLocal. Where is runtime.getg defined?", ["ThreadLocal", "runtime.getg"]) == [
        "runtime.getg"
    ]
    assert other_language_text("Where did typ2Itab go?") == ""


def test_the_question_model_looks_up_no_name_of_another_language() -> None:
    """Trial 86: answers opened with "`BlockingQueue` is not defined in any indexed release", "`G1` ...",
    "HashMap ... 已定义的相近名称：hashbitmap、HasShape"."""
    q = Query.parse("Does a channel send take a lock, like a Java BlockingQueue with a ReentrantLock?")
    assert not {"BlockingQueue", "ReentrantLock"} & {c.text.split(".")[0] for c in q.identifiers}
    assert not q.code_like
    q = Query.parse("goroutine的栈会不会像Java线程栈那样StackOverflowError？")
    assert "StackOverflowError" not in {c.text for c in q.identifiers} | set(q.code_like)
    q = Query.parse("An old blog post mentions the compiler's go.y and a function typ2Itab. Where did they go?")
    assert {"go.y", "typ2Itab"} <= set(q.code_like)
