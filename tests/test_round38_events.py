"""Round 38 (issue 14): one victim told by two fates or by name is one dead; an abduction that kills is an attack
(ACLED's codebook); deaths told in a peaceful protest's own sentence make it excessive force."""

from __future__ import annotations


def test_one_victim_with_two_fates_or_a_name_is_one_dead() -> None:
    from warlog.extract.counts import extract_casualties

    def dead(s: str) -> int | None:
        return extract_casualties(s).fatalities

    assert dead("The provincial governor was abducted and killed in the town centre on Wednesday.") == 1
    assert dead("A retired nurse was kidnapped from her home near the market and found shot dead the next day.") == 1
    assert dead("The headman was captured by the fighters and later executed.") == 1
    assert dead("Two gunmen shot dead Omar al-Rawi, a local councillor, outside the mosque.") == 1
    # no death told: none counted
    assert dead("A journalist was kidnapped on Monday and released unharmed on Friday.") is None
    assert dead("The village was attacked and burned by armed men.") is None
    assert dead("Soldiers killed Ansar Dine fighters near the river.") is None  # a group, not one person


def test_an_abduction_with_a_death_is_an_attack() -> None:
    from datetime import date

    from warlog.extract.nlp import load_nlp
    from warlog.extract.run import extract_reports
    from warlog.model import Report

    text = (
        "TORIT, 12 March 2024 - A village chief was abducted from his home in Torit by unidentified gunmen on "
        "Monday and found shot dead the next morning, local officials said.\n\n"
        "In a separate incident, a teacher was kidnapped on the road to Kapoeta on Sunday; his family said he "
        "had not been heard from since."
    )
    report = Report(id="r38-abduction", text=text, published=date(2024, 3, 12))
    (ex,) = extract_reports([report], nlp=load_nlp(), accept=False)
    subs = {(m.sub_event_type, m.fatalities) for m in ex.mentions}
    assert ("Attack", 1) in subs  # abducted and found dead: fatalities during the abduction (ACLED)
    assert ("Abduction/forced disappearance", 0) in subs or any(
        m.sub_event_type == "Abduction/forced disappearance" and not m.fatalities for m in ex.mentions
    )


def test_deaths_told_in_a_peaceful_protests_own_sentence_make_it_excessive_force() -> None:
    from warlog.extract.frames import _peaceful_has_no_dead
    from warlog.model import Evidence, Mention

    def coded(sentence: str, dead: int) -> tuple[str, int]:
        m = Mention(
            report_id="r38", event_type="Protests", sub_event_type="Peaceful protest", fatalities=dead,
            evidence=[Evidence(text=sentence, start=0, end=len(sentence))],
        )  # fmt: skip
        _peaceful_has_no_dead(m)
        return m.sub_event_type, m.fatalities

    # the protest's own sentence tells of protesters dead: lethal force against a peaceful protest
    assert coded("Doctors said six protesters died of gunshot wounds at the sit-in outside the ministry.", 6) == (
        "Excessive force against protesters",
        6,
    )
    # deaths that are the protest's cause, its mourning, or another event's: no toll of the protest
    for sentence in (
        "Thousands marched to protest the killing of five farmers by soldiers last week.",
        "Hundreds gathered with pictures of the teacher killed in the air strike on Sunday.",
        "Mourners at the funerals of the 12 victims chanted against the government.",
    ):
        assert coded(sentence, 5) == ("Peaceful protest", 0), sentence


def test_a_doer_dead_besides_the_toll_is_counted_once() -> None:
    from warlog.extract.counts import extract_casualties

    def dead(s: str) -> int | None:
        return extract_casualties(s).fatalities

    assert dead("Police said 14 people were killed, in addition to the attacker, who died at the scene.") == 15
    assert dead("An army officer gave a toll of nine and said the bomber was also killed.") == 10
    # the toll already holds the doer, or sums the dead: nothing added
    assert dead("The explosion killed 12 people, including the bomber.") == 12
    assert dead("The driver also died in the blast, bringing the total number of dead to 18.") == 18
    assert dead("Seven people were killed and the attacker was arrested.") == 7


def test_a_bomb_whose_doer_died_in_its_blast_is_a_suicide_bomb() -> None:
    from warlog.extract.frames import _bomber_died_in_the_blast
    from warlog.model import Evidence, Mention

    def coded(sentence: str) -> str | None:
        m = Mention(
            report_id="r38", event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED",
            evidence=[Evidence(text=sentence, start=0, end=len(sentence))],
        )  # fmt: skip
        _bomber_died_in_the_blast(m)
        return m.sub_event_type

    assert coded("Officials said 14 people were killed, in addition to the attacker, who died at the scene.") == (
        "Suicide bomb"
    )
    assert coded("The bomber was also killed in the explosion, the governor said.") == "Suicide bomb"
    # a driver or a passer-by killed by a roadside bomb is its victim, not its carrier
    assert coded("The driver was killed in the blast and two passengers were wounded.") == (
        "Remote explosive/landmine/IED"
    )
    assert coded("The attacker who planted the device was arrested two days later.") == "Remote explosive/landmine/IED"
