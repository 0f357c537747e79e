"""The fixed words of comparisons and timelines, by language (merged into ``guide.texts.TEXTS``)."""

from __future__ import annotations

COMPARISON_TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "type_methods": "{head} ({v1} → {v2}): {parts}.",
        "type_methods_head": "The methods of {name}",
        "methods_added": "added {names}",
        "methods_removed": "removed {names}",
        "methods_moved": "moved into {into}: {names}",
        "methods_changed": "changed {names}",
        "methods_same": "the other {n} the same",
        "new_code": "it calls new code: **{name}** ({where}) — “{text}” [{n}]",
        "new_comment": "a new comment:",
        "said_edited": "Its comments at {old}, as {new} words them:",
        "said_edited_item": "- “{before}” [{n_old}] → “{after}” [{n}]",
        "not_seen": "What changed from {missing} to {nearest} is not seen.",
        "cmp_subject_release_missing": (
            "The subject names {names}, which is not indexed (indexed releases: {indexed}). Compared instead: "
            "{subject}, {v1} → {v2} (the releases chosen in the two lists; the subject is the code to compare)."
        ),
        "cmp_subject_releases": "Compared the releases the subject names: {subject}, {v1} → {v2}.",
        "found_changes_head": "The definitions found, {old} → {new}",
        "found_receiver": " (the type of {method}'s receiver)",
        "found_same": "The same text at both releases: {names}",
        "cmp_subject_release_one": (
            "The subject names {tag}; compared are the releases chosen in the two lists: {subject}, {v1} → {v2}."
        ),
        "tl_title": "Timeline of {symbol} across the indexed releases",
        "tl_absent": "absent",
        "tl_oldest": "present in the oldest indexed release ({tag})",
        "tl_first_compared": "present in {tag}, the first release compared",
        "tl_first_seen": "not in {before}; present from {tag} among the indexed releases",
        "said_added_messages": "Its comments and messages at {new} that {old} does not have:",
        "said_gone_messages": "Its comments and messages at {old} that are gone at {new}:",
        "tl_reappeared": "defined again in {tag}",
        "tl_removed": "removed in {tag} (present in {previous})",
        "tl_successor": "; successor: {new} ({since})",
        "tl_moved_file": "moved to another file in {tag}{since}: {old} -> {new}",
        "tl_moved_package": "package moved in {tag}{since}: {old} -> {new}",
        "tl_renamed": "renamed in {tag}{since}: {old} -> {new}",
        "tl_since": " (since {previous})",
        "tl_changed": "changed in {tag} (since {previous}): {what}",
        "tl_file_changed": "changed in {tag} (since {previous})",
    },
    "zh": {
        "type_methods": "{head}（{v1} → {v2}）：{parts}。",
        "type_methods_head": "{name} 的方法",
        "new_code": "调用了新代码：**{name}** ({where}) — “{text}” [{n}]",
        "new_comment": "新增的注释：",
        "said_edited": "{old} 中的注释在 {new} 中改写为：",
        "said_edited_item": "- “{before}” [{n_old}] → “{after}” [{n}]",
        "not_seen": "{missing} 到 {nearest} 之间的变化看不到。",
        "cmp_subject_release_missing": (
            "比较对象里写了 {names}，它未被索引（已索引的版本：{indexed}）。改为比较：{subject}，{v1} → {v2}"
            "（版本在上面两个列表里选；比较对象只写要比较的代码）。"
        ),
        "cmp_subject_releases": "按比较对象里写的版本比较：{subject}，{v1} → {v2}。",
        "found_changes_head": "检索到的定义：{old} → {new}",
        "found_receiver": "（{method} 的接收者类型）",
        "found_same": "两个版本中文本完全相同：{names}",
        "cmp_subject_release_one": "比较对象里写了 {tag}；比较的是上面两个列表选中的版本：{subject}，{v1} → {v2}。",
        "methods_added": "新增 {names}",
        "methods_removed": "删除 {names}",
        "methods_moved": "移到了 {into}：{names}",
        "methods_changed": "有修改 {names}",
        "methods_same": "其余 {n} 个没有变化",
        "tl_title": "{symbol} 在各个已索引版本中的时间线",
        "tl_absent": "不存在",
        "tl_oldest": "在最早的已索引版本（{tag}）中已经存在",
        "tl_first_compared": "在 {tag}（比较的第一个版本）中存在",
        "tl_first_seen": "{before} 中没有；在已索引的版本中从 {tag} 起存在",
        "said_added_messages": "{new} 中新增、{old} 中没有的注释和报错信息：",
        "said_gone_messages": "{old} 中有、{new} 中已删去的注释和报错信息：",
        "tl_reappeared": "在 {tag} 中重新出现",
        "tl_removed": "在 {tag} 中被删除（{previous} 中存在）",
        "tl_successor": "；后继：{new}（{since}）",
        "tl_moved_file": "在 {tag} 中移到了另一个文件{since}：{old} -> {new}",
        "tl_moved_package": "在 {tag} 中移到了另一个包{since}：{old} -> {new}",
        "tl_renamed": "在 {tag} 中改名{since}：{old} -> {new}",
        "tl_since": "（相对于 {previous}）",
        "tl_changed": "在 {tag} 中有修改（相对于 {previous}）：{what}",
        "tl_file_changed": "在 {tag} 中有修改（相对于 {previous}）",
    },
}

__all__ = ["COMPARISON_TEXTS"]
