"""What changed between two texts of one Go definition, computed from the code.

``unified_diff`` is difflib's unified diff with the real file line numbers in the hunk headers. ``summarize`` gives
structured changes: for struct types the fields added/removed/retyped (parsed with tree-sitter-go), for interfaces
the methods, for const/var the value and type, for funcs and methods the signature, how many body lines were
added/removed and the calls added/removed, for assembly the ``TEXT`` line and the body. Every change is a plain dict
with a ``change`` key:

``unchanged``, ``field_added``/``field_removed``/``field_renamed``/``field_type_changed``/``field_tag_changed``/
``fields_reordered``,
``method_added``/``method_removed``/``method_changed`` (interfaces), ``type_changed`` (the kind of type changed,
e.g. struct -> alias), ``value_changed``, ``const_type_changed``, ``signature_changed``, ``params_renamed`` (the
signature the same but for its parameters' names, old -> new), ``body_changed``,
``calls_changed`` (``added``/``removed`` callee names; ``renamed_calls``, old -> new, for one call renamed),
``body_removed``/``body_added`` (a declaration without a body on one side: its code is elsewhere),
``comments_changed`` (only comments or layout differ), ``text_changed`` (anything else).
"""

from __future__ import annotations

import difflib
import logging
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from guide.history.goparse import (
    Member,
    asm_parts,
    code_only,
    const_value,
    func_calls,
    func_parts,
    interface_members,
    struct_fields,
    type_definition,
)
from guide.words import GO_LANGUAGE_WORDS
from ingest.tokens import name_parts

if TYPE_CHECKING:
    from guide.citation import Citation

log = logging.getLogger(__name__)


# -- diffs ---------------------------------------------------------------------------------------------------------
def _range(start: int, length: int) -> str:
    """A unified-diff range: ``start,length`` with difflib's conventions (``start-1,0`` when empty)."""
    if length == 1:
        return f"{start}"
    if length == 0:
        return f"{start - 1},0"
    return f"{start},{length}"


def unified_diff(
    a: Sequence[str],
    b: Sequence[str],
    a_start: int = 1,
    b_start: int = 1,
    a_label: str = "a",
    b_label: str = "b",
    context: int = 3,
) -> str:
    """A unified diff of line lists ``a`` (file lines from ``a_start``) and ``b`` (from ``b_start``), hunk headers in
    file line numbers. Empty when the texts are identical."""
    if list(a) == list(b):
        return ""
    out = [f"--- {a_label}", f"+++ {b_label}"]
    for group in difflib.SequenceMatcher(None, a, b, autojunk=False).get_grouped_opcodes(context):
        i1, i2, j1, j2 = group[0][1], group[-1][2], group[0][3], group[-1][4]
        out.append(f"@@ -{_range(a_start + i1, i2 - i1)} +{_range(b_start + j1, j2 - j1)} @@")
        for tag, x1, x2, y1, y2 in group:
            if tag == "equal":
                out.extend(" " + ln for ln in a[x1:x2])
                continue
            if tag in ("replace", "delete"):
                out.extend("-" + ln for ln in a[x1:x2])
            if tag in ("replace", "insert"):
                out.extend("+" + ln for ln in b[y1:y2])
    return "\n".join(out)


def line_counts(a: Sequence[str], b: Sequence[str]) -> tuple[int, int]:
    """(lines added, lines removed) going from ``a`` to ``b``."""
    added = removed = 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag in ("replace", "delete"):
            removed += i2 - i1
        if tag in ("replace", "insert"):
            added += j2 - j1
    return added, removed


def code_churn(summary: Sequence[dict]) -> tuple[int, int] | None:
    """(lines added, lines removed) of a definition's body, by its comparison ``summary``: None when its body did not
    change, or only names in it were renamed (no code changed)."""
    body = next((c for c in summary if c.get("change") == "body_changed"), None)
    return None if body is None or body.get("renamed") else (body["lines_added"], body["lines_removed"])


