"""How Go comment text reads as prose: comment lines joined into paragraphs (directives, notes to maintainers and
code examples left out, title and label lines apart) and paragraphs split into sentences, a sentence that goes on
from the one before it kept with it. What ``guide.answering.statements`` makes statements of."""

from __future__ import annotations

import re

from guide.answering.rejected import not_rejected
from guide.doc_notes import LINKNAME_NOTE

_COMMENT_LINE = re.compile(r"^\s*//+ ?(.*)$")
LIST_ITEM = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s")
"""An indented line that is a list item ("//  1) It points ..."), not a code example."""
_BLOCK_MARK = re.compile(r"^\s*(/\*+|\*+/?)\s?")
_SENTENCE = re.compile(
    r"(?<=[.!?])(?<!\b[a-z]\.)(?<!\bvs\.)(?<!\bcf\.)(?<![:.!?] \d\.)(?<!and \d\.)(?<!or \d\.)(?<!, \d\.)\s+"
    r"(?=[A-Z(`\"']|\d\.\s)"
    r"|(?<=:)\s+(?=\d\.\s)"
)
"""A sentence ends at a full stop before a capital, but not after a lettered list item's mark or an abbreviation
("three types of grow: a. A table replaced ...", "e.g. Foo", "go build vs. go run", trial 99); a numbered list item
("There are 2 parts: 1. The value sent ...") is a sentence of its own, without its mark (recv's doc was quoted as
"There are 2 parts: 1.")."""
_LIST_MARK = re.compile(r"^(?:\d{1,2}\.|[-*+•])\s+")
"""A list item's mark: "1. ", or a bullet ("* Goroutines added to the global or a per-P run queue." had been quoted
with its "* ", findRunnable's list of the sources of work)."""
_DIRECTIVE = r"go:|line |\+build|nolint|#\s*(?:include|define|undef|ifn?def|if|elif|else|endif|pragma)\b"
"""A directive: Go's (``//go:nosplit``, ``//line``, ``// +build``), a linter's, or C's, a line of the C code a cgo
preamble holds (defs_linux.go's "#define _SYS_TYPES_H // avoid inclusion of sys/types.h" had been quoted as prose)."""
_NOTE = re.compile(r"^(?:TODO|XXX|NOTE\(|Deprecated:)")
"""A note to the code's maintainers: a TODO, XXX, NOTE(...) or Deprecated: paragraph, whose sentence may go on over
the lines after it."""
_LINK_DEFINITION = r"^\[[^\]]+\]:\s*\S+$"
"""A doc comment's link definition (``[the Go memory model]: https://go.dev/ref/mem``): where a link in its text goes,
no sentence (a comparison of sync.Mutex had listed it as a comment go1.27.3 has and go1.21.13 has not)."""
NOT_PROSE = re.compile(rf"^(?:{_DIRECTIVE})|{_NOTE.pattern}|{_LINK_DEFINITION}")
"""A directive (``//go:nosplit``), a note or a link definition: no prose to quote."""
_CLOSES = (".", ":", ";", "!", "?")
"""The marks a line of prose ends with when its sentence, or the lead-in to a list, ends there."""
_ENDS_SENTENCE = (".", "!", "?")
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_BIBLIOGRAPHY = re.compile(
    r"\b\d+\(\d+(?:-\d+)?\)|\b\d{2,4}-\d{2,4}\b|\b(?:Proc|Commun|Conf|Symp)\.|\bACM\b|\bIEEE\b|\bet al\."
)
"""A paragraph with a year and a volume, issue, page range or venue cites papers ("On-the-fly garbage collection: an
exercise in cooperation. Commun. ACM 21, 11 (November 1978), 966-975."): titles of other people's work, not a
statement of what the code does (mgc.go's "Copying Garbage Collection without stopping the world" was quoted for
"when does the GC run?", of a GC that copies nothing)."""
CODE_TEXT = re.compile(r"[{};]\s*$")
"""Comment text that ends as code does (``var l *int func() {``, an example not indented as gofmt would): not a
statement. Braces inside prose ("select{recv,send,default} call") are not code."""
GOES_ON = re.compile(
    r"^(?:However|But|Thus|Therefore|Hence|Otherwise|Instead|Consequently|Conversely|Similarly|Likewise|"
    r"Nevertheless|Nonetheless|In (?:that|this|either|both) cases?|In other words|That is|As a result|"
    r"At (?:this|that) (?:point|time|stage))\b"
)
"""A sentence that opens with a connective goes on from the one before it: quoted alone it reads mid-thought
("However, it will never set GOMAXPROCS less than 2 unless ..." without "The Go runtime typically selects the
default GOMAXPROCS as the minimum of the logical CPU count, ...": trial 8). One that opens its comment goes on from
the code above it ("At this point, the Go objects are "preloaded"." in the linker's loadlib): it is not quoted
(``saying.says_something``)."""


