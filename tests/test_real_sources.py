"""Claims about the real Go sources that depend on how they are written: generator programs beside a package,
fields that moved into another type. Checked on the real index (tests/real_index.py)."""

from __future__ import annotations

import re

from guide.query import Query


def test_a_generator_program_is_not_the_main_main_a_question_means(real_index) -> None:
    """ "before main.main runs" means the user's program; the indexed ``main.main`` definitions are generator
    programs run by hand (``//go:build ignore``: cmd/compile's mknode.go, the runtime's mkduff.go ...). The symbol
    list still finds them, but at a plain word's weight, so the first sources are the runtime's start-up code."""
    from guide.definitions import standalone_program
    from guide.retrieval import retrieve, scope_for
    from guide.retrieval.symbol import PROGRAM_WEIGHT, SymbolRetriever, definitions_of

    q = Query.parse("How does a Go program start, before main.main runs?")
    ranking = SymbolRetriever().search(real_index, q, scope_for(real_index, ["go1.27.3"]), 20)
    mains = [d for d in definitions_of(real_index, "main.main") if d.tag == "go1.27.3"]
    assert mains and all(standalone_program(d) for d in mains)
    assert {d.chunk_rowid for d in mains} & set(ranking.rowids)
    assert all(ranking.weights.get(d.chunk_rowid) == PROGRAM_WEIGHT for d in mains if d.chunk_rowid in ranking.rowids)
    first = [h.chunk.symbol for h in retrieve(real_index, q, ["go1.27.3"], k=5)]
    assert "main.main" not in first, first


def test_fields_that_moved_into_a_new_fields_type_are_said_to_have_moved(real_index) -> None:
    """sync.Mutex lost ``state`` and ``sema`` and gained ``mu isync.Mutex`` (Go 1.24): the comparison says the
    fields moved into internal/sync.Mutex rather than only that they were removed."""
    from guide.answering import answer
    from guide.history.compare import compare
    from guide.language import CHINESE, ENGLISH
    from guide.render.changes import methods_line

    comp = compare(real_index, "sync.Mutex", "go1.21.13", "go1.27.3")
    removed = {c["name"] for c in comp.summary if c["change"] == "field_removed"}
    assert removed == {"state", "sema"}
    assert "fields `state`, `sema` moved into `internal/sync.Mutex`, the type of the new field `mu`" in comp.notes
    # and so did the methods that worked on them (trial 44 read "removed lockSlow, unlockSlow"), cited at both sides
    assert comp.methods is not None and not comp.methods.removed
    assert comp.methods.moved_into == "internal/sync.Mutex"
    moved = {m.name: m for m in comp.methods.moved}
    assert set(moved) == {"lockSlow", "unlockSlow"}
    assert moved["lockSlow"].old.symbol == "sync.(*Mutex).lockSlow"  # type: ignore[union-attr]
    assert moved["lockSlow"].new.symbol == "internal/sync.(*Mutex).lockSlow"  # type: ignore[union-attr]
    assert "moved into internal/sync.Mutex: `lockSlow`" in methods_line(comp.methods, ENGLISH, lambda c: "")
    assert "移到了 internal/sync.Mutex：`lockSlow`" in methods_line(comp.methods, CHINESE, lambda c: "")
    # in the chat the line passes the citation check: the type is named, not quoted from the methods' lines (trial 45:
    # "`internal/sync.Mutex`" occurs in none of them, and the check dropped the line with a warning per citation)
    ans = answer("What changed in sync.Mutex between go1.21.13 and go1.27.3?", index=real_index, llm="extractive")
    assert "moved into internal/sync.Mutex: `lockSlow` [" in ans.text
    assert not [w for w in ans.warnings if "internal/sync.Mutex" in w], ans.warnings
    assert not any(n.startswith("fields") for n in compare(real_index, "runtime.hchan", "go1.21.13", "go1.27.3").notes)


def test_main_main_written_out_does_not_name_the_runtimes_main(real_index) -> None:
    """ "What happens between the process starting and main.main running?" names the program's main function; the
    runtime's ``runtime.main``, found first, shares its bare name, and was taken for the definition the question
    names: the answer opened with its list of calls ("it calls: systemstack, newm, lockOSThread, ... and 15 more",
    trial 21). A name written with its package names what that finds; "runtime.main" still names it."""
    from guide.answering.naming import named_definition
    from guide.citation import sources_from_hits
    from guide.retrieval import retrieve

    for question, named in (
        ("What happens between the process starting and main.main running?", False),
        ("What does runtime.main do before main.main runs?", True),
    ):
        q = Query.parse(question)
        sources = sources_from_hits(real_index, retrieve(real_index, q, ["go1.27.3"], k=5), 5)
        assert any(s.symbol == "runtime.main" for s in sources[:3]), [s.symbol for s in sources]
        focus = named_definition(real_index, q, sources)
        assert (focus is not None and focus.symbol == "runtime.main") == named, (question, focus)


def test_who_calls_it_after_a_named_function_asks_of_that_function(real_index) -> None:
    """ "Who calls it inside the runtime?" after "What does runtime.Gosched do?" took the plain word "runtime" for the
    function asked about and answered "No call site of runtime was found" (trial 22): a follow-up's pronoun stands for
    the identifier the turn before named, before a plain word of its own. Each call site shows the call, not a
    comment that names the function (gcStart's "Release the world sema before Gosched() in STW mode")."""
    from guide.answering import answer

    first = answer("What does runtime.Gosched do?", index=real_index, llm="extractive")
    ans = answer("Who calls it inside the runtime?", history=[(first.question, first.text)], index=real_index)
    assert ans.route == "callers" and ans.text.startswith("Call sites of `Gosched` at go1.27.3:"), ans.text[:200]
    calls = [ln for ln in ans.text.split("\n") if ln.startswith("- ")]
    assert calls and all("`Gosched()`" in ln or "Gosched()" in ln.split("`")[1] for ln in calls), calls
    assert not any("`//" in ln for ln in calls), calls


