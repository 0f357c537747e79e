"""The check of a model's citations: out-of-range numbers, quotes not in the cited lines, wrong versions."""

from __future__ import annotations

from guide.answering.check import check_citations
from guide.citation import Citation, cite_chunk
from ingest.reader import lookup


def _src(n: int, version: str, excerpt: str, path: str = "src/runtime/chan.go") -> Citation:
    return Citation(
        version, path, 10, 10 + excerpt.count("\n"), f"runtime.s{n}", "func", f"https://x/{n}", excerpt, n=n
    )


SOURCES = [
    _src(1, "go1.27.3", "type hchan struct {\n\tlock mutex\n}"),
    _src(2, "go1.21.13", "func chansend(c *hchan) bool {\n\tlock(&c.lock)\n}"),
    _src(3, "go1.27.3", "func unused() {}"),
]


def test_valid_citations_are_kept_and_renumbered_in_order_of_use():
    r = check_citations("A channel has a `lock mutex` field [1]. Sending takes it: `lock(&c.lock)` [2].", SOURCES)
    assert r.invalid == 0 and not r.warnings
    assert r.text == "A channel has a `lock mutex` field [1]. Sending takes it: `lock(&c.lock)` [2]."
    assert [(s.n, s.symbol) for s in r.cited] == [(1, "runtime.s1"), (2, "runtime.s2")]


def test_citing_a_source_that_was_not_given_is_removed():
    r = check_citations("Channels use a mutex [9]. The struct is hchan [1].", SOURCES)
    assert "[9]" not in r.text and "[1]" in r.text
    assert r.invalid == 1 and "no source [9]" in r.warnings[0]
    assert [s.n for s in r.cited] == [1]


def test_quote_not_in_cited_lines_is_removed():
    r = check_citations("The channel uses `sync.RWMutex` for its lock [1].", SOURCES)
    assert r.cited == [] and r.invalid == 1
    assert "does not occur" in r.warnings[0]


def test_a_misquote_is_dropped_whole_and_the_rest_kept():
    text = "- “hchan has a lock that protects all fields” [1]\n- `lock(&c.lock)` — “takes the lock” [2]\n- plain [3]"
    r = check_citations(text, SOURCES)
    assert r.text == "- plain [1]" and [s.symbol for s in r.cited] == ["runtime.s3"]
    assert any("dropped a quotation" in w for w in r.warnings)
    kept = check_citations("- `lock mutex` [1]\n- plain [3]", SOURCES)
    assert kept.text == "- `lock mutex` [1]\n- plain [2]"


def test_wrong_version_is_removed():
    r = check_citations("In go1.27.3 chansend locks the channel [2].", SOURCES)
    assert r.cited == [] and "go1.27.3" in r.warnings[0]
    ok = check_citations("In go1.21 chansend locks the channel [2].", SOURCES)
    assert [s.n for s in ok.cited] == [1]


def test_a_release_named_beside_a_design_document_is_no_mismatch():
    """A design document is no release: the releases a sentence names beside one (its file name's "go1.18") are not
    a wrong version; the sentence keeps its citation (it was removed, and "removed citation [–]: the sentence names
    go1.18" shown to the reader)."""
    doc = Citation("design", "design/generics-implementation-dictionaries-go1.18.md", 100, 102,
                   "design/generics-implementation-dictionaries-go1.18.md#Dictionaries", "section", "u",
                   "Dictionaries are passed to generic functions.", n=1)  # fmt: skip
    r = check_citations("See also: design/generics-implementation-dictionaries-go1.18.md [1]", [doc])
    assert r.invalid == 0 and not r.warnings and [s.n for s in r.cited] == [1]


def test_renumbering_skips_unused_sources():
    r = check_citations("Only this [3].", SOURCES)
    assert r.text == "Only this [1]." and r.cited[0].symbol == "runtime.s3"


def test_multiline_answers_keep_their_structure():
    text = "Summary:\n\n- the lock: `lock mutex` [1]\n- sending: `lock(&c.lock)` [2]\n- bogus [7]"
    r = check_citations(text, SOURCES)
    assert r.text.startswith("Summary:\n\n- the lock") and "[7]" not in r.text and r.text.count("\n") == 4


