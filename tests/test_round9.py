"""Round 9: whole-report decisions that generalise (own sentences and reports written here, no corpus text)."""

from __future__ import annotations

from datetime import date

import pytest

from warlog.extract.actors import assign_roles
from warlog.extract.frames import extract_report
from warlog.extract.types import classify_sentence
from warlog.model import Report


def _events(nlp, text: str, published: date, accept: bool = True):
    # accept=False: the drafting rule alone, before the acceptance model judges the drafts (extract/acceptance.py)
    return extract_report(Report(text=text, published=published), nlp, accept=accept).mentions


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
    # the town nearest the event word, not the city of the 2012 clause (the gazetteer lacked Kitagoma until round 14,
    # when Who's On First's villages of DR Congo and Uganda came in)
    assert taken[0].place is not None and taken[0].place.location != "Goma"
    assert "Kitagoma" in taken[0].unresolved_places or taken[0].place.location == "Kitagoma"


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


@pytest.mark.parametrize(
    ("sentence", "sub"),
    [
        ("A missile strike on the port city killed two dock workers on Monday.", "Shelling/artillery/missile attack"),
        ("An Iskander missile hit a school in the town overnight.", "Shelling/artillery/missile attack"),
        # an age is no span of years ("a 20-year-old soldier" is no "seven-year war")
        ("Rockets hit the border town, killing a 19-year-old conscript, the army said.",
         "Shelling/artillery/missile attack"),
        # "the deadliest attack since the start of the war" compares; the news is today's
        ("A bomb exploded at the bus station on Friday, killing 30, the deadliest attack since the start of the war.",
         "Remote explosive/landmine/IED"),
    ],
)  # fmt: skip
def test_weapon_words_and_comparisons(sentence: str, sub: str) -> None:
    match = classify_sentence(sentence)
    assert match is not None and match.sub_event_type == sub and match.score >= 0.5


def test_a_destroyed_building_searched_afterwards_is_no_destruction_event() -> None:
    assert classify_sentence("Rescuers searched through a destroyed five-storey building for survivors.") is None


STRIKES_TWO_SIDES = (
    "Strikes across the border\n"
    "BEIRUT, 3 March 2024 -\n"
    "Israeli strikes killed at least eight people in the southern Lebanese town of Bint Jbeil and two in a village "
    "near the border on Saturday, Lebanese officials said.\n"
    "The strikes came hours after rockets fired from Lebanon hit the Israeli town of Kiryat Shmona, killing a "
    "civilian, the Israeli army said.\n"
    "Earlier in the day an Israeli drone strike on a car near Marjayoun killed two men, the state news agency said.\n"
)


def test_a_town_across_the_border_named_with_its_country_is_an_event_there(nlp) -> None:
    events = _events(nlp, STRIKES_TWO_SIDES, date(2024, 3, 3), accept=False)  # (the drafts: the model drops one)
    across = [e for e in events if e.place is not None and e.place.iso == "IL"]
    assert len(across) == 1 and across[0].sub_event_type == "Shelling/artillery/missile attack"
    assert len(events) == 3  # the drone strike near Marjayoun, with its own toll, is not the town's
    # "earlier in the day": the day just told
    assert all(e.event_date == date(2024, 3, 2) for e in events)
    # the lead's "and two in a village" are told apart, not a share of the town's eight
    lebanon = sorted((e.fatalities or 0, e.place.geo_precision) for e in events if e.place and e.place.iso == "LB")
    assert lebanon == [(2, 2), (8, 1)]


def test_a_village_the_gazetteer_lacks_is_not_the_city_struck_next_day(nlp) -> None:
    text = (
        "Missiles hit village and city\n"
        "KYIV, 9 May 2024 -\n"
        "A Russian missile struck a shop in the village of Zeleny Hai in Kharkiv region on Tuesday, killing nine "
        "people, officials said.\n"
        "On Wednesday, two missiles struck the centre of Kharkiv, killing one man, the governor said.\n"
    )
    events = _events(nlp, text, date(2024, 5, 9))
    assert sorted(e.fatalities or 0 for e in events) == [1, 9]


def test_who_suspects_is_no_side() -> None:
    s = "Police suspect the two traders were abducted by the same gunmen, and a search is under way."
    roles = assign_roles(s, "Abduction/forced disappearance", "Nigeria", s.index("abducted"))
    assert roles.actor1 == "Unidentified Armed Group (Nigeria)"


