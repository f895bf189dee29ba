"""Convert the Phoenix/PETRARCH actor dictionaries into dateline's data files.

    python scripts/convert_phoenix.py [--src DIR] [--out DIR]

(``--src`` defaults to ../shared/lexicons/petrarch2, ``--out`` to src/dateline/data/phoenix.)

Reads ``Phoenix.Countries.actors.txt``, ``Phoenix.International.actors.txt``,
``Phoenix.MilNonState.actors.txt``, ``Phoenix.agents.txt`` and ``Phoenix.discards.txt``
(formats in ``dictionaries.rst`` beside them) and writes, under ``--out``:

- ``actors.jsonl``: one actor per line (country, person, body, group or organisation), its
  names as lower-case spaCy tokens, its roles in dateline's scheme (ISO3 country, sector,
  organisation, ISO dates) and ``src`` = dictionary file and line;
- ``agents.jsonl``: agent nouns ("farmer", "riot police") with their sector;
- ``discards.jsonl``: phrases of sentences not to be coded (sport, entertainment);
- ``LICENSE``: the dictionaries' MIT notice, which must travel with them.

Codes are normalised: two-digit years become ISO dates (00-30 → 2000s, else 1900s: the
dictionaries were built in January 2014), CAMEO and former-state codes become ISO 3166
alpha-3 through ``code_aliases.toml``, CAMEO roles become dateline sectors, and IGO/NGO/MNC
entries become organisations (the dateline code when ``organisations.toml`` knows the name).
Entries that cannot be normalised (regional codes, malformed dates) and names that two
entries give to different actors ("disputed") are dropped; every count is printed.
Re-running on the same input gives byte-identical output.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import difflib
import json
import re
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "src" / "dateline" / "data"
FILES = {
    "countries": "Phoenix.Countries.actors.txt",
    "international": "Phoenix.International.actors.txt",
    "milnonstate": "Phoenix.MilNonState.actors.txt",
    "agents": "Phoenix.agents.txt",
    "discards": "Phoenix.discards.txt",
}
# The dictionaries were compiled in January 2014 (header of the Countries file).
BUILT = "2014-01-30"
PIVOT = 30

# CAMEO roles → dateline sectors (see docs in src/dateline/actors/lexicon.py).
SECTOR_MAP = {
    **{s: s for s in ("GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "LEG", "MED",
                      "EDU", "BUS", "CVL", "LAB", "HLH", "ELI", "REF", "CRM", "UAF", "AGR")},
    "INS": "REB", "SEP": "REB", "IMG": "REB", "NGM": "NGO", "NGO": "NGO", "IGO": "IGO",
    "HRI": "NGO", "ENV": "NGO", "DEV": "NGO", "PPL": "CVL", "SOC": "CVL", "MNC": "MNC",
    "REL": "REL",
}  # fmt: skip
RELIGIONS = frozenset(
    {"CHR", "CTH", "ORT", "PRO", "MOS", "MUS", "SUN", "SHI", "JEW", "BUD", "HIN", "JAN", "SIK",
     "ZRO", "BAH", "CON", "DRZ", "ALE", "ITH", "MAR", "ANG", "LDS", "ATH", "CPT"}
)  # fmt: skip
INTERNATIONAL = frozenset({"IGO", "NGO", "MNC", "IMG", "NGM"})
SMALL = frozenset({"of", "the", "and", "for", "in", "on", "de", "du", "la", "al", "el", "to"})
STOP_NAMES = frozenset({"a", "an", "the", "of", "and", "in", "on", "to", "it", "is", "he", "she"})
MISSPELLING = 0.85  # similarity to the country's name above which a synonym is a spelling
ADJ_ENDINGS = ("AN", "ESE", "ISH", "I", "IC", "CH", "OT", "ER", "EAN", "IAN")


@dataclass
class Record:
    file: str
    line: int
    names: list[str]
    default: str | None = None
    restrictions: list[tuple[str, str]] = field(default_factory=list)  # (code, dates)
    comment: str = ""


@dataclass
class Counts:
    data: collections.Counter[str] = field(default_factory=collections.Counter)

    def add(self, reason: str, n: int = 1) -> None:
        self.data[reason] += n


def _strip_comment(text: str) -> tuple[str, str]:
    for mark in ("#", ";"):
        if mark in text:
            head, _, tail = text.partition(mark)
            return head, tail.strip()
    return text, ""


def read_records(path: Path) -> list[Record]:
    """The records of an actor dictionary: primary phrase, '+' synonyms, tab restrictions."""
    records: list[Record] = []
    current: Record | None = None
    for n, raw in enumerate(path.read_text(encoding="latin-1").splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        text, comment = _strip_comment(raw)
        if not text.strip():
            continue
        codes = re.findall(r"\[([^\]]*)\]", text)
        phrase = re.sub(r"\[[^\]]*\]", "", text).strip()
        if raw[0] in "\t " and text.strip().startswith("["):
            if current is not None:
                for code in codes:
                    parts = code.split(None, 1)
                    if parts:
                        current.restrictions.append((parts[0], parts[1] if len(parts) > 1 else ""))
            continue
        if phrase.startswith("+"):
            if current is not None:
                current.names.extend(p for p in phrase.split("+") if p.strip())
                if codes and not current.default:
                    current.default = codes[0].split()[0]
            continue
        current = Record(
            path.name, n, [phrase], codes[0].split()[0] if codes else None, [], comment
        )
        records.append(current)
    return records


def parse_date(text: str) -> str | None:
    """ "750101" → "1975-01-01", "20070101" → "2007-01-01"; None when malformed."""
    try:
        if len(text) == 8:
            return dt.date(int(text[:4]), int(text[4:6]), int(text[6:])).isoformat()
        if len(text) == 6:
            yy = int(text[:2])
            year = 2000 + yy if yy <= PIVOT else 1900 + yy
            return dt.date(year, int(text[2:4]), int(text[4:])).isoformat()
    except ValueError:
        return None
    return None


def parse_span(dates: str) -> tuple[str | None, str | None] | None:
    """ "<date", ">date", "a-b" or "" → (since, until); None when malformed."""
    dates = dates.strip()
    if not dates:
        return None, None
    if dates[0] in "<>":
        day = parse_date(dates[1:].strip())
        if day is None:
            return None
        return (None, day) if dates[0] == "<" else (day, None)
    a, sep, b = dates.partition("-")
    if not sep:
        return None
    since, until = parse_date(a.strip()), parse_date(b.strip())
    if since is None or until is None or until < since:
        return None
    return since, until


class Normaliser:
    """CAMEO codes → dateline roles (country, sector, organisation)."""

    def __init__(self, iso: set[str], aliases: dict[str, str]) -> None:
        self.iso = iso
        self.aliases = aliases

    def country(self, chunk: str) -> str | None:
        code = self.aliases.get(chunk, chunk)
        return code if code in self.iso else None

    def sector(self, chunks: list[str]) -> str | None:
        for c in chunks:
            if c in SECTOR_MAP:
                return SECTOR_MAP[c]
        if any(c in RELIGIONS for c in chunks):
            return "REL"
        return None

    def role(self, code: str) -> dict[str, str | None] | str:
        """A role, or the reason it cannot be normalised."""
        code = code.strip().upper()
        if not code or code.startswith("---"):
            return "null code"
        chunks = [code[i : i + 3] for i in range(0, len(code), 3)]
        head, rest = chunks[0], chunks[1:]
        if head in INTERNATIONAL:
            sector = SECTOR_MAP[head] if head != "NGM" else "NGO"
            # The next three letters may be a home country, or a region or religion
            # ("IMGMUS...": Muslim, not Mauritius).
            home = rest[0] if rest and rest[0] not in RELIGIONS | set(SECTOR_MAP) else None
            country = self.country(home) if home else None
            return {"country": country, "sector": sector, "intl": head, "cameo": code}
        country = self.country(head)
        if country is None:
            return "regional or unknown country code"
        return {"country": country, "sector": self.sector(rest), "intl": None, "cameo": code}


def clean_name(name: str) -> str:
    name = re.sub(r"\([^)]*\)", " ", name.replace("_", " "))
    return " ".join(name.split()).strip(" .,-")


def display(name: str) -> str:
    words = clean_name(name).split()
    if words and words[0].upper() == "THE" and len(words) > 1:
        words = words[1:]
    if len(words) == 1 and len(words[0]) <= 5:
        return words[0]
    out = []
    for i, w in enumerate(words):
        low = w.lower()
        out.append(low if i and low in SMALL else "-".join(p.capitalize() for p in low.split("-")))
    return " ".join(out)


class Tokens:
    """Names as dateline matches them: spaCy's English tokenizer, lower case."""

    def __init__(self) -> None:
        import spacy

        self.nlp = spacy.blank("en")

    def __call__(self, name: str) -> str | None:
        text = clean_name(name)
        toks = [t.lower_ for t in self.nlp.make_doc(text)]
        if toks and toks[0] == "the" and len(toks) > 1:
            toks = toks[1:]
        if not toks or all(t in STOP_NAMES or not any(ch.isalpha() for ch in t) for t in toks):
            return None
        if len(toks) == 1 and len(toks[0]) < 3:
            return None
        return " ".join(toks)


