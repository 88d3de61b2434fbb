"""Report-level decisions found reading `warlog extract` on reports written in round 6 (issue 13 and 14).

Each text here was written for these tests (not copied): what an ACLED coder codes from it. Armed men who block a road
are not protesters; "in a separate incident" parts the incident from the one before, both ways round; "on the same
night" dates a sentence by the one before; a claim of responsibility a few sentences after the attack names its
perpetrator; a toll "in recent years" is a claim; firefighters battling a blaze fight no battle; guided bombs hitting
a store are an air strike.
"""

from __future__ import annotations

from datetime import date

from warlog.extract.counts import is_aggregate_toll
from warlog.extract.frames import extract_report
from warlog.extract.types import classify_sentence
from warlog.model import Report

ROAD = """Gunmen kill nine travellers on Nigerian highway

KATSINA, Nigeria — Armed men blocked the road linking Funtua and Gusau in Katsina state on Tuesday night, dragged \
travellers from their cars and shot dead nine of them, police spokesman Abubakar Sadiq said on Wednesday.

Survivors said the attackers also torched four cars before escaping into the forest.

Local residents said the gunmen spoke for several minutes with the drivers before opening fire.

A faction calling itself Ansaru claimed responsibility for the killings in a message to journalists.

In a separate incident on the same night, bandits raided a police post in Faskari, killing two officers, the \
police said.

Attacks by armed groups have killed hundreds of people in the north-west of the country in recent years.
"""

STORE = """Guided bombs hit market in Zaporizhzhia

ZAPORIZHZHIA, Ukraine — Two Russian glide bombs slammed into a covered market in Zaporizhzhia on Thursday \
morning, regional governor Ivan Fedorov said.

At least seven people were killed and 21 were wounded, the governor said.

Firefighters battled a blaze across the market hall for five hours.
"""


def _events(nlp, text: str, published: date):
    return extract_report(Report(text=text, published=published), nlp).mentions


def test_armed_men_blocking_a_road_is_an_attack_not_a_protest():
    s = "Armed men blocked the road near the town, pulled travellers from their cars and shot dead nine of them."
    assert classify_sentence(s).sub_event_type == "Attack"
    protest = "Farmers blocked the road near the town to demand fuel subsidies, police said."
    assert classify_sentence(protest).sub_event_type == "Peaceful protest"


def test_firefighters_battling_a_blaze_is_no_battle():
    assert classify_sentence("Firefighters battled a blaze across the market hall for five hours.") is None
    assert classify_sentence("Rescuers were battling the flames late into the night.") is None
    assert classify_sentence("Troops battled insurgents for hours on the outskirts of the town.").sub_event_type == (
        "Armed clash"
    )


def test_guided_and_glide_bombs_are_air_strikes():
    for s in (
        "Two glide bombs slammed into a covered market in the city on Thursday.",
        "A guided aerial bomb hit an apartment block, killing three.",
    ):
        assert classify_sentence(s).sub_event_type == "Air/drone strike", s


def test_a_toll_in_recent_years_is_a_claim():
    assert is_aggregate_toll("Attacks by armed groups have killed hundreds of people in the region in recent years.")
    assert is_aggregate_toll("Fighting over the years has killed thousands of people in the valley.")
    assert not is_aggregate_toll("Gunmen killed nine travellers on the highway on Tuesday night.")


def test_separate_incident_same_night_and_late_claim_of_responsibility(nlp):
    events = _events(nlp, ROAD, date(2024, 3, 6))
    by_sub = {e.sub_event_type: e for e in events}
    assert set(by_sub) == {"Attack", "Armed clash"}, [(e.sub_event_type, e.fatalities) for e in events]
    attack, raid = by_sub["Attack"], by_sub["Armed clash"]
    assert attack.fatalities == 9  # the hundreds "in recent years" are a claim, not this event's toll
    assert attack.event_date == date(2024, 3, 5)
    assert attack.actor1 is not None and "Ansaru" in attack.actor1  # claimed three sentences later
    assert raid.fatalities == 2
    assert raid.event_date == date(2024, 3, 5)  # "on the same night"
    assert raid.actor1 is None or "Ansaru" not in raid.actor1


def test_glide_bombs_on_a_market_with_a_blaze_after(nlp):
    events = _events(nlp, STORE, date(2024, 2, 16))
    assert [e.sub_event_type for e in events] == ["Air/drone strike"]
    assert events[0].fatalities == 7 and events[0].injured == 21
    assert events[0].event_date == date(2024, 2, 15)


BEACH = """Bomber and gunmen strike seaside hotel

KISMAYO, Somalia — A suicide bomber drove a car laden with explosives into the gate of a seaside hotel in Kismayo \
on Friday evening and gunmen then opened fire on guests, killing at least 18 people, police said on Saturday.

Security forces killed four of the attackers after a siege that lasted through the night.
"""

MARCHES = """Students march against fee rises

ACCRA, Ghana — Thousands of students marched peacefully through Accra on Wednesday to protest against a rise in \
university fees, organisers said.

Protests against the fees also took place in Kumasi, Tamale and Cape Coast, local radio stations reported.
"""


