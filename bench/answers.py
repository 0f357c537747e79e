"""Answer quality and latency per answering model on the plain-words test half (scored, never tuned on).

    python bench/answers.py [--data-dir DIR] [--llm extractive local openai:MODEL ...] [--facts FILE] [--limit N]

For each model: fact coverage, citation validity, citation recall, hit@5 and the p50/p95 latency of ``answer()``,
scored by evals/score.py exactly as ``python -m evals run`` scores them. An OpenAI-compatible endpoint is named
``openai:<model>`` with ``OPENAI_BASE_URL`` (and ``OPENAI_API_KEY``) set; ``local`` needs ``make local-llm``.
A model that cannot be used here is reported with the reason instead of figures. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data-dir", type=Path, default=Path("data"))
    p.add_argument("--llm", nargs="+", default=["extractive", "local"])
    p.add_argument("--facts", type=Path, default=ROOT / "evals" / "plain" / "test.jsonl")
    p.add_argument("--limit", type=int, default=0, help="only the first N items (0: all)")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)

    from evals.facts import load_facts
    from evals.run import run_eval
    from guide.answering.errors import LLMConfigError
    from guide.answering.llm import make_chat_model
    from guide.index import open_index

    index = open_index(data_dir=args.data_dir)
    items = load_facts(args.facts)
    if args.limit:
        items = items[: args.limit]
    out: dict[str, Any] = {"facts": str(args.facts), "items": len(items), "models": {}}
    for spec in args.llm:
        try:
            make_chat_model(spec, index.settings)
        except LLMConfigError as e:
            out["models"][spec] = {"unavailable": str(e)}
            continue
        result = run_eval(items, index=index, llm=spec)
        s = result.summary
        lat = sorted(x.latency_s for x in result.scores)
        out["models"][spec] = {
            "fact_coverage": s["fact_coverage"],
            "citation_validity": s["citation_validity"],
            "citation_recall": s["citation_recall"],
            "hit_at_5": s["hit_at_5"],
            "latency_p50_s": round(statistics.median(lat), 2) if lat else None,
            "latency_p95_s": round(lat[min(len(lat) - 1, round(0.95 * (len(lat) - 1)))], 2) if lat else None,
            "errors": s.get("errors"),
        }
    print(json.dumps(out, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
