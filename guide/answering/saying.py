"""Whether a sentence of a comment states something worth quoting: not code written in a comment, a lead-in to a
list, a title line, a pointer elsewhere, a note on what must be kept in sync, a signature, an image, a document's header
block or an entry of a list."""

from __future__ import annotations

import re

from guide.answering.comment_text import CODE_TEXT, GOES_ON, is_title
from guide.answering.statements import MIN_WORDS, Statement

_SIGNATURE = re.compile(r"^func\s+(?:\([^()]*\)\s*)?[\w.·]+\([^()]*\)\s*(?:[\w.*\[\]]+|\([^()]*\))?\s*$")
"""A Go signature written as a comment ("func exitThread(wait *atomic.Uint32)" above an assembly function): the
declaration, not a statement of what it does (trial 9 found it quoted)."""
_POINTER = re.compile(r"^(?:see|for (?:more |the )?details,? see|cf\.)\s", re.IGNORECASE)
"""A sentence that only points elsewhere ("See the WaitGroup example.", "See go.dev/issue/76356.", "See comment in
sys_darwin.go."): trial 9 found "See the WaitGroup example." quoted for how a WaitGroup is implemented."""
POINTER_WORDS = 10
"""A pointer longer than this many words says something itself ("See, a goroutine parked here is ...")."""
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
"""A Markdown image in a design document's sentence ("As the live heap grows toward ![`\\hat{L}`](48409/inl1.png),
..."): its markup would be quoted as text (trial 9)."""
_HARD_BREAK = re.compile(r"\S \\ \S")
"""Lines a Markdown document ends with a backslash (a hard line break): its author, date and link block."""
_LISTS = re.compile(r"\b(?:are|is|include|includes|follows|following)$")
"""How a list's lead-in ends ("The main concepts are", "The bootstrap sequence is")."""
_LICENSE_SENTENCE = re.compile(
    r"(?i)use of this source code is governed by|\ball rights reserved\b|^copyright (?:©|\(c\) )?\d{4}|"
    r"permission is hereby granted|licensed under the apache license"
)
"""A license's sentence: a file's header, which inl.go's design comment opens with (no blank line between)."""
_IN_SYNC = re.compile(
    r"(?i)\bin sync with\b|\bmust be (?:reflected|mirrored|updated) in\b|\bis also (?:encoded|defined|known) in\b"
)
"""A note to the code's maintainers that another file mirrors this one ("Note: changes here must be reflected in
cmd/compile/internal/reflectdata/map.go:MapType.", "Note: the format of the hmap is also encoded in ...", "Must be
in sync with ..."): where else to edit, not what the code does (it opened the team's answers on maps)."""
_BARE_ITEM = re.compile(r"^(?:(?:[-*•]|\d+[.)])\s*\S+|[\w.-]+/[\w./-]+)$")
"""A list item that is one word or name (``- github.com/bytedance/sonic``, or the same without its bullet, which a
comment's sentences leave out): an entry of a list, not a statement."""


def is_fragment(st: Statement) -> bool:
    """Whether ``st`` is no sentence at all: code written in a comment, the lead-in of a list ("The allocator's data
    structures are:"), a pointer elsewhere, a signature, a sentence with an image, a document's header block, or one
    entry of a list."""
    if CODE_TEXT.search(st.text) or st.text.rstrip().endswith((":", "：", ",", "，")):
        return True  # code, a lead-in to a list that is not part of it ("The bootstrap sequence is:"), or one of its
        # items, whose sentence goes on in the next ("(4) when loop iteration continues,": trial 101)
    lead_in, colon, item = st.text.partition(": ")
    if colon and not st.code and _LISTS.search(lead_in) and len(item.split()) < MIN_WORDS:
        return True  # a lead-in and a bare first item: proc.go's "The main concepts are: G - goroutine."
    if _POINTER.match(st.text) and len(st.text.split()) <= POINTER_WORDS:
        return True  # it says where to read, not what the code does
    if _IN_SYNC.search(st.text):
        return True  # where else to edit when this changes
    if _SIGNATURE.match(st.text) or _IMAGE.search(st.text):
        return True  # a signature, or a sentence with an image in it: no words to quote as they read
    if is_license_sentence(st.text):
        return True  # a file's license header run into its design comment (inl.go's "Use of this source code ...")
    if _BARE_ITEM.match(st.text.strip()):
        return True  # one entry of a list ("- github.com/cloudwego/frugal", in linkname's hall of shame)
    return bool(_HARD_BREAK.search(st.text))  # a Markdown header's lines run together ("Russ Cox \\ December 2013")


def is_license_sentence(text: str) -> bool:
    """Whether ``text`` is (the start of) a license's sentence (``_LICENSE_SENTENCE``)."""
    return _LICENSE_SENTENCE.search(text) is not None


def says_something(st: Statement) -> bool:
    """Whether ``st`` states something: no fragment (``is_fragment``), not a title line of a doc comment or prose
    ("generic single channel send/recv", ``is_title``: chansend's doc opened the answer to "does a channel take a
    lock?"), not a label of a few words in a body or a title of prose (see ``MIN_WORDS``). A doc comment's sentence says
    what its definition is, however short ("Network poller descriptor."), and so does a short comment that explains a
    code line (``size int // max size``) or labels a short block (``statements.labelled_code``). A comment in a body
    long enough to be no label says what the code below it does, punctuated or not: "lock all the channels involved in
    the select" had been taken for a title, and the answer to "那 select 呢？" after whether a channel send takes a lock
    quoted selectgo's lines on "sel.ncase" (trial 42)."""
    if is_fragment(st):
        return False
    if not st.code and GOES_ON.match(st.text):  # it opens its comment, going on from the code above it
        return False
    if not st.code and st.kind not in ("decl", "body") and is_title(st.text):
        return False  # a title line ("generic single channel send/recv"): a label of what follows
    return st.kind in ("doc", "decl") or bool(st.code) or len(st.text.split()) >= MIN_WORDS


__all__ = ["POINTER_WORDS", "is_fragment", "is_license_sentence", "says_something"]