def test_a_bombing_whose_victims_are_people_has_civilians_as_actor2(nlp):
    events = _events(nlp, BEACH, date(2024, 7, 13))
    assert len(events) == 1, [(e.sub_event_type, e.actor2) for e in events]
    assert events[0].sub_event_type == "Suicide bomb"
    # the police who speak and the security forces who ended the siege are not the bombing's target
    assert events[0].actor2 == "Civilians (Somalia)"
    # ACLED's fatalities are everyone's who died in the event: the 18 the bombers killed and the four attackers the
    # security forces killed (round 39; the development gold codes it so: "the toll does not include the attackers"
    # gives 37 + 4 at Lido beach, 26 + 4 at Kismayo's hotel)
    assert events[0].fatalities == 22


def test_a_protest_told_at_a_list_of_towns_is_an_event_at_each(nlp):
    # accept=False: the drafting rule alone; the acceptance model (round 26, threshold 0.55) drops the last town of
    # the list (P 0.52), a recall cost said in docs/benchmarks.md
    events = extract_report(Report(text=MARCHES, published=date(2024, 3, 7)), nlp, accept=False).mentions
    places = sorted(e.place.location for e in events)
    assert places == ["Accra", "Cape Coast", "Kumasi", "Tamale"], places
    assert {e.sub_event_type for e in events} == {"Peaceful protest"}


def test_a_sentence_opening_preposition_is_not_part_of_the_place():
    from warlog.extract.places import find_toponyms

    tops = find_toponyms("In Daraa province, army units pounded militant positions on Sunday.")
    assert [t.surface for t in tops][:1] == ["Daraa"]


CITY_SHELLED = """Rockets hit Damascus old quarter

DAMASCUS - Two civilians were killed and nine others were wounded on Tuesday when militants positioned in the \
Jobar area fired rocket shells on residential neighbourhoods of Damascus, a police source said.

A source at the Damascus Police Command told the agency the rockets fell on Bab Sharqi and caused heavy damage.
"""


def test_where_the_shooters_sit_and_who_tells_it_are_not_the_event(nlp):
    events = _events(nlp, CITY_SHELLED, date(2017, 3, 15))
    assert len(events) == 1, [(e.place.location, e.sub_event_type) for e in events]
    (ev,) = events
    assert ev.sub_event_type == "Shelling/artillery/missile attack"
    assert ev.place.location.startswith("Damascus")  # where the shells fell, not Jobar where they were fired from
    assert ev.actor2 == "Civilians (Syria)"  # the police command is the source, not the target
    assert ev.fatalities == 2


def test_generic_sources_in_the_plural_are_sources():
    from warlog.extract.attribution import find_attribution

    assert (
        find_attribution("A strike hit a camp on Friday, killing at least 40 people, aid groups said.") == "aid groups"
    )
    assert find_attribution("The blast killed two boys near the school, Save the Children said.") == "Save the Children"


def test_whose_building_was_hit_is_not_who_hit_it():
    from warlog.extract.actors import assign_roles

    s = "An air strike by the Saudi-led coalition hit a prison run by the Houthi movement in Saada, killing 60 inmates."
    roles = assign_roles(s, "Air/drone strike", "Yemen", s.index("air strike"))
    assert roles.actor1 == "Operation Restoring Hope"
    assert roles.actor2 != roles.actor1


RAMPAGE = """Gang kills dozens in Haitian farming town

SAINT-MARC, Haiti — Members of a gang armed with rifles went from house to house in the farming village of \
Liancourt early on Tuesday, killing at least 40 people, including eight children, a human rights group said.

Police said officers exchanged fire with the gang on the edge of the area on Tuesday evening.
"""

BAR = """Gunmen kill nine at a bar in Guanajuato

IRAPUATO, Mexico — Armed men stormed a bar in Irapuato in Guanajuato state late on Friday and opened fire on \
customers, killing nine people, state prosecutors said on Saturday.

Prosecutors said they were investigating whether the shooting was linked to two cartels that have fought over \
fuel theft in the region for years.
"""


def test_a_massacre_told_first_is_not_absorbed_by_the_fight_told_after(nlp):
    events = _events(nlp, RAMPAGE, date(2024, 5, 1))
    kinds = sorted(e.sub_event_type for e in events)
    assert "Attack" in kinds, kinds
    attack = next(e for e in events if e.sub_event_type == "Attack")
    assert attack.fatalities == 40 and attack.actor2 == "Civilians (Haiti)"


def test_a_killing_linked_to_a_feud_stays_a_killing(nlp):
    events = _events(nlp, BAR, date(2024, 2, 10))
    assert [e.sub_event_type for e in events] == ["Attack"]
    assert events[0].fatalities == 9


