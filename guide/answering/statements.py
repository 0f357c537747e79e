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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from guide.answering.comment_text import CODE_TEXT, LIST_ITEM, NOT_PROSE, PRONOUN, paragraphs, sentences
from guide.citation import Citation, grouped_spec
from guide.program_messages import MESSAGE_CALL
from guide.words import GO_KEYWORDS
from ingest.chunk_docs import is_boilerplate
from ingest.symbols import bare_name
from ingest.tokens import identifier_tokens

_TRAILING = re.compile(r"^(?P<code>.*?\S)\s*//\s?(?P<comment>.*)$")
_MD_MARKUP = re.compile(r"^\s*(#+\s|[-*+]\s|\d+\.\s|>|\|)\s*")
"""A Markdown line's heading, list or quote mark, removed before a section's prose is split into sentences; a mark
is followed by a space, so emphasis that opens a line ("**Scheduler preemption.** This ...") is kept whole."""
_DECLARATION_LINE = re.compile(r"^[A-Za-z_]\w*(?:\s*,\s*\w+)*\s+(?!:=)(?:=\s*)?[^(){};]{1,50}$")
"""A struct field or a constant/variable spec (``lock mutex``, ``stackMin = 2048``): a line a comment explains. A
short variable declaration (``wasSpinning := mp.spinning``) is a statement of a function body: the comment above it
is quoted alone."""
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
    at: int = -1
    """The line of the cited excerpt ``code`` starts on (0 is the declaration's), when known: a commented line's, a
    label's or a message's (-1: not known). Two labels may label the same code line (mallocgc's "Pre-malloc debug
    hooks." and "Post-malloc debug hooks." both ``if debug.malloc {``): the line is said from here, not looked up."""

    about: str = ""
    """The label its doc comment opens with, when one does ("Mutex fairness." over the paragraphs on normal and
    starvation mode): what its sentences are about, read with their words, not quoted with them."""
    experiment: str = ""
    """For a body comment right under ``if goexperiment.X ... {``, the experiment X: what it says, a build runs only
    with that experiment on (trial 87: newstack's "If we're entering here from a secret context, clear all the
    registers" was quoted on what a goroutine costs; RuntimeSecret is off by default)."""
    summary: str = ""
    """For a later sentence of a doc comment, the name documented and the first sentence, which the others say things
    of; its words count less (``relevance.SUMMARY_SHARE``) and it is not quoted with the sentence."""
    context: str = ""
    """What a body comment's sentence goes on from, quoted before it and not read for the question's words
    (``_in_context``): the sentences before it in its paragraph, each followed by a space, and for one that opens its
    paragraph with a pronoun, the prose before a code example, followed by " … "."""

    @property
    def words(self) -> list[str]:
        return identifier_tokens(f"{self.code} {self.text} {self.about}")


def _declares(line: str, kind: str) -> bool:
    """Whether a code ``line`` of a definition of ``kind`` declares what the comment above it explains: a field or a
    constant/variable spec (``_DECLARATION_LINE``), in a group of constants or variables a spec of any value
    (``_SPEC``); a line starting with a keyword (return "", goto top) is a statement, not a field or a constant, and
    so is an assembly instruction (``MOVQ $0, BP`` had been quoted as what "This is typically the entry point for Go
    programs." explains, the first sentence of the block above it: trial 46)."""
    spec = _DECLARATION_LINE.match(line) or (kind in ("const", "var") and "//" not in line and _SPEC.match(line))
    return bool(line and spec and kind != "asm" and line.split()[0] not in GO_KEYWORDS)


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


