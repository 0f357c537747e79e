"""A comparison asked in plain words ("how did the tracer's buffers change across go1.21, go1.22 and go1.23?"): no
identifier names the subject, so the guide's own retrieval is run at each release asked about, and the answer reads
what the best definitions say at each. The definition the releases' findings share at the top (by reciprocal rank
over the releases) is the subject compared structurally; of those, one whose text differs between the releases
comes before one identical at each: the question asks what changed, and an identical definition found first by words
it shares with the question is not what changed ("How did the way loop variables are captured by closures change
between go1.21 and go1.22?" had compared escape analysis' flowClosure, "unchanged: identical text", and not
loopvar.ForCapture, found third at both releases; flowClosure is still said to be the same at both among the other
definitions found). Measured (``python -m evals run --facts SET --llm extractive``, facts unchanged everywhere): of
the comparisons' dev half three answers changed: that one; the maps across go1.23, go1.24 and go1.26 compare the Swiss
table's maps.Map ("not in go1.23.9; present from go1.24.11") instead of the compiler's walkIndexMap, identical; the
runtime's lock across go1.23 to go1.25 compares (*mheap).init, which changed, instead of the mutex type, identical
(lock2, changed and the better subject, ranks below both). No answer of the dev halves, the team's facts or the
held-out set changed; of 18 comparisons asked in plain words on other topics (scavenger, stack growth, write
barrier, preemption, channels' close ...) none did, where ranking the shared definitions also by what their doc
comments say of the question (``relevance``) changed four, two for the worse (closechan, undocumented, lost to
chansend; shrinkstack to isShrinkStackSafe)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from guide.citation import Citation, cite_chunk
from guide.history.subject import CODE_KINDS
from guide.retrieval import retrieve
from guide.retrieval.support import about_question

if TYPE_CHECKING:
    from guide.index import GuideIndex
    from guide.query import Query

PER_RELEASE = 3
"""Definitions read per release."""


@dataclass
class Findings:
    tags: list[str]
    per_release: dict[str, list[Citation]] = field(default_factory=dict)
    """The best code definitions for the question at each release, best first."""
    matched: bool = False
    """Whether the findings of some release are about the question (``guide.retrieval.support``)."""
    subject: str | None = None
    """The definition found at the top in two or more of the releases, if any; one whose text differs between them
    before one that is the same at each (``findings``)."""

    def interleaved(self) -> list[Citation]:
        """The definitions, each release's best first, then each release's second, ... (none twice)."""
        out: dict[tuple[str, str, int], Citation] = {}
        depth = max((len(v) for v in self.per_release.values()), default=0)
        for i in range(depth):
            for tag in self.tags:
                found = self.per_release.get(tag, [])
                if i < len(found):
                    out.setdefault(found[i].key, found[i])
        return list(out.values())


def findings(index: GuideIndex, query: Query, tags: Sequence[str], k: int = PER_RELEASE) -> Findings:
    """What the retrieval finds for ``query`` at each release of ``tags`` (see the module doc)."""
    f = Findings(list(tags))
    score: dict[str, float] = {}
    seen_at: dict[str, int] = {}
    for tag in tags:
        found: list[Citation] = []
        hits = [h for h in retrieve(index, query, [tag], k=k + 5, include_design=False) if h.chunk.kind in CODE_KINDS]
        f.matched = f.matched or about_question(index, query, hits)
        for hit in hits:
            cit = cite_chunk(index, hit.chunk, hit.tag, hit.ranks)
            if cit is None or any(c.key == cit.key for c in found):
                continue
            found.append(cit)
            score[cit.symbol] = score.get(cit.symbol, 0.0) + 1.0 / (len(found) + 1)
            seen_at[cit.symbol] = seen_at.get(cit.symbol, 0) + 1
            if len(found) == k:
                break
        f.per_release[tag] = found
    shared = [s for s in score if seen_at[s] >= 2]
    texts = [{s: frozenset(c.text for c in cits if c.symbol == s) for s in shared} for cits in f.per_release.values()]
    changed = [s for s in shared if len({t[s] for t in texts if t[s]}) > 1]  # its texts differ between releases
    f.subject = max(changed or shared, key=lambda s: score[s]) if shared else None
    return f


__all__ = ["PER_RELEASE", "Findings", "findings"]