PRESS_RELEASE = """Mali: Soldiers Kill Villagers in Central Region

(Dakar) – Malian soldiers shot dead at least 25 civilians, among them three children, in the village of Djiguibombo \
in the Mopti region on March 3, a rights group said today.

Survivors said the soldiers rounded up men at the weekly market and executed them. The killings appear to be \
reprisals for an ambush by Islamist fighters on an army convoy two days earlier, in which several soldiers were killed.
"""


def test_a_press_release_dateline_in_parentheses_is_where_it_was_filed(nlp):
    events = _events(nlp, PRESS_RELEASE, date(2024, 3, 20))
    assert len(events) == 1, [(e.sub_event_type, e.place.location) for e in events]
    (ev,) = events
    assert ev.place.country == "Mali"  # not Senegal, where the release was filed
    assert ev.sub_event_type == "Attack"  # the ambush "two days earlier" is the cause told, not this event
    assert ev.actor1 == "Military Forces of Mali (2021-)" or ev.actor1.startswith("Military Forces of Mali")
    assert ev.fatalities == 25


def test_rescued_hostages_are_no_abduction_and_troops_neutralising_fighters_fight():
    assert classify_sentence("Police rescued 12 kidnapped travellers from a forest hideout on Monday.") is None or (
        classify_sentence("Police rescued 12 kidnapped travellers from a forest hideout on Monday.").sub_event_type
        != "Abduction/forced disappearance"
    )
    s = "Troops neutralised 20 insurgents in an operation near the town on Sunday, the army said."
    assert classify_sentence(s).sub_event_type == "Armed clash"


def test_where_a_spokesman_spoke_is_not_where_it_happened(nlp):
    text = (
        "Soldiers arrest 18 in raid on militant camp\n\nTroops raided a militant camp near Gwoza in Borno state on "
        "Monday, the army said.\n\nA spokesman told journalists in Abuja that the troops also arrested 18 suspected "
        "suppliers and seized 40 rifles in the raid."
    )
    events = _events(nlp, text, date(2024, 6, 4))
    assert all(e.place.location != "Abuja" for e in events), [(e.sub_event_type, e.place.location) for e in events]


def test_suspected_identity_held_ground_and_a_list_of_backers():
    from warlog.extract.actors import assign_roles

    s = "Troops clashed with gunmen believed to be members of the Islamic State near the town on Sunday."
    assert assign_roles(s, "Armed clash", "Iraq").actor2 == "Islamic State (Iraq)"
    s = "Government troops pushed into the Islamic State-held district of the city on Monday."
    assert assign_roles(s, "Armed clash", "Iraq").actor2 == "Islamic State (Iraq)"
    s = (
        "Fighting broke out between the army, backed by Iranian forces and pro-government militias, and Islamic State "
        "fighters near the border."
    )
    roles = assign_roles(s, "Armed clash", "Syria")
    assert roles.actor1 == "Military Forces of Syria (2000-)" and roles.actor2 == "Islamic State (Syria)"


def test_armed_factions_the_list_lacks_are_named_by_their_own_names():
    from warlog.extract.actors import find_actors

    found = {a.canonical for a in find_actors("Clashes broke out between Jaysh al-Nukhba and Suquor Al-Sham.", "Syria")}
    assert {"Jaysh al Nukhba", "Suquor al Sham"} <= found
    # a party, a police division and the tail of a longer name are no faction
    assert not find_actors("An activist of the Popular Front Party was arrested.", "Syria") or all(
        a.canonical != "Popular Front"
        for a in find_actors("An activist of the Popular Front Party was arrested.", "Syria")
    )


ROUNDUP = """Strikes kill 20 across Idlib

BEIRUT (Wire) - Air strikes on rebel-held towns in northwestern Syria killed at least 20 civilians on Tuesday, a \
war monitor said.

Twelve people were killed when warplanes struck a market in Saraqeb, the monitor said. Eight others died in strikes \
on the town of Ariha.
"""


def test_a_placeless_total_whose_parts_add_up_gives_way_to_them(nlp):
    events = _events(nlp, ROUNDUP, date(2019, 3, 13))
    figures = sorted(e.fatalities for e in events)
    assert figures == [8, 12], [(e.place.location, e.fatalities) for e in events]


VERDICT_RIOT = """Rioters burn police post after opposition leader jailed

CONAKRY (Wire) — Supporters of opposition leader Cellou Diallo set fire to a police post and looted shops in the \
Ratoma district of Conakry on Wednesday night after a court sentenced him to three years in prison, residents said.

Police fired tear gas at stone-throwing youths in several neighbourhoods of the capital and in the city of Kindia.
"""


def test_a_plain_text_headline_line_is_the_title_and_a_verdict_riot_is_a_violent_demonstration(nlp):
    events = _events(nlp, VERDICT_RIOT, date(2024, 3, 8))
    kinds = {e.sub_event_type for e in events}
    assert kinds == {"Violent demonstration"}, [(e.sub_event_type, e.place.location) for e in events]
    assert all(e.actor1 == "Rioters (Guinea)" for e in events)
    assert date(2024, 3, 6) in {e.event_date for e in events}  # the lead (Wednesday night) is not lost
