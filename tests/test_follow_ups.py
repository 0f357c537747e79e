"""Follow-ups that name something of their own: a pronoun or a final 呢 makes a question of a conversation a
follow-up when its own words name no tour's topic, and the thread's words weigh less than its own in what is quoted."""

from __future__ import annotations

from guide.answering.relevance import NEW_FACTOR, THREAD_SHARE, own_words_first
from guide.conversation import is_follow_up, needs_previous
from guide.query import Query


def test_a_pronoun_or_a_final_ne_stands_for_the_turn_before() -> None:
    for text in (
        "What does it do when its own queue is empty?",
        "Can a goroutine wait forever to get it?",
        "Why does iterating over it give a different order every time?",
        "What happens to those waiting goroutines when someone closes the channel?",
        "如果一个 goroutine 一直占着 CPU 不让出来呢？",
    ):
        assert is_follow_up(text), text
    for text in (
        "What is escape analysis and why does it matter?",  # "it" is escape analysis, which names a tour's topic
        "How does the GC find pointers on the stack and why is it precise?",
        "在 Go 1.21 里 map 是怎么扩容的？",
        "Is it possible to change the initial stack size of a goroutine at run time?",  # too long to be one
    ):
        assert not is_follow_up(text), text
    # a Chinese question that opens with "can" or "will", naming no one who can (trial 35: "能 recover 吗？" after a
    # map's concurrent writes was a question of its own on recover); one that names its subject first is its own
    for text in ("能 recover 吗？", "会阻塞吗？", "可以调整吗"):
        assert is_follow_up(text), text
    for text in ("map 能并发读吗？", "Go 会把栈放到堆上吗？", "能讲讲 GMP 调度模型吗？", "可以解释一下逃逸分析吗？",
                 "能在 Windows 上交叉编译吗？", "可以用 channel 实现互斥锁吗？"):  # fmt: skip
        assert not is_follow_up(text), text


def test_which_one_chooses_among_what_the_turn_before_found() -> None:
    """Trial 47: "Which one does linux/amd64 use in go1.27?", after an answer that cited the runtime lock's futex,
    semaphore and spin-bit files, was read as a question of its own and cited sys_linux_amd64.s."""
    for text in ("Which one does linux/amd64 use in go1.27?", "Which of them runs first?", "Which ones changed?"):
        assert is_follow_up(text), text
    for text in ("Which one is faster, a mutex or a channel?", "Which goroutine runs first after a channel send?"):
        assert not is_follow_up(text), text


def test_a_follow_ups_own_words_weigh_more_than_its_threads() -> None:
    history = [("How does a goroutine block when it receives from an empty channel?", "...")]
    q = Query.parse("What happens to those waiting goroutines when someone closes the channel?", history)
    assert q.previous is not None and not q.thread_only
    assert "closes" in q.own_tokens and "empty" in q.tokens and "empty" not in q.own_tokens
    idf = {"closes": 4.0, "empty": 2.0, "channel": 1.0}
    weighted = own_words_first(idf, q.tokens, q.own_tokens)
    assert weighted == {"closes": 4.0, "empty": 2.0 * THREAD_SHARE, "channel": 1.0}
    # what the follow-up adds (its words the thread does not say) weighs more than what both say
    assert "closes" in q.new_tokens and "channel" not in q.new_tokens and "empty" not in q.new_tokens
    added = own_words_first(idf, q.tokens, q.own_tokens, q.new_tokens)
    assert added == {"closes": 4.0 * NEW_FACTOR, "empty": 2.0 * THREAD_SHARE, "channel": 1.0}
    alone = Query.parse("What happens when someone closes a channel?")
    assert alone.own_tokens == alone.tokens and own_words_first(idf, alone.tokens, alone.own_tokens) == idf
    bare = Query.parse("Why?", history)  # names nothing of its own: the thread is what it asks about
    assert bare.thread_only and bare.own_tokens == bare.tokens


def test_a_short_question_that_names_nothing_goes_on_from_the_conversation_when_its_finds_agree(real_index) -> None:
    """ "调用 Stop 之后会发生什么？" after "Go 的定时器是怎么实现的？" names no topic of its own; alone it is read as
    anything (Stop of the world). What it finds alone (the timer's Stop, by two searches with the vectors) is in a
    file the timers tour's steps read: it is read as a follow-up, on the timers' topic. "Does a small allocation need a
    lock?" after an answer that said small allocations and locks is one at once; after an answer that said none of
    its words, it is a question of its own, whatever it finds (trial 110, ``says_new``), as "How are strings
    represented?" after a question on maps."""
    from guide.answering import answer
    from guide.answering.continued import continued, says_new

    timers = [("Go 的定时器是怎么实现的？", "A timer is stopped by a call to its Stop method ...")]
    q = Query.parse("调用 Stop 之后会发生什么？", timers)
    assert q.may_continue and q.previous is None and not says_new(q)  # its words were said: what it finds tells
    follow = Query.parse(q.question, q.history, continues=True)
    assert "timers" in follow.tours  # read in its thread, on the timers' topic (in_thread: test_a_term_of_its_own_...)
    said = "A small allocation comes from the P's own cache, with no lock; only a refill needs one."
    alloc = [("How does Go allocate memory for new objects?", said)]
    assert Query.parse("Does a small allocation need a lock?", alloc).previous == alloc[0][0]
    ans = answer("Does a small allocation need a lock?", history=alloc, index=real_index, llm="extractive")
    assert any("follow-up" in w for w in ans.warnings), ans.warnings
    unsaid = Query.parse("Does a small allocation need a lock?", [(alloc[0][0], "...")])
    assert unsaid.may_continue and continued(real_index, unsaid) is None
    strings = Query.parse("How are strings represented?", [("How does a map lookup find a key?", "...")])
    assert strings.may_continue and continued(real_index, strings) is None
    named = Query.parse("What does runtime.Gosched do?", alloc)  # names its own identifier: nothing to decide
    assert not named.may_continue and continued(real_index, named) is None


def test_a_platform_named_alone_is_where_the_last_question_is_asked_again() -> None:
    """Trial 36: "在 arm64 上呢？" after a question on preemption was read as a question of its own ("arm64" looked like
    a name) and answered with the arm64 compiler's condition codes. A platform, like a release, is where a question is
    asked; a question that names something besides it is its own."""
    from guide.conversation import needs_previous

    for text in ("在 arm64 上呢？", "arm64 上呢？", "what about arm64?", "and on linux/386?", "on riscv64?",
                 "在arm64上呢？", "arm64上呢？"):  # fmt: skip
        assert is_follow_up(text) and needs_previous(text), text
    # a platform asked about is the question's subject (review: "what is wasm?" had been taken for a follow-up)
    for text in ("arm64 上 Go 程序的入口在哪里？", "How does asm_arm64.s start?", "能在 Windows 上交叉编译吗？",
                 "what is wasm?", "How does js/wasm work?"):  # fmt: skip
        assert not is_follow_up(text), text


