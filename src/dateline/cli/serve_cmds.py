"""``dateline serve``: the web page and HTTP API on uvicorn."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import click

from dateline.cli.common import db_option, library_errors, make_options

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
@library_errors
def serve(
    db_path: Path | None, host: str, port: int, log_level: str, allow_hosts: tuple[str, ...]
) -> None:
    """Serve the web page and the JSON API (/api/v1/, docs at /docs) over the database.

    Read-only, except POST /api/v1/documents, which needs the bearer token set in
    $DATELINE_TOKEN (refused when it is unset). Requests naming another host in their Host
    header are refused (a web page cannot reach the API through a rebound DNS name).
    """
    import uvicorn

    from dateline.store import Store
    from dateline.web import create_app
    from dateline.web.limits import MAX_HEADER_BYTES
    from dateline.web.views import warm

    options = make_options(db_path=db_path)
    # Open once before serving: a corrupt or foreign file is a one-line error now rather than
    # a 503 on every page; an older schema is upgraded (the pages then open it read-only);
    # a missing file is created empty (POST /api/v1/documents fills it).
    path = Path(options.db_path)
    readonly = path.is_file() and not os.access(path, os.W_OK)
    with Store.open(path, readonly=readonly):
        pass
    token = os.environ.get("DATELINE_TOKEN") or None
    hosts = (*allow_hosts, *(() if host in _WILDCARDS else (host,)))
    options = options.replace(token=token, allowed_hosts=hosts)
    app = create_app(options)
    # The overview aggregates the whole database: build it while the server starts.
    threading.Thread(target=warm, args=(app,), name="warm-overview", daemon=True).start()
    click.echo(f"dateline: serving {options.db_path} on http://{host}:{port}/", err=True)
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level=log_level,
        # Headers and idle connections are bounded too; bodies are bounded by the app. h11
        # (not httptools, which ignores the limit) so the header limit holds in the parser.
        http="h11",
        h11_max_incomplete_event_size=MAX_HEADER_BYTES,
        timeout_keep_alive=5,
    )


def register(group: click.Group) -> None:
    """Add ``serve`` to the ``dateline`` command group."""
    group.add_command(serve)
