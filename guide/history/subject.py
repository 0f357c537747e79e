"""What a comparison question is about, when it names (or describes) one definition.

The question model classified the question's words (``Query.subject_words``); here they are resolved against the
index at the two releases: a backticked word or one written as a type ("the sudog struct", "type p") first, then
code-looking words, then a plain word rare enough in the index to be an identifier (``stopm``), then the
vocabulary's declaration for the question's topic, then the question's only topic word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from guide.citation import package_of
from guide.definitions import candidates, releases_with, standalone_program
from guide.history.files import compare_file
from guide.history.summary import line_counts
from guide.knowledge import successor_for, vocabulary
from guide.notes import Note, listed
from guide.retrieval import retrieve
from guide.retrieval.symbol import IDENTIFIER_SHARE, RARE_DF
from guide.retrieval.wordstats import code_share
from guide.words import GO_KEYWORDS

if TYPE_CHECKING:
    from guide.citation import Citation
    from guide.index import GuideIndex
    from guide.query import Query


def _resolves(index: GuideIndex, name: str, t1: str, t2: str) -> bool:
    """Whether ``name`` is a definition at ``t1`` or ``t2`` (or a removed one the successors table knows); not a
    program run by hand beside a package (``main.main`` is the user's program, not cmd/compile's ssa/_gen tool, which
    trial 102's "in 1.9 it was the same?" after "what runs before main.main?" had compared)."""
    found = [*candidates(index, name, t1), *candidates(index, name, t2)]
    return any(not standalone_program(d) for d in found) or successor_for(name) is not None


def _rare(index: GuideIndex, word: str) -> bool:
    low = word.lower()
    return index.reader.doc_freq([low]).get(low, 0) < RARE_DF


def _coded(index: GuideIndex, word: str) -> bool:
    """Whether the corpus writes ``word`` as code more often than as English (``hchan`` 0.81; ``timers`` 0.19 is
    mostly the English plural, though ``runtime.timers`` exists)."""
    return code_share(index.reader, word) >= IDENTIFIER_SHARE


_PREPOSITION = re.compile(r"\b(?:of|in|for|by|on|during|inside|within|from)\b", re.IGNORECASE)


def head_concept(query: Query) -> str:
    """Of the vocabulary's topics a question names, the one it is about: the last written ("调度器的抢占", "the
    scheduler's preemption": preemption), or the first when a preposition follows it ("preemption in the
    scheduler"); the first in the vocabulary's order when the question's own words match none (a translation did)."""
    spans = []
    for cid in query.concepts:
        if (m := vocabulary().by_id[cid].first_match(query.text)) is not None:
            spans.append((m.start(), m.end(), cid))
    if not spans:
        return query.concepts[0]
    spans.sort()
    first, last = spans[0], spans[-1]
    return first[2] if _PREPOSITION.search(query.text[first[1] : last[0]]) else last[2]


def vocabulary_symbol(index: GuideIndex, query: Query, t1: str, t2: str) -> str | None:
    """The declaration the vocabulary gives for the question's first topic, when one of its names is defined at
    both releases, or at ``t1`` with a successor (``hmap`` -> ``maps.Map``)."""
    if not query.concepts:
        return None
    words = {w.text for w in query.subject_words}
    term = vocabulary().by_id[head_concept(query)]
    # a name the question writes as it is spelled ("itab") before the others the topic brings (getitab)
    for name in sorted(term.symbols, key=lambda n: n.rsplit(".", 1)[-1] not in words):
        at1, at2 = bool(candidates(index, name, t1)), bool(candidates(index, name, t2))
        if (at1 and at2) or (at1 and successor_for(name) is not None):
            return name
    return None


def topic_word_symbol(index: GuideIndex, query: Query, t1: str, t2: str) -> str | None:
    """For a subject that is one plain word naming no definition at any release but a topic of the vocabulary
    ("scheduler", typed into the Compare tab, had been "not defined in any indexed release", similar names:
    schedule), the vocabulary's declaration for it, as "the scheduler" gets (``vocabulary_symbol``); else None. A Go
    keyword so written names the language's construct whatever is named like it ("map" had compared sync.Map, trial
    100)."""
    if not query.concepts or not query.text.isalpha():
        return None
    if query.text not in GO_KEYWORDS and releases_with(index, query.text):
        return None
    return vocabulary_symbol(index, query, t1, t2)


CODE_KINDS = frozenset({"func", "method", "type", "const", "var", "asm"})


def described_symbol(index: GuideIndex, query: Query, tags: list[str]) -> str | None:
    """The definition a question describes in words ("the execution tracer's buffers", "cleanup functions"): the
    best code definition the guide's own retrieval finds for it at those releases."""
    hits = retrieve(index, query, tags, k=8, include_design=False)
    return next((h.chunk.symbol for h in hits if h.chunk.kind in CODE_KINDS), None)


def question_symbol(
    index: GuideIndex, query: Query, t1: str, t2: str, *, topics: bool = True
) -> tuple[str, bool] | None:
    """The identifier a comparison question names or describes, if it resolves (see the module doc), and whether
    the question names it (False: the vocabulary's declaration for its topic). With ``topics=False`` only a name the
    question writes counts."""
    ticked: list[str] = []
    codey: list[str] = []
    plain: list[str] = []
    for w in query.subject_words:
        if w.how == "ticked" or (w.typed and _resolves(index, w.text, t1, t2)):
            ticked.append(w.text)
        elif w.how == "codey":
            codey.append(w.text)
        elif w.how == "plain":
            plain.append(w.text)
    for name in [*ticked, *codey]:
        if _resolves(index, name, t1, t2):
            return _method_of(index, name, [*ticked, *codey, *plain], t1, t2), True
    for name in plain:  # a plain word names a definition when it is rare and the corpus writes it as code
        if len(name) >= 3 and _rare(index, name) and _coded(index, name) and _resolves(index, name, t1, t2):
            return _method_of(index, name, [*ticked, *codey, *plain], t1, t2), True
    if not topics:
        return None
    named = vocabulary_symbol(index, query, t1, t2)  # "the map implementation": maps.Map/hmap, not sync.Map
    if named is not None:
        return named, False
    content = query.topic_tokens
    if len(content) == 1 and plain:
        only = next((p for p in plain if p.lower() == content[0]), None)
        if only is not None and _resolves(index, only, t1, t2):
            return only, True
    return None


def _method_of(index: GuideIndex, name: str, words: Sequence[str], t1: str, t2: str) -> str:
    """``name`` as the method of a type the question names beside it, when that type has one so named ("忘了 Stop 的
    Timer": ``Timer.Stop``, time's, not runtime/trace.Stop, which trial 85's timer comparison had opened with; "call
    Stop on a time.Timer", the type qualified by its package: ``time.Timer.Stop``, trial 90); else ``name``."""
    for owner in words:
        type_name = owner.rsplit(".", 1)[-1]
        if owner != name and type_name[:1].isupper() and _resolves(index, f"{owner}.{name}", t1, t2):
            return f"{owner}.{name}"
    return name


def rest_of_file(
    index: GuideIndex, left: Citation | None, right: Citation | None, changed: Sequence[str] = ()
) -> Note | None:
    """For a described subject found unchanged ("the background scavenger": runtime.bgscavenge), how much the rest of
    its file changed between the two releases (mgcscavenge.go: +34 -83 lines), and in which definitions
    (``changed``, from :func:`changed_in_file`: scavengerState, whose fields were reordered, (*scavengerState).init
    ...: trial 33 read "unchanged" as the headline of a scavenger whose state and logic changed), so that
    "unchanged" is not read as "the mechanism did not change"; None when the file is the same or moved."""
    if left is None or right is None or left.path != right.path:
        return None
    old, new = index.file_lines(left.version, left.path), index.file_lines(right.version, right.path)
    if old is None or new is None or old == new:
        return None
    added, removed = line_counts(old, new)
    if not changed:
        return Note("rest_of_file", path=left.path, added=added, removed=removed)
    more = len(changed) - NAMED_CHANGES
    shown = [*changed[:NAMED_CHANGES], *([f"+{more}"] if more > 0 else [])]
    return Note("rest_of_file_named", path=left.path, added=added, removed=removed, **listed("names", shown))


def changed_in_file(index: GuideIndex, left: Citation | None, right: Citation | None) -> list[str]:
    """The other definitions of ``left``'s file whose text differs at ``right``'s release (``compare_file``), as the
    file writes their names: those whose make-up changed (fields, a signature) first, then by lines changed."""
    if left is None or right is None or left.path != right.path:
        return []
    changes = compare_file(index, left.path, left.version, right.version, follow_moves=False).changed
    changes.sort(
        key=lambda c: (not any(x["change"] not in _BODY_ONLY for x in c.summary), -c.lines_added - c.lines_removed)
    )
    return [_short(c.symbol) for c in changes if c.symbol != left.symbol]


def _short(symbol: str) -> str:
    """A name as its file's own code writes it: without its package (as ``FileSymbol.local``), a method with its
    receiver (``runtime.(*scavengerState).init`` -> ``(*scavengerState).init``; ``bitvec.BitVec.And`` ->
    ``BitVec.And``)."""
    return symbol.removeprefix(package_of(symbol) + ".")


NAMED_CHANGES = 5
"""At most this many of the definitions that changed in the rest of a file are named (the rest counted)."""
_BODY_ONLY = frozenset({"body_changed", "calls_changed", "comments_changed", "unchanged"})


__all__ = ["changed_in_file", "described_symbol", "question_symbol", "rest_of_file", "vocabulary_symbol"]
