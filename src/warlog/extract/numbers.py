"""Quantities in news text: digits, number words and the vague words reporters use for tolls.

`find_numbers` returns one (start, end, value) per quantity phrase, with its qualifier ("at least 24") inside the
span. Each phrase is parsed on its own, so "two women and two children" gives two numbers, never 4: adding groups
up is counts.py's job. Vague words follow ACLED's codebook conventions: "dozens" 12, "scores" 20, "hundreds" 100,
"thousands" 1000, "several" 10 (ACLED's figure for "several"/"many"; "many" itself is not read as a number),
"tens" 10, "a few" 3; "a number of" and "an unknown/unspecified number of" 10, as ACLED codes a toll it knows only
to be plural ("an unknown number of regime forces, coded as an additional 10 fatalities").
"""

from __future__ import annotations

import re
from functools import lru_cache

from text_to_num import text2num

_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}

# Vague quantities (ACLED codebook: "dozens" = 12, "hundreds" = 100; "several"/"many" = 10 when nothing better).
VAGUE: dict[str, int] = {
    "a dozen": 12,
    "dozen": 12,
    "dozens": 12,
    "dozens of": 12,
    "scores": 20,
    "scores of": 20,
    "a score of": 20,
    "tens": 10,
    "tens of": 10,
    "several": 10,
    "hundreds": 100,
    "hundreds of": 100,
    "thousands": 1000,
    "thousands of": 1000,
    "tens of thousands": 10_000,
    "tens of thousands of": 10_000,
    "hundreds of thousands": 100_000,
    "hundreds of thousands of": 100_000,
    "a few": 3,
    "a handful of": 3,
    "a couple of": 2,
    "a pair of": 2,
    "a number of": 10,
    "an unknown number of": 10,
    "an unspecified number of": 10,
    "an undetermined number of": 10,
    "an unconfirmed number of": 10,
    "an unidentified number of": 10,
    "a hundred": 100,
    "a thousand": 1000,
}

_WORD = r"(?:" + "|".join(sorted(_UNITS + _TENS, key=len, reverse=True)) + r")"
_WORD_TOKEN = rf"(?:{_WORD}(?:-{_WORD})?|hundred|thousand|million|billion)"
# A run of number words: "one hundred and twelve", "twenty-four", "three thousand five hundred".
_WORD_RUN = rf"{_WORD_TOKEN}(?:(?:\s+and\s+|\s+|-)(?:{_WORD_TOKEN}))*"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?"
_SCALE_SUFFIX = r"(?:\s*(?:million|billion|thousand|hundred|bn\b))?"
_VAGUE = (
    r"tens\s+of\s+thousands(?:\s+of)?|hundreds\s+of\s+thousands(?:\s+of)?|a\s+(?:dozen|few|hundred|thousand)"
    r"|a\s+(?:handful|couple|pair|number|score)\s+of|an\s+un(?:known|specified|determined|confirmed|identified)\s+number\s+of"
    r"|dozens(?:\s+of)?|scores\s+of|tens\s+of|hundreds(?:\s+of)?"
    r"|thousands(?:\s+of)?|several|dozen"
)
QUALIFIER = (
    r"(?:at\s+least|at\s+most|more\s+than|less\s+than|fewer\s+than|no\s+(?:fewer|less)\s+than|up\s+to|as\s+many\s+as"
    r"|nearly|almost|about|around|some|over|roughly|approximately|an\s+estimated|close\s+to|upwards\s+of|just\s+over"
    r"|just\s+under|under|a\s+further|another|a\s+total\s+of|a\s+minimum\s+of|a\s+maximum\s+of|an\s+additional)"
)
_DOZENS = rf"(?:{_WORD_TOKEN}|\d+)\s+dozen(?!s)"  # "two dozen" is 24, not a vague "dozens"
_CORE = rf"{_DOZENS}|(?:{_DIGITS}){_SCALE_SUFFIX}|{_VAGUE}|{_WORD_RUN}"
# Qualifier words are only a qualifier when a number follows.
_NUMBER_RE = re.compile(
    rf"(?<![\w.,\-/])(?:(?P<qual>{QUALIFIER})\s+)?(?P<num>{_CORE})(?![\w/])",
    re.IGNORECASE,
)
_ARTICLE_RE = re.compile(r"(?<![\w\-])(?:a|an|one|another)(?=\s)", re.IGNORECASE)
_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)\b", re.IGNORECASE)


