"""Where a quoted statement is in its source: the line or lines an extractive answer names after the source's name
("runtime.rt0_go, line 342"), so that a reader checking a quote finds it in the file."""

from __future__ import annotations

from guide.answering.comment_text import comment_line, comment_lines
from guide.answering.statements import Statement, quote
from guide.citation import Citation
from guide.language import Lang


def line_of(st: Statement, src: Citation, lang: Lang) -> str:
    """ ", line N" for a quoted code line of a function (``fn := main_main`` in runtime.main, 200 lines long: trial
    19 found its citation opening the function at its first line) or a field of a type, an entry of a block (trial
    72: ``preemptGen atomic.Uint32`` opened runtime.m's 87 lines), and for a comment in a function's or an assembly
    routine's body, the line it starts on ("create a new goroutine to start program", rt0_go's line 342 of 142-369:
    trial 54 had to hunt for it), and for a sentence of its doc comment, the comment's lines it is read from; "" for
    other statements, or a line not found."""
    shown = quote(st).removeprefix("… ")  # as quoted, from its first word ("… ": a long paragraph's start elided)
    commented = None  # the comment text the sentence is read from, and the file line of its first line
    read_doc = st.kind == "doc" or (st.kind == "prose" and src.kind == "package")  # a package's: its doc comment
    if read_doc and src.doc and src.doc_start_line is not None:  # the doc comment's lines, above the cited
        commented = (src.doc, src.doc_start_line)  # range (trial 78: "If the GOMAXPROCS environment variable is set
        # …" was looked for in debug.go's lines 70-106, from ``func GOMAXPROCS``; it is on lines 12-69)
    elif st.kind == "body" and not st.code and src.kind in ("func", "method", "asm") and src.end_line > src.start_line:
        commented = (src.excerpt, src.start_line)
    if commented is not None:
        text, first = commented
        span = comment_lines(shown, text)  # a quote that runs onto the lines below says them all
        return _lines(first + span[0], first + span[1], lang) if span is not None else ""
    if not st.code or src.kind not in ("func", "method", "type", "const", "var") or src.end_line <= src.start_line:
        return ""  # a field of a type or an entry of a block too: runtime.m's ``preemptGen`` had opened its 87 lines
    lines = src.excerpt.split("\n")  # the line it was read on, else the first that opens with it
    i = st.at if st.at >= 0 else next((i for i, ln in enumerate(lines) if ln.strip().startswith(st.code.strip())), None)
    if i is None:
        return ""
    # a comment quoted with the code line below it: from the comment's line to the code's (trial 57: lockSlow's
    # "Critical to do it here ..." with ``delta -= mutexStarving`` was labelled line 167, four lines below it)
    # ... and a block's comment on the fields below it, each sentence with the field it names (runtime.g's
    # "stackguard1 is the stack pointer compared in the //go:systemstack stack growth prologue." on lines 476-478,
    # over ``stack``, ``stackguard0`` and ``stackguard1``, line 481: trial 107 found the viewer opened on line 481
    # alone), when no blank line parts them
    said = comment_line(shown, src.excerpt) if st.kind == "body" else None
    if said is not None and said < i and all(ln.strip() for ln in lines[said:i]):
        return _lines(src.start_line + said, src.start_line + i, lang)
    return _lines(src.start_line + i, src.start_line + i, lang)


def _lines(a: int, b: int, lang: Lang) -> str:
    """ ", lines A-B", or ", line A" when they are one."""
    return lang.text("at_lines", a=a, b=b) if b > a else lang.text("at_line", line=a)


__all__ = ["line_of"]
