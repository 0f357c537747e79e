"""The web chat of the Go Internals Reading Guide.

    python app.py [--host 127.0.0.1] [--port 7860] [--llm extractive] [--no-embed]

Binds loopback by default (and warns when bound beyond it without a login); ``GOGUIDE_AUTH=user:password`` turns
on a login, with failed attempts rate-limited. Importing this module has no side effects: ``build_app(index)``
makes the Gradio Blocks, ``main()`` parses arguments, opens the index, starts the background embedder when vectors
are missing, and serves. A missing or damaged index does not stop the app: the page says what to run, and the
index is opened again once it is usable.
"""

from __future__ import annotations

import argparse
import collections
import hmac
import ipaddress
import logging
import os
import sys
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import gradio as gr

    from guide.index import GuideIndex
    from ingest.background import BackgroundEmbedder
    from settings import Settings

log = logging.getLogger("app")

QUEUE_SIZE = 256


def concurrency(cpus: int | None = None) -> int:
    """Requests answered at once, from the core count: twice the cores (an answer waits on SQLite, git and the
    network part of the time), at least 2. The rest wait in the queue (``QUEUE_SIZE``)."""
    return max(2, 2 * (cpus if cpus is not None else os.cpu_count() or 1))


CONCURRENCY = concurrency()
MAX_UPLOAD_BYTES = 0
"""The app has no file input: every upload is refused (0 is the smallest limit Gradio takes)."""
SESSIONS_KEPT = 200
"""Browser sessions whose state (conversation, cards) Gradio keeps in memory, oldest dropped first (Gradio's default,
10,000, lets memory grow with every visitor; a conversation older than the last 200 sessions starts afresh)."""
LOGIN_FAILURES = 5
"""Failed logins allowed per ``LOGIN_WINDOW`` seconds (per user name, and 4x that for all names together)."""
LOGIN_WINDOW = 60.0


def build_app(
    index: GuideIndex | None,
    *,
    llm: Any = None,
    settings: Settings | None = None,
    embedder: BackgroundEmbedder | None = None,
) -> gr.Blocks:
    """The Gradio app over ``index`` (None: no index yet, the page says how to build one), queue configured."""
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    from webui.callbacks import GuideApp
    from webui.mcp_tools import add_tools
    from webui.ui import build_blocks

    app = GuideApp(index, llm=llm, settings=settings, embedder=embedder)
    demo = build_blocks(app)
    add_tools(demo, app)  # the MCP tools (webui/mcp_tools.py)
    demo.queue(default_concurrency_limit=CONCURRENCY, max_size=QUEUE_SIZE)
    return demo


def auth_from_env(value: str | None = None) -> tuple[str, str] | None:
    """``GOGUIDE_AUTH=user:password`` -> basic auth credentials (None when unset or empty)."""
    if value is None:
        from settings import get_settings

        value = get_settings().auth or ""
    raw = value
    if not raw.strip():
        return None
    user, sep, password = raw.partition(":")
    if not sep or not user or not password:
        raise SystemExit("GOGUIDE_AUTH must be user:password (e.g. GOGUIDE_AUTH=ann:s3cret), or unset for no login")
    return user, password


