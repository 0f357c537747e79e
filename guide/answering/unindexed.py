"""What the index does not hold that an answer must say first: the releases between those a "which release changed
it?" question compares, and a Go package the question names that Go has at the release asked about but the index
does not read, with how to index it. "context.Context 的取消是怎么传播的？" had been answered with the compiler's
`types2.Context` and cgo's context argument, and no word that the context package is not in the corpus (trial 26).

A package is named by an import path (``net/http``), a qualified name that no indexed package defines
(``context.Context``; ``debug.SetGCPercent`` is runtime/debug's, indexed), or "the reflect package"; it is Go's when a
directory of Go's source tree at that release in git ends in its path (the shortest: ``src/net/http``, not a vendored
copy), and unread when no indexed file is under that directory."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from guide.history.packages import package_move
from guide.release_gaps import first_tag, skipped_minors
from guide.words import FILE_NAME
from ingest.targets import version_key

if TYPE_CHECKING:
    from guide.index import GuideIndex
    from guide.language import Lang
    from guide.query import Query

_SKIPPED = ("/vendor/", "/testdata/")
"""Copies of a package that are not it (vendored modules, test data)."""


def _go_dir(index: GuideIndex, package: str, tag: str) -> str | None:
    """The directory of Go's source tree at ``tag`` that holds ``package``: ``src/<package>``, else the shortest
    directory ending in ``/<package>`` that is no vendored or test copy; None when Go has none."""
    dirs = index.source_dirs(tag)
    if f"src/{package}" in dirs:
        return f"src/{package}"
    found = [d for d in dirs if d.endswith(f"/{package}") and not any(s in f"{d}/" for s in _SKIPPED)]
    return min(found, key=lambda d: (d.count("/"), d)) if found else None


def unindexed_packages(index: GuideIndex, query: Query, tag: str) -> list[tuple[str, str]]:
    """(package, its directory) for each package ``query`` names that Go has at ``tag`` and the index does not read;
    a qualified name an indexed package defines names an indexed package."""
    defined = {
        c.text.rsplit(".", 1)[0] for c in query.identifiers if "." in c.text and index.reader.lookup(c.text, limit=1)
    }
    paths = index.reader.paths("go")
    out: list[tuple[str, str]] = []
    for package in query.packages:
        if package in defined or _only_asserted(query.text, package) or (where := _go_dir(index, package, tag)) is None:
            continue
        if not any(p.startswith(f"{where}/") for p in paths):
            out.append((package, where))
    return out


_ASSERTED = re.compile(r"\.\(\s*\*?([a-z][a-z0-9]*)\.[A-Z]\w*\s*\)")
"""A type assertion's type qualified by its package (``x.(io.Reader)``, ``v.(*os.PathError)``)."""


def _only_asserted(text: str, package: str) -> bool:
    """Whether every mention of ``package`` in ``text`` is the package of a type assertion's type: an example of a
    type in a question on type assertions, not its subject (trial 105: "类型断言 x.(io.Reader) 在运行时要做什么？"
    opened with how to add src/io to the index)."""
    asserted = sum(1 for m in _ASSERTED.finditer(text) if m.group(1) == package)
    return asserted > 0 and asserted == len(re.findall(rf"(?<![\w/.]){re.escape(package)}\.", text))


_QUALIFIED = re.compile(r"(?<![\w/.])([a-z][a-z0-9]*)\.[A-Z]\w*")
"""An exported name qualified by its package, as code outside Go writes it (``gin.Context``)."""
FOREIGN_DF = 10
"""A qualifier that more chunks than this use is the Go code's own word (``ctx``, ``wg``, ``mu``: variables), not
another module's package."""


def foreign_packages(index: GuideIndex, query: Query, tag: str) -> list[str]:
    """The packages the question qualifies an exported name with that are not Go's: no directory of Go's source tree
    at ``tag`` is theirs, no definition of the index has their name, and the index's code hardly uses the word
    (``FOREIGN_DF``): a third-party module's (``gin.Context``; trial 74: "gin.Context 是怎么用 sync.Pool 复用的？…
    安全吗？" opened with sync.Pool's "A Pool is safe for use by multiple goroutines simultaneously." and no word that
    gin is not Go's code)."""
    named = list(dict.fromkeys(m.group(1) for m in _QUALIFIED.finditer(query.text)))
    named = [p for p in named if _go_dir(index, p, tag) is None]
    if not named:
        return []
    df, known = index.reader.doc_freq(named), index.reader.known_names(named)
    return [p for p in named if df.get(p, 0) <= FOREIGN_DF and p not in known]


