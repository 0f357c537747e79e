"""A question in other words than a tour's patterns reaches the tour whose topic it is about, by meaning (the
embedding model that ships with the project), and a question about none of the topics reaches none."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pytest

from guide.query import Query
from guide.retrieval.tour_routing import closest_tour, routed
from ingest.embeddings import CachedEmbeddings, OnnxMiniLMEmbeddings


class _Reader:
    """Every word in one chunk of a thousand: the same idf for each."""

    def doc_freq(self, tokens: Sequence[str]) -> dict[str, int]:
        return dict.fromkeys(tokens, 1)

    def chunk_count(self) -> int:
        return 1000


@dataclass
class _Index:
    """What routing reads of an index: its embedding model, whether that model is loaded, and how often the index
    uses a word (the idf of a question's words in a tour's steps)."""

    embeddings: CachedEmbeddings
    loaded: bool = True
    reader: Any = field(default_factory=_Reader)

    def meaning_ready(self) -> bool:
        return self.loaded


@pytest.fixture(scope="module")
def index() -> _Index:
    return _Index(CachedEmbeddings(OnnxMiniLMEmbeddings(), None, 2000))


@pytest.mark.parametrize(
    ("question", "tour"),
    [
        ("Where are the entries of a Go map stored?", "maps"),
        ("Does a local variable whose address I return end up on the heap?", "stack-vs-heap"),
    ],
)  # fmt: skip
def test_words_no_pattern_matches_reach_the_tour_by_meaning(index, question, tour) -> None:
    q = Query.parse(question)
    assert q.tours == ()  # none of the tour's patterns
    assert routed(index, q).tours == (tour,)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("question", "tour"),
    [
        ("How does the compiler decide whether to inline a call?", "compile-link"),
        ("What happens when a goroutine runs out of stack space?", "goroutine-cost"),
    ],
)  # fmt: skip
def test_a_question_about_one_part_of_a_topic_reaches_its_tour_by_the_step(index, question, tour) -> None:
    """No pattern matches and no tour's summary is clearly closest; one step's annotation is (inlining in the
    compile-and-link tour, stack growth in goroutine cost)."""
    from guide.knowledge.tours import tours
    from guide.retrieval.tour_routing import FLOOR, MARGIN, _meaning

    q = Query.parse(question)
    sims = sorted(_meaning(index, q, tours()), reverse=True)  # type: ignore[arg-type]
    assert q.tours == () and (sims[0] < FLOOR or sims[0] - sims[1] < MARGIN)
    assert closest_tour(index, q) == tour  # type: ignore[arg-type]


def test_a_question_first_by_a_tours_summary_and_by_its_step_reaches_it_when_neither_is_clear(index) -> None:
    """Trial 39: the TCP question is .079 ahead by the goroutine-cost tour's summary and .057 by its step on
    internal/poll's Read, each short of the margin; two measures that agree route it (``AGREED_MARGIN``)."""
    from guide.knowledge.tours import tours
    from guide.retrieval.tour_routing import MARGIN, _meaning, _step_meaning

    q = Query.parse("How does a goroutine blocked reading from a TCP socket get woken up when data arrives?")
    for sims in (_meaning(index, q, tours()), _step_meaning(index, q, tours())):  # type: ignore[arg-type]
        first, second = sorted(sims, reverse=True)[:2]
        assert first - second < MARGIN
    assert q.tours == () and closest_tour(index, q) == "goroutine-cost"  # type: ignore[arg-type]


def test_two_measures_that_agree_by_less_than_either_margin_still_route(index) -> None:
    """A trial of stop 57: "What happens when a goroutine's stack runs out?" is first by the goroutine-cost tour's
    summary (.056 ahead) and by its step on the stack's growth (.042), .098 in all; at the old margin (.12) it got no
    tour and its first quote was runtime.Goexit's "Goexit runs all deferred calls ..."."""
    from dataclasses import replace

    from guide.knowledge.tours import tours
    from guide.retrieval.tour_routing import AGREED_MARGIN, _leader, _meaning, _step_meaning

    q = Query.parse("What happens when a goroutine's stack runs out?")
    assert q.tours == ("goroutine-cost",)  # since trial 86 a pattern names it; read here by meaning alone
    q = replace(q, tours=(), tour_ties=0)
    (i, _, by_whole), (j, _, by_step) = (_leader(f(index, q, tours())) for f in (_meaning, _step_meaning))  # type: ignore[arg-type]
    assert i == j and AGREED_MARGIN <= by_whole + by_step < 0.12
    assert closest_tour(index, q) == "goroutine-cost"  # type: ignore[arg-type]


