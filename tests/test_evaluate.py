"""Scoring: code matching, the document form, the sentence form and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.cli import cli
from dateline.evaluate import CodeRules, GoldError, load_gold, score_document
from dateline.models import Actor, Event, Evidence

RULES = CodeRules(legacy={"JAP": "JPN"}, sectors=frozenset({"IGO", "NGO"}))


@pytest.mark.parametrize(
    ("gold", "actor", "ok"),
    [
        ("CAN GOV", Actor("Carney", "CAN GOV", "GOV", country="CAN"), True),
        ("CAN", Actor("Carney", "CAN GOV", "GOV", country="CAN"), True),
        ("CAN GOV", Actor("Canadians", "CAN CVL", "CVL", country="CAN"), False),
        ("JAP", Actor("Tokyo", "JPN GOV", "GOV", country="JPN"), True),
        ("IGO", Actor("NATO", "NATO", "IGO", org="NATO"), True),
        ("IGO", Actor("Canada", "CAN", None, country="CAN"), False),
        ("NATO", Actor("the alliance", "NATO", "IGO", org="NATO"), True),
        ("", None, True),
        ("", Actor("partners", None), True),
        ("", Actor("Canada", "CAN"), False),
        ("UKR", None, False),
    ],
)
def test_code_matching(gold: str, actor: Actor | None, ok: bool) -> None:
    assert RULES.matches(gold, actor) is ok


def _event(type_: str, source: str | None, target: str | None, sentence: str) -> Event:
    def actor(code: str | None) -> list[Actor]:
        return [Actor(code, code, country=code.split()[0])] if code else []

    evidence = Evidence(sentence, 0, len(sentence), "met", "consult.meet")
    return Event("ev-x", type_, None, None, "occurred", actor(source), actor(target), evidence)


def test_document_scoring_counts_required_optional_and_extra() -> None:
    gold = {
        "required": [{"id": "R1", "evidence": "Chile met Peru", "type": ["CONSULT"],
                      "source": ["CHL"], "target": ["PER"], "status": "occurred"},
                     {"id": "R2", "evidence": "Peru thanked", "type": ["SUPPORT"],
                      "source": ["PER"], "target": []}],
        "optional": [{"id": "O1", "evidence": "Chile met Peru", "type": ["AGREE"],
                      "source": [], "target": []}],
    }  # fmt: skip
    events = [
        _event("CONSULT", "CHL", "PER", "Chile met Peru on Monday."),
        _event("AGREE", "CHL", None, "Chile met Peru on Monday."),
        _event("ASSAULT", "CHL", "PER", "Chile met Peru on Monday."),
    ]
    score = score_document(events, gold, "doc", RULES)
    assert (score.required, score.found, score.status_right) == (2, 1, 1)
    assert (score.correct, score.extra) == (1, 1)
    assert score.misses and score.misses[0].startswith("R2")


def test_load_gold_refuses_foreign_files(tmp_path: Path) -> None:
    bad = tmp_path / "x.json"
    bad.write_text('{"a": 1}', encoding="utf-8")
    with pytest.raises(GoldError, match="not a gold file"):
        load_gold(bad)
    lines = tmp_path / "x.jsonl"
    lines.write_text('{"text": "a"}\n', encoding="utf-8")
    with pytest.raises(GoldError, match=r"x\.jsonl:1"):
        load_gold(lines)


@pytest.mark.slow
def test_evaluate_command_on_sentences(tmp_path: Path) -> None:
    gold = tmp_path / "g.jsonl"
    rows = [
        {"text": "Chile held talks with Peru on Monday.", "event": "CONSULT",
         "source": [{"code": "CHL"}], "target": [{"code": "PER"}]},
        {"text": "Peru accused Chile of spying.", "event": "ACCUSE",
         "source": [{"code": "PER"}], "target": [{"code": "CHL"}]},
        {"text": "The weather was mild in Lima.", "event": "PROTEST", "source": [], "target": []},
    ]  # fmt: skip
    gold.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["evaluate", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["sentences"] == 3
    assert report["type_accuracy"] == pytest.approx(2 / 3)
    assert report["per_type"]["PROTEST"]["recall"] == 0.0
    assert report["actor_counts"]["tp"] == 4
    assert [m["gold"] for m in report["misses"]] == ["PROTEST"]
    text = CliRunner().invoke(cli, ["evaluate", str(gold)]).output
    assert "macro-F1" in text and "actor codes" in text


@pytest.mark.slow
def test_code_lines_prints_one_json_object_per_line(tmp_path: Path) -> None:
    source = tmp_path / "lines.txt"
    source.write_text("Chile met Peru.\n\nPeru thanked Chile.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["code", "--lines", str(source), "--json"])
    assert result.exit_code == 0, result.output
    objects = [json.loads(line) for line in result.output.splitlines()]
    assert [o["line"] for o in objects] == [1, 3]
    assert objects[0]["events"][0]["type"] == "CONSULT"
    assert objects[1]["events"][0]["type"] == "SUPPORT"


@pytest.mark.slow
def test_code_reads_stdin(seed_path: Path) -> None:
    result = CliRunner().invoke(cli, ["code", "-", "--json"], input=seed_path.read_bytes())
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {e["type"] for e in data["events"]} >= {"CONSULT", "SUPPORT"}
    event = data["events"][0]
    for key in (
        "id",
        "type",
        "mode",
        "context",
        "status",
        "source",
        "target",
        "place",
        "date",
        "date_precision",
        "attributed_to",
        "evidence",
        "cameo",
        "quad_class",
    ):
        assert key in event