def test_a_types_comparison_says_how_its_methods_changed(real_index) -> None:
    """ "Did it change since Go 1.21?" after a question on sync.WaitGroup compared the struct only ("comments/layout
    only changed: +5 -1 lines") while WaitGroup gained Go and its Add and Wait changed (trial 22): a type's comparison
    says how its methods changed, each cited at the release that shows it."""
    import re

    from guide.answering import answer

    ans = answer("Did sync.WaitGroup change between go1.21 and go1.27?", index=real_index, llm="extractive")
    line = next((ln for ln in ans.text.split("\n\n") if ln.startswith("**The methods of WaitGroup**")), "")
    assert line.startswith("**The methods of WaitGroup** (go1.21.13 → go1.27.3): added `Go` ["), ans.text[-1500:]
    by_n = {c.n: c for c in ans.citations}
    go = int(re.search(r"added `Go` \[(\d+)\]", line)[1])
    assert (by_n[go].symbol, by_n[go].version) == ("sync.(*WaitGroup).Go", "go1.27.3")
    for name in ("Add", "Wait"):
        m = re.search(rf"`{name}` \(\+\d+ −\d+(?:; doc comment \+\d+ −\d+)?\) \[(\d+)\] \[(\d+)\]", line)
        assert m is not None, line
        old, new = by_n[int(m[1])], by_n[int(m[2])]
        assert (old.symbol, old.version, new.version) == (f"sync.(*WaitGroup).{name}", "go1.21.13", "go1.27.3")
    assert ans.text.index("Comparison of `sync.WaitGroup`") < ans.text.index("**The methods of WaitGroup**")


def test_the_compare_view_and_the_cli_say_how_a_types_methods_changed(real_index) -> None:
    """The chat's comparison of sync.WaitGroup said its methods changed; the Compare tab and ``python -m guide
    compare`` showed the struct alone (trial 23). One comparison carries the methods; each view says them, the CLI
    with each method's place, the JSON with each side cited, the Compare tab in the chat's words without Markdown."""
    from guide.history.compare import compare
    from guide.render.compare_html import comparison_summary
    from guide.render.text import comparison_text

    comp = compare(real_index, "sync.WaitGroup", "go1.21.13", "go1.27.3")
    assert comp.methods is not None and [m.name for m in comp.methods.added] == ["Go"]
    assert {m.name for m in comp.methods.changed} >= {"Add", "Wait"}
    text = comparison_text(comp)
    assert "The methods of WaitGroup (go1.21.13 → go1.27.3): added `Go` (src/sync/waitgroup.go:" in text, text[:800]
    data = comp.to_json()["methods"]
    assert (
        data["added"][0]["new"]["symbol"] == "sync.(*WaitGroup).Go" and data["added"][0]["new"]["version"] == "go1.27.3"
    )
    html = comparison_summary(comp, "zh")
    assert "WaitGroup 的方法" in html and "<code>Go</code>" in html and "**" not in html
    assert compare(real_index, "runtime.chansend", "go1.21.13", "go1.27.3").methods is None  # a function has none


def test_a_type_asked_for_its_methods_lists_them_each_cited(real_index) -> None:
    """ "And its methods?" after hchan's comparison listed hchan's fields and quoted timer's method named hchan (trial
    23): a question naming a type and asking for its methods lists them, each cited at its definition; without the
    word the type's fields are shown as before."""
    import re

    from guide.answering import answer

    ans = answer("What methods does runtime.hchan have?", index=real_index, llm="extractive")
    line = next((ln for ln in ans.text.split("\n\n") if ln.startswith("**runtime.hchan**")), "")
    assert " — its methods: `raceaddr` [" in line and "`sortkey` [" in line, ans.text[:600]
    by_n = {c.n: c for c in ans.citations}
    for name in ("raceaddr", "sortkey"):
        n = int(re.search(rf"`{name}` \[(\d+)\]", line)[1])
        assert by_n[n].symbol == f"runtime.(*hchan).{name}"
    zh = answer("hchan 有哪些方法？", index=real_index, llm="extractive")
    assert "— 它的方法：`raceaddr` [" in zh.text
    fields = answer("What is runtime.hchan made of?", index=real_index, llm="extractive")
    assert "its fields: `qcount`" in fields.text and "its methods" not in fields.text


def test_a_tour_near_a_definition_the_question_names_is_pointed_at_not_walked(real_index) -> None:
    """Trial 24: "How does sync.WaitGroup work?" was answered with the whole tour of sync.Mutex, chosen by meaning,
    which read as the answer while WaitGroup's own Add was only under "See also". Around a definition the question
    names, a tour none of whose steps was found first is named with its steps' definitions, each cited; the
    definitions found for the question are the reading path."""
    from guide.answering import answer

    ans = answer("How does sync.WaitGroup work?", index=real_index, llm="extractive")
    assert "On a related topic, the tour *sync.Mutex and the runtime's semaphores*" in ans.text, ans.text[:1500]
    assert "In short" not in ans.text and "Lock's fast path" not in ans.text  # its summary and notes not written out
    found = ans.text.split("**The definitions found", 1)[1].split("On a related topic", 1)[0]
    assert "sync.(*WaitGroup).Add" in found and "internal/sync" not in found, found


def test_a_follow_up_comparison_of_a_named_type_does_not_open_with_a_tour_chosen_by_meaning(real_index) -> None:
    """Trial 26: "Is it the same in Go 1.21?" after "How does sync.WaitGroup work?" opened with how the sync.Mutex
    tour (near WaitGroup by meaning only) changed, before WaitGroup's own comparison; and a sentence the follow-up
    read again at each release was listed once more as a comment added."""
    from guide.answering import answer

    first = answer("How does sync.WaitGroup work?", index=real_index, llm="extractive")
    ans = answer("Is it the same in Go 1.21?", history=[(first.question, first.text)], index=real_index)
    assert "sync.Mutex and the runtime's semaphores" not in ans.text, ans.text[:800]
    assert "Comparison of `sync.WaitGroup` between go1.21.13 and go1.27.3" in ans.text
    summary = "A WaitGroup is a counting semaphore typically used to wait for a group of goroutines or tasks to finish."
    added = ans.text.split("that go1.21.13 does not have:", 1)[-1].split("\n\n", 1)[0]
    assert summary not in added, added


def test_a_change_asked_in_one_release_says_the_releases_between_are_not_indexed(real_index) -> None:
    """Trial 26: "Did the garbage collector change in go1.27?" compared go1.21.13 with go1.27.3 and credited every
    change to go1.27; the releases between are not indexed, and the answer says so first, as for "哪个版本改的？"."""
    from guide.answering import answer

    ans = answer("Did the garbage collector change in go1.27?", index=real_index, llm="extractive")
    assert ans.text.startswith("Which release made a change can only be told among the indexed releases"), ans.text[
        :300
    ]
    same = answer("Did the garbage collector change between go1.21 and go1.27?", index=real_index, llm="extractive")
    assert not same.text.startswith("Which release made a change")  # both named: what changed between them


