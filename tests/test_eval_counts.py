"""Casualty-count benchmark readers and scoring on tiny files written in each benchmark's format."""

from __future__ import annotations

from pathlib import Path

import pytest

from warlog.eval.counts import evaluate_counts, read_acled, read_gva, read_gvdb, read_wad, strip_acled_coding

FIX = Path(__file__).parent / "fixtures" / "counts"


def test_gvdb_gold_counts_victims() -> None:
    items = list(read_gvdb(FIX / "gvdb.tsv"))
    assert [(i.killed, i.injured) for i in items] == [(1, 2), (0, 1)]  # injured = injured and not killed


def test_gvdb_scores() -> None:
    m = evaluate_counts("gvdb", FIX / "gvdb.tsv").metrics
    assert (m["killed_exact"], m["injured_exact"], m["n"]) == (1.0, 1.0, 2)


def test_gva_incident_takes_the_max_over_its_articles() -> None:
    items = list(read_gva(FIX / "gva"))
    assert [(i.item_id, len(i.texts), i.killed) for i in items] == [("9001", 2, 2), ("9002", 1, 0)]
    m = evaluate_counts("gva", FIX / "gva").metrics
    assert m["killed_exact"] == 1.0  # the later article's toll of two wins
    assert m["injured_exact"] == 0.5  # known weakness: the earlier "two wounded" is not lowered by a later death


def test_wad_reads_usable_rows_and_blank_injured_is_not_zero() -> None:
    items = list(read_wad(FIX / "wad.csv"))
    assert [(i.killed, i.injured) for i in items] == [(12, 30), (5, None)]
    m = evaluate_counts("wad", FIX / "wad.csv").metrics
    assert (m["killed_exact"], m["n"], m["n_injured"]) == (1.0, 2, 1)


@pytest.mark.parametrize(
    ("notes", "expected"),
    [
        ("Four fighters were killed. 4 fatalities.", "Four fighters were killed."),
        ("Regime forces shelled Ariha. Casualties unknown.", "Regime forces shelled Ariha."),
        ("Clashes on the front. Unknown fatalities coded as 10.", "Clashes on the front."),
        ("A man died and one was injured. 1 fatality and 1 injured.", "A man died and one was injured."),
        ("Protesters gathered. [size=no report]", "Protesters gathered."),
    ],
)
def test_acled_coding_statements_are_stripped(notes: str, expected: str) -> None:
    assert strip_acled_coding(notes) == expected


def test_acled_has_no_injured_metrics() -> None:
    assert [i.killed for i in read_acled(FIX / "acled.csv")] == [4, 0, 10]
    m = evaluate_counts("acled", FIX / "acled.csv").metrics
    assert "injured_exact" not in m and m["n"] == 3
    assert m["killed_exact"] == round(2 / 3, 4)  # "coded as 10" is ACLED's guess, not in the stripped text
