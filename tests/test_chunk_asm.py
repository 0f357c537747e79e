"""The Plan 9 assembly chunker on small inline sources."""

from __future__ import annotations

from ingest.chunk_asm import asm_symbol
from ingest.chunkers import chunk_file
from tests.test_chunk_go import check_lines

ASM = """\
// Copyright 2009 The Go Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

#include "go_asm.h"
#include "textflag.h"

// _rt0_amd64 is common startup code.
TEXT _rt0_amd64(SB),NOSPLIT,$-8
	MOVQ	0(SP), DI	// argc
	JMP	runtime·rt0_go(SB)

TEXT runtime·rt0_go(SB),NOSPLIT|NOFRAME|TOPFRAME,$0
	// copy arguments forward on an even stack
	MOVQ	DI, AX

ok:
	RET


// memmove doc
// more
TEXT ·memmove<ABIInternal>(SB), NOSPLIT, $0-24
	RET

#define CALLFN(NAME,MAXSIZE)			\\
TEXT NAME(SB), WRAPPER, $MAXSIZE-48;		\\
	RET

TEXT runtime∕internal∕atomic·Load(SB),NOSPLIT,$0-12
	RET
DATA	bad_cpu_msg<>+0x00(SB)/8, $"hi"
GLOBL	bad_cpu_msg<>(SB), RODATA, $8
GLOBL	runtime·tls_g+0(SB), NOPTR, $8
"""


def test_text_blocks_and_symbols() -> None:
    cs = chunk_file("src/runtime/asm_amd64.s", ASM.encode())
    check_lines(ASM.encode(), cs)
    asm = [c for c in cs if c.kind == "asm"]
    got = [(c.symbol, c.doc_start_line, c.start_line, c.end_line) for c in asm]
    assert got == [
        ("_rt0_amd64", 8, 9, 11),
        ("runtime.rt0_go", None, 13, 18),
        ("runtime.memmove", 21, 23, 24),
        ("runtime/internal/atomic.Load", None, 30, 31),
        ("bad_cpu_msg", None, 32, 34),
    ]
    assert all(c.goarch == "amd64" and c.goos is None for c in cs)
    rt0 = asm[1]
    (sd,) = rt0.symbols
    assert (sd.name, sd.package, sd.kind) == ("rt0_go", "runtime", "asm")
    data = asm[-1]
    assert [s.symbol for s in data.symbols] == ["bad_cpu_msg", "runtime.tls_g"]
    # The macro is not a TEXT block; the short preamble is no chunk.
    assert not any("NAME" in c.symbol for c in asm)
    assert cs[0].symbol == "_rt0_amd64"


def test_asm_symbol() -> None:
    assert asm_symbol("runtime·rt0_go", "runtime") == ("runtime.rt0_go", "rt0_go", "runtime")
    assert asm_symbol("·memmove<ABIInternal>", "runtime") == ("runtime.memmove", "memmove", "runtime")
    assert asm_symbol("·Load", "internal/runtime/atomic") == (
        "internal/runtime/atomic.Load", "Load", "internal/runtime/atomic",
    )  # fmt: skip
    assert asm_symbol("sync∕atomic·AddInt32", "sync/atomic") == ("sync/atomic.AddInt32", "AddInt32", "sync/atomic")
    assert asm_symbol("_rt0_amd64_linux", "runtime") == ("_rt0_amd64_linux", "_rt0_amd64_linux", "runtime")
    assert asm_symbol("gogo<>", "runtime") == ("gogo", "gogo", "runtime")


def test_long_text_block_split_and_build_tags() -> None:
    body = "\n".join(f"\tMOVQ\t${i}, AX\n\tADDQ\tAX, BX\n" + (f"\nloop{i}:" if i % 7 == 0 else "") for i in range(90))
    src = f"//go:build linux\n\n// doc\nTEXT runtime·big(SB),NOSPLIT,$0\n{body}\n\tRET\n"
    cs = chunk_file("src/runtime/sys_linux_arm64.s", src.encode())
    check_lines(src.encode(), cs)
    assert len(cs) >= 3 and all(c.symbol == "runtime.big" for c in cs)
    assert [c.part for c in cs] == list(range(1, len(cs) + 1))
    assert cs[0].doc_start_line == 3 and cs[0].start_line == 4 and len(cs[0].symbols) == 1
    assert all(c.header.startswith("TEXT runtime·big(SB)") for c in cs)
    assert all(c.end_line - c.first_line < 100 for c in cs)
    assert all((c.goos, c.goarch, c.build) == ("linux", "arm64", "linux") for c in cs)


def test_long_preamble_is_a_chunk() -> None:
    comment = "\n".join(f"// note {i}" for i in range(8))
    src = f'#include "textflag.h"\n\n{comment}\n\nTEXT ·f(SB),NOSPLIT,$0\n\tRET\n'
    cs = chunk_file("src/internal/runtime/atomic/atomic_amd64.s", src.encode())
    check_lines(src.encode(), cs)
    assert cs[0].kind == "comment" and cs[0].symbol == "internal/runtime/atomic/atomic_amd64.s: note 0"
    assert cs[1].symbol == "internal/runtime/atomic.f"
