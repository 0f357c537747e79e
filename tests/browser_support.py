"""Helpers for the browser and load tests: the app as a subprocess on a free loopback port, and headless Chromium
(the Debian package, driven by Playwright; never ``playwright install``)."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path(os.environ.get("GOGUIDE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_http(url: str, proc: subprocess.Popen | None, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"the app exited early with code {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except Exception as e:
            last = e
        time.sleep(0.3)
    raise RuntimeError(f"the app did not answer at {url} within {timeout:.0f} s ({last})")


def fixture_env(data_dir: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a subprocess of the guide (the app, the CLI) on the index in ``data_dir``: hash
    embeddings, no config file, no telemetry, no model hub, unbuffered output, and no login unless ``extra`` sets
    one."""
    env = {
        **os.environ,
        "GOGUIDE_DATA_DIR": str(data_dir),
        "GOGUIDE_EMBEDDING__MODEL": "hash",
        "GOGUIDE_CONFIG": str(data_dir / "absent.toml"),
        "GRADIO_ANALYTICS_ENABLED": "False",
        "ANONYMIZED_TELEMETRY": "False",
        "HF_HUB_OFFLINE": "1",
        "PYTHONUNBUFFERED": "1",
        **(extra or {}),
    }
    if "GOGUIDE_AUTH" not in (extra or {}):
        env.pop("GOGUIDE_AUTH", None)
    return env


@contextlib.contextmanager
def running_app(data_dir: Path, log_path: Path, extra_env: dict[str, str] | None = None) -> Iterator[str]:
    """``python app.py`` on the index in ``data_dir`` (hash embeddings) on a free loopback port; yields its URL and
    stops it afterwards."""
    port = free_port()
    env = fixture_env(data_dir, extra_env)
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, str(ROOT / "app.py"), "--host", "127.0.0.1", "--port", str(port), "--no-embed"],
            cwd=str(ROOT),
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_http(url + "/", proc)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)


def require_chromium() -> None:
    """Fail (not skip) with the install command when Chromium is missing, unless GOGUIDE_SKIP_BROWSER=1."""
    import pytest

    if os.environ.get("GOGUIDE_SKIP_BROWSER") == "1":
        pytest.skip("GOGUIDE_SKIP_BROWSER=1")
    if not CHROMIUM.exists():
        pytest.fail(
            f"headless Chromium is missing at {CHROMIUM}: install it with `apt-get install -y chromium` "
            "(`make test` does), or set GOGUIDE_SKIP_BROWSER=1 to skip the browser tests"
        )


@contextlib.contextmanager
def chromium_page(width: int = 1440, height: int = 1000, locale: str = "en-US") -> Iterator[object]:
    """A Playwright page in the system Chromium, in the browser language ``locale``; dialogs (alert/confirm) are
    recorded on ``page.dialogs``."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": width, "height": height}, locale=locale)
            page = context.new_page()
            dialogs: list[str] = []

            def on_dialog(d: object) -> None:
                dialogs.append(d.message)  # type: ignore[attr-defined]
                d.dismiss()  # type: ignore[attr-defined]

            page.on("dialog", on_dialog)
            page.dialogs = dialogs  # type: ignore[attr-defined]
            yield page
        finally:
            browser.close()


def shot(page: object, name: str, full_page: bool = True) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)  # type: ignore[attr-defined]
    return path