def test_a_package_go_has_that_the_index_does_not_read_is_said_first(real_index) -> None:
    """Trial 26: "context.Context 的取消是怎么传播的？" quoted types2.Context and cgo's context argument with no word
    that the context package is not indexed. A package Go has at the release (in git) and no indexed file is under
    is said first, with how to index it; a qualified name an indexed package defines (runtime/debug's SetGCPercent)
    is no such package, nor is a name Go has no package for."""
    from guide.answering import answer
    from guide.answering.unindexed import unindexed_packages

    zh = answer("context.Context 的取消是怎么传播的？", index=real_index, llm="extractive")
    assert zh.text.startswith("`context` 包在 go1.27.3 的 Go 源码中（`src/context`），但不在本索引里"), zh.text[:200]
    en = answer("How does net/http serve requests?", index=real_index, llm="extractive")
    assert en.text.startswith("The package `net/http` is in Go's source at go1.27.3 (`src/net/http`)"), en.text[:200]
    assert "add `src/net/http/**` to the corpus's `include`" in en.text
    for asked in ("What does debug.SetGCPercent do?", "How does sync.WaitGroup work?", "What is gp.sched?"):
        assert unindexed_packages(real_index, Query.parse(asked), "go1.27.3") == [], asked
    # a type assertion's type is an example of a type, not the question's subject (trial 105: "类型断言 x.(io.Reader) 在
    # 运行时要做什么？" opened with how to index src/io); named apart, the package is still said
    for asked in ("类型断言 x.(io.Reader) 在运行时要做什么？开销大吗？", "Is v.(*os.PathError) slow?"):
        assert unindexed_packages(real_index, Query.parse(asked), "go1.27.3") == [], asked
    both = Query.parse("Is x.(io.Reader) slower than calling io.Copy?")
    assert [p for p, _ in unindexed_packages(real_index, both, "go1.27.3")] == ["io"]


def test_a_pasted_trace_s_frames_of_an_unread_package_are_not_called_undefined(real_index) -> None:
    """Trial 73: a crash log pasted into the chat (frames ``net/http.HandlerFunc.ServeHTTP(...)``, files
    ``/usr/local/go/src/net/http/server.go``) was answered "`http.HandlerFunc.ServeHTTP` is not defined in any
    indexed release", "`server.go` does not exist in any indexed release", with "similar names" from the runtime,
    and no word that net/http is not indexed. A frame's import path names its package, said first as unread; its
    names and files are not called undefined."""
    from guide.answering import answer

    frames = "\n".join(
        f"main.(*Server).handle{i}(0xc0000{i:02d}a0)\n\t/home/app/server.go:{100 + i}\n"
        "net/http.HandlerFunc.ServeHTTP(...)\n\t/usr/local/go/src/net/http/server.go:1947"
        for i in range(3)
    )
    frames += "\nmain.(*Server).handle9(0xc000"  # a paste cut in a frame
    a = answer(f"我们线上服务崩了，帮我看看：\nfatal error: concurrent map writes\n\n{frames}", index=real_index,
               llm="extractive")  # fmt: skip
    assert "`net/http` 包在 go1.27.3 的 Go 源码中（`src/net/http`），但不在本索引里" in a.text, a.text[:400]
    assert "ServeHTTP` 在任何已索引的版本" not in a.text, a.text[:600]
    assert "main.(*Server).handle" not in a.text.split("摘录式回答")[0], a.text[:600]  # the asker's own (trial 75)
    assert "`server.go` 在任何已索引的版本" not in a.text, a.text[:600]
    assert "concurrent map writes" in a.text
    # nor by a follow-up, whose own words are not the paste (trial 75: "代码在哪里？")
    where = answer("代码在哪里？", index=real_index, llm="extractive", history=[(frames, a.text)])
    assert "`server.go` 在任何已索引的版本" not in where.text, where.text[:600]


def test_call_sites_show_each_call_in_a_function_and_count_the_rest(real_index) -> None:
    """Trial 26: "Who calls it?" after runtime.gopark listed chansend twice with its first gopark (the nil-channel
    one) both times, put js/wasm's lock_js.go among five call sites and never said there were more. Each function
    is listed once with each call and its line, the question's platform first, and the others are counted."""
    import re

    from guide.answering import answer

    ans = answer("Who calls runtime.gopark?", index=real_index, llm="extractive")
    assert ans.route == "callers", ans.text[:200]
    items = [ln for ln in ans.text.split("\n") if ln.startswith("- ")]
    assert len({ln.split(" — ")[0] for ln in items}) == len(items), items  # each function once
    send = next(ln for ln in items if ln.startswith("- runtime.chansend —"))
    assert (
        "waitReasonChanSendNilChan" in send and "chanparkcommit" in send and len(re.findall(r", line \d+", send)) == 2
    )
    assert not any("lock_js.go" in ln for ln in items), items
    assert re.search(r"^… and \d+\+? more functions that call it", ans.text, re.MULTILINE), ans.text[-300:]


def test_a_name_another_package_keeps_is_not_followed_as_a_move(real_index) -> None:
    """internal/runtime/maps.Map is new in go1.24; the type checker's types2.Map, in a file named map.go too, is at
    both releases: it is another definition, not the new map's old place (trial 28: "包移动：cmd/compile/internal/types2
    → internal/runtime/maps")."""
    from guide.history.compare import compare_symbol

    comp = compare_symbol(real_index, "internal/runtime/maps.Map", "go1.21.13", "go1.27.3")
    assert comp.left is None and comp.right is not None and comp.right.symbol == "internal/runtime/maps.Map"
    assert not any(c.get("change") == "package_moved" for c in comp.summary)


def test_a_release_with_new_comments_is_not_said_to_have_nothing_new(real_index) -> None:
    """The linker's dead code elimination between go1.21 and go1.27: the line under go1.27.3 said what its definitions
    say on the question was said before, and the comments added at go1.27.3 were listed right below it (trial 28)."""
    from guide.answering import answer

    ans = answer("How did the linker's dead code elimination change between go1.21 and go1.27?", index=real_index)
    assert "Its comments at go1.27.3 that go1.21.13 does not have:" in ans.text
    assert "already said in the earlier releases" not in ans.text


