"""The index's source of truth: a SQLite database of tags, files, chunks, symbols and a lexical (FTS5) index.

Content-addressed: a chunk belongs to one (repo, path, blob); which release tags it belongs to is derived from
the ``files`` table (tag -> path -> blob), so a file unchanged across releases is chunked once. Every write is a
transaction, so a killed run leaves a consistent database and the next run resumes where it stopped.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ingest.chunk_types import Chunk
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


class Store:
    """The SQLite index. A writable store is one connection for one writer; a read-only store (the guide, the
    app's worker threads) gives each thread its own connection, so readers never share a cursor."""

    def __init__(self, path: Path, *, readonly: bool = False) -> None:
        self.path = path
        self.readonly = readonly
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []
        self._readers_lock = threading.Lock()
        if readonly:
            if not path.exists():
                raise FileNotFoundError(f"no index at {path}: build one with `python -m ingest`")
            self._writer: sqlite3.Connection | None = None
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.executescript(SCHEMA)
            db.execute("INSERT OR IGNORE INTO meta VALUES('schema', ?)", (SCHEMA_VERSION,))
            db.commit()
            self._writer = db

    @property
    def db(self) -> sqlite3.Connection:
        if self._writer is not None:
            return self._writer
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.conn = conn
            with self._readers_lock:
                self._readers.append(conn)
        return conn

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
        with self._readers_lock:
            for conn in self._readers:
                conn.close()
            self._readers.clear()
        self._local = threading.local()

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
        return len(new)

    def drop_tag(self, repo: str, tag: str) -> int:
        """Remove a tag; returns how many chunks no tag references any more (still to be deleted)."""
        with self.transaction() as db:
            paths = set(db.execute("SELECT path, blob FROM files WHERE repo=? AND tag=?", (repo, tag)))
            db.execute("DELETE FROM files WHERE repo=? AND tag=?", (repo, tag))
            db.execute("DELETE FROM tags WHERE repo=? AND tag=?", (repo, tag))
            self._mark_dirty(db, repo, paths)
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

    def reset_embedded(self) -> None:
        with self.transaction() as db:
            db.execute("UPDATE chunks SET embedded=0")

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
