"""A report's total and its parts: "air strikes killed 22 civilians in Eastern Ghouta ... 16 in Douma, five in
Saqba and one in Harasta".

News leads give the day's toll over an area, then break it down by place. ACLED codes one event per place and day,
so a later, smaller figure at a place inside the total's area is its own event (a part), not a repeat of the total,
and the total keeps only what its parts leave: the remainder at the total's own (coarser) place, or nothing when
the parts account for all of it (the total then drops out: its parts are the events).

A figure is a part of an earlier total when both state their own death toll for the same event type and day, the
part's figure is smaller, and the part's place lies inside the total's place: a district of the total's city, a
place in the total's province when the total is no finer than a province, or a place within ``NEAR_KM`` of a total
whose sentence tells of several attacks ("air strikes", "raids"; not "a car bomb"). A part at the very same place as
the total is a part only when the total's sentence counts several incidents ("three explosions", "two air raids"). A
part of one total is never a total of its own.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from warlog.extract.counts import SEPARATE_INCIDENTS
from warlog.geometry import haversine_km
from warlog.model import Mention, Place

__all__ = ["NEAR_KM", "counts_incidents", "is_part", "one_episode", "over_days", "split_totals"]

NEAR_KM = 25.0

_INCIDENTS = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|several|multiple|separate|a\s+series\s+of|\d+)\s+"
    r"(?:[\w-]+\s+){0,2}(?:explosions|blasts|bombings|attacks|strikes|airstrikes|raids|bombs|incidents|shellings)\b",
    re.IGNORECASE,
)


# Plural attack nouns: a figure for "air strikes" or "raids" can cover several places; one for "a car bomb" cannot.
_SEVERAL = re.compile(
    r"\b(?:strikes|airstrikes|air\s+strikes|raids|air\s+raids|attacks|explosions|blasts|bombings|shelling|shells"
    r"|bombardment|barrel\s+bombs|bombs|rockets|missiles|clashes|battles|fighting)\b",
    re.IGNORECASE,
)


def counts_incidents(text: str) -> bool:
    """The sentence counts several incidents ("in three terrorist explosions")."""
    return bool(_INCIDENTS.search(text))


def _coarse(place: Place) -> bool:
    return place.geo_precision >= 3 or place.feature in ("admin1", "admin2", "region", "country")


def _inside(part: Place, total: Place) -> bool:
    """The part's place lies inside (or is) the total's area."""
    if part.location == total.location or (part.gazetteer_id and part.gazetteer_id == total.gazetteer_id):
        return True
    if part.location.startswith(f"{total.location} - "):
        return True  # a district of the total's city
    if part.country and total.country and part.country != total.country:
        return False
    if total.feature == "country":
        return part.iso is not None and part.iso == total.iso
    if _coarse(total) and total.admin1 and part.admin1 == total.admin1:
        return True
    if _coarse(part):
        return False  # a province is not inside a town
    return haversine_km(part.latitude, part.longitude, total.latitude, total.longitude) <= NEAR_KM


def _smaller_same_day(total: Mention, part: Mention, total_fatalities: int | None, part_fatalities: int | None) -> bool:
    """The part states a smaller (non-zero) toll of the total's event type on the total's day."""
    if total_fatalities is None or part_fatalities is None or not 0 < part_fatalities < total_fatalities:
        return False
    if total.event_type != part.event_type:
        return False
    if total.event_date == part.event_date:
        return True
    # a toll told over a few days ("shot dead during two days of protests"): its parts fall on any of those days
    span = _days_told(total.evidence[0].text) if total.evidence else 0
    return (
        span > 1
        and total.event_date is not None
        and part.event_date is not None
        and abs((total.event_date - part.event_date).days) <= span
    )


def _days_told(sentence: str) -> int:
    """How many days the sentence says its toll covers ("over three days": 3), 0 when it says none."""
    from warlog.extract.numbers import parse_number

    m = _FEW_DAYS.search(sentence)
    if m is None or not m.group("n"):
        return 0
    return parse_number(m.group("n")) or 0


def is_part(total: Mention, part: Mention, total_fatalities: int | None, part_fatalities: int | None) -> bool:
    """``part`` (told later, with its own figure ``part_fatalities``) is one place's share of ``total``'s figure."""
    if not _smaller_same_day(total, part, total_fatalities, part_fatalities):
        return False
    if total.place is None or part.place is None:
        return False
    if not _inside(part.place, total.place):
        return False
    if part.evidence[:1] == total.evidence[:1] and not (
        total.place.geo_precision >= 3 or total.place.feature in ("admin1", "region", "country")
    ):
        return False  # "four were killed in Ariha and two in Maarat": one sentence's places, each with its own figure
    if part_fatalities is not None and _told_apart(total.evidence[0].text if total.evidence else "", part_fatalities):
        return False  # "killed 10 in Nabatieh and three in a village near the border": the three are told apart
    if part.place.location == total.place.location:
        return any(counts_incidents(e.text) for e in total.evidence)
    district = part.place.location.startswith(f"{total.place.location} - ")
    return district or _coarse(total.place) or any(_SEVERAL.search(e.text) for e in total.evidence[:1])


_AND_N_IN = re.compile(r"\band\s+(\w+(?:-\w+)?)\s+(?:more\s+)?(?:others?\s+|people\s+|civilians\s+)?in\b", re.I)


def _told_apart(sentence: str, figure: int) -> bool:
    """The total's own sentence adds a second place with this figure ("... and three in a village")."""
    from warlog.extract.numbers import parse_number

    return any(parse_number(m.group(1)) == figure for m in _AND_N_IN.finditer(sentence))


