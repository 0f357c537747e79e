"""Hybrid retrieval on the fixture index: symbols, lexical, version filtering, design documents, fusion."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from guide.query import Query, short_type_names, symbol_candidates
from guide.retrieval import BM25, SYMBOL, Scope, retrieve
from guide.retrieval.files import named_files as _named_files
from guide.retrieval.fusion import FusionConfig, rrf_score
from guide.retrieval.lexical import lexical_query as _lexical_query
from guide.retrieval.symbol import SymbolRetriever


def named_files(index, question):
    return _named_files(index, Query.parse(question))


def lexical_query(index, question):
    return _lexical_query(index.reader, Query.parse(question).tokens)


def symbol_search(index, question, scope):
    ranking = SymbolRetriever().search(index, Query.parse(question), Scope(tuple(scope)), 20)
    return [(r, r not in ranking.weights) for r in ranking.rowids]


NEW, OLD = "go1.27.3", "go1.21.13"


def test_rt0_go_is_the_amd64_text_block_at_rank_1(fixture_index) -> None:
    hits = retrieve(fixture_index, "where is rt0_go defined?", [NEW])
    top = hits[0]
    assert (top.chunk.path, top.chunk.symbol, top.chunk.kind) == ("src/runtime/asm_amd64.s", "runtime.rt0_go", "asm")
    assert "\nTEXT runtime·rt0_go(SB)" in top.chunk.text
    line = fixture_index.excerpt(top.tag, top.chunk.path, top.chunk.start_line, top.chunk.start_line)
    assert line is not None and line.startswith("TEXT runtime·rt0_go(SB)")
    assert top.tag == NEW and top.ranks[SYMBOL] == 1 and top.via[0] == SYMBOL


def test_assembly_spelling(fixture_index) -> None:
    top = retrieve(fixture_index, "what does runtime·rt0_go do", [NEW])[0]
    assert (top.chunk.path, top.chunk.symbol) == ("src/runtime/asm_amd64.s", "runtime.rt0_go")


def test_hchan_at_its_exact_lines(fixture_index) -> None:
    top = retrieve(fixture_index, "hchan", [NEW])[0]
    assert (top.chunk.path, top.chunk.symbol, top.chunk.start_line, top.chunk.end_line) == (
        "src/runtime/chan.go",
        "runtime.hchan",
        25,
        36,
    )
    assert fixture_index.excerpt(top.tag, top.chunk.path, top.chunk.start_line, top.chunk.start_line) == (
        "type hchan struct {"
    )


def test_method_form(fixture_index) -> None:
    top = retrieve(fixture_index, "what does (*p).runqput do?", [NEW])[0]
    assert top.chunk.symbol == "runtime.(*p).runqput"


def test_natural_question_finds_channel_code(fixture_index) -> None:
    hits = retrieve(fixture_index, "does a channel take a lock", [NEW], k=4)
    # chan.go's declarations and lock_futex.go's lock (the lock a channel takes; a rare word in this tiny
    # fixture, so taken as an identifier) share the top places
    paths = [h.chunk.path for h in hits[:3]]
    assert paths.count("src/runtime/chan.go") >= 2 and set(paths) <= {
        "src/runtime/chan.go",
        "src/runtime/lock_futex.go",
    }
    assert BM25 in hits[0].via


def test_lexical_only_without_vectors(fixture_index) -> None:
    hits = retrieve(fixture_index, "does a channel take a lock", [NEW], k=4, retrievers=(BM25,))
    assert hits and hits[0].chunk.path == "src/runtime/chan.go"
    assert all(set(h.ranks) == {BM25} for h in hits)


def test_cjk_question_with_identifier(fixture_index) -> None:
    top = retrieve(fixture_index, "hchan 的锁在哪里", [NEW])[0]
    assert (top.chunk.path, top.chunk.symbol) == ("src/runtime/chan.go", "runtime.hchan")


def test_version_filtering(fixture_index) -> None:
    newer = retrieve(fixture_index, "hmap", [NEW], k=10)
    assert all(h.chunk.symbol != "runtime.hmap" for h in newer)
    assert all(h.tag in (NEW, "design") for h in newer)
    older = retrieve(fixture_index, "hmap", [OLD], k=10)
    assert (older[0].chunk.symbol, older[0].tag) == ("runtime.hmap", OLD)
    assert all(h.chunk.symbol != "internal/runtime/maps.Map" for h in older)
    maps = retrieve(fixture_index, "maps.Map", [NEW])[0]
    assert (maps.chunk.symbol, maps.chunk.path, maps.tag) == (
        "internal/runtime/maps.Map",
        "src/internal/runtime/maps/map.go",
        NEW,
    )


def test_same_declaration_across_tags_is_one_hit_at_the_newest(fixture_index) -> None:
    hits = retrieve(fixture_index, "forcePreemptNS", [OLD, NEW], k=10)
    mine = [h for h in hits if h.chunk.symbol == "runtime.forcePreemptNS"]
    assert len(mine) == 1
    assert mine[0].tag == NEW and mine[0].tags == [OLD, NEW]
    assert "20 * 1000 * 1000" in mine[0].chunk.text  # the go1.27.3 text, not go1.21.13's
    keys = [h.key for h in hits]
    assert len(keys) == len(set(keys))


def test_design_documents(fixture_index) -> None:
    hits = retrieve(fixture_index, "non-cooperative preemption", [NEW])
    assert hits[0].tag == "design" and hits[0].chunk.path == "design/24543-non-cooperative-preemption.md"
    without = retrieve(fixture_index, "non-cooperative preemption", [NEW], include_design=False)
    assert all(h.tag != "design" for h in without)


def test_unknown_or_no_tags(fixture_index) -> None:
    assert retrieve(fixture_index, "hchan", []) == []
    assert retrieve(fixture_index, "hchan", ["go1.9"]) == []
    assert retrieve(fixture_index, "   ", [NEW]) == []


def test_k_and_scores(fixture_index) -> None:
    hits = retrieve(fixture_index, "scheduler goroutine channel lock", [NEW], k=3)
    assert len(hits) == 3
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_hostile_query_text_is_data(fixture_index) -> None:
    for q in ['" OR 1=1 --', "hchan'); DROP TABLE chunks; --", 'NEAR("a" "b") * ^ :', "AND OR NOT", "\x00"]:
        retrieve(fixture_index, q, [NEW])  # must not raise
    assert fixture_index.store.db.execute("SELECT COUNT(*) FROM chunks").fetchone()[0] > 0


@pytest.mark.parametrize(
    ("question", "texts", "strong"),
    [
        ("where is rt0_go", ["rt0_go"], [True]),
        ("runtime·rt0_go and (*p).runqput", ["runtime·rt0_go", "(*p).runqput"], [True, True]),
        ("runtime.newproc vs mheap_.alloc", ["runtime.newproc", "mheap_.alloc"], [True, True]),
        ("what does findRunnable do", ["findRunnable"], [True]),
        ("hchan 的锁在哪里", ["hchan"], [False]),
        ("see chan.go:33", [], []),
    ],
)
def test_symbol_candidates(question: str, texts: list[str], strong: list[bool]) -> None:
    cands = symbol_candidates(question)
    assert [c.text for c in cands if c.text in texts] == texts
    assert [c.strong for c in cands if c.text in texts] == strong
    assert "chan.go" not in [c.text for c in cands]


def test_symbol_search_rare_plain_word_is_an_identifier(fixture_index) -> None:
    found = symbol_search(fixture_index, "where is hchan", [NEW])
    assert found and found[0][1] is True


def test_lexical_query_escapes(fixture_index) -> None:
    q = lexical_query(fixture_index, 'the "channel" lock')
    assert q is not None and q.count('"') % 2 == 0 and '""' not in q
    assert lexical_query(fixture_index, "the of and") is None


def test_rrf() -> None:
    cfg = FusionConfig(weights={"a": 2.0}, ks={"a": 5})
    assert rrf_score({"a": 1}, cfg) == pytest.approx(2 / 6)
    assert rrf_score({"b": 1}, cfg) == pytest.approx(1 / 61)
    assert rrf_score({"a": 1}, cfg, {"a": 0.5}) == pytest.approx(0.5 / 6)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Where is the g struct (the goroutine) defined?", [("g", True)]),
        ("Where is the M (machine, OS thread) struct defined?", [("m", True), ("m", False)]),
        ("what is type p", [("p", True)]),
        ("how does a P steal from another P's run queue?", [("p", False), ("p", False)]),
        ("what is g0?", [("g0", True)]),
        ("Plan A or plan B?", []),  # letters with no scheduler context are English
        ("M 和 P 是什么关系？", [("m", False), ("p", False)]),  # two of the scheduler's letters are their own context
        ("What is a P?", [("p", False)]),  # a letter that is all a question names is the scheduler's
        ("P 是什么？", [("p", False)]),
        ("What is the P in GOMAXPROCS?", []),  # the letter of another word
        ("What does M mean?", []),
    ],
)
def test_short_type_names(question: str, expected: list[tuple[str, bool]]) -> None:
    assert [(t, explicit) for _, t, explicit in short_type_names(question)] == expected


def test_one_letter_types_are_candidates_restricted_to_types() -> None:
    cands = {c.text: c for c in symbol_candidates("Where is the P struct and its local run queue?")}
    assert cands["p"].strong and cands["p"].kind == "type"
    ctx = {c.text: c for c in symbol_candidates("P 的本地运行队列 runqput 是怎么工作的？")}
    assert not ctx["p"].strong  # from the context only: after runqput, weak
    assert list(ctx) == ["runqput", "p"]
    # the conversation is the context: "P 是什么？" after a question on the scheduler asks about the P, its subject
    asked = [("goroutine 是怎么调度的？", "…")]
    alone = Query.parse("P 是什么？Go 1.9 的时候就有 P 吗？", asked).identifiers
    assert [(c.text, c.strong, c.kind) for c in alone] == [("p", True, "type")]
    # no conversation: a letter that is all the question names is the scheduler's, and searched as such ("What is
    # a P?" was refused as a follow-up with nothing to follow)
    alone_q = Query.parse("What is a P?")
    assert [(c.text, c.strong) for c in alone_q.identifiers] == [("p", True)]
    assert not alone_q.continues_nothing and alone_q.search_text.endswith(" scheduler")
    assert "scheduler" in alone_q.tokens
    # in a longer Chinese question the letter is a word of the sentence, as in an English one (trial 40: the answer
    # to how a goroutine gets a P back after a system call opened with runtime.p's fields in Chinese only)
    long_zh = "系统调用返回之后，goroutine 怎么重新拿到 P 继续跑？如果原来的 P 已经被别人拿走了会怎样？"
    assert [(c.text, c.strong) for c in Query.parse(long_zh).identifiers] == [("p", False)]
    for short in ("调度器里的 P 是什么？", "G、M、P 分别是什么？", "P 的本地运行队列有多大？"):
        assert all(c.strong for c in Query.parse(short).identifiers), short


def test_named_files(fixture_index) -> None:
    paths, strong, _ = named_files(fixture_index, "what is in chan.go?")
    assert strong and paths and all(p.endswith("/chan.go") for p in paths)
    assert named_files(fixture_index, "what is in nosuchfile.go?")[0] == []
    hits = retrieve(fixture_index, "the send path in chan.go", [NEW], k=5)
    assert any(h.chunk.path.endswith("chan.go") for h in hits[:3])


def test_copies_of_a_definition_for_other_systems_fold_into_the_asked_platforms() -> None:
    """netpoll is defined once per poller (netpoll_epoll.go for linux, netpoll_kqueue.go, netpoll_stub.go for plan9
    ...), files told apart by their build constraints only: one hit, linux's, with the others "also on". A constraint
    on something else than a platform (a GOEXPERIMENT) keeps its copies apart."""
    from guide.retrieval.fusion import Hit, fold_platforms
    from ingest.store import ChunkRow

    def hit(rowid: int, path: str, build: str | None, score: float) -> Hit:
        row = ChunkRow(rowid, str(rowid), "go", path, "b", "func", "runtime.netpoll", 1, 9, None, 0, "", "func f() {}",
                       None, None, build, False)  # fmt: skip
        return Hit(chunk=row, tag="go1.27.3", score=score, ranks={"bm25": rowid}, via=["bm25"])

    hits = [
        hit(1, "src/runtime/netpoll_stub.go", "plan9", 0.9),
        hit(2, "src/runtime/netpoll_kqueue.go", "darwin || dragonfly || freebsd || netbsd || openbsd", 0.8),
        hit(3, "src/runtime/netpoll_epoll.go", "linux", 0.7),
    ]
    folded = fold_platforms(hits, ("linux", "amd64"))
    assert len(folded) == 1 and folded[0].chunk.path == "src/runtime/netpoll_epoll.go"
    assert sorted(folded[0].also_on) == ["darwin || dragonfly || freebsd || netbsd || openbsd", "plan9"]
    experiments = [hit(4, "src/runtime/map_swiss.go", "goexperiment.swissmap", 0.9),
                   hit(5, "src/runtime/map_noswiss.go", "!goexperiment.swissmap", 0.8)]  # fmt: skip
    assert len(fold_platforms(experiments, ("linux", "amd64"))) == 2


def test_a_found_definition_names_every_platform_it_has_a_copy_for_not_only_those_found() -> None:
    """The copies folded into a hit are those the search found (plan9's here); the symbol table has the others
    (kqueue's, windows'), which the hit names too, each once; a copy built for no particular platform, and another
    kind of definition of the name, are none of them (trial 71: netpoll's card named other platforms per question)."""
    from types import SimpleNamespace

    from guide.retrieval.fusion import Hit
    from guide.retrieval.platform_copies import with_every_platform
    from ingest.store import ChunkRow
    from ingest.symbols import Definition

    row = ChunkRow(1, "1", "go", "src/runtime/netpoll_epoll.go", "b", "func", "runtime.netpoll", 1, 9, None, 0, "",
                   "func f() {}", None, None, "linux", False)  # fmt: skip
    found = Hit(chunk=row, tag="go1.27.3", score=1.0, ranks={"bm25": 1}, via=["bm25"], also_on=["plan9"])

    def d(path: str, build: str | None, kind: str = "func", goos: str | None = None) -> Definition:
        return Definition("go1.27.3", path, 1, 9, "runtime.netpoll", kind, "go", 7, goos=goos, build=build)

    defs = [
        d("src/runtime/netpoll_epoll.go", "linux"),
        d("src/runtime/netpoll_stub.go", "plan9"),
        d("src/runtime/netpoll_kqueue.go", "darwin || dragonfly || freebsd || netbsd || openbsd"),
        d("src/runtime/netpoll_windows.go", None, goos="windows"),
        d("src/runtime/netpoll_fake.go", "!linux"),  # everywhere but linux: no platform of its own
        d("src/runtime/netpoll_types.go", "linux", kind="type"),
    ]

    class Reader:
        def lookup(self, name: str, tag: str | None = None, limit: int = 200) -> list[Definition]:
            return [x for x in defs if x.symbol == name and (tag is None or x.tag == tag)]

    with_every_platform(SimpleNamespace(reader=Reader()), [found])  # type: ignore[arg-type]
    assert found.also_on == ["plan9", "darwin || dragonfly || freebsd || netbsd || openbsd", "windows"]


def test_a_file_is_named_by_a_word_the_asker_wrote_not_by_a_translation() -> None:
    """``epoll`` names netpoll_epoll.go; the English of "调度" ("schedule", from the bilingual vocabulary) does not
    name the compiler's ssa/schedule.go: the question is about the goroutine scheduler."""
    from types import SimpleNamespace

    from guide.query import Query
    from guide.retrieval.files import named_files

    class Reader:
        def paths(self, repo: str) -> list[str]:
            return ["src/runtime/netpoll_epoll.go", "src/cmd/compile/internal/ssa/schedule.go", "src/runtime/proc.go"]

        def doc_freq(self, words: list[str]) -> dict[str, int]:
            return dict.fromkeys(words, 3)

        def chunk_count(self) -> int:
            return 100_000

    index = SimpleNamespace(reader=Reader())
    assert "schedule" in Query.parse("调度器是怎么工作的？").tokens
    assert named_files(index, Query.parse("调度器是怎么工作的？")) == ([], False, set())  # type: ignore[arg-type]
    assert named_files(index, Query.parse("How does the epoll poller work?")) == (  # type: ignore[arg-type]
        ["src/runtime/netpoll_epoll.go"], False, {"epoll"},
    )  # fmt: skip
    assert named_files(index, Query.parse("what does schedule do?"))[0] == [  # type: ignore[arg-type]
        "src/cmd/compile/internal/ssa/schedule.go"
    ]


def test_the_platforms_of_folded_copies_are_named_beside_the_one_cited(real_index) -> None:
    """The copies folded into the asked platform's are not lost: the answer's definition line and the source card name
    the platforms they are built for (``osyield`` in sys_linux_amd64.s, "also defined for ... freebsd/amd64 ..."), a
    constraint's alternatives one by one."""
    from guide.answering import answer
    from guide.platforms import ALSO_ON_SHOWN, also_on_text
    from guide.render.cards import citation_card

    assert also_on_text(["darwin || freebsd", "plan9", "js && wasm", "freebsd"]) == "darwin, freebsd, js/wasm, plan9"
    many = [f"os{i}" for i in range(ALSO_ON_SHOWN + 2)]
    assert also_on_text(many).endswith(" …") and also_on_text([]) == ""
    assert also_on_text(["plan9", "darwin || freebsd"], "、") == "darwin、freebsd、plan9"  # a Chinese answer's list
    # a constraint with parentheses (vdso_elf32.go's) had read "arm, linux/(386" (trial 72)
    assert also_on_text(["linux && (386 || arm)", "windows/386"]) == "linux/386, linux/arm, windows/386"
    assert also_on_text(["(amd64 && linux) || (darwin && arm64)"]) == "darwin/arm64, linux/amd64"
    assert also_on_text(["(linux || openbsd) && mips64"]) == "linux/mips64, openbsd/mips64"  # read as builds_on does
    ans = answer("What does osyield do?", index=real_index, llm="extractive")
    cited = next(c for c in ans.citations if c.path.endswith("sys_linux_amd64.s") and c.symbol == "runtime.osyield")
    assert "freebsd/amd64" in cited.also_on, cited.also_on
    assert f"({cited.location}; also defined for {also_on_text(cited.also_on)})" in ans.text
    assert "also defined for " in citation_card(cited) and not ans.warnings


def test_a_stub_for_every_other_system_never_stands_for_the_asked_platform() -> None:
    """cgroup_stubs.go (``!linux``) and the linux copy of defaultGOMAXPROCS: the stub is not folded into the linux
    one, nor can it take its place however it scores."""
    from guide.retrieval.fusion import Hit, fold_platforms, platform_of
    from ingest.store import ChunkRow

    def hit(rowid: int, path: str, build: str | None, score: float) -> Hit:
        row = ChunkRow(rowid, str(rowid), "go", path, "b", "func", "runtime.defaultGOMAXPROCS", 1, 9, None, 0, "",
                       "func f() {}", None, None, build, False)  # fmt: skip
        return Hit(chunk=row, tag="go1.27.3", score=score, ranks={"bm25": rowid}, via=["bm25"])

    stub, real = hit(1, "src/runtime/cgroup_stubs.go", "!linux", 0.9), hit(2, "src/runtime/cgroup_linux.go", None, 0.8)
    assert platform_of(stub.chunk) is None
    # built everywhere but linux: another platform's code for a question on linux (trial 12 quoted the stub's
    # "Use the total number of logical CPUs available now" for a container's GOMAXPROCS on Linux)
    from guide.definitions import platform_penalty

    assert platform_penalty(None, None, "!linux", "src/runtime/cgroup_stubs.go") > 0
    assert platform_penalty(None, None, "!wasm", "src/runtime/x.go") == 0
    assert platform_penalty(None, None, "linux || !amd64", "src/runtime/x.go") == 0
    folded = fold_platforms([stub, real], ("linux", "amd64"))
    assert [h.chunk.path for h in folded] == ["src/runtime/cgroup_stubs.go", "src/runtime/cgroup_linux.go"]


@pytest.mark.parametrize(
    ("expr", "holds"),
    [
        ("linux && (386 || arm)", False), ("!linux", False), ("386 || arm", False), ("unix", True),
        ("linux || darwin", True), ("(linux && amd64) || darwin", True), ("linux && !android", True),
        ("!windows && !plan9", True), ("race", None), ("amd64 && !purego", None), ("goexperiment.greenteagc", None),
        ("linux && (", None), ("linux amd64", None),
    ],
)  # fmt: skip
def test_a_build_constraint_is_read_for_the_asked_platform(expr: str, holds: bool | None) -> None:
    """A ``//go:build`` line is true, false, or depends on other tags on linux/amd64; a GOOS or GOARCH that is not the
    platform's is false, ``unix`` true on Linux, anything else (race, cgo, an experiment) undecided."""
    from guide.platforms import builds_on

    assert builds_on(expr, ("linux", "amd64")) is holds


def test_code_whose_constraint_leaves_out_the_asked_architecture_counts_as_another_platforms() -> None:
    """Trial 39: "Is there a virtual machine in Go?" cited runtime.elfEhdr of vdso_elf32.go (``linux && (386 ||
    arm)``): its constraint names linux, which was read as built on linux/amd64; the amd64 copy is vdso_elf64.go."""
    from guide.definitions import platform_penalty

    assert platform_penalty(None, None, "linux && (386 || arm)", "src/runtime/vdso_elf32.go") > 0
    amd64 = "linux && (amd64 || arm64 || loong64 || mips64 || mips64le || ppc64 || ppc64le || riscv64 || s390x)"
    assert platform_penalty(None, None, amd64, "src/runtime/vdso_elf64.go") == 0
    assert platform_penalty(None, None, "race", "src/runtime/race.go") > 0  # as before: no platform word in it


def test_code_the_go_command_skips_ranks_below_code_it_builds() -> None:
    """cmd/compile's typecheck/_builtin/runtime.go declares closechan for the compiler; chan.go defines it. Found at
    the same ranks, the definition in a directory the go command skips (``_builtin``, ``_gen``, ``_mkmalloc``) comes
    second, its score halved."""
    from guide.retrieval.base import Ranking
    from guide.retrieval.fusion import OUTSIDE_BUILD_FACTOR, fuse, outside_build
    from ingest.store import ChunkRow

    def row(rowid: int, path: str) -> ChunkRow:
        return ChunkRow(rowid, str(rowid), "go", path, "b", "func", "runtime.closechan", 1, 9, None, 0, "",
                        "func closechan(c *hchan) {}", None, None, None, False)  # fmt: skip

    chunks = {1: row(1, "src/cmd/compile/internal/typecheck/_builtin/runtime.go"), 2: row(2, "src/runtime/chan.go")}
    tags = {1: ["go1.27.3"], 2: ["go1.27.3"]}
    hits = fuse([Ranking("bm25", [1, 2]), Ranking("dense", [2, 1])], chunks, tags, FusionConfig())
    assert [h.chunk.path for h in hits] == [
        "src/runtime/chan.go",
        "src/cmd/compile/internal/typecheck/_builtin/runtime.go",
    ]
    assert hits[1].score == pytest.approx(hits[0].score * OUTSIDE_BUILD_FACTOR)
    assert outside_build("src/runtime/_mkmalloc/mksizeclasses.go") == OUTSIDE_BUILD_FACTOR
    assert outside_build("src/runtime/chan.go") == outside_build("_x.go") == 1.0


def test_code_of_an_instrumented_build_ranks_below_unless_asked() -> None:
    """Trial 34: "sync/atomic 在 amd64 上是怎么实现的？" opened with race_amd64.s's ``sync∕atomic·AddInt64``, built
    only with -race (``//go:build race``); a default build has sync/atomic's own. Asked about the race detector, it
    keeps its place; a constraint that excludes the race build (``!race``) is no instrumented build."""
    from guide.retrieval.base import Ranking
    from guide.retrieval.fusion import fuse
    from ingest.store import ChunkRow

    def row(rowid: int, path: str, symbol: str, build: str | None) -> ChunkRow:
        return ChunkRow(rowid, str(rowid), "go", path, "b", "asm", symbol, 1, 9, None, 0, "", "TEXT x(SB)", "",
                        "amd64", build, False)  # fmt: skip

    chunks = {1: row(1, "src/runtime/race_amd64.s", "sync/atomic.AddInt64", "race"),
              2: row(2, "src/sync/atomic/asm.s", "sync/atomic.AddInt32", None),
              3: row(3, "src/internal/runtime/sys/consts_norace.go", "internal/runtime/sys.x", "!race")}  # fmt: skip
    tags = {1: ["go1.27.3"], 2: ["go1.27.3"], 3: ["go1.27.3"]}
    lists = [Ranking("bm25", [1, 3, 2]), Ranking("dense", [1, 3, 2])]
    hits = fuse(lists, chunks, tags, FusionConfig(), ("linux", "amd64"))
    assert [h.chunk.rowid for h in hits] == [3, 2, 1]
    asked = fuse(lists, chunks, tags, FusionConfig(), ("linux", "amd64"), instrumented=True)
    assert [h.chunk.rowid for h in asked] == [1, 3, 2]


def test_a_test_hook_ranks_below_unless_testing_is_asked_about() -> None:
    """Trial 37: "secret_getStack ... For testing only." was quoted for how a goroutine's stack grows. A definition
    whose doc comment says it is for tests counts half unless the question asks about testing; a comment that only
    mentions testing inside a sentence of another meaning does not."""
    from guide.retrieval.base import Ranking
    from guide.retrieval.fusion import fuse, test_hook
    from ingest.store import ChunkRow

    def row(rowid: int, symbol: str, text: str) -> ChunkRow:
        return ChunkRow(rowid, str(rowid), "go", "src/runtime/stack.go", "b", "func", symbol, 1, 9, None, 0, "",
                        text, "", None, None, False)  # fmt: skip

    hook = "// secret_getStack returns the current goroutine's stack.\n// For testing only.\nfunc f() {}"
    chunks = {
        1: row(1, "runtime.secret_getStack", hook),
        2: row(2, "runtime.newstack", "// Called from morestack.\nfunc g() {}"),
    }
    tags = {1: ["go1.27.3"], 2: ["go1.27.3"]}
    lists = [Ranking("bm25", [1, 2]), Ranking("dense", [1, 2])]
    assert [h.chunk.rowid for h in fuse(lists, chunks, tags, FusionConfig(), ("linux", "amd64"))] == [2, 1]
    asked = fuse(lists, chunks, tags, FusionConfig(), ("linux", "amd64"), testing=True)
    assert [h.chunk.rowid for h in asked] == [1, 2]
    assert test_hook(row(3, "x", "// useful when testing whether the stack moved\nfunc h() {}")) == 1.0


def test_code_of_another_platform_ranks_below_the_asked_platforms() -> None:
    """Windows' tstart_stdcall, found first by its words, comes after linux code found as well, for a question on
    linux/amd64 (trial: "On Linux, how does the runtime start a new OS thread?" cited it second); asked on Windows,
    it stays first."""
    from guide.retrieval.base import Ranking
    from guide.retrieval.fusion import OTHER_PLATFORM_FACTOR, fuse
    from ingest.store import ChunkRow

    def row(rowid: int, path: str, symbol: str, goos: str | None) -> ChunkRow:
        return ChunkRow(rowid, str(rowid), "go", path, "b", "func", symbol, 1, 9, None, 0, "", "func f() {}", goos,
                        None, None, False)  # fmt: skip

    chunks = {1: row(1, "src/runtime/os_windows.go", "runtime.tstart_stdcall", "windows"),
              2: row(2, "src/runtime/proc.go", "runtime.newm", None)}  # fmt: skip
    tags = {1: ["go1.27.3"], 2: ["go1.27.3"]}
    lists = [Ranking("bm25", [1, 2]), Ranking("dense", [1, 2])]
    hits = fuse(lists, chunks, tags, FusionConfig(), ("linux", "amd64"))
    assert [h.chunk.symbol for h in hits] == ["runtime.newm", "runtime.tstart_stdcall"]
    assert OTHER_PLATFORM_FACTOR < 1
    on_windows = fuse(lists, chunks, tags, FusionConfig(), ("windows", "amd64"))
    assert [h.chunk.symbol for h in on_windows] == ["runtime.tstart_stdcall", "runtime.newm"]

    # the design comment of another platform's file counts less too ("WASI network poller" for the Linux poller)
    from guide.retrieval.fusion import elsewhere

    wasi = ChunkRow(
        9,
        "9",
        "go",
        "src/runtime/netpoll_wasip1.go",
        "b",
        "comment",
        "runtime/netpoll_wasip1.go: WASI network poller",
        1,
        9,
        None,
        0,
        "",
        "// WASI network poller.",
        "wasip1",
        None,
        "wasip1",
        False,
    )
    assert elsewhere(wasi, ("linux", "amd64")) == OTHER_PLATFORM_FACTOR and elsewhere(wasi, ("wasip1", "wasm")) == 1

    # a definition with a copy for the asked platform keeps the place of its best copy, folded into the asked one
    # (held-out: morestack of asm_amd64.s fell out of the first five when its ppc64 copy, found first, counted half)
    def asm(rowid: int, path: str, arch: str) -> ChunkRow:
        return ChunkRow(rowid, str(rowid), "go", path, "b", "func", "runtime.morestack", 1, 9, None, 0, "",
                        "TEXT runtime·morestack(SB)", None, arch, None, False)  # fmt: skip

    chunks |= {3: asm(3, "src/runtime/asm_ppc64x.s", "ppc64"), 4: asm(4, "src/runtime/asm_amd64.s", "amd64")}
    tags |= {3: ["go1.27.3"], 4: ["go1.27.3"]}
    lists = [Ranking("bm25", [3, 2, 4]), Ranking("dense", [3, 2, 4])]
    hits = fuse(lists, chunks, tags, FusionConfig(), ("linux", "amd64"))
    assert [(h.chunk.symbol, h.chunk.path) for h in hits] == [
        ("runtime.morestack", "src/runtime/asm_amd64.s"),
        ("runtime.newm", "src/runtime/proc.go"),
    ]


def test_a_method_written_as_go_documentation_writes_it(fixture_index) -> None:
    """``runtime.p.runqput`` (package.Type.Method, as in "time.Timer.Stop") names ``runtime.(*p).runqput``; a wrong
    package names nothing."""
    found = fixture_index.reader.lookup("runtime.p.runqput")
    assert found and {d.symbol for d in found} == {"runtime.(*p).runqput"}
    assert fixture_index.reader.lookup("sync.p.runqput") == []


def test_a_member_named_through_its_owner_is_one_candidate() -> None:
    """ "sync.WaitGroup 的 Wait" and "WaitGroup's Wait" name the method (trial 6: WaitGroup's doc and the Mutex tour
    answered, (*WaitGroup).Wait was not cited); an English owner ("channel 的 lock") joins nothing."""
    zh = [(c.text, c.strong) for c in symbol_candidates("sync.WaitGroup 的 Wait 是怎么实现的？")]
    assert zh[0] == ("sync.WaitGroup.Wait", True)
    assert symbol_candidates("How does WaitGroup's Wait block?")[0].text == "WaitGroup.Wait"
    assert all("." not in c.text for c in symbol_candidates("channel 的 lock 是什么？"))


class _Reader:
    """The one reader call ``confident_lead`` makes: chunk rows by rowid (path and symbol are what it reads)."""

    def __init__(self, rows: dict[int, tuple[str, str]]) -> None:
        self.rows = rows

    def chunks(self, rowids):
        return [SimpleNamespace(rowid=r, path=self.rows[r][0], symbol=self.rows[r][1]) for r in rowids]


def test_a_lexical_lead_far_ahead_of_every_other_definition_is_confident() -> None:
    from guide.retrieval.lexical import CONFIDENT_RATIO, confident_lead

    rows = {1: ("a.go", "runtime.f"), 2: ("a.go", "runtime.f"), 3: ("b.go", "runtime.g"), 4: ("c.go", "runtime.h")}
    reader = _Reader(rows)
    # the same definition at an older release (2) is no rival: the next other definition (3) is
    assert confident_lead(reader, [1, 2, 3, 4], {1: 10.0, 2: 9.9, 3: 10.0 / CONFIDENT_RATIO, 4: 1.0}) == 1
    assert confident_lead(reader, [1, 2, 3, 4], {1: 10.0, 2: 9.9, 3: 9.0, 4: 1.0}) is None  # a close second
    assert confident_lead(reader, [1], {1: 10.0}) is None  # nothing to be ahead of
    assert confident_lead(reader, [1, 2], {1: 10.0, 2: 1.0}) is None  # only itself


class _LexicalReader:
    """What the lexical retriever reads: tokens' document frequencies, BM25 results, chunk rows."""

    def __init__(self, texts: dict[int, str], scores: dict[int, float]) -> None:
        self.texts, self.scores = texts, scores

    def doc_freq(self, tokens):
        return {t: sum(t in text.split() for text in self.texts.values()) or 1 for t in tokens}

    def chunk_count(self) -> int:
        return 1000

    def fts_search(self, match, tags, limit):
        return [(r, -s, False) for r, s in sorted(self.scores.items(), key=lambda x: -x[1])][:limit]

    def chunks(self, rowids):
        return [
            SimpleNamespace(rowid=r, path=f"{r}.go", symbol=f"runtime.f{r}", header="", text=self.texts[r])
            for r in rowids
            if r in self.texts
        ]

    def words_held(self, words, rowids):
        from ingest.store import lexical_text

        said = {c.rowid: set(lexical_text(c.path, c.symbol, c.header, c.text).split()) for c in self.chunks(rowids)}
        return {r: {w for w in words if w in said.get(r, set())} for r in rowids}


def test_a_lexical_lead_is_confident_only_when_it_holds_most_of_the_questions_words() -> None:
    """The post's "How is a Go program compiled and started? Is there a virtual machine like Java's JVM?" led by
    1.57x with the Go 2 transitions proposal's section on Java, which holds 4 of its 8 words: that lead is one rare
    word's, not "the question's words are that definition's own", and weighs as any other list's first."""
    from guide.query import Query
    from guide.retrieval.base import Scope
    from guide.retrieval.lexical import CONFIDENT_WEIGHT, LexicalRetriever

    q = Query.parse("Is there a virtual machine that interprets bytecode like java does?")
    words = " ".join(q.tokens)
    one_word = _LexicalReader(
        {1: "java java java transitions", 2: "virtual machine", 3: "bytecode"}, {1: 9, 2: 3, 3: 2}
    )
    index = SimpleNamespace(reader=one_word)
    assert LexicalRetriever().search(index, q, Scope(("go1.27.3",)), 10).weights == {}
    all_words = _LexicalReader({1: words, 2: "virtual machine", 3: "bytecode"}, {1: 9, 2: 3, 3: 2})
    index = SimpleNamespace(reader=all_words)
    assert LexicalRetriever().search(index, q, Scope(("go1.27.3",)), 10).weights == {1: CONFIDENT_WEIGHT}


def test_a_lexical_item_weighs_by_the_share_of_the_questions_words_it_holds() -> None:
    """The lexical query is an OR of the question's words: a section that repeats "read" and "connection" ranks
    above a definition holding nearly all of them. Beside the dense list the first weighs less than 1, the second
    more; without vectors both weigh 1."""
    from guide.query import Query
    from guide.retrieval import DENSE, FusionConfig
    from guide.retrieval.base import Ranking, Scope
    from guide.retrieval.fusion import fuse
    from guide.retrieval.lexical import COVERAGE_FULL, LexicalRetriever
    from ingest.store import ChunkRow

    q = Query.parse("Is a thread blocked when a connection read waits for data from the network poller?")
    words = " ".join(q.tokens)
    reader = _LexicalReader(
        {1: "read read connection connection", 2: words, 3: "poller", 4: "poller network"}, {1: 9, 2: 8, 3: 7, 4: 6}
    )
    lexical = LexicalRetriever().search(SimpleNamespace(reader=reader), q, Scope(("go1.27.3",)), 10)
    weights = lexical.with_dense
    assert weights[1] < 1.0 < weights[2] == 1.0 / COVERAGE_FULL
    assert weights[3] < weights[4] < 1.0
    chunks = {
        r: ChunkRow(r, str(r), "go", f"src/runtime/{r}.go", "b", "func", f"runtime.f{r}", 1, 9, None, 0, "", "", None,
                    None, None, False)
        for r in weights
    }  # fmt: skip
    tags = {r: ["go1.27.3"] for r in weights}
    alone = [h.chunk.symbol for h in fuse([lexical], chunks, tags, FusionConfig())]
    beside = [h.chunk.symbol for h in fuse([lexical, Ranking(DENSE, [9])], chunks, tags, FusionConfig())]
    assert alone[:2] == ["runtime.f1", "runtime.f2"] and beside[:2] == ["runtime.f2", "runtime.f1"]


@pytest.mark.parametrize(
    ("question", "quoted", "plain"),
    [
        ("fatal error: all goroutines are asleep - deadlock!", {"fatal", "goroutines", "asleep", "deadlock"}, set()),
        ("why do I see 'goroutine stack exceeds 1000000000-byte limit'?", {"limit", "exceeds"}, {"why"}),
        ('What does "concurrent map writes" mean?', {"concurrent", "writes"}, {"What", "mean"}),
        ("Is Java's JVM like Go's runtime?", set(), {"JVM", "runtime"}),  # apostrophes quote nothing
        ("panic: send on closed channel", {"send", "closed", "channel"}, set()),
    ],
)
def test_words_of_a_quoted_message_are_marked(question: str, quoted: set[str], plain: set[str]) -> None:
    cands = {c.text: c for c in symbol_candidates(question)}
    assert {t for t in quoted if t in cands} == {t for t in quoted if t in cands and cands[t].quoted}
    assert not quoted or quoted & cands.keys(), "the question's message words are candidates"
    assert not any(cands[t].quoted for t in plain if t in cands)


def test_code_in_a_quoted_message_stays_code() -> None:
    cands = {c.text: c for c in symbol_candidates("what does 'runtime.gopark: bad g status' mean?")}
    assert cands["runtime.gopark"].strong and not cands["runtime.gopark"].quoted


def test_a_word_of_a_quoted_message_is_never_taken_for_an_identifier(fixture_index) -> None:
    from guide.retrieval.symbol import known_candidates

    named = known_candidates(fixture_index, symbol_candidates("what is hchan?"))
    quoted = known_candidates(fixture_index, symbol_candidates("what does 'hchan is nil' mean?"))
    assert [c.strong for c in named if c.name == "hchan"] == [True]  # the corpus uses it as code
    assert [c.strong for c in quoted if c.name == "hchan"] == [False]


def test_a_word_of_english_is_never_taken_for_an_identifier(fixture_index, monkeypatch) -> None:
    """However much of its use is code ("got" 0.71 of the time: the syntax parser's ``got``), an English word of the
    question is English ("I got 'concurrent map writes'"); the runtime's names are in no dictionary."""
    from guide.knowledge.cedict import english_words
    from guide.retrieval import symbol

    english = english_words()
    assert english is not None and {"got", "limit", "fatal", "interpreter"} <= english
    assert not {"hchan", "sudog", "gopark", "mallocgc", "schedinit"} & english
    monkeypatch.setattr(symbol, "code_share", lambda reader, word: 0.9)  # as if the corpus used each as code
    assert symbol.is_identifier(fixture_index, "hchan")
    assert not symbol.is_identifier(fixture_index, "got")


def test_the_addresses_of_a_pasted_trace_name_nothing() -> None:
    from guide.words import code_like

    trace = "runtime.throw(0x4b2f1c, 0xe)\n\t/usr/local/go/src/runtime/panic.go:774 +0x72\nruntime.newstack()"
    names = [c.text for c in symbol_candidates(trace)]
    assert "runtime.throw" in names and "runtime.newstack" in names
    assert not [n for n in names if n.startswith("x") or "0x" in n]
    assert "runtime.throw" in code_like(trace) and not [w for w in code_like(trace) if "x4b2f1c" in w or w == "x72"]


def test_the_programs_own_frames_of_a_pasted_trace_name_nothing() -> None:
    """Trial 14: a nil pointer crash in ``main.(*Server).Start`` cited ``runtime/trace.(*FlightRecorder).Start`` first
    and said ``server.go`` was defined in no indexed release. The frames of package main and of a module
    (``github.com/...``) are the program's; the standard library's (``sync.(*WaitGroup).Wait``) are Go's."""
    crash = (
        "panic: runtime error: invalid memory address or nil pointer dereference\n"
        "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4871d2]\n\ngoroutine 1 [running]:\n"
        "main.(*Server).Start(0x0)\n\t/home/user/app/server.go:23 +0x22\n"
        "github.com/foo/bar.(*X).Run(0xc000, 0x1)\n\t/root/go/pkg/mod/github.com/foo/bar@v1.2.3/x.go:55 +0x1f\n"
        "sync.(*WaitGroup).Wait(0xc42001a0a0)\n\t/usr/local/go/src/sync/waitgroup.go:131 +0x72\n"
        "created by main.main in goroutine 1\n\t/home/user/app/main.go:10 +0x3a\nexit status 2\n\n"
        "这是什么意思？怎么查？"
    )
    q = Query.parse(crash)
    names = {c.name for c in q.identifiers}
    assert not names & {"Start", "Server", "Run", "X", "server", "bar"}, names
    assert "Wait" in names and not q.files
    assert q.messages[0][0].startswith("invalid memory address")  # the message is read as before


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("fatal error: out of memory", [("out of memory", True), ("fatal error: out of memory", True)]),
        ("I got 'send on closed channel' in production", [("send on closed channel", False)]),
        ("What does 'escape analysis' mean?", []),  # two words in quotes: a term, not a message
        ("panic: runtime error: index out of range [5] with length 3 goroutine 1 [running]:", [
            ("index out of range [5] with length 3 goroutine 1 [running]:", True),
            ("panic: runtime error: index out of range [5] with length 3 goroutine 1 [running]:", True),
        ]),
        ("How do channels work?", []),
    ],
)  # fmt: skip
def test_the_messages_a_question_quotes_or_pastes(question: str, expected: list[tuple[str, bool]]) -> None:
    assert list(Query.parse(question).messages) == expected


