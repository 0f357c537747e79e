"""GOEXPERIMENT defaults per release, read from internal/buildcfg and internal/goexperiment, and said in comparisons
on their topic (guide.history.experiments, guide.answering.defaults)."""

from __future__ import annotations

from guide.answering import answer
from guide.citation import Citation
from guide.history.experiments import defaults, meaning

PARSER = """func ParseGOEXPERIMENT(goos, goarch, goexp string) (*ExperimentFlags, error) {
	var regabiSupported bool
	baseline := goexperiment.Flags{
		RegabiWrappers:        regabiSupported,
		GreenTeaGC:            true,
		SizeSpecializedMalloc: true, // a comment
		Disabled:              false,
	}
	other := goexperiment.Flags{
		NotBaseline: true,
	}
	return nil, nil
}"""

FLAGS = """type Flags struct {
	FieldTrack bool

	// GreenTeaGC enables the Green Tea GC
	// implementation.
	GreenTeaGC bool
	SizeSpecializedMalloc bool
}"""


def _cit(symbol: str, kind: str, excerpt: str) -> Citation:
    return Citation("go1.27.3", "src/x.go", 1, excerpt.count("\n") + 1, symbol, kind, "u", excerpt)


def test_the_baseline_is_what_a_release_turns_on_and_a_flag_says_what_it_is() -> None:
    """Only the baseline's ``true`` entries are defaults: one set by platform (``regabiSupported``) is not, nor one
    set in another Flags value; a field's comment, its lines joined, is what the experiment is."""
    assert defaults(_cit("internal/buildcfg.ParseGOEXPERIMENT", "func", PARSER)) == {
        "GreenTeaGC", "SizeSpecializedMalloc"
    }  # fmt: skip
    flags = _cit("internal/goexperiment.Flags", "type", FLAGS)
    assert meaning(flags, "GreenTeaGC") == "GreenTeaGC enables the Green Tea GC implementation."
    assert meaning(flags, "SizeSpecializedMalloc") == "" and meaning(flags, "FieldTrack") == ""


def test_a_comparison_of_the_gc_names_the_experiments_it_turns_on(real_index) -> None:
    """Trial 9: "Is the garbage collector different in go1.27.3 than in go1.21.13?" did not name the Green Tea GC,
    on by default at go1.27.3 (internal/buildcfg); now said first, cited where the default is set and where the
    experiment is described. A comparison of the scheduler names no experiment: none of go1.27.3's switches code in
    the files it cites, and neither does one of the stack size (SizeSpecializedMalloc shares "size" with it)."""
    ans = answer("Is the garbage collector different in go1.27.3 than in go1.21.13?", index=real_index)
    line = next(ln for ln in ans.text.splitlines() if ln.startswith("- `GreenTeaGC`"))
    assert "on by default at go1.27.3 [" in line and "not among the experiments of go1.21.13" in line, ans.text
    assert "“GreenTeaGC enables the Green Tea GC implementation.”" in line
    cited = {(c.symbol, c.version) for c in ans.citations}
    assert {("internal/buildcfg.ParseGOEXPERIMENT", "go1.27.3"), ("internal/goexperiment.Flags", "go1.27.3")} <= cited
    sched = answer("What changed in the scheduler between go1.21.13 and go1.27.3?", index=real_index)
    assert "GOEXPERIMENT" not in sched.text
    stack = answer("Did the minimum goroutine stack size change between go1.21.13 and go1.27.3?", index=real_index)
    assert "SizeSpecializedMalloc" not in stack.text


def test_a_question_about_the_experiments_lists_every_default_that_changed(real_index) -> None:
    """Trial 108: "Which GOEXPERIMENT defaults changed between go1.25 and go1.26?" compared internal/goexperiment's
    package doc, "unchanged: identical text", and named no experiment. A question about the experiments as such
    (none named) lists every experiment whose default differs, first; one about one experiment's topic does not."""
    from guide.answering.defaults import asks_experiments

    for q in (
        "Which GOEXPERIMENT defaults changed between go1.21 and go1.27?",
        "go1.21 和 go1.27 之间哪些实验特性的默认值变了？",
    ):
        ans = answer(q, index=real_index, llm="extractive")
        first = ans.text.split("\n\n")[0]
        assert "GreenTeaGC" in first and "SizeSpecializedMalloc" in first and "CoverageRedesign" in first, ans.text
    assert asks_experiments("Did any experiments' defaults change?") and asks_experiments("GOEXPERIMENT")
    assert not asks_experiments("How does the loop variable experiment work?")
    assert not asks_experiments("循环变量的实验")
    assert not asks_experiments("We ran some experiments in production: how did the scheduler change?")  # review


