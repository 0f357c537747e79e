"""Which indexed Go releases a question is about.

``find_versions(text)`` finds the Go versions a question names ("Go 1.22", "go1.22", "Go1.22.10", "golang 1.22",
"1.22.10", "1.22版本", "between go1.21 and 1.27"); the question model (``guide.query``) is its only caller.
``resolve(releases, mentioned, given=...)`` maps them (or the versions a caller gives) to indexed tags: a minor
version (``1.22``) means the newest indexed patch release of that minor; a full patch version (``1.22.10``) must be
indexed exactly. A version that is not indexed is reported in ``missing`` with a
``message`` naming the indexed releases (and the nearest one) — it is never silently replaced by another release.
With no version at all, the scope is the newest indexed release.

What counts as a version (to keep "1.5 MB", "2.0x" or "chan.go:33" out): a ``go``/``Go``/``golang`` prefix
followed by ``1.N`` or ``1.N.P``; a bare ``1.N.P``; a bare two-digit ``1.NN`` before 的, 里 or 中 ("1.27
的编译器"); a bare ``1.N`` only when "version"/"release"/"版本" is next to it, when it continues a list/range
started by a prefixed version ("go1.21 and 1.27", "Go 1.21 到 1.27"), or when two or more are listed in a
question that asks what differs or names Go or a release ("1.21 和 1.22 有什么不同？"), none of them with a unit
or an amount's word after it or a factor's before the list ("1.2 and 1.5 ms", "a factor of 1.25 or 1.5"
are numbers); a list item with such a word after it ends a prefixed list too ("Go 1.21，1.25 倍"). The major
version is 1, or 2 after a prefix ("Go 2.0"); any minor counts, so "go1.99.0" and "Go 2.0" are named — and
answered as not indexed — rather than dropped.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ingest.targets import version_key

if TYPE_CHECKING:
    from guide.index import GuideIndex

log = logging.getLogger(__name__)

MAX_MINOR = 99
"""Any two-digit minor is a version: a release beyond the newest indexed one is "not indexed", never dropped."""
MAJORS = (1, 2)
"""Go 1, and "Go 2.0" (after a go/golang prefix only): named so that it gets "not indexed"."""

_NUM = r"(?P<maj>[12])\.(?P<min>\d{1,2})(?:\.(?P<patch>\d{1,3}))?(?P<pre>(?:rc|beta)\d+)?"
# "go"/"golang" not glued to a preceding word, path or file name (so "chan.go 1.2" or "ago 1.5" do not count).
_PREFIXED = re.compile(rf"(?<![\w./\-])(?:golang|go)[ \t]*(?:version[ \t]*)?{_NUM}", re.IGNORECASE)
_ONE = r"(?P<maj>1)\.(?P<min>\d{1,2})(?:\.(?P<patch>\d{1,3}))?"
"""A Go 1 version without a prefix: "1.21", "1.21.13"."""
_BARE_PATCH = re.compile(r"(?<![\w.])(?P<maj>1)\.(?P<min>\d{1,2})\.(?P<patch>\d{1,3})")
_BARE_NAMED = re.compile(
    rf"(?:(?<![\w])(?:version|release|版本)[ \t]*{_ONE})"
    r"|(?:(?<![\w.])(?P<maj2>1)\.(?P<min2>\d{1,2})(?:\.(?P<patch2>\d{1,3}))?[ \t]*(?:版本|版))",
    re.IGNORECASE,
)
_BARE_OF = re.compile(
    r"(?<![\w.])(?P<maj>1)\.(?P<min>[1-3]\d)(?:\.(?P<patch>\d{1,3}))?"
    r"(?=[ \t]*(?:的|里|中)(?![ \t]*(?:倍|比例|系数|概率|比率|因子)))"
)
"""A bare two-digit release before 的, 里 or 中 ("1.27 的编译器", "1.21 里"), as Chinese questions write it (read as
the words "1" and "27" before); not before a factor's word ("1.25 的倍数")."""
_BARE_WHEN = re.compile(
    r"(?:(?<=since )|(?<=Since )|(?<=compared to )|(?<=compared with )|(?<=back in ))(?P<maj>1)\.(?P<min>\d{1,2})\b"
    r"(?!\.\d)|(?<![\w.=])(?P<maj2>1)\.(?P<min2>\d{1,2})"
    r"(?=[ \t]*(?:的时候|时候|那时|以来|以前|之前|相比|比(?![例率重])|(?:到|至)(?:现在|如今|今天|今|最新)))"
)
"""A bare release said as a time or set against now: "我记得 1.9 的时候入口是 rt0_go", "和 1.9 比有什么变化？", "since
1.9" (trial 101: the post's own release, read as no release at all), "从 1.9 到现在" (trial 110)."""
_REACHED = re.compile(r"(?:到|为|成|是|过|于|设|达)[ \t]*$")
"""Before a number, what makes it an amount reached ("栈增长到 1.5 的时候"), not a release."""
_SEPARATOR = r"[ \t]*(?:,|，|、|/|&|and|or|to|vs\.?|versus|through|->|→|-|–|和|与|到|至|跟|或)[ \t]*"
_CONTINUE = re.compile(rf"{_SEPARATOR}(?:(?:golang|go)[ \t]*)?{_ONE}", re.IGNORECASE)
_BARE_MINOR = re.compile(rf"(?<![\w.]){_ONE}")
"""A bare "1.21": a release only when another follows it in a list ("1.21 和 1.22"; "1.21, 1.22 and 1.23")."""
AMOUNT = re.compile(
    r"[ \t]*(?:x\b|×|times\b|倍|%|percent\b|[kmgt]i?b\b|bytes?\b|[mnuµ]?s\b|sec(?:ond)?s?\b|min(?:ute)?s?\b"
    r"|hours?\b|秒|毫秒|微秒|纳秒|字节|兆|分钟)",
    re.IGNORECASE,
)
"""After a number, what makes it an amount ("1.25 or 1.5 times", "1.25 或 1.5 倍", "1.2 and 1.5 ms", "1.5 GB")."""
_FACTOR = re.compile(
    r"\b(?:factors?|ratios?|multipliers?|sections?|chapters?)\s+(?:of\s+)?$"
    r"|(?:因子|倍数|比例|系数|第)\s*$",
    re.IGNORECASE,
)
"""Before a bare list, what makes its numbers other things than releases ("a factor of 1.25 or 1.5", "sections 1.1
and 1.2")."""
_RELEASE_CONTEXT = re.compile(
    r"\b(?:go|golang|releases?|versions?|changed?|changes|differ\w*|compare\w*|evolv\w*|upgrad\w*)\b"
    r"|版本|变化|改变|变了|区别|不同|比较|演变|演进|升级|语义",
    re.IGNORECASE,
)
"""A question that names Go or a release, or asks what differs or changed: bare numbers listed in it are releases."""
_END_OK = re.compile(r"(?![0-9]|\.[0-9]|[A-Za-z_])")  # after a number: no more digits, no unit ("1.5x", "1.22ms")
_ALL = re.compile(
    r"(?i)\b(?:all|every|each|both|the two)\s+(?:indexed\s+)?(?:go\s+)?(?:versions?|releases?)\b"
    r"|所有版本|各个?版本|两个?(?:版本|发行版)"
    r"|\b(?:oldest|earliest)\s+(?:indexed\s+)?(?:go\s+)?(?:versions?|releases?)\b[^.?!]{0,60}?\b(?:newest|latest)\b"
    r"|\b(?:oldest|earliest)\s+(?:and|to)\s+(?:the\s+)?(?:newest|latest)\s+(?:go\s+)?(?:versions?|releases?)\b"
    r"|最早的?(?:go\s*)?版本[^。？！?]{0,20}最新|最早[^。？！?]{0,20}最新的?(?:go\s*)?版本"
)
"""Every indexed release in words; "both releases", "两个版本" too (trial 98: answered at the newest alone); from
the oldest release to the newest ("between the oldest release you have and the newest one", "the oldest and the
newest release", "从最早的版本到最新", trial 107: "the newest" alone was read, and nothing was found to compare at one
release); not the oldest and the newest of anything else ("the oldest goroutine or the newest?", review)."""


