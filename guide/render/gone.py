"""A comparison of subjects that no indexed release defines, as Markdown: each name said to be gone, then each of
its successors compared between the releases, each side cited (``guide.history.gone``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from guide.render.markdown import Sources, change_phrases, marker

if TYPE_CHECKING:
    from guide.history.compare import Comparison
    from guide.history.gone import Gone
    from guide.language import Lang


def _methods(comp: Comparison, lang: Lang) -> str:
    mc = comp.methods
    if mc is None or not mc.any:
        return ""
    counts = {"changed": len(mc.changed), "added": len(mc.added), "removed": len(mc.removed), "same": mc.same}
    parts = [lang.text(f"gone_methods_{k}", n=n) for k, n in counts.items() if n]
    return lang.text("gone_methods", parts=lang.listed(parts)) if parts else ""


def gone_markdown(gone: Sequence[Gone], said: Sequence[str], lang: Lang, numbers: Sources) -> str:
    """Each of ``gone`` after ``said[i]``, what the answer says of ``gone[i]``'s absence, then its successors'
    comparisons, one line each ("**cmd/compile/internal/syntax.Parse** [1] [2]: unchanged")."""
    out: list[str] = []
    for g, note in zip(gone, said, strict=True):
        out += [""] if out else []
        out += [note] if note else []
        out += [lang.text("gone_now", v1=g.v1, v2=g.v2)] if g.compared else []  # none defined: its note alone
        for c in g.compared:
            phrases = [p for p, _ in change_phrases(c, lang.code)] + [m for m in [_methods(c, lang)] if m]
            marks, sep = marker(numbers, c.left) + marker(numbers, c.right), lang.text("gone_sep")
            out.append(lang.text("gone_item", symbol=c.symbol, marks=marks, said=sep.join(phrases)))
    return "\n".join(out)


__all__ = ["gone_markdown"]
