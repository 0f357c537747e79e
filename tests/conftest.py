from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test gets its own data dir and no config file from the developer's working directory."""
    from settings import get_settings

    data = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("GOGUIDE_DATA_DIR", str(data))
    monkeypatch.setenv("GOGUIDE_CONFIG", str(data / "absent.toml"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("ANONYMIZED_TELEMETRY", "False")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def go_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    from tests.fixture_repo import make_go_repo

    return make_go_repo(tmp_path_factory.mktemp("gorepo"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[str]:
    """A real Chroma server (`chroma run`) on loopback, stopped after the test."""
    port = free_port()
    exe = Path(sys.executable).with_name("chroma")
    proc = subprocess.Popen(
        [str(exe), "run", "--path", str(tmp_path / "chroma-server"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                if proc.poll() is not None:
                    raise RuntimeError("chroma run exited early") from None
                time.sleep(0.3)
        else:
            raise RuntimeError("chroma run did not answer its heartbeat within 90 s")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="session")
def fixture_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A complete index of the fixture repositories (go: two tags; proposal: `design`), built once per session
    with the hash embedder. Tests must not modify it."""
    from corpus.definition import load_corpus
    from ingest.embeddings import CachedEmbeddings, HashEmbeddings
    from ingest.pipeline import run
    from ingest.store import Store
    from ingest.targets import make_targets
    from ingest.vectors import VectorIndex
    from settings import Settings
    from tests.fixture_repo import make_go_repo, make_proposal_repo

    data = tmp_path_factory.mktemp("fixture-index")
    settings = Settings(data_dir=data, embedding={"model": "hash"})
    corpus = load_corpus("default")
    go_path, commits = make_go_repo(settings.repo_path("go"))
    prop_path, prop_sha = make_proposal_repo(settings.repo_path("proposal"))
    go_def, prop_def = corpus.repo("go"), corpus.repo("proposal")
    targets = make_targets("go", go_path, {t: (c, t) for t, c in commits.items()}, go_def.permalink, go_def.matches)
    targets += make_targets(
        "proposal", prop_path, {"design": (prop_sha, "f6e2e6b7")}, prop_def.permalink, prop_def.matches
    )
    store = Store(settings.index_db)
    emb = CachedEmbeddings(HashEmbeddings(), settings.embedding_cache_db, settings.embedding.max_chars)
    run(store, targets, vectors=VectorIndex(settings, emb))
    store.close()
    emb.close()
    return data


@pytest.fixture
def fixture_index(fixture_data_dir: Path, monkeypatch: pytest.MonkeyPatch):
    """The guide's handle on the fixture index; settings point at it for the test's duration."""
    from guide.index import GuideIndex
    from settings import get_settings

    monkeypatch.setenv("GOGUIDE_DATA_DIR", str(fixture_data_dir))
    monkeypatch.setenv("GOGUIDE_EMBEDDING__MODEL", "hash")
    get_settings.cache_clear()
    index = GuideIndex(get_settings())
    yield index
    index.close()


@pytest.fixture(scope="session")
def real_data_dir() -> Path:
    """The data directory of a real default-corpus index (tests/real_index.py); skips where it cannot be built."""
    from tests.real_index import Unavailable, build

    try:
        return build()
    except (Unavailable, subprocess.TimeoutExpired) as e:
        pytest.skip(f"no real index: {e}")


@pytest.fixture
def real_index(real_data_dir: Path, monkeypatch: pytest.MonkeyPatch):
    """The guide's handle on the real default-corpus index (symbol and lexical search; no vectors)."""
    from guide.index import GuideIndex
    from settings import get_settings

    monkeypatch.setenv("GOGUIDE_DATA_DIR", str(real_data_dir))
    get_settings.cache_clear()
    index = GuideIndex(get_settings())
    yield index
    index.close()


@pytest.fixture(scope="session")
def clean_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A complete fixture data dir (synced repositories, manifest, index with vectors, embedding cache)."""
    from ingest.cli import main
    from settings import get_settings
    from tests import damage

    data = damage.make_synced(tmp_path_factory.mktemp("clean") / "data")
    mp = pytest.MonkeyPatch()
    for k, v in damage.env_for(data).items():
        mp.setenv(k, v)
    get_settings.cache_clear()
    try:
        assert main([]) == 0
    finally:
        mp.undo()
        get_settings.cache_clear()
    damage.checkpoint(data)
    return data
