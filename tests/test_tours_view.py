"""The web app's Tours view (webui/tours.py, guide/render/tour_html.py) on the fixture index: each step resolves to
its anchor's checked definition, Previous/Next stop at the ends, the viewer opens the step's exact lines, the
step's changes across releases are shown, and bad input is one message naming the fix."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

import webui.tours as tours_module
from guide.definitions import anchored
from guide.knowledge.tours import Step, Tour, tours
from guide.render.tour_html import note_html
from webui.callbacks import GuideApp
from webui.tours import LANGUAGES, ToursView, default_tour, find_tour, resolve, tour_releases

RELEASES = ["go1.21.13", "go1.27.3"]
HL = re.compile(r'class="gg-line gg-hl"(?: id="gg-cited")? data-line="(\d+)"')


@pytest.fixture
def view(fixture_index) -> ToursView:
    return ToursView(GuideApp(fixture_index))


def _fake_tour(monkeypatch, **kw) -> Tour:
    """A tour added to the real ones for one test (``webui.tours`` reads them through ``tours()``)."""
    base = find_tour("channels-select")
    assert base is not None
    fake = replace(base, id="fake", **kw)
    monkeypatch.setattr(tours_module, "tours", lambda: (*tours(), fake))
    return fake


# -- steps resolve -------------------------------------------------------------------------------------------------
def test_every_step_resolves_to_its_anchor_checked_against_the_file(fixture_index):
    resolved = 0
    for t in tours():
        assert tour_releases(fixture_index, t) == RELEASES, t.id
        for tag in RELEASES:
            steps = resolve(fixture_index, t, tag)
            assert [s.step for s in steps] == t.steps_at(tag), (t.id, tag)
            assert [s.number for s in steps] == list(range(1, len(steps) + 1))
            for s in steps:
                d = anchored(fixture_index, s.step.anchor, tag, s.step.path)
                assert (s.citation is None) == (d is None), (t.id, tag, s.step.anchor)
                if s.citation is None:
                    continue
                c = s.citation
                assert (c.version, c.path, c.symbol) == (tag, d.path, s.step.anchor)
                lines = fixture_index.file_lines(tag, c.path)
                assert c.excerpt == "\n".join(lines[c.start_line - 1 : c.end_line])  # the exact lines at that release
                assert c.url.endswith(f"/blob/{tag}/{c.path}#L{c.start_line}-L{c.end_line}")
                resolved += 1
    assert resolved >= 10  # the fixture's runtime: hchan, makechan, chansend, rt0_go, schedinit, hmap, maps.Map, ...


def test_channels_tour_at_the_fixture(fixture_index):
    steps = resolve(fixture_index, find_tour("channels-select"), "go1.27.3")
    cited = {s.step.anchor: s.citation.location for s in steps if s.citation}
    lines = fixture_index.file_lines("go1.27.3", "src/runtime/chan.go")
    start = next(i for i, ln in enumerate(lines, 1) if ln.startswith("type hchan struct"))
    end = next(i for i, ln in enumerate(lines, 1) if i > start and ln == "}")
    assert cited["runtime.hchan"] == f"src/runtime/chan.go:{start}-{end}"
    assert set(cited) == {"runtime.hchan", "runtime.makechan", "runtime.chansend"}
    start = resolve(fixture_index, find_tour("program-start"), "go1.27.3")
    rt0 = next(s.citation for s in start if s.step.anchor == "runtime.rt0_go")
    assert rt0 is not None and rt0.path == "src/runtime/asm_amd64.s"  # the step's path


# -- the tab -------------------------------------------------------------------------------------------------------
def test_show_opens_the_viewer_at_the_steps_exact_lines(view, fixture_index):
    steps = resolve(fixture_index, find_tour("channels-select"), "go1.27.3")
    for i, s in enumerate(steps):
        st = view.show("channels-select", "go1.27.3", "English", i)
        assert st.selected == i
        assert f'data-step="{i}" role="button" tabindex="0" aria-current="step"' in st.steps
        assert st.steps.count("aria-current") == 1
        assert f"Step {i + 1} of {len(steps)}" in st.panel and s.step.anchor in st.panel
        assert note_html(s.step.note) in st.panel  # the team's annotation
        c = s.citation
        if c is None:
            assert "is not defined at go1.27.3 in the index" in st.viewer and "gg-code" not in st.viewer
            continue
        # the exact checked citation: version, path, lines, symbol, permalink; the viewer marks exactly those lines
        assert f'data-version="go1.27.3" data-path="{c.path}" data-start="{c.start_line}" data-end="{c.end_line}"' in (
            st.panel
        )
        assert f'href="{c.url}"' in st.panel and c.location in st.panel
        assert [int(x) for x in HL.findall(st.viewer)] == list(range(c.start_line, c.end_line + 1))
        assert f"{c.path}:{c.start_line}-{c.end_line}" in st.viewer


def test_newest_release_by_default_and_pick_keeps_a_covered_release(view):
    assert 'data-release="go1.27.3"' in view.show("channels-select", None).header
    assert 'data-release="go1.27.3"' in view.show("channels-select", "  ").header
    assert 'data-release="go1.21.13"' in view.show("channels-select", "go1.21.13").header
    covered, tag, st = view.pick("maps", "go1.21.13")
    assert covered == RELEASES and tag == "go1.21.13" and 'data-tour="maps"' in st.header and st.selected == 0
    assert view.pick("maps", "go1.99.1")[1] == "go1.27.3"
    assert view.pick("nosuch", "go1.21.13")[:2] == ([], "")


def test_move_stops_at_the_first_and_the_last_step(view):
    total = len(find_tour("scheduler").steps_at("go1.27.3"))
    assert view.move("scheduler", "go1.27.3", "English", 0, +1).selected == 1
    assert view.move("scheduler", "go1.27.3", "English", 1, -1).selected == 0
    assert view.move("scheduler", "go1.27.3", "English", 0, -1).selected == 0
    last = view.move("scheduler", "go1.27.3", "English", total - 1, +1)
    assert last.selected == total - 1 and f"Step {total} of {total}" in last.panel
    assert view.move("scheduler", "go1.27.3", "English", "junk", +1).selected == 1
    assert view.move("scheduler", "go1.27.3", "English", 10**30, +1).selected == total - 1


def test_a_click_on_a_step_selects_it(view):
    assert view.select("channels-select", "go1.27.3", "English", {"step": 3}).selected == 3
    assert view.select("channels-select", "go1.27.3", "English", {"step": "x"}).selected == 0
    assert view.select("channels-select", "go1.27.3", "English", None).selected == 0
    assert view.select("channels-select", "go1.27.3", "English", {"step": -5}).selected == 0


def test_steps_for_other_releases_are_left_out(view):
    """At go1.27.3 the maps tour walks the Swiss tables; the bucket map's steps (until go1.23) are counted, not
    shown, as steps another indexed release has."""
    new = view.show("maps", "go1.27.3")
    assert "runtime.hmap" not in new.steps and "internal/runtime/maps.Map" in new.steps
    assert "4 more for other releases" in new.header
    old = view.show("maps", "go1.21.13")
    assert "runtime.hmap" in old.steps and "internal/runtime/maps.Map" not in old.steps
    # a step of releases before every indexed one (program start's doInit, until go1.20) can be picked nowhere: it
    # is not counted as "1 more for other releases" (a fresh-eyes trial picked go1.21.13 and still had 9 steps)
    assert "more for other releases" not in view.show("program-start", "go1.27.3").header


def test_the_steps_changes_across_releases(view):
    steps = find_tour("maps").steps_at("go1.27.3")
    i = next(n for n, s in enumerate(steps) if s.anchor == "internal/runtime/maps.Map")
    st = view.show("maps", "go1.27.3", "English", i)
    assert "What changed between releases" in st.changes
    assert re.search(r'gg-absent"><span class="gg-version">go1\.21\.13</span> absent', st.changes)
    assert 'data-version="go1.27.3" data-path="src/internal/runtime/maps/map.go"' in st.changes
    assert "added between go1.21.13 and go1.27.3" in st.changes
    assert "first seen" not in st.changes
    hmap = view.show("maps", "go1.21.13", "English", 1)
    assert "runtime.hmap" in hmap.panel
    assert 'data-version="go1.21.13" data-path="src/runtime/map.go"' in hmap.changes
    assert "removed between go1.21.13 and go1.27.3" in hmap.changes and "internal/runtime/maps.Map" in hmap.changes


def test_chinese_annotations(view):
    t = find_tour("channels-select")
    st = view.show("channels-select", "go1.27.3", LANGUAGES[1], 0)
    assert t.title_zh in st.header and "团队撰写的概要：" in st.header  # a Chinese colon in a Chinese label
    assert note_html(t.steps[0].note_zh) in st.panel and note_html(t.steps[0].note) not in st.panel
    assert "第 1 步" in st.panel
    assert "行，共" in st.viewer and "(lines " not in st.viewer  # the viewer's words follow the annotations' language


def test_chinese_changes_across_releases(view):
    """The step's timeline in Chinese: its title, the releases without it and its events."""
    steps = find_tour("maps").steps_at("go1.27.3")
    i = next(n for n, s in enumerate(steps) if s.anchor == "internal/runtime/maps.Map")
    st = view.show("maps", "go1.27.3", LANGUAGES[1], i)
    assert "internal/runtime/maps.Map 在各个已索引版本中的时间线" in st.changes
    assert "在 go1.21.13 到 go1.27.3 之间加入" in st.changes
    assert "go1.21.13</span> 不存在" in st.changes
    for english in ("Timeline of", "across the indexed releases", "present from", " absent<"):
        assert english not in st.changes, english
    oldest = view.show("channels-select", "go1.27.3", LANGUAGES[1], 0).changes
    assert "在最早的已索引版本（go1.21.13）中已经存在" in oldest and "oldest indexed release" not in oldest


