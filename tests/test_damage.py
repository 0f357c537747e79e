"""Damaged, missing and changed state at every entry point: one clear message naming the fix, never a traceback;
`python -m ingest` repairs what it can; the app follows the index while it runs.

Each entry point runs in process (its ``main``), so an exception escaping it fails the test as a traceback would.
"""

from __future__ import annotations

import json
import logging
import shutil
import sqlite3
from pathlib import Path

import pytest

from settings import get_settings
from tests import damage

COMMANDS = {
    "ingest status": ("ingest", ["status"]),
    "ingest status --json": ("ingest", ["status", "--json"]),
    "ingest symbol": ("ingest", ["symbol", "hchan"]),
    "ingest": ("ingest", ["--no-embed"]),
    "guide ask": ("guide", ["ask", "does a channel take a lock?"]),
    "guide where": ("guide", ["where", "hchan"]),
    "guide compare": ("guide", ["compare", "hchan", "go1.21.13", "go1.27.3"]),
    "guide timeline": ("guide", ["timeline", "hchan"]),
    "evals verify": ("evals", ["verify", "--facts", str(Path(__file__).with_name("fixture_facts.jsonl"))]),
}


def _main(module: str):
    if module == "ingest":
        from ingest.cli import main
    elif module == "guide":
        from guide.cli import main
    elif module == "corpus":
        from corpus.cli import main
    else:
        from evals.cli import main
    return main


