"""Hybrid retrieval over the index: exact symbols, lexical BM25 (SQLite FTS5) and dense vectors (Chroma), fused.

``retrieve(index, query, tags, k)`` returns ``k`` :class:`Hit`, each a chunk cited at one release tag:

- symbol: identifiers in the question (``rt0_go``, ``runtime·rt0_go``, ``(*p).runqput``, ``runtime.newproc``,
  ``mheap_.alloc``, ``findRunnable``, and plain words that are symbol names such as ``hchan``) looked up in the
  symbol table. Definitions in the amd64/linux/generic variant of a file, with a body, at top level come first.
  Identifier-looking names ("strong": ``_``, ``.``, camelCase, digits, backticks) count more than plain words that
  happen to name a symbol ("weak": ``lock``, ``timer``), which may just be English.
- bm25: an OR query of the question's tokens (:func:`ingest.tokens.query_tokens`, the tokenizer of the index)
  against FTS5, ranked by ``bm25(fts)``; generated code counts half. Very common tokens (in more than
  ``COMMON_DF`` of all chunks: ``go``, ``runtime``) are dropped, which makes queries faster and changes little.
- dense: the question's embedding against Chroma, filtered by tag; skipped when nothing is embedded yet, and any
  vector-store failure is logged and ignored (symbol + lexical still answer).

Version scope: a chunk is a candidate when its file (repo, path, blob) is listed under one of ``tags`` (or is a
design document, with ``include_design``). Fusion is weighted reciprocal rank fusion (:mod:`guide.fusion`), over
groups: one group per (repo, path, symbol), so the same declaration at several tags and the parts of one split
function are one hit, cited at the newest requested tag that has it, showing its best-ranked part.
"""

from __future__ import annotations

import logging
import re
import time
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from guide.fusion import FusionConfig, rrf_score
from ingest.store import ChunkRow, Store
from ingest.symbols import Definition, lookup, normalize
from ingest.targets import version_key
from ingest.tokens import STOP_WORDS, query_tokens

if TYPE_CHECKING:
    from guide.index import GuideIndex

log = logging.getLogger(__name__)

SYMBOL, GLOSSARY_LIST, FILE, BM25, DENSE = "symbol", "glossary", "file", "bm25", "dense"
DEFAULT_FUSION = FusionConfig(
    weights={SYMBOL: 3.0, GLOSSARY_LIST: 1.0, FILE: 1.0, BM25: 1.0, DENSE: 1.0},
    ks={SYMBOL: 5, GLOSSARY_LIST: 10, FILE: 10},
)
"""Chosen with bench/retrieval_quality.py (24 labelled questions, symbol+glossary+bm25; dense was not measurable
while the index was being embedded): hit@1 0.875 / hit@5 1.0 against 0.5 / 0.667 for plain RRF (k=60, equal
weights, no glossary). Symbol and glossary lists use a small k: their first places are precise, their tails not."""
WEAK_SYMBOL_WEIGHT = 0.15
"""Weight (absolute) of a symbol hit found from a plain word (``lock``, ``size``) instead of an identifier-looking
one: about what a first place in the lexical list is worth, so a common English word that happens to name a type
does not outrank what the question's words match."""

COMMON_DF = 0.2
"""Query tokens in more than this fraction of all chunks are dropped from the lexical query."""
GENERATED_FACTOR = 0.5
"""BM25 scores of generated code are multiplied by this (they are negative: closer to zero is worse)."""
MAX_QUERY_TOKENS = 32
MAX_LEXICAL_DEPTH = 12_800
MAX_WEAK_DEFS = 2
"""Definitions kept per plain-word symbol (``lock`` names dozens)."""
RARE_DF = 200
"""A plain word in fewer chunks than this is taken for an identifier (``hchan``: 121 of 53,903), not English."""
_PROSE_KINDS = frozenset({"section", "comment"})
_CODE_KINDS = frozenset({"func", "type", "const", "var", "asm"})


@dataclass
class Hit:
    """One retrieved chunk, cited at ``tag`` (the newest of the requested tags that has it; ``design`` for a
    design document). ``ranks`` is each retriever's 1-based rank of it (its group's best); ``via`` the retrievers
    that found it, best first; ``other_parts`` other retrieved parts of the same split declaration at ``tag``."""

    chunk: ChunkRow
    tag: str
    score: float
    ranks: dict[str, int]
    via: list[str]
    tags: list[str] = field(default_factory=list)
    other_parts: list[ChunkRow] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.chunk.repo, self.chunk.path, self.chunk.symbol)


