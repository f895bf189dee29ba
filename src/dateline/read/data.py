"""The reader's data files: ``boilerplate.toml`` (lines that are not the article) and
``reading.toml`` (form labels that are not authors, news agencies, month names).

Both are validated on load; every problem raises ``DataFileError`` with ``[file:line]``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from dateline.errors import DataFileError

BOILERPLATE_FILE = "boilerplate.toml"
READING_FILE = "reading.toml"
ACTIONS = ("drop", "cut")
DEFAULT_MAX_CHARS = 200

# A boilerplate pattern that matches any of these would eat real articles: refused on load.
_GUARD_LINES = (
    "",
    "a",
    "The talks are taking place at a critical moment, officials said on Tuesday.",
    "Ukraine's foreign minister said the coalition had pledged air defence systems.",
    "Russia denied shelling the city.",
)


@dataclass(frozen=True)
class BoilerplateRule:
    """One kind of non-article line. ``action`` is "drop" (this line) or "cut" (and the rest)."""

    id: str
    kind: str
    pattern: re.Pattern[str]
    action: str
    max_chars: int = DEFAULT_MAX_CHARS

    def matches(self, line: str) -> bool:
        line = line.strip()
        return len(line) <= self.max_chars and self.pattern.fullmatch(line) is not None


@dataclass(frozen=True)
class ReadingData:
    """Everything the reader takes from data files. Immutable, so it can be shared."""

    rules: tuple[BoilerplateRule, ...]
    form_labels: frozenset[str]
    agencies: dict[str, str]  # any spelling (lower case) → canonical name
    months: dict[str, int]  # any spelling (lower case, no dot) → month number
    stopwords: dict[str, frozenset[str]]  # language code → its frequent function words
    not_places: frozenset[str] = frozenset()  # capitals that open a paragraph but are no place
    # class/id words of page regions whose "By A" lines are not the article's byline
    byline_skip_classes: tuple[str, ...] = ()

    def agency(self, text: str) -> str | None:
        """The canonical agency for ``text`` ("Associated Press" → "AP"), else None."""
        return self.agencies.get(text.strip().lower())

    def month(self, text: str) -> int | None:
        return self.months.get(text.strip().rstrip(".").lower())

    def is_form_label(self, text: str) -> bool:
        return " ".join(text.replace("*", " ").split()).lower() in self.form_labels or (
            text.strip().lower() in self.form_labels
        )

    def month_alternation(self) -> str:
        """A regex alternation of every month spelling, longest first."""
        names = sorted(self.months, key=len, reverse=True)
        return "(?i:" + "|".join(re.escape(n) for n in names) + ")"

    def agency_alternation(self) -> str:
        names = sorted(self.agencies, key=len, reverse=True)
        return "(?i:" + "|".join(re.escape(n) for n in names) + ")"


def _read_text(name: str, data_dir: Path | None) -> tuple[str, str]:
    """The text of a data file and the name to cite in errors."""
    if data_dir is not None and (data_dir / name).is_file():
        path = data_dir / name
        return path.read_text(encoding="utf-8"), str(path)
    ref = resources.files("dateline") / "data" / name
    return ref.read_text(encoding="utf-8"), f"src/dateline/data/{name}"


def _parse(text: str, where: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        raise DataFileError(where, int(match.group(1)) if match else None, str(exc)) from exc


def _header_lines(text: str, header: str) -> list[int]:
    """1-based line numbers of each ``[[header]]`` table, in order."""
    return [i for i, line in enumerate(text.splitlines(), 1) if line.strip() == f"[[{header}]]"]


def _key_line(text: str, key: str, after: int = 0) -> int | None:
    """The first line (1-based, after line ``after``) that assigns ``key`` or opens ``[key]``."""
    pattern = re.compile(rf'^\s*(?:"?{re.escape(key)}"?\s*=|\[{re.escape(key)}\]\s*$)')
    for i, line in enumerate(text.splitlines(), 1):
        if i > after and pattern.match(line):
            return i
    return None


def load_boilerplate(text: str, where: str) -> tuple[BoilerplateRule, ...]:
    """Validate and compile boilerplate rules. Raises ``DataFileError``."""
    raw = _parse(text, where)
    unknown = set(raw) - {"rule"}
    if unknown:
        raise DataFileError(where, _key_line(text, sorted(unknown)[0]), "unknown top-level key")
    lines = _header_lines(text, "rule")
    rules: list[BoilerplateRule] = []
    seen: set[str] = set()
    for index, entry in enumerate(raw.get("rule", [])):
        line = lines[index] if index < len(lines) else None
        extra = set(entry) - {"id", "kind", "pattern", "action", "max_chars"}
        if extra:
            raise DataFileError(where, line, f"unknown key {sorted(extra)[0]!r} in rule")
        for key in ("id", "kind", "pattern", "action"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                raise DataFileError(where, line, f"rule needs a non-empty string {key!r}")
        if entry["id"] in seen:
            raise DataFileError(where, line, f"duplicate rule id {entry['id']!r}")
        seen.add(entry["id"])
        if entry["action"] not in ACTIONS:
            raise DataFileError(where, line, f"action must be one of {ACTIONS}")
        max_chars = entry.get("max_chars", DEFAULT_MAX_CHARS)
        if not isinstance(max_chars, int) or max_chars <= 0:
            raise DataFileError(where, line, "max_chars must be a positive integer")
        try:
            pattern = re.compile(entry["pattern"], re.IGNORECASE)
        except re.error as exc:
            raise DataFileError(where, line, f"bad pattern in {entry['id']!r}: {exc}") from exc
        for guard in _GUARD_LINES:
            if pattern.fullmatch(guard):
                raise DataFileError(
                    where, line, f"pattern of {entry['id']!r} matches {guard!r}: too broad"
                )
        rules.append(
            BoilerplateRule(entry["id"], entry["kind"], pattern, entry["action"], max_chars)
        )
    if not rules:
        raise DataFileError(where, None, "no [[rule]] entries")
    return tuple(rules)


def _string_list(value: Any, where: str, line: int | None, what: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise DataFileError(where, line, f"{what} must be a list of non-empty strings")
    return value


def load_reading(text: str, where: str) -> dict[str, Any]:
    """Validate ``reading.toml``: form labels, agencies, months, stop words, not-places and
    byline-skip classes. Returns the ``ReadingData`` fields (all but ``rules``) by name.

    Raises ``DataFileError``.
    """
    raw = _parse(text, where)
    known = {"form_labels", "agencies", "months", "stopwords", "not_places", "byline_skip_classes"}
    unknown = set(raw) - known
    if unknown:
        raise DataFileError(where, _key_line(text, sorted(unknown)[0]), "unknown top-level key")
    labels = _string_list(
        raw.get("form_labels", []), where, _key_line(text, "form_labels"), "form_labels"
    )
    agencies: dict[str, str] = {}
    agencies_at = _key_line(text, "agencies") or 0
    for name, spellings in (raw.get("agencies") or {}).items():
        line = _key_line(text, name, agencies_at)
        for spelling in _string_list(spellings, where, line, f"agency {name!r}"):
            if spelling.lower() in agencies:
                raise DataFileError(where, line, f"agency spelling {spelling!r} given twice")
            agencies[spelling.lower()] = name
    months: dict[str, int] = {}
    for number, spellings in (raw.get("months") or {}).items():
        line = _key_line(text, number)
        if not number.isdigit() or not 1 <= int(number) <= 12:
            raise DataFileError(where, line, f"month key {number!r} must be 1..12")
        for spelling in _string_list(spellings, where, line, f"month {number}"):
            months[spelling.lower()] = int(number)
    if sorted(set(months.values())) != list(range(1, 13)):
        raise DataFileError(where, _key_line(text, "months"), "months must name all twelve")
    stopwords: dict[str, frozenset[str]] = {}
    stops_at = _key_line(text, "stopwords") or 0
    for lang, words in (raw.get("stopwords") or {}).items():
        line = _key_line(text, lang, stops_at)
        stopwords[lang] = frozenset(w.lower() for w in _string_list(words, where, line, lang))
    not_places = _string_list(
        raw.get("not_places", []), where, _key_line(text, "not_places"), "not_places"
    )
    skip = _string_list(
        raw.get("byline_skip_classes", []),
        where,
        _key_line(text, "byline_skip_classes"),
        "byline_skip_classes",
    )
    return {
        "form_labels": frozenset(label.lower() for label in labels),
        "agencies": agencies,
        "months": months,
        "stopwords": stopwords,
        "not_places": frozenset(" ".join(word.upper().split()) for word in not_places),
        "byline_skip_classes": tuple(word.lower() for word in skip),
    }


def load_reading_data(data_dir: Path | None = None) -> ReadingData:
    """Load and validate the reader's data files (from ``data_dir`` when it has them).

    Raises ``DataFileError`` naming the file and line of the first problem.
    """
    return _load_cached(data_dir)


# Memoised because read_bytes runs once per record (Spark, the HTTP API); the result is
# immutable and keyed by the data folder, so sharing it between calls holds no state.
@lru_cache(maxsize=8)
def _load_cached(data_dir: Path | None) -> ReadingData:
    text, where = _read_text(BOILERPLATE_FILE, data_dir)
    rules = load_boilerplate(text, where)
    text, where = _read_text(READING_FILE, data_dir)
    return ReadingData(rules=rules, **load_reading(text, where))
