"""One line of plain text per structured change (``guide.history.summary``) and per timeline event
(``guide.history.timeline``): the words every renderer uses."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from guide.language import ENGLISH, Lang
from guide.release_gaps import skipped_between

if TYPE_CHECKING:
    from guide.citation import Citation
    from guide.history.methods import MethodChange, MethodChanges

CALLS_SHOWN = 6
"""Calls named per side of a ``calls_changed``; the rest are counted."""


def lines_at(labels: Mapping[str, str], version: str, c: Citation) -> str:
    """Where ``c`` is at ``version``, in ``labels``' words (``at``, ``at_line``): "go1.27.3: src/runtime/chan.go lines
    34-55", or "line 55" for one line."""
    one = c.start_line == c.end_line
    return labels["at_line" if one else "at"].format(version=version, path=c.path, a=c.start_line, b=c.end_line)


def names(items: Sequence[str], shown: int = CALLS_SHOWN, lang: str = "en") -> str:
    """``a, b, c`` (``a、b、c`` in Chinese) — the first ``shown`` of ``items``, then how many more ("… +3")."""
    more = len(items) - shown
    return _WORDS.get(lang, _WORDS["en"])["list"].join(items[:shown]) + (f" … +{more}" if more > 0 else "")


CHANGES_SHOWN = 4
"""Changes of one release listed in a timeline entry; more are counted ("and 4 more")."""

_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "unchanged": "unchanged (identical text)",
        "field_added": "field {name} {detail} added",
        "field_removed": "field {name} {detail} removed",
        "method_added": "method {name}{detail} added",
        "method_removed": "method {name}{detail} removed",
        "field_type_changed": "field {name}: type {old} -> {new}",
        "field_renamed": "field {old} {detail} renamed {name}",
        "method_changed": "method {name}: {old} -> {new}",
        "reordered": "{what}s reordered",
        "value_changed": "value of {name}: {old} -> {new}",
        "const_type_changed": "type of {name}: {old} -> {new}",
        "signature_changed": "signature changed: {old} -> {new}",
        "type_changed": "type changed: {old} -> {new}",
        "body_changed": "body changed: +{a} −{r} lines",
        "body_renamed": "code the same but for names renamed: {names}",
        "text_changed": "text changed: +{a} −{r} lines",
        "comments_changed": "comments/layout only changed: +{a} −{r} lines",
        "doc_changed": "doc comment changed: +{a} −{r} lines (the code is the same)",
        "body_removed": "now declared without a body ({n} lines before): implemented elsewhere",
        "body_added": "now has a body ({n} lines): declared without one before",
        "calls_added": "calls added: {names}",
        "calls_removed": "calls removed: {names}",
        "calls_renamed": "calls renamed: {names}",
        "params_renamed": "parameters renamed: {names}",
        "file_moved": "moved to another file: {old} -> {new}",  # the definition, not the file (which may remain)
        "package_moved": "package moved: {old} -> {new} ({path})",
        "renamed": "renamed: {old} -> {new}",
        "removed": "removed: {symbol}",
        "gone": "{symbol}: in none of the indexed releases",
        "successor": " (successor: {names})",
        "added": "added: {symbol}",
        "predecessor": " (predecessor: {name})",
        "not_found": "{name} not found in the indexed releases",
        "implicit": "(implicit)",
        "untyped": "(untyped)",
        "sep": "; ",
        "more_changes": "and {n} more",
        "list": ", ",
    },
    "zh": {
        "unchanged": "未变化（文本完全相同）",
        "field_added": "新增字段 {name} {detail}",
        "field_removed": "删除字段 {name} {detail}",
        "method_added": "新增方法 {name}{detail}",
        "method_removed": "删除方法 {name}{detail}",
        "field_type_changed": "字段 {name} 的类型：{old} → {new}",
        "field_renamed": "字段 {old} {detail} 改名为 {name}",
        "method_changed": "方法 {name}：{old} → {new}",
        "reordered": "{what}顺序调整",
        "value_changed": "{name} 的值：{old} → {new}",
        "const_type_changed": "{name} 的类型：{old} → {new}",
        "signature_changed": "签名有变化：{old} → {new}",
        "type_changed": "类型有变化：{old} → {new}",
        "body_changed": "函数体有修改：+{a} −{r} 行",
        "body_renamed": "代码除改名外相同：{names}",
        "text_changed": "文本有修改：+{a} −{r} 行",
        "comments_changed": "仅注释或排版有修改：+{a} −{r} 行",
        "doc_changed": "文档注释有修改：+{a} −{r} 行（代码相同）",
        "body_removed": "现在只有声明、没有函数体（原来 {n} 行）：实现在别处",
        "body_added": "现在有函数体（{n} 行）：以前只有声明",
        "calls_added": "新增调用：{names}",
        "calls_removed": "不再调用：{names}",
        "calls_renamed": "改名的调用：{names}",
        "params_renamed": "参数改名：{names}",
        "file_moved": "移到了另一个文件：{old} → {new}",
        "package_moved": "包移动：{old} → {new}（{path}）",
        "renamed": "改名：{old} → {new}",
        "removed": "删除：{symbol}",
        "gone": "{symbol}：不在任何已索引的版本中",
        "successor": "（后继：{names}）",
        "added": "新增：{symbol}",
        "predecessor": "（前身：{name}）",
        "not_found": "已索引的版本中找不到 {name}",
        "implicit": "（隐式）",
        "untyped": "（无类型）",
        "sep": "；",
        "more_changes": "另有 {n} 处",
        "list": "、",
    },
}
_ZH_PARTS = {"field": "字段", "method": "方法"}


