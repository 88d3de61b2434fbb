"""Round 22: rules written reading devset_w28/w29 (blind sets of round 21, development from round 22), each tested on
own text (no corpus text): report periods with older items, apposition after the victims, a country's own name,
districts of another province, suburbs named after their city, code names, tolls and figures that rose, a day that
opens a sentence, unnamed villages named next, investigations, people's history, strikes told with adverbs and
auxiliaries, bombers on foot, twin bombings, "that Tuesday", a victim read as the doer."""

from __future__ import annotations

from datetime import date

from reading import events, km, seen
from warlog.extract.counts import extract_casualties
from warlog.extract.frames import extract_report
from warlog.extract.types import classify_with_cues

_events, _km, _seen = events, km, seen


def test_a_report_period_with_older_items_keeps_the_older_incidents(nlp) -> None:
    text = (
        "Humanitarian update No. 4\n"
        "12 May 2022 - (relief agency; covers 8 to 11 May 2022 unless stated)\n\n"
        "On 2 May, fighting broke out between the army and an armed group near Beni town, the authorities said.\n\n"
        "On 9 May, three displaced people were killed in an attack on a site near Oicha, local groups said.\n"
    )
    events = _events(nlp, text, date(2022, 5, 12))
    days = sorted(str(e.event_date) for e in events)
    assert "2022-05-02" in days and "2022-05-09" in days, _seen(events)
    # a period without "unless stated" still drops the older item as a recall
    events = _events(nlp, text.replace(" unless stated", ""), date(2022, 5, 12))
    assert "2022-05-02" not in [str(e.event_date) for e in events], _seen(events)


def test_victims_with_an_apposition_before_the_verb_are_a_killing() -> None:
    match, _ = classify_with_cues("On 4 June, five members of a family, including two boys, were killed in their home.")
    assert match is not None and match.sub_event_type == "Attack"


def test_a_country_named_after_a_bearing_is_the_country() -> None:
    from warlog.extract.places import find_toponyms, resolve_toponyms

    text = "Turkish jets struck targets overnight. Kurdish officials in north-east Syria said bakeries were hit."
    tops = find_toponyms(text, [])
    places = resolve_toponyms(tops, text)
    syria = [p for t, p in zip(tops, places, strict=True) if t.surface == "Syria"]
    assert syria and all(p is not None and p.feature == "country" and p.iso == "SY" for p in syria)


def test_a_district_of_another_province_is_not_a_part_of_the_dateline_city(nlp) -> None:
    text = (
        "Soldier killed in border clash\n"
        "ANKARA, 23 October 2024 -\n\n"
        "A Turkish soldier was killed on Wednesday in a clash with PKK militants in the Cukurca district of Hakkari "
        "province, the ministry said.\n"
    )
    events = _events(nlp, text, date(2024, 10, 24))
    assert any(e.place and _km(e.place, 37.25, 43.61) < 10 for e in events), _seen(events)


def test_strikes_told_with_an_adverb_or_an_auxiliary_and_missiles_that_hit() -> None:
    for sentence, sub in (
        ("Drones also struck a base of the party near Sulaymaniyah on Wednesday.", "Air/drone strike"),
        ("The group said its aircraft had targeted a drone hangar at the airport.", "Air/drone strike"),
        ("Most of the missiles hit compounds around the town on Wednesday.", "Shelling/artillery/missile attack"),
    ):
        match, _ = classify_with_cues(sentence)
        assert match is not None and match.sub_event_type == sub, (sentence, match)


def test_a_toll_told_past_a_person_noun_and_a_figure_that_rose_as_the_injured_died() -> None:
    cas = extract_casualties("The death toll from a strike on a migrant shelter in the suburb has risen to 41.")
    assert cas.fatalities == 41
    cas = extract_casualties("By the evening the figure had risen to 18 as two of the wounded died in hospital.")
    assert cas.fatalities == 18
    cas = extract_casualties("The commander Idris Kamal was killed along with four other men in the raid.")
    assert cas.fatalities == 5


