"""Chunk one file of the corpus: dispatch by extension, shared decoding and the huge-file guard.

``chunk_file(path, data)`` with ``path`` repository-relative (``src/runtime/chan.go``,
``design/24543-non-cooperative-preemption.md``): ``.go`` -> :mod:`ingest.chunk_go`, ``.s`` ->
:mod:`ingest.chunk_asm`, ``.md`` -> Markdown sections, ``.html`` -> HTML heading sections
(:mod:`ingest.chunk_docs`); any other extension raises :class:`UnsupportedFile`.

Guarantees for every chunk (checked by the tests over real sources): ``text`` is exactly the file's lines
``first_line..end_line`` joined by ``'\\n'`` (lines decoded as UTF-8 with replacement, split on ``'\\n'``, a
trailing ``'\\r'`` stripped: see :mod:`ingest.chunk_docs`), ``1 <= first_line <= start_line <= end_line <=
number of lines``, and for whole Go declarations and first parts, line ``start_line`` holds the keyword. Files
over ``HUGE_FILE_BYTES`` are chunked into fixed windows of kind ``text`` (with a warning) instead.
"""

from __future__ import annotations

import logging
import posixpath

from ingest.chunk_asm import chunk_asm
from ingest.chunk_docs import PART_LINES, chunk_html, chunk_markdown, decode_lines, window_chunks
from ingest.chunk_go import HUGE_FILE_BYTES, chunk_go
from ingest.chunk_types import Chunk

log = logging.getLogger(__name__)

SUPPORTED_EXTENSIONS = (".go", ".s", ".md", ".html")


class UnsupportedFile(ValueError):
    """The file's extension has no chunker."""


def chunk_file(path: str, data: bytes) -> list[Chunk]:
    """The chunks of one file (see the module doc)."""
    ext = posixpath.splitext(path)[1].lower()
    if ext not in SUPPORTED_EXTENSIONS:
        what = repr(ext) if ext else "files without an extension"
        raise UnsupportedFile(f"{path}: no chunker for {what} (supported: {', '.join(SUPPORTED_EXTENSIONS)})")
    lines = decode_lines(path, data)
    if not lines:
        return []
    if ext == ".go":
        return chunk_go(path, data, lines)
    if len(data) > HUGE_FILE_BYTES:
        log.warning("%s: %d bytes exceeds %d; chunked by fixed line windows", path, len(data), HUGE_FILE_BYTES)
        return window_chunks(path, lines, PART_LINES)
    if ext == ".s":
        return chunk_asm(path, data, lines)
    if ext == ".md":
        return chunk_markdown(path, lines)
    return chunk_html(path, lines)


__all__ = ["SUPPORTED_EXTENSIONS", "UnsupportedFile", "chunk_file"]
