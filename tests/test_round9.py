"""Round 9: whole-report decisions that generalise (own sentences and reports written here, no corpus text)."""

from __future__ import annotations

from datetime import date

import pytest

from warlog.extract.actors import assign_roles
from warlog.extract.frames import extract_report
from warlog.extract.nlp import load_nlp
from warlog.extract.types import classify_sentence
from warlog.model import Report


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def _events(nlp, text: str, published: date):
    return extract_report(Report(text=text, published=published), nlp).mentions


def test_troops_that_came_under_fire_fought_the_group_that_fired() -> None:
    s = (
        "Soldiers and gendarmes searching a farm near the border came under heavy fire from fighters of the "
        "Lord's Resistance Army on Monday."
    )
    match = classify_sentence(s)
    assert match is not None and match.sub_event_type == "Armed clash"
    roles = assign_roles(s, "Armed clash", "Central African Republic", s.index("came under"))
    assert "Lord's Resistance Army" in (roles.actor1 or "")
    assert roles.actor2 is not None and roles.actor2.startswith("Military Forces of the Central African Republic")
    # the gendarmes fought on the soldiers' side, never beside the group that fired on them
    assert roles.assoc_actor_1 is None


def test_people_on_a_bus_that_came_under_fire_were_attacked(nlp) -> None:
    text = (
        "Bus attacked on highway\n"
        "KANO, Nigeria, 9 March 2023 -\n"
        "A minibus carrying traders came under fire from gunmen outside Tsafe on Wednesday, killing five "
        "passengers, police said.\n"
    )
    events = _events(nlp, text, date(2023, 3, 9))
    assert [e.sub_event_type for e in events] == ["Attack"]
    assert events[0].actor2 == "Civilians (Nigeria)"
    assert events[0].fatalities == 5


def test_people_detained_in_a_raid_that_became_a_gunfight_are_the_gunfight(nlp) -> None:
    text = (
        "Gunfight during raid on ranch\n"
        "MEXICO CITY, 12 May 2021 -\n"
        "Marines raiding a ranch near Tecpan clashed with gunmen of the Jalisco cartel on Tuesday, killing six of "
        "them, the navy said.\n"
        "The navy said nine suspects were arrested at the ranch and rifles were seized.\n"
    )
    events = _events(nlp, text, date(2021, 5, 12))
    assert [e.sub_event_type for e in events] == ["Armed clash"]


def test_a_raid_near_a_city_then_the_village_it_was_in_is_one_event_there(nlp) -> None:
    text = (
        "Troops kill gunmen in raid\n"
        "MEXICO CITY, 7 February 2022 -\n"
        "Soldiers killed eleven gunmen on Sunday in a raid near Culiacan, the defence ministry said.\n"
        "The troops had surrounded a house in the village of Jesus Maria, north of the state capital, and came "
        "under fire from gunmen of the Sinaloa Cartel.\n"
    )
    events = _events(nlp, text, date(2022, 2, 7))
    assert len(events) == 1
    e = events[0]
    assert e.sub_event_type == "Armed clash"
    assert e.place is not None and e.place.geo_precision == 1 and "Mar" in e.place.location
    assert {e.actor1, e.actor2} >= {"Sinaloa Cartel"}
    assert e.fatalities == 11


def test_the_group_whose_stronghold_a_town_is_was_not_hit() -> None:
    s = (
        "A strike by the Saudi-led coalition on a market in Saada, the northern stronghold of the Houthi "
        "movement, killed at least 12 people on Monday."
    )
    roles = assign_roles(s, "Air/drone strike", "Yemen", s.index("strike"))
    assert roles.actor2 == "Civilians (Yemen)"


@pytest.mark.parametrize(
    ("sentence", "sub"),
    [
        ("Rebels stormed the district headquarters on Friday, taking control of the town after a gunfight.",
         "Non-state actor overtakes territory"),
        ("The militants, who arrived on motorbikes, overpowered the soldiers guarding the bridge.", "Armed clash"),
        ("Jihadists engaged troops near the dam for three hours before withdrawing.", "Armed clash"),
    ],
)  # fmt: skip
def test_new_codebook_wording(sentence: str, sub: str) -> None:
    match = classify_sentence(sentence)
    assert match is not None and match.sub_event_type == sub


TAKEOVER = (
    "Insurgents seize northern town\n"
    "Maiduguri, Nigeria, 3 July 2022 —\n"
    "Fighters of Boko Haram on Friday night invaded Damasak, the headquarters of Mobbar Local Government Area of "
    "Borno State, overpowering soldiers and taking control of the town, residents said.\n"
    "The fighters, who came on motorcycles, engaged troops at a base on the edge of the town before the soldiers "
    "pulled out. A security source said three soldiers were killed in the fighting.\n"
    "The insurgents later gathered people at the market and preached to them.\n"
    "Witnesses said the militants searched homes for people they accused of helping the army.\n"
    "At least six residents were killed, according to a trader who later fled to Maiduguri.\n"
)


