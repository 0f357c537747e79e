"""The constants an amount question's sources use (guide.answering.amounts): found, cited with their own comment,
stated first; and the pieces that decide which."""

from __future__ import annotations

from guide.answering.amounts import USED_BY, _uses, _words, package_of
from guide.answering.extractive import statement_line
from guide.answering.statements import statements
from guide.citation import Citation
from guide.language import ENGLISH


def _cit(symbol: str, kind: str, excerpt: str, doc: str = "", n: int = 1, **scores: str) -> Citation:
    path = f"src/runtime/{symbol.rsplit('.', 1)[-1].lower()}.go"
    return Citation("go1.27.3", path, 10, 10 + excerpt.count("\n"), symbol, kind, "u", excerpt,
                    9 if doc else None, doc, n=n, scores=dict(scores))  # fmt: skip


def test_the_identifiers_code_uses_are_read_without_comments_strings_or_its_own_name() -> None:
    src = _cit("runtime.newproc1", "func", 'func newproc1(fn *funcval) *g {\n\tnewg = malg(stackMin) // not stackMax\n'
               '\tprint("stackSystem")\n\tn := gc.NumSizeClasses\n}')  # fmt: skip
    used = _uses(src)
    assert ("", "stackMin") in used and ("gc", "NumSizeClasses") in used
    assert ("", "stackMax") not in used and ("", "stackSystem") not in used and ("", "newproc1") not in used


def test_a_name_and_a_question_meet_in_either_number() -> None:
    assert {"size", "classes", "class"} <= set(_words("NumSizeClasses").split())
    assert {"preempt", "preempts"} <= set(_words("forcePreemptNS").split())
    assert package_of("internal/runtime/gc.SizeClassToSize") == "internal/runtime/gc"
    assert package_of("runtime.(*mheap).alloc") == "runtime"


def test_an_undocumented_constant_states_its_declaration_as_code() -> None:
    """``NumSizeClasses = 68`` has no comment: its declaration is what it says, quoted as code (the citation check
    finds it in the cited line); a documented one keeps its comment as the statement."""
    bare = _cit("internal/runtime/gc.NumSizeClasses", "const", "\tNumSizeClasses     = 68")
    (st,) = statements(bare)
    assert (st.kind, st.code) == ("decl", "NumSizeClasses     = 68")
    assert (
        statement_line(st, {1: bare}, ENGLISH) == "- `NumSizeClasses     = 68` (internal/runtime/gc.NumSizeClasses) [1]"
    )
    doc = _cit("runtime.stackMin", "const", "\tstackMin = 2048", "\t// The minimum size of stack used by Go code")
    assert [s.kind for s in statements(doc)] == ["doc"]


def test_the_constants_found_for_an_amount_are_said_apart_with_their_user() -> None:
    """A constant added because the code found uses it is shown in a block of its own, before the quotes, with its
    value, its comment and the source that uses it; its statement is not quoted again among the others; without
    such a constant there is no block."""
    from guide.answering.extractive import compose

    words = _cit("runtime.newproc1", "func", "func newproc1() {\n\tnewg = malg(stackMin)\n}",
                 "// newproc1 creates a new goroutine with a small stack when it starts.")  # fmt: skip
    const = _cit("runtime.stackMin", "const", "\tstackMin = 2048", "\t// The minimum size of stack used by Go code",
                 n=2, **{USED_BY: "runtime.newproc1"})  # fmt: skip
    tokens, idf = ["goroutine", "stack", "starts", "new"], {"goroutine": 2.0, "stack": 3.0, "starts": 4.0, "new": 1.0}
    text = compose(tokens, [words, const], "go1.27.3", ENGLISH, idf, quantity=True)
    block = (
        "Constants in the code found, with their values:\n- `stackMin = 2048` — “The minimum size of stack used by Go "
        "code” (runtime.stackMin, used by runtime.newproc1 [1]) [2]"
    )
    assert block in text and text.index(block) < text.index("newproc1 creates")
    assert text.count("stackMin = 2048") == 1
    plain = compose(tokens, [words], "go1.27.3", ENGLISH, idf, quantity=True)
    assert "Constants in the code found" not in plain


