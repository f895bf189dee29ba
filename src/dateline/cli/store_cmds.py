"""Commands over the database: ingest, show, search, summary, events, timeline, dyads,
stories, export. Each opens a ``Store``, calls one library function and prints."""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from dateline.cli.common import (
    db_option,
    echo_json,
    json_option,
    library_errors,
    make_options,
    model_option,
)
from dateline.export import FORMATS as EXPORT_FORMATS
from dateline.models import Document, ReadFailure
from dateline.store import EventFilter, Store, StoredEvent

F = TypeVar("F", bound=Callable[..., Any])


def _open(db_path: Path | None) -> Store:
    store = Store.open(make_options(db_path=db_path).db_path, readonly=True)
    if store.note:  # a read-only folder: say what it means for what is shown
        click.echo(f"note: {store.note}", err=True)
    return store


def filter_options(func: F) -> F:
    """The event filters shared by ``events``, ``export``, ``timeline`` and ``dyads``."""
    options = [
        click.option(
            "--actor",
            help="Actor code, country or organisation, in any role; several, comma-separated, "
            "match any of them.",
        ),
        click.option("--source", help="Source actor code(s) or country, comma-separated."),
        click.option("--target", help="Target actor code(s) or country, comma-separated."),
        click.option("--type", "type_", help="PLOVER event type(s), comma-separated."),
        click.option(
            "--status",
            help="occurred, occurring, planned, expected, denied, hypothetical; several, "
            "comma-separated.",
        ),
        click.option("--context", help="PLOVER context(s), comma-separated."),
        click.option(
            "--since",
            help="First day (YYYY-MM-DD), inclusive; an event dated to a month or year "
            "matches when it overlaps.",
        ),
        click.option("--until", help="Last day (YYYY-MM-DD), inclusive."),
        click.option("--undated", is_flag=True, help="Only events without a date."),
        click.option(
            "--place", help="Place name(s) or ISO country code(s) of the event, comma-separated."
        ),
        click.option("--text", help="Words the evidence sentence must contain."),
        click.option("--raw", is_flag=True, help="Every report, not merged events."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _filters(kw: dict[str, Any]) -> EventFilter:
    from datetime import date

    for name in ("since", "until"):
        if kw.get(name):
            try:
                date.fromisoformat(kw[name])
            except ValueError as exc:
                raise click.BadParameter(
                    f"{kw[name]!r} is not a date (YYYY-MM-DD)", param_hint=f"--{name}"
                ) from exc
    return EventFilter(
        actor=kw.get("actor"),
        source=kw.get("source"),
        target=kw.get("target"),
        type=kw.get("type_"),
        status=kw.get("status"),
        context=kw.get("context"),
        since=kw.get("since"),
        until=kw.get("until"),
        place=kw.get("place"),
        text=kw.get("text"),
        undated=bool(kw.get("undated")),
    )


def _actors(actors: list[Any]) -> str:
    return ", ".join(a.code or a.text for a in actors) or "-"


def shown_date(date: str | None, precision: str) -> str:
    """A date as the table shows it, with its precision when it is not a day:
    ``2027 (year)``, ``2025-09 (month)``, ``-`` when there is none."""
    if not date:
        return "-"
    return date if precision in ("day", "range", "unknown") else f"{date} ({precision})"


def _print_event(event: StoredEvent) -> None:
    place = event.place.name if event.place else "-"
    seen = (
        f"  [{event.num_articles} art., {event.num_sources} src.]" if event.num_articles > 1 else ""
    )
    click.echo(
        f"{shown_date(event.date, event.date_precision):<10}  {event.type:<9} {event.status:<12} "
        f"{_actors(event.source)} → {_actors(event.target)}  @ {place}{seen}  {event.id}"
    )
    click.echo(f"    “{event.evidence.sentence}”")


def _print_document(doc: Document, events: list[StoredEvent], story: Any) -> None:
    click.echo(f"== {doc.id}  {doc.source}" + (f" ({doc.record})" if doc.record else ""))
    click.echo(f"title:     {doc.title or '-'}")
    if doc.dateline:
        dl = doc.dateline
        click.echo(f"dateline:  {dl.text} → {dl.place or '-'}, {dl.date or '-'} ({dl.precision})")
    click.echo(f"byline:    {', '.join(doc.byline) or '-'}")
    click.echo(
        f"date:      {doc.date or '-'} ({doc.date_precision})   published: {doc.published or '-'}"
    )
    for decision in doc.date_decisions:
        click.echo(f"  {decision.field}: {decision.rule}: {decision.reason}")
    if story is not None and story.num_documents > 1:
        others = [d for d in story.doc_ids if d != doc.id]
        click.echo(f"story:     {story.id} with {', '.join(others)}")
    click.echo("")
    for paragraph in doc.paragraphs:
        click.echo(paragraph)
        click.echo("")
    click.echo(f"-- {len(events)} events")
    for event in events:
        _print_event(event)


def _progress_printer() -> Callable[[Any], None] | None:
    """A one-line progress display on stderr, only when stderr is a terminal."""
    if not sys.stderr.isatty():
        return None

    def show(p: Any) -> None:
        left = f", about {p.seconds_left:.0f}s left" if p.seconds_left is not None else ""
        click.echo(
            f"\r{p.articles} articles, {p.rate:.1f}/s, "
            f"file {p.files_done}/{p.files_total}{left}   ",
            err=True,
            nl=False,
        )

    return show


def register(group: click.Group) -> None:
    """Add the database commands to the ``dateline`` group."""

    @group.command("ingest")
    @click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
    @db_option
    @model_option
    @click.option(
        "--workers",
        type=click.IntRange(min=1),
        default=None,
        help="Code in N worker processes (default 1).",
    )
    @click.option(
        "--batch-size",
        type=click.IntRange(min=1),
        default=None,
        help="Documents per transaction (default 32).",
    )
    @json_option
    @library_errors
    def ingest_command(
        paths: tuple[Path, ...],
        db_path: Path | None,
        model: str | None,
        workers: int | None,
        batch_size: int | None,
        as_json: bool,
    ) -> None:
        """Read files and folders (recursively), code every new article and store it.

        Articles already stored are skipped, so running it again changes nothing and a run
        that was interrupted finishes the rest. Each input that fails is one line on stderr;
        the exit status is 1 when any failed.

        Example: dateline ingest examples/corpus --db dateline.db
        """
        from dateline.engines.ingest import ingest

        options = make_options(db_path=db_path, model=model, workers=workers, batch_size=batch_size)
        progress = _progress_printer()

        def failed(failure: ReadFailure) -> None:
            if progress is not None:
                click.echo("\r", err=True, nl=False)
            click.echo(failure.line(), err=True)

        report = ingest(paths, options, on_failure=failed, on_progress=progress)
        if progress is not None:
            click.echo("", err=True)
        if as_json:
            echo_json(report.to_dict())
        else:
            failures = ", ".join(f"{n} {r}" for r, n in sorted(report.failures.items())) or "none"
            click.echo(
                f"{options.db_path}: {report.read} documents read, {report.new} new, "
                f"{report.already} already stored, {report.events} events stored "
                f"({report.seconds:.1f}s)"
            )
            click.echo(f"failures: {failures}")
        if report.failed:
            sys.exit(1)

    @group.command("show")
    @click.argument("doc")
    @db_option
    @json_option
    @library_errors
    def show_command(doc: str, db_path: Path | None, as_json: bool) -> None:
        """Print one stored document (id or a unique id prefix) with its events.

        Example: dateline show doc-3fa2
        """
        with _open(db_path) as store:
            found = store.get_document(doc)
            if found is None:
                raise click.ClickException(f"no document {doc!r} (or the prefix is ambiguous)")
            events = store.document_events(found.id)
            story = store.story_of(found.id)
        if as_json:
            echo_json(
                {
                    "document": found.to_dict(),
                    "events": [e.to_dict() for e in events],
                    "story": story.to_dict() if story else None,
                }
            )
        else:
            _print_document(found, events, story)

    @group.command("search")
    @click.argument("words")
    @db_option
    @click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
    @json_option
    @library_errors
    def search_command(words: str, db_path: Path | None, limit: int, as_json: bool) -> None:
        """Find documents holding every word (title or body), best match first (bm25).

        Example: dateline search "security guarantees"
        """
        with _open(db_path) as store:
            hits = store.search(words, limit)
        if as_json:
            echo_json([h.to_dict() for h in hits])
            return
        for hit in hits:
            click.echo(f"{hit.doc_id}  {hit.date or '-':<10}  {hit.title or hit.source}")
            click.echo(f"    {hit.snippet}")
        if not hits:
            click.echo("no documents found", err=True)

    @group.command("summary")
    @db_option
    @json_option
    @library_errors
    def summary_command(db_path: Path | None, as_json: bool) -> None:
        """Counts: documents, events, stories, types, statuses, busiest actors, failures."""
        with _open(db_path) as store:
            summary = store.summary()
        if as_json:
            echo_json(summary.to_dict())
            return
        c = summary.counts
        click.echo(
            f"documents:     {c['documents']} ({c['sources']} sources, {c['stories']} stories, "
            f"{c['duplicates']} copies or near-copies)"
        )
        click.echo(
            f"events:        {c['merged_events']} merged from {c['events']} reports"
            + (f", {summary.first_date} to {summary.last_date}" if summary.first_date else "")
        )
        for title, counts in (
            ("types", summary.types),
            ("statuses", summary.statuses),
            ("classes", summary.classes),
            ("formats", summary.formats),
            ("failures", summary.failures),
        ):
            line = ", ".join(f"{k} {v}" for k, v in counts.items()) or "none"
            click.echo(f"{title + ':':<14} {line}")
        actors = ", ".join(f"{a['code']} {a['events']}" for a in summary.actors[:10]) or "none"
        click.echo(f"{'actors:':<14} {actors}")

    @group.command("events")
    @filter_options
    @click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
    @click.option("--offset", type=click.IntRange(min=0), default=0)
    @click.option(
        "--format",
        "fmt",
        type=click.Choice(["table", "json", "csv"]),
        default="table",
        show_default=True,
    )
    @db_option
    @library_errors
    def events_command(limit: int, offset: int, fmt: str, db_path: Path | None, **kw: Any) -> None:
        """Filtered events, newest first, each with its evidence sentence.

        Example: dateline events --actor FRA --type AID,SUPPORT --since 2026-01-01
        """
        from dateline.csvcells import safe_row
        from dateline.export import EVENT_COLUMNS, event_row

        filters = _filters(kw)
        with _open(db_path) as store:
            found = store.events(filters, limit, offset, merged=not kw["raw"])
        if fmt == "json":
            echo_json([e.to_dict() for e in found])
        elif fmt == "csv":
            writer = csv.DictWriter(sys.stdout, fieldnames=EVENT_COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(safe_row(event_row(e)) for e in found)
        else:
            for event in found:
                _print_event(event)
            if not found:
                click.echo("no events found", err=True)

    @group.command("timeline")
    @filter_options
    @click.option(
        "--by", type=click.Choice(["day", "week", "month"]), default="week", show_default=True
    )
    @click.option("--classes", is_flag=True, help="Split by PLOVER class instead of type.")
    @db_option
    @json_option
    @library_errors
    def timeline_command(
        by: str, classes: bool, db_path: Path | None, as_json: bool, **kw: Any
    ) -> None:
        """Event counts per day, week (its Monday) or month, by type or by PLOVER class.

        Example: dateline timeline --by month --classes
        """
        with _open(db_path) as store:
            points = store.timeline(_filters(kw), by, classes=classes, merged=not kw["raw"])
        if as_json:
            echo_json([p.to_dict() for p in points])
            return
        for period in dict.fromkeys(p.period for p in points):
            parts = [f"{p.group} {p.count}" for p in points if p.period == period]
            total = sum(p.count for p in points if p.period == period)
            click.echo(f"{period:<10}  {total:>5}  {', '.join(parts)}")

    @group.command("dyads")
    @filter_options
    @click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
    @db_option
    @json_option
    @library_errors
    def dyads_command(limit: int, db_path: Path | None, as_json: bool, **kw: Any) -> None:
        """Who acts on whom: source → target pairs, how often, with which event types.

        Example: dateline dyads --since 2026-01-01 --until 2026-01-31
        """
        with _open(db_path) as store:
            found = store.dyads(_filters(kw), merged=not kw["raw"], limit=limit)
        if as_json:
            echo_json([d.to_dict() for d in found])
            return
        for d in found:
            types = ", ".join(f"{t} {n}" for t, n in d.types.items())
            click.echo(f"{d.source} → {d.target}  {d.count}  ({types})")

    @group.command("stories")
    @click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
    @db_option
    @json_option
    @library_errors
    def stories_command(limit: int, db_path: Path | None, as_json: bool) -> None:
        """Stories told by more than one article (copies and near-copies), largest first."""
        with _open(db_path) as store:
            found = store.stories(limit=limit)
        if as_json:
            echo_json([s.to_dict() for s in found])
            return
        for s in found:
            click.echo(
                f"{s.id}  {s.num_documents} articles, {s.num_sources} sources  {s.title or '-'}"
            )
            for doc_id in s.doc_ids:
                click.echo(f"    {doc_id}")

    @group.command("export")
    @click.option("--format", "fmt", type=click.Choice(list(EXPORT_FORMATS)), required=True)
    @click.option(
        "--out",
        type=click.Path(path_type=Path),
        default=None,
        help="File (or folder for parquet); default stdout.",
    )
    @filter_options
    @db_option
    @library_errors
    def export_command(fmt: str, out: Path | None, db_path: Path | None, **kw: Any) -> None:
        """Export events: Parquet tables (documents, events, actors), CSV, JSON Lines or
        PLOVER JSON, with the same filters as 'events'.

        Example: dateline export --format parquet --out exported/
        """
        from dateline.export import export

        with _open(db_path) as store:
            result = export(store, fmt, out, _filters(kw), merged=not kw["raw"])
        if out is not None:
            click.echo(
                f"{result.events} events, {result.documents} documents → {', '.join(result.files)}",
                err=True,
            )
