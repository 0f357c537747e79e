"""``python -m guide``: ask, where, compare, timeline. Human output with permalinks, or ``--json``.

python -m guide ask "does a channel take a lock?" [--version TAG ...] [--llm SPEC] [--json]
python -m guide where SYMBOL [--version TAG] [--json]
python -m guide compare SYMBOL V1 V2 [--json]
python -m guide timeline SYMBOL [--json]
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from typing import Any


def _dump(data: Any) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m guide", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--json", action="store_true", help="machine-readable output (fields in README)")
    common.add_argument("-v", "--verbose", action="store_true")
    sub = p.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("ask", parents=[common], help="answer a question with citations")
    a.add_argument("question")
    a.add_argument("--version", nargs="+", dest="versions", metavar="TAG")
    a.add_argument("--llm", help="extractive (default), local, openai:<model>, ollama:<model>")
    w = sub.add_parser("where", parents=[common], help="where a symbol is defined")
    w.add_argument("symbol")
    w.add_argument("--version")
    c = sub.add_parser("compare", parents=[common], help="a symbol (or topic) between two releases")
    c.add_argument("symbol")
    c.add_argument("v1")
    c.add_argument("v2")
    t = sub.add_parser("timeline", parents=[common], help="a symbol across all indexed releases")
    t.add_argument("symbol")
    args = p.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )

    from ingest.errors import run_main

    return run_main(lambda: _run(args), verbose=args.verbose, data_dir=_data_dir)


def _data_dir() -> Any:
    from settings import get_settings

    return get_settings().data_dir


def _run(args: argparse.Namespace) -> int:
    from guide.answering import answer
    from guide.answering.errors import LLMConfigError
    from guide.history.compare import compare
    from guide.history.timeline import timeline
    from guide.index import open_index
    from guide.render.text import answer_text, comparison_text, timeline_text, where_text
    from guide.where import where, where_json

    index = open_index()
    if args.cmd == "ask":
        for problem in index.problems():
            print(f"note: {problem}", file=sys.stderr)
    try:
        if args.cmd == "ask":
            ans = answer(args.question, args.versions, args.llm, index=index)
            if args.json:
                _dump(ans.to_json())
            else:
                print(answer_text(ans))
                for warning in ans.warnings:
                    print(f"warning: {warning}", file=sys.stderr)
            return 0
        if args.cmd == "where":
            defs = where(index, args.symbol, args.version)
            _dump(where_json(defs)) if args.json else print(where_text(args.symbol, defs, index.releases))
            return 0 if defs else 1
        if args.cmd == "compare":
            comp = compare(index, args.symbol, args.v1, args.v2)
            _dump(comp.to_json()) if args.json else print(comparison_text(comp))
            return 0
        tl = timeline(index, args.symbol)
        _dump(tl.to_json()) if args.json else print(timeline_text(tl))
        return 0
    except (LLMConfigError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    finally:
        index.close()