def test_a_question_about_no_tour_topic_or_between_two_reaches_none(index) -> None:
    for question in (
        "How do I format a date as ISO 8601 in Go?",
        "What licence is the Go project released under?",
        "What turns my .go files into a binary I can run on the server?",  # program start or compile and link
    ):
        assert closest_tour(index, Query.parse(question)) is None  # type: ignore[arg-type]


def test_the_patterns_decide_first_and_without_a_model_alone(index) -> None:
    q = Query.parse("how does the scheduler pick the next goroutine to run?")
    assert q.tours and routed(index, q) is q  # type: ignore[arg-type]
    other = Query.parse("Where are the entries of a Go map stored?")
    assert routed(_Index(index.embeddings, loaded=False), other) is other  # type: ignore[arg-type]
    # growing a goroutine's stack is the goroutine-cost tour's (it had been as close in meaning to the scheduler's)
    assert Query.parse("How does the runtime grow a goroutine's stack when it runs out?").tours == ("goroutine-cost",)


def test_a_question_about_two_tours_gets_both(index) -> None:
    from guide.retrieval.tour_routing import second_tour

    both = Query.parse("how is a Go program compiled and started, is there a VM like Java's?")
    assert both.tours[:2] == ("compile-link", "program-start")
    assert second_tour(index, both) == "program-start"  # type: ignore[arg-type]
    one = Query.parse("how does the scheduler pick the next goroutine to run?")
    assert second_tour(index, one) is None  # type: ignore[arg-type]
    # the post's question in Chinese: one mention of each topic (程序…启动 and 编译…启动 are one mention of the start,
    # two patterns matching nested spans: counted once), program start named first; both, with or without the model
    post = Query.parse("Go 程序是怎么编译和启动的？有没有像 Java 那样的虚拟机？")
    assert post.tours[:2] == ("program-start", "compile-link") and post.tour_ties == 2
    assert second_tour(index, post) == "compile-link"  # type: ignore[arg-type]
    tied = Query.parse("Go 是怎么编译、链接和启动的？")  # as many patterns of each: both, with no model too
    assert tied.tour_ties == 2
    assert second_tour(_Index(index.embeddings, loaded=False), tied) == tied.tours[1]  # type: ignore[arg-type]
    # a part asked about the second topic alone (trial 98: "有没有虚拟机？" beside a question the start matches most, in
    # patterns and, as a whole, in meaning: answered on program start only), with or without the model
    three = Query.parse("Go 程序是怎么编译和启动的？有没有虚拟机？我记得 1.9 的时候入口是 rt0_go，现在还是吗？")
    assert three.tours[:2] == ("program-start", "compile-link") and three.tour_ties == 1
    for idx in (index, _Index(index.embeddings, loaded=False)):
        assert second_tour(idx, three) == "compile-link"  # type: ignore[arg-type]
    assert second_tour(index, Query.parse("How does a Go program start? Where is rt0_go?")) is None  # type: ignore[arg-type]


def test_an_index_without_vectors_routes_by_meaning_too(real_index) -> None:
    """Routing needs the embedding model, not the vectors: the real test index has none (a fresh install before the
    background embedder finishes, or an index built with --no-embed), and a question in other words still reaches
    its tour."""
    assert not real_index.has_vectors and not real_index.dense_ready
    assert real_index.meaning_ready()  # a batch caller waits for the model to load
    q = Query.parse("Where are the entries of a Go map stored?")
    assert routed(real_index, q).tours == ("maps",)


def test_a_question_on_where_a_removed_name_went_is_routed_to_no_tour_by_meaning(index) -> None:
    """Trial 102: "where did go.y go? I remember the compiler had a yacc grammar" walked the escape-analysis tour,
    closest in meaning (.48, .10 ahead of the next): its successor (the syntax package's parser) answers it; a
    question in other words on a topic is still routed."""
    q = Query.parse("where did go.y go? I remember the compiler had a yacc grammar")
    assert q.tours == () and closest_tour(index, q) == "stack-vs-heap"  # type: ignore[arg-type]
    assert routed(index, q).tours == ()  # type: ignore[arg-type]
    assert routed(index, Query.parse("Where are the entries of a Go map stored?")).tours == ("maps",)  # type: ignore[arg-type]


