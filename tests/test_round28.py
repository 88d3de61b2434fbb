"""Round 28: reading fixes found on round 27's blind sets (development from this round), each tested on text written
for this round: a country named for its capital is the city; a possessive country name sets a sentence's scene
abroad; a variant spelling of a village is trusted beside a town the report names exactly; a town named with its
district holds the district's villages; a name no gazetteer holds is placed by the distance the report states; a
round-up's heading in capitals names its place; the object of the doers' relative clause and a headline's victims are
no doers; a crowd armed with guns is an armed group; attacks on detachments and captures of outposts and junctions."""

from __future__ import annotations

from datetime import date

from reading import events, km, seen, sub_event
from warlog.extract.demonyms import country_names_at
from warlog.extract.places import (
    Toponym,
    _outside_named_provinces,
    exact_points,
    find_toponyms,
    named_capitals,
    resolve_toponyms,
    unnamed_at_distance,
)
from warlog.gazetteer import GazEntry


def test_a_country_named_for_its_capital_is_the_city() -> None:
    for text, city in (
        ("A car bomb went off near a busy junction in Kenya's capital on Friday.", "Nairobi"),
        ("Militias clashed for hours in the Libyan capital overnight.", "Tripoli"),
    ):
        tops = find_toponyms(text, [], sticky=True)
        places = named_capitals(text, tops, resolve_toponyms(tops, text))
        assert [p.location for p in places if p] == [city], (text, places)
        assert all(p.geo_precision == 1 for p in places if p)
    text = "Russia's capital markets fell on Monday."  # no city: money
    tops = find_toponyms(text, [], sticky=True)
    assert [p.feature for p in named_capitals(text, tops, resolve_toponyms(tops, text)) if p] == ["country"]


def test_a_country_said_with_its_possessive_is_still_named() -> None:
    text = "In Ukraine's Sumy region, far from the front, a Russian drone hit a bakery."
    assert [iso for _, iso in country_names_at(text)] == ["UA"]


def test_a_variant_spelling_is_trusted_beside_a_town_the_report_names_exactly() -> None:
    village = GazEntry(id="v", name="Koromboro", feature="village", lat=14.30, lon=-3.55, iso="ML", admin1="Mopti")
    town = GazEntry(id="t", name="Bandiagara", feature="town", lat=14.35, lon=-3.61, iso="ML", admin1="Mopti")
    named = [Toponym(0, 10, "Bandiagara", [town], [1.0])]
    provinces = {"ML": {"kidal"}}  # the report names another province only
    assert not _outside_named_provinces(village, 0.85, provinces, exact_points(named))
    far = GazEntry(id="f", name="Koromboro", feature="village", lat=12.0, lon=-8.0, iso="ML", admin1="Koulikoro")
    assert _outside_named_provinces(far, 0.85, provinces, exact_points(named))


def test_a_place_no_gazetteer_holds_is_placed_by_the_distance_the_report_states() -> None:
    text = "On Friday, soldiers retook the crossroads of Quibembe, about 30 km north of Mocimboa da Praia."
    tops = find_toponyms(text, [], sticky=True)
    tops2, places = unnamed_at_distance(text, tops, resolve_toponyms(tops, text))
    placed = {t.surface: p for t, p in zip(tops2, places, strict=True) if p is not None}
    assert "Quibembe" in placed and placed["Quibembe"].geo_precision == 2
    ref = placed[next(s for s in placed if s.startswith("Moc"))]
    assert 25 <= km(placed["Quibembe"], ref.latitude, ref.longitude) <= 35
    assert placed["Quibembe"].latitude > ref.latitude  # north of it
    text = "On Friday, about 30 km north of Mocimboa da Praia, soldiers retook a crossroads."  # no name before
    tops = find_toponyms(text, [], sticky=True)
    assert len(unnamed_at_distance(text, tops, resolve_toponyms(tops, text))[0]) == len(tops)


def test_a_round_up_heading_in_capitals_names_its_place() -> None:
    text = (
        "Weekly notes.\n\nSHAN STATE - MILITIA SEIZES TOLL GATE\nFighters took a toll gate on Friday.\n\n"
        "NATIONWIDE - STRIKE CALLED\nShops closed."
    )
    found = [(t.surface, [c.feature for c in t.candidates][:1]) for t in find_toponyms(text, [], sticky=True)]
    assert ("SHAN STATE", ["admin1"]) in found
    assert not any(s == "NATIONWIDE" for s, _ in found)


def test_whom_the_doers_relative_clause_names_is_no_doer() -> None:
    assert (
        sub_event(
            "Masked men who stormed the sit-in near the central square on the night of 4 March 2020 shot dead at least "
            "nine people, a rights group said."
        )
        == "Attack"
    )
    assert sub_event("Villagers who caught the thief beat him to death.") == "Mob violence"


