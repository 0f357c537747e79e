"""Which definition a comparison asked in plain words compares structurally (guide.history.described.findings)."""

from __future__ import annotations

from types import SimpleNamespace

import guide.history.described as described
from guide.citation import Citation


def _cit(tag: str, symbol: str, text: str) -> Citation:
    return Citation(tag, f"src/{symbol}.go", 10, 12, symbol, "func", "", text)


def test_a_definition_that_changed_is_compared_before_one_that_did_not(monkeypatch) -> None:
    """ "How did the way loop variables are captured by closures change between go1.21 and go1.22?" found escape
    analysis' flowClosure first at both releases, identical, and loopvar.ForCapture third, changed: the comparison said
    "unchanged: identical text" of flowClosure. The question asks what changed: of the definitions found at two or
    more releases, one whose text differs comes first, by its ranks; with none changed, the best ranked is still
    compared (an unchanged subject is an answer too)."""
    found = {
        "go1.21.13": [("flowClosure", "same"), ("directClosureCall", "a"), ("ForCapture", "old")],
        "go1.22.10": [("flowClosure", "same"), ("directClosureCall", "a"), ("ForCapture", "new")],
    }
    hits = {
        t: [SimpleNamespace(chunk=SimpleNamespace(kind="func", symbol=s, text=x), tag=t, ranks={}) for s, x in v]
        for t, v in found.items()
    }
    monkeypatch.setattr(described, "retrieve", lambda index, query, tags, k, include_design: hits[tags[0]])
    monkeypatch.setattr(described, "about_question", lambda index, query, hits: True)
    monkeypatch.setattr(described, "cite_chunk", lambda index, c, tag, ranks: _cit(tag, c.symbol, c.text))
    tags = ["go1.21.13", "go1.22.10"]
    assert described.findings(None, None, tags).subject == "ForCapture"  # type: ignore[arg-type]
    hits["go1.22.10"][2].chunk.text = "old"  # nothing changed: the first found at both
    assert described.findings(None, None, tags).subject == "flowClosure"  # type: ignore[arg-type]
