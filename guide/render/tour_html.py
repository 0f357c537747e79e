"""HTML for the Tours tab: a curated tour (guide/knowledge/tours) walked at one release — its header with the team's
summary, the steps that apply there in order (number, anchor, location), the selected step's panel (its checked
citation and annotation), and what changed for its anchor between the indexed releases (the timeline). Every text
is escaped; the data (which definition each step resolves to) is looked up elsewhere (webui/tours.py) and handed in
as :class:`StepAt`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from guide.language import CHINESE, ENGLISH
from guide.render.cards import citation_card
from guide.render.compare_html import timeline_html
from guide.render.html import esc, inert, notice, ticked_html

if TYPE_CHECKING:
    from guide.citation import Citation
    from guide.history.timeline import Timeline
    from guide.knowledge.tours import Step, Tour

_WORDS = {
    "summary": ("The team's summary", "团队撰写的概要"),
    "steps": ("{total} steps at {tag}", "{tag} 共 {total} 步"),
    "missing": ("{n} not in the index", "其中 {n} 步不在索引中"),
    "other": (
        "{n} more for other releases (code that {tag} does not have: pick another release to read them)",
        "另有 {n} 步只适用于其他版本（{tag} 中没有那部分代码：选择其他版本即可阅读）",
    ),
    "select": ("click a step, or use Previous and Next", "点击某一步，或使用“上一步”“下一步”"),
    "step": ("Step {n} of {total}", "第 {n} 步，共 {total} 步"),
    "previous": ("← Previous", "← 上一步"),
    "next": ("Next →", "下一步 →"),
    "changes": ("What changed between releases", "各版本之间的变化"),
    "absent_short": ("not in the index at {tag}", "索引中 {tag} 没有它"),
    "absent": ("{anchor} is not defined at {tag} in the index", "索引中 {tag} 没有 {anchor} 的定义"),
    "follows": (
        "The timeline follows {shown}; this step reads {step}.",
        "时间线跟踪的是 {shown}；这一步读的是 {step}。",
    ),
}


def _w(key: str, zh: bool, **kw: object) -> str:
    return _WORDS[key][1 if zh else 0].format(**kw)


def button_labels(zh: bool) -> tuple[str, str]:
    """The Previous and Next buttons' labels in the annotations' language."""
    return _w("previous", zh), _w("next", zh)


@dataclass(frozen=True)
class StepAt:
    """One step of a tour at one release (a step that applies there), as the Tours view shows it."""

    number: int
    """1-based, among the steps that apply at the release, in the tour's order."""
    step: Step
    citation: Citation | None
    """The anchor's definition at the release, checked against git (None: the index does not have it there)."""


def note_html(text: str) -> str:
    """An annotation as one paragraph of HTML: escaped, its `backticked` identifiers as code."""
    return ticked_html(text)


def absent_text(s: StepAt, tag: str, zh: bool = False) -> str:
    """Why a step has no citation at ``tag``: its anchor is not in the index there."""
    return _w("absent", zh, anchor=s.step.anchor, tag=tag)


def tour_header(tour: Tour, tag: str, steps: list[StepAt], other: int = 0, zh: bool = False) -> str:
    """The tour's title at ``tag``, the team's summary (labelled as such), how many steps there are at ``tag``
    (those missing from the index, and ``other``: the steps for other releases only)."""
    title = tour.title_in("zh" if zh else "en")
    summary = tour.summary_zh if zh else tour.summary
    counts = [_w("steps", zh, total=len(steps), tag=tag)]
    missing = sum(s.citation is None for s in steps)
    if missing:
        counts.append(_w("missing", zh, n=missing))
    if other:
        counts.append(_w("other", zh, n=other, tag=tag))
    counts.append(_w("select", zh))
    label = _w("summary", zh) + ("：" if zh else ":")
    return inert(
        f'<div class="gg-tour-head" data-tour="{esc(tour.id)}" data-release="{esc(tag)}">'
        f'<div class="gg-cmp-title">{esc(title)} <span class="gg-version">{esc(tag)}</span></div>'
        f'<div class="gg-tour-summary"><span class="gg-label">{esc(label)}</span> {esc(summary)}</div>'
        f'<div class="gg-muted">{esc(" · ".join(counts))}</div></div>'
    )


def tour_steps(steps: list[StepAt], tag: str, selected: int, zh: bool = False) -> str:
    """The steps in order: number, anchor and location at ``tag`` (or why there is none). ``selected`` (0-based) is
    marked. A click (or Enter) on a step selects it (webui/ui.py, STEPS_JS reads ``data-step``)."""
    items = []
    for i, s in enumerate(steps):
        on = i == selected
        cls = "gg-step" + (" gg-step-on" if on else "") + ("" if s.citation else " gg-step-off")
        where = (
            f'<code class="gg-loc">{esc(s.citation.location)}</code>'
            if s.citation is not None
            else f'<span class="gg-muted">{esc(absent_text(s, tag, zh))}</span>'
        )
        current = ' aria-current="step"' if on else ""
        items.append(
            f'<li class="{cls}" data-step="{i}" role="button" tabindex="0"{current}>'
            f'<span class="gg-n">{s.number}</span> <span class="gg-sym">{esc(s.step.anchor)}</span> {where}</li>'
        )
    return inert(f'<ol class="gg-steps">{"".join(items)}</ol>')


def step_panel(s: StepAt, total: int, tag: str, zh: bool = False) -> str:
    """Beside the viewer: which step this is, its checked citation at ``tag`` (version, path, lines, symbol,
    permalink; or why there is none) and its annotation."""
    where = (
        citation_card(s.citation, label=str(s.number), preview=False, lang=CHINESE if zh else ENGLISH)
        if s.citation is not None
        else f'<div class="gg-card gg-absent"><span class="gg-n">{s.number}</span> {esc(absent_text(s, tag, zh))}</div>'
    )
    note = s.step.note_in("zh" if zh else "en")
    return inert(
        f'<div class="gg-step-panel" data-step="{s.number - 1}">'
        f'<div class="gg-cards-title">{esc(_w("step", zh, n=s.number, total=total))} · '
        f'<span class="gg-sym">{esc(s.step.anchor)}</span></div>{where}'
        f'<p class="gg-step-note">{note_html(note)}</p></div>'
    )


def step_changes(s: StepAt, tl: Timeline, zh: bool = False) -> str:
    """What changed for the step's anchor across the indexed releases: the timeline (cards and events), with a note
    when the timeline follows another definition of the name than the step's (a platform copy)."""
    head = f'<div class="gg-cards-title">{esc(_w("changes", zh))}</div>'
    extra = ""
    shown = next((p.citation for p in tl.releases if s.citation and p.tag == s.citation.version), None)
    if s.citation is not None and shown is not None and shown.key != s.citation.key:
        extra = notice(_w("follows", zh, shown=shown.label, step=s.citation.label), "info")
    timeline = timeline_html(tl, CHINESE if zh else ENGLISH)
    return inert(f'<div class="gg-step-changes">{head}{extra}') + timeline + "</div>"


__all__ = [
    "StepAt", "absent_text", "button_labels", "note_html", "step_changes", "step_panel", "tour_header", "tour_steps",
]  # fmt: skip
