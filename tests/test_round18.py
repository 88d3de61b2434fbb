"""Round 18: bulletins' numbered items, a name's common noun, whose property a strike hit, a source's clause, the
dateline city's country (own text, no corpus text)."""

from __future__ import annotations

from datetime import date

from warlog.extract.actors import assign_roles
from warlog.extract.frames import extract_report
from warlog.extract.totals import split_totals
from warlog.extract.types import classify_with_cues
from warlog.model import Mention, Place, Report


def _events(nlp, text: str, published: date):
    return extract_report(Report(text=text, published=published), nlp).mentions


def _seen(events) -> list[tuple]:
    return [(str(e.event_date), e.sub_event_type, e.place.location if e.place else None, e.fatalities, e.actor1)
            for e in events]  # fmt: skip


_ROUNDUP = (
    "Monitor's roundup: shelling kills five in Idlib city and two in Ariha\n"
    "9 March 2024 - (monitoring group, daily roundup, covering Friday 8 March)\n\n"
    "1. IDLIB CITY - Government forces fired rockets at a residential street of Idlib city on Friday morning, killing "
    "five civilians, among them a girl.\n\n"
    "2. JISR AL-SHUGHUR OUTSKIRTS - Russian warplanes carried out three raids on the outskirts of Jisr al-Shughur in "
    "western Idlib on Friday afternoon. No casualties were reported.\n\n"
    "3. KANSAFRA AXIS - Opposition fighters attacked an army position on the Kansafra axis on Friday night, and the "
    "fighting lasted two hours.\n\n"
    "4. ARIHA - Government artillery shelled Ariha on Friday evening, killing two civilians.\n\n"
    "5. SARMADA - A drone hit a car near Sarmada on Friday night, killing three people inside.\n"
)


def test_each_numbered_item_of_a_roundup_is_its_own_incident(nlp) -> None:
    events = _events(nlp, _ROUNDUP, date(2024, 3, 9))
    places = {e.place.location for e in events if e.place is not None}
    # the city's five dead are not "accounted for" by the two and three of other items (2 + 3 = 5)
    city = [e for e in events if e.place is not None and e.place.location == "Idleb"]
    assert city and city[0].fatalities == 5, _seen(events)
    # the raids of item 2 are an event of their own at the town, not folded into item 1's shelling
    raids = [e for e in events if e.sub_event_type == "Air/drone strike" and e.place is not None
             and e.place.location.startswith("Jisr")]  # fmt: skip
    assert raids and raids[0].fatalities == 0, _seen(events)
    assert {"Kansafrah"} <= places, _seen(events)
    assert all(e.place is None or e.place.country == "Syria" for e in events), _seen(events)


def test_a_place_noun_after_a_name_is_no_place_of_its_own() -> None:
    from warlog.extract.places import find_toponyms

    text = "3. KANSAFRA AXIS - Opposition fighters attacked an army position in Idlib, Syria, on Friday night."
    surfaces = [t.surface for t in find_toponyms(text)]
    assert "KANSAFRA" in surfaces and "AXIS" not in surfaces, surfaces


def test_the_owner_of_what_a_strike_hit_is_its_target() -> None:
    text = (
        "A Turkish drone struck a car belonging to the Asayish on the road south of Qamishli, killing two members "
        "inside."
    )
    roles = assign_roles(text, "Air/drone strike", "Syria", text.find("drone"))
    assert roles.actor1 == "Military Forces of Turkey (2016-)" and roles.actor2 == "Asayish (Syria)", roles


def test_gunmen_belonging_to_a_group_are_still_its_doers() -> None:
    text = "Gunmen belonging to the Asayish opened fire on a crowd in Qamishli, killing two people."
    roles = assign_roles(text, "Attack", "Syria", text.find("opened fire"))
    assert roles.actor1 == "Asayish (Syria)", roles


def test_a_police_source_is_no_armed_victim() -> None:
    text = (
        "Gunmen opened fire on a bus carrying pilgrims near the town on Sunday evening, killing at least nine "
        "people, a senior police officer said."
    )
    match, _ = classify_with_cues(text)
    assert match is not None and match.sub_event_type == "Attack", match
    soldiers = "Gunmen ambushed an army convoy near the town, killing four soldiers, officials said."
    match, _ = classify_with_cues(soldiers)
    assert match is not None and match.sub_event_type == "Armed clash", match


def test_figures_of_other_items_are_not_a_share_of_a_total() -> None:
    def m(loc: str, n: int, start: int) -> Mention:
        from warlog.model import Evidence

        place = Place(loc, 35.9, 36.6, 1, country="Syria", iso="SY", admin1="Idleb", feature="town")
        return Mention(report_id="r", event_date=date(2024, 3, 8), time_precision=1,
                       event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
                       fatalities=n, place=place,
                       evidence=[Evidence(f"sentence {start}", start, start + 10)])  # fmt: skip

    total, a, b = m("Idleb", 5, 0), m("Ariha", 2, 100), m("Sarmada", 3, 200)
    # without item boundaries, 2 + 3 = 5 anywhere in the country reads as a breakdown of the five
    assert total not in split_totals([total, a, b], frozenset({id(total)}))
    items = {id(total): 0, id(a): 90, id(b): 190}
    assert total in split_totals([total, a, b], frozenset({id(total)}), items)


