"""The index's source of truth: a SQLite database of tags, files, chunks, symbols and a lexical (FTS5) index.

Content-addressed: a chunk belongs to one (repo, path, blob); which release tags it belongs to is derived from
the ``files`` table (tag -> path -> blob), so a file unchanged across releases is chunked once. Every write is a
transaction, so a killed run leaves a consistent database and the next run resumes where it stopped.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import logging
import os
import sqlite3
import threading
import weakref
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ingest.chunk_types import Chunk
from ingest.errors import DiskFullError, IndexCorruptError, IndexMissingError, IndexReadOnlyError
from ingest.tokens import identifier_tokens

log = logging.getLogger(__name__)

SCHEMA_VERSION = "2"

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tags(
    repo TEXT NOT NULL, tag TEXT NOT NULL, commit_sha TEXT NOT NULL, upstream_ref TEXT NOT NULL,
    permalink TEXT NOT NULL, ord INTEGER NOT NULL, listed INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY(repo, tag));
CREATE TABLE IF NOT EXISTS files(
    repo TEXT NOT NULL, tag TEXT NOT NULL, path TEXT NOT NULL, blob TEXT NOT NULL,
    PRIMARY KEY(repo, tag, path));
CREATE INDEX IF NOT EXISTS files_blob ON files(repo, path, blob);
CREATE TABLE IF NOT EXISTS blobs(
    repo TEXT NOT NULL, path TEXT NOT NULL, blob TEXT NOT NULL, n_chunks INTEGER NOT NULL,
    n_lines INTEGER NOT NULL, error TEXT, PRIMARY KEY(repo, path, blob));
CREATE TABLE IF NOT EXISTS chunks(
    rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, repo TEXT NOT NULL, path TEXT NOT NULL, blob TEXT NOT NULL,
    ord INTEGER NOT NULL, kind TEXT NOT NULL, symbol TEXT NOT NULL, start_line INTEGER NOT NULL,
    end_line INTEGER NOT NULL, doc_start_line INTEGER, part INTEGER NOT NULL, header TEXT NOT NULL,
    text TEXT NOT NULL, goos TEXT, goarch TEXT, build TEXT, generated INTEGER NOT NULL,
    embedded INTEGER NOT NULL DEFAULT 0, tags_dirty INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS chunks_file ON chunks(repo, path, blob);
CREATE INDEX IF NOT EXISTS chunks_pending ON chunks(embedded, generated);
CREATE INDEX IF NOT EXISTS chunks_dirty ON chunks(tags_dirty) WHERE tags_dirty = 1;
CREATE TABLE IF NOT EXISTS symbols(
    chunk_rowid INTEGER NOT NULL, repo TEXT NOT NULL, path TEXT NOT NULL, blob TEXT NOT NULL,
    symbol TEXT NOT NULL, name TEXT NOT NULL, name_lower TEXT NOT NULL, package TEXT NOT NULL,
    receiver TEXT, kind TEXT NOT NULL, start_line INTEGER NOT NULL, end_line INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS symbols_name ON symbols(name_lower);
CREATE INDEX IF NOT EXISTS symbols_symbol ON symbols(symbol);
CREATE INDEX IF NOT EXISTS symbols_file ON symbols(repo, path, blob);
CREATE INDEX IF NOT EXISTS symbols_chunk ON symbols(chunk_rowid);
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(tokens, tokenize="unicode61 remove_diacritics 0 tokenchars '_'");
"""


def chunk_id(repo: str, path: str, blob: str, ordinal: int) -> str:
    """Stable id of a chunk: the same (repo, path, blob, position) always gives the same id."""
    return hashlib.sha1(f"{repo}\0{path}\0{blob}\0{ordinal}".encode()).hexdigest()


def lexical_text(path: str, symbol: str, header: str, text: str) -> str:
    """What the lexical index sees of a chunk: its path, symbol, carried header and text, as identifier tokens."""
    return " ".join(identifier_tokens(f"{path}\n{symbol}\n{header}\n{text}"))


@dataclass(frozen=True)
class TagRow:
    repo: str
    tag: str
    commit_sha: str
    upstream_ref: str
    permalink: str
    ord: int


@dataclass(frozen=True)
class ChunkRow:
    rowid: int
    id: str
    repo: str
    path: str
    blob: str
    kind: str
    symbol: str
    start_line: int
    end_line: int
    doc_start_line: int | None
    part: int
    header: str
    text: str
    goos: str | None
    goarch: str | None
    build: str | None
    generated: bool

    @property
    def first_line(self) -> int:
        return self.doc_start_line if self.doc_start_line is not None else self.start_line


