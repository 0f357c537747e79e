"""The hand-written knowledge (guide/knowledge/*.toml): every entry names the Go source that justifies it, and that
source says so at an indexed release; every declaration an entry points at exists."""

from __future__ import annotations

import pytest

from guide.knowledge import KnowledgeError, bilingual, code_names, forms, successor_for, successors, vocabulary


def _in_source(index, path: str, quote: str) -> list[str]:
    """The indexed releases (and design docs) whose ``path`` holds ``quote``."""
    found = []
    for v in index.versions:
        lines = index.file_lines(v.tag, path)
        if lines and quote in "\n".join(lines):
            found.append(v.tag)
    return found


class _Checked:
    """Quotes from the golang/proposal design docs are checked only where those docs are indexed (they come from
    ../shared/corpus/golang-proposal, absent from some checkouts); the test is skipped, not passed, if any were not."""

    def __init__(self, index) -> None:
        self.index = index
        self.design = any(v.tag == "design" for v in index.versions)
        self.unchecked: list[str] = []

    def holds(self, path: str, quote: str) -> bool:
        if path.startswith("design/") and not self.design:
            self.unchecked.append(path)
            return True
        return bool(_in_source(self.index, path, quote))

    def done(self) -> None:
        if self.unchecked:
            pytest.skip(f"{len(self.unchecked)} quotes from design docs unchecked: the design docs are not indexed")


def _defined(index, symbol: str) -> bool:
    return any(d.symbol == symbol for d in index.reader.lookup(symbol))


def test_data_files_load_and_ids_are_unique() -> None:
    terms = vocabulary().terms
    assert len({t.id for t in terms}) == len(terms)
    assert all(t.symbols and t.patterns for t in terms)
    assert len({s.old.lower() for s in successors()}) == len(successors())


def test_terms_match_their_own_words() -> None:
    voc = vocabulary()
    # growing a stack, whoever's it is; a growing slice that then asks about the stack is another clause, no growth
    assert "stack-growth" in voc.match("How does the runtime grow a goroutine's stack when it runs out?")
    assert "stack-growth" not in voc.match("The slice grows, does it go on the stack?")
    assert "channel" in voc.match("does a channel take a lock?")
    assert "escape-analysis" in voc.match("逃逸分析是怎么决定的？")
    assert voc.match("what is the airspeed velocity of an unladen swallow") == []
    assert "map" not in voc.match("How do goroutines map to OS threads?")  # the verb
    assert all(
        "map" in voc.match(q) for q in ("How does a Go map work?", "I use a map to count words", "map 是怎么实现的")
    )


def test_chinese_terms_translate_longest_first() -> None:
    b = bilingual()
    assert b.translate("读写锁和互斥锁") == ["RWMutex read write lock", "mutex"]
    assert "scheduler schedule" in b.translate("Go 调度器是怎么工作的")
    assert b.translate("hello") == []
    # the one who receives is the sources' "receiver", not the act ("receive recv": runtime.recv's side)
    assert b.translate("接收者在等待") == ["receiver"]
    assert b.translate("接收数据") == ["receive recv"]


def test_an_english_questions_abbreviation_is_read_spelled_out() -> None:
    """ "Is there a VM like Java's?" is about a virtual machine, which the compile-and-link tour's summary spells out
    ("There is no virtual machine, bytecode or JIT compiler ..."): the question is searched and scored with the words
    spelled out too (the code's "vm" is mostly virtual memory), and the embedding model reads them in its place. A
    term in Latin letters counts only as a word of its own."""
    from guide.query import Query

    b = bilingual()
    assert b.abbreviations("Is there a VM like Java's?") == ["virtual machine"]
    assert b.abbreviations("How does GOGC work? What is GCMARK?") == [] and b.abbreviations("a VM_ID") == []
    assert b.abbreviations("Is the STW pause long?") == []  # the sources write "STW" and "GC" as questions do
    assert b.abbreviations("Is Go's GC like the JVM's?") == ["virtual machine"]
    assert b.abbreviations("读写锁") == []  # Chinese terms are the Chinese question's (translate)
    vm = Query.parse("Is there a VM like Java's?")
    assert {"virtual", "machine", "vm"} <= set(vm.tokens)
    assert "virtual machine" in vm.dense_text and "compile-link" in vm.tours
    plain = Query.parse("How does the scheduler work?")
    assert plain.translation == () and plain.dense_text == plain.search_text
    assert "virtual machine" in Query.parse("Go 有 VM 吗？").translation  # a Latin term in a Chinese question too