_TOKEN = re.compile(r"\w+|\S")


def renames(a: Sequence[str], b: Sequence[str]) -> dict[str, str] | None:
    """When the code lines ``b`` are ``a`` with identifiers renamed and nothing else changed (each changed line the
    same tokens but for names, one new name per old name: ``_p_`` -> ``pp`` in the runtime of go1.18), the names, old
    to new; else None (a line added or removed, anything but a name changed). Comments are no part of what is
    compared: the caller passes lines without them (``_code_only``)."""
    mapping: dict[str, str] = {}
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if tag != "replace" or i2 - i1 != j2 - j1:
            return None
        for old_line, new_line in zip(a[i1:i2], b[j1:j2], strict=True):
            ta, tb = _TOKEN.findall(old_line), _TOKEN.findall(new_line)
            if len(ta) != len(tb):
                return None
            for x, y in zip(ta, tb, strict=True):
                if x == y:
                    continue
                names = _IDENT.fullmatch(x) and _IDENT.fullmatch(y) and not {x, y} & GO_LANGUAGE_WORDS
                if not names or mapping.setdefault(x, y) != y:  # ``true`` -> ``false`` is no name renamed
                    return None
    return mapping or None


_IDENT = re.compile(r"[A-Za-z_]\w*")


# -- summaries -----------------------------------------------------------------------------------------------------
def _keyed(members: list[Member]) -> dict[str, Member]:
    """Members by name; a blank field (``_ uint32``, ``_ cpu.CacheLinePad``: padding) by its type and how many of
    that type came before it, so that two ``_ uint32`` removed are two removals, not a ``_`` whose type changed."""
    out: dict[str, Member] = {}
    seen: dict[str, int] = {}
    for m in members:
        if m.name == "_":
            seen[m.type] = seen.get(m.type, 0) + 1
            out[f"_ {m.type} #{seen[m.type]}"] = m
        else:
            out[m.name] = m
    return out


def _renamed_fields(o: dict[str, Member], n: dict[str, Member]) -> list[tuple[str, str]]:
    """Fields renamed in place, old key to new key: where the two structs' field lists, aligned by name, differ by a
    run of fields replaced by as many others of the same types one for one, where a field and its replacement share a
    word of their names (cpuStats' ``gcAssistTime int64`` … became ``GCAssistTime int64`` … in go1.22;
    stackObjectRecord's ``_ptrdata int32`` became ``ptrBytes int32``). A field that became blank padding (``_``), a
    run whose lengths or types differ, or a name with no word in common (_defer's ``openDefer bool`` and the
    ``rangefunc bool`` in its place mean different things) is no rename: those stay removed and added."""
    ok, nk = list(o), list(n)
    out: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ok, nk, autojunk=False).get_opcodes():
        if tag != "replace" or i2 - i1 != j2 - j1:
            continue
        pairs = list(zip(ok[i1:i2], nk[j1:j2], strict=True))
        if all(o[a].type == n[b].type for a, b in pairs):
            out += [(a, b) for a, b in pairs if _related_names(o[a].name, n[b].name)]
    return out


def _related_names(a: str, b: str) -> bool:
    """Two field names that share a word, one word the start of the other's (``_ptrdata`` and ``ptrBytes``: ptrdata
    starts with ptr) counted; a blank (``_``) is related to nothing."""
    pa, pb = (name_parts(x.lstrip("_")) if x.strip("_") else () for x in (a, b))
    return any(x.startswith(y) or y.startswith(x) for x in pa for y in pb if min(len(x), len(y)) >= 3)