def test_an_initial_toll_reports_put_yields_to_the_count() -> None:
    from warlog.extract.counts import extract_casualties

    cas = extract_casualties(
        "Early reports from district officials on Monday put the death toll at 40, but the army said on Tuesday "
        "that 22 bodies had been recovered."
    )
    assert cas.fatalities == 22


def test_the_day_and_the_doer_of_the_main_clause_are_not_the_events() -> None:
    text = (
        "Troops sent after miners killed\n"
        "LIMA, 9 May 2022 -\n"
        "The government sent hundreds of soldiers to the mining region on Friday after armed men killed at least "
        "11 miners at a gold mine near Pataz, officials said.\n"
        "The miners were attacked on Tuesday at their camp near the mine, police said.\n"
    )
    from warlog.extract.nlp import load_nlp as _load

    events = _events(_load(), text, date(2022, 5, 9))
    attacks = [e for e in events if e.sub_event_type == "Attack"]
    assert len(attacks) == 1
    assert attacks[0].event_date == date(2022, 5, 3)
    assert attacks[0].actor1 == "Unidentified Armed Group (Peru)"
    assert attacks[0].fatalities == 11


def test_a_district_named_after_its_town_is_placed_at_the_town(nlp) -> None:
    text = (
        "Gunfight in the hills\n"
        "IMPHAL, 3 June 2024 -\n"
        "Five suspected militants were killed in an exchange of fire with police in Manipur's Jiribam district on "
        "Sunday, police said.\n"
        "Three residents have been missing from a relief camp since the attack, officials said. Police suspect "
        "they were abducted by the same militants.\n"
    )
    events = _events(nlp, text, date(2024, 6, 3))
    clash = next(e for e in events if e.sub_event_type == "Armed clash")
    assert clash.place is not None and clash.place.location == "Jiribam"
    taken = next(e for e in events if e.sub_event_type == "Abduction/forced disappearance")
    # it points back at the attack: that day, that place, those doers
    assert taken.event_date == clash.event_date == date(2024, 6, 2)
    assert taken.place is not None and taken.place.location == "Jiribam"
    assert taken.actor1 == "Unidentified Armed Group (India)"


def test_a_group_named_for_a_region_is_no_place(nlp) -> None:
    text = (
        "Militants raid town\n"
        "Damaturu, Nigeria, 2 May 2021 —\n"
        "Fighters of the Islamic State West Africa Province attacked Geidam on Friday, killing three soldiers, "
        "residents said.\n"
    )
    events = _events(nlp, text, date(2021, 5, 2))
    assert events and all(e.place is not None and e.place.location == "Geidam" for e in events)


def test_a_raid_is_dated_by_the_act_after_after_and_a_recalled_group_is_no_doer(nlp) -> None:
    text = (
        "Gunmen take students\n"
        "ABUJA, 14 March 2021 -\n"
        "Dozens of students were missing on Sunday after gunmen stormed a college near Kaduna late on Thursday and "
        "marched them into the forest, police said.\n"
        "Witnesses said the attackers exchanged fire with police at the gate.\n"
        "The raid came three weeks after fighters of Boko Haram killed 20 farmers near Maiduguri on 20 February.\n"
    )
    events = _events(nlp, text, date(2021, 3, 14))
    taken = next(e for e in events if e.sub_event_type == "Abduction/forced disappearance")
    assert taken.event_date == date(2021, 3, 11)
    assert all("Boko Haram" not in (e.actor1 or "") for e in events if e.event_date >= date(2021, 3, 1))


def test_police_and_soldiers_who_arrest_together_are_one_side() -> None:
    s = "Police and soldiers arrested a man described as the head of an extortion ring in the port city on Wednesday."
    roles = assign_roles(s, "Arrests", "Ecuador", s.index("arrested"))
    assert roles.actor1 is not None and roles.actor1.startswith("Police Forces of Ecuador")
    assert roles.actor2 == "Civilians (Ecuador)"
    assert roles.assoc_actor_1 is not None and roles.assoc_actor_1.startswith("Military Forces of Ecuador")