def test_a_message_the_question_describes_finds_the_code_that_says_it(fixture_index) -> None:
    """ "What happens if I send on a channel after closing it?" quotes no message, and asks what happens: the code
    that says the message most of whose words the question says ("send on closed channel") is found, weighing less
    in the fusion than a quoted message. A question that does not ask what happens finds none."""
    from guide.retrieval.messages import IN_WORDS_WEIGHT, MessageRetriever

    scope = Scope(tuple(fixture_index.releases), ())
    ranking = MessageRetriever().search(
        fixture_index, Query.parse("What happens if I send on a closed channel?"), scope, 5
    )
    assert {c.symbol for c in fixture_index.reader.chunks(ranking.rowids)} == {"runtime.chansend"}
    assert set(ranking.weights.values()) == {IN_WORDS_WEIGHT}
    assert (
        MessageRetriever().search(fixture_index, Query.parse("How does a send on a channel work?"), scope, 5).rowids
        == []
    )
    # one word of the message is not enough ("closed" alone)
    assert (
        MessageRetriever().search(fixture_index, Query.parse("What happens to a closed file?"), scope, 5).rowids == []
    )


def test_a_throw_the_question_describes_whole_is_found(real_index) -> None:
    """ "What happens when a goroutine's stack overflows?" found the tracer's goroutine-stack events: the runtime's
    throw("stack overflow") says it, in newstack. A throw's or a "runtime: " diagnostic's words must all be said
    (most are the runtime's invariants, which share a word or two with many questions)."""
    from guide.retrieval.messages import MessageRetriever

    scope = Scope(tuple(real_index.releases), ())

    def found(question: str) -> set[str]:
        ranking = MessageRetriever().search(real_index, Query.parse(question), scope, 5)
        return {c.symbol for c in real_index.reader.chunks(ranking.rowids)}

    assert "runtime.newstack" in found("What happens when a goroutine's stack overflows?")
    assert "runtime.newstack" not in found("What happens when a goroutine's stack is scanned?")


