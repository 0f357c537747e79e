"""The items of a list a comment introduces as rejected: what the code does not do.

proc.go's design comment lists "Three rejected approaches that would work badly:", then "The current approach:".
Quoted alone, the second rejected item ("Direct goroutine handoff. That is, when we ready a new goroutine and there
is a spare P, unpark a thread and handoff it the thread and the goroutine.") reads as what the scheduler does (a
fresh-eyes trial quoted it as the answer to "Where is that in the code?" after a question on blocking syscalls)."""

from __future__ import annotations

import re
from collections.abc import Sequence

_ITEM = re.compile(r"^\s*(?:\d{1,2}[.)]|[-*+•])\s")
_LEAD_IN = re.compile(r"^(?P<lead>[^:]*):\s*(?:$|(?:\d{1,2}[.)]|[-*+•])\s)")
"""A paragraph that leads into a list: its text up to a colon that ends it or that a list's first mark follows."""
_REJECTED = re.compile(
    r"\b(?:rejected|discarded|abandoned|would (?:work|perform|scale) (?:badly|poorly)|do(?:es)? not work|"
    r"(?:bad|naive|wrong) (?:approach|idea|solution)s?)\b",
    re.IGNORECASE,
)
"""A lead-in that says its list's items are not what was done."""


def not_rejected(paragraphs: Sequence[str]) -> list[str]:
    """``paragraphs`` (of one comment, in order) without the list items that follow a lead-in saying they were
    rejected (``_REJECTED``); the lead-in, which says so, stays, and the list ends at the first paragraph that is no
    item ("The current approach:")."""
    out: list[str] = []
    skipping = False
    for p in paragraphs:
        if skipping and _ITEM.match(p):
            continue
        lead = _LEAD_IN.match(p)
        skipping = lead is not None and _REJECTED.search(lead["lead"]) is not None
        out.append(p)
    return out


__all__ = ["not_rejected"]