def test_sources_are_verified_against_git(fixture_index):
    d = lookup(fixture_index.store, "hchan", "go1.27.3")[0]
    chunk = fixture_index.store.get_chunks([d.chunk_rowid])[0]
    src = cite_chunk(fixture_index, chunk, "go1.27.3")
    # start_line is the declaration's line (README); the doc comment (lines 23-24) is apart
    assert src is not None and (src.doc_start_line, src.start_line, src.end_line) == (23, 25, 36)
    assert src.url == "https://github.com/golang/go/blob/go1.27.3/src/runtime/chan.go#L25-L36"
    assert src.excerpt.splitlines()[0] == "type hchan struct {"
    assert src.doc == fixture_index.excerpt("go1.27.3", "src/runtime/chan.go", 23, 24)
    # a chunk claimed at a version whose file differs is refused
    d_old = lookup(fixture_index.store, "forcePreemptNS", "go1.21.13")[0]
    old_chunk = fixture_index.store.get_chunks([d_old.chunk_rowid])[0]
    assert cite_chunk(fixture_index, old_chunk, "go1.27.3") is None


def test_short_code_spans_pair_their_backticks() -> None:
    src = _src(1, "go1.27.3", "// rg is a binary semaphore; wg is its writer twin.\nvar rg, wg uintptr")
    out = check_citations("Parking: `rg` (or `wg` for writes) is a binary semaphore [1].", [src])
    assert out.warnings == [] and out.cited == [src]
    out = check_citations("Parking: `rg` (or `wgw` for writes) is a binary semaphore [1].", [src])
    assert out.cited == [] and "`wgw`" in out.warnings[0]  # the spans pair as written: `wgw` is checked


def test_quoted_comment_lines_match_without_their_markers() -> None:
    text = "```go\n// ClientHandler defines the interface to handle authentication.\n```"
    src = _src(1, "design", text, "design/x.md")
    out = check_citations("- “// ClientHandler defines the interface to handle authentication.” [1]", [src])
    assert out.warnings == [] and out.cited == [src]


def test_a_removed_citation_is_named_by_its_number_in_the_checked_answer():
    """The writer's numbers change when the kept sources are renumbered: a warning names the number the source has in
    the checked answer, or "–" when it is cited nowhere else (it named another source's card before)."""
    r = check_citations("Only this [3]. In go1.27.3 chansend locks the channel [2].", SOURCES)
    assert [s.symbol for s in r.cited] == ["runtime.s3"] and r.text.startswith("Only this [1].")
    assert r.warnings == [
        "removed citation [–]: the sentence names go1.27.3 but [–] is src/runtime/chan.go:10-12 @ go1.21.13"
    ]
    both = check_citations("First [3]. In go1.27.3 chansend locks [2]. In go1.21 it does [2].", SOURCES)
    assert both.text == "First [1]. In go1.27.3 chansend locks. In go1.21 it does [2]."
    assert both.warnings[0].startswith("removed citation [2]: the sentence names go1.27.3 but [2] is")


def test_a_release_named_inside_quoted_code_or_prose_is_the_sources_not_the_answers():
    """`go1_9 = asGoVersion("go1.9")` quotes types2's table of versions at go1.27.3: its "go1.9" is the code's, not a
    release the answer names (trial 12: the line was dropped, and the warnings read as debugging output); the answer's
    own words still name releases."""
    src = _src(2, "go1.21.13", 'go1_9 = asGoVersion("go1.9") // Go versions that introduced language changes')
    line = '- `go1_9 = asGoVersion("go1.9")` — “Go versions that introduced language changes” (types2.go1_9) [2]'
    out = check_citations(line, [src])
    assert out.warnings == [] and [c.symbol for c in out.cited] == ["runtime.s2"]
    assert (
        check_citations("In go1.27.3 it is `asGoVersion` [2].", [src])
        .warnings[0]
        .startswith("removed citation [–]: the sentence names go1.27.3")
    )


def test_an_index_in_quoted_code_is_not_a_marker():
    """`var events [128]EpollEvent` quotes code: its [128] is the array's length, kept byte for byte; the marker after
    it is renumbered as usual."""
    src = _src(4, "go1.27.3", "func netpoll() {\n\tvar events [128]EpollEvent\n}", "src/runtime/netpoll_epoll.go")
    r = check_citations("- **runtime.netpoll** [4]: line 11 `var events [128]EpollEvent`", [src])
    assert r.invalid == 0 and not r.warnings
    assert r.text == "- **runtime.netpoll** [1]: line 11 `var events [128]EpollEvent`"


