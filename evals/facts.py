"""The fact set format (JSON Lines, see evals/README.md): models, loading and validation.

One item per line::

    {"id": "hchan-lock", "question": "...", "versions": ["go1.27.3"], "kind": "locate",
     "expect_citations": [{"version": "go1.27.3", "path": "src/runtime/chan.go", "symbol": "hchan",
                           "start_line": 34, "end_line": 55}],
     "expect_facts": [["lock"], ["mutex"]], "notes": "..."}

A line that is not a valid item raises :class:`FactsError` naming ``file:line``. Blank lines and lines starting
with ``//`` or ``#`` are skipped.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

Kind = Literal["locate", "explain", "compare", "version-absence", "not-indexed"]
KINDS: tuple[str, ...] = ("locate", "explain", "compare", "version-absence", "not-indexed")
ABSENCE_KINDS = frozenset({"version-absence", "not-indexed"})
"""Kinds whose correct answer is a refusal: the symbol is defined nowhere indexed / the release is not indexed."""


class FactsError(ValueError):
    """A fact file or line that is not valid; the message names file:line."""


class ExpectedCitation(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: str = Field(min_length=1)
    path: str = Field(min_length=1)
    symbol: str | None = None
    start_line: int = Field(ge=1)
    end_line: int = Field(ge=1)

    @model_validator(mode="after")
    def _range(self) -> ExpectedCitation:
        if self.end_line < self.start_line:
            raise ValueError(f"end_line {self.end_line} < start_line {self.start_line}")
        return self


class FactItem(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1, pattern=r"^[\w.\-]+$")
    question: str = Field(min_length=1)
    history: list[str] = Field(default_factory=list)
    """Questions asked before this one in the same conversation (a follow-up's), each answered in turn."""
    versions: list[str] = Field(default_factory=list)
    kind: Kind
    expect_citations: list[ExpectedCitation] = Field(default_factory=list)
    expect_facts: list[list[str]] = Field(default_factory=list)
    notes: str = ""
    source: str = Field(default="", exclude=True)
    """Where the item was read (file:line); set by the loader, never serialised."""

    @field_validator("expect_facts")
    @classmethod
    def _groups(cls, v: list[list[str]]) -> list[list[str]]:
        for g in v:
            if not g or any(not isinstance(a, str) or not a.strip() for a in g):
                raise ValueError("every expect_facts group needs at least one non-empty alternative")
        return v

    @model_validator(mode="after")
    def _consistent(self) -> FactItem:
        if self.kind in ABSENCE_KINDS:
            if self.expect_citations:
                raise ValueError(f"a {self.kind} item expects no citations")
        elif not self.expect_citations:
            raise ValueError(f"a {self.kind} item needs at least one expected citation")
        if self.kind != "not-indexed" and not self.versions:
            raise ValueError("versions must name at least one release")
        if self.kind == "compare":
            if len(set(self.versions)) < 2:
                raise ValueError("a compare item names two versions")
            cited = {c.version for c in self.expect_citations}
            if not set(self.versions) <= cited:
                raise ValueError("a compare item expects a citation at each of its versions")
        for c in self.expect_citations:
            if self.versions and c.version not in self.versions:
                raise ValueError(f"expected citation at {c.version}, which is not among versions {self.versions}")
        return self


def _files(path: Path) -> list[Path]:
    if path.is_dir():
        found = sorted(path.glob("*.jsonl"))
        if not found:
            raise FactsError(f"{path}: no *.jsonl files")
        return found
    if not path.exists():
        raise FactsError(f"{path}: no such file or directory")
    return [path]


def parse_lines(lines: Iterable[str], name: str) -> list[FactItem]:
    items: list[FactItem] = []
    for no, line in enumerate(lines, 1):
        s = line.strip()
        if not s or s.startswith(("//", "#")):
            continue
        where = f"{name}:{no}"
        try:
            data = json.loads(s)
        except json.JSONDecodeError as e:
            raise FactsError(f"{where}: not JSON: {e.msg} (column {e.colno})") from None
        if not isinstance(data, dict):
            raise FactsError(f"{where}: expected a JSON object")
        try:
            item = FactItem.model_validate(data)
        except ValidationError as e:
            errs = "; ".join(f"{'.'.join(str(p) for p in err['loc']) or 'item'}: {err['msg']}" for err in e.errors())
            raise FactsError(f"{where}: {errs}") from None
        item.source = where
        items.append(item)
    return items


def load_facts(path: str | Path) -> list[FactItem]:
    """Every item of a .jsonl file, or of every *.jsonl file in a directory (sorted); ids must be unique."""
    items: list[FactItem] = []
    for f in _files(Path(path)):
        items += parse_lines(f.read_text(encoding="utf-8").splitlines(), str(f))
    seen: dict[str, str] = {}
    for it in items:
        if it.id in seen:
            raise FactsError(f"{it.source}: duplicate id {it.id!r} (first at {seen[it.id]})")
        seen[it.id] = it.source
    return items


def dump_item(item: FactItem) -> str:
    """One JSON line, fields in the documented order, omitting empty optional fields."""
    d = item.model_dump(exclude_none=True)
    if not d.get("notes"):
        d.pop("notes", None)
    return json.dumps(d, ensure_ascii=False)
