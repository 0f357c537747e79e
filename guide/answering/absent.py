"""Notes on identifiers that no indexed release defines, or none of the releases asked ("Where did typ2Itab go?",
"Where is hmap defined?" at go1.27.3): said plainly, with the successor entry's definitions cited and the source that
justifies it (guide/knowledge/successors.toml); and the releases an answer searched, named."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from guide.citation import Citation, cite_definition, make_citation
from guide.conversation import needs_previous
from guide.definitions import close_names, rank_key, releases_with
from guide.history.sides import successor_ref
from guide.history.subject import CODE_KINDS
from guide.knowledge import successor_for
from guide.language import ENGLISH
from guide.other_languages import speaks_of_another
from guide.render.changes import releases_named
from guide.retrieval.symbol import known_candidates
from guide.words import FILE_NAME
from ingest.buildtags import in_ignored_dir
from ingest.symbols import bare_name
from ingest.tokens import identifier_tokens

if TYPE_CHECKING:
    from guide.index import GuideIndex
    from guide.language import Lang
    from guide.query import Query
    from ingest.symbols import Definition

RARE_WORD_DF = 50  # a word in a code-noun position ("the timerproc goroutine") in fewer chunks is taken for a name


def scope_label(tags: Sequence[str], lang: Lang = ENGLISH) -> str:
    """The releases an answer searched, named in ``lang`` (``releases_named``: "go1.21.13, go1.27.3", "go1.21.13、
    go1.27.3", never a dash that would read as every release between them)."""
    return releases_named(tags, lang) if tags else lang.text("no_release")


def _is_file(index: GuideIndex, name: str) -> bool:
    return bool(FILE_NAME.fullmatch(name) or "/" in name) and index.reader.has_file(name)


def _mentioned_in_code(index: GuideIndex, name: str) -> bool:
    """Whether ``name`` occurs in Go code (not in a comment), in any letter case: a field, local or parameter is
    there, just not a top-level definition ("ChaCha8": the runtime's ``mp.chacha8``, whose package is
    internal/chacha8rand); a comment that remembers an old name is not the name being there."""
    bare = name.split(".")[-1]
    toks = [t for t in identifier_tokens(bare) if t]
    if not toks:
        return False
    phrase = '"' + toks[0].replace('"', "") + '"'
    word = re.compile(rf"(?<![\w]){re.escape(bare)}(?![\w])", re.IGNORECASE)
    texts = index.reader.code_chunks_containing(phrase, bare, ignore_case=True)
    return any(word.search(ln) for text in texts for ln in text.split("\n") if not ln.lstrip().startswith("//"))


def _code_words(index: GuideIndex, query: Query) -> list[str]:
    """The words of the question that look like code: written as code, rare nouns the corpus uses as code, or names
    the successors table knows however written ("还是一个全局的四叉堆加一个 timerproc goroutine 吗？", trial 98: had
    been answered without a word on where timerproc went)."""
    nouns = list(query.code_nouns)
    df = index.reader.doc_freq(nouns) if nouns else {}
    known = [c.name for c in query.identifiers if successor_for(c.name)]
    return list(dict.fromkeys([*query.code_like, *(w for w in nouns if df.get(w, 0) < RARE_WORD_DF), *known]))


def _in_a_program(d: Definition) -> bool:
    """Whether ``d`` is code that is part of a Go program: not in a directory the go command skips (the generator
    programs' ``main.main`` in ssa/_gen)."""
    return d.kind in CODE_KINDS and not in_ignored_dir(d.path)


def _defined_at(index: GuideIndex, name: str, tag: str) -> bool:
    """Whether a definition of ``name`` that is part of a Go program is at ``tag``; looked up at that tag, so that a
    name with hundreds of definitions over the releases (``main``) is not missed."""
    return any(_in_a_program(d) for d in index.reader.lookup(name, tag=tag, limit=500))


def out_of_scope(index: GuideIndex, query: Query, tags: Sequence[str]) -> list[tuple[str, Definition]]:
    """The code-looking words of the question that name a definition at other indexed releases but at none of
    ``tags`` ("Where is hmap defined?" at go1.27.3, whose maps are Swiss tables), each with the definition at the
    release nearest the asked ones."""
    out: list[tuple[str, Definition]] = []
    asked = set(tags)
    named = [c.name for c in known_candidates(index, query.identifiers) if c.strong]
    for name in dict.fromkeys([*named, *_code_words(index, query)]):
        if any(_defined_at(index, name, t) for t in asked):
            continue
        defs = [d for d in index.reader.lookup(name, limit=100) if _in_a_program(d)]
        exact = [d for d in defs if bare_name(d.symbol) == name] or defs
        if not exact:
            continue
        newest = max(index.releases.index(d.tag) for d in exact if d.tag in index.releases)
        at = [d for d in exact if d.tag == index.releases[newest]]
        out.append((name, min(at, key=lambda d: rank_key(d, name, query.platform))))
    return out


def successor_names(name: str) -> list[str]:
    """The names of ``name``'s successors (guide/knowledge/successors.toml) as a question writes them; none or more."""
    succ = successor_for(name)
    return [n.rsplit("/", 1)[-1] for n in succ.new] if succ else []


_NUMERONYM = re.compile(r"[A-Za-z]\d{1,2}[A-Za-z]")  # k8s, i18n, a11y: a word shortened, no name code defines


def absent_names(index: GuideIndex, query: Query) -> tuple[list[str], list[str]]:
    """The code-looking words of the question that no indexed release defines (no numeronym: "k8s", trial 85; none
    that no successor entry names in a conversation on another language: "NullPointerException", trial 86), and the
    names of their successors (guide/knowledge/successors.toml) to search for as well."""
    names: list[str] = []
    extra: list[str] = []
    others = speaks_of_another([query.text, *(q for q, _ in query.history)])
    for name in _code_words(index, query):
        if index.reader.lookup(name, limit=1) or _is_file(index, name) or _NUMERONYM.fullmatch(name):
            continue
        if (not FILE_NAME.fullmatch(name) and _mentioned_in_code(index, name)) or (others and not successor_for(name)):
            continue
        names.append(name)
        extra += successor_names(name)
    return names, extra


def _quote_citation(index: GuideIndex, tag: str, path: str, quote: str) -> Citation | None:
    """The lines of ``path`` at ``tag`` that hold ``quote`` (a successor entry's justification)."""
    lines = index.file_lines(tag, path)
    if not lines:
        return None
    for i, line in enumerate(lines, 1):
        if quote.split("\n")[0][:60] in line:
            return make_citation(index, tag, path, i, min(i + quote.count("\n"), len(lines)), symbol=path, kind="text")
    return None


_MARKER = re.compile(r"\s*\[\d+\]")
"""A citation marker: a note's numbers differ from one answer to the next."""
SIMILAR_NAMES = 3
"""Names like an undefined one ("findRunable") that a note on it offers."""


def only_absent_names(absent: Sequence[str], elsewhere: Sequence[tuple[str, Definition]]) -> bool:
    """Whether the names no release defines are all an answer can say anything of: none has a successor or is
    defined at another release (``q01``, ``findRunable`` alone; their words found only unrelated code)."""
    return bool(absent) and not elsewhere and not any(successor_for(name) for name in absent)


def absent_text(
    index: GuideIndex, names: list[str], sources: list[Citation], tags: Sequence[str], lang: Lang,
    elsewhere: Sequence[tuple[str, Definition]] = (), said_before: str = "", asked: str = "", files: Sequence[str] = (),
) -> tuple[str, list[Citation]]:  # fmt: skip
    """Notes on names no indexed release defines, or none of ``tags`` (``elsewhere``: where the index has them,
    cited there): said plainly (the index is the evidence), then the successor with its definitions and the source
    that justifies the note, cited; the new citations are numbered after ``sources``. A note whose first sentence
    the recent answers (``said_before``) gave word for word is said in one line when the question ``asked`` names it
    again or has no subject of its own ("Why?"), and not at all when it asks about another part of the
    conversation's subject ("那接口转换现在是哪个函数做的？" after "go.y 和 typ2Itab 后来怎么样了？"). ``files``: the
    paths the question writes, whose directories say which files named like an absent one are offered first."""
    newest = index.releases[-1]
    extra: list[Citation] = []

    def cite(c: Citation) -> int:
        for s in [*sources, *extra]:
            if s.key == c.key:
                return s.n
        extra.append(c.numbered(len(sources) + len(extra) + 1))
        return extra[-1].n

    paras = []
    at_newest = "_newest" if list(tags) == [newest] else ""  # "the newest indexed release", not one the asker named
    firsts = {  # a file is in no release; a name is defined in none
        name: lang.text("absent_file" if FILE_NAME.match(name) else "absent", name=name,
                        scope=scope_label(index.releases, lang))
        for name in names
    }  # fmt: skip
    # one note per definition, by its own name, which its lines hold (runtime.AddCleanup's was said twice: trial 28)
    own = {(d.symbol, d.path): n for n, d in sorted(elsewhere, key=lambda e: -len(e[0]))}
    elsewhere = [(n, d) for n, d in elsewhere if own[(d.symbol, d.path)] == n]
    for name, found in elsewhere:
        there = cite_definition(index, found)
        if there is not None:
            where = f"{there.symbol} ({there.location}) [{cite(there)}]"
            firsts[name] = lang.text(
                f"elsewhere{at_newest}", name=name, scope=scope_label(tags, lang), tag=there.version, where=where
            )
            if span := releases_with(index, found.symbol):  # "AddCleanup first appears at go1.24.11"
                key = "defined_from" if span[-1] == index.releases[-1] else "defined_between"
                key = "defined_only" if len(span) == 1 and key == "defined_between" else key  # not "from X to X"
                firsts[name] += lang.space + lang.text(key, first=span[0], last=span[-1])
    defined_elsewhere = {name for name, _ in elsewhere}
    before = _MARKER.sub("", " ".join(said_before.split()))
    for name, first in firsts.items():
        if before and _MARKER.sub("", first) in before:  # its first sentence was just read: one line, no citations
            if name.lower() in asked.lower() or needs_previous(asked):  # "Why?": still its subject; "那接口转换现在
                again = f"elsewhere_again{at_newest}" if _MARKER.search(first) else "absent_again"  # 是哪个函数做的？"
                paras.append(lang.text(again, name=name, scope=scope_label(tags, lang)))  # cited: it said where it is
            continue
        lines = [first]
        succ = successor_for(name)
        if succ is None:
            if name not in defined_elsewhere:  # defined elsewhere: it is its own current equivalent
                lines.append(lang.text("no_successor"))
                written = next((f for f in files if f.endswith("/" + name)), name)  # with the directories asked
                if close := close_names(index, written, SIMILAR_NAMES):  # "findRunable": findRunnable
                    lines.append(lang.text("similar_names", names=lang.marks[1].join(f"`{c}`" for c in close)))
            paras.append(_joined(lines, lang))
            continue
        refs = {d.symbol: d for d in successor_ref(index, succ, tags[-1] if tags else newest).definitions}
        # those this release defines, cited (a successor of another release, itabInit beside go1.21's (*itab).init, is
        # not named as if it were here: trial 83); none defined here: all named, not cited
        named = [
            f"{d.path} [{cite(d)}]" if d.kind == "file" else f"`{bare_name(d.symbol)}` [{cite(d)}]"
            for target in succ.new if (d := refs.get(target)) is not None
        ] or list(succ.new)  # fmt: skip
        lines.append(lang.text("successor", what=lang.marks[1].join(named)))
        answered = tags[-1] if tags else newest  # the release answered about first, then the others, newest first
        order = [answered, *(t for t in reversed(index.releases) if t != answered)]
        why = next((c for t in order if (c := _quote_citation(index, t, succ.source, succ.quote)) is not None), None)
        lines.append(succ.reason_in(lang.code) + (f" [{cite(why)}]" if why is not None else ""))
        if history := succ.history_in(lang.code):  # beyond what the cited source shows: said apart, as the team's
            lines.append(lang.text("team_history", text=history))
        paras.append(_joined(lines, lang))
    return "\n\n".join(paras), extra


def _joined(lines: Sequence[str], lang: Lang) -> str:
    """Sentences one after another: with a space in English; in Chinese only after a citation marker ("。 [3] 本…")."""
    out = ""
    for line in lines:
        out += (" " if out and (lang.space or out.endswith("]")) else "") + line
    return out


__all__ = [
    "RARE_WORD_DF", "SIMILAR_NAMES", "absent_names", "absent_text", "only_absent_names", "out_of_scope", "scope_label",
    "successor_names",
]  # fmt: skip