class LoginGuard:
    """Gradio's ``auth`` callable: checks the one user and password in constant time, and refuses every attempt
    (right or wrong) for a user name once it has failed ``limit`` times within ``window`` seconds, and for every
    name once ``4 * limit`` failures happened within the window (guessing across names)."""

    def __init__(
        self,
        user: str,
        password: str,
        *,
        limit: int = LOGIN_FAILURES,
        window: float = LOGIN_WINDOW,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._user = user.encode()
        self._password = password.encode()
        self.limit = limit
        self.window = window
        self.clock = clock
        self._failures: dict[str, collections.deque[float]] = {}
        self._all: collections.deque[float] = collections.deque()
        self._lock = threading.Lock()
        self.refused = 0

    def _prune(self, q: collections.deque[float], now: float) -> None:
        while q and now - q[0] >= self.window:
            q.popleft()

    def __call__(self, username: str, password: str) -> bool:
        now = self.clock()
        name = str(username)[:200]
        with self._lock:
            q = self._failures.setdefault(name, collections.deque())
            self._prune(q, now)
            self._prune(self._all, now)
            if len(q) >= self.limit or len(self._all) >= 4 * self.limit:
                self.refused += 1
                log.warning("login refused for %r: too many failed attempts, retry in %.0f s", name, self.window)
                return False
            ok = hmac.compare_digest(name.encode(), self._user) & hmac.compare_digest(
                str(password).encode(), self._password
            )
            if not ok:
                q.append(now)
                self._all.append(now)
                if len(self._failures) > 10_000:  # bounded memory under a flood of names
                    self._failures = {k: v for k, v in self._failures.items() if v}
            elif not q:
                self._failures.pop(name, None)
            return bool(ok)


def is_loopback(host: str) -> bool:
    if host in ("localhost", ""):
        return host == "localhost"
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def exposure_warning(host: str, auth: Any) -> str | None:
    """The warning for an app reachable beyond this machine with no login (None when loopback or auth is on)."""
    if auth or is_loopback(host):
        return None
    return (
        f"WARNING: serving on {host} without a login: anyone who can reach this address can use the app. Set "
        "GOGUIDE_AUTH=user:password, or bind 127.0.0.1 (the default)."
    )


def start_embedder(index: GuideIndex) -> BackgroundEmbedder | None:
    """Fill in missing vectors in the background (search works meanwhile); None when nothing is missing."""
    try:
        if index.store.status().get("chunks_to_embed", 0) <= 0:
            return None
        from ingest.background import BackgroundEmbedder

        embedder = BackgroundEmbedder(index.settings, index.vectors).start()
        index.dense.coming = True  # until the first vectors arrive, answers say that search by meaning is to come
        return embedder
    except Exception as e:
        from ingest.errors import explain

        explained = explain(e, index.settings.data_dir)
        if explained:  # a known state (read-only directory, full disk, damaged vectors): one line, with its fix
            log.warning("background embedding could not start (%s); symbol and lexical search still work", explained)
        else:
            log.exception("background embedding could not start; symbol and lexical search still work")
        return None


def warm_up(index: GuideIndex) -> None:
    """Load the embedding model and the vectors in the background; questions never wait for them (symbol and lexical
    search answer meanwhile, dense retrieval joins when ready). The Chinese-English dictionary loads alongside (its
    English words tell a plain word of a question from an identifier; questions do not wait for it either)."""
    import threading

    from guide.knowledge.cedict import english_words

    index.dense_blocking = False
    index.warm_up()
    threading.Thread(target=english_words, name="cedict-warm-up", daemon=True).start()


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="app.py", description="Web chat of the Go Internals Reading Guide.")
    # Gradio's own variables give the defaults (argparse converts a string default with ``type``, so a malformed
    # GRADIO_SERVER_PORT is a usage error naming --port)
    p.add_argument(
        "--host",
        default=os.environ.get("GRADIO_SERVER_NAME", "127.0.0.1"),
        help="address to bind (default $GRADIO_SERVER_NAME, else 127.0.0.1)",
    )
    p.add_argument(
        "--port",
        type=int,
        default=os.environ.get("GRADIO_SERVER_PORT", "7860"),
        help="port (default $GRADIO_SERVER_PORT, else 7860)",
    )
    p.add_argument("--llm", default=None, help="answering model: extractive, local, openai:<model>, ollama:<model>")
    p.add_argument("--no-embed", action="store_true", help="do not embed missing vectors in the background")
    p.add_argument(
        "--no-warm-up",
        action="store_true",
        help="load the embedding model and the vectors at the first question (in the background), not at start",
    )
    p.add_argument("--log-level", default="INFO")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    from settings import SettingsError, get_settings

    try:
        settings = get_settings()
    except SettingsError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    try:
        credentials = auth_from_env(settings.auth or "")
    except SystemExit as e:  # a malformed GOGUIDE_AUTH is a usage error, exit status 2 like every command's
        print(f"error: {e}", file=sys.stderr)
        return 2
    auth = LoginGuard(*credentials) if credentials else None
    warning = exposure_warning(args.host, auth)
    if warning:
        log.warning("%s", warning)
        print(warning, file=sys.stderr)

    from guide.index import open_index
    from ingest.errors import IndexMissingError, explain

    index: GuideIndex | None
    try:
        index = open_index(settings, check=True)
    except Exception as e:  # the page says what to do; the index is opened again once it is usable
        if isinstance(e, IndexMissingError):
            log.warning("%s", e)
        else:
            log.error("the index cannot be used: %s", explain(e, settings.data_dir) or e)
        index = None
    if index is not None:
        index.dense_blocking = False  # a question never waits for the model or the vectors
    embedder = start_embedder(index) if index is not None and not args.no_embed else None

    from webui.i18n import UI
    from webui.mcp_tools import launch_options
    from webui.ui import css, theme

    demo = build_app(index, llm=args.llm, settings=settings, embedder=embedder)
    try:
        demo.launch(
            server_name=args.host,
            server_port=args.port,
            auth=auth,
            share=False,
            ssr_mode=False,
            show_error=False,
            css=css(),
            theme=theme(),
            footer_links=["settings"],
            i18n=UI,  # the page's fixed words in the reader's language (webui/i18n.py)
            max_file_size=MAX_UPLOAD_BYTES,
            state_session_capacity=SESSIONS_KEPT,
            prevent_thread_lock=True,
            **launch_options(auth),  # MCP at /gradio_api/mcp/, behind the same login
        )
        # once the server listens: the warm-up's work (reading the vectors) would otherwise slow the start
        if index is not None and not args.no_warm_up:
            warm_up(index)
        demo.block_thread()
    except KeyboardInterrupt:
        pass
    except OSError as e:  # the port is taken or the address cannot be bound: a state error, one line
        print(
            f"error: cannot serve on {args.host}:{args.port} ({str(e).split('.')[0]}): pass another --port",
            file=sys.stderr,
        )
        return 2
    finally:
        if embedder is not None:
            embedder.stop()
        if index is not None:
            index.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
