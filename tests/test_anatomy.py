"""What a definition is made of, read from its cited lines, and shown when the question names it."""

from __future__ import annotations

from guide.answering import answer
from guide.answering.anatomy import called, fields, made_of
from guide.citation import Citation
from guide.language import Lang


def _cit(kind: str, excerpt: str, symbol: str = "runtime.x") -> Citation:
    return Citation(
        "go1.27.3", "src/runtime/x.go", 10, 10 + excerpt.count("\n"), symbol, kind, "https://x", excerpt, n=1
    )


def test_fields_of_a_struct_in_order() -> None:
    lines = ["type mspan struct {", "\tnext *mspan // next span", "\t_ sys.NotInHeap", "\tstartAddr, limit uintptr"]
    src = _cit("type", "\n".join([*lines, "\t// npages is the count", "\tnpages uintptr", "}"]))
    assert fields(src) == ["next", "startAddr", "limit", "npages"]
    assert fields(_cit("type", "type waitReason uint8")) == []
    timer = _cit("type", "type Timer struct {\n\tC <-chan Time\n\tinitTimer bool\n}", "time.Timer")
    assert fields(timer) == ["C", "initTimer"]  # a receive-only channel's field is a field


def test_calls_in_order_of_first_call_builtins_and_itself_left_out() -> None:
    src = _cit("func", 'func gopark(reason waitReason) {\n\tmp := acquirem()\n\tif len(x) > 0 {\n\t\tthrow("no")\n\t}\n'
               '\t// mcall(nothing) in a comment\n\tmcall(park_m)\n\tgp.m.ok()\n\tgopark(reason)\n\treleasem(mp)\n}',
               symbol="runtime.gopark")  # fmt: skip
    assert called(src) == ["acquirem", "mcall", "releasem"]  # gp.m.ok(): a chain through fields is not a name
    asm = _cit("asm", "TEXT runtime·rt0_go(SB),NOSPLIT,$0\n\tCALL\truntime·schedinit(SB)\n\tJMP\truntime·mstart(SB)")
    assert called(asm) == ["runtime·schedinit", "runtime·mstart"]


def test_made_of_is_one_cited_line_of_code_spans() -> None:
    src = _cit("type", "type hchan struct {\n\tqcount uint\n\tlock mutex\n}", symbol="runtime.hchan")
    line = made_of(src, Lang("en"))
    assert line == "**runtime.hchan** (src/runtime/x.go:10-13) — its fields: `qcount`, `lock` [1]"
    assert made_of(_cit("const", "const x = 1"), Lang("en")) == ""
    assert made_of(src, Lang("zh")).endswith("— 它的字段：`qcount`、`lock` [1]")  # Chinese punctuation in Chinese


def test_a_short_routine_no_comment_explains_is_shown_whole(real_index) -> None:
    """ "What does osyield do?": the assembly routine has no comment and calls nothing, and the answer had only its
    callers' comments to quote (trial 46). Its four lines are shown whole, byte for byte, under its citation; a longer
    one, or one with a doc comment, is not."""
    from guide.answering.anatomy import SHORT_CODE

    asm = "TEXT runtime·osyield(SB),NOSPLIT,$0\n\tMOVL\t$SYS_sched_yield, AX\n\tSYSCALL\n\tRET"
    shown = made_of(_cit("asm", asm, "runtime.osyield"), Lang("en"))
    assert shown == f"**runtime.osyield** (src/runtime/x.go:10-13) [1]\n\n```go\n{asm}\n```"
    long = _cit("func", "func f() {\n" + "\tx()\n" * SHORT_CODE + "}")
    assert made_of(_cit("asm", "\n".join([asm] * 3)), Lang("en")) == "" and "```" not in made_of(long, Lang("en"))
    ans = answer("What does osyield do?", index=real_index, llm="extractive")
    assert "\tMOVL\t$SYS_sched_yield, AX\n\tSYSCALL\n" in ans.text and ans.grounded and not ans.warnings


def test_an_answer_about_a_named_struct_lists_its_fields(fixture_index) -> None:
    ans = answer("Where is hchan defined and which fields does it have?", index=fixture_index, llm="extractive")
    assert "its fields: `qcount`" in ans.text and ans.grounded
    plain = answer("how do goroutines wait on a channel?", index=fixture_index, llm="extractive")
    assert "its fields" not in plain.text


def test_a_compared_constant_is_shown_with_its_value(fixture_index) -> None:
    """The value at each release, and the comment right above it in its const group, its doc (5657b98)."""
    ans = answer("Did forcePreemptNS change between go1.21.13 and go1.27.3?", index=fixture_index, llm="extractive")
    head = "@ go1.27.3: `forcePreemptNS = 20 * 1000 * 1000` — “forcePreemptNS is the time slice given to a G before"
    assert ans.route == "compare" and head in ans.text, ans.text


def test_a_big_struct_shows_the_fields_the_question_names_first_and_counts_the_rest() -> None:
    names = [f"f{i}" for i in range(14)] + ["npages"]
    src = _cit("type", "type big struct {\n" + "\n".join(f"\t{n} int" for n in names) + "\n}", symbol="runtime.big")
    line = made_of(src, Lang("en"), ["which", "fields", "describe", "pages"])
    assert "`npages`" in line and "`f9`" not in line and line.endswith("and 5 more [1]")
    assert line.index("`f0`") < line.index("`npages`")  # in the struct's order
    # every field is counted, not the first 24 (runtime.p's 46 were "and 14 more", trial 8)
    many = _cit("type", "type p struct {\n" + "\n".join(f"\tf{i} int" for i in range(46)) + "\n}", symbol="runtime.p")
    assert made_of(many, Lang("en")).endswith("and 36 more [1]")
    assert made_of(many, Lang("zh")).endswith("以及另外 36 个 [1]")
    # one left out is named, not counted: hchan's `lock` had been "and 1 more" (trial 94)
    eleven = _cit("type", "type hchan struct {\n" + "\n".join(f"\tf{i} int" for i in range(11)) + "\n}")
    assert made_of(eleven, Lang("en")).endswith("`f9`, `f10` [1]")


def test_an_english_word_that_names_a_struct_is_not_the_definition_asked_about(fixture_index) -> None:
    """ "escape analysis" is about escape analysis, not the compiler's `escape` struct; the corpus decides which plain
    words are identifiers (guide.retrieval.symbol.known_candidates), as symbol retrieval does."""
    from guide.answering.naming import named_definition
    from guide.query import Query

    hchan = _cit("type", "type hchan struct {\n\tqcount uint\n}", symbol="runtime.hchan")
    lock = _cit("type", "type mutex struct {\n\tkey uintptr\n}", symbol="runtime.mutex")
    assert named_definition(fixture_index, Query.parse("where is hchan defined?"), [hchan]) is hchan
    assert named_definition(fixture_index, Query.parse("does it lock the mutex?"), [lock]) is None
    assert named_definition(fixture_index, Query.parse("what is in the mutex struct?"), [lock]) is lock
