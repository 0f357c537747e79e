"""A name the question writes is said to be absent (from every indexed release, or from the one asked about) only
when the Go sources that are part of a program do not have it: checked on the real Go sources."""

from __future__ import annotations

from guide.answering.absent import absent_names, out_of_scope
from guide.query import Query


def test_a_name_defined_at_the_asked_release_is_never_said_to_be_elsewhere(real_index, monkeypatch) -> None:
    """``main`` has many definitions over the releases (the runtime's, and every generator program's ``main.main``);
    over nine releases a lookup across all of them stops before it reaches the asked one, and the runtime's ``main``
    was said not to be at go1.27.3. Presence is checked at the asked release itself: here with every lookup over
    all releases cut to its first 20 rows, as the nine-release index cuts it."""
    lookup = real_index.reader.lookup

    def first_rows(name, tag=None, limit=200):
        return lookup(name, tag, limit if tag is not None else min(limit, 20))

    monkeypatch.setattr(real_index.reader, "lookup", first_rows)
    assert len(lookup("main", "go1.21.13")) > 20
    q = Query.parse("Go 程序是怎么启动的？从 _rt0_amd64_linux 到 main.main 经过了哪些步骤？")
    assert out_of_scope(real_index, q, ["go1.27.3"]) == []
    assert out_of_scope(real_index, Query.parse("What does the runtime's main do?"), ["go1.27.3"]) == []


def test_a_name_the_code_uses_in_another_letter_case_is_not_absent(real_index) -> None:
    """``ChaCha8`` is defined nowhere under that spelling, but the runtime's code uses it (``mp.chacha8``, a
    ``chacha8rand.State``): not said to be absent; ``typ2Itab``, in no code at any indexed release, is."""
    assert absent_names(real_index, Query.parse("为什么要换成 ChaCha8？"))[0] == []
    assert absent_names(real_index, Query.parse("Where is typ2Itab defined?"))[0] == ["typ2Itab"]
