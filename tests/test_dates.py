"""Date phrases anchored on the publication date: a phrase in, a day and an ACLED time_precision out."""

from __future__ import annotations

from datetime import date

import pytest

from warlog.extract.dates import find_dates, find_timexes, resolve_date, timex_value

TUE = date(2016, 9, 27)  # a report published on a Tuesday
FRI = date(2016, 9, 30)


def _first(text: str, published: date | None) -> tuple[str, date | None, int, bool]:
    """The first date found, as (text, value, precision, relative)."""
    found = find_dates(text, published)
    assert found, f"no date found in {text!r}"
    d = found[0]
    return d.text, d.value, d.precision, d.relative


@pytest.mark.parametrize(
    ("text", "published", "value", "precision"),
    [
        ("Jets struck the town on Tuesday.", TUE, date(2016, 9, 27), 1),  # same day: the report's own Tuesday
        ("Jets struck the town on Tuesday.", FRI, date(2016, 9, 27), 1),
        ("Shelling on Tuesday night killed four.", FRI, date(2016, 9, 27), 1),
        ("Rebels attacked on Monday evening.", TUE, date(2016, 9, 26), 1),
        ("The town was hit on Saturday.", TUE, date(2016, 9, 24), 1),
        ("Clashes erupted last Tuesday.", TUE, date(2016, 9, 20), 1),
        ("Three died yesterday.", TUE, date(2016, 9, 26), 1),
        ("Air raids resumed today.", TUE, date(2016, 9, 27), 1),
        ("A drone struck this morning.", TUE, date(2016, 9, 27), 1),
        ("Fighting broke out last night.", TUE, date(2016, 9, 26), 1),
        ("Shelling continued overnight.", TUE, date(2016, 9, 26), 1),
        ("A bomb went off earlier today.", TUE, date(2016, 9, 27), 1),
        ("Two were killed the previous day.", TUE, date(2016, 9, 26), 1),
        ("The checkpoint fell three days ago.", TUE, date(2016, 9, 24), 1),
        ("The village was retaken last week.", TUE, date(2016, 9, 21), 2),
        ("Protests were held at the weekend.", TUE, date(2016, 9, 24), 2),
        ("Talks stalled over the weekend.", TUE, date(2016, 9, 24), 2),
        ("The siege tightened earlier this month.", TUE, date(2016, 9, 27), 3),
        ("The ceasefire collapsed on September 19.", TUE, date(2016, 9, 19), 1),
        ("The ceasefire collapsed on Sept. 19.", TUE, date(2016, 9, 19), 1),
        ("The ceasefire collapsed on 19 September.", TUE, date(2016, 9, 19), 1),
        ("The ceasefire collapsed on 19 Sep 2016.", TUE, date(2016, 9, 19), 1),
        ("The ceasefire collapsed on September 19, 2016.", TUE, date(2016, 9, 19), 1),
        ("Dated 2016-09-19 in the log.", TUE, date(2016, 9, 19), 1),
        ("The convoy was hit on the 19th of September.", TUE, date(2016, 9, 19), 1),
        ("The raid happened on December 30.", TUE, date(2015, 12, 30), 1),  # no year and later than publication
        ("The town fell in September.", TUE, date(2016, 9, 15), 3),
        ("The town fell in September.", date(2016, 9, 6), date(2016, 9, 6), 3),
        ("The town fell in November.", TUE, date(2015, 11, 15), 3),
        ("The offensive began in March 2015.", TUE, date(2015, 3, 15), 3),
    ],
)
def test_find_dates(text: str, published: date, value: date, precision: int) -> None:
    _, got, prec, _ = _first(text, published)
    assert (got, prec) == (value, precision)


@pytest.mark.parametrize(
    "text",
    [
        "the five-year war",
        "2,000 people were displaced",
        "within 24 hours",
        "the 2011 uprising",
        "they may return",
        "a long march to the border",
        "Resolution 2254 was adopted",
        "an F-16 crashed",
    ],
)
def test_no_false_dates(text: str) -> None:
    assert find_dates(text, TUE) == []


def test_weekday_never_in_the_future() -> None:
    for offset in range(7):
        published = date(2016, 9, 25 + offset) if 25 + offset <= 30 else date(2016, 10, offset - 5)
        for d in find_dates("Strikes on Wednesday and Sunday", published):
            assert d.value is not None and d.value <= published and (published - d.value).days < 7


def test_bare_year_is_month_level_and_absolute() -> None:
    d = find_dates("The group was founded in 2011.", TUE)[0]
    assert (d.text, d.precision, d.relative, d.kind) == ("in 2011", 3, False, "year")


def test_relative_without_publication_date() -> None:
    for text in ("on Tuesday", "yesterday", "last week", "on 19 September"):
        d = find_dates(text, None)[0]
        assert d.value is None and d.relative


def test_absolute_with_year_needs_no_publication_date() -> None:
    assert _first("September 19, 2016", None) == ("September 19, 2016", date(2016, 9, 19), 1, False)


