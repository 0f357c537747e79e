"""Version comparison (guide.compare, guide.topic, guide.diffsummary) on the two fixture indexes."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest

from guide.history.compare import Comparison, compare
from guide.history.files import TopicComparison
from guide.history.goparse import const_value, func_signature, struct_fields
from guide.history.summary import summarize, unified_diff
from guide.knowledge import successor_for, successors
from guide.query import Query
from guide.versions import ReleaseError, resolve_release

OLD, NEW = "go1.21.13", "go1.27.3"


@pytest.fixture(scope="module")
def cmp_index(tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    """The three-tag comparison fixture (go1.21.13, go1.22.5, go1.23.1): see tests/fixture_compare.py."""
    from tests.fixture_compare import build_compare_index

    index = build_compare_index(tmp_path_factory.mktemp("compare-index"))
    yield index
    index.close()


def _check_citations(index, comp) -> None:
    """Every citation names lines that exist at its version and starts with the cited definition."""
    assert comp.citations
    for c in comp.to_json()["citations"]:
        text = index.excerpt(c["version"], c["path"], c["start_line"], c["end_line"])
        assert text is not None, c
        assert c["url"] == index.permalink(c["version"], c["path"], c["start_line"], c["end_line"])


# -- the main fixture (go1.21.13 -> go1.27.3) ----------------------------------------------------------------------
def test_hchan_unchanged(fixture_index) -> None:
    comp = compare(fixture_index, "hchan", OLD, NEW)
    assert isinstance(comp, Comparison)
    assert comp.summary == [{"change": "unchanged"}]
    assert comp.diff == ""
    assert not comp.moved
    assert comp.left is not None and comp.right is not None
    assert (comp.left.path, comp.left.start_line) == (comp.right.path, comp.right.start_line)
    assert comp.left.excerpt.startswith("type hchan struct {")
    _check_citations(fixture_index, comp)


def test_const_value_changed_with_exact_citations(fixture_index) -> None:
    comp = compare(fixture_index, "forcePreemptNS", OLD, NEW)
    change = next(c for c in comp.summary if c["change"] == "value_changed")
    assert change == {
        "change": "value_changed",
        "name": "forcePreemptNS",
        "old": "10 * 1000 * 1000",
        "new": "20 * 1000 * 1000",
    }
    left, right = comp.to_json()["citations"]
    assert (left["version"], right["version"]) == (OLD, NEW)
    assert left["path"] == right["path"] == "src/runtime/proc.go"
    assert "forcePreemptNS = 10 * 1000 * 1000" in fixture_index.excerpt(
        left["version"], left["path"], left["start_line"], left["end_line"]
    )
    assert "forcePreemptNS = 20 * 1000 * 1000" in fixture_index.excerpt(
        right["version"], right["path"], right["start_line"], right["end_line"]
    )
    assert left["url"].endswith(f"/blob/{OLD}/src/runtime/proc.go#L{left['start_line']}-L{left['end_line']}")
    # the diff's hunk header is in file line numbers, from the doc comment's first line (shown as context)
    assert f"@@ -{left['doc_start_line']},2 +{right['doc_start_line']},2 @@" in comp.diff
    assert left["doc_start_line"] == left["start_line"] - 1
    assert "-\tforcePreemptNS = 10 * 1000 * 1000 // 10ms" in comp.diff


def test_removed_with_successor(fixture_index) -> None:
    comp = compare(fixture_index, "hmap", OLD, NEW)
    assert comp.left is not None and comp.right is None
    assert comp.left.path == "src/runtime/map.go"
    removed = next(c for c in comp.summary if c["change"] == "removed")
    assert removed["successor"] == ["internal/runtime/maps.Map"]
    assert comp.successor is not None and comp.successor.entry.relation == "replaced"
    (succ_def,) = comp.successor.definitions
    assert (succ_def.version, succ_def.path) == (NEW, "src/internal/runtime/maps/map.go")
    assert "type Map struct" in fixture_index.excerpt(NEW, succ_def.path, succ_def.start_line, succ_def.end_line)
    assert [c.version for c in comp.citations] == [OLD, NEW]
    assert comp.diff.startswith(f"--- {OLD}:src/runtime/map.go\n+++ /dev/null")


def test_added_names_predecessor(fixture_index) -> None:
    comp = compare(fixture_index, "maps.Map", OLD, NEW)
    assert comp.left is None and comp.right is not None
    assert comp.summary[0] == {"change": "added", "symbol": "internal/runtime/maps.Map", "predecessor": "runtime.hmap"}


def test_unknown_symbol(fixture_index) -> None:
    comp = compare(fixture_index, "hchann", OLD, NEW)
    assert not comp.found
    assert comp.summary == [{"change": "not_found", "name": "hchann", "releases": []}]
    assert "hchan" in comp.candidates
    assert any("not defined in any indexed release" in n for n in comp.notes)
    assert comp.citations == []


def test_versions_resolve(fixture_index) -> None:
    assert resolve_release(fixture_index, "1.21") == OLD
    assert resolve_release(fixture_index, "go1.27") == NEW
    assert compare(fixture_index, "hchan", "1.21", "go1.27").v2 == NEW
    with pytest.raises(ReleaseError, match=r"go1\.21\.13"):
        resolve_release(fixture_index, "go1.99")
    with pytest.raises(ValueError):
        compare(fixture_index, "hchan", "1.21", "1.99")


def test_question_with_identifier_routes_to_symbol(fixture_index) -> None:
    comp = compare(fixture_index, "what changed in `forcePreemptNS` between go1.21 and go1.27?", OLD, NEW)
    assert isinstance(comp, Comparison)
    assert comp.symbol == "forcePreemptNS"


def test_described_subject_is_found_by_retrieval(fixture_index) -> None:
    """A subject described in words resolves to the definition the guide's retrieval finds for it."""
    comp = compare(fixture_index, "what changed in the preemption time slice between go1.21 and go1.27?", OLD, NEW)
    assert isinstance(comp, Comparison) and comp.symbol == "runtime.forcePreemptNS"
    assert comp.summary[0]["change"] == "value_changed"
    assert "the definition that best matches the question" in comp.notes[0]


def test_an_unchanged_described_subject_says_how_its_file_changed() -> None:
    """ "the background scavenger" resolves to runtime.bgscavenge, unchanged between the releases while its file
    changed a lot (+34 -83 lines): the comparison says so, so that "unchanged" is not read as "the mechanism did not
    change"; nothing is said when the file is the same."""
    from guide.citation import Citation
    from guide.history.subject import rest_of_file

    files = {
        "go1.21.13": ["package runtime", "func a() {}", "func bgscavenge() {}", "func old() {}"],
        "go1.27.3": ["package runtime", "func a() { b() }", "func bgscavenge() {}", "func new1() {}", "func new2() {}"],
    }
    index = type("I", (), {"file_lines": lambda self, tag, path: files.get(tag)})()

    def side(tag: str) -> Citation:
        return Citation(tag, "src/runtime/mgcscavenge.go", 3, 3, "runtime.bgscavenge", "func", "u", "func bgscavenge")

    note = rest_of_file(index, side("go1.21.13"), side("go1.27.3"))
    assert note is not None and note.values == {"path": "src/runtime/mgcscavenge.go", "added": 3, "removed": 2}
    assert str(note) == (
        "the rest of its file, src/runtime/mgcscavenge.go, changed: +3 −2 lines (compare the file for those changes)"
    )
    assert "+3 −2 行" in note.text("zh")
    # the definitions of the file that changed are named, the first five, the others counted (trial 33)
    named = rest_of_file(index, side("go1.21.13"), side("go1.27.3"), ["scavengerState", "a", "b", "c", "d", "e", "f"])
    assert named is not None and str(named) == (
        "the rest of its file, src/runtime/mgcscavenge.go, changed: +3 −2 lines, in scavengerState, a, b, c, d, +2 "
        "(compare the file for those changes)"
    )
    assert "涉及 scavengerState、a、b、c、d、+2" in named.text("zh")
    # the names are written as the file's own code writes them, a value receiver's method with its receiver too
    from guide.history.subject import _short

    assert _short("runtime.(*scavengerState).init") == "(*scavengerState).init"
    assert (
        _short("cmd/compile/internal/bitvec.BitVec.And") == "BitVec.And"
        and _short("runtime.bgscavenge") == "bgscavenge"
    )
    files["go1.27.3"] = files["go1.21.13"]
    assert rest_of_file(index, side("go1.21.13"), side("go1.27.3")) is None


def test_the_definitions_changed_in_an_unchanged_subjects_file_are_named(real_index) -> None:
    """Trial 33: the Compare tab's "the background scavenger" said runtime.bgscavenge is unchanged and its file changed
    by +34 −83 lines, not where: scavengerState's fields were reordered, its init and sleep methods changed."""
    from guide.history.compare import compare

    comp = compare(real_index, "the background scavenger", OLD, NEW)
    assert comp.symbol == "runtime.bgscavenge" and not comp.changed
    rest = next(n for n in comp.notes if n.key == "rest_of_file_named")
    names = rest.values["names"].split(", ")
    assert "scavengerState" in names[:2] and "(*scavengerState).init" in names, names
    assert "bgscavenge" not in names


def test_a_topics_word_alone_is_compared_by_its_declaration(real_index) -> None:
    """Trial 54: "scheduler" typed into the Compare tab was "not defined in any indexed release" (similar names:
    schedule), where "the scheduler" compares the declaration the vocabulary gives the topic; a word that names a
    definition is that definition, and a misspelt name is still said to be nowhere."""
    from guide.history.compare import compare

    comp = compare(real_index, "scheduler", OLD, NEW)
    assert comp.symbol == "runtime.schedule" and comp.left is not None and comp.right is not None
    assert comp.notes[0].key == "compared_topic", comp.notes
    assert compare(real_index, "hchan", OLD, NEW).symbol == "hchan"
    assert compare(real_index, "chansendd", OLD, NEW).left is None
    # a Go keyword written alone is the language's construct, not what is named like it (trial 100: "map" compared
    # sync.Map); written as a name, it is that name
    keyword = compare(real_index, "map", OLD, NEW)
    assert keyword.symbol == "runtime.hmap" and keyword.notes[0].key == "compared_topic", keyword.notes
    assert compare(real_index, "Map", OLD, NEW).symbol != "runtime.hmap"


def test_a_topic_compared_by_one_definition_names_what_else_of_it_changed_most(real_index) -> None:
    """Trial 55: "scheduler" compared runtime.schedule alone (+17 -1 lines), which read as "the scheduler barely
    changed"; the note names the tour's other definitions whose code changed most, each with the lines its body
    gained and lost, as the chat's comparison of the tour counts them."""
    from guide.history.compare import compare, compare_symbol
    from guide.notes import note_text

    comp = compare(real_index, "scheduler", OLD, NEW)
    churn = [n for n in comp.notes if n.key == "topic_churn"]
    assert churn, comp.notes
    said = note_text(churn[0], "en")
    named = re.findall(r"(runtime\.\w+) \(\+(\d+) −(\d+)\)", said)
    assert len(named) == 3, said
    for name, added, removed in named:
        body = next(c for c in compare_symbol(real_index, name, OLD, NEW).summary if c["change"] == "body_changed")
        assert (body["lines_added"], body["lines_removed"]) == (int(added), int(removed)), (name, body)
    assert "runtime.schedule " not in said and "How did the scheduler change between" in said
    assert not [n for n in compare(real_index, "hchan", OLD, NEW).notes if n.key == "topic_churn"]


def test_a_one_line_definition_that_moved_says_its_lines_as_one(real_index) -> None:
    """Trial 55: forcePreemptNS's note read "same text, at lines 5665-5665 -> 6679-6679"."""
    from guide.history.compare import compare
    from guide.notes import note_text

    comp = compare(real_index, "forcePreemptNS", OLD, NEW)
    said = [note_text(n, "en") for n in comp.notes if n.key == "same_text"]
    assert said and "-" not in said[0] and said[0].startswith("same text, moved from line "), said


def test_a_definition_of_several_lines_that_moved_says_lines(real_index) -> None:
    """Its note had read "same text, moved from line 6427-6444 to line 7781-7798": a range is lines."""
    from guide.history.compare import compare
    from guide.notes import note_text

    comp = compare(real_index, "runqsteal", OLD, NEW)
    said = [note_text(n, "en") for n in comp.notes if n.key == "same_text"]
    assert said and re.fullmatch(r"same text, moved from lines \d+-\d+ to lines \d+-\d+", said[0]), said


