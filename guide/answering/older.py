"""What an answer read at a newer release than the one asked about says of its dates: the design documents it cites
that came after the asked release (Go 1.9's preemption read at go1.21.13 cites the 2019 proposal for asynchronous
preemption, which came in Go 1.14)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from guide.answering.quotable import document_title
from guide.versions import released

if TYPE_CHECKING:
    from guide.citation import Citation
    from guide.language import Lang

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")  # fmt: skip


def later_documents(cited: Sequence[Citation], missing: str, lang: Lang) -> str:
    """For an answer read at a newer release than the one asked about (go1.9 at go1.21.13): the design documents it
    cites whose header dates them after that release came out (``guide.versions.released``), which describe what
    came later ("Proposal: Non-cooperative goroutine preemption", 2019, for Go 1.9 of August 2017: asynchronous
    preemption came in Go 1.14); "" when there is none."""
    out = released(missing)
    if out is None:
        return ""
    year, month = out
    docs: dict[str, str] = {}
    for c in cited:
        if c.version == "design" and c.dated.isdigit() and int(c.dated) > year:
            title = document_title(c) or c.path
            docs.setdefault(title, f"{title} ({c.dated}) [{c.n}]")
    if not docs:
        return ""
    return lang.text("later_documents", missing=missing, year=year, month=_MONTHS[month - 1], month_zh=month,
                     docs=lang.listed(docs.values(), items_with_commas=True))  # fmt: skip


__all__ = ["later_documents"]
