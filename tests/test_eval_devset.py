"""The other-wars dev set and its scorer (`warlog eval devset`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from warlog.eval.devset import load_devset, score_devset

DEVSET = Path(__file__).parent / "fixtures" / "devset_other_wars"


def test_every_gold_report_is_read_and_no_event_is_in_syria():
    gold, reports = load_devset(DEVSET)
    assert len(reports) == len(gold["reports"]) >= 8
    assert all(r.published is not None and r.text for r in reports)
    assert all(e["country"] != "Syria" for entry in gold["reports"] for e in entry["events"])


def test_a_folder_without_gold_is_refused(tmp_path):
    with pytest.raises(ValueError, match="no gold.json"):
        load_devset(tmp_path)
    (tmp_path / "gold.json").write_text(json.dumps({"reports": []}))
    with pytest.raises(ValueError, match="no gold events"):
        load_devset(tmp_path)


def test_the_scorer_counts_arguments_of_matched_events_and_wrong_countries():
    g = {
        "event_date": "2024-02-20",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "actor1": "Military Forces of Israel (2022-)",
        "actor2": "Civilians (Palestine)",
        "country": "Palestine",
        "latitude": 31.2969,
        "longitude": 34.2456,
        "fatalities": 2,
        "fatalities_max": 6,
        "time_precision": 1,
    }
    gold = {"reports": [{"file": "x.txt", "events": [g]}]}
    hit = dict(g, actor1="Military Forces of Israel (2009-)", fatalities=3, latitude=31.30, country="Palestine")
    stray = dict(g, country="Syria", latitude=35.0, longitude=37.0)
    s = score_devset(gold, [[hit, stray]])
    assert (s["tp"], s["fp"], s["fn"]) == (1, 1, 0)
    assert s["actor1_right"] == 1.0 and s["fatalities_exact"] == 0.0 and s["fatalities_in_range"] == 1.0
    assert s["within_5km"] == 1.0 and s["wrong_country"] == 1
