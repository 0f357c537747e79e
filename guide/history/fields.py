"""Where a struct's removed fields went: into the type of a field added at the same time (sync.Mutex's ``state``
and ``sema`` are in the ``internal/sync.Mutex`` of its new field ``mu`` from go1.24)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from guide.citation import cite_definition
from guide.history.goparse import struct_fields
from guide.notes import Note, listed

if TYPE_CHECKING:
    from guide.index import GuideIndex
    from ingest.symbols import Definition


def fields_moved(index: GuideIndex, v2: str, changes: list[dict[str, Any]], right: Definition) -> Note | None:
    """Fields removed from a struct that a struct-typed field added at the same time holds (sync.Mutex's ``state`` and
    ``sema`` are in the ``internal/sync.Mutex`` of its new field ``mu`` from go1.24): a note says where they went."""
    removed = [c["name"] for c in changes if c["change"] == "field_removed"]
    if not removed:
        return None
    for c in changes:
        if c["change"] != "field_added":
            continue
        type_name = str(c.get("type", "")).lstrip("*").rsplit(".", 1)[-1]  # isync.Mutex -> Mutex
        if not type_name.isidentifier():
            continue
        for d in index.reader.lookup(type_name, tag=v2, limit=50):
            if d.kind != "type" or d.symbol == right.symbol:
                continue
            cited = cite_definition(index, d)
            members = struct_fields(cited.excerpt, name=d.name) if cited is not None else None
            if not members:  # not a struct type
                continue
            has = {m.name for m in members}
            moved = [f for f in removed if f in has]
            if moved and len(moved) * 2 >= len(removed):
                return Note(
                    "fields_moved", into=d.symbol, field=c["name"], **listed("fields", [f"`{f}`" for f in moved])
                )
    return None


__all__ = ["fields_moved"]