def test_relative_flag() -> None:
    assert _first("on Tuesday", TUE)[3] is True
    assert _first("on 19 Sep 2016", TUE)[3] is False


def test_spans_point_into_the_text() -> None:
    text = "Jets struck Saraqeb on Tuesday and again on Thursday, September 22."
    found = find_dates(text, FRI)
    assert [text[d.start : d.end] for d in found] == ["on Tuesday", "on Thursday, September 22"]
    assert [d.value for d in found] == [date(2016, 9, 27), date(2016, 9, 22)]


@pytest.mark.parametrize(
    ("phrase", "published", "expected"),
    [
        ("Tuesday", TUE, (date(2016, 9, 27), 1)),
        ("last week", TUE, (date(2016, 9, 21), 2)),
        ("19 September", TUE, (date(2016, 9, 19), 1)),
        ("27/09/2016", TUE, (date(2016, 9, 27), 1)),
        ("the 3rd", TUE, None),
        ("2,000", TUE, None),
        ("hello", TUE, None),
    ],
)
def test_resolve_date(phrase: str, published: date, expected: tuple[date, int] | None) -> None:
    assert resolve_date(phrase, published) == expected


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("September 27, 2016", "2016-09-27"),
        ("Tuesday", "2016-09-27"),
        ("yesterday", "2016-09-26"),
        ("last week", "2016-W38"),
        ("this week", "2016-W39"),
        ("September", "2016-09"),
        ("last month", "2016-08"),
        ("2016", "2016"),
        ("last year", "2015"),
        ("now", "PRESENT_REF"),
        ("recently", "PAST_REF"),
        ("five years", "P5Y"),
        ("24 hours", "PT24H"),
        ("three days", "P3D"),
        ("several weeks", "PXW"),
        ("this morning", "2016-09-27TMO"),
        ("this summer", "2016-SU"),
        ("the 1990s", "199"),
        ("banana", None),
    ],
)
def test_timex_value(phrase: str, value: str | None) -> None:
    assert timex_value(phrase, TUE) == value


THU_1989 = date(1989, 11, 2)


@pytest.mark.parametrize(
    ("text", "phrase", "value", "typ"),
    [
        ("Shares fell on Friday.", "Friday", "1989-10-27", "DATE"),  # preposition left out of the extent
        ("The board will meet on Monday.", "Monday", "1989-11-06", "DATE"),  # future sentence: the next Monday
        ("Profit rose in the third quarter.", "the third quarter", "1989-Q3", "DATE"),
        ("Its third-quarter loss widened.", "third-quarter", "1989-Q3", "DATE"),
        ("It earned $5 million a year ago.", "a year ago", "1988", "DATE"),
        (
            "It earned $5 million in the third quarter, up from $4 million a year earlier.",
            "a year earlier",
            "1988-Q3",
            "DATE",
        ),
        ("Sales rose in the past two months.", "the past two months", "P2M", "DURATION"),
        ("Sales rose in the first nine months.", "the first nine months", "P9M", "DURATION"),
        ("Rates are high now.", "now", "PRESENT_REF", "DATE"),
        ("Prices rose recently.", "recently", "PAST_REF", "DATE"),
        ("Talks continue this week.", "this week", "1989-W44", "DATE"),
        ("The vote is due Dec. 15.", "Dec. 15", "1989-12-15", "DATE"),
        ("The plant opened in 1985.", "1985", "1985", "DATE"),
        ("It signed a two-year contract.", "two-year", "P2Y", "DURATION"),
        ("Dividends are paid annually.", "annually", "P1Y", "SET"),
        ("Trading halted at 10:35 a.m. EST Thursday.", "10:35 a.m. EST Thursday", "1989-11-02T10:35", "TIME"),
        ("Workers struck last April.", "last April", "1989-04", "DATE"),
        ("The company was founded in the 1970s.", "the 1970s", "197", "DATE"),
        ("Families will gather on Thanksgiving Day.", "Thanksgiving Day", "1989-11-23", "DATE"),
        ("Families gathered last Thanksgiving.", "last Thanksgiving", "1988-11-24", "DATE"),
    ],
)
def test_find_timexes(text: str, phrase: str, value: str, typ: str) -> None:
    found = {text[s:e]: (v, t) for s, e, v, t in find_timexes(text, THU_1989)}
    assert found.get(phrase) == (value, typ), found


@pytest.mark.parametrize(
    "text", ["They may march on Jan Kavan's office.", "It sold 2,000 shares at $1,990 each.", "Resolution 2254 passed."]
)
def test_find_timexes_leaves_words_alone(text: str) -> None:
    assert find_timexes(text, THU_1989) == []


def test_event_dates_use_the_timex_normaliser() -> None:
    text = "Jets struck on Tuesday, then again on Thursday, September 22."
    timex_days = [v for _, _, v, t in find_timexes(text, FRI) if t == "DATE"]
    event_days = [d.value.isoformat() for d in find_dates(text, FRI) if d.value]
    assert timex_days == event_days == ["2016-09-27", "2016-09-22"]
