"""``python -m guide``: ask, where, compare, timeline. Human output with permalinks, or ``--json``.

python -m guide ask "does a channel take a lock?" [--version TAG ...] [--llm SPEC] [--json]
python -m guide where SYMBOL [--version TAG] [--json]
python -m guide compare SYMBOL V1 V2 [V3 ...] [--json]
python -m guide timeline SYMBOL [--json]

Exit status: 0 found (an answer with a verified citation, a definition, a comparison, a timeline), 1 nothing found,
2 a usage or state error (an unknown release, an empty question, a bad model setting, a missing or damaged index).
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
    c = sub.add_parser(
        "compare", parents=[common], help="a symbol (or file, or topic) between releases: each two consecutive ones"
    )
    c.add_argument("symbol")
    c.add_argument("releases", nargs="+", metavar="RELEASE", help="two or more (old first); more: a list as JSON")
    t = sub.add_parser("timeline", parents=[common], help="a symbol across all indexed releases")
    t.add_argument("symbol")
    args = p.parse_args(argv)
    if args.cmd == "compare" and len(args.releases) < 2:
        c.error("compare needs two or more releases, e.g. compare hchan go1.21.13 go1.27.3")
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
    from guide.history.compare import compare_releases
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
            if ans.route == "empty" or (args.versions and ans.route == "not-indexed"):
                return 2
            return 0 if ans.grounded else 1
        if args.cmd == "where":
            defs = where(index, args.symbol, args.version)
            _dump(where_json(defs)) if args.json else print(where_text(args.symbol, defs, index.releases))
            return 0 if defs else 1
        if args.cmd == "compare":
            comps = compare_releases(index, args.symbol, args.releases)
            if args.json:
                _dump(comps[0].to_json() if len(comps) == 1 else [c.to_json() for c in comps])
            else:
                print("\n\n".join(comparison_text(c) for c in comps))
            return 0 if any(c.found for c in comps) else 1
        tl = timeline(index, args.symbol)
        _dump(tl.to_json()) if args.json else print(timeline_text(tl))
        return 0 if tl.found else 1
    except (LLMConfigError, ValueError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    finally:
        index.close()
