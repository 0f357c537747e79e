"""The offline answerer: a grounded answer composed from the retrieved definitions, with no language model.

It says what it is. For each source: what it defines and where, the first sentences of its doc comment (or of
the doc section), and the lines of code that match the question, quoted from the cited lines themselves.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from guide.citation import Citation
from guide.language import Lang
from ingest.tokens import query_tokens

_COMMENT = re.compile(r"^\s*(//+|/\*+|\*+/?|#+)\s?")
_LINKNAME_NOTE = re.compile(r"linkname|hall of shame|type signature|internal detail", re.IGNORECASE)
_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z(`\"'])")


def doc_sentences(src: Citation, limit: int = 2) -> str:
    """The first sentences of a source's doc comment (Go/asm) or of its text (doc sections)."""
    lines = src.excerpt.split("\n")
    if src.kind == "section":
        body = [ln for ln in lines[1:] if ln.strip() and not ln.lstrip().startswith(("#", "```", "<", "|", "==", "--"))]
        text = " ".join(ln.strip() for ln in body[:12])
    elif src.kind in ("comment", "package"):
        text = " ".join(_COMMENT.sub("", ln).strip() for ln in lines if _COMMENT.match(ln))
    else:
        doc = [ln for ln in src.doc.split("\n") if _COMMENT.match(ln) and not ln.lstrip().startswith("//go:")]
        paragraphs = " ".join(_COMMENT.sub("", ln).strip() or "\n" for ln in doc).split("\n")
        # Go 1.23+ marks linknamed functions with a note about who uses them: not what the function does
        useful = [p for p in paragraphs if p.strip() and not _LINKNAME_NOTE.search(p)]
        text = useful[0] if useful else ""
    text = re.sub(r"\s+", " ", text).strip().replace("`", "'")
    if not text:
        return ""
    sentences = _SENT.split(text)
    out = " ".join(sentences[:limit])
    return out if len(out) <= 400 else out[:397].rsplit(" ", 1)[0] + "…"


def matching_lines(src: Citation, tokens: Sequence[str], limit: int = 3) -> list[str]:
    """Lines of the source (not its doc comment) that share the most identifiers with the question's ``tokens``."""
    q = set(tokens)
    if not q:
        return []
    scored = []
    for i, line in enumerate(src.excerpt.split("\n")):
        s = line.strip()
        if len(s) < 4 or _COMMENT.match(line) or "`" in s or len(s) > 160:
            continue
        overlap = len(q & set(query_tokens(s)))
        if overlap:
            scored.append((-overlap, i, s))
    scored.sort()
    return [s for _, _, s in sorted(scored[:limit], key=lambda t: t[1])]


_ASM_CALL = re.compile(r"^\s*(CALL|JMP|BL|B)\s+\S*·\w+")
_FIELD = re.compile(r"^\s*[A-Za-z_]\w*(?:\s*,\s*\w+)*\s+[\[\]*\w.(){}]+")
_FIELD_NAMES = re.compile(r"^\s*([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s+[\[\]*\w.(){}]")
_CALL = re.compile(r"(?<![\w.])((?:[A-Za-z_]\w*\.)?[A-Za-z_]\w*)\(")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"|`[^`]*`|\'(?:[^\'\\]|\\.)*\'')
_NOT_CALLS_TEXT = """
    if for switch select return func go defer range case else chan map struct interface type var const
    len cap make new append copy delete panic print println recover close min max clear complex real imag
    throw fatal unsafe.Pointer unsafe.Sizeof unsafe.Offsetof unsafe.Add unsafe.Slice unsafe.String getg
    uintptr int int8 int16 int32 int64 uint uint8 uint16 uint32 uint64 float32 float64 bool byte rune string
"""
_NOT_CALLS = frozenset(_NOT_CALLS_TEXT.split())
"""Keywords, builtins, conversions and the ubiquitous ``throw``/``getg``: not what a function is about."""
MAX_CALLS = 16
MAX_FIELDS = 32


