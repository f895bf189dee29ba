"""The acceptance example: the seed article read as its gold file says."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from dateline.cli import cli
from dateline.models import Document
from dateline.options import Options
from dateline.read import read_path
from dateline.read.dateline import place_name


def _gold(seed_path: Path) -> dict:
    return json.loads(seed_path.with_suffix(".gold.json").read_text(encoding="utf-8"))["document"]


def _read_seed(seed_path: Path, options: Options) -> Document:
    items = list(read_path(seed_path, options))
    assert len(items) == 1
    doc = items[0]
    assert isinstance(doc, Document)
    return doc


def test_seed_matches_gold(seed_path: Path, options: Options) -> None:
    gold = _gold(seed_path)
    doc = _read_seed(seed_path, options)
    assert doc.title == gold["title"]
    assert doc.dateline is not None
    assert doc.dateline.text == gold["dateline"]["text"]
    assert doc.dateline.place == "PARIS"  # as written; consumers normalise it
    assert place_name(doc.dateline.place) == gold["dateline"]["place"]
    assert doc.dateline.date == gold["date"]
    assert doc.date == gold["date"] and doc.date_precision == "day"
    assert doc.byline == [gold["byline"]]
    assert len(doc.paragraphs) == gold["body_paragraphs"]
    for banned in gold["body_must_not_contain"]:
        assert banned not in doc.text
        assert banned not in (doc.title or "")
    assert doc.language == "en"


def test_seed_date_reasoning_recorded(seed_path: Path, options: Options) -> None:
    doc = _read_seed(seed_path, options)
    rules = {d.field: d for d in doc.date_decisions}
    assert rules["dateline"].rule == "dateline.weekday-year"
    assert "Tuesday" in rules["dateline"].reason and "2026" in rules["dateline"].reason
    assert rules["document"].value == "2026-01-06"


def test_seed_dateline_stripped_from_body(seed_path: Path, options: Options) -> None:
    doc = _read_seed(seed_path, options)
    assert doc.paragraphs[0].startswith("Prime Minister Mark Carney")


def test_seed_rereading_gives_same_id(seed_path: Path, options: Options) -> None:
    assert _read_seed(seed_path, options).id == _read_seed(seed_path, options).id


def test_cli_read_json(seed_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("DATELINE_TODAY", "2026-11-25")
    result = CliRunner().invoke(cli, ["read", str(seed_path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["dateline"]["place"] == "PARIS"
    assert data["date"] == "2026-01-06"
    assert data["byline"] == ["Rajeev Sharma"]
    assert len(data["paragraphs"]) == 7
