"""The check of a written answer's citation markers against the sources the writer was given.

Every ``[n]`` outside code spans (``[128]`` in a quoted ``var events [128]EpollEvent`` is code) must name a
source that was given; a code span quoted in the same sentence (or list item) must occur in the cited lines (doc
comment or definition; whitespace-insensitive) or in another source the sentence cites; prose quoted in “quotation
marks” must occur in the cited lines' text (comment markers, Markdown markup and line breaks aside; "…" between two
parts elides what is between them there, in order); a Go version named in the sentence must be the cited source's.
Failing markers are removed and reported; a sentence that quotes code or prose and keeps no marker is dropped whole (a
misquote is never shown as a source's words); the surviving markers are renumbered 1..m in order of first use.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from guide.citation import Citation
from guide.words import squash

_MARKER = re.compile(
    r"(?:(?<![\w\])])|(?<=[^\w)\]]\[\d\])|(?<=[^\w)\]]\[\d\d\])|(?<=^\[\d\])|(?<=^\[\d\d\])|(?<=\d\]\[\d\]))"
    r"\[(\d{1,3})\](?![A-Za-z0-9_*(])"
)
"""A citation marker, alone or in a run (``[2][3]``, as the prompt asks a model to write them); ``m.Fun[0]`` or
``buf[1][2]`` in quoted code is an index, and ``[4]byte`` or ``[2]*T`` an array type, not a marker (trial 37: a
comparison's "type changed: struct { ... _ [4]byte fun [1]uintptr }", said outside a code span, came out as "_
[1]byte fun [6]uintptr", its lengths renumbered as citations)."""
_CODE_SPAN = re.compile(r"`([^`\n]{1,200})`")
"""A code span; those of fewer than 3 characters (`rg`) are too short to check, but pair their backticks."""
_VERSION = re.compile(r"\bgo1\.\d+(?:\.\d+)?\b", re.IGNORECASE)
_PROSE_QUOTE = re.compile(r"“([^”]{8,400})”")


def quoted_prose(text: str) -> list[str]:
    """The prose ``text`` quotes in “quotation marks” (8 characters or more): in a sentence with a citation marker, the
    check looks for each in the sources cited, and drops the citation when it is not there."""
    return _PROSE_QUOTE.findall(text)


def _snippet(sentence: str, limit: int = 80) -> str:
    """The start of a dropped sentence as a warning says it: plain words (no bold, no list mark), cut at a word."""
    text = squash(_ITEM.sub("", sentence.replace("**", "")))
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[。！？])(?![”’）)」』】])\s*")
"""A sentence ends at a full stop and the blank after it; a Chinese one at its full stop, blank or not (Chinese
sentences follow one another without a space), unless a closing quote or bracket follows it."""
_ITEM = re.compile(r"^\s*(?:[-*>]|\d+\.)\s")
_MARKUP = re.compile(r"^\s*(?://+|/\*+|\*+/?(?=\s|$)|#+(?=\s)|[-+](?=\s)|\d+\.(?=\s)|[>|])\s?", re.M)
"""Comment markers and Markdown markup at a line's start: a bullet, heading or number only before a blank, as
Markdown reads them ("*stop-the-world*", "#define", "-race" and "1.5" at a line's start are words, which a quote
joined from several lines has in its middle)."""


@dataclass
class CheckResult:
    text: str
    """The answer with invalid markers removed and valid ones renumbered 1..m in order of first use."""
    cited: list[Citation]
    """The sources cited, renumbered (``n`` is the new number)."""
    warnings: list[str]
    invalid: int


def _sentences(text: str) -> list[str]:
    """The units markers are checked in: each list item or line holding a quotation whole, other lines split at
    sentence ends."""
    out: list[str] = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        if _ITEM.match(line) or "“" in line:
            out.append(line)
        else:
            out += [s for s in _SENTENCE_END.split(line) if s and s.strip()]
    return out


def _prose(text: str) -> str:
    """Text as prose: comment markers and Markdown markup at line starts removed, whitespace squashed."""
    return squash(_MARKUP.sub("", text))


