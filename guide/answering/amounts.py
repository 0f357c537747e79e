"""The constants an amount question's sources use: "How big is a new goroutine's stack?" finds ``newproc1``, whose
``malg(stackMin)`` names the constant that holds the answer (``stackMin = 2048``, in another file); "How many size
classes are there?" finds ``SizeClassToSize``, declared ``[NumSizeClasses]uint16`` (``NumSizeClasses = 68``).

Retrieval finds the code that does the thing asked about; the amount is often a constant it refers to, whose own
declaration shares few words with the question. For a question that asks for an amount
(:attr:`guide.query.Query.asks_quantity`), the identifiers the first sources' code uses (for a ``const ( … )``
group, the constants it declares) are looked up at the same release. A constant qualifies when its name shares a
word of the question (the asking words aside, and not the other bound: no stackMin for a maximum), it is declared
with a number that is not a switch, it is not the tracer's or a profiler's (``traceEvGoBlockSend = 22``, used by
chansend, is no cost of a send) unless the question is about tracing or profiling, and it is close enough in meaning
to the question. The best one becomes a
source, cited at its own line with the comment above it; the answer shows it apart, as a constant in the code found,
with the definition that uses it, never as the answer itself (a wrong one must not read as the answer). A
comparison of an amount says whether one such constant's value changed (:func:`amount_line`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from guide.answering.located import stem
from guide.answering.quotable import for_diagnostics, for_other_platform
from guide.answering.relevance import relevance
from guide.answering.statements import Similarity, Statement
from guide.citation import Citation, make_citation, package_of
from guide.history.described import findings
from guide.platforms import DEFAULT_PLATFORM
from ingest.tokens import identifier_tokens

if TYPE_CHECKING:
    from guide.index import GuideIndex
    from guide.language import Lang
    from guide.query import Query
    from ingest.symbols import Definition

READ_SOURCES = 5
"""How many of the first sources' code is read for the constants it uses."""
MAX_CONSTANTS = 1
"""Constants added per answer: the one whose name and doc comment say most of the question."""
MIN_RELEVANCE = 0.05
"""The least :func:`guide.answering.relevance.relevance` of a constant's name and doc comment to the question. Its
name must share a word of the question ("stack" of stackMin, "classes" of NumSizeClasses): the name says what the
number measures, and a doc comment that only mentions the question's subject ("goroutine" in _Gscan's) does not make
its number the answer. The name's relevance counts once more, and the embedding similarity breaks ties."""
_CODE_KINDS = frozenset({"func", "method", "type", "var", "const"})
_USE = re.compile(r"\b(?:([A-Za-z_]\w*)\.)?([A-Za-z_]\w*)\b")
"""An identifier used in code, with its package qualifier when it has one (``gc.NumSizeClasses``)."""
_NUMBER = re.compile(r"=\s*[-(]*\s*\d")
"""A declaration that sets a number (``stackMin = 2048``, ``forcePreemptNS = 10 * 1000 * 1000``)."""
_SWITCH = re.compile(r"=\s*[01]\s*$|\biota\b")
"""A declaration that sets a switch or an enumeration, not an amount (``stackDebug = 0``, ``1 << iota``)."""
MIN_SIMILARITY = 0.30
"""With the embedding model: the least similarity of a constant (name, comment, declaration) to the question. Below
it a text is not about the question (the answer's on-topic floor, ``ON_TOPIC_SIMILARITY``, is the same measure):
"How long does sysmon sleep?" finds the scavenger's startingScavSleepRatio at .26, "How long are GC pauses?"
gcOverAssistWork at .28; the initial stack's stackMin is at .56-.67, NumSizeClasses .45-.62, forcePreemptNS .32."""
SIMILARITY_WEIGHT = 0.25
"""How much the embedding similarity of a constant (name, doc comment, declaration) to the question adds to its
shared words' relevance: it breaks ties between constants that share the same word ("stack")."""
USED_BY = "amount_used_by"
"""The key, in a constant's :attr:`Citation.scores`, of the source whose code uses it (or whose group declares it):
the answer shows such a constant apart (``guide.answering.extractive.constant_line``)."""


def _code(excerpt: str) -> str:
    """The code of an excerpt, comments and strings left out."""
    lines = [re.sub(r'"(?:[^"\\]|\\.)*"|`[^`]*`', " ", ln.split("//", 1)[0]) for ln in excerpt.split("\n")]
    return "\n".join(lines)


