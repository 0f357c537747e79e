"""The web chat's callbacks, through guide/ on the fixture index (no browser; a fake chat model)."""

from __future__ import annotations

import itertools
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from guide.render.cards import citation_cards
from guide.render.html import chat_markdown, markdown_html, notice, status_markdown, user_text
from guide.render.viewer import view_source
from webui.callbacks import KEEP, GuideApp

ROOT = Path(__file__).resolve().parents[1]
DESIGN = "design/24543-non-cooperative-preemption.md"


def fake_model(text: str) -> GenericFakeChatModel:
    return GenericFakeChatModel(messages=iter([AIMessage(content=text)]))


def run_chat(app: GuideApp, question: str, versions=None, pairs=None, messages=None):
    return list(app.chat(question, messages or [], versions, pairs or []))


# -- chat ----------------------------------------------------------------------------------------------------------
def test_chat_streams_tokens_then_final_with_citations(fixture_index):
    model = fake_model("Yes: chansend takes the channel lock with lock(&c.lock) before it touches the queue [1].")
    app = GuideApp(fixture_index, llm=model)
    steps = run_chat(app, "does a channel take a lock?")
    contents = [s[1][-1]["content"] for s in steps]
    assert steps[0][1][0] == {"role": "user", "content": user_text("does a channel take a lock?")}
    assert "Searching" in contents[0]
    # sources first (cards before any text), then growing text (streamed word by word), then the final answer
    assert any("Retrieved sources" in s[2] for s in steps)
    partial = [c for c in contents if c.endswith("▌")]
    assert len(partial) >= 3
    assert all(len(a) <= len(b) for a, b in itertools.pairwise(partial))
    final_msgs, final_cards, pairs = steps[-1][1], steps[-1][2], steps[-1][3]
    final = final_msgs[-1]["content"]
    assert "[\\[1\\]](#gg-cite-0-1~" in final and "▌" not in final  # the marker links to its card
    # and says where it points, so that it still opens its source once a later answer replaced the cards
    assert re.search(r"\(#gg-cite-0-1~go1\.2\d\.\d+~src/[\w/]+\.(go|s)~\d+~\d+\)", final), final
    assert "custom:GenericFakeChatModel" in final  # the model in use is shown under the answer
    # the cards are the latest answer's, whose [n] may differ from an earlier answer's (trial 98: an earlier [1] sat
    # beside a later answer's card [1])
    assert "Citations of the latest answer" in final_cards
    cards = re.findall(r'data-version="([^"]+)" data-path="([^"]+)" data-start="(\d+)" data-end="(\d+)"', final_cards)
    assert cards, final_cards
    assert any(p in ("src/runtime/chan.go", "src/runtime/lock_futex.go") for _, p, _, _ in cards)
    assert pairs and pairs[-1][0] == "does a channel take a lock?"
    # the textbox is emptied when the question is taken, then left alone: what the reader types while the answer
    # streams is not wiped by each token (trial 113), and the web app asks it when this answer is done
    assert steps[0][0] == "" and all(s[0] is KEEP for s in steps[1:])


def test_chat_extractive_default_and_follow_up(fixture_index):
    app = GuideApp(fixture_index)
    first = run_chat(app, "does a channel take a lock?")
    msgs, pairs = first[-1][1], first[-1][3]
    assert "extractive" in msgs[-1]["content"]
    again = run_chat(app, "what about in go1.21.13?", pairs=pairs, messages=msgs)
    msgs2 = again[-1][1]
    assert len(msgs2) == 4
    assert "go1.21.13" in msgs2[-1]["content"]
    assert len(again[-1][3]) == 2


def test_chat_unknown_version_is_a_message(fixture_index):
    app = GuideApp(fixture_index)
    steps = run_chat(app, "does a channel take a lock?", versions=["go1.99.1"])
    text = steps[-1][1][-1]["content"]
    assert "not indexed" in text and "go1.27.3" in text
    assert "Traceback" not in text


def test_chat_model_down_falls_back(fixture_index):
    class Down(GenericFakeChatModel):
        def _stream(self, *a, **k):
            raise ConnectionError("connection refused at http://127.0.0.1:9/v1")

    app = GuideApp(fixture_index, llm=Down(messages=iter([])))
    text = run_chat(app, "does a channel take a lock?")[-1][1][-1]["content"]
    assert "the language model failed" in text and "connection refused" in text
    assert "(#gg-cite-0-1~" in text  # the extractive answer, still cited


def test_chat_bad_model_setting_is_a_message(fixture_index):
    app = GuideApp(fixture_index, llm="nosuch:model")
    text = run_chat(app, "does a channel take a lock?")[-1][1][-1]["content"]
    assert text.startswith("Sorry, this question could not be answered")
    assert "unknown model" in text
    zh = run_chat(app, "channel 发送会加锁吗？")[-1][1][-1]["content"]  # in the question's language (trial 33)
    assert zh.startswith("抱歉，这个问题无法回答：") and "unknown model" in zh


def test_chat_empty_question_says_so(fixture_index):
    """An empty question is answered with a short message (the language layer's "empty" text), not ignored, and
    pressing Ask again does not repeat it."""
    steps = run_chat(GuideApp(fixture_index), "   ")
    assert len(steps) == 1
    textbox, msgs, cards, pairs = steps[0]
    assert (textbox, cards, pairs) == ("", citation_cards([]), [])
    assert [m["role"] for m in msgs] == ["assistant"]
    assert "The question is empty" in msgs[0]["content"] and "问题为空" in msgs[0]["content"]
    again = run_chat(GuideApp(fixture_index), "", messages=msgs)
    assert again[0][1] == msgs
    # in the web page, the reader's language is known (the browser's): the message and the empty cards in it
    zh = next(GuideApp(fixture_index).chat("", [], None, [], "zh"))
    assert "问题为空" in zh[1][0]["content"] and "The question is empty" not in zh[1][0]["content"]
    assert "还没有引用。" in zh[2]
    # a question of only punctuation asks nothing either, said in the reader's language (trial 34: "？？？" got an
    # English answer and an English side panel in a Chinese browser)
    marks = next(GuideApp(fixture_index).chat("？？？ ...", [], None, [], "zh"))
    assert [m["role"] for m in marks[1]] == ["assistant"] and "问题为空" in marks[1][0]["content"]
    assert "还没有引用。" in marks[2]


def test_a_question_of_code_alone_is_answered_in_the_readers_language(fixture_index):
    """ "hchan" is neither English nor Chinese: in a Chinese browser it had an English answer and English cards. It is
    answered in the reader's language; after a Chinese question, in the conversation's; an English question in
    English whatever the browser."""
    *_, last = GuideApp(fixture_index).chat("hchan", [], None, [], "zh")
    answer_text = last[1][-1]["content"]
    assert "hchan" in answer_text and "Extractive answer" not in answer_text, answer_text[:300]
    assert "引用" in last[2]
    # its footer and its cards too (trial 36: "model: extractive ..." under a Chinese answer, "… 16 more lines")
    assert "模型：" in answer_text and "model:" not in answer_text
    assert "在源码查看器中打开" in last[2] and "Open in the source viewer" not in last[2] and "more line" not in last[2]
    *_, en = GuideApp(fixture_index).chat("What is hchan?", [], None, [], "zh")
    assert "引用" not in en[2]
    *_, follow = GuideApp(fixture_index).chat("hchan", [], None, [("channel 发送会加锁吗？", "…")], "en")
    assert "引用" in follow[2]
    # a follow-up read as one keeps the language too (review: "lock" after "hchan" had an English answer)
    from guide.answering import answer

    first = answer("hchan", index=fixture_index, llm="extractive", reader="zh")
    assert first.lang == "zh"
    assert answer("lock", history=[("hchan", first.text)], index=fixture_index, reader="zh").lang == "zh"


