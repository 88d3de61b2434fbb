"""Round 11 geocoding (issue 15, helper geo11): admin1 units labelled with their seat (GeoNames PPLA/PPLC from
`geotext`), Nigeria's villages from `safesignal-geo`, cities1000 places today's cities500 lost, and the ACLED
place evaluation's country hint per row."""

from __future__ import annotations

import importlib.util
import sqlite3
from pathlib import Path

import pytest

from gaztools import gazetteer_of as _gazetteer_of
from gaztools import row as _row
from warlog.eval.geo_syria import acled_cases
from warlog.extract.places import place_from_entry
from warlog.gazetteer import layers, world
from warlog.gazetteer.index import create_schema, insert_places
from warlog.gazetteer.layers import SAFESIGNAL_SOURCE, new_places, rg_only_rows, safesignal_rows


def _geonames_line(gid: str, name: str, code: str, cc: str, a1: str, pop: int) -> str:
    cols = [gid, name, name, "", "0", "0", "P", code, cc, "", a1, "", "", "", str(pop), "", "", "", "2018-01-01"]
    return "\t".join(cols) + "\n"


def test_admin1_seat_is_the_geonames_seat_not_the_largest_town(tmp_path: Path, monkeypatch) -> None:
    table = tmp_path / "cities15000.txt"
    table.write_text(
        _geonames_line("1", "Dori", "PPLA", "BF", "89", 46_000)
        + _geonames_line("2", "Djibo", "PPL", "BF", "89", 60_000)
        + _geonames_line("3", "Hue", "PPLA", "VN", "66", 287_000)  # a 2018 code: the unit is Hue's code today
        + _geonames_line("4", "Kabul", "PPLC", "AF", "13", 3_000_000)
        + _geonames_line("5", "Paghman", "PPLA", "AF", "13", 50_000),
        encoding="utf-8",
    )
    monkeypatch.setattr(world, "seats_file", lambda: table)
    cities = {
        "1": {"countrycode": "BF", "admin1code": "89", "population": 46_000},
        "2": {"countrycode": "BF", "admin1code": "89", "population": 60_000},
        "3": {"countrycode": "VN", "admin1code": "25", "population": 287_000},
        "4": {"countrycode": "AF", "admin1code": "13", "population": 3_000_000},
        "5": {"countrycode": "AF", "admin1code": "13", "population": 50_000},
    }
    seats = world.admin1_seats(cities)
    assert seats[("BF", "89")] == "1"  # Dori, not the larger Djibo
    assert seats[("VN", "25")] == "3" and ("VN", "66") not in seats
    assert seats[("AF", "13")] == "4"  # the national capital over another seat in its unit
    monkeypatch.setattr(world, "seats_file", lambda: None)
    assert world.admin1_seats(cities) == {}  # geotext not installed: the largest town stays the label


def test_a_province_known_alone_is_coded_at_its_seat_named_after_it() -> None:
    gaz = _gazetteer_of([
        _row("bf", "Burkina Faso", "country", "BF", 12.5, -1.7),
        _row("sahel", "Sahel", "admin1", "BF", 14.0, -0.5, admin1="Sahel", city="Dori"),
        _row("dori", "Dori", "town", "BF", 14.035, -0.035, admin1="Sahel", population=46_000),
        _row("djibo", "Djibo", "town", "BF", 14.10, -1.63, admin1="Sahel", population=60_000),
    ])  # fmt: skip
    sahel = gaz.get("sahel")
    assert sahel is not None
    place = place_from_entry(sahel, surface="Sahel", gazetteer=gaz)
    # ACLED: the provincial capital, named so, at geo_precision 3 (its exports: Al Hazm for Al Jawf, Zinjibar for
    # Abyan, Dori for Burkina Faso's Sahel); the unit stays in admin1
    assert (place.location, place.admin1, place.geo_precision) == ("Dori", "Sahel", 3)
    assert (round(place.latitude, 3), round(place.longitude, 3)) == (14.035, -0.035)


