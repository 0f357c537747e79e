"""Answers on an index of the full corpus (nine releases from go1.15.15), where one is built:
``GOGUIDE_TEST_FULL_INDEX`` names its data directory (goguide sync --corpus full; goguide index)."""

from __future__ import annotations

import os

import pytest

from guide.answering import answer


@pytest.fixture(scope="module")
def full_index():
    from guide.index import GuideIndex
    from settings import get_settings

    data = os.environ.get("GOGUIDE_TEST_FULL_INDEX")
    if not data:
        pytest.skip("GOGUIDE_TEST_FULL_INDEX names no full-corpus index (goguide sync --corpus full; goguide index)")
    mp = pytest.MonkeyPatch()
    mp.setenv("GOGUIDE_DATA_DIR", data)
    get_settings.cache_clear()
    index = GuideIndex(get_settings())
    yield index
    index.close()
    mp.undo()
    get_settings.cache_clear()


@pytest.mark.slow
def test_a_tracer_event_number_is_no_amount_of_what_is_asked(full_index) -> None:
    """At go1.15.15 chansend uses ``traceEvGoBlockSend = 22``, a trace event's number; asked what a send costs, it
    was listed as a constant of the code found (its name says "send"). The tracer's constants qualify only when the
    question is about tracing; the amount a question asks for still comes with its constant."""
    cost = answer("我用的是 Go 1.9，channel 发送数据时会加锁吗？一次发送的开销有多大？", index=full_index)
    assert "lock mutex" in cost.text and "traceEvGoBlockSend" not in cost.text
    stack = answer("How big is a new goroutine's stack in go1.15.15?", index=full_index)
    assert "_StackMin = 2048" in stack.text


@pytest.mark.slow
def test_a_quote_read_again_follows_a_rename_by_case(full_index) -> None:
    """Trial 35: after a comparison that quoted findRunnable, "那 go1.15 呢？" said "go1.15.15 中没有
    runtime.findRunnable 的定义"; go1.15.15 has it as runtime.findrunnable, which the Compare tab calls a rename. The
    quote is read again in that definition, named as it is there. (The question was about the global run queue
    until the scheduler tour gained a step on runtime.schedt, and that comparison no longer quotes findRunnable.)"""
    asked = "How did the way a thread finds the next goroutine to run change between go1.21 and go1.27?"
    first = answer(asked, index=full_index)
    assert "“Goroutines added to a per-P run queue.” (runtime.findRunnable" in first.text
    then = answer("那 go1.15 呢？", history=[(first.question, first.text)], index=full_index)
    line = next(ln for ln in then.text.split("\n") if "(runtime.findRunnable):" in ln)
    assert "go1.15.15（名为 runtime.findrunnable） [" in line and "中没有 runtime.findRunnable 的定义" not in line
    cited = {c.n: c for c in then.citations}
    n = int(line.split("（名为 runtime.findrunnable） [")[1].split("]")[0])
    assert cited[n].symbol == "runtime.findrunnable" and cited[n].version == "go1.15.15"


def test_since_when_a_plain_word_names_a_definition_on_the_larger_index(full_index) -> None:
    """ "Since when does hchan exist?" on nine releases: hchan's timeline, present in the oldest indexed release (it
    had been read as a description, hchan being in too many chunks for a comparison's plain-word subject, and walked
    the channels tour release by release)."""
    ans = answer("Since when does hchan exist?", index=full_index, llm="extractive")
    assert ans.text.startswith("`hchan` across go1.15.15"), ans.text[:300]
    assert "present in the oldest indexed release (go1.15.15)" in ans.text
