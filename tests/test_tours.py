"""The annotated tours (guide/knowledge/tours/*.toml): every anchor exists at every indexed release its step applies
to, and every identifier an annotation quotes occurs in the anchored code there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from guide.definitions import anchored
from guide.knowledge import KnowledgeError
from guide.knowledge.tours import GLOSS, load_tour, tours

_TICKED = re.compile(r"`([^`]+)`")


def test_tours_load_and_ids_match_files() -> None:
    loaded = tours()
    assert loaded, "no tours"
    assert len({t.id for t in loaded}) == len(loaded)
    for t in loaded:
        assert t.steps and t.title and t.title_zh


def test_a_bad_tour_is_a_clear_error(tmp_path) -> None:
    bad = tmp_path / "x.toml"
    bad.write_text('id = "x"\ntitle = "X"\n', encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"x\.toml: missing title_zh, summary, summary_zh, patterns, step"):
        load_tour(bad)


def test_a_chinese_gloss_is_words_of_the_english_text(tmp_path) -> None:
    """A Chinese annotation names the English term the Go sources use after its own ("全局队列（global queue）"), so
    that its reader knows what to look for in the code; the gloss must be the English annotation's own words."""
    step = '[[step]]\nanchor = "runtime.runqput"\nnote = "Half of the ring moves to the global queue."\n'
    head = 'id = "x"\ntitle = "X"\ntitle_zh = "X"\nsummary = "S."\nsummary_zh = "S。"\npatterns = ["x"]\n'
    good = tmp_path / "good.toml"
    good.write_text(f'{head}{step}note_zh = "一半移到全局队列（global queue）。"\n', encoding="utf-8")
    assert "（global queue）" in load_tour(good).steps[0].note_zh
    bad = tmp_path / "bad.toml"
    bad.write_text(f'{head}{step}note_zh = "一半（half of the runq）移到全局队列。"\n', encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"bad\.toml step 1: the gloss （half of the runq） is not words of"):
        load_tour(bad)
    assert sum(len(GLOSS.findall(s.note_zh)) for t in tours() for s in t.steps) >= len(tours())  # glossed, checked


def test_an_answer_glosses_a_term_once(real_index) -> None:
    """Each annotation glosses its own first use of a term, and an answer shows many: "调度器（scheduler）" had been
    said nine times in one answer (trial 96). The answer keeps each gloss the first time only."""
    from guide.answering import answer
    from guide.answering.tour_text import once_glossed

    text = "调度器（scheduler）把 G（G）放进全局队列（global queue）。调度器（Scheduler）再从全局队列（global queue）"
    assert once_glossed(text) == "调度器（scheduler）把 G（G）放进全局队列（global queue）。调度器再从全局队列"
    ans = answer("goroutine 是怎么调度的？", index=real_index, llm="extractive")
    glosses = [g.lower() for g in GLOSS.findall(ans.text)]
    assert glosses and len(glosses) == len(set(glosses)), glosses


def test_a_tours_answers_are_a_short_answer_not_its_routing(tmp_path, real_index) -> None:
    """Trials 89, 90 and 94: "does a tight loop get preempted?" had the scheduler summary's G/M/P sentence as its
    short answer; a preemption sentence in the summary moved routing by meaning (the TCP-socket question lost the
    goroutine-cost tour), so it is one of the tour's ``answers``, which routing does not read."""
    from guide.answering import answer
    from guide.knowledge.tours import tour

    base = (Path(__file__).resolve().parents[1] / "guide/knowledge/tours/scheduler.toml").read_text(encoding="utf-8")
    bad = tmp_path / "x.toml"
    bad.write_text(base.replace('answers_zh = """', 'answers_zh = """多一句。', 1), encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"x\.toml: answers and answers_zh must have as many sentences"):
        load_tour(bad)
    sentence = tour("scheduler").answers.split(":", 1)[0]
    assert sentence not in tour("scheduler").summary
    loop = answer("If a goroutine runs a tight loop with no function calls, can the scheduler still preempt it?",
                  index=real_index, llm="extractive").text  # fmt: skip
    assert loop.split("\n\n", 1)[0].count(sentence) == 1, loop[:300]
    general = answer("How are goroutines scheduled onto OS threads?", index=real_index, llm="extractive").text
    assert sentence not in general


