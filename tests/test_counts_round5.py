"""Counts by ACLED's conventions (issue 14, round 5): bounds and ranges, vague words, victims named without a figure,
the verb found past a clause, victims "besides" those already told, and words that look like tolls but are not.
Every sentence here was written for these tests (paraphrases of the kinds of report the issue lists)."""

from __future__ import annotations

import pytest

from warlog.extract.counts import aggregate_period, extract_casualties, is_aggregate_toll


def _killed(sentence: str) -> tuple[int | None, int | None]:
    cas = extract_casualties(sentence)
    return cas.fatalities, cas.fatalities_max


@pytest.mark.parametrize(
    ("sentence", "fatalities", "high"),
    [
        # an upper bound alone is the only figure stated: coded as such, the bound kept as the high end
        ("Up to 64 villagers died when jets bombed the market town on Sunday.", 64, 64),
        ("As many as 40 people may have died in the strike on the depot.", 40, 40),
        # a range: ACLED's lowest credible figure, the high end kept
        ("Between three and seven farmers were reportedly killed by the raiders.", 3, 7),
        ("At least 10 to 15 people were killed in the shelling of the suburb.", 10, 15),
        # vague words (ACLED: "dozens" 12, "several" 10)
        ("Dozens of recruits were killed when the barracks was shelled.", 12, None),
        ("At least a dozen policemen were killed in the ambush on the convoy.", 12, None),
        ("Scores of fighters died in the week-long battle for the ridge.", 20, None),
        ("Several civilians were killed in the bombardment of the old quarter.", 10, None),
        # qualifiers keep the stated figure
        ("More than 20 people were killed in the raid on the camp, medics said.", 20, None),
        ("Nearly 30 herders were killed by gunmen on motorbikes.", 30, None),
        ("The drone strike killed a family of five in their car.", 5, None),
    ],
)
def test_bounds_ranges_and_vague_words(sentence: str, fatalities: int, high: int | None) -> None:
    assert _killed(sentence) == (fatalities, high)


def test_a_person_named_without_a_figure_counts_when_joined_to_one() -> None:
    cas = extract_casualties("Three girls and their grandmother were killed when a rocket hit the farmhouse.")
    assert (cas.fatalities, cas.children, cas.women, cas.civilians) == (4, 3, 1, 4)
    assert (
        extract_casualties("The mine tore through the minibus, killing the driver and six passengers.").fatalities == 7
    )
    assert extract_casualties("Two guards and their commander were killed at the gate.").fatalities == 3
    # two persons named without figures, joined to each other: two victims of the verb
    assert extract_casualties("Gunmen killed the judge and his 15-year-old son outside the court.").fatalities == 2
    assert extract_casualties("The farmer and his wife were killed when the shell hit.").fatalities == 2
    assert extract_casualties("The commander and his deputy fled across the border.").fatalities is None
    # no figure beside it: the singular rule, not an added person
    assert extract_casualties("Her husband was killed in the strike.").fatalities == 1


@pytest.mark.parametrize(
    ("sentence", "fatalities"),
    [
        # a relative clause, a participle phrase, a phrase between dashes, an apposition between commas, a second
        # noun phrase without a figure: the verb after it decides
        ("Four teachers who had been abducted from the school last month were found shot dead.", 4),
        ("Around 12 prisoners who were being moved to the capital have been killed in an attack on the bus.", 12),
        ("Two reporters covering the protest have been shot dead by unknown gunmen.", 2),
        ("Five pupils - two of them brothers - were killed when the shell hit the yard.", 5),
        ("Two cousins, both officials of the local council, were shot dead outside their home.", 2),
        ("Nine army soldiers and allied tribal fighters were reportedly killed in the clashes.", 9),
        ("Gunmen fatally shot the mayor of the town outside the town hall.", 1),
        ("The militants publicly shot to death 14 men in the square.", 14),
        ("The night raid left 6 IS fighters dead, the ministry said.", 6),
        ("The blast left 9 soldiers wounded.", None),
        ("Ten miners are feared dead after the attack on the pit.", 10),
    ],
)
def test_the_verb_past_a_clause(sentence: str, fatalities: int | None) -> None:
    assert extract_casualties(sentence).fatalities == fatalities


def test_the_victims_of_a_relative_clause_are_not_its_subject() -> None:
    # "who killed" is active: the two men are the killers, the policeman the victim
    assert extract_casualties("Two men who killed a policeman at the checkpoint were arrested.").fatalities == 1
    assert extract_casualties("Three men who were arrested on Monday were released on bail.").fatalities is None