def _part_of_anywhere(total: Mention, part: Mention, total_fatalities: int | None, part_fatalities: int | None) -> bool:
    """A total told with no place of its own: a smaller figure of the same type and day anywhere in its country."""
    if not _smaller_same_day(total, part, total_fatalities, part_fatalities) or part.evidence[:1] == total.evidence[:1]:
        return False
    return total.place is not None and part.place is not None and part.place.iso == total.place.iso


def split_totals(
    mentions: Sequence[Mention], placeless: frozenset[int] = frozenset(), items: Mapping[int, int] | None = None
) -> list[Mention]:
    """Each total keeps the remainder its later parts leave (or drops out when they account for all of it).

    ``placeless``: ids of mentions whose sentence named no place of its own ("air strikes on rebel-held towns in
    northwestern Syria killed 27"): their place is the report's, so any place of the report's country can be a part.
    ``items``: for mentions told in a bulletin's numbered items, id -> the item; each item is an incident of its own,
    so a figure in one item is never a share of another item's.
    """
    items = items or {}
    kept: list[Mention] = []
    taken: set[int] = set()  # a part of one total is not a total of its own

    def apart(total: Mention, part: Mention) -> bool:
        a, b = items.get(id(total)), items.get(id(part))
        return a is not None and b is not None and a != b

    for i, total in enumerate(mentions):
        if id(total) in taken:
            kept.append(total)
            continue
        later = [p for p in mentions[i + 1 :] if not apart(total, p)]
        parts = [p for p in later if is_part(total, p, total.fatalities, p.fatalities)]
        if not parts:
            # figures anywhere in the country that add up exactly to the total ("killed 27 ... 11 in Maarat, nine in
            # Khan Sheikhoun and seven in Kafr Nabl"): its breakdown, whatever place the total was given
            anywhere = [p for p in later if _part_of_anywhere(total, p, total.fatalities, p.fatalities)]
            loose = id(total) in placeless
            if anywhere and (loose or sum(p.fatalities or 0 for p in anywhere) == total.fatalities):
                parts = anywhere
        share = sum(p.fatalities or 0 for p in parts)
        if not parts or total.fatalities is None or share > total.fatalities:
            kept.append(total)
            continue
        taken.update(id(p) for p in parts)
        remainder = total.fatalities - share
        if remainder == 0:
            continue  # the parts are the events
        total.fatalities = remainder
        if total.fatalities_max is not None:
            total.fatalities_max = max(remainder, total.fatalities_max - share)
        for name in ("civilians", "children", "women"):
            value = getattr(total, name)
            if value is not None and value > remainder:
                setattr(total, name, remainder)
        kept.append(total)
    return kept


# ----------------------------------------------------------------------------------------------------------------
# One episode or a running total