def _kind(rec: Record, roles: list[dict[str, object]], source: str) -> str:
    if source == "countries" and all(r["sector"] is None and not r["intl"] for r in roles):
        return "country"  # a country, whose code may change over time (YUG → SRB)
    if any(r["intl"] == "IMG" for r in roles):
        return "group"  # an international militarised group (al-Qaeda)
    if any(r["intl"] for r in roles) and not any(r["since"] or r["until"] for r in roles):
        return "org"
    if any(r["since"] or r["until"] for r in roles) or "CountryInfo" in rec.comment:
        return "person"
    if source == "milnonstate":
        return "group"
    if all(r["sector"] is None for r in roles):
        return "country"
    return "body"


def _country_forms(
    rec: Record, country: str, iso_names: dict[str, set[str]]
) -> dict[str, list[str]]:
    """Sort a country record's synonyms into names, adjectives and demonyms; the rest
    (provinces, towns, misspellings) are left to the gazetteer."""
    known = {n.upper() for n in iso_names.get(country, set())}
    primary = clean_name(rec.names[0]).upper()
    forms: dict[str, list[str]] = {"names": [], "adjectives": [], "demonyms": []}
    words = [clean_name(n).upper() for n in rec.names]
    adjectives: list[str] = []
    for w in words:
        if w == primary or w in known:
            continue
        stem_ok = any(w[:4] == k[:4] for k in known | {primary})
        if (
            stem_ok
            and w.endswith(ADJ_ENDINGS)
            and not w.endswith(("S", "STAN", "LAND", "REPUBLIC"))
        ):
            adjectives.append(w)
    # A territory filed under its sovereign ("Falkland Islands" under GBR) gives no names.
    sovereign = primary in known
    for w in words:
        close = difflib.SequenceMatcher(None, w, primary).ratio() >= MISSPELLING
        spelling = sovereign and close and w not in adjectives and " " not in w
        if sovereign and (w in known or w == primary or spelling):
            # The country's names, and its common misspellings ("Afganistan").
            if w.title() not in forms["names"]:
                forms["names"].append(w.title())
        elif w in adjectives and w.title() not in forms["adjectives"]:
            forms["adjectives"].append(w.title())
            if w.endswith(("AN", "I")) and f"{w}S".title() not in forms["demonyms"]:
                forms["demonyms"].append(f"{w}S".title())
        elif w.endswith("S") and w[:-1] in adjectives and w.title() not in forms["demonyms"]:
            forms["demonyms"].append(w.title())
    return forms