def _anchored(index, step, tag):
    defs = [d for d in index.reader.lookup(step.anchor, tag) if d.symbol == step.anchor]
    if step.path:
        defs = [d for d in defs if d.path == step.path]
    return defs


def _problems(index) -> list[str]:
    """Each anchor missing (or not alone) at a release its step applies to, each quoted identifier not in it."""
    problems = []
    for tour in tours():
        for i, step in enumerate(tour.steps, 1):
            releases = [t for t in index.releases if step in tour.steps_at(t)]
            for tag in releases:
                defs = _anchored(index, step, tag)
                # several only as copies the build chooses among (a platform's, a GOEXPERIMENT's: roundupsize in
                # msize_allocheaders.go and msize_noallocheaders.go at go1.22), of which the walk cites its own
                chosen = len(defs) == 1 or all(d.goos or d.goarch or d.build for d in defs)
                if not defs or not chosen:
                    problems.append(f"{tour.id} step {i}: {step.anchor} has {len(defs)} definitions at {tag}")
                    continue
                d = anchored(index, step.anchor, tag, step.path)
                assert d is not None
                text = index.excerpt(tag, d.path, d.doc_start_line or d.start_line, d.end_line) or ""
                for ident in {*_TICKED.findall(step.note), *_TICKED.findall(step.note_zh)}:
                    if ident not in text:
                        problems.append(f"{tour.id} step {i}: `{ident}` is not in {step.anchor} at {tag}")
    return problems


@pytest.mark.slow
def test_every_anchor_exists_and_every_quoted_identifier_is_in_it(real_index) -> None:
    assert _problems(real_index) == []


@pytest.mark.slow
def test_the_tours_hold_at_every_release_of_a_full_index(monkeypatch) -> None:
    """The same at every release of an index of the full corpus (nine releases from go1.15.15), where one is built:
    ``GOGUIDE_TEST_FULL_INDEX`` names its data directory. The default corpus has two releases; steps bounded to
    older ones (``until = "go1.18"``) are checked only here."""
    import os

    from guide.index import GuideIndex
    from settings import get_settings

    data = os.environ.get("GOGUIDE_TEST_FULL_INDEX")
    if not data:
        pytest.skip("GOGUIDE_TEST_FULL_INDEX names no full-corpus index (goguide sync --corpus full; goguide index)")
    monkeypatch.setenv("GOGUIDE_DATA_DIR", data)
    get_settings.cache_clear()
    index = GuideIndex(get_settings())
    try:
        assert _problems(index) == []
    finally:
        index.close()
        get_settings.cache_clear()


