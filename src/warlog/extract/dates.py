"""Date expressions in news sentences, anchored on the publication date.

One normaliser serves both uses: `find_timexes` finds TIMEX3 expressions (dates, times, durations, sets, "now")
with TempEval-3 values (see the TIMEX3 section below), and `find_dates` turns the dated ones into event-date
mentions with an ACLED precision, reading the same expressions in "past only" mode (reports tell what happened).

Event-date conventions used here (ACLED time_precision: 1 day, 2 week/approximate, 3 month):
- a weekday ("on Tuesday", "Tuesday night") is the latest such day on or before publication, never the future
  ("last Tuesday" is strictly before; "next Tuesday" is the first one after);
- "yesterday", "last night", "overnight", "the previous day", "the day before" = published - 1; "today",
  "this morning", "earlier today", "tonight" = published; "N days ago" = published - N (all precision 1);
- "last week" = Wednesday of the previous ISO week, "earlier this week"/"this week" = Wednesday of the current
  week capped at publication, "at/over the weekend" = latest Saturday on or before publication (precision 2);
- "this month"/"earlier this month" = published day, "last month" = 15th of the previous month, a month
  without a day ("in September", "September 2016") = the 15th, or the published day when that is the same month
  and earlier than the 15th (precision 3);
- a day and month without year takes the publication year, or the previous year if that would be after
  publication; without a publication date such dates and all relative ones get value None;
- a bare year counts only after "in/during/since/until/by/of" and gets kind "year", precision 3 (keep it out of
  event dating); "the 2011 uprising", "the five-year war", "24 hours", "2,000 people" give no date.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from warlog.dateparsing import parse_date
from warlog.extract.literals import literals_in, may_match, meets_all, required_clauses, required_literals

_MONTHS: dict[str, int] = {}
for _i, _name in enumerate(calendar.month_name):
    if _i:
        _MONTHS[_name.lower()] = _i
        _MONTHS[_name[:3].lower()] = _i
_MONTHS["sept"] = 9

_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)(?![a-z])"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?:1[89]\d\d|20\d\d)"


@dataclass
class DateMention:
    """One date phrase in a text, with the day it stands for and how precise that is."""

    start: int
    end: int
    text: str
    value: date | None  # resolved calendar day (for week/month precision: the representative day)
    precision: int  # ACLED time_precision: 1 = day, 2 = within a week / approximate, 3 = within a month or longer
    relative: bool  # True for "on Tuesday", "yesterday"...
    kind: str = "day"  # "day", "weekday", "rite", "week", "month", "year": "year" is never an event date


def _month_num(token: str) -> int:
    """Month number from a (possibly abbreviated, dotted) month name."""
    return _MONTHS[token.rstrip(".").lower()]


def _safe_date(y: int, m: int, d: int) -> date | None:
    """A date, or None for impossible days (31 September)."""
    try:
        return date(y, m, d)
    except ValueError:
        return None


_PREP = re.compile(r"(?:\b(?:on|in|during|since|until|by|of|from)\s+)$", re.IGNORECASE)
_YEAR_IN = re.compile(rf"\b{_YEAR}\b")
_EVENT_RULES = {"iso", "mdy", "dmy", "monthyear", "month", "year", "ago", "relunit", "relday", "weekday", "clock",
                "duration", "holiday"}  # fmt: skip


_DAY_WORD = re.compile(
    rf"{_WEEKDAY}|{_MONTH}|\b(?:yesterday|today|tonight|tomorrow|overnight)\b|\d(?:st|nd|rd|th)\b|\d{{4}}-\d", re.I
)


def _week_day(value: str, published: date, current: bool) -> date | None:
    """Representative day of an ISO week value ("2016-W38"): its Wednesday, capped at publication for this week."""
    m = re.fullmatch(r"(\d{4})-W(\d\d)(-WE)?", value)
    if not m:
        return None
    monday = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
    if m.group(3):
        return monday + timedelta(days=5)
    day = monday + timedelta(days=2)
    return min(day, published) if current else day


def _mention(t: _TxFound, text: str, published: date | None) -> DateMention | None:
    """A TIMEX3 found in text as an event-date mention (ACLED precision), or None for durations, sets, vague refs."""
    if t.rule not in _EVENT_RULES or t.type in ("DURATION", "SET") or t.value.endswith("_REF"):
        if not (t.rule == "duration" and re.fullmatch(r"\d{4}-W\d\d", t.value)):
            return None
    start, end = t.start, t.end
    pre = _PREP.search(text, max(0, start - 8), start)
    if pre and pre.end() == start:
        start = pre.start()
    phrase = text[start:end]
    relative = not _YEAR_IN.search(text[t.start : t.end]) and t.rule != "iso"
    anchor = published or date(2000, 1, 1)
    value = t.value.split("T")[0] if t.rule != "clock" or "T" in t.value else t.value
    kind, precision, day = "day", 1, None
    if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        day = date.fromisoformat(value)
        kind = "weekday" if t.rule == "weekday" else "day"
    elif re.fullmatch(r"\d{4}-W\d\d(?:-WE)?", value):
        current = value == f"{anchor.isocalendar()[0]}-W{anchor.isocalendar()[1]:02d}"
        day, kind, precision = _week_day(value, anchor, current), "week", 2
    elif re.fullmatch(r"\d{4}-\d\d", value):
        y, mo = int(value[:4]), int(value[5:])
        kind, precision = "month", 3
        if t.rule == "relunit" and (y, mo) == (anchor.year, anchor.month):
            day = anchor  # "this month", "earlier this month": the publication day
        else:
            day = date(y, mo, 15)
            if (y, mo) == (anchor.year, anchor.month) and anchor.day < 15:
                day = anchor
    elif re.fullmatch(r"\d{4}", value) and t.rule == "year":
        if not pre or _YEAR_IN.fullmatch(text[t.start : t.end]) is None:
            return None  # a bare year counts only after a preposition ("in 2011", not "the 2011 uprising")
        day, kind, precision, relative = date(int(value), 7, 1), "year", 3, False
    else:
        return None
    if published is None and relative:
        day = None
    if t.rule == "clock" and kind == "day" and not _DAY_WORD.search(text, t.start, t.end):
        kind = "clock"  # a time of day alone: the publication day, unless the sentence names a day
    return DateMention(start, end, phrase, day, precision, relative, kind)


# a day told from another day the story told ("the next day", "the previous evening", "the day before"); read against
# the publication day here, against the story's own last day by event dating (frames._from_the_story_day)
_STORY_RELATIVE = (
    r"the\s+(?:previous|next|following|preceding)\s+(?:day|morning|night|evening)|the\s+day\s+(?:before|after)\b"
)
_STORY_RELATIVE_WHOLE = re.compile(rf"(?:{_STORY_RELATIVE})", re.I)


def story_shift(phrase: str) -> int | None:
    """Days from the day told before to the day a phrase such as "the next day" (+1) or "the day before" (-1)
    names; None for any other phrase."""
    if _STORY_RELATIVE_WHOLE.fullmatch(phrase.strip()) is None:
        return None
    return -1 if any(w in phrase.lower() for w in ("previous", "preceding", "before")) else 1


def find_dates(text: str, published: date | None) -> list[DateMention]:
    """Every date phrase in text, resolved against the publication date (see module docstring for the rules)."""
    return [replace(d) for d in _find_dates_cached(_title_caps(text), published)]


# Day and month names in capitals ("WEDNESDAY 9 OCTOBER", a chronology's day heading; "ON 9 OCT", a headline): read as
# the same names in title case (same length: offsets hold). A month in capitals only beside a day's number ("MAY" in
# "TROOPS MAY WITHDRAW" is no month).
_CAPS_DAY_NAME = re.compile(
    r"\b(?:MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY)\b"
    r"|(?<=\d )(?:JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER"
    r"|JAN|FEB|MAR|APR|JUN|JUL|AUG|SEPT?|OCT|NOV|DEC)\b"
    r"|\b(?:JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER"
    r"|JAN|FEB|MAR|APR|JUN|JUL|AUG|SEPT?|OCT|NOV|DEC)(?= \d)"
)


def _title_caps(text: str) -> str:
    return _CAPS_DAY_NAME.sub(lambda m: m.group(0).title(), text) if _HAS_CAPS_RUN.search(text) else text


_HAS_CAPS_RUN = re.compile(r"[A-Z]{3}")


@lru_cache(maxsize=4096)
def _find_dates_cached(text: str, published: date | None) -> tuple[DateMention, ...]:
    """The extractors ask about the same sentence several times (counts, frames): work it out once."""
    present = literals_in(text)  # the whole-sentence scans below need words a sentence seldom holds
    ranges = _day_ranges(text, published) if meets_all(_DAY_RANGE_NEEDS, present) else []
    blanked: list[tuple[int, int]] = []
    scan = text
    if meets_all(_WEEKDAY_BEFORE_DATE_NEEDS, present):
        blanked = [m.span() for m in _WEEKDAY_BEFORE_DATE.finditer(text)]  # "Thursday, October 19th 2023"
        scan = _WEEKDAY_BEFORE_DATE.sub(lambda m: " " * len(m.group()), text)
    out: list[DateMention] = list(ranges)
    for t in _find_timex_objects(scan, published, past_only=True):
        d = _mention(t, scan, published)
        if d is None or any(r.start < d.end and d.start < r.end for r in ranges):
            continue
        start = next((a for a, b in blanked if b == d.start), d.start)  # the weekday is part of the phrase
        if start != d.start:
            pre = _PREP.search(text, max(0, start - 8), start)
            start = pre.start() if pre and pre.end() == start else start
        out.append(replace(d, start=start, text=text[start : d.end]))
    if any(d.kind != "clock" and d.precision == 1 and d.value is not None for d in out):
        out = [d for d in out if d.kind != "clock"]  # "Shortly before 12:10 PM on Thursday, October 19th": the date
    if meets_all(_NIGHT_SPAN_NEEDS, present):
        out = _night_spans(text, out)
    lowered = text.lower()
    if "night" in lowered:
        out = _numbered_nights(text, out)
    if published is not None and "last week" in lowered:
        out = _weekday_of_last_week(text, out, published)
    if " week of " in lowered:
        out = _week_of_a_month(text, out)
    out = [
        replace(d, kind="rite") if d.kind == "weekday" and _RITE_HELD.match(text, d.end) else d for d in out
    ]  # "during a Sunday service": a day only when nothing else dates the event (frames._event_date)
    out.sort(key=lambda d: d.start)
    return tuple(out)


# "overnight Tuesday into Wednesday", "the night of Saturday to Sunday": one night, dated on the day it began (as
# "Tuesday night" is Tuesday).
_NIGHT_SPAN = re.compile(
    rf"\b(?:(?:late\s+)?overnight(?:\s+from)?|(?:(?:on|during|in)\s+)?the\s+night\s+(?:of|between|from))\s+"
    rf"(?:last\s+)?(?P<a>{_WEEKDAY})(?:\s+night)?\s+(?:into|to|and|until|till)\s+(?:early\s+)?(?P<b>{_WEEKDAY})",
    re.IGNORECASE,
)


# a clock time after midnight right after a night told by its two days ("..., at around 00:30", "shortly after
# midnight"): the incident fell on the second day
_SMALL_HOURS = re.compile(
    r"[^.;]{0,40}?\b(?:at\s+(?:around|about|approximately|roughly)?\s*0?[0-4][:.h]\d\d(?!\s*(?:p\.?m|pm))\b"
    r"|(?:shortly\s+|just\s+|soon\s+)?after\s+midnight)",
    re.I,
)


def _fold(
    text: str,
    found: list[DateMention],
    m: re.Match[str],
    inside: list[DateMention],
    value: date | None,
    kind: str,
    precision: int = 1,
    relative: bool = True,
) -> list[DateMention]:
    """The mentions a phrase covers replaced by one mention of the whole phrase, day ``value`` (precision 1 unless
    told)."""
    start, end = min([m.start()] + [d.start for d in inside]), max([m.end()] + [d.end for d in inside])
    return [d for d in found if d not in inside] + [
        DateMention(start, end, text[start:end], value, precision, relative, kind)
    ]


_WEEK_OF_MONTH = re.compile(
    r"\b(?:(?:in|during|over)\s+)?(?:the\s+)?(?P<nth>first|second|third|fourth|last|final)\s+week\s+of\s+"
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)\b",
    re.I,
)
_NTH_WEEK_DAY = {"first": 4, "second": 11, "third": 18, "fourth": 25}  # the middle of the week


def _week_of_a_month(text: str, found: list[DateMention]) -> list[DateMention]:
    """ "In the last week of April", "the first week of March": a day in that week of the month the text's month
    mention resolves to (its year), precision 2; one mention for the phrase."""
    for m in _WEEK_OF_MONTH.finditer(text):
        inside = [d for d in found if m.start() <= d.start < m.end() or d.start < m.start() < d.end]
        month = next((d for d in inside if d.start <= m.start("month") < d.end and d.value is not None), None)
        if month is None:
            continue
        first = month.value.replace(day=1)
        nth = m.group("nth").lower()
        if nth in _NTH_WEEK_DAY:
            value = first.replace(day=_NTH_WEEK_DAY[nth])
        else:  # the last week: four days before the month's last day
            value = (first + timedelta(days=32)).replace(day=1) - timedelta(days=4)
        found = _fold(text, found, m, inside, value, "week", precision=2, relative=False)  # (the calendar's week)
    return found


def _night_spans(text: str, found: list[DateMention]) -> list[DateMention]:
    """One mention for a night told by its two days: the first day, precision 1 (the second day's date less one)."""
    for m in _NIGHT_SPAN.finditer(text):
        inside = [d for d in found if m.start() <= d.start < m.end() or d.start < m.start() < d.end]
        second = next((d for d in inside if d.start <= m.start("b") < d.end), None)
        a, b = _WEEKDAYS[m.group("a").lower()], _WEEKDAYS[m.group("b").lower()]
        if second is None or (a + 1) % 7 != b:
            continue
        value = second.value - timedelta(days=1) if second.value is not None else None
        if value is not None and _SMALL_HOURS.match(text, m.end()):
            value = second.value  # "... at around 00:30": after midnight, the second day
        found = _fold(text, found, m, inside, value, "weekday")
    return found


# A weekday in apposition to a full date is the date's, not a weekday to resolve on its own: the date decides.
_WEEKDAY_BEFORE_DATE = re.compile(
    rf"\b{_WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?,?\s+"  # ("On Friday morning, 24 June")
    rf"(?=(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b)"
)
_WEEKDAY_BEFORE_DATE_NEEDS = required_clauses(_WEEKDAY_BEFORE_DATE)  # a weekday (the month is in a lookahead)
_NIGHT_SPAN_NEEDS = required_clauses(_NIGHT_SPAN)
# "on the night of Sunday 27 to Monday 28 October 2024", "during the night of 27 to 28 October": the first day
_NIGHT_DAYS = re.compile(
    rf"\b(?:(?:on|during|in)\s+)?the\s+night\s+(?:of|between|from)\s+(?:{_WEEKDAY}\s+)?(?:the\s+)?(?P<a>\d{{1,2}})"
    rf"(?:st|nd|rd|th)?(?:\s+{_MONTH})?\s+(?:into|to|and|until|till|-|\u2013)\s+(?:{_WEEKDAY}\s+)?(?:the\s+)?(?P<b>\d{{1,2}})",
    re.IGNORECASE,
)


_OF_LAST_WEEK = re.compile(
    rf"(?P<wd>{_WEEKDAY})(?:\s+(?:night|morning|afternoon|evening))?,?\s+(?:of\s+)?last\s+week\b", re.I
)


def _weekday_of_last_week(text: str, found: list[DateMention], published: date) -> list[DateMention]:
    """ "Wednesday of last week", "on Thursday last week": that weekday in the calendar week before the publication
    day's (weeks from Monday), precision 1; one mention for the phrase."""
    monday = published - timedelta(days=published.weekday() + 7)
    for m in _OF_LAST_WEEK.finditer(text):
        value = monday + timedelta(days=_WEEKDAYS[m.group("wd").lower()])
        inside = [d for d in found if m.start() - 4 <= d.start < m.end() or d.start < m.start() < d.end]
        found = _fold(text, found, m, inside, value, "weekday")
    return found


def _numbered_nights(text: str, found: list[DateMention]) -> list[DateMention]:
    """One mention for a night told by its two numbered days: the first day, precision 1 (the second day's date
    less one, when that is the first day's number)."""
    for m in _NIGHT_DAYS.finditer(text):
        inside = [d for d in found if m.start() <= d.start < m.end() + 12 or d.start < m.start() < d.end]
        second = next((d for d in inside if d.start <= m.start("b") < d.end and d.value is not None), None)
        if second is None or second.value is None:
            continue
        value = second.value - timedelta(days=1)
        if value.day != int(m.group("a")):
            continue
        if _SMALL_HOURS.match(text, m.end()):
            value = second.value  # "the night of Saturday 1 to Sunday 2 August 2020, at around 00:30": the second day
        found = _fold(text, found, m, inside, value, "date")
    return found


_DAYN = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_DAY_RANGE = re.compile(
    rf"\b(?:between\s+(?:the\s+)?(?P<a1>{_DAYN})\s+and\s+(?:the\s+)?(?P<b1>{_DAYN})"
    rf"|from\s+(?:the\s+)?(?P<a2>{_DAYN})\s+(?:to|until|till)\s+(?:the\s+)?(?P<b2>{_DAYN})"
    rf"|(?P<a3>{_DAYN})\s*[-\u2013]\s*(?P<b3>{_DAYN}))\s+(?:of\s+)?(?P<m1>{_MONTH})(?:,?\s+(?P<y1>{_YEAR}))?"
    rf"|\b(?:between\s+)?(?P<m2>{_MONTH})\s+(?P<a4>{_DAYN})\s*(?:[-\u2013]|and|to)\s*(?P<b4>{_DAYN})"
    rf"(?:,?\s+(?P<y2>{_YEAR}))?"
    # "between December 23 and December 25", "from March 30 to April 2, 2022": the month told with each day
    rf"|\b(?:between|from)\s+(?P<m3>{_MONTH})\s+(?P<a5>{_DAYN})\s+(?:and|to|until|till)\s+(?P<m4>{_MONTH})\s+"
    rf"(?P<b5>{_DAYN})(?:,?\s+(?P<y3>{_YEAR}))?",
    re.IGNORECASE,
)


_DAY_RANGE_NEEDS = required_clauses(_DAY_RANGE)  # a month's name


def _day_ranges(text: str, published: date | None) -> list[DateMention]:
    """ "between 12 and 14 October", "12-14 October", "October 12 to 14": ACLED codes the middle day with time
    precision 2 (an event known only within a few days, as for "this week")."""
    out: list[DateMention] = []
    for m in _DAY_RANGE.finditer(text):
        g = m.groupdict()
        if g["m3"]:
            span = _two_month_range(m, published)
            if span is not None:
                out.append(span)
            continue
        a = next(g[k] for k in ("a1", "a2", "a3", "a4") if g[k])
        b = next(g[k] for k in ("b1", "b2", "b3", "b4") if g[k])
        month = _month_num((g["m1"] or g["m2"]).rstrip("."))
        d1, d2 = int(re.sub(r"\D", "", a)), int(re.sub(r"\D", "", b))
        if not 1 <= d1 < d2 <= 31 or d2 - d1 > 7:
            continue
        year_text = g["y1"] or g["y2"]
        if year_text:
            year = int(year_text)
        elif published is not None:
            year = published.year if (month, d1) <= (published.month, published.day) else published.year - 1
        else:
            out.append(DateMention(m.start(), m.end(), m.group(), None, 2, True, "range"))
            continue
        first, last = _safe_date(year, month, d1), _safe_date(year, month, d2)
        if first is None or last is None:
            continue
        middle = first + (last - first) / 2
        out.append(DateMention(m.start(), m.end(), m.group(), middle, 2, not year_text, "range"))
    return out


def _two_month_range(m: re.Match[str], published: date | None) -> DateMention | None:
    """ "between December 23 and December 25", "from March 30 to April 2": the middle day, time precision 2, as for
    the ranges within one month (at most a week)."""
    g = m.groupdict()
    m1, m2 = _month_num(g["m3"]), _month_num(g["m4"])
    d1, d2 = int(re.sub(r"\D", "", g["a5"])), int(re.sub(r"\D", "", g["b5"]))
    if g["y3"]:
        year2 = int(g["y3"])
    elif published is not None:
        year2 = published.year if (m2, d2) <= (published.month, published.day) else published.year - 1
    else:
        return DateMention(m.start(), m.end(), m.group(), None, 2, True, "range")
    year1 = year2 - 1 if m1 > m2 else year2
    first, last = _safe_date(year1, m1, d1), _safe_date(year2, m2, d2)
    if first is None or last is None or not 0 < (last - first).days <= 7:
        return None
    return DateMention(m.start(), m.end(), m.group(), first + (last - first) / 2, 2, not g["y3"], "range")


def _dateparser(phrase: str, published: date | None) -> date | None:
    """dateparser on one phrase already judged to be a date (English only, past-leaning)."""
    return parse_date(phrase, relative_to=published, prefer_past=True)


_FALLBACK_OK = re.compile(
    rf"{_MONTH}|{_WEEKDAY}|\b\d{{1,4}}[/.]\d{{1,2}}[/.]\d{{2,4}}\b|\b(?:ago|yesterday|today|tomorrow)\b", re.IGNORECASE
)


def resolve_date(phrase: str, published: date | None) -> tuple[date, int] | None:
    """(day, precision) for one date phrase; our rules first, dateparser as a fallback for odd forms."""
    found = [d for d in find_dates(phrase, published) if d.value is not None]
    if found:
        best = min(found, key=lambda d: d.precision)
        return best.value, best.precision  # type: ignore[return-value]
    if not _FALLBACK_OK.search(phrase):
        return None  # dateparser reads "the 3rd" or "2,000" as days: only give it phrases that name one
    value = _dateparser(phrase, published)
    if value is None or (published is not None and value > published + timedelta(days=1)):
        return None
    return value, 1


# --- TIMEX3: time expressions and their TimeML values (TempEval-3 conventions) -------------------------------------
#
# `find_timexes` finds dates, times, durations, sets and the vague references ("now", "recently", "the future") that
# TimeML annotates, and gives each its TIMEX3 value relative to the document creation time (DCT), the way HeidelTime
# does for news: extents leave out prepositions ("on Friday" -> "Friday") but keep determiners and modifiers
# ("the past two months", "last week", "about a year ago"); a weekday, a month or a day without a year is the nearest
# one before the DCT, or after it when the sentence speaks of the future ("will", "next", "expected to"); a quarter
# without an ordinal ("the quarter", "the latest period") is the last one mentioned, else the last one completed
# before the DCT; "a year ago" right after a quarter means that quarter a year before.

_NUM_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand"
).split()
_NW = r"(?:" + "|".join(sorted(_NUM_WORDS, key=len, reverse=True)) + r")"
_NUMBER = (
    rf"(?:\d+(?:\.\d+)?(?:\s+1/2)?|{_NW}(?:[\s-]{_NW}){{0,2}}(?:\s+and\s+a\s+half)?|a\s+couple\s+of|a\s+couple|couple\s+of"
    r"|a\s+few|a\s+dozen|dozens\s+of|a\s+hundred|hundreds\s+of|a\s+thousand|thousands\s+of|several|few|many|some|an?)"
)
_QUAL = (
    r"(?:about|around(?!\s+the)|roughly|approximately|nearly|almost|some|more\s+than|less\s+than|fewer\s+than"
    r"|at\s+least|at\s+most|up\s+to|no\s+more\s+than|no\s+less\s+than|well\s+over|just\s+over|just\s+under"
    r"|close\s+to|upwards\s+of|another|an\s+additional|a\s+further|the\s+better\s+part\s+of)"
)
_UNIT = (
    r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?|decades?|centur(?:y|ies)"
    r"|millenni(?:um|a))"
)
_UNIT_CODE = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D", "week": "W", "fortnight": "W",
    "month": "M", "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE", "millennium": "ML",
}  # fmt: skip
_TM = (
    r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.|Jul\.|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)(?![a-z])"
)
_TWD = r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_TYEAR = r"(?:1[6-9]\d\d|20\d\d)(?![\d%]|,\d|\.\d|-\d)"
_DAYNUM_T = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d|\s*%)"
_ORD_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_QORD = r"(?:first|second|third|fourth|1st|2nd|3rd|4th)"
_PART = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI", "midday": "MI"}
_SEASON_CODE = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
_DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7, "eighties": 8,
    "nineties": 9,
}  # fmt: skip
_REL = r"(?:last|this|next|this\s+past|this\s+coming|the\s+past|the\s+previous|the\s+following|the\s+coming|the\s+current|the\s+latest|the\s+last|the\s+next|the\s+same|the\s+present)"  # noqa: E501
_EDGE = r"(?:early|late|earlier|later|mid-?|the\s+(?:end|beginning|start|middle|rest|remainder)\s+of)"
_FUTURE_CUE = re.compile(
    r"\b(?:will|won't|wo\s+n't|'ll|shall|going\s+to|upcoming|plans?\s+to|planning\s+to|scheduled|expects?\s+to"
    r"|expected\s+to|would|could|might|is\s+to|are\s+to|due\s+to|set\s+to|tomorrow|next|until|payable|as\s+soon\s+as"
    r"|as\s+early\s+as|no\s+later\s+than|to\s+(?:be|begin|start|meet|hold|vote|visit|travel|resume|announce|decide"
    r"|attend))\b",
    re.IGNORECASE,
)
_PAST_CUE = re.compile(
    r"\b(?:ago|last|was|were|had|did|said|earlier|previous|yesterday|since|(?!(?:scheduled|expected|planned|needed"
    r"|used|based|related|interested|concerned|red|bed|need|speed|feed|seed|indeed|proceed|exceed|succeed|united)\b)"
    r"[a-z]+ed|fell|rose|told|met|went|came|took|gave|made|left|held|won|lost|began|saw|found|got|became|struck"
    r"|shot|fought|sent|spent|paid|sold|bought|brought|thought|ran|kept|led|knew|wrote|spoke|broke|flew|drove)\b",
    re.IGNORECASE,
)


