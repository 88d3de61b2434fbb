"""Coreference scorers on hand-computed examples, and the GVC helpers (mention classes, document grouping)."""

from __future__ import annotations

from datetime import date

import pytest

from warlog.link.benchmarks import group_documents, mention_class
from warlog.link.metrics import b_cubed, ceaf_e, clusters_of, conll_scores, muc

# key {a b c} {d e}; response {a b} {c d e}
KEY = [{"a", "b", "c"}, {"d", "e"}]
RESPONSE = [{"a", "b"}, {"c", "d", "e"}]


def test_muc_counts_links():
    r, p, f = muc(KEY, RESPONSE)
    # recall: (3-2) + (2-1) over (2 + 1); precision: (2-1) + (3-2) over (1 + 2)
    assert (r, p) == pytest.approx((2 / 3, 2 / 3)) and f == pytest.approx(2 / 3)


def test_b_cubed_averages_over_mentions():
    r, p, _ = b_cubed(KEY, RESPONSE)
    assert r == pytest.approx(11 / 15) and p == pytest.approx(11 / 15)


def test_ceaf_e_aligns_entities_one_to_one():
    r, p, _ = ceaf_e(KEY, RESPONSE)
    # phi4({abc},{ab}) = 4/5, phi4({de},{cde}) = 4/5: 1.6 over 2 key and 2 response entities
    assert (r, p) == pytest.approx((0.8, 0.8))


def test_perfect_and_all_singletons():
    assert conll_scores(KEY, KEY)["conll_f1"] == pytest.approx(1.0)
    singles = [{m} for m in "abcde"]
    s = conll_scores(KEY, singles)
    assert s["muc_f1"] == 0 and s["b3_p"] == 1 and s["b3_r"] == pytest.approx((3 * 1 / 3 + 2 * 1 / 2) / 5)


def test_clusters_of_groups_by_label():
    assert sorted(map(sorted, clusters_of({"m1": 1, "m2": 1, "m3": 2}))) == [["m1", "m2"], ["m3"]]


@pytest.mark.parametrize(
    ("lemma", "pos", "surface", "previous", "expected"),
    [
        ("kill", "VERB", "killed", "was", "death"),
        ("shoot", "VERB", "shot", "was", "hitting"),
        ("shooting", "NOUN", "shooting", "the", "incident"),
        ("shooting", "NOUN", "shooting", "a", "incident"),
        ("shooting", "NOUN", "shooting", "fatal", "firing"),
        ("wound", "NOUN", "wounds", "gunshot", "injuring"),
        ("vigil", "NOUN", "vigil", "a", None),
    ],
)
def test_gun_violence_mention_classes(lemma, pos, surface, previous, expected):
    assert mention_class(lemma, pos, surface, previous) == expected


def test_documents_about_the_same_incident_are_grouped():
    texts = {
        "d1": "Police in Dayton said Marcus Reed was shot outside the Elm Street laundromat on Friday night.",
        "d2": "Marcus Reed, 24, died Saturday; Dayton detectives are still searching Elm Street for witnesses.",
        "d3": "A hunter in Bozeman was wounded when a rifle went off inside his truck, Gallatin deputies said.",
    }
    dates = {"d1": date(2015, 6, 5), "d2": date(2015, 6, 6), "d3": date(2015, 6, 6)}
    g = group_documents(texts, dates)
    assert g["d1"] == g["d2"] != g["d3"]
