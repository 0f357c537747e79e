"""Version scoping of questions: parsing, mapping to indexed tags, missing versions, false positives."""

from __future__ import annotations

import pytest

from guide.query import Query
from guide.versions import find_versions


def resolve_versions(index, question, versions=None):
    return Query.parse(question).scope(index.releases, versions)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Go 1.22 里 channel 有锁吗", ["go1.22"]),
        ("what changed in go1.22?", ["go1.22"]),
        ("1.22.10 release notes", ["go1.22.10"]),
        ("Go1.22 scheduler", ["go1.22"]),
        ("golang 1.22 maps", ["go1.22"]),
        ("1.22版本的调度器", ["go1.22"]),
        ("go 1.9 stacks", ["go1.9"]),
        ("between go1.22 and go1.23", ["go1.22", "go1.23"]),
        ("from Go 1.21 to 1.27, what changed?", ["go1.21", "go1.27"]),
        ("Go 1.21 和 1.27 有什么区别", ["go1.21", "go1.27"]),
        ("Go 1.23、1.24 和 1.25 中的清理函数", ["go1.23", "go1.24", "go1.25"]),  # the enumeration comma
        ("Go 1.21，1.22 有什么区别", ["go1.21", "go1.22"]),
        ("1.21 和 1.22 的 for 循环变量语义有什么不同？", ["go1.21", "go1.22"]),  # bare, but listed (trial 32)
        ("What changed between 1.21, 1.22 and 1.23?", ["go1.21", "go1.22", "go1.23"]),
        ("Does append grow by 1.25 or 1.5 times?", []),  # amounts
        ("扩容是 1.25 或 1.5 倍吗", []),
        ("Is 1.21 still supported?", []),  # one bare number alone is no release
        ("Does slice growth use a factor of 1.25 or 1.5?", []),  # a factor's, a unit's or an amount's numbers
        ("扩容因子是 1.25 或 1.5？", []),
        ("Did the pause change between 1.2 and 1.5 ms?", []),
        ("latencies of 1.2, 1.5 and 1.8ms", []),
        ("sections 1.1 and 1.2 of the memory model", []),
        ("Is it between 1.2 and 1.5?", []),  # no Go, no release, no change asked: numbers
        ("在 Go 1.21，1.25 倍扩容", ["go1.21"]),  # the full-width comma continues a list only of releases
        ("in Go 1.22.", ["go1.22"]),
        ("version 1.21 of the runtime", ["go1.21"]),
        ("go1.22rc1", ["go1.22rc1"]),
        # a bare two-digit release before 的, 里 or 中, as Chinese questions write it (trial 90: "1.27 的编译器" was
        # read as the words "1" and "27"); not before a factor's word, nor a one-digit minor ("1.5 的时候")
        ("1.27 的编译器里有个叫 midway 的新包，它是做什么的？", ["go1.27"]),
        ("1.21 里 map 每个桶放几个键值对？", ["go1.21"]),
        ("扩容因子是 1.25 的倍数吗？", []),
        ("栈增长到 1.5 的时候", []),
        # a bare release said as a time or set against now (trial 101: the post's Go 1.9 was no release)
        ("我记得 1.9 的时候入口是 rt0_go，现在还是吗？", ["go1.9"]),
        ("垃圾回收现在还是三色标记加写屏障吗？和 1.9 比有什么变化？", ["go1.9"]),
        ("What changed since 1.9?", ["go1.9"]),
        ("从 1.9 到现在 GC 有什么大的变化？", ["go1.9"]),  # trial 110: go1.9 had never been said
        ("从 1.9 至今，调度器变了多少？", ["go1.9"]),
        ("栈增长到 1.5 到现在", []),
        ("GOGC 设成 1.9 的时候", []),
        ("比例 1.5 的时候", []),
        ("GOGC=1.5 的时候", []),
        ("it grows to 1.5 since 1.2 seconds", []),
        # not versions
        ("a 1.5 MB heap", []),
        ("2.0x faster", []),
        ("see chan.go:33 for the lock", []),
        ("line 1.22 of the table", []),
        ("10.1.22.3 is an address", []),
        ("2.5.1 of something else", []),
        ("Go 2 is a language proposal", []),
        ("version 2.0 of the table", []),
        # beyond the newest release: named, so that they are answered as not indexed (not silently dropped)
        ("Go 1.41 does not exist yet", ["go1.41"]),
        ("in go1.99.0", ["go1.99.0"]),
        ("does Go 2.0 have generics?", ["go2.0"]),
        ("golang 2.1.3", ["go2.1.3"]),
    ],
)
def test_find_versions(text: str, found: list[str]) -> None:
    assert find_versions(text) == found


