"""The CAMEO verb dictionary as data: conversion, loading, matching, and its place in coding."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner

from dateline.cli import cli
from dateline.errors import DataFileError
from dateline.evaluate import line_document
from dateline.events.lexicon import LEXICON_FILE, load_lexicon
from dateline.events.matcher import find_triggers, verb_keys
from dateline.events.patterns import PACKAGE_DATA
from dateline.pipeline import Pipeline

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
NOTICE = json.dumps({"kind": "notice", "license": "The MIT License (MIT) ..."})


def _converter() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "convert_cameo", REPO / "scripts" / "convert_cameo.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["convert_cameo"] = module
    spec.loader.exec_module(module)
    return module


def _events(pipeline: Pipeline, text: str) -> list:  # type: ignore[type-arg]
    return pipeline.code(line_document(text, 1, "test")).events


def test_dictionary_pattern_codes_an_event_with_its_cameo_code(pipeline: Pipeline) -> None:
    # No hand trigger takes "set fire"; the dictionary's pattern codes the act.
    events = _events(pipeline, "Rebels set fire to a police station in the town of Goma.")
    assert len(events) == 1
    event = events[0]
    assert event.type == "ASSAULT" and event.cameo == "180"
    assert event.evidence.trigger == "set fire"
    assert re.fullmatch(r"cameo:180:CAMEO\.2\.0\.txt:\d+", event.evidence.rule)
    assert event.evidence.rules[0] == event.evidence.rule


def test_most_specific_dictionary_pattern_wins(pipeline: Pipeline) -> None:
    # "set fire to a flag": the pattern with the preposition object beats "set fire" alone.
    events = _events(pipeline, "Students set fire to an American flag outside the embassy.")
    assert [(e.type, e.cameo) for e in events] == [("PROTEST", "140")]
    entry = pipeline.triggers.lexicon.entry(events[0].evidence.rule.split(":", 2)[2])
    assert entry is not None and "(TO FLAG)" in entry.text


def test_hand_trigger_beats_the_dictionary(pipeline: Pipeline) -> None:
    text = "The army imposed a curfew on the northern city of Kirkuk."
    doc = pipeline.nlp(text)
    verb = next(t for t in doc if t.lower_ == "imposed")
    lexicon = pipeline.triggers.lexicon
    found = lexicon.match(verb, verb_keys(verb))
    # the dictionary knows "impose a curfew" (CAMEO 1723) ...
    assert found is not None and found.entry.code == "1723"
    hits = find_triggers(doc[:], pipeline.triggers)
    assert [h.pattern.id for h in hits] == ["coerce.light"]  # ... but the hand pattern fires
    assert _events(pipeline, text)[0].evidence.rule == "coerce.light"


def test_dictionary_pattern_takes_its_own_object_from_a_hand_event_noun(
    pipeline: Pipeline,
) -> None:
    # "ended the war": the verb and its object are the act (CAMEO 0871), not a war.
    events = _events(pipeline, "The rebels ended the war with Peru in March.")
    assert [(e.type, e.cameo, e.evidence.trigger) for e in events] == [
        ("RETREAT", "0871", "ended war")
    ]
    # "talks on ending the war": a topic; the war stays the hand triggers' event noun.
    events = _events(pipeline, "The Chilean minister joined talks on ending the war in Peru.")
    assert not any(e.evidence.rule.startswith("cameo:") for e in events)


def test_statement_codes_make_no_event(pipeline: Pipeline) -> None:
    # CAMEO 01 (a statement) has no PLOVER type: known to the dictionary, no event.
    doc = pipeline.nlp("The Kenyan minister explained the new budget to parliament.")
    verb = next(t for t in doc if t.lower_ == "explained")
    found = pipeline.triggers.lexicon.match(verb, verb_keys(verb))
    assert found is not None and found.entry.statement and found.entry.type is None
    assert find_triggers(doc[:], pipeline.triggers) == []


def test_verb_alone_needs_an_actor_like_argument(pipeline: Pipeline) -> None:
    lexicon = pipeline.triggers.lexicon
    with_actor = pipeline.nlp("Egyptian troops encircled the hills.")
    without = pipeline.nlp("A thick fog encircled the hills.")
    for doc, expected in ((with_actor, True), (without, False)):
        verb = next(t for t in doc if t.lower_ == "encircled")
        assert (lexicon.match(verb, verb_keys(verb)) is not None) is expected


def test_lexicon_loaded_once_per_pipeline(pipeline: Pipeline) -> None:
    lexicon = pipeline.triggers.lexicon
    assert lexicon is not None and lexicon is pipeline.triggers.lexicon
    assert len(lexicon.by_verb) > 1000


def test_shipped_data_has_notice_and_no_disputed_codes() -> None:
    lines = (PACKAGE_DATA / LEXICON_FILE).read_text(encoding="utf-8").splitlines()
    notice = json.loads(lines[0])
    assert notice["kind"] == "notice" and "MIT License" in notice["license"]
    assert (PACKAGE_DATA / "cameo_verbs.LICENSE").read_text().startswith("The MIT License")
    for line in lines[1:]:
        record = json.loads(line)
        # a verb with a disputed code stays a member of its block, but codes nothing alone
        if re.search(r"\[\d*:\d*\]", record.get("text", "")):
            assert record["kind"] == "verb" and record.get("code") is None, record["src"]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not JSON"),
        ('{"kind": "rule"}', "kind 'rule'"),
        ('{"kind": "verb", "lemma": "occupy", "code": "19x", "src": "C.txt:9", "text": "X"}',
         "not a CAMEO code"),
        ('{"kind": "verb", "lemma": "occupy", "code": "192", "type": "HUG", "src": "C.txt:9",'
         ' "text": "X"}', "not a PLOVER 2021 type"),
        ('{"kind": "verb", "lemma": "say", "code": "190", "type": "ASSAULT", "src": "C.txt:9",'
         ' "text": "X"}', "nearly every sentence"),
        ('{"kind": "pattern", "object": ["&NOPE"], "code": "190", "type": "ASSAULT",'
         ' "src": "C.txt:9", "text": "X"}', "unknown synonym set"),
        ('{"kind": "pattern", "code": "190", "type": "ASSAULT", "src": "C.txt:9", "text": "X"}',
         "constrain something"),
        ('{"kind": "verb", "lemma": "urge", "code": "020", "type": null, "statement": false,'
         ' "src": "C.txt:9", "text": "X"}', "statements"),
    ],
)  # fmt: skip
def test_bad_line_is_refused_with_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    (tmp_path / LEXICON_FILE).write_text(NOTICE + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(DataFileError) as error:
        load_lexicon(tmp_path)
    assert str(error.value).startswith(f"[{LEXICON_FILE}:2]")
    assert message in str(error.value)


def test_notice_must_come_first(tmp_path: Path) -> None:
    (tmp_path / LEXICON_FILE).write_text('{"kind": "synset", "name": "X", "words": ["a"]}\n')
    with pytest.raises(DataFileError, match=r"^\[cameo_verbs.jsonl:1\] .*MIT"):
        load_lexicon(tmp_path)


DICTIONARY = """####### VERB PATTERNS #######

