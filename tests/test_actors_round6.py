"""Round 6 actor rules, on sentences written for these tests."""

from __future__ import annotations

import pytest

from warlog.extract.actors import find_actors
from warlog.extract.context import attach_roles


@pytest.mark.parametrize(
    ("sentence", "actor1", "actor2"),
    [
        # "between X and <allies> against Y": whatever joins the allies to X, Y is the other side
        (
            "Fighting broke out between government troops and Iraqi and Afghan allied militias against Islamic State "
            "fighters near Palmyra.",
            "Military Forces of Syria (2000-)",
            "Islamic State (Syria)",
        ),
        (
            "Heavy clashes erupted between regime forces, backed by loyalist militias and Russian airstrikes, against "
            "Islamic State militants east of Homs.",
            "Military Forces of Syria (2000-)",
            "Islamic State (Syria)",
        ),
        (
            "Clashes went on between regime forces pro-government militias against Islamic State in the Badia.",
            "Military Forces of Syria (2000-)",
            "Islamic State (Syria)",
        ),
    ],
)
def test_between_against_sides(sentence: str, actor1: str, actor2: str) -> None:
    roles = attach_roles(sentence, "Armed clash", "Battles", "Syria")
    assert (roles.actor1, roles.actor2) == (actor1, actor2)


def test_between_against_unnamed_opponent_keeps_backer() -> None:
    # an unidentified opponent backed by a named group: ACLED names the group
    roles = attach_roles(
        "Clashes took place between regime forces against local gunmen backed by opposition rebels near Nawa.",
        "Armed clash",
        "Battles",
        "Syria",
    )
    assert roles.actor1 == "Military Forces of Syria (2000-)"
    assert roles.actor2 == "Opposition Rebels (Syria)"


@pytest.mark.parametrize(
    "sentence",
    [
        # a comma before the "and" that joins the two sides
        "Fighting erupted between Turkish-backed factions, operating under Operation Peace Spring, and the SDF near "
        "Tal Tamer.",
        # the umbrella named after "between ... operating under"
        "Skirmishes were reported between Ankara backed factions fighting under Operation Peace Spring against SDF "
        "fighters near Ain Issa.",
    ],
)
def test_between_umbrella_side(sentence: str) -> None:
    roles = attach_roles(sentence, "Armed clash", "Battles", "Syria")
    assert {roles.actor1, roles.actor2} == {"Operation Peace Spring", "QSD: Syrian Democratic Forces"}


def test_deal_counterpart_is_not_a_side() -> None:
    # the regime is named only as the other party of the victim's settlement: not a side of the shooting
    roles = attach_roles(
        "Masked gunmen shot dead a former FSA commander who had made a settlement deal with the regime in Inkhil.",
        "Armed clash",
        "Battles",
        "Syria",
    )
    assert "Military Forces of Syria (2000-)" not in (roles.actor1, roles.actor2)
    assert roles.actor1 == "Unidentified Armed Group (Syria)"


@pytest.mark.parametrize(
    ("sentence", "country", "sub"),
    [
        (
            "A rocket slammed into a busy market in Saraqib, killing 9 shoppers.",
            "Syria",
            "Shelling/artillery/missile attack",
        ),
        ("A suicide bomber struck a crowd of pilgrims near a shrine outside Samarra.", "Iraq", "Suicide bomb"),
        ("Attackers sprayed bullets at tourists on the beach outside Sousse.", "Tunisia", "Attack"),
        ("An explosive device hit a van full of commuters near Quetta.", "Pakistan", "Remote explosive/landmine/IED"),
    ],
)
def test_people_going_about_their_day_are_civilians(sentence: str, country: str, sub: str) -> None:
    # ACLED: tourists, pilgrims, shoppers, commuters are civilians of the country the event is in
    roles = attach_roles(sentence, sub, None, country)
    assert (roles.actor2, roles.inter2) == (f"Civilians ({country})", 7)


