"""Dense retrieval: the exact in-memory search within releases, its release membership after tags are dropped and
added, the snapshot's refresh, and a question that never waits for the model (fixture repository, hash vectors)."""

from __future__ import annotations

import sqlite3
import threading

import numpy as np
import pytest

import guide.dense_state as dense_state
from guide.answering.pipeline import answer
from guide.answering.searched import searched_note
from guide.index import GuideIndex
from guide.language import Lang
from guide.retrieval import DENSE, retrieve
from ingest.pipeline import run
from ingest.reader import IndexReader
from ingest.store import Store
from ingest.vectors import ExactVectors
from settings import get_settings
from tests.fixture_repo import FIXTURE_TAGS
from tests.test_ingest import _open, _targets

QUERIES = ["channel lock send", "Swiss table map", "scheduler run queue steal", "design document garbage"]


def _truth(store: Store, vs, tags) -> dict[int, set[str]]:
    """Every embedded chunk's tags among ``tags``, from the file listings (the definition of in scope)."""
    rows = store.db.execute("SELECT rowid FROM chunks WHERE embedded=1").fetchall()
    scoped = IndexReader(store).chunk_tags([r[0] for r in rows], tags)
    return {r: set(t) for r, t in scoped.items()}


def _brute(store: Store, vs, vector, k, tags) -> list[tuple[float, int]]:
    got = vs.collection.get(include=["embeddings"])
    by_id = {c.id: c.rowid for c in store.get_chunks_by_id(got["ids"])}
    truth = _truth(store, vs, tags)
    v = np.asarray(vector, dtype=np.float32)
    scored = []
    for cid, e in zip(got["ids"], got["embeddings"], strict=True):
        rowid = by_id.get(cid)
        if rowid in truth:
            e = np.asarray(e, dtype=np.float32)
            n = float(np.linalg.norm(e))
            scored.append((-float(e @ v) / (n or 1.0), rowid))
    return sorted(scored)[:k]


def _check_membership(store: Store, vs, snap: ExactVectors, tags) -> None:
    truth = _truth(store, vs, tags)
    for tag in tags:
        got = {int(snap.rowids[p]) for p in snap.members.get(tag, [])}
        assert got == {r for r, ts in truth.items() if tag in ts}, tag
    # and the Chroma metadata (tag lists), kept by the dirty-metadata path, agrees
    rows = store.get_chunks(sorted(truth))
    metas = vs.collection.get(ids=[c.id for c in rows], include=["metadatas"])
    by_id = dict(zip(metas["ids"], metas["metadatas"], strict=True))
    for c in rows:
        assert set(by_id[c.id]["tags"]) == set(store.chunk_tags(c.repo, c.path, c.blob)), c.id


def _guide(settings, go_repo) -> GuideIndex:
    repo = settings.repo_path("go")  # the index reads citations back from git: the fixture repository is it
    if not repo.exists():
        repo.parent.mkdir(parents=True, exist_ok=True)
        repo.symlink_to(go_repo[0])
    index = GuideIndex(
        settings.model_copy(update={"embedding": settings.embedding.model_copy(update={"model": "hash"})})
    )
    index.warm_up(wait=True)
    assert index.dense_ready, index.dense_status
    return index


@pytest.mark.parametrize("cache", ["complete", "half", "none"])
def test_exact_search_equals_brute_force_in_every_scope(go_repo, tmp_path, cache):
    """The vectors come from the embedding cache, those it lacks from the vector store: exact either way."""
    settings = get_settings()
    store, emb, vs = _open(settings, tmp_path)
    run(store, _targets(go_repo), vectors=vs)
    if cache != "complete":
        with sqlite3.connect(settings.embedding_cache_db) as db:
            db.execute("DELETE FROM emb" + (" WHERE rowid % 2 = 0" if cache == "half" else ""))
    index = _guide(settings, go_repo)
    try:
        scopes = [[FIXTURE_TAGS[0]], [FIXTURE_TAGS[1]], list(FIXTURE_TAGS)]
        for q in QUERIES:
            vec = emb.embed_query(q)
            for tags in scopes:
                for k in (1, 5, 40):
                    got = index.dense_search(vec, k, tags)
                    want = _brute(store, vs, vec, k, tags)
                    assert len(got) == len(want)
                    # the same distances in the same order (rowids may differ only among equal distances)
                    dist = {r: d for d, r in _brute(store, vs, vec, 10_000, tags)}
                    assert [round(dist[r], 5) for r in got] == [round(d, 5) for d, _ in want], (q, tags, k)
        assert index.dense_search(emb.embed_query("x"), 5, ["go1.0"]) == []  # a tag with no vectors
    finally:
        index.close()