def test_a_word_written_as_code_that_names_no_definition_is_placed_among_the_releases(real_index) -> None:
    """ "GOMEMLIMIT 是在哪个版本引入的？go1.15.15 有吗？" (trial 28) quoted whatever shared its other words and
    never said that go1.15.15 has no GOMEMLIMIT. A word written as code that is no definition's name (an
    environment variable, an experiment) is placed among the indexed releases first, cited where it first occurs;
    only when the question asks about a release without it, or since when."""
    from guide.answering import answer

    ans = answer("Does go1.21 have the greenteagc experiment?", index=real_index, llm="extractive")
    head = ans.text.split("\n\n")[0]
    # the releases between go1.21.13 and go1.27.3 are not indexed: "from go1.27.3 on" alone read as "since go1.27"
    # (trial 35), so the answer says it came in one of them or in go1.27.3
    said = (
        r"`?greenteagc`? does not occur in the Go sources indexed at go1\.21\.13; it occurs in the Go sources of "
        r"the indexed releases from go1\.27\.3 on \(not at go1\.21\.13; the releases between them are not "
        r"indexed, so it came in one of them or in go1\.27\.3\), first in "
    )
    assert re.match(said, head), head
    assert ans.citations[0].version == "go1.27.3"
    assert not [w for w in ans.warnings if w.startswith(("removed citation", "dropped"))]
    since = answer("When was GOMEMLIMIT introduced?", index=real_index, llm="extractive")
    # in every indexed release: not "introduced in the oldest" (trial 88 read "from the oldest (go1.21.13) on" so)
    assert since.text.startswith(
        "`GOMEMLIMIT` occurs in the Go sources of every indexed release, already in the oldest (go1.21.13: it came "
        "in at that release or before it, which the index does not hold), first in"
    )
    zh = answer("GOMEMLIMIT 是在哪个版本引入的？", index=real_index, llm="extractive")
    assert zh.text.startswith(
        "`GOMEMLIMIT` 在每个已索引版本（最早的 go1.21.13 中已有：它在该版本或更早的、未被索引的版本中引入）的"
    )
    plain = answer("What does GOGC control?", index=real_index, llm="extractive")
    assert "occurs in the Go sources" not in plain.text and "does not occur" not in plain.text


def test_a_step_the_comparison_names_is_the_one_it_is_about(real_index) -> None:
    """ "What changed in findRunnable between go1.21 and go1.27?": the scheduler tour's step the question names is
    the one it is about, not one of "the tour's other steps" (trial 28 had put findRunnable there, under schedule's
    "the same text"); its change is said once, by its comparison."""
    from guide.answering import answer

    ans = answer("What changed in findRunnable between go1.21 and go1.27?", index=real_index, llm="extractive")
    others = next((ln for ln in ans.text.split("\n") if ln.startswith("The tour's other steps")), "")
    assert "runtime.findRunnable" not in others and "runtime.schedule" in others, others
    assert ans.text.count("body: +100 −31 lines") == 1 and "Comparison of `findRunnable`" in ans.text


def test_since_when_in_other_words_is_answered_by_the_words_span(real_index) -> None:
    """ "Since which Go release does GOMEMLIMIT exist?" and "GOMEMLIMIT 是从哪个 Go 版本开始引入的？" ask since when
    too (trial 30 got a tour and no release: the sentence's "Since", time.Since's name, had made it a question about a
    definition); of "the loopvar GOEXPERIMENT", loopvar (a package of the compiler, no other definition) is the
    subject, not GOEXPERIMENT, which every release has."""
    from guide.answering import answer
    from guide.query import Query

    for question in ("Since which Go release does GOMEMLIMIT exist?", "GOMEMLIMIT 是从哪个 Go 版本开始引入的？"):
        assert Query.parse(question).asks_timeline
        ans = answer(question, index=real_index, llm="extractive")
        assert ans.text.startswith("`GOMEMLIMIT` "), ans.text[:200]
    loopvar = answer("Which release added the loopvar GOEXPERIMENT?", index=real_index, llm="extractive")
    assert loopvar.text.startswith("`loopvar` occurs in the Go sources of every indexed release"), loopvar.text[:200]
    assert "`GOEXPERIMENT` occurs" not in loopvar.text
    # an English word the dictionary has in another form (iterate: iteration) is no word written as code: "`iteration`
    # occurs in the Go sources of every indexed release ..., first in ssa.(*loop).iterationEnd" had opened this one
    plain = answer(
        "Since which Go release does each loop iteration get its own copy of the loop variable?",
        index=real_index,
        llm="extractive",
    )
    assert "occurs in the Go sources" not in plain.text, plain.text[:300]
    # nor is the doer of such a verb (iterat-or, finaliz-er): "`iterators` occurs in the Go sources of every indexed
    # release ..., first in runtime/map.go" had opened "When did range-over-func iterators appear ...?" (trial 108)
    doer = answer("When did range-over-func iterators appear in the compiler?", index=real_index, llm="extractive")
    assert "occurs in the Go sources" not in doer.text, doer.text[:300]


def test_a_sentences_capitalized_english_word_is_no_name_but_an_exported_one_is(real_index) -> None:
    """ "Since which Go release ...": "Since" (time.Since) and "Go" (WaitGroup.Go) at a sentence's start are English;
    "Goexit" and "GOMAXPROCS" are names."""
    from guide.answering.naming import names_code
    from guide.query import Query

    assert not names_code(real_index, Query.parse("Since which Go release does GOMEMLIMIT exist?"))
    assert names_code(real_index, Query.parse("Since when does Goexit exist?"))
    assert names_code(real_index, Query.parse("Since when does GOMAXPROCS exist?"))


def test_a_tour_read_for_another_platform_says_where_its_platform_steps_are(real_index) -> None:
    """Trial 36: "what about arm64?" after "How does a Go program start?" said the sources said nothing more and left
    the arm64 rt0_go in "See also"; the program-start tour reads linux/amd64's entry. Asked for linux/arm64, the steps
    built for amd64 are given at arm64, each cited: the same name in arm64's file, or the name with its platform's
    words swapped. At the tours' own platform there is no such note."""
    from guide.answering import answer
    from guide.answering.platform_steps import swapped

    assert swapped("_rt0_amd64_linux", "src/runtime/rt0_linux_amd64.s", ("linux", "arm64")) == "_rt0_arm64_linux"
    assert swapped("runtime.rt0_go", "src/runtime/asm_amd64.s", ("linux", "arm64")) == "runtime.rt0_go"
    first = answer("How does a Go program start?", index=real_index, llm="extractive")
    assert "On linux/" not in first.text
    ans = answer("what about arm64?", history=[(first.question, first.text)], index=real_index, llm="extractive")
    assert ans.text.startswith("On linux/arm64, the steps of *How a Go program starts*")
    cited = {(c.path, c.symbol) for c in ans.citations}
    assert ("src/runtime/rt0_linux_arm64.s", "_rt0_arm64_linux") in cited
    assert ("src/runtime/asm_arm64.s", "runtime.rt0_go") in cited
    zh = answer("arm64 上 Go 程序的入口在哪里？", index=real_index, llm="extractive")
    assert zh.text.startswith("在 linux/arm64 上") and "**runtime.rt0_go** (src/runtime/asm_arm64.s:" in zh.text


def test_who_calls_it_after_a_question_naming_no_code_asks_of_what_it_found(real_index) -> None:
    """Trial 37: "who calls it?" after "Where is the code that prints 'fatal error: all goroutines are asleep -
    deadlock!'?" listed the callers of `fatal`, a word of the message, not of checkdead, which prints it; after a
    question on syscalls it looked for a symbol `blocks`. With no code named in either turn, "it" is the function
    the turn before found first."""
    from guide.answering import answer

    first = answer("Where is the code that prints 'fatal error: all goroutines are asleep - deadlock!'?",
                   index=real_index, llm="extractive")  # fmt: skip
    ans = answer("who calls it?", history=[(first.question, first.text)], index=real_index, llm="extractive")
    assert ans.route == "callers" and ans.text.startswith("Call sites of `checkdead`"), ans.text[:200]