def test_no_version_means_newest(fixture_index) -> None:
    scope = resolve_versions(fixture_index, "does a channel take a lock?")
    assert scope.tags == ["go1.27.3"]
    assert not scope.explicit and not scope.missing and scope.message is None


def test_minor_maps_to_newest_patch(fixture_index) -> None:
    scope = resolve_versions(fixture_index, "Go 1.21 里 channel 有锁吗")
    assert scope.tags == ["go1.21.13"]
    assert scope.mentioned == ["go1.21"] and scope.explicit and not scope.missing


def test_exact_patch(fixture_index) -> None:
    assert resolve_versions(fixture_index, "hchan in go1.27.3").tags == ["go1.27.3"]


def test_range_gives_both(fixture_index) -> None:
    scope = resolve_versions(fixture_index, "how did hchan change between go1.21 and go1.27?")
    assert scope.tags == ["go1.21.13", "go1.27.3"]


def test_missing_minor_is_reported_not_substituted(fixture_index) -> None:
    scope = resolve_versions(fixture_index, "how did go 1.9 grow stacks?")
    assert scope.tags == [] and scope.missing == ["go1.9"] and scope.explicit
    assert scope.message is not None
    assert "Go 1.9 is not indexed" in scope.message and "go1.21.13, go1.27.3" in scope.message


def test_missing_patch_names_nearest(fixture_index) -> None:
    scope = resolve_versions(fixture_index, "channels in 1.21.5")
    assert scope.tags == [] and scope.missing == ["go1.21.5"]
    assert scope.message is not None and "nearest indexed: go1.21.13" in scope.message


def test_partly_missing_keeps_the_indexed_ones(fixture_index) -> None:
    scope = resolve_versions(fixture_index, "compare go1.22 and go1.27")
    assert scope.tags == ["go1.27.3"] and scope.missing == ["go1.22"]


def test_versions_argument_overrides_question(fixture_index) -> None:
    scope = resolve_versions(fixture_index, "what changed in go1.27?", versions=["1.21", "go1.27.3"])
    assert scope.tags == ["go1.21.13", "go1.27.3"] and scope.explicit
    bad = resolve_versions(fixture_index, "x", versions=["banana"])
    assert bad.tags == [] and bad.missing == ["banana"]


def test_all_versions(fixture_index) -> None:
    assert resolve_versions(fixture_index, "hchan across all versions").tags == ["go1.21.13", "go1.27.3"]


@pytest.mark.parametrize(
    "question",
    [
        "写屏障在两个版本之间有什么不同？",  # trial 98: answered at the newest release alone
        "How did the write barrier change between the two releases?",
        "Is hchan the same in both versions?",
        "从 1.21 到最新的版本，垃圾回收器标记对象的方式有什么不同？",  # trial 98: answered at go1.21.13 alone
        "和 1.21 相比，新版本里 goroutine 的调度有没有大的变化？",
        "Did the scheduler change in newer releases compared with 1.21?",
    ],
)
def test_both_releases_and_the_newest_named_in_words(fixture_index, question) -> None:
    """ "The two versions", "both releases", 最新的版本 ("the newest version", 的 between), 新版本 ("the new version")
    and "newer releases" name releases in words; with go1.21 named too, the question is about it and the newest."""
    assert resolve_versions(fixture_index, question).tags == ["go1.21.13", "go1.27.3"]


@pytest.mark.parametrize(
    "question", ["does a channel take a lock in go1.99.0?", "does a channel take a lock in Go 2.0?"]
)
def test_beyond_the_newest_release_is_not_indexed(fixture_index, question) -> None:
    """These were answered at the newest release without a word (the minor was capped at 40, major 2 ignored); now
    the answer says first that the release is not indexed, and answers for the nearest indexed release, labelled."""
    from guide.answering import answer

    scope = resolve_versions(fixture_index, question)
    assert scope.tags == [] and scope.missing and "not indexed" in (scope.message or "")
    ans = answer(question, index=fixture_index)
    assert ans.route == "not-indexed", ans.route
    assert "not indexed" in ans.text and "go1.27.3" in ans.text
    assert ans.text.index("not indexed") < ans.text.index("go1.27.3")
    assert all(c.version == "go1.27.3" for c in ans.citations)


