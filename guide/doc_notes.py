"""Notes a doc comment holds for other maintainers rather than for its readers: Go 1.23+ marks a function that other
modules reach with ``//go:linkname`` with a paragraph on who uses it ("getitab should be an internal detail, but
widely used packages access it using linkname. Notable members of the hall of shame include: ..."), which says
nothing of what the function does. Answers do not quote it; citation cards do not preview it."""

from __future__ import annotations

import re

LINKNAME_NOTE = re.compile(r"linkname|hall of shame|type signature|internal detail", re.IGNORECASE)
"""A paragraph about who reaches the function by linkname (or a directive that does)."""
_BLANK = re.compile(r"^\s*//\s*$")


def readers_doc(doc: str) -> str:
    """The lines of a doc comment (``//`` lines) without its linkname paragraphs and directives; "" when nothing
    else is left."""
    paras: list[list[str]] = [[]]
    for line in doc.split("\n"):
        if _BLANK.match(line):
            paras.append([])
        elif not line.lstrip().startswith("//go:"):
            paras[-1].append(line)
    kept = [p for p in paras if p and not LINKNAME_NOTE.search(" ".join(p))]
    return "\n//\n".join("\n".join(p) for p in kept)


__all__ = ["LINKNAME_NOTE", "readers_doc"]