def _explained(block: list[str], following: list[str], src: Citation, at: int) -> list[Statement]:
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
    said: list[str] = []
    context: dict[str, str] = {}
    for para in paragraphs(block):
        whole = _in_context(sentences(para, pronouns=True), src.kind, named, said, context, " ".join(para.split()))
        said += [s for w in whole for s in (named.split(w) if named else [w])]
    # a block that goes on to say what each of the declarations is, by name: a short sentence before the first is
    # the group's label; one that names none says what they are together ("Queue of runnable goroutines." above
    # runqhead, runqtail and runq)
    labelled = any(s.split(" ", 1)[0].strip("`") in run for s in said)
    if not run and len(said) == 1 and len(said[0].split()) < MIN_WORDS:  # a label: said with the code it labels
        return [Statement(src.n, said[0], labelled_code(following), "body", at)]
    out, named_yet = [], False
    for s in said:
        name = s.split(" ", 1)[0].strip("`")
        named_yet = named_yet or name in run
        if named and labelled and not named_yet and len(s.split()) < MIN_WORDS:
            continue  # the group's label ("Stack parameters."), not what one of them is
        code = run.get(name, code)
        out.append(Statement(src.n, s, code, "body", context=context.get(s, "")))
    return out


def _in_context(
    said: list[str],
    kind: str,
    named: re.Pattern[str] | None,
    before: list[str],
    context: dict[str, str],
    text: str = "",
) -> list[str]:
    """A paragraph's sentences in a function's body, each quoted with what it goes on from (its ``context``, when the
    two fit in ``MAX_CHARS``): the sentences before it in its paragraph ("If pp is in a syscall, preemptone doesn't
    work." before "The goroutine nor the thread can respond to a preemption request ...", "Forced stack movement used
    for debugging." before "Don't double the stack ...": quoted alone, the first read as if no preemption request
    could be answered, the second as if stacks did not double, trial 58); and, for one that opens the paragraph with a
    pronoun, the last prose sentence of the block's paragraphs ``before`` it, or what that one goes on from, a code
    example between them elided ("For non-constant sizes, we do a hybrid approach: … It costs a constant amount of
    stack space ...": alone, what "it" was went unsaid, trial 57). One that opens the block with a pronoun is
    dropped. A sentence that does not follow the one before it as written in the paragraph (``text``: a list item,
    whose mark "1." stands between them) is quoted alone: the quote is the source's text, verbatim (trial 82:
    "scanChildrenThenTransform processes node x to: if x is a for ..." was no text of loopvar.go, and the check
    dropped it)."""
    if kind not in ("func", "method", "asm") or named is not None:
        return said
    opening = ""
    if said and PRONOUN.match(said[0]):
        prose = [s for s in before if not CODE_TEXT.search(s)]  # not a code example's lines
        if not prose:
            return said[1:]
        last = prose[-1]  # or, when it opens with a pronoun itself, what it goes on from ("It should also ...")
        root = context.get(last, "") if PRONOUN.match(last) else ""
        opening = f"{root.removesuffix(' … ') if root.endswith(' … ') else last} … "
    for k, s in enumerate(said):
        went = "".join(f"{x} " for x in said[:k])  # the paragraph's sentences before it
        if k and text and f"{went}{s}" not in text:  # not as written: a list item's mark between them
            continue
        shown = opening + went
        if shown and len(shown) + len(s) <= MAX_CHARS:
            context[s] = shown
        elif near := nearest(said[:k], MAX_CHARS - len(s)):  # a long paragraph: the sentences right before it
            context[s] = f"… {near}"
    return said


def nearest(before: list[str], room: int) -> str:
    """The last sentences of ``before`` that fit in ``room`` characters together, each followed by a space ("" when
    not even the last one does): what a sentence of a long paragraph goes on from, the paragraph's start elided
    ("… To prevent reordering, we use atomic loads for both checks, and rely on emptying and closing to happen in
    separate critical sections under the same lock. This assumption fails when closing an unbuffered channel ...":
    alone, which assumption went unsaid: the post's channel question, stop 56)."""
    out = ""
    for x in reversed(before):
        if len(out) + len(x) + 3 > room:  # and the elision's "… "
            break
        out = f"{x} {out}"
    return out


LABELLED_LINES, LABELLED_CHARS = 3, 120
"""A label's code, quoted with it: a block of at most this many lines (``if size == 0 {`` / ``return
unsafe.Pointer(&zerobase)`` / ``}``) and characters, joined on one line."""


