"""What a struct kept, when a comparison asks about part of it: the group of fields whose comment or names say most
of the question, declared the same at both releases, quoted with their comment and cited at both.

A comparison lists what changed in a type ("14 fields added ..., 13 fields removed ..."); asked whether one part of
it changed ("Did the capacity of each processor's local run queue change between go1.15 and go1.27?"), the answer
must also say what did not: runtime.p's ``runq [256]guintptr``, under "Queue of runnable goroutines. Accessed
without lock.", is the same at both, and the list of changes had never named it (trial 64, issue 11's "value
changed or kept")."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from guide.answering.comparison_parts import QUOTED
from guide.answering.relevance import says_how_much
from guide.answering.statements import statements
from guide.history.goparse import Member, struct_fields
from guide.render.markdown import code
from guide.words import GO_LANGUAGE_WORDS, squash

if TYPE_CHECKING:
    from guide.citation import Citation
    from guide.language import Lang

MIN_SAID = 0.3
"""A field group whose comment and names say less of the question than this (``relevance.says_how_much``, by words
alone) is not what it asks about."""


def _group(lines: Sequence[str], at: int, fields: Mapping[int, Member]) -> list[int]:
    """The lines of the fields declared from line ``at`` (0-based) on, to the next line that declares none (a blank
    line, a comment, the closing brace)."""
    out: list[int] = []
    for i in range(at, len(lines)):
        if i not in fields:
            break
        out.append(i)
    return out


def kept_fields(old: Citation, new: Citation, tokens: Sequence[str], idf: Mapping[str, float]) -> tuple[str, str]:
    """(the field declarations, the first sentence of the comment above them or beside one) of ``new``'s struct that
    say most of the question (``tokens``, weighed by ``idf``), each field declared at ``old`` with the same name and
    type and the sentence said of it there too; ("", "") when none says enough (``MIN_SAID``) or either side is no
    struct. The first sentence says what the field is: runnext's third ("... adding the ready'd goroutines to the end
    of the run queue.") is about another thing."""
    old_fields, new_fields = struct_fields(old.excerpt), struct_fields(new.excerpt)
    if old_fields is None or new_fields is None:
        return "", ""
    was = {f.name: squash(f.type) for f in old_fields}
    by_line = {f.line - 1: f for f in new_fields}  # 0-based lines of the excerpt
    said_before = {(squash(st.code), squash(st.text)) for st in statements(old)}
    lines = new.excerpt.split("\n")
    best: tuple[float, str, str] = (MIN_SAID, "", "")
    first: set[str] = set()  # a field's comment is read by its first sentence: what the field is
    for st in statements(new):
        if st.kind not in ("body", "line") or st.code in first:
            continue
        first.add(st.code)
        if (squash(st.code), squash(st.text)) not in said_before:
            continue  # said at the newer release only: a new comment, listed as one
        at = next((i for i in by_line if lines[i].strip().startswith(st.code.strip())), None)
        if at is None:
            continue  # no field's line (a comment on a statement)
        group = _group(lines, at, by_line) if st.kind == "body" else [at]  # a line's comment is its own
        if any(was.get(by_line[i].name) != squash(by_line[i].type) for i in group):
            continue  # a field of the group is new or typed otherwise at the older release: a change, listed
        fields = [lines[i].split("//", 1)[0].strip() for i in group]
        # its comment and first field, or with all the fields it is over (runq under "Queue of runnable goroutines.")
        said = max(
            says_how_much(st, tokens, idf, None), says_how_much(replace(st, code="; ".join(fields)), tokens, idf, None)
        )
        if said > best[0]:
            best = (said, "; ".join(fields), st.text)
    return best[1], best[2]


def kept_line(old: Citation, new: Citation, fields: str, comment: str, lang: Lang) -> str:
    """The item under a struct's changes that says what of it the question asks about stayed the same (see the
    module doc): the fields and comment ``kept_fields`` chose, cited at both releases."""
    spans = lang.marks[1].join(code(f, new.excerpt, old.excerpt) for f in fields.split("; "))
    return "  - " + lang.text("fields_kept", fields=spans, comment=comment, n_old=old.n, n=new.n)


_NAMED_TYPE = re.compile(r"[A-Za-z_]\w*")


def kept_types(fields: str) -> list[str]:
    """The types of kept field declarations (``kept_fields``: "runq gQueue; runqsize int32") that are named in the
    struct's own package (a bare identifier: ``gQueue``, not ``atomic.Int32``, ``[256]guintptr`` or a predeclared
    type), each once. The declaration being the same at both releases, the type it names may still have changed
    (schedt's ``runq gQueue``: gQueue counts its goroutines since go1.25; trial 70 read "the same at both releases"
    as nothing changed)."""
    out: list[str] = []
    for decl in fields.split("; "):
        parts = decl.split()
        if len(parts) >= 2 and _NAMED_TYPE.fullmatch(parts[-1]) and parts[-1] not in {*out, *GO_LANGUAGE_WORDS}:
            out.append(parts[-1])
    return out


def said_once(text: str, said: Collection[str]) -> str:
    """``text`` without the items under a definition (``  - ...``) whose quote is one of the sentences ``said`` above
    it (``held.HeldAt.said``): a follow-up comparison says first that what the answer before quoted still holds
    (hchan's "lock protects all fields in hchan, ..."), and the lock's field, the same at both releases, had quoted it
    again below."""
    if not said:
        return text
    kept = [
        ln for ln in text.split("\n")
        if not (ln.startswith("  - ") and any(q in said for q in QUOTED.findall(ln)))
    ]  # fmt: skip
    return "\n".join(kept)


__all__ = ["MIN_SAID", "kept_fields", "kept_line", "kept_types", "said_once"]
