"""Soak the running app on loopback and print its SQLite connections, file handles, RSS and threads after each
burst (JSON lines), e.g. five bursts of 40 chats 15 s apart:

    python scripts/soak.py --data-dir DATA [--code-root DIR] [--bursts 5] [--per-burst 40] [--pause 15] [--minilm]

``--code-root`` serves another checkout's app.py (an exported older commit) for a before/after comparison. Bounded:
every chat has a 120 s limit and the app is stopped at the end. Loopback only.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import browser_support  # noqa: E402
from tests.test_soak import soak  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir", type=Path, required=True)
    ap.add_argument("--code-root", type=Path, default=ROOT)
    ap.add_argument("--bursts", type=int, default=5)
    ap.add_argument("--per-burst", type=int, default=40)
    ap.add_argument("--pause", type=float, default=15)
    ap.add_argument("--minilm", action="store_true", help="the real embedding model (default: hash)")
    a = ap.parse_args()
    browser_support.ROOT = a.code_root.resolve()
    extra = {"GOGUIDE_EMBEDDING__MODEL": "minilm"} if a.minilm else {}
    log = Path("/tmp") / f"soak-app-{a.data_dir.name}.log"
    with browser_support.running_app(a.data_dir.resolve(), log, extra) as url:
        samples = soak(url, a.data_dir.resolve() / "index.sqlite", a.bursts, a.per_burst, a.pause)
    for s in samples:
        print(json.dumps(s))
    return 0


if __name__ == "__main__":
    sys.exit(main())