def describe(change: dict, lang: str = "en") -> str:
    """One human-readable line for a change dict, in ``lang`` ("en" or "zh"; other languages get English)."""
    w = _WORDS.get(lang, _WORDS["en"])
    c = change.get("change", "")
    if c == "unchanged":
        return w[c]
    if c in ("field_added", "field_removed", "method_added", "method_removed"):
        detail = change.get("type", "") if c.startswith("field") else change.get("signature", "")
        return " ".join(w[c].format(name=change["name"], detail=detail).split())
    if c == "field_renamed":
        return w[c].format(old=change["old_name"], detail=change["type"], name=change["name"])
    if c in ("field_type_changed", "method_changed"):
        key = "old_type" if c == "field_type_changed" else "old_signature"
        new_key = key.replace("old", "new")
        return w[c].format(name=change["name"], old=change[key], new=change[new_key])
    if c.endswith("_reordered"):
        what = c.split("_")[0].removesuffix("s")  # "fields_reordered": field
        return w["reordered"].format(what=_ZH_PARTS.get(what, what) if lang == "zh" else what)
    if c in ("value_changed", "const_type_changed"):
        empty = w["implicit"] if c == "value_changed" else w["untyped"]
        key = "old" if c == "value_changed" else "old_type"
        new_key = "new" if c == "value_changed" else "new_type"
        return w[c].format(name=change["name"], old=change[key] or empty, new=change[new_key] or empty)
    if c in ("signature_changed", "type_changed", "renamed"):
        return w[c].format(old=change["old"], new=change["new"])
    if c == "params_renamed":
        return w[c].format(names=names([f"{o} -> {n}" for o, n in change["params"].items()], lang=lang))
    if c == "body_changed" and change.get("renamed"):
        return w["body_renamed"].format(names=names([f"{o} -> {n}" for o, n in change["renamed"].items()], lang=lang))
    if c == "comments_changed" and change.get("doc"):  # the declaration the same, its doc comment not
        return w["doc_changed"].format(a=change["lines_added"], r=change["lines_removed"])
    if c in ("body_changed", "text_changed", "comments_changed"):
        return w[c].format(a=change["lines_added"], r=change["lines_removed"])
    if c in ("body_removed", "body_added"):
        return w[c].format(n=change["lines"])
    if c == "calls_changed":
        renamed = [f"{o} -> {n}" for o, n in change.get("renamed_calls", {}).items()]
        kinds = [k for k in ("added", "removed") if change.get(k)]
        said = [w[f"calls_{k}"].format(names=names(change[k], lang=lang)) for k in kinds]
        return w["sep"].join(said + ([w["calls_renamed"].format(names=names(renamed, lang=lang))] if renamed else []))
    if c == "file_moved":
        return w[c].format(old=change["old_path"], new=change["new_path"])
    if c == "package_moved":
        return w[c].format(old=change["old_package"], new=change["new_package"], path=change["new_path"])
    if c in ("removed", "gone"):
        succ = change.get("successor")
        return w[c].format(symbol=change.get("symbol", "")) + (
            w["successor"].format(names=w["list"].join(succ)) if succ else ""
        )
    if c == "added":
        pred = change.get("predecessor")
        return w[c].format(symbol=change.get("symbol", "")) + (w["predecessor"].format(name=pred) if pred else "")
    if c == "not_found":
        return w[c].format(name=change.get("name", ""))
    return c


METHODS_SHOWN = 6
"""Methods named per kind of change (added, removed, changed: the most changed lines first); the others are
counted ("… +19")."""


def _method_lines(m: MethodChange, lang: Lang) -> str:
    """The lines a changed method's code and doc comment gained and lost: "+2 −2; doc comment +10 −0"."""
    code = f"+{m.added} −{m.removed}" if m.added or m.removed else ""
    doc = (
        lang.text("method_doc_lines", added=m.doc_added, removed=m.doc_removed) if m.doc_added or m.doc_removed else ""
    )
    return "; ".join(p for p in (code, doc) if p)