_TIMEX_PATTERNS: list[tuple[str, str]] = [
    (
        "clock",
        r"(?:(?:around|about|approximately|at\s+about|shortly\s+(?:before|after))\s+)?"
        r"(?:(?<![\d.])(?P<h>\d{1,2})(?:[:.](?P<mi>\d\d))?\s*(?P<ap>a\.m\.?|p\.m\.?|am\b|pm\b)|(?P<h2>\d{1,2}):(?P<mi2>[0-5]\d)(?!\d)"
        r"|(?P<nm>noon|midnight|midday)|(?P<hw>" + _NW + r"|\d{1,2})\s+o'clock"
        r"|(?P<h3>\d{1,2}|" + _NW + r")\s+in\s+the\s+(?P<ip>morning|afternoon|evening))"
        r"(?:\s+(?P<tz>EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|UTC|local\s+time|\(\d{4}\s+GMT\)))?"
        rf"(?:,?\s+(?:on\s+)?(?P<wd>{_TWD})|,?\s+(?P<mon>{_TM})\.?\s+(?P<d>{_DAYNUM_T})"
        r"|\s+(?P<rd>today|yesterday|tomorrow))?",
    ),
    ("iso", r"(?<![\d-])(?P<y>(?:1[89]|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?![\d-])"),
    (
        "mdy",
        rf"(?:(?:this\s+coming\s+|this\s+past\s+)?(?P<wd>{_TWD}),?\s+)?(?:(?:early|late|mid-?)\s+)?(?P<mon>{_TM})\s+"
        rf"(?P<d>{_DAYNUM_T})(?:,?\s+(?P<y>{_TYEAR}))?",
    ),
    (
        "dmy",
        rf"(?:(?P<wd>{_TWD}),?\s+)?(?:the\s+)?(?P<d>{_DAYNUM_T})\s+(?:of\s+)?(?P<mon>{_TM})(?:,?\s+(?P<y>{_TYEAR}))?",
    ),
    (
        "monthyear",
        rf"(?:(?P<edge>{_EDGE})[\s-]+)?(?P<mon>{_TM}),?\s+(?:of\s+)?(?:(?P<y>{_TYEAR})|(?P<wy>nineteen[\s-]+{_NW}(?:[\s-]{_NW})?)"
        r"|(?P<rel>this|last|next)\s+year)",
    ),
    (
        "month",
        rf"(?:(?P<mod>{_EDGE}|last|this|next|this\s+past|this\s+coming)[\s-]+(?P<mon>{_TM})|(?P<mon2>{_TM}))",
    ),
    (
        "year",
        rf"(?:(?P<edge>{_EDGE}|fiscal|calendar|the\s+(?:fiscal\s+)?year|the\s+(?:first|second|last|latter)\s+half\s+of"
        rf"|post-|pre-)[\s-]*)?(?<![\d$£€.,/#-])(?P<y>{_TYEAR})(?!\s*(?:percent|per\s+cent|%))"
        r"|(?:the\s+year\s+)?(?P<wy>nineteen[\s-]+" + _NW + r"(?:[\s-]" + _NW + r")?|two\s+thousand(?:\s+and\s+\w+)?)",
    ),
    (
        "decade",
        r"(?:the\s+)?(?:(?P<edge>early|mid-?|late)[\s-]*)?(?:(?P<dec>1[6-9]\d|20\d)0'?s\b|'(?P<dec2>\d)0'?s\b"
        r"|(?:nineteen[\s-]+)?(?P<decw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b)",
    ),
    ("century", r"(?:the\s+)?(?P<n>\d{1,2}(?:st|nd|rd|th)|[a-z]+(?:-first|-second)?)\s+century\b(?!\s*(?:fox|club))"),
    (
        "season",
        r"(?:(?:(?P<mod>early|late|mid-?|this|last|next|this\s+past|this\s+coming|the|the\s+early|the\s+late)\s+)+"
        r"(?P<s>spring|summer|autumn|fall|winter)(?!\s+of\s+(?-i:[A-Z])[a-z])(?:\s+of\s+(?P<y>"
        + _TYEAR
        + r"|nineteen[\s-]+"
        + _NW
        + r"(?:[\s-]"
        + _NW
        + r")?))?"
        r"|(?P<s2>spring|summer|autumn|winter)(?:\s+(?:of\s+)?(?P<y2>" + _TYEAR + r"))?)",
    ),
    (
        "quarter",
        rf"(?:(?P<pre>the|this|that|last\s+year's|this\s+year's|next\s+year's)\s+(?!{_QORD}-))?"
        rf"(?:(?P<mods>(?:(?:latest|current|recent|same|previous|past|last|comparable|corresponding|year-ago|"
        rf"year-earlier|fiscal|calendar|flat|{_TYEAR}|{_QORD})[\s-]+)+))?(?P<unit>quarter|period)\b(?!-)"
        rf"(?:\s+(?P<post>a\s+year\s+(?:ago|earlier)|last\s+year|of\s+(?:fiscal\s+)?{_TYEAR}|of\s+(?:this|last|next)\s+year))?",
    ),
    ("yearago", r"(?P<ya>year-(?:earlier|ago))(?=\s+[a-z])"),
    (
        "half",
        rf"(?:the\s+)?(?P<h>first|second|last|latter)\s+half(?:\s+of\s+(?:(?P<y>{_TYEAR})|(?:the\s+|this\s+)year|"
        r"(?P<rel>next|last)\s+year))?",
    ),
    (
        "ago",
        rf"(?:(?P<qual>{_QUAL})\s+)?(?P<n>{_NUMBER})\s+(?:or\s+(?:so|two|more)\s+)?(?:more\s+)?(?P<unit>{_UNIT})"
        r"(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|hence|from\s+now)\b",
    ),
    (
        "relunit",
        rf"(?:(?P<edge>early|late|earlier|later|mid-?|around|the\s+(?:end|beginning|start|middle)\s+of)[\s-]+)?"
        rf"(?:(?P<rel>{_REL}|that|the)\s+)(?:fiscal\s+|calendar\s+)?(?P<unit>week|weekend|month|year|decade|century)"
        r"(?:'s)?\b(?!-)|(?P<edge2>early|late|earlier|later)\s+in\s+the\s+(?P<unit2>week|month|year)"
        r"|(?P<ye>year-end|year\s+end|yearend|month-end)|(?P<full>the\s+full\s+year)",
    ),
    (
        "relday",
        r"(?:(?P<edge>early|late|earlier|later|mid-?)[\s-]+)?(?P<word>today|tomorrow|yesterday|tonight)"
        # a day's act ("yesterday's shelling of the centre"), not a day's thing of something ("today's rate of")
        r"(?:'s(?=\s+(?:shelling|(?:air\s*)?strikes?|attacks?|bombings?|blasts?|explosions?|raids?|massacre|clashes"
        r"|fighting|killings?)\b))?(?!'s\s+\w+\s+of)"
        r"(?:\s+(?P<part>morning|afternoon|evening|night))?"
        r"|(?:(?P<edge2>early|late|earlier|later)\s+)?(?:this|later\s+this)\s+(?P<part2>morning|afternoon|evening)"
        r"|last\s+night|overnight|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow"
        r"|" + _STORY_RELATIVE,
    ),
    (
        "weekday",
        rf"(?:(?P<mod>last|this|next|this\s+past|this\s+coming|the\s+previous|the\s+following|early|late|earlier|later"
        rf"|mid-?|noon|midnight)[\s-]+)?(?P<wd>{_TWD})(?:'s)?(?:\s+(?P<part>morning|afternoon|evening|night)(?P<pl>s)?)?",
    ),
    (
        "holiday",
        r"(?:(?P<mod>last|this|next)\s+)?(?-i:(?P<hd>Christmas(?:\s+Day|\s+Eve)?|New\s+Year's(?:\s+Day|\s+Eve)?"
        r"|Thanksgiving(?:\s+Day)?|Easter(?:\s+Sunday|\s+Monday|\s+week)?|Halloween|Independence\s+Day|Election\s+Day"
        r"|Labor\s+Day|Memorial\s+Day|Valentine's\s+Day|Veterans\s+Day|Boxing\s+Day))",
    ),
    (
        "ref",
        r"(?P<present>now|currently|nowadays|these\s+days|at\s+present|presently|the\s+present(?:\s+time)?"
        r"|at\s+the\s+moment|current(?=\s+[a-z]+)(?!\s+(?:account|accounts|events|affairs|ratio)))"
        r"|(?P<past>more\s+recently|recently|recent(?!\s+(?:years|months|weeks|days|quarters|decades)\b)|lately"
        r"|formerly|the\s+past(?!\s+(?:\w+\s+)?(?:" + _UNIT + r"|few|several|" + _NW + r")\b)|once\s+upon"
        r"|then\s+current)"
        r"|(?P<future>the\s+(?:near\s+|distant\s+|foreseeable\s+|immediate\s+)?future|future(?=\s+[a-z]+s\b)"
        r"|the\s+near\s+term|the\s+short\s+term|the\s+long\s+term|as\s+soon\s+as\s+possible"
        r"|a\s+later\s+date|coming\s+(?:days|weeks|months|years|quarters)|in\s+due\s+course)",
    ),
    (
        "duration",
        rf"(?:(?P<qual>{_QUAL})\s+)?(?:(?P<det>the|each\s+of\s+the|all|its|their)\s+)?(?:(?P<mod>first|last|past|next"
        rf"|previous|coming|following|final|remaining|latest|entire|whole|same|year-earlier|year-ago|recent|"
        r"preceding|ensuing|succeeding)\s+)?"
        rf"(?:(?P<n>{_NUMBER})(?:\s+(?:to|or)\s+(?P<n2>{_NUMBER}))?\s+)?(?:(?:more|additional|full|straight|consecutive"
        rf"|trading|business|working|long|short)\s+)?(?P<unit>{_UNIT})\b(?!-)(?P<half>\s+and\s+a\s+half)?"
        r"(?:\s+(?:or\s+so|long))?",
    ),
    (
        "adjdur",
        rf"(?P<n>{_NUMBER}|\d+|several|many|a\s+few)[\s-]+(?:and-a-half-)?(?P<unit>second|minute|hour|day|night|week"
        r"|month|year|decade)(?P<old>-old|-long)?(?=[\s,.;:)])"
        r"|(?P<unit2>day|week|month|year|decade|centur(?:y|ies)|decades|years|months|weeks|hours)-long",
    ),
    (
        "set",
        r"(?:(?:every|each|per)\s+(?:other\s+|single\s+)?(?P<unit>second|minute|hour|day|night|week|weekend|month"
        r"|quarter|year|morning|afternoon|evening)\b(?!-)"
        rf"|(?:every|each)\s+(?P<wd>{_TWD})|(?:every|each)\s+(?P<mon>{_TM})"
        r"|(?P<ly>daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly|semiannually|twice\s+a\s+"
        r"(?:day|week|month|year)|once\s+a\s+(?:day|week|month|year)))",
    ),
]
_TIMEX_RX = [(name, re.compile(rx, re.IGNORECASE)) for name, rx in _TIMEX_PATTERNS]
# What the scan runs: each pattern with the literals one of which any match holds (a month, a unit, "ago"...), so
# most sentences need only a few of the scans, and behind a zero-width test that the match does not start inside a
# word. _timex_candidates drops such matches anyway and searches again one character on, so the candidates are the
# same; the regex engine just stops trying the pattern's long optional prefixes at four positions out of five.
_START_EDGE = r"(?:(?<![\w'])|(?![\w']))"
_TIMEX_GATED = [
    (name, re.compile(_START_EDGE + "(?:" + pattern + ")", re.IGNORECASE), required_literals(rx))
    for (name, pattern), (_, rx) in zip(_TIMEX_PATTERNS, _TIMEX_RX, strict=True)
]
# Every requirement of each pattern (literals.required_clauses), tested after its gate: of the 3,092 sentences of 200
# FA-KES articles the "month" scan ran on 2,758 with its gate alone, 486 with its clauses too; the same candidates.
_TIMEX_CLAUSES = {name: required_clauses(rx) for name, rx in _TIMEX_RX}


