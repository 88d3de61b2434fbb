"""The learned toponym recogniser, feature types with their geo_precision, and event places loaded by year."""

from __future__ import annotations

import csv
import gzip
from pathlib import Path

import pytest

from warlog.extract.places import Toponym, find_toponyms, place_from_entry
from warlog.extract.toponyms import (
    FEATURES,
    ToponymModel,
    abbreviation_toponyms,
    candidate_features,
    doc_view,
    fit_logistic,
    load_model,
    marked_as_place,
)
from warlog.gazetteer import GazEntry, Gazetteer, get_gazetteer
from warlog.gazetteer.features import geo_precision, kind_of_name
from warlog.gazetteer.loaders import event_place_rows, load_events


def test_shipped_model_loads_with_held_out_scores() -> None:
    model = load_model()
    assert model is not None
    assert set(model.weights) <= set(FEATURES)
    assert 0.0 < model.threshold < 1.0
    held = model.meta["held_out"]
    assert len(held) == 3 and all(0.0 < r["ner_f1"] <= 1.0 for r in held.values())


def test_dotted_abbreviations_become_toponyms() -> None:
    gaz = get_gazetteer()
    text = "Officials in the U.S. and in Columbia, S.C., said so."
    found = {t.surface: t for t in abbreviation_toponyms(text, gaz, [], Toponym)}
    assert "U.S." in found and any(c.iso == "US" and c.feature == "country" for c in found["U.S."].candidates)
    assert "S.C." in found and any(c.feature == "admin1" for c in found["S.C."].candidates)


def test_upper_case_words_are_countries_only() -> None:
    gaz = get_gazetteer()
    found = {t.surface for t in abbreviation_toponyms("The UK and IT staff met AT noon.", gaz, [], Toponym)}
    assert "UK" in found
    assert "IT" not in found and "AT" not in found


def _all(text: str, word: str) -> list[int]:
    """Offsets of every occurrence of a word."""
    out, i = [], text.find(word)
    while i >= 0:
        out.append(i)
        i = text.find(word, i + 1)
    return out


def test_model_drops_a_surname_and_keeps_a_city() -> None:
    text = (
        "Mayor Tom Hoak said on Monday that Hoak would not run again. Hoak spoke at a meeting in Lancaster, "
        "where residents of Lancaster asked about the new road."
    )
    ner = [(6, 14, "PERSON")]
    ner += [(i, i + 4, "PERSON") for i in _all(text, "Hoak") if i != 10]
    ner += [(i, i + 9, "GPE") for i in _all(text, "Lancaster")]
    kept = {t.surface for t in find_toponyms(text, ner)}
    assert "Lancaster" in kept
    assert "Hoak" not in kept


def test_features_read_ner_elsewhere_and_casing() -> None:
    gaz = get_gazetteer()
    text = "Sen. Hall said the hall was full. Residents of Hall met."
    ner = [(5, 9, "PERSON")]
    view = doc_view(text, ner)
    start = text.rindex("Hall")
    top = Toponym(start, start + 4, "Hall", gaz.lookup("Hall"))
    f = candidate_features(top, view)
    assert f["doc_person"] == 1.0 and f["lower_in_doc"] == 1.0 and f["prev_locative"] == 1.0


def test_place_nouns_keep_what_the_model_would_drop() -> None:
    text = "Bombs fell on the al-Shaar neighbourhood of Aleppo, said Lancaster."
    ner = [(18, 26, "PERSON"), (57, 66, "PERSON")]
    never = ToponymModel({}, -30.0)  # a model that calls nothing a place
    kept = {t.surface for t in find_toponyms(text, ner, model=never)}
    assert "al-Shaar" in kept and "Lancaster" not in kept


def test_regional_names_spacy_calls_person_stay() -> None:
    text = "Warplanes bombed the main market of Maarat al-Numan in Syria on Saturday."
    start = text.index("Maarat")
    never = ToponymModel({}, -30.0)
    kept = {t.surface for t in find_toponyms(text, [(start, start + 15, "PERSON")], model=never)}
    assert "Maarat al-Numan" in kept