def test_release_membership_stays_exact_when_tags_are_dropped_and_added(go_repo, tmp_path):
    settings = get_settings()
    store, _emb, vs = _open(settings, tmp_path)
    run(store, _targets(go_repo), vectors=vs)
    for tags in (FIXTURE_TAGS[1:], FIXTURE_TAGS, FIXTURE_TAGS[:1]):  # drop the older, add it back, drop the newer
        report = run(store, _targets(go_repo, tags), vectors=vs)
        assert report.tags_dropped or report.tags_listed
        index = _guide(settings, go_repo)
        try:
            snap = index.dense.snapshot
            assert snap is not None
            _check_membership(store, vs, snap, FIXTURE_TAGS)
            gone = [t for t in FIXTURE_TAGS if t not in tags]
            assert all(len(snap.members.get(t, [])) == 0 for t in gone)
            assert index.dense_search(_emb.embed_query("channel lock"), 5, gone) == []
        finally:
            index.close()


def test_snapshot_is_rebuilt_behind_when_the_index_gains_vectors(go_repo, tmp_path, monkeypatch):
    settings = get_settings()
    store, emb, vs = _open(settings, tmp_path)
    run(store, _targets(go_repo, FIXTURE_TAGS[:1]), vectors=vs)
    index = _guide(settings, go_repo)
    try:
        before = index.dense.snapshot
        assert before is not None
        vec = emb.embed_query("Swiss table map")
        assert index.dense_search(vec, 5, [FIXTURE_TAGS[1]]) == []  # not indexed yet
        run(store, _targets(go_repo), vectors=vs)  # another process's ingest adds the newer release
        total = store.count_embedded()
        assert total > before.embedded
        assert index.dense_searched() == (before.embedded, total)  # the snapshot reads the older vectors only
        pct = str(100 * before.embedded // total)  # rounded down: never 100% while partial
        assert searched_note(index, Lang("en")) == (
            f"search by meaning read {before.embedded:,} of {total:,} passages ({pct}%): their vectors are still "
            "being built or loaded, so this answer rests more on words and symbols (the Status tab shows the "
            "progress; asked again later, it may cite other code)"
        )
        monkeypatch.setattr(dense_state, "REFRESH_SECONDS", 0.0)
        index.dense_search(vec, 5, [FIXTURE_TAGS[1]])  # answered from the old snapshot; a rebuild starts behind
        assert index.dense.join_refresh(30)
        assert index.dense.snapshot is not before
        assert index.dense_search(vec, 5, [FIXTURE_TAGS[1]])
        _check_membership(store, vs, index.dense.snapshot, FIXTURE_TAGS)
        assert index.dense_searched() is None and searched_note(index, Lang("zh")) is None  # every vector read
    finally:
        index.close()


def test_an_index_without_vectors_says_nothing_unless_vectors_are_coming(go_repo, tmp_path):
    """An index built without vectors (``--no-embed``) has no dense search by choice: no note under each answer; the
    web app's background embedder adding them makes the same index's answers say that it is still to come."""
    settings = get_settings()
    store, _, _ = _open(settings, tmp_path)
    run(store, _targets(go_repo, FIXTURE_TAGS[:1]), vectors=None)
    repo = settings.repo_path("go")
    if not repo.exists():
        repo.parent.mkdir(parents=True, exist_ok=True)
        repo.symlink_to(go_repo[0])
    index = GuideIndex(settings)
    try:
        pending = store.count_to_embed()
        assert pending and not store.count_embedded()
        assert index.dense_searched() is None and searched_note(index, Lang("en")) is None
        index.dense.coming = True  # as app.start_embedder says
        assert index.dense_searched() == (0, pending)
        assert searched_note(index, Lang("en")) == (
            f"search by meaning is not available yet (the vectors of {pending:,} passages are still being built or "
            "loaded, or failed to load): this answer rests on words and symbols only (the Status tab says where it "
            "stands)"
        )
    finally:
        index.close()


def test_a_question_never_waits_for_the_model(fixture_index, monkeypatch):
    index = fixture_index
    index.dense_blocking = False  # as in the app
    gate = threading.Event()
    real_load = index.embeddings.inner.load

    def slow_load() -> None:
        gate.wait(30)
        real_load()

    monkeypatch.setattr(index.embeddings.inner, "load", slow_load)
    q = "how does a channel send take the lock?"
    try:
        hits = retrieve(index, q, [FIXTURE_TAGS[1]])  # returns while the model's load is held at the gate
        assert hits and not any(DENSE in h.ranks for h in hits)  # symbol and lexical answered
        assert index.dense_status == "loading" and not index.dense_ready and not gate.is_set()
        said = answer(q, [FIXTURE_TAGS[1]], llm="extractive", index=index).warnings[-1]  # the chat says so
        assert said.startswith("search by meaning is not available yet (the vectors of ")
        assert index.dense_searched() == (0, index.reader.count_embedded())
        zh = answer("通道发送时会加锁吗？", [FIXTURE_TAGS[1]], llm="extractive", index=index).warnings[-1]
        assert zh.startswith("按语义搜索暂不可用（") and "段的向量仍在构建或加载中" in zh
        running = index.warm_up()
        assert running is not None and running.is_alive()
        assert index.warm_up() is running  # one load, however many questions ask meanwhile
        gate.set()
        running.join(30)
        assert index.dense_ready and index.dense_status == "ready"
        hits = retrieve(index, q, [FIXTURE_TAGS[1]])
        assert any(DENSE in h.ranks for h in hits)
        assert not any(w.startswith("search by meaning") for w in answer(q, index=index, llm="extractive").warnings)
    finally:
        gate.set()


def test_a_failed_warm_up_leaves_symbol_and_lexical_search(fixture_index, monkeypatch):
    index = fixture_index

    def broken() -> None:
        raise RuntimeError("no model file")

    monkeypatch.setattr(index.embeddings.inner, "load", broken)
    hits = retrieve(index, "does a channel take a lock?", [FIXTURE_TAGS[1]])
    assert hits and not any(DENSE in h.ranks for h in hits)
    assert index.dense_status.startswith("failed: RuntimeError: no model file")
    assert index.warm_up() is None  # not retried at once


@pytest.mark.parametrize("n", [0, 1, 7])
def test_exact_vectors_small_cases(n):
    rng = np.random.default_rng(n)
    vecs = rng.normal(size=(n, 8)).astype(np.float32)
    ids = [f"c{i}" for i in range(n)]
    chunks = [(100 + i, ids[i], "a" if i % 2 else "b") for i in range(n)] + [(100 + i, ids[i], "c") for i in range(n)]
    dup = [(ids, vecs)] + ([(ids[:1], vecs[:1])] if n else [])  # a repeated id changes nothing
    snap = ExactVectors.build(chunks, dup)
    assert len(snap) == n
    q = rng.normal(size=8).astype(np.float32)
    got = snap.search(q, 3, ["a", "b"])
    unit = vecs / np.linalg.norm(vecs, axis=1, keepdims=True) if n else vecs
    want = [100 + int(i) for i in np.argsort(-(unit @ q))[:3]]
    assert got == want
    assert snap.search(q, 3, ["zzz"]) == []
