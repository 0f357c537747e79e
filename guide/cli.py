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


def _print_answer(data: dict[str, Any]) -> None:
    print(data["text"])
    if data["citations"]:
        print("\nCitations:")
        for c in data["citations"]:
            loc = f"{c['path']}:{c['start_line']}-{c['end_line']}"
            print(f"  [{c['n']}] {c['version']} {loc} {c['symbol']}\n      {c['url']}")
    for w in data["warnings"]:
        print(f"warning: {w}", file=sys.stderr)
    print(f"\n({data['llm']}; {'grounded' if data['grounded'] else 'NOT grounded'}; {data['seconds']:.2f}s)")


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

    from guide.index import IndexMissingError, open_index
    from guide.llm import LLMConfigError

    try:
        index = open_index()
    except IndexMissingError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    try:
        if args.cmd == "ask":
            from guide.answer import answer

            data = answer(args.question, args.versions, args.llm, index=index).to_json()
            print(json.dumps(data, indent=2, ensure_ascii=False)) if args.json else _print_answer(data)
            return 0
        if args.cmd == "where":
            from guide.where import where

            defs = where(index, args.symbol, args.version)
            if args.json:
                print(json.dumps(defs, indent=2, ensure_ascii=False))
            elif not defs:
                print(f"{args.symbol}: not defined in {', '.join(index.releases)}")
            for d in [] if args.json else defs:
                loc = f"{d['path']}:{d['start_line']}-{d['end_line']}"
                print(f"{d['version']:<12} {loc}  {d['symbol']} ({d['kind']})\n             {d['url']}")
            return 0 if defs else 1
        if args.cmd == "compare":
            from guide.compare import compare

            comp = compare(index, args.symbol, args.v1, args.v2)
            print(json.dumps(comp.to_json(), indent=2, ensure_ascii=False)) if args.json else print(comp.render_text())
            return 0
        from guide.timeline import timeline

        tl = timeline(index, args.symbol)
        print(json.dumps(tl.to_json(), indent=2, ensure_ascii=False)) if args.json else print(tl.render_text())
        return 0
    except (LLMConfigError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    finally:
        index.close()