def test_tours_matched_equally_often_are_ordered_by_meaning(index) -> None:
    """ "How many goroutines fit in a P's local run queue?" matches one pattern of the goroutine-cost tour ("how many
    goroutines") and one of the scheduler's ("run queue"); file order put goroutine-cost first, its meaning puts the
    scheduler first. Without the model the words' order stands."""
    q = Query.parse("How many goroutines fit in a P's local run queue?")
    assert q.tour_ties == 2 and q.tours[:2] == ("goroutine-cost", "scheduler")
    assert routed(index, q).tours[:2] == ("scheduler", "goroutine-cost")  # type: ignore[arg-type]
    assert routed(_Index(index.embeddings, loaded=False), q) is q  # type: ignore[arg-type]


def test_a_comparison_reaches_its_topics_tour_by_meaning_too(real_index) -> None:
    """ "Where are the entries of a Go map stored, and did that change between go1.21 and go1.27?" matches no tour's
    patterns; routed by meaning like any other question, its comparison walks the maps tour at both releases (hmap
    buckets, then the Swiss table's groups) instead of comparing one definition the words found."""
    from guide.answering import answer

    ans = answer("Where are the entries of a Go map stored, and did that change between go1.21 and go1.27?",
                 index=real_index, llm="extractive")  # fmt: skip
    assert ans.route == "compare"
    assert "Go maps: the bucket hash table and the Swiss table" in ans.text
    assert {c.version for c in ans.citations} == {"go1.21.13", "go1.27.3"}


def test_a_question_about_one_part_of_a_tour_gets_that_parts_steps_first(index) -> None:
    """The concept list offers the routed tour's steps: a question on one part of the topic (the network poller, in
    a tour that opens with six steps on stacks) gets that part's steps first; a question close to no step (what Go
    does instead of a virtual machine, against the compiler's steps) and a model not loaded keep the tour's order."""
    from guide.knowledge.tours import tour
    from guide.retrieval.tour_routing import PART_FLOOR, step_text, steps_by_meaning

    cost = tour("goroutine-cost")
    q = Query.parse("What happens to a goroutine that reads from a network connection before any data has arrived?")
    first = [s.anchor for s in steps_by_meaning(index, q, cost)[:3]]  # type: ignore[arg-type]
    assert "internal/poll.(*FD).Read" in first and "runtime.newproc1" not in first
    assert steps_by_meaning(_Index(index.embeddings, loaded=False), q, cost) == list(cost.steps)  # type: ignore[arg-type]
    pipeline = tour("compile-link")
    vm = Query.parse("Is there a virtual machine that runs my Go program, like Java's?")
    sims = index.embeddings.similarities(vm.dense_text, [step_text(pipeline, s) for s in pipeline.steps])
    assert max(sims) < PART_FLOOR
    assert steps_by_meaning(index, vm, pipeline) == list(pipeline.steps)  # type: ignore[arg-type]


def test_a_steps_words_count_beside_its_meaning(index, real_index) -> None:
    """Returning memory to the OS is the allocator tour's scavenger step: by meaning alone it is under
    ``PART_FLOOR`` (the tour's order, mallocgc first, had been kept); the question's words that step says ("return",
    "memory", "operating system", weighed by their idf in the real index) put it first. Only a step close in
    meaning already (``PART_MEANING``) lets words reorder the steps."""
    from guide.knowledge.tours import tour
    from guide.retrieval.tour_routing import PART_FLOOR, step_text, steps_by_meaning

    alloc = tour("allocator-gc")
    q = Query.parse("When does Go return freed memory to the operating system?")
    sims = index.embeddings.similarities(q.dense_text, [step_text(alloc, s) for s in alloc.steps])
    assert max(sims) < PART_FLOOR
    real = _Index(index.embeddings, reader=real_index.reader)
    assert steps_by_meaning(real, q, alloc)[0].anchor == "runtime.(*pageAlloc).scavengeOne"  # type: ignore[arg-type]
    # a question on the whole topic keeps the tour's order, though a step says one of its words ("machine code")
    pipeline = tour("compile-link")
    vm = Query.parse("Is there a virtual machine that runs my Go program, like Java's?")
    assert steps_by_meaning(real, vm, pipeline) == list(pipeline.steps)  # type: ignore[arg-type]