def test_a_shootout_between_rival_gangs_is_not_with_the_police_who_told_it(nlp) -> None:
    text = (
        "Shootout in housing complex\n"
        "GUAYAQUIL, 2 April 2024 -\n"
        "Nine people were killed on Monday night during a shootout between rival criminal groups in a housing "
        "estate in the north of Guayaquil, the National Police said.\n"
        "Residents said they heard gunfire for an hour and that the gunmen set fire to a house before leaving.\n"
    )
    events = _events(nlp, text, date(2024, 4, 2))
    assert [e.sub_event_type for e in events] == ["Armed clash"]
    assert events[0].actor2 is not None and not events[0].actor2.startswith("Police")


def test_a_cartel_name_is_no_place_and_a_village_in_a_named_municipality_stays_there(nlp) -> None:
    text = (
        "Police ambushed in western Mexico\n"
        "MEXICO CITY, 15 October 2019 -\n"
        "On Monday, gunmen from the Jalisco New Generation Cartel ambushed a convoy of Michoacan state police in "
        "El Aguaje, in the municipality of Aguililla, killing 13 officers.\n"
    )
    events = _events(nlp, text, date(2019, 10, 15))
    assert len(events) == 1
    place = events[0].place
    # not "New" read as a town in Sinaloa, not the El Aguaje of Guerrero the gazetteer holds
    assert place is not None and place.admin1 == "Michoacan"


def test_men_arrested_on_suspicion_of_a_kidnapping_is_an_arrest(nlp) -> None:
    text = (
        "Suspects held\n"
        "LOKOJA, Nigeria, 6 June 2022 -\n"
        "On Saturday, police in Kogi state said they had arrested four men suspected of kidnapping a farmer near "
        "Lokoja last month.\n"
    )
    events = _events(nlp, text, date(2022, 6, 6))
    assert [e.sub_event_type for e in events] == ["Arrests"]
    assert events[0].actor1 is not None and events[0].actor1.startswith("Police Forces of Nigeria")
    # where the police are, not where the kidnapping they are charged with happened
    assert events[0].place is not None and events[0].place.geo_precision == 3 and events[0].place.admin1 == "Kogi"


def test_a_bulletin_item_keeps_its_own_source(nlp) -> None:
    text = (
        "Weekly security update\n"
        "NAIROBI, 9 May 2024 -\n"
        "On 6 May, gunmen attacked a police post in Mandera county, killing two officers, a police commander said.\n"
        "On 7 May, a roadside bomb hit a lorry near Elwak, killing three civilians, village elders said.\n"
        "On 8 May, about 300 traders protested in Garissa against new market fees.\n"
    )
    events = {e.event_date.day: e for e in _events(nlp, text, date(2024, 5, 9))}
    assert events[7].attributed_to == "elders"
    assert events[8].sub_event_type == "Peaceful protest" and events[8].attributed_to is None


PAKISTAN = (
    "Bomber hits police van; drone strike reported\n"
    "PESHAWAR, Pakistan, 16 July 2024 -\n"
    "A suicide bomber rammed an explosives-laden car into a police van near Bannu on Monday evening, killing four "
    "policemen and a passer-by, the district police officer said.\n"
    "The Tehreek-e-Taliban Pakistan (TTP) did not claim the bombing.\n"
    "In a separate incident late on Sunday, a drone struck a house in a village near Bannu, killing two children, "
    "residents said.\n"
    "Hundreds of people blocked the main road on Tuesday with the children's bodies, demanding compensation. Police "
    "used batons to clear the road.\n"
)


def test_a_denied_claim_a_passer_by_a_blocked_road_and_no_police_aircraft(nlp) -> None:
    # (the drafts: the acceptance model drops the protest)
    events = {e.sub_event_type: e for e in _events(nlp, PAKISTAN, date(2024, 7, 16), accept=False)}
    bomb = events["Suicide bomb"]
    assert bomb.fatalities == 5 and bomb.actor1 == "Unidentified Armed Group (Pakistan)"
    strike = events["Air/drone strike"]
    assert strike.actor1 is not None and not strike.actor1.startswith("Police")
    protest = events["Protest with intervention"]
    assert protest.event_date == date(2024, 7, 16)


