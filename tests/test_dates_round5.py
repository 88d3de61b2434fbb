"""Event dates by ACLED's conventions (issue 14, round 5): a clock time before a written date, ranges of days, one
night told by its two days, "last week", the early hours of a day, weekdays against a publication weeks later. The
sentences were written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from warlog.extract.dates import find_dates
from warlog.extract.frames import _event_date, extract_report
from warlog.model import Report


def _dates(text: str, published: date) -> list[tuple[date | None, int]]:
    return [(d.value, d.precision) for d in find_dates(text, published)]


def _day(sentence: str, published: date) -> tuple[date | None, int, bool]:
    return _event_date(find_dates(sentence, published), published, 0, 0, None, sentence)


@pytest.mark.parametrize("published", [date(2023, 10, 21), date(2023, 11, 28)])
def test_a_clock_time_before_a_written_date_is_not_the_publication_day(published: date) -> None:
    sentence = "Shortly after 9:40 AM on Thursday, October 19th 2023, a drone hit a fuel truck, killing 6 drivers."
    assert _dates(sentence, published) == [(date(2023, 10, 19), 1)]
    assert _day(sentence, published) == (date(2023, 10, 19), 1, True)


def test_a_weekday_beside_a_date_follows_the_date_even_when_published_weeks_later() -> None:
    published = date(2023, 12, 4)  # seven weeks after the event
    assert _dates("On Tuesday, 17 October, rockets hit the depot.", published) == [(date(2023, 10, 17), 1)]
    assert _dates("On Tuesday October 17 rockets hit the depot.", published) == [(date(2023, 10, 17), 1)]
    # a weekday alone is the latest such day on or before publication, never a later one
    [(value, precision)] = _dates("On Tuesday, rockets hit the depot.", published)
    assert value == date(2023, 11, 28) and precision == 1


@pytest.mark.parametrize(
    "phrase",
    [
        "between 12 and 14 October",
        "from 12 to 14 October",
        "12-14 October",
        "October 12 to 14",
        "between October 12 and 14",
    ],
)
def test_a_range_of_days_is_its_middle_day_within_a_week(phrase: str) -> None:
    # ACLED's week rule (precision 2, the middle of the stretch), as for "last week"
    assert _dates(f"Fighting {phrase} left 30 fighters dead.", date(2016, 10, 20)) == [(date(2016, 10, 13), 2)]


@pytest.mark.parametrize(
    ("sentence", "published"),
    [
        ("Shelling overnight Tuesday into Wednesday killed four civilians.", date(2016, 5, 5)),  # a Thursday
        ("Shelling overnight Tuesday into Wednesday killed four civilians.", date(2016, 5, 4)),  # the Wednesday
        ("On the night of Tuesday to Wednesday, shelling killed four civilians.", date(2016, 5, 6)),
        ("During the night between Tuesday and Wednesday, shelling killed four civilians.", date(2016, 5, 6)),
    ],
)
def test_one_night_told_by_its_two_days_is_the_day_it_began(sentence: str, published: date) -> None:
    assert _dates(sentence, published) == [(date(2016, 5, 3), 1)]  # Tuesday 3 May 2016


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        ("Last week, gunmen killed four farmers near the well.", date(2016, 5, 5), (date(2016, 4, 27), 2)),
        ("On the night of 3 October gunmen killed four farmers.", date(2016, 10, 9), (date(2016, 10, 3), 1)),
        ("In the early hours of Sunday a drone struck a car.", date(2016, 6, 7), (date(2016, 6, 5), 1)),
        ("Early on Sunday morning a drone struck a car.", date(2016, 6, 7), (date(2016, 6, 5), 1)),
        ("Late on Thursday night a drone struck a car.", date(2016, 6, 7), (date(2016, 6, 2), 1)),
    ],
)
def test_parts_of_days_and_weeks(sentence: str, published: date, expected: tuple[date, int]) -> None:
    assert _dates(sentence, published) == [expected]


def test_the_report_dates_the_event_by_the_written_date_and_keeps_the_range_of_the_toll(nlp) -> None:
    text = (
        "Shortly before 12:10 PM on Thursday, October 19th 2023, between four and nine civilians were killed when "
        "an air strike hit a bakery in the town of Maarat al-Numan in Idlib province."
    )
    ex = extract_report(Report(text=text, title="", published=date(2023, 11, 25)), nlp)
    [mention] = ex.mentions
    assert (mention.event_date, mention.time_precision) == (date(2023, 10, 19), 1)
    assert (mention.fatalities, mention.fatalities_max) == (4, 9)


def test_a_night_across_two_days_dates_the_report_on_the_first(nlp) -> None:
    text = (
        "Shelling overnight Tuesday into Wednesday killed four civilians in the town of Atarib in Aleppo province, "
        "the Syrian Observatory for Human Rights said on Wednesday."
    )
    ex = extract_report(Report(text=text, title="", published=date(2016, 5, 5)), nlp)
    assert [(m.event_date, m.time_precision, m.fatalities) for m in ex.mentions] == [(date(2016, 5, 3), 1, 4)]


def test_the_outlets_own_figure_stays_and_a_second_source_gives_the_high_end(nlp) -> None:
    text = (
        "Government jets struck the vegetable market in Douma on Sunday, killing 19 people, local medics said. "
        "The Syrian Observatory for Human Rights later said 27 people had died in the strikes."
    )
    ex = extract_report(Report(text=text, title="", published=date(2017, 3, 6)), nlp)
    [mention] = ex.mentions
    assert (mention.event_date, mention.fatalities, mention.fatalities_max) == (date(2017, 3, 5), 19, 27)
