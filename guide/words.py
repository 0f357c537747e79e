"""The words of a question, read for the question model (``guide.query``, their only caller): identifiers written
in it (method, dotted and assembly forms; code-looking words; plain words that may name a symbol; the runtime's
one-letter types), code-looking words for the absence check, the words that can be a comparison's subject, and topic
words (the platform it names: ``guide.platforms``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from guide.platforms import is_platform_word
from ingest.symbols import normalize
from ingest.tokens import STOP_WORDS, query_tokens

# -- identifiers ------------------------------------------------------------------------------------------------------
_METHOD_FORM = re.compile(r"(?:[A-Za-z_][\w/\-]*\.)?\(\*?[A-Za-z_][\w.]*\)\.[A-Za-z_]\w*")
_DOTTED = re.compile(r"[A-Za-z_][\w/\-]*(?:[.·∕][A-Za-z_]\w*)+")
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_POSSESSIVE = re.compile(r"(?<![\w.])([A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)*)(?:\s*的\s*|'s\s+)([A-Za-z_]\w*)\b")
"""A definition's member named through its owner: "sync.WaitGroup 的 Wait", "WaitGroup's Wait"."""
_MEMBER_VERB = re.compile(r"(?<![\w.])([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)\s+([a-z]{3,})\b")
"""A type named as code and the verb after it: "a WaitGroup wait", "sync.Mutex locks" (its method ``Wait``,
``Lock``, when it has one: looked up as a method only, so a verb that is none names nothing)."""
_CODEY_OWNER = re.compile(r"\.|[a-z][A-Z]|^[A-Z][a-z]+[A-Z]")
"""An owner written as code (a dot, camelCase: ``sync.WaitGroup``, ``WaitGroup``), not an English word ("channel")."""
_BACKTICK = re.compile(r"`([^`\n]{1,80})`")
_FILE_EXT = frozenset({"go", "s", "md", "html", "h", "c", "txt", "mod", "py"})
_CAMEL = re.compile(r"[a-z][A-Z]|[A-Z]{2,}[a-z]|[A-Za-z][0-9]|_")
_UNITS = frozenset({"kib", "mib", "gib", "tib"})  # "a 2GiB container memory limit": an amount (trial 87), no name
_NOT_SYMBOLS = _UNITS | {"go", "golang", "goroutine", "goroutines", "code", "function", "func", "file", "line"}
GO_KEYWORDS = frozenset({
    "break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough", "for", "func", "go",
    "goto", "if", "import", "interface", "map", "package", "range", "return", "select", "struct", "switch", "type",
    "var",
})  # fmt: skip
GO_LANGUAGE_WORDS = GO_KEYWORDS | frozenset({
    "any", "bool", "byte", "comparable", "complex64", "complex128", "error", "float32", "float64", "int", "int8",
    "int16", "int32", "int64", "rune", "string", "uint", "uint8", "uint16", "uint32", "uint64", "uintptr", "true",
    "false", "iota", "nil", "append", "cap", "clear", "close", "complex", "copy", "delete", "imag", "len", "make",
    "max", "min", "new", "panic", "print", "println", "real", "recover",
})  # fmt: skip
"""The Go spec's keywords and predeclared identifiers: written plainly in a question they are the language's own
vocabulary ("a select statement", "the map type", "what does new do"), not a definition of the runtime's."""
_SHORT_AS_TYPE = re.compile(
    r"\b([A-Za-z]\d?)\s+(?:\([^()]{1,40}\)\s+)?(?:struct|type)\b|\b(?:type|struct)\s+([A-Za-z]\d?)\b"
)
_GMP = re.compile(r"(?<![\w'’-])([GMP])(?![\w-])")
_G0 = re.compile(r"(?<![\w-])([gm]0)(?!\w)")
_GMP_CONTEXT = re.compile(
    r"goroutine|thread|machine|processor|schedul|\bGMP\b|\bstruct\b|run ?queue|协程|线程|处理器|调度|运行队列",
    re.IGNORECASE,
)
_CODE_LIKE = re.compile(r"[A-Za-z_][\w·∕]*(?:\.[A-Za-z_(*][\w·∕()*]*)*|\(\*?\w+\)\.\w+")
_GO_VERSION = re.compile(r"(?i)go\d+(?:\.\d+)*")
_CALL_ARGS = re.compile(r"(?<=\w)\([^()]*\)?$")
"""The arguments of a call at the end of a word (``GOMAXPROCS(n)``, ``GC()``, ``mallocgc(size``), not a method's
receiver (``(*p).runqput``): "is calling runtime.GOMAXPROCS(n) at runtime a cheap operation?" had opened with
"`runtime.GOMAXPROCS(n)` is not defined in any indexed release"."""
_CODE_NOUN = re.compile(
    r"\b(?:the|a|an)\s+([a-z][a-z0-9_]{4,})\s+(?:function|func|goroutine|struct|type|method|variable|constant)\b"
)
_FILE_MENTION = re.compile(r"(?<![\w/.-])((?:[\w.-]+/)*[A-Za-z0-9_]+\.(?:go|s))(?![\w])")
_CALL_WORDS = frozenset({"call", "calls", "called", "caller", "callers", "invoked", "where", "who", "site", "sites"})