def test_the_city_suburb_of_a_town_is_the_town_and_the_target_of_jets_does_not_fly(nlp) -> None:
    text = (
        "Strike on migrant centre\n"
        "TRIPOLI, 3 July 2019 -\n\n"
        "An air strike on a migrant detention centre in the Tripoli suburb of Tajoura killed 40 people late on "
        "Tuesday, the United Nations said.\n\n"
        "The government blamed the strike on forces loyal to Khalifa Haftar. A Haftar spokesman said its jets had "
        "struck a nearby GNA weapons depot.\n"
    )
    events = _events(nlp, text, date(2019, 7, 3))
    strike = next(e for e in events if e.sub_event_type == "Air/drone strike")
    assert strike.place is not None and _km(strike.place, 32.88, 13.35) < 5, _seen(events)
    assert strike.actor1 is None or "Government of National Accord" not in strike.actor1, _seen(events)


def test_hostages_killed_and_the_next_days_assault_are_events_apart_from_the_police_fight(nlp) -> None:
    text = (
        "Hostages killed in cafe siege\n"
        "DHAKA, 2 July 2016 -\n\n"
        "Gunmen who stormed a cafe in Dhaka on Friday night killed 20 hostages, the army said.\n\n"
        "Police who rushed to the scene exchanged fire with the gunmen. Two police officers were killed.\n\n"
        "At 7:40 am on Saturday, army commandos stormed the building in an operation code-named Thunderbolt and "
        "killed six of the attackers.\n"
    )
    events = _events(nlp, text, date(2016, 7, 2))
    got = sorted((str(e.event_date), e.sub_event_type) for e in events)
    assert ("2016-07-01", "Attack") in got and ("2016-07-02", "Armed clash") in got, _seen(events)
    assert all(e.place is None or e.place.iso == "BD" for e in events), _seen(events)  # no Thunderbolt, Georgia


def test_a_village_left_unnamed_in_the_lead_is_placed_and_dated_by_the_sentence_that_names_it(nlp) -> None:
    text = (
        "DR Congo: toll from village raid rises\n"
        "BENI, 10 March 2023 -\n\n"
        "The number of people killed when rebels raided a village in the west of Beni territory has risen to 38, "
        "local leaders said on Friday.\n\n"
        "The attackers entered Oicha, a farming village north of Beni, late on Wednesday night, residents "
        "said.\n"
    )
    events = _events(nlp, text, date(2023, 3, 10))
    raid = next(e for e in events if e.fatalities == 38)
    assert str(raid.event_date) == "2023-03-08", _seen(events)
    assert raid.place is not None and raid.place.location != "Beni", _seen(events)


def test_a_research_report_dates_the_incident_it_looks_back_on_and_keeps_the_days_before(nlp) -> None:
    text = (
        "Soldiers killed scores in town, rights group says\n"
        "15 March 2021 - (rights group, report summary)\n\n"
        "Soldiers killed dozens of civilians in the town of Axum on 28 November 2020, according to new research "
        "published today by the group.\n\n"
        "BACKGROUND TO THE KILLINGS\n"
        "Residents said artillery rounds hit residential areas of Axum on 19 November, killing at least eight "
        "civilians.\n"
    )
    events = _events(nlp, text, date(2021, 3, 15))
    days = {str(e.event_date) for e in events}
    assert "2020-11-28" in days and "2020-11-19" in days, _seen(events)


def test_an_attack_on_an_army_position_is_a_battle() -> None:
    match, _ = classify_with_cues("Local militiamen attacked an Eritrean position on the hill above the town.")
    assert match is not None and match.sub_event_type == "Armed clash"


def test_a_lead_in_the_city_and_the_same_bombing_in_its_district_are_one_event(nlp) -> None:
    text = (
        "Park bombing toll rises\n"
        "LAHORE, 28 March 2016 -\n\n"
        "The death toll from a suicide bombing at a Lahore park on Sunday rose to 72 on Monday, officials said.\n\n"
        "The bomber blew himself up on Sunday evening near the gate of the park in the city's Allama Iqbal Town "
        "neighbourhood.\n"
    )
    events = _events(nlp, text, date(2016, 3, 28))
    assert len([e for e in events if e.sub_event_type == "Suicide bomb"]) == 1, _seen(events)


