"""Ten users at once: each asks one question through the running app's chat endpoint (gradio_client, loopback).
Bounded: 10 clients, one question each, 120 s overall; no timing assertions."""

from __future__ import annotations

import concurrent.futures as cf
import re
from pathlib import Path

import pytest

from tests.browser_support import ROOT, running_app

USERS = 10
OVERALL_TIMEOUT = 120
QUESTIONS = [
    "does a channel take a lock?",
    "where is runtime·rt0_go?",
    "what is forcePreemptNS?",
    "how does the scheduler distribute goroutines over threads?",
    "what is hchan?",
]


@pytest.fixture(scope="module")
def app_url(fixture_data_dir: Path):
    with running_app(fixture_data_dir, ROOT / "artifacts" / "logs" / "load-app.log") as url:
        yield url


def _one_chat(url: str, question: str) -> tuple[str, str]:
    from gradio_client import Client

    client = Client(url, verbose=False, download_files=False)
    try:
        job = client.submit(question, [], [], api_name="/chat")
        out = job.result(timeout=OVERALL_TIMEOUT)
    finally:
        client.close()
    # outputs: textbox, chat messages, citation cards (HTML)
    messages, cards = out[1], out[2]
    answer = messages[-1]["content"] if messages else ""
    if isinstance(answer, list):  # some client versions give content parts
        answer = " ".join(str(p.get("text", p)) if isinstance(p, dict) else str(p) for p in answer)
    return str(answer), str(cards)


def test_ten_concurrent_chats(app_url):
    with cf.ThreadPoolExecutor(max_workers=USERS) as pool:
        futures = [pool.submit(_one_chat, app_url, QUESTIONS[i % len(QUESTIONS)]) for i in range(USERS)]
        _, pending = cf.wait(futures, timeout=OVERALL_TIMEOUT)
        for f in pending:
            f.cancel()
        assert not pending, f"{len(pending)} of {USERS} chats unanswered after {OVERALL_TIMEOUT} s"
        results = [f.result() for f in futures]
    for answer, cards in results:
        assert "model:" in answer, answer  # the final answer (its footer), not a progress message
        assert re.search(r"\(#gg-cite-0-\d+~", answer), answer  # a citation marker, linked to its card
        assert "gg-card" in cards and "data-path=" in cards, cards[:300]
