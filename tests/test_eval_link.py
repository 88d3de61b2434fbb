"""Coreference scorers on hand-computed examples, and the GVC helpers (mention classes, document grouping)."""

from __future__ import annotations

from datetime import date

import pytest

from warlog.eval.coref_metrics import b_cubed, ceaf_e, clusters_of, conll_scores, muc
from warlog.eval.doc_grouping import group_documents
from warlog.eval.gvc_study import mention_class

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


# ---------------------------------------------------------------------------------------------------------------------
# GVC reader, mention features, the learned mention-type model and clustering

CONLL = """#begin document (0/111/docA); part 0
0/111/docA\t0\t0\t2016-03-04\t-

0/111/docA\t1\t0\tClerk\t-
0/111/docA\t1\t1\tkilled\t(7)
0/111/docA\t1\t2\tin\t-
0/111/docA\t1\t3\tFremont\t-

0/111/docA\t2\t0\tLast\t-
0/111/docA\t2\t1\tyear\t-
0/111/docA\t2\t2\tanother\t-
0/111/docA\t2\t3\tclerk\t-
0/111/docA\t2\t4\twas\t-
0/111/docA\t2\t5\tshot\t(9)
0/111/docA\t2\t6\tin\t-
0/111/docA\t2\t7\tOakdale\t-
#end document
"""


def gvc_mention(mid, sent, tok, word, lemma, pos, description="111.death.1"):
    """A mention in the Zhukova et al. export's shape (only the fields warlog reads)."""
    return {
        "mention_id": mid,
        "conll_doc_key": "0/111/docA",
        "doc_id": "docA",
        "sent_id": sent,
        "tokens_number": [tok],
        "mention_head_id": tok,
        "tokens_str": word,
        "mention_head_lemma": lemma,
        "mention_head_pos": pos,
        "description": description,
        "coref_chain": description,
        "subtopic_id": "111",
    }


def test_gvc_reader_keeps_the_creation_date_and_sentences_but_not_the_gold_column(tmp_path):
    from warlog.eval.gvc_study import read_conll

    (tmp_path / "dataset.conll").write_text(CONLL, encoding="utf-8")
    doc = read_conll(tmp_path / "dataset.conll")["0/111/docA"]
    assert doc.dct == date(2016, 3, 4)
    assert doc.sentences[1] == ["Clerk", "killed", "in", "Fremont"]
    assert "(7)" not in doc.text()


def test_mention_features_see_the_head_and_sentences_about_another_incident(tmp_path):
    from warlog.eval.gvc_study import mention_features, read_conll

    (tmp_path / "dataset.conll").write_text(CONLL, encoding="utf-8")
    doc = read_conll(tmp_path / "dataset.conll")["0/111/docA"]
    title = mention_features(gvc_mention("m1", 1, 1, "killed", "kill", "VERB"), doc, {"Fremont"})
    background = mention_features(gvc_mention("m2", 2, 5, "shot", "shoot", "VERB"), doc, {"Fremont"})
    assert {"lem=kill", "rule=death", "title", "p1=clerk", "core=3"} <= set(title)
    assert {"lem=shoot", "away=last", "away=another", "near_away=year", "core=0"} <= set(background)


def test_softmax_model_learns_and_round_trips_through_json():
    from warlog.eval.gvc_study import SoftmaxModel, train_softmax

    rows = [["lem=kill", "x"], ["lem=die", "x"], ["lem=wound", "y"], ["lem=injure", "y"]] * 5
    labels = ["death", "death", "injuring", "injuring"] * 5
    model = train_softmax(rows, labels, ("death", "injuring"), l2=0.1)
    again = SoftmaxModel.from_json(model.to_json())
    assert model.predict([["x"], ["y"]]) == again.predict([["x"], ["y"]]) == ["death", "injuring"]


def test_clusters_are_group_and_type_and_unannotated_looking_mentions_stay_alone():
    from warlog.eval.gvc_study import GvcDoc, cluster_labels

    docs = {"0/111/docA": GvcDoc("0/111/docA", None)}
    ms = [gvc_mention(f"m{i}", 1, 1, "killed", "kill", "VERB") for i in range(4)]
    labels = cluster_labels(ms, docs, {"0/111/docA": 3}, ["death", "death", "firing_a_gun", "0"])
    assert labels["m0"] == labels["m1"] == (3, "death") and labels["m2"] == (3, "firing_a_gun")
    assert labels["m3"] == ("single", "m3")


def test_cross_validation_folds_by_incident():
    from warlog.eval.gvc_study import cross_validate, incident_folds

    ms = [dict(gvc_mention(f"m{i}", 1, 1, "w", "w", "X"), subtopic_id=f"inc{i % 10}") for i in range(40)]
    folds = incident_folds(ms, 5)
    assert len(folds) == 10 and set(folds.values()) <= set(range(5))
    for m, t in zip(ms, ["death" if i % 2 else "hitting" for i in range(40)], strict=True):
        m["description"] = f"x.{t}.1"
    rows = [["odd"] if i % 2 else ["even"] for i in range(40)]
    assert cross_validate(rows, ms) == ["death" if i % 2 else "hitting" for i in range(40)]


