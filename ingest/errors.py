"""Damaged, missing or unusable state, explained: each error's message is one line that names the fix.

Every entry point (``python -m corpus|ingest|guide|evals``, ``app.py`` and each web callback) turns these, and the
low-level exceptions :func:`explain` recognises (SQLite, the file system, git, Chroma), into that one line instead of
a traceback.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

REBUILD = "python -m ingest --rebuild"
SYNC = "python -m corpus sync"


class IndexProblem(RuntimeError):
    """Base: the index (or what it needs) cannot be used as it is; the message says what to do."""


class IndexMissingError(IndexProblem):
    """There is no index yet."""


class IndexCorruptError(IndexProblem):
    def __init__(self, path: Path, detail: str) -> None:
        self.path = path
        super().__init__(
            f"the index {path} is damaged ({detail}); rebuild it from the git repositories with `{REBUILD}`"
        )


class IndexReadOnlyError(IndexProblem):
    def __init__(self, path: Path, detail: str = "read-only") -> None:
        super().__init__(
            f"the index {path} cannot be written ({detail}): make {path.parent} writable for `python -m ingest`, "
            "or read it from a copy"
        )


class ReposMissingError(IndexProblem):
    def __init__(self, paths: list[Path]) -> None:
        self.paths = paths
        names = ", ".join(str(p) for p in paths)
        super().__init__(f"the git repositories are missing ({names}): run `{SYNC}`, then `python -m ingest`")


class VectorsMissingError(IndexProblem):
    """The index says chunks are embedded but the vector store does not have them."""


class VectorsDamagedError(IndexProblem):
    def __init__(self, path: Path | str, detail: str) -> None:
        super().__init__(
            f"the vector store {path} cannot be read ({detail}): remove it and run `python -m ingest` (vectors are "
            "computed again from the embedding cache)"
        )


class EmbeddingCacheDamagedError(IndexProblem):
    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(
            f"the embedding cache {path} is damaged ({detail}): remove it (it is only a cache) and rerun "
            "`python -m ingest`"
        )


class DiskFullError(IndexProblem):
    def __init__(self, where: Path | str) -> None:
        super().__init__(
            f"no space left on the device of {where}: free some space (or point GOGUIDE_DATA_DIR at a larger disk), "
            "then rerun `python -m ingest`, which resumes where it stopped"
        )


def forget_chroma_clients() -> None:
    """Drop chromadb's per-path client cache after a failed open, so that a later open (the directory removed or
    repaired) starts afresh instead of reusing the broken one."""
    try:
        from chromadb.api.client import SharedSystemClient

        SharedSystemClient.clear_system_cache()
    except Exception:
        pass


def _chain(e: BaseException) -> list[BaseException]:
    out: list[BaseException] = []
    cur: BaseException | None = e
    while cur is not None and cur not in out:
        out.append(cur)
        cur = cur.__cause__ or cur.__context__
    return out


def explain(e: BaseException, data_dir: Path | None = None) -> str | None:
    """The one-line explanation of a known failure (with its fix), or None for anything else."""
    from settings import SettingsError

    where = data_dir if data_dir is not None else Path("the data directory")
    for x in _chain(e):
        if isinstance(x, IndexProblem | SettingsError):
            return str(x)
    for x in _chain(e):
        text = str(x)
        low = text.lower()
        if (isinstance(x, OSError) and x.errno == errno.ENOSPC) or "disk is full" in low or "no space left" in low:
            return str(DiskFullError(where))
        if isinstance(x, OSError) and x.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return f"cannot write {x.filename or where} ({x.strerror}): make it writable, or use another data directory"
        if isinstance(x, sqlite3.DatabaseError):
            if "readonly" in low or "read-only" in low:
                return str(IndexReadOnlyError(where / "index.sqlite" if data_dir else Path("index.sqlite"), text))
            if "malformed" in low or "not a database" in low or "corrupt" in low:
                return (
                    f"a database in {where} is damaged ({text}): for index.sqlite run `{REBUILD}`; for "
                    "embeddings.sqlite remove the file (it is only a cache)"
                )
        name = type(x).__name__
        module = type(x).__module__ or ""
        if module.startswith("git") and name in ("NoSuchPathError", "InvalidGitRepositoryError"):
            return f"a git repository is missing or unreadable ({text}): run `{SYNC}`, then `python -m ingest`"
        if module.startswith("chromadb") or name == "PanicException":
            return str(VectorsDamagedError(where / "chroma", f"{name}: {text[:200]}"))
    return None


BROKEN_PIPE_EXIT = 141
"""The exit status of a command whose output's reader went away (128 + SIGPIPE, as the shell reports it)."""


def run_main(fn: Callable[[], int], *, verbose: bool, data_dir: Callable[[], Path | None] | None = None) -> int:
    """Run a command's body: known failures print one line (``error: ...``) and exit 2; anything else prints its
    type and message with a hint to rerun with ``-v`` (which shows the traceback)."""
    try:
        return fn()
    except KeyboardInterrupt:
        raise
    except BrokenPipeError:  # the reader stopped reading (`| head`): quiet, as a Unix tool ends on SIGPIPE
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())  # no second error when Python flushes stdout at exit
        return BROKEN_PIPE_EXIT
    except BaseException as e:  # PanicException (Rust, from Chroma) is a BaseException
        if isinstance(e, SystemExit | GeneratorExit):
            raise
        if verbose:
            raise
        where = None
        if data_dir is not None:
            try:
                where = data_dir()
            except Exception:
                where = None
        msg = explain(e, where)
        if msg is None:
            text = str(e).strip().splitlines()[0] if str(e).strip() else ""
            msg = f"unexpected {type(e).__name__}: {text[:300]} (rerun with -v for the details)"
        print(f"error: {msg}", file=sys.stderr)
        return 2


__all__ = [
    "DiskFullError",
    "EmbeddingCacheDamagedError",
    "IndexCorruptError",
    "IndexMissingError",
    "IndexProblem",
    "IndexReadOnlyError",
    "ReposMissingError",
    "VectorsDamagedError",
    "VectorsMissingError",
    "explain",
    "run_main",
]
