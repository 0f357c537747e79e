"""The runner: every item through ``guide.answer()``, scored, written to an output directory.

The index is injectable (``run_eval(items, index=...)``) so the test suite runs the same code on the fixture index;
so is the answer function (``answer_fn``), for tests that craft answers.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from evals.facts import FactItem
from evals.score import ItemScore, score_item, score_retrieval, summarize
from evals.verify import GitSource, definitions

if TYPE_CHECKING:
    from evals.baseline import Baseline
    from guide.index import GuideIndex

log = logging.getLogger(__name__)

AnswerFn = Callable[..., Any]


def select_items(items: list[FactItem], versions: list[str] | None) -> list[FactItem]:
    """With ``versions``: the items whose versions are all among them (``not-indexed`` items are always kept)."""
    if not versions:
        return list(items)
    want = set(versions)
    return [it for it in items if it.kind == "not-indexed" or (it.versions and set(it.versions) <= want)]


def symbol_checker(index: GuideIndex) -> Callable[[str, str, str, int, int], bool | None]:
    cache: dict[tuple[str, str], list] = {}

    def check(version: str, path: str, symbol: str, a: int, b: int) -> bool | None:
        key = (symbol, version)
        if key not in cache:
            cache[key] = definitions(index, symbol, version)
        return any(d.path == path and d.start_line <= b and a <= d.end_line for d in cache[key])

    return check


@dataclass
class RunResult:
    scores: list[ItemScore]
    summary: dict[str, Any]
    out_dir: Path | None = None
    answers: list[dict[str, Any]] = field(default_factory=list)


def run_eval(
    items: list[FactItem],
    *,
    index: GuideIndex | None = None,
    llm: Any = None,
    k: int = 5,
    baseline: Baseline | None = None,
    out_dir: Path | None = None,
    answer_fn: AnswerFn | None = None,
    progress: Callable[[str], None] | None = None,
    meta: dict[str, Any] | None = None,
) -> RunResult:
    """Answer and score every item; write ``items.jsonl``, ``summary.json``, ``report.md`` and ``chart.png``
    to ``out_dir`` when given."""
    if index is None:
        from guide.index import open_index

        index = open_index()
    if answer_fn is None:
        from guide.answering import answer

        answer_fn = answer
    ask: AnswerFn = answer_fn
    reader = GitSource(index)
    sym = symbol_checker(index)
    scores: list[ItemScore] = []
    answers: list[dict[str, Any]] = []
    t_run = time.monotonic()
    for i, item in enumerate(items, 1):
        versions = None if item.kind == "not-indexed" else (item.versions or None)
        t0 = time.monotonic()
        err = None
        data: dict[str, Any] | None = None
        try:
            history = _conversation(ask, item, llm, index, k)
            t0 = time.monotonic()  # the follow-up's own time
            ans = ask(item.question, versions=versions, llm=llm, index=index, k=k, **history)
            data = ans.to_json() if hasattr(ans, "to_json") else dict(ans)
        except Exception as e:  # one failing item is a result, not the end of the run
            log.exception("item %s failed", item.id)
            err = f"{type(e).__name__}: {e}"
        latency = time.monotonic() - t0
        s = score_item(item, data, reader, symbol_check=sym, latency_s=round(latency, 3), error=err)
        if baseline is not None and item.expect_citations:
            try:
                hits = baseline.search(item.question, item.versions, k=max(k, 5))
                s.baseline = {**score_retrieval(hits, item.expect_citations), "retrieved": hits}
            except Exception as e:  # pragma: no cover - reported, not fatal
                s.baseline = {"error": f"{type(e).__name__}: {e}", "hit_at_1": 0.0, "hit_at_5": 0.0, "rr": 0.0}
        scores.append(s)
        answers.append({"id": item.id, "answer": data, "error": err})
        if progress:
            progress(_progress_line(i, len(items), s))
    summary = summarize(scores)
    summary["run"] = {
        **(meta or {}),
        "k": k,
        "items": len(items),
        "seconds": round(time.monotonic() - t_run, 1),
        "finished_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }
    if baseline is not None:
        summary.setdefault("baseline", {})["manifest"] = baseline.manifest
    result = RunResult(scores, summary, out_dir, answers)
    if out_dir is not None:
        write_outputs(result, out_dir)
    return result


def _conversation(ask: AnswerFn, item: FactItem, llm: Any, index: GuideIndex, k: int) -> dict[str, Any]:
    """The keyword arguments that make ``item`` a follow-up: its ``history`` questions asked first, each with the
    conversation before it, as the web chat asks them (no releases passed: each turn's own words or its thread's
    give them). Empty for an item that is a conversation's first question."""
    if not item.history:
        return {}
    turns: list[tuple[str, str]] = []
    for question in item.history:
        before = ask(question, llm=llm, index=index, k=k, history=list(turns))
        turns.append((question, str(before.text if hasattr(before, "text") else before["text"])))
    return {"history": turns}


def _progress_line(i: int, n: int, s: ItemScore) -> str:
    bits = [f"[{i}/{n}] {s.id:<28} {s.kind:<15} route={s.route or '-':<11} {s.latency_s:6.2f}s"]
    if s.hit_at_5 is not None:
        bits.append(f"hit@5={int(s.hit_at_5)}")
    if s.fact_coverage is not None:
        bits.append(f"facts={s.fact_coverage:.2f}")
    if s.absence_correct is not None:
        bits.append(f"absent={int(s.absence_correct)}")
    if s.invalid_citations:
        bits.append(f"INVALID={len(s.invalid_citations)}")
    if s.error:
        bits.append(f"ERROR {s.error}")
    return " ".join(bits)


def write_outputs(result: RunResult, out_dir: Path) -> None:
    from evals.report import write_chart, write_markdown

    out_dir.mkdir(parents=True, exist_ok=True)
    with (out_dir / "items.jsonl").open("w", encoding="utf-8") as f:
        for s, a in zip(result.scores, result.answers, strict=True):
            row = s.to_json()
            ans = a.get("answer") or {}
            row["answer_text"] = ans.get("text")
            row["warnings"] = ans.get("warnings")
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    (out_dir / "summary.json").write_text(json.dumps(result.summary, indent=2, ensure_ascii=False) + "\n")
    write_markdown(result, out_dir / "report.md")
    write_chart(result.summary, out_dir / "chart.png")