def test_a_sit_in_outside_parliament_is_in_the_capital_and_a_persons_history_is_no_event(nlp) -> None:
    text = (
        "Sit-in goes on\n"
        "LAHORE, 28 March 2016 -\n\n"
        "In Islamabad, supporters of Mumtaz Qadri, the former guard executed last month for killing a governor, "
        "remained camped on Monday.\n\n"
        "By Monday afternoon the sit-in outside parliament was peaceful.\n"
    )
    events = _events(nlp, text, date(2016, 3, 28))
    assert not any(e.sub_event_type == "Attack" for e in events), _seen(events)
    protest = next(e for e in events if e.event_type == "Protests")
    assert protest.place is not None and _km(protest.place, 33.69, 73.06) < 15, _seen(events)


def test_two_days_later_counts_from_the_day_the_sentence_before_names(nlp) -> None:
    text = (
        "Twin bombings in the capital\n"
        "KAMPALA, 17 November 2021 -\n\n"
        "Two suicide bombers blew themselves up in central Kampala on Tuesday, killing three people.\n\n"
        "The bombings follow smaller blasts last month. On 23 October a bomb exploded at a restaurant in Komamboga, "
        "killing a waitress. Two days later a suicide bomber blew himself up on a bus near Lungala.\n"
    )
    events = _events(nlp, text, date(2021, 11, 17))
    assert all(e.event_date <= date(2021, 11, 17) for e in events), _seen(events)


def test_people_called_bombers_fly_nothing_and_a_bomber_detonating_his_explosives_is_a_suicide_bomb() -> None:
    match, _ = classify_with_cues("Officers tracked a group linked to the bombers to a house in the district.")
    assert match is None or match.sub_event_type != "Air/drone strike"
    match, _ = classify_with_cues("The second man entered the mosque and detonated his explosives.")
    assert match is not None and match.sub_event_type == "Suicide bomb"


def test_a_gunfight_north_of_the_capital_is_placed_and_dated_by_the_next_sentence(nlp) -> None:
    text = (
        "Police kill suspects\n"
        "KAMPALA, 17 November 2021 -\n\n"
        "Police said on Wednesday they had shot dead four suspected militants in a gunfight north of the capital.\n\n"
        "Officers surrounded a house in Nakaseke district late on Tuesday night, a police spokesman said.\n"
    )
    events = _events(nlp, text, date(2021, 11, 17))
    fight = next(e for e in events if e.fatalities == 4)
    assert str(fight.event_date) == "2021-11-16" and fight.place and _km(fight.place, 0.75, 32.39) < 15, _seen(events)


def test_that_tuesday_is_the_tuesday_just_named(nlp) -> None:
    text = (
        "Weekly roundup\n"
        "29 September 2023 - (weekly roundup)\n\n"
        "STEPANAKERT: New details emerged about the offensive Azerbaijan launched on Tuesday 19 September. "
        "Residents said drone strikes hit residential streets in Stepanakert from around 1 p.m. that Tuesday, "
        "killing two civilians.\n"
    )
    events = _events(nlp, text, date(2023, 9, 29))
    assert any(str(e.event_date) == "2023-09-19" and e.fatalities == 2 for e in events), _seen(events)


def test_shelling_of_another_village_after_a_drone_strike_is_another_event(nlp) -> None:
    text = (
        "Border strikes\n"
        "BEIRUT, 3 January 2024 -\n\n"
        "An Israeli drone strike hit a house in the border village of Kfar Kila on Wednesday, killing two men, the "
        "state news agency said. Israeli artillery also shelled the outskirts of Naqoura on Wednesday morning, the "
        "agency said.\n"
    )
    events = _events(nlp, text, date(2024, 1, 3))
    subs = sorted(e.sub_event_type for e in events)
    assert subs == ["Air/drone strike", "Shelling/artillery/missile attack"], _seen(events)


def test_a_victims_group_read_as_the_doer_gives_way_to_the_one_the_next_sentence_names(nlp) -> None:
    text = (
        "Senior Hamas official killed in Beirut\n"
        "BEIRUT, 3 January 2024 -\n\n"
        "Hamas's deputy leader Saleh al-Arouri was killed along with six other men when a drone strike hit an "
        "apartment in Beirut's southern suburbs on Tuesday evening.\n\n"
        "The Israeli strike hit an office used by Hamas in Haret Hreik on Tuesday.\n"
    )
    events = _events(nlp, text, date(2024, 1, 3))
    strike = next(e for e in events if e.sub_event_type == "Air/drone strike")
    assert strike.fatalities == 7 and strike.actor1 and "Israel" in strike.actor1, _seen(events)


