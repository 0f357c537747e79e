"""The Go chunker on small inline sources: one test per rule of ingest/chunk_go.py."""

from __future__ import annotations

import itertools
import logging

import pytest

from ingest.buildtags import goos_goarch_from_filename, import_path_for
from ingest.chunk_types import Chunk
from ingest.chunkers import UnsupportedFile, chunk_file


def chunks_of(src: str, path: str = "src/runtime/x.go", **kw: object) -> list[Chunk]:
    return chunk_file(path, src.encode())


def by_symbol(chunks: list[Chunk], symbol: str) -> Chunk:
    found = [c for c in chunks if c.symbol == symbol]
    assert found, f"{symbol} not in {[c.symbol for c in chunks]}"
    return found[0]


def check_lines(data: bytes, chunks: list[Chunk]) -> None:
    lines = data.decode("utf-8", "replace").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    lines = [ln.removesuffix("\r") for ln in lines]
    for c in chunks:
        assert 1 <= c.first_line <= c.start_line <= c.end_line <= len(lines), c
        assert c.text == "\n".join(lines[c.first_line - 1 : c.end_line]), c.symbol


SRC = """\
// Copyright 2024 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package runtime

import "unsafe"

// runqput tries to put g on the local runnable queue.
// More doc.
//
//go:nosplit
func (pp *p) runqput(gp *g, next bool) {
	_ = unsafe.Pointer(gp)
}

func (b batch) finish() {}

// lookup is generic.
func (m *Map[K, V]) lookup(k K) V { var v V; return v }

func (t table[K]) size() int { return 0 }

func plain() {}

/* block doc */
func blockdoc() {}

// Not a doc: blank line below.

func nodoc() {}
"""


def test_funcs_methods_receivers_and_docs() -> None:
    cs = chunks_of(SRC)
    check_lines(SRC.encode(), cs)
    rq = by_symbol(cs, "runtime.(*p).runqput")
    assert rq.kind == "method" and rq.doc_start_line == 9 and rq.start_line == 13 and rq.end_line == 15
    assert rq.text.startswith("// runqput tries") and "//go:nosplit" in rq.text
    (sd,) = rq.symbols
    assert (sd.name, sd.receiver, sd.package, sd.kind, sd.start_line, sd.end_line) == (
        "runqput", "*p", "runtime", "method", 13, 15,
    )  # fmt: skip
    fin = by_symbol(cs, "runtime.batch.finish")
    assert fin.symbols[0].receiver == "batch" and fin.doc_start_line is None
    assert by_symbol(cs, "runtime.(*Map).lookup").symbols[0].receiver == "*Map"
    assert by_symbol(cs, "runtime.table.size").symbols[0].receiver == "table"
    assert by_symbol(cs, "runtime.plain").kind == "func"
    assert by_symbol(cs, "runtime.blockdoc").doc_start_line == 26
    nd = by_symbol(cs, "runtime.nodoc")
    assert nd.doc_start_line is None and nd.text == "func nodoc() {}"
    # The copyright header, package clause and imports make no chunk; the short free comment neither.
    assert {c.kind for c in cs} == {"func", "method"}


GROUPS = """\
package runtime

// Doc of the block.
const (
	// stackMin is the minimum stack.
	stackMin = 2048

	a, b = 1, 2
	_    = 3
)

var x, y int

type (
	hchan struct {
		qcount uint
	}
	waitq = int
)

type one struct{}
"""


def test_const_var_type_groups() -> None:
    cs = chunks_of(GROUPS)
    check_lines(GROUPS.encode(), cs)
    blk = by_symbol(cs, "runtime.stackMin")
    assert blk.kind == "const" and blk.start_line == 4 and blk.doc_start_line == 3 and blk.end_line == 10
    defs = {s.symbol: (s.start_line, s.end_line, s.kind) for s in blk.symbols}
    assert defs == {
        "runtime.stackMin": (6, 6, "const"),
        "runtime.a": (8, 8, "const"),
        "runtime.b": (8, 8, "const"),
    }
    v = by_symbol(cs, "runtime.x")
    assert [s.symbol for s in v.symbols] == ["runtime.x", "runtime.y"] and v.symbols[1].start_line == 12
    t = by_symbol(cs, "runtime.hchan")
    assert {s.symbol: (s.start_line, s.end_line) for s in t.symbols} == {
        "runtime.hchan": (15, 17),
        "runtime.waitq": (18, 18),
    }
    assert by_symbol(cs, "runtime.one").symbols[0].start_line == 21


