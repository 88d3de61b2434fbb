"""Casualty figures, number parsing and aggregate tolls: one sentence in, fields out."""

from __future__ import annotations

import pytest

from warlog.eval.counts import report_casualties
from warlog.extract.counts import (
    aggregate_period,
    extract_casualties,
    is_aggregate_toll,
    split_sentences,
)
from warlog.extract.numbers import find_numbers, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,200", 1200),
        ("24", 24),
        ("twenty-four", 24),
        ("one hundred and twelve", 112),
        ("a dozen", 12),
        ("dozens", 12),
        ("scores", 20),
        ("tens", 10),
        ("several", 10),
        ("hundreds", 100),
        ("thousands", 1000),
        ("a few", 3),
        ("1.5 million", 1_500_000),
        ("two million", 2_000_000),
        ("one", 1),
        ("a", 1),
        ("an", 1),
        ("at least 24", 24),
        ("more than 100", 100),
        ("hello", None),
        ("", None),
        ("2.5", None),
    ],
)
def test_parse_number(text: str, value: int | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("two women and two children", [("two", 2), ("two", 2)]),
        ("at least 24 dead", [("at least 24", 24)]),
        ("more than 100 people", [("more than 100", 100)]),
        ("nearly 30, up to 12 and some 40", [("nearly 30", 30), ("up to 12", 12), ("some 40", 40)]),
        ("seven dead and forty-two hurt", [("seven", 7), ("forty-two", 42)]),
        ("dozens of families", [("dozens of", 12)]),
        ("F-16 jets and a Su-24", []),
        ("the 3rd brigade", []),
        ("the first responders", []),
    ],
)
def test_find_numbers(text: str, expected: list[tuple[str, int]]) -> None:
    assert [(text[s:e], v) for s, e, v in find_numbers(text)] == expected


def test_find_numbers_articles_only_on_request() -> None:
    assert find_numbers("a boy died") == []
    assert find_numbers("a boy died", articles=True) == [(0, 1, 1)]


@pytest.mark.parametrize(
    ("sentence", "fatalities", "injured"),
    [
        ("Jets hit the market, killing 24 civilians, including 15 people from one family.", 24, None),
        ("Two women and two children were killed when a shell struck their house.", 4, None),
        ("At least 12 people were killed and 30 wounded in the bombing.", 12, 30),
        ("The death toll rose to 112 on Thursday.", 112, None),
        ("The death toll climbed to 112, medics said.", 112, None),
        ("The car bomb left 7 dead.", 7, None),
        ("7 dead in shelling of Douma", 7, None),
        ("Seven killed in strike on Idlib", 7, None),
        ("Warplanes killed 7 fighters near Hama.", 7, None),
        ("The blast claimed the lives of 9 people.", 9, None),
        ("Nine people lost their lives in the raid.", 9, None),
        ("Volunteers said 9 bodies were recovered from the rubble.", 9, None),
        ("5 killed and 20 wounded in Aleppo", 5, 20),
        ("Artillery hit the town, killing 3 and wounding 11.", 3, 11),
        ("The mortar killed a soldier and wounded two civilians.", 1, 2),
        ("A child was killed and three others were injured.", 1, 3),
        ("Two gunmen killed 5 people at a checkpoint.", 5, None),
        ("40 ISIS militants were killed in the operation.", 40, None),
        ("Five people, including a child, were killed.", 5, None),
        ("Ahmad Khalil, 24, was shot dead at his door.", 1, None),
        ("A 31-year-old man was wounded by sniper fire.", None, 1),
        ("The bodies of 14 men were found near the river.", 14, None),
        ("Shelling killed his three sons.", 3, None),
        ("More than 20 people were wounded in the blast.", None, 20),
        ("The strike injured 8 and killed 2.", 2, 8),
        ("A further 6 people died of their wounds in hospital.", 6, None),
        ("Fighting left 3 soldiers dead and 7 injured.", 3, 7),
        ("Gunmen shot dead the commander of the brigade.", 1, None),
        ("Gunmen shot and killed an air force intelligence member.", 1, None),
        ("The body of a fighter was found by the road.", 1, None),
        ("Unknown attackers shot a policeman near the bakery.", None, 1),
    ],
)
def test_killed_and_injured(sentence: str, fatalities: int | None, injured: int | None) -> None:
    cas = extract_casualties(sentence)
    assert (cas.fatalities, cas.injured) == (fatalities, injured)


