"""Actors as an ACLED coder names them in any war (issue 14, round 5): states named by adjective, demonym or name,
the report's gunner for a strike sentence that names none, named gangs, one-sided violence against residents and
its civilian toll. Every report here was written for warlog from the shape of real incidents (no copied text)."""

from __future__ import annotations

from datetime import date

import pytest

from warlog.extract.actor_roles import assign_roles
from warlog.extract.actors import find_actors
from warlog.extract.context import attach_roles
from warlog.extract.frames import extract_report
from warlog.extract.types import classify_with_cues
from warlog.model import Report


def _events(nlp, text: str, day: date) -> list[dict]:
    ex = extract_report(Report(text=text, title="", published=day), nlp)
    assert ex.error is None
    return [m.to_acled() for m in ex.mentions]


# --- 1. a state named by its adjective, demonym or name is its forces (inter 8 abroad, 1 at home) -----------------


@pytest.mark.parametrize(
    ("sentence", "sub", "country", "actor1", "inter1"),
    [
        ("A Russian missile strike on the city killed four people.", "Shelling/artillery/missile attack", "Ukraine",
         "Military Forces of Russia", 8),
        ("An alleged Israeli airstrike on a family home killed 12 people.", "Air/drone strike", "Palestine",
         "Military Forces of Israel", 8),
        ("Turkish drones hit a pickup near the town, killing two fighters.", "Air/drone strike", "Iraq",
         "Military Forces of Turkey", 8),
        ("Emirati drones struck RSF positions outside the city.", "Air/drone strike", "Sudan",
         "Military Forces of the United Arab Emirates", 8),
        ("A Russian attack on the port killed three dock workers.", "Shelling/artillery/missile attack", "Ukraine",
         "Military Forces of Russia", 8),
        ("Russian-fired missiles struck the port overnight.", "Shelling/artillery/missile attack", "Ukraine",
         "Military Forces of Russia", 8),
        ("Russian bombs fell on the town's hospital.", "Air/drone strike", "Ukraine", "Military Forces of Russia", 8),
        ("Azerbaijani shelling hit the village overnight.", "Shelling/artillery/missile attack", "Armenia",
         "Military Forces of Azerbaijan", 8),
        ("Ethiopian drone strikes on a market killed dozens of people.", "Air/drone strike", "Ethiopia",
         "Military Forces of Ethiopia", 1),
        ("Pakistan struck targets inside Iran early on Thursday.", "Air/drone strike", "Iran",
         "Military Forces of Pakistan", 8),
        ("Iran fired missiles at a base near Erbil.", "Shelling/artillery/missile attack", "Iraq",
         "Military Forces of Iran", 8),
    ],
)  # fmt: skip
def test_state_named_by_adjective_or_name(sentence, sub, country, actor1, inter1):
    roles = assign_roles(sentence, sub, country)
    assert roles.actor1 is not None and roles.actor1.startswith(actor1)
    assert roles.inter1 == inter1


def test_country_name_alone_is_no_actor():
    assert find_actors("Russia said the attack was a provocation.", "Ukraine") == []
    assert find_actors("Fighting in Syria continued on Monday.", "Syria") == []


def test_the_target_of_a_drone_strike_is_actor2():
    roles = assign_roles("Emirati drones struck RSF positions outside the city.", "Air/drone strike", "Sudan")
    assert roles.actor2 == "RSF: Rapid Support Forces"


def test_a_source_is_not_a_side():
    """ "..., the Taliban said": the group told of the strike, it was not hit."""
    roles = assign_roles(
        "Pakistani air strikes in Khost province killed eight people, the Taliban said.", "Air/drone strike",
        "Afghanistan",
    )  # fmt: skip
    assert roles.actor1.startswith("Military Forces of Pakistan")
    assert roles.actor2 == "Civilians (Afghanistan)"