def test_the_viewers_refusals_are_in_the_readers_language(fixture_index):
    """A file not indexed at a release, or a request with no path, is refused in the reader's language."""
    from guide.render.viewer import view_source

    zh = view_source(fixture_index, "go1.27.3", "src/runtime/nope.go", 1, 1, lang="zh")
    assert "src/runtime/nope.go 不在 go1.27.3 的索引中" in zh and "已索引的版本：" in zh
    en = view_source(fixture_index, "go1.27.3", "src/runtime/nope.go", 1, 1)
    assert "src/runtime/nope.go is not in the index at go1.27.3" in en and "Indexed versions:" in en
    assert "不是有效的源码请求" in view_source(fixture_index, "go1.27.3", "", 1, 1, lang="zh")


def test_the_viewer_opens_the_one_indexed_file_a_path_ends(fixture_index):
    """ "runtime/chan.go" or "chan.go" typed in Open a file is src/runtime/chan.go, the one indexed file whose path
    ends so (trial 8: it was refused as not indexed); a name several files end with is refused with them named."""
    from guide.render.viewer import source_range, view_source

    for typed in ("runtime/chan.go", "chan.go"):
        src = source_range(fixture_index, "go1.27.3", typed, 2, 3)
        assert (src.path, src.start, src.end) == ("src/runtime/chan.go", 2, 3)
    assert "src/runtime/chan.go:2-3" in view_source(fixture_index, "go1.27.3", "runtime/chan.go", 2, 3)

    class TwoMaps:  # an index where two files end "map.go" (the fixture has one per release)
        reader = SimpleNamespace(paths_named=lambda repo, name, tags: ["src/runtime/map.go", "src/x/map.go"])

        def version(self, tag):
            return SimpleNamespace(repo="go", tag=tag)

        def file_lines(self, tag, path):
            return None

    many = view_source(TwoMaps(), "go1.27.3", "map.go", 1, 1)  # type: ignore[arg-type]
    assert "whose path ends so: src/runtime/map.go, src/x/map.go" in many and "Indexed versions:" not in many


def test_the_viewer_names_a_long_citation_by_its_whole_range(fixture_index, monkeypatch):
    """findRunnable's 410 lines (proc.go:3404-3813) are cut to the first ``MAX_CITED`` in the viewer, whose head read
    "3404-3803 (… citation cut)" beside a card saying 3404-3813 (trial 45): the head names the citation's range, and
    says how much of it is highlighted."""
    from guide.render import viewer

    monkeypatch.setattr(viewer, "MAX_CITED", 1)
    src = viewer.source_range(fixture_index, "go1.27.3", "src/runtime/chan.go", 2, 3)
    assert (src.start, src.end, src.cut, src.cited_end) == (2, 2, True, 3)
    html = viewer.view_source(fixture_index, "go1.27.3", "src/runtime/chan.go", 2, 3)
    assert "src/runtime/chan.go:2-3</code>" in html and "the cited range&#x27;s first 1 lines" in html
    assert "#L2-L3" in html and "#L2-L2" not in html  # "the permalink has all": it does (trial 46 found #L164-L563)
    assert "引用范围的前 1 行" in viewer.view_source(fixture_index, "go1.27.3", "src/runtime/chan.go", 2, 3, lang="zh")


def test_the_viewer_marks_a_block_doc_comment_as_the_card_shows_it() -> None:
    """chansend's doc comment is a ``/* ... */`` block: its card showed it, the viewer left it unmarked (trial 46)."""
    from guide.citation import doc_comment_start as doc_start

    lines = ["func a() {}", "", "/*", " * generic single channel send/recv", " */", "func chansend() {", "}"]
    assert doc_start("src/runtime/chan.go", lines, 6) == 3
    assert doc_start("src/runtime/chan.go", ["x := 1 /* one */", "func f() {}"], 2) == 2  # code, not a comment
    assert doc_start("src/runtime/chan.go", ["// line one", "// line two", "func f() {}"], 3) == 1


def test_a_cards_permalink_sits_at_the_end_of_its_head_not_mid_card() -> None:
    """On a two-line card the "github.com ↗" link sat in the middle, and a click there went to GitHub instead of the
    viewer (trial 47): it ends the card's head line, right-aligned; the symbol line below is all card."""
    import re

    from guide.citation import Citation
    from guide.render.cards import citation_card

    c = Citation("go1.27.3", "src/sync/atomic/asm.s", 27, 28, "sync/atomic.SwapInt32", "asm", "https://github.com/x",
                 "TEXT ·SwapInt32(SB),NOSPLIT,$0\n\tJMP\tinternal∕runtime∕atomic·Xchg(SB)", n=3)  # fmt: skip
    html = citation_card(c, preview=False)
    head = re.search(r'<div class="gg-card-head">(.*?)</div>', html).group(1)  # type: ignore[union-attr]
    sym = re.search(r'<div class="gg-card-sym">(.*?)</div>', html).group(1)  # type: ignore[union-attr]
    assert "gg-permalink" in head and head.rstrip().endswith("</a>") and "gg-permalink" not in sym


def test_a_card_says_where_the_doc_comment_its_quotes_come_from_starts() -> None:
    """Trial 86: a quote read "(runtime/debug.SetMaxStack, lines 105-106) [3]" and card [3] "garbage.go:117-119": a
    card's lines are the declaration's (start_line), and the doc comment above them is said beside, in the card's
    language; a definition without one says nothing."""
    from dataclasses import replace

    from guide.citation import Citation
    from guide.language import CHINESE
    from guide.render.cards import citation_card

    c = Citation("go1.27.3", "src/runtime/debug/garbage.go", 117, 119, "runtime/debug.SetMaxStack", "func",
                 "https://github.com/x", "func SetMaxStack(bytes int) int {", n=3, doc_start_line=105)  # fmt: skip
    assert 'garbage.go:117-119</code> <span class="gg-doc-from">doc comment from line 105</span>' in citation_card(c)
    assert "文档注释从第 105 行起" in citation_card(c, lang=CHINESE)
    assert "gg-doc-from" not in citation_card(replace(c, doc_start_line=None))


