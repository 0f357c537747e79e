"""What changed between two texts of one Go definition, computed from the code.

``unified_diff`` is difflib's unified diff with the real file line numbers in the hunk headers. ``summarize`` gives
structured changes: for struct types the fields added/removed/retyped (parsed with tree-sitter-go), for interfaces
the methods, for const/var the value and type, for funcs and methods the signature and how many body lines were
added/removed, for assembly the ``TEXT`` line and the body. Every change is a plain dict with a ``change`` key:

``unchanged``, ``field_added``/``field_removed``/``field_type_changed``/``field_tag_changed``/``fields_reordered``,
``method_added``/``method_removed``/``method_changed`` (interfaces), ``type_changed`` (the kind of type changed,
e.g. struct -> alias), ``value_changed``, ``const_type_changed``, ``signature_changed``, ``body_changed``,
``comments_changed`` (only comments or layout differ), ``text_changed`` (anything else).
"""

from __future__ import annotations

import difflib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from tree_sitter import Language, Node, Parser

log = logging.getLogger(__name__)


@cache
def _parser() -> Parser:
    import tree_sitter_go

    return Parser(Language(tree_sitter_go.language()))


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


# -- parsing -------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Member:
    """A struct field or an interface element: ``name``, its type (or method signature) and tag, and its line."""

    name: str
    type: str
    tag: str
    line: int
    """1-based file line (given the definition's start line)."""


def _text(node: Node | None) -> str:
    return "" if node is None or node.text is None else node.text.decode("utf-8", errors="replace")


def _squash(s: str) -> str:
    return " ".join(s.split())


def _strip_comments(node: Node) -> str:
    """A node's text without its comments, whitespace squashed."""
    data = node.text or b""
    base = node.start_byte
    cuts = []
    stack = [node]
    while stack:
        n = stack.pop()
        if n.type == "comment":
            cuts.append((n.start_byte - base, n.end_byte - base))
        else:
            stack.extend(n.children)
    for s, e in sorted(cuts, reverse=True):
        data = data[:s] + b" " + data[e:]
    return _squash(data.decode("utf-8", errors="replace"))


def _wrap(text: str, keyword: str) -> tuple[Node, int]:
    """Parse a definition's text as a file: ``package p`` on line 1 (so text line k is row k), with ``keyword``
    prepended when the text is a spec of a grouped declaration (``hmap struct {...}`` inside ``type (...)``)."""
    body = text if text.lstrip().startswith(keyword) or not keyword else f"{keyword} {text}"
    tree = _parser().parse(f"package p\n{body}\n".encode())
    return tree.root_node, 1


def _walk(node: Node, types: set[str]) -> list[Node]:
    out, stack = [], [node]
    while stack:
        n = stack.pop()
        if n.type in types:
            out.append(n)
        stack.extend(reversed(n.children))
    return out


def _embedded_name(type_text: str) -> str:
    t = type_text.lstrip("*").split("[", 1)[0]
    return t.rsplit(".", 1)[-1]


def _type_spec(text: str, name: str | None) -> Node | None:
    root, _ = _wrap(text, "type")
    specs = _walk(root, {"type_spec", "type_alias"})
    for s in specs:
        if name is None or _text(s.child_by_field_name("name")) == name:
            return s
    return specs[0] if specs else None


def struct_fields(text: str, start_line: int = 1, name: str | None = None) -> list[Member] | None:
    """The fields of the struct type defined in ``text`` (None when it is not a struct type)."""
    spec = _type_spec(text, name)
    typ = spec.child_by_field_name("type") if spec is not None else None
    if typ is None or typ.type != "struct_type":
        return None
    fields: list[Member] = []
    for fd in _walk(typ, {"field_declaration"}):
        if fd.parent is None or fd.parent.parent != typ:  # skip fields of nested anonymous structs
            continue
        ftype = fd.child_by_field_name("type")
        type_text = _strip_comments(ftype) if ftype is not None else ""
        star = "*" if any(c.type == "*" for c in fd.children) else ""
        tag = _text(fd.child_by_field_name("tag"))
        line = start_line + fd.start_point[0] - 1
        names = [
            _text(c)
            for i, c in enumerate(fd.children)
            if fd.field_name_for_child(i) == "name" and c.type == "field_identifier"
        ]
        if not names:  # embedded field: its name is the type's name
            fields.append(Member(_embedded_name(type_text), star + type_text, tag, line))
        fields.extend(Member(n, type_text, tag, line) for n in names)
    return fields