def test_version_mentions_are_not_search_words() -> None:
    from guide.query import Query
    from guide.versions import without_versions

    q = Query.parse("How did the tracer's buffers change across go1.21, go1.22 and Go 1.23?")
    assert q.versions == ("go1.21", "go1.22", "go1.23")
    assert not {"go1", "21", "22", "23", "go"} & set(q.tokens)
    assert "1.2" not in q.search_text
    assert without_versions("is the go statement cheap in golang 1.22?").split() == [
        "is",
        "the",
        "go",
        "statement",
        "cheap",
        "in",
        "?",
    ]


def test_a_release_written_against_chinese_is_a_release() -> None:
    """Trial 86: "在我们Go 1.9的老服务里，……" was answered at go1.27.3 without a word on go1.9 ("们Go": a regex word
    character is a CJK ideograph too, so "go" was read as a word's end); as was a follow-up's thread written so."""
    from guide.query import Query

    q = Query.parse("在我们Go 1.9的老服务里，一个没有函数调用的死循环会不会把别的goroutine饿死？")
    assert q.versions == ("go1.9",)
    assert "scheduler" in q.tours  # "goroutine饿死" as "goroutine 饿死"
    follow = Query.parse("为什么？", [("我们用的是Go 1.21的map，扩容是怎么做的？", "...")])
    assert follow.previous_versions == ("go1.21",)


@pytest.mark.parametrize(
    "question",
    [
        "How was sync.Map implemented in Go 1.21, and is it still the same now?",
        "Go 1.21 里 sync.Map 是怎么实现的？现在还一样吗？",
        "In go1.21 how does sync.Map work, and in the latest release?",
    ],
)
def test_a_release_and_now_is_both_releases(question: str) -> None:
    q = Query.parse(question)
    assert q.latest and q.scope(["go1.21.13", "go1.27.3"]).tags == ["go1.21.13", "go1.27.3"]


def test_a_word_that_ends_in_xian_before_zai_is_not_now() -> None:
    """Trial 35: "map 的实现在 go1.23、go1.24 和 go1.25 之间是怎么变化的？" is 实现 ("implementation") 在 ("at"),
    not 现在 ("now"): it had compared go1.27.3 too, and dated go1.26's changes "in go1.27.3 (since go1.25.5)"."""
    q = Query.parse("map 的实现在 go1.23、go1.24 和 go1.25 之间是怎么变化的？")
    assert not q.latest and q.versions == ("go1.23", "go1.24", "go1.25")
    assert not Query.parse("这个问题出现在 go1.21 里吗？").latest and not Query.parse("主要体现在哪里？").latest
    assert Query.parse("那现在呢？").latest and Query.parse("Go 1.9 和现在有什么不同？").latest


def test_whether_something_can_be_set_asks_for_a_setting_not_a_change() -> None:
    """Trial 86: "Go的GC有没有类似-Xmx那样的参数来控制堆大小？" (is there a parameter, like -Xmx, that controls the heap
    size?) was not read as asking what a program can set; nor "Is there an option ...?"."""
    for text in ("Go的GC有没有类似-Xmx那样的参数来控制堆大小？", "Is there an option like -Xmx to cap the heap?"):
        q = Query.parse(text)
        assert q.asks_setting and not q.asks_change, text
    assert not Query.parse("Is there a limit on the stack?").asks_setting


def test_still_the_same_asks_what_changed() -> None:
    assert Query.parse("is it still the same in go1.27?").intent == "compare"
    assert Query.parse("现在还一样吗？").intent == "compare"
    assert Query.parse("how does the scheduler work now?").scope(["go1.21.13", "go1.27.3"]).tags == ["go1.27.3"]


def test_the_same_at_a_named_release_after_an_answer_asks_what_changed() -> None:
    """Trial 23: "go1.21 里也是这样吗？" after an answer on time.Timer.Stop answered at go1.21 alone, with no word on
    whether it was so. With a release named and an answer before it, "the same" asks for a comparison; without a
    release, or as a question of its own, it compares no releases."""
    before = [("time.Timer 的 Stop 做了什么？", "...")]
    for asked in ("go1.21 里也是这样吗？", "Is it the same in Go 1.21?", "Did it work this way in go1.21?"):
        assert Query.parse(asked, history=before).intent == "compare", asked
    assert Query.parse("Is a goroutine the same as a thread?", history=before).intent != "compare"
    assert Query.parse("In go1.21, is a goroutine the same as a thread?").intent != "compare"


