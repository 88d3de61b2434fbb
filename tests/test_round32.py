"""Round 32: a crowd fighting the state's forces is a violent demonstration, as ACLED codes it most often (rioters
against state forces, no word of a protest). The rule came out of a type corrector study on the development drafts
(docs/benchmarks.md, "Round 32"), checked against ACLED's own coding in the 2020 global sample."""

from __future__ import annotations

from datetime import date

from reading import events, seen
from warlog.extract.frames import _crowd_against_the_state
from warlog.model import Mention


def test_youths_stoning_police_are_a_violent_demonstration(nlp) -> None:
    text = (
        "Stone-throwing youths clash with police in a lakeside city\n\n"
        "KISUMU, Kenya, 14 March 2024 - Groups of young men threw stones at police officers in the Nyalenda area of "
        "Kisumu on Wednesday, and officers fired tear gas to push them back, a police commander said. Two officers "
        "were hurt.\n"
    )
    found = events(nlp, text, date(2024, 3, 14), accept=False)
    riots = [e for e in found if e.event_type == "Riots"]
    assert riots, seen(found)
    assert riots[0].sub_event_type == "Violent demonstration", seen(found)
    assert riots[0].actor1 == "Rioters (Kenya)" and riots[0].inter2 == 1, seen(found)


def _mention(sub: str, inter1: int | None, inter2: int | None) -> Mention:
    return Mention(report_id="r", event_type="Riots", sub_event_type=sub, inter1=inter1, inter2=inter2)


def test_only_rioters_against_state_forces_change() -> None:
    against_police = _mention("Mob violence", 5, 1)
    _crowd_against_the_state(against_police)
    assert against_police.sub_event_type == "Violent demonstration"
    police_first = _mention("Mob violence", 1, 5)
    _crowd_against_the_state(police_first)
    assert police_first.sub_event_type == "Violent demonstration"
    for inter2 in (7, 8, 4, None):  # civilians, other forces (peacekeepers, guards), communal militias, nobody
        mob = _mention("Mob violence", 5, inter2)
        _crowd_against_the_state(mob)
        assert mob.sub_event_type == "Mob violence", inter2


def test_the_forces_that_ended_a_siege_are_not_the_gunmens_associates(nlp) -> None:
    text = (
        "Gunmen seize hotel in Sahel capital\n\n"
        "BAMAKO, 21 November 2015 - Gunmen stormed a hotel in the centre of Bamako on Friday morning and shot guests "
        "in the corridors, killing 20 people, the government said.\n\n"
        "Malian soldiers backed by French special forces entered the hotel later that day. Two attackers were "
        "killed in the fighting, officials said.\n"
    )
    found = events(nlp, text, date(2015, 11, 21), accept=False)
    attack = [e for e in found if e.sub_event_type == "Attack"]
    assert attack, seen(found)
    assert not (attack[0].assoc_actor_1 or "").startswith("Military Forces of France"), seen(found)


def test_sahel_jihadist_groups_by_acleds_names() -> None:
    from warlog.extract.actors import find_actors

    def names(sentence: str) -> list[str]:
        return [a.canonical for a in find_actors(sentence)]

    assert names("Al-Qaeda in the Islamic Maghreb said it was behind the raid.")[0] == (
        "AQIM: Al Qaeda in the Islamic Maghreb"
    )
    assert "Al Mourabitoun" in names("The raid was claimed by the Al-Mourabitoun group.")
    assert names("Al-Qaeda in the Arabian Peninsula fighters took the town.")[0] == (
        "AQAP: Al Qaeda in the Arabian Peninsula"
    )
    assert names("MUJAO fighters attacked the town.")[0] == "MUJAO: Movement for Unity and Jihad in West Africa"
    assert names("Al-Qaeda fighters took the town.")[0] == "Al Qaeda"


def test_a_dateline_left_at_the_head_of_the_lead_does_not_date_the_act(nlp) -> None:
    text = (
        "Army confirms 40 soldiers killed in base attack\n"
        "8 March 2022 - (Lake Chad Wire, N'Djamena)\n"
        "Chad's government has confirmed that 40 soldiers were killed when hundreds of fighters attacked a military "
        "base at Bol on Sunday night.\n"
    )
    found = events(nlp, text, date(2022, 3, 8), accept=False)
    clash = [e for e in found if e.event_type == "Battles"]
    assert clash, seen(found)
    assert clash[0].event_date == date(2022, 3, 6), seen(found)
