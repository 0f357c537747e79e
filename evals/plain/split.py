"""Seeded, stratified dev/test split of a hand-written fact set (run once, before any tuning).

Strata are (topic, language): the topic is the second dash-separated part of the item id
(``pl-map-grow-en`` -> ``map``, ``cmpp-timers-...`` -> ``timers``), the language is ``zh`` when the question
contains a CJK character, else ``en``. Within each stratum the items (sorted by id) are shuffled with
``random.Random(f"{seed}:{topic}:{lang}")`` and dealt alternately to dev and test; which split receives the odd
item of an odd-sized stratum alternates from stratum to stratum (strata in sorted order), so the halves stay
within one item of each other. The output keeps the input's line order.

Used for both hand-written sets (the commands that produced the committed files)::

    python evals/plain/split.py evals/plain/draft/all.jsonl evals/plain/dev.jsonl evals/plain/test.jsonl
    python evals/plain/split.py evals/plain/compare/all.jsonl \
        evals/plain/compare/dev.jsonl evals/plain/compare/test.jsonl

The test half is scored and never tuned on.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

SEED = 20250611
CJK = re.compile(r"[\u3400-\u9fff]")


def stratum(item: dict) -> tuple[str, str]:
    parts = item["id"].split("-")
    topic = parts[1] if len(parts) > 1 else "misc"
    return topic, "zh" if CJK.search(item["question"]) else "en"


def split(items: list[dict], seed: int = SEED) -> tuple[set[str], set[str]]:
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for it in items:
        groups[stratum(it)].append(it["id"])
    dev: set[str] = set()
    test: set[str] = set()
    odd_to_dev = True
    for key in sorted(groups):
        ids = sorted(groups[key])
        random.Random(f"{seed}:{key[0]}:{key[1]}").shuffle(ids)
        first, second = (dev, test) if odd_to_dev else (test, dev)
        for i, id_ in enumerate(ids):
            (first if i % 2 == 0 else second).add(id_)
        if len(ids) % 2:
            odd_to_dev = not odd_to_dev
    return dev, test


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("source", type=Path)
    p.add_argument("dev", type=Path)
    p.add_argument("test", type=Path)
    p.add_argument("--seed", type=int, default=SEED)
    a = p.parse_args(argv)
    lines = [
        ln for ln in a.source.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith(("#", "//"))
    ]
    items = [json.loads(ln) for ln in lines]
    dev, test = split(items, a.seed)
    a.dev.write_text(
        "".join(ln + "\n" for ln, it in zip(lines, items, strict=True) if it["id"] in dev), encoding="utf-8"
    )
    a.test.write_text(
        "".join(ln + "\n" for ln, it in zip(lines, items, strict=True) if it["id"] in test), encoding="utf-8"
    )
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for it in items:
        counts[stratum(it)][0 if it["id"] in dev else 1] += 1
    for key in sorted(counts):
        print(f"{key[0]:>10} {key[1]}  dev {counts[key][0]:>2}  test {counts[key][1]:>2}")
    print(f"total: dev {len(dev)}, test {len(test)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