def _safesignal_csv(path: Path) -> Path:
    path.write_text(
        "id,canonical_name,aliases,type,lat,lng,admin_state,admin_lga,popularity,source,license,notes\n"
        "ng-bo-auno-n1,Auno,auno,settlement,11.88,12.95,Borno,Konduga,20,osm:node/1,ODbL,\n"
        "ng-oy-ibadan-n2,Ìbàdàn,ìbàdàn;ibadan,settlement,7.38,3.90,Oyo,Ibadan South West,180,osm:node/2,ODbL,\n"
        "ng-bo-road-w3,Maiduguri Road,maiduguri road,road,11.8,13.1,Borno,Jere,0,osm:way/3,ODbL,\n"
        "ng-xx-dungass-n4,Karéka,karéka,settlement,13.1,9.3,Unknown,Dungass,20,osm:node/4,ODbL,\n"
        "ng-by-friday-n5,Friday,friday,settlement,4.9,6.2,Bayelsa,Sagbama,20,osm:node/5,ODbL,\n",
        encoding="utf-8",
    )
    return path


def test_safesignal_settlements_become_village_rows(tmp_path: Path) -> None:
    rows = list(safesignal_rows(_safesignal_csv(tmp_path / "nigeria_v0.2.csv")))
    assert [r["name"] for r in rows] == ["Auno", "Ibadan"]  # no road, no border land of another country, no "Friday"
    auno, ibadan = rows
    assert (auno["feature"], auno["admin1"], auno["admin2"], auno["iso"]) == ("village", "Borno", "Konduga", "NG")
    assert ibadan["feature"] == "town" and "Ìbàdàn" in ibadan["alt_names"]  # plain letters shown, tone marks kept
    assert all(r["exact_only"] and r["source"] == SAFESIGNAL_SOURCE for r in rows)


def test_the_newest_safesignal_table_is_read(tmp_path: Path, monkeypatch) -> None:
    for name in ("nigeria_v0.1.1.csv", "nigeria_v0.2.csv", "nigeria_v0.10.csv"):
        (tmp_path / name).write_text("", encoding="utf-8")
    monkeypatch.setattr(layers, "package_data_dir", lambda *a: tmp_path)
    found = layers.safesignal_file()
    assert found is not None and found.name == "nigeria_v0.10.csv"


def test_a_layer_row_joins_only_where_no_place_answers_to_its_name_nearby() -> None:
    conn = sqlite3.connect(":memory:")
    create_schema(conn)
    insert_places(conn, [
        _row("ng", "Nigeria", "country", "NG", 10.0, 8.0, country="Nigeria"),
        _row("gn-mai", "Maiduguri", "city", "NG", 11.846, 13.160, population=1_000_000),
    ])  # fmt: skip
    rows = [
        _row("a", "Maiduguri", "village", "NG", 11.85, 13.17),  # the city itself, 1 km away
        _row("b", "Maiduguri", "village", "NG", 10.62, 12.18),  # a village of that name 170 km away
        _row("c", "Auno", "village", "NG", 11.88, 12.95, country=None),
        _row("d", "Auno", "village", "NG", 11.881, 12.951),  # the same village twice in one batch
    ]
    kept = list(new_places(conn, rows))
    assert [r["id"] for r in kept] == ["b", "c"]
    assert kept[1]["country"] == "Nigeria"  # filled in from the country row
    # clear_km: no settlement of any name that close
    assert [r["id"] for r in new_places(conn, [_row("e", "Yerwa", "village", "NG", 11.85, 13.16)], clear_km=3)] == []


def test_cities1000_places_today_s_table_lost_join_but_not_unit_names() -> None:
    rg = {(39.52, 46.98): ("AZ", "Xocavand Rayonu", ""), (31.0, 30.5): ("EG", "Al Buhayrah", ""),
          (40.0, 45.0): ("AM", "Syunik", "")}  # fmt: skip
    names = {(39.52, 46.98): "Hadrut", (31.0, 30.5): "Beheira", (40.0, 45.0): "Ija"}
    from warlog.gazetteer.names import name_key

    rows = list(rg_only_rows(rg, names, {("EG", name_key("Beheira"))}))
    assert [(r["name"], r["iso"], r["feature"]) for r in rows] == [("Hadrut", "AZ", "village")]  # "Ija": too short


def test_spelling_variants_among_layer_villages_do_not_stop_near_misses() -> None:
    gaz = _gazetteer_of([
        _row("sy", "Syria", "country", "SY", 35.0, 38.0),
        _row("tw", "Al Tuwayni", "village", "SY", 35.2, 36.6, admin1="Hama"),
        {**_row("ng1", "Twoni", "village", "NG", 7.0, 5.0), "source": SAFESIGNAL_SOURCE, "exact_only": True},
    ])  # fmt: skip
    found = {e.name for e, _ in gaz.lookup_scored("Tweini", fuzzy=True)}
    assert {"Twoni", "Al Tuwayni"} <= found
    assert "twn" not in {k for k in gaz.fuzzy_pool() if k.startswith("tw") and len(k) == 3}
    exact = {e.name for e, _ in gaz.lookup_scored("Twoni", fuzzy=True)}
    assert exact == {"Twoni"}  # the layer's own name, written as it is, is an answer


