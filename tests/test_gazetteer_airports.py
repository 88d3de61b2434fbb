"""Airports and the places landing strips serve (gazetteer/airports.py): rows built from a small table written
here, and the default index answering for towns GeoNames' cities500 lacks."""

from __future__ import annotations

import pytest

from warlog.extract.places import find_toponyms, resolve_toponyms
from warlog.gazetteer import get_gazetteer, haversine_km, name_key
from warlog.gazetteer.airports import NearestPlace, airport_rows, base_name

TABLE = [
    {"icao": "XXAA", "name": "Hilltown Air Base", "city": "", "country": "ZZ", "lat": "10.0", "lon": "20.0"},
    {"icao": "XXAB", "name": "Riverside Airport", "city": "Riverside", "country": "ZZ", "lat": "11.0", "lon": "21.0"},
    {"icao": "XXAC", "name": "Margaret Smith Airport", "city": "", "country": "ZZ", "lat": "12.0", "lon": "22.0"},
    {"icao": "XXAD", "name": "Old Mine Strip", "city": "Lower Creek Ranch", "country": "ZZ", "lat": "1", "lon": "2"},
    {"icao": "XXAE", "name": "Ferry Airfield", "city": "Ferry Kingsport", "country": "ZZ", "lat": "3", "lon": "4"},
    {
        "icao": "XXAF",
        "name": "Hilltown South Airport",
        "city": "Hilltown",
        "country": "ZZ",
        "lat": "10.02",
        "lon": "20",
    },
]


def _rows(known_keys: set[str]) -> list[dict]:
    nearest = NearestPlace([("ZZ", 10.1, 20.1, "North", "Hill District", "Zedland")])
    return list(airport_rows(lambda iso, k: k in known_keys, nearest, {"ZZ": "Zedland"}, table=TABLE))


@pytest.mark.parametrize(
    ("name", "base"),
    [("Shayrat Air Base", "Shayrat"), ("Maiduguri International Airport", "Maiduguri"), ("Kidal", "Kidal"),
     ("Tabqa Military Airfield", "Tabqa"), ("Bunia Airport", "Bunia")],
)  # fmt: skip
def test_an_airport_name_without_its_kind_words(name: str, base: str) -> None:
    assert base_name(name) == base


def test_airports_are_sites_named_as_reports_write_them() -> None:
    rows = {r["id"]: r for r in _rows(set())}
    base = rows["icao-XXAA"]
    assert base["feature"] == "airport" and base["country"] == "Zedland"
    assert {"Hilltown airbase", "Hilltown airport", "Hilltown airfield"} <= set(base["alt_names"])
    assert base["admin1"] == "North" and base["admin2"] == "Hill District"  # the nearest place's units


def test_an_airport_named_by_articles_alone_is_left_out() -> None:
    """ "Al Al Airport" (a Golan village's strip) would answer to a report's bare "airbase" once articles come off."""
    table = [{"icao": "XXZZ", "name": "Al Al Airport", "city": "", "country": "SY", "lat": "32.8", "lon": "35.7"}]
    rows = list(airport_rows(lambda iso, k: False, lambda iso, lat, lon: None, {}, table=table))
    assert rows == []


def test_a_served_place_the_gazetteer_lacks_is_a_village_at_the_strip() -> None:
    rows = _rows({name_key("Kingsport")})
    served = {r["name"]: r for r in rows if r["feature"] == "village"}
    assert served["Riverside"]["lat"] == 11.0 and served["Hilltown"]["lat"] == 10.0  # first strip, one row
    assert "Margaret Smith" not in served  # a person's name with no served place given: the strip is not a town
    assert "Lower Creek Ranch" not in served  # a ranch is not a town
    assert "Ferry Kingsport" not in served  # a known place run together with another word
    known = {r["name"] for r in _rows({name_key("Riverside")}) if r["feature"] == "village"}
    assert "Riverside" not in known  # the gazetteer already answers for it: no second row


def test_the_default_index_has_airports_and_towns_only_strips_name() -> None:
    gaz = get_gazetteer()
    shayrat = [e for e, q in gaz.lookup_scored("Shayrat airbase") if q >= 1.0]
    assert shayrat and shayrat[0].feature == "airport" and shayrat[0].iso == "SY"
    barsalogho = [e for e in gaz.lookup("Barsalogho") if e.iso == "BF"]
    assert barsalogho and haversine_km(barsalogho[0].lat, barsalogho[0].lon, 13.42, -1.06) < 5


def test_a_burkinabe_town_missing_from_cities500_resolves_in_a_report() -> None:
    """A report of our own about an attack in a town of Burkina Faso's Centre-Nord region."""
    text = (
        "Gunmen attacked residents digging trenches on the edge of Barsalogho, in Burkina Faso's Centre-Nord "
        "region, on Saturday, killing dozens, local officials said."
    )
    tops = find_toponyms(text)
    places = {t.surface: p for t, p in zip(tops, resolve_toponyms(tops, text), strict=True)}
    p = places.get("Barsalogho")
    assert p is not None and p.iso == "BF" and p.geo_precision in (1, 2), places
