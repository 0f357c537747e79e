"""A follow-up that asks whether something changed reads the previous answer's quotes again at each release
(guide/answering/held.py)."""

from __future__ import annotations

import re

from guide.answering import answer
from guide.answering.held import Quoted, holds, quoted_lines
from guide.citation import Citation


def test_the_quotes_of_definitions_are_read_from_an_answer() -> None:
    text = (
        "Extractive answer (no language model): what the Go sources at go1.27.3 say, quoted.\n\n"
        "- `lock mutex` — “lock protects all fields in hchan, as well as several fields in sudogs blocked on this "
        "channel.” (runtime.hchan) [1]\n"
        "- “A design document's sentence is no definition's.” (design document: Memory regions) [2]\n"
        "- “Steal half of elements from local runnable queue of p2 …” (runtime.runqsteal) [3]\n"
        "- “netpoll checks for ready network connections.” (runtime.netpoll) [4]\n"
    )
    line = "- `fn := main_main` — “make an indirect call, as the linker doesn't know” (runtime.main, line 301) [7]"
    assert quoted_lines(line) == [
        Quoted("runtime.main", "make an indirect call, as the linker doesn't know", "fn := main_main")
    ]
    assert quoted_lines(line.replace(", line 301", "，第 301 行"))[0].symbol == "runtime.main"
    got = quoted_lines(text)
    assert got == [
        Quoted(
            "runtime.hchan",
            "lock protects all fields in hchan, as well as several fields in sudogs blocked on this channel.",
            "lock mutex",
        ),
        Quoted("runtime.runqsteal", "Steal half of elements from local runnable queue of p2"),  # cut: its start
    ]


def test_a_quote_holds_where_its_sentence_and_code_are_whatever_the_line_breaks() -> None:
    excerpt = (
        "type hchan struct {\n\tqcount uint\n\t// lock protects all fields in hchan, as well as several\n"
        "\t// fields in sudogs blocked on this channel.\n\tlock mutex\n}"
    )
    cit = Citation("go1.21.13", "src/runtime/chan.go", 33, 40, "runtime.hchan", "type", "u", excerpt)
    said = "lock protects all fields in hchan, as well as several fields in sudogs blocked on this channel."
    assert holds(cit, Quoted("runtime.hchan", said, "lock mutex"))
    assert not holds(cit, Quoted("runtime.hchan", said, "lock rwmutex"))  # the code line differs
    assert not holds(cit, Quoted("runtime.hchan", "lock protects the buffer only."))


def test_a_doc_link_and_its_bare_name_are_the_same_sentence_at_two_releases() -> None:
    """time.Timer.Stop's doc comment at go1.21.13 says "Stop prevents the Timer from firing."; go1.27.3 writes the
    doc link "[Timer]". A follow-up asking whether it was the same at go1.21 had said the sentence was not there."""
    old = "// Stop prevents the Timer from firing.\n// It returns true if the call stops the timer.\n"
    old += "func (t *Timer) Stop() bool {"
    cit = Citation("go1.21.13", "src/time/sleep.go", 70, 72, "time.(*Timer).Stop", "method", "u", old)
    assert holds(
        cit, Quoted("time.(*Timer).Stop", "Stop prevents the [Timer] from firing. It returns true if the call")
    )
    assert not holds(cit, Quoted("time.(*Timer).Stop", "Stop prevents the [Ticker] from firing."))


def test_did_that_change_says_first_whether_the_previous_answers_quotes_still_hold(real_index) -> None:
    """Trial 19: "Did that change since Go 1.21?" after "Does a channel take a lock? What does a send cost?" listed
    chansend's changed lines and never said whether hchan's lock was still there."""
    first = answer("Does a channel take a lock? What does a send cost?", index=real_index, llm="extractive")
    assert "`lock mutex` — “lock protects all fields in hchan" in first.text
    ans = answer("Did that change since Go 1.21?", history=[(first.question, first.text)], index=real_index,
                 llm="extractive")  # fmt: skip
    head = ans.text.partition("\n\n")[0]
    assert head.startswith("**What the answer before quoted still holds at go1.21.13 and go1.27.3**"), ans.text[:500]
    line = next(ln for ln in head.splitlines() if "`lock mutex`" in ln)
    by_n = {c.n: c for c in ans.citations}
    cited = [by_n[int(n)] for n in re.findall(r"\[(\d+)\]", line)]
    assert {(c.symbol, c.version) for c in cited} == {("runtime.hchan", "go1.21.13"), ("runtime.hchan", "go1.27.3")}
    assert "said at go1.21.13" in line and "not in its definition" not in line
    alone = answer("Did the channel's send change since Go 1.21?", index=real_index, llm="extractive")
    assert "What the answer before quoted" not in alone.text  # a question of its own: nothing before it