def test_chinese_follow_up_footer_is_in_chinese(fixture_index):
    """The footer under a Chinese answer, and the pipeline's warnings in it (follow-up, release not indexed), are in
    Chinese."""
    app = GuideApp(fixture_index)
    first = run_chat(app, "channel 会加锁吗？")
    msgs, pairs = first[-1][1], first[-1][3]
    text = run_chat(app, "那 go1.9 呢？", messages=msgs, pairs=pairs)[-1][1][-1]["content"]
    assert "按追问理解" in text and "未索引：go1.9" in text and "模型：" in text
    assert text.startswith("> 按追问理解")  # how the question was read comes before the answer (trial 19)
    assert text.index("模型：") < text.index("未索引：go1.9")  # other warnings stay under the footer
    assert "read as a follow-up of" not in text and "not indexed: go1.9" not in text and "model:" not in text
    progress, cards = first[0][1][-1]["content"], first[-1][2]  # the progress line and the cards too
    assert progress == "*正在检索索引…*" and "最新一条回答的引用" in cards
    assert "处引用，点击卡片或 [n] 打开源码" in cards
    assert "Citations" not in cards and "click a card" not in cards
    english = run_chat(GuideApp(fixture_index), "does a channel take a lock?", versions=["go1.9"])[-1][1][-1]
    assert "not indexed: go1.9" in english["content"] and "model:" in english["content"]


def test_an_answer_that_cites_nothing_says_so_in_the_questions_language(fixture_index):
    """A question on another subject is answered "nothing relevant": its cards panel says the answer cites no
    source, in the question's language, and carries the turn (the answer is complete), never "No citations yet."."""
    app = GuideApp(fixture_index)
    zh = run_chat(app, "如何烤香蕉面包？")
    searching, final = zh[0][2], zh[-1][2]
    assert "还没有引用。" in searching and "No citations yet." not in searching
    assert "这个回答没有引用任何源码。" in final and 'data-turn="0"' in final
    assert "No citations yet." not in final and "0 处引用" not in final
    en = run_chat(app, "How do I bake banana bread?")[-1][2]
    assert "This answer cites no source." in en and 'data-turn="0"' in en and "0 cited" not in en


def test_design_doc_script_is_escaped(fixture_index):
    app = GuideApp(fixture_index)
    steps = run_chat(app, "non-cooperative goroutine preemption using signals")
    msgs, cards = steps[-1][1], steps[-1][2]
    assert DESIGN in cards
    assert "<script" not in cards.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in cards
    # the chat widget renders Markdown: even with raw HTML allowed, the script stays text (a code span, or escaped)
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True})
    answer = msgs[-1]["content"]
    assert "alert(1)" in answer
    rendered = md.render(answer)
    assert "<script" not in rendered.lower() and "&lt;script&gt;" in rendered


# -- rendering -----------------------------------------------------------------------------------------------------
def test_citation_cards_escape_everything():
    from guide.citation import Citation

    evil = Citation(
        version='go1.27.3"><img src=x onerror=alert(1)>',
        path="src/<b>x</b>.go",
        start_line=3,
        end_line=4,
        symbol="<script>alert(1)</script>",
        kind="func",
        url="javascript:alert(1)",
        excerpt="x := `${alert(1)}` {{constructor}}",
        n=1,
    )
    html = citation_cards([evil])
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html
    assert "${" not in html and "{{" not in html and "`" not in html  # inert for client-side templates
    assert 'data-start="3" data-end="4"' in html


def test_a_card_names_the_kind_of_definition_in_the_readers_language():
    """Trial 41: the cards of a Chinese answer said "func", "type" and "text" in the Chinese page."""
    from guide.citation import Citation
    from guide.language import Lang

    c = Citation("go1.27.3", "src/runtime/chan.go", 34, 55, "runtime.hchan", "type", "u", "type hchan struct {", n=1)
    assert "<span class=gg-kind>类型</span>" in citation_cards([c], lang=Lang("zh"))
    assert "<span class=gg-kind>type</span>" in citation_cards([c])


def test_a_card_previews_the_doc_comment_its_quotes_come_from():
    """An answer quotes a doc comment ("SetGCPercent sets the garbage collection target percentage") next to a
    citation whose lines start at the declaration: the card shows the doc comment's first lines above it."""
    from guide.citation import Citation

    doc = "\n".join(f"// line {i} of the doc comment." for i in range(1, 6))
    c = Citation("go1.27.3", "src/runtime/debug/garbage.go", 93, 95, "runtime/debug.SetGCPercent", "func", "u",
                 "func SetGCPercent(percent int) int {\n\treturn 0\n}", 82, doc, n=1)  # fmt: skip
    preview = re.search(r'<pre class="gg-preview">(.*?)</pre>', citation_cards([c]), re.S)
    assert preview is not None
    assert preview.group(1).split("\n") == [
        "// line 1 of the doc comment.", "// line 2 of the doc comment.", "// line 3 of the doc comment.", "…",
        "func SetGCPercent(percent int) int &#123;", "\treturn 0", "… 1 more line",
    ]  # fmt: skip
    bare = citation_cards([Citation("go1.27.3", "a.go", 1, 2, "x", "func", "u", "func x() {\n}", n=1)])
    assert '<pre class="gg-preview">func x() &#123;\n&#125;</pre>' in bare
    # a note on who reaches it by linkname is no preview of what it does (trial 40: getitab's card showed "getitab
    # should be an internal detail, ... hall of shame ..."); with nothing else, the declaration's lines
    shame = (
        "// getitab should be an internal detail,\n// but widely used packages access it using linkname.\n"
        "// Notable members of the hall of shame include:\n//   - github.com/bytedance/sonic\n//\n"
        "// Do not remove or change the type signature.\n// See go.dev/issue/67401.\n//\n//go:linkname getitab"
    )
    g = Citation("go1.27.3", "src/runtime/iface.go", 44, 45, "runtime.getitab", "func", "u",
                 "func getitab() *itab {\n}", 35, shame, n=1)  # fmt: skip
    assert '<pre class="gg-preview">func getitab() *itab &#123;\n&#125;</pre>' in citation_cards([g])
    said = Citation("go1.27.3", "a.go", 9, 10, "x", "func", "u", "func x() {\n}", 1, f"// x does y.\n//\n{shame}", n=1)
    assert '<pre class="gg-preview">// x does y.\nfunc x() &#123;' in citation_cards([said])


def test_chat_markdown_escapes_prose_not_code():
    out = chat_markdown("see <script>alert(1)</script> and `a <b> c` [1]\n```\nif a < b {}\n```")
    assert "&lt;script&gt;" in out
    assert "`a <b> c`" in out and "if a < b {}" in out


def test_markdown_is_sanitized():
    html = markdown_html("# T\n\n<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>")
    assert "<script" not in html and "<img" not in html and 'href="javascript' not in html
    assert "&lt;script&gt;" in html


