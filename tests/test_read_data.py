"""The reader's data files are validated on load, with ``[file:line] message`` errors."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import pytest

from dateline.errors import DataFileError
from dateline.models import Document
from dateline.options import Options
from dateline.read import read_bytes
from dateline.read.data import load_boilerplate, load_reading, load_reading_data

RULE = """
[[rule]]
id = "{id}"
kind = "test"
pattern = '{pattern}'
action = "{action}"
"""


def _rules(*rules: tuple[str, str, str]) -> str:
    return "".join(RULE.format(id=i, pattern=p, action=a) for i, p, a in rules)


def _shipped(name: str) -> str:
    return (resources.files("dateline") / "data" / name).read_text(encoding="utf-8")


def test_shipped_files_load() -> None:
    data = load_reading_data()
    assert len(data.rules) >= 10
    assert "your name" in data.form_labels
    assert data.agency("Associated Press") == "AP"
    assert data.month("Sept.") == 9


def test_a_good_rule_loads() -> None:
    (rule,) = load_boilerplate(_rules(("x.ok", "leave a reply", "cut")), "b.toml")
    assert rule.matches("Leave a Reply") and not rule.matches("Leave a Reply to them all day")


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (_rules(("a", "(", "drop")), 2, "bad pattern"),
        (_rules(("a", ".*", "drop")), 2, "too broad"),
        (_rules(("a", "(the|a|of).*", "drop")), 2, "too broad"),
        (_rules(("a", "x", "drop"), ("b", "y", "remove")), 8, "action must be"),
        (_rules(("a", "x", "drop"), ("a", "y", "drop")), 8, "duplicate rule id"),
        (_rules(("a", "", "drop")), 2, "non-empty string 'pattern'"),
        (_rules(("a", "x", "drop")) + "colour = 1\n", 2, "unknown key"),
        (_rules(("a", "x", "drop")) + "max_chars = 0\n", 2, "max_chars"),
        ('rules = []\n', 1, "unknown top-level key"),
        ('[[rule]]\nid = "a\n', 2, ""),  # broken TOML: the parser's own line
    ],
)  # fmt: skip
def test_bad_boilerplate_names_file_and_line(text: str, line: int, words: str) -> None:
    with pytest.raises(DataFileError) as info:
        load_boilerplate(text, "boilerplate.toml")
    assert str(info.value).startswith(f"[boilerplate.toml:{line}]"), str(info.value)
    assert words in str(info.value)


def test_no_rules_is_an_error() -> None:
    with pytest.raises(DataFileError, match=r"^\[boilerplate.toml\] no \[\[rule\]\]"):
        load_boilerplate("", "boilerplate.toml")


@pytest.mark.parametrize(
    ("patch", "line_of", "words"),
    [
        (("form_labels = [", "form_labels = [1, "), "form_labels", "list of non-empty strings"),
        (('"AFP" = ["AFP"', '"AFP" = ["AP", "AFP"'), '"AFP"', "given twice"),
        (("12 = [", "13 = ["), "13", "must be 1..12"),
        (("not_places = [", "not_places = [3, "), "not_places", "list of non-empty strings"),
        (("form_labels = [", "colours = 1\nform_labels = ["), "colours", "unknown top-level key"),
    ],
)
def test_bad_reading_names_file_and_line(patch: tuple[str, str], line_of: str, words: str) -> None:
    text = _shipped("reading.toml")
    assert patch[0] in text
    text = text.replace(patch[0], patch[1], 1)
    expected = next(
        i for i, line in enumerate(text.splitlines(), 1) if line.lstrip().startswith(line_of)
    )
    with pytest.raises(DataFileError) as info:
        load_reading(text, "reading.toml")
    assert str(info.value).startswith(f"[reading.toml:{expected}]"), str(info.value)
    assert words in str(info.value)


def test_data_dir_overrides_the_shipped_files(tmp_path: Path) -> None:
    """A rule added in an alternative data folder removes a line the shipped rules keep."""
    shutil.copy(resources.files("dateline") / "data" / "reading.toml", tmp_path / "reading.toml")
    text = _shipped("boilerplate.toml") + _rules(("local.kicker", "exclusive: .{1,80}", "drop"))
    (tmp_path / "boilerplate.toml").write_text(text, encoding="utf-8")
    article = (
        b"Allies promise air defence\n\nEXCLUSIVE: what the allies said\n\n"
        b"KYIV, March 3 (Reuters) - Allies promised more air defence systems for Ukraine on "
        b"Tuesday, officials said after a meeting of defence ministers in the capital.\n"
    )
    (shipped,) = read_bytes(article, "a.txt", Options())
    (local,) = read_bytes(article, "a.txt", Options(data_dir=tmp_path))
    assert isinstance(shipped, Document) and isinstance(local, Document)
    assert any("EXCLUSIVE" in p for p in shipped.paragraphs)
    assert not any("EXCLUSIVE" in p for p in local.paragraphs)


def test_a_broken_data_dir_raises_not_reads(tmp_path: Path) -> None:
    """Invalid data is the operator's error: it raises, it is not a per-file ReadFailure."""
    (tmp_path / "boilerplate.toml").write_text(_rules(("a", "(", "drop")), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"boilerplate.toml:2\]"):
        list(read_bytes(b"Title\n\nSome text.\n", "a.txt", Options(data_dir=tmp_path)))
