"""The web chat in real headless Chromium (Debian's /usr/bin/chromium via Playwright), on the fixture index.

Screenshots go to artifacts/screenshots/ (git-ignored). Missing Chromium fails with the install command unless
GOGUIDE_SKIP_BROWSER=1.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser_support import ROOT, chromium_page, require_chromium, running_app, shot

pytestmark = pytest.mark.browser

DESIGN = "design/24543-non-cooperative-preemption.md"
TIMEOUT = 60_000


@pytest.fixture(scope="module")
def app_url(fixture_data_dir: Path) -> Iterator[str]:
    require_chromium()
    with running_app(fixture_data_dir, ROOT / "artifacts" / "logs" / "browser-app.log") as url:
        yield url


@pytest.fixture
def page(app_url: str):
    with chromium_page() as p:
        errors: list[str] = []
        p.on("pageerror", lambda e: errors.append(str(e)))
        p.goto(app_url)
        p.wait_for_selector("#gg-question textarea", timeout=TIMEOUT)
        yield p
        assert not p.dialogs, f"a dialog fired: {p.dialogs}"
        assert not errors, f"page errors: {errors}"


def ask(page, question: str) -> None:
    """Ask and wait for the final answer: its footer names the model, and the cards are this answer's checked
    citations (the cards of turn n, or, for an answer that cites nothing, the empty final cards), not the
    "Citations — searching" placeholder shown when the question was sent: the chat and the cards are two
    components, updated one after the other."""
    bots = page.locator("#gg-chat [data-testid='bot']")
    before = bots.count()
    turn = sum("model:" in bots.nth(i).inner_text() for i in range(before))  # answers so far
    page.fill("#gg-question textarea", question)
    page.press("#gg-question textarea", "Enter")
    page.wait_for_function(
        "([n, turn]) => { const c = document.querySelector('#gg-cards .gg-cards');"
        " const bots = document.querySelectorAll('#gg-chat [data-testid=bot]');"
        " if (!c || bots.length <= n || !bots[bots.length - 1].innerText.includes('model:')) return false;"
        " const t = c.querySelector('.gg-cards-title').textContent;"
        " const cites = /\\[1\\]/.test(bots[bots.length - 1].innerText);"
        " return c.dataset.turn === String(turn) || (!cites && c.querySelector('.gg-empty') !== null"
        " && t.startsWith('Citations') && !t.includes('searching')); }",
        arg=[before, turn],
        timeout=TIMEOUT,
    )


def last_answer(page) -> str:
    return page.locator("#gg-chat [data-testid='bot']").last.inner_text()


def test_chat_answer_citations_and_viewer(page):
    ask(page, "does a channel take a lock?")
    answer = last_answer(page)
    assert "[1]" in answer and "chansend" in answer
    assert "extractive" in answer  # the model in use
    # the page's own load event, run late on a busy machine, had put its empty cards over this answer's (a
    # fresh-clone run failed here twice): a session that has asked keeps its cards
    cards = page.locator("#gg-cards .gg-card[data-path]")
    assert cards.count() >= 1
    card = page.locator('#gg-cards .gg-card[data-path="src/runtime/chan.go"]').first
    start, end = int(card.get_attribute("data-start")), int(card.get_attribute("data-end"))
    assert "go1.27.3" in card.inner_text() and f"src/runtime/chan.go:{start}-{end}" in card.inner_text()
    shot(page, "01-chat-answer")
    card.locator(".gg-card-head").click()  # its release and location (the link to upstream opens upstream)
    page.wait_for_selector("#gg-viewer .gg-hl", timeout=TIMEOUT)
    marked = [int(x) for x in page.locator("#gg-viewer .gg-hl").evaluate_all("els => els.map(e => e.dataset.line)")]
    assert marked == list(range(start, end + 1))
    # the code box is scrolled to the cited lines: the first one is visible inside it
    visible = page.evaluate(
        "() => { const box = document.querySelector('#gg-viewer .gg-code');"
        " const hl = document.querySelector('#gg-cited'); const b = box.getBoundingClientRect();"
        " const h = hl.getBoundingClientRect(); return h.top >= b.top - 1 && h.top < b.bottom; }"
    )
    assert visible
    assert page.locator("#gg-viewer .gg-code .k, #gg-viewer .gg-code .kd").count() > 0  # highlighted Go
    shot(page, "02-viewer")

    # a follow-up uses the conversation
    ask(page, "what about in go1.21.13?")
    assert "go1.21.13" in last_answer(page)
    assert page.locator("#gg-cards .gg-card[data-version='go1.21.13']").count() >= 1
    shot(page, "03-follow-up")
    # a citation marker in the answer opens its card's source: [n] of this (second) answer links to its cards
    marker = page.locator("#gg-chat [data-testid='bot']").last.locator('a[href^="#gg-cite-1-"]').first
    n = marker.get_attribute("href").split("~", 1)[0].rsplit("-", 1)[1]
    target = page.locator(f'#gg-cards .gg-cards[data-turn="1"] .gg-card[data-n="{n}"]')
    version, path = target.get_attribute("data-version"), target.get_attribute("data-path")
    start = target.get_attribute("data-start")
    marker.click()
    page.wait_for_selector(f'#gg-viewer .gg-viewer[data-version="{version}"][data-start="{start}"]', timeout=TIMEOUT)
    head = page.locator("#gg-viewer .gg-viewer-head").inner_text()
    assert version in head and path in head, head
    # the first answer's markers link to its own cards, which the second answer's replaced: they open their source
    # from where they point (a fresh-eyes trial found them dead)
    old = page.locator("#gg-chat [data-testid='bot']").first.locator('a[href^="#gg-cite-0-"]')
    assert old.count() >= 1 and page.locator('#gg-cards .gg-cards[data-turn="0"]').count() == 0
    _, version, path, start, _ = old.first.get_attribute("href").split("~")
    old.first.click()  # the viewer shows the same lines at another release before it: wait for this release's
    page.wait_for_selector(f'#gg-viewer .gg-viewer[data-version="{version}"][data-start="{start}"]', timeout=TIMEOUT)
    assert version in page.locator("#gg-viewer .gg-viewer-head").inner_text()


def test_a_line_the_answer_names_opens_the_viewer_at_that_line(page):
    """ "line 222 `lock(&c.lock)`" in "Where in the code" opened its card at the definition's first line (trial 14):
    the named line is a link, and the viewer opens the file at that line, marked."""
    ask(page, "does a channel take a lock?")
    ask(page, "Where is that in the code?")
    named = page.locator("#gg-chat [data-testid='bot']").last.locator('a[href^="#gg-cite-1-"]')
    named = named.filter(has_text=re.compile(r"^line \d+$"))
    assert named.count() >= 1, last_answer(page)
    _, version, path, start, end = named.first.get_attribute("href").split("~")
    assert start == end and named.first.inner_text() == f"line {start}"
    named.first.click()
    page.wait_for_selector(f'#gg-viewer .gg-viewer[data-version="{version}"][data-start="{start}"]', timeout=TIMEOUT)
    marked = page.locator("#gg-viewer .gg-hl").evaluate_all("els => els.map(e => e.dataset.line)")
    assert marked == [start] and path in page.locator("#gg-viewer .gg-viewer-head").inner_text()


def test_script_in_design_doc_never_runs(page):
    ask(page, "non-cooperative goroutine preemption using signals")
    assert "<script>alert(1)</script>" in last_answer(page)  # shown as text
    card = page.locator(f'#gg-cards .gg-card[data-path="{DESIGN}"]').filter(has_text="<script>alert(1)</script>")
    assert card.count() >= 1
    card = card.first
    card.locator(".gg-card-head").click()
    page.wait_for_selector("#gg-viewer .gg-doc", timeout=TIMEOUT)
    assert "<script>alert(1)</script>" in page.locator("#gg-viewer .gg-doc").inner_text()
    assert page.locator("#gg-viewer h1, #gg-viewer h2").count() >= 1  # rendered as Markdown
    for where in ("#gg-chat", "#gg-cards", "#gg-viewer"):
        assert page.locator(f"{where} script").count() == 0
    page.wait_for_timeout(500)
    shot(page, "04-design-doc-escaped")


def test_viewer_refuses_a_crafted_path(page):
    page.click("#gg-open")
    page.fill("#gg-open-path textarea, #gg-open-path input", "../../etc/passwd")
    page.click("#gg-open-btn")
    page.wait_for_selector("#gg-viewer .gg-warn", timeout=TIMEOUT)
    text = page.locator("#gg-viewer").inner_text()
    assert "not in the index" in text and "root:" not in text
    shot(page, "05-viewer-refuses")


def test_compare_tab(page):
    page.get_by_role("tab", name="Compare").click()
    page.fill("#gg-cmp-symbol textarea, #gg-cmp-symbol input", "forcePreemptNS")
    page.click("#gg-cmp-btn")
    page.wait_for_selector("#gg-cmp-diff .gg-d-add", timeout=TIMEOUT)
    diff = page.locator("#gg-cmp-diff").inner_text()
    assert re.search(r"-\s*forcePreemptNS = 10 \* 1000 \* 1000", diff)
    assert re.search(r"\+\s*forcePreemptNS = 20 \* 1000 \* 1000", diff)
    assert "value of forcePreemptNS" in page.locator("#gg-cmp-summary").inner_text()
    sides = page.locator("#gg-cmp-cards .gg-card[data-path]")
    assert sides.count() == 2
    shot(page, "06-compare-unified")
    sides.nth(1).locator(".gg-card-head").click()
    page.wait_for_selector("#gg-cmp-viewer .gg-hl", timeout=TIMEOUT)
    assert "forcePreemptNS = 20" in page.locator("#gg-cmp-viewer .gg-hl").first.inner_text() or (
        "forcePreemptNS = 20" in page.locator("#gg-cmp-viewer").inner_text()
    )
    page.get_by_label("side by side").check()
    page.wait_for_selector("#gg-cmp-diff .gg-sbs", timeout=TIMEOUT)
    shot(page, "07-compare-side-by-side")


def test_tours_tab_walks_a_tour_beside_the_source(page):
    page.get_by_role("tab", name="Tours").click()
    page.locator("#gg-tour input").click()
    page.locator("[role='option']", has_text="Channels and select").first.click()
    page.wait_for_selector('#gg-tour-head [data-tour="channels-select"][data-release="go1.27.3"]', timeout=TIMEOUT)
    steps = page.locator("#gg-tour-steps .gg-step[data-step]")
    assert steps.count() == 10 and "runtime.hchan" in steps.first.inner_text()
    page.wait_for_selector('#gg-tour-steps .gg-step-on[data-step="0"]', timeout=TIMEOUT)
    assert page.locator("#gg-tour-prev").is_disabled() and page.locator("#gg-tour-next").is_enabled()
    shot(page, "10-tours-first-step")
    # the second step as the list shows it: its anchor and location at the release
    second = steps.nth(1).inner_text()
    m = re.search(r"(src/\S+\.go):(\d+)-(\d+)", second)
    assert "runtime.makechan" in second and m, second
    path, start, end = m.group(1), int(m.group(2)), int(m.group(3))
    page.click("#gg-tour-next")
    page.wait_for_selector('#gg-tour-steps .gg-step-on[data-step="1"]', timeout=TIMEOUT)
    page.wait_for_selector("#gg-tour-prev:not([disabled])", timeout=TIMEOUT)
    page.wait_for_selector(f'#gg-tour-viewer .gg-viewer[data-start="{start}"]', timeout=TIMEOUT)
    head = page.locator("#gg-tour-viewer .gg-viewer-head").inner_text()
    assert "go1.27.3" in head and f"{path}:{start}-{end}" in head
    marked = [
        int(x) for x in page.locator("#gg-tour-viewer .gg-hl").evaluate_all("els => els.map(e => e.dataset.line)")
    ]
    assert marked == list(range(start, end + 1))
    assert "func makechan" in page.locator("#gg-tour-viewer .gg-hl").first.inner_text()
    panel = page.locator("#gg-tour-step").inner_text()
    assert "Step 2 of 10" in panel and f"{path}:{start}-{end}" in panel and "github.com ↗" in panel
    assert "What changed between releases" in page.locator("#gg-tour-changes").inner_text()
    shot(page, "11-tours-second-step")
    # a click on a step selects it
    steps.nth(3).click()
    page.wait_for_selector('#gg-tour-steps .gg-step-on[data-step="3"]', timeout=TIMEOUT)
    assert "runtime.chansend" in page.locator("#gg-tour-step").inner_text()
    steps.nth(9).click()  # the last step: Next leads nowhere
    page.wait_for_selector('#gg-tour-steps .gg-step-on[data-step="9"]', timeout=TIMEOUT)
    page.wait_for_selector("#gg-tour-next[disabled]", timeout=TIMEOUT)
    assert page.locator("#gg-tour-prev").is_enabled()
    # in Chinese, the step's changes across releases too
    page.get_by_label("中文").check()
    page.locator("#gg-tour-changes").get_by_text("在各个已索引版本中的时间线").wait_for(timeout=TIMEOUT)
    changes = page.locator("#gg-tour-changes").inner_text()
    assert "Timeline of" not in changes and "indexed release" not in changes, changes
    page.wait_for_selector("#gg-tour-prev:has-text('上一步')", timeout=TIMEOUT)  # the buttons in Chinese too
    # and the pickers' labels, in an English browser (trial 104: "Tour / Release / Annotations" had stayed)
    page.locator("#gg-tour-lang").get_by_text("注解语言").wait_for(timeout=TIMEOUT)
    page.locator("#gg-tour-release").get_by_text("版本").first.wait_for(timeout=TIMEOUT)
    # a card clicked in the tour opens its source with the viewer's words in the annotations' language, whatever
    # the browser's (an English page here)
    steps.nth(3).click()  # chansend: defined in the test index (selectgo, the last step, is not)
    page.wait_for_selector('#gg-tour-steps .gg-step-on[data-step="3"]', timeout=TIMEOUT)
    page.locator('#gg-tour-changes .gg-card[data-version="go1.21.13"]').first.click()  # another release's lines
    page.locator("#gg-tour-viewer .gg-viewer-head").get_by_text("go1.21.13").wait_for(timeout=TIMEOUT)
    assert "行，共" in page.locator("#gg-tour-viewer .gg-viewer-head").inner_text()


def test_compare_a_file_and_a_described_subject(page):
    """A path: its definitions' changes rendered (no literal Markdown), its timeline showing it where it is. Plain
    words: the timeline of the definition they resolve to, not of the words."""
    page.get_by_role("tab", name="Compare").click()
    page.fill("#gg-cmp-symbol textarea, #gg-cmp-symbol input", "src/runtime/proc.go")
    page.click("#gg-cmp-btn")
    page.get_by_text("Timeline of src/runtime/proc.go").wait_for(timeout=TIMEOUT)
    summary = page.locator("#gg-cmp-summary").inner_text()
    assert "runtime.forcePreemptNS" in summary and "1 changed" in summary
    assert page.locator("#gg-cmp-summary code", has_text="runtime.forcePreemptNS").count() == 1
    timeline = page.locator("#gg-cmp-timeline").inner_text()
    assert "absent" not in timeline and timeline.count("src/runtime/proc.go:1-") == 2, timeline
    shot(page, "12-compare-file")
    page.fill("#gg-cmp-symbol textarea, #gg-cmp-symbol input", "hmap")
    page.click("#gg-cmp-btn")
    page.get_by_text("Timeline of internal/runtime/maps.Map").wait_for(timeout=TIMEOUT)
    assert page.locator("#gg-cmp-summary code", has_text="internal/runtime/maps.Map").count() >= 1
    tab = page.locator("#gg-cmp-summary, #gg-cmp-timeline").all_inner_texts()
    assert not any("`" in t for t in tab), tab
    shot(page, "13-compare-successor")


def test_status_tab(page):
    page.get_by_role("tab", name="Status").click()
    status = page.locator("#gg-status")
    status.get_by_text("go1.27.3").first.wait_for(timeout=TIMEOUT)
    text = status.inner_text()
    for s in ("go1.21.13", "go1.27.3", "design", "hash"):
        assert s in text
    shot(page, "08-status")


def test_first_run_without_an_index(tmp_path):
    require_chromium()
    empty = tmp_path / "no-index"
    empty.mkdir()
    with running_app(empty, ROOT / "artifacts" / "logs" / "browser-first-run.log") as url, chromium_page() as p:
        p.goto(url)
        p.wait_for_selector("#gg-first-run", timeout=TIMEOUT)
        assert "make run" in p.locator("#gg-first-run").inner_text()
        p.fill("#gg-question textarea", "does a channel take a lock?")
        p.press("#gg-question textarea", "Enter")
        p.locator("#gg-chat [data-testid='bot']").get_by_text("No index yet").wait_for(timeout=TIMEOUT)
        text = p.locator("#gg-chat [data-testid='bot']").last.inner_text()
        assert "python -m ingest" in text and "Traceback" not in text
        shot(p, "09-first-run")
        assert not p.dialogs


def test_hostile_question_is_shown_as_text(page):
    """Unbalanced backticks used to let the echoed question render live HTML (<img>, <b>, links)."""
    question = "does a channel take a lock? `<img src=x id=gg-evil>`` <b id=gg-bold>x</b> [l](http://evil.example)"
    ask(page, question)
    user = page.locator("#gg-chat [data-testid='user']").last
    assert page.locator("#gg-evil").count() == 0 and page.locator("#gg-bold").count() == 0
    assert user.locator("img, b, a, code").count() == 0
    assert "<img src=x id=gg-evil>" in user.inner_text() and "<b id=gg-bold>" in user.inner_text()
    shot(page, "07-hostile-question")


def test_long_question_is_cut_and_new_conversation_resets_the_picker(page):
    page.locator("#gg-versions input").click()
    page.locator("[role='option']", has_text="go1.21.13").first.click()
    page.keyboard.press("Escape")
    assert "go1.21.13" in page.locator("#gg-versions").inner_text()
    ask(page, "does a channel take a lock? " + "y" * 20_000)
    user = page.locator("#gg-chat [data-testid='user']").last
    text = user.inner_text()
    assert len(text) < 2_300 and "question shortened for display" in text and "20,028 characters" in text
    assert "go1.21.13" in last_answer(page)
    page.click("#gg-clear")
    page.wait_for_function("() => document.querySelectorAll('#gg-chat [data-testid=user]').length === 0")
    page.wait_for_function("() => !document.querySelector('#gg-versions').innerText.includes('go1.21.13')")
    ask(page, "does a channel take a lock?")
    assert "releases: go1.27.3" in last_answer(page)  # the next conversation is not scoped by the old picker


def test_a_long_name_in_an_answer_wraps_inside_its_message(page):
    """Trial 34: a 300-letter identifier, echoed in the answer's code span ("... is not defined in any indexed
    release"), ran past the edge of the message."""
    name = "runtimeScheduleGoroutineOntoProcessor" * 8
    ask(page, name)
    bot = page.locator("#gg-chat [data-testid='bot']").last
    code = bot.locator("code", has_text=name[:40]).first
    box, inner = bot.bounding_box(), code.bounding_box()
    assert box is not None and inner is not None
    assert inner["x"] + inner["width"] <= box["x"] + box["width"] + 1, (inner, box)
    shot(page, "08-long-name")


