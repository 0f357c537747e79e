"""The vector index: one Chroma collection per (embedding model, chunker), used through chromadb's public API only,
persistent on disk or on a Chroma server (``chroma run``).

Vectors are computed by the project's embedder (``ingest.embeddings``, with its cache) and stored with the chunk's
metadata; Chroma never embeds anything itself. :class:`VectorIndex` is the one place that talks to Chroma: the
ingest pipeline writes through it and the guide's dense retriever reads through it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

import chromadb
import numpy as np

if TYPE_CHECKING:
    from ingest.embeddings import CachedEmbeddings
    from settings import Settings

log = logging.getLogger(__name__)

BATCH = 1000
"""Ids per Chroma call when deleting, listing or updating metadata."""


def _client_settings() -> chromadb.config.Settings:
    """Equal settings for every client (Chroma refuses two clients of one path with different settings), but a new
    object each time: HttpClient writes its server address into the object it is given. No telemetry: this tool
    makes no network calls of its own."""
    return chromadb.config.Settings(anonymized_telemetry=False)


class VectorIndexError(RuntimeError):
    pass


def make_client(settings: Settings) -> chromadb.ClientAPI:
    """A Chroma client: HTTP when ``chroma.url`` is set, else a persistent local database."""
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

    def update_metadata(self, ids: Sequence[str], metadatas: Sequence[dict[str, Any]]) -> None:
        self.collection.update(ids=list(ids), metadatas=list(metadatas))

    def delete(self, ids: Iterable[str]) -> int:
        todo = list(ids)
        for i in range(0, len(todo), BATCH):
            self.collection.delete(ids=todo[i : i + BATCH])
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

    def search(
        self,
        vector: Sequence[float],
        k: int,
        tags: Sequence[str],
        in_scope: Callable[[list[str]], list[str]],
        overfetch: int = 8,
    ) -> list[str]:
        """The ``k`` nearest ids among the chunks of ``tags``, nearest first.

        Chroma's ``$contains`` filter on the tag list costs ~100x an unfiltered query (measured: 118 ms vs 1.2 ms
        over 40k vectors), so: fetch ``overfetch * k`` neighbours unfiltered, keep those ``in_scope`` says belong
        to ``tags`` (the index's file listings decide, in order), and ask Chroma to filter only when too few are."""
        ids = self.nearest(vector, k * overfetch)
        keep = in_scope(ids)[:k]
        if len(keep) >= k or len(ids) < k * overfetch:
            return keep
        return self.nearest(vector, k, tags)


__all__ = ["VectorIndex", "VectorIndexError", "make_client", "tags_filter"]