---  HURRY   [---]  ---
HURRY {HURRIES HURRYING HURRIED }
SPEED {SPEEDING SPEEDS SPED } [070]
- * RELIEF                                            [073]         # HURRY
- * (TO)                                              [042:043]     # HURRY
- * (BEFORE COURT)                                    [:173]        # HURRY
- * NOT ARRIVE                                        [080]         # HURRY
- WILL *                                              [030]         # HURRY

---  GRUMBLE   [110]  ---
GRUMBLE
SAY [010]
"""


def test_converter_drops_disputed_and_unreadable_entries(tmp_path: Path) -> None:
    module = _converter()
    path = tmp_path / "CAMEO.test.txt"
    path.write_text(DICTIONARY, encoding="latin-1")
    plover = module.Plover(REPO.parent / "shared" / "gold" / "cameo2plover_2021.csv")
    converter = module.Converter(module.Lemmas(), plover)
    converter.convert(path, extra=False)
    dropped = converter.counts.dropped
    assert dropped["pattern: disputed active:passive code [a:b]"] == 2
    assert dropped["pattern: a clause after the verb (NOT/TO ...)"] == 1
    assert dropped["pattern: word before the verb is no noun (WILL *, ABRUPTLY *)"] == 1
    patterns = [r for r in converter.records if r["kind"] == "pattern"]
    assert [(p["object"], p["code"], p["type"], p["src"]) for p in patterns] == [
        (["relief"], "073", "AID", "CAMEO.test.txt:6")
    ]
    verbs = {r["lemma"]: r for r in converter.records if r["kind"] == "verb"}
    assert verbs["speed"]["code"] == "070" and verbs["speed"]["origin"] == "line"
    assert verbs["hurry"]["code"] is None
    assert verbs["grumble"]["type"] == "ACCUSE" and verbs["grumble"]["origin"] == "head"
    assert verbs["say"]["code"] is None  # too general alone
    assert dropped["bare verb: too general or no act alone (be/have/say/die...)"] == 1


def test_explain_shows_the_dictionary_line(tmp_path: Path) -> None:
    article = tmp_path / "goma.txt"
    article.write_text(
        "Rebels torch station\n\nGOMA, March 3 - Rebels set fire to a police station in the "
        "town of Goma on Tuesday, witnesses said.\n",
        encoding="utf-8",
    )
    db = tmp_path / "explain.db"
    runner = CliRunner()
    ingest = runner.invoke(cli, ["ingest", str(article), "--db", str(db)])
    assert ingest.exit_code == 0, ingest.output
    coded = json.loads(runner.invoke(cli, ["code", str(article), "--json"]).output)
    event = next(e for e in coded["events"] if e["evidence"]["rule"].startswith("cameo:"))
    result = runner.invoke(cli, ["explain", event["id"], "--db", str(db)])
    assert result.exit_code == 0, result.output
    src = event["evidence"]["rule"].split(":", 2)[2]
    assert f"{src}  - * FIRE [180] # SET" in result.output
    as_json = json.loads(runner.invoke(cli, ["explain", event["id"], "--db", str(db), "--json"])
                         .output)  # fmt: skip
    assert as_json["dictionary"] == {src: "- * FIRE [180] # SET"}


def test_shipped_dictionary_is_what_the_converter_writes(shared_dir: Path, tmp_path: Path) -> None:
    """The data file is the converter's output on the shared lexicons: re-running it changes
    nothing (a hand edit of the data, or a converter change not re-run, fails here)."""
    module = _converter()
    out = tmp_path / LEXICON_FILE
    args = [
        "--lexicons",
        str(shared_dir / "lexicons" / "petrarch2"),
        "--plover",
        str(shared_dir / "gold" / "cameo2plover_2021.csv"),
        "--out",
        str(out),
    ]
    assert module.main(args) == 0
    assert out.read_bytes() == (PACKAGE_DATA / LEXICON_FILE).read_bytes()
