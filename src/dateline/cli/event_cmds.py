"""``dateline code``, ``dateline explain`` and ``dateline evaluate``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from dateline.cli.common import (
    db_option,
    echo_json,
    json_option,
    library_errors,
    make_options,
    model_option,
    sentence_typer_option,
)
from dateline.models import Actor, Document, Event, ReadFailure


def _actor(actors: list[Actor]) -> str:
    return ", ".join(a.code or f"'{a.text}'" for a in actors) or "-"


def _print_event(event: Event) -> None:
    click.echo(f"{event.id}  {event.type}"
               + (f"/{event.mode}" if event.mode else "")
               + f"  [{event.status}]  {_actor(event.source)} -> {_actor(event.target)}"
               + f"  cameo {event.cameo}")  # fmt: skip
    where = event.place.name if event.place else "-"
    said = f"  said by {event.attributed_to.text}" if event.attributed_to else ""
    click.echo(f"    trigger '{event.evidence.trigger}' ({event.evidence.rule})  "
               f"place {where}  date {event.date or '-'}{said}")  # fmt: skip
    click.echo(f"    {event.evidence.sentence}")


def _mark(event: Event, document: Document | None) -> str:
    """The evidence sentence with the trigger in [[ ]] and the actors in « »."""
    text = document.text if document else None
    start = event.evidence.start
    sentence = text[start : event.evidence.end] if text else event.evidence.sentence
    marks: list[tuple[int, int, str, str]] = []
    if event.evidence.trigger_start is not None and event.evidence.trigger_end is not None:
        marks.append((event.evidence.trigger_start, event.evidence.trigger_end, "[[", "]]"))
    for actor, (left, right) in [(a, ("«", "»")) for a in event.source] + [
        (a, ("‹", "›")) for a in event.target
    ]:
        if actor.start is not None and actor.end is not None:
            marks.append((actor.start, actor.end, left, right))
    out = sentence
    for begin, end, left, right in sorted(marks, key=lambda m: -m[0]):
        b, e = begin - start, end - start
        if 0 <= b <= e <= len(out):
            out = out[:b] + left + out[b:e] + right + out[e:]
    return out


def _nearest_example(event: Event) -> dict[str, Any] | None:
    """The sentence typer's nearest labelled example for its events (else None)."""
    from dateline.events.sentence_typer import nearest_example

    return nearest_example(event.evidence.rules or [], make_options().data_dir)


def _dictionary_lines(event: Event) -> dict[str, str]:
    """For an event the CAMEO verb dictionary made (rule ``cameo:<code>:<file>:<line>``),
    the dictionary line itself by its ``file:line``, as ``explain`` shows it."""
    rules = [event.evidence.rule, *(event.evidence.rules or [])]
    sources = list(dict.fromkeys(r.split(":", 2)[2] for r in rules if r.startswith("cameo:")))
    if not sources:
        return {}
    from dateline.events.lexicon import load_lexicon

    lexicon = load_lexicon(make_options().data_dir)
    out = {}
    for src in sources:
        entry = lexicon.entry(src)
        out[src] = entry.text if entry is not None else "(no longer in the dictionary)"
    return out


