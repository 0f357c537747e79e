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
