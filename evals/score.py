"""Scoring one answer against one fact item, and aggregating scores (overall and by kind).

Everything here works on plain data — the answer's JSON form (:meth:`guide.answer.Answer.to_json`) or anything
with the same fields — so the scorer is tested on crafted answers without an index.

Definitions (also in evals/README.md):

- a *match* of an expected citation: same version, same path, line ranges overlapping;
- retrieval ``hit@1`` / ``hit@5`` / reciprocal rank: the rank (1-based, in ``retrieved`` order) of the first
  retrieved entry matching any expected citation;
- citation validity: an answer's citation is valid when git holds exactly its excerpt at that version, path and
  lines, its URL names that version, path and lines, and the symbol it names is defined there (overlapping lines)
  according to the symbol table; pooled over all citations of all items;
- citation recall: share of expected citations matched by a citation of the answer;
- fact coverage: share of ``expect_facts`` groups with an alternative in the answer text (case-insensitive);
- absence: the answer *says* absent — see :data:`ABSENT_PATTERNS` / :data:`NOT_INDEXED_PATTERNS` (text only, so a
  model that words it its own way is judged the same); a ``not-indexed`` answer must also cite nothing;
- compare: both (all) of the item's versions appear among the answer's citations.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from evals.facts import ABSENCE_KINDS, KINDS, ExpectedCitation, FactItem

ABSENT_PATTERNS = re.compile(
    r"\bnot (?:defined|declared|present|found|indexed)\b|\bnothing relevant\b"
    r"|\b(?:does not|doesn't|no longer) exists?\b|\bno (?:such|definition)\b"
    r"|不存在|没有定义|未定义|没有找到相关内容|未被索引|未索引|已被移除",
    re.IGNORECASE,
)
"""What counts as saying "this is not there" (English and Chinese, as guide/language.py words it and beyond). Not the
bare 找不到 / 没有找到 ("cannot find", "found none") nor 已删除 ("deleted"): Chinese prose says them of anything, and
they had counted as absence claims the team's annotations of the scheduler ("不唤醒那些找不到事做的线程", threads that
find nothing to do), of maps' control bytes ("已删除", a deleted slot) and of the allocator ("都找不到时"): ten
answers of the plain dev half's 85 were counted as saying "absent"."""
NOT_INDEXED_PATTERNS = re.compile(r"\bnot indexed\b|\bisn't indexed\b|未被索引|未索引|没有索引", re.IGNORECASE)
NEAREST_PATTERNS = re.compile(r"\bnearest indexed release\b|最接近的已索引版本", re.IGNORECASE)
"""How an answer labels a release it answers for instead of the one asked, which is not indexed."""
_MARKER = re.compile(r"\[\d+\]")

METRIC_KEYS = (
    "n",
    "hit_at_1",
    "hit_at_5",
    "mrr",
    "citation_validity",
    "citation_recall",
    "fact_coverage",
    "absence_correct",
    "compare_both_cited",
    "latency_p50_s",
)


class SourceReader(Protocol):
    def excerpt(self, tag: str, path: str, start: int, end: int) -> str | None: ...


SymbolCheck = Callable[[str, str, str, int, int], bool | None]
"""(version, path, symbol, start, end) -> whether the symbol is defined there; None when it cannot be told."""


def overlaps(a1: int, a2: int, b1: int, b2: int) -> bool:
    return a1 <= b2 and b1 <= a2


def matches(entry: dict[str, Any], exp: ExpectedCitation) -> bool:
    try:
        return (
            entry.get("version") == exp.version
            and entry.get("path") == exp.path
            and overlaps(int(entry["start_line"]), int(entry["end_line"]), exp.start_line, exp.end_line)
        )
    except (KeyError, TypeError, ValueError):
        return False


def first_hit_rank(retrieved: list[dict[str, Any]], expected: list[ExpectedCitation]) -> int | None:
    for rank, entry in enumerate(retrieved, 1):
        if any(matches(entry, e) for e in expected):
            return rank
    return None