def test_an_array_type_said_outside_code_is_not_a_marker():
    """Trial 37: a comparison's "type changed: struct { ... _ [4]byte fun [1]uintptr }" (plain text: the squashed
    struct is in no cited line) came out as "_ [1]byte fun [6]uintptr", its lengths renumbered as citations. An
    array type's length is followed by its element type; a marker is not. The web view links markers alike."""
    from guide.render.html import _MARKER as HTML_MARKER

    text = "- type changed: struct { hash uint32 _ [4]byte fun [1]uintptr } -> = abi.ITab [2]"
    r = check_citations(text, SOURCES)
    assert r.text == "- type changed: struct { hash uint32 _ [4]byte fun [1]uintptr } -> = abi.ITab [1]"
    assert [m.group(1) for m in HTML_MARKER.finditer(text)] == ["2"]
    assert [m.group(1) for m in HTML_MARKER.finditer("see [3]. and [4], [5]")] == ["3", "4", "5"]
    # markers in a run, as the prompt asks a model to write them, are each a marker (review)
    r = check_citations("A channel has a `lock mutex` field [1][2].", SOURCES)
    assert r.text == "A channel has a `lock mutex` field [1][2]." and [c.n for c in r.cited] == [1, 2]
    assert [m.group(1) for m in HTML_MARKER.finditer("field [1][2].")] == ["1", "2"]


def test_a_dropped_quotation_is_named_in_plain_words():
    """The warning names the dropped line without its list number or bold, cut at a word (trial 12 showed
    "4. **cmd/compile/internal/types2.asGoVersion** (src/cmd/compile/internal/types2/ve")."""
    src = _src(1, "go1.27.3", "func f() {}")
    line = (
        "4. **runtime.someFunctionName** (src/runtime/chan.go:10-10) — “a sentence that the source does not hold” [1]"
    )
    (_removed, dropped) = check_citations(line, [src]).warnings
    assert dropped.startswith("dropped a quotation no cited source holds: runtime.someFunctionName (src/runtime/")
    assert "**" not in dropped and dropped.endswith(" …") and "quoted" not in dropped


def test_a_quote_joined_from_lines_keeps_the_words_that_open_them() -> None:
    """Emphasis, a C directive or a flag that opens a line is a word, not markup: a quote that joins the lines has it
    in its middle, and the check reads the source's lines the same way (a design document's "*stop-the-world*" had
    dropped its quote)."""
    text = "The mark and sweep phases are *concurrent*, while the\n*stop-the-world* phases pause the mutator.\n"
    src = _src(1, "design", text, "design/17505-concurrent-rescan.md")
    quoted = "- “The mark and sweep phases are *concurrent*, while the *stop-the-world* phases pause the mutator.” [1]"
    out = check_citations(quoted, [src])
    assert out.warnings == [] and out.cited == [src]
    c = _src(1, "go1.27.3", "/*\n#define _SYS_TYPES_H // avoid inclusion\n#include <linux/types.h>\n*/", "src/x.go")
    out = check_citations("- “#define _SYS_TYPES_H // avoid inclusion #include <linux/types.h>” [1]", [c])
    assert out.warnings == [] and out.cited == [c]
    bullet = _src(1, "design", "Two kinds:\n* one is fast\n- the other is slow\n", "design/x.md")
    out = check_citations("- “Two kinds: one is fast the other is slow” [1]", [bullet])
    assert out.warnings == [] and out.cited == [bullet]


def test_a_design_documents_heading_is_shown_without_its_markdown():
    """Trial 37: a citation card showed "[queueimpl2](https://github.com/...)", a link written in a design document's
    heading. A reader sees the link's text; the symbol itself (what lookups and the check read) is unchanged."""
    from guide.answering.quotable import document_title

    heading = (
        "design/33974-add-public-lockedfile-pkg.md#Proposal: make the internal [lockedfile](https://godoc.org/x/) "
        "package public > Abstract"
    )
    doc = Citation("design", "design/33974-add-public-lockedfile-pkg.md", 1, 2, heading, "section", "u", "text", n=1)
    assert doc.shown_symbol.endswith("make the internal lockedfile package public > Abstract")
    assert document_title(doc) == "Proposal: make the internal lockedfile package public"
    code = Citation("go1.27.3", "src/runtime/chan.go", 1, 2, "runtime.hchan", "type", "u", "x", n=2)
    assert code.shown_symbol == "runtime.hchan" and doc.symbol == heading


