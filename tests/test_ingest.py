"""Ingest on the fixture repository: real git, real Chroma (local and server), hash embeddings for speed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from corpus.definition import load_corpus
from ingest.embeddings import CachedEmbeddings, HashEmbeddings
from ingest.pipeline import run
from ingest.reader import lookup
from ingest.store import Store
from ingest.targets import make_targets
from ingest.vectors import VectorIndex
from settings import Settings, get_settings
from tests.fixture_repo import FIXTURE_TAGS


def _targets(go_repo, tags=FIXTURE_TAGS):
    path, commits = go_repo
    repo_def = load_corpus("default").repo("go")
    return make_targets("go", path, {t: (commits[t], t) for t in tags}, repo_def.permalink, repo_def.matches)


def _open(settings: Settings, tmp_path: Path):
    store = Store(settings.index_db)
    emb = CachedEmbeddings(HashEmbeddings(), settings.embedding_cache_db, 1500)
    return store, emb, VectorIndex(settings, emb)


def _chroma_ids(vs) -> set[str]:
    return set(vs.collection.get(include=[])["ids"])


def test_ingest_indexes_fixture_with_tags_and_dedup(go_repo, tmp_path):
    settings = get_settings()
    store, _emb, vs = _open(settings, tmp_path)
    report = run(store, _targets(go_repo), vectors=vs)
    assert sorted(report.tags_listed) == sorted(FIXTURE_TAGS)
    paths = {r[0] for r in store.db.execute("SELECT DISTINCT path FROM files")}
    assert "src/runtime/chan.go" in paths and "src/internal/runtime/maps/map.go" in paths
    # tests, testdata, C files and paths outside the include globs are not part of the corpus
    assert not {p for p in paths if p.endswith(("_test.go", ".c")) or "testdata" in p or p.startswith("src/net")}
    # chan.go is identical in both releases: chunked once, its records carry both tags
    chan_blobs = {r[0] for r in store.db.execute("SELECT DISTINCT blob FROM chunks WHERE path='src/runtime/chan.go'")}
    assert len(chan_blobs) == 1
    hchan = lookup(store, "hchan")
    assert [d.tag for d in hchan] == list(FIXTURE_TAGS)
    assert {(d.path, d.start_line, d.end_line) for d in hchan} == {("src/runtime/chan.go", 25, 36)}
    row = store.get_chunks([hchan[0].chunk_rowid])[0]
    got = vs.collection.get(ids=[row.id], include=["metadatas"])["metadatas"][0]
    assert got["tags"] == list(FIXTURE_TAGS) and got["path"] == "src/runtime/chan.go"
    # every embeddable chunk is in Chroma exactly once
    n_chunks = store.db.execute("SELECT COUNT(*) FROM chunks WHERE generated=0").fetchone()[0]
    assert _chroma_ids(vs) == {r[0] for r in store.db.execute("SELECT id FROM chunks WHERE generated=0")}
    assert report.chunks_embedded == n_chunks
    # the version filter works on list metadata
    ids = vs.nearest(_emb.embed_query("Swiss table map"), 3, ["go1.21.13"])
    metas = vs.collection.get(ids=ids, include=["metadatas"])["metadatas"]
    assert ids and all("go1.21.13" in m["tags"] for m in metas)
    assert "src/internal/runtime/maps/map.go" not in {m["path"] for m in metas}
    # invalid UTF-8 is indexed, not fatal
    assert lookup(store, "bad")[0].path == "src/runtime/bad.go"


def test_rerun_is_noop_and_embeddings_are_cached(go_repo, tmp_path):
    settings = get_settings()
    store, _emb, vs = _open(settings, tmp_path)
    first = run(store, _targets(go_repo), vectors=vs)
    again = run(store, _targets(go_repo), vectors=vs)
    assert (again.tags_listed, again.blobs_chunked, again.chunks_embedded, again.chunks_deleted) == ([], 0, 0, 0)
    # a fresh index (new Chroma, new SQLite) over the same embedding cache computes no embedding
    other = Settings(data_dir=tmp_path / "other")
    store2 = Store(other.index_db)
    emb2 = CachedEmbeddings(HashEmbeddings(), settings.embedding_cache_db, 1500)
    third = run(store2, _targets(go_repo), vectors=VectorIndex(other, emb2))
    assert third.chunks_embedded == first.chunks_embedded
    assert third.embeddings_computed == 0


def test_cost_grows_with_unique_content(go_repo, tmp_path):
    """Adding the second release chunks only the files that changed."""
    settings = get_settings()
    store, _emb, vs = _open(settings, tmp_path)
    one = run(store, _targets(go_repo, FIXTURE_TAGS[:1]), vectors=vs)
    two = run(store, _targets(go_repo), vectors=vs)
    assert two.blobs_chunked == 2  # proc.go changed, maps/map.go is new; chan.go, asm, docs are shared
    assert two.blobs_chunked < one.blobs_chunked
    assert two.metadata_updated > 0  # shared chunks now list both tags


def test_dropping_a_tag_removes_it_and_orphans(go_repo, tmp_path):
    settings = get_settings()
    store, _emb, vs = _open(settings, tmp_path)
    run(store, _targets(go_repo), vectors=vs)
    report = run(store, _targets(go_repo, FIXTURE_TAGS[1:]), vectors=vs)
    assert report.tags_dropped == [FIXTURE_TAGS[0]]
    assert report.chunks_deleted > 0
    assert lookup(store, "hmap") == []  # only in the dropped release
    assert [d.tag for d in lookup(store, "hchan")] == [FIXTURE_TAGS[1]]
    assert _chroma_ids(vs) == {r[0] for r in store.db.execute("SELECT id FROM chunks WHERE generated=0")}
    metas = vs.collection.get(include=["metadatas"])["metadatas"]
    assert all(m["tags"] == [FIXTURE_TAGS[1]] for m in metas)


def test_interrupted_embedding_resumes_without_duplicates(go_repo, tmp_path, monkeypatch):
    settings = get_settings()
    store, _emb, vs = _open(settings, tmp_path)
    calls = {"n": 0}
    real_add = vs.add

    def flaky_add(ids, texts, metadatas):
        calls["n"] += 1
        if calls["n"] == 2:
            real_add(ids[:1], texts[:1], metadatas[:1])  # half-written batch, then the crash
            raise KeyboardInterrupt
        return real_add(ids, texts, metadatas)

    monkeypatch.setattr(vs, "add", flaky_add)
    import ingest.pipeline as pipeline

    monkeypatch.setattr(pipeline, "embed_pending", _small_batches(pipeline.embed_pending))
    with pytest.raises(KeyboardInterrupt):
        run(store, _targets(go_repo), vectors=vs)
    assert store.count_to_embed() > 0
    run(store, _targets(go_repo), vectors=vs)
    assert store.count_to_embed() == 0
    assert _chroma_ids(vs) == {r[0] for r in store.db.execute("SELECT id FROM chunks WHERE generated=0")}


def _small_batches(fn):
    def wrapper(*a, **kw):
        kw["batch"] = 3
        return fn(*a, **kw)

    return wrapper


KILL_SCRIPT = textwrap.dedent(
    """
    import sys, time
    sys.path.insert(0, {root!r})
    from corpus.definition import load_corpus
    from ingest.embeddings import CachedEmbeddings, HashEmbeddings
    from ingest.pipeline import run
    from ingest.store import Store
    from ingest.targets import make_targets
    from ingest.vectors import VectorIndex
    from settings import get_settings

    class Slow(HashEmbeddings):
        def embed_documents(self, texts):
            print("EMBED", flush=True)
            time.sleep(0.4)
            return super().embed_documents(texts)

    s = get_settings()
    repo_def = load_corpus("default").repo("go")
    targets = make_targets("go", {path!r}, {tags!r}, repo_def.permalink, repo_def.matches)
    store = Store(s.index_db)
    emb = CachedEmbeddings(Slow(), s.embedding_cache_db, 1500)
    import ingest.pipeline as p
    orig = p.embed_pending
    p.embed_pending = lambda *a, **k: orig(*a, **{{**k, "batch": 2}})
    run(store, targets, vectors=VectorIndex(s, emb))
    print("DONE", flush=True)
    """
)


def test_kill_9_during_ingest_resumes(go_repo, tmp_path):
    path, commits = go_repo
    script = KILL_SCRIPT.format(
        root=str(Path(__file__).resolve().parents[1]), path=str(path), tags={t: (commits[t], t) for t in FIXTURE_TAGS}
    )
    env = {**os.environ}
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    seen = 0
    for line in proc.stdout:
        seen += line.startswith("EMBED")
        if seen == 3:
            os.kill(proc.pid, signal.SIGKILL)
            break
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    assert "DONE" in done.stdout, done.stderr
    settings = get_settings()
    store, _emb, vs = _open(settings, tmp_path)
    assert store.count_to_embed() == 0
    ids = vs.collection.get(include=[])["ids"]
    assert len(ids) == len(set(ids))
    assert set(ids) == {r[0] for r in store.db.execute("SELECT id FROM chunks WHERE generated=0")}
    assert store.status()["blobs_pending"] == 0


def test_ingest_into_chroma_server(go_repo, tmp_path, chroma_server):
    settings = get_settings().model_copy(
        update={"chroma": get_settings().chroma.model_copy(update={"url": chroma_server})}
    )
    store = Store(settings.index_db)
    emb = CachedEmbeddings(HashEmbeddings(), settings.embedding_cache_db, 1500)
    vs = VectorIndex(settings, emb)
    report = run(store, _targets(go_repo), vectors=vs)
    assert report.chunks_embedded > 0
    assert vs.count() == report.chunks_embedded
    assert not settings.chroma_path.exists()  # nothing written to the local database


def test_unreachable_chroma_server_error_names_the_fix(tmp_path):
    from ingest.vectors import VectorIndexError, make_client

    settings = get_settings().model_copy(
        update={"chroma": get_settings().chroma.model_copy(update={"url": "http://127.0.0.1:9"})}
    )
    with pytest.raises(VectorIndexError, match="chroma run"):
        make_client(settings)


def test_new_chunker_version_rechunks_everything(go_repo, tmp_path, monkeypatch):
    import settings as settings_module

    settings = get_settings()
    store, _emb, vs = _open(settings, tmp_path)
    first = run(store, _targets(go_repo), vectors=vs)
    monkeypatch.setattr(settings_module, "CHUNKER_VERSION", "test-next")
    again = run(store, _targets(go_repo), vectors=vs)
    assert again.blobs_chunked == first.blobs_chunked and again.chunks_added == first.chunks_added
    assert store.get_meta("chunker_version") == "test-next"
    assert again.embeddings_computed == 0  # same texts: every vector comes from the cache
    assert _chroma_ids(vs) == {r[0] for r in store.db.execute("SELECT id FROM chunks WHERE generated=0")}


def test_vectors_of_chunks_no_longer_indexed_are_pruned(go_repo, tmp_path):
    settings = get_settings()
    store, emb, vs = _open(settings, tmp_path)
    run(store, _targets(go_repo), vectors=vs)
    vs.collection.upsert(ids=["stale"], embeddings=[[0.0] * emb.dim], metadatas=[{"path": "gone.go"}])
    store.set_meta("collection", "another")  # as after a rebuilt index over an existing collection
    run(store, _targets(go_repo), vectors=vs)
    assert "stale" not in _chroma_ids(vs)
    assert _chroma_ids(vs) == {r[0] for r in store.db.execute("SELECT id FROM chunks WHERE generated=0")}


def test_binary_and_empty_files_are_recorded_not_fatal(go_repo, tmp_path):
    settings = get_settings()
    store, _emb, vs = _open(settings, tmp_path)
    report = run(store, _targets(go_repo), vectors=vs)
    assert report.blob_errors == 1
    rows = dict(
        store.db.execute("SELECT path, error FROM blobs WHERE path IN ('src/runtime/blob.go', 'src/runtime/empty.go')")
    )
    assert rows["src/runtime/blob.go"].startswith("binary file") and rows["src/runtime/empty.go"] is None
    assert not store.db.execute(
        "SELECT 1 FROM chunks WHERE path IN ('src/runtime/blob.go', 'src/runtime/empty.go')"
    ).fetchall()
