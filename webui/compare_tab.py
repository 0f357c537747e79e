"""The Compare tab's panels for one comparison: summary, definition cards, diff, timelines and the source viewer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from guide.history.compare import compare
from guide.history.timeline import comparison_timelines
from guide.language import Lang
from guide.render.compare_html import comparison_cards, comparison_diff, comparison_summary
from guide.render.html import notice
from guide.render.markdown import shown_citations
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
    cited = shown_citations(comp)  # the first card a package shows (its platform's file), else the newer side
    shown = (cited[0] if comp.kind == "package" else cited[-1]) if cited else None
    viewer = app.open_source(shown.version, shown.path, shown.start_line, shown.end_line, lang) if shown else hint
    return summary, cards, comparison_diff(comp, layout, words.code), timelines, viewer


__all__ = ["compare_view"]
