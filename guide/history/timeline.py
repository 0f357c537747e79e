"""``timeline(index, symbol)``: one symbol across every indexed Go release.

Per release: present or absent, with path, lines and permalink. The definition followed from release to release is
the counterpart of the previous one (same file first; see ``guide.definitions``), and a package move is followed by
name the same way as in ``guide.compare``. Events, oldest first:

* ``first_seen``: the earliest indexed release that has it. When that is the oldest indexed release, the event says
  "present in the oldest indexed release": the index cannot tell when it was introduced.
* ``changed``: its text differs from the previous indexed release (with the structured summary).
* ``moved``: its path differs from the previous indexed release.
* ``renamed``: its name differs (a case change, a curated rename).
* ``removed``: absent after being present (with the curated successor, if any).
* ``reappeared``: present again after being absent.

Releases are sparse (only indexed tags), so "changed in X" means "between the previous indexed release and X".
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from guide.citation import Citation, cite_definition
from guide.definitions import candidates, close_names, counterpart, moved_candidates, primary
from guide.history.sides import SuccessorRef, side_json, successor_ref
from guide.history.summary import summarize
from guide.knowledge import successor_for, successor_note
from guide.render.changes import describe

if TYPE_CHECKING:
    from guide.index import GuideIndex
    from ingest.symbols import Definition

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Presence:
    """Whether the symbol is defined at ``tag``, and where (``citation``)."""

    tag: str
    citation: Citation | None = None

    @property
    def present(self) -> bool:
        return self.citation is not None

    @property
    def path(self) -> str | None:
        return self.citation.path if self.citation else None

    @property
    def symbol(self) -> str | None:
        return self.citation.symbol if self.citation else None

    def to_json(self) -> dict[str, Any]:
        c = self.citation
        if c is None:
            return {"tag": self.tag, "present": False}
        return {
            "tag": self.tag, "present": True, "path": c.path, "start_line": c.start_line, "end_line": c.end_line,
            "doc_start_line": c.doc_start_line, "symbol": c.symbol, "kind": c.kind, "url": c.url,
        }  # fmt: skip


@dataclass(frozen=True)
class Event:
    event: str
    tag: str
    previous: str | None
    """The previous indexed release (the change happened after it, up to ``tag``)."""
    text: str
    details: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Timeline:
    symbol: str
    releases: list[Presence] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    successor: SuccessorRef | None = None
    candidates: list[str] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return any(p.present for p in self.releases)

    @property
    def citations(self) -> list[Citation]:
        out = [p.citation for p in self.releases if p.citation is not None]
        return out + (self.successor.definitions if self.successor else [])

    def to_json(self) -> dict[str, Any]:
        return {
            "symbol": self.symbol,
            "releases": [p.to_json() for p in self.releases],
            "events": [e.to_json() for e in self.events],
            "notes": self.notes,
            "successor": self.successor.to_json() if self.successor else None,
            "candidates": self.candidates,
            "citations": [side_json(c) for c in self.citations],
        }


def _find(index: GuideIndex, name: str, tag: str, prev: Definition | None) -> tuple[Definition | None, bool]:
    """The definition at ``tag`` (the counterpart of ``prev`` if given) and whether it was found by a move."""
    cands = candidates(index, name, tag)
    if cands:
        return (counterpart(prev, cands, name) if prev is not None else primary(cands, name)), False
    if prev is not None:
        moved = moved_candidates(index, prev, tag)
        if moved:
            return counterpart(prev, moved, name), True
    return None, False


def timeline(index: GuideIndex, symbol: str, releases: Sequence[str] | None = None) -> Timeline:
    """``symbol`` in every indexed release (or those of ``releases``), with the events between them (see the module
    doc)."""
    tl = Timeline(symbol=symbol)
    name = symbol
    succ = successor_for(symbol)
    wanted = [t for t in index.releases if releases is None or t in releases]
    unknown = not any(candidates(index, symbol, t) for t in wanted)
    if succ is not None and succ.relation == "renamed" and unknown:
        name = succ.new[0]
        tl.notes.append(f"`{symbol}` was renamed `{name}` ({succ.since}): {succ.reason}; following `{name}`")
    prev: Definition | None = None
    prev_side: Citation | None = None
    prev_tag: str | None = None
    seen = False
    for tag in wanted:
        cur, by_move = _find(index, name, tag, prev)
        side = cite_definition(index, cur) if cur is not None else None
        if cur is None or side is None:
            tl.releases.append(Presence(tag))
            if prev_side is not None:
                details: dict[str, Any] = {"symbol": prev_side.symbol}
                text = f"removed in {tag} (present in {prev_tag})"
                s = successor_for(prev_side.symbol) or succ
                if s is not None and s.relation != "renamed":
                    details["successor"] = list(s.new)
                    text += f"; successor: {', '.join(s.new)} ({s.since})"
                    tl.successor = successor_ref(index, s, tag)
                tl.events.append(Event("removed", tag, prev_tag, text, details))
            prev_side, prev_tag = None, tag
            continue
        tl.releases.append(Presence(tag, side))
        if prev_side is None:
            if not seen:
                if tag == index.releases[0]:
                    text = f"present in the oldest indexed release ({tag})"
                elif prev_tag is None:
                    text = f"present in {tag}, the first release compared"
                else:
                    text = f"first seen in {tag} (absent in {prev_tag}, the previous release compared)"
                tl.events.append(Event("first_seen", tag, prev_tag, text, {"path": side.path}))
            else:
                tl.events.append(Event("reappeared", tag, prev_tag, f"defined again in {tag}", {"path": side.path}))
        else:
            _pair_events(tl, prev, cur, prev_side, side, prev_tag, tag, by_move)
        seen = True
        prev, prev_side, prev_tag = cur, side, tag
    if not seen:
        tl.notes.append(f"`{symbol}` is not defined in {', '.join(wanted)}")
        if succ is not None:
            tl.successor = successor_ref(index, succ, wanted[-1]) if wanted else None
            tl.notes.append(successor_note(symbol, succ))
        else:
            tl.candidates = close_names(index, symbol)
    return tl


def _pair_events(
    tl: Timeline,
    prev: Definition | None,
    cur: Definition,
    a: Citation,
    b: Citation,
    prev_tag: str | None,
    tag: str,
    by_move: bool,
) -> None:
    if a.path != b.path:
        what = "package" if prev is not None and prev.package != cur.package else "file"
        tl.events.append(
            Event("moved", tag, prev_tag, f"{what} moved in {tag}: {a.path} -> {b.path}",
                  {"old_path": a.path, "new_path": b.path, "by_name": by_move})
        )  # fmt: skip
    if prev is not None and prev.local != cur.local:
        text = f"renamed in {tag}: {a.symbol} -> {b.symbol}"
        tl.events.append(Event("renamed", tag, prev_tag, text, {"old": a.symbol, "new": b.symbol}))
    if a.excerpt != b.excerpt:
        summary = summarize(b.kind, cur.name, a.excerpt, b.excerpt, a.start_line, b.start_line)
        text = f"changed in {tag} (since {prev_tag}): " + "; ".join(describe(c) for c in summary[:4])
        tl.events.append(Event("changed", tag, prev_tag, text, {"summary": summary}))


__all__ = ["Event", "Presence", "Timeline", "timeline"]