@pytest.mark.parametrize(
    ("sentence", "fatalities", "injured"),
    [
        # "other"/"another"/"more" after a group of the same kind: more victims, added
        ("Fighters beheaded six elders and killed at least five other villagers.", 11, None),
        ("Police shot dead a taxi driver and his passenger and killed another three protesters.", 5, None),
        ("One guard was declared dead at the scene and another guard died in hospital.", 2, None),
        # "others" after the dead are besides the dead: not added to the wounded
        ("Three people are dead and four others wounded after the shooting at the market.", 3, 4),
        # a toll that rose already holds the later deaths; another time is another event
        ("The toll rose to 31 after another four people died in hospital.", 31, None),
        ("A judge was shot dead on Friday, two days after gunmen killed another judge in the capital.", 1, None),
        # killed and wounded kept apart; "killed or wounded" does not say how many died
        ("Seven people were killed and 15 wounded in the shelling of the camp.", 7, 15),
        ("Gunmen killed four traders and wounded nine others on the highway.", 4, 9),
        ("Eleven people were killed or wounded in the blast.", None, None),
        ("The strike left 30 people dead or wounded.", None, None),
    ],
)
def test_added_victims_and_killed_against_wounded(sentence: str, fatalities: int | None, injured: int | None) -> None:
    cas = extract_casualties(sentence)
    assert (cas.fatalities, cas.injured) == (fatalities, injured)


@pytest.mark.parametrize(
    ("sentence", "fatalities"),
    [
        ("The clashes that followed led to another death and two wounded.", 1),
        ("The ambush resulted in one death, the army said.", 1),
        ("Residents protested after the governor reported a cholera death in the district.", None),
        ("A death squad abducted two men from the village.", None),
        ("The raiders killed 8 people and 40 goats before burning the huts.", 8),
        ("A student of form four was shot dead at the school gate.", 1),
        ("Gunmen opened fire on the Grade 5 class, killing 3 pupils.", 3),
    ],
)
def test_what_is_and_is_not_a_victim(sentence: str, fatalities: int | None) -> None:
    assert extract_casualties(sentence).fatalities == fatalities


def test_a_hyphenated_war_word_is_not_a_period() -> None:
    assert aggregate_period("Shelling killed 17 people in the war-torn province on Monday.") is None
    assert aggregate_period("Nine soldiers died in the conflict-hit north.") is None
    assert aggregate_period("More than 9,000 people have died in the war so far.") is not None


@pytest.mark.parametrize(
    ("sentence", "fatalities", "injured"),
    [
        # each verb keeps its own object: "wounded at least 90" does not make the 35 wounded
        ("Troops had killed at least 35 protesters, wounded at least 90, and detained 300 in the crackdown.", 35, 90),
        ("Raiders torched the hamlet, leaving 14 dead and injuring dozens more.", 14, 12),
        # an adverb, a second verb, "including" without its closing comma
        ("Sixty villagers were brutally killed by the militia, the governor said.", 60, None),
        ("Four travellers have been waylaid and killed by bandits on the road south.", 4, None),
        ("At least 9 people, including two nurses have been killed in the attack on the clinic.", 9, None),
        # killing words without "killed"
        ("Three suspected thieves were lynched by a crowd at the market.", 3, None),
        ("Attackers hacked down 11 farmers in their fields.", 11, None),
        ("Two of the abducted men were found strangled near the river.", 2, None),
        # a toll phrase with a long tail before its figure
        (
            "The death toll from a bombing late on Friday by militants on a crowded tea shop in the northern market "
            "town has climbed to 17, police said.",
            17,
            None,
        ),
        # "fatally" is not one more adverb: the victims died
        ("Six fishermen were fatally shot by pirates who boarded their boat.", 6, None),
    ],
)
def test_verbs_adverbs_and_toll_phrases(sentence: str, fatalities: int | None, injured: int | None) -> None:
    cas = extract_casualties(sentence)
    assert cas.fatalities == fatalities
    if injured is not None:
        assert cas.injured == injured