def test_acled_cases_carry_their_country(tmp_path: Path) -> None:
    f = tmp_path / "acled.csv"
    f.write_text(
        "country,admin1,location,latitude,longitude,geo_precision,year\n"
        "Nigeria,Borno,Auno,11.88,12.95,1,2020\n"
        "Syria,Idleb,Saraqab,35.86,36.80,1,2020\n"
        "Lebanon,North,Tripoli,34.43,35.84,1,2020\n",
        encoding="utf-8",
    )
    assert [c.iso for c in acled_cases(f)] == ["NG", "SY", "LB"]


@pytest.mark.skipif(importlib.util.find_spec("geotext") is None, reason="geotext not installed")
def test_default_index_labels_provinces_with_their_seats() -> None:
    from warlog.gazetteer import get_gazetteer

    gaz = get_gazetteer()
    seats = {(e.iso, e.name): e.city for e in gaz.find("admin1") if e.iso in ("BF", "MX", "YE")}
    assert seats[("BF", "Sahel")] == "Dori"
    assert seats[("MX", "Chihuahua")] == "Chihuahua"
    assert seats[("YE", "Al Jawf")] == "Al Ḩazm"


@pytest.mark.skipif(importlib.util.find_spec("safesignal_geo") is None, reason="safesignal-geo not installed")
def test_default_index_holds_nigerian_and_old_cities1000_villages() -> None:
    from warlog.gazetteer import get_gazetteer

    gaz = get_gazetteer()
    for name, admin1 in (("Auno", "Borno"), ("Ropp", "Plateau"), ("Kwadon", "Gombe")):
        assert any(e.iso == "NG" and e.admin1 == admin1 for e in gaz.lookup(name)), name
    assert any(e.iso == "AZ" for e in gaz.lookup("Hadrut"))


def test_a_country_hint_counts_as_a_country_the_report_names() -> None:
    from warlog.eval.geoparse import resolve_spans

    gaz = _gazetteer_of([
        _row("ua", "Ukraine", "country", "UA", 49.0, 32.0),
        _row("us", "United States", "country", "US", 39.76, -98.5),
        _row("odesa", "Odesa", "city", "UA", 46.48, 30.73, admin1="Odessa", population=1_010_000),
        _row("odessa-ob", "Odessa", "admin1", "UA", 46.6, 30.0, admin1="Odessa", city="Odesa", population=2_400_000),
        _row("odessa-tx", "Odessa", "city", "US", 31.85, -102.37, admin1="Texas", population=114_000),
    ])  # fmt: skip
    (bare,) = resolve_spans("Odessa", [(0, 6)], gazetteer=gaz, area_points=False)
    assert bare is not None and bare.country == "United States"  # the exact city name, nothing else said
    (hinted,) = resolve_spans("Odessa", [(0, 6)], country_hint="UA", gazetteer=gaz, area_points=False)
    assert hinted is not None and hinted.country == "Ukraine"  # the hint made Ukraine a named country


_NIGERIAN_REPORT = (
    "Gunmen kill 9 in Borno village attack\n\n"
    "MAIDUGURI, Nigeria, May 2 - Suspected Boko Haram fighters killed nine people in Auno, a village near Maiduguri "
    "in Borno state, on Friday, a local official said. Borno police spokesman Isa Gambo said the attackers also "
    "burned houses near the Gate of the town's market. Hassan Musa, a resident of Auno, said the gunmen arrived on "
    "motorcycles at night."
)  # written for this test


@pytest.mark.skipif(importlib.util.find_spec("safesignal_geo") is None, reason="safesignal-geo not installed")
def test_a_nigerian_village_places_the_event_not_the_city_near_it() -> None:
    from datetime import date

    from warlog.extract.frames import extract_report
    from warlog.extract.nlp import load_nlp
    from warlog.model import Report

    mentions = extract_report(Report(text=_NIGERIAN_REPORT, published=date(2020, 5, 2)), load_nlp()).mentions
    places = [(m.place.location, m.place.admin1, m.place.geo_precision) for m in mentions if m.place is not None]
    assert places and places[0] == ("Auno", "Borno", 1)  # was Maiduguri at geo_precision 2
    assert not any(loc in ("Friday", "Gate", "Isa", "Hassan") for loc, _, _ in places)