def test_a_goroutines_first_stack_is_answered_from_the_constant_its_creation_uses(real_index) -> None:
    """newproc1 allocates a new goroutine with ``malg(stackMin)``: the question on how big that stack is gets
    ``stackMin = 2048`` from stack.go, cited with its comment, first; a question asking for no amount gets no
    constant added."""
    from guide.answering import answer

    ans = answer("How big is a brand-new goroutine's stack when it starts?", index=real_index, llm="extractive")
    first = next(line for line in ans.text.split("\n") if line.startswith("- "))
    assert "`stackMin = 2048`" in first and "The minimum size of stack used by Go code" in first
    assert ans.text.index("Constants in the code found") < ans.text.index("- ")
    cited = next(c for c in ans.citations if c.symbol == "runtime.stackMin")
    assert (cited.path, cited.excerpt.strip()) == ("src/runtime/stack.go", "stackMin = 2048")
    assert real_index.excerpt(cited.version, cited.path, cited.start_line, cited.end_line) == cited.excerpt
    assert cited.scores[USED_BY] == "runtime.newproc1"
    plain = answer("How does a new goroutine get its stack?", index=real_index, llm="extractive")
    assert not any(USED_BY in c.scores for c in plain.retrieved)


def test_a_change_of_an_amount_is_read_from_the_constants_at_each_release(real_index) -> None:
    """ "Did the initial stack size change?" asks for an amount at two releases: each release's constant that its
    goroutine creation uses is cited and quoted under that release, whatever it is called there."""
    from guide.answering import answer
    from guide.query import Query

    assert Query.parse("Did the initial goroutine stack size change between go1.21 and go1.27?").asks_quantity
    assert Query.parse("go1.21 和 go1.27 之间初始栈的大小有没有变化？").asks_quantity
    assert not Query.parse("How did the stack change between go1.21 and go1.27?").asks_quantity
    assert Query.parse("What is the inlining budget of the gc compiler?").asks_quantity  # an amount's noun
    assert Query.parse("What are the size classes?").asks_quantity
    assert not Query.parse("What is the scheduler's run queue?").asks_quantity
    # a question that states a size checks it: the number in the code is asked for too
    assert Query.parse("Is it still true that every new goroutine starts with a 2 KB stack?").asks_quantity
    assert Query.parse("goroutine 的栈还是 2KB 吗？").asks_quantity and Query.parse("a 200-byte key").asks_quantity
    assert not Query.parse("What changed between go1.21.13 and go1.27.3 in the scheduler?").asks_quantity
    ans = answer("Did the initial goroutine stack size change between go1.21 and go1.27?", index=real_index,
                 llm="extractive")  # fmt: skip
    consts = {c.version: c for c in ans.citations if USED_BY in c.scores}
    assert set(consts) == {"go1.21.13", "go1.27.3"}
    assert ans.text.startswith("The constant in the code found has the same value at each release asked about:")
    for c in consts.values():
        assert c.path == "src/runtime/stack.go" and c.excerpt.strip().endswith("= 2048")
        assert f"`2048` ({c.symbol.rsplit('.', 1)[-1]}, {c.version}) [{c.n}]" in ans.text


def test_a_constant_whose_name_says_nothing_asked_is_not_the_amount(real_index) -> None:
    """ "How many goroutines does work stealing take at once?": _Gscan (0x1000) is used by the code found and its
    comment mentions goroutines, but its name measures nothing asked about: no constant leads the answer; and the
    words that ask ("how big") do not make StackBig the answer to "how big is the stack"."""
    from guide.answering import answer

    for q in ("Go 调度器里的工作窃取是怎么实现的？一次会偷走多少个 goroutine？",
              "How many goroutines does work stealing take from another processor at once?"):  # fmt: skip
        ans = answer(q, index=real_index, llm="extractive")
        assert not [c.symbol for c in ans.retrieved if USED_BY in c.scores and "scan" in c.symbol.lower()]
    big = answer("How big is a goroutine's stack when it starts?", index=real_index, llm="extractive")
    assert "StackBig" not in {c.symbol.rsplit(".", 1)[-1] for c in big.retrieved if USED_BY in c.scores}


