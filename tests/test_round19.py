"""Round 19: reports that look back, page stamps, crowds' violence, days and places told the ACLED way (own text, no
corpus text)."""

from __future__ import annotations

from datetime import date

from warlog.extract.dates import find_dates
from warlog.extract.frames import extract_report
from warlog.extract.types import classify_with_cues, find_triggers
from warlog.model import Report


def _events(nlp, text: str, published: date):
    return extract_report(Report(text=text, published=published), nlp).mentions


def _seen(events) -> list[tuple]:
    return [(str(e.event_date), e.sub_event_type, e.place.location if e.place else None, e.fatalities, e.actor1)
            for e in events]  # fmt: skip


_LOOK_BACK = (
    "What the survivors of the Mopti market raid remember\n"
    "Published 20 April 2023 | Investigations | Mali\n\n"
    "Seven weeks after soldiers raided the weekly market in Mopti, killing at least 30 traders, the army has not "
    "said why. This report draws on interviews with eleven witnesses.\n\n"
    "Witnesses said the troops arrived on Friday, 3 March, shortly after the first boats came in. Several traders "
    "were shot as they ran towards the river.\n\n"
    "We also looked at a raid on the evening of Tuesday, 14 March, in which soldiers burned granaries in Sevare and "
    "shot dead four herders, residents said.\n"
)


def test_an_investigation_weeks_later_dates_its_incidents_by_their_days(nlp) -> None:
    events = _events(nlp, _LOOK_BACK, date(2023, 4, 20))
    days = {str(e.event_date) for e in events}
    assert "2023-03-03" in days and "2023-03-14" in days, _seen(events)
    # the section label "Mali" on the stamp line is no place of an event, and no event sits on the publication day
    assert "2023-04-20" not in days and "2023-04-19" not in days, _seen(events)


def test_a_stamp_line_of_labels_names_no_place(nlp) -> None:
    text = (
        "Protests spread across the island\n"
        "Monday, 12 July 2021 | Explainer | Americas\n\n"
        "On Sunday, several thousand people marched through Camaguey, Cuba, chanting against the government.\n"
    )
    events = _events(nlp, text, date(2021, 7, 12))
    assert events and all(e.place is not None and e.place.country == "Cuba" for e in events), _seen(events)


def test_nothing_found_is_no_find() -> None:
    match, _ = classify_with_cues("Investigators found no evidence of weapons in the school.")
    assert match is None or match.score < 0.5, match


def test_a_clock_is_no_after_clause_and_a_town_before_the_force_still_names_it(nlp) -> None:
    text = (
        "Man shot by police\n27 August 2020\n\n"
        "On Sunday evening, shortly after 6 p.m., a 31-year-old man was shot five times by a Racine police officer "
        "outside a shop in Racine, Wisconsin.\n"
    )
    events = _events(nlp, text, date(2020, 8, 27))
    assert events and str(events[0].event_date) == "2020-08-23", _seen(events)
    assert events[0].actor1 and events[0].actor1.startswith("Police Forces of the United States"), _seen(events)


def test_a_killing_during_looting_in_a_report_on_unrest_is_the_riot(nlp) -> None:
    text = (
        "Update on public violence in the province\n15 July 2021\n\n"
        "On Tuesday, 13 July 2021, a 30-year-old man was shot and killed by private security guards during looting "
        "at a warehouse in Durban.\n"
    )
    events = _events(nlp, text, date(2021, 7, 15))
    assert events and events[0].event_type == "Riots", _seen(events)
    assert events[0].actor2 and events[0].actor2.startswith("Private Security Forces"), _seen(events)


def test_an_incident_told_on_two_days_is_one_event_a_day(nlp) -> None:
    text = (
        "Second night of unrest\n30 August 2020\n\n"
        "On Friday night and again on Saturday night, rioters clashed with police in Racine, Wisconsin, and set fire "
        "to several cars.\n"
    )
    events = _events(nlp, text, date(2020, 8, 30))
    days = sorted(str(e.event_date) for e in events if e.event_type == "Riots")
    assert days == ["2020-08-28", "2020-08-29"], _seen(events)


def test_a_place_far_beyond_the_distance_stated_is_a_namesake(nlp) -> None:
    text = (
        "Tavern shooting\n10 July 2022\n\n"
        "On Saturday night, gunmen opened fire inside a tavern in Sweetwaters, about 10 km west of Pietermaritzburg, "
        "killing three people, police said.\n"
    )
    events = _events(nlp, text, date(2022, 7, 10))
    # (since round 28 the name is kept, at the point the report gives: 10 km west of the city, geo_precision 2)
    assert events and events[0].place is not None and events[0].place.location == "Sweetwaters", _seen(events)
    place = events[0].place
    assert place.geo_precision == 2 and -29.64 < place.latitude < -29.60 and 30.26 < place.longitude < 30.31, place
    assert events[0].sub_event_type == "Attack", _seen(events)


def test_the_citys_part_is_in_the_city_told_and_a_street_is_no_town(nlp) -> None:
    text = (
        "Night of clashes\n26 August 2020\n\n"
        "Protesters gathered in Racine, Wisconsin, on Monday. Later that night, crowds clashed with police in the "
        "city's Uptown area and set a car on fire on Calle Morelos.\n"
    )
    events = _events(nlp, text, date(2020, 8, 26))
    assert events and all(e.place is not None and e.place.location == "Racine" for e in events), _seen(events)


