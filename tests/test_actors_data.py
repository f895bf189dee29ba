"""The actor data files: they load, they are validated with [file:line] errors, and the
knowledge base keeps, learns, saves and reloads office-holders."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest

from dateline.actors.data import load_actor_data, plural
from dateline.actors.kb import KBEntry, KnowledgeBase, name_key
from dateline.errors import DataFileError
from dateline.options import Options
from dateline.store import Store
from dateline.store.schema import MIGRATION_2


@pytest.fixture(scope="module")
def data():  # type: ignore[no-untyped-def]
    return load_actor_data(None)


def test_packaged_data_loads(data) -> None:  # type: ignore[no-untyped-def]
    assert data.countries["CAN"].capitals == ("Ottawa",)
    assert data.country_names["Canada"] == "CAN"
    assert data.country_names["Britain"] == "GBR"
    assert "Coalition of the Willing" in data.orgs
    assert data.orgs["NATO"].sector == "IGO"
    roles = {name: t for t in data.titles for name in t.names}
    assert roles["prime minister"].head and roles["prime minister"].sector == "GOV"
    assert roles["heads of government"].sector == "GOV"  # plural added on load
    assert roles["troops"].sector == "MIL" and not roles["troops"].person
    rutte = next(h for h in data.holders if h.name == "Mark Rutte")
    assert rutte.code == "NATO" and rutte.provenance.startswith("office_holders.toml:")


def test_plural_of_titles() -> None:
    assert plural("head of government") == "heads of government"
    assert plural("foreign minister") == "foreign ministers"
    assert plural("secretary") == "secretaries"
    assert plural("spokesman") == "spokesmen"


@pytest.mark.parametrize(
    ("fixture", "target", "line", "words"),
    [
        ("bad_countries.toml", "countries.toml", 8, "ISO 3166-1"),
        ("bad_titles.toml", "titles.toml", 6, "match everything"),
        ("bad_holders.toml", "office_holders.toml", 11, "unknown country"),
    ],
)
def test_bad_files_cite_file_and_line(
    tmp_path: Path, fixtures_dir: Path, fixture: str, target: str, line: int, words: str
) -> None:
    shutil.copy(fixtures_dir / "actors" / fixture, tmp_path / target)
    with pytest.raises(DataFileError) as info:
        load_actor_data(tmp_path)
    assert f"{target}:{line}]" in str(info.value)
    assert words in str(info.value)


def test_toml_syntax_error_has_line(tmp_path: Path) -> None:
    (tmp_path / "organisations.toml").write_text('[[org]]\ncode = "X\n', encoding="utf-8")
    with pytest.raises(DataFileError, match=r"organisations.toml:\d+\]"):
        load_actor_data(tmp_path)


def test_unknown_key_is_refused(tmp_path: Path) -> None:
    (tmp_path / "organisations.toml").write_text(
        '[[org]]\ncode = "X"\nsector = "IGO"\nnames = ["X Org"]\nheadz = ["Chair"]\n',
        encoding="utf-8",
    )
    with pytest.raises(DataFileError, match=r"organisations.toml:1\] unknown key"):
        load_actor_data(tmp_path)


def test_kb_lookup_by_name_alias_surname_and_date(data) -> None:  # type: ignore[no-untyped-def]
    kb = KnowledgeBase.from_data(data)
    assert kb.lookup("Mark Carney").code == "CAN GOV"  # type: ignore[union-attr]
    assert kb.lookup("Zelenskyy").code == "UKR GOV"  # type: ignore[union-attr]
    assert kb.lookup("Sebastien Lecornu").name == "Sébastien Lecornu"  # type: ignore[union-attr]
    assert kb.lookup("Nobody Known") is None
    trudeau = kb.lookup("Justin Trudeau", dt.date(2024, 5, 1))
    assert trudeau is not None and trudeau.holds_on(dt.date(2024, 5, 1))
    assert not trudeau.holds_on(dt.date(2026, 1, 6))
    assert name_key("Jean-Noël  Barrot") == "jean-noel barrot"


def test_kb_learns_saves_and_reloads(data, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    kb = KnowledgeBase.from_data(data)
    entry = KBEntry(
        name="Anna Kowalczyk", code="CAN GOV", country="CAN", org=None, sector="GOV",
        office="Defence Minister", source="learned", provenance="doc-1#0", doc_id="doc-1",
        sentence=0,
    )  # fmt: skip
    added = kb.learn(entry)
    assert added is not None
    assert kb.learn(entry) is None  # already known
    assert kb.lookup("Kowalczyk").code == "CAN GOV"  # type: ignore[union-attr]

    db = tmp_path / "kb.db"
    Store.open(db).close()  # the store owns the actor_kb table
    conn = sqlite3.connect(db)
    with conn:
        assert KnowledgeBase.save(conn, [added]) == 1
    with conn:
        KnowledgeBase.save(conn, [added])  # idempotent
    assert conn.execute("SELECT count(*) FROM actor_kb").fetchone()[0] == 1
    conn.close()

    reloaded = KnowledgeBase.load(data, Options(db_path=db))
    found = reloaded.lookup("Anna Kowalczyk")
    assert found is not None and found.source == "learned" and found.provenance == "doc-1#0"
    # A database without the table, or no database at all, gives the data-file KB.
    sqlite3.connect(tmp_path / "empty.db").close()
    assert (
        KnowledgeBase.load(data, Options(db_path=tmp_path / "empty.db")).lookup("Kowalczyk") is None
    )
    assert KnowledgeBase.load(data, Options(db_path=tmp_path / "none.db")).lookup("Carney")


def test_save_does_not_commit(data, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "kb.db"
    conn = sqlite3.connect(db)
    conn.executescript(MIGRATION_2)
    entry = KBEntry("Ola Nordmann", "NOR GOV", "NOR", None, "GOV", "Minister", source="learned")
    KnowledgeBase.save(conn, [entry])
    conn.rollback()
    assert conn.execute("SELECT count(*) FROM actor_kb").fetchone()[0] == 0
    conn.close()


def test_data_dir_overrides_one_file(tmp_path: Path) -> None:
    (tmp_path / "office_holders.toml").write_text(
        '[[holder]]\nname = "Test Holder"\ncountry = "CAN"\n'
        'office = "Premier"\nsince = 2026-01-01\n',
        encoding="utf-8",
    )
    data = load_actor_data(tmp_path)
    assert [h.name for h in data.holders] == ["Test Holder"]
    assert data.holders[0].provenance == "office_holders.toml:1"
    assert "NATO" in data.orgs  # the other files come from the package


def test_national_movement_needs_a_country_for_a_domestic_sector(tmp_path: Path) -> None:
    (tmp_path / "organisations.toml").write_text(
        '[[org]]\ncode = "Front"\nsector = "REB"\nnames = ["the Front"]\n', encoding="utf-8"
    )
    with pytest.raises(DataFileError, match=r"organisations.toml:\d+\] 'sector' must be one of"):
        load_actor_data(tmp_path)
    (tmp_path / "organisations.toml").write_text(
        '[[org]]\ncode = "Front"\nsector = "REB"\ncountry = "XYZW"\nnames = ["the Front"]\n',
        encoding="utf-8",
    )
    with pytest.raises(DataFileError, match=r"'country' must be ISO3"):
        load_actor_data(tmp_path)
    packaged = Path(load_actor_data.__code__.co_filename).parents[1] / "data"
    (tmp_path / "organisations.toml").write_text(
        (packaged / "organisations.toml").read_text(encoding="utf-8")
        + '\n[[org]]\ncode = "Front"\nsector = "REB"\ncountry = "MLI"\nnames = ["the Front"]\n',
        encoding="utf-8",
    )
    assert load_actor_data(tmp_path).orgs["Front"].country == "MLI"