def test_a_pronoun_beside_code_the_question_names_stands_for_that_code() -> None:
    """Trial 37: "How does atomic.LoadUint64 compile on arm64? Is it a full memory barrier?" was read as a follow-up
    of a question on preemption: its "it" is the function it names."""
    assert not is_follow_up("How does atomic.LoadUint64 compile on arm64? Is it a full memory barrier?")
    assert is_follow_up("What does it do when its own queue is empty?")


def test_a_term_of_its_own_outside_the_threads_tour_is_a_question_of_its_own() -> None:
    """Trial 37: "Does append always double the capacity?" after a question on maps found the Swiss table's "double
    capacity" among its first five (two searches agreeing) and was answered as a follow-up, with map growth. The
    vocabulary's "append" names growslice, which no step of the maps tour reads: a question of its own. A question
    whose terms name the tour's files ("Does a small allocation need a lock?": mallocgc) still goes on from it."""
    from types import SimpleNamespace

    from guide.answering.continued import in_thread

    def hit(path: str, *via: str) -> SimpleNamespace:
        return SimpleNamespace(chunk=SimpleNamespace(path=path), via=list(via))

    maps = {"src/internal/runtime/maps/table.go", "src/internal/runtime/maps/map.go"}
    append = [hit("src/runtime/slice.go", "glossary"), hit("src/internal/runtime/maps/table.go", "dense", "bm25")]
    assert not in_thread(append, maps)
    assert in_thread(append[1:], maps)  # no term of its own: what it finds tells
    alloc = [hit("src/runtime/malloc.go", "glossary", "bm25"), hit("src/runtime/runtime2.go", "dense", "glossary")]
    assert in_thread(alloc, {"src/runtime/malloc.go", "src/runtime/mheap.go"})


def test_why_after_a_chain_of_follow_ups_asks_about_the_last_one() -> None:
    """Trial 37: "为什么？" after "How does the GC decide when to start a cycle? What does GOGC=100 mean?" and "and
    GOMEMLIMIT?" was answered about GOGC. The last turn's own words weigh as a follow-up's new words do."""
    first = ("How does the Go GC decide when to start a cycle? What does GOGC=100 mean exactly?", "...")
    why = Query.parse("为什么？", [first, ("and GOMEMLIMIT?", "...")])
    assert why.new_tokens == ("gomemlimit",) and set(why.own_tokens) == set(why.tokens)
    weights = own_words_first({t: 2.0 for t in why.tokens}, why.tokens, why.own_tokens, why.new_tokens)
    assert weights["gomemlimit"] == 2.0 * NEW_FACTOR and weights["gogc"] == 2.0
    assert Query.parse("为什么？", [first]).new_tokens == ()  # one turn: the thread is all it asks about


def test_a_comparison_follow_up_does_not_quote_again_what_it_says_still_holds(real_index) -> None:
    """ "Did that change since go1.21?" after "Does a channel take a lock?" said that hchan's "lock protects all fields
    in hchan, ..." still holds at both releases, then quoted it again under go1.27.3 (and closechan's "Ready all Gs
    now that we've dropped the channel lock." twice): each quote once."""
    import re

    from guide.answering import answer

    first = answer("Does a channel take a lock?", index=real_index, llm="extractive")
    then = answer("Did that change since go1.21?", history=[(first.question, first.text)], index=real_index)
    quotes = re.findall(r"“[^”]{30,}”", then.text)
    assert quotes and len(quotes) == len(set(quotes)), [q for q in quotes if quotes.count(q) > 1]


def test_and_the_other_subject_after_a_comparison_compares_it_at_the_same_releases() -> None:
    """Trial 65: "And the channel's buffer?" after whether the channel's lock changed between go1.21 and go1.27 was
    answered at go1.27.3 alone; "and the X?" asks the same of X. "And the reason?" or "and the code?" ask about the
    thread's subject."""
    history = [("Did the channel's lock change between go1.21 and go1.27?", "**Tour: Channels and select** ...")]
    q = Query.parse("And the channel's buffer?", history)
    assert q.thread is None and q.asks_change and q.previous_versions == ("go1.21", "go1.27")
    for text in ("And the reason?", "and the code?", "and the history?", "and the timeline?", "And the design doc?"):
        assert Query.parse(text, history).thread is not None, text  # words that name nothing: the thread goes on


def test_and_in_another_subject_after_a_comparison_compares_it_at_the_same_releases() -> None:
    """Trial 49: "and in newproc?" after what changed in findRunnable between go1.21.13 and go1.27.3 described newproc
    at go1.27.3 alone. It asks the same of another subject: compared at the same releases, its own words the subject
    (no thread); "and in go1.23?" still goes on with the thread's subject."""
    history = [("What changed in findRunnable between go1.21.13 and go1.27.3?", "Comparison of `findRunnable` ...")]
    q = Query.parse("and in newproc?", history)
    assert q.previous is not None and q.thread is None and q.asks_change
    assert q.previous_versions == ("go1.21.13", "go1.27.3") and "findrunnable" not in q.search_text.lower()
    zh = Query.parse("那 chansend 呢？", [("runtime.hchan 在 go1.21 和 go1.27 之间有什么变化？", "...")])
    assert zh.thread is None and zh.asks_change
    again = Query.parse("and in go1.23?", history)
    assert again.thread is not None and "findRunnable" in again.search_text
    for text in ("and for how long?", "what about it?"):  # a question word or a pronoun: the thread's subject
        assert Query.parse(text, history).thread is not None, text
    # after a question that compared nothing, "what about chanrecv?" is a follow-up on its thread, not a comparison
    plain = Query.parse("what about chanrecv?", [("How does chansend block?", "...")])
    assert plain.thread is not None and not plain.asks_change


def test_why_it_changed_asks_for_the_reason_not_the_diff_again() -> None:
    """Trial 49: "Why did they change it?" after what changed in the map implementation compared the two releases
    again, word for word. A follow-up naming nothing of its own that asks why asks for the reason the sources give;
    a question that names what changed and asks why still compares."""
    history = [("What changed in the map implementation between go1.21 and go1.27?", "...")]
    why = Query.parse("Why did they change it?", history)
    assert why.asks_why and not why.asks_change and why.previous is not None
    zh = Query.parse("为什么要改变？", history)
    assert zh.asks_why and not zh.asks_change
    named = Query.parse("Why did runtime.hchan change between go1.21 and go1.27?")
    assert named.asks_why and named.asks_change