def test_settlements_of_named_countries_without_an_article_are_the_models() -> None:
    # "Baker" is a US town, and the report names the US; spaCy's PERSON label and the model decide it, not the region
    text = "Officials in the U.S. said Baker met residents of Maarat al-Numan in Syria on Saturday."
    start = text.index("Maarat")
    ner = [(27, 32, "PERSON"), (start, start + 15, "PERSON")]
    never = ToponymModel({}, -30.0)
    kept = {t.surface for t in find_toponyms(text, ner, model=never)}
    assert "Baker" not in kept
    assert "Maarat al-Numan" in kept


def test_region_features_mark_places_of_the_countries_named() -> None:
    gaz = get_gazetteer()
    text = "Shells hit Saraqib in Syria."
    start = text.index("Saraqib")
    top = Toponym(start, start + 7, "Saraqib", gaz.lookup("Saraqib"), [1.0] * len(gaz.lookup("Saraqib")))
    assert top.candidates and any(c.iso == "SY" for c in top.candidates)
    assert candidate_features(top, doc_view(text, [], frozenset({"SY"})))["in_region"] == 1.0
    assert "in_region" not in candidate_features(top, doc_view(text, [], frozenset({"US"})))
    loose = Toponym(start, start + 7, "Saraqib", top.candidates, [0.86] * len(top.candidates))
    f = candidate_features(loose, doc_view(text, [], frozenset({"SY"})))
    assert f["in_region_loose"] == 1.0 and "in_region" not in f


def test_a_modifier_before_the_place_noun_still_marks_a_place() -> None:
    for text, name in (
        ("Rebels shelled the Kweyris military airport.", "Kweyris"),
        ("Tents burned in the Rukban refugee camp.", "Rukban"),
    ):
        start = text.index(name)
        assert marked_as_place(text, Toponym(start, start + len(name), name, []))
    text = "Kweyris military said so."
    assert not marked_as_place(text, Toponym(0, 7, "Kweyris", []))


def test_part_of_an_unknown_name_does_not_anchor_a_capital_abroad() -> None:
    # "Gresham" as part of a longer name the gazetteer lacks (a mosque) must not pull Damascus to Oregon
    from warlog.extract.places import resolve_toponyms

    gaz = get_gazetteer()
    text = "A bomb hit Damascus on Friday near the Gresham Mosque."
    damascus = gaz.lookup("Damascus")
    gresham = [c for c in gaz.lookup("Gresham") if c.iso == "US"]
    assert any(c.admin1 == "Oregon" for c in gresham)

    def resolved(partial: bool) -> str | None:
        tops = [
            Toponym(11, 19, "Damascus", damascus, [1.0] * len(damascus)),
            Toponym(39, 46, "Gresham", gresham, [1.0] * len(gresham), partial=partial),
        ]
        place = resolve_toponyms(tops, text)[0]
        return place.country if place else None

    assert resolved(partial=True) == "Syria"
    assert resolved(partial=False) == "United States"  # a whole name is a real anchor: Damascus, Oregon


def test_logistic_fit_learns_a_separable_feature() -> None:
    rows = [{"ner_gpe": 1.0}] * 20 + [{"ner_person": 1.0}] * 20
    labels = [1] * 20 + [0] * 20
    weights, bias = fit_logistic(rows, labels, l2=0.1)
    model = ToponymModel(weights, bias)
    assert model.probability({"ner_gpe": 1.0}) > 0.9 > 0.1 > model.probability({"ner_person": 1.0})


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Hole Camp", "camp"),
        ("Hmeimim Air Base", "airport"),
        ("Tishreen Dam", "dam"),
        ("Bab al-Hawa crossing", "crossing"),
        ("National Hospital", "facility"),
        ("128th Brigade", "base"),
        ("Sanam Bridge", "landmark"),
        ("Syrian Desert", "region"),
        ("Tell Abyad", "village"),
    ],
)
def test_kind_of_name(name: str, kind: str) -> None:
    assert kind_of_name(name) == kind