def test_questions_find_the_tour_of_their_topic() -> None:
    from guide.query import Query

    assert Query.parse("How cheap is a goroutine, compared with an OS thread?").tours[0] == "goroutine-cost"
    assert Query.parse("goroutine 和线程是什么关系，怎么调度的？").tours[0] == "scheduler"
    assert Query.parse("What does the linker do with unused functions?").tours[0] == "compile-link"
    assert Query.parse("How are strings concatenated?").tours == ()
    # "gc" is also the Go compiler's name (src/cmd/compile/README.md): not a garbage-collection question
    assert "allocator-gc" not in Query.parse("以前 gc 编译器的 go.y 和 runtime 里的 typ2Itab 现在去哪了？").tours
    assert Query.parse("GC 是什么时候运行的？").tours[0] == "allocator-gc"
    # "实现" (implementation) is what a Chinese question about how something works says
    assert Query.parse("Go 1.21 和 Go 1.24 的 map 实现有什么不同？").tours[0] == "maps"
    # what follows main.main's return is runtime.main's step of the program-start tour (its `exit(0)`)
    assert Query.parse("What happens to other goroutines when main returns?").tours[0] == "program-start"
    assert Query.parse("main 函数退出以后还在跑的 goroutine 怎么办？").tours[0] == "program-start"
    assert Query.parse("Does the main loop return early?").tours == ()
    # reading the network, in either order of the Chinese words (trial 83: "读网络连接" walked the scheduler alone)
    assert "goroutine-cost" in Query.parse("为什么 goroutine 读网络连接的时候不会阻塞操作系统线程？").tours
    assert "goroutine-cost" in Query.parse("网络读数据的时候会阻塞线程吗？").tours
    # where a variable lives is the escape tour; a value copied onto a receiver's stack is not (trial 84)
    assert Query.parse("局部变量什么时候放在栈上？").tours[0] == "stack-vs-heap"
    assert Query.parse("变量是在栈上还是堆上？").tours[0] == "stack-vs-heap"
    assert "stack-vs-heap" not in Query.parse("值是直接拷贝到接收者的栈上吗？").tours
    # a stack that runs out is the stack growth of the goroutine-cost tour (trial 86: escape analysis, the scheduler)
    assert "goroutine-cost" in Query.parse("Can a goroutine stack overflow like a Java thread stack?").tours
    assert "goroutine-cost" in Query.parse("栈不够用的时候怎么办？").tours
    assert Query.parse("What happens when the stack runs out?").tours[0] == "goroutine-cost"
    # a goroutine or the program that panics, in Chinese as in English (trial 100: "一个 goroutine 里 panic 了，
    # 为什么整个程序都崩了？" walked no tour, after a question on stuck goroutines the goroutine-cost tour)
    assert Query.parse("一个 goroutine 里 panic 了，为什么整个程序都崩了？").tours[0] == "defer-panic"
    assert (
        Query.parse("If a goroutine panics and nobody recovers, why does the program crash?").tours[0] == "defer-panic"
    )
    for other in (
        "map 并发写会 panic 吗？",
        "map 并发写会导致程序 panic 吗？",
        "为什么给 nil map 赋值会让程序 panic？",
    ):
        assert "defer-panic" not in Query.parse(other).tours, other


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "tour_id", "zh"),
    [("How cheap is a goroutine? Can one server hold a million connections?", "goroutine-cost", False),
     ("goroutine 和线程是什么关系，怎么调度的？", "scheduler", True)],
)  # fmt: skip
def test_an_answer_walks_the_tour_with_every_step_cited(real_index, question, tour_id, zh) -> None:
    from guide.answering.pipeline import answer
    from guide.knowledge.tours import team_sentences, tour

    t = tour(tour_id)
    ans = answer(question, index=real_index, llm="extractive")
    assert (t.title_zh if zh else t.title) in ans.text
    # the whole summary, said once: a sentence that answers the question opens the answer, the rest heads the tour
    from guide.answering.lead import summary_sentences
    from guide.answering.tour import TourInAnswer
    from guide.language import Lang

    _, said = summary_sentences(TourInAnswer(t, "go1.27.3", [], []), Lang("zh" if zh else "en"))
    extra = set(team_sentences(t.answers_zh if zh else t.answers, "zh" if zh else "en"))  # a short answer only
    text = GLOSS.sub("", ans.text)  # each English gloss is said once in an answer (``once_glossed``)
    assert said and all(text.count(GLOSS.sub("", s)) == (s not in extra) for s in said)
    cited = {c.symbol: c for c in ans.citations}
    newest = real_index.releases[-1]
    for step in t.steps_at(newest):
        c = cited[step.anchor]  # every step is a verified citation of the answer
        assert c.version == newest and (step.path is None or c.path == step.path)
        assert f"{GLOSS.sub('', step.note_zh) if zh else step.note} [{c.n}]" in text