@dataclass(frozen=True)
class Candidate:
    """An identifier-like word of the question: ``text`` as written, ``name`` the bare name looked up."""

    text: str
    name: str
    strong: bool
    kind: str = ""
    """When set, only definitions of this kind (the one-letter ``g``/``m``/``p`` mean the runtime's types)."""


# -- symbol candidates ---------------------------------------------------------------------------------------------
_METHOD_FORM = re.compile(r"(?:[A-Za-z_][\w/\-]*\.)?\(\*?[A-Za-z_][\w.]*\)\.[A-Za-z_]\w*")
_DOTTED = re.compile(r"[A-Za-z_][\w/\-]*(?:[.·∕][A-Za-z_]\w*)+")
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_BACKTICK = re.compile(r"`([^`\n]{1,80})`")
_FILE_EXT = frozenset({"go", "s", "md", "html", "h", "c", "txt", "mod", "py"})
_CAMEL = re.compile(r"[a-z][A-Z]|[A-Z]{2,}[a-z]|[A-Za-z][0-9]|_")
_NOT_SYMBOLS = frozenset({"go", "golang", "goroutine", "goroutines", "code", "function", "func", "file", "line"})


def symbol_candidates(question: str) -> list[Candidate]:
    """Identifier candidates in ``question``, in order of appearance; method, dotted and assembly forms whole."""
    out: dict[str, tuple[int, Candidate]] = {}
    spans: list[tuple[int, int]] = []
    ticked = {m.group(1).strip() for m in _BACKTICK.finditer(question)}

    def add(text: str, start: int, end: int, strong: bool) -> None:
        text = text.strip(".·")
        name = normalize(text)
        bare = name.rsplit(".", 1)[-1]
        if not bare or not _WORD.fullmatch(bare):
            return
        spans.append((start, end))
        if text not in out:
            out[text] = (start, Candidate(text, bare, strong or text in ticked))

    for m in _METHOD_FORM.finditer(question):
        add(m.group(0), m.start(), m.end(), True)
    for m in _DOTTED.finditer(question):
        if any(s <= m.start() < e for s, e in spans):
            continue
        parts = re.split(r"[.·∕]", m.group(0))
        if parts[-1].lower() in _FILE_EXT:  # a file name (chan.go): its stem may still be a symbol
            stem = parts[-2] if len(parts) >= 2 else ""
            if _CAMEL.search(stem):
                add(stem, m.start(), m.end(), True)
            continue
        add(m.group(0), m.start(), m.end(), True)
    for m in _WORD.finditer(question):
        if any(s <= m.start() < e for s, e in spans):
            continue
        w = m.group(0)
        low = w.lower()
        if low in STOP_WORDS or low in _NOT_SYMBOLS or (len(w) < 3 and w not in ticked):
            continue
        add(w, m.start(), m.end(), bool(_CAMEL.search(w)))
    for start, text, explicit in short_type_names(question):
        if text not in out or (explicit and not out[text][1].strong):
            out[text] = (start, Candidate(text, text, explicit, kind="" if text[-1:].isdigit() else "type"))
    return [c for _, c in sorted(out.values(), key=lambda x: x[0])]


_SHORT_AS_TYPE = re.compile(
    r"\b([A-Za-z]\d?)\s+(?:\([^()]{1,40}\)\s+)?(?:struct|type)\b|\b(?:type|struct)\s+([A-Za-z]\d?)\b"
)
_GMP = re.compile(r"(?<![\w'’-])([GMP])(?![\w-])")
_G0 = re.compile(r"(?<![\w-])([gm]0)(?!\w)")
_GMP_CONTEXT = re.compile(
    r"goroutine|thread|machine|processor|schedul|\bGMP\b|\bstruct\b|run ?queue|协程|线程|处理器|调度|运行队列",
    re.IGNORECASE,
)


def short_type_names(question: str) -> list[tuple[int, str, bool]]:
    """The runtime's one-letter types (``g``, ``m``, ``p``) and ``g0``/``m0`` when a question means them: written
    as a type ("the g struct", "the M (OS thread) struct", "type p") or ``g0`` — explicit; or as the scheduler's
    G, M, P in a question about goroutines, threads, processors or scheduling ("a P's run queue") — from the
    context only: weak, and after every other word (background, not the subject). Returned as the runtime spells
    them (lower case) with their position and whether they are explicit."""
    out: list[tuple[int, str, bool]] = []
    for m in _SHORT_AS_TYPE.finditer(question):
        w = m.group(1) or m.group(2)
        out.append((m.start(), w.lower() if w in "GMP" else w, True))
    out += [(m.start(), m.group(1), True) for m in _G0.finditer(question)]
    if _GMP_CONTEXT.search(question):
        out += [(len(question) + m.start(), m.group(1).lower(), False) for m in _GMP.finditer(question)]
    return out


