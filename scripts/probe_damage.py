"""Every entry point against damaged state and bad settings, as a user would run them (subprocesses), on the
fixture repositories: prints one JSON line per run and a summary (how many runs ended in a Python traceback).

    python scripts/probe_damage.py [--code-root DIR] [--work DIR] [--only SUBSTRING]

``--code-root`` runs another checkout's code (e.g. an exported older commit) against the same states, for a
before/after comparison. Needs root for the read-only and full-disk states (mounts); skips them otherwise.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import damage  # noqa: E402

PY = sys.executable

LAUNCH_STUB = (
    "import sys, gradio as gr; gr.Blocks.launch = lambda self, *a, **k: print('LAUNCHED');"
    "import app; sys.exit(app.main(sys.argv[1:]))"
)
CALLBACKS = """
import sys
from settings import get_settings
from webui.callbacks import GuideApp
try:
    from guide.index import open_index
    index = open_index()
except Exception as e:
    print("open failed:", type(e).__name__, e)
    index = None
app = GuideApp(index, settings=get_settings())
for _ in app.chat("does a channel take a lock?", [], [], []):
    pass
app.compare("hchan", "go1.21.13", "go1.27.3")
app.status()
app.open_card({"version": "go1.27.3", "file": "src/runtime/chan.go", "start": 1, "end": 5})
print("CALLBACKS DONE")
"""

COMMANDS: dict[str, list[str]] = {
    "ingest status": ["-m", "ingest", "status"],
    "ingest status --json": ["-m", "ingest", "status", "--json"],
    "ingest symbol": ["-m", "ingest", "symbol", "hchan"],
    "ingest": ["-m", "ingest"],
    "guide ask": ["-m", "guide", "ask", "does a channel take a lock?"],
    "guide where": ["-m", "guide", "where", "hchan"],
    "guide compare": ["-m", "guide", "compare", "hchan", "go1.21.13", "go1.27.3"],
    "guide timeline": ["-m", "guide", "timeline", "hchan"],
    "evals verify": ["-m", "evals", "verify", "--facts", "tests/fixture_facts.jsonl"],
    "app start": ["-c", LAUNCH_STUB, "--no-warm-up", "--no-embed", "--port", "1"],
    "web callbacks": ["-c", CALLBACKS],
}


def run(code_root: Path, data: Path, name: str, argv: list[str], extra_env: dict[str, str] | None = None) -> dict:
    env = damage.env_for(data)
    env["PYTHONPATH"] = str(code_root)
    env.update(extra_env or {})
    try:
        p = subprocess.run([PY, *argv], cwd=code_root, env=env, capture_output=True, text=True, timeout=300)
        out, err, rc = p.stdout, p.stderr, p.returncode
    except subprocess.TimeoutExpired:
        out, err, rc = "", "TIMEOUT", -1
    text = out + err
    lines = [ln for ln in err.strip().splitlines() if ln.strip()]
    return {
        "command": name,
        "rc": rc,
        "traceback": "Traceback (most recent call last)" in text,
        "last_line": (lines[-1] if lines else (out.strip().splitlines() or [""])[-1])[:300],
    }


def build_clean(code_root: Path, work: Path) -> Path:
    clean = work / "clean"
    damage.make_synced(clean)
    r = run(code_root, clean, "build", ["-m", "ingest"])
    assert r["rc"] == 0, r
    damage.checkpoint(clean)
    return clean


def fresh(clean: Path, work: Path, name: str) -> Path:
    d = work / name.replace(" ", "-")
    if d.exists():
        shutil.rmtree(d)
    shutil.copytree(clean, d, symlinks=True)
    # the manifest names the repositories by absolute path
    m = json.loads((d / "corpus.json").read_text())
    for repo in m["repos"].values():
        repo["path"] = repo["path"].replace(str(clean), str(d))
    (d / "corpus.json").write_text(json.dumps(m))
    return d


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--code-root", type=Path, default=ROOT)
    ap.add_argument("--work", type=Path, default=None)
    ap.add_argument("--only", default="")
    a = ap.parse_args()
    work = a.work or Path(tempfile.mkdtemp(prefix="goguide-probe-"))
    work.mkdir(parents=True, exist_ok=True)
    code = a.code_root.resolve()
    clean = build_clean(code, work)
    results: list[dict] = []

    def record(state: str, r: dict) -> None:
        r["state"] = state
        results.append(r)
        print(json.dumps(r, ensure_ascii=False), flush=True)

    states = dict(damage.DAMAGES)
    for state, fn in states.items():
        if a.only and a.only not in state:
            continue
        for cmd, argv in COMMANDS.items():
            d = fresh(clean, work, state)
            fn(d)
            record(state, run(code, d, cmd, argv))

    mounts = damage.can_mount()
    if mounts and (not a.only or a.only in "read-only data dir"):
        for cmd, argv in COMMANDS.items():
            if cmd == "ingest":
                continue  # a writer on a read-only disk: covered below
            d = fresh(clean, work, "ro")
            damage.drop_shm(d)
            with damage.read_only(d) as ro:
                record("read-only data dir, no -shm", run(code, ro, cmd, argv))
        d = fresh(clean, work, "ro")
        damage.drop_shm(d)
        with damage.read_only(d) as ro:
            record("read-only data dir, no -shm", run(code, ro, "ingest", COMMANDS["ingest"]))
    if mounts and (not a.only or a.only in "disk full"):
        disk = work / "small"
        with damage.small_disk(disk, "3m"):
            d = disk / "data"
            damage.make_synced(d)
            damage.fill(disk, leave=200_000)
            record("disk full during ingest", run(code, d, "ingest", COMMANDS["ingest"]))
            (disk / "filler").unlink()
            record("disk full, then space freed", run(code, d, "ingest", COMMANDS["ingest"]))

    # settings and config errors
    bad = work / "bad"
    bad.mkdir(exist_ok=True)
    (bad / "invalid.toml").write_text("data_dir = [unclosed\n")
    (bad / "latin1.toml").write_bytes(b"llm = '\xe9xtractive'\n")
    (bad / "wrongtype.toml").write_text("network_timeout = 'soon'\n")
    (bad / "corpusdir").mkdir(exist_ok=True)
    (bad / "corpus-latin1.toml").write_bytes(b"[repos.go]\nname = '\xe9'\n")
    settings_cases = {
        "GOGUIDE_CONFIG invalid TOML": {"GOGUIDE_CONFIG": str(bad / "invalid.toml")},
        "GOGUIDE_CONFIG non-UTF-8": {"GOGUIDE_CONFIG": str(bad / "latin1.toml")},
        "GOGUIDE_CONFIG wrong type": {"GOGUIDE_CONFIG": str(bad / "wrongtype.toml")},
        "GOGUIDE_CONFIG a directory": {"GOGUIDE_CONFIG": str(bad)},
        "GOGUIDE_EMBEDDING__BATCH_SIZE=0": {"GOGUIDE_EMBEDDING__BATCH_SIZE": "0"},
        "GOGUIDE_NETWORK_TIMEOUT=-1": {"GOGUIDE_NETWORK_TIMEOUT": "-1"},
        "GOGUIDE_EMBEDDING__MODEL=nope": {"GOGUIDE_EMBEDDING__MODEL": "nope"},
        "GOGUIDE_PLATFORM=windows": {"GOGUIDE_PLATFORM": "Windows 11"},
        "GOGUIDE_AUTH=nopassword": {"GOGUIDE_AUTH": "nopassword"},
    }
    settings_cmds = ["ingest status", "ingest", "guide ask", "app start", "evals verify"]
    for state, env in settings_cases.items():
        if a.only and a.only not in state:
            continue
        for cmd in settings_cmds:
            record(state, run(code, clean, cmd, COMMANDS[cmd], env))
        if "AUTH" not in state:  # valid for the sync: it would really sync
            record(state, run(code, clean, "corpus sync", ["-m", "corpus", "sync", "--source", "dist"], env))
    for state, arg in {
        "corpus sync --corpus DIR": str(bad / "corpusdir"),
        "corpus sync --corpus non-UTF-8": str(bad / "corpus-latin1.toml"),
        "corpus sync --corpus missing": str(bad / "nosuch.toml"),
    }.items():
        if a.only and a.only not in state:
            continue
        record(state, run(code, clean, "corpus sync", ["-m", "corpus", "sync", "--corpus", arg]))

    by_state: dict[str, list[int]] = {}
    for r in results:
        s = by_state.setdefault(r["state"], [0, 0])
        s[0] += 1
        s[1] += r["traceback"]
    print(json.dumps({"summary": {k: {"runs": v[0], "tracebacks": v[1]} for k, v in by_state.items()}}, indent=1))
    total = len(results)
    tb = sum(r["traceback"] for r in results)
    print(f"{tb} of {total} runs ended in a traceback")
    return 0


if __name__ == "__main__":
    sys.exit(main())