def test_a_chinese_description_is_no_name() -> None:
    """Chinese writes no spaces between words: "调度器的抢占" is described, not a symbol to look up by name."""
    assert Query.parse("调度器的抢占").subject_form == "question"
    assert Query.parse("后台内存归还（scavenger）").subject_form == "question"
    assert Query.parse("forcePreemptNS").subject_form == "name"


def test_topic_comparison_by_files(fixture_index) -> None:
    """The files a question's words match, compared file by file (when no definition answers for the subject)."""
    from guide.history.files import compare_topic
    from guide.query import Query

    q = Query.parse("what changed in the preemption time slice between go1.21 and go1.27?")
    tc = compare_topic(fixture_index, q, OLD, NEW)
    assert isinstance(tc, TopicComparison)
    assert tc.kind == "topic"
    assert "preemption" in tc.tokens
    proc = next(f for f in tc.files if f.left_path == "src/runtime/proc.go")
    assert proc.status == "changed"
    (changed,) = proc.changed
    assert changed.symbol == "runtime.forcePreemptNS"
    assert changed.summary[0]["change"] == "value_changed"
    assert proc.unchanged >= 3  # schedinit, (*p).runqput, batch.finish, maxProcs
    for c in tc.citations:
        assert fixture_index.excerpt(c.version, c.path, c.start_line, c.end_line) is not None
    json.dumps(tc.to_json())


def test_file_comparison(fixture_index) -> None:
    tc = compare(fixture_index, "src/runtime/map.go", OLD, NEW)
    assert isinstance(tc, TopicComparison) and tc.kind == "file"
    (f,) = tc.files
    assert f.status == "removed" and f.right_path is None
    assert {c.symbol for c in f.removed} == {"runtime.hmap", "runtime.makemap"}
    same = compare(fixture_index, "chan.go", OLD, NEW).files[0]
    assert same.status == "unchanged" and same.counts["changed"] == 0


def test_render_markdown_passes_citation_check(fixture_index) -> None:
    from guide.answering.check import check_citations
    from guide.render.markdown import comparison_markdown

    for sym in ("forcePreemptNS", "hmap", "hchan"):
        comp = compare(fixture_index, sym, OLD, NEW)
        sources = [c.numbered(i) for i, c in enumerate(comp.citations, 1)]
        text = comparison_markdown(comp, "en", {s.key: s.n for s in sources})
        checked = check_citations(text, sources)
        assert checked.warnings == [], (sym, text)
        assert len(checked.cited) == len(sources)


def test_to_json_round_trips(fixture_index) -> None:
    data = json.loads(json.dumps(compare(fixture_index, "forcePreemptNS", OLD, NEW).to_json()))
    assert set(data) >= {"symbol", "v1", "v2", "left", "right", "diff", "summary", "moved", "notes", "citations"}
    assert data["left"]["text"].strip().startswith("forcePreemptNS = 10")


# -- the comparison fixture (three tags) ---------------------------------------------------------------------------
def test_field_added_and_type_changed(cmp_index) -> None:
    comp = compare(cmp_index, "timer", "1.21", "1.22")
    assert comp.v1 == "go1.21.13" and comp.v2 == "go1.22.5"
    assert {"change": "field_added", "name": "isChan", "type": "bool", "line": 7} in comp.summary
    changed = next(c for c in comp.summary if c["change"] == "field_type_changed")
    assert (changed["name"], changed["old_type"], changed["new_type"]) == (
        "f",
        "func(any, uintptr)",
        "func(arg any, seq uintptr, delay int64)",
    )
    assert cmp_index.excerpt("go1.22.5", "src/runtime/time.go", 7, 7).strip().startswith("isChan bool")


def test_signature_change(cmp_index) -> None:
    comp = compare(cmp_index, "runqget", "go1.21.13", "go1.22.5")
    sig = next(c for c in comp.summary if c["change"] == "signature_changed")
    assert sig["old"] == "func runqget(pp *p) (gp *g)"
    assert sig["new"] == "func runqget(pp *p) (gp *g, inheritTime bool)"
    body = next(c for c in comp.summary if c["change"] == "body_changed")
    assert (body["lines_added"], body["lines_removed"]) == (1, 1)


def test_method_form_falls_back_to_function_on_receiver(cmp_index) -> None:
    comp = compare(cmp_index, "(*p).runqget", "go1.21.13", "go1.22.5")
    assert comp.left is not None and comp.left.symbol == "runtime.runqget"
    assert any("no method" in n for n in comp.notes)


def test_file_moved_same_package(cmp_index) -> None:
    comp = compare(cmp_index, "oldHelper", "go1.21.13", "go1.22.5")
    assert comp.moved
    assert comp.summary == [
        {"change": "file_moved", "old_path": "src/runtime/sched.go", "new_path": "src/runtime/helper.go"},
        {"change": "unchanged"},
    ]
    _check_citations(cmp_index, comp)


def test_package_moved(cmp_index) -> None:
    comp = compare(cmp_index, "runtime/internal/atomic.Load", "go1.21.13", "go1.22.5")
    assert comp.moved
    moved = comp.summary[0]
    assert moved["change"] == "package_moved"
    assert (moved["old_package"], moved["new_package"]) == ("runtime/internal/atomic", "internal/runtime/atomic")
    assert comp.left.path.endswith("atomic_amd64.go") and comp.right.path.endswith("atomic_amd64.go")
    assert comp.summary[1] == {"change": "unchanged"}
    assert comp.variants == [
        {
            "left_path": "src/runtime/internal/atomic/atomic_arm64.go",
            "right_path": "src/internal/runtime/atomic/atomic_arm64.go",
            "status": "changed, moved",
        }
    ]
    # the bare name pairs the same way
    assert compare(cmp_index, "Load", "go1.21.13", "go1.22.5").right.path == comp.right.path


def test_added_between_says_where_it_first_appears(cmp_index) -> None:
    comp = compare(cmp_index, "AddCleanup", "go1.21.13", "go1.23.1")
    added = next(c for c in comp.summary if c["change"] == "added")
    assert added["first"] == "go1.22.5"
    assert any("first appears at go1.22.5" in n for n in comp.notes)
    assert "first" not in next(c for c in compare(cmp_index, "AddCleanup", "go1.21.13", "go1.22.5").summary)


def test_an_unknown_name_in_code_form_is_said_to_be_nowhere(cmp_index) -> None:
    """A name in code form that no release defines is reported (with similar names), never replaced by whatever its
    words match."""
    comp = compare(cmp_index, Query.parse("compare findRunable between go1.21 and go1.23"), "go1.21.13", "go1.23.1")
    assert comp.symbol == "findRunable" and not comp.found
    assert "findRunnable" in comp.candidates


def test_a_name_found_nowhere_is_said_to_be_so_once(cmp_index) -> None:
    """Trial 57: the Compare tab's summary for "foobarbaz" said "foobarbaz not found in the indexed releases" and
    then "foobarbaz is not defined in any indexed release (...)"; the note, which names the releases, says it."""
    from guide.render.compare_html import comparison_summary

    comp = compare(cmp_index, "foobarbaz", "go1.21.13", "go1.23.1")
    for lang, said in (("en", "not defined in any indexed release"), ("zh", "中都没有定义")):
        text = re.sub(r"<[^>]+>", " ", comparison_summary(comp, lang))
        assert text.count("foobarbaz") == 2 and said in text, text  # the heading, and the note


def test_change_words_are_not_searched_for() -> None:
    q = Query.parse("compare the background scavenger between go1.21 and go1.27")
    assert "compare" in q.tokens and "compare" not in q.topic().tokens and "scavenger" in q.topic().tokens
    assert q.topic().question == q.question and q.topic().versions == q.versions
    same = Query.parse("scavenger")
    assert same.topic() is same


def test_case_rename(cmp_index) -> None:
    comp = compare(cmp_index, "findrunnable", "go1.21.13", "go1.22.5")
    assert comp.summary == [{"change": "renamed", "old": "runtime.findrunnable", "new": "runtime.findRunnable"}]


def test_a_name_spelled_as_its_successor_is_renamed_nothing(cmp_index) -> None:
    """``findRunnable`` is the new name of ``findrunnable``: comparing it says no rename (it said "`findRunnable`
    was renamed `runtime.findRunnable`", a rename to itself, found in a fresh-eyes trial)."""
    comp = compare(cmp_index, "findRunnable", "go1.22.5", "go1.23.1")
    assert comp.found and not any("renamed" in n for n in comp.notes), comp.notes


def test_curated_rename_is_followed(cmp_index) -> None:
    comp = compare(cmp_index, "_StackMin", "go1.22.5", "go1.23.1")
    assert comp.left is not None and comp.left.symbol == "runtime.stackMin"
    assert {"change": "value_changed", "name": "stackMin", "old": "2048", "new": "4096"} in comp.summary
    assert any("renamed" in n for n in comp.notes)


# -- pieces --------------------------------------------------------------------------------------------------------
def test_unified_diff_uses_file_lines() -> None:
    diff = unified_diff(["a", "b", "c"], ["a", "B", "c"], 10, 20, "old", "new")
    assert diff.split("\n") == ["--- old", "+++ new", "@@ -10,3 +20,3 @@", " a", "-b", "+B", " c"]
    assert unified_diff(["x"], ["x"]) == ""


def test_a_multi_line_type_reads_on_one_line_as_gofmt_writes_it() -> None:
    """A nested struct's fields stay apart ("struct { gList n int32 }" had read as one field, trial 67); a line break
    inside a parameter list or after an operator is a space."""
    text = "p struct {\n\tgFree struct {\n\t\tgList\n\t\tn int32 // count\n\t}\n\tf func(a int,\n\t\tb int)\n}"
    assert [(f.name, f.type) for f in struct_fields(text, 1, "p")] == [
        ("gFree", "struct { gList; n int32 }"),
        ("f", "func(a int, b int)"),
    ]
    assert const_value("x = 1 +\n\t2", "x") == ("", "1 + 2")


def test_parsers() -> None:
    fields = struct_fields("hmap struct {\n\tcount int // n\n\ta, b uint8\n\t*embedded\n}", 100, "hmap")
    assert [(f.name, f.type, f.line) for f in fields] == [
        ("count", "int", 101),
        ("a", "uint8", 102),
        ("b", "uint8", 102),
        ("embedded", "*embedded", 103),
    ]
    assert const_value("\tx, y int = 1, 2 // c", "y") == ("int", "2")
    assert const_value("z", "z") == ("", "")
    assert func_signature("func (pp *p) f(a int) (int, error) {\n\treturn 0, nil\n}") == (
        "func (pp *p) f(a int) (int, error)"
    )
    assert summarize("type", "T", "T struct {\n\ta int // x\n}", "T struct {\n\ta int // y\n}")[0]["change"] == (
        "comments_changed"
    )
    asm = summarize("asm", "f", "TEXT ·f(SB),NOSPLIT,$0\n\tRET", "TEXT ·f(SB),NOSPLIT,$8\n\tRET")
    assert asm == [{"change": "signature_changed", "old": "TEXT ·f(SB),NOSPLIT,$0", "new": "TEXT ·f(SB),NOSPLIT,$8"}]


def test_successor_table() -> None:
    assert successor_for("hmap") is successor_for("runtime.hmap")
    assert successor_for("hmap").new == ("internal/runtime/maps.Map",)
    assert successor_for("(*itab).init").new == ("runtime.itabInit",)
    assert successor_for("go.y").relation == "replaced"
    assert successor_for("stackMin") is None
    for s in successors():
        assert s.relation in ("renamed", "replaced") and s.reason and s.since and s.new


@pytest.mark.slow
def test_real_index(real_index) -> None:
    """On the real default index: the cases the guide is known to be asked about."""
    index = real_index
    comp = compare(index, "hchan", "go1.21.13", "go1.27.3")
    assert (comp.left.start_line, comp.left.end_line, comp.right.start_line, comp.right.end_line) == (
        33,
        52,
        34,
        55,
    )
    assert {"change": "field_added", "name": "timer", "type": "*timer", "line": 40} in comp.summary
    assert compare(index, "runtime/internal/atomic.Load", "1.21", "1.27").summary[0]["change"] == "package_moved"
    for s in successors():  # every successor that is a symbol exists at the newest release
        for target in s.new:
            if not target.endswith((".go", ".y", ".s")):
                c = compare(index, target, index.releases[-1], index.releases[-1])
                assert c.right is not None, target


