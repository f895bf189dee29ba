"""The ``dateline`` command. Each stage's commands live in their own module and are
registered here; every command builds ``Options``, calls library functions, and turns
``DatelineError`` into a one-line ``click.ClickException``."""

from __future__ import annotations

import importlib

import click

from dateline import __version__

# Modules that define commands; each exposes ``register(group)``.
COMMAND_MODULES = (
    "dateline.cli.read_cmds",  # read
    "dateline.cli.annotate_cmds",  # annotate, actors
    "dateline.cli.event_cmds",  # code, explain, evaluate
    "dateline.cli.store_cmds",  # ingest, show, search, summary, events, timeline, dyads, export
    "dateline.cli.serve_cmds",  # serve
    "dateline.cli.engine_cmds",  # spark-ingest, load
    "dateline.cli.watch_cmds",  # watch, feeds
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dateline")
def cli() -> None:
    """Read news reports and turn them into verifiable PLOVER events."""


for _name in COMMAND_MODULES:
    try:
        _module = importlib.import_module(_name)
    except ModuleNotFoundError as exc:  # a stage not built yet
        if exc.name != _name:
            raise
        continue
    _module.register(cli)


def main() -> None:
    cli()
