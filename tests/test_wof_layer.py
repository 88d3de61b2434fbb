"""The Who's On First village layer (issue 15, round 14 helper wof): the shipped table's loader, the name rules the
build script applies, the script's record filter, and how the layer's rows answer lookups (exact names and
spelling variants only; not offered to the fuzzy matcher; never a spelling variant beside an exact name)."""

from __future__ import annotations

import gzip
import importlib.util
import sqlite3
from pathlib import Path

from gaztools import gazetteer_of as _gazetteer_of
from gaztools import row as _row
from warlog.extract.places import Toponym, _not_a_unit_s_village
from warlog.gazetteer import GazEntry, layers
from warlog.gazetteer.index import create_schema, insert_places
from warlog.gazetteer.layers import WOF_COLUMNS, WOF_SOURCE, new_places, wof_blocked_keys, wof_name_ok, wof_rows
from warlog.gazetteer.names import name_key

ROOT = Path(__file__).resolve().parents[1]


def _table(path: Path, rows: list[list[str]]) -> Path:
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("\t".join(WOF_COLUMNS) + "\n")
        for r in rows:
            fh.write("\t".join(r) + "\n")
    return path


def _wof(id_: str, name: str, iso: str, lat: float, lon: float, **kw: object) -> dict:
    return {**_row(id_, name, kw.pop("feature", "village"), iso, lat, lon, **kw), "source": WOF_SOURCE,
            "exact_only": True}  # fmt: skip


def test_wof_table_rows_become_exact_only_layer_rows(tmp_path: Path) -> None:
    path = _table(tmp_path / "wof.tsv.gz", [
        ["Kasindi", "Kasindi-Lubiriha", "village", "CD", "0.0470", "29.6860", "North Kivu", "Beni", ""],
        ["Bulo Marer", "Buulo Mareerto|Bulomarer", "village", "SO", "1.6336", "44.5212", "Lower Shabeelle", "", "0"],
        ["Kasindi", "", "village", "CD", "0.0470", "29.6860", "", "", ""],  # the same point twice: its own id
        ["Friday", "", "village", "NG", "4.9", "6.2", "", "", ""],  # a word, whatever the table says
        ["Nowhere", "", "village", "CD", "", "29.0", "", "", ""],  # no point
        ["Egbekaw", "", "town", "CM", "5.7", "9.3", "South-West", "Manyu", "12000"],
    ])  # fmt: skip
    rows = list(wof_rows(path))
    assert [r["name"] for r in rows] == ["Kasindi", "Bulo Marer", "Kasindi", "Egbekaw"]
    k = rows[0]
    assert (k["iso"], k["feature"], k["admin1"], k["admin2"], k["lat"], k["lon"]) == (
        "CD", "village", "North Kivu", "Beni", 0.047, 29.686)  # fmt: skip
    assert k["alt_names"] == ["Kasindi-Lubiriha"] and rows[1]["alt_names"] == ["Buulo Mareerto", "Bulomarer"]
    assert all(r["source"] == WOF_SOURCE and r["exact_only"] for r in rows)
    assert len({r["id"] for r in rows}) == 4 and k["id"] == "wof-CD-0.0470-29.6860"
    assert rows[3]["feature"] == "town" and rows[3]["population"] == 12000


def test_no_table_no_rows(tmp_path: Path, monkeypatch) -> None:
    assert list(wof_rows(tmp_path / "missing.tsv.gz")) == []
    monkeypatch.setattr(layers, "WOF_FILE", None)
    assert list(wof_rows()) == []
    assert layers.layer_versions().endswith("-wof0")


def test_the_index_version_follows_the_table(tmp_path: Path, monkeypatch) -> None:
    a = _table(tmp_path / "a.tsv.gz", [["Kasindi", "", "village", "CD", "0.047", "29.686", "", "", ""]])
    b = _table(tmp_path / "b.tsv.gz", [["Oicha", "", "village", "CD", "0.70", "29.52", "", "", ""]])
    monkeypatch.setattr(layers, "WOF_FILE", a)
    va = layers.layer_versions()
    monkeypatch.setattr(layers, "WOF_FILE", b)
    assert layers.layer_versions() != va and "-wof" in va


def _index_conn() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    create_schema(conn)
    insert_places(conn, [
        _row("cd", "DR Congo", "country", "CD", -2.9, 23.6),
        _row("ke", "Kenya", "country", "KE", 1.0, 38.0),
        _row("nk", "North Kivu", "admin1", "CD", -0.8, 29.0),
        _row("ms", "Masisi", "admin2", "CD", -1.4, 28.8),
        _row("paris", "Paris", "city", "FR", 48.85, 2.35, population=2_000_000),
        _row("beni", "Beni", "city", "CD", 0.49, 29.47, population=230_000),
    ])  # fmt: skip
    return conn


