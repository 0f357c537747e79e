"""How much of a question a statement says, by its words (guide.answering.relevance)."""

from __future__ import annotations

from guide.answering.relevance import relevance
from guide.answering.statements import Statement

IDF = {"send": 2.0, "cost": 3.0, "lock": 1.0}


def test_a_word_the_statement_inflects_with_s_says_its_base_form() -> None:
    """ "What does a send cost?" is answered by "... costs a lock ..." as much as by "... cost a lock ..." (the
    channels tour's sentence on a send's cost had matched only "send")."""
    asked = ["send", "cost"]
    inflected = relevance(Statement(0, "A send that does not block costs a lock."), asked, IDF)
    base = relevance(Statement(0, "A send that does not block cost a lock."), asked, IDF)
    only_send = relevance(Statement(0, "A send that does not block takes a lock."), asked, IDF)
    assert inflected == base > only_send > 0


def test_a_plural_says_its_singular() -> None:
    assert relevance(Statement(0, "Every send locks the channel."), ["lock"], IDF) > 0
    assert relevance(Statement(0, "Every send parks."), ["lock"], IDF) == 0


def test_a_word_the_statement_inflects_with_ed_or_ing_says_its_base_form() -> None:
    """Trial 98: "Why does recover only work when called directly by a deferred function?" and its Chinese twin
    (read as recover, defer, call) had never quoted gorecover's "Check to see if the function that called recover()
    was deferred directly from the panicking function.": "called" and "deferred" said nothing of call and defer."""
    idf = {"recover": 3.0, "defer": 2.0, "call": 1.0}
    asked = ["recover", "defer", "call"]
    check = "Check to see if the function that called recover() was deferred directly from the panicking function."
    said = relevance(Statement(0, check), asked, idf)
    assert said == relevance(Statement(0, check.replace("called", "call").replace("deferred", "defer")), asked, idf)
    assert said > relevance(Statement(0, "Check to see if the function was started by the panicking one."), asked, idf)
    assert relevance(Statement(0, "The lock is never locking twice."), ["lock"], IDF) > 0


def test_a_later_sentence_of_a_doc_comment_is_read_with_its_summary() -> None:
    """mcache's "No locking needed because it is per-thread (per-P)." says what "Does a small allocation need a
    lock?" asks, of what the comment's first sentence says the mcache is ("Per-thread (in Go, per-P) cache for small
    objects."); read alone it said "lock" and nothing of small allocations, and was never quoted. The summary's
    words weigh less than the sentence's own, and a sentence that says none of the question's words is not raised."""
    from guide.answering.statements import statements
    from guide.citation import Citation

    doc = (
        "// Per-thread (in Go, per-P) cache for small objects.\n// This includes a small object cache and local"
        " allocation stats.\n// No locking needed because it is per-thread (per-P).\n//\n// mcaches are allocated"
        " from non-GC'd memory."
    )
    code = "type mcache struct {\n}"
    src = Citation("go1.27.3", "src/runtime/mcache.go", 20, 22, "runtime.mcache", "type", "u", code, 14, doc)
    said = {st.text: st for st in statements(src)}
    summary = "Per-thread (in Go, per-P) cache for small objects."
    assert said[summary].summary == ""
    no_locking = said["No locking needed because it is per-thread (per-P)."]
    assert no_locking.summary.endswith(summary)
    idf = {"small": 4.5, "allocation": 4.7, "lock": 3.5}
    asked = ["small", "allocation", "lock"]
    alone = relevance(Statement(0, no_locking.text, kind="doc"), asked, idf)
    assert alone < relevance(no_locking, asked, idf) < relevance(Statement(0, f"{no_locking.text} small"), asked, idf)
    assert relevance(said["mcaches are allocated from non-GC'd memory."], ["small"], idf) == 0