def interface_members(text: str, start_line: int = 1, name: str | None = None) -> list[Member] | None:
    """Methods and embedded elements of the interface type defined in ``text`` (None when not an interface)."""
    spec = _type_spec(text, name)
    typ = spec.child_by_field_name("type") if spec is not None else None
    if typ is None or typ.type != "interface_type":
        return None
    out = []
    for el in typ.children:
        line = start_line + el.start_point[0] - 1
        if el.type == "method_elem":
            mname = _text(el.child_by_field_name("name"))
            sig = _strip_comments(el)[len(mname) :].strip()
            out.append(Member(mname, sig, "", line))
        elif el.type == "type_elem":
            t = _strip_comments(el)
            out.append(Member(t, "", "", line))
    return out


def type_definition(text: str, name: str | None = None) -> str | None:
    """The type's definition without comments (``struct {...}``, ``= abi.Type``, ``uint32``)."""
    spec = _type_spec(text, name)
    if spec is None:
        return None
    typ = spec.child_by_field_name("type")
    if typ is None:
        return None
    prefix = "= " if spec.type == "type_alias" else ""
    return prefix + _strip_comments(typ)


def const_value(text: str, name: str, keyword: str = "const") -> tuple[str, str] | None:
    """(type, value) of ``name`` in the const/var spec ``text``; '' for an omitted type or value (an implicit
    repetition in an iota block). None when the name is not found."""
    root, _ = _wrap(text, keyword)
    for spec in _walk(root, {"const_spec", "var_spec"}):
        names = [
            _text(c)
            for i, c in enumerate(spec.children)
            if spec.field_name_for_child(i) == "name" and c.type == "identifier"
        ]
        if name not in names:
            continue
        typ = spec.child_by_field_name("type")
        value = spec.child_by_field_name("value")
        vtext = ""
        if value is not None:
            exprs = [c for c in value.named_children if c.type != "comment"]
            one = exprs[names.index(name)] if len(exprs) == len(names) else value
            vtext = _strip_comments(one)
        return (_strip_comments(typ) if typ is not None else ""), vtext
    return None


def _func_parts(text: str) -> tuple[str, list[str]] | None:
    """(signature, body lines) of the func or method in ``text``; the signature is everything before the body,
    whitespace squashed; the body lines start at its ``{`` (none for a body-less declaration)."""
    root, _ = _wrap(text, "")
    for decl in _walk(root, {"function_declaration", "method_declaration"}):
        body = decl.child_by_field_name("body")
        data = decl.text or b""
        lines: list[str] = []
        if body is not None:
            cut = body.start_byte - decl.start_byte
            lines = data[cut:].decode("utf-8", errors="replace").split("\n")
            data = data[:cut]
        return _squash(data.decode("utf-8", errors="replace")), lines
    return None


def func_signature(text: str) -> str | None:
    """The signature of the func or method in ``text`` (everything before the body), whitespace squashed."""
    parts = _func_parts(text)
    return parts[0] if parts else None


def _asm_parts(text: str) -> tuple[str, list[str]] | None:
    lines = text.split("\n")
    for i, ln in enumerate(lines):
        if ln.lstrip().startswith("TEXT"):
            return _squash(ln.split("//", 1)[0]), lines[i + 1 :]
    return None


def asm_signature(text: str) -> str | None:
    """The ``TEXT`` line of an assembly function (without its comment), whitespace squashed."""
    parts = _asm_parts(text)
    return parts[0] if parts else None


def _code_only(text: str, keyword: str) -> str:
    root, _ = _wrap(text, keyword)
    return _strip_comments(root)


