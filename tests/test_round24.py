"""Round 24: rules read from the round-23 blind sets (devset_w32/w33, development from round 24), each tested on own
text (no corpus text): armed men who burn or lynch people attack them (ACLED: mob violence is a crowd's); people made
to walk are no march; a village whose first word spells a far town is no part of it; where hostages are held is not
where a rally is; the day the next sentence gives an incident dated only by its telling; a part of "the X capital"
the gazetteer lacks; the capital's edge; the place a distance is measured from; arrests carry no toll; a township
named after its seat town; people burned to death are killed, not property destroyed."""

from __future__ import annotations

from datetime import date

import pytest

from reading import events, km, seen
from warlog.extract.types import classify_with_cues


@pytest.mark.parametrize(
    ("sentence", "sub"),
    [
        ("Gunmen dragged the headmaster out of his house and set him on fire.", "Attack"),
        ("Villagers said the soldiers set them alight before leaving the hamlet.", "Attack"),
        ("The footage shows that troops tied the prisoners up and set them on fire.", "Attack"),
        # a crowd stays a crowd, whoever tells it
        ("An angry crowd of villagers beat the two suspects and set them on fire.", "Mob violence"),
        ("Police said a mob set him on fire near the bus station.", "Mob violence"),
    ],
)
def test_armed_men_who_burn_people_attack_them_a_crowd_is_mob_violence(sentence: str, sub: str) -> None:
    match, _ = classify_with_cues(sentence)
    assert match is not None and match.sub_event_type == sub, (sentence, match)


def test_people_made_to_walk_are_no_march_and_people_burned_to_death_are_killed() -> None:
    match, _ = classify_with_cues("Witnesses said the captives were marched to a riverbank with their hands bound.")
    assert match is None or match.event_type != "Protests", match
    match, _ = classify_with_cues("Seven farmers were burned to death in a field near the village on Sunday.")
    assert match is not None and match.sub_event_type == "Attack", match
    # detained, then killed: the killing is the event, not the arrest
    match, _ = classify_with_cues("Soldiers detained the six men at the checkpoint and set them on fire.")
    assert match is not None and match.sub_event_type == "Attack", match


def test_a_mine_on_the_troops_and_their_reprisal_on_villagers_are_two_events(nlp) -> None:
    text = (
        "Villagers killed after ambush on army column\n"
        "20 March 2022 - (A regional news site)\n"
        "Troops killed nine villagers in Kyauk Pyin village in Sagaing region on 14 March, relatives said.\n\n"
        "That morning a homemade mine exploded under a truck carrying soldiers on the road outside the village, "
        "members of a local defence force said; they gave no toll.\n\n"
        "An hour later the soldiers entered the village, rounded up the men and shot them, witnesses said.\n"
    )
    found = events(nlp, text, date(2022, 3, 20))
    subs = {e.sub_event_type for e in found}
    assert {"Attack", "Remote explosive/landmine/IED"} <= subs, seen(found)
    attack = next(e for e in found if e.sub_event_type == "Attack")
    assert attack.actor1 and attack.actor1.startswith("Military Forces of Myanmar") and attack.fatalities == 9, seen(
        found
    )


def test_where_hostages_are_held_is_not_where_the_rally_was(nlp) -> None:
    text = (
        "Thousands rally for hostages\n"
        "4 May 2024 - (A broadcaster)\n"
        "Thousands of people rallied in London on Saturday demanding a deal to free the hostages held in Gaza, "
        "organisers said.\n"
    )
    found = events(nlp, text, date(2024, 5, 4))
    rallies = [e for e in found if e.event_type == "Protests"]
    assert rallies and all(e.place and km(e.place, 51.51, -0.13) < 25 for e in rallies), seen(found)


def test_the_next_sentence_dates_an_incident_told_only_with_the_day_it_was_announced(nlp) -> None:
    text = (
        "Dozens killed in gang attack on fishing quarter\n"
        "12 March 2025 - (A Caribbean web daily)\n"
        "At least 40 people were killed by gang members in the Lakou Marin quarter of the Haitian capital, a "
        "rights group said on Tuesday.\n\n"
        "The killings began on Saturday night and went on until Sunday, residents said.\n"
    )
    found = events(nlp, text, date(2025, 3, 12))
    forty = [e for e in found if e.fatalities == 40]
    assert forty and str(forty[0].event_date) == "2025-03-08" and forty[0].time_precision == 2, seen(found)
    # the quarter of "the Haitian capital" the gazetteer lacks is a part of Port-au-Prince, not a namesake town
    assert forty[0].place and km(forty[0].place, 18.54, -72.34) < 15, seen(found)


def test_the_edge_of_the_capital_and_the_place_a_distance_is_measured_from(nlp) -> None:
    text = (
        "Unrest after killing of poet\n"
        "3 June 2021 - (A wire)\n"
        "NAIROBI, June 3 - A well-known poet was shot dead late on Tuesday in the Mlolongo area on the southern edge "
        "of the capital, police said.\n\n"
        "In Nyeri, about 150 km north of Nairobi, thousands of mourners marched on Wednesday. Witnesses said police "
        "opened fire as the marchers reached the town's main square, killing three.\n"
    )
    found = events(nlp, text, date(2021, 6, 3))
    shot = [e for e in found if e.event_type == "Violence against civilians"]
    assert shot and shot[0].place and km(shot[0].place, -1.29, 36.82) < 25, seen(found)
    three = [e for e in found if e.fatalities == 3]
    assert three and all(e.place and km(e.place, -0.42, 36.95) < 25 for e in three), seen(found)


def test_arrests_carry_no_toll(nlp) -> None:
    text = (
        "Opposition leader held as unrest spreads\n"
        "2 July 2020 - (A wire)\n"
        "Police in Kisumu detained an opposition leader on Wednesday, with officials reporting dozens of deaths "
        "across the region since Monday.\n"
    )
    found = events(nlp, text, date(2020, 7, 2))
    assert all(e.fatalities in (0, None) for e in found if e.sub_event_type == "Arrests"), seen(found)


def test_a_township_is_placed_at_the_town_it_is_named_after(nlp) -> None:
    text = (
        "Convoy ambushed\n"
        "12 December 2021 - (A regional news site)\n"
        "SALINGYI TOWNSHIP, Sagaing Region - A local defence force ambushed a military convoy on Friday, killing "
        "three soldiers, the group said.\n"
    )
    found = events(nlp, text, date(2021, 12, 12))
    assert found and all(e.place and km(e.place, 21.97, 95.08) < 25 for e in found), seen(found)


def test_a_live_blogs_entries_tell_the_blogs_day_whatever_an_entry_recalled(nlp) -> None:
    text = (
        "Live: strikes across the country\n"
        "14 March 2023 - (A daily, live blog, newest first)\n"
        "18:30 - The defence ministry says the strikes were a reply to the sabotage of a rail bridge on Sunday, which "
        "it blames on saboteurs.\n\n"
        "16:10 - In Rivne, the mayor says missiles hit a power station on the edge of the city at about 10:00, "
        "cutting the lights in most districts.\n\n"
        "11:05 - In Poltava, rescuers say a missile hit a school at around 09:30, killing two guards. A second missile "
        "hit a warehouse nearby.\n"
    )
    found = events(nlp, text, date(2023, 3, 14))
    rivne = [e for e in found if e.place and km(e.place, 50.62, 26.25) < 25]
    poltava = [e for e in found if e.place and km(e.place, 49.59, 34.55) < 25]
    assert rivne and poltava, seen(found)
    assert all(str(e.event_date) == "2023-03-14" for e in rivne + poltava), seen(found)


def test_the_day_a_toll_was_given_does_not_date_the_massacre(nlp) -> None:
    text = (
        "Village massacre toll rises to 41\n"
        "15 May 2023 - (A news website)\n"
        "The government said on Monday that 41 civilians were killed when gunmen stormed the village of Kourao "
        "near Djibo at the weekend.\n\n"
        "A spokesman had put the number of dead at 28 on Sunday evening, after search teams recovered more bodies.\n"
    )
    found = events(nlp, text, date(2023, 5, 15))
    killed = [e for e in found if e.sub_event_type == "Attack"]
    assert killed and str(killed[0].event_date) == "2023-05-13" and killed[0].time_precision == 2, seen(found)
