"""Citations that are correct by construction, and the check of a model's citations after it writes.

A citation is made only from an indexed chunk, and only after its lines have been read back from git at that
version and found equal to the chunk's text: it names a version, path, line range and symbol that exist.
A model's answer is then checked marker by marker: ``[n]`` must refer to a source it was given; a code span
quoted next to it must occur in the cited lines; a version named next to it must be the cited one.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from guide.index import GuideIndex
    from ingest.store import ChunkRow


@dataclass(frozen=True)
class Source:
    """One numbered source given to an answerer (and, if cited, shown to the user)."""

    n: int
    version: str
    path: str
    start_line: int
    end_line: int
    symbol: str
    kind: str
    url: str
    excerpt: str
    scores: dict[str, Any] = field(default_factory=dict)

    def citation(self, n: int | None = None) -> dict[str, Any]:
        """The JSON form of a citation (see README, "Answers as JSON")."""
        return {
            "n": self.n if n is None else n,
            "version": self.version,
            "path": self.path,
            "start_line": self.start_line,
            "end_line": self.end_line,
            "symbol": self.symbol,
            "url": self.url,
            "excerpt": self.excerpt,
        }

    def retrieved(self) -> dict[str, Any]:
        d = self.citation()
        d["kind"] = self.kind
        d["scores"] = self.scores
        return d

    @property
    def label(self) -> str:
        return f"{self.path}:{self.start_line}-{self.end_line} @ {self.version}"


def source_from_chunk(
    index: GuideIndex, n: int, chunk: ChunkRow, version: str, scores: dict[str, Any] | None = None
) -> Source | None:
    """A source for ``chunk`` at ``version``, or None when git does not hold exactly those lines there."""
    first, end = chunk.first_line, chunk.end_line
    excerpt = index.excerpt(version, chunk.path, first, end)
    if excerpt is None or excerpt != chunk.text:
        return None
    return Source(
        n=n,
        version=version,
        path=chunk.path,
        start_line=first,
        end_line=end,
        symbol=chunk.symbol,
        kind=chunk.kind,
        url=index.permalink(version, chunk.path, first, end),
        excerpt=excerpt,
        scores=dict(scores or {}),
    )


WHOLE_DEFINITION_MAX_LINES = 450
"""A part of a split definition is cited as the whole definition when that is at most this long."""


def whole_definition(index: GuideIndex, chunk: ChunkRow, version: str) -> tuple[int, int] | None:
    """(first line, end line) of the whole definition a part of a split chunk belongs to (doc comment included)."""
    if chunk.part == 0:
        return None
    row = index.store.db.execute(
        "SELECT MIN(c.doc_start_line), MIN(c.start_line), MAX(c.end_line) FROM chunks c "
        "WHERE c.repo=? AND c.path=? AND c.blob=? AND c.symbol=? AND c.part>0",
        (chunk.repo, chunk.path, chunk.blob, chunk.symbol),
    ).fetchone()
    if not row or row[1] is None:
        return None
    first, end = (row[0] if row[0] is not None else row[1]), row[2]
    return (first, end) if end - first + 1 <= WHOLE_DEFINITION_MAX_LINES else None


def source_for_hit(
    index: GuideIndex, n: int, chunk: ChunkRow, version: str, scores: dict[str, Any] | None = None
) -> Source | None:
    """A source for a retrieved chunk: the whole definition when the chunk is one part of a split one."""
    src = source_from_chunk(index, n, chunk, version, scores)
    span = whole_definition(index, chunk, version) if src is not None else None
    if src is None or span is None:
        return src
    excerpt = index.excerpt(version, chunk.path, *span)
    if excerpt is None or chunk.text not in excerpt:
        return src
    return Source(
        n, version, chunk.path, span[0], span[1], chunk.symbol, chunk.kind,
        index.permalink(version, chunk.path, *span), excerpt, dict(scores or {}),
    )  # fmt: skip


_MARKER = re.compile(r"(?<![\w\])])\[(\d{1,3})\]")
"""A citation marker; ``m.Fun[0]`` or ``buf[1]`` in quoted code is an index, not a marker."""
_CODE_SPAN = re.compile(r"`([^`\n]{3,200})`")
_VERSION = re.compile(r"\bgo1\.\d+(?:\.\d+)?\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+|\n{2,}|\n(?=\s*[-*#>]|\s*\d+\.)")


def _squash(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


@dataclass
class CheckResult:
    text: str
    """The answer with invalid markers removed and valid ones renumbered 1..m in order of first use."""
    cited: list[Source]
    """The sources cited, renumbered (``n`` is the new number)."""
    warnings: list[str]
    invalid: int


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s and s.strip()]


def _version_matches(named: str, version: str) -> bool:
    named = named.lower()
    return version == named or version.startswith(named + ".")


def check_citations(text: str, sources: list[Source]) -> CheckResult:
    """Verify every ``[n]`` of a generated answer against the sources the model was given."""
    by_n = {s.n: s for s in sources}
    warnings: list[str] = []
    invalid = 0
    out_sentences = []
    for sentence in _sentences(text):
        markers = [int(m) for m in _MARKER.findall(sentence)]
        if not markers:
            out_sentences.append(sentence)
            continue
        spans = [_squash(c) for c in _CODE_SPAN.findall(sentence)]
        versions = [v for v in _VERSION.findall(sentence)]
        keep: set[int] = set()
        for n in markers:
            src = by_n.get(n)
            if src is None:
                warnings.append(f"removed citation [{n}]: no source [{n}] was given (there were {len(sources)})")
                invalid += 1
                continue
            body = _squash(src.excerpt)
            others = [_squash(by_n[m].excerpt) for m in markers if m in by_n and m != n]
            missing = [c for c in spans if c not in body and not any(c in o for o in others)]
            if missing:
                warnings.append(f"removed citation [{n}]: quoted `{missing[0]}` does not occur in {src.label}")
                invalid += 1
                continue
            if versions and not any(_version_matches(v, src.version) for v in versions):
                warnings.append(f"removed citation [{n}]: the sentence names {versions[0]} but [{n}] is {src.label}")
                invalid += 1
                continue
            keep.add(n)
        out_sentences.append(_drop_markers(sentence, keep))
    cleaned = _rejoin(text, out_sentences)
    # renumber in order of first use
    order: list[int] = []
    for m in _MARKER.finditer(cleaned):
        n = int(m.group(1))
        if n in by_n and n not in order:
            order.append(n)
    renum = {old: new for new, old in enumerate(order, 1)}
    cleaned = _MARKER.sub(lambda m: f"[{renum[int(m.group(1))]}]" if int(m.group(1)) in renum else "", cleaned)
    cited = [Source(**{**asdict(by_n[old]), "n": new}) for old, new in renum.items()]
    return CheckResult(cleaned, cited, warnings, invalid)


def _drop_markers(sentence: str, keep: set[int]) -> str:
    return _MARKER.sub(lambda m: m.group(0) if int(m.group(1)) in keep else "", sentence)


def _squash_spaces(s: str) -> str:
    return re.sub(r"[ \t]+([.,;:!?])", r"\1", re.sub(r"[ \t]{2,}", " ", s))


def _rejoin(original: str, sentences: list[str]) -> str:
    """Put checked sentences back in place of the originals, keeping the answer's line structure."""
    out = original
    pos = 0
    for old, new in zip(_sentences(original), sentences, strict=True):
        i = out.find(old, pos)
        if i < 0:
            continue
        new = _squash_spaces(new)
        out = out[:i] + new + out[i + len(old) :]
        pos = i + len(new)
    return out
