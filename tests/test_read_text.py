"""Plain-text scrapes: furniture written without blank lines, date lines, byline tails, the
weekday that decides a dateline's year, kickers that are not datelines."""

from __future__ import annotations

import pytest

from dateline.models import Document
from dateline.options import Options
from dateline.read import read_bytes
from dateline.read.boilerplate import strip_boilerplate
from dateline.read.data import load_reading_data
from dateline.read.dateline import Patterns, parse_byline, parse_dateline
from dateline.read.text import is_date_line, read_text, split_paragraphs, take_date_lines

LEDE = (
    "KYIV, March 3 (Reuters) - Allies promised more air defence systems for Ukraine on "
    "Tuesday, officials said after a meeting of defence ministers in the capital."
)
SECOND = "The ministers did not say how many systems would be sent or when they would arrive."


@pytest.fixture(scope="module")
def patterns() -> Patterns:
    return Patterns(load_reading_data())


def _read(text: str, options: Options) -> Document:
    (doc,) = list(read_bytes(text.encode("utf-8"), "a.txt", options))
    assert isinstance(doc, Document), doc
    return doc


def test_furniture_block_without_blank_lines_is_taken_apart(options: Options) -> None:
    text = (
        f"Allies promise air defence\n\n{LEDE}\n\n{SECOND}\n\nJane Doe, Reuters\n\n"
        "Share this article: Facebook | X | LinkedIn | Email\n"
        "Related:\n"
        "- Allies weigh pledges ahead of winter\n"
        "- Explainer: what is the coalition?\n"
        "© 2026 Reuters. All rights reserved.\n"
        "We use cookies to improve your experience.\n"
    )
    doc = _read(text, options)
    assert doc.paragraphs == [LEDE.split(" - ", 1)[1], SECOND]
    assert doc.byline == ["Jane Doe"]
    assert doc.dateline is not None and doc.dateline.agency == "Reuters"


def test_boilerplate_records_the_rule_for_each_line() -> None:
    data = load_reading_data()
    cleaned = strip_boilerplate(
        [SECOND, "Related stories\n- One link\n- Two link\nCopyright 2026 The Herald"], data
    )
    assert cleaned.paragraphs == [SECOND]
    assert [rule for rule, _ in cleaned.removed] == [
        "related.heading",
        "related.list-item",
        "related.list-item",
        "copyright.line",
    ]


def test_a_list_in_the_story_is_kept_when_no_related_heading_precedes_it() -> None:
    data = load_reading_data()
    block = "The coalition listed three pledges:\n- air defence\n- training\n- demining"
    assert strip_boilerplate([block], data).paragraphs == [block]


def test_a_cut_line_inside_a_block_cuts_the_rest(options: Options) -> None:
    text = (
        f"Allies promise air defence\n\n{LEDE}\n\n{SECOND}\n"
        "Leave a Reply\nName *\nEmail *\nA comment someone left about the talks.\n"
    )
    doc = _read(text, options)
    assert doc.paragraphs[-1] == SECOND
    assert "comment" not in doc.text


def test_hard_wrapped_prose_stays_one_paragraph() -> None:
    title, para = split_paragraphs(
        "Title\n\nThe ministers met\nin Brussels on Tuesday\nand agreed.\n"
    )
    assert title == "Title"
    assert " ".join(para.split()) == "The ministers met in Brussels on Tuesday and agreed."


def test_a_text_without_blank_lines_has_a_paragraph_per_line() -> None:
    assert split_paragraphs("Title\nFirst paragraph.\nSecond paragraph.") == [
        "Title",
        "First paragraph.",
        "Second paragraph.",
    ]


def test_hard_wrapped_prose_survives_boilerplate_stripping(options: Options) -> None:
    wrapped = SECOND.replace(" how many", "\nhow many").replace(" would arrive", "\nwould arrive")
    doc = _read(f"Allies promise air defence\n\n{LEDE}\n\n{wrapped}\n", options)
    assert doc.paragraphs[1] == SECOND