def test_empty_question_is_answered_with_a_hint(page):
    page.click("#gg-ask")
    page.locator("#gg-chat [data-testid='bot']").get_by_text("The question is empty").wait_for(timeout=TIMEOUT)
    assert page.locator("#gg-chat [data-testid='user']").count() == 0


def test_the_page_speaks_the_readers_language(app_url: str) -> None:
    """A browser set to Chinese gets the page's fixed words in Chinese (tabs, buttons, labels); English otherwise."""
    with chromium_page(locale="zh-CN") as p:
        p.goto(app_url)
        p.wait_for_selector("#gg-question textarea", timeout=TIMEOUT)
        for name in ("对话", "导读", "版本比较", "状态"):
            p.get_by_role("tab", name=name).wait_for(timeout=TIMEOUT)
        assert p.locator("#gg-ask").inner_text().strip() == "提问"
        p.locator("#gg-cards").get_by_text("还没有引用。").wait_for(timeout=TIMEOUT)  # the server's words too
        p.locator("#gg-viewer").get_by_text("点击引用卡片，在这里打开它的源码。").wait_for(timeout=TIMEOUT)
        p.locator("#gg-llm").get_by_text("回答模型").wait_for(timeout=TIMEOUT)
        assert "**" not in p.locator("#gg-llm").inner_text()  # rendered bold, no literal Markdown
        # a card opened from a Chinese browser: the viewer's words in Chinese
        p.fill("#gg-question textarea", "hchan 是什么？")
        p.press("#gg-question textarea", "Enter")
        p.wait_for_selector("#gg-cards .gg-card[data-path] .gg-card-head", timeout=TIMEOUT)
        p.locator("#gg-cards .gg-card[data-path] .gg-card-head").first.click()
        p.locator("#gg-viewer .gg-viewer-head").get_by_text("行，共").wait_for(timeout=TIMEOUT)
        assert (
            p.locator("#gg-question textarea").get_attribute("placeholder") == "提问（中文或英文）；追问会沿用当前对话"
        )
        p.get_by_role("tab", name="导读").click()
        p.locator("#gg-tour").get_by_text("导读").first.wait_for(timeout=TIMEOUT)
        # the annotations and the tour titles in Chinese too, from the browser's Accept-Language
        p.wait_for_function(
            "() => document.querySelector('#gg-tour input').value === 'Go 程序是如何启动的'", timeout=TIMEOUT
        )
        assert p.get_by_label("中文").is_checked()
        p.wait_for_selector("#gg-tour-prev:has-text('上一步')", timeout=TIMEOUT)
        p.get_by_role("tab", name="版本比较").click()  # the Compare viewer's hint too
        p.locator("#gg-cmp-viewer").get_by_text("点击一个定义，在这里打开它。").wait_for(timeout=TIMEOUT)
        assert p.get_by_label("统一视图").is_checked()  # the diff layout's choices too
        p.get_by_label("左右对照").wait_for(timeout=TIMEOUT)
        p.get_by_role("tab", name="状态").click()  # the Status panel too
        p.locator("#gg-status").get_by_text("已存储的块").wait_for(timeout=TIMEOUT)
    with chromium_page(locale="en-US") as p:
        p.goto(app_url)
        p.wait_for_selector("#gg-question textarea", timeout=TIMEOUT)
        assert p.locator("#gg-ask").inner_text().strip() == "Ask"
        p.locator("#gg-cards").get_by_text("No citations yet.").wait_for(timeout=TIMEOUT)
        p.get_by_role("tab", name="Tours").click()
        assert p.get_by_label("English").is_checked()
        # a Chinese question in an English browser: its cards and the viewer they open speak Chinese (trial 38)
        p.get_by_role("tab", name="Chat").click()
        p.fill("#gg-question textarea", "hchan 是什么？")
        p.press("#gg-question textarea", "Enter")
        p.wait_for_selector("#gg-cards .gg-cards[data-lang='zh'] .gg-card[data-path] .gg-card-head", timeout=TIMEOUT)
        p.locator("#gg-cards .gg-card[data-path] .gg-card-head").first.click()
        p.locator("#gg-viewer .gg-viewer-head").get_by_text("行，共").wait_for(timeout=TIMEOUT)


