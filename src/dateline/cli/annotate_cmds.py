"""``dateline annotate FILE`` and ``dateline actors`` (list, set, remove)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from dateline.actors.kb import KBEntry, KnowledgeBase
from dateline.cli.common import (
    db_option,
    echo_json,
    json_option,
    library_errors,
    make_options,
    model_option,
)
from dateline.models import AnnotatedDocument, ReadFailure
from dateline.store import Store


def _print_annotated(ann: AnnotatedDocument) -> None:
    doc = ann.document
    click.echo(f"== {doc.id}  {doc.source}  date {doc.date or '-'}")
    for s in ann.sentences:
        click.echo(f"[{s.index}] {s.text}")
        for m in s.mentions:
            ante = f" → #{m.antecedent}" if m.antecedent is not None else ""
            click.echo(
                f"    actor  {m.text!r} {m.start}-{m.end}  {m.code or '?'}"
                f"  sector {m.sector or '-'}"
                f"  name {m.name or '-'}  kind {m.kind}  rule {m.rule}{ante}"
            )
        for p in s.places:
            click.echo(
                f"    place  {p.text!r} {p.start}-{p.end}  {p.name}, {p.country or '-'}"
                f"  ({p.lat}, {p.lon})  geonames {p.geonameid}  rule {p.rule}"
            )
        for t in s.times:
            until = f" to {t.end_date}" if t.end_date else ""
            click.echo(
                f"    time   {t.text!r} {t.start}-{t.end}  {t.date or '-'}{until}"
                f"  ({t.precision})  rule {t.rule}"
            )
    for e in ann.learned:
        click.echo(f"learned: {e.name} = {e.code} ({e.office}) from sentence {e.sentence}")


def _annotated_dict(ann: AnnotatedDocument) -> dict[str, Any]:
    data = ann.to_dict()
    data["learned"] = [e.to_dict() for e in ann.learned]
    return data


def register(group: click.Group) -> None:
    """Add ``annotate`` and ``actors`` to the ``dateline`` command group."""

    @group.command("annotate")
    @click.argument("file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
    @json_option
    @model_option
    @db_option
    @library_errors
    def annotate_command(
        file: Path, as_json: bool, model: str | None, db_path: Path | None
    ) -> None:
        """Print each sentence of FILE with its actors, places and time expressions.

        Office-holders learned from FILE are shown but not stored (``ingest`` stores them).
        """
        from dateline.pipeline import Pipeline

        pipeline = Pipeline(make_options(model=model, db_path=db_path))
        out: list[dict[str, Any]] = []
        failed = False
        for item in pipeline.read(file):
            if isinstance(item, ReadFailure):
                click.echo(item.line(), err=True)
                failed = True
                continue
            ann = pipeline.annotate(item)
            if as_json:
                out.append(_annotated_dict(ann))
            else:
                _print_annotated(ann)
        if as_json:
            echo_json(out)
        if failed:
            raise SystemExit(1)

    @group.group("actors", invoke_without_command=True)
    @json_option
    @db_option
    @click.option("--all", "show_all", is_flag=True, help="Include removed entries.")
    @click.pass_context
    @library_errors
    def actors_group(
        ctx: click.Context, as_json: bool, db_path: Path | None, show_all: bool
    ) -> None:
        """List the actor knowledge base: name, code, office, from/until, provenance."""
        ctx.obj = {"db_path": db_path}
        if ctx.invoked_subcommand is not None:
            return
        from dateline.actors.data import load_actor_data

        options = make_options(db_path=db_path)
        kb = KnowledgeBase.load(load_actor_data(options.data_dir), options)
        entries = [e for e in kb.entries if show_all or not e.removed]
        if as_json:
            echo_json([e.to_dict() for e in entries])
            return
        for e in entries:
            removed = "  [removed]" if e.removed else ""
            click.echo(
                f"{e.name}\t{e.code}\t{e.office or '-'}\t{e.since or '-'}..{e.until or ''}"
                f"\t{e.source}\t{e.provenance}{removed}"
            )

    @actors_group.command("set")
    @click.argument("name")
    @click.option("--code", required=True, help='Actor code, e.g. "CAN GOV" or "NATO".')
    @click.option("--office", default=None, help='Office, e.g. "Prime Minister".')
    @click.option("--since", default=None, help="ISO date the office began.")
    @click.option("--until", default=None, help="ISO date the office ended.")
    @click.pass_context
    @library_errors
    def actors_set(
        ctx: click.Context,
        name: str,
        code: str,
        office: str | None,
        since: str | None,
        until: str | None,
    ) -> None:
        """Correct NAME: it holds CODE (and OFFICE); overrides data and learned entries."""
        options = make_options(db_path=ctx.obj["db_path"])
        parts = code.split()
        country = (
            parts[0] if len(parts) == 2 and len(parts[0]) == 3 and parts[0].isupper() else None
        )
        entry = KBEntry(
            name=name,
            code=code,
            country=country,
            org=None if country else code,
            sector=parts[1] if country else "IGO",
            office=office,
            since=since,
            until=until,
            source="user",
            provenance="user",
        )
        with Store(options) as store:
            store.save_kb([entry])
        click.echo(f"{name} = {code} ({office or '-'}) saved in {options.db_path}")

    @actors_group.command("remove")
    @click.argument("name")
    @click.pass_context
    @library_errors
    def actors_remove(ctx: click.Context, name: str) -> None:
        """Remove NAME from the knowledge base (its data and learned entries are hidden)."""
        options = make_options(db_path=ctx.obj["db_path"])
        with Store(options) as store:
            store.remove_kb(name)
        click.echo(f"{name} removed from the knowledge base in {options.db_path}")