def test_members_named_after_a_count_are_not_added_to_it() -> None:
    cas = extract_casualties("Two passengers, a woman and a teenage boy, were killed and at least four wounded.")
    assert (cas.fatalities, cas.injured) == (2, 4)
    assert extract_casualties("Three people, including a child, were killed.").fatalities == 3


def test_a_town_opening_the_sentence_beats_the_region_it_lies_in(nlp) -> None:
    text = (
        "Protests across Kenya\n"
        "NAIROBI, 26 June 2024 -\n\n"
        "In Eldoret, the president's base in the Rift Valley, several thousand protesters marched through the town "
        "centre on Tuesday.\n"
    )
    events = _events(nlp, text, date(2024, 6, 26))
    march = next(e for e in events if e.event_type == "Protests")
    assert march.place is not None and march.place.location == "Eldoret", _seen(events)


def test_a_countrys_toll_of_a_day_is_no_incidents_toll_but_a_placed_one_is(nlp) -> None:
    text = (
        "Protests turn deadly\n"
        "NAIROBI, 26 June 2024 -\n\n"
        "Police fired live rounds at protesters outside parliament in Nairobi on Tuesday, killing six people, rights "
        "groups said.\n\n"
        "The rights commission said on Wednesday that 22 people had been killed across the country on Tuesday.\n"
    )
    events = _events(nlp, text, date(2024, 6, 26))
    assert [e.fatalities for e in events if e.place and e.place.location == "Nairobi"] == [6], _seen(events)


def test_an_item_the_day_before_a_briefs_period_is_its_news(nlp) -> None:
    text = (
        "DAILY SECURITY BRIEF - Covering 06:00 Tuesday 19 November to 06:00 Wednesday 20 November\n"
        "20 November 2024 - (risk advisory)\n\n"
        "ARTIBONITE: On Monday 18 November, two farmers were shot dead by gang members in Savien, a local councillor "
        "said. The bodies were recovered on Tuesday.\n"
    )
    events = _events(nlp, text, date(2024, 11, 20))
    assert any(str(e.event_date) == "2024-11-18" and e.fatalities == 2 for e in events), _seen(events)


def test_forces_clashing_with_students_who_had_gathered_is_a_riot(nlp) -> None:
    text = (
        "Deadly unrest in Papua\n"
        "JAYAPURA, 24 September 2019 -\n\n"
        "In Jayapura on Monday, security forces clashed with students who had gathered at a sports complex, and three "
        "students were killed, police said.\n"
    )
    events = _events(nlp, text, date(2019, 9, 24))
    assert any(e.sub_event_type == "Violent demonstration" and (e.actor1 or "").startswith("Rioters")
               for e in events), _seen(events)  # fmt: skip


def test_helicopters_that_had_on_saturday_struck_and_a_man_hit_by_bullets() -> None:
    match, _ = classify_with_cues("He added that army helicopters had on Saturday struck rebel vehicles near the town.")
    assert match is not None and match.sub_event_type == "Air/drone strike"
    match, _ = classify_with_cues("The candidate was hit by three bullets as he got into a car outside a school.")
    assert match is not None and match.sub_event_type == "Attack"


def test_troops_that_engaged_the_attackers_fought_and_the_incident_a_report_turns_back_to_keeps_its_day(nlp) -> None:
    text = (
        "Train attacked near Kaduna\n"
        "KADUNA, 29 March 2022 -\n\n"
        "Gunmen attacked a passenger train near Katari on Monday night, killing eight people, officials said.\n\n"
        "The attack came two days after gunmen attacked the Kaduna airport on Saturday. A guard was killed when the "
        "attackers opened fire near the runway, before troops of the Nigerian Army engaged them and forced them to "
        "withdraw, the agency said.\n"
    )
    events = _events(nlp, text, date(2022, 3, 29))
    assert any(e.sub_event_type == "Armed clash" and str(e.event_date) == "2022-03-26" for e in events), _seen(events)