def test_a_comparison_in_plain_words_reads_each_release(fixture_index) -> None:
    """No name in the question: each release is searched, what its definitions say is quoted per release, and the
    definition both releases' findings share is compared; every release is cited and every citation checks."""
    from guide.answering import answer

    ans = answer(
        "how did the preemption time slice differ in go1.21 versus go1.27?", index=fixture_index, llm="extractive"
    )
    assert ans.route == "compare"
    assert {c.version for c in ans.citations} == {OLD, NEW}
    assert f"**{OLD}**" in ans.text and f"**{NEW}**" in ans.text
    assert "forcePreemptNS" in ans.text
    assert not ans.warnings  # every [n] passed the check


def test_a_comparison_in_plain_words_says_whether_each_definition_found_changed(real_index) -> None:
    """Trial 33: "the background scavenger" was compared as runtime.bgscavenge, unchanged, and nothing said whether the
    other definitions found changed, nor that the type whose method was found, scavengerState, had its fields
    reordered. Each definition found at both releases, and each found method's receiver type, is compared: a change
    is said and cited at both releases, the unchanged ones are named; every citation checks."""
    from guide.answering import answer

    for q, head, receiver, same in (
        ("How did the background scavenger change between go1.21.13 and go1.27.3?",
         "**The definitions found, go1.21.13 → go1.27.3**",
         "- **runtime.scavengerState** (the type of runtime.(*scavengerState).run's receiver): fields reordered [",
         "- The same text at both releases: runtime.(*scavengerState).run ["),
        ("后台 scavenger 在 go1.21.13 和 go1.27.3 之间有什么变化？", "**检索到的定义：go1.21.13 → go1.27.3**",
         "- **runtime.scavengerState**（runtime.(*scavengerState).run 的接收者类型）：字段顺序调整 [",
         "- 两个版本中文本完全相同：runtime.(*scavengerState).run ["),
    ):  # fmt: skip
        ans = answer(q, index=real_index, llm="extractive")
        block = ans.text[ans.text.index(head) :]
        assert receiver in block and same in block, block
        assert "runtime.bgscavenge" not in block  # the subject: its own comparison says it
        cited = {c.symbol: {x.version for x in ans.citations if x.symbol == c.symbol} for c in ans.citations}
        assert cited["runtime.scavengerState"] == {OLD, NEW} and not ans.warnings


def test_a_comparison_in_plain_words_that_finds_nothing_says_so(fixture_index) -> None:
    from guide.answering import answer

    ans = answer("how did the qwzxv frobnicator differ in go1.21 versus go1.27?", index=fixture_index)
    assert ans.route == "not-found" and not ans.grounded and "Nothing relevant was found" in ans.text
    assert f"**{OLD}**" not in ans.text


def test_two_releases_named_is_a_comparison_even_without_a_change_word(fixture_index) -> None:
    from guide.answering import answer

    ans = answer("How is the preemption time slice set in go1.21 and in go1.27?", index=fixture_index, llm="extractive")
    assert ans.route == "compare" and {c.version for c in ans.citations} == {OLD, NEW}


def test_comments_added_and_gone_are_quoted(cmp_index) -> None:
    """A changed definition's own comments that one release has and the other not are quoted, each cited at the
    release that has it."""
    from guide.answering.compared import changed_statements
    from guide.citation import Citation

    old = Citation("go1.21.13", "a.go", 1, 3, "p.f", "func", "u", "func f() {\n\t// Spin a while.\n}", n=1)
    new = Citation("go1.27.3", "a.go", 1, 3, "p.f", "func", "u", "func f() {\n\t// Park at once.\n}", n=2)
    added, gone = changed_statements(old, new, ["park"], {"park": 2.0})
    assert [(s.n, s.text) for s in added] == [(2, "Park at once.")]
    assert [(s.n, s.text) for s in gone] == [(1, "Spin a while.")]


def test_a_changed_body_says_which_calls_came_and_went() -> None:
    """Not only how many lines: the calls added and removed (names from the code, not from comments or strings)."""
    from guide.render.changes import describe

    old = 'func closechan(c *hchan) {\n\tpc := getcallerpc()\n\tlock(&c.lock)\n\tprint("unlock(x)")\n}'
    new = (
        'func closechan(c *hchan) {\n\tif c.bubble != nil {\n\t\tfatal("close")\n\t}\n'
        '\tpc := sys.GetCallerPC()\n\t// getcallerpc() was here\n\tlock(&c.lock)\n\tprint("unlock(x)")\n}'
    )
    summary = summarize("func", "closechan", old, new)
    calls = next(c for c in summary if c["change"] == "calls_changed")
    assert calls["added"] == ["fatal", "sys.GetCallerPC"] and calls["removed"] == ["getcallerpc"]
    assert describe(calls) == "calls added: fatal, sys.GetCallerPC; calls removed: getcallerpc"
    same_calls = summarize("func", "f", "func f() {\n\tg()\n}", "func f() {\n\tg()\n\tx := 1\n\t_ = x\n}")
    assert [c["change"] for c in same_calls] == ["body_changed"]
    # len, append ... say nothing of what the body does differently; panic does
    builtins = summarize("func", "f", "func f() {\n\tg()\n}", "func f() {\n\tg(len(x), append(y, 1))\n\tpanic(1)\n}")
    assert next(c for c in builtins if c["change"] == "calls_changed")["added"] == ["panic"]


def test_a_body_that_moved_elsewhere_is_said_to_be_gone_not_counted() -> None:
    """runtime.mapaccess1 at go1.27.3 is a declaration whose code is pushed from internal/runtime/maps: not "body:
    +0 -60 lines" and a list of every call removed, but "declared without a body"."""
    from guide.render.changes import describe

    old = "func mapaccess1(t *maptype, h *hmap) unsafe.Pointer {\n\tx := add(h, 1)\n\treturn x\n}"
    new = "func mapaccess1(t *abi.MapType, m *maps.Map) unsafe.Pointer"
    kinds = [c["change"] for c in summarize("func", "mapaccess1", old, new)]
    assert kinds == ["signature_changed", "body_removed"]
    gone = summarize("func", "mapaccess1", old, new)[1]
    assert describe(gone) == "now declared without a body (4 lines before): implemented elsewhere"
    assert summarize("func", "f", "func f()", "func f() {\n}")[0]["change"] == "body_added"


def test_notes_are_said_in_the_answers_language(fixture_index) -> None:
    """A comparison's notes are data: English as strings (the CLI, the JSON), and said in Chinese in a Chinese answer
    (no English note left in it)."""
    import copy

    from guide.answering import answer
    from guide.history.timeline import timeline
    from guide.notes import Note, note_text

    comp = compare(fixture_index, "hchann", OLD, NEW)
    nowhere = next(n for n in comp.notes if isinstance(n, Note) and n.key == "nowhere")
    assert str(nowhere) == f"`hchann` is not defined in any indexed release ({OLD}, {NEW})"
    assert note_text(nowhere, "zh") == f"`hchann` 在任何已索引的版本（{OLD}、{NEW}）中都没有定义"
    assert json.loads(json.dumps(comp.to_json()))["notes"][-1] == str(nowhere)
    assert note_text(copy.deepcopy(nowhere), "zh") == note_text(nowhere, "zh")  # dataclasses.asdict copies notes
    assert timeline(fixture_index, "hchann").to_json()["notes"][0] == f"`hchann` is not defined in {OLD}, {NEW}"
    not_in = timeline(fixture_index, "hchann").notes[0]  # a list of releases in Chinese takes 、 (it kept ", ")
    assert note_text(not_in, "zh") == f"`hchann` 在 {OLD}、{NEW} 中没有定义"
    zh = answer(f"forcePreemptNS 在 {OLD} 和 {NEW} 之间变了吗？", index=fixture_index)
    assert "比较的是 forcePreemptNS：问题中点名的标识符" in zh.text and "the identifier named" not in zh.text


def test_a_definition_found_at_one_end_only_is_said_to_appear_or_go(fixture_index) -> None:
    """A plain-words comparison lists what the search found at each release; a definition one end does not define
    is said to first appear (or to be last defined) at the release the symbol table has it, cited there, and the
    citation check keeps the line (the release it names is its citation's)."""
    from guide.answering.check import check_citations
    from guide.answering.described import presence, presence_line
    from guide.language import CHINESE, ENGLISH
    from guide.where import where

    tags = [OLD, NEW]
    hmap = where(fixture_index, "runtime.hmap", OLD)[0].numbered(1)
    swiss = where(fixture_index, "internal/runtime/maps.Map", NEW)[0].numbered(2)
    chan = where(fixture_index, "runtime.hchan", NEW)[0].numbered(3)  # at both: nothing to say
    found = presence(fixture_index, {OLD: [hmap], NEW: [swiss, chan]}, tags)
    assert [(p.tag, p.release, p.gone, p.citation.key) for p in found] == [
        (OLD, OLD, NEW, hmap.key),
        (NEW, NEW, None, swiss.key),
    ]
    numbers = {c.key: c.n for c in (hmap, swiss, chan)}
    lines = [presence_line(p, tags, numbers, ENGLISH) for p in found]
    # the releases between the two, which no index holds, are said: it came or went in one of them (trial 73 read
    # "nextslicecap first appears at go1.27.3" against the tour's "since Go 1.22")
    between = "go1.22 to go1.26, between them, are not indexed"
    assert lines == [
        f"- runtime.hmap: among the indexed releases, `hmap` is last defined at {OLD} and gone from {NEW} on"
        f" ({between}) [1]",
        f"- internal/runtime/maps.Map: among the indexed releases, `Map` first appears at {NEW} (not defined at {OLD};"
        f" {between}) [2]",
    ]
    checked = check_citations("\n".join(lines), [hmap, swiss, chan])
    assert not checked.warnings and {c.n for c in checked.cited} == {1, 2}
    zh = presence_line(found[1], tags, numbers, CHINESE)
    assert zh.startswith("- internal/runtime/maps.Map：")  # a Chinese colon
    # only the indexed releases before it are said not to define it: not the releases between, which were not read
    assert "（go1.21.13 中没有定义；两者之间的 go1.22 至 go1.26 未被索引）" in zh and "其间" not in "".join(lines)


def test_releases_before_names_only_indexed_releases() -> None:
    from guide.versions import releases_before

    rel = ["go1.21.13", "go1.22.5", "go1.23.1", "go1.27.3"]
    assert releases_before(rel, "go1.27.3", "go1.21.13") == "go1.21.13 … go1.23.1"
    assert releases_before(rel, "go1.22.5", "go1.21.13") == "go1.21.13"
    assert releases_before(rel[::3], "go1.27.3", "go1.21.13") == "go1.21.13"


def test_the_headings_of_statements_added_and_gone_stand_apart_from_the_lists(fixture_index) -> None:
    """ "Its comments at go1.22.10 that are gone at go1.23.9:" followed the list of those added with one line break
    and rendered as part of its last item: each heading starts a block of its own."""
    from guide.answering.compared import change_lines
    from guide.citation import Citation
    from guide.language import ENGLISH

    old = Citation("go1.22.10", "src/runtime/a.go", 1, 3, "runtime.f", "func", "u",
                   "func f() {\n\t// The old way is kept for the tracer.\n}", n=1)  # fmt: skip
    new = Citation("go1.23.9", "src/runtime/a.go", 1, 3, "runtime.f", "func", "u",
                   "func f() {\n\t// The new way lets the collector free the timer.\n}", n=2)  # fmt: skip
    text = change_lines([(old, new)], ["way", "timer", "tracer"], {"way": 2.0, "timer": 3.0, "tracer": 3.0}, ENGLISH)
    blocks = text.split("\n\n")
    assert len(blocks) == 2 and all(b.split("\n")[0].endswith(":") for b in blocks), text
    assert all(ln.startswith("- ") for b in blocks for ln in b.split("\n")[1:])


def test_since_when_is_answered_with_the_timeline_of_every_indexed_release(cmp_index) -> None:
    """ "Since when does AddCleanup exist?" names no release: the answer is its timeline over every indexed release,
    saying where it first appears, each release that has it cited; the releases without it are said to be so, with
    no "closest definition" (nothing the question asked about)."""
    from guide.answering import answer

    for question in ("Since when does AddCleanup exist?", "AddCleanup 是从哪个版本开始有的？"):
        ans = answer(question, index=cmp_index, llm="extractive")
        assert ans.route == "compare", (question, ans.route)
        assert "go1.22.5" in ans.text and "go1.21.13" in ans.text
        assert {c.version for c in ans.citations} >= {"go1.22.5", "go1.23.1"}
        assert "closest" not in ans.text and "最接近" not in ans.text
    plain = answer("What does AddCleanup do?", index=cmp_index, llm="extractive")
    assert plain.route != "compare"
    # asked whether it changed, naming no release: the same timeline over every indexed release, none of them asked
    # for (a release without it is said to be so, no closest definition)
    for question in ("Did AddCleanup change?", "AddCleanup 哪个版本改过？"):
        ans = answer(question, index=cmp_index, llm="extractive")
        assert ans.route == "compare" and ans.versions == cmp_index.releases, (question, ans.versions)
        assert {c.version for c in ans.citations} >= {"go1.22.5", "go1.23.1"}
        assert "closest" not in ans.text and "最接近" not in ans.text, question


