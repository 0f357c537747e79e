"""The notes of comparisons and timelines ("compared hchan, the identifier named in the question", "`hmap` was
replaced by ..."): what a note says is data (a key of ``guide.language``'s texts and its values), so an answer says
it in the question's language; its English text is the string itself, as the CLI, the JSON and the logs show it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from guide.language import CHINESE, ENGLISH
from guide.texts import TEXTS


class Note(str):
    """A note: ``str(note)`` is its English text; :meth:`text` says it in another language. Values that differ by
    language come in pairs (``reason`` and ``reason_zh``); each language's text picks its own (a template may name
    the pair's ``_zh`` value, or its plain name, which a ``_zh`` value given replaces in Chinese)."""

    key: str
    values: dict[str, Any]

    def __new__(cls, key: str, **values: Any) -> Note:
        note = super().__new__(cls, TEXTS["en"][f"note_{key}"].format(**values))
        note.key, note.values = key, values
        return note

    def __getnewargs_ex__(self) -> tuple[tuple[str], dict[str, Any]]:  # copies and pickles make the same note
        return (self.key,), self.values

    def text(self, lang: str) -> str:
        texts = TEXTS.get(lang)
        if not texts:
            return str(self)
        own = {k.removesuffix(f"_{lang}"): v for k, v in self.values.items() if k.endswith(f"_{lang}")}
        return texts[f"note_{self.key}"].format(**{**self.values, **own})  # ``since_zh`` is ``since`` in Chinese


def listed(key: str, items: Sequence[str]) -> dict[str, str]:
    """A note's value ``key`` that lists ``items``, in each language (``Lang.listed``): ``releases`` is
    ``go1.21.13, go1.27.3``, ``releases_zh`` ``go1.21.13、go1.27.3``."""
    return {key: ENGLISH.listed(items), f"{key}_zh": CHINESE.listed(items)}


def note_text(note: str, lang: str) -> str:
    """``note`` in ``lang`` (a plain string, written in one language already, as it is)."""
    return note.text(lang) if isinstance(note, Note) else note


__all__ = ["Note", "listed", "note_text"]
