"""Properties of every chunk over real Go sources, when an extracted Go distribution is at hand.

Looks for ``$GOGUIDE_GOSRC`` or ``/tmp/gosrc-*/go`` (a Go tree with ``src/``); skips otherwise (CI has none).
"""

from __future__ import annotations

import glob
import itertools
import os
import re
from pathlib import Path

import pytest

from ingest.chunk_types import Chunk
from ingest.chunkers import chunk_file

ROOTS = [Path(p) for p in ([os.environ["GOGUIDE_GOSRC"]] if os.environ.get("GOGUIDE_GOSRC") else [])] + [
    Path(p) for p in sorted(glob.glob("/tmp/gosrc-*/go"))
]
ROOTS = [r for r in ROOTS if (r / "src" / "runtime").is_dir()]
DIRS = ("src/runtime", "src/internal/runtime", "src/internal/abi", "src/sync", "src/cmd/compile/internal/ssa")
KEYWORD = {"func": "func", "method": "func", "type": "type", "const": "const", "var": "var"}

pytestmark = pytest.mark.skipif(not ROOTS, reason="no extracted Go source tree (/tmp/gosrc-*/go)")


def corpus_files(root: Path) -> list[Path]:
    out = []
    for d in DIRS:
        for p in sorted((root / d).rglob("*")):
            if p.suffix in (".go", ".s", ".md") and not p.name.endswith("_test.go") and "testdata" not in p.parts:
                out.append(p)
    return out


def file_lines(data: bytes) -> list[str]:
    lines = data.decode("utf-8", "replace").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [ln.removesuffix("\r") for ln in lines]


def check(path: str, data: bytes, chunks: list[Chunk]) -> None:
    lines = file_lines(data)
    for c in chunks:
        where = f"{path}:{c.start_line} {c.symbol} part {c.part}"
        assert 1 <= c.first_line <= c.start_line <= c.end_line <= len(lines), where
        assert c.text == "\n".join(lines[c.first_line - 1 : c.end_line]), where
        if c.kind in KEYWORD and c.part <= 1:
            assert re.match(rf"\s*{KEYWORD[c.kind]}\b", lines[c.start_line - 1]), where
            for s in c.symbols:
                assert 1 <= s.start_line <= s.end_line <= len(lines), where
                assert s.name in "\n".join(lines[s.start_line - 1 : s.end_line]), f"{where}: {s.symbol}"
    # Parts of one declaration are contiguous.
    for a, b in itertools.pairwise(chunks):
        if b.part > 1:
            assert b.symbol == a.symbol or a.kind in ("const", "var", "type") or a.kind == "asm", path
            assert b.first_line > a.end_line, path


@pytest.mark.parametrize("root", ROOTS, ids=lambda r: r.parent.name)
def test_every_chunk_is_exact(root: Path) -> None:
    files = corpus_files(root)
    assert len(files) > 300
    n = 0
    for p in files:
        rel = p.relative_to(root).as_posix()
        data = p.read_bytes()
        chunks = chunk_file(rel, data)
        check(rel, data, chunks)
        n += len(chunks)
    assert n > 5000


def find(root: Path, rel: str, symbol: str) -> Chunk:
    chunks = chunk_file(rel, (root / rel).read_bytes())
    hits = [c for c in chunks if any(s.symbol == symbol for s in c.symbols)]
    assert hits, f"{symbol} not found in {rel}"
    return hits[0]


@pytest.mark.parametrize("root", ROOTS, ids=lambda r: r.parent.name)
def test_spot_checks(root: Path) -> None:
    lines = file_lines((root / "src/runtime/chan.go").read_bytes())
    h = find(root, "src/runtime/chan.go", "runtime.hchan")
    assert lines[h.start_line - 1].startswith("type hchan struct") and lines[h.end_line - 1] == "}"
    rq = find(root, "src/runtime/proc.go", "runtime.runqput")  # a func taking pp *p, not a method
    assert rq.kind == "func"
    pinit = find(root, "src/runtime/proc.go", "runtime.(*p).init")
    assert pinit.kind == "method" and pinit.symbols[0].receiver == "*p"
    rt0 = find(root, "src/runtime/asm_amd64.s", "runtime.rt0_go")
    assert rt0.kind == "asm" and rt0.goarch == "amd64"
    stack = chunk_file("src/runtime/stack.go", (root / "src/runtime/stack.go").read_bytes())
    names = {s.symbol for c in stack for s in c.symbols}
    assert "runtime.stackMin" in names or "runtime._StackMin" in names
    proc = chunk_file("src/runtime/proc.go", (root / "src/runtime/proc.go").read_bytes())
    assert any(c.kind == "comment" and c.symbol == "runtime/proc.go: Goroutine scheduler" for c in proc)
    mgc = chunk_file("src/runtime/mgc.go", (root / "src/runtime/mgc.go").read_bytes())
    assert any(c.kind == "comment" and c.symbol.startswith("runtime/mgc.go: Garbage collector") for c in mgc)