def test_a_pasted_message_finds_the_code_that_says_it(fixture_index) -> None:
    """The message retriever finds chansend by its literal: whole for a quoted message, by the run of its first words
    for a crash's output (the trace after it is no part of any literal); never a part of a quoted one."""
    from guide.retrieval import MESSAGE
    from guide.retrieval.messages import MessageRetriever

    scope = Scope(tuple(fixture_index.releases), ())

    def found(question: str) -> list[str]:
        ranking = MessageRetriever().search(fixture_index, Query.parse(question), scope, 5)
        assert ranking.name == MESSAGE
        return sorted({c.symbol for c in fixture_index.reader.chunks(ranking.rowids)})

    assert found("What does 'send on closed channel' mean?") == ["runtime.chansend"]
    assert found("panic: send on closed channel goroutine 1 [running]: main.main() /tmp/x.go:7") == ["runtime.chansend"]
    assert found("What does 'send on closed channel twice' mean?") == []  # quoted: whole or nothing
    assert found("How does a channel send work?") == []
    hits = retrieve(fixture_index, "panic: send on closed channel", list(fixture_index.releases), k=3)
    assert hits[0].chunk.symbol == "runtime.chansend" and MESSAGE in hits[0].ranks


def test_a_message_said_by_a_small_helper_brings_the_helpers_callers(real_index) -> None:
    """Trial 13: a nil pointer dereference's crash cited panicmemAddr, panicmem and gopanic, never sigpanic, which
    turns the fault into that panic. A small function that only says the message is a helper: its callers follow it
    in the message list; a long function that says one (checkdead's deadlock) brings none."""
    from guide.retrieval.messages import MessageRetriever

    scope = Scope(("go1.27.3",), ())
    crash = (
        "panic: runtime error: invalid memory address or nil pointer dereference\n"
        "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x48f4a6]\n\ngoroutine 1 [running]:\n"
        "main.main()\n\t/home/me/x/main.go:9 +0x26\nexit status 2"
    )
    ranking = MessageRetriever().search(real_index, Query.parse(crash), scope, 5)
    listed = [(c.symbol, c.path) for c in real_index.reader.chunks(ranking.rowids)]
    assert ("runtime.sigpanic", "src/runtime/signal_unix.go") in listed, listed
    hits = retrieve(real_index, crash, ["go1.27.3"], k=5)
    assert "runtime.sigpanic" in [h.chunk.symbol for h in hits]
    deadlock = MessageRetriever().search(
        real_index, Query.parse("fatal error: all goroutines are asleep - deadlock!"), scope, 5
    )
    assert [c.symbol for c in real_index.reader.chunks(deadlock.rowids)] == ["runtime.checkdead"]


