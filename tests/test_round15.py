"""Round 15: a report's sections and recaps, the dateline's outlet note, the day of a clause after "after", a place
told by the sentence before, a recalled incident the news "came after", and counts told after the subject's own verb
(own text, no corpus text)."""

from __future__ import annotations

from datetime import date

from warlog.extract.counts import extract_casualties
from warlog.extract.frames import dateline_end, extract_report
from warlog.extract.types import classify_lexicon
from warlog.model import Report


def _events(nlp, text: str, published: date):
    return extract_report(Report(text=text, published=published), nlp).mentions


def _where(e) -> str | None:
    return e.place.location if e.place else None


def test_a_titled_context_section_with_blank_lines_between_its_items_tells_no_new_incident(nlp) -> None:
    text = (
        "Election night unrest - monitoring report No. 3\n"
        "12 May 2021 - (daily report of a monitoring network)\n"
        "INCIDENTS\n\n"
        "1. Minsk, city centre. On Tuesday evening police detained dozens of protesters on Independence Avenue.\n\n"
        "CONTEXT (not new incidents)\n\n"
        "- Earlier nights. On 9 May police dispersed protesters in Grodno with tear gas.\n\n"
        "- In Brest, rioters threw stones at police on 10 May and a police officer was injured.\n\n"
        "OUTLOOK\n\n"
        "Calls are circulating for new gatherings tonight in Vitebsk and for strikes at state factories.\n"
    )
    events = _events(nlp, text, date(2021, 5, 12))
    assert events, "the incident item is coded"
    assert {_where(e) for e in events} <= {"Minsk"}, [(_where(e), e.sub_event_type) for e in events]


def test_a_paragraph_opened_as_a_reminder_of_how_we_got_here_recalls_no_news(nlp) -> None:
    text = (
        "Stand-off at the ministry enters its second week\n"
        "TBILISI, 20 March 2022 -\n"
        "Police fired tear gas at protesters outside the interior ministry in Tbilisi on Sunday, the ministry said.\n\n"
        "PRESENTER: A reminder of how we got here. On 9 March, gunmen seized the ministry's annex in Rustavi and "
        "killed a guard. On Wednesday a second guard was shot dead by a sniper in Rustavi.\n"
    )
    events = _events(nlp, text, date(2022, 3, 20))
    assert [_where(e) for e in events] == ["Tbilisi"], [(_where(e), e.event_date) for e in events]


def test_the_outlet_note_after_a_dateline_is_the_dateline_not_an_event_place() -> None:
    text = "AMMAN, 19 May 2020 - (translated from the Arabic; an Amman daily)\nGunmen attacked a patrol in Maan.\n"
    assert text[dateline_end(text) :].lstrip().startswith("Gunmen")


def test_the_day_of_an_after_clause_that_names_one_when_a_later_after_clause_does_not(nlp) -> None:
    text = (
        "Mourning after attack\n"
        "AMMAN, 19 May 2020 -\n"
        "The town of Maan awoke today in mourning after six policemen were killed in an attack on a checkpoint in Maan "
        "yesterday afternoon, which ended after special forces stormed the house and killed three gunmen.\n"
    )
    events = _events(nlp, text, date(2020, 5, 19))
    assert events and all(e.event_date == date(2020, 5, 18) for e in events), [e.event_date for e in events]


def test_a_sentence_opened_by_a_pronoun_takes_the_place_the_sentence_before_told(nlp) -> None:
    text = (
        "Cyclists attacked\n"
        "DUSHANBE, 31 July 2018 -\n"
        "The interior ministry gave its account on Tuesday. On Sunday 29 July, a car travelling on the main road in "
        "Vose district drove into a group of foreign cyclists. Its occupants then got out and attacked the cyclists "
        "with knives, killing three.\n"
    )
    events = _events(nlp, text, date(2018, 7, 31))
    attack = next(e for e in events if e.event_type == "Violence against civilians")
    assert (_where(attack) or "").startswith("Vose")