# -- subjects of comparisons ------------------------------------------------------------------------------------------
_SUBJECT = re.compile(r"`([^`]+)`|([\w·]+(?:(?:\.|·|/)[\w·*()]+)*(?:\(\*?\w+\)\.\w+)?)")
_CODEY = re.compile(r"_|·|[a-z][A-Z]|\w\.\w|\)\.")
_SKIP_CAPS = frozenset({"go", "golang"})  # besides the stop words ("What", "How", "I")
_SENTENCE_START = re.compile(r"(?:^|[.?!。？！])\s*$")  # a capital there is no Go name: "…go1.27? Quote the comment."
_TYPE_WORD = re.compile(r"\s+(?:struct|type)\b", re.IGNORECASE)
_AFTER_TYPE = re.compile(r"\b(?:type|struct)\s+$", re.IGNORECASE)
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_ASCII_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_·.()*/]*")
"""An identifier written in ASCII: ``\\w`` would run on into the Chinese after it ("schedinit在")."""
_VERSIONISH = re.compile(r"^(?:go)?\d+$|^go\d")
_PATHLIKE = re.compile(r"^[\w./\-]+\.(?:go|s|y|md|html)$")
FILE_NAME = re.compile(r"[\w./-]+\.(go|s|y|c|h|md|html)$")
"""A file's name, or a path ending in one, as a question's code-looking word writes it (``runtime/hashmap.go``)."""
_CHANGE = """
change changed changes changing differ differs different difference differences diff compare compared comparison
evolve evolved evolution version versions release releases go golang new old since until vs versus now implement
implements implementation implemented work works happen happened did got get between go1 latest newest previous
replace replaced replaces replacement still already exist exists existed older newer earlier
"""
CHANGE_WORDS: frozenset[str] = frozenset(_CHANGE.split())
"""Words of a "what changed" question that name no topic."""


@dataclass(frozen=True)
class Candidate:
    """An identifier-like word of the question: ``text`` as written, ``name`` the bare name looked up."""

    text: str
    name: str
    strong: bool
    kind: str = ""
    """When set, only definitions of this kind (the one-letter ``g``/``m``/``p`` mean the runtime's types)."""
    quoted: bool = False
    """A plain word of a message the question quotes (``message_spans``): English, whatever the corpus uses it as."""


_QUOTED = re.compile(r""""[^"]+"|“[^”]+”|‘[^’]+’|(?<!\w)'[^']+'(?!\w)""")
_PRINTED = re.compile(r"\b(?:panic|fatal error|runtime): .*", re.IGNORECASE)
"""What the runtime prints before a crash's message: ``print("panic: ")`` (runtime.printpanics),
``print("fatal error: ")`` (runtime.throw and runtime.fatal, src/runtime/panic.go) and ``print("runtime: ")`` before
its own diagnostics (``runtime: goroutine stack exceeds 1000000000-byte limit``, src/runtime/stack.go; 181 such
prints in src/runtime at go1.27.3); the rest of the line is the message."""


