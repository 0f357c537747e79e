"""What the team's notes on a tour's steps say changed between two releases: the sentences of a step's annotation
at the newer release that name a Go release after the older one ("since Go 1.25 the default also reads the cgroup's
CPU limit"), or, for a step the team wrote anew for a range of releases that names none, the first sentence of its
newer annotation that its older one does not have. "What changed in the scheduler between go1.21 and
go1.27?" had opened with the code's churn ("runtime.g: 15 fields added: syscallbp, ...", "calls renamed:
traceGoSched -> trace.GoSched") and left the changes a reader asks about (a thread keeps its P through a system
call since Go 1.26; GOMAXPROCS follows the container's CPU limit since Go 1.25) deep in the list or out of it
(trial 72)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from guide.knowledge.tours import names_release_after, release_minor, team_sentences

if TYPE_CHECKING:
    from guide.knowledge.tours import Tour
    from guide.language import Lang


def noted_changes(tour: Tour, old: str, new: str, lang: Lang, dated: bool = False) -> dict[str, str]:
    """For each step of ``tour`` at ``new`` (by its anchor, in the tour's order) whose annotation says what changed
    after ``old``, the sentences that say it, in ``lang`` (see the module doc); steps that say nothing of it are
    left out. With ``dated``, only sentences that name a Go release after ``old``: not a note written anew's first
    sentence, which says what the step does, not what changed (an overview of every topic)."""
    low, high = release_minor(old), release_minor(new)
    if low is None or high is None or low >= high:
        return {}
    out: dict[str, str] = {}
    for step in tour.steps_at(new):
        before = tour.step_at(step.anchor, old)
        said = team_sentences(step.note_in(lang.code), lang.code)
        named = [s for s in said if names_release_after(s, old, new)]
        if not named and not dated and before is not None and before is not step:  # written anew: its first new
            had = set(team_sentences(before.note_in(lang.code), lang.code))  # sentence
            named = [s for s in said if s not in had][:1]
        said = named
        if said:
            out[step.anchor] = " ".join(said)
    return out


__all__ = ["noted_changes"]