@dataclass
class _TxCtx:
    """What the normaliser knows while walking a document left to right."""

    dct: date
    text: str
    last_quarter: tuple[int, int, int] | None = None  # (year, quarter, end offset) of the last quarter mentioned
    last_year: int | None = None
    past_only: bool = False  # event dating: a weekday, month or day without a year is never after the DCT


def _future(ctx: _TxCtx, start: int, end: int) -> bool:
    """Whether the clause around the span speaks of the future: the tense cue nearest to it decides."""
    text = ctx.text
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), text.rfind(";", 0, start), start - 150)
    rights = [i for i in (text.find(". ", end), text.find("\n", end), text.find(";", end)) if i >= 0]
    right = min(rights + [end + 150, len(text)])
    best: tuple[int, bool] | None = None
    for rx, fut in ((_FUTURE_CUE, True), (_PAST_CUE, False)):
        for m in rx.finditer(text, max(left, 0), right):
            if start <= m.start() < end:
                continue
            dist = start - m.end() if m.end() <= start else m.start() - end
            if best is None or dist < best[0]:
                best = (dist, fut)
    return bool(best and best[1])


def _iso_week(d: date) -> str:
    """ISO week label as TIMEX3 writes it: 2016-W39."""
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _num(text: str | None) -> int | None:
    """A count for a duration/offset: digits or words; None for vague words ("several", "a few")."""
    if text is None:
        return 1
    t = re.sub(r"\s+", " ", text.strip().lower())
    if t in ("a", "an", "one", "a single"):
        return 1
    if t in ("a couple of", "a couple", "couple of"):
        return 2
    if t in ("several", "few", "a few", "many", "some", "dozens of", "hundreds of", "thousands of"):
        return None
    if t in ("a dozen",):
        return 12
    if t in ("a hundred",):
        return 100
    if t in ("a thousand",):
        return 1000
    t = re.sub(r"\s+and\s+a\s+half$|\s+1/2$", "", t)
    from warlog.extract.numbers import parse_number

    n = parse_number(t)
    if n is None:
        try:
            n = int(float(t))
        except ValueError:
            return None
    return n