# -- viewer --------------------------------------------------------------------------------------------------------
def test_viewer_highlights_cited_lines(fixture_index):
    lines = fixture_index.file_lines("go1.27.3", "src/runtime/chan.go")
    a = next(i for i, ln in enumerate(lines, 1) if ln.startswith("func chansend"))
    b = a + 9
    html = view_source(fixture_index, "go1.27.3", "src/runtime/chan.go", a, b)
    hl = re.findall(r'class="gg-line gg-hl"(?: id="gg-cited")? data-line="(\d+)"', html)
    assert [int(x) for x in hl] == list(range(a, b + 1))
    assert 'class="k"' in html or 'class="kd"' in html  # Go syntax highlighting
    # the permalink: upstream's file at that release, the cited lines
    assert f'href="https://github.com/golang/go/blob/go1.27.3/src/runtime/chan.go#L{a}-L{b}"' in html
    # the doc comment above the declaration: marked apart, as part of the citation
    doc = a
    while lines[doc - 2].lstrip().startswith("//"):
        doc -= 1
    assert doc < a
    marked_doc = re.findall(r'class="gg-line gg-doc-hl"(?: id="gg-cited")? data-line="(\d+)"', html)
    assert [int(x) for x in marked_doc] == list(range(doc, a))
    assert f'id="gg-cited" data-line="{doc}"' in html  # the code box scrolls to the doc comment's first line
    # context around the citation, up to the end of the file
    assert f'data-line="{max(1, a - 40)}"' in html and f'data-line="{max(1, a - 41)}"' not in html
    assert f'data-line="{len(lines)}"' in html
    # its words in the reader's language; the link named by its host, the same in both
    assert f"(lines {max(1, a - 40)}-{len(lines)} of {len(lines)})" in html and "github.com ↗" in html
    zh = view_source(fixture_index, "go1.27.3", "src/runtime/chan.go", a, b, lang="zh")
    assert f"（第 {max(1, a - 40)}-{len(lines)} 行，共 {len(lines)} 行）" in zh and "lines" not in zh.split("</div>")[0]


def test_a_line_past_the_end_of_the_file_is_said_not_silently_replaced(fixture_index):
    n = len(fixture_index.file_lines("go1.27.3", "src/runtime/chan.go") or [])
    html = view_source(fixture_index, "go1.27.3", "src/runtime/chan.go", 99999, 99999)
    assert f"Line 99999 is past the end of the file ({n} lines)" in html and f'data-line="{n}"' in html
    zh = view_source(fixture_index, "go1.27.3", "src/runtime/chan.go", 99999, 99999, lang="zh")
    assert f"第 99999 行超出了文件末尾（共 {n} 行）" in zh
    assert "past the end" not in view_source(fixture_index, "go1.27.3", "src/runtime/chan.go", n, n)


def test_a_line_before_the_first_is_said_not_silently_replaced(fixture_index):
    for a in (0, -5):
        html = view_source(fixture_index, "go1.27.3", "src/runtime/chan.go", a, a)
        assert "Lines are numbered from 1: line 1 is shown." in html and 'data-line="1"' in html
    zh = view_source(fixture_index, "go1.27.3", "src/runtime/chan.go", 0, 0, lang="zh")
    assert "行号从 1 开始" in zh
    assert "numbered from 1" not in view_source(fixture_index, "go1.27.3", "src/runtime/chan.go", 1, 1)


def test_answering_model_line_in_the_readers_language(fixture_index):
    app = GuideApp(fixture_index, llm="extractive")
    assert app.llm_line() == "**Answering model:** extractive (no language model)"
    assert app.llm_line("zh") == "**回答模型**：摘录式（未使用语言模型）"  # bold closes before the colon


def test_viewer_asm_and_design_doc(fixture_index):
    asm = view_source(fixture_index, "go1.27.3", "src/runtime/asm_amd64.s", 9, 12)
    assert "gg-hl" in asm and "rt0_go" in asm
    doc = view_source(fixture_index, "design", DESIGN, 1, 9)
    assert '<div class="gg-doc">' in doc and "<h1>" in doc
    assert "<script" not in doc.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in doc


@pytest.mark.parametrize(
    ("version", "path"),
    [
        ("go1.27.3", "../../etc/passwd"),
        ("go1.27.3", "/etc/passwd"),
        ("go1.27.3", "src/runtime/../../../../etc/passwd"),
        ("go1.27.3", "src/runtime/nosuch.go"),
        ("go1.27.3", "src/net/http/server.go"),  # in the repository, not in the index
        ("go1.99.1", "src/runtime/chan.go"),
        ("../go1.27.3", "src/runtime/chan.go"),
    ],
)
def test_viewer_refuses_paths_not_in_the_index(fixture_index, version, path):
    html = view_source(fixture_index, version, path, 1, 5)
    assert "not in the index" in html
    assert "root:" not in html and "gg-code" not in html


def test_viewer_bad_requests(fixture_index):
    app = GuideApp(fixture_index)
    assert "Not a valid source request" in app.open_card({"version": "go1.27.3", "file": "x.go", "start": "a"})
    assert "Not a valid source request" in app.open_card(None)
    assert "Not a valid source request" in app.open_card({"version": 1, "file": ["x"]})
    ok = app.open_card({"version": "go1.27.3", "file": "src/runtime/chan.go", "start": 10_000, "end": 20_000})
    assert "gg-hl" in ok  # clamped to the file
    typed = app.open_typed("go1.27.3", " src/runtime/chan.go ", "20-22")
    assert 'id="gg-cited" data-line="20"' in typed
    for before_line_1 in ("-5", "0"):  # said, not silently line 1
        assert "numbered from 1" in app.open_typed("go1.27.3", "src/runtime/chan.go", before_line_1)
    typed = app.open_typed("go1.27.3", "src/runtime/chan.go", "abc")  # no number at all: said as such (trial 6)
    assert "“abc” is not a line number" in typed and "numbered from 1" not in typed
    assert "不是行号" in app.open_typed("go1.27.3", "src/runtime/chan.go", "abc", "zh")
    assert "numbered from 1" not in app.open_typed("go1.27.3", "src/runtime/chan.go", "")


def test_a_card_opens_in_its_answers_language(fixture_index):
    """A card carries the language of the answer it belongs to (``data-lang`` on its panel), and the viewer it opens
    speaks it whatever the browser's: an English browser asking in Chinese had Chinese cards and an English viewer
    ("(lines 1-95 of 956)", trial 38)."""
    from guide.citation import Citation
    from guide.language import Lang
    from guide.render.cards import citation_cards

    cit = Citation("go1.27.3", "src/runtime/chan.go", 20, 22, "runtime.hchan", "type", "u", "type hchan struct{}", n=1)
    assert 'data-lang="zh"' in citation_cards([cit], lang=Lang("zh"), turn=0)
    app = GuideApp(fixture_index)
    card = {"version": "go1.27.3", "file": "src/runtime/chan.go", "start": 20, "end": 22}
    assert "行，共" in app.open_card({**card, "lang": "zh"}, "en")
    assert "of" in app.open_card(card, "en") and "行，共" not in app.open_card(card, "en")
    assert "行，共" not in app.open_card({**card, "lang": "<script>"}, "en")  # only a language the page speaks


# -- compare, status -----------------------------------------------------------------------------------------------
def test_compare_produces_a_diff(fixture_index):
    app = GuideApp(fixture_index)
    summary, cards, diff, timeline = app.compare("forcePreemptNS", "go1.21.13", "go1.27.3", "unified")
    assert "forcePreemptNS" in summary and "go1.21.13" in summary
    assert "value of <code>forcePreemptNS</code>" in summary  # the chat's phrase, the name as code
    assert re.search(r'gg-d-del">-\s*forcePreemptNS = 10', diff)
    assert re.search(r'gg-d-add">\+\s*forcePreemptNS = 20', diff)
    assert cards.count('class="gg-card"') == 2 and "go1.21.13" in cards and "go1.27.3" in cards
    sbs = app.compare("forcePreemptNS", "go1.21.13", "go1.27.3", "side by side")[2]
    assert "gg-sbs" in sbs and "20 * 1000" in sbs and "10 * 1000" in sbs
    # the timeline: the symbol at each indexed release, each a card that opens it
    assert "forcePreemptNS" in timeline
    for tag in ("go1.21.13", "go1.27.3"):
        assert f'data-version="{tag}"' in timeline, tag


