"""Issue 14 in headless Chromium, one test per item of "What to build", on the example corpus
(ingested with the real pipeline) plus the web fixtures and one article whose events happen
at "Washington, D.C." (a name with a comma) and at a place without coordinates.

The server, browser and page come from ``test_web_browser``; this module's server also has an
ingest token, so re-posting an article can be tried. Each test names the item it covers.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import itertools
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, urlparse

import httpx
import pytest

from dateline.models import PLOVER_TYPES, EventPlace
from test_web_browser import (
    CHROMIUM,
    REPO,
    Page,
    browser,
    build_database,
    load_fixture_docs,
    page,
    served,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]
__all__ = ["browser", "page"]  # fixtures used by name

TOKEN = "browser-test-token"
WASHINGTON = "Washington, D.C."
NOWHERE = "Nowhere Creek"  # a place the gazetteer has no coordinates for


def add_places_article(db: Path) -> None:
    """One fixture article again, its events moved to Washington, D.C. and Nowhere Creek."""
    from dateline.store import Store

    first = load_fixture_docs()[0]
    doc = dataclasses.replace(first.document, id="places-" + first.document.id[:20],
                              title="Talks in Washington, D.C.")  # fmt: skip
    places = [EventPlace(WASHINGTON, "USA", 38.9, -77.04), EventPlace(NOWHERE, "USA", None, None)]
    events = [
        dataclasses.replace(e, id=f"{e.id[:40]}-p{i}", doc_id=doc.id, place=places[i % 2],
                            evidence=dataclasses.replace(e.evidence, doc_id=doc.id))
        for i, e in enumerate(first.events)
    ]  # fmt: skip
    with Store.open(db) as store:
        store.add([dataclasses.replace(first, document=doc, events=events)])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    if not CHROMIUM.exists():  # a missing browser must not pass as a green run
        pytest.fail("no /usr/bin/chromium: run scripts/ensure-chromium.sh (make test does)")
    db = tmp_path_factory.mktemp("web-pages") / "web.db"
    with_corpus = build_database(db, REPO / "examples" / "corpus")
    add_places_article(db)
    env = {**os.environ, "DATELINE_TOKEN": TOKEN, "DATELINE_TODAY": "2026-11-25"}
    with served(db, env) as base:
        yield {"base": base, "with_corpus": with_corpus, "db": db}


def api(server: dict[str, Any], path: str, **params: Any) -> Any:
    response = httpx.get(server["base"] + path, params=params, timeout=60)
    assert response.status_code == 200, (path, response.text[:300])
    return response.json()


def listed(server: dict[str, Any], href: str) -> int:
    """The length of the events list ``href`` opens (its JSON twin's total)."""
    parts = urlparse(href)
    assert parts.path == "/events", href
    return int(api(server, "/api/v1/events", **dict(parse_qsl(parts.query)))["total"])


def chart(page: Page) -> dict[str, Any]:
    return dict(page.page.evaluate(
        "() => { const c = Chart.getChart(document.getElementById('timeline-chart'));"
        " return {labels: c.data.labels, sets: c.data.datasets.map(d => d.label),"
        " totals: c.data.labels.map((_, i) =>"
        " c.data.datasets.reduce((n, d) => n + d.data[i], 0))}; }"
    ))  # fmt: skip


def ready(page: Page) -> None:
    page.page.wait_for_function("() => window.dateline && window.dateline.ready")


# -- charts -----------------------------------------------------------------------------------
def test_chart_has_a_true_time_axis_with_its_empty_periods(
    page: Page, server: dict[str, Any]
) -> None:
    """Item: charts on a true time axis (empty periods shown)."""
    page.goto("/?by=month")
    drawn = chart(page)
    months = [dt.date.fromisoformat(p + "-01") for p in drawn["labels"]]
    assert len(months) >= 3
    for a, b in itertools.pairwise(months):  # every month between the first and the last
        assert (b.year * 12 + b.month) - (a.year * 12 + a.month) == 1, (a, b)
    assert 0 in drawn["totals"], "the corpus has quiet months: they must be drawn, empty"
    page.goto("/")
    timeline = api(server, "/api/v1/overview")["timeline"]
    assert chart(page)["labels"] == timeline["periods"]
    if timeline["by"] == "week":  # too many weeks move the chart to months
        weeks = [dt.date.fromisoformat(p) for p in timeline["periods"]]
        assert {b - a for a, b in itertools.pairwise(weeks)} <= {dt.timedelta(days=7)}
    assert not page.errors, page.errors


def test_chart_states_and_links_the_events_it_leaves_out(
    page: Page, server: dict[str, Any]
) -> None:
    """Item: a stated count of events not on the chart (partial or no date) with a link."""
    page.goto("/")
    note = page.page.locator(".timeline-note")
    overview = api(server, "/api/v1/overview")
    timeline = overview["timeline"]
    assert int(note.get_attribute("data-not-charted") or -1) == timeline["not_charted"]
    assert timeline["not_charted"] > 0
    assert f"{timeline['not_charted']} not on it" in note.inner_text()
    undated = timeline["precisions"]["undated"]
    assert undated > 0
    note.locator("a.undated-link").click()
    page.page.wait_for_url("**/events?undated=true")
    ready(page)
    assert page.page.locator("#result-count").inner_text().startswith(f"{undated} event")
    dates = page.page.locator("table.events tbody tr[data-event] td:first-child").all_inner_texts()
    assert dates and all(d.startswith("undated") for d in dates)
    assert not page.errors, page.errors


def test_chart_counts_by_type_as_well_as_class(page: Page, server: dict[str, Any]) -> None:
    """Item: counts by PLOVER type as well as class."""
    page.goto("/")
    assert set(chart(page)["sets"]) == {"verbal cooperation", "material cooperation",
                                        "verbal conflict", "material conflict"}  # fmt: skip
    page.page.select_option("#range select[name=group]", "type")
    page.page.locator("#range button[type=submit]").click()
    page.page.wait_for_url("**group=type**")
    ready(page)
    sets = chart(page)["sets"]
    assert sets and set(sets) <= set(PLOVER_TYPES)
    # The "By type" table: each count is the length of the list it opens.
    rows = page.page.eval_on_selector_all(
        "section.card:has(h2:text('By type')) tbody tr",
        "rs => rs.map(r => [r.querySelector('a').getAttribute('href'),"
        " r.querySelector('td.num').textContent])",
    )
    assert len(rows) >= 5
    for href, count in rows:
        assert listed(server, href) == int(count), href
    assert not page.errors, page.errors


def test_date_range_is_shared_by_overview_events_and_map(
    page: Page, server: dict[str, Any]
) -> None:
    """Item: a date-range control shared by the overview, the events list and the map."""
    page.goto("/")
    page.page.fill("#range input[name=since]", "2026-01-01")
    page.page.fill("#range input[name=until]", "2026-03-31")
    page.page.locator("#range button[type=submit]").click()
    page.page.wait_for_url("**since=2026-01-01**")
    ready(page)
    labels = chart(page)["labels"]
    assert labels and labels[0] >= "2025-12-29" and labels[-1] <= "2026-03-31"
    page.page.locator("#range-events").click()
    page.page.wait_for_url("**/events?since=2026-01-01&until=2026-03-31")
    ready(page)
    assert page.page.input_value("#filters input[name=since]") == "2026-01-01"
    assert page.page.input_value("#filters input[name=until]") == "2026-03-31"
    events_total = api(server, "/api/v1/events", since="2026-01-01", until="2026-03-31")["total"]
    assert events_total > 0
    page.page.locator('#same-filters a[data-view="/map"]').click()
    page.page.wait_for_url("**/map?since=2026-01-01&until=2026-03-31")
    ready(page)
    assert page.page.input_value("#filters input[name=until]") == "2026-03-31"
    assert page.page.locator("#map-summary").inner_text().startswith(f"{events_total} event")
    page.page.locator('#same-filters a[data-view="/"]').click()
    page.page.wait_for_url("**/?since=2026-01-01&until=2026-03-31")
    ready(page)
    assert page.page.input_value("#range input[name=since]") == "2026-01-01"
    assert not page.errors, page.errors


# -- downloads, sorting, filters ---------------------------------------------------------------
LIST_PAGES = ("/events?type=AID", "/map?type=AID", "/actors", "/documents",
              "/documents?q=ceasefire", "/outlets", "/dyads", "/stories")  # fmt: skip


def test_every_list_page_downloads_what_it_shows(page: Page, server: dict[str, Any]) -> None:
    """Item: download of exactly what a page shows from every list page (CSV, JSON, GeoJSON
    for the map; Parquet via the API)."""
    seen: set[str] = set()
    for path in LIST_PAGES:
        page.goto(path)
        links = page.page.eval_on_selector_all(
            "a.download", "as => as.map(a => [a.dataset.format, a.getAttribute('href')])"
        )
        formats = {f for f, _ in links}
        assert {"csv", "json"} <= formats, path
        if path.startswith("/map"):
            assert "geojson" in formats
        for fmt, href in links:
            response = httpx.get(server["base"] + href, timeout=60)
            assert response.status_code == 200, href
            assert "attachment" in response.headers["content-disposition"], href
            seen.add(fmt)
            if path.startswith("/events") and fmt == "csv":
                rows = list(csv.DictReader(io.StringIO(response.text)))
                assert len(rows) == listed(server, path) and {r["type"] for r in rows} == {"AID"}
    assert {"csv", "json", "geojson", "parquet"} <= seen
    assert not page.errors, page.errors


def test_columns_sort_on_the_server_from_the_url(page: Page) -> None:
    """Item: sortable columns (server-side, in the URL)."""
    page.goto("/events?per_page=100")
    page.page.locator("table.events th a.sort", has_text="type").click()
    page.page.wait_for_url("**sort=type**")
    ready(page)
    types = page.page.locator("table.events tbody span.type").all_inner_texts()
    assert len(types) > 5 and types == sorted(types)
    assert page.page.locator("th[aria-sort=ascending]").inner_text().lower().startswith("type")
    page.page.locator("table.events th a.sort", has_text="type").click()
    page.page.wait_for_url("**sort=-type**")
    ready(page)
    types = page.page.locator("table.events tbody span.type").all_inner_texts()
    assert types == sorted(types, reverse=True)
    assert not page.errors, page.errors


def test_several_values_per_filter_and_codes_in_any_case(
    page: Page, server: dict[str, Any]
) -> None:
    """Items: several values per filter (types, actors, statuses, countries); codes matched
    whatever their case."""
    page.goto("/events?type=AGREE,CONSULT,SUPPORT&per_page=200")
    types = set(page.page.locator("table.events tbody span.type").all_inner_texts())
    assert types and types <= {"AGREE", "CONSULT", "SUPPORT"} and len(types) >= 2
    assert page.page.input_value("#filters select[name=type]") == "AGREE,CONSULT,SUPPORT"
    page.goto("/events?status=planned,expected&per_page=200")
    statuses = set(page.page.locator("table.events tbody span.status").all_inner_texts())
    assert statuses and statuses <= {"planned", "expected"}

    def ids(**params: str) -> set[str]:
        return {e["id"] for e in api(server, "/api/v1/events", per_page=200, **params)["events"]}

    # Any of the codes: the union of their lists (an event with both counts once).
    assert ids(actor="UKR GOV,RUS") == ids(actor="UKR GOV") | ids(actor="RUS")
    assert ids(place="UKR,POL") == ids(place="UKR") | ids(place="POL") != set()
    page.goto("/events?actor=ukr gov")
    lower = page.page.locator("#result-count").inner_text()
    assert page.page.input_value("#filters input[name=actor]") == "UKR GOV"
    page.goto("/events?actor=UKR GOV")
    assert page.page.locator("#result-count").inner_text() == lower
    page.goto("/actors/ukr gov")
    assert page.page.locator("h1").inner_text().startswith("UKR GOV")
    assert not page.errors, page.errors


def test_unknown_filter_values_are_a_422_naming_the_allowed_ones(
    page: Page, server: dict[str, Any]
) -> None:
    """Item: unknown filter values → 422 with the allowed values."""
    for query, allowed in (("type=EXPLODE", "AGREE"), ("status=rumoured", "occurred"),
                           ("context=nonsense", "military"), ("sort=colour", "-date")):  # fmt: skip
        response = page.page.goto(f"{server['base']}/events?{query}")
        assert response is not None and response.status == 422, query
        assert allowed in page.page.locator("body").inner_text(), query
        error = httpx.get(f"{server['base']}/api/v1/events?{query}").json()["error"]
        assert error["code"] == "invalid-parameter" and allowed in error["message"]


# -- the map ----------------------------------------------------------------------------------
def test_map_filters_time_clusters_links_and_places_without_coordinates(
    page: Page, server: dict[str, Any]
) -> None:
    """Item: a map with the same filter form and time control, clustering at low zoom, links
    that keep the filters, and a line for events whose place has no coordinates."""
    page.goto("/map")
    page.page.wait_for_function("() => window.dateline.map && window.dateline.map.countries > 100")
    assert page.page.evaluate("() => window.dateline.map.clusters") >= 1
    assert page.page.locator("#map-no-coordinates").count() == 1
    nowhere = page.page.locator("#places tr", has_text=NOWHERE)
    assert "no coordinates" in nowhere.inner_text()
    summary = api(server, "/api/v1/map")
    assert int(page.page.locator("#map-no-coordinates").inner_text()) == summary["no_coordinates"]
    # The filter form, with its dates: the same fields as the events list.
    page.page.select_option("#filters select[name=type]", "CONSULT")
    page.page.fill("#filters input[name=since]", "2020-01-01")
    page.page.locator("#filters button[type=submit]").click()
    page.page.wait_for_url("**/map?type=CONSULT**since=2020-01-01**")
    ready(page)
    page.page.wait_for_function("() => window.dateline.map && window.dateline.map.countries > 100")
    total = api(server, "/api/v1/events", type="CONSULT", since="2020-01-01")["total"]
    assert page.page.locator("#map-summary").inner_text().startswith(f"{total} event")
    hrefs = page.page.eval_on_selector_all(
        "svg.world a, #places a", "as => as.map(a => a.getAttribute('href'))"
    )
    assert hrefs and all("type=CONSULT" in h and "since=2020-01-01" in h for h in hrefs)
    # A place name with a comma is one place in the links.
    page.goto("/map")
    washington = page.page.locator("#places a", has_text=WASHINGTON).get_attribute("href") or ""
    assert (
        listed(server, washington)
        == int(
            page.page.locator("#places tr", has_text=WASHINGTON).get_attribute("data-count") or -1
        )
        > 0
    )
    assert not page.errors, page.errors


# -- the document page ------------------------------------------------------------------------
def test_document_sentences_link_both_ways_by_their_anchors(
    page: Page, server: dict[str, Any]
) -> None:
    """Item: document page: shading fixed, every event of a sentence reachable from it, the
    sentence in the events table, #sentence-N anchors used by event links."""
    rows = api(server, "/api/v1/events", per_page=200)["events"]
    by_sentence: dict[tuple[str, int], list[str]] = {}
    for row in rows:
        by_sentence.setdefault((row["doc_id"], row["sentence_start"]), []).append(row["id"])
    (doc_id, start), ids = max(by_sentence.items(), key=lambda kv: len(kv[1]))
    page.goto(f"/documents/{quote(doc_id)}")
    sentence = page.page.locator(f"#sentence-{start}")
    assert sentence.count() == 1
    shade = sentence.evaluate("a => getComputedStyle(a).backgroundColor")
    assert shade not in ("rgba(0, 0, 0, 0)", "transparent")
    refs = page.page.eval_on_selector_all(
        "#doc-body a", "as => as.map(a => decodeURIComponent(a.getAttribute('href')))"
    )
    for event_id in ids:  # every event of the busiest sentence is one click away
        assert f"/events/{event_id}" in refs, event_id
    table = page.page.locator("table.events td.sentence a").first
    href = table.get_attribute("href") or ""
    assert href.startswith("#sentence-")
    table.click()
    page.page.wait_for_url(f"**{href}")
    assert page.page.evaluate("() => document.querySelector(':target').className").startswith(
        "mark"
    )
    assert not page.errors, page.errors


# -- lists ------------------------------------------------------------------------------------
def test_lists_of_actors_documents_outlets_dyads_and_stories(
    page: Page, server: dict[str, Any]
) -> None:
    """Item: pages and API lists for actors, documents (with search), outlets (real names,
    never a file path), dyads and stories."""
    page.goto("/actors")
    assert page.page.locator("#actor-list tbody tr a.count").count() >= 10
    page.page.fill("input[name=q]", "ukr")
    page.page.locator("form.filters button").click()
    page.page.wait_for_url("**/actors?q=ukr")
    ready(page)
    codes = page.page.locator("#actor-list tbody tr td:first-child").all_inner_texts()
    assert codes and all(c.startswith("UKR") for c in codes)
    page.goto("/documents")
    assert page.page.locator("#document-list tbody tr").count() >= 10
    page.page.fill("input[name=q]", "ceasefire")
    page.page.locator("form.filters button").click()
    page.page.wait_for_url("**/documents?q=ceasefire")
    ready(page)
    assert page.page.locator("#hits li a").count() >= 1
    page.goto("/outlets")
    outlets = page.page.locator("#outlet-list tbody td:first-child").all_inner_texts()
    assert outlets
    for name in outlets:
        assert "/" not in name and not re.search(r"\.(txt|html?|json|md)$", name), name
    page.goto("/dyads")
    assert page.page.locator("#dyad-list tbody tr a").count() >= 3
    page.goto("/stories")
    assert page.page.locator("#story-list").count() == 1
    stories = api(server, "/api/v1/stories")["stories"]
    assert page.page.locator("#story-list tbody tr").count() == max(1, len(stories))
    assert not page.errors, page.errors


# -- coalitions -------------------------------------------------------------------------------
def test_coalition_from_data_with_each_membership_explained(
    page: Page, server: dict[str, Any]
) -> None:
    """Item: coalitions as data, members listed with a date and a source each, beside those
    inferred from articles, each membership explained; the coalition taken from the URL."""
    from dateline.web import coalitions

    willing = coalitions.load()[0]
    page.goto("/coalition?name=" + quote("COALITION OF THE WILLING"))
    assert page.page.locator("h1").inner_text() == willing.name
    rows = page.page.locator("#tracker tbody tr[data-member]")
    assert rows.count() == len(willing.members)
    for i in range(rows.count()):
        text = rows.nth(i).inner_text()
        assert re.search(r"since 2025-\d\d-\d\d", text) and "https://" in text, text
    members = [m.code for m in willing.members]
    assert len(members) == len(set(members)) and "FRA GOV" not in members
    inferred = page.page.locator("#tracker-named tr[data-member], #tracker-others tr[data-member]")
    codes = inferred.evaluate_all("rs => rs.map(r => r.dataset.member)")
    assert not set(codes) & set(members), "a listed member is shown again as inferred"
    page.goto("/coalition?name=" + quote("Weimar Triangle"))
    assert page.page.locator("h1").inner_text() == "Weimar Triangle"
    assert page.page.locator("#tracker tbody tr[data-member]").count() == 0
    assert not page.errors, page.errors


# -- paging and counts --------------------------------------------------------------------------
def test_big_pages_are_paged(page: Page, server: dict[str, Any]) -> None:
    """Item: big pages are paged or capped with "show more"."""
    for path, row in (("/events?per_page=10", "table.events tbody tr[data-event]"),
                      ("/actors?per_page=10", "#actor-list tbody tr"),
                      ("/documents?per_page=5", "#document-list tbody tr"),
                      ("/dyads?per_page=10", "#dyad-list tbody tr")):  # fmt: skip
        page.goto(path)
        first = page.page.locator(row).all_inner_texts()
        page.page.locator("a[rel=next]").click()
        page.page.wait_for_url("**page=2**")
        ready(page)
        second = page.page.locator(row).all_inner_texts()
        assert first and second and first != second, path
        assert "page 2" in page.page.locator("nav.pager").inner_text()
    assert not page.errors, page.errors


def test_every_count_that_links_to_a_list_equals_it(page: Page, server: dict[str, Any]) -> None:
    """Item: every count on a page that links to a list equals that list's length (walked
    in the browser on the overview, the lists, the map and the busiest actors' pages)."""
    actors = [a["code"] for a in api(server, "/api/v1/overview")["actors"][:3]]
    checked = 0
    for path in ["/", "/actors?per_page=30", "/dyads?per_page=30", "/map",
                 *(f"/actors/{quote(a)}" for a in actors)]:  # fmt: skip
        page.goto(path)
        links = page.page.eval_on_selector_all(
            "a.count, a.count-out, a.count-in, #dyad-list td.num a, #places a",
            "as => as.map(a => [a.getAttribute('href'),"
            " (a.closest('tr') && a.closest('tr').dataset.count) || a.textContent])",
        )
        for href, shown in links:
            if urlparse(href).path == "/events":
                assert listed(server, href) == int(shown), (path, href)
                checked += 1
    assert checked > 40


# -- the API ----------------------------------------------------------------------------------
def test_openapi_models_head_on_every_get_and_repost(server: dict[str, Any]) -> None:
    """Items: OpenAPI with response models and the POST body schema; HEAD on every GET; POST
    of a stored document → 200 with the existing id."""
    base = server["base"]
    spec = httpx.get(base + "/openapi.json").json()
    event = api(server, "/api/v1/events")["events"][0]
    filled = {"{event_id}": quote(event["id"]), "{doc_id}": quote(event["doc_id"]),
              "{code}": "UKR", "{kind}": "csv"}  # fmt: skip
    gets = [p for p, ops in spec["paths"].items() if "get" in ops]
    assert len(gets) >= 18
    for path in gets:
        ok = spec["paths"][path]["get"]["responses"]["200"]["content"]
        assert ok, path
        if "application/json" in ok and "{kind}" not in path:
            assert ok["application/json"]["schema"].get("$ref"), path
    post = spec["paths"]["/api/v1/documents"]["post"]
    assert {"text/plain", "text/html", "application/json"} <= set(post["requestBody"]["content"])
    pages = ["/", "/events", "/map", "/coalition", "/actors", "/documents", "/outlets", "/dyads",
             "/stories", "/feeds", "/docs", f"/events/{filled['{event_id}']}",
             f"/documents/{filled['{doc_id}']}", "/actors/UKR"]  # fmt: skip
    for path in [*gets, *pages]:
        for hole, value in filled.items():
            path = path.replace(hole, value)
        head = httpx.head(base + path, timeout=60)
        assert head.status_code == 200 and head.content == b"", path
    article = ("KYIV, Nov. 20 (Wire) - Ukraine's foreign minister met his Polish counterpart in "
               "Warsaw on Thursday to discuss air defence, officials said.")  # fmt: skip
    headers = {"authorization": f"Bearer {TOKEN}", "content-type": "text/plain"}
    first = httpx.post(base + "/api/v1/documents", content=article, headers=headers, timeout=300)
    assert first.status_code == 201, first.text
    again = httpx.post(base + "/api/v1/documents", content=article, headers=headers, timeout=300)
    assert again.status_code == 200, again.text
    assert again.json()["documents"][0]["id"] == first.json()["documents"][0]["id"]
    assert again.json()["documents"][0]["already_stored"] is True