def _known_names(store: Store, names: Iterable[str]) -> set[str]:
    """Which of ``names`` (lower-cased) some symbol has as its bare name: one query."""
    low = sorted({n.lower() for n in names})
    if not low:
        return set()
    marks = ",".join("?" * len(low))
    return {
        r[0] for r in store.db.execute(f"SELECT DISTINCT name_lower FROM symbols WHERE name_lower IN ({marks})", low)
    }


_OTHER_ARCH_SUFFIX = re.compile(
    r"_(386|arm|arm64|loong64|mips|mipsle|mips64|mips64le|mipsx|mips64x|ppc64|ppc64le|ppc64x|riscv64|s390x|wasm)\b"
)


def variant_penalty(chunk: ChunkRow) -> int:
    """0 for generic, amd64 or linux code; more for other architectures and systems (rank those after)."""
    p = 0
    if chunk.goarch and chunk.goarch != "amd64":
        p += 2
    if chunk.goos and chunk.goos != "linux":
        p += 1
    if not chunk.goarch and not chunk.goos and chunk.build:
        b = chunk.build
        if not any(x in b for x in ("amd64", "linux", "unix", "!")) and not b.startswith("goexperiment"):
            p += 1
    if p == 0 and _OTHER_ARCH_SUFFIX.search(chunk.path.rsplit("/", 1)[-1].removesuffix(".s").removesuffix(".go")):
        p += 1
    return p


def _definition_key(d: Definition, chunk: ChunkRow, cand: Candidate) -> tuple:
    stub = chunk.kind in ("func", "method") and d.start_line == d.end_line
    name = d.symbol.rsplit(".", 1)[-1]
    qualified = "." in cand.text or "(" in cand.text or "·" in cand.text
    return (
        name != cand.name,  # exact case first
        chunk.generated or "/_builtin/" in chunk.path,
        stub,
        variant_penalty(chunk),
        not qualified and d.kind == "method",  # a bare name means the top-level declaration first
        not d.path.startswith("src/runtime/"),
        d.path,
        d.start_line,
    )


def _definitions(store: Store, cand: Candidate) -> list[Definition]:
    """Definitions of a candidate; ``mheap_.alloc`` (a variable's method) falls back to ``mheap.alloc``."""
    defs = lookup(store, cand.text, limit=100)
    if not defs and "." in cand.text:
        left, right = normalize(cand.text).rsplit(".", 1)
        if left.endswith("_"):
            defs = lookup(store, f"{left.rstrip('_')}.{right}", limit=100)
    return [d for d in defs if d.kind not in _PROSE_KINDS]


def symbol_search(index: GuideIndex, question: str, scope: Sequence[str], limit: int = 20) -> list[tuple[int, bool]]:
    """(chunk rowid, strong) of definitions named in ``question`` within ``scope``, best first.

    A plain word (``lock``, ``hchan``) counts as an identifier when it is rare in the index (in fewer than
    ``RARE_DF`` chunks: ``hchan``, ``sysmon``); otherwise it may be English and only matches exactly (same case)
    top-level code declarations, at most ``MAX_WEAK_DEFS`` of them."""
    cands = symbol_candidates(question)
    if not cands:
        return []
    store = index.store
    known = _known_names(store, (c.name for c in cands))
    if any("." in c.text or "(" in c.text for c in cands):
        known |= {c.name.lower() for c in cands if "." in c.text or "(" in c.text}  # fallbacks in _definitions
    cands = [c for c in cands if c.name.lower() in known]
    weak_words = [c.name.lower() for c in cands if not c.strong and not c.kind]
    df = _stats(store).doc_freq(weak_words) if weak_words else {}
    cands = [c if c.strong or c.kind or df[c.name.lower()] >= RARE_DF else replace(c, strong=True) for c in cands]
    cands.sort(key=lambda c: not c.strong)  # stable: strong ones first, each in order of appearance
    in_scope = set(scope)
    per_cand: list[tuple[Candidate, list[int]]] = []
    for cand in cands:
        defs = [d for d in _definitions(store, cand) if d.tag in in_scope]
        if not cand.strong:
            defs = [d for d in defs if d.symbol.rsplit(".", 1)[-1] == cand.text and d.kind in _CODE_KINDS]
        if cand.kind:
            defs = [d for d in defs if d.kind == cand.kind and d.symbol.rsplit(".", 1)[-1] == cand.name]
        if not defs:
            continue
        rowids = list(dict.fromkeys(d.chunk_rowid for d in defs))
        chunks = {c.rowid: c for c in store.get_chunks(rowids)}
        best: dict[int, tuple] = {}
        for d in defs:
            ch = chunks.get(d.chunk_rowid)
            if ch is not None:
                key = _definition_key(d, ch, cand)
                best[d.chunk_rowid] = min(best.get(d.chunk_rowid, key), key)
        ordered = sorted(best, key=lambda r: best[r])
        per_cand.append((cand, ordered if cand.strong else ordered[:MAX_WEAK_DEFS]))
    out: list[tuple[int, bool]] = []
    seen: set[int] = set()
    depth = 0
    while len(out) < limit and any(depth < len(r) for _, r in per_cand):  # round robin over the names asked for
        for cand, rowids in per_cand:
            if depth < len(rowids) and rowids[depth] not in seen:
                seen.add(rowids[depth])
                out.append((rowids[depth], cand.strong))
        depth += 1
    return out[:limit]