_DOC_LINK = re.compile(r"\[(\*?[A-Za-z_][\w./]*)\]")
"""A Go doc link ("Stop prevents the [Timer] from firing.", "[sync.Mutex]"): the name in brackets, which doc comments
have written since Go 1.19 where they wrote the bare name before."""


def without_doc_links(text: str) -> str:
    """``text`` with its doc links written as their names ("[Timer]" -> "Timer")."""
    return _DOC_LINK.sub(r"\1", text)


def holds_quote(src: Citation, prose: str, code: str = "", doc_links: bool = False) -> bool:
    """Whether ``src``'s lines hold the prose ``prose`` and the code line ``code`` (if any) as the check reads a
    quote: comment markers, markup at line starts and whitespace aside, prose cut with "…" read up to the cut.
    ``doc_links``: a doc link and its bare name are the same words (the same sentence at another release)."""
    body = src.text
    said = _prose(prose.removesuffix("…").rstrip())
    there = _prose(body)
    if doc_links:
        said, there = without_doc_links(said), without_doc_links(there)
    return _holds(there, said) and (not code or squash(code) in squash(body))


def _holds(prose: str, quoted: str) -> bool:
    """Whether ``prose`` holds ``quoted``: each of its parts, in order, where "…" elides the text between them (a
    code example between a sentence and the one that goes on from it: ``statements.Statement.context``) or before
    them (the start of a long paragraph)."""
    at = 0
    for part in quoted.removeprefix("… ").split(" … "):  # a leading "… ": what came before the first part
        at = prose.find(part, at)
        if at < 0:
            return False
        at += len(part)
    return True


def _masked(text: str) -> str:
    """``text`` with the inside of its code spans blanked, same length: ``[128]`` in `var events [128]EpollEvent`
    is an array's length, not a marker."""
    return _CODE_SPAN.sub(lambda m: "`" + "\0" * len(m.group(1)) + "`", text)


def _markers(text: str) -> list[re.Match[str]]:
    """The citation markers of ``text`` outside code spans."""
    return list(_MARKER.finditer(_masked(text)))


def cited_numbers(text: str) -> set[int]:
    """The numbers ``text``'s citation markers name (``[3]``; not an index or an array length in code)."""
    return {int(m.group(1)) for m in _markers(text)}


def _sub_markers(pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str], text: str) -> str:
    """``pattern.sub(repl, text)`` for the matches outside code spans."""
    out, pos = [], 0
    for m in pattern.finditer(_masked(text)):
        out += [text[pos : m.start()], repl(m)]
        pos = m.end()
    return "".join([*out, text[pos:]])


def _version_matches(named: str, version: str) -> bool:
    named = named.lower()
    return version == named or version.startswith(named + ".")


def check_citations(text: str, sources: list[Citation]) -> CheckResult:
    """Verify every ``[n]`` of a written answer against the sources the writer was given (see the module doc)."""
    by_n = {s.n: s for s in sources}
    notes: list[tuple[int | None, str]] = []  # (the writer's number of a removed citation, the warning with {n})
    invalid = 0
    out_sentences = []
    for sentence in _sentences(text):
        markers = [int(m.group(1)) for m in _markers(sentence)]
        if not markers:
            out_sentences.append(sentence)
            continue
        spans = [squash(c) for c in _CODE_SPAN.findall(sentence) if len(c.strip()) >= 3]
        quotes = [_prose(q.removesuffix("…").rstrip()) for q in quoted_prose(sentence)]
        # the releases the answer's own words name, not those in the quoted code or prose (`asGoVersion("go1.9")`)
        versions = list(_VERSION.findall(_PROSE_QUOTE.sub(" ", _CODE_SPAN.sub(" ", sentence))))
        keep: set[int] = set()
        for n in markers:
            src = by_n.get(n)
            if src is None:
                notes.append((None, f"removed citation [{n}]: no source [{n}] was given (there were {len(sources)})"))
                invalid += 1
                continue
            body = squash(src.text)
            others = [squash(by_n[m].text) for m in markers if m in by_n and m != n]
            missing = [c for c in spans if c not in body and not any(c in o for o in others)]
            if missing:
                notes.append((n, f"removed citation [{{n}}]: quoted `{missing[0]}` does not occur in {src.label}"))
                invalid += 1
                continue
            prose = [_prose(by_n[m].text) for m in markers if m in by_n]
            unquoted = [q for q in quotes if not any(_holds(p, q) for p in prose)]
            if unquoted:
                notes.append((n, f"removed citation [{{n}}]: “{unquoted[0][:60]}” is not in {src.label}"))
                invalid += 1
                continue
            # a design document is no release: the releases it names ("...-go1.18.md", "since Go 1.14") are its own
            if versions and src.version != "design" and not any(_version_matches(v, src.version) for v in versions):
                notes.append(
                    (n, f"removed citation [{{n}}]: the sentence names {versions[0]} but [{{n}}] is {src.label}")
                )
                invalid += 1
                continue
            keep.add(n)
        if not keep and (spans or quotes):  # a quotation no given source holds is not shown as the sources' words
            notes.append((None, f"dropped a quotation no cited source holds: {_snippet(sentence)}"))
            out_sentences.append("")
            continue
        out_sentences.append(_drop_markers(sentence, keep))
    cleaned = _rejoin(text, out_sentences)
    cleaned, cited, renum = _in_order(cleaned, by_n)
    # a removed citation is named by the number its source has in the checked answer, or "–" when that source is
    # cited nowhere else (the writer's own number would point at another source once the rest are renumbered)
    warnings = [w if n is None else w.replace("{n}", str(renum.get(n, "–"))) for n, w in notes]
    return CheckResult(cleaned, cited, warnings, invalid)