_ADDRESS = re.compile(r"\b0[xX][0-9a-fA-F]+\b")
"""A hexadecimal number: an address or an offset of a pasted stack trace (``runtime.throw(0x4b2f1c, 0xe)``,
``panic.go:774 +0x72``), whose ``x4b2f1c`` and ``x72`` had been reported as names defined in no indexed release."""


def without_addresses(text: str) -> str:
    """``text`` with its hexadecimal numbers blanked (``_ADDRESS``; the positions of the rest kept)."""
    return _ADDRESS.sub(lambda m: " " * len(m.group()), text)


_PREFIX = re.compile(r"^(?:(?:panic|fatal error|runtime error|error): )+", re.IGNORECASE)
"""What precedes a message it is not part of: the runtime's prints (``_PRINTED``) and a runtime error's
``"runtime error: "`` (runtime.errorString's Error, src/runtime/error.go)."""


QUOTED_MIN_WORDS = 3
"""Text in quotation marks is taken for a message from this many words ("concurrent map writes", "moved to heap");
shorter, it is a term ("'escape analysis'"), which a help text's literal may hold too."""


def quoted_messages(question: str) -> list[tuple[str, bool]]:
    """The messages ``question`` quotes, each with whether the run of its first words may stand for it: a crash's
    output pasted (``_PRINTED``; its message without the prefix the runtime prints before it, then as written:
    "fatal error: out of memory" gives "out of memory", then all of it; a trace goes on after the message), or text
    in quotation marks of at least ``QUOTED_MIN_WORDS`` words, whole."""
    text = without_addresses(question)
    out: list[tuple[str, bool]] = []
    for m in _PRINTED.finditer(text):
        said = " ".join(m.group().split())
        out += [(_PREFIX.sub("", said), True), (said, True)]
    for m in _QUOTED.finditer(text):
        said = " ".join(m.group()[1:-1].split())
        if len(said.split()) >= QUOTED_MIN_WORDS:
            out += [(_PREFIX.sub("", said), False), (said, False)]
    return [m for m in dict.fromkeys(out) if m[0]]


def message_spans(question: str) -> list[tuple[int, int]]:
    """Where ``question`` quotes a message: text in quotation marks (not backticks, which mark code; not an
    apostrophe: "Java's"), and a crash's output pasted from ``panic:``, ``fatal error:`` or ``runtime:`` to the end of
    the line ("fatal error: all goroutines are asleep - deadlock!", "'goroutine stack exceeds 1000000000-byte
    limit'")."""
    return [(m.start(), m.end()) for rx in (_QUOTED, _PRINTED) for m in rx.finditer(question)]


@dataclass(frozen=True)
class SubjectWord:
    """A word that may be what a comparison is about, as written, with how it was written."""

    text: str
    how: str
    """``ticked`` (in backticks), ``codey`` (camelCase, ``_``, dotted, exported), ``plain``, or ``skip``."""
    typed: bool = False
    """Written as a type ("the sudog struct", "type p"): taken before the others when it names a symbol."""