# -- glossary ------------------------------------------------------------------------------------------------------
GLOSSARY: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"\bchannels?\b|通道|管道|信道", ("runtime.hchan", "runtime.chansend", "runtime.chanrecv")),
    (r"work[- ]steal|\bsteal|窃取|偷取", ("runtime.stealWork", "runtime.runqsteal", "runtime.runqgrab")),
    (r"\bschedul|调度", ("runtime.schedule", "runtime.findRunnable")),
    (r"netpoll|network poller|网络轮询", ("runtime.pollDesc", "runtime.netpollblock", "runtime.netpollready")),
    (
        r"\bpacer\b|pacing|gc trigger|gcpercent|GOGC",
        ("runtime.gcControllerState", "runtime.(*gcControllerState).startCycle"),
    ),
    (r"\bdefer(red|s)?\b|延迟调用", ("runtime.deferproc", "runtime.deferreturn")),
    (r"\bselect\b", ("runtime.selectgo",)),
    (r"\btimers?\b|定时器|计时器", ("runtime.timer", "runtime.(*timer).modify", "runtime.(*timers).run")),
    (
        r"(initial|minimum|min|starting|smallest)\b[^.?]{0,30}\bstacks?\b|stack size|初始栈|最小栈|栈大小",
        ("runtime.stackMin", "runtime.malg"),
    ),
    (
        r"stack growth|grow(s|ing)? (the )?stack|morestack|stacks? (is |are )?cop(y|ies|ied|ying)|"
        r"栈增长|扩栈|栈拷贝|栈复制",
        ("runtime.newstack", "runtime.copystack"),
    ),
    (r"\bitabs?\b|interface conversion|type assertion|接口转换|类型断言", ("runtime.getitab", "runtime.itab")),
    (r"\bmalloc\b|allocat|内存分配", ("runtime.mallocgc",)),
    (r"write barrier|写屏障", ("runtime.gcWriteBarrier", "runtime.wbBuf", "runtime.typedmemmove")),
    (r"preempt|抢占", ("runtime.preemptone", "runtime.retake", "runtime.asyncPreempt")),
    (r"\bsysmon\b|system monitor", ("runtime.sysmon", "runtime.retake")),
    (r"escape analysis|逃逸分析", ("cmd/compile/internal/escape.escape", "cmd/compile/internal/escape.Funcs")),
    (r"garbage collect|\bGC\b|垃圾回收", ("runtime.gcStart", "runtime.gcBgMarkWorker")),
    (r"\bpark(s|ed|ing)?\b|\bblock(s|ed)? a goroutine", ("runtime.gopark", "runtime.goready")),
    (r"goroutine creat|new goroutine|\bgo statement|创建 ?goroutine", ("runtime.newproc", "runtime.newproc1")),
    (r"\bmaps?\b|hash ?table|哈希表", ("internal/runtime/maps.Map", "runtime.hmap")),
    (r"\bmutex|\block(s|ing)?\b|互斥|锁", ("runtime.mutex", "runtime.lock2")),
    (r"semaphore|信号量", ("runtime.semacquire1", "runtime.semrelease1")),
    (r"\bstartup|bootstrap|entry point|程序启动|入口", ("runtime.rt0_go", "runtime.schedinit")),
)
"""Go-internals vocabulary: words of a question (English or Chinese) -> declarations that explain them. Looked up
like symbols and ranked as their own list (``glossary``), so a natural question reaches the code it is about."""
_GLOSSARY = tuple((re.compile(p, re.IGNORECASE), names) for p, names in GLOSSARY)


