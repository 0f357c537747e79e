"""Path globs with ``**``: the matcher behind :meth:`corpus.definition.RepoDef.matches`.

Semantics (gitignore-like, always anchored at the repository root, ``/`` as separator):

- ``*`` matches any run of characters within one path segment (never ``/``);
- ``?`` matches one character other than ``/``;
- ``[abc]``, ``[a-z]``, ``[!abc]`` match one character of (or not of) the class, never ``/``;
- ``**`` as a whole segment matches zero or more segments: ``**/x`` is ``x`` at any depth,
  ``a/**/b`` includes ``a/b``, and a trailing ``a/**`` is everything below ``a``;
- ``**`` inside a segment (``a**b``) is the same as ``*``.

``PurePosixPath.match`` on Python 3.11 treats ``**`` as ``*`` and matches from the right, hence this module.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache


def _translate_segment(segment: str) -> str:
    out: list[str] = []
    i, n = 0, len(segment)
    while i < n:
        c = segment[i]
        if c == "*":
            while i + 1 < n and segment[i + 1] == "*":
                i += 1
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[":
            j = i + 1
            if j < n and segment[j] in "!^":
                j += 1
            if j < n and segment[j] == "]":
                j += 1
            while j < n and segment[j] != "]":
                j += 1
            if j >= n:  # no closing bracket: a literal '['
                out.append(re.escape(c))
            else:
                body = segment[i + 1 : j]
                negate = body[:1] in ("!", "^")
                if negate:
                    body = body[1:]
                body = body.replace("\\", "\\\\")
                out.append(f"[^/{body}]" if negate else f"(?!/)[{body}]")
                i = j
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out)


def glob_to_regex(pattern: str) -> str:
    """The regular expression (for ``re.fullmatch``) equivalent to ``pattern``."""
    if not pattern or pattern.startswith("/"):
        raise ValueError(f"glob must be a relative, non-empty path pattern: {pattern!r}")
    parts = pattern.split("/")
    out: list[str] = []
    last = len(parts) - 1
    for i, part in enumerate(parts):
        if part == "**":
            out.append(".*" if i == last else "(?:[^/]+/)*")
        elif part == "":
            raise ValueError(f"empty path segment in glob {pattern!r}")
        else:
            out.append(_translate_segment(part) + ("" if i == last else "/"))
    return "".join(out)


@lru_cache(maxsize=512)
def compile_glob(pattern: str) -> re.Pattern[str]:
    return re.compile(glob_to_regex(pattern), re.DOTALL)


def glob_match(pattern: str, path: str) -> bool:
    """Whether the repository-relative POSIX ``path`` matches ``pattern`` (see the module doc)."""
    return compile_glob(pattern).fullmatch(path) is not None


def any_match(patterns: Iterable[str], path: str) -> bool:
    return any(glob_match(p, path) for p in patterns)
