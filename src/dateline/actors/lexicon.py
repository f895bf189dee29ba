"""The field's actor dictionaries (Phoenix/PETRARCH, MIT), converted by
``scripts/convert_phoenix.py`` into ``data/phoenix/*.jsonl``: ~18,000 people with dated
roles, ~8,000 IGOs/NGOs/companies, ~640 armed and non-state groups, national bodies,
country adjectives, ~2,200 agent nouns and the discard list.

**The actor scheme** (one for every source of actors, and how it maps to PLOVER's actor
fields in exports: ``code``, ``country``, ``sector``, ``name``):

- a state actor: ``code`` = "ISO3 SECTOR" ("AFG GOV"), ``country`` = ISO 3166 alpha-3,
  ``sector`` one of ``dateline.actors.data.SECTORS`` (CAMEO roles: GOV, MIL, REB, OPP,
  PTY, COP, JUD, SPY, LEG, MED, EDU, BUS, CVL, LAB, HLH, ELI, REF, CRM, UAF, AGR, REL; the
  CAMEO insurgent, separatist and militarised-group roles INS, SEP, IMG are all ``REB``);
- an armed or non-state group, party or movement with a home country: ``code`` = its short
  name ("Taliban", "Hamas"), ``country`` = its home ISO3 (AFG, PSE), ``sector`` its domestic
  role (REB, PTY, OPP ...); the ``org`` field keeps the name;
- an international body: ``code`` = its short name ("UN", "Amnesty International"),
  ``sector`` IGO, NGO or MNC, ``country`` None (or its home for a national NGO).

**Dates decide roles.** A person's role applies on the article's date only; a role without
dates in the dictionary is its default, used when no dated role applies. The dictionaries
were built in January 2014 (``built``): for later dates the knowledge base (office-holders
in ``office_holders.toml``, what ingest learned, what a user set) wins over them.

Matching is a token trie over lower-case spaCy tokens, compiled from the data files when
first needed (once per process, on ``ActorData``); names of people, groups and
organisations must be capitalised in the text, agent nouns and discard phrases need not.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import json
import pickle
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dateline.errors import DataFileError

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from dateline.actors.kb import KBEntry, KnowledgeBase

FOLDER = "phoenix"
ACTORS_FILE = f"{FOLDER}/actors.jsonl"
AGENTS_FILE = f"{FOLDER}/agents.jsonl"
DISCARDS_FILE = f"{FOLDER}/discards.jsonl"
# The trie compiled from the three files by scripts/convert_phoenix.py, with their digest:
# loading it takes a tenth of the time of parsing and validating the JSON lines.
INDEX_FILE = f"{FOLDER}/index.pickle"
INDEX_VERSION = 1
KINDS = frozenset({"person", "group", "body", "org", "country"})
_ISO3 = re.compile(r"^[A-Z]{3}$")
# Lower-case words that may stand inside a capitalised name ("Bank of England").
NAME_GLUE = frozenset(
    {"of", "the", "and", "for", "in", "on", "de", "du", "la", "al", "el", "to", "-", "'s", "&",
     "bin", "ibn", "van", "von", "der", "den", "da", "di", "le", "des", "y", "e", "a", "at"}
)  # fmt: skip
# One-word names that are also English words ("Organization"): kept only in capitals.
_NAME_REF = "name"


@dataclass(frozen=True)
class Role:
    """One role of a dictionary actor, over a date range (both ends included)."""

    country: str | None
    sector: str | None
    since: dt.date | None = None
    until: dt.date | None = None
    default: bool = False
    org: str | None = None  # an organisation code of organisations.toml ("UN")

    def holds_on(self, day: dt.date) -> bool:
        """Whether the role's dates cover ``day`` (a default role covers no day)."""
        if self.default:
            return False
        return (self.since is None or self.since <= day) and (
            self.until is None or day <= self.until
        )