@pytest.mark.parametrize(
    "line",
    ["January 20, 2026", "20 Jan 2026", "2026-01-20", "Published: Tuesday, January 20, 2026",
     "Jan. 20, 2026 at 10:45 GMT", "Updated 20 January 2026, 10:45"],
)  # fmt: skip
def test_date_lines(line: str) -> None:
    assert is_date_line(line)


@pytest.mark.parametrize(
    "line", ["2026", "January 2026", "© 2026", "On January 20, 2026 the EU met"]
)
def test_not_date_lines(line: str) -> None:
    assert not is_date_line(line)


def test_date_line_under_the_title_is_the_publication_date(options: Options) -> None:
    doc = _read(f"Allies promise air defence\nJanuary 20, 2026\n\nBRUSSELS — {SECOND}\n", options)
    assert doc.title == "Allies promise air defence"
    assert doc.published == "2026-01-20" and doc.date == "2026-01-20"
    assert "published.text-date-line" in [d.rule for d in doc.date_decisions]
    assert doc.paragraphs == [SECOND]


def test_byline_with_a_date_beside_it(options: Options) -> None:
    doc = _read(
        f"Allies promise air defence\n\nBy Marta Kowalska | March 3, 2026\n\n{LEDE}\n", options
    )
    assert doc.byline == ["Marta Kowalska"]
    assert doc.published == "2026-03-03"
    # the publication date decides the dateline's year before any weekday is looked at
    assert doc.dateline is not None and doc.dateline.date == "2026-03-03"
    assert [d.rule for d in doc.date_decisions if d.field == "dateline"] == [
        "dateline.published-year"
    ]


def test_a_date_deep_in_the_story_is_not_a_date_line() -> None:
    paragraphs = ["a", "b", "c", "January 20, 2026"]
    assert take_date_lines(paragraphs) == (paragraphs, None)


def test_a_year_alone_under_the_title_is_not_a_publication_date() -> None:
    raw = read_text(f"Allies promise air defence\n2026\n\n{LEDE}\n", "a.txt")
    assert raw.published is None


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Harriet Cole | The Evening Herald", ["Harriet Cole"]),
        ("Written by Harriet Cole; editing by Simon Parry", ["Harriet Cole"]),
        ("By Ann Cole and Tom Reed; Additional reporting by Ann Lee", ["Ann Cole", "Tom Reed"]),
        ("By Olena Marchenko in Kyiv", ["Olena Marchenko"]),
    ],
)  # fmt: skip
def test_byline_tails(line: str, names: list[str], patterns: Patterns) -> None:
    found = parse_byline(line, patterns)
    assert found is not None and found[0] == names


@pytest.mark.parametrize(
    "line",
    ["By the end of the week the talks had stalled.", "By Tuesday | the ministers had left"],
)
def test_not_byline_tails(line: str, patterns: Patterns) -> None:
    assert parse_byline(line, patterns) is None


def test_lede_weekday_decides_the_year_before_a_later_one(options: Options) -> None:
    """AP style 'said Tuesday' in the lede, and 'on Monday' (the day before) further down."""
    text = (
        "Envoy to fly to Moscow\n\n"
        "WASHINGTON, Jan. 13 (AP) — The envoy will travel to Moscow next week, the White House "
        "said Tuesday.\n\nRubio spoke by phone on Monday with his Ukrainian counterpart.\n"
    )
    doc = _read(text, options)
    assert doc.dateline is not None and doc.dateline.date == "2026-01-13"  # a Tuesday
    (decision,) = [d for d in doc.date_decisions if d.field == "dateline"]
    assert decision.rule == "dateline.weekday-year" and "'said Tuesday'" in decision.reason


@pytest.mark.parametrize("before", ["last", "next", "since", "until", "by"])
def test_a_weekday_naming_another_day_does_not_decide(before: str, options: Options) -> None:
    text = (
        "Envoy to fly to Moscow\n\n"
        f"WASHINGTON, Jan. 13 — The envoy has been waiting {before} Monday for an answer from "
        "the Kremlin about the proposal.\n"
    )
    doc = _read(text, options)
    assert doc.dateline is not None
    assert doc.dateline.date == "--01-13" and doc.dateline.precision == "day-no-year"
    assert (doc.date, doc.date_precision) == ("--01-13", "day-no-year")  # never a guessed year


