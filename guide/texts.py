"""The fixed words of answers, notes and panels in English and Chinese (``guide.language.Lang.text`` picks them)."""

from __future__ import annotations

from guide.comparison_texts import COMPARISON_TEXTS
from guide.note_texts import NOTE_TEXTS
from guide.panel_texts import PANEL_TEXTS

_TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "extractive_intro": "Extractive answer (no language model): what the Go sources at {scope} say, quoted.",
        "scope_and_designs": "{scope} and the Go design documents",
        "extractive_intro_tour": (
            "Extractive answer (no language model): the team's tour of this topic at {scope}, each step citing "
            "the code, then what the Go sources say, quoted."
        ),
        "extractive_intro_recap": "Extractive answer (no language model), from the Go sources at {scope}.",
        "extractive_intro_tour_only": (
            "Extractive answer (no language model): the team's tour of this topic at {scope}, each step citing "
            "the code."
        ),
        "extractive_intro_tour_after": (
            "Extractive answer (no language model): what the Go sources at {scope} say, quoted, then the team's "
            "tour of the topic around it."
        ),
        "extractive_intro_quotes_tour": (
            "Extractive answer (no language model): what the Go sources at {scope} say, quoted, and the team's "
            "tour of this topic, each step citing the code."
        ),
        "reading_path": "Reading path (in the order the code runs)",
        "definitions_found": "The definitions found (none of them calls another)",
        "reading_path_calls": "The definitions found (a caller before the definitions it calls)",
        "package_not_indexed": "The package `{package}` is in Go's source at {tag} (`{path}`) but not in this index, "
        "so what follows is only what the indexed code says; to read it, add `{path}/**` to the corpus's `include` "
        "(corpus/default.toml), then `python -m corpus sync` and `python -m ingest`.",
        "releases_between": "Which release made a change can only be told among the indexed releases ({tags}); "
        "{skipped} are not indexed, so this compares {tags} only.",
        "calls_step": "calls {steps}",
        "calls_steps": "calls {steps}",
        "called_item": "{name} (see {refs})",
        "tour": "Tour: {title}",
        "tour_lead": "Most directly, step {n} of the tour below:",
        "tour_lead_steps": "Most directly, steps {ns} of the tour below:",
        "tour_lead_in": "Most directly, step {n} of the tour below on *{title}*:",
        "tour_lead_before": "Most directly, step {n} of the tour *{title}* shown above:",
        "tour_steps_before": "Most directly, steps {ns} of the tour *{title}* shown above:",
        "tour_shown": "The tour *{title}* ({tag}) is in an answer above.",
        "nothing_more": "The sources found say nothing more about this than the answer above.",
        "tour_recap": "Its tour *{title}* ({tag}), step by step:",
        "tour_related": "On a related topic, the tour *{title}* ({tag}) reads these definitions (ask about its topic "
        "to walk it):",
        "see_above": "(shown above)",
        "tour_summary": "In short (the team's summary; each step below cites the code it rests on):",
        "tour_changes_fold": "How the tour's steps changed, step by step",
        "summary_lead": "**The short answer** (written by the team for the tour below, whose steps cite the code): "
        "{text}",
        "summary_lead_above": "**The short answer** (written by the team for the tour above, whose steps cite the "
        "code): {text}",
        "see_also": "See also: {items}",
        "no_reason_given": (
            "None of the comments quoted above says “because” or “so that”: the reason, if they give one, is in what "
            "they say the code does or would fail to do."
        ),
        "step_comments": "What the code's own comments say, step by step:",
        "where_in_code": "Where in the code",
        "line_no": "line {n}",
        "design_doc": "design document: {title}",
        "design_docs": "Design documents on this: {docs}.",
        "design_none": "None of the indexed design documents is about this: no title shares a word of the question.",
        "list_sep": "; ",
        "in_group": "{name}, in the group that starts with {group}",
        "design_doc_dated": "design document, {year}: {title}",
        "tour_changes": "How these steps changed between {old} and {new}",
        "tour_changes_most": "The code changed most (lines added and removed) in {names}.",
        "defaults_changed": "GOEXPERIMENTs on the topic whose default differs between {old} and {new}",
        "defaults_changed_all": "GOEXPERIMENTs whose default differs between {old} and {new}",
        "default_on": "on by default at {tag}",
        "default_off": "off by default at {tag}",
        "default_none": "not among the experiments of {tag}",
        "tour_change_absent": "not defined at {tag}",
        "tour_moved": "Moved or renamed between {old} and {new} (the same step, cited at each):",
        "tour_only_at": "Steps the tour walks only at {tag}:",
        "moved_same_code": "the same code",
        "tour_moved_count": "{n} steps moved or were renamed: {same} with the same code, {changed} with their "
        "code changed.",
        "moved_code_changed": "code: +{plus} −{minus} lines",
        "tour_changes_same": "The other {n} steps are the same text at both releases.",
        "tour_changes_same_one_named": "The other step, {names}, is the same text at both releases.",
        "tour_changes_same_named": "The other {n} steps, {names}, are the same text at both releases.",
        "tour_changes_none": "All {n} steps are the same text at both releases.",
        "tour_change_same": "the same text at both releases",
        "tour_changes_all_same": "Every step is the same text at both releases.",
        "tour_changes_others": "The tour's other steps changed too: {names}.",
        "its_fields": "its fields",
        "its_methods": "its methods",
        "it_calls": "it calls",
        "no_doc": "no doc comment; {parts}",
        "and_more": "and {n} more",
        "releases_chosen": "releases chosen: {tags} (the question names {named})",
        "picked_other": (
            "Answered at {tags}, the releases picked under Releases; the question names {named} (clear the picker to "
            "answer at the releases the question names)."
        ),
        "picked_not_indexed": (
            "{missing} is not indexed (indexed releases: {indexed}); answered at {tags}, the releases picked."
        ),
        "picked_also_named": "The question also names {named} (clear the picker to answer at the releases it names).",
        "described_subject": "compared here: {subject}, the definition that best matches the question at each release",
        "described_head": "What the Go sources say about this at each release asked about ({releases}), the "
        "definitions the search found there first:",
        "found_at": "found",
        "amount_same": "The constant in the code found has the same value at each release asked about: {values}.",
        "amount_changed": "The constant in the code found changed value: {values}.",
        "no_release": "no indexed release",
        "overview_head": "The question names no subject, so here is what changed between {old} and {new}, topic by "
        "topic: the definitions each of the team's tours walks, compared at the two releases.",
        "overview_changed": "{n} of the {total} definitions its tour walks changed: {names}",
        "overview_more": " and {n} more",
        "overview_none": "none of the {total} definitions its tour walks changed",
        "overview_new": "; new since the older release: {n}",
        "overview_tail": "For what changed in one topic, in its code's own words, ask about it (for example: “How did "
        "the scheduler change between {old} and {new}?”).",
        "constants_used": "Constants in the code found, with their values:",
        "values_used": "Constants and values set in the code found:",
        "used_by": "used by {symbol}{marker}",
        "at_line": ", line {line}",
        "at_lines": ", lines {a}-{b}",
        "nothing_new": "What the definitions found here say about the question was already said in the earlier "
        "releases.",
        "said_added": "Its comments at {new} that {old} does not have:",
        "said_gone": "Its comments at {old} that are gone at {new}:",
        "not_found": "Nothing relevant was found in {scope}: this guide reads the Go runtime, compiler and linker "
        "sources and the Go design documents. Try naming a function, type or file (e.g. `newproc`, `hchan`, "
        "`proc.go`).",
        "not_indexed": "{missing} is not indexed (indexed releases: {indexed}); what follows is for the nearest "
        "indexed release, {nearest}.{older}",
        "index_command_head": "**For whoever runs this guide: how to index {missing} too**",
        "index_command": "Run `python -m corpus sync --tags {tags} --source git` (the list keeps "
        "the releases indexed now, which a sync without them would drop; it needs go.googlesource.com), then "
        "`python -m ingest`.",
        "not_indexed_older": "{nearest} is newer than {missing}: what it shows may have come after {missing}.",
        "later_documents": "{missing} came out in {month} {year}; these design documents cited above are from later "
        "years, so what they describe came after it: {docs}.",
        "era_sentences": "What the design documents say of {missing}'s time:",
        "presence_yes": "**Yes**: the Go sources at {tag} define {names}, the declarations that implement {term}.",
        "presence_no": "**No**: the Go sources at {tag} define none of {names}, the declarations that implement {term}"
        "{first}.",
        "presence_first": "; among the indexed releases, {name} first appears at {first} [{n}]",
        "held_head": "What the answer before quoted, read again at each release compared",
        "held_head_all": "What the answer before quoted still holds at {releases}",
        "held_at": "said at {releases}",
        "held_not_at": "not in its definition at {releases}",
        "held_undefined": "{symbol} is not defined at {releases}",
        "not_indexed_since": "{missing} is not indexed (indexed releases: {indexed}); what follows compares the "
        "nearest indexed release, {nearest}, with {newest}.",
        "not_a_version": "{missing} is not a Go release that could be indexed. Indexed releases: {indexed}.",
        "not_indexed_again": "{missing} is not indexed (how to index it is said above); what follows is for "
        "{answered}.",
        "not_indexed_now": "{missing} is not indexed (indexed releases: {indexed}), so it cannot be compared; you "
        "asked how it is now: what follows is for the newest release, {newest} (the nearest indexed release to "
        "{missing} is {nearest}).",
        "not_known": "{missing} is not indexed: it is newer than every Go release this guide knows of (the newest "
        "is {known}); what follows is for the nearest indexed release, {nearest}, the newest. If {missing} has come "
        "out since, index it with `python -m corpus sync --tags {tags} --source git`, then `python -m ingest`.",
        "absent": "`{name}` is not defined in any indexed release ({scope}).",
        "absent_file": "`{name}` is not present in any indexed release ({scope}).",
        "elsewhere": "`{name}` is not defined at {scope}, the release asked about; at {tag} it is {where}.",
        "defined_from": "Among the indexed releases it is defined from {first} on.",
        "defined_between": "Among the indexed releases it is defined from {first} to {last}.",
        "successor": "The nearest current equivalent is {what}.",
        "no_successor": "No current equivalent was found in the index.",
        "similar_names": "Similar names that are defined: {names}.",
        "empty": 'The question is empty. Ask about the Go runtime or compiler, e.g. "does a channel take a lock?"',
        "needs_previous": '"{question}" continues a conversation, and there is none before it to continue: ask the '
        'whole question, e.g. "Why does a channel send take a lock?"',
        "too_long": "The question was cut to its first {n} characters.",
        "ungrounded": "No claim of this answer could be verified against the sources, so it is not shown as "
        "grounded. The sources below are what was retrieved.",
        "callers": "Call sites of `{name}` at {version}:",
        "no_callers": "No call site of `{name}` was found at {version}.",
        "callers_more": "… and {n} more functions that call it (the runtime's first, by file).",
        # the footer under an answer in the chat
        "footer_model": "model: {llm}",
        "cards_searching": "searching",
        "cards_retrieved": "Retrieved sources",
        "cards_writing": "answer being written",
        "cards_cited": "Citations of the latest answer",
        "cards_empty": "No citations yet.",
        "cards_none": "This answer cites no source.",
        "cmp_prompt": "Type a symbol (e.g. forcePreemptNS, hchan, runtime·rt0_go), a file path or a described subject.",
        "cmp_failed": "The comparison failed: {why}",
        "cmp_viewer_hint": "Click a definition to open it here.",
        "cmp_swapped": "Compared in release order: {v1} → {v2}.",
        "no_timeline": "No timeline: {why}",
        "cards_note": "{n} cited, click a card or a [n] to open the source",
        "chat_searching": "*Searching the index…*",
        "chat_writing": "*Writing the answer…*",
        "llm_extractive": "extractive (no language model)",
        "llm_line": "**Answering model:** {label}",
        "llm_better": ". For written answers: {how}",
        "llm_better_how": "set OPENAI_BASE_URL (any OpenAI-compatible server, e.g. llama.cpp's), run Ollama with a "
        "model, or install the offline model with `make local-llm`",
        "footer_releases": "releases: {releases}",
        "footer_citations": "{n} citations",
        "footer_citation": "1 citation",
        "footer_not_grounded": "not grounded",
        "follow_up": "read as a follow-up of: {previous}",
        "same_topic": "on the conversation's topic, answered at the releases it named: {tags}",
        "not_indexed_short": "not indexed: {missing}",
        "empty_short": "empty question",
        # a timeline across the indexed releases (guide.history.timeline, guide.render)
    },
    "zh": {
        "extractive_intro": "摘录式回答（未使用语言模型）：以下是 {scope} 的 Go 源码原文。",
        "scope_and_designs": "{scope}（及 Go 设计文档）",
        "extractive_intro_tour": (
            "摘录式回答（未使用语言模型）：先是本团队对这一主题在 {scope} 的导读，每一步都引用源码；"
            "然后是 Go 源码原文。"
        ),
        "extractive_intro_recap": "摘录式回答（未使用语言模型），依据 {scope} 的 Go 源码。",
        "extractive_intro_tour_only": (
            "摘录式回答（未使用语言模型）：本团队对这一主题在 {scope} 的导读，每一步都引用源码。"
        ),
        "extractive_intro_tour_after": (
            "摘录式回答（未使用语言模型）：先是 {scope} 的 Go 源码原文，然后是本团队对相关主题的导读。"
        ),
        "extractive_intro_quotes_tour": (
            "摘录式回答（未使用语言模型）：{scope} 的 Go 源码原文，以及本团队对这一主题的导读，每一步都引用源码。"
        ),
        "reading_path": "阅读路径（按代码执行顺序）",
        "definitions_found": "检索到的定义（彼此之间没有调用关系）",
        "reading_path_calls": "检索到的定义（调用者排在它所调用的定义之前）",
        "package_not_indexed": "`{package}` 包在 {tag} 的 Go 源码中（`{path}`），但不在本索引里，"
        "下面只是已索引代码中的相关内容；要阅读它，请把 `{path}/**` 加入语料的 `include`（corpus/default.toml），"
        "然后运行 `python -m corpus sync` 和 `python -m ingest`。",
        "releases_between": "只能在已索引的版本（{tags}）之间判断是哪个版本改的：{skipped} 没有索引，"
        "所以下面只比较 {tags}。",
        "calls_step": "调用 {steps}",
        "calls_steps": "调用 {steps}",
        "called_item": "{name}（见 {refs}）",
        "tour": "导读：{title}",
        "tour_lead": "最直接回答这个问题的是下面导读的第 {n} 步：",
        "tour_lead_steps": "最直接回答这个问题的是下面导读的第 {ns} 步：",
        "tour_lead_in": "最直接回答这个问题的是下面导读《{title}》的第 {n} 步：",
        "tour_lead_before": "最直接回答这个问题的是上文导读《{title}》的第 {n} 步：",
        "tour_steps_before": "最直接回答这个问题的是上文导读《{title}》的第 {ns} 步：",
        "tour_shown": "导读《{title}》（{tag}）见上文的回答。",
        "nothing_more": "找到的源码对此没有比上文回答更多的内容。",
        "tour_recap": "上文导读《{title}》（{tag}）的各步：",
        "tour_related": "相关主题的导读《{title}》（{tag}）依次讲解这些定义（问这个主题即可逐步阅读）：",
        "see_above": "（见上文）",
        "tour_summary": "简而言之（本团队撰写的概述；下面每一步都引用了其依据的源码）：",
        "tour_changes_fold": "导读各步骤的变化，逐步列出",
        "summary_lead": "**简要回答**（本团队为下文导读撰写，导读的每一步都引用了源码）：{text}",
        "summary_lead_above": "**简要回答**（本团队为上文导读撰写，导读的每一步都引用了源码）：{text}",
        "see_also": "另见：{items}",
        "no_reason_given": "上面引用的注释里没有“因为”“以便”这样的字眼，原因要从它们所说的代码行为里读出。",
        "step_comments": "各步骤源码中的注释原文：",
        "where_in_code": "在代码中的位置",
        "line_no": "第 {n} 行",
        "design_doc": "设计文档：{title}",
        "design_docs": "关于这一点的设计文档：{docs}。",
        "design_none": "已索引的设计文档中没有关于这一点的：没有哪篇的标题与问题有共同的词。",
        "list_sep": "；",
        "in_group": "{name}，属于以 {group} 开头的一组声明",
        "design_doc_dated": "设计文档，{year} 年：{title}",
        "tour_changes": "这些步骤在 {old} 与 {new} 之间的变化",
        "tour_changes_most": "代码改动最多（增删的行数）的是 {names}。",
        "defaults_changed": "与这一主题有关、默认值在 {old} 与 {new} 之间不同的 GOEXPERIMENT",
        "defaults_changed_all": "默认值在 {old} 与 {new} 之间不同的 GOEXPERIMENT",
        "default_on": "在 {tag} 中默认开启",
        "default_off": "在 {tag} 中默认关闭",
        "default_none": "{tag} 中没有这个实验",
        "tour_change_absent": "在 {tag} 中没有定义",
        "tour_moved": "在 {old} 与 {new} 之间移动或改名的步骤（同一步，两边各自引用）：",
        "tour_only_at": "导读只在 {tag} 中走到的步骤：",
        "moved_same_code": "代码相同",
        "tour_moved_count": "{n} 个步骤移动或改了名：其中 {same} 个代码相同，{changed} 个代码有改动。",
        "moved_code_changed": "代码：+{plus} −{minus} 行",
        "tour_changes_same": "其余 {n} 步在两个版本中文本完全相同。",
        "tour_changes_same_one_named": "其余 1 步（{names}）在两个版本中文本完全相同。",
        "tour_changes_same_named": "其余 {n} 步（{names}）在两个版本中文本完全相同。",
        "tour_changes_none": "全部 {n} 步在两个版本中文本完全相同。",
        "tour_change_same": "在两个版本中文本完全相同",
        "tour_changes_all_same": "每一步在两个版本中文本都完全相同。",
        "tour_changes_others": "导读的其他步骤也有修改：{names}。",
        "its_fields": "它的字段",
        "its_methods": "它的方法",
        "it_calls": "它调用",
        "no_doc": "没有文档注释；{parts}",
        "and_more": "以及另外 {n} 个",
        "releases_chosen": "按所选版本回答：{tags}（问题中提到的是 {named}）",
        "picked_other": (
            "按“版本”选择框中选定的 {tags} 回答；问题中提到的是 {named}（清空选择框即可按问题中的版本回答）。"
        ),
        "picked_not_indexed": "{missing} 未被索引（已索引的版本：{indexed}）；按选定的版本 {tags} 回答。",
        "picked_also_named": "问题中还提到了 {named}（清空“版本”选择框即可按问题中的版本回答）。",
        "described_subject": "这里比较的是 {subject}：在每个版本中都与问题最匹配的定义",
        "described_head": "各个版本（{releases}）的 Go 源码对此的说法，先列出在该版本中检索到的定义：",
        "found_at": "检索到",
        "amount_same": "检索到的代码中的常量在各个版本中取值相同：{values}。",
        "amount_changed": "检索到的代码中的常量取值有变化：{values}。",
        "no_release": "没有已索引的版本",
        "overview_head": "问题没有指明具体对象，下面按主题列出 {old} 与 {new} 之间的变化：比较本团队各导读所涉及的定义"
        "在这两个版本中的异同。",
        "overview_changed": "导读涉及的 {total} 个定义中有 {n} 个有变化：{names}",
        "overview_more": "，另有 {n} 个",
        "overview_none": "导读涉及的 {total} 个定义都没有变化",
        "overview_new": "；其中 {n} 个是新的（较早的版本中没有定义）",
        "overview_tail": "想了解某个主题的代码具体怎么变的，可以单独问它（例如：“{old} 和 {new} 之间调度器有什么"
        "变化？”）。",
        "constants_used": "检索到的代码中的常量及其取值：",
        "values_used": "检索到的代码中的常量和设定的值：",
        "used_by": "由 {symbol}{marker} 使用",
        "at_line": "，第 {line} 行",
        "at_lines": "，第 {a}-{b} 行",
        "nothing_new": "这里找到的定义中与问题相关的注释，在前面的版本中都已有",
        "said_added": "{new} 中新增、{old} 中没有的注释：",
        "said_gone": "{old} 中有、{new} 中已删去的注释：",
        "not_found": "在 {scope} 中没有找到相关内容：本指南阅读的是 Go 运行时、编译器和链接器的源码以及 Go 设计文档。"
        "请尝试给出函数、类型或文件名（例如 `newproc`、`hchan`、`proc.go`）。",
        "not_indexed_older": "{nearest} 比 {missing} 新：下面所说的可能是 {missing} 之后才有的。",
        "later_documents": "{missing} 发布于 {year} 年 {month_zh} 月；上面引用的这些设计文档写于之后的年份，"
        "它们描述的内容是在 {missing} 之后才有的：{docs}。",
        "era_sentences": "设计文档对 {missing} 那时的说法：",
        "presence_yes": "**有**：{tag} 的 Go 源码定义了 {names}，即实现 {term} 的声明。",
        "presence_no": "**没有**：{tag} 的 Go 源码中没有 {names} 中的任何一个（实现 {term} 的声明）{first}。",
        "presence_first": "；在已索引的版本中，{name} 最早出现在 {first} [{n}]",
        "held_head": "上一个回答引用的原文，在比较的各个版本中重新读一遍",
        "held_head_all": "上一个回答引用的原文在 {releases} 中都还在",
        "held_at": "{releases} 中这样写",
        "held_not_at": "{releases} 的定义中没有这一句",
        "held_undefined": "{releases} 中没有 {symbol} 的定义",
        "not_indexed": "{missing} 未被索引（已索引的版本：{indexed}）；下面是最接近的已索引版本 {nearest} 的回答。"
        "{older}",
        "index_command_head": "**给运行本指南的人：如何同时索引 {missing}**",
        "index_command": "先运行 `python -m corpus sync --tags {tags} --source git`"
        "（列表里保留了现在已索引的版本，不列出的版本会被移除；需要能访问 go.googlesource.com），"
        "再运行 `python -m ingest`。",
        "not_indexed_since": "{missing} 未被索引（已索引的版本：{indexed}）；下面比较与它最接近的已索引版本 {nearest}"
        " 和 {newest}。",
        "not_a_version": "{missing} 不是可以索引的 Go 版本。已索引的版本：{indexed}。",
        "not_indexed_again": "{missing} 未被索引（如何索引见上文）；下面是 {answered} 的回答。",
        "not_indexed_now": "{missing} 未被索引（已索引的版本：{indexed}），所以无法比较；你问的是现在的情况："
        "下面是最新版本 {newest} 的回答（与 {missing} 最接近的已索引版本是 {nearest}）。",
        "not_known": "{missing} 未被索引：它比本指南所知的所有 Go 版本都新（已知最新的是 {known}）；"
        "下面是最接近的已索引版本 {nearest}（最新的一个）的回答。如果 {missing} 已经发布，"
        "可以先运行 `python -m corpus sync --tags {tags} --source git`，再运行 `python -m ingest` 来索引它。",
        "absent": "`{name}` 在任何已索引的版本（{scope}）中都没有定义。",
        "absent_file": "`{name}` 在任何已索引的版本（{scope}）中都不存在。",
        "elsewhere": "`{name}` 在所问的版本 {scope} 中没有定义；在 {tag} 中它是 {where}。",
        "defined_from": "在已索引的版本中，它从 {first} 起才有定义。",
        "defined_between": "在已索引的版本中，它只在 {first} 到 {last} 之间有定义。",
        "successor": "目前最接近的对应物是 {what}。",
        "no_successor": "索引中没有找到当前的对应物。",
        "similar_names": "已定义的相近名称：{names}。",
        "empty": "问题为空。请询问有关 Go 运行时或编译器的问题，例如“channel 会加锁吗？”",
        "needs_previous": "“{question}”是在接着前面的对话提问，但前面还没有可以接着的对话：请把问题问完整，"
        "例如“为什么 channel 发送要加锁？”",
        "too_long": "问题过长，只使用了前 {n} 个字符。",
        "ungrounded": "该回答中的论断均无法与源码核对，因此不视为有依据。下面列出的是检索到的源码。",
        "callers": "`{name}` 在 {version} 中的调用位置：",
        "no_callers": "在 {version} 中没有找到 `{name}` 的调用位置。",
        "callers_more": "……另外还有 {n} 个函数调用它（先列运行时的，按文件排序）。",
        "footer_model": "模型：{llm}",
        "cards_searching": "正在检索",
        "cards_retrieved": "检索到的来源",
        "cards_writing": "正在撰写回答",
        "cards_cited": "最新一条回答的引用",
        "cards_empty": "还没有引用。",
        "cards_none": "这个回答没有引用任何源码。",
        "cmp_prompt": "请输入符号（如 forcePreemptNS、hchan、runtime·rt0_go）、文件路径，或用文字描述要比较的内容。",
        "cmp_failed": "比较失败：{why}",
        "cmp_viewer_hint": "点击一个定义，在这里打开它。",
        "cmp_swapped": "已按版本先后比较：{v1} → {v2}。",
        "no_timeline": "没有时间线：{why}",
        "cards_note": "{n} 处引用，点击卡片或 [n] 打开源码",
        "chat_searching": "*正在检索索引…*",
        "chat_writing": "*正在撰写回答…*",
        "llm_extractive": "摘录式（未使用语言模型）",
        "llm_line": "**回答模型**：{label}",
        "llm_better": "。想要成文的回答：{how}",
        "llm_better_how": "设置 OPENAI_BASE_URL（任何兼容 OpenAI 的服务，例如 llama.cpp 的），运行带模型的 Ollama，"
        "或用 `make local-llm` 安装离线模型",
        "footer_releases": "版本：{releases}",
        "footer_citations": "{n} 处引用",
        "footer_citation": "1 处引用",
        "footer_not_grounded": "未能与源码核对",
        "follow_up": "按追问理解，接续上一个问题：{previous}",
        "same_topic": "与对话的主题相同，按对话中提到的版本回答：{tags}",
        "not_indexed_short": "未索引：{missing}",
        "empty_short": "问题为空",
    },
}

TEXTS: dict[str, dict[str, str]] = {
    code: {**words, **NOTE_TEXTS[code], **PANEL_TEXTS[code], **COMPARISON_TEXTS[code]} for code, words in _TEXTS.items()
}
"""Every fixed word, by language: the answers' and notes' (here), the web panels' (``guide.panel_texts``) and the
comparisons' and timelines' (``guide.comparison_texts``)."""
