"""The HTTP API in-process (httpx's ASGI transport) over a database of hand-coded articles.

Bad parameters must get a 4xx with the error envelope, never a 500; ingest needs its token;
everything that came from an article is escaped.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest

import dateline.store as store_mod
from dateline.models import CodedDocument, Document, Event
from dateline.options import Options

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "web"
TOKEN = "s3cret-token-for-tests"


def fixture_docs() -> list[CodedDocument]:
    out = []
    for line in (FIXTURES / "coded.jsonl").read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        doc = Document.from_dict(data["document"])
        out.append(CodedDocument(doc, [Event.from_dict(e) for e in data["events"]]))
    return out


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("api") / "api.db"
    with store_mod.Store.open(path) as store:
        store.add(fixture_docs())
    return path


class Client:
    """A small synchronous face over httpx.AsyncClient + ASGITransport."""

    def __init__(self, app: Any) -> None:
        self.app = app

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        async def go() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app, raise_app_exceptions=False)
            async with httpx.AsyncClient(transport=transport, base_url="http://localhost") as c:
                return await c.request(method, url, **kwargs)

        return asyncio.run(go())

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", url, **kwargs)


def make_client(db: Path, **settings: Any) -> Client:
    from dateline.web import create_app

    return Client(create_app(Options(db_path=db, **settings)))


@pytest.fixture()
def client(db: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Client]:
    monkeypatch.delenv("DATELINE_TOKEN", raising=False)
    yield make_client(db)


def assert_envelope(response: httpx.Response, status: int, code: str | None = None) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}, body
    assert set(body["error"]) == {"code", "message"}, body
    assert body["error"]["message"]
    if code is not None:
        assert body["error"]["code"] == code, body


# -- pages and their JSON twins -------------------------------------------------------------
PAGES = ["/", "/events", "/map", "/coalition", "/docs"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "content-security-policy" in response.headers
    # Nothing is loaded from another origin.
    assert not re.search(r'(src|href)="(https?:)?//', response.text)


def test_overview_json(client: Client) -> None:
    data = client.get("/api/v1/overview").json()
    assert data["counts"]["documents"] == 4
    assert data["counts"]["events"] >= 9
    tl = data["timeline"]
    assert set(tl["counts"]) == {
        "verbal cooperation", "material cooperation", "verbal conflict", "material conflict",
    }  # fmt: skip
    assert sum(sum(v.values()) for v in tl["counts"].values()) >= 9
    assert data["latest"][0]["date"] >= data["latest"][-1]["date"]
    assert any(a["code"] == "UKR" for a in data["actors"])


def test_events_filters(client: Client) -> None:
    all_rows = client.get("/api/v1/events").json()
    assert all_rows["total"] == len(all_rows["events"]) >= 9
    aid = client.get("/api/v1/events", params={"type": "aid"}).json()
    assert {e["type"] for e in aid["events"]} == {"AID"} and len(aid["events"]) == 2
    planned = client.get("/api/v1/events", params={"status": "planned"}).json()["events"]
    assert [e["type"] for e in planned] == ["MOBILIZE"]
    march = client.get("/api/v1/events", params={"since": "2026-03-01"}).json()["events"]
    assert march and all(e["date"] >= "2026-03-01" for e in march)
    jan = client.get("/api/v1/events", params={"until": "2026-01-31"}).json()["events"]
    assert jan and all(e["date"] <= "2026-01-31" for e in jan)
    src = client.get("/api/v1/events", params={"source": "NOR GOV"}).json()["events"]
    assert [e["type"] for e in src] == ["AID"]
    words = client.get("/api/v1/events", params={"text": "winter aid"}).json()["events"]
    assert len(words) == 1 and "winter aid" in words[0]["sentence"]


def ids(client: Client, **params: str) -> set[str]:
    body = client.get("/api/v1/events", params={"per_page": "200", **params}).json()
    assert body["total"] == len(body["events"]), body
    return {e["id"] for e in body["events"]}


@pytest.mark.parametrize(
    ("name", "one", "two"),
    [
        ("actor", "NOR GOV", "CAN GOV"),
        ("source", "NOR GOV", "FRA GOV"),
        ("target", "UKR", "FRA GOV"),
        ("status", "planned", "denied"),
        ("place", "Paris", "Oslo"),
        ("place", "FRA", "NOR"),
        ("place", "Kyiv", "London"),
    ],
)
def test_several_values_per_filter_match_any(client: Client, name: str, one: str, two: str) -> None:
    first, second = ids(client, **{name: one}), ids(client, **{name: two})
    assert first and second and first != second, (name, one, two)
    both = ids(client, **{name: f"{one}, {two}"})
    assert both == first | second
    # Repeating a value or changing its case changes nothing; the single value still works.
    assert ids(client, **{name: f"{one},{one.lower()},{two}"}) == both
    # Combined with another field, the lists still AND together.
    assert ids(client, **{name: f"{one},{two}"}, type="AID") == both & ids(client, type="AID")


def test_several_actor_codes_in_the_store() -> None:
    """The store's filter itself (what the CLI and the exports use) takes lists too."""
    with store_mod.Store.open(":memory:") as store:
        store.add(fixture_docs())
        one = {e.id for e in store.events(store_mod.EventFilter(actor="NOR GOV"))}
        two = {e.id for e in store.events(store_mod.EventFilter(actor="CAN GOV"))}
        both = store_mod.EventFilter(actor="NOR GOV,CAN GOV")
        assert one and two and {e.id for e in store.events(both)} == one | two
        assert store.count_events(both) == len(one | two)
        with_source = store_mod.EventFilter(actor="NOR GOV,CAN GOV", source="NOR GOV")
        assert {e.id for e in store.events(with_source)} <= one


