"""Crash recovery and state changed under a running reader.

- ``python -m ingest`` killed with SIGKILL at seeded random points (chunking, dropping, embedding), then rerun:
  the index equals a clean build (0 lost, 0 duplicated chunks; every vector once).
- The app follows the index: a release dropped or added by ``python -m ingest`` while the app runs is seen at the
  next request (generation counter), never answered from the startup list.
- Reader connections are bounded: one per live thread, closed when the thread ends.
"""

from __future__ import annotations

import gc
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from settings import get_settings
from tests import damage
from tests.damage import copy_data, use

ROOT = Path(__file__).resolve().parents[1]
SEED = int(os.environ.get("GOGUIDE_FAULT_SEED", "20261130"))
KILLS = int(os.environ.get("GOGUIDE_FAULT_KILLS", "6"))

# Slows each step down a little (a pause per file chunked / per embedding batch of 2), so that a kill lands inside
# the work rather than before or after it; the pauses change no result.
SLOW_INGEST = """
import sys, time
sys.argv = ["ingest", *sys.argv[1:]]
import ingest.pipeline as p
import ingest.store as s
_add = s.Store.add_blob_chunks
def add(self, *a, **k):
    time.sleep(0.01)
    return _add(self, *a, **k)
s.Store.add_blob_chunks = add
_embed = p.embed_pending
p.embed_pending = lambda *a, **k: _embed(*a, **{**k, "batch": 2})
_mark = s.Store.mark_embedded
def mark(self, rowids):
    time.sleep(0.01)
    return _mark(self, rowids)
s.Store.mark_embedded = mark
from ingest.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _ingest(data: Path, *args: str, kill_after: float | None = None) -> int:
    env = damage.env_for(data)
    env["PYTHONPATH"] = str(ROOT)
    proc = subprocess.Popen(
        [sys.executable, "-c", SLOW_INGEST, *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    if kill_after is not None:
        try:
            proc.wait(timeout=kill_after)
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
    _, err = proc.communicate(timeout=300)
    assert "Traceback" not in err, err
    return proc.returncode


def _vector_ids(data: Path) -> list[str]:
    import chromadb

    from ingest.errors import forget_chroma_clients

    forget_chroma_clients()
    client = chromadb.PersistentClient(path=str(data / "chroma"), settings=chromadb.config.Settings())
    ids: list[str] = []
    for c in client.list_collections():
        ids += client.get_collection(c.name).get(include=[])["ids"]
    forget_chroma_clients()
    return ids


def test_kill_9_at_random_points_then_rerun_equals_a_clean_build(clean_data: Path, tmp_path: Path):
    clean = damage.index_digest(clean_data / "index.sqlite")
    rng = random.Random(SEED)
    data = damage.make_synced(tmp_path / "data")
    # measure one uninterrupted run's length on a scratch copy, to spread the kills over it
    scratch = damage.make_synced(tmp_path / "scratch")
    t0 = time.monotonic()
    assert _ingest(scratch) == 0
    full = time.monotonic() - t0
    killed = 0
    for _ in range(KILLS):
        rc = _ingest(data, kill_after=rng.uniform(0.3, max(0.5, full)))
        killed += rc == -signal.SIGKILL
    # a release dropped and added back, killed too (dropping deletes orphans and their vectors)
    manifest = data / "corpus.json"
    full_manifest = manifest.read_text()
    import json

    m = json.loads(full_manifest)
    del m["repos"]["go"]["tags"]["go1.21.13"]
    manifest.write_text(json.dumps(m))
    rc = _ingest(data, kill_after=rng.uniform(0.2, max(0.3, full / 2)))
    killed += rc == -signal.SIGKILL
    manifest.write_text(full_manifest)
    assert killed >= 1, "no kill landed inside a run: the runs are too short for the chosen delays"
    assert _ingest(data) == 0
    got = damage.index_digest(data / "index.sqlite")
    diff = damage.compare_digests(clean, got)
    assert diff == {"lost": 0, "extra": 0, "duplicated": 0, "other_differences": 0}, (SEED, diff)
    assert got["to_embed"] == 0
    ids = _vector_ids(data)
    embeddable = clean["chunk_ids"]
    assert len(ids) == len(set(ids)), "a vector is duplicated"
    assert set(ids) <= set(embeddable) and len(ids) == len(set(ids))
    print(f"seed {SEED}: {killed} kills landed; lost 0, duplicated 0, vectors {len(ids)}")


# -- the app follows the index --------------------------------------------------------------------------------------
def _drop_release(data: Path, tag: str) -> None:
    import json

    manifest = data / "corpus.json"
    m = json.loads(manifest.read_text())
    del m["repos"]["go"]["tags"][tag]
    manifest.write_text(json.dumps(m))


def test_app_follows_releases_dropped_and_added(clean_data: Path, tmp_path: Path, monkeypatch, capsys):
    from ingest.cli import main as ingest_main
    from webui.callbacks import GuideApp

    data = copy_data(clean_data, tmp_path / "data")
    use(data, monkeypatch)
    full_manifest = (data / "corpus.json").read_text()
    app = GuideApp(None, settings=get_settings())
    assert app.releases() == ["go1.21.13", "go1.27.3"]
    gen = app.current().generation

    _drop_release(data, "go1.21.13")
    assert ingest_main([]) == 0
    assert app.releases() == ["go1.27.3"]  # no restart
    assert app.current().generation > gen
    text = list(app.chat("does a channel take a lock in go1.21.13?", [], [], []))[-1][1][-1]["content"]
    assert "not indexed" in text and "go1.27.3" in text
    assert "go1.21.13/src" not in text  # no citation at the dropped release
    summary = app.compare("forcePreemptNS", "go1.21.13", "go1.27.3")[0]
    assert "not" in summary.lower() and "indexed" in summary.lower(), summary
    assert "go1.21.13" not in app.status().split("| Release |")[1]

    (data / "corpus.json").write_text(full_manifest)
    assert ingest_main([]) == 0
    assert app.releases() == ["go1.21.13", "go1.27.3"]  # a new release appears without restart
    text = list(app.chat("does a channel take a lock in go1.21.13?", [], [], []))[-1][1][-1]["content"]
    assert "go1.21.13" in text and "not indexed" not in text
    capsys.readouterr()


def test_app_reopens_a_rebuilt_index_and_explains_a_broken_one(clean_data: Path, tmp_path: Path, monkeypatch):
    from ingest.cli import main as ingest_main
    from webui.callbacks import GuideApp

    data = copy_data(clean_data, tmp_path / "data")
    use(data, monkeypatch)
    app = GuideApp(None, settings=get_settings())
    first = app.current()
    assert first is not None
    damage.garble_header(data)
    text = list(app.chat("does a channel take a lock?", [], [], []))[-1][1][-1]["content"]
    assert "python -m ingest --rebuild" in text and "Traceback" not in text
    assert "--rebuild" in app.status()
    assert "--rebuild" in app.compare("hchan", None, None)[0]
    assert "--rebuild" in app.open_card({"version": "go1.27.3", "file": "src/runtime/chan.go"})
    assert ingest_main(["--rebuild"]) == 0
    idx = app.current()
    assert idx is not None and idx is not first  # the new file, opened again
    text = list(app.chat("does a channel take a lock?", [], [], []))[-1][1][-1]["content"]
    assert "(#gg-cite-0-1~" in text
    damage.delete_repos(data)
    text = list(app.chat("does a channel take a lock?", [], [], []))[-1][1][-1]["content"]
    assert "python -m corpus sync" in text


def test_app_start_survives_every_damaged_state(clean_data: Path, tmp_path: Path, monkeypatch):
    """app.main up to launch (stubbed) on each damaged state: it starts, and the page says what to do."""
    import gradio as gr

    import app as app_module

    launched: list[dict] = []
    monkeypatch.setattr(gr.Blocks, "launch", lambda self, **k: launched.append({"blocks": self, **k}))
    for i, (state, fn) in enumerate(damage.DAMAGES.items()):
        data = copy_data(clean_data, tmp_path / f"d{i}")
        fn(data)
        use(data, monkeypatch)
        assert app_module.main(["--no-warm-up", "--no-embed"]) == 0, state
        config = str(launched[-1]["blocks"].config)
        if "index" in state and state != "index pages garbled":
            assert "--rebuild" in config or "No index yet" in config, state
        if state == "repos deleted":
            assert "python -m corpus sync" in config
        assert launched[-1]["max_file_size"] == 0


# -- bounded reader connections -------------------------------------------------------------------------------------
def test_reader_connections_close_with_their_threads(fixture_data_dir: Path):
    """Gradio's worker threads come and go: each used to keep its SQLite connection forever."""
    from ingest.store import Store

    store = Store(fixture_data_dir / "index.sqlite", readonly=True)
    base = store.open_readers()  # the opening thread's own (it checked the file)
    assert base == 1
    fds = []
    peaks = []
    for _burst in range(5):
        barrier = threading.Barrier(8)

        def work(barrier: threading.Barrier = barrier) -> None:
            store.db.execute("SELECT COUNT(*) FROM chunks").fetchone()
            barrier.wait(timeout=30)  # all 8 alive at once: 8 connections
            peaks.append(store.open_readers())

        threads = [threading.Thread(target=work) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        gc.collect()
        assert store.open_readers() == base  # closed with their threads
        fds.append(len(os.listdir("/proc/self/fd")))
    assert max(peaks) <= 8 + base
    # SQLite may keep a closed connection's descriptor while another holds a lock on the file, to reuse: flat,
    # not growing (it grew by 8 per burst when connections outlived their threads)
    assert fds[-1] <= fds[0], fds
    store.close()