def test_since_when_among_other_questions_is_answered_with_them(cmp_index) -> None:
    """ "Is sync.Mutex fair? I heard there's a starvation mode, when was it added and how does it work?" asks more
    than since when: it had been answered with sync.Mutex's timeline alone, its fields added and removed (trial 89).
    A question that asks something besides since when is answered as such; since when alone is still a timeline."""
    from guide.answering import answer
    from guide.intent import asks_besides_when

    for question in (
        "Does AddCleanup run on a goroutine of its own? Since when does AddCleanup exist?",
        "Since when does AddCleanup exist and how does it work?",
        "AddCleanup 是从哪个版本开始有的？它是怎么工作的？",
    ):
        assert asks_besides_when(question), question
        ans = answer(question, index=cmp_index, llm="extractive")
        assert ans.route != "compare", (question, ans.text[:300])
    for question in ("Since when does AddCleanup exist? I need it for my cache.", "which version added AddCleanup?"):
        assert not asks_besides_when(question), question
        assert answer(question, index=cmp_index, llm="extractive").route == "compare", question


def test_which_release_changed_it_opens_with_the_releases(cmp_index) -> None:
    """ "which release changed it?" after a question in plain words: the subject's timeline, whose lines say in which
    release it changed, comes first (trial 80: it was line 278 of 310, after the tour's changes release by release)."""
    from guide.answering import answer

    first = "How does a P take a goroutine from its local run queue?"
    before = answer(first, index=cmp_index, llm="extractive")
    ans = answer("which release changed it?", index=cmp_index, llm="extractive", history=[(first, before.text)])
    assert ans.route == "compare" and ans.versions == cmp_index.releases
    assert ans.text.startswith("`runqget` across go1.21.13, go1.22.5, go1.23.1"), ans.text[:300]
    assert "changed in go1.22.5 (since go1.21.13): signature changed" in ans.text.split("**")[0]


def test_a_package_is_compared_file_by_file_across_its_move(cmp_index) -> None:
    """ "runtime/internal/atomic" names a package, not a definition: its files at both releases, paired by name in
    the directory it moved to (internal/runtime/atomic at go1.22.5), each compared, the move said first; in the
    chat too."""
    from guide.answering import answer
    from guide.history.files import TopicComparison

    comp = compare(cmp_index, "runtime/internal/atomic", "go1.21.13", "go1.22.5")
    assert isinstance(comp, TopicComparison) and comp.kind == "package"
    assert "is `runtime/internal/atomic` at go1.21.13 and `internal/runtime/atomic` at go1.22.5" in comp.notes[0]
    pairs = {(f.left_path, f.right_path): f.status for f in comp.files}
    assert pairs[("src/runtime/internal/atomic/atomic_amd64.go", "src/internal/runtime/atomic/atomic_amd64.go")]
    assert ("src/runtime/internal/atomic/atomic_arm64.go", "src/internal/runtime/atomic/atomic_arm64.go") in pairs
    assert compare(cmp_index, "runtime/nosuchpkg", "go1.21.13", "go1.22.5").kind == "symbol"  # no such directory
    ans = answer("What changed in runtime/internal/atomic between go1.21 and go1.22?", index=cmp_index,
                 llm="extractive")  # fmt: skip
    assert ans.route == "compare" and "internal/runtime/atomic" in ans.text and "None" not in ans.text


def test_a_reworded_comment_is_no_change() -> None:
    """A typo fixed in a comment ("go routine" -> "goroutine") is neither a comment added nor one gone; a comment that
    says something more ("ptr and cleanup") is both."""
    from guide.answering.compared import changed_statements
    from guide.citation import Citation

    def src(version: str, comments: list[str]) -> Citation:
        body = "\n".join(["func f() {", *(f"\t// {c}" for c in comments), "\tg()", "}"])
        return Citation(version, "src/runtime/a.go", 1, len(comments) + 3, "runtime.f", "func", "u", body)

    old = src("go1.15.15", ["The go routine is preempted when the signal can send inform it.",
                            "Explicitly force ptr to escape to the heap."])  # fmt: skip
    new = src("go1.21.13", ["The goroutine is preempted when the signal can inform it.",
                            "Explicitly force ptr and cleanup to escape to the heap."])  # fmt: skip
    added, gone = changed_statements(old, new, ["heap"], {"heap": 2.0})
    assert [st.text for st in added] == ["Explicitly force ptr and cleanup to escape to the heap."]
    assert [st.text for st in gone] == ["Explicitly force ptr to escape to the heap."]


def test_a_doc_link_is_no_change() -> None:
    """Doc comments write doc links since Go 1.19 ("Stop prevents the [Timer] from firing."): the same sentence as
    the bare name at an older release, at any length; what each release alone says is still found."""
    from guide.answering.compared import changed_statements, release_statements
    from guide.citation import Citation

    def src(version: str, doc: str, n: int) -> Citation:
        rest = "\t// Stop returns false if the timer has already expired.\n\tg()\n}"
        body = f"func (t *Timer) Stop() bool {{\n\t// {doc}\n{rest}"
        return Citation(version, "src/time/sleep.go", 1, 5, "time.(*Timer).Stop", "method", "u", body, n=n)

    old, new = (
        src("go1.21.13", "Stop prevents the Timer from firing.", 1),
        src("go1.27.3", "Stop prevents the [Timer] from firing.", 2),
    )
    assert changed_statements(old, new, ["stop"], {"stop": 2.0}) == ([], [])
    per = release_statements(
        {"go1.21.13": [old], "go1.27.3": [new]}, ["timer", "firing"], {"timer": 2.0, "firing": 3.0}
    )
    # both sentences, the first as what the second goes on from (quoted once: trial 81)
    from guide.answering.statements import quote

    assert [quote(st) for st in per["go1.21.13"]] == [
        "Stop prevents the Timer from firing. Stop returns false if the timer has already expired."
    ]
    assert per["go1.27.3"] == []  # both said at both releases: not quoted again, nor as what go1.27.3 alone says


def test_a_package_comparison_shows_its_move_first_and_only_what_it_lists(cmp_index) -> None:
    """In the Compare tab a package comparison says the move first and lists what the chat lists (its platform's
    files first, a few definitions each): the cards are those listed, the viewer opens the first of them, and a file
    that only moved is "moved", not "changed" with nothing changed."""
    from guide.render.compare_html import comparison_cards, comparison_summary
    from guide.render.markdown import shown_citations

    comp = compare(cmp_index, "runtime/internal/atomic", "go1.21.13", "go1.22.5")
    html = comparison_summary(comp)
    assert html.index("the package is") < html.index("gg-file")
    assert all(c in comp.citations for c in shown_citations(comp))
    assert comparison_cards(comp).count('class="gg-card"') == len(shown_citations(comp))
    amd64 = next(f for f in comp.files if f.left_path and f.left_path.endswith("atomic_amd64.go"))
    assert amd64.status in ("moved", "changed")
    if amd64.status == "moved":  # the same text in the new directory
        assert cmp_index.blob_id("go1.21.13", amd64.left_path) == cmp_index.blob_id("go1.22.5", amd64.right_path)
        assert 'gg-status-moved">moved, text unchanged<' in html


def test_a_file_merged_into_another_of_its_package_is_not_a_removal(cmp_index) -> None:
    """arm64's cas_arm64.go is gone at go1.22.5 and its Cas is in atomic_arm64.go there: the file is "merged", its
    Cas not "removed", and a note says where it went."""
    comp = compare(cmp_index, "runtime/internal/atomic", "go1.21.13", "go1.22.5")
    cas = next(f for f in comp.files if f.left_path == "src/runtime/internal/atomic/cas_arm64.go")
    assert cas.status == "merged" and cas.removed == [] and cas.counts["removed"] == 0
    assert any("cas_arm64.go` is gone at go1.22.5; 1 of its definitions are in" in n and "atomic_arm64.go" in n
               for n in comp.notes)  # fmt: skip


def test_a_files_counts_and_single_lines_read_as_words() -> None:
    """A file whose unchanged definitions all moved says "all now at other line numbers" (not "18 of the unchanged
    at other lines" after "18 unchanged"), and a one-line definition is at "line 12", not "lines 12-12"."""
    from guide.citation import Citation
    from guide.history.files import FileComparison
    from guide.render.compare_html import _file_html
    from guide.render.markdown import LABELS

    gone = Citation("go1.21.13", "src/runtime/a.go", 12, 12, "runtime.x", "const", "u", "const x = 1")
    kept = Citation("go1.21.13", "src/runtime/a.go", 20, 30, "runtime.y", "func", "u", "func y() {}")
    f = FileComparison("src/runtime/a.go", "src/runtime/a.go", "go1.21.13", "go1.27.3", status="changed",
                       removed=[gone, kept], unchanged=3, shifted=3,
                       counts={"changed": 0, "added": 0, "removed": 2, "unchanged": 3})  # fmt: skip
    html = _file_html(f, LABELS["en"], "en")
    assert "3 unchanged (all now at other line numbers)" in html and "of the unchanged" not in html
    assert "line 12 at go1.21.13" in html and "lines 20-30 at go1.21.13" in html and "12-12" not in html
    zh = _file_html(f, LABELS["zh"], "zh")
    assert "都换了行号" in zh and "第 12 行" in zh
    f.shifted = 1
    assert "1 of them now at other line numbers" in _file_html(f, LABELS["en"], "en")


def test_blank_padding_fields_are_removed_or_added_not_retyped() -> None:
    """gcControllerState lost its two ``_ uint32`` paddings between go1.19 and go1.21 and kept its
    ``_ cpu.CacheLinePad``: two removals, not "field _: type uint32 → cpu.CacheLinePad" twice; a reorder reads
    "fields reordered" (not "fieldss")."""
    from guide.render.changes import describe

    old = "T struct {\n\ta int32\n\t_ uint32\n\tb int\n\t_ uint32\n\t_ cpu.CacheLinePad\n}"
    new = "T struct {\n\ta int32\n\tb int\n\t_ cpu.CacheLinePad\n}"
    changes = [c for c in summarize("type", "T", old, new) if c["change"].startswith("field")]
    assert [(c["change"], c["name"], c["type"]) for c in changes] == [
        ("field_removed", "_", "uint32"),
        ("field_removed", "_", "uint32"),
    ]
    # said once, counted (trial 45 read "field _ uint32 removed [22]" twice in a row)
    from guide.citation import Citation
    from guide.render.markdown import change_phrases

    left = Citation("go1.19.8", "src/runtime/a.go", 1, 7, "runtime.T", "type", "u", old)
    right = Citation("go1.21.13", "src/runtime/a.go", 1, 5, "runtime.T", "type", "u", new)
    comp = Comparison("runtime.T", "go1.19.8", "go1.21.13", left, right, summary=changes)
    assert change_phrases(comp, "en") == [("field `_ uint32` removed ×2", "a")]
    moved = summarize("type", "T", "T struct {\n\ta int\n\tb int\n}", "T struct {\n\tb int\n\ta int\n}")
    reorder = next(c for c in moved if c["change"] == "fields_reordered")
    assert describe(reorder) == "fields reordered" and describe(reorder, "zh") == "字段顺序调整"


