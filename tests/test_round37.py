"""Round 37: whose dead a figure counts. The state's men and the attackers killed in one fight are different dead and
add up (ACLED's fatalities are everyone's), told in one sentence or two by one source; a figure of civilians, of
anyone ("people"), a vague one or another source's is never added. A list member after a comma is no clause of its
own without a verb; the things hit at each place of a list make one event at each. Own text only."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

from reading import events, seen
from warlog.extract.attribution import find_attribution
from warlog.extract.counts import extract_casualties, is_aggregate_toll
from warlog.extract.frames import extract_report
from warlog.extract.types import classify_sentence
from warlog.ingest import read_sources
from warlog.model import Report

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "reports-world"


def _plain(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def _dead(sentence: str) -> int | None:
    return extract_casualties(sentence).fatalities


def test_a_body_the_victims_belong_to_does_not_break_the_list_of_victims() -> None:
    assert _dead("Two gendarmes of the mobile brigade and a driver were killed in the ambush.") == 3
    assert _dead("Five soldiers from the 12th infantry battalion and two herders died.") == 7
    # a place is not a body: five in one town and three in another are two statements, the larger coded
    assert _dead("The strikes killed five people in Marib and three in Sirwah.") == 5


def test_the_two_sides_dead_of_one_fight_add_up() -> None:
    assert _dead("Three policemen were killed, and two of the gunmen were shot dead by their colleagues.") == 5
    assert extract_casualties("Six soldiers and 14 militants were killed.").sides == {"state", "attackers"}
    # two accounts of whom the dead were (the army's militants, the residents' civilians): the lowest, not a sum
    assert _dead("The army said 25 militants were killed, while villagers said 9 civilians died.") == 9
    # "several" is no count to add (ACLED's 10 for it stands alone or not at all: never 4 + 10)
    assert _dead("Four soldiers were killed, and several of the attackers died.") != 14


def test_the_attackers_killed_in_a_later_sentence_join_the_attacks_toll(nlp) -> None:
    text = (
        "Gunmen attack police post\n\n"
        "MOPTI, 14 March 2023 - Armed men on motorbikes attacked a police post in Bandiagara before dawn on Monday, "
        "the police said.\n\n"
        "Two policemen were killed in the attack, the police said in a statement. Five assailants were killed and "
        "three were arrested, it said.\n"
    )
    found = events(nlp, text, date(2023, 3, 14), accept=False)
    assert len(found) == 1 and found[0].fatalities == 7, seen(found)
    assert found[0].sub_event_type != "Arrests" and not found[0].actor1.startswith("Police"), seen(found)


def test_civilians_told_apart_from_a_fight_are_not_added_to_it(nlp) -> None:
    text = (
        "Militants attack army base\n\n"
        "MAIDUGURI, 9 May 2023 - Militants attacked an army base in Monguno on Monday, the army said. Three soldiers "
        "were killed and 20 militants were neutralised, the army said. Residents said 11 civilians died in the "
        "crossfire.\n"
    )
    found = events(nlp, text, date(2023, 5, 9), accept=False)
    clash = [e for e in found if e.sub_event_type == "Armed clash"]
    assert clash and clash[0].fatalities == 23, seen(found)


def test_a_list_member_without_a_verb_is_no_clause_and_each_place_is_an_event(nlp) -> None:
    text = (
        "Attacks in the centre\n\n"
        "BAMAKO, 12 April 2022 - On Monday, gunmen attacked army posts in Macina and near the village of Sarafere, in "
        "the Timbuktu region, and a checkpoint outside Tenenkou, killing four soldiers, according to a local "
        "official.\n"
    )
    found = events(nlp, text, date(2022, 4, 12), accept=False)
    places = {_plain(e.place.location) for e in found if e.place}
    assert {"Macina", "Sarafere", "Tenenkou"} <= places and len(found) >= 3, seen(found)
    assert sum(e.fatalities or 0 for e in found) == 4, seen(found)


def test_a_remote_controlled_bomb_is_a_remote_explosive() -> None:
    got = classify_sentence("A remote-controlled bomb hit a bus carrying soldiers in Bolan, killing six soldiers.")
    assert got is not None and got.sub_event_type == "Remote explosive/landmine/IED", got


def test_a_bodys_abbreviation_in_brackets_is_part_of_its_name() -> None:
    said = (
        "Two soldiers were killed and five attackers were shot dead, the Inter-Services Public Relations (ISPR) said."
    )
    assert find_attribution(said, syria=False) == "Inter-Services Public Relations"
    assert find_attribution("Five died (two of them children), police said.", syria=False) == "police"


def test_no_one_said_is_no_source_and_a_months_running_toll_is_a_claim() -> None:
    assert find_attribution("No group said it had carried out the attack.") is None
    assert find_attribution("No one claimed the blast, police said.") in (None, "police")
    assert is_aggregate_toll("Bandits have killed more than 60 villagers since the beginning of March, officials said.")


def test_tolls_told_as_counts_of_the_dead() -> None:
    assert (
        _dead("The number of people confirmed dead in the shelling of the camp has risen to 57, aid workers said.")
        == 57
    )
    assert _dead("We have buried 64 people in two days, a village elder said.") == 64
    assert _dead("Soldiers buried three anti-tank mines on the track.") is None
    # a count given later the same sentence, said to have reached a new figure, is the update
    assert _dead("By noon officials had counted 40 bodies, and by evening the figure had reached 52.") == 52


def test_a_blast_tearing_through_a_crowd_and_a_vehicle_bomb_are_explosions() -> None:
    got = classify_sentence("Three blasts tore through a funeral procession in the town on Sunday.")
    assert got is not None and got.event_type == "Explosions/Remote violence", got
    got = classify_sentence("A vehicle bomb exploded near the checkpoint, killing four guards.")
    assert got is not None and got.sub_event_type == "Remote explosive/landmine/IED", got


def test_a_bomb_its_carrier_set_off_is_a_suicide_bomb_whichever_sentence_says_so(nlp) -> None:
    text = (
        "Bomb hits market\n\n"
        "KANO, 14 March 2023 - A bomb ripped through a crowded cattle market in Kano on Monday, killing 11 traders, "
        "police said. Police said the bomb was carried by a suicide bomber who blew himself up among the traders.\n"
    )
    found = events(nlp, text, date(2023, 3, 14), accept=False)
    assert len(found) == 1 and found[0].sub_event_type == "Suicide bomb", seen(found)


def test_the_first_incident_takes_the_day_its_story_told_further_back(nlp) -> None:
    text = (
        "Villages attacked\n\n"
        "BANGUI, 20 June 2021 - The toll from the attack on two villages near Bocaranga has risen, officials said on "
        "Saturday.\n\n"
        "Armed men arrived in Bekoro on the morning of 16 June and asked the men to gather for a meeting. Then they "
        "opened fire. Some victims were tied up, survivors said.\n\n"
        "In Bekoro, 15 people were killed, the prefect said.\n"
    )
    found = events(nlp, text, date(2021, 6, 20), accept=False)
    bekoro = [e for e in found if e.place is not None and "Bekoro" in e.place.location]
    assert bekoro and bekoro[0].event_date == date(2021, 6, 16), seen(found)


def test_an_attack_whose_dead_are_the_states_men_is_a_battle(nlp) -> None:
    # own report 14: "gunmen attacked army posts in Kolokani and near the village of Sokolo, ..., and a checkpoint
    # outside Douentza, killing three soldiers and a civilian, according to a security source"
    report = next(
        r for r in read_sources([EXAMPLES / "14-kati-camp-car-bombs.txt"], local_files=True) if isinstance(r, Report)
    )
    found = extract_report(report, nlp, accept=False).mentions
    kati = [e for e in found if e.event_date == date(2022, 7, 22)]
    assert len(kati) == 1 and kati[0].fatalities == 8, seen(found)
    before = [e for e in found if e.event_date == date(2022, 7, 21)]
    assert {_plain(e.place.location) for e in before} == {"Kolokani", "Sokolo", "Douentza"}, seen(found)
    assert all(e.sub_event_type == "Armed clash" for e in before), seen(found)
    assert all((e.actor2 or "").startswith("Military Forces of Mali") for e in before), seen(found)
    assert sum(e.fatalities or 0 for e in before) == 4, seen(found)
    # villagers killed with no post of the state's hit stay an attack on civilians
    text = (
        "Village attacked\n\n"
        "NIAMEY, 12 April 2022 - On Monday, gunmen attacked the village of Tizegorou, killing nine villagers, "
        "officials said.\n"
    )
    found = events(nlp, text, date(2022, 4, 12), accept=False)
    assert found and found[0].sub_event_type == "Attack", seen(found)


def test_state_forces_of_a_day_before_the_exports_periods_carry_the_older_government() -> None:
    from warlog.extract.periods import dated_actor

    assert (
        dated_actor("Military Forces of Pakistan (2018-)", date(2016, 3, 27))
        == "Military Forces of Pakistan (2013-2018)"
    )
    assert dated_actor("Police Forces of Somalia (2017-)", date(2016, 2, 1)) == "Police Forces of Somalia (2012-2017)"
    assert dated_actor("Military Forces of Iraq (2018-2020)", date(2013, 5, 1)) == "Military Forces of Iraq (2006-2014)"
    # the periods the exports showed are unchanged
    assert (
        dated_actor("Military Forces of Pakistan (2018-)", date(2020, 3, 27))
        == "Military Forces of Pakistan (2018-2022)"
    )
    assert dated_actor("Military Forces of Iraq (2006-2014)", date(2019, 5, 1)) == "Military Forces of Iraq (2018-2020)"