def test_name_rules_block_words_short_names_and_names_of_big_places() -> None:
    blocked = wof_blocked_keys(_index_conn())
    words = {"black", "rock", "bridge"}
    ok = [("Kasindi", "CD"), ("Bulo Marer", "SO"), ("Black Kasindi", "CD")]  # one word a word: still a name
    bad = [
        ("Ba", "CD"), ("Friday", "NG"), ("Black Rock", "UG"), ("Bridge", "CD"),  # short, words
        ("Kenya", "CD"), ("Paris", "CD"), ("North Kivu", "CD"), ("Beni", "UG"),  # country, admin1, big places
        ("Masisi", "CD"),  # an admin unit of its own country ...
    ]  # fmt: skip
    assert all(wof_name_ok(n, blocked, words, iso) for n, iso in ok)
    assert not any(wof_name_ok(n, blocked, words, iso) for n, iso in bad)
    assert wof_name_ok("Masisi", blocked, words, "RW")  # ... but not of another


def test_rows_the_index_already_holds_nearby_do_not_join() -> None:
    conn = _index_conn()
    rows = [_wof("a", "Beni", "CD", 0.50, 29.48), _wof("b", "Kasindi", "CD", 0.047, 29.686),
            _wof("c", "Kasindi", "CD", 0.05, 29.69), _wof("d", "Kasindi", "CD", -1.65, 28.12)]  # fmt: skip
    assert [r["id"] for r in new_places(conn, rows)] == ["b", "d"]  # Beni the city; one Kasindi per 10 km


def _script():
    spec = importlib.util.spec_from_file_location("build_wof_places", ROOT / "scripts" / "build_wof_places.py")
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod


def _record(**kw: object) -> dict:
    p = {"wof:id": 1, "wof:name": "Kasindi", "wof:placetype": "locality", "wof:country": "CD", "mz:is_current": -1,
         "wof:superseded_by": [], "gn:feature_code": "PPL", "gn:population": 0, "geom:latitude": 0.04701,
         "geom:longitude": 29.68604, "wof:hierarchy": [{"region_id": 7, "county_id": 9}],
         "name:fra_x_preferred": ["Kasindi-Lubiriha"], "name:rus_x_preferred": ["Касинди"]}  # fmt: skip
    p.update(kw)
    return p


def test_the_script_keeps_current_places_and_latin_names() -> None:
    mod = _script()
    r = mod.record_row(_record(), "cd")
    assert r is not None
    assert (r["name"], r["alt_names"], r["iso"], r["feature"]) == ("Kasindi", ["Kasindi-Lubiriha"], "CD", "village")
    assert (r["lat"], r["lon"], r["region"], r["county"]) == (0.047, 29.686, 7, 9)
    assert mod.record_row(_record(**{"gn:population": 25_000}), "cd")["feature"] == "town"
    assert mod.record_row(_record(**{"wof:placetype": "neighbourhood"}), "cd")["feature"] == "district"
    assert mod.record_row(_record(**{"wof:name": "Kakuma Refugee Camp"}), "cd")["feature"] == "camp"
    arabic = mod.record_row(_record(**{"name:ara_x_preferred": ["كاسيندي"]}), "cd", arabic=True)
    assert "كاسيندي" in arabic["alt_names"]
    for bad in ({"mz:is_current": 0}, {"wof:superseded_by": [2]}, {"gn:feature_code": "PPLQ"},
                {"wof:placetype": "county"}, {"wof:country": "UG"}, {"edtf:deprecated": "2019-01-01"},
                {"geom:latitude": None}):  # fmt: skip
        assert mod.record_row(_record(**bad), "cd") is None, bad


def test_the_script_keeps_only_the_regions_asked_of_a_country() -> None:
    mod = _script()
    rows = [{"name": "Saravan", "region": 1}, {"name": "Marivan", "region": 2}, {"name": "Qom village", "region": 3}]
    regions = {1: "Sistan and Baluchestan", 2: "Kordestan", 3: "Qom"}
    kept, names = mod.only_regions(rows, regions, "ir", ["ir:sistan,kord", "tr:hakkari"])
    assert [r["name"] for r in kept] == ["Saravan", "Marivan"] and names == ["Kordestan", "Sistan and Baluchestan"]
    assert mod.only_regions(rows, regions, "iq", ["ir:sistan"]) == (rows, None)  # no spec of the country: all