def test_a_follow_up_beside_its_threads_tour_is_answered_by_what_it_adds(real_index) -> None:
    """Trial 57: "And what about preemption?" after how goroutines are scheduled repeated that answer's short answer
    (G, M and P) and pointed at no step; it points at the step on preemption, and repeats no sentence of the summary
    that does not say it. A follow-up whose added words the summary does say keeps that sentence as its short answer
    ("And what happens when its stack runs out?" after what a new goroutine costs)."""
    from guide.answering import answer

    asked = "How do goroutines map to OS threads, and how are they scheduled?"
    first = answer(asked, index=real_index, llm="extractive")
    ans = answer("And what about preemption?", history=[(asked, first.text)], index=real_index, llm="extractive")
    assert "**The short answer**" not in ans.text, ans.text[:600]
    lead = next(ln for ln in ans.text.splitlines() if ln.startswith("Most directly, step "))
    assert "shown above" in lead
    assert ans.text.split(lead, 1)[1].lstrip().startswith("**runtime.preemptone**"), ans.text[:1200]
    cost = "How much memory does a new goroutine use?"
    before = answer(cost, index=real_index, llm="extractive")
    stack = answer("And what happens when its stack runs out?", history=[(cost, before.text)], index=real_index,
                   llm="extractive")  # fmt: skip
    assert stack.text.startswith("**The short answer**") and "grows by copying" in stack.text.split("\n\n")[0]


def test_a_chinese_follow_ups_english_renderings_of_one_word_count_once(real_index) -> None:
    """ "那抢占呢？" after "goroutine 是怎么调度的？" pointed at no step: 抢占 is searched as "preemption" and
    "preempt", and the two words together made the step on asynchronous safe points tie with preemptone; as in
    English, the step on preemption stands out."""
    from guide.answering import answer

    asked = "goroutine 是怎么调度的？"
    first = answer(asked, index=real_index, llm="extractive")
    ans = answer("那抢占呢？", history=[(asked, first.text)], index=real_index, llm="extractive")
    lead = next((ln for ln in ans.text.splitlines() if ln.startswith("最直接回答这个问题的是")), None)
    assert lead is not None, ans.text[:800]
    assert ans.text.split(lead, 1)[1].lstrip().startswith("**runtime.preemptone**"), ans.text[:1200]


def test_how_does_it_work_asks_about_it_not_about_work() -> None:
    """ "How does goroutine preemption work?" searched "work" too, which the scheduler tour's work-stealing and the
    GC's background work say (trial 57: the answer pointed at findRunnable and stealWork besides preemptone); the
    verb of "how does X work" is not searched, "work" as a noun is."""
    from guide.question_text import without_how_it_works

    assert Query.parse("How does goroutine preemption work?").tokens == ("goroutine", "preemption")
    assert "work" not in Query.parse("How does defer work under the hood?").tokens
    assert "work" not in Query.parse("Explain how the GC works.").tokens
    assert without_how_it_works("How does work stealing between Ps work (stealWork)?") == (
        "How does work stealing between Ps (stealWork)?"
    )
    assert "work" in Query.parse("How much background work does the GC do?").tokens


def test_a_follow_up_continues_the_part_of_a_two_part_question_it_shares_words_with_else_the_first() -> None:
    """Trial 62: "And what happens when its stack runs out?" after "How much memory does a new goroutine use? Could one
    server hold a million connections?" was searched with the million connections too and quoted netpollblock and
    user arenas; it continues the first part (its pronoun's subject), one that shares a word continues that part, and
    a thread of several turns or a follow-up naming nothing of its own keeps the whole thread."""
    from guide.question_text import continued

    first, second = "How much memory does a new goroutine use?", "Could one server hold a million connections?"
    thread = f"{first} {second}"
    assert continued(thread, thread, "And what happens when its stack runs out?", False) == first
    assert continued(thread, thread, "And how are all those connections watched?", False) == second
    assert continued(thread, thread, "Where is that in the code?", True) == thread
    assert continued(thread, second, "And what happens when its stack runs out?", False) == thread
    zh = "一个 goroutine 有多便宜？一台服务器能撑住一百万个连接吗？"
    assert continued(zh, zh, "那它的栈用完了会怎样？", False) == "一个 goroutine 有多便宜？"


def test_a_follow_up_at_another_release_does_not_write_the_tour_out_again(real_index) -> None:
    """ "那 Go 1.9 的时候呢？" after "GOMAXPROCS 会是多少？" printed the scheduler tour's 19 steps again at go1.21.13
    and every step's code changes, 45 KB (trial 77). A step the team annotates alike at both releases is cited at
    this one and refers to the answer above (one line for all of them); the changes are detailed for the steps the
    question is about (procresize), the others named in one line."""
    import re

    from guide.answering import answer

    asked = "我们的服务跑在 Docker 里，限制了 2 个 CPU，GOMAXPROCS 会是多少？"
    first = answer(asked, index=real_index, llm="extractive")
    then = answer("那 go1.21 的时候呢？", index=real_index, llm="extractive", history=[(first.question, first.text)])
    steps = [ln for ln in then.text.split("\n") if re.match(r"\d+\. \*\*runtime\.", ln)]
    assert len(steps) >= 15, then.text[:1500]
    # the steps annotated alike are listed without a note, under one line that says whose notes they have (trial 81:
    # "本团队对它的注释与上文的相同" under each of fifteen steps)
    assert then.text.count("本团队的注释与上文的相同") == 1 and "本团队对它的注释与上文的相同" not in then.text
    alike = [ln for ln in steps if re.fullmatch(r"\d+\. \*\*[^*]+\*\* \([^)]+\) \[\d+\]", ln)]
    assert len(alike) >= 10, steps
    by_n = {c.n: c for c in then.citations}
    n = int(alike[0].rsplit("[", 1)[1].rstrip("]"))
    assert by_n[n].version == "go1.21.13"  # cited at the release asked about
    assert "- **runtime.procresize**：" in then.text and "- **runtime.g**：" not in then.text
    assert "导读的其他步骤也有修改" in then.text
    assert len(then.text) < len(first.text) + 2000, (len(then.text), len(first.text))