def _has_half(text: str | None) -> bool:
    """ "2 1/2", "two and a half"."""
    return bool(text and re.search(r"1/2|and\s+a\s+half", text, re.IGNORECASE))


def _duration(n: int | None, unit: str, half: bool = False) -> str:
    """TIMEX3 duration value: P2Y, PT24H, P20Y for two decades, PXD when the count is vague."""
    unit = unit.lower().rstrip("s")
    unit = "century" if unit.startswith("centur") else "millennium" if unit.startswith("millenni") else unit
    if unit == "fortnight":
        return f"P{2 * n}W" if n is not None else "PXW"
    if n is None:
        return ("PTX" if unit in ("second", "minute", "hour") else "PX") + _UNIT_CODE[unit]
    if unit in ("decade", "century", "millennium"):
        return f"P{n * {'decade': 10, 'century': 100, 'millennium': 1000}[unit]}Y"
    if half:
        sub = {"year": ("Y", "6M"), "month": ("M", "15D"), "week": ("W", "3DT12H"), "day": ("D", "T12H"),
               "hour": ("H", "30M"), "minute": ("M", "30S")}.get(unit)  # fmt: skip
        if sub:
            prefix = "PT" if unit in ("hour", "minute") else "P"
            return f"{prefix}{n}{sub[0]}{sub[1]}" if n else f"{prefix}{sub[1]}"
    prefix = "PT" if unit in ("second", "minute", "hour") else "P"
    return f"{prefix}{n}{_UNIT_CODE[unit]}"


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    """(year, month) k months away."""
    idx = y * 12 + (m - 1) + k
    return idx // 12, idx % 12 + 1