def glossary_search(index: GuideIndex, question: str, scope: Sequence[str], limit: int = 12) -> list[int]:
    """Chunk rowids of the declarations the glossary associates with ``question``, best first."""
    names = [n for rx, ns in _GLOSSARY if rx.search(question) for n in ns]
    in_scope = set(scope)
    per_name: list[list[int]] = []
    for name in dict.fromkeys(names):
        cand = Candidate(name, name.rsplit(".", 1)[-1], True)
        defs = [d for d in _definitions(index.store, cand) if d.tag in in_scope and d.symbol == name]
        chunks = {c.rowid: c for c in index.store.get_chunks(list(dict.fromkeys(d.chunk_rowid for d in defs)))}
        keys = {d.chunk_rowid: _definition_key(d, chunks[d.chunk_rowid], cand) for d in defs if d.chunk_rowid in chunks}
        per_name.append(sorted(keys, key=lambda r: keys[r])[:2])
    out: list[int] = []
    for depth in range(2):
        out += [r[depth] for r in per_name if depth < len(r) and r[depth] not in out]
    return out[:limit]


# -- files named in the question -----------------------------------------------------------------------------------
_FILE_MENTION = re.compile(r"(?<![\w/.-])((?:[\w.-]+/)*[A-Za-z0-9_]+\.(?:go|s))(?![\w])")
MAX_FILES_PER_WORD = 3
"""A question word names files (``epoll`` -> ``netpoll_epoll.go``) only when few file names have it as a part."""
RARE_FILE_WORD_SHARE = 0.005
"""... and when it is rare: in fewer than ``RARE_DF`` chunks and than this share of all chunks."""
FILE_WORD_WEIGHT = 0.5
"""Weight of the file list when the files come from a word of the question, not from a file name written out."""


class _FileNames:
    """Base names of the Go repository's files, and which base names each name part (``epoll``, ``stack``) is in."""

    def __init__(self, store: Store) -> None:
        self.paths: dict[str, list[str]] = {}
        for (path,) in store.db.execute("SELECT DISTINCT path FROM files WHERE repo='go'"):
            self.paths.setdefault(path.rsplit("/", 1)[-1], []).append(path)
        self.parts: dict[str, set[str]] = {}
        for base in self.paths:
            stem, _, ext = base.rpartition(".")
            if ext not in ("go", "s") or stem.endswith("_test"):
                continue
            for part in stem.lower().split("_"):
                self.parts.setdefault(part, set()).add(base)


_FILES: weakref.WeakKeyDictionary[Store, _FileNames] = weakref.WeakKeyDictionary()


def _file_names(store: Store) -> _FileNames:
    fn = _FILES.get(store)
    if fn is None:
        fn = _FILES[store] = _FileNames(store)
    return fn


def named_files(store: Store, question: str) -> tuple[list[str], bool]:
    """Paths of the files a question names: written out (``chan.go``, ``runtime/netpoll_epoll.go``; strong), else
    those whose name has a rare word of the question as a part (``epoll`` -> ``netpoll_epoll.go``; weak)."""
    fn = _file_names(store)
    written = [m.group(1) for m in _FILE_MENTION.finditer(question)]
    out: list[str] = []
    for w in written:
        base = w.rsplit("/", 1)[-1]
        out += [p for p in fn.paths.get(base, []) if "/" not in w or p.endswith("/" + w) or p == w]
    if out:
        return list(dict.fromkeys(out)), True
    words = [t for t in dict.fromkeys(query_tokens(question)) if len(t) >= 4 and t not in STOP_WORDS]
    st = _stats(store)
    df = st.doc_freq(words) if words else {}
    rare = min(RARE_DF, RARE_FILE_WORD_SHARE * st.total)  # a name part, not an English word (``lock``)
    for w in words:
        bases = fn.parts.get(w, set())
        if 0 < len(bases) <= MAX_FILES_PER_WORD and df.get(w, 0) < rare:
            out += [p for b in sorted(bases) for p in fn.paths[b] if p.startswith("src/")]
    return list(dict.fromkeys(out)), False


