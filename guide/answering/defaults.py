"""In a comparison of two releases, the GOEXPERIMENTs whose default changed between them and that are on the
question's topic (``guide.history.experiments``): "Is the garbage collector different in go1.27.3 than in
go1.21.13?" is answered with the Green Tea GC, on by default at go1.27.3, each side cited where its default is set
and what the experiment is said in the comment on its flag. An experiment is on the topic when the code of a
definition the comparison cites names it (gcStart: ``goexperiment.GreenTeaGC``; the scheduler's definitions name
none of go1.27.3's). Measured against the files that name it (``git grep``: 1 s a comparison, and ExecTracer2,
named all over proc.go, in a comparison of the network poller) and against words: a word of the experiment's name
shared with the question or its tour named experiments off the topic ("size" put SizeSpecializedMalloc in a
comparison of the stack size, "heap" RandomizedHeapBase64 in one of the timers' heap), and the embedding model does
not know that Green Tea is a GC (0.13 to "Is the garbage collector different?")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING

from guide.answering.named_experiments import experiments_block, named_in
from guide.history.experiments import DefaultChange, changed_defaults, flag_names, meaning
from ingest.tokens import STOP_WORDS, identifier_tokens, query_tokens

if TYPE_CHECKING:
    from guide.citation import Citation
    from guide.index import GuideIndex
    from guide.language import Lang


def on_topic(change: DefaultChange, sources: Sequence[Citation], asked: str = "") -> bool:
    """Whether the code of a definition the comparison cites names the experiment (``goexperiment.GreenTeaGC`` in
    gcStart), or the question (``asked``) says ``SAID_WORDS`` words of what its flag's comment says it is, words
    that no more than ``FLAG_WORDS_DF`` flags' comments use ("the execution tracer was rewritten": ExecTracer2
    "controls whether to use the new execution trace implementation", trial 76; "size" alone is not
    SizeSpecializedMalloc's, nor "heap" RandomizedHeapBase64's)."""
    named = f"goexperiment.{change.name}".lower()
    if any(named in s.excerpt.lower() for s in sources):
        return True
    if not asked or change.flags is None or not change.meaning:
        return False
    comments = comment_words(change.flags)
    said = {w for w in identifier_tokens(change.meaning) if len(w) >= 4 and w not in STOP_WORDS}
    said -= {change.name.lower()}  # the comment's words, not the flag's name it opens with
    said = {w for w in said if sum(w in c for c in comments) <= FLAG_WORDS_DF}
    words = set(query_tokens(asked))
    return sum(any(a.startswith(w) or w.startswith(a) for a in words if len(a) >= 4) for w in said) >= SAID_WORDS


SAID_WORDS, FLAG_WORDS_DF = 2, 2


@lru_cache(maxsize=16)
def comment_words(flags: Citation) -> tuple[frozenset[str], ...]:
    """The words of the comment on each field of ``internal/goexperiment.Flags`` (``flags``), in order: read once
    per release's Flags, not once per experiment whose default changed."""
    return tuple(frozenset(identifier_tokens(m)) for n in flag_names(flags) if (m := meaning(flags, n)))


def defaults_block(
    index: GuideIndex,
    sources: Sequence[Citation],
    old: str,
    new: str,
    first_n: int,
    lang: Lang,
    asked: str = "",
    tags: Sequence[str] = (),
    every: bool = False,
) -> tuple[str, list[Citation]]:
    """The block of the experiments whose default changed between ``old`` and ``new`` and that the code of
    ``sources`` (the comparison's definitions) names (``every``: all of them, for an overview), and the citations it
    adds (numbered from ``first_n``); ("", []) when there is none. First, those the question (``asked``) names, at
    each of its releases (``tags``, else the two): whether it changed or not (``named_experiments``)."""
    named, named_cited = experiments_block(index, asked, tags or (old, new), first_n, lang) if asked else ("", [])
    first_n += len(named_cited)
    every = every or (not named and asks_experiments(asked))  # "Which GOEXPERIMENT defaults changed ...?": all
    pairs = list(pairwise(tags)) if len(tags) > 2 else [(old, new)]  # each two releases in a row: an experiment
    found = {c.name: c for a, b in reversed(pairs) for c in changed_defaults(index, a, b)}  # on, then gone (tracer)
    changes = [
        c for c in found.values()
        if (every or on_topic(c, sources, asked)) and c.name not in named_in(asked, [c.name])
    ]  # fmt: skip
    if not changes:
        return named, named_cited
    added: dict[tuple[str, str, int], Citation] = {}

    def n(c: Citation) -> int:
        if c.key not in added:
            added[c.key] = c.numbered(first_n + len(added))
        return added[c.key].n

    lines = [f"**{lang.text('defaults_changed_all' if every else 'defaults_changed', old=old, new=new)}**"]
    for c in changes:
        on = f"{lang.text('default_on', tag=c.on)} [{n(c.parser)}]"  # numbered first: where the default is set
        off = lang.text("default_off" if c.known_off else "default_none", tag=c.off)
        said = f" — “{c.meaning}” [{n(c.flags)}]" if c.flags is not None and c.meaning else ""
        lines.append(f"- `{c.name}`: {lang.listed([on, off], items_with_commas=True)}{said}")
    return "\n\n".join(p for p in (named, "\n".join(lines)) if p), [*named_cited, *added.values()]


ASKS_EXPERIMENTS = re.compile(
    r"(?i)\bgo ?experiments?\b|\bexperiments?'?s?\s+defaults?\b|\bdefault\s+experiments\b"
    r"|实验(?:特性|功能|开关)|哪些实验"
)
"""A comparison asking about the experiments themselves, none named: "Which GOEXPERIMENT defaults changed between
go1.25 and go1.26?", "Did any experiments' defaults change?", "go1.22 和 go1.23 之间哪些实验特性的默认值变了？"; not
the asker's own experiments ("We ran some experiments in production: how did the scheduler change ...?", review)
(trial 108: the first had compared
internal/goexperiment's package doc, "unchanged: identical text", and said no experiment, while Green Tea was turned
on by default at go1.26). Not one experiment ("the loop variable experiment", 循环变量的实验): its topic's."""


def asks_experiments(text: str) -> bool:
    """Whether ``text`` asks about the GOEXPERIMENTs as such (``ASKS_EXPERIMENTS``)."""
    return ASKS_EXPERIMENTS.search(text) is not None


def changes_between(tags: Sequence[str]) -> tuple[str, str] | None:
    """The two ends of a comparison's releases."""
    return (tags[0], tags[-1]) if len(tags) >= 2 and tags[0] != tags[-1] else None


__all__ = ["ASKS_EXPERIMENTS", "asks_experiments", "changes_between", "defaults_block", "on_topic"]
