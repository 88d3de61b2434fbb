"""Exports read back: ACLED CSV columns and values, GeoJSON (RFC 7946) coordinate order, JSON Lines."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from warlog.export import (
    CSV_COLUMNS,
    EXTRA_COLUMNS,
    acled_row,
    event_id_cnty,
    export,
    geojson_features,
    interaction_code,
    region_for,
    to_geojson,
    write_acled_csv,
    write_jsonl,
)
from warlog.model import ACLED_COLUMNS, Evidence, Mention, Place, Report

TEXT = "Local sources said an air strike hit a market in Saraqib on Monday, killing four civilians and injuring nine."


def strike_event() -> dict:
    """One event dict as Store.events() gives it: Mention.to_acled() plus the report's fields."""
    report = Report(text=TEXT, title="Strike on Saraqib market", outlet="Example Wire", url="https://example.org/s")
    mention = Mention(
        report.id,
        date(2016, 2, 15),
        disorder_type="Political violence",
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        actor1="Military Forces of Syria (2000-2024)",
        actor2="Civilians (Syria)",
        inter1=1,
        inter2=7,
        place=Place("Saraqib", 35.8623, 36.8006, 2, country="Syria", admin1="Idleb", admin2="Idleb", iso="SY"),
        fatalities=4,
        injured=9,
        civilians=4,
        attributed_to="Local sources",
        evidence=[Evidence(TEXT, 0, len(TEXT))],
        confidence=0.8,
    )
    return {**mention.to_acled(), "outlet": report.outlet, "title": report.title, "url": report.url, "published": None}


def arabic_event() -> dict:
    """An event whose place name is in Arabic script, as a gazetteer may return it."""
    ev = strike_event()
    ev.update(id="m00ff00ff00ff00ff", location="حلب", admin1="حلب", latitude=36.2021, longitude=37.1343)
    return ev


def unplaced_event() -> dict:
    """An event whose place could not be resolved."""
    ev = strike_event()
    ev.update(id="m1234", location=None, latitude=None, longitude=None, country=None, iso=None, event_date=None)
    return ev


def read_csv(text: str) -> list[dict]:
    assert text.startswith("\ufeff")  # every CSV starts with the BOM (warlog.csvout)
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


# --- ACLED CSV -------------------------------------------------------------------------------------------------------


def test_csv_header_is_acled_columns_then_warlog_extras():
    out = io.StringIO(newline="")
    write_acled_csv([strike_event()], out)
    header = next(csv.reader(io.StringIO(out.getvalue().removeprefix("\ufeff"))))
    assert tuple(header[: len(ACLED_COLUMNS)]) == ACLED_COLUMNS
    assert tuple(header[len(ACLED_COLUMNS) :]) == EXTRA_COLUMNS
    assert tuple(header) == CSV_COLUMNS


def test_csv_row_maps_fields_the_acled_way():
    out = io.StringIO(newline="")
    assert write_acled_csv([strike_event()], out, timestamp=1700000000) == 1
    (row,) = read_csv(out.getvalue())
    assert row["event_id_cnty"].startswith("SYR") and len(row["event_id_cnty"]) == 15
    assert row["event_date"] == "2016-02-15" and row["year"] == "2016"
    assert row["iso"] == "760" and row["region"] == "Middle East" and row["country"] == "Syria"
    assert row["interaction"] == "17"
    assert row["civilian_targeting"] == "Civilian targeting"
    assert row["source"] == "Example Wire" and row["source_scale"] == "" and row["tags"] == ""
    assert row["notes"] == TEXT
    assert row["fatalities"] == "4" and row["injured"] == "9"
    assert (row["latitude"], row["longitude"]) == ("35.8623", "36.8006")
    assert row["timestamp"] == "1700000000"
    assert row["evidence_offsets"] == f"0-{len(TEXT)}"
    assert row["url"] == "https://example.org/s" and row["confidence"] == "0.8"
    assert row["admin3"] == "" and row["assoc_actor_1"] == ""


def test_interaction_puts_the_smaller_code_first_and_sole_actors_end_in_zero():
    assert interaction_code(7, 1) == 17
    assert interaction_code(2, 2) == 22
    assert interaction_code(6, None) == 60
    assert interaction_code(None, None) == ""


