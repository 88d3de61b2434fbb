"""The own held-out set (`warlog eval devset --data tests/fixtures/heldout_own`): it loads, and the eval runs end to
end on it. No score threshold: the set is held out, its numbers are recorded in docs/heldout_own.md, never tuned on."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from warlog.eval.devset import evaluate_devset, load_devset

HELDOUT = Path(__file__).parent / "fixtures" / "heldout_own"
DEVSET = Path(__file__).parent / "fixtures" / "devset_other_wars"
FRACTIONS = ("event_precision", "event_recall", "event_f1", "within_5km", "fatalities_exact", "fatalities_in_range",
             "actor1_right", "actor2_right", "date_exact", "time_precision_right")  # fmt: skip


def test_the_set_loads_with_its_twelve_reports_and_thirteen_events():
    gold, reports = load_devset(HELDOUT)
    assert "HELD-OUT" in gold["about"] and "never used for tuning" in gold["about"]
    assert len(reports) == len(gold["reports"]) == 12
    events = [e for entry in gold["reports"] for e in entry["events"]]
    assert len(events) == 13
    assert all(r.published is not None and r.text for r in reports)
    assert all(e["country"] != "Syria" for e in events)
    required = {"event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2", "location",
                "admin1", "country", "latitude", "longitude", "fatalities"}  # fmt: skip
    for e in events:
        assert required <= e.keys()
        assert -90 <= e["latitude"] <= 90 and -180 <= e["longitude"] <= 180
        assert e["fatalities"] <= e.get("fatalities_max", e["fatalities"])
    # one report tells two incidents in two cities
    assert max(len(entry["events"]) for entry in gold["reports"]) == 2


def test_no_incident_is_shared_with_the_dev_set():
    dev, _ = load_devset(DEVSET)
    held, _ = load_devset(HELDOUT)

    def keys(g):
        return {(e["event_date"], e["location"]) for entry in g["reports"] for e in entry["events"]}

    assert not keys(dev) & keys(held)


def test_the_eval_runs_end_to_end_on_the_set_through_the_cli():
    from warlog.cli import app

    res = CliRunner().invoke(app, ["eval", "devset", "--data", str(HELDOUT), "--format", "json"])
    assert res.exit_code == 0, res.output
    m = json.loads(res.output)
    assert "HELD-OUT" in m["benchmark"]
    assert m["n_reports"] == 12 and m["n_gold_events"] == 13
    assert m["tp"] + m["fn"] == 13 and m["fp"] >= 0
    for k in FRACTIONS:
        assert 0.0 <= m[k] <= 1.0, k
    assert len(m["details"]["events"]) == 13


def test_the_dev_set_keeps_its_development_label():
    result = evaluate_devset(DEVSET, extract=lambda reports: [_Empty() for _ in reports])
    assert "DEVELOPMENT" in result.benchmark and result.metrics["tp"] == 0


class _Empty:
    mentions: list = []
