"""A tour below the lines that answer is shown folded in the web chat (guide/answering/folds.py): the answer's
text is unchanged, the fold says where the tour is, and the chat shows it closed with its title and step count."""

from __future__ import annotations

import pytest

from guide.answering import folds as folds_module
from guide.answering.folds import CLOSE, MIN_CHARS, OPEN, Fold, folded, folds_of, unmarked
from guide.answering.result import Answer, Event
from tests.three_step_tour import three_step_tour


def test_marks_come_out_and_say_where_the_part_is() -> None:
    steps = "\n".join(f"{i}. **runtime.chansend** — a send takes the channel's lock first. [{i}]" for i in range(1, 30))
    tour = f"**Tour: Channels** (go1.27.3)\n\n{steps}"
    assert len(tour) >= MIN_CHARS
    for before, after in (("Quoted. [1]", "See also: x [4]"), ("", "See also: x [4]"), ("Quoted. [1]", "")):
        marked = "\n\n".join(p for p in (before, folded(tour), after) if p)
        text, folds = folds_of(marked)
        assert text == "\n\n".join(p for p in (before, tour, after) if p)  # as written without the marks
        assert folds == [Fold(text.index(tour), text.index(tour) + len(tour))]
        assert unmarked(marked) == text and OPEN not in text and CLOSE not in text
    assert folds_of("no marks") == ("no marks", [])
    assert folds_of(f"a\n\n{OPEN}\n\nno pair") == ("a\n\nno pair", [])  # a paragraph dropped with its pair
    assert folded("") == ""
    short = "**Tour: X** (go1.27.3 → go1.27.3)\n\nThe same text at both releases. [1]"  # read faster than opened
    assert folds_of(f"a\n\n{folded(short)}") == (f"a\n\n{short}", [])


def test_streamed_text_shows_no_mark_and_the_json_says_the_folds() -> None:
    assert Event("token", text=folded("**Tour: X**\n\n1. a")).text == "**Tour: X**\n\n1. a"
    ans = Answer(question="q", text="a\n\n**Tour: X**", folds=[Fold(3, 14)])
    assert ans.to_json()["folds"] == [[3, 14]]


