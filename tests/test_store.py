"""Store: idempotent saves, all-or-nothing transactions and event filters, on a real SQLite file and PostgreSQL."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

import pytest
from sqlalchemy.exc import IntegrityError

from warlog.model import Claim, Evidence, Extraction, Mention, Place, Report
from warlog.store import SCHEMA_VERSION, Store, bounding_box, haversine_km, mention_from_row, row_from_mention

ALEPPO = Place("Aleppo", 36.2021, 37.1343, 2, country="Syria", admin1="Aleppo", iso="SY", gazetteer_id="170063")
IDLIB = Place("Idlib", 35.9306, 36.6339, 2, country="Syria", admin1="Idlib", iso="SY", gazetteer_id="169389")
DAMASCUS = Place("Damascus", 33.5102, 36.2913, 1, country="Syria", admin1="Damascus", iso="SY")
MOSUL = Place("Mosul", 36.335, 43.1189, 2, country="Iraq", admin1="Ninewa", iso="IQ")


def extraction(text: str, *events: tuple[date | None, str, str, Place | None, int], outlet: str = "Example Wire"):
    """A report and one mention per (date, event_type, sub_event_type, place, fatalities), evidence = whole text."""
    report = Report(text=text, title=text[:30], outlet=outlet, url="https://example.org/" + text[:8].replace(" ", "-"))
    report.published = date(2016, 3, 4)
    mentions = []
    for i, (day, etype, sub, place, dead) in enumerate(events):
        ev = Evidence(text=text, start=i, end=len(text))  # distinct start -> distinct mention id
        mentions.append(
            Mention(report.id, day, event_type=etype, sub_event_type=sub, place=place, fatalities=dead, evidence=[ev])
        )
    return Extraction(report=report, mentions=mentions)


def full_mention() -> Mention:
    """A mention with every field set, for round trips."""
    return Mention(
        report_id="r1",
        event_date=date(2016, 3, 1),
        time_precision=2,
        disorder_type="Political violence",
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        actor1="Military Forces of Russia (2000-)",
        assoc_actor_1="Military Forces of Syria (2000-2024)",
        actor2="Civilians (Syria)",
        assoc_actor_2="Health Workers (Syria)",
        inter1=8,
        inter2=7,
        place=Place("Aleppo - Sheikh Saeed", 36.17, 37.17, 1, "Syria", "Aleppo", "Jebel Saman", "Aleppo", "SY", "g9"),
        fatalities=6,
        injured=11,
        civilians=6,
        children=2,
        women=1,
        attributed_to="Syrian Observatory for Human Rights",
        evidence=[Evidence("Jets struck a clinic in Sheikh Saeed.", 10, 47)],
        confidence=0.82,
        unresolved_places=["al-Kastello road"],
    )


@pytest.fixture
def store(db_url):
    s = Store(db_url)
    yield s
    s.close()


@pytest.fixture
def filled(store):
    """Five mentions over three reports: Aleppo, Idlib, Damascus (Syria), Mosul (Iraq), one with no date or place."""
    store.save_extraction(
        extraction(
            "Government jets struck Aleppo and Idlib on Tuesday, killing seven people.",
            (date(2016, 3, 1), "Explosions/Remote violence", "Air/drone strike", ALEPPO, 4),
            (date(2016, 3, 1), "Explosions/Remote violence", "Air/drone strike", IDLIB, 3),
        )
    )
    store.save_extraction(
        extraction(
            "Rebels and government troops fought on the edge of Damascus on Sunday; two fighters died.",
            (date(2016, 2, 28), "Battles", "Armed clash", DAMASCUS, 2),
        )
    )
    store.save_extraction(
        extraction(
            "A roadside bomb went off in Mosul, wounding a policeman; elsewhere a village was shelled.",
            (date(2016, 3, 5), "Explosions/Remote violence", "Remote explosive/landmine/IED", MOSUL, 0),
            (None, "Explosions/Remote violence", "Shelling/artillery/missile attack", None, 1),
        )
    )
    return store


# --- rows ------------------------------------------------------------------------------------------------------------


def test_a_mention_survives_the_row_round_trip():
    m = full_mention()
    assert mention_from_row(row_from_mention(m)) == m


def test_a_mention_without_place_or_date_survives_the_row_round_trip():
    m = Mention("r1", None, event_type="Battles", sub_event_type="Armed clash")
    row = row_from_mention(m)
    assert row["latitude"] is None and row["evidence"] == []
    assert mention_from_row(row) == m


def test_mention_from_row_accepts_iso_dates_and_json_text():
    row = row_from_mention(full_mention())
    row["event_date"] = "2016-03-01"
    row["evidence"] = '[{"text": "Jets struck a clinic in Sheikh Saeed.", "start": 10, "end": 47}]'
    assert mention_from_row(row) == full_mention()


def test_stored_event_has_to_acled_keys_plus_report_fields(store):
    m = full_mention()
    report = Report(text="Jets struck a clinic in Sheikh Saeed, the monitor said.", outlet="Example Wire", url="u")
    m.report_id = report.id
    m.id = m.make_id()
    store.save_extraction(Extraction(report=report, mentions=[m]))
    (event,) = store.events()
    report_fields = {"outlet": "Example Wire", "title": None, "url": "u", "published": None}
    assert event == {**m.to_acled(), **report_fields, "review_status": "proposed"}  # mentions are never reviewed


# --- saving ----------------------------------------------------------------------------------------------------------


def test_saving_the_same_extraction_twice_stores_it_once(store):
    ex = extraction(
        "Two shells hit Idlib city.",
        (date(2016, 3, 2), "Explosions/Remote violence", "Shelling/artillery/missile attack", IDLIB, 2),
    )
    assert store.save_extraction(ex) is True
    assert store.save_extraction(ex) is False
    assert store.stats()["reports"] == 1
    assert store.stats()["events"] == 1
    assert store.has_report(ex.report.id)
    assert store.report_ids() == {ex.report.id}


def test_a_report_without_mentions_is_stored(store):
    ex = Extraction(report=Report(text="The ministry held a press conference about the harvest."))
    assert store.save_extraction(ex)
    assert store.get_report(ex.report.id)["text"].startswith("The ministry")
    assert store.stats() == {"reports": 1, "events": 0, "mentions": 0, "linked_events": 0, "claims": 0, "fatalities": 0}


def test_a_failed_save_leaves_no_partial_report(store):
    ex = extraction("Clashes near Aleppo left three dead.", (date(2016, 3, 1), "Battles", "Armed clash", ALEPPO, 3))
    ex.mentions.append(Mention(ex.report.id, date(2016, 3, 1), id=ex.mentions[0].id))  # duplicate primary key
    with pytest.raises(IntegrityError):
        store.save_extraction(ex)
    assert not store.has_report(ex.report.id)
    assert store.stats()["reports"] == 0 and store.stats()["events"] == 0


def test_save_many_counts_stored_and_skipped(store):
    a = extraction("Shelling hit Idlib.", (date(2016, 3, 1), "Explosions/Remote violence", "Grenade", IDLIB, 0))
    b = extraction("Clashes in Aleppo.", (date(2016, 3, 2), "Battles", "Armed clash", ALEPPO, 1))
    store.save_extraction(a)
    assert store.save_many([a, b, b]) == (1, 2)
    assert store.report_ids() == {a.report.id, b.report.id}
    assert store.save_many([]) == (0, 0)


def test_save_many_is_all_or_nothing(store):
    good = extraction("Clashes in Aleppo.", (date(2016, 3, 2), "Battles", "Armed clash", ALEPPO, 1))
    bad = extraction("Clashes in Idlib.", (date(2016, 3, 2), "Battles", "Armed clash", IDLIB, 1))
    bad.mentions.append(Mention(bad.report.id, id=bad.mentions[0].id))
    with pytest.raises(IntegrityError):
        store.save_many([good, bad])
    assert store.report_ids() == set()


def test_claims_and_reports_read_back(store):
    text = "More than 400 civilians have been killed in Aleppo province since 19 September, rescuers said."
    report = Report(text=text, outlet="Example Wire", published=date(2016, 10, 1), ingested_at=datetime(2016, 10, 2))
    claim = Claim(
        report.id, 400, "civilians killed", "Aleppo province", "since 19 September", "rescuers", Evidence(text, 0, 93)
    )
    store.save_extraction(Extraction(report=report, claims=[claim]))
    assert store.claims() == [claim.to_dict()]
    assert store.claims(report.id)[0]["where"] == "Aleppo province"
    assert store.claims("r-unknown") == []
    got = store.get_report(report.id)
    assert got["published"] == "2016-10-01" and got["ingested_at"] == "2016-10-02T00:00:00"
    assert store.get_report("r-unknown") is None


def test_sqlite_file_uses_wal_foreign_keys_and_records_the_schema_version(tmp_path):
    path = tmp_path / "w.db"
    with Store(f"sqlite:///{path}") as s:
        with s.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
        assert s.schema_version() == SCHEMA_VERSION
        with pytest.raises(IntegrityError):  # a mention must belong to a stored report
            with s.engine.begin() as conn:
                conn.exec_driver_sql("INSERT INTO mentions (id, report_id, fatalities) VALUES ('m1', 'nope', 0)")
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_reopening_a_database_keeps_its_rows(tmp_path):
    url = f"sqlite:///{tmp_path / 'w.db'}"
    ex = extraction("Clashes in Aleppo.", (date(2016, 3, 2), "Battles", "Armed clash", ALEPPO, 1))
    with Store(url) as s:
        s.save_extraction(ex)
    with Store(url) as s:
        assert s.save_extraction(ex) is False
        assert len(s.events()) == 1


# --- filters ---------------------------------------------------------------------------------------------------------


def locations(events):
    return [e["location"] for e in events]


def test_events_are_sorted_by_date_with_unknown_dates_last(filled):
    events = filled.events()
    assert locations(events)[0] == "Damascus" and locations(events)[3:] == ["Mosul", None]
    assert [e["event_date"] for e in events] == ["2016-02-28", "2016-03-01", "2016-03-01", "2016-03-05", None]
    same_day = events[1:3]
    assert [e["id"] for e in same_day] == sorted(e["id"] for e in same_day)


def test_since_and_until_bound_the_event_date(filled):
    assert sorted(locations(filled.events(since=date(2016, 3, 1), until=date(2016, 3, 1)))) == ["Aleppo", "Idlib"]
    assert locations(filled.events(since=date(2016, 3, 2))) == ["Mosul"]
    assert locations(filled.events(until=date(2016, 2, 29))) == ["Damascus"]


def test_country_matches_name_or_iso_case_insensitively(filled):
    assert len(filled.events(country="syria")) == 3
    assert len(filled.events(country="SY")) == 3
    assert len(filled.events(country="SYR")) == 3
    assert locations(filled.events(country="iq")) == ["Mosul"]
    assert filled.events(country="Yemen") == []


def test_event_type_matches_type_or_sub_type(filled):
    assert len(filled.events(event_type="explosions/remote violence")) == 4
    assert sorted(locations(filled.events(event_type="Air/drone strike"))) == ["Aleppo", "Idlib"]
    assert locations(filled.events(event_type="BATTLES")) == ["Damascus"]
    assert locations(filled.events(country="Syria", event_type="Battles")) == ["Damascus"]


def test_near_keeps_events_within_km(filled):
    # Idlib is about 55 km from Aleppo, Damascus about 310 km.
    assert locations(filled.events(near=(36.2021, 37.1343), km=10)) == ["Aleppo"]
    assert sorted(locations(filled.events(near=(36.2021, 37.1343), km=80))) == ["Aleppo", "Idlib"]
    assert len(filled.events(near=(36.2021, 37.1343), km=400)) == 3
    assert len(filled.events(near=(36.2021, 37.1343), km=800)) == 4
    with pytest.raises(ValueError):
        filled.events(near=(36.2, 37.1))


def test_limit_and_offset_page_through_results(filled):
    all_ids = [e["id"] for e in filled.events()]
    assert [e["id"] for e in filled.events(limit=2)] == all_ids[:2]
    assert [e["id"] for e in filled.events(limit=2, offset=2)] == all_ids[2:4]
    near = [e["id"] for e in filled.events(near=(36.2, 37.1), km=800)]
    assert [e["id"] for e in filled.events(near=(36.2, 37.1), km=800, limit=1, offset=1)] == near[1:2]


def test_get_event_and_stats(filled):
    first = filled.events()[0]
    assert filled.get_event(first["id"]) == first
    assert filled.get_event("m-unknown") is None
    assert filled.stats() == {
        "reports": 3,
        "events": 5,
        "mentions": 5,
        "linked_events": 0,
        "claims": 0,
        "fatalities": 10,
    }


# --- geometry --------------------------------------------------------------------------------------------------------


def test_haversine_aleppo_to_damascus_is_about_310_km():
    assert 300 < haversine_km(36.2021, 37.1343, 33.5102, 36.2913) < 320


def test_bounding_box_splits_at_the_antimeridian(store):
    lat_min, lat_max, lons = bounding_box(-17.8, 179.9, 50)
    assert lat_min < -17.8 < lat_max
    assert lons is not None and len(lons) == 2 and lons[1][0] == -180.0
    fiji_east = Place("Taveuni east", -16.8, -179.95, 2, country="Fiji", iso="FJ")
    fiji_west = Place("Taveuni west", -16.8, 179.95, 2, country="Fiji", iso="FJ")
    store.save_extraction(
        extraction(
            "Storm damage on both sides of the date line.",
            (date(2016, 3, 1), "Strategic developments", "Other", fiji_east, 0),
            (date(2016, 3, 1), "Strategic developments", "Other", fiji_west, 0),
        )
    )
    assert sorted(locations(store.events(near=(-16.8, 180.0), km=20))) == ["Taveuni east", "Taveuni west"]
