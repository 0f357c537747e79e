"""Knowledge written by hand, kept as data: the Go-internals vocabulary (``vocabulary.toml``: terms in English and
Chinese -> the declarations that explain them), the Chinese terms and the English words the sources use for them
(``bilingual.toml``), the removed or renamed symbols (``successors.toml``) and the names of Go code a question
writes (``syntax.toml``: ``go f()`` is a go statement). Every entry names the Go source that justifies it (``source``
+ a verbatim ``quote``); tests/test_knowledge.py checks each against the index."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from guide.notes import Note, listed
from guide.words import has_cjk

HERE = Path(__file__).resolve().parent


class KnowledgeError(ValueError):
    """A data file entry that is not valid; the message names the file and the entry."""


@cache
def pattern(p: str) -> re.Pattern[str]:
    """``p`` compiled, case-insensitive, once: the vocabulary's and the tours' patterns (some 600) are more than
    ``re``'s own cache holds (512), so each question compiled every one of them again: about 90 ms of reading it.
    ``python bench/query.py --data-dir data --clients "" --no-cold`` (100 questions, default index): retrieval p50
    89 -> 37 ms, an extractive answer's p50 106 -> 72 ms."""
    return re.compile(p, re.IGNORECASE)


@dataclass(frozen=True)
class Term:
    id: str
    patterns: tuple[str, ...]
    symbols: tuple[str, ...]
    source: str
    quote: str

    def matches(self, text: str) -> bool:
        return any(pattern(p).search(text) for p in self.patterns)

    def first_match(self, text: str) -> re.Match[str] | None:
        """Where in ``text`` the term is first written (of its patterns' matches, the one that starts first)."""
        found = [m for p in self.patterns if (m := pattern(p).search(text))]
        return min(found, key=lambda m: m.start()) if found else None


class Vocabulary:
    """The terms of ``vocabulary.toml``, in file order."""

    def __init__(self, terms: list[Term]) -> None:
        self.terms = terms
        self.by_id = {t.id: t for t in terms}

    def match(self, text: str) -> list[str]:
        """Ids of the terms ``text`` uses, the most specific first: the longer the words a term matched, the more
        it says of the question ("closes the channel", channel-close, before "channel"; "waiting goroutines", the
        sudog, before both); file order among equals. The concept list (``guide.retrieval.concepts``) takes their
        definitions in this order. Measured (plain dev half): hit@1 .518 -> .541, MRR .649 -> .662, hit@5 and facts
        as before; the team sets as before."""
        found = [(m, t) for t in self.terms if (m := t.first_match(text))]
        return [t.id for m, t in sorted(found, key=lambda x: -len(x[0].group(0)))]  # stable: file order among equals

    def symbols(self, ids: list[str] | tuple[str, ...]) -> list[str]:
        """The declarations of the given terms, each once, in order."""
        return list(dict.fromkeys(s for i in ids if i in self.by_id for s in self.by_id[i].symbols))


@dataclass(frozen=True)
class Translation:
    zh: tuple[str, ...]
    en: str
    source: str
    quote: str
    not_before: tuple[str, ...] = ()
    """What, right after a Chinese term, makes it another word: 映射 is the map type, 映射到 the verb "map onto"
    ("goroutine 是怎么映射到操作系统线程上的" asks about threads, not maps)."""
    abbreviations: tuple[str, ...] = ()
    """Abbreviations in Latin letters a question of either language writes for the term, where the sources spell it
    out ("VM": the sources write "virtual machine"; their "vm" is mostly virtual memory); read only as words of their
    own. Not "GC": the sources write it as often as a question does."""