def _uses(src: Citation) -> list[tuple[str, str]]:
    """(qualifier, name) of each identifier ``src``'s code uses, in first-use order, its own name left out."""
    own = src.symbol.rsplit(".", 1)[-1]
    seen: dict[tuple[str, str], None] = {}
    for m in _USE.finditer(_code(src.excerpt)):
        qual, name = m.group(1) or "", m.group(2)
        if name != own and not name[0].isdigit():
            seen.setdefault((qual, name), None)
    return list(seen)


def _comment_above(lines: Sequence[str], i: int) -> int:
    """The first line of the comment lines right above line ``i`` (``i`` itself when there are none)."""
    top = i
    while top > 0 and lines[top - 1].strip().startswith("//"):
        top -= 1
    return top


def _cite_spec(index: GuideIndex, d: Definition, user: str) -> Citation | None:
    """A citation of a constant's declaration, with the comment lines right above it as its doc comment (a spec in a
    ``const ( … )`` group has its own: "The minimum size of stack used by Go code" above ``stackMin = 2048``)."""
    top = _comment_above(index.file_lines(d.tag, d.path) or [], d.start_line - 1) + 1  # 1-based: the comment's start
    doc_start = d.doc_start_line or (top if top < d.start_line else None)
    return make_citation(
        index, d.tag, d.path, d.start_line, d.end_line, symbol=d.symbol, kind=d.kind, doc_start=doc_start,
        package=d.package, scores={USED_BY: user},
    )  # fmt: skip


def _package_fits(package: str, qual: str, src: Citation) -> bool:
    """Whether a definition in ``package`` is the one ``qual.name`` (or a bare name) means in ``src``."""
    if qual:
        return package == qual or package.endswith("/" + qual)
    return package == (src.package or package_of(src.symbol))


def _words(text: str) -> str:
    """``text``'s words, each also in its other number and its past ("classes": classes class; "preempt": preempt
    preempts preempted): a name says "NumSizeClasses" where a question asks about a "size class", "forcePreemptNS"
    where it "preempts" or is "preempted"."""
    out = []
    for w in identifier_tokens(text):
        out.append(w)
        if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
            out.append(w[:-2] if w.endswith(("ses", "xes", "ches", "shes")) else w[:-1])
        elif len(w) > 2 and w.isalpha():
            out.append(w + ("es" if w.endswith(("s", "x", "ch", "sh")) else "s"))
            out.append(w + ("d" if w.endswith("e") else "ed"))
    return " ".join(out)


_MAX_WORDS = frozenset({"max", "maximum", "most", "largest", "biggest", "upper", "上限", "最大", "最多"})
_MIN_WORDS = frozenset({"min", "minimum", "least", "smallest", "lower", "下限", "最小", "最少"})
_OPPOSITE_OF_ASKED = {
    (True, False): frozenset({"min", "minimum"}),
    (False, True): frozenset({"max", "maximum"}),
}
"""A question that asks for a maximum is not answered by a constant named for a minimum (stackMin for "the maximum
stack size", "栈扩容的上限"), nor the reverse."""
ASKING_WORDS = frozenset({"big", "large", "small", "many", "much", "long", "often", "deep", "full"})
"""The words that ask for the amount ("how big", "how many"): a name that has them (StackBig) does not answer
"how big is the stack?" by them."""


_ASSIGNED = re.compile(r"^\s*((?:[A-Za-z_]\w*\.)*([A-Za-z_]\w*))\s*=\s*([\d\s+\-*/<>()x.e_]+?)\s*(?://\s*(.*))?$")
"""A statement that sets a name to a number written out (``sched.maxmcount = 10000``, ``maxstacksize = 1000000000``):
the value, its target and the comment after it."""


def _name_words(name: str, tokens: Sequence[str]) -> str:
    """``name``'s words: its identifier parts, and each word of ``tokens`` (three letters or more) written inside a
    lower-case compound (``maxstacksize``: max, stack, size), which camel case would have split."""
    low = name.lower()
    inside = [t for t in dict.fromkeys(tokens) if len(t) >= 3 and t.isascii() and t in low]
    return " ".join([_words(name), *inside])


_OPENS_BRANCH = re.compile(r"^\s*(?:if\b|\}?\s*else\b|switch\b|case\b).*[{:]\s*$")