def test_a_message_held_by_a_variable_brings_the_code_that_uses_it(real_index) -> None:
    """Trial 14: "panic: assignment to entry in nil map" cited runtime's ``maps_errNilAssign`` (which holds the
    message), ``runtime.Goexit`` (for go run's "exit status 2") and gopanic, never the map assignment that panics. The
    users of a variable that says a message follow it, under the name its ``//go:linkname`` gives it
    (``internal/runtime/maps.errNilAssign``); the linker's list that names it in a string is no use of it."""
    from guide.retrieval.callers import linked_names
    from guide.retrieval.messages import MessageRetriever

    crash = (
        "panic: assignment to entry in nil map\n\ngoroutine 1 [running]:\nmain.main()\n"
        "\t/home/user/app/main.go:7 +0x4b\nexit status 2"
    )
    ranking = MessageRetriever().search(real_index, Query.parse(crash), Scope(("go1.27.3",), ()), 5)
    listed = [c.symbol for c in real_index.reader.chunks(ranking.rowids)]
    assert listed[0] == "runtime.maps_errNilAssign", listed
    assert "internal/runtime/maps.runtime_mapassign" in listed, listed
    assert not [s for s in listed if s.startswith("cmd/link")], listed
    hits = [h.chunk.symbol for h in retrieve(real_index, crash, ["go1.27.3"], k=5)]
    assert "internal/runtime/maps.runtime_mapassign" in hits and "runtime.Goexit" not in hits, hits
    declared = "//go:linkname maps_errNilAssign internal/runtime/maps.errNilAssign\nvar maps_errNilAssign error"
    assert linked_names(declared, "maps_errNilAssign") == ["maps_errNilAssign", "errNilAssign"]
    assert linked_names(declared, "other") == ["other"]