@dataclass(frozen=True)
class VersionScope:
    """The releases to search. ``tags`` are indexed Go tags in release order (oldest first), the same order as
    ``GuideIndex.releases``; empty only when every version asked for is missing. ``mentioned`` holds the versions
    named (normalised: ``go1.22``, ``go1.22.10``), ``missing`` those not indexed, ``message`` explains them."""

    tags: list[str]
    mentioned: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    explicit: bool = False
    message: str | None = None

    @property
    def newest(self) -> str | None:
        return self.tags[-1] if self.tags else None


@dataclass(frozen=True)
class _Mention:
    major: int
    minor: int
    patch: int | None
    pre: str | None = None

    @property
    def name(self) -> str:
        """Go's tag spelling: go1.22, go1.22.10, go1.21.0, go1.22rc1."""
        if self.pre:
            return f"go{self.major}.{self.minor}{self.pre.lower()}"
        if self.patch is None:
            return f"go{self.major}.{self.minor}"
        if self.patch == 0 and self.minor < 21:  # before 1.21, x.y.0 was tagged go1.y
            return f"go{self.major}.{self.minor}"
        return f"go{self.major}.{self.minor}.{self.patch}"


def _mention(maj: str | None, mnr: str | None, patch: str | None, pre: str | None = None) -> _Mention | None:
    if maj is None or mnr is None:
        return None
    m = _Mention(int(maj), int(mnr), int(patch) if patch is not None else None, pre)
    if m.major not in MAJORS or m.minor > MAX_MINOR:
        return None
    return m