def test_a_tour_far_ahead_of_every_other_is_the_topic_below_the_floor(index) -> None:
    """A question about select's fairness matches none of the channel tour's patterns and is under ``FLOOR`` from its
    summary, but far closer to it than to any other tour's: routed there. Questions on no tour's topic stay on none
    (the closest of them, cross-compiling, is under ``WIDE_MARGIN`` ahead)."""
    from guide.knowledge.tours import tours
    from guide.retrieval.tour_routing import FLOOR, WIDE_MARGIN, _meaning

    q = Query.parse("Several cases of one select are ready together. Which one is taken, and is that choice random?")
    sims = sorted(_meaning(index, q, tours()), reverse=True)  # type: ignore[arg-type]
    assert q.tours == () and sims[0] < FLOOR and sims[0] - sims[1] >= WIDE_MARGIN
    assert closest_tour(index, q) == "channels-select"  # type: ignore[arg-type]
    for other in ("How do I cross-compile for Windows?", "What is the best web framework for Go?"):
        assert closest_tour(index, Query.parse(other)) is None  # type: ignore[arg-type]


def test_the_network_poller_in_other_words_reaches_its_tour() -> None:
    """Trial 9: "When a goroutine blocks on network I/O, does it hold an OS thread?" reached no tour of the poller:
    "I/O" was read as a path ("network O"), and the poller's topic had no pattern for a goroutine waiting on the
    network in these words."""
    from guide.query import file_names_only

    assert file_names_only("blocks on network I/O over TCP/IP") == "blocks on network I/O over TCP/IP"
    assert file_names_only("cmd/compile/internal/gc/go.y and runtime/chan.go") == "go and chan"
    for text in (
        "When a goroutine blocks on network I/O, does it hold an OS thread?",
        "How does Go wait for network data without blocking a thread?",
        "网络 IO 阻塞的时候，goroutine 会占用一个线程吗？",
    ):
        assert "goroutine-cost" in Query.parse(text).tours, text


def test_a_term_of_the_vocabulary_whose_declaration_a_tour_walks_reaches_that_tour(index) -> None:
    """ "When several cases of a select are ready, which one runs? Is it fair?" matches no tour's pattern and no
    tour is clearly closest in meaning (.38 from channels and select, .22 from the next); its term "select" is
    runtime.selectgo, a step of the channels tour, which it reaches (trial 29 got no tour). A question with no such
    term and no close tour still reaches none."""
    from guide.retrieval.tour_routing import concept_tour

    q = Query.parse("When several cases of a select are ready, which one runs? Is it fair?")
    assert q.tours == () and closest_tour(index, q) is None and "select" in q.concepts  # type: ignore[arg-type]
    assert routed(index, q).tours == ("channels-select",)  # type: ignore[arg-type]
    assert concept_tour(index, Query.parse("What licence is the Go project released under?")) is None  # type: ignore[arg-type]


def test_tours_that_answer_two_parts_of_a_question_are_walked_in_the_order_asked(real_index) -> None:
    """Trial 57: "How does a Go program start? Is there a VM like Java's?" walked the compile-and-link tour (whose
    summary says there is no VM) first, 9,459 characters before the start-up it asked about first; each tour answers
    a part of its own, so they are walked in the order the parts are asked, a Chinese part's terms read in English too.
    Two tours matched in one part keep the order their patterns and meaning give."""
    from guide.answering import answer
    from guide.knowledge.tours import in_order_asked

    assert in_order_asked("How does a Go program start? Is there a VM like Java's?",
                          ["compile-link", "program-start"]) == ["program-start", "compile-link"]  # fmt: skip
    assert in_order_asked("Is there a VM like Java's? How does a Go program start?",
                          ["compile-link", "program-start"]) == ["compile-link", "program-start"]  # fmt: skip
    assert in_order_asked("How is a Go program compiled and started?",
                          ["compile-link", "program-start"]) == ["compile-link", "program-start"]  # fmt: skip
    # a Chinese part matched by its terms' English (接口: interface), the other part's tour after it (trial 96)
    assert in_order_asked("接口值在内存里长什么样？把一个 int 赋给 interface{} 会分配内存吗？",
                          ["allocator-gc", "interfaces"]) == ["interfaces", "allocator-gc"]  # fmt: skip
    assert in_order_asked("把一个 int 赋给 interface{} 会分配内存吗？",
                          ["allocator-gc", "interfaces"]) == ["allocator-gc", "interfaces"]  # fmt: skip
    ans = answer("How does a Go program start? Is there a VM like Java's?", index=real_index, llm="extractive")
    start = "**Tour: How a Go program starts**"
    compiled = "**Tour: From source to executable: the compiler and the linker**"
    assert start in ans.text and compiled in ans.text
    assert ans.text.index(start) < ans.text.index(compiled)
    assert "There is no virtual machine" in ans.text.split(start)[0]  # the part the later tour answers, said first


