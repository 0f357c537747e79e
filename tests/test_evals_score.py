"""The scorer on crafted answers: it must pass a right answer and fail each kind of wrong one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.facts import FactItem, FactsError, load_facts, parse_lines
from evals.score import (
    METRIC_KEYS,
    check_citation,
    check_targets,
    score_item,
    summarize,
)

LINES = {
    ("go1.27.3", "src/runtime/chan.go"): [f"line {i}" for i in range(1, 61)],
    ("go1.21.13", "src/runtime/chan.go"): [f"old {i}" for i in range(1, 61)],
}


class FakeReader:
    def excerpt(self, tag: str, path: str, start: int, end: int) -> str | None:
        lines = LINES.get((tag, path))
        if lines is None or start < 1 or end > len(lines) or start > end:
            return None
        return "\n".join(lines[start - 1 : end])


def symbols(version: str, path: str, symbol: str, a: int, b: int) -> bool | None:
    defs = {("go1.27.3", "runtime.hchan"): (34, 55), ("go1.21.13", "runtime.hchan"): (33, 52)}
    span = defs.get((version, symbol))
    return span is not None and span[0] <= b and a <= span[1]


def cit(version: str = "go1.27.3", a: int = 30, b: int = 55, **kw) -> dict:
    path = kw.pop("path", "src/runtime/chan.go")
    excerpt = FakeReader().excerpt(version, path, a, b)
    d = {
        "n": 1, "version": version, "path": path, "start_line": a, "end_line": b, "symbol": "runtime.hchan",
        "url": f"https://github.com/golang/go/blob/{version}/{path}#L{a}-L{b}", "excerpt": excerpt,
    }  # fmt: skip
    d.update(kw)
    return d


HCHAN = FactItem.model_validate(
    {
        "id": "hchan", "question": "Where is hchan?", "versions": ["go1.27.3"], "kind": "locate",
        "expect_citations": [{"version": "go1.27.3", "path": "src/runtime/chan.go", "symbol": "hchan",
                              "start_line": 34, "end_line": 55}],
        "expect_facts": [["lock"], ["mutex", "futex"]],
    }
)  # fmt: skip


def answer(text: str, citations: list[dict], retrieved: list[dict] | None = None, route: str = "retrieve") -> dict:
    return {"text": text, "citations": citations, "retrieved": retrieved if retrieved is not None else citations,
            "route": route}  # fmt: skip


def test_right_answer_passes() -> None:
    s = score_item(HCHAN, answer("hchan is guarded by `lock mutex` [1]", [cit()]), FakeReader(), symbol_check=symbols)
    assert (s.hit_at_1, s.hit_at_5, s.rr) == (1.0, 1.0, 1.0)
    assert s.citation_validity == 1.0 and s.citation_recall == 1.0 and s.fact_coverage == 1.0
    assert s.absence_correct is None and s.compare_both_cited is None


def test_wrong_version_fails() -> None:
    c = cit(version="go1.21.13")
    s = score_item(HCHAN, answer("lock mutex [1]", [c]), FakeReader(), symbol_check=symbols)
    assert s.hit_at_5 == 0.0 and s.rr == 0.0 and s.citation_recall == 0.0
    assert s.citation_validity == 1.0  # a real citation, just not the expected one


def test_wrong_lines_fail() -> None:
    c = cit(a=1, b=20)
    s = score_item(HCHAN, answer("lock mutex [1]", [c]), FakeReader(), symbol_check=symbols)
    assert s.hit_at_5 == 0.0 and s.citation_recall == 0.0
    assert s.citation_validity == 0.0  # and hchan is not in lines 1-20: the symbol claim is false


def test_rank_counts() -> None:
    other = cit(a=1, b=10, symbol="")
    s = score_item(HCHAN, answer("lock mutex", [], retrieved=[other, other, cit()]), FakeReader())
    assert (s.hit_at_1, s.hit_at_5, s.first_hit_rank) == (0.0, 1.0, 3)
    assert s.rr == pytest.approx(1 / 3)
    assert s.citation_recall == 0.0  # retrieved but not cited


def test_invalid_citations_detected() -> None:
    r = FakeReader()
    assert check_citation(cit(), r, symbols) is None
    assert "differs" in (check_citation(cit(excerpt="made up"), r) or "")
    assert "no such lines" in (check_citation(cit(a=50, b=99), r) or "")
    assert "no such lines" in (check_citation(cit(path="src/runtime/nope.go"), r) or "")
    assert "URL" in (check_citation(cit(url="https://github.com/golang/go/blob/go1.27.3/x.go#L1-L2"), r) or "")
    assert "malformed" in (check_citation({"version": "go1.27.3"}, r) or "")
    # the design documents' snapshot is named by its upstream commit in a permalink, not by the tag "design"
    from evals.score import url_names

    ref = "https://github.com/golang/proposal/blob/f6e2e6b7f89c932d16aaa20b2aabddd599e5b468/README.md#L237-L253"
    assert url_names(ref, "design", "README.md", 237, 253) and not url_names(ref, "design", "README.md", 1, 253)
    assert not url_names(ref.replace("/README.md", "/design/README.md"), "design", "README.md", 237, 253)
    assert not url_names(ref, "design", "README.md", 23, 253)  # "L237" does not name line 23
    plain = ref.replace("#L", "?plain=1#L")  # a Markdown file's lines, as GitHub shows them
    assert url_names(plain, "design", "README.md", 237, 253) and not url_names(plain, "design", "README.md", 1, 253)
    # lines of a file cited for what they say (kind "text", the path as their name) claim no definition
    text = cit(a=1, b=20, symbol="src/runtime/chan.go") | {"kind": "text"}
    assert check_citation(text, r, symbols) is None
    assert "not defined" in (check_citation(cit(a=1, b=20), r, symbols) or "")


def test_missing_fact_group() -> None:
    s = score_item(HCHAN, answer("it has a lock [1]", [cit()]), FakeReader())
    assert s.fact_coverage == 0.5 and s.missing_facts == [["mutex", "futex"]]


def test_facts_stated_first() -> None:
    """A diagnostic beside fact coverage: the facts the answer states in its first 1,000 characters after the intro
    line (a fact stated only after a long tour counts for ``fact_coverage``, not for ``fact_coverage_first``)."""
    from evals.score import FIRST_CHARS, summarize

    first = score_item(HCHAN, answer("Intro: a mutex.\nhchan has a lock [1]", [cit()]), FakeReader())
    late = score_item(
        HCHAN, answer("Intro.\nhchan has a lock [1]" + "x" * FIRST_CHARS + " mutex", [cit()]), FakeReader()
    )
    assert first.fact_coverage == 1.0 and first.fact_coverage_first == 0.5  # the intro line is not read
    assert late.fact_coverage == 1.0 and late.fact_coverage_first == 0.5
    assert summarize([first, late])["fact_coverage_first"] == 0.5
    # the extractive answerer's line is not read where it is: after a short answer, which is
    short = "**The short answer** (...): hchan has a lock.\n\nExtractive answer (no language model): a mutex.\n\nmore"
    assert score_item(HCHAN, answer(short, [cit()]), FakeReader()).fact_coverage_first == 0.5


def test_the_answerer_line_the_opening_skips_is_the_extractive_answers() -> None:
    """``evals.score.ANSWERER_LINE`` matches every opening line the extractive answerer writes, in both languages."""
    from evals.score import ANSWERER_LINE
    from guide.language import Lang

    keys = ["", "_tour", "_recap", "_tour_only", "_tour_after", "_quotes_tour", "_unsaid"]
    intros = [Lang(code).text(f"extractive_intro{k}", scope="go1.27.3") for code in ("en", "zh") for k in keys]
    assert all(ANSWERER_LINE.match(v) for v in intros), intros


ABSENT = FactItem.model_validate(
    {"id": "a", "question": "Where is typ2Itab?", "versions": ["go1.21.13", "go1.27.3"], "kind": "version-absence"}
)
NOT_INDEXED = FactItem.model_validate(
    {"id": "n", "question": "In Go 1.9 where is hchan?", "versions": ["go1.9"], "kind": "not-indexed"}
)


def test_absence() -> None:
    r = FakeReader()
    good = answer("`typ2Itab` is not defined in any indexed release (go1.21.13–go1.27.3).", [], route="absent")
    assert score_item(ABSENT, good, r).absence_correct == 1.0
    zh = answer("`typ2Itab` 在任何已索引的版本中都没有定义。", [])
    assert score_item(ABSENT, zh, r).absence_correct == 1.0
    bad = answer("typ2Itab converts a type to an itab [1]", [cit()])
    assert score_item(ABSENT, bad, r).absence_correct == 0.0
    failed = score_item(ABSENT, None, r, error="RuntimeError: boom")
    assert failed.absence_correct == 0.0
    # Chinese prose that finds nothing or a deleted slot says nothing is absent
    for said in ("不唤醒找不到事做的线程 [1]", "都找不到时，`c.grow()` 获取新 span [1]", "“空”“已删除” [1]"):
        assert not score_item(ABSENT, answer(said, [cit()]), r).said_absent, said
    nothing = answer("在 go1.27.3 中没有找到相关内容：本指南阅读的是 Go 运行时的源码。", [])
    assert score_item(ABSENT, nothing, r).said_absent


def test_not_indexed() -> None:
    r = FakeReader()
    good = answer("go1.9 is not indexed. Indexed releases: go1.21.13, go1.27.3.", [], route="not-indexed")
    assert score_item(NOT_INDEXED, good, r).absence_correct == 1.0
    substituted = answer("go1.9 is not indexed, but in go1.27.3 hchan is here [1]", [cit()])
    assert score_item(NOT_INDEXED, substituted, r).absence_correct == 0.0
    labelled = answer("go1.9 is not indexed. Below: the nearest indexed release, go1.27.3. hchan is here [1]", [cit()])
    assert score_item(NOT_INDEXED, labelled, r).absence_correct == 1.0
    late = answer("hchan is here [1]. go1.9 is not indexed; this is the nearest indexed release.", [cit()])
    assert score_item(NOT_INDEXED, late, r).absence_correct == 0.0
    silent = answer("hchan is in src/runtime/chan.go [1]", [cit()])
    assert score_item(NOT_INDEXED, silent, r).absence_correct == 0.0


COMPARE = FactItem.model_validate(
    {
        "id": "c", "question": "What changed in hchan?", "versions": ["go1.21.13", "go1.27.3"], "kind": "compare",
        "expect_citations": [
            {"version": "go1.21.13", "path": "src/runtime/chan.go", "symbol": "hchan",
             "start_line": 33, "end_line": 52},
            {"version": "go1.27.3", "path": "src/runtime/chan.go", "symbol": "hchan",
             "start_line": 34, "end_line": 55},
        ],
        "expect_facts": [["timer"]],
    }
)  # fmt: skip


def test_compare_needs_both_sides() -> None:
    r = FakeReader()
    both = answer("field timer added [1] [2]", [cit("go1.21.13", 33, 52), cit("go1.27.3", 34, 55)], route="compare")
    s = score_item(COMPARE, both, r, symbol_check=symbols)
    assert s.compare_both_cited == 1.0 and s.citation_recall == 1.0 and s.citation_validity == 1.0
    one = answer("field timer added [1]", [cit("go1.27.3", 34, 55)], route="compare")
    s1 = score_item(COMPARE, one, r, symbol_check=symbols)
    assert s1.compare_both_cited == 0.0 and s1.citation_recall == 0.5


def test_summary_keys_and_targets() -> None:
    r = FakeReader()
    scores = [
        score_item(HCHAN, answer("lock mutex [1]", [cit()]), r, latency_s=1.0),
        score_item(ABSENT, answer("not defined in any indexed release", []), r, latency_s=3.0),
        score_item(COMPARE, answer("timer [1]", [cit("go1.27.3", 34, 55)]), r, latency_s=2.0),
    ]
    sm = summarize(scores)
    for key in METRIC_KEYS:
        assert key in sm
        for kind in ("locate", "version-absence", "compare"):
            assert key in sm["by_kind"][kind]
    assert sm["n"] == 3 and sm["latency_p50_s"] == 2.0
    assert sm["by_kind"]["locate"]["absence_correct"] is None
    assert sm["by_kind"]["version-absence"]["hit_at_5"] is None
    assert sm["compare_both_cited"] == 0.0
    assert (
        check_targets({"hit_at_5": 0.95, "citation_validity": 1.0, "fact_coverage": 0.8, "absence_correct": 1.0}) == []
    )
    missed = check_targets({"hit_at_5": 0.85, "citation_validity": 0.99, "fact_coverage": None})
    assert len(missed) == 2 and "hit_at_5" in missed[0]


def test_fact_file_errors_name_file_and_line(tmp_path: Path) -> None:
    good = json.dumps({"id": "x", "question": "q", "versions": ["go1.27.3"], "kind": "version-absence"})
    f = tmp_path / "f.jsonl"
    f.write_text(good + "\n\n" + '{"id": "y", "question": "q", "kind": "locate", "versions": ["go1.27.3"]}\n')
    with pytest.raises(FactsError, match=r"f\.jsonl:3: .*expected citation"):
        load_facts(f)
    f.write_text(good + "\n{not json\n")
    with pytest.raises(FactsError, match=r"f\.jsonl:2: not JSON"):
        load_facts(f)
    f.write_text(good + "\n" + good + "\n")
    with pytest.raises(FactsError, match="duplicate id"):
        load_facts(tmp_path)
    with pytest.raises(FactsError, match="kind"):
        parse_lines(['{"id": "z", "question": "q", "versions": ["go1.27.3"], "kind": "bogus"}'], "mem")
    with pytest.raises(FactsError, match="two versions"):
        parse_lines([json.dumps({**COMPARE.model_dump(), "versions": ["go1.27.3"]})], "mem")


def test_team_fact_set_is_well_formed() -> None:
    items = load_facts(Path(__file__).resolve().parents[1] / "evals" / "facts")
    kinds = [it.kind for it in items]
    assert len(items) >= 50
    assert kinds.count("compare") >= 12
    assert kinds.count("version-absence") + kinds.count("not-indexed") >= 4
    assert sum(1 for it in items if any("\u4e00" <= ch <= "\u9fff" for ch in it.question)) >= 3