def _ends_ok(text: str, end: int) -> bool:
    return bool(_END_OK.match(text, end))


def find_versions(text: str) -> list[str]:
    """Go version names mentioned in ``text`` (normalised, in order of appearance, without duplicates)."""
    return list(dict.fromkeys(m.name for _, _, m in _mentions(text)))


def without_versions(text: str) -> str:
    """``text`` with its Go version mentions blanked out (what a question is about, apart from when)."""
    for start, end, _ in reversed(_mentions(text)):
        head = re.sub(r"\b(?:go|golang)\s*$", "", text[:start], flags=re.IGNORECASE)
        text = f"{head} {text[end:]}"
    return text


def _mentions(text: str) -> list[tuple[int, int, _Mention]]:
    """The Go version mentions of ``text``: (start, end, mention), in order of appearance."""
    found: list[tuple[int, int, _Mention]] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, m: _Mention | None) -> bool:
        if m is None or any(s < end and start < e for s, e in taken):
            return False
        taken.append((start, end))
        found.append((start, end, m))
        return True

    for mt in _PREFIXED.finditer(text):
        if not _ends_ok(text, mt.end()):
            continue
        if add(mt.start(), mt.end(), _mention(mt["maj"], mt["min"], mt["patch"], mt["pre"])):
            pos = mt.end()
            while (c := _CONTINUE.match(text, pos)) and _ends_ok(text, c.end()) and not AMOUNT.match(text, c.end()):
                if not add(c.start("maj"), c.end(), _mention(c["maj"], c["min"], c["patch"])):
                    break
                pos = c.end()
    for mt in _BARE_NAMED.finditer(text):
        if mt["maj"] is not None:
            if _ends_ok(text, mt.end()):
                add(mt.start("maj"), mt.end(), _mention(mt["maj"], mt["min"], mt["patch"]))
        else:
            add(mt.start("maj2"), mt.end(), _mention(mt["maj2"], mt["min2"], mt["patch2"]))
    for mt in _BARE_OF.finditer(text):
        add(mt.start(), mt.end(), _mention(mt["maj"], mt["min"], mt["patch"]))
    for mt in _BARE_WHEN.finditer(text):  # not an amount reached, "栈增长到 1.5 的时候", nor a factor's value
        before = text[max(0, mt.start() - 30) : mt.start()]
        if not AMOUNT.match(text, mt.end()) and not _REACHED.search(before) and not _FACTOR.search(before):
            add(mt.start(), mt.end(), _mention(mt["maj"] or mt["maj2"], mt["min"] or mt["min2"], None))
    for mt in _BARE_MINOR.finditer(text) if _RELEASE_CONTEXT.search(text) else ():  # "1.21 和 1.22 有什么不同？"
        chain, pos = [mt], mt.end()
        while c := _CONTINUE.match(text, pos):
            chain.append(c)
            pos = c.end()
        ends = [m.end() for m in chain]
        if len(chain) < 2 or _FACTOR.search(text[max(0, mt.start() - 30) : mt.start()]):
            continue
        if any(not _ends_ok(text, e) or AMOUNT.match(text, e) for e in ends):
            continue  # "1.2 and 1.5 ms", "1.2, 1.5 and 1.8ms": amounts
        for c in chain:
            add(c.start("maj"), c.end(), _mention(c["maj"], c["min"], c["patch"]))
    for mt in _BARE_PATCH.finditer(text):
        if _ends_ok(text, mt.end()):
            add(mt.start(), mt.end(), _mention(mt["maj"], mt["min"], mt["patch"]))
    found.sort(key=lambda x: x[0])
    return found


