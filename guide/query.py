"""The question model: a :class:`Query` is built once from the question and the conversation, and it is the only
code in guide/ that reads question text. Everything downstream (version scope, routing, each retriever, the
comparison's subject, the answer's language) reads the Query's fields.

What it reads:

- language (Chinese with CJK ideographs), the text cut to ``MAX_QUESTION_CHARS``, ASCII apart from CJK ("Go 1.9的");
- follow-up: a short question with a pronoun or a leading "and/what about ...", or one that names nothing to read
  about of its own ("Why?", "in go1.21?", "为什么？"), continues the conversation: the last question that was not a
  follow-up and those after it give the subject (``search_text`` = that thread + this one), the latest of them that
  names releases gives the releases;
- releases named (``guide.versions.find_versions``: "Go 1.22", "1.22版本" ...), "all releases", "latest";
- identifiers (:class:`Candidate`): method, dotted and assembly forms whole (``(*p).runqput``, ``runtime·rt0_go``,
  ``mheap_.alloc``), code-looking words (camelCase, ``_``, digits: strong), plain words that may name a symbol
  (weak), the runtime's one-letter types when written as types (``the g struct``) or in a scheduler context;
- file names (``chan.go``), lexical tokens (``ingest.tokens``); intent (``guide.intent``): a comparison, callers ...;
- platform: GOOS/GOARCH the question names ("on arm64", "在 arm64 上"), else the configured default; for comparisons,
  the words that can be the subject and the topic tokens (no words about change or versions)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from guide import intent as asks
from guide import question_text
from guide.conversation import (
    asks_another,
    compared_in,
    gave_no_subject,
    is_follow_up,
    needs_previous,
    on_thread_topic,
    refers_back,
    scoping_question,
    short_enough,
    thread_start,
    topic_of,
)
from guide.knowledge import bilingual, code_names, vocabulary
from guide.knowledge.cedict import gloss
from guide.knowledge.tours import tours_scored
from guide.language import Lang, question_language
from guide.latest_words import asks_if_still, says_latest
from guide.other_languages import go_only
from guide.platforms import DEFAULT_PLATFORM, platform_named, without_platforms
from guide.question_text import continued, file_names_only, question_tokens, searched, turn_words, with_releases
from guide.traces import without_trace
from guide.versions import VersionScope, find_versions, resolve, says_all_releases
from guide.words import (
    CHANGE_WORDS,
    SCHEDULER_WORD,
    Candidate,
    SubjectWord,
    code_like,
    code_nouns,
    file_mentions,
    has_cjk,
    is_path,
    message_spans,
    package_mentions,
    question_parts,
    quoted_messages,
    short_type_names,
    subject_words,
    symbol_candidates,
    topic_tokens,
    without_call_words,
)
from ingest.tokens import query_tokens

MAX_QUESTION_CHARS = 2000

RECENT_ANSWERS = 3
"""Answers still on screen: a tour they showed is referred to, not shown again; follow-ups first quote the rest."""


@dataclass(frozen=True)
class Query:
    """A question, read once (see the module doc). Build it with :meth:`parse`."""

    question: str
    text: str
    lang: Lang
    truncated: bool = False
    previous: str | None = None
    continues_nothing: bool = False
    """A follow-up with no turn before it to follow ("为什么？" first, or after turns that found nothing)."""
    thread_only: bool = False
    """A follow-up naming nothing of its own ("Where is that in the code?"): retrieval reads the thread alone."""
    thread: str | None = None
    """For a follow-up, what the conversation is about (:func:`guide.conversation.topic_of`), read with it; None for
    one that asks the comparison before it of another subject ("and in newproc?")."""
    thread_start: str = ""  # for a follow-up, the question its thread started with (a note under the answer names it)
    versions: tuple[str, ...] = ()  # Go versions the question (a follow-up: with bare numbers read as versions) names
    previous_versions: tuple[str, ...] = ()
    all_releases: bool = False
    latest: bool = False
    previous_all_releases: bool = False
    previous_latest: bool = False
    same_topic: bool = False
    """A question of its own on the topic the conversation was about (the first tour its words match, the thread's):
    naming no release, it is about the releases the thread named ("How do maps grow in go1.21?", "负载因子是多少？")."""
    identifiers: tuple[Candidate, ...] = ()
    code_like: tuple[str, ...] = ()
    """Words that look like code (camelCase, ``_``, dotted, method forms, file names): for the absence check."""
    code_nouns: tuple[str, ...] = ()  # plain words written where a Go name goes ("the timerproc goroutine")
    files: tuple[str, ...] = ()
    packages: tuple[str, ...] = ()  # Go packages named: net/http, context (of context.Context), "the reflect package"
    tokens: tuple[str, ...] = ()
    own_tokens: tuple[str, ...] = ()
    """The tokens of a follow-up's own words (``asked_alone``) when it names something of its own; else ``tokens``."""
    new_tokens: tuple[str, ...] = ()  # those of them its thread does not say: what it adds ("select" after a send)
    topic_tokens: tuple[str, ...] = ()
    subject_words: tuple[SubjectWord, ...] = ()
    chinese: bool = False
    asks_change: bool = False
    asks_callers: bool = False
    asks_timeline: bool = False
    asks_when_changed: bool = False
    """Whether, or in which release, it changed, no release named ("哪个版本改的？"): every indexed release is read."""
    asks_where: bool = False
    asks_quantity: bool = False
    asks_why: bool = False
    asks_comment: bool = False
    asks_outcome: bool = False
    asks_design: bool = False
    asks_setting: bool = False
    asks_overview: bool = False  # a comparison that asks what changed overall, naming no subject (intent.overview)
    platform: tuple[str, str] = DEFAULT_PLATFORM
    platform_named: bool = False
    translation: tuple[str, ...] = ()
    """The Go sources' English for a Chinese question's terms or an English one's abbreviations (bilingual.toml)."""
    glossed: tuple[str, ...] = ()
    """For a Chinese question, its other words' English (guide.knowledge.cedict), read by the embedding model only."""
    concepts: tuple[str, ...] = ()
    """Ids of vocabulary entries (guide/knowledge/vocabulary.toml) whose terms the question uses."""
    messages: tuple[tuple[str, bool], ...] = ()
    """The messages the question quotes or pastes, each with whether the run of its first words may stand for it
    (``guide.words.quoted_messages``): the code that says one is what the question is about."""
    tours: tuple[str, ...] = ()
    """Ids of the tours (guide/knowledge/tours/) whose topic the question is about, best first (file order)."""
    tour_ties: int = 0
    """How many of ``tours`` match as many of their patterns as the first: 2 or more, the question is about each."""
    tour_by_meaning: bool = False
    """The tour was found by meaning (``guide.retrieval.tour_routing``), not by the question's words."""
    history: tuple[tuple[str, str], ...] = field(default=(), repr=False)

    @classmethod
    def parse(
        cls,
        question: str,
        history: Sequence[tuple[str, str]] | None = None,
        *,
        platform: tuple[str, str] = DEFAULT_PLATFORM,
        continues: bool = False,  # read as a follow-up whatever its words (``may_continue``)
        reader: str | None = None,  # the reader's language, for a question of code alone (``question_language``)
    ) -> Query:
        raw = question or ""  # a leading "OK, then" is said to the last answer, not asked
        text = question_text.words_apart(question_text.without_interjection(" ".join(raw.split())))
        text, truncated = text[:MAX_QUESTION_CHARS], len(text) > MAX_QUESTION_CHARS
        hist = tuple((question_text.words_apart(str(q)), str(a)) for q, a in (history or ()))
        answered = tuple((q, a) for q, a in hist if not gave_no_subject(a))  # the turns that had a subject
        previous = answered[-1][0] if answered and (continues or is_follow_up(text, answered[-1][1])) else None
        # a follow-up that names nothing of its own ("Where is that in the code?", "为什么？") searches the thread
        # alone: its words only say what to do with it (asks_where, asks_why); searched, they blur the thread's subject
        bare = needs_previous(text)
        another = previous is not None and not bare and asks_another(text, scoping_question(answered))
        thread = continued(topic_of(answered), previous, text, bare) if previous is not None and not another else None
        thread_only = thread is not None and bare
        named_in, search = searched(text, thread, thread_only)
        translation = tuple(bilingual().translate(search) if has_cjk(search) else bilingual().abbreviations(search))
        glossed = tuple(gloss(bilingual().uncovered(search))) if has_cjk(search) else ()
        # the vocabulary's and the tours' patterns read a Chinese question's terms in English too ("go 语句")
        phrased = f"{' '.join(translation)} {bilingual().in_english(search)}" if translation else ""
        phrased = " ".join([phrased, *code_names(search)])  # Go code written: "go f()" is a go statement
        named = platform_named(text)
        matched_tours = tours_scored(*(file_names_only(without_trace(x)) for x in (search, phrased)))
        asked_before = " ".join(q for q, _ in answered[-RECENT_ANSWERS:])
        identifiers = tuple(go_only(named_in, symbol_candidates(named_in, asked_before), lambda c: c.text))
        tokens = question_tokens(search, translation, previous is not None)  # "VM" spelled out
        concepts = tuple(vocabulary().match(f"{search} {phrased}"))
        own_tokens, new_tokens = turn_words(text, thread, previous, tokens, thread_only)
        code_words, files = tuple(go_only(named_in, code_like(named_in))), tuple(file_mentions(search))
        compares, setting = asks.asks_comparison(text, bare), bool(asks.SETTING.search(text))
        changed_when, when = asks.changed(text)  # of every indexed release, when it names none
        changed_when = changed_when and not setting and not asks.reason_alone(text, bare)
        versions = tuple(find_versions(released := with_releases(text, previous is not None)))  # "1.21": go1.21
        same_topic = previous is None and bool(answered) and on_thread_topic(matched_tours, answered)
        scoped = scoping_question(answered, new=previous is None) if previous is not None or same_topic else None
        again = asks.SAME.search(text) or (bare and previous is not None and compared_in(scoped))
        still = previous is not None and not versions and says_latest(released) and asks_if_still(text)  # as before?
        compares = compares or changed_when or (bool(versions) and bool(again) and bool(answered)) or another or still
        names_one = bool(matched_tours or concepts or code_words or files) or any(c.strong for c in identifiers)
        overview = compares and asks.overview(text, [t for t in tokens if t not in CHANGE_WORDS], names_one)
        if scoped is not None and previous is None and (asks.COMPARE.search(scoped) or len(find_versions(scoped)) > 1):
            scoped = None  # a comparison's releases are its own: a new question on its topic is asked at the newest
        return cls(
            question=raw,
            text=text,
            lang=question_language(raw, hist, reader),
            truncated=truncated,
            previous=previous,
            continues_nothing=not answered and bare and not overview,  # "What changed since Go 1.9?" asks it all
            thread_only=thread_only,
            thread=thread,
            thread_start=thread_start(answered) if previous is not None else "",
            versions=versions,
            previous_versions=tuple(find_versions(scoped)) if scoped is not None else (),
            all_releases=says_all_releases(text) or changed_when,
            latest=says_latest(released),  # "since 1.21" as "since go1.21"
            previous_all_releases=scoped is not None and says_all_releases(scoped),
            previous_latest=scoped is not None and says_latest(scoped),
            same_topic=same_topic,
            identifiers=identifiers,
            code_like=code_words,
            code_nouns=tuple(go_only(named_in, code_nouns(named_in))),  # platforms blanked in it, as versions
            files=files,
            packages=tuple(package_mentions(search)),
            tokens=tokens,
            own_tokens=own_tokens,
            new_tokens=new_tokens,
            translation=translation,
            glossed=glossed,
            topic_tokens=tuple(topic_tokens(search)),
            subject_words=tuple(subject_words(without_platforms(search))),
            chinese=has_cjk(search),
            asks_change=compares and not setting,  # not "How do I change that?"
            asks_callers=bool(asks.CALLERS.search(text)),
            asks_timeline=bool(asks.TIMELINE.search(text)) or changed_when,
            asks_when_changed=changed_when and when and not versions,
            asks_where=bool(asks.WHERE.search(text)),
            asks_quantity=bool(asks.QUANTITY.search(asks.asked_again(text, thread if thread_only else None))),
            asks_why=bool(asks.WHY.search(text)),
            asks_comment=bool(asks.COMMENT.search(text)),
            asks_outcome=bool(asks.OUTCOME.search(text)) or bool(message_spans(text)),  # or pastes what it printed
            asks_design=bool(asks.DESIGN.search(text)),
            asks_setting=setting,
            asks_overview=overview,
            platform=named or platform,
            platform_named=named is not None,
            concepts=concepts,
            messages=tuple(quoted_messages(text)),
            tours=tuple(t.id for t, _ in matched_tours),
            tour_ties=sum(1 for _, n in matched_tours if n == matched_tours[0][1]) if matched_tours else 0,
            history=hist,
        )

    @property
    def asks_presence(self) -> bool:  # "Does go1.15.15 have asynchronous preemption?", "go1.15 有异步抢占吗？"
        return bool(asks.PRESENCE.search(self.text))

    @property
    def recent_answers(self) -> str:
        """The conversation's last ``RECENT_ANSWERS`` answers: what is still on screen."""
        return "\n".join(a for _, a in self.history[-RECENT_ANSWERS:])

    @property
    def refers_back(self) -> bool:
        """Whether the question points at what the conversation was about ("它", "that", "and in go1.21?")."""
        return refers_back(self.text)

    @property
    def parts(self) -> list[Query]:
        """The questions this one asks, each read alone, when it asks more than one ("Does a channel take a lock? What
        does a send cost?"); for a follow-up that names nothing of its own, those of its thread."""
        asked = self.thread if self.thread_only and self.thread else self.text
        return [Query.parse(p, platform=self.platform) for p in question_parts(asked)]

    @property
    def may_continue(self) -> bool:
        """A short question of its own in a conversation, naming no topic, file or identifier ("调用 Stop 之后会发生
        什么？" after timers): whether it goes on from it, what it finds tells (``guide.answering.continued``)."""
        named = self.tours or self.files or any(c.strong for c in self.identifiers)
        return self.previous is None and bool(self.history) and not named and short_enough(self.text)

    @property
    def said_before(self) -> str:
        """For a follow-up, the recent answers (what the user has just read); else empty."""
        return self.recent_answers if self.previous is not None else ""

    @property
    def asked_tokens(self) -> tuple[str, ...]:
        """``tokens`` without the word a question of a G, M or P alone is searched with (``_in_context``) when neither
        it nor its thread says it ("Where is it defined?" after "What is a P?" pointed at ``randomizeScheduler``)."""
        said = f"{self.thread or ''} {self.text} {' '.join(self.translation)}".lower()
        return self.tokens if SCHEDULER_WORD in said else tuple(t for t in self.tokens if t != SCHEDULER_WORD)

    @property
    def search_text(self) -> str:
        """What retrieval reads (``searched``)."""
        return searched(self.text, self.thread, self.thread_only)[1]  # none for "and in newproc?" (``thread``)

    @property
    def dense_text(self) -> str:
        """What the embedding model reads: the search text, its abbreviations spelled out; for a Chinese question, the
        ASCII words it contains and the English words of its Chinese terms and words (the model reads English)."""
        if not self.chinese:
            return bilingual().in_english(self.search_text)
        ascii_words = " ".join(re.findall(r"[A-Za-z_][A-Za-z0-9_.]*", self.search_text))  # not \w: CJK
        return " ".join([ascii_words, *self.translation, *self.glossed]).strip() or self.search_text  # "为什么？"

    @property
    def empty(self) -> bool:
        return not self.text or not re.search(r"\w", self.text)

    def scope(self, releases: Sequence[str], given: Sequence[str] | None = None) -> VersionScope:
        """The indexed releases this question is about: ``given`` (tags, "1.22") override it; a follow-up naming none
        keeps the previous question's; one asking what changed at one it names, it and the previous one's nearest (the
        one before it when the previous was at it: "does that still hold in the newest release?"); a question that
        does, it and the one before ("Did the tracer change in go1.22?"), or the newest ("…一样吗？")."""
        rel = list(releases)
        scope = resolve(rel, self.versions, given=given, all_releases=self.all_releases, latest=self.latest)
        if scope.explicit and self.previous is not None and self.asks_change and len(scope.tags) == 1 and not given:
            i = rel.index(scope.tags[0])  # "那 go1.21 呢？有什么不同？", "and in go1.23.9?" after a comparison
            before = rel[i - 1] if i > 0 else None  # the previous answer was at it: the one before it, if any
            near = min({*self.previous_tags(rel)} - {rel[i]}, key=lambda t: abs(rel.index(t) - i), default=before)
            both = sorted({*scope.tags, *([near] if near else [])}, key=rel.index)
            return replace(scope, tags=both) if len(both) >= 2 else scope
        if scope.explicit and self.asks_change and len(scope.tags) == 1 and not scope.missing and not given:
            i = rel.index(scope.tags[0]) if scope.tags[0] in rel else 0
            if asks.against_newest(self.text) and i < len(rel) - 1:  # "在 1.21 里…一样吗？" (trial 103)
                return replace(scope, tags=[scope.tags[0], rel[-1]])
            return replace(scope, tags=[rel[i - 1], scope.tags[0]]) if i > 0 else scope
        if not scope.explicit and (self.previous is not None or self.same_topic):
            scope = self._previous_scope(rel, given)
        return scope

    def previous_tags(self, releases: Sequence[str]) -> list[str]:
        """The indexed releases the previous question of a follow-up was about (empty when this is no follow-up)."""
        return list(self._previous_scope(list(releases)).tags) if self.previous is not None else []

    def _previous_scope(self, releases: list[str], given: Sequence[str] | None = None) -> VersionScope:
        """The releases the previous question named, as ``scope`` reads a question's; for a new question on its topic,
        none when one is not indexed (trial 105: a question on recover after "从 1.9 到现在…" opened "go1.9 is not
        indexed" and mixed go1.21.13's lines with go1.27.3's)."""
        scope = resolve(releases, self.previous_versions, given=given, all_releases=self.previous_all_releases,
                        latest=self.previous_latest)  # fmt: skip
        return resolve(releases, (), given=given) if scope.missing and self.previous is None else scope

    @property
    def subject_form(self) -> str:
        """What the text is as the subject of a comparison: ``path`` (``src/runtime/chan.go``, ``chan.go``),
        ``name`` (one word: a symbol as written) or ``question``."""
        if is_path(self.text):
            return "path"
        # Chinese has no spaces between words: "调度器的抢占" is a description, not a name
        return "name" if self.text and not re.search(r"\s", self.text) and not has_cjk(self.text) else "question"

    @property
    def intent(self) -> str:
        """``compare``, ``callers``, ``timeline``, ``where`` or ``ask`` (see the module doc)."""
        asked = {"compare": self.asks_change, "callers": self.asks_callers, "timeline": self.asks_timeline}
        return next((k for k, v in asked.items() if v), "where" if self.asks_where else "ask")

    def with_names(self, names: Sequence[str]) -> Query:
        """This query, also searching for ``names`` the guide itself brought in (a removed symbol's successors)."""
        if not names:
            return self
        extra = " ".join(names)
        return replace(
            self,
            previous=None,
            text=f"{self.search_text} {extra}",
            identifiers=tuple(symbol_candidates(f"{self.search_text} {extra}")),
            files=(*self.files, *file_mentions(extra)),
            tokens=(*self.tokens, *query_tokens(extra)),
        )

    def topic(self) -> Query:
        """This query as a search for what it is about only: the words of a "what changed" question that name no
        topic ("compare", "between", "changed"; ``guide.words.CHANGE_WORDS``) left out, so that they match no code
        (``cmd/compile/internal/compare``). Unchanged when nothing else would be left."""
        kept = [w for w in self.search_text.split() if w.strip("?,.!:;\"'()").lower() not in CHANGE_WORDS]
        text = " ".join(kept)
        if not kept or text == self.search_text or not re.search(r"\w", text):
            return self
        topic = Query.parse(text, platform=self.platform)
        return replace(topic, question=self.question, lang=self.lang, versions=self.versions, tours=self.tours)

    def callers_subjects(self, previous_turn: bool = False) -> list[Candidate]:
        """Identifier candidates that can be the function asked about in "who calls X?" (call words left out); of
        the previous turn's question when ``previous_turn``."""
        if previous_turn and not self.history:
            return []
        return without_call_words(symbol_candidates(self.history[-1][0] if previous_turn else self.text))


__all__ = [
    "DEFAULT_PLATFORM",
    "MAX_QUESTION_CHARS",
    "Candidate",
    "Query",
    "SubjectWord",
    "is_follow_up",
    "short_type_names",
    "symbol_candidates",
]