def test_one_range_given_two_numbers_is_cited_once():
    """Trial 35: a tour's step and a definition the search found, the same lines at the same release, were two
    citations ("[10] [11]" for one Map). A range is cited under one number, and the same marker twice in a row is
    one."""
    a, b = _src(1, "go1.27.3", "lock mutex"), _src(2, "go1.27.3", "lock mutex")
    other = _src(3, "go1.21.13", "lock mutex")
    res = check_citations("`lock mutex` [1] [2]. Also here [2], and at the older release [3].", [a, b, other])
    assert res.text == "`lock mutex` [1]. Also here [1], and at the older release [2]."
    assert [(c.n, c.version) for c in res.cited] == [(1, "go1.27.3"), (2, "go1.21.13")]


def test_chinese_sentences_are_checked_one_by_one_without_a_space_between_them():
    """Chinese sentences follow one another without a space: "`go.y` 在任何已索引的版本中都不存在。目前最接近的对应物是
    `Parse` [1]。" is two sentences, and the first's code span, a name no source holds, does not take the second's
    citation with it (with the sentences joined by a space, as the answer had them, "。 目前" read oddly)."""
    src = _src(1, "go1.27.3", "func Parse(src io.Reader) (*File, error) {")
    out = check_citations("`go.y` 在任何已索引的版本中都不存在。目前最接近的对应物是 `Parse` [1]。", [src])
    assert out.text == "`go.y` 在任何已索引的版本中都不存在。目前最接近的对应物是 `Parse` [1]。" and out.warnings == []
    said = "他说：“结束了。”然后 [1] 走了。"  # a closing quote after the full stop is still the sentence's
    assert check_citations(said, [src]).text == said


def test_a_one_line_citation_is_written_as_its_line():
    """A constant's citation read "src/internal/sync/mutex.go:55-55"; one line is written as one number, in the
    chat, the cards and a comparison's "line 55"."""
    from guide.render.changes import lines_at
    from guide.render.markdown import LABELS

    one = Citation("go1.27.3", "src/internal/sync/mutex.go", 55, 55, "internal/sync.starvationThresholdNs", "const",
                   "u", "starvationThresholdNs = 1e6", n=1)  # fmt: skip
    many = Citation("go1.27.3", "src/runtime/chan.go", 34, 55, "runtime.hchan", "type", "u", "type hchan struct {}")
    assert one.location == "src/internal/sync/mutex.go:55" and one.label.endswith(":55 @ go1.27.3")
    assert many.location == "src/runtime/chan.go:34-55"
    assert lines_at(LABELS["en"], "go1.27.3", one) == "go1.27.3: src/internal/sync/mutex.go line 55"
    assert lines_at(LABELS["zh"], "go1.27.3", many) == "go1.27.3：src/runtime/chan.go 第 34-55 行"


def test_a_quote_that_elides_a_code_example_holds_each_part_in_order():
    """A body comment's sentence that goes on from one before a code example is quoted with it, "…" between
    (``statements.Statement.context``): each part must be in the cited lines, in that order."""
    src = _src(1, "go1.27.3", (
        "func f() {\n\t// For non-constant sizes, we do a hybrid approach:\n\t//\n\t//   if cap <= K {\n\t//   }\n"
        "\t//\n\t// It costs a constant amount of stack space, but may\n\t// avoid a heap allocation.\n\treturn\n}"
    ))  # fmt: skip
    said = "For non-constant sizes, we do a hybrid approach: … It costs a constant amount of stack space"
    assert check_citations(f"- “{said}” [1]", [src]).cited == [src]
    swapped = "It costs a constant amount of stack space … For non-constant sizes, we do a hybrid approach:"
    assert check_citations(f"- “{swapped}” [1]", [src]).cited == []
    invented = "For non-constant sizes, we do a hybrid approach: … It costs nothing at all"
    assert check_citations(f"- “{invented}” [1]", [src]).cited == []


def test_the_numbers_an_answer_cites_are_its_markers_only():
    """An answer's "See also" leaves out what its text cites already (a raiser's note, runtime.fatal); an array's
    length in quoted code (`runq [256]guintptr`, `_ [4]byte`) is no citation of source 256 or 4."""
    from guide.answering.check import cited_numbers

    text = "- the same at both releases: `runq [256]guintptr`, `_ [4]byte` — “Queue of runnable goroutines.” [2] [1]"
    assert cited_numbers(text) == {1, 2}
    assert cited_numbers("lengths [4]byte and [1]uintptr, cited [3][5].") == {3, 5}
