"""Timelines (guide.timeline) on the main fixture and the three-tag comparison fixture."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from guide.history.compare import compare
from guide.history.timeline import comparison_timelines, file_timeline, timeline
from guide.language import CHINESE


@pytest.fixture(scope="module")
def cmp_index(tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    from tests.fixture_compare import build_compare_index

    index = build_compare_index(tmp_path_factory.mktemp("timeline-index"))
    yield index
    index.close()


def _events(tl) -> list[tuple[str, str]]:
    return [(e.event, e.tag) for e in tl.events]


def test_const_changed(fixture_index) -> None:
    tl = timeline(fixture_index, "forcePreemptNS")
    assert [p.present for p in tl.releases] == [True, True]
    assert _events(tl) == [("first_seen", "go1.21.13"), ("changed", "go1.27.3")]
    assert tl.events[0].text == "present in the oldest indexed release (go1.21.13)"
    (value,) = tl.events[1].details["summary"]
    assert (value["old"], value["new"]) == ("10 * 1000 * 1000", "20 * 1000 * 1000")
    for c in tl.citations:
        assert "forcePreemptNS" in fixture_index.excerpt(c.version, c.path, c.start_line, c.end_line)


def test_removed_with_successor(fixture_index) -> None:
    tl = timeline(fixture_index, "hmap")
    assert [p.present for p in tl.releases] == [True, False]
    assert _events(tl) == [("first_seen", "go1.21.13"), ("removed", "go1.27.3")]
    assert tl.events[1].details["successor"] == ["internal/runtime/maps.Map"]
    assert tl.successor is not None and tl.successor.definitions[0].path == "src/internal/runtime/maps/map.go"


def test_first_seen_after_oldest(fixture_index) -> None:
    """Worded as what the index knows (which indexed releases lack it), not as when it "first appeared"."""
    tl = timeline(fixture_index, "NewMap")
    assert _events(tl) == [("first_seen", "go1.27.3")]
    assert tl.events[0].text == "added between go1.21.13 and go1.27.3"
    assert tl.events[0].describe(CHINESE) == "在 go1.21.13 到 go1.27.3 之间加入"
    assert "first seen" not in json.dumps(tl.to_json())


def test_events_in_chinese(fixture_index) -> None:
    tl = timeline(fixture_index, "hmap")
    assert [e.describe(CHINESE) for e in tl.events] == [
        "在最早的已索引版本（go1.21.13）中已经存在",
        "在 go1.21.13 到 go1.27.3 之间被删除；后继：internal/runtime/maps.Map（go1.24）",
    ]
    assert tl.events[1].text == (
        "removed between go1.21.13 and go1.27.3; successor: internal/runtime/maps.Map (go1.24)"
    )


def test_file_timeline(fixture_index) -> None:
    tl = file_timeline(fixture_index, ["src/runtime/proc.go"])
    assert [p.path for p in tl.releases] == ["src/runtime/proc.go", "src/runtime/proc.go"]
    assert _events(tl) == [("first_seen", "go1.21.13"), ("changed", "go1.27.3")]
    assert tl.events[1].text == "changed between go1.21.13 and go1.27.3"
    assert tl.releases[0].citation is not None and tl.releases[0].citation.kind == "file"
    gone = file_timeline(fixture_index, ["src/runtime/map.go"])
    assert [p.present for p in gone.releases] == [True, False] and _events(gone)[-1] == ("removed", "go1.27.3")
    assert not file_timeline(fixture_index, ["src/nosuch.go"]).found


def test_comparison_timelines_follow_what_was_resolved(fixture_index) -> None:
    """The subjects a comparison resolved to, by qualified name: never the words typed."""
    hmap = comparison_timelines(fixture_index, compare(fixture_index, "hmap", "go1.21.13", "go1.27.3"))
    assert [t.symbol for t in hmap] == ["runtime.hmap", "internal/runtime/maps.Map"]
    described = compare(fixture_index, "how are channels implemented", "go1.21.13", "go1.27.3")
    assert [t.symbol for t in comparison_timelines(fixture_index, described)] == ["runtime.hchan"]
    path = compare(fixture_index, "src/runtime/proc.go", "go1.21.13", "go1.27.3")
    assert [[p.present for p in t.releases] for t in comparison_timelines(fixture_index, path)] == [[True, True]]
    assert comparison_timelines(fixture_index, compare(fixture_index, "trace2Buf", "go1.21.13", "go1.27.3")) == []


def test_unchanged(fixture_index) -> None:
    tl = timeline(fixture_index, "hchan")
    assert _events(tl) == [("first_seen", "go1.21.13")]


def test_unknown(fixture_index) -> None:
    tl = timeline(fixture_index, "makemapp")
    assert not tl.found
    assert tl.events == []
    assert "makemap" in tl.candidates
    assert json.loads(json.dumps(tl.to_json()))["releases"][0]["present"] is False


def test_moved_then_removed(cmp_index) -> None:
    tl = timeline(cmp_index, "oldHelper")
    assert [p.path for p in tl.releases] == ["src/runtime/sched.go", "src/runtime/helper.go", None]
    assert _events(tl) == [("first_seen", "go1.21.13"), ("moved", "go1.22.5"), ("removed", "go1.23.1")]
    assert tl.events[2].previous == "go1.22.5"


def test_package_move_followed(cmp_index) -> None:
    tl = timeline(cmp_index, "runtime/internal/atomic.Load")
    assert [p.present for p in tl.releases] == [True, True, True]
    assert _events(tl) == [("first_seen", "go1.21.13"), ("moved", "go1.22.5")]
    assert tl.events[1].details["by_name"] is True
    assert tl.releases[1].symbol == "internal/runtime/atomic.Load"


def test_changed_later_and_rename(cmp_index) -> None:
    assert _events(timeline(cmp_index, "stackMin")) == [("first_seen", "go1.21.13"), ("changed", "go1.23.1")]
    tl = timeline(cmp_index, "findRunnable")
    assert ("renamed", "go1.22.5") in _events(tl)
    assert tl.releases[0].symbol == "runtime.findrunnable"
    assert "changed" not in [e.event for e in tl.events if e.tag == "go1.23.1"]


def test_timeline_markdown_in_chinese(fixture_index) -> None:
    """A Chinese answer's timeline (three or more releases asked about) words its events in Chinese."""
    from guide.render.markdown import timeline_markdown

    tl = timeline(fixture_index, "NewMap")
    zh = timeline_markdown(tl, "zh", {})
    assert "在 go1.21.13 到 go1.27.3 之间加入" in zh and "present from" not in zh
    assert "added between go1.21.13 and go1.27.3" in timeline_markdown(tl, "en", {})