def test_a_longer_follow_up_that_points_back_stays_on_the_thread() -> None:
    """Trial 79: "show me where in the code the compiler makes that decision", after a question on stack or heap,
    and "what replaced it, and in which release did go1.21 already have the replacement?", after one on timerproc,
    were read as questions of their own (the first quoted the 1974 compiler-overhaul design document; the second
    found nothing in go1.21). "that" as the object that ends a question points back; a question that refers back and
    names nothing of its own continues the thread at any length up to 20 words."""
    for text in (
        "show me where in the code the compiler makes that decision",
        "what replaced it, and in which release did go1.21 already have the replacement?",
        "what does a send cost then, compared to a sync.Mutex?",  # "then," in that case: after a channel answer
        # trial 80: 重写 (rewrite) is a word of change, not "write"; a request to be shown that names nothing of
        # its own; why the change just discussed was made, naming what it became
        "为什么要重写？",
        "show me the code at both releases",
        "为什么要改成 ChaCha8？",
        "which release changed it, and is the channel now unbuffered?",  # after time.After's timers
    ):
        assert is_follow_up(text), text
    for text in (
        "Which function checks that the stack is big enough before a call?",  # the "that" of a clause
        "How do I start a goroutine and then wait for it to finish?",
        "Why did Go switch to Swiss tables for maps?",
        "show me how the scheduler picks the next goroutine",
        "How does the runtime make sure that goroutines are scheduled fairly across all the processors?",
    ):
        assert not is_follow_up(text), text


def test_whether_the_last_answer_still_holds_is_a_follow_up() -> None:
    """Trial 81: "does that still hold in the newest release?" after the cost of defer (and after Mutex starvation
    mode) found nothing: "hold" was read as its own subject. Words that ask whether a claim is so name none."""
    for text in (
        "does that still hold in the newest release?",
        "Is that still true in the newest release?",
        "does that still apply in go1.27?",
    ):
        assert is_follow_up(text) and needs_previous(text), text
    assert not needs_previous("Does the write barrier still hold the heap lock in go1.27?")


def test_a_question_that_points_at_what_the_last_answer_named_is_a_follow_up() -> None:
    """Trial 81: "how big is that limit on 64-bit linux, and can I change it?" after an answer on recursion that said
    the stack limit was read as a question of its own (13 words, naming a platform) and answered on GOMAXPROCS; "that
    limit" points at the limit the answer named. And the thread it continues is the part "Is there a limit?" read
    with the part before it, which it goes on from."""
    from guide.query import Query

    first = "What happens when a goroutine's recursion goes too deep? Is there a limit?"
    said = "“If any goroutine exceeds this limit while growing its stack, the program crashes.” [1]"
    text = "how big is that limit on 64-bit linux, and can I change it?"
    assert not is_follow_up(text) and is_follow_up(text, said)
    q = Query.parse(text, [(first, said)])
    assert q.previous == first and q.thread == first
    # "that" after a verb of making sure is a conjunction; a noun the answer did not name points at nothing in it
    assert not is_follow_up("How does the runtime make sure that goroutines are scheduled fairly on every CPU?", said)
    assert not is_follow_up("how big is that buffer on 64-bit linux, and can I change it with a setting?", said)
    # a part whose pronoun stands for the part before it goes on from it too (trial 87: the thread had been "What
    # happens when it hits the limit?" alone, and the answer was on GOMAXPROCS and the memory limit)
    first = "How many OS threads can a Go program create? What happens when it hits the limit?"
    said = "“The initial setting is 10,000 threads.” [1] … the SetMaxThreads limit …"
    q = Query.parse("Can I change that limit, and is it the same in the newest version?", [(first, said)])
    assert q.previous == first and q.thread == first


def test_asking_to_be_shown_what_the_last_answer_said_is_a_follow_up() -> None:
    """Trial 82: "给我看编译器里的代码" after an answer on loop variables that said the compiler, and "show me the
    code that uses the memory limit" after GOGC against GOMEMLIMIT at go1.24, were questions of their own (the
    compiler's README at go1.27.3; the memory limit at go1.27.3). A request to be shown whose own words are mostly
    the last answer's is a follow-up; one on a tour's topic the last answer did not walk is not."""
    said = "The compiler rewrites the loop (cmd/compile/internal/loopvar) ... the soft memory limit [1]"
    assert is_follow_up("给我看编译器里的代码", said) and not is_follow_up("给我看编译器里的代码")
    walked = f"{said}\n\n**Tour: The memory allocator and the garbage collector** (go1.24.11)"  # its topic's tour
    assert is_follow_up("show me the code that uses the memory limit", walked)
    assert not is_follow_up("show me the code that uses the memory limit", said)
    assert not is_follow_up("show me how the scheduler picks the next goroutine", said + " goroutines next")


def test_one_over_the_other_stands_for_the_two_things_of_the_last_answer() -> None:
    """Trial 82: "why would I pick one over the other?" after SetFinalizer against AddCleanup in go1.24 found nothing
    at go1.27.3; it is about the two things the last answer set against each other, and its quotes are those that
    mention both (the thread's contrast)."""
    from guide.contrast import contrasted
    from guide.query import Query

    first = "What is the difference between runtime.SetFinalizer and runtime.AddCleanup in go1.24?"
    for text in ("why would I pick one over the other?", "Which of the two should new code use?"):
        assert is_follow_up(text), text
        q = Query.parse(text, [(first, "...")])
        assert q.previous == first and contrasted(q.thread or "") == ("runtime.SetFinalizer", "runtime.AddCleanup")
    assert not is_follow_up("Which is faster, the two-level or the one-level cache in the allocator?")


def test_asking_whether_it_is_so_too_is_a_follow_up() -> None:
    """Trial 81: "如果还有一个 goroutine 在等网络数据呢，也会报吗？" after a question on the deadlock error was a
    question of its own on the network poller: "也会……吗" asks whether what the last answer said holds in a new
    case."""
    for text in (
        "如果还有一个 goroutine 在等网络数据呢，也会报吗？",
        "如果是带缓冲的 channel，也会阻塞吗？",
        "sync.Map 也会这样吗？",
    ):
        assert is_follow_up(text), text
    assert not is_follow_up("goroutine 和线程有什么区别？")


def test_asking_whether_the_last_answer_differs_in_a_new_case_is_a_follow_up() -> None:
    """Trial 95: "Is the decision different for a big array, like 1MB local array?" after a question on stack or
    heap was a question of its own, answered from arrayClear and SplitArray: "is the X different / the same / does
    the X change ..." asks whether what the last answer said holds in a new case; a question whose own words name a
    tour's topic or code is one of its own."""
    for text in (
        "Is the decision different for a big array, like 1MB local array?",
        "Is the answer the same for maps?",
        "Does the limit change on 32-bit systems?",
    ):
        assert is_follow_up(text), text
    assert not is_follow_up("Is the scheduler different in go1.22?")
    assert not is_follow_up("Does the runtime.mutex differ from sync.Mutex?")


