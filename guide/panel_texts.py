"""The fixed words of the web app's panels in English and Chinese: the Status panel, the source viewer and
background embedding (``guide.texts.TEXTS`` holds them with the answers' words; ``guide.language.Lang.text`` picks
them)."""

from __future__ import annotations

PANEL_TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "fold_steps": "The tour's {n} steps, each citing the code",  # a folded tour's summary in the chat
        "viewer_hint": "Click a citation card to open its source here.",
        "card_more_line": "… {n} more line",
        "card_more_lines": "… {n} more lines",
        "card_open": "Open in the source viewer",
        "also_on": "also defined for {platforms}",  # its other platforms' definitions (card, line in answers)
        "card_doc_from": "doc comment from line {n}",  # a card's lines are the declaration's; its comment is above
        "kind_asm": "asm",
        "kind_comment": "comment",
        "kind_const": "const",
        "kind_func": "func",
        "kind_method": "method",
        "kind_package": "package",
        "kind_section": "section",
        "kind_text": "text",
        "kind_type": "type",
        "kind_var": "var",
        "viewer_not_indexed": (
            "{path} is not in the index at {version}: only files indexed at that version can be shown."
        ),
        "viewer_indexed": " Indexed versions: {indexed}.",
        "viewer_did_you_mean": " Files at {version} whose path ends so: {paths}.",
        "viewer_invalid": "Not a valid source request: a version, a path and line numbers are needed.",
        "viewer_empty_file": "{path} at {version} is empty.",
        "status_index": "Index",
        "status_location": "Location",
        "status_embedding": "Embedding model",
        "status_answering": "Answering model",
        "status_chunks": "Chunks stored",
        "status_stored_once": "each file version once",
        "status_stored_sum": (
            "each file version once: a file identical in several releases is stored once but counted in each of them "
            "below, so the releases' chunks add up to {n}"
        ),
        "status_embedded": "Of these embedded (vectors)",
        "status_embedded_detail": (
            "{embedded}; {generated} from generated files (found by words and symbols, never embedded); {waiting} "
            "waiting to be embedded"
        ),
        "status_symbols": "Symbols",
        "status_definitions": "{n} definitions",
        "status_background": "Background embedding",
        "status_columns": "Release|Repository|Commit|Files|Chunks in the release|Chunks in no other release",
        "status_missing": "Missing",
        "embed_waiting": "not running; {n} chunks wait (run `python -m ingest`)",
        "embed_missing": "vectors missing (see below)",
        "dense_partial": (
            "search by meaning read {done} of {total} passages ({pct}%): their vectors are still being built or "
            "loaded, so this answer rests more on words and symbols (the Status tab shows the progress; asked again "
            "later, it may cite other code)"
        ),
        "dense_off": (
            "search by meaning is not available yet (the vectors of {total} passages are still being built or "
            "loaded, or failed to load): this answer rests on words and symbols only (the Status tab says where it "
            "stands)"
        ),
        "viewer_window": "(lines {lo}-{hi} of {n})",
        "viewer_past_end": "Line {line} is past the end of the file ({n} lines): its last line is shown.",
        "viewer_before_start": "Lines are numbered from 1: line 1 is shown.",
        "viewer_not_a_line": "“{line}” is not a line number: give one (42) or a range (40-60). Line 1 is shown.",
        "viewer_window_cut": "(lines {lo}-{hi} of {n}: the cited range's first {shown} lines; the permalink has all)",
        "viewer_source_lines": "Source lines",
        "question_shown_cut": "(question shortened for display: {n} characters, the first {limit} shown and used)",
    },
    "zh": {
        "fold_steps": "导读的 {n} 个步骤，每一步都引用源码",
        "viewer_hint": "点击引用卡片，在这里打开它的源码。",
        "question_shown_cut": "（问题过长，共 {n} 个字符，这里显示并使用前 {limit} 个）",
        "viewer_not_indexed": "{path} 不在 {version} 的索引中：只能显示在该版本中已索引的文件。",
        "viewer_indexed": "已索引的版本：{indexed}。",
        "viewer_did_you_mean": "{version} 中路径以此结尾的文件：{paths}。",
        "viewer_invalid": "不是有效的源码请求：需要版本、路径和行号。",
        "viewer_empty_file": "{path} 在 {version} 中是空文件。",
        "status_index": "索引",
        "status_location": "位置",
        "status_embedding": "嵌入模型",
        "status_answering": "回答模型",
        "status_chunks": "已存储的块",
        "status_stored_once": "每个文件版本只存一次",
        "status_stored_sum": (
            "每个文件版本只存一次：多个版本中相同的文件只存一次，但在下表的每个版本中都计入，所以各版本的块数合计为 {n}"
        ),
        "status_embedded": "其中已嵌入（向量）",
        "status_embedded_detail": (
            "{embedded}；{generated} 个来自生成的文件（按词和符号查找，从不嵌入）；{waiting} 个等待嵌入"
        ),
        "status_symbols": "符号",
        "status_definitions": "{n} 个定义",
        "status_background": "后台嵌入",
        "status_columns": "版本|仓库|提交|文件数|该版本的块数|仅在该版本中的块数",
        "status_missing": "缺少",
        # the words of ingest.background.EmbedStatus.text (its EMBED_WORDS in English)
        "embed_stopped": "后台嵌入已停止：{error}",
        "embed_complete": "向量：已完成",
        "embed_progress": "向量：已嵌入 {done}/{total}（{pct}%，每秒 {rate} 个{left}）；符号搜索和词法搜索已完整可用",
        "embed_left": "，约剩 {minutes} 分钟",
        "embed_waiting": "未运行；{n} 个块等待嵌入（运行 `python -m ingest`）",
        "embed_missing": "缺少向量（见下文）",
        "dense_partial": (
            "按语义搜索只读到了 {total} 段中的 {done} 段（{pct}%）：其余的向量仍在构建或加载中，"
            "所以这个回答更多依据词语和符号（“状态”页显示进度；稍后再问，引用的代码可能不同）"
        ),
        "dense_off": (
            "按语义搜索暂不可用（{total} 段的向量仍在构建或加载中，或加载失败）："
            "这个回答只依据词语和符号（“状态”页说明其进展）"
        ),
        "viewer_window": "（第 {lo}-{hi} 行，共 {n} 行）",
        "viewer_past_end": "第 {line} 行超出了文件末尾（共 {n} 行）：显示的是最后一行。",
        "viewer_before_start": "行号从 1 开始：显示的是第 1 行。",
        "viewer_not_a_line": "“{line}”不是行号：请填写一个行号（42）或一个范围（40-60）。显示的是第 1 行。",
        "viewer_window_cut": "（第 {lo}-{hi} 行，共 {n} 行：引用范围的前 {shown} 行；永久链接显示全部）",
        "viewer_source_lines": "源文本",
        "card_more_line": "… 还有 {n} 行",
        "card_more_lines": "… 还有 {n} 行",
        "card_open": "在源码查看器中打开",
        "also_on": "另有 {platforms} 的版本",
        "card_doc_from": "文档注释从第 {n} 行起",
        "kind_asm": "汇编",
        "kind_comment": "注释",
        "kind_const": "常量",
        "kind_func": "函数",
        "kind_method": "方法",
        "kind_package": "包文档",
        "kind_section": "文档章节",
        "kind_text": "文档",
        "kind_type": "类型",
        "kind_var": "变量",
    },
}