class Bilingual:
    """The Chinese terms of ``bilingual.toml`` and the English words the Go sources use for them."""

    def __init__(self, terms: list[Translation]) -> None:
        self.terms = terms
        self._pairs = sorted(((z, t.en, t.not_before) for t in terms for z in t.zh), key=lambda p: -len(p[0]))
        none: tuple[str, ...] = ()  # no word after an abbreviation makes it another
        self._abbreviations = sorted(
            ((a, t.en, none) for t in terms for a in t.abbreviations), key=lambda p: -len(p[0])
        )
        self._every = sorted([*self._pairs, *self._abbreviations], key=lambda p: -len(p[0]))

    def translate(self, text: str) -> list[str]:
        """The English words for the Chinese terms in ``text``, longest terms first (a term inside a longer one
        that matched is not counted again), in order of appearance."""
        return [en for _, en in self._found(text)[0]]

    def in_english(self, text: str) -> str:
        """``text`` with each term this file translates replaced in place by its English ("go 语句是怎么编译的" ->
        "go statement 是怎么 compile compiler 的"), so that English patterns read a Chinese question's phrases; an
        English question with only its abbreviations spelled out ("VM", not "GC": ``Translation.abbreviations``)."""
        out, last = [], 0
        for a, b, en in sorted(self._spans(text, None if has_cjk(text) else self._abbreviations)):
            out += [text[last:a], f" {en} "]
            last = b
        return re.sub(r" +", " ", "".join([*out, text[last:]])).strip()

    def uncovered(self, text: str) -> str:
        """``text`` with the terms this file translates blanked out (what a general dictionary may still read)."""
        for a, b in self._found(text)[1]:
            text = text[:a] + " " * (b - a) + text[b:]
        return text

    def abbreviations(self, text: str) -> list[str]:
        """The English of the abbreviations ``text`` writes, each once (``spelled_out``'s: "VM", virtual machine)."""
        return list(dict.fromkeys(en for _, en in self.spelled_out(text)))

    def spelled_out(self, text: str) -> list[tuple[str, str]]:
        """The abbreviations ``text`` writes that the sources spell out, each as written with its English ("JVM",
        "virtual machine"; :attr:`Translation.abbreviations`), in order of appearance."""
        return [(text[a:b], en) for a, b, en in sorted(self._spans(text, self._abbreviations))]

    def _spans(
        self, text: str, pairs: Sequence[tuple[str, str, tuple[str, ...]]] | None = None
    ) -> list[tuple[int, int, str]]:
        """Where each term (of ``pairs``: by default the Chinese terms and the abbreviations) is in ``text`` (start,
        end) and its English, longest terms first, none overlapping; a term in Latin letters only as a word of its
        own ("VM", not the "VM" of "VM_ID")."""
        spans: list[tuple[int, int, str]] = []
        for zh, en, not_before in self._every if pairs is None else pairs:
            start = text.find(zh)
            while start >= 0:
                end = start + len(zh)
                other_word = any(text.startswith(x, end) for x in not_before) or (
                    zh.isascii() and _in_word(text, start, end)
                )
                if not other_word and not any(a < end and start < b for a, b, _ in spans):
                    spans.append((start, end, en))
                start = text.find(zh, end)
        return spans

    def _found(self, text: str) -> tuple[list[tuple[int, str]], list[tuple[int, int]]]:
        spans = self._spans(text)
        words = list(dict.fromkeys(en for _, _, en in sorted(spans)))
        return [(0, w) for w in words], [(a, b) for a, b, _ in spans]


