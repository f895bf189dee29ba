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


def _echo_actor_row(r: dict[str, Any]) -> None:
    removed = "  [removed]" if r.get("removed") else ""
    click.echo(
        f"{r['name']}\t{r['code']}\t{r.get('office') or '-'}"
        f"\t{r.get('since') or '-'}..{r.get('until') or ''}"
        f"\t{r['source']}\t{r['provenance']}{removed}"
    )


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
    @click.option(
        "--dictionary", "with_dictionary", is_flag=True,
        help="Also list the field's dictionaries (data/phoenix), one row per dated role.",
    )  # fmt: skip
    @click.pass_context
    @library_errors
    def actors_group(
        ctx: click.Context,
        as_json: bool,
        db_path: Path | None,
        show_all: bool,
        with_dictionary: bool = False,
    ) -> None:
        """List the actor knowledge base: name, code, office, from/until, source and
        provenance (data file line, dictionary line, or the document it was learned from)."""
        ctx.obj = {"db_path": db_path}
        if ctx.invoked_subcommand is not None:
            return
        from dateline.actors.data import load_actor_data

        options = make_options(db_path=db_path)
        data = load_actor_data(options.data_dir)
        kb = KnowledgeBase.load(data, options)
        entries = [e for e in kb.entries if show_all or not e.removed]
        rows = [e.to_dict() for e in entries]
        if with_dictionary and data.lexicon is not None:
            from dateline.actors.lexicon import dictionary_rows

            rows += dictionary_rows(data.lexicon)
        if as_json:
            echo_json(rows)
            return
        for r in rows:
            _echo_actor_row(r)

    @actors_group.command("show")
    @click.argument("name")
    @click.option("--date", "day", default=None, help="ISO date of the article (default: today).")
    @click.pass_context
    @library_errors
    def actors_show(ctx: click.Context, name: str, day: str | None) -> None:
        """Every entry for NAME (knowledge base and dictionaries, with where each came
        from) and the code it gets on --date: user entries win, then learned, then data;
        the dictionaries only where the knowledge base has nothing for that date."""
        import datetime as dt

        from dateline.actors.data import load_actor_data
        from dateline.actors.lexicon import dictionary_rows, who

        try:
            when = dt.date.fromisoformat(day) if day else dt.date.today()
        except ValueError as exc:
            raise click.BadParameter(f"not an ISO date: {day!r}", param_hint="--date") from exc
        options = make_options(db_path=ctx.obj["db_path"])
        data = load_actor_data(options.data_dir)
        kb = KnowledgeBase.load(data, options)
        rows = [e.to_dict() for e in kb.lookup_all(name)]
        if data.lexicon is not None:
            rows += dictionary_rows(data.lexicon, name)
        for r in rows:
            _echo_actor_row(r)
        chosen = who(kb, data.lexicon, name, when)
        if chosen is None:
            click.echo(f"on {when}: no code ({name} is unknown or holds no role then)")
        else:
            click.echo(f"on {when}: {chosen.code}  ({chosen.source}, {chosen.provenance})")

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