def _member_changes(old: list[Member], new: list[Member], noun: str, type_key: str = "type") -> list[dict]:
    out: list[dict] = []
    o = _keyed(old)
    n = _keyed(new)
    if noun == "field":
        for a, b in _renamed_fields(o, n):
            m, nm = o.pop(a), n.pop(b)
            out.append(
                {"change": "field_renamed", "old_name": m.name, "name": nm.name, "type": nm.type,
                 "old_line": m.line, "new_line": nm.line}
            )  # fmt: skip
    for k, m in n.items():
        if k not in o:
            out.append({"change": f"{noun}_added", "name": m.name, type_key: m.type, "line": m.line})
    for k, m in o.items():
        if k not in n:
            out.append({"change": f"{noun}_removed", "name": m.name, type_key: m.type, "line": m.line})
    for k, m in o.items():
        if k in n and n[k].type != m.type:
            nm = n[k]
            change = "field_type_changed" if noun == "field" else "method_changed"
            out.append(
                {"change": change, "name": m.name, f"old_{type_key}": m.type, f"new_{type_key}": nm.type,
                 "old_line": m.line, "new_line": nm.line}
            )  # fmt: skip
        elif k in n and n[k].tag != m.tag:
            out.append({"change": f"{noun}_tag_changed", "name": m.name, "old_tag": m.tag, "new_tag": n[k].tag})
    common_old = [k for k in o if k in n]
    common_new = [k for k in n if k in o]
    if common_old != common_new:
        out.append({"change": f"{noun}s_reordered", "old_order": common_old, "new_order": common_new})
    return out


def _type_changes(name: str, a: str, b: str, a_start: int, b_start: int) -> list[dict]:
    fa, fb = struct_fields(a, a_start, name), struct_fields(b, b_start, name)
    if fa is not None and fb is not None:
        return _member_changes(fa, fb, "field")
    ia, ib = interface_members(a, a_start, name), interface_members(b, b_start, name)
    if ia is not None and ib is not None:
        return _member_changes(ia, ib, "method", "signature")
    da, db = type_definition(a, name), type_definition(b, name)
    if da is not None and db is not None and da != db:
        return [{"change": "type_changed", "name": name, "old": da, "new": db}]
    return []


def _value_changes(name: str, kind: str, a: str, b: str) -> list[dict]:
    va, vb = const_value(a, name, kind), const_value(b, name, kind)
    if va is None or vb is None:
        return []
    out = []
    if va[1] != vb[1]:
        out.append({"change": "value_changed", "name": name, "old": va[1], "new": vb[1]})
    if va[0] != vb[0]:
        out.append({"change": "const_type_changed", "name": name, "old_type": va[0], "new_type": vb[0]})
    return out


_KEYWORDS = {"type": "type", "const": "const", "var": "var", "func": "", "method": ""}