@dataclass(frozen=True)
class DictActor:
    """One dictionary entry: a person, armed group, national body, organisation or country."""

    kind: str
    name: str  # display name ("Taliban", "Ban Ki-moon")
    roles: tuple[Role, ...]
    src: str  # "Phoenix.MilNonState.actors.txt:1768"
    org: str | None = None  # organisation code of an IGO/NGO/MNC entry
    one_word: tuple[str, ...] = ()  # names of one token (need capitals in the text)

    def role_on(self, day: dt.date | None, built: dt.date | None = None) -> Role | None:
        """The role on ``day``: the latest-starting dated role covering it, else the
        default role, else None (an entry valid 2001-2014 does not code a 2026 article).
        After ``built`` (when the dictionary was compiled) an open-ended role is stale: the
        person keeps the country as an elite (``ELI``), not the office. ``day`` None: the
        default role, else the latest dated one."""
        if day is not None:
            stale = built is not None and day > built
            dated = [r for r in self.roles if r.holds_on(day) and not (stale and r.until is None)]
            if dated:
                return max(dated, key=lambda r: r.since or dt.date.min)
            default = next((r for r in self.roles if r.default), None)
            if default is not None or not stale:
                return default
            last = max(
                (r for r in self.roles if r.until is None and r.since and r.since <= day),
                key=lambda r: r.since or dt.date.min,
                default=None,
            )
            if last is None or last.country is None:
                return None
            return Role(last.country, "ELI", last.since, None, False, None)
        default = next((r for r in self.roles if r.default), None)
        if default is not None:
            return default
        return max(self.roles, key=lambda r: r.since or dt.date.min, default=None)


@dataclass(frozen=True)
class Agent:
    """An agent noun ("farmer", "riot police") and its sector."""

    name: str
    names: tuple[str, ...]
    sector: str
    src: str


@dataclass(frozen=True)
class Hit:
    """A dictionary match in a parsed document (token offsets, end exclusive)."""

    start: int
    end: int
    kind: str  # "actor", "agent" or "discard"
    index: int  # into Lexicon.actors / agents / discards


RawRole = tuple[str | None, str | None, str | None, str | None, bool, str | None]
RawActor = tuple[str, str, tuple[RawRole, ...], str, str | None, tuple[str, ...]]


