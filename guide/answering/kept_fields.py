"""What a struct kept, when a comparison asks about part of it: the group of fields whose comment or names say most
of the question, declared the same at both releases, quoted with their comment and cited at both.

A comparison lists what changed in a type ("14 fields added ..., 13 fields removed ..."); asked whether one part of
it changed ("Did the capacity of each processor's local run queue change between go1.15 and go1.27?"), the answer
must also say what did not: runtime.p's ``runq [256]guintptr``, under "Queue of runnable goroutines. Accessed
without lock.", is the same at both, and the list of changes had never named it (trial 64, issue 11's "value
changed or kept")."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from guide.answering.relevance import says_how_much
from guide.answering.statements import statements
from guide.history.goparse import struct_fields
from guide.render.markdown import code

if TYPE_CHECKING:
    from guide.citation import Citation
    from guide.language import Lang

MIN_SAID = 0.3
"""A field group whose comment and names say less of the question than this (``relevance.says_how_much``, by words
alone) is not what it asks about."""
_FIELD = re.compile(r"^\s*([A-Za-z_]\w*)\s+\S")


def _squash(s: str) -> str:
    return " ".join(s.split())


def _group(lines: Sequence[str], i: int) -> list[str]:
    """The field declarations from line ``i`` of a struct's text to the next blank line, comment or closing brace."""
    out: list[str] = []
    for ln in lines[i:]:
        s = ln.strip()
        if not s or s.startswith(("//", "}")) or not _FIELD.match(ln):
            break
        out.append(s.split("//", 1)[0].strip())
    return out


def kept_fields(old: Citation, new: Citation, tokens: Sequence[str], idf: Mapping[str, float]) -> tuple[str, str]:
    """(the field declarations, the first sentence of the comment above them or beside one) of ``new``'s struct that
    say most of the question (``tokens``, weighed by ``idf``) and that ``old`` declares the same, comment and all;
    ("", "") when none says enough (``MIN_SAID``) or either side is no struct. The first sentence says what the field
    is: runnext's third ("... adding the ready'd goroutines to the end of the run queue.") is about another thing."""
    if struct_fields(old.excerpt) is None or struct_fields(new.excerpt) is None:
        return "", ""
    before = _squash(old.excerpt)
    said_before = {(_squash(st.code), _squash(st.text)) for st in statements(old)}
    lines = new.excerpt.split("\n")
    best: tuple[float, str, str] = (MIN_SAID, "", "")
    first: set[str] = set()  # a field's comment is read by its first sentence: what the field is
    for st in statements(new):
        if st.kind not in ("body", "line") or not _FIELD.match(st.code) or st.code in first:
            continue
        first.add(st.code)
        if (_squash(st.code), _squash(st.text)) not in said_before:
            continue  # said at the newer release only: a new comment, listed as one
        at = next((i for i, ln in enumerate(lines) if ln.strip().startswith(st.code.strip())), None)
        if at is None:
            continue
        fields = _group(lines, at) if st.kind == "body" else [lines[at].split("//", 1)[0].strip()]  # a line's own
        if not fields or any(_squash(f) not in before for f in fields):
            continue  # a field of the group is new or declared otherwise at the older release: a change, listed
        # its comment and first field, or with all the fields it is over (runq under "Queue of runnable goroutines.")
        said = max(
            says_how_much(st, tokens, idf, None), says_how_much(replace(st, code="; ".join(fields)), tokens, idf, None)
        )
        if said > best[0]:
            best = (said, "; ".join(fields), st.text)
    return best[1], best[2]


def kept_line(old: Citation, new: Citation, tokens: Sequence[str], idf: Mapping[str, float], lang: Lang) -> str:
    """The item under a struct's changes that says what of it the question asks about stayed the same (see the
    module doc), cited at both releases; "" when nothing does."""
    fields, comment = kept_fields(old, new, tokens, idf)
    if not fields:
        return ""
    spans = lang.marks[1].join(code(f, new.excerpt, old.excerpt) for f in fields.split("; "))
    return "  - " + lang.text("fields_kept", fields=spans, comment=comment, n_old=old.n, n=new.n)


_QUOTE = re.compile(r"“([^”]+)”")


def said_once(text: str, above: str) -> str:
    """``text`` without the items under a definition (``  - ...``) whose quote ``above`` already says: a follow-up
    comparison says first that what the answer before quoted still holds (hchan's "lock protects all fields in hchan,
    ..."), and the lock's field, the same at both releases, had quoted it again below."""
    if not above:
        return text
    kept = [
        ln for ln in text.split("\n")
        if not (ln.startswith("  - ") and (m := _QUOTE.search(ln)) is not None and f"“{m.group(1)}”" in above)
    ]  # fmt: skip
    return "\n".join(kept)


__all__ = ["MIN_SAID", "kept_fields", "kept_line", "said_once"]