_CHUNK_COLS = (
    "rowid, id, repo, path, blob, kind, symbol, start_line, end_line, doc_start_line, part, header, text, "
    "goos, goarch, build, generated"
)


_CHUNK_COLS_C = ", ".join("c." + c.strip() for c in _CHUNK_COLS.split(","))


def _chunk_row(r: Sequence) -> ChunkRow:
    values = list(r)
    values[16] = bool(values[16])
    return ChunkRow(*values)


SQLITE_MAGIC = b"SQLite format 3\x00"


def header_problem(path: Path) -> str | None:
    """What is wrong with the file's SQLite header, cheaply (no page is read beyond the first 100 bytes): not a
    database, or shorter than the size its header records (cut off). None when the header looks sound."""
    try:
        with path.open("rb") as f:
            head = f.read(100)
        size = path.stat().st_size
    except OSError as e:
        return f"cannot read it: {e.strerror or e}"
    if size == 0:
        return None  # an empty file is a new database
    if len(head) < 100 or not head.startswith(SQLITE_MAGIC):
        return "not an SQLite database: its header is garbled"
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    change = int.from_bytes(head[24:28], "big")
    valid_for = int.from_bytes(head[92:96], "big")
    if page_size < 512 or page_size & (page_size - 1):
        return "not an SQLite database: its header is garbled"
    wal = path.with_name(path.name + "-wal")
    wal_size = wal.stat().st_size if wal.exists() else 0
    # pages may still be in the write-ahead log (a checkpoint cut short): then SQLite (quick_check) decides
    if pages and valid_for == change and size < pages * page_size and wal_size == 0:
        return f"cut off: {size} of {pages * page_size} bytes"
    return None


def _is_disk_full(e: BaseException) -> bool:
    return (isinstance(e, OSError) and e.errno == errno.ENOSPC) or "disk is full" in str(e).lower()


class _Reader:
    """One thread's read connection. The thread's ``threading.local`` holds the only strong reference, so when a
    worker thread retires (Gradio's thread pool retires idle threads) the connection is closed with it."""

    __slots__ = ("__weakref__", "conn")

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def close(self) -> None:
        with contextlib.suppress(Exception):  # closing twice, or from another thread at exit
            self.conn.close()

    def __del__(self) -> None:
        self.close()