def test_the_same_district_is_the_place_told_last_and_a_count_after_the_subjects_own_verb(nlp) -> None:
    text = (
        "Suspects killed\n"
        "DUSHANBE, 31 July 2018 -\n"
        "On Sunday, gunmen killed two farmers in Vose. During an operation on Monday, in a hilly area of the same "
        'district, three suspects put up armed resistance to police and were "neutralised".\n'
    )
    events = _events(nlp, text, date(2018, 7, 31))
    clash = next(e for e in events if e.sub_event_type == "Armed clash")
    assert (_where(clash) or "").startswith("Vose") and clash.fatalities == 3 and clash.event_date == date(2018, 7, 30)
    # the first incident, dated by the sentence that told it, is not folded into the next day's clash
    assert any(e.event_type == "Violence against civilians" and e.event_date == date(2018, 7, 29) for e in events)


def test_armed_resistance_is_a_clash_and_neutralised_counts_the_dead() -> None:
    assert classify_lexicon("Four suspects put up armed resistance to police.").sub_event_type == "Armed clash"
    assert extract_casualties("Four suspects were 'neutralised'.").fatalities == 4
    assert extract_casualties("Five men opened fire on the crowd and were arrested.").fatalities is None


def test_an_incident_the_news_came_weeks_after_is_recalled_not_coded(nlp) -> None:
    text = (
        "Border town attacked\n"
        "TUNIS, 8 March 2016 -\n"
        "Gunmen attacked the army barracks in Ben Guerdane on Monday, killing 12 soldiers. The assault came less "
        "than three weeks after a US air strike on a training camp near Sabratha in Libya killed dozens of people.\n"
    )
    events = _events(nlp, text, date(2016, 3, 8))
    assert events, "the barracks attack is coded"
    assert all(e.sub_event_type != "Air/drone strike" for e in events)


def test_a_possessive_weekday_opening_a_sentence_is_that_days_incident(nlp) -> None:
    text = (
        "Troops kill seven more\n"
        "TUNIS, 8 March 2016 -\n"
        "Tunisian troops killed seven militants in a gun battle in Ben Guerdane on Tuesday, a day after dozens of "
        "gunmen stormed the town. Monday's assault began at dawn, when gunmen attacked the army barracks and the "
        "police station in Ben Guerdane; 28 attackers died in the fighting.\n"
    )
    events = _events(nlp, text, date(2016, 3, 8))
    days = sorted(e.event_date for e in events if e.sub_event_type == "Armed clash")
    assert days == [date(2016, 3, 7), date(2016, 3, 8)], [(e.event_date, e.sub_event_type) for e in events]


def test_a_killing_by_no_one_named_told_just_after_a_riot_at_its_place_is_the_riots_toll(nlp) -> None:
    text = (
        "Second night of unrest\n"
        "DAKAR, 2 June 2023 -\n"
        "This afternoon young people again fought running battles with police in Pikine, throwing stones and "
        "burning tyres. A 20-year-old was shot dead near the Pikine bus station, his brother said.\n"
    )
    events = _events(nlp, text, date(2023, 6, 2))
    assert [e.event_type for e in events] == ["Riots"], [(e.sub_event_type, e.fatalities) for e in events]
    assert events[0].fatalities == 1


def test_a_next_day_reports_sentence_with_only_a_time_of_day_is_on_the_storys_day(nlp) -> None:
    text = (
        "The capital marches\n"
        "ALGIERS, 23 February 2019 -\n"
        "Yesterday, after Friday prayers, tens of thousands of people marched through the centre of Algiers against "
        "a fifth term, and police fired tear gas near the presidential palace. The capital was not alone. In Oran, "
        "several thousand people protested against the fifth term outside the town hall in the early afternoon, "
        "and the march ended peacefully at around 17:00.\n"
    )
    events = _events(nlp, text, date(2019, 2, 23))
    oran = next(e for e in events if (_where(e) or "") == "Oran")
    assert oran.event_date == date(2019, 2, 22) and oran.time_precision == 1


