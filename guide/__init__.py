"""The Go Internals Reading Guide as a library.

The path of a question: ``query`` (the question, read once) -> ``retrieval`` (symbol, concept, file, lexical and
dense retrievers, fused) -> ``answering`` (extractive or a language model, every citation checked) -> ``citation``
(the one citation type, made from lines read back from git). ``history`` compares releases; ``render`` turns
answers and comparisons into text, Markdown and HTML; ``knowledge`` holds the hand-written data (vocabulary,
successors), each entry with its source.

Entry points: :func:`guide.answering.answer`, :func:`guide.history.compare.compare`,
:func:`guide.history.timeline.timeline`, :func:`guide.where.where`, :class:`guide.retrieval.langchain.GuideRetriever`.
"""
