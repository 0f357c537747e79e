"""``answer()``: the one entry point the web chat, the CLI and the evals call.

Steps: read the question (empty, huge, follow-up), scope the versions (never substituting one that is not
indexed), route (comparison, callers, absent symbols), retrieve, then answer extractively or with a chat model
whose every citation is checked against the sources it was given.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from guide.citations import Source, check_citations, source_for_hit, source_from_chunk
from guide.extractive import compose
from guide.language import Lang, detect
from guide.llm import describe, make_chat_model
from guide.prompt import build_messages

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from guide.index import GuideIndex

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 2000
ANSWER_SOURCES = 5


@dataclass
class Answer:
    question: str
    text: str
    citations: list[dict[str, Any]] = field(default_factory=list)
    retrieved: list[dict[str, Any]] = field(default_factory=list)
    grounded: bool = False
    warnings: list[str] = field(default_factory=list)
    versions: list[str] = field(default_factory=list)
    llm: str = "extractive (no language model)"
    route: str = "retrieve"
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        """The documented JSON form (README, "Answers as JSON")."""
        return {
            "question": self.question,
            "text": self.text,
            "citations": self.citations,
            "retrieved": self.retrieved,
            "grounded": self.grounded,
            "warnings": self.warnings,
            "versions": self.versions,
            "llm": self.llm,
            "route": self.route,
            "seconds": round(self.seconds, 3),
        }


@dataclass
class Event:
    """One step of a streamed answer: ``sources`` (retrieved, before any model output), ``token`` (text), and
    ``final`` (the checked :class:`Answer`)."""

    kind: str
    text: str = ""
    sources: list[dict[str, Any]] = field(default_factory=list)
    answer: Answer | None = None


_FOLLOW_UP = re.compile(
    r"^\s*(and|what about|how about|in|at|for|where is it|where's it|who calls it|is it|does it|那|那么|在)\b|"
    r"\b(it|its|that|this one|there)\b|它|这个|那个",
    re.IGNORECASE,
)
_CALLERS = re.compile(
    r"\bwho (?:calls|invokes|uses)\b|\bcallers?\b|\bcall ?sites?\b|\bcalled (?:by|from where)\b|"
    r"\bwhere (?:is|are|does) (?:it|[\w.()*·]+) (?:get )?called\b|\bwhat calls\b|"
    r"谁调用|被调用|被谁调用|在哪里被调用|在哪儿被调用",
    re.IGNORECASE,
)
"""Asking for call sites ("who calls lock?", "where is it called?"), not what a function calls."""
_COMPARE = re.compile(
    r"\b(changed?|changes|differ(?:ence|s)?|diff|compare|evolv\w*|between)\b|变化|改变|区别|不同|比较", re.IGNORECASE
)
_IDENT = re.compile(r"[A-Za-z_][\w·∕]*(?:\.[A-Za-z_(*][\w·∕()*]*)*|\(\*?\w+\)\.\w+")


def _identifiers(text: str) -> list[str]:
    """Words that look like code: camelCase, snake_case, dotted, ``runtime·x``, method forms, file names."""
    out = []
    for m in _IDENT.finditer(text):
        w = m.group(0).strip(".")
        while w.endswith(")") and w.count(")") > w.count("("):
            w = w[:-1]
        if _GO_VERSION.fullmatch(w):
            continue
        if re.search(r"[a-z][A-Z]|_|·|\.|\(|\d", w) or (w.islower() and len(w) > 2 and w in _KNOWN_SHORT):
            out.append(w)
    return out


_KNOWN_SHORT: set[str] = set()
_CALL_WORDS = frozenset({"call", "calls", "called", "caller", "callers", "invoked", "where", "who", "site", "sites"})
_BARE_VERSION = re.compile(r"(?<![\w.])(1\.\d{1,2}(?:\.\d{1,2})?)(?![\w.])")
_GO_VERSION = re.compile(r"(?i)go\d+(?:\.\d+)*")


def _is_follow_up(question: str, history: list[tuple[str, str]] | None) -> bool:
    return bool(history) and (len(question.split()) <= 6 or len(question) <= 16) and bool(_FOLLOW_UP.search(question))


def _finish(ans: Answer, t0: float) -> Answer:
    ans.seconds = time.monotonic() - t0
    return ans


def _scope_label(tags: list[str]) -> str:
    if not tags:
        return "no indexed release"
    return tags[0] if len(tags) == 1 else f"{tags[0]}–{tags[-1]}"


def _sources_from_hits(index: GuideIndex, hits: list, limit: int) -> tuple[list[Source], dict[int, int]]:
    sources: list[Source] = []
    decl: dict[int, int] = {}
    for hit in hits:
        src = source_for_hit(index, len(sources) + 1, hit.chunk, hit.tag, getattr(hit, "ranks", {}))
        if src is None:
            log.warning("dropped %s at %s: lines no longer match the index", hit.chunk.path, hit.tag)
            continue
        sources.append(src)
        decl[src.n] = hit.chunk.start_line
        if len(sources) == limit:
            break
    return sources, decl


def _relevant(hits: list) -> bool:
    """Grounding needs a hit found by symbol or lexical search (dense neighbours alone are always 'something')."""
    return any({"symbol", "bm25"} & set(getattr(h, "via", []) or []) for h in hits)


def stream_answer(
    question: str,
    versions: list[str] | None = None,
    llm: str | BaseChatModel | None = None,
    history: list[tuple[str, str]] | None = None,
    *,
    index: GuideIndex | None = None,
    k: int = ANSWER_SOURCES,
) -> Iterator[Event]:
    """Like :func:`answer`, step by step: the sources come first, at once; then the text; then the checked answer."""
    from guide.index import open_index
    from guide.retrieve import retrieve
    from guide.versions import resolve_versions

    t0 = time.monotonic()
    index = index or open_index()
    raw = question or ""
    lang = detect(raw)
    spec = llm if llm is not None else index.settings.llm
    ans = Answer(question=raw, text="", llm=describe(spec))
    q = " ".join(raw.split())
    if not q or not re.search(r"\w", q):
        ans.text = lang.text("empty")
        ans.warnings.append("empty question")
        ans.route = "empty"
        yield Event("final", answer=_finish(ans, t0))
        return
    if len(q) > MAX_QUESTION_CHARS:
        q = q[:MAX_QUESTION_CHARS]
        ans.warnings.append(lang.text("too_long", n=MAX_QUESTION_CHARS))

    # follow-ups resolve against the previous turn: its question gives the subject, this one the new ask
    query = q
    previous = history[-1][0] if history and _is_follow_up(q, history) else None
    if previous is not None:
        query = f"{previous} {q}"
        ans.warnings.append(f"read as a follow-up of: {previous!r}")

    # in a follow-up a bare "1.21" can only be a release ("and in 1.21?")
    scope = resolve_versions(index, _BARE_VERSION.sub(r"go\1", q) if previous is not None else q, versions)
    if not scope.explicit and previous is not None:
        scope = resolve_versions(index, previous, versions)
    ans.versions = list(scope.tags)
    if scope.missing:
        indexed = ", ".join(index.releases)
        ans.text = (scope.message if lang.code == "en" else None) or lang.text(
            "not_indexed", missing=", ".join(scope.missing), indexed=indexed, tags=" ".join(scope.missing)
        )
        ans.warnings.append(f"not indexed: {', '.join(scope.missing)}")
        ans.route = "not-indexed"
        yield Event("final", answer=_finish(ans, t0))
        return

    idents = _identifiers(query)
    if len(scope.tags) >= 2 and _COMPARE.search(q):
        yield from _compare_route(index, q, query, idents, scope.tags, ans, lang, t0)
        return
    if _CALLERS.search(q):
        subject = _known_subject(index, q) or (_known_subject(index, history[-1][0]) if history else None)
        if subject:
            yield from _callers_route(index, subject, scope.tags, ans, lang, t0)
            return

    absent_notes, extra_query = _absent(index, idents + _code_nouns(index, query), scope.tags, lang)
    if absent_notes:
        ans.route = "absent"
    hits = retrieve(index, query + (" " + extra_query if extra_query else ""), scope.tags, k=max(k, 8))
    sources, decl = _sources_from_hits(index, hits, k)
    ans.retrieved = [s.retrieved() for s in sources]
    yield Event("sources", sources=ans.retrieved)

    if not sources or (not _relevant(hits) and not absent_notes):
        ans.text = "\n\n".join([*absent_notes, lang.text("not_found", scope=_scope_label(scope.tags))])
        ans.grounded = bool(absent_notes) and not sources
        ans.route = ans.route if absent_notes else "not-found"
        yield Event("token", text=ans.text)
        yield Event("final", answer=_finish(ans, t0))
        return

    model = make_chat_model(spec, index.settings) if isinstance(spec, str) else spec
    prefix = "\n\n".join(absent_notes) + ("\n\n" if absent_notes else "")
    given = sources  # what the answerer was given: the only sources its markers may name
    if model is None:
        draft = prefix + compose(q, sources, decl, _scope_label(scope.tags), lang)
        yield Event("token", text=draft)
    else:
        # a small local model reads ~20-80 tokens/s here: fewer, shorter sources keep the first token near
        given, max_lines = (sources[:3], 24) if spec == "local" else (sources, 40)
        messages = build_messages(q, given, lang, history, max_lines=max_lines)
        parts: list[str] = []
        if prefix:
            parts.append(prefix)
            yield Event("token", text=prefix)
        try:
            for chunk in model.stream(messages):
                piece = chunk.content if isinstance(chunk.content, str) else str(chunk.content)
                if piece:
                    parts.append(piece)
                    yield Event("token", text=piece)
        except Exception as e:  # an endpoint that is down is a message, not a traceback
            ans.warnings.append(f"the language model failed ({type(e).__name__}: {e}); showing the extractive answer")
            parts = [prefix + compose(q, sources, decl, _scope_label(scope.tags), lang)]
            given = sources
        draft = "".join(parts)
    checked = check_citations(draft, given)
    ans.text = checked.text
    ans.citations = [s.citation() for s in checked.cited]
    ans.warnings += checked.warnings
    ans.grounded = bool(checked.cited)
    if not ans.grounded:
        ans.text = lang.text("ungrounded") + "\n\n" + ans.text
    yield Event("final", answer=_finish(ans, t0))


def answer(
    question: str,
    versions: list[str] | None = None,
    llm: str | BaseChatModel | None = None,
    history: list[tuple[str, str]] | None = None,
    *,
    index: GuideIndex | None = None,
    k: int = ANSWER_SOURCES,
) -> Answer:
    """Answer ``question`` about the indexed Go releases, with verified citations (see :class:`Answer`)."""
    final: Answer | None = None
    for ev in stream_answer(question, versions, llm, history, index=index, k=k):
        if ev.kind == "final":
            final = ev.answer
    assert final is not None
    return final


# -- routes ----------------------------------------------------------------------------------------------------------
def _absent(index: GuideIndex, idents: list[str], tags: list[str], lang: Lang) -> tuple[list[str], str]:
    """Notes for identifiers defined in no indexed release, and a query for their nearest current equivalents."""
    from guide.successors import successor_for
    from ingest.symbols import lookup

    notes, extra = [], []
    all_tags = index.releases
    for name in dict.fromkeys(idents):
        if lookup(index.store, name, limit=1) or _is_file(index, name):
            continue
        if not _FILE_NAME.fullmatch(name) and _mentioned_in_code(index, name):
            continue  # a field, local or parameter: present, just not a top-level definition
        notes.append(lang.text("absent", name=name, scope=_scope_label(all_tags)))
        succ = successor_for(name)
        if succ:
            what = ", ".join(f"`{n}`" for n in succ.new) + f" ({succ.relation}, {succ.since}: {succ.reason})"
            notes.append(lang.text("successor", what=what))
            extra += [n.rsplit("/", 1)[-1] for n in succ.new]
        else:
            notes.append(lang.text("no_successor"))
    return notes, " ".join(extra)


_CODE_NOUN = re.compile(
    r"\b(?:the|a|an)\s+([a-z][a-z0-9_]{4,})\s+(?:function|func|goroutine|struct|type|method|variable|constant)\b"
)
RARE_WORD_DF = 50
"""A word in a code-noun position ("the timerproc goroutine") in fewer chunks than this is taken for a name."""


def _code_nouns(index: GuideIndex, text: str) -> list[str]:
    """Plain lower-case words written where a Go name goes ("the timerproc goroutine", "the hchan struct") and
    rare in the index (so not English: "the main goroutine" is not one): identifiers, for the absence check."""
    from guide.retrieve import _stats
    from ingest.tokens import STOP_WORDS

    words = [m.group(1) for m in _CODE_NOUN.finditer(text) if m.group(1) not in STOP_WORDS]
    if not words:
        return []
    df = _stats(index.store).doc_freq(words)
    return [w for w in words if df.get(w, 0) < RARE_WORD_DF]


_FILE_NAME = re.compile(r"[\w./-]+\.(go|s|y|c|h|md|html)$")


def _is_file(index: GuideIndex, name: str) -> bool:
    if not _FILE_NAME.fullmatch(name) and "/" not in name:
        return False
    row = index.store.db.execute(
        "SELECT 1 FROM files WHERE path=? OR path LIKE ? LIMIT 1", (name, f"%/{name}")
    ).fetchone()
    return row is not None


def _mentioned_in_code(index: GuideIndex, name: str) -> bool:
    from ingest.tokens import identifier_tokens

    toks = [t for t in identifier_tokens(name.split(".")[-1]) if t]
    if not toks:
        return False
    phrase = '"' + toks[0].replace('"', "") + '"'
    row = index.store.db.execute("SELECT rowid FROM fts WHERE fts MATCH ? LIMIT 1", (phrase,)).fetchone()
    if row is None:
        return False
    bare = name.split(".")[-1]
    word = re.compile(rf"(?<![\w]){re.escape(bare)}(?![\w])")
    rows = index.store.db.execute(
        "SELECT text FROM chunks WHERE rowid IN (SELECT rowid FROM fts WHERE fts MATCH ? LIMIT 400) "
        "AND repo = 'go' AND kind NOT IN ('comment', 'section', 'package') AND instr(text, ?) > 0 LIMIT 50",
        (phrase, bare),
    ).fetchall()
    # in code, not in a comment (a comment that remembers an old name is not the name being there)
    return any(word.search(ln) for (text,) in rows for ln in text.split("\n") if not ln.lstrip().startswith("//"))


def _known_subject(index: GuideIndex, text: str) -> str | None:
    """The first word of ``text`` that names a symbol in the index (``lock``, ``chansend``, ``(*p).runqput``)."""
    from guide.retrieve import _known_names, symbol_candidates

    cands = [c for c in symbol_candidates(text) if c.name.lower() not in _CALL_WORDS]
    known = _known_names(index.store, [c.name for c in cands])
    ranked = sorted((c for c in cands if c.name.lower() in known), key=lambda c: not c.strong)
    return ranked[0].name if ranked else None


def _callers_route(
    index: GuideIndex, name: str, tags: list[str], ans: Answer, lang: Lang, t0: float
) -> Iterator[Event]:
    from guide.callers import find_callers

    ans.route = "callers"
    version = tags[-1]
    chunks = find_callers(index, name, version, limit=ANSWER_SOURCES)
    sources = [s for s in (source_from_chunk(index, i, c, version) for i, c in enumerate(chunks, 1)) if s]
    sources = [Source(**{**s.__dict__, "n": i}) for i, s in enumerate(sources, 1)]
    ans.retrieved = [s.retrieved() for s in sources]
    yield Event("sources", sources=ans.retrieved)
    if not sources:
        ans.text = lang.text("no_callers", name=name, version=version)
        yield Event("final", answer=_finish(ans, t0))
        return
    lines = [lang.text("callers", name=name, version=version)]
    for s in sources:
        call = next((ln.strip() for ln in s.excerpt.split("\n") if f"{name}(" in ln), "")
        lines.append(f"- {s.symbol} — {s.path}:{s.start_line}-{s.end_line}: `{call}` [{s.n}]")
    checked = check_citations("\n".join(lines), sources)
    ans.text, ans.citations, ans.grounded = checked.text, [c.citation() for c in checked.cited], bool(checked.cited)
    ans.warnings += checked.warnings
    yield Event("token", text=ans.text)
    yield Event("final", answer=_finish(ans, t0))


def _compare_route(
    index: GuideIndex, q: str, query: str, idents: list[str], tags: list[str], ans: Answer, lang: Lang, t0: float
) -> Iterator[Event]:
    from guide.compare import compare

    ans.route = "compare"
    v1, v2 = tags[0], tags[-1]
    comp = compare(index, query, v1, v2)  # it finds the symbol, file or topic in the question itself
    data = comp.to_json()
    cits = data.get("citations", [])
    sources = []
    for i, c in enumerate(cits, 1):
        excerpt = index.excerpt(c["version"], c["path"], c["start_line"], c["end_line"])
        if excerpt is None:
            continue
        sources.append(
            Source(i, c["version"], c["path"], c["start_line"], c["end_line"], c["symbol"], c.get("kind", ""),
                   c["url"], excerpt)
        )  # fmt: skip
    ans.retrieved = [s.retrieved() for s in sources]
    yield Event("sources", sources=ans.retrieved)
    text = comp.render_markdown(lang=lang.code, sources={(s.version, s.path, s.start_line): s.n for s in sources})
    newest = _compared_definition(comp, sources)
    if newest is not None:
        text += "\n\n" + _what_it_is(newest, lang)
    checked = check_citations(text, sources)
    ans.text, ans.citations = checked.text, [c.citation() for c in checked.cited]
    ans.warnings += checked.warnings
    ans.grounded = bool(checked.cited)
    yield Event("token", text=ans.text)
    yield Event("final", answer=_finish(ans, t0))


def _compared_definition(comp: Any, sources: list[Source]) -> Source | None:
    """The source of a symbol comparison's newer side (else its older side); None for file/topic comparisons."""
    for side in (getattr(comp, "right", None), getattr(comp, "left", None)):
        if side is None:
            continue
        for s in sources:
            if (s.version, s.path, s.start_line) == (side.tag, side.path, side.start_line):
                return s
    return None


def _what_it_is(src: Source, lang: Lang) -> str:
    """What the compared definition is at its release, from its own lines: the first sentence of its doc comment
    (when the excerpt has it), its value, fields or assembly calls, and the functions it calls; each cited."""
    from guide.extractive import called_names, doc_sentences, structural_lines

    t = lang.text
    para = [f"**{src.symbol}** @ {src.version} [{src.n}]"]
    doc = doc_sentences(src, src.start_line, limit=1)
    if doc:
        para.append(f"{t('says')}: {doc} [{src.n}]")
    extra = structural_lines(src, src.start_line)
    if extra:
        key = {"asm": "calls", "type": "fields", "const": "value", "var": "value"}.get(src.kind, "lines")
        para.append(t(key) + ": " + "; ".join(f"`{ln}`" for ln in extra) + f" [{src.n}]")
    calls = called_names(src, src.start_line)
    if calls:
        para.append(t("calls") + ": " + ", ".join(f"`{c}`" for c in calls) + f" [{src.n}]")
    return "\n".join(para) if len(para) > 1 else ""
