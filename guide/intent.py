"""What a question asks for, read from its words (English and Chinese): call sites, a comparison, a timeline, a
place, the code's comments, an amount, a reason, or what happens when something goes wrong. Only
:class:`guide.query.Query` reads these; everything else reads its ``asks_*`` fields."""

from __future__ import annotations

import re
from collections.abc import Sequence

from guide.contrast import without_contrasts
from guide.versions import came_in, find_versions
from guide.words import question_parts

CALLERS = re.compile(
    r"\bwho (?:calls|invokes|uses)\b|\bcalled (?:by|from where)\b|"
    r"(?<!\bhot )(?<!\bcold )\b(?:callers?|call ?sites?)\b"
    r"(?!\s+(?:are|is)\b(?!\s+there\b)|\s+(?:get|gets|become|becomes|count|counts|qualify|qualifies|must|should|need"
    r"|needs|may|can)\b)|"
    r"\bwhere (?:is|are|does) (?:it|[\w.()*·]+) (?:get )?called\b|\bwhat calls\b|"
    r"谁调用|被调用|被谁调用|在哪里被调用|在哪儿被调用",
    re.IGNORECASE,
)
"""Asking for call sites ("who calls lock?", "where is it called?", "the callers of gopark"), not what a function
calls, nor call sites that are the subject of the question ("How does PGO decide which call sites are hot enough to
inline?", trial 111: answered with the call sites of a generator's inline function; "Do callers need the lock?")."""
COMPARE = re.compile(
    r"\b(changed?|changes|differ(?:ence|ent|s)?|diff|compare|evolv\w*|between|still the same|replaced|rewritten|"
    r"rewrote|redesigned)\b|变化|改变|变了|变过|区别|不同|不一样|比较|演变|演进|一样[吗么]|还一样|相同吗|换过|换了|换掉|替换|重写|改过|改动",
    re.IGNORECASE,
)
"""Asking what changed or differs (the change words; the releases are read apart): also whether something was
replaced or rewritten ("从 Go 1.9 到现在，sync.Map 的实现换过吗？" had been answered at the newest release alone,
trial 76), and a release the asker left (``UPGRADED``)."""
UPGRADED = re.compile(
    r"\b(?:upgrad|migrat|switch|mov|updat)(?:e|ed|es|ing)\b(?:\s+\w+){0,3}?\s+(?:over\s+)?from\s+"
    r"(?:(?:go|golang)\s*v?1\.\d|v?1\.[12]\d\b)|\bcoming from\s+(?:(?:go|golang)\s*1\.\d|1\.[12]\d\b)|"
    r"从\s*(?:go|golang)?\s*1\.\d+(?:\.\d+)?\s*(?:版本)?\s*(?:升级|升到|升上来|迁移|切换)",
    re.IGNORECASE,
)
"""A release the asker upgraded from ("I upgraded from Go 1.21. How does the compiler decide ...?", "We upgraded our
services from 1.21", "我们从 Go 1.21 升级到最新版"): what the code does now, against that release (trial 103: answered
at go1.21.13 alone, read as "from Go 1.21 on"), when it names no release it went to (``_GONE_TO``)."""
_GONE_TO = re.compile(r"\bto\s+(?:go|golang)?\s*v?1\.\d|到\s*(?:go|golang)?\s*1\.\d", re.IGNORECASE)


def upgraded_from(text: str) -> bool:
    """Whether ``text`` names a release the asker left and none it went to (``UPGRADED``; "We moved from Go 1.9 to
    go1.21. ..." is asked at go1.21)."""
    m = UPGRADED.search(text)
    return m is not None and not _GONE_TO.search(text, m.end())


def asks_comparison(text: str, bare: bool) -> bool:
    """Whether a question asks what changed or differs (``COMPARE``, ``upgraded_from``), and not only for the reason
    (``reason_alone``), nor only how two things other than releases differ (``contrast.without_contrasts``: "In
    go1.22, what is the difference between a goroutine and a thread?"), nor in a change it states before it asks
    (``without_premise``)."""
    asked = without_contrasts(without_premise(text))
    return bool(COMPARE.search(asked) or upgraded_from(without_contrasts(text))) and not reason_alone(text, bare)