def file_search(index: GuideIndex, question: str, scope: Sequence[str], limit: int = 10) -> tuple[list[int], bool]:
    """Chunk rowids of the files the question names (see :func:`named_files`) within ``scope``, ranked by BM25
    against the question (declarations first when nothing matches); and whether the files were written out."""
    paths, strong = named_files(index.store, question)
    if not paths or not scope:
        return [], strong
    db = index.store.db
    pm, tm = ",".join("?" * len(paths)), ",".join("?" * len(scope))
    rows = db.execute(
        f"SELECT c.rowid, c.kind FROM chunks c WHERE c.repo='go' AND c.path IN ({pm}) AND EXISTS "
        f"(SELECT 1 FROM files f WHERE f.repo=c.repo AND f.path=c.path AND f.blob=c.blob AND f.tag IN ({tm}))",
        [*paths, *scope],
    ).fetchall()
    code = {r for r, kind in rows if kind in _CODE_KINDS or kind == "method"}
    if not code:
        return [], strong
    match = lexical_query(index.store, question)
    scored: dict[int, float] = {}
    if match is not None:
        ids = sorted(code)
        for i in range(0, len(ids), 500):
            part = ids[i : i + 500]
            marks = ",".join("?" * len(part))
            scored.update(
                db.execute(f"SELECT rowid, bm25(fts) FROM fts WHERE fts MATCH ? AND rowid IN ({marks})", [match, *part])
            )
    ranked = sorted(scored, key=lambda r: (scored[r], r))
    return ranked[:limit], strong


# -- lexical -------------------------------------------------------------------------------------------------------
class _LexicalStats:
    """Per-store document frequencies of tokens (cached; the FTS index changes only on ingest)."""

    def __init__(self, store: Store) -> None:
        self.db = store.db
        self.db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.guide_fts_vocab USING fts5vocab(main, fts, row)")
        self.total = int(self.db.execute("SELECT COUNT(*) FROM chunks").fetchone()[0])
        self.df: dict[str, int] = {}

    def doc_freq(self, tokens: Sequence[str]) -> dict[str, int]:
        todo = [t for t in tokens if t not in self.df]
        if todo:
            marks = ",".join("?" * len(todo))
            found = dict(self.db.execute(f"SELECT term, doc FROM temp.guide_fts_vocab WHERE term IN ({marks})", todo))
            for t in todo:
                self.df[t] = int(found.get(t, 0))
            if len(self.df) > 100_000:
                self.df.clear()
        return {t: self.df.get(t, 0) for t in tokens}


_STATS: weakref.WeakKeyDictionary[Store, _LexicalStats] = weakref.WeakKeyDictionary()


def _stats(store: Store) -> _LexicalStats:
    st = _STATS.get(store)
    if st is None:
        st = _STATS[store] = _LexicalStats(store)
    return st


def lexical_query(store: Store, question: str) -> str | None:
    """The FTS5 MATCH expression for ``question``: its tokens, quoted, OR-ed; None when it has none."""
    tokens = [t.replace('"', "") for t in dict.fromkeys(query_tokens(question))]
    tokens = [t for t in tokens if t][:MAX_QUERY_TOKENS]
    if not tokens:
        return None
    st = _stats(store)
    df = st.doc_freq(tokens)
    limit = COMMON_DF * max(st.total, 1)
    kept = [t for t in tokens if df[t] <= limit]
    if not kept:  # only common tokens: keep the rarest few so that something matches
        kept = sorted(tokens, key=lambda t: df[t])[:3]
    kept = [t for t in kept if df[t] > 0] or kept
    return " OR ".join(f'"{t}"' for t in kept)


def lexical_search(index: GuideIndex, question: str, scope: Sequence[str], limit: int = 50) -> list[int]:
    """Chunk rowids by BM25 within ``scope`` (tags), best first; generated code scored down.

    The FTS top ``depth`` are filtered by version (a join on the file listings); when too few survive and the FTS
    list was cut off, ``depth`` grows (x4, up to ``MAX_LEXICAL_DEPTH``)."""
    match = lexical_query(index.store, question)
    if match is None or not scope:
        return []
    db = index.store.db
    tag_marks = ",".join("?" * len(scope))
    depth = max(4 * limit, 200)
    while True:
        found = db.execute(
            "SELECT rowid, bm25(fts) FROM fts WHERE fts MATCH ? ORDER BY bm25(fts) LIMIT ?", (match, depth)
        ).fetchall()
        score = dict(found)
        marks = ",".join("?" * len(found))
        kept = db.execute(
            f"SELECT c.rowid, c.generated FROM chunks c WHERE c.rowid IN ({marks}) AND EXISTS (SELECT 1 FROM files f "
            f"WHERE f.repo=c.repo AND f.path=c.path AND f.blob=c.blob AND f.tag IN ({tag_marks}))",
            [*score, *scope],
        ).fetchall()
        if len(kept) >= limit or len(found) < depth or depth >= MAX_LEXICAL_DEPTH:
            break
        depth *= 4
    ranked = sorted(kept, key=lambda r: (score[r[0]] * (GENERATED_FACTOR if r[1] else 1.0), r[0]))
    return [r[0] for r in ranked[:limit]]