def test_an_unknown_status_in_a_list_names_the_allowed_values(client: Client) -> None:
    response = client.get("/api/v1/events", params={"status": "planned,rumoured"})
    assert_envelope(response, 422, "invalid-parameter")
    message = response.json()["error"]["message"]
    assert "'rumoured'" in message and "planned" in message and "denied" in message


def test_pagination(client: Client) -> None:
    first = client.get("/api/v1/events", params={"per_page": 4}).json()
    second = client.get("/api/v1/events", params={"per_page": 4, "page": 2}).json()
    assert len(first["events"]) == 4 and first["has_next"]
    assert {e["id"] for e in first["events"]}.isdisjoint(e["id"] for e in second["events"])
    far = client.get("/api/v1/events", params={"page": 500}).json()
    assert far["events"] == [] and not far["has_next"]


def test_event_and_document(client: Client) -> None:
    row = client.get("/api/v1/events", params={"type": "SUPPORT"}).json()["events"][0]
    event = client.get(f"/api/v1/events/{quote(row['id'])}").json()["event"]
    assert event["attributed_to"]["code"] == "CAN GOV"
    kinds = [p["kinds"] for p in event["sentence_pieces"] if p["kinds"]]
    assert ["trigger"] in kinds and ["actor"] in kinds
    assert event["rules"][0].startswith("trigger.")
    assert event["reports"] and event["reports"][0]["doc_id"] == row["doc_id"]
    doc = client.get(f"/api/v1/documents/{row['doc_id']}").json()
    assert doc["document"]["title"].startswith("Coalition leaders")
    marked = [p for para in doc["paragraphs"] for p in para if "event" in p["kinds"]]
    assert marked and all(p["ref"] for p in marked)
    html = client.get(f"/events/{quote(row['id'])}").text
    assert '<mark class="trigger"' in html


def test_actor_network(client: Client) -> None:
    data = client.get("/api/v1/actors/UKR").json()
    assert data["actor"]["events"] >= 4
    partners = {p["code"] for p in data["partners"]}
    assert {"FRA GOV", "NOR GOV"} <= partners
    nodes = {n["id"] for n in data["graph"]["nodes"]}
    assert "UKR" in nodes and data["graph"]["edges"]
    assert client.get("/actors/UKR%20GOV").status_code == 200


def test_map_places(client: Client) -> None:
    data = client.get("/api/v1/map").json()
    names = {p["name"]: p for p in data["places"]}
    assert {"Paris", "Kyiv", "London", "Oslo"} <= set(names)
    assert names["Paris"]["lat"] == pytest.approx(48.85, abs=0.05)