@dataclass
class Lexicon:
    """The converted dictionaries and their token trie, in plain containers (so the index
    compiled at conversion time loads fast); ``actor(i)`` and ``agent(i)`` give objects."""

    built: dt.date
    raw_actors: list[RawActor] = field(default_factory=list, repr=False)
    raw_agents: list[tuple[str, tuple[str, ...], str, str]] = field(
        default_factory=list, repr=False
    )
    discards: list[tuple[str, bool, str]] = field(default_factory=list)  # phrase, story, src
    # phrase (space-joined lower tokens) → [(kind, index)], and every proper prefix.
    phrases: dict[str, list[tuple[str, int]]] = field(default_factory=dict, repr=False)
    prefixes: set[str] = field(default_factory=set, repr=False)
    people: dict[str, list[int]] = field(default_factory=dict, repr=False)
    _actors: dict[int, DictActor] = field(default_factory=dict, repr=False)
    _surnames: dict[str, list[int]] = field(default_factory=dict, repr=False)
    _given: dict[int, set[str]] = field(default_factory=dict, repr=False)  # first words

    def actor(self, index: int) -> DictActor:
        """Dictionary actor number ``index``."""
        found = self._actors.get(index)
        if found is None:
            kind, name, roles, src, org, one = self.raw_actors[index]
            found = DictActor(
                kind,
                name,
                tuple(Role(c, s, _iso(a), _iso(b), d, o) for c, s, a, b, d, o in roles),
                src,
                org,
                one,
            )
            self._actors[index] = found
        return found

    def agent(self, index: int) -> Agent:
        """Agent noun number ``index``."""
        return Agent(*self.raw_agents[index])

    def _add(self, phrase: str, ref: tuple[str, int]) -> None:
        self.phrases.setdefault(phrase, []).append(ref)
        words = phrase.split(" ")
        for n in range(1, len(words)):
            self.prefixes.add(" ".join(words[:n]))

    def find(self, doc: Doc, start: int = 0, end: int | None = None) -> list[Hit]:
        """Longest dictionary matches in ``doc[start:end]``, left to right, not overlapping.
        Names must be capitalised in the text; agent nouns and discards need not be."""
        end = len(doc) if end is None else end
        lowers = [t.lower_ for t in doc[start:end]]
        phrases, prefixes = self.phrases, self.prefixes
        hits: list[Hit] = []
        i = 0
        while i < len(lowers):
            key = lowers[i]
            best: tuple[int, list[tuple[str, int]]] | None = None
            j = i
            while True:
                refs = phrases.get(key)
                if refs is not None:
                    best = (j + 1, refs)
                if key not in prefixes or j + 1 >= len(lowers):
                    break
                j += 1
                key = f"{key} {lowers[j]}"
            if best is None:
                i += 1
                continue
            stop, refs = best
            hit = self._choose(doc, start + i, start + stop, refs)
            if hit is None:
                i += 1
                continue
            hits.append(hit)
            i = stop
        return hits

    def _choose(self, doc: Doc, a: int, b: int, refs: list[tuple[str, int]]) -> Hit | None:
        words = doc[a:b]
        proper = all(
            t.is_title
            or t.is_upper
            or t.lower_ in NAME_GLUE
            or not t.is_alpha
            or (t.i > 0 and doc[t.i - 1].text == "-" and not doc[t.i - 1].whitespace_)
            for t in words
        ) and (
            words[0].is_title
            or words[0].is_upper
            # "al-Qaeda", "el-Sisi": a lower-case particle joined to a capitalised name.
            or (b - a > 2 and words[1].text == "-" and (words[2].is_title or words[2].is_upper))
        )
        for kind, index in refs:
            if kind == "actor":
                if not proper:
                    continue
                one_word = self.raw_actors[index][5]
                if (
                    b - a == 1
                    and words[0].lower_ in one_word
                    and not words[0].is_upper
                    and (a == 0 or doc[a].is_sent_start)
                    and not (words[0].pos_ == "PROPN" and words[0].ent_type_)
                ):
                    # A capitalised common word opening a sentence; the parser's named
                    # entity ("Taliban fighters attacked") is a name there too.
                    continue
                return Hit(a, b, kind, index)
            if kind == "agent" and all(
                t.is_lower
                or not t.is_alpha
                or (t.i == a and t.is_title and (a == 0 or t.is_sent_start))
                for t in words
            ):
                # Common nouns: lower case, but a sentence may open with one.
                return Hit(a, b, kind, index)
            if kind == "discard" and proper:
                # Only a named event or person of sport or show business ("World Cup",
                # "Academy Awards"): the list's common words ("football", "years ago")
                # also occur in political news.
                return Hit(a, b, kind, index)
        return None

    def person(self, name: str, day: dt.date | None = None) -> tuple[DictActor, Role] | None:
        """The dictionary person named ``name`` as written ("Ban Ki-moon") and their role
        on ``day``: a dated role covering the day first (the Countries and International
        files may both list someone), else a default role; None when neither applies."""
        actors = [self.actor(i) for i in self.people.get(squash(name), ())]
        if day is not None and day <= self.built:
            dated = [(a, r) for a in actors for r in a.roles if r.holds_on(day)]
            if dated:
                return max(dated, key=lambda ar: ar[1].since or dt.date.min)
        for a in actors:
            role = a.role_on(day, self.built)
            if role is not None:
                return a, role
        return None

    def _surname_index(self) -> dict[str, list[int]]:
        """Surname → the people who have it (built on first use)."""
        if not self._surnames:
            for phrase, refs in self.phrases.items():
                first, last = phrase.split(" ", 1)[0], phrase.rsplit(" ", 1)[-1]
                for kind, index in refs:
                    if kind == "actor" and self.raw_actors[index][0] == "person" and " " in phrase:
                        self._surnames.setdefault(last, []).append(index)
                        self._given.setdefault(index, set()).add(first)
        return self._surnames

    def has_surname(self, word: str) -> bool:
        """Whether some dictionary person has the surname ``word``."""
        return word.lower() in self._surname_index()

    def surname_country(self, surname: str, day: dt.date | None) -> tuple[str, str | None] | None:
        """ "Chirac" alone: the one country of every dictionary person with this surname, and
        the sector of the role one of them holds on ``day`` (None when none holds, or the
        day is after the dictionary was built and the role is open-ended). None when no
        one, or people of several countries, have the surname."""
        ids = set(self._surname_index().get(surname.lower(), ()))
        roles = [r for i in ids for r in self.actor(i).roles]
        countries = {r.country for r in roles}
        if len(countries) != 1 or None in countries or any(r.org for r in roles):
            return None
        country = next(iter(countries))
        assert country is not None
        if day is None:
            return country, None
        held = [
            r for r in roles
            if not r.default and r.holds_on(day) and not (day > self.built and r.until is None)
        ]  # fmt: skip
        sectors = {r.sector for r in held}
        return country, (sectors.pop() if len(sectors) == 1 else None)

    def by_surname(
        self,
        surname: str,
        day: dt.date | None,
        sector: str,
        given: str | None = None,
        country_only: bool = False,
    ) -> tuple[DictActor, Role] | None:
        """ "President Kagame": the one dictionary person with this surname who holds a
        ``sector`` role on ``day`` (any day when ``day`` is None). When several people
        qualify they must share one country; none on that day but one country at other
        times gives that country as an elite (``ELI``). None when ambiguous or unknown."""
        ids = sorted(set(self._surname_index().get(surname.lower(), ())))
        if given and len(given) > 2 and given.isalpha():
            # "spokesman Paul Doe" is not President Samuel Doe: a first name written in
            # full must be one of the person's own.
            ids = [i for i in ids if given.lower() in self._given.get(i, ())]
        if not ids:
            return None
        roles = [
            (self.actor(i), r) for i in ids for r in self.actor(i).roles
            if r.sector == sector and r.country
        ]  # fmt: skip
        current = [
            (a, r) for a, r in roles
            if day is None or (r.holds_on(day) and not (day > self.built and r.until is None))
        ]  # fmt: skip
        pick = current or roles
        if len({a.name for a, _ in pick}) > 1 and given:
            # "President Omar El Bashir": of several Bashirs, those named Omar.
            named = [(a, r) for a, r in pick if a.name.lower().split()[0] == given.lower()]
            pick = named or pick
        countries = {r.country for _, r in pick}
        if len(countries) > 1 and country_only:
            # "the Bush administration": two US presidents against one Caymanian premier.
            # The country most of the namesakes served wins; a tie decides nothing.
            served = sorted(
                ((len({a.name for a, r in pick if r.country == c}), c) for c in countries),
                reverse=True,
            )
            if served[0][0] > served[1][0]:
                pick = [(a, r) for a, r in pick if r.country == served[0][1]]
                countries = {served[0][1]}
        people = {a.name for a, _ in pick}
        # Several people of one country do for "the Bush administration" (``country_only``),
        # not for "President Bush", whose name would be shown.
        if len(countries) != 1 or (len(people) != 1 and not country_only):
            return None
        actor, role = max(pick, key=lambda ar: ar[1].since or dt.date.min)
        if current or day is None:
            return actor, role
        return actor, Role(role.country, "ELI", role.since, role.until, False, None)


