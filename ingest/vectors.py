"""The vector index: one Chroma collection per (embedding model, chunker), used through chromadb's public API only,
persistent on disk or on a Chroma server (``chroma run``).

Vectors are computed by the project's embedder (``ingest.embeddings``, with its cache) and stored with the chunk's
metadata; Chroma never embeds anything itself. :class:`VectorIndex` is the one place that talks to Chroma: the
ingest pipeline writes through it and the guide reads every vector through it once, into :class:`ExactVectors`,
which answers the dense searches (exact, within releases, in memory).
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

import numpy as np

if TYPE_CHECKING:
    import chromadb

    from ingest.embeddings import CachedEmbeddings
    from settings import Settings

log = logging.getLogger(__name__)

BATCH = 1000
"""Ids per Chroma call when deleting, listing or updating metadata."""


def _client_settings() -> chromadb.config.Settings:
    """Equal settings for every client (Chroma refuses two clients of one path with different settings), but a new
    object each time: HttpClient writes its server address into the object it is given. No telemetry: this tool
    makes no network calls of its own."""
    import chromadb  # here, not at the top: importing chromadb takes ~1.4 s, and the guide starts without it

    return chromadb.config.Settings(anonymized_telemetry=False)


class VectorIndexError(RuntimeError):
    pass


def make_client(settings: Settings) -> chromadb.ClientAPI:
    """A Chroma client: HTTP when ``chroma.url`` is set, else a persistent local database."""
    import chromadb

    url = settings.chroma.url
    if url:
        parsed = urlparse(url)
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise VectorIndexError(f"invalid Chroma URL {url!r}: expected http://HOST:PORT")
        try:
            client = chromadb.HttpClient(
                host=parsed.hostname, port=parsed.port or (443 if parsed.scheme == "https" else 8000),
                ssl=parsed.scheme == "https", settings=_client_settings(),
            )  # fmt: skip
            client.heartbeat()
        except Exception as e:
            raise VectorIndexError(
                f"cannot reach the Chroma server at {url}: {e}. Start one with "
                f"`chroma run --path {settings.data_dir / 'chroma-server'} --host 127.0.0.1 --port 8000`, "
                "or drop --chroma-url to use the local database"
            ) from e
        return client
    settings.chroma_path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.chroma_path), settings=_client_settings())


def tags_filter(tags: Sequence[str]) -> dict[str, Any]:
    """A Chroma ``where`` that keeps vectors of chunks in any of ``tags`` (metadata ``tags`` is a list)."""
    clauses: list[dict[str, Any]] = [{"tags": {"$contains": t}} for t in tags]
    return clauses[0] if len(clauses) == 1 else {"$or": clauses}


class VectorIndex:
    """The collection of one embedding model and chunker version (its name hashes both, so vectors never mix)."""

    def __init__(self, settings: Settings, embeddings: CachedEmbeddings, client: chromadb.ClientAPI | None = None):
        self.embeddings = embeddings
        self.writes = 0
        """Writes made through this object (add, update, delete): a snapshot of another count is stale."""
        self.name = settings.collection_name(embeddings.model_id, embeddings.dim)
        self.client = client or make_client(settings)
        self.collection = self.client.get_or_create_collection(
            self.name,
            metadata={"hnsw:space": "cosine", "model": embeddings.model_id},
            embedding_function=None,
        )

    # -- writing -------------------------------------------------------------------------------------------------
    def add(self, ids: Sequence[str], texts: Sequence[str], metadatas: Sequence[dict[str, Any]]) -> None:
        """Embed ``texts`` (through the cache) and upsert them: a repeat of the same ids is harmless."""
        vectors = self.embeddings.embed_documents(list(texts))
        array = np.asarray(vectors, dtype=np.float32)
        self.collection.upsert(ids=list(ids), embeddings=array, metadatas=list(metadatas))
        self.writes += 1

    def update_metadata(self, ids: Sequence[str], metadatas: Sequence[dict[str, Any]]) -> None:
        self.collection.update(ids=list(ids), metadatas=list(metadatas))
        self.writes += 1

    def delete(self, ids: Iterable[str]) -> int:
        todo = list(ids)
        for i in range(0, len(todo), BATCH):
            self.collection.delete(ids=todo[i : i + BATCH])
        self.writes += bool(todo)
        return len(todo)

    # -- reading -------------------------------------------------------------------------------------------------
    def count(self) -> int:
        return int(self.collection.count())

    def ids(self) -> set[str]:
        """Every id in the collection."""
        if not self.count():
            return set()
        return set(self.collection.get(include=[])["ids"])

    def nearest(self, vector: Sequence[float], k: int, tags: Sequence[str] | None = None) -> list[str]:
        """Ids of the ``k`` nearest vectors (within ``tags`` when given), nearest first."""
        got = self.collection.query(
            query_embeddings=np.asarray([vector], dtype=np.float32),
            n_results=k,
            where=tags_filter(tags) if tags else None,
            include=[],
        )
        ids = got.get("ids") or [[]]
        return list(ids[0])

    def all_vectors(self, batch: int = 2000) -> Iterator[tuple[list[str], np.ndarray]]:
        """Every (id, vector) of the collection, in batches."""
        n = self.count()
        for offset in range(0, n, batch):
            got = self.collection.get(include=["embeddings"], limit=batch, offset=offset)
            if not got["ids"]:
                break
            yield list(got["ids"]), np.asarray(got["embeddings"], dtype=np.float32)

    def vectors_of(self, ids: Sequence[str], batch: int = 2000) -> Iterator[tuple[list[str], np.ndarray]]:
        """The (ids, vectors) of ``ids`` the collection has, in batches."""
        for i in range(0, len(ids), batch):
            got = self.collection.get(ids=list(ids[i : i + batch]), include=["embeddings"])
            if got["ids"]:
                yield list(got["ids"]), np.asarray(got["embeddings"], dtype=np.float32)


def single_thread_blas() -> None:
    """Make NumPy's BLAS single-threaded in this process (dense search's products; nothing else here uses it)."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")


