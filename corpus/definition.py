"""The corpus definition: which repositories, which release tags, which paths (``corpus/*.toml``)."""

from __future__ import annotations

import hashlib
import json
import tomllib
from pathlib import Path, PurePosixPath
from typing import Literal

from pydantic import BaseModel, Field, ValidationError, field_validator

from corpus.errors import CorpusDefinitionError
from corpus.globs import any_match, compile_glob

CORPUS_DIR = Path(__file__).resolve().parent


class RepoDef(BaseModel):
    """One repository of the corpus: where it lives upstream, what to index, how to link to it."""

    name: str = Field(description="Local name; the local bare repository is <data_dir>/repos/<name>.git.")
    upstream: str = Field(description="Canonical git URL (fetched by the git source).")
    mirror: str = Field(default="", description="Browsable mirror, e.g. https://github.com/golang/go.")
    permalink: str = Field(description="URL template with {ref}, {path}, {start}, {end}.")
    dist: Literal["go-release", "proposal-dir"] = Field(
        description="How the dist source builds it: Go release trees from the registries, or the offline "
        "proposal copy (settings.proposal_dir)."
    )
    tags: list[str] = Field(description="Local tags to sync (Go: release tags named as upstream).")
    upstream_ref: str | None = Field(
        default=None,
        description="For a repository without release tags (proposal): the upstream ref the single local tag "
        "snapshots (e.g. 'master'). None means each tag is fetched as the upstream tag of the same name.",
    )
    include: list[str] = Field(description="Globs (with **) of the paths to index.")
    exclude: list[str] = Field(default_factory=list, description="Globs of paths never indexed.")
    extensions: list[str] = Field(description="File kinds indexed, e.g. ['.go', '.s', '.md', '.html'].")

    @field_validator("include", "exclude")
    @classmethod
    def _valid_globs(cls, globs: list[str]) -> list[str]:
        for g in globs:
            compile_glob(g)
        return globs

    @field_validator("extensions")
    @classmethod
    def _dotted(cls, exts: list[str]) -> list[str]:
        return [e if e.startswith(".") else f".{e}" for e in exts]

    @property
    def scope_key(self) -> str:
        """A fingerprint of which paths this repository indexes (include, exclude, extensions): a listing made with
        another one must be made again."""
        spec = json.dumps([self.include, self.exclude, self.extensions])
        return hashlib.sha256(spec.encode()).hexdigest()[:12]

    def matches(self, path: str) -> bool:
        """Whether repository-relative POSIX ``path`` is part of the corpus: an included file kind, matching an
        include glob and no exclude glob."""
        if PurePosixPath(path).suffix not in self.extensions:
            return False
        return any_match(self.include, path) and not any_match(self.exclude, path)

    def permalink_for(self, ref: str, path: str, start: int, end: int) -> str:
        return permalink_url(self.permalink, ref, path, start, end)


RENDERED_SUFFIXES = (".md", ".markdown")
"""Files a code host renders instead of showing their lines: a link to their lines asks for the text (``?plain=1``)."""


def permalink_url(template: str, ref: str, path: str, start: int, end: int) -> str:
    """``template`` (a repository's ``permalink``) filled in for lines ``start``-``end`` of ``path`` at ``ref``. GitHub
    renders a Markdown file, and a ``#L412-L483`` anchor then lands nowhere (trial 48: a design document's citation):
    such a file's link asks for its text, ``?plain=1``, before the anchor."""
    url = template.format(ref=ref, path=path, start=start, end=end)
    if path.lower().endswith(RENDERED_SUFFIXES) and "github.com/" in url and "#L" in url and "?" not in url:
        url = url.replace("#L", "?plain=1#L", 1)
    return url


class CorpusDef(BaseModel):
    name: str
    description: str = ""
    repos: dict[str, RepoDef]

    def repo(self, name: str) -> RepoDef:
        try:
            return self.repos[name]
        except KeyError:
            raise CorpusDefinitionError(
                f"corpus {self.name!r} has no repository {name!r} (it has: {', '.join(self.repos)})"
            ) from None


def resolve_corpus_path(spec: str | Path) -> Path:
    """``default`` / ``full`` name the bundled definitions; anything else is a path to a TOML file."""
    s = str(spec)
    if "/" not in s and not s.endswith(".toml") and (CORPUS_DIR / f"{s}.toml").is_file():
        return CORPUS_DIR / f"{s}.toml"
    return Path(spec)


def _choices() -> str:
    return ", ".join(sorted(f.stem for f in CORPUS_DIR.glob("*.toml")))


def load_corpus(path: str | Path) -> CorpusDef:
    """Read and validate a corpus TOML (``[repos.<name>]`` tables; the name defaults to the file stem)."""
    p = resolve_corpus_path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CorpusDefinitionError(
            f"corpus file {p} not found; use one of: {_choices()}, or a path to a TOML file"
        ) from None
    except tomllib.TOMLDecodeError as e:
        raise CorpusDefinitionError(f"corpus file {p} is not valid TOML: {e}") from None
    except IsADirectoryError:
        raise CorpusDefinitionError(
            f"corpus {p} is a directory; --corpus takes {_choices()}, or a path to a TOML file"
        ) from None
    except UnicodeDecodeError:
        raise CorpusDefinitionError(f"corpus file {p} is not UTF-8 text; save it as UTF-8") from None
    except OSError as e:
        raise CorpusDefinitionError(f"corpus file {p} cannot be read ({e.strerror or e})") from None
    data.setdefault("name", p.stem)
    for name, repo in (data.get("repos") or {}).items():
        if isinstance(repo, dict):
            repo.setdefault("name", name)
    try:
        return CorpusDef.model_validate(data)
    except ValidationError as e:
        raise CorpusDefinitionError(f"corpus file {p} is invalid:\n{e}") from None