def test_a_named_types_answer_does_not_open_with_a_homonyms_comment(real_index) -> None:
    """ "hchan" names the channel type; the timer method hchan's "hchan returns the channel in t.arg." had been the
    answer's first quote (trial 36). It may still be quoted, after the type's own."""
    from guide.answering import answer

    ans = answer("hchan", index=real_index, llm="extractive")
    quotes = [ln for ln in ans.text.split("\n") if ln.startswith("- ") and "(runtime." in ln]
    assert quotes and "runtime.(*timer).hchan" not in quotes[0], quotes[:3]


def test_a_comparison_that_asks_how_says_how_before_what_changed(real_index) -> None:
    """Trial 73: "When a goroutine enters a blocking system call, how does the thread give its processor back ...
    and did that change between go1.21 and go1.27?" was answered with what changed alone (a new note on exitsyscall,
    then fields and calls) and never how. A comparison that also asks how it is done opens with the team's notes on
    the steps it is about at the newer release, cited there; one that asks only what changed does not."""
    from guide.answering import answer
    from guide.intent import HOW_IT_WORKS

    q = (
        "When a goroutine enters a blocking system call, how does the thread give its processor back so others can "
        "run — and did that change between go1.21 and go1.27?"
    )
    a = answer(q, index=real_index, llm="extractive")
    how = "**How it is done at go1.27.3, in the team's notes on the steps the question is about**"
    assert how in a.text, a.text[:600]
    said = a.text.split(how, 1)[1].split("\n\n", 1)[0]
    assert "- **runtime.handoffp**" in said and "- **runtime.retake**" in said, said
    n = int(said.split("runtime.handoffp", 1)[1].split("[", 1)[1].split("]", 1)[0])
    assert next(c for c in a.citations if c.n == n).version == "go1.27.3"
    changed = answer("What changed in the scheduler between go1.21 and go1.27?", index=real_index, llm="extractive")
    assert how.split(",")[0][2:] not in changed.text
    assert not HOW_IT_WORKS.search("How did the hchan struct change across go1.22 and go1.23?")
    assert not HOW_IT_WORKS.search("清理函数的机制是怎样演变的？") and HOW_IT_WORKS.search("那抢占是怎么做的？")


def test_a_topic_comparison_says_the_code_walked_at_one_release_only_first(real_index) -> None:
    """Trial 73: "What changed in the map implementation between go1.21 and go1.27?" opened with walkIndexMap's
    "body: +1 −1 lines", the one step at both releases, above the bucket map's steps (go1.21.13) and the Swiss
    table's (go1.27.3). A question on the whole topic first hears of the code the tour walks at one release only."""
    from guide.answering import answer

    a = answer("What changed in the map implementation between go1.21 and go1.27?", index=real_index, llm="extractive")
    only_old, only_new = a.text.find("**Steps the tour walks only at go1.21.13:**"), a.text.find("only at go1.27.3:**")
    both = a.text.find("**How these steps changed between go1.21.13 and go1.27.3**")
    assert 0 < only_old < only_new < both, (only_old, only_new, both)
    assert re.findall(r"\[(\d+)\]", a.text)[0] == "1"  # the steps said first are numbered first


def test_a_package_outside_go_is_said_to_be_no_part_of_it(real_index) -> None:
    """Trial 74: "gin.Context 是怎么用 sync.Pool 复用的？在 handler 里把 c 直接传给另一个 goroutine 安全吗？"
    opened with sync.Pool's "A Pool is safe for use by multiple goroutines simultaneously." and no word that gin
    is not Go's code, which a reader took for "yes, it is safe". A qualified exported name whose package Go's tree
    does not have, that no definition is named and that the code hardly uses, is said first to be outside Go; a
    variable the runtime's code uses (ctx, wg, mu) is no such package, nor is a package of Go's (encoding/json's)."""
    from guide.answering import answer
    from guide.answering.unindexed import foreign_packages

    q = "我们用 gin 框架。gin.Context 是怎么用 sync.Pool 复用的？在 handler 里把 c 直接传给另一个 goroutine 安全吗？"
    a = answer(q, index=real_index, llm="extractive")
    assert a.text.startswith("`gin` 不是 go1.27.3 的 Go 源码树中的包（是 Go 之外的模块）"), a.text[:300]
    assert "gin.Context` 在任何已索引的版本" not in a.text
    for asked in ("How does ctx.Done() work with wg.Wait() and mu.Lock()?", "What does json.Marshal allocate?"):
        assert foreign_packages(real_index, Query.parse(asked), "go1.27.3") == [], asked


def test_a_methods_doc_comment_change_is_counted_and_the_named_methods_new_comment_quoted(real_index) -> None:
    """time.Timer's Stop and Reset changed two lines of code from go1.21 to go1.27 and rewrote their doc comments on
    what they guarantee "as of Go 1.23"; the comparison said "`Stop` (+2 −2)" and nothing of it (trial 75). The doc
    comment's lines are counted apart, and a method the question names has the comment it gained quoted, cited at
    the newer release; one the question does not name is not."""
    from guide.answering import answer
    from guide.history.compare import compare
    from guide.language import ENGLISH
    from guide.render.changes import methods_line

    comp = compare(real_index, "time.Timer", "go1.21.13", "go1.27.3")
    assert comp.methods is not None
    stop = next(m for m in comp.methods.changed if m.name == "Stop")
    assert stop.doc_added > 0 and stop.doc_removed > 0
    assert f"`Stop` (+{stop.added} −{stop.removed}; doc comment +{stop.doc_added}" in methods_line(
        comp.methods, ENGLISH, lambda c: ""
    )
    ans = answer("Did time.Timer's Stop change between go1.21 and go1.27?", index=real_index, llm="extractive")
    said = "as of Go 1.23, any receive from t.C after Stop has returned is guaranteed to block"
    assert said in ans.text, ans.text
    quoted = next(line for line in ans.text.splitlines() if said in line)
    n = int(quoted.rsplit("[", 1)[1].rstrip("]"))
    cited = next(c for c in ans.citations if c.n == n)
    assert (cited.symbol, cited.version) == ("time.(*Timer).Stop", "go1.27.3")
    assert "after Reset has returned" not in ans.text  # Reset is not named


