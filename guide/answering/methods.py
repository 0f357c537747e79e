"""A type's methods in an answer: how they changed, under a comparison of the type (``guide.history.methods``,
trial 22: "Did it change since Go 1.21?" after "How does sync.WaitGroup work?" compared the struct only), each
cited at the release that shows it; and the methods themselves, for a question that asks for them."""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from guide.answering.new_code import new_comment_lines, new_comments
from guide.citation import Citation, cite_definition
from guide.history.methods import methods_at
from guide.render.changes import methods_line
from ingest.symbols import bare_name

if TYPE_CHECKING:
    from guide.history.compare import Comparison
    from guide.history.files import TopicComparison
    from guide.index import GuideIndex
    from guide.language import Lang
    from guide.words import Candidate


def methods_block(
    comp: Comparison | TopicComparison, first_n: int, lang: Lang, named: Collection[Candidate] = ()
) -> tuple[str, list[Citation]]:
    """The line on how the methods of the type ``comp`` compares changed between its releases, and the citations it
    uses (numbered from ``first_n``, in the order the line names them); ("", []) when ``comp`` is no type found at
    both releases or no method changed. Under it, of each changed method the question names (``named``: its
    identifier candidates, "Stop" and "Reset" in "did time.Timer's Stop and Reset change?"), the comment it gained
    (``new_comments``): Stop's "… as of Go 1.23, any receive from t.C after Stop has returned is guaranteed to block
    …", where the line alone said "+2 −2" (trial 75)."""
    mc = getattr(comp, "methods", None)  # a file's or topic's comparison has none
    if mc is None or not mc.any:
        return "", []
    cited: list[Citation] = []

    def mark(c: Citation) -> str:
        cited.append(c.numbered(first_n + len(cited)))
        return f" [{cited[-1].n}]"

    line = methods_line(mc, lang, mark, bold=True)
    if not line:
        return "", []
    names = {c.name for c in named if c.strong or c.name[:1].isupper()}  # "Stop", not a plain "lock"
    by_key = {c.key: c for c in cited}
    said: list[str] = []
    for m in mc.changed:
        old, new = (by_key.get(c.key) if c else None for c in (m.old, m.new))
        if m.name in names and old is not None and new is not None:
            said += new_comment_lines(new_comments(old, new), {new.n: new}, lang)
    return "\n".join([line, *(s.removeprefix("  ") for s in said)]), cited


METHOD_WORDS = frozenset({"method", "methods"})
"""The words that ask for a type's methods ("And its methods?", "hchan 有哪些方法？": 方法 is "method")."""


def methods_list(index: GuideIndex, src: Citation, first_n: int, lang: Lang) -> tuple[str, list[Citation]]:
    """The methods of the type ``src`` cites, at its release, each cited (numbered from ``first_n``): what a question
    that names a type and asks for its methods is shown instead of its fields ("And its methods?" after hchan's
    comparison listed hchan's fields and quoted timer's method named hchan, trial 23); ("", []) when it has none."""
    if src.kind != "type" or "." not in src.symbol:
        return "", []
    cited: list[Citation] = []
    for d in methods_at(index, src, src.version).values():
        if (c := cite_definition(index, d)) is not None:
            cited.append(c.numbered(first_n + len(cited)))
    if not cited:
        return "", []
    colon, comma = lang.marks
    listed = comma.join(f"`{bare_name(c.symbol)}` [{c.n}]" for c in cited)
    return f"**{src.symbol}** ({src.location}) [{src.n}] — {lang.text('its_methods')}{colon}{listed}", cited


def asked_methods(
    index: GuideIndex, src: Citation, names: Collection[str], first_n: int, given: Collection[tuple] = ()
) -> list[Citation]:
    """The methods of the type ``src`` cites that the question names (``names``: its identifier candidates, "Stop"
    in "time.Timer 在运行时里是怎么实现的？Stop 之后还会触发吗？"), each cited at its release, numbered from
    ``first_n``: their doc comments answer that part (Stop's "Stop prevents the [Timer] from firing."), which the
    type's fields did not (trial 29). At most ``ASKED_METHODS``, none of ``given`` (the keys of the sources cited
    already)."""
    if src.kind != "type" or "." not in src.symbol or not names:
        return []
    found = [d for name, d in methods_at(index, src, src.version).items() if name in names]
    cited = [c for d in found if (c := cite_definition(index, d)) is not None and c.key not in given]
    return [c.numbered(first_n + i) for i, c in enumerate(cited[:ASKED_METHODS])]


ASKED_METHODS = 3


__all__ = ["METHOD_WORDS", "asked_methods", "methods_block", "methods_list"]
