"""Time expressions resolved against the document date, with their precision."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dateline.dates import range_start, resolve_text, times_in
from dateline.pipeline import Pipeline

TUESDAY = dt.date(2026, 1, 6)


@pytest.mark.parametrize(
    ("text", "future", "expected"),
    [
        ("on Tuesday", False, ("2026-01-06", "day", None, "dates.weekday")),
        ("Monday", False, ("2026-01-05", "day", None, "dates.weekday")),
        ("Thursday", False, ("2026-01-01", "day", None, "dates.weekday")),
        ("Thursday", True, ("2026-01-08", "day", None, "dates.weekday")),
        ("Tuesday’s", False, ("2026-01-06", "day", None, "dates.weekday")),
        ("yesterday", False, ("2026-01-05", "day", None, "dates.relative-day")),
        ("on Jan. 21", False, ("2026-01-21", "day", None, "dates.month-day")),
        ("Dec. 30", False, ("2025-12-30", "day", None, "dates.month-day")),
        ("6 January 2024", False, ("2024-01-06", "day", None, "dates.month-day")),
        ("in March", False, ("2026-03", "month", None, "dates.month")),
        ("the end of February", False, ("2026-02", "month", None, "dates.part-of-month")),
        ("mid-December", False, ("2025-12", "month", None, "dates.part-of-month")),
        ("2025", False, ("2025", "year", None, "dates.year")),
        ("last year", False, ("2025", "year", None, "dates.year")),
        ("last month", False, ("2025-12", "month", None, "dates.month")),
        ("three days ago", False, ("2026-01-03", "day", None, "dates.ago")),
        ("last week", False, ("2025-12-29", "range", "2026-01-04", "dates.week")),
        ("for months", False, (None, "range", "2026-01-06", "dates.duration")),
        ("in recent days", False, (None, "range", "2026-01-06", "dates.duration")),
    ],
)
def test_resolve_against_document_date(text: str, future: bool, expected: tuple) -> None:
    assert resolve_text(text, TUESDAY, future) == expected


def test_without_a_document_date() -> None:
    assert resolve_text("January 6", None, False) == (
        "--01-06", "day-no-year", None, "dates.month-day",
    )  # fmt: skip
    assert resolve_text("on Tuesday", None, False) is None
    assert resolve_text("2024", None, False) == ("2024", "year", None, "dates.year")


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31)))
def test_weekdays_fall_within_a_week_of_the_document(day: dt.date) -> None:
    for name in ("Monday", "Wednesday", "Sunday"):
        past = resolve_text(name, day, False)
        future = resolve_text(name, day, True)
        assert past is not None and future is not None
        past_day, future_day = (
            dt.date.fromisoformat(past[0] or ""),
            dt.date.fromisoformat(future[0] or ""),
        )
        assert 0 <= (day - past_day).days <= 6 and 0 <= (future_day - day).days <= 6
        assert past_day.strftime("%A") == name == future_day.strftime("%A")


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31)), st.integers(1, 12))
def test_month_day_is_the_nearest_year(day: dt.date, month: int) -> None:
    text = f"{dt.date(2001, month, 1).strftime('%B')} 1"
    result = resolve_text(text, day, False)
    assert result is not None and result[1] == "day"
    found = dt.date.fromisoformat(result[0] or "")
    assert abs((found - day).days) <= 200


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31)), st.integers(1, 12))
def test_read_as_past_a_month_is_the_latest_one_not_after_the_document(
    day: dt.date, month: int
) -> None:
    name = dt.date(2001, month, 1).strftime("%B")
    for text in (f"in {name}", f"{name} 1"):
        result = resolve_text(text, day, False, past=True)
        assert result is not None and result[0] is not None
        start = range_start(result[0])
        assert start is not None and start <= day and (day - start).days < 366


def test_a_month_named_in_november_is_next_march_unless_read_as_past() -> None:
    november = dt.date(2026, 11, 20)
    assert resolve_text("in March", november, False) == ("2027-03", "month", None, "dates.month")
    assert resolve_text("in March", november, False, past=True)[:2] == ("2026-03", "month")
    assert resolve_text("early March", november, False, past=True)[:2] == ("2026-03", "month")
    assert resolve_text("November", november, False, past=True)[:2] == ("2026-11", "month")
    assert resolve_text("Nov. 25", november, False, past=True)[:2] == ("2025-11-25", "day")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("later this month", ("2026-01", "month")),
        ("earlier this week", ("2026-01-05", "range")),
        ("early next year", ("2027", "year")),
        ("late last year", ("2025", "year")),
    ],
)
def test_a_part_of_a_period_keeps_the_period_and_its_precision(
    text: str, expected: tuple[str, str]
) -> None:
    result = resolve_text(text, TUESDAY, False)
    assert result is not None and result[:2] == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2027", dt.date(2027, 1, 1)),
        ("2027-03", dt.date(2027, 3, 1)),
        ("2027-03-05", dt.date(2027, 3, 5)),
        ("--03-05", None),
        (None, None),
        ("soon", None),
    ],
)
def test_range_start_of_a_partial_date(value: str | None, expected: dt.date | None) -> None:
    assert range_start(value) == expected


def test_a_preposition_that_makes_no_duration_does_not_lose_the_date(pipeline: Pipeline) -> None:
    doc = pipeline.nlp("The ministers agreed on an agenda for next month's summit.")
    times = times_in(list(doc.ents), 0, frozenset(t.lower_ for t in doc), TUESDAY)
    assert [(t.date, t.precision) for t in times] == [("2026-02", "month")]
