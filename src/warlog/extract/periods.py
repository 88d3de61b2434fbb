"""ACLED's government period in a state-forces name, for the day of the event.

ACLED names a state's forces after the government of the day: "Military Forces of Iraq (2018-2020)" for an event in
2019, "(2020-2022)" for one in 2021. ``data/government_periods.csv`` (written by ``scripts/government_periods.py``
from ACLED exports' actor names, with the days each period was seen on) lists the periods per country, and
``data/government_changes.csv`` (facts written by hand) the changes of government after those exports; the actor
dictionary names forces with the period current in 2020 and :func:`dated_actor` moves the name to the event's day.
Countries the table lacks, and those with two governments at once (Libya, Yemen: there the period names a faction),
keep their name.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from importlib import resources

from warlog.countries import acled_country_name, country_iso2


@dataclass(frozen=True)
class Period:
    """One government period of a country, as ACLED writes it, and the first event day it was seen on."""

    start: int
    end: int | None
    first_seen: date

    @property
    def label(self) -> str:
        return f"{self.start}-{self.end or ''}"


@lru_cache(maxsize=1)
def periods() -> dict[str, tuple[Period, ...]]:
    """ISO2 -> the country's periods, oldest first."""
    text = resources.files("warlog").joinpath("data/government_periods.csv").read_text(encoding="utf-8")
    out: dict[str, list[Period]] = {}
    for rec in csv.DictReader(line for line in text.splitlines() if not line.startswith("#")):
        end = int(rec["end"]) if rec["end"] else None
        out.setdefault(rec["iso"], []).append(Period(int(rec["start"]), end, date.fromisoformat(rec["first_seen"])))
    changes = resources.files("warlog").joinpath("data/government_changes.csv").read_text(encoding="utf-8")
    for rec in csv.DictReader(line for line in changes.splitlines() if not line.startswith("#")):
        start, day = int(rec["start"]), date.fromisoformat(rec["first_day"])
        table = out.setdefault(rec["iso"], [])
        if any(p.start == start for p in table):
            continue
        # the change opens a period from its first day; the open one before it closes at its year (`_closed`)
        table.append(Period(start, None, day))
    return {iso: _closed(sorted(p, key=lambda x: (x.start, x.first_seen))) for iso, p in out.items()}


def _closed(table: list[Period]) -> tuple[Period, ...]:
    """A country's periods, each left open but the last closed where the next one starts (a change of government
    older than the periods the exports showed: "Pakistan 2013" before "2018-" is "2013-2018")."""
    return tuple(
        replace(p, end=table[i + 1].start)
        if p.end is None and i + 1 < len(table) and table[i + 1].start > p.start
        else p
        for i, p in enumerate(table)
    )


def period_on(iso: str, day: date) -> str | None:
    """The period label ("2018-2020") ACLED uses for this country's forces on this day; None when unknown."""
    table = periods().get(iso)
    if not table:
        return None
    held = [p for p in table if p.start <= day.year <= (p.end or 9999)]
    if held:
        # a year shared by two periods: the later one from the first day it was seen on
        started = [p for p in held if p.first_seen <= day]
        return (started[-1] if started else held[0]).label
    last = table[-1]
    if day.year > (last.end or 9999) or (last.end is not None and day.year >= last.end):
        return f"{last.end}-"  # after a closed period comes the one that closed it
    if day.year < table[0].start:
        return table[0].label
    return last.label


_FORCES = re.compile(
    r"^((?:Military|Police) Forces of (?:the )?(.+?)|Government of (?:the )?(.+?)) \((\d{4}-(?:\d{4})?)\)"
)


@lru_cache(maxsize=1)
def rulers() -> dict[str, tuple[str, date]]:
    """Armed group (ACLED name) -> (ISO2, the day it became the state), from ``government_changes.csv``."""
    changes = resources.files("warlog").joinpath("data/government_changes.csv").read_text(encoding="utf-8")
    return {
        rec["came_to_power"]: (rec["iso"], date.fromisoformat(rec["first_day"]))
        for rec in csv.DictReader(line for line in changes.splitlines() if not line.startswith("#"))
        if rec.get("came_to_power")
    }


# A group ACLED names by a faction split: before the split the undivided group's own name. Boko Haram split in August
# 2016 (ISWAP under al-Barnawi, JAS under Shekau); ACLED's "ISWAP and/or JAS" for an unspecified "Boko Haram" is a
# name for after the split only.
_BEFORE_SPLIT = {
    "Islamic State (West Africa) and/or Boko Haram - Jamatu Ahli is-Sunnah lid-Dawatai wal-Jihad": (
        date(2016, 8, 1),
        "Boko Haram - Jamatu Ahli is-Sunnah lid-Dawatai wal-Jihad",
    ),
}


def dated_actor(name: str | None, day: date | None) -> str | None:
    """The actor name with its government period for the event's day ("Military Forces of the United States
    (2017-2021)" on 2022-03-01 -> "(2021-)"); a group that had become the state by then, as the state's forces
    ("Taliban" on 2022-03-01 -> "Military Forces of Afghanistan (2021-)"); a split group's name for after the split,
    before it, the undivided group's (``_BEFORE_SPLIT``); any other name, or no day, unchanged."""
    if not name or day is None:
        return name
    split = _BEFORE_SPLIT.get(name)
    if split is not None and day < split[0]:
        return split[1]
    ruler = rulers().get(name)
    if ruler is not None and day >= ruler[1]:
        country = acled_country_name(ruler[0])
        label = period_on(ruler[0], day)
        if country and label:
            return f"Military Forces of {country} ({label})"
    m = _FORCES.match(name)
    if m is None:
        return name
    iso = country_iso2(m.group(2) or m.group(3))
    label = period_on(iso, day) if iso else None
    if label is None or label == m.group(4):
        return name
    return f"{m.group(1)} ({label}){name[m.end() :]}"