def _quarter_of(d: date) -> int:
    """Calendar quarter 1-4 of a day."""
    return (d.month - 1) // 3 + 1


def _choose_year(month: int, day: int | None, ctx: _TxCtx, start: int, end: int) -> int:
    """Year for a month (and day) given without one: the DCT's, moved a year when tense or distance says so."""
    dct = ctx.dct
    if ctx.past_only:
        for y in (dct.year, dct.year - 1):
            d = _safe_date(y, month, day or 1)
            if d is not None and d <= dct:
                return y
        return dct.year - 1
    fut = _future(ctx, start, end)
    cands = []
    for y in (dct.year - 1, dct.year, dct.year + 1):
        d = _safe_date(y, month, day or 15) or date(y, month, 28)
        delta = (d - dct).days
        if day is None and (y, month) == (dct.year, dct.month):
            delta = 0
        score = abs(delta)
        if delta > 0 and not fut:
            score += 150  # past-tense news: a later day is less likely than the same day last year
        if delta < 0 and fut:
            score += 150
        cands.append((score, y))
    return min(cands)[1]


def _weekday_date(wd: int, mod: str, ctx: _TxCtx, start: int, end: int) -> date:
    """The day a weekday name stands for: the nearest one before the DCT, or after it in future sentences."""
    dct = ctx.dct
    mod = re.sub(r"\s+", " ", mod.lower())
    back = (dct.weekday() - wd) % 7
    ahead = (wd - dct.weekday()) % 7
    if mod in ("next", "this coming", "the following"):
        return dct + timedelta(days=ahead or 7)
    if mod in ("last", "this past", "the previous"):
        return dct - timedelta(days=back or 7)
    if back == 0 or ctx.past_only:
        return dct - timedelta(days=back)
    if _future(ctx, start, end):
        return dct + timedelta(days=ahead)
    return dct - timedelta(days=back)


def _year_of(text: str) -> int | None:
    """A year from digits or words ("1998", "nineteen ninety-six", "two thousand")."""
    t = re.sub(r"[\s-]+", " ", text.strip().lower())
    if re.fullmatch(r"\d{4}", t):
        return int(t)
    if t.startswith("nineteen "):
        rest = _num(t[len("nineteen ") :])
        return 1900 + rest if rest is not None and rest < 100 else None
    if t.startswith("two thousand"):
        rest = t[len("two thousand") :].replace("and", "").strip()
        extra = _num(rest) if rest else 0
        return 2000 + extra if extra is not None else None
    return None


def _tx_clock(m: re.Match[str], ctx: _TxCtx) -> tuple[str, str] | None:
    """ "10:35 a.m.", "noon Thursday", "5 p.m. EST Nov. 9"."""
    g = m.groupdict()
    if g["nm"]:
        hh, mm = {"noon": (12, 0), "midday": (12, 0), "midnight": (24, 0)}[g["nm"].lower()]
    elif g["h"] or g["h2"]:
        hh = int(g["h"] or g["h2"])
        mm = int(g["mi"] or g["mi2"] or 0)
        ap = (g["ap"] or "").lower()
        if hh > 24 or mm > 59 or (not ap and (hh > 23 or g["h2"] is None)):
            return None
        if ap.startswith("p") and hh < 12:
            hh += 12
        if ap.startswith("a") and hh == 12:
            hh = 0
        if not ap and not (g["tz"] or g["wd"] or g["rd"]):
            return None  # "3:1" scores and bare "10:30" ratios are left alone
    else:
        raw = g["hw"] or g["h3"]
        hh = _num(raw) or 0
        mm = 0
        if not 0 < hh <= 12:
            return None
        if g["ip"] and g["ip"].lower() in ("afternoon", "evening") and hh < 12:
            hh += 12
    day = ctx.dct
    if g["wd"]:
        day = _weekday_date(_WEEKDAYS[g["wd"].lower()], "", ctx, m.start(), m.end())
    elif g["mon"]:
        month = _month_num(g["mon"])
        dnum = int(re.sub(r"\D", "", g["d"]))
        day = _safe_date(_choose_year(month, dnum, ctx, m.start(), m.end()), month, dnum) or ctx.dct
    elif g["rd"]:
        day = ctx.dct + timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[g["rd"].lower()])
    value = f"{day.isoformat()}T{hh:02d}:{mm:02d}"
    return value, "TIME"


