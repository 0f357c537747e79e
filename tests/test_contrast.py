"""Two things set against each other at one release ("the difference between AddCleanup and SetFinalizer in
go1.24") are no comparison of releases, and the sentences that mention both are quoted first (trial 80)."""

from __future__ import annotations

import pytest

from guide.contrast import contrasted, sides_words
from guide.query import Query

NINE = ["go1.15.15", "go1.19.8", "go1.21.13", "go1.22.10", "go1.23.9", "go1.24.11", "go1.27.3"]


@pytest.mark.parametrize(
    "question",
    [
        "What is the difference between AddCleanup and SetFinalizer in go1.24?",
        "In go1.22, what is the difference between a goroutine and a thread?",
        "go1.24 里 AddCleanup 和 SetFinalizer 有什么区别？",
        "How does AddCleanup differ from SetFinalizer in go1.24?",
        "chan vs mutex in go1.22: which is faster?",
    ],
)
def test_two_things_at_one_release_are_no_comparison_of_releases(question: str) -> None:
    """It had compared the release named with the one before it ("AddCleanup is not defined at go1.23.9")."""
    q = Query.parse(question)
    assert not q.asks_change
    assert len(q.scope(NINE).tags) == 1


@pytest.mark.parametrize(
    "question",
    [
        "What's the difference between go1.21 and go1.22 in how maps grow?",
        "What's the difference between go1.21 and now?",
        "What's the difference between the old and the new tracer in go1.22?",
        "How does the map in go1.24 differ from the one before?",
        "go1.21 和 go1.22 的 map 有什么区别？",
        "Go 1.9 和现在的调度器有什么区别？",
        "What changed between go1.23 and go1.24?",
        "What changed in the scheduler in go1.22?",
    ],
)
def test_releases_set_against_each_other_are_still_compared(question: str) -> None:
    assert Query.parse(question).asks_change


def test_the_sides_are_read_without_the_release_they_are_asked_at() -> None:
    assert contrasted("What is the difference between AddCleanup and SetFinalizer in go1.24?") == (
        "AddCleanup",
        "SetFinalizer",
    )
    assert contrasted("协程和线程有什么区别？") == ("协程", "线程")
    # a span of time between two moments is no contrast: nothing is quoted for mentioning both
    assert contrasted("What does the runtime do between the moment my program starts and main is called?") is None


def test_a_side_is_named_by_its_own_rare_words() -> None:
    """ "add" and "set" (common) do not name AddCleanup and SetFinalizer; "channel", on both sides, names neither."""
    idf = {"addcleanup": 8.8, "add": 1.4, "cleanup": 5.8, "setfinalizer": 7.5, "set": 2.2, "finalizer": 5.8}
    assert sides_words(("AddCleanup", "SetFinalizer"), idf) == [
        frozenset({"addcleanup", "cleanup"}),
        frozenset({"setfinalizer", "finalizer"}),
    ]
    idf = {"buffered": 6.0, "unbuffered": 7.0, "channels": 5.0}
    assert sides_words(("buffered channels", "unbuffered channels"), idf) == [
        frozenset({"buffered"}),
        frozenset({"unbuffered"}),
    ]


def test_the_sentences_that_mention_both_are_quoted_first() -> None:
    """AddCleanup's doc comment says how cleanups differ from finalizers in sentences that say little of the
    question's words ("Cleanups may also run concurrently with one another (unlike finalizers)."): they come before
    the sentences that say what each is."""
    from guide.answering.choosing import scored_statements
    from guide.citation import Citation

    doc = (
        "// AddCleanup attaches a cleanup function to ptr. Some time after ptr is no longer reachable, the runtime\n"
        "// will call cleanup(arg) in a separate goroutine.\n//\n"
        "// As a protection against simple cases of this, AddCleanup panics if arg is equal to ptr.\n//\n"
        "// Cleanups run concurrently with any user-created goroutines.\n"
        "// Cleanups may also run concurrently with one another (unlike finalizers).\n//\n"
        "// If ptr has both a cleanup and a finalizer, the cleanup will only run once it has been finalized.\n"
    )
    add = Citation("go1.24.11", "src/runtime/mcleanup.go", 69, 70, "runtime.AddCleanup", "func", "u",
                   "func AddCleanup[T, S any](ptr *T, cleanup func(S), arg S) Cleanup {\n}", 12, doc, n=1)  # fmt: skip
    tokens = ("difference", "addcleanup", "add", "cleanup", "setfinalizer", "set", "finalizer")
    idf = {"difference": 6.3, "addcleanup": 8.8, "add": 1.4, "cleanup": 5.9, "setfinalizer": 7.5, "set": 2.2}
    idf["finalizer"] = 5.8
    sides = sides_words(("AddCleanup", "SetFinalizer"), idf)
    plain = [st.text for _, st in scored_statements([add], tokens, idf, limit=3)]
    assert not any("unlike finalizers" in t for t in plain[:2])  # third, read with the summary (AddCleanup)
    quoted = [st.text for _, st in scored_statements([add], tokens, idf, limit=3, sides=sides)]
    both = ("Cleanups may also run concurrently with one another (unlike finalizers).", "If ptr has both a cleanup")
    assert sorted(any(t.startswith(b) for t in quoted[:2]) for b in both) == [True, True]
