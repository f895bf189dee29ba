"""Plain-text scrapes: a title line, then paragraphs separated by blank lines.

Lines inside a paragraph are kept (joined by "\\n") until boilerplate is stripped, so a block of
furniture written without blank lines ("Share ... / Related: / - link / © 2026 ...") can be
taken apart line by line; the document builder then joins what is left.
"""

from __future__ import annotations

import re

from dateline.read.document import Raw

_BLANK = re.compile(r"\n[ \t]*\n")
# A first line longer than this, or ending like a sentence, is body text, not a title.
_MAX_TITLE_CHARS = 250
# A date written alone under the title or in a byline ("January 20, 2026", "20 Jan 2026",
# "2026-01-20"); only full days, since a year alone is never a publication date.
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
_DATE_ONLY = re.compile(
    rf"^(?:(?:published|updated|posted)\s*:?\s*)?{_WEEKDAY}"
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}})"
    r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?\.?$",
    re.IGNORECASE,
)
# Where to look for a date line: the first paragraphs, before the story proper.
_HEAD_PARAGRAPHS = 3
_SEGMENT_SEP = re.compile(r"\s+\|\s+")


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


def is_date_line(line: str) -> bool:
    """Whether ``line`` is only a full date ("January 20, 2026", "Published: 20 Jan 2026")."""
    return bool(_DATE_ONLY.match(line.strip()))


def take_date_lines(paragraphs: list[str]) -> tuple[list[str], str | None]:
    """Remove date lines from the head of an article: a paragraph (or a line of one) that is
    only a date, or a " | "-separated part of a byline that is ("By A | February 10, 2026").

    Returns the paragraphs left and the first date found (as written), or None.
    """
    found: str | None = None
    out: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        if index >= _HEAD_PARAGRAPHS:
            out.append(paragraph)
            continue
        lines = []
        for line in paragraph.split("\n"):
            parts = _SEGMENT_SEP.split(line)
            dates = [p for p in parts if is_date_line(p)]
            if dates:
                found = found or dates[0].strip()
                line = " | ".join(p for p in parts if not is_date_line(p))
            if line.strip():
                lines.append(line)
        if lines:
            out.append("\n".join(lines))
    return out, found


def read_text(text: str, source: str, record: str | None = None) -> Raw:
    """Split a plain-text article into its title (the first short line) and paragraphs.

    A date written alone under the title (or beside the byline) becomes the publication date.
    """
    paragraphs = split_paragraphs(text)
    title = None
    if paragraphs:
        first, *more = paragraphs[0].split("\n")
        rest = (["\n".join(more)] if more else []) + paragraphs[1:]
        if _is_title(first, rest):
            title, paragraphs = first, rest
    paragraphs, published = take_date_lines(paragraphs)
    return Raw(
        source=source,
        format="text",
        title=title,
        paragraphs=paragraphs,
        published=published,
        published_rule="published.text-date-line",
        record=record,
    )
