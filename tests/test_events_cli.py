"""``dateline explain``: the stored event's sentence with its spans marked and its rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.cli import cli

pytestmark = pytest.mark.slow


def test_explain_marks_trigger_and_actors(seed_path: Path, tmp_path: Path) -> None:
    if "ingest" not in cli.commands:
        pytest.skip("the store commands are not installed")
    db = tmp_path / "explain.db"
    runner = CliRunner()
    ingest = runner.invoke(cli, ["ingest", str(seed_path), "--db", str(db)])
    assert ingest.exit_code == 0, ingest.output
    coded = json.loads(runner.invoke(cli, ["code", str(seed_path), "--json"]).output)
    event = next(e for e in coded["events"] if e["evidence"]["rule"] == "consult.light"
                 and e["status"] == "planned")  # fmt: skip
    result = runner.invoke(cli, ["explain", event["id"], "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "[[hold bilateral meetings]]" in result.output
    assert "«Carney»" in result.output
    assert "status.cue:schedule" in result.output
    missing = runner.invoke(cli, ["explain", "ev-0000", "--db", str(db)])
    assert missing.exit_code == 1 and "no event ev-0000" in missing.output