def test_a_definition_found_among_the_first_routes_to_the_tour_whose_steps_are_clearly_closest(index) -> None:
    """ "When my HTTP handler reads from a TCP connection ...?" is far from every tour's summary (.31 at best) and
    found internal/poll's (*FD).ReadFrom first and (*FD).Read second: Read is a step of the goroutine-cost tour, whose
    closest step is clearly the closest of all tours' (.54 against .42), so the tour is walked around what was found
    (it had listed five of internal/poll's read functions and never said EAGAIN, netpollblock or gopark). Neither
    alone routes: the same question with only ReadFrom found, or a found definition of a tour that is not closest."""
    from guide.retrieval.tour_routing import tour_of_found

    q = Query.parse(
        "When my HTTP handler reads from a TCP connection and no data has arrived yet, is an OS thread blocked inside "
        "read()? What is actually waiting?"
    )
    found = [("internal/poll.(*FD).ReadFrom", "go1.27.3"), ("internal/poll.(*FD).Read", "go1.27.3")]
    assert tour_of_found(index, q, found).tours == ("goroutine-cost",)  # type: ignore[arg-type]
    assert tour_of_found(index, q, found[:1]).tours == ()  # type: ignore[arg-type]
    assert tour_of_found(index, q, [("runtime.makechan", "go1.27.3")]).tours == ()  # type: ignore[arg-type]


def test_a_chinese_term_and_its_english_count_as_one_pattern_match() -> None:
    """A Chinese question is matched with its terms' English too; "锁竞争" matched the locks tour's Chinese pattern and,
    as "lock contention", its English one: two matches for one thing said, which put the locks tour (sync.Mutex)
    ahead of the timers tour for a question on how timers are implemented now that "timer" matched once (trial 75).
    Either reading counts; the tours tie, and their order is left to meaning."""
    from guide.knowledge.tours import tours_scored

    assert [(t.id, n) for t, n in tours_scored("锁竞争", "lock contention contended")] == [("locks", 1)]
    q = Query.parse("线上服务 timer 相关的锁竞争很厉害。现在的 timer 是怎么实现的？还有全局的锁吗？")
    assert set(q.tours[:2]) == {"locks", "timers"} and q.tour_ties == 2, (q.tours, q.tour_ties)


def test_a_word_of_another_packages_definition_matches_no_tour_and_a_replacement_is_a_change() -> None:
    """ "从 Go 1.9 到现在，sync.Map 的实现换过吗？" matched the maps tour's "map ... implementation" in sync.Map's
    name and walked the built-in map's Swiss table, at the newest release alone: 换过 ("was it replaced") was no change
    word (trial 76). A word of a definition written with a package other than the runtime's is that package's; the
    runtime's own ("runtime.hchan", "maps.Map") and a pattern that names the package ("sync.Mutex") still count."""
    q = Query.parse("从 Go 1.9 到现在，sync.Map 的实现换过吗？")
    assert "maps" not in q.tours and q.asks_change, (q.tours, q.asks_change)
    assert Query.parse("maps.Map 的实现是什么？").tours[:1] == ("maps",)
    assert Query.parse("How is runtime.hchan laid out?").tours[:1] == ("channels-select",)
    assert Query.parse("How does sync.Mutex work?").tours[:1] == ("locks",)
    assert Query.parse("How is the map implemented?").tours[:1] == ("maps",)
    for changed in ("Was the tracer rewritten in go1.22?", "map 的实现在 go1.24 被替换了吗？", "调度器重写过吗？"):
        assert Query.parse(changed).asks_change, changed


