"""The actors of one event told in two sentences (extract.frames._merge)."""

from __future__ import annotations

from warlog.extract.actors import named_as_agent
from warlog.extract.counts import Casualties
from warlog.extract.frames import _Draft, _merge
from warlog.model import Evidence, Mention, Place

_HASAKAH = Place("Al Hasakah", 36.5, 40.75, 1, country="Syria", iso="SY")


def _draft(sub: str, actor1: str | None, inter1: int | None, text: str) -> _Draft:
    m = Mention(report_id="r", sub_event_type=sub, actor1=actor1, inter1=inter1, place=_HASAKAH)
    m.evidence = [Evidence(text, 0, len(text))]
    return _Draft(m, Casualties(), 0)


def test_a_retelling_names_the_placeholders_actor_with_the_same_weapon() -> None:
    first = _draft("Air/drone strike", "Unidentified Military Forces", 8, "Unidentified jets hit the market.")
    again = _draft("Air/drone strike", "Military Forces of Russia (2000-)", 8, "Russian jets struck the market.")
    _merge(first, again)
    assert first.mention.actor1 == "Military Forces of Russia (2000-)"


def test_a_placeholder_stays_when_the_retelling_is_another_weapon_or_cannot_fly() -> None:
    first = _draft("Air/drone strike", "Unidentified Military Forces", 8, "Unidentified jets hit the market.")
    shelling = _draft("Shelling/artillery/missile attack", "Opposition Rebels (Syria)", 2, "Rebels shelled it.")
    _merge(first, shelling)
    assert first.mention.actor1 == "Unidentified Military Forces"
    rebels_said = _draft("Air/drone strike", "Opposition Rebels (Syria)", 2, "Rebels said jets hit the market.")
    _merge(first, rebels_said)
    assert first.mention.actor1 == "Unidentified Military Forces"
    named = _draft("Armed clash", "Military Forces of Syria (2000-)", 1, "Troops fought rebels.")
    unknown = _draft("Armed clash", "Unidentified Armed Group (Syria)", 3, "Gunmen fought rebels.")
    _merge(named, unknown)  # a named actor is never replaced by a placeholder
    assert named.mention.actor1 == "Military Forces of Syria (2000-)"


def test_on_the_ground_the_retelling_must_name_the_doer_as_such() -> None:
    first = _draft("Suicide bomb", "Unidentified Armed Group (Syria)", 3, "A bomber blew himself up at a wedding.")
    victim = _draft("Suicide bomb", "Jaysh al Islam", 2, "Ten Jaish al-Islam fighters were killed by the bomber.")
    _merge(first, victim)
    assert first.mention.actor1 == "Unidentified Armed Group (Syria)"
    claim = _draft("Suicide bomb", "Islamic State (Syria)", 2, "Daesh said in a statement that one of its men did it.")
    _merge(first, claim)
    assert first.mention.actor1 == "Islamic State (Syria)"


def test_named_as_agent() -> None:
    assert named_as_agent("The blast was claimed by Daesh on Monday.", "Islamic State (Syria)", "Syria")
    assert named_as_agent("Daesh shot down the helicopter near the town.", "Islamic State (Syria)", "Syria")
    assert not named_as_agent("Five Daesh fighters were killed in the blast.", "Islamic State (Syria)", "Syria")
