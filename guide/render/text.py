"""Plain text for the command line: answers, ``where`` lists, comparisons and timelines, each with permalinks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from guide.language import ENGLISH
from guide.render.changes import describe, methods_line

if TYPE_CHECKING:
    from guide.answering.result import Answer
    from guide.citation import Citation
    from guide.history.compare import Comparison
    from guide.history.files import TopicComparison
    from guide.history.timeline import Timeline


def answer_text(ans: Answer) -> str:
    out = [ans.text]
    if ans.citations:
        out.append("\nCitations:")
        for c in ans.citations:
            out.append(f"  [{c.n}] {c.version} {c.location} {c.symbol}\n      {c.url}")
    out.append(f"\n({ans.llm}; {'grounded' if ans.grounded else 'NOT grounded'}; {ans.seconds:.2f}s)")
    return "\n".join(out)


def where_text(symbol: str, defs: list[Citation], releases: list[str]) -> str:
    if not defs:
        return f"{symbol}: not defined in {', '.join(releases)}"
    return "\n".join(f"{d.version:<12} {d.location}  {d.symbol} ({d.kind})\n             {d.url}" for d in defs)


def comparison_text(comp: Comparison | TopicComparison) -> str:
    """A symbol comparison: both definitions with permalinks, the changes, notes and the diff; a file or topic
    comparison: each file's counts and changed, added and removed definitions."""
    if comp.kind != "symbol":
        return _topic_text(comp)  # type: ignore[arg-type]
    return _symbol_text(comp)  # type: ignore[arg-type]


def _symbol_text(comp: Comparison) -> str:
    out = [f"{comp.symbol}: {comp.v1} -> {comp.v2}"]
    for label, side, tag in (("old", comp.left, comp.v1), ("new", comp.right, comp.v2)):
        if side is None:
            out.append(f"  {label}: not defined at {tag}")
        else:
            out.append(f"  {label}: {side.version} {side.location}  {side.symbol} ({side.kind})\n       {side.url}")
    out += [f"  - {describe(c)}" for c in comp.summary]
    if comp.methods and (line := methods_line(comp.methods, ENGLISH, lambda c: f" ({c.location} @ {c.version})")):
        out.append(f"  - {line}")
    for d in comp.successor.definitions if comp.successor else []:
        out.append(f"  successor: {d.version} {d.location}  {d.symbol}\n       {d.url}")
    out += [f"  note: {n}" for n in comp.notes]
    if comp.variants:
        counts: dict[str, int] = {}
        for v in comp.variants:
            counts[v["status"]] = counts.get(v["status"], 0) + 1
        what = "; ".join(f"{n} {s}" for s, n in sorted(counts.items(), key=lambda kv: -kv[1]))
        out.append(f"  other platform variants at {comp.v1}: {len(comp.variants)} ({what})")
    if comp.candidates:
        out.append(f"  similar names: {', '.join(comp.candidates)}")
    if comp.diff:
        out += ["", comp.diff]
    return "\n".join(out)


def _topic_text(tc: TopicComparison) -> str:
    out = [f"{tc.question}: {tc.v1} -> {tc.v2}"]
    for f in tc.files:
        where = f.left_path if f.left_path == f.right_path else f"{f.left_path} -> {f.right_path}"
        n = f.counts
        out.append(
            f"  {where}: {f.status}; {n.get('changed', 0)} changed, {n.get('added', 0)} added, "
            f"{n.get('removed', 0)} removed, {f.unchanged} unchanged"
        )
        if f.outside_definitions:
            out.append("    (only outside its definitions: its build constraints, imports or comments)")
        for ch in f.changed:
            a, b = ch.left, ch.right
            out.append(
                f"    ~ {ch.symbol} ({ch.kind}) {a.start_line}-{a.end_line} -> {b.start_line}-{b.end_line}: "
                + "; ".join(describe(x) for x in ch.summary)
            )
        out += _more(n.get("changed", 0) - len(f.changed), "changed")  # the rest counted, never cut silently
        out += [f"    + {c.symbol} ({c.kind}) {c.start_line}-{c.end_line}" for c in f.added]
        out += _more(n.get("added", 0) - len(f.added), "added")
        out += [f"    - {c.symbol} ({c.kind}) {c.start_line}-{c.end_line}" for c in f.removed]
        out += _more(n.get("removed", 0) - len(f.removed), "removed")
    for d in tc.successor.definitions if tc.successor else []:
        out.append(f"  successor: {d.version} {d.path}\n       {d.url}")
    out += [f"  note: {n}" for n in tc.notes]
    return "\n".join(out)


def _more(n: int, what: str) -> list[str]:
    """The line that counts the definitions of a kind a file comparison does not list ("... and 13 more added")."""
    return [f"    ... and {n} more {what}"] if n > 0 else []


def timeline_text(tl: Timeline) -> str:
    out = [f"{tl.symbol}:"]
    for p in tl.releases:
        c = p.citation
        if c is None:
            out.append(f"  {p.tag:<12} (absent)")
        else:
            out.append(f"  {p.tag:<12} {c.location}  {c.symbol} ({c.kind})\n               {c.url}")
    out += [f"  * {e.text}" for e in tl.events]
    out += [f"  note: {n}" for n in tl.notes]
    if tl.candidates:
        out.append(f"  similar names: {', '.join(tl.candidates)}")
    return "\n".join(out)


__all__ = ["answer_text", "comparison_text", "timeline_text", "where_text"]