def test_acleds_spelling_of_a_province_finds_it() -> None:
    from warlog.gazetteer.index import get_gazetteer

    found = get_gazetteer().lookup_scored("Ninewa", fuzzy=True, extra=True)
    best = [e for e, q in found if q >= 1.0]
    assert best and best[0].feature == "admin1" and best[0].iso == "IQ", found[:3]


def test_night_dates_clocks_and_a_weekday_before_its_date() -> None:
    published = date(2020, 8, 5)
    after_midnight = find_dates("In the night of Saturday 1 to Sunday 2 August, at about 01:15, men struck", published)
    assert [d.value for d in after_midnight] == [date(2020, 8, 2)], after_midnight
    evening = find_dates("In the night of Saturday 1 to Sunday 2 August, men attacked the post", published)
    assert [d.value for d in evening] == [date(2020, 8, 1)], evening
    dotted = find_dates("the attack began at 3.20 a.m. on Monday", published)
    assert [d.value for d in dotted] == [date(2020, 8, 3)], dotted
    apposed = find_dates("On Friday morning, 24 July, hundreds crossed the river", published)
    assert [d.value for d in apposed] == [date(2020, 7, 24)], apposed


def test_words_that_only_look_like_event_words() -> None:
    assert not find_triggers("Its resolve was demonstrated after the floods of last year.")
    assert find_triggers("Thousands demonstrated in the capital on Sunday.")
    match, _ = classify_with_cues("Migrants attacked the border guards with stones and sticks at the fence.")
    assert match is not None and match.event_type == "Riots", match


def test_bombers_by_what_they_carried() -> None:
    for sentence in (
        "A young man carrying explosive charges walked into the crowded market and detonated them near the stalls.",
        "A woman detonated explosives hidden under her clothes at the checkpoint.",
    ):
        match, _ = classify_with_cues(sentence)
        assert match is not None and match.sub_event_type == "Suicide bomb", (sentence, match)


def test_one_armed_man_against_a_police_station_is_a_battle() -> None:
    match, _ = classify_with_cues("A man armed with a knife attacked the police station in the town before dawn.")
    assert match is not None and match.sub_event_type == "Armed clash", match
    match, _ = classify_with_cues("An army patrol was fired on near the village at dawn.")
    assert match is not None and match.sub_event_type == "Armed clash", match


def test_arrests_in_a_later_raid_are_their_own_and_the_states(nlp) -> None:
    text = (
        "Police post attacked\n9 June 2024\n\n"
        "Two policemen were killed when a gunman attacked a police post in Segamat, Malaysia, at around 3 a.m. on "
        "Sunday, police said. Officers returned fire and killed the attacker. Four of his relatives were detained in "
        "a raid on their home in Segamat later on Sunday.\n"
    )
    events = _events(nlp, text, date(2024, 6, 9))
    arrests = [e for e in events if e.sub_event_type == "Arrests"]
    assert arrests and arrests[0].actor1 and arrests[0].actor1.startswith("Police Forces of Malaysia"), _seen(events)
    assert any(e.event_type == "Battles" for e in events), _seen(events)


def test_two_towns_shelled_are_two_events_and_a_correction_adds_no_toll(nlp) -> None:
    text = (
        "Shelling along the river\n12 May 2023\n\n"
        "Russian forces shelled Nikopol and Marhanets on Thursday night, the regional governor said. Two houses were "
        "damaged in Nikopol. Nobody was killed.\n\n"
        "CORRECTION: An earlier version of this story said the shelling killed 12 people. The toll at that time was "
        "14.\n"
    )
    events = _events(nlp, text, date(2023, 5, 12))
    places = sorted(e.place.location for e in events if e.place is not None)
    assert places == ["Marhanets", "Nikopol"], _seen(events)
    assert all(e.fatalities == 0 for e in events), _seen(events)


def test_gunmen_opening_fire_inside_a_bar_attack_its_patrons() -> None:
    for sentence in (
        "Gunmen opened fire inside a crowded bar in the township late on Saturday.",
        "The men began firing at patrons with rifles.",
    ):
        match, _ = classify_with_cues(sentence)
        assert match is not None and match.sub_event_type == "Attack", (sentence, match)


def test_a_second_blast_is_told_apart(nlp) -> None:
    text = (
        "Two blasts hit market town\n3 March 2021\n\n"
        "A bomb hidden in a parked car exploded at the market in Jolo, Philippines, on Wednesday morning, killing "
        "four people. An hour later, a second blast went off near the church, where a man detonated explosives "
        "hidden under his clothes, killing two soldiers.\n"
    )
    subs = sorted(e.sub_event_type for e in _events(nlp, text, date(2021, 3, 3)))
    assert subs == ["Remote explosive/landmine/IED", "Suicide bomb"], subs


def test_the_source_clause_after_a_blast_names_no_armed_victims() -> None:
    match, _ = classify_with_cues(
        "An explosion hit a street in the town on Monday, killing at least five people, a police officer at the "
        "scene said by telephone."
    )
    assert match is not None and match.event_type == "Explosions/Remote violence", match


def test_the_buried_are_dead_unless_under_the_rubble() -> None:
    from warlog.extract.counts import extract_casualties

    assert extract_casualties("Officials said 41 people had been buried in the village by Monday.").fatalities == 41
    assert extract_casualties("Nine people were buried under the rubble of the school.").fatalities is None
