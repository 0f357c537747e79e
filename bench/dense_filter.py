"""Dense search restricted to releases: the ways to do it, timed and checked against an exhaustive search. Prints
JSON.

    python bench/dense_filter.py --data-dir DIR [--work-dir DIR] [--questions bench/questions.txt] [-k 40]

The index's own vectors are copied (never re-embedded) into scratch collections under ``--work-dir`` (default
``<data-dir>/bench-dense``; the index itself is only read). Scopes are the guide's: each question's releases
(``Query.scope``; the newest release when it names none) plus the design documents, and once more with every
release. Options:

- ``overfetch``: today's ``VectorIndex.search`` before this change: ``8k`` neighbours unfiltered, kept when the
  SQLite index says their file is in scope, Chroma's ``$contains`` filter when too few survive;
- ``contains``: Chroma's filter on the ``tags`` list (``{"tags": {"$contains": T}}``, ``$or`` for several);
- ``bool``: one boolean metadata key per release (``{"in_go1_27_3": true}``, ``$or`` for several);
- ``per_release``: one collection per release holding the vectors of its chunks, queried unfiltered and merged;
- ``brute``: numpy, every vector of the scope gathered and scored (the reference: an exhaustive filtered search);
- ``exact_vectors``: what the guide uses (``ingest.vectors.ExactVectors``): one product over the distinct vectors,
  the scope's scores gathered, a partial sort (timed without the mapping of rowids to ids the others need).

``recall`` is the share of the exhaustive top ``k`` ids that an option returns; ``exact`` the share of questions
whose list has exactly the exhaustive list's distances, in order (identical texts have identical vectors, so two
exact answers may differ in which of equally distant chunks they list: ``recall`` can be below 1 for an exact
search, ``exact`` cannot).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

BATCH = 2000


def _pcts(ms: list[float]) -> dict[str, float]:
    s = sorted(ms)
    return {"p50": round(statistics.median(s), 2), "p95": round(s[min(len(s) - 1, round(0.95 * (len(s) - 1)))], 2)}


def tag_key(tag: str) -> str:
    return "in_" + "".join(c if c.isalnum() else "_" for c in tag)


def load_vectors(collection: Any) -> tuple[list[str], np.ndarray, list[list[str]]]:
    n = collection.count()
    ids: list[str] = []
    vecs: list[np.ndarray] = []
    tags: list[list[str]] = []
    for off in range(0, n, BATCH):
        got = collection.get(include=["embeddings", "metadatas"], limit=BATCH, offset=off)
        ids += got["ids"]
        vecs.append(np.asarray(got["embeddings"], dtype=np.float32))
        tags += [list(m.get("tags") or []) for m in got["metadatas"]]
    return ids, np.concatenate(vecs), tags


def build_scratch(client: Any, ids: list[str], vecs: np.ndarray, tags: list[list[str]], all_tags: list[str]) -> None:
    """A copy with boolean release keys, and one collection per release."""
    space = {"hnsw:space": "cosine"}
    have = {c.name for c in client.list_collections()}
    if "bool" not in have:
        col = client.create_collection("bool", metadata=space, embedding_function=None)
        for i in range(0, len(ids), BATCH):
            metas = [{tag_key(t): True for t in ts} for ts in tags[i : i + BATCH]]
            col.add(ids=ids[i : i + BATCH], embeddings=vecs[i : i + BATCH], metadatas=metas)  # type: ignore[arg-type]
    for t in all_tags:
        name = "rel-" + tag_key(t)
        if name in have:
            continue
        col = client.create_collection(name, metadata=space, embedding_function=None)
        rows = [i for i, ts in enumerate(tags) if t in ts]
        for j in range(0, len(rows), BATCH):
            part = rows[j : j + BATCH]
            col.add(ids=[ids[r] for r in part], embeddings=vecs[part])


def time_option(fn: Callable[[np.ndarray, Sequence[str]], list[str]], cases: list[tuple[np.ndarray, list[str]]]):
    out = []
    ms = []
    for v, scope in cases:
        t = time.perf_counter()
        out.append(fn(v, scope))
        ms.append((time.perf_counter() - t) * 1000)
    return out, ms


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-dir", type=Path, required=True)
    ap.add_argument("--work-dir", type=Path)
    ap.add_argument("--questions", type=Path, default=Path(__file__).with_name("questions.txt"))
    ap.add_argument("-k", type=int, default=40)
    ap.add_argument("--repeat", type=int, default=2, help="timed passes over the questions (best pass kept)")
    ap.add_argument("--fresh", action="store_true", help="rebuild the scratch collections")
    args = ap.parse_args()
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    import chromadb

    from guide.index import open_index
    from guide.query import Query
    from ingest.vectors import ExactVectors, single_thread_blas, tags_filter

    single_thread_blas()  # as the guide runs it
    index = open_index(data_dir=args.data_dir)
    model_id = index.store.get_meta("embedding_model") or ""
    if model_id.startswith("sentence-transformers/"):
        index.settings = index.settings.model_copy(
            update={"embedding": index.settings.embedding.model_copy(update={"model": "minilm-torch"})}
        )
    emb = index.embeddings
    assert emb.model_id == model_id, (emb.model_id, model_id)
    vi = index.vectors
    releases = index.releases
    design = [v.tag for v in index.versions if v.repo != "go"]
    all_tags = [*releases, *design]
    work = args.work_dir or args.data_dir / "bench-dense"
    if args.fresh and work.exists():
        shutil.rmtree(work)
    t0 = time.perf_counter()
    ids, vecs, tags = load_vectors(vi.collection)
    load_s = time.perf_counter() - t0
    client = chromadb.PersistentClient(path=str(work), settings=chromadb.config.Settings(anonymized_telemetry=False))
    t0 = time.perf_counter()
    build_scratch(client, ids, vecs, tags, all_tags)
    build_s = time.perf_counter() - t0
    bool_col = client.get_collection("bool")
    per_rel = {t: client.get_collection("rel-" + tag_key(t)) for t in all_tags}

    questions = [q.strip() for q in args.questions.read_text(encoding="utf-8").splitlines() if q.strip()]
    qvecs = np.asarray(emb.embed_documents(questions), dtype=np.float32)  # the query vectors, once
    cases = []
    for q, v in zip(questions, qvecs, strict=True):
        scope = [*Query.parse(q).scope(releases).tags, *design]
        cases.append((v, scope))
    cases_all = [(v, all_tags) for v in qvecs]

    tag_rows = {t: np.array([i for i, ts in enumerate(tags) if t in ts], dtype=np.int64) for t in all_tags}
    id_arr = np.array(ids)
    k = args.k
    reader = index.reader

    def brute(v: np.ndarray, scope: Sequence[str]) -> list[str]:
        rows = np.unique(np.concatenate([tag_rows[t] for t in scope]))
        d = 1.0 - vecs[rows] @ v  # cosine distance (vectors are normalised)
        top = np.argpartition(d, min(k, len(d) - 1))[:k]
        top = top[np.lexsort((id_arr[rows[top]], d[top]))]
        return list(id_arr[rows[top]])

    def in_scope_for(scope: Sequence[str]) -> Callable[[list[str]], list[str]]:
        def f(found: list[str]) -> list[str]:
            rows = reader.chunks_by_id(found)
            keep = set(reader.in_scope([r.rowid for r in rows], scope))
            by_id = {r.id: r.rowid for r in rows}
            return [i for i in found if by_id.get(i) in keep]

        return f

    def overfetch(v: np.ndarray, scope: Sequence[str]) -> list[str]:
        got = vi.nearest(v.tolist(), k * 8)
        keep = in_scope_for(scope)(got)[:k]
        if len(keep) >= k or len(got) < k * 8:
            return keep
        return vi.nearest(v.tolist(), k, list(scope))

    def contains(v: np.ndarray, scope: Sequence[str]) -> list[str]:
        return vi.nearest(v.tolist(), k, list(scope))

    def boolean(v: np.ndarray, scope: Sequence[str]) -> list[str]:
        clauses: list[Any] = [{tag_key(t): True} for t in scope]
        where = clauses[0] if len(clauses) == 1 else {"$or": clauses}
        got = bool_col.query(query_embeddings=v[None, :], n_results=k, where=where, include=[])
        return list(got["ids"][0])

    def per_release(v: np.ndarray, scope: Sequence[str]) -> list[str]:
        best: dict[str, float] = {}
        for t in scope:
            col = per_rel[t]
            got = col.query(query_embeddings=v[None, :], n_results=min(k, col.count()), include=["distances"])
            for i, d in zip(got["ids"][0], got["distances"][0], strict=True):  # type: ignore[index]
                best[i] = min(d, best.get(i, 9.0))
        return [i for i, _ in sorted(best.items(), key=lambda x: (x[1], x[0]))][:k]

    t0 = time.perf_counter()
    chunks = reader.embedded_chunks()
    snap = ExactVectors.build(chunks, [(ids, vecs)])
    exact_build_s = time.perf_counter() - t0
    id_of = {rowid: cid for rowid, cid, _ in chunks}
    row_of = {cid: i for i, cid in enumerate(ids)}

    def exact_vectors(v: np.ndarray, scope: Sequence[str]) -> list[int]:
        return snap.search(v, k, scope)

    options: dict[str, Callable[[np.ndarray, Sequence[str]], list]] = {
        "brute": brute,
        "exact_vectors": exact_vectors,
        "overfetch": overfetch,
        "contains": contains,
        "bool": boolean,
        "per_release": per_release,
    }
    for fn in options.values():  # warm-up: opens every segment
        fn(cases[0][0], cases[0][1])
        fn(cases[0][0], all_tags)
    out: dict[str, Any] = {
        "index": {"releases": releases, "vectors": len(ids), "model": model_id},
        "questions": len(questions),
        "k": k,
        "load_vectors_s": round(load_s, 2),
        "build_scratch_s": round(build_s, 1),
        "exact_vectors": {"build_s": round(exact_build_s, 2), "distinct": len(snap.vectors), "mb": snap.nbytes / 1e6},
        "uptime_load": os.getloadavg(),
        "scopes": {},
    }
    _ = tags_filter  # the filter `contains` uses, through VectorIndex.nearest

    def dists(v: np.ndarray, found: list[str]) -> list[float]:
        return [round(float(1.0 - vecs[row_of[i]] @ v), 5) for i in found]

    for label, cs in (("question", cases), ("all_releases", cases_all)):
        ref, _ms = time_option(brute, cs)
        res: dict[str, Any] = {}
        for name, fn in options.items():
            best_ms: list[float] | None = None
            got: list[list[str]] = []
            for _ in range(args.repeat):
                got, ms = time_option(fn, cs)
                if best_ms is None or statistics.median(ms) < statistics.median(best_ms):
                    best_ms = ms
            assert best_ms is not None
            if name == "exact_vectors":
                got = [[id_of[r] for r in g] for g in got]
            recall = statistics.mean(len(set(g) & set(r)) / max(len(r), 1) for g, r in zip(got, ref, strict=True))
            exact = statistics.mean(
                float(dists(v, g) == dists(v, r)) for (v, _), g, r in zip(cs, got, ref, strict=True)
            )
            res[name] = {"ms": _pcts(best_ms), "recall": round(recall, 4), "exact": round(exact, 3)}
        out["scopes"][label] = res
    out["uptime_load_after"] = os.getloadavg()
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
