"""Round 33: argument attachment from the development near misses (docs/benchmarks.md, "Round 33"), each tested on
own text (no corpus text): a toll's sentence that places the incident more precisely (not a person's town: see
test_round24's Banibangou bulletin); a town that shares its name with its province; a bearing with no distance picks
the namesake that lies that way; a sentence that goes on about the incident just told places it; an "armed clash"
whose telling names no armed foe but people hurt is an attack on civilians; a place a side withdrew from; the country
a report tells things happening in; people killed in fighting are not the crowd that fought."""

from __future__ import annotations

from datetime import date

from reading import events, km, seen
from warlog.extract.places import Toponym, _bearing_fits, _directed
from warlog.model import Place


def test_a_tolls_sentence_places_the_incident_inside_its_province(nlp) -> None:
    text = (
        "Taliban attack army posts in Helmand\n\n"
        "LASHKAR GAH, 3 June 2019 - Taliban fighters attacked several army posts in southern Helmand province late on "
        "Saturday, the governor's office said. Five soldiers were killed near the town of Sangin, a spokesman for the "
        "governor said.\n"
    )
    found = events(nlp, text, date(2019, 6, 3), accept=False)
    clash = [e for e in found if e.event_type == "Battles"]
    assert clash and clash[0].place is not None, seen(found)
    assert km(clash[0].place, 32.07, 64.84) < 25, seen(found)  # Sangin, not the province's seat
    assert clash[0].fatalities == 5, seen(found)


def test_a_town_named_like_its_province_stands_for_it() -> None:
    # the rule itself: "Kawlin, also in Sagaing" read with Sagaing the city (200 km away) keeps Kawlin
    kawlin = Place("Kawlin", 23.79, 95.68, 1, country="Myanmar", admin1="Sagaing", iso="MM", feature="village")
    sagaing = Place("Sagaing", 21.88, 95.98, 1, country="Myanmar", admin1="Sagaing", iso="MM", feature="city")
    monywa = Place("Monywa", 22.11, 95.14, 1, country="Myanmar", admin1="Sagaing", iso="MM", feature="city")
    from warlog.extract.places import _lies_in

    assert _lies_in(kawlin, sagaing)
    assert not _lies_in(kawlin, monywa)  # a town of another name is only near what lies near it


def test_an_ambush_near_a_town_also_in_the_region_is_at_the_town(nlp) -> None:
    text = (
        "Airstrike in Sagaing region\n\n"
        "YANGON, 14 March 2023 - The military bombed a village in the Sagaing region on Tuesday, residents said. A day "
        "earlier, resistance fighters said they had ambushed an army convoy near the town of Kawlin, also in Sagaing, "
        "killing four soldiers.\n"
    )
    found = events(nlp, text, date(2023, 3, 14), accept=False)
    ambush = [e for e in found if e.event_type == "Battles"]
    assert ambush and ambush[0].place is not None, seen(found)
    assert km(ambush[0].place, 23.79, 95.68) < 25, seen(found)


def test_a_bearing_picks_the_namesake_that_lies_that_way() -> None:
    kramatorsk = Place("Kramatorsk", 48.73, 37.57, 1, iso="UA", feature="city")
    north = Place("Novoselivka", 49.07, 37.70, 1, iso="UA", feature="village")  # 38 km north
    far = Place("Novoselivka", 49.63, 34.69, 1, iso="UA", feature="village")  # Poltava oblast
    assert _bearing_fits(north, kramatorsk, "north")
    assert not _bearing_fits(north, kramatorsk, "south")
    assert not _bearing_fits(far, kramatorsk, "west")  # the right way, but far beyond a bearing's reach