def test_geo_precision_rules() -> None:
    assert geo_precision("camp") == 1 and geo_precision("airport", "near") == 2
    assert geo_precision("region") == 2 and geo_precision("admin2") == 2
    assert geo_precision("admin1") == 3 and geo_precision("country") == 3
    site = GazEntry("x-1", "Tishreen Dam", "dam", 36.38, 38.2, country="Syria", iso="SY", admin1="Aleppo")
    assert place_from_entry(site, None, "Tishreen Dam").geo_precision == 1
    assert place_from_entry(site, "near", "Tishreen Dam").geo_precision == 2


def _acled_file(path: Path) -> Path:
    rows = [
        {"year": "2017", "location": "Hole Camp", "admin1": "Al Hasakeh", "latitude": "36.37", "longitude": "41.13",
         "geo_precision": "1"},
        {"year": "2017", "location": "Hole Camp", "admin1": "Al Hasakeh", "latitude": "36.39", "longitude": "41.15",
         "geo_precision": "1"},
        {"year": "2017", "location": "Aleppo - Sheikh Maqsoud", "admin1": "Aleppo", "latitude": "36.23",
         "longitude": "37.16", "geo_precision": "1"},
        {"year": "2017", "location": "Somewhere Wide", "admin1": "Aleppo", "latitude": "36.0", "longitude": "37.0",
         "geo_precision": "2"},
        {"year": "2021", "location": "Zir", "admin1": "Deir ez Zor", "latitude": "35.12", "longitude": "40.43",
         "geo_precision": "1"},
    ]  # fmt: skip
    out = path / "acled.csv.gz"
    with gzip.open(out, "wt", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return out


def test_event_places_of_chosen_years_only(tmp_path: Path) -> None:
    rows = {r["name"]: r for r in event_place_rows(_acled_file(tmp_path), "acled", [2017])}
    assert set(rows) == {"Hole Camp", "Sheikh Maqsoud"}  # point precision, 2017 only
    assert rows["Hole Camp"]["feature"] == "camp" and rows["Hole Camp"]["lat"] == pytest.approx(36.38)
    assert rows["Sheikh Maqsoud"]["feature"] == "district" and rows["Sheikh Maqsoud"]["city"] == "Aleppo"


def test_loaded_event_years_are_recorded(tmp_path: Path) -> None:
    index = tmp_path / "gaz.sqlite"
    gaz = get_gazetteer()
    index.write_bytes(Path(gaz.path).read_bytes()) if gaz.path else None
    n = load_events(_acled_file(tmp_path), index, "acled", [2017])
    assert n == 2
    loaded = Gazetteer.open(index)
    years = loaded.event_years()
    assert years["acled"] == {2017} and years["ucdp"] == {2016, 2017, 2018}
    assert any(e.feature == "camp" for e in loaded.lookup("Hole Camp"))
    with pytest.raises(ValueError):
        load_events(_acled_file(tmp_path), index, "gdelt", [2017])


def test_demonyms_stand_for_their_country_only_when_asked() -> None:
    text = "Georgian officials accused Russian troops of shelling villages, and two Palestinians were hurt."
    ner = [(0, 8, "NORP"), (27, 34, "NORP"), (72, 83, "NORP")]
    default = find_toponyms(text, ner)
    assert not any(t.surface.startswith(("Georgian", "Russian", "Palestinian")) for t in default)
    tops = {t.surface: t for t in find_toponyms(text, ner, demonyms=True)}
    assert {"Georgian", "Russian", "Palestinians"} <= set(tops)
    assert tops["Russian"].candidates[0].iso == "RU" and tops["Russian"].candidates[0].feature == "country"
    assert tops["Georgian"].candidates[0].iso == "GE"


def test_a_demonym_read_as_a_language_or_person_is_not_a_country() -> None:
    text = "The clinic hired nurses who speak French, said Dr. Amy French."
    ner = [(35, 41, "LANGUAGE"), (51, 61, "PERSON")]
    assert not any(t.demonym for t in find_toponyms(text, ner, demonyms=True))
