"""Where in the code: for a follow-up that asks where ("where is that in the code?", "代码在哪？" after "does a
channel send take a lock?"; a question of its own that asks where gets the definitions themselves), the lines of the
cited definitions that do what was asked about — the code lines with the most of the question's rarest words
(``lock(&c.lock)`` in chansend for a thread about whether a channel send takes a lock), each with its line number at
the cited release. A line is quoted as it is in the file, leading whitespace aside, so the citation check finds it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from guide.answering.anatomy import LITERAL, numbered_code_lines
from guide.citation import Citation
from guide.history.subject import CODE_KINDS
from guide.language import Lang
from ingest.tokens import STOP_WORDS, identifier_tokens

SOURCES = 4
"""Definitions searched for lines, in the order they were found."""
PER_SOURCE = 2
MAX_LINE = 110
"""A longer code line is not quoted (it would not read as one line)."""
MIN_SHARE = 0.5
"""A line shows when it has at least this share of the best line's weight of question words: the lines that do
what was asked, not every line that mentions one of its words."""
MIN_COVER = 0.25
"""A line shows only when its words weigh at least this share of the question's words (those of the function's own
name aside): a line that merely shares one common word with a long question ("target" in ``typecheck.Target``) does
not locate it."""
LINE_KINDS = frozenset({"func", "method", "asm"})
"""The kinds of definition whose body lines are searched for where the code does something."""


_REPORT = re.compile(r"^(print|println|throw|fatal|panic)\(")
"""A line that only reports (the runtime's debug output, ``print("makechan: chan=", c, ...)``) or stops the program
(``fatal("send on synctest channel from outside bubble")``): its words are what it reports, not what the code does
there, so it locates nothing unless the question names the call ("where does it panic?"). Trial 32: "代码在哪里？"
after whether a channel send takes a lock had listed both before ``lock(&c.lock)``."""
_ASKING = frozenset({"code", "codes", "line", "lines", "file", "files", "function", "functions", "source", "where"})
"""The words of asking where something is ("where is that in the code?"): not what the lines do."""
_SUFFIX = re.compile(r"(?:ing|ed|es|s)$")


def stem(word: str) -> str:
    """A question's word as the code's names begin ("preempted" -> "preempt", matching ``preemptone``): a common
    English ending cut, never below four letters. Only a word so cut matches names that begin with it ("lock" is
    ``lock``, not ``lockorder``)."""
    cut = _SUFFIX.sub("", word)
    return cut if len(cut) >= 4 else word


_CONDITION = re.compile(r"^\s*(?:\}\s*else\s+)?if\s[^`]*\{\s*$")
"""A line that opens an ``if`` block (``if base.Flag.SmallFrames {``, ``} else if x {``)."""


def condition(line: str) -> str:
    """``if m == nil {`` quoted with an arrow, when ``line`` opens an ``if`` block (the test the line below it is
    under), else ""."""
    return f"`{line.strip()}` → " if _CONDITION.match(line) else ""


def under_condition(src: Citation, line: int) -> str:
    """:func:`condition` of the line just above ``line`` (a file line of ``src``): gc.Main's ``ir.MaxStackVarSize =
    128 * 1024`` at go1.19 is set only with -smallframes, and listed alone it read as the default (trial 80)."""
    lines = src.excerpt.split("\n")
    i = line - 1 - src.start_line
    return condition(lines[i]) if 0 <= i < len(lines) else ""


@dataclass(frozen=True)
class Located:
    """A code line of a source: its number in the file at the source's release and its text (stripped)."""

    source: Citation
    line: int
    code: str


def code_lines(src: Citation) -> list[tuple[int, str]]:
    """The body lines of a function or assembly routine with their line numbers: not the declaration, not comments,
    not blank, not a lone brace or parenthesis."""
    return [(i, ln) for i, ln in numbered_code_lines(src) if ln.strip() not in ("}", "{", ")")]


def located(
    sources: Sequence[Citation],
    tokens: Sequence[str],
    idf: Mapping[str, float],
    parts: Sequence[Sequence[str]] = (),
) -> list[Located]:
    """The lines of ``sources`` (functions and assembly) that hold most of the question's words, weighed by their
    rarity, the words of a function's own name aside: at most ``PER_SOURCE`` per source, in file order, each at least
    ``MIN_SHARE`` of the best line's. For a question of several ``parts`` (the words of each), a line covers enough
    of the question when it covers enough of one part's: ``lock(&c.lock)`` says where "Does a channel take a lock?"
    is answered, however many words "What does a send cost?" adds."""
    asked = {t: idf[t] for t in tokens if t in idf and t not in STOP_WORDS and t not in _ASKING and len(t) > 1}
    if not asked:
        return []
    groups = [set(asked)] + [{t for t in p if t in asked} for p in parts]
    scored: list[tuple[float, Located]] = []
    for src in [s for s in sources if s.kind in LINE_KINDS][:SOURCES]:
        name = src.symbol.rsplit(".", 1)[-1].lower()  # every line of chansend is about sending: "send" locates nothing
        mine = {t: w for t, w in asked.items() if t not in name}
        totals = [(g, sum(w for t, w in mine.items() if t in g)) for g in groups]
        stems = {t: stem(t) for t in mine}
        for no, ln in code_lines(src):
            code = ln.strip()
            if len(code) > MAX_LINE or "`" in code:
                continue
            if (call := _reporter(code)) is not None and call not in asked:
                continue
            words = set(identifier_tokens(_spoken(code).split("//", 1)[0]))  # not a message's words
            held = {t for t in mine if t in words or (stems[t] != t and any(x.startswith(stems[t]) for x in words))}
            weight = sum(mine[t] for t in held)
            if weight > 0 and any(total and sum(mine[t] for t in held & g) >= MIN_COVER * total for g, total in totals):
                scored.append((weight, Located(src, no, code)))
    if not scored:
        return []
    best = max(w for w, _ in scored)
    out: list[Located] = []
    for src in dict.fromkeys(loc.source for _, loc in scored):
        chosen = sorted(
            ((w, loc) for w, loc in scored if loc.source is src and w >= MIN_SHARE * best),
            key=lambda x: (-x[0], x[1].line),
        )[:PER_SOURCE]
        out += sorted((loc for _, loc in chosen), key=lambda loc: loc.line)
    return out


PER_STEP = 6
"""Lines shown per tour step its annotation names."""
_SPAN = re.compile(r"`([^`\n]+)`")  # paired as written; a one-letter span (`f`) is skipped when read


def annotated(steps: Sequence[tuple[Citation, str]]) -> list[Located]:
    """The code lines the team's annotation of each tour step names (``newm(sysmon, nil, -1)``, ``doInit``,
    ``main_main`` for runtime.main): for each code span of the note, the first body line that holds it (an
    identifier as a whole word), at most ``PER_STEP`` per step, in file order. Where the code does what the tour says
    it does, in the tour's own words: "代码在哪里？" after how a program starts had pointed at the lines sharing the
    question's words (``procs = defaultGOMAXPROCS(numCPUStartup)`` for "启动", trial 27)."""
    out: list[Located] = []
    for src, note in steps:
        if src.kind not in LINE_KINDS:
            continue
        lines = [(no, _code_only(ln)) for no, ln in code_lines(src)]
        lines = [(no, code) for no, code in lines if len(code) <= MAX_LINE and "`" not in code]
        found: dict[int, str] = {}
        last = 0  # a note reads the code in its order: a span is looked for after the one before it, then anywhere
        for span in (" ".join(s.split()) for s in _SPAN.findall(note)):
            if not 2 <= len(span) <= 80:
                continue
            word = re.fullmatch(r"[A-Za-z_][\w.]*", span) is not None
            pattern = re.compile(rf"(?<![\w.]){re.escape(span)}(?![\w])") if word else None
            holding = [
                (no, code) for no, code in lines
                if (pattern.search(_spoken(code)) if pattern else span in " ".join(code.split())) and no not in found
                and ((call := _reporter(code)) is None or span.startswith(call))
            ]  # fmt: skip
            hit = next((h for h in holding if h[0] > last), holding[0] if holding else None)
            if hit is not None:
                found[hit[0]] = hit[1]
                last = hit[0]
            if len(found) == PER_STEP:
                break
        out += [Located(src, no, found[no]) for no in sorted(found)]
    return out


def _reporter(code: str) -> str | None:
    """The call a line that only reports or stops the program makes (``_REPORT``: ``print``, ``fatal`` ...), else
    None."""
    m = _REPORT.match(code)
    return m.group(1) if m else None


def _spoken(code: str) -> str:
    """A code line with its string literals emptied: a note's `send` is the call, not the word of a message
    (``fatal("send on synctest channel from outside bubble")``)."""
    return LITERAL.sub('""', code)


def _code_only(line: str) -> str:
    """A code line without its trailing comment (``fn := main_main // make an indirect call ...``), when the comment
    marker is outside any string literal; stripped."""
    code, sep, _ = line.partition("//")
    return code.strip() if sep and '"' not in code and "`" not in code and code.strip() else line.strip()


WHERE_DEFINITIONS = 3
"""Definitions a where follow-up names when no code line holds the question's words."""


def where_items(
    sources: Sequence[Citation],
    tokens: Sequence[str],
    idf: Mapping[str, float],
    lang: Lang,
    focus: Citation | None = None,
    parts: Sequence[Sequence[str]] = (),
    steps: Sequence[tuple[Citation, str]] = (),
) -> list[tuple[Citation, str]]:
    """For a question that asks where: the definition the conversation names (``focus``: "Where is it defined?"
    after "What is a P?" is runtime.p's place) first; then the lines the annotations of the tour ``steps`` the
    question is about name (``annotated``), and each cited function whose lines hold most of the question's words
    (``tokens``), with its line of the block (those lines and their numbers, :func:`located`); when no line holds
    them (the words of "GC 是怎么决定什么时候运行的？" are in no code line) and no definition is named, the first
    definitions found, with their release."""
    # per source, the lines of the question's words first, then those its tour step's annotation names, in file order
    worded = located(sources, tokens, idf, parts)
    named = [n for n in annotated(steps) if not any(w.source.key == n.source.key and w.line == n.line for w in worded)]
    found = []
    for key in dict.fromkeys(loc.source.key for loc in [*named, *worded]):
        mine = [w for w in worded if w.source.key == key]
        mine += [n for n in named if n.source.key == key][: max(0, PER_STEP - len(mine))]
        found += [replace(loc, source=mine[0].source) for loc in sorted(mine, key=lambda loc: loc.line)]
    items = []
    if focus is not None and all(loc.source is not focus for loc in found):  # its own lines say where, when found
        items.append((focus, f"- **{focus.symbol}** ({focus.location} @ {focus.version}) [{focus.n}]"))
    if not found and not items:
        code = [s for s in sources if s.kind in CODE_KINDS][:WHERE_DEFINITIONS]
        return [(s, f"- **{s.symbol}** ({s.location} @ {s.version}) [{s.n}]") for s in code]
    # each place says its release when the answer reads several (trial 35: "代码在哪里？" after a comparison listed
    # go1.23.9's lines under a header naming go1.22.10 and go1.23.9)
    several = len({s.version for s in sources if s.version != "design"}) > 1
    for src in dict.fromkeys(loc.source for loc in found):
        held = {loc.line for loc in found if loc.source is src}  # an ``if`` listed itself is not said again
        lines = lang.listed(
            (
                f"{under_condition(src, loc.line) if loc.line - 1 not in held else ''}"
                f"{lang.text('line_no', n=loc.line)} `{loc.code}`"
                for loc in found
                if loc.source is src
            ),
            items_with_commas=True,
        )
        at = f"{src.location} @ {src.version}" if several else src.location
        items.append((src, f"- **{src.symbol}** ({at}) [{src.n}]: {lines}"))
    return items


def where_block(items: Sequence[tuple[Citation, str]], lang: Lang) -> str:
    """The "Where in the code" block of :func:`where_items`' ``items`` ("" when there are none)."""
    return "\n".join([f"**{lang.text('where_in_code')}**", *(line for _, line in items)]) if items else ""


__all__ = [
    "LINE_KINDS",
    "Located",
    "annotated",
    "code_lines",
    "condition",
    "located",
    "under_condition",
    "where_block",
    "where_items",
]