def test_successor_lookup_by_any_spelling() -> None:
    assert successor_for("hmap") is successor_for("runtime.hmap")
    assert successor_for("findrunnable") is successor_for("runtime.findrunnable") is not None  # any case finds it
    assert successor_for("findRunnable") is None and successor_for("runtime.findRunnable") is None  # the new name
    assert successor_for("src/cmd/compile/internal/gc/go.y") is successor_for("go.y")
    assert successor_for("nosuchthing") is None


def test_bad_entry_is_a_clear_error(tmp_path, monkeypatch) -> None:
    import guide.knowledge as knowledge

    (tmp_path / "vocabulary.toml").write_text('[[term]]\nid = "x"\npatterns = ["("]\n', encoding="utf-8")
    monkeypatch.setattr(knowledge, "HERE", tmp_path)
    knowledge.vocabulary.cache_clear()
    try:
        with pytest.raises(KnowledgeError, match=r"vocabulary.toml term 1 \(x\): missing symbols, source, quote"):
            knowledge.vocabulary()
    finally:
        knowledge.vocabulary.cache_clear()


@pytest.mark.slow
def test_every_vocabulary_entry_is_justified_by_its_source(real_index) -> None:
    checked = _Checked(real_index)
    for term in vocabulary().terms:
        assert checked.holds(term.source, term.quote), f"{term.id}: {term.quote!r} not in {term.source}"
        for symbol in term.symbols:
            assert _defined(real_index, symbol), f"{term.id}: {symbol} is defined in no indexed release"
    checked.done()


@pytest.mark.slow
def test_every_successor_entry_is_justified_by_its_source(real_index) -> None:
    """Each successor's quote is in its source at an indexed release (or its design document): what an answer cites
    after the entry's reason (``absent.absent_text``)."""
    checked = _Checked(real_index)
    for s in successors():
        assert checked.holds(s.source, s.quote), f"{s.old}: {s.quote!r} not in {s.source}"
    checked.done()


@pytest.mark.slow
def test_every_code_form_is_named_so_by_its_source(real_index) -> None:
    checked = _Checked(real_index)
    for f in forms():
        assert checked.holds(f.source, f.quote), f"{f.id}: {f.quote!r} not in {f.source}"
        assert f.name.split()[0] in f.quote.lower(), f"{f.id}: the quote does not name {f.name!r}"
    checked.done()


def test_go_code_in_a_question_is_read_as_the_construct_it_is() -> None:
    from guide.query import Query

    assert code_names("What happens when I write go f()?") == ["go statement"]
    assert code_names("go func() { ... }() 之后发生了什么？") == ["go statement"]
    assert code_names("Does v := <-ch block? And ch <- v?") == ["send on a channel", "receive on a channel"]
    assert code_names("Is it worth it to go (and stay) with Go? if a < -b") == []
    # what a function literal's body does is the code the construct runs, not the question's subject
    assert code_names("What does `go func() { ch <- compute() }()` cost?") == ["go statement"]
    assert code_names("go func(x int) { if x > 0 { v := <-ch } }(1)") == ["go statement"]
    assert code_names("go worker(ch); then ch <- 1") == ["go statement", "send on a channel"]
    # a construct's keyword named in words, as Go writes it ("Go keywords" are the language's; "statement-by-statement"
    # is no statement)
    assert code_names("What happens when I start a goroutine with the go keyword?") == ["go statement"]
    assert code_names("用 go 关键字启动一个 goroutine 时发生了什么？") == ["go statement"]
    assert code_names("Is the `defer` keyword slow? And a select statement?") == ["defer statement", "select statement"]
    assert code_names("Which Go keywords are there? I read it statement-by-statement, a go-keyword.") == []
    assert code_names("用go关键字启动协程，在select语句中") == ["go statement", "select statement"]  # no spaces
    assert code_names("Does the compiler go statement by statement? How do I select statements that block?") == []
    # the vocabulary reads the construct's name: goroutine creation (newproc), as "a go statement" would
    assert "goroutine-creation" in Query.parse("What happens when I write go f()?").concepts
    assert "goroutine-creation" not in Query.parse("What happens when I write f()?").concepts