def test_compare_speaks_the_readers_language(fixture_index):
    """A Chinese browser gets the Compare tab's summary, cards, timeline and messages in Chinese: the same phrases as
    a Chinese answer in the chat (``change_phrases``), no English change words left."""
    app = GuideApp(fixture_index)
    summary, cards, _, timeline = app.compare("forcePreemptNS", "go1.21.13", "go1.27.3", "unified", "zh")
    assert "<code>forcePreemptNS</code> 的值：<code>10 * 1000 * 1000</code> → <code>20 * 1000 * 1000</code>" in summary
    assert "value of" not in summary
    assert "定义" in cards and "Definitions" not in cards
    assert "时间线" in timeline and "Timeline" not in timeline
    assert "请输入符号" in app.compare("", None, None, lang="zh")[0]
    chan = app.compare("src/runtime/chan.go", "go1.21.13", "go1.27.3", "unified", "zh")[0]
    assert "个修改" in chan and " changed, " not in chan and "body changed" not in chan
    nothing = app.compare("zzqqxx", "go1.21.13", "go1.27.3", "unified", "zh")[1]  # no definition: no card
    assert "还没有引用。" in nothing and "No citations yet." not in nothing


def test_the_compare_viewer_follows_the_comparison_and_releases_go_oldest_first(fixture_index):
    """A new comparison opens its newer definition in the viewer (it showed the previous comparison's code until a
    card was clicked); releases picked newest first are compared oldest first, saying so; a file's status and "no
    difference" follow the reader's language."""
    app = GuideApp(fixture_index)
    *_, viewer = app.compare_view("forcePreemptNS", "go1.21.13", "go1.27.3")
    assert "gg-viewer" in viewer and "go1.27.3" in viewer and "forcePreemptNS" in viewer
    *_, other = app.compare_view("hchan", "go1.21.13", "go1.27.3")
    from guide.history.compare import compare

    right = compare(fixture_index, "hchan", "go1.21.13", "go1.27.3").right
    assert right is not None and f'data-start="{right.start_line}" data-end="{right.end_line}"' in other
    assert "src/runtime/chan.go" in other and "forcePreemptNS" not in other
    back = app.compare_view("forcePreemptNS", "go1.27.3", "go1.21.13")
    assert "Compared in release order: go1.21.13 → go1.27.3." in back[0]
    assert "go1.21.13 → go1.27.3" in back[0] and back[1:] == app.compare_view("forcePreemptNS", "go1.21.13",
                                                                            "go1.27.3")[1:]  # fmt: skip
    assert "Click a definition" in app.compare_view("", None, None)[4]
    assert app.release_order("go1.27.3", "go1.21.13") == ("go1.21.13", "go1.27.3")  # the pickers follow
    assert app.release_order("go1.21.13", "go1.27.3") == ("go1.21.13", "go1.27.3")
    same = app.compare_view("chansend", "go1.21.13", "go1.27.3", lang="zh")
    if "gg-notice" in same[2]:  # the fixture's chansend is identical at both releases
        assert "没有差别" in same[2] and "No difference" not in same[2]
    chan = app.compare("src/runtime/chan.go", "go1.21.13", "go1.27.3", "unified", "zh")[0]
    assert 'gg-status-changed">有修改<' in chan or 'gg-status-unchanged">未变<' in chan


def test_compare_errors_are_messages(fixture_index):
    app = GuideApp(fixture_index)
    unknown = app.compare("forcePreemptNS", "go1.99.1", "go1.27.3")
    assert "1.99.1 is not indexed" in unknown[0] and "go1.21.13, go1.27.3" in unknown[0], unknown[0]
    assert unknown[1:] == ("", "", "")  # no cards, no diff, no timeline for a release that is not there
    assert "Type a symbol" in app.compare("  ", None, None)[0]
    unchanged = app.compare("chansend", "go1.21.13", "go1.27.3")
    assert "identical" in unchanged[2] or "unchanged" in unchanged[0]


def test_a_release_named_in_the_compare_subject_is_used_or_said(fixture_index):
    """Trial 33: "go1.99 chan" in the Compare tab compared another definition at the chosen releases and said nothing
    of go1.99. A release the subject names that is not indexed is said, with the indexed ones; two named releases are
    the ones compared; the subject is compared without them."""
    app = GuideApp(fixture_index)
    summary = app.compare("forcePreemptNS go1.99", "go1.21.13", "go1.27.3")[0]
    assert "The subject names go1.99, which is not indexed (indexed releases: go1.21.13, go1.27.3)" in summary
    assert "20 * 1000" in summary  # forcePreemptNS compared at the chosen releases, and said so
    both = app.compare("forcePreemptNS between go1.21 and go1.27", "go1.27.3", "go1.27.3")[0]
    assert "Compared the releases the subject names: forcePreemptNS, go1.21.13 → go1.27.3." in both
    assert "10 * 1000" in both
    zh = app.compare("go1.99 的 forcePreemptNS", "go1.21.13", "go1.27.3", lang="zh")[0]
    assert "比较对象里写了 go1.99，它未被索引" in zh and "The subject" not in zh
    assert "请输入符号" in app.compare("go1.21", "go1.21.13", "go1.27.3", lang="zh")[0]  # only a release: no subject
    assert "The subject names" not in app.compare("forcePreemptNS in go1.27", "go1.21.13", "go1.27.3")[0]


def test_status(fixture_index):
    text = GuideApp(fixture_index).status()
    for s in ("go1.21.13", "go1.27.3", "design", "hash", "Chunks", "Background embedding", "extractive"):
        assert s in text, s
    assert str(fixture_index.settings.data_dir.resolve()) in text
    zh = GuideApp(fixture_index).status("zh")  # a Chinese reader's panel: its words in Chinese, the values the same
    for s in ("### 索引", "**已存储的块:**", "**后台嵌入:**", "| 版本 | 仓库 | 提交 |", "摘录式", "go1.27.3"):
        assert s in zh, s
    assert "Chunks stored" not in zh and "Background embedding" not in zh


def test_embedding_progress_in_each_language() -> None:
    """Where background embedding stands reads in the reader's language with the same figures: the Chinese words
    have every key and placeholder of the English ones (ingest.background.EMBED_WORDS)."""
    import string

    from guide.texts import TEXTS
    from ingest.background import EMBED_WORDS, EmbedStatus

    def fields(text: str) -> set[str]:
        return {f for _, f, _, _ in string.Formatter().parse(text) if f}

    for key, english in EMBED_WORDS.items():
        assert fields(TEXTS["zh"][key]) == fields(english), key
    going = EmbedStatus(True, 10, 130, 1.0, None)
    assert "10/130" in going.text() and "about 2 min left" in going.text() and going.text() == going.message
    zh = going.text({**EMBED_WORDS, **TEXTS["zh"]})
    assert "已嵌入 10/130" in zh and "约剩 2 分钟" in zh and "embedded" not in zh