# A toll counted up to now or over many incidents: "since September", "so far", "this year", "over the past three
# months", "across the region", "in total". Such a toll is a claim whatever place it names.
_RUNNING = re.compile(
    r"\b(?:since|so\s+far|thus\s+far|to\s+date|in\s+total|a\s+total\s+of|overall|cumulative(?:ly)?|altogether|in\s+all"
    r"|throughout|across|this\s+(?:year|month|week)|(?:past|last|previous|preceding)\s+(?:[\w-]+\s+)?(?:days|weeks"
    r"|months|years)|(?:a|per|each|every)\s+(?:day|week|month)|(?:year|month)s?\s+of)\b",
    re.IGNORECASE,
)
# Several places in one toll ("in villages", "in two towns", "in several districts").
_PLACES_PLURAL = re.compile(
    r"\b(?:villages|towns|cities|areas|regions|provinces|districts|localities|communities|settlements"
    r"|neighbou?rhoods|camps|hamlets|several|various|multiple)\b",
    re.IGNORECASE,
)
# A bounded stretch of days: "over five days", "in three days of killing", "during a four-day siege".
_FEW_DAYS = re.compile(
    r"\b(?:over|in|during|within|for)\s+(?:a\s+|the\s+)?(?P<n>two|three|four|five|six|seven|eight|nine|ten|\d)"
    r"[\s-]+(?:days?|nights?)\b",
    re.IGNORECASE,
)
_EPISODE_DATE_KINDS = frozenset({"day", "weekday", "week", "range"})
_ONE_DAY_KINDS = frozenset({"day", "weekday"})
_DAYS_SPAN = re.compile(
    r"\bbetween\s+\d{1,2}(?:st|nd|rd|th)?\s+and\s+\d{1,2}\b|\bfrom\s+\d{1,2}\s+to\s+\d{1,2}\b", re.I
)
# villages counted, not named ("attacks on four villages", "in several communities")
_UNNAMED_PLACES = re.compile(
    r"\b(?:on|in|against|across)\s+(?:two|three|four|five|six|seven|eight|nine|ten|\d+|several)\s+(?:nearby\s+|neighbouring\s+)?"
    r"(?:villages|communities|hamlets|settlements)\b",
    re.I,
)
# One incident named as such: a toll told only by its month is an episode when the sentence says it was one.
_ONE_INCIDENT = re.compile(
    r"\b(?:(?:a|an|the|one)\s+(?:[\w-]+\s+){0,2}?(?:massacre|attack|raid|assault|ambush|siege|rampage|operation)"
    r"|massacred)\b",
    re.IGNORECASE,
)


def one_episode(sentence: str, settlements: Sequence[str], date_kinds: Sequence[str]) -> bool:
    """The toll a sentence gives is one bounded episode at one place, not a running total: ACLED codes "over five
    days in late March, soldiers killed at least 500 people in the village of Moura" as an event (dated at its start),
    and "400 civilians have been killed in attacks across West Darfur since September" as no event.

    ``settlements`` are the distinct places finer than a province the sentence names (dateline excluded);
    ``date_kinds`` the kinds of the date phrases it gives (``DateMention.kind``). One episode: exactly one settlement,
    no plural place noun, no running-total wording, and a bounded time: a day, a week or a range of days, a stretch of
    a few days, or a month when the sentence names one incident ("a raid in March"; "50 people were killed in
    Khartoum in April" is a month's toll over a city, a claim)."""
    if len(set(settlements)) != 1 or _RUNNING.search(sentence) or SEPARATE_INCIDENTS.search(sentence):
        return False  # ("two separate attacks, one on a maternity ward in the capital and one on a funeral")
    if _PLACES_PLURAL.search(sentence):
        # several unnamed villages of one named area raided on one day ("47 people were killed in attacks on four
        # villages [of Barkin Ladi] early on Sunday"): ACLED codes the area's event when the villages go unnamed
        return (
            sum(k in _ONE_DAY_KINDS for k in date_kinds) == 1
            and "range" not in date_kinds
            and _UNNAMED_PLACES.search(sentence) is not None
            and _DAYS_SPAN.search(sentence) is None
        )
    if any(k in _EPISODE_DATE_KINDS for k in date_kinds) or _FEW_DAYS.search(sentence) is not None:
        return True
    return "month" in date_kinds and _ONE_INCIDENT.search(sentence) is not None


def over_days(sentence: str) -> bool:
    """The sentence tells its happening over a few days ("over five days", "during a three-day rampage")."""
    return _FEW_DAYS.search(sentence) is not None
