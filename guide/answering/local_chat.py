"""The local model as a LangChain chat model: Qwen2.5-Coder-1.5B-Instruct through llama.cpp, in process, offline.

``settings.llm = "local"`` (or ``--llm local``) makes :func:`guide.answering.llm.make_chat_model` call
:func:`make_local_chat_model`; the file is found and verified by ``guide.answering.local_model``.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from langchain_core.language_models.chat_models import BaseChatModel, generate_from_stream
from langchain_core.messages import (
    AIMessage,
    AIMessageChunk,
    BaseMessage,
    ChatMessage,
    HumanMessage,
    SystemMessage,
    ToolMessage,
)
from langchain_core.outputs import ChatGenerationChunk, ChatResult
from pydantic import Field

from guide.answering.errors import LocalLLMError
from guide.answering.local_model import INSTALL_COMMAND, MAX_TOKENS, N_CTX, N_THREADS, TEMPERATURE, ensure_model

if TYPE_CHECKING:
    from langchain_core.callbacks import CallbackManagerForLLMRun

    from settings import Settings

log = logging.getLogger(__name__)

_LOAD_LOCK = threading.Lock()
_LOADED: dict[tuple[str, int, int], tuple[Any, threading.Lock]] = {}


def _import_llama_cpp() -> Any:
    # llama.cpp's OpenMP threads spin while waiting by default; on 2 cores shared with the embedder or other jobs that
    # cut output from ~7 to ~1.5 tok/s (measured). Passive waiting must be set before libgomp loads; an explicit
    # OMP_WAIT_POLICY in the environment wins.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    try:
        import llama_cpp
    except ImportError as e:
        raise LocalLLMError(
            f"the local model needs llama-cpp-python ({e}): run `{INSTALL_COMMAND}` (builds it for this CPU, ~10 min)"
        ) from e
    return llama_cpp


def load_llama(path: str, n_ctx: int = N_CTX, n_threads: int = N_THREADS) -> tuple[Any, threading.Lock]:
    """The ``llama_cpp.Llama`` for ``path`` (loaded once per process) and the lock that serializes its use."""
    key = (str(path), n_ctx, n_threads)
    with _LOAD_LOCK:
        if key not in _LOADED:
            llama_cpp = _import_llama_cpp()
            t0 = time.monotonic()
            llm = llama_cpp.Llama(model_path=str(path), n_ctx=n_ctx, n_threads=n_threads, verbose=False)
            log.info("loaded %s in %.1f s (n_ctx=%d, n_threads=%d)", path, time.monotonic() - t0, n_ctx, n_threads)
            _LOADED[key] = (llm, threading.Lock())
        return _LOADED[key]


def message_text(content: Any) -> str:
    if isinstance(content, str):
        return content
    parts = []
    for block in content or []:
        if isinstance(block, str):
            parts.append(block)
        elif isinstance(block, dict) and block.get("type") == "text":
            parts.append(str(block.get("text", "")))
    return "".join(parts)


def to_llama_messages(messages: Sequence[BaseMessage]) -> list[dict[str, str]]:
    """LangChain messages as the OpenAI-style dicts ``create_chat_completion`` takes."""
    out = []
    for m in messages:
        if isinstance(m, SystemMessage):
            role = "system"
        elif isinstance(m, HumanMessage):
            role = "user"
        elif isinstance(m, AIMessage):
            role = "assistant"
        elif isinstance(m, ToolMessage):
            role = "tool"
        elif isinstance(m, ChatMessage):
            role = m.role
        else:
            role = "user"
        out.append({"role": role, "content": message_text(m.content)})
    return out


class LocalChatModel(BaseChatModel):
    """Qwen2.5-Coder-1.5B-Instruct via llama.cpp, in process and offline; see :func:`make_local_chat_model`."""

    model_path: str = Field(description="The verified GGUF file.")
    n_ctx: int = N_CTX
    n_threads: int = N_THREADS
    temperature: float = TEMPERATURE
    max_tokens: int = MAX_TOKENS

    @property
    def _llm_type(self) -> str:
        return "llama-cpp-local"

    @property
    def _identifying_params(self) -> dict[str, Any]:
        return {
            "model_path": self.model_path,
            "n_ctx": self.n_ctx,
            "n_threads": self.n_threads,
            "temperature": self.temperature,
            "max_tokens": self.max_tokens,
        }

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        llm, lock = load_llama(self.model_path, self.n_ctx, self.n_threads)
        with lock:
            stream = llm.create_chat_completion(
                messages=to_llama_messages(messages),
                stream=True,
                temperature=kwargs.get("temperature", self.temperature),
                max_tokens=kwargs.get("max_tokens", self.max_tokens),
                stop=stop or [],
            )
            for part in stream:
                choice = (part.get("choices") or [{}])[0]
                text = (choice.get("delta") or {}).get("content") or ""
                finish = choice.get("finish_reason")
                if not text and not finish:
                    continue
                chunk = ChatGenerationChunk(
                    message=AIMessageChunk(content=text),
                    generation_info={"finish_reason": finish} if finish else None,
                )
                if run_manager and text:
                    run_manager.on_llm_new_token(text, chunk=chunk)
                yield chunk

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        return generate_from_stream(self._stream(messages, stop=stop, run_manager=run_manager, **kwargs))


def make_local_chat_model(settings: Settings) -> LocalChatModel:
    """The local chat model; raises :class:`LocalLLMError` (naming ``make local-llm``) if it is not installed."""
    return LocalChatModel(model_path=str(ensure_model(settings)))


# ---------------------------------------------------------------------------------------------------------------
# CLI (used by scripts/install_local_llm.sh)
