"""The Gradio layout: Chat (with citation cards and the source viewer), Compare, Tours, Status."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Literal

import gradio as gr

from guide.language import ENGLISH, Lang
from guide.render.cards import citation_cards
from guide.render.html import notice
from guide.render.tour_html import button_labels
from guide.render.viewer import pygments_css
from webui.callbacks import EXAMPLES, KEEP, GuideApp, first_run_message
from webui.i18n import TITLE, UI, WORDS, accept_language, request_language
from webui.scripts import ANSWER_TOP_JS, CARDS_JS, CHAT_CARDS_JS, STEPS_JS, VIEWER_JS
from webui.sessions import AskedSessions
from webui.tours import (
    LANGUAGES,
    VIEWER_HINT,
    TourState,
    ToursView,
    browser_language,
    default_tour,
    tour_choices,
)

CSS_FILE = Path(__file__).with_name("static.css")
WEB_ONLY: Literal["undocumented"] = "undocumented"
"""The page's own endpoints stay callable (gradio_client) but are not listed, so that the API page and the MCP
server list only the tools made for programs (webui/mcp_tools.py), not HTML-returning callbacks with session state."""


def css() -> str:
    return CSS_FILE.read_text(encoding="utf-8") + "\n" + pygments_css()


def theme() -> gr.themes.Base:
    # system fonts only: the page must not fetch anything from the internet
    return gr.themes.Default(
        font=["ui-sans-serif", "system-ui", "-apple-system", "Segoe UI", "sans-serif"],
        font_mono=["ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "monospace"],
    )


def _cards(elem_id: str, value: str | None = None, js: str = CARDS_JS) -> gr.HTML:
    return gr.HTML(
        citation_cards([]) if value is None else value, elem_id=elem_id, js_on_load=js, apply_default_css=False
    )


def _viewer(elem_id: str, text: str, value: str | None = None) -> gr.HTML:
    return gr.HTML(
        notice(text) if value is None else value, elem_id=elem_id, js_on_load=VIEWER_JS, apply_default_css=False
    )


def _card_opener(app: GuideApp) -> Callable[[gr.EventData, gr.Request], str]:
    """The handler of a click on a citation card: the source it names, opened in the viewer (checked again)."""

    def open_card(evt: gr.EventData, request: gr.Request) -> str:
        return app.open_card(getattr(evt, "_data", None), request_language(request))

    return open_card


def _tours_tab(demo: gr.Blocks, app: GuideApp, no_index: bool) -> None:
    """The Tours tab: a tour, a release and a language picked; the tour's steps (click to select, Previous/Next);
    beside them the selected step's citation and annotation, the viewer at its lines and its timeline."""
    view = ToursView(app)
    choices = tour_choices()
    first = default_tour()
    covered, tag, state = view.pick(first, None)
    with gr.Tab(UI("tab_tours"), id="tours"):
        with gr.Row():
            t_tour = gr.Dropdown(choices=choices, value=first, label=UI("tour"), elem_id="gg-tour", scale=3)
            t_release = gr.Dropdown(
                choices=covered, value=tag or None, label=UI("tour_release"), info=UI("tour_release_info"),
                elem_id="gg-tour-release", scale=1,
            )  # fmt: skip
            t_lang = gr.Radio(
                list(LANGUAGES), value=LANGUAGES[0], label=UI("annotations"), elem_id="gg-tour-lang", scale=1
            )
        t_head = gr.HTML(state.header, elem_id="gg-tour-head", apply_default_css=False)
        with gr.Row(equal_height=False):
            with gr.Column(scale=4):
                t_steps = gr.HTML(state.steps, elem_id="gg-tour-steps", js_on_load=STEPS_JS, apply_default_css=False)
                with gr.Row():
                    back, on = button_labels(False)
                    t_prev = gr.Button(back, elem_id="gg-tour-prev", min_width=80, interactive=state.can_go_back)
                    t_next = gr.Button(on, elem_id="gg-tour-next", min_width=80, interactive=state.can_go_on)
                t_changes = _cards("gg-tour-changes", state.changes)
            with gr.Column(scale=5):
                t_panel = _cards("gg-tour-step", state.panel)
                t_viewer = _viewer("gg-tour-viewer", VIEWER_HINT, state.viewer)
        t_step = gr.State(state.selected)
    shown = [t_head, t_steps, t_panel, t_viewer, t_changes, t_step, t_prev, t_next]
    picked = [t_tour, t_release, t_lang]

    def _out(st: TourState, lang: Any) -> tuple[Any, ...]:
        """The tab's outputs, Previous and Next enabled only where they lead to a step, labelled in the
        annotations' language."""
        back, on = button_labels(lang == LANGUAGES[1])
        return (
            *st.outputs(),
            gr.update(value=back, interactive=st.can_go_back),
            gr.update(value=on, interactive=st.can_go_on),
        )

    def _pick(tour_id: Any, release: Any, lang: Any) -> tuple[Any, ...]:
        rel, chosen, st = view.pick(tour_id, release, lang)
        return (gr.update(choices=rel, value=chosen or None), *_out(st, lang))

    def _show(tour_id: Any, release: Any, lang: Any, step: Any) -> tuple[Any, ...]:
        return _out(view.show(tour_id, release, lang, step), lang)

    def _previous(tour_id: Any, release: Any, lang: Any, step: Any) -> tuple[Any, ...]:
        return _out(view.move(tour_id, release, lang, step, -1), lang)

    def _next(tour_id: Any, release: Any, lang: Any, step: Any) -> tuple[Any, ...]:
        return _out(view.move(tour_id, release, lang, step, +1), lang)

    def _select(tour_id: Any, release: Any, lang: Any, evt: gr.EventData) -> tuple[Any, ...]:
        return _out(view.select(tour_id, release, lang, getattr(evt, "_data", None)), lang)

    def _language(tour_id: Any, release: Any, lang: Any, step: Any, **picked: Any) -> tuple[Any, ...]:
        """The annotations, the tour titles, the buttons and the pickers' labels in the language picked (trial 104:
        the labels had stayed in the browser's language)."""
        words = WORDS[1] if lang == LANGUAGES[1] else WORDS[0]
        return (
            gr.update(choices=tour_choices(lang), value=tour_id, label=words["tour"]),
            gr.update(label=words["tour_release"], info=words["tour_release_info"]),
            gr.update(label=words["annotations"], **picked),
            *_show(tour_id, release, lang, step),
        )

    def _reader(tour_id: Any, release: Any, step: Any, request: gr.Request) -> tuple[Any, ...]:
        """On opening the page: the tab in the browser's language (Accept-Language), Chinese or English."""
        lang = browser_language(accept_language(request))
        return _language(tour_id, release, lang, step, value=lang)

    private: dict[str, Any] = {"api_visibility": "private"}

    def _open_card(lang: Any, evt: gr.EventData) -> str:  # the viewer's words in the annotations' language
        return app.open_card(getattr(evt, "_data", None), "zh" if lang == LANGUAGES[1] else "en")

    t_tour.input(_pick, picked, [t_release, *shown], **private)
    t_release.input(_show, [*picked, t_step], shown, **private)
    t_lang.input(_language, [*picked, t_step], [t_tour, t_release, t_lang, *shown], **private)
    t_prev.click(_previous, [*picked, t_step], shown, **private)
    t_next.click(_next, [*picked, t_step], shown, **private)
    t_steps.click(_select, picked, shown, **private)
    t_panel.click(_open_card, [t_lang], t_viewer, concurrency_limit=None, **private)
    t_changes.click(_open_card, [t_lang], t_viewer, concurrency_limit=None, **private)
    if no_index:  # built before the index: the tab follows it once it is there
        demo.load(_pick, picked, [t_release, *shown], concurrency_limit=None, **private)
    else:
        demo.load(_reader, [t_tour, t_release, t_step], [t_tour, t_release, t_lang, *shown], concurrency_limit=None,
                  **private)  # fmt: skip


