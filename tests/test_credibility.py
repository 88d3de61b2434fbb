"""Credibility: each report gets a score with the reasons behind it, and the FA-KES scoring helpers are correct."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from warlog.link.benchmarks import _binary_metrics, auc, grouped_cv
from warlog.link.credibility import assess
from warlog.link.reference import import_reference
from warlog.link.run import link_store
from warlog.store import Store
from warlog.store import linking as db

HERE = Path(__file__).parent / "fixtures" / "link"


def event(reports, eid="e1", flags=()):
    """A linked event as query_events gives it (only the fields credibility reads)."""
    return {"id": eid, "event_date": "2017-03-14", "location": "Saraqib", "reports": reports, "flags": list(flags)}


def test_a_report_corroborated_by_two_independent_sources_scores_high():
    ev = event(
        [
            {"report_id": "r1", "source": "A", "fatalities": 12},
            {"report_id": "r2", "source": "B", "fatalities": 13},
            {"report_id": "r3", "source": "C", "fatalities": 12},
        ]
    )
    c = assess("r1", [ev], {})
    assert c.score > 0.7
    assert any("2 independent source(s)" in r for r in c.reasons)
    assert any("agrees with other sources" in r for r in c.reasons)


def test_a_lone_report_with_an_outlying_toll_and_a_contradicting_record_scores_low():
    ev = event(
        [{"report_id": "r1", "source": "A", "fatalities": 90}, {"report_id": "r2", "source": "B", "fatalities": 8}]
    )
    matches = {"e1": [{"reference_id": "vdc:x", "figures_agree": False, "fatalities": 7, "days": 0, "km": 2.0}]}
    c = assess("r1", [ev], matches)
    assert c.score < 0.5
    assert any("90 vs 8-8 elsewhere" in r for r in c.reasons)
    assert any("reference record vdc:x gives 7 deaths" in r for r in c.reasons)


def test_a_far_or_coarse_reference_record_does_not_count_against_a_report():
    ev = event([{"report_id": "r1", "source": "A", "fatalities": 30}])
    matches = {"e1": [{"reference_id": "ucdp:1", "figures_agree": False, "fatalities": 2, "days": 1, "km": None}]}
    c = assess("r1", [ev], matches)
    assert c.score == 0.5 and "none settles its toll" in c.reasons[-1]


def test_no_reference_record_proves_nothing():
    ev = event([{"report_id": "r1", "source": "A", "fatalities": 5}])
    c = assess("r1", [ev], {})
    assert c.score == 0.5 and "no independent source" in c.reasons[0]


def test_stored_scores_follow_reference_imports(db_url):
    from tests.test_link import WORDINGS, strike_report

    store = Store(db_url)
    a = strike_report("Alpha News", WORDINGS["Alpha News"], 12, 0)
    b = strike_report("Beta Daily", WORDINGS["Beta Daily"], 14, 0)
    store.save_many([a, b])
    link_store(store)
    before = db.credibility(store.engine)[a.report.id]["score"]
    import_reference(store, HERE / "acled_sample.csv", "acled")
    after = db.credibility(store.engine)[a.report.id]
    store.close()
    assert after["score"] > before
    assert any("acled:SYR900001" in r for r in after["reasons"])


def test_auc_and_binary_metrics_on_a_hand_computed_example():
    y = np.array([1, 1, 0, 0])
    assert auc(y, np.array([0.9, 0.4, 0.6, 0.1])) == 0.75  # 3 of 4 positive/negative pairs ordered right
    assert auc(y, np.array([0.5, 0.5, 0.5, 0.5])) == 0.5
    m = _binary_metrics(y, np.array([0.9, 0.4, 0.6, 0.1]))
    assert m["accuracy"] == 0.5 and m["f1"] == 0.5


def test_grouped_cross_validation_never_trains_on_the_test_outlet():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(60, 2))
    y = (x[:, 0] > 0).astype(float)
    groups = [f"outlet{i % 4}" for i in range(60)]
    m = grouped_cv(x, y, groups)
    assert m["accuracy"] > 0.9 and m["auc"] > 0.95


# ---------------------------------------------------------------------------------------------------------------------
# FA-KES features: extracted tolls, independent corroboration, VDC counts; folds by outlet


def article(rid, outlet, day, tolls, gov="aleppo", label=1):
    """A FA-KES-like article (the fields the features read)."""
    from datetime import date as _date

    from warlog.link.fakes import Article

    return Article(rid, outlet, label, _date(*day), gov, "text", list(tolls))


def test_fakes_dates_and_governorates_are_normalised():
    from datetime import date as _date

    from warlog.link.fakes import governorate, parse_day

    assert parse_day("4/5/2017") == _date(2017, 4, 5) and parse_day("nonsense") is None
    assert governorate("Damascus Suburbs") == governorate("damascus") == "damascus"
    assert governorate("Deir ez-Zor") == governorate("deir ezzor")


def test_another_outlets_report_of_the_same_day_and_place_corroborates_a_toll():
    from collections import defaultdict

    from warlog.link.fakes import corroboration_features

    a = article("r1", "Alpha", (2016, 7, 1), [40])
    same_outlet = article("r2", "Alpha", (2016, 7, 1), [90])
    other = article("r3", "Beta", (2016, 7, 2), [44])
    elsewhere = article("r4", "Gamma", (2016, 7, 1), [5], gov="homs")
    by_key = defaultdict(list)
    for x in (a, same_outlet, other, elsewhere):
        by_key[(x.governorate, x.day)].append(x)
    f = corroboration_features(a, by_key)
    assert "corr_outlets=1" in f and "corr_toll_agrees=True" in f and "corr_toll_vs_max=0" in f


def test_vdc_counts_of_the_day_and_the_day_before_are_compared_with_the_toll():
    from collections import Counter
    from datetime import date as _date

    from warlog.link.fakes import vdc_features

    vdc = Counter({("aleppo", _date(2016, 7, 1)): 11, ("aleppo", _date(2016, 6, 30)): 3})
    f = vdc_features(article("r1", "Alpha", (2016, 7, 1), [12]), vdc)
    assert {"vdc_day=4", "vdc_before=2", "vdc_agrees=True", "vdc_ratio=0"} <= set(f)
    far = vdc_features(article("r2", "Alpha", (2016, 7, 1), [300]), vdc)
    assert "vdc_agrees=False" in far and "vdc_ratio=3" in far


def test_fakes_folds_never_train_on_the_test_outlet(monkeypatch):
    from warlog.link import gvc
    from warlog.link.fakes import outlet_cv

    seen = []
    real = gvc.train_softmax

    def spy(rows, labels, classes, **kw):
        seen.append(len(rows))
        return real(rows, labels, classes, **kw)

    monkeypatch.setattr(gvc, "train_softmax", spy)
    rows = [["toll=big"] if i % 2 else ["toll=small"] for i in range(40)]
    labels = [i % 2 for i in range(40)]
    outlets = [f"o{i % 4}" for i in range(40)]
    prob = outlet_cv(rows, labels, outlets, l2=0.1)
    assert seen == [30, 30, 30, 30]  # each model trained on the three other outlets' 30 articles
    assert auc(np.array(labels), prob) == 1.0
