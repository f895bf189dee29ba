"""Commands that follow news feeds: ``watch`` (read feeds, code and store new articles) and
``feeds`` (the feeds followed and their health)."""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from dateline.cli.common import (
    db_option,
    echo_json,
    json_option,
    library_errors,
    make_options,
    model_option,
)
from dateline.models import ReadFailure
from dateline.options import FetchOptions

if TYPE_CHECKING:  # the engine pulls in httpx: imported when a command runs, not at start-up
    from dateline.engines.watch import WatchProgress


def _every(value: str | None) -> float | None:
    from dateline.sources.feedlist import parse_every

    if value is None:
        return None
    try:
        return parse_every(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--every") from exc


@contextmanager
def _ctrl_c_stops(stop: threading.Event, say: Callable[[str], None]) -> Iterator[None]:
    """The first Ctrl-C asks the watcher to stop after the article in hand; a second one
    interrupts at once."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be set from the main thread (CliRunner in a thread)
        return

    def handler(signum: int, frame: Any) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()
        say("stopping after the article in hand (Ctrl-C again to quit at once)")

    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


class _Display:
    """A rich progress line on a terminal; failures as plain lines on stderr otherwise."""

    def __init__(self) -> None:
        self.status: Any = None
        if sys.stderr.isatty():
            from rich.console import Console

            self.console = Console(stderr=True)
            self.status = self.console.status("starting", spinner="dots")

    def __enter__(self) -> _Display:
        if self.status is not None:
            self.status.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.status is not None:
            self.status.stop()

    def line(self, text: str) -> None:
        if self.status is not None:
            self.console.print(text, markup=False, highlight=False, soft_wrap=True)
        else:
            click.echo(text, err=True)

    def failure(self, failure: ReadFailure) -> None:
        self.line(failure.line())

    def progress(self, p: WatchProgress) -> None:
        if self.status is None:
            return
        what = "feed" if p.doing == "feed" else "page"
        feeds = f"feeds {p.feeds_done}/{p.feeds_total}"
        text = (
            f"{feeds} · {p.stored} stored · {p.failed} failed · {p.elapsed:.0f}s · {what} {p.url}"
        )
        room = max(20, self.console.width - 4)  # one line: the spinner and a space come first
        self.status.update(text if len(text) <= room else text[: room - 1] + "…")


def register(group: click.Group) -> None:
    """Add ``watch`` and ``feeds`` to the ``dateline`` group."""
    group.add_command(watch_command)
    group.add_command(feeds_command)


@click.command("watch")
@click.argument("urls", nargs=-1)
@click.option(
    "--feeds",
    "feed_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help='TOML feed list: [[feed]] url = "...", name = "...", every = "15m".',
)
@click.option("--every", default=None, help="Interval for feeds given as URLs (default 15m).")
@click.option("--once", is_flag=True, help="One round over every feed, then exit (for cron).")
@db_option
@model_option
@click.option(
    "--delay", type=click.FloatRange(min=0), default=None,
    help="Seconds between two requests to one host (default 2; robots.txt may ask more).",
)  # fmt: skip
@click.option(
    "--timeout", type=click.FloatRange(min=0.1), default=None,
    help="Seconds to wait to connect and for each read (default 10 and 30).",
)  # fmt: skip
@click.option(
    "--max-bytes", type=click.IntRange(min=1024), default=None,
    help="Largest page or feed body accepted (default 20 MiB).",
)  # fmt: skip
@click.option(
    "--retries", type=click.IntRange(min=0, max=10), default=None,
    help="Retries after a timeout or a 5xx answer (default 2; never after a 4xx).",
)  # fmt: skip
@click.option("--user-agent", default=None, help="User-Agent header (default dateline/VERSION).")
@json_option
@library_errors
def watch_command(
    urls: tuple[str, ...],
    feed_file: Path | None,
    every: str | None,
    once: bool,
    db_path: Path | None,
    model: str | None,
    delay: float | None,
    timeout: float | None,
    max_bytes: int | None,
    retries: int | None,
    user_agent: str | None,
    as_json: bool,
) -> None:
    """Follow RSS/Atom feeds: read each new item's page, code it and store it.

    Feeds come as URLs, from --feeds FILE, or (neither given) from the database, where
    their state is kept: validators (ETag, Last-Modified), last success and error, when each
    is due, and every item seen, so a restart resumes and two watchers on one database never
    fetch the same page. Pages already stored (by URL or content) are not fetched again.
    robots.txt is honoured; one request at a time per host, with a pause between two.

    Ctrl-C stops between articles (a page already fetched is stored). Each failure is
    one line on stderr; with --once the exit status is 1 when anything failed.

    Example: dateline watch --feeds feeds.toml --once --db news.db
    """
    from dateline.engines.watch import Watcher
    from dateline.sources.feedlist import FeedSpec, check_feed_url, load_feed_list

    defaults = FetchOptions()
    fetch = FetchOptions(
        user_agent=user_agent,
        host_delay=defaults.host_delay if delay is None else delay,
        connect_timeout=defaults.connect_timeout if timeout is None else timeout,
        read_timeout=defaults.read_timeout if timeout is None else timeout,
        max_body_bytes=defaults.max_body_bytes if max_bytes is None else max_bytes,
        retries=defaults.retries if retries is None else retries,
    )
    options = make_options(db_path=db_path, model=model, fetch=fetch)
    interval = _every(every) or fetch.default_every
    specs: list[FeedSpec] = []
    for url in urls:
        try:
            specs.append(FeedSpec(check_feed_url(url), None, interval))
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="URLS") from exc
    if feed_file is not None:
        specs.extend(load_feed_list(feed_file, interval))
    stop = threading.Event()
    with _Display() as display:
        watcher = Watcher(
            options,
            specs or None,
            stop=stop,
            on_failure=display.failure,
            on_progress=display.progress,
        )
        try:
            with _ctrl_c_stops(stop, display.line):
                report = watcher.run_once() if once else watcher.run()
        finally:
            watcher.close()
    if as_json:
        echo_json(report.to_dict())
    else:
        failures = ", ".join(f"{n} {r}" for r, n in sorted(report.failures.items())) or "none"
        click.echo(
            f"{options.db_path}: {report.rounds} round(s); feeds: {report.feeds_read} read, "
            f"{report.feeds_unchanged} unchanged, {report.feeds_failed} failed; "
            f"{report.items_new} new items, {report.pages_fetched} pages fetched, "
            f"{report.stored} documents stored, {report.already} already stored, "
            f"{report.events} events ({report.seconds:.1f}s)"
            + (" — stopped" if report.stopped else "")
        )
        click.echo(f"failures: {failures}")
    if once and report.failed:
        sys.exit(1)


def _when(value: str | None) -> str:
    return value.replace("T", " ").removesuffix("Z") if value else "-"


@click.command("feeds")
@db_option
@json_option
@library_errors
def feeds_command(db_path: Path | None, as_json: bool) -> None:
    """List the feeds ``dateline watch`` follows, with their health.

    For each feed: status (ok, failing, new), interval, when it was last read and last
    succeeded, the last error, when it is due next, and its items (stored, failed, waiting).

    Example: dateline feeds --db news.db
    """
    from dateline.store import Store
    from dateline.store.feeds import FeedState

    options = make_options(db_path=db_path)
    with Store.open(options.db_path, readonly=True) as store:
        health = FeedState(store.conn).health()
    if as_json:
        echo_json([h.to_dict() for h in health])
        return
    if not health:
        click.echo("no feeds yet: add some with 'dateline watch URL' or --feeds FILE")
        return
    for h in health:
        row = h.to_dict()
        name = f" ({h.name})" if h.name else ""
        click.echo(f"{row['status']:<8} every {h.every / 60:g}m  {h.url}{name}")
        click.echo(
            f"         last read {_when(row['last_checked'])} (HTTP {h.last_status or '-'}), "
            f"last success {_when(row['last_success'])}, next due {_when(row['next_due'])}"
        )
        click.echo(
            f"         items {h.items}: {h.stored} stored, {h.failed} failed, {h.pending} waiting"
        )
        if h.last_error:
            stamp = _when(row["last_error_at"])
            tries = f", {h.failures} in a row" if h.failures else ""
            click.echo(f"         last error {stamp}{tries}: {h.last_error}")
