"""Every count on a page that links to a list equals that list's length (issue 14).

The example corpus goes through the real pipeline (``dateline ingest``) into a database with
the hand-coded web fixtures; the pages are read in-process. From the pages a reader reaches
(overview, actors, each actor's page, map, dyads, outlets, coalition) every link whose text
or row carries a count is followed to its list's JSON twin, whose ``total`` must equal it.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

from dateline.store import Store
from test_api import Client, fixture_docs, make_client

REPO = Path(__file__).resolve().parents[1]
READING_DATE = "2026-11-25"
# A link whose text is a count ("12", "3 undated"), and a table row with one list link and
# its count in a number cell (or data-count).
COUNT_LINK = re.compile(
    r'<a\b[^>]*\bhref="(/(?:events|documents|dyads)(?:\?[^"]*)?)"[^>]*>\s*(\d+)(?: [a-z]+)?\s*</a>'
)
ROW = re.compile(r"<tr\b[^>]*>.*?</tr>", re.S)
LIST_LINK = re.compile(r'href="(/(?:events|documents)\?[^"]*)"')
NUM_CELL = re.compile(r'<td class="num">\s*(\d+)\s*</td>')
DATA_COUNT = re.compile(r'data-count="(\d+)"')
TWINS = {"/events": "/api/v1/events", "/documents": "/api/v1/documents", "/dyads": "/api/v1/dyads"}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Client]:
    db = tmp_path_factory.mktemp("counts") / "corpus.db"
    done = subprocess.run(
        # The CLI as its module, not "dateline" on PATH: CI runs the venv's pytest unactivated.
        [sys.executable, "-c", "from dateline.cli import main; main()",
         "ingest", str(REPO / "examples" / "corpus"), "--db", str(db)],
        env={**os.environ, "DATELINE_TODAY": READING_DATE},
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    with Store.open(db) as store:
        store.add(fixture_docs())
        assert store.count_events() > 50  # the corpus went in, not only the fixtures
    yield make_client(db)


def list_total(client: Client, href: str) -> int:
    """The length of the list ``href`` points at: its JSON twin's ``total``."""
    parts = urlsplit(html.unescape(href))
    response = client.get(TWINS[parts.path], params=dict(parse_qsl(parts.query)))
    assert response.status_code == 200, (href, response.text)
    return int(response.json()["total"])


def counted_links(page: str) -> list[tuple[str, int]]:
    """(href, count) for every count on ``page`` that links to a list."""
    found = [(href, int(n)) for href, n in COUNT_LINK.findall(page)]
    for row in ROW.findall(page):
        links = LIST_LINK.findall(row)
        counts = DATA_COUNT.findall(row) or NUM_CELL.findall(row)
        if len(links) == 1 and len(counts) == 1 and not COUNT_LINK.search(row):
            found.append((links[0], int(counts[0])))
    return found


def reachable_pages(client: Client) -> list[str]:
    """The overview, the lists, every actor's page and the coalition."""
    pages = ["/", "/actors?per_page=200", "/map", "/dyads?per_page=200", "/outlets",
             "/coalition", "/events?undated=true"]  # fmt: skip
    actors = client.get("/api/v1/actors", params={"per_page": 200}).json()["actors"]
    pages += [f"/actors/{a['code']}" for a in actors]
    return pages


def test_every_count_that_links_to_a_list_equals_the_list(client: Client) -> None:
    wrong = []
    checked = 0
    for path in reachable_pages(client):
        response = client.get(path)
        assert response.status_code == 200, (path, response.text[:300])
        for href, count in counted_links(response.text):
            checked += 1
            total = list_total(client, href)
            if total != count:
                wrong.append(f"{path}: {count} links to {html.unescape(href)} ({total})")
    assert checked > 50
    assert not wrong, "\n".join(wrong)


def test_overview_actor_counts_equal_their_event_lists(client: Client) -> None:
    """The overview's busiest actors: each count equals its actor's events list (once it
    was the count of the bare code, 19 for UKR whose page lists 88)."""
    page = client.get("/").text
    rows = re.findall(
        r'<a href="/actors/([^"]+)">[^<]+</a>.*?</td><td class="num"><a class="count" '
        r'href="[^"]+">(\d+)</a></td>',
        page,
    )
    assert rows
    for code, count in rows:
        assert list_total(client, f"/events?actor={code}") == int(count), code