def test_a_question_in_the_last_answers_words_alone_is_a_follow_up(real_index) -> None:
    """Trial 83: "扩容的时候会一次性把数据全部搬过去吗？" after two answers on how a map grows (the second at
    go1.21) was a question of its own at go1.27.3, on the heap's growth: its dictionary English for 一次性
    ("one-time", "one-off") was read as words the sources never use, and a question naming no tour's topic with
    every word of its own in the last answer (grow) continues it: answered from the map's code at go1.21.13 (on the
    default index, hashGrow's "the actual copying of the hash table data is done incrementally by growWork() and
    evacuate()")."""
    from guide.answering import answer
    from guide.answering.naming import names_another_subject

    text = "扩容的时候会一次性把数据全部搬过去吗？"
    assert not names_another_subject(real_index, text) and names_another_subject(real_index, "如何烤香蕉面包？")
    first = "map 里的元素多了以后是怎么扩容的？"
    said = answer(first, index=real_index, llm="extractive")
    then = answer("what about in Go 1.21?", index=real_index, llm="extractive", history=[(first, said.text)])
    assert is_follow_up(text, then.text) and not is_follow_up(text)
    ans = answer(text, index=real_index, llm="extractive", history=[(first, said.text), (then.question, then.text)])
    assert ans.versions == ["go1.21.13"] and ans.warnings[0].startswith("read as a follow-up"), ans.warnings
    assert ans.citations and all(c.path == "src/runtime/map.go" for c in ans.citations[:2]), ans.citations[:3]


def test_a_follow_up_continues_the_part_of_the_question_it_shares_most_with() -> None:
    """Trial 79: "那 go1.21 的 map 是怎么扩容的？" after "Is writing to a plain map from two goroutines still detected
    and fatal, and can recover() catch it? How does a map grow when it fills up?" walked the defer tour first: the
    follow-up shares "map" with both parts and, in the sources' English (扩容: grow), "grow" with the second alone.
    And "recover()" is one mention of the defer tour's topic, though two of its patterns match it."""
    from guide.knowledge.tours import tour

    first = "Is writing to a plain map from two goroutines still detected and fatal, and can recover() catch it?"
    q = Query.parse("那 go1.21 的 map 是怎么扩容的？", [(f"{first} How does a map grow when it fills up?", "…")])
    assert q.thread == "How does a map grow when it fills up?"
    assert q.tours[:1] == ("maps",)
    assert tour("defer-panic").matches(first) == 1


def test_a_replys_opening_word_is_said_to_the_last_answer_not_asked() -> None:
    """Trial 84: "OK, then show me how it works in the newest release you have." after a select answer found
    nothing: "ok", a name code uses everywhere, was read as a subject of its own. An opening interjection is not
    part of the question; alone, it is all there is."""
    from guide.query import Query
    from guide.question_text import without_interjection

    history = [("How does select choose a ready case?", "selectgo polls the cases in a random order [1].")]
    q = Query.parse("OK, then show me how it works in the newest release you have.", history)
    assert q.previous is not None and "ok" not in q.tokens and "select" in q.tokens
    assert Query.parse("好的，那在 go1.21 里呢？", history).previous is not None
    assert without_interjection("Okay, thanks. Why?") == "Why?" and without_interjection("OK.") == "OK."
    assert (
        without_interjection("ok := m[k] is how a map lookup says found") == "ok := m[k] is how a map lookup says found"
    )


def test_a_chinese_follow_up_on_the_stack_shrinking_finds_shrinkstack(real_index) -> None:
    """Trial 84: "栈会不会再缩小？" after a stack-growth answer got SetMaxStack, cpuflags' init and
    memclrNoHeapPointers: 缩小 (as 扩容's 变大, 变小) had no English; it is the sources' "shrink"."""
    from guide.answering import answer

    first = answer("goroutine 的栈不够用的时候运行时是怎么处理的？", index=real_index, llm="extractive")
    then = answer("栈会不会再缩小？", history=[(first.question, first.text)], index=real_index, llm="extractive")
    assert "runtime.shrinkstack" in [c.symbol for c in then.citations[:5]], [c.symbol for c in then.citations]


def test_bare_two_digit_releases_and_bu_yi_yang_ask_for_a_comparison() -> None:
    """Trial 85: "我们的服务跑在 k8s 里 ... 升级到 1.27 以后，…的方式和 1.21 有什么不一样？" named no release (bare
    numbers were releases only in a follow-up) and no change (不一样), and opened with "`k8s` is not defined in any
    indexed release"; a setting's value or a factor is no release."""
    from guide.answering.absent import _NUMERONYM
    from guide.query import Query

    q = Query.parse(
        "我们的服务跑在 k8s 里，CPU limit 是 2 核。升级到 1.27 以后，决定 P 数量的方式和 1.21 有什么不一样？"
    )
    assert q.versions == ("go1.27", "go1.21") and q.intent == "compare"
    assert Query.parse("What changed between 1.21 and 1.27 in maps?").versions == ("go1.21", "go1.27")
    for other in ("GOGC=1.25 what happens?", "Is a 1.25x slowdown normal?", "Is 1.20% overhead normal?"):
        assert Query.parse(other).versions == (), other
    # trial 101: "按 1.25 倍扩容" (grows by 1.25 times) had been read as go1.25, not indexed, in a question and in a
    # follow-up alike
    for factor in ("append 超过 1024 个元素以后是按 1.25 倍扩容吗？", "Does it grow 1.25 times after 1024?"):
        assert Query.parse(factor).versions == (), factor
        assert Query.parse(factor, [("slice 是怎么扩容的？", "...")]).versions == (), factor
    assert _NUMERONYM.fullmatch("k8s") and _NUMERONYM.fullmatch("i18n") and not _NUMERONYM.fullmatch("typ2Itab")


def test_a_pronoun_after_a_part_that_names_its_subject_stands_for_it() -> None:
    """Trial 97: "sysmon 是做什么的？它需要 P 吗？" after "go.y 和 typ2Itab 去哪了？" was answered as continuing it
    ("按追问理解，接续上一个问题"): 它 stands for sysmon, named in the part before it."""
    from guide.conversation import refers_back
    from guide.query import Query

    assert not refers_back("sysmon 是做什么的？它需要 P 吗？")
    assert not refers_back("What does sysmon do? Does it need a P?")
    assert refers_back("它需要 P 吗？") and refers_back("Why is it slow? What does sysmon do?")
    q = Query.parse(
        "sysmon 是做什么的？它需要 P 吗？", [("go.y 和 typ2Itab 去哪了？", "`go.y` 在任何已索引的版本中都不存在。")]
    )
    assert not q.refers_back and q.previous is None


