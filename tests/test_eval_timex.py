"""TimeML reading and TempEval-3 scoring on a two-document fixture written for these tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from warlog.eval.timeml import Timex, parse_timeml, read_timeml_dir
from warlog.eval.timex import evaluate_timex, metrics, score_document

FIXTURES = Path(__file__).parent / "fixtures" / "timeml"


def test_reader_strips_tags_and_keeps_offsets() -> None:
    doc = parse_timeml(FIXTURES / "doc1.tml")
    assert doc.dct == date(2016, 9, 27)
    assert "<" not in doc.text and "struck the market on Monday" in doc.text
    assert [(t.text, t.type, t.value) for t in doc.timexes] == [
        ("Monday", "DATE", "2016-09-26"),
        ("now", "DATE", "PRESENT_REF"),
        ("three months", "DURATION", "P3M"),
        ("weekly", "SET", "P1W"),
    ]
    assert all(doc.text[t.start : t.end] == t.text for t in doc.timexes)


def test_reader_reads_a_string_and_skips_the_dct() -> None:
    xml = (
        '<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2000-01-05" functionInDocument="CREATION_TIME">'
        'Jan 5</TIMEX3></DCT><TEXT>Talks ended <TIMEX3 tid="t1" type="DATE" value="2000-01-04">yesterday'
        "</TIMEX3>.</TEXT></TimeML>"
    )
    doc = parse_timeml(xml, doc_id="x")
    assert (doc.text, doc.dct_value) == ("Talks ended yesterday.", "2000-01-05")
    assert [(t.start, t.end) for t in doc.timexes] == [(12, 21)]


def test_scoring_strict_relaxed_and_value() -> None:
    gold = [Timex(0, 10, "last April", "DATE", "1989-04"), Timex(20, 26, "Friday", "DATE", "1989-10-27")]
    system = [(5, 10, "1989-04", "DATE"), (20, 26, "1989-11-03", "DATE"), (40, 44, "PRESENT_REF", "DATE")]
    m = metrics(score_document(gold, system))
    assert m["relaxed_precision"] == round(2 / 3, 4) and m["relaxed_recall"] == 1.0
    assert m["strict_precision"] == round(1 / 3, 4) and m["strict_recall"] == 0.5
    assert m["value_accuracy"] == 0.5
    assert m["value_f1"] == round(m["relaxed_f1"] * 0.5, 4)


def test_warlog_finds_every_fixture_timex() -> None:
    result = evaluate_timex(FIXTURES)
    assert result.metrics["n_docs"] == 2 and result.metrics["n_gold"] == 8
    assert result.metrics["strict_f1"] == 1.0
    assert result.metrics["value_f1"] == 1.0
    assert {a.metric for a in result.anchors} >= {"value_f1"}


def test_directory_reader_sorts_documents() -> None:
    assert [d.doc_id for d in read_timeml_dir(FIXTURES)] == ["doc1", "doc2"]