def test_said_it_fired_names_the_doer():
    roles = assign_roles(
        "Hezbollah said it fired rockets at an Israeli army post.", "Shelling/artillery/missile attack", "Lebanon"
    )
    assert roles.actor1 == "Hezbollah"


@pytest.mark.parametrize(
    ("text", "day", "actor1"),
    [
        ("Turkey has carried out repeated drone strikes on Kurdish-held areas of northern Syria since October.\n\n"
         "On Wednesday a drone strike hit a car near Qamishli, killing two people, the SDF said.", date(2022, 11, 23),
         "Military Forces of Turkey (2016-)"),
        ("Israel has pressed on with its air campaign across the Gaza Strip.\n\nAn air strike on a house in Deir "
         "al-Balah on Monday killed 11 members of one family, the health ministry said.", date(2024, 1, 16),
         "Military Forces of Israel"),
    ],
)  # fmt: skip
def test_state_named_as_doer_elsewhere_in_the_report(nlp, text, day, actor1):
    events = _events(nlp, text, day)
    assert events and events[0]["actor1"].startswith(actor1)
    assert events[0]["actor2"].startswith("Civilians")


def test_event_day_names_the_government_period(nlp):
    text = "An alleged Israeli airstrike on a family home in Rafah killed 12 people overnight, medics in Gaza said."
    events = _events(nlp, text, date(2024, 2, 10))
    assert events and events[0]["actor1"] == "Military Forces of Israel (2022-)"


# --- 2. a strike sentence naming no actor takes the report's gunner -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        ("Russian forces have shelled the city of Kherson in southern Ukraine every day this week, officials said."
         "\n\nOn Tuesday, shelling hit a bus stop in the city centre, killing three people.",
         "Military Forces of Russia"),
        ("Ethiopian federal troops have been pounding positions around the town of Alamata with artillery.\n\n"
         "On Friday shells landed on a school in Alamata, killing six pupils, a local official said.",
         "Military Forces of Ethiopia"),
    ],
)  # fmt: skip
def test_shelling_takes_the_reports_gunner(nlp, text, actor1):
    events = _events(nlp, text, date(2023, 1, 17))
    shelling = [e for e in events if e["sub_event_type"] == "Shelling/artillery/missile attack"]
    assert shelling and shelling[0]["actor1"].startswith(actor1)


def test_air_strike_takes_the_reports_air_actor(nlp):
    text = (
        "Government fighter jets backed by Russia's air force continued to target the town of Maarat al-Numan in "
        "Idlib province on Sunday, a war monitor said.\n\nAn air strike on a crowded market in the town killed nine "
        "civilians, rescuers said."
    )
    events = _events(nlp, text, date(2019, 7, 22))
    assert events and events[0]["actor1"] == "Military Forces of Syria (2000-)"
    assert "Military Forces of Russia" in (events[0]["assoc_actor_1"] or "")


def test_two_gunners_name_neither():
    from warlog.extract.context import document_actors

    doc = document_actors(
        ["Government artillery shelled the rebel-held town.", "Rebels fired rockets at the army base."], "Syria"
    )
    assert doc.gunner() is None


# --- 3. named gangs; one armed side against residents is violence against civilians -------------------------------


@pytest.mark.parametrize(
    ("text", "country", "name"),
    [
        ("Members of the Gran Grif gang attacked residents of the town.", "Haiti", "Gran Grif Gang"),
        ("Gunmen from the 400 Mawozo gang stormed a village.", "Haiti", "400 Mawozo Gang"),
        ("Two people were killed by the Village de Dieu gang.", "Haiti", "Village de Dieu Gang"),
        ("Members of Los Viagras whipped a man in the town square.", "Mexico", "Los Viagras Gang"),
        ("Alleged members of the Gulf Cartel clashed with state police.", "Mexico", "Gulf Cartel"),
        ("Police said Mungiki gang members killed two traders.", "Kenya", "Mungiki Gang"),
    ],
)
def test_named_gang(text, country, name):
    assert name in [a.canonical for a in find_actors(text, country)]