def test_fields_renamed_in_place_are_renamed_not_removed_and_added() -> None:
    """cpuStats' ``gcAssistTime int64`` … became ``GCAssistTime int64`` … in go1.22 and stackObjectRecord's
    ``_ptrdata int32`` became ``ptrBytes int32``: a run of fields replaced one for one by fields of the same types
    is renamed (trial 43 read such fields as removed); a run of other lengths or types, or a field that became
    blank padding, stays removed and added."""
    from guide.history.compare import Comparison
    from guide.render.changes import describe
    from guide.render.markdown import change_phrases

    old = "T struct {\n\toff int32\n\t_ptrdata int32\n\tsize int32\n}"
    new = "T struct {\n\toff int32\n\tptrBytes int32\n\tsize int32\n}"
    changes = [c for c in summarize("type", "T", old, new) if c["change"].startswith("field")]
    assert changes == [
        {"change": "field_renamed", "old_name": "_ptrdata", "name": "ptrBytes", "type": "int32",
         "old_line": 3, "new_line": 3}
    ]  # fmt: skip
    assert describe(changes[0]) == "field _ptrdata int32 renamed ptrBytes"
    assert describe(changes[0], "zh") == "字段 _ptrdata int32 改名为 ptrBytes"
    comp = Comparison("T", "go1.21.13", "go1.27.3", summary=changes)
    assert change_phrases(comp, "en") == [("fields renamed: _ptrdata → ptrBytes", "ab")]
    for other in (
        "T struct {\n\toff int32\n\tptrBytes uint32\n\tsize int32\n}",  # another type
        "T struct {\n\toff int32\n\t_ int32\n\tsize int32\n}",  # blank padding
        "T struct {\n\toff int32\n\trangefunc int32\n\tsize int32\n}",  # no word of the name in common
        "T struct {\n\toff int32\n\ta int32\n\tb int32\n\tsize int32\n}",  # two for one
    ):
        kinds = {c["change"] for c in summarize("type", "T", old, other) if c["change"].startswith("field")}
        assert "field_renamed" not in kinds and "field_removed" in kinds, other


def test_a_tour_across_three_releases_says_each_step_of_the_way(monkeypatch) -> None:
    """ "in go1.21, go1.22 and go1.23": the tour's changes go1.21 → go1.22, then go1.22 → go1.23 (a change is said
    where it happened, not go1.21 → go1.23 with go1.22 passed over), under one title over the whole range; a pair
    with no change says so."""
    from guide.answering import tour_changes as tc
    from guide.query import Query

    def fake(index, q, old, new, first_n):
        if (old, new) == ("go1.22.10", "go1.23.9"):
            return tc.StepChanges(unchanged=True)
        head = f"**Tour: Locks** ({old} → {new})"
        return tc.StepChanges(
            f"{head}\n\n**How these steps changed between {old} and {new}**\n- **lock2**: x [{first_n}]"
        )

    monkeypatch.setattr(tc, "tour_by_release", fake)
    q = Query.parse("How did runtime locks change in go1.21, go1.22 and go1.23?")
    text = tc.tour_across(None, q, ["go1.21.13", "go1.22.10", "go1.23.9"], 1).text  # type: ignore[arg-type]
    assert text.startswith("**Tour: Locks** (go1.21.13 → go1.23.9)")
    assert text.index("between go1.21.13 and go1.22.10") < text.index("between go1.22.10 and go1.23.9")
    assert "between go1.22.10 and go1.23.9**\nEvery step is the same text at both releases." in text
    assert text.count("**Tour: Locks**") == 1


def test_a_comment_quoted_above_is_not_quoted_again_as_added() -> None:
    """A plain-words comparison quotes what each release says, then the compared definition's comments added and
    gone: a comment already quoted above is not listed again (the stack-size answer quoted newproc1's three
    comments twice)."""
    from guide.answering.compared import change_lines
    from guide.citation import Citation
    from guide.language import Lang

    def src(version: str, n: int, comments: list[str]) -> Citation:
        body = "\n".join(["func f() {", *(f"\t// {c}" for c in comments), "\tg()", "}"])
        return Citation(version, "src/runtime/a.go", 1, len(comments) + 3, "runtime.f", "func", "u", body, n=n)

    old = src("go1.15.15", 1, ["The old way runs on the system stack always."])
    new = src("go1.27.3", 2, ["The new way runs on a goroutine stack instead.", "A profile may be running now."])
    every = change_lines([(old, new)], ["stack"], {"stack": 2.0}, Lang("en"))
    assert "The new way runs on a goroutine stack instead." in every and "The old way" in every
    rest = change_lines([(old, new)], ["stack"], {"stack": 2.0}, Lang("en"),
                        shown={"The new way runs on a goroutine stack instead."})  # fmt: skip
    assert "The new way" not in rest and "A profile may be running now." in rest and "The old way" in rest


def test_a_comment_edited_is_said_as_the_one_becoming_the_other() -> None:
    """Trial 32: findRunnable go1.21.13 -> go1.27.3 listed "Goroutines added to a per-P run queue." among the comments
    gone, while the newer release says "Goroutines added to the global or a per-P run queue.": one comment edited,
    said as the one becoming the other, each side cited at its release. A comment of other words stays gone; the
    same words beside a code line that changed are no change at all."""
    from guide.answering.compared import change_lines
    from guide.citation import Citation
    from guide.language import Lang

    def src(version: str, n: int, lines: list[str]) -> Citation:
        body = "\n".join(["func f() {", *lines, "}"])
        return Citation(version, "src/runtime/proc.go", 1, len(lines) + 2, "runtime.f", "func", "u", body, n=n)

    old = src("go1.21.13", 1, ["\t// Goroutines added to a per-P run queue.", "\tx()",
                               "\t// Check all runqueues once again.", "\ty() // non-blocking"])  # fmt: skip
    new = src("go1.27.3", 2, ["\t// Goroutines added to the global or a per-P run queue.", "\tx()",
                              "\tz(0) // non-blocking"])  # fmt: skip
    text = change_lines([(old, new)], ["runqueues"], {"runqueues": 2.0}, Lang("en"))
    assert "Its comments at go1.21.13, as go1.27.3 words them:\n- “Goroutines added to a per-P run queue.” [1] → " \
        "“Goroutines added to the global or a per-P run queue.” [2]" in text  # fmt: skip
    gone = text.split("that are gone at go1.27.3:")[1]
    assert "Check all runqueues once again." in gone and "per-P" not in gone and "non-blocking" not in text
    assert "that go1.21.13 does not have" not in text  # the edited comment is not new


def test_beside_a_tour_walked_across_releases_what_was_found_elsewhere_in_the_tree_is_not_shown() -> None:
    """ "go1.21 和 go1.27 之间，调度器有哪些变化？" walks the goroutine scheduler's tour at both releases; its words
    (调度器: scheduler, schedule) also found the compiler's instruction scheduler (cmd/compile's ``ssa.schedule``),
    which was listed and quoted beside the tour ("TODO(khr): schedule smarter."): another subject. A release whose
    findings are all elsewhere keeps them; without a tour nothing is left out."""
    from guide.answering.amounts import USED_BY
    from guide.answering.described import in_tour_areas
    from guide.citation import Citation
    from guide.knowledge.tours import source_area

    def cit(tag: str, path: str, symbol: str) -> Citation:
        return Citation(tag, path, 10, 20, symbol, "func", "https://x", "func x() {}", n=1)

    runtime = cit("go1.27.3", "src/runtime/proc.go", "runtime.schedule")
    ssa = cit("go1.27.3", "src/cmd/compile/internal/ssa/schedule.go", "cmd/compile/internal/ssa.schedule")
    poll = cit("go1.27.3", "src/internal/poll/fd_unix.go", "internal/poll.(*FD).Read")
    only_ssa = cit("go1.21.13", "src/cmd/compile/internal/ssa/schedule.go", "cmd/compile/internal/ssa.schedule")
    found = {"go1.21.13": [only_ssa], "go1.27.3": [runtime, ssa, poll]}
    steps = [cit("go1.27.3", "src/runtime/proc.go", "runtime.findRunnable")]
    assert in_tour_areas(found, steps) == {"go1.21.13": [only_ssa], "go1.27.3": [runtime]}
    assert in_tour_areas(found, []) == found
    size = Citation("go1.27.3", "src/internal/runtime/gc/sizeclasses.go", 9, 9, "internal/runtime/gc.NumSizeClasses",
                    "const", "u", "\tNumSizeClasses = 68", n=2, scores={USED_BY: "runtime.mallocgc"})  # fmt: skip
    assert in_tour_areas({"go1.27.3": [runtime, size]}, steps) == {"go1.27.3": [runtime, size]}  # found code uses it
    assert source_area("src/internal/poll/fd_unix.go") == "src/internal/poll" != source_area("src/internal/abi/x.go")
    assert source_area("src/runtime/proc.go") == source_area("src/runtime/debug/garbage.go") == "src/runtime"
    assert source_area("design/60773-execution-tracer-overhaul.md") == "design"


def test_a_comparison_quotes_no_title_line() -> None:
    """chansend's title line "generic single channel send/recv" is a label of what follows, not a statement: a
    comparison's per-release quotes skip it as answers do (trial 6 found it quoted in chat comparisons)."""
    from guide.answering.compared import release_statements
    from guide.citation import Citation

    doc = "// generic single channel send/recv\n// If block is not nil, the send channel protocol will not sleep."
    send = Citation("go1.27.3", "src/runtime/chan.go", 176, 310, "runtime.chansend", "func", "u",
                    "func chansend() {\n}", 160, doc, n=1)  # fmt: skip
    said = release_statements({"go1.27.3": [send]}, ["channel", "send"], {"channel": 4.0, "send": 4.0})
    assert [st.text for st in said["go1.27.3"]] == ["If block is not nil, the send channel protocol will not sleep."]


def test_a_comparison_quotes_a_code_line_once_and_not_the_race_build() -> None:
    """A one-line constant's doc comment of three sentences came out as three quotes, each opening with
    ``const randomizeScheduler = raceenabled``, in "What changed in the scheduler?" (trial 44): a code line is quoted
    once, for its best sentence, as answers do; and a statement about the race detector's build is not quoted when
    the question does not ask about it."""
    from guide.answering.compared import release_statements
    from guide.citation import Citation

    doc = ("// forcePreemptNS is the time slice given to a G before it is preempted.\n"
           "// Each time slice is the same length for every G.")  # fmt: skip
    const = Citation("go1.27.3", "src/runtime/proc.go", 6500, 6500, "runtime.forcePreemptNS", "const", "u",
                     "const forcePreemptNS = 10 * 1000 * 1000 // 10ms", 6498, doc, n=1)  # fmt: skip
    idf = {"time": 4.0, "slice": 4.0, "scheduling": 4.0, "order": 4.0}
    said = release_statements({"go1.27.3": [const]}, ["time", "slice"], idf)
    first = "forcePreemptNS is the time slice given to a G before it is preempted."
    assert [st.text for st in said["go1.27.3"]] == [first]
    race = ("// To shake out latent assumptions about scheduling order, we introduce some randomness into\n"
            "// scheduling decisions when running with the race detector.")  # fmt: skip
    rand = Citation("go1.27.3", "src/runtime/proc.go", 7522, 7522, "runtime.randomizeScheduler", "const", "u",
                    "const randomizeScheduler = raceenabled", 7520, race, n=2)  # fmt: skip
    assert release_statements({"go1.27.3": [rand]}, ["scheduling", "order"], idf) == {"go1.27.3": []}


def test_a_subject_of_two_topics_is_the_one_it_is_about() -> None:
    """ "调度器的抢占" and "the scheduler's preemption" are about preemption (the last topic written), "preemption in
    the scheduler" too (a preposition follows the first); the Compare tab compared runtime.schedule (trial 6)."""
    from guide.history.subject import head_concept
    from guide.query import Query

    for subject in ("调度器的抢占", "the scheduler's preemption", "preemption in the scheduler"):
        q = Query.parse(subject)
        assert {"scheduler", "preemption"} <= set(q.concepts)
        assert head_concept(q) == "preemption", subject
    assert head_concept(Query.parse("the scheduler of goroutines and its preemption")) == "scheduler"


def test_a_name_gone_before_the_indexed_releases_is_not_said_removed_between_them() -> None:
    """typ2Itab is defined at no indexed release: its badge says so, not "removed" between the two compared, and
    its successor's "before go1.21" reads in Chinese as Chinese (trial 6)."""
    from guide.notes import Note
    from guide.render.changes import describe

    gone = {"change": "gone", "symbol": "typ2Itab", "successor": ["runtime.getitab", "runtime.itabInit"]}
    assert describe(gone, "zh") == "typ2Itab：不在任何已索引的版本中（后继：runtime.getitab、runtime.itabInit）"
    assert (
        describe(gone, "en")
        == "typ2Itab: in none of the indexed releases (successor: runtime.getitab, runtime.itabInit)"
    )
    note = Note("successor", name="typ2Itab", new="`runtime.getitab`", since="before go1.21", since_zh="go1.21 之前",
                reason="gone", reason_zh="不在了", verb="replaced by", verb_zh="已被替换为")  # fmt: skip
    assert "（go1.21 之前）" in note.text("zh") and "(before go1.21)" in str(note)
    # a list of names or releases in a Chinese note is written with 、 (trial 7: "runtime.getitab, runtime.itabInit")
    from guide.knowledge import successor_for, successor_note
    from guide.notes import listed

    succ = successor_for("typ2Itab")
    assert succ is not None and len(succ.new) > 1
    both = successor_note("typ2Itab", succ)
    assert "`、`" in both.text("zh") and "`, `" in str(both)
    # what the team says of a successor is said as the team's, as in the chat: no cited source says it (trial 62: the
    # Compare tab stated "typ2Itab was replaced by ..." as fact where the chat said it was the team's note)
    assert str(both).startswith("The team's note, from Go's history (no cited source says it): `typ2Itab` was replaced")
    team_zh = "本团队的补充说明，来自 Go 的版本历史（所引的源码中没有这句话）："
    assert both.text("zh").startswith(f"{team_zh}`typ2Itab` 已被替换为")
    nowhere = Note("nowhere", name="typ2Itab", **listed("releases", ["go1.21.13", "go1.27.3"]))
    assert "（go1.21.13、go1.27.3）" in nowhere.text("zh") and "(go1.21.13, go1.27.3)" in str(nowhere)