def methods_line(mc: MethodChanges, lang: Lang, mark: Callable[[Citation], str], bold: bool = False) -> str:
    """How the methods of a compared type changed, in one line of ``lang``: added, removed, moved into another type,
    changed (with the lines added and removed), and how many are the same; ``mark`` gives the text after each
    method's citation (called in the order they are written: added, removed, then each moved and each changed one's
    older and newer side); ``bold``: the line's head in Markdown bold. "" when no method changed."""
    parts: list[str] = []
    for key, items in (("methods_added", mc.added), ("methods_removed", mc.removed)):
        shown = [f"`{m.name}`{mark(c)}" for m in items[:METHODS_SHOWN] if (c := m.new or m.old) is not None]
        more = f" … +{len(items) - METHODS_SHOWN}" if len(items) > METHODS_SHOWN else ""
        if shown:
            parts.append(lang.text(key, names=lang.listed(shown) + more))
    moved = [f"`{m.name}`{mark(m.old)}{mark(m.new)}" for m in mc.moved if m.old is not None and m.new is not None]
    if moved:
        # the type they moved into by name, not as code: a quote must occur in the lines of its sentence's citations,
        # which are the methods' (trial 45: "`internal/sync.Mutex`" got the line dropped by the citation check)
        parts.append(lang.text("methods_moved", into=mc.moved_into, names=lang.listed(moved)))
    changed = [
        f"`{m.name}` ({_method_lines(m, lang)}){mark(m.old)}{mark(m.new)}"
        for m in mc.changed[:METHODS_SHOWN] if m.old is not None and m.new is not None
    ]  # fmt: skip
    if changed:
        more = f" … +{len(mc.changed) - METHODS_SHOWN}" if len(mc.changed) > METHODS_SHOWN else ""
        parts.append(lang.text("methods_changed", names=lang.listed(changed) + more))
    if not parts:
        return ""
    if mc.same:
        parts.append(lang.text("methods_same", n=mc.same))
    head = lang.text("type_methods_head", name=mc.type_name)
    head = f"**{head}**" if bold else head
    return lang.text("type_methods", head=head, v1=mc.v1, v2=mc.v2, parts=lang.listed(parts, items_with_commas=True))


def releases_named(tags: Sequence[str], lang: Lang = ENGLISH) -> str:
    """Releases named in a sentence: all of a few, the first and the last of many."""
    tags = list(tags)
    return lang.listed(tags) if len(tags) <= 3 else f"{tags[0]} … {tags[-1]} ({len(tags)})"


def event_text(event: str, tag: str, previous: str | None, details: dict[str, Any], lang: Lang = ENGLISH) -> str:
    """One timeline event in ``lang``, from its structured fields (``details`` as ``guide.history.timeline`` fills
    them). A first appearance is worded as what the index knows: present in its oldest release (introduced then or
    before), or absent from the indexed releases before it. Between releases that are not next to each other
    (go1.21.13 and go1.27.3: go1.22 to go1.26 come between), a change is said to be made between them, not in the
    later one (trial 49 read "changed in go1.27.3" of fields go1.23 had added, and "present from go1.27.3" of
    AddCleanup, new in go1.24)."""
    t = lang.text
    gap = previous is not None and skipped_between([previous, tag])
    if event == "first_seen":
        before = details.get("absent_in") or []
        if details.get("oldest"):
            return t("tl_oldest", tag=tag)
        if not before:
            return t("tl_first_compared", tag=tag)
        if skipped_between([before[-1], tag]):
            key = "tl_first_seen_gap_one" if len(before) == 1 else "tl_first_seen_gap"
            return t(key, tag=tag, last=before[-1], before=releases_named(before, lang))
        return t("tl_first_seen", tag=tag, before=releases_named(before, lang))
    if event == "reappeared":
        return t("tl_reappeared", tag=tag)
    if event == "removed":
        text = t("tl_removed_gap" if gap else "tl_removed", tag=tag, previous=previous)
        if details.get("successor"):
            since = details.get(f"since_{lang.code}") or details.get("since", "")
            text += t(
                "tl_successor", new=names(details["successor"], len(details["successor"]), lang.code), since=since
            )
        return text
    # a move or a rename names the release before it too: the chat cites both sides of it
    since = t("tl_since", previous=previous) if previous else ""
    if event in ("moved", "renamed"):
        if event == "renamed":
            key, old, new = "tl_renamed", details.get("old"), details.get("new")
        else:
            key = "tl_moved_package" if details.get("what") == "package" else "tl_moved_file"
            old, new = details.get("old_path"), details.get("new_path")
        return t(f"{key}_gap" if gap else key, tag=tag, since=since, previous=previous, old=old, new=new)
    if event == "changed":
        summary = details.get("summary")
        if summary is None:  # a file: its text differs
            return t("tl_file_changed_gap" if gap else "tl_file_changed", tag=tag, previous=previous)
        words = _WORDS.get(lang.code, _WORDS["en"])
        parts = [describe(c, lang.code) for c in summary[:CHANGES_SHOWN]]
        if len(summary) > CHANGES_SHOWN:  # the count of the rest, never a silent cut
            parts.append(words["more_changes"].format(n=len(summary) - CHANGES_SHOWN))
        what = words["sep"].join(parts)
        return t("tl_changed_gap" if gap else "tl_changed", tag=tag, previous=previous, what=what)
    return f"{event} {tag}"


__all__ = [
    "CALLS_SHOWN", "CHANGES_SHOWN", "METHODS_SHOWN", "describe", "event_text", "lines_at", "methods_line", "names",
    "releases_named",
]  # fmt: skip