@pytest.mark.parametrize(
    "sentence",
    [
        "Helicopters dropped 2 barrel bombs on the town.",
        "The coalition carried out 40 air strikes in 24 hours.",
        "The front line moved 100 km in 3 days.",
        "The 2011 uprising began in Deraa.",
        "Rebels fired 12 rockets and 3 mortar shells at the base.",
        "The attack caused 30 casualties.",
        "More than 100 people were killed or wounded.",
        "About 2,000 people fled the village.",
        "Talks resumed on 19 September in Geneva.",
        "The convoy of 30 trucks reached Madaya at 3 pm.",
    ],
)
def test_not_a_toll(sentence: str) -> None:
    cas = extract_casualties(sentence)
    assert cas.fatalities is None and cas.injured is None


@pytest.mark.parametrize(
    ("sentence", "fatalities", "injured"),
    [
        ("There were no casualties, the ministry said.", 0, 0),
        ("No one was hurt in the explosion.", 0, 0),
        ("Nobody was killed in the raid.", 0, None),
        ("There were no immediate reports of casualties.", 0, 0),
        ("The shell landed in a field without causing casualties.", 0, 0),
    ],
)
def test_explicit_zero(sentence: str, fatalities: int, injured: int | None) -> None:
    cas = extract_casualties(sentence)
    assert (cas.fatalities, cas.injured) == (fatalities, injured)


@pytest.mark.parametrize(
    ("sentence", "fields"),
    [
        ("Two women and two children were killed in Saqba.", {"women": 2, "children": 2, "civilians": 4}),
        ("The raid killed 10 people, including 6 children and 3 women.", {"children": 6, "women": 3}),
        ("The strike killed 10 people, six of them children.", {"children": 6}),
        ("At least 3 people were killed, all of them civilians.", {"civilians": 3}),
        ("Shelling killed 24 civilians, including 15 members of one family.", {"civilians": 24, "children": None}),
        ("Barrel bombs killed 12 soldiers.", {"civilians": None, "children": None, "women": None}),
    ],
)
def test_victim_groups(sentence: str, fields: dict[str, int | None]) -> None:
    cas = extract_casualties(sentence)
    assert {k: getattr(cas, k) for k in fields} == fields


def test_subset_is_never_added() -> None:
    cas = extract_casualties("The shelling killed 8 people, including 5 children.")
    assert cas.fatalities == 8 and cas.children == 5


def test_two_sources_take_the_lowest_credible_with_the_range() -> None:
    # ACLED: the lowest credible figure is coded, the higher account kept as the range (round 18; was the larger)
    cas = extract_casualties("The Observatory said 15 people were killed, while activists said 22 died.")
    assert (cas.fatalities, cas.fatalities_max) == (15, 22)


def test_vague_and_spans() -> None:
    sentence = "Dozens of civilians were killed in the shelling."
    cas = extract_casualties(sentence)
    assert cas.fatalities == 12 and cas.vague
    assert [sentence[s:e] for s, e in cas.spans] == ["Dozens of"]


def test_spans_cover_each_group_member() -> None:
    sentence = "Three soldiers and two civilians were killed."
    cas = extract_casualties(sentence)
    assert cas.fatalities == 5
    assert [sentence[s:e] for s, e in cas.spans] == ["Three", "two"]


@pytest.mark.parametrize(
    ("sentence", "period"),
    [
        ("More than 400 civilians have been killed since 19 September.", "since 19 September"),
        ("The war has killed 400,000 people since the start of the war.", "since the start of the war"),
        ("Some 2,000 people have died in the past five years.", "in the past five years"),
        ("Air strikes killed 90 people over the past week.", "over the past week"),
        ("Since the beginning of the offensive, 300 civilians have died.", "Since the beginning of the offensive"),
        ("Roadside bombs have killed 50 soldiers this year.", "this year"),
        ("So far this month, 45 people were killed.", "So far this month"),
        ("The group says 1,200 fighters died in 2016.", "in 2016"),
        ("Half a million people were killed during the five-year conflict.", "during the five-year conflict"),
    ],
)
def test_aggregate_period(sentence: str, period: str) -> None:
    assert aggregate_period(sentence) == period
    assert is_aggregate_toll(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Air strikes on Tuesday killed 12 people in Saraqeb.",
        "Five soldiers were killed in the attack.",
        "A day after the bombing, 3 more bodies were found.",
        "Earlier this year, a car bomb killed 9 people in Azaz.",
    ],
)
def test_single_events_are_not_aggregates(sentence: str) -> None:
    assert aggregate_period(sentence) is None
    assert not is_aggregate_toll(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "A total of 340 people have been killed in the province, the monitor said.",
        "Overall, 58 fighters were killed.",
        "The cumulative toll reached 1,000 dead.",
    ],
)
def test_aggregate_words(sentence: str) -> None:
    assert is_aggregate_toll(sentence)


