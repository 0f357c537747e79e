"""Whether an experiment a question names is on by default at each release it asks about, read from each release's
own ``internal/buildcfg.ParseGOEXPERIMENT`` (``guide.history.experiments``): "Is GOEXPERIMENT GreenTeaGC enabled by
default in go1.25 and go1.26?" had compared the package doc of internal/goexperiment ("unchanged: identical text",
trial 76), while go1.26.6's baseline sets ``GreenTeaGC: true`` and go1.25.5's does not. An experiment is named by its
flag ("GreenTeaGC", "swissmap") or by the words of its flag's name ("Green Tea", "Swiss map": at least two of them, in
order, from the first), as a field of ``internal/goexperiment.Flags`` at one of those releases."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from guide.citation import Citation
from guide.history.experiments import FLAGS, PARSER, definition_at, experiments_on, flag_names, meaning

if TYPE_CHECKING:
    from guide.index import GuideIndex
    from guide.language import Lang

_PART = re.compile(r"[A-Z]+(?![a-z])\d*|[A-Z][a-z]+\d*|\d+")


def _words(name: str) -> list[str]:
    """A flag's name in words: "GreenTeaGC" -> green, tea, gc; "ExecTracer2" -> exec, tracer2."""
    return [p.lower() for p in _PART.findall(name)]


def named_in(text: str, names: Sequence[str]) -> list[str]:
    """The experiments of ``names`` that ``text`` names, in the order it names them (see the module doc)."""
    low = text.lower()
    found: list[tuple[int, str]] = []
    for name in names:
        m = re.search(rf"(?<![\w.]){re.escape(name.lower())}(?!\w)", low)
        words = _words(name)
        if m is None and len(words) >= 2:
            m = re.search(r"(?<!\w)" + r"[\s_-]*".join(re.escape(w) for w in words[:2]) + r"(?!\w)", low)
        if m is not None:
            found.append((m.start(), name))
    return [n for _, n in sorted(found)]


def experiments_block(
    index: GuideIndex, text: str, tags: Sequence[str], first_n: int, lang: Lang
) -> tuple[str, list[Citation]]:
    """For each experiment ``text`` names (see the module doc), whether each release of ``tags`` turns it on by
    default (linux/amd64), each said with the release's ParseGOEXPERIMENT cited, and what it is in its flag's
    comment; and the citations (numbered from ``first_n``). ("", []) when it names none."""
    parsers = {t: p for t in tags if (p := definition_at(index, PARSER, t)) is not None}
    flags = {t: f for t in tags if (f := definition_at(index, FLAGS, t)) is not None}
    fields = {t: set(flag_names(f)) for t, f in flags.items()}
    latest = definition_at(index, FLAGS, index.releases[-1]) if index.releases else None  # names a release may lack
    every = sorted(set().union(*fields.values(), flag_names(latest) if latest is not None else ()))
    asked = named_in(text, every)
    if not asked or not parsers:
        return "", []
    last = index.releases[-1]
    if last not in tags and any(all(a not in fields.get(t, set()) for t in tags) for a in asked):
        # none of the releases asked about has it: said beside the newest, which does ("Is the Green Tea GC on by
        # default in go1.21?": not among go1.21.13's experiments; on by default at go1.27.3)
        return experiments_block(index, text, [*tags, last], first_n, lang)
    added: dict[tuple[str, str, int], Citation] = {}

    def n(c: Citation) -> int:
        if c.key not in added:
            added[c.key] = c.numbered(first_n + len(added))
        return added[c.key].n

    lines = []
    for name in asked:
        states: list[tuple[str, str, list[Citation]]] = []  # per release: its state and what says it
        for tag in tags:
            if tag not in parsers:
                continue
            if name not in fields.get(tag, set()):  # no such flag at that release: its Flags cited, which lack it
                states.append((tag, "default_none", [c for c in [flags.get(tag)] if c is not None]))
                continue
            on = name.lower() in experiments_on(index, tag)  # its baseline on linux/amd64, read once per release
            # on: the baseline that sets it; off: the flag declared at that release and the baseline without it
            states.append(
                (tag, "default_on" if on else "default_off", [parsers[tag]] if on else [flags[tag], parsers[tag]])
            )
        said = []
        for run in _runs(states):  # three releases alike or more in a row: one item, its first and last cited
            (first, key, cites), (last, _, last_cites) = run[0], run[-1]
            tag = first if len(run) == 1 else f"{first} … {last}" if len(run) > 2 else lang.listed([first, last])
            shown = cites if len(run) == 1 else [*cites, *last_cites]
            said.append(lang.text(key, tag=tag) + "".join(f" [{n(c)}]" for c in dict.fromkeys(shown)))
        newest = next((flags[t] for t in reversed(tags) if t in flags and name in fields[t]), None)
        what = meaning(newest, name) if newest is not None else ""
        about = f" — “{what}” [{n(newest)}]" if what and newest is not None else ""
        lines.append(f"- `{name}`: {lang.listed(said, items_with_commas=True)}{about}")
    head = lang.text("experiments_named")
    return "\n".join([f"**{head}**", *lines]), list(added.values())


def _runs(states: list[tuple[str, str, list[Citation]]]) -> list[list[tuple[str, str, list[Citation]]]]:
    """``states`` in runs of consecutive releases in one state ("not among the experiments of go1.19.8 … go1.24.11")."""
    runs: list[list[tuple[str, str, list[Citation]]]] = []
    for state in states:
        if runs and runs[-1][-1][1] == state[1]:
            runs[-1].append(state)
        else:
            runs.append([state])
    return runs


__all__ = ["experiments_block", "named_in"]