def test_the_same_at_a_named_release_as_a_new_question_compares_it_with_the_newest() -> None:
    """Trial 103: "在 1.21 里 STW 的时候做的事情一样吗？", after an answer on the STW phases at the newest release but
    naming a subject of its own, was answered at go1.21.13 alone: the same as the newest, it asks, not as the release
    before go1.21, which is not indexed."""
    rel = ["go1.21.13", "go1.27.3"]
    before = [("GC 的 STW 阶段都做了什么？", "...")]
    q = Query.parse("在 1.21 里 STW 的时候做的事情一样吗？", history=before)
    assert q.intent == "compare" and q.scope(rel).tags == ["go1.21.13", "go1.27.3"]
    assert Query.parse("Did defer change in go1.21?").scope(rel).tags == ["go1.21.13"]  # changed in it: no newer


def test_a_release_upgraded_from_is_compared_with_the_newest() -> None:
    """Trial 103: "I upgraded from Go 1.21. How does the compiler decide whether a variable goes on the stack or the
    heap?" was answered at go1.21.13 alone ("from Go 1.21" read as from then on): the asker is on the newest."""
    rel = ["go1.21.13", "go1.27.3"]
    for asked in (
        "I upgraded from Go 1.21. How does the compiler decide whether a variable goes on the stack or the heap?",
        "We are migrating from go1.21 — how do maps work now?",
        "我们从 Go 1.21 升级到最新版了，map 的实现有什么不一样？",
    ):
        q = Query.parse(asked)
        assert q.intent == "compare" and q.scope(rel).tags == rel, asked
    assert Query.parse("How are timers stored in Go 1.21?").scope(rel).tags == ["go1.21.13"]
    assert Query.parse("We upgraded our services from 1.21, how do timers work?").scope(rel).tags == rel
    assert Query.parse("Why did the default move from 1.5 GOGC?").intent != "compare"  # a value, no release
    assert Query.parse("We moved from Go 1.9 to go1.21. How are timers stored?").intent != "compare"  # went to one


def test_the_same_asked_beside_a_change_sets_the_release_against_the_one_before() -> None:
    """Review of trial 103's fix: "the same" pairs a release with the newest only when nothing else asks what changed
    in it."""
    rel = ["go1.9.7", "go1.21.13", "go1.22.10", "go1.24.9", "go1.27.3"]
    asked = "Did the scheduler change in go1.22, or does it still work the same way?"
    assert Query.parse(asked).scope(rel).tags == ["go1.21.13", "go1.22.10"]
    assert Query.parse("在 1.21 里 STW 的时候做的事情一样么？").scope(rel).tags == ["go1.21.13", "go1.27.3"]


def test_did_it_change_in_one_release_compares_it_with_the_release_before() -> None:
    """Trial 25: "Did the execution tracer change in go1.22?" searched go1.22.10 alone and compared nothing. Asked
    whether something changed in one release, the question is about it and the indexed release before it; the oldest
    has none before it, and a release that is not indexed is not compared."""
    rel = ["go1.15.15", "go1.21.13", "go1.22.10", "go1.27.3"]
    assert Query.parse("Did the execution tracer change in go1.22?").scope(rel).tags == ["go1.21.13", "go1.22.10"]
    assert Query.parse("What changed in the scheduler in go1.22?").scope(rel).tags == ["go1.21.13", "go1.22.10"]
    assert Query.parse("Did defer change in go1.15?").scope(rel).tags == ["go1.15.15"]
    assert Query.parse("How does the tracer work in go1.22?").scope(rel).tags == ["go1.22.10"]  # no change asked
    assert Query.parse("What changed between go1.21 and go1.27?").scope(rel).tags == ["go1.21.13", "go1.27.3"]


def test_an_upper_bound_asked_without_its_word_is_searched_for_the_maximum() -> None:
    """Trial 25: "How big can a goroutine's stack grow?" showed ``stackMin = 2048`` as the constant found and missed
    the 1 GB maximum. Asked how big something can grow, the question is searched for the maximum too (SetMaxStack's
    "the maximum amount of memory ..."), so no constant named for a minimum answers it."""
    assert "maximum" in Query.parse("How big can a goroutine's stack grow?").tokens
    assert "maximum" in Query.parse("goroutine 的栈最大能长到多大？").tokens
    assert "maximum" not in Query.parse("How big is a new goroutine's stack?").tokens


