"""``dateline read``: prints documents, stores nothing, one line per failure, exit 1 on any."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.cli import cli


@pytest.fixture()
def runner(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> CliRunner:
    monkeypatch.setenv("DATELINE_TODAY", "2026-11-25")
    monkeypatch.setenv("DATELINE_DB", str(tmp_path / "never.db"))
    return CliRunner()


@pytest.fixture()
def read_dir(fixtures_dir: Path) -> Path:
    return fixtures_dir / "read"


def test_read_prints_a_readable_document(runner: CliRunner, read_dir: Path) -> None:
    result = runner.invoke(cli, ["read", str(read_dir / "text" / "washington-ap.txt")])
    assert result.exit_code == 0, result.output
    assert "dateline:  WASHINGTON, Jan. 12 (AP)" in result.output
    assert "byline:    Anna Novak, Mark Davies" in result.output
    assert "dateline.weekday-year" in result.output


def test_read_stores_nothing(runner: CliRunner, read_dir: Path, tmp_path: Path) -> None:
    runner.invoke(cli, ["read", str(read_dir / "text" / "washington-ap.txt")])
    assert not (tmp_path / "never.db").exists()


def test_read_container_json_is_a_list(runner: CliRunner, read_dir: Path) -> None:
    result = runner.invoke(cli, ["read", str(read_dir / "feed" / "wire.rss"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [d["record"] for d in data] == ["item 1", "item 2"]


def test_read_stdin(runner: CliRunner, read_dir: Path) -> None:
    data = (read_dir / "html" / "dated.html").read_bytes()
    result = runner.invoke(cli, ["read", "-", "--json"], input=data)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["source"] == "<stdin>" and doc["format"] == "html"


def test_read_forced_format(runner: CliRunner, read_dir: Path) -> None:
    path = read_dir / "text" / "kyiv-reuters.txt"
    result = runner.invoke(cli, ["read", str(path), "--format", "text", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.output)["byline"] == ["Olena Kovalenko"]


def test_read_bad_file_one_line_and_exit_1(runner: CliRunner, read_dir: Path) -> None:
    path = read_dir / "bad" / "nul-bytes.txt"
    result = runner.invoke(cli, ["read", str(path)])
    assert result.exit_code == 1
    assert result.output.strip() == f"{path}: binary: contains NUL bytes: a binary file, not text"


def test_read_partial_failure_still_prints_the_good(runner: CliRunner, read_dir: Path) -> None:
    result = runner.invoke(cli, ["read", str(read_dir / "jsonl" / "articles.jsonl"), "--json"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    failures = [line for line in lines if ": bad-json: " in line]
    assert len(failures) == 2
    data = json.loads("\n".join(line for line in lines if line not in failures))
    assert len(data) == 3


def test_read_help_names_the_formats(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["read", "--help"])
    assert result.exit_code == 0
    assert "stdin" in result.output and "--json" in result.output
