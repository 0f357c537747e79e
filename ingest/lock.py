"""One writer per index: ``python -m ingest`` and a serving app's background embedding take the same lock."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class IndexBusyError(RuntimeError):
    pass


@contextmanager
def index_lock(data_dir: Path) -> Iterator[None]:
    """Hold the data dir's write lock, or raise :class:`IndexBusyError` at once if another process has it."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / "index.lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise IndexBusyError(
                f"another process is writing the index in {data_dir} (`python -m ingest` or the app's background "
                "embedding); wait for it to finish, or stop it"
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        yield
    finally:
        os.close(fd)