def test_status_says_what_each_count_counts():
    """Stored chunks (a file identical in several releases stored once) vs. the releases' chunks (counted in each):
    the labels say which is which and give the releases' sum; embedded + generated + waiting = stored."""
    status = {
        "chunks_total": 55372, "chunks_embedded": 41601, "chunks_generated": 13771, "chunks_to_embed": 0,
        "symbols": 73723,
        "tags": [
            {"tag": "go1.21.13", "repo": "go", "commit": "67e1401590ad", "files": 1308, "chunks": 24730,
             "unique_chunks": 22263},
            {"tag": "go1.27.3", "repo": "go", "commit": "21e89e1844ff", "files": 1545, "chunks": 31080,
             "unique_chunks": 28613},
            {"tag": "design", "repo": "proposal", "commit": "7adebeb63540", "files": 116, "chunks": 2029,
             "unique_chunks": 2029},
        ],
    }  # fmt: skip
    text = status_markdown(status, location="/data", model="m", llm="extractive", embed_message="done")
    assert "**Chunks stored:** 55,372" in text and "add up to 57,839" in text
    assert "41,601" in text and "13,771 from generated files" in text and "0 waiting to be embedded" in text
    assert "Chunks in the release" in text and "Chunks in no other release" in text
    assert "| 24,730 | 22,263 |" in text
    assert "total," not in text  # the old "55372 total" that the table's sum contradicted


def test_compare_timeline_follows_the_resolved_definition(fixture_index):
    """A subject in plain words is compared as the definition it resolves to; the timeline follows that definition
    (its qualified name), never the words typed, and is left out when nothing was resolved."""
    app = GuideApp(fixture_index)
    summary, _, _, timeline = app.compare("how are channels implemented", "go1.21.13", "go1.27.3")
    assert "runtime.hchan" in summary
    assert "Timeline of runtime.hchan across" in timeline and "how are channels" not in timeline
    assert timeline.count('data-version="go1.21.13"') == 1 and "absent" not in timeline
    hmap = app.compare("hmap", "go1.21.13", "go1.27.3")[3]  # removed, replaced: both timelines
    assert "Timeline of runtime.hmap" in hmap and "Timeline of internal/runtime/maps.Map" in hmap
    assert "added between go1.21.13 and go1.27.3" in hmap
    words = app.compare("the map implementation", "go1.21.13", "go1.27.3")[3]
    assert "the map implementation" not in words and "is not defined in" not in words
    assert app.compare("trace2Buf", "go1.21.13", "go1.27.3")[3] == ""  # resolved to nothing: no timeline


def test_compare_a_file_is_rendered_not_dumped(fixture_index):
    """A file comparison: its per-definition changes as HTML (names as code, no literal Markdown), and a timeline of
    the file that shows it present where it is."""
    app = GuideApp(fixture_index)
    summary, cards, diff, timeline = app.compare("src/runtime/proc.go", "go1.21.13", "go1.27.3")
    assert "<pre" not in summary and "&#96;" not in summary and "`" not in summary
    assert "compared definition by definition" in diff  # the diff pane says why it holds no diff (trial 35)
    assert "<code>src/runtime/proc.go</code>" in summary and "1 changed, 0 added, 0 removed, 4 unchanged" in summary
    assert "<li><code>runtime.forcePreemptNS</code> <span class=gg-kind>const</span> line 16, at both: " in summary
    value = "value of <code>forcePreemptNS</code>: <code>10 * 1000 * 1000</code> → <code>20 * 1000 * 1000</code>"
    assert value in summary
    assert "Timeline of src/runtime/proc.go" in timeline and "absent" not in timeline
    for tag in ("go1.21.13", "go1.27.3"):
        assert f'data-version="{tag}" data-path="src/runtime/proc.go"' in timeline
    assert "changed between go1.21.13 and go1.27.3" in timeline
    assert 'class="gg-card"' in cards
    removed = app.compare("src/runtime/map.go", "go1.21.13", "go1.27.3")
    assert "removed: <code>runtime.hmap</code>" in removed[0]
    assert re.search(r"go1\.27\.3</span> absent", removed[3]) and "removed between go1.21.13 and go1.27.3" in removed[3]


def test_compare_notes_show_code_not_backticks(fixture_index):
    summary = GuideApp(fixture_index).compare("hmap", "go1.21.13", "go1.27.3")[0]
    assert "<code>internal/runtime/maps.Map</code>" in summary  # the successor note's `name`
    assert "&#96;" not in summary and "`" not in summary
    assert "<code>make run</code>" in notice("build it with `make run`, then reload")


# -- first run (no index) ------------------------------------------------------------------------------------------
def test_no_index_first_run_message(tmp_path, monkeypatch):
    from settings import get_settings

    monkeypatch.setenv("GOGUIDE_DATA_DIR", str(tmp_path))
    get_settings.cache_clear()
    app = GuideApp(None, settings=get_settings())
    assert app.index is None
    text = run_chat(app, "does a channel take a lock?")[-1][1][-1]["content"]
    assert "No index yet" in text and "make run" in text and "python -m ingest" in text
    assert "make run" in app.status()
    assert "make run" in app.compare("hchan", None, None)[0]
    assert "no index yet" in app.open_card({"version": "go1.27.3", "file": "src/runtime/chan.go"}).lower()


def test_build_app_without_and_with_index(tmp_path, monkeypatch, fixture_index):
    import app as app_module
    from settings import get_settings

    demo = app_module.build_app(fixture_index)
    names = {d.get("api_name") for d in demo.config["dependencies"]}
    assert {"chat", "compare", "status", "open_source"} <= names
    monkeypatch.setenv("GOGUIDE_DATA_DIR", str(tmp_path))
    get_settings.cache_clear()
    empty = app_module.build_app(None, settings=get_settings())
    assert "No index yet" in str(empty.config)


def test_auth_from_env():
    from app import auth_from_env

    assert auth_from_env("") is None
    assert auth_from_env("ann:s3:cret") == ("ann", "s3:cret")
    with pytest.raises(SystemExit):
        auth_from_env("nopassword")


def test_import_has_no_side_effects():
    code = "import sys, app; assert 'gradio' not in sys.modules, 'gradio imported'; print('ok')"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


# -- the user's text is inert, long questions are cut with a note -------------------------------------------------
HOSTILE = [
    "`<img src=x onerror=alert(1)>``",
    "``a` <b>bold</b> `",
    "<a href=javascript:alert(1)>x</a>",
    "[link](javascript:alert(1)) ![img](http://evil/x.png) http://evil.example www.evil.example a@evil.example",
    "```\n<script>alert(1)</script>",
    "# heading\n- item\n1. one\n> quote\n    code <i>x</i>",
    "*em* **strong** _u_ ~~s~~ ${alert(1)} {{constructor}} \\`<u>x</u>`",
]


