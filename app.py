"""The web chat of the Go Internals Reading Guide.

    python app.py [--host 127.0.0.1] [--port 7860] [--llm extractive] [--no-embed]

Binds loopback by default; ``GOGUIDE_AUTH=user:password`` turns on basic auth. Importing this module has no side
effects: ``build_app(index)`` makes the Gradio Blocks, ``main()`` parses arguments, opens the index, starts the
background embedder when vectors are missing, and serves.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
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
    from webui.ui import build_blocks

    app = GuideApp(index, llm=llm, settings=settings, embedder=embedder)
    demo = build_blocks(app)
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
        raise SystemExit("GOGUIDE_AUTH must be user:password")
    return user, password


def start_embedder(index: GuideIndex) -> BackgroundEmbedder | None:
    """Fill in missing vectors in the background (search works meanwhile); None when nothing is missing."""
    try:
        if index.store.status().get("chunks_to_embed", 0) <= 0:
            return None
        from ingest.background import BackgroundEmbedder

        return BackgroundEmbedder(index.settings, index.vectors).start()
    except Exception:
        log.exception("background embedding could not start; symbol and lexical search still work")
        return None


def warm_up(index: GuideIndex) -> None:
    """Load the embedding model and the vectors in the background; questions never wait for them (symbol and lexical
    search answer meanwhile, dense retrieval joins when ready)."""
    index.dense_blocking = False
    index.warm_up()


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="app.py", description="Web chat of the Go Internals Reading Guide.")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=7860, help="port (default 7860)")
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
    auth = auth_from_env()

    from guide.index import IndexMissingError, open_index
    from settings import get_settings

    settings = get_settings()
    index: GuideIndex | None
    try:
        index = open_index(settings)
    except IndexMissingError as e:
        log.warning("%s", e)
        index = None
    if index is not None:
        index.dense_blocking = False  # a question never waits for the model or the vectors
    embedder = start_embedder(index) if index is not None and not args.no_embed else None

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
            prevent_thread_lock=True,
        )
        # once the server listens: the warm-up's work (reading the vectors) would otherwise slow the start
        if index is not None and not args.no_warm_up:
            warm_up(index)
        demo.block_thread()
    except KeyboardInterrupt:
        pass
    finally:
        if embedder is not None:
            embedder.stop()
        if index is not None:
            index.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