class ExactVectors:
    """Every vector of the index in memory, searched exhaustively within the releases asked about: exact (the same
    results as scoring every vector in scope), and its cost does not grow with the number of releases.

    Vectors are kept once per distinct value (a text shared by chunks of several files and releases has one vector:
    44,806 distinct of 124,010 at nine releases); a scope (a set of tags) gets a contiguous copy of its distinct
    vectors, cached, so a query is one matrix-vector product over the vectors of its scope only (the product is
    memory-bound), a gather and a partial sort. NumPy's BLAS should run single-threaded (:func:`single_thread_blas`):
    concurrent requests give the parallelism, and a two-thread product was 2-4x slower on two busy cores. Release
    membership (chunk -> tags) comes from the SQLite index, the one definition of "in scope". Immutable: a change in
    the index means a new snapshot. Measured against Chroma's metadata filters and per-release collections by
    bench/dense_filter.py.
    """

    SCOPES = 4
    """Tag sets whose vectors are kept as contiguous copies (each at most the matrix; the newest release: ~half)."""

    def __init__(
        self,
        vectors: np.ndarray,
        chunk_row: np.ndarray,
        rowids: np.ndarray,
        members: dict[str, np.ndarray],
        writes: int = 0,
    ) -> None:
        self.vectors = vectors  # (distinct, dim) float32
        self.chunk_row = chunk_row  # chunk position -> row of ``vectors``
        self.rowids = rowids  # chunk position -> the chunk's rowid in the SQLite index
        self.members = members  # tag -> sorted chunk positions
        self.writes = writes
        self.embedded = len(rowids)
        """Chunks marked embedded in the SQLite index when the snapshot was taken (a different count: stale)."""
        self._scopes: dict[tuple[str, ...], tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        self._lock = threading.Lock()

    @classmethod
    def build(
        cls,
        chunks: Iterable[tuple[int, str, str]],
        vectors: Iterable[tuple[list[str], np.ndarray]],
        writes: int = 0,
    ) -> ExactVectors:
        """From ``chunks`` (rowid, key, tag: one row per tag of each embedded chunk; the key names its vector: the
        text's cache key, or the Chroma id) and (keys, vectors) batches. Vectors no chunk has are left out, chunks
        with no vector too; chunks of one key share its vector."""
        position: dict[int, int] = {}
        rowids: list[int] = []
        by_key: dict[str, list[int]] = {}
        tag_positions: dict[str, list[int]] = {}
        for rowid, key, tag in chunks:
            pos = position.get(rowid)
            if pos is None:
                pos = position[rowid] = len(rowids)
                rowids.append(rowid)
                by_key.setdefault(key, []).append(pos)
            tag_positions.setdefault(tag, []).append(pos)
        chunk_row = np.full(len(rowids), -1, dtype=np.int64)
        distinct: dict[bytes, int] = {}
        blocks: list[np.ndarray] = []
        for keys, array in vectors:
            if not len(keys):
                continue
            array = np.ascontiguousarray(array, dtype=np.float32)
            norms = np.linalg.norm(array, axis=1, keepdims=True)
            array = array / np.where(norms > 0, norms, 1.0)
            keep: list[int] = []
            for i, key in enumerate(keys):
                positions = by_key.get(key)
                if positions is None:
                    continue
                digest = hashlib.blake2b(array[i].tobytes(), digest_size=16).digest()
                row = distinct.get(digest)
                if row is None:
                    row = distinct[digest] = len(distinct)
                    keep.append(i)
                chunk_row[positions] = row
            if keep:
                blocks.append(array[keep])
        dim = blocks[0].shape[1] if blocks else 0
        matrix = np.concatenate(blocks) if blocks else np.zeros((0, dim), dtype=np.float32)
        have = chunk_row >= 0
        members = {t: np.array(sorted(p for p in ps if have[p]), dtype=np.int64) for t, ps in tag_positions.items()}
        return cls(matrix, chunk_row, np.asarray(rowids, dtype=np.int64), members, writes)

    def __len__(self) -> int:
        return int((self.chunk_row >= 0).sum())

    @property
    def nbytes(self) -> int:
        return int(self.vectors.nbytes + self.chunk_row.nbytes + self.rowids.nbytes)

    def scope(self, tags: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """For ``tags``: the chunk positions in any of them, the vectors of their distinct texts (a contiguous copy,
        transposed: ``q @ M.T`` ran 1.7 ms where ``M @ q`` took 3.3 ms, single-threaded, 23,670 x 384) and each
        position's column in that copy. Cached for the ``SCOPES`` most recent tag sets (the newest release, the
        default scope, is nearly always one)."""
        key = tuple(sorted(set(tags)))
        with self._lock:
            found = self._scopes.pop(key, None)
            if found is not None:
                self._scopes[key] = found  # most recent last
        if found is None:
            parts = [self.members[t] for t in key if t in self.members]
            if not parts:
                members = np.zeros(0, dtype=np.int64)
            else:
                members = parts[0] if len(parts) == 1 else np.unique(np.concatenate(parts))
            rows, inverse = np.unique(self.chunk_row[members], return_inverse=True)
            found = (members, np.ascontiguousarray(self.vectors[rows].T), inverse.astype(np.int64))
            with self._lock:
                self._scopes[key] = found
                while len(self._scopes) > self.SCOPES:
                    self._scopes.pop(next(iter(self._scopes)))
        return found

    def search(self, vector: Sequence[float] | np.ndarray, k: int, tags: Sequence[str]) -> list[int]:
        """Rowids of the ``k`` chunks of ``tags`` nearest to ``vector`` (cosine), nearest first; ties by rowid."""
        members, matrix, inverse = self.scope(tags)
        if not len(members) or k <= 0:
            return []
        q = np.asarray(vector, dtype=np.float32)
        s = (q @ matrix)[inverse]  # one product per distinct vector in scope, then each chunk's score
        top = np.argpartition(-s, k - 1)[:k] if len(s) > k else np.arange(len(s))
        rowids = self.rowids[members[top]]
        order = np.lexsort((rowids, -s[top]))
        return [int(r) for r in rowids[order]]


__all__ = ["ExactVectors", "VectorIndex", "VectorIndexError", "make_client", "single_thread_blas", "tags_filter"]
