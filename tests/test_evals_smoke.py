"""A smoke eval on the fixture index: the fact file verifies, the runner answers every item through
``guide.answer()`` with the index injected, and writes its JSON, Markdown and chart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.cli import main as evals_main
from evals.facts import FactItem, load_facts
from evals.run import run_eval
from evals.score import METRIC_KEYS
from evals.verify import cite, verify_items

FACTS = Path(__file__).resolve().parent / "fixture_facts.jsonl"


def test_fixture_facts_verify(fixture_index) -> None:
    items = load_facts(FACTS)
    checks = verify_items(fixture_index, items)
    assert [c.problems for c in checks if not c.ok] == []
    assert cite(fixture_index, "runtime.hchan", "go1.27.3")["start_line"] == 25  # tests/fixture_repo.py: 25-36


def test_verify_catches_wrong_facts(fixture_index) -> None:
    item = load_facts(FACTS)[0]
    data = item.model_dump()
    shifted = FactItem.model_validate({**data, "expect_citations": [{**data["expect_citations"][0], "start_line": 24}]})
    wrong_path = FactItem.model_validate(
        {**data, "expect_citations": [{**data["expect_citations"][0], "path": "src/runtime/chan2.go"}]}
    )
    wrong_fact = FactItem.model_validate({**data, "expect_facts": [["virtual machine"]]})
    gone = FactItem.model_validate(
        {**data, "expect_citations": [{"version": "go1.27.3", "path": "src/runtime/map.go", "symbol": "runtime.hmap",
                                       "start_line": 4, "end_line": 8}]}
    )  # fmt: skip
    problems = [c.problems for c in verify_items(fixture_index, [shifted, wrong_path, wrong_fact, gone])]
    assert "not 24-36" in problems[0][0]
    assert "no such file" in problems[1][0]
    assert "occurs in none" in problems[2][0]
    assert "no such file" in problems[3][0]  # map.go is gone at go1.27.3


def test_smoke_eval_on_fixture(fixture_index, tmp_path: Path) -> None:
    items = load_facts(FACTS)
    res = run_eval(items, index=fixture_index, out_dir=tmp_path, meta={"facts": str(FACTS)})
    sm = json.loads((tmp_path / "summary.json").read_text())
    for key in METRIC_KEYS:
        assert key in sm
    assert sm["n"] == len(items) and sm["errors"] == 0
    assert set(sm["by_kind"]) == {"locate", "explain", "compare", "version-absence", "not-indexed"}
    assert sm["citation_validity"] == 1.0  # every citation re-read from git and found identical
    rows = [json.loads(x) for x in (tmp_path / "items.jsonl").read_text().splitlines()]
    by_id = {r["id"]: r for r in rows}
    assert len(rows) == len(items)
    assert by_id["fx-hchan"]["hit_at_5"] == 1.0
    assert by_id["fx-not-indexed"]["absence_correct"] == 1.0
    assert by_id["fx-not-indexed"]["route"] == "not-indexed"
    assert (tmp_path / "report.md").read_text().startswith("# Evaluation report")
    assert (tmp_path / "chart.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(res.scores) == len(items)


def test_thresholds_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ok = {"hit_at_5": 0.95, "citation_validity": 1.0, "fact_coverage": 0.85, "absence_correct": 1.0}
    (tmp_path / "ok.json").write_text(json.dumps(ok))
    (tmp_path / "bad.json").write_text(json.dumps({**ok, "hit_at_5": 0.7}))
    assert evals_main(["thresholds", "--summary", str(tmp_path / "ok.json")]) == 0
    assert evals_main(["thresholds", "--summary", str(tmp_path / "bad.json")]) == 1
    assert "hit_at_5" in capsys.readouterr().out


def test_follow_up_item_asks_its_conversation_first(fixture_index) -> None:
    """An item with ``history`` is a follow-up: its earlier questions are asked first, in order, each with the turns
    before it, and the item's question is asked with all of them (the web chat's conversation)."""
    item = load_facts(FACTS)[0]
    follow = FactItem.model_validate({**item.model_dump(), "history": ["What is a channel?", "Where is it?"]})
    asked: list[tuple[str, list[tuple[str, str]], object]] = []

    def fake(question: str, versions=None, **kw):  # records what each turn was given
        asked.append((question, list(kw.get("history") or []), versions))
        return {"text": f"answer to {question}", "citations": []}

    run_eval([follow], index=fixture_index, answer_fn=fake)
    assert [q for q, _, _ in asked] == ["What is a channel?", "Where is it?", item.question]
    assert asked[0][1] == [] and asked[1][1] == [("What is a channel?", "answer to What is a channel?")]
    assert [q for q, _ in asked[2][1]] == ["What is a channel?", "Where is it?"]
    assert asked[0][2] is None and asked[2][2] == item.versions  # earlier turns: no releases passed