def test_a_timeline_entry_counts_the_changes_it_does_not_list() -> None:
    """runtime.timer at go1.23 gained 8 fields and lost 3: the entry lists the first few and counts the rest, never a
    silent cut."""
    from guide.language import Lang
    from guide.render.changes import CHANGES_SHOWN, event_text

    summary = [{"change": "field_added", "name": f"f{i}", "type": "int"} for i in range(CHANGES_SHOWN + 3)]
    text = event_text("changed", "go1.23.9", "go1.22.10", {"summary": summary})
    assert text.endswith("; and 3 more") and f"field f{CHANGES_SHOWN - 1} int added" in text
    zh = event_text("changed", "go1.23.9", "go1.22.10", {"summary": summary}, Lang("zh"))
    assert zh.endswith("另有 3 处")
    assert "more" not in event_text("changed", "go1.23.9", "go1.22.10", {"summary": summary[:CHANGES_SHOWN]})


def test_a_move_or_a_rename_names_the_release_before_it(cmp_index) -> None:
    """The chat cites both sides of a move ("moved to another file in go1.23.9: trace.go -> tracecpu.go [6] [8]"):
    names both releases, as "changed in ... (since ...)" does; the check had removed the citation of the side it did not
    name."""
    from guide.answering.check import check_citations
    from guide.citation import Citation
    from guide.language import Lang
    from guide.render.changes import event_text

    tl = timeline(cmp_index, "oldHelper")
    moved = tl.events[1]
    text = event_text(moved.event, moved.tag, moved.previous, moved.details)
    moved_text = "moved to another file in go1.22.5 (since go1.21.13): src/runtime/sched.go -> src/runtime/helper.go"
    assert text.startswith(moved_text)
    zh = event_text(moved.event, moved.tag, moved.previous, moved.details, Lang("zh"))
    assert zh.startswith("在 go1.22.5 中移到了另一个文件（相对于 go1.21.13）：")
    renamed = event_text("renamed", "go1.22.5", "go1.21.13", {"old": "findrunnable", "new": "findRunnable"})
    assert renamed == "renamed in go1.22.5 (since go1.21.13): findrunnable -> findRunnable"
    sides = [
        Citation(v, p, 1, 2, "runtime.oldHelper", "func", "u", "func oldHelper() {}", n=n)
        for n, (v, p) in enumerate([("go1.21.13", "src/runtime/sched.go"), ("go1.22.5", "src/runtime/helper.go")], 1)
    ]
    out = check_citations(f"- {text} [1] [2]", sides)
    assert out.warnings == [] and len(out.cited) == 2


