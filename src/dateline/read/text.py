"""Plain-text scrapes: a title line, then paragraphs separated by blank lines.

Lines inside a paragraph are kept (joined by "\\n") until boilerplate is stripped, so a block of
furniture written without blank lines ("Share ... / Related: / - link / © 2026 ...") can be
taken apart line by line; the document builder then joins what is left.
"""

from __future__ import annotations

import re

from dateline.read.dates import is_date_line, take_date_lines
from dateline.read.document import Raw

__all__ = ["is_date_line", "read_text", "split_paragraphs", "take_date_lines"]

_BLANK = re.compile(r"\n[ \t]*\n")
# A first line longer than this, or ending like a sentence, is body text, not a title.
_MAX_TITLE_CHARS = 250


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of a text: blank-line separated (lines within one joined by "\\n"); a text
    with no blank lines is one paragraph per line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = _BLANK.split(text) if _BLANK.search(text) else text.split("\n")
    out = []
    for block in blocks:
        lines = [" ".join(line.split()) for line in block.split("\n")]
        joined = "\n".join(line for line in lines if line)
        if joined:
            out.append(joined)
    return out


def _is_title(first: str, rest: list[str]) -> bool:
    return bool(rest) and len(first) <= _MAX_TITLE_CHARS and not first.endswith((".", ":", ";"))


def read_text(text: str, source: str, record: str | None = None) -> Raw:
    """Split a plain-text article into its title (the first short line) and paragraphs.

    A date written alone above or under the title (or beside the byline) becomes the
    publication date; it is taken out first, so a date on the first line is never the title.
    """
    paragraphs, published = take_date_lines(split_paragraphs(text))
    title = None
    if paragraphs:
        first, *more = paragraphs[0].split("\n")
        rest = (["\n".join(more)] if more else []) + paragraphs[1:]
        if _is_title(first, rest):
            title, paragraphs = first, rest
    return Raw(
        source=source,
        format="text",
        title=title,
        paragraphs=paragraphs,
        published=published,
        published_rule="published.text-date-line",
        record=record,
    )
