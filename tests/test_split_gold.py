"""scripts/split_gold.py: a deterministic tune/check split of a gold JSON Lines file."""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "split_gold.py"


@pytest.fixture(scope="module")
def split_gold() -> ModuleType:
    spec = importlib.util.spec_from_file_location("split_gold", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _write(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _read(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


ROWS = [{"id": f"news-{n:03d}", "text": f"Sentence {n}.", "event": event}
        for n, event in enumerate(["PROTEST"] * 9 + ["AID"] * 6 + [None] * 5)]  # fmt: skip


def test_split_is_deterministic_even_by_type_and_keeps_the_lines(
    split_gold: ModuleType, tmp_path: Path
) -> None:
    gold = _write(tmp_path / "g.jsonl", ROWS)
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    assert split_gold.main([str(gold), "-o", str(first)]) == 0
    assert split_gold.main([str(gold), "-o", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()
    rows = _read(first)
    assert [{k: v for k, v in r.items() if k != "split"} for r in rows] == ROWS
    halves = Counter((r["event"], r["split"]) for r in rows)
    assert halves[("AID", "tune")] == halves[("AID", "check")] == 3
    assert abs(halves[("PROTEST", "tune")] - halves[("PROTEST", "check")]) == 1
    assert abs(halves[(None, "tune")] - halves[(None, "check")]) == 1
    # The odd types give their spare lines to different halves: 10 and 10 overall.
    assert Counter(r["split"] for r in rows) == {"tune": 10, "check": 10}


def test_per_id_split_depends_on_the_id_alone(split_gold: ModuleType) -> None:
    alone = split_gold.assign(ROWS[:1], stratify=False)
    among = split_gold.assign(ROWS, stratify=False)
    assert alone[0]["split"] == among[0]["split"]
    expected = "tune" if split_gold.position(ROWS[0]["id"]) < 0.5 else "check"
    assert alone[0]["split"] == expected
    salted = split_gold.assign(ROWS, stratify=False, salt="x")
    assert [r["split"] for r in salted] != [r["split"] for r in among]


def test_existing_splits_are_kept_unless_forced(split_gold: ModuleType) -> None:
    rows = [dict(r, split="check") for r in ROWS]
    assert {r["split"] for r in split_gold.assign(rows)} == {"check"}
    assert {r["split"] for r in split_gold.assign(rows, force=True)} == {"tune", "check"}
    with pytest.raises(split_gold.SplitError, match="not tune/check"):
        split_gold.assign([dict(ROWS[0], split="dev")])


def test_split_refuses_lines_it_cannot_place(
    split_gold: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold = _write(tmp_path / "g.jsonl", [ROWS[0], {"text": "no id", "event": "AID"}])
    assert split_gold.main([str(gold)]) == 2
    assert "g.jsonl:2] a line needs a string 'id'" in capsys.readouterr().err
    gold = _write(tmp_path / "g.jsonl", [ROWS[0], ROWS[1], ROWS[0]])
    assert split_gold.main([str(gold)]) == 2
    assert "g.jsonl:3] id 'news-000' already on line 1" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        split_gold.main([str(gold), "-o", str(gold)])


def test_group_keeps_an_article_in_one_half_and_balances_sizes(split_gold: ModuleType) -> None:
    rows = [
        {"id": f"a{n}-{k}", "text": "x", "event": "NONE", "article": f"https://x/{n}"}
        for n in range(40)
        for k in range(1 + n % 4)
    ]
    out = split_gold.assign(rows, group="article")
    halves: dict[str, set[str]] = {}
    for row in out:
        halves.setdefault(row["article"], set()).add(row["split"])
    assert all(len(h) == 1 for h in halves.values())
    counts = Counter(r["split"] for r in out)
    assert abs(counts["tune"] - counts["check"]) <= 4
    assert split_gold.assign(rows, group="article") == out  # deterministic


def test_group_refuses_a_line_without_the_field(split_gold: ModuleType) -> None:
    with pytest.raises(split_gold.SplitError, match="no 'article'"):
        split_gold.assign([{"id": "a", "event": "NONE"}], group="article")
