"""Round-6 news wording, read by ACLED's codebook definitions (sentences written for these tests, not from any corpus).

Change to group/activity (a group disbands, disarms, joins the army), forced disappearance (taken away and not seen
since), two sides trading fire (a battle), arson against public buildings and vandalism away from any protest
(property destruction), and fights between supporters of rival parties (mob violence, no organised armed side).
"""

from __future__ import annotations

import pytest

from warlog.extract.types import classify_sentence

CASES = [
    ("Change to group/activity", "The hunters' militia said it had disbanded and its members had returned to farming."),
    (
        "Change to group/activity",
        "About 300 fighters of the movement laid down their arms at a ceremony in the capital.",
    ),
    (
        "Change to group/activity",
        "The rebel faction said it was renouncing armed struggle and would contest elections.",
    ),
    (
        "Abduction/forced disappearance",
        "The student has not been seen since plain-clothes agents led him away from a cafe.",
    ),
    (
        "Abduction/forced disappearance",
        "Her whereabouts remain unknown after she was detained by men in uniform on Monday.",
    ),
    ("Armed clash", "Police and a gang traded gunfire for most of the night in the port district."),
    ("Armed clash", "Border guards exchanged shots with smugglers near the river crossing."),
    ("Looting/property destruction", "Gunmen set fire to a polling station hours before voting was due to begin."),
    (
        "Looting/property destruction",
        "Unknown people vandalised a telecom mast and cut its power cables outside the town.",
    ),
    (
        "Government regains territory",
        "Officials said troops had restored government control over the district after the rebels fled.",
    ),
    (
        "Mob violence",
        "Supporters of two rival parties fought with clubs outside the counting centre, injuring nine people.",
    ),
]


@pytest.mark.parametrize(("gold", "sentence"), CASES)
def test_news_r6_sub_type(gold: str, sentence: str) -> None:
    m = classify_sentence(sentence)
    assert m is not None and m.sub_event_type == gold, (sentence, m)


def test_vandalism_at_a_protest_stays_a_violent_demonstration() -> None:
    m = classify_sentence("Protesters vandalised the town hall and blocked the main road over the fuel price rise.")
    assert m is not None and m.sub_event_type == "Violent demonstration"


def test_disbanding_threat_is_no_event() -> None:
    m = classify_sentence("The minister threatened to disband the militia if it did not stop its raids.")
    assert m is None or m.sub_event_type != "Change to group/activity" or m.score < 0.35


def test_news_leads_train_always_and_skip_none(tmp_path) -> None:
    from warlog.train.types import NEWS_GROUP, _in_fold, news_leads

    path = tmp_path / "leads.jsonl"
    path.write_text(
        '{"id": "a", "text": "Rebels and soldiers traded fire near the bridge.", "sub_event_type": "Armed clash",'
        ' "country": "Chad"}\n'
        '{"id": "b", "text": "The finance minister presented the budget.", "sub_event_type": "NONE",'
        ' "country": "Chad"}\n',
        encoding="utf-8",
    )
    got = news_leads(path)
    assert [e.label for e in got] == ["Armed clash"]
    assert got[0].group == NEWS_GROUP + "Chad"
    assert not any(_in_fold(got[0], f) for f in range(5))


@pytest.mark.parametrize(
    ("gold", "sentence"),
    [
        ("Government regains territory", "The army said it had cleared the bandits from the hill villages they held."),
        ("Non-state actor overtakes territory", "Jihadists drove the soldiers out of the border town after a siege."),
        (
            "Remote explosive/landmine/IED",
            "A bomb hidden in a parked cart went off near the cattle market, killing three.",
        ),
    ],
)
def test_news_r6_expelled_and_bomb_went_off(gold: str, sentence: str) -> None:
    m = classify_sentence(sentence)
    assert m is not None and m.sub_event_type == gold, (sentence, m)
