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
    monkeypatch.setattr(layers, "OSM_FILE", None)
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