PRONOUN = re.compile(r"^(?:It|They|Its|Their|Those|These)\b")
"""A sentence that opens with a pronoun: quoted alone, "It can inform the wrong goroutine." (preemptone's doc, after
"This function is purely best-effort.") says nothing of what "it" is (trial 20), nor "Those can arrange for
main.main to run in the main thread ..." (runtime.main's comment) who "those" are (trial 21). Read with the sentence
before it, in doc comments, prose and the comments in code alike. Measured and not taken: "This is ...", "This
means ...", "We do this ..." too (plain dev facts .873 -> .867, the held-out set's within 1,000 characters .809 ->
.786)."""


_BEFORE_GO = re.compile(r"^Before Go 1\.\d+\b")
_AS_OF_GO = re.compile(r"^(?:As of|Starting (?:in|with)|Beginning (?:in|with)|Since|From) Go 1\.\d+\b")


def _now_after(before: str, s: str) -> bool:
    """Whether ``s`` says how it is now after ``before`` said how it was before a release: "Before Go 1.23, the garbage
    collector did not recover tickers ..." / "As of Go 1.23, the garbage collector can recover unreferenced tickers
    ..." (time.NewTicker; trial 103: the first was quoted alone for whether a ticker not stopped leaks), one
    statement, as Go's doc comments write a change of behaviour."""
    return bool(_BEFORE_GO.match(before) and _AS_OF_GO.match(s))


def sentences(paragraph: str, pronouns: bool = False, short: int = 0) -> list[str]:
    """The sentences of a paragraph (``_SENTENCE``), a list item's mark removed; a sentence that goes on from the one
    before it (``GOES_ON``; with ``pronouns``, one that opens with a pronoun, ``PRONOUN``: the sentences a quote is
    chosen from) is one with it; cut off (a paragraph ended by a code example: Once.Do's "In other words, given"
    before ``var once Once``, which had ended its summary), it is dropped. With ``short``, a sentence of fewer words
    that ends as one (".", "!", "?") and has another after it in the paragraph leads into that one: maps/map.go's
    "Iteration order is unspecified. In the implementation, it is explicitly randomized." (prose that short alone is
    a title, not quoted, and the sentence after it says nothing of iteration: the answer to why a map's order
    differs each time had quoted neither). Measured (``python -m evals run --facts SET --llm extractive``): that
    answer's facts 0 -> 1; no other answer of the dev halves, the team's facts, the held-out set or the comparisons'
    dev half changed."""
    text = re.sub(r"\s+", " ", paragraph).strip()
    out: list[str] = []
    for part in _SENTENCE.split(text):
        whole = part.strip()
        if (out and _open_paren(out[-1])) or (
            out and out[-1].endswith(":") and _LIST_MARK.match(whole) and _ITEMS_CONJOINED.search(whole)
        ):  # inside a parenthesis, or a list of conditions ("if: 1. There is an idle P, and 2. ..."): one sentence
            out[-1] = f"{out[-1]} {whole}"
            continue
        s = _LIST_MARK.sub("", whole)  # "1. The value ...", "* Goroutines ...": the item, not its mark
        if len(s) < 12:  # a list's mark split off ("2." before "Otherwise, if the mspan ..."), or a fragment
            continue
        goes_on = GOES_ON.match(s) or (pronouns and PRONOUN.match(s)) or (out and _now_after(out[-1], s))
        if GOES_ON.match(s) and (s[-1].isalnum() or s.endswith(",")):  # cut off mid-clause: says nothing, either way
            continue
        lead = out and len(out[-1].split()) < short and out[-1].endswith(_ENDS_SENTENCE)  # "Iteration order is ..."
        if out and s == part.strip() and (goes_on or lead) and text.find(f"{out[-1]} {s}") >= 0:
            out[-1] = f"{out[-1]} {s}"
        else:
            out.append(s)
    return out


_CONJUNCTION = r"(?:,|\b(?:and|or))"
_CONJOINED = re.compile(rf"{_CONJUNCTION}$")
"""A list item that ends with "and", "or" or a comma is a clause of the sentence that runs through the list: "We
unpark an additional thread when we submit work if (this is wakep()):" / "1. There is an idle P, and" / "2. There
are no "spinning" worker threads." (the second item alone, quoted as a fact, read as false: trial 89)."""


