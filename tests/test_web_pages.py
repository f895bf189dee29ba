"""The pages an analyst trusts (issue 14): counts that equal the lists they link to, a true
time axis, every event reachable from its sentence, sorting, several values per filter.

In-process over the hand-coded web fixtures (the same database as ``test_api``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlsplit

import pytest

from dateline.models import PLOVER_TYPES
from dateline.store import Store
from test_api import Client, assert_envelope, fixture_docs, make_client


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pages") / "pages.db"
    with Store.open(path) as store:
        store.add(fixture_docs())
    return path


@pytest.fixture()
def client(db: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Client]:
    monkeypatch.delenv("DATELINE_TOKEN", raising=False)
    yield make_client(db)


def total(client: Client, url: str) -> int:
    """The length of the events list a page link points at (its JSON twin's total)."""
    parts = urlsplit(url)
    assert parts.path == "/events", url
    data = client.get("/api/v1/events", params=dict(parse_qsl(parts.query))).json()
    return int(data["total"])


# -- the time chart -----------------------------------------------------------------------
def test_timeline_axis_has_every_week_and_counts_every_event(client: Client) -> None:
    data = client.get("/api/v1/overview").json()
    tl = data["timeline"]
    days = [dt.date.fromisoformat(p) for p in tl["periods"]]
    assert days and all(b - a == dt.timedelta(days=7) for a, b in itertools.pairwise(days))
    charted = sum(sum(c.values()) for c in tl["counts"].values())
    assert charted == tl["charted"]
    # Nothing drops out silently: charted + not charted = every merged event.
    assert tl["charted"] + tl["not_charted"] == data["counts"]["merged_events"]
    assert sum(tl["precisions"].values()) == data["counts"]["merged_events"]
    assert [len(r) for r in tl["ranges"]] == [2] * len(days)


def test_a_span_of_years_is_charted_by_month_not_by_week() -> None:
    """Two stray events years before the rest must not squeeze the chart into 200 weekly
    slivers: past ``MAX_BARS`` periods the caller moves to a coarser unit."""
    from dateline.web import periods

    years = periods.axis("week", ["2022-02-14", "2026-02-23"])
    assert len(years) > periods.MAX_BARS  # too many weeks: data.timeline asks for months
    months = periods.axis(periods.COARSER["week"], ["2022-02", "2026-02"])
    assert len(months) == 49 and len(months) <= periods.MAX_BARS
    quarter = periods.axis("week", ["2026-01-05", "2026-03-30"])
    assert len(quarter) == 13  # a quarter keeps its weeks


def test_timeline_by_type_and_range(client: Client) -> None:
    data = client.get("/api/v1/overview?group=type&by=month").json()["timeline"]
    assert data["group"] == "type" and data["by"] == "month"
    assert data["counts"] and set(data["counts"]) <= set(PLOVER_TYPES)
    assert all(data["class_of"].get(t) for t in data["counts"])
    html = client.get("/?since=2026-01-01&until=2026-01-31").text
    assert 'id="range"' in html and 'id="range-events"' in html
    assert_envelope(client.get("/api/v1/overview?since=2026-02-01&until=2026-01-01"), 422)


def test_a_bar_lists_the_events_of_its_period(client: Client) -> None:
    tl = client.get("/api/v1/actors/UKR").json()["timeline"]
    assert tl["link"] == {"actor": "UKR"}
    for i, period in enumerate(tl["periods"]):
        n = sum(c.get(period, 0) for c in tl["counts"].values())
        since, until = tl["ranges"][i]
        listed = client.get(
            "/api/v1/events", params={"actor": "UKR", "since": since, "until": until}
        ).json()
        full_days = [e for e in listed["events"] if e["date_precision"] == "day"]
        assert len(full_days) == n, period


# -- counts equal the lists they link to ---------------------------------------------------
def test_actor_counterpart_counts_equal_their_lists(client: Client) -> None:
    html = client.get("/actors/UKR").text
    links = re.findall(r'class="count-(?:out|in)" href="([^"]+)">(\d+)</a>', html)
    assert links
    for href, shown in links:
        assert total(client, href.replace("&amp;", "&")) == int(shown), href


def test_map_counts_add_up_and_links_keep_filters(client: Client) -> None:
    data = client.get("/api/v1/map").json()
    drawn = [p for p in data["places"] if p["lat"] is not None]
    assert data["drawn"] == len(drawn)
    assert data["located"] == sum(p["count"] for p in drawn)
    assert sum(p["count"] for p in data["places"]) == data["located"] + data["no_coordinates"]
    assert data["located"] + data["no_coordinates"] + data["unplaced"] == data["total"]
    html = client.get("/map?status=occurred").text
    assert 'id="filters"' in html and 'action="/map"' in html
    hrefs = re.findall(r'<a href="(/events\?[^"]+)">', html)
    assert hrefs and all("status=occurred" in h for h in hrefs)
    for href in hrefs:
        count = re.search(re.escape(href) + r'.*?<td class="num">(\d+)</td>', html, re.S)
        assert count and total(client, href.replace("&amp;", "&")) == int(count.group(1))


# -- the document page -----------------------------------------------------------------------
def test_every_event_of_a_document_is_linked_from_its_sentence(client: Client) -> None:
    for coded in fixture_docs():
        if not coded.events:
            continue
        html = client.get("/documents/" + quote(coded.document.id)).text
        body = html.split('id="doc-body"', 1)[1].split("</div>", 1)[0]
        for event in coded.events:
            assert f'href="/events/{quote(event.id)}"' in body, event.id
            assert f'id="event-{event.id}"' in body
            assert f'id="sentence-{event.evidence.start}"' in body
        # The events table shows each sentence, linked to its place in the text.
        assert 'href="#sentence-' in html.split('id="doc-body"', 1)[1]


def test_event_page_links_to_its_sentence(client: Client) -> None:
    row = client.get("/api/v1/events").json()["events"][0]
    html = client.get("/events/" + quote(row["id"])).text
    assert f'#event-{quote(row["id"])}"' in html


def test_event_sentence_shading_is_not_reset() -> None:
    css = (Path(__file__).resolve().parents[1] / "src/dateline/web/static/app.css").read_text()
    reset = css.index("mark, a.mark { background: transparent")
    shade = css.index("mark.event, a.mark.event")
    assert shade > reset


# -- sorting and filters ---------------------------------------------------------------------
def test_sort_is_honoured_and_unknown_keys_refused(client: Client) -> None:
    rows = client.get("/api/v1/events?sort=type").json()["events"]
    assert [r["type"] for r in rows] == sorted(r["type"] for r in rows)
    rows = client.get("/api/v1/events?sort=-type").json()["events"]
    assert [r["type"] for r in rows] == sorted((r["type"] for r in rows), reverse=True)
    rows = client.get("/api/v1/events?sort=date").json()["events"]
    dated = [r["date"] for r in rows if r["date"]]
    assert dated == sorted(dated)
    assert_envelope(client.get("/api/v1/events?sort=colour"), 422, "invalid-parameter")
    html = client.get("/events?sort=type").text
    assert 'aria-sort="ascending"' in html and "sort=-type" in html


def test_several_types_codes_in_any_case_and_known_contexts(client: Client) -> None:
    several = client.get("/api/v1/events?type=AGREE,CONSULT,SUPPORT").json()
    assert several["total"] >= 1
    assert {e["type"] for e in several["events"]} <= {"AGREE", "CONSULT", "SUPPORT"}
    upper = client.get("/api/v1/events", params={"actor": "UKR GOV"}).json()["total"]
    lower = client.get("/api/v1/events", params={"actor": "ukr gov"}).json()["total"]
    assert upper == lower > 0
    bad = client.get("/api/v1/events?context=nonsense")
    assert_envelope(bad, 422, "invalid-parameter")
    assert "one of" in bad.json()["error"]["message"]


# -- downloads and lists ---------------------------------------------------------------------
def test_downloads_hold_what_the_list_shows(client: Client) -> None:
    listed = client.get("/api/v1/events", params={"type": "AID,SUPPORT"}).json()
    csv_text = client.get("/api/v1/events.csv", params={"type": "AID,SUPPORT"})
    assert csv_text.status_code == 200 and csv_text.headers["content-type"].startswith("text/csv")
    assert "attachment" in csv_text.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(csv_text.text)))
    assert {r["id"] for r in rows} == {e["id"] for e in listed["events"]}
    geo = client.get("/api/v1/events.geojson", params={"type": "AID,SUPPORT"}).json()
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == listed["total"]
    points = [f for f in geo["features"] if f["geometry"]]
    assert points and all(len(f["geometry"]["coordinates"]) == 2 for f in points)
    records = client.get("/api/v1/events.json", params={"type": "AID,SUPPORT"}).json()
    assert len(records) == listed["total"]
    lines = client.get("/api/v1/events.jsonl").text.splitlines()
    assert len(lines) == client.get("/api/v1/events").json()["total"]
    assert_envelope(client.get("/api/v1/events.xml"), 422)
    assert_envelope(client.get("/api/v1/events.csv?type=EXPLODE"), 422)
    html = client.get("/events?type=AID").text
    assert 'href="/api/v1/events.csv?type=AID"' in html


