"""Scoring: code matching, the document form, the sentence form and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.cli import cli
from dateline.evaluate import (
    CodeRules,
    GoldError,
    LineScore,
    _document_figures,
    _line_figures,
    _select_split,
    _type_counts,
    load_gold,
    score_document,
)
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


def _event(
    type_: str,
    source: str | None,
    target: str | None,
    sentence: str,
    status: str = "occurred",
) -> Event:
    def actor(code: str | None) -> list[Actor]:
        return [Actor(c, c, country=c.split()[0]) for c in code.split("+")] if code else []

    evidence = Evidence(sentence, 0, len(sentence), "met", "consult.meet")
    return Event("ev-x", type_, None, None, status, actor(source), actor(target), evidence)


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


MET = "Chile met Peru on Monday."
TALKS = {"id": "R1", "evidence": "Chile met Peru", "type": ["CONSULT"], "source": ["CHL"],
         "target": ["PER"], "status": "occurred"}  # fmt: skip


def test_two_reported_events_fitting_one_gold_event_count_once() -> None:
    events = [_event("CONSULT", "CHL", "PER", MET), _event("CONSULT", "CHL", "PER", MET)]
    score = score_document(events, {"required": [TALKS]}, "doc", RULES)
    assert (score.found, score.correct, score.extra, score.duplicates) == (1, 1, 1, 1)
    assert score.extras == [
        "CONSULT CHL -> PER [occurred] 'met' (consult.meet) in: Chile met Peru on Monday. "
        "(duplicate of a matched gold event: R1)"
    ]
    assert _document_figures([score], [0])["precision"] == 0.5


def test_each_pair_of_a_coordinated_event_counts_once() -> None:
    # One reported event with two sources is two pairs; the gold accepts either source but
    # wants one event, so the second pair is a duplicate.
    gold = dict(TALKS, source=["CHL", "ARG"])
    score = score_document([_event("CONSULT", "CHL+ARG", "PER", MET)], {"required": [gold]},
                           "doc", RULES)  # fmt: skip
    assert (score.reported, score.correct, score.duplicates) == (2, 1, 1)


def test_matching_lets_every_gold_event_find_its_own_pair() -> None:
    # The pair from Chile fits both gold events, the pair from Argentina only the first:
    # the best matching gives each gold event one pair, so both are found and nothing is extra.
    either = dict(TALKS, id="R1", source=["CHL", "ARG"])
    chile = dict(TALKS, id="R2", source=["CHL"])
    events = [_event("CONSULT", "CHL", "PER", MET), _event("CONSULT", "ARG", "PER", MET)]
    score = score_document(events, {"required": [either, chile]}, "doc", RULES)
    assert (score.found, score.correct, score.extra) == (2, 2, 0)


@pytest.mark.parametrize("wrong_first", [True, False])
def test_matching_prefers_the_pair_with_the_right_status(wrong_first: bool) -> None:
    events = [
        _event("CONSULT", "CHL", "PER", MET, status="planned"),
        _event("CONSULT", "CHL", "PER", MET),
    ]
    if not wrong_first:
        events.reverse()
    score = score_document(events, {"required": [TALKS]}, "doc", RULES)
    assert (score.found, score.status_right, score.duplicates) == (1, 1, 1)
    assert "[planned]" in score.extras[0]


def test_an_optional_event_never_takes_the_pair_a_required_one_needs() -> None:
    optional = dict(TALKS, id="O1", source=[], target=[])
    one = score_document([_event("CONSULT", "CHL", "PER", MET)],
                         {"required": [TALKS], "optional": [optional]}, "doc", RULES)  # fmt: skip
    assert (one.found, one.optional, one.extra) == (1, 0, 0)
    two = score_document([_event("CONSULT", "CHL", "PER", MET)] * 3,
                         {"required": [TALKS], "optional": [optional]}, "doc", RULES)  # fmt: skip
    assert (two.found, two.optional, two.extra, two.duplicates) == (1, 1, 1, 1)


def _rows(*pairs: tuple[str, str]) -> list[LineScore]:
    return [LineScore(gold, guess, 0, 0, 0) for gold, guess in pairs]


def test_no_event_lines_are_no_type_but_count_reported_events_as_false_positives() -> None:
    rows = _rows(("PROTEST", "PROTEST"), ("NONE", "PROTEST"), ("NONE", "NONE"), ("AID", "NONE"))
    assert _type_counts(rows, range(4)) == {"PROTEST": [1, 1, 0], "AID": [0, 0, 1]}
    figures = _line_figures(rows, range(4))
    assert figures["type_accuracy"] == 0.5
    # PROTEST P 0.5 R 1.0 F1 2/3; AID F1 0; NONE is not averaged.
    assert figures["macro_f1"] == pytest.approx(1 / 3)
    assert "f1:NONE" not in figures


def test_load_gold_reads_no_event_lines_and_refuses_unknown_types(tmp_path: Path) -> None:
    good = tmp_path / "g.jsonl"
    rows = [{"text": "Rain fell.", "event": "NONE", "mode": None, "source": [], "target": []},
            {"text": "Snow fell.", "event": None, "split": "check"}]  # fmt: skip
    good.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    assert [r["text"] for r in load_gold(good)[1]] == ["Rain fell.", "Snow fell."]
    bad = tmp_path / "b.jsonl"
    bad.write_text('{"text": "a", "event": "NONE"}\n{"text": "b", "event": "PROTST"}\n',
                   encoding="utf-8")  # fmt: skip
    with pytest.raises(GoldError, match=r"b\.jsonl:2: event 'PROTST' is not a PLOVER type"):
        load_gold(bad)
    bad.write_text('{"text": "a", "event": "AID", "split": "test"}\n', encoding="utf-8")
    with pytest.raises(GoldError, match=r"b\.jsonl:1: split 'test'"):
        load_gold(bad)


def test_split_keeps_one_half_and_refuses_an_unsplit_file(tmp_path: Path) -> None:
    rows = [{"id": "a", "split": "tune"}, {"id": "b", "split": "check"}, {"id": "c"}]
    assert _select_split(rows, "check", tmp_path) == [{"id": "b", "split": "check"}]
    assert _select_split(rows, None, tmp_path) == rows
    with pytest.raises(GoldError, match="no entry has a 'split' field"):
        _select_split([{"id": "a"}], "tune", tmp_path)
    with pytest.raises(GoldError, match="no entry is in the 'check' half"):
        _select_split([{"id": "a", "split": "tune"}], "check", tmp_path)


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


def _inside(value: float, interval: list[float] | None) -> bool:
    return interval is not None and interval[0] <= value <= interval[1]


@pytest.mark.slow
def test_evaluate_scores_no_event_lines_a_split_and_gives_fixed_intervals(tmp_path: Path) -> None:
    gold = tmp_path / "g.jsonl"
    rows = [
        {"id": "s1", "text": "Chile held talks with Peru on Monday.", "event": "CONSULT",
         "source": [{"code": "CHL"}], "target": [{"code": "PER"}], "split": "tune",
         "mode": None, "context": ["diplomatic"], "event_text": "held talks"},
        {"id": "s2", "text": "Peru accused Chile of spying.", "event": "ACCUSE",
         "source": [{"code": "PER"}], "target": [{"code": "CHL"}], "split": "tune"},
        {"id": "s3", "text": "The weather was mild in Lima.", "event": "NONE",
         "source": [], "target": [], "split": "tune"},
        {"id": "s4", "text": "Chile met Peru in Lima on Tuesday.", "event": None,
         "source": [], "target": [], "split": "check"},
    ]  # fmt: skip
    gold.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["evaluate", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    # s4 has no event in the gold, so the meeting the coder finds there is a false CONSULT.
    assert report["gold_no_event"] == 2
    assert report["type_accuracy"] == pytest.approx(3 / 4)
    assert "NONE" not in report["per_type"]
    assert report["per_type"]["CONSULT"]["precision"] == 0.5
    assert report["macro_f1"] == pytest.approx((2 / 3 + 1.0) / 2)
    assert report["actor_counts"] == {"tp": 4, "fp": 2, "fn": 0}
    assert report["bootstrap"]["draws"] == 1000
    assert _inside(report["macro_f1"], report["macro_f1_ci"])
    assert _inside(report["actor_f1"], report["actor_f1_ci"])
    assert _inside(report["per_type"]["CONSULT"]["f1"], report["per_type"]["CONSULT"]["f1_ci"])
    again = json.loads(runner.invoke(cli, ["evaluate", str(gold), "--json"]).output)
    assert again["macro_f1_ci"] == report["macro_f1_ci"]
    assert again["per_type"] == report["per_type"]
    tune = json.loads(runner.invoke(cli, ["evaluate", str(gold), "--split", "tune",
                                          "--json", "--bootstrap", "0"]).output)  # fmt: skip
    assert (tune["sentences"], tune["type_accuracy"], tune["macro_f1_ci"]) == (3, 1.0, None)
    text = runner.invoke(cli, ["evaluate", str(gold), "--split", "check"]).output
    assert "(1 sentence, check half; each read alone)" in text
    assert "bootstrap percentile interval" in text


@pytest.mark.slow
def test_evaluate_documents_counts_a_coordinated_event_once(tmp_path: Path) -> None:
    article = tmp_path / "border.txt"
    article.write_text(
        "LIMA, March 3 (Wire) - Chile and Peru condemned Bolivia on Monday over the border "
        "closure.\n\nThe Chilean foreign minister met his Peruvian counterpart in Lima on "
        "Tuesday.\n\nThe weather in Lima was mild and dry all week.\n",
        encoding="utf-8",
    )
    # The gold wants one condemnation, by either country; the coder reports one event with
    # both as sources, two pairs: the second is a duplicate of the matched gold event.
    gold = {"events": {"required": [
        {"id": "E1", "evidence": "Chile and Peru condemned Bolivia", "type": ["ACCUSE"],
         "source": ["CHL", "PER"], "target": ["BOL"], "status": "occurred"},
        {"id": "E2", "evidence": "met his Peruvian counterpart", "type": ["CONSULT"],
         "source": ["CHL"], "target": ["PER"], "status": "occurred"},
    ]}}  # fmt: skip
    path = tmp_path / "border.gold.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    result = CliRunner().invoke(cli, ["evaluate", str(path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert (report["found"], report["reported_pairs"], report["correct_pairs"]) == (2, 3, 2)
    assert (report["extra_pairs"], report["duplicate_pairs"]) == (1, 1)
    assert report["precision"] == pytest.approx(2 / 3)
    assert report["precision_ci"] == [pytest.approx(2 / 3)] * 2  # one document: no spread
    extras = report["per_document"][0]["extras"]
    assert extras and extras[0].endswith("(duplicate of a matched gold event: E1)")


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


@pytest.mark.slow
def test_lines_of_one_article_are_read_together_unless_asked_alone(tmp_path: Path) -> None:
    """Under the default context the lines that name one article are one document, so "He"
    reaches the prime minister named the line before; ``--context sentence`` reads each line
    alone; a line of another article, or with none, is never joined to them."""
    gold = tmp_path / "g.jsonl"
    rows = [
        {"text": "Canadian Prime Minister Mark Carney arrived in Warsaw on Monday.",
         "event": "NONE", "article": "a1"},
        {"text": "He condemned the attack on the Polish embassy in Minsk.", "event": "ACCUSE",
         "source": [{"code": "CAN"}], "target": [{"code": "POL"}], "article": "a1"},
        {"text": "He condemned the attack on the Polish embassy in Minsk.", "event": "ACCUSE",
         "source": [{"code": "CAN"}], "target": [{"code": "POL"}], "article": "a2"},
    ]  # fmt: skip
    gold.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    runner = CliRunner()

    def report(*extra: str) -> dict[str, object]:
        out = runner.invoke(cli, ["evaluate", str(gold), "--json", "--bootstrap", "0", *extra])
        assert out.exit_code == 0, out.output
        return dict(json.loads(out.output))

    together, alone = report(), report("--context", "sentence")
    assert (together["context"], alone["context"]) == ("article", "sentence")
    assert together["type_accuracy"] == alone["type_accuracy"] == 1.0
    # Only the line read after the one naming Carney gets his code.
    assert together["actor_counts"] == {"tp": 3, "fp": 0, "fn": 1}
    assert alone["actor_counts"] == {"tp": 2, "fp": 0, "fn": 2}


def test_a_speaker_matches_the_gold_by_words_or_surname() -> None:
    from dateline.evaluate import _same_speaker
    from dateline.models import Actor

    merz = Actor(text="Merz", code="DEU GOV", name="Friedrich Merz")
    assert _same_speaker(merz, "German Chancellor Friedrich Merz")
    official = Actor(text="The official", code=None)
    assert _same_speaker(official, "A senior French official")
    assert not _same_speaker(merz, "Downing Street")
    assert _same_speaker(None, None) and not _same_speaker(None, "Peskov")