def test_the_comments_a_release_added_are_statements_not_list_entries() -> None:
    """A comparison of the GC listed "- github.com/bytedance/sonic", "- github.com/cloudwego/frugal" as comments
    go1.27.3 has and go1.21.13 does not (entries of linkname's "hall of shame" list; trial 11)."""
    from guide.answering.compared import changed_statements
    from guide.citation import Citation

    def cit(tag: str, doc: str) -> Citation:
        return Citation(tag, "src/runtime/mgc.go", 10, 12, "runtime.gcStart", "func", "u", "func gcStart() {\n}",
                        9, doc)  # fmt: skip

    old = cit("go1.21.13", "// gcStart starts the GC.")
    new = cit("go1.27.3", "// gcStart starts the GC.\n//\n// gcStart is accessed by linkname from:\n"
                          "//   - github.com/bytedance/sonic\n//   - github.com/cloudwego/frugal\n//\n"
                          "// It waits for the sweeper to finish before it starts marking.")  # fmt: skip
    added, gone = changed_statements(old, new, ["gc", "start"], {"gc": 2.0, "start": 1.0})
    assert [st.text for st in added] == ["It waits for the sweeper to finish before it starts marking."] and not gone


def test_a_comparison_with_no_subject_is_an_overview_topic_by_topic() -> None:
    """ "What changed since Go 1.9?" and "the biggest runtime differences between go1.21 and go1.27" name nothing to
    compare: they compared whatever the search found for "changed" or "biggest" (faketimeState, a CPU-profile
    buffer's size; trials 10 and 12). A comparison that names a subject, a file or a definition is no overview."""
    from guide.query import Query

    for q in ("What changed since Go 1.9?", "What changed between go1.21 and go1.27?", "跟 Go 1.9 比，有哪些变化？",
              "In plain words, what are the biggest runtime differences between go1.21 and go1.27?",
              "go1.21 和 go1.27 的运行时有什么主要区别？",
              # trial 77: the Go 1.9 user's own words; the compiler, like the runtime, is what the guide reads whole
              "I've been running services on Go 1.9 for years. What changed in the runtime since then that I should "
              "know about?", "从 Go 1.9 升级到现在的版本，运行时和编译器有哪些大的变化？",
              # trial 104: "Nothing relevant was found" ("production" and "upgrading" read as its subject)
              "We're on Go 1.20. Which runtime changes matter most for production when upgrading to the latest "
              "release?",
              # trial 107: the oldest and the newest releases, in words, are every release ("Nothing relevant was
              # found", the newest alone read)
              "What changed in the Go runtime between the oldest release you have and the newest one? Give me the "
              "highlights.", "What changed between the oldest and the newest release?",
              "从最早的版本到最新版本，运行时有哪些变化？"):  # fmt: skip
        assert Query.parse(q).asks_overview, q
    three = ["go1.15.15", "go1.21.13", "go1.27.3"]
    for q in ("What changed between the oldest and the newest release?", "从最早的版本到最新版本，运行时有哪些变化？"):
        assert Query.parse(q).scope(three).tags == three
    for q in ("Does the scheduler run the oldest goroutine in the run queue first, or the newest?",
              "runnext 里放的是最早的还是最新的 goroutine？"):  # fmt: skip
        assert Query.parse(q).scope(three).tags == ["go1.27.3"], q  # the oldest and newest of something else
    assert not Query.parse("What changed since Go 1.9?").continues_nothing  # it asks it all, it continues nothing
    for q in ("What changed in maps since Go 1.9?", "How did the scheduler change between go1.21 and go1.27?",
              "Did forcePreemptNS change between go1.21 and go1.27?", "Did chan.go change between go1.21 and go1.27?",
              "How did the execution tracer's buffers change across go1.21, go1.22 and go1.23?",
              "What is the runtime?"):  # fmt: skip
        assert not Query.parse(q).asks_overview, q


def test_an_overview_says_topic_by_topic_what_changed_each_cited(real_index) -> None:
    import re

    from guide.answering import answer

    ans = answer("What changed between go1.21 and go1.27?", index=real_index, llm="extractive")
    assert ans.route == "compare" and ans.warnings == []
    assert ans.text.startswith("The question names no subject, so here is what changed between go1.21.13 and go1.27.3")
    lines = [ln for ln in ans.text.split("\n") if ln.startswith("- **")]
    assert "- **Channels and select**: " in ans.text and len(lines) >= 12
    named = [ln for ln in lines if "definitions its tour walks changed:" in ln]
    assert named and all(re.search(r"\[\d+\]", ln) for ln in named)  # each names what changed, cited
    assert {c.version for c in ans.citations} <= {"go1.21.13", "go1.27.3"} and len(ans.citations) >= 20
    assert "`GreenTeaGC`: on by default at go1.27.3" in ans.text  # every experiment whose default changed
    assert "runtime.hchan (field `timer *timer` added) [" in ans.text  # what the newer definition shows, cited there
    zh = answer("go1.21 和 go1.27 的运行时有什么主要区别？", index=real_index, llm="extractive")
    assert zh.text.startswith("问题没有指明具体对象") and "**channel 与 select**：" in zh.text
    # a topic opens with the team's notes that name a release after the older one, each cited at the newer release
    # (trial 77: the lines were counts and calls added, "calls added: trace.ok, traceAcquire, traceRelease")
    sched = next(ln for ln in lines if ln.startswith("- **The goroutine scheduler"))
    said = "since Go 1.25 that default also follows, on Linux, the CPU limit of the process's cgroup"
    assert said in sched and sched.index(said) < sched.index("In the code: "), sched
    n = int(re.search(r"\(runtime\.procresize\) \[(\d+)\]", sched)[1])
    assert next((c.symbol, c.version) for c in ans.citations if c.n == n) == ("runtime.procresize", "go1.27.3")
    # not a note's sentence that names no release: what the step does, not what changed
    compiler = next(ln for ln in lines if ln.startswith("- **From source to executable"))
    assert "In the code: " not in compiler and "noder.LoadPackage` (parse" not in compiler


def test_many_fields_added_are_named_in_one_phrase() -> None:
    """Trial 20: the scheduler's comparison opened with fifteen "field ... added" phrases for runtime.g and twenty for
    runtime.m; more than ``FIELDS_ONE_BY_ONE`` are named in one phrase, each name quoted from the side that has it,
    and a few are still said one by one with their types."""
    from dataclasses import replace

    from guide.citation import Citation
    from guide.render.markdown import FIELDS_ONE_BY_ONE, change_phrases

    names = ["syscallbp", "inMarkAssist", "coroexit", "nocgocallback", "fipsIndicator"]
    newer = "type g struct {\n" + "".join(f"\t{n} uintptr\n" for n in names) + "}"
    right = Citation("go1.27.3", "src/runtime/runtime2.go", 1, 7, "runtime.g", "type", "u", newer)
    left = Citation("go1.21.13", "src/runtime/runtime2.go", 1, 2, "runtime.g", "type", "u", "type g struct {\n}")
    many = Comparison("runtime.g", "go1.21.13", "go1.27.3", left, right,
                      summary=[{"change": "field_added", "name": n, "type": "uintptr"} for n in names])  # fmt: skip
    assert change_phrases(many, "en") == [
        ("5 fields added: `syscallbp`, `inMarkAssist`, `coroexit`, `nocgocallback`, `fipsIndicator`", "b")
    ]
    assert change_phrases(many, "zh")[0][0].startswith("新增 5 个字段：`syscallbp`")
    few = Comparison("runtime.g", "go1.21.13", "go1.27.3", left, right,
                     summary=many.summary[:FIELDS_ONE_BY_ONE])  # fmt: skip
    assert next(p for p, _ in change_phrases(few, "en")) == "field `syscallbp uintptr` added"
    # a blank field among them is padding, named with its type (trial 44 read "5 fields removed: _, fastrand, ...")
    older = "type m struct {\n\t_ uint32\n" + "".join(f"\t{n} uintptr\n" for n in names) + "}"
    gone = Comparison("runtime.m", "go1.21.13", "go1.27.3", replace(right, excerpt=older), replace(left, excerpt=""),
                      summary=[{"change": "field_removed", "name": n, "type": t}
                               for n, t in [("_", "uint32"), *((n, "uintptr") for n in names[:4])]])  # fmt: skip
    assert change_phrases(gone, "en")[0][0].startswith("5 fields removed: `_ uint32`, `syscallbp`")


def test_a_comment_block_added_is_quoted_once_for_its_code_line() -> None:
    """Trial 24: three sentences of the comment added above runqput's ``next = false`` were three lines, each
    opening "next = false —"; a code line is quoted once, for its best sentence, as in an answer's quotes."""
    from guide.answering.compared import changed_statements
    from guide.citation import Citation

    old = Citation("go1.21.13", "a.go", 1, 3, "p.f", "func", "u", "func f() {\n\tnext = false\n}", n=1)
    block = (
        "\t// A runnext goroutine shares the time slice.\n\t// To prevent a ping-pong pair from starving, drop it.\n"
    )
    new = Citation("go1.27.3", "a.go", 1, 5, "p.f", "func", "u", f"func f() {{\n{block}\tnext = false\n}}", n=2)
    added, gone = changed_statements(old, new, ["runnext"], {"runnext": 2.0})
    assert [(s.code, s.text) for s in added] == [("next = false", "A runnext goroutine shares the time slice.")]
    assert gone == []


def test_a_file_comparison_counts_what_it_does_not_list() -> None:
    """time.go between go1.22 and go1.23: "43 added, 32 removed", and 30 of each listed, with no word of the rest
    (trial 28). The command line and the chat count the rest under the items, as the Compare tab does."""
    from guide.citation import Citation
    from guide.history.files import FileComparison, TopicComparison
    from guide.render.markdown import render_topic_markdown
    from guide.render.text import comparison_text

    def cit(i: int, tag: str) -> Citation:
        return Citation(tag, "src/runtime/time.go", i, i + 1, f"runtime.f{i}", "func", "u", "func f() {}")

    f = FileComparison("src/runtime/time.go", "src/runtime/time.go", "go1.22.10", "go1.23.9", status="changed")
    f.added = [cit(i, "go1.23.9") for i in range(30)]
    f.removed = [cit(i, "go1.22.10") for i in range(30)]
    f.counts = {"changed": 0, "added": 43, "removed": 32, "unchanged": 3}
    tc = TopicComparison("src/runtime/time.go", "go1.22.10", "go1.23.9", files=[f], kind="file")
    text = comparison_text(tc)
    assert "... and 13 more added" in text and "... and 2 more removed" in text
    md = render_topic_markdown(tc, "en", {})
    assert md.count("13 more not listed") == 1 and md.count("2 more not listed") == 1


def test_code_the_same_but_for_renamed_names_says_so() -> None:
    """go1.18 renamed the runtime's ``_p_`` to ``pp``: preemptone's comparison read "signature changed", "body changed:
    +3 -3 lines" and a call added and removed (trial 32: "the quotes imply a difference that doesn't exist"). The
    code the same but for names (its comments aside) is said so, with the names; anything else is a change."""
    from guide.render.changes import describe

    old = (
        "func preemptone(_p_ *p) bool {\n\tmp := _p_.m.ptr()\n\t// a go routine\n\t_p_.preempt = true\n\treturn true\n}"
    )
    new = "func preemptone(pp *p) bool {\n\tmp := pp.m.ptr()\n\t// a goroutine\n\tpp.preempt = true\n\treturn true\n}"
    summary = summarize("func", "runtime.preemptone", old, new)
    assert summary == [{"change": "body_changed", "lines_added": 3, "lines_removed": 3, "renamed": {"_p_": "pp"}}]
    assert describe(summary[0], "en") == "code the same but for names renamed: _p_ -> pp"
    changed = new.replace("return true", "return false")
    assert not any("renamed" in c for c in summarize("func", "runtime.preemptone", old, changed))
    # its parameter renamed, said as that, beside the body that changed (trial 38: not as a new signature)
    assert {c["change"] for c in summarize("func", "runtime.preemptone", old, changed)} >= {"params_renamed"}


