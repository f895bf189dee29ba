"""Datelines ("PARIS, January 6:", "KYIV (Reuters) -"), bylines ("By A and B", "A, Reuters")
and the year of a dateline day that gives none.

Year resolution, in order (each records a ``DateDecision`` with its rule id):

1. ``dateline.explicit-year``: the dateline writes the year.
2. ``dateline.published-year``: the year that puts the day nearest the publication date.
3. ``dateline.weekday-year``: the text names a weekday for it ("on Tuesday", "Tuesday's"):
   the latest year, not after the reading date, in which that day fell on that weekday.
4. ``dateline.no-year``: keep ``--MM-DD`` with precision ``day-no-year``; never guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from dateline.models import DateDecision, Dateline
from dateline.read.data import ReadingData

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# How far back the weekday rule looks: a calendar repeats within 28 years (400 for 29 Feb).
_WEEKDAY_YEARS_BACK = 400
_DASHES = r"(?:-{1,2}|–|—)"
# Place words in capitals, with spaces, dots, hyphens, apostrophes ("ST. JOHN'S", "PORT-AU-PRINCE").
# Reuters joins places with a slash ("KYIV/MOSCOW").
_CAPS_PLACE = r"[A-Z][A-Z.'’\-]*(?:(?:\s+|/)[A-Z][A-Z.'’\-]*){0,3}"
_TITLE_PLACE = r"[A-Z][a-z.'’\-]+(?:\s+[A-Z][a-z.'’\-]+){0,2}"
_NAME_WORD = (
    r"(?:[A-Z](?:['’][A-Z])?[a-zà-ÿ]+(?:[A-Z][a-zà-ÿ]+)?(?:-[A-Z][a-zà-ÿ]+)*"
    r"|[A-Z]\.|(?:de|da|van|von|der|del|bin|al|el|la|le|di)(?=\s))"
)
_NAME = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,4}}"
_MAX_BYLINE_CHARS = 120
_OUTLET = r"[A-Z][\w&.'’\-]*(?:\s+[A-Z][\w&.'’\-]*){0,3}"
_MIN_BARE_PLACE = 3  # a capitals-only dateline with no date or agency needs a real name
# Words before a weekday that make it a different day from the one reported.
_OTHER_DAY_WORDS = frozenset({
    "last", "next", "this", "coming", "past", "previous", "following", "since", "until",
    "till", "by", "before", "after", "from", "every", "each", "through", "between", "and",
    "or", "to", "as",
})  # fmt: skip


@dataclass(frozen=True)
class ParsedDateline:
    """A dateline found at the start of a paragraph: its parts and the text that follows it."""

    text: str  # as written, without the separator: "WASHINGTON, Jan. 6 (AP)"
    place: str | None
    month: int | None
    day: int | None
    year: int | None
    agency: str | None
    rest: str  # the paragraph after the dateline
    weekday: int | None = None  # AP weekend datelines name it: "ODESA, Ukraine, Sunday, Jan. 4"


class Patterns:
    """Regular expressions built from the reading data (month and agency spellings)."""

    def __init__(self, data: ReadingData) -> None:
        self.data = data
        months = data.month_alternation()
        agencies = data.agency_alternation()
        day_first = rf"(?P<d1>\d{{1,2}})\s+(?P<m1>{months})\.?(?:,?\s+(?P<y1>\d{{4}}))?"
        month_first = (
            rf"(?P<m2>{months})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y2>\d{{4}}))?"
        )
        region_name = r"[A-Z][A-Za-z.'’\-]+(?:\s+[A-Z][A-Za-z.'’\-]+)?"
        weekdays = "|".join(WEEKDAYS)
        region = rf"(?:,\s+(?!(?:{months}|{weekdays})\b)(?P<region>{region_name}))?"
        tail = (
            rf"(?:,\s*(?:(?P<wd>{weekdays}),?\s+)?(?:{month_first}|{day_first}))?"
            # a known agency, or any short name of an outlet ("(Alpine Post)"); or TASS's
            # "MOSCOW, January 6. /TASS/. Text", whose separator is a full stop or nothing
            rf"(?:\s*\((?P<agency>{agencies}|{_OUTLET})\)|\.?\s*/(?P<slash>{agencies})/)?"
            rf"\s*(?P<sep>(?(slash)(?:\.|:|{_DASHES})?|(?::|{_DASHES})))\s+"
        )
        self.caps = re.compile(rf"^(?P<place>{_CAPS_PLACE}){region}{tail}")
        self.title = re.compile(rf"^(?P<place>{_TITLE_PLACE}){region}{tail}")
        self.agency_only = re.compile(rf"^\((?P<agency>{agencies})\)\s*(?P<sep>:|{_DASHES})\s+")
        # "By A and B", then optional tails: an agency ("| Reuters"), an outlet
        # ("| The Evening Herald"), editors ("; editing by C", not authors), a place ("in Kyiv").
        self.by = re.compile(
            rf"^(?:by|written by|reporting by)\s+(?P<names>.+?)"
            rf"(?:\s*(?:,|\||/|;|—|-)\s*(?P<agency>{agencies}))?"
            r"(?:\s*\|\s*(?P<outlet>[^|;]{2,60}?))?"
            r"(?:\s*;\s*(?:additional\s+)?(?:editing|edited|writing|reporting)\s+by\s+[^;]+)*"
            rf"(?:\s+in\s+{_TITLE_PLACE})?\.?$",
            re.IGNORECASE,
        )
        self.name_agency = re.compile(
            rf"^(?P<names>{_NAME})\s*(?:,|\||/|—|-)\s*(?P<agency>{agencies})$"
        )
        self.reuters_tail = re.compile(
            r"^\(?\s*(?:additional\s+)?reporting by (?P<names>[^;()]+?)(?:;|\)|$)", re.IGNORECASE
        )
        self.name = re.compile(rf"^{_NAME}$")
        self.weekday = re.compile(
            rf"(?:\b(?P<pre>\w+)\s+)?\b(?P<day>{'|'.join(WEEKDAYS)})\b(?P<poss>['’]s\b)?"
        )


def parse_dateline(paragraph: str, patterns: Patterns) -> ParsedDateline | None:
    """The dateline at the start of ``paragraph``, or None.

    A place in capitals may stand alone ("BRUSSELS —"); a place in title case needs a date or
    an agency after it ("Kyiv, Jan. 6 (AFP) -"), so ordinary sentences are not datelines.
    """
    for regex, needs_more in ((patterns.caps, False), (patterns.title, True)):
        match = regex.match(paragraph)
        if not match:
            continue
        place = match.group("place").strip()
        if not needs_more and (not re.search(r"[A-Z]{2}", place) or place != place.upper()):
            continue
        month_text = match.group("m1") or match.group("m2")
        written = match.group("agency") or match.group("slash")
        if not (month_text or written) and len(place) < _MIN_BARE_PLACE:
            continue  # "US — Russia talks" is a sentence, not a dateline
        if not (month_text or written) and match.group("sep") == ":":
            continue  # "EXCLUSIVE: ..." and "WATCH: ..." are kickers; a bare place takes a dash
        if not (month_text or written) and place in patterns.data.not_places:
            continue  # "BREAKING — ..." and "NATO — ..." open a sentence, not a dateline
        known_agency = bool(written and patterns.data.agency(written))
        if needs_more and not (month_text or known_agency):
            continue
        day_text = match.group("d1") or match.group("d2")
        year_text = match.group("y1") or match.group("y2")
        month = patterns.data.month(month_text) if month_text else None
        day = int(day_text) if day_text else None
        year = int(year_text) if year_text else None
        if month and day and not _valid_day(year or 2024, month, day):
            continue
        if match.group("region"):  # "DAVOS, Switzerland, Jan 22": region kept for consumers
            place = f"{place}, {match.group('region')}"
        agency = (patterns.data.agency(written) or written) if written else None
        text = paragraph[: match.start("sep")].strip()
        rest = paragraph[match.end() :].strip()
        if not rest:
            continue
        weekday = WEEKDAYS.index(match.group("wd")) if match.group("wd") else None
        return ParsedDateline(text, place, month, day, year, agency, rest, weekday)
    match = patterns.agency_only.match(paragraph)
    if match and paragraph[match.end() :].strip():
        agency = patterns.data.agency(match.group("agency"))
        text = paragraph[: match.start("sep")].strip()
        return ParsedDateline(
            text, None, None, None, None, agency, paragraph[match.end() :].strip()
        )
    return None


def _valid_day(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _split_names(names: str, patterns: Patterns) -> list[str]:
    parts = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*", names.strip().rstrip("."))
    out: list[str] = []
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if not patterns.name.match(part) or patterns.data.is_form_label(part):
            return []
        out.append(part)
    return out


def parse_byline(paragraph: str, patterns: Patterns) -> tuple[list[str], str | None] | None:
    """The authors (and agency) if the whole paragraph is a byline, else None.

    Accepts "By A", "By A and B", "By A, B and C", "By A, Reuters", "A, Reuters",
    "Reporting by A and B; Editing by C" (editors are not authors).
    """
    line = " ".join(paragraph.split())
    if not line or len(line) > _MAX_BYLINE_CHARS:
        return None
    for regex in (patterns.by, patterns.name_agency, patterns.reuters_tail):
        match = regex.match(line)
        if not match:
            continue
        names = _split_names(match.group("names"), patterns)
        if names:
            agency_text = match.groupdict().get("agency")
            return names, patterns.data.agency(agency_text) if agency_text else None
    return None


def named_weekday(text: str, patterns: Patterns) -> tuple[int, str] | None:
    """The first weekday the text names for the day it reports ("on Tuesday", "Tuesday's",
    "said Tuesday"): (weekday index, the words). A weekday that names another day ("last
    Monday", "next Tuesday", "since Friday") is passed over."""
    for match in patterns.weekday.finditer(text):
        pre = (match.group("pre") or "").lower()
        if pre in _OTHER_DAY_WORDS:
            continue
        return WEEKDAYS.index(match.group("day")), match.group(0)
    return None


def year_for_weekday(month: int, day: int, weekday: int, today: date) -> int | None:
    """The latest year whose ``month``/``day`` is not after ``today`` and fell on ``weekday``."""
    for year in range(today.year, today.year - _WEEKDAY_YEARS_BACK, -1):
        if _valid_day(year, month, day):
            candidate = date(year, month, day)
            if candidate <= today and candidate.weekday() == weekday:
                return year
    return None


def year_near(month: int, day: int, published: date) -> int | None:
    """The year that puts ``month``/``day`` nearest ``published`` (a dateline day can be a
    day or two before a January publication, or after it across New Year)."""
    best: tuple[timedelta, int] | None = None
    for year in (published.year - 1, published.year, published.year + 1):
        if _valid_day(year, month, day):
            gap = abs(date(year, month, day) - published)
            if best is None or gap < best[0]:
                best = (gap, year)
    return best[1] if best else None


def resolve_dateline(
    parsed: ParsedDateline,
    published: date | None,
    text: str,
    today: date,
    patterns: Patterns,
    today_label: str = "the reading date",
) -> tuple[Dateline, DateDecision | None]:
    """Build the ``Dateline`` and decide its date (see the module docstring for the rules).

    ``text`` is the body, searched for a weekday when the year is missing. ``today`` bounds
    the weekday rule: the reading date, or an earlier capture date of an archived page
    (``today_label`` names it in the recorded reason).
    """
    dl = Dateline(text=parsed.text, place=parsed.place, date=None, agency=parsed.agency)
    if not (parsed.month and parsed.day):
        return dl, None
    month, day = parsed.month, parsed.day
    when = f"{_month_name(month)} {day}"
    if parsed.year:
        dl.date, dl.precision = date(parsed.year, month, day).isoformat(), "day"
        return dl, DateDecision(
            "dateline", dl.date, "day", "dateline.explicit-year",
            f"The dateline writes the full date {dl.date}.",
        )  # fmt: skip
    if published:
        year = year_near(month, day, published)
        if year:
            dl.date, dl.precision = date(year, month, day).isoformat(), "day"
            return dl, DateDecision(
                "dateline", dl.date, "day", "dateline.published-year",
                f"The dateline gives {when} without a year; {year} puts it nearest the "
                f"publication date {published.isoformat()}.",
            )  # fmt: skip
    # A weekday in the dateline itself decides; else the lede (the dateline's own paragraph)
    # reports the dateline's day, so it is searched before the rest of the text.
    found = (
        (parsed.weekday, f"{WEEKDAYS[parsed.weekday]}, in the dateline")
        if parsed.weekday is not None
        else named_weekday(parsed.rest, patterns) or named_weekday(text, patterns)
    )
    if found:
        weekday, words = found
        year = year_for_weekday(month, day, weekday, today)
        if year:
            dl.date, dl.precision = date(year, month, day).isoformat(), "day"
            return dl, DateDecision(
                "dateline", dl.date, "day", "dateline.weekday-year",
                f"The dateline gives {when} without a year; '{words}' pins it to a year in "
                f"which {when} fell on a {WEEKDAYS[weekday]}; the latest such year not after "
                f"{today_label} {today.isoformat()} is {year}.",
            )  # fmt: skip
    dl.date, dl.precision = f"--{month:02d}-{day:02d}", "day-no-year"
    return dl, DateDecision(
        "dateline", dl.date, "day-no-year", "dateline.no-year",
        f"The dateline gives {when} without a year, and neither a publication date nor a "
        f"named weekday decides it; the year is left open.",
    )  # fmt: skip


def _month_name(month: int) -> str:
    return date(2000, month, 1).strftime("%B")


def place_name(place: str | None) -> str | None:
    """A dateline place as a gazetteer would spell it: "PARIS" → "Paris",
    "ST. JOHN'S" → "St. John's". The dateline keeps the text as written; consumers call this."""
    if not place:
        return place
    parts = [
        re.sub(r"[A-Z][A-Z'’]*", lambda m: m.group(0)[0] + m.group(0)[1:].lower(), part)
        if part == part.upper()
        else part
        for part in place.split(", ")
    ]
    return ", ".join(parts)