def test_list_pages_and_their_twins(client: Client) -> None:
    for path in ("/actors", "/documents", "/outlets", "/dyads", "/stories"):
        assert client.get(path).status_code == 200, path
        assert client.get("/api/v1" + path).status_code == 200, path
    docs = client.get("/api/v1/documents").json()
    assert docs["total"] == len(docs["documents"]) == 4
    actors = client.get("/api/v1/actors?q=ukr").json()
    assert actors["actors"] and all(a["code"].startswith("UKR") for a in actors["actors"])
    for a in actors["actors"]:
        assert total(client, "/events?actor=" + quote(a["code"])) == a["events"]
    dyads = client.get("/api/v1/dyads?actor=UKR").json()["dyads"]
    assert dyads and all("UKR" in (d["source"] + d["target"]) for d in dyads)


def test_document_search(client: Client) -> None:
    hits = client.get("/api/v1/documents", params={"q": "coalition"}).json()["hits"]
    assert hits and all(h["doc_id"] for h in hits)
    html = client.get("/documents", params={"q": "<script>coalition"}).text
    assert "<script>coalition" not in html


def test_a_search_with_more_matches_than_it_ranks_says_so(
    client: Client, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dateline.web import lists

    every = client.get("/api/v1/documents", params={"q": "the"}).json()
    assert every["pool"] is None and len(every["hits"]) > 2
    monkeypatch.setattr(lists, "SEARCH_LIMIT", 1)
    monkeypatch.setattr(lists, "SEARCH_POOL", 2)
    client = make_client(db)  # not the pages the first one kept
    found = client.get("/api/v1/documents", params={"q": "the"}).json()
    assert found["pool"] == 2 and len(found["hits"]) == 1
    assert "ranked among the 2 stored last" in client.get("/documents?q=the").text


def test_outlets_are_names_not_file_paths(client: Client) -> None:
    for row in client.get("/api/v1/events?per_page=200").json()["events"]:
        event = client.get("/api/v1/events/" + quote(row["id"])).json()["event"]
        for report in event["reports"]:
            outlet = report["outlet"] or ""
            assert "/" not in outlet and not outlet.endswith((".txt", ".html", ".json"))


# -- labels and coalitions -------------------------------------------------------------------
def test_a_code_names_the_same_person_on_every_page(client: Client) -> None:
    overview = client.get("/api/v1/overview").json()
    for actor in overview["actors"]:
        page = client.get("/api/v1/actors/" + quote(actor["code"])).json()
        assert page["actor"]["name"] == actor["name"], actor["code"]
    assert any(a["name"] for a in overview["actors"])


def test_the_person_is_the_office_holder_on_the_date() -> None:
    from dateline.web.labels import Holder, People

    people = People(
        {
            "XYZ GOV": [
                Holder("Ann Older", "President", "2019-01-01", "2024-06-01"),
                Holder("Bob Newer", "President", "2024-06-01", None),
            ]
        }
    )
    assert people.label("XYZ GOV", "2023-05-02") == "Ann Older (President)"
    assert people.label("XYZ GOV", "2025-01") == "Bob Newer (President)"
    assert people.label("XYZ GOV", None) == "Bob Newer (President)"
    assert people.label("ABC GOV", "2025-01-01") is None


def test_every_listed_membership_has_a_date_and_a_public_source() -> None:
    from dateline.web import coalitions

    willing = coalitions.find(coalitions.load(), "coalition of the willing")
    assert willing is not None
    codes = [m.code for m in willing.members]
    assert len(codes) == len(set(codes))  # one row per member, FRA not twice
    assert {"GBR", "FRA", "DEU", "CAN", "TUR", "NATO", "EU"} <= set(codes)
    for member in willing.members:
        assert member.since and member.since >= "2025-03-02", member.code
        assert "https://" in member.source, member.code  # a report a reader can open
    assert "coalition" not in {c.lower() for c in codes}


def test_coalitions_file_is_validated(tmp_path: Path) -> None:
    from dateline.errors import DataFileError
    from dateline.web import coalitions

    known = coalitions.load()
    assert coalitions.find(known, "COALITION OF THE WILLING") is not None
    (tmp_path / "coalitions.toml").write_text(
        '[[coalition]]\nname = "Test Pact"\n\n[[coalition.member]]\ncode = "XYZ"\n'
        'since = "last spring"\nsource = "a statement"\n'
    )
    with pytest.raises(DataFileError, match=r"\[coalitions.toml:4\] since"):
        coalitions.load(tmp_path)
    (tmp_path / "coalitions.toml").write_text(
        '[[coalition]]\nname = "Test Pact"\n\n[[coalition.member]]\ncode = "XYZ"\n'
        'source = "a statement"\n'
    )
    with pytest.raises(DataFileError, match=r"\[coalitions.toml:4\] member 'XYZ' needs a date"):
        coalitions.load(tmp_path)
    (tmp_path / "coalitions.toml").write_text('[[coalition]]\nname = "Empty"\ncolour = "red"\n')
    with pytest.raises(DataFileError, match=r"\[coalitions.toml:1\] unknown key"):
        coalitions.load(tmp_path)


# -- scale and API -----------------------------------------------------------------------------
def test_head_answers_every_page(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    from dateline.web import downloads

    for path in ("/", "/events", "/api/v1/overview", "/api/v1/events.csv", "/api/v1/actors.json"):
        response = client.request("HEAD", path)
        assert response.status_code == 200, path
        assert response.content == b""
        assert "content-security-policy" in response.headers
        assert response.headers["content-type"] == client.get(path).headers["content-type"]

    def unread(*args: object, **kwargs: object) -> None:
        raise AssertionError("HEAD read the events")

    monkeypatch.setattr(downloads, "stored_events", unread)
    response = client.request("HEAD", "/api/v1/events.parquet")
    assert response.status_code == 200 and "attachment" in response.headers["content-disposition"]


def test_openapi_has_response_models_and_the_post_body(client: Client) -> None:
    spec = client.get("/openapi.json").json()
    ok = spec["paths"]["/api/v1/events"]["get"]["responses"]["200"]["content"]
    assert ok["application/json"]["schema"]["$ref"].endswith("/EventsOut")
    events = spec["components"]["schemas"]["EventsOut"]["properties"]
    assert {"events", "total", "sort"} <= set(events)
    post = spec["paths"]["/api/v1/documents"]["post"]
    assert {"text/plain", "text/html", "application/json"} <= set(post["requestBody"]["content"])
    assert "200" in post["responses"] and "201" in post["responses"]
    assert "get" in spec["paths"]["/api/v1/documents"]
    assert "/api/v1/events.{kind}" in spec["paths"]


def test_actor_page_lists_the_top_counterparts_and_links_to_all(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dateline.web import data

    full = client.get("/api/v1/actors/UKR").json()
    assert full["partners_total"] == len(full["partners"]) >= 2
    monkeypatch.setattr(data, "PARTNERS", 1)
    capped = make_client(client.app.state.options.db_path)
    page = capped.get("/api/v1/actors/UKR?by=day").json()
    assert len(page["partners"]) == 1 and page["partners_total"] == full["partners_total"]
    html = capped.get("/actors/UKR?by=month").text
    assert 'id="more-partners" href="/dyads?actor=UKR"' in html


def test_a_download_is_what_dateline_export_writes(client: Client, db: Path) -> None:
    from click.testing import CliRunner

    from dateline.cli import cli

    for fmt, kind in (("csv", "csv"), ("geojson", "geojson"), ("plover", "json")):
        out = CliRunner().invoke(
            cli, ["export", "--format", fmt, "--db", str(db), "--type", "AID,SUPPORT"]
        )
        assert out.exit_code == 0, out.output
        api = client.get(f"/api/v1/events.{kind}", params={"type": "AID,SUPPORT"}).text
        assert api and out.stdout.startswith(api), fmt


def test_the_undated_link_lists_the_undated_count(client: Client) -> None:
    tl = client.get("/api/v1/overview").json()["timeline"]
    listed = client.get("/api/v1/events", params={"undated": "true"}).json()["total"]
    assert listed == tl["precisions"]["undated"]


def test_a_list_of_actor_codes_matches_any_not_silently_empty(client: Client) -> None:
    # Once refused with a 422 (the store matched one code per role); now a list means any.
    both = total(client, "/events?actor=ukr gov,RUS")
    assert both == total(client, "/events?actor=UKR GOV") + total(client, "/events?actor=RUS")
    assert both > 0


def test_parquet_download_is_one_file_in_row_groups(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``/api/v1/events.parquet`` is one Parquet file of the CSV's columns, written a row
    group at a time (so it streams): the same events as the CSV, in the same order."""
    import pyarrow.parquet as pq

    from dateline.web import downloads

    monkeypatch.setattr(downloads, "PARQUET_ROWS", 2)
    monkeypatch.setattr(downloads, "FIRST_PAGE", 1)
    response = client.get("/api/v1/events.parquet")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/vnd.apache.parquet"
    parquet = pq.ParquetFile(io.BytesIO(response.content))
    rows = list(csv.DictReader(io.StringIO(client.get("/api/v1/events.csv").text)))
    assert parquet.metadata.num_rows == len(rows) > 4
    assert parquet.metadata.num_row_groups == 1 + -(-(len(rows) - 1) // 2)
    assert parquet.read().column("id").to_pylist() == [r["id"] for r in rows]


@pytest.mark.parametrize(
    "params",
    [{}, {"actor": "UKR"}, {"type": "AID,SUPPORT,AGREE"}, {"since": "2026-01-01"},
     {"actor": "UKR GOV,RUS"}, {"raw": "true"}, {"undated": "true"}],
)  # fmt: skip
def test_downloads_read_page_after_page_the_whole_list_in_order(
    client: Client, monkeypatch: pytest.MonkeyPatch, params: dict[str, str]
) -> None:
    """A download reads the list a few events at a time from where it stopped (no OFFSET):
    with pages of 2 and 3 it holds every event of the list, once, in the list's order."""
    from dateline.web import downloads

    monkeypatch.setattr(downloads, "FIRST_PAGE", 2)
    monkeypatch.setattr(downloads, "PAGE", 3)
    listed = client.get("/api/v1/events", params={**params, "per_page": "200"}).json()
    lines = client.get("/api/v1/events.jsonl", params=params).text.splitlines()
    assert [json.loads(line)["id"] for line in lines] == [e["id"] for e in listed["events"]]
    assert len(lines) == listed["total"]


def test_a_place_name_with_a_comma_is_one_value_in_quotes(tmp_path: Path) -> None:
    """Lists split on commas; a place name holding one ("Washington, D.C.") is written in
    double quotes, by a reader or by the map's own links, and is one place again."""
    import dataclasses

    from dateline.models import EventPlace
    from dateline.store.types import quote_value, split_values

    assert split_values('"Washington, D.C.", Kyiv') == ["Washington, D.C.", "Kyiv"]
    assert split_values("AID, support") == ["AID", "support"]
    for name in ("Washington, D.C.", 'The "Hague", NL', "Kyiv", '"quoted"'):
        assert split_values(quote_value(name) + ",Lviv") == [name, "Lviv"]
    docs = fixture_docs()
    first = docs[0]
    places = [EventPlace("Washington, D.C.", "USA", 38.9, -77.04), EventPlace("Kyiv", "UKR",
              50.45, 30.52)]  # fmt: skip
    events = [dataclasses.replace(e, place=places[i % 2]) for i, e in enumerate(first.events)]
    db = tmp_path / "comma.db"
    with Store.open(db) as store:
        store.add([dataclasses.replace(first, events=events), *docs[1:]])
    client = make_client(db)
    capital = client.get("/api/v1/events", params={"place": '"Washington, D.C."'}).json()
    kyiv = client.get("/api/v1/events", params={"place": "Kyiv"}).json()
    assert capital["total"] >= 1
    assert {e["place"] for e in capital["events"]} == {"Washington, D.C."}
    both = client.get("/api/v1/events", params={"place": '"Washington, D.C.",Kyiv'}).json()
    assert both["total"] == capital["total"] + kyiv["total"]
    # The parameter repeated is a list too.
    repeated = client.get("/api/v1/events?place=%22Washington%2C+D.C.%22&place=Kyiv").json()
    assert repeated["total"] == both["total"]
    assert client.get("/api/v1/events?type=AID&type=SUPPORT").json()["total"] == total(
        client, "/events?type=AID,SUPPORT"
    )
    # The map's place rows link to the quoted name, and the list they open is as long.
    page = client.get("/map").text
    href = re.search(r'href="(/events\?place=[^"]*Washington[^"]*)"', page)
    assert href, "no link to the Washington, D.C. events"
    assert total(client, href.group(1).replace("&amp;", "&")) == capital["total"]


@pytest.mark.parametrize(
    ("page", "key", "column"),
    [("/actors", "actors", "code"), ("/documents", "documents", "id"),
     ("/outlets", "outlets", "outlet"), ("/dyads", "dyads", "source"),
     ("/stories", "stories", "id"), ("/actors?q=ukr", "actors", "code"),
     ("/dyads?actor=UKR", "dyads", "source")],
)  # fmt: skip
def test_every_list_page_downloads_what_it_lists(
    client: Client, page: str, key: str, column: str
) -> None:
    """Each list page links to CSV and JSON downloads of the whole list, with its own
    parameters; they hold the rows its JSON twin lists (all pages of them)."""
    path, _, query = page.partition("?")
    html = client.get(page).text
    for kind in ("csv", "json"):
        href = f"/api/v1{path}.{kind}" + (f"?{query}" if query else "")
        assert f'href="{href}"' in html, (page, kind)
    twin = client.get("/api/v1" + path, params={**dict(parse_qsl(query)), "per_page": "200"})
    listed = [row[column] for row in twin.json()[key]]
    rows = list(csv.DictReader(io.StringIO(client.get(f"/api/v1{path}.csv?{query}").text)))
    assert [r[column] for r in rows] == [str(v) if v is not None else "" for v in listed]
    records = client.get(f"/api/v1{path}.json?{query}").json()
    assert [r[column] for r in records] == listed
    if key in ("actors", "dyads"):
        assert [r["events"] for r in records] == [row["events"] for row in twin.json()[key]]


def test_every_json_twin_matches_the_model_openapi_gives_it(client: Client) -> None:
    """The models in /openapi.json are what the twins return: each answer validates."""
    from dateline.web import schemas

    spec = client.get("/openapi.json").json()
    event = client.get("/api/v1/events").json()["events"][0]
    filled = {"{event_id}": quote(event["id"]), "{doc_id}": quote(event["doc_id"]),
              "{code}": "UKR"}  # fmt: skip
    checked = 0
    for path, operations in spec["paths"].items():
        ok = operations.get("get", {}).get("responses", {}).get("200", {})
        ref = ok.get("content", {}).get("application/json", {}).get("schema", {}).get("$ref")
        if not ref:
            continue
        for hole, value in filled.items():
            path = path.replace(hole, value)
        answer = client.get(path)
        assert answer.status_code == 200, path
        getattr(schemas, ref.rsplit("/", 1)[1]).model_validate(answer.json())
        checked += 1
    assert checked >= 13


def test_a_sorted_page_is_the_same_whether_it_walks_the_index_or_sorts(db: Path) -> None:
    """With many matches a sorted page walks the sort's index (``many=True``); the rows are
    the same as when every match is sorted."""
    from dateline.store import pages
    from dateline.store.types import EventFilter

    # Every sort has an index to walk (source and target since migration 8).
    assert {sort.lstrip("-") for sort in pages.EVENT_SORTS} == set(pages.SORT_INDEX)
    with Store.open(db, readonly=True) as store:
        for sort in pages.EVENT_SORTS:
            for f in (EventFilter(type="AID,SUPPORT,AGREE,CONSULT"), EventFilter(actor="UKR")):
                for offset in (0, 3):
                    args = (store.conn, f, sort, 4, offset, True)
                    walked = pages.sorted_event_ids(*args, many=True)
                    assert walked == pages.sorted_event_ids(*args, many=False), (sort, f)
                    assert walked


@pytest.mark.parametrize(
    ("since", "until"),
    [(None, None), ("2026-01-01", None), (None, "2026-01-10"), ("2026-01-06", "2026-01-20"),
     ("2025-06-15", "2026-12-31"), ("2026-01-07", "2026-01-07")],
)  # fmt: skip
def test_a_date_range_timeline_from_the_writers_counts_equals_the_events(
    db: Path, since: str | None, until: str | None
) -> None:
    """A timeline over a date range alone is read from the per-date counts the writer keeps;
    it equals the one counted from the events (the same range and every type)."""
    from dateline.store.types import EventFilter
    from dateline.web import data

    every_type = ",".join(PLOVER_TYPES)
    with Store.open(db, readonly=True) as store:
        for by in ("day", "week", "month"):
            for classes in (True, False):
                quick = data.timeline(store, by, EventFilter(since=since, until=until),
                                      classes=classes)  # fmt: skip
                slow = data.timeline(
                    store, by, EventFilter(since=since, until=until, type=every_type),
                    classes=classes,
                )  # fmt: skip
                slow["link"] = quick["link"]
                assert quick == slow, (by, classes)


@pytest.mark.parametrize(
    "params",
    [{}, {"actor": "UKR"}, {"actor": "UKR GOV", "type": "AID,SUPPORT"}, {"status": "planned"},
     {"since": "2026-01-06", "type": "CONSULT,AGREE,ACCUSE"}, {"source": "RUS"}],
)  # fmt: skip
def test_timeline_and_precisions_from_one_pass_equal_the_stores(
    db: Path, params: dict[str, str]
) -> None:
    """The pages count a filter's events once, by date, and derive the periods and the date
    precisions from that: the same figures as ``Store.timeline`` and ``date_precisions``."""
    from dateline.store import pages
    from dateline.store.types import EventFilter
    from dateline.web import data

    f = EventFilter(**params)
    with Store.open(db, readonly=True) as store:
        days = pages.filtered_dated_counts(store.conn, f, merged=True)
        assert data._precisions(days) == store.date_precisions(f, merged=True)
        for by in ("day", "week", "month"):
            for classes in (True, False):
                ours = [p for p in data._periods(days, by, classes) if p[0] and p[1]]
                theirs = [(p.period, p.group, p.count)
                          for p in store.timeline(f, by, classes=classes, merged=True)
                          if p.period and p.group]  # fmt: skip
                assert sorted(ours) == sorted(theirs), (by, classes)


def test_readiness_says_503_until_the_start_up_pages_are_built(client: Client) -> None:
    from dateline.web.views import warm

    assert client.get("/api/v1/ready").json() == {"ready": True}
    client.app.state.ready = False  # as `dateline serve` starts
    warming = client.get("/api/v1/ready")
    assert_envelope(warming, 503, "warming-up")
    assert warming.headers["retry-after"] == "1"
    assert client.request("HEAD", "/api/v1/ready").status_code == 503
    warm(client.app)  # builds the overview, coalition, map and dyads, then says ready
    assert client.get("/api/v1/ready").status_code == 200
    assert "/api/v1/ready" in client.get("/openapi.json").json()["paths"]


def test_the_busiest_actor_pages_are_built_at_start_up(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dateline.web import data
    from dateline.web.views import warm

    warm(client.app)
    busiest = client.get("/api/v1/actors").json()["actors"][0]["code"]
    built: list[str] = []
    real = data.actor_detail
    monkeypatch.setattr(
        data, "actor_detail", lambda store, code, by: built.append(code) or real(store, code, by)
    )
    assert client.get(f"/api/v1/actors/{busiest}").status_code == 200
    assert built == [], "the busiest actor's page was built again on its first visit"


def test_the_page_cache_can_be_switched_off(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dateline.options import Options

    monkeypatch.setenv("DATELINE_PAGE_CACHE_MB", "0")
    assert Options.from_env().page_cache_mb == 0
    client = make_client(db, page_cache_mb=0)
    assert client.get("/events").status_code == 200
    assert client.get("/events").status_code == 200
    assert client.app.state.pages.entries == {}  # nothing kept
    kept = make_client(db)
    kept.get("/events")
    assert len(kept.app.state.pages.entries) == 1