@pytest.mark.slow
def test_a_successors_history_comes_in_both_languages(tmp_path, monkeypatch) -> None:
    """``history`` (what the quoted source does not show) is said in the question's language, so it goes with
    ``history_zh``; an entry with one of them is refused, naming the entry."""
    import guide.knowledge as knowledge

    entry = (
        '[[successor]]\nold = "x"\nnew = ["runtime.y"]\nrelation = "renamed"\nsince = "go1.2"\nreason = "r"\n'
        'reason_zh = "r"\nsource = "s"\nquote = "q"\nhistory = "h"\n'
    )
    (tmp_path / "successors.toml").write_text(entry, encoding="utf-8")
    monkeypatch.setattr(knowledge, "HERE", tmp_path)
    knowledge.successors.cache_clear()
    try:
        with pytest.raises(knowledge.KnowledgeError, match=r"entry 1 \(x\): history and history_zh go together"):
            knowledge.successors()
        (tmp_path / "successors.toml").write_text(entry + 'history_zh = "h"\n', encoding="utf-8")
        knowledge.successors.cache_clear()
        (s,) = knowledge.successors()
        assert (s.history_in("zh"), s.told_in("en")) == ("h", "r h")
    finally:
        knowledge.successors.cache_clear()


def test_every_successor_is_justified_and_its_targets_exist(real_index) -> None:
    checked = _Checked(real_index)
    for s in successors():
        assert checked.holds(s.source, s.quote), f"{s.old}: {s.quote!r} not in {s.source}"
        for target in s.new:
            if target.endswith((".go", ".s", ".y")):
                assert any(real_index.file_lines(t, target) for t in real_index.releases), target
            else:
                assert _defined(real_index, target), f"{s.old}: successor {target} is defined nowhere"
    checked.done()


@pytest.mark.slow
def test_every_chinese_term_names_a_source_that_uses_the_english_word(real_index) -> None:
    checked = _Checked(real_index)
    for t in bilingual().terms:
        assert checked.holds(t.source, t.quote), f"{t.zh}: {t.quote!r} not in {t.source}"
        assert t.en.split()[0].lower() in t.quote.lower(), f"{t.zh}: the quote does not use {t.en.split()[0]!r}"
    checked.done()


def test_chinese_words_outside_the_curated_terms_are_read_with_cc_cedict() -> None:
    from guide.knowledge import bilingual
    from guide.knowledge.cedict import dictionary, gloss, segment
    from guide.query import Query

    assert segment("随机数生成器", dictionary())[0] == "随机数"
    assert "random" in gloss("随机数生成器")
    # a grammatical character left single costs less than a content character: 预算/是/多少, not 预/算是/多少
    assert segment("预算是多少", dictionary())[0] == "预算" and "budget" in gloss("inline 预算是多少？")
    assert "thread" in gloss("线程")  # a computing sense is preferred: "(computing) thread"
    # ... as computing's unmarked ("(of a computer) to run") and mathematics' senses are ("(math., ...) mapping"):
    # "Go的goroutine是怎么映射到操作系统线程的？" was glossed "shine", and lost its tour
    assert gloss("映射") == ["mapping"] and gloss("运行") == ["run"]
    assert dictionary().get("和") is None  # a single character: "(computing)" senses only (和 is also "(math.) sum")
    assert not {"how", "what", "to", "sth"} & set(gloss("怎么做什么"))
    q = Query.parse("运行时的递归调用会让栈增长吗？")
    assert "runtime" in q.translation  # curated (bilingual.toml) first
    assert "recursion" in q.glossed and "recursion" not in q.tokens  # the dictionary's words: the embedding model's
    assert "recursion" in q.dense_text
    # an English word glued to Chinese ("Go的goroutine是"): \b does not fall between them, since \w matches CJK
    glued = Query.parse("Go的goroutine是怎么映射到操作系统线程的？")
    assert glued.tours[:1] == ("scheduler",) and "goroutine" in glued.tokens
    # a word whose first sense is not its computing one is curated: 随机 is "according to the situation" there
    assert "random" in Query.parse("运行时内部使用的随机数生成器有什么变化？").translation
    assert "运行时" not in bilingual().uncovered("运行时内部")


def test_a_chinese_word_that_is_also_a_place_name_is_read_in_its_common_sense() -> None:
    """CC-CEDICT lists 新建 first as "Xinjian county in Nanchang" (capitalized pinyin, a proper noun), then as "new
    construction": "新建一个 goroutine 的栈有多大？" was glossed "xinjian county nanchang" and missed its tour."""
    from guide.knowledge.cedict import gloss

    assert gloss("新建") == ["new", "construction"] and gloss("通道") == ["channel"]
    assert "beijing" in gloss("北京")  # a word that is only a proper noun keeps it