def test_a_long_answer_opens_at_its_question_and_first_lines(page):
    """The chat shows a finished answer from its question and first lines, not scrolled to its end (where a long
    answer's "See also" was all a fresh-eyes trial saw first)."""
    ask(page, "How does the Go scheduler work?")
    ask(page, "Does a channel take a lock?")
    where = """() => {
          const users = document.querySelectorAll('#gg-chat [data-testid="user"]');
          const q = users[users.length - 1];
          let box = q.parentElement;
          while (box && !(box.scrollHeight > box.clientHeight + 1)) box = box.parentElement;
          const top = q.getBoundingClientRect().top - box.getBoundingClientRect().top;
          return {top: top, room: box.clientHeight, scrolled: box.scrollTop, more: box.scrollHeight - box.clientHeight};
        }"""
    # brought into view once the answer has rendered: its question in the upper half of the chat box
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(
            f"() => {{ const w = ({where})(); return w.top >= 0 && w.top < w.room / 2; }}", timeout=5000
        )
    shown = page.evaluate(where)
    assert 0 <= shown["top"] < shown["room"] / 2, shown
    assert shown["more"] > shown["scrolled"] + 50, shown  # the answer goes on below: it is not shown from its end
    # the "scroll to the latest" button, shown as the answer goes on below, covers none of it (trial 39: centred, it
    # sat on a line of every long answer)
    button = page.locator("#gg-chat .scroll-down-button-container button")
    button.wait_for(state="visible", timeout=TIMEOUT)
    at, bot = button.bounding_box(), page.locator("#gg-chat [data-testid='bot']").last.bounding_box()
    assert at is not None and bot is not None
    assert at["x"] >= bot["x"] + bot["width"] - 1, (at, bot)
    shot(page, "12-scroll-button")


