"""``dateline watch``: feeds served by a local HTTP server on 127.0.0.1 made in each test.

The corpus is served as pages and as an RSS and an Atom feed. Most tests code with a stub
(no spaCy) so they stay fast; the slow test codes with the real pipeline and compares with
``dateline ingest`` of the same files.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import READING_DATE
from dateline.engines.watch import Watcher, WatchProgress
from dateline.errors import DataFileError
from dateline.models import CodedDocument, Document, ReadFailure
from dateline.options import FetchOptions, Options
from dateline.sources.feedlist import FeedSpec, canonical_url, load_feed_list, parse_every
from dateline.store import Store
from dateline.store.feeds import FeedState
from fixtures.feedserver import FeedServer, Route

ENV = {"DATELINE_TODAY": READING_DATE.isoformat(), "DATELINE_DB": ""}
FAST = FetchOptions(
    host_delay=0.0,
    connect_timeout=2.0,
    read_timeout=2.0,
    retries=2,
    backoff=0.01,
    max_body_bytes=1024 * 1024,
)


class StubCoder:
    """Codes nothing: keeps these tests free of spaCy. Counts what it was given."""

    def __init__(self) -> None:
        self.coded: list[str] = []

    def code(self, document: Document) -> CodedDocument:
        self.coded.append(document.id)
        return CodedDocument(document, [], None)


@pytest.fixture()
def server() -> Iterator[FeedServer]:
    with FeedServer() as running:
        yield running


@pytest.fixture()
def opts(options: Options) -> Options:
    return options.replace(fetch=FAST)


def corpus_feeds(server: FeedServer) -> list[str]:
    """The corpus pages split between an RSS and an Atom feed; one page is in both."""
    pages = server.serve_corpus()
    half = len(pages) // 2
    server.add_feed("/wire.rss", pages[: half + 1], "rss")
    server.add_feed("/desk.atom", pages[half:], "atom")
    return pages


def specs(server: FeedServer, *paths: str) -> list[FeedSpec]:
    return [FeedSpec(server.url(p), p.strip("/"), 900.0) for p in paths]


def watch(
    opts: Options, feeds: list[FeedSpec] | None, coder: Any = None, **kw: Any
) -> tuple[Any, list[ReadFailure]]:
    failures: list[ReadFailure] = []
    watcher = Watcher(opts, feeds, pipeline=coder or StubCoder(), on_failure=failures.append, **kw)
    try:
        return watcher.run_once(), failures
    finally:
        watcher.close()


def stored_ids(opts: Options) -> set[str]:
    with Store.open(opts.db_path) as store:
        return {r[0] for r in store.conn.execute("SELECT id FROM documents")}


# -- the round ---------------------------------------------------------------------------


def test_once_stores_every_page_of_an_rss_and_an_atom_feed(server: FeedServer, opts: Options):
    pages = corpus_feeds(server)
    coder = StubCoder()
    report, failures = watch(opts, specs(server, "/wire.rss", "/desk.atom"), coder)
    assert failures == []
    assert report.feeds_read == 2 and report.items_new == len(pages)
    assert report.pages_fetched == len(pages) and report.stored == len(pages)
    # the page both feeds list was fetched once, like every other page
    assert all(server.hits(p) == 1 for p in pages)
    assert len(stored_ids(opts)) == len(pages) == len(coder.coded)
    with Store.open(opts.db_path) as store:
        urls = {r[0] for r in store.conn.execute("SELECT url FROM documents")}
        health = FeedState(store.conn).health()
    # every page keeps a URL: the page's canonical one, else the one it was fetched from
    assert (
        None not in urls and server.url("/articles/2026-01-08-kyiv-overnight-strikes.txt") in urls
    )
    assert all(h.status == "ok" and h.pending == 0 and h.failed == 0 for h in health)
    assert sum(h.stored for h in health) == len(pages) + 1  # one page listed twice


def test_second_once_run_gets_304_and_fetches_nothing(server: FeedServer, opts: Options):
    pages = corpus_feeds(server)
    feeds = specs(server, "/wire.rss", "/desk.atom")
    watch(opts, feeds)
    before = len(server.paths())
    report, failures = watch(opts, feeds)
    assert failures == []
    assert report.feeds_unchanged == 2 and report.feeds_read == 0
    assert report.pages_fetched == 0 and report.stored == 0 and report.items_new == 0
    later = server.paths()[before:]
    assert not any(p.startswith("/articles/") for p in later)
    conditional = [h for p, h in server.requests[before:] if p in ("/wire.rss", "/desk.atom")]
    assert len(conditional) == 2 and all("If-None-Match" in h for h in conditional)
    assert all(server.hits(p) == 1 for p in pages)


def test_requests_name_dateline_and_its_version(server: FeedServer, opts: Options):
    corpus_feeds(server)
    watch(opts, specs(server, "/wire.rss"))
    from dateline import __version__

    agents = {h.get("User-Agent") for _, h in server.requests}
    assert agents == {f"dateline/{__version__} (news event coder; honours robots.txt)"}


def test_one_host_gets_a_pause_between_two_requests(server: FeedServer, opts: Options):
    server.routes["/a.html"] = Route(b"<html><body><p>a</p></body></html>")
    server.add_feed("/f.rss", ["/a.html", "/missing-1.html", "/missing-2.html"])
    slow = opts.replace(fetch=FetchOptions(host_delay=0.15, retries=0))
    started = time.monotonic()
    watch(slow, specs(server, "/f.rss"))
    # robots.txt, the feed and three pages: four pauses at least
    assert len(server.requests) == 5
    assert time.monotonic() - started >= 4 * 0.15


# -- failures ----------------------------------------------------------------------------


def test_a_feed_that_times_out_is_one_failure_and_the_others_go_on(server: FeedServer, opts):
    pages = corpus_feeds(server)
    server.routes["/slow.rss"] = Route(b"", sleep=5.0)
    quick = opts.replace(fetch=FetchOptions(host_delay=0, read_timeout=0.2, retries=1,
                                            backoff=0.01))  # fmt: skip
    report, failures = watch(quick, specs(server, "/slow.rss", "/wire.rss", "/desk.atom"))
    assert [(f.source, f.reason) for f in failures] == [(server.url("/slow.rss"), "timeout")]
    assert server.hits("/slow.rss") == 2  # tried, then retried once
    assert report.feeds_failed == 1 and report.stored == len(pages)
    with Store.open(opts.db_path) as store:
        slow = FeedState(store.conn).health()[0]
    assert slow.status == "failing" and slow.failures == 1
    assert slow.last_error is not None and slow.last_error.startswith("timeout:")


def test_a_500_then_success_is_retried_and_stored(server: FeedServer, opts: Options):
    corpus_feeds(server)
    server.routes["/wire.rss"].fail_first = 1
    page = "/articles/2026-01-06-paris-declaration.html"
    server.routes[page].fail_first = 2
    report, failures = watch(opts, specs(server, "/wire.rss"))
    assert failures == []
    assert server.hits("/wire.rss") == 2 and server.hits(page) == 3
    assert report.stored == report.pages_fetched > 0


def test_a_4xx_is_not_retried(server: FeedServer, opts: Options):
    server.add_feed("/f.rss", ["/gone.html"])
    server.routes["/gone.html"] = Route(b"gone", status=410)
    _report, failures = watch(opts, specs(server, "/f.rss"))
    assert [f.reason for f in failures] == ["http-410"]
    assert server.hits("/gone.html") == 1
    # given up: a later round does not ask again
    watch(opts, specs(server, "/f.rss"))
    assert server.hits("/gone.html") == 1


def test_a_5xx_that_lasts_is_tried_again_in_a_later_round(server: FeedServer, opts: Options):
    server.add_feed("/f.rss", ["/down.html"])
    server.routes["/down.html"] = Route(b"<p>x</p>", fail_first=100)
    _, failures = watch(opts, specs(server, "/f.rss"))
    assert [f.reason for f in failures] == ["http-500"]
    assert server.hits("/down.html") == 3  # one request and two retries
    with Store.open(opts.db_path) as store:
        assert FeedState(store.conn).item_states() == {server.url("/down.html"): "retry"}
    watch(opts, specs(server, "/f.rss"))  # not due yet
    assert server.hits("/down.html") == 3
    later = time.time() + 3600
    watch(opts, specs(server, "/f.rss"), clock=lambda: later)
    assert server.hits("/down.html") == 6


def test_a_redirect_loop_is_refused(server: FeedServer, opts: Options):
    server.routes["/loop/a"] = Route(location="/loop/b")
    server.routes["/loop/b"] = Route(location="/loop/a")
    server.routes["/moved"] = Route(location="/articles/2026-01-15-geneva-talks.html")
    server.serve_corpus()
    server.add_feed("/f.rss", ["/loop/a", "/moved"])
    report, failures = watch(opts, specs(server, "/f.rss"))
    assert [f.reason for f in failures] == ["redirect-loop"]
    assert server.hits("/loop/a") == 1 and server.hits("/loop/b") == 1  # not retried
    assert report.stored == 1  # the ordinary redirect was followed


def test_a_50_megabyte_body_is_cut_off_while_streaming(server: FeedServer, opts: Options):
    fifty = 50 * 1024 * 1024
    server.routes["/huge.html"] = Route(endless=fifty)
    server.routes["/huge-declared.html"] = Route(endless=fifty, declared_length=fifty)
    server.add_feed("/f.rss", ["/huge.html", "/huge-declared.html"])
    report, failures = watch(opts, specs(server, "/f.rss"))
    assert [f.reason for f in failures] == ["too-large", "too-large"]
    assert report.stored == 0
    time.sleep(0.2)
    # The cap is 1 MiB: the client hung up long before the server could send 50 MB.
    assert server.bytes_sent["/huge.html"] < fifty // 4
    assert server.bytes_sent["/huge-declared.html"] < fifty // 4


def test_a_page_that_is_not_html_is_not_read(server: FeedServer, opts: Options):
    server.routes["/report.pdf"] = Route(b"%PDF-1.7 binary", "application/pdf")
    server.add_feed("/f.rss", ["/report.pdf"])
    coder = StubCoder()
    report, failures = watch(opts, specs(server, "/f.rss"), coder)
    assert [(f.reason, f.source) for f in failures] == [("not-html", server.url("/report.pdf"))]
    assert coder.coded == [] and report.stored == 0
    with Store.open(opts.db_path) as store:
        assert store.summary().failures  # counted with the ingest failures


def test_robots_txt_disallowing_a_path_is_honoured(server: FeedServer, opts: Options):
    server.serve_corpus()
    server.routes["/robots.txt"] = Route(
        b"User-agent: *\nDisallow: /private/\n", "text/plain; charset=utf-8"
    )
    server.routes["/private/secret.html"] = Route(b"<p>secret</p>")
    server.add_feed("/f.rss", ["/private/secret.html", "/articles/2026-01-15-geneva-talks.html"])
    report, failures = watch(opts, specs(server, "/f.rss"))
    assert [f.reason for f in failures] == ["robots"]
    assert server.hits("/private/secret.html") == 0
    assert server.hits("/robots.txt") == 1 and report.stored == 1


def test_robots_txt_can_shut_out_dateline_alone(server: FeedServer, opts: Options):
    server.routes["/robots.txt"] = Route(b"User-agent: dateline\nDisallow: /\n", "text/plain")
    server.add_feed("/f.rss", ["/a.html"])
    _report, failures = watch(opts, specs(server, "/f.rss"))
    assert [f.reason for f in failures] == ["robots"]
    assert server.paths() == ["/robots.txt"]


def test_an_item_repeated_across_feeds_is_fetched_once(server: FeedServer, opts: Options):
    server.serve_corpus()
    page = server.url("/articles/2026-01-15-geneva-talks.html")
    server.add_feed("/one.rss", [page])
    server.add_feed("/two.atom", [page + "?utm_source=feed#top"], "atom")
    server.add_feed("/three.rss", [page.replace("http://127.0.0.1", "HTTP://127.0.0.1")])
    report, failures = watch(opts, specs(server, "/one.rss", "/two.atom", "/three.rss"))
    assert failures == [] and report.items_new == 1 and report.stored == 1
    assert server.hits("/articles/2026-01-15-geneva-talks.html") == 1


def test_the_same_article_at_two_urls_is_stored_once(server: FeedServer, opts: Options):
    body = (Path(__file__).resolve().parents[1] / "examples" / "corpus"
            / "2026-01-15-geneva-talks.html").read_bytes()  # fmt: skip
    server.routes["/a.html"] = Route(body)
    server.routes["/b.html"] = Route(body)
    server.add_feed("/f.rss", ["/a.html", "/b.html"])
    coder = StubCoder()
    report, _ = watch(opts, specs(server, "/f.rss"), coder)
    assert report.stored == 1 and report.already == 1 and len(coder.coded) == 1


# -- restarts and two watchers -------------------------------------------------------------


def test_ctrl_c_stops_between_articles_and_the_next_run_finishes(server: FeedServer, opts):
    pages = corpus_feeds(server)
    stop = threading.Event()
    seen: list[str] = []

    def progress(p: WatchProgress) -> None:
        if p.doing == "page":
            seen.append(p.url)
            if len(seen) == 4:
                stop.set()  # as Ctrl-C does

    report, _ = watch(opts, specs(server, "/wire.rss", "/desk.atom"), stop=stop,
                      on_progress=progress)  # fmt: skip
    assert report.stopped and 0 < report.stored < len(pages)
    with Store.open(opts.db_path) as store:
        states = FeedState(store.conn).item_states()
    assert "claimed" not in states.values()  # the article in hand was given back or finished
    report2, failures = watch(opts, specs(server, "/wire.rss", "/desk.atom"))
    assert failures == [] and report.stored + report2.stored == len(pages)
    assert all(server.hits(p) == 1 for p in pages)  # none lost, none fetched twice
    assert len(stored_ids(opts)) == len(pages)


def test_a_watcher_killed_mid_round_loses_nothing_and_fetches_nothing_twice(
    server: FeedServer, opts: Options, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = corpus_feeds(server)
    feeds = specs(server, "/wire.rss", "/desk.atom")
    real_finish = FeedState.finish
    calls = {"n": 0}

    def dying_finish(self: FeedState, *args: Any, **kw: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 3:  # killed after writing the third document, before marking it
            raise SystemExit("killed")
        real_finish(self, *args, **kw)

    monkeypatch.setattr(FeedState, "finish", dying_finish)
    with pytest.raises(SystemExit):
        watch(opts, feeds)
    monkeypatch.setattr(FeedState, "finish", real_finish)
    assert len(stored_ids(opts)) == 3
    # Restarted at once: the dead watcher's claim still holds, so its item waits...
    report, _ = watch(opts, feeds)
    assert report.stored == len(pages) - 3
    with Store.open(opts.db_path) as store:
        assert list(FeedState(store.conn).item_states().values()).count("claimed") == 1
    # ...and once the claim runs out, it is closed without fetching the page again.
    later = time.time() + opts.fetch.claim_seconds + 1
    report, failures = watch(opts, feeds, clock=lambda: later)
    assert failures == [] and report.already == 1 and report.pages_fetched == 0
    assert all(server.hits(p) == 1 for p in pages)
    assert len(stored_ids(opts)) == len(pages)
    with Store.open(opts.db_path) as store:
        assert set(FeedState(store.conn).item_states().values()) == {"done"}


def test_two_watchers_on_one_database_never_fetch_the_same_page(server: FeedServer, opts):
    pages = corpus_feeds(server)
    feeds = specs(server, "/wire.rss", "/desk.atom")
    Store.open(opts.db_path).close()  # create the schema before the race
    results: list[Any] = []

    def run() -> None:
        results.append(watch(opts, feeds)[0])

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert len(results) == 2
    assert all(server.hits(p) == 1 for p in pages)
    assert sum(r.stored for r in results) == len(pages)


# -- the feed list ------------------------------------------------------------------------


def test_feed_list_file(tmp_path: Path) -> None:
    path = tmp_path / "feeds.toml"
    path.write_text(
        '[[feed]]\nurl = "https://example.org/rss"\nname = "Example"\nevery = "1h30m"\n\n'
        '[[feed]]\nurl = "https://example.org/atom"\n',
        encoding="utf-8",
    )
    feeds = load_feed_list(path, 900.0)
    assert feeds == [
        FeedSpec("https://example.org/rss", "Example", 5400.0),
        FeedSpec("https://example.org/atom", None, 900.0),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[feed]]\nurl = "https://a.example/rss"\n\n[[feed]]\nurl = "ftp://b"\n', ":4] "),
        ('[[feed]]\nurl = "https://a.example/rss"\nevery = "5s"\n', ":1] "),
        ('[[feed]]\nurl = "https://a.example/rss"\nevery = "soon"\n', ":1] "),
        ('[[feed]]\nurl = "https://a.example/rss"\nwhen = "1h"\n', "unknown keys"),
        ('[[feed]]\nname = "no url"\n', "needs url"),
        ('[[feed]]\nurl = "https://a.example/rss"\n[[feed]]\nurl = "https://a.example/rss"\n',
         "listed twice"),
        ("[[feed]\n", "not valid TOML"),
        ('title = "x"\n', "unknown top-level"),
    ],
)  # fmt: skip
def test_feed_list_mistakes_name_the_file_and_line(tmp_path: Path, text: str, message: str):
    path = tmp_path / "feeds.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_feed_list(path, 900.0)
    assert str(caught.value).startswith(f"[{path}") and message in str(caught.value)


def test_intervals() -> None:
    assert parse_every("15m") == 900 and parse_every("1h30m") == 5400
    assert parse_every("2d") == 172800 and parse_every(120) == 120
    for bad in ("", "15", "m", "15 minutes", "30s", True):
        with pytest.raises(ValueError):
            parse_every(bad)


def test_canonical_urls() -> None:
    assert canonical_url("HTTPS://News.Example:443/a?b=1&utm_source=x#frag") == (
        "https://news.example/a?b=1"
    )
    assert canonical_url("http://news.example") == "http://news.example/"
    assert canonical_url("http://news.example:8080/x") == "http://news.example:8080/x"


# -- the command line, with the real pipeline ----------------------------------------------


@pytest.mark.slow
def test_watch_once_on_the_corpus_feeds_stores_what_ingest_stores(
    server: FeedServer, tmp_path: Path, corpus_dir: Path
) -> None:
    """`dateline watch --once` ingests the corpus served as feeds: the same documents and
    events as `dateline ingest` of the same files; a second run fetches nothing (304s)."""
    import json

    from click.testing import CliRunner

    from dateline.cli import cli

    pages = corpus_feeds(server)
    watched, ingested = str(tmp_path / "watch.db"), str(tmp_path / "ingest.db")
    feeds = [server.url("/wire.rss"), server.url("/desk.atom")]
    runner = CliRunner()
    args = ["watch", *feeds, "--once", "--db", watched, "--delay", "0", "--json"]
    first = runner.invoke(cli, args, env=ENV)
    assert first.exit_code == 0, first.output
    report = json.loads(first.output)
    assert report["documents_new"] == len(pages) and report["failures"] == {}
    files = [str(corpus_dir / p.rsplit("/", 1)[1]) for p in pages]
    done = runner.invoke(cli, ["ingest", *files, "--db", ingested], env=ENV)
    assert done.exit_code == 0, done.output

    def contents(db: str) -> tuple[set[str], set[str]]:
        with Store.open(db) as store:
            docs = {r[0] for r in store.conn.execute("SELECT id FROM documents")}
            events = {r[0] for r in store.conn.execute("SELECT id FROM events")}
        return docs, events

    assert contents(watched) == contents(ingested)
    assert contents(watched)[1]  # the corpus has events

    second = runner.invoke(cli, args, env=ENV)
    assert second.exit_code == 0, second.output
    again = json.loads(second.output)
    assert again["feeds_unchanged"] == 2 and again["pages_fetched"] == 0
    assert all(server.hits(p) == 1 for p in pages)

    listed = runner.invoke(cli, ["feeds", "--db", watched, "--json"], env=ENV)
    health = json.loads(listed.output)
    assert [h["status"] for h in health] == ["ok", "ok"]
    assert [h["last_status"] for h in health] == [304, 304]
    assert sum(h["stored"] for h in health) == len(pages) + 1  # one page in both feeds
    text = runner.invoke(cli, ["feeds", "--db", watched], env=ENV)
    assert text.exit_code == 0
    assert server.url("/desk.atom") in text.output


def test_watch_command_reports_failures_and_exits_1(server: FeedServer, tmp_path: Path):
    from click.testing import CliRunner

    from dateline.cli import cli

    server.routes["/report.pdf"] = Route(b"%PDF-1.7", "application/pdf")
    server.add_feed("/f.rss", ["/report.pdf"])
    feeds = tmp_path / "feeds.toml"
    feeds.write_text(f'[[feed]]\nurl = "{server.url("/f.rss")}"\nname = "Test"\nevery = "5m"\n')
    db = str(tmp_path / "w.db")
    result = CliRunner().invoke(
        cli, ["watch", "--feeds", str(feeds), "--once", "--db", db, "--delay", "0"], env=ENV
    )
    assert result.exit_code == 1
    assert f"{server.url('/report.pdf')}: not-html: the page is application/pdf" in result.output
    assert "1 not-html" in result.output
    listed = CliRunner().invoke(cli, ["feeds", "--db", db], env=ENV)
    assert "ok       every 5m" in listed.output and "(Test)" in listed.output
    assert "items 1: 0 stored, 1 failed, 0 waiting" in listed.output


def test_watch_command_needs_feeds(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from dateline.cli import cli

    db = str(tmp_path / "w.db")
    result = CliRunner().invoke(cli, ["watch", "--once", "--db", db], env=ENV)
    assert result.exit_code != 0 and "no feeds" in result.output
    bad = CliRunner().invoke(cli, ["watch", "file:///etc/passwd", "--once", "--db", db], env=ENV)
    assert bad.exit_code == 2 and "not an http(s) URL" in bad.output
    empty = CliRunner().invoke(cli, ["feeds", "--db", db], env=ENV)
    assert "no feeds yet" in empty.output


# -- following feeds over time --------------------------------------------------------------


def test_run_reads_a_feed_when_it_is_due_and_not_before(server: FeedServer, opts: Options):
    corpus_feeds(server)
    feeds = specs(server, "/wire.rss")
    now = [time.time()]
    watcher = Watcher(opts, feeds, pipeline=StubCoder(), clock=lambda: now[0])

    try:
        report = watcher.run(max_rounds=1)
        assert report.feeds_read == 1 and report.stored > 0 and server.hits("/wire.rss") == 1
        report = watcher.run(max_rounds=1)  # the feed is not due again yet
        assert report.rounds == 1 and server.hits("/wire.rss") == 1
        now[0] += 901  # its 15 minutes are up
        report = watcher.run(max_rounds=1)
        assert report.feeds_unchanged == 1 and server.hits("/wire.rss") == 2
    finally:
        watcher.close()


def test_a_stopped_run_returns_at_once(server: FeedServer, opts: Options) -> None:
    corpus_feeds(server)
    stop = threading.Event()
    stop.set()
    watcher = Watcher(opts, specs(server, "/wire.rss"), pipeline=StubCoder(), stop=stop)
    try:
        report = watcher.run()
    finally:
        watcher.close()
    assert report.stopped and server.requests == []


def test_a_due_feed_is_claimed_by_one_watcher(opts: Options) -> None:
    with Store.open(opts.db_path) as store:
        state = FeedState(store.conn)
        feed = state.add_feed("https://news.example/rss", None, 900.0, now=1000.0)
        assert state.claim_feed(feed, 1000.0, 600.0)
        assert not state.claim_feed(feed, 1000.0, 600.0)  # the second watcher
        assert state.claim_feed(feed, 1601.0, 600.0)  # the first one died: the hold ran out


def test_feed_health_as_json_over_http(server: FeedServer, opts: Options) -> None:
    import asyncio

    import httpx

    from dateline.web import create_app

    pages = corpus_feeds(server)
    opened = time.time() - 1
    watch(opts, specs(server, "/wire.rss", "/desk.atom"))
    app = create_app(opts)

    async def get(url: str) -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://localhost") as client:
            return await client.get(url)

    answer = asyncio.run(get(f"/api/v1/feeds?since={opened}")).json()
    assert [f["status"] for f in answer["feeds"]] == ["ok", "ok"]
    assert sum(f["new_since"] for f in answer["feeds"]) == len(pages) + 1
    later = asyncio.run(get("/api/v1/feeds?since=2999-01-01T00:00:00Z")).json()
    assert all(f["new_since"] == 0 for f in later["feeds"])
    bad = asyncio.run(get("/api/v1/feeds?since=yesterday"))
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "bad-parameter"


def test_a_feed_url_that_is_not_a_feed_is_one_failure(server: FeedServer, opts: Options):
    server.routes["/front.html"] = Route(b"<html><body><h1>Front page</h1></body></html>")
    server.routes["/empty.rss"] = Route(
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>',
        "application/rss+xml",
    )
    report, failures = watch(opts, specs(server, "/front.html", "/empty.rss"))
    assert [(f.source, f.reason) for f in failures] == [(server.url("/front.html"), "not-a-feed")]
    assert report.feeds_read == 1 and report.feeds_failed == 1


def test_relative_links_are_resolved_against_the_feed(server: FeedServer, opts: Options):
    server.serve_corpus()
    server.routes["/news/feed.rss"] = Route(
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        b"<item><title>a</title><link>../articles/2026-01-15-geneva-talks.html</link></item>"
        b"</channel></rss>",
        "application/rss+xml",
    )
    report, failures = watch(opts, specs(server, "/news/feed.rss"))
    assert failures == [] and report.stored == 1


def test_an_unreachable_robots_txt_forbids_the_host_for_now(server: FeedServer, opts: Options):
    server.routes["/robots.txt"] = Route(b"oops", "text/plain", status=503)
    server.add_feed("/f.rss", ["/a.html"])
    report, failures = watch(opts, specs(server, "/f.rss"))
    assert [f.reason for f in failures] == ["http-503"] and "robots.txt" in failures[0].message
    assert server.paths() == ["/robots.txt"]  # read once, remembered: the feed is not asked
    assert report.feeds_failed == 1


def test_a_page_that_drips_in_slowly_hits_the_deadline(server: FeedServer, opts: Options):
    server.routes["/slow.html"] = Route(endless=10_000, drip=0.05)
    server.add_feed("/f.rss", ["/slow.html"])
    quick = opts.replace(fetch=FetchOptions(host_delay=0, retries=0, total_timeout=0.5))
    started = time.monotonic()
    _, failures = watch(quick, specs(server, "/f.rss"))
    assert [f.reason for f in failures] == ["timeout"]
    assert time.monotonic() - started < 5  # each piece came within the read timeout


def test_robots_txt_crawl_delay_lengthens_the_pause(server: FeedServer, opts: Options):
    server.routes["/robots.txt"] = Route(b"User-agent: *\nCrawl-delay: 1\n", "text/plain")
    server.routes["/a.html"] = Route(b"<p>a</p>", "application/pdf")
    server.add_feed("/f.rss", ["/a.html"])
    started = time.monotonic()
    watch(opts, specs(server, "/f.rss"))  # host_delay 0, but robots.txt asks for 1s
    assert server.paths() == ["/robots.txt", "/f.rss", "/a.html"]
    assert time.monotonic() - started >= 2.0


def test_the_example_feed_list_is_valid() -> None:
    path = Path(__file__).resolve().parents[1] / "examples" / "feeds.toml"
    assert [f.every for f in load_feed_list(path, 900.0)] == [900.0, 3600.0]


def test_a_page_the_reader_chokes_on_is_one_failure(
    server: FeedServer, opts: Options, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dateline.engines.watch as engine

    pages = corpus_feeds(server)
    real = engine.read_page
    bad = server.url(pages[0])

    def choking(fetched: Any, *args: Any) -> Any:
        if fetched.url == bad:
            raise RuntimeError("extractor broke\non two lines")
        return real(fetched, *args)

    monkeypatch.setattr(engine, "read_page", choking)
    report, failures = watch(opts, specs(server, "/wire.rss", "/desk.atom"))
    assert [(f.source, f.reason, f.message) for f in failures] == [
        (bad, "error", "reading failed: RuntimeError: extractor broke")
    ]
    assert report.stored == len(pages) - 1