def _kind_changes(kind: str, name: str, a: str, b: str, a_start: int, b_start: int) -> list[dict]:
    if kind == "type":
        return _type_changes(name, a, b, a_start, b_start)
    if kind in ("const", "var"):
        return _value_changes(name, kind, a, b)
    if kind not in ("func", "method", "asm"):
        return []
    pa = asm_parts(a) if kind == "asm" else func_parts(a)
    pb = asm_parts(b) if kind == "asm" else func_parts(b)
    if pa is None or pb is None:
        return []
    # names renamed and nothing else in the code (its comments aside): the signature, the body and the calls the same
    # but for them (go1.18's ``_p_`` -> ``pp``: "+3 -3 lines" and a call added and removed read as changes); the
    # function's own name renamed is said apart (``renamed``)
    renamed = renames([pa[0], *_code_only(pa[1])], [pb[0], *_code_only(pb[1])]) if pa[1] and pb[1] else None
    own = name.rsplit(".", 1)[-1].lower()
    renamed = {o: n for o, n in (renamed or {}).items() if o.lower() != own}
    if renamed:
        added, removed = line_counts(pa[1], pb[1])
        return [{"change": "body_changed", "lines_added": added, "lines_removed": removed, "renamed": renamed}]
    out: list[dict] = []
    if pa[0] != pb[0]:
        # parameters renamed and nothing else (go1.18's ``_p_ *p`` -> ``pp *p``): said so, not as a new signature
        names = renames([pa[0]], [pb[0]])
        params = {o: n for o, n in (names or {}).items() if o.lower() != own}
        # a name followed by its type (``_p_ *p``), not a type (``*p,``, ``*p)``) renamed
        typed = all(re.search(rf"(?<!\w){re.escape(o)} +[\w*\[(.]", pa[0]) for o in params)
        if names is None or not typed or not params:  # the function's own name renamed: the comparison says so
            out.append({"change": "signature_changed", "old": pa[0], "new": pb[0]})
        else:
            out.append({"change": "params_renamed", "params": params})
    if bool(pa[1]) != bool(pb[1]):  # a body-less declaration: the code is elsewhere (linkname, assembly)
        out.append({"change": "body_removed" if pa[1] else "body_added", "lines": len(pa[1] or pb[1])})
    elif pa[1] != pb[1]:
        added, removed = line_counts(pa[1], pb[1])
        out.append({"change": "body_changed", "lines_added": added, "lines_removed": removed})
        ca, cb = (func_calls(a), func_calls(b)) if kind != "asm" else (None, None)
        ca, cb = (ca - PLAIN_BUILTINS, cb - PLAIN_BUILTINS) if ca is not None and cb is not None else (None, None)
        if ca is not None and cb is not None and ca != cb:  # what the body does differently, not only how much
            more, fewer, renamed = renamed_calls(sorted(cb - ca), sorted(ca - cb))
            change: dict[str, Any] = {"change": "calls_changed", "added": more, "removed": fewer}
            out.append({**change, "renamed_calls": renamed} if renamed else change)
    return out


_RENAMED_RECEIVER = re.compile(r"^_\w+_$")
"""go1.18's receiver variables ``_g_``, ``_p_``, renamed ``gp``, ``pp`` across the runtime."""


def renamed_calls(added: list[str], removed: list[str]) -> tuple[list[str], list[str], dict[str, str]]:
    """The calls added and removed, and those of them that are one call renamed (old -> new): the function renamed by
    case alone (``findrunnable`` -> ``findRunnable``, go1.19), or the same call on a variable renamed
    (``_g_.m.p.ptr`` -> ``gp.m.p.ptr``, ``_p_.runnext.cas`` -> ``pp.runnext.cas``: a path of fields after it, or a
    receiver of go1.18's ``_x_`` form). A package's function called on another package's name is no rename
    (``atomic.Load``, ``sched.npidle.Load``)."""

    def keys(call: str) -> list[str]:
        head, dot, tail = call.partition(".")
        return [call.lower(), *([f".{tail}"] if dot and ("." in tail or _RENAMED_RECEIVER.match(head)) else [])]

    by_key: dict[str, list[str]] = {}
    for call in added:
        _, dot, tail = call.partition(".")
        for k in [call.lower(), *([f".{tail}"] if dot else [])]:  # the new side: any variable before the dot
            by_key.setdefault(k, []).append(call)
    renamed: dict[str, str] = {}
    for call in removed:
        same = next((found for k in reversed(keys(call)) if len(found := by_key.get(k, [])) == 1), [])
        if same and same[0] != call and same[0] not in renamed.values():
            renamed[call] = same[0]
    # the same words in another shape: a function become a method of what it named (``checkTimers(pp, 0)`` ->
    # ``pp.timers.check(0, nil)``, go1.23) or of the value it took (``traceGoUnpark`` -> ``trace.GoUnpark``, go1.22)
    by_words: dict[frozenset[str], list[str]] = {}
    for call in (c for c in added if c not in renamed.values()):
        _, dot, tail = call.partition(".")
        for ws in {call_words(call), *([call_words(tail)] if dot else [])}:
            by_words.setdefault(ws, []).append(call)
    for call in (c for c in removed if c not in renamed):
        ws = call_words(call)
        found = list(dict.fromkeys(by_words.get(ws, []))) if len(ws) >= 2 else []
        if len(found) == 1 and found[0] not in renamed.values():
            renamed[call] = found[0]
    return [c for c in added if c not in renamed.values()], [c for c in removed if c not in renamed], renamed


