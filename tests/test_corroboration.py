"""Corroboration: each report gets explained facts (independent sources, syndicated copies, figure agreement,
contradictions, reference records) and no score; and the FA-KES study's helpers are correct."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from warlog.eval.fakes import auc, binary_metrics
from warlog.link.corroboration import assess
from warlog.link.reference import import_reference
from warlog.link.run import link_store
from warlog.store import Store
from warlog.store import linking as db

HERE = Path(__file__).parent / "fixtures" / "link"


def event(reports, eid="e1", flags=()):
    """A linked event as query_events gives it (only the fields corroboration reads)."""
    return {"id": eid, "event_date": "2017-03-14", "location": "Saraqib", "reports": reports, "flags": list(flags)}


def test_a_report_corroborated_by_two_independent_sources_says_so_and_has_no_score():
    ev = event(
        [
            {"report_id": "r1", "source": "A", "fatalities": 12, "text_group": "g1"},
            {"report_id": "r1b", "source": "A", "fatalities": 12, "text_group": "g1"},
            {"report_id": "r2", "source": "B", "fatalities": 13, "text_group": "g2"},
            {"report_id": "r3", "source": "C", "fatalities": 12, "text_group": "g3"},
        ]
    )
    c = assess("r1", [ev], {})
    assert not hasattr(c, "score")
    assert c.counts["independent_sources"] == 2 and c.counts["corroborated_events"] == 1
    assert c.counts["syndicated_copies"] == 1 and c.counts["figures_agree"] == 1
    assert any("2 independent source(s)" in r for r in c.reasons)
    assert any("agrees with other sources" in r for r in c.reasons)
    assert any("syndicated" in r for r in c.reasons)


def test_an_outlying_toll_a_contradiction_and_a_contradicting_record_are_counted_and_explained():
    ev = event(
        [{"report_id": "r1", "source": "A", "fatalities": 90}, {"report_id": "r2", "source": "B", "fatalities": 8}],
        flags=["perpetrator_disagrees:x|y"],
    )
    matches = {"e1": [{"reference_id": "vdc:x", "figures_agree": False, "fatalities": 7, "days": 0, "km": 2.0}]}
    c = assess("r1", [ev], matches)
    assert c.counts["figures_disagree"] == 1 and c.counts["contradictions"] == 1
    assert c.counts["reference_disagrees"] == 1
    assert any("90 vs 8-8 elsewhere" in r for r in c.reasons)
    assert any("reference record vdc:x gives 7 deaths" in r for r in c.reasons)


def test_toll_agreement_uses_the_products_contradiction_rule():
    from warlog.link.reconcile import figures_agree

    # 50% + 3: 10 and 18 agree, 10 and 19 do not (the flags on events use the same rule)
    assert figures_agree(10, 18) and not figures_agree(10, 19)
    ev = event(
        [{"report_id": "r1", "source": "A", "fatalities": 10}, {"report_id": "r2", "source": "B", "fatalities": 18}]
    )
    assert assess("r1", [ev], {}).counts["figures_agree"] == 1


def test_a_far_or_coarse_reference_record_does_not_count_against_a_report():
    ev = event([{"report_id": "r1", "source": "A", "fatalities": 30}])
    matches = {"e1": [{"reference_id": "ucdp:1", "figures_agree": False, "fatalities": 2, "days": 1, "km": None}]}
    c = assess("r1", [ev], matches)
    assert c.counts["reference_disagrees"] == 0 and "none settles its toll" in c.reasons[-1]


def test_no_reference_record_proves_nothing():
    ev = event([{"report_id": "r1", "source": "A", "fatalities": 5}])
    c = assess("r1", [ev], {})
    assert c.counts["corroborated_events"] == 0 and "no independent source" in c.reasons[0]


def test_stored_corroboration_follows_reference_imports(db_url):
    from tests.test_link import WORDINGS, strike_report

    store = Store(db_url)
    a = strike_report("Alpha News", WORDINGS["Alpha News"], 12, 0)
    b = strike_report("Beta Daily", WORDINGS["Beta Daily"], 14, 0)
    store.save_many([a, b])
    link_store(store)
    before = db.corroboration(store.engine)[a.report.id]
    import_reference(store, HERE / "acled_sample.csv", "acled")
    after = db.corroboration(store.engine)[a.report.id]
    shown = db.get_linked_event(store.engine, a.mentions[0].id)
    store.close()
    assert before["counts"]["reference_agrees"] == 0 and after["counts"]["reference_agrees"] == 1
    assert any("acled:SYR900001" in r for r in after["reasons"])
    rep = next(r for r in shown["reports"] if r["report_id"] == a.report.id)
    assert "credibility" not in rep and rep["corroboration"]["counts"]["independent_sources"] == 1


def test_auc_and_binary_metrics_on_a_hand_computed_example():
    y = np.array([1, 1, 0, 0])
    assert auc(y, np.array([0.9, 0.4, 0.6, 0.1])) == 0.75  # 3 of 4 positive/negative pairs ordered right
    assert auc(y, np.array([0.5, 0.5, 0.5, 0.5])) == 0.5
    m = binary_metrics(y, np.array([0.9, 0.4, 0.6, 0.1]))
    assert m["accuracy"] == 0.5 and m["f1"] == 0.5


# ---------------------------------------------------------------------------------------------------------------------
# FA-KES features: extracted tolls, independent corroboration, VDC counts; folds by outlet


def article(rid, outlet, day, tolls, gov="aleppo", label=1):
    """A FA-KES-like article (the fields the features read)."""
    from datetime import date as _date

    from warlog.eval.fakes import Article

    return Article(rid, outlet, label, _date(*day), gov, "text", list(tolls))


def test_fakes_dates_and_governorates_are_normalised():
    from datetime import date as _date

    from warlog.eval.fakes import governorate, parse_day

    assert parse_day("4/5/2017") == _date(2017, 4, 5) and parse_day("nonsense") is None
    assert governorate("Damascus Suburbs") == governorate("damascus") == "damascus"
    assert governorate("Deir ez-Zor") == governorate("deir ezzor")


def test_another_outlets_report_of_the_same_day_and_place_corroborates_a_toll():
    from collections import defaultdict

    from warlog.eval.fakes import corroboration_features

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

    from warlog.eval.fakes import vdc_features

    vdc = Counter({("aleppo", _date(2016, 7, 1)): 11, ("aleppo", _date(2016, 6, 30)): 3})
    f = vdc_features(article("r1", "Alpha", (2016, 7, 1), [12]), vdc)
    assert {"vdc_day=4", "vdc_before=2", "vdc_agrees=True", "vdc_ratio=0"} <= set(f)
    far = vdc_features(article("r2", "Alpha", (2016, 7, 1), [300]), vdc)
    assert "vdc_agrees=False" in far and "vdc_ratio=3" in far


def test_fakes_folds_never_train_on_the_test_outlet(monkeypatch):
    from warlog.eval import fakes
    from warlog.eval.fakes import outlet_cv

    seen = []
    real = fakes.train_softmax

    def spy(rows, labels, classes, **kw):
        seen.append(len(rows))
        return real(rows, labels, classes, **kw)

    monkeypatch.setattr(fakes, "train_softmax", spy)
    rows = [["toll=big"] if i % 2 else ["toll=small"] for i in range(40)]
    labels = [i % 2 for i in range(40)]
    outlets = [f"o{i % 4}" for i in range(40)]
    prob = outlet_cv(rows, labels, outlets, l2=0.1)
    assert seen == [30, 30, 30, 30]  # each model trained on the three other outlets' 30 articles
    assert auc(np.array(labels), prob) == 1.0
