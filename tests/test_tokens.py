"""Lexical tokens."""

from __future__ import annotations

import pytest

from ingest.tokens import identifier_tokens, query_tokens


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("HTTPServer", ["httpserver", "http", "server"]),
        ("findRunnable", ["findrunnable", "find", "runnable"]),
        ("runqput", ["runqput"]),
        ("rt0_go", ["rt0_go", "rt0", "go"]),
        ("runtime·rt0_go", ["runtime", "rt0_go", "rt0", "go"]),
        ("runtime∕internal∕atomic·Load", ["runtime", "internal", "atomic", "load"]),
        ("runtime.(*p).runqput", ["runtime", "p", "runqput"]),
        ("float64frombits", ["float64frombits", "float64", "frombits"]),
        ("_StackMin", ["_stackmin", "stack", "min"]),
        ("GOMAXPROCS amd64", ["gomaxprocs", "amd64"]),
        ("a _ b", ["a", "b"]),
        ("café_au_lait", ["café_au_lait", "café", "au", "lait"]),
    ],
)
def test_identifier_tokens(text: str, tokens: list[str]) -> None:
    assert identifier_tokens(text) == tokens


def test_cjk_bigrams_and_embedded_identifiers() -> None:
    assert identifier_tokens("调度器如何调用findRunnable") == [
        "调度", "度器", "器如", "如何", "何调", "调用", "findrunnable", "find", "runnable",
    ]  # fmt: skip
    assert identifier_tokens("栈 stackMin") == ["栈", "stackmin", "stack", "min"]
    assert identifier_tokens("ゴルーチン") == ["ゴル", "ルー", "ーチ", "チン"]


def test_repeats_kept_and_query_stop_words() -> None:
    assert identifier_tokens("gp gp") == ["gp", "gp"]
    assert query_tokens("How does the Go scheduler find a runnable goroutine?") == [
        "go", "scheduler", "find", "runnable", "goroutine",
    ]  # fmt: skip


def test_ascii_words_written_against_chinese_stop_where_the_chinese_starts() -> None:
    # \w matches CJK ideographs: "Go的goroutine是怎么映射到操作系统线程的" was one word, read whole by the English
    # embedding model and taken whole as a comparison's subject
    from guide.query import Query

    q = Query.parse("Go的goroutine是怎么映射到操作系统线程的？")
    assert "goroutine" in q.dense_text.split() and "的" not in q.dense_text
    assert [w.text for w in q.subject_words] == ["goroutine"]
    assert [w.text for w in Query.parse("schedinit在go1.21和go1.27之间变了吗？").subject_words] == ["schedinit"]


def test_the_parts_of_a_dotted_name_are_code_not_stop_words() -> None:
    """ "How does sync.Once make sure ...": "once" is a stop word in English and the name's own word in code; dropped,
    the lexical search had only "sync make sure function runs" (cgo's _initcgo first, Once.Do nowhere)."""
    assert query_tokens("How does sync.Once make sure the function runs only once?") == [
        "sync", "once", "make", "sure", "function", "runs", "once",
    ]  # fmt: skip
    assert "do" in query_tokens("What does Once.Do do?") and "do" not in query_tokens("What does it do?")
    assert query_tokens("Is it the same in go1.21?") == ["go1", "21"]  # a release is no dotted name


def test_two_adjacent_words_are_also_read_as_one() -> None:
    """Go's names often join their words without a capital (``runnext``, ``sizeclass``): "run next" is read as
    ``runnext`` too. Names, dotted or joined by ``_``, and stop words are not joined."""
    from ingest.tokens import joined_words

    assert joined_words(["does it run next?", "the write barrier"]) == ["runnext", "writebarrier"]
    assert joined_words(["size classes of sync.Once do", "rt0_go start"]) == ["sizeclasses"]
    assert joined_words(["the run queue of a P"]) == ["runqueue"]
    assert joined_words(["Explain the write barrier.", "does it run next?"]) == ["writebarrier", "runnext"]
    # an article between them is left out, and a verb's -s: "builds the SSA form" is ``buildssa`` (trial 84)
    assert "buildssa" in joined_words(["Which function builds the SSA form?"])
    assert "growslice" in joined_words(["How does append grow a slice?"])


def test_where_the_ssa_form_is_built_finds_buildssa_by_its_words(real_index) -> None:
    """Trial 84 asked where SSA is built and got the compiler's tour with no buildssa, the function that builds it:
    no word of the question was a token of it. Read as ``buildssa``, the words find it first."""
    from guide.query import Query
    from guide.retrieval import BM25, RETRIEVERS, scope_for

    ranking = RETRIEVERS[BM25].search(
        real_index, Query.parse("Which function builds the SSA form?"), scope_for(real_index, ["go1.27.3"]), 10
    )
    first = real_index.reader.chunks(ranking.rowids[:1])
    assert [c.symbol for c in first] == ["cmd/compile/internal/ssagen.buildssa"]


def test_a_question_in_separate_words_finds_the_name_that_joins_them(real_index) -> None:
    """ "run next" had matched no token of ``runnext``: the definitions that read the run queue's next slot
    (runqput, runqget) were not in the first eight by words alone."""
    from guide.query import Query
    from guide.retrieval.base import Scope
    from guide.retrieval.lexical import LexicalRetriever

    q = Query.parse("When one goroutine wakes another, does the woken one go to the back of the run queue or run next?")
    ranked = LexicalRetriever().search(real_index, q, Scope(("go1.27.3",)), 10).rowids
    assert "runtime.runqput" in [c.symbol for c in real_index.reader.chunks(ranked[:3])]
