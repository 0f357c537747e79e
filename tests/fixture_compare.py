"""A small Go-like repository with three release tags for comparison and timeline tests.

go1.21.13 -> go1.22.5 -> go1.23.1, each change something a test looks for:
- ``findrunnable`` is renamed ``findRunnable`` (a case change) in go1.22.5
- ``runqget`` gains a result (signature change) in go1.22.5
- ``timer`` gains a field ``isChan`` and its field ``f`` changes type in go1.22.5
- ``oldHelper`` moves from ``sched.go`` to ``helper.go`` (same package) in go1.22.5 and is removed in go1.23.1
- package ``runtime/internal/atomic`` moves to ``internal/runtime/atomic`` in go1.22.5 (``Load``: amd64 identical,
  arm64 body changed; arm64's ``cas_arm64.go`` is merged into ``atomic_arm64.go``)
- ``stackMin`` is unchanged until go1.23.1, where its value changes (2048 -> 4096)
- ``schedt`` stays byte-identical throughout
- ``AddCleanup`` appears in go1.22.5 (cleanup.go) and stays
"""

from __future__ import annotations

from pathlib import Path

import git

from tests.fixture_repo import _commit

TAGS = ("go1.21.13", "go1.22.5", "go1.23.1")

SCHED_V1 = """\
package runtime

// schedt holds the global scheduler state.
type schedt struct {
\tlock   mutex
\tnpidle uint32
}

const (
\t// The minimum size of stack used by Go code
\tstackMin = 2048
)

// findrunnable finds a runnable goroutine to execute.
func findrunnable() (gp *g, inheritTime bool) {
\treturn nil, false
}

// runqget gets a G from the local runnable queue.
func runqget(pp *p) (gp *g) {
\treturn nil
}

func oldHelper() int {
\treturn 42
}
"""

SCHED_V2 = (
    SCHED_V1.replace("findrunnable", "findRunnable")
    .replace(
        "func runqget(pp *p) (gp *g) {\n\treturn nil\n}",
        "func runqget(pp *p) (gp *g, inheritTime bool) {\n\treturn nil, false\n}",
    )
    .replace("\nfunc oldHelper() int {\n\treturn 42\n}\n", "")
)
"""findrunnable renamed findRunnable, runqget's signature changed, oldHelper moved out (to helper.go)."""
assert "oldHelper" not in SCHED_V2 and "inheritTime bool) {\n\treturn nil, false" in SCHED_V2

SCHED_V3 = SCHED_V2.replace("stackMin = 2048", "stackMin = 4096")

HELPER_GO = """\
package runtime

// Helpers.

func oldHelper() int {
\treturn 42
}
"""

TIME_V1 = """\
package runtime

// A timer.
type timer struct {
\twhen int64
\tf    func(any, uintptr)
}
"""

TIME_V2 = """\
package runtime

// A timer.
type timer struct {
\twhen   int64
\tf      func(arg any, seq uintptr, delay int64)
\tisChan bool // timer has a channel
}
"""

CLEANUP_GO = """\
package runtime

// AddCleanup attaches a cleanup function to ptr.
func AddCleanup(ptr any, cleanup func()) {
}
"""

ATOMIC_AMD64 = """\
package atomic

//go:nosplit
func Load(ptr *uint32) uint32 {
\treturn *ptr
}
"""

ATOMIC_ARM64_V1 = """\
package atomic

func Load(ptr *uint32) uint32 {
\treturn *ptr
}
"""

ATOMIC_ARM64_V2 = """\
package atomic

func Load(ptr *uint32) uint32 {
\tv := *ptr
\treturn v
}

func Cas(ptr *uint32, old, new uint32) bool {
\treturn *ptr == old
}
"""

CAS_ARM64 = """\
package atomic

func Cas(ptr *uint32, old, new uint32) bool {
\treturn *ptr == old
}
"""


def files_v1() -> dict[str, bytes]:
    return {
        "src/runtime/sched.go": SCHED_V1.encode(),
        "src/runtime/time.go": TIME_V1.encode(),
        "src/runtime/internal/atomic/atomic_amd64.go": ATOMIC_AMD64.encode(),
        "src/runtime/internal/atomic/atomic_arm64.go": ATOMIC_ARM64_V1.encode(),
        "src/runtime/internal/atomic/cas_arm64.go": CAS_ARM64.encode(),  # merged into atomic_arm64.go in go1.22
    }


def files_v2() -> dict[str, bytes]:
    return {
        "src/runtime/sched.go": SCHED_V2.encode(),
        "src/runtime/helper.go": HELPER_GO.encode(),
        "src/runtime/cleanup.go": CLEANUP_GO.encode(),
        "src/runtime/time.go": TIME_V2.encode(),
        "src/internal/runtime/atomic/atomic_amd64.go": ATOMIC_AMD64.encode(),
        "src/internal/runtime/atomic/atomic_arm64.go": ATOMIC_ARM64_V2.encode(),
    }


def files_v3() -> dict[str, bytes]:
    files = files_v2()
    del files["src/runtime/helper.go"]
    files["src/runtime/sched.go"] = SCHED_V3.encode()
    return files


def make_compare_repo(root: Path) -> tuple[Path, dict[str, str]]:
    """A repository at ``root`` with the three tags; returns (path, {tag: commit})."""
    repo = git.Repo.init(root)
    with repo.config_writer() as cw:
        cw.set_value("user", "name", "fixture")
        cw.set_value("user", "email", "fixture@example.invalid")
        cw.set_value("core", "autocrlf", "false")
    builders = (files_v1, files_v2, files_v3)
    commits = {
        tag: _commit(repo, root, build(), f"release {tag}", tag) for tag, build in zip(TAGS, builders, strict=True)
    }
    return root, commits


def build_compare_index(data: Path):
    """An index (symbols and lexical only: no embeddings) of the three-tag repository under ``data``; returns a
    ``GuideIndex`` the caller closes."""
    from corpus.definition import load_corpus
    from guide.index import GuideIndex
    from ingest.pipeline import run
    from ingest.store import Store
    from ingest.targets import make_targets
    from settings import Settings

    settings = Settings(data_dir=data, embedding={"model": "hash"})
    go_def = load_corpus("default").repo("go")
    path, commits = make_compare_repo(settings.repo_path("go"))
    targets = make_targets("go", path, {t: (c, t) for t, c in commits.items()}, go_def.permalink, go_def.matches)
    store = Store(settings.index_db)
    run(store, targets, vectors=None)
    store.close()
    return GuideIndex(settings)
