"""What a definition is made of, read from its cited lines: a struct's fields, the functions a function calls, an
assembly routine's calls. An answer about a definition the question names shows it, so that
"which fields describe its pages?" or "what does gopark do?" is answered from the code, not only from its comments.
Every name shown occurs in the cited lines (the citation check holds every code span to that)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from guide.citation import Citation
from guide.language import Lang
from guide.words import GO_LANGUAGE_WORDS
from ingest.tokens import identifier_tokens

_COMMENT = re.compile(r"^\s*(//|/\*|\*)")
_ASM_CALL = re.compile(r"^\s*(?:CALL|JMP|BL|B)\s+(\S*·\w+)")
_FIELD_NAMES = re.compile(r"^\s*([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s+(?:<-)?[\[\]*\w.(){}]")
"""A field line: its names, then its type (``C <-chan Time``: a receive-only channel too)."""
_CALL = re.compile(r"(?<![\w.])((?:[A-Za-z_]\w*\.)?[A-Za-z_]\w*)\(")
LITERAL = re.compile(r'"(?:[^"\\]|\\.)*"|`[^`]*`|\'(?:[^\'\\]|\\.)*\'')
"""A Go string, raw string or rune literal: its words are a message, not what the code calls or does."""
_NOT_CALLS = (
    GO_LANGUAGE_WORDS
    | {"throw", "fatal", "getg"}
    | {f"unsafe.{f}" for f in ("Pointer", "Sizeof", "Offsetof", "Add", "Slice", "String")}
)
"""Keywords, builtins, conversions and the ubiquitous ``throw``/``getg``: not what a function is about."""
SHORT_CODE = 8
"""A function or assembly routine with no doc comment and at most this many lines is shown whole, byte for byte, when
the question names it: "What does osyield do?" had only its callers' comments to read (trial 46), and its four lines,
``MOVL $SYS_sched_yield, AX`` / ``SYSCALL``, say it."""
SHOWN = 10
"""At most this many names in an answer (the ones the question's words name first): what it is made of, not a dump;
one more than this is shown whole (hchan's eleventh field, `lock`, had been "and 1 more": trial 94)."""


def numbered_code_lines(src: Citation) -> list[tuple[int, str]]:
    """The definition's lines after its declaration line, each with its number in the file; blank and comment lines
    left out."""
    lines = enumerate(src.excerpt.split("\n")[1:], start=src.start_line + 1)
    return [(i, ln) for i, ln in lines if ln.strip() and not _COMMENT.match(ln)]


def _code_lines(src: Citation) -> list[str]:
    """The definition's lines after its declaration line, comments and trailing comments left out."""
    return [ln.split("//", 1)[0] if "//" in ln and '"' not in ln else ln for _, ln in numbered_code_lines(src)]


def fields(src: Citation) -> list[str]:
    """A struct's field names, in order (embedded fields and ``_`` left out)."""
    if src.kind != "type" or not src.excerpt.split("\n")[0].rstrip().endswith("struct {"):
        return []
    names: list[str] = []
    for ln in _code_lines(src):
        m = _FIELD_NAMES.match(ln)
        if m and not ln.strip().startswith("}"):
            names += [n.strip() for n in m.group(1).split(",") if n.strip() not in ("", "_")]
    return list(dict.fromkeys(names))


def called(src: Citation) -> list[str]:
    """The functions a function's body calls (an assembly routine's CALL and JMP targets), in order of first call;
    plain calls (``stealWork``) before methods of locals (``trace.ok``)."""
    out: list[str] = []
    if src.kind == "asm":
        out = [m.group(1) for ln in _code_lines(src) if (m := _ASM_CALL.match(ln))]
    elif src.kind in ("func", "method"):
        own = src.symbol.rsplit(".", 1)[-1]
        for ln in _code_lines(src):
            for m in _CALL.finditer(LITERAL.sub('""', ln)):
                name = m.group(1)
                if name not in _NOT_CALLS and name != own and not name.endswith((".Pointer", ".Sizeof")):
                    out.append(name)
        out.sort(key=lambda n: "." in n)
    return list(dict.fromkeys(out))


_INSTRUMENTATION = ("trace", "race", "msan", "asan", "print")
"""Calls that record or report what the code does (``traceAcquire``, ``racereleasemerge``, ``printlock``), not what
it does."""


def step_calls(src: Citation) -> list[str]:
    """What an uncommented function's code calls, for a reading path that has no sentence to say what it does
    ("runtime.goschedImpl [5]" had stood alone for where a goroutine that yields goes; its code calls `casgstatus`,
    `dropg`, `lock`, `globrunqput` ...): the functions it calls by name, in order of first call, as many as
    ``_shown`` shows ('' after them when there are more); methods of its locals and instrumentation
    (``_INSTRUMENTATION``) left out."""
    if src.doc.strip() or src.kind not in ("func", "method", "asm"):
        return []
    names = [n for n in called(src) if "." not in n and not n.split("·")[-1].lower().startswith(_INSTRUMENTATION)]
    return _marked(names)


def step_fields(src: Citation) -> list[str]:
    """An uncommented struct type's fields, for a reading path that has no sentence to say what it is (hchan, whose
    fields carry the comments: `qcount`, `dataqsiz`, `buf` ... `lock`), as many as ``step_calls``."""
    return _marked(fields(src)) if not src.doc.strip() else []


def _marked(names: list[str]) -> list[str]:
    """The ``names`` ``_shown`` shows, in their order, and '' after them when it leaves some out."""
    shown, more = _shown(names, ())
    return [*shown, ""] if more else shown


def _named_by(name: str, tokens: Sequence[str]) -> bool:
    """Whether the question's words (``tokens``) name ``name``: ``npages`` for "pages"; a word shorter than four
    letters names too much."""
    asked = {w for w in tokens if len(w) >= 4}
    return bool(asked & set(identifier_tokens(name))) or any(w in name.lower() for w in asked)


def _shown(names: list[str], tokens: Sequence[str]) -> tuple[list[str], int]:
    """The names to show, those the question's words name first (``npages`` for "pages"), in their order otherwise;
    and how many are left out."""
    first = [n for n in names if _named_by(n, tokens)]
    shown = len(names) if len(names) <= SHOWN + 1 else SHOWN  # "and 1 more" takes the room of the name it hides
    picked = (first + [n for n in names if n not in first])[:shown]
    return [n for n in names if n in picked], len(names) - len(picked)


def names_its_parts(src: Citation, tokens: Sequence[str]) -> bool:
    """Whether the question (``tokens``) names one of the fields or callees :func:`made_of` shows ("which fields
    describe its pages?": ``npages``), the own name of ``src`` left out: what it is made of then answers it."""
    own = set(identifier_tokens(src.symbol.rsplit(".", 1)[-1]))
    asked = [w for w in tokens if w not in own]
    return any(_named_by(n, asked) for n in (fields(src) or called(src)))


def made_of(src: Citation, lang: Lang, tokens: Sequence[str] = ()) -> str:
    """One cited line: what ``src`` is made of (see the module doc), '' when there is nothing to show."""
    t = lang.text
    head = f"**{src.symbol}** ({src.location})"
    for key, names in (("its_fields", fields(src)), ("it_calls", called(src))):
        if names:
            shown, more = _shown(names, tokens)
            rest = f" {t('and_more', n=more)}" if more else ""
            colon, comma = lang.marks
            return f"{head} — {t(key)}{colon}" + comma.join(f"`{n}`" for n in shown) + f"{rest} [{src.n}]"
    if src.kind in ("func", "method", "asm") and not src.doc.strip() and len(src.excerpt.split("\n")) <= SHORT_CODE:
        fence = "go" if src.path.endswith(".go") else ""  # no comment says what it does: its few lines do
        return f"{head} [{src.n}]\n\n```{fence}\n{src.excerpt}\n```"
    return ""


__all__ = ["SHORT_CODE", "SHOWN", "called", "fields", "made_of", "names_its_parts", "step_calls", "step_fields"]