def test_how_many_ps_and_the_cgroup_are_the_gomaxprocs_term() -> None:
    """ "How many Ps does the runtime use by default in go1.24 vs go1.25? Does it read the cgroup quota?" matched no
    term or tour, and compared the GC's CPU limiter (trial 76): the number of Ps, asked as "how many Ps", and the
    cgroup, which GOMAXPROCS's default follows on Linux since Go 1.25 (debug.go), are the gomaxprocs term's."""
    q = Query.parse("How many Ps does the runtime use by default in go1.24 vs go1.25? Does it read the cgroup quota?")
    assert "gomaxprocs" in q.concepts, q.concepts


def test_a_chinese_sentence_end_bounds_a_pattern_as_an_english_one_does(index) -> None:
    """ "map 是线程安全的吗？两个 goroutine 同时写为什么会直接崩溃而不是报错？" matched the scheduler tour's
    "threads ... goroutines" across the full-width question mark, and its first screen pointed at isAsyncSafePoint
    (trial 77). Read one sentence at a time, it is the maps tour's question."""
    q = Query.parse("map 是线程安全的吗？两个 goroutine 同时写为什么会直接崩溃而不是报错？")
    assert "scheduler" not in q.tours, q.tours
    assert Query.parse("线程和 goroutine 是什么关系？").tours[:1] == ("scheduler",)
    assert routed(index, q).tours[:1] == ("maps",), routed(index, q).tours


def test_a_tight_loop_in_chinese_is_asynchronous_preemptions_topic(real_index) -> None:
    """Trial 97: "一个没有函数调用的死循环会把整个 P 卡住，GC 也停不下来。现在还会这样吗？" read 死循环 as "loop"
    (the entry shared it with 循环) and pointed at no step of the scheduler's tour, walked after the allocator's;
    死循环 is the sources' "tight loop", the vocabulary's word for asynchronous preemption."""
    from guide.answering import answer
    from guide.query import Query

    q = "我记得 Go 1.9 的时候，一个没有函数调用的死循环会把整个 P 卡住，GC 也停不下来。现在还会这样吗？"
    assert "async-preemption" in Query.parse(q).concepts
    text = answer(q, index=real_index, llm="extractive").text
    assert "的第 16 步：\n\n**runtime.preemptone**" in text, text[:900]


def test_a_types_gc_shape_is_no_garbage_collection_and_a_shrunk_stack_is_the_stacks() -> None:
    """Trial 111: "How are generics implemented — do they use GC shape stenciling with dictionaries?" was answered with
    the allocator and GC tour (a type's "GC shape" is generics' stenciling, design/generics-implementation-gcshape.md);
    "How are goroutine stacks shrunk during GC?" had the GC tour alone, shrinkstack uncited."""
    for text in ("How are generics implemented — do they use GC shape stenciling with dictionaries?",
                 "How are generics implemented: GC-shape stenciling?"):  # fmt: skip
        generics = Query.parse(text)
        assert "allocator-gc" not in generics.tours and "garbage-collector" not in generics.concepts, text
    assert "allocator-gc" in Query.parse("When does the GC start a cycle?").tours
    for text in ("How are goroutine stacks shrunk during GC?", "When does the runtime shrink a goroutine's stack?",
                 "Which stacks shrank during the last GC?"):  # fmt: skip
        assert Query.parse(text).tours[:1] == ("goroutine-cost",), text


def test_inlining_a_function_is_the_compile_tours_and_a_key_stored_inline_is_not() -> None:
    """Trial 111: "Does the compiler inline functions that contain a loop now?" reached no tour (the compile-and-link
    tour walks the inliner: CanInline); a map's keys "stored inline" in its slots are no inlining."""
    for text in ("Does the compiler inline functions that contain a loop now?", "现在编译器会内联带循环的函数吗？",
                 "How does the inliner decide?", "Why is my function not inlined?"):  # fmt: skip
        assert "compile-link" in Query.parse(text).tours, text
    stored = Query.parse("My map uses a 200-byte struct as the key. Are the keys stored inline in the slots?")
    assert "compile-link" not in stored.tours
