"""Go source chunker (tree-sitter-go): one chunk per top-level declaration, plus design comments.

Rules (line numbers are 1-based; see ``ingest.chunk_docs`` for the line model):

* ``func`` -> kind ``func``, symbol ``<pkg>.name``; methods -> kind ``method``, ``<pkg>.(*T).m`` for pointer
  receivers and ``<pkg>.T.m`` for value receivers, type parameters dropped (``(*T[K, V])`` -> ``(*T)``).
  ``<pkg>`` is the directory import path (``ingest.buildtags.import_path_for``), never the ``package`` name, except
  for programs that are not part of their directory's package (``package main`` built only with ``//go:build
  ignore``, or in a ``_dir``): those are ``main`` (``main.main``), as the go command would name them.
* ``type``/``const``/``var`` declarations: one chunk per declaration (a grouped ``( ... )`` block is one chunk);
  every spec name is its own SymbolDef spanning its spec's lines (the whole declaration when not grouped); names
  ``_`` get no SymbolDef. The chunk's symbol is the first name of the block.
* ``start_line`` is the line of the ``func``/``type``/``const``/``var`` keyword; the contiguous comment lines
  directly above (no blank line between; ``//go:`` directives included) are the doc comment: ``doc_start_line``,
  and the text starts there.
* Long declarations: a ``func``/method longer than ``max_lines`` (doc included) is split at top-level statement
  boundaries of its body (descending into statements that are themselves longer than ``part_lines``; a comment
  stays with the statement it precedes) into parts of at most ``part_lines`` lines, ``part`` = 1..n. Part 1 starts
  with the doc comment and signature; parts 2..n start at a statement (``start_line`` = their first line, no
  doc). Every part's ``header`` is the signature lines, the first lines of the enclosing statements the part starts
  inside (for 2..n), and ``// (part k of n, lines a-b)``. The func's SymbolDef (whole range) is in part 1 only.
  ``type``/``const``/``var`` declarations are left whole up to ``max_block_lines`` (300; a struct or a const block
  reads best whole) and otherwise split the same way at spec/field/element boundaries; each spec's SymbolDef goes
  to the part holding its first line and a part's symbol is its first SymbolDef (else the block's).
* The package doc comment (directly above ``package``) -> kind ``package``, symbol = the import path, text = the
  comment and the ``package`` line. Other top-level comment blocks not attached to a declaration (blocks separated
  only by blank lines are merged; the copyright header, build constraints and the generated marker are left out)
  of at least ``min_comment_lines`` lines -> kind ``comment``, symbol ``<file>: <title>`` where ``<file>`` is the
  path without ``src/`` (``runtime/proc.go``) and ``<title>`` the comment's first line (<= 60 chars, trailing
  punctuation dropped): ``runtime/proc.go: Goroutine scheduler``. Comments over ``max_lines`` are split at
  paragraph breaks. Package clause and imports get no chunk otherwise.
* Top-level ERROR nodes (syntax errors) become kind ``text`` chunks ``<file>:<a>-<b>`` with a warning, so no line
  is silently lost; declarations containing errors are chunked as usual.
* Every chunk carries the file's GOOS/GOARCH (file name), ``//go:build`` expression and generated marker.
* Files over ``HUGE_FILE_BYTES`` are not parsed: a warning and fixed windows of kind ``text``.
"""

from __future__ import annotations

import logging
import re
from functools import cache
from typing import Any

from tree_sitter import Language, Node, Parser

from ingest.buildtags import file_facts, file_label, import_path_for, in_ignored_dir, is_copyright_line
from ingest.chunk_docs import (
    MAX_LINES,
    PART_LINES,
    chunk_maker,
    pack_ranges,
    part_marker,
    window_chunks,
)
from ingest.chunk_types import Chunk, SymbolDef

log = logging.getLogger(__name__)

MAX_BLOCK_LINES = 300
MIN_COMMENT_LINES = 6
HUGE_FILE_BYTES = 4 * 1024 * 1024

