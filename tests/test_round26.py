"""Round 26: reading fixes found on round 25's blind sets (development from this round) and on own text, each tested
on text written for this round: a toll over a stretch of days ("since the start of the month") or over a whole
province is a claim, not the last incident's figure; the outlet's stamp under the title names no place of the
story; "the Chadian capital" is N'Djamena; a square or a street is no town."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from reading import events, seen
from warlog.extract.counts import aggregate_period, extract_casualties
from warlog.extract.frames import stamp_lines
from warlog.extract.places import Toponym, streets_unplaced
from warlog.model import Place

FIXTURES = Path(__file__).parent / "fixtures"

SHELLING = (
    "Shelling hits market town in the north-west\n"
    "Levant Wire, 12 March 2021\n\n"
    "A monitor said between two and six civilians were reportedly killed when shells hit the town of Sarmada on "
    "Thursday.\n\n"
)


def test_a_toll_since_the_start_of_the_month_is_a_claim_not_the_incident_s_figure(nlp) -> None:
    text = SHELLING + "The U.N. said up to 81 civilians had been killed in the province since the start of the month.\n"
    found = events(nlp, text, date(2021, 3, 12))
    assert len(found) == 1, seen(found)
    assert found[0].fatalities == 2 and found[0].fatalities_max == 6


def test_a_toll_across_the_province_is_a_claim_not_the_incident_s_figure(nlp) -> None:
    text = SHELLING + "The U.N. said up to 81 civilians had been killed across the province.\n"
    found = events(nlp, text, date(2021, 3, 12))
    assert len(found) == 1, seen(found)
    assert found[0].fatalities == 2


def test_period_phrases_of_a_stretch_of_days() -> None:
    assert aggregate_period("40 people have been killed since the start of the month") is not None
    assert aggregate_period("killed since the beginning of Ramadan") is not None
    assert aggregate_period("killed at the start of the month in a raid") is None


def test_the_outlet_s_stamp_under_the_title_is_page_furniture() -> None:
    text = (
        "Two suicide bombers hit police buildings in the capital\n"
        "The Logone Courier, 16 June 2015\n\n"
        "Two suicide bombers struck police buildings in N'Djamena on Monday morning, killing 23 people.\n"
    )
    assert stamp_lines(text) == [(text.index("The Logone"), text.index("\n\nTwo"))]


def test_the_capital_named_by_its_nationality_adjective_is_that_country_s_capital(nlp) -> None:
    text = (
        "Bombers hit police buildings\n"
        "The Kano Evening Star, 16 June 2015\n\n"
        "Two suicide attacks struck police buildings in the Chadian capital on Monday morning, killing 23 people.\n"
    )
    found = events(nlp, text, date(2015, 6, 16))
    assert [(e.place.location, e.place.country) for e in found] == [("N'Djamena", "Chad")], seen(found)


def test_a_title_with_a_date_inside_it_is_no_stamp() -> None:
    text = "Curfew in Maroua after 12 March 2021 attack on market\nBody text follows here.\n"
    assert stamp_lines(text) == []


def test_a_square_or_a_street_is_no_town() -> None:
    text = "Crowds gathered in Elia Square and marched down Hamra Street to the Sidon road."
    names = ["Elia", "Hamra", "Sidon"]
    tops = [Toponym(text.index(n), text.index(n) + len(n), n, []) for n in names]
    places = [Place(n, 33.5, 35.4, 1) for n in names]
    assert [p.location if p else None for p in streets_unplaced(tops, places, text)] == [None, None, "Sidon"]


def test_the_town_of_a_rally_in_its_square_is_the_event_s_place(nlp) -> None:
    text = (
        "Rallies across the country\n"
        "Cedar Desk, 29 January 2021\n\n"
        "In other towns the day was calm. In Sidon, in the south, a few dozen people gathered peacefully in Elia "
        "Square on Thursday evening to show solidarity with the strikers.\n"
    )
    found = events(nlp, text, date(2021, 1, 29))
    assert [e.place.location for e in found] == ["Sidon"], seen(found)


def test_a_town_the_parser_calls_a_person_once_is_the_place_the_report_names_elsewhere(nlp) -> None:
    text = (
        "Ambush on the river, rallies in the north\n"
        "Sahel Desk, 15 March 2019\n\n"
        "Gunmen ambushed an army patrol near Gao in Mali on Thursday, killing three soldiers, officials said.\n\n"
        "In the north, Kidal, hundreds of people marched on Friday against the peace deal, waving flags. The "
        "march ended without incident.\n\n"
        "The envoy arrived in Kidal last month to meet the armed groups.\n"
    )
    found = events(nlp, text, date(2019, 3, 16))
    protests = [e for e in found if e.event_type == "Protests"]
    assert [e.place.location for e in protests] == ["Kidal"], seen(found)


def test_two_acts_each_with_its_own_day_and_place_are_two_events(nlp) -> None:
    text = (
        "Unrest spreads\n"
        "Coast Desk, 6 March 2021\n\n"
        "A young man was shot dead in the town of Bignona on Thursday during clashes between protesters and "
        "gendarmes, and crowds looted shops and petrol stations in Dakar on Friday.\n"
    )
    found = events(nlp, text, date(2021, 3, 6))
    got = {e.place.location: e for e in found}
    assert set(got) == {"Bignona", "Dakar"}, seen(found)
    assert got["Bignona"].event_date == date(2021, 3, 4) and got["Bignona"].fatalities == 1
    assert got["Dakar"].event_date == date(2021, 3, 5) and not got["Dakar"].fatalities


def test_a_headline_of_two_places_joined_by_a_comma_gives_each_its_own_toll(nlp) -> None:
    text = (
        "Two dead in Kaolack, shops burned in Dakar as unrest spreads\n"
        "Coast Desk, 6 March 2021\n\n"
        "Protesters set fire to shops in Dakar on Friday and pelted police with stones, witnesses said.\n"
    )
    found = events(nlp, text, date(2021, 3, 6))
    dakar = [e for e in found if e.place is not None and e.place.location == "Dakar"]
    assert dakar and not any(e.fatalities for e in dakar), seen(found)


def test_people_treated_for_injuries_are_the_wounded() -> None:
    assert extract_casualties("The ministry said 32 people had been treated for injuries.").injured == 32
    assert extract_casualties("The hospital treated 12 people for smoke inhalation.").injured is None


def test_the_round_26_own_report_read_as_a_coder(nlp) -> None:
    """tests/fixtures/reports_round26/bignona_dakar_unrest_daily.txt (written for this round; Senegal, March 2021,
    an incident no development set tells): a death in Bignona on Thursday and looting in the capital on Friday,
    told in one lead sentence and a two-place headline; the opposition leader's arrest on Wednesday; the rights
    groups' toll since Wednesday a claim, 2012's protests a recall."""
    from warlog.extract.frames import extract_report
    from warlog.ingest import read_sources

    path = FIXTURES / "reports_round26" / "bignona_dakar_unrest_daily.txt"
    report = next(iter(read_sources([path], local_files=True)))
    ex = extract_report(report, nlp)
    got = {(m.place.location, m.sub_event_type): m for m in ex.mentions}
    assert set(got) == {
        ("Bignona", "Violent demonstration"),
        ("Dakar", "Violent demonstration"),
        ("Dakar", "Arrests"),
    }, seen(ex.mentions)
    bignona = got[("Bignona", "Violent demonstration")]
    assert bignona.event_date == date(2021, 3, 4) and bignona.fatalities == 1
    assert bignona.actor1 == "Rioters (Senegal)"
    riot = got[("Dakar", "Violent demonstration")]
    assert riot.event_date == date(2021, 3, 5) and not riot.fatalities
    assert got[("Dakar", "Arrests")].event_date == date(2021, 3, 3)
    assert sorted(c.quantity for c in ex.claims) == [4, 6]


def test_the_threshold_is_the_middle_of_the_flat_top_not_the_step_one_event_tips() -> None:
    from warlog.train.acceptance import smoothed_f1

    table = {0.3: (60, 40, 40), 0.35: (70, 30, 30), 0.4: (60, 40, 40), 0.45: (68, 32, 32), 0.5: (69, 31, 31),
             0.55: (68, 32, 32), 0.6: (60, 40, 40)}  # fmt: skip
    best = max(table, key=lambda t: (smoothed_f1(table, t), -t))
    assert best == 0.5  # 0.35 alone is higher, but its neighbours are not
    assert smoothed_f1(table, 0.3) == pytest.approx((0.6 + 0.7) / 2)  # (an edge has one neighbour)


def test_the_wounded_counted_after_the_riot_are_its_injured(nlp) -> None:
    text = (
        "Riots in Dakar\n"
        "Coast Desk, 6 March 2021\n\n"
        "In Dakar on Friday, groups of youths set fire to tyres on the main avenues and pelted riot police with "
        "stones. Police fired tear gas into the crowds until late at night. The health ministry said 32 people had "
        "been treated for injuries, among them nine police officers.\n"
    )
    found = events(nlp, text, date(2021, 3, 6))
    assert [(e.place.location, e.injured) for e in found] == [("Dakar", 32)], seen(found)