def test_a_dateline_under_the_headline_and_the_page_date_is_the_reports_not_the_events(nlp) -> None:
    text = (
        "Militants storm buildings in the Chechen capital\n"
        "5 December 2014 - (wire service)\n"
        "MOSCOW, Dec 5 - Fourteen police officers and eleven militants were killed when gunmen attacked Grozny before "
        "dawn on Thursday, investigators said on Friday.\n"
    )
    events = _events(nlp, text, date(2014, 12, 5))
    assert [str(e.event_date) for e in events] == ["2014-12-04"], _seen(events)


def test_a_killing_told_first_keeps_its_type_when_only_the_attackers_died_in_the_exchange_after_it(nlp) -> None:
    text = (
        "Candidate shot dead\n"
        "QUITO, 10 August 2023 -\n\n"
        "Police arrested six men in raids in Quito early on Thursday over the killing of a presidential candidate.\n\n"
        "The candidate was shot dead as he got into a car outside a school in the north of the capital at about 6:20 "
        "p.m. on Wednesday. One of the suspected gunmen was wounded in an exchange of fire with the candidate's "
        "bodyguards and died in custody shortly afterwards.\n"
    )
    events = _events(nlp, text, date(2023, 8, 10))
    assert any(e.sub_event_type == "Attack" and str(e.event_date) == "2023-08-09" for e in events), _seen(events)


def test_a_lead_whose_toll_from_the_strikes_rose_is_the_strike_the_body_tells(nlp) -> None:
    text = (
        "Strikes on Kurdish groups kill 13\n"
        "ERBIL, 29 September 2022 -\n\n"
        "The death toll from Iranian missile and drone strikes on Kurdish opposition groups in northern Iraq rose to "
        "13 on Thursday, the regional health ministry said.\n\n"
        "Drone strikes hit compounds of the party around Koya, a town east of Erbil, on Wednesday.\n"
    )
    events = _events(nlp, text, date(2022, 9, 29))
    strikes = [e for e in events if e.event_type == "Explosions/Remote violence"]
    assert len(strikes) == 1 and str(strikes[0].event_date) == "2022-09-28" and strikes[0].fatalities == 13, _seen(
        events
    )


def test_arrests_over_a_killing_carry_no_toll_and_a_killing_is_of_civilians(nlp) -> None:
    text = (
        "Six held over candidate's killing\n"
        "QUITO, 10 August 2023 -\n\n"
        "Police arrested six men in Quito early on Thursday over the assassination of a candidate who was shot dead "
        "the previous evening.\n"
    )
    events = _events(nlp, text, date(2023, 8, 10))
    arrests = [e for e in events if e.sub_event_type == "Arrests"]
    assert arrests and all(e.fatalities == 0 for e in arrests), _seen(events)


def test_the_own_grozny_report_codes_as_a_coder_would(nlp) -> None:
    """The round's own report (tests/fixtures/reports_round22): the battle on Thursday (not the dateline's Friday),
    its 25 dead and the 36 wounded officers told after its last telling; Khasavyurt's killing the evening before."""
    from pathlib import Path

    from warlog.ingest import read_sources

    path = Path(__file__).parent / "fixtures" / "reports_round22" / "grozny_press_house_wire.txt"
    (report,) = list(read_sources([path], local_files=True))
    got = [
        (str(m.event_date), m.sub_event_type, m.place.location if m.place else None, m.fatalities, m.injured)
        for m in extract_report(report, nlp).mentions
    ]
    assert got == [
        ("2014-12-04", "Armed clash", "Grozny", 25, 36),
        ("2014-12-03", "Armed clash", "Khasavyurt", 1, None),
    ], got


def test_the_own_hazarganji_report_places_the_outskirts_in_the_filed_city(nlp) -> None:
    """The round's second own report: a market on the outskirts of the provincial capital (dateline Quetta) whose name
    the gazetteer holds only for villages 280 km away is a part of Quetta, not those villages."""
    from pathlib import Path

    path = Path(__file__).parent / "fixtures" / "reports_round22" / "hazarganji_regional_daily.txt"
    found = _events(nlp, path.read_text(encoding="utf-8"), date(2019, 4, 13))
    bomb = next(e for e in found if e.sub_event_type == "Remote explosive/landmine/IED")
    assert str(bomb.event_date) == "2019-04-12" and bomb.fatalities == 20 and bomb.injured == 48, _seen(found)
    assert bomb.place is not None and _km(bomb.place, 30.18, 67.0) < 25, _seen(found)
