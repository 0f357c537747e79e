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
