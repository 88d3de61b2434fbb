"""Date expressions in news sentences, anchored on the publication date.

News conventions used here (ACLED time_precision: 1 day, 2 week/approximate, 3 month):
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
from dataclasses import dataclass
from datetime import date, datetime, timedelta

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
_DAYPART = r"(?:\s+(?:morning|afternoon|evening|night|midday|noon|dawn))?"
_DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_NUMWORD = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|a\s+few|several|a\s+couple\s+of)"

_WORD_NUMS = {
    "a": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}


@dataclass
class DateMention:
    """One date phrase in a text, with the day it stands for and how precise that is."""

    start: int
    end: int
    text: str
    value: date | None  # resolved calendar day (for week/month precision: the representative day)
    precision: int  # ACLED time_precision: 1 = day, 2 = within a week / approximate, 3 = within a month or longer
    relative: bool  # True for "on Tuesday", "yesterday"...
    kind: str = "day"  # "day", "weekday", "week", "month", "year": "year" is never an event date


# Each pattern: (name, regex). Order matters: earlier patterns win on overlaps.
_PATTERNS: list[tuple[str, str]] = [
    ("iso", rf"\b(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b"),
    (
        "mdy",
        rf"\b(?:(?i:on)\s+)?(?:(?:{_WEEKDAY}),?\s+)?(?P<mon>{_MONTH})\s+(?P<d>{_DAYNUM})\b(?!:)(?:,?\s+(?P<y>{_YEAR})\b)?",
    ),
    (
        "dmy",
        rf"\b(?:(?i:on)\s+)?(?:(?:{_WEEKDAY}),?\s+)?(?:the\s+)?(?P<d>{_DAYNUM})\s+(?:of\s+)?(?P<mon>{_MONTH})(?![a-z])"
        rf"(?:,?\s+(?P<y>{_YEAR})\b)?",
    ),
    ("dayrel", r"\bthe\s+day\s+before\s+yesterday\b"),
    ("ago", rf"\b(?P<n>{_NUMWORD})\s+(?P<unit>days?|weeks?|months?)\s+ago\b"),
    (
        "rel",
        r"\b(?:earlier\s+today|later\s+today|yesterday(?:\s+(?:morning|afternoon|evening))?|today|tonight"
        r"|this\s+(?:morning|afternoon|evening)|last\s+night|overnight|the\s+(?:previous|preceding)\s+(?:day|night)"
        r"|the\s+day\s+before|the\s+night\s+before)\b",
    ),
    (
        "weekday",
        rf"\b(?:(?P<mod>(?i:last|this|next|on|early|late|since))\s+)?(?:(?i:early|late)\s+)?(?P<wd>{_WEEKDAY})"
        rf"(?:'s)?{_DAYPART}\b",
    ),
    ("week", r"\b(?:last\s+week|earlier\s+this\s+week|this\s+week|the\s+previous\s+week|the\s+past\s+week)\b"),
    ("weekend", r"\b(?:at|over|during|this|last)\s+the\s+weekend\b|\b(?:this|last)\s+weekend\b"),
    ("thismonth", r"\b(?:earlier|later)\s+this\s+month\b|\bthis\s+month\b|\bso\s+far\s+this\s+month\b"),
    ("lastmonth", r"\blast\s+month\b|\bthe\s+previous\s+month\b"),
    (
        "monthyear",
        rf"\b(?:(?i:in|during|since|until|by|of|early|late|mid|end\s+of|beginning\s+of)[\s-]+)?(?P<mon>{_MONTH})"
        rf",?\s+(?P<y>{_YEAR})\b",
    ),
    (
        "month",
        rf"\b(?P<prep>(?i:in|during|since|until|by|early|late|mid|last|this|end\s+of|beginning\s+of))[\s-]+"
        rf"(?:early\s+|late\s+)?"
        rf"(?P<mon>{_MONTH})(?![\w-])",
    ),
    ("year", rf"\b(?i:in|during|since|until|by|of)\s+(?:early\s+|late\s+|mid-?)?(?P<y>{_YEAR})\b(?![\w-])"),
]
# Month names are matched case-sensitively (a capital letter) so that "may" or "march" stay words.
_CASELESS = {"rel", "week", "weekend", "thismonth", "lastmonth", "dayrel", "ago"}
_COMPILED = [(name, re.compile(rx, re.IGNORECASE) if name in _CASELESS else re.compile(rx)) for name, rx in _PATTERNS]


def _month_num(token: str) -> int:
    """Month number from a (possibly abbreviated, dotted) month name."""
    return _MONTHS[token.rstrip(".").lower()]


def _safe_date(y: int, m: int, d: int) -> date | None:
    """A date, or None for impossible days (31 September)."""
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _day_month(m: re.Match[str], published: date | None) -> tuple[date | None, bool]:
    """An absolute day; no year: the publication year, or the one before when that lands after publication."""
    day = int(re.sub(r"\D", "", m.group("d")))
    month = _month_num(m.group("mon"))
    if m.group("y"):
        return _safe_date(int(m.group("y")), month, day), False
    if published is None:
        return None, False
    value = _safe_date(published.year, month, day)
    if value is not None and value > published:
        value = _safe_date(published.year - 1, month, day)
    return value, False


def _weekday(m: re.Match[str], published: date | None) -> date | None:
    """Latest such weekday on or before publication ("last": strictly before, "next": strictly after)."""
    if published is None:
        return None
    target = _WEEKDAYS[m.group("wd").lower()]
    mod = (m.group("mod") or "").lower()
    if mod == "next":
        ahead = (target - published.weekday()) % 7 or 7
        return published + timedelta(days=ahead)
    back = (published.weekday() - target) % 7
    if mod == "last" and back == 0:
        back = 7
    return published - timedelta(days=back)


def _month_only(month: int, year: int | None, published: date | None) -> date | None:
    """Representative day of a month: the 15th, or the publication day if that is earlier in the same month."""
    if year is None:
        if published is None:
            return None
        year = published.year if month <= published.month else published.year - 1
    value = date(year, month, 15)
    if published is not None and (published.year, published.month) == (year, month) and published.day < 15:
        value = published
    return value


def _relative_word(phrase: str, published: date | None) -> date | None:
    """Days named relative to publication: yesterday, today, last night..."""
    if published is None:
        return None
    p = phrase.lower()
    if "before yesterday" in p:
        return published - timedelta(days=2)
    if any(
        w in p for w in ("yesterday", "last night", "overnight", "previous", "preceding", "day before", "night before")
    ):
        return published - timedelta(days=1)
    return published


def _ago(m: re.Match[str], published: date | None) -> tuple[date | None, int]:
    """ "three days ago" and friends."""
    n_txt = re.sub(r"\s+", " ", m.group("n").lower())
    n = int(n_txt) if n_txt.isdigit() else _WORD_NUMS.get(n_txt, 3 if "few" in n_txt or "several" in n_txt else 2)
    unit = m.group("unit").lower()
    if published is None:
        return None, 1
    if unit.startswith("day"):
        return published - timedelta(days=n), 1 if n_txt not in ("a few", "several") else 2
    if unit.startswith("week"):
        return published - timedelta(weeks=n), 2
    month = (published.month - n - 1) % 12 + 1
    year = published.year + (published.month - n - 1) // 12
    return _safe_date(year, month, 15), 3


def _resolve(name: str, m: re.Match[str], published: date | None) -> tuple[date | None, int, bool, str] | None:
    """(value, precision, relative, kind) for one regex match, or None when it is not a date after all."""
    if name == "iso":
        return _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d"))), 1, False, "day"
    if name in ("mdy", "dmy"):
        value, _ = _day_month(m, published)
        if value is None and published is not None:
            return None
        return value, 1, not bool(m.group("y")), "day"
    if name in ("rel", "dayrel"):
        return _relative_word(m.group(0), published), 1, True, "day"
    if name == "ago":
        value, prec = _ago(m, published)
        return value, prec, True, "day" if prec == 1 else "week" if prec == 2 else "month"
    if name == "weekday":
        return _weekday(m, published), 1, True, "weekday"
    if name == "week":
        if published is None:
            return None, 2, True, "week"
        monday = published - timedelta(days=published.weekday())
        if m.group(0).lower().startswith(("last", "the previous")):
            return monday - timedelta(days=5), 2, True, "week"
        if "past" in m.group(0).lower():
            return published - timedelta(days=3), 2, True, "week"
        return min(monday + timedelta(days=2), published), 2, True, "week"
    if name == "weekend":
        if published is None:
            return None, 2, True, "week"
        back = (published.weekday() - 5) % 7
        if m.group(0).lower().startswith("last") and back < 2:
            back += 7
        return published - timedelta(days=back), 2, True, "week"
    if name == "thismonth":
        return published, 3, True, "month"
    if name == "lastmonth":
        if published is None:
            return None, 3, True, "month"
        first = published.replace(day=1) - timedelta(days=1)
        return first.replace(day=15), 3, True, "month"
    if name == "monthyear":
        return _month_only(_month_num(m.group("mon")), int(m.group("y")), published), 3, False, "month"
    if name == "month":
        month = _month_num(m.group("mon"))
        value = _month_only(month, None, published)
        if value is not None and m.group("prep").lower() == "last" and value.month == published.month:  # type: ignore[union-attr]
            value = value.replace(year=value.year - 1)
        return value, 3, True, "month"
    if name == "year":
        return date(int(m.group("y")), 7, 1), 3, False, "year"
    return None


def find_dates(text: str, published: date | None) -> list[DateMention]:
    """Every date phrase in text, resolved against the publication date (see module docstring for the rules)."""
    taken: list[tuple[int, int]] = []
    out: list[DateMention] = []
    for name, rx in _COMPILED:
        for m in rx.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            res = _resolve(name, m, published)
            if res is None:
                continue
            value, precision, relative, kind = res
            taken.append((s, e))
            out.append(DateMention(s, e, m.group(0), value, precision, relative, kind))
    out.sort(key=lambda d: d.start)
    return out


def _dateparser(phrase: str, published: date | None) -> date | None:
    """dateparser on one phrase already judged to be a date (English only, past-leaning)."""
    import dateparser  # slow import: only when needed

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past"}
    if published is not None:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    parsed = dateparser.parse(phrase, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


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


# --- TimeML / TIMEX3 values, for evaluation against TempEval-style annotations -------------------------------------

_DURATION_UNITS = {
    "second": "S",
    "minute": "M",
    "hour": "H",
    "day": "D",
    "night": "D",
    "week": "W",
    "month": "M",
    "year": "Y",
    "decade": "DE",
    "century": "CE",
}
_DURATION_RE = re.compile(
    r"^(?:the\s+(?:past|last|next|previous|first)\s+|(?:about|some|nearly|almost|more\s+than|over|at\s+least)\s+)?"
    r"(?P<n>[\w-]+(?:\s+[\w-]+)?)?\s*(?P<unit>seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?|decades?"
    r"|centur(?:y|ies))(?:\s+long)?$",
    re.IGNORECASE,
)
_PRESENT = {"now", "currently", "at present", "present", "nowadays", "at the moment", "right now", "the present"}
_PAST = {"recently", "previously", "in the past", "the past", "formerly", "earlier", "once", "lately", "before", "past"}
_FUTURE = {"soon", "in the future", "the future", "future", "later", "eventually", "shortly"}
_SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
_DAYPARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}


def _duration_value(phrase: str) -> str | None:
    """ "five years" -> P5Y, "24 hours" -> PT24H, "several days" -> PXD."""
    m = _DURATION_RE.match(phrase.strip())
    if not m:
        return None
    unit_word = m.group("unit").lower().rstrip("s")
    unit_word = "century" if unit_word.startswith("centur") else unit_word
    unit = _DURATION_UNITS[unit_word]
    n_txt = (m.group("n") or "").lower().strip()
    if n_txt in ("", "a", "an", "one", "the"):
        n: str = "1"
    elif n_txt in ("several", "few", "a few", "many", "some", "couple", "a couple of"):
        n = "X"
    else:
        from warlog.extract.numbers import parse_number

        parsed = parse_number(n_txt)
        if parsed is None:
            return None
        n = str(parsed)
    if unit_word == "decade":
        return f"P{int(n) * 10}Y" if n != "X" else "PXDE"
    prefix = "PT" if unit_word in ("second", "minute", "hour") else "P"
    return f"{prefix}{n}{unit}"


def _iso_week(d: date) -> str:
    """ISO week label as TIMEX3 writes it: 2016-W39."""
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def timex_value(phrase: str, dct: date) -> str | None:
    """A first TIMEX3 value for a temporal phrase, relative to the document creation time (TempEval-3 style)."""
    p = re.sub(r"\s+", " ", phrase.strip()).strip(".,")
    low = p.lower()
    if not low:
        return None
    if low in _PRESENT or low in ("today's", "this time"):
        return "PRESENT_REF"
    if low in _PAST:
        return "PAST_REF"
    if low in _FUTURE:
        return "FUTURE_REF"
    m = re.fullmatch(r"(?:the\s+)?(?:(?P<when>this|last|next)\s+)?(?P<s>spring|summer|autumn|fall|winter)", low)
    if m:
        y = dct.year + {"last": -1, "next": 1}.get(m.group("when") or "", 0)
        return f"{y}-{_SEASONS[m.group('s')]}"
    m = re.fullmatch(r"(?:the\s+)?(?P<q>first|second|third|fourth)\s+quarter(?:\s+of\s+(?P<y>\d{4}))?", low)
    if m:
        q = ["first", "second", "third", "fourth"].index(m.group("q")) + 1
        return f"{m.group('y') or dct.year}-Q{q}"
    m = re.fullmatch(r"(?:the\s+)?(?P<dec>1[89]\d|20\d)0s", low)
    if m:
        return m.group("dec")
    if low in ("this year", "the year", "this year's"):
        return str(dct.year)
    if low in ("last year", "the previous year", "a year ago", "last year's"):
        return str(dct.year - 1)
    if low in ("next year",):
        return str(dct.year + 1)
    if low in ("this month", "earlier this month", "the month"):
        return f"{dct.year}-{dct.month:02d}"
    if low in ("last month", "the previous month"):
        prev = dct.replace(day=1) - timedelta(days=1)
        return f"{prev.year}-{prev.month:02d}"
    if low in ("next month",):
        nxt = (dct.replace(day=28) + timedelta(days=4)).replace(day=1)
        return f"{nxt.year}-{nxt.month:02d}"
    if low in ("this week", "earlier this week", "the week"):
        return _iso_week(dct)
    if low in ("last week", "the previous week"):
        return _iso_week(dct - timedelta(days=7))
    if low in ("next week",):
        return _iso_week(dct + timedelta(days=7))
    if low in ("this weekend", "the weekend", "over the weekend", "at the weekend", "last weekend"):
        return _iso_week(dct - timedelta(days=(dct.weekday() - 5) % 7)) + "-WE"
    m = re.fullmatch(
        r"(?:this|tonight|(?:yesterday|today)\s+)?\s*(morning|afternoon|evening|night)|tonight|last night", low
    )
    if m:
        part = "night" if low in ("tonight", "last night") else m.group(1)
        day = dct - timedelta(days=1) if low.startswith(("yesterday", "last")) else dct
        return f"{day.isoformat()}T{_DAYPARTS[part]}"
    if re.fullmatch(r"(?:in\s+|during\s+)?\d{4}", low):
        return low[-4:]
    dur = _duration_value(p)
    if dur is not None:
        return dur
    m = re.fullmatch(rf"(?:in\s+|during\s+)?(?P<mon>{_MONTH})(?:,?\s+(?P<y>\d{{4}}))?", p, re.IGNORECASE)
    if m:
        month = _month_num(m.group("mon"))
        year = int(m.group("y")) if m.group("y") else (dct.year if month <= dct.month else dct.year - 1)
        return f"{year}-{month:02d}"
    found = [d for d in find_dates(p, dct) if d.value is not None]
    if found:
        d = found[0]
        if d.kind == "year":
            return str(d.value.year)  # type: ignore[union-attr]
        if d.kind == "month":
            return f"{d.value.year}-{d.value.month:02d}"  # type: ignore[union-attr]
        if d.kind == "week":
            return _iso_week(d.value)  # type: ignore[arg-type]
        return d.value.isoformat()  # type: ignore[union-attr]
    return None