def test_the_amount_line_says_whether_the_value_changed() -> None:
    from guide.answering.amounts import amount_line, declared_value
    from guide.language import CHINESE

    def const(tag: str, name: str, value: str, n: int) -> Citation:
        return Citation(tag, "src/runtime/sizeclasses.go", 9, 9, f"runtime.{name}", "const", "u",
                        f"\t{name} = {value} // classes", n=n, scores={USED_BY: "runtime.class_to_size"})  # fmt: skip

    old, new = const("go1.15.15", "_NumSizeClasses", "67", 1), const("go1.27.3", "NumSizeClasses", "68", 2)
    assert declared_value(old) == "67"
    assert amount_line({"go1.15.15": [old], "go1.27.3": [new]}, ENGLISH) == (
        "The constant in the code found changed value: `67` (_NumSizeClasses, go1.15.15) [1] → `68` (NumSizeClasses, "
        "go1.27.3) [2]."
    )
    same = const("go1.21.13", "_NumSizeClasses", "68", 1)
    assert amount_line({"go1.21.13": [same], "go1.27.3": [new]}, CHINESE).startswith(
        "检索到的代码中的常量在各个版本中取值相同：`68`"
    )
    assert amount_line({"go1.27.3": [new]}, ENGLISH) == ""  # one release: nothing to compare
    unmarked = Citation("go1.21.13", "src/runtime/x.go", 9, 9, "runtime.x", "const", "u", "\tx = 1", n=3)
    assert amount_line({"go1.21.13": [unmarked], "go1.27.3": [new]}, ENGLISH) == ""


def test_a_comparison_of_an_amount_says_first_whether_it_changed(real_index) -> None:
    from guide.answering import answer

    ans = answer("Did the number of size classes change between go1.21 and go1.27?", index=real_index,
                 llm="extractive")  # fmt: skip
    assert ans.text.startswith("The constant in the code found has the same value at each release asked about: `68`")
    consts = {c.version: c for c in ans.citations if USED_BY in c.scores}
    assert set(consts) == {"go1.21.13", "go1.27.3"}
    assert all(real_index.excerpt(c.version, c.path, c.start_line, c.end_line) == c.excerpt for c in consts.values())


def test_the_amount_line_compares_only_one_constant_written_in_numbers() -> None:
    """Two releases' constants are compared only when they are one constant (a leading underscore and case aside)
    and both values are written in numbers: smallSizeMax at one release and MallocHeaderSize at the other are two
    things; ``1 << logHeapArenaBytes`` may be the same text with another value."""
    from guide.answering.amounts import amount_line, same_constant

    def const(tag: str, name: str, value: str, n: int) -> Citation:
        return Citation(tag, "src/runtime/malloc.go", 9, 9, f"runtime.{name}", "const", "u", f"\t{name} = {value}",
                        n=n, scores={USED_BY: "runtime.mallocgc"})  # fmt: skip

    assert same_constant(const("a", "_StackMin", "2048", 1), const("b", "stackMin", "2048", 2))
    two = {"go1.21.13": [const("go1.21.13", "smallSizeMax", "1024", 1)],
           "go1.27.3": [const("go1.27.3", "MallocHeaderSize", "8", 2)]}  # fmt: skip
    assert amount_line(two, ENGLISH) == ""
    symbolic = {"go1.21.13": [const("go1.21.13", "heapArenaBytes", "1 << logHeapArenaBytes", 1)],
                "go1.27.3": [const("go1.27.3", "heapArenaBytes", "1 << logHeapArenaBytes", 2)]}  # fmt: skip
    assert amount_line(symbolic, ENGLISH) == ""
    shifted = {"go1.21.13": [const("go1.21.13", "userArenaChunkBytesMax", "8 << 20", 1)],
               "go1.27.3": [const("go1.27.3", "userArenaChunkBytesMax", "8 << 20", 2)]}  # fmt: skip
    assert amount_line(shifted, ENGLISH).startswith("The constant in the code found has the same value")


def test_a_group_says_what_it_declares_and_a_maximum_is_no_minimum(real_index) -> None:
    """A ``const ( … )`` group found for the question offers the constants it declares, not those its expressions
    use (StackNosplitBase is not "used by runtime.stackSystem"); a question on a maximum ("上限") is not offered a
    constant named for a minimum (stackMin)."""
    from guide.answering import answer

    for q in ("What is the maximum goroutine stack size?", "栈扩容的上限是多少？", "How big is the stack guard?"):
        ans = answer(q, index=real_index, llm="extractive")
        for c in (c for c in ans.retrieved if USED_BY in c.scores):
            user = next(s for s in ans.retrieved if s.symbol == c.scores[USED_BY] and s.version == c.version)
            if user.kind == "const" and user.end_line > user.start_line:
                assert user.path == c.path and user.start_line <= c.start_line <= user.end_line, (q, c.symbol)
            if "上限" in q or "maximum" in q:
                assert "min" not in c.symbol.rsplit(".", 1)[-1].lower(), (q, c.symbol)