def test_go_runs_exit_line_is_no_word_of_the_question() -> None:
    """``exit status 2`` ending a crash's output is the go command's, not Go's runtime (it cited runtime.Goexit);
    the words in a sentence stay."""
    from guide.traces import without_user_frames

    assert without_user_frames("panic: x\nexit status 2\n").split() == ["panic:", "x"]
    assert without_user_frames("main.main() /home/u/main.go:7 +0x4b exit status 2").split() == []
    assert "exit status 2" in without_user_frames("Why is the exit status 2 after a panic?")


def test_a_pasted_trace_is_no_topic() -> None:
    """The frames of a pasted crash (``main.main()`` under ``goroutine 1 [running]:``) are where the program was, not
    what it asks about: they chose no tour (program start's "main.main"); the message before them still counts."""
    trace = (
        "panic: runtime error: invalid memory address or nil pointer dereference\n"
        "[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x48f3a2]\n\n"
        "goroutine 1 [running]:\nmain.main()\n\t/home/me/app/main.go:9 +0x22\nexit status 2\n"
    )
    assert Query.parse(trace).tours == ()
    assert Query.parse("What runs before main.main()?").tours  # the same words asked are the topic
    message, runs = Query.parse(trace).messages[0]  # the message and what follows: a run of its first words is found
    assert message.startswith("invalid memory address or nil pointer dereference") and runs