def test_layer_rows_answer_to_their_names_not_as_near_misses_nor_beside_exact_names() -> None:
    gaz = _gazetteer_of([
        _row("so", "Somalia", "country", "SO", 6.0, 48.0),
        _row("afg", "Afgooye", "town", "SO", 2.14, 45.12, population=65_000),
        _wof("w1", "Afgooye", "SO", 3.45, 43.84),
        _wof("w2", "Afgoye", "SO", 2.19, 42.28),
        _wof("w3", "Bulo Marer", "SO", 1.63, 44.52),
    ])  # fmt: skip
    found = {(e.id, q) for e, q in gaz.lookup_scored("Afgoye", fuzzy=True)}
    assert found == {("w2", 1.0), ("afg", 0.85)}  # the exact village and the town, not the other village so spelt
    found = {e.id for e, _ in gaz.lookup_scored("Afgooye", fuzzy=True)}
    assert found == {"afg", "w1"}  # two places written alike
    assert {e.id for e, _ in gaz.lookup_scored("Bulo Marer", fuzzy=True)} == {"w3"}
    assert name_key("Bulo Marer") not in gaz.fuzzy_pool()  # never a near-miss answer
    assert [(e.id, q) for e, q in gaz.lookup_scored("Bulo Mareer", fuzzy=True)] == [("w3", 0.85)]  # a variant


def test_a_name_before_a_unit_noun_is_not_a_layer_village() -> None:
    village = _wof("w", "Gojam", "ET", 11.18, 39.9)
    town = _row("t", "Gojam", "town", "ET", 10.3, 37.7)
    text = "in Debre Markos, East Gojjam zone, on Monday"
    start = text.index("Gojjam")

    def entry(r: dict) -> GazEntry:
        return GazEntry(id=r["id"], name=r["name"], feature=r["feature"], lat=r["lat"], lon=r["lon"], iso=r["iso"],
                        source=r.get("source"))  # fmt: skip

    only = Toponym(start, start + 6, "Gojjam", [entry(village)], [0.85])
    assert _not_a_unit_s_village(text, only) is None
    both = Toponym(start, start + 6, "Gojjam", [entry(village), entry(town)], [0.85, 0.85])
    kept = _not_a_unit_s_village(text, both)
    assert kept is not None and [c.id for c in kept.candidates] == ["t"] and kept.quality == [0.85]
    plain = "a village near Gojjam, on Monday"
    s = plain.index("Gojjam")
    assert _not_a_unit_s_village(plain, Toponym(s, s + 6, "Gojjam", [entry(village)], [0.85])) is not None


def test_part_and_site_nouns_after_a_name() -> None:
    village = _wof("w", "Floralia", "CO", 4.74, -74.14)
    quarter = {**_wof("q", "Floralia", "CO", 3.47, -76.50), "feature": "district"}

    def entry(r: dict) -> GazEntry:
        return GazEntry(id=r["id"], name=r["name"], feature=r["feature"], lat=r["lat"], lon=r["lon"], iso=r["iso"],
                        source=r.get("source"))  # fmt: skip

    text = "a second person was detained in the Floralia neighbourhood"
    s = text.index("Floralia")
    top = _not_a_unit_s_village(text, Toponym(s, s + 8, "Floralia", [entry(village), entry(quarter)], [1.0, 1.0]))
    assert top is not None and [c.id for c in top.candidates] == ["q"]  # a city's part: the layer's neighbourhood
    site = _wof("m", "Marco Fidel Suarez", "CO", 4.2, -75.8)
    text = "a truck bomb outside the Marco Fidel Suárez air base in Cali"
    s = text.index("Marco")
    assert _not_a_unit_s_village(text, Toponym(s, s + 18, "Marco Fidel Suárez", [entry(site)], [0.85])) is None
    one = "a bomb near the Kasindi market"  # one word before a site noun: the village's market
    s = one.index("Kasindi")
    kas = _wof("k", "Kasindi", "CD", 0.047, 29.686)
    assert _not_a_unit_s_village(one, Toponym(s, s + 7, "Kasindi", [entry(kas)], [1.0])) is not None


def test_layer_villages_are_places_only_in_the_report_s_countries_and_not_inside_longer_names() -> None:
    from warlog.extract.places import find_toponyms
    from warlog.extract.toponyms import KEEP_ALL

    gaz = _gazetteer_of([
        _row("pk", "Pakistan", "country", "PK", 30.0, 70.0),
        _row("ph", "Philippines", "country", "PH", 13.0, 122.0),
        _row("cd", "DR Congo", "country", "CD", -2.9, 23.6, alt_names=["Congo"]),
        _wof("af", "Jam'iyat", "AF", 32.24, 67.71),
        _wof("ph1", "Degamo", "PH", 10.61, 124.96),
        _wof("cd1", "Kasindi", "CD", 0.047, 29.686),
    ])  # fmt: skip

    def found(text: str) -> list[str]:
        return [t.surface for t in find_toponyms(text, (), gazetteer=gaz, model=KEEP_ALL) if t.candidates]

    assert "Jamiat" not in found("A bomber struck a rally of the Jamiat party in Pakistan on Sunday.")
    assert "Degamo" not in found("Gunmen killed Governor Roel Degamo at his home in the Philippines.")
    assert "Kasindi" in found("A bomb exploded at a church in Kasindi, Congo, on Sunday.")