@pytest.mark.parametrize("kicker", ["EXCLUSIVE", "WATCH", "UPDATE", "ANALYSIS"])
def test_a_kicker_is_not_a_dateline(kicker: str, patterns: Patterns) -> None:
    assert parse_dateline(f"{kicker}: Allies promise air defence for Ukraine", patterns) is None


def test_a_bare_place_with_a_dash_is_a_dateline(patterns: Patterns) -> None:
    found = parse_dateline("BRUSSELS — EU ministers met on Tuesday.", patterns)
    assert found is not None and found.place == "BRUSSELS" and found.day is None


@pytest.mark.parametrize(
    ("line", "agency"),
    [
        ("GENEVA, Jan 15 (Alpine Post) - Talks resumed.", "Alpine Post"),
        ("WASHINGTON, Jan. 6 (Associated Press) — Talks resumed.", "AP"),
        ("KYIV (Eastern Wire) - Talks resumed.", "Eastern Wire"),
    ],
)
def test_dateline_source_in_parentheses(line: str, agency: str, patterns: Patterns) -> None:
    found = parse_dateline(line, patterns)
    assert found is not None and found.agency == agency and found.rest == "Talks resumed."


def test_title_case_words_with_an_unknown_outlet_are_not_a_dateline(patterns: Patterns) -> None:
    assert parse_dateline("Officials (Some Group) - said the talks resumed.", patterns) is None


@pytest.mark.parametrize("opening", ["BREAKING", "NATO", "FACT CHECK"])
def test_a_capitals_kicker_or_organisation_with_a_dash_is_not_a_dateline(
    opening: str, patterns: Patterns
) -> None:
    assert parse_dateline(f"{opening} — Allies promise air defence for Ukraine", patterns) is None


def test_an_organisation_with_a_date_is_still_a_dateline(patterns: Patterns) -> None:
    """Only a bare word is refused: "UNITED NATIONS, Feb 9 -" is a real dateline."""
    found = parse_dateline("UNITED NATIONS, Feb 9 - The council met.", patterns)
    assert found is not None and found.place == "UNITED NATIONS" and found.day == 9


def test_page_date_line_reads_date_elements_only() -> None:
    from dateline.read.html import page_date_line

    page = (
        "<html><body><ul><li>January 3, 2026: older story</li><li>January 2, 2026</li></ul>"
        '<p class="meta">By Anna Keller · Thursday 15 January 2026</p>'
        "<footer><p>© 2026 Alpine Post</p></footer></body></html>"
    )
    assert page_date_line(page) == "Thursday 15 January 2026"
    assert page_date_line("<html><body><footer><p>© 2026</p></footer></body></html>") is None
    assert page_date_line('<html><body><time datetime="2026">2026</time></body></html>') is None


@pytest.mark.parametrize(
    ("line", "place", "agency", "rest"),
    [
        ("KYIV/MOSCOW, Jan 6 (Reuters) - Talks.", "KYIV/MOSCOW", "Reuters", "Talks."),
        ("MOSCOW, January 6. /TASS/. Talks.", "MOSCOW", "TASS", "Talks."),
        ("MOSCOW, Jan. 6 /TASS/ - Talks.", "MOSCOW", "TASS", "Talks."),
    ],
)
def test_slashed_places_and_tass_datelines(
    line: str, place: str, agency: str, rest: str, patterns: Patterns
) -> None:
    found = parse_dateline(line, patterns)
    assert found is not None
    assert (found.place, found.month, found.day, found.agency, found.rest) == (
        place,
        1,
        6,
        agency,
        rest,
    )


