"""Sentence roles, page furniture, the taxonomy file and the report-level decisions built on them."""

from __future__ import annotations

from datetime import date

import pytest

from warlog.extract.frames import extract_report
from warlog.extract.roles import EVENT, event_threshold, is_furniture, sentence_role, shipped_roles
from warlog.model import ACLED_TYPES, DISORDER_TYPE, SUB_TO_TYPE, Report
from warlog.taxonomy import taxonomy
from warlog.train.events import BACKGROUND, BOILERPLATE, CLAIM, COMMENTARY, mine_role, reporting_text


def test_taxonomy_file_is_the_one_source():
    tax = taxonomy()
    assert ACLED_TYPES is tax.event_types and DISORDER_TYPE is tax.disorder_types
    assert len(SUB_TO_TYPE) == 25 and SUB_TO_TYPE["Air/drone strike"] == "Explosions/Remote violence"
    assert set(tax.priority) <= set(SUB_TO_TYPE) and len(set(tax.priority)) == len(tax.priority)
    assert tax.within_type["Battles"]["Government regains territory"] > tax.within_type["Battles"]["Armed clash"]
    assert "Explosions/Remote violence" in tax.absorbed_by["Attack"]
    assert tax.max_event_fatalities == 500


@pytest.mark.parametrize(
    "line",
    [
        "02.10.2017Get short URL 4016 A total of 24 fighters were killed",
        "91 Related Aid convoy hit as strikes kill 12 in the city",
        "Share on Facebook Share on Twitter",
        "File photo: smoke rises over the town after an air strike",
        "Related: Five killed in market blast",
    ],
)
def test_page_furniture(line):
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "An air strike killed 12 civilians in the town of Saraqib on Tuesday, the monitor said.",
        "Police said the related investigation was continuing.",
    ],
)
def test_reporting_is_not_furniture(line):
    assert not is_furniture(line)


def test_shipped_role_model_separates_incident_from_commentary():
    model = shipped_roles()
    assert model is not None and EVENT in model.classes
    cut = event_threshold()
    assert 0.0 < cut < 1.0
    incident = sentence_role(
        "Government warplanes struck the market in the village on Monday, killing nine civilians.",
        ["Air/drone strike", "Attack"],
    )
    forecast = sentence_role(
        "The minister warned that the army would launch air strikes on the town if the rebels refused to leave.",
        ["Air/drone strike"],
    )
    assert incident.p_event >= cut > forecast.p_event
    assert abs(sum(incident.probs.values()) - 1.0) < 1e-4


def test_mined_weak_labels():
    assert mine_role("Share this article on Twitter", 2016, ["Air/drone strike"], False) == BOILERPLATE
    assert mine_role("The war that began in 2011 has killed more than 300,000 people.", 2016, ["Attack"], False) in (
        BACKGROUND,
        CLAIM,
    )
    assert (
        mine_role("The army vowed it would retake the town from the militants in the coming days.", 2016, [], False)
        == COMMENTARY
    )


def test_a_lead_behind_a_tag_run_is_mined_as_what_it_says():
    # FA-KES bodies glue the tag run to the lead; the weak label must not call the lead furniture.
    lead = "Tags Yemen Taiz shelling At least nine civilians were killed by shelling on a market on Sunday."
    assert reporting_text(lead).startswith("At least nine")
    assert mine_role(reporting_text(lead), 2016, ["Shelling/artillery/missile attack"], False) == EVENT
    assert reporting_text("Tags Yemen Taiz shelling civilians") == "Tags Yemen Taiz shelling civilians"


def test_toll_above_one_incident_becomes_a_claim(nlp):
    text = (
        "Air strikes hit the town of Saraqib on Tuesday.\n\n"
        "The air strikes on Saraqib on Tuesday killed 4016 people, the monitor said."
    )
    ex = extract_report(Report(text=text, title="", published=date(2016, 9, 28)), nlp)
    assert all((m.fatalities or 0) <= 500 for m in ex.mentions)
    assert any(c.quantity == 4016 and "above 500" in c.what for c in ex.claims)


def test_share_widget_number_is_no_toll(nlp):
    text = (
        "Get short URL 4016\n\n"
        "A car bomb exploded in the centre of Azaz on Sunday, killing five people, a local official said."
    )
    ex = extract_report(Report(text=text, title="", published=date(2016, 9, 25)), nlp)
    assert ex.mentions, "the car bomb is an event"
    assert all(m.fatalities != 4016 for m in ex.mentions)
    assert all("short url" not in e.text.lower() for m in ex.mentions for e in m.evidence)


def test_one_event_per_incident(nlp):
    text = (
        "Regime helicopters dropped barrel bombs on the town of Darayya on Monday, a monitor said.\n\n"
        "Seven civilians were killed in Darayya on Monday, including two children."
    )
    ex = extract_report(Report(text=text, title="", published=date(2016, 8, 1)), nlp)
    assert len(ex.mentions) == 1
    assert ex.mentions[0].sub_event_type == "Air/drone strike"


def test_fakes_gold_reader_refuses_a_file_without_gold(tmp_path):
    from warlog.eval.types import read_fakes_gold

    bad = tmp_path / "x.json"
    bad.write_text('{"articles": [{"events": []}]}', encoding="utf-8")
    with pytest.raises(ValueError, match="no gold events"):
        read_fakes_gold(bad)
    bad.write_text("[]", encoding="utf-8")
    with pytest.raises(ValueError, match="not a fa-kes-gold-dev"):
        read_fakes_gold(bad)


def test_background_toll_is_a_claim_not_an_event(nlp):
    text = (
        "A car bomb exploded at the market in Azaz on Sunday, killing five people, police said.\n\n"
        "The same market was hit by a truck bomb in 2013 that killed more than 40 people."
    )
    ex = extract_report(Report(text=text, title="", published=date(2016, 9, 25)), nlp)
    assert len(ex.mentions) == 1 and ex.mentions[0].fatalities == 5
    assert any(c.quantity == 40 for c in ex.claims)


def test_furniture_words_gate_the_furniture_regex() -> None:
    """is_furniture tests _FURNITURE only on lines holding one of its words: the same answer as the regex alone."""
    from warlog.extract import roles

    def plain(text: str) -> bool:
        if roles._FURNITURE.search(text) is not None or roles._RELATED_RUN.regex.search(text) is not None:
            return True
        words = [w for w in text.split() if w[:1].isalpha()]
        return len(words) >= 10 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)

    lines = [
        "Short URL: http://example.org/x", "Share this article", "Share on Facebook", "Share it with Twitter friends",
        "Related: more news", "related stories", "READ MORE", "Click here to sign up", "Follow us on X",
        "Subscribe to our channel", "\u017fub\u017fcribe now", "All Rights Reserved", "Copyright 2016",
        "\u00a9 2016 Example News", "Photo: AFP", "photographs by staff", "File photo of the town", "Image: Reuters",
        "caption text", "Video: the strike", "Watch: the blast", "Getty Images", "AFP PHOTO / staff",
        "Updated 12:00", "Published on Monday", "Posted by admin", "Email this to a friend or print it",
        "Sign up for our newsletter", "Comments (12)", "We use cookies", "Tags: Syria, Idlib", "91 Related Articles",
        "Three civilians were killed in shelling on the town, activists said.",
        "The Army Said It Had Taken The Town Of Al Bab From The Islamic State Group Fighters",
    ]  # fmt: skip
    for line in lines:
        assert roles.is_furniture(line) == plain(line), line
    assert roles.is_furniture("\u017fub\u017fcribe now")  # long s matches "s" case-insensitively
