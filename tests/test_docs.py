"""Docs must not rot: every command has help, is in the README, and the README keeps the two
set-up commands at its top."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.cli import cli

README = Path(__file__).resolve().parents[1] / "README.md"
COMMANDS = sorted(cli.commands)


def test_every_stage_registered_its_commands() -> None:
    # A stage module that fails to import would silently drop its commands.
    for name in ("read", "annotate", "actors", "code", "explain", "evaluate", "ingest", "show",
                 "search", "summary", "events", "timeline", "dyads", "export", "serve",
                 "spark-ingest", "load"):  # fmt: skip
        assert name in cli.commands, name


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert len(result.output.splitlines()) > 3


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_in_readme(name: str) -> None:
    assert re.search(rf"`dateline {re.escape(name)}\b", README.read_text(encoding="utf-8")), name


def test_readme_opens_with_the_two_commands() -> None:
    head = README.read_text(encoding="utf-8")[:1500]
    assert "make run" in head and "make test" in head