def test_coalition(client: Client) -> None:
    data = client.get("/api/v1/coalition").json()
    assert data["name"] == "Coalition of the Willing"
    codes = {m["code"] for m in data["members"]}
    # One member per country; the coalition is not its own member.
    assert "GBR" in codes and "GBR GOV" not in codes
    assert "Coalition of the Willing" not in codes
    listed = {m["code"]: m["listed"] for m in data["members"] if m["listed"]}
    assert listed["GBR"]["source"] and listed["FRA"]["provenance"].startswith("coalitions.toml:")
    for m in data["members"]:
        assert set(m["types"]) <= {"AID", "SUPPORT", "AGREE", "COOPERATE", "MOBILIZE"}
    alias = client.get("/api/v1/coalition?name=coalition%20of%20the%20willing").json()
    assert alias["name"] == "Coalition of the Willing"


# -- bad parameters: 4xx with the envelope, never 500 ---------------------------------------
BAD = [
    ("/api/v1/events?since=2026-13-40", 422),
    ("/api/v1/events?until=yesterday", 422),
    ("/api/v1/events?since=2026-1-6", 422),
    ("/api/v1/coalition?since=2026-02-30", 422),
    ("/api/v1/coalition?since=2026-03-01&until=2026-01-01", 422),
    ("/api/v1/events?since=2026-03-01&until=2026-01-01", 422),
    ("/api/v1/events?type=EXPLODE", 422),
    ("/api/v1/events?status=rumoured", 422),
    ("/api/v1/events?per_page=1000000", 422),
    ("/api/v1/events?per_page=0", 422),
    ("/api/v1/events?page=-1", 422),
    ("/api/v1/events?page=99999999999999999999", 422),
    ("/api/v1/events?raw=perhaps", 422),
    ("/api/v1/events?actor=" + "X" * 500, 422),
    ("/api/v1/overview?by=century", 422),
    ("/api/v1/events/" + "e" * 300, 422),
    ("/api/v1/events/ev-does-not-exist", 404),
    ("/api/v1/documents/doc-nope", 404),
    ("/api/v1/actors/NOBODY", 404),
    ("/api/v1/coalition?name=x", 422),
    ("/api/v1/nothing-here", 404),
    ("/api/v1/events?text=" + "w" * 5000, 414),
]


@pytest.mark.parametrize(("url", "status"), BAD)
def test_bad_parameters_get_the_envelope(client: Client, url: str, status: int) -> None:
    assert_envelope(client.get(url), status)


def test_empty_parameters_are_no_filter(client: Client) -> None:
    empty = "type=&status=&actor=&since=&until=&place=&text=&context="
    response = client.get("/api/v1/events?" + empty)
    assert response.status_code == 200
    assert response.json()["total"] == client.get("/api/v1/events").json()["total"]


def test_text_search_with_fts_syntax_is_not_an_error(client: Client) -> None:
    for text in ['"unbalanced', "NEAR(", "a OR", "*", "'; DROP TABLE events; --", "%_"]:
        response = client.get("/api/v1/events", params={"text": text})
        assert response.status_code == 200, (text, response.text)


def test_wrong_method_gets_the_envelope(client: Client) -> None:
    assert_envelope(client.request("DELETE", "/api/v1/events"), 405)


def test_browser_gets_an_html_error_page(client: Client) -> None:
    response = client.get("/events?type=EXPLODE", headers={"accept": "text/html"})
    assert response.status_code == 422
    assert "EXPLODE" in response.text and "<h1>" in response.text


def test_missing_database_is_503(tmp_path: Path) -> None:
    assert_envelope(make_client(tmp_path / "none.db").get("/api/v1/overview"), 503)


def test_foreign_database_is_503_and_untouched(tmp_path: Path) -> None:
    foreign = tmp_path / "foreign.db"
    foreign.write_bytes(b"this is not a database at all" * 100)
    before = foreign.read_bytes()
    assert_envelope(make_client(foreign).get("/api/v1/overview"), 503)
    assert foreign.read_bytes() == before