def test_asking_to_be_quoted_or_shown_names_no_subject_of_its_own() -> None:
    """Trial 98: "它在 amd64 上具体做了哪些事？请引用源码注释。" ("what exactly does it do on amd64? please quote the
    source comments") after a question on how a program starts was a question of its own, answered with a signal
    trampoline and ir.SameSource: "源码" ("source code") was one word for the vocabulary, not the two locating words
    "source" and "code", and "quote" was a subject. Asking to be shown what a part before names, that part is what
    is shown: "Why does a nil pointer stored in an interface not compare equal to nil? Show me the code." after an
    answer on itabs is a question of its own (it had been read as continuing it)."""
    itabs = (
        "**Tour: Interfaces: iface and eface, itabs, type assertions, method calls and devirtualization** ... an"
        " interface holding a nil pointer is not nil; the type word is compared ... stored"
    )
    for text in (
        "它在 amd64 上具体做了哪些事？请引用源码注释。",
        "What does it do on amd64? Quote the source comments.",
    ):
        assert is_follow_up(text, "runtime.rt0_go ... the entry point"), text
    assert not is_follow_up(
        "Why does a nil pointer stored in an interface not compare equal to nil? Show me the code.", itabs
    )
    assert is_follow_up("Show me the code.", itabs)


def test_a_pronoun_after_a_directive_the_question_names_stands_for_it() -> None:
    """Trial 99: "What does //go:linkname mean, and why is it restricted now?" after a question on the linker's dead
    code was read as continuing it: "it" stands for the directive the question names."""
    before = "deadcode marks all reachable symbols ..."
    assert not is_follow_up("What does //go:linkname mean, and why is it restricted now?", before)
    assert not is_follow_up("这个 go:nosplit 是什么意思？为什么 runtime 里那么多函数用它？", before)
    assert is_follow_up("Why is it restricted now?", before)


def test_a_release_named_later_in_a_thread_is_that_questions_own() -> None:
    """Trial 100: "What was it like in Go 1.18, before the memory limit existed?", asked after answers on the GC at
    the newest release, was its own look back; every new question on the GC after it ("What is the GC CPU limiter and
    why does it exist?", "sync.Pool 里的对象什么时候会被 GC 清掉？") had been answered at go1.18's nearest. A new
    question on the topic has the releases of the thread's first question (none: the newest); a follow-up of the
    look back ("Why?") keeps go1.18, and a thread that starts at a release keeps it for new questions on its topic."""
    history = [
        ("How does the GC decide when to start a new cycle?", "..."),
        ("And what about GOMEMLIMIT, how does it interact with GOGC?", "..."),
        ("What was it like in Go 1.18, before the memory limit existed?", "..."),
    ]
    later = Query.parse("What is the GC CPU limiter and why does it exist?", history)
    assert later.same_topic and later.previous is None and later.previous_versions == ()
    assert Query.parse("Why?", history).previous_versions == ("go1.18",)
    started = [("How does a channel send work in go1.21?", "..."), ("Does a channel take a lock?", "...")]
    assert Query.parse("How does select pick a case?", started).previous_versions == ("go1.21",)


def test_a_comparison_with_what_was_before_follows_up_and_compares_the_releases() -> None:
    """Trial 100: "和以前的实现比有什么区别？" ("how does it differ from the old implementation?") after how maps are
    implemented now was a question of its own on "implementation" (实现, read in English, was taken for a subject; in
    English the word names none) and quoted a design document on generics; "What is different from the old
    implementation?", seven words with no subject, was one too. Both continue the thread and compare the oldest
    indexed release with the newest; "How was it implemented before?" is no comparison."""
    history = [("Go 的 map 现在是怎么实现的？", "...")]
    for text in ("和以前的实现比有什么区别？", "What is different from the old implementation?"):
        q = Query.parse(text, history)
        assert q.previous is not None and q.asks_change and q.all_releases, text
        assert "map" in q.search_text, text
    assert not Query.parse("以前是怎么实现的？", history).asks_change
    assert not Query.parse("main 之前运行时做了什么？").asks_change  # 之前: before, no comparison
    for earlier_in_chat in (
        "之前的回答里说 map 不安全，和 sync.Map 有什么区别？",
        "How does this differ from the previous one you showed?",
    ):
        assert not Query.parse(earlier_in_chat).all_releases, earlier_in_chat  # earlier in the chat, no release
    assert not is_follow_up("调度器是怎么实现的？") and not is_follow_up("What is the difference between M and P?")


def test_a_demonstrative_after_the_questions_own_subject_takes_it_up() -> None:
    """Trial 101: "for 循环变量每次迭代一个新变量，这个改动是怎么回事？" after a question on append's growth was read as
    continuing it (这个改动, "this change", pointed back); it takes up the loop variable its first clause names. Alone,
    "这个改动是怎么回事？" still points back, and so does a clause of releases before a pronoun."""
    for own in ("for 循环变量每次迭代一个新变量，这个改动是怎么回事？", "The write barrier, is it still needed?"):
        assert not is_follow_up(own, "..."), own
    for back in (
        "这个改动是怎么回事？",
        "在 Go 1.21 里，它是怎么做的？",
        "Where is that in the code?",
        "With GOMAXPROCS=1, does that still hold?",  # a pronoun alone still points back (review of stop 98)
        "GC 的时候，它会被暂停吗？",
    ):
        assert is_follow_up(back, "..."), back


def test_a_chinese_question_of_where_and_how_alone_continues_the_thread() -> None:
    """Trial 101: "编译器里是怎么实现的？" ("how is [it] implemented in the compiler?") after the loop variable's change
    was a question of its own on the compiler, and quoted the PGO design; Chinese leaves out the subject the
    conversation has. A question that names what is done is its own."""
    for back in ("编译器里是怎么实现的？", "在运行时里是如何处理的？", "runtime 里是怎么实现的？"):
        assert is_follow_up(back, "..."), back
    for own in ("调度器是怎么实现的？", "编译器里有什么优化？", "在 Go 1.9.2 里 map 是怎么扩容的？"):
        assert not is_follow_up(own, "..."), own


