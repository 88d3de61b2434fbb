"""Round 17: a sentence that sets its own scene in another country (own text, no corpus text)."""

from __future__ import annotations

from datetime import date

from warlog.extract.frames import extract_report
from warlog.model import Report


def _events(nlp, text: str, published: date):
    return extract_report(Report(text=text, published=published), nlp).mentions


def _seen(events) -> list[tuple]:
    return [(e.place.location if e.place else None, e.place.country if e.place else None, e.sub_event_type)
            for e in events]  # fmt: skip


def test_a_sentence_set_in_another_country_keeps_its_place(nlp) -> None:
    text = (
        "Strike on a family home kills 12 in Gaza City\n"
        "Published 20 October 2023\n\n"
        "GAZA CITY - An Israeli air strike on a family home in Gaza City killed at least 12 people on Thursday, the "
        "health ministry said.\n\n"
        "In Iraq, a roadside bomb killed three soldiers in Baghdad's Abu Ghraib district on Thursday, security "
        "sources said.\n"
    )
    events = _events(nlp, text, date(2023, 10, 20))
    bomb = [e for e in events if e.sub_event_type == "Remote explosive/landmine/IED"]
    assert bomb and bomb[0].place is not None and bomb[0].place.country == "Iraq", _seen(events)
    assert "Israel" not in (bomb[0].actor2 or ""), bomb[0].actor2


def test_a_country_named_as_a_side_does_not_move_the_place(nlp) -> None:
    text = (
        "Shells hit displacement camps west of Goma\n"
        "Published 4 May 2024\n\n"
        "GOMA - Shells struck two camps for displaced people at Mugunga, west of Goma, on Friday, killing 12 people, "
        "the army said, blaming the Rwanda-backed M23 rebels whose positions lie to the north.\n"
    )
    events = _events(nlp, text, date(2024, 5, 4))
    assert events and all(e.place is not None and e.place.country != "Rwanda" for e in events), _seen(events)


def test_a_live_blog_day_heading_dates_its_entries(nlp) -> None:
    text = (
        "LIVE: unrest spreads across the country\n"
        "9 March 2023 - (live blog; entries in chronological order)\n\n"
        "Tuesday 7 March\n\n"
        "10:05 - In Gyumri, protesters tore down the statue of the former governor this afternoon, witnesses said.\n\n"
        "Thursday 9 March\n\n"
        "09:30 - Crowds gathered again outside the ministry in Yerevan this morning.\n"
    )
    events = _events(nlp, text, date(2023, 3, 9))
    gyumri = [e for e in events if e.place is not None and e.place.location == "Gyumri"]
    assert gyumri and str(gyumri[0].event_date) == "2023-03-07", [(str(e.event_date), *_seen([e])[0]) for e in events]


def test_the_national_parliament_is_in_the_capital_the_dateline_names(nlp) -> None:
    text = (
        "Budget anger boils over\n"
        "LIMA, 12 June 2021 - (national desk)\n"
        "Dozens of hooded youths smashed their way into the Congress building yesterday and set fire to offices on the "
        "ground floor, before riot police drove them back with tear gas.\n\n"
        "In Arequipa, several hundred people marched peacefully through the city centre.\n"
    )
    events = _events(nlp, text, date(2021, 6, 12))
    riot = [e for e in events if e.event_type == "Riots"]
    assert riot and riot[0].place is not None and riot[0].place.location.startswith("Lima"), _seen(events)


def test_police_firing_tear_gas_into_a_crowd_is_no_battle(nlp) -> None:
    text = (
        "Teachers' march broken up in the capital\n"
        "Published 3 May 2022\n\n"
        "NAIROBI - Anti-riot police advanced on the square on Monday and fired tear gas into the crowd of striking "
        "teachers, who fled into side streets, witnesses said.\n"
    )
    events = _events(nlp, text, date(2022, 5, 3))
    assert events and not any(e.event_type == "Battles" for e in events), _seen(events)


def test_in_may_is_the_month_of_a_recalled_clash(nlp) -> None:
    from warlog.extract.dates import find_dates

    found = find_dates("In May, dozens of peacekeepers were hurt in clashes in the north.", date(2023, 9, 25))
    assert [(str(d.value), d.precision) for d in found] == [("2023-05-15", 3)]
    assert find_dates("Police may fire on the crowd.", date(2023, 9, 25)) == []


def test_a_toll_since_the_protests_began_is_a_claim() -> None:
    from warlog.extract.counts import is_aggregate_toll

    assert is_aggregate_toll("The rights office said 30 people had been killed since the start of the protests.")
    assert not is_aggregate_toll("Police shot dead three protesters in the capital on Friday.")