def labelled_code(following: list[str]) -> str:
    """The code a label in a function's body names, when it is a short block (``LABELLED_LINES``): a case and all that
    is done in it, joined on one line (``labelled_code`` of "Short-circuit zero-sized allocation requests." is ``if
    size == 0 { return unsafe.Pointer(&zerobase) }``); else "". Alone, a label says too little to quote ("Initialize
    the span." says what ``h.initSpan(s)`` says, "Pre-malloc debug hooks." what ``if debug.malloc {`` opens); with
    the whole of a short case it may say the very thing asked (trial 46: the zero-sized allocation's ``zerobase``,
    for why two empty structs can have one address)."""
    first = following[0] if following else ""
    if not first.strip().endswith("{") or "//" in first:
        return ""
    indent = len(first) - len(first.lstrip())
    for j, line in enumerate(following[1:LABELLED_LINES], 1):
        if line.strip() == "}" and len(line) - len(line.lstrip()) == indent:
            whole = " ".join(ln.strip() for ln in following[: j + 1])
            return whole if "//" not in whole and len(whole) <= LABELLED_CHARS else ""
    return ""


_EXPERIMENT_IF = re.compile(r"\s*if\s+goexperiment\.(\w+)\b")
"""A block that runs only with a GOEXPERIMENT on (``if goexperiment.RuntimeSecret && gp.secret > 0 {``)."""


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
            under = _EXPERIMENT_IF.match(lines[i - len(block) - 1]) if i > len(block) else None
            out += [replace(st, experiment=under[1]) if under else st for st in _explained(block, lines[i:], src, i)]
            block = []
        said = MESSAGE_CALL.search(stripped)
        if said and len(re.findall(r"[A-Za-z]{2,}", said["text"])) >= 2:  # the message a user reads, with its line
            out.append(Statement(src.n, said["text"], stripped.split("//")[0].rstrip(), "message", i))
        if not i:  # the declaration's line: only a message it holds (``var maps_errNilAssign error = plainError(``)
            continue
        m = _TRAILING.match(line)
        if m and '"' not in m.group("code") and not NOT_PROSE.search(m.group("comment")):
            comment = m.group("comment").strip()
            if len(comment) >= 8:
                out.append(Statement(src.n, comment, m.group("code").strip(), "line", i))
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


LABEL_WORDS = 3
"""In a const or var group, a spec's doc comment whose first paragraph has at most this many words, more after it and
does not open with the name it documents, is a section of the group under that label ("Mutex fairness."): the label
is not quoted, it is read with each of the section's sentences. A declaration's own short doc ("Network poller
descriptor.") is its summary and quoted as one."""


def statements(src: Citation) -> list[Statement]:
    """Everything ``src`` says (see the module doc), in the order it says it; nothing from a design document's
    list of references."""
    if is_boilerplate(src.kind, src.symbol):
        return []
    if src.kind in _PROSE_KINDS:  # a package clause says nothing; its doc comment is the package's overview
        lines = (src.doc if src.kind == "package" and src.doc else src.excerpt).split("\n")
        if src.kind == "section":
            lines = [ln for ln in _prose_lines(lines[1:]) if not ln.lstrip().startswith(("<", "|", "==", "--"))]
            # each list item a paragraph of its own: items of a list without full stops ran together into one quote
            # ("`cmd/compile/internal/ssa` (SSA lowering ...) `cmd/internal/obj` (machine code generation)")
            lines = [x for ln in lines for x in (["", ln] if LIST_ITEM.match(ln) else [ln])]
            paras = re.split(r"\n\s*\n", "\n".join(_MD_MARKUP.sub("", ln) for ln in lines))
        else:
            paras = paragraphs(lines)
        return [Statement(src.n, s, kind="prose") for p in paras for s in sentences(p, pronouns=True, short=MIN_WORDS)]
    code = short_declaration(src)
    doc = paragraphs(src.doc.split("\n"))
    name = src.symbol.rsplit(".", 1)[-1]
    labelled = (
        grouped_spec(src.kind, src.excerpt)
        and len(doc) > 1
        and len(doc[0].split()) <= LABEL_WORDS
        and not doc[0].startswith(name)
    )
    label = doc[0] if labelled else ""  # "Mutex fairness." (not "Lock locks m.", which says what Lock does)
    out = [
        Statement(src.n, s, code, kind="doc", about=label)
        for p in (doc[1:] if labelled else doc)
        for s in sentences(p, pronouns=True)
    ]
    if out and not code and not labelled:  # Go's summary sentence is of the name it documents, said or not
        out[0] = replace(out[0], about=bare_name(src.symbol).lower())
        out[1:] = [replace(st, summary=f"{bare_name(src.symbol)} {out[0].text}") for st in out[1:]]  # findRunnable
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


