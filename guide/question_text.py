"""What a question names and what retrieval reads of it: the question model's helpers (``guide.query.Query`` is
their only user; it is the one reader of question text)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from guide import intent as asks
from guide.conversation import needs_previous, short_part, stands_for
from guide.knowledge import bilingual
from guide.knowledge.cedict import english_words
from guide.platforms import without_platforms
from guide.traces import without_user_frames
from guide.versions import AMOUNT, without_versions
from guide.words import CHANGE_WORDS, SCHEDULER_WORD, has_cjk, letter_alone, question_parts
from ingest.tokens import query_tokens

_PATH = re.compile(r"(?<![\w/.-])(?![A-Z0-9]+(?:/[A-Z0-9]+)+(?![\w/.-]))(?:[\w.-]+/)+([\w-]+)(?:\.\w+)?(?![\w/])")
"""A path (``cmd/compile/internal/gc/go.y``, ``runtime/chan.go``); not an abbreviation in capitals written with a
slash ("I/O", "TCP/IP": "blocks on network I/O" read as "blocks on network O" matched no tour, trial 9)."""


def file_names_only(text: str) -> str:
    """``text`` with each path cut to its file's name ("cmd/compile/internal/gc/go.y" -> "go"): a path's directories
    say where a file is, not what the question is about ("gc" is no question about the garbage collector)."""
    return _PATH.sub(r"\1", text)


_NOT_AMOUNT = rf"(?!(?i:{AMOUNT.pattern}))"
"""Not an amount: "按 1.25 倍扩容" grows by 1.25 times (trial 101: read as go1.25, not indexed)."""
BARE_VERSION = re.compile(
    rf"(?<![\w.])(?<![Gg][Oo] )(?<![Ll][Aa][Nn][Gg] )(1\.\d{{1,2}}(?:\.\d{{1,2}})?)(?![\w.]){_NOT_AMOUNT}"
)
"""In a follow-up a bare "1.21" can only be a release ("and in 1.21?")."""
BARE_RELEASE = re.compile(
    rf"(?<![\w.=])(?<![Gg][Oo] )(?<![Ll][Aa][Nn][Gg] )(1\.[12]\d(?:\.\d{{1,2}})?)(?![\w.%]){_NOT_AMOUNT}"
)
"""In any question, a bare "1.21" to "1.29" (a minor of two digits, not a setting's value) is a Go release: "升级到 1.27
以后，…和 1.21 有什么不一样？" (trial 85) had named none and compared nothing. "Go 1.21" is one already."""


def with_releases(text: str, follow_up: bool) -> str:
    """``text`` with its bare release numbers written as releases ("1.21" -> "go1.21"): any in a follow-up
    (``BARE_VERSION``), those of two-digit minors in a question of its own (``BARE_RELEASE``)."""
    return (BARE_VERSION if follow_up else BARE_RELEASE).sub(r"go\1", text)


def _in_context(search: str, thread: str | None) -> str:
    """``search``, with the scheduler's name when a G, M or P is all it names, or all its conversation's thread named
    (``letter_alone``): "What is a P?" is searched as the scheduler's P, and so is "And at go1.21.13?" after it."""
    return f"{search} {SCHEDULER_WORD}" if letter_alone(search if thread is None else thread) else search


_GLUED = re.compile(
    r"(?<=[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])(?=[A-Za-z0-9_])|(?<=[A-Za-z0-9_)\]])(?=[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])"
)


_INTERJECTION = re.compile(
    r"^(?:(?:ok(?:ay)?|alright|all right|great|thanks|thank you|cool|nice|hmm+|i see|got it|understood|好的?|嗯+|哦+"
    r"|明白了?|谢谢|了解了?|懂了)\s*[,，.。!！、]\s*)+",
    re.IGNORECASE,
)
"""A reply's opening word, said to the last answer and not asked about ("OK, then show me how it works in the newest
release you have." after a Go 1.9 select answer, trial 84: "ok", a name code uses everywhere, read as a subject of
its own, and nothing was found)."""


def without_interjection(text: str) -> str:
    """``text`` without a leading interjection followed by a mark (``_INTERJECTION``), unless that is all of it."""
    return _INTERJECTION.sub("", text) or text


def words_apart(text: str) -> str:
    """``text`` with a space where an ASCII word, or a call's closing parenthesis, meets a Chinese character ("Go的
    goroutine是" -> "Go 的 goroutine 是"; "runtime.GC()手动调用" had been read whole as one code word, trial 88):
    Chinese writes English terms without spaces, and ``\\b`` does not fall between them, since ``\\w`` matches
    CJK ideographs; without it "Go的goroutine是怎么映射到操作系统线程的？" matched none of the scheduler tour's patterns
    ("goroutines ... threads"), which the English question does."""
    return _GLUED.sub(" ", text)


def searched(text: str, before: str | None, thread_only: bool) -> tuple[str, str]:
    """What a question names (the conversation's thread too, for a follow-up: the thread alone when the follow-up
    names nothing of its own; versions blanked out: "go1.21" is when, not what; so are the platforms it is asked on:
    "在 x86-64 Linux 上", trial 86, had compared package linux) and what retrieval reads: that with its platforms
    (asm_amd64.s), in the scheduler's context when it names a G, M or P alone (``_in_context``), with the words of
    what a program can set when it asks how to change a behaviour (``intent.with_setting``). A pasted trace's frames
    of the program's own code name nothing of Go's (``guide.traces.without_user_frames``)."""
    asked = words_apart(text if before is None else before if thread_only else f"{before} {text}")
    named = without_versions(without_user_frames(asked))  # a pasted trace's frames of the program's own code: not Go's
    return without_platforms(named), asks.with_setting(_in_context(named, before), text)


_HOW_IT_WORKS = re.compile(
    r"(?i)(\bhow\b[^?.!;,]*?)\s+works?\b(?=\s*(?:[?.!;,(]|$|under the hood\b|internally\b|in practice\b))"
)
"""The verb of "How does X work?" ("how X works", "How does defer work under the hood?"): it asks how X works, and
"work" is no word of X's; searched, it matched "Work stealing" and the GC's "background work" (the scheduler tour
pointed "How does goroutine preemption work?" at findRunnable and stealWork besides preemptone, trial 57). "work" as
a noun ("How does work stealing ...") is kept."""


def without_how_it_works(text: str) -> str:
    """``text`` without the verb of "how does X work" (``_HOW_IT_WORKS``): the words its tokens are read from."""
    return _HOW_IT_WORKS.sub(r"\1", text)


_WHICH_RELEASE = re.compile(
    r"\b(?:which|what) (?:go )?(?:versions?|releases?)\b|\bin which\b[^.?]{0,20}\b(?:version|release)\b"
    r"|哪个\s*(?:go\s*)?版本|哪一版|什么版本",
    re.IGNORECASE,
)
_RELEASE_WORDS = frozenset({"version", "versions", "release", "releases"})


def question_tokens(search: str, translation: Sequence[str], follow_up: bool) -> tuple[str, ...]:
    """The words a question is searched with: ``search``'s (``without_how_it_works``), the releases it names blanked
    (``with_releases``: its "1.9" is no "1" and "9"), and its Chinese terms' English (``translation``); asked in which
    release ("这个抢占机制是哪个版本加进来的？", "which version added it?"), not "version" or "release", which say
    what it asks, not what about (trial 98: the answer's "see also" named the compiler's versionErrorRx and
    goVersionRE, found by "1", "9" and "version")."""
    words = without_versions(with_releases(without_how_it_works(search), follow_up))
    return _subject_only(query_tokens(f"{words} {' '.join(translation)} {' '.join(compared_bases(search))}"), search)


_COMPARED = re.compile(
    r"\b(?!(?:bett|aft|oth|und|rath|wheth|eith|neith|ev|nev)er\b)([A-Za-z]{3,})er\s+than\b(?!\s*(?:go|golang)?\s*1\.\d)",
    re.IGNORECASE,
)
"""An adjective compared with "than" ("cheaper than", "bigger than", "heavier than"; not "better", "rather" ...)."""


def compared_bases(text: str) -> list[str]:
    """The plain forms of the adjectives ``text`` compares with "than" ("Why is a goroutine cheaper than an OS
    thread?": cheap), as the sources say them: a comment says a goroutine is cheap, not that it is cheaper. Each
    form an English word (``cedict.english_words``): cheap-er, larg-er -> large, bigg-er -> big, heavi-er -> heavy."""
    found = list(_COMPARED.finditer(text))
    known = (english_words() or frozenset()) if found else frozenset()
    out: list[str] = []
    for m in found:
        stem = m.group(1).lower()
        doubled = stem[:-1] if len(stem) > 3 and stem[-1] == stem[-2] else ""
        forms = (stem, f"{stem}e", doubled, f"{stem[:-1]}y" if stem.endswith("i") else "")
        out += [f for f in forms if f and f in known and f not in CHANGE_WORDS][:1]  # fair-er: fair, not "faire"
    return out


def _subject_only(tokens: Sequence[str], text: str) -> tuple[str, ...]:
    """``tokens`` of ``text`` without "version" and "release" when it asks in which release (``question_tokens``)."""
    return tuple(t for t in tokens if t not in _RELEASE_WORDS) if _WHICH_RELEASE.search(text) else tuple(tokens)


def asked_alone(text: str) -> str:
    """What a follow-up's own words ask, releases blanked, with the English of its Chinese terms (what its
    ``own_tokens`` are read from)."""
    own = words_apart(without_how_it_works(without_versions(with_releases(text, True))))
    return f"{own} {' '.join(bilingual().translate(own))}" if has_cjk(own) else own


def asked_words(text: str, thread: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A follow-up's own tokens (``asked_alone``), and those of them that its ``thread`` does not say: what it adds."""
    own = _subject_only(query_tokens(asked_alone(text)), text)
    said = set(query_tokens(asked_alone(thread)))
    return own, tuple(t for t in own if t not in said)


def continued(thread: str, previous: str | None, text: str, bare: bool) -> str:
    """The thread a follow-up with words of its own continues: when the thread is one question of several parts
    ("How much memory does a new goroutine use? Could one server hold a million connections?"), the parts that share
    the most of the follow-up's words (a Chinese one's in the sources' English too, ``asked_alone``: "那 go1.21 的 map
    是怎么扩容的？" after a question on a map's concurrent writes and recover(), then its growth, is on the growth,
    trial 79), else the first, whose subject its pronouns name ("And what happens when its stack runs out?" had been
    searched with the million connections too, and quoted netpollblock and user arenas, trial 62). A thread of
    several turns, and a follow-up that names nothing of its own, keep the whole thread. A short part chosen is read
    with the part before it, which it goes on from ("Is there a limit?" after "What happens when a goroutine's
    recursion goes too deep?"), as is one whose pronoun stands for that part's subject (trial 87: "Can I change that
    limit ...?" after "How many OS threads can a Go program create? What happens when it hits the limit?")."""
    parts = question_parts(thread)
    if bare or thread != previous or len(parts) < 2:
        return thread
    own = set(query_tokens(asked_alone(text)))  # a Chinese follow-up's terms in English too (asked_alone)
    shared = [len(own & set(query_tokens(asked_alone(p)))) for p in parts]
    chosen = {i for i, n in enumerate(shared) if n and n == max(shared)} or {0}
    # a short part goes on from the one before it ("... recursion goes too deep? Is there a limit?", trial 81), and so
    # does one whose pronoun stands for its subject ("How many OS threads ...? What happens when it hits the limit?")
    chosen |= {i - 1 for i in chosen if i and (short_part(parts[i]) or stands_for(parts[i]))}
    return " ".join(p for i, p in enumerate(parts) if i in chosen)


def turn_words(
    text: str, thread: str | None, previous: str | None, tokens: tuple[str, ...], bare: bool
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The question's own tokens and those it adds (``asked_words``); the thread's for a question of its own. A
    follow-up that names nothing of its own ("为什么？") asks about the last turn: after a chain of them ("How does the
    GC decide when to start?", "and GOMEMLIMIT?", "为什么？"), the words the last one added weigh as added (trial 37:
    the "why" was answered about GOGC)."""
    if thread is None or previous is None:
        return tokens, ()
    if not bare:
        return asked_words(text, thread)
    if previous == thread or needs_previous(previous):  # one turn; or the last named nothing ("Where is that?")
        return tokens, ()
    earlier = set(query_tokens(asked_alone(thread[: len(thread) - len(previous)])))
    return tokens, tuple(t for t in query_tokens(asked_alone(previous)) if earlier and t not in earlier and t in tokens)


__all__ = [
    "BARE_VERSION", "asked_alone", "asked_words", "continued", "file_names_only", "searched", "turn_words",
    "with_releases", "without_how_it_works", "without_interjection", "words_apart",
]  # fmt: skip
