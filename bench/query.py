"""Query latency, cold start, memory and throughput on a built index, in one run. Prints one JSON object.

    python bench/query.py [--data-dir DIR] [--questions bench/questions.txt] [--clients 1,10,50]
                          [--target app|api] [--releases 2,9] [--no-dense] [--no-answer] [--quick]

- ``retrieval``: ``guide.retrieval.retrieve`` on every question (scoped as the guide scopes it: ``Query.scope``),
  after a warm-up (model and vectors loaded); p50/p95/max of the whole and of each stage (the retrievers, and
  ``fusion``: fetching the candidates, their release tags and the fusion itself); ``answer``: extractive answers.
- ``cold_start.api``: a new Python process (``--child cold``) opens the index, starts the warm-up in the background
  as the app does, and answers the first question at once (without dense retrieval when the model is not ready yet):
  seconds from process start to that answer, and to dense retrieval being ready.
- ``cold_start.app``: ``python app.py`` started (``--no-embed``): seconds until it listens, until the first chat's
  answer (gradio_client over loopback), and until its log says dense retrieval is ready.
- ``concurrency``: for each client count, every client asks ``--rounds`` questions back to back, all clients at once;
  latency per chat (p50/p95/max), errors (an exception, or no final answer), answers without citation (the
  answerer's "not found"), chats per second, and the app's CPU time per chat. ``--target app`` (default): the
  running app over loopback, one gradio_client per client (created before the clock starts; the clients share the
  cores); ``--target api``: ``guide.answering.answer`` from that many threads in this process.
- ``peak_rss_mb``: this process (retrieval and answers; with ``--target api`` the threads too) and the app's.
- ``--releases 2,9``: the retrieval benchmark (in a child process each) on the index restricted to its N newest
  releases (and the design documents), made once under ``--work-dir`` from this index (SQLite index and embedding
  cache copied, tags dropped, the vectors copied: nothing is embedded again), and the ratio of the p50s. N equal
  to the index's release count is the index itself.

``load`` fields are ``os.getloadavg()`` before and after: the machine is shared, compare runs at similar load.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import json
import logging
import os
import re
import resource
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from guide.texts import TEXTS  # noqa: E402

READY_LINE = "dense retrieval ready"
NO_CITATION = "answered, no citation"
"""Not an error: the extractive answerer says what it did not find (two Chinese questions of questions.txt)."""


def percentiles(ms: list[float]) -> dict[str, float | None]:
    if not ms:
        return {"p50": None, "p95": None, "max": None}
    s = sorted(ms)
    return {
        "p50": round(statistics.median(s), 1),
        "p95": round(s[min(len(s) - 1, round(0.95 * (len(s) - 1)))], 1),
        "max": round(s[-1], 1),
    }


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # KiB on Linux


def proc_peak_rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def read_questions(path: Path) -> list[str]:
    return [q.strip() for q in path.read_text(encoding="utf-8").splitlines() if q.strip()]


def _env(data_dir: Path) -> dict[str, str]:
    env = {**os.environ, "GOGUIDE_DATA_DIR": str(data_dir), "ANONYMIZED_TELEMETRY": "False"}
    env.update({"GRADIO_ANALYTICS_ENABLED": "False", "HF_HUB_OFFLINE": "1", "PYTHONUNBUFFERED": "1"})
    return env


# -- retrieval ------------------------------------------------------------------------------------------------------
def bench_retrieval(index: Any, questions: list[str], k: int, dense: bool) -> dict[str, Any]:
    from guide.query import Query
    from guide.retrieval import ALL_RETRIEVERS, DENSE, retrieve

    retrievers = ALL_RETRIEVERS if dense else tuple(r for r in ALL_RETRIEVERS if r != DENSE)

    def tags_of(q: str) -> list[str]:
        return Query.parse(q).scope(index.releases).tags

    t = time.perf_counter()
    if dense and index.has_vectors:
        index.warm_up(wait=True)
    warm_s = time.perf_counter() - t
    for q in questions[:4]:
        retrieve(index, q, tags_of(q), k=k, retrievers=retrievers)
    index.embeddings.queries.clear()  # every question's embedding is computed in the timed pass
    total: list[float] = []
    stages: dict[str, list[float]] = {}
    with_dense = 0
    empty = 0
    for q in questions:
        timings: dict[str, float] = {}
        t = time.perf_counter()
        hits = retrieve(index, q, tags_of(q), k=k, retrievers=retrievers, timings=timings)
        ms = (time.perf_counter() - t) * 1000
        total.append(ms)
        for name, v in timings.items():
            stages.setdefault(name, []).append(v)
        stages.setdefault("fusion", []).append(ms - sum(timings.values()))
        with_dense += any(DENSE in h.ranks for h in hits)
        empty += not hits
    return {
        "warm_up_s": round(warm_s, 2),
        "dense_status": index.dense_status,
        "retrieval_ms": percentiles(total),
        "stage_ms": {name: percentiles(v) for name, v in stages.items()},
        "questions_with_dense_hits": with_dense,
        "questions_without_hits": empty,
    }


def bench_answers(index: Any, questions: list[str]) -> dict[str, Any]:
    from guide.answering import answer

    answer(questions[0], llm="extractive", index=index)
    index.embeddings.queries.clear()
    ms = []
    for q in questions:
        t = time.perf_counter()
        answer(q, llm="extractive", index=index)
        ms.append((time.perf_counter() - t) * 1000)
    return percentiles(ms)


# -- cold start ----------------------------------------------------------------------------------------------------
def child_cold(args: argparse.Namespace) -> None:
    """In a new process: first answer with the warm-up running behind, then dense readiness (JSON to stdout)."""
    t0 = float(os.environ["BENCH_T0"])
    from guide.answering import answer
    from guide.index import open_index
    from guide.retrieval import DENSE

    index = open_index(data_dir=args.data_dir)
    index.dense_blocking = False  # as the app does
    opened = time.time() - t0
    warming = index.warm_up()
    q = read_questions(args.questions)[0]
    a = answer(q, llm="extractive", index=index)
    first = time.time() - t0
    used_dense = any(DENSE in (r.get("scores") or {}) for r in a.to_json().get("retrieved", []))
    if warming is not None:
        warming.join()
    ready = time.time() - t0
    print(
        json.dumps(
            {
                "index_open_s": round(opened, 2),
                "first_answer_s": round(first, 2),
                "first_answer_grounded": a.grounded,
                "first_answer_used_dense": used_dense,
                "dense_ready_s": round(ready, 2),
                "dense_status": index.dense_status,
                "model_load_s": round(index.embeddings.load_seconds or 0.0, 2),
                "peak_rss_mb": peak_rss_mb(),
            }
        )
    )


def cold_start_api(data_dir: Path, questions: Path) -> dict[str, Any]:
    env = {**_env(data_dir), "BENCH_T0": repr(time.time())}
    cmd = [sys.executable, str(Path(__file__)), "--child", "cold", "--data-dir", str(data_dir)]
    done = subprocess.run([*cmd, "--questions", str(questions)], capture_output=True, text=True, env=env, cwd=ROOT)
    if done.returncode:
        return {"error": done.stderr.strip().splitlines()[-3:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- the app ---------------------------------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class App:
    """``python app.py`` on a free loopback port, its log in a file."""

    def __init__(self, data_dir: Path, log_path: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log = open(log_path, "wb")  # noqa: SIM115 -- closed in stop()
        self.t0 = time.monotonic()
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "app.py"), "--port", str(self.port), "--no-embed"],
            cwd=ROOT,
            env=_env(data_dir),
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )

    def wait_listening(self, timeout: float = 120) -> float:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"app exited ({self.proc.returncode}); see {self.log_path}")
            try:
                with urllib.request.urlopen(self.url + "/", timeout=2) as r:
                    if r.status == 200:
                        return time.monotonic() - self.t0
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"app not listening after {timeout} s")

    def wait_dense_ready(self, timeout: float = 300) -> float | None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if READY_LINE in self.log_path.read_text(errors="replace"):
                return time.monotonic() - self.t0
            time.sleep(0.1)
        return None

    def stop(self) -> float | None:
        rss = proc_peak_rss_mb(self.proc.pid)
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self._log.close()
        return rss


def _client(url: str) -> Any:
    from gradio_client import Client

    return Client(url, verbose=False, download_files=False)


def _chat(client: Any, question: str) -> tuple[float, str | None]:
    """(seconds, error or None) of one chat through the app's /chat endpoint."""
    t = time.perf_counter()
    try:
        out = client.submit(question, [], [], api_name="/chat").result(timeout=300)
    except Exception as e:
        return time.perf_counter() - t, f"{type(e).__name__}: {e}"[:200]
    dt = time.perf_counter() - t
    messages = out[1] if isinstance(out, (list, tuple)) and len(out) > 1 else []
    answer = messages[-1]["content"] if messages else ""
    if isinstance(answer, list):
        answer = " ".join(str(p.get("text", p)) if isinstance(p, dict) else str(p) for p in answer)
    if not any(head in str(answer) for head in FINAL_HEADS):
        return dt, f"not a final answer: {str(answer)[:120]}"
    return dt, None if CITATION_MARK.search(str(answer)) else NO_CITATION