def test_a_comment_that_moved_to_other_code_is_not_said_to_be_gone(real_index) -> None:
    """Trial 34: between go1.15 and go1.27, schedule's "Check the global runnable queue once in a while to ensure
    fairness." was listed among the comments gone; it moved to findRunnable. A comment gone from a definition that
    other code says at the newer release is not said to be gone."""
    from guide.answering.compared import change_lines, said_elsewhere
    from guide.citation import Citation
    from guide.language import Lang

    moved = "Check the global runnable queue once in a while to ensure fairness."
    assert said_elsewhere(real_index, moved, "go1.27.3")
    assert not said_elsewhere(real_index, "Check the purple queue once in a while to ensure fairness.", "go1.27.3")
    # a word the lexical index splits ("2x") is no obstacle: nextslicecap's comment, once growslice's
    assert said_elsewhere(real_index, "Transition from growing 2x for small slices to growing 1.25x.", "go1.27.3")
    body = f"func schedule() {{\n\t// {moved}\n\t// Spin a while before parking the thread.\n}}"
    old = Citation("go1.21.13", "src/runtime/proc.go", 1, 4, "runtime.schedule", "func", "u", body, n=1)
    new = Citation(
        "go1.27.3", "src/runtime/proc.go", 1, 3, "runtime.schedule", "func", "u", "func schedule() {\n}", n=2
    )
    words = ["queue", "spin"]
    said = change_lines([(old, new)], words, dict.fromkeys(words, 1.0), Lang("en"), index=real_index)
    assert "Spin a while" in said and moved not in said
    assert moved in change_lines([(old, new)], words, dict.fromkeys(words, 1.0), Lang("en"))  # without the index


def test_a_changed_step_says_the_new_code_it_calls_in_that_codes_own_words(real_index) -> None:
    """ "What changed in the scheduler since Go 1.9?" listed sysmon's "calls added: `netpollAdjustWaiters`,
    `sysmonUpdateGOMAXPROCS`" and no word on what they are: a called function that the older release does not
    define (under any case of its name: go1.19's findrunnable -> findRunnable is no new code) is quoted under the
    step, the first sentence of its doc comment cited at the newer release; a function without a doc comment, or one
    the older release has, is not."""
    from guide.answering import answer
    from guide.answering.new_code import new_callees
    from guide.answering.reading import summary
    from guide.history.compare import compare_symbol
    from guide.where import where

    comp = compare_symbol(real_index, "runtime.sysmon", OLD, NEW)
    found = new_callees(real_index, comp, OLD, NEW)
    assert [c.symbol for c in found][:1] == ["runtime.netpollAdjustWaiters"]
    assert "runtime.sysmonUpdateGOMAXPROCS" not in {c.symbol for c in found}  # no doc comment to quote
    for step in ("runtime.findRunnable", "runtime.exitsyscall", "runtime.retake", "runtime.procresize"):
        comp = compare_symbol(real_index, step, OLD, NEW)
        for c in new_callees(real_index, comp, OLD, NEW):
            assert c.version == NEW and summary(c)
            assert not any(d.symbol.lower() == c.symbol.lower() for d in where(real_index, c.symbol, OLD)), c.symbol
    ans = answer("What changed in the scheduler between go1.21 and go1.27?", index=real_index, llm="extractive")
    line = next(ln for ln in ans.text.splitlines() if "**runtime.netpollAdjustWaiters**" in ln)
    assert line.startswith("  - it calls new code:") and "“netpollAdjustWaiters adds delta to netpollWaiters.”" in line
    cited = {(c.symbol, c.version) for c in ans.citations}
    assert ("runtime.netpollAdjustWaiters", NEW) in cited and not ans.warnings


def test_a_steps_item_left_out_takes_the_new_code_under_it_along() -> None:
    """When a comparison of the step itself follows the tour's changes, the step's item is left out of them
    (``StepChanges.without``), and so are the items under it: they would hang under the step before."""
    from guide.answering.tour_changes import StepChanges

    text = "\n".join([
        "**How these steps changed**",
        "- **runtime.retake**: body: +1 −1 lines [1] [2]",
        "  - it calls new code: **runtime.setBlockOnExitSyscall** (src/runtime/proc.go:1-2) — “x.” [3]",
        "- **runtime.sysmon**: body: +7 −20 lines [4] [5]",
        "  - it calls new code: **runtime.netpollAdjustWaiters** (src/runtime/netpoll.go:1-2) — “y.” [6]",
        "- **runtime.exitsyscall**: body: +9 −3 lines [7] [8]",
    ])  # fmt: skip
    kept = StepChanges(text).without("runtime.sysmon").splitlines()
    assert kept == [*text.splitlines()[:3], text.splitlines()[-1]]


def test_a_tour_whose_steps_moved_also_says_how_the_steps_at_both_releases_changed(real_index) -> None:
    """The mutex tour's five steps moved to internal/sync in go1.24; its semaphore and runtime-lock steps are at both
    releases. A comparison of the topic listed the moved pairs and said nothing of the others (runtime.lock2's
    rewrite as lock_spinbit.go); now they follow, as when no step moved, under the same title."""
    from guide.answering import answer

    ans = answer(
        "How did the mutex implementation change between go1.21 and go1.27?", index=real_index, llm="extractive"
    )
    text = ans.text
    assert text.count("**Tour: sync.Mutex and the runtime's semaphores**") == 1
    moved = text.index("**Moved or renamed between go1.21.13 and go1.27.3")
    changed = text.index("**How these steps changed between go1.21.13 and go1.27.3**")
    lock2 = next(ln for ln in text.splitlines() if ln.startswith("- **runtime.lock2**:"))
    assert moved < changed < text.index(lock2) and "body:" in lock2 and not ans.warnings


def test_a_function_become_a_method_of_the_same_words_is_a_call_renamed() -> None:
    """Trial 32: findRunnable go1.21.13 -> go1.27.3 listed "calls removed: checkTimers ... traceGoUnpark" while its
    diff shows ``checkTimers(pp, 0)`` -> ``pp.timers.check(0, nil)`` and ``traceGoUnpark`` -> ``trace.GoUnpark``: the
    same words in another shape are one call renamed, when one call alone has them; one word alone (``lock``) or two
    calls with them rename nothing."""
    from guide.history.summary import renamed_calls

    added, removed, renamed = renamed_calls(
        ["lock", "netpollAdjustWaiters", "pp.timers.check", "trace.GoUnpark"],
        ["checkTimers", "runqget", "traceGoUnpark", "unlock"],
    )
    assert renamed == {"checkTimers": "pp.timers.check", "traceGoUnpark": "trace.GoUnpark"}
    assert (added, removed) == (["lock", "netpollAdjustWaiters"], ["runqget", "unlock"])
    assert renamed_calls(["pp.timers.check", "gp.timers.check"], ["checkTimers"])[2] == {}
    assert renamed_calls(["c.lock"], ["lock"])[2] == {}


def test_a_call_renamed_is_said_renamed_not_added_and_removed() -> None:
    """go1.15 -> go1.27, runtime.schedule: "calls added: `findRunnable` ...; calls removed: ... `findrunnable`" read
    as two changes; it is one call whose function go1.19 renamed, as ``_p_.runnext.cas`` -> ``pp.runnext.cas`` is one
    call on go1.18's renamed variable. Another package's function of the same name is no rename."""
    from guide.history.summary import renamed_calls
    from guide.render.changes import describe

    added, removed, renamed = renamed_calls(
        ["findRunnable", "mp.p.ptr", "pp.runnext.cas", "randn", "sched.npidle.Load"],
        ["_g_.m.p.ptr", "_p_.runnext.cas", "atomic.Load", "fastrand", "findrunnable"],
    )
    assert renamed == {"findrunnable": "findRunnable", "_p_.runnext.cas": "pp.runnext.cas"}
    assert renamed_calls(["pp.runqput"], ["_p_.runqput"]) == ([], [], {"_p_.runqput": "pp.runqput"})
    assert added == ["mp.p.ptr", "randn", "sched.npidle.Load"] and removed == ["_g_.m.p.ptr", "atomic.Load", "fastrand"]
    old = "func f() {\n\tfindrunnable()\n\tfastrand()\n}"
    new = "func f() {\n\tif ok {\n\t\tfindRunnable()\n\t}\n\trandn()\n}"
    (_, calls) = summarize("func", "runtime.f", old, new)
    assert calls == {"change": "calls_changed", "added": ["randn"], "removed": ["fastrand"],
                     "renamed_calls": {"findrunnable": "findRunnable"}}  # fmt: skip
    assert describe(calls) == "calls added: randn; calls removed: fastrand; calls renamed: findrunnable -> findRunnable"


def test_a_signature_the_same_but_for_its_parameters_names_says_which() -> None:
    """Trial 38: "signature: func runqput(_p_ *p, gp *g, next bool) → func runqput(pp *p, gp *g, next bool)" read as
    a new signature; it is go1.18's parameter renamed. A type renamed is a signature changed; the function's own
    name renamed (findrunnable -> findRunnable) is said as the comparison's rename, not here."""
    from guide.render.changes import describe

    old = "func runqput(_p_ *p, gp *g, next bool) {\n\tx(_p_)\n}"
    new = "func runqput(pp *p, gp *g, next bool) {\n\tif ok {\n\t\tx(pp)\n\t}\n}"
    first, *_ = summarize("func", "runtime.runqput", old, new)
    assert first == {"change": "params_renamed", "params": {"_p_": "pp"}}
    assert describe(first) == "parameters renamed: _p_ -> pp"
    typed = summarize("func", "runtime.f", "func f(pp *p) {\n\tx()\n}", "func f(pp *pType) {\n\tx()\n\ty()\n}")
    assert typed[0]["change"] == "signature_changed"
    own = summarize("func", "runtime.findRunnable", "func findrunnable() {\n\tx()\n}",
                    "func findRunnable() {\n\tif ok {\n\t\tx()\n\t}\n}")  # fmt: skip
    assert [c["change"] for c in own] == ["signature_changed", "body_changed"]


def test_a_changed_step_quotes_a_comment_it_gained_and_a_named_definition_comes_first(real_index) -> None:
    """Trial 38: the changes were diff statistics ("body: +7 −20 lines"); each changed step now quotes one comment
    the newer release has and the older has not, a field's added first (what the type gained), never a message the
    code prints (``fatal("send on synctest channel ...")`` is code). "What changed in hchan ...?" names hchan: its
    own comparison comes before the tour's steps, which had pushed it past the first screen."""
    from guide.answering import answer

    ans = answer("What changed in the scheduler between go1.21 and go1.27?", index=real_index, llm="extractive")
    lines = ans.text.splitlines()
    at = next(i for i, ln in enumerate(lines) if ln.startswith("- **runtime.sysmon**:"))
    said = [ln for ln in lines[at + 1 : at + 4] if ln.startswith("  - a new comment:")]
    assert said and "“Check if we need to update GOMAXPROCS at most once per second.”" in said[0]
    assert not any("a new comment: `fatal(" in ln for ln in lines) and not ans.warnings
    hchan = answer("What changed in hchan between Go 1.21 and Go 1.27?", index=real_index, llm="extractive").text
    assert hchan.index("Comparison of `hchan`") < hchan.index("**Tour: Channels and select**")
    assert "field `timer *timer` added" in hchan[:600]


def test_a_new_panic_message_is_not_called_a_comment() -> None:
    """Trial 37: AddCleanup's new panics were listed under "Its comments at go1.26.6 that go1.25.5 does not have:";
    a list that holds a message says so."""
    from guide.answering.compared import change_lines
    from guide.citation import Citation
    from guide.language import CHINESE, ENGLISH

    old = Citation("go1.25.5", "src/runtime/a.go", 1, 3, "runtime.f", "func", "u",
                   "func f(p int) {\n\tg(p)\n}", n=1)  # fmt: skip
    new = Citation("go1.26.6", "src/runtime/a.go", 1, 6, "runtime.f", "func", "u",
                   'func f(p int) {\n\tif p > 0 {\n\t\tpanic("runtime.f: cleanup will never run")\n\t}\n\tg(p)\n}',
                   n=2)  # fmt: skip
    text = change_lines([(old, new)], ["cleanup"], {"cleanup": 3.0}, ENGLISH)
    assert text.startswith("Its comments and messages at go1.26.6 that go1.25.5 does not have:"), text
    assert change_lines([(old, new)], ["cleanup"], {"cleanup": 3.0}, CHINESE).startswith(
        "go1.26.6 中新增、go1.25.5 中没有的注释和报错信息"
    )


