"""Plain-text scrapes: a title line, then paragraphs separated by blank lines."""

from __future__ import annotations

import re

from dateline.read.document import Raw

_BLANK = re.compile(r"\n[ \t]*\n")
# A first line longer than this, or ending like a sentence, is body text, not a title.
_MAX_TITLE_CHARS = 250


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of a text: blank-line separated; a text with no blank lines is one per line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = _BLANK.split(text) if _BLANK.search(text) else text.split("\n")
    return [" ".join(b.split()) for b in blocks if b.strip()]


def _is_title(first: str, rest: list[str]) -> bool:
    return bool(rest) and len(first) <= _MAX_TITLE_CHARS and not first.endswith((".", ":", ";"))


def read_text(text: str, source: str, record: str | None = None) -> Raw:
    """Split a plain-text article into its title (the first short line) and paragraphs."""
    paragraphs = split_paragraphs(text)
    title = None
    if paragraphs and _is_title(paragraphs[0], paragraphs[1:]):
        title, paragraphs = paragraphs[0], paragraphs[1:]
    return Raw(source=source, format="text", title=title, paragraphs=paragraphs, record=record)
