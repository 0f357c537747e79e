"""What a changed definition says in its own words about how it changed: the functions it calls at the newer release
that no definition of the older release has, each with the first sentence of its own doc comment and cited there,
and a comment it gained.

"calls added: `netpollAdjustWaiters`, `sysmonUpdateGOMAXPROCS`" names a change; the doc comment of the new function
says what the change is, in the code's own words ("netpollAdjustWaiters adds delta to netpollWaiters."). A call to a
function the older release already had is a change in what is called, not new code: its doc comment is not quoted.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from guide.answering.comment_text import paragraphs
from guide.answering.compared import changed_statements
from guide.answering.extractive import statement_line
from guide.answering.reading import summary
from guide.answering.statements import MAX_CHARS
from guide.citation import cite_definition
from guide.definitions import anchored
from guide.history.compare import Comparison
from guide.knowledge.tours import names_release_after
from guide.where import where

if TYPE_CHECKING:
    from guide.answering.statements import Statement
    from guide.citation import Citation
    from guide.history.files import TopicComparison
    from guide.index import GuideIndex
    from guide.language import Lang

PER_DEFINITION = 2
"""At most this many new functions quoted per changed definition (in the order the calls are listed)."""
_CODE_SUMMARY = re.compile(r"^\w+\(")
"""A doc comment whose first sentence is a call's form ("growslice(ptr *T, newLen, oldCap, num int, <type>) (ret
[]T)", walkGrowslice's): code, not words on what the function does."""


def new_callees(index: GuideIndex, comp: Comparison, old: str, new: str) -> list[Citation]:
    """The functions ``comp``'s definition calls at ``new`` and not at ``old`` (its ``calls_changed``) that are
    defined at ``new`` in its package and not at ``old`` under any case of its name (go1.19 renamed findrunnable
    findRunnable: no new code), each the definition an anchor names there (``definitions.anchored``: the asked
    platform's copy, the default build's), whose doc comment has a first sentence in words (``reading.summary``): at
    most ``PER_DEFINITION``. A call written with a dot (a method, another package's function) is not looked up: the
    receiver's type is not known from the call."""
    added: list[str] = next((c.get("added", []) for c in comp.summary if c["change"] == "calls_changed"), [])
    package = comp.right.package if comp.right is not None else ""
    if not added or not package:
        return []
    out: list[Citation] = []
    for name in added:
        if "." in name:
            continue
        symbol = f"{package}.{name}"
        d = anchored(index, symbol, new)
        here = cite_definition(index, d) if d is not None else None
        before = any(c.symbol.lower() == symbol.lower() for c in where(index, symbol, old))  # or renamed: findrunnable
        said = summary(here) if here is not None else ""
        if here is None or before or not said or _CODE_SUMMARY.match(said):
            continue
        out.append(here)
        if len(out) == PER_DEFINITION:
            break
    return out


def new_code_lines(cits: Sequence[Citation], lang: Lang) -> list[str]:
    """One indented item per new function (already numbered), under its caller's item: its name, where it is, and
    the first sentence of its doc comment, cited. No release is named: the item is under the comparison's, which
    names both, and the check holds a release named in a sentence to be the cited source's."""
    return ["  - " + lang.text("new_code", name=c.symbol, where=c.location, text=summary(c), n=c.n) for c in cits]


NEW_COMMENTS = 1
"""Comments quoted per changed definition that the older release's does not have (``new_comment_lines``)."""
_COMMENT_KINDS = frozenset({"doc", "body", "line"})
"""The statements that are comments (a doc comment's, one inside a body, one on a line): not the message a
``fatal("send on synctest channel from outside bubble")`` prints, which is new code, not a comment on it."""
_DECLARED = re.compile(r"^\s*([A-Za-z_]\w*)")
_WORDS = re.compile(r"[A-Za-z0-9_]+")


