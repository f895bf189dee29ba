"""The one model of dateline's data: plain dataclasses every stage takes and returns.

Flow: ``Document`` (read) → ``AnnotatedDocument`` of ``Sentence`` with ``Mention``,
``Place`` and ``TimeExpr`` (annotate) → ``Event`` with ``Actor`` and ``Evidence`` (code).

Character offsets (``start``/``end``) are always into ``Document.text``: the body
paragraphs joined by a blank line (``PARAGRAPH_SEP``). The title is not part of it.

Every dataclass has ``to_dict()`` giving JSON-ready data; ``Document`` and ``Event``
also have ``from_dict()`` so stores and engines can round-trip them.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

PARAGRAPH_SEP = "\n\n"

# Precision of a date: a full day, a day whose year nothing decided ("--01-06"),
# a month, a year, or a range ("for months").
Precision = Literal["day", "day-no-year", "month", "year", "range", "unknown"]

STATUSES = ("occurred", "occurring", "planned", "expected", "denied", "hypothetical")

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip

# PLOVER's four classes (quad classes) by event type.
QUAD_CLASS = {
    "AGREE": "verbal cooperation", "CONSULT": "verbal cooperation",
    "SUPPORT": "verbal cooperation", "CONCEDE": "verbal cooperation",
    "COOPERATE": "material cooperation", "AID": "material cooperation",
    "RETREAT": "material cooperation",
    "REQUEST": "verbal conflict", "ACCUSE": "verbal conflict", "REJECT": "verbal conflict",
    "THREATEN": "verbal conflict",
    "PROTEST": "material conflict", "SANCTION": "material conflict",
    "MOBILIZE": "material conflict", "COERCE": "material conflict", "ASSAULT": "material conflict",
}  # fmt: skip


def _asdict(obj: Any) -> dict[str, Any]:
    return dataclasses.asdict(obj)


def content_id(*parts: str, prefix: str = "", length: int = 16) -> str:
    """A stable id from content: sha256 of the parts joined by NUL, hex, cut to ``length``."""
    digest = hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()
    return f"{prefix}{digest[:length]}"


@dataclass
class DateDecision:
    """How one date of a document was decided, for ``show`` and for auditors."""

    field: str  # "dateline", "published", "document"
    value: str | None  # ISO date "2026-01-06", or "--01-06" when no year was decided
    precision: Precision
    rule: str  # e.g. "dateline.weekday-year", "published.meta"
    reason: str  # one sentence a person can read


@dataclass
class Dateline:
    """The opening 'PLACE, Month Day:' of a report."""

    text: str  # as written: "PARIS, January 6"
    place: str | None  # as written: "PARIS"
    date: str | None  # resolved ISO date, or "--MM-DD" when the year is unknown
    precision: Precision = "unknown"
    agency: str | None = None  # "Reuters" in "KYIV (Reuters) -"


@dataclass
class Document:
    """One clean article. ``id`` is a content hash, so re-reading it gives the same id."""

    id: str
    source: str  # file path, or URL when the input gave one
    format: str  # "text", "html", "feed", "warc", "jsonl"
    title: str | None
    paragraphs: list[str]
    byline: list[str] = field(default_factory=list)
    dateline: Dateline | None = None
    published: str | None = None  # ISO date (or datetime) of publication, when known
    date: str | None = None  # the document date events default to (ISO day), when decided
    date_precision: Precision = "unknown"
    language: str | None = None
    url: str | None = None
    outlet: str | None = None  # publisher / site name when known
    record: str | None = None  # position within a container file: "item 3", "record 12"
    date_decisions: list[DateDecision] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The body as one string; every character offset in dateline points into it."""
        return PARAGRAPH_SEP.join(self.paragraphs)

    @staticmethod
    def make_id(title: str | None, paragraphs: list[str]) -> str:
        """Document id from its content (title and body), independent of where it was read."""
        return content_id(title or "", *paragraphs, prefix="doc-")

    def to_dict(self) -> dict[str, Any]:
        return _asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        data = dict(data)
        if data.get("dateline"):
            data["dateline"] = Dateline(**data["dateline"])
        data["date_decisions"] = [DateDecision(**d) for d in data.get("date_decisions") or []]
        known = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


@dataclass
class ReadFailure:
    """An input that could not be read: reported in one line, counted by reason."""

    source: str  # the file
    reason: str  # short machine-friendly key: "empty", "binary", "encoding", "no-article", ...
    message: str  # one human line
    record: str | None = None  # "record 12", "line 4", "item 2"

    def line(self) -> str:
        """One printed line, whatever the file name holds: a newline or a control
        character in a name is escaped (``\\n``), so it cannot forge a line of its own."""
        where = f"{self.source} ({self.record})" if self.record else self.source
        return escape_line(f"{where}: {self.reason}: {self.message}")