def test_aggregate_needs_a_figure() -> None:
    assert not is_aggregate_toll("The siege has lasted since the start of the war.")


@pytest.mark.parametrize(
    ("sentence", "fatalities", "injured"),
    [
        ("Six suspected highway robbers were killed on Tuesday.", 6, None),  # phrase ends before the verb
        ("Thirteen civilians including two children were killed in the strike.", 13, None),
        ("Six people, including two aides of the governor, Ali Musa, were killed by gunmen.", 6, None),
        ("At least five civilians from the same family were killed and six others injured.", 5, 6),
        ("Two women were fatally shot on Sunday.", 2, None),
        ("He was accused of fatally shooting a police officer.", 1, None),
        ("Rebels hacked to death at least nine villagers.", 9, None),
        ("Gunmen hacked five farmers to death overnight.", 5, None),
        ("Seven people were kidnapped and killed by militants.", 7, None),
        ("Militants shot dead a village chief.", 1, None),
        ("Police say a man shot near the market has died.", 1, None),
        ("The gunman then turned the gun on himself.", 1, None),
        ("Police are investigating an apparent murder-suicide.", 2, None),
        ("Deputies found a home where a man was shot during a standoff.", None, 1),
        ("The woman was shot in the neck and the man was shot in the back.", None, 2),
        ("Two men who shot at a passing car fled on foot.", None, None),
        ("A young mother of three is dead after the attack.", 1, None),
        ("Two children under the age of 12 were killed.", 2, None),
    ],
)
def test_extractor_improvements(sentence: str, fatalities: int | None, injured: int | None) -> None:
    cas = extract_casualties(sentence)
    assert (cas.fatalities, cas.injured) == (fatalities, injured)


def test_month_of_a_single_attack_is_not_a_period_toll() -> None:
    assert not is_aggregate_toll("Soldiers killed 76 civilians during clashes in the capital in July 2016.")
    assert is_aggregate_toll("In 2016, 300 civilians were killed in the province.")
    assert is_aggregate_toll("At least 555 children were killed in shootings since the 2012 rampage.")


@pytest.mark.parametrize(
    ("sentences", "killed", "injured"),
    [
        (["A man was shot on Elm Street on Monday.", "He died at a hospital."], 1, 0),  # the shot victim died
        (["Three people were shot outside a bar.", "One of them died later."], 1, 2),
        (["Police are investigating a double shooting.", "One man was shot in the back."], None, 2),
        (["The victim was shot dead at the gate, police said.", "The guard was also killed."], 2, None),
        (["Five people were killed in the blast.", "The war has killed 300,000 people since 2011."], 5, None),
        (["Two people were killed on Friday.", "The death toll rose to four on Saturday."], 4, None),
    ],
)
def test_report_casualties(sentences: list[str], killed: int, injured: int | None) -> None:
    cas = report_casualties(sentences)
    assert (cas.fatalities, cas.injured) == (killed, injured)


def test_split_sentences_keeps_abbreviations() -> None:
    text = "Mr. Smith was shot at 10 p.m. on Elm St. in Dayton. He died.\n\nPolice said nothing | Local News"
    assert split_sentences(text) == [
        "Mr. Smith was shot at 10 p.m. on Elm St. in Dayton.",
        "He died.",
        "Police said nothing",
        "Local News",
    ]


def test_huge_numbers_are_not_counts() -> None:
    assert parse_number("1" * 400) is None
    assert extract_casualties("Shelling killed " + "9" * 20 + " people in Aleppo on Monday.").fatalities is None
    assert extract_casualties("Shelling killed 3,000,000,000 people in Aleppo.").fatalities is None


def test_date_fragments_are_not_counts():
    cas = extract_casualties("Updated Apr 092017 At least 15 civilians were killed in a strike")
    assert cas.fatalities == 15


@pytest.mark.parametrize(
    ("sentence", "period"),
    [
        ("Over 9,000 civilians have died in the region since April 2023, a monitor said.", "since April 2023"),
        ("Two hundred people have been killed since June 4, 2024, medics said.", "since June 4, 2024"),
        ("Sixty were killed since May 2nd.", "since May 2nd"),
    ],
)
def test_a_month_and_year_period_keeps_its_year(sentence: str, period: str) -> None:
    assert aggregate_period(sentence) == period  # "since April 2023" was cut to "since April 20"