@pytest.mark.parametrize(
    "sentence",
    [
        # fire that accompanies the battle: its force supports a side, it is no side itself
        "The SDF seized a farm east of Hajin after fighting against Islamic State militants amid strikes by "
        "suspected Coalition aircraft.",
        "Under heavy air cover from Coalition jets, the Syria Democratic Forces kept fighting the Islamic State "
        "around Baghuz.",
    ],
)
def test_accompanying_fire_is_no_side(sentence: str) -> None:
    roles = attach_roles(sentence, "Armed clash", "Battles", "Syria")
    assert {roles.actor1, roles.actor2} == {"QSD: Syrian Democratic Forces", "Islamic State (Syria)"}


@pytest.mark.parametrize(
    ("sentence", "actor1", "actor2"),
    [
        # ACLED names the group a report suspects behind unidentified gunmen
        (
            "Masked gunmen, thought to be members of an IS cell, shot dead an SDF fighter near Shheil.",
            "Islamic State (Syria)",
            "QSD: Syrian Democratic Forces",
        ),
        (
            "Unknown attackers probably from HTS raided a checkpoint of the Levant Front near Azaz.",
            "HTS: Hayat Tahrir al Sham",
            "JaS: Levant Front",
        ),
        # ACLED's own abbreviations of Syrian groups, as written
        (
            "HTS seized Kafr Nabl after fighting with JTW.",
            "HTS: Hayat Tahrir al Sham",
            "JTW: National Liberation Front",
        ),
        (
            "Regime troops backed by LaQ fought FaR in Jobar.",
            "Military Forces of Syria (2000-)",
            "FaR: Al Rahman Corps",
        ),
    ],
)
def test_suspected_group_and_abbreviations(sentence: str, actor1: str, actor2: str) -> None:
    roles = attach_roles(sentence, "Armed clash", "Battles", "Syria")
    assert (roles.actor1, roles.actor2) == (actor1, actor2)


def test_mixed_case_abbreviation_is_case_sensitive() -> None:
    assert not [
        m for m in find_actors("They did not get far before the rain.", "Syria") if m.canonical.startswith("FaR")
    ]


def test_former_members_are_not_the_group() -> None:
    roles = attach_roles(
        "Clashes broke out between regime troops and unknown gunmen, likely former rebels, in Daraa al-Balad.",
        "Armed clash",
        "Battles",
        "Syria",
    )
    assert roles.actor2 == "Unidentified Armed Group (Syria)"


@pytest.mark.parametrize(
    "sentence",
    [
        # the backing told in a parenthesis between the two sides
        "Fighting went on between the SDF, backed by coalition special forces stationed at Omar field, and Islamic "
        "State militants near Hajin.",
        # the plural misspelling of the group's name
        "The SDF seized two farms near Sousa after fighting with the Islamic States.",
    ],
)
def test_backing_parenthesis_and_plural(sentence: str) -> None:
    roles = attach_roles(sentence, "Armed clash", "Battles", "Syria")
    assert {roles.actor1, roles.actor2} == {"QSD: Syrian Democratic Forces", "Islamic State (Syria)"}


def test_lead_after_a_bare_dateline_keeps_its_victims() -> None:
    # a dateline cut off as its own sentence does not push the lead sentence out of the lead
    from datetime import date

    from warlog.extract.frames import extract_report
    from warlog.extract.nlp import load_nlp
    from warlog.model import Report

    text = (
        "Missile strike on terminal kills dozens\n\nODESA, April 8 (Wire) -\n\nA Russian missile struck the ferry "
        "pier in Kherson on Friday, killing 21 people who were queuing to leave, regional officials said.\n\n"
        "The mayor condemned the attack."
    )
    ex = extract_report(Report(text=text, title="", published=date(2022, 4, 8)), load_nlp())
    told = [(m.actor1, m.actor2, m.fatalities) for m in ex.mentions]
    assert ("Military Forces of Russia (2000-)", "Civilians (Ukraine)", 21) in told