@pytest.fixture
def data(clean_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    d = damage.copy_data(clean_data, tmp_path / "data")
    damage.use(d, monkeypatch)
    return d


def run(capsys: pytest.CaptureFixture[str], module: str, argv: list[str]) -> tuple[int, str, str]:
    get_settings.cache_clear()
    rc = _main(module)(argv)
    out, err = capsys.readouterr()
    return rc, out, err


def error_line(err: str) -> str:
    lines = [ln for ln in err.splitlines() if ln.startswith("error: ")]
    assert len(lines) == 1, err
    return lines[0]


# -- corrupt, truncated, missing index ------------------------------------------------------------------------------
@pytest.mark.parametrize("state", ["index header garbled", "index truncated to half", "index pages garbled"])
@pytest.mark.parametrize("command", list(COMMANDS))
def test_damaged_index_names_the_rebuild(data, capsys, state, command):
    damage.DAMAGES[state](data)
    module, argv = COMMANDS[command]
    if state == "index pages garbled" and command != "ingest":
        # the header is sound: readers open it and fail on the damaged pages (or not at all, if none is read)
        rc, _, err = run(capsys, module, argv)
        assert "Traceback" not in err
        if rc == 2:
            assert "--rebuild" in error_line(err) or "damaged" in err
        return
    rc, _, err = run(capsys, module, argv)
    assert rc == 2
    line = error_line(err)
    assert "damaged" in line and "python -m ingest --rebuild" in line, line


def test_ingest_rebuild_restores_a_corrupt_index(data, capsys, clean_data):
    clean = damage.index_digest(clean_data / "index.sqlite")
    damage.garble_middle(data)
    rc, _, err = run(capsys, "ingest", [])
    assert rc == 2 and "--rebuild" in error_line(err)  # detected (quick_check), not rebuilt without consent
    rc, out, err = run(capsys, "ingest", ["--rebuild"])
    assert rc == 0, err
    assert "set aside as" in err and (data / "index.sqlite.damaged").exists()
    got = damage.index_digest(data / "index.sqlite")
    assert damage.compare_digests(clean, got) == {"lost": 0, "extra": 0, "duplicated": 0, "other_differences": 0}
    assert got["to_embed"] == 0  # vectors reused from Chroma (same chunk ids), nothing lost
    rc, out, _ = run(capsys, "guide", ["where", "hchan"])
    assert rc == 0 and "src/runtime/chan.go" in out


def test_missing_index_says_how_to_build(data, capsys):
    damage.delete_index(data)
    for command in ("ingest status", "ingest symbol", "guide ask", "guide where", "evals verify"):
        module, argv = COMMANDS[command]
        rc, _, err = run(capsys, module, argv)
        assert rc == 2 and "python -m ingest" in error_line(err), (command, err)


# -- repositories, vectors, caches ----------------------------------------------------------------------------------
@pytest.mark.parametrize("command", list(COMMANDS))
def test_missing_repos_say_corpus_sync(data, capsys, command):
    damage.delete_repos(data)
    module, argv = COMMANDS[command]
    rc, out, err = run(capsys, module, argv)
    if command in ("ingest status", "ingest status --json"):
        assert rc == 0
        assert "python -m corpus sync" in out  # status lists it among the problems
        return
    if command == "ingest symbol":  # the symbol table answers without git
        assert rc == 0
        return
    assert rc == 2, (out, err)
    assert "python -m corpus sync" in error_line(err)


def test_deleted_chroma_is_reported_not_recreated_and_repaired(data, capsys, caplog):
    damage.delete_chroma(data)
    rc, out, _ = run(capsys, "ingest", ["status", "--json"])
    st = json.loads(out)
    assert rc == 0 and st["vectors"] == 0 and st["chunks_embedded"] == 0  # no vectors claimed that are gone
    assert any("python -m ingest" in p and "vector" in p for p in st["problems"]), st["problems"]
    rc, out, err = run(capsys, "guide", ["ask", "does a channel take a lock?"])
    assert rc == 0 and "vectors are missing" in err  # dense search says it is off, and why
    for command in ("ingest status", "ingest symbol", "guide where", "guide compare", "guide timeline"):
        run(capsys, *COMMANDS[command])
    assert not (data / "chroma").exists()  # read-only commands do not create an empty vector store
    from guide.index import open_index

    index = open_index()
    with caplog.at_level(logging.WARNING, logger="guide.dense_state"):
        assert not index.dense_ready and index.vectors_problem()
        index.dense.warm_up(wait=True)  # loading: said in one line, no traceback (the message names the fix)
    said = [r for r in caplog.records if r.name == "guide.dense_state"]
    assert said and all(r.exc_info is None and "python -m ingest" in r.getMessage() for r in said)
    index.close()
    rc, out, err = run(capsys, "ingest", [])
    assert rc == 0, err
    assert "33 from cache" in out or "from cache" in out
    rc, out, _ = run(capsys, "ingest", ["status", "--json"])
    st = json.loads(out)
    assert st["vectors"] == st["chunks_embedded"] > 0 and not [p for p in st["problems"] if "vector" in p]


def test_vectors_missing_from_a_collection_are_re_embedded(data, capsys):
    from ingest.embeddings import cached_embeddings
    from ingest.vectors import VectorIndex

    settings = get_settings()
    emb = cached_embeddings(settings)
    vs = VectorIndex(settings, emb)
    ids = sorted(vs.ids())
    vs.delete(ids[:5])  # a partly lost vector store: the index still says they are embedded
    emb.close()
    vs.client.clear_system_cache()
    rc, out, _ = run(capsys, "ingest", ["status", "--json"])
    st = json.loads(out)
    assert st["vectors"] == len(ids) - 5 and any("5 of the" in p for p in st["problems"]), st
    rc, out, err = run(capsys, "ingest", [])
    assert rc == 0 and "5 chunks embedded" in out, out + err
    emb = cached_embeddings(settings)
    VectorIndex(settings, emb).client.clear_system_cache()
    vs = VectorIndex(settings, emb)
    assert sorted(vs.ids()) == ids
    emb.close()


def test_garbled_chroma_names_the_directory_to_remove(data, capsys):
    damage.garble_chroma(data)
    rc, out, err = run(capsys, "ingest", ["status"])
    assert rc == 0 and "remove it and run `python -m ingest`" in out, out
    rc, _, err = run(capsys, "ingest", [])
    assert rc == 2
    line = error_line(err)
    assert str(data / "chroma") in line and "remove it" in line
    rc, out, err = run(capsys, "guide", ["ask", "does a channel take a lock?"])
    assert rc == 0 and "[1]" in out  # symbol and lexical search still answer
    shutil.rmtree(data / "chroma")
    rc, out, err = run(capsys, "ingest", [])
    assert rc == 0, err


def test_garbled_embedding_cache_names_the_file_to_remove(data, capsys):
    damage.garble_embeddings(data)
    rc, _, err = run(capsys, "ingest", [])
    assert rc == 2
    line = error_line(err)
    assert str(data / "embeddings.sqlite") in line and "remove it" in line
    (data / "embeddings.sqlite").unlink()
    rc, _, err = run(capsys, "ingest", [])
    assert rc == 0, err


def test_missing_manifest_says_corpus_sync(data, capsys):
    damage.delete_manifest(data)
    rc, _, err = run(capsys, "ingest", [])
    assert rc == 2 and "python -m corpus sync" in error_line(err)


# -- read-only and full disks ---------------------------------------------------------------------------------------
needs_mount = pytest.mark.skipif(not damage.can_mount(), reason="needs root and mount (read-only bind, tmpfs)")


@needs_mount
def test_read_only_data_dir_without_shm(data, capsys, monkeypatch):
    damage.drop_shm(data)
    with damage.read_only(data) as ro:
        damage.use(ro, monkeypatch)
        for command in ("ingest status", "ingest symbol", "guide ask", "guide where", "guide compare"):
            rc, _, err = run(capsys, *COMMANDS[command])
            assert rc == 0, (command, err)
        rc, _, err = run(capsys, "ingest", [])
        assert rc == 2 and ("writ" in error_line(err) or "read-only" in error_line(err)), err
        from webui.callbacks import GuideApp

        app = GuideApp(None, settings=get_settings())
        steps = list(app.chat("does a channel take a lock?", [], [], []))
        assert "(#gg-cite-0-1~" in steps[-1][1][-1]["content"]
    damage.use(data, monkeypatch)


@needs_mount
def test_disk_full_during_ingest_then_resume(clean_data, tmp_path, capsys, monkeypatch):
    clean = damage.index_digest(clean_data / "index.sqlite")
    disk = tmp_path / "small"
    with damage.small_disk(disk, "3m"):
        d = damage.make_synced(disk / "data")
        damage.use(d, monkeypatch)
        damage.fill(disk, leave=150_000)
        rc, _, err = run(capsys, "ingest", [])
        assert rc == 2
        line = error_line(err)
        assert "no space left" in line and "rerun `python -m ingest`" in line
        (disk / "filler").unlink()
        rc, _, err = run(capsys, "ingest", [])
        assert rc == 0, err
        got = damage.index_digest(d / "index.sqlite")
        diff = damage.compare_digests(clean, got)
        assert diff == {"lost": 0, "extra": 0, "duplicated": 0, "other_differences": 0}, (diff, clean, got)
        assert got["to_embed"] == 0


def test_disk_full_simulated_is_a_message(data, capsys, monkeypatch):
    """Where no tmpfs can be mounted: SQLite's own "disk is full" error, raised mid-ingest."""
    import ingest.pipeline as pipeline

    def full(*a, **k):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(pipeline, "sync_tags", full)
    rc, _, err = run(capsys, "ingest", [])
    assert rc == 2 and "no space left" in error_line(err)


# -- settings and config --------------------------------------------------------------------------------------------
SETTINGS_CASES = {
    "GOGUIDE_EMBEDDING__BATCH_SIZE": ("0", "embedding.batch_size", ">= 1"),
    "GOGUIDE_NETWORK_TIMEOUT": ("-1", "network_timeout", "> 0"),
    "GOGUIDE_EMBEDDING__MODEL": ("nope", "embedding.model", "minilm, e5-small, minilm-torch, hash"),
    "GOGUIDE_PLATFORM": ("Windows 11", "platform", "linux/amd64"),
}


@pytest.mark.parametrize("var", list(SETTINGS_CASES))
@pytest.mark.parametrize("command", ["ingest status", "ingest", "guide ask", "evals verify", "corpus sync"])
def test_bad_setting_is_one_line_naming_it(data, capsys, monkeypatch, var, command):
    value, key, allowed = SETTINGS_CASES[var]
    monkeypatch.setenv(var, value)
    module, argv = ("corpus", ["sync", "--source", "dist"]) if command == "corpus sync" else COMMANDS[command]
    rc, _, err = run(capsys, module, argv)
    assert rc == 2
    line = error_line(err)
    assert key in line and var in line and allowed in line, line


@pytest.mark.parametrize(
    ("content", "expect"),
    [
        (b"data_dir = [unclosed\n", "not valid TOML"),
        (b"llm = '\xe9xtractive'\n", "not UTF-8"),
        (b"network_timeout = 'soon'\n", "network_timeout"),
        (None, "is a directory"),
    ],
)
def test_bad_config_file_is_one_line(data, capsys, monkeypatch, tmp_path, content, expect):
    cfg = tmp_path / "goguide.toml"
    if content is None:
        cfg.mkdir()
    else:
        cfg.write_bytes(content)
    monkeypatch.setenv("GOGUIDE_CONFIG", str(cfg))
    for module, argv in (COMMANDS["ingest status"], COMMANDS["guide ask"], ("corpus", ["sync"])):
        rc, _, err = run(capsys, module, argv)
        assert rc == 2 and expect in error_line(err) and str(cfg) in error_line(err)


@pytest.mark.parametrize("kind", ["directory", "non-UTF-8", "missing"])
def test_corpus_sync_bad_corpus_file(data, capsys, tmp_path, kind):
    path = tmp_path / "c.toml"
    if kind == "directory":
        path.mkdir()
    elif kind == "non-UTF-8":
        path.write_bytes(b"[repos.go]\nname = '\xe9'\n")
    rc, _, err = run(capsys, "corpus", ["sync", "--corpus", str(path)])
    assert rc == 2
    line = error_line(err)
    assert str(path) in line and ("default, full" in line or "UTF-8" in line), line


def test_app_start_with_bad_settings_is_one_line(data, capsys, monkeypatch):
    import app

    monkeypatch.setenv("GOGUIDE_NETWORK_TIMEOUT", "-1")
    get_settings.cache_clear()
    assert app.main(["--no-warm-up", "--no-embed"]) == 2
    assert "network_timeout" in error_line(capsys.readouterr().err)


def test_embedding_models_listed_once():
    from ingest.embeddings import MODELS
    from settings import EMBEDDING_MODELS

    assert tuple(MODELS) == EMBEDDING_MODELS


def test_unexpected_errors_are_one_line_with_a_hint(data, capsys, monkeypatch):
    import guide.history.timeline as tl

    def boom(*a, **k):
        raise KeyError("something unforeseen")

    monkeypatch.setattr(tl, "timeline", boom)
    rc, _, err = run(capsys, *COMMANDS["guide timeline"])
    assert rc == 2 and "rerun with -v" in error_line(err)
    with pytest.raises(KeyError):
        _main("guide")(["timeline", "hchan", "-v"])
