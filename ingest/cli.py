"""``python -m ingest``: build or update the index; ``status`` and ``symbol`` inspect it (read-only).

python -m ingest [--tags go1.22.10 ...] [--chroma-url URL] [--no-embed] [--rebuild]
python -m ingest status [--json]
python -m ingest symbol NAME [--tag TAG] [--json]
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any

from settings import Settings, get_settings

log = logging.getLogger(__name__)


def _dir_size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0


def count_vectors(settings: Settings, collection: str) -> tuple[int | None, str | None]:
    """(vectors in the collection, problem) without creating anything: a local Chroma directory that does not
    exist holds 0 vectors; one that cannot be read is a problem. A server is not asked (None)."""
    if settings.chroma.url:
        return None, None
    path = settings.chroma_path
    if not path.exists():
        return 0, None
    try:
        import chromadb

        from ingest.vectors import _client_settings

        client = chromadb.PersistentClient(path=str(path), settings=_client_settings())
        names = {c.name if hasattr(c, "name") else str(c) for c in client.list_collections()}
        if collection not in names:
            return 0, None
        return int(client.get_collection(collection).count()), None
    except BaseException as e:  # Chroma's Rust core panics (a BaseException) on damaged files
        if isinstance(e, KeyboardInterrupt | SystemExit):
            raise
        from ingest.errors import VectorsDamagedError, forget_chroma_clients

        forget_chroma_clients()
        return None, str(VectorsDamagedError(path, f"{type(e).__name__}: {str(e)[:200]}"))


def problems(settings: Settings, st: dict[str, Any], vectors: int | None, vectors_problem: str | None) -> list[str]:
    """What is wrong or missing, each with its fix (listed by ``status``)."""
    out = []
    repos = sorted({t["repo"] for t in st["tags"]})
    gone = [str(settings.repo_path(r)) for r in repos if not settings.repo_path(r).exists()]
    if gone:
        out.append(f"git repositories missing ({', '.join(gone)}): run `python -m corpus sync`")
    if vectors_problem:
        out.append(vectors_problem)
    elif vectors is not None and vectors < st["chunks_embedded"]:
        out.append(
            f"{st['chunks_embedded'] - vectors} of the {st['chunks_embedded']} chunks the index marks embedded have "
            f"no vector in {settings.chroma_path}: run `python -m ingest` to embed them again (from the embedding "
            "cache)"
        )
    if st["blobs_pending"]:
        out.append(f"{st['blobs_pending']} files not chunked yet: run `python -m ingest` to finish")
    if not any(t["repo"] == "proposal" for t in st["tags"]):
        out.append(
            "design documents not indexed: sync them with `python -m corpus sync` (network, or an offline copy in "
            "GOGUIDE_PROPOSAL_DIR), then `python -m ingest`"
        )
    return out


def status(settings: Settings) -> dict[str, Any]:
    """What the index holds (documented in README.md, "Inspecting the index")."""
    from ingest.embeddings import make_embeddings
    from ingest.store import Store

    store = Store(settings.index_db, readonly=True)
    try:
        st = store.status()
    except Exception as e:
        raise store.translate(e) from e
    finally:
        store.close()
    emb = make_embeddings(settings.embedding.model, max_tokens=settings.embedding.max_tokens)  # loads no weights
    collection = settings.collection_name(emb.model_id, emb.dim)
    n_vectors, vectors_problem = count_vectors(settings, collection)
    found = problems(settings, st, n_vectors, vectors_problem)
    if n_vectors is not None or vectors_problem:
        st["chunks_embedded"] = min(st["chunks_embedded"], n_vectors or 0)  # what dense search really has
        st["chunks_to_embed"] = st["chunks_total"] - st["chunks_embedded"] - st["chunks_generated"]
    location = settings.chroma.url or str(settings.chroma_path)
    sizes = {
        "index_db": _dir_size(settings.index_db) + _dir_size(settings.index_db.with_suffix(".sqlite-wal")),
        "embedding_cache": _dir_size(settings.embedding_cache_db),
        "chroma": 0 if settings.chroma.url else _dir_size(settings.chroma_path),
    }
    return {
        "tags": st["tags"],
        "chunks_total": st["chunks_total"],
        "chunks_embedded": st["chunks_embedded"],
        "chunks_generated": st["chunks_generated"],
        "chunks_to_embed": st["chunks_to_embed"],
        "symbols": st["symbols"],
        "blobs_pending": st["blobs_pending"],
        "embedding_model": emb.model_id,
        "collection": collection,
        "vectors": n_vectors,
        "problems": found,
        "index": {
            "db": str(settings.index_db),
            "vectors": location,
            "bytes": sizes,
            "total_bytes": sum(sizes.values()),
        },
    }


def _print_status(st: dict[str, Any]) -> None:
    print(f"index: {st['index']['db']}  vectors: {st['index']['vectors']}  ({st['index']['total_bytes'] / 1e6:.1f} MB)")
    print(f"embedding model: {st['embedding_model']} (collection {st['collection']})")
    print(f"{'repo':<9} {'tag':<12} {'files':>7} {'chunks':>8} {'unique':>8}")
    for t in st["tags"]:
        print(f"{t['repo']:<9} {t['tag']:<12} {t['files']:>7} {t['chunks']:>8} {t['unique_chunks']:>8}")
    print(
        f"chunks: {st['chunks_total']} ({st['chunks_embedded']} embedded, {st['chunks_generated']} generated code "
        f"not embedded, {st['chunks_to_embed']} to embed); symbols: {st['symbols']}"
    )
    for p in st["problems"]:
        print(f"problem: {p}")


def _progress(**kw: Any) -> Any:
    from tqdm import tqdm

    return tqdm(dynamic_ncols=True, **kw)


def build(settings: Settings, tags: list[str] | None, embed: bool, rebuild: bool = False) -> int:
    from ingest.errors import ReposMissingError
    from ingest.lock import index_lock
    from ingest.pipeline import missing_repos
    from ingest.targets import load_targets

    targets = load_targets(settings, tags)
    if missing := missing_repos(targets):
        raise ReposMissingError(missing)
    with index_lock(settings.data_dir):
        return _build_locked(settings, targets, tags, embed, rebuild)


def set_aside(db: Path) -> Path:
    """Move a damaged index out of the way (``index.sqlite.damaged``; its WAL and shared-memory files are
    deleted) so a new one is built in its place."""
    aside = db.with_name(db.name + ".damaged")
    aside.unlink(missing_ok=True)
    db.rename(aside)
    for suffix in ("-wal", "-shm"):
        db.with_name(db.name + suffix).unlink(missing_ok=True)
    return aside


def open_for_writing(settings: Settings, rebuild: bool) -> Any:
    """The writable store, checked (quick_check); with ``rebuild`` a damaged index is set aside and built anew."""
    from ingest.errors import IndexCorruptError
    from ingest.store import Store

    try:
        return Store(settings.index_db, check=True)
    except IndexCorruptError as e:
        if not rebuild:
            raise
        aside = set_aside(settings.index_db)
        print(f"{e.args[0].split(';')[0]}: set aside as {aside} (delete it when done); rebuilding", file=sys.stderr)
        return Store(settings.index_db, check=True)


def open_embeddings(settings: Settings) -> Any:
    import sqlite3

    from ingest.embeddings import cached_embeddings
    from ingest.errors import DiskFullError, EmbeddingCacheDamagedError

    emb = None
    try:
        emb = cached_embeddings(settings)
        rows = emb.quick_check()
        if rows != ["ok"]:
            raise sqlite3.DatabaseError("quick_check: " + " ".join("; ".join(rows).split())[:300])
        return emb
    except sqlite3.DatabaseError as e:
        if emb is not None:
            emb.close()
        if "full" in str(e):
            raise DiskFullError(settings.data_dir) from e
        raise EmbeddingCacheDamagedError(settings.embedding_cache_db, str(e)) from e


def open_vectors(settings: Settings, embeddings: Any) -> Any:
    from ingest.errors import VectorsDamagedError, forget_chroma_clients
    from ingest.vectors import VectorIndex, VectorIndexError

    try:
        return VectorIndex(settings, embeddings)
    except VectorIndexError:
        raise
    except BaseException as e:  # Chroma's Rust core panics (a BaseException) on damaged files
        if isinstance(e, KeyboardInterrupt | SystemExit):
            raise
        forget_chroma_clients()
        raise VectorsDamagedError(
            settings.chroma.url or settings.chroma_path, f"{type(e).__name__}: {str(e)[:200]}"
        ) from e


def _build_locked(settings: Settings, targets: list, tags: list[str] | None, embed: bool, rebuild: bool) -> int:
    import sqlite3

    from ingest.pipeline import run

    store = open_for_writing(settings, rebuild)
    embeddings = None
    try:
        embeddings = open_embeddings(settings) if embed else None
        vectors = open_vectors(settings, embeddings) if embeddings else None
        try:
            report = run(store, targets, vectors=vectors, drop_others=not tags, progress=_progress)
        except (sqlite3.DatabaseError, OSError) as e:
            raise store.translate(e) from e
    finally:
        store.close()
        if embeddings:
            embeddings.close()
    print(
        f"ingest done in {report.seconds:.1f}s: tags listed {report.tags_listed or 'none new'}, dropped "
        f"{report.tags_dropped or 'none'}; {report.blobs_chunked} files chunked into {report.chunks_added} chunks "
        f"({report.blob_errors} unreadable); {report.chunks_embedded} chunks embedded "
        f"({report.embeddings_computed} computed, {report.embeddings_cached} from cache); "
        f"{report.metadata_updated} tag lists updated; {report.chunks_deleted} chunks deleted"
    )
    if not embed:
        print("vectors not built (--no-embed): run `python -m ingest` to embed")
    return 0


def symbol(settings: Settings, name: str, tag: str | None, as_json: bool) -> int:
    from ingest.reader import lookup
    from ingest.store import Store

    store = Store(settings.index_db, readonly=True)
    try:
        defs = lookup(store, name, tag)
        known = [t.tag for t in store.tags()]
    except Exception as e:
        raise store.translate(e) from e
    finally:
        store.close()
    if tag and tag not in known:
        print(f"error: tag {tag!r} is not indexed; indexed: {', '.join(known)}", file=sys.stderr)
        return 2
    if as_json:
        print(json.dumps([d.to_json() for d in defs], indent=2))
    elif not defs:
        print(f"no definition of {name!r}" + (f" at {tag}" if tag else f" in {', '.join(known)}"))
    else:
        for d in defs:
            print(f"{d.tag:<12} {d.path}:{d.start_line}-{d.end_line}  {d.symbol}  ({d.kind})")
    return 0 if defs else 1


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(
        prog="python -m ingest", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="cmd")
    b = sub.add_parser("build", parents=[common], help="build or update the index (the default command)")
    b.add_argument("--tags", nargs="+", metavar="TAG", help="index only these synced tags (nothing is dropped)")
    b.add_argument("--chroma-url", help="Chroma server URL (server mode), e.g. http://127.0.0.1:8000")
    b.add_argument("--no-embed", action="store_true", help="symbol and lexical indexes only; embed later")
    b.add_argument(
        "--rebuild",
        action="store_true",
        help="when the index is damaged, set it aside and build it again from the git repositories",
    )
    s = sub.add_parser("status", parents=[common], help="what the index holds")
    s.add_argument("--json", action="store_true")
    y = sub.add_parser("symbol", parents=[common], help="where a symbol is defined")
    y.add_argument("name", help="hchan, runtime.hchan, rt0_go, runtime·rt0_go, (*p).runqput, batch.finish ...")
    y.add_argument("--tag")
    y.add_argument("--json", action="store_true")
    if not argv or argv[0] not in (*sub.choices, "-h", "--help"):
        argv.insert(0, "build")  # the default command
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO, format="%(levelname)s %(name)s: %(message)s"
    )
    from ingest.errors import run_main
    from ingest.lock import IndexBusyError
    from ingest.targets import TargetsError
    from ingest.vectors import VectorIndexError

    def body() -> int:
        settings = get_settings()
        if getattr(args, "chroma_url", None):
            chroma = settings.chroma.model_copy(update={"url": args.chroma_url})
            settings = settings.model_copy(update={"chroma": chroma})
        try:
            if args.cmd == "status":
                st = status(settings)
                print(json.dumps(st, indent=2)) if args.json else _print_status(st)
                return 0
            if args.cmd == "symbol":
                return symbol(settings, args.name, args.tag, args.json)
            return build(settings, args.tags, embed=not args.no_embed, rebuild=args.rebuild)
        except (IndexBusyError, TargetsError, VectorIndexError) as e:
            print(f"error: {e}", file=sys.stderr)
            return 2

    try:
        return run_main(body, verbose=args.verbose, data_dir=lambda: get_settings().data_dir)
    except KeyboardInterrupt:
        print("interrupted: rerun `python -m ingest` to resume where it stopped", file=sys.stderr)
        return 130
