"""Since which release the indexed sources use a word the question writes as code that is no definition's name: an
environment variable, a GODEBUG setting or a GOEXPERIMENT ("GOMEMLIMIT 是在哪个版本引入的？go1.15.15 有吗？",
"Does go1.24.11 have the greenteagc experiment?"). A definition's absence is said by ``absent.absent_text``; such
a word is no definition, and the answers had quoted whatever shared its other words, never saying that go1.15.15's
sources have no GOMEMLIMIT (trial 28).

Said before the answer when the word is missing from a release the question asks about, or when the question asks
since when: the indexed releases whose sources have it, and the first of them cited at the chunk that uses it most
(BM25). Only a word the index has that is not English (CC-CEDICT's English words, and those with an English ending
on one, "growable", are read as English), in any case: ``GOMEMLIMIT``, ``greenteagc``, ``asyncpreemptoff``."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from guide.citation import Citation, cite_chunk
from guide.definitions import platform_penalty
from guide.knowledge.cedict import english_words
from guide.release_gaps import skipped_between
from guide.render.changes import releases_named

if TYPE_CHECKING:
    from guide.index import GuideIndex
    from guide.language import Lang
    from guide.query import Query
    from ingest.store import ChunkRow

MIN_LETTERS = 4
_CODE = ("func", "method", "type")
"""Definitions whose name, in any case, is the word: a function or type miscapitalized; not an experiment's constant
(``GreenTeaGC`` for "greenteagc", which names the GOEXPERIMENT)."""


def written_words(index: GuideIndex, query: Query, skip: Collection[str] = ()) -> list[str]:
    """The words ``query`` writes as code that no definition is named (see the module doc), ``skip`` aside (the
    names an absence note speaks of already)."""
    english = english_words(wait=index.dense_blocking)
    if english is None:  # the dictionary is still loading (the app's first questions): no word is told apart
        return []
    out = []
    for c in query.identifiers:
        word = c.text
        if word in skip or c.name in skip or len(word) < MIN_LETTERS or not word.replace("_", "").isalnum():
            continue
        low = word.lower()
        if _english(low, english):  # "fair", "growable" (grow + able): English, whatever its case
            continue
        defs = index.reader.lookup(word, limit=20)
        if any((d.name == word and d.kind != "package") or (d.name.lower() == low and d.kind in _CODE) for d in defs):
            continue  # a definition's name ("findrunnable": findRunnable), which an absence note speaks of
        if index.reader.doc_freq([low]).get(low, 0) > 0:
            out.append(word)
    return list(dict.fromkeys(out))


_ENDINGS = ("able", "ible", "ing", "ed", "es", "s", "er", "ers", "ly", "ness", "ment", "ion", "ions")
_REWRITTEN = (
    ("ation", "ate"), ("ations", "ate"), ("ion", "e"), ("ions", "e"), ("ies", "y"), ("ing", "e"), ("ed", "e"),
    ("or", "e"), ("ors", "e"), ("er", "e"), ("ers", "e"),
)  # fmt: skip
"""Endings that replace a word's last letters (iterat-e, iterat-ion): the dictionary's glosses have "iterate" and not
"iteration", which had been read as a word written as code, and "Since which Go release does each loop iteration
get its own copy of the loop variable?" opened with "`iteration` occurs in the Go sources of every indexed release,
from the oldest (go1.21.13) on, first in cmd/compile/internal/ssa.(*loop).iterationEnd". Likewise the doer of a verb
(iterat-or, finaliz-er, allocat-or): "When did range-over-func iterators appear in the compiler?" had opened with
"`iterators` occurs in the Go sources of every indexed release ... first in runtime/map.go" (trial 108)."""


def _english(word: str, english: frozenset[str]) -> bool:
    """Whether ``word`` (lower case) is English: a dictionary's word, or one with an English ending on one."""
    return (
        word in english
        or any(word.endswith(e) and word[: -len(e)] in english for e in _ENDINGS)
        or any(word.endswith(e) and f"{word[: -len(e)]}{base}" in english for e, base in _REWRITTEN)
    )


