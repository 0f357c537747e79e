"""The releases a question takes from its conversation, unless it names what their sources do not have.

A question that names no release is asked at the releases its conversation was at (a follow-up, or a new question on
the conversation's topic). Trial 111 asked "How does map growth work with swiss tables — is it still incremental like
the old buckets?" after "go1.21 里有 swiss table 实现的 map 吗？": answered at go1.21.13, the old bucket map's
"Buckets are incrementally copied ..." read as the Swiss table's growth, which go1.21.13 does not have. A word of the
question's own that no source at those releases has, and the newest release's have, is asked of the newest: that is
said first, with the release its sources have it from."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from guide.answering.word_span import releases_with_word
from guide.release_gaps import skipped_minors
from ingest.tokens import STOP_WORDS

if TYPE_CHECKING:
    from guide.index import GuideIndex
    from guide.language import Lang
    from guide.query import Query

MIN_LETTERS = 4


def missing_at_inherited(index: GuideIndex, q: Query, tags: Sequence[str]) -> tuple[str, str] | None:
    """(the word, the first release whose sources have it) for the first word of ``q``'s own that the sources of the
    inherited releases ``tags`` lack and the newest release's have; None when there is none, when ``q`` names its
    releases, or when it asks what changed (a comparison reads each release as it is)."""
    if not tags or q.versions or q.asks_change or not (q.previous is not None or q.same_topic):
        return None
    newest = index.releases[-1] if index.releases else None
    if newest is None or newest in tags:
        return None
    own = [t for t in q.own_tokens if t.isascii() and t.isalpha() and len(t) >= MIN_LETTERS and t not in STOP_WORDS]
    known = index.reader.doc_freq(own)
    for word in (w for w in own if known.get(w, 0) > 0):
        having = releases_with_word(index, word)
        if having and newest in having and not set(having) & set(tags):
            return word, having[0]
    return None


def inherited_scope(
    index: GuideIndex, q: Query, tags: list[str], lang: Lang, picked: bool = False
) -> tuple[list[str], list[str], list[str]]:
    """(the releases to answer at, what is said first, the warnings under the answer): the newest release, said
    first, when a word of the question's own is missing at the inherited ones (see the module doc); else ``tags``,
    with a warning when a new question on the conversation's topic took them. ``picked``: the releases were chosen in
    the web app, which wins."""
    missing = None if picked else missing_at_inherited(index, q, tags)
    if missing is None:
        inherited = bool(tags) and q.same_topic and not q.versions and not picked
        inherited = inherited and bool(q.previous_versions or q.previous_all_releases)
        return (
            tags,
            [],
            [f"on the conversation's topic, answered at the releases it named: {', '.join(tags)}"] * inherited,
        )
    word, first = missing
    newest, at = index.releases[-1], index.releases.index(first)
    gap = skipped_minors(index.releases[max(at - 1, 0) : at + 1], index.releases)  # it came in one of them, or there
    span = lang.text("release_span", first=gap[0], last=gap[-1]) if len(gap) > 2 else lang.listed(gap)
    first_at = lang.text("inherited_first_gap", first=first, skipped=span) if gap else first
    note = lang.text("inherited_missing", word=word, tags=lang.listed(tags), first=first_at, newest=newest)
    return [newest], [note], []


__all__ = ["inherited_scope", "missing_at_inherited"]