DECL_KINDS = {
    "function_declaration": "func",
    "method_declaration": "method",
    "type_declaration": "type",
    "const_declaration": "const",
    "var_declaration": "var",
}
_QUIET_TOP = {"package_clause", "import_declaration", "comment", ";", "\n"}
_BOILERPLATE = re.compile(r"^\s*//(go:build\b|\s*\+build\b|\s*Code generated\b)")
_COMMENT_MARKS = re.compile(r"^\s*(//+|/\*+|\*+/?)?\s?")
_TYPE_PARAMS = re.compile(r"\[.*\]")
_LIST_NODES = frozenset(
    {"statement_list", "expression_list", "block", "literal_value", "argument_list", "parameter_list",
     "var_spec_list", "field_declaration_list"}
)  # fmt: skip
"""Containers that start at their first element: no enclosing head of their own."""


@cache
def _parser() -> Parser:
    import tree_sitter_go

    return Parser(Language(tree_sitter_go.language()))


def parse(data: bytes) -> Node:
    return _parser().parse(data).root_node


def _first(node: Node) -> int:
    """1-based first line."""
    return node.start_point.row + 1


def _last(node: Node) -> int:
    """1-based last line (a node ending at column 0 ends on the line before)."""
    r = node.end_point.row
    if node.end_point.column == 0 and r > node.start_point.row:
        r -= 1
    return r + 1


def _text(node: Node | None) -> str:
    return node.text.decode("utf-8", "replace") if node is not None and node.text is not None else ""


class _Block:
    __slots__ = ("end", "start", "used")

    def __init__(self, start: int, end: int) -> None:
        self.start, self.end, self.used = start, end, False


def comment_title(lines: list[str], start: int, end: int, limit: int = 60) -> str:
    """The first meaningful line of a comment block, for a symbol."""
    for ln in lines[start - 1 : end]:
        s = ln.strip()
        if s.startswith("//go:") or _BOILERPLATE.match(s) or _is_license_line(s):
            continue
        s = " ".join(_COMMENT_MARKS.sub("", s, count=1).split())
        s = s.removesuffix("*/").strip()
        if not any(ch.isalnum() for ch in s):  # empty, or a rule of dashes or stars: no title
            continue
        if len(s) > limit:  # cut at a word, and said to be cut
            return s[:limit].rsplit(" ", 1)[0].rstrip(".:,;- ") + "..."
        return s.rstrip(".:,;- ") or s
    return f"line {start}"


def _is_license_line(ln: str) -> bool:
    """A line of the file's license header (its copyright, "Use of this source code ..." and "license that ...")."""
    return is_copyright_line(ln) or ln.strip().startswith(("// Use of this", "// license that"))


def _is_boilerplate(lines: list[str], b: _Block) -> bool:
    return all(not ln.strip() or _BOILERPLATE.match(ln) or _is_license_line(ln) for ln in lines[b.start - 1 : b.end])


def _after_license(lines: list[str], start: int, end: int) -> int:
    """The first line of a comment block after the license header it opens with, and the empty comment lines after
    that (inl.go's design comment follows its license with no blank line between: its title was "Use of this source
    code is governed by a BSD-style"); ``start`` when it opens with none."""
    i = start
    while i <= end and _is_license_line(lines[i - 1]):
        i += 1
    if i == start:
        return start
    while i <= end and lines[i - 1].strip() in ("", "//"):
        i += 1
    return i


def receiver_type(node: Node) -> str:
    """``*p``, ``batch``, ``*T`` for ``(*T[K, V])``, from a method's receiver parameter list."""
    recv = node.child_by_field_name("receiver")
    typ = None
    if recv is not None:
        for p in recv.named_children:
            if p.type == "parameter_declaration":
                typ = p.child_by_field_name("type")
                break
    s = _text(typ) if typ is not None else _text(recv).strip("()")
    s = _TYPE_PARAMS.sub("", s)
    s = s.replace("(", "").replace(")", "").replace(" ", "")
    if typ is None and s:  # `(p *T)` parsed oddly: keep the last word
        s = s.split(",")[0]
        s = s[s.find("*") :] if "*" in s else s.split()[-1] if s.split() else s
    return s


