"""Code that no test exercised: the background embedder (what `make run` relies on), the `python -m guide` CLI
and the naive baseline of the evaluation (evals/baseline.py)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from settings import get_settings
from tests import damage


# -- the background embedder ------------------------------------------------------------------------------------------
def test_background_embedder_fills_in_the_vectors(clean_data: Path, tmp_path: Path, monkeypatch):
    from ingest.background import BackgroundEmbedder
    from ingest.embeddings import cached_embeddings
    from ingest.lock import index_lock
    from ingest.store import Store
    from ingest.vectors import VectorIndex

    data = damage.make_synced(tmp_path / "data")
    damage.use(data, monkeypatch)
    from ingest.cli import main

    assert main(["--no-embed"]) == 0  # what `make run` does before starting the app
    settings = get_settings()
    store = Store(settings.index_db)
    total = store.count_to_embed()
    store.close()
    assert total > 0
    emb = cached_embeddings(settings)
    vectors = VectorIndex(settings, emb)
    embedder = BackgroundEmbedder(settings, vectors, batch=4).start()
    embedder.stop(timeout=120)  # stop() joins: with 4 per batch it finishes or stops between batches
    st = embedder.status()
    assert st.error is None
    if st.done < total:  # stopped between batches: start again, it resumes where it stopped
        BackgroundEmbedder(settings, vectors, batch=4).start()._thread.join(120)  # type: ignore[union-attr]
    store = Store(settings.index_db)
    assert store.count_to_embed() == 0
    ids = vectors.ids()
    assert ids == {r[0] for r in store.db.execute("SELECT id FROM chunks WHERE generated=0")}
    store.close()
    done = BackgroundEmbedder(settings, vectors).start()
    assert done.status().message == "vectors: complete"
    # a second writer is refused, and the embedder says so instead of dying
    store = Store(settings.index_db)
    store.reset_embedded()
    store.close()
    with index_lock(settings.data_dir):
        busy = BackgroundEmbedder(settings, vectors).start()
        busy._thread.join(30)  # type: ignore[union-attr]
    assert "another process is writing the index" in busy.status().message
    emb.close()


def test_background_embedder_reports_a_failure(clean_data: Path, tmp_path: Path, monkeypatch):
    import ingest.background as background
    from ingest.background import BackgroundEmbedder, EmbedStatus

    data = damage.copy_data(clean_data, tmp_path / "data")
    damage.use(data, monkeypatch)
    conn = sqlite3.connect(data / "index.sqlite")
    conn.execute("UPDATE chunks SET embedded=0")
    conn.commit()
    conn.close()

    def broken(*a, **k):
        raise RuntimeError("vector store unreachable")

    monkeypatch.setattr(background, "embed_pending", broken)
    monkeypatch.setattr(background, "check_collection", lambda *a, **k: None)
    embedder = BackgroundEmbedder(get_settings(), vectors=None).start()  # type: ignore[arg-type]
    embedder._thread.join(30)  # type: ignore[union-attr]
    msg = embedder.status().message
    assert "background embedding stopped" in msg and "vector store unreachable" in msg
    assert "about 2 min left" in EmbedStatus(True, 10, 130, 1.0, None).message


# -- python -m guide ----------------------------------------------------------------------------------------------
def _guide(capsys, *argv: str) -> tuple[int, str, str]:
    from guide.cli import main

    get_settings.cache_clear()
    rc = main(list(argv))
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.fixture
def fixture_env(fixture_data_dir: Path, monkeypatch):
    monkeypatch.setenv("GOGUIDE_DATA_DIR", str(fixture_data_dir))
    monkeypatch.setenv("GOGUIDE_EMBEDDING__MODEL", "hash")
    get_settings.cache_clear()


def test_guide_cli_ask(fixture_env, capsys):
    rc, out, _ = _guide(capsys, "ask", "does a channel take a lock?")
    assert rc == 0 and "[1]" in out and "github.com/golang/go/blob/go1.27.3/" in out
    rc, out, _ = _guide(capsys, "ask", "does a channel take a lock?", "--json", "--version", "go1.21.13")
    data = json.loads(out)
    assert rc == 0 and data["versions"] == ["go1.21.13"] and data["grounded"]
    assert all(c["version"] == "go1.21.13" for c in data["citations"])
    rc, out, _ = _guide(capsys, "ask", "does a channel take a lock in go1.99.0?", "--json")
    assert json.loads(out)["route"] == "not-indexed"
    rc, out, err = _guide(capsys, "ask", "does a channel take a lock?", "--llm", "nosuch:model")
    assert "unknown model" in out + err and "Traceback" not in err


def test_guide_cli_where_compare_timeline(fixture_env, capsys):
    rc, out, _ = _guide(capsys, "where", "hchan", "--json")
    defs = json.loads(out)
    assert rc == 0 and {d["version"] for d in defs} == {"go1.21.13", "go1.27.3"}
    assert all(d["path"] == "src/runtime/chan.go" and d["excerpt"].startswith("type hchan struct") for d in defs)
    rc, out, _ = _guide(capsys, "where", "nosuchsymbolanywhere")
    assert rc == 1
    rc, _, err = _guide(capsys, "where", "hchan", "--version", "go1.99.1")
    assert rc == 2 and "not indexed" in err
    rc, out, _ = _guide(capsys, "compare", "forcePreemptNS", "go1.21.13", "go1.27.3", "--json")
    comp = json.loads(out)
    assert rc == 0 and "forcePreemptNS" in json.dumps(comp) and "20 * 1000" in json.dumps(comp)
    rc, _, err = _guide(capsys, "compare", "hchan", "go1.99.1", "go1.27.3")
    assert rc == 2 and "not indexed" in err
    rc, out, _ = _guide(capsys, "timeline", "forcePreemptNS", "--json")
    tl = json.loads(out)
    assert rc == 0 and "go1.21.13" in json.dumps(tl) and "go1.27.3" in json.dumps(tl)
    rc, out, _ = _guide(capsys, "timeline", "forcePreemptNS")
    assert rc == 0 and "go1.27.3" in out


# -- the evaluation's naive baseline ------------------------------------------------------------------------------
def test_baseline_builds_once_and_searches_by_release(clean_data: Path, tmp_path: Path, monkeypatch):
    from evals.baseline import baseline_dir, in_subset, open_baseline, split_file
    from guide.index import open_index

    damage.use(damage.copy_data(clean_data, tmp_path / "data"), monkeypatch)
    fixture_index = open_index()
    assert in_subset("src/runtime/chan.go") and not in_subset("src/runtime/os_linux.go")
    assert not in_subset("src/runtime/chan_test.go") and in_subset("src/cmd/compile/internal/escape/escape.go")
    parts = split_file("package p\n\n" + "func f() {}\n" * 400)
    assert len(parts) > 1 and parts[0][1] == 1 and all(a <= b for _, a, b in parts)
    with pytest.raises(RuntimeError, match="no baseline"):
        open_baseline(fixture_index, build=False, progress=False)
    b = open_baseline(fixture_index, progress=False)
    assert (baseline_dir(fixture_index.settings) / "manifest.json").exists()
    hits = b.search("hchan channel lock", ["go1.21.13"], k=3)
    assert hits and all(h["version"] == "go1.21.13" for h in hits)
    assert all(in_subset(h["path"]) for h in hits)
    again = open_baseline(fixture_index, build=False, progress=False)  # persisted: not built twice
    assert again.manifest == b.manifest
    fixture_index.close()