@pytest.mark.parametrize(
    "sentence",
    [
        # "total" summing one happening's dead is the event's toll
        "A total of eleven villagers were killed and six others wounded in the attack on the market.",
        # the war word as a modifier is not the war's toll
        "Rebels killed a pastor in the crisis torn north of the country.",
        "Gunmen killed three party members at a campaign rally in the delta.",
        "Nine aid workers were killed in the war zone on Monday.",
        # a rank among other killings does not make the figure a period's
        "A radio reporter was shot dead on Friday, the sixth journalist killed in the country this year.",
    ],
)
def test_event_tolls_are_not_claims(sentence: str) -> None:
    assert not is_aggregate_toll(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "A total of 420 people have been killed across the country, the ministry said.",
        "Altogether 75 fighters were killed in several provinces.",
        "The cumulative toll passed 2,000 dead.",
        "Overall, 58 soldiers were killed.",
        "A total of 31 militants were killed in separate operations near the two cities, media reported on Monday.",
    ],
)
def test_totals_over_many_places_or_no_happening_stay_claims(sentence: str) -> None:
    assert is_aggregate_toll(sentence)


@pytest.mark.parametrize(
    ("sentence", "fatalities"),
    [
        # the one who shoots is not a victim, and "another" after him is not an added victim
        ("On Monday a militiaman shot and killed another militiaman after a quarrel at the checkpoint.", 1),
        ("One guard shot dead 3 other guards before fleeing the base.", 3),
        # a person in apposition after a comma is the same victim, not one more
        ("Unknown gunmen shot and killed 1 fighter, the brother of a local commander, near the mill.", 1),
        ("Shelling killed 2 civilians, the son and nephew of the village head.", 2),
    ],
)
def test_shooters_and_appositions_are_not_more_victims(sentence: str, fatalities: int) -> None:
    assert extract_casualties(sentence).fatalities == fatalities


@pytest.mark.parametrize(
    ("sentence", "fatalities"),
    [
        # ACLED codes a toll known only to be plural as 10
        ("Artillery hit the rebel trenches, killing an unspecified number of fighters.", 10),
        ("The drone strike killed an unknown number of militants near the dam.", 10),
        # "both" is two, on its own; an apposition "both ..." after a figure is the same people
        ("Two masked men attacked a couple at the bus stop. Both victims died at the scene.", 2),
        ("Both of the wounded guards later died in hospital.", 2),
        ("Two nephews, both students at the college, were shot dead at the gate.", 2),
        # "as well as" joins a person to a figure like "and"
        ("The gunman opened fire at home, killing his four children as well as his wife.", 5),
        ("Militants killed six soldiers as well as their interpreter in the ambush.", 7),
    ],
)
def test_plural_unknowns_both_and_as_well_as(sentence: str, fatalities: int | None) -> None:
    assert extract_casualties(sentence).fatalities == fatalities


@pytest.mark.parametrize(
    ("sentence", "fatalities", "injured"),
    [
        ("Seven passengers sustained various degrees of injuries in the crash after the ambush.", None, 7),
        ("Militants shot dead a vaccinator and wounded another near the clinic.", 1, 1),
        # "also" after a group of the same kind: more victims
        ("At least 12 guards were killed and 30 wounded, and nine passers-by were also hurt.", 12, 39),
        ("The shell killed 4 soldiers; 2 shepherds were also killed nearby.", 6, None),
    ],
)
def test_injured_kept_apart_and_added(sentence: str, fatalities: int | None, injured: int | None) -> None:
    cas = extract_casualties(sentence)
    assert (cas.fatalities, cas.injured) == (fatalities, injured)


@pytest.mark.parametrize(
    ("sentence", "fatalities"),
    [
        # prepositional phrases chained before the verb, with an "including" list
        ("Eight members of one family, including two women and four children, were killed by gunmen.", 8),
        ("At least 25 herders in the grazing camp near the river of the border district were feared killed.", 25),
        # but not a clause of its own: the wounding is the gunman's
        (
            "A gunman killed at least 9 worshippers on Sunday in an attack on a chapel near the port "
            "before he was wounded.",
            9,
        ),
        # the set of a partitive is not the victims
        ("One of the four engineers of the firm, who was kidnapped in May, was killed.", 1),
        ("Two of the five soldiers were killed.", 2),
        ("A massacre of 14 villagers took place near the border, a rights group said.", 14),
        ("Gunmen killed a village head in the district, a resident said.", 1),
    ],
)
def test_long_subjects_partitives_and_more_killing_words(sentence: str, fatalities: int) -> None:
    assert extract_casualties(sentence).fatalities == fatalities
