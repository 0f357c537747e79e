"""bench/query.py reads the web chat's answers as the chat writes them (the run of 2026-12-06 counted every Chinese
answer as "not a final answer" and every answer as uncited: its checks had been written for an older footer and for
markers without links)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def _bench() -> Any:
    spec = importlib.util.spec_from_file_location("bench_query", ROOT / "bench" / "query.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class _Job:
    def __init__(self, content: str) -> None:
        self.content = content

    def result(self, timeout: float) -> Any:
        return (None, [{"role": "assistant", "content": self.content}])


class _Client:
    def __init__(self, content: str) -> None:
        self.content = content

    def submit(self, *args: Any, **kwargs: Any) -> _Job:
        return _Job(self.content)


def test_a_chat_answer_is_final_and_cited_in_either_language() -> None:
    bench = _bench()
    zh = "**有**：`hchan` [\\[1\\]](#gg-cite-0-1~go1.27.3~src/runtime/chan.go~34~55)\n\n模型：extractive · 1 处引用"
    en = "The lock [\\[2\\]](#gg-cite-0-2) is taken.\n\nmodel: extractive · 1 citation"
    assert bench._chat(_Client(zh), "q")[1] is None and bench._chat(_Client(en), "q")[1] is None
    uncited = "Nothing in go1.27.3 says so.\n\nmodel: extractive"
    assert bench._chat(_Client(uncited), "q")[1] == bench.NO_CITATION
    assert bench._chat(_Client("Reading the sources …"), "q")[1].startswith("not a final answer")
