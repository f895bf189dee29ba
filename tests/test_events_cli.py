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


def test_explain_shows_the_sentence_typers_nearest_labelled_example(tmp_path: Path) -> None:
    """An event the sentence typer proposed: explain names the model, and the labelled tuning
    sentence nearest to it with its type, cosine, article URL and licence."""
    article = tmp_path / "envoy.txt"
    article.write_text(
        "Envoy remarks anger Ottawa\n\nOTTAWA, March 3 (Dateline) -\n\n"
        "Canadian officials were furious at the remarks by the Indian envoy.\n\n"
        "The foreign ministry is expected to comment on Wednesday, a spokesperson said.\n",
        encoding="utf-8",
    )
    db = tmp_path / "typer.db"
    runner = CliRunner(env={"DATELINE_SENTENCE_TYPER": "1"})
    ingest = runner.invoke(cli, ["ingest", str(article), "--db", str(db)])
    assert ingest.exit_code == 0, ingest.output
    coded = json.loads(runner.invoke(cli, ["code", str(article), "--json"]).output)
    event = next(e for e in coded["events"] if e["evidence"]["rule"] == "model:sentence-typer")
    result = runner.invoke(cli, ["explain", event["id"], "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "model:sentence-typer" in result.output
    assert "nearest labelled example (" in result.output
    assert any(
        licence in result.output for licence in ("(CC BY 2.5)", "(public domain", "(synthetic")
    )
    as_json = json.loads(
        runner.invoke(cli, ["explain", event["id"], "--db", str(db), "--json"]).output
    )
    nearest = as_json["nearest_example"]
    assert nearest["text"] and nearest["source"] and nearest["id"] in result.output
    assert 0.0 < nearest["cosine"] <= 1.0
