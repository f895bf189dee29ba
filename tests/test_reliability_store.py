"""Reliability suite (issue 13), cases 4 to 6: processes and database files.

4 worker processes die with the ``ingest`` that started them, even under ``kill -9``;
5 a ``--db`` path with ``#``, ``?`` or a space is the file it names (no stray file, nothing
ignored); 6 a database in a read-only folder opens read-only, and a file dateline refuses gets
no ``-wal``/``-shm`` beside it. Each runs the CLI in a subprocess, as a user would.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.cli import cli
from dateline.errors import NotADatelineDatabase
from dateline.store import Store

DATELINE = [sys.executable, "-c", "from dateline.cli import main; main()"]
ENV = {**os.environ, "DATELINE_TODAY": "2026-02-01"}


def article(number: int) -> str:
    """A short synthetic news article (numbered, so each has its own content id)."""
    return (
        f"Ceasefire talks, round {number}\n\nPARIS (Reuters) - Foreign ministers of France "
        f"and Germany met in Paris on Monday for the {number}th round of talks on the "
        f"ceasefire, officials said. The two ministers agreed to meet again next week in "
        f"Berlin to continue the negotiations.\n"
    )


# -- /proc -----------------------------------------------------------------------------------


def _stat(pid: int) -> list[str] | None:
    """Fields of /proc/PID/stat after the command name (state first), or None if gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def _alive(pid: int) -> bool:
    fields = _stat(pid)
    return fields is not None and fields[0] != "Z"


