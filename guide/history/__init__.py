"""How the code changed between releases: symbol, file and topic comparisons (``compare``), timelines across every
indexed release (``timeline``), and the structured summaries of what changed (``summary``, parsing in ``goparse``)."""
