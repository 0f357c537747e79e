"""Answering: the pipeline (``answer``, ``stream_answer``), its routes (comparison, callers, absent identifiers),
the extractive answerer and the language models, and the check of every citation a writer makes."""

from guide.answering.pipeline import ANSWER_SOURCES, answer, stream_answer
from guide.answering.result import Answer, Event

__all__ = ["ANSWER_SOURCES", "Answer", "Event", "answer", "stream_answer"]