def test_a_question_whose_first_part_is_a_bare_follow_up_continues_the_thread() -> None:
    """Trial 102: "and in the older release? with 1.9 the minimum stack was 2KB too?" after how much memory a goroutine
    starts with was read as a question of its own (thirteen words, a subject of its own in its second part), at the
    newest release, and go1.9 was never said to be unindexed. Its first part asks on about the thread ("older" names
    no subject, as "old" does not), so the whole does, and its bare "1.9" is a release."""
    history = [("how much memory does a goroutine start with?", "...")]
    q = Query.parse("and in the older release? with 1.9 the minimum stack was 2KB too?", history)
    assert q.previous is not None and q.versions == ("go1.9",)
    assert not is_follow_up("What does sysmon do? Is it a thread of its own that runs without a P?", "...")
    # a first part that asks why of nothing of its own: why of the thread, whatever the part after it adds (trial 105:
    # "为什么这样设计？为什么要用信号而不是只在函数调用处检查？" after preemption quoted signal handling at large)
    preempted = [("一个 goroutine 死循环不让出 CPU，会被抢占吗？抢占是怎么实现的？", "...")]
    assert Query.parse("为什么这样设计？为什么要用信号而不是只在函数调用处检查？", preempted).previous is not None
    assert Query.parse("为什么 map 遍历是随机的？代码在哪里？", preempted).previous is None  # a why of its own


def test_a_change_stated_before_the_question_is_what_it_is_about_not_what_it_asks(real_index) -> None:
    """Trial 103: "Go 1.22 changed loop variables to be per-iteration. Where does the compiler implement that?"
    compared go1.21.13 with go1.27.3: the change is the premise, the question asks where. It is read at the release
    the change came in or the nearest after it, and so is its follow-up, "Does that make my loops slower or allocate
    more?", which had been a question of its own (at go1.21.13, the nearest to go1.22, once it followed)."""
    from guide.answering import answer
    from guide.intent import asks_comparison, without_premise

    premise = "Go 1.22 changed loop variables to be per-iteration. Where does the compiler implement that?"
    assert without_premise(premise) == "Where does the compiler implement that?"
    assert not asks_comparison(premise, False)
    assert not Query.parse(premise.replace("changed", "has changed")).asks_change  # its "has changed" too
    assert asks_comparison("Maps changed a lot. What is different between go1.21 and go1.27?", False)
    assert asks_comparison("What changed in go1.22?", False)
    # no premise: a request that states no change, an abbreviation's full stop (review of trial 103's fix)
    assert asks_comparison("Compare the map implementation in go1.21 and go1.27. Which is faster?", False)
    assert asks_comparison("What is different in the runtime, e.g. the GC?", False)
    first = answer(premise, llm="extractive", index=real_index)
    assert [c.version for c in first.citations if c.version != "design"] and all(
        c.version == "go1.27.3" for c in first.citations if c.version != "design"
    )
    then = "Does that make my loops slower or allocate more?"
    assert is_follow_up(then, first.text)
    after = answer(then, llm="extractive", index=real_index, history=[(premise, first.text)])
    assert all(c.version == "go1.27.3" for c in after.citations if c.version != "design")


def test_a_dummy_it_or_that_starts_no_follow_up() -> None:
    """Review of trial 103's fix: "Would it be ...", "Is that true that ..." start questions of their own."""
    assert not is_follow_up("Would it be faster to use sync.Pool for small byte buffers?", "...")
    assert not is_follow_up("Is that true that maps are not safe for concurrent use?", "...")
    assert is_follow_up("Does that make my loops slower or allocate more?", "...")


def test_does_that_still_hold_in_the_newest_release_compares(real_index) -> None:
    """Trial 104: "does that still hold in the newest release?" after "channel 会加锁吗？" (answered at the newest)
    was answered again at the newest with unrelated lines ("The channel is irreversibly closed."). A follow-up that
    asks whether what was said still holds at the newest compares it with the release before: the quotes of the
    answer before, said at both."""
    from guide.answering import answer
    from guide.query import Query

    first = answer("channel 会加锁吗？", index=real_index, llm="extractive")
    history = [("channel 会加锁吗？", first.text)]
    for asked in ("does that still hold in the newest release?", "最新版本里还是这样吗？"):
        q = Query.parse(asked, history)
        assert q.asks_change and q.scope(real_index.releases).tags == ["go1.21.13", "go1.27.3"], asked
    ans = answer("does that still hold in the newest release?", index=real_index, history=history, llm="extractive")
    assert ans.route == "compare" and "still holds at go1.21.13 and go1.27.3" in ans.text
    assert "lock protects all fields in hchan" in ans.text
    # a question of its own that says "still" and the newest is no comparison; nor a follow-up that says no "still"
    assert not Query.parse("Is it still like that in the latest release?").asks_change
    assert not Query.parse("And in the newest release?", history).asks_change
    # "still" of the asker, and 还…吗 as "else": no comparison (the review of stop 104)
    for other in ("最新版本里还需要注意什么吗？", "最新版本还有别的限制吗？", "我仍然不明白，最新版本里它是怎么加锁的？",  # noqa: E501
                  "Still confused. Which function does it in the newest release?"):  # fmt: skip
        assert not Query.parse(other, history).asks_change, other
    # the oldest release asked of after an answer at it has none before it: asked there alone, not against the newest
    at_oldest = [("How does chansend lock the channel in go1.21.13?", "")]
    assert Query.parse("Did that change in go1.21.13?", at_oldest).scope(real_index.releases).tags == ["go1.21.13"]


def test_a_new_question_on_the_topic_does_not_inherit_a_release_that_is_not_indexed(real_index) -> None:
    """Trial 105: "How does recover find the deferred call when a panic happens?" after a conversation on defer that
    named Go 1.9 opened "go1.9 is not indexed" and mixed go1.21.13's lines with go1.27.3's. A new question on the
    conversation's topic keeps the releases it named only when they are indexed; a follow-up keeps them still."""
    from guide.answering import answer
    from guide.query import Query

    first = "defer 是怎么实现的？现在还慢吗？我记得 1.9 的时候 defer 要调 deferproc，很慢。"
    history = [(first, answer(first, index=real_index, llm="extractive").text)]
    new = "How does recover find the deferred call when a panic happens?"
    assert Query.parse(new, history).scope(real_index.releases).tags == ["go1.27.3"]
    ans = answer(new, index=real_index, history=history, llm="extractive")
    assert "go1.9" not in ans.text and ans.versions == ["go1.27.3"], ans.text[:300]
    follow = Query.parse("那 1.9 的时候呢？", history)  # a follow-up that names it: said not indexed, as before
    assert follow.previous is not None and follow.scope(real_index.releases).missing == ["go1.9"]


