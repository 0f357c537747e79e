"""``report.md`` of a needle run: scores per mode, per package group, per release, per declaration kind; which
modes find what; a sample of the items every mode missed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from evals.needles_run import NeedleResult

_KEYS = ("n", "hit_at_1", "hit_at_5", "hit_at_10", "mrr")
_HEAD = ("n", "hit@1", "hit@5", "hit@10", "MRR")
MISSED_SHOWN = 15


def _fmt(v: Any, digits: int = 3) -> str:
    if v is None:
        return "–"
    return f"{v:.{digits}f}" if isinstance(v, float) else str(v)


def _md(head: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    return out + ["| " + " | ".join(r) + " |" for r in rows]


def _breakdown(modes: dict[str, Any], key: str, title: str) -> list[str]:
    names = list(dict.fromkeys(n for m in modes.values() for n in m[key]))
    head = [title, "n", *(f"{m} {h}" for m in modes for h in ("hit@1", "hit@5", "MRR"))]
    rows = []
    for name in names:
        first = next(iter(modes.values()))[key].get(name, {})
        row = [name, _fmt(first.get("n"))]
        for m in modes.values():
            agg = m[key].get(name, {})
            row += [_fmt(agg.get("hit_at_1")), _fmt(agg.get("hit_at_5")), _fmt(agg.get("mrr"))]
        rows.append(row)
    return _md(head, rows)


def markdown(summary: dict[str, Any], results: list[NeedleResult]) -> str:
    run, modes = summary["run"], summary["modes"]
    vec = run.get("vectors", {})
    parts = [
        "# Needle retrieval report",
        "",
        f"Items: `{run.get('needles', '?')}` · n = {run.get('items')} · k = {run.get('k')} · "
        f"{run.get('finished_at', '')} · {run.get('seconds')} s",
        "",
        f"Index: {run.get('index', '?')} · vectors: {vec.get('chunks_embedded')} embedded, "
        f"{vec.get('chunks_to_embed')} still to embed"
        + (" (**dense figures are partial**)" if vec.get("chunks_to_embed") else ""),
        "",
        "## Overall",
        "",
        *_md(
            ["mode", *_HEAD, "p50 ms", "errors"],
            [
                [m, *(_fmt(a.get(key)) for key in _KEYS), _fmt(a.get("latency_p50_ms"), 1), _fmt(a.get("errors"))]
                for m, a in modes.items()
            ],
        ),
        "",
        "## Per package group",
        "",
        *_breakdown(modes, "by_group", "group"),
        "",
        "## Per release",
        "",
        *_breakdown(modes, "by_release", "release"),
        "",
        "## Per declaration kind",
        "",
        *_breakdown(modes, "by_decl_kind", "kind"),
        "",
        f"## Found in the top {run.get('k')} by",
        "",
        *_md(["modes", "items"], [[k, str(v)] for k, v in summary.get("found_by", {}).items()]),
        "",
    ]
    missed = [r for r in results if all(x is None for x in r.ranks.values())]
    parts += [f"## Missed by every mode ({len(missed)}; first {min(len(missed), MISSED_SHOWN)})", ""]
    for r in missed[:MISSED_SHOWN]:
        mode = "hybrid" if "hybrid" in r.top else next(iter(r.top), "")
        top = "; ".join(r.top.get(mode, [])[:3])
        parts.append(
            f"- **{r.id}** `{r.symbol}` ({r.group}, {r.decl_kind}) — {r.question[:160]!r} → {mode} top 3: {top}"
        )
    return "\n".join(parts) + "\n"