class Store:
    """The SQLite index. A writable store is one connection for one writer; a read-only store (the guide, the
    app's worker threads) gives each thread its own connection, so readers never share a cursor. Reader
    connections live as long as their thread: at most one per live thread, closed when the thread ends.

    Opening checks the file: a missing index raises :class:`IndexMissingError`, a damaged one
    :class:`IndexCorruptError` (header check always; ``check=True`` runs ``PRAGMA quick_check`` too)."""

    def __init__(self, path: Path, *, readonly: bool = False, check: bool = False) -> None:
        self.path = path
        self.readonly = readonly
        self._local = threading.local()
        self._readers: weakref.WeakSet[_Reader] = weakref.WeakSet()
        self._readers_lock = threading.Lock()
        self._uri = f"file:{path}?mode=ro"
        self._writer: sqlite3.Connection | None = None
        if readonly:
            if not path.exists():
                raise IndexMissingError(
                    f"no index at {path}: build it with `make run`, or `python -m corpus sync` then `python -m ingest`"
                )
            problem = header_problem(path)
            if problem:
                raise IndexCorruptError(path, problem)
            self._uri = self._reader_uri()
            self.probe(check=check)
        else:
            if path.exists() and (problem := header_problem(path)):
                raise IndexCorruptError(path, problem)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(path, check_same_thread=False)
                self._writer = db
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
                if check:
                    self.probe(check=True)
                db.executescript(SCHEMA)
                db.execute("INSERT OR IGNORE INTO meta VALUES('schema', ?)", (SCHEMA_VERSION,))
                db.commit()
            except IndexCorruptError:
                self.close()
                raise
            except (sqlite3.DatabaseError, OSError) as e:
                self.close()
                raise self.translate(e) from e

    def _reader_uri(self) -> str:
        """``mode=ro``; on a read-only directory without the ``-shm`` file SQLite cannot open a WAL database that
        way, so the database is opened ``immutable`` (it cannot change while nothing can write there)."""
        shm = self.path.with_name(self.path.name + "-shm")
        wal = self.path.with_name(self.path.name + "-wal")
        if shm.exists() or os.access(self.path.parent, os.W_OK):
            try:
                conn = sqlite3.connect(self._uri, uri=True)
                try:
                    conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
                    return self._uri
                finally:
                    conn.close()
            except sqlite3.OperationalError as e:
                if "unable to open" not in str(e) and "readonly" not in str(e):
                    raise self.translate(e) from e
        if wal.exists() and wal.stat().st_size > 0:
            raise IndexReadOnlyError(
                self.path, "its write-ahead log was not folded in and the directory is read-only; run "
                "`python -m ingest` once where it is writable"
            )  # fmt: skip
        log.info("%s: read-only directory without -shm; opening the index immutable", self.path)
        return f"file:{self.path}?mode=ro&immutable=1"

    def translate(self, e: BaseException) -> Exception:
        """The :mod:`ingest.errors` error for a low-level failure of this database (or ``e`` itself)."""
        text = str(e)
        low = text.lower()
        if _is_disk_full(e):
            return DiskFullError(self.path.parent)
        if "malformed" in low or "not a database" in low or "corrupt" in low:
            return IndexCorruptError(self.path, text)
        if "readonly" in low or "read-only" in low or (isinstance(e, OSError) and e.errno in (errno.EROFS,)):
            return IndexReadOnlyError(self.path, text)
        return e if isinstance(e, Exception) else RuntimeError(text)

    def probe(self, *, check: bool = False) -> None:
        """Read the schema (and with ``check``, run ``PRAGMA quick_check``): :class:`IndexCorruptError` if damaged."""
        try:
            self.db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            if self.readonly:
                self.db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
            if check:
                rows = self.db.execute("PRAGMA quick_check(5)").fetchall()
                if [r[0] for r in rows] != ["ok"]:
                    found = " ".join("; ".join(str(r[0]) for r in rows).split())  # one line
                    raise IndexCorruptError(self.path, "quick_check: " + found[:300])
        except sqlite3.DatabaseError as e:
            err = self.translate(e)
            if isinstance(err, IndexCorruptError | IndexReadOnlyError | DiskFullError):
                raise err from e
            if "no such table" in str(e):
                raise IndexCorruptError(self.path, f"not an index of this project: {e}") from e
            raise

    @property
    def db(self) -> sqlite3.Connection:
        if self._writer is not None:
            return self._writer
        reader = getattr(self._local, "reader", None)
        if reader is None:
            conn = sqlite3.connect(self._uri, uri=True, check_same_thread=False)
            reader = _Reader(conn)
            self._local.reader = reader
            with self._readers_lock:
                self._readers.add(reader)
        return reader.conn

    def open_readers(self) -> int:
        """Reader connections open now (one per live thread that has read)."""
        with self._readers_lock:
            return len(self._readers)

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        with self._readers_lock:
            for reader in list(self._readers):
                reader.close()
            self._readers = weakref.WeakSet()
        self._local = threading.local()

    # -- generation ----------------------------------------------------------------------------------------------
    def generation(self) -> int:
        """A counter bumped by every change of tags or chunks (and of the vectors' state): readers that cache
        anything compare it to know when to read again."""
        row = self.db.execute("SELECT value FROM meta WHERE key='generation'").fetchone()
        return int(row[0]) if row else 0

    @staticmethod
    def _bump(db: sqlite3.Connection) -> None:
        db.execute(
            "INSERT INTO meta VALUES('generation', '1') "
            "ON CONFLICT(key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)"
        )

    def bump_generation(self) -> None:
        with self.transaction() as db:
            self._bump(db)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self.db:  # commits on success, rolls back on error
            yield self.db

    # -- meta ------------------------------------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO meta VALUES(?, ?)", (key, value))

    # -- tags and files ----------------------------------------------------------------------------------------
    def tags(self, repo: str | None = None, *, listed_only: bool = True) -> list[TagRow]:
        sql = "SELECT repo, tag, commit_sha, upstream_ref, permalink, ord FROM tags"
        conds, args = [], []
        if repo:
            conds.append("repo=?")
            args.append(repo)
        if listed_only:
            conds.append("listed=1")
        if conds:
            sql += " WHERE " + " AND ".join(conds)
        return [TagRow(*r) for r in self.db.execute(sql + " ORDER BY repo, ord", args)]

    def tag_is_listed(self, repo: str, tag: str, commit_sha: str, scope_key: str = "") -> bool:
        """Whether ``tag`` is listed from ``commit_sha`` with the corpus globs fingerprinted by ``scope_key``."""
        row = self.db.execute("SELECT commit_sha, listed FROM tags WHERE repo=? AND tag=?", (repo, tag)).fetchone()
        listed_with = self.get_meta(f"listing:{repo}:{tag}") or ""
        return bool(row and row[0] == commit_sha and row[1] and listed_with == scope_key)

    def replace_tag_files(self, tag: TagRow, files: Iterable[tuple[str, str]], scope_key: str = "") -> int:
        """Record the (path, blob) listing of one tag, atomically; marks chunks whose tag set changes."""
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO meta VALUES(?, ?)", (f"listing:{tag.repo}:{tag.tag}", scope_key))
            old = set(db.execute("SELECT path, blob FROM files WHERE repo=? AND tag=?", (tag.repo, tag.tag)))
            new = set(files)
            db.execute("DELETE FROM files WHERE repo=? AND tag=?", (tag.repo, tag.tag))
            db.executemany("INSERT INTO files VALUES(?, ?, ?, ?)", [(tag.repo, tag.tag, p, b) for p, b in sorted(new)])
            self._mark_dirty(db, tag.repo, old ^ new)
            db.execute(
                "INSERT OR REPLACE INTO tags VALUES(?, ?, ?, ?, ?, ?, 1)",
                (tag.repo, tag.tag, tag.commit_sha, tag.upstream_ref, tag.permalink, tag.ord),
            )
            self._bump(db)
        return len(new)

    def drop_tag(self, repo: str, tag: str) -> int:
        """Remove a tag; returns how many chunks no tag references any more (still to be deleted)."""
        with self.transaction() as db:
            paths = set(db.execute("SELECT path, blob FROM files WHERE repo=? AND tag=?", (repo, tag)))
            db.execute("DELETE FROM files WHERE repo=? AND tag=?", (repo, tag))
            db.execute("DELETE FROM tags WHERE repo=? AND tag=?", (repo, tag))
            self._mark_dirty(db, repo, paths)
            self._bump(db)
        return len(self.orphan_chunks())

    @staticmethod
    def _mark_dirty(db: sqlite3.Connection, repo: str, pairs: Iterable[tuple[str, str]]) -> None:
        db.executemany(
            "UPDATE chunks SET tags_dirty=1 WHERE repo=? AND path=? AND blob=?", [(repo, p, b) for p, b in pairs]
        )

    def pending_blobs(self, repo: str) -> list[tuple[str, str]]:
        """(path, blob) pairs listed under some tag but not chunked yet."""
        return list(
            self.db.execute(
                "SELECT DISTINCT f.path, f.blob FROM files f LEFT JOIN blobs b "
                "ON b.repo=f.repo AND b.path=f.path AND b.blob=f.blob WHERE f.repo=? AND b.blob IS NULL "
                "ORDER BY f.path",
                (repo,),
            )
        )

    # -- chunks --------------------------------------------------------------------------------------------------
    def add_blob_chunks(
        self, repo: str, path: str, blob: str, chunks: Sequence[Chunk], n_lines: int, error: str | None = None
    ) -> None:
        """Store one file's chunks, their symbols and lexical tokens, and mark the blob done, in one transaction."""
        with self.transaction() as db:
            for ordinal, ch in enumerate(chunks):
                cid = chunk_id(repo, path, blob, ordinal)
                cur = db.execute(
                    "INSERT OR REPLACE INTO chunks(id, repo, path, blob, ord, kind, symbol, start_line, end_line, "
                    "doc_start_line, part, header, text, goos, goarch, build, generated, embedded, tags_dirty) "
                    "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0)",
                    (
                        cid, repo, path, blob, ordinal, ch.kind, ch.symbol, ch.start_line, ch.end_line,
                        ch.doc_start_line, ch.part, ch.header, ch.text, ch.goos, ch.goarch, ch.build,
                        int(ch.generated),
                    ),
                )  # fmt: skip
                rowid = cur.lastrowid
                db.executemany(
                    "INSERT INTO symbols VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        (
                            rowid,
                            repo,
                            path,
                            blob,
                            s.symbol,
                            s.name,
                            s.name.lower(),
                            s.package,
                            s.receiver,
                            s.kind,
                            s.start_line,
                            s.end_line,
                        )
                        for s in ch.symbols
                    ],
                )
                db.execute(
                    "INSERT INTO fts(rowid, tokens) VALUES(?, ?)",
                    (rowid, lexical_text(path, ch.symbol, ch.header, ch.text)),
                )
            db.execute(
                "INSERT OR REPLACE INTO blobs VALUES(?, ?, ?, ?, ?, ?)", (repo, path, blob, len(chunks), n_lines, error)
            )

    def chunk_tags(self, repo: str, path: str, blob: str) -> list[str]:
        return [
            r[0]
            for r in self.db.execute(
                "SELECT f.tag FROM files f JOIN tags t ON t.repo=f.repo AND t.tag=f.tag "
                "WHERE f.repo=? AND f.path=? AND f.blob=? ORDER BY t.ord",
                (repo, path, blob),
            )
        ]

    def chunks_to_embed(self, limit: int) -> list[ChunkRow]:
        """Chunks not yet in the vector store, newest release first (so the default version is searchable first)."""
        rows = self.db.execute(
            f"SELECT {_CHUNK_COLS_C} FROM chunks c "
            "LEFT JOIN (SELECT f.repo, f.path, f.blob, MAX(t.ord) AS o FROM files f JOIN tags t "
            "ON t.repo=f.repo AND t.tag=f.tag GROUP BY f.repo, f.path, f.blob) n "
            "ON n.repo=c.repo AND n.path=c.path AND n.blob=c.blob "
            "WHERE c.embedded=0 AND c.generated=0 ORDER BY n.o DESC, c.rowid LIMIT ?",
            (limit,),
        )
        return [_chunk_row(r) for r in rows]

    def count_embedded(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM chunks WHERE embedded=1").fetchone()[0])

    def chunk_ids(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT id FROM chunks")}

    def count_files(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM files").fetchone()[0])

    def count_to_embed(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM chunks WHERE embedded=0 AND generated=0").fetchone()[0])

    def mark_embedded(self, rowids: Sequence[int]) -> None:
        with self.transaction() as db:
            db.executemany("UPDATE chunks SET embedded=1, tags_dirty=0 WHERE rowid=?", [(r,) for r in rowids])

    def reset_embedded(self, ids: Iterable[str] | None = None) -> int:
        """Mark chunks (all, or those of ``ids``) as not in the vector store, so they are embedded again."""
        with self.transaction() as db:
            if ids is None:
                n = db.execute("UPDATE chunks SET embedded=0 WHERE embedded=1").rowcount
            else:
                n = 0
                for cid in ids:
                    n += db.execute("UPDATE chunks SET embedded=0 WHERE id=? AND embedded=1", (cid,)).rowcount
            if n:
                self._bump(db)
        return n

    def embedded_ids(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT id FROM chunks WHERE embedded=1")}

    def dirty_embedded_chunks(self, limit: int) -> list[ChunkRow]:
        rows = self.db.execute(f"SELECT {_CHUNK_COLS} FROM chunks WHERE tags_dirty=1 AND embedded=1 LIMIT ?", (limit,))
        return [_chunk_row(r) for r in rows]

    def clear_dirty(self, rowids: Sequence[int] | None = None) -> None:
        with self.transaction() as db:
            if rowids is None:
                db.execute("UPDATE chunks SET tags_dirty=0 WHERE tags_dirty=1 AND embedded=0")
            else:
                db.executemany("UPDATE chunks SET tags_dirty=0 WHERE rowid=?", [(r,) for r in rowids])

    def orphan_chunks(self) -> list[tuple[int, str, bool]]:
        """(rowid, id, embedded) of chunks whose (repo, path, blob) no tag lists any more."""
        return list(
            self.db.execute(
                "SELECT c.rowid, c.id, c.embedded FROM chunks c WHERE NOT EXISTS "
                "(SELECT 1 FROM files f WHERE f.repo=c.repo AND f.path=c.path AND f.blob=c.blob)"
            )
        )

    def delete_orphans(self, *, keep_embedded: bool = False) -> int:
        """Delete chunks, symbols, lexical entries and blob markers that no tag references.

        ``keep_embedded`` keeps orphans that are in the vector store, to be deleted once they are gone from it.
        """
        with self.transaction() as db:
            rowids = [
                r[0]
                for r in db.execute(
                    "SELECT c.rowid FROM chunks c WHERE NOT EXISTS "
                    "(SELECT 1 FROM files f WHERE f.repo=c.repo AND f.path=c.path AND f.blob=c.blob)"
                    + (" AND c.embedded=0" if keep_embedded else "")
                )
            ]
            db.executemany("DELETE FROM fts WHERE rowid=?", [(r,) for r in rowids])
            db.executemany("DELETE FROM symbols WHERE chunk_rowid=?", [(r,) for r in rowids])
            db.executemany("DELETE FROM chunks WHERE rowid=?", [(r,) for r in rowids])
            if rowids:
                self._bump(db)
            db.execute(
                "DELETE FROM blobs WHERE NOT EXISTS "
                "(SELECT 1 FROM files f WHERE f.repo=blobs.repo AND f.path=blobs.path AND f.blob=blobs.blob) "
                "AND NOT EXISTS (SELECT 1 FROM chunks c WHERE c.repo=blobs.repo AND c.path=blobs.path "
                "AND c.blob=blobs.blob)"
            )
        return len(rowids)

    def reset_chunks(self) -> None:
        """Forget every chunk (a new chunker): blobs are chunked again on the next run; listings are kept."""
        with self.transaction() as db:
            for table in ("fts", "symbols", "chunks", "blobs"):
                db.execute(f"DELETE FROM {table}")
            db.execute("DELETE FROM meta WHERE key='collection'")
            self._bump(db)

    def get_chunks(self, rowids: Sequence[int]) -> list[ChunkRow]:
        if not rowids:
            return []
        marks = ",".join("?" * len(rowids))
        by_id = {
            r[0]: _chunk_row(r)
            for r in self.db.execute(f"SELECT {_CHUNK_COLS} FROM chunks WHERE rowid IN ({marks})", list(rowids))
        }
        return [by_id[r] for r in rowids if r in by_id]

    def get_chunks_by_id(self, ids: Sequence[str]) -> list[ChunkRow]:
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        by_id = {
            r[1]: _chunk_row(r)
            for r in self.db.execute(f"SELECT {_CHUNK_COLS} FROM chunks WHERE id IN ({marks})", list(ids))
        }
        return [by_id[i] for i in ids if i in by_id]

    # -- statistics ----------------------------------------------------------------------------------------------
    def status(self) -> dict:
        db = self.db
        per_tag = []
        for t in self.tags():
            files, chunks = db.execute(
                "SELECT COUNT(*), COALESCE(SUM(b.n_chunks), 0) FROM files f LEFT JOIN blobs b "
                "ON b.repo=f.repo AND b.path=f.path AND b.blob=f.blob WHERE f.repo=? AND f.tag=?",
                (t.repo, t.tag),
            ).fetchone()
            unique = db.execute(
                "SELECT COALESCE(SUM(b.n_chunks), 0) FROM files f JOIN blobs b "
                "ON b.repo=f.repo AND b.path=f.path AND b.blob=f.blob WHERE f.repo=? AND f.tag=? AND NOT EXISTS "
                "(SELECT 1 FROM files g WHERE g.repo=f.repo AND g.path=f.path AND g.blob=f.blob AND g.tag<>f.tag)",
                (t.repo, t.tag),
            ).fetchone()[0]
            per_tag.append(
                {
                    "repo": t.repo,
                    "tag": t.tag,
                    "commit": t.commit_sha,
                    "upstream_ref": t.upstream_ref,
                    "files": files,
                    "chunks": chunks,
                    "unique_chunks": unique,
                }
            )
        total, embedded, generated = db.execute(
            "SELECT COUNT(*), COALESCE(SUM(embedded), 0), COALESCE(SUM(generated), 0) FROM chunks"
        ).fetchone()
        pending_blobs = db.execute(
            "SELECT COUNT(*) FROM (SELECT DISTINCT f.repo, f.path, f.blob FROM files f LEFT JOIN blobs b "
            "ON b.repo=f.repo AND b.path=f.path AND b.blob=f.blob WHERE b.blob IS NULL)"
        ).fetchone()[0]
        return {
            "tags": per_tag,
            "chunks_total": total,
            "chunks_embedded": embedded,
            "chunks_generated": generated,
            "chunks_to_embed": total - embedded - generated,
            "symbols": db.execute("SELECT COUNT(*) FROM symbols").fetchone()[0],
            "blobs_pending": pending_blobs,
            "meta": {k: v for k, v in db.execute("SELECT key, value FROM meta")},
        }