def symbol_candidates(question: str, context: str = "") -> list[Candidate]:
    """Identifier candidates in ``question``, in order of appearance; method, dotted and assembly forms whole.
    ``context``: the conversation's earlier questions (``short_type_names``)."""
    out: dict[str, tuple[int, Candidate]] = {}
    spans: list[tuple[int, int]] = []
    question = without_addresses(question)
    ticked = {m.group(1).strip() for m in _BACKTICK.finditer(question)}
    messages = message_spans(question)

    def add(text: str, start: int, end: int, strong: bool) -> None:
        text = text.strip(".·")
        name = normalize(text)
        bare = name.rsplit(".", 1)[-1]
        if not bare or not _WORD.fullmatch(bare):
            return
        spans.append((start, end))
        strong = strong or text in ticked
        quoted = not strong and any(s <= start < e for s, e in messages)
        if text not in out:
            out[text] = (start, Candidate(text, bare, strong, quoted=quoted))

    for m in _METHOD_FORM.finditer(question):
        add(m.group(0), m.start(), m.end(), True)
    for m in _POSSESSIVE.finditer(question):  # "sync.WaitGroup 的 Wait", "WaitGroup's Wait": the method, whole
        whole = f"{m.group(1)}.{m.group(2)}"
        if _CODEY_OWNER.search(m.group(1)):
            out.setdefault(whole, (m.start(), Candidate(whole, m.group(2), True)))
    for m in _MEMBER_VERB.finditer(question):  # "How does a WaitGroup wait?": the owner's method the verb names
        if _CODEY_OWNER.search(m.group(1)) and not any(s <= m.start() < e for s, e in messages):
            for verb in dict.fromkeys((m.group(2), m.group(2).removesuffix("s"))):
                whole = f"{m.group(1)}.{verb[0].upper()}{verb[1:]}"
                out.setdefault(whole, (m.start(), Candidate(whole, whole.rsplit(".", 1)[1], True, kind="method")))
    for m in _DOTTED.finditer(question):
        if any(s <= m.start() < e for s, e in spans):
            continue
        parts = re.split(r"[.·∕]", m.group(0))
        if parts[-1].lower() in _FILE_EXT:  # a file name (chan.go): its stem may still be a symbol
            stem = parts[-2] if len(parts) >= 2 else ""
            if _CAMEL.search(stem):
                add(stem, m.start(), m.end(), True)
            continue
        add(m.group(0), m.start(), m.end(), True)
    for m in _WORD.finditer(question):
        if any(s <= m.start() < e for s, e in spans):
            continue
        w = m.group(0)
        low = w.lower()
        if low in STOP_WORDS or low in _NOT_SYMBOLS or (w in GO_LANGUAGE_WORDS and w not in ticked):
            continue
        if len(w) < 3 and w not in ticked:
            continue
        add(w, m.start(), m.end(), bool(_CAMEL.search(w)) and not is_platform_word(w))
    # nothing else in a short question may name code: a G, M or P in it is its subject ("P 是什么？")
    alone = not out and len(_CJK.findall(question)) <= LETTERS_SUBJECT_CJK
    for start, text, explicit in short_type_names(question, context):
        if text not in out or (explicit and not out[text][1].strong):
            out[text] = (start, Candidate(text, text, explicit or alone, kind="" if text[-1:].isdigit() else "type"))
    return [c for _, c in sorted(out.values(), key=lambda x: x[0])]


LETTERS_SUBJECT_CJK = 10
"""A question of at most this many Chinese characters whose only code-like words are G, M or P is about them ("调度器
里的 P 是什么？"); in a longer one they are words of the sentence, as in English (trial 40: "系统调用返回之后，goroutine
怎么重新拿到 P 继续跑？…" opened with runtime.p's fields, its English twin with what exitsyscall says)."""
SCHEDULER_WORD = "scheduler"
"""What a question of a G, M or P alone is searched with: the letters are the scheduler's (``letter_alone``)."""
LETTER_ALONE_CJK = 6
"""A question of a G, M or P and at most this many Chinese characters ("P 是什么？", "P 是做什么用的？") asks about
the letter alone."""


def letter_alone(question: str) -> bool:
    """Whether one of G, M, P is all a question names ("What is a P?", "P 是什么？"): in a guide to the Go runtime
    the letter is the scheduler's (runtime/HACKING.md: "a "P" represents the resources required to execute user Go
    code"; proc.go: "G - goroutine. M - worker thread, or machine. P - processor")."""
    rest = _GMP.sub(" ", question)
    cjk = len(_CJK.findall(rest))
    return (
        len({m.group(1) for m in _GMP.finditer(question)}) == 1
        and cjk <= LETTER_ALONE_CJK
        and not [t for t in topic_tokens(rest) if t.isascii()]
    )


