"""Which sentences of a tour's summary may be its short answer (guide.answering.lead)."""

from __future__ import annotations

import pytest

from guide.answering.lead import _ABOUT_THE_TOUR, _TITLE


@pytest.mark.parametrize(
    "sentence",
    [
        "How a goroutine waits for a lock.",
        "Where a timer waits and who runs it when it fires.",
        "How deferred calls are recorded and run, how a panic runs them, and how recover stops a panic.",
    ],
)
def test_a_sentence_of_wh_clauses_alone_titles_the_tour(sentence: str) -> None:
    assert _TITLE.match(sentence) and _ABOUT_THE_TOUR.search(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "When it is held, the goroutine may spin a few times on a multicore machine, then sleeps on the semaphore.",
        "When no deferred call recovers, the panic value is printed with the stack traces and the program exits.",
    ],
)
def test_a_sentence_that_goes_on_to_its_main_clause_says_what_the_code_does(sentence: str) -> None:
    """Both had been taken for titles (a sentence opening with "When" and ending with a full stop), and so were
    never a short answer."""
    assert not _TITLE.match(sentence) and not _ABOUT_THE_TOUR.search(sentence)


def test_a_sentence_bounded_to_other_releases_is_no_short_answer_there() -> None:
    """Trial 94: "How are Go maps implemented these days?" (go1.27.3) had the maps summary's "Up to Go 1.23 the
    runtime map ... is an array of 2^B buckets ..." as its short answer."""
    from guide.answering.lead import of_release

    old = "Up to Go 1.23 the runtime map (runtime/map.go) is an array of 2^B buckets of 8 entries with overflow chains."
    new = "Since Go 1.24 the map (internal/runtime/maps) is a Swiss table."
    assert of_release(old, "go1.21.13") and not of_release(old, "go1.27.3")
    assert of_release(new, "go1.27.3") and not of_release(new, "go1.21.13")
    assert of_release("Before Go 1.21 the order was found at run time.", "go1.19.8")
    assert not of_release("Before Go 1.21 the order was found at run time.", "go1.21.13")
    assert of_release("The garbage collector (and, since Go 1.19, GOMEMLIMIT) ...", "go1.15.15")  # not its opening


def test_these_days_maps_get_no_short_answer_of_the_old_design(real_index) -> None:
    from guide.answering import answer

    text = answer("How are Go maps implemented these days? Still buckets of 8 with overflow chains?", index=real_index,
                  llm="extractive").text  # fmt: skip
    assert "Up to Go 1.23" not in text.split("Extractive answer")[0], text[:400]


@pytest.mark.parametrize(
    ("question", "step"),
    [
        ("What does sysmon do?", "**runtime.sysmon**"),  # its annotation says "The system monitor", never "sysmon"
    ],
)
def test_the_step_a_question_names_answers_it_first(real_index, question: str, step: str) -> None:
    """A step is shown under its name, and read with it: the step the question names is the one it asks about (the
    steps whose annotations mention sysmon, retake's and exitsyscall's, had been pointed at instead of sysmon's)."""
    from guide.answering import answer
    from guide.answering.relevance import name_says

    text = answer(question, index=real_index, llm="extractive").text
    first = text.split("Most directly, step ", 1)[-1].split("\n\n", 2)
    assert len(first) == 3 and first[1].startswith(step), text[:600]
    # a name that is an English word is the question's English ("the map implementation" is no question on maps.Map)
    assert name_says("Map", ["map", "implementation"], {"map": 3.0, "implementation": 4.0}) == 0.0


def test_a_doc_comment_that_does_not_say_its_name_is_read_with_it(real_index) -> None:
    """Trial 97: "sysmon 是做什么的？它需要 P 吗？" never quoted sysmon's doc comment, "Always runs without a P, so
    write barriers are not allowed.", which answers it: the sentence does not say "sysmon", as Go's summary sentences
    say their name, and the embedding model found the English sentence far from the Chinese question. A doc
    comment's first sentence is read with the name it documents, and a doc comment of a definition the question
    names is quoted whatever that similarity."""
    from guide.answering import answer
    from guide.answering.statements import statements
    from guide.citation import Citation

    doc = "// Always runs without a P, so write barriers are not allowed."
    sysmon = Citation("go1.27.3", "src/runtime/proc.go", 6537, 6540, "runtime.sysmon", "func", "u",
                      "func sysmon() {\n}", 6534, doc, n=1)  # fmt: skip
    assert "sysmon" in statements(sysmon)[0].words
    text = answer("sysmon 是做什么的？它需要 P 吗？", index=real_index, llm="extractive").text
    first = next(ln for ln in text.split("\n") if ln.startswith("- "))
    assert first.startswith("- “Always runs without a P"), text[:700]


@pytest.mark.parametrize(
    ("question", "short"),
    [
        ("Can a goroutine stuck in an infinite loop hang the whole program? I remember for {} used to make the GC wait "
         "forever", "A goroutine does not keep its thread by running long"),
        ("一个死循环的 goroutine 会不会把整个程序卡住？我记得以前 for {} 会让 GC 一直等着",
         "运行得再久，goroutine 也不会一直占着线程"),
    ],
)  # fmt: skip
def test_a_loop_that_never_yields_is_answered_by_preemption_not_the_gc_overview(real_index, question, short) -> None:
    """Trial 110: the short answer to the Chinese question was the GC tour's overview ("垃圾回收器是并发的 ..."), the
    English one had none; the scheduler tour says preemption stops such a loop since Go 1.14, and what it did before
    (the non-cooperative preemption design, 24543: it could delay a stop-the-world such as a GC cycle's start)."""
    from guide.answering import answer

    text = answer(question, index=real_index, llm="extractive").text
    lead = text.split("\n\n")[0]
    assert short in lead and ("Go 1.14" in lead), lead[:300]
    assert "mark-sweep" not in lead, lead[:300]


@pytest.mark.parametrize(
    ("question", "short"),
    [
        ("How does a type assertion or type switch work at runtime — is it slow?",
         "A type assertion to a concrete type compiles to one comparison"),
        ("interface 底层是怎么存的？为什么一个 nil 指针赋给 interface 之后它就 != nil 了？",
         "存着 nil 指针的接口不等于 nil"),
        ("a channel close while someone is sending — what exactly happens?",
         'a goroutine blocked sending panics with "send on closed channel" when it wakes'),
        ("Reading from a nil channel blocks forever — where is that in the code?",
         "A send or a receive on a nil channel blocks forever"),
        ("Does the compiler inline functions that contain a loop now?",
         "The compiler does inline functions that contain a loop (in Go 1.15"),
        ("Our service shows a latency blip every ~2 minutes even when idle. Could the runtime force a GC periodically?",
         "An idle program still has a GC cycle every two minutes"),
    ],
)  # fmt: skip
def test_the_tours_answer_what_their_steps_say_of_a_close_a_nil_and_an_assertion(real_index, question, short) -> None:
    """Trial 110: none had a short answer (the interfaces and channels tours' summaries say what the tours show, and
    "Closing wakes every waiter"); their steps say it (runtime.iface: nil only when both words are nil; dottype1 and
    interfaceSwitch: one comparison, a cache per assertion or switch since Go 1.22; closechan: senders panic when they
    wake; chansend and chanrecv: a nil channel blocks forever), and so do the team's answers now."""
    from guide.answering import answer

    lead = answer(question, index=real_index, llm="extractive").text.split("\n\n")[0]
    assert short in lead, lead[:300]