def test_a_tour_below_the_lines_that_answer_is_folded(real_data_dir: Path) -> None:
    """A question about part of a tour's topic: the steps that answer it are shown above, and the tour below them
    (the topic around them, up to twenty steps) shows its title and summary, its steps closed, one click away. On
    the real index (the fixture's tours are a few short steps, which are not folded)."""
    require_chromium()
    with (
        running_app(real_data_dir, ROOT / "artifacts" / "logs" / "browser-real-app.log") as url,
        chromium_page() as page,
    ):
        page.goto(url)
        page.wait_for_selector("#gg-question textarea", timeout=TIMEOUT)
        ask(page, "Does a channel send take a lock?")
        bot = page.locator("#gg-chat [data-testid='bot']").last
        fold = bot.locator("details.gg-fold")
        assert fold.count() == 1, last_answer(page)[:2000]
        summary = fold.locator("summary")
        assert re.match(r"The tour's \d+ steps, each citing the code$", summary.inner_text()), summary.inner_text()
        steps = fold.locator("ol li")
        assert steps.count() >= 2 and not steps.first.is_visible()
        assert "In short" in bot.inner_text()  # the tour's summary stays open above its steps
        summary.click()
        steps.first.wait_for(state="visible", timeout=TIMEOUT)
        assert fold.locator("a").count() >= 1  # its markers link to the cards
        shot(page, "14-folded-tour")
