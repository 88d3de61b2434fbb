"""Round 36 (issue 15, helper geo36): Who's On First villages left out only because a large place abroad has their
name (`scripts/build_wof_blocked_villages.py`, `data/wof_blocked_villages.tsv.gz`). They load under WOF's source
label, so a report's name is one of them only in the report's own countries or after a locative word: a town of
Mozambique called Palma does not take Palma de Mallorca's place in a report about Spain."""

from __future__ import annotations

import gzip
import sqlite3

from warlog.extract.places import find_toponyms, resolve_toponyms
from warlog.gazetteer import get_gazetteer, haversine_km, layers
from warlog.gazetteer.names import exact_key
from warlog.model import Place

PALMA_MZ = (-10.78, 40.48)  # the town of Cabo Delgado
PALMA_ES = (39.57, 2.65)  # the capital of the Balearic Islands


def _resolved(text: str, surface: str) -> Place:
    tops = find_toponyms(text)
    pairs = list(zip(tops, resolve_toponyms(tops, text), strict=True))
    places = [p for t, p in pairs if t.surface == surface]
    assert places and places[0] is not None, [(t.surface, p) for t, p in pairs]
    return places[0]


def test_the_table_holds_villages_named_as_a_large_place_abroad() -> None:
    rows = list(layers.wof_rows(layers.WOF_BLOCKED_FILE))
    assert len(rows) > 1000
    assert {r["source"] for r in rows} == {layers.WOF_SOURCE}
    palma = [r for r in rows if r["name"] == "Palma" and r["iso"] == "MZ"]
    assert palma and haversine_km(palma[0]["lat"], palma[0]["lon"], *PALMA_MZ) < 5
    # Mali's Nampala is one letter from Nampula, a province of Mozambique: a first-level unit's name still blocks
    assert not any(r["name"] == "Nampala" for r in rows)


def test_the_table_has_the_shipped_tables_columns() -> None:
    with gzip.open(layers.WOF_BLOCKED_FILE, "rt", encoding="utf-8") as fh:
        assert tuple(fh.readline().rstrip("\n").split("\t")) == layers.WOF_COLUMNS


def test_the_default_gazetteer_loads_the_table_as_wof_villages() -> None:
    gaz = get_gazetteer()
    found = [e for e, _ in gaz.lookup_scored("Palma") if e.iso == "MZ"]
    assert found and found[0].source == layers.WOF_SOURCE
    assert haversine_km(found[0].lat, found[0].lon, *PALMA_MZ) < 5
    assert "-wofb" in gaz.conn.execute("SELECT v FROM meta WHERE k = 'version'").fetchone()[0]


def test_no_country_or_first_level_unit_name_is_in_the_table() -> None:
    gaz = get_gazetteer()
    spelt = {e.replace(" ", "") for (e,) in gaz.conn.execute(
        "SELECT DISTINCT n.exact FROM names n JOIN places p ON p.pk = n.place "
        "WHERE p.feature IN ('country', 'continent', 'admin1') AND n.key NOT LIKE '%:%'")}  # fmt: skip
    rows = list(layers.wof_rows(layers.WOF_BLOCKED_FILE))
    clash = [n for r in rows for n in (r["name"], *r["alt_names"]) if exact_key(n).replace(" ", "") in spelt]
    assert clash == []


def test_a_mozambican_report_places_palma_in_cabo_delgado() -> None:
    text = (
        "Insurgents attacked the town of Palma in northern Mozambique on Wednesday. Residents fled south toward "
        "Mueda as fighting went on near the gas project on the Afungi peninsula."
    )
    p = _resolved(text, "Palma")
    assert p.iso == "MZ"
    assert haversine_km(p.latitude, p.longitude, *PALMA_MZ) < 10


def test_a_spanish_report_in_palma_stays_on_mallorca() -> None:
    text = (
        "Police in Spain said on Monday that two men were detained in Palma after a fight outside a bar. "
        "The regional government of the Balearic Islands asked for calm."
    )
    p = _resolved(text, "Palma")
    assert p.iso == "ES"
    assert haversine_km(p.latitude, p.longitude, *PALMA_ES) < 25


def test_a_report_naming_no_country_does_not_take_a_village_for_palma() -> None:
    text = "Thousands of tourists arrived in Palma for the summer season, the airport operator said."
    p = _resolved(text, "Palma")
    assert p.iso != "MZ"


def test_relaxed_block_keeps_countries_and_first_level_units_blocked_abroad() -> None:
    conn = sqlite3.connect(":memory:")
    from warlog.gazetteer.index import create_schema, insert_places

    create_schema(conn)
    insert_places(conn, [
        {"id": "c1", "name": "Kenya", "feature": "country", "iso": "KE", "country": "Kenya", "lat": 0.5, "lon": 38.0,
         "population": 50_000_000, "alt_names": []},
        {"id": "a1", "name": "Kassala", "feature": "admin1", "iso": "SD", "country": "Sudan", "lat": 15.5,
         "lon": 36.4, "population": 0, "alt_names": []},
        {"id": "p1", "name": "Palma", "feature": "city", "iso": "ES", "country": "Spain", "lat": 39.57,
         "lon": 2.65, "population": 400_000, "alt_names": ["Palma de Mallorca"]},
        {"id": "p2", "name": "Baghdad", "feature": "city", "iso": "IQ", "country": "Iraq", "lat": 33.34,
         "lon": 44.4, "population": 5_000_000, "alt_names": []},
    ])  # fmt: skip
    full, relaxed = layers.wof_blocked_keys(conn), layers.wof_blocked_keys(conn, large_abroad=False)
    # a large place's name, or one letter from it, is free abroad only under the relaxed rule
    for name in ("Palma", "Bagdad"):
        assert not layers.wof_name_ok(name, full, set(), "MZ")
        assert layers.wof_name_ok(name, relaxed, set(), "MZ")
    # ... and stays blocked in the large place's own country
    assert not layers.wof_name_ok("Palma", relaxed, set(), "ES")
    assert not layers.wof_name_ok("Bagdad", relaxed, set(), "IQ")
    # a country's or a first-level unit's name, or one letter from it, stays blocked everywhere
    assert not layers.wof_name_ok("Kenya", relaxed, set(), "TZ")
    assert not layers.wof_name_ok("Kassala", relaxed, set(), "ER")
    assert not layers.wof_name_ok("Kasala", relaxed, set(), "ER")
