"""``dateline serve``: the web page and HTTP API on uvicorn."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import click

from dateline.cli.common import db_option, library_errors, make_options
from dateline.options import Options

if TYPE_CHECKING:
    from fastapi import FastAPI

# The default server processes: one a usable core, but no more than this (each keeps its own
# page cache and store pool, and the pages are read-bound on one SQLite file).
MAX_DEFAULT_WORKERS = 4

# Listening on every address names no host: the allowed names must be given.
_WILDCARDS = ("0.0.0.0", "::", "")


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port to listen on (0 picks a free one).",
)
@click.option(
    "--log-level",
    default="warning",
    show_default=True,
    type=click.Choice(["critical", "error", "warning", "info", "debug"]),
    help="uvicorn's log level.",
)
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    metavar="NAME",
    help="A host name the server answers to besides localhost, 127.0.0.1 and ::1 (and the"
    " --host address); repeat for several, '*' for any. Guards against DNS rebinding.",
)
@click.option(
    "--workers",
    default=None,
    type=click.IntRange(1, 64),
    help="Server processes [default: one a CPU core this process may use, at most"
    f" {MAX_DEFAULT_WORKERS}]. SQLite readers do not block one another: with 2 or more, a slow"
    " page or download does not hold up quick pages (each process keeps its own cache).",
)
@library_errors
def serve(
    db_path: Path | None,
    host: str,
    port: int,
    log_level: str,
    allow_hosts: tuple[str, ...],
    workers: int | None,
) -> None:
    """Serve the web page and the JSON API (/api/v1/, docs at /docs) over the database.

    Read-only, except POST /api/v1/documents, which needs the bearer token set in
    $DATELINE_TOKEN (refused when it is unset). Requests naming another host in their Host
    header are refused (a web page cannot reach the API through a rebound DNS name).
    """
    import uvicorn

    from dateline.store import Store
    from dateline.web.limits import MAX_HEADER_BYTES

    options = make_options(db_path=db_path)
    # Open once before serving: a corrupt or foreign file is a one-line error now rather than
    # a 503 on every page; an older schema is upgraded (the pages then open it read-only);
    # a missing file is created empty (POST /api/v1/documents fills it).
    path = Path(options.db_path)
    readonly = path.is_file() and not os.access(path, os.W_OK)
    with Store.open(path, readonly=readonly):
        pass
    hosts = (*allow_hosts, *(() if host in _WILDCARDS else (host,)))
    # Each server process builds its app from these (the token is read from
    # $DATELINE_TOKEN there too): the same settings in one process or several.
    os.environ["DATELINE_DB"] = str(path.resolve())
    os.environ["DATELINE_ALLOWED_HOSTS"] = ",".join(hosts)
    workers = workers or default_workers()
    click.echo(
        f"dateline: serving {options.db_path} on http://{host}:{port}/"
        f" ({workers} process{'es' if workers > 1 else ''})",
        err=True,
    )
    uvicorn.run(
        "dateline.cli.serve_cmds:app_from_env",
        factory=True,
        workers=workers,
        host=host,
        port=port,
        log_level=log_level,
        # Headers and idle connections are bounded too; bodies are bounded by the app. h11
        # (not httptools, which ignores the limit) so the header limit holds in the parser.
        http="h11",
        h11_max_incomplete_event_size=MAX_HEADER_BYTES,
        timeout_keep_alive=5,
    )


def default_workers() -> int:
    """One server process a CPU core this process may use, at most ``MAX_DEFAULT_WORKERS``:
    on a 2-core machine one slow page then does not hold up the quick ones."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_DEFAULT_WORKERS))


def app_from_env() -> FastAPI:
    """The web app of one ``dateline serve`` process, from ``Options.from_env`` (the command
    sets ``DATELINE_DB`` and ``DATELINE_ALLOWED_HOSTS``; the token is ``$DATELINE_TOKEN``).
    The overview, the map and the dyads are built in a thread while it starts."""
    from dateline.web import create_app
    from dateline.web.views import warm

    options = Options.from_env()
    app = create_app(options.replace(token=os.environ.get("DATELINE_TOKEN") or None))
    # The overview aggregates the whole database: build it while the server starts
    # (``GET /api/v1/ready`` says 503 until it is done).
    app.state.ready = False
    threading.Thread(target=warm, args=(app,), name="warm-overview", daemon=True).start()
    return app


def register(group: click.Group) -> None:
    """Add ``serve`` to the ``dateline`` command group."""
    group.add_command(serve)
