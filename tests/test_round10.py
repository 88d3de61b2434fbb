"""Round 10: whole-report decisions that generalise (own sentences and reports written here, no corpus text)."""

from __future__ import annotations

from datetime import date

import pytest

from warlog.extract.actors import assign_roles
from warlog.extract.attribution import find_attribution
from warlog.extract.counts import extract_casualties
from warlog.extract.frames import extract_report
from warlog.extract.types import classify_sentence
from warlog.model import Report


def _events(nlp, text: str, published: date):
    return extract_report(Report(text=text, published=published), nlp).mentions


def _sub(sentence: str) -> str | None:
    match = classify_sentence(sentence)
    return match.sub_event_type if match else None


# --- the lexicon, from the codebook's definitions ------------------------------------------------------------------


def test_attacking_an_armed_forces_positions_is_a_clash_whatever_the_forces_are_called() -> None:
    assert _sub("About eighty insurgents attacked the FARDC positions outside the town at dawn on Friday.") == (
        "Armed clash"
    )
    assert _sub("Rebels exchanging fire with soldiers who held the bridge were pushed back.") == "Armed clash"


def test_things_seized_are_no_territory_but_a_town_captured_by_rebels_is() -> None:
    assert _sub("Three fighters were killed in the gunfight and rifles were seized, the police said.") == "Armed clash"
    assert _sub("The border town was captured by rebels on Sunday.") == "Non-state actor overtakes territory"
    assert _sub("Troops captured two rebel commanders near the lake on Sunday.") == "Arrests"


def test_gunmen_storming_a_named_school_attack_civilians() -> None:
    s = "Gunmen stormed the Saint Mary Girls Secondary Academy in the east of the town on Monday, killing four pupils."
    assert _sub(s) == "Attack"


def test_a_rally_that_breaks_up_by_itself_had_no_intervention() -> None:
    assert _sub("Thousands rallied outside the parliament on Sunday. The rally broke up peacefully at dusk.") == (
        "Peaceful protest"
    )
    assert _sub("Police broke up the rally with tear gas on Sunday.") == "Protest with intervention"


def test_supporters_who_break_in_and_set_fire_riot_and_a_labour_strike_is_no_air_strike() -> None:
    s = "Supporters of the jailed leader broke into the governor's residence on Tuesday, setting cars on fire."
    assert _sub(s) == "Violent demonstration"
    assert _sub("A crowd forced open the gate of the army headquarters and chanted slogans.") == "Violent demonstration"
    assert _sub("Bulletin on the national strike: the observatory documented three deaths in the city.") != (
        "Air/drone strike"
    )
    assert _sub("Riot police, supported by police helicopters, moved in to clear the roadblock on Monday.") != (
        "Air/drone strike"
    )


def test_a_call_to_protest_and_marches_called_for_later_are_not_protests() -> None:
    assert _sub("The opposition has called on its supporters to keep protesting until the vote is annulled.") is None
    assert _sub("New marches are called for Thursday in the capital.") is None


# --- who acts --------------------------------------------------------------------------------------------------


def test_the_doer_after_a_quoted_word_in_a_passive() -> None:
    s = 'An army convoy was ambushed by "terrorist" fighters on Tuesday near the border.'
    roles = assign_roles(s, "Armed clash", "Niger")
    assert roles.actor1 == "Unidentified Armed Group (Niger)"
    assert (roles.actor2 or "").startswith("Military Forces of Niger")


def test_no_claimant_when_no_group_claimed_and_two_groups_are_active(nlp) -> None:
    text = (
        "Soldiers killed in ambush\n"
        "NIAMEY, 9 May 2024 -\n"
        "A patrol of the Niger army was ambushed by gunmen near Tera on Wednesday, killing nine soldiers, the "
        "ministry said.\n"
        "No armed group has claimed the attack; fighters of JNIM and of the Islamic State Sahel Province both "
        "operate around Tera.\n"
    )
    events = _events(nlp, text, date(2024, 5, 9))
    assert len(events) == 1
    assert events[0].actor1 == "Unidentified Armed Group (Niger)"