def _name_says(name: str, tokens: Sequence[str]) -> str | None:
    """The words of a variable's ``name`` (``_name_words``) when it says a word of the question and names no bound
    the question does not ask for (``maxstacksize`` for "the maximum stack size", not for "the initial stack size");
    a bound asked in other words counts as said (``max`` for "maximum", "最多"). Without a bound, two words of the
    question: one is its subject ("How long does the GC stop the world?" is not answered by ``gcPercent = 100000``).
    None otherwise."""
    said = set(_name_words(name, [*tokens, *_MAX_WORDS, *_MIN_WORDS]).split())
    asked = set(tokens)
    bounds = [(said & bound, asked & bound) for bound in (_MAX_WORDS, _MIN_WORDS)]
    if any(named and not wanted for named, wanted in bounds):
        return None
    bound = {w for named, wanted in bounds if named for w in wanted}
    shared = {stem(w) for w in said & asked}  # one word in two forms is one word
    if not bound and len(shared) < 2:  # one shared word is the subject ("gc" of gcPercent), not what is measured
        return None
    return " ".join([*sorted(said), *sorted(bound - said)])


_UNDER_OPTION = re.compile(r"^\s*(?:\}\s*else\s+)?if\b.*\b(?:base\.Flag|base\.Debug|debug)\.\w+")
"""The ``if`` of a flag's or a GODEBUG setting's branch (``if base.Flag.SmallFrames {``, ``if debug.gcstoptheworld
> 0 {``): a value set under it is an option's, not the default (trial 65: gc.Main's ``ir.MaxImplicitStackVarSize =
16 * 1024``, under -smallframes, was shown first for how large a variable can be and still live on the stack)."""


def _opening(lines: Sequence[str], i: int) -> str:
    """The line that opens the block line ``i`` is in: the nearest line above it indented less; "" at the top."""
    depth = len(lines[i]) - len(lines[i].lstrip())
    return next((ln for ln in reversed(lines[:i]) if ln.strip() and len(ln) - len(ln.lstrip()) < depth), "")


def _assignments(index: GuideIndex, src: Citation, name: str, words: str) -> list[tuple[Citation, str]]:
    """The first line of a function ``src`` that sets ``name`` to a number (``_ASSIGNED``; on 64-bit: the branch
    written first, ``maxstacksize`` then set for 32-bit), cited at its line with the comment lines right above it, or
    above the branch it is in (the runtime sets ``sched.maxmcount = 10000`` in schedinit, ``maxstacksize =
    1000000000`` in main: amounts no constant holds); with the words it is said by (``words``, the name's:
    ``_name_says``)."""
    lines = src.excerpt.split("\n")
    for i, line in enumerate(lines):
        m = _ASSIGNED.match(line)
        if m is None or m.group(2) != name:
            continue
        if _SWITCH.search(f"= {m.group(3)}") or not re.search(r"\d", m.group(3)):
            continue
        if _UNDER_OPTION.match(_opening(lines, i)):
            continue  # set only when a flag or GODEBUG asks: not the value a program runs with
        top = _comment_above(lines, i)
        if top == i and i > 0 and _OPENS_BRANCH.match(lines[i - 1]):  # set in a branch: the comment on the branch
            top = min(_comment_above(lines, i - 1), i)  # ("Max stack size is 1 GB on 64-bit, 250 MB on 32-bit.")
        line_no = src.start_line + i
        cit = make_citation(
            index, src.version, src.path, line_no, line_no, symbol=src.symbol, kind=src.kind,
            doc_start=src.start_line + top if top < i else None, package=src.package,
        )  # fmt: skip
        if cit is not None:
            return [(cit, f"{words} {_words(cit.doc)} {m.group(4) or ''}".strip())]
    return []


_COMPARED = (
    re.compile(r"(?<![<>=!-])(?:<=?|>=?)(?![<>-])\s*(?:\w+\.)*([A-Za-z_]\w*)\b(?!\s*[.(\[])"),
    re.compile(r"\b([A-Za-z_]\w*)\s*(?<![<>=!-])(?:<=?|>=?)(?![<>=-])"),
)
"""A name on either side of an ordering comparison (``newsize > maxstacksize``, ``mcount() > sched.maxmcount``): a
limit the code checks against. Shifts, channel arrows and calls are not."""