@pytest.mark.parametrize(
    ("text", "country"),
    [("On Monday gang members shot a man.", "Haiti"), ("The gang opened fire on a bus.", "Haiti"),
     ("Haitian gangs killed five people.", "Haiti"), ("Rival cartels fought for the town.", "Mexico")],
)  # fmt: skip
def test_gang_words_that_name_no_gang(text, country):
    assert not [a for a in find_actors(text, country) if not a.canonical.startswith(("Unidentified", "Civilians"))]


def test_armed_gangs_outside_gang_countries_are_an_unidentified_armed_group():
    assert [a.canonical for a in find_actors("Armed gangs attacked the village.", "Nigeria")] == [
        "Unidentified Armed Group (Nigeria)"
    ]


@pytest.mark.parametrize(
    ("sentence", "country", "actor1"),
    [
        ("Gang members stormed the Solino neighbourhood overnight and opened fire on residents, killing 12.", "Haiti",
         "Unidentified Gang (Haiti)"),
        ("Militiamen stormed the village and opened fire on villagers, killing nine.", "Cameroon",
         "Unidentified Armed Group (Cameroon)"),
        ("Members of the 400 Mawozo gang attacked residents of Ganthier, killing eight.", "Haiti", "400 Mawozo Gang"),
    ],
)  # fmt: skip
def test_armed_group_against_residents_is_an_attack(sentence, country, actor1):
    match = classify_with_cues(sentence)[0]
    assert match is not None and match.sub_event_type == "Attack"
    roles = attach_roles(sentence, match.sub_event_type, match.event_type, country)
    assert (roles.actor1, roles.inter1) == (actor1, 3)
    assert (roles.actor2, roles.inter2) == (f"Civilians ({country})", 7)


def test_gang_clashing_with_police_is_a_battle_not_a_riot():
    sentence = "Gang members clashed with police in Port-au-Prince on Monday, killing six people."
    match = classify_with_cues(sentence)[0]
    assert match is not None and match.sub_event_type == "Armed clash"
    roles = attach_roles(sentence, match.sub_event_type, match.event_type, "Haiti")
    assert {roles.actor1, roles.actor2} == {"Unidentified Gang (Haiti)", "Police Forces of Haiti (2017-)"}


def test_two_armed_sides_stay_a_battle():
    match = classify_with_cues("Gunmen stormed an army post and opened fire on soldiers, killing three.")[0]
    assert match is not None and match.event_type == "Battles"


# --- 4. residents killed: the civilian count is the whole toll ---------------------------------------------------


def test_all_victims_residents_civilians_is_the_toll(nlp):
    text = (
        "Members of the Gran Grif gang attacked residents of Pont-Sonde in Haiti's Artibonite department on Thursday, "
        "killing at least 70 people, including 10 women and three infants, UN officials said."
    )
    events = _events(nlp, text, date(2024, 10, 5))
    assert events
    e = events[0]
    assert (e["sub_event_type"], e["actor1"], e["actor2"]) == ("Attack", "Gran Grif Gang", "Civilians (Haiti)")
    assert e["fatalities"] == 70 and e["civilians"] == 70


def test_armed_dead_keep_the_civilian_subcount(nlp):
    text = (
        "Bandits attacked residents of Kurmin village in Kaduna state, Nigeria, on Sunday, killing 11 people, "
        "including two vigilantes, a local official said."
    )
    events = _events(nlp, text, date(2023, 5, 8))
    assert events and events[0]["fatalities"] == 11
    assert events[0]["civilians"] != 11


# --- a clash on a known front line whose sides the report does not name ------------------------------------------