_BLOB = re.compile(r"/blob/([^/]+)/(.+?)(?:\?plain=1)?#L(\d+)-L(\d+)$")
"""A permalink: ``/blob/REF/PATH#LA-LB``, a Markdown file's with ``?plain=1`` (its text, not its rendering)."""


def url_names(url: str, version: str, path: str, a: int, b: int) -> bool:
    """Whether a permalink names the release, the path and the lines cited, exactly (``/blob/REF/PATH#LA-LB``; a
    URL of another form must contain each). The design documents' snapshot (tag ``design``) is named by the upstream
    commit it was taken at, not by the local tag (a document at the proposal repository's top, README.md, had been
    reported invalid)."""
    m = _BLOB.search(url)
    if m is not None:
        ref, named, x, y = m.groups()
        return named == path and (int(x), int(y)) == (a, b) and (ref == version or version == "design")
    return version in url and path in url and all(re.search(rf"L{n}(?!\d)", url) for n in (a, b))


def check_citation(c: dict[str, Any], reader: SourceReader, symbol_check: SymbolCheck | None = None) -> str | None:
    """Why citation ``c`` is invalid, or None when it is valid (re-read from git, independently of the answerer)."""
    try:
        version, path = str(c["version"]), str(c["path"])
        a, b = int(c["start_line"]), int(c["end_line"])
    except (KeyError, TypeError, ValueError):
        return "malformed citation (version, path, start_line, end_line)"
    where = f"{path}:{a}-{b} @ {version}"
    text = reader.excerpt(version, path, a, b)
    if text is None:
        return f"{where}: no such lines at that version"
    if (c.get("excerpt") or "") != text:
        return f"{where}: the excerpt differs from the lines in git"
    url = str(c.get("url") or "")
    if url and not url_names(url, version, path, a, b):
        return f"{where}: the URL {url} names other lines"
    sym = str(c.get("symbol") or "")
    # lines of a file cited for what they say (kind text or file, the path as their name) claim no definition
    quoted_lines = c.get("kind") in ("text", "file") and sym == path
    if sym and not quoted_lines and symbol_check is not None and symbol_check(version, path, sym, a, b) is False:
        return f"{where}: {sym} is not defined in those lines"
    return None


def fact_groups_met(text: str, groups: list[list[str]]) -> tuple[int, list[list[str]]]:
    low = text.lower()
    missing = [g for g in groups if not any(a.lower() in low for a in g)]
    return len(groups) - len(missing), missing


def says_absent(text: str) -> bool:
    return bool(ABSENT_PATTERNS.search(text or ""))


def says_not_indexed(text: str) -> bool:
    return bool(NOT_INDEXED_PATTERNS.search(text or ""))


@dataclass
class ItemScore:
    id: str
    kind: str
    question: str
    versions: list[str]
    route: str = ""
    error: str | None = None
    first_hit_rank: int | None = None
    hit_at_1: float | None = None
    hit_at_5: float | None = None
    rr: float | None = None
    citations: int = 0
    citations_valid: int = 0
    invalid_citations: list[str] = field(default_factory=list)
    citation_recall: float | None = None
    missed_citations: list[str] = field(default_factory=list)
    fact_coverage: float | None = None
    missing_facts: list[list[str]] = field(default_factory=list)
    fact_coverage_cited: float | None = None
    """Diagnostic: the same groups looked up in the text *and* the excerpts it cites — high here but low in
    ``fact_coverage`` means the facts were in the sources and the answer did not say them (composition, not
    retrieval)."""
    fact_coverage_first: float | None = None
    """Diagnostic: the same groups looked up in the answer's first ``FIRST_CHARS`` characters after its first line
    (the intro): whether the answer states the asked facts first, or only somewhere in it."""
    said_absent: bool = False
    absence_correct: float | None = None
    compare_both_cited: float | None = None
    latency_s: float = 0.0
    cited: list[str] = field(default_factory=list)
    retrieved: list[str] = field(default_factory=list)
    baseline: dict[str, Any] | None = None

    @property
    def citation_validity(self) -> float | None:
        return self.citations_valid / self.citations if self.citations else None

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["citation_validity"] = self.citation_validity
        return d


