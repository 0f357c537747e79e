"""The runtime function a quoted line raises its failure with, and what its doc comment says of whose fault such a
failure is. A crash of concurrent map writes quoted ``fatal("concurrent map writes")`` and nothing said that
``fatal`` is "used when user code is expected to be at fault for the failure, such as racing map writes"; an answer
quoted ``throw``'s "where Go itself, rather than user code, may be at fault" beside it instead (trial 75). Measured
(default index): plain2 dev facts .593 -> .603 (its question on why concurrent map writes cannot be recovered), every
other figure of the dev halves, the team's and the held-out set the same."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from guide.answering.comment_text import paragraphs
from guide.answering.messages import message_fits
from guide.answering.statements import statements
from guide.citation import cite_definition
from guide.retrieval.symbol import definitions_of

if TYPE_CHECKING:
    from guide.citation import Citation
    from guide.index import GuideIndex
    from guide.language import Lang

RAISERS = {"fatal": "runtime.fatal"}
"""The runtime's functions that end the program with a message and whose doc comment says whose fault that is, by
the name the code calls them with: fatal, for failures of the program (racing map writes, a deadlock). Not throw,
whose doc puts the fault on Go itself: "thread exhaustion" and "out of memory" are thrown, and the program's own
doing as often (measured: four dev answers gained throw's sentence, none a fact)."""
_RAISED = re.compile(r"(?<![\w.])(fatal)\(\s*\"")
"""A call that raises a failure with its message written on the line (``fatal("concurrent map writes")``)."""
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def with_raisers(index: GuideIndex, sources: Sequence[Citation], tag: str, asked: Sequence[str]) -> list[Citation]:
    """``sources`` and, after them, the definition at ``tag`` of each function of ``RAISERS`` that their code raises
    a message the question asks about with (``message_fits`` its words ``asked``: a message that may be quoted) and
    that they do not hold already, renumbered. Not for any call of them: throw's "where Go itself, rather than user
    code, may be at fault" had been quoted beside a map write's ``fatal``."""
    raising = [s for s in sources if _RAISED.search(s.excerpt)]  # read further only where the code calls one
    said = [st for s in raising for st in statements(s) if st.kind == "message" and message_fits(st, asked)]
    called = sorted({m.group(1) for st in said if (m := _RAISED.search(st.code))})
    have = {s.symbol for s in sources}
    out = list(sources)
    for name in called:
        there = next((d for d in definitions_of(index, RAISERS[name]) if d.tag == tag), None)
        cit = cite_definition(index, there) if there is not None and RAISERS[name] not in have else None
        out += [cit] if cit is not None else []
    return [c.numbered(i) for i, c in enumerate(out, 1)] if len(out) > len(sources) else list(sources)


def raiser_note(code: str, by_n: Mapping[int, Citation], lang: Lang) -> str:
    """For a quoted line that raises a failure (``code``), what the doc comment of the function raising it says it
    does (its first sentence, Go's summary: "fatal triggers a fatal error that dumps a stack trace and exits.") and of
    whose fault it is (its sentences that say "at fault"), cited: " — `fatal`: “…” (runtime.fatal) [n]"; "" when
    the line raises none or that function is not among the sources. The summary says what happens, which the
    question asking what happens had not been told: the program exits, no panic to recover (trial 95's "What happens
    if I start a goroutine with a nil function value? Is that a panic I can recover from?")."""
    m = _RAISED.search(code)
    src = next((c for c in by_n.values() if m is not None and c.symbol == RAISERS[m.group(1)]), None)
    if m is None or src is None or not src.doc:
        return ""
    doc = " ".join(paragraphs(src.doc.split("\n")))  # as statements reads a doc comment
    told = _SENTENCE_END.split(doc)  # its sentences open with its lower-case name
    at = [i for i, s in enumerate(told) if "at fault" in s or (i == 0 and s.startswith(f"{m.group(1)} "))]
    if not any("at fault" in told[i] for i in at):
        return ""
    said = "".join(("" if k == 0 else " " if i == at[k - 1] + 1 else " … ") + told[i] for k, i in enumerate(at))
    return f" — `{m.group(1)}`{lang.marks[0]}“{said}” ({src.symbol}) [{src.n}]"


__all__ = ["RAISERS", "raiser_note", "with_raisers"]