def test_still_as_in_a_named_release_asks_about_now() -> None:
    """ "Is defer still as slow as it was in Go 1.9?" names 1.9 as the past and asks about now (it was answered at the
    indexed release nearest to 1.9); "still" alone names no release."""
    q = Query.parse("Is defer still as slow as it was in Go 1.9?")
    assert q.latest and q.versions == ("go1.9",)
    assert Query.parse("Is the initial stack still 2KB like in Go 1.4?").latest
    assert not Query.parse("Why is my goroutine still blocked in go1.21?").latest
    assert not Query.parse("In go1.21, why is my goroutine still blocked?").latest
    # trial 34: "was it different in go1.21?" against now, not against the release before go1.21 ("Did it change in
    # go1.21?")
    releases = ["go1.19.8", "go1.21.13", "go1.22.10", "go1.27.3"]
    then = Query.parse("Is a goroutine's stack still 2 KB at the start? was it different in go1.21?")
    assert then.latest and then.scope(releases).tags == ["go1.21.13", "go1.27.3"]
    assert Query.parse("Did the GC change in go1.22?").scope(releases).tags == ["go1.21.13", "go1.22.10"]
    two = Query.parse("Was the map different in go1.21 than in go1.22?")  # two named: those two, not now too
    assert not two.latest and two.scope(releases).tags == ["go1.21.13", "go1.22.10"]


def test_after_or_since_a_release_asks_about_now() -> None:
    """ "Go 1.14 之后的异步抢占是怎么实现的？" names 1.14 as where it began: now is asked (it was answered at the
    indexed release nearest 1.14)."""
    q = Query.parse("一个死循环的 goroutine 会卡住整个程序吗？Go 1.14 之后的异步抢占是怎么实现的？")
    assert q.latest and q.versions == ("go1.14",)
    assert Query.parse("How does preemption work since Go 1.14?").latest
    assert not Query.parse("How does preemption work in Go 1.14?").latest


def test_since_a_bare_release_asks_about_now_too() -> None:
    """A bare two-digit release is a release ("1.21" as go1.21), for "since" as for the release itself: "what's the
    budget, and did it change since 1.21?" had been answered at go1.21.13 alone (trial 94), while "since Go 1.21"
    compared go1.21.13 with go1.27.3."""
    releases = ["go1.21.13", "go1.27.3"]
    q = Query.parse(
        "how does the compiler decide whether to inline a function? what's the budget, and did it change since 1.21?"
    )
    assert q.versions == ("go1.21",) and q.latest and q.scope(releases).tags == releases
    assert Query.parse("从 1.22 以后 map 的实现变了吗？").latest
    assert not Query.parse("After 1.5 seconds the timer fires: how?").latest  # an amount, no release
    since = Query.parse("What changed since 1.9?")  # a single-digit minor after since (review of stop 98)
    assert since.versions == ("go1.9",) and since.latest


def test_when_a_release_came_out() -> None:
    """By the release history and the six-month cadence since Go 1.6 (https://go.dev/doc/devel/release)."""
    from guide.release_dates import released

    assert released("go1.9.2") == released("go1.9") == (2017, 8)
    assert released("go1.14") == (2020, 2) and released("go1.21.13") == (2023, 8) and released("go1.22.10") == (2024, 2)
    assert released("go1.4") == (2014, 12) and released("go1.0") == (2012, 3)
    assert released("go2.0") is None and released("main") is None


def test_an_older_release_read_at_a_newer_one_says_which_cited_documents_came_later() -> None:
    """Go 1.9's GC pacer read at go1.21.13 quotes the 2021 "GC Pacer Redesign": it describes what came after Go 1.9
    (August 2017); a document from 2017 or before, and code, are not listed."""
    from guide.answering.older import later_documents
    from guide.citation import Citation
    from guide.language import CHINESE, ENGLISH

    def doc(n: int, title: str, year: str) -> Citation:
        return Citation("design", f"design/{n}.md", 1, 2, f"design/{n}.md#{title} > Background", "section", "u",
                        "text", n=n, dated=year)  # fmt: skip

    cited = [doc(1, "GC Pacer Redesign", "2021"), doc(2, "GC Pacer Redesign", "2021"), doc(3, "Go 1.5 GC", "2015"),
             doc(4, "Same year", "2017"), Citation("go1.21.13", "src/runtime/mgc.go", 1, 2, "runtime.gcStart",
             "func", "u", "x", n=5)]  # fmt: skip
    assert later_documents(cited, "go1.9", ENGLISH) == (
        "go1.9 came out in August 2017; these design documents cited above are from later years, so what they "
        "describe came after it: GC Pacer Redesign (2021) [1]."
    )
    assert later_documents(cited, "go1.9", CHINESE).startswith("go1.9 发布于 2017 年 8 月；")
    assert later_documents(cited[2:], "go1.9", ENGLISH) == "" and later_documents(cited, "gox", ENGLISH) == ""