def method_symbol(pkg: str, recv: str, name: str) -> str:
    prefix = f"{pkg}." if pkg else ""
    return f"{prefix}({recv}).{name}" if recv.startswith("*") else f"{prefix}{recv}.{name}"


def _specs(node: Node) -> list[Node]:
    out: list[Node] = []
    for c in node.named_children:
        if c.type in ("type_spec", "type_alias", "const_spec", "var_spec"):
            out.append(c)
        elif c.type == "var_spec_list":
            out.extend(s for s in c.named_children if s.type == "var_spec")
    return out


def _names(spec: Node) -> list[Node]:
    """The name identifiers of a spec (the field also holds the separating commas)."""
    return [n for n in spec.children_by_field_name("name") if n.is_named]


def _grouped(node: Node) -> bool:
    return any(c.type in ("(", "var_spec_list") for c in node.children)


def _candidates(node: Node, part_lines: int, out: list[int]) -> None:
    """Lines where a part may start: named children of ``node``, recursing into over-long ones."""
    prev: Node | None = None
    for ch in node.named_children:
        s = _first(ch)
        glued = prev is not None and prev.type == "comment" and _last(prev) >= s - 1
        if not glued and (prev is None or _last(prev) < s):
            out.append(s)
        if _last(ch) - s + 1 > part_lines:
            _candidates(ch, part_lines, out)
        prev = ch


def _enclosing_heads(decl: Node, line: int, after: int, lines: list[str], limit: int = 4) -> list[str]:
    """First lines of the statements/literals containing ``line`` that begin after line ``after``."""
    row = line - 1
    n = decl.descendant_for_point_range((row, 0), (row, 0))
    rows: set[int] = set()
    while n is not None and n != decl:
        r = n.start_point.row + 1
        if after < r < line and n.type not in _LIST_NODES:
            rows.add(r)
        n = n.parent
    return [lines[r - 1] for r in sorted(rows)[:limit]]


def _program_package(path: str, root: Node, build: str | None) -> str | None:
    """``main`` for a program that is not part of the package of its directory: a ``package main`` file built
    only on request (``//go:build ignore``: the runtime's generators mkduff.go, mkpreempt.go ...) or in a directory
    the go command skips (``_gen``, ``_mkmalloc``). None for everything else."""
    clause = next((n for n in root.children if n.type == "package_clause"), None)
    if clause is None or not clause.named_children or _text(clause.named_children[-1]) != "main":
        return None
    ignored = bool(build and re.search(r"(^|[\s(!|&])ignore\b", build) and not re.search(r"!\s*ignore\b", build))
    return "main" if ignored or in_ignored_dir(path) else None


