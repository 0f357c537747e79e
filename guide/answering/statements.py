"""What the cited sources say, sentence by sentence: the statements an extractive answer quotes.

From a citation: the sentences of its doc comment; each commented line of its code (a struct field, a constant, a
statement with the comment that explains it: ``lock mutex`` with "lock protects all fields in hchan ..."); the
sentences of comment blocks inside its body; the sentences of a design comment, package doc or document section.
Each statement keeps the cited code line (when it has one) and its prose exactly as written — comment markers and
line breaks aside — so a quote of it passes the citation check.

How much of the question each says is scored in ``guide.answering.relevance``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from guide.answering.rejected import not_rejected
from guide.citation import Citation
from guide.doc_notes import LINKNAME_NOTE
from guide.program_messages import MESSAGE_CALL
from guide.words import GO_KEYWORDS
from ingest.chunk_docs import is_boilerplate
from ingest.tokens import identifier_tokens

_COMMENT_LINE = re.compile(r"^\s*//+ ?(.*)$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s")
"""An indented line that is a list item ("//  1) It points ..."), not a code example."""
_BLOCK_MARK = re.compile(r"^\s*(/\*+|\*+/?)\s?")
_TRAILING = re.compile(r"^(?P<code>.*?\S)\s*//\s?(?P<comment>.*)$")
_SENTENCE = re.compile(r"(?<=[.!?])(?<!\b[a-z]\.)(?<![:.!?] \d\.)\s+(?=[A-Z(`\"']|\d\.\s)|(?<=:)\s+(?=\d\.\s)")
"""A sentence ends at a full stop before a capital, but not after a lettered list item's mark or an abbreviation
("three types of grow: a. A table replaced ...", "e.g. Foo"); a numbered list item ("There are 2 parts: 1. The
value sent ...") is a sentence of its own, without its mark (recv's doc was quoted as "There are 2 parts: 1.")."""
_LIST_MARK = re.compile(r"^(?:\d{1,2}\.|[-*+•])\s+")
"""A list item's mark: "1. ", or a bullet ("* Goroutines added to the global or a per-P run queue." had been quoted
with its "* ", findRunnable's list of the sources of work)."""
_DIRECTIVE = r"go:|line |\+build|nolint|#\s*(?:include|define|undef|ifn?def|if|elif|else|endif|pragma)\b"
"""A directive: Go's (``//go:nosplit``, ``//line``, ``// +build``), a linter's, or C's, a line of the C code a cgo
preamble holds (defs_linux.go's "#define _SYS_TYPES_H // avoid inclusion of sys/types.h" had been quoted as prose)."""
_NOTE = re.compile(r"^(?:TODO|XXX|NOTE\(|Deprecated:)")
"""A note to the code's maintainers: a TODO, XXX, NOTE(...) or Deprecated: paragraph, whose sentence may go on over
the lines after it."""
_NOT_PROSE = re.compile(rf"^(?:{_DIRECTIVE})|{_NOTE.pattern}")
"""A directive (``//go:nosplit``) or a note: no prose to quote."""
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
_MD_MARKUP = re.compile(r"^\s*(#+\s|[-*+]\s|\d+\.\s|>|\|)\s*")
"""A Markdown line's heading, list or quote mark, removed before a section's prose is split into sentences; a mark
is followed by a space, so emphasis that opens a line ("**Scheduler preemption.** This ...") is kept whole."""
_DECLARATION_LINE = re.compile(r"^[A-Za-z_]\w*(?:\s*,\s*\w+)*\s+(?!:=)(?:=\s*)?[^(){};]{1,50}$")
"""A struct field or a constant/variable spec (``lock mutex``, ``stackMin = 2048``): a line a comment explains. A
short variable declaration (``wasSpinning := mp.spinning``) is a statement of a function body: the comment above it
is quoted alone."""
CODE_TEXT = re.compile(r"[{};]\s*$")
"""Comment text that ends as code does (``var l *int func() {``, an example not indented as gofmt would): not a
statement. Braces inside prose ("select{recv,send,default} call") are not code."""
_SPEC = re.compile(r"^[A-Za-z_]\w*(?:\s*,\s*\w+)*(?:\s+[\w.*\[\]]+)?\s*=\s*\S")
"""In a group of constants or variables, a spec with a value of any form (``MaxImplicitStackVarSize =
int64(64 * 1024)``): the declaration the comment above it explains."""
MIN_WORDS = 5
"""A comment inside a body with fewer words and no code line to explain is a label of the code ("Initialize the
span.", "Produce the schedule."), and prose that short is a title ("Memory allocator."): not a statement of what the
code does or why."""
MAX_CHARS = 320
"""A statement longer than this is cut at a sentence end (or not used)."""
CUT_SLACK = 40
"""... unless it ends within this many characters more: a cut that drops its last few words ("... or its space is
reused across loop iterations for logically …" without "distinct variables)", escape.go's invariants, trial 44)
leaves it unfinished for a saving of one line."""
_PROSE_KINDS = frozenset({"section", "comment", "package", "text", "file"})


Similarity = Callable[[Sequence[str]], list[float]]
"""The similarity of each text to the question (``CachedEmbeddings.similarities`` bound to it)."""


@dataclass(frozen=True)
class Statement:
    """One thing a source says: ``text`` (prose, verbatim but for comment markers and line breaks), the ``code``
    line it explains when it has one, and the source's number ``n``."""

    n: int
    text: str
    code: str = ""
    kind: str = "doc"
    """``doc`` (the doc comment), ``line`` (a commented line of code), ``body`` (a comment block in the code),
    ``prose`` (a design comment, package doc or document section), ``decl`` (a one-line constant or variable with no
    comment: its declaration is all it says, ``NumSizeClasses = 68``; ``text`` and ``code`` are that line), ``message``
    (a panic's, fatal error's or compiler diagnostic's message, ``MESSAGE_CALL``; ``code`` is its line)."""

    @property
    def words(self) -> list[str]:
        return identifier_tokens(f"{self.code} {self.text}")


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


_PRONOUN = re.compile(r"^(?:It|They|Its|Their|Those|These)\b")
"""A sentence that opens with a pronoun: quoted alone, "It can inform the wrong goroutine." (preemptone's doc, after
"This function is purely best-effort.") says nothing of what "it" is (trial 20), nor "Those can arrange for
main.main to run in the main thread ..." (runtime.main's comment) who "those" are (trial 21). Read with the sentence
before it, in doc comments, prose and the comments in code alike. Measured and not taken: "This is ...", "This
means ...", "We do this ..." too (plain dev facts .873 -> .867, the held-out set's within 1,000 characters .809 ->
.786)."""


def sentences(paragraph: str, pronouns: bool = False) -> list[str]:
    """The sentences of a paragraph (``_SENTENCE``), a list item's mark removed; a sentence that goes on from the one
    before it (``GOES_ON``; with ``pronouns``, one that opens with a pronoun, ``_PRONOUN``: the sentences a quote is
    chosen from) is one with it; cut off (a paragraph ended by a code example: Once.Do's "In other words, given"
    before ``var once Once``, which had ended its summary), it is dropped."""
    text = re.sub(r"\s+", " ", paragraph).strip()
    out: list[str] = []
    for part in _SENTENCE.split(text):
        s = _LIST_MARK.sub("", part.strip())  # "1. The value ...", "* Goroutines ...": the item, not its mark
        if len(s) < 12:  # a list's mark split off ("2." before "Otherwise, if the mspan ..."), or a fragment
            continue
        goes_on = GOES_ON.match(s) or (pronouns and _PRONOUN.match(s))
        if GOES_ON.match(s) and (s[-1].isalnum() or s.endswith(",")):  # cut off mid-clause: says nothing, either way
            continue
        if out and s == part.strip() and goes_on and text.find(f"{out[-1]} {s}") >= 0:
            out[-1] = f"{out[-1]} {s}"
        else:
            out.append(s)
    return out


def paragraphs(comment_lines: list[str]) -> list[str]:
    """Comment text (markers removed) joined into paragraphs at blank comment lines, directives and TODO, XXX,
    NOTE(...) and Deprecated: lines dropped (with the rest of their sentence on the lines after them, a code example
    in it too). A first line that ends without punctuation before a line that starts a sentence ("generic single
    channel send/recv" / "If block is not nil, ...") ends a paragraph too: Go comments often have a title or a
    label line (``_STARTS_SENTENCE``). A line indented beyond the space
    after ``//`` continues the list item above it ("2. Direct goroutine handoff. That is, when we ready a new
    goroutine and there" / "   is a spare P, ..."); anywhere else it is a code example, which ends the paragraph
    and is not prose. A list item after another item starts a paragraph of its own."""
    out: list[str] = []
    cur: list[str] = []
    in_item = False  # the paragraph being built is a list item: indented lines continue it
    after_note = False  # a TODO, NOTE(...) or Deprecated: line was dropped: the lines after it go on its sentence
    cut_first = False  # the paragraph being built opens with the end of such a sentence: that part is no sentence
    in_list = False  # the paragraph's sentence goes on through a list's items (no full stop before the first one)

    def flush() -> None:
        nonlocal cut_first, in_list
        in_list = False
        if cur:
            text = " ".join(cur)
            out.append(" ".join(sentences(text)[1:]) if cut_first else text)
            cur.clear()
        cut_first = False

    for ln in comment_lines:
        m = _COMMENT_LINE.match(ln)
        body = m.group(1) if m else _BLOCK_MARK.sub("", ln)
        if not body.strip() or _NOT_PROSE.search(body.strip()):
            flush()
            in_item = False
            after_note = _NOTE.match(body.strip()) is not None
            continue
        text = body.strip()
        item = bool(_LIST_ITEM.match(body))
        if body[:1] in ("\t", " ") and not item:
            if in_item and cur:  # the item's next line
                cur.append(text)
            else:  # a code example: it ends the paragraph, so that no sentence is joined across it
                pending = after_note or (cut_first and not cur)  # inside a dropped note's sentence, which goes on
                flush()
                in_item, after_note = False, pending
            continue
        if after_note and not cur:  # "TODO: ... count it as part" / "of gc_sys or something, ... right now.": the
            cut_first = True  # dropped line's sentence ends here; what follows its full stop is prose again
        after_note = False
        after_title = (
            len(cur) == 1
            and (is_title(cur[0]) or _STARTS_SENTENCE.match(text) is not None)
            and (text[:1].isupper() and not cur[0].endswith((*_CLOSES, ",")))
        )  # a label line ("ran out of deferred calls - old-school panic now" / "Because it is unsafe ...")
        if item and cur and not in_item and not in_list and not cur[-1].endswith(_CLOSES):
            in_list = True  # "... from a combination of" / "- the number of logical CPUs," ...: the sentence goes on
        ends = bool(cur) and cur[-1].endswith(_ENDS_SENTENCE)  # an item that ends its sentence ends the list's run
        if ((item and in_item) or after_title) and (not in_list or ends):
            flush()
        in_item = item
        cur.append(text)
    flush()
    return not_rejected([p for p in out if p and not LINKNAME_NOTE.search(p) and not cites_papers(p)])


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


def _declares(line: str, kind: str) -> bool:
    """Whether a code ``line`` of a definition of ``kind`` declares what the comment above it explains: a field or a
    constant/variable spec (``_DECLARATION_LINE``), in a group of constants or variables a spec of any value
    (``_SPEC``); a line starting with a keyword (return "", goto top) is a statement, not a field or a constant."""
    spec = _DECLARATION_LINE.match(line) or (kind in ("const", "var") and "//" not in line and _SPEC.match(line))
    return bool(line and spec and line.split()[0] not in GO_KEYWORDS)


def _declared_run(lines: list[str], kind: str) -> dict[str, str]:
    """The declarations that follow a comment block without a blank or comment line between them, by name: the
    fields or constants one block may explain together (``stack``, ``stackguard0``, ``stackguard1`` of runtime.g)."""
    out: dict[str, str] = {}
    for line in lines:
        stripped = line.strip()
        if not _declares(stripped, kind):
            break
        out.setdefault(re.split(r"[\s,=]", stripped, maxsplit=1)[0], stripped)
    return out


def _explained(block: list[str], following: list[str], src: Citation) -> list[Statement]:
    """The sentences of a comment block inside a definition, each with the code line it explains: the declaration
    after the block, or, when the block explains several declarations in turn, the one a sentence names first
    ("stack describes the actual stack memory ...", "stackguard1 is the stack pointer compared ..."), and the
    sentences after it until another one is named ("It is stack.lo+StackGuard on g0 and gsignal stacks." is
    stackguard1's, not stack's)."""
    run = _declared_run(following, src.kind)
    code = next(iter(run.values()), "")  # the field or constant the block explains
    # a sentence that opens with a declared name starts there, lower case as Go writes it ("... stack.hi). stackguard0
    # is the stack pointer ...")
    named = re.compile(rf"(?<=[.!?])\s+(?=`?(?:{'|'.join(map(re.escape, run))})\b)") if len(run) > 1 else None
    said = [s for para in paragraphs(block) for whole in sentences(para, pronouns=True)
            for s in (named.split(whole) if named else [whole])]  # fmt: skip
    # a block that goes on to say what each of the declarations is, by name: a short sentence before the first is
    # the group's label; one that names none says what they are together ("Queue of runnable goroutines." above
    # runqhead, runqtail and runq)
    labelled = any(s.split(" ", 1)[0].strip("`") in run for s in said)
    out, named_yet = [], False
    for s in said:
        name = s.split(" ", 1)[0].strip("`")
        named_yet = named_yet or name in run
        if named and labelled and not named_yet and len(s.split()) < MIN_WORDS:
            continue  # the group's label ("Stack parameters."), not what one of them is
        code = run.get(name, code)
        out.append(Statement(src.n, s, code, "body"))
    return out


def _code_statements(src: Citation) -> list[Statement]:
    out: list[Statement] = []
    block: list[str] = []
    lines = src.excerpt.split("\n")
    for i, line in enumerate(lines):
        stripped = line.strip()
        if i and stripped.startswith("//"):
            block.append(line)
            continue
        if block:
            out += _explained(block, lines[i:], src)
            block = []
        said = MESSAGE_CALL.search(stripped)
        if said and len(re.findall(r"[A-Za-z]{2,}", said["text"])) >= 2:  # the message a user reads, with its line
            out.append(Statement(src.n, said["text"], stripped.split("//")[0].rstrip(), "message"))
        if not i:  # the declaration's line: only a message it holds (``var maps_errNilAssign error = plainError(``)
            continue
        m = _TRAILING.match(line)
        if m and '"' not in m.group("code") and not _NOT_PROSE.search(m.group("comment")):
            comment = m.group("comment").strip()
            if len(comment) >= 8:
                out.append(Statement(src.n, comment, m.group("code").strip(), "line"))
    return out


def states_declaration(st: Statement, src: Citation) -> bool:
    """Whether ``st`` says what ``src`` declares: a doc comment's sentence, an undocumented one-line declaration, or
    the comment on a field, constant or variable of a type or a declaration block (``lock mutex`` with "lock protects
    all fields in hchan ..."); not a comment inside a function's body ("Handle spans for large objects.").

    What a tour step's definition is quoted for beside the sources found. Plain dev half, the asked facts within the
    first 500 / 1,000 / 2,000 characters after the intro line: .535 / .688 / .771 quoting the sources found only;
    .547 / .694 / .771 quoting all the steps say too, whose body comments ("No timers to run or adjust.") then opened
    answers; .553 / .694 / .776 with what they declare. Facts anywhere: .861 in all three."""
    if st.kind in ("doc", "decl"):
        return True
    return _declares(st.code.strip(), src.kind) and src.kind in ("type", "const", "var")


def _prose_lines(lines: list[str]) -> list[str]:
    """A Markdown section's lines but those of its fenced code blocks, fences included (a block's commands
    "$ go tool compile -h file.go  # panic on ..." ran into the sentence before it); a fence opened and never
    closed ends the section's prose."""
    out, fenced = [], False
    for ln in lines:
        if ln.lstrip().startswith("```"):
            fenced = not fenced
            out.append("")  # a block ends the paragraph before it
        elif not fenced:
            out.append(ln)
    return out


def statements(src: Citation) -> list[Statement]:
    """Everything ``src`` says (see the module doc), in the order it says it; nothing from a design document's
    list of references."""
    if is_boilerplate(src.kind, src.symbol):
        return []
    if src.kind in _PROSE_KINDS:
        lines = src.excerpt.split("\n")
        if src.kind == "section":
            lines = [ln for ln in _prose_lines(lines[1:]) if not ln.lstrip().startswith(("<", "|", "==", "--"))]
            # each list item a paragraph of its own: items of a list without full stops ran together into one quote
            # ("`cmd/compile/internal/ssa` (SSA lowering ...) `cmd/internal/obj` (machine code generation)")
            lines = [x for ln in lines for x in (["", ln] if _LIST_ITEM.match(ln) else [ln])]
            paras = re.split(r"\n\s*\n", "\n".join(_MD_MARKUP.sub("", ln) for ln in lines))
        else:
            paras = paragraphs(lines)
        return [Statement(src.n, s, kind="prose") for p in paras for s in sentences(p, pronouns=True)]
    code = short_declaration(src)
    doc = paragraphs(src.doc.split("\n"))
    out = [Statement(src.n, s, code, kind="doc") for p in doc for s in sentences(p, pronouns=True)]
    if code and not out and "//" not in src.excerpt:  # an undocumented constant says what its declaration says
        return [Statement(src.n, code, code, kind="decl")]
    return out + _code_statements(src)


def short_declaration(src: Citation) -> str:
    """The declaration of a one-line constant, variable or field (``stackMin = 2048``), or in a group of them the
    spec of the one cited (what the group's doc comment is quoted with: "Inlining budget parameters, gathered in one
    place" with ``inlineMaxBudget = 80``); empty for anything longer."""
    lines = [ln.strip() for ln in src.excerpt.split("\n") if ln.strip()]
    if src.kind not in ("const", "var"):
        return ""
    if len(lines) > 1:  # a group (``const ( ... )``): the spec of the constant it was cited for
        name = re.escape(src.symbol.rsplit(".", 1)[-1])
        lines = [ln for ln in lines if re.match(rf"{name}\b(?:\s*,[^=]*)?\s*(?:=|[\w.*\[\]]+\s*=)", ln)][:1]
    if len(lines) != 1 or len(lines[0]) > 100:
        return ""
    line = lines[0].split("//")[0].strip()
    return line if '"' not in line or len(line) <= 60 else ""


def code_line(st: Statement) -> str:
    """The code line ``st`` is said of, keyed by its citation, without its comment or spacing ("" when none): a code
    line is quoted once, for its best sentence, whatever its comment (``StackBig = 4096`` had been quoted twice)."""
    return f"{st.n}\0{' '.join(st.code.split('//')[0].split())}" if st.code else ""


def quote(st: Statement, limit: int = MAX_CHARS) -> str:
    """The statement's prose, cut at a word when over ``limit`` characters (and ``CUT_SLACK`` more)."""
    if len(st.text) <= limit + CUT_SLACK:
        return st.text
    cut = st.text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + " …"


__all__ = [
    "GOES_ON", "Similarity", "Statement", "code_line", "paragraphs", "quote", "sentences", "short_declaration",
    "statements", "states_declaration",
]  # fmt: skip