def test_an_experiment_the_question_names_is_said_on_or_off_at_each_release(real_index) -> None:
    """ "Is GOEXPERIMENT GreenTeaGC enabled by default in go1.25 and go1.26?" compared the package doc of
    internal/goexperiment ("unchanged: identical text", trial 76). An experiment the question names, by its flag or
    the words of its name, is said on or off by default at each release asked about, from that release's
    ParseGOEXPERIMENT, cited there; not in a question that asks neither whether it is on nor a comparison."""
    from guide.answering import answer
    from guide.answering.named_experiments import named_in

    names = ["GreenTeaGC", "SwissMap", "ExecTracer2", "Arenas"]
    assert named_in("Is the Green Tea GC on?", names) == ["GreenTeaGC"]
    assert named_in("swissmap or exectracer2?", names) == ["SwissMap", "ExecTracer2"]
    assert named_in("a tea break", names) == [] and named_in("memory arenas", names) == ["Arenas"]
    ans = answer("Is GOEXPERIMENT GreenTeaGC enabled by default in go1.21 and go1.27?", index=real_index)
    line = next(ln for ln in ans.text.splitlines() if ln.startswith("- `GreenTeaGC`: "))
    assert "not among the experiments of go1.21.13 [" in line and "on by default at go1.27.3 [" in line, line
    n = int(line.split("on by default at go1.27.3 [", 1)[1].split("]", 1)[0])
    cited = next(c for c in ans.citations if c.n == n)
    assert (cited.symbol, cited.version) == ("internal/buildcfg.ParseGOEXPERIMENT", "go1.27.3")
    assert "GreenTeaGC:" in cited.excerpt
    one = answer("go1.27 默认启用 greenteagc 了吗？", index=real_index, llm="extractive")
    assert "- `GreenTeaGC`: 在 go1.27.3 中默认开启 [" in one.text, one.text[:400]
    how = answer("How does the Green Tea garbage collector scan objects?", index=real_index, llm="extractive")
    assert "`GreenTeaGC`: on by default" not in how.text
    # asked at a release without it, or in a follow-up that names only the release, it is said beside the newest
    # (trial 78: "那 go1.21 的时候有吗？" after the go1.27 question got the GC tour and no "no")
    first = answer("Is the Green Tea GC on by default in go1.27?", index=real_index, llm="extractive")
    then = answer("那 go1.21 的时候有吗？", index=real_index, llm="extractive", history=[(first.question, first.text)])
    assert then.text.startswith("**问题提到的 GOEXPERIMENT"), then.text[:300]
    assert "- `GreenTeaGC`: go1.21.13 中没有这个实验 [" in then.text and "在 go1.27.3 中默认开启 [" in then.text


def test_a_definition_whose_doc_comment_alone_changed_has_that_change_in_its_diff(real_index) -> None:
    """The Compare tab said "doc comment changed: +0 −5" for time.NewTimer from go1.26 to go1.27 and then "No
    difference: the definition is identical in both releases." (trial 76): the diff and the identity check read the
    declaration's lines only. sync.WaitGroup.Done's code is the same at go1.21.13 and go1.27.3 and its doc comment
    is not: the diff shows the doc comment's lines, numbered as the file numbers them, in both layouts."""
    from guide.history.compare import compare
    from guide.render.compare_html import comparison_diff

    comp = compare(real_index, "sync.(*WaitGroup).Done", "go1.21.13", "go1.27.3")
    assert comp.left is not None and comp.right is not None
    assert comp.left.excerpt == comp.right.excerpt and comp.left.doc != comp.right.doc
    changed = [ln for ln in comp.diff.split("\n") if ln.startswith(("+//", "-//"))]
    assert changed, comp.diff
    hunk = next(ln for ln in comp.diff.split("\n") if ln.startswith("@@"))
    assert hunk.startswith(f"@@ -{comp.left.doc_start_line},"), (hunk, comp.left.doc_start_line)
    for layout in ("unified", "side by side"):
        html = comparison_diff(comp, layout)
        assert "identical in both releases" not in html and "gg-d-add" in html, html[:300]


def test_a_comparison_says_when_a_release_also_builds_the_definition_another_way(real_index) -> None:
    """go1.24.11 has two sync.Map implementations, go1.22.10 two tracers: the comparison of the default build said
    nothing of the other (trial 76). go1.27.3's tryDeferToSpanScan is in mgcmark_greenteagc.go and, for builds
    without the Green Tea GC, in mgcmark_nogreenteagc.go: the comparison names the other, and its constraint."""
    from guide.history.compare import compare

    comp = compare(real_index, "tryDeferToSpanScan", "go1.21.13", "go1.27.3")
    assert comp.right is not None and comp.right.path == "src/runtime/mgcmark_greenteagc.go", comp.right
    said = [n for n in comp.notes if getattr(n, "key", "") == "other_build"]
    assert [str(n) for n in said] == [
        "go1.27.3 also has another `tryDeferToSpanScan`, in src/runtime/mgcmark_nogreenteagc.go, built only with "
        "`//go:build !goexperiment.greenteagc`; the one compared here is its default build's"
    ]
    assert not any(
        getattr(n, "key", "") == "other_build" for n in compare(real_index, "hchan", "go1.21.13", "go1.27.3").notes
    )


def test_an_experiment_the_question_describes_is_said_with_the_release_it_came_on(real_index) -> None:
    """ "I heard the execution tracer was rewritten … which release did that?" never said ExecTracer2 (trial 76): no
    definition compared names it. An experiment whose flag's comment says two of the question's words (words few
    flags' comments use) is on its topic; one word ("size" for SizeSpecializedMalloc, its name aside) is not."""
    from guide.answering.defaults import on_topic
    from guide.history.experiments import changed_defaults

    found = {c.name: c for c in changed_defaults(real_index, "go1.21.13", "go1.27.3")}
    green = found["GreenTeaGC"]
    assert on_topic(green, [], "Which release switched to the Green Tea GC implementation of the collector?")
    sized = found["SizeSpecializedMalloc"]
    assert not on_topic(sized, [], "How did the stack size change between go1.21 and go1.27?")
    assert on_topic(sized, [], "Are malloc implementations specialized per size class now?")


def test_a_comment_that_moved_to_another_function_is_not_said_to_be_gone(real_index) -> None:
    """Trial 81: growslice's "This formula gives a smooth-ish transition between the two." (go1.21.13) was listed
    among its comments gone at go1.27.3; it moved to nextslicecap, wrapped after "This formula", and the lookup
    wanted the words on one line. A comment removed is still said to be gone."""
    from guide.answering.compared import said_elsewhere

    assert said_elsewhere(real_index, "This formula gives a smooth-ish transition between the two.", "go1.27.3")
    assert not said_elsewhere(
        real_index, "Check 0 < newcap to detect overflow and prevent an infinite loop.", "go1.27.3"
    )
    assert real_index.reader.code_chunks_commenting("This formula gives a smooth-ish transition")
    assert not real_index.reader.code_chunks_saying("This formula gives a smooth-ish transition")