def test_files_named_like_a_missing_file_are_files(fixture_index) -> None:
    """ "hashmap.go" is like map.go (its name is part of it), the least nested first; never the symbols named like
    its extension ("go", "got")."""
    from guide.definitions import close_names

    assert close_names(fixture_index, "hashmap.go", 3)[0] == "src/runtime/map.go"
    assert close_names(fixture_index, "runtime/hashmap.go", 3)[0] == "src/runtime/map.go"
    assert all("/" in p for p in close_names(fixture_index, "hashmap.go", 3))
    assert close_names(fixture_index, "zzzz.go", 3) == []


def test_files_named_like_a_missing_file_are_found_near_the_directory_asked(real_index) -> None:
    """Trial 97: "Go 1.9 的逃逸分析在 cmd/compile/internal/gc/esc.go 里，现在这个文件去哪了？" was offered
    internal/abi's escape.go, metrics' description.go and ssa's loopreschedchecks.go (each holds "esc"), not the
    compiler's escape analysis, cmd/compile/internal/escape/escape.go, cited below the note. A name is like another
    when it begins or ends it; of the files so named, the one nearest the directories asked comes first."""
    from guide.answering import answer
    from guide.definitions import close_names

    near = close_names(real_index, "cmd/compile/internal/gc/esc.go", 3)
    assert near[0] == "src/cmd/compile/internal/escape/escape.go", near
    assert not any(p.endswith(("/description.go", "/loopreschedchecks.go")) for p in near), near
    text = answer("Where did cmd/compile/internal/gc/esc.go go?", index=real_index, llm="extractive").text
    assert "src/cmd/compile/internal/escape/escape.go" in text.split("\n\n")[0], text[:500]