def call_words(call: str) -> frozenset[str]:
    """The words a call's name is made of, lower case (``checkTimers``: check, timers; ``trace.GoUnpark``: trace,
    go, unpark)."""
    return frozenset(w for part in call.split(".") for w in name_parts(part))


def _code_only(lines: Sequence[str]) -> list[str]:
    """The lines of a body that hold code, each without its trailing comment."""
    code = (ln.partition("//")[0].rstrip() for ln in lines)
    return [c for c in code if c.strip()]


PLAIN_BUILTINS = frozenset(
    {"append", "cap", "clear", "complex", "copy", "delete", "imag", "len", "make", "max", "min", "new", "print",
     "println", "real"}
)  # fmt: skip
"""Predeclared functions (the language specification's) that say nothing of what a body does differently: "calls
added: len" was listed for findRunnable. panic, recover and close do say something, and are kept."""


def with_doc_change(changes: list[dict], old_doc: str, new_doc: str) -> list[dict]:
    """``changes`` (``summarize``'s of a definition's code), or, when they are none and its doc comment differs, a
    ``comments_changed`` of the doc comment (``doc``: True): "the same text" had been said of runtime.startingStackSize,
    whose comment says _FixedStack at go1.21.13 and fixedStack at go1.27.3 (trial 49)."""
    if changes != [{"change": "unchanged"}] or old_doc == new_doc:
        return changes
    added, removed = line_counts(old_doc.split("\n"), new_doc.split("\n"))
    return [{"change": "comments_changed", "lines_added": added, "lines_removed": removed, "doc": True}]


def summarize(kind: str, name: str, a: str, b: str, a_start: int = 1, b_start: int = 1) -> list[dict]:
    """Structured changes from text ``a`` (at file line ``a_start``) to ``b`` of a ``kind`` definition ``name``."""
    if a == b:
        return [{"change": "unchanged"}]
    added, removed = line_counts(a.split("\n"), b.split("\n"))
    keyword = _KEYWORDS.get(kind)
    if keyword is not None and code_only(a, keyword) == code_only(b, keyword):
        return [{"change": "comments_changed", "lines_added": added, "lines_removed": removed}]
    try:
        out = _kind_changes(kind, name, a, b, a_start, b_start)
    except (ValueError, RuntimeError) as e:  # a parse problem must not lose the comparison
        log.warning("could not summarize %s %s: %s", kind, name, e)
        out = []
    return out or [{"change": "text_changed", "lines_added": added, "lines_removed": removed}]


MAX_DIFF_LINES = 400
"""A comparison's diff is cut after this many lines, and says how many more there were."""


def definition_diff(a: Citation | None, b: Citation | None) -> str:
    """The diff of two releases' definitions (either may be absent: /dev/null), doc comments included
    (``Citation.numbered_lines``), in their files' line numbers."""
    sa, la = a.numbered_lines() if a else (1, [])
    sb, lb = b.numbered_lines() if b else (1, [])
    old, new = (f"{c.version}:{c.path}" if c else "/dev/null" for c in (a, b))
    diff = unified_diff(la, lb, sa, sb, old, new)
    lines = diff.split("\n")
    if len(lines) > MAX_DIFF_LINES:
        lines = [*lines[:MAX_DIFF_LINES], f"... ({len(lines) - MAX_DIFF_LINES} more diff lines)"]
    return "\n".join(lines)


__all__ = [
    "MAX_DIFF_LINES", "code_churn", "definition_diff", "line_counts", "renamed_calls", "summarize", "unified_diff",
    "with_doc_change",
]  # fmt: skip
