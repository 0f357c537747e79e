"""Whether the definitions a comparison in plain words found changed between its two releases.

"How did the background scavenger change between go1.21.13 and go1.27.3?" finds ``bgscavenge``,
``(*scavengerState).run`` and ``scavenger`` at both releases, and quoted what each says; the comparison of the one
taken as the subject said "unchanged", and nothing said whether the others changed, nor that the type whose method
was found, ``scavengerState``, had its fields reordered (trial 33). Each definition found at both releases is
compared (``compare_symbol``), and so is the receiver type of each method found: what changed is said in words
(``change_phrases``), both sides cited; the ones that did not change are named.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from guide.answering.comparison_parts import cited_changes
from guide.history.compare import compare_symbol
from guide.retrieval.concepts import owner

if TYPE_CHECKING:
    from guide.citation import Citation
    from guide.index import GuideIndex
    from guide.language import Lang

MAX_COMPARED = 6
"""At most this many definitions are compared: the first found, then the receiver types of the methods among them."""


@dataclass
class FoundChanges:
    text: str = ""
    added: list[Citation] = field(default_factory=list)
    """The definitions cited here that the answer's sources did not hold, numbered after them."""


def found_changes(
    index: GuideIndex,
    per_release: dict[str, list[Citation]],
    old: str,
    new: str,
    skip: Sequence[str],
    sources: Sequence[Citation],
    lang: Lang,
) -> FoundChanges:
    """The definitions found at both ``old`` and ``new`` (``per_release``) and the receiver types of the methods
    among them, but those in ``skip`` (compared in the answer already), each compared between the two releases:
    a line per changed one, cited at both, and one line naming those that did not change. Citations come from
    ``sources`` when they hold them, else are added, numbered after them."""
    out = FoundChanges()
    at_old = {c.symbol for c in per_release.get(old, [])}
    found = [c.symbol for c in per_release.get(new, []) if c.symbol in at_old]
    method_of: dict[str, str] = {}  # a receiver type found through a method: the first such method
    for s in found:
        if t := owner(s):  # the type a method is declared on (``runtime.scavengerState``)
            method_of.setdefault(t, s)
    names = [s for s in dict.fromkeys([*found, *method_of]) if s not in skip][:MAX_COMPARED]
    by_key = {s.key: s for s in sources}
    colon = lang.marks[0]
    sep = "；" if lang.code == "zh" else "; "
    changed: list[str] = []
    same: list[str] = []

    def cited(c: Citation) -> int:
        if c.key not in by_key:
            by_key[c.key] = c.numbered(len(sources) + len(out.added) + 1)
            out.added.append(by_key[c.key])
        return by_key[c.key].n

    for name in names:
        comp = compare_symbol(index, name, old, new)
        if comp.left is None or comp.right is None:
            continue
        n_old, n_new = cited(comp.left), cited(comp.right)
        receiver_of = method_of.get(name) if name not in found else None
        label = f"**{name}**" + (lang.text("found_receiver", method=receiver_of) if receiver_of else "")
        if not comp.changed:
            same.append(f"{name} [{n_old}] [{n_new}]")
            continue
        changed.append(f"- {label}{colon}{cited_changes(comp, n_old, n_new, sep, lang.code)}")
    if not changed and not same:
        return out
    lines = [f"**{lang.text('found_changes_head', old=old, new=new)}**", *changed]
    if same:
        lines.append(f"- {lang.text('found_same', names=lang.listed(same, items_with_commas=True))}")
    out.text = "\n".join(lines)
    return out


__all__ = ["MAX_COMPARED", "FoundChanges", "found_changes"]