_SENTENCE_END = re.compile(r"(?<=[.!])\s+(?=[A-Z\u4e00-\u9fff])|(?<=[。！？])|(?<=\?)\s+")
"""A sentence's end: not the "." of "e.g. the GC" or "go1.21 vs. go1.27", which a lower-case word follows."""


def without_premise(text: str) -> str:
    """``text`` without the sentences before its question that state a change at a release (``versions.came_in``):
    "Go 1.22 changed loop variables to be per-iteration. Where does the compiler implement that?" (trial 103: it
    compared go1.21.13 with go1.27.3) asks where, at the release the change came in; "Compare the map in go1.21 and
    go1.27. Which is faster?" states no change and still compares."""
    parts = [p for p in _SENTENCE_END.split(text.strip()) if p.strip()]
    if not any(p.rstrip().endswith(("?", "？")) for p in parts):
        return text
    return " ".join(p for p in parts if p.rstrip().endswith(("?", "？")) or not came_in(p))


def against_newest(text: str) -> bool:
    """Whether the one release a question names is set against the newest, not the one before it: asked whether it
    was the same then, and no other change ("在 1.21 里 STW 的时候做的事情一样吗？", not "Did the scheduler change in
    go1.22, or does it still work the same way?"), or a release the asker upgraded from (``upgraded_from``)."""
    asked = without_premise(text)
    return bool(SAME.search(asked) and not COMPARE.search(SAME.sub(" ", asked))) or upgraded_from(text)


def reason_alone(text: str, bare: bool) -> bool:
    """Whether a follow-up naming nothing of its own (``bare``) asks why ("Why did they change it?" after what changed
    in the map implementation, trial 49): its answer is the reason the sources give, which no diff says, whatever
    change words it has (it had compared the two releases again, word for word)."""
    return bare and bool(WHY.search(text))


