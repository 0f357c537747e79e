"""The Compare tab's panels for one comparison: summary, definition cards, diff, timelines and the source viewer."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from guide.history.compare import compare
from guide.history.timeline import comparison_timelines
from guide.language import Lang
from guide.render.compare_html import comparison_cards, comparison_diff, comparison_summary
from guide.render.html import notice
from guide.render.markdown import shown_citations
from guide.versions import find_versions, resolve, without_versions
from webui.errors import failure_text

if TYPE_CHECKING:
    from webui.callbacks import GuideApp


def compare_view(
    app: GuideApp, symbol: str, v1: str | None, v2: str | None, layout: str = "unified", lang: str = "en"
) -> tuple[str, str, str, str, str]:
    """What the Compare tab shows: ``compare``'s four parts and the source viewer, opened at the newer
    release's definition (the older one's when only it exists), so that it never shows the previous
    comparison. Two releases given newest first are compared oldest first, and the summary says so."""
    words = Lang(lang)
    hint = notice(words.text("cmp_viewer_hint"))
    index = app.current()
    if index is None:
        msg = notice(app.unavailable().replace("**", "").replace("`", ""), "warn")
        return msg, "", "", "", hint
    symbol = (symbol if isinstance(symbol, str) else "").strip()
    if not symbol:
        return notice(words.text("cmp_prompt"), "info"), "", "", "", hint
    rel = index.releases
    v1 = v1 or (rel[0] if rel else "")
    v2 = v2 or (rel[-1] if rel else "")
    symbol, v1, v2, said = _releases_named(symbol, v1, v2, rel, words)
    if not symbol:
        return said + notice(words.text("cmp_prompt"), "info"), "", "", "", hint
    old, new = app.release_order(v1, v2)
    swapped, v1, v2 = (old, new) != (v1, v2), old, new
    try:
        comp = compare(index, symbol[:300], v1, v2)
    except ValueError as e:  # an unknown release
        return notice(str(e), "warn"), "", "", "", hint
    except Exception as e:
        why = failure_text(e, "compare %r %s %s failed", symbol[:200], v1, v2)
        return notice(words.text("cmp_failed", why=why), "error"), "", "", "", hint
    timelines = app.timelines_of(index, lambda: comparison_timelines(index, comp), symbol, words)
    summary, cards = comparison_summary(comp, words.code), comparison_cards(comp, words.code)
    if swapped:
        summary = notice(words.text("cmp_swapped", v1=v1, v2=v2)) + summary
    summary = said + summary
    cited = shown_citations(comp)  # the first card a package shows (its platform's file), else the newer side
    shown = (cited[0] if comp.kind == "package" else cited[-1]) if cited else None
    viewer = app.open_source(shown.version, shown.path, shown.start_line, shown.end_line, lang) if shown else hint
    return summary, cards, comparison_diff(comp, layout, words.code), timelines, viewer


_TIE = r"(?:\s*(?:in|at|of|from|to|between|and|vs\.?|versus|on|since|在|里|中|和|与|到|之间|的)\b)+"
_CONNECTORS = re.compile(rf"^{_TIE}|{_TIE}\s*$", re.IGNORECASE)
"""The words that tied a release to the subject ("hchan in go1.21", "go1.21 和 go1.27 之间的 hchan")."""


def _releases_named(subject: str, v1: str, v2: str, releases: list[str], words: Lang) -> tuple[str, str, str, str]:
    """(the subject without the releases it names, the releases to compare, a notice of what was done): two named
    indexed releases are compared; one release that is not one of the two chosen, or one not indexed, is said and
    the chosen releases compared ("go1.99 chan" had compared another definition at the chosen releases, silently)."""
    named = find_versions(subject)
    if not named:
        return subject, v1, v2, ""
    rest = _CONNECTORS.sub("", re.sub(r"\s+", " ", without_versions(subject))).strip()
    scope = resolve(releases, named)
    if scope.missing:
        text = words.text(
            "cmp_subject_release_missing", names=", ".join(scope.missing), indexed=", ".join(releases),
            subject=rest, v1=v1, v2=v2,
        )  # fmt: skip
        return rest, v1, v2, notice(text, "warn")
    if len(scope.tags) >= 2:
        a, b = scope.tags[0], scope.tags[-1]
        return rest, a, b, notice(words.text("cmp_subject_releases", subject=rest, v1=a, v2=b))
    if scope.tags[0] in (v1, v2):
        return rest, v1, v2, ""
    return rest, v1, v2, notice(words.text("cmp_subject_release_one", tag=scope.tags[0], subject=rest, v1=v1, v2=v2))


__all__ = ["compare_view"]
