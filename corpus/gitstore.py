"""The local bare repositories: creation, tags as done markers, writing release trees byte for byte.

A tag (``refs/tags/<name>``) exists only once its tree is complete: builders write into ``refs/corpus-staging/<name>``
and :meth:`LocalRepo.finish_tag` moves it to the tag as the very last step, so an interrupted sync (even ``kill -9``)
is simply redone on the next run. Next to the tag, ``<repo>/corpus-sync.json`` records where each tag came from.
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import subprocess
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import git

from corpus.errors import DiskFullError, GitError

log = logging.getLogger(__name__)

STAGING_PREFIX = "refs/corpus-staging/"
RECORD_FILE = "corpus-sync.json"
COMMIT_IDENT = "Go Internals Reading Guide corpus <corpus@goguide.invalid> 0 +0000"
"""Author/committer of the commits built from distributions: fixed, so equal trees give equal commit ids."""

MODE_FILE, MODE_EXEC, MODE_LINK = "100644", "100755", "120000"


@dataclass(frozen=True)
class TreeFile:
    """One file of a release tree: its repository path, git mode and a way to read its exact bytes."""

    path: str
    mode: str
    size: int
    open: Callable[[], IO[bytes]]


def git_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"GIT_TERMINAL_PROMPT": "0", "GIT_ASKPASS": "true", "LC_ALL": "C"})
    env.update(extra or {})
    return env


def raise_if_disk_full(stderr: str, where: Path) -> None:
    if "No space left on device" in stderr:
        raise DiskFullError(where)


def dir_size(path: Path) -> int:
    total = 0
    for root, _dirs, files in os.walk(path):
        for f in files:
            with contextlib.suppress(FileNotFoundError):
                total += os.lstat(os.path.join(root, f)).st_size
    return total


def tag_exists(repo_path: Path, tag: str) -> bool:
    """Whether ``repo_path`` has ``refs/tags/<tag>`` (without creating or configuring anything)."""
    if not (repo_path / "HEAD").is_file():
        return False
    proc = subprocess.run(
        ["git", f"--git-dir={repo_path}", "rev-parse", "--verify", "--quiet", f"refs/tags/{tag}"],
        capture_output=True,
        env=git_env(),
    )
    return proc.returncode == 0


class LocalRepo:
    """A local bare repository at ``path`` (created on first use, ``core.autocrlf=false``)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        if not (self.path / "HEAD").is_file():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                git.Repo.init(self.path, bare=True, mkdir=True)
            except OSError as e:
                if e.errno == errno.ENOSPC:
                    raise DiskFullError(self.path) from e
                raise
        self.repo = git.Repo(self.path)
        with self.repo.config_writer() as cw:
            cw.set_value("core", "autocrlf", "false")
            cw.set_value("gc", "auto", "0")

    # -- plumbing -------------------------------------------------------------------------------------------------
    def run(
        self,
        *args: str,
        input: bytes | None = None,
        env: dict[str, str] | None = None,
        check: bool = True,
        timeout: float | None = None,
    ) -> subprocess.CompletedProcess[bytes]:
        cmd = ["git", f"--git-dir={self.path}", *args]
        log.debug("run %s", " ".join(cmd))
        proc = subprocess.run(cmd, input=input, capture_output=True, env=git_env(env), timeout=timeout)
        if check and proc.returncode != 0:
            err = proc.stderr.decode(errors="replace")
            raise_if_disk_full(err, self.path)
            raise GitError(f"git {' '.join(args[:3])} failed in {self.path}: {err.strip()}")
        return proc

    def rev_parse(self, ref: str) -> str | None:
        proc = self.run("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", check=False)
        return proc.stdout.decode().strip() or None if proc.returncode == 0 else None

    def has_tag(self, tag: str) -> bool:
        return self.rev_parse(f"refs/tags/{tag}") is not None

    def tags(self) -> list[str]:
        out = self.run("for-each-ref", "--format=%(refname:strip=2)", "refs/tags").stdout.decode()
        return [t for t in out.splitlines() if t]

    def remove_stale_temp_files(self) -> int:
        """Delete temporary packs/objects left by a killed git process (call only while no git runs here)."""
        removed = 0
        objects = self.path / "objects"
        for p in [*objects.glob("pack/tmp_*"), *objects.glob("pack/.tmp-*"), *objects.glob("tmp_obj_*")]:
            with contextlib.suppress(OSError):
                p.unlink()
                removed += 1
        return removed

    def objects_size(self) -> int:
        return dir_size(self.path / "objects")

    def finish_tag(self, tag: str, commit: str, record: dict[str, Any]) -> None:
        """Record where ``tag`` came from, then create it (the done marker) and drop its staging ref."""
        self.write_record(tag, record)
        self.run("update-ref", "-m", "corpus sync", f"refs/tags/{tag}", commit, "")
        self.run("update-ref", "-d", f"{STAGING_PREFIX}{tag}", check=False)

    # -- provenance records ---------------------------------------------------------------------------------------
    def records(self) -> dict[str, dict[str, Any]]:
        p = self.path / RECORD_FILE
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            log.warning("ignoring unreadable %s", p)
            return {}
        return data if isinstance(data, dict) else {}

    def write_record(self, tag: str, record: dict[str, Any]) -> None:
        data = self.records()
        data[tag] = record
        p = self.path / RECORD_FILE
        tmp = p.with_suffix(".tmp")
        try:
            tmp.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
            os.replace(tmp, p)
        except OSError as e:
            if e.errno == errno.ENOSPC:
                raise DiskFullError(self.path) from e
            raise

    # -- writing trees --------------------------------------------------------------------------------------------
    def write_tree_commit(
        self, ref: str, files: Iterable[TreeFile], message: str, on_file: Callable[[TreeFile], None] | None = None
    ) -> tuple[str, int, int]:
        """Write ``files`` as the root commit of ``ref`` with ``git fast-import``: blobs exactly as read (no
        line-ending or encoding changes), modes as given. Returns (commit id, files, bytes)."""
        cmd = ["git", f"--git-dir={self.path}", "fast-import", "--quiet", "--force", "--done"]
        proc = subprocess.Popen(
            cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=git_env()
        )
        assert proc.stdin is not None
        count = total = 0
        err_text = ""
        try:
            entries: list[tuple[str, str, int]] = []
            w = proc.stdin
            for i, f in enumerate(_unique(files), start=1):
                w.write(b"blob\nmark :%d\ndata %d\n" % (i, f.size))
                written = 0
                with f.open() as fh:
                    while chunk := fh.read(1 << 20):
                        w.write(chunk)
                        written += len(chunk)
                if written != f.size:
                    raise GitError(f"{f.path}: expected {f.size} bytes, read {written}")
                w.write(b"\n")
                entries.append((f.mode, f.path, i))
                count += 1
                total += f.size
                if on_file:
                    on_file(f)
            if not entries:
                raise GitError(f"no files to commit for {ref}")
            msg = message.encode()
            w.write(f"commit {ref}\nauthor {COMMIT_IDENT}\ncommitter {COMMIT_IDENT}\n".encode())
            w.write(b"data %d\n%s\ndeleteall\n" % (len(msg), msg))
            for mode, path, mark in sorted(entries, key=lambda e: e[1]):
                w.write(f"M {mode} :{mark} {_fi_path(path)}\n".encode())
            w.write(b"\ndone\n")
            w.close()
        except BrokenPipeError:
            pass
        finally:
            if proc.stdin and not proc.stdin.closed:
                with contextlib.suppress(BrokenPipeError):
                    proc.stdin.close()
            assert proc.stderr is not None
            err_text = proc.stderr.read().decode(errors="replace")
            rc = proc.wait()
        if rc != 0:
            raise_if_disk_full(err_text, self.path)
            raise GitError(f"git fast-import failed for {ref}: {err_text.strip()}")
        commit = self.rev_parse(ref)
        if not commit:
            raise GitError(f"git fast-import wrote no {ref}")
        return commit, count, total


def _unique(files: Iterable[TreeFile]) -> Iterator[TreeFile]:
    seen: set[str] = set()
    for f in files:
        if f.path in seen:
            log.warning("duplicate path %s in archive; keeping the first", f.path)
            continue
        seen.add(f.path)
        yield f


def _fi_path(path: str) -> str:
    if path.startswith('"') or "\n" in path or "\\" in path:
        esc = path.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        return f'"{esc}"'
    return path