SAME = re.compile(
    r"\b(?:the )?same\b|\blike (?:this|that)\b|\bthis way\b|\bthat way\b|(?:也|还|都)是?(?:这样|那样|一样)|是这样|"
    r"一样[吗么]|相同吗",
    re.IGNORECASE,
)
"""Asking whether something was the same ("Is it the same in go1.21?", "Did it work this way in Go 1.21?", "go1.21
里也是这样吗？"): with a release named, a comparison with the release the conversation is at; without one, no
comparison ("Is a goroutine the same as a thread?")."""
TIMELINE = re.compile(
    r"\b(?:timeline|history of|across (?:all |the )?(?:indexed )?(?:releases|versions))\b|历史|演变|"
    r"\bsince (?:when|which (?:go )?(?:version|release))\b|"
    r"\b(?:which|what) (?:go )?(?:version|release) (?:added|introduced|first had)\b|"
    r"\b(?:when|in which (?:go )?(?:version|release)) (?:was|were)\b(?:[^.?]|\.(?=\w)){1,60}\b(?:added|introduced)\b|"
    r"\bwhen did\b(?:[^.?]|\.(?=\w)){1,60}\b(?:arrive|appear|land|show up|get added|get introduced|come in)\b|"
    r"\b(?:first )?(?:appeared|arrived|landed) in which (?:go )?(?:version|release)\b|"
    r"从哪个\s*(?:go\s*)?版本|哪个\s*(?:go\s*)?版本(?:里|中)?(?:开始|引入|加入|添加|加的|加上|加进|新增|出现|才有)|"
    r"什么时候(?:引入|加入|添加|开始有|新增|有的)",
    re.IGNORECASE,
)
"""A question about a definition's life across releases: its history, or since when it exists."""
WHICH_RELEASE_DID = re.compile(
    r"\b(?:which|what) (?:go )?(?:versions?|releases?) (?:added|introduced|changed|removed|dropped|replaced|optimized"
    r"|improved|sped up)\b|哪个\s*(?:go\s*)?版本(?:里|中)?(?:开始|引入|加入|添加|加的|加上|加进|新增|出现|才有"
    r"|改的|改了|变的|变了|优化的|优化了|删的|删掉的|去掉的|移除的)",
    re.IGNORECASE,
)
"""Asking which release did something, the verb alone ("具体是哪个版本优化的？", "which version added it?"): its verb
names no subject of the question's own; the subject is the conversation's (trial 110: "具体是哪个版本优化的？" after a
question on defer's cost was read as a question of its own about "optimize")."""
RELEASE_CHANGE = re.compile(
    r"\b(?:did|has|have)\b[^.?]{0,60}\bchanged?\b|\bwhen did\b[^.?]{1,60}\bchange\b|"
    r"\b(?:did|has|have)\s+(?:it|they|[\w.]+)\s+(?:been\s+)?move[ds]?(?:\s+(?:somewhere(?:\s+else)?|elsewhere|"
    r"(?:in)?to\s+(?:another|a different|a new)\s+(?:package|file|directory)))?\s*[?.!]|"
    r"\bwhen (?:was|were)\b(?:[^.?]|\.(?=\w)){1,60}\b(?:removed|deleted|dropped|replaced)"
    r"(?: (?:from|in) (?:go|the (?:runtime|standard library|go (?:runtime|sources?))))?\s*(?:[?.!]|$)|"
    r"\bwhen did (?:go|the go (?:team|project))\b[^.?]{1,60}\b(?:remove|delete|drop|replace)\b|"
    r"\b(?:which|what) (?:go )?(?:versions?|releases?) "
    r"(?:changed|removed|dropped|replaced|optimized|improved|sped up)\b|"
    r"哪个版本.{0,4}(?:改|变|删|去掉|移除|优化)|什么时候.{0,4}(?:改|变)|什么时候.{0,4}(?:删|去掉|移除).{0,3}(?:的|了)|(?:改|变)过吗|有没有(?:改|变)",
    re.IGNORECASE,
)
"""Asking whether, or in which release, something changed ("Did the channel lock change?", "Which release changed
that?", "哪个版本改的？"), or whether the code moved ("or did it move somewhere?", not "did the stack move to a new
address?"): with no release named, a question about every indexed release (a comparison of the oldest and the
newest, a timeline over more), not about the newest alone."""
WHAT_CHANGED = re.compile(r"\bwhat(?:'s| has| have)? changed\b|有(?:什么|哪些)(?:变化|改变)", re.IGNORECASE)
"""Asking what changed ("What changed in the GC?", "GC 有什么变化？"): with no release named, as ``RELEASE_CHANGE``
reads it, of every indexed release (it had been answered at the newest release alone, trial 77), but not asking in
which release."""


AGAINST_BEFORE = re.compile(
    r"\b(?:old|older|previous|earlier|former)\s+(?:go\s+)?(?:implementation|versions?|releases?|design)\b"
    r"(?!\s+(?:you|that you)\b)|(?:以前|之前|旧版|老版|旧的|原来的)(?!\s*(?:说|提到|讲|问|的回答))",
    re.IGNORECASE,
)
"""What was before, in words, as what a comparison sets the present against ("What is different from the old
implementation?", "和以前的实现比有什么区别？"): no release named, the oldest indexed one (trial 100: answered at the
newest alone)."""


def changed(text: str) -> tuple[bool, bool]:
    """Whether a question asks whether or what something changed, of every indexed release when it names none ("Did
    the channel lock change?", "哪个版本改的？", "What changed in the GC?", "How does it differ from the old
    implementation?"), and whether it asks in which release (``RELEASE_CHANGE``)."""
    asked = without_premise(text)  # "The GC has changed a lot since go1.21. Where is the write barrier now?"
    when = bool(RELEASE_CHANGE.search(asked))
    before = bool(AGAINST_BEFORE.search(asked)) and asks_comparison(text, False) and not find_versions(text)
    return when or before or bool(WHAT_CHANGED.search(asked)), when


