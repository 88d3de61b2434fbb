"""Round 41 (issue 14): "the coalition" names the coalition of the report's war (the anti-IS one in Syria or Iraq,
the Saudi-led one in Yemen, no known source elsewhere) and a date is never a source; protesters fired on are no side
of a battle; a figure's own day in an elided list ("... and three more in Wanindara on Friday"), two clauses joined
by a bare "and" each with its own figure, day and place; a lead's toll over a few days broken down by day and place;
"in the region" is the province the report names; where people came from with a compass word; the unit named after
an unknown one; a lone village far from the story's city. Texts written for warlog."""

from __future__ import annotations

from datetime import date

import pytest

from reading import events, km, own_report, seen
from warlog.extract.attribution import find_attribution


@pytest.mark.parametrize(
    ("sentence", "syria", "countries", "source"),
    [
        ("Two fighters were killed, the coalition said.", True, (), "Global Coalition Against Daesh"),
        ("Two fighters were killed, the coalition said.", False, ("IQ",), "Global Coalition Against Daesh"),
        ("Two fighters were killed, the coalition said.", False, ("YE", "SA"), "Saudi-led coalition"),
        # the country named most decides between two scoped readings
        ("Two fighters were killed, the coalition said.", False, ("YE", "IQ"), "Saudi-led coalition"),
        # a political coalition in Guinea is no known source: it is its own
        ("Two protesters were killed, the coalition said.", False, ("GN",), "coalition"),
        ("Two were shot dead, the opposition coalition that called the protests said.", False, ("GN",),
         "opposition coalition"),
        ("Two were killed, the Saudi-led coalition said.", True, (), "Saudi-led coalition"),
        ("Two were killed, the US-led coalition said.", False, ("YE",), "Global Coalition Against Daesh"),
        # a source never runs across a line; a date is never a source
        ("June 2018\nForces backed by the Saudi-led coalition said they took the airport.", False, (),
         "Saudi-led coalition"),
        ("WEEKLY DIGEST\n- 3 March, at dawn: two gunmen, reported to be brothers, opened fire on a bus.", False, (),
         None),
    ],
)  # fmt: skip
def test_the_coalition_is_the_coalition_of_the_reports_war(
    sentence: str, syria: bool, countries: tuple[str, ...], source: str | None
) -> None:
    assert find_attribution(sentence, syria=syria, countries=countries) == source


def test_protesters_fired_on_are_no_side_of_a_battle() -> None:
    from warlog.extract.types import CLASH, EXCESS, INTERV, model_may_override

    assert not model_may_override(EXCESS, CLASH)
    assert not model_may_override(INTERV, CLASH)
    assert model_may_override(CLASH, "Attack")


_LOME = (
    "LOME, 14 June 2025 - At least {total} people were shot dead in Lome during two days of protests against the "
    "new constitution, a coalition of opposition parties said on Saturday.\n\n"
    "Young men blocked roads in the Be district with burning tyres on Thursday and police fired tear gas to clear "
    "them. {detail}"
)


def test_an_elided_figure_keeps_its_own_day(nlp) -> None:
    found = events(
        nlp,
        _LOME.format(total="five", detail="The coalition said two protesters were killed by gunfire in Adakpame on "
                     "Thursday and three more in Amoutive on Friday."),
        date(2025, 6, 14),
        accept=False,
    )  # fmt: skip
    by_toll = {m.fatalities: m for m in found if m.fatalities}
    assert {2, 3} <= set(by_toll), seen(found)
    assert by_toll[2].event_date == date(2025, 6, 12), seen(found)
    assert by_toll[3].event_date == date(2025, 6, 13), seen(found)
    # neither is a battle: no armed group is named, the dead are protesters
    assert by_toll[2].sub_event_type != "Armed clash" and by_toll[3].sub_event_type != "Armed clash", seen(found)
    # the lead's five over the two days are the two days' events, not one more event
    assert 5 not in by_toll, seen(found)


def test_two_clauses_joined_by_a_bare_and_each_with_its_day_and_place(nlp) -> None:
    found = events(
        nlp,
        "Two protesters were shot dead in Adakpame on Thursday and three more were shot dead in Amoutive on Friday, "
        "opposition leaders in Lome, Togo, said.",
        date(2025, 6, 14),
        accept=False,
    )
    days = {m.fatalities: m.event_date for m in found if m.fatalities}
    assert days == {2: date(2025, 6, 12), 3: date(2025, 6, 13)}, seen(found)


def test_a_lead_over_days_is_no_event_beside_its_days(nlp) -> None:
    found = events(
        nlp,
        _LOME.format(total="four", detail="Two protesters were shot dead in Adakpame on Thursday. On Friday two more "
                     "were killed in Amoutive, the coalition said."),
        date(2025, 6, 14),
        accept=False,
    )  # fmt: skip
    assert sorted(m.fatalities for m in found if m.fatalities) == [2, 2], seen(found)


def test_in_the_region_is_the_province_the_report_names(nlp) -> None:
    found = events(
        nlp,
        "GAROUA, 2 May 2024 - Gunmen killed six herders near Touboro, a town in Cameroon's North region, on Tuesday, "
        "a local official said.\n\nSoldiers clashed with kidnappers in the region on Wednesday, the army said.",
        date(2024, 5, 2),
        accept=False,
    )
    (clash,) = [m for m in found if m.event_date == date(2024, 5, 1)]
    # the North region (Nord) at its seat, province level; not Touboro, told before
    assert clash.place is not None and clash.place.geo_precision == 3, seen(found)
    assert clash.place.feature == "admin1" and clash.place.admin1 == "Nord", clash.place