# -- static files ---------------------------------------------------------------------------
def test_static_files_and_no_way_out(client: Client) -> None:
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/static/vendor/world-atlas/countries-110m.json").status_code == 200
    for url in [
        "/static/../app.py",
        "/static/%2e%2e/app.py",
        "/static/%2e%2e/%2e%2e/options.py",
        "/static/..%2f..%2foptions.py",
        "/static//etc/passwd",
        "/static/%2Fetc%2Fpasswd",
    ]:
        response = client.get(url)
        assert response.status_code in (400, 404), (url, response.status_code)
        assert "import" not in response.text and "root:" not in response.text


# -- escaping -------------------------------------------------------------------------------
def test_article_markup_is_escaped(client: Client) -> None:
    row = client.get("/api/v1/events", params={"text": "air defence"}).json()["events"][0]
    for url in [f"/documents/{row['doc_id']}", f"/events/{quote(row['id'])}", "/events", "/"]:
        html = client.get(url).text
        assert "<script>window.__xss" not in html, url
        assert "<img src=x" not in html, url
        assert 'href="javascript:' not in html, url
    doc_html = client.get(f"/documents/{row['doc_id']}").text
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in doc_html
    assert "onerror=&#34;window.__xss=2&#34;" in doc_html or "onerror=&quot;" in doc_html


# -- ingest ---------------------------------------------------------------------------------
def test_ingest_refused_without_configured_token(client: Client) -> None:
    response = client.post(
        "/api/v1/documents", content=b"text", headers={"content-type": "text/plain"}
    )
    assert_envelope(response, 403, "ingest-disabled")


def test_ingest_needs_the_right_token(db: Path) -> None:
    c = make_client(db, token=TOKEN)
    headers = {"content-type": "text/plain"}
    assert_envelope(c.post("/api/v1/documents", content=b"x", headers=headers), 401)
    wrong = {**headers, "authorization": "Bearer nope"}
    assert_envelope(c.post("/api/v1/documents", content=b"x", headers=wrong), 401)
    basic = {**headers, "authorization": "Basic " + TOKEN}
    assert_envelope(c.post("/api/v1/documents", content=b"x", headers=basic), 401)


def test_ingest_checks_type_and_size(db: Path) -> None:
    c = make_client(db, token=TOKEN, max_body_bytes=1000)
    auth = {"authorization": f"Bearer {TOKEN}"}
    bad_type = c.post(
        "/api/v1/documents", content=b"x", headers={**auth, "content-type": "image/png"}
    )
    assert_envelope(bad_type, 415)
    big = c.post(
        "/api/v1/documents", content=b"x" * 5000, headers={**auth, "content-type": "text/plain"}
    )
    assert_envelope(big, 413)
    bad_json = c.post(
        "/api/v1/documents", content=b"{nope", headers={**auth, "content-type": "application/json"}
    )
    assert_envelope(bad_json, 400)

    # A body over the limit with no length announced is cut off while it streams in.
    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(10):
            yield b"y" * 500

    streamed = c.post(
        "/api/v1/documents", content=chunks(), headers={**auth, "content-type": "text/plain"}
    )
    assert_envelope(streamed, 413)


@pytest.mark.slow
def test_ingest_reads_codes_and_stores(tmp_path: Path, pipeline: Any) -> None:
    """POST an article (text, then HTML, then JSON): stored, coded, escaped on its page."""
    db = tmp_path / "ingest.db"
    with store_mod.Store.open(db):
        pass
    c = make_client(db, token=TOKEN)
    c.app.state.pipeline = pipeline  # the session's spaCy, not a second copy
    auth = {"authorization": f"Bearer {TOKEN}"}
    text = (FIXTURES / "xss-article.txt").read_bytes()
    first = c.post(
        "/api/v1/documents", content=text, headers={**auth, "content-type": "text/plain"}
    )
    assert first.status_code == 201, first.text
    doc = first.json()["documents"][0]
    assert doc["stored"] and doc["events"] >= 1
    again = c.post(
        "/api/v1/documents", content=text, headers={**auth, "content-type": "text/plain"}
    )
    # Stored before: nothing created, 200 with the existing id.
    assert again.status_code == 200 and again.json()["documents"][0]["already_stored"]
    assert again.json()["documents"][0]["id"] == doc["id"]
    html = c.get(f"/documents/{doc['id']}").text
    assert "<script>window.__xss" not in html and "&lt;script&gt;window.__xss" in html
    page = (FIXTURES / "xss-article.html").read_bytes()
    second = c.post(
        "/api/v1/documents", content=page, headers={**auth, "content-type": "text/html"}
    )
    # The same article as HTML may be the same document: then 200, else 201.
    known = second.json()["documents"][0]["already_stored"]
    assert second.status_code == (200 if known else 201), second.text
    record = {"title": "Nordic aid", "text": (FIXTURES / "plain-article.txt").read_text()}
    third = c.post("/api/v1/documents", json=record, headers=auth)
    assert third.status_code == 201, third.text
    ids = {r.json()["documents"][0]["id"] for r in (first, second, third)}
    assert c.get("/api/v1/overview").json()["counts"]["documents"] == len(ids) >= 2
    empty = c.post(
        "/api/v1/documents", content=b"   ", headers={**auth, "content-type": "text/plain"}
    )
    assert_envelope(empty, 422)


