"""How a failure is said on the page: the fix for a known failure (damaged or missing state), else the error."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from ingest.errors import explain

log = logging.getLogger(__name__)


def error_text(e: BaseException) -> str:
    """The error's message (its type when it has none), cut at 500 characters."""
    text = str(e) or type(e).__name__
    return text if len(text) < 500 else text[:500] + "…"


def failure_text(e: BaseException, what: str, *args: Any, data_dir: Path | None = None) -> str:
    """Why something failed, for the page (the fix for a known failure, else the error, cut at 500 characters);
    logged: a known failure (damaged or missing state) in one line, anything else with its traceback."""
    explained = explain(e, data_dir)
    if explained:
        log.warning(what + ": %s", *args, explained)
    else:
        log.exception(what, *args)
    return explained or error_text(e)


__all__ = ["error_text", "failure_text"]
