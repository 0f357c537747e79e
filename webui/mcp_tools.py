"""The guide's tools for coding agents, served over MCP by the running app (Gradio's MCP server, streamable HTTP at
``/gradio_api/mcp/``): ``ask``, ``where``, ``compare``, ``timeline`` and ``source``, each a thin layer over guide/'s
Python API whose result is the JSON that ``python -m guide ... --json`` prints (README, "MCP").

Their docstrings are the tool descriptions and parameter schemas the agents read (Gradio parses the ``Args:``
section, one line per parameter). A refusal (an unknown release, a file that is not indexed, no usable index, a bad
model name) or a ``where`` that finds nothing is an MCP tool error whose text is one line naming the fix.

With ``GOGUIDE_AUTH`` set, every request to the MCP endpoint must carry HTTP basic auth with that user and password
(:class:`McpAuth`, rate-limited by the app's login guard): Gradio's login protects the page, not this endpoint.
"""

import base64
import binascii
import json
import logging
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from guide.answering import answer
from guide.answering.errors import LLMConfigError
from guide.history.compare import compare_releases
from guide.history.timeline import timeline as timeline_of
from guide.render.text import comparison_text, timeline_text, where_text
from guide.render.viewer import MAX_CITED, SourceRefused, source_range
from guide.where import where as where_defined
from guide.where import where_json
from ingest.errors import explain

if TYPE_CHECKING:
    import gradio as gr
    from starlette.types import ASGIApp, Receive, Scope, Send

    from guide.index import GuideIndex
    from webui.callbacks import GuideApp

log = logging.getLogger(__name__)

MCP_PATH = "/gradio_api/mcp/"
"""Where Gradio serves MCP (streamable HTTP; ``sse`` below it for the older transport)."""
MAX_SUBJECT = 300
"""Characters of a symbol or subject read (as in the web app's Compare tab)."""


class ToolError(Exception):
    """A refusal, or nothing found where the result would say nothing: the agent reads the message."""


def _json(data: Any) -> str:
    return json.dumps(data, indent=1, ensure_ascii=False)


def _plain(markdown: str) -> str:
    return markdown.replace("**", "").replace("`", "")