WHERE = re.compile(
    r"^\s*where\b|\bwhere (?:is|are)\b|在哪(?!一?(?:个|种)\s*(?:goroutine|协程|线程|情况|场景|时候))|哪里定义|哪个文件|"
    r"^\s*show (?:me )?(?:the |its )?(?:code|source|lines)\b|"
    r"\bshow me (?:the |its )?(?:code|source|lines)\b|(?:给我|让我|能|可以|我想)看看?(?:代码|源码)|(?:代码|源码)给我看",
    re.IGNORECASE,
)
"""Asking for a place in the code, or to see its lines ("show me the code", "给我看看代码": trial 35 had quoted
comments and no code line); not a mention of reading it ("我看代码里 map 没有加锁，为什么 ..."), nor "in which one"
of something ("finalizer 在哪个 goroutine 里跑？", trial 101: it had opened with SetFinalizer's callees)."""
COMMENT = re.compile(r"\bcomments?\b|\bin (?:its|the code's) own words\b|注释|原文", re.IGNORECASE)
"""Asking for the code's own comments ("show me the comment that says so", "把说明这一点的注释原文给我看看")."""
QUANTITY = re.compile(
    r"\bhow (?:many|much|big|large|small|long|often|deep|full)\b|\b(?:what|which) (?:size|limit|capacity)\b|"
    r"\b(?:what|which) (?:is|are|was|were) (?:the|its|their|a) (?:[\w-]+ ){0,2}"
    r"(?:size|limit|capacity|budget|threshold|cost)s?\b|"
    r"\b(?:maximum|minimum|at most|at least|upper limit|lower limit)\b|"
    r"\b(?:size|capacity|limit|length)\b[^.?]{0,40}\bchang(?:e|ed|es)\b|"
    r"多少|多大|多小|多长|多久|(?<!哪)几个|(?<!哪)几种|上限|下限|最多|最少|容量|大小[^？?]{0,10}变|"
    r"(?<![\w.])\d+(?:\.\d+)? ?(?:[KMG]i?B|kB|bytes?|字节)(?!\w)|(?<![\w.])\d+-byte\b",
    re.IGNORECASE,
)
"""Asking for an amount ("how big is its stack?", "最多能创建多少个线程？", "did the stack size change?", "what is the
inlining budget?"): the answer is a number in the code. A question that states a size checks it ("Is it still true
that every new goroutine starts with a 2 KB stack?", "a 200-byte key"): the number in the code is what it asks for
too."""
SETTING = re.compile(
    r"\bhow (?:do|can|could|should|would) (?:i|we|you|one)\b[^.?]{0,30}\b(?:change|set|tune|adjust|configure|control|"
    r"tweak|raise|lower|increase|decrease|disable|turn off)\b|"
    r"\b(?:can|could) (?:i|we|you)\b[^.?]{0,20}\b(?:change|set|tune|adjust|configure|control|disable)\b|"
    r"(?:怎么|如何|怎样|能否|能不能|可以|可不可以).{0,8}(?:调整|设置|修改|配置|控制|调节|关闭|禁用|调大|调小|改变)|"
    r"\b(?:is|are) there (?:an?y? )?(?:\w+ ){0,3}(?:option|setting|flag|knob|parameter|environment variable)s?\b|"
    r"(?:有没有|是否有|有无|有什么|有哪些).{0,12}(?:参数|选项|开关|环境变量)",
    re.IGNORECASE,
)
"""Asking how to change a behaviour ("How do I change that?" after "When does the GC start a cycle?", "GC 的频率
可以调整吗？"), or whether something can be set ("Go的GC有没有类似-Xmx那样的参数来控制堆大小？", trial 86: answered
without the memory limit's setting): what a program can set, not what changed between releases."""
SETTING_WORDS = "set setting environment variable"
"""What a question that asks how to change a behaviour is searched with: the words the Go sources use for what a
program can set. runtime/debug's SetGCPercent: "The initial setting is the value of the GOGC environment variable at
startup" (SetMemoryLimit, SetMaxStack and SetMaxThreads alike); runtime/extern.go: "The GOGC variable sets the initial
garbage collection target percentage"."""


SETTING_TOKENS = frozenset(SETTING_WORDS.split())
"""The words ``SETTING_WORDS`` adds to a question's search: no words of its subject."""