def short_type_names(question: str, context: str = "") -> list[tuple[int, str, bool]]:
    """The runtime's one-letter types (``g``, ``m``, ``p``) and ``g0``/``m0`` when a question means them: written
    as a type ("the g struct", "the M (OS thread) struct", "type p") or ``g0`` — explicit; or as the scheduler's
    G, M, P in a question about goroutines, threads, processors or scheduling ("a P's run queue") — from the
    context only: weak, and after every other word (background, not the subject); the context may be the
    conversation's earlier questions (``context``: "P 是什么？" after a question on the scheduler). Returned as the
    runtime spells them (lower case) with their position and whether they are explicit."""
    out: list[tuple[int, str, bool]] = []
    for m in _SHORT_AS_TYPE.finditer(question):
        w = m.group(1) or m.group(2)
        out.append((m.start(), w.lower() if w in "GMP" else w, True))
    out += [(m.start(), m.group(1), True) for m in _G0.finditer(question)]
    letters = list(_GMP.finditer(question))  # "M 和 P 是什么关系？": two of them are the scheduler's
    said = {m.group(1) for m in letters}
    if _GMP_CONTEXT.search(question) or _GMP_CONTEXT.search(context) or len(said) >= 2 or letter_alone(question):
        out += [(len(question) + m.start(), m.group(1).lower(), False) for m in letters]
    return out


def code_like(text: str) -> list[str]:
    """Words that look like code: camelCase, snake_case, dotted, ``runtime·x``, method forms, file names."""
    out = []
    for m in _CODE_LIKE.finditer(without_addresses(text)):
        w = m.group(0).strip(".")
        while w.endswith(")") and w.count(")") > w.count("("):
            w = w[:-1]
        w = w.removesuffix("(")  # a call in a pasted trace, its arguments blanked: ``runtime.throw(0x4b2f1c``
        w = _CALL_ARGS.sub("", w)  # a call written with its arguments names the function: ``runtime.GOMAXPROCS(n)``
        if _GO_VERSION.fullmatch(w) or is_platform_word(w) or w.lower().lstrip("0123456789.") in _UNITS:
            continue
        if re.search(r"[a-z][A-Z]|_|·|\.|\(|\d", w):
            out.append(w)
    return out


def topic_tokens(text: str) -> list[str]:
    """The question's words that can name a topic (no stop words, versions or words about change)."""
    out = [t for t in query_tokens(text) if t not in CHANGE_WORDS and not _VERSIONISH.match(t) and len(t) >= 2]
    return list(dict.fromkeys(out))


def _balanced(w: str) -> str:
    while w.endswith(")") and w.count(")") > w.count("("):
        w = w[:-1]
    while w.startswith("(") and w.count("(") > w.count(")"):
        w = w[1:]
    return w.strip(".")


def _classified(question: str, m: re.Match[str], w: str, i: int) -> SubjectWord | None:
    """``w`` (a word of the ``i``-th match ``m`` of ``_SUBJECT``) classified as a subject word, or None to skip."""
    w = _balanced(w)
    low = w.lower()
    typed = bool(w) and bool(_TYPE_WORD.match(question, m.end()) or _AFTER_TYPE.search(question, 0, m.start()))
    if typed and w in ("G", "M", "P"):
        w, low = low, low  # the scheduler's G, M, P are the runtime's g, m, p
    typed = typed and low not in STOP_WORDS and low not in GO_KEYWORDS  # "type switch" names no type Switch
    skip = low in STOP_WORDS or low in CHANGE_WORDS or low in _SKIP_CAPS or _VERSIONISH.match(low)
    opens = i == 0 or bool(_SENTENCE_START.search(question, 0, m.start()))  # trial 99: "Quote" compared time.Quote
    if not w or skip or re.fullmatch(r"(?:go)?1\.\d+(?:\.\d+)?", low):
        how = "skip"
    elif _CODEY.search(w) or (w[0].isupper() and not opens and not (w.isupper() and len(w) <= 4)):
        how = "codey"
    else:
        how = "plain"
    return SubjectWord(w, how, typed) if typed or how != "skip" else None


def subject_words(question: str) -> list[SubjectWord]:
    """The words of a comparison question that may be its subject, classified (see :class:`SubjectWord`)."""
    out: list[SubjectWord] = []
    for i, m in enumerate(_SUBJECT.finditer(question)):
        if m.group(1):
            out.append(SubjectWord(m.group(1).strip(), "ticked"))
            continue
        # "Go的goroutine是怎么…": \w includes CJK ideographs, so each ASCII word of such a run is a word of its own
        for w in _ASCII_IDENT.findall(m.group(2)) if _CJK.search(m.group(2)) else [m.group(2)]:
            word = _classified(question, m, w, i)
            if word is not None:
                out.append(word)
    return out