def _parse_given(value: str) -> _Mention | None:
    v = value.strip()
    m = re.fullmatch(r"(?:go|golang)?\s*" + _NUM, v, re.IGNORECASE)
    return _mention(m["maj"], m["min"], m["patch"], m["pre"]) if m else None


def _minor_of(tag: str) -> tuple[int, int] | None:
    m = re.fullmatch(r"go(\d+)\.(\d+)(?:\.\d+)?", tag)
    return (int(m[1]), int(m[2])) if m else None


_CAME_BEFORE = re.compile(  # "since Go 1.23", "从 Go 1.22 起"
    r"(?:\b(?:since|from|as of|starting (?:with|in|from)|beginning (?:with|in)|(?:introduced|added|changed|new) in)"
    r"|[从自])\s*(?:golang|go)?\s*$", re.IGNORECASE
)  # fmt: skip
_CAME_AFTER = re.compile(
    r"^\s*(?:(?:has |had )?(?:changed|introduced|added|made|switched|replaced|moved|brought|turned)\b|"
    r"(?:版本)?\s*(?:起|开始|以后|之后|以来|把|将|引入|新增|加入|改))",
    re.IGNORECASE,
)


def came_in(text: str) -> list[str]:
    """The versions ``text`` says something came in or changed at, or holds since ("Go 1.22 changed loop variables",
    "since Go 1.23", "Go 1.22 把 for 循环变量改成…", "从 Go 1.22 起"): what it asks about is there from that release
    on, so a release that is not indexed is read at the nearest indexed one at or after it (trial 90: a question on
    how the compiler implements Go 1.22's per-iteration loop variables was answered at go1.21.13, before it)."""
    return [
        m.name for start, end, m in _mentions(text)
        if _CAME_BEFORE.search(text[max(0, start - 30) : start]) or _CAME_AFTER.match(text[end : end + 20])
    ]  # fmt: skip


def nearest_release(name: str, releases: Sequence[str], on_or_after: bool = False) -> str | None:
    """The indexed release nearest to version ``name`` (``go1.9.2`` -> ``go1.21.13``), None when it is no version;
    ``on_or_after``: the oldest indexed release at or after it when there is one (``came_in``)."""
    if on_or_after and re.fullmatch(r"go1\.\d+(?:\.\d+)?", name):
        later = [t for t in releases if version_key(t) >= version_key(name)]
        if later:
            return min(later, key=version_key)
    return _nearest(name, list(releases))


def _nearest(name: str, releases: list[str]) -> str | None:
    m = re.fullmatch(r"go(\d+)\.(\d+)(?:\.(\d+))?.*", name)
    if not m or not releases:
        return None
    want = (int(m[1]), int(m[2]), int(m[3] or 0))
    if want[0] != 1:  # another major version ("Go 2.0"): the nearest is the newest or the oldest release
        ordered = sorted(releases, key=version_key)
        return ordered[-1] if want[0] > 1 else ordered[0]

    def dist(tag: str) -> tuple[int, int]:
        k = version_key(tag)
        return (abs(k[1] - want[1]) + 1000 * abs(k[0] - want[0]), abs(k[2] - want[2]))

    return min(releases, key=dist)