def test_where_people_came_from_with_a_compass_word() -> None:
    from warlog.extract.places import _DIRECTION_BEFORE

    assert _DIRECTION_BEFORE.search("a Palestinian man from the southern ")
    assert _DIRECTION_BEFORE.search("reinforcements sent to north-eastern ")
    assert not _DIRECTION_BEFORE.search("fighting in the southern ")


def test_the_unit_named_after_an_unknown_one_says_where_a_place_lies(nlp) -> None:
    # Muxungue is held only as another name of a village of Inhambane; the sentence puts it in Sofala province
    found = events(
        nlp,
        "BEIRA, 2 June 2020 - On Monday, gunmen fired on a lorry on the EN1 near Muxungue, in Chibabava district "
        "of Sofala province, killing its driver, police in Sofala said on Tuesday.",
        date(2020, 6, 2),
        accept=False,
    )
    (ambush,) = [m for m in found if m.fatalities == 1]
    assert ambush.place is not None and ambush.place.admin1 == "Sofala", seen(found)


_CITY_STORY = (
    "CONAKRY, 6 September 2023 - Police fired tear gas at young men who blocked roads with burning tyres in "
    "{quarters}Conakry on Tuesday.\n\nOn Wednesday, a young man was shot dead by gendarmes in {place}, residents said."
)


def test_a_lone_village_far_from_the_story_city_is_a_part_of_the_city(nlp) -> None:
    # Bambeto, a quarter of Conakry the gazetteer lacks, is no village of Telimele 170 km away, in a report that
    # names quarters of the city
    story = _CITY_STORY.format(quarters="Hamdallaye and Wanindara, in the north of ", place="Bambeto")
    found = events(nlp, story, date(2023, 9, 6), accept=False)
    assert found and all(km(m.place, 9.538, -13.677) < 25 for m in found if m.place), seen(found)
    # naming only the city, the report may tell of a village elsewhere
    found = events(nlp, _CITY_STORY.format(quarters="", place="Bambeto"), date(2023, 9, 6), accept=False)
    assert any(m.place and m.place.location == "Bambéto" for m in found), seen(found)


def test_a_village_in_a_province_the_report_names_stays_itself(nlp) -> None:
    found = events(
        nlp,
        "CONAKRY, 6 September 2023 - Protesters clashed with police in Conakry on Tuesday. In the Kindia region, a "
        "protester was shot dead in Bambeto, residents said.",
        date(2023, 9, 6),
        accept=False,
    )
    assert any(m.place and m.place.location == "Bambéto" for m in found), seen(found)


def test_own_report_22_reads_as_a_coder_codes_it(nlp) -> None:
    found = own_report(nlp, "22-conakry-axe-protests.txt")
    tolls = {m.fatalities: m for m in found if m.fatalities}
    # the two days' dead where they fell, on their days; the lead's five are those, not another event
    assert set(tolls) == {2, 3}, seen(found)
    assert (tolls[2].event_date, tolls[3].event_date) == (date(2022, 7, 28), date(2022, 7, 29)), seen(found)
    assert all(m.sub_event_type != "Armed clash" for m in found), seen(found)
    assert all(m.attributed_to != "Global Coalition Against Daesh" for m in found)
    # the arrests in Conakry, not at a namesake village 170 km away
    assert all(km(m.place, 9.538, -13.677) < 25 for m in found if m.place), seen(found)


def test_own_report_23_reads_as_a_coder_codes_it(nlp) -> None:
    found = own_report(nlp, "23-finote-selam-drone-strike.txt")
    (strike,) = [m for m in found if m.fatalities]
    assert (strike.sub_event_type, strike.event_date, strike.fatalities, strike.injured) == (
        "Air/drone strike",
        date(2023, 8, 13),
        26,
        55,
    )
    assert strike.actor1 == "Military Forces of Ethiopia (2018-)"
    assert strike.place is not None and strike.place.location == "Finote Selam" and strike.place.geo_precision == 1
    assert strike.attributed_to == "medical sources"
    # the state of emergency "in the region", if kept, is Amhara's, at province level
    assert all(m.place is not None and m.place.geo_precision == 3 for m in found if m is not strike)


@pytest.mark.parametrize(
    "sentence",
    [
        "Riot police fired tear gas and rubber bullets on Saturday at protesters trying to force their way towards "
        "the parliament in central Lome.",
        "Police met the marchers with batons and tear gas in Lome on Saturday, and the marchers threw stones at them.",
        "A young man was hit by live fire during clashes outside the prefecture in Lome on Saturday.",
    ],
)
def test_force_against_a_violent_crowd_is_a_riot(nlp, sentence: str) -> None:
    found = events(nlp, f"LOME, 15 June 2025 - {sentence}", date(2025, 6, 15), accept=False)
    assert found, sentence
    assert all(m.sub_event_type not in ("Excessive force against protesters", "Protest with intervention")
               for m in found), seen(found)  # fmt: skip