def test_a_chinese_term_followed_by_what_makes_it_a_verb_is_not_translated() -> None:
    """映射 is the map type, 映射到 the verb "map onto": the post's "goroutine 是怎么映射到操作系统线程上的？" is about
    threads and the scheduler, not maps; "映射的扩容" is still about maps."""
    from guide.query import Query

    verb = Query.parse("goroutine 是怎么映射到操作系统线程上的？")
    assert "map hash table" not in verb.translation and "maps" not in verb.tours
    assert "scheduler" in verb.tours
    noun = Query.parse("映射的扩容是怎么做的？")
    assert "map hash table" in noun.translation and noun.tours[0] == "maps"


def test_a_generic_chinese_word_reads_as_the_generic_english_one() -> None:
    """缓存 is "cache": it had been read as "cache mcache", so that a question about the type-switch cache
    (有没有缓存？) searched the allocator's per-P cache, which the English word "cache" never names; 本地缓存
    ("local cache", the per-P cache) still does."""
    from guide.query import Query

    assert "mcache" not in Query.parse("type switch 有没有缓存？").concepts
    assert "mcache" in Query.parse("分配内存时本地缓存是什么？").concepts
    assert "mcache" not in Query.parse("Is there a cache for type switches?").concepts


def test_a_write_lock_and_a_read_lock_are_the_writer_and_the_readers() -> None:
    """Trial 103: "RWMutex 写锁会不会被读锁饿死？" was read as "write", "lock" and "read" alone and quoted RWMutex's
    generic lines, never the sentence on a pending writer blocking new readers; 饿死 is starvation, as 饥饿 is."""
    from guide.query import Query

    tokens = set(Query.parse("RWMutex 写锁会不会被读锁饿死？").tokens)
    assert {"writer", "readers", "rlock", "starvation"} <= tokens
    assert "writer" not in Query.parse("读写锁是怎么实现的？").tokens  # the longer term first


def test_how_big_asks_for_a_size() -> None:
    """Trial 107: "goroutine 的栈一开始有多大？" (how big is a goroutine's stack at first?) was read as "goroutine
    stack begin old" (CC-CEDICT's first sense of 多大 is "how old?") and quoted runtime.g's fields; 多大 asks for a
    size, as 大小 says one. "很多大对象" (many large objects) is not asked of a size: 大对象 is the longer term."""
    from guide.query import Query

    assert "size" in Query.parse("goroutine 的栈一开始有多大？").tokens
    assert "size" not in Query.parse("很多大对象怎么分配？").tokens


def test_a_leak_is_what_the_garbage_collector_does_not_recover(real_index) -> None:
    """Trial 104: "time.After 在 for-select 循环里用会导致内存泄漏吗？" quoted After's first sentence alone: its doc
    says the answer in the sources' words ("would not be recovered by the garbage collector until the timer fired ...
    As of Go 1.23, the garbage collector can recover unreferenced, unstopped timers"), which share no word with "leak".
    time.Tick's doc at go1.21.13 says it: a ticker the collector cannot recover "leaks"."""
    from guide.answering import answer
    from guide.query import Query

    for asked in (
        "Does using time.After in a for-select loop leak memory?",
        "time.After 在 for-select 循环里用会导致内存泄漏吗？",
    ):
        assert {"garbage", "collector"} <= set(Query.parse(asked).tokens), asked
        ans = answer(asked, index=real_index, llm="extractive")
        first = ans.text.split("\n- ")[1] if "\n- " in ans.text else ""  # After's, or NewTimer's, which After is
        assert "Before Go 1.23" in first and "As of Go 1.23, the garbage collector can recover" in first, ans.text[:600]
    assert "recover" not in " ".join(Query.parse("Does it leak memory?").tokens)  # recover() is the panic's
    # memory that leaks, not a goroutine's leak (its own detection, which the GC tour had buried), a secret disclosed
    # (泄露) or a file descriptor leaked (the review of stop 104)
    for other in ("What does a leaky bucket limit?", "How do I detect a goroutine leak?", "goroutine 泄漏怎么排查？",
                  "runtime/secret 能防止密钥泄露吗？", "Does the race detector leak file descriptors?"):  # fmt: skip
        assert "garbage" not in Query.parse(other).tokens, other