def _in_word(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` touches a Latin letter, digit or underscore on either side (is part of a word)."""
    return any(
        0 <= i < len(text) and text[i].isascii() and (text[i].isalnum() or text[i] == "_") for i in (start - 1, end)
    )


@dataclass(frozen=True)
class Successor:
    old: str
    """The old name: a bare name (``hmap``), a symbol (``runtime.(*itab).init``) or a file name (``go.y``)."""
    new: tuple[str, ...]
    """Successor symbols (or repository paths for files), the closest first."""
    relation: str
    """``renamed`` or ``replaced`` (see successors.toml)."""
    since: str
    reason: str
    source: str
    quote: str
    reason_zh: str = ""
    """``reason`` in Chinese."""

    since_zh: str = ""
    """``since`` in Chinese, when it is more than a release ("before go1.21": "go1.21 之前")."""
    history: str = ""
    """What happened, as the team knows it from Go's history, beyond what ``quote`` shows ("dropped in Go 1.6"): said
    apart from ``reason`` and labelled as the team's note, never under the source's citation."""
    history_zh: str = ""

    def since_in(self, lang: str) -> str:
        """``since`` in ``lang`` ("en" or "zh")."""
        return self.since_zh if lang == "zh" and self.since_zh else self.since

    def reason_in(self, lang: str) -> str:
        """``reason`` in ``lang`` ("en" or "zh")."""
        return self.reason_zh if lang == "zh" and self.reason_zh else self.reason

    def history_in(self, lang: str) -> str:
        """``history`` in ``lang`` ("en" or "zh")."""
        return self.history_zh if lang == "zh" and self.history_zh else self.history

    def told_in(self, lang: str) -> str:
        """``reason`` and then ``history`` in ``lang``: a note that cites no source for either (a comparison's, whose
        two sides are cited apart)."""
        return " ".join(t for t in (self.reason_in(lang), self.history_in(lang)) if t)

    def to_json(self) -> dict:
        d = asdict(self)
        d["new"] = list(self.new)
        return d


def _load(name: str) -> dict:
    path = HERE / name
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise KnowledgeError(f"{path}: {e}") from e


def _fields(entry: dict, where: str, names: tuple[str, ...]) -> None:
    missing = [n for n in names if not entry.get(n)]
    if missing:
        raise KnowledgeError(f"{where}: missing {', '.join(missing)}")


@cache
def vocabulary() -> Vocabulary:
    terms = []
    for i, e in enumerate(_load("vocabulary.toml").get("term", []), 1):
        where = f"vocabulary.toml term {i} ({e.get('id', '?')})"
        _fields(e, where, ("id", "patterns", "symbols", "source", "quote"))
        for p in e["patterns"]:
            try:
                re.compile(p)
            except re.error as err:
                raise KnowledgeError(f"{where}: bad pattern {p!r}: {err}") from err
        terms.append(Term(e["id"], tuple(e["patterns"]), tuple(e["symbols"]), e["source"], e["quote"]))
    return Vocabulary(terms)


@cache
def bilingual() -> Bilingual:
    terms = []
    for i, e in enumerate(_load("bilingual.toml").get("term", []), 1):
        _fields(e, f"bilingual.toml term {i} ({e.get('en', '?')})", ("zh", "en", "source", "quote"))
        extra = (tuple(e.get("not_before", ())), tuple(e.get("abbreviations", ())))
        terms.append(Translation(tuple(e["zh"]), e["en"], e["source"], e["quote"], *extra))
    return Bilingual(terms)


@cache
def successors() -> tuple[Successor, ...]:
    out = []
    for i, e in enumerate(_load("successors.toml").get("successor", []), 1):
        where = f"successors.toml entry {i} ({e.get('old', '?')})"
        _fields(e, where, ("old", "new", "relation", "since", "reason", "reason_zh", "source", "quote"))
        if e["relation"] not in ("renamed", "replaced"):
            raise KnowledgeError(f"{where}: relation must be renamed or replaced")
        if bool(e.get("history")) != bool(e.get("history_zh")):
            raise KnowledgeError(f"{where}: history and history_zh go together")
        fields = (e["relation"], e["since"], e["reason"], e["source"], e["quote"], e["reason_zh"])
        history = {"history": e.get("history", ""), "history_zh": e.get("history_zh", "")}
        out.append(Successor(e["old"], tuple(e["new"]), *fields, since_zh=e.get("since_zh", ""), **history))
    return tuple(out)


@dataclass(frozen=True)
class Form:
    """A construct of Go code (``syntax.toml``): the ``pattern`` of its code and the ``name`` the sources give it."""

    id: str
    pattern: str
    name: str
    source: str
    quote: str
    keyword: str = ""
    """The Go keyword the construct opens with, when a question may name it in words ("the go keyword", "go 关键字")."""

    @property
    def in_words(self) -> re.Pattern[str] | None:
        """The keyword named as a keyword or a statement (``keyword_named``)."""
        return keyword_named(self.keyword) if self.keyword else None


@cache
def keyword_named(keyword: str) -> re.Pattern[str]:
    """``keyword`` named as a Go keyword or statement, as Go writes it (lower case: "Go keywords" are the
    language's): in English after an article or in backticks ("the go keyword", "a `defer` statement"; not "go
    statement by statement", nor "select statements that block"), in Chinese as it is ("go 关键字", "使用defer语句")."""
    kw = re.escape(keyword)
    english = (
        rf"(?:\b(?:the|a|an|each|every|this|that|my|your|our)\s+`?{kw}`?|`{kw}`)"
        rf"\s+(?i:keyword|statement)s?(?![\w-])(?!\s+by\s+statement)"
    )
    chinese = rf"(?<![A-Za-z0-9_-])`?{kw}`?\s*(?:关键字|关键词|语句)"
    return re.compile(f"{english}|{chinese}")


@cache
def forms() -> tuple[Form, ...]:
    out = []
    for i, e in enumerate(_load("syntax.toml").get("form", []), 1):
        _fields(e, f"syntax.toml form {i} ({e.get('id', '?')})", ("id", "pattern", "name", "source", "quote"))
        out.append(Form(e["id"], e["pattern"], e["name"], e["source"], e["quote"], e.get("keyword", "")))
    return tuple(out)


_LITERAL = re.compile(r"\bfunc\s*\([^()]*\)[^{}()]*\{")


def _without_literal_bodies(text: str) -> str:
    """``text`` with the body of each function literal emptied (``func() { ch <- v }`` -> ``func() {}``), nested
    braces included; an unclosed body runs to the end."""
    out, at = [], 0
    while m := _LITERAL.search(text, at):
        depth, i = 1, m.end()
        while i < len(text) and depth:
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            i += 1
        out.append(text[at : m.end()] + "}")
        at = i
    return "".join(out) + text[at:]


def code_names(text: str) -> list[str]:
    """The names of the Go constructs ``text`` writes as code or names by their keyword, in file order (``go f()``,
    "the go keyword", "go 关键字": "go statement"). The body of a function literal is the code the construct around
    it runs, not what the question is about: ``go func() { ch <- compute() }()`` is a go statement, not a send on a
    channel."""
    outer = _without_literal_bodies(text)
    return [f.name for f in forms() if re.search(f.pattern, outer) or (f.in_words and f.in_words.search(outer))]


_FILE_SUFFIXES = (".y", ".go", ".s")


def _keys(name: str) -> list[str]:
    n = name.strip().lower()
    keys = [n]
    if n.endswith(_FILE_SUFFIXES):
        keys.append(n.rsplit("/", 1)[-1])
    elif "." in n:
        keys.append(_tail(n))
    return keys


def _entry_keys(s: Successor) -> list[str]:
    old = s.old.lower()
    if old.endswith(_FILE_SUFFIXES):
        return [old, old.rsplit("/", 1)[-1]]
    tail = old.split(".", 1)[-1] if "." in old else old  # runtime.(*itab).init -> (*itab).init; runtime.hmap -> hmap
    return [old, tail]


def successor_for(name: str) -> Successor | None:
    """The successor of ``name`` (bare, qualified or a file name), or None. Names are matched without case
    (``findrunnable`` finds the entry of its rename to ``findRunnable``), but a name spelled as its successor is
    that successor, not a name it replaced (``findRunnable`` was renamed nothing)."""
    wanted = set(_keys(name))
    spelled = name.strip()
    for s in successors():
        if wanted & set(_entry_keys(s)) and not any(spelled in (new, _tail(new)) for new in s.new):
            return s
    return None


def _tail(symbol: str) -> str:
    """A symbol without its package (``runtime.findRunnable`` -> ``findRunnable``)."""
    return symbol.split(".", 1)[-1] if ")" in symbol else symbol.rsplit(".", 1)[-1]


def predecessor_of(symbol: str) -> Successor | None:
    """The entry whose successor is ``symbol`` (a full symbol or a path), or None."""
    low = symbol.strip().lower()
    return next((s for s in successors() if any(low == n.lower() for n in s.new)), None)


def successor_note(name: str, s: Successor) -> Note:
    """One line about ``name``'s successor: "`hmap` was replaced by ... (go1.24): why", in either language."""
    renamed = s.relation == "renamed"
    return Note(
        "successor", name=name, **listed("new", [f"`{n}`" for n in s.new]), since=s.since, since_zh=s.since_in("zh"),
        reason=s.told_in("en"), reason_zh=s.told_in("zh"), verb="renamed" if renamed else "replaced by",
        verb_zh="已改名为" if renamed else "已被替换为",
    )  # fmt: skip


__all__ = [
    "Bilingual",
    "Form",
    "KnowledgeError",
    "Successor",
    "Term",
    "Translation",
    "Vocabulary",
    "bilingual",
    "code_names",
    "forms",
    "pattern",
    "predecessor_of",
    "successor_for",
    "successor_note",
    "successors",
    "vocabulary",
]
