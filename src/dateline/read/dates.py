"""Date lines: a full date written alone near the top of an article ("January 20, 2026",
"Published: Tuesday 20 January 2026", "Updated 10:45 GMT, 20 January 2026") or beside a byline
("By A | February 10, 2026"). They are not article text; the first one is a publication date.

Only full days count: a year or a month alone is never a publication date.
"""

from __future__ import annotations

import re

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
_CLOCK = r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?"
# "Published:", "Updated", "First published on", "Last updated at" before the date itself.
_PREFIX = r"(?:(?:first\s+|last\s+)?(?:published|updated|posted)(?:\s+(?:on|at))?\s*:?\s*)"
_DATE_ONLY = re.compile(
    rf"^{_PREFIX}?(?:{_CLOCK},?\s+)?{_WEEKDAY}"
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}})"
    rf"(?:,?\s+(?:at\s+)?{_CLOCK})?\.?$",
    re.IGNORECASE,
)
_PREFIX_RE = re.compile(rf"^{_PREFIX}", re.IGNORECASE)
_CLOCK_FIRST = re.compile(rf"^{_CLOCK},?\s+", re.IGNORECASE)
# Where to look for a date line: the first paragraphs, before the story proper.
HEAD_PARAGRAPHS = 3
_SEGMENT_SEP = re.compile(r"\s+[|·•]\s+")


def is_date_line(line: str) -> bool:
    """Whether ``line`` is only a full date ("January 20, 2026", "Published: 20 Jan 2026")."""
    return bool(_DATE_ONLY.match(line.strip()))


def bare_date(line: str) -> str:
    """A date line without its "Published:" label or a leading clock time, for parsing."""
    return _CLOCK_FIRST.sub("", _PREFIX_RE.sub("", line.strip()))


def take_date_lines(paragraphs: list[str]) -> tuple[list[str], str | None]:
    """Remove date lines from the head of an article: a paragraph (or a line of one) that is
    only a date, or a " | "-separated part of a byline that is ("By A | February 10, 2026").

    Returns the paragraphs left and the first date found (as written), or None.
    """
    found: str | None = None
    out: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        if index >= HEAD_PARAGRAPHS:
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