_ITEMS_CONJOINED = re.compile(rf"{_CONJUNCTION}(?: \d{{1,2}}\.\s|$)")
"""In a sentence split at a list's lead-in colon: an item joined to the next by "and", "or" or a comma."""


def _open_paren(sentence: str) -> bool:
    """A sentence that opens a parenthesis it does not close goes on in the next one ("(An alternative would be to
    preempt in the signal handler itself." is the first of four sentences on why preempt.go does not: trial 89)."""
    return sentence.count("(") > sentence.count(")")


def paragraphs(comment_lines: list[str]) -> list[str]:
    """Comment text (markers removed) joined into paragraphs at blank comment lines, directives dropped, and a TODO,
    XXX, NOTE(...) or Deprecated: paragraph dropped whole, up to the next blank comment line (a code example in it
    too): all of it is a note to the code's maintainers ("TODO: secret mode is invisible ..." goes on "Whether a
    goroutine is running in secret mode should be more visible, maybe with ...", which had been quoted on what a
    goroutine costs). A first line that ends without punctuation before a line that starts a sentence ("generic single
    channel send/recv" / "If block is not nil, ...") ends a paragraph too: Go comments often have a title or a
    label line (``_STARTS_SENTENCE``). A line indented beyond the space
    after ``//`` continues the list item above it ("2. Direct goroutine handoff. That is, when we ready a new
    goroutine and there" / "   is a spare P, ..."); anywhere else it is a code example, which ends the paragraph
    and is not prose. A list item after another item starts a paragraph of its own."""
    out: list[str] = []
    cur: list[str] = []
    in_item = False  # the paragraph being built is a list item: indented lines continue it
    in_note = False  # a TODO, NOTE(...) or Deprecated: line was dropped: the lines after it, to a blank one, go too
    in_list = False  # the paragraph's sentence goes on through a list's items (no full stop before the first one)
    in_entry = False  # the paragraph is a parameter's entry ("waitio - wait only for completed IO, ignore errors")

    def flush() -> None:
        nonlocal in_list
        in_list = False
        if cur:
            out.append(" ".join(cur))
            cur.clear()

    for ln in comment_lines:
        m = _COMMENT_LINE.match(ln)
        body = m.group(1) if m else _BLOCK_MARK.sub("", ln)
        if not body.strip() or NOT_PROSE.search(body.strip()):
            flush()
            in_item = False
            in_note = _NOTE.match(body.strip()) is not None
            continue
        if in_note:
            continue
        text = body.strip()
        item = bool(LIST_ITEM.match(body))
        if body[:1] in ("\t", " ") and not item:
            if in_item and cur:  # the item's next line
                cur.append(text)
            else:  # a code example: it ends the paragraph, so that no sentence is joined across it
                flush()
                in_item = False
            continue
        after_title = (
            len(cur) == 1
            and (is_title(cur[0]) or _STARTS_SENTENCE.match(text) is not None)
            and (text[:1].isupper() and not cur[0].endswith((*_CLOSES, ",")))
        )  # a label line ("ran out of deferred calls - old-school panic now" / "Because it is unsafe ...")
        after_link = bool(cur) and _ENDS_WITH_LINK.search(cur[-1]) is not None and _STARTS_SENTENCE.match(text)
        if after_link:  # "For details, see the design doc at" / "https://docs.google.com/..." / "The basic ..."
            flush()
        if item and cur and not in_item and not in_list and not cur[-1].endswith(_CLOSES):
            in_list = True  # "... from a combination of" / "- the number of logical CPUs," ...: the sentence goes on
        ends = bool(cur) and cur[-1].endswith(_ENDS_SENTENCE)  # an item that ends its sentence ends the list's run
        conjoined = bool(cur) and _CONJOINED.search(cur[-1]) is not None  # "1. There is an idle P, and" / "2. ..."
        entry = _ENTRY.match(text) is not None  # a parameter's entry is a paragraph of its own, and so is what
        if (entry or (in_entry and text[:1].isupper())) and not in_list:  # follows it when it starts a sentence
            flush()
        if ((item and in_item) or after_title) and (not in_list or ends) and not conjoined:
            flush()
        in_item = item
        in_entry = entry or (in_entry and bool(cur))
        cur.append(text)
    flush()
    return not_rejected([p for p in out if p and not LINKNAME_NOTE.search(p) and not cites_papers(p)])


