"""What an answer's search read, said under it when search by meaning did not read every passage: the vectors are
still being built (the web app's background embedder) or loaded, or they failed to load. Symbol and lexical search
are complete meanwhile; the reader is told that the answer rests more on them and may cite other code later
(issue 9: "the chat says when dense search is still partial")."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from guide.index import GuideIndex
    from guide.language import Lang


def searched_note(index: GuideIndex, lang: Lang) -> str | None:
    """The note in ``lang`` when a dense search reads fewer passages than will have vectors; None when it reads all
    of them (or the index has nothing to embed)."""
    searched = index.dense_searched()
    if searched is None:
        return None
    done, total = searched
    if not done:
        return lang.text("dense_off", total=_count(total, lang))
    pct = str(100 * done // total) if done * 100 >= total else "<1"  # never "100%" while partial, nor "0%" for some
    return lang.text("dense_partial", done=_count(done, lang), total=_count(total, lang), pct=pct)


def _count(n: int, lang: Lang) -> str:
    return f"{n:,}" if lang.code == "en" else str(n)


__all__ = ["searched_note"]