def _in_order(text: str, by_n: dict[int, Citation]) -> tuple[str, list[Citation], dict[int, int]]:
    """``text`` with its markers of ``by_n``'s sources renumbered 1..m in order of first use (others removed), the
    sources cited, renumbered, and the map of old numbers to new."""
    renum: dict[int, int] = {}
    first: dict[tuple[str, str, int, int], int] = {}  # one number per cited range, whatever numbers it was given
    cited: list[Citation] = []
    for m in _markers(text):
        n = int(m.group(1))
        if n not in by_n or n in renum:
            continue
        c = by_n[n]
        key = (c.version, c.path, c.start_line, c.end_line)
        if key not in first:
            first[key] = len(cited) + 1
            cited.append(c.numbered(first[key]))
        renum[n] = first[key]
    text = _sub_markers(_MARKER, lambda m: f"[{renum[int(m.group(1))]}]" if int(m.group(1)) in renum else "", text)
    # a range given two numbers (a tour's step and a definition found, trial 35: "[10] [11]" for one Map) is one
    return _REPEATED.sub(r"[\1]", text), cited, renum


_REPEATED = re.compile(r"\[(\d+)\](?:[ \t]*\[\1\])+")
"""The same marker twice in a row, as two numbers of one range become."""


def in_reading_order(text: str, cited: list[Citation]) -> tuple[str, list[Citation]]:
    """A checked answer with a checked part put before it (what design documents say of an older release's time,
    numbered after the answer's sources): its markers renumbered in the order they are read, [1] first."""
    out, renumbered, _ = _in_order(text, {c.n: c for c in cited})
    return out, renumbered


_SPACED_MARKER = re.compile(r"[ \t]*" + _MARKER.pattern)


def _drop_markers(sentence: str, keep: set[int]) -> str:
    """The sentence without the markers not in ``keep`` (and the blanks before them); nothing else changes."""
    return _sub_markers(_SPACED_MARKER, lambda m: m.group(0) if int(m.group(1)) in keep else "", sentence)


def _rejoin(original: str, sentences: list[str]) -> str:
    """Put checked sentences back in place of the originals, keeping the answer's line structure."""
    out = original
    pos = 0
    for old, new in zip(_sentences(original), sentences, strict=True):
        i = out.find(old, pos)
        if i < 0:
            continue
        end = i + len(old)
        if not new and (i == 0 or out[i - 1] == "\n") and out[end : end + 1] == "\n":
            end += 1  # a dropped line goes with its line break
        out = out[:i] + new + out[end:]
        pos = i + len(new)
    return out


__all__ = [
    "CheckResult",
    "check_citations",
    "cited_numbers",
    "holds_quote",
    "in_reading_order",
    "quoted_prose",
    "without_doc_links",
]