def test_openapi_documents_the_envelope(client: Client) -> None:
    schema = client.get("/openapi.json").json()
    assert "ErrorEnvelope" in schema["components"]["schemas"]
    for path in ["/api/v1/events", "/api/v1/overview", "/api/v1/events/{event_id}"]:
        responses = schema["paths"][path]["get"]["responses"]
        assert responses["422"]["content"]["application/json"]["schema"]["$ref"].endswith(
            "ErrorEnvelope"
        )
    assert "post" in schema["paths"]["/api/v1/documents"]
    docs = client.get("/docs").text
    assert "/api/v1/events/{event_id}" in docs and "swagger" not in docs.lower()


# -- the serve command ----------------------------------------------------------------------
def test_serve_help_and_refusal_of_a_foreign_file(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from dateline.cli import cli

    runner = CliRunner()
    shown = runner.invoke(cli, ["serve", "--help"])
    assert shown.exit_code == 0
    for flag in ("--db", "--host", "--port"):
        assert flag in shown.output
    foreign = tmp_path / "notes.db"
    foreign.write_text("my notes, not a database\n" * 20)
    before = foreign.read_bytes()
    refused = runner.invoke(cli, ["serve", "--db", str(foreign), "--port", "0"])
    assert refused.exit_code == 1
    assert "not a dateline database" in refused.output
    assert "Traceback" not in refused.output
    assert foreign.read_bytes() == before


def test_serve_defaults_to_one_process_a_core(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from dateline.cli import serve_cmds

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    assert serve_cmds.default_workers() == 2
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(32)), raising=False)
    assert serve_cmds.default_workers() == serve_cmds.MAX_DEFAULT_WORKERS
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {3}, raising=False)
    assert serve_cmds.default_workers() == 1