def _iso(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def squash(name: str) -> str:
    """A spelling-insensitive key of a name: letters and digits only, lower case."""
    import unicodedata

    text = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _read(name: str, data_dir: Path | None) -> tuple[str, str]:
    if data_dir is not None and (data_dir / name).is_file():
        path = data_dir / name
        return str(path), path.read_text(encoding="utf-8")
    res = resources.files("dateline") / "data" / name
    return f"src/dateline/data/{name}", res.read_text(encoding="utf-8")


def _rows(name: str, data_dir: Path | None) -> tuple[str, list[tuple[int, dict[str, Any]]]]:
    where, text = _read(name, data_dir)
    rows = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataFileError(where, n, f"not a JSON object: {exc.msg}") from exc
        if not isinstance(row, dict):
            raise DataFileError(where, n, "each line must be a JSON object")
        rows.append((n, row))
    return where, rows


def _day(value: Any, where: str, n: int, key: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise DataFileError(where, n, f"'{key}' must be an ISO date, got {value!r}") from None


def _names(row: dict[str, Any], where: str, n: int, key: str = "names") -> list[str]:
    names = row.get(key)
    if not isinstance(names, list) or not names or not all(isinstance(x, str) for x in names):
        raise DataFileError(where, n, f"'{key}' must be a non-empty list of strings")
    for x in names:
        if x != x.lower() or not x.strip() or x.strip() in ("the", "a", "an", "of", "and"):
            raise DataFileError(
                where, n, f"{key} {x!r}: names are lower-case tokens and not a small word alone"
            )
    return names


def _role(raw: Any, where: str, n: int, countries: set[str], sectors: frozenset[str]) -> Role:
    if not isinstance(raw, dict) or set(raw) - {
        "country",
        "sector",
        "org",
        "since",
        "until",
        "default",
    }:
        raise DataFileError(
            where, n, f"a role has country, sector, org, since, until, default: {raw!r}"
        )
    country, sector = raw.get("country"), raw.get("sector")
    if country is not None and country not in countries:
        raise DataFileError(where, n, f"unknown country code {country!r} (ISO 3166 alpha-3)")
    if sector is not None and sector not in sectors:
        raise DataFileError(where, n, f"unknown sector {sector!r}; allowed: {sorted(sectors)}")
    since, until = (
        _day(raw.get("since"), where, n, "since"),
        _day(raw.get("until"), where, n, "until"),
    )
    if since and until and until < since:
        raise DataFileError(where, n, "'until' is before 'since'")
    org = raw.get("org")
    if org is not None and not isinstance(org, str):
        raise DataFileError(where, n, f"'org' must be an organisation code, got {org!r}")
    return Role(country, sector, since, until, bool(raw.get("default", False)), org)


def _digest(data_dir: Path | None) -> str:
    sha = hashlib.sha256(str(INDEX_VERSION).encode())
    for name in (ACTORS_FILE, AGENTS_FILE, DISCARDS_FILE):
        sha.update(_read(name, data_dir)[1].encode("utf-8"))
    return sha.hexdigest()


def compile_index(
    path: Path, data_dir: Path | None, countries: set[str], sectors: frozenset[str]
) -> Lexicon:
    """Validate the converted dictionaries and write the compiled index to ``path``
    (``scripts/convert_phoenix.py`` calls this). Returns the Lexicon."""
    lex, rows = read_lexicon(data_dir, countries, sectors)
    payload = (INDEX_VERSION, _digest(data_dir), lex.built, lex.raw_actors, lex.raw_agents,
               lex.discards, lex.phrases, sorted(lex.prefixes), lex.people, rows)  # fmt: skip
    path.write_bytes(pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL))
    return lex


def load_lexicon(
    data_dir: Path | None, countries: set[str], sectors: frozenset[str]
) -> tuple[Lexicon, list[tuple[str, dict[str, Any]]]]:
    """The converted dictionaries: from the compiled index when it was compiled from these
    very files (same digest), else read and validated from the files (``read_lexicon``).
    Raises ``DataFileError``."""
    overridden = data_dir is not None and any(
        (data_dir / n).is_file() for n in (ACTORS_FILE, AGENTS_FILE, DISCARDS_FILE)
    )
    if not overridden:
        try:
            raw = (resources.files("dateline") / "data" / INDEX_FILE).read_bytes()
            # Our own file, shipped with the package. The collector would walk the
            # half-built containers again and again while they load: paused, it takes
            # half the time (and is switched back on whatever happens).
            enabled = gc.isenabled()
            gc.disable()
            try:
                payload = pickle.loads(raw)
            finally:
                if enabled:
                    gc.enable()
        except (OSError, pickle.UnpicklingError, EOFError, ValueError):
            payload = None
        if payload and payload[0] == INDEX_VERSION and payload[1] == _digest(None):
            _, _, built, actors, agents, discards, phrases, prefixes, people, rows = payload
            lex = Lexicon(built, actors, agents, discards, phrases, set(prefixes), people)
            return lex, rows
    return read_lexicon(data_dir, countries, sectors)


def read_lexicon(
    data_dir: Path | None, countries: set[str], sectors: frozenset[str]
) -> tuple[Lexicon, list[tuple[str, dict[str, Any]]]]:
    """Read and validate the converted dictionaries.

    Takes ``data_dir`` (a folder overriding packaged files, or None), the known country
    codes and sectors. Returns the ``Lexicon`` and the country entries (code, row) whose
    adjectives and demonyms ``data`` merges into the countries. Raises ``DataFileError``.
    """
    where, rows = _rows(ACTORS_FILE, data_dir)
    if not rows or rows[0][1].get("kind") != "meta":
        raise DataFileError(where, 1, "the first line must be the meta line (kind 'meta')")
    built = _day(rows[0][1].get("built"), where, rows[0][0], "built") or dt.date(2014, 1, 1)
    lex = Lexicon(built)
    country_rows: list[tuple[str, dict[str, Any]]] = []
    allowed = {"kind", "name", "names", "roles", "src", "org"}
    allowed |= {"adjectives", "demonyms", "spellings"}  # country entries
    for n, row in rows[1:]:
        kind = row.get("kind")
        if kind not in KINDS:
            raise DataFileError(where, n, f"'kind' must be one of {sorted(KINDS)}, got {kind!r}")
        if set(row) - allowed:
            raise DataFileError(where, n, f"unknown key(s) {sorted(set(row) - allowed)}")
        names = _names(row, where, n)
        raw_roles = row.get("roles")
        if not isinstance(raw_roles, list) or not raw_roles:
            raise DataFileError(where, n, "'roles' must be a non-empty list")
        roles = tuple(_role(r, where, n, countries, sectors) for r in raw_roles)
        src = row.get("src")
        if not isinstance(src, str) or ":" not in src:
            raise DataFileError(where, n, "'src' must be 'dictionary file:line'")
        if kind == "country":
            code = roles[0].country
            if code is None:
                raise DataFileError(where, n, "a country entry needs its country code")
            country_rows.append((code, row))
            continue
        index = len(lex.raw_actors)
        one = tuple(x for x in names if " " not in x)
        raw_roles_t = tuple(
            (r.country, r.sector, _text(r.since), _text(r.until), r.default, r.org) for r in roles
        )
        lex.raw_actors.append(
            (kind, str(row.get("name") or names[0]), raw_roles_t, src, row.get("org"), one)
        )
        for x in names:
            lex._add(x, ("actor", index))
            if kind == "person":
                lex.people.setdefault(squash(x), []).append(index)
    where, rows = _rows(AGENTS_FILE, data_dir)
    for n, row in rows:
        names = _names(row, where, n)
        sector = row.get("sector")
        if sector not in sectors:
            raise DataFileError(where, n, f"unknown sector {sector!r}")
        index = len(lex.raw_agents)
        lex.raw_agents.append((str(row.get("name")), tuple(names), sector, str(row.get("src"))))
        for x in names:
            lex._add(x, ("agent", index))
    where, rows = _rows(DISCARDS_FILE, data_dir)
    for n, row in rows:
        phrase = row.get("phrase")
        if not isinstance(phrase, str) or phrase != phrase.lower() or len(phrase) < 3:
            raise DataFileError(where, n, "'phrase' must be lower-case tokens (3 characters+)")
        index = len(lex.discards)
        lex.discards.append((phrase, bool(row.get("story")), str(row.get("src"))))
        lex._add(phrase, ("discard", index))
    return lex, country_rows


def _text(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _former(entry: KBEntry | None, day: dt.date | None) -> KBEntry | None:
    """A state office-holder whose every known term ended before ``day`` is a former one:
    the country stays, the sector becomes ``ELI`` (rule of the CAMEO dictionaries, which
    code ex-leaders as elites) and the office says "former"."""
    if entry is None or day is None or not entry.country or entry.org or not entry.until:
        return entry
    if entry.holds_on(day) or dt.date.fromisoformat(entry.until) > day:
        return entry
    from dataclasses import replace

    office = f"former {entry.office}" if entry.office else "former office-holder"
    return replace(entry, code=f"{entry.country} ELI", sector="ELI", office=office)


def who(
    kb: KnowledgeBase,
    lexicon: Lexicon | None,
    name: str,
    day: dt.date | None,
    title_sector: str | None = None,
    group: bool = False,
) -> KBEntry | None:
    """Who ``name`` is on ``day``: the knowledge base when it knows the name and the day is
    after the dictionaries were built or its entry holds then; else the dictionary's role
    on that day (its default role when no dated role applies); else, when a title of
    ``title_sector`` goes with the name ("President Kagame"), the one dictionary person
    with that surname and a role of that sector (``group``: "the Bush administration", any
    such people of one country); else the knowledge base's entry, if any.
    The returned entry's ``provenance`` says where it came from."""
    from dateline.actors.kb import KBEntry

    entry = _former(kb.lookup(name, day), day)
    if lexicon is None or (entry is None and kb.removed_by_user(name)):
        return entry
    if entry is not None and (day is None or day > lexicon.built or entry.holds_on(day)):
        return entry
    found = lexicon.person(name, day)
    if found is None and title_sector is not None:
        words = name.split()
        given = words[0] if len(words) > 1 else None
        found = lexicon.by_surname(words[-1], day, title_sector, given, country_only=group)
    if found is None or (found[1].country is None and found[1].org is None):
        return entry
    actor, role = found
    sector = role.sector or "GOV"
    return KBEntry(
        name=actor.name,
        code=role.org or f"{role.country} {sector}",
        country=role.country,
        org=role.org,
        sector=sector,
        office=None,
        since=role.since.isoformat() if role.since else None,
        until=role.until.isoformat() if role.until else None,
        source="data",
        provenance=actor.src,
    )


def holder_on(kb: KnowledgeBase, country: str, office: str, day: dt.date | None) -> KBEntry | None:
    """The knowledge base's holder of ``office`` ("Prime Minister") for ``country`` on
    ``day``: user entries first, then learned, then data; None when nobody (or several
    people of equal standing) held it that day, or ``day`` is unknown."""
    if day is None or not office:
        return None
    wanted = office.lower()
    found = [
        e for e in kb.entries
        if not e.removed and e.country == country and (e.office or "").lower() == wanted
        and e.since and e.holds_on(day)
    ]  # fmt: skip
    if not found:
        return None
    rank = {"user": 0, "learned": 1, "data": 2}
    found.sort(key=lambda e: (rank.get(e.source, 3), e.since or ""), reverse=False)
    best = [e for e in found if rank.get(e.source, 3) == rank.get(found[0].source, 3)]
    # Of several of equal standing, the latest to take office (a learned entry's "since"
    # is the article that taught it, so the newest article wins).
    return max(best, key=lambda e: e.since or "")


def role_code(role: Role) -> str:
    """The actor code of a dictionary role ("AFG GOV", "UN", "REB")."""
    if role.org:
        return role.org
    if role.country:
        return f"{role.country} {role.sector}" if role.sector else role.country
    return role.sector or "?"


def dictionary_rows(lexicon: Lexicon, name: str | None = None) -> list[dict[str, Any]]:
    """Rows of the dictionaries for ``dateline actors``: one per role of each entry (of
    ``name`` only, when given), with its code, dates, kind and provenance (file:line)."""
    if name is not None:
        ids = sorted(set(lexicon.people.get(squash(name), ())))
        key = " ".join(name.lower().replace("-", " - ").split())
        ids += [i for k, i in lexicon.phrases.get(key, []) if k == "actor" and i not in ids]
    else:
        ids = list(range(len(lexicon.raw_actors)))
    rows = []
    for i in ids:
        actor = lexicon.actor(i)
        for role in actor.roles:
            # The actor scheme: a group or organisation is coded by its short name.
            code = role_code(role)
            if actor.kind in ("group", "org"):
                code = actor.org or actor.name
            rows.append({
                "name": actor.name, "code": code, "kind": actor.kind,
                "country": role.country, "sector": role.sector,
                "since": _text(role.since), "until": _text(role.until),
                "default": role.default, "source": "dictionary", "provenance": actor.src,
            })  # fmt: skip
    return rows
