"""Datelines, bylines and the year of a dateline day (dateline.read.dateline)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dateline.read.data import load_reading_data
from dateline.read.dateline import (
    ParsedDateline,
    Patterns,
    parse_byline,
    parse_dateline,
    place_name,
    resolve_dateline,
    year_for_weekday,
    year_near,
)

PATTERNS = Patterns(load_reading_data())
TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("line", "text", "place", "month", "day", "year", "agency", "rest"),
    [
        ("PARIS, January 6: Prime Minister Mark Carney", "PARIS, January 6", "PARIS",
         1, 6, None, None, "Prime Minister Mark Carney"),
        ("KYIV (Reuters) - Ukraine said", "KYIV (Reuters)", "KYIV", None, None, None, "Reuters",
         "Ukraine said"),
        ("WASHINGTON, Jan. 6 (AP) — The envoy", "WASHINGTON, Jan. 6 (AP)", "WASHINGTON", 1, 6,
         None, "AP", "The envoy"),
        ("BRUSSELS — NATO ministers met", "BRUSSELS", "BRUSSELS", None, None, None, None,
         "NATO ministers met"),
        ("LONDON, Feb 3, 2026 - Britain said", "LONDON, Feb 3, 2026", "LONDON", 2, 3, 2026, None,
         "Britain said"),
        ("KYIV, Ukraine (AP) — Drones hit", "KYIV, Ukraine (AP)", "KYIV, Ukraine", None, None,
         None, "AP", "Drones hit"),
        ("Kyiv, Jan. 6 (AFP) - Talks began", "Kyiv, Jan. 6 (AFP)", "Kyiv", 1, 6, None, "AFP",
         "Talks began"),
        ("GENEVA, 20 February 2026 (Associated Press) -- Talks", "GENEVA, 20 February 2026 "
         "(Associated Press)", "GENEVA", 2, 20, 2026, "AP", "Talks"),
        ("ST. JOHN'S, Newfoundland — Ships", "ST. JOHN'S, Newfoundland",
         "ST. JOHN'S, Newfoundland", None, None, None, None, "Ships"),
    ],
)  # fmt: skip
def test_dateline_forms(
    line: str,
    text: str,
    place: str,
    month: int | None,
    day: int | None,
    year: int | None,
    agency: str | None,
    rest: str,
) -> None:
    parsed = parse_dateline(line, PATTERNS)
    assert parsed == ParsedDateline(text, place, month, day, year, agency, rest)


@pytest.mark.parametrize(
    "line",
    [
        "Kyiv said on Tuesday - talks would go on.",  # title case, no date or agency
        "NATO said the talks would resume.",
        "US — Russia talks resumed",  # too short a capitals-only "place"
        "PARIS, February 30: an impossible day",
        "The meeting brings together the coalition of the willing.",
        "BRUSSELS —",  # nothing after it
    ],
)
def test_not_datelines(line: str) -> None:
    assert parse_dateline(line, PATTERNS) is None


@pytest.mark.parametrize(
    ("line", "names", "agency"),
    [
        ("By Rajeev Sharma", ["Rajeev Sharma"], None),
        ("By Olena Kovalenko and Mark Davies", ["Olena Kovalenko", "Mark Davies"], None),
        ("By Anna Smith, Piotr Nowak and Lea Fontaine", ["Anna Smith", "Piotr Nowak",
                                                         "Lea Fontaine"], None),
        ("Olena Kovalenko, Reuters", ["Olena Kovalenko"], "Reuters"),
        ("By Anna Smith, Reuters", ["Anna Smith"], "Reuters"),
        ("BY CLAIRE MARTIN".title(), ["Claire Martin"], None),
        ("By Jean-Pierre Dubois and Sean O'Brien", ["Jean-Pierre Dubois", "Sean O'Brien"], None),
        ("Reporting by Olena Kovalenko and Pavel Marchenko; Editing by Alex Richards",
         ["Olena Kovalenko", "Pavel Marchenko"], None),
        ("By Selin Kaya | AFP", ["Selin Kaya"], "AFP"),
    ],
)  # fmt: skip
def test_byline_forms(line: str, names: list[str], agency: str | None) -> None:
    assert parse_byline(line, PATTERNS) == (names, agency)


@pytest.mark.parametrize(
    "line",
    [
        "By Name",
        "Your Name",
        "Name, Reuters",
        "By the way, the talks ended",
        "By Tuesday the talks had ended.",
        "By Anna Smith " + "and more words " * 20,  # too long to be a byline
        "Anna Smith",  # a name alone is not a byline
    ],
)
def test_not_bylines(line: str) -> None:
    assert parse_byline(line, PATTERNS) is None


def _resolve(line: str, body: str, published: date | None = None):  # type: ignore[no-untyped-def]
    parsed = parse_dateline(line, PATTERNS)
    assert parsed is not None
    return resolve_dateline(parsed, published, body, TODAY, PATTERNS)


def test_year_from_weekday_on_tuesday() -> None:
    dl, decision = _resolve("PARIS, January 6: Talks", "Carney is in Paris on Tuesday.")
    assert dl.date == "2026-01-06" and dl.precision == "day"
    assert decision is not None and decision.rule == "dateline.weekday-year"
    assert "on Tuesday" in decision.reason


def test_year_from_possessive_weekday() -> None:
    dl, _ = _resolve("PARIS, January 6: Talks", "the focus of Tuesday's discussions")
    assert dl.date == "2026-01-06"


def test_weekday_that_does_not_fit_this_year_goes_back() -> None:
    # January 6 was a Monday in 2025 and a Saturday in 2024 (2026 is a Tuesday).
    dl, _ = _resolve("PARIS, January 6: Talks", "Ministers met on Monday.")
    assert dl.date == "2025-01-06"


def test_weekday_year_never_after_the_reading_date() -> None:
    # December 1, 2026 is a Tuesday but after the reading date 2026-11-25.
    dl, _ = _resolve("PARIS, December 1: Talks", "They met on Tuesday.")
    assert dl.date == "2020-12-01"


def test_published_date_wins_over_weekday() -> None:
    dl, decision = _resolve("PARIS, January 6: Talks", "on Monday", published=date(2026, 1, 7))
    assert dl.date == "2026-01-06"
    assert decision is not None and decision.rule == "dateline.published-year"


def test_published_across_new_year() -> None:
    dl, _ = _resolve("PARIS, December 31: Talks", "", published=date(2026, 1, 2))
    assert dl.date == "2025-12-31"


def test_explicit_year() -> None:
    dl, decision = _resolve("LONDON, Feb 3, 2026 - Talks", "on Friday")
    assert dl.date == "2026-02-03"
    assert decision is not None and decision.rule == "dateline.explicit-year"


def test_no_year_without_evidence() -> None:
    dl, decision = _resolve("BERLIN, March 4: Talks", "Ministers will meet next week.")
    assert dl.date == "--03-04" and dl.precision == "day-no-year"
    assert decision is not None and decision.rule == "dateline.no-year"


def test_last_tuesday_does_not_decide() -> None:
    dl, _ = _resolve("BERLIN, March 4: Talks", "Ministers met last Tuesday.")
    assert dl.precision == "day-no-year"


def test_place_name_normalises_capitals() -> None:
    assert place_name("PARIS") == "Paris"
    assert place_name("KYIV, Ukraine") == "Kyiv, Ukraine"
    assert place_name("ST. JOHN'S") == "St. John's"


# -- properties -------------------------------------------------------------------------------
MONTHS = ["January", "Feb.", "March", "Apr", "May", "June", "Jul.", "August", "Sept.",
          "October", "Nov", "December"]  # fmt: skip
places = st.lists(
    st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=3, max_size=10), min_size=1, max_size=3
).map(" ".join)
days = st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31))
separators = st.sampled_from([":", " -", " —", " –", " --"])
agencies = st.sampled_from([None, "Reuters", "AP", "AFP", "dpa"])


@given(places, days, st.booleans(), agencies, separators)
def test_dateline_round_trip(
    place: str, day: date, with_year: bool, agency: str | None, sep: str
) -> None:
    written = f"{MONTHS[day.month - 1]} {day.day}" + (f", {day.year}" if with_year else "")
    head = f"{place}, {written}" + (f" ({agency})" if agency else "")
    parsed = parse_dateline(f"{head}{sep} Ministers met to discuss the ceasefire.", PATTERNS)
    assert parsed is not None
    assert (parsed.place, parsed.month, parsed.day) == (place, day.month, day.day)
    assert parsed.year == (day.year if with_year else None)
    assert parsed.agency == agency
    assert parsed.text == head
    assert parsed.rest == "Ministers met to discuss the ceasefire."


@given(st.dates(min_value=date(2000, 1, 1), max_value=TODAY))
def test_weekday_year_is_latest_fit(day: date) -> None:
    year = year_for_weekday(day.month, day.day, day.weekday(), TODAY)
    assert year is not None and year >= day.year
    found = date(year, day.month, day.day)
    assert found <= TODAY and found.weekday() == day.weekday()
    for later in range(year + 1, TODAY.year + 1):
        try:
            other = date(later, day.month, day.day)
        except ValueError:
            continue
        assert other > TODAY or other.weekday() != day.weekday()


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)), st.integers(-20, 20))
def test_year_near_recovers_the_year(day: date, offset: int) -> None:
    from datetime import timedelta

    assert year_near(day.month, day.day, day + timedelta(days=offset)) == day.year


first = st.sampled_from(["Anna", "Olena", "Mark", "Jean-Pierre", "Selin", "Iryna", "Tomas"])
last = st.sampled_from(["Smith", "Kovalenko", "Davies", "O'Brien", "McDonald", "Kaya", "Novak"])
names = st.lists(
    st.builds(lambda a, b: f"{a} {b}", first, last), min_size=1, max_size=3, unique=True
)


@given(names)
def test_byline_round_trip(authors: list[str]) -> None:
    if len(authors) == 1:
        line = f"By {authors[0]}"
    else:
        line = "By " + ", ".join(authors[:-1]) + " and " + authors[-1]
    assert parse_byline(line, PATTERNS) == (authors, None)
