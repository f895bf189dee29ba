"""Every database command and filter, through the CLI: on a hand-built database (fast) and on
the example corpus with the real pipeline (slow)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner, Result

from conftest import READING_DATE
from dateline.cli import cli
from dateline.models import CodedDocument, Document
from dateline.pipeline import Pipeline
from dateline.store import Store
from fixtures.store.factory import corpus
from fixtures.store.slow_ingest import fake_events

ENV = {"DATELINE_TODAY": READING_DATE.isoformat(), "DATELINE_DB": ""}


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env={**ENV, **(env or {})}, catch_exceptions=False)


@pytest.fixture()
def db(tmp_path: Path) -> str:
    path = tmp_path / "cli.db"
    with Store.open(path) as store:
        store.add(corpus())
    return str(path)


def ids(result: Result) -> list[str]:
    assert result.exit_code == 0, result.output
    return [e["type"] for e in json.loads(result.output)]


def test_summary(db: str) -> None:
    result = run("summary", "--db", db)
    assert result.exit_code == 0
    assert "documents:     6 (4 sources, 4 stories, 2 copies or near-copies)" in result.output
    assert "events:        5 merged from 9 reports, 2026-01-06 to 2026-02-09" in result.output
    data = json.loads(run("summary", "--db", db, "--json").output)
    assert data["counts"]["events"] == 9 and data["types"]["ASSAULT"] == 1


def test_database_from_the_environment(db: str) -> None:
    result = run("summary", "--json", env={"DATELINE_DB": db})
    assert json.loads(result.output)["counts"]["documents"] == 6


def test_events_table_shows_evidence(db: str) -> None:
    result = run("events", "--db", db)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].startswith("2026-02-09  REJECT    denied       RUS GOV → UKR GOV")
    assert lines[1].strip().startswith("“Moscow denied on Monday")
    assert "[3 art., 3 src.]" in result.output


@pytest.mark.parametrize(
    ("args", "types"),
    [
        ((), ["REJECT", "SANCTION", "ASSAULT", "SUPPORT", "CONSULT"]),
        (("--actor", "RUS"), ["REJECT", "SANCTION", "ASSAULT"]),
        (("--source", "RUS MIL"), ["ASSAULT"]),
        (("--target", "UKR"), ["REJECT", "ASSAULT", "SUPPORT"]),
        (("--type", "SANCTION,ASSAULT"), ["SANCTION", "ASSAULT"]),
        (("--status", "denied"), ["REJECT"]),
        (("--context", "diplomatic"), ["CONSULT"]),
        (("--since", "2026-01-20"), ["REJECT", "SANCTION"]),
        (("--until", "2026-01-06"), ["SUPPORT", "CONSULT"]),
        (("--place", "Brussels"), ["SANCTION"]),
        (("--text", "shadow fleet"), ["SANCTION"]),
        (("--limit", "2"), ["REJECT", "SANCTION"]),
        (("--limit", "2", "--offset", "2"), ["ASSAULT", "SUPPORT"]),
        (("--raw", "--type", "CONSULT"), ["CONSULT", "CONSULT", "CONSULT"]),
    ],
)
def test_events_filters(db: str, args: tuple[str, ...], types: list[str]) -> None:
    assert ids(run("events", "--db", db, "--format", "json", *args)) == types


def test_events_csv(db: str) -> None:
    result = run("events", "--db", db, "--format", "csv", "--type", "CONSULT")
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert len(rows) == 1 and rows[0]["num_articles"] == "3"


def test_bad_date_is_a_usage_error(db: str) -> None:
    result = run("events", "--db", db, "--since", "last week")
    assert result.exit_code == 2 and "not a date" in result.output


def test_timeline(db: str) -> None:
    result = run("timeline", "--db", db, "--by", "month", "--classes")
    assert result.output.splitlines() == [
        "2026-01         4  material conflict 2, verbal cooperation 2",
        "2026-02         1  verbal conflict 1",
    ]
    data = json.loads(run("timeline", "--db", db, "--by", "day", "--type", "CONSULT", "--raw",
                          "--json").output)  # fmt: skip
    assert data == [{"period": "2026-01-06", "group": "CONSULT", "count": 3}]
    weeks = json.loads(run("timeline", "--db", db, "--actor", "RUS", "--json").output)
    assert {w["period"] for w in weeks} == {"2026-01-05", "2026-01-19", "2026-02-09"}


def test_dyads(db: str) -> None:
    result = run("dyads", "--db", db, "--since", "2026-01-07", "--until", "2026-01-31")
    assert result.output.splitlines() == [
        "EU → RUS  1  (SANCTION 1)",
        "RUS MIL → UKR  1  (ASSAULT 1)",
    ]
    data = json.loads(run("dyads", "--db", db, "--raw", "--json").output)
    assert data[0] == {"source": "CAN GOV", "target": "FRA GOV", "count": 3,
                       "types": {"CONSULT": 3}}  # fmt: skip


def test_show_document(db: str) -> None:
    doc = corpus()[0].document
    result = run("show", doc.id[:10], "--db", db)
    assert result.exit_code == 0
    assert f"== {doc.id}  wire/paris.txt" in result.output
    assert doc.paragraphs[1] in result.output
    assert "-- 2 events" in result.output and "story:" in result.output
    data = json.loads(run("show", doc.id, "--db", db, "--json").output)
    assert data["document"] == doc.to_dict()
    assert [e["type"] for e in data["events"]] == ["CONSULT", "SUPPORT"]
    assert data["story"]["num_documents"] == 3


def test_show_unknown_document_is_one_line(db: str) -> None:
    result = run("show", "doc-nothing", "--db", db)
    assert result.exit_code == 1
    assert result.output.strip() == "Error: no document 'doc-nothing' (or the prefix is ambiguous)"


def test_search(db: str) -> None:
    result = run("search", "sanctions tankers", "--db", db)
    assert result.output.splitlines()[0].startswith(corpus()[4].document.id)
    hits = json.loads(run("search", "Paris", "--db", db, "--json", "--limit", "2").output)
    assert len(hits) == 2 and all("[Paris]" in h["snippet"] for h in hits)
    assert run("search", "zeppelin", "--db", db).output == "no documents found\n"


def test_stories(db: str) -> None:
    result = run("stories", "--db", db)
    assert "3 articles, 3 sources  Coalition sets out guarantees for Ukraine" in result.output


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "plover"])
def test_export_text_formats(db: str, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"out.{fmt}"
    result = run("export", "--format", fmt, "--out", str(out), "--db", db, "--actor", "RUS")
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    if fmt == "csv":
        assert len(list(csv.DictReader(io.StringIO(text)))) == 3
    elif fmt == "jsonl":
        assert len(text.splitlines()) == 3
    else:
        assert [r["event"] for r in json.loads(text)] == ["REJECT", "SANCTION", "ASSAULT"]
    stdout = run("export", "--format", fmt, "--db", db, "--actor", "RUS").output
    assert stdout == text


def test_export_parquet(db: str, tmp_path: Path) -> None:
    result = run("export", "--format", "parquet", "--out", str(tmp_path / "pq"), "--db", db)
    assert result.exit_code == 0
    assert pq.read_table(tmp_path / "pq" / "events").num_rows == 5
    assert pq.read_table(tmp_path / "pq" / "documents").num_rows == 6
    result = run("export", "--format", "parquet", "--db", db)
    assert result.exit_code == 1 and "--out" in result.output


def test_foreign_database_is_one_line_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("not a database\n" * 20)
    for args in (("summary",), ("events",), ("ingest", str(tmp_path))):
        result = run(*args, "--db", str(path))
        assert result.exit_code == 1
        assert result.output.startswith("Error: ") and "Traceback" not in result.output
        assert len(result.output.strip().splitlines()) == 1
    assert path.read_text() == "not a database\n" * 20


def test_missing_database_for_queries(tmp_path: Path) -> None:
    result = run("events", "--db", str(tmp_path / "none.db"))
    assert result.exit_code == 1 and "no dateline database" in result.output
    assert not (tmp_path / "none.db").exists()


# -- ingest with a fake coder -----------------------------------------------------------------
@pytest.fixture()
def fake_coder(monkeypatch: pytest.MonkeyPatch) -> None:
    def code(self: Pipeline, document: Document) -> CodedDocument:
        if "poison" in document.text:
            raise RuntimeError("the coder choked")
        return CodedDocument(document, fake_events(document))

    monkeypatch.setattr(Pipeline, "code", code)


def test_ingest_reports_failures_and_is_idempotent(
    fake_coder: None, tmp_path: Path, fixtures_dir: Path
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(fixtures_dir / "read" / "text" / "brussels.txt", inputs / "a.txt")
    shutil.copy(fixtures_dir / "read" / "text" / "kyiv-reuters.txt", inputs / "b.txt")
    shutil.copy(fixtures_dir / "read" / "text" / "kyiv-reuters.txt", inputs / "b-copy.txt")
    shutil.copy(fixtures_dir / "read" / "bad" / "empty.txt", inputs / "c.txt")
    poison = " ".join(["The poison pill text that the coder cannot handle at all."] * 4)
    (inputs / "d.txt").write_text(f"Poisoned report\n\nLONDON, March 3 - {poison}\n\n{poison}\n")
    db = str(tmp_path / "ingest.db")
    result = CliRunner().invoke(cli, ["ingest", str(inputs), "--db", db], env=ENV)
    assert result.exit_code == 1
    assert "c.txt: empty:" in result.output and "d.txt: error: coding failed:" in result.output
    assert "4 documents read, 2 new, 1 already stored" in result.output
    assert "failures: 1 empty, 1 error" in result.output

    again = CliRunner().invoke(cli, ["ingest", str(inputs), "--db", db, "--json"], env=ENV)
    report = json.loads(again.output[again.output.index("{") :])
    assert report["documents_new"] == 0 and report["documents_already_stored"] == 3
    assert report["events"] == 0
    summary = json.loads(run("summary", "--db", db, "--json").output)
    assert summary["counts"]["documents"] == 2
    assert summary["failures"] == {"empty": 1, "error": 1}


def test_ingest_clean_inputs_exit_zero(
    fake_coder: None, tmp_path: Path, fixtures_dir: Path
) -> None:
    db = str(tmp_path / "ok.db")
    source = fixtures_dir / "read" / "text" / "brussels.txt"
    result = CliRunner().invoke(cli, ["ingest", str(source), "--db", db, "--batch-size", "1"],
                                env=ENV)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "failures: none" in result.output


# -- the example corpus with the real pipeline ------------------------------------------------
@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> str:
    db = str(tmp_path_factory.mktemp("corpus") / "corpus.db")
    result = CliRunner().invoke(cli, ["ingest", str(corpus_dir), "--db", db], env=ENV)
    assert result.exit_code == 0, result.output
    return db


@pytest.mark.slow
def test_corpus_ingest_is_idempotent(corpus_db: str, corpus_dir: Path) -> None:
    before = json.loads(run("summary", "--db", corpus_db, "--json").output)
    assert before["counts"]["documents"] >= 15 and before["counts"]["events"] > 0
    result = run("ingest", str(corpus_dir), "--db", corpus_db)
    assert result.exit_code == 0 and " 0 new," in result.output
    assert json.loads(run("summary", "--db", corpus_db, "--json").output) == before


@pytest.mark.slow
def test_corpus_near_copies_share_a_story(corpus_db: str) -> None:
    stories = json.loads(run("stories", "--db", corpus_db, "--json").output)
    assert any(s["num_documents"] >= 2 for s in stories)


@pytest.mark.slow
@pytest.mark.parametrize("args", [
    ("--actor", "UKR GOV"), ("--source", "RUS"), ("--target", "UKR"), ("--type", "ASSAULT"),
    ("--status", "occurred"), ("--since", "2026-02-01"), ("--until", "2026-01-31"),
    ("--place", "Kyiv"), ("--text", "ceasefire"), ("--raw",),
])  # fmt: skip
def test_corpus_filters(corpus_db: str, args: tuple[str, ...]) -> None:
    events = json.loads(run("events", "--db", corpus_db, "--format", "json", "--limit", "500",
                            *args).output)  # fmt: skip
    assert events, f"no events for {args}"
    flag, value = (*args, "")[:2]
    for e in events:
        codes = {a["code"] for a in e["source"] + e["target"]}
        countries = {a["country"] for a in e["source"] + e["target"]}
        if flag == "--actor":
            assert value in codes | countries
        elif flag == "--type":
            assert e["type"] == value
        elif flag == "--status":
            assert e["status"] == value
        elif flag == "--since":  # a month or year that overlaps counts ("2026-02")
            assert e["date"] >= value or value.startswith(e["date"])
        elif flag == "--until":
            assert e["date"] <= value + "~"
        elif flag == "--place":
            assert e["place"]["name"] == value
        elif flag == "--text":
            assert value in e["evidence"]["sentence"].lower()


@pytest.mark.slow
def test_corpus_timeline_dyads_and_exports(corpus_db: str, tmp_path: Path) -> None:
    months = json.loads(run("timeline", "--db", corpus_db, "--by", "month", "--json").output)
    assert {m["period"] for m in months} >= {"2026-01", "2026-02"}
    dyads = json.loads(run("dyads", "--db", corpus_db, "--json").output)
    assert dyads and dyads[0]["count"] >= dyads[-1]["count"]
    result = run("export", "--format", "parquet", "--out", str(tmp_path / "pq"), "--db", corpus_db)
    assert result.exit_code == 0
    summary = json.loads(run("summary", "--db", corpus_db, "--json").output)
    events = pq.read_table(tmp_path / "pq" / "events")
    assert events.num_rows == summary["counts"]["merged_events"]


def test_actors_set_on_a_new_database_then_summary(tmp_path: Path) -> None:
    """Regression (issue 12): ``actors set`` on a new file wrote a bare table, and every
    other command then refused the file as "written by another program"."""
    db = str(tmp_path / "new.db")
    result = run("actors", "--db", db, "set", "Jane Doe", "--code", "CAN GOV")
    assert result.exit_code == 0, result.output
    result = run("summary", "--db", db)
    assert result.exit_code == 0, result.output
    assert "documents:     0" in result.output
    assert run("actors", "--db", db, "remove", "Jane Doe").exit_code == 0
    listed = json.loads(run("actors", "--db", db, "--json", "--all").output)
    assert not [e for e in listed if e["name"] == "Jane Doe" and not e["removed"]]