def test_a_dateline_city_names_the_report_s_country(nlp) -> None:
    text = (
        "Tear gas and burned cars outside parliament\n"
        "ASUNCION, 12 March 2026 - (city news site)\n\n"
        "Several thousand demonstrators gathered on Wednesday in the square in front of Congress to oppose the "
        "pension bill. In the afternoon, groups of protesters threw stones at the lines of National Police officers, "
        "who answered with tear gas and water cannon, witnesses said.\n\n"
        "In Encarnacion, about a thousand people marched peacefully on Wednesday evening.\n"
    )
    events = _events(nlp, text, date(2026, 3, 12))
    assert events and all(e.place is not None and e.place.country == "Paraguay" for e in events), _seen(events)
    first = events[0]
    assert first.place.location == "Asuncion" or first.place.location.startswith("Asunci"), _seen(events)


def test_a_neighbour_s_source_in_another_paragraph_is_not_the_event_s(nlp) -> None:
    text = (
        "Drone strike kills two near Qamishli\n"
        "9 March 2024 - (monitoring group, daily roundup)\n\n"
        "A Turkish drone struck a car on the road south of Qamishli on Friday afternoon, killing the two men "
        "inside.\n\n"
        "Local activists reported that a second drone hit a farm near Amuda, but this could not be confirmed.\n"
    )
    events = _events(nlp, text, date(2024, 3, 9))
    strike = [e for e in events if e.sub_event_type == "Air/drone strike" and e.fatalities == 2]
    assert strike and strike[0].attributed_to != "activists", [(e.attributed_to, *_seen([e])[0]) for e in events]


def test_no_arrest_is_no_arrest() -> None:
    for text in (
        "Nobody has been arrested so far, the police chief said.",
        "Arrest warrants for six suspects were issued on Monday.",
    ):
        match, _ = classify_with_cues(text)
        assert match is None or match.sub_event_type != "Arrests", (text, match)
    match, _ = classify_with_cues("Police said no fewer than 40 people were arrested in the port city.")
    assert match is not None and match.sub_event_type == "Arrests", match


def test_an_act_recalled_after_comes_a_week_after_is_no_event(nlp) -> None:
    text = (
        "Shelling hits market in Kadugli\n"
        "Published 10 March 2025\n\n"
        "KADUGLI - Shells struck the central market of Kadugli on Sunday, killing nine traders, witnesses said.\n\n"
        "The shelling comes barely a week after a drone strike on a fuel depot in Dilling on 2 March killed four "
        "workers.\n"
    )
    events = _events(nlp, text, date(2025, 3, 10))
    assert [e for e in events if e.fatalities == 9], _seen(events)
    assert not [e for e in events if e.fatalities == 4], _seen(events)


def test_people_detained_on_the_day_of_a_protest_are_its_intervention(nlp) -> None:
    text = (
        "Thousands march against fuel prices in Lusaka\n"
        "LUSAKA, 4 April 2025 - (city news site)\n\n"
        "Several thousand people marched through the centre of Lusaka on Thursday against the rise in fuel prices, "
        "chanting and waving placards.\n\n"
        "The march passed off calmly until it reached the parliament buildings in the late afternoon.\n\n"
        "The interior minister said on Thursday evening that 27 people had been detained.\n"
    )
    events = _events(nlp, text, date(2025, 4, 4))
    assert not [e for e in events if e.sub_event_type == "Arrests"], _seen(events)
    assert [e for e in events if e.sub_event_type == "Protest with intervention"], _seen(events)


def test_a_crowd_that_attacks_or_burns_is_a_riot() -> None:
    for text in (
        "A crowd lynched a man accused of stealing a goat in the market.",
        "Hundreds of youths attacked shops owned by traders from the north, looting and burning them.",
        "Fans of the two clubs fought running battles in the streets after the final whistle.",
    ):
        match, _ = classify_with_cues(text)
        assert match is not None and match.sub_event_type == "Mob violence", (text, match)
    match, _ = classify_with_cues("Villagers were attacked by gunmen on motorbikes outside the market.")
    assert match is None or match.sub_event_type != "Mob violence", match


def test_an_incident_spoken_of_is_no_new_event(nlp) -> None:
    text = (
        "Gunmen kill 31 in raid on Kaura village\n"
        "Published 12 May 2025\n\n"
        "Gunmen on motorcycles raided the village of Kaura in Zamfara State, Nigeria, late on Friday, killing 31 "
        "people, local officials said.\n\n"
        "On Sunday, the governor condemned the attack on Kaura in a televised address.\n"
    )
    events = _events(nlp, text, date(2025, 5, 12))
    assert len([e for e in events if e.sub_event_type == "Attack"]) == 1, _seen(events)