# -- dense ---------------------------------------------------------------------------------------------------------
def _tags_filter(scope: Sequence[str]) -> dict[str, Any]:
    clauses = [{"tags": {"$contains": t}} for t in scope]
    return clauses[0] if len(clauses) == 1 else {"$or": clauses}


_DENSE_FAILED: weakref.WeakKeyDictionary[Any, float] = weakref.WeakKeyDictionary()
DENSE_RETRY_SECONDS = 60.0
"""After a vector-store failure, dense retrieval is skipped for this long (a failing store can take seconds)."""


def dense_search(index: GuideIndex, question: str, scope: Sequence[str], limit: int = 30) -> list[str]:
    """Chunk ids by vector similarity within ``scope``, best first; [] when there are no vectors or on failure."""
    if not scope or not index.dense_ready:
        return []
    failed = _DENSE_FAILED.get(index)
    if failed is not None and time.monotonic() - failed < DENSE_RETRY_SECONDS:
        return []
    try:
        vec = index.embeddings.embed_query(question)
        ids = _dense_ids_in_scope(index, vec, scope, limit)
    except Exception as e:  # the vector store is an accelerator, never a single point of failure
        log.warning("dense retrieval failed (%s); symbol and lexical only for the next %.0f s", e, DENSE_RETRY_SECONDS)
        _DENSE_FAILED[index] = time.monotonic()
        return []
    _DENSE_FAILED.pop(index, None)
    return ids


DENSE_OVERFETCH = 8
"""Unfiltered neighbours fetched per wanted hit before falling back to Chroma's metadata filter."""


def _dense_ids_in_scope(index: GuideIndex, vec: list[float], scope: Sequence[str], limit: int) -> list[str]:
    """Nearest chunk ids within ``scope``. Chroma's ``$contains`` filter on the tag list costs ~100x an unfiltered
    query (measured: 118 ms vs 1.2 ms over 40k vectors), so: fetch ``DENSE_OVERFETCH * limit`` neighbours
    unfiltered, keep those in scope by the SQLite file listing, and use the filtered query only when too few are."""
    col = index.vectorstore._collection
    got = col.query(query_embeddings=[vec], n_results=limit * DENSE_OVERFETCH, include=[])
    ids = got["ids"][0] if got.get("ids") else []
    rows = index.store.get_chunks_by_id(ids)
    in_scope = _chunk_tags(index.store, [r.rowid for r in rows], scope)
    keep = [r.id for r in rows if r.rowid in in_scope][:limit]
    if len(keep) >= limit or len(ids) < limit * DENSE_OVERFETCH:
        return keep
    filtered = col.query(query_embeddings=[vec], n_results=limit, where=_tags_filter(scope), include=[])
    return filtered["ids"][0] if filtered.get("ids") else []


# -- fusion --------------------------------------------------------------------------------------------------------
def _chunk_tags(store: Store, rowids: Sequence[int], scope: Sequence[str]) -> dict[int, list[str]]:
    if not rowids or not scope:
        return {}
    out: dict[int, list[str]] = {}
    tag_marks = ",".join("?" * len(scope))
    for i in range(0, len(rowids), 500):
        part = list(rowids[i : i + 500])
        marks = ",".join("?" * len(part))
        for rowid, tag in store.db.execute(
            "SELECT c.rowid, f.tag FROM chunks c JOIN files f ON f.repo=c.repo AND f.path=c.path AND f.blob=c.blob "
            f"WHERE c.rowid IN ({marks}) AND f.tag IN ({tag_marks})",
            [*part, *scope],
        ):
            out.setdefault(rowid, []).append(tag)
    return {r: sorted(ts, key=version_key) for r, ts in out.items()}


def design_tags(index: GuideIndex) -> list[str]:
    """Indexed tags that are not Go releases (the design documents)."""
    return [v.tag for v in index.versions if v.repo != "go"]


