"""How a comment's paragraph is cut into the sentences quotes are chosen from (guide.answering.comment_text)."""

from __future__ import annotations

from guide.answering.comment_text import sentences


def test_how_it_is_now_is_one_statement_with_how_it_was_before_a_release() -> None:
    """Trial 103: "If I forget to call Stop on a time.Ticker, does it leak?" quoted NewTicker's "Before Go 1.23, the
    garbage collector did not recover tickers ..." alone, and not the next sentence, the answer: "As of Go 1.23, the
    garbage collector can recover unreferenced tickers, even if they haven't been stopped." Go's doc comments write a
    change of behaviour so; the two are one statement."""
    doc = (
        "Before Go 1.23, the garbage collector did not recover tickers that had not yet expired or been stopped, so"
        " code often immediately deferred t.Stop after calling NewTicker. As of Go 1.23, the garbage collector can"
        " recover unreferenced tickers, even if they haven't been stopped. The Stop method is no longer necessary to"
        " help the garbage collector."
    )
    said = sentences(doc)
    assert said[0].startswith("Before Go 1.23") and said[0].endswith("even if they haven't been stopped.")
    assert said[1] == "The Stop method is no longer necessary to help the garbage collector."
    # a sentence on a release that follows no "Before Go ..." is one of its own
    alone = sentences("The timer is stopped here. As of Go 1.23, the channel is unbuffered.")
    assert alone == ["The timer is stopped here.", "As of Go 1.23, the channel is unbuffered."]