def test_a_named_type_brings_the_function_of_its_file_that_says_the_rest(real_index) -> None:
    """Trial 81: "sync.Pool 里放的对象在 GC 的时候会被全部清掉吗？" never cited poolCleanup, the function of
    pool.go the GC calls ("at the beginning of a garbage collection"): a named type's members are its methods and
    its file's functions, the one that says most of the question's other words right after it."""
    from guide.retrieval import RETRIEVERS, scope_for
    from guide.retrieval.base import SYMBOL

    q = Query.parse("sync.Pool 里放的对象在 GC 的时候会被全部清掉吗？")
    ranked = RETRIEVERS[SYMBOL].search(real_index, q, scope_for(real_index, ["go1.27.3"]), 5)
    by_row = {c.rowid: c.symbol for c in real_index.reader.chunks(ranked.rowids)}
    assert [by_row[r] for r in ranked.rowids[:2]] == ["sync.Pool", "sync.poolCleanup"], by_row


def test_a_declaration_without_a_body_is_read_with_the_runtime_definition_that_implements_it(real_index) -> None:
    """Trial 81: "Does FreeOSMemory actually give the memory back to Linux right away?" ended at runtime/debug's
    ``func freeOSMemory()`` and walked the background scavenger, which FreeOSMemory does not call. The runtime's
    ``runtime_debug_freeOSMemory`` (``//go:linkname runtime_debug_freeOSMemory runtime/debug.freeOSMemory``: GC, then
    scavengeAll) is cited right after the declaration, and the reading path goes on to it."""
    from guide.answering import answer

    ans = answer("Does debug.FreeOSMemory give the memory back to Linux right away?", index=real_index,
                 llm="extractive")  # fmt: skip
    symbols = [c.symbol for c in ans.citations]
    assert "runtime.runtime_debug_freeOSMemory" in symbols, symbols
    stub = symbols.index("runtime/debug.freeOSMemory")
    assert symbols[stub + 1] == "runtime.runtime_debug_freeOSMemory", symbols
    impl = next(c for c in ans.citations if c.symbol == "runtime.runtime_debug_freeOSMemory")
    assert "mheap_.scavengeAll()" in impl.excerpt
    assert f"calls runtime.runtime_debug_freeOSMemory (see [{impl.n}])" in ans.text


def test_since_when_an_experiment_is_on_is_said_of_every_release(real_index) -> None:
    """Trial 82: "从哪个版本开始默认使用新的 Green Tea 垃圾回收器？" had "on by default at go1.27.3" alone (since
    go1.26.6 on the full index): a question that asks since when, naming no release, has each indexed release's
    default."""
    from guide.answering import answer

    for question in ("Since which release is the Green Tea garbage collector on by default?",
                     "从哪个版本开始默认使用新的 Green Tea 垃圾回收器？"):  # fmt: skip
        block = answer(question, index=real_index, llm="extractive").text.split("\n\n")[0]
        assert "GreenTeaGC" in block and "go1.21.13" in block and "go1.27.3" in block, block


def test_the_threads_experiment_asked_at_another_release_is_said_there_first(real_index) -> None:
    """Trial 94: "and in Go 1.21?" after "What is the Green Tea GC?" walked the GC tour at go1.21.13 and its changes,
    and never said that go1.21.13 has no Green Tea GC: the thread's question at another release says first whether
    that release has the experiment the thread names."""
    from guide.answering import answer

    first = "What is the Green Tea GC?"
    for follow_up in ("and in Go 1.21?", "那 Go 1.21 呢？"):
        before = answer(first, index=real_index, llm="extractive")
        ans = answer(follow_up, history=[(first, before.text)], index=real_index, llm="extractive")
        block = ans.text.split("\n\n")[:2]
        line = next(ln for b in block for ln in b.splitlines() if ln.startswith("- `GreenTeaGC`"))
        assert "go1.21.13" in line and "go1.27.3" in line, line
    other = answer("and in Go 1.21?", history=[("What is hchan?", "hchan ...")], index=real_index, llm="extractive")
    assert "GOEXPERIMENT" not in other.text.split("\n\n")[0]


def test_the_step_of_the_named_definition_answers_most_directly(real_index) -> None:
    """Trial 94: "Where is runtime·rt0_go in go1.21.13?" pointed at _rt0_amd64, the step before rt0_go's, as the one
    that answers most directly: the step whose definition the question names is that one."""
    from guide.answering import answer

    text = answer("Where is runtime·rt0_go in go1.21.13?", index=real_index, llm="extractive").text
    lead = text.split("Most directly, step ", 1)[1].split("\n\n", 2)[1]
    assert lead.startswith("**runtime.rt0_go** (src/runtime/asm_amd64.s:"), lead[:200]


def test_a_new_doc_sentence_is_quoted_after_the_new_one_before_it(real_index) -> None:
    """Trial 94: comparing the map between go1.21.13 and go1.27.3 quoted mapaccess1's new "We could just call it, but
    we want to avoid one layer of call." without "mapaccess1 is pushed from internal/runtime/maps.", the sentence
    before it that says where the code went."""
    from guide.answering.new_code import new_comments
    from guide.answering.statements import quote
    from guide.history.compare import compare_symbol

    comp = compare_symbol(real_index, "runtime.mapaccess1", "go1.21.13", "go1.27.3")
    assert comp.left is not None and comp.right is not None
    (said,) = new_comments(comp.left, comp.right)
    assert quote(said) == (
        "mapaccess1 is pushed from internal/runtime/maps. We could just call it, but we want to avoid one layer of"
        " call."
    )


def test_a_method_named_beside_its_type_is_that_types_method(real_index) -> None:
    """Trial 85: "... 以前忘了 Stop 的 Timer 会一直占着内存，现在还会这样吗？" compared runtime/trace.Stop, the first
    definition named Stop; beside the type the question names it is Timer's."""
    from guide.answering import answer

    ans = answer(
        "从 Go 1.21 升级到 Go 1.27，运行时里的定时器实现有什么变化？"
        "以前忘了 Stop 的 Timer 会一直占着内存，现在还会这样吗？",
        index=real_index,
        llm="extractive",
    )
    head = ans.text.split("\n", 1)[0]
    assert head.startswith("`Timer.Stop` ") and "runtime/trace" not in ans.text.split("\n\n")[0], head
    # trial 90: the type qualified by its package ("call Stop on a time.Timer")
    qualified = "What changed with timers in Go 1.23? Do I still need to call Stop on a time.Timer or time.After?"
    text = answer(qualified, index=real_index, llm="extractive").text
    assert "`time.Timer.Stop`" in text.split("\n\n")[1] and "runtime/trace" not in text, text[:400]