def test_a_follow_up_at_another_release_says_which_quoted_definitions_it_lacks(real_index) -> None:
    """Trial 109: "那在 1.21 里呢？" after an answer on goroutine leak detection at go1.27.3 never said that
    go1.21.13 has none of the functions quoted (goroutineLeakGC, first at go1.26.6). A follow-up asking the thread's
    question at one other release first names the definitions the answer before quoted that the release lacks, with
    the indexed release where each first appears (or was last defined), cited there; at the same release, nothing."""
    from guide.answering import answer

    before = (
        "Extractive answer (no language model): what the Go sources at go1.27.3 say, quoted.\n\n"
        "- “goroutineLeakGC runs a GC cycle that performs goroutine leak detection.” (runtime.goroutineLeakGC, line "
        "594) [1]\n- “NumGoroutine returns the number of goroutines that currently exist.” (runtime.NumGoroutine, "
        "line 23) [2]"
    )
    history = [("How does the garbage collector find leaked goroutines?", before)]
    then = answer("And in go1.21?", index=real_index, llm="extractive", history=history)
    head = then.text.split("\n\n")[0]
    assert head.startswith("go1.21.13 does not have these definitions, which the answer above quoted:"), head
    line = next(ln for ln in head.splitlines() if ln.startswith("- runtime.goroutineLeakGC"))
    assert "first appears at go1.27.3 (not defined at go1.21.13; go1.22 to go1.26, between them, are not" in line
    assert "NumGoroutine" not in head  # go1.21.13 has it
    n = int(line.rsplit("[", 1)[1].rstrip("]"))
    cited = next(c for c in then.citations if c.n == n)
    assert (cited.symbol, cited.version) == ("runtime.goroutineLeakGC", "go1.27.3")
    again = answer("And in go1.27?", index=real_index, llm="extractive", history=history)
    assert "does not have these definitions" not in again.text
    # a question of its own at another release is not the thread's again (review: channels after leak detection)
    other = answer("What about channels in go1.21?", index=real_index, llm="extractive", history=history)
    assert "does not have these definitions" not in other.text


def test_which_release_did_it_with_the_verb_alone_asks_of_the_conversation() -> None:
    """Trial 110: "具体是哪个版本优化的？" right after a question on defer's cost was read as a question of its own
    on "optimize" (ssa.Config's optimize flag, divRoundUp); "这个是哪个版本加的？" (加, not 加入) was not asked as
    "since when". Both ask which release did what the conversation is about; one that names its subject is its own."""
    before = [("defer 现在还慢吗？我记得 1.9 的时候 defer 开销挺大的", "defer ...")]
    for text in (
        "具体是哪个版本优化的？",
        "这个是哪个版本加的？",
        "这个是哪个版本里加的？",
        "Which version optimized it?",
    ):
        q = Query.parse(text, before)
        assert q.previous == before[0][0] and (q.asks_timeline or q.asks_when_changed), text
    q = Query.parse("哪个版本引入了异步抢占？", before)  # its own subject: preemption
    assert q.previous is None and q.asks_timeline


def test_a_short_question_that_names_what_the_conversation_never_said_is_its_own() -> None:
    """Trial 110: "goroutine 泄漏了怎么排查，runtime 里有什么能看出来？" after an answer on the network poller found
    newproc1 alone, in a file the poller's tour reads, and was answered with epoll: a leak was never said there. A
    question whose words the conversation said goes on from it ("调用 Stop 之后会发生什么？" after timers: Stop, a
    call)."""
    from guide.answering.continued import says_new

    poller = (
        "单机一百万个长连接，Go 是怎么做到不开一百万个线程的？",
        "a goroutine parks on the fd's pollDesc; epoll ...",
    )
    leak = Query.parse("goroutine 泄漏了怎么排查，runtime 里有什么能看出来？", [poller])
    assert leak.previous is None and leak.may_continue and says_new(leak)
    timers = ("Go 的定时器是怎么实现的？", "A timer is stopped by a call to its Stop method ...")
    stop = Query.parse("调用 Stop 之后会发生什么？", [timers])
    assert stop.may_continue and not says_new(stop)
    syscall = ("调度器在 goroutine 进入系统调用时会怎样？", "调度器在 goroutine 进入系统调用时把 P 交给别的线程。")
    said = Query.parse("进入系统调用之后 P 会怎样？", [syscall])  # review: its words said in Chinese, not new
    assert not said.may_continue or not says_new(said)


def test_a_word_the_conversations_release_lacks_is_asked_of_the_newest(real_index) -> None:
    """Trial 111: "How does map growth work with swiss tables — is it still incremental like the old buckets?" after
    a question at go1.21 was answered at go1.21.13 with the bucket map's "Buckets are incrementally copied ...", which
    read as the Swiss table's growth; "swiss" is in no source of go1.21.13. It is answered at the newest, said first."""
    from guide.answering import answer

    first = answer("go1.21 里有 swiss table 实现的 map 吗？", index=real_index, llm="extractive")
    asked = "How does map growth work with swiss tables — is it still incremental like the old buckets?"
    ans = answer(asked, history=[(first.question, first.text)], index=real_index, llm="extractive")
    assert ans.versions == ["go1.27.3"], ans.versions
    assert ans.text.startswith("“swiss” does not occur in the Go sources at go1.21.13, where this conversation was;")
    assert (
        "first at go1.27.3 (go1.22 to go1.26, before it, are not indexed), so this is answered at go1.27.3"
        in (ans.text.split("\n")[0])
    )
    assert all(c.version == "go1.27.3" for c in ans.citations if c.version != "design"), ans.citations
    same = answer("How does the map grow when it is full?", history=[(first.question, first.text)], index=real_index,
                  llm="extractive")  # fmt: skip
    assert same.versions == ["go1.21.13"], same.versions  # its words are all go1.21.13's: asked there


def test_a_pronoun_after_a_clause_of_the_questions_own_subject_stands_for_it() -> None:
    """Trial 113: "What is PGO and when did it appear? Was it in go1.19?" after a question on timers was read as its
    follow-up (its "it"), and answered with the timers and channels tours at go1.19.8; "it" takes up PGO, named in the
    clause before it. A pronoun with no clause of its own before it still points back."""
    before = [("go1.23 里 timer 和 channel 有什么改动？", "timers ...")]
    for text in ("What is PGO and when did it appear? Was it in go1.19?", "How does sysmon work and does it need a P?"):
        assert Query.parse(text, before).previous is None, text
    for text in (
        "Makes sense, but is it still true in go1.21?",  # review: a word of no subject joined before the pronoun
        "Sure but where is it freed?",
        "Who calls it?",
        "Why does the compiler do it?",
        "What happens when it is full?",
        "Does it still hold?",
    ):
        assert Query.parse(text, before).previous == before[0][0], text