def test_the_tours_steps_are_read_for_the_constant_when_the_sources_have_none(real_index) -> None:
    """ "How long can a goroutine run before it is preempted?" is answered by the scheduler's tour; the sources found
    use no constant for it, but the tour's retake step uses forcePreemptNS (10ms): it is shown, used by retake."""
    from guide.answering import answer

    for q in ("How long can a goroutine run before it is preempted?", "多久会被抢占？"):
        ans = answer(q, index=real_index, llm="extractive")
        const = next(c for c in ans.citations if USED_BY in c.scores)
        assert const.symbol == "runtime.forcePreemptNS" and const.scores[USED_BY] == "runtime.retake", q
        assert "`const forcePreemptNS = 10 * 1000 * 1000`" in ans.text
        assert real_index.excerpt(const.version, const.path, const.start_line, const.end_line) == const.excerpt


def test_a_constants_line_adds_the_later_sentence_that_gives_a_number() -> None:
    """``maxAvgGroupLoad = 7`` is the load factor's numerator: its comment's first sentence ("Maximum load factor
    prior to growing.") alone reads as if 7 were the factor, so the first later sentence with a number (7/8) follows;
    a comment with no such sentence keeps its first sentence alone."""
    from guide.answering.amounts import USED_BY
    from guide.answering.extractive import constant_line
    from guide.citation import Citation
    from guide.language import Lang

    doc = (
        "\t// Maximum load factor prior to growing.\n\t//\n"
        "\t// 7/8 is the same load factor used by Abseil, but Abseil defaults to\n"
        "\t// 16 slots per group, so they get two empty slots vs our one empty\n"
        "\t// slot. We may want to reevaluate if this is best for us."
    )
    const = Citation("go1.27.3", "src/internal/runtime/maps/group.go", 20, 20, "internal/runtime/maps.maxAvgGroupLoad",
                     "const", "u", "\tmaxAvgGroupLoad = 7", n=2, doc=doc, scores={USED_BY: "x"})  # fmt: skip
    line = constant_line(const, [], Lang("en"))
    assert line.startswith("- `maxAvgGroupLoad = 7` — “Maximum load factor prior to growing.” … “7/8 is the same")
    alone = Citation("go1.27.3", "src/runtime/stack.go", 75, 75, "runtime.stackMin", "const", "u", "\tstackMin = 2048",
                     n=1, doc="\t// The minimum size of stack used by Go code", scores={USED_BY: "x"})  # fmt: skip
    assert "” …" not in constant_line(alone, [], Lang("en"))


def test_an_amount_no_constant_holds_is_read_where_the_code_sets_it(real_index) -> None:
    """The maximum stack size is a variable newstack compares with, set in runtime.main (``maxstacksize =
    1000000000``); the thread limit a field checkmcount compares with, set in schedinit (``sched.maxmcount =
    10000``). Each is cited at the line that sets it, shown as used by the code found, and the quotes stay (a value
    set in a body has no declaration of its own: every prose quote was taken for its repetition)."""
    from guide.answering import answer

    stack = answer("What is the maximum size a goroutine stack can grow to?", index=real_index, llm="extractive")
    (set_at,) = [c for c in stack.citations if USED_BY in c.scores]
    assert (set_at.symbol, set_at.path, set_at.excerpt.strip()) == (
        "runtime.main",
        "src/runtime/proc.go",
        "maxstacksize = 1000000000",
    )
    assert real_index.excerpt(set_at.version, set_at.path, set_at.start_line, set_at.end_line) == set_at.excerpt
    # with the comment on the branch that sets it, which says the unit and the 32-bit value (trial 11: no unit)
    assert (
        "`maxstacksize = 1000000000` — “Max stack size is 1 GB on 64-bit, 250 MB on 32-bit.” (runtime.main, used by "
        "runtime.newstack [" in stack.text
    )
    assert set_at.doc.lstrip().startswith("// Max stack size is 1 GB on 64-bit")
    assert "Constants and values set in the code found:" in stack.text and "\n- “" in stack.text
    threads = answer(
        "What is the maximum number of OS threads a Go program can create?", index=real_index, llm="extractive"
    )
    assert "`sched.maxmcount = 10000` (runtime.schedinit, used by runtime.checkmcount [" in threads.text
    # a minimum asked: no maximum's value, nor one that says nothing asked
    # one word of the question in a name is its subject, not what it measures (trial 11: gcPercent = 100000 for how
    # long the GC stops the world)
    stw = answer("Does the GC stop the world? For how long?", index=real_index, llm="extractive")
    assert not [c for c in stw.citations if USED_BY in c.scores and "gcPercent" in c.excerpt]
    least = answer("What is the smallest stack a goroutine can have?", index=real_index, llm="extractive")
    assert "maxstacksize = " not in least.text and not [
        c for c in least.citations if USED_BY in c.scores and c.symbol == "runtime.main"
    ]


