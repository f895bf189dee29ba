"""An event's PLOVER context from the topic words of its clause (events/context.py), the
data file behind it, and how ``dateline evaluate`` scores it. Sentences written for these
tests in news style."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from dateline.errors import DataFileError
from dateline.evaluate import ScoreOptions, evaluate
from dateline.events.context import (
    CONTEXTS_FILE,
    MODES_FILE,
    PACKAGE_DATA,
    load_contexts,
    load_modes,
)
from dateline.events.patterns import CUES_FILE, TRIGGERS_FILE, load_patterns
from dateline.pipeline import Pipeline
from fixtures.events.lines import main_events


@pytest.mark.parametrize(
    ("text", "context", "rule"),
    [
        # What the act is about is in the words the trigger governs, not in its verb.
        ("Germany pledged to finance an air defence shield over western Ukraine.",
         "military", "context.cue:air defence"),
        ("The court convicted the former mayor of corruption on Tuesday.",
         "corruption", "context.cue:corruption"),
        ("Japan sent emergency food and tents to the flooded provinces.",
         "humanitarian", "context.cue:food"),
        # No topic word but the trigger's own: a verdict is legal.
        ("Belarus sentenced two activists on Friday.", "legal", "context.trigger-cue:sentence"),
        # Topic words elsewhere in the sentence (here the subject's), where the trigger
        # governs none.
        ("Health officials criticised the provincial governor on Monday.",
         "health", "context.sentence-cue:health"),
    ],
)  # fmt: skip
def test_context_follows_the_topic_of_the_clause(
    pipeline: Pipeline, text: str, context: str, rule: str
) -> None:
    events = main_events(pipeline, text)
    assert events, text
    assert events[0].context == context, (text, events[0].context, events[0].evidence.rules)
    assert rule in events[0].evidence.rules


def test_without_topic_words_the_pattern_context_stands(pipeline: Pipeline) -> None:
    events = main_events(pipeline, "The Estonian president met his Latvian counterpart in Riga.")
    assert events and events[0].type == "CONSULT"
    assert events[0].context == "diplomatic"
    assert not [r for r in events[0].evidence.rules if r.startswith("context.")]


def test_the_subject_is_not_what_the_act_is_about(pipeline: Pipeline) -> None:
    # "army" names who speaks, not the topic: the subject's words are not the trigger's.
    events = main_events(pipeline, "The army spokesman accused the court of bias over the verdict.")
    assert events and events[0].type == "ACCUSE"
    assert events[0].context == "legal"


def _contexts_dir(tmp_path: Path, text: str) -> Path:
    shutil.copy(PACKAGE_DATA / CUES_FILE, tmp_path / CUES_FILE)
    shutil.copy(PACKAGE_DATA / TRIGGERS_FILE, tmp_path / TRIGGERS_FILE)
    (tmp_path / CONTEXTS_FILE).write_text(text, encoding="utf-8")
    return tmp_path


GOOD = '[contexts]\nmilitary = "armed forces"\nlegal = "courts"\n\n'


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("[cues.military]\nwords = [\"troops\"]\n\n[cues.legal]\nwords = [\"troops\"]\n",
         r"^\[event_contexts\.toml:\d+\] \[cues\.legal\] 'troops' already signals 'military'"),
        ("[cues.navy]\nwords = [\"ship\"]\n",
         r"^\[event_contexts\.toml:5\] \[cues\.navy\]: no such"),
        ("[cues.military]\nwords = [\"Air  Force\"]\n", "lower-case words"),
        ("[aliases]\nwar = \"warfare\"\n", "unknown name 'warfare'"),
    ],
)  # fmt: skip
def test_bad_context_data_is_refused_with_file_and_line(
    tmp_path: Path, body: str, message: str
) -> None:
    with pytest.raises(DataFileError, match=message):
        load_contexts(_contexts_dir(tmp_path, GOOD + body))


def test_every_trigger_context_is_a_known_context(tmp_path: Path) -> None:
    cues = load_contexts()
    assert "military" in cues.names and cues.canonical("refugee") == "asylum"
    # The package's triggers name only known contexts (or their old names) ...
    load_patterns(lexicon=False)
    # ... and a data folder whose contexts lack one of them is refused at its trigger's line.
    folder = _contexts_dir(tmp_path, GOOD)
    with pytest.raises(DataFileError, match=r"^\[event_triggers\.toml:\d+\] .*context"):
        load_patterns(folder, lexicon=False)


def test_evaluate_scores_mode_and_context_on_lines_with_the_right_type(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    gold = tmp_path / "g.jsonl"
    rows = [
        {"id": "a", "text": "Germany pledged to finance an air defence shield over Ukraine.",
         "event": "AGREE", "context": "economic, military"},
        {"id": "b", "text": "The court convicted the former mayor of corruption on Tuesday.",
         "event": "COERCE", "context": "legal"},
        # An old context name in the gold is read as its current one.
        {"id": "c", "text": "Health officials criticised the provincial governor on Monday.",
         "event": "ACCUSE", "context": "health"},
        {"id": "e", "text": "Japan flew aid to refugees in Chad.", "event": "AID",
         "context": "refugee"},
        # Wrong type: neither mode nor context is scored on it.
        {"id": "d", "text": "A judge sentenced the two men on Friday.", "event": "ACCUSE",
         "context": "legal"},
    ]  # fmt: skip
    gold.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    report = evaluate(gold, pipeline, ScoreOptions(draws=0, context="sentence"))
    assert report["context_scored"] == 4, report["misses"]
    # a: military is one of the gold's; b: corruption is not legal; c: health; e: asylum.
    assert report["context_accuracy"] == pytest.approx(3 / 4)


# -- modes -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "type_", "mode"),
    [
        ("Rebels fired rockets at the airport outside the capital on Sunday.",
         "ASSAULT", "heavy-weapons"),
        ("Masked gunmen shot two guards at the border post.", "ASSAULT", "firearms"),
        ("The Chilean foreign minister condemned the raid in a statement.", "ACCUSE",
         "disapprove"),
        ("The European Union called for the release of the detained reporters.", "REQUEST",
         "yield"),
        ("Romanian troops withdrew from the border town on Friday.", "RETREAT", "withdraw"),
    ],
)  # fmt: skip
def test_mode_follows_the_words_of_the_act(
    pipeline: Pipeline, text: str, type_: str, mode: str
) -> None:
    events = main_events(pipeline, text)
    assert events and events[0].type == type_, (text, events)
    assert events[0].mode == mode, (text, events[0].mode, events[0].evidence.rules)
    assert any(r.startswith("mode.") for r in events[0].evidence.rules)


def _modes_dir(tmp_path: Path, text: str) -> Path:
    (tmp_path / MODES_FILE).write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[HUG]\nwarm = ["embrace"]\n', r"^\[event_modes\.toml:1\] \[HUG\] is not a PLOVER type"),
        ('[ASSAULT]\nfirearms = ["gun"]\nbeat = ["gun"]\n',
         r"^\[event_modes\.toml:3\] \[ASSAULT\] beat: 'gun' already signals 'firearms'"),
        ('[ASSAULT]\nfirearms = "gun"\n', "must be a list of strings"),
        ('[ASSAULT]\nfirearms = ["gun"]\n\n[aliases]\nsniping = "sniper"\n',
         r"^\[event_modes\.toml:5\] \[aliases\] 'sniping' → unknown name 'sniper'"),
    ],
)  # fmt: skip
def test_bad_mode_data_is_refused_with_file_and_line(
    tmp_path: Path, text: str, message: str
) -> None:
    with pytest.raises(DataFileError, match=message):
        load_modes(_modes_dir(tmp_path, text))


def test_package_modes_load() -> None:
    modes = load_modes()
    assert {"heavy-weapons", "firearms", "explosives"} <= modes.modes("ASSAULT")
    assert modes.modes("AGREE") == frozenset()
    assert modes.aliases["demo-spon"] == "demo"  # an older, finer name