def test_the_blamed_group_in_quotes_is_the_doer(nlp) -> None:
    text = (
        "Bombers strike market\n"
        "MAIDUGURI, 3 June 2024 -\n"
        "At least nine people were killed on Sunday when two suicide bombers blew themselves up at a cattle market "
        "in Konduga, officials said.\n"
        'The state police command blamed "suspected Boko Haram terrorists" for the bombing.\n'
    )
    events = _events(nlp, text, date(2024, 6, 3))
    assert len(events) == 1 and events[0].sub_event_type == "Suicide bomb"
    assert "Boko Haram" in (events[0].actor1 or "")


# --- dates and days ------------------------------------------------------------------------------------------------


def test_the_day_the_parse_hangs_on_the_event_verb(nlp) -> None:
    text = (
        "Town buries its children\n"
        "BAMENDA, 28 October 2020 -\n"
        "Families in Bali on Tuesday began burying the pupils killed when gunmen stormed a school in the town on "
        "Saturday.\n"
    )
    events = _events(nlp, text, date(2020, 10, 28))
    assert len(events) == 1
    assert events[0].event_date == date(2020, 10, 24)
    assert events[0].sub_event_type == "Attack"


def test_riots_told_on_two_days_in_one_city_are_two_events(nlp) -> None:
    text = (
        "Unrest after arrest\n"
        "DHAKA, 12 May 2023 -\n"
        "In Sylhet, three people were killed late on Tuesday when police opened fire on protesters who had set fire "
        "to a police post.\n"
        "On Wednesday, protesters stormed the city's radio station in Sylhet and set it alight.\n"
    )
    events = _events(nlp, text, date(2023, 5, 12))
    days = sorted(e.event_date for e in events if e.event_type in ("Riots", "Protests"))
    assert days == [date(2023, 5, 9), date(2023, 5, 10)]


def test_a_live_blog_day_heading_dates_its_entry_despite_an_after_clause(nlp) -> None:
    text = (
        "Live: gangs attack prisons\n"
        "PORT-AU-PRINCE, 5 March 2024 -\n"
        "Saturday, around 9 p.m.: Armed gangs attacked the central penitentiary after hours of gunfire with police "
        "officers, freeing hundreds of inmates.\n"
    )
    events = _events(nlp, text, date(2024, 3, 5))
    assert [e.event_date for e in events] == [date(2024, 3, 2)]


def test_a_context_paragraph_is_background(nlp) -> None:
    text = (
        "Bulletin: police operation in Cali\n"
        "CALI, 4 May 2021 -\n"
        "Police fired live rounds at protesters holding a roadblock in Cali on Monday night, killing three, the "
        "observatory said.\n"
        "Context\n"
        "The strike began on 28 April; protests have continued over police violence. New marches are called for "
        "Wednesday.\n"
    )
    events = _events(nlp, text, date(2021, 5, 4))
    assert [e.event_date for e in events] == [date(2021, 5, 3)]


# --- places ----------------------------------------------------------------------------------------------------


def test_a_family_name_is_no_place_and_a_facility_keeps_its_city(nlp) -> None:
    text = (
        "Arrest sets off riots\n"
        "ISLAMABAD, 11 May 2023 -\n"
        "Former minister Omar Khan was arrested on Tuesday inside the Islamabad High Court complex by paramilitary "
        "troops.\n"
        "In Lahore, Khan supporters broke into a general's residence on Tuesday evening, setting cars on fire.\n"
    )
    events = _events(nlp, text, date(2023, 5, 11))
    places = {e.sub_event_type: e.place.location if e.place else None for e in events}
    assert places.get("Arrests") == "Islamabad"
    assert places.get("Violent demonstration") == "Lahore"


def test_the_road_to_a_town_places_a_roadside_bomb_near_it(nlp) -> None:
    text = (
        "Soldiers killed by mine\n"
        "NIAMEY, 16 August 2023 -\n"
        "On Monday, two soldiers were killed when their vehicle hit an explosive device about 20 kilometres north "
        "of Kwabadi, on the road to Torodi, during an escort mission.\n"
    )
    events = _events(nlp, text, date(2023, 8, 16))
    assert len(events) == 1 and events[0].place is not None
    assert events[0].place.location == "Torodi"


