"""``timeline(index, symbol)``: one symbol across every indexed Go release.

Per release: present or absent, with path, lines and permalink. The definition followed from release to release is
the counterpart of the previous one (same file first; see ``guide.definitions``), and a package move is followed by
name the same way as in ``guide.compare``. Events, oldest first:

* ``first_seen``: the earliest indexed release that has it. When that is the oldest indexed release, the event says
  "present in the oldest indexed release": the index cannot tell when it was introduced; otherwise it names the
  indexed releases without it ("not in go1.21.13; present from go1.27.3 among the indexed releases"), not a release
  it "first appeared" in, which the index cannot know either.
* ``changed``: its text differs from the previous indexed release (with the structured summary).
* ``moved``: its path differs from the previous indexed release.
* ``renamed``: its name differs (a case change, a curated rename).
* ``removed``: absent after being present (with the curated successor, if any).
* ``reappeared``: present again after being absent.

Releases are sparse (only indexed tags), so "changed in X" means "between the previous indexed release and X".
An event's words come from ``guide.render.changes.event_text`` (:meth:`Event.describe` in another language).

``file_timeline(index, paths)``: a file the same way (present, moved, changed: its content differs, removed).

``comparison_timelines(index, comp)``: the timelines of what a comparison resolved to — its definitions (by their
qualified names, not the words typed), a successor that replaced a removed one, the files it compared — and none
when it resolved to nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from guide.citation import Citation, cite_definition, cite_file
from guide.definitions import candidates, close_names, counterpart, moved_candidates, primary
from guide.history.experiments import in_default_build
from guide.history.sides import SuccessorRef, side_json, successor_ref
from guide.history.summary import summarize
from guide.knowledge import successor_for, successor_note
from guide.notes import Note, listed
from guide.render.changes import event_text

if TYPE_CHECKING:
    from guide.history.compare import Comparison
    from guide.history.files import TopicComparison
    from guide.index import GuideIndex
    from guide.language import Lang
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

    def describe(self, lang: Lang) -> str:
        """The event's sentence in ``lang`` (``text`` is the English one)."""
        return event_text(self.event, self.tag, self.previous, self.details, lang)


def _event(event: str, tag: str, previous: str | None, details: dict[str, Any]) -> Event:
    return Event(event, tag, previous, event_text(event, tag, previous, details), details)


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
    cands = in_default_build(index, candidates(index, name, tag), tag)  # the release's own build (``compare``)
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
        tl.notes.append(
            Note(
                "renamed_following",
                name=symbol,
                new=name,
                since=succ.since,
                since_zh=succ.since_in("zh"),
                reason=succ.told_in("en"),
                reason_zh=succ.told_in("zh"),
            )
        )
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
                s = successor_for(prev_side.symbol) or succ
                if s is not None and s.relation != "renamed":
                    details["successor"], details["since"], details["since_zh"] = list(s.new), s.since, s.since_in("zh")
                    tl.successor = successor_ref(index, s, tag)
                tl.events.append(_event("removed", tag, prev_tag, details))
            prev_side, prev_tag = None, tag
            continue
        tl.releases.append(Presence(tag, side))
        if prev_side is None:
            _appeared(tl, index, tag, prev_tag, side.path, seen)
        else:
            _pair_events(tl, prev, cur, prev_side, side, prev_tag, tag, by_move)
        seen = True
        prev, prev_side, prev_tag = cur, side, tag
    if not seen:
        tl.notes.append(Note("not_in", name=symbol, **listed("releases", wanted)))
        if succ is not None:
            tl.successor = successor_ref(index, succ, wanted[-1]) if wanted else None
            tl.notes.append(successor_note(symbol, succ))
        else:
            tl.candidates = close_names(index, symbol)
    return tl


def _appeared(tl: Timeline, index: GuideIndex, tag: str, prev_tag: str | None, path: str, seen: bool) -> None:
    """The event of a definition (or file) present at ``tag`` and not at the release before it."""
    if seen:
        tl.events.append(_event("reappeared", tag, prev_tag, {"path": path}))
        return
    absent_in = [p.tag for p in tl.releases if not p.present]
    oldest = bool(index.releases) and tag == index.releases[0]
    tl.events.append(_event("first_seen", tag, prev_tag, {"path": path, "oldest": oldest, "absent_in": absent_in}))


