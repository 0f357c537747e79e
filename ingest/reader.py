"""The read side of the index: every query the guide makes of ``index.sqlite``, in one place.

:class:`IndexReader` wraps a :class:`ingest.store.Store` (read-only in the guide; each thread has its own SQLite
connection) and caches what does not change between ingests (document frequencies, file names, symbol names).

"In scope" always means the same thing: a chunk belongs to release tag T when its file (repo, path, blob) is listed
under T in ``files`` — :meth:`IndexReader.chunk_tags` is that join, written once.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from ingest.store import ChunkRow, Store
from ingest.symbols import Definition, NameForm, bare_name, parse_name

log = logging.getLogger(__name__)

BATCH = 500
"""Values per ``IN (...)`` list (SQLite's limit on host parameters is far above; this keeps statements small)."""
MAX_FTS_DEPTH = 12_800
_COMMENT_MARK = re.compile(r"^\s*//", re.MULTILINE)
"""Where a line comment starts: removed, a comment wrapped over lines reads as one text."""


@dataclass(frozen=True)
class FileSymbol:
    """A definition in one file's blob, as the symbol table lists it."""

    symbol: str
    name: str
    package: str
    kind: str
    start_line: int
    end_line: int

    @property
    def local(self) -> str:
        prefix = self.package + "."
        return self.symbol[len(prefix) :] if self.package and self.symbol.startswith(prefix) else self.symbol


def _marks(values: Sequence[object]) -> str:
    return ",".join("?" * len(values))


def _batches(values: Sequence, size: int = BATCH) -> Iterable[list]:
    for i in range(0, len(values), size):
        yield list(values[i : i + size])


class IndexReader:
    """Read-only queries over one index (see the module doc)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._df: dict[str, int] = {}
        self._total: int | None = None
        self._paths: dict[str, list[str]] | None = None
        self._names: dict[int, list[str]] | None = None
        self._tag_files: dict[str, int] | None = None

    @property
    def db(self):
        return self.store.db

    def invalidate(self) -> None:
        """Forget the cached document frequencies, chunk count, paths and names (the index changed)."""
        with self._lock:
            self._df = {}
            self._total = None
            self._paths = None
            self._names = None

    # -- releases and files ------------------------------------------------------------------------------------------
    def blob(self, repo: str, tag: str, path: str) -> str | None:
        row = self.db.execute("SELECT blob FROM files WHERE repo=? AND tag=? AND path=?", (repo, tag, path)).fetchone()
        return row[0] if row else None

    def paths(self, repo: str) -> list[str]:
        """Every path the repository has at some indexed tag (cached)."""
        with self._lock:
            if self._paths is None:
                self._paths = {}
            if repo not in self._paths:
                rows = self.db.execute("SELECT DISTINCT path FROM files WHERE repo=? ORDER BY path", (repo,))
                self._paths[repo] = [r[0] for r in rows]
            return self._paths[repo]

    def paths_named(self, repo: str, name: str, tags: Sequence[str]) -> list[str]:
        """Paths at any of ``tags`` equal to ``name`` or ending in ``/name``."""
        rows = self.db.execute(
            f"SELECT DISTINCT path FROM files WHERE repo=? AND tag IN ({_marks(tags)}) AND (path=? OR path LIKE ?)",
            (repo, *tags, name, f"%/{name.lstrip('/')}"),
        )
        return [r[0] for r in rows]

    def has_file(self, name: str) -> bool:
        """Whether some indexed file is ``name`` or ends in ``/name``."""
        row = self.db.execute("SELECT 1 FROM files WHERE path=? OR path LIKE ? LIMIT 1", (name, f"%/{name}")).fetchone()
        return row is not None

    def file_symbols(self, repo: str, path: str, blob: str, skip_kinds: Sequence[str] = ()) -> list[FileSymbol]:
        """The definitions of one file's blob, in line order."""
        rows = self.db.execute(
            "SELECT DISTINCT symbol, name, package, kind, start_line, end_line FROM symbols "
            f"WHERE repo=? AND path=? AND blob=? AND kind NOT IN ({_marks(skip_kinds)}) ORDER BY start_line",
            (repo, path, blob, *skip_kinds),
        )
        return [FileSymbol(*r) for r in rows]

    # -- chunks --------------------------------------------------------------------------------------------------
    def chunks(self, rowids: Sequence[int]) -> list[ChunkRow]:
        return self.store.get_chunks(rowids)

    def chunks_by_id(self, ids: Sequence[str]) -> list[ChunkRow]:
        return self.store.get_chunks_by_id(ids)

    def chunk_tags(self, rowids: Sequence[int], tags: Sequence[str]) -> dict[int, list[str]]:
        """For each of ``rowids`` in scope, the tags among ``tags`` that list its file (in release order)."""
        if not rowids or not tags:
            return {}
        out: dict[int, list[tuple[int, str]]] = {}
        for part in _batches(list(rowids)):
            rows = self.db.execute(
                "SELECT c.rowid, f.tag, t.ord FROM chunks c "
                "JOIN files f ON f.repo=c.repo AND f.path=c.path AND f.blob=c.blob "
                "JOIN tags t ON t.repo=f.repo AND t.tag=f.tag "
                f"WHERE c.rowid IN ({_marks(part)}) AND f.tag IN ({_marks(tags)})",
                [*part, *tags],
            )
            for rowid, tag, order in rows:
                out.setdefault(rowid, []).append((order, tag))
        return {r: [t for _, t in sorted(ts)] for r, ts in out.items()}

    def in_scope(self, rowids: Sequence[int], tags: Sequence[str]) -> list[int]:
        """``rowids`` whose chunk is in one of ``tags``, in the given order."""
        scoped = self.chunk_tags(rowids, tags)
        return [r for r in rowids if r in scoped]

    def file_chunks(self, repo: str, paths: Sequence[str]) -> list[tuple[int, str]]:
        """(rowid, kind) of every chunk of the given paths, at any blob."""
        if not paths:
            return []
        rows = self.db.execute(
            f"SELECT rowid, kind FROM chunks WHERE repo=? AND path IN ({_marks(paths)})", (repo, *paths)
        )
        return [(r[0], r[1]) for r in rows]

    def definition_span(self, chunk: ChunkRow) -> tuple[int | None, int, int] | None:
        """(doc comment start, declaration line, last line) of the whole definition a split chunk is part of."""
        row = self.db.execute(
            "SELECT MIN(doc_start_line), MIN(start_line), MAX(end_line) FROM chunks "
            "WHERE repo=? AND path=? AND blob=? AND symbol=? AND part>0",
            (chunk.repo, chunk.path, chunk.blob, chunk.symbol),
        ).fetchone()
        if not row or row[1] is None:
            return None
        return row[0], row[1], row[2]

    def counts(self) -> dict[str, int]:
        """Sizes of the index: files listed, unique blobs, chunks, embeddable and embedded chunks, unique texts."""
        db = self.db
        files = db.execute("SELECT COUNT(*) FROM files").fetchone()[0]
        blobs = db.execute("SELECT COUNT(*) FROM blobs").fetchone()[0]
        chunks, embeddable, embedded = db.execute(
            "SELECT COUNT(*), COALESCE(SUM(generated = 0), 0), COALESCE(SUM(embedded), 0) FROM chunks"
        ).fetchone()
        unique = db.execute(
            "SELECT COUNT(DISTINCT path||char(0)||symbol||char(0)||header||char(0)||text) FROM chunks WHERE generated=0"
        ).fetchone()[0]
        return {
            "files": files, "unique_blobs": blobs, "chunks": chunks, "chunks_embeddable": int(embeddable),
            "chunks_embedded": int(embedded), "unique_embedding_texts": unique,
        }  # fmt: skip

    def sample_embeddable(self, n: int, step: int = 7) -> list[tuple[str, str, str, str]]:
        """(path, symbol, header, text) of every ``step``-th embeddable chunk, ``n`` of them."""
        rows = self.db.execute(
            "SELECT path, symbol, header, text FROM chunks WHERE generated=0 ORDER BY rowid LIMIT ?", (n * step,)
        ).fetchall()
        return [tuple(r) for r in rows[::step]][:n]

    def sample_texts(self, match: str, limit: int = 200) -> list[tuple[str, str]]:
        """(kind, text) of up to ``limit`` chunks that the lexical ``match`` matches (a fixed sample: rowid order)."""
        rows = self.db.execute(
            "SELECT kind, text FROM chunks WHERE rowid IN (SELECT rowid FROM fts WHERE fts MATCH ? LIMIT ?)",
            (match, limit),
        )
        return [(r[0], r[1]) for r in rows]

    def any_embedded(self) -> bool:
        return bool(self.db.execute("SELECT 1 FROM chunks WHERE embedded=1 LIMIT 1").fetchone())

    def count_embedded(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM chunks WHERE embedded=1").fetchone()[0])

    def embedded_texts(self) -> Iterator[tuple[int, str, str, str, str, str]]:
        """(rowid, id, path, symbol, header, text) of every embedded chunk, streamed."""
        yield from self.db.execute("SELECT rowid, id, path, symbol, header, text FROM chunks WHERE embedded=1")

    def embedded_chunks(self) -> list[tuple[int, str, str]]:
        """(rowid, id, tag) of every embedded chunk, once per tag that lists its file (the dense scope)."""
        return self.db.execute(
            "SELECT c.rowid, c.id, f.tag FROM chunks c "
            "JOIN files f ON f.repo=c.repo AND f.path=c.path AND f.blob=c.blob WHERE c.embedded=1"
        ).fetchall()

    def code_chunks_containing(
        self, phrase: str, text: str, limit: int = 50, *, ignore_case: bool = False
    ) -> list[str]:
        """Texts of Go code chunks (not comments or docs) that the lexical ``phrase`` matches and that contain
        ``text`` literally (in any letter case, with ``ignore_case``)."""
        return [t for _, t in self._code_chunks(phrase, text, limit, ignore_case)]

    def code_chunks_saying(self, phrase: str, limit: int = 50) -> list[tuple[int, str]]:
        """(rowid, text) of Go code chunks (not comments or docs) whose text holds ``phrase`` literally, found through
        the lexical index (the phrase's words in order); at any release."""
        return self._by_phrase(phrase, lambda match: self._code_chunks(match, phrase, limit))

    def code_chunks_commenting(self, phrase: str, limit: int = 50) -> list[int]:
        """Rowids of Go code chunks (not comments or docs) whose text holds ``phrase`` as written, its words wrapped
        over comment lines or not ("This formula\\n\\t\\t// gives a smooth-ish transition ..." holds "This formula gives
        a smooth-ish transition"), found through the lexical index; at any release."""
        want = " ".join(phrase.split())

        def holding(match: str) -> list[tuple[int, str]]:
            return [
                (r, t)
                for r, t in self._code_chunks(match, None, limit)
                if want in " ".join(_COMMENT_MARK.sub(" ", t).split())
            ]

        return [r for r, _ in self._by_phrase(phrase, holding)]

    @staticmethod
    def _by_phrase(phrase: str, found_by: Callable[[str], list[tuple[int, str]]]) -> list[tuple[int, str]]:
        """What ``found_by`` finds for the lexical query of ``phrase``: an FTS5 phrase (the words in order), else, as
        a word the tokenizer splits ("2x") breaks the phrase's adjacency, every word (the text checked as ever)."""
        words = re.findall(r"\w+", phrase)
        if not words:
            return []
        return found_by('"' + " ".join(words) + '"') or found_by(" AND ".join(f'"{w}"' for w in words))

    def message_chunks(self) -> list[tuple[int, str]]:
        """(rowid, text) of every function, method or variable chunk of the code a Go program runs (not the
        toolchain's, src/cmd) that calls panic, fatal or throw (or holds a ``plainError``, or prints a "runtime: "
        diagnostic) with a string literal: where the messages a program shows its user are said; at any release."""
        rows = self.db.execute(
            "SELECT rowid, text FROM chunks WHERE repo = 'go' AND kind IN ('func', 'method', 'var') "
            "AND path NOT LIKE 'src/cmd/%' AND (instr(text, 'panic(') > 0 OR instr(text, 'fatal(\"') > 0 "
            "OR instr(text, 'plainError(\"') > 0 OR instr(text, 'throw(\"') > 0 "
            "OR instr(text, 'print(\"runtime: ') > 0)"
        )
        return [(int(r[0]), str(r[1])) for r in rows]

    def _code_chunks(
        self, match: str, text: str | None, limit: int, ignore_case: bool = False
    ) -> list[tuple[int, str]]:
        """(rowid, text) of Go code chunks the lexical ``match`` finds that hold ``text`` literally (any, with None)."""
        has = ""
        held: tuple[str, ...] = ()
        if text is not None:  # its lines must hold ``text``, as written or in any case
            has = "AND instr(lower(text), ?) > 0 " if ignore_case else "AND instr(text, ?) > 0 "
            held = (text.lower() if ignore_case else text,)
        rows = self.db.execute(
            "SELECT rowid, text FROM chunks WHERE rowid IN (SELECT rowid FROM fts WHERE fts MATCH ? LIMIT 400) "
            f"AND repo = 'go' AND kind NOT IN ('comment', 'section', 'package') {has}LIMIT ?",
            (match, *held, limit),
        )
        return [(int(r[0]), str(r[1])) for r in rows]

    def chunks_assigning(self, name: str, limit: int = 20) -> list[int]:
        """Rowids of Go function chunks whose text assigns to ``name`` (``name = ``, as ``sched.maxmcount = 10000``
        is written), found through the lexical index."""
        rows = self.db.execute(
            "SELECT rowid FROM chunks WHERE rowid IN (SELECT rowid FROM fts WHERE fts MATCH ? LIMIT 400) "
            "AND repo = 'go' AND kind IN ('func', 'method') AND instr(text, ?) > 0 LIMIT ?",
            (f'"{name}"', f"{name} = ", limit),
        )
        return [r[0] for r in rows]

    # -- lexical (FTS5, BM25) ------------------------------------------------------------------------------------
    def chunk_count(self) -> int:
        with self._lock:
            if self._total is None:
                self._total = int(self.db.execute("SELECT COUNT(*) FROM chunks").fetchone()[0])
            return self._total

    def doc_freq(self, tokens: Sequence[str]) -> dict[str, int]:
        """How many chunks each token occurs in (cached; the lexical index changes only on ingest)."""
        with self._lock:
            todo = [t for t in dict.fromkeys(tokens) if t not in self._df]
        if todo:
            db = self.db
            db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_vocab USING fts5vocab(main, fts, row)")
            found: dict[str, int] = {}
            for part in _batches(todo):
                found.update(db.execute(f"SELECT term, doc FROM temp.fts_vocab WHERE term IN ({_marks(part)})", part))
            with self._lock:
                if len(self._df) > 100_000:
                    self._df.clear()
                for t in todo:
                    self._df[t] = int(found.get(t, 0))
        with self._lock:
            return {t: self._df.get(t, 0) for t in tokens}

    def fts_scores(self, match: str, rowids: Sequence[int]) -> dict[int, float]:
        """BM25 (lower is better) of the given chunks that ``match`` matches."""
        out: dict[int, float] = {}
        for part in _batches(sorted(rowids)):
            out.update(
                self.db.execute(
                    f"SELECT rowid, bm25(fts) FROM fts WHERE fts MATCH ? AND rowid IN ({_marks(part)})", [match, *part]
                )
            )
        return out

    def words_held(self, words: Sequence[str], rowids: Sequence[int]) -> dict[int, set[str]]:
        """For each of ``rowids``, which of ``words`` (lexical tokens) its lexical text holds: what tokenizing each
        chunk's text again would say, read from the FTS index."""
        out: dict[int, set[str]] = {r: set() for r in rowids}
        for word in dict.fromkeys(words):
            term = '"' + word.replace('"', "") + '"'
            for part in _batches(sorted(rowids)):
                rows = self.db.execute(
                    f"SELECT rowid FROM fts WHERE fts MATCH ? AND rowid IN ({_marks(part)})", [term, *part]
                )
                for (r,) in rows:
                    out[r].add(word)
        return out

    def fts_search(
        self,
        match: str,
        tags: Sequence[str],
        limit: int,
        *,
        hand_written: bool = False,
        kinds: Sequence[str] | None = None,
    ) -> list[tuple[int, float, bool]]:
        """(rowid, BM25, generated) of the best ``limit`` chunks in ``tags`` that ``match`` matches, best first.

        The FTS top ``depth`` are filtered by scope (and generated code, with ``hand_written``; other kinds, with
        ``kinds``) in one query. The first ``depth`` allows for the share of the index the scope holds (the newest
        of nine releases lists ~1/4 of the files, and the best BM25 rows are often the same text in older blobs):
        ``3 * limit / share``, so that a second FTS query (the costly part, ~2/3 of the time at nine releases) is
        rarely needed; when too few survive and the FTS list was cut off, ``depth`` grows (x4, up to
        ``MAX_FTS_DEPTH``)."""
        if not tags:
            return []
        share = self._scope_share(tags)
        depth = min(MAX_FTS_DEPTH, max(4 * limit, 200, int(3 * limit / max(share, 0.01))))
        marks = _marks(tags)
        only = " AND c.generated = 0" if hand_written else ""
        kind_list = sorted(kinds) if kinds is not None else []
        of_kinds = f" AND c.kind IN ({_marks(kind_list)})" if kinds is not None else ""
        while True:
            found = self.db.execute(
                "SELECT rowid, bm25(fts) FROM fts WHERE fts MATCH ? ORDER BY bm25(fts) LIMIT ?", (match, depth)
            ).fetchall()
            score = dict(found)
            kept: list[tuple[int, int]] = []
            for part in _batches(list(score)):
                kept += self.db.execute(
                    f"SELECT c.rowid, c.generated FROM chunks c WHERE c.rowid IN ({_marks(part)}){only}{of_kinds} "
                    "AND EXISTS (SELECT 1 FROM files f WHERE f.repo=c.repo AND f.path=c.path AND f.blob=c.blob "
                    f"AND f.tag IN ({marks}))",
                    [*part, *kind_list, *tags],
                ).fetchall()
            if len(kept) >= limit or len(found) < depth or depth >= MAX_FTS_DEPTH:
                break
            depth = min(MAX_FTS_DEPTH, depth * 4)
        ranked = sorted(((r, score[r], bool(g)) for r, g in kept), key=lambda x: (x[1], x[0]))
        return ranked[:limit]

    def _scope_share(self, tags: Sequence[str]) -> float:
        """About which share of the chunks ``tags`` hold: their files over all distinct files (cached)."""
        with self._lock:
            counts = self._tag_files
        if counts is None:
            counts = dict(self.db.execute("SELECT tag, COUNT(*) FROM files GROUP BY tag").fetchall())
            counts[""] = int(self.db.execute("SELECT COUNT(*) FROM blobs").fetchone()[0])
            with self._lock:
                self._tag_files = counts
        total = counts.get("", 0)
        return min(1.0, sum(counts.get(t, 0) for t in set(tags)) / total) if total else 1.0

    # -- symbols -------------------------------------------------------------------------------------------------
    def lookup(self, name: str, tag: str | None = None, limit: int = 200) -> list[Definition]:
        """Every definition of ``name`` (optionally at one tag), exact-case matches first (see ingest.symbols)."""
        form = parse_name(name)
        if form is None:
            return []
        found = self._lookup(form, _conditions(form), tag, limit)
        if not found and form.receiver is not None:  # a method form may name a plain function now (or before)
            return self.lookup(form.name, tag, limit)
        return found

    def _lookup(self, form: NameForm, conds: list[tuple[str, list]], tag: str | None, limit: int) -> list[Definition]:
        where = " OR ".join(f"({c})" for c, _ in conds)
        args = [a for _, a in conds for a in a]
        sql = f"SELECT {_DEFINITION_COLS} JOIN tags t ON t.repo=f.repo AND t.tag=f.tag WHERE ({where})"
        if tag:
            sql += " AND f.tag=?"
            args.append(tag)
        sql += " ORDER BY t.ord, s.path, s.start_line LIMIT ?"
        args.append(limit * 4)
        rows = list(self.db.execute(sql, args))
        bare = bare_name(form.text)
        chosen = [r for r in rows if r[8] == bare] or rows
        seen: set[tuple] = set()
        out = []
        for r in chosen:
            key = (r[0], r[1], r[2], r[4])
            if key not in seen:
                seen.add(key)
                out.append(_definition(r))
        return out[:limit]

    def methods_of(self, package: str, receiver: str, tag: str) -> list[Definition]:
        """The methods declared on the type ``receiver`` (pointer or value receiver) of ``package`` at ``tag``, by
        name."""
        recv = receiver.lower()
        rows = self.db.execute(
            f"SELECT {_DEFINITION_COLS} WHERE s.package=? AND s.kind='method' AND lower(s.receiver) IN (?, ?) "
            "AND f.tag=? ORDER BY s.name, s.path, s.start_line",
            (package, recv, f"*{recv}", tag),
        )
        return [_definition(r) for r in rows]

    def exact_definitions(self, symbol: str, tag: str) -> list[tuple[str, int, int, str, str]]:
        """(path, start_line, end_line, symbol, kind) of the definitions named exactly ``symbol`` at ``tag``."""
        rows = self.db.execute(
            "SELECT s.path, s.start_line, s.end_line, s.symbol, s.kind FROM symbols s "
            "JOIN files f ON f.repo=s.repo AND f.path=s.path AND f.blob=s.blob WHERE s.symbol=? AND f.tag=? "
            "ORDER BY s.path, s.start_line",
            (symbol, tag),
        )
        return [tuple(r) for r in rows]

    def symbols_at(self, repo: str, tag: str, kinds: Sequence[str]) -> list[Definition]:
        """Every definition of ``kinds`` at ``tag``, in (path, line, symbol) order."""
        rows = self.db.execute(
            f"SELECT {_DEFINITION_COLS} WHERE s.repo=? AND f.tag=? AND s.kind IN ({_marks(kinds)}) "
            "ORDER BY s.path, s.start_line, s.symbol",
            (repo, tag, *kinds),
        )
        return [_definition(r) for r in rows]

    def known_names(self, names: Iterable[str]) -> set[str]:
        """Which of ``names`` (lower-cased) some symbol has as its bare name."""
        low = sorted({n.lower() for n in names})
        if not low:
            return set()
        rows = self.db.execute(f"SELECT DISTINCT name_lower FROM symbols WHERE name_lower IN ({_marks(low)})", low)
        return {r[0] for r in rows}

    def names_by_length(self, repo: str = "go") -> dict[int, list[str]]:
        """Distinct symbol names of a repository, bucketed by length (cached)."""
        with self._lock:
            if self._names is None:
                names: dict[int, list[str]] = {}
                for (n,) in self.db.execute("SELECT DISTINCT name FROM symbols WHERE repo=?", (repo,)):
                    names.setdefault(len(n), []).append(n)
                self._names = names
            return self._names


_DEFINITION_COLS = (
    "f.tag, s.path, s.start_line, s.end_line, s.symbol, s.kind, s.repo, s.chunk_rowid, s.name, s.package, "
    "s.receiver, c.goos, c.goarch, c.build, c.generated, c.doc_start_line, c.start_line "
    "FROM symbols s JOIN files f ON f.repo=s.repo AND f.path=s.path AND f.blob=s.blob "
    "JOIN chunks c ON c.rowid=s.chunk_rowid"
)
"""The columns of a :class:`Definition` and the joins that give them (a symbol at a tag, with its chunk)."""


def _definition(r: Sequence) -> Definition:
    tag, path, start, end, symbol, kind, repo, rowid, name, package, receiver, goos, goarch, build = r[:14]
    doc = r[15] if r[16] == start else None  # the chunk's doc comment is the symbol's when the chunk starts there
    return Definition(
        tag, path, start, end, symbol, kind, repo, rowid, name, package, receiver, goos, goarch, build, bool(r[14]), doc
    )


def _conditions(form: NameForm) -> list[tuple[str, list]]:
    """SQL conditions (each a way the name could be meant), most specific first."""
    if form.receiver is not None:
        recv = form.receiver.lower()
        recvs = [f"*{recv}"] if form.pointer else [f"*{recv}", recv]
        cond = "s.name_lower=? AND lower(s.receiver) IN (?, ?)"
        args: list = [form.name.lower(), *(recvs + recvs)[:2]]
        if form.package:
            cond += " AND (s.package=? OR s.package LIKE ?)"
            args += [form.package, f"%/{form.package}"]
        return [(cond, args)]
    out: list[tuple[str, list]] = [("s.symbol=?", [form.text])]
    if form.qualifier is not None:
        left, right = form.qualifier, form.name
        out.append(
            ("s.name_lower=? AND lower(s.receiver) IN (?, ?)", [right.lower(), left.lower(), f"*{left.lower()}"])
        )
        out.append(
            (
                "s.name_lower=? AND s.receiver IS NULL AND (s.package=? OR s.package LIKE ?)",
                [right.lower(), left, f"%/{left}"],
            )
        )
        if "." in left:  # package.Type.Method, as Go documentation writes a method (time.Timer.Stop)
            pkg, recv = left.rsplit(".", 1)
            out.append(
                (
                    "s.name_lower=? AND lower(s.receiver) IN (?, ?) AND (s.package=? OR s.package LIKE ?)",
                    [right.lower(), recv.lower(), f"*{recv.lower()}", pkg, f"%/{pkg}"],
                )
            )
    else:
        out.append(("s.name_lower=?", [form.text.lower()]))
    return out


def lookup(store: Store, name: str, tag: str | None = None, limit: int = 200) -> list[Definition]:
    """:meth:`IndexReader.lookup` on ``store``."""
    return IndexReader(store).lookup(name, tag, limit)


__all__ = ["FileSymbol", "IndexReader", "lookup"]