def releases_with_word(index: GuideIndex, word: str, releases: Sequence[str] | None = None) -> list[str]:
    """The indexed releases (of ``releases``, else all) whose hand-written sources hold ``word`` (as a token), oldest
    first."""
    match = f'"{word.lower()}"'
    wanted = index.releases if releases is None else [t for t in index.releases if t in releases]
    return [t for t in wanted if index.reader.fts_search(match, [t], 1, hand_written=True)]


FIRST_USES = 20
"""The best chunks (BM25) of a release looked at for one whose own lines hold the word (a file's path or build
constraint is in its tokens too: mgcmark_greenteagc.go's chunks all have "greenteagc")."""


def first_use(index: GuideIndex, word: str, tag: str, platform: tuple[str, str]) -> ChunkRow | None:
    """The chunk at ``tag`` that uses ``word`` most (BM25) and whose lines hold it, as written if one does, else in
    another case (``GreenTeaGC`` for "greenteagc"); code of the question's ``platform`` (or of every one) first
    (GOEXPERIMENT's first use was cited in sys_dragonfly_amd64.s, trial 30); None when no chunk's lines do."""
    found = index.reader.fts_search(f'"{word.lower()}"', [tag], FIRST_USES, hand_written=True)
    chunks = {c.rowid: c for c in index.reader.chunks([r for r, *_ in found])}
    ordered = [chunks[r] for r, *_ in found if r in chunks]
    ordered.sort(key=lambda c: platform_penalty(c.goos, c.goarch, c.build, c.path, platform))  # stable: BM25 within
    return next((c for c in ordered if word in c.text), None) or next(
        (c for c in ordered if word.lower() in c.text.lower()), None
    )


def word_span_notes(
    index: GuideIndex, query: Query, tags: Sequence[str], lang: Lang, first_n: int, skip: Collection[str] = ()
) -> tuple[str, list[Citation]]:
    """The notes on the question's written words (see the module doc) and the sources they cite, numbered from
    ``first_n``; empty when there is nothing to say."""
    notes: list[str] = []
    cited: list[Citation] = []
    asked = [t for t in index.releases if t in tags]
    have = {word: releases_with_word(index, word, asked) for word in written_words(index, query, skip)}
    if not query.asks_timeline:  # said only for a release asked about that lacks it: those are read first
        have = {word: there for word, there in have.items() if len(there) < len(asked)}
    others = [t for t in index.releases if t not in asked]  # then the other releases, each read once
    spans = {
        w: sorted({*there, *releases_with_word(index, w, others)}, key=index.releases.index)
        for w, there in have.items()
    }
    # one word, the subject: that of the fewest releases, then the rarest ("the loopvar GOEXPERIMENT": loopvar)
    df = index.reader.doc_freq([w.lower() for w in spans])
    words = sorted((w for w in spans if spans[w]), key=lambda w: (len(spans[w]), df.get(w.lower(), 0)))[:1]
    for word in words:
        present = spans[word]
        missing = [t for t in tags if t in index.releases and t not in present]
        if not (missing or query.asks_timeline):
            continue
        chunk = first_use(index, word, present[0], query.platform)
        cit = cite_chunk(index, chunk, present[0]) if chunk is not None else None
        if chunk is None or cit is None:
            continue
        cit = cit.numbered(first_n + len(cited))
        cited.append(cit)
        at = index.releases.index(present[0])
        contiguous = present == index.releases[at:]
        before = index.releases[at - 1] if at else ""
        gap = contiguous and bool(before) and skipped_between([before, present[0]], index.releases)
        if present == index.releases:
            span = lang.text("word_everywhere", first=present[0])
        elif contiguous:  # since a release: where the releases before it are not indexed, it came in one of them
            span = lang.text("word_from_gap" if gap else "word_from", first=present[0], before=before)
        else:
            span = lang.text("word_at", releases=releases_named(present, lang))
        where = f"{cit.symbol} ({cit.location})"
        key = "word_missing" if missing else "word_since_gap" if gap else "word_since"  # the release it is not in,
        shown = f"`{word}`" if word in chunk.text else word  # as code only as the cited lines write it; said apart
        notes.append(lang.text(key, word=shown, asked=lang.listed(missing), span=span, where=where, n=cit.n,
                               releases=releases_named(present, lang), first=present[0], before=before))  # fmt: skip
    return "\n\n".join(notes), cited


__all__ = ["first_use", "releases_with_word", "word_span_notes", "written_words"]