def long_func(n_stmts: int) -> str:
    body = []
    for i in range(n_stmts):
        body.append(f"\t// step {i}\n\tif x > {i} {{\n\t\tx--\n\t}}")
    return "package runtime\n\n// schedule doc.\nfunc schedule(\n\tx int,\n) {\n" + "\n".join(body) + "\n}\n"


def test_long_body_split_with_header() -> None:
    src = long_func(80)  # 80 * 4 lines
    cs = chunks_of(src)
    check_lines(src.encode(), cs)
    parts = [c for c in cs if c.symbol == "runtime.schedule"]
    assert len(parts) >= 4
    assert [p.part for p in parts] == list(range(1, len(parts) + 1))
    assert all(p.end_line - p.first_line + 1 <= 100 for p in parts)
    # Contiguous, complete coverage.
    assert parts[0].first_line == 3 and parts[0].start_line == 4 and parts[0].doc_start_line == 3
    for p, q in itertools.pairwise(parts):
        assert q.first_line == p.end_line + 1
    assert parts[-1].end_line == src.count("\n")
    # Cuts keep a comment with its statement; every part carries the signature.
    for p in parts[1:]:
        assert p.text.startswith("\t// step"), p.text[:30]
        assert p.doc_start_line is None and not p.symbols
        assert p.header.startswith("func schedule(\n\tx int,\n) {") and f"of {len(parts)}" in p.header
    (sd,) = parts[0].symbols
    assert (sd.start_line, sd.end_line) == (4, parts[-1].end_line)


def test_split_parameters_and_nested_heads() -> None:
    inner = "\n".join(f"\tcase {i}:\n\t\tf({i})" for i in range(150))
    src = f"package runtime\n\nfunc big(v int) {{\n\tswitch v {{\n{inner}\n\t}}\n}}\n"
    cs = chunk_file("src/runtime/x.go", src.encode())
    check_lines(src.encode(), cs)
    assert len(cs) >= 3
    assert all(c.text.lstrip().startswith("case") for c in cs[1:])
    assert "\tswitch v {" in cs[1].header  # the enclosing statement is carried


def _design_comment(src: str, path: str) -> Chunk:
    """The first chunk of a file whose top is ``src``, checked against its lines: a free comment block."""
    cs = chunks_of(src, path)
    check_lines(src.encode(), cs)
    assert cs[0].kind == "comment"
    return cs[0]


def test_file_header_comment_and_package_doc() -> None:
    body = "\n".join(f"// line {i} of the design." for i in range(8))
    src = f"// Copyright 2009 The Go Authors.\n\n// Goroutine scheduler\n{body}\n\npackage runtime\n\nfunc f() {{}}\n"
    c = _design_comment(src, "src/runtime/proc.go")
    assert c.symbol == "runtime/proc.go: Goroutine scheduler" and (c.start_line, c.end_line) == (3, 11)
    pkg_doc = "// Package sync provides basic synchronization primitives.\npackage sync\n\nvar v int\n"
    cs = chunks_of(pkg_doc, "src/sync/mutex.go")
    assert cs[0].kind == "package" and cs[0].symbol == "sync" and cs[0].start_line == 2 and cs[0].doc_start_line == 1