# -- summaries -----------------------------------------------------------------------------------------------------
def _member_changes(old: list[Member], new: list[Member], noun: str, type_key: str = "type") -> list[dict]:
    out: list[dict] = []
    o = {m.name: m for m in old}
    n = {m.name: m for m in new}
    for m in new:
        if m.name not in o:
            out.append({"change": f"{noun}_added", "name": m.name, type_key: m.type, "line": m.line})
    for m in old:
        if m.name not in n:
            out.append({"change": f"{noun}_removed", "name": m.name, type_key: m.type, "line": m.line})
    for m in old:
        if m.name in n and n[m.name].type != m.type:
            nm = n[m.name]
            change = "field_type_changed" if noun == "field" else "method_changed"
            out.append(
                {"change": change, "name": m.name, f"old_{type_key}": m.type, f"new_{type_key}": nm.type,
                 "old_line": m.line, "new_line": nm.line}
            )  # fmt: skip
        elif m.name in n and n[m.name].tag != m.tag:
            out.append({"change": f"{noun}_tag_changed", "name": m.name, "old_tag": m.tag, "new_tag": n[m.name].tag})
    common_old = [m.name for m in old if m.name in n]
    common_new = [m.name for m in new if m.name in o]
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
    pa = _asm_parts(a) if kind == "asm" else _func_parts(a)
    pb = _asm_parts(b) if kind == "asm" else _func_parts(b)
    if pa is None or pb is None:
        return []
    out: list[dict] = []
    if pa[0] != pb[0]:
        out.append({"change": "signature_changed", "old": pa[0], "new": pb[0]})
    if pa[1] != pb[1]:
        added, removed = line_counts(pa[1], pb[1])
        out.append({"change": "body_changed", "lines_added": added, "lines_removed": removed})
    return out


def summarize(kind: str, name: str, a: str, b: str, a_start: int = 1, b_start: int = 1) -> list[dict]:
    """Structured changes from text ``a`` (at file line ``a_start``) to ``b`` of a ``kind`` definition ``name``."""
    if a == b:
        return [{"change": "unchanged"}]
    added, removed = line_counts(a.split("\n"), b.split("\n"))
    keyword = _KEYWORDS.get(kind)
    if keyword is not None and _code_only(a, keyword) == _code_only(b, keyword):
        return [{"change": "comments_changed", "lines_added": added, "lines_removed": removed}]
    try:
        out = _kind_changes(kind, name, a, b, a_start, b_start)
    except (ValueError, RuntimeError) as e:  # a parse problem must not lose the comparison
        log.warning("could not summarize %s %s: %s", kind, name, e)
        out = []
    return out or [{"change": "text_changed", "lines_added": added, "lines_removed": removed}]


def describe(change: dict) -> str:
    """One human-readable line for a change dict."""
    c = change.get("change", "")
    if c == "unchanged":
        return "unchanged (identical text)"
    if c in ("field_added", "field_removed"):
        verb = "added" if c == "field_added" else "removed"
        return f"field {change['name']} {change.get('type', '')} {verb}".replace("  ", " ")
    if c == "field_type_changed":
        return f"field {change['name']}: type {change['old_type']} -> {change['new_type']}"
    if c in ("method_added", "method_removed"):
        return f"method {change['name']}{change.get('signature', '')} {c.split('_')[1]}"
    if c == "method_changed":
        return f"method {change['name']}: {change['old_signature']} -> {change['new_signature']}"
    if c.endswith("_reordered"):
        return f"{c.split('_')[0]}s reordered"
    if c == "value_changed":
        return f"value of {change['name']}: {change['old'] or '(implicit)'} -> {change['new'] or '(implicit)'}"
    if c == "const_type_changed":
        return f"type of {change['name']}: {change['old_type'] or '(untyped)'} -> {change['new_type'] or '(untyped)'}"
    if c in ("signature_changed", "type_changed"):
        return f"{c.split('_')[0]} changed: {change['old']} -> {change['new']}"
    if c in ("body_changed", "text_changed", "comments_changed"):
        what = {"body_changed": "body", "text_changed": "text", "comments_changed": "comments/layout only"}[c]
        return f"{what} changed: +{change['lines_added']} -{change['lines_removed']} lines"
    if c == "file_moved":
        return f"file moved: {change['old_path']} -> {change['new_path']}"
    if c == "package_moved":
        return f"package moved: {change['old_package']} -> {change['new_package']} ({change['new_path']})"
    if c == "renamed":
        return f"renamed: {change['old']} -> {change['new']}"
    if c == "removed":
        succ = change.get("successor")
        return f"removed: {change.get('symbol', '')}" + (f" (successor: {', '.join(succ)})" if succ else "")
    if c == "added":
        pred = change.get("predecessor")
        return f"added: {change.get('symbol', '')}" + (f" (predecessor: {pred})" if pred else "")
    if c == "not_found":
        return f"{change.get('name', '')} not found in the indexed releases"
    return c


__all__ = [
    "Member",
    "asm_signature",
    "const_value",
    "describe",
    "func_signature",
    "interface_members",
    "line_counts",
    "struct_fields",
    "summarize",
    "type_definition",
    "unified_diff",
]
