"""The notes of comparisons and timelines (``guide.notes.Note``: "`findRunnable` was renamed ..."), in English and
Chinese; ``guide.texts.TEXTS`` holds them with the other fixed words."""

from __future__ import annotations

NOTE_TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "absent_again": "`{name}` is not defined in any indexed release (said above, with where it went).",
        "elsewhere_again": "`{name}` is not defined at {scope}, the release asked about (said above, with where it "
        "is).",
        "elsewhere_again_newest": "`{name}` is not defined at {scope}, the newest indexed release (said above, with "
        "where it is).",
        "elsewhere_newest": "`{name}` is not defined at {scope}, the newest indexed release; at {tag} it is {where}.",
        "tour_summary_rest": "The rest of the team's summary (each step below cites the code it rests on):",
        "not_indexed_now_among": (
            "{missing} is not indexed (indexed releases: {indexed}); what follows is for {answered}, the indexed "
            "releases the question asks about (the nearest indexed release to {missing} is {nearest})."
        ),
        "era_sentences_between": (
            "What the design documents say of {missing}'s time and of the releases after it, before {oldest} (the "
            "oldest indexed):"
        ),
        "package_not_go": (
            "`{package}` is no package of Go's source tree at {tag} (a module outside Go): this guide reads Go's own "
            "code, so nothing below is {package}'s; what follows is only what the indexed Go code says."
        ),
        "item_above": "see the short answer above.",
        "inherited_first_gap": "{first} ({skipped}, before it, are not indexed)",
        "inherited_missing": (
            "“{word}” does not occur in the Go sources at {tags}, where this conversation was; the indexed sources "
            "have it first at {first}, so this is answered at {newest}, the newest indexed release."
        ),
        "older_value": "at {tag}, the oldest release indexed: ",
        "word_missing": "{word} does not occur in the Go sources indexed at {asked}; it occurs in the Go sources "
        "{span}, first in {where} [{n}].",
        "word_since": "{word} occurs in the Go sources {span}, first in {where} [{n}].",
        "word_since_gap": "{word} occurs in the Go sources of {releases}, first in {where} [{n}]; {before} does not "
        "have it (the releases between them are not indexed, so it came in one of them or in {first}).",
        "platform_steps": "On {platform}, the steps of *{tour}* that read another platform's code correspond, by name, "
        "to these definitions:",
        "platform_step": "- step {step}, {name}: **{other}** ({path}:{start}-{end}) [{n}]",
        "word_from": "of the indexed releases from {first} on",
        "word_from_gap": (
            "of the indexed releases from {first} on (not at {before}; the releases between them are not indexed, so "
            "it came in one of them or in {first})"
        ),
        "word_at": "of the indexed releases {releases}",
        "word_everywhere": "of every indexed release, already in the oldest ({first}: it came in at that release or "
        "before it, which the index does not hold)",
        "note_compared_named": "compared {name}, the identifier named in the question",
        "note_compared_best": "compared {name}, the definition that best matches the question",
        "note_compared_topic": "compared {name}, the definition that implements the topic the question names",
        "note_topic_churn": (
            "{n} other definitions that the tour “{title}” reads changed too, most in {names}; the chat's “{question}”"
            " compares them all"
        ),
        "note_rest_of_file": (
            "the rest of its file, {path}, changed: +{added} −{removed} lines (compare the file for those changes)"
        ),
        "chat_failed": "Sorry, this question could not be answered: {why}",
        "held_as": " (as {symbol})",
        "package_moved_since": (
            "`{package}` is not a package at {tag}: it moved to `{new}` (`{package}` at {last}, `{new}` from {first}, "
            "among the indexed releases)."
        ),
        "extractive_intro_unsaid": (
            "Extractive answer (no language model): no comment of the Go sources at {scope} says much of the "
            "question; the definitions below share some of its words."
        ),
        "note_rest_of_file_named": (
            "the rest of its file, {path}, changed: +{added} −{removed} lines, in {names} (compare the file for those "
            "changes)"
        ),
        "note_renamed": "`{name}` was renamed `{new}` ({since}): {reason}",
        "note_renamed_following": "`{name}` was renamed `{new}` ({since}): {reason}; following `{new}`",
        "note_successor": (
            "The team's note, from Go's history (no cited source says it): `{name}` was {verb} {new} ({since}): "
            "{reason}"
        ),
        "note_followed_package": "not found as `{name}` at {tag}; followed by name to package {package}",
        "note_other_build": "{tag} also has another `{name}`, in {path}, built only with `//go:build {build}`; "
        "the one compared here is its default build's",
        "note_no_method": "no method `{name}`; compared the function {functions} instead",
        "note_same_text": "same text, moved from line{s} {old} to line{s} {new}",
        "note_gone": "among the indexed releases, `{name}` is last defined at {last} and gone from {gone} on",
        "note_unindexed_between": " ({skipped}, between them, are not indexed)",
        "release_span": "{first} to {last}",
        "note_in_its_place": "; at {other}, {user} uses `{new}` [{k}] in its place: `{code}` [{n}]",
        "note_moved_package": "`{name}` moved to another package under the same name: {ends}",
        "note_again": "`{name}` is defined again in {releases}",
        "note_succeeds": (
            "The team's note, from Go's history (no cited source says it): `{name}` succeeds `{old}` ({relation}, "
            "{since}): {reason}"
        ),
        "note_first_appears": "among the indexed releases, `{name}` first appears at {first} (not defined at {before})",
        "not_there": "{release} does not have these definitions, which the answer above quoted:",
        "since_when_found": "Since when, among the indexed releases, the code found below exists:",
        "since_every": "{names}: defined at every indexed release, already at the oldest ({oldest})",
        "note_first_appears_gap": (
            "among the indexed releases, `{name}` first appears at {first} (not defined at {before}; {skipped}, "
            "between them, are not indexed)"
        ),
        "defined_only": "Among the indexed releases it is defined at {first} only.",
        "note_also_before": "`{name}` was also defined in {releases}",
        "note_not_at_but": "`{name}` is not defined at {v1} or {v2}, but is in {releases}",
        "note_nowhere": "`{name}` is not defined in any indexed release ({releases})",
        "team_history": "The team's note, from Go's history (no cited source says it): {text}",
        "note_not_in": "`{name}` is not defined in {releases}",
        "note_no_file": "no file `{name}` in {releases}",
        "note_file_merged": "`{path}` is gone at {v2}; {n} of its definitions are in {into} there",
        "note_fields_moved": "fields {fields} moved into `{into}`, the type of the new field `{field}`",
        "note_package_moved": (
            "the package is `{old}` at {v1} and `{new}` at {v2}; its files are compared by name (a renamed one by "
            "what it defines)"
        ),
        "note_several_files": "several files are named {name}; compared {path}",
        "note_no_source": "no indexed Go source matches {words}",
        "note_files_chosen": "files chosen by matching {words} in the lexical index; {n} file(s) compared",
    },
    "zh": {
        "absent_again": "`{name}` 在任何已索引的版本中都没有定义（详见上文）。",
        "elsewhere_again": "`{name}` 在所问的版本 {scope} 中没有定义（详见上文）。",
        "elsewhere_again_newest": "`{name}` 在最新的已索引版本 {scope} 中没有定义（详见上文）。",
        "elsewhere_newest": "`{name}` 在最新的已索引版本 {scope} 中没有定义；在 {tag} 中它是 {where}。",
        "tour_summary_rest": "本团队概述的其余部分（下面每一步都引用了其依据的源码）：",
        "not_indexed_now_among": (
            "{missing} 未被索引（已索引的版本：{indexed}）；下面是问题所问的已索引版本 {answered} 的回答"
            "（与 {missing} 最接近的已索引版本是 {nearest}）。"
        ),
        "era_sentences_between": "设计文档对 {missing} 那时以及其后、{oldest}（已索引的最早版本）之前各版本的说法：",
        "package_not_go": (
            "`{package}` 不是 {tag} 的 Go 源码树中的包（是 Go 之外的模块）：本指南只读 Go 自己的代码，"
            "下面没有 {package} 的代码，只是已索引的 Go 代码中的相关内容。"
        ),
        "item_above": "见上文的简要回答。",
        "inherited_first_gap": "{first}（它之前的 {skipped} 未被索引）",
        "inherited_missing": (
            "“{word}”没有出现在 {tags} 的 Go 源码中（这是本次对话所在的版本）；已索引的源码中它最早出现在 {first}，"
            "所以下面按已索引的最新版本 {newest} 回答。"
        ),
        "older_value": "已索引的最早版本 {tag} 中：",
        "word_missing": "在 {asked} 的已索引 Go 源码中没有出现 {word}；它在{span}的 Go 源码中出现，"
        "最早见于 {where} [{n}]。",
        "word_since": "{word} 在{span}的 Go 源码中出现，最早见于 {where} [{n}]。",
        "word_since_gap": "{word} 出现在 {releases} 的 Go 源码中，最早见于 {where} [{n}]；{before} 中还没有"
        "（两者之间的版本未被索引，所以它是在其间某个版本或 {first} 引入的）。",
        "platform_steps": "在 {platform} 上，导读《{tour}》中读其他平台代码的步骤，按名称对应下面这些定义：",
        "platform_step": "- 第 {step} 步 {name}：**{other}** ({path}:{start}-{end}) [{n}]",
        "word_from": "从 {first} 起各个已索引版本",
        "word_from_gap": (
            "从 {first} 起各个已索引版本（{before} 中没有；两者之间的版本没有索引，所以它出现在其间某个版本或 {first}）"
        ),
        "word_at": "已索引版本 {releases} ",
        "word_everywhere": "每个已索引版本（最早的 {first} 中已有：它在该版本或更早的、未被索引的版本中引入）",
        "note_compared_named": "比较的是 {name}：问题中点名的标识符",
        "note_compared_best": "比较的是 {name}：与问题最匹配的定义",
        "note_compared_topic": "比较的是 {name}：实现问题所说主题的定义",
        "note_topic_churn": (
            "导读《{title_zh}》读到的其他定义中还有 {n} 个有变化，变化最多的是 {names_zh}；"
            "在对话中问“{question_zh}”可比较全部"
        ),
        "note_rest_of_file": (
            "它所在的文件 {path} 的其余部分有变化：+{added} −{removed} 行（比较这个文件可以看到这些变化）"
        ),
        "chat_failed": "抱歉，这个问题无法回答：{why}",
        "held_as": "（名为 {symbol}）",
        "package_moved_since": (
            "{tag} 中没有 `{package}` 包：它移到了 `{new}`"
            "（在已索引的版本中，{last} 里还是 `{package}`，从 {first} 起是 `{new}`）。"
        ),
        "extractive_intro_unsaid": (
            "摘录式回答（未使用语言模型）：{scope} 的 Go 源码中没有哪条注释较好地说到这个问题；"
            "下面这些定义只是与问题有一些相同的词。"
        ),
        "note_rest_of_file_named": (
            "它所在的文件 {path} 的其余部分有变化：+{added} −{removed} 行，涉及 {names_zh}"
            "（比较这个文件可以看到这些变化）"
        ),
        "note_renamed": "`{name}` 已改名为 `{new}`（{since}）：{reason_zh}",
        "note_renamed_following": "`{name}` 已改名为 `{new}`（{since}）：{reason_zh}；下面跟踪 `{new}`",
        "note_successor": (
            "本团队的补充说明，来自 Go 的版本历史（所引的源码中没有这句话）："
            "`{name}` {verb_zh} {new}（{since}）：{reason_zh}"
        ),
        "note_followed_package": "在 {tag} 中找不到 `{name}`；按名字在包 {package} 中找到了它",
        "note_other_build": "{tag} 中还有另一个 `{name}`，在 {path} 中，只在 `//go:build {build}` 时编译；"
        "这里比较的是默认构建中的那一个",
        "note_no_method": "没有方法 `{name}`；改为比较函数 {functions}",
        "note_same_text": "文本相同，行号从 {old} 变为 {new}",
        "note_gone": "在已索引的版本中，`{name}` 最后定义于 {last}，从 {gone} 起不再存在",
        "note_unindexed_between": "（两者之间的 {skipped} 未被索引）",
        "release_span": "{first} 至 {last}",
        "note_in_its_place": "；在 {other} 中，{user} 在同一处用的是 `{new}` [{k}]：`{code}` [{n}]",
        "note_moved_package": "`{name}` 名字不变，换了包：{ends}",
        "note_again": "`{name}` 在 {releases} 中又有定义",
        "note_succeeds": (
            "本团队的补充说明，来自 Go 的版本历史（所引的源码中没有这句话）："
            "`{name}` 接替了 `{old}`（{relation_zh}，{since}）：{reason_zh}"
        ),
        "note_first_appears": "在已索引的版本中，`{name}` 首次出现在 {first}（{before} 中没有定义）",
        "not_there": "上面的回答引用的这些定义，{release} 中没有：",
        "since_when_found": "下面找到的代码在已索引的版本中从哪个版本开始存在：",
        "since_every": "{names}：每个已索引的版本中都有定义，最早的 {oldest} 中就已经有了",
        "note_first_appears_gap": (
            "在已索引的版本中，`{name}` 首次出现在 {first}（{before} 中没有定义；两者之间的 {skipped} 未被索引）"
        ),
        "defined_only": "在已索引的版本中，它只在 {first} 中有定义。",
        "note_also_before": "`{name}` 在 {releases} 中也有定义",
        "note_not_at_but": "`{name}` 在 {v1} 和 {v2} 中都没有定义，但在 {releases} 中有",
        "note_nowhere": "`{name}` 在任何已索引的版本（{releases}）中都没有定义",
        "team_history": "本团队的补充说明，来自 Go 的版本历史（所引的源码中没有这句话）：{text}",
        "note_not_in": "`{name}` 在 {releases} 中没有定义",
        "note_no_file": "{releases} 中没有文件 `{name}`",
        "note_file_merged": "`{path}` 在 {v2} 中已不存在；它的 {n} 个定义在那里的 {into} 中",
        "note_fields_moved": "字段 {fields} 移到了新字段 `{field}` 的类型 `{into}` 中",
        "note_package_moved": (
            "这个包在 {v1} 是 `{old}`，在 {v2} 是 `{new}`；按文件名逐一比较（改名的文件按其定义配对）"
        ),
        "note_several_files": "有多个文件名为 {name}；比较的是 {path}",
        "note_no_source": "没有已索引的 Go 源码与 {words} 匹配",
        "note_files_chosen": "按 {words} 在词法索引中选出文件；比较了 {n} 个文件",
    },
}
