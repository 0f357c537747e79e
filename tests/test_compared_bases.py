"""An adjective compared with "than" is searched in its plain form too (guide.question_text.compared_bases)."""

from __future__ import annotations

from guide.query import Query
from guide.question_text import compared_bases


def test_a_comparative_before_than_is_read_in_its_plain_form() -> None:
    """ "Why is a goroutine cheaper than an OS thread?" had no short answer: the goroutine-cost tour's summary says
    goroutines are "cheap", and "cheaper" matched nothing. The plain form is an English word of the dictionary."""
    assert compared_bases("Why is a goroutine cheaper than an OS thread?") == ["cheap"]
    assert compared_bases("Is a map bigger than a slice?") == ["big"]
    assert compared_bases("Are channels heavier than mutexes?") == ["heavy"]
    assert compared_bases("Are large objects, larger than 32 KB, zeroed?") == ["large"]
    assert "cheap" in Query.parse("Why is a goroutine cheaper than an OS thread?").tokens


def test_no_plain_form_where_nothing_is_compared_or_a_release_is() -> None:
    assert compared_bases("Is the scheduler fair?") == []
    assert compared_bases("Is it better than a mutex, rather than a channel?") == []  # no "bet", no "rath"
    assert compared_bases("Is the map in releases newer than 1.21 different?") == []  # a release, not "new"
    assert "cheap" not in Query.parse("Why is a goroutine cheaper?").tokens


def test_one_plain_form_and_none_for_a_release() -> None:
    """Review: "fairer" had given "fair" and "faire"; "later than 1.22" a "late"."""
    assert compared_bases("Is select fairer than a switch?") == ["fair"]
    assert compared_bases("Was it added later than 1.22?") == []