def code_nouns(text: str) -> list[str]:
    """Plain words written where a Go name goes ("the timerproc goroutine", "the hchan struct")."""
    return [m.group(1) for m in _CODE_NOUN.finditer(text) if m.group(1) not in STOP_WORDS]


_IMPORT_PATH = r"(?<![\w/.])((?:[a-z][a-z0-9_]*/)+[a-z][a-z0-9_]*)(?![\w/.])"
"""An import path written in a question (``net/http``, ``runtime/internal/atomic``)."""
_PACKAGE_MENTION = re.compile(
    _IMPORT_PATH  # net/http
    + r"|(?<![\w/.])((?:[a-z][a-z0-9_]*/)+[a-z][a-z0-9_]*)\.(?=[A-Z]|\(\*)"  # a frame of a trace: net/http.(*conn)
    + r"|(?<![\w/.])([a-z][a-z0-9]*)\.(?!(?:go|s|md|html|h|c|txt|mod|py)\b)[A-Za-z_]\w*"  # context.Context
    r"|\bpackage ([a-z][a-z0-9]*(?:/[a-z][a-z0-9]*)*)\b|\b([a-z][a-z0-9]*(?:/[a-z][a-z0-9]*)*) ?(?:package|包)"
)
"""A Go package a question names: an import path (``net/http``; also qualifying a name, as a stack trace's frames
do: ``net/http.HandlerFunc.ServeHTTP(...)``), the package of a qualified name (``context`` of ``context.Context``), or
"package reflect", "the reflect package", "reflect 包"."""


def import_paths(text: str) -> list[str]:
    """The import paths ``text`` writes (``_IMPORT_PATH``), in order."""
    return re.findall(_IMPORT_PATH, text)


def package_mentions(text: str) -> list[str]:
    """The packages ``text`` names (``_PACKAGE_MENTION``), in order, each once; file names and versions are none."""
    found = (next(g for g in m.groups() if g) for m in _PACKAGE_MENTION.finditer(without_addresses(text)))
    return list(dict.fromkeys(p for p in found if not _GO_VERSION.fullmatch(p) and p not in _FILE_EXT))


def file_mentions(text: str) -> list[str]:
    """Go and assembly file names written out: ``chan.go``, ``runtime/netpoll_epoll.go``."""
    return [m.group(1) for m in _FILE_MENTION.finditer(text)]


def is_path(text: str) -> bool:
    """Whether the whole text is a file path (``src/runtime/chan.go``, ``chan.go``)."""
    return bool(_PATHLIKE.match(text))


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def without_call_words(cands: list[Candidate]) -> list[Candidate]:
    """Candidates that are not words of "who calls X?" itself."""
    return [c for c in cands if c.name.lower() not in _CALL_WORDS]


_PART_END = re.compile(r"(?<=[?？])\s*")


def question_parts(text: str) -> list[str]:
    """The questions ``text`` asks, when it asks more than one ("Does a channel take a lock? What does a send
    cost?"): each ends at its question mark; a question with one part or none gives no parts."""
    parts = [p.strip() for p in _PART_END.split(text) if re.search(r"\w", p)]
    return parts if len(parts) > 1 else []


def squash(text: str) -> str:
    """``text`` with each run of blanks (spaces, tabs, line breaks) one space, none at either end."""
    return " ".join(text.split())


__all__ = [
    "CHANGE_WORDS", "GO_KEYWORDS", "SCHEDULER_WORD", "Candidate", "SubjectWord", "code_like", "code_nouns",
    "file_mentions", "has_cjk", "import_paths", "is_path", "letter_alone", "package_mentions", "question_parts",
    "short_type_names", "squash", "subject_words", "symbol_candidates", "topic_tokens", "without_call_words",
]  # fmt: skip
