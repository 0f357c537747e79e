"""Exact symbol lookups over the index: bare (``hchan``), qualified (``runtime.hchan``), assembly
(``runtime·rt0_go``) and method forms (``(*p).runqput``, ``runtime.(*p).runqput``, ``p.runqput``,
``batch.finish``). Names match case-insensitively when no exact-case definition exists (``findrunnable``)."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from ingest.store import Store

_METHOD = re.compile(
    r"^(?:(?P<pkg>[\w/.\-]+?)\.)?\((?P<star>\*)?(?:(?P<rpkg>[\w/.\-]+)\.)?(?P<recv>\w+)(?:\[[^\]]*\])?\)\.(?P<name>\w+)$"
)
_IDENT = re.compile(r"^[\w/.\-]+$")


@dataclass(frozen=True)
class Definition:
    tag: str
    path: str
    start_line: int
    end_line: int
    symbol: str
    kind: str
    repo: str
    chunk_rowid: int

    def to_json(self) -> dict:
        d = asdict(self)
        d.pop("chunk_rowid")
        return d


def normalize(name: str) -> str:
    """Go assembly spellings to Go's: ``runtime·rt0_go`` -> ``runtime.rt0_go``; ``∕`` -> ``/``."""
    return name.strip().strip("`'\"").replace("·", ".").replace("∕", "/").removesuffix("(SB)").removesuffix("()")


def _conditions(name: str) -> list[tuple[str, list]]:
    """SQL conditions (each a way NAME could be meant), most specific first."""
    n = normalize(name)
    m = _METHOD.match(n)
    if m:
        pkg = m["pkg"] or m["rpkg"]
        recvs = [f"*{m['recv']}", m["recv"]] if not m["star"] else [f"*{m['recv']}"]
        cond = "s.name_lower=? AND lower(s.receiver) IN (?, ?)"
        args: list = [m["name"].lower(), *(x.lower() for x in (recvs + recvs)[:2])]
        if pkg:
            cond += " AND (s.package=? OR s.package LIKE ?)"
            args += [pkg, f"%/{pkg}"]
        return [(cond, args)]
    if not _IDENT.match(n):
        return []
    out: list[tuple[str, list]] = [("s.symbol=?", [n])]
    if "." in n:
        left, right = n.rsplit(".", 1)
        out.append(
            ("s.name_lower=? AND lower(s.receiver) IN (?, ?)", [right.lower(), left.lower(), f"*{left.lower()}"])
        )
        out.append(
            (
                "s.name_lower=? AND s.receiver IS NULL AND (s.package=? OR s.package LIKE ?)",
                [right.lower(), left, f"%/{left}"],
            )
        )
    else:
        out.append(("s.name_lower=?", [n.lower()]))
    return out


def lookup(store: Store, name: str, tag: str | None = None, limit: int = 200) -> list[Definition]:
    """Every definition of ``name`` in the index (optionally at one tag), exact-case matches first."""
    conds = _conditions(name)
    if not conds:
        return []
    m = _METHOD.match(normalize(name))
    if m:  # a method form that matches nothing may name what is now (or was) a plain function: runqput
        found = lookup_where(store, name, conds, tag, limit)
        return found or lookup(store, m["name"], tag, limit)
    return lookup_where(store, name, conds, tag, limit)


def lookup_where(
    store: Store, name: str, conds: list[tuple[str, list]], tag: str | None, limit: int
) -> list[Definition]:
    where = " OR ".join(f"({c})" for c, _ in conds)
    args = [a for _, a in conds for a in a]
    sql = (
        "SELECT f.tag, s.path, s.start_line, s.end_line, s.symbol, s.kind, s.repo, s.chunk_rowid, s.name "
        "FROM symbols s JOIN files f ON f.repo=s.repo AND f.path=s.path AND f.blob=s.blob "
        "JOIN tags t ON t.repo=f.repo AND t.tag=f.tag "
        f"WHERE ({where})"
    )
    if tag:
        sql += " AND f.tag=?"
        args.append(tag)
    sql += " ORDER BY t.ord, s.path, s.start_line LIMIT ?"
    args.append(limit * 4)
    rows = list(store.db.execute(sql, args))
    bare = normalize(name).rsplit(".", 1)[-1].rsplit(")", 1)[-1].lstrip(".")
    exact = [r for r in rows if r[8] == bare]
    chosen = exact or rows
    seen: set[tuple] = set()
    out = []
    for r in chosen:
        key = (r[0], r[1], r[2], r[4])
        if key not in seen:
            seen.add(key)
            out.append(Definition(*r[:8]))
    return out[:limit]