class GuideTools:
    """The five tools over the web app's :class:`GuideApp` (its index handle follows ``python -m ingest``, and a
    missing or damaged index is a message naming the fix)."""

    def __init__(self, app: "GuideApp") -> None:
        self.app = app

    def _index(self) -> "GuideIndex":
        index = self.app.current()
        if index is None:
            raise ToolError(_plain(self.app.unavailable()))
        return index

    @contextmanager
    def _explained(self, what: str) -> Iterator[None]:
        """Known failures (damaged state, bad settings) become one-line tool errors; anything else is logged with
        its traceback and said in one line."""
        try:
            yield
        except ToolError:
            raise
        except (LLMConfigError, ValueError) as e:  # unknown releases, bad model names: the message names the fix
            raise ToolError(str(e)) from None
        except Exception as e:
            explained = explain(e)
            if explained:
                log.warning("%s failed: %s", what, explained)
                raise ToolError(explained) from None
            log.exception("%s failed", what)
            raise ToolError(f"{what} failed: {type(e).__name__}: {str(e)[:300]}") from None

    def ask(self, question: str, releases: list[str] | None = None, llm: str = "") -> str:
        """Answer a question about the Go runtime or compiler from the indexed Go sources, every claim cited to exact
        lines of a file at an exact Go release (verified against git). A release that is not indexed is said in
        the answer, which then uses the nearest indexed one, labelled; it is never silently replaced.

        Args:
            question: The question, English or Chinese, e.g. "does a channel take a lock?" or "where is rt0_go?"
            releases: Go releases to answer for, e.g. ["go1.21.13"] or ["1.21"]; empty: those named in the question
            llm: Answering model: empty for the app's own (extractive: quotes, no model), or openai:<model> etc.

        Returns:
            JSON {question, text, citations[{n, version, path, start_line, end_line, symbol, kind, url, excerpt}], grounded, warnings, versions, llm, route}
        """  # noqa: E501 -- Gradio reads each Returns line as one item
        index = self._index()
        with self._explained("ask"):
            model = str(llm or "").strip() or self.app.llm
            ans = answer(str(question or ""), [str(r) for r in releases or []] or None, model, index=index)
            data = ans.to_json()
            data.pop("retrieved", None)  # what the answerer was given: the citations are what it used
            return _json(data)

    def where(self, symbol: str, release: str = "") -> str:
        """Where a Go symbol is defined, at every indexed release (or one): file, lines, permalink and the lines.

        Args:
            symbol: A name as in stack traces: hchan, runtime.newproc, (*p).runqput, runtime·rt0_go, findRunnable
            release: One indexed release, e.g. go1.27.3; empty: every indexed release

        Returns:
            JSON [{version, path, start_line, end_line, doc_start_line, symbol, kind, url, excerpt}], oldest first
        """
        index = self._index()
        name = str(symbol or "").strip()[:MAX_SUBJECT]
        if not name:
            raise ToolError("give a symbol, e.g. hchan, runtime.newproc, (*p).runqput or runtime·rt0_go")
        tag = str(release or "").strip()
        with self._explained("where"):
            defs = where_defined(index, name, tag or None)
            if not defs:
                scope = [tag] if tag else index.releases
                raise ToolError(where_text(name, defs, scope) + "; for a described behaviour use ask")
            return _json(where_json(defs))

    def compare(self, subject: str, releases: list[str]) -> str:
        """How a symbol, a file or a described topic changed between Go releases: both definitions cited, the
        unified diff, a structured summary of the changes and notes (moves, renames, successors).

        Args:
            subject: A symbol (forcePreemptNS, hchan), a path (src/runtime/chan.go) or words (the channel lock)
            releases: Two or more indexed releases, oldest first, e.g. ["go1.21.13", "go1.27.3"]; "1.21" means its newest

        Returns:
            JSON: with two releases one comparison {kind, symbol, v1, v2, left, right, diff, summary, notes, citations, ...}; with more, a list of them, one per consecutive pair
        """  # noqa: E501 -- Gradio reads each Args and Returns line as one item
        index = self._index()
        text = str(subject or "").strip()[:MAX_SUBJECT]
        if not text:
            raise ToolError("give a subject: a symbol (hchan), a path (src/runtime/chan.go) or a few words")
        with self._explained("compare"):
            comps = compare_releases(index, text, [str(r) for r in releases or []])
            if not any(c.found for c in comps):
                raise ToolError("\n\n".join(comparison_text(c) for c in comps))
            return _json(comps[0].to_json() if len(comps) == 1 else [c.to_json() for c in comps])

    def timeline(self, symbol: str) -> str:
        """A Go symbol across every indexed release: where it is at each (cited), and when it first appears,
        changes, moves, is renamed or removed (with its successor).

        Args:
            symbol: A name as in stack traces: findRunnable, hchan, runtime.newproc, (*p).runqput

        Returns:
            JSON {symbol, releases[{tag, present, path, start_line, end_line, url}], events, notes, successor, candidates, citations}
        """  # noqa: E501 -- Gradio reads each Returns line as one item
        index = self._index()
        name = str(symbol or "").strip()[:MAX_SUBJECT]
        if not name:
            raise ToolError("give a symbol, e.g. findRunnable, hchan or runtime.newproc")
        with self._explained("timeline"):
            tl = timeline_of(index, name)
            if not tl.found:
                raise ToolError(timeline_text(tl))
            return _json(tl.to_json())

    def source(self, release: str, path: str, start_line: int = 1, end_line: int = 0) -> str:
        """Lines of a file as git holds it at an indexed release (only files in the index; at most 400 lines), with
        the upstream permalink. Use it to read around a citation.

        Args:
            release: An indexed release (go1.27.3) or design (the design documents), as in a citation's version
            path: The file's path in the repository, as in a citation: src/runtime/chan.go
            start_line: First line (1-based); clamped to the file
            end_line: Last line; 0 means start_line + 399; clamped to the file

        Returns:
            JSON {version, path, start_line, end_line, lines_in_file, cut, url, excerpt}
        """
        index = self._index()
        with self._explained("source"):
            a = int(start_line or 1)
            b = int(end_line) if end_line else a + MAX_CITED - 1
            try:
                src = source_range(index, str(release or "").strip(), str(path or "").strip(), a, b)
            except SourceRefused as e:
                raise ToolError(str(e)) from None
            url = index.permalink(src.version, src.path, src.start, src.end) if src.start else ""
            return _json({
                "version": src.version, "path": src.path, "start_line": src.start, "end_line": src.end,
                "lines_in_file": len(src.lines), "cut": src.cut, "url": url, "excerpt": src.excerpt,
            })  # fmt: skip

    def functions(self) -> list[Callable[..., str]]:
        return [self.ask, self.where, self.compare, self.timeline, self.source]


