"""What the sources say per release, for a comparison: the statements of each release's definitions (what the
others do not say first), a definition's comments added and gone between two releases, and a compared definition
in one line."""

from __future__ import annotations

import difflib
from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from guide.answering.check import without_doc_links
from guide.answering.choosing import MIN_RELEVANCE
from guide.answering.extractive import statement_line
from guide.answering.messages import runtime_failure
from guide.answering.quotable import for_instrumented_build
from guide.answering.reading import summary
from guide.answering.relevance import relevance
from guide.answering.saying import is_fragment, says_something
from guide.answering.statements import (
    Statement,
    code_line,
    quote,
    short_declaration,
    statements,
    without_repeats,
)
from guide.citation import Citation
from guide.language import Lang

if TYPE_CHECKING:
    from guide.index import GuideIndex


def what_it_is(src: Citation, lang: Lang) -> str:
    """A compared definition at its release, from its own lines: a one-line constant's or variable's declaration
    (its value: ``stackMin = 2048``) and the first sentence of its doc comment, cited."""
    first, code = summary(src), short_declaration(src)
    if not first and not code:
        return ""
    said = " — ".join(x for x in (f"`{code}`" if code and "`" not in code else "", f"“{first}”" if first else "") if x)
    return f"**{src.symbol}** @ {src.version}: {said} [{src.n}]"


def told(src: Citation) -> list[Statement]:
    """What ``src`` says that a comparison may quote: its sentences (``is_fragment``: not a lead-in to a list, nor an
    entry of one, "- github.com/bytedance/sonic"), but the runtime's failures (``throw``)."""
    return [st for st in statements(src) if not runtime_failure(st) and not is_fragment(st)]


def release_statements(
    per_release: Mapping[str, Sequence[Citation]],
    tokens: Sequence[str],
    idf: Mapping[str, float],
    per: int = 3,
    above: str = "",
) -> dict[str, list[Statement]]:
    """What the sources say about the question at each release: the best statements of each release's sources,
    those the other releases do not say (what changed) first; a statement already quoted for an earlier release, or
    in the text ``above`` them (a follow-up's "what the answer before quoted still holds"), is not quoted again."""
    shown = " ".join(above.split())
    said: dict[str, set[str]] = {}
    for tag, srcs in per_release.items():
        said[tag] = {_key(st) for s in srcs for st in told(s)}
    out: dict[str, list[Statement]] = {}
    quoted: set[str] = set()
    for tag, srcs in per_release.items():
        others = [keys for t, keys in said.items() if t != tag]
        scored: list[tuple[float, int, Statement]] = []
        for rank, src in enumerate(srcs):
            prior = 1.0 + 0.5 / (rank + 1)
            for i, st in enumerate(told(src)):
                score = relevance(st, tokens, idf) * prior
                if score < MIN_RELEVANCE or _key(st) in quoted or not says_something(st):  # no title line, no label
                    continue
                if for_instrumented_build(st.words, st.text, tokens):  # the -race build, which is not asked about
                    continue
                if shown and f"“{' '.join(st.text.split())}”" in shown:  # quoted above them
                    continue
                if others and not all(_key(st) in keys for keys in others):
                    score *= CHANGED_BONUS
                scored.append((score, rank * 1000 + i, st))
        chosen: list[Statement] = []
        for _, _, st in sorted(scored, key=lambda x: (-x[0], x[1])):
            # a code line is quoted once, for its best sentence (``const randomizeScheduler = raceenabled`` had
            # three lines, one per sentence of its comment: trial 44)
            if _key(st) not in {_key(c) for c in chosen} and code_line(st) not in {code_line(c) for c in chosen} - {""}:
                chosen.append(st)
            if len(chosen) == per:
                break
        quoted |= {_key(st) for st in chosen}  # each said, a sentence another quote goes on from in that quote
        out[tag] = without_repeats(chosen)
    return out


def changed_statements(
    old: Citation, new: Citation, tokens: Sequence[str], idf: Mapping[str, float], limit: int = 3
) -> tuple[list[Statement], list[Statement]]:
    """What one definition says at a newer release and not at the older (added), and the reverse (gone): its own
    comments on what changed, the most relevant to the question first (then in the order they are written)."""
    added, gone, _ = comment_changes(old, new, tokens, idf, limit, edits=False)
    return added, gone


def comment_changes(
    old: Citation, new: Citation, tokens: Sequence[str], idf: Mapping[str, float], limit: int = 3, edits: bool = True
) -> tuple[list[Statement], list[Statement], list[tuple[Statement, Statement]]]:
    """``changed_statements``, and with ``edits`` the comments edited (``edited_pairs``: (gone, added), each taken
    from the lists of those added and gone)."""
    # each sentence alone: what a comment goes on from (``Statement.context``) may be the same at both releases
    before = {_key(st): replace(st, context="") for st in told(old)}
    after = {_key(st): replace(st, context="") for st in told(new)}

    def best(sts: list[Statement]) -> list[Statement]:
        ranked = sorted(enumerate(sts), key=lambda x: (-relevance(x[1], tokens, idf), x[0]))
        # a code line once, for its best sentence, as quotes are chosen (trial 24: "next = false — ..." three times,
        # one sentence each of the comment block above it)
        out: list[Statement] = []
        lines: set[str] = set()
        for _, st in ranked:
            line = " ".join(st.code.split())
            if not line or line not in lines:
                out.append(st)
                lines.add(line)
        return out[:limit]

    added = {k: st for k, st in after.items() if k not in before}
    gone = {k: st for k, st in before.items() if k not in after}
    # a comment reworded ("go routine" -> "goroutine", a typo fixed) says nothing new: neither added nor gone
    for a in list(added):
        twin = next((g for g in gone if difflib.SequenceMatcher(None, a, g).ratio() >= REWORDED), None)
        if twin is not None:
            del added[a], gone[twin]
    edited = edited_pairs(list(added.values()), list(gone.values())) if edits else []
    rest_added = [st for st in added.values() if all(st is not a for _, a in edited)]
    rest_gone = [st for st in gone.values() if all(st is not g for g, _ in edited)]
    # the same words beside a code line that changed (``// non-blocking`` after ``netpoll(0)``): no change of its own
    return best(rest_added), best(rest_gone), [(g, a) for g, a in edited if g.text != a.text][:limit]