def test_a_function_that_became_a_method_is_renamed_not_removed_and_added() -> None:
    """go1.22's old tracer (trace.go) turned ``traceGoStart`` into ``traceLocker.GoStart`` and two dozen others alike:
    the file's comparison said each was removed and another added (trial 45). A function is paired with the one
    method whose words are some of its own, its other words the receiver's; two candidates, or a method of other
    words, pair nothing."""
    from guide.history.files import _became_methods
    from ingest.reader import FileSymbol

    def sym(symbol: str, kind: str) -> FileSymbol:
        return FileSymbol(f"runtime.{symbol}", symbol.rsplit(".", 1)[-1], "runtime", kind, 1, 2)

    start, gc = sym("traceGoStart", "func"), sym("traceGCStart", "func")
    method, other = sym("traceLocker.GoStart", "method"), sym("traceLocker.GCDone", "method")
    assert _became_methods([start, gc], [method, other]) == {start: method}
    # a function whose words two methods share is paired with neither
    twice = sym("(*traceBuf).GoStart", "method")
    assert _became_methods([start], [method, twice]) == {}
    assert _became_methods([sym("goStart", "func")], [method]) == {}  # no word left for the receiver to hold


def test_a_file_changed_only_outside_its_definitions_says_so() -> None:
    """runtime/internal/atomic's atomic_andor_generic.go moved in go1.23 with a new build line and linkname comments:
    "changed · 0 changed, 0 added, 0 removed" said nothing of what changed (trial 45). A file whose definitions are
    all the same text, its text not, changed only outside them; a file with a changed definition does not say so."""
    from guide.history.files import FileComparison
    from guide.render.compare_html import _file_html
    from guide.render.markdown import LABELS

    f = FileComparison("src/runtime/internal/atomic/a.go", "src/internal/runtime/atomic/a.go", "go1.22.10",
                       "go1.23.9", moved=True, status="changed", unchanged=6,
                       counts={"changed": 0, "added": 0, "removed": 0, "unchanged": 6})  # fmt: skip
    assert f.outside_definitions
    said = "only outside its definitions: its build constraints, imports or comments"
    assert said in _file_html(f, LABELS["en"], "en")
    assert "只有定义之外的内容有变化" in _file_html(f, LABELS["zh"], "zh")
    f.counts = {"changed": 1, "added": 0, "removed": 0, "unchanged": 5}
    assert not f.outside_definitions and "only outside" not in _file_html(f, LABELS["en"], "en")


def test_a_package_with_no_definition_changed_points_at_no_card() -> None:
    """runtime/internal/atomic → internal/runtime/atomic (go1.23): every definition the same text, so no card; the
    diff pane had said "open one in the viewer from its card" beside "No citations yet." (trial 45)."""
    from guide.history.files import FileComparison
    from guide.render.compare_html import comparison_diff

    moved = FileComparison("src/runtime/internal/atomic/a.go", "src/internal/runtime/atomic/a.go", "go1.22.10",
                           "go1.23.9", moved=True, status="moved", unchanged=6,
                           counts={"changed": 0, "added": 0, "removed": 0, "unchanged": 6})  # fmt: skip
    tc = TopicComparison("runtime/internal/atomic", "go1.22.10", "go1.23.9", files=[moved], kind="package")
    html = comparison_diff(tc, "unified", "en")
    assert "none differs" in html and "from its card" not in html
    assert "没有哪个定义有差异" in comparison_diff(tc, "unified", "zh")


def test_a_definition_whose_doc_comment_alone_changed_is_not_the_same_text(real_index) -> None:
    """Trial 49: "The same text at both releases: runtime.startingStackSize", whose doc comment says "_FixedStack" at
    go1.21.13 and "fixedStack" at go1.27.3. The declaration the same, its doc comment changed, said as such."""
    from guide.render.changes import describe

    comp = compare(real_index, "runtime.startingStackSize", "go1.21.13", "go1.27.3")
    assert comp.changed and [c["change"] for c in comp.summary] == ["comments_changed"]
    assert describe(comp.summary[0], "en") == "doc comment changed: +1 −1 lines (the code is the same)"
    assert not any(str(n).startswith("same text") for n in comp.notes)


def test_an_unchanged_definition_outside_the_tours_packages_is_not_compared() -> None:
    """Trial 49: the answer to what changed in the map implementation ended on "Comparison of
    cmd/compile/internal/types2.NewMap ... unchanged: identical text", the type checker's, beside the maps tour
    (walk, runtime, internal/runtime/maps): read as if the map had not changed. The runtime's mutex, in the runtime
    the locks tour walks, is still compared."""
    from guide.answering.described import off_the_tour
    from guide.query import Query

    maps = Query.parse("What changed in the map implementation between go1.21 and go1.27?")
    assert maps.tours and off_the_tour(maps, "cmd/compile/internal/types2.NewMap")
    assert not off_the_tour(maps, "internal/runtime/maps.(*Map).Get")
    locks = Query.parse("How did sync.Mutex change between go1.21 and go1.27?")
    assert locks.tours == ("locks",) and not off_the_tour(locks, "runtime.mutex")
    assert not off_the_tour(Query.parse("How are strings concatenated?"), "cmd/compile/internal/types2.NewMap")


def test_a_comparison_about_part_of_a_struct_says_which_of_its_fields_are_the_same(real_index) -> None:
    """Trial 64 / issue 11's "value changed or kept": asked whether the local run queue's capacity changed, the
    scheduler tour's changes listed runtime.p's added and removed fields and never the run queue, which is the same
    at both releases; the fields the question asks about are now said to be the same, cited at both."""
    from guide.answering import answer

    a = answer(
        "Did the capacity of each processor's local run queue change between go1.21 and go1.27?",
        index=real_index, llm="extractive",
    )  # fmt: skip
    line = next((ln for ln in a.text.splitlines() if "the same at both releases" in ln), "")
    assert "`runq [256]guintptr`" in line and "“Queue of runnable goroutines.”" in line, a.text
    general = answer("What changed in the scheduler between go1.21 and go1.27?", index=real_index, llm="extractive")
    assert "the same at both releases" not in general.text  # about the whole tour: no field is asked about


def test_kept_types_are_the_named_types_of_the_structs_own_package() -> None:
    """A kept field's declaration may name a type of the struct's package that changed (schedt's ``runq gQueue``):
    those are the bare identifiers, each once; a qualified type, an array, a pointer or a predeclared type (int32) names
    another thing."""
    from guide.answering.kept_fields import kept_types

    assert kept_types("runq gQueue; runqsize int32") == ["gQueue"]
    assert kept_types("npidle atomic.Int32; runq [256]guintptr; next *g; a, b gList; c gList") == ["gList"]
    assert kept_types("") == []


def test_what_changed_with_no_release_named_compares_the_indexed_releases() -> None:
    """ "GC 有什么变化？停顿还会很长吗？" after the Go 1.9 overview was answered at the newest release alone and never
    said that the Green Tea GC is on by default (trial 77). Asked what changed with no release named, a question is
    about every indexed release, as "Did hchan change?" is; but it does not ask in which release."""
    from guide.query import Query

    for q in ("What changed in the GC?", "GC 有什么变化？停顿还会很长吗？", "调度器有哪些变化？"):
        parsed = Query.parse(q)
        assert parsed.asks_change and parsed.all_releases and not parsed.asks_when_changed, q
    assert Query.parse("Did hchan change?").asks_when_changed
    assert not Query.parse("How does the GC work?").asks_change
    # whether it moved is whether it changed (trial 101: "Is sync.Mutex still in the sync package, or did it move
    # somewhere?" quoted the starvation mode's comments; compared, its state moved into internal/sync.Mutex)
    moved = Query.parse("Is sync.Mutex still in the sync package, or did it move somewhere?")
    assert moved.asks_change and moved.all_releases
    for runtime_moves in (
        "Does the GC move objects?",
        "After the stack grows, did the stack move to a new address?",
        "Why did the goroutine move to the global run queue?",
        "When a goroutine is preempted, has it moved to another P?",
    ):  # the runtime moving things, not the code: no comparison (review of stop 98)
        assert not Query.parse(runtime_moves).asks_change, runtime_moves


def test_a_go_keyword_after_type_is_no_type_name() -> None:
    """ "现在 type switch 有没有缓存？go1.21 有吗？" compared ``main.Switch``, the SSA rule generator's own struct, "the
    identifier the question names" (trial 79): "type switch" read as a type named Switch. A Go keyword names no
    type; "the sudog struct" and "type p" still do."""
    from guide.words import subject_words

    typed = {w.text: w.typed for w in subject_words("现在 type switch 有没有缓存？go1.21 有吗？")}
    assert typed.get("switch") is False
    assert {w.text: w.typed for w in subject_words("How did the sudog struct change?")}["sudog"] is True
    assert {w.text: w.typed for w in subject_words("What changed in type p between go1.21 and go1.27?")}["p"] is True


def test_a_comparison_on_a_part_of_a_tour_asked_with_a_verbs_s_focuses_its_steps(real_index) -> None:
    """Trial 86: "what changed in how sysmon preempts a long-running goroutine?" listed the changes of all nineteen
    scheduler steps, the goroutine and thread structs first: "preempts" said nothing of the steps that say "preempt"
    and "sysmon", no step stood out, and the question read as one on the whole topic. The steps' words are matched in
    their base form too: sysmon's and retake's changes come first, the other steps named after them."""
    from guide.answering import answer

    ans = answer(
        "Compare go1.21 and go1.27: what changed in how sysmon preempts a long-running goroutine?",
        index=real_index,
        llm="extractive",
    )
    rest = ans.text.index("other steps changed too")
    assert ans.text.index("**runtime.retake**") < rest and ans.text.index("**runtime.sysmon**") < rest
    assert "**runtime.g**" not in ans.text[:rest]


def test_a_comparison_of_a_described_part_of_a_tour_details_the_steps_that_say_it(real_index) -> None:
    """Trial 98: "写屏障在两个版本之间有什么不同？" ("how did the write barrier differ between the two releases?")
    detailed all fourteen steps of the allocator and GC tour, mallocgc's first, though only three say "write
    barrier": no step said enough to lead an answer. What changed is read in every step, so a comparison is about
    the few that say most of it (the write barrier's), the others named in one line."""
    from guide.answering import answer

    ans = answer("写屏障在两个版本之间有什么不同？", index=real_index, llm="extractive")
    assert ans.versions == ["go1.21.13", "go1.27.3"]
    rest = ans.text.index("导读的其他步骤也有修改")
    assert ans.text.index("**cmd/compile/internal/ssa.writebarrier**") < rest
    assert "**runtime.mallocgc**" not in ans.text[:rest]


def test_a_capital_at_a_sentences_start_names_no_code() -> None:
    """Trial 99: "What changed in timers between go1.21 and go1.27? Quote the comment." compared time.Quote: the
    capital of "Quote", opening the second sentence, had read as an exported Go name; within a sentence it still
    does."""
    from guide.words import subject_words

    words = {
        w.text: w.how for w in subject_words("What changed in timers between go1.21 and go1.27? Quote the comment.")
    }
    assert words["Quote"] == "plain"
    assert {w.text: w.how for w in subject_words("How did Mutex change between go1.21 and go1.27?")}["Mutex"] == "codey"


def test_a_file_comparison_counts_a_definition_whose_doc_comment_changed(real_index) -> None:
    """Trial 109: comparing src/runtime/debug/garbage.go between go1.21.13 and go1.27.3 said "1 changed ... 9
    unchanged", while comparing debug.SetMemoryLimit said "doc comment changed: +4 −4 lines (the code is the same)".
    A file's comparison reads each definition's doc comment as the symbol's does."""
    from guide.history.files import compare_file

    fc = compare_file(real_index, "src/runtime/debug/garbage.go", "go1.21.13", "go1.27.3")
    doc = next(c for c in fc.changed if c.symbol == "runtime/debug.SetMemoryLimit")
    assert doc.summary == [{"change": "comments_changed", "lines_added": 4, "lines_removed": 4, "doc": True}]
    assert fc.counts["changed"] == len(fc.changed) and fc.counts["changed"] >= 2
