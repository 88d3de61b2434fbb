"""Readers and scorers of `warlog eval types|actors|sentences`, on tiny fixtures written for these tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from warlog.eval.actors import error_cause, evaluate_actors, normalise_actor
from warlog.eval.sentences import predict_police_classes, read_ipe_sents, score_sentences
from warlog.eval.types import evaluate_types, parse_acled_date, read_acled, read_case2021, read_wad, score_types
from warlog.extract.type_model import clean_note

FIX = Path(__file__).parent / "fixtures" / "types"


def test_case2021_reader_maps_labels_and_rejects_non_acled_classes() -> None:
    rows = read_case2021(FIX / "case2021_tiny.tsv")
    assert [r.id for r in rows] == ["c1", "c2", "c3", "c4", "c5", "c6"]
    assert rows[0].gold == "Air/drone strike"
    assert rows[0].text.startswith("Warplanes bombed the market")
    assert rows[2].gold == "Remote explosive/landmine/IED"
    assert rows[3].gold is None and rows[4].gold is None  # NATURAL_DISASTER, DIPLO: not a conflict event


def test_case2021_reader_refuses_unknown_labels() -> None:
    with pytest.raises(ValueError, match="NOT_A_LABEL"):
        read_case2021(FIX / "case2021_badlabel.tsv")


def test_case2021_reader_takes_headerless_rows_and_the_input_plus_gold_layout() -> None:
    rows = read_case2021(FIX / "case2021_nohead.tsv")
    assert [(r.id, r.gold, r.code) for r in rows] == [
        ("7", "Excessive force against protesters", "FORCE_AGAINST_PROTEST"),
        ("8", "Abduction/forced disappearance", "ABDUCT_DISSAP"),
    ]
    pair = read_case2021(FIX / "case2021_input.txt", labels=FIX / "case2021_gold.txt")
    assert [(r.id, r.gold, r.code) for r in pair] == [
        ("1", "Non-violent transfer of territory", "NON_VIOL_TERRIT_TRANSFER"),
        ("2", None, "NATURAL_DISASTER"),
    ]
    assert pair[0].text.startswith("Rebels handed the town")
    with pytest.raises(ValueError, match="--labels"):
        read_case2021(FIX / "case2021_input.txt")


def test_case2021_scores_all_30_classes_beside_the_25() -> None:
    result = evaluate_types("case2021", FIX / "case2021_tiny.tsv")
    m = result.metrics
    # Two of six rows are outside ACLED (floods, a trade memorandum): warlog names no such class, so over all 30
    # classes those rows score 0 and the weighted F1 falls below the ACLED-only figure.
    assert m["weighted_f1_30"] is not None and m["weighted_f1_30"] < m["weighted_f1"]
    assert {a.metric: a.value for a in result.anchors} == {"weighted_f1": 0.839, "weighted_f1_30": 0.771}


def test_wad_reader_takes_news_incidents_labelled_by_weapon() -> None:
    rows = read_wad(FIX / "wad_tiny.csv")
    # Campaigns, rows without a narrative and unclear weapons are left out; a typed-in day ("9t") keeps the row.
    assert [(r.id, r.gold, r.event_type) for r in rows] == [
        ("1", "Suicide bomb", "Explosions/Remote violence"),
        ("2", "Attack", "Violence against civilians"),
        ("3", None, "Explosions/Remote violence"),  # heavy weapons: air strike or shelling, type only
    ]
    assert rows[1].event_date is None
    result = evaluate_types("wad", FIX / "wad_tiny.csv")
    assert result.metrics["n"] == 2 and result.metrics["n_event_type"] == 3
    assert 0.0 <= result.metrics["event_type_accuracy"] <= 1.0


def test_score_types_weighted_macro_and_reject() -> None:
    pairs = [
        ("Armed clash", "Armed clash"),
        ("Armed clash", "Armed clash"),
        ("Armed clash", "Attack"),
        ("Attack", "Attack"),
        (None, None),
        (None, "Attack"),
    ]
    s = score_types(pairs)
    # Armed clash: P 1, R 2/3, F1 0.8; Attack: P 1/3, R 1, F1 0.5; weights 3 and 1 over 4 ACLED rows.
    assert s["weighted_f1"] == pytest.approx((0.8 * 3 + 0.5) / 4, abs=1e-4)
    assert s["macro_f1"] == pytest.approx(0.65, abs=1e-4)
    assert s["reject_accuracy"] == 0.5
    assert s["n"] == 6
    assert score_types([("Attack", "Attack")])["reject_accuracy"] is None


def test_evaluate_types_on_case2021_fixture() -> None:
    result = evaluate_types("case2021", FIX / "case2021_tiny.tsv")
    assert set(result.metrics) >= {"weighted_f1", "macro_f1", "reject_accuracy", "n"}
    assert result.metrics["n"] == 6
    assert result.metrics["reject_accuracy"] == 1.0  # floods and a trade memorandum are no conflict events
    assert result.metrics["weighted_f1"] >= 0.75
    assert result.anchors[0].value == 0.839


def test_acled_reader_drops_truncated_rows_and_boilerplate() -> None:
    rows = read_acled(FIX / "acled_tiny.csv")
    assert [r.id for r in rows] == ["TST1", "TST2", "TST3", "TST4"]
    assert rows[0].text == "regime forces clashed with HTS fighters near Kafr Nabl."
    assert "[size" not in rows[1].text and not rows[1].text.startswith("On ")
    assert rows[1].event_date == date(2023, 6, 2)
    assert "Casualties" not in rows[3].text


def test_clean_note_and_dates() -> None:
    assert clean_note("On 3 May 2020, gunmen shot a man. 1 fatality.") == "gunmen shot a man."
    assert clean_note("Around 21 December 2021 (as reported), IS fighters attacked. Fatalities coded to 10.") == (
        "IS fighters attacked."
    )
    assert parse_acled_date("9-May-20") == date(2020, 5, 9)
    assert parse_acled_date("02 June 2023") == date(2023, 6, 2)
    assert parse_acled_date("soon") is None


def test_actor_names_normalise_without_era() -> None:
    assert normalise_actor("Military Forces of Syria (2000-)") == "military forces of syria"
    assert normalise_actor("Military Forces of the United States (2017-2021)") == "military forces of the united states"
    assert normalise_actor("HTS: Hayat Tahrir al Sham") == "hts hayat tahrir al sham"
    assert normalise_actor(None) == ""


def test_evaluate_actors_on_fixture() -> None:
    result = evaluate_actors(FIX / "acled_tiny.csv")
    assert result.metrics["n"] == 4
    # regime vs HTS, protesters alone, coalition vs civilians, GNA vs LNA: all four pairs are named as ACLED names them
    assert result.metrics["pair_match"] == 1.0
    assert result.details["pair_errors_by_cause"] == {}


def test_actor_error_causes() -> None:
    assert error_cause("civilians syria", "") == "not found"
    assert error_cause("", "civilians syria") == "extra"
    assert error_cause("civilians syria", "civilians iraq") == "country"
    assert error_cause("military forces of syria", "police forces of syria") == "police vs military"
    assert error_cause("taliban", "unidentified armed group afghanistan") == "unidentified"
    assert error_cause("taliban", "islamic state afghanistan") == "other"


def test_ipe_reader_and_mapping() -> None:
    sents = read_ipe_sents(FIX / "ipe_tiny.tsv")
    assert [sorted(s.labels) for s in sents] == [
        ["ANY_ACTION", "FORCE"],
        [],
        ["ANY_ACTION", "ARREST"],
        ["ANY_ACTION", "FORCE", "KILL"],
    ]
    assert predict_police_classes(sents[1].text) == frozenset()
    assert "ARREST" in predict_police_classes(sents[2].text)
    assert {"FORCE", "KILL"} <= predict_police_classes(sents[3].text)


def test_score_sentences_per_class() -> None:
    gold = [frozenset({"ARREST", "ANY_ACTION"}), frozenset(), frozenset({"KILL", "FORCE", "ANY_ACTION"})]
    pred = [frozenset({"ARREST", "ANY_ACTION"}), frozenset({"ARREST"}), frozenset({"FORCE", "ANY_ACTION"})]
    per = score_sentences(gold, pred)
    assert per["ARREST"]["precision"] == 0.5 and per["ARREST"]["recall"] == 1.0
    assert per["KILL"]["f1"] == 0.0 and per["KILL"]["support"] == 1
    assert per["ANY_ACTION"]["f1"] == 1.0


def test_news_snippets_are_read_as_ingest_reads_a_report():
    """Multi-sentence leads written for this test (background, attribution and a follow-up after the incident): the
    report reader codes the lead's incident; the sentence classifier on the whole snippet is misled by the rest."""
    from warlog.eval.types import evaluate_types

    data = Path(__file__).parent / "fixtures" / "types" / "news_multi_own.jsonl"
    report = evaluate_types("snippets", data).metrics
    sentence = evaluate_types("snippets", data, reader="sentence").metrics
    assert report["n"] == sentence["n"] == 8
    assert report["weighted_f1"] >= 0.85
    assert report["weighted_f1"] > sentence["weighted_f1"]
