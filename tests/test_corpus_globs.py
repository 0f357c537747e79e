import pytest

from corpus.definition import load_corpus
from corpus.globs import glob_match, glob_to_regex


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("src/runtime/**", "src/runtime/chan.go", True),
        ("src/runtime/**", "src/runtime/internal/atomic/atomic_amd64.s", True),
        ("src/runtime/**", "src/runtimex/chan.go", False),
        ("src/runtime/**", "src/runtime", False),
        ("**/*_test.go", "chan_test.go", True),
        ("**/*_test.go", "src/runtime/chan_test.go", True),
        ("**/*_test.go", "src/runtime/chan_test.go.orig", False),
        ("**/testdata/**", "src/runtime/testdata/x.go", True),
        ("**/testdata/**", "testdata/a/b.go", True),
        ("**/testdata/**", "src/runtime/mytestdata/x.go", False),
        ("doc/*.html", "doc/go_spec.html", True),
        ("doc/*.html", "doc/articles/x.html", False),
        ("*.md", "README.md", True),
        ("*.md", "design/x.md", False),
        ("design/*.md", "design/12345-x.md", True),
        ("a/**/b", "a/b", True),
        ("a/**/b", "a/x/y/b", True),
        ("a/**/b", "a/x/y/bb", False),
        ("**", "any/thing/at/all", True),
        ("src/?untime/*.go", "src/runtime/x.go", True),
        ("src/[rs]untime/*.go", "src/suntime/x.go", True),
        ("src/[!r]untime/*.go", "src/runtime/x.go", False),
        ("src/*", "src/a/b", False),
        ("a**b/c", "axyzb/c", True),
        ("a.b/c+d/(x)", "a.b/c+d/(x)", True),
        ("a.b", "aXb", False),
        ("[unclosed", "[unclosed", True),
    ],
)
def test_glob_match(pattern: str, path: str, expected: bool) -> None:
    assert glob_match(pattern, path) is expected, glob_to_regex(pattern)


@pytest.mark.parametrize("bad", ["", "/abs/path", "a//b"])
def test_glob_rejects_bad_patterns(bad: str) -> None:
    with pytest.raises(ValueError):
        glob_to_regex(bad)


def test_repo_matches_uses_globs_kinds_and_excludes() -> None:
    go = load_corpus("default").repo("go")
    assert go.matches("src/runtime/chan.go")
    assert go.matches("src/runtime/internal/atomic/atomic_arm64.s")
    assert go.matches("src/internal/runtime/maps/map.go")
    assert go.matches("src/internal/abi/type.go")
    assert go.matches("src/sync/mutex.go")
    assert go.matches("src/cmd/compile/internal/ssa/func.go")
    assert go.matches("src/cmd/link/internal/ld/lib.go")
    assert go.matches("doc/go_spec.html")
    assert go.matches("doc/go_mem.md")
    assert not go.matches("doc/articles/race_detector.html")
    assert not go.matches("src/runtime/chan_test.go")
    assert not go.matches("src/runtime/testdata/testprog/gc.go")
    assert not go.matches("src/runtime/mkduff.sh")  # kind not indexed
    assert not go.matches("src/net/http/server.go")
    assert not go.matches("src/cmd/go/main.go")
    proposal = load_corpus("full").repo("proposal")
    assert proposal.matches("design/24543-non-cooperative-preemption.md")
    assert proposal.matches("README.md")
    assert not proposal.matches("design/24543/fig.png")
    assert not proposal.matches("design/sub/deeper.md")
