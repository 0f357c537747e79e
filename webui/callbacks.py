"""The web chat's callbacks, as plain Python over ``guide/`` (no Gradio here, so they are unit-testable).

Every callback returns text to show: errors (no index, unknown version, a model endpoint that is down) become
messages, never tracebacks.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from guide.answering import stream_answer
from guide.answering.llm import describe, resolve
from guide.history.timeline import Timeline, timeline
from guide.index import IndexMissingError, open_index
from guide.language import CHINESE, ENGLISH, Lang, question_language
from guide.render.cards import citation_cards
from guide.render.compare_html import timelines_html
from guide.render.html import answer_chat, chat_markdown, esc, notice, status_markdown, user_text
from guide.render.viewer import view_source
from guide.texts import TEXTS
from ingest.background import EMBED_WORDS
from ingest.errors import IndexProblem, explain
from webui.compare_tab import compare_view
from webui.errors import error_text, failure_text

if TYPE_CHECKING:
    from guide.index import GuideIndex
    from ingest.background import BackgroundEmbedder
    from settings import Settings

log = logging.getLogger(__name__)

KEEP = None
"""The textbox value of a chat step that leaves it as the reader has it (what they type while an answer streams);
the Gradio layout passes it on as ``gr.skip()``."""

FROM_QUESTION = "from the question"
BUILD_COMMAND = "make run"
BUILD_STEPS = "python -m corpus sync && python -m ingest"

EXAMPLES: list[str] = [
    "How is a Go program compiled and started? Is there a virtual machine?",
    "Go 程序是怎么编译和启动的？有虚拟机吗？",
    "Does a variable live on the stack or the heap? How does escape analysis decide?",
    "变量分配在栈上还是堆上？逃逸分析是怎么决定的？",
    "Goroutines vs OS threads: how are they scheduled, and can a goroutine move between threads?",
    "goroutine 和操作系统线程有什么区别？它们怎么调度？goroutine 会在线程之间迁移吗？",
    "How cheap is a goroutine? Can a server hold millions of connections?",
    "goroutine 有多轻量？一个服务器能撑住上百万个连接吗？",
    "Does a channel take a lock? What does passing data through one cost?",
    "channel 会加锁吗？通过 channel 传递数据的开销是多少？",
    "Where is runtime·rt0_go?",
    "runtime·rt0_go 在哪里？",
    "Where is the AST node definition now?",
    "AST 节点现在定义在哪里？",
    "What happened to go.y and typ2Itab?",
    "go.y 和 typ2Itab 后来怎么样了？",
]


def first_run_message(settings: Settings | None = None) -> str:
    where = f" at `{settings.index_db}`" if settings is not None else ""
    return (
        f"**No index yet**{where}. Build one with `{BUILD_COMMAND}` (or `{BUILD_STEPS}`), then reload this page. "
        "The first build downloads the Go releases and takes a while; the chat works as soon as "
        "`python -m ingest --no-embed` has finished, and vectors are filled in while you use it."
    )


EMPTY_QUESTION = chat_markdown(ENGLISH.text("empty") + "\n\n" + CHINESE.text("empty"))
"""The chat's answer to an empty question when the reader's language is not known (in both languages: an empty
question has none)."""


class GuideApp:
    """What the web chat needs: the index (opened again on demand when it was missing or unusable at start, and
    re-read when ``python -m ingest`` changed it), the answering model, and the background embedder.

    Every callback starts with :meth:`current`: it checks the index's generation counter (one indexed read), so the
    releases, caches and vectors follow the index while the app runs, and a damaged or missing index becomes a
    message naming the fix (:attr:`problem`)."""

    def __init__(
        self,
        index: GuideIndex | None,
        *,
        llm: Any = None,
        settings: Settings | None = None,
        embedder: BackgroundEmbedder | None = None,
    ) -> None:
        self._index = index
        self.settings = settings or (index.settings if index is not None else None)
        self.llm = llm
        self.embedder = embedder
        self.problem: str | None = None
        """Why there is no usable index (None: there is one, or simply none built yet)."""
        self._lock = threading.Lock()

    # -- index -----------------------------------------------------------------------------------------------
    def set_problem(self, e: BaseException) -> None:
        data_dir = self.settings.data_dir if self.settings is not None else None
        self.problem = None if isinstance(e, IndexMissingError) else (explain(e, data_dir) or error_text(e))

    @property
    def index(self) -> GuideIndex | None:
        """The index, opened now if it has been built (or repaired) since the app started."""
        if self._index is None:
            with self._lock:
                if self._index is None:
                    try:
                        self._index = open_index(self.settings)
                        self.problem = None
                    except Exception as e:
                        if not isinstance(e, IndexProblem):
                            log.exception("opening the index failed")
                        self.set_problem(e)
                        return None
        return self._index

    def current(self) -> GuideIndex | None:
        """The index as it is now: re-read when ``python -m ingest`` changed it, opened again when it was replaced
        (rebuilt), None (with :attr:`problem` set) when it is missing or damaged."""
        idx = self.index
        if idx is None:
            return None
        try:
            if idx.replaced():
                raise _Replaced
            idx.refresh()
            return idx
        except Exception as e:
            with self._lock:
                if self._index is idx:
                    self._index = None  # not closed: requests in flight may still read it
            if isinstance(e, _Replaced):
                log.info("the index file was replaced: opening it again")
                return self.index
            if not isinstance(e, IndexProblem):
                log.warning("the index cannot be read: %s", e)
            self.set_problem(e)
            return None

    def unavailable(self) -> str:
        """Markdown for "no usable index": the problem and its fix, or how to build a first index."""
        if self.problem:
            return f"**The index cannot be used:** {self.problem}"
        return first_run_message(self.settings)

    def releases(self) -> list[str]:
        idx = self.current()
        return list(idx.releases) if idx is not None else []

    def versions(self) -> list[str]:
        idx = self.current()
        return [v.tag for v in idx.versions] if idx is not None else []

    def llm_label(self, lang: str = "en") -> str:
        """The answering model as users see it, in ``lang``: which one answers and, when a better one could, how to
        enable it."""
        words = Lang(lang)
        spec = self.llm if self.llm is not None else (self.settings.llm if self.settings is not None else None)
        if isinstance(spec, str) and self.settings is not None:
            r = resolve(spec, self.settings)
            # why auto chose a model is for the one who runs the app (logged); a reader learns what answers and how
            # to get written answers
            label = words.text("llm_extractive") if r.spec == "extractive" else describe(r.spec)
            label += f" — {r.why}" if spec == "auto" and r.spec != "extractive" else ""
            return label + (words.text("llm_better", how=words.text("llm_better_how")) if r.better else "")
        return words.text("llm_extractive") if spec in (None, "extractive") else describe(spec)

    def llm_line(self, lang: str = "en") -> str:
        """The answering-model line above the examples (Markdown, the label escaped)."""
        return Lang(lang).text("llm_line", label=esc(self.llm_label(lang)))

    # -- chat ------------------------------------------------------------------------------------------------
    def chat(
        self,
        message: str,
        messages: list[dict[str, Any]] | None,
        versions: list[str] | str | None,
        pairs: list[tuple[str, str]] | None,
        reader: str | None = None,
    ) -> Iterator[tuple[str | None, list[dict[str, Any]], str, list[tuple[str, str]]]]:
        """Stream one turn: yields (textbox value, chat messages, citation cards HTML, history pairs). ``reader``:
        the reader's language (the browser's), for what is said before there is a question to follow. The textbox is
        emptied once, when the question is taken, then left as it is (``KEEP``): a next question typed while this
        one is answered is not wiped by each streamed token, and the web app asks it when this answer is done."""
        messages = [dict(m) for m in (messages or [])]
        pairs = [(str(p[0]), str(p[1])) for p in (pairs or [])]
        question = (message if isinstance(message, str) else "").strip()
        # said, not silently ignored (once: pressing Ask again does not repeat it); a question of only punctuation
        # ("？？？") asks nothing either, and is told so in the reader's language (it had an English answer)
        if not any(ch.isalnum() for ch in question):
            said = chat_markdown(Lang(reader).text("empty")) if reader else EMPTY_QUESTION
            if not messages or messages[-1].get("content") != said:
                messages.append({"role": "assistant", "content": said})
            yield "", _copy(messages), self.empty_panes(reader)[0] if reader else citation_cards([]), pairs
            return
        messages.append({"role": "user", "content": user_text(question)})
        lang = question_language(question, pairs, reader)  # the answer's language (code alone: the reader's)
        messages.append({"role": "assistant", "content": lang.text("chat_searching")})
        cards = citation_cards([], note=lang.text("cards_searching"), empty=lang.text("cards_empty"))
        yield "", _copy(messages), cards, pairs

        index = self.current()
        if index is None:
            messages[-1]["content"] = self.unavailable()
            yield KEEP, _copy(messages), citation_cards([]), pairs
            return
        scope = _scope(versions)
        text = ""
        notes = _notes(index) if not pairs else ""
        try:
            for ev in stream_answer(question, scope, self.llm, list(pairs) or None, index=index, reader=reader):
                if ev.kind == "sources":
                    cards = citation_cards(
                        ev.sources, title=lang.text("cards_retrieved"), note=lang.text("cards_writing"), lang=lang
                    )
                    messages[-1]["content"] = lang.text("chat_writing")
                    yield KEEP, _copy(messages), cards, pairs
                elif ev.kind == "token":
                    text += ev.text
                    messages[-1]["content"] = chat_markdown(text) + " ▌"
                    yield KEEP, _copy(messages), cards, pairs
                elif ev.kind == "final" and ev.answer is not None:
                    ans = ev.answer
                    turn = len(pairs)  # the answer's markers link to its own cards (a later answer's cards differ)
                    messages[-1]["content"] = answer_chat(ans, turn, lang) + notes
                    note = lang.text("cards_note", n=len(ans.citations)) if ans.citations else ""
                    cards = citation_cards(
                        ans.citations,
                        title=lang.text("cards_cited"),
                        note=note,
                        turn=turn,
                        empty=lang.text("cards_none"),
                        lang=lang,
                    )
                    pairs = [*pairs, (question, ans.text)]
                    yield KEEP, _copy(messages), cards, pairs
        except Exception as e:  # a message, never a traceback
            why = failure_text(e, "answering %r failed", question[:200], data_dir=index.settings.data_dir)
            messages[-1]["content"] = chat_markdown(lang.text("chat_failed", why=why))
            yield KEEP, _copy(messages), cards, pairs

    def clear(self, lang: str = "en") -> tuple[list[dict[str, Any]], str, list[tuple[str, str]], str, list[str]]:
        """A new conversation: no messages, no cards, no history, the viewer emptied and the release picker reset
        (a scope left over from the last conversation would silently narrow the next one); words in ``lang``."""
        cards, viewer = self.empty_panes(lang)
        return [], cards, [], viewer, []

    def viewer_hint(self, lang: str = "en") -> str:
        return notice(Lang(lang).text("viewer_hint"))

    def empty_panes(self, lang: str = "en") -> tuple[str, str]:
        """The citation cards and the viewer before any answer, in ``lang`` (the reader's browser language)."""
        t = Lang(lang).text
        return citation_cards([], title=t("cards_cited"), empty=t("cards_empty")), self.viewer_hint(lang)

    # -- viewer ----------------------------------------------------------------------------------------------
    def open_source(self, version: Any, path: Any, start: Any = 1, end: Any = 1, lang: str = "en") -> str:
        index = self.current()
        if index is None and self.problem:
            return notice(f"The index cannot be used: {self.problem}", "warn")
        try:
            return view_source(index, version, path, start, end, lang=lang)
        except Exception as e:
            why = failure_text(e, "viewer failed for %r %r", version, path)
            return notice(f"The source could not be shown: {why}", "error")

    def open_card(self, data: dict[str, Any] | None, lang: str = "en") -> str:
        """The viewer for a clicked card's ``data-*`` (version, file, start, end, its answer's language), checked."""
        data = data if isinstance(data, dict) else {}
        lang = data["lang"] if data.get("lang") in ("en", "zh") else lang  # the answer's, which its cards carry
        return self.open_source(data.get("version"), data.get("file"), data.get("start", 1), data.get("end", 1), lang)

    def open_typed(self, version: Any, path: Any, line: Any, lang: str = "en") -> str:
        """The viewer for the "open a file" form: a version, a path, optionally a line or range ``a-b``."""
        lines = _line_range(line)
        if lines is None:  # "abc": said as such, and the file opened at its first line
            said = notice(Lang(lang).text("viewer_not_a_line", line=esc(str(line).strip()[:40])), "warn")
            return said + self.open_source(version, (path or "").strip(), 1, 1, lang)
        return self.open_source(version, (path or "").strip(), *lines, lang)

    # -- compare ---------------------------------------------------------------------------------------------
    def compare(
        self, symbol: str, v1: str | None, v2: str | None, layout: str = "unified", lang: str = "en"
    ) -> tuple[str, str, str, str]:
        """(summary HTML, side cards HTML, diff HTML, timeline HTML) for ``symbol`` between ``v1`` and ``v2``, the
        words in ``lang`` (the reader's browser language)."""
        return self.compare_view(symbol, v1, v2, layout, lang)[:4]

    def release_order(self, v1: Any, v2: Any) -> tuple[Any, Any]:
        """``v1`` and ``v2`` oldest first when both are indexed releases (as ``compare_view`` compares them)."""
        index = self.current()
        rel = index.releases if index is not None else []
        return (v2, v1) if v1 in rel and v2 in rel and rel.index(v1) > rel.index(v2) else (v1, v2)

    def compare_view(
        self, symbol: str, v1: str | None, v2: str | None, layout: str = "unified", lang: str = "en"
    ) -> tuple[str, str, str, str, str]:
        """What the Compare tab shows (``webui.compare_tab.compare_view``)."""
        return compare_view(self, symbol, v1, v2, layout, lang)

    def timeline(self, symbol: str, lang: str = "en") -> str:
        """The timeline of ``symbol`` (a name) across the indexed releases, in ``lang``."""
        index = self.current()
        if index is None or not symbol:
            return ""
        return self.timelines_of(index, lambda: [timeline(index, symbol[:300])], symbol, Lang(lang))

    def timelines_of(self, index: GuideIndex, make: Callable[[], list[Timeline]], what: str, words: Lang) -> str:
        try:
            return timelines_html(make(), words)
        except Exception as e:
            why = failure_text(e, "timeline of %r failed", what[:200])
            return notice(words.text("no_timeline", why=why), "warn")

    # -- status ----------------------------------------------------------------------------------------------
    def status(self, lang: str = "en") -> str:
        """The Status panel in ``lang``: the index, its releases, the models and where embedding stands."""
        words, embed_words = Lang(lang), {**EMBED_WORDS, **TEXTS[lang]}
        index = self.current()
        if index is None:
            return self.unavailable()
        try:
            st = index.store.status()
            problems = index.problems()
        except Exception as e:
            log.warning("status failed: %s", e)
            self.set_problem(e)
            return self.unavailable()
        s = index.settings
        if self.embedder is not None:
            embed = self.embedder.status().text(embed_words)
        elif st.get("chunks_to_embed", 0):
            embed = words.text("embed_waiting", n=st["chunks_to_embed"])
        elif index.vectors_problem():
            embed = words.text("embed_missing")
        else:
            embed = embed_words["embed_complete"]
        model = s.embedding.model
        text = status_markdown(
            st, location=str(s.data_dir.resolve()), model=model, llm=self.llm_label(lang), embed_message=embed,
            lang=words,
        )  # fmt: skip
        if problems:
            text += f"\n\n### {words.text('status_missing')}\n" + "\n".join(f"- {_md_escape(p)}" for p in problems)
        return text


# -- helpers -------------------------------------------------------------------------------------------------------
class _Replaced(Exception):
    """The index file was replaced (rebuilt) since it was opened."""


def _md_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("*", "\\*")


def _notes(index: GuideIndex) -> str:
    """Under the first answer of a conversation: what is missing from the index and how to add it."""
    try:
        problems = index.problems()
    except Exception:
        return ""
    return "".join(f"\n\n> **Note:** {_md_escape(p)}" for p in problems)


def _scope(versions: list[str] | str | None) -> list[str] | None:
    if versions is None:
        return None
    vs = [versions] if isinstance(versions, str) else list(versions)
    vs = [v for v in vs if v and v != FROM_QUESTION]
    return vs or None


def _copy(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A snapshot of the conversation (each yield is a state of the stream; later steps must not alter it)."""
    return [dict(m) for m in messages]


_LINES = re.compile(r"(-?\d+)(?:\s*-\s*(-?\d+))?")
"""A typed line (``42``, ``-5``) or range (``40-60``)."""


def _line_range(line: Any) -> tuple[int, int] | None:
    """A typed line (``42``) or range (``40-60``; none: line 1); None when it is neither ("abc")."""
    s = str(line or "").strip()
    if not s:
        return 1, 1
    m = _LINES.fullmatch(s)
    return (int(m[1]), int(m[2] or m[1])) if m else None
