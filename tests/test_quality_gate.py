"""Quality gate: pinned floors for event coding. A drop below a floor fails the build; raise
the floors when the coder improves (the numbers come from ``dateline evaluate``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dateline.evaluate import ScoreOptions, evaluate
from dateline.pipeline import Pipeline
from fixtures.pipelines import sharing

pytestmark = pytest.mark.slow

# Measured 2026-11-25 with `dateline evaluate` (seed 6/6 with 0 extra; corpus R 0.879 P 0.806;
# PLOVER dev accuracy 0.840, macro-F1 0.820, actor-code F1 0.756); floors a little below, to
# absorb small changes of the parser and the actor annotator.
CORPUS_RECALL = 0.85
# Lowered from 0.78 on 2026-11-29 without any change to the coder: the scorer now matches each
# gold event to one reported pair at most (issue 10), so duplicates of a matched event count
# against precision. The same coder scores P 0.704 (95% interval 0.634-0.776) that way.
CORPUS_PRECISION = 0.68
# Places of the found required events whose gold names one: 28 of 41 (2026-11-30; 21 before
# the dateline-day rule).
CORPUS_PLACE = 0.62
# Raised 2026-11-29 after the field dictionaries and the second round of rules (macro-F1 0.838,
# accuracy 0.859, actor-code F1 0.794).
PLOVER_MACRO_F1 = 0.80
PLOVER_ACCURACY = 0.83
PLOVER_ACTOR_F1 = 0.76
# examples/gold/news: real news labelled by annotators who never saw the rules, split once by
# article; the lines of one article read together (the default context). Measured 2026-11-29
# (third session): news.jsonl tune macro-F1 0.646, check macro-F1 0.46, accuracy 0.50;
# news2.jsonl tune 0.52, check 0.43, accuracy 0.50 (95% intervals about +-0.07). The check
# floors guard against regressions only: never change a rule while reading a check half.
NEWS_TUNE_MACRO_F1 = 0.66
NEWS_CHECK_MACRO_F1 = 0.44
NEWS_CHECK_ACCURACY = 0.48
NEWS2_TUNE_MACRO_F1 = 0.46
NEWS2_CHECK_MACRO_F1 = 0.38
NEWS2_CHECK_ACCURACY = 0.45
# news3.jsonl (fourth session) was labelled after every rule before it was written, so both
# of its halves were first scored unseen: tune macro-F1 0.277 (accuracy 0.565; rare types),
# check 0.442 (accuracy 0.476).
NEWS3_TUNE_MACRO_F1 = 0.40
NEWS3_CHECK_MACRO_F1 = 0.44
NEWS3_CHECK_ACCURACY = 0.50
# Raised 2026-11-30 (fifth session) after the merged rules: news tune 0.712, check 0.499
# (accuracy 0.525); news3 tune 0.468, check 0.503 (accuracy 0.553).
# news4.jsonl (fifth session) was labelled blind and first scored before that session's rules:
# tune macro-F1 0.316 (accuracy 0.550), check 0.269 (accuracy 0.465); after them 0.371 and
# 0.301 (accuracy 0.508). Rare types (one to seven lines each) make its macro-F1 low and noisy.
NEWS4_TUNE_MACRO_F1 = 0.33
NEWS4_CHECK_MACRO_F1 = 0.26
NEWS4_CHECK_ACCURACY = 0.46
# news5.jsonl and news6.jsonl (sixth session) were labelled blind after every rule and first
# scored unseen, both halves: news5 tune macro-F1 0.477, check 0.448 (accuracy 0.605); news6
# tune 0.482, check 0.375 (accuracy 0.484). After that session's actor rules: news5 check
# 0.442 (accuracy 0.600), the rest unchanged.
NEWS5_TUNE_MACRO_F1 = 0.44
NEWS5_CHECK_MACRO_F1 = 0.40
NEWS5_CHECK_ACCURACY = 0.56
NEWS6_TUNE_MACRO_F1 = 0.44
NEWS6_CHECK_MACRO_F1 = 0.33
NEWS6_CHECK_ACCURACY = 0.44
# news7.jsonl (sixth session), labelled and first scored the same way: tune 0.439, check 0.547
# (accuracy 0.577).
NEWS7_TUNE_MACRO_F1 = 0.40
NEWS7_CHECK_MACRO_F1 = 0.50
NEWS7_CHECK_ACCURACY = 0.53
# The sentence typer (events/sentence_typer.py, off by default) on the seven check halves
# (sixth session): mean macro-F1 0.478 against the rules' 0.443. Its floor, and the least it
# must add to the rules, absorb small changes of the parser and of the rules.
NEWS_SETS = ("", "2", "3", "4", "5", "6", "7")
TYPER_CHECK_MEAN_MACRO_F1 = 0.45
TYPER_CHECK_MEAN_GAIN = 0.02
# Mode and context of the lines whose type is right (events/context.py): news.jsonl tune mode
# 0.810, context 0.500 (without the tables: 0.066 and 0.387; benchmarks/facet_tables.py).
NEWS_TUNE_MODE = 0.70
NEWS_TUNE_CONTEXT = 0.42
# examples/heldout: six articles and their gold, written by an annotator who never saw the rules,
# scored once (recall 0.545, precision 0.481; 0.468 with one reported pair per gold event). A
# floor against regressions only: do not tune rules against these articles, or they stop
# measuring how the coder generalises.
HELDOUT_RECALL = 0.50
HELDOUT_PRECISION = 0.44


def test_seed_bar(pipeline: Pipeline, shared_dir: Path) -> None:
    """All six required events with the right type, source, target and status; at most one
    event outside the required and optional lists."""
    report: dict[str, Any] = evaluate(shared_dir / "seed" / "paris-talks.gold.json", pipeline)
    assert report["required"] == 6
    assert report["found"] == 6, report["per_document"][0]["misses"]
    assert report["status_right"] == 6, report["per_document"][0]["misses"]
    assert report["extra_pairs"] <= 1, report["per_document"][0]["extras"]
    # The gold names the place and date of four of them: all right.
    assert report["place_scored"] == report["place_right"] == 4, report["per_document"]
    assert report["date_scored"] == report["date_right"] == 4, report["per_document"]
    assert report["attribution_scored"] == report["attribution_right"] == 1


def test_corpus_floor(pipeline: Pipeline, corpus_dir: Path) -> None:
    gold = corpus_dir.parent / "gold" / "corpus.gold.json"
    report = evaluate(gold, pipeline)
    assert report["recall"] >= CORPUS_RECALL
    assert report["precision"] >= CORPUS_PRECISION
    assert report["place_right"] >= CORPUS_PLACE * report["place_scored"]


def test_plover_dev_floor(pipeline: Pipeline, shared_dir: Path) -> None:
    gold = shared_dir / "gold" / "plover-gsr-dev.jsonl"
    if not gold.exists():
        pytest.skip("the PLOVER dev file is not beside the repository")
    report = evaluate(gold, pipeline)
    assert report["macro_f1"] >= PLOVER_MACRO_F1
    assert report["type_accuracy"] >= PLOVER_ACCURACY
    assert report["actor_f1"] >= PLOVER_ACTOR_F1


def test_heldout_floor(pipeline: Pipeline, corpus_dir: Path) -> None:
    gold = corpus_dir.parent / "heldout" / "heldout.gold.json"
    report = evaluate(gold, pipeline)
    assert report["recall"] >= HELDOUT_RECALL
    assert report["precision"] >= HELDOUT_PRECISION


@pytest.mark.parametrize(
    ("name", "half", "floors"),
    [
        ("news.jsonl", "tune", {"macro_f1": NEWS_TUNE_MACRO_F1, "mode_accuracy": NEWS_TUNE_MODE,
                                "context_accuracy": NEWS_TUNE_CONTEXT}),
        ("news.jsonl", "check",
         {"macro_f1": NEWS_CHECK_MACRO_F1, "type_accuracy": NEWS_CHECK_ACCURACY}),
        ("news2.jsonl", "tune", {"macro_f1": NEWS2_TUNE_MACRO_F1}),
        ("news2.jsonl", "check",
         {"macro_f1": NEWS2_CHECK_MACRO_F1, "type_accuracy": NEWS2_CHECK_ACCURACY}),
        ("news3.jsonl", "tune", {"macro_f1": NEWS3_TUNE_MACRO_F1}),
        ("news3.jsonl", "check",
         {"macro_f1": NEWS3_CHECK_MACRO_F1, "type_accuracy": NEWS3_CHECK_ACCURACY}),
        ("news4.jsonl", "tune", {"macro_f1": NEWS4_TUNE_MACRO_F1}),
        ("news4.jsonl", "check",
         {"macro_f1": NEWS4_CHECK_MACRO_F1, "type_accuracy": NEWS4_CHECK_ACCURACY}),
        ("news5.jsonl", "tune", {"macro_f1": NEWS5_TUNE_MACRO_F1}),
        ("news5.jsonl", "check",
         {"macro_f1": NEWS5_CHECK_MACRO_F1, "type_accuracy": NEWS5_CHECK_ACCURACY}),
        ("news6.jsonl", "tune", {"macro_f1": NEWS6_TUNE_MACRO_F1}),
        ("news6.jsonl", "check",
         {"macro_f1": NEWS6_CHECK_MACRO_F1, "type_accuracy": NEWS6_CHECK_ACCURACY}),
        ("news7.jsonl", "tune", {"macro_f1": NEWS7_TUNE_MACRO_F1}),
        ("news7.jsonl", "check",
         {"macro_f1": NEWS7_CHECK_MACRO_F1, "type_accuracy": NEWS7_CHECK_ACCURACY}),
    ],
)  # fmt: skip
def test_news_floor(
    pipeline: Pipeline, corpus_dir: Path, name: str, half: str, floors: dict[str, float]
) -> None:
    gold = corpus_dir.parent / "gold" / "news" / name
    report = evaluate(gold, pipeline, ScoreOptions(split=half, draws=0))
    for key, floor in floors.items():
        assert report[key] >= floor, (key, report[key])


def test_the_sentence_typer_adds_to_the_rules_on_the_check_halves(
    pipeline: Pipeline, corpus_dir: Path, tmp_path: Path
) -> None:
    """The seven check halves, rules alone and with the sentence typer: the typer's mean
    macro-F1 stays above its floor and above the rules' by at least the pinned gain."""
    typer = sharing(pipeline, tmp_path, sentence_typer=True)
    rules, with_typer = [], []
    for n in NEWS_SETS:
        gold = corpus_dir.parent / "gold" / "news" / f"news{n}.jsonl"
        options = ScoreOptions(split="check", draws=0)
        rules.append(evaluate(gold, pipeline, options)["macro_f1"])
        with_typer.append(evaluate(gold, typer, options)["macro_f1"])
    mean_rules, mean_typer = sum(rules) / len(rules), sum(with_typer) / len(with_typer)
    assert mean_typer >= TYPER_CHECK_MEAN_MACRO_F1, with_typer
    assert mean_typer >= mean_rules + TYPER_CHECK_MEAN_GAIN, (rules, with_typer)
