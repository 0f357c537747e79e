"""The Tours tab's callbacks, as plain Python over ``guide/`` (no Gradio here): a curated tour walked step by step at
one indexed release, each step's anchor resolved through the symbol table (``guide.definitions.anchored``) and cited
from git, the selected step's source in the viewer and its timeline across the indexed releases.

Every callback returns what the tab shows (:class:`TourState`); a bad tour id, a release that is not indexed or not
covered by the tour, no index yet: one message naming the fix, never a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from guide.answering.tour import cited_steps
from guide.history.timeline import timeline
from guide.knowledge.tours import Tour, tours
from guide.render.html import notice
from guide.render.tour_html import StepAt, step_changes, step_panel, tour_header, tour_steps
from webui.errors import failure_text
from webui.i18n import reader_language

if TYPE_CHECKING:
    from guide.index import GuideIndex
    from webui.callbacks import GuideApp

LANGUAGES = ("English", "中文")
"""The annotations' languages (every tour has ``note``/``note_zh``, ``title_zh``, ``summary_zh``)."""
VIEWER_HINT = "Pick a tour and a step to open its source here."
DEFAULT_TOUR = "program-start"
MAX_SHOWN = 100
"""Characters of a bad tour id or release echoed in a message."""


@dataclass(frozen=True)
class TourState:
    """What the Tours tab shows: the header, the list of steps, the selected step's panel, the viewer, the selected
    step's changes across releases, the selected step (0-based) and how many steps there are."""

    header: str
    steps: str
    panel: str
    viewer: str
    changes: str
    selected: int
    count: int = 0

    def outputs(self) -> tuple[str, str, str, str, str, int]:
        return self.header, self.steps, self.panel, self.viewer, self.changes, self.selected

    @property
    def can_go_back(self) -> bool:
        """Previous leads somewhere: a step before the selected one."""
        return self.selected > 0

    @property
    def can_go_on(self) -> bool:
        """Next leads somewhere: a step after the selected one."""
        return self.selected < self.count - 1


def tour_choices(lang: object = LANGUAGES[0]) -> list[tuple[str, str]]:
    """(title, id) of every tour, for the tour picker, titles in the annotations' language ``lang``."""
    return [(t.title_zh if lang == LANGUAGES[1] else t.title, t.id) for t in tours()]


def browser_language(accept_language: str | None) -> str:
    """The annotations' language for a browser's Accept-Language header (``webui.i18n.reader_language``)."""
    return LANGUAGES[1] if reader_language(accept_language) == "zh" else LANGUAGES[0]


def default_tour() -> str | None:
    """The tour the tab opens with: how a program starts, where reading the runtime begins (else the first)."""
    ids = [t.id for t in tours()]
    return DEFAULT_TOUR if DEFAULT_TOUR in ids else (ids[0] if ids else None)


def find_tour(tour_id: object) -> Tour | None:
    if not isinstance(tour_id, str):
        return None
    return next((t for t in tours() if t.id == tour_id.strip()), None)


def tour_releases(index: GuideIndex, t: Tour) -> list[str]:
    """The indexed releases the tour covers (where it has steps: its ``since`` and its steps' bounds), oldest
    first."""
    return [tag for tag in index.releases if t.steps_at(tag)]


def resolve(index: GuideIndex, t: Tour, tag: str) -> list[StepAt]:
    """The steps of ``t`` that apply at ``tag``, in order, each with its anchor's definition there cited from git
    (no citation: the index does not have the anchor at ``tag``)."""
    return [StepAt(n, step, cit) for n, (step, cit) in enumerate(cited_steps(index, t, tag), 1)]


def _step_number(value: object, count: int) -> int:
    """A step from the page (an int, a numeric string, anything else) as an index into ``count`` steps."""
    try:
        i = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError, OverflowError):
        i = 0
    return max(0, min(i, count - 1)) if count else 0