def test_the_group_local_sources_blame_is_the_doer(nlp) -> None:
    text = (
        "Drone hits hospital\n"
        "PORT SUDAN, 3 February 2025 -\n"
        "A drone attack on a hospital in El Fasher on Friday killed 30 patients, the World Health Organization said. "
        "Local activists blamed the RSF.\n"
    )
    events = _events(nlp, text, date(2025, 2, 3))
    assert [e.actor1 for e in events] == ["RSF: Rapid Support Forces"]


def test_a_ground_advance_with_air_cover_is_the_advance(nlp) -> None:
    text = (
        "Army advances in Aleppo\n"
        "BEIRUT, 28 September 2016 -\n"
        "Syrian government forces, backed by Russian warplanes, retook control of the Sheikh Saeed district of "
        "Aleppo on Tuesday, a military source said.\n"
        "Residents said bunker-busting bombs were dropped in the al-Shaar neighborhood, killing 24 civilians.\n"
    )
    events = {e.sub_event_type: e for e in _events(nlp, text, date(2016, 9, 28))}
    assert set(events) == {"Government regains territory", "Air/drone strike"}
    assert events["Air/drone strike"].place is not None and events["Air/drone strike"].place.location.startswith(
        "Aleppo - "
    )


def test_the_blamed_is_the_group_named_after_the_verb() -> None:
    from warlog.extract.frames import _take_claimant
    from warlog.model import Mention

    m = Mention(report_id="r", event_date=date(2025, 1, 15), sub_event_type="Attack", actor1=None)
    _take_claimant(
        m, "The rebels blamed a rival faction for the killings; police have not said who did it.", "Colombia"
    )
    assert m.actor1 is None or not m.actor1.startswith("Police")


MYANMAR = (
    "Junta jets bomb village school, rebels seize border post\n"
    "CHIANG MAI, Thailand, 19 March 2024 (Myanmar Now) -\n"
    "Military aircraft bombed a village in southern Chin State on Sunday afternoon, killing at least nine people, "
    "residents said.\n"
    "In Sagaing Region, soldiers torched more than 200 houses in two villages on Saturday after local defence forces "
    "ambushed a military column, residents said.\n"
)


def test_a_headline_with_a_comma_stays_a_line_and_the_dateline_stays_the_dateline(nlp) -> None:
    from warlog.extract.sentences import split_doc

    sents = [s.text for s in split_doc(nlp(MYANMAR))]
    assert sents[0] == "Junta jets bomb village school, rebels seize border post"
    assert sents[1].startswith("CHIANG MAI") and sents[1].endswith("-")
    events = _events(nlp, MYANMAR, date(2024, 3, 19))
    assert all(e.place is not None and e.place.iso == "MM" for e in events)
    strike = next(e for e in events if e.sub_event_type == "Air/drone strike")
    assert strike.fatalities == 9 and strike.actor2 == "Civilians (Myanmar)"


def test_what_came_after_is_the_event_not_its_cause(nlp) -> None:
    events = _events(nlp, MYANMAR, date(2024, 3, 19), accept=False)  # (the drafts: the model drops the burning)
    burned = [e for e in events if e.event_date == date(2024, 3, 16)]
    assert [e.sub_event_type for e in burned] == ["Looting/property destruction"]
    # the owners of the houses are the civilians, though residents are also who told it
    assert burned[0].actor2 == "Civilians (Myanmar)"


def test_a_raid_on_a_named_village_the_next_day_is_not_the_last_fight(nlp) -> None:
    text = (
        "Separatists kill three, army raids village\n"
        "BAMENDA, Cameroon, 9 November 2021 -\n"
        "Armed separatists killed three traders when they attacked a market in the town of Ndop on Sunday morning, "
        "officials said.\n"
        "Soldiers arrived about an hour later and exchanged fire with the attackers, who fled into the bush.\n"
        "On Monday, troops raided the nearby village of Zzyqoboua, where residents said soldiers shot dead two young "
        "men and burned houses.\n"
    )
    events = _events(nlp, text, date(2021, 11, 9))
    raid = [e for e in events if e.event_date == date(2021, 11, 8)]
    assert len(raid) == 1 and raid[0].fatalities == 2
    assert "Zzyqoboua" in raid[0].unresolved_places
    sunday = [e for e in events if e.event_date == date(2021, 11, 7) and e.sub_event_type == "Attack"]
    assert len(sunday) == 1 and sunday[0].fatalities == 3