# --- counts and sources ------------------------------------------------------------------------------------------


def test_a_quoted_figure_and_another_account_keep_the_lowest(nlp) -> None:
    assert extract_casualties('The prosecutor said that "about sixty people" had been killed.').fatalities == 60
    text = (
        "Inquiry into village killings\n"
        "OUAHIGOUYA, 24 April 2023 -\n"
        "Gunmen killed villagers in Toeni, a village north of Ouahigouya, early on Thursday; the prosecutor said "
        'that "about sixty people" had been killed.\n'
        "Survivors and a local rights group put the toll far higher, at 140 dead.\n"
    )
    events = _events(nlp, text, date(2023, 4, 24))
    assert len(events) == 1
    assert events[0].fatalities == 60 and events[0].fatalities_max == 140


def test_the_observatory_is_the_syrian_one_only_in_reports_about_syria() -> None:
    s = "Three people were killed, the observatory said."
    assert find_attribution(s, syria=True) == "Syrian Observatory for Human Rights"
    assert find_attribution(s, syria=False) != "Syrian Observatory for Human Rights"
    assert find_attribution("Three people were killed, the Syrian Observatory said.", syria=False) == (
        "Syrian Observatory for Human Rights"
    )


def test_blasts_first_missiles_named_later_and_the_blamed_group_is_the_doer(nlp) -> None:
    text = (
        "Airport attack kills 20\n"
        "ADEN, 31 December 2020 -\n"
        "The government blamed the Houthi movement for Wednesday's attack on Mukalla airport, in which at least 20 "
        "people were killed.\n"
        "Three explosions hit the arrivals hall at about 1 p.m. as passengers were leaving the terminal.\n"
        "A minister said the airport was hit by three guided missiles fired from Houthi-held areas.\n"
    )
    events = _events(nlp, text, date(2020, 12, 31))
    assert len(events) == 1
    assert events[0].sub_event_type == "Shelling/artillery/missile attack"
    assert "Supreme Political Council" in (events[0].actor1 or "") or "Houthi" in (events[0].actor1 or "")


def test_where_the_victims_were_going_and_a_hamlet_in_a_named_state(nlp) -> None:
    text = (
        "Family ambushed on dirt road\n"
        "HERMOSILLO, Mexico, 6 November 2019 -\n"
        "Gunmen ambushed two vehicles carrying women and children on a dirt road near the hamlet of La Mora in "
        "Sonora state on Monday, killing seven, officials said.\n"
        "The victims were driving to visit relatives in Chihuahua when their cars came under fire.\n"
    )
    events = _events(nlp, text, date(2019, 11, 6))
    assert len(events) == 1
    assert events[0].place is not None and events[0].place.admin1 == "Sonora"  # not La Mora in Michoacan, not Chihuahua


def test_an_earlier_killing_named_in_a_march_is_no_event_and_rifles_held_are_no_clash() -> None:
    assert (
        _sub(
            "In Basra, thousands of mourners marched on Saturday to bury protesters killed last week, chanting slogans."
        )
        == "Peaceful protest"
    )
    assert _sub("Gunmen killed five villagers last week in Kaura, police said on Monday.") == "Attack"
    assert _sub("On Tuesday, police arrested a man near Nogales holding two hostages and several assault rifles.") == (
        "Arrests"
    )


def test_two_dozen_is_twenty_four_and_a_headline_toll_stays_with_its_own_kind(nlp) -> None:
    assert extract_casualties("Activists say two dozen dead.").fatalities == 24
    text = (
        "Gunmen kill protesters in Basra; activists say two dozen dead\n"
        "BASRA, 7 December 2019 -\n"
        "Unidentified gunmen opened fire on protesters camped in a square in central Basra late on Friday, killing "
        "at least 20 people, medical sources said.\n"
        "In Kut, thousands of mourners marched on Saturday to bury protesters killed last week; police did not "
        "intervene and the march ended peacefully.\n"
    )
    events = _events(nlp, text, date(2019, 12, 7))
    march = [e for e in events if e.place is not None and "Kut" in e.place.location]
    assert march and march[0].sub_event_type == "Peaceful protest" and not march[0].fatalities


