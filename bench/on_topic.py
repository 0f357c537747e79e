"""How close in meaning questions are to what retrieval finds for them: the measure behind the floors of
guide/retrieval/support.py (``ON_TOPIC_SIMILARITY`` for lexical matches, ``DENSE_ONLY_SIMILARITY`` for dense
neighbours alone).

    python bench/on_topic.py [--data-dir DIR] [--questions bench/on_topic.tsv]

Each question of the file (``go`` or ``other``, a tab, the question; written for this measure, none of them an eval
item) is retrieved at the newest release as the guide retrieves it; the output gives, per question, which retrievers
found something, the best similarity of the question to the first hits' embedded texts, whether the guide grounds an
answer on them, and per kind the range of similarities among questions with dense neighbours only. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data-dir", help="the index to read (default: the settings' data directory)")
    ap.add_argument("--questions", default=str(ROOT / "bench" / "on_topic.tsv"))
    args = ap.parse_args(argv)
    if args.data_dir:
        os.environ["GOGUIDE_DATA_DIR"] = args.data_dir
    logging.basicConfig(level=logging.WARNING)

    from guide.index import open_index
    from guide.query import Query
    from guide.retrieval import retrieve
    from guide.retrieval.support import about_question, closest

    index = open_index()
    index.warm_up(wait=True)
    tag = next(t for t in reversed(index.releases) if t.startswith("go"))
    rows = []
    for line in Path(args.questions).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, question = line.split("\t", 1)
        q = Query.parse(question, platform=index.settings.platform_tuple)
        hits = retrieve(index, q, [tag], k=8)
        rows.append({
            "kind": kind, "question": question, "via": sorted({v for h in hits for v in h.via}),
            "similarity": round(closest(index, q, hits), 3), "grounded": about_question(index, q, hits),
            "first": hits[0].chunk.symbol if hits else None,
        })  # fmt: skip
    summary = {}
    for kind in ("go", "other"):
        mine = [r for r in rows if r["kind"] == kind]
        dense_only = [r["similarity"] for r in mine if r["via"] == ["dense"]]
        summary[kind] = {
            "questions": len(mine), "grounded": sum(r["grounded"] for r in mine), "dense_only": len(dense_only),
            "dense_only_similarity": [min(dense_only, default=None), max(dense_only, default=None)],
        }  # fmt: skip
    print(json.dumps({"release": tag, "summary": summary, "questions": rows}, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