def _parse_digits(core: str) -> int | None:
    """Digits with thousands commas, decimals only with a scale word ("1.5 million")."""
    m = re.fullmatch(r"([\d.,]+)\s*(million|billion|thousand|hundred|m|bn)?", core.strip(), re.IGNORECASE)
    if not m:
        return None
    digits, scale = m.group(1).replace(",", ""), (m.group(2) or "").lower()
    if len(digits) > 15:
        return None  # a run of digits no count reaches (and float() would overflow)
    try:
        value = float(digits)
    except ValueError:
        return None
    mult = {"million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "thousand": 1e3, "hundred": 1e2, "": 1}[scale]
    if not scale and "." in digits:
        return None
    return int(round(value * mult))


def _parse_words(core: str) -> int | None:
    """Number words through text2num; None when the run is not one number."""
    norm = re.sub(r"\s+", " ", core.strip().lower())
    try:
        return int(text2num(norm, "en"))
    except ValueError:
        pass
    try:  # text2num rejects some hyphenated or "and" forms that are still one number
        return int(text2num(norm.replace("-", " ").replace(" and ", " "), "en"))
    except ValueError:
        return None


def parse_number(text: str) -> int | None:
    """The integer a quantity phrase stands for ("1,200", "twenty-four", "dozens", "at least 5"), else None."""
    t = re.sub(r"\s+", " ", text.strip().lower())
    if not t:
        return None
    t = re.sub(rf"^{QUALIFIER}\s+", "", t)
    if t in ("a", "an", "one", "single", "a single", "lone", "a lone"):
        return 1
    if t in VAGUE:
        return VAGUE[t]
    dozen = re.fullmatch(r"(.+?)\s+dozen", t)
    if dozen and dozen.group(1) not in ("a", "half a"):
        n = parse_number(dozen.group(1))
        return n * 12 if n is not None else None
    if re.match(r"^[\d.,]", t):
        return _parse_digits(t)
    m = re.fullmatch(rf"(?:a|{_WORD_RUN})\s+(million|billion)", t)
    if m and t.startswith("a "):
        return int(_SCALES[m.group(1)])
    return _parse_words(t)


def _split_word_run(start: int, core: str) -> list[tuple[int, int, int]]:
    """Parse a word run; if text2num refuses it as one number, fall back to each maximal parseable piece."""
    value = _parse_words(core)
    if value is not None:
        return [(start, start + len(core), value)]
    out: list[tuple[int, int, int]] = []
    for m in re.finditer(rf"{_WORD_TOKEN}", core, re.IGNORECASE):
        v = _parse_words(m.group(0))
        if v is not None:
            out.append((start + m.start(), start + m.end(), v))
    return out


_AFTER_MONTH = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? ?$")


_RANGE_JOIN = re.compile(r"^\s*(?:and|to|or|-|\u2013)\s*$", re.IGNORECASE)
_RANGE_BEFORE = re.compile(r"\b(?:between|from)\s+$", re.IGNORECASE)
_CHANGED_BEFORE = re.compile(
    r"\b(?:rose|risen|rising|rises|climbed|climbing|increased|jumped|grew|grown|went\s+up|gone\s+up|fell|fallen|dropped"
    r"|lowered|raised|revised|updated|corrected)\b[^.;\d]{0,40}$",
    re.IGNORECASE,
)
_UPPER_BOUND = re.compile(r"^(?:up\s+to|as\s+many\s+as|at\s+most|a\s+maximum\s+of)\s", re.IGNORECASE)


def find_ranges(text: str) -> list[tuple[int, int, int, int]]:
    """Stated ranges as (start, end, low, high): "between two and six", "10 to 15", "60-80", and upper bounds
    ("up to 81", "as many as 40": low == high, the only figure stated)."""
    nums = find_numbers(text, ranges=False)
    out: list[tuple[int, int, int, int]] = []
    i = 0
    while i < len(nums):
        s, e, v = nums[i]
        if i + 1 < len(nums):
            s2, e2, v2 = nums[i + 1]
            joined = _RANGE_JOIN.match(text[e:s2])
            between = _RANGE_BEFORE.search(text, max(0, s - 10), s)
            word = text[e:s2].strip().lower()
            years = all(1800 <= x <= 2100 for x in (v, v2))
            if (
                joined
                and v < v2
                and not years
                and (between or word in ("to", "-", "\u2013"))
                and not (word == "and" and not between)
                # "the toll had climbed overnight from 16 to 19": a figure that changed, not a range of estimates
                and not (
                    between
                    and between.group(0).lower().startswith("from")
                    and _CHANGED_BEFORE.search(text, max(0, s - 60), between.start())
                )
            ):
                out.append((between.start() if between else s, e2, v, v2))
                i += 2
                continue
        if _UPPER_BOUND.match(text[s:e]):
            out.append((s, e, v, v))
        i += 1
    return out


def find_numbers(text: str, articles: bool = False, ranges: bool = True) -> list[tuple[int, int, int]]:
    """Every quantity phrase as (start, end, value), qualifier included; "a"/"an" count as 1 only with articles=True.
    A stated range ("between two and six") is one quantity whose value is its low end (ACLED's lowest credible
    figure); find_ranges gives both ends."""
    if ranges:
        spans = [(a, b, low) for a, b, low, high in find_ranges(text) if low != high]
        if spans:
            rest = [
                n for n in find_numbers(text, articles, ranges=False) if not any(a <= n[0] < b for a, b, _ in spans)
            ]
            return sorted(rest + spans)
    found = list(_quantities(text))
    if articles:
        taken = [(s, e) for s, e, _ in found]
        for m in _ARTICLE_RE.finditer(text):
            if any(s <= m.start() < e for s, e in taken):
                continue
            found.append((m.start(), m.end(), 1))
        found.sort()
    return found


@lru_cache(maxsize=1024)
def _quantities(text: str) -> tuple[tuple[int, int, int], ...]:
    """The quantity phrases of a text, ranges not joined, articles not counted: find_numbers scans a text once
    for its ranges and once more for the rest, and the extractors ask again of the same sentence."""
    found: list[tuple[int, int, int]] = []
    for m in _NUMBER_RE.finditer(text):
        core = m.group("num")
        cstart = m.start("num")
        if _ORDINAL_SUFFIX.match(text, m.end()):
            continue
        low = re.sub(r"\s+", " ", core.lower())
        if low.endswith(" dozen") and (dozens := parse_number(low)) is not None:
            found.append((m.start(), m.end(), dozens))  # "two dozen": 24
        elif re.match(r"[\d]", low):
            if re.match(r"0\d", core) or _AFTER_MONTH.search(text, max(0, m.start() - 12), m.start()):
                continue  # "092017", "Apr 09": parts of dates and codes, not quantities
            value = _parse_digits(core)
            if value is None:
                continue
            found.append((m.start(), m.end(), value))
        elif low in VAGUE:
            found.append((m.start(), m.end(), VAGUE[low]))
        else:
            pieces = _split_word_run(cstart, core)
            if not pieces:
                continue
            s0, e0, v0 = pieces[0]
            found.append((m.start() if m.group("qual") else s0, e0, v0))
            found.extend(pieces[1:])
    return tuple(found)