def _render(markdown: str) -> str:
    """What a Markdown renderer with raw HTML enabled (CommonMark, tables, strikethrough) makes of it."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).render(markdown)


@pytest.mark.parametrize("text", HOSTILE)
def test_echoed_question_is_inert(text):
    html = _render(user_text(text))
    # no element but the paragraph, line breaks and the code box of a fence
    assert not re.search(r"<(?!/?(p|br|em|pre|code)\b)[a-z]", html), html


def test_pasted_code_is_shown_as_written_in_a_code_box():
    """A ```go fence in a question was shown with its backticks and without its indentation (fresh-eyes trial)."""
    code = "func (c *Cache) Get(k string) *entry {\n\tc.mu.Lock()\n    return c.m[k] // <b>\n}"
    q = f"Here is my code:\n\n```go\n{code}\n```\n\nWhy?"
    html = _render(user_text(q))
    assert html.count("<pre><code>") == 1 and "```" not in html and "<b>" not in html
    shown = html.split("<pre><code>", 1)[1].split("</code></pre>", 1)[0]
    import html as html_lib

    assert html_lib.unescape(shown) == code
    assert "Why?" in html.split("</pre>", 1)[1] and "my code" in html.split("<pre>", 1)[0]
    assert user_text("no fence here: `x`") == _inert_reference("no fence here: `x`")


def test_a_pasted_crash_log_is_shown_as_written_in_a_code_box():
    """Trial 74: a pasted net/http crash lost its tabs and filled the screen in the prose font. A run of crash-log
    lines holding a frame's file line is shown in a code box as written; prose around it stays prose, and a line of
    prose that looks like a call ("it printed foo(1)") is no log."""
    log = "fatal error: concurrent map writes\n\ngoroutine 7 [running]:\nmain.handle(0xc0000a0)\n\t/app/s.go:10 +0x1d"
    html = _render(user_text(f"Our service crashed:\n{log}\n\nWhy?"))
    assert html.count("<pre><code>") == 1 and "Why?" in html.split("</pre>", 1)[1], html
    import html as html_lib

    assert html_lib.unescape(html.split("<pre><code>", 1)[1].split("</code></pre>", 1)[0]).rstrip("\n") == log
    assert "<pre>" not in _render(user_text("Why does this happen?\nI wrote main.go and it printed foo(1)"))


def test_a_follow_up_of_a_pasted_log_names_the_question_not_the_log_s_tail():
    """Trial 75: "代码在哪里？" after a pasted crash log said it read as a follow-up of the log's last 300
    characters, cut mid-token. The prose around a log is what the question is; text without a log is as written."""
    from guide.pasted import prose_of

    log = "fatal error: concurrent map writes\n\ngoroutine 7 [running]:\nmain.handle(0xc0000a0)\n\t/app/s.go:10 +0x1d"
    assert prose_of(f"我们线上服务崩了：\n{log}\n为什么不是 panic？") == "我们线上服务崩了：\n为什么不是 panic？"
    assert prose_of("How does select work?") == "How does select work?" and prose_of(log) == log


def _inert_reference(text: str) -> str:
    return "".join(f"&#{ord(c)};" if c in "&<>\"'`\\*_{}[]()#+-.!|~:$=@^" else c for c in text)


@pytest.mark.parametrize("text", HOSTILE)
def test_answer_markdown_never_lets_html_through(text):
    """Answers may quote the question; whatever CommonMark reads as code stays code, the rest is escaped."""
    html = _render(chat_markdown(text))
    tags = re.findall(r"<([a-z][a-z0-9]*)", html)
    assert set(tags) <= {"p", "code", "pre", "em", "strong", "h1", "ul", "ol", "li", "blockquote", "s", "a", "br"}
    assert "<img" not in html and "<script" not in html and "<b>" not in html and "<i>" not in html


def test_chat_echo_of_a_hostile_question(fixture_index):
    app = GuideApp(fixture_index)
    q = "does a channel take a lock? `<img src=x onerror=alert(1)>`` <b>x</b>"
    bubble = run_chat(app, q)[0][1][0]["content"]
    assert "<img" not in bubble and "<b>" not in bubble and "`" not in bubble
    assert bubble == user_text(q)


def test_long_question_is_shown_cut_with_a_note(fixture_index):
    app = GuideApp(fixture_index)
    q = "does a channel take a lock? " + "x" * 20_000
    steps = run_chat(app, q)
    bubble = steps[0][1][0]["content"]
    assert len(bubble) < 2_300
    assert "20,028 characters" in bubble and "first 2,000" in bubble
    final = steps[-1][1][-1]["content"]
    assert "2000" in final or "2,000" in final  # the answer says only part was read
    zh = user_text("我们线上服务崩了，下面是日志：" + "x" * 5_000)  # in the question's language (trial 73)
    assert "（问题过长，共 5015 个字符，这里显示并使用前 2000 个）" in zh and "shortened" not in zh


def test_new_conversation_resets_everything_including_the_release_picker(fixture_index):
    chat, cards, pairs, viewer, versions = GuideApp(fixture_index).clear()
    assert chat == [] and pairs == [] and versions == []
    assert "No citations yet" in cards and "Click a citation card" in viewer


def test_missing_vectors_and_design_docs_are_said_in_chat_and_status(clean_data, tmp_path, monkeypatch):
    import shutil
    import sqlite3

    from settings import get_settings
    from tests import damage

    data = damage.copy_data(clean_data, tmp_path / "data")
    damage.use(data, monkeypatch)
    shutil.rmtree(data / "chroma")
    conn = sqlite3.connect(data / "index.sqlite")
    conn.execute("DELETE FROM tags WHERE repo='proposal'")  # as a sync without the design documents leaves it
    conn.commit()
    conn.close()
    app = GuideApp(None, settings=get_settings())
    first = run_chat(app, "does a channel take a lock?")
    text = first[-1][1][-1]["content"]
    assert "vectors are missing" in text and "python -m ingest" in text
    assert "design documents are not indexed" in text and "GOGUIDE_PROPOSAL_DIR" in text
    follow = run_chat(app, "and in go1.21.13?", pairs=first[-1][3], messages=first[-1][1])
    assert "design documents" not in follow[-1][1][-1]["content"]  # said once per conversation
    status = app.status()
    assert "### Missing" in status and "vectors are missing" in status and "design documents" in status
    assert not (data / "chroma").exists()


# -- login and exposure --------------------------------------------------------------------------------------------
def test_login_attempts_are_rate_limited():
    from app import LoginGuard

    now = [0.0]
    guard = LoginGuard("ann", "s3cret", limit=3, window=60, clock=lambda: now[0])
    assert guard("ann", "s3cret")
    for _ in range(3):
        assert not guard("ann", "wrong")
    assert not guard("ann", "s3cret")  # locked out: even the right password is refused for now
    assert guard.refused == 1
    now[0] += 61
    assert guard("ann", "s3cret")  # the window passed
    for i in range(12):  # guessing across names trips the global limit
        guard(f"user{i}", "x")
    assert not guard("ann", "s3cret")


def test_exposure_warning():
    from app import exposure_warning

    assert exposure_warning("127.0.0.1", None) is None
    assert exposure_warning("::1", None) is None
    assert exposure_warning("localhost", None) is None
    assert exposure_warning("0.0.0.0", object()) is None
    warning = exposure_warning("0.0.0.0", None)
    assert warning and "GOGUIDE_AUTH" in warning and "0.0.0.0" in warning