def test_prose_quotes_stay_beside_a_value_set_in_a_body() -> None:
    from guide.answering.extractive import compose

    words = _cit("runtime.newstack", "func", "func newstack() {\n\tif newsize > maxstacksize {\n\t}\n}",
                 "// newstack grows the stack when the goroutine needs more of it.")  # fmt: skip
    set_at = Citation("go1.27.3", "src/runtime/proc.go", 164, 164, "runtime.main", "func", "u",
                      "\t\tmaxstacksize = 1000000000", n=2, scores={USED_BY: "runtime.newstack"})  # fmt: skip
    tokens, idf = ["stack", "grows", "goroutine"], {"stack": 3.0, "grows": 4.0, "goroutine": 2.0}
    text = compose(tokens, [words, set_at], "go1.27.3", ENGLISH, idf, quantity=True)
    assert "`maxstacksize = 1000000000` (runtime.main, used by runtime.newstack [1]) [2]" in text
    assert "- “newstack grows the stack when the goroutine needs more of it.” (runtime.newstack, line 9) [1]" in text


def test_a_follow_up_at_another_release_still_asks_for_the_amount() -> None:
    """ "那在 go1.21 里呢？" after "How long does a goroutine run before it gets preempted?" asks the same at go1.21:
    an amount (trial 11: the follow-up dropped forcePreemptNS); a follow-up that asks something of its own does not
    inherit it."""
    from guide.query import Query

    first = ("How long does a goroutine run before it gets preempted?", "forcePreemptNS is the time slice ... [1]")
    assert Query.parse(first[0]).asks_quantity
    assert Query.parse("那在 go1.21 里呢？", history=[first]).asks_quantity
    assert Query.parse("and in go1.21?", history=[first]).asks_quantity
    assert not Query.parse("为什么？", history=[first]).asks_quantity
    assert not Query.parse("Where is that in the code?", history=[first]).asks_quantity
    assert not Query.parse("那在 go1.21 里呢？").asks_quantity  # no thread


def test_a_fraction_or_a_multiple_in_words_is_an_amount() -> None:
    from guide.answering.choosing import states_number
    from guide.answering.statements import Statement

    assert states_number(Statement(1, "When the hashtable grows, we allocate a new array of buckets twice as big."))
    assert states_number(Statement(1, "Steal half of elements from local runnable queue of p2."))
    assert not states_number(Statement(1, "Steal work from other Ps."))


def test_a_question_that_states_a_size_gets_the_constant_that_holds_it(real_index) -> None:
    """A Go 1.9 user's "still 2 KB?" is answered with the number in the code: the constant goroutine creation uses,
    in English and in Chinese (新建 had been read as a county's name, and the question missed its tour)."""
    from guide.answering import answer

    for q in ("Is it still true that every new goroutine starts with a 2 KB stack?", "新建一个 goroutine 的栈有多大？"):
        ans = answer(q, index=real_index, llm="extractive")
        assert "`stackMin = 2048`" in ans.text, ans.text[:600]
        assert any(c.symbol == "runtime.stackMin" for c in ans.citations)


