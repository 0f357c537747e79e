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


def test_a_short_sentence_of_prose_is_read_with_the_next_one() -> None:
    """maps/map.go's design comment lists the iteration semantics; its fifth item, "Iteration order is unspecified. In
    the implementation, it is explicitly randomized.", is the answer to why a map's iteration order differs each time,
    but its first sentence has fewer words than a statement of prose needs (``MIN_WORDS``, titles are that short) and
    its second says nothing of iteration: neither was ever quoted. A short sentence that ends with a full stop and is
    followed by another in its paragraph leads into it."""
    item = "5. Iteration order is unspecified. In the implementation, it is explicitly randomized."
    assert sentences(item, pronouns=True, short=5) == [
        "Iteration order is unspecified. In the implementation, it is explicitly randomized."
    ]
    assert sentences(item, pronouns=True) == [  # doc comments: a short sentence is said as one (their summaries)
        "Iteration order is unspecified.",
        "In the implementation, it is explicitly randomized.",
    ]
    long = "The scheduler runs goroutines on threads. Each thread holds a P."
    assert sentences(long, short=5) == ["The scheduler runs goroutines on threads.", "Each thread holds a P."]
    # the next list item is not read with the one before it
    items = "1. Adding entries is fine. 2. Entries added during iteration MAY be returned by iteration."
    assert sentences(items, short=5) == [
        "Adding entries is fine.",
        "Entries added during iteration MAY be returned by iteration.",
    ]


def test_a_design_comments_short_sentence_is_quoted_with_the_next() -> None:
    """The same through ``statements``: a file's design comment (prose) reads the short sentence with the next."""
    from guide.answering.statements import statements
    from guide.citation import Citation

    text = (
        "// Iteration\n//\n// 5. Iteration order is unspecified. In the implementation, it is explicitly randomized.\n"
    )
    prose = Citation("go1.27.3", "src/internal/runtime/maps/map.go", 1, 3, "map.go", "comment", "", text)
    said = [st.text for st in statements(prose)]
    assert "Iteration order is unspecified. In the implementation, it is explicitly randomized." in said