def test_the_apps_questions_do_not_wait_for_the_dictionary(fixture_index, monkeypatch) -> None:
    """While another thread reads the dictionary (the app's warm-up), a question that may not wait goes on without
    its English words; a batch caller (evals, the command line) waits."""
    from guide.knowledge import cedict
    from guide.retrieval import symbol

    monkeypatch.setattr(symbol, "code_share", lambda reader, word: 0.9)
    before = fixture_index.dense_blocking
    with cedict._LOAD:  # the warm-up is reading it
        assert cedict.english_words(wait=False) is None
        fixture_index.dense_blocking = False
        try:
            assert symbol.is_identifier(fixture_index, "got")  # its usage alone decides, for now
        finally:
            fixture_index.dense_blocking = before
    assert cedict.english_words(wait=False) is not None


def test_a_files_license_block_is_never_a_hit(real_index) -> None:
    """Trial 14: "Go 程序是怎么编译和启动的？" offered "lib.go: Inferno utils/8l/asm.c" (the Inferno license the
    linker's files open with) as "See also". A comment block whose title is a license's is no design comment; inl.go's,
    whose first line is the Go license's but which goes on with its design, stays."""
    from ingest.chunk_docs import is_license

    assert is_license("comment", "cmd/link/internal/ld/lib.go: Inferno utils/8l/asm.c")
    assert is_license("comment", "cmd/compile/internal/pgo/internal/graph/graph.go: Copyright 2014 Google Inc.")
    assert not is_license("comment", "cmd/compile/internal/inline/inl.go: Use of this source code is governed by a")
    hits = retrieve(real_index, "Inferno utils asm.c Lucent Technologies copyright", ["go1.27.3"], k=10)
    assert hits and not [h.chunk.symbol for h in hits if "Inferno" in h.chunk.symbol]


def test_a_verb_after_a_type_names_its_method(real_index) -> None:
    """Trial 14: "How does a WaitGroup wait without spinning the CPU?" cited Add, Done and Go but never
    (*WaitGroup).Wait. A type named as code followed by a verb names that method when the type has it (looked up as
    a method only: "findRunnable twice" names nothing)."""
    found = {(c.text, c.kind) for c in symbol_candidates("How does a WaitGroup wait without spinning the CPU?")}
    assert ("WaitGroup.Wait", "method") in found
    hits = retrieve(real_index, "How does a WaitGroup wait without spinning the CPU?", ["go1.27.3"], k=3)
    assert hits[0].chunk.symbol == "sync.(*WaitGroup).Wait", [h.chunk.symbol for h in hits]
    hits = retrieve(real_index, "Why does the scheduler call findRunnable twice?", ["go1.27.3"], k=3)
    assert hits[0].chunk.symbol == "runtime.findRunnable"


def test_a_platform_named_in_a_question_is_no_code_word() -> None:
    """ "on amd64" names the platform: its digits do not make it a definition the guide must find (it had said
    "`amd64` is not defined in any indexed release" before answering where rt0_go is)."""
    q = Query.parse("Where does a Go program start executing on amd64 (rt0_go)? And on linux/arm64?")
    assert q.code_like == ("rt0_go",)
    assert [c.name for c in q.identifiers if c.strong] == ["rt0_go"]
    assert q.platform == ("linux", "arm64")


def test_a_call_written_against_chinese_is_the_call_alone() -> None:
    """Trial 88: "runtime.GC()手动调用会发生什么？" opened with "`runtime.GC()手动调用会发生什么` 在任何已索引的版本
    中都没有定义": the closing parenthesis did not part the call from the Chinese after it."""
    q = Query.parse("runtime.GC()手动调用会发生什么？")
    assert q.code_like == ("runtime.GC",) and [c.text for c in q.identifiers if c.strong] == ["runtime.GC"]


def test_a_byte_unit_written_with_its_amount_is_no_code_word() -> None:
    """Trial 87: "We run with a 2GiB container memory limit ... GOMEMLIMIT=1800MiB" opened with "`GiB` is not defined
    in any indexed release": a byte unit is an amount's, not a name."""
    q = Query.parse("With a 2GiB limit and GOMEMLIMIT=1800MiB, when does the GC run? And with 512 MiB?")
    assert "GiB" not in q.code_like and "MiB" not in q.code_like and "1800MiB" not in q.code_like
    assert not {"GiB", "MiB"} & {c.text for c in q.identifiers}


def test_an_architecture_named_alone_is_the_questions_platform() -> None:
    """Trial 34: "arm64 上 Go 程序的入口在哪里？" and the follow-up "what about arm64?" were answered for amd64 (only
    "on arm64" and "在 arm64 上" named a platform). An architecture whose name is no English word, or a GOOS/GOARCH
    pair, names it alone; not in a file name or a path, and not when two are named (a comparison of them)."""
    from guide.platforms import platform_named

    assert platform_named("arm64 上 Go 程序的入口在哪里？") == ("linux", "arm64")
    assert platform_named("what about arm64?") == ("linux", "arm64")
    assert platform_named("linux/arm64 entry point") == ("linux", "arm64")
    assert platform_named("windows/386 threads") == ("windows", "386")
    for text in ("What is in asm_arm64.s?", "src/runtime/rt0_linux_arm64.s", "How do amd64 and arm64 differ?",
                 "Does the arm work?", "It is 386 bytes.", "riscv64 and linux/arm64"):  # fmt: skip
        assert platform_named(text) is None, text
    # a system named beside an architecture alone; a full stop after it; wasm alone runs on js (review)
    assert platform_named("on Linux, how does arm64 enter main?") == ("linux", "arm64")
    assert platform_named("Where is the entry point for arm64.") == ("linux", "arm64")
    assert platform_named("Does wasm have goroutines?") == ("js", "wasm")
    # written without spaces beside Chinese, which Python's \\w matches (review)
    assert platform_named("在arm64上呢？") == ("linux", "arm64") == platform_named("arm64上 Go 的入口在哪？")


def test_an_architecture_as_people_name_it_is_a_platform_and_no_subject() -> None:
    """Trial 86: "我们有个老服务还是用 Go 1.9 在 x86-64 Linux 上编译的。…和现在最新的版本比有什么变化？" named no
    platform, looked up "x86" as a name and compared package internal/runtime/syscall/linux ("Linux") first. x86-64,
    x86_64, x64 and aarch64 are amd64 and arm64; a platform where the question is asked names no code and no subject,
    and still searches (asm_amd64.s)."""
    from guide.platforms import platform_named

    assert platform_named("在 x86-64 Linux 上") == ("linux", "amd64") == platform_named("on x86_64, who calls main?")
    assert platform_named("aarch64 上的入口在哪？") == ("linux", "arm64")
    assert platform_named("x86 指令") is None
    q = Query.parse(
        "我们有个老服务还是用 Go 1.9 在 x86-64 Linux 上编译的。Go 1.9 里 goroutine 是怎么被抢占的？和现在比有什么变化？"
    )
    assert q.platform_named and not q.identifiers and not q.code_like
    assert "Linux" not in {w.text for w in q.subject_words}
    assert "amd64" in Query.parse("Where is morestack, called from the function prologue, on amd64?").search_text


def test_the_packages_a_question_names() -> None:
    """An import path, the package of a qualified name, "the reflect package"; not a file name, a version or a
    path."""
    from guide.words import package_mentions

    assert package_mentions("context.Context 的取消是怎么传播的？") == ["context"]
    assert package_mentions("How does net/http serve requests? And the reflect package?") == ["net/http", "reflect"]
    assert package_mentions("runtime.gopark in chan.go at go1.21") == ["runtime"]
    assert package_mentions("src/runtime/chan.go") == [] and package_mentions("mheap_.alloc") == []


def test_a_tour_by_meaning_around_a_definition_the_question_writes_is_not_searched(real_index) -> None:
    """ "How does sync.Once make sure the function runs only once?" is closest in meaning to the mutex tour, none of
    whose steps is Once's: its steps are not searched, and the places they took are left to what the other searches
    find (Once.Do and doSlow). A tour its words name, or a definition of its own steps, keeps them."""
    from dataclasses import replace

    from guide.query import Query
    from guide.retrieval import scope_for
    from guide.retrieval.concepts import ConceptRetriever, owner

    assert owner("sync.(*Mutex).Lock") == "sync.Mutex" and owner("runtime.hchan") == ""
    scope = scope_for(real_index, [real_index.releases[-1]])
    once = replace(Query.parse("How does sync.Once make sure the function runs only once?"), tours=("locks",))
    steps = ConceptRetriever().search(real_index, replace(once, tour_by_meaning=True), scope, 20).rowids
    assert steps == []
    assert ConceptRetriever().search(real_index, replace(once, tour_by_meaning=False), scope, 20).rowids
    lock = replace(Query.parse("What does sync.Mutex do when it is contended?"), tours=("locks",), tour_by_meaning=True)
    assert ConceptRetriever().search(real_index, lock, scope, 20).rowids