def test_a_release_alone_after_a_comparison_goes_on_comparing() -> None:
    """ "and in go1.23.9?" after "What changed in findRunnable between go1.21.13 and go1.22.10?" compares the release
    it names with the compared one nearest it (trial 28: it described go1.23.9 alone); after an answer at one
    release it is that release's answer at another, as before."""
    nine = ["go1.15.15", "go1.19.8", "go1.21.13", "go1.22.10", "go1.23.9", "go1.24.11", "go1.27.3"]
    compared = [("What changed in findRunnable between go1.21.13 and go1.22.10?", "...")]
    q = Query.parse("and in go1.23.9?", compared)
    assert q.asks_change and q.scope(nine).tags == ["go1.22.10", "go1.23.9"]
    assert Query.parse("那 go1.19 呢？", compared).scope(nine).tags == ["go1.19.8", "go1.21.13"]
    asked = [("How does findRunnable work in go1.22?", "...")]
    one = Query.parse("and in go1.23.9?", asked)
    assert not one.asks_change and one.scope(nine).tags == ["go1.23.9"]
    other = Query.parse("How does the GC work in go1.23.9?", compared)  # a question of its own: no comparison
    assert not other.asks_change


def test_a_release_alone_that_was_compared_compares_with_the_other() -> None:
    """ "and in go1.21.13?" after go1.21.13 against go1.22.10: the nearest compared release other than itself (it
    had been itself, one release and no comparison)."""
    nine = ["go1.15.15", "go1.19.8", "go1.21.13", "go1.22.10", "go1.23.9"]
    compared = [("What changed in findRunnable between go1.21.13 and go1.22.10?", "...")]
    assert Query.parse("and in go1.21.13?", compared).scope(nine).tags == ["go1.21.13", "go1.22.10"]


def test_how_something_evolved_is_asked_in_either_language() -> None:
    """English had "evolve" among the change words; Chinese 演变 and 演进 were none: "Go 1.23、1.24 和 1.25 中 ...
    是怎样演变的？" was answered at go1.23 alone (its releases after the enumeration comma were not read either)."""
    q = Query.parse("Go 1.23、1.24 和 1.25 中，对象被回收后执行清理函数（cleanup）的机制是怎样演变的？")
    assert q.asks_change and q.versions == ("go1.23", "go1.24", "go1.25")
    assert Query.parse("调度器是怎么演进的？").asks_change and Query.parse("How did the scheduler evolve?").asks_change


def test_releases_between_are_skipped_only_when_none_of_them_is_indexed() -> None:
    """Trial 34: on the nine-release index, "Go 1.24 以后 map 的实现变了吗？" compared go1.24.11 with go1.27.3 and said
    the releases between them were not indexed; go1.25.5 and go1.26.6 are."""
    from guide.release_gaps import skipped_between

    assert skipped_between(["go1.21.13", "go1.27.3"], ["go1.21.13", "go1.27.3"])
    nine = ["go1.21.13", "go1.22.10", "go1.23.9", "go1.24.11", "go1.25.5", "go1.26.6", "go1.27.3"]
    assert not skipped_between(["go1.24.11", "go1.27.3"], nine)
    assert skipped_between(["go1.19.8", "go1.21.13"], nine)  # go1.20 is not indexed
    assert not skipped_between(["go1.26.6", "go1.27.3"], ["go1.26.6", "go1.27.3"])


