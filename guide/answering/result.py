"""What an answer is: :class:`Answer` (its JSON form is documented in the README, "Answers as JSON") and the
:class:`Event` steps of a streamed answer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from guide.answering.folds import Fold, unmarked
from guide.citation import Citation


@dataclass
class Answer:
    question: str
    text: str
    citations: list[Citation] = field(default_factory=list)
    """The sources the text cites, numbered as its ``[n]`` markers."""
    retrieved: list[Citation] = field(default_factory=list)
    """What the answerer was given, in rank order (with each retriever's rank in ``scores``)."""
    grounded: bool = False
    warnings: list[str] = field(default_factory=list)
    versions: list[str] = field(default_factory=list)
    llm: str = "extractive (no language model)"
    route: str = "retrieve"
    seconds: float = 0.0
    lang: str = "en"
    """The language of ``text`` ("en", "zh"): the question's, or for code alone the conversation's or the reader's."""
    folds: list[Fold] = field(default_factory=list)
    """Parts of ``text`` the web chat shows folded (``guide.answering.folds``): a tour below the lines that answer."""

    def to_json(self) -> dict[str, Any]:
        """The documented JSON form (README, "Answers as JSON")."""
        return {
            "question": self.question,
            "text": self.text,
            "citations": [c.to_json() for c in self.citations],
            "retrieved": [c.retrieved_json() for c in self.retrieved],
            "grounded": self.grounded,
            "warnings": self.warnings,
            "versions": self.versions,
            "llm": self.llm,
            "route": self.route,
            "seconds": round(self.seconds, 3),
            "lang": self.lang,
            "folds": [f.to_json() for f in self.folds],
        }


@dataclass
class Event:
    """One step of a streamed answer: ``sources`` (retrieved, before any model output), ``token`` (text), and
    ``final`` (the checked :class:`Answer`)."""

    kind: str
    text: str = ""
    sources: list[Citation] = field(default_factory=list)
    answer: Answer | None = None

    def __post_init__(self) -> None:
        self.text = unmarked(self.text)  # what is streamed shows no mark of a part to fold


__all__ = ["Answer", "Event"]
