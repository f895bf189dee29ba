"""The field's actor dictionaries (Phoenix/PETRARCH) as dateline data: conversion,
validation with [file:line] errors, dates deciding roles, the knowledge base winning over a
stale dictionary, code aliases. No spaCy model: these run fast."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dateline.actors.data import SECTORS, load_actor_data, load_code_aliases
from dateline.actors.kb import KBEntry, KnowledgeBase
from dateline.actors.lexicon import (
    ACTORS_FILE,
    DictActor,
    Lexicon,
    Role,
    dictionary_rows,
    read_lexicon,
    who,
)
from dateline.errors import DataFileError

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "src" / "dateline" / "data"
D = dt.date


@pytest.fixture(scope="module")
def data():  # type: ignore[no-untyped-def]
    return load_actor_data(None)


def _lexicon(*actors: tuple[str, str, tuple[Role, ...]]) -> Lexicon:
    """A small lexicon of people: (display name, lower-case name, roles)."""
    lex = Lexicon(D(2014, 1, 30))
    for index, (name, key, roles) in enumerate(actors):
        raw = tuple(
            (
                r.country,
                r.sector,
                r.since.isoformat() if r.since else None,
                r.until.isoformat() if r.until else None,
                r.default,
                r.org,
            )
            for r in roles
        )
        lex.raw_actors.append(("person", name, raw, f"test.txt:{index + 1}", None, ()))
        lex._add(key, ("actor", index))
        lex.people.setdefault(key.replace(" ", ""), []).append(index)
    return lex


def test_packaged_dictionaries_load_with_provenance(data) -> None:  # type: ignore[no-untyped-def]
    lex = data.lexicon
    assert lex is not None
    taliban = next(
        lex.actor(i) for k, i in lex.phrases["taliban"] if k == "actor"
    )  # fmt: skip
    assert taliban.kind == "group"
    assert (taliban.roles[0].country, taliban.roles[0].sector) == ("AFG", "REB")
    assert taliban.src.startswith("Phoenix.MilNonState.actors.txt:")
    hamas = next(lex.actor(i) for k, i in lex.phrases["hamas"] if k == "actor")
    assert hamas.roles[0].country == "PSE"
    # Every sovereign country has an adjective; small ones come from the dictionaries.
    assert data.countries["FJI"].adjectives == ("Fijian",)
    assert "Burundian" in data.countries["BDI"].adjectives
    assert data.countries["FJI"].capitals == ("Suva",)
    assert (REPO / "src/dateline/data/phoenix/LICENSE").read_text().count("MIT") >= 1


def test_roles_follow_dates() -> None:
    person = DictActor(
        "person",
        "Ann Example",
        (
            Role("XKX", "GOV", D(2001, 1, 1), D(2014, 1, 1)),
            Role("XKX", "ELI", default=True),
        ),
        "test.txt:1",
    )
    assert person.role_on(D(2005, 6, 1)).sector == "GOV"  # type: ignore[union-attr]
    # Valid 2001-2014: a 2026 article gets the default role, not the office.
    assert person.role_on(D(2026, 1, 1)).sector == "ELI"  # type: ignore[union-attr]
    closed = DictActor(
        "person", "Bo Example", (Role("XKX", "GOV", D(2001, 1, 1), D(2014, 1, 1)),), "t:2"
    )
    assert closed.role_on(D(2026, 1, 1)) is None


def test_open_ended_role_is_stale_after_the_dictionary_was_built() -> None:
    lex = _lexicon(("Cy Example", "cy example", (Role("AFG", "GOV", D(2001, 12, 22)),)))
    kb = KnowledgeBase()
    assert who(kb, lex, "Cy Example", D(2010, 5, 1)).code == "AFG GOV"  # type: ignore[union-attr]
    # Built in 2014: in 2026 the person keeps the country, not the office.
    assert who(kb, lex, "Cy Example", D(2026, 5, 1)).code == "AFG ELI"  # type: ignore[union-attr]


def test_knowledge_base_wins_over_a_stale_dictionary_for_later_dates() -> None:
    lex = _lexicon(("Cy Example", "cy example", (Role("AFG", "GOV", D(2001, 12, 22)),)))
    kb = KnowledgeBase()
    kb.add(
        KBEntry(
            name="Cy Example", code="AFG OPP", country="AFG", org=None, sector="OPP",
            office="Opposition Leader", since="2020-01-01", source="learned",
            provenance="doc-9#2",
        )
    )  # fmt: skip
    later = who(kb, lex, "Cy Example", D(2026, 5, 1))
    assert later is not None and (later.code, later.provenance) == ("AFG OPP", "doc-9#2")
    # Before the dictionary was built, its dated role is the better witness.
    earlier = who(kb, lex, "Cy Example", D(2010, 5, 1))
    assert earlier is not None and (earlier.code, earlier.provenance) == ("AFG GOV", "test.txt:1")


def test_user_removal_silences_the_dictionary() -> None:
    lex = _lexicon(("Cy Example", "cy example", (Role("AFG", "GOV", D(2001, 12, 22)),)))
    kb = KnowledgeBase()
    removal = KBEntry(
        name="Cy Example", code="-", country=None, org=None, sector=None, office=None,
        source="user", provenance="user", removed=True,
    )  # fmt: skip
    kb.add(removal)
    assert who(kb, lex, "Cy Example", D(2010, 5, 1)) is None


def test_title_and_surname_find_the_one_holder() -> None:
    lex = _lexicon(
        ("Paul Example", "paul example", (Role("RWA", "GOV", D(2000, 4, 24)),)),
        ("Anne Example", "anne example", (Role("FRA", "BUS", D(2000, 1, 1)),)),
    )
    kb = KnowledgeBase()
    found = who(kb, lex, "Example", D(2010, 1, 1), title_sector="GOV")
    assert found is not None and found.code == "RWA GOV" and found.name == "Paul Example"
    assert who(kb, lex, "Example", D(2010, 1, 1)) is None  # no title: the surname is not enough


def test_former_office_holder_of_the_knowledge_base_is_an_elite() -> None:
    kb = KnowledgeBase()
    kb.add(
        KBEntry(
            name="Dee Example", code="CAN GOV", country="CAN", org=None, sector="GOV",
            office="Prime Minister", since="2015-11-04", until="2025-03-14",
        )
    )  # fmt: skip
    assert who(kb, None, "Dee Example", D(2020, 1, 1)).code == "CAN GOV"  # type: ignore[union-attr]
    after = who(kb, None, "Dee Example", D(2026, 1, 1))
    assert after is not None and after.code == "CAN ELI" and after.office == "former Prime Minister"


def _iso() -> set[str]:
    import pycountry

    return {c.alpha_3 for c in pycountry.countries} | {"XKX"}


def _copy_phoenix(tmp_path: Path) -> Path:
    folder = tmp_path / "phoenix"
    folder.mkdir()
    for name in ("actors.jsonl", "agents.jsonl", "discards.jsonl"):
        shutil.copy(DATA / "phoenix" / name, folder / name)
    return folder


def test_a_bad_line_is_refused_with_its_file_and_line(tmp_path: Path) -> None:
    folder = _copy_phoenix(tmp_path)
    lines = (folder / "actors.jsonl").read_text(encoding="utf-8").splitlines()
    row = json.loads(lines[4])
    row["roles"] = [{"country": "ZZZ", "sector": "GOV"}]
    lines[4] = json.dumps(row)
    (folder / "actors.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"phoenix/actors.jsonl:5\] unknown country code"):
        read_lexicon(tmp_path, _iso(), SECTORS)


def test_a_name_that_would_match_everything_is_refused(tmp_path: Path) -> None:
    folder = _copy_phoenix(tmp_path)
    with (folder / "agents.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"name": "the", "names": ["the"], "sector": "GOV", "src": "x:1"}))
    count = len((folder / "agents.jsonl").read_text(encoding="utf-8").splitlines())
    with pytest.raises(DataFileError, match=rf"agents.jsonl:{count}\]"):
        read_lexicon(tmp_path, _iso(), SECTORS)


def test_overridden_files_are_read_and_validated_not_the_index(tmp_path: Path) -> None:
    folder = _copy_phoenix(tmp_path)
    text = (folder / "actors.jsonl").read_text(encoding="utf-8")
    (folder / "actors.jsonl").write_text(text.replace('"taliban", ', ""), encoding="utf-8")
    data = load_actor_data(tmp_path)
    assert data.lexicon is not None and "taliban" not in data.lexicon.phrases
    assert "taleban" in data.lexicon.phrases


def test_dictionary_rows_say_where_each_role_came_from(data) -> None:  # type: ignore[no-untyped-def]
    rows = dictionary_rows(data.lexicon, "Hamid Karzai")
    assert {"AFG GOV", "AFG ELI"} <= {r["code"] for r in rows}
    assert all(r["provenance"].startswith("Phoenix.Countries.actors.txt:") for r in rows)


def test_code_aliases_cover_the_cameo_codes_of_gold_files() -> None:
    aliases = load_code_aliases(None)
    assert (aliases["JAP"], aliases["ITL"], aliases["VTN"]) == ("JPN", "ITA", "VNM")
    assert aliases["USR"] == "RUS"


def test_code_aliases_are_validated(tmp_path: Path) -> None:
    (tmp_path / "code_aliases.toml").write_text('[legacy]\nJAP = "JPX"\n', encoding="utf-8")
    with pytest.raises(DataFileError, match=r"code_aliases.toml:2\] JAP = 'JPX'"):
        load_code_aliases(tmp_path)


@pytest.mark.slow
def test_conversion_is_repeatable(tmp_path: Path) -> None:
    """Re-running the converter gives the very files in the repository (and its counts)."""
    out = tmp_path / "phoenix"
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "convert_phoenix.py"), "--out", str(out)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert "disputed" in result.stdout and "regional or unknown country code" in result.stdout
    for name in ("actors.jsonl", "agents.jsonl", "discards.jsonl", "LICENSE"):
        assert (out / name).read_bytes() == (DATA / "phoenix" / name).read_bytes(), name
    assert ACTORS_FILE.endswith("actors.jsonl")


def test_the_shipped_index_was_compiled_from_the_shipped_files() -> None:
    """Otherwise every process would fall back to reading the JSON lines (slow start-up)."""
    import pickle

    from dateline.actors.lexicon import INDEX_FILE, INDEX_VERSION, _digest

    payload = pickle.loads((DATA / INDEX_FILE).read_bytes())
    assert payload[0] == INDEX_VERSION
    assert payload[1] == _digest(None), "run: python scripts/convert_phoenix.py"
