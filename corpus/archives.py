"""Reading release trees out of archives (wheel zips, tarballs, Debian packages) and directories, byte for byte.

Each reader yields :class:`corpus.gitstore.TreeFile` entries with repository-relative paths (the archive's root
prefix, e.g. ``go/``, stripped) and git modes (executable bit and symlinks preserved). Nothing is decoded or
normalised.
"""

from __future__ import annotations

import io
import lzma
import os
import stat
import tarfile
import zipfile
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import IO

from corpus.gitstore import MODE_EXEC, MODE_FILE, MODE_LINK, TreeFile

SKIP_TOP = ("bin/", "pkg/")
"""Top-level directories of a Go distribution that are build output, not source."""
SKIP_FILES = ("__init__.py",)
"""Top-level files a packaging adds (the wheel's ``go/__init__.py``)."""


def _keep(rel: str) -> bool:
    return bool(rel) and not rel.endswith("/") and rel not in SKIP_FILES and not rel.startswith(SKIP_TOP)


def _mode(st_mode: int) -> str:
    if stat.S_ISLNK(st_mode):
        return MODE_LINK
    return MODE_EXEC if st_mode & 0o111 else MODE_FILE


# -- wheels (zip) ------------------------------------------------------------------------------------------------
def verify_zip(path: Path) -> str | None:
    """None if the zip is complete and every member's CRC checks out, else what is wrong."""
    try:
        with zipfile.ZipFile(path) as zf:
            bad = zf.testzip()
            return f"bad CRC in {bad}" if bad else None
    except (zipfile.BadZipFile, EOFError, OSError) as e:
        return str(e) or type(e).__name__


def count_zip(path: Path, root: str) -> int:
    with zipfile.ZipFile(path) as zf:
        return sum(1 for n in zf.namelist() if n.startswith(root) and _keep(n[len(root) :]))


def iter_zip(path: Path, root: str = "go/") -> Iterator[TreeFile]:
    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            if info.is_dir() or not info.filename.startswith(root):
                continue
            rel = info.filename[len(root) :]
            if not _keep(rel):
                continue
            st_mode = info.external_attr >> 16
            if stat.S_ISLNK(st_mode):
                target = zf.read(info)
                yield TreeFile(rel, MODE_LINK, len(target), partial(io.BytesIO, target))
            else:
                yield TreeFile(rel, _mode(st_mode), info.file_size, partial(zf.open, info))


# -- tarballs (.tar.gz / .tar.xz, also the data member of a .deb) --------------------------------------------------
def verify_tar(path: Path) -> str | None:
    try:
        with tarfile.open(path) as tf:
            for m in tf:
                if m.isfile():
                    f = tf.extractfile(m)
                    if f is not None:
                        while f.read(1 << 20):
                            pass
        return None
    except (tarfile.TarError, EOFError, OSError, zipfile.BadZipFile, lzma.LZMAError) as e:
        return str(e) or type(e).__name__


def _strip(name: str, root: str) -> str | None:
    name = name.removeprefix("./")
    return name[len(root) :] if name.startswith(root) else None


def count_tar(path: Path, root: str) -> int:
    with tarfile.open(path) as tf:
        return sum(1 for m in tf if (m.isfile() or m.issym()) and (rel := _strip(m.name, root)) and _keep(rel))


def iter_tar(path: Path, root: str = "go/") -> Iterator[TreeFile]:
    """Stream the regular files and symlinks under ``root`` of a tarball (read sequentially, one pass)."""
    with tarfile.open(path, mode="r|*") as tf:
        for m in tf:
            rel = _strip(m.name, root)
            if rel is None or not _keep(rel):
                continue
            if m.issym():
                target = m.linkname.encode()
                yield TreeFile(rel, MODE_LINK, len(target), partial(io.BytesIO, target))
            elif m.isfile():
                f = tf.extractfile(m)
                data = f.read() if f is not None else b""
                yield TreeFile(rel, MODE_EXEC if m.mode & 0o111 else MODE_FILE, len(data), partial(io.BytesIO, data))


# -- Debian binary packages ------------------------------------------------------------------------------------------
def deb_data_tar(deb: Path) -> tuple[int, int, str]:
    """(offset, size, member name) of the ``data.tar.*`` member inside the ``.deb`` (an ``ar`` archive)."""
    with open(deb, "rb") as fh:
        if fh.read(8) != b"!<arch>\n":
            raise tarfile.ReadError(f"{deb} is not a Debian package (no ar header)")
        while header := fh.read(60):
            if len(header) < 60:
                break
            name = header[:16].decode().strip().rstrip("/")
            size = int(header[48:58].decode().strip())
            offset = fh.tell()
            if name.startswith("data.tar"):
                return offset, size, name
            fh.seek(size + (size & 1), os.SEEK_CUR)
    raise tarfile.ReadError(f"{deb} has no data.tar member")


def open_deb_data(deb: Path) -> tarfile.TarFile:
    offset, size, name = deb_data_tar(deb)
    with open(deb, "rb") as fh:
        fh.seek(offset)
        raw = fh.read(size)
    if name.endswith(".zst"):
        raise tarfile.ReadError(f"{deb}: zstd-compressed packages are not supported")
    return tarfile.open(fileobj=io.BytesIO(raw), mode="r:*")


def extract_deb(deb: Path, root: str, dest: Path, on_file: Callable[[str], None] | None = None) -> int:
    """Extract the files under ``root`` of a ``.deb``'s data into ``dest`` (modes kept); returns the file count."""
    n = 0
    with open_deb_data(deb) as tf:
        for m in tf:
            rel = _strip(m.name, root)
            if rel is None or not _keep(rel) or not (m.isfile() or m.issym()):
                continue
            target = dest / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if m.issym():
                os.symlink(m.linkname, target)
            else:
                f = tf.extractfile(m)
                with open(target, "wb") as out:
                    out.write(f.read() if f is not None else b"")
                os.chmod(target, 0o755 if m.mode & 0o111 else 0o644)
            n += 1
            if on_file:
                on_file(rel)
    return n


# -- directories -----------------------------------------------------------------------------------------------------
def iter_dir(root: Path, keep: Callable[[str], bool] | None = None) -> Iterator[TreeFile]:
    """Files below ``root`` (symlinks as links, never followed), sorted, filtered by ``keep(relpath)``."""
    root = Path(root)
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for fn in sorted(filenames):
            full = Path(dirpath) / fn
            rel = full.relative_to(root).as_posix()
            if keep is not None and not keep(rel):
                continue
            st = full.lstat()
            if stat.S_ISLNK(st.st_mode):
                target = os.readlink(full).encode()
                yield TreeFile(rel, MODE_LINK, len(target), partial(io.BytesIO, target))
            elif stat.S_ISREG(st.st_mode):
                yield TreeFile(rel, _mode(st.st_mode), st.st_size, partial(_open_rb, full))


def _open_rb(path: Path) -> IO[bytes]:
    return open(path, "rb")
