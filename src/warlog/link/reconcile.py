"""One row per happening from all its mentions: ACLED's conservative fatality rule, ranges, the figure each source
gave, the most precise date and place, independent sources, and flags where sources contradict each other."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from warlog.link.score import _actor_key
from warlog.model import Mention, place_fields

FIGURE_TOLERANCE = 0.5  # relative spread of death tolls tolerated before flagging (tolls rise as bodies are found)
FIGURE_SLACK = 3  # ... plus this many deaths
DATE_TOLERANCE_DAYS = 1


@dataclass
class Member:
    """A mention with what reconciliation needs from its report."""

    mention: Mention
    outlet: str | None = None
    published: date | None = None
    text_group: str | None = None  # syndication group (near-duplicate texts share one)
    source: str | None = None  # independent source id


@dataclass
class Reconciled:
    """An event's reconciled fields (ACLED names) plus sources, figures, ranges and flags."""

    fields: dict[str, Any]
    sources: list[str]
    figures: dict[str, list[int]]
    flags: list[str] = field(default_factory=list)


def _most_common(values: list[Any]) -> Any:
    """The most frequent non-empty value (ties: the first seen), or None."""
    values = [v for v in values if v is not None and v != ""]
    n = len(values)
    if n < 2:
        return values[0] if n else None
    first = values[0]
    if values.count(first) == n:  # one value throughout (most events): no counting
        return first
    counts: dict[Any, int] = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    best = max(counts.values())
    return next(v for v in values if counts[v] == best)


def best_fatalities(figures: dict[str, list[int]]) -> int:
    """ACLED's rule: the lowest credible figure, unless a higher one is corroborated by two independent sources.

    figures maps each independent source to the tolls its reports gave; a source's figure is its highest (its latest
    count). Zeros are "no figure" when any source gives one.
    """
    return _best_of(_per_source(figures))


def _per_source(figures: dict[str, list[int]]) -> list[int]:
    """Each independent source's figure (its highest toll), sources without one left out."""
    out = []
    for v in figures.values():
        if v:
            top = max(v)
            if top > 0:
                out.append(top)
    return out


def _best_of(per_source: list[int]) -> int:
    """best_fatalities from the sources' figures (_per_source)."""
    if not per_source:
        return 0
    if len(per_source) == 1:
        return per_source[0]
    counts: dict[int, int] = {}
    for v in per_source:
        counts[v] = counts.get(v, 0) + 1
    corroborated = [v for v, n in counts.items() if n >= 2]
    return max(corroborated) if corroborated else min(per_source)


def _precise_date(members: list[Member]) -> tuple[date | None, int]:
    """The most precise date: among the most precise mentions, the most reported date (ties: the earliest)."""
    dated = [m.mention for m in members if m.mention.event_date is not None]
    if not dated:
        return None, 1
    prec = min(m.time_precision or 1 for m in dated)
    days = sorted(m.event_date for m in dated if (m.time_precision or 1) == prec)  # type: ignore[type-var]
    if days[0] == days[-1]:  # one day throughout
        return days[0], prec
    counts: dict[date, int] = {}
    for d in days:
        counts[d] = counts.get(d, 0) + 1
    top = max(counts.values())
    return next(d for d in days if counts[d] == top), prec


def _precise_place(members: list[Member]) -> Mention | None:
    """The mention carrying the most precise place (most reported location among those, ties: first)."""
    placed = [m.mention for m in members if m.mention.place is not None]
    if not placed:
        return None
    prec = min(m.place.geo_precision or 3 for m in placed)  # type: ignore[union-attr]
    best = [m for m in placed if (m.place.geo_precision or 3) == prec]  # type: ignore[union-attr]
    loc = _most_common([m.place.location for m in best])  # type: ignore[union-attr]
    return next(m for m in best if m.place.location == loc)  # type: ignore[union-attr]


def figures_agree(a: int, b: int) -> bool:
    """Two death tolls agree: the larger is within FIGURE_TOLERANCE (relative) plus FIGURE_SLACK of the smaller."""
    lo, hi = (a, b) if a <= b else (b, a)
    return hi <= lo * (1 + FIGURE_TOLERANCE) + FIGURE_SLACK


