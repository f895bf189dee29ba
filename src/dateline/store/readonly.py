"""Opening a database file read-only, without writing anything beside it.

SQLite in WAL mode needs two companion files even to read: ``<db>-wal`` and ``<db>-shm`` (the
shared index readers and the writer coordinate through). A ``mode=ro`` connection creates them
when they are missing. Two cases must not:

- a file that is only being *checked* (is it a dateline database at all?): a refused file
  must be left as it was found, with no companions created beside it;
- a database in a folder that cannot be written (a read-only mount, a shared archive): the
  companions cannot be created, and ``mode=ro`` fails with "unable to open database file".

Both are opened ``immutable=1`` instead: SQLite then reads the main file alone, with no lock
and no companion. That is exact when no ``-wal`` file exists (its content is all in the main
file, and a writer in WAL mode always holds a ``-wal``), and it is the only way to read at all
in a read-only folder; there a non-empty ``-wal`` (left by a writer that was killed) is not
seen, and the note says so. URIs are built with ``Path.as_uri()``, which percent-escapes
``#``, ``?``, ``%`` and spaces, so a path is always the file it names.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path


@dataclass
class ReadOnlyConnection:
    """A read-only connection, and why it reads the main file alone (None when it does not)."""

    conn: sqlite3.Connection
    note: str | None = None


def uri(path: Path, *, immutable: bool = False) -> str:
    """The SQLite URI that opens ``path`` read-only (``immutable`` too when asked).

    Takes any path (made absolute); returns a ``file:`` URI with the path percent-escaped.
    """
    flags = "mode=ro&immutable=1" if immutable else "mode=ro"
    return f"{path.resolve().as_uri()}?{flags}"


def _wal(path: Path) -> Path:
    return Path(f"{path.resolve()}-wal")


def _open(path: Path, *, immutable: bool, any_thread: bool) -> sqlite3.Connection:
    return sqlite3.connect(
        uri(path, immutable=immutable),
        uri=True,
        isolation_level=None,
        check_same_thread=not any_thread,
    )


def connect(
    path: Path, *, check_only: bool = False, any_thread: bool = False
) -> ReadOnlyConnection:
    """Open ``path`` read-only, in autocommit mode (``any_thread``: usable from any thread,
    one at a time).

    ``check_only``: the connection only inspects the file, so it never creates companions (it
    reads the main file alone unless a ``-wal`` is there to be read). Otherwise the
    connection follows a live writer (``mode=ro``), unless the folder cannot be written and
    the companions are missing: then it reads the main file alone, with a note.

    Raises ``sqlite3.Error`` (the file cannot be opened or is not a database).
    """
    if check_only and not _wal(path).exists():
        alone = _open(path, immutable=True, any_thread=any_thread)
        try:
            alone.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return ReadOnlyConnection(alone)
        except sqlite3.DatabaseError:
            alone.close()
            # A writer that started meanwhile may have been changing the file under an
            # unlocked read: read again with locks; only a file still bad is refused.
            if not _wal(path).exists():
                raise
    conn = _open(path, immutable=False, any_thread=any_thread)
    try:
        # The first read opens the companions: this is where a read-only folder fails.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return ReadOnlyConnection(conn)
    except sqlite3.OperationalError:
        conn.close()
        if os.access(path.resolve().parent, os.W_OK):
            raise
    wal = _wal(path)
    unseen = wal.exists() and wal.stat().st_size > 0
    note = f"{path} is in a folder that cannot be written: read as a file that does not change" + (
        f" (what is still in {wal.name} is not seen)" if unseen else ""
    )
    return ReadOnlyConnection(_open(path, immutable=True, any_thread=any_thread), note)
