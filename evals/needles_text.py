"""The text side of needle generation (pure functions, no index): a declaration's doc comment from the file's
lines, its description (first prose paragraph), and masking the declaration's name in it.

- :func:`doc_comment`: the comment lines directly above the declaration line (``//`` lines, or one ``/* */``
  block ending on the line above; no blank line between) — the same rule as the chunker's. For a spec inside a
  grouped ``const (`` / ``var (`` / ``type (`` block that is the spec's own comment; the group's comment is above
  ``const (``, not above the spec, so a spec without its own comment has none.
- :func:`description`: markers removed; directive lines (``//go:``, ``//line``, ``//export``, ``//extern``,
  ``//sys``, ``//+build``) dropped; split into paragraphs at blank comment lines; paragraphs that are linkname
  notes (:data:`LINKNAME_NOTE`: "widely used packages access it using linkname", the hall of shame, "Do not remove
  or change the type signature", "exported via linkname to assembly" ...) or code blocks (every line indented)
  dropped; the first remaining paragraph, whitespace collapsed.
- :func:`mask`: every word that is, or has as an identifier part (the lexical index's tokenizer,
  :func:`ingest.tokens.identifier_tokens`), one of :func:`mask_terms` is replaced by :data:`MASK`, whole-word and
  case-insensitively: the name (``findRunnable``), its parts (``find``, ``runnable``; English stop words such as
  ``is``/``in``/``or`` excepted — the lexical query drops them anyway) and, for a method, the receiver's type name
  (``gcControllerState``, whole). So ``findrunnable``, ``FindRunnable``, ``findRunnableGCWorker`` and ``Runnable``
  are masked; ``finds`` and ``runnableness`` are not.
"""

from __future__ import annotations

import re

from ingest.tokens import STOP_WORDS, identifier_tokens

MASK = "___"
"""What a masked word becomes. It has no letters or digits, so it adds no token to a lexical query."""
MIN_WORDS = 6
"""A description with fewer words (letters/digits runs, masks not counted) left after masking is skipped."""

_DIRECTIVE = re.compile(r"^//(?:go:|line |export |extern |sys(?:nb)?\b|\s*\+build\b)")
LINKNAME_NOTE = re.compile(
    r"(?:via|using|through|with|by)\s+(?:a\s+)?(?://)?(?:go:)?linkname|hall of shame|go\.dev/issue/67401"
    r"|change the type signature|do not change signature|//go:linkname from before",
    re.IGNORECASE,
)
"""A paragraph that says who reaches the declaration through ``//go:linkname`` rather than what it does."""
_ALNUM = re.compile(r"[^\W_]+")


def doc_comment(lines: list[str], start_line: int) -> list[str]:
    """The raw comment lines directly above 1-based ``start_line`` (empty when there is none)."""
    i = start_line - 2
    if i < 0 or i >= len(lines):
        return []
    above = lines[i].strip()
    if above.endswith("*/") and not above.startswith("//"):
        j = i
        while j >= 0 and "/*" not in lines[j]:
            j -= 1
        if j < 0 or not lines[j].lstrip().startswith("/*"):
            return []
        return lines[j : i + 1]
    out: list[str] = []
    while i >= 0 and lines[i].lstrip().startswith("//"):
        out.append(lines[i])
        i -= 1
    return out[::-1]


def _uncomment(comment: list[str]) -> list[str | None]:
    """Comment text per line, markers removed; None for a directive line (dropped)."""
    if comment and comment[0].lstrip().startswith("/*"):
        text = "\n".join(comment).strip()
        text = text.removeprefix("/*").removesuffix("*/")
        out: list[str | None] = []
        for ln in text.split("\n"):
            s = ln.strip()
            out.append(s[1:].lstrip() if s.startswith("*") and not s.startswith("*/") else ln.rstrip())
        return out
    res: list[str | None] = []
    for ln in comment:
        s = ln.strip()
        if _DIRECTIVE.match(s):
            res.append(None)
            continue
        body = s[2:]
        res.append(body[1:] if body.startswith(" ") else body)
    return res


def paragraphs(comment: list[str]) -> list[list[str]]:
    """The comment's paragraphs (lists of lines, markers removed, directives dropped)."""
    paras: list[list[str]] = [[]]
    for ln in _uncomment(comment):
        if ln is None:
            continue
        if not ln.strip():
            if paras[-1]:
                paras.append([])
            continue
        paras[-1].append(ln)
    return [p for p in paras if p]


def _is_code(para: list[str]) -> bool:
    return all(ln.startswith(("\t", "  ")) for ln in para)


def description(comment: list[str]) -> str:
    """The first prose paragraph that is not a linkname note, whitespace collapsed ('' when none)."""
    for para in paragraphs(comment):
        text = " ".join(" ".join(para).split())
        if _is_code(para) or LINKNAME_NOTE.search(text):
            continue
        return text
    return ""


def mask_terms(name: str, receiver: str | None = None) -> frozenset[str]:
    """Lower-cased words to mask: the name, its identifier parts (stop words excepted), the receiver type name."""
    terms = {name.lower()}
    terms |= {t for t in identifier_tokens(name) if t not in STOP_WORDS}
    if receiver:
        recv = re.sub(r"\[.*\]", "", receiver).lstrip("*").rsplit(".", 1)[-1]
        if recv:
            terms.add(recv.lower())
    return frozenset(t for t in terms if t.strip("_"))


def mask(text: str, terms: frozenset[str]) -> str:
    """``text`` with every word that is, or has an identifier part that is, one of ``terms`` replaced by MASK."""

    def repl(m: re.Match[str]) -> str:
        w = m.group(0)
        return MASK if w.lower().strip("_") in terms or any(t in terms for t in identifier_tokens(w)) else w

    return re.sub(r"\w+", repl, text)


def word_count(text: str) -> int:
    """Words left in a (masked) text: runs of letters/digits; masks do not count."""
    return len(_ALNUM.findall(text))


__all__ = ["LINKNAME_NOTE", "MASK", "MIN_WORDS", "description", "doc_comment", "mask", "mask_terms", "word_count"]