def convert_actors(
    src: Path,
    norm: Normaliser,
    orgs: dict[str, str],
    tok: Tokens,
    iso_names: dict[str, set[str]],
    counts: Counts,
    title_words: set[str],
) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for source in ("countries", "international", "milnonstate"):
        for rec in read_records(src / FILES[source]):
            roles: list[dict[str, object]] = []
            pairs = [(rec.default, "")] if rec.default else []
            pairs += rec.restrictions
            for code, dates in pairs:
                if not code:
                    continue
                span = parse_span(dates)
                if span is None:
                    counts.add("role dropped: malformed date range")
                    continue
                role = norm.role(code)
                if isinstance(role, str):
                    counts.add(f"role dropped: {role}")
                    continue
                role.update(since=span[0], until=span[1], default=not dates.strip())
                roles.append(role)
            if not roles:
                counts.add("entry dropped: no usable code")
                continue
            names: list[str] = []
            raw_names = list(rec.names)
            if source == "milnonstate":
                # "(MILF)": a group's acronym in brackets is a name too (3+ capitals).
                raw_names += [a for n in rec.names for a in re.findall(r"\(([A-Z]{3,})\)", n)]
            for n in raw_names:
                t = tok(n)
                if t is None:
                    counts.add("name dropped: too short or only small words")
                elif t not in names:
                    names.append(t)
            if not names:
                counts.add("entry dropped: no usable name")
                continue
            kind = _kind(rec, roles, source)
            # A person's shortest name is the one to show ("Ban Ki-moon", not the title).
            # A person is shown by a name, not a title ("President Bush" is a synonym):
            # the shortest name of two words or more with no agent noun or body in it.
            plain = [
                x for x in rec.names
                if len(words := clean_name(x).lower().replace("-", " ").split()) >= 2
                and not any(w in title_words for w in words)
            ] or rec.names  # fmt: skip
            plain.sort(key=lambda x: len(clean_name(x).split()))
            shown = plain[0] if kind == "person" else rec.names[0]
            if kind == "group":
                # A group's short name is its acronym when it has one ("FARC", "MILF").
                acronyms = [
                    clean_name(x) for x in raw_names
                    if re.fullmatch(r"[A-Z]{3,6}", clean_name(x))
                ]  # fmt: skip
                shown = acronyms[0] if acronyms else shown
            entry: dict[str, object] = {
                "kind": kind,
                "name": display(shown),
                "names": names,
                "src": f"{rec.file}:{rec.line}",
            }
            if kind == "org":
                org_code = next((orgs[n] for n in names if n in orgs), None)
                entry["org"] = org_code or entry["name"]
            if kind == "country":
                country = str(roles[0]["country"])
                forms = _country_forms(rec, country, iso_names)
                entry.update(
                    adjectives=forms["adjectives"],
                    demonyms=forms["demonyms"],
                    spellings=forms["names"],
                )
                entry["name"] = clean_name(rec.names[0]).title()
            entry["roles"] = roles
            out.append(entry)
    # CAMEO codes of international bodies that organisations.toml knows ("IGOUNO" → UN):
    # a person's role in such a body is coded with the body.
    cameo_orgs: dict[str, str] = {}
    for e in out:
        roles = e["roles"]
        assert isinstance(roles, list)
        if e["kind"] == "org" and e["org"] in set(orgs.values()):
            cameo_orgs.setdefault(str(roles[0]["cameo"]), str(e["org"]))
    for e in out:
        roles = e["roles"]
        assert isinstance(roles, list)
        for r in roles:
            if e["kind"] == "person" and r["intl"] and r["cameo"] in cameo_orgs:
                r["org"] = cameo_orgs[str(r["cameo"])]
        e["roles"] = [
            {k: r[k] for k in ("country", "sector", "org", "since", "until", "default") if r.get(k)}
            for r in roles
        ]
    return _drop_disputed(out, counts)