def test_a_headline_s_victims_are_no_doers() -> None:
    assert sub_event("Market attack: 12 villagers and two soldiers killed, governor says") == "Armed clash"
    assert sub_event("Four herders killed in attack on cattle camp") == "Attack"
    assert sub_event("Herders attacked the police post.") == "Mob violence"


def test_a_crowd_armed_with_guns_is_an_armed_group() -> None:
    assert sub_event("Youths armed with guns and machetes attacked residents of the village on Monday.") == "Attack"
    assert sub_event("Youths armed with sticks attacked residents of the village on Monday.") == "Mob violence"


def test_attacks_on_detachments_and_captures_of_outposts_and_junctions() -> None:
    assert sub_event("One column attacked the gendarmerie detachment at dawn.") == "Armed clash"
    assert sub_event("Rebels attacked and captured the army outpost at the river crossing.") == (
        "Non-state actor overtakes territory"
    )
    assert sub_event("Gunmen attacked and burned the army post.") == "Armed clash"
    assert sub_event("Government troops took the junction of the two highways after a day of fighting.") in (
        "Government regains territory",
        "Non-state actor overtakes territory",
    )


def test_a_report_written_for_this_round_codes_its_incidents_at_their_places(nlp) -> None:
    text = (
        "Bombing in the capital, clashes on the coast\n"
        "Coastal Herald, 9 June 2022\n\n"
        "At least 11 people were killed when a minibus packed with explosives blew up outside a market in Somalia's "
        "capital on Wednesday afternoon, police said.\n\n"
        "On Thursday, government troops retook the junction of Qalimow, about 40 km west of Kismayo, after heavy "
        "fighting with al-Shabaab, a regional commander said.\n"
    )
    found = events(nlp, text, date(2022, 6, 9))
    blast = [e for e in found if e.event_type == "Explosions/Remote violence"]
    assert blast and blast[0].place.location == "Mogadishu" and blast[0].place.geo_precision == 1, seen(found)
    battle = [e for e in found if e.event_type == "Battles"]
    assert battle, seen(found)
    kismayo = (-0.3582, 42.5454)
    assert 25 <= km(battle[0].place, *kismayo) <= 55, seen(found)
    assert str(battle[0].event_date) == "2022-06-09" and battle[0].place.geo_precision == 2, seen(found)


def test_a_weekly_rite_of_last_week_is_dated_and_aircraft_said_to_be_foreign_are_that_state_s(nlp) -> None:
    text = (
        "Jets strike market town\n"
        "Valley Monitor, 16 January 2020\n\n"
        "Warplanes struck a vegetable market in Binnish on Wednesday morning, killing nine civilians, rescuers said. "
        "A rescue worker said the jets were Russian.\n\n"
        "In Maarrat Misrin, several hundred people gathered after Friday prayers last week to denounce the bombing. "
        "The gathering ended without incident.\n"
    )
    found = events(nlp, text, date(2020, 1, 16))
    strike = [e for e in found if e.sub_event_type == "Air/drone strike"]
    assert strike and strike[0].actor1 == "Military Forces of Russia (2000-)", seen(found)
    protest = [e for e in found if e.event_type == "Protests"]
    assert protest and str(protest[0].event_date) == "2020-01-10", seen(found)  # the Friday of last week


def test_force_used_on_a_demonstration_its_demonstrators_made_violent_is_a_violent_demonstration(nlp) -> None:
    text = (
        "Two dead as troops fire on crowd in market town\n"
        "Savanna Daily, 3 May 2022\n\n"
        "Two young men died when soldiers opened fire on protesters in Tamale on Monday, relatives said.\n\n"
        "On Monday morning the protests resumed. Young men blocked the main road with burning tyres and threw "
        "stones at a joint police and military patrol near the central market.\n"
    )
    found = events(nlp, text, date(2022, 5, 3))
    monday = [e for e in found if str(e.event_date) == "2022-05-02" and e.event_type in ("Riots", "Protests")]
    assert monday and monday[0].sub_event_type == "Violent demonstration", seen(found)
    assert monday[0].fatalities == 2 and monday[0].actor1.startswith("Rioters"), seen(found)
    forces = ("Military Forces of Ghana", "Police Forces of Ghana")
    assert monday[0].actor2 and monday[0].actor2.startswith(forces), seen(found)


def test_fire_opened_on_armed_forces_is_a_clash_and_a_dismissal_is_no_fire() -> None:
    assert sub_event("Gunmen opened fire on a police patrol outside the town on Sunday.") == "Armed clash"
    assert sub_event("Rebels fired at an army position overnight.") == "Armed clash"
    assert sub_event("Gunmen opened fire on villagers outside the town on Sunday.") == "Attack"
    assert sub_event("The minister fired three police officers on Sunday.") is None


def test_an_assault_beaten_back_is_a_clash() -> None:
    assert sub_event("Troops beat back an assault by militants on their base at dawn on Sunday.") == "Armed clash"
