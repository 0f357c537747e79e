"""Timelines (guide.timeline) on the main fixture and the three-tag comparison fixture."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from guide.history.timeline import timeline


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
    tl = timeline(fixture_index, "NewMap")
    assert _events(tl) == [("first_seen", "go1.27.3")]
    assert "absent in go1.21.13" in tl.events[0].text


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
