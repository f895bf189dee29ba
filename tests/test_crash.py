"""Kill ``dateline ingest`` (SIGKILL) at several points, run it again: nothing committed is
lost, nothing is duplicated, and the rerun finishes the rest.

The fast test runs the real command in a real process with a slow fake coder
(``fixtures/store/slow_ingest.py``), so it can be killed between and during commits. The slow
test does the same with the real pipeline on the example corpus.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from conftest import READING_DATE

HELPER = Path(__file__).parent / "fixtures" / "store" / "slow_ingest.py"
WORDS = [
    *[
        "ceasefire",
        "talks",
        "envoy",
        "pledge",
        "troops",
        "air",
        "defence",
        "sanctions",
        "shelling",
        "statement",
    ],
    *[
        "coalition",
        "guarantees",
        "monitoring",
        "mission",
        "drones",
        "frontline",
        "grain",
        "port",
        "energy",
        "truce",
    ],
    *[
        "minister",
        "delegation",
        "prisoners",
        "exchange",
        "corridor",
        "reconstruction",
        "loan",
        "tanks",
    ],
]
N_ARTICLES = 24
MONTHS = ("January", "February")


def write_articles(folder: Path, n: int = N_ARTICLES) -> None:
    """``n`` distinct synthetic articles, one per file."""
    rng = random.Random(7)
    folder.mkdir()
    for i in range(n):
        paragraphs = [" ".join(rng.choice(WORDS) for _ in range(30)) + "." for _ in range(3)]
        month = MONTHS[i % 2]
        (folder / f"{i:03d}.txt").write_text(
            f"Report {i} on the talks\n\nKYIV, {month} {i % 27 + 1} (Reuters) - "
            + "\n\n".join(paragraphs)
            + "\n",
            encoding="utf-8",
        )


def command(db: Path, inputs: Path, *extra: str) -> list[str]:
    return [sys.executable, str(HELPER), "ingest", str(inputs), "--db", str(db), *extra]


def environment(delay: float) -> dict[str, str]:
    env = dict(os.environ)
    env["SLOW_CODE_SECONDS"] = str(delay)
    env["DATELINE_TODAY"] = READING_DATE.isoformat()
    env["PYTHONPATH"] = os.pathsep.join([str(Path(__file__).parent), env.get("PYTHONPATH", "")])
    return env


def stored_documents(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:  # not created yet, or the schema is being written
        return 0


def kill_when(cmd: list[str], env: dict[str, str], db: Path, documents: int | None,
              after: float | None = None) -> int:  # fmt: skip
    """Start ``cmd``; SIGKILL it once ``documents`` are stored (or ``after`` seconds)."""
    process = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    started = time.monotonic()
    try:
        while process.poll() is None and time.monotonic() - started < 120:
            if documents is not None and stored_documents(db) >= documents:
                break
            if after is not None and time.monotonic() - started >= after:
                break
            time.sleep(0.005)
        assert process.poll() is None, "ingest finished before it could be killed"
        process.send_signal(signal.SIGKILL)
        process.wait(30)
        assert process.returncode == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        if process.stderr is not None:
            process.stderr.close()
    return stored_documents(db)


def snapshot(db: Path) -> dict[str, Any]:
    """Every row that matters, sorted, and the database's own consistency checks."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        tables = ("documents", "events", "evidence", "event_actors", "merged_events", "stories",
                  "paragraphs")  # fmt: skip
        out = {t: sorted(map(tuple, conn.execute(f"SELECT * FROM {t}"))) for t in tables}
        out["fts"] = conn.execute("SELECT count(*) FROM events_fts").fetchone()[0]
        # each document has exactly the events it announces
        bad = conn.execute(
            "SELECT id FROM documents d WHERE num_events <> "
            "(SELECT count(*) FROM events e WHERE e.doc_id = d.id)"
        ).fetchall()
        assert bad == []
        return out
    finally:
        conn.close()


@pytest.mark.slow
def test_sigkill_at_several_points_then_rerun(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    write_articles(inputs)
    reference = tmp_path / "reference.db"
    done = subprocess.run(command(reference, inputs), env=environment(0.0), capture_output=True,
                          text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr
    expected = snapshot(reference)
    assert len(expected["documents"]) == N_ARTICLES and len(expected["events"]) == 3 * N_ARTICLES

    db = tmp_path / "killed.db"
    slow = environment(0.05)
    counts = []
    # during start-up (before any commit), after the first batch, mid-run, then at a
    # time that falls anywhere (mid-batch, mid-commit)
    counts.append(kill_when(command(db, inputs, "--batch-size", "3"), slow, db, None, after=0.3))
    for target in (3, 10):
        counts.append(kill_when(command(db, inputs, "--batch-size", "3"), slow, db, target))
    counts.append(kill_when(command(db, inputs, "--batch-size", "4"), slow, db, 14, after=None))
    assert counts == sorted(counts), "a rerun lost committed documents"
    assert 0 < counts[-1] < N_ARTICLES
    partial = snapshot(db)
    assert len(partial["events"]) == 3 * len(partial["documents"])  # whole documents only

    finish = subprocess.run(command(db, inputs), env=environment(0.0), capture_output=True,
                            text=True, timeout=300)  # fmt: skip
    assert finish.returncode == 0, finish.stderr
    assert f"{N_ARTICLES - counts[-1]} new, {counts[-1]} already stored" in finish.stdout
    final = snapshot(db)
    # nothing lost, nothing duplicated, and the same records as a run never interrupted
    assert final == expected


@pytest.mark.slow
def test_sigkill_real_ingest_of_the_corpus(tmp_path: Path, corpus_dir: Path) -> None:
    """The real command and pipeline (spaCy) on the example corpus, killed after a commit."""
    dateline = Path(sys.executable).parent / "dateline"
    env = environment(0.0)
    reference = tmp_path / "reference.db"
    done = subprocess.run([str(dateline), "ingest", str(corpus_dir), "--db", str(reference)],
                          env=env, capture_output=True, text=True, timeout=600)  # fmt: skip
    assert done.returncode == 0, done.stderr
    expected = snapshot(reference)

    db = tmp_path / "killed.db"
    cmd = [str(dateline), "ingest", str(corpus_dir), "--db", str(db), "--batch-size", "2"]
    try:
        stored = kill_when(cmd, env, db, 4)
    except AssertionError:
        pytest.skip("the corpus was coded before the process could be killed")
    assert stored >= 4
    finish = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
    assert finish.returncode == 0, finish.stderr
    assert snapshot(db) == expected
