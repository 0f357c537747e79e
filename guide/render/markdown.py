"""Markdown for answers in the chat: comparisons and the short "what it is" of a compared definition, with ``[n]``
markers an answer's citation check accepts.

Every line that carries a marker quotes (in backticks) only text that occurs in the cited lines, and names only the
cited versions; anything else is written without backticks. ``sources`` maps a citation's key (version, path,
start_line) to its number; a citation without a number is mentioned without a marker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from guide.definitions import platform_penalty
from guide.language import ENGLISH, Lang
from guide.notes import note_text
from guide.render.changes import describe, lines_at, names, releases_named
from guide.texts import TEXTS
from guide.words import squash
from ingest.symbols import bare_name

if TYPE_CHECKING:
    from guide.citation import Citation
    from guide.history.by_use import InItsPlace
    from guide.history.compare import Comparison
    from guide.history.files import FileComparison, SymbolChange, TopicComparison
    from guide.history.timeline import Timeline

Sources = dict[tuple[str, str, int], int]


LABELS: dict[str, dict[str, str]] = {
    "en": {
        "head": "Comparison of {symbol} between {v1} and {v2}:",
        "at": "{version}: {path} lines {a}-{b}",
        "at_line": "{version}: {path} line {a}",
        "absent": "not defined at {version}",
        "field_added": "field {span} added",
        "field_removed": "field {span} removed",
        "fields_added": "{n} fields added: {names}",
        "fields_removed": "{n} fields removed: {names}",
        "fields_renamed": "fields renamed: {names}",
        "field_type_changed": "field {name}: type {old} → {new}",
        "value": "value of {name}: {old} → {new}",
        "signature": "signature: {old} → {new}",
        "body": "body: +{a} −{r} lines",
        "body_renamed": "code: the same but for names renamed: {names}",
        "body_removed": "now declared without a body (its {n} lines are gone): implemented elsewhere",
        "body_added": "now has a body of {n} lines: declared without one before",
        "calls_added": "calls added: {names}",
        "calls_removed": "calls removed: {names}",
        "calls_renamed": "calls renamed: {names}",
        "params_renamed": "parameters renamed: {names}",
        "unchanged": "unchanged: identical text",
        "successor": "successor: {span}",
        "similar": "similar names in the index: {names}",
        "file": "{path}: {status}; {changed} changed, {added} added, {removed} removed, {unchanged} unchanged",
        "sym_changed": "{span} ({kind}) changed",
        "sym_added": "{span} ({kind}) added",
        "sym_removed": "{span} ({kind}) removed",
        "timeline_head": "{symbol} across {releases}:",
        "closest": "at {version} {symbol} is not defined; the closest definition there is {other} ({path})",
        "in_its_place": (
            "at {version} the code that used {symbol} uses {other} ({path}){mark} in its place: `{code}` ({user})"
        ),
        "counts": "{changed} changed, {added} added, {removed} removed, {unchanged} unchanged",
        "lines": "lines {a} → {b}",
        "lines_same": "{lines}, at both",
        "added_at": "added: {span} ({kind}), {lines} at {version}",
        "removed_at": "removed: {span} ({kind}), {lines} at {version}",
        "more": "{n} more not listed",
        "outside_only": "only outside its definitions: its build constraints, imports or comments",
        "more_files": "{n} more files (other platforms or unchanged) not listed",
        "shifted": "{n} of them now at other line numbers",
        "shifted_all": "all now at other line numbers",
        "variants": "Other platform variants",
        "definitions": "Definitions",
        "click_note": "click to open in the viewer",
        "identical": "No difference: the definition is identical in both releases.",
        "per_definition": "A file or package is compared definition by definition (above); open one in the viewer "
        "from its card, or type its name to see its diff.",
        "per_definition_none": "A file or package is compared definition by definition (above): none differs, so "
        "there is no definition's diff to show; type a name to compare one definition.",
        "status_absent": "absent",
        "status_added": "added",
        "status_removed": "removed",
        "status_changed": "changed",
        "status_unchanged": "unchanged",
        "status_moved": "moved, text unchanged",
        "status_merged": "merged into another file",
    },
    "zh": {
        "head": "{symbol} 在 {v1} 与 {v2} 之间的比较：",
        "at": "{version}：{path} 第 {a}-{b} 行",
        "at_line": "{version}：{path} 第 {a} 行",
        "absent": "在 {version} 中没有定义",
        "field_added": "新增字段 {span}",
        "field_removed": "删除字段 {span}",
        "fields_added": "新增 {n} 个字段：{names}",
        "fields_removed": "删除 {n} 个字段：{names}",
        "fields_renamed": "字段改名：{names}",
        "field_type_changed": "字段 {name} 的类型：{old} → {new}",
        "value": "{name} 的值：{old} → {new}",
        "signature": "签名：{old} → {new}",
        "body": "函数体：+{a} −{r} 行",
        "body_renamed": "代码：除改名外相同：{names}",
        "body_removed": "现在只有声明、没有函数体（原来的 {n} 行已删去）：实现在别处",
        "body_added": "现在有 {n} 行函数体：以前只有声明",
        "calls_added": "新增调用：{names}",
        "calls_removed": "不再调用：{names}",
        "calls_renamed": "改名的调用：{names}",
        "params_renamed": "参数改名：{names}",
        "unchanged": "未变化：文本完全相同",
        "successor": "后继：{span}",
        "similar": "索引中相近的名字：{names}",
        "file": "{path}：{status}；{changed} 个修改，{added} 个新增，{removed} 个删除，{unchanged} 个未变",
        "sym_changed": "{span}（{kind}）有修改",
        "sym_added": "新增 {span}（{kind}）",
        "sym_removed": "删除 {span}（{kind}）",
        "timeline_head": "{symbol} 在 {releases} 中的演变：",
        "closest": "{version} 中没有定义 {symbol}；那里最接近的定义是 {other}（{path}）",
        "in_its_place": "{version} 中，用过 {symbol} 的代码在同一处用的是 {other}（{path}）{mark}：`{code}`（{user}）",
        "counts": "{changed} 个修改，{added} 个新增，{removed} 个删除，{unchanged} 个未变",
        "lines": "第 {a} 行 → 第 {b} 行",
        "lines_same": "两个版本都在第 {lines} 行",
        "added_at": "新增：{span}（{kind}），{version} 第 {lines} 行",
        "removed_at": "删除：{span}（{kind}），{version} 第 {lines} 行",
        "more": "另有 {n} 项未列出",
        "outside_only": "只有定义之外的内容有变化：构建约束、导入或注释",
        "more_files": "另有 {n} 个文件（其他平台的或未变的）未列出",
        "shifted": "其中 {n} 个换了行号",
        "shifted_all": "都换了行号",
        "variants": "其他平台的版本",
        "definitions": "定义",
        "click_note": "点击在源码查看器中打开",
        "identical": "没有差别：这个定义在两个版本中完全相同。",
        "per_definition": "文件和包是逐个定义比较的（见上文）；点击定义的卡片在源码查看器中打开，"
        "或输入它的名字查看它的差异。",
        "per_definition_none": "文件和包是逐个定义比较的（见上文）：没有哪个定义有差异，因此没有可显示的差异；"
        "输入一个名字可比较单个定义。",
        "status_absent": "不存在",
        "status_added": "新增",
        "status_removed": "删除",
        "status_changed": "有修改",
        "status_unchanged": "未变",
        "status_moved": "移动了位置，内容未变",
        "status_merged": "并入了另一个文件",
    },
}


def status_label(status: str, t: dict[str, str]) -> str:
    """A file's status (absent, added, removed, changed, unchanged) in the labels' language."""
    return t.get(f"status_{status}", status)


def code(span: str, *texts: str) -> str:
    """``span`` in backticks when it occurs in one of ``texts`` (whitespace-insensitive), else as plain text."""
    s = squash(span)
    if len(s) >= 3 and "`" not in s and any(s in squash(t) for t in texts):
        return f"`{s}`"
    return s.replace("`", "'")


def marker(sources: Sources, cit: Citation | None) -> str:
    """The citation marker of ``cit`` among the numbered ``sources`` (" [3]"), or "" when it is not among them."""
    n = sources.get(cit.key) if cit is not None else None
    return f" [{n}]" if n else ""


FIELDS_ONE_BY_ONE = 3
"""Fields added (or removed) said one by one with their types up to this many; more are named in one phrase (the
scheduler's comparison opened with fifteen "field ... added" for runtime.g and twenty for runtime.m: trial 20)."""


def change_phrases(comp: Comparison | SymbolChange, lang: str) -> list[tuple[str, str]]:
    """What changed in ``comp``'s definition (a comparison, or one changed definition of a file comparison), one
    phrase per change in ``lang`` ("field `timer *timer` added", "body: +17 −1 lines"), each with the side whose
    lines show it: ``a`` (older), ``b`` (newer), ``ab`` or ``""``."""
    t = LABELS.get(lang, LABELS["en"])
    ta, tb = (comp.left.excerpt if comp.left else ""), (comp.right.excerpt if comp.right else "")
    out: list[tuple[str, str]] = []
    fields = {k: [c for c in comp.summary if c["change"] == k] for k in ("field_added", "field_removed")}
    renamed = [c for c in comp.summary if c["change"] == "field_renamed"]
    # a name found nowhere: its note says so, with the releases (trial 57 read "foobarbaz not found ..." twice)
    nowhere = any(getattr(n, "key", None) == "nowhere" for n in getattr(comp, "notes", ()))
    for c in [c for c in comp.summary if not (nowhere and c["change"] == "not_found" and not c.get("releases"))]:
        kind = c["change"]
        if kind in fields and len(fields[kind]) > FIELDS_ONE_BY_ONE:  # many: their names in one phrase
            if c is fields[kind][0]:
                text, side = (tb, "b") if kind == "field_added" else (ta, "a")
                # a blank field is padding, named with its type (``_ uint32``): "_" alone says nothing
                named = names([code(f["name"] if f["name"] != "_" else f"_ {f['type']}", text) for f in fields[kind]],
                              lang=lang)  # fmt: skip
                many = {"field_added": "fields_added", "field_removed": "fields_removed"}[kind]
                out.append((t[many].format(n=len(fields[kind]), names=named), side))
        elif kind == "field_renamed":  # all renames in one phrase, old name from the older side, new from the newer
            if c is renamed[0]:
                pairs = [f"{code(r['old_name'], ta)} → {code(r['name'], tb)}" for r in renamed]
                out.append((t["fields_renamed"].format(names=names(pairs, lang=lang)), "ab"))
        elif kind == "unchanged":
            out.append((t["unchanged"], "ab"))
        elif kind in ("field_added", "field_removed"):
            text, side = (tb, "b") if kind == "field_added" else (ta, "a")
            out.append((t[kind].format(span=code(c["name"] + " " + c["type"], text)), side))
        elif kind == "field_type_changed":
            old, new = code(c["old_type"], ta), code(c["new_type"], tb)
            out.append((t[kind].format(name=code(c["name"], ta, tb), old=old, new=new), "ab"))
        elif kind == "value_changed":
            line = t["value"].format(name=code(c["name"], ta, tb), old=code(c["old"], ta), new=code(c["new"], tb))
            out.append((line, "ab"))
        elif kind == "signature_changed":
            out.append((t["signature"].format(old=code(c["old"], ta), new=code(c["new"], tb)), "ab"))
        elif kind == "params_renamed":  # the signature the same but for its parameters' names
            pairs = [f"{code(o, ta)} → {code(n, tb)}" for o, n in c["params"].items()]
            out.append((t["params_renamed"].format(names=names(pairs, lang=lang)), "ab"))
        elif kind == "body_changed" and c.get("renamed"):  # only names: what they became, not a line count
            pairs = [f"{code(o, ta)} → {code(n, tb)}" for o, n in c["renamed"].items()]
            out.append((t["body_renamed"].format(names=names(pairs, lang=lang)), "ab"))
        elif kind == "body_changed":
            out.append((t["body"].format(a=c["lines_added"], r=c["lines_removed"]), "ab"))
        elif kind in ("body_removed", "body_added"):
            out.append((t[kind].format(n=c["lines"]), "ab"))
        elif kind == "calls_changed":  # each name quoted from the side that has the call
            for key, text, side in (("added", tb, "b"), ("removed", ta, "a")):
                if c.get(key):
                    called = names([code(n, text) for n in c[key]], lang=lang)
                    out.append((t[f"calls_{key}"].format(names=called), side))
            if c.get("renamed_calls"):  # the same call, its function or its variable renamed
                pairs = [f"{code(o, ta)} → {code(n, tb)}" for o, n in c["renamed_calls"].items()]
                out.append((t["calls_renamed"].format(names=names(pairs, lang=lang)), "ab"))
        else:
            out.append((squash(describe(c, lang)).replace("`", ""), ""))
    # the same phrase twice (two ``_ uint32`` paddings removed) is said once, counted: trial 45 read it as repeated
    times: dict[tuple[str, str], int] = {}
    for phrase in out:
        times[phrase] = times.get(phrase, 0) + 1
    return [(f"{p} ×{n}" if n > 1 else p, side) for (p, side), n in times.items()]


def render_comparison_markdown(comp: Comparison, lang: str, sources: Sources) -> str:
    t = LABELS.get(lang, LABELS["en"])
    a, b = comp.left, comp.right
    out = [t["head"].format(symbol=f"`{comp.symbol}`", v1=comp.v1, v2=comp.v2), ""]
    gone = any(c["change"] == "gone" for c in comp.summary)  # "in none of the indexed releases" says both sides
    for side, version in ((a, comp.v1), (b, comp.v2)):
        if side is None:
            out += [] if gone else ["- " + t["absent"].format(version=version)]
        else:
            line = lines_at(t, side.version, side)
            out.append(f"- {line}{marker(sources, side)}")
    ma, mb = marker(sources, a), marker(sources, b)
    marks = {"a": ma, "b": mb, "ab": ma + mb, "": ""}
    out += [f"- {phrase}{marks[side]}" for phrase, side in change_phrases(comp, lang)]
    if comp.successor:
        for d in comp.successor.definitions:
            out.append(f"- {t['successor'].format(span=d.symbol)} ({d.version}: {d.path}){marker(sources, d)}")
    out += [f"- {note_text(n, lang)}" for n in comp.notes]
    if comp.candidates:
        out.append("- " + t["similar"].format(names=", ".join(f"`{n}`" for n in comp.candidates)))
    return "\n".join(out)


PACKAGE_FILES = 8
"""Files of a package comparison listed in a chat answer (the asked platform's and every platform's first); the
others are counted."""
ITEMS_PER_FILE = 4
"""Definitions added or removed listed per file of a package comparison; the others are counted."""


def package_files(tc: TopicComparison) -> list[FileComparison]:
    """A package comparison's files in the order they are shown: the asked platform's and every platform's first
    (linux/amd64), then changed before unchanged or only moved."""
    return sorted(
        tc.files,
        key=lambda f: (platform_penalty(None, None, None, _file_label(f)) > 0, f.status in ("unchanged", "moved")),
    )


def shown_citations(comp: Comparison | TopicComparison) -> list[Citation]:
    """The citations a package comparison shows (its first ``PACKAGE_FILES`` files, ``ITEMS_PER_FILE`` definitions
    of each kind per file); every citation of another comparison."""
    if comp.kind != "package":
        return comp.citations
    tc: TopicComparison = comp  # type: ignore[assignment]
    out: list[Citation] = []
    for f in package_files(tc)[:PACKAGE_FILES]:
        out += [c for ch in f.changed[:ITEMS_PER_FILE] for c in (ch.left, ch.right)]
        out += f.added[:ITEMS_PER_FILE] + f.removed[:ITEMS_PER_FILE]
    return out


def _file_label(f: FileComparison) -> str:
    if f.left_path and f.right_path and f.left_path != f.right_path:
        return f"{f.left_path} → {f.right_path}"
    return f.left_path or f.right_path or ""


def render_topic_markdown(tc: TopicComparison, lang: str, sources: Sources) -> str:
    t = LABELS.get(lang, LABELS["en"])
    out = [t["head"].format(symbol=f"`{tc.question}`" if tc.kind == "file" else tc.question, v1=tc.v1, v2=tc.v2), ""]
    package = tc.kind == "package"
    files = tc.files
    if package:  # a package's move says most; then its files, the platform's first, changed before unchanged
        out += [f"- {note_text(n, lang)}" for n in tc.notes]
        files = package_files(tc)
    for f in files[:PACKAGE_FILES] if package else files:
        n = f.counts
        counts = {k: n.get(k, 0) for k in ("changed", "added", "removed")}
        out.append(
            "- " + t["file"].format(
                path=_file_label(f), status=status_label(f.status, t), unchanged=f.unchanged, **counts
            )
        )  # fmt: skip
        changed = f.changed[:ITEMS_PER_FILE] if package else f.changed
        out += [f"  - {t['outside_only']}"] if f.outside_definitions else []
        for ch in changed:
            head = t["sym_changed"].format(span=f"`{bare_name(ch.symbol)}`", kind=ch.kind)
            what = "; ".join(phrase.replace("`", "") for phrase, _ in change_phrases(ch, lang)[:3])
            out.append(f"  - {head}: {what}{marker(sources, ch.left)}{marker(sources, ch.right)}")
        if counts["changed"] > len(changed):  # the count says how many: the rest are counted, never cut silently
            out.append(f"  - {t['more'].format(n=counts['changed'] - len(changed))}")
        for key, entries, total in (
            ("sym_added", f.added, counts["added"]),
            ("sym_removed", f.removed, counts["removed"]),
        ):
            shown = entries[:ITEMS_PER_FILE] if package else entries
            for c in shown:
                span = "`" + bare_name(c.symbol) + "`"
                out.append(f"  - {t[key].format(span=span, kind=c.kind)}{marker(sources, c)}")
            if total > len(shown):
                out.append(f"  - {t['more'].format(n=total - len(shown))}")
    if package and len(files) > PACKAGE_FILES:
        out.append(f"- {t['more_files'].format(n=len(files) - PACKAGE_FILES)}")
    if tc.successor:
        for d in tc.successor.definitions:
            out.append(f"- {t['successor'].format(span=d.path)}{marker(sources, d)}")
    if not package:
        out += [f"- {note_text(n, lang)}" for n in tc.notes]
    return "\n".join(out)


def timeline_markdown(tl: Timeline, lang: str, sources: Sources) -> str:
    """A symbol across several releases: where it is at each (cited), then what changed between them, each change
    cited at both releases."""
    t = LABELS.get(lang, LABELS["en"])
    at = {p.tag: p.citation for p in tl.releases}
    language = Lang(lang) if lang in TEXTS else ENGLISH
    out = [t["timeline_head"].format(symbol=f"`{bare_name(tl.symbol)}`", releases=language.listed(at)), ""]
    # the releases before its first are said by its first appearance ("not in go1.21.13; present from go1.27.3 ...")
    first = next((e for e in tl.events if e.event == "first_seen"), None)
    before = list(first.details.get("absent_in") or []) if first is not None else []
    absent: list[str] = []  # a run of releases without it: one line ("not defined at go1.15.15 … go1.23.9 (5)")
    for tag, cit in [*at.items(), ("", None)]:
        if cit is None and tag:
            absent.append(tag)
            continue
        if absent and absent != before[: len(absent)]:
            out.append("- " + t["absent"].format(version=releases_named(absent, language)))
        absent = []
        if cit is not None:
            line = lines_at(t, tag, cit)
            out.append(f"- {line}{marker(sources, cit)}")
    for e in tl.events:
        marks = "".join(marker(sources, at.get(v)) for v in (e.previous, e.tag) if v)
        out.append(f"- {squash(e.describe(language)).replace('`', '')}{marks}")
    out += [f"- {squash(note_text(n, lang)).replace('`', '')}" for n in tl.notes]
    return "\n".join(out)


def closest_line(lang: str, version: str, symbol: str, other: Citation, sources: Sources) -> str:
    t = LABELS.get(lang, LABELS["en"])
    line = t["closest"].format(version=version, symbol=bare_name(symbol), other=other.symbol, path=other.location)
    return f"- {line}{marker(sources, other)}"


def in_place_line(lang: str, version: str, symbol: str, put: InItsPlace, sources: Sources) -> str:
    """Where the compared definition is not defined: what the code that used it uses in its place there
    (``guide.history.by_use``), its definition and the using line each cited."""
    t = LABELS.get(lang, LABELS["en"])
    d = put.definition
    line = t["in_its_place"].format(
        version=version, symbol=bare_name(symbol), other=d.symbol, path=d.location, mark=marker(sources, d),
        code=put.line, user=put.user.symbol,
    )  # fmt: skip
    return f"- {line}{marker(sources, put.user)}"


def comparison_markdown(comp: Comparison | TopicComparison, lang: str, sources: Sources) -> str:
    """Markdown of a symbol, file or topic comparison."""
    if comp.kind == "symbol":
        return render_comparison_markdown(comp, lang, sources)  # type: ignore[arg-type]
    return render_topic_markdown(comp, lang, sources)  # type: ignore[arg-type]


__all__ = [
    "LABELS", "Sources", "change_phrases", "closest_line", "code", "comparison_markdown", "in_place_line", "marker",
    "render_comparison_markdown", "render_topic_markdown", "timeline_markdown",
]  # fmt: skip