def _tx_day(m: re.Match[str], ctx: _TxCtx) -> tuple[str, str] | None:
    """ "Oct. 23", "Friday, April 6, 2000", "23 October", "1998-10-23"."""
    g = m.groupdict()
    month = int(g["m"]) if g.get("m") else _month_num(g["mon"])
    day = int(re.sub(r"\D", "", g["d"]))
    year = int(g["y"]) if g.get("y") else _choose_year(month, day, ctx, m.start(), m.end())
    if g.get("y"):
        ctx.last_year = year
    d = _safe_date(year, month, day)
    if d is None:
        return None
    return d.isoformat(), "DATE"


def _tx_month(m: re.Match[str], ctx: _TxCtx, name: str) -> tuple[str, str] | None:
    """ "October 1998", "last April", "early December", "January this year"."""
    g = m.groupdict()
    mon = g.get("mon") or g.get("mon2")
    if mon is None:
        return None
    month = _month_num(mon)
    if name == "month" and not g.get("mod"):
        if re.fullmatch(r"[A-Z][a-z]{2,3}", mon) and mon not in ("June", "July", "May"):
            return None  # a bare undotted abbreviation ("Jan") is more often a name
        prev = ctx.text[max(0, m.start() - 9) : m.start()].lower()
        if mon in ("May", "March", "Mar.") and not re.search(
            r"\b(?:in|since|until|by|from|through|during|before|after|of|and|to|between|last|this|next)\s+$", prev
        ):
            return None
    if name == "monthyear":
        if g["y"]:
            year = int(g["y"])
            ctx.last_year = year
        elif g["wy"]:
            y = _year_of(g["wy"])
            if y is None:
                return None
            year = y
        else:
            year = ctx.dct.year + {"this": 0, "last": -1, "next": 1}[g["rel"].lower()]
        return f"{year}-{month:02d}", "DATE"
    mod = re.sub(r"\s+", " ", (g.get("mod") or "").lower())
    dct = ctx.dct
    if mod in ("last", "this past"):
        year = dct.year if month < dct.month else dct.year - 1
    elif mod in ("next", "this coming"):
        year = dct.year if month > dct.month else dct.year + 1
    elif mod == "this":
        year = dct.year
    else:
        year = _choose_year(month, None, ctx, m.start(), m.end())
    return f"{year}-{month:02d}", "DATE"


def _tx_year(m: re.Match[str], ctx: _TxCtx) -> tuple[str, str] | None:
    """ "1990", "fiscal 1989", "mid-1996", "the first half of 1990", "nineteen ninety-six"."""
    g = m.groupdict()
    year = int(g["y"]) if g.get("y") else _year_of(g["wy"] or "")
    if year is None:
        return None
    edge = (g.get("edge") or "").lower()
    if g.get("y") and not edge:
        before = ctx.text[max(0, m.start() - 12) : m.start()]
        after = ctx.text[m.end() : m.end() + 14]
        if re.search(r"(?:\$|No\.|#|Flight|Resolution|Route|Highway)\s*$", before, re.IGNORECASE):
            return None
        if re.match(r"\s+(?:people|persons|troops|soldiers|men|shares|tons|tonnes|km|miles|meters|metres)\b", after):
            return None
    ctx.last_year = year
    if "first half" in edge:
        return f"{year}-H1", "DATE"
    if "second half" in edge or "last half" in edge or "latter half" in edge:
        return f"{year}-H2", "DATE"
    return str(year), "DATE"


def _tx_decade(m: re.Match[str], ctx: _TxCtx) -> tuple[str, str] | None:
    """ "the 1990s", "the early 1980s", "the '80s", "the nineties" -> "199"."""
    g = m.groupdict()
    if g["dec"]:
        return g["dec"], "DATE"
    if g["dec2"]:
        return f"19{g['dec2']}", "DATE"
    return f"19{_DECADE_WORDS[g['decw'].lower()]}", "DATE"


def _tx_century(m: re.Match[str], ctx: _TxCtx) -> tuple[str, str] | None:
    """ "the 20th century" -> "19"."""
    raw = m.group("n").lower()
    if raw in ("this", "last", "next", "the", "a", "that", "current", "past"):
        base = ctx.dct.year // 100 + {"last": -1, "next": 1}.get(raw, 0)
        return (f"{base:02d}", "DATE") if raw not in ("a", "the") else None
    n = int(re.sub(r"\D", "", raw)) if raw[0].isdigit() else _ORDINAL_NUM.get(raw)
    if n is None:
        return None
    return f"{n - 1:02d}", "DATE"


_ORDINAL_NUM = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
    "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21,
}  # fmt: skip


def _tx_season(m: re.Match[str], ctx: _TxCtx) -> tuple[str, str] | None:
    """ "last fall" -> 1997-FA, "this summer", "the winter of 1994"."""
    g = m.groupdict()
    s = (g["s"] or g["s2"]).lower()
    code = _SEASON_CODE[s]
    ytxt = g["y"] or g["y2"]
    if ytxt:
        year = _year_of(ytxt)
        return (f"{year}-{code}", "DATE") if year else None
    if g["s2"] and s != "summer" and s != "winter":
        return None
    mods = re.sub(r"\s+", " ", (m.group(0)[: m.start("s") - m.start()] if g["s"] else "").lower())
    dct = ctx.dct
    order = {"SP": 1, "SU": 2, "FA": 3, "WI": 4}
    cur = {12: 4, 1: 4, 2: 4, 3: 1, 4: 1, 5: 1, 6: 2, 7: 2, 8: 2, 9: 3, 10: 3, 11: 3}[dct.month]
    year = dct.year
    if "last" in mods or "past" in mods:
        year = dct.year if order[code] < cur else dct.year - 1
    elif "next" in mods or "coming" in mods:
        year = dct.year if order[code] > cur else dct.year + 1
    elif "this" not in mods and order[code] > cur and not _future(ctx, m.start(), m.end()):
        year = dct.year - 1
    return f"{year}-{code}", "DATE"


def _tx_quarter(m: re.Match[str], ctx: _TxCtx) -> tuple[str, str] | None:
    """ "the third quarter", "third-quarter", "the year-ago quarter", "the latest period" -> 1989-Q3."""
    g = m.groupdict()
    pre = (g["pre"] or "").lower()
    mods = re.sub(
        r"(?<=\w)-(?=(?:first|second|third|fourth|1st|2nd|3rd|4th|quarter)\b)", " ", (g["mods"] or "").lower()
    )
    mods = mods.split()
    post = re.sub(r"\s+", " ", (g["post"] or "").lower())
    unit = g["unit"].lower()
    if not pre and not mods:
        return None
    if pre in ("a", "an") and not mods:
        return None
    if unit == "period" and not (
        set(mods) & {"latest", "year-ago", "year-earlier", "comparable", "corresponding", "same", "current"}
        or any(re.fullmatch(r"\d{4}", w) for w in mods)
    ):
        return None
    dct = ctx.dct
    recent = ctx.last_quarter if ctx.last_quarter and m.start() - ctx.last_quarter[2] < 2000 else None
    if recent is not None:
        year, q = recent[0], recent[1]
    else:
        q = _quarter_of(dct) - 1 or 4
        year = dct.year if q != 4 or dct.month > 3 else dct.year - 1
    explicit_q = [w for w in mods if w in _ORD_WORDS]
    years = [int(w) for w in mods if re.fullmatch(r"\d{4}", w)]
    if explicit_q:
        q = _ORD_WORDS[explicit_q[0]]
        year = dct.year if q <= _quarter_of(dct) or _future(ctx, m.start(), m.end()) else dct.year - 1
        if recent is not None and recent[1] == q:
            year = recent[0]
    if "current" in mods or pre == "this" and not explicit_q:
        year, q = dct.year, _quarter_of(dct)
    if "previous" in mods or "past" in mods and not explicit_q:
        year, q = (year, q - 1) if q > 1 else (year - 1, 4)
    py = re.search(r"\d{4}", post)
    if years:
        year = years[0]
    elif py:
        year = int(py.group(0))
    elif pre == "last year's" or "year-ago" in mods or "year-earlier" in mods or "last year" in post or "ago" in post:
        year -= 1
    elif pre == "next year's" or "next year" in post:
        year = dct.year + 1
    elif pre == "this year's" or "this year" in post:
        year = dct.year
    if unit == "quarter" or explicit_q or recent is not None or years:
        if "year-ago" not in mods and "year-earlier" not in mods and pre != "last year's" and not years:
            ctx.last_quarter = (year, q, m.end())
        elif ctx.last_quarter is not None:
            ctx.last_quarter = (ctx.last_quarter[0], ctx.last_quarter[1], m.end())
        return f"{year}-Q{q}", "DATE"
    return f"{year}-Q{q}", "DATE"


def _tx_yearago(m: re.Match[str], ctx: _TxCtx) -> tuple[str, str] | None:
    """ "year-earlier results": the quarter under discussion a year before, else the year before the DCT."""
    recent = ctx.last_quarter
    if recent is not None and m.start() - recent[2] < 2000:
        return f"{recent[0] - 1}-Q{recent[1]}", "DATE"
    return str(ctx.dct.year - 1), "DATE"


def _tx_half(m: re.Match[str], ctx: _TxCtx) -> tuple[str, str] | None:
    """ "the first half of 1990" -> 1990-H1."""
    g = m.groupdict()
    if not g["y"] and not re.search(r"year", m.group(0), re.IGNORECASE):
        return None
    year = int(g["y"]) if g["y"] else ctx.dct.year + {"next": 1, "last": -1}.get((g["rel"] or "").lower(), 0)
    return f"{year}-H{1 if g['h'].lower() == 'first' else 2}", "DATE"