def of_unread_packages(index: GuideIndex, query: Query, tag: str, names: Sequence[str]) -> set[str]:
    """Of ``names`` (code words no indexed release defines), those of a package the question names that the index
    does not read (``unindexed_packages``, said first): a name it qualifies (``http.HandlerFunc.ServeHTTP``,
    ``net/http.(*conn).serve``), or a file written under its path (``net/http/server.go``). Their absence says
    nothing of the package: a pasted crash log's frames had each been "not defined in any indexed release", with
    "similar names" from the runtime (trial 73). A name of package main is the asker's own program's
    (``main.(*Server).handle``, trial 75), which no index of Go holds."""
    if not names:  # most questions: nothing to look up
        return set()
    unread = [p for p, _ in unindexed_packages(index, query, tag)] + foreign_packages(index, query, tag)

    def of_unread(name: str) -> bool:
        if FILE_NAME.fullmatch(name):
            return any(f"{p}/{name}" in query.search_text for p in unread)  # the thread's paste too
        head, _, tail = name.rpartition("/")
        package = f"{head}/{tail.split('.', 1)[0]}" if head else tail.split(".", 1)[0]
        return "." in tail and (package == "main" or any(p == package or p.endswith(f"/{package}") for p in unread))

    return {n for n in names if of_unread(n)}


def unindexed_leads(index: GuideIndex, query: Query, tags: list[str], lang: Lang) -> list[str]:
    """The lines said before the answer: for a question that asks which release changed something ("哪个版本改的？",
    or "Did the GC change in go1.27?", compared with the indexed release before it), that it can only be told among
    the indexed releases when releases between ``tags`` are not indexed; and for each package the question names
    and the index does not read (at the newest of ``tags``), that what follows comes from the code that is."""
    if not tags:
        return []
    skipped = _skipped(index, query, tags)
    out: list[str] = []
    if skipped:  # named (the command that indexes them too is said last: ``between_command``)
        out.append(lang.text("releases_between", tags=lang.listed(tags), skipped=lang.listed(skipped)))
    out += [
        lang.text("package_not_indexed", package=package, path=where, tag=tags[-1])
        for package, where in unindexed_packages(index, query, tags[-1])
    ]
    out += [lang.text("package_not_go", package=p, tag=tags[-1]) for p in foreign_packages(index, query, tags[-1])]
    # a package named by a path it no longer has: where it went, and between which indexed releases (trial 35:
    # "runtime/internal/atomic 后来去哪了？" quoted HACKING.md's "its own atomics package at internal/runtime/atomic"
    # and never said when it moved)
    moves = [m for m in (package_move(index, p, tags[-1]) for p in query.packages) if m is not None]
    return out + [
        lang.text("package_moved_since", package=m.old, new=m.new, last=m.last_old, first=m.first_new, tag=tags[-1])
        for m in moves
    ]


def _skipped(index: GuideIndex, query: Query, tags: list[str]) -> list[str]:
    """The releases between ``tags`` that are not indexed, when the question asks which release changed something."""
    one = query.asks_change and query.previous is None and len(set(query.versions)) == 1 and len(tags) == 2
    return skipped_minors(tags, index.releases) if query.asks_when_changed or one else []


def between_command(index: GuideIndex, query: Query, tags: list[str], lang: Lang) -> str:
    """How to index the releases between ``tags`` that are not indexed (``_skipped``), under its head for whoever
    runs the guide, as for a release asked that is not indexed (``index_command``; trial 87: said inline in the first
    lines of every comparison, it read as standing between the reader and the answer); "" when none is skipped."""
    skipped = _skipped(index, query, tags) if tags else []
    every = " ".join(sorted({*index.releases, *map(first_tag, skipped)}, key=version_key))
    return index_command(lang, skipped, every, "not_indexed") if skipped else ""


COMMANDED = frozenset({"not_indexed", "not_indexed_since", "not_indexed_now", "not_indexed_now_among"})
"""The notices of a release that is not indexed (``guide.texts`` keys) under which its indexing command is given."""


def index_command(lang: Lang, missing: Sequence[str], tags: str, notice: str) -> str:
    """How to index the ``missing`` releases beside those indexed (``tags``, as the sync is to list them), under its
    head for whoever runs the guide (the chat folds it: trials 79, 81, 83 and 84 read it as standing between them and
    the answer); "" for a ``notice`` that gives none (``COMMANDED``)."""
    if notice not in COMMANDED:
        return ""
    said = {"missing": lang.listed(missing), "tags": tags}
    return f"{lang.text('index_command_head', **said)}\n{lang.text('index_command', **said)}"


__all__ = [
    "COMMANDED",
    "FOREIGN_DF",
    "between_command",
    "foreign_packages",
    "index_command",
    "of_unread_packages",
    "unindexed_leads",
    "unindexed_packages",
]
