"""The `warlog` commands on real SQLite files: ingest, idempotent re-ingest, bad files, events, export, extract."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from warlog.cli import app
from warlog.model import ACLED_COLUMNS

EXAMPLES = Path(__file__).parents[1] / "examples" / "reports"
FAKES = Path(__file__).parents[1] / ".." / "shared" / "data" / "fa-kes" / "FA-KES-Dataset.csv"

runner = CliRunner()


def _run(*args: str):
    result = runner.invoke(app, list(args))
    return result


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    db = tmp_path_factory.mktemp("db") / "warlog.db"
    result = _run("ingest", str(EXAMPLES), "--db", str(db))
    assert result.exit_code == 0, result.output
    return db


def test_ingest_examples_and_summary(ingested):
    result = _run("events", "--db", str(ingested), "--format", "json")
    events = json.loads(result.stdout)
    assert len(events) >= 9
    assert {e["event_type"] for e in events} >= {"Battles", "Explosions/Remote violence", "Protests"}
    assert all(e["report_id"] and e["evidence"] for e in events)


def test_reingest_changes_nothing(ingested):
    before = json.loads(_run("events", "--db", str(ingested), "--format", "json").stdout)
    result = _run("ingest", str(EXAMPLES), "--db", str(ingested))
    assert result.exit_code == 0
    assert "0 stored" in result.output and "already stored" in result.output
    after = json.loads(_run("events", "--db", str(ingested), "--format", "json").stdout)
    assert [e["id"] for e in after] == [e["id"] for e in before]


def test_bad_files_are_reported_and_the_rest_lands(tmp_path):
    batch = tmp_path / "batch"
    batch.mkdir()
    shutil.copy(EXAMPLES / "03-douma-shelling.txt", batch / "good.txt")
    (batch / "empty.txt").write_text("   \n")
    (batch / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    db = tmp_path / "w.db"
    result = _run("ingest", str(batch), "--db", str(db))
    assert result.exit_code == 1
    assert "empty.txt" in result.output and "binary.txt" in result.output
    assert "1 stored" in result.output and "2 failed" in result.output
    events = json.loads(_run("events", "--db", str(db), "--format", "json").stdout)
    assert len(events) == 1 and events[0]["sub_event_type"] == "Shelling/artillery/missile attack"


def test_events_filters(ingested):
    def ids(*args):
        return {e["id"] for e in json.loads(_run("events", "--db", str(ingested), "--format", "json", *args).stdout)}

    everything = ids()
    iraq = ids("--country", "Iraq")
    assert iraq and iraq < everything
    assert ids("--since", "2017-01-01", "--until", "2017-12-31") < everything
    aleppo = ids("--near", "36.2,37.16", "--km", "15")
    assert aleppo and not (aleppo & iraq)
    assert ids("--type", "Suicide bomb") and ids("--type", "Suicide bomb") < everything


def test_export_acled_csv_and_geojson(ingested, tmp_path):
    csv_path, geo_path = tmp_path / "events.csv", tmp_path / "events.geojson"
    assert _run("export", "--db", str(ingested), "--format", "acled-csv", "-o", str(csv_path)).exit_code == 0
    assert _run("export", "--db", str(ingested), "--format", "geojson", "-o", str(geo_path)).exit_code == 0
    with open(csv_path, encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        assert tuple(reader.fieldnames[: len(ACLED_COLUMNS)]) == ACLED_COLUMNS
        rows = list(reader)
    assert any(r["country"] == "Syria" and r["iso"] == "760" for r in rows)
    geo = json.loads(geo_path.read_text())
    assert geo["type"] == "FeatureCollection" and geo["features"]
    for feature in geo["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert 35 < lon < 50 and 30 < lat < 38  # Syria and Iraq: longitude first


def test_extract_json(tmp_path):
    result = _run("extract", str(EXAMPLES / "01-aleppo-airstrike.txt"), "--published", "2016-09-27", "--format", "json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert set(payload) == {"report", "events", "claims"}
    event = payload["events"][0]
    for key in (
        "event_date",
        "time_precision",
        "disorder_type",
        "event_type",
        "sub_event_type",
        "actor1",
        "location",
        "admin1",
        "country",
        "latitude",
        "longitude",
        "geo_precision",
        "fatalities",
        "injured",
        "civilians",
        "children",
        "women",
        "attributed_to",
        "evidence",
        "confidence",
    ):
        assert key in event
    assert event["fatalities"] == 19


@pytest.mark.skipif(not FAKES.exists(), reason="FA-KES corpus not present beside the checkout")
def test_fakes_csv_ingests_with_mapping(tmp_path):
    head = tmp_path / "fakes-head.csv"
    with open(FAKES, encoding="latin-1", newline="") as src, open(head, "w", encoding="latin-1", newline="") as dst:
        reader, writer = csv.reader(src), csv.writer(dst)
        for i, row in enumerate(reader):
            writer.writerow(row)
            if i == 12:
                break
    db = tmp_path / "f.db"
    mapping = "text=article_content,title=article_title,published=date,outlet=source"
    result = _run("ingest", str(head), "--map", mapping, "--db", str(db))
    assert result.exit_code == 0, result.output
    assert "12 reports read" in result.output and "0 failed" in result.output
    events = json.loads(_run("events", "--db", str(db), "--format", "json").stdout)
    assert events and all(e["outlet"] for e in events)