def chunk_go(
    path: str,
    data: bytes,
    lines: list[str],
    *,
    max_lines: int = MAX_LINES,
    part_lines: int = PART_LINES,
    max_block_lines: int = MAX_BLOCK_LINES,
    min_comment_lines: int = MIN_COMMENT_LINES,
) -> list[Chunk]:
    facts = file_facts(path, lines)
    fkw: dict[str, Any] = facts.chunk_kwargs()
    if len(data) > HUGE_FILE_BYTES:
        log.warning("%s: %d bytes exceeds %d; chunked by fixed line windows", path, len(data), HUGE_FILE_BYTES)
        return window_chunks(path, lines, part_lines, **fkw)
    root = parse(data)
    pkg = _program_package(path, root, facts.build) or import_path_for(path)
    label = file_label(path)
    n_lines = len(lines)
    chunks: list[Chunk] = []

    mk = chunk_maker(path, lines, fkw)

    # 1. Top-level sequence of comment blocks and nodes.
    entries: list[_Block | Node] = []
    prev_end = 0
    for node in root.children:
        a, b = _first(node), _last(node)
        if b > n_lines:  # tree-sitter's end at EOF without a newline
            b = n_lines
        if node.type == "comment":
            if a == prev_end and entries and not isinstance(entries[-1], _Block):
                continue  # trailing comment on a declaration's last line
            last = entries[-1] if entries else None
            if isinstance(last, _Block) and a <= last.end + 1:
                last.end = max(last.end, b)
            else:
                entries.append(_Block(a, b))
        else:
            entries.append(node)
            prev_end = b

    def doc_of(i: int, node: Node) -> int | None:
        if i == 0 or not isinstance(entries[i - 1], _Block):
            return None
        blk = entries[i - 1]
        assert isinstance(blk, _Block)
        if blk.end >= _first(node) - 1 and not _is_boilerplate(lines, blk):
            blk.used = True
            return blk.start
        return None

    # 2. Declarations, package doc, errors.
    for i, e in enumerate(entries):
        if isinstance(e, _Block):
            continue
        node = e
        if node.type in DECL_KINDS:
            chunks.extend(_decl_chunks(node, doc_of(i, node), pkg, lines, mk, max_lines, part_lines, max_block_lines))
        elif node.type == "package_clause":
            doc = doc_of(i, node)
            if doc is not None:
                name = _text(node.named_children[-1]) if node.named_children else pkg
                start, end = _first(node), _last(node)
                # The package's SymbolDef spans its doc comment and the clause (part 1 holds it when split).
                sd = SymbolDef(
                    symbol=pkg or name, name=name, package=pkg, receiver=None, kind="package", start_line=doc,
                    end_line=end,
                )  # fmt: skip
                if end - doc + 1 <= max_lines:
                    chunks.append(mk("package", pkg or name, start, end, doc, symbols=(sd,)))
                    continue
                # A long package doc (runtime/metrics/doc.go): parts at paragraph breaks, the clause in the last.
                paras = [j for j in range(doc + 1, start) if lines[j - 2].strip() in ("", "//")]
                ranges = pack_ranges(doc, end, paras, part_lines)
                for k, (pa, pb) in enumerate(ranges, 1):
                    header = f"package {name} // {part_marker(k, len(ranges), pa, pb)}"
                    defs = (sd,) if k == 1 else ()
                    if k < len(ranges):
                        chunks.append(mk("package", pkg or name, pa, pb, header=header, part=k, symbols=defs))
                    else:
                        d = pa if pa < start else None
                        chunks.append(mk("package", pkg or name, start, pb, d, header=header, part=k, symbols=defs))
        elif node.type not in _QUIET_TOP and (node.type == "ERROR" or node.is_named):
            a, b = _first(node), min(_last(node), n_lines)
            log.warning("%s:%d-%d: unparsed top-level %s; kept as text", path, a, b, node.type)
            for pa, pb in pack_ranges(a, b, (), part_lines):
                chunks.append(mk("text", f"{label}:{pa}-{pb}", pa, pb))

    # 3. Free comment blocks: merge runs separated only by blank lines, keep the long ones.
    run: list[_Block] = []

    def flush() -> None:
        if not run:
            return
        a, b = run[0].start, run[-1].end
        run.clear()
        a = _after_license(lines, a, b)
        if b - a + 1 < min_comment_lines:
            return
        title = comment_title(lines, a, b)
        symbol = f"{label}: {title}"
        sd = SymbolDef(symbol=symbol, name=title, package=pkg, receiver=None, kind="comment", start_line=a, end_line=b)
        if b - a + 1 <= max_lines:
            chunks.append(mk("comment", symbol, a, b, symbols=(sd,)))
            return
        paras = [j for j in range(a + 1, b + 1) if lines[j - 2].strip() in ("", "//")]
        ranges = pack_ranges(a, b, paras, part_lines)
        for k, (pa, pb) in enumerate(ranges, 1):
            chunks.append(
                mk(
                    "comment",
                    symbol,
                    pa,
                    pb,
                    header=f"// {title}\n// {part_marker(k, len(ranges), pa, pb)}",
                    part=k,
                    symbols=(sd,) if k == 1 else (),
                )
            )

    for e in entries:
        if isinstance(e, _Block) and not e.used and not _is_boilerplate(lines, e):
            run.append(e)
        else:
            flush()
    flush()

    chunks.sort(key=lambda c: (c.first_line, c.part))
    return chunks


