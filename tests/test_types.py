"""Event type and sub-type of one sentence: the trigger lexicon, ACLED's precedence rules and the negatives."""

from __future__ import annotations

import pytest

from warlog.eval.types import CASE2021_LABELS
from warlog.extract.types import (
    classify_sentence,
    find_triggers,
    is_conflict_event,
    lexicon_view,
    model_features,
)
from warlog.model import ACLED_TYPES, DISORDER_TYPE, SUB_TO_TYPE


@pytest.mark.parametrize(
    ("sentence", "sub"),
    [
        ("Government warplanes struck the village of Kafr Nabl on Tuesday.", "Air/drone strike"),
        ("A drone strike hit a car on the road to Idlib airport.", "Air/drone strike"),
        ("Helicopters dropped barrel bombs on the eastern districts.", "Air/drone strike"),
        ("Rebel mortar shells landed in the old quarter of the city.", "Shelling/artillery/missile attack"),
        ("A cruise missile launched from a warship hit a depot near the port.", "Shelling/artillery/missile attack"),
        ("Heavy clashes broke out between two factions near the border crossing.", "Armed clash"),
        ("Militants ambushed an army patrol on the highway.", "Armed clash"),
        ("Government troops recaptured the town of Morek after a week of fighting.", "Government regains territory"),
        (
            "Islamic State fighters seized the town of Qaryatain from government troops.",
            "Non-state actor overtakes territory",
        ),
        ("A suicide bomber blew himself up at a checkpoint outside the city.", "Suicide bomb"),
        ("A roadside bomb exploded as a minibus passed through the village.", "Remote explosive/landmine/IED"),
        ("Two shepherds were wounded when they stepped on a landmine.", "Remote explosive/landmine/IED"),
        ("An attacker threw a hand grenade into the courtyard of a police post.", "Grenade"),
        ("Residents reported a chlorine attack on the suburb.", "Chemical weapon"),
        ("Masked gunmen shot dead a local council member outside his home.", "Attack"),
        ("The militants executed nine civilians in the main square.", "Attack"),
        ("Gunmen kidnapped an aid worker on the road to the camp.", "Abduction/forced disappearance"),
        ("Fighters raped two women during the raid on the village.", "Sexual violence"),
        ("Hundreds of teachers held a peaceful protest outside the governor's office.", "Peaceful protest"),
        ("Police fired tear gas to disperse the demonstrators in the main square.", "Protest with intervention"),
        ("Security forces opened fire on protesters, killing three of them.", "Excessive force against protesters"),
        ("Rioters threw stones at the police and burned tyres on the main road.", "Violent demonstration"),
        ("A mob lynched a man accused of stealing a motorbike.", "Mob violence"),
        ("The two sides signed a ceasefire agreement in the capital.", "Agreement"),
        ("Police arrested four journalists at their office.", "Arrests"),
        ("Army engineers defused an explosive device planted under a bridge.", "Disrupted weapons use"),
        ("Air defences shot down a drone over the air base.", "Disrupted weapons use"),
        (
            "The army established a new military base on the hill overlooking the town.",
            "Headquarters or base established",
        ),
        ("Fighters looted shops and torched several houses in the village.", "Looting/property destruction"),
        (
            "Rebels handed over the town to government forces under a reconciliation deal.",
            "Non-violent transfer of territory",
        ),
        ("A Turkish military convoy entered the province with reinforcements.", "Change to group/activity"),
    ],
)
def test_each_sub_type(sentence: str, sub: str) -> None:
    match = classify_sentence(sentence)
    assert match is not None
    assert match.sub_event_type == sub
    assert match.event_type == SUB_TO_TYPE[sub]
    assert match.disorder_type == DISORDER_TYPE[SUB_TO_TYPE[sub]]
    assert sentence[match.start : match.end] == match.trigger
    assert 0.0 < match.score <= 1.0


