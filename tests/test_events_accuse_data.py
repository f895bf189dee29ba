"""The trigger fields the ACCUSE, REJECT and PROTEST patterns brought (``reported``,
``object_preps``, ``modifiers``) and the cue lists their rules read: refused when misused,
with the file and line; present in the package data."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.errors import DataFileError
from dateline.events.patterns import TRIGGERS_FILE, load_patterns
from fixtures.events.data import trigger_data_dir


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('[[trigger]]\nid = "bad.reported"\ntype = "ACCUSE"\ncameo = "11"\n'
         'verbs = ["lie"]\nreported = "yes"\n',
         "reported must be true or false"),
        ('[[trigger]]\nid = "bad.reported-noun"\ntype = "ACCUSE"\ncameo = "11"\n'
         'nouns = ["lie"]\nreported = true\n',
         "reported needs 'verbs'"),
        ('[[trigger]]\nid = "bad.object-preps"\ntype = "ACCUSE"\ncameo = "11"\n'
         'verbs = ["criticize"]\nobject_preps = ["of"]\n',
         "object_preps need 'objects'"),
        ('[[trigger]]\nid = "bad.modifiers"\ntype = "PROTEST"\ncameo = "14"\n'
         'verbs = ["strike"]\nmodifiers = ["hunger"]\n',
         "modifiers need 'nouns'"),
    ],
)  # fmt: skip
def test_misused_fields_are_refused_with_file_and_line(
    tmp_path: Path, extra: str, message: str
) -> None:
    with pytest.raises(DataFileError) as info:
        load_patterns(trigger_data_dir(tmp_path, extra), lexicon=False)
    assert str(info.value).startswith(f"[{TRIGGERS_FILE}:8]")
    assert message in str(info.value)


def test_the_fields_load_into_the_patterns() -> None:
    triggers = load_patterns(lexicon=False)
    by_id = {p.id: p for p in triggers.patterns}
    assert by_id["accuse.reported-wrong"].reported
    assert by_id["accuse.critical"].object_preps == frozenset({"of", "about"})
    assert "hunger" in by_id["protest.strike-noun"].modifiers
    # a reported wrong is tried before the coercion the same verb names in plain narration
    assert triggers.by_verb["harass"][0].id == "accuse.reported-wrong"


def test_the_cue_lists_name_known_patterns() -> None:
    """Every pattern id a cue list names exists: a renamed trigger would silently drop out."""
    triggers = load_patterns(lexicon=False)
    ids = {p.id for p in triggers.patterns}
    for key in ("wrong_patterns", "undergoer_patterns", "stance_patterns", "blamed_patterns",
                "voiced_patterns"):  # fmt: skip
        assert triggers.cue("roles", key) <= ids, key
    assert triggers.cue("roles", "wrong_patterns") <= triggers.cue("roles", "blamed_patterns")