def test_unknown_country_gives_xxx_and_empty_codes():
    row = acled_row(unplaced_event(), 0)
    assert row["event_id_cnty"] == "XXX1234"
    assert row["iso"] == "" and row["region"] == "" and row["year"] == "" and row["event_date"] == ""
    assert region_for({"country": "Yemen"}) == "Middle East"
    assert region_for({"iso": "ly"}) == "Northern Africa"
    assert event_id_cnty({"id": "m0a1b", "country": "Iraq"}) == "IRQ0A1B"


def test_exported_csv_has_a_bom_and_keeps_arabic_names(tmp_path):
    path = tmp_path / "events.csv"
    assert export([strike_event(), arabic_event()], path, "acled-csv") == 2
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and not raw.startswith(b"\xef\xbb\xbf" * 2)
    assert b"\r\n" in raw  # csv's own line ends, not doubled
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert rows[1]["location"] == "حلب" and rows[1]["admin1"] == "حلب"
    assert rows[1]["event_id_cnty"] == "SYR00FF00FF00FF"


# --- GeoJSON ---------------------------------------------------------------------------------------------------------


def test_geojson_puts_longitude_first_and_skips_unplaced_events():
    features, skipped = geojson_features([strike_event(), unplaced_event()])
    assert skipped == 1 and len(features) == 1
    fc = to_geojson([strike_event(), unplaced_event()])
    assert fc["type"] == "FeatureCollection" and "crs" not in fc
    (feature,) = fc["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [36.8006, 35.8623]}
    assert feature["properties"]["location"] == "Saraqib"
    assert feature["properties"]["evidence"] == [TEXT]
    assert feature["properties"]["evidence_offsets"] == f"0-{len(TEXT)}"


def test_geojson_rounds_to_six_decimals_and_drops_out_of_range_points():
    ev = strike_event()
    ev.update(latitude=35.123456789, longitude=36.987654321)
    swapped = strike_event()
    swapped.update(latitude=136.8, longitude=35.8)  # latitude out of range: skipped, not written
    features, skipped = geojson_features([ev, swapped])
    assert features[0]["geometry"]["coordinates"] == [36.987654, 35.123457]
    assert skipped == 1


def test_exported_geojson_reads_back_with_valid_coordinates(tmp_path):
    path = tmp_path / "events.geojson"
    events = [strike_event(), arabic_event(), unplaced_event()]
    events[0]["published"] = date(2016, 2, 16)  # a date object still serialises
    assert export(events, path, "geojson") == 2
    with path.open(encoding="utf-8") as f:
        fc = json.load(f)
    for feature in fc["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    assert fc["features"][0]["properties"]["published"] == "2016-02-16"
    assert fc["features"][1]["properties"]["location"] == "حلب"


# --- JSON Lines and export() -----------------------------------------------------------------------------------------


def test_jsonl_writes_one_object_per_line_with_iso_dates():
    ev = strike_event()
    ev["published"] = date(2016, 2, 16)
    out = io.StringIO()
    assert write_jsonl([ev, arabic_event()], out) == 2
    lines = out.getvalue().splitlines()
    assert len(lines) == 2
    first = json.loads(lines[0])
    assert first["event_date"] == "2016-02-15" and first["published"] == "2016-02-16"
    assert first["evidence"] == [{"text": TEXT, "start": 0, "end": len(TEXT)}]
    assert "حلب" in lines[1]


def test_export_replaces_the_file_atomically_and_rejects_unknown_formats(tmp_path):
    path = tmp_path / "out.jsonl"
    path.write_text("old\n")
    assert export(iter([strike_event()]), path, "jsonl") == 1
    assert json.loads(path.read_text(encoding="utf-8"))["location"] == "Saraqib"
    with pytest.raises(ValueError):
        export([strike_event()], tmp_path / "x.xlsx", "xlsx")

    def broken():
        yield strike_event()
        raise RuntimeError("source failed mid-way")

    with pytest.raises(RuntimeError):
        export(broken(), path, "jsonl")
    assert json.loads(path.read_text(encoding="utf-8"))["location"] == "Saraqib"  # old file intact
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]  # no temp file left behind