@pytest.mark.parametrize(
    ("day", "admin1", "sides"),
    [
        (
            date(2020, 5, 6),
            "Donetsk",
            {"Military Forces of Ukraine (2019-)", "NAF: United Armed Forces of Novorossiya"},
        ),
        (date(2023, 1, 10), "Donetsk", {"Military Forces of Ukraine (2019-)", "Military Forces of Russia (2000-)"}),
    ],
)
def test_unnamed_clash_on_a_front_line_is_between_its_belligerents(day, admin1, sides):
    note = "Monitors recorded 40 explosions and bursts of small-arms fire in both directions of the line near the town."
    roles = attach_roles(note, "Armed clash", "Battles", "Ukraine", day=day, admin1=admin1)
    assert {roles.actor1, roles.actor2} == sides
    assert {roles.inter1, roles.inter2} <= {1, 2, 8}


@pytest.mark.parametrize(
    ("note", "country", "day", "admin1"),
    [
        ("Gunmen clashed with unknown attackers near the town.", "Ukraine", date(2013, 5, 6), "Donetsk"),  # before
        ("Gunmen clashed with unknown attackers near the town.", "Ukraine", date(2020, 5, 6), "Lviv"),  # off the front
        ("Gunmen clashed with unknown attackers near the town.", "Nigeria", date(2020, 5, 6), "Borno"),  # no front
        ("Police clashed with gunmen near the town.", "Ukraine", date(2020, 5, 6), "Donetsk"),  # a side is named
    ],
)
def test_front_line_needs_the_front_and_two_unnamed_sides(note, country, day, admin1):
    roles = attach_roles(note, "Armed clash", "Battles", country, day=day, admin1=admin1)
    assert "NAF: United Armed Forces of Novorossiya" not in (roles.actor1, roles.actor2)
    assert not any((a or "").startswith("Military Forces of Ukraine") for a in (roles.actor1, roles.actor2))


def test_front_line_in_a_report(nlp):
    text = "Heavy fighting broke out near Bakhmut in Donetsk region on Tuesday, officials said."
    events = _events(nlp, text, date(2023, 1, 10))
    clashes = [e for e in events if e["sub_event_type"] == "Armed clash"]
    assert clashes and {clashes[0]["actor1"], clashes[0]["actor2"]} == {
        "Military Forces of Ukraine (2019-)",
        "Military Forces of Russia (2000-)",
    }


# --- names and sides in a note ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("note", "sub", "pair"),
    [
        ("Clashes broke out between two unknown armed groups in the centre of the town.", "Armed clash",
         {"Unidentified Armed Group (Syria)"}),
        ("Clashes took place between Turkey-backed opposition rebels and YPG fighters near the town.", "Armed clash",
         {"Opposition Rebels (Syria)", "YPG: Peoples Protection Units"}),
        ("Clashes took place between HTS fighters and Islamic State members near the village.", "Armed clash",
         {"HTS: Hayat Tahrir al Sham", "Islamic State (Syria)"}),
        ("Regime forces clashed with IS in the desert. The clashes were backed by strikes by Russian warplanes.",
         "Armed clash", {"Military Forces of Syria (2000-)", "Islamic State (Syria)"}),
        ("Unknown gunmen shot dead a member of the regime's State Security in the town.", "Armed clash",
         {"Unidentified Armed Group (Syria)", "Police Forces of Syria (2000-) State Security"}),
    ],
)  # fmt: skip
def test_sides_of_a_note(note, sub, pair):
    roles = attach_roles(note, sub, "Battles", "Syria")
    assert {roles.actor1, roles.actor2} == pair


def test_saudi_fire_in_yemen_is_the_coalitions():
    roles = assign_roles("Saudi rockets and artillery shelling hit the border district.", "Shelling/artillery/missile "
                         "attack", "Yemen")  # fmt: skip
    assert roles.actor1 == "Operation Restoring Hope"