def test_app_launch_settings(monkeypatch, fixture_data_dir, capsys):
    import gradio as gr

    import app as app_module
    from settings import get_settings

    calls: list[dict] = []
    monkeypatch.setattr(gr.Blocks, "launch", lambda self, **k: calls.append(k))
    monkeypatch.setenv("GOGUIDE_DATA_DIR", str(fixture_data_dir))
    monkeypatch.setenv("GOGUIDE_EMBEDDING__MODEL", "hash")
    get_settings.cache_clear()
    assert app_module.main(["--host", "0.0.0.0", "--no-embed", "--no-warm-up"]) == 0
    assert "without a login" in capsys.readouterr().err
    assert calls[-1]["max_file_size"] == 0 and calls[-1]["auth"] is None
    assert calls[-1]["state_session_capacity"] == app_module.SESSIONS_KEPT <= 1000  # bounded memory per visitor
    monkeypatch.setenv("GOGUIDE_AUTH", "ann:pw")
    get_settings.cache_clear()
    assert app_module.main(["--host", "0.0.0.0", "--no-embed", "--no-warm-up"]) == 0
    assert "without a login" not in capsys.readouterr().err
    assert isinstance(calls[-1]["auth"], app_module.LoginGuard)


def test_pointer_receivers_are_not_emphasis():
    html = _render(chat_markdown("**types2.(*graphNode).cost** calls `(*p).runqput` and runtime.(*mheap).alloc"))
    assert "<em>" not in html
    assert "types2.(*graphNode).cost" in html and "runtime.(*mheap).alloc" in html
    assert "<code>(*p).runqput</code>" in html


def test_a_tilde_is_no_strikethrough():
    """ "costs ~5.2 ns ... at worst ~6 ns" was struck through and its citation's link broken (trial 12); in code a
    tilde stays as written."""
    md = chat_markdown("It costs ~5.2 ns per write, at worst ~6 ns [1]; see `x ~= y`.", turn=1)
    # the chat's renderer (marked, GFM) strikes through between single tildes: each is escaped outside code
    assert "\\~5.2 ns" in md and "\\~6 ns" in md and "`x ~= y`" in md
    html = _render(md)
    assert "~5.2 ns" in html and "~6 ns" in html and "<code>x ~= y</code>" in html


def test_a_go_doc_link_before_parentheses_is_no_markdown_link():
    """time.After's doc comment, quoted: "It is equivalent to [NewTimer](d).C." read "NewTimer.C", a link to "d"
    (trial 72); it reads as written, and the citation marker after it still links to its card."""
    md = chat_markdown("“It is equivalent to [NewTimer](d).C.” (time.After) [1]", turn=1)
    html = _render(md)
    assert 'href="d"' not in html and "[NewTimer](d).C." in html
    assert 'href="#gg-cite-1-1"' in html


def test_gradio_server_variables_give_the_default_address(monkeypatch):
    """GRADIO_SERVER_PORT and GRADIO_SERVER_NAME (Gradio's own variables) are the defaults; --port and --host win."""
    import app

    monkeypatch.setenv("GRADIO_SERVER_PORT", "7871")
    monkeypatch.setenv("GRADIO_SERVER_NAME", "127.0.0.2")
    args = app.parse_args([])
    assert (args.host, args.port) == ("127.0.0.2", 7871)
    assert app.parse_args(["--port", "7000"]).port == 7000
    monkeypatch.delenv("GRADIO_SERVER_PORT")
    monkeypatch.delenv("GRADIO_SERVER_NAME")
    args = app.parse_args([])
    assert (args.host, args.port) == ("127.0.0.1", 7860)


def test_warnings_under_a_chinese_answer_are_in_chinese_and_their_code_shows_as_written() -> None:
    """What the citation check removed, said in the question's language; a code span in a warning is shown as it is
    (no backslash before its underscores), the rest of the warning is never markup."""
    from types import SimpleNamespace

    from guide.render.html import answer_footer

    warnings = [
        "removed citation [2]: quoted `compiler_bootstrap` does not occur in src/cmd/compile/internal/base/b.go:11-11",
        "dropped a quotation no cited source holds: Each channel has a `lock(&c.lock)` …",
        "the language model failed (ConnectError: refused); showing the extractive answer",
    ]
    ans = SimpleNamespace(
        question="channel 会加锁吗？", llm="extractive", versions=["go1.27.3"], citations=[1], grounded=True,
        seconds=0.1, warnings=warnings,
    )  # fmt: skip
    footer = answer_footer(ans)
    assert "已移除引用 [2]：引用的 `compiler_bootstrap` 不在 src/cmd/compile/internal/base/b.go:11-11 中" in footer
    assert "已删除一句引文（所引来源中没有这段文字）：Each channel has a `lock(&c.lock)` …" in footer
    assert "语言模型出错（ConnectError: refused），改为显示摘录式回答" in footer
    assert "removed citation" not in footer and "compiler\\_bootstrap" not in footer
    english = answer_footer(SimpleNamespace(**{**vars(ans), "question": "does a channel take a lock?"}))
    assert (
        "> removed citation [2]: quoted `compiler_bootstrap` does not occur in src/cmd/compile/internal/base/b.go"
        in english
    )


def test_a_line_the_answer_names_links_to_that_line():
    """ "Where is that in the code?" said "line 222 `lock(&c.lock)`" and its card opened chansend at its first line
    (trial 14): a line named beside one source's marker links to that line of it, in English and Chinese; a line
    outside the source, or beside two sources' markers, links nowhere."""
    from guide.citation import Citation

    src = Citation("go1.27.3", "src/runtime/chan.go", 176, 310, "runtime.chansend", "func", "", "", n=1)
    other = Citation("go1.27.3", "src/runtime/chan.go", 524, 686, "runtime.chanrecv", "func", "", "", n=2)
    md = chat_markdown("- **runtime.chansend** (src/runtime/chan.go:176-310) [1]: line 222 `lock(&c.lock)`", 3, [src])
    assert "[line 222](#gg-cite-3-1~go1.27.3~src/runtime/chan.go~222~222)" in md
    assert "[\\[1\\]](#gg-cite-3-1~go1.27.3~src/runtime/chan.go~176~310)" in md  # the marker opens the whole card
    zh = chat_markdown("- **runtime.chansend** [1]：第 225 行 `unlock(&c.lock)`", 0, [src])
    assert "[第 225 行](#gg-cite-0-1~go1.27.3~src/runtime/chan.go~225~225)" in zh
    assert "](#" not in chat_markdown("line 999 [1]", 0, [src]).replace("[\\[1\\]](#", "")  # not in the source
    both = chat_markdown("line 222 [1] and [2]", 0, [src, other])
    assert "[line 222]" not in both
    assert "[line 222]" not in chat_markdown("line 222 [1]", None, [src])  # no turn, no links
    span = chat_markdown("- `unlock(&c.lock)` — “Unlock it.” (runtime.chansend, lines 222-225) [1]", 3, [src])
    assert "[lines 222-225](#gg-cite-3-1~go1.27.3~src/runtime/chan.go~222~225)" in span  # a comment and its code
    assert "[第 222-225 行](#gg-cite-0-1~" in chat_markdown("（runtime.chansend，第 222-225 行）[1]", 0, [src])
    assert "](#" not in chat_markdown("lines 300-320 [1]", 0, [src]).replace("[\\[1\\]](#", "")  # past its end
