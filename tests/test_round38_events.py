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