def test_a_design_comment_glued_to_the_license_starts_after_it() -> None:
    # cmd/compile/internal/inline/inl.go: the license, an empty comment line, then the design comment, one block
    lic = (
        "// Copyright 2011 The Go Authors. All rights reserved.\n"
        "// Use of this source code is governed by a BSD-style\n"
        "// license that can be found in the LICENSE file.\n//\n"
    )
    body = "\n".join(f"// The inlining facility, line {i}." for i in range(6))
    c = _design_comment(f"{lic}{body}\n\npackage inline\n\nfunc f() {{}}\n", "src/cmd/compile/internal/inline/inl.go")
    assert c.symbol == "cmd/compile/internal/inline/inl.go: The inlining facility, line 0"
    assert (c.start_line, c.end_line) == (5, 10) and "license" not in c.text


def test_short_free_comment_is_not_a_chunk_and_separated_blocks_merge() -> None:
    src = 'package runtime\n\n// This file does X.\n\n// Invariants:\n//  a\n//  b\n//  c\n//  d\n\nimport "x"\n'
    cs = chunks_of(src, "src/runtime/chan.go")
    assert len(cs) == 1 and cs[0].symbol == "runtime/chan.go: This file does X" and cs[0].start_line == 3
    assert cs[0].end_line == 9


def test_build_tags_and_generated() -> None:
    src = "// Code generated by mkfoo.go. DO NOT EDIT.\n\n//go:build linux && !race\n\npackage runtime\n\nfunc f() {}\n"
    (c,) = chunks_of(src, "src/runtime/os_linux_amd64.go")
    assert (c.goos, c.goarch, c.build, c.generated) == ("linux", "amd64", "linux && !race", True)
    # ``// +build`` lines (the only form before Go 1.17), as ``go fix`` writes them: terms are alternatives, a comma
    # joins options that all hold, several lines all hold
    plus = "// +build linux,amd64 darwin\n// +build !race\n\npackage runtime\n\nfunc f() {}\n"
    (c,) = chunks_of(plus, "src/runtime/netpoll_epoll.go")
    assert c.build == "(linux && amd64 || darwin) && !race"
    both = "//go:build linux\n// +build linux\n\npackage runtime\n\nfunc f() {}\n"
    assert chunks_of(both, "src/runtime/a.go")[0].build == "linux"  # the //go:build line, when there is one
    late = "package runtime\n\n// +build linux\nfunc f() {}\n"
    assert chunks_of(late, "src/runtime/a.go")[0].build is None  # after the package clause: no constraint
    (c,) = chunks_of("package runtime\n// Code generated x DO NOT EDIT.\nfunc f() {}\n", "src/runtime/a.go")
    assert not c.generated  # after the package clause: not the marker
    assert goos_goarch_from_filename("src/runtime/sys_linux.go") == ("linux", None)
    assert goos_goarch_from_filename("src/runtime/asm_arm64.s") == (None, "arm64")
    assert goos_goarch_from_filename("src/runtime/linux.go") == (None, None)
    assert goos_goarch_from_filename("src/runtime/linux_amd64.go") == (None, "amd64")
    assert goos_goarch_from_filename("src/runtime/rt0_linux_arm64.s") == ("linux", "arm64")
    assert goos_goarch_from_filename("src/runtime/x_windows_test.go") == ("windows", None)
    assert goos_goarch_from_filename("src/runtime/mem_bsd.go") == (None, None)


def test_import_paths() -> None:
    assert import_path_for("src/runtime/chan.go") == "runtime"
    assert import_path_for("src/cmd/compile/internal/ssa/x.go") == "cmd/compile/internal/ssa"
    assert import_path_for("src/internal/runtime/maps/map.go") == "internal/runtime/maps"
    assert import_path_for("design/x.md") == "design"
    cs = chunk_file("src/cmd/compile/internal/ssa/f.go", b"package ssa\n\nfunc (f *Func) Log() bool { return true }\n")
    assert cs[0].symbol == "cmd/compile/internal/ssa.(*Func).Log"