def _compared(src: Citation) -> list[str]:
    """The names ``src``'s code compares with (``_COMPARED``), in first-use order, its own name left out."""
    own = src.symbol.rsplit(".", 1)[-1]
    seen: dict[str, None] = {}
    code = _code(src.excerpt)
    for _, name in sorted((m.start(1), m.group(1)) for pattern in _COMPARED for m in pattern.finditer(code)):
        if name != own and not name[0].isdigit():
            seen.setdefault(name, None)
    return list(seen)


SET_ELSEWHERE = 3
"""How many functions setting a variable or field that a source uses (``sched.maxmcount``, read by checkmcount, set
in schedinit) are read for the number it is set to."""


def _set_elsewhere(index: GuideIndex, src: Citation, name: str, words: str) -> list[tuple[Citation, str]]:
    """Where, at ``src``'s release, a name ``src`` uses is set to a number: the lines of the functions that assign it
    (``_assignments``), cited there and shown as used by ``src``."""
    rowids = index.reader.in_scope(index.reader.chunks_assigning(name), [src.version])[:SET_ELSEWHERE]
    out: list[tuple[Citation, str]] = []
    for c in index.reader.chunks(rowids):
        fn = make_citation(index, src.version, c.path, c.start_line, c.end_line, symbol=c.symbol, kind=c.kind)
        if fn is not None and not (fn.path == src.path and fn.start_line == src.start_line):
            out += [(replace(cit, scores={USED_BY: src.symbol}), said) for cit, said in _assignments(
                index, fn, name, words)]  # fmt: skip
    return out


def constants_used(
    index: GuideIndex,
    sources: Sequence[Citation],
    tokens: Sequence[str],
    idf: Mapping[str, float],
    similar: Similarity | None = None,
    read: int = READ_SOURCES,
    platform: tuple[str, str] = DEFAULT_PLATFORM,
) -> list[tuple[int, Citation]]:
    """(position after which to add it, citation) of the constants the first ``read`` sources use that state an
    amount the question asks about, best first (at most ``MAX_CONSTANTS``; none already among ``sources``), each as
    ``platform`` builds it (trial 87: sysmon's osRelaxMinNS was os_windows.go's 60 ms for a Linux question; on Linux
    it is nonwindows_stub.go's 0)."""
    opposite = _OPPOSITE_OF_ASKED.get((bool(_MAX_WORDS & set(tokens)), bool(_MIN_WORDS & set(tokens))), frozenset())
    tokens = [t for t in tokens if t not in ASKING_WORDS]
    have = {(s.version, s.path, s.start_line) for s in sources}
    found: list[tuple[float, int, Citation, str]] = []

    def consider(pos: int, cit: Citation, said: str, named: float = 0.0) -> None:
        """``cit`` found through the source at ``pos``, said by the words ``said``: kept when they say enough of the
        question (``named``: what its name alone says, counted once more)."""
        score = relevance(Statement(0, said, kind="doc"), tokens, idf) + named
        if score >= MIN_RELEVANCE:
            found.append((score, pos, cit, f"{said} {cit.excerpt.strip()}"))
            have.add((cit.version, cit.path, cit.start_line))

    for pos, src in enumerate(sources[:read]):
        if src.kind not in _CODE_KINDS:
            continue
        group = src.kind in ("const", "var") and src.end_line > src.start_line  # a const ( … ) group: its own
        uses = _uses(src)
        known = index.reader.known_names(name for _, name in uses)
        for qual, name in uses:
            if name.lower() not in known:
                continue
            named = relevance(Statement(0, _words(name), kind="doc"), tokens, idf)
            if not named or opposite & set(identifier_tokens(name)):  # measures nothing asked, or the other bound
                continue
            for d in index.reader.lookup(name, src.version, limit=20):
                if d.kind != "const" or d.name != name or not _package_fits(d.package, qual, src):
                    continue
                if for_diagnostics(d.path, tokens) or for_other_platform(d.path, platform):  # not tracing's events
                    continue
                if group and not src.holds(d.path, d.start_line):
                    continue  # a group's expressions use other constants; what it declares is what it says
                if (d.tag, d.path, d.start_line) in have:  # a source already (inside a group's: added, its own line)
                    continue
                cit = _cite_spec(index, d, src.symbol)
                code = _code(cit.excerpt).strip() if cit is not None else ""
                if cit is None or not _NUMBER.search(code) or _SWITCH.search(code):
                    continue
                consider(pos, cit, _words(f"{name} {cit.doc}"), named)
        if src.kind in ("func", "method"):
            for name in _compared(src):  # a limit it compares with, set to a number somewhere (no constant holds it)
                if (words := _name_says(name, tokens)) is not None:
                    for cit, said in _set_elsewhere(index, src, name, words):
                        if (cit.version, cit.path, cit.start_line) not in have:
                            consider(pos, cit, said)
    if similar is not None and found:
        sims = similar([text for *_, text in found])
        found = [
            (r + SIMILARITY_WEIGHT * s, pos, c, t)
            for s, (r, pos, c, t) in zip(sims, found, strict=True)
            if s >= MIN_SIMILARITY
        ]
    found.sort(key=lambda x: (-x[0], x[1]))
    return [(pos, cit) for _, pos, cit, _ in found[:MAX_CONSTANTS]]


