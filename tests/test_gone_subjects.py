"""A comparison whose subjects no indexed release defines (guide.history.gone, guide.answering.gone_answer): "What
changed since go1.9?" after "Where did go.y and typ2Itab go?" had compared go.y alone, said four times that it was
not defined, and offered runtime.ifaceeq as go.y's "closest definition" at go1.21.13 (printed as "y")."""

from __future__ import annotations

import re

from guide.answering import answer
from guide.history.compare import compare
from guide.history.gone import follow_gone, gone_subjects

OLD, NEW = "go1.21.13", "go1.27.3"


def test_each_name_gone_is_followed_through_its_successors(real_index) -> None:
    first = "Where did go.y and typ2Itab go?"
    history = [(first, answer(first, index=real_index, llm="extractive").text)]
    ans = answer("What changed since go1.21?", index=real_index, history=history, llm="extractive")
    assert ans.route == "compare" and ans.grounded
    assert "closest definition" not in ans.text and "ifaceeq" not in ans.text
    for name in ("go.y", "typ2Itab"):  # both names of the thread, each said once to be nowhere: in one line, as the
        assert ans.text.count(f"`{name}` is not") == 1, ans.text  # answer before said where it went
        assert f"`{name}` is not defined in any indexed release (said above, with where it went)." in ans.text
    # what does their work now, compared: each line cites both releases (the itab's init method, renamed itabInit,
    # is one line: its two names are one function)
    lines = [ln for ln in ans.text.split("\n") if ln.startswith("- **")]
    assert [re.match(r"- \*\*(\S+)\*\*", ln).group(1) for ln in lines] == [  # type: ignore[union-attr]
        "cmd/compile/internal/syntax.Parse", "cmd/compile/internal/syntax.parser", "runtime.getitab",
        "runtime.itabsinit", "runtime.(*itab).init",
    ]  # fmt: skip
    by_n = {c.n: c for c in ans.citations}
    for ln in lines:
        marks = [by_n[int(n)] for n in re.findall(r"\[(\d+)\]", ln)]
        assert sorted(c.version for c in marks) == [OLD, NEW], ln
    assert "runtime.itabInit" in lines[-1] and "signature" in lines[-1]


def test_a_name_defined_somewhere_is_compared_as_itself(real_index) -> None:
    """hmap is at go1.21.13: its own comparison says it was replaced; a misspelt name has no successor entry."""
    for name in ("hmap", "findRunable"):
        comp = compare(real_index, name, OLD, NEW)
        assert gone_subjects(real_index, comp, [name]) == []
    comp = compare(real_index, "typ2Itab", OLD, NEW)
    assert gone_subjects(real_index, comp, ["go.y", "typ2Itab", "hchan"]) == ["typ2Itab", "go.y"]
    # the subject misspelt, another name gone: the misspelt one is said so, not replaced by the other (review)
    assert gone_subjects(real_index, compare(real_index, "findRunable", OLD, NEW), ["typ2Itab"]) == []
    # a path and its file name are one successor entry: followed once
    path = "src/cmd/compile/internal/gc/go.y"
    ans = answer(f"What changed in {path} between go1.21 and go1.27?", index=real_index, llm="extractive")
    assert ans.text.count("What does its work now") == 1, ans.text
    (gone,) = follow_gone(real_index, ["typ2Itab"], OLD, NEW)
    assert {c.right.symbol for c in gone.compared if c.right} == {
        "runtime.getitab", "runtime.itabsinit", "runtime.itabInit"
    }  # fmt: skip


def test_the_follow_up_in_chinese_is_said_in_chinese(real_index) -> None:
    history = [("go.y 和 typ2Itab 去哪了？", "")]
    ans = answer("从 go1.21 到现在变了什么？", index=real_index, history=history, llm="extractive")
    assert "现在做它的工作的代码" in ans.text and "What does" not in ans.text
    assert "；新增调用：`itabInit`" in ans.text  # the Chinese separators, not "; "


def test_the_compare_tab_says_once_that_a_gone_name_is_nowhere(real_index) -> None:
    """The Compare tab's "typ2Itab" had said "not defined at go1.21.13", "not defined at go1.27.3", "in none of the
    indexed releases" and "is not defined in any indexed release": one line says it, with its successors."""
    from guide.render.markdown import render_comparison_markdown

    comp = compare(real_index, "typ2Itab", OLD, NEW)
    for lang, said in (("en", "in none of the indexed releases"), ("zh", "不在任何已索引的版本中")):
        text = render_comparison_markdown(comp, lang, {})
        assert text.count(said) == 1 and "not defined" not in text and "没有定义" not in text, text


def test_the_timer_functions_of_go1_21_point_to_the_methods_that_replaced_them(real_index) -> None:
    """Trial 104: the Compare tab said runtime.addtimer was removed and not what replaced it; since Go 1.23 a timer's
    operations are its methods (guide/knowledge/successors.toml, each entry's quote checked by test_knowledge);
    resettimer needs none: it is resetTimer at go1.27.3, which the comparison follows as a rename."""
    for old, new in (("runtime.addtimer", "runtime.(*timer).maybeAdd"), ("runtime.deltimer", "runtime.(*timer).stop"),
                     ("runtime.modtimer", "runtime.(*timer).modify")):  # fmt: skip
        comp = compare(real_index, old, OLD, NEW)
        assert {"change": "removed", "symbol": old, "successor": [new]} in comp.summary, comp.summary
        assert comp.successor is not None and [d.symbol for d in comp.successor.definitions] == [new]
    renamed = compare(real_index, "runtime.resettimer", OLD, NEW).summary[0]
    assert renamed == {"change": "renamed", "new": "runtime.resetTimer", "old": "runtime.resettimer"}