def test_a_blast_whose_attacker_died_at_the_scene_is_a_suicide_bombing() -> None:
    from warlog.extract.types import find_triggers

    subs = {t.sub_event_type for t in find_triggers(
        "Police confirmed that 14 people were killed, in addition to the attacker, who died at the scene."
    )}  # fmt: skip
    assert "Suicide bomb" in subs


def test_a_part_of_a_city_named_with_its_bearing_is_not_a_namesake_village(nlp) -> None:
    text = (
        "Arrest after the stadium bombing\n"
        "Published 24 May 2017\n\n"
        "MANCHESTER - On Tuesday, officers arrested a 23-year-old man in the Chorlton area of south Manchester in "
        "connection with the attack.\n"
    )
    events = _events(nlp, text, date(2017, 5, 24))
    assert events and events[0].place is not None and events[0].place.location == "Manchester", _seen(events)


def test_a_desk_label_before_a_dash_is_no_dateline() -> None:
    from warlog.extract.context import dateline_span

    assert dateline_span("PRESS RELEASE - Country X: police fire on marchers\n1 July 2021\n") is None
    assert dateline_span("BREAKING - Blast in the capital\n") is None
    assert dateline_span("KABUL - A bomb exploded on Monday.\n") == (0, 5)


def test_a_nationwide_toll_is_a_claim() -> None:
    from warlog.extract.counts import is_aggregate_toll

    assert is_aggregate_toll('The minister put the nationwide toll at "around forty dead" on Friday.')


def test_a_palace_named_like_a_village_is_not_that_village(nlp) -> None:
    text = (
        "Marchers reach the palace\n"
        "Published 9 October 2019\n\n"
        "QUITO - Police fired tear gas on Tuesday at thousands of marchers who tried to reach the Carondelet "
        "presidential palace.\n"
    )
    events = _events(nlp, text, date(2019, 10, 9))
    assert events and all(e.place is not None and e.place.location == "Quito" for e in events), _seen(events)


def test_there_is_the_place_the_sentence_before_named(nlp) -> None:
    text = (
        "Unrest in the autonomous region\n"
        "Published 4 July 2022\n\n"
        "NUKUS - Thousands of people marched through Nukus on Friday and clashed with police, who fired tear gas.\n\n"
        "We also have accounts of a gathering on Friday in the district town of Chimbay. People there told us that "
        "several hundred residents stood in front of the district administration for a few hours, chanting slogans, "
        "and then went home.\n"
    )
    events = _events(nlp, text, date(2022, 7, 4))
    assert any(e.place is not None and e.place.location in ("Chimbay", "Chimboy") for e in events), _seen(events)


def test_the_same_day_is_the_day_the_sentence_before_names(nlp) -> None:
    text = (
        "Flash update: protests over power cuts\n"
        "Published 30 September 2025\n\n"
        "On Friday 26 September, several hundred students marched in Toamasina; police fired tear gas at them.\n\n"
        "On Monday 29 September, the president dismissed the government. On the same day, students marched again "
        "in Mahajanga and police fired tear gas at them.\n"
    )
    events = _events(nlp, text, date(2025, 9, 30))
    days = {e.place.location: str(e.event_date) for e in events if e.place is not None}
    assert days.get("Mahajanga") == "2025-09-29", days


def test_a_death_after_an_incident_dates_it_when_nothing_else_does(nlp) -> None:
    text = (
        "Unrest over fuel prices\n"
        "Published 9 October 2019\n\n"
        "A protester died on Monday after being hit by a car during a road blockade in Azuay province, the "
        "ombudsman's office said.\n"
    )
    events = _events(nlp, text, date(2019, 10, 9))
    assert events and str(events[0].event_date) == "2019-10-07", [str(e.event_date) for e in events]


def test_shops_looted_in_a_report_about_protests_are_a_riot(nlp) -> None:
    text = (
        "Protesters clash with police over fuel prices\n"
        "Published 9 October 2019\n\n"
        "In Guayaquil, shops were looted in the south of the city overnight, the mayor said.\n"
    )
    events = _events(nlp, text, date(2019, 10, 9))
    assert events and events[0].event_type == "Riots", _seen(events)


def test_armed_men_returning_fire_beside_a_march_are_a_battle() -> None:
    from warlog.extract.types import classify_with_cues

    choice, _ = classify_with_cues(
        "As the marchers reached the roundabout, shots were fired from rooftops and armed men in the crowd returned "
        "fire with rifles."
    )
    assert choice is not None and choice.sub_event_type == "Armed clash", choice


