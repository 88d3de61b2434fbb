"""`warlog report`: a self-contained situation report whose totals equal `warlog events` for the same filter."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from warlog.api import reviewing
from warlog.cli import app
from warlog.flags import describe_flag
from warlog.link.run import link_store
from warlog.model import Evidence, Extraction, Mention, Place, Report
from warlog.report import ReportScope, chromium, collect
from warlog.store import Store
from warlog.store.query import EventFilter, list_events

runner = CliRunner()

# (outlet, day, place, lat, lon, admin1, type, sub-type, actor1, deaths): April 2017 plus two events outside it.
SPECS = [
    ("Idlib Today", 4, "Khan Shaykhun", 35.4414, 36.6511, "Idleb", "Explosions/Remote violence",
     "Air/drone strike", "Military Forces of Syria (2000-)", 70),
    ("Levant Wire", 4, "Khan Shaykhun", 35.4414, 36.6511, "Idleb", "Explosions/Remote violence",
     "Air/drone strike", "Military Forces of Russia (2000-)", 120),
    ("Orontes News", 9, "Hama", 35.1318, 36.7578, "Hama", "Battles", "Armed clash",
     "Military Forces of Syria (2000-)", 12),
    ("Euphrates Bulletin", 15, "Raqqa", 35.9528, 39.0079, "Raqqa", "Explosions/Remote violence",
     "Air/drone strike", "Military Forces of the United States (2017-2021)", 9),
    ("Ghouta Monitor", 22, "Douma", 33.5711, 36.4042, "Rural Damascus", "Explosions/Remote violence",
     "Shelling/artillery/missile attack", "Military Forces of Syria (2000-)", 5),
    ("Daraa Voice", 28, "Daraa", 32.6189, 36.1021, "Dar'a", "Protests", "Peaceful protest", "Protesters (Syria)", 0),
    ("Orontes News", 40, "Homs", 34.7268, 36.7234, "Homs", "Battles", "Armed clash",
     "Military Forces of Syria (2000-)", 30),  # 2017-05-10: outside April
    ("Idlib Today", -5, "Saraqib", 35.8644, 36.8006, "Idleb", "Battles", "Armed clash",
     "Military Forces of Syria (2000-)", 3),  # 2017-03-27: outside April
]  # fmt: skip


def extraction(spec: tuple) -> Extraction:
    """One report written for this test and its mention; its first sentence is the evidence."""
    outlet, day, place, lat, lon, admin1, etype, sub, actor1, deaths = spec
    when = date(2017, 3, 31) + timedelta(days=day)
    tails = [
        "Witnesses described damaged homes and a crowded clinic nearby.",
        "A rescue worker said families were still searching the rubble at dusk, and schools stayed shut.",
        "Officials in the provincial capital did not comment; a curfew was announced for the night.",
        "Residents fled towards the north while aid groups asked for safe passage.",
        "Power and water were cut across the area, and the main road stayed closed to traffic until the evening.",
        "Shops shut early as people queued for bread and fuel, a local council member told the outlet by phone.",
    ]
    outlets = sorted({s[0] for s in SPECS})
    tail = tails[outlets.index(outlet) % len(tails)]  # each outlet its own words: independent reports, not copies
    text = f"{outlet} reported that {deaths} people were killed in {place} on {when:%A}. {tail}"
    first = text.index(".") + 1
    r = Report(text=text, outlet=outlet, published=when, title=f"{sub} in {place}")
    m = Mention(
        report_id=r.id,
        event_date=when,
        event_type=etype,
        sub_event_type=sub,
        actor1=actor1,
        actor2="Civilians (Syria)",
        place=Place(place, lat, lon, 1, "Syria", admin1, iso="SY"),
        fatalities=deaths,
        evidence=[Evidence(text[:first], 0, first)],
    )
    return Extraction(report=r, mentions=[m])


@pytest.fixture
def store_url(db_url):
    store = Store(db_url)
    for spec in SPECS:
        store.save_extraction(extraction(spec))
    link_store(store)
    store.close()
    return db_url


def totals_in(html_text: str) -> dict[str, int]:
    return {k: int(v) for k, v in re.findall(r'data-total="(\w+)">(\d+)<', html_text)}


def test_report_totals_equal_warlog_events_and_the_file_is_self_contained(store_url, tmp_path):
    listed = runner.invoke(
        app, ["events", "--since", "2017-04-01", "--until", "2017-04-30", "--format", "json", "--db", store_url]
    )
    assert listed.exit_code == 0, listed.output
    rows = json.loads(listed.stdout)
    out = tmp_path / "sitrep.html"
    res = runner.invoke(
        app, ["report", "--since", "2017-04-01", "--until", "2017-04-30", "-o", str(out), "--db", store_url]
    )
    assert res.exit_code == 0, res.output
    text = out.read_text(encoding="utf-8")
    totals = totals_in(text)
    assert totals["events"] == len(rows) == 5  # the two Khan Shaykhun reports are one event
    assert totals["fatalities"] == sum(r["fatalities"] for r in rows)
    assert totals["fatalities_min"] == sum(min(r["fatalities_min"], r["fatalities"]) for r in rows)
    assert totals["fatalities_max"] == sum(max(r["fatalities_max"], r["fatalities"]) for r in rows)
    assert totals["fatalities_min"] < totals["fatalities_max"]  # 70 vs 120 at Khan Shaykhun
    assert totals["sources"] == len({s for r in rows for s in r["sources"]}) == 6
    assert totals["single_source"] == sum(1 for r in rows if r["n_sources"] == 1) == 4
    # self-contained: no URL, no script, no external reference; charts and the map as inline SVG
    assert not re.search(r"https?://|//[a-z]|<script|<link|<img|src=|url\((?!#)", text, re.I)
    assert text.count("<svg") == 2
    assert 'id="by-day"' in text and 'id="map"' in text and "Khan Shaykhun" in text
    # the map carries offline place labels and the outlines
    assert re.search(r">\s*Hamah\s*<|Hamah", text)
    # the ten deadliest, with figures per source, an evidence sentence and the contradiction in words
    deadliest = text[text.index('id="deadliest"') : text.index('id="contested"')]
    assert deadliest.index("Khan Shaykhun") < deadliest.index("Hama")
    assert "Idlib Today: 70" in deadliest and "Levant Wire: 120" in deadliest
    assert "Idlib Today reported that 70 people were killed in Khan Shaykhun" in deadliest
    contested = text[text.index('id="contested"') : text.index('id="methods"')]
    assert "sources disagree on deaths: 70 to 120" in contested
    assert "sources name different perpetrators" in contested
    assert "Homs" not in text.split('id="methods"')[0]  # May is outside the period
    methods = text[text.index('id="methods"') :]
    assert "proposed 5" in methods


def test_report_totals_equal_warlog_events_after_reviews(store_url, tmp_path):
    store = Store(store_url)
    _total, rows = list_events(store.engine, EventFilter(since=date(2017, 4, 1), until=date(2017, 4, 30)))
    reviewing.reject(store, next(r for r in rows if r["location"] == "Hama")["id"], "tester")
    reviewing.edit(store, next(r for r in rows if r["location"] == "Douma")["id"], {"fatalities": 8}, "tester")
    store.close()
    args = ["--since", "2017-04-01", "--until", "2017-04-30", "--db", store_url]
    listed = json.loads(runner.invoke(app, ["events", *args, "--format", "json"]).stdout)
    out = tmp_path / "sitrep.html"
    assert runner.invoke(app, ["report", *args, "-o", str(out)]).exit_code == 0
    totals = totals_in(out.read_text(encoding="utf-8"))
    assert totals["events"] == len(listed) == 4
    assert totals["fatalities"] == sum(r["fatalities"] for r in listed)
    assert 8 in [r["fatalities"] for r in listed]


def test_report_reads_reviewed_values(store_url, tmp_path):
    store = Store(store_url)
    total, rows = list_events(store.engine, EventFilter(since=date(2017, 4, 1), until=date(2017, 4, 30)))
    hama = next(r for r in rows if r["location"] == "Hama")
    douma = next(r for r in rows if r["location"] == "Douma")
    reviewing.reject(store, hama["id"], "tester")
    reviewing.edit(store, douma["id"], {"fatalities": 8}, "tester")
    data = collect(store.engine, ReportScope(date(2017, 4, 1), date(2017, 4, 30)))
    total2, rows2 = list_events(store.engine, EventFilter(since=date(2017, 4, 1), until=date(2017, 4, 30)))
    store.close()
    assert data.totals["events"] == total2 == total - 1
    assert data.totals["fatalities"] == sum(r["fatalities"] for r in rows2)
    assert data.status_counts == {"proposed": 3, "edited": 1, "rejected": 1}


def test_report_filters_by_admin1_and_country(store_url, tmp_path):
    store = Store(store_url)
    idleb = collect(store.engine, ReportScope(date(2017, 4, 1), date(2017, 4, 30), country="SY", admin1="idleb"))
    iraq = collect(store.engine, ReportScope(date(2017, 4, 1), date(2017, 4, 30), country="Iraq"))
    store.close()
    assert [e["location"] for e in idleb.events] == ["Khan Shaykhun"]
    assert iraq.totals["events"] == 0


def test_report_with_no_events_and_bad_dates(store_url, tmp_path):
    out = tmp_path / "empty.html"
    res = runner.invoke(app, ["report", "--since", "2001-01-01", "--until", "2001-01-31", "-o", str(out), "--db",
                              store_url])  # fmt: skip
    assert res.exit_code == 0, res.output
    assert "No events match" in out.read_text(encoding="utf-8")
    res = runner.invoke(app, ["report", "--since", "2017-05-01", "--until", "2017-04-01", "-o", str(out), "--db",
                              store_url])  # fmt: skip
    assert res.exit_code != 0 and "before" in res.output


@pytest.mark.skipif(chromium() is None, reason="PDF output needs Chromium (apt-get install chromium)")
def test_report_as_pdf(tmp_path):
    store = Store(str(tmp_path / "p.db"))
    for spec in SPECS:
        store.save_extraction(extraction(spec))
    link_store(store)
    store.close()
    out = tmp_path / "sitrep.pdf"
    res = runner.invoke(app, ["report", "--since", "2017-04-01", "--until", "2017-04-30", "-o", str(out), "--db",
                              str(tmp_path / "p.db")])  # fmt: skip
    assert res.exit_code == 0, res.output
    assert Path(out).read_bytes()[:5] == b"%PDF-" and out.stat().st_size > 20_000


def test_flags_in_words():
    assert describe_flag("figures_disagree:12-40") == "sources disagree on deaths: 12 to 40"
    assert describe_flag("perpetrator_disagrees:military forces of russia | isis") == (
        "sources name different perpetrators: military forces of russia; isis"
    )
    assert (
        describe_flag("date_disagrees:2017-04-02..2017-04-05")
        == "sources give different dates: 2017-04-02 to 2017-04-05"
    )
    assert describe_flag("single_source") == "one source only"
    assert describe_flag("something_new:x") == "something new: x"
