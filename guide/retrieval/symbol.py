"""Symbol retrieval: the identifiers a question names, looked up in the symbol table.

``rt0_go``, ``runtime·rt0_go``, ``(*p).runqput``, ``runtime.newproc``, ``mheap_.alloc`` (a variable's method:
``mheap.alloc``), ``findRunnable``, and plain words that are symbol names (``hchan``). Each name's definitions are
ordered by the one definition ranker (``guide.definitions.rank_key``); names take turns (round robin).

Identifier-looking names ("strong": ``_``, ``.``, camelCase, digits, backticks) count more than plain words that
happen to name a symbol ("weak": ``lock``, ``timer``), which may just be English: a weak word matches only
top-level code declarations of exactly that spelling, at most ``MAX_WEAK_DEFS`` of them, and weighs
``WEAK_SYMBOL_WEIGHT`` in fusion. A plain word the corpus itself uses as code (``hchan``, ``getg``; see
:func:`is_identifier`) is taken for an identifier.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from guide.definitions import rank_key, standalone_program
from guide.knowledge.cedict import english_words
from guide.retrieval.base import SYMBOL, Ranking, Scope
from guide.retrieval.lexical import lexical_query
from guide.retrieval.wordstats import code_share
from ingest.symbols import normalize
from ingest.tokens import identifier_tokens

if TYPE_CHECKING:
    from guide.index import GuideIndex
    from guide.query import Candidate, Query
    from ingest.symbols import Definition

WEAK_SYMBOL_WEIGHT = 0.02
"""Weight (absolute) of a symbol hit found from a plain word the corpus uses as English (``lock``, ``size``): with
the symbol list's k of 5, a first place is worth 0.0033, about a twentieth place in the lexical list, so an English
word that happens to name a type only breaks ties (bench/retrieval_quality.py: 0.15 cost the needles 0.01-0.02
hit@5 and the plain dev half 0.01)."""
PROGRAM_WEIGHT = WEAK_SYMBOL_WEIGHT
"""Weight of a definition in a program run by hand beside a package (``guide.definitions.standalone_program``):
"before main.main runs" names the user's ``main.main``, which no indexed file has; the generators' (mknode.go,
mkduff.go ...) are found by the name but weigh no more than a plain word's match, so they only break ties."""
MAX_WEAK_DEFS = 2
"""Definitions kept per plain-word symbol (``lock`` names dozens)."""
RARE_DF = 200
"""A plain word in fewer chunks than this is rare in the index (``hchan``: 121 of 53,903)."""
IDENTIFIER_SHARE = 0.5
RARE_IDENTIFIER_SHARE = 0.3
MAX_IDENTIFIER_DF = 1000
"""Shares of a word's occurrences that are code (``guide.retrieval.wordstats``) above which a plain word is an
identifier: ``hchan`` 0.81, ``getg`` 0.92; ``stack`` 0.00, ``main`` 0.06; a rare word from 0.3 (``mspan`` 0.65,
``sudog`` 0.68). Rare English words the code also uses as names are mostly prose: ``step`` 0.29 ("What happens,
step by step, when my code panics?" was answered about ``runtime.step``), ``park`` 0.16 (default index). The rare
share was 0.1; measured on 500 needles (hybrid hit@1 .488 -> .508, hit@5 .878 -> .884, MRR .644 -> .655), the
held-out set (MRR .952 -> .976, facts .81 -> .83), the team's facts (MRR .975 -> .961: "(schedule)" and "retake",
shares 0.16 and 0.15, are no longer identifiers) and the plain dev half (unchanged); 0.2 and 0.45 were each worse
on two of the four."""
PROSE_KINDS = frozenset({"section", "comment"})
CODE_KINDS = frozenset({"func", "type", "const", "var", "asm"})


def definitions_of(index: GuideIndex, text: str) -> list[Definition]:
    """Code definitions of a name as written; ``mheap_.alloc`` (a variable's method) falls back to ``mheap.alloc``."""
    defs = index.reader.lookup(text, limit=100)
    if not defs and "." in text:
        left, right = normalize(text).rsplit(".", 1)
        if left.endswith("_"):
            defs = index.reader.lookup(f"{left.rstrip('_')}.{right}", limit=100)
    return [d for d in defs if d.kind not in PROSE_KINDS]


def is_identifier(index: GuideIndex, word: str) -> bool:
    """Whether a plain word of a question that names a symbol is meant as that identifier: the corpus uses it as
    code at least ``IDENTIFIER_SHARE`` of the time and it is not everywhere (in at most ``MAX_IDENTIFIER_DF``
    chunks: ``name``, ``pos``, ``typ`` are code in every file, and name nothing in particular); or it is rare (in
    fewer than ``RARE_DF`` chunks) and used as code at least ``RARE_IDENTIFIER_SHARE`` of the time (``sysmon`` is
    mostly talked about, but it is a name). A word of English (CC-CEDICT's English, ``english_words``) is English
    whatever the code does with it: "got", "limit" and "fatal" are used as code 0.71, 0.63 and 0.60 of the time (in
    the app, from when the dictionary is read: its first questions do not wait for it, as they do not for vectors)."""
    low = word.lower()
    english = english_words(wait=index.dense_blocking)  # the app's first questions go on while it loads
    if english is not None and low in english:  # "I got 'concurrent map writes'": the parser's ``got``, share 0.71
        return False
    df = index.reader.doc_freq([low])[low]
    if df > MAX_IDENTIFIER_DF:
        return False
    share = code_share(index.reader, word)
    return share >= IDENTIFIER_SHARE or (df < RARE_DF and share >= RARE_IDENTIFIER_SHARE)