def _children(parent: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat(int(entry.name))
            if fields is not None and int(fields[1]) == parent and fields[0] != "Z":
                found.append(int(entry.name))
    return found


def _cpu_ticks(pid: int) -> int:
    fields = _stat(pid)
    return -1 if fields is None else int(fields[11]) + int(fields[12])  # utime + stime


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _wait_for(check: object, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not check():  # type: ignore[operator]
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.1)


# -- case 4: orphaned workers ------------------------------------------------------------------


@pytest.fixture
def killed_ingest(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], Path]]:
    """``dateline ingest --workers 2`` reading a named pipe that never ends: after its workers
    have loaded, they sit idle while the parent waits for input."""
    fifo = tmp_path / "slow.txt"
    os.mkfifo(fifo)
    command = ["ingest", str(fifo), "--workers", "2", "--db", str(tmp_path / "d.db")]
    process = subprocess.Popen(
        [*DATELINE, *command], env=ENV, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        yield process, fifo
    finally:
        # Whatever happened, leave nothing running: the session is this test's own.
        for pid in [process.pid, *_children(process.pid)]:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def _open_writer(fifo: Path) -> int:
    """Open the pipe for writing once the reader has it open (ENXIO until then)."""
    deadline = time.monotonic() + 120
    while True:
        try:
            return os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as exc:
            if exc.errno != errno.ENXIO or time.monotonic() > deadline:
                raise
            time.sleep(0.1)


@pytest.mark.slow  # starts two workers that load the model
def test_kill_9_of_ingest_leaves_no_worker_behind(
    killed_ingest: tuple[subprocess.Popen[bytes], Path],
) -> None:
    process, fifo = killed_ingest
    writer = _open_writer(fifo)  # the parent is now blocked reading the pipe
    try:

        def workers() -> list[int]:
            return [p for p in _children(process.pid) if "spawn_main" in _cmdline(p)]

        _wait_for(lambda: len(workers()) == 2, 60, "two worker processes")
        started = workers()

        def idle() -> bool:  # models loaded: no CPU used over half a second
            before = [_cpu_ticks(p) for p in started]
            time.sleep(0.5)
            return before == [_cpu_ticks(p) for p in started]

        _wait_for(idle, 180, "the workers to finish loading and go idle")
        # Every process the run started (workers and multiprocessing's resource tracker).
        everyone = _children(process.pid)
        assert set(started) <= set(everyone)
        assert process.poll() is None, "ingest ended on its own"

        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        deadline = time.monotonic() + 10
        while any(_alive(p) for p in everyone) and time.monotonic() < deadline:
            time.sleep(0.1)
        left = {p: _cmdline(p)[:120] for p in everyone if _alive(p)}
        assert not left, f"left behind by a killed ingest: {left}"
    finally:
        os.close(writer)


# -- case 5: a --db path with '#', '?' and a space ----------------------------------------------


def _companions(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_db_path_with_uri_characters_is_the_file_it_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    db = "we#ird? name.db"
    runner = CliRunner()
    result = runner.invoke(cli, ["actors", "--db", db, "set", "Jane Doe", "--code", "CAN GOV"])
    assert result.exit_code == 0, result.output
    shown = runner.invoke(cli, ["actors", "--db", db, "show", "Jane Doe"])
    assert shown.exit_code == 0, shown.output
    assert "CAN GOV" in shown.output and "user" in shown.output
    summary = runner.invoke(cli, ["summary", "--db", db])
    assert summary.exit_code == 0, summary.output
    # The correction is read back from that same file (the knowledge base opens it read-only).
    with Store.open(tmp_path / db, readonly=True) as store:
        assert any(r.name == "Jane Doe" and r.code == "CAN GOV" for r in store.kb_records())
    # No file named after a cut URI ("we", "we#ird") and nothing but the database's own.
    names = _companions(tmp_path)
    assert all(n.startswith(db) for n in names), names
    assert db in names


# -- case 6: read-only folders, refused files ----------------------------------------------------


def test_a_refused_file_gets_no_companion_files(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("not a database\n" * 20)
    foreign = tmp_path / "other.sqlite"  # another program's database, in WAL mode
    with sqlite3.connect(foreign) as conn:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("CREATE TABLE things (x)")
    conn.close()
    assert _companions(tmp_path) == ["notes.txt", "other.sqlite"]
    runner = CliRunner()
    for path in (text, foreign):
        result = runner.invoke(cli, ["summary", "--db", str(path)])
        assert result.exit_code == 1 and "give another --db path" in result.output, result.output
        with pytest.raises(NotADatelineDatabase):
            Store.open(path)
    assert _companions(tmp_path) == ["notes.txt", "other.sqlite"]


def _stored_db(folder: Path) -> Path:
    folder.mkdir()
    (folder / "a.txt").write_text(article(1))
    db = folder / "d.db"
    run = subprocess.run(
        [*DATELINE, "ingest", str(folder / "a.txt"), "--db", str(db)],
        env=ENV, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt", "d.db"]  # closed cleanly
    return db


SERVE = """
import asyncio, httpx
from dateline.options import Options
from dateline.web import create_app
app = create_app(Options(db_path={db!r}))
async def go():
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://localhost") as c:
        return await c.get("/api/v1/events")
answer = asyncio.run(go())
print(answer.status_code, answer.text[:300])
"""


def _run(command: list[str]) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(command, env=ENV, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def _read_only_prefix(folder: Path) -> list[str]:
    """A command prefix under which ``folder`` cannot be written to, even by root.

    As an ordinary user, ``chmod 555`` does it (the folder is also chmodded). Root writes
    through permission bits, so for root the folder is bind-mounted read-only in a private
    mount namespace (``unshare -m``): the kernel then refuses every write with EROFS, exactly
    as on a read-only medium. The prefix is checked: creating a file under it must fail.
    """
    folder.chmod(0o555)
    if os.geteuid() != 0:
        return []
    assert shutil.which("unshare") and shutil.which("mount"), "root needs unshare and mount"
    script = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"'
    prefix = ["unshare", "-m", "sh", "-c", script, str(folder)]
    probe = subprocess.run([*prefix, "touch", str(folder / "probe")], capture_output=True)
    assert probe.returncode != 0 and not (folder / "probe").exists(), "folder still writable"
    return prefix


@pytest.mark.slow  # ingests, then runs dateline in subprocesses
def test_a_database_in_a_read_only_folder_opens_read_only(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    db = _stored_db(folder)
    prefix = _read_only_prefix(folder)
    try:
        summary = _run([*prefix, *DATELINE, "summary", "--db", str(db)])
        assert "documents:     1" in summary.stdout
        assert "cannot be written" in summary.stderr  # the note says how it was read
        events = _run([*prefix, *DATELINE, "events", "--format", "json", "--db", str(db)])
        assert json.loads(events.stdout), events.stdout
        # What ``dateline serve`` answers: the app, in process, on the same file.
        served = _run([*prefix, sys.executable, "-c", SERVE.format(db=str(db))])
        assert served.stdout.split()[0] == "200", served.stdout
    finally:
        folder.chmod(0o755)
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt", "d.db"]