def test_invalid_utf8_and_crlf(caplog: pytest.LogCaptureFixture) -> None:
    data = b"package runtime\n\n// bad \xff\xfe byte\nfunc f() {}\n\nfunc g() {}\n"
    with caplog.at_level(logging.WARNING):
        cs = chunk_file("src/runtime/x.go", data)
    assert sum("invalid UTF-8" in r.message for r in caplog.records) == 1
    check_lines(data, cs)
    assert [(c.symbol, c.first_line, c.end_line) for c in cs] == [("runtime.f", 3, 4), ("runtime.g", 6, 6)]
    assert "\ufffd" in cs[0].text
    crlf = b"package runtime\r\n\r\n// doc\r\nfunc f() {\r\n}\r\n"
    (c,) = chunk_file("src/runtime/x.go", crlf)
    assert (c.first_line, c.start_line, c.end_line) == (3, 4, 5)
    assert c.text == "// doc\nfunc f() {\n}"  # '\r' stripped


def test_syntax_errors_keep_lines(caplog: pytest.LogCaptureFixture) -> None:
    src = "package runtime\n\nfunc ok() {}\n\n)))) garbage here\n\nfunc alsoOK() {\n\treturn\n}\n"
    cs = chunks_of(src)
    check_lines(src.encode(), cs)
    syms = [c.symbol for c in cs]
    assert "runtime.ok" in syms and "runtime.alsoOK" in syms
    covered = {i for c in cs for i in range(c.first_line, c.end_line + 1)}
    assert 5 in covered  # the garbage line is kept (as a text chunk)


def test_unsupported_and_empty() -> None:
    with pytest.raises(UnsupportedFile, match=r"\.c"):
        chunk_file("src/runtime/cgo/gcc.c", b"int x;")
    assert chunk_file("src/runtime/empty.go", b"") == []


def test_huge_file_fallback(caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    import ingest.chunk_go as cg

    monkeypatch.setattr(cg, "HUGE_FILE_BYTES", 100)
    src = long_func(60)
    with caplog.at_level(logging.WARNING):
        cs = chunks_of(src)
    assert any("fixed line windows" in r.message for r in caplog.records)
    assert all(c.kind == "text" for c in cs)
    check_lines(src.encode(), cs)


def test_generator_programs_are_package_main_not_the_directory() -> None:
    gen = b"// Copyright 2024 The Go Authors.\n\n//go:build ignore\n\npackage main\n\n// main writes.\nfunc main() {}\n"
    (c,) = [c for c in chunk_file("src/runtime/mkduff.go", gen) if c.kind == "func"]
    assert c.symbol == "main.main" and c.symbols[0].package == "main"
    skipped = b"package main\n\n// gen writes the rules.\nfunc gen() {}\n"
    (c,) = [c for c in chunk_file("src/cmd/compile/internal/ssa/_gen/main.go", skipped) if c.kind == "func"]
    assert c.symbol == "main.gen"
    # a command's own main package keeps its directory's import path (unambiguous across the corpus)
    cmd = b"package main\n\n// main runs the compiler.\nfunc main() {}\n"
    (c,) = [c for c in chunk_file("src/cmd/compile/main.go", cmd) if c.kind == "func"]
    assert c.symbol == "cmd/compile.main"
    # before Go 1.17 a constraint is a ``// +build`` line alone (go1.15's mkduff.go): the same program
    old = b"// Copyright 2015 The Go Authors.\n\n// +build ignore\n\npackage main\n\nfunc main() {}\n"
    (c,) = [c for c in chunk_file("src/runtime/mkduff.go", old) if c.kind == "func"]
    assert c.symbol == "main.main" and c.build == "ignore"
    # a library file that is built everywhere but under a tag is its directory's package
    lib = b"//go:build !ignore\n\npackage runtime\n\nfunc f() {}\n"
    (c,) = [c for c in chunk_file("src/runtime/x.go", lib) if c.kind == "func"]
    assert c.symbol == "runtime.f"


def test_a_comment_block_is_titled_by_its_first_words_not_by_a_rule() -> None:
    from ingest.chunk_go import comment_title

    lines = ["// ----------------------------------------------------------------------------", "// Declarations", ""]
    assert comment_title(lines, 1, 2) == "Declarations"
    assert comment_title(["/* ***** */", "// Scheduler state"], 1, 2) == "Scheduler state"
    assert comment_title(["// ------"], 1, 1) == "line 1"
