"""The guide's retrieval as a LangChain retriever, for use in a chain of your own (README: "Retrieval in your own
LangChain chain").

Each Document is one cited definition: ``page_content`` is its doc comment and code exactly as git holds them at
that release; ``metadata`` is the citation (version, path, start_line, end_line, doc_start_line, symbol, kind, url)
and each retriever's rank of it (``scores``).
"""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict, Field

from guide.citation import cite_chunk
from guide.query import Query


class GuideRetriever(BaseRetriever):
    """``GuideRetriever(index=open_index(), versions=["go1.27.3"], k=5).invoke("does a channel take a lock?")``.

    ``versions`` are indexed tags or "1.22"-style versions; empty means what the question names, else the newest
    indexed release."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    index: Any
    """A :class:`guide.index.GuideIndex`."""
    versions: list[str] = Field(default_factory=list)
    k: int = 5

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        from guide.retrieval import retrieve

        q = Query.parse(query)
        tags = q.scope(self.index.releases, self.versions or None).tags
        docs = []
        for hit in retrieve(self.index, q, tags, k=self.k):
            cit = cite_chunk(self.index, hit.chunk, hit.tag, hit.ranks)
            if cit is None:
                continue
            meta = cit.retrieved_json()
            meta.pop("excerpt")
            meta.pop("n")
            docs.append(Document(page_content=cit.text, metadata=meta))
        return docs


__all__ = ["GuideRetriever"]
