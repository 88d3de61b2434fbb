"""The OpenStreetMap village layer (issue 15, round 20 helper geo21): the build script's node reading, the shipped
table's loader, and that the layer's rows are treated as Who's On First's are (exact names only, never offered to
the fuzzy matcher, a place only in the report's countries or after a locative word)."""

from __future__ import annotations

import gzip
import importlib.util
import sqlite3
from pathlib import Path

from gaztools import gazetteer_of as _gazetteer_of
from gaztools import row as _row
from warlog.extract.places import _recognised
from warlog.gazetteer import layers
from warlog.gazetteer.layers import EXACT_ONLY_SOURCES, OSM_SOURCE, VILLAGE_LAYER_SOURCES, WOF_COLUMNS, osm_rows

ROOT = Path(__file__).resolve().parents[1]


def _script():
    spec = importlib.util.spec_from_file_location("build_osm_places", ROOT / "scripts" / "build_osm_places.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _table(path: Path, rows: list[list[str]]) -> Path:
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("\t".join(WOF_COLUMNS) + "\n")
        for r in rows:
            fh.write("\t".join(r) + "\n")
    return path


def test_node_names_split_parts_and_keep_latin_script_only() -> None:
    bo = _script()
    assert bo.node_names("Kindjandi Arabe I;Kindjandi Arabe II", None) == ["Kindjandi Arabe I", "Kindjandi Arabe II"]
    assert bo.node_names("أبو شوك", "Abu Shouk") == ["Abu Shouk"]
    assert bo.node_names("Moura", "Moura") == ["Moura"]
    assert bo.node_names("Moursal مورسال", None) == ["Moursal"]  # a name written in two scripts
    assert bo.node_names(None, None) == []


def test_extract_rows_keep_settlement_nodes_only() -> None:
    bo = _script()
    db = sqlite3.connect(":memory:")
    db.execute(
        "CREATE TABLE NODE (ID INTEGER, LAT DOUBLE, LON DOUBLE, NAME TEXT, NAME_EN TEXT, NAME_DE TEXT, TAG TEXT, "
        "VALUE TEXT, POPULATION INTEGER, ELEVATION INTEGER)"
    )
    db.executemany("INSERT INTO NODE VALUES (?,?,?,?,?,?,?,?,?,?)", [
        (1, 14.32949, -4.59918, "Moura", None, None, "place", "town", None, None),
        (2, 13.73794, 12.93107, "Kindjandi", None, None, "place", "village", "850", None),
        (3, -1.2612, 36.8639, "Mathare North", None, None, "place", "suburb", None, None),
        (4, 13.67, 25.35, "Mathare Spring", None, None, "amenity", "drinking_water", None, None),  # no place
        (5, 12.0, 14.0, "Bamyanga", None, None, "place", "BAMYANGA", None, None),  # a value that is no place kind
        (6, 12.0, 14.0, "Some Farm", None, None, "place", "isolated_dwelling", None, None),
        (7, 12.0, 14.0, None, None, None, "place", "village", None, None),  # no name
    ])  # fmt: skip
    rows = bo.extract_rows(db, "mali")
    assert [(r["name"], r["feature"]) for r in rows] == [
        ("Moura", "town"), ("Kindjandi", "village"), ("Mathare North", "district")]  # fmt: skip
    assert rows[1]["population"] == 850 and rows[0]["lat"] == 14.3295
    assert all(r["source"] == OSM_SOURCE and r["exact_only"] and r["id"].startswith("osm-") for r in rows)


def test_osm_table_rows_and_the_index_version(tmp_path: Path, monkeypatch) -> None:
    path = _table(tmp_path / "osm.tsv.gz", [
        ["Kindjandi", "Kindjandi Arabe I", "village", "NE", "13.7379", "12.9311", "Diffa", "", ""],
        ["Friday", "", "village", "NG", "4.9", "6.2", "", "", ""],  # a word, whatever the table says
        ["Moura", "", "town", "ML", "14.3295", "-4.5992", "Mopti", "", "5000"],
    ])  # fmt: skip
    rows = list(osm_rows(path))
    assert [r["name"] for r in rows] == ["Kindjandi", "Moura"]
    assert rows[0]["id"] == "osm-NE-13.7379-12.9311" and rows[0]["alt_names"] == ["Kindjandi Arabe I"]
    assert all(r["source"] == OSM_SOURCE and r["exact_only"] for r in rows)
    assert rows[1]["population"] == 5000 and rows[1]["admin1"] == "Mopti"
    for attr in ("OSM_FILE", "OSM_AMERICAS_FILE", "POSTAL_FILE", "MIMU_FILE"):  # round 21's tables too
        monkeypatch.setattr(layers, attr, None)
    assert list(osm_rows()) == [] and "-osm" not in layers.layer_versions()
    monkeypatch.setattr(layers, "OSM_FILE", path)
    assert "-osm" in layers.layer_versions()


def test_osm_villages_are_treated_as_wof_villages() -> None:
    assert OSM_SOURCE in VILLAGE_LAYER_SOURCES and OSM_SOURCE in EXACT_ONLY_SOURCES
    osm = {"source": OSM_SOURCE, "exact_only": True}
    gaz = _gazetteer_of([
        _row("ml", "Mali", "country", "ML", 17.0, -4.0),
        _row("ne", "Niger", "country", "NE", 17.0, 9.0),
        {**_row("k", "Kindjandi", "village", "NE", 13.7379, 12.9311), **osm},
    ])  # fmt: skip
    # a place in the report's countries, or after a locative word
    assert [e.name for e in _recognised(gaz, "Kindjandi", frozenset({"NE"}))[0]] == ["Kindjandi"]
    assert [e.name for e in _recognised(gaz, "Kindjandi", frozenset(), locative=True)[0]] == ["Kindjandi"]
    # not elsewhere, and no spelling near-miss reaches it
    assert _recognised(gaz, "Kindjandi", frozenset({"ML"}))[0] == []
    assert not [e for e, _q in gaz.lookup_scored("Kindjand", fuzzy=True) if e.source == OSM_SOURCE]


# --- round 21 (helper geo22): the village layers outside Africa (scripts/build_village_layers_more.py) ---


def _more_script():
    spec = importlib.util.spec_from_file_location(
        "build_village_layers_more", ROOT / "scripts" / "build_village_layers_more.py"
    )
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_mimu_names_split_qualifiers_aliases_and_join_syllables() -> None:
    bm = _more_script()
    assert bm.mimu_names("Let Yet Kone (Leik Ya Kone)") == ["Let Yet Kone", "Letyetkone", "Leik Ya Kone", "Leikyakone"]
    assert bm.mimu_names("Nam San (1)") == ["Nam San", "Namsan"]  # a numbering is no name
    assert bm.mimu_names("Nam Sang (Upper)") == ["Nam Sang", "Namsang"]  # nor a side
    assert bm.mimu_names("Hko Long (a) Myo Ma") == ["Hko Long", "Hkolong", "Myo Ma", "Myoma"]  # (a): alias
    assert bm.mimu_names("Myitkyina") == ["Myitkyina"]
    assert bm.mimu_names("") == []


def test_postal_rows_keep_gazetteer_points_once_and_cut_office_suffixes() -> None:
    bm = _more_script()
    assert bm.postal_name("Kalavapalle B.O") == "Kalavapalle" and bm.postal_name("Imphal H.O") == "Imphal"
    assert bm.postal_name("Jiribam Bazar S.O") == "Jiribam Bazar"
    text = "\n".join([
        "IN\t795131\tMoreh\tManipur\t17\tChandel\t280\tNil\t\t24.2508\t94.3007\t4",
        "IN\t795132\tMoreh B.O\tManipur\t17\tChandel\t280\tNil\t\t24.2508\t94.3007\t4",  # the same place again
        "IN\t795133\tSaiton\tManipur\t17\tBishnupur\t275\tNil\t\t24.4975\t93.7779\t3",  # a neighbours' estimate
        "IN\t795005\tKhurai Khongnang\tManipur\t17\tImphal East\t278\tNil\t\t24.4065\t93.3452\t1",
        "PK\t44000\tMir Ali\tKPK\t03\tNorth Waziristan\t\t\t\t33.02\t70.28\t4",  # another country's row
    ])  # fmt: skip
    rows = bm.postal_rows(text, "IN")
    assert [(r["name"], r["lat"], r["lon"]) for r in rows] == [("Moreh", 24.2508, 94.3007)]
    assert rows[0]["source"] == layers.POSTAL_SOURCE and rows[0]["exact_only"] and rows[0]["feature"] == "village"
    assert [r["name"] for r in bm.postal_rows(text, "IN", frozenset({"3", "4"}))] == ["Moreh", "Saiton"]


def test_mimu_rows_villages_with_points_and_towns_from_wards(tmp_path: Path) -> None:
    bm = _more_script()
    db = sqlite3.connect(tmp_path / "mimu.db")
    db.execute("CREATE TABLE villages (village_pcode INTEGER, village_eng TEXT, latitude REAL, longitude REAL)")
    db.execute("CREATE TABLE wards (town_pcode TEXT, town_eng TEXT, latitude REAL, longitude REAL)")
    db.executemany("INSERT INTO villages VALUES (?,?,?,?)", [
        (1, "Let Yet Kone", 22.67678, 95.40237),
        (2, "Nan Neint", None, None),  # no point: left out
        (3, "Nowhere", 51.5, -0.1),  # not in Myanmar
    ])  # fmt: skip
    db.executemany("INSERT INTO wards VALUES (?,?,?,?)", [
        ("T1", "Kunlong Town", 23.4135, 98.6463), ("T1", "Kunlong Town", 23.4135, 98.6463),
        ("T1", "Kunlong Town", 22.9443, 97.7514),  # a stray ward: the median point is the town's
    ])  # fmt: skip
    db.commit()
    db.close()
    rows = bm.read_mimu(tmp_path / "mimu.db")
    assert [(r["name"], r["feature"], r["lat"], r["lon"]) for r in rows] == [
        ("Let Yet Kone", "village", 22.6768, 95.4024), ("Kunlong", "town", 23.4135, 98.6463)]  # fmt: skip
    assert rows[0]["alt_names"] == ["Letyetkone"] and all(r["source"] == layers.MIMU_SOURCE for r in rows)


def test_round21_tables_load_after_the_african_one_with_their_sources(tmp_path: Path, monkeypatch) -> None:
    africa = _table(tmp_path / "af.tsv.gz", [["Kindjandi", "", "village", "NE", "13.7379", "12.9311", "", "", ""]])
    americas = _table(tmp_path / "am.tsv.gz", [["La Mora", "", "village", "MX", "30.5852", "-108.9476", "", "", ""]])
    postal = _table(tmp_path / "gnp.tsv.gz", [["Moreh", "", "village", "IN", "24.2508", "94.3007", "", "", ""]])
    mimu = _table(tmp_path / "mimu.tsv.gz", [["Let Yet Kone", "Letyetkone", "village", "MM", "22.6768", "95.4024",
                                              "Sagaing", "", ""]])  # fmt: skip
    for attr, path in (("OSM_FILE", africa), ("OSM_AMERICAS_FILE", americas), ("POSTAL_FILE", postal),
                       ("MIMU_FILE", mimu)):  # fmt: skip
        monkeypatch.setattr(layers, attr, path)
    rows = list(osm_rows())
    assert [(r["name"], r["source"]) for r in rows] == [
        ("Kindjandi", OSM_SOURCE), ("La Mora", OSM_SOURCE), ("Moreh", layers.POSTAL_SOURCE),
        ("Let Yet Kone", layers.MIMU_SOURCE)]  # fmt: skip
    assert rows[2]["id"] == "gnp-IN-24.2508-94.3007" and rows[3]["alt_names"] == ["Letyetkone"]
    assert all(r["exact_only"] for r in rows)
    assert [r["name"] for r in osm_rows(americas)] == ["La Mora"]  # one table when a path is given
    version = layers.layer_versions()
    assert "-osa" in version and "-gnp" in version and "-mimu" in version
    monkeypatch.setattr(layers, "MIMU_FILE", None)
    assert "-mimu" not in layers.layer_versions() and len(list(osm_rows())) == 3


def test_round21_villages_are_treated_as_wof_villages() -> None:
    for source in (layers.POSTAL_SOURCE, layers.MIMU_SOURCE):
        assert source in VILLAGE_LAYER_SOURCES and source in EXACT_ONLY_SOURCES
    gaz = _gazetteer_of([
        _row("mm", "Myanmar", "country", "MM", 21.0, 96.0),
        _row("th", "Thailand", "country", "TH", 15.0, 101.0),
        {**_row("l", "Let Yet Kone", "village", "MM", 22.6768, 95.4024, alt_names=["Letyetkone"]),
         "source": layers.MIMU_SOURCE, "exact_only": True},
    ])  # fmt: skip
    assert [e.name for e in _recognised(gaz, "Letyetkone", frozenset({"MM"}))[0]] == ["Let Yet Kone"]
    assert _recognised(gaz, "Letyetkone", frozenset({"TH"}))[0] == []  # a village of another country's report
    assert not [e for e, _q in gaz.lookup_scored("Let Yet Kon", fuzzy=True) if e.source == layers.MIMU_SOURCE]


def test_joined_spellings_that_name_a_held_place_are_dropped() -> None:
    from warlog.gazetteer.index import create_schema, insert_places

    bm = _more_script()
    conn = sqlite3.connect(":memory:")
    create_schema(conn)
    insert_places(conn, [_row("p", "Pinlaung", "village", "MM", 20.1229, 96.7822)])  # the town of Shan State
    rows = [
        {**_row("a", "Pin Laung", "village", "MM", 24.1172, 95.9), "alt_names": ["Pinlaung"]},  # Sagaing's village
        {**_row("b", "Let Yet Kone", "village", "MM", 22.6768, 95.4024), "alt_names": ["Letyetkone"]},
        {**_row("c", "Pin Laung", "village", "TH", 18.0, 99.0), "alt_names": ["Pinlaung"]},  # not Myanmar's place
        {**_row("d", "Pin Laung", "village", "MM", 20.13, 96.78), "alt_names": ["Pinlaung"]},  # the held town itself
    ]
    out = bm.without_held_joined(conn, rows)
    assert [(r["id"], r["alt_names"]) for r in out] == [("a", []), ("b", ["Letyetkone"]), ("c", ["Pinlaung"])]