def _granular(d: date, unit: str, ctx: _TxCtx, start: int) -> str:
    """A point in time at the granularity of the unit that reached it ("a year ago" -> "1988")."""
    if unit == "day":
        return d.isoformat()
    if unit == "week":
        return _iso_week(d)
    if unit == "month":
        return f"{d.year}-{d.month:02d}"
    if unit == "quarter":
        return f"{d.year}-Q{_quarter_of(d)}"
    if unit == "decade":
        return str(d.year)[:3]
    if unit == "century":
        return str(d.year)[:2]
    return str(d.year)


def _tx_ago(m: re.Match[str], ctx: _TxCtx) -> tuple[str, str] | None:
    """ "three days ago", "a year earlier", "five years ago", "two weeks from now"."""
    g = m.groupdict()
    unit = g["unit"].lower().rstrip("s")
    unit = "century" if unit.startswith("centur") else unit
    if unit in ("second", "minute", "hour", "millennium", "fortnight", "night"):
        return None
    direction = g["dir"].lower()
    sign = -1 if direction in ("ago", "earlier", "before") else 1
    n = _num(g["n"])
    if n is None:
        return ("PAST_REF" if sign < 0 else "FUTURE_REF"), "DATE"
    recent = ctx.last_quarter
    if unit == "year" and n == 1 and recent is not None and m.start() - recent[2] < 400:
        return f"{recent[0] - 1}-Q{recent[1]}", "DATE"
    dct = ctx.dct
    if unit == "day":
        d = dct + timedelta(days=sign * n)
    elif unit == "week":
        d = dct + timedelta(weeks=sign * n)
    elif unit in ("month", "quarter"):
        y, mo = _shift_month(dct.year, dct.month, sign * n * (3 if unit == "quarter" else 1))
        d = date(y, mo, 1)
    else:
        years = n * {"year": 1, "decade": 10, "century": 100}[unit]
        d = date(dct.year + sign * years, 1, 1)
    return _granular(d, unit, ctx, m.start()), "DATE"


def _tx_relunit(m: re.Match[str], ctx: _TxCtx) -> tuple[str, str] | None:
    """ "last week", "this year", "next month", "earlier this month", "the weekend", "year-end"."""
    g = m.groupdict()
    dct = ctx.dct
    if g["full"]:
        return str(dct.year), "DATE"
    if g["ye"]:
        return (str(dct.year) if "year" in g["ye"].lower() else f"{dct.year}-{dct.month:02d}"), "DATE"
    rel = re.sub(r"\s+", " ", (g["rel"] or "the").lower())
    unit = (g["unit"] or g["unit2"]).lower()
    edge = (g["edge"] or g["edge2"] or "").lower()
    if unit == "year" and rel == "the" and re.match(r"\s+(?:ended|ending|to)\b", ctx.text[m.end() : m.end() + 10]):
        return "P1Y", "DURATION"
    if rel == "that":
        if unit == "year" and ctx.last_year is not None:
            return str(ctx.last_year), "DATE"
        return None
    shift = 0
    if rel in ("last", "the previous", "the past", "the last", "this past") and not (
        unit == "week" and rel in ("the past", "the last")
    ):
        shift = -1
    elif rel in ("next", "the following", "the coming", "the next", "this coming"):
        shift = 1
    if unit == "weekend":
        back = (dct.weekday() - 5) % 7
        sat = dct - timedelta(days=back)
        if shift == 1 or (rel == "this" and back > 1 and _future(ctx, m.start(), m.end())):
            sat = dct + timedelta(days=(5 - dct.weekday()) % 7 or 7)
        elif shift == -1 and back < 2 and rel == "last":
            sat -= timedelta(days=7)
        return _iso_week(sat) + "-WE", "DATE"
    if unit == "week":
        return _iso_week(dct + timedelta(weeks=shift)), "DATE"
    if unit == "month":
        y, mo = _shift_month(dct.year, dct.month, shift)
        return f"{y}-{mo:02d}", "DATE"
    if unit == "year":
        if rel == "the" and not edge and re.match(r"\s+(?:ended|ending)", ctx.text[m.end() : m.end() + 10]):
            return "P1Y", "DURATION"
        return str(dct.year + shift), "DATE"
    if unit == "decade":
        return str(dct.year + 10 * shift)[:3], "DATE"
    return str(dct.year + 100 * shift)[:2], "DATE"


def _tx_relday(m: re.Match[str], ctx: _TxCtx) -> tuple[str, str] | None:
    """ "yesterday", "tomorrow morning", "last night", "this evening", "the next day"."""
    g = m.groupdict()
    low = re.sub(r"\s+", " ", m.group(0).lower())
    dct = ctx.dct
    word = (g["word"] or "").lower()
    part = (g["part"] or g["part2"] or "").lower()
    if "day before yesterday" in low:
        return (dct - timedelta(days=2)).isoformat(), "DATE"
    if "day after tomorrow" in low:
        return (dct + timedelta(days=2)).isoformat(), "DATE"
    if low in ("last night", "overnight"):
        return f"{(dct - timedelta(days=1)).isoformat()}TNI", "TIME"
    if (off := story_shift(low)) is not None:
        return (dct + timedelta(days=off)).isoformat(), "DATE"
    off = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
    day = (dct + timedelta(days=off)).isoformat()
    if part:
        return f"{day}T{_PART[part]}", "TIME"
    return day, "DATE"


_WEEKLY_RITE = re.compile(
    r"\s+(?:prayers?|sermons?|services?|mass|worship|worshippers|market|bazaar|edition|newspapers?|school)\b", re.I
)


# A happening during one rite: "exploded during a Sunday service", "as worshippers left Friday prayers" date it.
_AT_RITE = re.compile(
    # (a feast's name may stand before the day: "during Pentecost Sunday mass", "at the Palm Sunday service")
    r"\b(?:during|at|after|leaving|attending|left|following)\s+(?:a\s+|the\s+|their\s+|its\s+)?"
    r"(?:(?-i:[A-Z][a-z]+)\s+)?$",
    re.I,
)
_RITE_HELD = re.compile(r"\s+(?:prayers?|services?|mass|worship)\b", re.I)


def _tx_weekday(m: re.Match[str], ctx: _TxCtx) -> tuple[str, str] | None:
    """ "Friday", "last Tuesday", "Wednesday night", "noon Saturday"."""
    g = m.groupdict()
    mod = (g["mod"] or "").lower()
    wd = _WEEKDAYS[g["wd"].lower()]
    if (
        ctx.past_only
        and not mod
        and not g["part"]
        and _WEEKLY_RITE.match(ctx.text, m.end())
        and not (_AT_RITE.search(ctx.text, 0, m.start()) and _RITE_HELD.match(ctx.text, m.end()))
    ):
        # event dating: "leaving Friday prayers", "the Sunday market" name a weekly rite, not a day of this week
        # (TimeML still marks them as time expressions)
        return None
    if g["pl"]:
        return f"XXXX-WXX-{wd + 1}T{_PART[g['part'].lower()]}", "SET"
    d = _weekday_date(wd, mod if mod not in ("noon", "midnight") else "", ctx, m.start(), m.end())
    if mod == "noon":
        return f"{d.isoformat()}T12:00", "TIME"
    if mod == "midnight":
        return f"{d.isoformat()}T24:00", "TIME"
    return d.isoformat(), "DATE"  # "Friday night": TimeBank mostly gives the day alone


def _easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ll = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ll) // 451
    month = (h + ll - 7 * m + 114) // 31
    day = (h + ll - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th weekday of a month (n = -1: the last)."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year, month, calendar.monthrange(year, month)[1])
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _holiday_date(name: str, year: int) -> date | None:
    """The day of a named holiday in a year."""
    n = re.sub(r"\s+", " ", name.lower())
    fixed = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24), "new year's": (1, 1),
             "new year's day": (1, 1), "new year's eve": (12, 31), "halloween": (10, 31),
             "independence day": (7, 4), "valentine's day": (2, 14), "veterans day": (11, 11),
             "boxing day": (12, 26)}  # fmt: skip
    if n in fixed:
        return date(year, *fixed[n])
    if n.startswith("thanksgiving"):
        return _nth_weekday(year, 11, 3, 4)
    if n.startswith("easter"):
        e = _easter(year)
        return e + timedelta(days=1) if n.endswith("monday") else e
    if n == "labor day":
        return _nth_weekday(year, 9, 0, 1)
    if n == "memorial day":
        return _nth_weekday(year, 5, 0, -1)
    if n == "election day":
        return _nth_weekday(year, 11, 0, 1) + timedelta(days=1)
    return None


def _tx_holiday(m: re.Match[str], ctx: _TxCtx) -> tuple[str, str] | None:
    """ "Thanksgiving Day", "last Christmas", "Easter week"."""
    name = m.group("hd")
    mod = (m.group("mod") or "").lower()
    dct = ctx.dct
    days = {y: _holiday_date(name, y) for y in (dct.year - 1, dct.year, dct.year + 1)}
    if days[dct.year] is None:
        return None
    if mod == "last":
        year = max(y for y, d in days.items() if d is not None and d < dct)
    elif mod == "next":
        year = min(y for y, d in days.items() if d is not None and d > dct)
    elif mod == "this":
        year = dct.year
    else:
        fut = _future(ctx, m.start(), m.end())
        scored = []
        for y, d in days.items():
            if d is not None:
                delta = (d - dct).days
                scored.append((abs(delta) + (150 if (delta > 0) != fut and delta != 0 else 0), y))
        year = min(scored)[1]
    d = days[year]
    if d is None:
        return None
    if name.lower().endswith("week"):
        return _iso_week(d), "DATE"
    return d.isoformat(), "DATE"