def new_comments(old: Citation, new: Citation, fields: Collection[str] = ()) -> list[Statement]:
    """The comment sentences ``new`` has and ``old`` has not (``compared.changed_statements``, a reworded one aside)
    whose words ``old`` does not say in that order either (a list renumbered "1)" -> "1.", a doc comment cut short:
    newproc's "Create a new g running fn." was "... fn with siz bytes of arguments."): at most ``NEW_COMMENTS``, one
    on a field or method added first (``fields``: what the comment says of it is what the type gained), then a doc
    comment's, then one that names a Go release after ``old``'s (time.Timer.Stop's "… as of Go 1.23, any receive from
    t.C after Stop has returned is guaranteed to block …" at go1.27.3, against go1.21.13: the change, dated by the
    code itself), then the longest ("Check if we need to update GOMAXPROCS at most once per second." in sysmon)."""
    before = " ".join(_WORDS.findall(old.excerpt if not old.doc else f"{old.doc}\n{old.excerpt}")).lower()

    def on_added(st: Statement) -> bool:
        m = _DECLARED.match(st.code)
        return m is not None and m.group(1) in fields

    added, _ = changed_statements(old, new, (), {}, limit=len(new.excerpt))
    added = [
        st for st in added
        if st.kind in _COMMENT_KINDS and " ".join(_WORDS.findall(st.text)).lower() not in before
    ]  # fmt: skip

    def key(st: Statement) -> tuple[bool, bool, bool, int]:
        dated = names_release_after(st.text, old.version, new.version)
        return not on_added(st), st.kind != "doc", not dated, -len(st.text.split())

    return [_with_before(st, added, new) for st in sorted(added, key=key)[:NEW_COMMENTS]]


def _with_before(st: Statement, added: Sequence[Statement], new: Citation) -> Statement:
    """A new doc comment sentence quoted after the new one before it, as the comment has them (its ``context``): "We
    could just call it, but we want to avoid one layer of call." had been quoted without "mapaccess1 is pushed from
    internal/runtime/maps.", the sentence that says where the code went (trial 94)."""
    i = next((k for k, x in enumerate(added) if x is st), 0)
    prev = added[i - 1] if i else None
    if st.kind != "doc" or st.context or prev is None or prev.kind != "doc" or prev.n != st.n:
        return st
    both = f"{prev.text} {st.text}"  # as one paragraph of the doc comment has them
    said = any(both in " ".join(p.split()) for p in paragraphs(new.doc.split("\n")))
    return replace(st, context=f"{prev.text} ") if said and len(both) <= MAX_CHARS else st


def new_comment_lines(sts: Sequence[Statement], by_n: Mapping[int, Citation], lang: Lang) -> list[str]:
    """Each comment of :func:`new_comments` as an item under the definition's changes, quoted as the answers quote."""
    label = lang.text("new_comment")
    label += "" if label.endswith("：") else " "  # no space after a full-width colon
    return ["  " + statement_line(st, by_n, lang).replace("- ", f"- {label}", 1) for st in sts]


def new_code_block(
    index: GuideIndex, comp: Comparison | TopicComparison, first_n: int, lang: Lang, known: Sequence[Citation] = ()
) -> tuple[str, list[Citation]]:
    """For a comparison of one definition found at both releases: an item per new function it calls (see
    :func:`new_callees`), numbered from ``first_n`` or as in ``known`` (the same definition cited by the tour's steps
    above keeps its number), cited; ("", []) when none."""
    if not isinstance(comp, Comparison) or comp.left is None or comp.right is None or not comp.changed:
        return "", []
    numbers = {c.key: c for c in known}
    cited: list[Citation] = []
    for c in new_callees(index, comp, comp.v1, comp.v2):
        cited.append(numbers.get(c.key) or c.numbered(first_n + sum(x.key not in numbers for x in cited)))
    return "\n".join(line.removeprefix("  ") for line in new_code_lines(cited, lang)), cited


__all__ = [
    "NEW_COMMENTS", "PER_DEFINITION", "new_callees", "new_code_block", "new_code_lines", "new_comment_lines",
    "new_comments",
]  # fmt: skip