def code_line(st: Statement, src: Citation | None = None) -> str:
    """The code line ``st`` is said of, keyed by its citation (by its file at its release, given ``src``, the
    citation it is from), without its comment or spacing ("" when none): a code line is quoted once, for its best
    sentence, whatever its comment (``StackBig = 4096`` had been quoted twice), and from one source of two that hold
    it (trial 99: ``starvationThresholdNs = 1e6`` twice, from the constant and from its const group)."""
    where = f"{src.version}\0{src.path}" if src is not None else str(st.n)
    return f"{where}\0{' '.join(st.code.split('//')[0].split())}" if st.code else ""


def quote(st: Statement, limit: int = MAX_CHARS) -> str:
    """The statement's prose, cut at a word when over ``limit`` characters (and ``CUT_SLACK`` more)."""
    text = st.context + st.text  # what it goes on from, first
    if len(text) <= limit + CUT_SLACK:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + " …"


def without_repeats(said: Sequence[Statement]) -> list[Statement]:
    """``said`` without a statement that another of its source's quotes says as its context (the sentences a quote goes
    on from are quoted before it): "Mark the goroutine which called stopTheWorld preemptible so its stack may be
    scanned." and the next sentence after it, in context, had been two quotes, the first said twice (trial 81)."""
    contexts = [(o.n, " ".join(o.context.split())) for o in said if o.context]
    return [st for st in said if not any(n == st.n and " ".join(st.text.split()) in ctx for n, ctx in contexts)]


def in_reading_order(said: Sequence[Statement], by_n: Mapping[int, Citation]) -> list[Statement]:
    """``said`` (best first) with the sentences of one doc comment or one passage of prose in the order their text
    says them, where the best of them stands: quoted best first, Goexit's "Since func main has not returned, the
    program continues execution of other goroutines." and "If all other goroutines exit, the program crashes." had
    opened an answer on what happens when main returns, above the sentence they go on from ("Calling Goexit from the
    main goroutine terminates that goroutine without func main returning."), read as if said of main returning
    (trial 48). Comments inside a body stay best first: they are about different lines. One quoted as what another
    goes on from (its ``context``) is not quoted again."""
    out: list[Statement] = []
    placed: set[tuple[int, str]] = set()
    shown = [(x.n, x.context) for x in said if x.context]
    for st in said:
        if any(n == st.n and st.text in context for n, context in shown):
            continue  # quoted as what another one goes on from
        if st.kind not in ("doc", "prose") or st.n not in by_n:
            out.append(st)
        elif (st.n, st.kind) not in placed:
            placed.add((st.n, st.kind))
            known = statements(by_n[st.n])
            mine = [x for x in said if (x.n, x.kind) == (st.n, st.kind)]
            out += sorted(mine, key=lambda x: known.index(x) if x in known else len(known))
    return out


__all__ = [
    "CUT_SLACK", "LABELLED_CHARS", "LABELLED_LINES", "MAX_CHARS", "MIN_WORDS", "Similarity", "Statement", "code_line",
    "in_reading_order", "labelled_code", "quote", "short_declaration", "statements", "states_declaration",
    "without_repeats",
]  # fmt: skip