def test_previous_and_next_are_enabled_only_where_they_lead(view):
    first = view.show("channels-select", "go1.27.3", "English", 0)
    assert first.count == 10 and not first.can_go_back and first.can_go_on
    middle = view.move("channels-select", "go1.27.3", "English", 0, +1)
    assert middle.can_go_back and middle.can_go_on
    last = view.show("channels-select", "go1.27.3", "English", 9)
    assert last.can_go_back and not last.can_go_on
    assert not view.show("nosuch", "go1.27.3").can_go_on  # a message: nowhere to go


# -- bad input -----------------------------------------------------------------------------------------------------
def _is_message(st, *words: str) -> None:
    for w in words:
        assert w in st.header, (w, st.header)
    assert 'class="gg-notice' in st.header and "Traceback" not in st.header
    assert st.steps == "" and st.panel == "" and st.changes == "" and st.selected == 0
    assert "gg-code" not in st.viewer


def test_unknown_tour_is_a_message(view):
    _is_message(view.show("nosuch", None), "There is no tour &#x27;nosuch&#x27;", "Pick one of:", "channels-select")
    _is_message(view.show(None, None), "Pick a tour:", "program-start")
    _is_message(view.show(["channels-select"], None), "Pick a tour:")
    hostile = view.show("<img src=x onerror=alert(1)>${x}" + "y" * 500, None)
    assert "<img" not in hostile.header and "${" not in hostile.header and "y" * 101 not in hostile.header