def structural_lines(src: Citation, limit: int = 5) -> list[str]:
    """Lines that show what a definition is made of: an assembly routine's calls, a struct's first fields,
    the value of a constant — always the cited file's own lines."""
    lines = src.excerpt.split("\n")
    body = [ln for ln in lines[1:] if ln.strip() and not _COMMENT.match(ln)]  # after the declaration line itself
    if src.kind == "asm":
        picked = [ln.strip() for ln in body if _ASM_CALL.match(ln)]
        limit = max(limit, 12)
    elif src.kind == "type" and lines[0].rstrip().endswith(("struct {", "interface {")):
        picked = [ln.strip() for ln in body if _FIELD.match(ln) and not ln.strip().startswith("}")]
        if len(picked) > limit:  # a big struct: every field's name, not the first few lines
            names = [m.group(1) for ln in picked if (m := _FIELD_NAMES.match(ln))]
            flat = [n.strip() for group in names for n in group.split(",")]
            return list(dict.fromkeys(n for n in flat if n and n != "_"))[:MAX_FIELDS]
    elif src.kind in ("const", "var"):
        name = src.symbol.rsplit(".", 1)[-1]
        own = [ln.strip() for ln in lines if re.match(rf"^\s*(?:const |var )?{re.escape(name)}\b", ln)]
        picked = own or [ln.strip() for ln in body if "=" in ln]
    else:
        return []
    return [" ".join(p.split()) for p in picked if 3 < len(p) <= 160 and "`" not in p][:limit]


def called_names(src: Citation, limit: int = MAX_CALLS) -> list[str]:
    """The functions a Go function's body calls, in order of first call (keywords, builtins, conversions and its
    own name left out): what it does, step by step, as the cited lines name it."""
    if src.kind not in ("func", "method"):
        return []
    own = src.symbol.rsplit(".", 1)[-1]
    out: list[str] = []
    for ln in src.excerpt.split("\n")[1:]:
        code = ln.split("//", 1)[0] if "//" in ln and '"' not in ln else ln
        if _COMMENT.match(code) or not code.strip():
            continue
        for m in _CALL.finditer(_STRING.sub('""', code)):
            name = m.group(1)
            if name in _NOT_CALLS or name == own or name.rsplit(".", 1)[-1] in ("Pointer", "Sizeof"):
                continue
            if name not in out:
                out.append(name)
    # plain calls (``stealWork``) say more than methods of locals (``trace.ok``): those first, each in order
    return sorted(out, key=lambda n: "." in n)[:limit]


def definition_lines(src: Citation, lang: Lang, tokens: Sequence[str] = (), doc_limit: int = 2) -> list[str]:
    """What a definition says and is made of, each line cited: its doc comment's first sentences, the lines that
    match the question's ``tokens``, its fields, value or assembly calls, and the functions it calls."""
    t = lang.text
    out = []
    doc = doc_sentences(src, limit=doc_limit)
    if doc:
        out.append(f"{t('says')}: {doc} [{src.n}]")
    lines = matching_lines(src, tokens) if tokens else []
    if lines:
        out.append(t("lines") + ": " + "; ".join(f"`{ln}`" for ln in lines) + f" [{src.n}]")
    extra = [ln for ln in structural_lines(src) if ln not in lines]
    if extra:
        key = {"asm": "calls", "type": "fields", "const": "value", "var": "value"}.get(src.kind, "lines")
        out.append(t(key) + ": " + "; ".join(f"`{ln}`" for ln in extra) + f" [{src.n}]")
    calls = called_names(src)
    if calls:
        out.append(t("calls") + ": " + ", ".join(f"`{c}`" for c in calls) + f" [{src.n}]")
    return out


def compose(tokens: Sequence[str], sources: list[Citation], scope: str, lang: Lang) -> str:
    """The extractive answer in Markdown, citing every source it uses as [n]."""
    t = lang.text
    parts = [t("extractive_intro", scope=scope)]
    main, more = sources[:3], sources[3:]
    for src in main:
        # no code spans here: every span next to a marker is checked against the cited lines
        head = f"**{src.symbol}** ({src.kind}) — {src.path}:{src.start_line}-{src.end_line} @ {src.version} [{src.n}]"
        parts.append("\n".join([head, *definition_lines(src, lang, tokens)]))
    if more:
        parts.append(
            t("see_also") + ": " + "; ".join(f"{s.symbol} ({s.path}:{s.start_line}-{s.end_line}) [{s.n}]" for s in more)
        )
    parts.append(t("extractive_outro"))
    return "\n\n".join(parts)
