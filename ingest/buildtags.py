"""What a source file's path and header say about it: package import path, GOOS/GOARCH, ``//go:build``, generated.

The GOOS/GOARCH lists are Go's own (``src/internal/syslist/syslist.go``), and the file-name rule is
``go/build``'s ``goodOSArchFile``: everything before the first ``_`` is ignored, a trailing ``_test`` is dropped,
then ``*_GOOS_GOARCH``, ``*_GOOS`` or ``*_GOARCH`` apply (so ``linux.go`` and ``linux_amd64.go``'s ``linux`` are
not constraints, but ``os_linux.go`` and ``rt0_linux_arm64.s`` are).

Package import path (used as the symbol prefix, see :func:`import_path_for`): the directory of the file under
``src/`` (``src/runtime/chan.go`` -> ``runtime``, ``src/cmd/compile/internal/ssa/x.go`` ->
``cmd/compile/internal/ssa``); outside ``src/`` the directory path itself (``design``). The ``package`` clause name
is deliberately not used: ``package main`` programs (``src/cmd/compile/main.go``) get ``cmd/compile``, which is
unambiguous across the corpus where ``main`` would not be.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from typing import Any

KNOWN_OS: frozenset[str] = frozenset(
    {
        "aix",
        "android",
        "darwin",
        "dragonfly",
        "freebsd",
        "hurd",
        "illumos",
        "ios",
        "js",
        "linux",
        "nacl",
        "netbsd",
        "openbsd",
        "plan9",
        "solaris",
        "wasip1",
        "windows",
        "zos",
    }
)
"""``syslist.KnownOS`` (Go 1.21 through 1.27: same set)."""
UNIX_OS: frozenset[str] = KNOWN_OS - {"js", "nacl", "plan9", "wasip1", "windows", "zos"}
"""``syslist.UnixOS``: the GOOS values the ``unix`` build constraint stands for."""

KNOWN_ARCH: frozenset[str] = frozenset(
    {
        "386",
        "amd64",
        "amd64p32",
        "arm",
        "armbe",
        "arm64",
        "arm64be",
        "loong64",
        "mips",
        "mipsle",
        "mips64",
        "mips64le",
        "mips64p32",
        "mips64p32le",
        "ppc",
        "ppc64",
        "ppc64le",
        "riscv",
        "riscv64",
        "s390",
        "s390x",
        "sparc",
        "sparc64",
        "wasm",
    }
)
"""``syslist.KnownArch``."""

INSTRUMENTED: frozenset[str] = frozenset({"race", "msan", "asan"})
"""The build tags of the go command's instrumented builds (``go build -race``, ``-msan``, ``-asan``): the runtime's
race0.go, msan0.go and asan0.go are built without them, where ``raceenabled``, ``msanenabled`` and ``asanenabled``
are false."""

_GO_BUILD = re.compile(r"^//go:build\s+(.+?)\s*$")
_GENERATED = re.compile(r"^// Code generated .* DO NOT EDIT\.$")
_COPYRIGHT = re.compile(r"^\s*(//|/\*)?\s*Copyright\b.*\bAuthors\b")


@dataclass(frozen=True)
class FileFacts:
    """Set on every chunk of a file."""

    goos: str | None = None
    goarch: str | None = None
    build: str | None = None
    generated: bool = False

    def chunk_kwargs(self) -> dict[str, Any]:
        """The Chunk fields these facts set."""
        return {"goos": self.goos, "goarch": self.goarch, "build": self.build, "generated": self.generated}


def import_path_for(path: str) -> str:
    """The package import path of a repository-relative file path (the directory under ``src/``)."""
    d = posixpath.dirname(path.replace("\\", "/"))
    if d == "src":
        return ""
    if d.startswith("src/"):
        return d[4:]
    return d


def in_ignored_dir(path: str) -> bool:
    """Whether the file is in a directory the go command ignores (`go help packages`: a directory whose name begins
    with "." or "_", or one named testdata): code there is no part of any package a Go program builds."""
    return any(p.startswith(("_", ".")) or p == "testdata" for p in path.split("/")[:-1])


def file_label(path: str) -> str:
    """The path as used in non-Go symbols (comment chunks): without the leading ``src/``."""
    return path[4:] if path.startswith("src/") else path


def goos_goarch_from_filename(path: str) -> tuple[str | None, str | None]:
    """GOOS and GOARCH implied by the file name, following ``go/build``'s ``goodOSArchFile``."""
    name = posixpath.basename(path).split(".", 1)[0]
    i = name.find("_")
    if i < 0:
        return None, None
    parts = name[i:].split("_")
    if parts and parts[-1] == "test":
        parts = parts[:-1]
    n = len(parts)
    if n >= 2 and parts[-2] in KNOWN_OS and parts[-1] in KNOWN_ARCH:
        return parts[-2], parts[-1]
    if n >= 1 and parts[-1] in KNOWN_OS:
        return parts[-1], None
    if n >= 1 and parts[-1] in KNOWN_ARCH:
        return None, parts[-1]
    return None, None


def header_lines(lines: list[str]) -> list[str]:
    """The leading lines that are blank or comments (where build constraints and the generated marker live)."""
    out: list[str] = []
    in_block = False
    for line in lines:
        s = line.strip()
        if in_block:
            out.append(line)
            if "*/" in s:
                in_block = False
            continue
        if not s or s.startswith("//"):
            out.append(line)
        elif s.startswith("/*"):
            out.append(line)
            in_block = "*/" not in s[2:]
        else:
            break
    return out


def go_build_expr(lines: list[str]) -> str | None:
    """The ``//go:build`` expression of the file header, if any; else its ``// +build`` lines as one (the only form
    before Go 1.17: go1.15's mkduff.go says ``// +build ignore``, netpoll_epoll.go ``// +build linux``)."""
    header = header_lines(lines)
    for line in header:
        m = _GO_BUILD.match(line.rstrip())
        if m:
            return m.group(1)
    plus = [m.group(1).split() for line in header if (m := _PLUS_BUILD.match(line.rstrip()))]
    return " && ".join(_plus_line(terms) for terms in plus if terms) or None


_PLUS_BUILD = re.compile(r"^//\s*\+build\s+(.+?)\s*$")


def _plus_line(terms: list[str]) -> str:
    """One ``// +build`` line as a ``//go:build`` expression, as ``go fix`` writes it: its space-separated terms are
    alternatives, a term's comma-separated options all hold ("linux,amd64 darwin" is "linux && amd64 || darwin");
    several lines all hold, so a line of alternatives is parenthesized."""
    alternatives = [" && ".join(term.split(",")) for term in terms]
    joined = " || ".join(alternatives)
    return f"({joined})" if len(alternatives) > 1 else joined


def is_generated(lines: list[str]) -> bool:
    """Go's rule: a ``// Code generated ... DO NOT EDIT.`` line before the first non-comment text."""
    return any(_GENERATED.match(line.rstrip()) for line in header_lines(lines))


def is_copyright_line(line: str) -> bool:
    return bool(_COPYRIGHT.match(line))


def file_facts(path: str, lines: list[str]) -> FileFacts:
    goos, goarch = goos_goarch_from_filename(path)
    return FileFacts(goos=goos, goarch=goarch, build=go_build_expr(lines), generated=is_generated(lines))