@pytest.mark.parametrize(
    ("note", "pair"),
    [
        ("An exchange of shelling took place between Turkish forces backed by opposition rebels operating under "
         "Operation Peace Spring and the SDF near the town.",
         {"Operation Peace Spring", "QSD: Syrian Democratic Forces"}),
        ("Fighters of the local military council operating under the SDF clashed with Turkish-backed rebels who "
         "operate under OPS on the edge of the village.", {"QSD: Syrian Democratic Forces", "Operation Peace Spring"}),
    ],
)  # fmt: skip
def test_actors_under_an_umbrella_are_the_umbrella(note, pair):
    roles = attach_roles(note, "Armed clash", "Battles", "Syria")
    assert {roles.actor1, roles.actor2} == pair


def test_under_custody_is_no_umbrella():
    roles = attach_roles(
        "An IS member held under Asayish custody killed two Asayish guards while escaping from a hospital.",
        "Armed clash", "Battles", "Syria",
    )  # fmt: skip
    assert "Asayish (Syria)" in (roles.actor1, roles.actor2)
    assert "Islamic State (Syria)" in (roles.actor1, roles.actor2)


@pytest.mark.parametrize(
    ("note", "sub", "pair"),
    [
        ("Government troops took control of a hilltop village in the south of the province.",
         "Government regains territory", {"Military Forces of Syria (2000-)", "Unidentified Armed Group (Syria)"}),
        ("Clashes took place between regime forces and pro-regime militias and IS in the desert near the town.",
         "Armed clash", {"Military Forces of Syria (2000-)", "Islamic State (Syria)"}),
        ("A regime sniper shot and killed a rebel fighter on the edge of the town.", "Armed clash",
         {"Military Forces of Syria (2000-)", "Opposition Rebels (Syria)"}),
        ("Unknown gunmen shot dead a former rebel fighter outside his house.", "Armed clash",
         {"Unidentified Armed Group (Syria)"}),
    ],
)  # fmt: skip
def test_two_sides_of_a_syrian_note(note, sub, pair):
    roles = attach_roles(note, sub, "Battles", "Syria")
    assert {roles.actor1, roles.actor2} == pair
    assert roles.actor2 is not None


def test_chemical_attack_takes_the_reports_air_actor(nlp):
    text = (
        "The toll from a suspected chemical attack on a rebel-held town in Idlib province rose to 70 on Wednesday, a "
        "monitor said.\n\nDiplomats said Syrian aircraft had bombed the town of Khan Sheikhun before people fell ill."
    )
    events = _events(nlp, text, date(2017, 4, 5))
    chemical = [e for e in events if e["sub_event_type"] == "Chemical weapon"]
    assert chemical and chemical[0]["actor1"] == "Military Forces of Syria (2000-)"


def test_an_indefinite_terrorist_group_is_unidentified():
    assert [a.canonical for a in find_actors("A terrorist group planted a bomb under the pulpit.", "Syria")] == [
        "Unidentified Armed Group (Syria)"
    ]


def test_killed_during_a_police_raid_names_the_police():
    roles = assign_roles(
        "A drug suspect was killed during a police raid in a village outside the city.", "Attack", "Philippines"
    )
    assert roles.actor1 == "Police Forces of the Philippines (2016-)"
    assert roles.actor2 == "Civilians (Philippines)"


def test_arrested_with_drugs_where_acled_codes_gangs():
    roles = assign_roles(
        "Federal police seized two tons of cocaine hidden in a lorry and arrested the driver.", "Arrests", "Brazil"
    )
    assert roles.actor2 == "Unidentified Gang (Brazil)"
    roles = assign_roles("Police arrested two men at a checkpoint after a brawl.", "Arrests", "Brazil")
    assert roles.actor2 == "Civilians (Brazil)"


def test_allies_before_a_named_umbrella_join_it():
    roles = assign_roles(
        "Turkish forces and pro-Turkey rebel factions, operating under OPS, shelled a village near the town.",
        "Shelling/artillery/missile attack", "Syria",
    )  # fmt: skip
    assert roles.actor1 == "Operation Peace Spring"
    assert roles.actor2 != "Military Forces of Turkey (2016-)"  # Turkey's forces are inside the operation