def _label(e: dict[str, Any]) -> str:
    return f"{e.get('path')}:{e.get('start_line')}-{e.get('end_line')} @ {e.get('version')}"


def score_retrieval(retrieved: list[dict[str, Any]], expected: list[ExpectedCitation]) -> dict[str, Any]:
    rank = first_hit_rank(retrieved, expected)
    return {
        "first_hit_rank": rank,
        "hit_at_1": float(rank is not None and rank <= 1),
        "hit_at_5": float(rank is not None and rank <= 5),
        "rr": 1.0 / rank if rank else 0.0,
    }


FIRST_CHARS = 1000
"""The start of an answer that ``fact_coverage_first`` reads: about what a reader sees first."""
ANSWERER_LINE = re.compile(r"^(?:Extractive answer \(no language model\)|摘录式回答（未使用语言模型）)")
"""The line of an extractive answer that says what follows and that no language model wrote it: not read by
``fact_coverage_first``, wherever it is in the opening (the short answer comes before it when there is one)."""


def opening(text: str) -> str:
    """The first ``FIRST_CHARS`` characters of an answer without the answerer's line (``ANSWERER_LINE``) among its
    first two paragraphs; without the first line when neither is that (another answerer's opening line)."""
    paras = text.split("\n\n")
    at = next((i for i, p in enumerate(paras[:2]) if ANSWERER_LINE.match(p.lstrip())), None)
    rest = "\n\n".join(paras[:at] + paras[at + 1 :]) if at is not None else text.split("\n", 1)[-1]
    return rest.lstrip()[:FIRST_CHARS]


def score_item(
    item: FactItem,
    ans: dict[str, Any] | None,
    reader: SourceReader,
    *,
    symbol_check: SymbolCheck | None = None,
    latency_s: float = 0.0,
    error: str | None = None,
) -> ItemScore:
    """Score one answer (its JSON form; None when answering failed, with ``error``)."""
    s = ItemScore(item.id, item.kind, item.question, list(item.versions), latency_s=latency_s, error=error)
    ans = ans or {}
    text = str(ans.get("text") or "")
    citations = list(ans.get("citations") or [])
    retrieved = list(ans.get("retrieved") or [])
    s.route = str(ans.get("route") or "")
    s.cited = [_label(c) for c in citations]
    s.retrieved = [_label(r) for r in retrieved]
    expected = item.expect_citations

    if expected:
        r = score_retrieval(retrieved, expected)
        s.first_hit_rank, s.hit_at_1, s.hit_at_5, s.rr = r["first_hit_rank"], r["hit_at_1"], r["hit_at_5"], r["rr"]
        found = [e for e in expected if any(matches(c, e) for c in citations)]
        s.citation_recall = len(found) / len(expected)
        s.missed_citations = [_label(e.model_dump()) for e in expected if e not in found]

    for c in citations:
        s.citations += 1
        why = check_citation(c, reader, symbol_check)
        if why is None:
            s.citations_valid += 1
        else:
            s.invalid_citations.append(why)

    if item.expect_facts and item.kind not in ABSENCE_KINDS:
        met, missing = fact_groups_met(text, item.expect_facts)
        s.fact_coverage = met / len(item.expect_facts)
        s.missing_facts = missing
        cited_text = text + "\n" + "\n".join(str(c.get("excerpt") or "") for c in citations)
        s.fact_coverage_cited = fact_groups_met(cited_text, item.expect_facts)[0] / len(item.expect_facts)
        s.fact_coverage_first = fact_groups_met(opening(text), item.expect_facts)[0] / len(item.expect_facts)

    s.said_absent = says_absent(text) or says_not_indexed(text)
    if item.kind == "version-absence":
        s.absence_correct = float(says_absent(text) and error is None)
    elif item.kind == "not-indexed":
        s.absence_correct = float(not_indexed_correct(text, citations, item.versions) and error is None)
    if item.kind == "compare":
        cited_versions = {c.get("version") for c in citations}
        s.compare_both_cited = float(set(item.versions) <= cited_versions)
    return s


