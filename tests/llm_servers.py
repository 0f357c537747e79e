"""Real HTTP servers on loopback that speak the model APIs the guide uses: an OpenAI-compatible chat endpoint
(``/v1/chat/completions``, streamed as server-sent events like OpenAI's) whose "model" is a script — it quotes the
first line of code of source [1] it was given and invents a citation [9] — and an Ollama ``/api/tags`` listing.

They run uvicorn in a thread; the guide talks to them through its real clients (langchain-openai, urllib)."""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, StreamingResponse

from tests.conftest import free_port

_SOURCE = re.compile(r"<source n=1>\n(.*?)</source>", re.S)


def scripted_reply(prompt: str) -> str:
    """What the scripted model answers: a quote of source [1]'s first code line, and a citation it was not given."""
    m = _SOURCE.search(prompt)
    lines = [
        ln.strip() for ln in (m.group(1) if m else "").split("\n") if ln.strip() and not ln.strip().startswith("//")
    ]
    quote = lines[0] if lines else "nothing"
    return f"The first source begins with `{quote}` [1]. Go also has a virtual machine [9]."


def openai_app() -> FastAPI:
    app = FastAPI()

    @app.get("/v1/models")
    def models() -> dict:
        return {"object": "list", "data": [{"id": "scripted", "object": "model"}]}

    @app.post("/v1/chat/completions")
    async def chat(request: Request):
        body = await request.json()
        prompt = "\n".join(str(m.get("content", "")) for m in body.get("messages", []))
        reply = scripted_reply(prompt)
        model = body.get("model", "scripted")
        if not body.get("stream"):
            return JSONResponse({
                "id": "x", "object": "chat.completion", "created": int(time.time()), "model": model,
                "choices": [{"index": 0, "message": {"role": "assistant", "content": reply}, "finish_reason": "stop"}],
            })  # fmt: skip

        def events() -> Iterator[str]:
            for i, word in enumerate(re.findall(r"\S+\s*", reply)):
                delta = {"content": word} if i else {"role": "assistant", "content": word}
                chunk = {
                    "id": "x", "object": "chat.completion.chunk", "created": int(time.time()), "model": model,
                    "choices": [{"index": 0, "delta": delta, "finish_reason": None}],
                }  # fmt: skip
                yield f"data: {json.dumps(chunk)}\n\n"
            done = {"id": "x", "object": "chat.completion.chunk", "created": int(time.time()), "model": model,
                    "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}  # fmt: skip
            yield f"data: {json.dumps(done)}\n\ndata: [DONE]\n\n"

        return StreamingResponse(events(), media_type="text/event-stream")

    return app


def ollama_app(model: str) -> FastAPI:
    app = FastAPI()

    @app.get("/api/tags")
    def tags() -> dict:
        return {"models": [{"name": model, "model": model}]}

    return app


@contextmanager
def serving(app: FastAPI) -> Iterator[str]:
    """``app`` served on a free loopback port for the block; yields its base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