FINAL_HEADS = tuple(TEXTS[code]["footer_model"].split("{", 1)[0] for code in ("en", "zh"))
"""The answer's footer names its model ("model: ", "模型："), in the question's language: it ends a final answer."""
CITATION_MARK = re.compile(r"\\?\[\d+\\?\]")
"""A citation marker, as written ("[3]") or as the chat's Markdown escapes it inside its link
("[\\[3\\]](#gg-cite-...)"): the run before these marks counted every chat answer as uncited."""


def proc_cpu_s(pid: int) -> float | None:
    """User + system CPU seconds of process ``pid`` so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def sweep(
    clients: list[int], rounds: int, questions: list[str], ask: Any, make: Any, server_pid: int | None = None
) -> dict[str, Any]:
    """For each client count: make that many clients, then all ask ``rounds`` questions each, at once. With
    ``server_pid``, the server's CPU time per chat (the clients run on the same cores)."""
    out: dict[str, Any] = {}
    for n in clients:
        workers = [make() for _ in range(n)]
        before = load()
        cpu0 = proc_cpu_s(server_pid) if server_pid else None

        def user(i: int, worker: Any = None) -> list[tuple[float, str | None]]:
            return [ask(worker, questions[(i * rounds + r) % len(questions)]) for r in range(rounds)]

        t = time.perf_counter()
        with cf.ThreadPoolExecutor(max_workers=n) as pool:
            results = [x for f in [pool.submit(user, i, workers[i]) for i in range(n)] for x in f.result()]
        wall = time.perf_counter() - t
        for w in workers:
            close = getattr(w, "close", None)
            if close is not None:
                close()
        cpu1 = proc_cpu_s(server_pid) if server_pid else None
        errors = [e for _, e in results if e and e != NO_CITATION]
        out[str(n)] = {
            "chats": len(results),
            "latency_ms": percentiles([s * 1000 for s, _ in results]),
            "answers_without_citation": sum(e == NO_CITATION for _, e in results),
            "errors": len(errors),
            "error_examples": errors[:3],
            "chats_per_s": round(len(results) / wall, 1),
            "server_cpu_ms_per_chat": round((cpu1 - cpu0) * 1000 / len(results), 1)
            if cpu0 is not None and cpu1 is not None
            else None,
            "load": [before, load()],
        }
    return out