# --- sub-types by the codebook's definitions (own sentences) -------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "sub"),
    [
        (
            "The armed forces said on Monday they had taken control of Tessalit after days of operations.",
            "Government regains territory",
        ),
        (
            "Forces loyal to the government seized the air base from rebel fighters on Friday.",
            "Government regains territory",
        ),
        (
            "Rebels swept into the provincial capital on Friday as the army melted away.",
            "Non-state actor overtakes territory",
        ),
        ("The armed group now controls Mirebalais, local radio says.", "Non-state actor overtakes territory"),
        (
            "Militiamen have set up a field camp near the river crossing; dozens of tents were erected.",
            "Headquarters or base established",
        ),
        (
            "A blast at the port's warehouse killed 40 people; officials blamed improperly stored fertiliser and "
            "ruled out sabotage.",
            "Other",
        ),
        ("A chain of explosions at an army ammunition depot forced thousands of residents to flee.", "Other"),
        (
            "Soldiers who stormed the compound raped several women during fighting in the city, witnesses said.",
            "Sexual violence",
        ),
        ("A mob of men was filmed sexually assaulting two women in a field last month.", "Sexual violence"),
        (
            "Gunmen stormed a boarding school late on Monday and took away more than 100 pupils, residents said.",
            "Abduction/forced disappearance",
        ),
        ("Air defences intercepted four missiles fired at the capital overnight.", "Disrupted weapons use"),
        (
            "Two drones aimed at the airport were disabled by electronic warfare, the ministry said.",
            "Disrupted weapons use",
        ),
        (
            "Thousands of people gathered in the main square for a third week, chanting against the president.",
            "Peaceful protest",
        ),
        ("The movement named Abu Omar al-Hasan as its new leader on Sunday.", "Change to group/activity"),
        ("Eighty prisoners returned home today as a result of an exchange mediated by Qatar.", "Agreement"),
    ],
)
def test_codebook_classes_in_news_wording(sentence: str, sub: str) -> None:
    assert _sub(sentence) == sub


def test_the_group_controls_large_parts_is_no_capture() -> None:
    assert _sub("The group controls large parts of the north.") is None


@pytest.mark.parametrize(
    ("sentence", "sub"),
    [
        (
            "Marines captured Jose Luis Rivera, alias El Tigre, a regional cartel boss, in a hideout near the coast.",
            "Arrests",
        ),
        (
            "Opposition leader Amadou Ba was arrested on Friday in Thies and placed in custody, his party said.",
            "Arrests",
        ),
        (
            "A woman walked into the bus station with explosives strapped under her dress and set them off, killing "
            "six people and herself.",
            "Suicide bomb",
        ),
        (
            "An air force jet mistakenly bombs a camp for displaced people, killing dozens, the military admits.",
            "Air/drone strike",
        ),
        (
            "Witnesses said a jet dropped bombs on a crowd gathered at the market; more than 40 were killed.",
            "Air/drone strike",
        ),
    ],
)
def test_codebook_classes_in_news_wording_2(sentence: str, sub: str) -> None:
    assert _sub(sentence) == sub


def test_a_protester_shot_dead_as_security_forces_moved_in_and_a_march_ending_in_arrests() -> None:
    s = "A 20-year-old was shot dead in the Ratoma district as security forces moved against a pro-democracy march."
    assert _sub(s) == "Excessive force against protesters"
    assert _sub("A protester was shot dead by unknown gunmen during the march in the capital.") == "Attack"
    s = "Police prevented the weekly march in the capital on Friday and proceeded to dozens of arrests."
    assert _sub(s) == "Protest with intervention"


def test_ground_back_under_the_government_and_shots_fired_against_guests() -> None:
    assert _sub("The town is back under the control of the federal government after rebels were pushed out.") == (
        "Government regains territory"
    )
    assert _sub("Government troops recovered the town of Bama on Friday.") == "Government regains territory"
    assert _sub("Gunmen burst into a wedding party and fired against the guests, leaving nine dead.") == "Attack"
