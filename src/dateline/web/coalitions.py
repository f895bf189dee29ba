"""Named coalitions from ``data/coalitions.toml``: name, aliases, and members with the date
each joined and the public statement that says so. Validated on load; a mistake is a
``DataFileError`` naming ``[coalitions.toml:line]``."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dateline.errors import DataFileError

FILE = "coalitions.toml"
DATA_DIR = Path(__file__).resolve().parents[1] / "data"
COALITION_KEYS = {"name", "aliases", "about", "member"}
MEMBER_KEYS = {"code", "since", "until", "role", "source"}


@dataclass(frozen=True)
class Member:
    """One member of a coalition: a country (ISO3) or organisation code."""

    code: str
    since: str | None
    until: str | None
    role: str
    source: str
    line: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "since": self.since,
            "until": self.until,
            "role": self.role,
            "source": self.source,
            "provenance": f"{FILE}:{self.line}",
        }


@dataclass(frozen=True)
class Coalition:
    """A named coalition and its listed members."""

    name: str
    aliases: tuple[str, ...]
    about: str
    members: tuple[Member, ...]

    def names(self) -> set[str]:
        """Its name and aliases, lower-cased (how an actor code or organisation names it)."""
        return {n.lower() for n in (self.name, *self.aliases)}


def _lines(text: str, header: str) -> list[int]:
    target = f"[[{header}]]"
    return [i for i, line in enumerate(text.splitlines(), 1) if line.strip() == target]


def _day(value: Any, line: int, key: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    raise DataFileError(FILE, line, f"{key} must be a date like 2025-03-02, not {value!r}")


def load(data_dir: Path | None = None) -> list[Coalition]:
    """The coalitions of ``coalitions.toml`` (under ``data_dir``, else the package's data).

    Raises ``DataFileError`` for a file that is not TOML, an unknown key, a missing name,
    code, date (``since``) or source, a date that is not a date, or a coalition without members.
    """
    path = (data_dir or DATA_DIR) / FILE
    if not path.is_file():
        path = DATA_DIR / FILE
    text = path.read_text(encoding="utf-8")
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataFileError(FILE, None, f"not valid TOML: {exc}") from None
    starts = _lines(text, "coalition")
    member_lines = _lines(text, "coalition.member")
    out: list[Coalition] = []
    seen_members = 0
    for i, item in enumerate(raw.get("coalition", [])):
        line = starts[i] if i < len(starts) else 1
        unknown = set(item) - COALITION_KEYS
        if unknown:
            raise DataFileError(FILE, line, f"unknown key(s) {sorted(unknown)}")
        name = str(item.get("name") or "").strip()
        if not name:
            raise DataFileError(FILE, line, "a coalition needs a name")
        members = []
        for m in item.get("member", []):
            mline = member_lines[seen_members] if seen_members < len(member_lines) else line
            seen_members += 1
            bad = set(m) - MEMBER_KEYS
            if bad:
                raise DataFileError(FILE, mline, f"unknown key(s) {sorted(bad)}")
            code = str(m.get("code") or "").strip()
            source = str(m.get("source") or "").strip()
            if not code or not source:
                raise DataFileError(FILE, mline, "a member needs a code and a source")
            since, until = (
                _day(m.get("since"), mline, "since"),
                _day(m.get("until"), mline, "until"),
            )
            if since is None:
                raise DataFileError(FILE, mline, f"member {code!r} needs a date (since)")
            members.append(
                Member(code, since, until, str(m.get("role") or "member"), source, mline)
            )
        if not members:
            raise DataFileError(FILE, line, f"coalition {name!r} lists no member")
        aliases = tuple(str(a) for a in item.get("aliases", []))
        out.append(Coalition(name, aliases, str(item.get("about") or ""), tuple(members)))
    return out


def find(coalitions: list[Coalition], name: str) -> Coalition | None:
    """The coalition called ``name`` or one of its aliases (any case), or None."""
    key = name.strip().lower()
    return next((c for c in coalitions if key in c.names()), None)