# -- indexes with fewer releases -----------------------------------------------------------------------------------
def derive_index(source: Path, work: Path, n: int) -> Path:
    """The index of ``source`` restricted to its ``n`` newest releases and the design documents, under ``work``
    (made once; nothing is embedded: the vectors of the remaining chunks are copied)."""
    from guide.index import open_index
    from ingest.pipeline import chunk_metadata
    from ingest.store import Store
    from ingest.targets import version_key
    from ingest.vectors import VectorIndex

    src = open_index(data_dir=source)
    releases = sorted(src.releases, key=version_key)
    if n >= len(releases):
        return source
    keep = releases[-n:]
    target = work / f"releases-{n}"
    marker = target / "derived.json"
    stamp = {"source": str(source.resolve()), "keep": keep, "collection": src.vectors.name}
    if marker.exists() and json.loads(marker.read_text()) == stamp:
        return target
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for name in ("repos", "corpus.json"):
        if (source / name).exists():
            (target / name).symlink_to((source / name).resolve())
    for name in ("index.sqlite", "embeddings.sqlite"):  # the embedding cache: where the guide reads vectors
        if (source / name).exists():
            with sqlite3.connect(f"file:{source / name}?mode=ro", uri=True) as a, sqlite3.connect(target / name) as b:
                a.backup(b)
    store = Store(target / "index.sqlite")
    for row in store.tags(listed_only=False):
        if row.repo == "go" and row.tag not in keep:
            store.drop_tag(row.repo, row.tag)
    store.delete_orphans()
    settings = src.settings.model_copy(update={"data_dir": target, "chroma": src.settings.chroma.model_copy()})
    dst = VectorIndex(settings, src.embeddings)
    rows = store.db.execute("SELECT rowid FROM chunks WHERE embedded=1").fetchall()
    chunks = store.get_chunks([r[0] for r in rows])
    for i in range(0, len(chunks), 2000):
        part = chunks[i : i + 2000]
        got = src.vectors.collection.get(ids=[c.id for c in part], include=["embeddings"])
        vec = dict(zip(got["ids"], got["embeddings"], strict=True))
        have = [c for c in part if c.id in vec]
        metas = [chunk_metadata(c, store.chunk_tags(c.repo, c.path, c.blob)) for c in have]
        dst.collection.add(ids=[c.id for c in have], embeddings=[vec[c.id] for c in have], metadatas=metas)
    store.clear_dirty([c.rowid for c in chunks])
    store.set_meta("collection", dst.name)
    store.close()
    src.close()
    marker.write_text(json.dumps(stamp))
    return target