def not_indexed_correct(text: str, citations: list[dict[str, Any]], asked: list[str]) -> bool:
    """A release that is not indexed: the answer says so before citing anything, and either cites nothing or labels
    what it cites as the nearest indexed release (never a silent substitute); it cites nothing at the asked one."""
    marker = _MARKER.search(text)
    head = text[: marker.start()] if marker else text
    if not says_not_indexed(head):
        return False
    if not citations:
        return True
    return bool(NEAREST_PATTERNS.search(head)) and not any(c.get("version") in asked for c in citations)


def _mean(xs: Iterable[float | None]) -> float | None:
    vals = [x for x in xs if x is not None]
    return round(sum(vals) / len(vals), 4) if vals else None


def aggregate(scores: list[ItemScore]) -> dict[str, Any]:
    """The summary keys (:data:`METRIC_KEYS`) over ``scores``; None where a key does not apply."""
    total = sum(s.citations for s in scores)
    valid = sum(s.citations_valid for s in scores)
    return {
        "n": len(scores),
        "hit_at_1": _mean(s.hit_at_1 for s in scores),
        "hit_at_5": _mean(s.hit_at_5 for s in scores),
        "mrr": _mean(s.rr for s in scores),
        "citation_validity": round(valid / total, 4) if total else None,
        "citation_recall": _mean(s.citation_recall for s in scores),
        "fact_coverage": _mean(s.fact_coverage for s in scores),
        "absence_correct": _mean(s.absence_correct for s in scores),
        "compare_both_cited": _mean(s.compare_both_cited for s in scores),
        "latency_p50_s": round(statistics.median(s.latency_s for s in scores), 3) if scores else None,
    }


def aggregate_baseline(scores: list[ItemScore]) -> dict[str, Any]:
    rows = [s.baseline for s in scores if s.baseline is not None]
    return {
        "n": len(rows),
        "hit_at_1": _mean(r["hit_at_1"] for r in rows),
        "hit_at_5": _mean(r["hit_at_5"] for r in rows),
        "mrr": _mean(r["rr"] for r in rows),
    }


def summarize(scores: list[ItemScore]) -> dict[str, Any]:
    """Overall keys at the top level, the same keys per kind under ``by_kind`` (kinds in a fixed order)."""
    out = aggregate(scores)
    out["by_kind"] = {
        k: aggregate([s for s in scores if s.kind == k]) for k in KINDS if any(s.kind == k for s in scores)
    }
    out["fact_coverage_cited"] = _mean(s.fact_coverage_cited for s in scores)
    out["fact_coverage_first"] = _mean(s.fact_coverage_first for s in scores)
    for kind, agg in out["by_kind"].items():
        agg["fact_coverage_cited"] = _mean(s.fact_coverage_cited for s in scores if s.kind == kind)
        agg["fact_coverage_first"] = _mean(s.fact_coverage_first for s in scores if s.kind == kind)
    out["errors"] = sum(1 for s in scores if s.error)
    out["false_absence"] = sum(1 for s in scores if s.kind not in ABSENCE_KINDS and s.said_absent)
    if any(s.baseline is not None for s in scores):
        out["baseline"] = aggregate_baseline(scores)
        out["baseline"]["by_kind"] = {
            k: aggregate_baseline([s for s in scores if s.kind == k])
            for k in KINDS
            if any(s.kind == k and s.baseline is not None for s in scores)
        }
    return out


TARGETS: dict[str, tuple[str, float]] = {
    "hit_at_5": (">=", 0.90),
    "citation_validity": (">=", 1.00),
    "fact_coverage": (">=", 0.80),
    "absence_correct": (">=", 1.00),
}


def check_targets(summary: dict[str, Any], targets: dict[str, tuple[str, float]] | None = None) -> list[str]:
    """The targets missed, as messages (empty when every target is met; a missing metric is not a miss)."""
    missed = []
    for key, (_op, goal) in (targets or TARGETS).items():
        val = summary.get(key)
        if val is None:
            continue
        if float(val) + 1e-9 < goal:
            missed.append(f"{key} = {val:.3f} < {goal:.2f} (short by {goal - float(val):.3f})")
    return missed
