"""HTML for the Compare tab: the summary of a comparison, its definitions as cards, the diff (unified or side by
side) and the timeline across releases. Every text from the index is escaped; notes written Markdown-style show
their `backticked` names as code (``ticked_html``), never as literal backticks."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from guide.citation import line_span
from guide.language import CHINESE, ENGLISH, Lang
from guide.notes import note_text
from guide.render.cards import citation_card, citation_cards
from guide.render.changes import methods_line
from guide.render.html import esc, inert, notice, ticked_html
from guide.render.markdown import (
    ITEMS_PER_FILE,
    LABELS,
    PACKAGE_FILES,
    change_phrases,
    package_files,
    shown_citations,
    status_label,
)

if TYPE_CHECKING:
    from guide.citation import Citation
    from guide.history.compare import Comparison
    from guide.history.files import FileComparison, TopicComparison
    from guide.history.timeline import Timeline


def comparison_summary(comp: Comparison | TopicComparison, lang: str = "en") -> str:
    """The summary of a comparison in ``lang`` ("en" or "zh"): what changed, in the same phrases as the chat's
    comparisons (``guide.render.markdown.change_phrases``), names as code."""
    t = LABELS.get(lang, LABELS["en"])
    out = []
    title = f"{comp.symbol}: {comp.v1} → {comp.v2}"
    out.append(f'<div class="gg-cmp-title">{esc(title)}</div>')
    if comp.kind == "symbol":
        items = [ticked_html(phrase) for phrase, _ in change_phrases(comp, lang)]  # type: ignore[arg-type]
        methods = comp.methods  # type: ignore[union-attr]
        if methods and (line := methods_line(methods, CHINESE if lang == "zh" else ENGLISH, lambda c: "")):
            items.append(ticked_html(line))  # as the chat says it, the citations in the cards and the diff
        if items:
            out.append("<ul class='gg-changes'>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>")
        variants = comp.variants  # type: ignore[union-attr]
        if variants:
            vs = "".join(
                f"<li><code>{esc(v.get('left_path'))}</code> → <code>{esc(v.get('right_path') or '—')}</code>: "
                f"{esc(v.get('status'))}</li>"
                for v in variants
            )
            out.append(f"<details><summary>{esc(t['variants'])}</summary><ul>{vs}</ul></details>")
        if comp.candidates:  # type: ignore[union-attr]
            names = ", ".join(f"`{n}`" for n in comp.candidates)  # type: ignore[union-attr]
            out.append(f"<p>{ticked_html(t['similar'].format(names=names))}</p>")
    elif comp.kind == "package":  # the move first, then the files the chat shows, the others counted
        out += [f'<p class="gg-note">{ticked_html(note_text(n, lang))}</p>' for n in comp.notes]
        files = package_files(comp)  # type: ignore[arg-type]
        out += [_file_html(f, t, lang, ITEMS_PER_FILE) for f in files[:PACKAGE_FILES]]
        if len(files) > PACKAGE_FILES:
            out.append(f'<p class="gg-muted">{esc(t["more_files"].format(n=len(files) - PACKAGE_FILES))}</p>')
        return inert('<div class="gg-cmp">' + "".join(out) + "</div>")
    else:
        out += [_file_html(f, t, lang) for f in comp.files]  # type: ignore[union-attr]
        if comp.successor:
            defs = comp.successor.definitions
            succ = "".join(f"<li><code>{esc(d.path)}</code> ({esc(d.version)})</li>" for d in defs)
            head = esc(t["successor"].format(span="").rstrip(": ："))
            out.append(f"<p>{head}</p><ul class='gg-changes'>{succ}</ul>" if succ else "")
    for n in comp.notes:
        out.append(f'<p class="gg-note">{ticked_html(note_text(n, lang))}</p>')
    return inert('<div class="gg-cmp">' + "".join(out) + "</div>")


def _lines(c: Citation) -> str:
    return line_span(c.start_line, c.end_line)


def _lines_words(c: Citation, lang: str) -> str:
    """Where ``c`` is, as the added/removed items say it: "line 12" or "lines 12-30" (Chinese: "12" or "12-30",
    inside the label's 第 … 行)."""
    if lang == "zh":
        return _lines(c)
    return f"line {c.start_line}" if c.start_line == c.end_line else f"lines {_lines(c)}"


def _where_changed(left: Citation, right: Citation, t: dict[str, str], lang: str) -> str:
    """Where a changed definition is at each release: "lines 16-30 → 18-32", or one place when it stayed put."""
    if (left.start_line, left.end_line) == (right.start_line, right.end_line):
        return t["lines_same"].format(lines=_lines_words(left, lang))
    return t["lines"].format(a=_lines(left), b=_lines(right))


def _file_html(f: FileComparison, t: dict[str, str], lang: str, per_kind: int | None = None) -> str:
    """One file of a file or topic comparison: its path(s), status and counts, then its changed definitions (each
    with what changed), and the definitions added and removed; a count that is more than the items listed says how
    many more there are."""
    if f.left_path and f.right_path and f.left_path != f.right_path:
        where = f"<code>{esc(f.left_path)}</code> → <code>{esc(f.right_path)}</code>"
    else:
        where = f"<code>{esc(f.path)}</code>"
    n = f.counts
    counts = t["counts"].format(
        changed=n.get("changed", 0), added=n.get("added", 0), removed=n.get("removed", 0), unchanged=f.unchanged
    )
    if f.shifted:
        shifted = t["shifted_all"] if f.shifted == n.get("unchanged") else t["shifted"].format(n=f.shifted)
        counts += f" ({shifted})"
    status = f'<span class="gg-status gg-status-{esc(f.status)}">{esc(status_label(f.status, t))}</span>'
    out = [f'<div class="gg-file"><div class="gg-file-head">{where} {status} · {esc(counts)}</div>']
    changed = f.changed[:per_kind] if per_kind is not None else f.changed
    items = [
        f"<li><code>{esc(ch.symbol)}</code> <span class=gg-kind>{esc(ch.kind)}</span> "
        f"{esc(_where_changed(ch.left, ch.right, t, lang))}: "
        f"{'; '.join(ticked_html(p) for p, _ in change_phrases(ch, lang))}</li>"
        for ch in changed
    ]
    more = n.get("changed", 0) - len(changed)
    if more > 0:
        items.append(f'<li class="gg-muted">{esc(t["more"].format(n=more))}</li>')
    if f.outside_definitions:
        items.append(f'<li class="gg-muted">{esc(t["outside_only"])}</li>')
    for key, every, total in (("added_at", f.added, n.get("added", 0)), ("removed_at", f.removed, n.get("removed", 0))):
        cits = every[:per_kind] if per_kind is not None else every
        for c in cits:
            line = t[key].format(span=f"`{c.symbol}`", kind=c.kind, lines=_lines_words(c, lang), version=c.version)
            items.append(f"<li>{ticked_html(line)}</li>")
        if total > len(cits):
            items.append(f'<li class="gg-muted">{esc(t["more"].format(n=total - len(cits)))}</li>')
    if items:
        out.append("<ul class='gg-changes'>" + "".join(items) + "</ul>")
    return "".join(out) + "</div>"


def comparison_cards(comp: Comparison | TopicComparison, lang: str = "en") -> str:
    t = LABELS.get(lang, LABELS["en"])
    cits = [c.numbered(i) for i, c in enumerate(shown_citations(comp), 1)]
    empty = Lang(lang if lang in ("en", "zh") else "en").text("cards_empty")
    return citation_cards(
        cits, title=t["definitions"], note=t["click_note"], empty=empty, lang=CHINESE if lang == "zh" else ENGLISH
    )


def comparison_diff(comp: Comparison | TopicComparison, layout: str, lang: str = "en") -> str:
    if comp.kind != "symbol":  # said, not an empty pane (trial 35: src/runtime/chan.go's diff pane stayed blank)
        if not getattr(comp, "files", None):
            return ""
        # no card to open when no definition differs (trial 45: "open one from its card" beside "No citations yet.")
        key = "per_definition" if shown_citations(comp) else "per_definition_none"
        return notice(LABELS.get(lang, LABELS["en"])[key], "info")
    left, right, diff = comp.left, comp.right, comp.diff  # type: ignore[union-attr]
    if left and right and left.numbered_lines()[1] == right.numbered_lines()[1]:
        return notice(LABELS.get(lang, LABELS["en"])["identical"], "info")
    if not diff and not (left or right):
        return ""
    if layout == "side by side":
        return _side_by_side(left, right)
    return inert(_unified(diff))


def _unified(diff: str) -> str:
    rows = []
    for line in diff.split("\n"):
        cls = "ctx"
        if line.startswith(("+++", "---")):
            cls = "file"
        elif line.startswith("@@"):
            cls = "hunk"
        elif line.startswith("+"):
            cls = "add"
        elif line.startswith("-"):
            cls = "del"
        rows.append(f'<div class="gg-d gg-d-{cls}">{esc(line) or "&nbsp;"}</div>')
    return f'<div class="gg-diff">{"".join(rows)}</div>'


def _side_by_side(left: Citation | None, right: Citation | None) -> str:
    sa, la = left.numbered_lines() if left else (0, [])
    sb, lb = right.numbered_lines() if right else (0, [])
    rows = []

    def cell(no: int | None, text: str | None, cls: str) -> str:
        num = "" if no is None else str(no)
        return f'<td class="gg-ln">{num}</td><td class="gg-s gg-d-{cls}">{esc(text) if text is not None else ""}</td>'

    sm = difflib.SequenceMatcher(None, la, lb, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        for k in range(max(i2 - i1, j2 - j1)):
            i, j = i1 + k, j1 + k
            a_txt = la[i] if i < i2 else None
            b_txt = lb[j] if j < j2 else None
            ca = "ctx" if op == "equal" else "del"
            cb = "ctx" if op == "equal" else "add"
            rows.append(
                "<tr>"
                + cell(sa + i if a_txt is not None else None, a_txt, ca if a_txt is not None else "none")
                + cell(sb + j if b_txt is not None else None, b_txt, cb if b_txt is not None else "none")
                + "</tr>"
            )
    lh = f"{left.version} {left.path}" if left else "(absent)"
    rh = f"{right.version} {right.path}" if right else "(absent)"
    cols = '<colgroup><col class="gg-c-ln"><col><col class="gg-c-ln"><col></colgroup>'
    head = f"<tr><th colspan=2>{esc(lh)}</th><th colspan=2>{esc(rh)}</th></tr>"
    return inert(f'<table class="gg-sbs">{cols}{head}{"".join(rows)}</table>')


def timeline_html(tl: Timeline, lang: Lang = ENGLISH) -> str:
    """A timeline: a card per indexed release (present: the citation; absent: said so), then its events and notes,
    in ``lang``."""
    rows = []
    absent = esc(lang.text("tl_absent"))
    for p in tl.releases:
        if p.citation is not None:
            rows.append(citation_card(p.citation, preview=False, lang=lang))
        else:
            rows.append(f'<div class="gg-card gg-absent"><span class="gg-version">{esc(p.tag)}</span> {absent}</div>')
    events = "".join(f"<li>{esc(e.describe(lang))}</li>" for e in tl.events)
    notes = "".join(f'<p class="gg-note">{ticked_html(note_text(n, lang.code))}</p>' for n in tl.notes)
    title = lang.text("tl_title", symbol=tl.symbol)
    return inert(
        f'<div class="gg-cards gg-timeline"><div class="gg-cards-title">{esc(title)}</div>'
        f'<div class="gg-tl-row">{"".join(rows)}</div><ul class="gg-events">{events}</ul>{notes}</div>'
    )


def timelines_html(tls: list[Timeline], lang: Lang = ENGLISH) -> str:
    """The timelines of what a comparison resolved to (nothing when it resolved to nothing)."""
    return "".join(timeline_html(tl, lang) for tl in tls)


__all__ = ["comparison_cards", "comparison_diff", "comparison_summary", "timeline_html", "timelines_html"]