def test_a_takeover_then_killings_of_residents_told_apart(nlp) -> None:
    events = _events(nlp, TAKEOVER, date(2022, 7, 3))
    by_sub = {e.sub_event_type: e for e in events}
    assert set(by_sub) == {"Non-state actor overtakes territory", "Attack"}
    taken, killed = by_sub["Non-state actor overtakes territory"], by_sub["Attack"]
    # the town a PERSON-labelled name is, by its appositive ("X, the headquarters of ... Area")
    assert taken.place is not None and taken.place.location == "Damasak"
    assert taken.fatalities == 3
    # the killings go on about the takeover: its day, its town (not where the witness fled), its group
    assert killed.event_date == date(2022, 7, 1)
    assert killed.place is not None and killed.place.location == "Damasak"
    assert killed.fatalities == 6
    assert killed.actor1 == taken.actor1 and "Boko Haram" in (killed.actor1 or "")


def test_a_vehicle_that_struck_a_mine_is_the_target() -> None:
    s = "An army truck of the Nigerien Armed Forces struck a landmine near the border on Friday, killing four soldiers."
    roles = assign_roles(s, "Remote explosive/landmine/IED", "Niger", s.index("landmine"))
    assert roles.actor1 == "Unidentified Armed Group (Niger)"
    assert roles.actor2 is not None and roles.actor2.startswith("Military Forces of Niger")


def test_a_village_that_was_attacked_is_an_attack() -> None:
    s = "The hamlet, on the road to the district town, was attacked before dawn by dozens of armed men on motorbikes."
    match = classify_sentence(s)
    assert match is not None and match.sub_event_type == "Attack"


def test_a_town_abroad_read_from_an_alternate_name_is_no_place(nlp) -> None:
    text = (
        "Soldiers killed in central Mali\n"
        "BAMAKO, 4 May 2020 -\n"
        "Two Malian soldiers were killed on Sunday when their patrol was ambushed by gunmen on the road near Boni, "
        "the army said.\n"
    )
    events = _events(nlp, text, date(2020, 5, 4))
    assert events and all(e.place is None or e.place.iso == "ML" for e in events)


def test_a_lead_told_on_a_weekday_with_an_old_year_in_a_clause_is_news(nlp) -> None:
    text = (
        "Rebels take border town\n"
        "KINSHASA, 10 March 2023 -\n"
        "Rebels seized the town of Kitagoma near the Ugandan border on Wednesday after a day of fighting with the "
        "army, residents said, their biggest gain since they captured Goma in 2012.\n"
    )
    events = _events(nlp, text, date(2023, 3, 10))
    taken = [e for e in events if e.sub_event_type == "Non-state actor overtakes territory"]
    assert len(taken) == 1 and taken[0].event_date == date(2023, 3, 8)
    # the town the gazetteer lacks, nearest the event word, not the city of the 2012 clause
    assert taken[0].place is not None and taken[0].place.location != "Goma"
    assert "Kitagoma" in taken[0].unresolved_places


def test_marchers_who_then_looted_made_a_violent_demonstration(nlp) -> None:
    text = (
        "Youths loot shops after march\n"
        "NAIROBI, 20 July 2023 -\n"
        "On Wednesday, hundreds of young people marched through Kisumu towards the county offices, chanting "
        "slogans against the tax law. Some of them broke into and looted shops along the main road, witnesses said. "
        "Police fired tear gas to disperse the crowd.\n"
    )
    events = _events(nlp, text, date(2023, 7, 20))
    assert [e.sub_event_type for e in events] == ["Violent demonstration"]
    assert events[0].actor1 == "Rioters (Kenya)"
    assert events[0].actor2 is not None and events[0].actor2.startswith("Police Forces of Kenya")


def test_a_march_the_police_then_dispersed_is_a_protest_with_intervention(nlp) -> None:
    text = (
        "Teachers march over pay\n"
        "HARARE, 5 October 2022 -\n"
        "Several hundred teachers marched to the finance ministry in Harare on Tuesday to demand higher pay. "
        "Riot police fired tear gas and water cannon to disperse them.\n"
    )
    events = _events(nlp, text, date(2022, 10, 5))
    assert [e.sub_event_type for e in events] == ["Protest with intervention"]
    assert events[0].actor2 is not None and events[0].actor2.startswith("Police Forces of Zimbabwe")
