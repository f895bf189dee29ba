"""``dateline annotate`` and ``dateline actors`` (list, set, remove)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.cli import cli


def test_actors_lists_the_data_file_entries(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["actors", "--db", str(tmp_path / "x.db"), "--json"])
    assert result.exit_code == 0, result.output
    entries = json.loads(result.output)
    rutte = next(e for e in entries if e["name"] == "Mark Rutte")
    assert rutte["code"] == "NATO" and rutte["source"] == "data"
    assert rutte["provenance"].startswith("office_holders.toml:")


def test_actors_set_and_remove(tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    runner = CliRunner()
    result = runner.invoke(
        cli,
        [
            "actors",
            "--db",
            db,
            "set",
            "Anna Kowalczyk",
            "--code",
            "CAN GOV",
            "--office",
            "Defence Minister",
        ],
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["actors", "--db", db])
    line = next(row for row in result.output.splitlines() if row.startswith("Anna Kowalczyk"))
    assert "CAN GOV" in line and "Defence Minister" in line and "user" in line

    assert runner.invoke(cli, ["actors", "--db", db, "remove", "Mark Rutte"]).exit_code == 0
    listed = runner.invoke(cli, ["actors", "--db", db]).output
    assert "Mark Rutte" not in listed
    assert "Mark Rutte" in runner.invoke(cli, ["actors", "--db", db, "--all"]).output

    # A correction replaces the data-file entry.
    runner.invoke(
        cli, ["actors", "--db", db, "set", "Mark Carney", "--code", "CAN GOV", "--office", "PM"]
    )
    carney = [
        r for r in runner.invoke(cli, ["actors", "--db", db]).output.splitlines() if "Carney" in r
    ]
    assert len(carney) == 1 and "\tuser\t" in carney[0]


@pytest.mark.slow
def test_annotate_command_json(tmp_path: Path, fixtures_dir: Path) -> None:
    article = fixtures_dir / "actors" / "ottawa-briefing.txt"
    result = CliRunner().invoke(
        cli, ["annotate", str(article), "--json", "--db", str(tmp_path / "x.db")]
    )
    assert result.exit_code == 0, result.output
    [doc] = json.loads(result.output)
    mentions = [m for s in doc["sentences"] for m in s["mentions"]]
    assert any(m["text"] == "Anna Kowalczyk" and m["code"] == "CAN GOV" for m in mentions)
    assert doc["learned"][0]["name"] == "Anna Kowalczyk"
    times = [t for s in doc["sentences"] for t in s["times"]]
    # The dateline's day (March 10) and the lede's weekday agree in 2026.
    assert doc["document"]["date"] == "2026-03-10"
    assert any(t["text"] == "on Tuesday" and t["date"] == "2026-03-10" for t in times)


@pytest.mark.slow
def test_annotate_command_text(tmp_path: Path, fixtures_dir: Path) -> None:
    article = fixtures_dir / "actors" / "ottawa-briefing.txt"
    result = CliRunner().invoke(cli, ["annotate", str(article), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 0, result.output
    assert "actor  'The Kremlin'" in result.output and "RUS GOV" in result.output
    assert "learned: Anna Kowalczyk = CAN GOV" in result.output


def test_actors_lists_learned_entries_with_provenance(tmp_path: Path) -> None:
    from dateline.actors.kb import KBEntry
    from dateline.store import Store

    db = tmp_path / "x.db"
    entry = KBEntry(
        "Tomas Lindqvist", "CAN GOV", "CAN", None, "GOV", "Foreign Minister",
        source="learned", provenance="doc-abc#2", doc_id="doc-abc", sentence=2,
    )  # fmt: skip
    with Store.open(db) as store:
        store.save_kb([entry])
    result = CliRunner().invoke(cli, ["actors", "--db", str(db)])
    row = next(r for r in result.output.splitlines() if r.startswith("Tomas Lindqvist"))
    assert row.split("\t")[1:3] == ["CAN GOV", "Foreign Minister"]
    assert row.endswith("learned\tdoc-abc#2")