def file_timeline(index: GuideIndex, paths: Sequence[str], releases: Sequence[str] | None = None) -> Timeline:
    """A file in every indexed release (or those of ``releases``): at each, the first of ``paths`` that is there
    (a file that moved is given by its paths before and after), cited whole; its events as for a definition,
    ``changed`` when its content differs from the previous release's."""
    tl = Timeline(symbol=paths[-1] if paths else "")
    prev_path: str | None = None
    prev_blob: str | None = None
    prev_tag: str | None = None
    seen = False
    for tag in [t for t in index.releases if releases is None or t in releases]:
        path = next((p for p in paths if index.blob_id(tag, p)), None)
        cit = cite_file(index, tag, path) if path is not None else None
        if path is None or cit is None:
            tl.releases.append(Presence(tag))
            if prev_path is not None:
                tl.events.append(_event("removed", tag, prev_tag, {"symbol": prev_path}))
            prev_path, prev_blob, prev_tag = None, None, tag
            continue
        tl.releases.append(Presence(tag, cit))
        blob = index.blob_id(tag, path)
        if prev_path is None:
            _appeared(tl, index, tag, prev_tag, path, seen)
        else:
            if prev_path != path:
                details = {"old_path": prev_path, "new_path": path, "what": "file", "by_name": True}
                tl.events.append(_event("moved", tag, prev_tag, details))
            if blob != prev_blob:
                tl.events.append(_event("changed", tag, prev_tag, {"path": path}))
        seen = True
        prev_path, prev_blob, prev_tag = path, blob, tag
    if not seen:
        tl.notes.append(Note("no_file", name=tl.symbol, **listed("releases", [p.tag for p in tl.releases])))
    return tl


MAX_SUCCESSOR_TIMELINES = 2


def comparison_timelines(index: GuideIndex, comp: Comparison | TopicComparison) -> list[Timeline]:
    """The timelines of what ``comp`` resolved to (see the module doc): a file comparison's files; a symbol
    comparison's definition (by its qualified name), the other side's too when the first timeline does not reach it
    (a rename), a successor's definitions when it was removed; the compared name itself only when it is defined at
    other indexed releases than the two compared. None for a topic comparison or a name defined nowhere."""
    if comp.kind == "file":
        files = comp.files  # type: ignore[union-attr]
        paths = [list(dict.fromkeys(p for p in (f.left_path, f.right_path) if p)) for f in files]
        return [file_timeline(index, ps) for ps in paths if ps]
    if comp.kind != "symbol":
        return []
    left, right = comp.left, comp.right  # type: ignore[union-attr]
    if left is None and right is None:
        elsewhere = any(c.get("change") == "not_found" and c.get("releases") for c in comp.summary)  # type: ignore[union-attr]
        return [timeline(index, comp.symbol)] if elsewhere else []
    tls = [timeline(index, (left or right).symbol)]  # type: ignore[union-attr]
    reached = {(p.tag, p.path, p.symbol) for p in tls[0].releases}
    if left is not None and right is not None and (right.version, right.path, right.symbol) not in reached:
        tls.append(timeline(index, right.symbol))
    if right is None and comp.successor is not None:
        defs = [d for d in comp.successor.definitions if d.kind != "file"]
        tls += [timeline(index, d.symbol) for d in defs[:MAX_SUCCESSOR_TIMELINES]]
    return tls


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
        details = {"old_path": a.path, "new_path": b.path, "by_name": by_move, "what": what}
        tl.events.append(_event("moved", tag, prev_tag, details))
    if prev is not None and prev.local != cur.local:
        tl.events.append(_event("renamed", tag, prev_tag, {"old": a.symbol, "new": b.symbol}))
    if a.excerpt != b.excerpt:
        summary = summarize(b.kind, cur.name, a.excerpt, b.excerpt, a.start_line, b.start_line)
        tl.events.append(_event("changed", tag, prev_tag, {"summary": summary}))


__all__ = ["Event", "Presence", "Timeline", "comparison_timelines", "file_timeline", "timeline"]