def register(group: click.Group) -> None:
    """Add ``code``, ``explain`` and ``evaluate`` to the ``dateline`` command group."""

    @group.command("code")
    @click.argument("file", type=click.Path(path_type=Path, dir_okay=False, allow_dash=True))
    @click.option("--lines", is_flag=True, help="Each line of FILE is its own short document.")
    @model_option
    @sentence_typer_option
    @json_option
    @library_errors
    def code_command(
        file: Path, lines: bool, model: str | None, sentence_typer: bool | None, as_json: bool
    ) -> None:
        """Code FILE (any format; "-" for stdin) into events and print them. Stores nothing.

        With --lines each line is a short document; with --json that prints JSON Lines, one
        object per input line with its events.
        """
        from dateline.evaluate import line_document
        from dateline.pipeline import Pipeline
        from dateline.read import read_pipe

        pipeline = Pipeline(make_options(model=model, sentence_typer=sentence_typer))
        if lines:
            stream = sys.stdin if str(file) == "-" else file.open(encoding="utf-8")
            with stream:
                for number, line in enumerate(stream, start=1):
                    if not line.strip():
                        continue
                    coded = pipeline.code(line_document(line, number, str(file)))
                    if as_json:
                        click.echo(json.dumps({"line": number, "text": line.strip(),
                                               "events": [e.to_dict() for e in coded.events]},
                                              ensure_ascii=False))  # fmt: skip
                    else:
                        click.echo(f"== line {number}: {line.strip()[:80]}")
                        for event in coded.events:
                            _print_event(event)
            return
        items = (read_pipe(sys.stdin.buffer, "<stdin>", pipeline.options)
                 if str(file) == "-" else pipeline.read(file))  # fmt: skip
        results, failed = [], False
        for item in items:
            if isinstance(item, ReadFailure):
                click.echo(item.line(), err=True)
                failed = True
                continue
            coded = pipeline.code(item)
            results.append(coded)
            if not as_json:
                click.echo(f"== {item.id}  {item.title or item.source}")
                for event in coded.events:
                    _print_event(event)
        if as_json:
            data = [{"document": c.document.to_dict(), "events": [e.to_dict() for e in c.events]}
                    for c in results]  # fmt: skip
            echo_json(data[0] if len(data) == 1 else data)
        if failed:
            sys.exit(1)

    @group.command("explain")
    @click.argument("event_id")
    @db_option
    @json_option
    @library_errors
    def explain_command(event_id: str, db_path: Path | None, as_json: bool) -> None:
        """Show why EVENT_ID was coded: its sentence with the trigger [[marked]], the source
        «actors» and the target ‹actors›, and every rule that fired."""
        from dateline.store import Store

        options = make_options(db_path=db_path)
        with Store.open(options.db_path, readonly=True) as store:
            event = store.get_event(event_id)
            if event is None:
                raise click.ClickException(f"no event {event_id} in {options.db_path}")
            document = store.get_document(event.doc_id) if event.doc_id else None
        if as_json:
            echo_json({"event": event.to_dict(), "marked": _mark(event, document),
                       "dictionary": _dictionary_lines(event),
                       "nearest_example": _nearest_example(event)})  # fmt: skip
            return
        _print_event(event)
        click.echo("")
        click.echo(_mark(event, document))
        click.echo("")
        click.echo("rules:")
        for rule in event.evidence.rules or [event.evidence.rule]:
            click.echo(f"  {rule}")
        dictionary = _dictionary_lines(event)
        if dictionary:
            click.echo("dictionary:")
            for src, text in dictionary.items():
                click.echo(f"  {src}  {text}")
        nearest = _nearest_example(event)
        if nearest is not None:
            click.echo(
                f"nearest labelled example ({nearest['type']}, cosine {nearest['cosine']:.2f}):"
            )
            click.echo(f"  {nearest['text']}")
            click.echo(f"  {nearest['id']}  {nearest['source']}")
        for role, actors in (("source", event.source), ("target", event.target)):
            for actor in actors:
                click.echo(f"  {role} '{actor.text}' → {actor.code or '-'} ({actor.rule or '-'})")
        if event.attributed_to is not None:
            click.echo(
                f"  attributed to '{event.attributed_to.text}' → {event.attributed_to.code or '-'}"
            )

    @group.command("evaluate")
    @click.argument("gold", type=click.Path(path_type=Path, dir_okay=False, exists=True))
    @click.option(
        "--misses",
        "max_misses",
        type=int,
        default=40,
        show_default=True,
        help="How many misses to list.",
    )
    @click.option(
        "--split",
        type=click.Choice(["tune", "check"]),
        default=None,
        help="Score only the gold entries whose 'split' field is this half.",
    )
    @click.option(
        "--context",
        type=click.Choice(["article", "sentence"]),
        default="article",
        show_default=True,
        help="Sentence lines: read the lines of one article (their 'article' field) together "
        "as one document, or every line alone.",
    )
    @click.option(
        "--bootstrap",
        "draws",
        type=click.IntRange(min=0),
        default=1000,
        show_default=True,
        help="Bootstrap resamples for the 95% intervals (0: no intervals).",
    )
    @click.option(
        "--seed",
        type=int,
        default=1,
        show_default=True,
        help="Seed of the bootstrap resampling (same seed, same intervals).",
    )
    @model_option
    @sentence_typer_option
    @json_option
    @library_errors
    def evaluate_command(
        gold: Path,
        max_misses: int,
        split: str | None,
        context: str,
        draws: int,
        seed: int,
        model: str | None,
        sentence_typer: bool | None,
        as_json: bool,
    ) -> None:
        """Score the pipeline against a GOLD file: the seed/corpus document form (required and
        optional events, each matched by one reported event at most) or sentence JSON Lines
        (text, event or "NONE", source/target codes). Figures carry 95% bootstrap intervals."""
        from dateline.evaluate import ScoreOptions, evaluate, format_report
        from dateline.pipeline import Pipeline

        options = ScoreOptions(split=split, context=context, draws=draws, seed=seed)
        pipeline = Pipeline(make_options(model=model, sentence_typer=sentence_typer))
        report = evaluate(gold, pipeline, options)
        if as_json:
            echo_json(report)
        else:
            click.echo(format_report(report, max_misses))
