"""The design documents a question asks for ("Is there a design document?", "有设计文档吗？"): those the guide's own
retrieval finds for it whose title shares a word of its subject, each once, named by title and year and cited; or a
line saying that none of the indexed documents is about it (a document found for its words alone, "x/crypto/ssh/v2"
for a question on channels, is not offered)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from guide.answering.messages import alike
from guide.answering.quotable import title_words
from guide.answering.source_names import source_name
from guide.citation import Citation, cite_chunk
from guide.intent import DESIGN_WORDS
from guide.retrieval import retrieve
from ingest.tokens import identifier_tokens

if TYPE_CHECKING:
    from guide.index import GuideIndex
    from guide.language import Lang
    from guide.query import Query

MAX_DOCS = 3
"""Documents named at most."""
READ = 30
"""Hits read for them: the guide's retrieval ranks a document's sections among the code."""


def named(doc: Citation) -> frozenset[str]:
    """What a design document is about, by name: its title's words and its file name's ("19348-midstack-inlining":
    midstack, inlining), for a document whose sections carry no title of it ("Abstract")."""
    stem = doc.path.rsplit("/", 1)[-1].removesuffix(".md")
    return title_words(doc) | frozenset(
        w for w in identifier_tokens(stem.replace("-", " ")) if w.isalpha() and len(w) > 2
    )


def design_docs(index: GuideIndex, q: Query, tags: list[str], first_n: int, lang: Lang) -> tuple[str, list[Citation]]:
    """The line that answers "is there a design document?" and the documents it cites, numbered from ``first_n``:
    those whose title shares the rarest word of the question that any found title shares ("Non-cooperative goroutine
    preemption" for "异步抢占是怎么实现的？", not a document titled "Implementation")."""
    subject = set(q.tokens) - DESIGN_WORDS
    shared: list[tuple[Citation, frozenset[str]]] = []
    for hit in retrieve(index, q, tags, k=READ):
        if not hit.chunk.path.startswith("design/") or any(c.path == hit.chunk.path for c, _ in shared):
            continue
        cit = cite_chunk(index, hit.chunk, hit.tag, hit.ranks)
        if cit is not None and (words := frozenset(w for w in named(cit) if any(alike(w, s) for s in subject))):
            shared.append((cit, words))
    if not shared:
        return lang.text("design_none"), []
    df = index.reader.doc_freq(sorted({w for _, words in shared for w in words}))
    rarest = min(df, key=lambda w: (df[w] or 1 << 30, w)) if df else ""
    kept = [c for c, words in shared if rarest in words or not df][:MAX_DOCS]
    found = [c.numbered(first_n + i) for i, c in enumerate(kept)]
    docs = lang.text("list_sep").join(f"{source_name(c, lang)} ({c.path}) [{c.n}]" for c in found)
    return lang.text("design_docs", docs=docs), found


__all__ = ["MAX_DOCS", "READ", "design_docs", "named"]
