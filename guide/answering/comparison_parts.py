"""The order of a comparison's parts in an answer: the compared definition's own comparison (with the new code it
calls and the releases where it is not defined), its methods and its comments added and gone, and the changes of
the steps of the tour on its topic."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from guide.render.markdown import change_phrases

if TYPE_CHECKING:
    from guide.answering.tour_changes import StepChanges
    from guide.citation import Citation
    from guide.history.compare import Comparison
    from guide.history.files import TopicComparison
    from guide.history.timeline import Timeline


QUOTED = re.compile(r"“([^”]+)”")
"""A sentence quoted in an answer's text (the steps' changes quote the comments their definitions gained: the
compared definition's comments added do not say them again)."""


def arranged(
    comp: Comparison | TopicComparison,
    timeline: Timeline | None,
    own: str,
    walked: StepChanges,
    methods: str,
    changes: str,
) -> str:
    """The parts in order. ``own``: the comparison (or timeline) of what the question is about; ``methods``: how a
    compared type's methods changed; ``changes``: its comments added and gone; ``walked``: the tour's steps'
    changes. The steps come first, unless the question names the definition compared ("What changed in hchan
    ...?": its fields added had followed the whole channels tour); its own parts stay together either way (its
    comments added had come after the tour, as if about the tour's last step). When the steps' changes say the
    compared definition's (it is a step), its comparison is left out unless it says more (a note, a successor),
    and then its item is left out of the steps' changes."""
    named = comp.kind == "symbol" and any(getattr(n, "key", "") == "compared_named" for n in comp.notes)
    steps = walked.text
    if steps and timeline is None and comp.kind == "symbol" and walked.details(comp.symbol):
        if not comp.notes and not comp.successor:  # said once, by the steps
            return "\n\n".join(p for p in (steps, methods, changes) if p)
        steps = walked.without(comp.symbol)
    parts = [own, methods, changes, steps] if named else [steps, own, methods, changes]
    return "\n\n".join(p for p in parts if p)


def cited_changes(comp: Comparison, n_old: int, n_new: int, sep: str, lang: str) -> str:
    """What changed in ``comp`` (``render.markdown.change_phrases``), each change cited where its lines are: an added
    field in the newer definition ([``n_new``]), a removed one in the older ([``n_old``]), others at both."""
    by_side = {"a": [n_old], "b": [n_new], "ab": [n_old, n_new], "": [n_old, n_new]}
    return sep.join(f"{p} {' '.join(f'[{n}]' for n in by_side[side])}" for p, side in change_phrases(comp, lang))


def compared_definition(comp: object, sources: Sequence[Citation]) -> Citation | None:
    """The source of a symbol comparison's newer side (else its older side); None for file/topic comparisons."""
    for side in (getattr(comp, "right", None), getattr(comp, "left", None)):
        if side is not None:
            return next((s for s in sources if s.key == side.key), None)
    return None


__all__ = ["QUOTED", "arranged", "cited_changes", "compared_definition"]