def _match(name: str, releases: list[str]) -> str | None:
    """The indexed tag for a version name: exact for patch versions, newest patch for a minor version."""
    if name in releases:
        return name
    m = re.fullmatch(r"go(\d+)\.(\d+)", name)
    if m:
        want = (int(m[1]), int(m[2]))
        same = [t for t in releases if _minor_of(t) == want]
        if same:
            return max(same, key=version_key)
    return None


def _display(name: str) -> str:
    return "Go " + name.removeprefix("go")


def says_all_releases(text: str) -> bool:
    """ "in every release", "all versions", "所有版本"."""
    return bool(_ALL.search(text))


def resolve(
    releases: list[str],
    mentioned: Sequence[str],
    *,
    given: Sequence[str] | None = None,
    all_releases: bool = False,
    latest: bool = False,
) -> VersionScope:
    """The indexed releases meant by version names ``mentioned`` in a question, or ``given`` by the caller (tags
    or "1.22"-style; they override the question)."""
    releases = sorted(releases, key=version_key)
    if not releases:
        return VersionScope(tags=[], message="no Go release is indexed yet")
    indexed = ", ".join(releases)
    bad: list[str] = []
    names: list[str] = []
    if given:
        for v in given:
            if v.strip().lower() in ("latest", "newest"):
                names.append(releases[-1])
                continue
            m = _parse_given(v)
            if m is None:
                bad.append(v)
            else:
                names.append(m.name)
        names = list(dict.fromkeys(names))
    else:
        names = list(mentioned)
        if not names:
            if all_releases:
                return VersionScope(tags=releases, explicit=True)
            return VersionScope(tags=[releases[-1]], explicit=latest)
    tags: list[str] = []
    missing: list[str] = []
    notes: list[str] = []
    for name in names:
        tag = _match(name, releases)
        if tag is not None:
            tags.append(tag)
            continue
        missing.append(name)
        near = _nearest(name, releases)
        extra = f" (nearest indexed: {near})" if near else ""
        notes.append(f"{_display(name)} is not indexed{extra}")
    for v in bad:
        missing.append(v)
        notes.append(f"{v!r} is not a Go version")
    message = f"{'; '.join(notes)}; indexed releases: {indexed}" if notes else None
    if message:
        log.info("versions: %s", message)
    if latest and not given:
        tags.append(releases[-1])
    tags = sorted(set(tags), key=version_key)
    return VersionScope(tags=tags, mentioned=names, missing=missing, explicit=True, message=message)


class ReleaseError(ValueError):
    """A version that is not an indexed Go release; the message names the indexed releases."""


def releases_before(releases: Sequence[str], first: str, since: str) -> str:
    """The indexed releases from ``since`` up to the one before ``first`` (both in ``releases``, oldest first), as
    a name says it was not defined there: ``go1.21.13``, or ``go1.21.13 … go1.23.1`` for several. Releases that are
    not indexed are not named: nothing was read of them."""
    span = releases[releases.index(since) : releases.index(first)] if since in releases and first in releases else []
    span = span or [since]
    return span[0] if len(span) == 1 else f"{span[0]} … {span[-1]}"


def resolve_release(index: GuideIndex, version: str) -> str:
    """The indexed tag meant by ``version`` (exact tag, ``1.21``/``go1.21`` -> newest indexed patch, ``latest``)."""
    v = version.strip()
    if v in index.releases:
        return v
    scope = resolve(index.releases, [], given=[v])
    if len(scope.tags) == 1 and not scope.missing:
        return scope.tags[0]
    raise ReleaseError(scope.message or f"{version!r} is not an indexed release ({', '.join(index.releases)})")


__all__ = [
    "AMOUNT",
    "ReleaseError",
    "VersionScope",
    "came_in",
    "find_versions",
    "nearest_release",
    "releases_before",
    "resolve",
    "resolve_release",
    "says_all_releases",
]