def with_constants(
    index: GuideIndex,
    sources: list[Citation],
    tokens: Sequence[str],
    idf: Mapping[str, float],
    similar: Similarity | None = None,
    platform: tuple[str, str] = DEFAULT_PLATFORM,
) -> list[Citation]:
    """``sources`` with :func:`constants_used` each inserted after the source that uses it, renumbered."""
    found = constants_used(index, sources, tokens, idf, similar, platform=platform)
    if not found:
        return sources
    out = list(sources)
    for pos, cit in sorted(found, key=lambda x: -x[0]):
        out.insert(pos + 1, cit)
    return [c.numbered(i) for i, c in enumerate(out, 1)]


def amounts_at(
    index: GuideIndex, query: Query, tags: Sequence[str], idf: Mapping[str, float], first_n: int
) -> dict[str, list[Citation]]:
    """For a comparison that names its subject but asks for an amount ("did the initial stack size change?"): at
    each release, the constant that the code the question finds there uses (:func:`with_constants` over
    :func:`guide.history.described.findings`), numbered from ``first_n``."""
    similar = index.similarity_to(query.dense_text)
    f = findings(index, query, tags)
    out: dict[str, list[Citation]] = {}
    for tag in tags:
        used = with_constants(index, f.per_release.get(tag, []), query.tokens, idf, similar, query.platform)
        found = [c for c in used if USED_BY in c.scores]
        if found:
            out[tag] = [found[0].numbered(first_n + len(out))]
    return out


def declared_value(cit: Citation) -> str:
    """The value a one-line constant is declared with (``stackMin = 2048``: 2048), comments left out."""
    code = _code(cit.excerpt).strip()
    return code.split("=", 1)[1].strip() if "=" in code else ""


_LITERAL = re.compile(r"^[\d\s+\-*/<>()x.e_]+$")
"""A value written with numbers only (``2048``, ``10 * 1000 * 1000``, ``8 << 20``): one whose text says it."""


def same_constant(a: Citation, b: Citation) -> bool:
    """Whether two releases' constants are one constant: the same name but for case and a leading underscore
    (``_StackMin`` and ``stackMin``, ``_NumSizeClasses`` and ``NumSizeClasses``)."""

    def key(c: Citation) -> str:
        return c.symbol.rsplit(".", 1)[-1].lstrip("_").lower()

    return key(a) == key(b)


def amount_line(per_release: Mapping[str, Sequence[Citation]], lang: Lang) -> str:
    """For a comparison of an amount: the constant found for it at each release (:func:`with_constants`), its value
    and name there, and whether the value changed. Said only when it is one constant at every release
    (:func:`same_constant`) and each value is written with numbers only (``1 << logHeapArenaBytes`` is the same
    text at two releases whose ``logHeapArenaBytes`` differ); "" otherwise, or unless two releases have one."""
    found = [(tag, next((c for c in cits if USED_BY in c.scores), None)) for tag, cits in per_release.items()]
    have = [(tag, c, declared_value(c)) for tag, c in found if c is not None and declared_value(c)]
    if len(have) < 2 or not all(_LITERAL.match(v) and same_constant(have[0][1], c) for _, c, v in have):
        return ""
    sep = "、" if lang.code == "zh" else "; "
    arrow = " → " if len({v for *_, v in have}) > 1 else sep
    values = arrow.join(f"`{v}` ({c.symbol.rsplit('.', 1)[-1]}, {tag}) [{c.n}]" for tag, c, v in have)
    same = len({v for *_, v in have}) == 1
    return lang.text("amount_same" if same else "amount_changed", values=values)


__all__ = [
    "USED_BY", "amount_line", "amounts_at", "constants_used", "declared_value", "package_of", "same_constant",
    "with_constants",
]  # fmt: skip