def _decl_chunks(
    node: Node,
    doc: int | None,
    pkg: str,
    lines: list[str],
    mk: Any,
    max_lines: int,
    part_lines: int,
    max_block_lines: int,
) -> list[Chunk]:
    kind = DECL_KINDS[node.type]
    start, end = _first(node), min(_last(node), len(lines))
    first = doc if doc is not None else start
    prefix = f"{pkg}." if pkg else ""
    sdefs: list[SymbolDef] = []
    if kind in ("func", "method"):
        name = _text(node.child_by_field_name("name")) or f"_line{start}"
        recv = receiver_type(node) if kind == "method" else None
        symbol = method_symbol(pkg, recv, name) if recv else f"{prefix}{name}"
        sdefs.append(
            SymbolDef(symbol=symbol, name=name, package=pkg, receiver=recv, kind=kind, start_line=start, end_line=end)
        )
    else:
        grouped = _grouped(node)
        for spec in _specs(node):
            a, b = (_first(spec), _last(spec)) if grouped else (start, end)
            for nm in _names(spec):
                name = _text(nm)
                if name and name != "_":
                    sdefs.append(
                        SymbolDef(
                            symbol=f"{prefix}{name}",
                            name=name,
                            package=pkg,
                            receiver=None,
                            kind=kind,
                            start_line=a,
                            end_line=b,
                        )
                    )
        if sdefs:
            symbol = sdefs[0].symbol
        else:
            names = [_text(n) for s in _specs(node) for n in _names(s)]
            symbol = f"{prefix}{names[0] if names else '_'}"

    limit = max_lines if kind in ("func", "method") else max_block_lines
    if end - first + 1 <= limit:
        return [mk(kind, symbol, start, end, doc, symbols=tuple(sdefs))]

    # Split.
    cands: list[int] = []
    if kind in ("func", "method"):
        body = node.child_by_field_name("body")
        if body is None:
            return [mk(kind, symbol, start, end, doc, symbols=tuple(sdefs))]
        sig_end = _first(body)
        container = next((c for c in body.named_children if c.type == "statement_list"), body)
        _candidates(container, part_lines, cands)
        # The closing brace may start the last part only with something before it.
    else:
        sig_end = start
        _candidates(node, part_lines, cands)
    cands = [c for c in cands if c > sig_end]
    ranges = pack_ranges(first, end, cands, part_lines)
    while len(ranges) > 1 and ranges[0][1] < sig_end:
        ranges[0:2] = [(ranges[0][0], ranges[1][1])]
    if len(ranges) > 1 and ranges[-1][1] - ranges[-1][0] + 1 <= 10 and ranges[-1][1] - ranges[-2][0] + 1 <= max_lines:
        ranges[-2:] = [(ranges[-2][0], ranges[-1][1])]
    if len(ranges) == 1:
        return [mk(kind, symbol, start, end, doc, symbols=tuple(sdefs))]
    sig = lines[start - 1 : sig_end]
    out: list[Chunk] = []
    n = len(ranges)
    for k, (a, b) in enumerate(ranges, 1):
        heads = _enclosing_heads(node, a, sig_end, lines) if k > 1 else []
        header = "\n".join([*sig, *heads, f"// {part_marker(k, n, a, b)}"])
        if kind in ("func", "method"):
            part_defs = tuple(sdefs) if k == 1 else ()
            part_symbol = symbol
        else:
            part_defs = tuple(s for s in sdefs if a <= s.start_line <= b)
            part_symbol = part_defs[0].symbol if part_defs else symbol
        if k == 1:
            c = mk(kind, part_symbol, start, b, doc, header=header, part=k, symbols=part_defs)
        else:
            c = mk(kind, part_symbol, a, b, None, header=header, part=k, symbols=part_defs)
        out.append(c)
    return out


__all__ = ["chunk_go", "comment_title", "method_symbol", "parse", "receiver_type"]
