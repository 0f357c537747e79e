"""One handle on the built index for everything in guide/: the read side of the SQLite index (``reader``), the
vectors and the release trees in git.

Dense retrieval needs the embedding model and the vectors in memory (:class:`ingest.vectors.ExactVectors`).
:meth:`GuideIndex.warm_up` loads both in a background thread; until :attr:`GuideIndex.dense_ready`, dense retrieval
is left out (symbol and lexical search answer), so no question ever waits for a model load. The snapshot of the
vectors is rebuilt in the background when the index gains vectors (the background embedder, another ingest)."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING

import git

from corpus.definition import permalink_url
from guide.dense_state import DenseState
from ingest.errors import (
    IndexCorruptError,
    IndexMissingError,
    IndexProblem,
    ReposMissingError,
    VectorsDamagedError,
    VectorsMissingError,
)
from ingest.reader import IndexReader
from ingest.store import Store, TagRow
from ingest.targets import version_key

if TYPE_CHECKING:
    from ingest.embeddings import CachedEmbeddings
    from ingest.vectors import VectorIndex
    from settings import Settings

log = logging.getLogger(__name__)

INGEST = "python -m ingest"
DESIGN_HINT = (
    "the design documents are not indexed: give `python -m corpus sync` an offline copy of golang/proposal "
    "(GOGUIDE_PROPOSAL_DIR) or network access, then run `python -m ingest`"
)


@dataclass(frozen=True)
class Version:
    repo: str
    tag: str
    commit: str
    upstream_ref: str
    permalink: str


class GuideIndex:
    """Opening checks what answering needs: the index file (:class:`IndexMissingError`, :class:`IndexCorruptError`;
    ``check=True`` runs SQLite's quick_check too) and the git repositories of the indexed releases
    (:class:`ReposMissingError`).

    The index can change under a long-running reader (``python -m ingest`` adds or drops releases): it carries a
    generation counter, and :meth:`refresh` (called per request by the app) re-reads the release list, the reader's
    caches and the vectors when the counter moved."""

    def __init__(self, settings: Settings, store: Store | None = None, *, check: bool = False) -> None:
        self.settings = settings
        if store is None:
            store = Store(settings.index_db, readonly=True, check=check)
        self.store = store
        self.reader = IndexReader(store)
        self._lock = threading.Lock()
        self._git_lock = threading.Lock()
        """GitPython reads through one ``git cat-file --batch`` process per repository: one reader at a time."""
        self._repos: dict[str, git.Repo] = {}
        self._lines: dict[tuple[str, str, str], list[str] | None] = {}
        self._dirs: dict[str, frozenset[str]] = {}
        self._vectors_problem: str | None = None
        self._reload_vectors = False
        self._identity = _file_identity(store.path)
        self.dense = DenseState(self)
        self.generation = self._read_generation()
        self.check_repos()

    # -- state changes -------------------------------------------------------------------------------------------
    def _read_generation(self) -> int:
        try:
            return self.store.generation()
        except Exception as e:
            raise _translate(self.store, e) from e

    def refresh(self) -> bool:
        """Re-read what is cached (releases, symbol caches, file lines, vectors) when the index changed since;
        True when it had. Cheap when nothing changed (one indexed read, a stat per repository);
        :class:`ReposMissingError` when the git repositories are gone."""
        gen = self._read_generation()
        if gen == self.generation:
            self.check_repos()  # a stat per repository: deleted repositories are said at once
            return False
        with self._lock:
            if gen == self.generation:
                return False
            log.info("the index changed (generation %d -> %d): reading it again", self.generation, gen)
            self.__dict__.pop("versions", None)
            self._vectors_problem = None
            self._reload_vectors = "vectors" in self.__dict__
            self._lines.clear()
            self.reader.invalidate()
            self.generation = gen
        self.check_repos()
        self.dense.changed()
        return True

    def fresh_vectors(self) -> None:
        """Open the vectors again after the index changed. A local Chroma database keeps its vector index in memory
        for the whole process, so another process's writes are seen only once chromadb's client cache is cleared;
        that is done only when no writer holds the index lock (the app's own background embedder uses the same
        clients while it runs), else tried again on a later request."""
        if not self._reload_vectors:
            return
        with self._lock:
            vectors = self.__dict__.get("vectors")
            if vectors is None:
                self._reload_vectors = False
                return
            if not self.settings.chroma.url:
                from ingest.lock import IndexBusyError, index_lock

                try:
                    with index_lock(self.settings.data_dir):
                        vectors.client.clear_system_cache()
                except IndexBusyError:
                    return
                except OSError:  # a read-only data dir: nothing can be writing there
                    vectors.client.clear_system_cache()
            self.__dict__.pop("vectors", None)
            self._reload_vectors = False

    def replaced(self) -> bool:
        """Whether the index file is gone or another file now (``python -m ingest --rebuild`` builds a new one):
        this handle still reads the old one, so it must be opened again."""
        return _file_identity(self.store.path) != self._identity

    def check_repos(self) -> None:
        """:class:`ReposMissingError` when a repository an indexed release lives in is gone (citations are read
        back from git)."""
        missing = sorted(
            {self.settings.repo_path(v.repo) for v in self.versions if not self.settings.repo_path(v.repo).exists()}
        )
        if missing:
            raise ReposMissingError(missing)

    # -- versions ------------------------------------------------------------------------------------------------
    @cached_property
    def versions(self) -> list[Version]:
        """Indexed tags, Go releases in release order, then others (``design``)."""
        try:
            rows: list[TagRow] = self.store.tags()
        except Exception as e:
            raise _translate(self.store, e) from e
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
                path = self.settings.repo_path(name)
                try:
                    self._repos[name] = git.Repo(path)
                except (git.NoSuchPathError, git.InvalidGitRepositoryError) as e:
                    raise ReposMissingError([path]) from e
            return self._repos[name]

    def blob_id(self, tag: str, path: str) -> str | None:
        v = self.version(tag)
        return self.reader.blob(v.repo, tag, path) if v is not None else None

    def source_dirs(self, tag: str) -> frozenset[str]:
        """Every directory under src/ of the Go tree at ``tag`` in git, indexed or not (the corpus indexes some of
        them): what Go has at that release; empty for a tag of no Go repository."""
        if tag not in self._dirs:
            v = self.version(tag)
            dirs: frozenset[str] = frozenset()
            if v is not None and v.repo == "go":
                with self._git_lock:
                    out = self.repo(v.repo).git.ls_tree("-r", "-d", "--name-only", tag, "src")
                dirs = frozenset(out.split("\n")) - {""}
            self._dirs[tag] = dirs
        return self._dirs[tag]

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
        return permalink_url(v.permalink, v.upstream_ref, path, start, end)

    # -- vectors -------------------------------------------------------------------------------------------------
    @cached_property
    def embeddings(self) -> CachedEmbeddings:
        from ingest.embeddings import cached_embeddings

        return cached_embeddings(self.settings)

    @cached_property
    def vectors(self) -> VectorIndex:
        """The vector index. A local Chroma directory that is gone while the index says chunks are embedded is
        :class:`VectorsMissingError` (it is not created again empty); one that cannot be read,
        :class:`VectorsDamagedError`."""
        from ingest.vectors import VectorIndex

        problem = self.vectors_problem()
        if problem:
            raise VectorsMissingError(problem)
        try:
            return VectorIndex(self.settings, self.embeddings)
        except IndexProblem:
            raise
        except BaseException as e:  # Chroma's Rust core panics with a BaseException on damaged files
            if isinstance(e, KeyboardInterrupt | SystemExit):
                raise
            from ingest.errors import forget_chroma_clients

            forget_chroma_clients()
            where = self.settings.chroma.url or self.settings.chroma_path
            self._vectors_problem = str(VectorsDamagedError(where, f"{type(e).__name__}: {str(e)[:200]}"))
            raise VectorsMissingError(self._vectors_problem) from e

    def vectors_problem(self) -> str | None:
        """Why dense retrieval cannot use the vectors the index says it has (None when it can, or when nothing is
        embedded yet)."""
        if self._vectors_problem:
            return self._vectors_problem
        if self.settings.chroma.url or self.settings.chroma_path.exists():
            return None
        if not self.reader.any_embedded():
            return None
        return (
            f"the vectors are missing ({self.settings.chroma_path} is gone): run `{INGEST}` to add them again "
            "from the embedding cache; until then answers use symbol and lexical search only"
        )

    @property
    def has_vectors(self) -> bool:
        """Whether any chunk is embedded (a fresh index may have symbol and lexical search only)."""
        return self.reader.any_embedded()

    def problems(self) -> list[str]:
        """What users should know about this index: missing vectors, missing design documents (each with its fix)."""
        out = []
        vp = self.vectors_problem()
        if vp:
            out.append(vp)
        if not any(v.repo == "proposal" for v in self.versions):
            out.append(DESIGN_HINT)
        return out

    # -- dense retrieval (guide.dense_state) ----------------------------------------------------------------------
    @property
    def dense_ready(self) -> bool:
        """Whether a dense search answers now: the model is loaded and warm, and the vectors are in memory."""
        return self.dense.ready

    def meaning_ready(self) -> bool:
        """Whether the embedding model answers now: the similarity of texts to a question (tour routing by meaning,
        the statements an answer quotes) needs the model only, not the vectors, so it works on an index without
        them too. Starts loading the model when it is not loaded (a batch caller, ``dense_blocking``, waits)."""
        if not self.dense.model_ready:
            self.warm_up(wait=self.dense_blocking)
        return self.dense.model_ready

    def similarity_to(self, text: str) -> Callable[[Sequence[str]], list[float]] | None:
        """The similarity of texts to ``text`` (a question's ``dense_text``) through the embedding model and its
        cache, or None while the model is not ready (:meth:`meaning_ready`)."""
        return partial(self.embeddings.similarities, text) if self.meaning_ready() else None

    def dense_searched(self) -> tuple[int, int] | None:
        """(passages a dense search reads now, passages that will have vectors), or None when it reads them all."""
        return self.dense.searched()

    @property
    def dense_status(self) -> str:
        return self.dense.status

    @property
    def dense_blocking(self) -> bool:
        """True: a dense search before the model and vectors are loaded waits for them (command line, evals,
        benchmarks). The app sets False: the first questions go on without dense retrieval meanwhile."""
        return self.dense.blocking

    @dense_blocking.setter
    def dense_blocking(self, value: bool) -> None:
        self.dense.blocking = value

    def warm_up(self, wait: bool = False) -> threading.Thread | None:
        return self.dense.warm_up(wait)

    def dense_search(self, vector: Sequence[float], k: int, tags: Sequence[str]) -> list[int]:
        return self.dense.search(vector, k, tags)

    def close(self) -> None:
        self.store.close()


def _file_identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _translate(store: Store, e: BaseException) -> BaseException:
    return store.translate(e) if isinstance(e, Exception) else e


def open_index(settings: Settings | None = None, data_dir: Path | None = None, *, check: bool = False) -> GuideIndex:
    """Open the index for reading; raises an :class:`ingest.errors.IndexProblem` naming the fix when it is missing
    or damaged."""
    from settings import get_settings

    s = settings or get_settings()
    if data_dir is not None:
        s = s.model_copy(update={"data_dir": data_dir})
    return GuideIndex(s, check=check)


__all__ = [
    "GuideIndex",
    "IndexCorruptError",
    "IndexMissingError",
    "IndexProblem",
    "ReposMissingError",
    "VectorsMissingError",
    "Version",
    "open_index",
]