def test_police_firing_tear_gas_at_marchers_is_a_protest_with_intervention() -> None:
    from warlog.extract.types import classify_with_cues

    choice, _ = classify_with_cues("Police fired tear gas at thousands of marchers in the capital on Tuesday.")
    assert choice is not None and choice.event_type == "Protests", choice


def test_a_statue_pulled_down_and_a_city_hall_stormed_are_riots() -> None:
    from warlog.extract.types import classify_with_cues

    for sentence in (
        "In the northern town, protesters pulled down a statue of the former president this afternoon.",
        "A crowd tried to force its way into the regional administration building before police drove it back.",
    ):
        choice, _ = classify_with_cues(sentence, context="Protests over fuel prices spread across the country.")
        assert choice is not None and choice.event_type == "Riots", (sentence, choice)


def test_shops_looted_by_young_people_are_a_riot_whatever_the_headline(nlp) -> None:
    text = (
        "Night of anger after the election results\n"
        "Published 1 September 2016\n\n"
        "In the port city of Port-Gentil, groups of young people looted and burned shops in the city centre last "
        "night, residents said.\n"
    )
    events = _events(nlp, text, date(2016, 9, 1))
    assert events and events[0].event_type == "Riots", _seen(events)


def test_who_the_dead_of_a_toll_were_is_no_event_of_its_own(nlp) -> None:
    text = (
        "Flash update: protests over power cuts\n"
        "Published 30 September 2025\n\n"
        "The rights office said on 29 September that at least 20 people had been killed since the start of the "
        "protests. It said those killed included protesters and bystanders shot by members of the security forces.\n"
    )
    events = _events(nlp, text, date(2025, 9, 30))
    assert events == [], _seen(events)


def test_which_protest_was_biggest_is_no_protest_of_its_own() -> None:
    from warlog.extract.frames import _SUPERLATIVE_RECAP

    assert _SUPERLATIVE_RECAP.match("REPORTER (Dilnoza): The biggest protest was in Nukus.")
    assert _SUPERLATIVE_RECAP.match("The deadliest attack took place in the market town.")
    assert not _SUPERLATIVE_RECAP.match("Thousands marched in the biggest protest in years.")


def _report_events(nlp, name: str, published: date):
    from pathlib import Path

    text = (Path(__file__).parent / "fixtures" / "reports_round17" / name).read_text(encoding="utf-8")
    return _events(nlp, text, published)


def test_own_wire_on_a_missile_strike_is_coded_as_a_coder_would(nlp) -> None:
    events = _report_events(nlp, "zaporizhzhia_convoy_wire.txt", date(2022, 10, 1))
    strike = [e for e in events if e.place is not None and e.place.location.startswith("Zaporizh")]
    assert len(strike) == 1, _seen(events)
    e = strike[0]
    assert (e.sub_event_type, str(e.event_date), e.fatalities, e.injured) == (
        "Shelling/artillery/missile attack",
        "2022-09-30",
        30,
        88,
    ), (e.sub_event_type, str(e.event_date), e.fatalities, e.injured)
    assert e.actor1 == "Military Forces of Russia (2000-)" and e.actor2 == "Civilians (Ukraine)"
    assert any(x.place is not None and x.place.location == "Nikopol" for x in events), _seen(events)
    assert len(events) == 2, _seen(events)  # the annexation and the UN's war toll are no events


def test_own_wire_on_protests_places_the_palace_march_in_the_capital(nlp) -> None:
    events = _report_events(nlp, "quito_assembly_wire.txt", date(2019, 10, 9))
    where = {(e.place.location if e.place else None) for e in events}
    assert "Carondelet" not in where and "Quito" in where and "Guayaquil" in where, _seen(events)
    assert any(e.sub_event_type == "Violent demonstration" and e.place.location == "Quito" for e in events)


def test_in_the_capital_is_the_country_s_capital(nlp) -> None:
    text = (
        "Eswatini crackdown after the protests\n"
        "Published 1 July 2021\n\n"
        "Soldiers beat and wounded dozens of residents in the capital on Wednesday night, witnesses said.\n"
    )
    events = _events(nlp, text, date(2021, 7, 1))
    assert events and events[0].place is not None and events[0].place.location == "Mbabane", _seen(events)
    from warlog.extract.frames import _IN_THE_CAPITAL

    assert not _IN_THE_CAPITAL.search("fighting in the capital of Tigray region")
    assert not _IN_THE_CAPITAL.search("in the regional capital")