def _owners(entry: dict[str, object]) -> set[str]:
    """Who an entry names: its organisation, else its countries (a role without a country,
    such as a regional code, names nobody in particular and conflicts with nobody)."""
    roles = entry["roles"]
    assert isinstance(roles, list)
    if entry.get("org"):
        return {f"org:{entry['org']}"}
    return {str(r["country"]) for r in roles if r.get("country")}


def _drop_disputed(entries: list[dict[str, object]], counts: Counts) -> list[dict[str, object]]:
    """A name that two entries give to different actors (two countries, two organisations)
    is disputed: it is dropped from both, and entries left without a name are dropped."""
    owners: dict[str, list[set[str]]] = collections.defaultdict(list)
    for e in entries:
        if e["kind"] == "country":
            continue
        names = e["names"]
        assert isinstance(names, list)
        for n in set(names):
            if _owners(e):
                owners[n].append(_owners(e))
    # Disputed: two entries whose actors share no country or organisation.
    disputed = {
        n for n, sets in owners.items()
        if any(not (a & b) for i, a in enumerate(sets) for b in sets[i + 1 :])
    }  # fmt: skip
    counts.add("name dropped: disputed (two entries, different actors)", len(disputed))
    # Of two entries for one actor, the one with a country keeps the shared name.
    owned = {n for e in entries if e["kind"] != "country" and _owners(e) for n in e["names"]}  # type: ignore[attr-defined]
    kept = []
    for e in entries:
        names = e["names"]
        assert isinstance(names, list)
        if e["kind"] != "country":
            mine = bool(_owners(e))
            e["names"] = [n for n in names if n not in disputed and (mine or n not in owned)]
        if not e["names"]:
            counts.add("entry dropped: every name disputed or given to a fuller entry")
            continue
        kept.append(e)
    return kept


