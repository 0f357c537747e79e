"""A tour across two releases.

``tour_changes``: what changed in a tour's steps between the release a conversation was at and the one a follow-up
moves to ("does a channel take a lock?", then "and in go1.21?"): for each step whose definition differs between
the two releases, the change in words (fields added or removed, a signature, a value, body lines;
``guide.render.markdown``), both sides cited; a step defined at one release only says so; identical steps counted.

``tour_by_release``: a comparison asked about a tour's topic ("what changed in how maps are implemented between
go1.21 and go1.27?") whose tour walks different code at the two releases (the maps before and after Swiss tables):
the team's summary, then the steps only one of the releases has, each with its annotation and cited there; when it
walks the same definitions at both ("what changed in the scheduler between go1.21 and go1.27?"), how each step's
definition changed (``tour_changes``)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise
from typing import TYPE_CHECKING

from guide.answering.check import check_citations
from guide.answering.comparison_parts import cited_changes
from guide.answering.kept_fields import kept_fields, kept_line, kept_types
from guide.answering.new_code import new_callees, new_code_lines, new_comment_lines, new_comments
from guide.answering.noted_changes import noted_changes
from guide.answering.step_focus import Asked, steps_asked
from guide.answering.tour import walk
from guide.answering.tour_text import with_summary
from guide.citation import package_of
from guide.history.compare import compare_symbol
from guide.history.summary import code_churn, line_counts
from guide.intent import HOW_IT_WORKS
from ingest.symbols import bare_name

if TYPE_CHECKING:
    from guide.answering.tour import TourInAnswer
    from guide.citation import Citation
    from guide.index import GuideIndex
    from guide.language import Lang
    from guide.query import Query


@dataclass
class StepChanges:
    text: str = ""
    added: list[Citation] = field(default_factory=list)
    """The other release's definitions, numbered after the answer's sources."""
    unchanged: bool = False
    """The tour walks the same definitions at both releases and none of them changed (no text then)."""

    def details(self, symbol: str) -> bool:
        """Whether the steps' changes say what changed in ``symbol`` (its own item): a comparison of it after them
        would say it again (trial 20: "body: +12 −4 lines" twice for chansend)."""
        return any(_is_item(ln, symbol) for ln in self.text.split("\n"))

    def without(self, symbol: str) -> str:
        """The steps' changes without ``symbol``'s own item and the items under it (the new code it calls): its
        comparison, shown after them, says it."""
        kept: list[str] = []
        dropping = False
        for ln in self.text.split("\n"):
            dropping = _is_item(ln, symbol) or (dropping and ln.startswith("  - "))
            kept += [] if dropping else [ln]
        return "\n".join(kept)


def _is_item(line: str, symbol: str) -> bool:
    """Whether ``line`` is ``symbol``'s item in the steps' changes (``- **symbol**: ...``); a bare name, as a
    comparison of what the question named has it ("findRunnable"), is the item of the step it names."""
    m = _ITEM.match(line)
    return m is not None and symbol in (m.group(1), bare_name(m.group(1)))


_ITEM = re.compile(r"^- \*\*(.+?)\*\*")  # a pointer receiver's "(*p)" has one star


MOST_CHANGED = 3
"""When more steps than this changed, the ones whose code changed most (lines added and removed) are named first
(trial 20: "What changed in the scheduler between go1.21 and go1.27?" listed sixteen steps without saying which
changed much)."""


SAME_NAMED = 4
"""At most this many steps the same at both releases are named; more are counted."""


def tour_changes(
    index: GuideIndex,
    tour: TourInAnswer,
    other: str,
    lang: Lang,
    first_n: int,
    focus: Sequence[str] | None = None,
    asked: Asked | None = None,
    explain: bool = False,
) -> StepChanges:
    """The steps of ``tour`` (at ``tour.tag``) compared with release ``other`` (see the module doc); empty when the
    releases are the same or nothing could be compared. With ``focus`` (the symbols of the steps the question is
    about), only those steps are detailed, said to be unchanged where they are; the other steps that changed are
    named in one line, each cited where the tour has it. With ``asked`` (the question's words and their weights), a
    struct of the focus also says which of its fields the question asks about are the same at both
    (``kept_fields``). With ``explain`` (the question also asks how it is done: ``intent.HOW_IT_WORKS``), the
    team's notes on the first ``HOW_STEPS`` steps of the focus at the newer release come first: "When a goroutine
    enters a blocking system call, how does the thread give its processor back ... and did that change between
    go1.21 and go1.27?" had been answered with what changed alone, never how (trial 73)."""
    out = StepChanges()
    if other == tour.tag or other not in index.releases or tour.tag not in index.releases:
        return out
    old, new = sorted((other, tour.tag), key=index.releases.index)
    lines: list[str] = []
    same: list[str] = []  # the steps the same at both releases, by name
    numbered: dict[tuple[str, str, int], Citation] = {}
    sep, colon = ("；", "：") if lang.code == "zh" else ("; ", ": ")
    others: list[str] = []  # changed, outside the focus
    churn: list[tuple[int, str]] = []  # lines added and removed in a detailed step's body, with its cited name
    new_code: set[tuple[str, str, int]] = set()  # the new functions quoted under a step's changes

    def cited(c: Citation) -> Citation:
        """``c`` numbered as a source of this answer, once (the other release's side of a step, a kept type's)."""
        if c.key not in numbered:
            numbered[c.key] = c.numbered(first_n + len(out.added))
            out.added.append(numbered[c.key])
        return numbered[c.key]

    noted = noted_changes(tour.tour, old, new, lang)  # what the team's notes at the newer release say changed
    noted_lines: list[str] = []
    for cit, _ in _focus_first(tour.steps, focus):
        comp = compare_symbol(index, cit.symbol, old, new)
        there = comp.left if other == old else comp.right
        if cit.symbol in noted and (focus is None or cit.symbol in focus) and (other == old or there is not None):
            at_new = cit if other == old or there is None else cited(there)  # cited at the newer release
            noted_lines.append(f"- {cit.symbol} — {noted[cit.symbol]} [{at_new.n}]")
        if focus is not None and cit.symbol not in focus:
            if there is None or comp.changed:
                others.append(f"{cit.symbol} [{cit.n}]")
            else:
                same.append(cit.symbol)
            continue
        if focus is not None and there is not None and not comp.changed:
            lines.append(f"- **{cit.symbol}** [{cit.n}]{colon}{lang.text('tour_change_same')}")
            continue
        if there is None:
            if comp.found:
                # the sentence names both releases: cited where the step is, said of the other
                absent = lang.text("tour_change_absent", tag=other)
                lines.append(f"- **{cit.symbol}** ({tour.tag} [{cit.n}]){colon}{absent}")
            continue
        if not comp.changed:
            same.append(cit.symbol)
            continue
        n_there = cited(there).n
        n_old, n_new = (n_there, cit.n) if other == old else (cit.n, n_there)
        lines.append(f"- **{cit.symbol}**{colon}{cited_changes(comp, n_old, n_new, sep, lang.code)}")
        # the team wrote the step anew for the newer release (exitsyscall since go1.26): what the code does now
        if cit.symbol not in noted and (note := rewritten_note(tour, cit.symbol, old, new, lang)) is not None:
            lines.append("  - " + lang.text("step_note_changed", tag=new, other=old, note=note, n=n_new))
        # a comment it has at the newer release and not at the older: the change in the code's own words
        old_cit, new_cit = (cited(there), cit) if other == old else (cit, cited(there))
        fields = {c["name"] for c in comp.summary if c["change"] in ("field_added", "method_added")}
        lines += new_comment_lines(new_comments(old_cit, new_cit, fields), {new_cit.n: new_cit}, lang)
        kept, comment = kept_fields(old_cit, new_cit, *asked) if focus is not None and asked is not None else ("", "")
        if kept:  # what of it the question asks about is the same at both, and whether the types it names are
            lines.append(kept_line(old_cit, new_cit, kept, comment, lang))
            for kind in kept_types(kept):
                tc = compare_symbol(index, f"{package_of(cit.symbol)}.{kind}", old, new)
                if tc.left is None or tc.right is None or not tc.changed:
                    continue
                said = cited_changes(tc, cited(tc.left).n, cited(tc.right).n, sep, lang.code)
                lines.append("  - " + lang.text("kept_type_changed", name=f"`{kind}`") + said)
        # the functions it now calls that are new code, in their own doc comments' words
        fresh = [c for c in new_callees(index, comp, old, new) if c.key not in new_code]  # each new function once
        called = [c.numbered(first_n + len(out.added) + i) for i, c in enumerate(fresh)]
        new_code |= {c.key for c in called}
        out.added += called
        lines += new_code_lines(called, lang)
        if (counts := code_churn(comp.summary)) is not None:
            a, r = counts
            churn.append((a + r, f"{cit.symbol} (+{a} −{r}) [{n_old}] [{n_new}]"))
    if not lines and not same and not others:
        return out
    head = lang.text("tour_changes", old=old, new=new)
    if noted_lines:  # the changes in the team's words first, then the code's
        noted_lines = [f"**{lang.text('tour_changes_noted', new=new)}**", *noted_lines, ""]
    intro: list[str] = []
    if len(churn) > MOST_CHANGED:  # many steps changed: those whose code changed most, first
        most = [name for _, name in sorted(churn, key=lambda x: -x[0])[:MOST_CHANGED]]
        intro = ["", lang.text("tour_changes_most", names=lang.listed(most, items_with_commas=True)), ""]
    # the steps the same at both releases, named when they are few (trial 35: "The other step is the same text at
    # both releases." did not say which)
    key = "tour_changes_same" if lines or others else "tour_changes_none"
    key = "tour_changes_same_one_named" if key == "tour_changes_same" and len(same) == 1 else key
    key += "_named" if key == "tour_changes_same" and len(same) <= SAME_NAMED else ""
    tail = [lang.text("tour_changes_others", names=lang.listed(others))] if others else []
    tail += [lang.text(key, n=len(same), names=lang.listed(same))] if same else []
    how = [f"- **{c.symbol}** ({c.location}) — {note} [{c.n}]" for c, note in _how_steps(tour, focus, explain)]
    how = [f"**{lang.text('tour_how_now', new=new)}**", *how, ""] if how else []
    # a line after the list is a paragraph of its own: right under an item, Markdown reads it as that item's
    out.text = "\n".join([*how, *noted_lines, f"**{head}**", *intro, *lines]) + (
        "\n\n" if lines and tail else "\n" if tail else ""
    )
    out.text += "\n".join(tail)
    return out


def rewritten_note(tour: TourInAnswer, symbol: str, old: str, new: str, lang: Lang) -> str | None:
    """The team's annotation of the step on ``symbol`` at ``new`` when the tour has another one for it at ``old``
    (a step written per range of releases, ``since``/``until``), in ``lang``, backticks and line breaks as written;
    None when the two are the same step or either is missing."""
    at_old, at_new = tour.tour.step_at(symbol, old), tour.tour.step_at(symbol, new)
    if at_old is None or at_new is None or at_old is at_new or at_old.note == at_new.note:
        return None
    return " ".join(at_new.note_in(lang.code).split())


def tour_by_release(index: GuideIndex, q: Query, old: str, new: str, first_n: int) -> StepChanges:
    """The tour the question's words name (its patterns), when it walks different definitions at ``old`` and
    ``new`` (see the module doc); empty otherwise."""
    if not q.tours:
        return StepChanges()
    before, after = walk(index, q, q.tours[0], [old], []), walk(index, q, q.tours[0], [new], [])
    if before is None or after is None or before.tag != old or after.tag != new:
        return StepChanges()
    names = {tag: {c.symbol for c, _ in w.steps} for tag, w in ((old, before), (new, after))}
    # a step whose definition moved or was renamed (sync.(*Mutex).Lock, internal/sync.(*Mutex).Lock from go1.24) is
    # the same step, annotated the same at both: said once as moved, not as a step of each release only (trial 9)
    later = {note: c for c, note in after.steps if c.symbol not in names[old]}
    moved = [(c, later[note], note) for c, note in before.steps if c.symbol not in names[new] and note in later]
    gone = {id(a) for a, _, _ in moved} | {id(b) for _, b, _ in moved}
    only = [(old, [(c, n) for c, n in before.steps if c.symbol not in names[new] and id(c) not in gone]),
            (new, [(c, n) for c, n in after.steps if c.symbol not in names[old] and id(c) not in gone])]  # fmt: skip
    lang = q.lang
    if not moved and not any(steps for _, steps in only):  # the same definitions at both ends: how each changed
        return _steps_changed(index, after, old, lang, first_n, *steps_asked(index, q, after), _explains(q))
    out = StepChanges()
    blocks = [with_summary(f"**{lang.text('tour', title=before.title(lang))}** ({old} → {new})", after, lang)]
    lines = [f"**{lang.text('tour_moved', old=old, new=new)}**"]
    same = 0
    for a, b, note in moved:
        na = a.numbered(first_n + len(out.added))
        nb = b.numbered(na.n + 1)
        plus, minus = moved_lines(a, b)
        code = (
            lang.text("moved_code_changed", plus=plus, minus=minus) if plus or minus else lang.text("moved_same_code")
        )
        line = (
            f"- **{na.symbol}** ({na.location} @ {old}) [{na.n}] → **{nb.symbol}** ({nb.location} @ {new}) "
            f"[{nb.n}] ({code}) — {note}"
        )
        checked = check_citations(line, [na, nb])
        if checked.warnings or len(checked.cited) < 2:  # a step the check would cut is left out whole
            continue
        out.added += [na, nb]
        lines.append(line)
        same += not (plus or minus)
    if len(lines) > 1:  # how many moved as they were, said first ("在 go1.21.13 里一样吗？")
        lines.insert(1, lang.text("tour_moved_count", n=len(lines) - 1, same=same, changed=len(lines) - 1 - same))
        blocks.append("\n".join(lines))
    # the steps it walks at both releases: how each changed, as when every step is at both (the mutex tour's semaphore
    # and runtime-lock steps beside the five that moved to internal/sync in go1.24)
    common = [(c, note) for c, note in after.steps if c.symbol in names[old]]
    focus, asked = steps_asked(index, q, after) if common else (None, None)  # the steps asked, as when all are at both

    def both() -> list[str]:
        changed = _steps_changed(
            index, replace(after, steps=common), old, lang, first_n + len(out.added), focus, asked, _explains(q)
        )
        out.added += changed.added
        return changed.text.split("\n\n", 1)[1:]  # under the title above

    # a question about some steps at both releases hears of them first (runtime.p's `runq [256]guintptr` for "Did the
    # capacity of each processor's local run queue change?"); one on the whole topic first hears of the code walked at
    # one release only (the map tour's had opened with walkIndexMap's "body: +1 −1 lines", trial 73)
    blocks += both() if common and focus is not None else []
    for tag, steps in only:
        if not steps:
            continue
        lines = [f"**{lang.text('tour_only_at', tag=tag)}**"]
        for cit, note in steps:
            # two steps on one definition (go1.15's findrunnable: where work comes from, then its stealing) cite it once
            known = next((c for c in out.added if c.key == cit.key), None)
            numbered = known or cit.numbered(first_n + len(out.added))
            line = f"- **{numbered.symbol}** ({numbered.location}) — {note} [{numbered.n}]"
            checked = check_citations(line, [numbered])
            if checked.warnings or not checked.cited:  # a step the check would cut is left out whole
                continue
            out.added += [] if known else [numbered]
            lines.append(line)
        if len(lines) > 1:
            blocks.append("\n".join(lines))
    blocks += both() if common and focus is None else []
    if len(blocks) == 1:  # no step survived the check: no tour block
        return StepChanges()
    out.text = "\n\n".join(blocks)
    return out


def moved_lines(old: Citation, new: Citation) -> tuple[int, int]:
    """The lines a moved step's code gained and lost (``line_counts``), its declaration line aside (the receiver's
    package or the function's name changed with the move) and indentation ignored; (0, 0): the same code. Trial 10:
    "did sync.Mutex change?" was answered with the moved pairs and no word on whether the code did."""
    # a one-line declaration (``starvationThresholdNs = 1e6``) is compared whole
    before, after = ([ln.strip() for ln in c.excerpt.split("\n")[1:] or c.excerpt.split("\n")] for c in (old, new))
    return line_counts(before, after)


HOW_STEPS = 2
"""How many of the steps a comparison is about are written out when it also asks how it is done."""


def _how_steps(tour: TourInAnswer, focus: Sequence[str] | None, explain: bool) -> list[tuple[Citation, str]]:
    """With ``explain``, the first ``HOW_STEPS`` steps of ``focus`` (the one the question says most of first) at the
    newer release, each with the team's note there; none without a focus (the question is about the whole topic)."""
    at = {c.symbol: (c, note) for c, note in tour.steps}
    return [at[s] for s in (focus or ())[:HOW_STEPS] if s in at] if explain else []


def _explains(q: Query) -> bool:
    """Whether a comparison also asks how it is done (``intent.HOW_IT_WORKS``), in its own words (not its thread's)."""
    return bool(HOW_IT_WORKS.search(q.text))


def _focus_first(steps: Sequence[tuple[Citation, str]], focus: Sequence[str] | None) -> list[tuple[Citation, str]]:
    """The steps in the order their changes are said: those of ``focus`` in its order (the one the question is most
    about first), then the others in the tour's order. Trial 70: "How did the scheduler's global run queue change
    between go1.21 and go1.27?" read runtime.g's 15 new fields before runtime.schedt's removed runqsize."""
    rank = {symbol: i for i, symbol in enumerate(focus or ())}
    return sorted(steps, key=lambda step: rank.get(step[0].symbol, len(rank)))


def _steps_changed(
    index: GuideIndex,
    after: TourInAnswer,
    old: str,
    lang: Lang,
    first_n: int,
    focus: Sequence[str] | None = None,
    asked: Asked | None = None,
    explain: bool = False,
) -> StepChanges:
    """The tour's steps at the newer release (``after``) compared with ``old``, under the tour's title: for a
    comparison asked about the tour's topic ("what changed in the scheduler between go1.21 and go1.27?"), what
    changed in the code the tour walks (in the steps of ``focus``, the others named); empty when no step changed."""
    steps = [(c.numbered(first_n + i), note) for i, (c, note) in enumerate(after.steps)]
    changes = tour_changes(index, replace(after, steps=steps), old, lang, first_n + len(steps), focus, asked, explain)
    if not changes.text or not any(line.startswith("- ") for line in changes.text.splitlines()):
        return StepChanges(unchanged=bool(changes.text))
    head = f"**{lang.text('tour', title=after.title(lang))}** ({old} → {after.tag})"
    return StepChanges(f"{head}\n\n{changes.text}", [c for c, _ in steps] + changes.added)


def tour_across(index: GuideIndex, q: Query, tags: Sequence[str], first_n: int) -> StepChanges:
    """:func:`tour_by_release` between each two consecutive releases of ``tags`` ("in go1.21, go1.22 and go1.23":
    go1.21 → go1.22, then go1.22 → go1.23, so that a change is said where it happened), under one tour title."""
    out = StepChanges()
    blocks: list[str] = []
    for old, new in pairwise(tags):
        pair = tour_by_release(index, q, old, new, first_n + len(out.added))
        if pair.unchanged and blocks:  # said, so that no release asked about is passed over
            head = q.lang.text("tour_changes", old=old, new=new)
            blocks.append(f"**{head}**\n{q.lang.text('tour_changes_all_same')}")
        if not pair.text:
            continue
        out.added += pair.added
        paras = pair.text.split("\n\n")
        if not blocks:  # the tour's title (and summary) once, over the whole range
            paras[0] = paras[0].replace(f"({old} → {new})", f"({old} → {tags[-1]})", 1)
        blocks += paras if not blocks else paras[1:]
    out.text = "\n\n".join(blocks)
    return out


def since_previous(index: GuideIndex, q: Query, tour: TourInAnswer | None, first_n: int) -> StepChanges:
    """For a follow-up answered from a tour at another release than the previous answer's ("and in go1.21?"): how
    the tour's steps changed between the two (:func:`tour_changes`)."""
    before = q.previous_tags(index.releases)
    if tour is None or len(before) != 1:
        return StepChanges()
    return tour_changes(index, tour, before[0], q.lang, first_n, *steps_asked(index, q, tour))  # its steps asked


__all__ = ["StepChanges", "moved_lines", "since_previous", "tour_across", "tour_by_release", "tour_changes"]