@pytest.mark.parametrize(
    ("sentence", "context", "sub"),
    [
        # Chemical weapon beats the air strike that delivered it.
        ("Regime helicopters dropped barrels of chlorine gas on the town.", "", "Chemical weapon"),
        # An air strike during a ground battle is part of the battle (same sentence or context).
        ("Warplanes backed government troops as fierce clashes raged around the town.", "", "Armed clash"),
        (
            "Warplanes pounded rebel positions near the town.",
            "Ground fighting raged on the southern front.",
            "Armed clash",
        ),
        ("Warplanes pounded rebel positions near the town.", "", "Air/drone strike"),
        # The territory change beats the clash that led to it.
        (
            "After heavy clashes, government forces retook the village from the rebels.",
            "",
            "Government regains territory",
        ),
        # Suicide bomb beats IED.
        ("A suicide car bomb exploded at the gate of the base.", "", "Suicide bomb"),
        # Protests: excessive force > intervention > peaceful.
        (
            "Police used tear gas and then opened fire on the demonstrators, killing two.",
            "",
            "Excessive force against protesters",
        ),
        (
            "Students protested in the square until police dispersed them with water cannons.",
            "",
            "Protest with intervention",
        ),
        # Detention by a non-state group is an abduction; by the state an arrest.
        ("HTS detained three activists in the town.", "", "Abduction/forced disappearance"),
        ("Security forces detained three activists in the town.", "", "Arrests"),
        # Killing fighters is a battle, killing civilians an attack.
        ("Gunmen shot dead two soldiers at a checkpoint.", "", "Armed clash"),
        ("Gunmen shot dead two farmers in their field.", "", "Attack"),
        # Killing surrendered fighters is violence against civilians; downing a manned aircraft is a battle.
        ("The militants beheaded eight soldiers who had surrendered.", "", "Attack"),
        ("A military helicopter was shot down by rebels near the airport.", "", "Armed clash"),
        # A bare "strikes" in war reporting is an air strike, but it yields to a named weapon.
        ("Three strikes hit the market on Monday, killing nine civilians.", "", "Air/drone strike"),
        ("A bomb killed six people near the bus station.", "", "Remote explosive/landmine/IED"),
        # A foreign army taking a town "overtakes" it.
        ("Turkish forces captured the town of Tal Abyad from the SDF.", "", "Non-state actor overtakes territory"),
        # The actors argument tells who took it when the sentence does not.
        ("The town was captured on Sunday.", "", "Non-state actor overtakes territory"),
    ],
)
def test_precedence(sentence: str, context: str, sub: str) -> None:
    match = classify_sentence(sentence, context=context)
    assert match is not None
    assert match.sub_event_type == sub


def test_actors_argument_decides_who_captured() -> None:
    plain = classify_sentence("The village of Tal Tuqan was captured on Sunday.", actors=["regime forces"])
    assert plain is not None and plain.sub_event_type == "Government regains territory"
    rebels = classify_sentence("The village of Tal Tuqan was captured on Sunday.", actors=["HTS: Hayat Tahrir al Sham"])
    assert rebels is not None and rebels.sub_event_type == "Non-state actor overtakes territory"


@pytest.mark.parametrize(
    "sentence",
    [
        "More than 400,000 people have been killed in the war since 2011.",
        "The agency delivered humanitarian aid to 20,000 families.",
        "The talks on a ceasefire failed on Monday.",
        "The army threatened to strike the town if the rebels did not leave.",
        "The group warned of new attacks during the holiday.",
        "Officials said they will attack the rebel stronghold soon.",
        "The conflict has entered its ninth year with no political solution in sight.",
    ],
)
def test_negatives(sentence: str) -> None:
    assert classify_sentence(sentence) is None
    assert not is_conflict_event(sentence)


def test_denial_keeps_a_low_score() -> None:
    match = classify_sentence("The ministry denied carrying out air strikes on the hospital.")
    assert match is not None and match.sub_event_type == "Air/drone strike"
    assert match.score < 0.4
    assert not is_conflict_event("The ministry denied carrying out air strikes on the hospital.")


