"""The vector index: Chroma through langchain-chroma, persistent on disk or a Chroma server (``chroma run``)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING
from urllib.parse import urlparse

import chromadb
from langchain_chroma import Chroma

from ingest.embeddings import CachedEmbeddings

if TYPE_CHECKING:
    from settings import Settings

log = logging.getLogger(__name__)


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


def open_vectorstore(
    settings: Settings, embeddings: CachedEmbeddings, client: chromadb.ClientAPI | None = None
) -> Chroma:
    """The collection for this embedding model and chunker; its name hashes both, so vectors never mix."""
    name = settings.collection_name(embeddings.model_id, embeddings.dim)
    return Chroma(
        collection_name=name,
        embedding_function=embeddings,
        client=client or make_client(settings),
        collection_metadata={"hnsw:space": "cosine", "model": embeddings.model_id},
    )
