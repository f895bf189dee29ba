"""dateline's exceptions. Library code raises these; only the faces (CLI, API) print.

DatelineError
├── DataFileError      a data file under src/dateline/data is invalid ("[file:line] message")
├── ReadError          one input could not be read (carries a ReadFailure reason)
├── FetchError         a feed or page could not be fetched (carries a reason, e.g. "timeout")
├── ModelError         the spaCy pipeline named in the options cannot be loaded
└── StoreError         the database cannot be opened or written
    ├── NotADatelineDatabase   a corrupt or foreign file was given as the database
    └── SchemaTooNew           the database was written by a newer dateline
"""

from __future__ import annotations


class DatelineError(Exception):
    """Base of every error dateline raises on purpose."""


class DataFileError(DatelineError):
    """A data file is invalid. The message starts with ``[file:line]``."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"[{where}] {message}")
        self.path = path
        self.line = line


class ReadError(DatelineError):
    """One input could not be read; ``reason`` is a short key counted in summaries."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


class FetchError(DatelineError):
    """A feed or page could not be fetched over HTTP.

    ``reason`` is a short key counted in summaries ("timeout", "http-404", "too-large",
    "robots", "redirect-loop", ...); ``passing`` is True when trying again later may work
    (a timeout, a 5xx answer, a dropped connection), False when it will not (a 4xx answer,
    a page over the size cap, a path robots.txt forbids).
    """

    def __init__(self, reason: str, message: str, *, passing: bool = False) -> None:
        super().__init__(message)
        self.reason = reason
        self.passing = passing


class ModelError(DatelineError):
    """The spaCy pipeline cannot be loaded."""


class StoreError(DatelineError):
    """The database cannot be opened or written."""


class NotADatelineDatabase(StoreError):
    """The file given as the database is corrupt or is not a dateline database."""


class SchemaTooNew(StoreError):
    """The database was written by a newer version of dateline."""