def test_a_tour_is_folded_below_the_steps_that_answer_and_open_for_its_whole_topic(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Asked about two of its steps (the network poller), they are written out above and the tour below them is
    folded; asked about the whole topic, the tour is the answer and stays open."""
    from guide.answering.extractive import compose
    from guide.language import Lang

    monkeypatch.setattr(folds_module, "MIN_CHARS", 0)  # a short tour of three steps
    tour, steps = three_step_tour()
    idf = {"network": 5.0, "poller": 6.0, "stack": 3.0}
    text, folds = folds_of(compose(["network", "poller"], [c for c, _ in steps], "go1.27.3", Lang("en"), idf, tour))
    assert len(folds) == 1
    part, above = text[folds[0].start : folds[0].end], text[: folds[0].start]
    assert part.startswith("1. **runtime.newstack**") and part.rstrip().endswith("[3]"), part  # the steps folded
    assert "Most directly, steps 2 and 3" in above and "**Tour: " in above  # what answers, and the tour's head, open
    whole = compose(["goroutine"], [c for c, _ in steps], "go1.27.3", Lang("en"), {"goroutine": 2.0}, tour)
    assert OPEN not in whole and CLOSE not in whole


def test_the_chat_shows_a_fold_closed_with_its_title_and_steps() -> None:
    from guide.citation import Citation
    from guide.language import Lang
    from guide.render.html import chat_markdown, esc, folded_chat

    cited = [
        Citation("go1.27.3", "src/runtime/chan.go", 34, 55, "runtime.hchan", "type", "u", "type hchan struct {}", n=n)
        for n in (1, 2)
    ]
    steps = "1. **runtime.hchan** — x [1]\n2. y [2]"
    text = f"Quoted. [1]\n\n**Tour: Channels** (go1.27.3)\n\nIn short: ...\n\n{steps}\n\nSee also: z [2]"
    fold = Fold(text.index(steps), text.index(steps) + len(steps))
    html = folded_chat(text, [fold], 0, cited, Lang("en"))
    said = esc("The tour's 2 steps, each citing the code")
    assert f'<details class="gg-fold"><summary>{said}</summary>' in html
    assert html.startswith(chat_markdown(text[: fold.start], 0, cited))  # the head and its summary open
    assert html.endswith(chat_markdown("\n\nSee also: z [2]", 0, cited))
    inside = html[html.index("</summary>") : html.index("</details>")]
    assert chat_markdown(steps, 0, cited) in inside  # its markers link to the cards
    assert "导读的 2 个步骤" in folded_chat(text, [fold], 0, cited, Lang("zh"))
    assert folded_chat(text, [], 0, cited) == chat_markdown(text, 0, cited)
    # a tour's changes between releases: its first line names it
    changes = "**Tour: Channels and `select`** (go1.21.13 → go1.27.3)\n\n- **runtime.chansend**: body +3 −1 [1]"
    shown = folded_chat(changes, [Fold(0, len(changes))], 0, cited, Lang("en"))
    assert "<summary>Tour: Channels and <code>select</code> (go1.21.13 → go1.27.3)</summary>" in shown


def test_a_question_on_part_of_a_tour_folds_it_on_the_real_index(real_index) -> None:
    """The post's channel question: hchan's lock and chansend's steps answer it above; the channels tour's ten steps
    are folded under its title and summary (which stay open: trial 84 found a send's cost only there), and the text
    is what it was."""
    from guide.answering import answer

    ans = answer("Does a channel send take a lock?", index=real_index, llm="extractive")
    assert len(ans.folds) == 1, ans.text[:2000]
    part, above = ans.text[ans.folds[0].start : ans.folds[0].end], ans.text[: ans.folds[0].start]
    assert part.startswith("1. **runtime.hchan**") and "runtime.chansend" in part
    assert "Most directly" in above and "**Tour: Channels and select**" in above and "In short" in above
    whole = answer("How does the Go scheduler work?", index=real_index, llm="extractive")
    assert whole.folds == [] and "**Tour: The goroutine scheduler" in whole.text


def test_a_comparisons_tour_changes_after_what_was_found_are_folded(real_index) -> None:
    """What changed in the runtime's own lock between two releases: what the search found at each comes first; the
    mutex tour's changes, the topic around it, are folded below its title and summary (they had been 6,000
    characters more to scroll)."""
    from guide.answering import answer

    ans = answer(
        "How did the runtime's own internal lock implementation change between go1.21 and go1.27?",
        index=real_index,
        llm="extractive",
    )
    assert ans.route == "compare" and len(ans.folds) == 1, (ans.route, ans.text[:3000])
    part, above = ans.text[ans.folds[0].start : ans.folds[0].end], ans.text[: ans.folds[0].start]
    assert part.startswith("**How the tour's steps changed, step by step**\n\n**"), part[:300]
    assert "**go1.21.13**" in above  # what was found at each release, open above
    # the tour's title and the team's summary stay open (trial 85: folded whole, a summary hid the only words on a
    # new collector)
    tour = above.rindex("**Tour: ")
    assert "→" in above[tour:].split("\n", 1)[0] and "In short (the team's summary" in above[tour:]


def test_a_part_for_another_reader_is_folded_however_short() -> None:
    """The command that indexes a release is for whoever runs the guide: folded under its head, short as it is."""
    head = "**For whoever runs this guide: how to index go1.9 too**\nRun `python -m corpus sync ...`."
    text, folds = folds_of(f"The answer. [1]\n\n{folded(head, always=True)}")
    assert text == f"The answer. [1]\n\n{head}" and [text[f.start : f.end] for f in folds] == [head]


def test_a_comparison_says_its_tours_changes_in_words_and_folds_the_code_changes(real_index) -> None:
    """Trial 85: what changed in the scheduler between go1.21 and go1.27 was the team's notes, then some 10,000
    characters of fields added and calls renamed per step, open. The notes stay open; the code's changes step by step
    are folded."""
    from guide.answering import answer

    ans = answer(
        "What changed in the scheduler between go1.21 and go1.27 that could affect tail latency?",
        index=real_index,
        llm="extractive",
    )
    assert ans.folds, ans.text[:2000]
    part, above = ans.text[ans.folds[0].start : ans.folds[0].end], ans.text[: ans.folds[0].start]
    assert "**What changed, as the team's notes on these steps at go1.27.3 say" in above
    # the code's changes under their own head, which names the fold (trial 103: it had stood right under "How the
    # tour's steps changed, step by step", the same said twice)
    assert part.startswith("**How these steps changed between go1.21.13 and go1.27.3**"), part[:300]
    assert "step by step" not in part.split("\n", 1)[0]
