"""A bounded soak on loopback: bursts of chats against the running app, with pauses long enough for the worker
threads to retire (anyio retires idle threads after 10 s). SQLite connections, open file handles and RSS must stay
flat: before the fix every new worker thread kept its own connection forever.

Bounded: ``BURSTS`` bursts of ``PER_BURST`` chats, ``PAUSE`` s apart, each chat with a 120 s limit; loopback only.
``GOGUIDE_SOAK_BURSTS`` / ``GOGUIDE_SOAK_PER_BURST`` make it longer by hand (``scripts/soak.py`` prints figures).
"""

from __future__ import annotations

import concurrent.futures as cf
import os
import time
from pathlib import Path

from tests.browser_support import ROOT, running_app

BURSTS = int(os.environ.get("GOGUIDE_SOAK_BURSTS", "4"))
assert BURSTS >= 3, "the soak compares bursts after two warm-up bursts"
PER_BURST = int(os.environ.get("GOGUIDE_SOAK_PER_BURST", "12"))
PAUSE = float(os.environ.get("GOGUIDE_SOAK_PAUSE", "12"))


def app_pid(url: str) -> int:
    """The pid of the process listening on the app's port (from /proc/net/tcp and the fds of our children)."""
    port = int(url.rsplit(":", 1)[1])
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as f:
            for line in f.readlines()[1:]:
                parts = line.split()
                if int(parts[1].rsplit(":", 1)[1], 16) == port and parts[3] == "0A":
                    inodes.add(parts[9])
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            for fd in os.listdir(f"/proc/{pid}/fd"):
                link = os.readlink(f"/proc/{pid}/fd/{fd}")
                if link.startswith("socket:[") and link[8:-1] in inodes:
                    return int(pid)
        except OSError:
            continue
    raise RuntimeError(f"no process listens on {port}")


def sample(pid: int, index_db: Path) -> dict[str, int]:
    """Open SQLite handles on the index, open files, all descriptors, RSS (kB) and threads of ``pid``."""
    fds = os.listdir(f"/proc/{pid}/fd")
    index_handles = files = 0
    for fd in fds:
        try:
            link = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        index_handles += link == str(index_db)
        files += link.startswith("/")  # files, not sockets, pipes or event handles (those follow the traffic)
    status = Path(f"/proc/{pid}/status").read_text()
    rss = int(next(ln.split()[1] for ln in status.splitlines() if ln.startswith("VmRSS:")))
    threads = int(next(ln.split()[1] for ln in status.splitlines() if ln.startswith("Threads:")))
    return {"index_connections": index_handles, "files": files, "fds": len(fds), "rss_kb": rss, "threads": threads}


def chat(url: str, question: str) -> str:
    from gradio_client import Client

    client = Client(url, verbose=False, download_files=False)
    try:
        out = client.submit(question, [], [], api_name="/chat").result(timeout=120)
    finally:
        client.close()
    return str(out[1][-1]["content"])


QUESTIONS = ["does a channel take a lock?", "what is hchan?", "where is runtime·rt0_go?", "what is forcePreemptNS?"]


def soak(url: str, index_db: Path, bursts: int, per_burst: int, pause: float) -> list[dict[str, int]]:
    pid = app_pid(url)
    samples = [sample(pid, index_db)]
    for b in range(bursts):
        with cf.ThreadPoolExecutor(max_workers=per_burst) as pool:
            answers = list(pool.map(lambda i: chat(url, QUESTIONS[i % len(QUESTIONS)]), range(per_burst)))
        assert all("model:" in a for a in answers), answers[:2]
        time.sleep(pause)  # idle: the worker threads retire
        s = sample(pid, index_db)
        s["burst"] = b + 1
        samples.append(s)
    return samples


def test_soak_connections_and_memory_stay_flat(fixture_data_dir: Path):
    with running_app(fixture_data_dir, ROOT / "artifacts" / "logs" / "soak-app.log") as url:
        samples = soak(url, fixture_data_dir / "index.sqlite", BURSTS, PER_BURST, PAUSE)
    print("soak:", samples)
    warm = samples[2]  # after two bursts: the thread pool and SQLite's descriptor reuse are warm
    later = samples[3:]
    # connections and handles: flat once warm, bounded by the live worker threads (before the fix: +5 to +8
    # connections and +10 to +17 handles per burst, for good)
    assert max(s["index_connections"] for s in later) <= warm["index_connections"] + 3, samples
    assert max(s["files"] for s in later) <= warm["files"] + 6, samples
    assert all(s["index_connections"] <= s["threads"] + 1 for s in samples), samples
    # memory: flat (generous: allocator noise, not growth per thread)
    assert later[-1]["rss_kb"] <= warm["rss_kb"] + 30_000, samples
