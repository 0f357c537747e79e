"""The answering model, chosen by one ``provider:model`` string (the ``llm`` setting or ``--llm``).

- ``extractive`` (default): no model; a grounded answer composed from the sources (guide/answering/extractive.py).
- ``openai:<model>``: any OpenAI-compatible endpoint (``OPENAI_BASE_URL``: vLLM, llama.cpp server, LM Studio, OpenAI);
  needs the ``openai`` extra.
- ``ollama:<model>``: an Ollama server (``OLLAMA_HOST``); needs the ``ollama`` extra.
- ``local``: Qwen2.5-Coder-1.5B-Instruct through llama.cpp, offline; install with ``make local-llm``.
"""

from __future__ import annotations

import importlib.util
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from settings import Settings

from guide.answering.errors import LLMConfigError

PROVIDERS = ("extractive", "local", "openai:<model>", "ollama:<model>")
_EXTRAS = {"openai": "langchain_openai", "ollama": "langchain_ollama"}


def describe(spec: str | object | None) -> str:
    """How the model in use is shown to users."""
    if spec is None or spec == "extractive":
        return "extractive (no language model)"
    if isinstance(spec, str):
        return spec
    return f"custom:{type(spec).__name__}"


def make_chat_model(spec: str, settings: Settings | None = None) -> BaseChatModel | None:
    """The chat model for ``spec``; None means extractive."""
    spec = spec.strip()
    if spec in ("", "extractive"):
        return None
    if spec == "local":
        from guide.answering.local_chat import make_local_chat_model
        from settings import get_settings

        return make_local_chat_model(settings or get_settings())
    provider, sep, model = spec.partition(":")
    if not sep or not model or provider not in _EXTRAS:
        raise LLMConfigError(f"unknown model {spec!r}; use one of: {', '.join(PROVIDERS)}")
    if importlib.util.find_spec(_EXTRAS[provider]) is None:
        raise LLMConfigError(
            f"the {provider} provider needs {_EXTRAS[provider].replace('_', '-')}: "
            f"run `.venv/bin/pip install -e '.[{provider}]'`"
        )
    from langchain.chat_models import init_chat_model

    return init_chat_model(model, model_provider=provider, temperature=0)