def test_a_comparison_the_tours_changes_already_detail_is_not_said_again() -> None:
    """Trial 20: after "Did that change since Go 1.21?" the tour's changed steps said chansend's "body: +12 −4 lines
    [1] [2]; calls added: ...", and the comparison of chansend after them said it again."""
    from guide.answering.tour_changes import StepChanges

    walked = StepChanges(
        "**How these steps changed between go1.21.13 and go1.27.3**\n"
        "- **runtime.chansend**: body: +12 −4 lines [1] [2]\n\n"
        "The tour's other steps changed too: runtime.hchan [5]."
    )
    assert walked.details("runtime.chansend")
    assert not walked.details("runtime.hchan")  # only named: its comparison says what changed
    assert not walked.details("runtime.chan")


def test_a_named_definitions_comparison_is_not_also_an_item_of_the_tours_changes(real_index) -> None:
    """Trial 20 (noticed beside it): "Did runtime.chansend change ...?" listed chansend's "body: +12 −4 lines" and its
    calls among the tour's changed steps, then in chansend's own comparison."""
    ans = answer("Did runtime.chansend change between go1.21.13 and go1.27.3?", index=real_index, llm="extractive")
    assert "Comparison of `runtime.chansend`" in ans.text
    assert not any(ln.startswith("- **runtime.chansend**") for ln in ans.text.splitlines()), ans.text[:1500]


def test_when_many_steps_changed_those_changed_most_are_named_first(real_index) -> None:
    """Trial 20: "What changed in the scheduler between go1.21 and go1.27?" listed sixteen changed steps, thirty-five
    field phrases first, without saying which changed much; the steps whose code changed most now come first, with
    their lines added and removed, each cited at both releases."""
    ans = answer("What changed in the scheduler between go1.21 and go1.27?", index=real_index, llm="extractive")
    line = next((ln for ln in ans.text.splitlines() if ln.startswith("The code changed most")), None)
    assert line is not None, ans.text[:1200]
    named = re.findall(r"(runtime\.\w+) \(\+(\d+) −(\d+)\) \[(\d+)\] \[(\d+)\]", line)
    assert len(named) == 3, line
    sizes = [int(a) + int(r) for _, a, r, _, _ in named]
    assert sizes == sorted(sizes, reverse=True)
    by_n = {c.n: c for c in ans.citations}
    assert all({by_n[int(a)].version, by_n[int(b)].version} == {"go1.21.13", "go1.27.3"} for *_, a, b in named)


def test_a_constant_the_answer_found_is_read_again() -> None:
    """Trial 104: "Is that still true in the latest release?" after "How big is a new goroutine's stack?" read again
    "The main goroutine." and maxstackceiling, the quotes after the constants' block, not `stackMin = 2048`, the
    amount asked for."""
    said = "The minimum size of stack used by Go code"
    for line in (
        f"- `stackMin = 2048` — “{said}” (runtime.stackMin, used by runtime.newproc1 [1]) [2]",
        f"- `stackMin = 2048` — “{said}” (runtime.stackMin, 由 runtime.newproc1 [1] 使用) [2]",
    ):
        assert quoted_lines(line) == [Quoted("runtime.stackMin", said, "stackMin = 2048")], line
    assert quoted_lines(f"- `stackMin = 2048` — “{said}” (runtime.stackMin, used by the runtime) [2]") == []
    # its user not among the sources (no marker), and a second sentence that gives the number (the review)
    alone = f"- `stackMin = 2048` — “{said}” (runtime.stackMin, used by runtime.newproc1) [2]"
    assert quoted_lines(alone) == [Quoted("runtime.stackMin", said, "stackMin = 2048")]
    load = "Maximum load factor prior to growing."
    two = f"- `maxAvgGroupLoad = 7` — “{load}” … “7/8 is the same load factor.” (internal/runtime/maps.maxAvgGroupLoad, used by internal/runtime/maps.(*table).rehash [1]) [2]"  # noqa: E501
    assert quoted_lines(two) == [Quoted("internal/runtime/maps.maxAvgGroupLoad", load, "maxAvgGroupLoad = 7")]