def child_retrieval(args: argparse.Namespace) -> None:
    from guide.index import open_index

    index = open_index(data_dir=args.data_dir)
    counts = index.reader.counts()
    out = bench_retrieval(index, read_questions(args.questions), args.k, not args.no_dense)
    out["index"] = {"releases": index.releases, "chunks": counts["chunks"], "embedded": counts["chunks_embedded"]}
    out["peak_rss_mb"] = peak_rss_mb()
    print(json.dumps(out))


def releases_growth(args: argparse.Namespace, counts: list[int]) -> dict[str, Any]:
    work = args.work_dir or args.data_dir / "bench-releases"
    out: dict[str, Any] = {"work_dir": str(work)}
    for n in counts:
        t = time.perf_counter()
        d = derive_index(args.data_dir, work, n)
        made = time.perf_counter() - t
        cmd = [sys.executable, str(Path(__file__)), "--child", "retrieval", "--data-dir", str(d), "-k", str(args.k)]
        cmd += ["--questions", str(args.questions)] + (["--no-dense"] if args.no_dense else [])
        before = load()
        done = subprocess.run(cmd, capture_output=True, text=True, env=_env(d), cwd=ROOT)
        if done.returncode:
            out[str(n)] = {"error": done.stderr.strip().splitlines()[-3:]}
            continue
        res = json.loads(done.stdout.strip().splitlines()[-1])
        res["derive_s"] = round(made, 1)
        res["load"] = [before, load()]
        out[str(n)] = res
    ok = [str(n) for n in counts if "retrieval_ms" in out.get(str(n), {})]
    if len(ok) >= 2:
        lo, hi = out[ok[0]], out[ok[-1]]
        out["ratio"] = {
            "retrieval_p50": round(hi["retrieval_ms"]["p50"] / lo["retrieval_ms"]["p50"], 2),
            "retrieval_p95": round(hi["retrieval_ms"]["p95"] / lo["retrieval_ms"]["p95"], 2),
            **{
                f"{s}_p50": round(hi["stage_ms"][s]["p50"] / max(lo["stage_ms"][s]["p50"], 0.01), 2)
                for s in hi["stage_ms"]
                if s in lo["stage_ms"]
            },
        }
    return out


