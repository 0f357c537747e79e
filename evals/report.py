"""The summary table (terminal and Markdown), the per-item failure list and the PNG chart (per kind)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from evals.score import METRIC_KEYS, check_targets

if TYPE_CHECKING:
    from evals.run import RunResult

_HEAD = ("scope", *METRIC_KEYS)
_SHORT = {
    "hit_at_1": "hit@1",
    "hit_at_5": "hit@5",
    "citation_validity": "cit.valid",
    "citation_recall": "cit.recall",
    "fact_coverage": "facts",
    "absence_correct": "absence",
    "compare_both_cited": "cmp.both",
    "latency_p50_s": "p50 s",
}


def _fmt(v: Any) -> str:
    if v is None:
        return "–"
    if isinstance(v, float):
        return f"{v:.2f}"
    return str(v)


def table_rows(summary: dict[str, Any]) -> list[list[str]]:
    rows = [["overall", *(_fmt(summary.get(k)) for k in METRIC_KEYS)]]
    for kind, agg in summary.get("by_kind", {}).items():
        rows.append([kind, *(_fmt(agg.get(k)) for k in METRIC_KEYS)])
    return rows


def baseline_rows(summary: dict[str, Any]) -> list[list[str]]:
    b = summary.get("baseline")
    if not b or "n" not in b:
        return []
    keys = ("n", "hit_at_1", "hit_at_5", "mrr")
    rows = [["overall", *(_fmt(b.get(k)) for k in keys), *(_fmt(summary.get(k)) for k in keys[1:])]]
    for kind, agg in b.get("by_kind", {}).items():
        guide = summary.get("by_kind", {}).get(kind, {})
        rows.append([kind, *(_fmt(agg.get(k)) for k in keys), *(_fmt(guide.get(k)) for k in keys[1:])])
    return rows


def text_table(summary: dict[str, Any]) -> str:
    head = [_SHORT.get(h, h) for h in _HEAD]
    rows = [head, *table_rows(summary)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines = [
        "  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))) for r in rows
    ]
    lines.insert(1, "-" * len(lines[0]))
    b = baseline_rows(summary)
    if b:
        bh = ["baseline", "n", "hit@1", "hit@5", "mrr", "guide hit@1", "guide hit@5", "guide mrr"]
        brows = [bh, *b]
        bw = [max(len(r[i]) for r in brows) for i in range(len(bh))]
        lines += [
            "",
            *(
                "  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(r, bw, strict=True)))
                for r in brows
            ),
        ]
    if summary.get("fact_coverage_cited") is not None:
        lines += [
            "",
            f"fact coverage counting the cited excerpts too (diagnostic): {summary['fact_coverage_cited']:.2f}",
        ]
    if summary.get("fact_coverage_first") is not None:
        lines += [f"fact coverage within the answer's first 1,000 characters (diagnostic): "
                  f"{summary['fact_coverage_first']:.2f}"]  # fmt: skip
    missed = check_targets(summary)
    lines += ["", "targets: " + ("all met" if not missed else "MISSED — " + "; ".join(missed))]
    return "\n".join(lines)


def _md(head: list[str], rows: list[list[str]]) -> str:
    out = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(out)


def failures(result: RunResult) -> list[str]:
    out = []
    for s in result.scores:
        why = []
        if s.error:
            why.append(f"error: {s.error}")
        if s.hit_at_5 == 0.0:
            why.append("expected definition not retrieved in the top 5 (retrieved: " + "; ".join(s.retrieved[:5]) + ")")
        if s.invalid_citations:
            why.append("invalid citations: " + "; ".join(s.invalid_citations))
        if s.citation_recall is not None and s.citation_recall < 1.0:
            why.append("not cited: " + "; ".join(s.missed_citations))
        if s.missing_facts:
            why.append("facts missing: " + "; ".join("/".join(g) for g in s.missing_facts))
        if s.absence_correct == 0.0:
            why.append(f"absence not stated (route {s.route or '-'})")
        if s.compare_both_cited == 0.0:
            why.append("comparison cites one side only (cited: " + "; ".join(s.cited) + ")")
        if why:
            out.append(f"- **{s.id}** ({s.kind}, route {s.route or '-'}): " + " · ".join(why))
    return out


def write_markdown(result: RunResult, path: Path) -> None:
    sm = result.summary
    run = sm.get("run", {})
    parts = [
        "# Evaluation report",
        "",
        f"Facts: `{run.get('facts', '?')}` · items: {run.get('items')} · answerer: {run.get('llm', 'default')} · "
        f"k = {run.get('k')} · {run.get('finished_at', '')} · {run.get('seconds')} s",
        "",
        "## Scores",
        "",
        _md([_SHORT.get(h, h) for h in _HEAD], table_rows(sm)),
        "",
    ]
    if sm.get("fact_coverage_cited") is not None:
        parts += [f"Fact coverage counting the cited excerpts too (diagnostic: facts that were in the sources but "
                  f"not in the answer text): {sm['fact_coverage_cited']:.2f}", ""]  # fmt: skip
    if sm.get("fact_coverage_first") is not None:
        parts += [f"Fact coverage within the answer's first 1,000 characters after its intro line (diagnostic: "
                  f"whether the facts come first): {sm['fact_coverage_first']:.2f}", ""]  # fmt: skip
    missed = check_targets(sm)
    parts += ["Targets (hit@5 ≥ 0.90, citation validity 1.00, fact coverage ≥ 0.80, absence 1.00): "
              + ("all met." if not missed else "**missed** — " + "; ".join(missed)), ""]  # fmt: skip
    b = baseline_rows(sm)
    if b:
        man = sm.get("baseline", {}).get("manifest", {})
        parts += [
            "## Naive baseline (retrieval only)",
            "",
            f"{man.get('spec', {}).get('splitter', '')}, chunk_size {man.get('spec', {}).get('chunk_size')}, "
            f"overlap {man.get('spec', {}).get('chunk_overlap')}; {man.get('files')} files, {man.get('chunks')} "
            f"chunks; subset {man.get('spec', {}).get('subset')} (excluded: {man.get('spec', {}).get('exclude')}).",
            "",
            _md(["kind", "n", "hit@1", "hit@5", "mrr", "guide hit@1", "guide hit@5", "guide mrr"], b),
            "",
        ]
    fails = failures(result)
    parts += ["## Items that missed something", "", *(fails or ["None."]), ""]
    path.write_text("\n".join(parts), encoding="utf-8")


def write_chart(summary: dict[str, Any], path: Path) -> None:
    """Grouped bars per kind: hit@5, MRR, citation recall, fact coverage, absence/compare; baseline hit@5 hatched."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    kinds = list(summary.get("by_kind", {}))
    metrics = ["hit_at_5", "mrr", "citation_recall", "fact_coverage", "absence_correct", "compare_both_cited"]
    base = summary.get("baseline", {}).get("by_kind", {})
    series = [(m, [summary["by_kind"][k].get(m) for k in kinds]) for m in metrics]
    if base:
        series.append(("baseline hit_at_5", [base.get(k, {}).get("hit_at_5") for k in kinds]))
    fig, ax = plt.subplots(figsize=(max(6.0, 1.8 * len(kinds) + 2), 4.2), dpi=110)
    width = 0.8 / max(len(series), 1)
    for j, (name, vals) in enumerate(series):
        pts = [(i + j * width - 0.4 + width / 2, v) for i, v in enumerate(vals) if v is not None]
        if not pts:
            continue
        xs, ys = zip(*pts, strict=True)
        hatch = "//" if name.startswith("baseline") else None
        ax.bar(xs, ys, width, label=_SHORT.get(name, name), hatch=hatch, color=f"C{j}")
    ax.set_xticks(range(len(kinds)))
    ax.set_xticklabels([f"{k}\n(n={summary['by_kind'][k]['n']})" for k in kinds])
    ax.set_ylim(0, 1.05)
    ax.axhline(0.9, color="grey", lw=0.6, ls="--")
    ax.set_title("Go Internals Reading Guide — eval by kind")
    ax.legend(fontsize=7, ncol=7, loc="upper center", bbox_to_anchor=(0.5, -0.16), frameon=False)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