def known_candidates(index: GuideIndex, cands: tuple[Candidate, ...] | list[Candidate]) -> list[Candidate]:
    """The candidates that name something in the index, strong ones first (each group in order of appearance);
    a plain word the corpus uses as an identifier becomes strong (:func:`is_identifier`), except in a message the
    question quotes ("fatal error: all goroutines are asleep", "'... 1000000000-byte limit'": ``runtime.fatal`` and
    the SSA prover's ``limit`` had been taken for what the question named)."""
    known = index.reader.known_names(c.name for c in cands)
    known |= {c.name.lower() for c in cands if "." in c.text or "(" in c.text}  # fallbacks in definitions_of
    kept = [c for c in cands if c.name.lower() in known]
    kept = [
        c if c.strong or c.kind or c.quoted or not is_identifier(index, c.name) else replace(c, strong=True)
        for c in kept
    ]
    return sorted(kept, key=lambda c: not c.strong)  # stable


class SymbolRetriever:
    name = SYMBOL

    def search(self, index: GuideIndex, query: Query, scope: Scope, k: int) -> Ranking:
        in_scope = set(scope.tags)
        per_cand: list[tuple[Candidate, list[int], set[int]]] = []
        written: dict[str, bool] = {}  # an identifier by its form, in any place the question writes it
        for c in query.identifiers:
            written[c.name] = written.get(c.name, False) or c.strong or bool(c.kind)
        for cand in known_candidates(index, query.identifiers):
            defs = [d for d in definitions_of(index, cand.text) if d.tag in in_scope]
            if not written.get(cand.name, True):  # a plain word, even one the corpus uses as code: as spelled
                defs = [d for d in defs if d.symbol.rsplit(".", 1)[-1] == cand.text]
            if not cand.strong:
                defs = [d for d in defs if d.symbol.rsplit(".", 1)[-1] == cand.text and d.kind in CODE_KINDS]
            if cand.kind:
                defs = [d for d in defs if d.kind == cand.kind and d.symbol.rsplit(".", 1)[-1] == cand.name]
            if not defs:
                continue
            best: dict[int, tuple] = {}
            programs = {d.chunk_rowid for d in defs if standalone_program(d)}
            for d in defs:
                key = rank_key(d, cand.text, query.platform)
                best[d.chunk_rowid] = min(best.get(d.chunk_rowid, key), key)
            ordered = sorted(best, key=lambda r: best[r])
            if cand.strong:  # a type named: the method of it that says most of the question, after it
                ordered = _with_member(index, query, next(d for d in defs if d.chunk_rowid == ordered[0]), ordered)
            per_cand.append((cand, ordered if cand.strong else ordered[:MAX_WEAK_DEFS], programs))
        out = Ranking(self.name)
        depth = 0
        while len(out) < k and any(depth < len(r) for _, r, _ in per_cand):  # round robin over the names asked for
            for cand, rowids, programs in per_cand:
                if depth < len(rowids) and rowids[depth] not in out.weights and rowids[depth] not in out.rowids:
                    out.rowids.append(rowids[depth])
                    if not cand.strong:
                        out.weights[rowids[depth]] = WEAK_SYMBOL_WEIGHT
                    elif rowids[depth] in programs:
                        out.weights[rowids[depth]] = PROGRAM_WEIGHT
            depth += 1
        out.rowids = out.rowids[:k]
        return out


def _with_member(index: GuideIndex, query: Query, first: Definition, ordered: list[int]) -> list[int]:
    """``ordered`` (the rowids of a name's definitions, best first) with, right after the first when it is a type,
    the method of that type whose text says most of the question's other words (BM25 over the type's methods only):
    "Why doesn't sync.Once just use a single compare-and-swap on a flag?" is answered by Once.Do's doc comment, which
    neither the lexical nor the dense list held in its first 40 (the compare-and-swap methods of sync/atomic did).
    Measured (``python -m evals run``, default index): the second plain set's dev half (evals/plain2/dev.jsonl)
    hit@5 .62 -> .64, facts the same; plain dev, the team's facts and held-out unchanged; needles
    (bench/retrieval_quality.py) MRR .782 -> .781. Two methods: the same hit@5 on plain2 dev, facts .457 -> .450
    (TryLock took the place of sync.Mutex's fairness comment). The functions of the type's file are among the
    members too (trial 81: sync.Pool's poolCleanup, which the GC calls, for whether a Pool is emptied at GC):
    bench/retrieval_quality.py, the third plain set's dev half MRR .474 -> .477, the needles, the other dev halves
    and the team's facts unchanged."""
    if first.kind != "type" or not first.package:
        return ordered
    name = first.name or first.symbol.rsplit(".", 1)[-1]
    own = {*identifier_tokens(name), *identifier_tokens(first.package.replace("/", " "))}  # the type's own words
    other = [t for t in query.tokens if t not in own]
    methods = [m.chunk_rowid for m in index.reader.methods_of(first.package, name, first.tag)] if other else []
    # ... or a function of its file: sync.Pool's poolCleanup, which the GC calls ("Drop victim caches from all pools.")
    rows = index.reader.file_chunks(first.repo, [first.path]) if other else []
    methods += index.reader.in_scope([r for r, kind in rows if kind == "func"], [first.tag])
    match = lexical_query(index.reader, other) if other else None
    if not methods or match is None:  # "What is sync.Mutex?": no word but the type's to choose a method by
        return ordered
    scores = index.reader.fts_scores(match, methods)
    best = [r for r in sorted(scores, key=lambda r: (scores[r], r)) if r not in ordered][:1]
    return [ordered[0], *best, *ordered[1:]]


__all__ = ["RARE_DF", "WEAK_SYMBOL_WEIGHT", "SymbolRetriever", "definitions_of", "known_candidates"]