class ToursView:
    """The Tours tab over a :class:`~webui.callbacks.GuideApp` (its index handle, viewer and first-run message)."""

    def __init__(self, app: GuideApp) -> None:
        self.app = app

    def releases(self, tour_id: object) -> list[str]:
        """The indexed releases the tour covers (empty: no index, or no such tour)."""
        index = self.app.current()
        t = find_tour(tour_id)
        return tour_releases(index, t) if index is not None and t is not None else []

    def pick(self, tour_id: object, release: object, lang: object = LANGUAGES[0]) -> tuple[list[str], str, TourState]:
        """A tour picked: (the releases it covers, the release shown — ``release`` when the tour covers it, else the
        newest —, the tab at its first step)."""
        covered = self.releases(tour_id)
        tag = release if isinstance(release, str) and release in covered else (covered[-1] if covered else "")
        return covered, tag, self.show(tour_id, tag, lang, 0)

    def show(self, tour_id: object, release: object, lang: object = LANGUAGES[0], step: object = 0) -> TourState:
        """The tab for ``tour_id`` at ``release`` (None or empty: the newest it covers), step ``step`` selected."""
        zh = lang == LANGUAGES[1]
        index = self.app.current()
        if index is None:
            return _message(self.app.unavailable().replace("**", "").replace("`", ""), "warn")
        t = find_tour(tour_id)
        if t is None:
            known = ", ".join(x.id for x in tours())
            if not isinstance(tour_id, str) or not tour_id.strip():
                return _message(f"Pick a tour: {known}.", "info")
            return _message(f"There is no tour {tour_id.strip()[:MAX_SHOWN]!r}. Pick one of: {known}.", "warn")
        covered = tour_releases(index, t)
        if not covered:
            return _message(
                f"No indexed release is covered by the tour {t.id!r} ({t.title}): index a release it covers with "
                "`python -m corpus sync` and `python -m ingest`.",
                "warn",
            )
        tag = release.strip() if isinstance(release, str) and release.strip() else covered[-1]
        if tag not in covered:
            return _message(_not_covered(index, t, tag[:MAX_SHOWN], covered), "warn")
        try:
            steps = resolve(index, t, tag)
        except Exception as e:
            why = failure_text(e, "tour %s at %s failed", t.id, tag)
            return _message(f"The tour {t.id} could not be read at {tag}: {why}", "error")
        i = _step_number(step, len(steps))
        sel = steps[i]
        c = sel.citation
        viewer = (
            self.app.open_source(tag, c.path, c.start_line, c.end_line, "zh" if zh else "en")  # the tour's language
            if c is not None
            else notice(f"{sel.step.anchor} is not defined at {tag} in the index: no source to show.", "info")
        )
        # the steps another indexed release it covers has and this one has not (a step of releases before any indexed
        # one, ``until = "go1.20"``, can be picked nowhere: not counted)
        here = {id(s) for s in t.steps_at(tag)}
        other = len({id(s) for r in covered for s in t.steps_at(r)} - here)
        return TourState(
            tour_header(t, tag, steps, other, zh),
            tour_steps(steps, tag, i, zh),
            step_panel(sel, len(steps), tag, zh),
            viewer,
            self._changes(index, sel, zh),
            i,
            len(steps),
        )

    def move(self, tour_id: object, release: object, lang: object, current: object, delta: int) -> TourState:
        """The previous (``delta`` -1) or next (+1) step, stopping at the first and the last."""
        try:
            at = int(current)  # type: ignore[call-overload]
        except (TypeError, ValueError, OverflowError):
            at = 0
        return self.show(tour_id, release, lang, max(0, at + delta))

    def select(self, tour_id: object, release: object, lang: object, data: Any) -> TourState:
        """A click on a step (``data``: the page's ``{"step": n}``)."""
        step = data.get("step") if isinstance(data, dict) else data
        return self.show(tour_id, release, lang, step)

    def _changes(self, index: GuideIndex, sel: StepAt, zh: bool) -> str:
        try:
            tl = timeline(index, sel.step.anchor)
        except Exception as e:
            return notice(f"No timeline: {failure_text(e, 'timeline of %s failed', sel.step.anchor)}", "warn")
        return step_changes(sel, tl, zh)


def _not_covered(index: GuideIndex, t: Tour, tag: str, covered: list[str]) -> str:
    if tag not in index.releases:
        return f"{tag} is not an indexed release. Pick one the tour {t.id!r} covers: {', '.join(covered)}."
    return f"The tour {t.id!r} does not cover {tag}. Pick one it covers: {', '.join(covered)}."


def _message(text: str, kind: str) -> TourState:
    return TourState(notice(text, kind), "", "", notice(VIEWER_HINT), "", 0)


__all__ = [
    "LANGUAGES",
    "VIEWER_HINT",
    "TourState",
    "ToursView",
    "browser_language",
    "default_tour",
    "find_tour",
    "resolve",
    "tour_choices",
    "tour_releases",
]
