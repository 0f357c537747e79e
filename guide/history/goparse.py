"""Go definitions parsed with tree-sitter-go: struct fields, interface members, type definitions, const/var values,
func and assembly signatures — what the change summaries compare."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from tree_sitter import Language, Node, Parser

from guide.words import squash


@cache
def _parser() -> Parser:
    import tree_sitter_go

    return Parser(Language(tree_sitter_go.language()))


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
    return squash(_one_line(data.decode("utf-8", errors="replace")))


_ENDS_STATEMENT = re.compile(r"(?:[\w\"'`)\]}]|\+\+|--)$")
"""The last token of a line after which Go inserts a semicolon (an identifier, keyword or literal, ``++``, ``--``, a
closing bracket; the spec's rule, keywords other than break/continue/fallthrough/return aside, which end no line)."""


def _one_line(text: str) -> str:
    """Go text on one line as gofmt writes it there: a line break where Go inserts a semicolon becomes "; " (``struct
    { gList; n int32 }``; squashed to spaces it read "struct { gList n int32 }", trial 67), any other (after an
    operator, an opening bracket or a comma, or before a closing bracket) a space."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    out = lines[:1]
    for ln in lines[1:]:
        ends = _ENDS_STATEMENT.search(out[-1]) and not ln.startswith(("}", ")", "]"))
        out.append(f"; {ln}" if ends else f" {ln}")
    return "".join(out)


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


def func_parts(text: str) -> tuple[str, list[str]] | None:
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
        return squash(data.decode("utf-8", errors="replace")), lines
    return None


def func_signature(text: str) -> str | None:
    """The signature of the func or method in ``text`` (everything before the body), whitespace squashed."""
    parts = func_parts(text)
    return parts[0] if parts else None


_CALLEE = re.compile(r"^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*$")
_CONVERSIONS = frozenset(
    [
        "bool",
        "byte",
        "complex64",
        "complex128",
        "error",
        "float32",
        "float64",
        "int",
        "int8",
        "int16",
        "int32",
        "int64",
        "rune",
        "string",
        "uint",
        "uint8",
        "uint16",
        "uint32",
        "uint64",
        "uintptr",
        "any",
        "unsafe.Pointer",
    ]
)
"""Predeclared types: ``int(x)`` is a conversion, not a call."""


def func_calls(text: str) -> set[str] | None:
    """The names the func or method in ``text`` calls (``lock``, ``c.timer.maybeRunChan``, ``sys.Cas``): the callee
    of every call in its body that is a name or a selector chain (closures and conversions to composite types are
    not names, conversions to predeclared types are not calls); None when ``text`` is no func."""
    root, _ = _wrap(text, "")
    for decl in _walk(root, {"function_declaration", "method_declaration"}):
        body = decl.child_by_field_name("body")
        if body is None:
            return set()
        out = set()
        for call in _walk(body, {"call_expression"}):
            fn = call.child_by_field_name("function")
            name = (fn.text or b"").decode("utf-8", errors="replace") if fn is not None else ""
            if _CALLEE.match(name) and name not in _CONVERSIONS:
                out.add(name)
        return out
    return None


def asm_parts(text: str) -> tuple[str, list[str]] | None:
    lines = text.split("\n")
    for i, ln in enumerate(lines):
        if ln.lstrip().startswith("TEXT"):
            return squash(ln.split("//", 1)[0]), lines[i + 1 :]
    return None


def code_only(text: str, keyword: str) -> str:
    root, _ = _wrap(text, keyword)
    return _strip_comments(root)


__all__ = [
    "Member",
    "asm_parts",
    "code_only",
    "const_value",
    "func_calls",
    "func_parts",
    "func_signature",
    "interface_members",
    "struct_fields",
    "type_definition",
]
