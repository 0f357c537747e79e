"""Which (repository, tag) pairs to index: what the last ``python -m corpus sync`` recorded in its manifest."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from ingest.pipeline import Target

if TYPE_CHECKING:
    from settings import Settings


class TargetsError(RuntimeError):
    pass


def version_key(tag: str) -> tuple[int, int, int, str]:
    """Release order: go1.9 < go1.21.13 < go1.27.3; other names (``design``) after all releases."""
    m = re.fullmatch(r"go(\d+)\.(\d+)(?:\.(\d+))?", tag)
    if not m:
        return (1 << 30, 0, 0, tag)
    return (int(m[1]), int(m[2]), int(m[3] or 0), "")


def make_targets(
    repo: str,
    repo_path: Path,
    tags: Mapping[str, tuple[str, str]],
    permalink: str,
    matches: Callable[[str], bool],
    scope_key: str = "",
) -> list[Target]:
    """Targets for one repository; ``tags`` maps local tag -> (commit, upstream ref for permalinks); ``scope_key``
    fingerprints what ``matches`` accepts (a tag listed under another key is listed again)."""
    ordered = sorted(tags, key=version_key)
    return [
        Target(repo, repo_path, tag, tags[tag][0], tags[tag][1], permalink, i, matches, scope_key)
        for i, tag in enumerate(ordered)
    ]


def load_targets(settings: Settings, only: list[str] | None = None) -> list[Target]:
    """Every synced tag of every corpus repository (or just ``only``), from the sync manifest."""
    from corpus.errors import CorpusError
    from corpus.manifest import load_manifest

    try:
        manifest = load_manifest(settings)
    except CorpusError as e:
        raise TargetsError(str(e)) from None
    by_repo: dict[str, list] = {}
    for ref in manifest.iter_tags():
        by_repo.setdefault(ref.repo, []).append(ref)
    targets: list[Target] = []
    for name, refs in by_repo.items():
        d = refs[0].definition
        tags = {r.tag: (r.commit, r.upstream_ref) for r in refs}
        targets += make_targets(name, refs[0].repo_path, tags, d.permalink, d.matches, d.scope_key)
    if only:
        known = {t.tag for t in targets}
        unknown = [t for t in only if t not in known]
        if unknown:
            raise TargetsError(
                f"tag(s) {', '.join(unknown)} not synced (synced: {', '.join(sorted(known, key=version_key))}); "
                f"run `python -m corpus sync --tags {' '.join(only)}` first"
            )
        targets = [t for t in targets if t.tag in only]
    return targets