def test_release_not_indexed_is_a_message(view):
    _is_message(view.show("channels-select", "go1.99.1"), "go1.99.1 is not an indexed release", "go1.21.13, go1.27.3")
    _is_message(view.show("channels-select", "design"), "design is not an indexed release")  # not a Go release
    _is_message(view.show("channels-select", "<b>x</b>"), "&lt;b&gt;x&lt;/b&gt; is not an indexed release")


def test_release_the_tour_does_not_cover_is_a_message(view, monkeypatch):
    _fake_tour(monkeypatch, since=25)
    assert view.releases("fake") == ["go1.27.3"]
    _is_message(view.show("fake", "go1.21.13"), "does not cover go1.21.13", "Pick one it covers: go1.27.3")
    assert view.show("fake", None).selected == 0 and 'data-release="go1.27.3"' in view.show("fake", None).header
    _fake_tour(monkeypatch, since=99)
    _is_message(view.show("fake", None), "No indexed release is covered", "python -m ingest")


def test_no_index_is_a_message(tmp_path, monkeypatch):
    from settings import get_settings

    monkeypatch.setenv("GOGUIDE_DATA_DIR", str(tmp_path))
    get_settings.cache_clear()
    view = ToursView(GuideApp(None, settings=get_settings()))
    _is_message(view.show("channels-select", None), "No index yet", "make run")
    assert view.pick("channels-select", None)[:2] == ([], "")
    _is_message(view.move("channels-select", None, "English", 0, +1), "No index yet")


