"""The answering model, chosen by one ``provider:model`` string (the ``llm`` setting or ``--llm``).

- ``auto`` (default): the best one this machine has, in this order: an OpenAI-compatible endpoint that is configured
  (``OPENAI_BASE_URL`` or ``OPENAI_API_KEY``; model from the ``openai_model`` setting), an Ollama server answering
  on ``OLLAMA_HOST`` (default 127.0.0.1:11434) with a model, else ``extractive``. :func:`resolve` says which, and
  how to enable a better one. The offline 1.5B model (``make local-llm``) is not among them: measured on the
  plain-words test half it states fewer of the asked facts than the extractive answer (bench/answers.py: .54 against
  .67, at 35 s against 0.1 s), and tried as a user it opens answers with wrong claims above the right sources ("a
  virtual machine-like architecture", "around 1MB" per goroutine); it answers when chosen (``--llm local``).
- ``extractive``: no model; a grounded answer composed from the sources (guide/answering/extractive.py).
- ``openai:<model>``: any OpenAI-compatible endpoint (``OPENAI_BASE_URL``: vLLM, llama.cpp's server, LM Studio,
  OpenAI); needs the ``openai`` extra.
- ``ollama:<model>``: an Ollama server (``OLLAMA_HOST``); needs the ``ollama`` extra.
- ``local``: Qwen2.5-Coder-1.5B-Instruct through llama.cpp, offline; install with ``make local-llm``.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import time
import urllib.request
from dataclasses import dataclass
from typing import TYPE_CHECKING

from guide.answering.errors import LLMConfigError
from guide.texts import TEXTS

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from settings import Settings

log = logging.getLogger(__name__)

PROVIDERS = ("auto", "extractive", "local", "openai:<model>", "ollama:<model>")
_EXTRAS = {"openai": "langchain_openai", "ollama": "langchain_ollama"}
PROBE_SECONDS = 0.5
"""How long ``auto`` waits for Ollama to answer on loopback."""
RESOLVE_TTL = 60.0
"""``auto`` is resolved again after this many seconds (a server started or stopped meanwhile)."""


@dataclass(frozen=True)
class Resolved:
    """What ``auto`` (or an explicit setting) resolves to: the spec to use and a hint to do better."""

    spec: str
    why: str
    better: str = ""


def describe(spec: str | object | None) -> str:
    """How the model in use is shown to users."""
    if spec is None or spec == "extractive":
        return TEXTS["en"]["llm_extractive"]
    if isinstance(spec, str):
        return spec
    return f"custom:{type(spec).__name__}"


def _ollama_model(host: str) -> str | None:
    """The first model an Ollama server on ``host`` has, or None when none answers within ``PROBE_SECONDS``."""
    url = host if host.startswith("http") else f"http://{host}"
    try:
        with urllib.request.urlopen(f"{url.rstrip('/')}/api/tags", timeout=PROBE_SECONDS) as r:
            models = json.loads(r.read().decode("utf-8")).get("models") or []
    except (OSError, ValueError):
        return None
    names = [m.get("name") for m in models if isinstance(m, dict) and m.get("name")]
    return names[0] if names else None


def _local_installed(settings: Settings) -> bool:
    from guide.answering.local_model import llama_cpp_available, model_path

    return model_path(settings).exists() and llama_cpp_available()


_BETTER = TEXTS["en"]["llm_better_how"]
_CACHE: dict[str, tuple[float, Resolved]] = {}


def resolve(spec: str, settings: Settings) -> Resolved:
    """The model ``spec`` means on this machine now (``auto`` resolved; see the module doc)."""
    spec = spec.strip() or "auto"
    if spec != "auto":
        return Resolved(spec, "as configured")
    cached = _CACHE.get("auto")
    if cached is not None and time.monotonic() - cached[0] < RESOLVE_TTL:
        return cached[1]
    if os.environ.get("OPENAI_BASE_URL") or os.environ.get("OPENAI_API_KEY"):
        where = os.environ.get("OPENAI_BASE_URL") or "api.openai.com"
        out = Resolved(f"openai:{settings.openai_model}", f"OpenAI-compatible endpoint {where}")
    elif (model := _ollama_model(os.environ.get("OLLAMA_HOST", "127.0.0.1:11434"))) is not None:
        out = Resolved(f"ollama:{model}", "Ollama answers on this machine")
    elif _local_installed(settings):
        out = Resolved(
            "extractive",
            "the offline model is installed but answers only when chosen (--llm local): it states fewer of the "
            "asked facts than the extractive answer (bench/answers.py)",
            "set OPENAI_BASE_URL (any OpenAI-compatible server) or run Ollama with a larger model",
        )
    else:
        out = Resolved("extractive", "no language model is configured or installed", _BETTER)
    _CACHE["auto"] = (time.monotonic(), out)
    log.info("answering model: %s (%s)", out.spec, out.why)
    return out


def make_chat_model(spec: str, settings: Settings | None = None) -> BaseChatModel | None:
    """The chat model for ``spec``; None means extractive."""
    from settings import get_settings

    s = settings or get_settings()
    spec = resolve(spec, s).spec
    if spec == "extractive":
        return None
    if spec == "local":
        from guide.answering.local_chat import make_local_chat_model

        return make_local_chat_model(s)
    provider, sep, model = spec.partition(":")
    if not sep or not model or provider not in _EXTRAS:
        raise LLMConfigError(f"unknown model {spec!r}; use one of: {', '.join(PROVIDERS)}")
    if importlib.util.find_spec(_EXTRAS[provider]) is None:
        raise LLMConfigError(
            f"the {provider} provider needs {_EXTRAS[provider].replace('_', '-')}: "
            f"run `.venv/bin/pip install -e '.[{provider}]'`"
        )
    from langchain.chat_models import init_chat_model

    return init_chat_model(model, model_provider=provider, temperature=0, streaming=True)


__all__ = ["PROVIDERS", "Resolved", "describe", "make_chat_model", "resolve"]