@pytest.mark.slow
def test_a_type_named_brings_its_method_that_says_most_of_the_question(real_index) -> None:
    """sync.Once named: Once.Do, whose doc comment explains why a compare-and-swap is not enough, comes right after
    the type (neither the lexical nor the dense list held it; sync/atomic's CompareAndSwap methods did)."""
    from guide.retrieval.base import Scope
    from guide.retrieval.symbol import SymbolRetriever

    q = Query.parse("Why doesn't sync.Once just use a single compare-and-swap on a flag?")
    ranking = SymbolRetriever().search(real_index, q, Scope(("go1.27.3",)), 5)
    symbols = [c.symbol for c in real_index.reader.chunks(ranking.rowids)]
    assert symbols[0] == "sync.Once" and "sync.(*Once).Do" in symbols  # the name's second turn (round robin)
    hits = retrieve(real_index, q, ["go1.27.3"], k=5)
    assert "sync.(*Once).Do" in [h.chunk.symbol for h in hits]
    # a function named brings no method
    q = Query.parse("What does runtime.newproc do?")
    ranking = SymbolRetriever().search(real_index, q, Scope(("go1.27.3",)), 5)
    assert all(c.kind != "method" for c in real_index.reader.chunks(ranking.rowids))


@pytest.mark.slow
def test_a_comment_written_once_per_architecture_is_one_hit(real_index) -> None:
    """The race detector's thunks comment is in race_amd64.s, race_arm64.s, race_loong64.s ...: as a file's prose it
    had escaped both the folding of per-platform copies and the lower rank of other platforms' code, and five copies
    filled the list for "Why is calling a C function through cgo so expensive?"; one is left, linux/amd64's."""
    hits = retrieve(
        real_index,
        "Why is calling a C function through cgo so much more expensive than an ordinary Go function call?",
        ["go1.27.3"],
        k=8,
    )
    thunks = [h.chunk.path for h in hits if "thunks allow calling" in h.chunk.symbol]
    assert set(thunks) <= {"src/runtime/race_amd64.s"} and len(thunks) <= 1, [h.chunk.symbol for h in hits]


def test_a_plural_of_a_common_word_names_no_file(real_index) -> None:
    """ "the implementation switched to 'Swiss tables'" had found malloc_tables_generated.go and its plan9 copy by the
    word "tables" (in 140 chunks: rare), a plural of a word in 2,639 ("table"): it is English, not a file's name part.
    A rare word still names its files ("epoll")."""
    swiss = "How does a map lookup work? The implementation switched to Swiss tables."
    paths, strong, _ = named_files(real_index, swiss)
    assert not strong and not any("malloc_tables" in p for p in paths), paths
    assert any(p.endswith("netpoll_epoll.go") for p in named_files(real_index, "how is epoll used?")[0])
    # a plural whose singular is rare too is a name part (review: "intrinsics", 183 chunks, "intrinsic" 160)
    assert any(p.endswith("/intrinsics.go") for p in named_files(real_index, "How are intrinsics chosen?")[0])


def test_a_file_a_word_names_gives_only_the_declarations_that_say_more_of_the_question(real_index) -> None:
    """ "How does the CPU profiler sample ...?" names runtime/metrics/sample.go by its verb: its Sample, Read and
    readMetrics say nothing else of the question and had taken the first three places. A file a word names gives the
    declarations that match another of the question's words (netpoll_epoll.go's for how epoll waits for sockets)."""
    from guide.retrieval import scope_for
    from guide.retrieval.files import FileRetriever

    scope = scope_for(real_index, [real_index.releases[-1]])

    def paths(question: str) -> set[str]:
        ranking = FileRetriever().search(real_index, Query.parse(question), scope, 10)
        return {c.path for c in real_index.reader.chunks(ranking.rowids)}

    profiler = (
        "How does the CPU profiler sample a Go program on Linux? Is it signal-based, and is the timer per thread?"
    )
    assert "src/runtime/metrics/sample.go" not in paths(profiler)
    assert "src/runtime/netpoll_epoll.go" in paths("How does the runtime use epoll to wait for sockets?")


def test_a_call_written_with_its_arguments_names_the_function() -> None:
    """ "... is calling runtime.GOMAXPROCS(n) at runtime a cheap operation?" had opened with "`runtime.GOMAXPROCS(n)` is
    not defined in any indexed release": a call's arguments are no part of the name; a method's receiver is."""
    from guide.words import code_like

    assert code_like("is calling runtime.GOMAXPROCS(n) at runtime cheap?") == ["runtime.GOMAXPROCS"]
    assert code_like("what does runtime.GC() do?") == ["runtime.GC"]
    assert code_like("runtime.mallocgc(size, typ, needzero)") == ["runtime.mallocgc"]
    assert code_like("sync.(*Mutex).Lock() and (*p).runqput") == ["sync.(*Mutex).Lock", "(*p).runqput"]


def test_the_words_a_chunk_holds_are_read_from_the_fts_index_as_its_text_says_them(real_index) -> None:
    """``coverages`` reads which of the question's words each candidate holds from the FTS index (``words_held``)
    instead of tokenizing each chunk's text again: the same
    words, for words with an underscore, digits and a CJK bigram too."""
    from guide.retrieval.lexical import lexical_query
    from ingest.store import lexical_text

    reader = real_index.reader
    words = ["goroutine", "stack", "runq", "sched", "rt0", "_grunnable", "调度", "nosuchword"]
    match = lexical_query(reader, ["goroutine", "stack", "runq"])
    assert match is not None
    rowids = [r[0] for r in reader.fts_search(match, list(real_index.releases), 30)]
    held = reader.words_held(words, rowids)
    assert set(held) == set(rowids) and any(held.values())
    for chunk in reader.chunks(rowids):
        said = set(lexical_text(chunk.path, chunk.symbol, chunk.header, chunk.text).split())
        assert held[chunk.rowid] == {w for w in words if w in said}, chunk.symbol


def test_code_a_releases_default_build_leaves_out_ranks_lower() -> None:
    """Trial 80: go1.22.10's old tracer (trace.go, built only with ``!goexperiment.exectracer2``) was the second hit
    for the tracer's CPU samples at go1.22.10, where ExecTracer2 is on by default; its default build's trace2cpu.go
    was third. Asked about one release, a definition its default build leaves out counts half; asked about several,
    each with its own defaults, nothing changes."""
    from types import SimpleNamespace

    from guide.retrieval.fusion import OTHER_BUILD_FACTOR, other_build

    on = frozenset({"exectracer2"})  # as experiments_on names them
    old = SimpleNamespace(build="!goexperiment.exectracer2")
    new = SimpleNamespace(build="goexperiment.exectracer2")
    assert other_build(old, on) == OTHER_BUILD_FACTOR < 1  # type: ignore[arg-type]
    assert other_build(new, on) == 1.0 and other_build(old, None) == 1.0  # type: ignore[arg-type]
    assert (
        other_build(SimpleNamespace(build="!goexperiment.swissmap || race"), frozenset({"goexperiment.swissmap"}))
        == 1.0
    )  # type: ignore[arg-type]


def test_what_runs_before_my_main_is_the_program_start_topic() -> None:
    """Trial 84: "... is there an interpreter or virtual machine running my code? What runs before my main()?" walked
    the compiler's tour alone: "before my main" (and "main 函数之前") matched none of program start's patterns."""
    for q in ("What runs before my main()?", "main 函数之前运行了什么？", "在 main() 之前 Go 运行时做了哪些事？"):
        assert "program-start" in Query.parse(q).tours, q
    both = "I come from the JVM world. After go build, is there a virtual machine? What runs before my main()?"
    assert set(Query.parse(both).tours) == {"compile-link", "program-start"}


def test_a_cgo_call_in_plain_words_reaches_cgocall(real_index) -> None:
    """Trial 112: "what does the runtime do with a goroutine blocked in a cgo call? ..." never cited the cgo code
    (runtime/cgocall.go: "Cgo call and callback support."); its answer was the scheduler's generic lines."""
    from guide.retrieval import retrieve

    for text in ("what does the runtime do with a goroutine blocked in a cgo call? does it hold an OS thread and a P?",
                 "cgo 调用一次大概有多少开销？为什么比普通 Go 函数调用慢这么多？"):  # fmt: skip
        found = [h.chunk.symbol for h in retrieve(real_index, text, ["go1.27.3"], k=5)]
        assert "runtime.cgocall" in found, (text, found)