def test_an_organisations_branch_named_by_its_acronym_is_no_place() -> None:
    from warlog.extract.places import find_toponyms

    text = "Seventeen people died, according to the regional health directorate (DIRESA Puno), in Juliaca."
    names = [t.surface for t in find_toponyms(text)]
    assert "Juliaca" in names and "Puno" not in names


def test_in_a_report_about_protests_a_crowd_that_gathered_is_a_demonstration_and_one_that_turned_violent_is_one(
    nlp,
) -> None:
    text = (
        "Protests after the vote - daily monitoring report\n"
        "11 August 2020 - (daily report of a monitoring network)\n"
        "1. Vitebsk, Victory Square. From about 20:00, several thousand people gathered in Victory Square in "
        "Vitebsk. Protesters built barricades and threw stones at police.\n"
        "2. Mogilev, city centre. From about 21:00, between 1,000 and 2,000 people gathered on Lenin Street in "
        "Mogilev. Riot police blocked the street, used stun grenades and detained people at random.\n"
    )
    events = _events(nlp, text, date(2020, 8, 11))
    subs = {(_where(e), e.sub_event_type) for e in events}
    assert ("Vitebsk", "Violent demonstration") in subs and ("Vitebsk", "Peaceful protest") not in subs, subs
    # the city (GeoNames' Mahilyow) under the name the report writes, not the province of the same name
    assert ("Mogilev", "Protest with intervention") in subs, subs
    mogilev = next(e for e in events if _where(e) == "Mogilev")
    assert mogilev.place.feature == "city" and abs(mogilev.place.latitude - 53.91) < 0.1, mogilev.place


def test_an_ethnic_groups_name_is_no_place_outside_a_locative_phrase() -> None:
    from warlog.extract.places import find_toponyms

    text = "Soldiers and at least 30 armed ethnic Fulani entered the village of Ntumbaw in Donga-Mantung."
    assert "Fulani" not in [t.surface for t in find_toponyms(text)]


def test_a_toll_summed_over_several_communities_is_a_claim() -> None:
    from warlog.extract.counts import is_aggregate_toll

    assert is_aggregate_toll("Police confirmed that 58 people were killed in the three communities.")
    assert is_aggregate_toll("Residents said more than 140 people had died across about ten villages.")
    assert not is_aggregate_toll("Bandits killed 14 people in Rafin Gero on Wednesday.")


def test_a_passive_detention_with_no_agent_ending_the_sentence_is_an_arrest() -> None:
    s = "According to the statement, one of the gunmen was wounded and taken to hospital, and he has been detained."
    assert classify_lexicon(s).sub_event_type == "Arrests"
    assert classify_lexicon("Three students were detained by the gunmen.").sub_event_type.startswith("Abduction")


def test_a_blown_up_track_and_fire_on_a_passenger_train_are_events_and_a_hijacked_train_is_no_new_abduction() -> None:
    s = "Fighters blew up a section of track and opened fire on the Jaffar Express near a tunnel."
    assert classify_lexicon(s) is not None
    assert classify_lexicon("Gunmen opened fire on a bus carrying pilgrims.").sub_event_type == "Attack"
    assert classify_lexicon("Security forces ended the siege of a hijacked passenger train.") is None


def test_detentions_by_soldiers_or_police_are_arrests_and_an_ambulance_abducts_no_one() -> None:
    s = "Soldiers and police officers went house to house and took away dozens of young men."
    assert classify_lexicon(s).sub_event_type == "Arrests"
    s = "Agents of the National Police searched the houses and detained 16 people."
    assert classify_lexicon(s).sub_event_type == "Arrests"
    assert classify_lexicon("Gunmen took away three teachers from the school.").sub_event_type.startswith("Abduction")
    assert classify_lexicon("He saw two people taken away by ambulance.") is None