def test_a_packages_doc_comment_is_quoted_with_its_lines(real_index) -> None:
    """A package's chunk is its package clause, and its overview is the doc comment above it: sync/atomic's "all the
    atomic operations executed in a program behave as though executed in some sequentially consistent order" was
    never quoted (its statements were "package atomic", which says nothing), and "Are Go's atomics sequentially
    consistent?" quoted sync.Once and sync.Cond instead (trial 100). It is quoted, with the lines it is on."""
    from guide.answering.pipeline import answer

    ans = answer(
        "What does the Go memory model guarantee for atomics? Are they sequentially consistent?",
        index=real_index,
        llm="extractive",
    )
    said = (
        "“Additionally, all the atomic operations executed in a program behave as though executed in some sequentially"
    )
    assert said in ans.text and "order.” (sync/atomic, lines 43-44)" in ans.text, ans.text[:1500]


def test_a_name_defined_only_at_another_release_is_not_said_to_be_nowhere_again(real_index) -> None:
    """Trial 101: "map 底层还是 hmap 加 bucket 那套吗？" said hmap is not at go1.27.3 and is runtime.hmap at go1.21.13;
    the follow-ups then said "hmap 在任何已索引的版本中都没有定义（详见上文）" (defined in no indexed release),
    which the answer above contradicts. Said again, it is not defined at the release asked about."""
    from guide.answering.pipeline import answer

    first = answer("Is the map still an hmap with buckets?", index=real_index, llm="extractive")
    assert "`hmap` is not defined at go1.27.3, the newest indexed release; at go1.21.13 it is" in first.text
    why = answer("Why?", history=[(first.question, first.text)], index=real_index, llm="extractive")
    said = "`hmap` is not defined at go1.27.3, the newest indexed release (said above, with where it is)."
    assert said in why.text and "in any indexed release" not in why.text, why.text[:600]


def test_main_main_is_no_comparison_subject_of_a_generator_program(real_index) -> None:
    """Trial 102: "in 1.9 it was the same?" after "what runs before main.main?" compared cmd/compile's ssa/_gen/main.go
    (a program run by hand) as "the identifier named in the question". The indexed ``main.main`` definitions are such
    programs, never the user's program: the name is no subject of a comparison, while a real definition still is."""
    from guide.history.subject import question_symbol

    q = Query.parse("What changed in main.main between go1.21.13 and go1.27.3?")
    found = question_symbol(real_index, q, "go1.21.13", "go1.27.3")
    assert found is None or found[0] != "main.main", found
    named = question_symbol(
        real_index, Query.parse("What changed in hchan between go1.21 and go1.27?"), "go1.21.13", "go1.27.3"
    )
    assert named == ("hchan", True)


def test_a_word_only_a_newer_release_has_is_said_in_plain_order(real_index) -> None:
    """Trial 104: "新版本 Go 是不是会根据 cgroup CPU limit 自动设置 GOMAXPROCS？从哪个版本开始？" opened with
    "`cgroup` 在从 go1.27.3 起各个已索引版本（go1.21.13 中没有；两者之间的版本没有索引，所以它出现在其间某个版本或
    go1.27.3）的 Go 源码中出现": where it occurs and where it first is, then the release without it, each said
    apart."""
    from guide.answering import answer

    for asked, said in (
        ("Does the newest Go set GOMAXPROCS from the cgroup CPU limit? Since which release?",
         r"`cgroup` occurs in the Go sources of go1\.27\.3, first in \S+ \(\S+\) \[1\]; go1\.21\.13 does not have it "
         r"\(the releases between them are not indexed, so it came in one of them or in go1\.27\.3\)\.$"),
        ("新版本 Go 是不是会根据 cgroup CPU limit 自动设置 GOMAXPROCS？从哪个版本开始？",
         r"`cgroup` 出现在 go1\.27\.3 的 Go 源码中，最早见于 \S+ \(\S+\) \[1\]；go1\.21\.13 中还没有"
         r"（两者之间的版本未被索引，所以它是在其间某个版本或 go1\.27\.3 引入的）。$"),
    ):  # fmt: skip
        head = answer(asked, index=real_index, llm="extractive").text.split("\n\n")[0]
        assert re.match(said, head), head


def test_call_sites_that_are_the_questions_subject_are_no_request_for_callers(real_index) -> None:
    """Trial 111: "How does PGO decide which call sites are hot enough to inline?" was answered with the call sites of
    `inline`, a generator program's function under src/runtime (one citation); call sites asked for are still listed."""
    from guide.answering import answer

    for text in ("How does PGO decide which call sites are hot enough to inline?", "Do callers need to hold the lock?",
                 "Where are hot call sites inlined?"):  # fmt: skip
        assert not Query.parse(text).asks_callers, text
    for text in ("who calls lock?", "show me the callers of gopark", "What are the call sites of newproc?",
                 "What callers does mallocgc have?", "What call sites are there for newproc?"):  # fmt: skip
        assert Query.parse(text).asks_callers, text
    ans = answer("How does PGO decide which call sites are hot enough to inline?", index=real_index, llm="extractive")
    assert ans.route != "callers" and not ans.text.startswith("Call sites of"), ans.text[:200]
    assert any(c.path.startswith("src/cmd/compile/internal/inline/") for c in ans.citations), ans.citations


def test_since_when_a_described_feature_exists_is_said_of_the_code_found(real_index) -> None:
    """Trial 111: "flight recorder 是在哪个版本加入的？它是怎么实现的？" quoted the flight recorder's code at go1.27.3
    and never said a release. The first definitions found are looked up at every indexed release: said first, each
    cited where it first is; code at every release is said to be at the oldest indexed already, cited there."""
    from guide.answering import answer

    ans = answer("flight recorder 是在哪个版本加入的？它是怎么实现的？", index=real_index, llm="extractive")
    head, _, _ = ans.text.partition("\n\n")
    assert head.startswith("下面找到的代码在已索引的版本中从哪个版本开始存在：") and "NewFlightRecorder" in head, head
    assert "首次出现在 go1.27.3（go1.21.13 中没有定义；两者之间的 go1.22 至 go1.26 未被索引）" in head, head
    old = answer("Since when does the scheduler have a per-P run queue?", index=real_index, llm="extractive")
    head = old.text.partition("\n\n")[0]
    assert "defined at every indexed release, already at the oldest (go1.21.13)" in head, head
    cited = {c.n: c for c in old.citations}
    assert all(cited[int(n)].version == "go1.21.13" for n in re.findall(r"\[(\d+)\]", head)), head
    assert not old.warnings, old.warnings
    named = answer("Since when does findRunnable exist?", index=real_index, llm="extractive")  # a timeline
    assert not named.text.startswith("Since when, among the indexed releases"), named.text[:200]