def contradiction_flags(
    members: list[Member], figures: dict[str, list[int]], per_source: list[int] | None = None
) -> list[str]:
    """Flags: tolls beyond the tolerance, different perpetrators, different dates (between independent sources).
    per_source: the sources' figures, when the caller has them (_per_source(figures))."""
    flags: list[str] = []
    if per_source is None:
        per_source = _per_source(figures)
    if len(per_source) >= 2:
        lo, hi = min(per_source), max(per_source)
        if not figures_agree(lo, hi):
            flags.append(f"figures_disagree:{lo}-{hi}")
    by_source_actor: dict[str, set[str]] = {}
    days: dict[str, set[date]] = {}
    for m in members:
        mention = m.mention
        key = _actor_key(mention.actor1)
        if key and key != "unidentified armed group":
            by_source_actor.setdefault(m.source or mention.report_id, set()).add(key)
        if mention.event_date is not None and (mention.time_precision or 1) == 1:
            days.setdefault(m.source or mention.report_id, set()).add(mention.event_date)
    if len(by_source_actor) >= 2:
        actors = {a for s in by_source_actor.values() for a in s}
        if len(actors) >= 2:
            flags.append("perpetrator_disagrees:" + " | ".join(sorted(actors)))
    if len(days) >= 2:
        all_days = sorted({d for s in days.values() for d in s})
        if (all_days[-1] - all_days[0]).days > DATE_TOLERANCE_DAYS:
            flags.append(f"date_disagrees:{all_days[0].isoformat()}..{all_days[-1].isoformat()}")
    return flags


def reconcile(members: list[Member]) -> Reconciled:
    """The event's fields from its members (each with .source set)."""
    ms = [m.mention for m in members]
    figures: dict[str, list[int]] = {}
    for m in members:
        figures.setdefault(m.source or m.mention.report_id, []).append(m.mention.fatalities or 0)
    per_source = _per_source(figures)
    tolls = [m.fatalities for m in ms if m.fatalities]
    day, tprec = _precise_date(members)
    where = _precise_place(members)
    p = where.place if where else None
    event_type = _most_common([m.event_type for m in ms])
    typed = [m for m in ms if m.event_type == event_type]  # the members of the chosen type (sub-type, disorder)
    sub = _most_common([m.sub_event_type for m in typed])
    first = ms[0]
    actor1 = _most_common([m.actor1 for m in ms])
    # the first member naming the chosen actor, else the first member (ms[0] itself most often: no generator then)
    carrier = first if first.actor1 == actor1 else next((m for m in ms if m.actor1 == actor1), first)
    actor2 = _most_common([m.actor2 for m in ms])
    carrier2 = first if first.actor2 == actor2 else next((m for m in ms if m.actor2 == actor2), first)
    injured = [v for m in ms if (v := m.injured)]  # _min_or_none of each count, inline
    civilians = [v for m in ms if (v := m.civilians)]
    children = [v for m in ms if (v := m.children)]
    women = [v for m in ms if (v := m.women)]
    fields = {
        "event_date": day,
        "time_precision": tprec,
        "disorder_type": _most_common([m.disorder_type for m in typed]),
        "event_type": event_type,
        "sub_event_type": sub,
        "actor1": actor1,
        "assoc_actor_1": carrier.assoc_actor_1,
        "inter1": carrier.inter1,
        "actor2": actor2,
        "assoc_actor_2": carrier2.assoc_actor_2,
        "inter2": carrier2.inter2,
        **place_fields(p),
        "fatalities": _best_of(per_source),
        "fatalities_min": min(tolls) if tolls else 0,
        "fatalities_max": max(tolls) if tolls else 0,
        "injured": min(injured) if injured else None,
        "civilians": min(civilians) if civilians else None,
        "children": min(children) if children else None,
        "women": min(women) if women else None,
        "attributed_to": _most_common([m.attributed_to for m in ms]),
        "confidence": max([m.confidence for m in ms]),
        "n_mentions": len(ms),
        "n_reports": len({m.report_id for m in ms}),
        "n_sources": len(figures),
    }
    flags = contradiction_flags(members, figures, per_source)
    if len(figures) == 1:
        flags.append("single_source")
    sources = sorted({m.outlet or "?" for m in members}, key=str.lower)
    return Reconciled(fields=fields, sources=sources, figures=figures, flags=flags)


def _min_or_none(values: list[int | None]) -> int | None:
    """The smallest positive value given, None when none is (the conservative count)."""
    vals = [v for v in values if v]
    return min(vals) if vals else None