def _plurals(root: str) -> list[str]:
    if root.endswith("Y") and root[-2:-1] not in "AEIOU":
        return [root[:-1] + "IES"]
    if root.endswith(("SS", "CH", "SH", "X")):
        return [root + "ES"]
    if root.endswith("MAN"):
        return [root[:-3] + "MEN"]
    if root.endswith("S"):
        return []
    return [root + "S"]


def convert_agents(
    src: Path, norm: Normaliser, tok: Tokens, counts: Counts
) -> list[dict[str, object]]:
    path = src / FILES["agents"]
    overrides = tomllib.loads((DATA / "phoenix_overrides.toml").read_text(encoding="utf-8"))
    excluded = set(overrides.get("agents", {}).get("exclude", []))
    subst: dict[str, list[str]] = {}
    out: dict[str, dict[str, object]] = {}
    for n, raw in enumerate(path.read_text(encoding="latin-1").splitlines(), 1):
        text, _ = _strip_comment(raw)
        text = text.strip()
        if not text or text.startswith("<"):
            continue
        m = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", text)
        if m:
            subst[m.group(1)] = [w.strip() for w in m.group(2).split(",")]
            continue
        m = re.match(r"^([^\[{]+?)\s*(\{[^}]*\})?\s*\[([^\]]*)\]", text)
        if not m:
            counts.add("agent dropped: unreadable line")
            continue
        root, plural, code = m.group(1).strip(), m.group(2), m.group(3).strip()
        chunks = code.replace("~", " ").split()
        sector = None
        if chunks:
            parts = [chunks[0][i : i + 3] for i in range(0, len(chunks[0]), 3)]
            sector = norm.sector(parts)
        if sector is None:
            counts.add("agent dropped: code without a sector")
            continue
        forms: list[str] = []
        marker = re.search(r"![A-Z]+!", root)
        if marker:
            forms = [root.replace(marker.group(0), w) for w in subst.get(marker.group(0), [])]
        else:
            forms = [root]
            if plural is None:
                forms += _plurals(root.rstrip("_"))
            else:
                forms += [p for p in plural.strip("{}").split() if p]
        names = []
        for f in forms:
            t = tok(f)
            if t is not None and t not in names:
                names.append(t)
        if not names:
            counts.add("agent dropped: no usable name")
            continue
        key = names[0]
        if key in excluded:
            counts.add("agent dropped: a place or thing (phoenix_overrides.toml)")
            continue
        if key in out:
            counts.add("agent dropped: listed twice")
            continue
        out[key] = {"name": key, "names": names, "sector": sector, "src": f"{path.name}:{n}"}
    return list(out.values())


