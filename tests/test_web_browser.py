"""The pages in headless Chromium (Debian's, driven by Playwright by executable path).

``dateline serve`` runs in a subprocess on a free loopback port over a database holding the
example corpus (ingested with the real pipeline when it is installed) plus the web fixtures
(an article full of <script> and onerror=). Every request the page makes that leaves the
loopback is recorded and fails the test. Screenshots go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import contextlib
import importlib.util
import itertools
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlparse

import httpx
import pytest

from dateline.models import CodedDocument, Document, Event
from dateline.options import Options

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
SHOTS = REPO / "test-artifacts" / "screenshots"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "web"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
READING_DATE = "2026-11-25"


def load_fixture_docs() -> list[CodedDocument]:
    """The hand-coded web fixtures (CodedDocument.to_dict lines)."""
    out = []
    for line in (FIXTURES / "coded.jsonl").read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        doc = Document.from_dict(data["document"])
        out.append(CodedDocument(doc, [Event.from_dict(e) for e in data["events"]]))
    return out


def build_database(path: Path, corpus_dir: Path) -> bool:
    """The example corpus through the real pipeline (when it is there) plus the fixtures.

    Returns whether the example corpus went in.
    """
    from dateline.store import Store

    options = Options(db_path=path, today=date.fromisoformat(READING_DATE))
    with_corpus = False
    if all(importlib.util.find_spec(m) for m in ("dateline.annotate", "dateline.events")):
        env = {**os.environ, "DATELINE_TODAY": READING_DATE}
        subprocess.run(
            [dateline_exe(), "ingest", str(corpus_dir), "--db", str(path)],
            env=env, capture_output=True, timeout=900, check=False,
        )  # fmt: skip
        with_corpus = path.is_file()
    with Store.open(options.db_path) as store:
        store.add(load_fixture_docs())
    return with_corpus


def dateline_exe() -> str:
    return shutil.which("dateline", path=str(Path(sys.executable).parent)) or "dateline"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def served(db: Path, env: dict[str, str] | None = None) -> Iterator[str]:
    """``dateline serve`` over ``db`` on a free loopback port, once it answers; its base URL.
    Fails the test (with the server's last words) when it does not start in 30 s."""
    port = free_port()
    proc = subprocess.Popen(
        [dateline_exe(), "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(base + "/api/v1/overview", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                err = proc.stderr.read().decode() if proc.stderr else ""
                pytest.fail(f"dateline serve did not start: {err[-2000:]}")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    if not CHROMIUM.exists():  # a missing browser must not pass as a green run
        pytest.fail("no /usr/bin/chromium: run scripts/ensure-chromium.sh (make test does)")
    db = tmp_path_factory.mktemp("web") / "web.db"
    with_corpus = build_database(db, REPO / "examples" / "corpus")
    with served(db) as base:
        yield {"base": base, "with_corpus": with_corpus, "db": db}


@pytest.fixture(scope="module")
def browser(server: dict[str, Any]) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


class Page:
    """A browser page that records console errors and any request leaving the loopback."""

    def __init__(self, browser: Any, base: str, *, phone: bool = False) -> None:
        size = {"width": 390, "height": 844} if phone else {"width": 1366, "height": 900}
        self.context = browser.new_context(viewport=size, device_scale_factor=1)
        self.page = self.context.new_page()
        self.base = base
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on(
            "console",
            lambda msg: self.errors.append(msg.text) if msg.type == "error" else None,
        )
        self.page.route("**/*", self._route)

    def _route(self, route: Any) -> None:
        host = urlparse(route.request.url).hostname
        if host not in ("127.0.0.1", "localhost"):
            self.outside.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    def goto(self, path: str) -> Any:
        response = self.page.goto(self.base + path, wait_until="networkidle")
        self.page.wait_for_function("() => window.dateline && window.dateline.ready")
        return response

    def shot(self, name: str) -> Path:
        SHOTS.mkdir(parents=True, exist_ok=True)
        out = SHOTS / f"{name}.png"
        self.page.screenshot(path=str(out), full_page=True)
        return out

    def close(self) -> None:
        assert not self.outside, f"requests left the machine: {self.outside}"
        self.context.close()


@pytest.fixture()
def page(browser: Any, server: dict[str, Any]) -> Iterator[Page]:
    p = Page(browser, server["base"])
    yield p
    p.close()


def first_event(server: dict[str, Any], **params: str) -> dict[str, Any]:
    rows = httpx.get(server["base"] + "/api/v1/events", params=params).json()["events"]
    assert rows, f"no events for {params}"
    return dict(rows[0])


def test_overview_chart_renders(page: Page, server: dict[str, Any]) -> None:
    assert page.goto("/").status == 200
    bars = page.page.evaluate(
        "() => { const c = Chart.getChart(document.getElementById('timeline-chart'));"
        " return c ? c.data.datasets.reduce((n, d) => n + d.data.reduce((a, b) => a + b, 0), 0)"
        " : -1; }"
    )
    assert bars > 0
    assert page.page.locator("table.events tbody tr[data-event]").count() > 0
    assert not page.errors, page.errors
    page.shot("overview")


def test_events_filter_changes_table(page: Page) -> None:
    page.goto("/events")
    all_rows = page.page.locator("table.events tbody tr[data-event]").count()
    assert all_rows > 1
    page.page.select_option("select[name=type]", "AID")
    page.page.wait_for_url("**type=AID**")
    page.page.wait_for_function("() => window.dateline && window.dateline.ready")
    rows = page.page.locator("table.events tbody tr[data-event]")
    assert 0 < rows.count() < all_rows
    types = rows.locator("span.type").all_inner_texts()
    assert types and all(t == "AID" for t in types)
    assert not page.errors, page.errors
    page.shot("events-filtered")


def test_event_page_marks_trigger_and_actors(page: Page, server: dict[str, Any]) -> None:
    event = first_event(server, type="AID")
    page.goto(f"/events/{quote(event['id'])}")
    evidence = page.page.locator("#evidence")
    assert evidence.locator("mark.trigger").count() == 1
    assert evidence.locator("mark.actor").count() >= 1
    assert page.page.locator("#reports li a").count() >= 1
    assert page.page.locator("#rules code").count() >= 1
    assert not page.errors, page.errors
    page.shot("event")


def xss_fixture() -> tuple[str, str]:
    """(document id, id of its AID event) of the fixture article full of markup."""
    for coded in load_fixture_docs():
        if "<script>" in (coded.document.title or ""):
            aid = next(e for e in coded.events if e.type == "AID")
            return coded.document.id, aid.id
    raise AssertionError("no XSS fixture")


def test_xss_article_renders_as_text(page: Page, server: dict[str, Any]) -> None:
    doc_id, event_id = xss_fixture()
    page.goto(f"/documents/{quote(doc_id)}")
    body = page.page.locator("#doc-body").inner_text()
    assert "<script>window.__xss=1</script>" in body
    assert 'onerror="window.__xss=2"' in body
    assert "<script>" in page.page.locator("#doc-title").inner_text()
    assert page.page.evaluate("() => window.__xss === undefined")
    assert page.page.locator("#doc-body script, #doc-body img, article img").count() == 0
    assert page.page.locator("#doc-body .actor").count() >= 2
    assert page.page.locator("#doc-body a.mark.event").count() >= 1
    page.shot("document-xss")
    page.goto(f"/events/{quote(event_id)}")
    assert page.page.evaluate("() => window.__xss === undefined")
    assert "<script>" in page.page.locator("#evidence").inner_text()


def test_actor_graph_renders(page: Page, server: dict[str, Any]) -> None:
    page.goto("/actors/" + quote("UKR"))
    graph = page.page.evaluate(
        "() => ({nodes: window.dateline.graph.nodes().length,"
        " edges: window.dateline.graph.edges().length})"
    )
    assert graph["nodes"] >= 2 and graph["edges"] >= 1
    assert page.page.evaluate(
        "() => Chart.getChart(document.getElementById('timeline-chart')) !== undefined"
    )
    assert not page.errors, page.errors
    page.shot("actor")


def test_map_draws_outline_and_places(page: Page) -> None:
    page.goto("/map")
    page.page.wait_for_function("() => window.dateline.map && window.dateline.map.countries > 100")
    assert page.page.evaluate("() => window.dateline.map.points") >= 1
    assert page.page.locator("svg.world circle.dot").count() >= 1
    assert not page.errors, page.errors
    page.shot("map")


def test_coalition_page_lists_members(page: Page) -> None:
    page.goto("/coalition")
    assert page.page.locator("#tracker tbody tr a").count() >= 1
    assert not page.errors, page.errors
    page.shot("coalition")


def test_docs_page_is_local(page: Page) -> None:
    page.goto("/docs")
    assert page.page.locator("section.docs-op").count() >= 7
    page.shot("docs")


def test_phone_layout(browser: Any, server: dict[str, Any]) -> None:
    phone = Page(browser, server["base"], phone=True)
    try:
        for path, name in (("/", "overview"), ("/events", "events")):
            phone.goto(path)
            width = phone.page.evaluate("() => document.documentElement.scrollWidth")
            assert width <= 390 + 2, f"{path} scrolls sideways on a phone ({width}px)"
            phone.shot(f"phone-{name}")
        assert not phone.errors, phone.errors
    finally:
        phone.close()


def test_timeline_bar_click_lists_its_period(page: Page) -> None:
    page.goto("/")
    note = page.page.locator(".timeline-note")
    charted = int(note.get_attribute("data-charted") or 0)
    missing = int(note.get_attribute("data-not-charted") or 0)
    overview = httpx.get(page.base + "/api/v1/overview").json()
    assert charted + missing == overview["counts"]["merged_events"]
    labels = page.page.evaluate(
        "() => Chart.getChart(document.getElementById('timeline-chart')).data.labels"
    )
    assert labels == overview["timeline"]["periods"]
    # Click the tallest bar: the events page opens on that period.
    box = page.page.evaluate(
        "() => { const c = Chart.getChart(document.getElementById('timeline-chart'));"
        " const tot = c.data.labels.map((_, i) => c.data.datasets.reduce((n, d) =>"
        " n + d.data[i], 0)); const i = tot.indexOf(Math.max(...tot));"
        " const bars = c.data.datasets.map((d, k) => c.getDatasetMeta(k).data[i])"
        ".filter((b, k) => c.data.datasets[k].data[i] > 0); const b = bars[bars.length - 1];"
        " const r = c.canvas.getBoundingClientRect();"
        " return {x: r.left + b.x, y: r.top + b.y + 2, label: c.data.labels[i]}; }"
    )
    page.page.mouse.click(box["x"], box["y"])
    page.page.wait_for_url("**/events?**since=**")
    assert f"since={box['label'][:10]}" in page.page.url or "since=" in page.page.url
    assert not page.errors, page.errors


def test_document_sentences_are_shaded_and_link_every_event(
    page: Page, server: dict[str, Any]
) -> None:
    rows = httpx.get(server["base"] + "/api/v1/events", params={"per_page": 200}).json()["events"]
    by_doc: dict[str, list[str]] = {}
    for row in rows:
        by_doc.setdefault(row["doc_id"], []).append(row["id"])
    doc_id = max(by_doc, key=lambda d: len(by_doc[d]))
    doc = httpx.get(server["base"] + f"/api/v1/documents/{quote(doc_id)}").json()
    page.goto(f"/documents/{quote(doc_id)}")
    colour = page.page.evaluate(
        "() => getComputedStyle(document.querySelector('#doc-body a.mark.event')).backgroundColor"
    )
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    hrefs = set(
        page.page.eval_on_selector_all("#doc-body a", "as => as.map(a => a.getAttribute('href'))")
    )
    for event in doc["events"]:
        assert f"/events/{quote(event['id'])}" in hrefs, event["id"]
    assert page.page.locator("table.events td.sentence").count() == len(doc["events"])
    # From an event to its sentence in the article.
    event = doc["events"][-1]
    page.goto(f"/events/{quote(event['id'])}")
    page.page.locator("#reports li a").first.click()
    page.page.wait_for_url("**#event-*")
    target = page.page.evaluate(
        "() => document.querySelector(':target').nextElementSibling.className"
    )
    assert "event" in target
    assert not page.errors, page.errors


def test_every_count_link_on_actor_and_map_pages_matches(
    page: Page, server: dict[str, Any]
) -> None:
    base = server["base"]
    actors = httpx.get(base + "/api/v1/overview").json()["actors"][:4]
    checked = 0
    for path in [f"/actors/{quote(a['code'])}" for a in actors] + ["/map"]:
        page.goto(path)
        links = page.page.eval_on_selector_all(
            "a.count-out, a.count-in, #places a",
            "as => as.map(a => [a.getAttribute('href'), a.closest('tr').dataset.count"
            " || a.textContent])",
        )
        for href, shown in links:
            query = urlparse(href).query
            listed = httpx.get(base + "/api/v1/events?" + query).json()["total"]
            assert listed == int(shown), (path, href)
            checked += 1
    assert checked > 10
    page.goto("/map?type=AID")
    circle = page.page.locator("svg.world a").first.get_attribute("href") or ""
    assert "type=AID" in circle
    assert not page.errors, page.errors


def test_network_node_sizes_do_not_saturate(page: Page) -> None:
    page.goto("/actors/" + quote("UKR GOV"))
    sizes = page.page.evaluate(
        "() => window.dateline.graph.nodes().filter(n => !n.data('focus'))"
        ".map(n => [n.data('count'), n.data('size')])"
    )
    assert len(sizes) >= 2
    by_count = sorted(sizes)
    # More events, a larger node; the busiest counterpart is the largest, nobody beyond it.
    assert all(a[1] <= b[1] for a, b in itertools.pairwise(by_count))
    assert by_count[0][1] < by_count[-1][1] <= 42 + 0.01
    assert not page.errors, page.errors


def test_overview_says_what_is_new_since_it_was_opened(page: Page, server: dict[str, Any]) -> None:
    """Pages a watcher stores after the overview was opened show up on it (its script asks
    /api/v1/feeds with the page's open time), as text with a link that reloads."""
    from test_api import watched_feeds

    assert page.goto("/").status == 200
    box = page.page.locator("#new-since")
    assert box.count() == 1 and not box.is_visible()
    assert page.page.evaluate("() => window.dateline.checkNew()") == 0
    assert not box.is_visible()
    watched_feeds(server["db"], time.time(), stored=3, site="new-since.example")
    assert page.page.evaluate("() => window.dateline.checkNew()") == 3
    box.wait_for(state="visible")
    assert box.inner_text().startswith("3 new articles since you opened this page")
    assert page.page.locator("#new-since-reload").get_attribute("href") == "/"
    page.shot("overview-new-since")
    assert not page.errors, page.errors


def test_feeds_page_shows_each_feed_and_its_health(page: Page, server: dict[str, Any]) -> None:
    from test_api import watched_feeds

    watched_feeds(server["db"], time.time(), stored=2, site="feeds-page.example")
    assert page.goto("/feeds").status == 200
    row = page.page.locator('tr[data-feed="https://feeds-page.example/rss"]')
    assert row.count() == 1
    assert "ok" in row.locator("td").nth(1).inner_text()
    assert row.locator("td").nth(5).inner_text() == "2"
    failing = page.page.locator('tr[data-feed="https://desk.example/atom"]')
    assert "failing" in failing.inner_text() and "timed out after 10 s" in failing.inner_text()
    assert "Desk <b>news</b>" in failing.inner_text()  # shown as text, not markup
    assert page.page.locator('nav a[href="/feeds"]').get_attribute("aria-current") == "page"
    page.shot("feeds")
    assert not page.errors, page.errors


def test_map_clusters_near_places_and_each_circle_counts_its_list(
    page: Page, server: dict[str, Any]
) -> None:
    """At the world's scale, near places share one circle labelled with their total; every
    circle links to the list of its places' events (``place=A,B``), as long as it says."""
    page.goto("/map")
    page.page.wait_for_function("() => window.dateline.map && window.dateline.map.countries > 100")
    circles = page.page.eval_on_selector_all(
        "svg.world g.dots a", "as => as.map(a => [a.getAttribute('href'), a.dataset.count])"
    )
    table = page.page.eval_on_selector_all("#places tr[data-count]", "rs => rs.length")
    clusters = page.page.evaluate("() => window.dateline.map.clusters")
    assert clusters >= 1 and len(circles) < table
    for href, shown in circles:
        query = urlparse(href).query
        listed = httpx.get(server["base"] + "/api/v1/events?" + query).json()["total"]
        assert listed == int(shown), href
    label = page.page.locator("svg.world text.cluster-count").first
    assert (label.text_content() or "").isdigit()
    page.shot("map-clusters")
    assert not page.errors, page.errors