def _tx_ref(m: re.Match[str], ctx: _TxCtx) -> tuple[str, str] | None:
    """ "now" PRESENT_REF, "recently" PAST_REF, "the future" FUTURE_REF."""
    if m.group("present"):
        return "PRESENT_REF", "DATE"
    if m.group("past"):
        return "PAST_REF", "DATE"
    return "FUTURE_REF", "DATE"


def _tx_duration(m: re.Match[str], ctx: _TxCtx) -> tuple[str, str] | None:
    """ "two years", "the past two months", "24 hours", "the first nine months", "several weeks"."""
    g = m.groupdict()
    unit = g["unit"].lower()
    plural = unit.endswith("s") and not unit.endswith("ss")
    mod = (g["mod"] or "").lower()
    det = (g["det"] or "").lower()
    base = unit.rstrip("s")
    base = "century" if base.startswith("centur") else "millennium" if base.startswith("millenni") else base
    if g["n"] is None:
        if mod in ("past", "last", "previous", "latest") and not plural and det == "the":
            # "the past year" is the year before the DCT; "the last week" is the current week
            if base == "year":
                return str(ctx.dct.year - 1), "DATE"
            if base == "week":
                return _iso_week(ctx.dct), "DATE"
            if base == "decade":
                return str(ctx.dct.year - 10)[:3], "DATE"
            if base == "month":
                y, mo = _shift_month(ctx.dct.year, ctx.dct.month, -1)
                return f"{y}-{mo:02d}", "DATE"
        if mod == "recent" and plural:
            return ("PAST_REF", "DATE") if base in ("year", "day") else (_duration(None, base), "DURATION")
        if not plural:
            if det == "the" and mod in ("next", "coming", "following") and base in ("year", "month", "week"):
                return None  # handled as relunit
            if mod in ("entire", "whole", "first", "final") and det:
                return _duration(1, base), "DURATION"
            return None
        if base in ("quarter",) and not mod:
            return None
        return _duration(None, base), "DURATION"
    ntxt = g["n"].lower()
    if ntxt in ("some", "many") and not g["qual"]:
        return None
    if (
        ntxt in ("an", "a")
        and not g["qual"]
        and not det
        and not mod
        and base not in ("year", "week", "month", "day", "hour", "minute", "decade")
    ):
        return None
    n = _num(g["n"])
    if base == "quarter" and n is not None and mod in ("next", "first", "coming", "final", "remaining"):
        return f"P{3 * n}M", "DURATION"
    return _duration(n, base, _has_half(g["n"]) or bool(g["half"])), "DURATION"


def _tx_adjdur(m: re.Match[str], ctx: _TxCtx) -> tuple[str, str] | None:
    """ "two-year", "10-year", "five-hour", "day-long", "8-month-old"."""
    g = m.groupdict()
    if g["unit2"]:
        base = g["unit2"].lower()
        plural = base.endswith("s") and base != "days"
        b = base.rstrip("s")
        b = "century" if b.startswith("centur") else b
        return _duration(None if plural else 1, b), "DURATION"
    ntxt = g["n"].lower()
    if ntxt in ("an", "a", "some", "many"):
        return None
    n = _num(g["n"])
    if g["old"] == "-old" and g["unit"].lower() == "year":
        return None  # ages ("24-year-old") are left out, as in most TimeML corpora
    return _duration(n, g["unit"].lower()), "DURATION"


def _tx_set(m: re.Match[str], ctx: _TxCtx) -> tuple[str, str] | None:
    """ "daily", "every month", "each Thursday", "twice a year"."""
    g = m.groupdict()
    if g["wd"]:
        return f"XXXX-WXX-{_WEEKDAYS[g['wd'].lower()] + 1}", "SET"
    if g["mon"]:
        return f"XXXX-{_month_num(g['mon']):02d}", "SET"
    word = re.sub(r"\s+", " ", (g["unit"] or g["ly"] or "").lower())
    word = {
        "daily": "day",
        "nightly": "night",
        "weekly": "week",
        "monthly": "month",
        "annually": "year",
        "yearly": "year",
        "hourly": "hour",
        "quarterly": "quarter",
        "semiannually": "semiannual",
    }.get(word, word)
    for key, val in (("hour", "PT1H"), ("minute", "PT1M"), ("second", "PT1S"), ("day", "P1D"), ("nightly", "P1D"),
                     ("night", "P1D"), ("weekend", "P1WE"), ("biweekly", "P2W"), ("week", "P1W"), ("month", "P1M"),
                     ("quarter", "P1Q"), ("semiannual", "P6M"), ("annual", "P1Y"), ("year", "P1Y"),
                     ("morning", "TMO"), ("afternoon", "TAF"), ("evening", "TEV")):  # fmt: skip
        if key in word:
            if val.startswith("T"):
                return f"XXXX-XX-XX{val}", "SET"
            return val, "SET"
    return None


_TIMEX_HANDLERS = {
    "clock": _tx_clock,
    "iso": _tx_day,
    "mdy": _tx_day,
    "dmy": _tx_day,
    "year": _tx_year,
    "decade": _tx_decade,
    "century": _tx_century,
    "season": _tx_season,
    "quarter": _tx_quarter,
    "half": _tx_half,
    "yearago": _tx_yearago,
    "ago": _tx_ago,
    "relunit": _tx_relunit,
    "relday": _tx_relday,
    "weekday": _tx_weekday,
    "holiday": _tx_holiday,
    "ref": _tx_ref,
    "duration": _tx_duration,
    "adjdur": _tx_adjdur,
    "set": _tx_set,
}
_PRIORITY = {name: i for i, (name, _) in enumerate(_TIMEX_PATTERNS)}
_WORD_EDGE = re.compile(r"[\w']")


def _timex_candidates(text: str) -> list[tuple[int, int, str, re.Match[str]]]:
    """All pattern matches on word boundaries, longest first among overlaps (ties: earlier pattern)."""
    return list(_timex_candidates_cached(text))


@lru_cache(maxsize=4096)
def _timex_candidates_cached(text: str) -> tuple[tuple[int, int, str, re.Match[str]], ...]:
    """The pattern scan depends on the text alone: counts (no publication date) and frames (with one) share it."""
    cands: list[tuple[int, int, str, re.Match[str]]] = []
    present = literals_in(text)
    for name, rx, gate in _TIMEX_GATED:
        if not may_match(gate, present) or not meets_all(_TIMEX_CLAUSES[name], present):
            continue
        pos = 0
        while True:
            m = rx.search(text, pos)
            if m is None:
                break
            s, e = m.span()
            pos = s + 1
            if e == s:
                continue
            if (s > 0 and _WORD_EDGE.match(text[s - 1]) and _WORD_EDGE.match(text[s])) or (
                e < len(text) and _WORD_EDGE.match(text[e]) and _WORD_EDGE.match(text[e - 1])
            ):
                continue
            cands.append((s, e, name, m))
            pos = e if name not in ("duration", "ref", "relunit") else s + 1
    cands.sort(key=lambda c: (-(c[1] - c[0]), _PRIORITY[c[2]], c[0]))
    return tuple(cands)


def find_timexes(text: str, dct: date | None) -> list[tuple[int, int, str, str]]:
    """TIMEX3-style time expressions in text as (start, end, value, type), values relative to the DCT."""
    return [(t.start, t.end, t.value, t.type) for t in _find_timex_objects(text, dct)]


@dataclass
class _TxFound:
    """A resolved time expression (internal: find_dates reads the pattern name too)."""

    start: int
    end: int
    value: str
    type: str
    rule: str


def _find_timex_objects(text: str, dct: date | None, past_only: bool = False) -> list[_TxFound]:
    """Pick non-overlapping candidates, then resolve them left to right (quarters and years carry context)."""
    anchor = dct or date(2000, 1, 1)
    chosen: list[tuple[int, int, str, re.Match[str]]] = []
    for s, e, name, m in _timex_candidates(text):
        if any(s < ce and cs < e for cs, ce, _, _ in chosen):
            continue
        chosen.append((s, e, name, m))
    chosen.sort(key=lambda c: c[0])
    ctx = _TxCtx(anchor, text, past_only=past_only)
    out: list[_TxFound] = []
    for s, e, name, m in chosen:
        res = _TIMEX_HANDLERS[name](m, ctx) if name not in ("month", "monthyear") else _tx_month(m, ctx, name)
        if res is None:
            continue
        if text[e - 2 : e] in ("'s", "’s"):
            e -= 2  # "Friday's" -> "Friday"
        while e > s and text[e - 1] in ".,;:" and not re.search(r"(?:[ap]\.m|[A-Z][a-z]{2})\.$", text[s:e]):
            e -= 1
        out.append(_TxFound(s, e, res[0], res[1], name))
    return out


def timex_value(phrase: str, dct: date) -> str | None:
    """The TIMEX3 value of one temporal phrase relative to the DCT, with the same rules as find_timexes."""
    p = phrase.strip()
    found = _find_timex_objects(p, dct)
    if not found:
        return None
    best = max(found, key=lambda t: t.end - t.start)
    return best.value
