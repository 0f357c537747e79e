"""One handle on the built index for everything in guide/: the read side of the SQLite index (``reader``), the
vectors (opened lazily, so the embedding model loads only when a dense search is first made) and the release trees
in git."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import git

from ingest.reader import IndexReader
from ingest.store import Store, TagRow
from ingest.targets import version_key

if TYPE_CHECKING:
    from ingest.embeddings import CachedEmbeddings
    from ingest.vectors import VectorIndex
    from settings import Settings

log = logging.getLogger(__name__)


class IndexMissingError(RuntimeError):
    """There is no index yet; the message says how to build one."""


@dataclass(frozen=True)
class Version:
    repo: str
    tag: str
    commit: str
    upstream_ref: str
    permalink: str


class GuideIndex:
    def __init__(self, settings: Settings, store: Store | None = None) -> None:
        self.settings = settings
        if store is None:
            if not settings.index_db.exists():
                raise IndexMissingError(
                    f"no index at {settings.index_db}: build it with `make run`, or `python -m corpus sync` "
                    "then `python -m ingest`"
                )
            store = Store(settings.index_db, readonly=True)
        self.store = store
        self.reader = IndexReader(store)
        self._lock = threading.Lock()
        self._git_lock = threading.Lock()
        """GitPython reads through one ``git cat-file --batch`` process per repository: one reader at a time."""
        self._repos: dict[str, git.Repo] = {}
        self._lines: dict[tuple[str, str, str], list[str] | None] = {}

    # -- versions ------------------------------------------------------------------------------------------------
    @cached_property
    def versions(self) -> list[Version]:
        """Indexed tags, Go releases in release order, then others (``design``)."""
        rows: list[TagRow] = self.store.tags()
        rows.sort(key=lambda r: version_key(r.tag))
        return [Version(r.repo, r.tag, r.commit_sha, r.upstream_ref, r.permalink) for r in rows]

    @property
    def releases(self) -> list[str]:
        """Indexed Go release tags, oldest first."""
        return [v.tag for v in self.versions if v.repo == "go"]

    def version(self, tag: str) -> Version | None:
        return next((v for v in self.versions if v.tag == tag), None)

    # -- sources -------------------------------------------------------------------------------------------------
    def repo(self, name: str) -> git.Repo:
        with self._lock:
            if name not in self._repos:
                self._repos[name] = git.Repo(self.settings.repo_path(name))
            return self._repos[name]

    def blob_id(self, tag: str, path: str) -> str | None:
        v = self.version(tag)
        return self.reader.blob(v.repo, tag, path) if v is not None else None

    def file_lines(self, tag: str, path: str) -> list[str] | None:
        """The lines of ``path`` at ``tag`` (only files in the index; None otherwise), read from git."""
        key = ("", tag, path)
        if key in self._lines:
            return self._lines[key]
        v = self.version(tag)
        blob = self.blob_id(tag, path)
        lines = None
        if v is not None and blob is not None:
            repo = self.repo(v.repo)
            with self._git_lock:
                data = repo.odb.stream(bytes.fromhex(blob)).read()
            lines = data.decode("utf-8", errors="replace").split("\n")
            if lines and lines[-1] == "":
                lines.pop()
            lines = [ln.removesuffix("\r") for ln in lines]
        with self._lock:
            if len(self._lines) > 256:
                self._lines.clear()
            self._lines[key] = lines
        return lines

    def excerpt(self, tag: str, path: str, start: int, end: int) -> str | None:
        lines = self.file_lines(tag, path)
        if lines is None or start < 1 or end > len(lines) or start > end:
            return None
        return "\n".join(lines[start - 1 : end])

    def permalink(self, tag: str, path: str, start: int, end: int) -> str:
        v = self.version(tag)
        if v is None:
            raise KeyError(tag)
        return v.permalink.format(ref=v.upstream_ref, path=path, start=start, end=end)

    # -- vectors -------------------------------------------------------------------------------------------------
    @cached_property
    def embeddings(self) -> CachedEmbeddings:
        from ingest.embeddings import cached_embeddings

        return cached_embeddings(self.settings)

    @cached_property
    def vectors(self) -> VectorIndex:
        from ingest.vectors import VectorIndex

        return VectorIndex(self.settings, self.embeddings)

    @property
    def dense_ready(self) -> bool:
        """Whether any chunk is embedded (a fresh index may have symbol and lexical search only)."""
        return self.reader.any_embedded()

    def close(self) -> None:
        self.store.close()


def open_index(settings: Settings | None = None, data_dir: Path | None = None) -> GuideIndex:
    from settings import get_settings

    s = settings or get_settings()
    if data_dir is not None:
        s = s.model_copy(update={"data_dir": data_dir})
    return GuideIndex(s)
