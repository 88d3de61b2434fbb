"""Reference records: ACLED, UCDP GED and VDC files load as reference events and linked events match them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from warlog.link.reference import admin1_key, figures_agree, import_reference, read_reference
from warlog.link.run import link_store
from warlog.store import Store
from warlog.store import linking as db

HERE = Path(__file__).parent / "fixtures" / "link"


def test_acled_rows_become_reference_events():
    rows = read_reference(HERE / "acled_sample.csv", "acled")
    assert [r["id"] for r in rows] == ["acled:SYR900001", "acled:SYR900002"]
    first = rows[0]
    assert first["event_date"] == date(2017, 3, 14) and first["fatalities"] == 13
    assert first["sub_event_type"] == "Air/drone strike" and first["geo_precision"] == 1


def test_ucdp_rows_keep_low_best_high_and_the_date_span():
    rows = read_reference(HERE / "ucdp_sample.csv", "ucdp")
    strike, clash = rows
    assert (strike["fatalities_low"], strike["fatalities"], strike["fatalities_high"]) == (35, 40, 45)
    assert strike["admin1"] == "Idlib" and strike["event_type"] == "Violence against civilians"
    assert clash["date_end"] == date(2018, 1, 3) and clash["geo_precision"] == 3  # where_prec 4: the governorate


def test_vdc_victims_are_grouped_by_day_and_place_of_death():
    rows = read_reference(HERE / "vdc_sample.csv", "vdc")
    by_place = {(r["admin1"], r["location"]): r for r in rows}
    # "Idlib" and "Idleb" spellings are one governorate; the undated victim is dropped
    saraqib = next(r for r in rows if r["location"] == "Saraqib")
    assert saraqib["fatalities"] == 3 and saraqib["fatalities_high"] is None  # a floor, not a total
    assert ("Damascus Suburbs", None) in by_place and len(rows) == 2


def test_governorate_spellings_agree():
    assert admin1_key("Damascus Suburbs") == admin1_key("Rural Damascus") == "rural damascus"
    assert admin1_key("Idleb") == admin1_key("Idlib governorate") == "idlib"
    assert admin1_key("Deir-ez-Zor") == admin1_key("Deir Ezzor")


def test_figures_agree_with_tolerance_and_partial_lists():
    assert figures_agree(12, {"fatalities": 13, "fatalities_low": 13, "fatalities_high": 13}) is True
    assert figures_agree(12, {"fatalities": 40, "fatalities_low": 35, "fatalities_high": 45}) is False
    assert figures_agree(12, {"fatalities": 3, "fatalities_low": 3, "fatalities_high": None}) is None
    assert figures_agree(0, {"fatalities": 3, "fatalities_low": 3, "fatalities_high": 3}) is None


@pytest.fixture
def linked(db_url):
    from tests.test_link import WORDINGS, strike_report

    store = Store(db_url)
    store.save_many(
        [
            strike_report("Alpha News", WORDINGS["Alpha News"], 12, 0),
            strike_report("Beta Daily", WORDINGS["Beta Daily"], 14, 0),
        ]
    )
    link_store(store)
    yield store
    store.close()


@pytest.mark.parametrize(
    ("fmt", "name", "agrees"),
    [("acled", "acled_sample.csv", True), ("ucdp", "ucdp_sample.csv", False), ("vdc", "vdc_sample.csv", None)],
)
def test_imported_records_are_matched_to_linked_events(linked, fmt, name, agrees):
    assert import_reference(linked, HERE / name, fmt) == 2
    (event,) = linked.events()
    shown = linked.get_event(event["id"])
    (match,) = shown["references"]
    assert match["figures_agree"] is agrees and match["days"] == 0
    assert db.count_reference(linked.engine) == 2
