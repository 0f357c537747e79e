"""Whether something is there at the one release a question names ("Does go1.15.15 have asynchronous preemption?",
"go1.19 里有软内存上限吗？"): the declarations the vocabulary says implement what it asks about, looked up at that
release, said first with a yes or a no, each cited (trial 32: the answer had quoted preemptM and asyncPreempt at
go1.15.15 and never said yes). Only for a term of the vocabulary (guide/knowledge/vocabulary.toml), whose entry
names the source that says those declarations implement it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from guide.answering.quotable import for_other_platform
from guide.citation import Citation
from guide.knowledge import vocabulary
from guide.where import where
from guide.words import has_cjk

if TYPE_CHECKING:
    from guide.index import GuideIndex
    from guide.language import Lang
    from guide.query import Query

_WORD_TAIL = re.compile(r"[A-Za-z]*")  # the rest of an English word: "work steal" -> "work stealing"


def presence_note(
    index: GuideIndex, query: Query, tags: Sequence[str], lang: Lang, first_n: int
) -> tuple[str, list[Citation]]:
    """The yes-or-no line for a question that asks whether a release has what a vocabulary term names (see the
    module doc), and the definitions it cites, numbered from ``first_n``; ("", []) for any other question."""
    if not query.asks_presence or len(query.versions) != 1 or len(tags) != 1 or not query.concepts:
        return "", []
    if query.code_like:  # a name written as code: whether that release defines it is said of it (``absent_text``)
        return "", []
    term = vocabulary().by_id[query.concepts[0]]  # the most specific term the question uses
    tag = tags[0]
    found = [c for s in term.symbols if (c := _defined(index, s, tag, query.platform)) is not None]
    said = term.first_match(query.text)
    chinese = lang.code == "zh" and said is not None and has_cjk(said.group(0))
    tail = _WORD_TAIL.match(query.text, said.end()) if said is not None else None
    word = query.text[said.start() : tail.end()] if said is not None and tail is not None else ""
    named = word if word and (lang.code != "zh" or chinese) else term.id.replace("-", " ")  # "work stealing"
    if found:
        cited = [c.numbered(first_n + i) for i, c in enumerate(found)]
        names = lang.listed(f"`{c.symbol.rsplit('.', 1)[-1]}` [{c.n}]" for c in cited)
        return lang.text("presence_yes", tag=tag, names=names, term=named), cited
    # not written as code: the one release that defines one of them is cited in the same sentence, and a name in
    # backticks is one its cited source must hold (the line had been removed whole, trial 34)
    names = lang.listed(s.rsplit(".", 1)[-1] for s in term.symbols)
    later = ((r, c) for r in index.releases for s in term.symbols if (c := _defined(index, s, r, query.platform)))
    first, cited = "", []
    if (earliest := next(later, None)) is not None:  # the first release that defines one of them, read up to it
        release, cit = earliest
        cited = [cit.numbered(first_n)]
        first = lang.text("presence_first", name=f"`{cit.symbol.rsplit('.', 1)[-1]}`", first=release, n=first_n)
    return lang.text("presence_no", tag=tag, names=names, term=named, first=first), cited


def _defined(index: GuideIndex, symbol: str, tag: str, platform: tuple[str, str]) -> Citation | None:
    """``symbol``'s definition at ``tag``, the question's platform's copy first (asyncPreempt is in preempt_amd64.s,
    preempt_arm64.s ...); None when ``tag`` has none."""
    found = [c for c in where(index, symbol, tag) if c.symbol == symbol]
    return min(found, key=lambda c: for_other_platform(c.path, platform), default=None)


__all__ = ["presence_note"]
