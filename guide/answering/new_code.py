"""What a changed definition now calls that is new code: the functions it calls at the newer release that no
definition of the older release has, each with the first sentence of its own doc comment and cited there.

"calls added: `sysmonUpdateGOMAXPROCS`, `netpollAdjustWaiters`" names a change; the doc comment of the new function
says what the change is, in the code's own words ("sysmonUpdateGOMAXPROCS updates GOMAXPROCS if ..."). A call to a
function the older release already had is a change in what is called, not new code: its doc comment is not quoted.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from guide.answering.quotable import for_other_platform
from guide.answering.reading import summary
from guide.history.compare import Comparison
from guide.where import where

if TYPE_CHECKING:
    from guide.answering.statements import Statement
    from guide.citation import Citation
    from guide.history.files import TopicComparison
    from guide.index import GuideIndex
    from guide.language import Lang

PER_DEFINITION = 2
"""At most this many new functions quoted per changed definition (in the order the calls are listed)."""


def new_callees(index: GuideIndex, comp: Comparison, old: str, new: str) -> list[Citation]:
    """The functions ``comp``'s definition calls at ``new`` and not at ``old`` (its ``calls_changed``) that are
    defined at ``new`` in its package and not at ``old`` under any case of its name (go1.19 renamed findrunnable
    findRunnable: no new code), each the copy of the asked platform (none built only for another), whose doc comment
    has a first sentence (``reading.summary``): at most ``PER_DEFINITION``. A call written with a dot (a method,
    another package's function) is not looked up: the receiver's type is not known from the call."""
    added: list[str] = next((c.get("added", []) for c in comp.summary if c["change"] == "calls_changed"), [])
    package = comp.right.package if comp.right is not None else ""
    if not added or not package:
        return []
    platform = index.settings.platform_tuple
    out: list[Citation] = []
    for name in added:
        if "." in name:
            continue
        symbol = f"{package}.{name}"
        here = [c for c in where(index, symbol, new) if c.symbol == symbol and not for_other_platform(c.path, platform)]
        before = any(c.symbol.lower() == symbol.lower() for c in where(index, symbol, old))  # or renamed: findrunnable
        if not here or before or not summary(here[0]):
            continue
        out.append(here[0])
        if len(out) == PER_DEFINITION:
            break
    return out


def new_code_lines(cits: Sequence[Citation], lang: Lang) -> list[str]:
    """One indented item per new function (already numbered), under its caller's item: its name, where it is, and
    the first sentence of its doc comment, cited. No release is named: the item is under the comparison's, which
    names both, and the check holds a release named in a sentence to be the cited source's."""
    return ["  - " + lang.text("new_code", name=c.symbol, where=c.location, text=summary(c), n=c.n) for c in cits]


NEW_COMMENTS = 1
_COMMENT_KINDS = frozenset({"doc", "body", "line"})
"""The statements that are comments (a doc comment's, one inside a body, one on a line): not the message a
``fatal("send on synctest channel from outside bubble")`` prints, which is new code, not a comment on it."""
_DECLARED = re.compile(r"^\s*([A-Za-z_]\w*)")
"""Comments quoted per changed definition that the older release's does not have (``new_comment_lines``)."""


def new_comment_lines(old: Citation, new: Citation, lang: Lang, fields: Collection[str] = ()) -> list[str]:
    """The comment sentences ``new`` has and ``old`` has not (``compared.changed_statements``, a reworded one aside),
    as items under the definition's changes: at most ``NEW_COMMENTS``, one on a field or method added first
    (``fields``: what the comment says of it is what the type gained), then a doc comment's, then the longest
    ("Check if we need to update GOMAXPROCS at most once per second." in sysmon, go1.21 -> go1.27, beside "calls
    added: `sysmonUpdateGOMAXPROCS`"). Each is quoted as the answers quote, cited at ``new``."""
    from guide.answering.compared import changed_statements
    from guide.answering.extractive import statement_line

    def on_added(st: Statement) -> bool:
        m = _DECLARED.match(st.code)
        return m is not None and m.group(1) in fields

    added, _ = changed_statements(old, new, (), {}, limit=len(new.excerpt))
    added = [st for st in added if st.kind in _COMMENT_KINDS]  # a comment, not a message the code prints
    ranked = sorted(added, key=lambda st: (not on_added(st), st.kind != "doc", -len(st.text.split())))
    ranked = ranked[:NEW_COMMENTS]
    label = lang.text("new_comment")
    return ["  " + statement_line(st, {new.n: new}, lang).replace("- ", f"- {label} ", 1) for st in ranked]


def new_code_block(
    index: GuideIndex, comp: Comparison | TopicComparison, first_n: int, lang: Lang
) -> tuple[str, list[Citation]]:
    """For a comparison of one definition found at both releases: an item per new function it calls (see
    :func:`new_callees`), numbered from ``first_n`` and cited; ("", []) when none."""
    if not isinstance(comp, Comparison) or comp.left is None or comp.right is None or not comp.changed:
        return "", []
    cited = [c.numbered(first_n + i) for i, c in enumerate(new_callees(index, comp, comp.v1, comp.v2))]
    return "\n".join(line.removeprefix("  ") for line in new_code_lines(cited, lang)), cited


__all__ = ["NEW_COMMENTS", "PER_DEFINITION", "new_callees", "new_code_block", "new_code_lines", "new_comment_lines"]
