"""Sub-types read by ACLED's codebook definitions, on news-style sentences written for warlog (not from any corpus).

Each case is a class the definitions decide: a weapon that was seized or defused before it hurt anyone, an agreement
that is not a signature, territory that changes hands without a fight, a killing at a protest, a crowd that kills.
"""

from __future__ import annotations

import pytest

from warlog.extract.types import classify_sentence

CASES = [
    # Disrupted weapons use: the weapon was neutralised; nobody hurt.
    ("Disrupted weapons use", "Security forces recovered a cache of rifles, grenades and ammunition during a search."),
    ("Disrupted weapons use", "The bomb squad safely detonated an improvised explosive device found on the highway."),
    ("Disrupted weapons use", "Army engineers neutralised an explosive device planted under a culvert near the camp."),
    ("Disrupted weapons use", "The navy intercepted a boat carrying anti-tank missiles bound for the rebels."),
    ("Disrupted weapons use", "Soldiers discovered an arms dump containing mortar rounds and detonators in a cave."),
    # Agreement: truces, agreed pull-backs, swaps, hostage releases.
    ("Agreement", "A truce between the two clans took effect on Friday, elders said."),
    ("Agreement", "Both armies agreed to pull back troops from the disputed ridge after commander-level talks."),
    ("Agreement", "The government and the armed group swapped the bodies of fallen fighters under a deal."),
    ("Agreement", "The militia freed the 15 kidnapped workers following talks with community leaders."),
    # Non-violent transfer of territory.
    ("Non-violent transfer of territory", "Rebels entered the town unopposed after the garrison left."),
    ("Non-violent transfer of territory", "Fighters took over the base after the soldiers abandoned it overnight."),
    ("Non-violent transfer of territory", "The army took over positions vacated by the withdrawing peacekeepers."),
    ("Non-violent transfer of territory", "Government troops withdrew from the town, and rebel fighters moved in."),
    # Protests met by force.
    ("Excessive force against protesters", "Security forces shot dead two students during a protest over fuel prices."),
    ("Excessive force against protesters", "Troops killed three people as they broke up a rally against the junta."),
    ("Protest with intervention", "Police detained several activists who were holding a vigil at the court."),
    ("Protest with intervention", "Riot police broke up an opposition march with batons and stun grenades."),
    ("Protest with intervention", "Security forces prevented students from marching to the presidential palace."),
    ("Protest with intervention", "Farmers staged a protest over seed prices; 26 were arrested."),
    # Crowds that attack people.
    ("Mob violence", "Villagers armed with sticks beat two suspected thieves to death."),
    ("Mob violence", "Residents attacked and burned a suspected kidnapper in the market."),
    ("Mob violence", "A man accused of theft was beaten to death by a group of men in the village."),
    # Unorganised sides: a clash of villagers or a crowd's violence away from any demonstration is mob violence.
    ("Mob violence", "Two groups of villagers clashed over a disputed field, leaving six people injured."),
    ("Mob violence", "Residents pelted stones at police who had come to enforce the curfew in the old town."),
    ("Violent demonstration", "Students demanding the rector's removal threw stones at police outside the campus."),
    # Capture of people: an arrest by the state, an abduction by anyone else.
    ("Arrests", "Police captured two suspected militants during a raid on a hideout in the city."),
    ("Arrests", "Security forces took the suspect into custody after a brief chase."),
    ("Abduction/forced disappearance", "Rebels captured three soldiers and took them to an unknown location."),
    ("Abduction/forced disappearance", "Pirates hijacked a cargo ship and took its 20 crew members hostage."),
    # Armed targets named by what they are (posts, patrols) and killings named by who did them.
    ("Armed clash", "Insurgents attacked a pro-government militia check point overnight, killing four of its guards."),
    ("Attack", "One civilian was killed and another wounded by army forces fire in the farming district."),
    ("Attack", "Border guards opened fire at a group of farmers working their fields near the fence."),
    ("Armed clash", "Inter-clan fighting erupted in the grazing area, leaving at least five dead."),
    # Other classes named by their own words.
    ("Armed clash", "An encounter broke out between security forces and Maoists in the forest area."),
    ("Change to group/activity", "The rebel group announced it had appointed a new commander."),
]

NOT = [
    # Harm done: the weapon was used, whatever else was found.
    ("Disrupted weapons use", "A roadside bomb killed two soldiers; troops later found a second device nearby."),
    # Victims named before a passive verb are not the attackers.
    ("Mob violence", "Six men were killed by unknown gunmen in a house in the town early on Sunday."),
    ("Mob violence", "Gunmen killed 19 students and wounded at least 30 other people at the university."),
    ("Mob violence", "Men in a car opened fire on a bus stop, injuring three people."),
    # State forces beside residents: no riot.
    ("Mob violence", "Security forces and armed local residents killed more than 200 people in the village."),
    # An armed group killing protesters is an attack, not excessive force.
    ("Excessive force against protesters", "Unidentified gunmen killed five people at a sit-in outside the ministry."),
    # Clan militias and armed groups are organised: their clash is a battle.
    ("Mob violence", "Rival clan militias clashed over grazing land, killing nine fighters."),
    ("Mob violence", "Insurgents clashed with police at the market, leaving two of the attackers dead."),
    # A missile attack launched is the missile's, not a ground battle.
    ("Armed clash", "The navy launched a cruise missile attack on an air base in the north."),
    # Riot police are no riot.
    ("Violent demonstration", "Riot police stood guard as hundreds marched peacefully to the square."),
]


@pytest.mark.parametrize(("gold", "sentence"), CASES)
def test_codebook_sub_type(gold: str, sentence: str) -> None:
    got = classify_sentence(sentence)
    assert got is not None and got.sub_event_type == gold, (sentence, got)


@pytest.mark.parametrize(("wrong", "sentence"), NOT)
def test_codebook_sub_type_not(wrong: str, sentence: str) -> None:
    got = classify_sentence(sentence)
    assert got is not None, sentence
    assert got.sub_event_type != wrong, (sentence, got)