# -- main ------------------------------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data-dir", type=Path, default=Path("data"))
    p.add_argument("--questions", type=Path, default=Path(__file__).with_name("questions.txt"))
    p.add_argument("--no-dense", action="store_true", help="symbol, glossary and lexical retrieval only")
    p.add_argument("--no-answer", action="store_true", help="skip the extractive answer timings")
    p.add_argument("--clients", default="1,10,50", help="concurrency sweep; empty to skip")
    p.add_argument("--rounds", type=int, default=2, help="questions each client asks in the sweep")
    p.add_argument("--target", choices=["app", "api"], default="app", help="the sweep's target (see above)")
    p.add_argument("--releases", default="", help="e.g. 2,9: retrieval on the N newest releases of this index")
    p.add_argument("--work-dir", type=Path, help="where --releases keeps its derived indexes")
    p.add_argument("--no-cold", action="store_true", help="skip the cold-start measurements")
    p.add_argument("--only-releases", action="store_true", help="only the --releases comparison")
    p.add_argument("-k", type=int, default=8)
    p.add_argument("--child", choices=["cold", "retrieval"], help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    if args.child == "cold":
        child_cold(args)
        return 0
    if args.child == "retrieval":
        child_retrieval(args)
        return 0

    out: dict[str, Any] = {"cpus": os.cpu_count(), "load_before": load()}
    questions = read_questions(args.questions)
    out["questions"] = len(questions)
    if not args.only_releases:
        from guide.index import open_index

        if not args.no_cold:
            out["cold_start"] = {"api": cold_start_api(args.data_dir, args.questions)}
        index = open_index(data_dir=args.data_dir)
        counts = index.reader.counts()
        out["index"] = {
            "releases": index.releases,
            "chunks": counts["chunks"],
            "embedded_chunks": counts["chunks_embedded"],
            "embeddable_chunks": counts["chunks_embeddable"],
            "embedding_model": index.embeddings.model_id,
        }
        out["retrieval"] = bench_retrieval(index, questions, args.k, not args.no_dense)
        out["answer_ms"] = None if args.no_answer else bench_answers(index, questions)
        clients = [int(c) for c in args.clients.split(",") if c.strip()]
        app_rss = None
        if args.target == "app" and (clients or not args.no_cold):
            log_path = Path(args.work_dir or args.data_dir) / "bench-app.log"
            app = App(args.data_dir, log_path)
            try:
                listening = app.wait_listening()
                c = _client(app.url)
                first, err = _chat(c, questions[0])
                c.close()
                first_s = time.monotonic() - app.t0
                ready = app.wait_dense_ready()
                out.setdefault("cold_start", {})["app"] = {
                    "listening_s": round(listening, 2),
                    "first_answer_s": round(first_s, 2),
                    "first_chat_s": round(first, 2),
                    "first_chat_error": err,
                    "dense_ready_s": round(ready, 2) if ready else None,
                }
                if clients:
                    out["concurrency"] = {
                        "target": "app over loopback (gradio_client, one per client)",
                        "rounds": args.rounds,
                        **sweep(clients, args.rounds, questions, _chat, lambda: _client(app.url), app.proc.pid),
                    }
            finally:
                app_rss = app.stop()
        elif clients:
            from guide.answering import answer

            def ask(_: Any, q: str) -> tuple[float, str | None]:
                t = time.perf_counter()
                try:
                    a = answer(q, llm="extractive", index=index)
                except Exception as e:
                    return time.perf_counter() - t, f"{type(e).__name__}: {e}"[:200]
                return time.perf_counter() - t, None if a.citations else NO_CITATION

            out["concurrency"] = {
                "target": "Python API (guide.answering.answer) from N threads in one process",
                "rounds": args.rounds,
                **sweep(clients, args.rounds, questions, ask, lambda: None),
            }
        out["peak_rss_mb"] = {"bench": peak_rss_mb(), "app": app_rss}
        index.close()
    counts_n = [int(n) for n in args.releases.split(",") if n.strip()]
    if counts_n:
        out["releases"] = releases_growth(args, counts_n)
    out["load_after"] = load()
    print(json.dumps(out, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