def test_a_name_told_at_a_place_is_a_place_every_time(nlp) -> None:
    from warlog.extract import frames
    from warlog.extract.places import find_toponyms

    text = (
        "What the killings in Yelwata tell us about Benue state, Nigeria\n"
        "Published 17 June 2025\n\n"
        "For the families of Yelwata, the weekend began with gunfire. What happened at Yelwata was extreme in scale. "
        "Yelwata had sheltered hundreds of displaced families.\n"
    )
    doc = nlp(text)
    ner = frames.entity_spans(doc, frames.NON_PLACE)
    sticky = [t.surface for t in find_toponyms(text, ner, sticky=True)]
    plain = [t.surface for t in find_toponyms(text, ner)]
    assert sticky.count("Yelwata") >= 3, (sticky, plain)


def test_violent_demonstrators_make_a_violent_demonstration() -> None:
    for text in (
        "Police opened fire on stone-throwing protesters near the governor's office, killing two.",
        "Clashes between protesters and police in the capital left 14 people injured.",
    ):
        match, _ = classify_with_cues(text)
        assert match is not None and match.sub_event_type == "Violent demonstration", (text, match)
    # fires set by others, told in another clause, do not make the demonstrators violent
    text = (
        "Soldiers opened fire on protesters in the industrial suburb of Ward 9, where several warehouses were set "
        "ablaze, killing 12."
    )
    match, _ = classify_with_cues(text)
    assert match is not None and match.sub_event_type != "Violent demonstration", match


def test_a_crowd_struck_is_no_riot() -> None:
    match, _ = classify_with_cues(
        "A twin bombing struck a crowd in a mainly Kurdish town on Wednesday, killing 44 people and wounding dozens."
    )
    assert match is not None and match.event_type != "Riots", match


def test_two_accounts_of_one_toll_keep_the_lowest_with_the_range() -> None:
    from warlog.extract.counts import extract_casualties

    c = extract_casualties(
        "A security source said at least 70 people had died, most of them trainees, and a nurse put the toll at more "
        "than 100."
    )
    assert (c.fatalities, c.fatalities_max) == (70, 100), c
    c = extract_casualties("Officials said 12 people were killed, while residents said 20 had died.")
    assert (c.fatalities, c.fatalities_max) == (12, 20), c
    c = extract_casualties("The toll rose to 15 after three more people died in hospital.")
    assert c.fatalities == 15, c


def test_one_state_is_one_side_of_a_battle_and_the_attacker_caught_at_the_scene_is_no_arrest(nlp) -> None:
    events = _events(nlp, _BAMAKO, date(2024, 9, 18))
    assert events, "the attack must be coded"
    assert all(not (e.actor1 or "").startswith(("Police Forces", "Military Forces")) for e in events), _seen(events)
    assert [(e.fatalities, e.fatalities_max) for e in events if e.fatalities] == [(70, 100)], _seen(events)
    text = (
        "Gunman shoots mayor at market\n"
        "Published 3 June 2025\n\n"
        "A gunman shot and wounded the mayor of Kolda at the central market on Monday, police said. Bodyguards "
        "overpowered the attacker and detained him on the spot.\n"
    )
    events = _events(nlp, text, date(2025, 6, 3))
    assert not [e for e in events if e.sub_event_type == "Arrests"], _seen(events)


_BAMAKO = (
    "Gunmen storm gendarmerie school in Bamako\n"
    "BAMAKO, 18 September 2024 - (wire)\n\n"
    "Gunmen attacked a gendarmerie training school in the Faladie district of Bamako before dawn on Tuesday, "
    "security sources said. Gendarmes returned fire and fighting went on for several hours.\n\n"
    "A security source said on Wednesday that at least 70 people had died, and a hospital worker put the toll at "
    "more than 100.\n"
)


def test_force_against_violent_demonstrators_is_their_violent_demonstration(nlp) -> None:
    text = (
        "Three killed as fuel protest turns violent in Kisumu\n"
        "KISUMU, 8 July 2025 - (news site)\n\n"
        "Hundreds of young men took to the streets of Kisumu on Monday to protest against a rise in fuel prices. "
        "Protesters blocked the main highway with burning tyres and threw stones at police vehicles.\n\n"
        "Police fired tear gas and later live rounds, killing three people, witnesses said.\n\n"
        "In Nairobi, a smaller crowd marched peacefully to parliament and dispersed by the afternoon.\n"
    )
    events = _events(nlp, text, date(2025, 7, 8))
    kisumu = [e for e in events if e.place is not None and e.place.location == "Kisumu"]
    assert [(e.sub_event_type, e.fatalities) for e in kisumu] == [("Violent demonstration", 3)], _seen(events)
    nairobi = [e for e in events if e.place is not None and e.place.location == "Nairobi"]
    assert nairobi and nairobi[0].attributed_to is None, [(e.attributed_to, *_seen([e])[0]) for e in events]


def test_arrests_made_after_the_attack_are_an_event_of_their_own(nlp) -> None:
    text = _BAMAKO + "\nThe army said 20 suspects had been arrested in Bamako after the attack.\n"
    events = _events(nlp, text, date(2024, 9, 18))
    assert [e for e in events if e.sub_event_type == "Arrests"], _seen(events)
