"""The design comments beside a tour: the prose at the top of the files its steps are in.

The Go sources explain a mechanism once, at the top of the file that implements it (escape.go's "Escape analysis",
proc.go's "Goroutine scheduler", chan.go, stack.go, netpoll.go ...). When a tour answers a question, those comments
are read as sources too, so that a sentence of them that answers the question can be quoted with the tour, as the
sources found are: "When does a variable go on the stack and when on the heap?" had quoted a DWARF helper's comment
on heap-escaped variables, while escape.go's design comment, which says what decides it, ranked 15th among the
definitions found and was never read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from guide.citation import Citation, cite_chunk
from ingest.chunk_docs import is_license

if TYPE_CHECKING:
    from guide.answering.tour import TourInAnswer
    from guide.index import GuideIndex

DESIGN_KIND = "comment"
"""The chunk kind of a file's design comment (``ingest.chunk_go``: a comment block of its own, with a title)."""
MAX_FILES = 6
"""The files of the first steps read, in the tour's order (a tour's steps are in a few files)."""
READ_FOR_TOUR = "read_for_tour"
"""The key, in such a comment's :attr:`Citation.scores`, that says it was read for the tour, not found for the
question: it is cited where a sentence of it is quoted, never listed under "See also" (runtime2.go's "The guintptr,
muintptr, and puintptr are all used to bypass write barriers ..." was listed there beside the channel, defer and
scheduler tours alike, whose steps are in runtime2.go: trial 21)."""


def design_comments(
    index: GuideIndex, tour: TourInAnswer | None, have: list[Citation], first_n: int, found: Sequence[Citation] = ()
) -> list[Citation]:
    """The design comments of the files the steps of ``tour`` are in, at each step's release, numbered from
    ``first_n``; none already among ``have``. A design comment ``found`` for the question brings the rest of its
    file's design comments too: mbarrier.go's header ("Garbage collector: write barriers ...") was quoted for why
    the collector needs a write barrier, and the comment after its imports that explains the barrier ("Go uses a
    hybrid barrier ...", "The Go garbage collector requires write barriers when ...") was never read (trial 72).
    Measured (dev halves, team facts, held-out): plain dev facts .878 -> .884 (the compiler's needwb question), every
    other figure the same; four answers change."""
    files: dict[tuple[str, str], None] = {}
    for c in found:
        if c.kind == DESIGN_KIND and c.version != "design":
            files.setdefault((c.path, c.version), None)
    for step, _ in tour.all_steps if tour is not None else ():
        if step.version != "design":
            files.setdefault((step.path, step.version), None)
    known = {c.key for c in have}
    out: list[Citation] = []
    for path, version in list(files)[:MAX_FILES]:
        rows = [r for r, kind in index.reader.file_chunks("go", [path]) if kind == DESIGN_KIND]
        for chunk in sorted(index.reader.chunks(index.reader.in_scope(rows, [version])), key=lambda c: c.start_line):
            if is_license(chunk.kind, chunk.symbol):
                continue
            cit = cite_chunk(index, chunk, version)
            if cit is not None and cit.key not in known:
                known.add(cit.key)
                out.append(replace(cit.numbered(first_n + len(out)), scores={**cit.scores, READ_FOR_TOUR: True}))
    return out


__all__ = ["MAX_FILES", "READ_FOR_TOUR", "design_comments"]