def test_counting_stops_at_the_cap(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    from dateline.web import data

    monkeypatch.setattr(data, "COUNT_CAP", 3)
    page = client.get("/api/v1/events", params={"status": "occurred,planned,denied"}).json()
    assert page["total"] == 3 and page["total_exact"] is False and page["pages"] is None
    assert len(page["events"]) > 3
    assert "3+ events" in client.get("/events", params={"status": "occurred,planned,denied"}).text
    # Words are counted by reading matches: their cap is lower (and exact below it).
    monkeypatch.setattr(data, "TEXT_COUNT_CAP", 1)
    words = client.get("/api/v1/events", params={"text": "Ukraine"}).json()
    assert words["total"] == 1 and words["total_exact"] is False, words["total"]


def test_the_view_cache_is_not_made_stale_by_its_own_reads(tmp_path: Path) -> None:
    """Regression (issue 12): after a write from another process the first read created the
    WAL file, which made the page just cached look stale, so it was built twice."""
    from dateline.web.app import ViewCache

    path = tmp_path / "cache.db"
    with store_mod.Store.open(path) as store:
        store.add(fixture_docs()[:1])
    builds: list[int] = []

    def build() -> int:
        with store_mod.Store.open(path, readonly=True) as store:
            builds.append(1)
            return store.summary().counts["documents"]

    cache = ViewCache(path)
    assert cache.get("overview", build) == 1
    assert cache.get("overview", build) == 1
    assert len(builds) == 1
    with store_mod.Store.open(path) as store:  # another writer
        store.add(fixture_docs()[1:2])
    assert cache.get("overview", build) == 2
    assert cache.get("overview", build) == 2
    assert len(builds) == 2


def test_pages_are_kept_until_the_database_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page asked for again is sent as it was made, not queried and rendered again; a
    write makes it anew; the overview (it shows when it was made) is never kept."""
    from dateline.web import data

    path = tmp_path / "pages.db"
    with store_mod.Store.open(path) as store:
        store.add(fixture_docs()[:2])
    client = make_client(path)
    built: list[str] = []
    page = data.event_page
    monkeypatch.setattr(data, "event_page", lambda *a, **k: built.append("x") or page(*a, **k))
    first = client.get("/events?type=AGREE,CONSULT")
    again = client.get("/events?type=AGREE,CONSULT")
    assert again.text == first.text and len(built) == 1
    assert again.headers["content-type"] == first.headers["content-type"]
    assert "content-security-policy" in again.headers
    client.get("/api/v1/events?type=AGREE,CONSULT")  # the JSON twin is a page of its own
    assert len(built) == 2
    with store_mod.Store.open(path) as store:  # another writer
        store.add(fixture_docs()[2:4])
    client.get("/events?type=AGREE,CONSULT")
    assert len(built) == 3
    opened = [client.get("/api/v1/overview").json()["opened"] for _ in range(2)]
    assert len(client.app.state.pages.entries) == 2  # the events pages, not the overview
    assert all(opened)


def test_warm_builds_the_pages_first_visitors_open(db: Path) -> None:
    """``dateline serve`` builds the overview, the first coalition's page, the map and the
    dyads while it starts; a visitor then finds them built."""
    from dateline.web.views import warm

    client = make_client(db)
    warm(client.app)
    kinds = {key[0] for key in client.app.state.cache.entries}
    assert {"overview", "coalition", "map", "dyads"} <= kinds
    assert client.get("/api/v1/coalition").json()["name"]


def test_pooled_stores_see_new_writes_and_a_replaced_file(tmp_path: Path) -> None:
    """The app reuses its read-only stores between requests: a write by another process is
    seen at the next request, and a database file replaced on disk is read anew."""
    path = tmp_path / "pool.db"
    with store_mod.Store.open(path) as store:
        store.add(fixture_docs()[:1])
    client = make_client(path)

    def documents() -> int:
        return int(client.get("/api/v1/documents").json()["total"])

    assert documents() == 1
    pool = client.app.state.stores
    assert len(pool.idle) == 1  # given back, to be lent again
    # Regression: a query left half-read holds its connection to the snapshot it began in;
    # such a connection must not be lent again once something was written.
    state, lent = pool.take()
    half_read = lent.conn.execute("SELECT name FROM sqlite_master")  # many rows
    assert half_read.fetchone()
    pool.give_back(state, lent)
    with store_mod.Store.open(path) as store:  # another writer
        store.add(fixture_docs()[1:3])
    assert documents() == 3
    del half_read
    other = tmp_path / "other.db"
    with store_mod.Store.open(other) as store:
        store.add(fixture_docs()[:4])
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    other.replace(path)
    assert documents() == 4
    path.unlink()
    assert_envelope(client.get("/api/v1/documents"), 503, "no-database")


def test_zip_download_is_the_zipped_parquet_export(
    client: Client, db: Path, tmp_path: Path
) -> None:
    """``/api/v1/events.zip`` is a zip of what ``dateline export --format parquet`` writes
    to a folder: the same partitioned files holding the same rows."""
    import io
    import zipfile

    import pyarrow.parquet as pq
    from click.testing import CliRunner

    from dateline.cli import cli

    folder = tmp_path / "cli"
    out = CliRunner().invoke(
        cli, ["export", "--format", "parquet", "--db", str(db), "--out", str(folder),
              "--type", "AID,SUPPORT"],
    )  # fmt: skip
    assert out.exit_code == 0, out.output
    response = client.get("/api/v1/events.zip", params={"type": "AID,SUPPORT"})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/zip"
    assert "events.parquet.zip" in response.headers["content-disposition"]
    assert response.headers["x-dateline-events"] == "3"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = sorted(archive.namelist())
    assert names == sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.parquet"))
    assert any(n.startswith("events/year=2026/") for n in names)
    unzipped = tmp_path / "api"
    archive.extractall(unzipped)
    for name in ("events", "actors", "documents"):
        ours = pq.read_table(unzipped / name).to_pylist()
        theirs = pq.read_table(folder / name).to_pylist()
        assert sorted(map(repr, ours)) == sorted(map(repr, theirs)), name
    types = set(pq.read_table(unzipped / "events").column("type").to_pylist())
    assert types == {"AID", "SUPPORT"}
    assert 'href="/api/v1/events.parquet?type=AID"' in client.get("/events?type=AID").text


def watched_feeds(db: Path, now: float, stored: int, site: str = "wire.example") -> None:
    """Two feeds in the watch tables of ``db``, as ``dateline watch`` leaves them: one read
    well, with ``stored`` pages stored at ``now``, and one failing."""
    from dateline.store.feeds import FeedState, ListedItem

    with store_mod.Store.open(db) as store:
        state = FeedState(store.conn)
        wire = state.add_feed(f"https://{site}/rss", "Wire", 900.0, now=now - 60)
        items = [ListedItem(f"https://{site}/a/{n}", f"Story {n}") for n in range(stored)]
        state.record_listing(wire, items, status=200, etag=None, last_modified=None, now=now)
        for _ in range(stored):
            item = state.claim_next([wire.id], "test", now, 60.0)
            assert item is not None
            state.finish(item, "test", None, "stored", now)
        desk = state.add_feed("https://desk.example/atom", "Desk <b>news</b>", 900.0, now=now)
        state.record_feed_error(desk, "timed out after 10 s", now, None)


def test_feeds_page_and_new_since(tmp_path: Path) -> None:
    """``/feeds`` shows each feed's health; ``/api/v1/feeds?since=`` counts the pages stored
    after the time the overview gives as its ``data-opened``."""
    import time

    db = tmp_path / "feeds.db"
    with store_mod.Store.open(db) as store:
        store.add(fixture_docs())
    c = make_client(db)
    empty = c.get("/feeds")
    assert empty.status_code == 200 and "No feeds yet" in empty.text
    overview = c.get("/").text
    opened = re.search(r'id="new-since"[^>]*data-opened="([^"]+)"', overview)
    assert opened and "hidden" in overview.split('id="new-since"')[1].split(">")[0]
    assert c.get("/api/v1/feeds", params={"since": opened.group(1)}).json()["new"] == 0
    watched_feeds(db, time.time(), stored=3)
    body = c.get("/api/v1/feeds", params={"since": opened.group(1)}).json()
    assert body["new"] == 3 and [f["new_since"] for f in body["feeds"]] == [3, 0]
    assert body["now"] >= opened.group(1)
    assert c.get("/api/v1/feeds", params={"since": "2999-01-01T00:00:00Z"}).json()["new"] == 0
    page = c.get("/feeds", params={"since": opened.group(1)})
    assert page.status_code == 200
    rows = re.findall(r"<tr data-feed=.*?</tr>", page.text, re.S)
    assert len(rows) == 2
    assert "Wire" in rows[0] and "status-ok" in rows[0] and "https://wire.example/rss" in rows[0]
    assert "status-failing" in rows[1] and "timed out after 10 s" in rows[1]
    assert "Desk &lt;b&gt;news&lt;/b&gt;" in rows[1]  # a feed's name is escaped
    assert '<a href="/feeds"' in page.text  # in the navigation
    assert_envelope(c.get("/api/v1/feeds?since=yesterday"), 422)


def test_the_cli_takes_several_actor_codes(db: Path) -> None:
    from click.testing import CliRunner

    from dateline.cli import cli

    def count(*args: str) -> int:
        out = CliRunner().invoke(cli, ["export", "--format", "csv", "--db", str(db), *args])
        assert out.exit_code == 0, out.output
        return len(out.stdout.strip().splitlines()) - 1  # the header

    both = count("--actor", "NOR GOV,CAN GOV")
    assert both == count("--actor", "NOR GOV") + count("--actor", "CAN GOV") == 2
    assert count("--status", "planned,denied") == 2
