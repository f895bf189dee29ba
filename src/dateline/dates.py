"""Time expressions resolved against the document date, with their precision.

Candidates are spaCy's DATE entities. Our own rules come first (each with an id):
``dates.weekday`` (news usage: the latest such day, or the next one in a sentence about the
future), ``dates.relative-day`` (today, yesterday), ``dates.month-day`` ("Jan. 6"),
``dates.month``, ``dates.year``, ``dates.week`` ("last week"), ``dates.duration`` ("for
months", "in recent days": a range), ``dates.ago``; then dateparser with the document date
as its relative base (``dates.dateparser``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import TYPE_CHECKING

from dateline.models import Document, Precision, TimeExpr

if TYPE_CHECKING:
    from spacy.tokens import Span

WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
FUTURE_WORDS = frozenset(
    {"will", "next", "scheduled", "due", "upcoming", "plans", "planned", "shall"}
)
RELATIVE_DAYS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
UNITS = {
    "day": 1,
    "days": 1,
    "week": 7,
    "weeks": 7,
    "month": 30,
    "months": 30,
    "year": 365,
    "years": 365,
}
NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "ten": 10,
    "a": 1,
}

_MONTH_DAY = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?")
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\b(?:,?\s+(\d{4}))?")
_PART_OF_MONTH = re.compile(
    r"\b(?:end of|beginning of|start of|middle of|mid-|early|late)\s*("
    + "|".join(sorted((m for m in MONTHS if len(m) > 3), key=len, reverse=True))
    + r")\b"
)
_PART_OF_PERIOD = re.compile(
    r"^(?:later|earlier|early|late)\s+(?=(?:this|last|next)\s+(?:week|month|year)$)"
)
_YEAR = re.compile(r"^(?:in\s+)?(\d{4})$")
_AGO = re.compile(r"^(\w+)\s+(days?|weeks?|months?|years?)\s+ago$")
_DURATION = re.compile(r"\b(?:recent|past|last|coming|next)?\s*(days|weeks|months|years)\b")

Resolved = tuple[str | None, Precision, str | None, str]  # date, precision, end date, rule


def _near_year(day: dt.date, month: int, dom: int | None = None, past: bool = False) -> int:
    """The year that puts month (and day) nearest to the document date; with ``past``, the
    latest year that does not put its start after the document date (an act reported as done
    "in March" is last March, however near next March is)."""
    if past:
        return day.year if (month, dom or 1) <= (day.month, day.day) else day.year - 1
    best = day.year
    for year in (day.year - 1, day.year, day.year + 1):
        try:
            cand = dt.date(year, month, dom or 15)
        except ValueError:
            continue
        if abs((cand - day).days) < abs((dt.date(best, month, min(dom or 15, 28)) - day).days):
            best = year
    return best


def resolve_text(
    text: str, day: dt.date | None, future: bool, *, past: bool = False
) -> Resolved | None:
    """Resolve one time expression (as written) against ``day`` (the document date).

    ``future``: the sentence speaks of the future (a weekday is the next one, not the last);
    ``past``: the expression dates an act reported as done, so a month or day without a year
    is the latest one not after ``day``, not merely the nearest. Returns (date, precision,
    end date, rule id), or None when the text is not a time this module resolves."""
    low = text.lower().strip().removeprefix("the ").strip()
    low = re.sub(r"[’']s$", "", low)
    low = _PART_OF_PERIOD.sub("", low)  # "later this month" is this month, as precisely as known
    words = low.split()
    if day is not None:
        for w in words:
            if w in WEEKDAYS:
                delta = (WEEKDAYS[w] - day.weekday()) % 7
                if delta and not future:
                    delta -= 7
                return (day + dt.timedelta(days=delta)).isoformat(), "day", None, "dates.weekday"
        for w, shift in RELATIVE_DAYS.items():
            if w in words:
                return (
                    (day + dt.timedelta(days=shift)).isoformat(),
                    "day",
                    None,
                    "dates.relative-day",
                )
        m = _AGO.match(low)
        if m and (m.group(1) in NUMBERS or m.group(1).isdigit()):
            n = NUMBERS[m.group(1)] if m.group(1) in NUMBERS else int(m.group(1))
            return (
                (day - dt.timedelta(days=n * UNITS[m.group(2)])).isoformat(),
                "day",
                None,
                "dates.ago",
            )
        if low in ("last week", "this week", "next week"):
            monday = day - dt.timedelta(days=day.weekday())
            monday += dt.timedelta(days={"last": -7, "this": 0, "next": 7}[words[0]])
            end = monday + dt.timedelta(days=6)
            return monday.isoformat(), "range", end.isoformat(), "dates.week"
        if low in ("last month", "this month", "next month"):
            month = day.month + {"last": -1, "this": 0, "next": 1}[words[0]]
            year = day.year + (month - 1) // 12
            return f"{year:04d}-{(month - 1) % 12 + 1:02d}", "month", None, "dates.month"
        if low in ("last year", "this year", "next year"):
            year = day.year + {"last": -1, "this": 0, "next": 1}[words[0]]
            return f"{year:04d}", "year", None, "dates.year"
    for rx, order in ((_MONTH_DAY, (1, 2)), (_DAY_MONTH, (2, 1))):
        m = rx.search(text)
        if m and m.group(order[0]).lower() in MONTHS:
            month, dom = MONTHS[m.group(order[0]).lower()], int(m.group(order[1]))
            found_year: int | None = int(m.group(3)) if m.group(3) else None
            if found_year is None and day is not None:
                found_year = _near_year(day, month, dom, past)
            try:
                if found_year is None:
                    return f"--{month:02d}-{dom:02d}", "day-no-year", None, "dates.month-day"
                return dt.date(found_year, month, dom).isoformat(), "day", None, "dates.month-day"
            except ValueError:
                return None
    if (
        len(words) <= 3
        and words
        and words[-1] in MONTHS
        and words[0] in ("in", "on", "since", words[-1])
    ):
        month = MONTHS[words[-1]]
        if day is None:
            return None
        return f"{_near_year(day, month, past=past):04d}-{month:02d}", "month", None, "dates.month"
    m = _PART_OF_MONTH.search(low)
    if m and day is not None:
        # "the end of February", "mid-March", "early April": the month is what we know.
        month = MONTHS[m.group(1)]
        year = _near_year(day, month, past=past)
        return f"{year:04d}-{month:02d}", "month", None, "dates.part-of-month"
    m = _YEAR.match(low)
    if m:
        return m.group(1), "year", None, "dates.year"
    if _DURATION.search(low) and not any(ch.isdigit() for ch in low):
        return None, "range", day.isoformat() if day else None, "dates.duration"
    return None


def times_in(
    ents: list[Span],
    sent_index: int,
    sent_words: frozenset[str],
    day: dt.date | None,
) -> list[TimeExpr]:
    """``TimeExpr`` for the DATE entities of one sentence (``sent_index``), resolved against
    ``day`` (the document date); ``sent_words`` (lower case) tell a sentence about the future."""
    found: list[TimeExpr] = []
    future = bool(sent_words & FUTURE_WORDS)
    for ent in ents:
        if ent.label_ != "DATE":
            continue
        text = ent.text
        start, end = ent.start_char, ent.end_char
        # "for months": keep the preposition that makes it a duration in the span.
        prev = ent.doc[ent.start - 1] if ent.start > 0 else None
        if (
            prev is not None
            and prev.lower_ in ("for", "in", "on", "since", "over")
            and ent.start > ent.sent.start
        ):
            text, start = ent.doc.text[prev.idx : end], prev.idx
        resolved = (
            resolve_text(text, day, future)
            # "for next month's summit": the preposition made no duration of it
            or (resolve_text(ent.text, day, future) if text != ent.text else None)
            or _dateparser(ent.text, day)
        )
        if resolved is None:
            found.append(
                TimeExpr(text, start, end, None, "unknown", None, "dates.unresolved", sent_index)
            )
            continue
        date, precision, end_date, rule = resolved
        found.append(TimeExpr(text, start, end, date, precision, end_date, rule, sent_index))
    return found


def _dateparser(text: str, day: dt.date | None) -> Resolved | None:
    if day is None or not any(ch.isdigit() for ch in text):
        return None  # dateparser without a base or digits mostly guesses; not worth its time
    import dateparser

    base = dt.datetime(day.year, day.month, day.day)
    parsed = dateparser.parse(text, languages=["en"], settings={"RELATIVE_BASE": base})
    if parsed is None:
        return None
    return parsed.date().isoformat(), "day", None, "dates.dateparser"


def range_start(value: str | None) -> dt.date | None:
    """The first day a date of any precision covers: ``2027`` → 2027-01-01, ``2027-03`` →
    2027-03-01, ``2027-03-05`` → itself. None for no date or a day without its year."""
    if not value or value.startswith("--"):
        return None
    parts = value[:10].split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 1
        dom = int(parts[2]) if len(parts) > 2 else 1
        return dt.date(year, month, dom)
    except ValueError:
        return None


def document_day(document: Document) -> dt.date | None:
    """The day relative dates of ``document`` are resolved against: its date, else its
    dateline's; None when neither is a full day."""
    value = document.date or (document.dateline.date if document.dateline else None)
    if not value or value.startswith("--"):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
