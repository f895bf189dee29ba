"""The trigger data: loaded, indexed and validated with [file:line] errors (no spaCy)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.errors import DataFileError
from dateline.events.patterns import CUES_FILE, TRIGGERS_FILE, load_patterns
from dateline.models import PLOVER_TYPES
from fixtures.events.data import trigger_data_dir


def test_package_data_loads_and_covers_every_plover_type() -> None:
    triggers = load_patterns(None)
    assert {p.type for p in triggers.patterns} == set(PLOVER_TYPES)
    assert all(len(p.cameo) == 2 and p.cameo.isdigit() for p in triggers.patterns)
    assert len({p.id for p in triggers.patterns}) == len(triggers.patterns)
    # Light verbs outrank the bare verb: "hold talks" is a meeting before "hold" is anything.
    assert triggers.by_verb["hold"][0].priority >= 10


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('[[trigger]]\nid = "bad.type"\ntype = "HUG"\ncameo = "04"\nverbs = ["hug"]\n',
         "not a PLOVER 2021 type"),
        ('[[trigger]]\nid = "ok.meet"\ntype = "CONSULT"\ncameo = "04"\nverbs = ["visit"]\n',
         "duplicate trigger id"),
        ('[[trigger]]\nid = "bad.be"\ntype = "CONSULT"\ncameo = "04"\nverbs = ["be"]\n',
         "match nearly every sentence"),
        ('[[trigger]]\nid = "bad.empty"\ntype = "CONSULT"\ncameo = "04"\n',
         "neither"),
        ('[[trigger]]\nid = "bad.word"\ntype = "CONSULT"\ncameo = "04"\nverbs = ["hold talks"]\n',
         "one lowercase word"),
        ('[[trigger]]\nid = "bad.cameo"\ntype = "CONSULT"\ncameo = "4"\nverbs = ["greet"]\n',
         "two-digit"),
        ('[[trigger]]\nid = "bad.field"\ntype = "CONSULT"\ncameo = "04"\n'
         'verbs = ["greet"]\nverb = 1\n',
         "unknown field"),
        ('[[trigger]]\nid = "bad.objects"\ntype = "CONSULT"\ncameo = "04"\n'
         'nouns = ["summit"]\nobjects = ["talk"]\n',
         "need 'verbs'"),
        ('[[trigger]]\nid = "bad.preps"\ntype = "REQUEST"\ncameo = "02"\n'
         'modals = ["must"]\npreps = ["for"]\n',
         "preps need 'verbs' or 'nouns'"),
        ('[[trigger]]\nid = "bad.both"\ntype = "REQUEST"\ncameo = "02"\n'
         'verbs = ["plead"]\nnouns = ["plea"]\npreps = ["for"]\n',
         "give them in two triggers"),
        ('[[trigger]]\nid = "bad.modal"\ntype = "REQUEST"\ncameo = "10"\nmodals = ["will"]\n',
         "nearly every report"),
        ('[[trigger]]\nid = "bad.twice"\ntype = "CONSULT"\ncameo = "04"\n'
         'verbs = ["greet", "hail", "greet"]\n',
         "'greet' twice"),
        ('[[trigger]]\nid = "bad.intransitive"\ntype = "PROTEST"\ncameo = "14"\n'
         'verbs = ["march"]\nintransitive = "yes"\n',
         "intransitive must be true or false"),
        ('[[trigger]]\nid = "bad.unless"\ntype = "CONSULT"\ncameo = "04"\n'
         'verbs = ["hold"]\nobjects = ["talk"]\nunless_objects = ["party"]\n',
         "need 'verbs' and no 'objects'"),
    ],
)  # fmt: skip
def test_bad_trigger_is_refused_with_file_and_line(
    tmp_path: Path, extra: str, message: str
) -> None:
    folder = trigger_data_dir(tmp_path, extra)
    with pytest.raises(DataFileError) as info:
        load_patterns(folder)
    text = str(info.value)
    assert text.startswith(f"[{TRIGGERS_FILE}:")
    assert message in text
    # The line cited is the id line of the second entry.
    assert text.startswith(f"[{TRIGGERS_FILE}:8]")


def test_broken_toml_cites_its_line(tmp_path: Path) -> None:
    folder = trigger_data_dir(tmp_path, "[[trigger]\n")
    with pytest.raises(DataFileError, match=r"^\[event_triggers\.toml:7\]"):
        load_patterns(folder)


def test_data_dir_override_is_used(tmp_path: Path) -> None:
    folder = trigger_data_dir(tmp_path, "")
    triggers = load_patterns(folder)
    assert [p.id for p in triggers.patterns] == ["ok.meet"]


def test_cues_need_their_tables(tmp_path: Path) -> None:
    folder = trigger_data_dir(tmp_path, "")
    (folder / CUES_FILE).write_text("[status]\nplanned = []\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="missing table"):
        load_patterns(folder)