def test_wrapped_annotations_flow_as_one_paragraph_in_either_language() -> None:
    from guide.knowledge.tours import flowed

    assert flowed("逃逸分析，\nwalk（把 map）") == "逃逸分析，walk（把 map）"  # no space after Chinese punctuation
    assert flowed("它总会加载\nruntime 包") == "它总会加载 runtime 包"  # Chinese and Latin keep their space
    assert flowed("运行时\n代码") == "运行时代码"
    assert flowed("  The scheduler\n  runs goroutines.\n") == "The scheduler runs goroutines."
    assert all("， " not in t.summary_zh and "， " not in s.note_zh for t in tours() for s in t.steps)


def test_no_annotation_quotes_prose_that_its_step_does_not_say() -> None:
    """An annotation is cited ([n]) like a quote, and the answer's check looks for the prose it quotes in “quotation
    marks” in the code cited: the maps tour's Chinese "“空（empty）”“已删除（deleted）”" was not in ctrlGroupMatchH2,
    and the step was dropped from the Chinese answer with a note on what was removed (trial 100). An annotation
    says what the code does in its own words, without quotation marks."""
    from guide.answering.check import quoted_prose

    assert quoted_prose("取值为“空（empty）”") == ["空（empty）"]
    quoting = [(t.id, s.anchor) for t in tours() for s in t.steps if quoted_prose(s.note) or quoted_prose(s.note_zh)]
    assert not quoting


def test_a_paths_directories_choose_no_tour() -> None:
    """ "cmd/compile/internal/gc/go.y" names a file of the compiler's old gc package, not the garbage collector: a
    path counts for the tours by its file's name only ("runtime/chan.go" is still about channels)."""
    from guide.query import Query, file_names_only

    assert file_names_only("I read cmd/compile/internal/gc/go.y and src/runtime/chan.go") == "I read go and chan"
    gc_dir = Query.parse("In go1.9 I used to read cmd/compile/internal/gc/go.y. Where did it go?")
    assert "allocator-gc" not in gc_dir.tours
    assert Query.parse("What does runtime/chan.go do?").tours[:1] == ("channels-select",)


def test_each_summary_has_a_chinese_sentence_for_each_english_one() -> None:
    """A Chinese question's short answer is a sentence of the Chinese summary, chosen by its English twin's words:
    the two summaries must split one for one. The defer and timers tours' English summaries had been split as quotes
    are ("... at all. Otherwise each defer ..." kept as one; "... found it. f must not block" not split), one short
    of their Chinese, and no Chinese question on them had a short answer."""
    from guide.answering.lead import summary_sentences
    from guide.answering.tour import TourInAnswer
    from guide.language import Lang

    for t in tours():
        english, chinese = summary_sentences(TourInAnswer(t, "go1.27.3", [], []), Lang("zh"))
        assert english and len(english) == len(chinese), t.id


def test_a_step_within_a_cited_group_reuses_its_number(real_index) -> None:
    """The stack-vs-heap tour's step on ``ir.MaxStackVarSize`` is the declaration's line in its ``var (...)`` group;
    when the answer's sources cite the group, the step is that source ([1]), not the same lines cited again as a new
    number (trial 38: [1] cfg.go:7-26 and [5] cfg.go:11-11)."""
    from dataclasses import replace

    from guide.answering.tour import cited_steps, walk
    from guide.knowledge.tours import tour
    from guide.query import Query

    tag = real_index.releases[-1]
    anchor = "cmd/compile/internal/ir.MaxStackVarSize"
    step = next(c for s, c in cited_steps(real_index, tour("stack-vs-heap"), tag) if s.anchor == anchor)
    assert step is not None
    group = replace(step, start_line=step.start_line - 4, end_line=step.end_line + 15, n=1)
    q = Query.parse("变量什么时候分配在栈上，什么时候分配在堆上？")
    walked = walk(real_index, q, "stack-vs-heap", [tag], [group])
    assert walked is not None
    assert [c.n for c, _ in walked.steps if c.symbol == anchor] == [1]
    assert all(c.symbol != anchor for c in walked.added)