def retrieve(
    index: GuideIndex,
    query: str,
    tags: list[str],
    k: int = 8,
    *,
    include_design: bool = True,
    fusion: FusionConfig = DEFAULT_FUSION,
    weak_symbol_weight: float = WEAK_SYMBOL_WEIGHT,
    retrievers: Sequence[str] = (SYMBOL, GLOSSARY_LIST, FILE, BM25, DENSE),
    timings: dict[str, float] | None = None,
) -> list[Hit]:
    """The ``k`` best chunks for ``query`` within the Go release ``tags`` (plus design documents).

    ``tags`` not indexed are ignored (logged); with no indexed tag at all the result is empty. ``retrievers``,
    ``fusion`` and ``weak_symbol_weight`` exist for experiments (bench/retrieval_quality.py); ``timings`` receives
    milliseconds per stage."""
    known = set(index.releases)
    go_tags = [t for t in tags if t in known]
    if len(go_tags) != len(tags):
        log.warning("not indexed, ignored: %s", ", ".join(t for t in tags if t not in known))
    if not go_tags or not query.strip():  # no release to search: nothing (design documents only go along)
        return []
    scope = go_tags + (design_tags(index) if include_design else [])
    depth = max(4 * k, 40)
    t0 = time.perf_counter()
    sym = symbol_search(index, query, scope) if SYMBOL in retrievers else []
    gloss = glossary_search(index, query, scope) if GLOSSARY_LIST in retrievers else []
    files, files_written = file_search(index, query, scope) if FILE in retrievers else ([], False)
    t1 = time.perf_counter()
    lex = lexical_search(index, query, scope, limit=depth) if BM25 in retrievers else []
    t2 = time.perf_counter()
    dense_ids = dense_search(index, query, scope, limit=depth) if DENSE in retrievers else []
    t3 = time.perf_counter()
    dense = [c.rowid for c in index.store.get_chunks_by_id(dense_ids)]
    if timings is not None:
        timings.update(symbol=(t1 - t0) * 1000, bm25=(t2 - t1) * 1000, dense=(t3 - t2) * 1000)

    rankings: dict[str, list[int]] = {
        SYMBOL: [r for r, _ in sym],
        GLOSSARY_LIST: gloss,
        FILE: files,
        BM25: lex,
        DENSE: dense,
    }
    weak = {r for r, strong in sym if not strong}
    file_weight = {} if files_written else {FILE: FILE_WORD_WEIGHT * fusion.weight(FILE)}
    rowids = list(dict.fromkeys(r for lst in rankings.values() for r in lst))
    chunks = {c.rowid: c for c in index.store.get_chunks(rowids)}
    chunk_tags = _chunk_tags(index.store, rowids, scope)

    def item_weights(rowid: int) -> dict[str, float]:
        return {**file_weight, SYMBOL: weak_symbol_weight} if rowid in weak else file_weight

    # Per chunk: its rank in each list. Per group (repo, path, symbol): the best rank of its members.
    ranks: dict[int, dict[str, int]] = {}
    for name, lst in rankings.items():
        for rank, rowid in enumerate(lst, start=1):
            if rowid in chunks and rowid in chunk_tags:
                ranks.setdefault(rowid, {}).setdefault(name, rank)
    groups: dict[tuple[str, str, str], list[int]] = {}
    for rowid in ranks:
        c = chunks[rowid]
        groups.setdefault((c.repo, c.path, c.symbol), []).append(rowid)

    hits: list[Hit] = []
    for members in groups.values():
        group_ranks: dict[str, int] = {}
        group_weights: dict[str, float] = file_weight
        for rowid in members:
            for name, rank in ranks[rowid].items():
                if rank < group_ranks.get(name, 1 << 30):
                    group_ranks[name] = rank
                    if name == SYMBOL:  # the weight of the member that has the group's best symbol rank
                        group_weights = item_weights(rowid)
        newest = max((chunk_tags[r][-1] for r in members), key=version_key)
        at_newest = [r for r in members if newest in chunk_tags[r]]
        best = max(at_newest, key=lambda r: (rrf_score(ranks[r], fusion, item_weights(r)), -chunks[r].part))
        others = sorted((chunks[r] for r in at_newest if r != best), key=lambda c: c.part)
        all_tags = sorted({t for r in members for t in chunk_tags[r]}, key=version_key)
        hits.append(
            Hit(
                chunk=chunks[best],
                tag=newest,
                score=rrf_score(group_ranks, fusion, group_weights),
                ranks=dict(sorted(group_ranks.items(), key=lambda x: x[1])),
                via=[n for n, _ in sorted(group_ranks.items(), key=lambda x: x[1])],
                tags=all_tags,
                other_parts=others,
            )
        )
    hits.sort(key=lambda h: (-h.score, min(h.ranks.values()), h.chunk.rowid))
    log.debug("retrieve %r in %s: %d candidates, %d groups", query, scope, len(rowids), len(hits))
    return hits[:k]


__all__ = [
    "BM25",
    "DEFAULT_FUSION",
    "DENSE",
    "FILE",
    "GLOSSARY",
    "GLOSSARY_LIST",
    "SYMBOL",
    "Candidate",
    "Hit",
    "dense_search",
    "file_search",
    "glossary_search",
    "lexical_query",
    "lexical_search",
    "named_files",
    "retrieve",
    "symbol_candidates",
    "symbol_search",
]
