"""Scoring retrieval on needle items: each item's question through :func:`evals.needles.search` in each mode
(top ``k``), the rank of the first entry matching the expected citation (:func:`evals.score.first_hit_rank`: same
version and path, overlapping lines), aggregated overall, per package group, per release and per declaration kind.

Retrieval only: the answerer is not run. Any fact file with expected citations can be scored this way; for items
that are not needles the group comes from the expected path and the declaration kind is ``-``.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from evals.facts import FactItem
from evals.needles import GROUPS, MODES, fingerprint, path_group, search
from evals.score import first_hit_rank

if TYPE_CHECKING:
    from guide.index import GuideIndex

K = 10


def spread(items: list[FactItem], limit: int | None) -> list[FactItem]:
    """``limit`` items evenly spaced over the list (so a quick trial covers every release and group)."""
    if not limit or limit >= len(items):
        return list(items)
    return [items[i * len(items) // limit] for i in range(limit)]


def _label(e: dict[str, Any]) -> str:
    return f"{e['path']}:{e['start_line']}-{e['end_line']} @ {e['version']}"


@dataclass
class NeedleResult:
    id: str
    question: str
    release: str
    group: str
    decl_kind: str
    symbol: str
    expected: str
    ranks: dict[str, int | None] = field(default_factory=dict)
    ms: dict[str, float] = field(default_factory=dict)
    top: dict[str, list[str]] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def describe(item: FactItem) -> tuple[str, str, str]:
    """(group, declaration kind, symbol) of an item; from the needle notes when present, else from the citation."""
    exp = item.expect_citations[0]
    bits = item.notes.split(maxsplit=3)
    if len(bits) == 4 and bits[0] == "needle":
        return bits[1], bits[2], bits[3]
    return path_group(exp.path) or "other", "-", exp.symbol or "-"


def score_item(index: GuideIndex, item: FactItem, modes: tuple[str, ...], k: int, search_fn: Callable) -> NeedleResult:
    exp = item.expect_citations[0]
    group, kind, symbol = describe(item)
    r = NeedleResult(item.id, item.question, exp.version, group, kind, symbol, _label(exp.model_dump()))
    for mode in modes:
        t0 = time.perf_counter()
        try:
            entries = search_fn(index, item.question, list(item.versions), k, mode)
        except Exception as e:  # one failing search is a miss, reported, not the end of the run
            entries = []
            r.errors[mode] = f"{type(e).__name__}: {e}"
        r.ms[mode] = round((time.perf_counter() - t0) * 1000, 1)
        r.ranks[mode] = first_hit_rank(entries[:k], item.expect_citations)
        r.top[mode] = [_label(e) for e in entries[:3]]
    return r


def metrics(ranks: list[int | None]) -> dict[str, Any]:
    n = len(ranks)

    def share(cut: int) -> float | None:
        return round(sum(1 for x in ranks if x is not None and x <= cut) / n, 4) if n else None

    mrr = round(sum(1.0 / x for x in ranks if x) / n, 4) if n else None
    return {"n": n, "hit_at_1": share(1), "hit_at_5": share(5), "hit_at_10": share(10), "mrr": mrr}


def _by(results: list[NeedleResult], mode: str, key: Callable[[NeedleResult], str], names: list[str]) -> dict:
    return {n: metrics([r.ranks.get(mode) for r in results if key(r) == n]) for n in names}


def summarize(results: list[NeedleResult], modes: tuple[str, ...]) -> dict[str, Any]:
    releases = list(dict.fromkeys(r.release for r in results))
    groups = [g for g in (*GROUPS, "other") if any(r.group == g for r in results)]
    kinds = sorted({r.decl_kind for r in results})
    out: dict[str, Any] = {}
    for m in modes:
        out[m] = {
            **metrics([r.ranks.get(m) for r in results]),
            "latency_p50_ms": round(statistics.median(r.ms[m] for r in results), 1) if results else None,
            "errors": sum(1 for r in results if m in r.errors),
            "by_group": _by(results, m, lambda r: r.group, groups),
            "by_release": _by(results, m, lambda r: r.release, releases),
            "by_decl_kind": _by(results, m, lambda r: r.decl_kind, kinds),
        }
    return out


def overlap(results: list[NeedleResult], modes: tuple[str, ...], cut: int = 10) -> dict[str, int]:
    """How many items each combination of modes finds in the top ``cut`` (``lexical+hybrid``: those two only)."""
    combos: dict[str, int] = {}
    for r in results:
        found = [m for m in modes if (r.ranks.get(m) or cut + 1) <= cut]
        key = "+".join(found) or "none"
        combos[key] = combos.get(key, 0) + 1
    return dict(sorted(combos.items(), key=lambda x: (-x[1], x[0])))


def vector_status(index: GuideIndex) -> dict[str, int]:
    c = index.reader.counts()
    return {"chunks_embedded": c["chunks_embedded"], "chunks_to_embed": c["chunks_embeddable"] - c["chunks_embedded"]}


def run_needles(
    items: list[FactItem],
    index: GuideIndex,
    *,
    modes: tuple[str, ...] = MODES,
    k: int = K,
    search_fn: Callable = search,
    progress: Callable[[str], None] | None = None,
    meta: dict[str, Any] | None = None,
) -> tuple[dict[str, Any], list[NeedleResult]]:
    """Score every item (with at least one expected citation) in every mode; the summary and per-item results."""
    todo = [it for it in items if it.expect_citations]
    t_run = time.monotonic()
    results: list[NeedleResult] = []
    for i, item in enumerate(todo, 1):
        results.append(score_item(index, item, modes, k, search_fn))
        if progress and (i % 25 == 0 or i == len(todo)):
            hits = " ".join(f"{m} hit@5={metrics([r.ranks[m] for r in results])['hit_at_5']:.2f}" for m in modes)
            progress(f"[{i}/{len(todo)}] {time.monotonic() - t_run:6.1f}s  {hits}")
    summary = {
        "run": {
            **(meta or {}),
            "k": k,
            "modes": list(modes),
            "items": len(todo),
            "index": fingerprint(index),
            "vectors": vector_status(index),
            "seconds": round(time.monotonic() - t_run, 1),
            "finished_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
        },
        "modes": summarize(results, modes),
        "found_by": overlap(results, modes),
    }
    return summary, results


def write_outputs(summary: dict[str, Any], results: list[NeedleResult], out: Path) -> None:
    from evals.needles_report import markdown

    out.mkdir(parents=True, exist_ok=True)
    (out / "summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    with (out / "items.jsonl").open("w", encoding="utf-8") as f:
        for r in results:
            f.write(json.dumps(r.__dict__, ensure_ascii=False) + "\n")
    (out / "report.md").write_text(markdown(summary, results), encoding="utf-8")