def test_find_triggers_lists_all_in_order() -> None:
    sentence = "Rebels shelled the town while warplanes struck the market."
    subs = [m.sub_event_type for m in find_triggers(sentence)]
    assert subs == ["Shelling/artillery/missile attack", "Air/drone strike"]
    starts = [m.start for m in find_triggers(sentence)]
    assert starts == sorted(starts)


def test_is_conflict_event() -> None:
    assert is_conflict_event("Warplanes struck a market in the town, killing 12 civilians.")
    assert not is_conflict_event("The minister met his counterpart to discuss trade.")


def test_case2021_labels_map_to_acled_names() -> None:
    all_subs = {sub for subs in ACLED_TYPES.values() for sub in subs}
    assert len(CASE2021_LABELS) == 30
    mapped = {v for v in CASE2021_LABELS.values() if v is not None}
    assert mapped <= all_subs
    assert len(mapped) == 25
    assert CASE2021_LABELS["ART_MISS_ATTACK"] == "Shelling/artillery/missile attack"
    assert CASE2021_LABELS["DIPLO"] is None


def test_shipped_model_loads_and_names_acled_sub_types() -> None:
    from warlog.extract.type_model import shipped_model
    from warlog.model import SUB_TO_TYPE

    model = shipped_model()
    assert model is not None
    assert set(model.classes) <= set(SUB_TO_TYPE)
    assert {"Armed clash", "Peaceful protest", "Air/drone strike"} <= set(model.classes)
    assert model.weights.shape == (len(model.buckets), len(model.classes))
    assert model.meta["heldout_countries"]  # the split is recorded for `warlog eval types --corpus acled`


@pytest.mark.parametrize(
    ("sentence", "sub"),
    [
        ("Hundreds of nurses marched to the health ministry to demand overdue wages.", "Peaceful protest"),
        (
            "Militants fired mortar shells at an army post near the border town overnight.",
            "Shelling/artillery/missile attack",
        ),
        ("A drone strike hit a car carrying two militant commanders outside the city.", "Air/drone strike"),
        ("Gunmen abducted a local council member from his home in the village.", "Abduction/forced disappearance"),
    ],
)
def test_model_prediction_agrees_on_plain_sentences(sentence: str, sub: str) -> None:
    from warlog.extract.type_model import shipped_model

    model = shipped_model()
    assert model is not None
    live, choice = lexicon_view(sentence)
    predicted, p = model.predict(model_features(sentence, live, choice))
    assert predicted == sub and 0.0 < p <= 1.0
    match = classify_sentence(sentence)
    assert match is not None and match.sub_event_type == sub


@pytest.mark.parametrize(
    "sentence",
    [
        "The minister met his counterpart to discuss trade and investment.",
        "The two foreign ministers signed a trade memorandum in the capital.",
        "Floods swept away dozens of houses after three days of heavy rain.",
        "The assembly will meet again on Monday to debate the budget.",
    ],
)
def test_classify_sentence_still_rejects_non_events(sentence: str) -> None:
    assert classify_sentence(sentence) is None


def test_model_keeps_the_lexicon_sure_types() -> None:
    match = classify_sentence("A suicide bomber blew himself up at a checkpoint, killing six soldiers.")
    assert match is not None and match.sub_event_type == "Suicide bomb"


def test_blowing_up_a_car_bomb_is_an_ied_not_property_destruction():
    from warlog.extract.types import classify_sentence

    m = classify_sentence("Gunmen blew up a car bomb outside a mosque in the town, killing nine people.")
    assert m is not None and m.sub_event_type == "Remote explosive/landmine/IED"
    m = classify_sentence("Militants blew up a car belonging to a local official.")
    assert m is not None and m.sub_event_type == "Looting/property destruction"