def test_the_shipped_model_reads_a_killing_as_a_death_and_round_trips():
    from warlog.eval.gvc_study import GvcDoc, GvcModel, load_model, mention_features

    doc = GvcDoc("d", date(2016, 3, 4), {1: ["Clerk", "killed", "in", "Fremont"]})
    row = mention_features(gvc_mention("m1", 1, 1, "killed", "kill", "VERB"), doc, {"Fremont"})
    model = load_model()
    assert model.types.predict([row]) == ["death"]
    again = GvcModel.from_json(model.to_json())
    assert again.plural.predict([["vic_n=3", "vic_cue=murder_suicide"]]) == ["several"]


def test_annotated_mentions_are_never_typed_unannotated():
    import numpy as np

    from warlog.eval.gvc_study import TYPES, decide

    proba = np.zeros((2, len(TYPES)))
    proba[0, TYPES.index("0")], proba[0, TYPES.index("hitting")] = 0.6, 0.3
    proba[1, TYPES.index("death")] = 0.9
    assert decide(proba, np.array([0.9, 0.9])) == (["0", "death"], [False, True])
    assert decide(proba, np.array([0.9, 0.1]), annotated=True) == (["hitting", "death"], [True, False])


def test_sentences_whose_ages_are_not_the_headlines_are_marked_with_their_run():
    from warlog.eval.gvc_study import GvcDoc, item_states, title_items

    doc = GvcDoc(
        "0/1/a",
        None,
        {
            1: "Boy , 4 , killed in Dayton".split(),
            2: "The 4-year - old was shot Friday .".split(),
            3: "Last month a 32-year - old man was shot nearby .".split(),
            4: "He survived .".split(),
        },
    )
    ages = title_items({"0/1/a": doc}, {"0/1/a": 0}, "age")
    assert ages == {"0/1/a": {"4"}}
    states = item_states(doc, ages["0/1/a"], "age")
    assert "ages=ok" in states[2] and "ages=other|0" in states[3] and "ages=other|1" in states[4]


@pytest.fixture(scope="module")
def parse():
    """Parse one tokenised sentence with the pipeline the GVC study parses with (POS tags and morphology kept)."""
    from spacy.tokens import Doc

    from warlog.extract.nlp import load_nlp

    nlp = load_nlp(tagged=True)
    return lambda text: nlp(Doc(nlp.vocab, words=text.split()))


@pytest.mark.parametrize(
    ("sentence", "head", "several", "key"),
    [
        ("The woman died at the scene .", "died", False, ("f", "adult")),
        ("Police said the boy was shot on Friday .", "shot", False, ("m", "child")),
        ("A man shot his son , then himself .", "shot", True, ("m", "child")),
        ("Husband shot his wife and son before killing himself .", "shot", True, ("", "")),
        ("Police found three bodies in the home .", "bodies", True, ("", "")),
    ],
)
def test_whom_a_mention_is_about_comes_from_the_parse(parse, sentence, head, several, key):
    from warlog.eval.gvc_study import mention_count, patient_tokens, victim_key

    sent = parse(sentence)
    tok = next(t for t in sent if t.text == head)
    assert (mention_count(tok)[0] >= 2) is several
    assert victim_key(patient_tokens(tok)) == key


def test_victims_of_an_incident_with_several_are_told_apart_by_sex_and_age():
    from warlog.eval.gvc_study import GvcDoc, cluster_labels

    docs = {"0/111/docA": GvcDoc("0/111/docA", None)}
    ms = [gvc_mention(f"m{i}", 1, 1, "killed", "kill", "VERB") for i in range(6)]
    types = ["death"] * 5 + ["firing_a_gun"]
    plural = [True, False, False, False, False, False]
    keys = [("", ""), ("f", "adult"), ("m", "child"), ("f", ""), ("", ""), ("m", "")]
    labels = cluster_labels(ms, docs, {"0/111/docA": 3}, types, plural, keys)
    assert labels["m0"] == (3, "death", "several") and labels["m5"] == (3, "firing_a_gun")
    assert labels["m1"] != labels["m2"]
    assert labels["m3"] == labels["m1"]  # "she" joins the woman, the only female victim
    assert labels["m4"] in (labels["m1"], labels["m2"])
    alone = cluster_labels(ms[1:3], docs, {"0/111/docA": 3}, ["death", "death"], [False, False], keys[1:3])
    assert alone["m1"] == alone["m2"]  # no mention about several victims: one victim, one cluster


def test_cross_validation_learns_types_and_several_victims_within_the_folds():
    from warlog.eval.gvc_study import Features, cross_validate_model, decide

    ms = [dict(gvc_mention(f"m{i}", 1, 1, "w", "w", "X"), subtopic_id=f"inc{i % 10}") for i in range(40)]
    for i, m in enumerate(ms):
        m["description"] = f"x.death.{'12' if i % 2 else '1'}"
    feats = Features([["t"]] * 40, [["odd"] if i % 2 else ["even"] for i in range(40)], [("", "")] * 40)
    types, plural = decide(*cross_validate_model(feats, ms))
    assert types == ["death"] * 40 and plural == [bool(i % 2) for i in range(40)]
