"""The gazetteer: names, coordinates and the choice between places sharing a name."""

from __future__ import annotations

import pytest

from dateline.places import Gazetteer


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def test_paris_is_the_french_capital(gaz: Gazetteer) -> None:
    paris = gaz.resolve("Paris")
    assert paris is not None and paris.country == "FRA"
    assert abs((paris.lat or 0) - 48.857) < 0.05 and abs((paris.lon or 0) - 2.352) < 0.05
    assert paris.geonameid == 2988507


def test_dateline_country_decides_between_namesakes(gaz: Gazetteer) -> None:
    assert {e.country for e in gaz.candidates("London")} >= {"GBR", "CAN"}
    assert gaz.resolve("London").country == "GBR"  # type: ignore[union-attr]
    assert gaz.resolve("London", dateline_country="CAN").country == "CAN"  # type: ignore[union-attr]
    assert gaz.resolve("Valencia", dateline_country="ESP").country == "ESP"  # type: ignore[union-attr]


def test_document_countries_do_not_beat_a_much_bigger_city(gaz: Gazetteer) -> None:
    # A document that mentions the United States still means the Swiss Geneva.
    assert gaz.resolve("Geneva", doc_countries={"USA", "UKR"}).country == "CHE"  # type: ignore[union-attr]


def test_alternate_names_and_unknown_names(gaz: Gazetteer) -> None:
    kyiv = gaz.resolve("Kiev")
    assert kyiv is not None and kyiv.country == "UKR" and kyiv.name == "Kyiv"
    assert gaz.resolve("Nowhereville Upon Nothing") is None


def test_place_carries_span_and_rule(gaz: Gazetteer) -> None:
    place = gaz.place("Warsaw", 10, 16, 2, None, ())
    assert place is not None
    assert (place.start, place.end, place.sentence, place.rule) == (10, 16, 2, "places.gazetteer")
    assert place.country == "POL" and place.kind == "city"