def build_blocks(app: GuideApp) -> gr.Blocks:
    releases = app.releases()
    all_versions = app.versions()
    no_index = app.current() is None
    with gr.Blocks(title=TITLE, analytics_enabled=False, fill_width=True) as demo:
        gr.Markdown(UI("title"), elem_id="gg-title")
        if no_index:
            gr.Markdown(app.unavailable() if app.problem else first_run_message(app.settings), elem_id="gg-first-run")
        with gr.Tabs():
            with gr.Tab(UI("tab_chat"), id="chat"):
                with gr.Row(equal_height=False):
                    with gr.Column(scale=5):
                        chatbot = gr.Chatbot(
                            elem_id="gg-chat",
                            label="Conversation",
                            show_label=False,  # its badge covered the first words of the answer at the top
                            height=560,
                            latex_delimiters=[],
                            sanitize_html=True,
                            render_markdown=True,
                            buttons=["copy"],
                            autoscroll=False,  # an answer's first lines are brought into view (ANSWER_TOP_JS)
                            feedback_options=None,
                            # Markdown, which Gradio's I18n does not reach: both languages
                            placeholder="Ask about the Go runtime or compiler — e.g. “does a channel take a lock?”"
                            "<br>询问 Go 运行时或编译器，例如“channel 发送数据会加锁吗？”",
                        )
                        with gr.Row():
                            msg = gr.Textbox(
                                elem_id="gg-question",
                                show_label=False,
                                placeholder=UI("follow_up"),
                                lines=1,
                                max_lines=6,
                                scale=8,
                                autofocus=True,
                            )
                            ask = gr.Button(UI("ask"), variant="primary", elem_id="gg-ask", scale=1, min_width=80)
                        with gr.Row():
                            versions = gr.Dropdown(
                                choices=releases,
                                value=[],
                                multiselect=True,
                                label=UI("releases"),
                                info=UI("releases_info"),
                                elem_id="gg-versions",
                                scale=3,
                            )
                            clear = gr.Button(UI("new_conversation"), elem_id="gg-clear", scale=1, min_width=80)
                        # its own line: the hint on enabling a better model is a sentence, not a column's width
                        llm_line = gr.Markdown(app.llm_line(), elem_id="gg-llm", padding=True)
                        gr.Examples(
                            examples=[[q] for q in EXAMPLES],
                            inputs=[msg],
                            label=UI("examples"),
                            examples_per_page=len(EXAMPLES),
                        )
                    with gr.Column(scale=4):
                        cards = _cards("gg-cards", js=CHAT_CARDS_JS)
                        viewer = _viewer("gg-viewer", ENGLISH.text("viewer_hint"))
                        with gr.Accordion(UI("open_file"), open=False, elem_id="gg-open"):
                            with gr.Row():
                                o_version = gr.Dropdown(
                                    choices=all_versions,
                                    value=releases[-1] if releases else None,
                                    label=UI("version"),
                                    allow_custom_value=True,
                                    elem_id="gg-open-version",
                                    scale=2,
                                )
                                o_path = gr.Textbox(  # the widest: a path did not fit ("src/runtime/chan.g o")
                                    label=UI("path"), placeholder="src/runtime/chan.go", elem_id="gg-open-path", scale=4
                                )
                                o_line = gr.Textbox(
                                    label=UI("lines"), placeholder=UI("lines_placeholder"), elem_id="gg-open-line",
                                    scale=1,
                                )  # fmt: skip
                            o_btn = gr.Button(UI("open"), elem_id="gg-open-btn")
                pairs = gr.State([])

                asked_here = AskedSessions()

                def _chat(message: Any, messages: Any, chosen: Any, said: Any, request: gr.Request) -> Iterator[Any]:
                    asked_here.asked(request.session_hash)
                    for box, *rest in app.chat(message, messages, chosen, said, request_language(request)):
                        yield (gr.skip() if box is KEEP else box, *rest)  # what is typed meanwhile stays

                chat_io: dict[str, Any] = {
                    "fn": _chat,
                    "inputs": [msg, chatbot, versions, pairs],
                    "outputs": [msg, chatbot, cards, pairs],
                }
                # one event for Enter and Ask: a question asked while an answer streams, either way, is asked when it
                # is done (trial 113: dropped silently), never beside it on a half-written history
                asked = gr.on(
                    [msg.submit, ask.click], **chat_io, api_name="chat", api_visibility=WEB_ONLY,
                    trigger_mode="always_last",
                )  # fmt: skip
                asked.then(None, None, None, js=ANSWER_TOP_JS, api_visibility="private", queue=False)  # its top in view

                # a new question empties the viewer: a file from the last answer may be at another release
                def _hint(request: gr.Request) -> str:
                    return app.viewer_hint(request_language(request))

                def _clear(request: gr.Request) -> tuple[Any, ...]:
                    return app.clear(request_language(request))

                def _panes(request: gr.Request) -> tuple[Any, Any, str]:  # before any answer: the reader's language
                    lang = request_language(request)
                    if asked_here.has_asked(request.session_hash):  # late: the answer's cards and viewer stay
                        return gr.skip(), gr.skip(), app.llm_line(lang)
                    return (*app.empty_panes(lang), app.llm_line(lang))

                for trigger in (msg.submit, ask.click):
                    trigger(_hint, None, viewer, api_visibility="private", queue=False)
                cleared = [chatbot, cards, pairs, viewer, versions]
                clear.click(_clear, None, cleared, api_visibility="private", queue=False)
                demo.load(_panes, None, [cards, viewer, llm_line], api_visibility="private", queue=False)

                _open_card = _card_opener(app)
                cards.click(_open_card, None, viewer, api_visibility="private", concurrency_limit=None)

                def _open_typed(version: Any, path: Any, line: Any, request: gr.Request) -> str:
                    return app.open_typed(version, path, line, request_language(request))

                o_btn.click(
                    _open_typed, [o_version, o_path, o_line], viewer, api_name="open_source", api_visibility=WEB_ONLY
                )

            with gr.Tab(UI("tab_compare"), id="compare"):
                with gr.Row():
                    c_sym = gr.Textbox(
                        label=UI("subject"),
                        placeholder="forcePreemptNS, hchan, runtime·rt0_go, src/runtime/chan.go",
                        elem_id="gg-cmp-symbol",
                        scale=3,
                    )
                    c_v1 = gr.Dropdown(
                        choices=releases, value=releases[0] if releases else None, label=UI("old_release"),
                        elem_id="gg-cmp-v1", scale=1,
                    )  # fmt: skip
                    c_v2 = gr.Dropdown(
                        choices=releases, value=releases[-1] if releases else None, label=UI("new_release"),
                        elem_id="gg-cmp-v2", scale=1,
                    )  # fmt: skip
                    c_layout = gr.Radio(
                        [(UI("diff_unified"), "unified"), (UI("diff_side"), "side by side")], value="unified",
                        label=UI("diff"), elem_id="gg-cmp-layout", scale=1,
                    )  # fmt: skip
                c_btn = gr.Button(UI("compare"), variant="primary", elem_id="gg-cmp-btn")
                with gr.Row(equal_height=False):
                    with gr.Column(scale=5):
                        c_summary = gr.HTML("", elem_id="gg-cmp-summary", apply_default_css=False)
                        c_diff = gr.HTML("", elem_id="gg-cmp-diff", apply_default_css=False)
                        c_timeline = _cards("gg-cmp-timeline", "")
                    with gr.Column(scale=4):
                        c_cards = _cards("gg-cmp-cards", "")
                        c_viewer = _viewer("gg-cmp-viewer", Lang("en").text("cmp_viewer_hint"))

                def _compare(symbol: Any, v1: Any, v2: Any, layout: Any, request: gr.Request) -> tuple[Any, ...]:
                    old, new = app.release_order(v1, v2)  # the pickers show the order compared
                    return (*app.compare_view(symbol, v1, v2, layout, request_language(request)), old, new)

                cmp_io: dict[str, Any] = {
                    "fn": _compare,
                    "inputs": [c_sym, c_v1, c_v2, c_layout],
                    "outputs": [c_summary, c_cards, c_diff, c_timeline, c_viewer, c_v1, c_v2],
                }
                c_btn.click(**cmp_io, api_name="compare", api_visibility=WEB_ONLY)
                c_sym.submit(**cmp_io, api_visibility="private")
                c_layout.change(**cmp_io, api_visibility="private")

                def _open_cmp(evt: gr.EventData, request: gr.Request) -> str:
                    return app.open_card(getattr(evt, "_data", None), request_language(request))

                def _cmp_hint(request: gr.Request) -> str:  # before any comparison: in the reader's language
                    return notice(Lang(request_language(request)).text("cmp_viewer_hint"))

                demo.load(_cmp_hint, None, c_viewer, api_visibility="private", queue=False)
                c_cards.click(_open_cmp, None, c_viewer, api_visibility="private", concurrency_limit=None)
                c_timeline.click(_open_cmp, None, c_viewer, api_visibility="private", concurrency_limit=None)

            _tours_tab(demo, app, no_index)

            with gr.Tab(UI("tab_status"), id="status"):
                status = gr.Markdown(app.status(), elem_id="gg-status")
                refresh = gr.Button(UI("refresh"), elem_id="gg-status-refresh")

                def _status(request: gr.Request) -> str:  # in the reader's language
                    return app.status(request_language(request))

                refresh.click(_status, None, status, api_name="status", api_visibility=WEB_ONLY, concurrency_limit=None)
                timer = gr.Timer(10)
                timer.tick(
                    _status, None, status, api_visibility="private", concurrency_limit=None, show_progress="hidden"
                )
                demo.load(_status, None, status, api_visibility="private", concurrency_limit=None)

        def _choices() -> tuple[Any, Any, Any, Any]:
            """The release pickers as the index is now (releases added or dropped since the app started)."""
            rel, tags = app.releases(), app.versions()
            return (
                gr.update(choices=rel),
                gr.update(choices=tags),
                gr.update(choices=rel, value=rel[0] if rel else None),
                gr.update(choices=rel, value=rel[-1] if rel else None),
            )

        demo.load(_choices, None, [versions, o_version, c_v1, c_v2], api_visibility="private", concurrency_limit=None)
    return demo