def test_a_file_a_release_leaves_out_of_its_default_build_is_not_that_releases_definition(
    real_index, monkeypatch
) -> None:
    """go1.22's trace.go is the old tracer, built only with GOEXPERIMENT=noexectracer2 (``//go:build
    !goexperiment.exectracer2``): traceCPUSample there is trace2cpu.go's (trial 28 had compared trace.go's). A
    constraint the experiments decide says so; platforms, ``race`` and disjunctions are not read."""
    from guide.history import experiments
    from guide.history.experiments import experiments_on, in_default_build, off_by_default
    from ingest.symbols import Definition

    on = frozenset({"exectracer2", "swissmap"})
    assert off_by_default("!goexperiment.exectracer2", on) and off_by_default("goexperiment.boringcrypto", on)
    assert not off_by_default("goexperiment.exectracer2", on) and not off_by_default("linux && amd64", on)
    assert off_by_default("amd64 && !goexperiment.swissmap", on)
    assert not off_by_default("!goexperiment.swissmap || race", on) and not off_by_default(None, on)
    # a term in parentheses is one term of the conjunction (go1.24's lock_futex_tristate.go, trial 45)
    assert off_by_default("(dragonfly || freebsd || linux) && !goexperiment.swissmap", on)
    assert not off_by_default("(linux || darwin) && goexperiment.swissmap", on)
    assert not off_by_default("(linux && !goexperiment.swissmap) || race", on)  # a disjunction at the top
    assert "greenteagc" in experiments_on(real_index, "go1.27.3")
    assert "greenteagc" not in experiments_on(real_index, "go1.21.13")
    # set by platform, read for linux/amd64: ``dwarf5Supported := (goos != "darwin" && ...)``, ``regabiSupported``
    assert {"dwarf5", "regabiargs"} <= experiments_on(real_index, "go1.27.3")

    def d(path: str, build: str | None) -> Definition:
        return Definition("go1.22.10", path, 1, 2, "runtime.traceCPUSample", "func", "go", 1, "traceCPUSample",
                          "runtime", build=build)  # fmt: skip

    old, new = d("src/runtime/trace.go", "!goexperiment.exectracer2"), d("src/runtime/trace2cpu.go", None)
    monkeypatch.setattr(experiments, "experiments_on", lambda index, tag: on)
    assert in_default_build(real_index, [old, new], "go1.22.10") == [new]
    assert in_default_build(real_index, [old], "go1.22.10") == [old]  # the only one there is


def test_an_experiment_set_by_platform_is_read_for_the_platform() -> None:
    """go1.24 turns SpinbitMutex on where the architecture has an 8-bit exchange (``SpinbitMutex: haveXchg8``, set in
    a ``switch goarch``): on linux/amd64 it is on, and lock2 is lock_spinbit.go's, not lock_futex_tristate.go's
    (trial 45 compared the latter). A variable set from an expression of goos and goarch is evaluated; anything else
    is not read."""
    from guide.citation import Citation
    from guide.history.experiments import defaults, platform_values

    code = """func ParseGOEXPERIMENT(goos, goarch, goexp string) (*ExperimentFlags, error) {
\tvar regabiSupported bool
\tswitch goarch {
\tcase "amd64", "arm64":
\t\tregabiSupported = true
\t}
\tvar haveXchg8 bool
\tswitch goarch {
\tcase "386", "amd64", "arm":
\t\thaveXchg8 = true
\t}
\tdwarf5Supported := (goos != "darwin" && goos != "ios" && goos != "aix")
\tother := someCall()
\tbaseline := goexperiment.Flags{
\t\tRegabiArgs:   regabiSupported,
\t\tSpinbitMutex: haveXchg8,
\t\tDwarf5:       dwarf5Supported,
\t\tOther:        other,
\t\tSwissMap:     true,
\t}
}"""
    parser = Citation("go1.24.11", "src/internal/buildcfg/exp.go", 1, 21, "internal/buildcfg.ParseGOEXPERIMENT",
                      "func", "u", code)  # fmt: skip
    assert platform_values(code, ("linux", "amd64")) == {"regabiSupported": True, "haveXchg8": True,
                                                         "dwarf5Supported": True}  # fmt: skip
    assert defaults(parser) == {"SwissMap"}  # platform-free: only what is true everywhere
    assert defaults(parser, ("linux", "amd64")) == {"SwissMap", "RegabiArgs", "SpinbitMutex", "Dwarf5"}
    assert defaults(parser, ("darwin", "riscv64")) == {"SwissMap"}
    assert defaults(parser, ("linux", "arm")) == {"SwissMap", "SpinbitMutex", "Dwarf5"}


def test_releases_alike_in_a_row_are_one_item() -> None:
    """Asked since when GreenTeaGC is on, over nine releases, the answer listed "not among the experiments of ..." six
    times: releases in a row in one state are one item, its first and last release named."""
    from guide.answering.named_experiments import _runs

    tags = ["go1.19.8", "go1.21.13", "go1.22.10", "go1.25.5", "go1.26.6", "go1.27.3"]
    keys = ["default_none"] * 3 + ["default_off", "default_on", "default_on"]
    runs = _runs([(t, k, []) for t, k in zip(tags, keys, strict=True)])
    assert [[t for t, _, _ in run] for run in runs] == [tags[:3], ["go1.25.5"], ["go1.26.6", "go1.27.3"]]
