"""Which sentences of a tour's summary may be its short answer (guide.answering.lead)."""

from __future__ import annotations

import pytest

from guide.answering.lead import _ABOUT_THE_TOUR, _TITLE


@pytest.mark.parametrize(
    "sentence",
    [
        "How a goroutine waits for a lock.",
        "Where a timer waits and who runs it when it fires.",
        "How deferred calls are recorded and run, how a panic runs them, and how recover stops a panic.",
    ],
)
def test_a_sentence_of_wh_clauses_alone_titles_the_tour(sentence: str) -> None:
    assert _TITLE.match(sentence) and _ABOUT_THE_TOUR.search(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "When it is held, the goroutine may spin a few times on a multicore machine, then sleeps on the semaphore.",
        "When no deferred call recovers, the panic value is printed with the stack traces and the program exits.",
    ],
)
def test_a_sentence_that_goes_on_to_its_main_clause_says_what_the_code_does(sentence: str) -> None:
    """Both had been taken for titles (a sentence opening with "When" and ending with a full stop), and so were
    never a short answer."""
    assert not _TITLE.match(sentence) and not _ABOUT_THE_TOUR.search(sentence)