def test_the_releases_skipped_are_named_by_their_git_tags() -> None:
    """The releases not indexed between indexed ones, and the tags a sync needs for them: go1.22.0 from Go 1.21's
    naming on ("go1.22" is no tag), go1.20 before; a patch release is its own tag."""
    from guide.release_gaps import first_tag, skipped_minors

    nine = ["go1.15.15", "go1.19.8", "go1.21.13", "go1.22.10", "go1.23.9", "go1.24.11", "go1.25.5", "go1.26.6"]
    assert skipped_minors(nine, nine) == ["go1.16", "go1.17", "go1.18", "go1.20"]
    assert skipped_minors(["go1.21.13", "go1.27.3"], ["go1.21.13", "go1.27.3"])[0] == "go1.22"
    assert skipped_minors(["go1.24.11", "go1.25.5"], nine) == []
    assert [first_tag(t) for t in ("go1.9", "go1.20", "go1.21", "go1.24", "go1.9.2", "go1.24.3")] == [
        "go1.9", "go1.20", "go1.21.0", "go1.24.0", "go1.9.2", "go1.24.3"
    ]  # fmt: skip


def test_still_after_a_release_named_as_the_past_asks_about_now() -> None:
    """Trial 79: "In Go 1.9 there was a runtime.timerproc goroutine per timer bucket that ran the timers. Does
    timerproc still exist?" was answered at go1.21.13, the release nearest Go 1.9, with the tour's steps of up to Go
    1.22 as if current. A sentence asking "still" that names no release, after one that names a release in the past,
    asks about now; a "still" beside the release it asks about does not."""
    from guide.latest_words import says_latest

    assert says_latest("In Go 1.9 there was a timerproc goroutine per timer bucket. Does timerproc still exist?")
    assert says_latest("In Go 1.9 people said defer was slow and avoided it in hot paths. Is defer still expensive?")
    assert says_latest("Go 1.9 的时候 defer 很慢。defer 还慢吗？")
    assert says_latest("Is defer still slow? In Go 1.9 people told me to avoid defer in hot loops.")  # trial 95
    assert says_latest("我记得 Go 1.9 的 defer 很慢。现在的 defer 还慢吗？")
    assert says_latest("I remember that in Go 1.9 a tight loop hung the program. Can it still happen?")
    # what could be then (trial 97: answered at go1.21.13)
    assert says_latest("In Go 1.9 a tight loop without calls could block a whole P. Is that still the case?")
    assert not says_latest("why is my goroutine still blocked in go1.21?")
    assert not says_latest("In go1.21, is the map still a hash table with buckets?")
    assert not says_latest("How does the scheduler work in go1.21? Is it still using a global queue?")


def test_a_question_on_the_topic_of_a_release_not_indexed_says_no_empty_release_list(real_index) -> None:
    """Trial 88: "runtime.GC()手动调用会发生什么？" after "Go1.9的GC什么时候触发？" ended with "与对话的主题相同，
    按对话中提到的版本回答：" and nothing after the colon: the thread's release, go1.9, is not indexed, so none was left
    to name. Since trial 105 a new question on the conversation's topic does not take up a release that is not indexed
    at all ("go1.9 is not indexed" had stuck to later questions that never named it): it is answered at the newest."""
    from guide.answering import answer

    first = answer("Go1.9的GC什么时候触发？", index=real_index, llm="extractive")
    ans = answer(
        "runtime.GC()手动调用会发生什么？", index=real_index, llm="extractive", history=[(first.question, first.text)]
    )
    assert not any(w.startswith("not indexed: go1.9") for w in ans.warnings) and ans.versions == ["go1.27.3"]
    assert all(not w.rstrip().endswith(":") for w in ans.warnings)


def test_a_release_named_and_asking_which_release_are_no_search_words() -> None:
    """Trial 98: "这个抢占机制是哪个版本加进来的？1.9 的时候是不是只能在函数调用时抢占？" after a question on preemption
    ended with "see also: noder.versionErrorRx; types.goVersionRE", found by its "1", "9" and "version": the release
    it names is when, and asking in which release names what it asks, not what about."""
    first = "它是抢占式的吗？一个死循环的 goroutine 会不会卡住整个 P？"
    q = Query.parse("这个抢占机制是哪个版本加进来的？1.9 的时候是不是只能在函数调用时抢占？", history=[(first, "...")])
    assert "preemption" in q.tokens and "preemption" in q.own_tokens
    assert not {"1", "9", "version"} & {*q.tokens, *q.own_tokens}, (q.tokens, q.own_tokens)
    asked = Query.parse("Which version added asynchronous preemption in Go 1.14?")
    assert "preemption" in asked.tokens and not {"version", "1", "14"} & set(asked.tokens)
    assert "version" in Query.parse("How does the compiler check the language version of a file?").tokens
