"""What took a definition's place at another release, read from the code that uses it (guide.history.by_use), on the
real default corpus (go1.21.13 and go1.27.3)."""

from __future__ import annotations

from guide.history.by_use import in_its_place

OLD, NEW = "go1.21.13", "go1.27.3"


def test_a_renamed_variable_is_found_where_its_user_writes_the_new_name(real_index) -> None:
    """Trial 42: a comparison of how the runtime makes random numbers said "`startupRandomData` is last defined at
    go1.21.13 and gone from go1.27.3 on", though sysauxv fills startupRand there on the same line."""
    put = in_its_place(real_index, "runtime.startupRandomData", OLD, NEW)
    assert put is not None and (put.name, put.symbol) == ("startupRand", "runtime.startupRand")
    assert put.user.symbol == "runtime.sysauxv" and put.user.version == NEW and put.user.path.endswith("os_linux.go")
    assert put.line == "startupRand = (*[16]byte)(unsafe.Pointer(val))[:]"
    assert put.user.excerpt.split("\n")[put.line_no - put.user.start_line].strip() == put.line  # its own line
    assert put.definition.version == NEW and put.definition.kind == "var"


def test_both_ways_and_only_for_a_name_gone_at_the_other_release(real_index) -> None:
    """A new definition is traced back to the one it took over from: cheaprand, new in go1.22, stands where fastrand
    stood (stealWork's random start). Only a name the other release does not define has something in its place."""
    back = in_its_place(real_index, "runtime.cheaprand", NEW, OLD)
    assert back is not None and back.symbol == "runtime.fastrand" and back.user.version == OLD
    assert "fastrand()" in back.line
    # defined at both releases: nothing took its place (hchan); a new type whose users once named one that still
    # exists (timeTimer, where stopTimer took a *timer) is no rename either
    assert in_its_place(real_index, "runtime.hchan", OLD, NEW) is None
    assert in_its_place(real_index, "runtime.timeTimer", NEW, OLD) is None


def test_a_comparison_says_what_stands_in_place_of_a_definition_gone(real_index) -> None:
    """The note on a definition found at one end only says what the code that used it uses at the other, cited
    there with the line (the citation check keeps it: the line is in the cited lines)."""
    from guide.answering import answer

    ans = answer(
        "What changed between go1.21 and go1.27 in the random bytes the runtime receives at startup from the"
        " auxiliary vector?",
        index=real_index,
        llm="extractive",
    )
    line = next(ln for ln in ans.text.splitlines() if ln.startswith("- runtime.startupRandomData:"))
    assert "gone from go1.27.3 on" in line and "at go1.27.3, runtime.sysauxv uses `startupRand` [" in line, line
    assert "in its place: `startupRand = (*[16]byte)(unsafe.Pointer(val))[:]` [" in line, line
    cited = {(c.symbol, c.version) for c in ans.citations}
    assert {("runtime.sysauxv", "go1.27.3"), ("runtime.startupRand", "go1.27.3")} <= cited


def test_comparing_a_definition_gone_at_one_release_follows_the_code_that_used_it(real_index) -> None:
    """ "How did fastrand change between go1.21 and go1.27?" named only the closest definition by meaning at
    go1.27.3 (legacy_fastrand, kept for packages that link to it, trial 43); what the runtime's own code calls there
    instead is cheaprand, now said too, cited with the line that shows it."""
    from guide.answering import answer

    ans = answer("How did fastrand change between go1.21 and go1.27?", index=real_index, llm="extractive")
    line = next(ln for ln in ans.text.splitlines() if ln.startswith("- at go1.27.3 the code that used fastrand"))
    assert "uses runtime.cheaprand (src/runtime/rand.go:" in line, line
    assert "in its place: `for enum := stealOrder.start(cheaprand()); !enum.done(); enum.next() {`" in line
    cited = {(c.symbol, c.version) for c in ans.citations}
    assert {("runtime.fastrand", OLD), ("runtime.cheaprand", NEW), ("runtime.stealWork", NEW)} <= cited


def test_a_definition_that_moved_to_another_package_is_not_said_to_be_new(real_index) -> None:
    """Trial 43: "How did the mutex's starvation mode change?" said "`mutexLocked` first appears at go1.27.3 (not
    defined at go1.21.13)": it moved from sync to internal/sync in go1.24 under the same name. Said so, both cited,
    in release order (the sentence names both releases, so the citation check keeps both numbers)."""
    from guide.answering.check import check_citations
    from guide.answering.described import presence, presence_line
    from guide.language import ENGLISH
    from guide.where import where

    new = where(real_index, "internal/sync.mutexLocked", NEW)[0].numbered(1)
    (p,) = presence(real_index, {OLD: [], NEW: [new]}, [OLD, NEW])
    assert p.moved is not None and (p.moved.symbol, p.moved.version) == ("sync.mutexLocked", OLD)
    old = p.moved.numbered(2)
    line = presence_line(p, [OLD, NEW], {new.key: 1, old.key: 2}, ENGLISH)
    assert line == (
        "- internal/sync.mutexLocked: `mutexLocked` moved to another package under the same name: "
        f"sync.mutexLocked @ {OLD} [2] → internal/sync.mutexLocked @ {NEW} [1]"
    )
    checked = check_citations(line, [new, old])
    assert not checked.warnings and {c.n for c in checked.cited} == {1, 2}