def test_a_namesake_north_of_the_reference_is_the_place(nlp) -> None:
    text = (
        "Fighting near Kramatorsk\n\n"
        "KYIV, 20 June 2022 - Ukrainian troops repelled a Russian assault on the village of Novoselivka, north of "
        "Kramatorsk, on Sunday, the General Staff said on Monday.\n"
    )
    found = events(nlp, text, date(2022, 6, 20), accept=False)
    battle = [e for e in found if e.event_type == "Battles"]
    assert battle and battle[0].place is not None, seen(found)
    assert km(battle[0].place, 49.07, 37.70) < 25, seen(found)


def test_the_next_sentence_about_the_incident_places_it(nlp) -> None:
    text = (
        "Gunmen abduct bus passengers in Kaduna state\n\n"
        "KADUNA, 12 September 2022 - Gunmen abducted 12 travellers on Sunday south of Kaduna, police said. Their bus "
        "was stopped on the highway near the town of Kachia, in the south of the state.\n"
    )
    found = events(nlp, text, date(2022, 9, 12), accept=False)
    abduction = [e for e in found if e.sub_event_type == "Abduction/forced disappearance"]
    assert abduction and abduction[0].place is not None, seen(found)
    assert km(abduction[0].place, 9.87, 7.95) < 25, seen(found)  # Kachia, not Kaduna city


def test_a_clash_with_no_armed_foe_told_is_an_attack_on_civilians(nlp) -> None:
    text = (
        "Villages attacked in Zamfara\n\n"
        "GUSAU, 9 January 2022 - Police in Zamfara state said on Sunday that tactical teams had been sent to the "
        "area.\n\n"
        "Hundreds of armed men on motorcycles stormed two villages near Tsafe on Saturday afternoon, shooting "
        "sporadically and setting houses on fire. Residents said 11 people were killed and several women were taken "
        "away.\n"
    )
    found = events(nlp, text, date(2022, 1, 9), accept=False)
    raid = [e for e in found if e.fatalities == 11]
    assert raid, seen(found)
    assert raid[0].sub_event_type == "Attack" and (raid[0].actor2 or "").startswith("Civilians"), seen(found)


def test_a_place_a_side_withdrew_from_is_where_it_happened() -> None:
    sentence = "After talks with elders, the gunmen withdrew from Sulaiman Bek and the army moved back in."
    at = sentence.find("Sulaiman Bek")
    top = Toponym(start=at, end=at + len("Sulaiman Bek"), surface="Sulaiman Bek", candidates=[])
    assert not _directed(sentence, 0, top)
    sentence = "Thousands of families fled from Sulaiman Bek towards Kirkuk."
    at = sentence.find("Sulaiman Bek")
    top = Toponym(start=at, end=at + len("Sulaiman Bek"), surface="Sulaiman Bek", candidates=[])
    assert _directed(sentence, 0, top)


def test_the_country_things_happen_in_outweighs_the_country_that_speaks() -> None:
    from warlog.extract.frames import _country_hint

    nairobi = Place("Nairobi", -1.28, 36.82, 1, country="Kenya", iso="KE", feature="city")
    mogadishu = Place("Mogadishu", 2.04, 45.34, 1, country="Somalia", iso="SO", feature="city")
    told = (
        "The defence ministry said Kenyan troops had repelled an attack by al Shabaab fighters on their base {} on "
        "Saturday. A Kenyan military spokesman said two soldiers were wounded. Officials in Mogadishu and "
        "Nairobi gave no figures."
    )
    assert _country_hint([nairobi, mogadishu], told.format("in south-western Somalia")) == "Somalia"
    assert _country_hint([nairobi, mogadishu], told.format("across the border with Somalia")) == "Kenya"


def test_people_killed_in_the_fighting_are_not_who_fought() -> None:
    from warlog.extract.types import classify_sentence

    match = classify_sentence(
        "The health ministry said on Sunday that 120 people, among them 20 civilians, had been killed in the fighting "
        "near the presidential palace on Friday."
    )
    assert match is not None and match.sub_event_type == "Armed clash", match
    match = classify_sentence("Villagers armed with machetes were fighting a rival clan over grazing land.")
    assert match is not None and match.event_type != "Battles", match