MAXIMUM = re.compile(
    r"\bhow (?:big|large|deep|long|far|high|many|much) (?:can|could|may|might|will|would)\b[^.?]{0,40}"
    r"\b(?:grow|get|become|reach|go|be|have|hold|use|take)\b|(?:最大|最多|最高)能|能(?:长|增长|涨|扩|扩展|扩容)到多",
    re.IGNORECASE,
)
"""Asking for an upper bound without its word ("How big can a goroutine's stack grow?", "栈最多能长到多大？"): the
question is searched for the maximum too (runtime/debug.SetMaxStack: "SetMaxStack sets the maximum amount of memory
that can be used by a single goroutine stack."), and no constant named for a minimum answers it."""
MAXIMUM_WORD = "maximum"


def with_setting(search: str, text: str) -> str:
    """``search``, with ``SETTING_WORDS`` when the question (``text``) asks how to change a behaviour: "How do I
    change that?" after "When does the GC start a cycle?" reaches SetGCPercent and GOGC, not more of the pacer; with
    ``MAXIMUM_WORD`` when it asks for an upper bound without the word."""
    search = f"{search} {MAXIMUM_WORD}" if MAXIMUM.search(text) and MAXIMUM_WORD not in search.lower() else search
    return f"{search} {SETTING_WORDS}" if SETTING.search(text) else search


PRESENCE = re.compile(
    r"^\s*(?:does|did|do|is|was|are|were|has|had)\b[^?]*\b(?:have|has|had|support\w*|exists?|include\w*|"
    r"contain\w*|there)\b|\bis there\b|有没有|是否(?:有|支持|存在)|(?:有|支持|存在)[^？?，,。]{0,16}吗",
    re.IGNORECASE,
)
"""Asking whether something is there at a release ("Does go1.15.15 have asynchronous preemption?", "go1.19 里有
GOMEMLIMIT 吗？")."""
DEFAULT_STATE = re.compile(
    r"\bdefaults?\b|\benabled?\b|\bdisabled?\b|\bturn(?:s|ed)? (?:it |them )?(?:on|off)\b|\bswitch(?:es|ed)? on\b"
    r"|默认|开启|启用|打开|关闭|关掉",
    re.IGNORECASE,
)
"""Asking whether something is on ("Is the Green Tea GC on by default in go1.26?", "go1.26 默认启用 greenteagc
了吗？")."""
WHY = re.compile(r"\bwhy\b|\bwhat for\b|\bfor what reason\b|为什么|为何|何必|干嘛|为啥", re.IGNORECASE)
"""A question that asks for a reason ("Why?", "为什么要这样做？")."""
HOW_IT_WORKS = re.compile(
    r"\bhow (?:does|do|is|are|can|will|would)\b|(?:是怎么|怎么|如何|怎样)(?!\S{0,3}(?:变|改|演))", re.IGNORECASE
)
"""A question that asks how something is done ("how does the thread give its processor back", "是怎么做的"), not how
it changed ("How did the buffers change ...?", "是怎么演变的")."""
DESIGN = re.compile(r"\bdesign (?:docs?|documents?|proposals?)\b|\bproposals?\b|设计文档|设计提案|提案", re.IGNORECASE)
"""Asking for the design documents of a subject ("Is there a design document?", "有设计文档吗？")."""
DESIGN_WORDS = frozenset({
    "design", "doc", "docs", "document", "documents", "proposal", "proposals",
    "implement", "implemented", "implementation", "work", "works",
})  # fmt: skip
"""The words that ask for a design document, or how something is done ("是怎么实现的": implementation): not what
a document is about (a document titled "Implementation" is not on the subject of every question that asks how)."""
OUTCOME = re.compile(
    r"\bwhat (?:happens|will happen|would happen|happened)\b|\bwhat if\b|\bpanic\w*|\bcrash\w*|\bfatal\b|"
    r"\berrors?\b(?!\s+(?:values?|types?|interfaces?)\b)|\bfail\w*|\bmessages?\b|\bdeadlock\w*|['\"“‘「][^'\"”’」]{6,}['\"”’」]|"
    r"会怎样|会怎么样|会发生什么|什么后果|报错|错误|崩溃|异常|死锁",
    re.IGNORECASE,
)
"""Asking what happens, or what goes wrong ("What happens if I close a channel twice?", "Where does the 'send on
closed channel' panic come from?", "向已关闭的 channel 发送数据会怎样？"): a panic's or fatal error's message, or a
compiler diagnostic, answers it in the program's own words. An error value, type or interface is Go's ``error`` type,
no failure: "Why is an error value that holds a nil pointer not equal to nil?" asks how interfaces compare, and read
as an outcome it got the messages that say "nil" and "pointer" ("not a pointer type" of the debug log) first."""