def add_tools(demo: "gr.Blocks", app: "GuideApp") -> GuideTools:
    """Register the tools on the app's Blocks as API endpoints (``mcp_ask`` ...), which Gradio's MCP server lists
    as the tools ``ask``, ``where``, ``compare``, ``timeline``, ``source``. They run outside Gradio's queue (its
    HTTP loopback would need a browser login), each in a worker thread."""
    import gradio as gr

    tools = GuideTools(app)
    with demo:
        for fn in tools.functions():
            gr.api(fn, api_name=f"mcp_{fn.__name__}", queue=False)
    return tools


# -- authentication --------------------------------------------------------------------------------------------------
_MCP_ROUTE = re.compile(r"(^|/)gradio_api/mcp(/|$)")


class McpAuth:
    """ASGI middleware: requests to the MCP endpoint need ``Authorization: Basic base64(user:password)`` accepted by
    ``check`` (the app's :class:`app.LoginGuard`, so failed attempts count towards its lockout); everything else
    passes through to Gradio, whose login protects the page."""

    def __init__(self, app: "ASGIApp", check: Callable[[str, str], bool]) -> None:
        self.app = app
        self.check = check

    async def __call__(self, scope: "Scope", receive: "Receive", send: "Send") -> None:
        if scope["type"] != "http" or not _MCP_ROUTE.search(scope.get("path", "")) or self._allowed(scope):
            await self.app(scope, receive, send)
            return
        from starlette.responses import PlainTextResponse

        response = PlainTextResponse(
            "The MCP endpoint needs the app's login (GOGUIDE_AUTH): send HTTP basic auth, i.e. the header "
            "'Authorization: Basic <base64 of user:password>'.\n",
            status_code=401,
            headers={"WWW-Authenticate": 'Basic realm="goguide MCP", charset="UTF-8"'},
        )
        await response(scope, receive, send)

    def _allowed(self, scope: "Scope") -> bool:
        header = next((v for k, v in scope.get("headers", []) if k.lower() == b"authorization"), b"")
        scheme, _, token = header.decode("latin-1").partition(" ")
        if scheme.lower() != "basic" or not token.strip():
            return False
        try:
            user, sep, password = base64.b64decode(token.strip(), validate=True).decode("utf-8").partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return False
        return bool(sep) and self.check(user, password)


def launch_options(check: Callable[[str, str], bool] | None) -> dict[str, Any]:
    """What ``Blocks.launch`` needs to serve MCP: the server, and with a login (``check``) the auth middleware."""
    options: dict[str, Any] = {"mcp_server": True}
    if check is not None:
        from starlette.middleware import Middleware

        options["app_kwargs"] = {"middleware": [Middleware(McpAuth, check=check)]}
    return options


__all__ = ["MCP_PATH", "GuideTools", "McpAuth", "ToolError", "add_tools", "launch_options"]
