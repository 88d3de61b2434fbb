"""Publication dates: from a dateline at the top of a report, or from a metadata string."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from warlog.dateparsing import parse_date

DATELINE_WINDOW = 200
MIN_YEAR = 1900

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5,
    "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

# Order matters only for ties at the same position; the earliest match in the window wins.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)-(?P<month>[01]?\d)-(?P<day>[0-3]?\d)(?!\d)")),
    # 05 Apr 2017, 6 October 2016, 12th of March, 2016
    ("dmy", re.compile(rf"(?<![\w]){_DAY}(?:\s+of)?\s+{_MONTH},?\s+{_YEAR}(?!\d)", re.I)),
    # April 5, 2017; Sep 27 2013; Apr 232017 (missing space, seen in scraped text)
    ("mdy", re.compile(rf"(?<![\w]){_MONTH}\s+{_DAY},?\s*{_YEAR}(?!\d)", re.I)),
    # 24.08.2013, 09-07-2016: dotted and dashed year-last dates are day-first by convention (US writes slashes)
    (
        "dotted",
        re.compile(r"(?<![\d.-])(?P<day>[0-3]?\d)(?P<sep>[.-])(?P<month>[01]?\d)(?P=sep)(?P<year>(?:19|20)\d\d)(?!\d)"),
    ),
    # 05/04/2017: only when one reading is impossible
    ("slash", re.compile(r"(?<![\d/])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<year>(?:19|20)\d\d)(?![\d/])")),
)


def _valid(year: int, month: int, day: int) -> date | None:
    """A real calendar date that is not in the future, or None."""
    try:
        d = date(year, month, day)
    except ValueError:
        return None
    if d.year < MIN_YEAR or d > date.today() + timedelta(days=1):
        return None
    return d


def _from_match(kind: str, m: re.Match[str]) -> date | None:
    """Turn one regex match into a date, refusing ambiguous numeric forms."""
    g = m.groupdict()
    year = int(g["year"])
    if kind in ("dmy", "mdy"):
        return _valid(year, _MONTHS[g["month"].lower()], int(g["day"]))
    if kind in ("iso", "dotted"):
        return _valid(year, int(g["month"]), int(g["day"]))
    a, b = int(g["a"]), int(g["b"])
    if a == b:
        return _valid(year, a, b)
    if a > 12 >= b:
        return _valid(year, b, a)
    if b > 12 >= a:
        return _valid(year, a, b)
    return None  # 05/04/2017: April or May? Not ours to guess.


def find_dateline_date(text: str, window: int = DATELINE_WINDOW) -> date | None:
    """Publication date from a dateline near the start of a report ("Wed 05 Apr 2017 ...", "April 5, 2017 -").

    Only the first `window` characters are read; a dateline without a year ("ALEPPO, Sept 27 (Reuters)") or an
    ambiguous numeric date gives None. Never falls back to today.
    """
    head = text[:window]
    found: list[tuple[int, date]] = []
    for kind, pattern in _PATTERNS:
        found += [(m.start(), d) for m in pattern.finditer(head) if (d := _from_match(kind, m)) is not None]
    if not found:
        return None
    # a date in the headline is its subject's ("Casualty assessment: the attack of 12 October 2016") when a line
    # below it carries one (the outlet's line: "Civilian Harm Observatory - 12 December 2016")
    title_end = head.find("\n")
    below = [f for f in found if title_end >= 0 and f[0] > title_end]
    if below and any(at < title_end for at, _ in found):
        found = below
    return min(found)[1]


def parse_date_value(value: object, *, month_first: bool = True) -> date | None:
    """A date from a metadata value (date, datetime, ISO string, "4/16/2017", "16 April 2017", epoch-free text).

    Numeric slash dates are read month-first (US corpora such as FA-KES) unless only day-first is possible.
    Strings without a four-digit year ("yesterday", "2 days ago") are refused so nothing is anchored on today.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    s = str(value).strip()
    if not s or not re.search(r"(?:19|20)\d\d", s):
        return None
    m = re.fullmatch(r"((?:19|20)\d\d)-(\d{1,2})-(\d{1,2})(?:[T ].*)?", s)
    if m:
        return _valid(int(m[1]), int(m[2]), int(m[3]))
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)(?:[T ,].*)?", s)
    if m:
        a, b, year = int(m[1]), int(m[2]), int(m[3])
        first = _valid(year, a, b) if month_first else _valid(year, b, a)
        return first or (_valid(year, b, a) if month_first else _valid(year, a, b))
    found = find_dateline_date(s, window=len(s))
    if found:
        return found
    return _dateparser(s)


def _dateparser(s: str) -> date | None:
    """Last resort: dateparser, English only, requiring day, month and year to be written."""
    parsed = parse_date(s, require_full=True)
    return _valid(parsed.year, parsed.month, parsed.day) if parsed else None
