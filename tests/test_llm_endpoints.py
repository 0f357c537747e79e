"""The language-model path against real servers on loopback: an OpenAI-compatible endpoint (scripted) reached
through langchain-openai, streamed; ``auto`` choosing what this machine has; and, where the offline model is
installed, llama.cpp's own OpenAI-compatible server serving it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from guide.answering import stream_answer
from guide.answering.llm import _CACHE, resolve
from settings import Settings
from tests.conftest import free_port
from tests.llm_servers import ollama_app, openai_app, serving


@pytest.fixture(autouse=True)
def _fresh_resolution(monkeypatch):
    for var in ("OPENAI_BASE_URL", "OPENAI_API_KEY", "OLLAMA_HOST"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("OLLAMA_HOST", "127.0.0.1:9")  # nothing answers there
    _CACHE.clear()
    yield
    _CACHE.clear()


def test_openai_compatible_endpoint_streams_and_its_citations_are_checked(fixture_index, monkeypatch):
    with serving(openai_app()) as url:
        monkeypatch.setenv("OPENAI_BASE_URL", f"{url}/v1")
        monkeypatch.setenv("OPENAI_API_KEY", "not-used")
        events = list(stream_answer("does a channel take a lock?", llm="openai:scripted", index=fixture_index))
    tokens = [e for e in events if e.kind == "token"]
    ans = events[-1].answer
    assert ans is not None and len(tokens) > 3  # streamed as it arrived, word by word
    assert ans.llm == "openai:scripted" and ans.grounded
    assert "[9]" not in ans.text and any("no source [9]" in w for w in ans.warnings)
    (c,) = ans.citations
    assert fixture_index.excerpt(c.version, c.path, c.start_line, c.end_line) == c.excerpt
    first_code = next(ln.strip() for ln in c.text.split("\n") if ln.strip() and not ln.strip().startswith("//"))
    assert f"`{first_code}` [1]" in ans.text


def test_auto_prefers_a_configured_endpoint_then_ollama_then_extractive(tmp_path, monkeypatch):
    s = Settings(data_dir=tmp_path, openai_model="my-model")
    assert resolve("auto", s).spec == "extractive" and "make local-llm" in resolve("auto", s).better
    _CACHE.clear()
    import guide.answering.llm as llm

    monkeypatch.setattr(llm, "_local_installed", lambda settings: True)  # the offline model answers when chosen
    installed = resolve("auto", s)
    assert installed.spec == "extractive" and "--llm local" in installed.why
    assert resolve("local", s).spec == "local"
    _CACHE.clear()
    with serving(ollama_app("qwen2.5-coder:1.5b")) as url:
        monkeypatch.setenv("OLLAMA_HOST", url)
        assert resolve("auto", s).spec == "ollama:qwen2.5-coder:1.5b"
        _CACHE.clear()
        monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:1/v1")
        assert resolve("auto", s).spec == "openai:my-model"
    assert resolve("extractive", s).spec == "extractive"


def _local_model() -> Path | None:
    data = Path(os.environ.get("GOGUIDE_LOCAL_LLM_DATA", Path(__file__).resolve().parents[1] / "data"))
    path = data / "llm" / "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
    try:
        import llama_cpp.server  # noqa: F401
    except ImportError:
        return None
    return path if path.exists() else None


@pytest.mark.slow
def test_llama_cpp_server_answers_with_checked_citations(fixture_index, monkeypatch):
    """llama.cpp's OpenAI-compatible server, serving the offline model (installed by `make local-llm`)."""
    model = _local_model()
    if model is None:
        pytest.skip("the local model is not installed (make local-llm installs it with llama.cpp's server)")
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--host", "127.0.0.1", "--port", str(port),
         "--n_ctx", "4096", "--model_alias", "qwen-local"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/models", timeout=2)
                break
            except OSError:
                assert proc.poll() is None, "llama.cpp's server exited"
                time.sleep(1)
        monkeypatch.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{port}/v1")
        monkeypatch.setenv("OPENAI_API_KEY", "not-used")
        events = list(stream_answer("does a channel take a lock?", llm="openai:qwen-local", index=fixture_index, k=3))
    finally:
        proc.terminate()
        proc.wait(30)
    ans = events[-1].answer
    assert ans is not None and ans.llm == "openai:qwen-local"
    assert sum(e.kind == "token" for e in events) > 3
    assert "language model failed" not in " ".join(ans.warnings)
    for c in ans.citations:  # whatever the model cited survived the check: it is exactly the cited lines
        assert fixture_index.excerpt(c.version, c.path, c.start_line, c.end_line) == c.excerpt
