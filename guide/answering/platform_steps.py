"""A tour read on another platform than the one asked about: the tours follow linux/amd64 (the post's platform), so a
question asked for another ("what about arm64?", "在 arm64 上呢？", "arm64 上 Go 程序的入口在哪里？") gets, before the
tour, where its steps that are built for one platform are at the asked one. A step's counterpart is the same name in
a file built for the asked platform (``runtime.rt0_go`` in asm_arm64.s for the one in asm_amd64.s) or, for a name
that says its platform, the name with the platform's words swapped (``_rt0_amd64_linux`` -> ``_rt0_arm64_linux``),
found through the symbol table at the tour's release and cited like any source (trial 36: "what about arm64?"
after the program-start tour said "the sources found say nothing more" and left the arm64 rt0_go in "See also")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from guide.answering.quotable import for_other_platform
from guide.citation import Citation, cite_definition
from guide.definitions import platform_penalty
from ingest.buildtags import goos_goarch_from_filename

if TYPE_CHECKING:
    from guide.answering.tour import TourInAnswer
    from guide.index import GuideIndex
    from guide.language import Lang
    from ingest.symbols import Definition


def swapped(name: str, path: str, platform: tuple[str, str]) -> str:
    """``name`` with the words of the platform its file is built for (``path``) replaced by ``platform``'s
    (``_rt0_amd64_linux`` in rt0_linux_amd64.s, asked for linux/arm64: ``_rt0_arm64_linux``); ``name`` itself when
    it says no platform."""
    goos, goarch = goos_goarch_from_filename(path)
    out = name
    for have, want in ((goarch, platform[1]), (goos, platform[0])):
        if have and want and have != want:
            out = re.sub(rf"(?<=_){have}(?=_|$)", want, out)
    return out


def _for(d: Definition, platform: tuple[str, str]) -> bool:
    """Whether ``d``'s file is built for ``platform`` by its name (asm_arm64.s, rt0_linux_arm64.s)."""
    goos, goarch = goos_goarch_from_filename(d.path)
    return bool(goos or goarch) and platform_penalty(goos, goarch, d.build, d.path, platform) == 0


def counterpart(index: GuideIndex, c: Citation, platform: tuple[str, str]) -> Citation | None:
    """The definition at ``c``'s release that does at ``platform`` what ``c`` does at the platform its file is built
    for; None when ``c``'s file is built for every platform or for ``platform`` already, or none is found."""
    if not for_other_platform(c.path, platform):
        return None
    for name in dict.fromkeys((swapped(c.symbol, c.path, platform), c.symbol)):
        found = [
            d for d in index.reader.lookup(name, c.version, limit=50)
            if d.symbol == name and d.path != c.path and _for(d, platform)
        ]  # fmt: skip
        if found:
            return cite_definition(index, found[0])
    return None


def platform_steps(
    index: GuideIndex,
    tour: TourInAnswer | None,
    platform: tuple[str, str],
    lang: Lang,
    first_n: int,
    given: Sequence[Citation] = (),
) -> tuple[str, list[Citation]]:
    """The note that says where the tour's platform-specific steps are at ``platform``, and the citations it makes
    (numbered from ``first_n``; a definition among the sources ``given`` keeps its number); nothing when the
    question's platform is the tour's or no step is built for one."""
    if tour is None:
        return "", []
    blocks: list[str] = []
    cited: list[Citation] = []
    known = {c.key: c for c in given}
    seen: set[tuple[str, str, int]] = set()
    for walk in tour.walks():  # each walk's steps are numbered from 1, under its own title
        lines: list[str] = []
        for i, (step, _) in enumerate(walk.steps, 1):
            other = counterpart(index, step, platform)
            if other is None or other.key in seen:
                continue
            seen.add(other.key)
            if other.key in known:
                other = known[other.key]
            else:
                other = other.numbered(first_n + len(cited))
                cited.append(other)
            lines.append(
                lang.text("platform_step", step=i, name=step.symbol, other=other.symbol, path=other.path,
                          start=other.start_line, end=other.end_line, n=other.n)
            )  # fmt: skip
        if lines:
            head = lang.text("platform_steps", platform="/".join(platform), tour=walk.title(lang))
            blocks.append("\n".join([head, *lines]))
    return "\n\n".join(blocks), cited


__all__ = ["counterpart", "platform_steps", "swapped"]