def test_a_quoted_amount_says_what_it_was_at_the_oldest_release_when_it_differs(real_index) -> None:
    """Trial 64: the stack-or-heap answer quoted ``MaxStackVarSize = int64(128 * 1024)`` at go1.27.3 and nothing
    told a reader of an older Go that it was 10 MB before Go 1.24; the declaration at the oldest indexed release is
    said under the quote, cited there. A constant the same at both says nothing more."""
    from guide.answering import answer

    a = answer("How large can a variable be and still live on the stack?", index=real_index, llm="extractive")
    lines = a.text.splitlines()
    # gc.Main's ``ir.MaxImplicitStackVarSize = 16 * 1024`` is set under ``if base.Flag.SmallFrames {``: an option's
    # value, not the default, and it had been shown first (trial 65)
    assert "16 * 1024" not in a.text, a.text
    at = next(i for i, ln in enumerate(lines) if ln.startswith("- `MaxStackVarSize = int64(128 * 1024)`"))
    older = lines[at + 1]
    assert older.startswith("  - at go1.21.13, the oldest release indexed: `MaxStackVarSize = int64(10 * 1024 * 1024)`")
    n = int(older.rsplit("[", 1)[1].rstrip("]"))
    cited = next(c for c in a.citations if c.n == n)
    assert cited.version == "go1.21.13" and "10 * 1024 * 1024" in cited.text
    assert not any("oldest release indexed: `MaxImplicitStackVarSize" in ln for ln in lines)  # 64 KB at both
    # a value a function's body sets is no declaration: runtime.main sets 1 GB at both releases, and the package's
    # ``var maxstacksize uintptr = 1 << 20`` ("enough until runtime.main sets it for real") is not what it was
    grow = answer("How big can a goroutine's stack grow?", index=real_index, llm="extractive")
    assert "`maxstacksize = 1000000000`" in grow.text and "oldest release indexed" not in grow.text


def test_an_older_value_is_the_same_file_s_not_another_platform_s(real_index) -> None:
    """Trial 73: under ``pallocChunksL1Bits = 13`` (mpagealloc_64bit.go) the answer said "at go1.21.13, the oldest
    release indexed: ``pallocChunksL1Bits = 0``", cited in mpagealloc_32bit.go: both files declare it at both
    releases, 13 and 0, and nothing changed. The value at the oldest release is the same file's; a name that files
    of their own declare apart, none of them the quoted one's, says nothing."""
    from guide.answering import answer
    from guide.answering.older_values import counterpart
    from ingest.symbols import Definition

    def at(path: str) -> Definition:
        return Definition("go1.21.13", path, 1, 2, "runtime.x", "const", "go", 0)

    bits64, bits32 = at("src/runtime/mpagealloc_64bit.go"), at("src/runtime/mpagealloc_32bit.go")
    assert counterpart([bits32, bits64], "src/runtime/mpagealloc_64bit.go") is bits64
    assert counterpart([bits32, bits64], "src/runtime/mpagealloc.go") is None
    assert counterpart([bits32], "src/runtime/mpagealloc.go") is bits32  # moved: the only one
    a = answer("Where does the runtime ask the kernel for memory on Linux, and how big are the chunks?",
               index=real_index, llm="extractive")  # fmt: skip
    assert "`pallocChunksL1Bits = 0`" not in a.text, a.text[:800]


def test_a_constant_is_read_as_the_questions_platform_builds_it(real_index) -> None:
    """Trial 87: asked on Linux how long sysmon waits, the answer's first item was os_windows.go's "const osRelaxMinNS =
    60 * 1e6" ("... timer resolution to 15.6 ms"), which sysmon uses; on Linux it is nonwindows_stub.go's 0. A
    constant defined in a file for another platform is not one the code uses there."""
    from guide.answering.amounts import constants_used
    from guide.citation import cite_definition

    tag = real_index.releases[-1]
    d = next(d for d in real_index.reader.lookup("sysmon", tag, limit=5) if d.symbol == "runtime.sysmon")
    sysmon = cite_definition(real_index, d).numbered(1)
    words = ["sysmon", "relax", "timer", "long", "next", "osrelax"]
    idf = dict.fromkeys(words, 3.0)
    on_windows = constants_used(real_index, [sysmon], words, idf, platform=("windows", "amd64"))
    assert [c.path for _, c in on_windows] == ["src/runtime/os_windows.go"]
    assert all(c.path != "src/runtime/os_windows.go" for _, c in constants_used(real_index, [sysmon], words, idf))
