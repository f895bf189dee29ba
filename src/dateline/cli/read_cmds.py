"""``dateline read FILE``: read one file and print its documents; stores nothing."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import click

from dateline.cli.common import echo_json, json_option, library_errors, make_options
from dateline.errors import ReadError
from dateline.models import Document, ReadFailure
from dateline.options import Options
from dateline.read import read_path, read_stream
from dateline.read.detect import spool


def _print_document(doc: Document) -> None:
    dl = doc.dateline
    click.echo(f"== {doc.id}  {doc.source}" + (f" ({doc.record})" if doc.record else ""))
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


# Standard input is copied aside to be read (in memory up to one record's worth, then in a
# temporary file) and refused past this size.
MAX_STDIN_BYTES = 1 << 30


def _items(file: Path, fmt: str | None, options: Options) -> Iterator[Document | ReadFailure]:
    if str(file) == "-":
        try:
            copy = spool(sys.stdin.buffer, options.max_record_bytes, MAX_STDIN_BYTES)
        except ReadError as exc:
            yield ReadFailure("<stdin>", exc.reason, str(exc))
            return
        with copy:
            yield from read_stream(copy, "<stdin>", options, fmt)
    elif fmt is None:
        yield from read_path(file, options)
    else:
        try:
            with file.open("rb") as handle:
                yield from read_stream(handle, str(file), options, fmt)
        except OSError as exc:
            yield ReadFailure(str(file), "unreadable", exc.strerror or str(exc))


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
        documents, failures = [], []
        for item in _items(file, fmt, options):
            if isinstance(item, ReadFailure):
                failures.append(item)
                click.echo(item.line(), err=True)
            else:
                documents.append(item)
        if as_json:
            data = [d.to_dict() for d in documents]
            echo_json(data[0] if len(data) == 1 and not failures else data)
        else:
            for doc in documents:
                _print_document(doc)
        if failures:
            sys.exit(1)
