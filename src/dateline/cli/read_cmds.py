"""``dateline read FILE``: read one file and print its documents; stores nothing."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from dateline.cli.common import echo_json, json_option, library_errors, make_options
from dateline.models import Document, ReadFailure, escape_line
from dateline.options import Options
from dateline.read import read_path, read_pipe, read_stream


def _print_document(doc: Document) -> None:
    dl = doc.dateline
    where = escape_line(doc.source) + (f" ({doc.record})" if doc.record else "")
    click.echo(f"== {doc.id}  {where}")
    click.echo(f"title:     {doc.title or '-'}")
    if dl:
        agency = f" [{dl.agency}]" if dl.agency else ""
        click.echo(f"dateline:  {dl.text} → place {dl.place or '-'}, date {dl.date or '-'}"
                   f" ({dl.precision}){agency}")  # fmt: skip
    click.echo(f"byline:    {', '.join(doc.byline) or '-'}")
    click.echo(
        f"published: {doc.published or '-'}   date: {doc.date or '-'} ({doc.date_precision})"
    )
    for decision in doc.date_decisions:
        click.echo(f"  {decision.field}: {decision.rule}: {decision.reason}")
    click.echo(f"format:    {doc.format}   language: {doc.language or '-'}   url: {doc.url or '-'}")
    click.echo("")
    for paragraph in doc.paragraphs:
        click.echo(paragraph)
        click.echo("")


def _items(file: Path, fmt: str | None, options: Options) -> Iterator[Document | ReadFailure]:
    if str(file) == "-":
        yield from read_pipe(sys.stdin.buffer, "<stdin>", options, fmt)
    elif fmt is None:
        yield from read_path(file, options)
    else:
        try:
            with file.open("rb") as handle:
                yield from read_stream(handle, str(file), options, fmt)
        except OSError as exc:
            yield ReadFailure(str(file), "unreadable", exc.strerror or str(exc))


def _indented(doc: Document) -> str:
    """A document as JSON, indented as an element of the printed list."""
    text = json.dumps(doc.to_dict(), ensure_ascii=False, indent=2, default=str)
    return "\n".join("  " + line for line in text.splitlines())


def register(group: click.Group) -> None:
    """Add ``read`` to the ``dateline`` command group."""

    @group.command("read")
    @click.argument("file", type=click.Path(path_type=Path, dir_okay=False, allow_dash=True))
    @click.option(
        "--format", "fmt",
        type=click.Choice(["text", "html", "feed", "warc", "jsonl"]),
        default=None,
        help="Force the input format (default: detect from the name and content).",
    )  # fmt: skip
    @json_option
    @library_errors
    def read_command(file: Path, fmt: str | None, as_json: bool) -> None:
        """Read FILE (any format; "-" for stdin) and print each document. Stores nothing.

        Failures are printed on stderr, one line each; the exit status is 1 when any input
        failed.
        """
        options = make_options()
        # Documents are printed as they are read, so a file of any size is read in bounded
        # memory; with --json, one document alone (and no failure) prints as an object.
        failures = 0
        first: Document | None = None
        count = 0
        for item in _items(file, fmt, options):
            if isinstance(item, ReadFailure):
                failures += 1
                click.echo(item.line(), err=True)
                continue
            count += 1
            if not as_json:
                _print_document(item)
            elif count == 1:
                first = item
            else:
                # whole lines only: a failure line on stderr may come between two documents
                if count == 2 and first is not None:
                    click.echo("[\n" + _indented(first))
                click.echo(",\n" + _indented(item))
        if as_json:
            if count >= 2:
                click.echo("]")
            elif first is not None and not failures:
                echo_json(first.to_dict())
            else:
                echo_json([first.to_dict()] if first is not None else [])
        if failures:
            sys.exit(1)
