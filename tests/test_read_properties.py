"""Property test of the whole text reader: an article built from random parts (a title, a
dateline in one of the wire forms, body paragraphs, a byline above or below, furniture with or
without blank lines) reads back into exactly those parts."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.models import Document
from dateline.options import Options
from dateline.read import Reader, read_bytes

OPTIONS = Options(today=date(2026, 11, 25))
READER = Reader(OPTIONS)

PLACES = ["PARIS", "KYIV", "WASHINGTON", "NEW YORK", "ST. JOHN'S", "PORT-AU-PRINCE", "BRUSSELS"]
FIRST = ["Anna", "Olena", "Mark", "Jonas", "Claire", "Rajeev", "Iryna", "Tom"]
LAST = ["Keller", "Marchenko", "Dubois", "Berg", "Sharma", "Bondar", "O'Neill", "Lindqvist"]
WORDS = [
    "the",
    "coalition",
    "talks",
    "ceasefire",
    "officials",
    "said",
    "pledged",
    "troops",
    "air",
    "defence",
    "guarantees",
    "ministers",
    "met",
    "envoy",
    "proposal",
    "support",
    "sanctions",
    "front",
    "line",
    "monitors",
]
DATELINES = [
    ("{P}, January 6:", "day"),
    ("{P} (Reuters) -", "none"),
    ("{P}, Jan. 6 (AP) —", "day"),
    ("{P} —", "none"),
    ("{P}, Feb 3, 2026 -", "year"),
]
FURNITURE = [
    "Share this article: Facebook | X | LinkedIn | Email",
    "Related:\n- Allies weigh pledges ahead of winter\n- What a ceasefire line could look like",
    "© 2026 The Morning Ledger. All rights reserved.",
    "We use cookies to improve your experience.",
    "Subscribe to our daily Ukraine briefing",
    "Leave a Reply\nYour email address will not be published. Required fields are marked *",
]

names = st.builds(lambda f, last: f"{f} {last}", st.sampled_from(FIRST), st.sampled_from(LAST))
sentence = st.lists(st.sampled_from(WORDS), min_size=8, max_size=18).map(
    lambda ws: "The " + " ".join(ws) + "."
)
# two sentences at least: fewer than 15 words is not an article (MIN_ARTICLE_WORDS)
paragraph = st.lists(sentence, min_size=2, max_size=3).map(" ".join)


@st.composite
def articles(draw: st.DrawFn) -> dict[str, object]:
    title = "Allies " + " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=8)))
    place = draw(st.sampled_from(PLACES))
    form, kind = draw(st.sampled_from(DATELINES))
    body = draw(st.lists(paragraph, min_size=1, max_size=5))
    authors = draw(st.lists(names, min_size=1, max_size=2, unique=True))
    byline_style = draw(st.sampled_from(["by", "agency"] if len(authors) == 1 else ["by"]))
    byline = "By " + " and ".join(authors) if byline_style == "by" else f"{authors[0]}, Reuters"
    byline_on_top = draw(st.booleans())
    furniture = draw(st.lists(st.sampled_from(FURNITURE), max_size=4, unique=True))
    # the comment form cuts everything after it, so it goes last
    furniture.sort(key=lambda f: f.startswith("Leave a Reply"))
    glue = draw(st.sampled_from(["\n", "\n\n"]))
    parts = [title]
    if byline_on_top:
        parts.append(byline)
    parts.append(f"{form.format(P=place)} {body[0]}")
    parts.extend(body[1:])
    if not byline_on_top:
        parts.append(byline)
    text = "\n\n".join(parts) + ("\n\n" + glue.join(furniture) if furniture else "") + "\n"
    return {
        "text": text,
        "title": title,
        "place": place,
        "kind": kind,
        "body": body,
        "authors": authors,
    }


@settings(max_examples=150, deadline=None)
@given(articles())
def test_a_built_article_reads_back_into_its_parts(article: dict[str, object]) -> None:
    text = str(article["text"])
    items = list(read_bytes(text.encode("utf-8"), "a.txt", OPTIONS, reader=READER))
    assert len(items) == 1
    doc = items[0]
    assert isinstance(doc, Document), (doc, text)
    assert doc.title == article["title"]
    assert doc.dateline is not None and doc.dateline.place == article["place"]
    assert doc.paragraphs == article["body"], text
    assert doc.byline == article["authors"], text
    if article["kind"] == "year":
        assert doc.date == "2026-02-03"
    elif article["kind"] == "none":
        assert doc.date is None
    else:
        # January 6 with no year and no weekday in the text: the year stays open
        assert (doc.date, doc.date_precision) == ("--01-06", "day-no-year")
    again = list(read_bytes(text.encode("utf-8"), "b.txt", OPTIONS, reader=READER))
    assert isinstance(again[0], Document) and again[0].id == doc.id
