"""How the sync reports progress without depending on a UI: the CLI passes a tqdm-backed :class:`Progress`."""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    def start(self, desc: str, total: int | None = None, unit: str = "it") -> None: ...

    def update(self, n: int = 1) -> None: ...

    def close(self) -> None: ...


class NullProgress:
    """Reports nothing (library use, tests)."""

    def start(self, desc: str, total: int | None = None, unit: str = "it") -> None:
        pass

    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass
