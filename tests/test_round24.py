"""Round 24: rules read from the round-23 blind sets (devset_w32/w33, development from round 24), each tested on own
text (no corpus text): armed men who burn or lynch people attack them (ACLED: mob violence is a crowd's); people made
to walk are no march; a village whose first word spells a far town is no part of it; where hostages are held is not
where a rally is; the day the next sentence gives an incident dated only by its telling; a part of "the X capital"
the gazetteer lacks; the capital's edge; the place a distance is measured from; arrests carry no toll; a township
named after its seat town; people burned to death are killed, not property destroyed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from reading import events, km, seen
from warlog.extract.places import Toponym, _directed
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


def test_where_hostages_are_held_is_not_where_the_rally_was() -> None:
    sentence = (
        "Families of the hostages held in Gaza rallied in London on Sunday, and others stood in solidarity with Gaza."
    )
    for name, held in (("Gaza", True), ("London", False)):
        start = sentence.index(name)
        top = Toponym(start, start + len(name), name, [])
        assert _directed(sentence, 0, top) is held, name
    start = sentence.rindex("Gaza")
    assert _directed(sentence, 0, Toponym(start, start + 4, "Gaza", []))


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
        "A well-known poet was shot dead late on Tuesday in the Mlolongo area on the southern edge of the capital, "
        "police said.\n\n"
        "In Nyeri, about 150 km (90 miles) north of Nairobi and the poet's home town, thousands of mourners marched "
        "through the streets on Wednesday carrying his portrait. Two residents and a nurse at the town's main hospital "
        "said police opened fire as the marchers approached the county offices, and that at least three people were "
        "killed.\n"
    )
    found = events(nlp, text, date(2021, 6, 3))
    shot = [e for e in found if e.event_type == "Violence against civilians"]
    assert shot and shot[0].place and km(shot[0].place, -1.29, 36.82) < 25, seen(found)
    three = [e for e in found if e.fatalities == 3]
    assert three and all(e.place and km(e.place, -0.42, 36.95) < 25 for e in three), seen(found)


def test_arrests_carry_no_toll(nlp) -> None:
    text = (
        "Unrest after singer's killing\n"
        "2 July 2020 - (A wire)\n"
        "Violence spread across Kenya's Nyanza region on Tuesday after the shooting of a popular singer, with police "
        "reporting dozens of deaths and a prominent opposition figure detained.\n"
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


def test_weapons_taken_from_guards_and_stones_thrown_by_a_crowd_at_a_base_are_the_crowds_riot() -> None:
    match, _ = classify_with_cues(
        "Crowds surrounded the UN base from early morning, threw stones and petrol bombs, and some of them seized "
        "rifles from the guards."
    )
    assert match is not None and match.event_type == "Riots", match
    # the state's seizure of a cache stays disrupted weapons use
    match, _ = classify_with_cues("Soldiers seized weapons and explosives from a militant hideout near the river.")
    assert match is not None and match.sub_event_type == "Disrupted weapons use", match


def test_deaths_no_one_is_named_for_in_a_report_about_riots_are_the_riots_toll(nlp) -> None:
    text = (
        "Riots spread after cleric's arrest\n"
        "30 March 2021 - (A television bulletin)\n"
        "Rioting spread from Chittagong to three towns on Monday after the arrest of a popular cleric, with crowds "
        "torching police posts and blocking highways.\n\n"
        "In Sitakunda, four people were killed on Monday, hospital officials said.\n"
    )
    found = events(nlp, text, date(2021, 3, 30))
    four = [e for e in found if e.fatalities == 4]
    assert four and all(e.event_type == "Riots" for e in four), seen(found)


def test_a_roundups_paragraphs_headed_by_place_and_day_are_its_items(nlp) -> None:
    text = (
        "EASTERN DR CONGO WEEKLY SECURITY ROUNDUP - 3 to 9 March 2025\n"
        "11 March 2025 - (A monitoring network, weekly bulletin)\n"
        "This bulletin covers incidents recorded between Monday 3 and Sunday 9 March.\n\n"
        "Beni (Tuesday 4 March). The worst day of the week. Armed men attacked farmers in their fields outside the "
        "town in the morning. Local officials said six people were killed.\n\n"
        "Uvira (Thursday 6 March). Police fired live rounds at a march of several hundred people heading for the "
        "governor's office. One young man was killed.\n"
    )
    found = events(nlp, text, date(2025, 3, 11))
    beni = [e for e in found if e.place and km(e.place, 0.49, 29.47) < 25]
    uvira = [e for e in found if e.place and km(e.place, -3.40, 29.14) < 25]
    assert beni and uvira, seen(found)
    assert {str(e.event_date) for e in beni} == {"2025-03-04"}, seen(found)
    assert {str(e.event_date) for e in uvira} == {"2025-03-06"}, seen(found)


def test_own_report_weekly_bulletin_is_coded_by_item(nlp) -> None:
    """tests/fixtures/reports_round24: a monitor's weekly bulletin written for this round (own text): one event per
    item, at the item's place and day; a commune named after its seat town places the village it holds; a bridge
    named after a person is no town."""
    path = Path(__file__).parent / "fixtures" / "reports_round24" / "banibangou_weekly_bulletin.txt"
    text = path.read_text(encoding="utf-8")
    found = events(nlp, text, date(2021, 11, 9))
    ambush = [e for e in found if str(e.event_date) == "2021-11-02"]
    assert len(ambush) == 1 and ambush[0].fatalities == 69, seen(found)
    # near the village (round 36: "Adab-Dab" is OSM's Adabdab, a near spelling in the report's country, 40 km from
    # Banibangou, the commune's seat at 15.04 N 2.70 E; before, the village was unread and the event went to a
    # namesake of the seat 170 km away, which the commune's statement now reads as the seat near the village)
    assert ambush[0].place and ambush[0].place.location == "Adabdab", seen(found)
    assert km(ambush[0].place, 15.08, 2.34) < 5 and ambush[0].place.geo_precision == 2, seen(found)
    # gunmen against a village self-defence committee: an unidentified armed group against a communal militia (ACLED,
    # inter 3 and 4), not the police named in another item; the toll's teller is the event's source
    assert (ambush[0].actor1, ambush[0].actor2) == (
        "Unidentified Armed Group (Niger)",
        "Unidentified Communal Militia (Niger)",
    ), seen(found)
    assert ambush[0].attributed_to == "government", ambush[0].attributed_to
    bomb = [e for e in found if e.sub_event_type == "Remote explosive/landmine/IED"]
    assert len(bomb) == 1 and bomb[0].fatalities == 2 and str(bomb[0].event_date) == "2021-11-05", seen(found)
    march = [e for e in found if e.event_type == "Protests"]
    assert len(march) == 1 and march[0].sub_event_type == "Protest with intervention", seen(found)
    assert march[0].place and km(march[0].place, 13.51, 2.11) < 15, seen(found)  # Niamey


def test_a_call_to_stop_fighting_and_armed_men_blocking_a_road_are_no_clash_and_no_protest() -> None:
    match, _ = classify_with_cues(
        "The envoy said on Monday that the attacks showed why a halt to the fighting was urgent and urged the "
        "parties to join the truce."
    )
    assert match is None or match.event_type != "Battles", match
    match, _ = classify_with_cues(
        "A commander said the militants had briefly blocked traffic on the highway before troops pushed them back."
    )
    assert match is None or match.event_type != "Protests", match
    # a crowd blocking a road is still a protest, and police who break it up intervene
    match, _ = classify_with_cues("Police fired tear gas to disperse protesters who had blocked the road.")
    assert match is not None and match.sub_event_type == "Protest with intervention", match


def test_a_groups_history_in_a_relative_clause_is_no_event_nor_the_day_of_the_next_sentence(nlp) -> None:
    text = (
        "Blast at checkpoint kills 12\n"
        "20 March 2022 - (A wire)\n"
        "A suicide bomber blew himself up at a checkpoint on the edge of Kandahar on Saturday, killing 12 people, "
        "officials said.\n\n"
        "A rival group said one of its members had carried out the attack. The group is an enemy of the Taliban, "
        "who took control of Arghandab on March 9 and have been manning checkpoints on the roads into the city. "
        "Officials had initially reported a second explosion near the governor's office.\n"
    )
    found = events(nlp, text, date(2022, 3, 20))
    assert all(str(e.event_date) >= "2022-03-18" for e in found), seen(found)
    assert not any(e.event_type == "Battles" for e in found), seen(found)