_ENTRY = re.compile(r"^[a-z_]\w* - \S")
"""A line that describes a parameter or a mode by its name, after a hyphen, without a full stop (netpollblock's
"returns true if IO is ready, or false if timed out or closed" / "waitio - wait only for completed IO, ignore
errors" / "Concurrent calls to netpollblock in the same mode are forbidden, ..." had been quoted as one sentence,
trial 95)."""
_ENDS_WITH_LINK = re.compile(r"\bhttps?://\S+$")
"""A line that ends with a link: no full stop follows a URL, and a line after it that starts a sentence starts one
(gcComputeStartingStackSize's "For details, see the design doc at" / a docs.google.com link / "The basic algorithm is
to track the average size of stacks ..." had been quoted as one sentence with the link in it, trial 64)."""
_STARTS_SENTENCE = re.compile(
    r"(?:Because|If|When|While|Since|The|This|These|That|It|We|In|For|So|But|Otherwise|Note|Then|Once|After|Before|"
    r"As|Also|However|Here|There|Now|Only|Each|Every|Some|All|No|Do(?= (?:not|NOT)\b)|Don't|Make|Use|Call|Set|Check)\b"
)
"""The words an English sentence of a comment starts with: after a first line that ends without punctuation, the line
that starts with one starts a sentence of its own, that line being a label ("GC threads to run in parallel." goes on
"... allows multiple"). "Do" only as "Do not": alone it is as often a method's name (Once.Do's "if f causes" / "Do to
be called, it will deadlock.")."""
TITLE_WORDS = 8
"""At most this many words, no comma, no closing punctuation, alone at a paragraph's start: a title line ("generic
single channel send/recv"). A longer line that ends without punctuation is a sentence that goes on, whatever case
the next line starts with ("... allows multiple" / "GC threads to run in parallel.")."""


def is_title(line: str) -> bool:
    return len(line.split()) <= TITLE_WORDS and "," not in line and not line.endswith((*_CLOSES, ")"))


def cites_papers(paragraph: str) -> bool:
    """Whether a paragraph cites published papers (``_BIBLIOGRAPHY``)."""
    return bool(_YEAR.search(paragraph) and _BIBLIOGRAPHY.search(paragraph))


OPENING_WORDS = 8
"""The words of a sentence's opening that place it in a body's comments (``comment_line``)."""


def comment_line(text: str, excerpt: str) -> int | None:
    """The index of the line of ``excerpt`` whose ``//`` comment a quoted sentence (``text``) starts on: where its
    first ``OPENING_WORDS`` words are in the comment lines read in a row (a sentence may go on to the next line); None
    when they are nowhere, or in more than one place."""
    return _start_line(text, *_comment_text(excerpt))


def comment_lines(text: str, excerpt: str) -> tuple[int, int] | None:
    """The first and last line of ``excerpt`` a quoted sentence (``text``, as quoted: parts elided with " … ", a cut
    with a closing "…") is read from: where it starts (``comment_line``) and where its last part ends, on that line or
    after it (the start alone when the end is not found as written); None when the start is not found."""
    joined, starts = _comment_text(excerpt)
    first = _start_line(text, joined, starts)
    if first is None:
        return None
    last = " ".join(text.removesuffix("…").rstrip().split(" … ")[-1].split())
    at = joined.find(last, starts[first]) if last else -1
    end = at + len(last) - 1 if at >= 0 else starts[first]
    return first, max(i for i, start in enumerate(starts) if start <= end)


def _start_line(text: str, joined: str, starts: list[int]) -> int | None:
    """``comment_line`` over the comments already joined (``_comment_text``)."""
    phrase = " ".join(text.split()[:OPENING_WORDS])
    at = joined.find(phrase) if phrase else -1
    if at < 0 or joined.find(phrase, at + 1) >= 0:
        return None
    return max(i for i, start in enumerate(starts) if start <= at)


def _comment_text(excerpt: str) -> tuple[str, list[int]]:
    """The ``//`` comments of ``excerpt``'s lines joined by spaces (a code line an empty segment: no phrase is read
    across it, "a  b"), and where each line's text starts in it."""
    bodies = [" ".join(m.group(1).split()) if (m := _COMMENT_LINE.match(ln)) else "" for ln in excerpt.split("\n")]
    starts = [0]
    for body in bodies[:-1]:
        starts.append(starts[-1] + len(body) + 1)
    return " ".join(bodies), starts


__all__ = [
    "CODE_TEXT", "GOES_ON", "LIST_ITEM", "NOT_PROSE", "OPENING_WORDS", "PRONOUN", "TITLE_WORDS", "cites_papers",
    "comment_line", "comment_lines", "is_title", "paragraphs", "sentences",
]  # fmt: skip
