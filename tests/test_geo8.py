"""Round 8 geocoding (issue 15, helper geo8): toponym resolution places a province at its area point while event
coding keeps ACLED's provincial capital; candidate generation and ranker features added this round."""

from __future__ import annotations

from warlog.eval.geoparse import resolve_spans
from warlog.extract.places import place_from_entry
from warlog.gazetteer import haversine_km
from warlog.gazetteer.index import get_gazetteer


def test_a_province_toponym_resolves_to_the_area_and_an_event_to_the_capital() -> None:
    gaz = get_gazetteer()
    texas = next(e for e in gaz.lookup("Texas") if e.feature == "admin1" and e.iso == "US")
    event = place_from_entry(texas, gazetteer=gaz)
    area = place_from_entry(texas, gazetteer=gaz, area_point=True)
    assert (area.latitude, area.longitude) == (texas.lat, texas.lon)
    assert event.geo_precision == area.geo_precision == 3
    assert haversine_km(event.latitude, event.longitude, texas.lat, texas.lon) > 161  # the largest town


def test_geoparse_spans_score_a_state_at_its_area() -> None:
    text = "Storms hit Texas on Monday."
    (place,) = resolve_spans(text, [(11, 16)])
    assert place is not None and haversine_km(place.latitude, place.longitude, 31.25, -99.25) < 161