def convert_discards(src: Path, tok: Tokens, counts: Counts) -> list[dict[str, object]]:
    path = src / FILES["discards"]
    out = []
    seen: set[str] = set()
    for n, raw in enumerate(path.read_text(encoding="latin-1").splitlines(), 1):
        text, _ = _strip_comment(raw)
        text = text.strip()
        if not text or text.startswith("<"):
            continue
        story = text.startswith("+")
        text = text.lstrip("+").strip()
        if re.fullmatch(r"[\d\s]+", text):
            # A year alone ("1914") would discard every sentence about history.
            counts.add("discard dropped: a number alone")
            continue
        t = tok(text)
        if t is None or t in seen:
            counts.add("discard dropped: too short or listed twice")
            continue
        seen.add(t)
        out.append({"phrase": t, "story": story, "src": f"{path.name}:{n}"})
    return out


def _write_jsonl(path: Path, rows: list[dict[str, object]]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")


def _dateline_orgs(tok: Tokens) -> dict[str, str]:
    data = tomllib.loads((DATA / "organisations.toml").read_text(encoding="utf-8"))
    found: dict[str, str] = {}
    for org in data.get("org", []):
        for n in [*org.get("names", []), *org.get("phrases", [])]:
            t = tok(n)
            if t is not None:
                found.setdefault(t, org["code"])
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--src", type=Path, default=REPO.parent.parent / "shared" / "lexicons" / "petrarch2"
    )
    parser.add_argument("--out", type=Path, default=DATA / "phoenix")
    args = parser.parse_args(argv)
    if not (args.src / FILES["countries"]).is_file():
        args.src = Path("/work/shared/lexicons/petrarch2")
    import pycountry

    aliases_data = tomllib.loads((DATA / "code_aliases.toml").read_text(encoding="utf-8"))
    aliases = {**aliases_data.get("legacy", {}), **aliases_data.get("former", {})}
    iso = {c.alpha_3 for c in pycountry.countries} | {"XKX"}
    iso_names: dict[str, set[str]] = collections.defaultdict(set)
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                iso_names[c.alpha_3].add(value)
    norm = Normaliser(iso, aliases)
    tok = Tokens()
    counts = Counts()
    agents = convert_agents(args.src, norm, tok, counts)
    title_words = {str(a["names"][0]).split()[0] for a in agents}  # type: ignore[index]
    title_words |= {"us", "u.s.", "american", "un", "u.n.", "united", "nations", "former"}
    actors = convert_actors(
        args.src, norm, _dateline_orgs(tok), tok, iso_names, counts, title_words
    )
    discards = convert_discards(args.src, tok, counts)
    args.out.mkdir(parents=True, exist_ok=True)
    meta = {"kind": "meta", "built": BUILT, "source": "Phoenix/PETRARCH dictionaries (MIT)",
            "license": "LICENSE"}  # fmt: skip
    _write_jsonl(args.out / "actors.jsonl", [meta, *actors])
    _write_jsonl(args.out / "agents.jsonl", agents)
    _write_jsonl(args.out / "discards.jsonl", discards)
    notice = (args.src / "LICENSE").read_text(encoding="utf-8")
    (args.out / "LICENSE").write_text(
        "The files in this folder are converted by scripts/convert_phoenix.py from the\n"
        "Phoenix/PETRARCH dictionaries of the Open Event Data Alliance, under this licence:\n\n"
        + notice,
        encoding="utf-8",
    )
    # Validate what was written (as dateline loads it) and compile the matching index.
    from dateline.actors.data import SECTORS
    from dateline.actors.lexicon import INDEX_FILE, compile_index

    data_dir = args.out.parent if args.out.resolve() != (DATA / "phoenix").resolve() else None
    compile_index(DATA / INDEX_FILE if data_dir is None else args.out / "index.pickle",
                  data_dir, iso, SECTORS)  # fmt: skip
    kinds = collections.Counter(str(a["kind"]) for a in actors)
    print(f"actors: {len(actors)} ({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))})")
    print(f"agents: {len(agents)}  discards: {len(discards)}")
    for reason, n in sorted(counts.data.items()):
        print(f"  {reason}: {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