def change_lines(
    pairs: Sequence[tuple[Citation, Citation]],
    tokens: Sequence[str],
    idf: Mapping[str, float],
    lang: Lang,
    shown: Collection[str] = (),
    index: GuideIndex | None = None,
) -> str:
    """For each (older, newer) pair of one definition's citations, the statements added and gone, quoted; none
    whose text is ``shown`` already (quoted above in the same answer). With ``index``, a comment gone from the
    definition that other code says at the newer release (``said_elsewhere``) moved, and is not said to be gone."""
    t = lang.text
    by_n = {c.n: c for pair in pairs for c in pair}
    blocks: list[str] = []  # a heading and its list: apart, so that no heading reads as part of the list before it
    for old, new in pairs:
        added, gone, edited = comment_changes(old, new, tokens, idf)
        added, gone = [s for s in added if s.text not in shown], [s for s in gone if s.text not in shown]
        edited = [(g, a) for g, a in edited if a.text not in shown]
        gone = [s for s in gone if index is None or not said_elsewhere(index, s.text, new.version)]
        if edited:
            blocks.append("\n".join([t("said_edited", old=old.version, new=new.version),
                                     *(t("said_edited_item", before=quote(b), after=quote(a), n_old=old.n, n=new.n)
                                       for b, a in edited)]))  # fmt: skip
        if added:  # a panic's message is no comment (trial 37: listed under "Its comments at go1.26.6 ...")
            key = "said_added_messages" if any(s.kind == "message" for s in added) else "said_added"
            blocks.append("\n".join([t(key, old=old.version, new=new.version),
                                     *(statement_line(st, by_n, lang) for st in added)]))  # fmt: skip
        if gone:
            key = "said_gone_messages" if any(s.kind == "message" for s in gone) else "said_gone"
            blocks.append("\n".join([t(key, old=old.version, new=new.version),
                                     *(statement_line(st, by_n, lang) for st in gone)]))  # fmt: skip
    return "\n\n".join(blocks)


EDITED = 0.6
"""A comment gone and one added this alike (difflib's ratio of their sequences of words; ``REWORDED`` compares their
letters) are one comment edited: said as the one becoming the other, not as one gone and one new (findRunnable:
"Goroutines added to a per-P run queue." -> "Goroutines added to the global or a per-P run queue.", trial 32)."""


def edited_pairs(added: Sequence[Statement], gone: Sequence[Statement]) -> list[tuple[Statement, Statement]]:
    """(gone, added) pairs of comments that are one comment edited (``EDITED``), each statement in one pair at most,
    the most alike first; in the order the added ones are listed."""
    ratios = sorted(
        ((difflib.SequenceMatcher(None, _key(g).split(), _key(a).split()).ratio(), i, j) for i, a in enumerate(added)
         for j, g in enumerate(gone)),
        key=lambda x: -x[0],
    )  # fmt: skip
    used_g: set[int] = set()
    pairs: dict[int, tuple[Statement, Statement]] = {}  # by the added comment's place
    for ratio, i, j in ratios:
        if ratio >= EDITED and i not in pairs and j not in used_g:
            used_g.add(j)
            pairs[i] = (gone[j], added[i])
    return [pairs[i] for i in sorted(pairs)]


MOVED_WORDS = 6
"""A comment gone from a definition is looked up at the newer release by its first this many words (a comment's first
line holds them: the lexical index reads the words, the text must hold them as written)."""


def said_elsewhere(index: GuideIndex, text: str, tag: str) -> bool:
    """Whether code at ``tag`` says the comment sentence ``text`` (by its first ``MOVED_WORDS`` words): schedule's
    "Check the global runnable queue once in a while to ensure fairness." moved to findRunnable, and had been listed
    among the comments gone between go1.15 and go1.27 (trial 34); growslice's "This formula gives a smooth-ish
    transition between the two." moved to nextslicecap, wrapped after "This formula" (trial 81)."""
    words = text.split()[:MOVED_WORDS]
    if len(words) < MOVED_WORDS:
        return False
    rows = index.reader.code_chunks_commenting(" ".join(words))  # wrapped over comment lines or not
    return bool(rows) and bool(index.reader.chunk_tags(rows, [tag]))


REWORDED = 0.9
"""Two comments this alike (difflib's ratio of their words) are one comment reworded, not one added and one gone."""
CHANGED_BONUS = 1.5
"""A statement one release makes and another does not says what changed: it counts this much more."""


def _key(st: Statement) -> str:
    """A statement as two releases are compared: its words, a doc link read as its name ("[Timer]" is "Timer")."""
    return " ".join(without_doc_links(f"{st.code} {st.text}").lower().split())


__all__ = ["CHANGED_BONUS", "change_lines", "changed_statements", "release_statements", "what_it_is"]
