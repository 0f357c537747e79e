"""What a chunker produces: chunks with exact 1-based line ranges and the symbols they define.

Symbol naming follows Go's own scheme (as in stack traces and pprof), with the package's import path:
``runtime.newproc`` (func), ``runtime.hchan`` (type), ``runtime.stackMin`` (each name of a const/var block),
``runtime.(*p).runqput`` (pointer-receiver method), ``runtime.batch.finish`` (value-receiver method),
``cmd/compile/internal/ssa.(*Func).Log``; assembly ``TEXT runtime·rt0_go(SB)`` is ``runtime.rt0_go``.
Doc sections are named ``<path>#<Heading> > <Sub-heading>``.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SymbolDef:
    symbol: str
    """Full Go-style name, e.g. ``runtime.(*p).runqput``."""
    name: str
    """Bare name, e.g. ``runqput``, ``hchan``, ``rt0_go``."""
    package: str
    """Import path of the package (``runtime``, ``internal/runtime/maps``); '' for docs."""
    receiver: str | None
    """Receiver type as written without brackets (``*p``, ``batch``); None for non-methods."""
    kind: str
    """func | method | type | const | var | asm | section | comment | package."""
    start_line: int
    end_line: int


@dataclass(frozen=True)
class Chunk:
    path: str
    """Repository-relative path exactly as upstream, e.g. ``src/runtime/chan.go``."""
    kind: str
    """func | method | type | const | var | asm | comment | package | section | text."""
    symbol: str
    """The chunk's primary symbol (see module doc)."""
    start_line: int
    """1-based line of the declaration itself (``func``, ``type``, the const/var keyword, ``TEXT``, heading)."""
    end_line: int
    """1-based last line (inclusive)."""
    text: str
    """Exactly the file's lines ``first_line..end_line`` joined with '\\n' (no trailing newline)."""
    doc_start_line: int | None = None
    """First line of the doc comment directly above, if any."""
    header: str = ""
    """Context carried by a part of a split body (the signature), not part of the line range."""
    part: int = 0
    """0 for a whole declaration; 1..n for the parts of a split one."""
    symbols: tuple[SymbolDef, ...] = field(default_factory=tuple)
    """Every symbol this chunk defines (each name of a const block, the type, the method...)."""
    goos: str | None = None
    goarch: str | None = None
    build: str | None = None
    """The ``//go:build`` expression, if any."""
    generated: bool = False
    """The file says ``Code generated ... DO NOT EDIT.``: indexed lexically and by symbol, not embedded."""

    @property
    def first_line(self) -> int:
        return self.doc_start_line if self.doc_start_line is not None else self.start_line
