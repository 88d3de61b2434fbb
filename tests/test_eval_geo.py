"""Geoparsing evaluation: corpus readers on tiny corpora in LGL's and GeoVirus's layouts, metrics, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from warlog.eval.geo_syria import evaluate_places, ucdp_place_text
from warlog.eval.geoparse import (
    GoldToponym,
    Outcome,
    align_span,
    ner_metrics,
    read_corpus,
    resolution_metrics,
)
from warlog.train.geo import Group, accuracy, fit_softmax

FIX = Path(__file__).parent / "fixtures" / "geoparse"


def test_lgl_layout_is_read_with_shifted_spans_and_missing_fields() -> None:
    docs = read_corpus(FIX / "mini_lgl.xml")
    assert [d.id for d in docs] == ["1", "2"]
    first, second = docs
    # the first article's offsets are 2 characters late (re-wrapped text): realigned on the phrase
    assert [first.text[g.start : g.end] for g in first.toponyms] == ["Paris", "Texas", "Austin"]
    assert first.misaligned == 3
    assert first.toponyms[0].geonameid == "4717560" and first.toponyms[1].lat == 31.25044
    # no feedid/domain/url/dltime, a gaztag with only name/lat/lon, and a toponym without gaztag
    assert [g.phrase for g in second.toponyms] == ["French", "Paris", "Berlin", "talks"]
    assert second.misaligned == 0
    assert not second.toponyms[3].has_point


def test_geovirus_layout_uses_one_based_offsets() -> None:
    (doc,) = read_corpus(FIX / "mini_geovirus.xml")
    assert [doc.text[g.start : g.end] for g in doc.toponyms] == ["Nairobi", "Kenya"]
    assert doc.misaligned == 0 and doc.toponyms[1].lon == 38.0


def test_align_span_finds_the_nearest_occurrence() -> None:
    text = "Homs and Hama, then Homs again."
    assert align_span(text, 18, 22, "Homs") == (20, 24)
    assert align_span(text, 0, 4, "Homs") == (0, 4)


def test_resolution_metrics_count_no_answer_as_wrong() -> None:
    gold = GoldToponym(0, 5, "Paris", 48.85, 2.35, "2988507")
    far = GoldToponym(0, 5, "Paris", 33.66, -95.56, "4717560")
    outcomes = [
        Outcome(gold, 48.85, 2.35, "gn-2988507"),  # exact id
        Outcome(far, 48.85, 2.35, "gn-2988507"),  # wrong Paris
        Outcome(gold, None, None),  # no answer
        Outcome(GoldToponym(0, 3, "x"), 1.0, 1.0),  # no gold point: not counted
    ]
    m = resolution_metrics(outcomes)
    assert m["n"] == 3
    assert abs(m["acc_161km"] - 1 / 3) < 1e-9 and abs(m["exact"] - 1 / 3) < 1e-9
    assert abs(m["no_answer"] - 1 / 3) < 1e-9
    assert m["median_km"] > 7000  # the wrong Paris is the middle error


def test_ner_metrics_need_overlap_and_a_close_point() -> None:
    (doc,) = read_corpus(FIX / "mini_geovirus.xml")
    preds = [(21, 28, -1.3, 36.8), (64, 69, 48.0, 2.0), (0, 6, 10.0, 10.0)]  # right, far, not a toponym
    m = ner_metrics([doc], [preds])
    assert abs(m["ner_precision"] - 1 / 3) < 1e-9 and m["ner_recall"] == 0.5


def test_eval_geoparse_command_prints_the_keys_and_the_mordecai3_anchor() -> None:
    from warlog.cli import app

    args = ["eval", "geoparse", "--corpus", "lgl", "--data", str(FIX / "mini_lgl.xml"), "--format", "json", "--no-ner"]
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 0, res.output
    payload = json.loads(res.stdout[res.stdout.index("{") :])
    for key in ("acc_161km", "exact", "median_km", "no_answer", "n", "ner_precision", "ner_recall", "ner_f1"):
        assert key in payload
    assert payload["n"] == 6
    assert payload["acc_161km"] >= 5 / 6  # Paris (Texas), Texas, Austin, France, Paris (France), Berlin
    assert {a["value"] for a in payload["anchors"]} == {0.827}


def test_ucdp_type_words_are_dropped() -> None:
    assert ucdp_place_text("Teir Maaleh village") == "Teir Maaleh"
    assert ucdp_place_text("Jabal al Akrad mountain") == "Jabal al Akrad"
    assert ucdp_place_text("Saraqib town") == "Saraqib"


def test_syrian_place_evaluation_on_ucdp_and_acled_rows() -> None:
    ucdp = evaluate_places("ucdp", FIX / "ucdp_mini.csv")  # 2019 (2016-2018 feed the gazetteer), where_prec 1-2
    assert ucdp.metrics["n"] == 3
    assert abs(ucdp.metrics["within_5km"] - 2 / 3) < 1e-9  # Saraqib and Douma; the made-up village is unresolved
    assert abs(ucdp.metrics["no_answer"] - 1 / 3) < 1e-9
    acled = evaluate_places("acled", FIX / "acled_mini.csv")  # geo_precision 1 only
    assert acled.metrics["n"] == 2 and acled.metrics["within_5km"] == 1.0


def test_softmax_ranker_learns_which_feature_marks_the_right_candidate() -> None:
    groups = [Group([{"a": 1.0, "b": 0.0}, {"a": 0.0, "b": 1.0}], label=i % 2) for i in range(4)]
    groups += [Group([{"a": 0.0, "c": 1.0}, {"a": 1.0}], label=0) for _ in range(20)]
    w = fit_softmax(groups, ["a", "b", "c"])
    assert w["c"] > w["a"]
    assert accuracy(groups[4:], w) == 1.0