def test_weekday_in_an_ap_dateline_decides_the_year(options: Options) -> None:
    """AP weekend datelines name the day: Jan. 4 was a Sunday in 2026 (and in 2015)."""
    text = (
        "Strikes hit Odesa\n\n"
        "ODESA, Ukraine, Sunday, Jan. 4 (AP) — Drones struck the port overnight, officials "
        "said, a day after talks in Paris on Saturday ended without agreement.\n"
    )
    doc = _read(text, options)
    assert doc.dateline is not None
    assert doc.dateline.place == "ODESA, Ukraine" and doc.dateline.agency == "AP"
    assert doc.dateline.date == "2026-01-04"
    (decision,) = [d for d in doc.date_decisions if d.field == "dateline"]
    assert decision.rule == "dateline.weekday-year" and "in the dateline" in decision.reason


@pytest.mark.parametrize(
    ("line", "owner"),
    [
        ("© 2026 Reuters. All rights reserved.", "Reuters"),
        ("Copyright 2026 The Associated Press. All rights reserved.", "The Associated Press"),
        ("Copyright © 2026 The Evening Herald Ltd. All rights reserved.", "The Evening Herald"),
        ("© 2024-2026 Baltic Review", "Baltic Review"),
        ("© 2026", None),
    ],
)
def test_outlet_from_the_copyright_line(line: str, owner: str | None, options: Options) -> None:
    doc = _read(f"Allies promise air defence\n\n{LEDE}\n\n{SECOND}\n\n{line}\n", options)
    assert doc.outlet == owner
    assert line not in doc.text


@pytest.mark.parametrize(
    "line",
    [
        "Published: January 6, 2026",
        "Updated 10:45 GMT, 6 January 2026",
        "First published on Tuesday 6 January 2026",
        "By Anna Keller · Tuesday 6 January 2026",
    ],
)
def test_a_date_line_an_html_extractor_keeps_dates_the_article(line: str, options: Options) -> None:
    """trafilatura keeps "Published: ..." lines in the body; they leave it and date it."""
    body = "".join(f"<p>{p}</p>" for p in [LEDE, SECOND, SECOND.replace("ministers", "envoys")])
    page = f"<html><body><article><h1>Allies promise air defence</h1><p>{line}</p>{body}"
    (doc,) = list(read_bytes(f"{page}</article></body></html>".encode(), "a.html", options))
    assert isinstance(doc, Document)
    assert not any("2026" in p for p in doc.paragraphs)
    assert doc.published == "2026-01-06"
    assert "dateline.published-year" in [d.rule for d in doc.date_decisions]


def test_a_date_line_in_a_jsonl_text_dates_the_article(options: Options) -> None:
    import json

    record = {"title": "Allies promise air defence", "text": f"Updated 6 January 2026\n{LEDE}"}
    (doc,) = list(read_bytes(json.dumps(record).encode(), "a.jsonl", options))
    assert isinstance(doc, Document)
    assert doc.paragraphs == [LEDE.split(" - ", 1)[1]]
    (decision,) = [d for d in doc.date_decisions if d.field == "published"]
    assert (decision.value, decision.rule) == ("2026-01-06", "published.date-line")


def test_a_refused_year_is_recorded_even_when_a_date_line_dates_the_article(
    options: Options,
) -> None:
    body = "".join(f"<p>{p}</p>" for p in [LEDE, SECOND, SECOND.replace("ministers", "envoys")])
    page = (
        "<html><body><article><h1>Allies promise air defence</h1>"
        f"<p>Published: March 3, 2026</p>{body}</article>"
        "<footer><p>© 2026 The Ledger</p></footer></body></html>"
    )
    (doc,) = list(read_bytes(page.encode(), "a.html", options))
    assert isinstance(doc, Document)
    published = [d for d in doc.date_decisions if d.field == "published"]
    assert published[-1].value == "2026-03-03"
    assert all(d.value in (None, "2026-03-03") for d in published)


def test_a_date_on_the_first_line_is_not_the_title(options: Options) -> None:
    doc = _read(f"January 20, 2026\n\nAllies promise air defence\n\n{LEDE}\n\n{SECOND}\n", options)
    assert doc.title == "Allies promise air defence"
    assert doc.published == "2026-01-20"