def test_releases_without_it_in_a_row_are_one_line(fixture_index) -> None:
    """ "When did AddCleanup arrive?" over nine releases had listed "not defined at" five times before its first
    place; a run of releases without the definition is one line, its first and last release named."""
    from guide.history.timeline import Presence, Timeline
    from guide.render.markdown import timeline_markdown

    cit = timeline(fixture_index, "NewMap").releases[-1].citation
    tags = ["go1.15.15", "go1.19.8", "go1.21.13", "go1.22.10", "go1.23.9", "go1.24.11"]
    tl = Timeline("runtime.NewMap", releases=[*(Presence(tag) for tag in tags[:4]), Presence(tags[4], cit),
                                               Presence(tags[5])])  # fmt: skip
    lines = [ln for ln in timeline_markdown(tl, "en", {}).split("\n") if "not defined" in ln]
    assert lines == ["- not defined at go1.15.15 … go1.22.10 (4)", "- not defined at go1.24.11"]
    assert "在 go1.15.15 … go1.22.10 (4) 中没有定义" in timeline_markdown(tl, "zh", {})


def test_when_did_it_arrive_asks_since_when() -> None:
    """ "When did AddCleanup arrive in the runtime?" had an answer from its code and no release; it asks for the
    definition's life across the releases, as "which release added ..." does. When a thing happens at run time is no
    such question."""
    from guide.query import Query

    asks = ["When did AddCleanup arrive in the runtime?", "when did runtime.AddCleanup first appear?"]
    asks += ["AddCleanup first appeared in which release?", "AddCleanup 是哪个版本新增的？"]
    asks += ["AddCleanup 什么时候有的？"]
    for q in asks:
        assert Query.parse(q).asks_timeline, q
    for q in ["When does the GC start a cycle?", "goroutine 泄漏什么时候出现？", "When did the scheduler run it?"]:
        assert not Query.parse(q).asks_timeline, q


def test_since_when_over_two_indexed_releases_is_a_timeline(fixture_index) -> None:
    """With two releases indexed, "When did NewMap arrive?" had quoted NewMap's code and named no release (a
    timeline was made for three or more); it is the definition's life across both, without its topic's tour."""
    from guide.answering import answer

    ans = answer("When did NewMap arrive in the runtime?", index=fixture_index, llm="extractive")
    assert ans.route == "compare", ans.text[:300]
    assert "added between go1.21.13 and go1.27.3" in ans.text, ans.text[:600]
    assert "Tour:" not in ans.text
    # said once (trial 36: "not defined at go1.21.13" above it too); the releases listed as Chinese lists them
    assert "not defined at go1.21.13" not in ans.text
    zh = answer("NewMap 是哪个版本新增的？", index=fixture_index, llm="extractive")
    assert zh.text.startswith("`NewMap` 在 go1.21.13、go1.27.3 中的演变"), zh.text[:200]


def test_a_since_when_answer_names_every_release_it_read(fixture_index) -> None:
    """Its footer had said "releases: go1.27.3" under a timeline citing go1.21.13 too (trial 36)."""
    from guide.answering import answer

    ans = answer("Since when does NewMap exist?", index=fixture_index, llm="extractive")
    assert ans.versions == ["go1.21.13", "go1.27.3"] and ans.lang == "en"
    assert answer("NewMap 是哪个版本新增的？", index=fixture_index, llm="extractive").lang == "zh"


def test_since_when_reads_the_name_as_symbol_search_does(fixture_index, monkeypatch) -> None:
    """A plain word too common to be a comparison's subject by itself (hchan in 499 chunks of the nine-release index)
    is still the name a since-when question asks about when symbol search reads it as an identifier; it had been read
    as a description and walked the channels tour release by release. Here the word is made common."""
    import guide.history.subject as subject
    from guide.answering import answer

    monkeypatch.setattr(subject, "RARE_DF", 1)
    ans = answer("Since when does hchan exist?", index=fixture_index, llm="extractive")
    assert ans.text.startswith("`hchan` across go1.21.13"), ans.text[:300]


def test_when_was_it_removed_asks_of_every_release() -> None:
    """ "When was hmap removed?" had been answered at the newest release alone (hmap absent there, cited at go1.21.13);
    like "Which release removed hmap?" it asks of every indexed release."""
    from guide.query import Query

    asks = ["When was hmap removed?", "When did Go drop runtime.hmap?", "when were typ2Itab and itabs replaced?"]
    for q in [*asks, "hmap 是什么时候删掉的？", "hmap 在哪个版本被移除了？"]:
        assert Query.parse(q).all_releases, q
    assert not Query.parse("When is a finalizer removed from the queue?").all_releases
    # what the runtime does, not a release's change (review: these had become comparisons of every release)
    for q in ["timer 什么时候被删除？", "什么时候应该删除 map 里的键？", "When was the timer removed from the heap?"]:
        assert not Query.parse(q).all_releases, q
    assert not Query.parse("什么时候才有数据？").asks_timeline


def test_did_it_change_over_two_releases_stays_a_comparison(fixture_index) -> None:
    """ "Did makechan change?" asks whether the text is the same: over two releases a comparison says so ("unchanged:
    identical text"); a since-when timeline had said only that it is in the oldest release."""
    from guide.answering import answer

    ans = answer("Did makechan change?", index=fixture_index, llm="extractive")
    assert "identical text" in ans.text, ans.text[:400]
