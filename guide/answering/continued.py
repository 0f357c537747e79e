"""Whether a question of its own goes on from the conversation: a short question that names no topic, file or
identifier of its own ("调用 Stop 之后会发生什么？" after "Go 的定时器是怎么实现的？", "Does a small allocation need a
lock?" after "How does Go allocate memory for new objects?") is read alone as anything ("Stop" of the world, a trace's
flight recorder; the runtime's mutex) and in the conversation as what it is. What it finds alone tells which: when a
definition it finds first, by two searches, is in a file that a step of the tour its conversation is about reads
(time/sleep.go's ``Timer.Stop`` beside the timers tour's ``sendTime``; ``mallocgc``, the allocator tour's first
step), it is read as a follow-up; otherwise ("How are strings represented?" after a question on maps) as a question of
its own. Measured on the follow-up dev half (19): hit@1 .32 -> .37, hit@5 .63 -> .68, facts .74 as before. A term of
the vocabulary the question uses whose declarations are all outside those files is a subject of its own: "Does append
always double the capacity?" after a question on maps found the Swiss table's "double capacity" among its first five
beside growslice, which "append" names, and was answered with map growth (trial 37).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from guide.answering.tour import cited_steps
from guide.conversation import own_words_said
from guide.knowledge import bilingual
from guide.knowledge.tours import tour
from guide.query import Query
from guide.retrieval import CONCEPT, retrieve
from guide.words import has_cjk

if TYPE_CHECKING:
    from guide.index import GuideIndex
    from guide.retrieval import Hit

FOUND_FIRST = 5
"""How many of the definitions the question finds alone are compared with the files of its conversation's tour."""
AGREED = 2
"""A definition found alone counts when this many searches found it (words and meaning, a name, a term): one
search's guess is no evidence ("How do I bake banana bread?" after a GC question: found by its meaning alone, a
definition in mgc.go, fourth)."""


def continued(index: GuideIndex, q: Query) -> Query | None:
    """``q`` read as a follow-up of its conversation when it may be one (``Query.may_continue``) and what it finds
    alone is in the files of the tour the conversation is about (see the module doc); else None."""
    if not q.may_continue or not index.releases or says_new(q):
        return None
    follow = replace(Query.parse(q.question, q.history, platform=q.platform, continues=True), lang=q.lang)
    if not follow.tours:
        return None
    tag = index.releases[-1]
    files = {c.path for _, c in cited_steps(index, tour(follow.tours[0]), tag) if c is not None}
    found = retrieve(index, q, [tag], k=FOUND_FIRST, include_design=False)
    return follow if in_thread(found, files) else None


def says_new(q: Query) -> bool:
    """Whether ``q`` names a thing of its own that its conversation never said, in the last question or answer: a
    new subject, whatever its other words share with the conversation ("goroutine 泄漏了怎么排查，runtime 里有什么能看
    出来？" after an answer on the network poller, trial 110: its goroutine found newproc1, in the poller tour's
    proc.go, and the leak question was answered with epoll)."""
    last = "\n".join(q.history[-1])  # its Chinese terms in the English a Chinese question's own words are read in
    found = own_words_said(q.text, f"{last}\n{' '.join(bilingual().translate(last)) if has_cjk(last) else ''}")
    if found is None:
        return False
    _, own, said = found  # a plural the vocabulary adds beside its word ("调用": call, calls) is that word
    return any(w not in said and not (w.endswith("s") and w[:-1] in said) for w in own)


def in_thread(found: Sequence[Hit], files: Collection[str]) -> bool:
    """Whether what a question finds alone (``found``, best first) is in the ``files`` its conversation's tour reads:
    a definition there that ``AGREED`` searches found, unless a term of the vocabulary the question uses names only
    definitions elsewhere ("append": growslice, not the Swiss table's "double capacity", trial 37)."""
    termed = [h for h in found if CONCEPT in h.via]  # what a term of the vocabulary the question uses names
    if termed and not any(h.chunk.path in files for h in termed):
        return False
    return any(h.chunk.path in files and len(h.via) >= AGREED for h in found)


__all__ = ["AGREED", "FOUND_FIRST", "continued", "in_thread", "says_new"]
