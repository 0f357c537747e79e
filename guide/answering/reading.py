"""The reading path of an answer: the cited definitions in the order the code runs where one calls the next
(``rt0_go`` -> ``schedinit`` -> ``newproc`` -> ``mstart`` -> ``schedule``), each with its one-line summary.

A definition calls another when its code calls it by name (``schedinit(``; in assembly ``CALL runtime·schedinit``);
a declaration without a body calls the definition a ``//go:linkname`` directive gives its name (``freeOSMemory``:
runtime's ``runtime_debug_freeOSMemory``).
The path starts from the definitions no other cited one calls, in the order they were retrieved, and follows the
calls depth first; definitions that call and are called by nothing cited keep their retrieval order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from guide.answering.comment_text import is_title, paragraphs, sentences
from guide.answering.saying import is_fragment
from guide.answering.statements import Statement
from guide.citation import Citation, package_of
from ingest.symbols import bare_name

_CODE_KINDS = frozenset({"func", "method", "asm", "type", "const", "var"})


@dataclass(frozen=True)
class Step:
    citation: Citation
    summary: str
    """The first sentence of its doc comment (or of its own comment), '' when it has none."""


def calls(caller: Citation, callee: Citation) -> bool:
    """Whether ``caller``'s code calls ``callee`` by name, at the same release (convI2I at go1.21.13 calls the getitab
    of go1.21.13, not the one at go1.27.3, which the answer cites apart)."""
    if caller.key == callee.key or caller.kind not in ("func", "method", "asm") or caller.version != callee.version:
        return False
    if declared_only(caller):  # a declaration alone: a call of it runs the definition a linkname gives its name
        return bool(linkname_to(caller.symbol).search(f"{callee.doc}\n{callee.excerpt}"))
    name = re.escape(bare_name(callee.symbol))
    if caller.kind == "asm":
        return bool(re.search(rf"\b(CALL|JMP|BL|B)\s+\S*·{name}\(SB\)", caller.excerpt))
    code = "\n".join(ln.split("//", 1)[0] for ln in caller.excerpt.split("\n")[1:])
    if not re.search(rf"(?<![\w]){name}\(", code):
        return False
    # a method is called on a value of its type: ``x.Add(`` in checkdead is an atomic's, not sync.(*WaitGroup).Add
    receiver = re.search(r"(?:\(\*?([A-Za-z_]\w*)(?:\[[^\]]*\])?\)|\.([A-Za-z_]\w*))\.\w+$", callee.symbol)
    method = callee.kind == "method" or (receiver is not None and receiver.group(1) is not None)
    if not method:  # a function: by its bare name in its own package, qualified by the package's name elsewhere
        pkg = _package(callee)
        at = "" if pkg == _package(caller) else rf"\b{re.escape(pkg.rsplit('/', 1)[-1])}\."
        return bool(re.search(rf"(?<![\w.]){at}{name}\(", code))  # not rawstring's ``unsafe.String(``
    # a method of a value receiver (BitVec.String, guintptr.ptr) or a pointer one ((*WaitGroup).Add)
    of_type = (receiver.group(1) or receiver.group(2)) if receiver is not None else ""
    return not of_type or _package(caller) == _package(callee) or of_type in caller.excerpt


def declared_only(src: Citation) -> bool:
    """Whether ``src`` is a function declared without a body (``func freeOSMemory()``): another package defines it
    (``guide.answering.implemented``)."""
    code = "\n".join(ln for ln in src.excerpt.split("\n") if not ln.lstrip().startswith("//"))
    return src.kind in ("func", "method") and "{" not in code


def linkname_to(symbol: str) -> re.Pattern[str]:
    """The ``//go:linkname`` directive that gives a definition the name ``symbol`` (``//go:linkname
    runtime_debug_freeOSMemory runtime/debug.freeOSMemory``)."""
    return re.compile(rf"^\s*//go:linkname\s+\w+\s+{re.escape(symbol)}\s*$", re.MULTILINE)


def _package(c: Citation) -> str:
    """The import path of the package that declares ``c`` (``runtime.(*mheap).alloc``: runtime)."""
    return c.package or package_of(c.symbol)


def summary(src: Citation) -> str:
    """The first sentence of the definition's doc comment that says something (linkname notes, directives, the
    lead-in of a list, an entry of one (``saying.is_fragment``) and a title line skipped: schedinit's "The bootstrap
    sequence is:", chansend's "generic single channel send/recv"), and an aside ("Note: ...", ``_ASIDE``); a doc
    comment with a title line alone is that line."""
    said = [
        s for para in paragraphs(src.doc.split("\n")) for s in sentences(para)
        if not is_fragment(Statement(src.n, s)) and not _ASIDE.match(s)
    ]  # fmt: skip
    # (a list's lead-in or one entry of it, "- github.com/sagernet/gvisor" of a linkname note, is no summary; nor
    # "Note: changes here must be reflected in ..."); a doc comment that is a title line and nothing else is its own
    # summary (asm_amd64.s's gogo: "func gogo(buf *gobuf) restore state from Gobuf; longjmp")
    return next((s for s in said if not is_title(s)), said[0] if len(said) == 1 else "")


_ASIDE = re.compile(r"(?:Note|NB|N\.B\.|See also|Also see):\s", re.IGNORECASE)
"""A doc comment's aside (internal/runtime/maps.Map's only sentence, "Note: changes here must be reflected in
cmd/compile/internal/reflectdata/map.go:MapType."): what to keep in mind, not what the definition is."""


def reading_path(sources: list[Citation]) -> list[Step]:
    """The code definitions among ``sources`` in reading order (see the module doc)."""
    code = [s for s in sources if s.kind in _CODE_KINDS]
    called = {c.key for c in code for other in code if calls(other, c)}
    out: list[Citation] = []

    def visit(c: Citation) -> None:
        if c in out:
            return
        out.append(c)
        for nxt in code:
            if calls(c, nxt):
                visit(nxt)

    for c in code:
        if c.key not in called:
            visit(c)
    for c in code:  # cycles: whatever is left, in retrieval order
        visit(c)
    return [Step(c, summary(c)) for c in out]


def linked(path: list[Step]) -> bool:
    """Whether any definition of ``path`` calls another one of it: only then is it an order at all."""
    return any(calls(a.citation, b.citation) for a in path for b in path)


def chained(path: list[Step]) -> bool:
    """Whether each definition of ``path`` calls the next: only then is it the order the code runs in (a path with
    unrelated definitions between calls, the compiler's select lowering beside ``selectgo``, is not)."""
    return len(path) > 1 and all(calls(a.citation, b.citation) for a, b in pairwise(path))


__all__ = ["Step", "calls", "chained", "declared_only", "linked", "linkname_to", "reading_path", "summary"]
