"""What changed in a tour's steps between the release a conversation was at and the one a follow-up moves to ("does
a channel take a lock?", then "and in go1.21?"): for each step whose definition differs between the two releases,
the change in words (fields added or removed, a signature, a value, body lines; ``guide.render.markdown``), both
sides cited; a step defined at one release only says so; the steps that are identical are counted."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from guide.history.compare import compare_symbol
from guide.render.markdown import change_phrases

if TYPE_CHECKING:
    from guide.answering.tour import TourInAnswer
    from guide.citation import Citation
    from guide.index import GuideIndex
    from guide.language import Lang


@dataclass
class StepChanges:
    text: str = ""
    added: list[Citation] = field(default_factory=list)
    """The other release's definitions, numbered after the answer's sources."""


def tour_changes(index: GuideIndex, tour: TourInAnswer, other: str, lang: Lang, first_n: int) -> StepChanges:
    """The steps of ``tour`` (at ``tour.tag``) compared with release ``other`` (see the module doc); empty when the
    releases are the same or nothing could be compared."""
    out = StepChanges()
    if other == tour.tag or other not in index.releases or tour.tag not in index.releases:
        return out
    old, new = sorted((other, tour.tag), key=index.releases.index)
    lines: list[str] = []
    same = 0
    numbered: dict[tuple[str, str, int], Citation] = {}
    for cit, _ in tour.steps:
        comp = compare_symbol(index, cit.symbol, old, new)
        there = comp.left if other == old else comp.right
        if there is None:
            if comp.found:
                lines.append(f"- **{cit.symbol}**: {lang.text('tour_change_absent', tag=other)} [{cit.n}]")
            continue
        if not comp.changed:
            same += 1
            continue
        if there.key not in numbered:
            numbered[there.key] = there.numbered(first_n + len(out.added))
            out.added.append(numbered[there.key])
        n_there = numbered[there.key].n
        n_old, n_new = (n_there, cit.n) if other == old else (cit.n, n_there)
        by_side = {"a": [n_old], "b": [n_new], "ab": [n_old, n_new], "": [n_old, n_new]}
        # each change cited where its lines are: an added field in the newer definition, a removed one in the older
        phrases = "; ".join(
            f"{p} {' '.join(f'[{n}]' for n in by_side[side])}" for p, side in change_phrases(comp, lang.code)
        )
        lines.append(f"- **{cit.symbol}**: {phrases}")
    if not lines and not same:
        return out
    head = lang.text("tour_changes", old=old, new=new)
    tail = [lang.text("tour_changes_same" if lines else "tour_changes_none", n=same)] if same else []
    out.text = "\n".join([f"**{head}**", *lines, *tail])
    return out


__all__ = ["StepChanges", "tour_changes"]