_ALSO_HOW = re.compile(
    r"\b(?:and|but|also) (?:how|why|what|where|is|does|do|can)\b|(?:以及|还有|并且|另外)", re.IGNORECASE
)


def asks_besides_when(text: str) -> bool:
    """Whether a question that asks since when something exists (``TIMELINE``) asks something else too: another of
    its questions does not ask when ("Is sync.Mutex fair? I heard there's a starvation mode, when was it added and
    how does it work?"), or its own goes on with another ("... and how does it work?"). Such a question is answered,
    its releases' changes with it; the named definition's timeline alone had answered it with sync.Mutex's fields
    (trial 89)."""
    for part in question_parts(text) or [text]:
        when = TIMELINE.search(part)
        if (when is None and part.rstrip().endswith(("?", "？"))) or (when and _ALSO_HOW.search(part[when.end() :])):
            return True
    return False


def asked_again(text: str, thread: str | None) -> str:
    """What a question asks for, as the intents read it: for a follow-up that names nothing of its own (``thread``
    given) and asks nothing of its own ("那在 go1.21 里呢？", "and in go1.21?"), the thread's question too, asked
    again at another release: "How long does a goroutine run before it gets preempted?" then "那在 go1.21 里呢？"
    still asks for an amount (trial 11: the follow-up dropped forcePreemptNS)."""
    own = (WHY, WHERE, CALLERS, COMMENT, DESIGN, SETTING, QUANTITY, OUTCOME, TIMELINE)
    if thread is None or any(p.search(text) for p in own):
        return text
    return f"{thread} {text}"


OVERVIEW = re.compile(
    r"\b(?:biggest|main|major|most important|overall|notable|key)\s+(?:\w+\s+)?(?:changes|differences)\b"
    r"|\bin general\b|\bshould (?:i |we )?know about\b|\bwhat'?s new\b|\bwhat is new\b"
    r"|\b(?:changes|differences)\s+(?:that\s+)?(?:matter|count)\s+most\b|\bhighlights\b"
    r"|主要(?:的)?(?:区别|变化|不同)|总体|整体上|大的?(?:变化|改动|区别|不同)|重大(?:的)?(?:变化|改动)",
    re.IGNORECASE,
)
"""Asking what changed overall ("the biggest runtime differences between go1.21 and go1.27", "主要区别", "what
changed since then that I should know about?", "运行时和编译器有哪些大的变化？": trial 77's Go 1.9 user had been given
runtime_inittasks and a linker's XCOFF constant; "Which runtime changes matter most for production when upgrading?",
trial 104: "Nothing relevant was found"; "... between the oldest release you have and the newest one? Give me the
highlights.", trial 107)."""
SCOPE_WORDS = frozenset({
    "go", "golang", "runtime", "release", "releases", "version", "versions", "compiler", "compile", "linker",
    "toolchain", "oldest", "earliest", "newest", "latest",
})  # fmt: skip
"""The words that name what this guide reads as a whole (the Go runtime, compiler and linker, a release, the oldest
and the newest): no subject of their own."""


def overview(text: str, topic_words: Sequence[str], named: bool) -> bool:
    """Whether a comparison asks what changed overall, with no subject of its own: it names no definition, file, tour
    or vocabulary term (``named``), and its topic's English words (``topic_words``, the change words left out) are
    none but what the guide reads as a whole ("What changed since Go 1.9?", "跟 Go 1.9 比，有哪些变化？"), or it
    asks for the main changes ("In plain words, what are the biggest runtime differences between go1.21 and
    go1.27?")."""
    if named:
        return False
    own = {w for w in topic_words if w.isascii() and w not in SCOPE_WORDS}
    return not own or bool(OVERVIEW.search(text))
