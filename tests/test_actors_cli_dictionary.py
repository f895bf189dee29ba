"""``dateline actors show`` and ``dateline actors --dictionary``: where each entry came from,
which one codes on a date, and a user's correction winning over the dictionaries."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from dateline.cli import cli


def test_show_lists_dictionary_lines_and_the_code_on_a_date(tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    runner = CliRunner()
    result = runner.invoke(
        cli, ["actors", "--db", db, "show", "Gordon Brown", "--date", "2008-05-01"]
    )
    assert result.exit_code == 0, result.output
    assert "Phoenix.Countries.actors.txt:" in result.output
    assert "on 2008-05-01: GBR GOV" in result.output
    later = runner.invoke(
        cli, ["actors", "--db", db, "show", "Gordon Brown", "--date", "2026-05-01"]
    )
    assert "on 2026-05-01: GBR ELI" in later.output


def test_a_user_correction_wins_over_the_dictionary_and_removal_silences_it(
    tmp_path: Path,
) -> None:
    db = str(tmp_path / "x.db")
    runner = CliRunner()
    ok = runner.invoke(cli, ["actors", "--db", db, "set", "Gordon Brown", "--code", "GBR OPP"])
    assert ok.exit_code == 0, ok.output
    shown = runner.invoke(
        cli, ["actors", "--db", db, "show", "Gordon Brown", "--date", "2008-05-01"]
    )
    assert "on 2008-05-01: GBR OPP  (user, user)" in shown.output
    runner.invoke(cli, ["actors", "--db", db, "remove", "Gordon Brown"])
    gone = runner.invoke(
        cli, ["actors", "--db", db, "show", "Gordon Brown", "--date", "2008-05-01"]
    )
    assert "no code" in gone.output


def test_show_refuses_a_bad_date(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["actors", "--db", str(tmp_path / "x.db"), "show", "X Y", "--date", "May 5"]
    )
    assert result.exit_code != 0 and "ISO date" in result.output


def test_list_with_the_dictionaries_gives_provenance_per_role(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["actors", "--db", str(tmp_path / "x.db"), "--dictionary", "--json"]
    )
    assert result.exit_code == 0
    rows = json.loads(result.output)
    taliban = [r for r in rows if r["name"] == "Taliban"]
    assert taliban and taliban[0]["source"] == "dictionary"
    assert (taliban[0]["code"], taliban[0]["country"], taliban[0]["sector"]) == (
        "Taliban", "AFG", "REB",
    )  # fmt: skip
    assert taliban[0]["provenance"].startswith("Phoenix.MilNonState.actors.txt:")
    assert any(r["source"] == "data" for r in rows)