def escape_line(text: str) -> str:
    """``text`` with every character that is not printable (newline, tab, NUL, an undecodable
    byte of a file name) written as its Python escape, so it prints as exactly one line."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


@dataclass
class Mention:
    """An actor mention in the text, with its code and the rule that decided it."""

    text: str
    start: int
    end: int
    code: str | None  # "CAN GOV", "NATO", "UKR", "Coalition of the Willing"
    country: str | None = None  # ISO 3166-1 alpha-3
    org: str | None = None  # short name of an organisation or coalition
    sector: str | None = None  # GOV, MIL, ..., IGO, NGO
    name: str | None = None  # resolved person or organisation name: "Mark Carney"
    kind: str = "actor"  # person, org, country, capital, group, title, pronoun
    rule: str = ""  # e.g. "actors.title+name", "kb:office-holder", "coref.surname"
    antecedent: int | None = None  # index (within the document's mentions) it refers to
    sentence: int = -1  # index of its sentence

    def to_dict(self) -> dict[str, Any]:
        return _asdict(self)


@dataclass
class Place:
    """A place named in the text, resolved against the gazetteer."""

    text: str
    start: int
    end: int
    name: str
    country: str | None  # ISO 3166-1 alpha-3
    lat: float | None
    lon: float | None
    geonameid: int | None = None
    kind: str = "city"  # city, country, region
    rule: str = ""
    sentence: int = -1

    def to_dict(self) -> dict[str, Any]:
        return _asdict(self)


@dataclass
class TimeExpr:
    """A time expression ("on Tuesday", "for months") resolved against the document date."""

    text: str
    start: int
    end: int
    date: str | None  # ISO date, or None for durations
    precision: Precision
    end_date: str | None = None  # for ranges
    rule: str = ""
    sentence: int = -1

    def to_dict(self) -> dict[str, Any]:
        return _asdict(self)


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    text: str
    mentions: list[Mention] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return _asdict(self)


@dataclass
class AnnotatedDocument:
    """A document with its sentences and their annotations.

    ``spacy_doc`` is the parsed ``spacy.tokens.Doc`` of ``document.text`` (kept in memory for
    the event coder; never serialised).
    """

    document: Document
    sentences: list[Sentence]
    spacy_doc: Any = None
    # Office-holders the knowledge base learned from this document (actors.kb.KBEntry).
    learned: list[Any] = field(default_factory=list)
    # The dateline's place resolved in the gazetteer: the default location of the events
    # (its start/end are -1: the dateline is not part of ``document.text``).
    dateline_place: Place | None = None

    @property
    def mentions(self) -> list[Mention]:
        return [m for s in self.sentences for m in s.mentions]

    def to_dict(self) -> dict[str, Any]:
        return {
            "document": self.document.to_dict(),
            "sentences": [s.to_dict() for s in self.sentences],
            "dateline_place": self.dateline_place.to_dict() if self.dateline_place else None,
        }


@dataclass
class Actor:
    """An actor as an event carries it."""

    text: str
    code: str | None
    sector: str | None = None
    name: str | None = None
    country: str | None = None
    org: str | None = None
    start: int | None = None  # span in Document.text of the mention that names it
    end: int | None = None
    rule: str = ""

    def to_dict(self) -> dict[str, Any]:
        return _asdict(self)


@dataclass
class EventPlace:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None = None
    rule: str = ""  # "sentence" or "dateline"

    def to_dict(self) -> dict[str, Any]:
        return _asdict(self)


@dataclass
class Evidence:
    sentence: str
    start: int  # sentence span in Document.text
    end: int
    trigger: str
    rule: str  # id of the trigger pattern
    trigger_start: int | None = None
    trigger_end: int | None = None
    rules: list[str] = field(default_factory=list)  # every rule that fired (roles, status, ...)
    doc_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return _asdict(self)


@dataclass
class Event:
    id: str
    type: str
    mode: str | None
    context: str | None
    status: str
    source: list[Actor]
    target: list[Actor]
    evidence: Evidence
    place: EventPlace | None = None
    date: str | None = None
    date_precision: Precision = "unknown"
    attributed_to: Actor | None = None
    cameo: str | None = None  # CAMEO root code, two digits
    doc_id: str | None = None
    quad_class: str | None = None

    @staticmethod
    def make_id(doc_id: str, start: int, end: int, rule: str, type_: str, *codes: str) -> str:
        """Stable event id: the same article coded twice gives the same ids."""
        return content_id(doc_id, str(start), str(end), rule, type_, *codes, prefix="ev-")

    def to_dict(self) -> dict[str, Any]:
        return _asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        data = dict(data)
        data["source"] = [Actor(**a) for a in data.get("source") or []]
        data["target"] = [Actor(**a) for a in data.get("target") or []]
        data["evidence"] = Evidence(**data["evidence"])
        if data.get("place"):
            data["place"] = EventPlace(**data["place"])
        if data.get("attributed_to"):
            data["attributed_to"] = Actor(**data["attributed_to"])
        known = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


@dataclass
class CodedDocument:
    """What the pipeline produces for one article."""

    document: Document
    events: list[Event]
    annotated: AnnotatedDocument | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "document": self.document.to_dict(),
            "events": [e.to_dict() for e in self.events],
        }