def test_everything_from_a_tour_is_escaped(view, monkeypatch):
    evil = "<img src=x onerror=alert(1)> ${alert(1)} {{constructor}}"
    base = find_tour("channels-select")
    step = Step("runtime.hchan", f"`<b>` {evil}", f"`<b>` {evil}")
    _fake_tour(monkeypatch, title=evil, title_zh=evil, summary=evil, summary_zh=evil, steps=(step, *base.steps[1:]))
    for lang in LANGUAGES:
        st = view.show("fake", None, lang, 0)
        for html in (st.header, st.steps, st.panel, st.changes):
            assert "<img" not in html and "<b>" not in html and "${" not in html and "{{" not in html
        assert "&lt;img src=x onerror=alert(1)&gt;" in st.header and "<code>&lt;b&gt;</code>" in st.panel


def test_the_app_has_a_tours_tab(fixture_index):
    import app as app_module

    assert default_tour() == "program-start"
    config = str(app_module.build_app(fixture_index).config)
    for elem in ("gg-tour", "gg-tour-release", "gg-tour-lang", "gg-tour-steps", "gg-tour-prev", "gg-tour-next"):
        assert f"'{elem}'" in config, elem
    assert "gg-tour-viewer" in config and "gg-tour-changes" in config


@pytest.mark.slow
def test_every_step_of_every_tour_is_cited_at_the_newest_release(real_index):
    """On the real index each step of each tour resolves to a checked citation where the tour covers a release."""
    for t in tours():
        covered = tour_releases(real_index, t)
        assert covered, t.id
        missing = [s.step.anchor for s in resolve(real_index, t, covered[-1]) if s.citation is None]
        assert missing == [], (t.id, covered[-1])


def test_the_tours_follow_the_browsers_language() -> None:
    from webui.tours import LANGUAGES, browser_language, tour_choices

    assert browser_language("zh-CN,zh;q=0.9,en;q=0.8") == LANGUAGES[1]
    assert browser_language("en-US,en;q=0.9,zh-CN;q=0.8") == LANGUAGES[0]
    assert browser_language("zh-TW,en;q=0.5") == LANGUAGES[1]
    assert browser_language("fr-FR,zh-TW;q=0.5") == LANGUAGES[0]  # as the page's words: English unless Chinese first
    assert browser_language(None) == browser_language("de") == LANGUAGES[0]
    titles = dict((i, t) for t, i in tour_choices(LANGUAGES[1]))
    assert titles["program-start"] == "Go 程序是如何启动的"
    assert dict((i, t) for t, i in tour_choices())["program-start"] == "How a Go program starts"
