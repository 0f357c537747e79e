"""Parts of an answer shown folded: what is there for later, below what answers.

A tour answers a question on its whole topic; a question about one part of it ("How is a goroutine preempted?") is
answered by the step that says it and the sources' words above the tour, and the tour's steps (nineteen for
preemption, some 8,000 characters) are the topic around it: they are folded under the tour's title and summary,
which stay open (``guide.answering.tour_text.tour_block``). So are a comparison's tour changes below what was found
at each release (``guide.answering.described.changes_folded``) and the command that indexes a release that is not
indexed, which is for whoever runs the guide. The text keeps all of it (the facts it states, the citations, a
follow-up's context); the web chat shows such a part closed, one click away (``guide.render.html.folded_chat``: a
tour's steps summarised by their number, another part by its first line).

While an answer is composed, a part to fold stands between the paragraphs ``OPEN`` and ``CLOSE`` (characters of
Unicode's private use area, which no source text holds); :func:`folds_of` takes them out and says where the part is.
Streamed text never shows them (:func:`unmarked`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN, CLOSE, OPEN_ANY = "\ue000", "\ue001", "\ue002"
MIN_CHARS = 1200
"""A marked part shorter than this is shown open: a tour's changes in a few lines ("the same text at both
releases") are read faster than a click opens them. A part marked ``OPEN_ANY`` is folded whatever its length: it is
for another reader (the command that indexes a release, for whoever runs the guide)."""


@dataclass(frozen=True)
class Fold:
    """The part ``text[start:end]`` of an answer's text, shown folded: its first line the summary."""

    start: int
    end: int

    def to_json(self) -> list[int]:
        return [self.start, self.end]


def folded(part: str, always: bool = False) -> str:
    """``part`` marked to be shown folded ("" stays ""); ``always``: however short it is."""
    return f"{OPEN_ANY if always else OPEN}\n\n{part}\n\n{CLOSE}" if part else ""


def unmarked(text: str) -> str:
    """``text`` without the marks of its folded parts (as streamed)."""
    return folds_of(text)[0] if OPEN in text or CLOSE in text or OPEN_ANY in text else text


def folds_of(text: str) -> tuple[str, list[Fold]]:
    """``text`` without its marks (each mark's paragraph gone, the paragraphs around it as they were written), and
    where its marked parts of at least ``MIN_CHARS`` are in it. A mark without its pair (a paragraph the citation
    check dropped) folds nothing."""
    out = ""
    folds: list[Fold] = []
    start: int | None = None
    least = MIN_CHARS
    for piece in _MARK.split(text):
        mark = piece.strip("\n")
        if mark not in (OPEN, CLOSE, OPEN_ANY):
            out += piece
            continue
        out = out.rstrip("\n")
        if mark != CLOSE:
            out += "\n\n" if out else ""
            start, least = len(out), (1 if mark == OPEN_ANY else MIN_CHARS)
        else:
            if start is not None and len(out) - start >= least:
                folds.append(Fold(start, len(out)))
            start = None
            out += "\n\n"
    end = out.rstrip("\n") if out.endswith("\n\n") and text.rstrip("\n").endswith(CLOSE) else out
    return end, [f for f in folds if f.end <= len(end)]


_MARK = re.compile(f"(\n*[{OPEN}{CLOSE}{OPEN_ANY}]\n*)")


__all__ = ["CLOSE", "OPEN", "OPEN_ANY", "Fold", "folded", "folds_of", "unmarked"]
