"""Which mentions may describe the same happening: date windows from time precision, distances from geo precision,
compatible event types, and a grid index so each new mention is compared with a handful of candidates only."""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date
from functools import lru_cache

from warlog.geometry import EARTH_RADIUS_KM, haversine_km
from warlog.model import Mention

# ACLED time_precision 1 (day), 2 (week), 3 (month): how many days apart two reports of one event may date it.
DATE_WINDOW_DAYS = {1: 1, 2: 7, 3: 31}
# ACLED geo_precision 1 (the town), 2 (near the town / a district), 3 (only the province): how far apart, in km.
RADIUS_KM = {1: 10.0, 2: 30.0, 3: 80.0}
CELL_DEG = 0.5  # grid cell for the spatial index (about 55 km)

# Event types that reports of one happening may code differently (an air strike that kills civilians, a clash with
# shelling); any other pair is incompatible.
_COMPATIBLE = {
    frozenset({"Explosions/Remote violence", "Violence against civilians"}),
    frozenset({"Explosions/Remote violence", "Battles"}),
}


def _window(m: Mention) -> int:
    """Days this mention's date may be off by, from its time precision."""
    return DATE_WINDOW_DAYS.get(m.time_precision or 1, DATE_WINDOW_DAYS[3])


def date_window(a: Mention, b: Mention) -> int:
    """Days two mentions may differ by: the looser of their precisions' windows."""
    return max(_window(a), _window(b))


def radius_km(a: Mention, b: Mention) -> float:
    """Kilometres two mentions' places may be apart: the looser of their precisions' radii."""
    pa = a.place.geo_precision if a.place else 3
    pb = b.place.geo_precision if b.place else 3
    return max(RADIUS_KM.get(pa or 3, 80.0), RADIUS_KM.get(pb or 3, 80.0))


def types_compatible(a: str | None, b: str | None) -> bool:
    """Same ACLED event type, an unknown one, or a pair that reports of one happening plausibly code differently."""
    return a is None or b is None or a == b or frozenset({a, b}) in _COMPATIBLE


def dates_compatible(a: Mention, b: Mention) -> bool:
    """Both dated and within the looser precision window (an undated mention links to nothing)."""
    if a.event_date is None or b.event_date is None:
        return False
    return abs((a.event_date - b.event_date).days) <= date_window(a, b)


def place_distance(a: Mention, b: Mention) -> float | None:
    """Kilometres between two geocoded mentions, None when either has no coordinates."""
    pa, pb = a.place, b.place
    if pa is None or pb is None or pa.latitude is None or pb.latitude is None:
        return None
    return haversine_km(pa.latitude, pa.longitude, pb.latitude, pb.longitude)


def places_compatible(a: Mention, b: Mention) -> bool:
    """Within the precisions' radius, or in the same admin unit at the coarser precision; ungeocoded: same country."""
    pa, pb = a.place, b.place
    if pa is None or pb is None:
        ca = pa.iso if pa else None
        cb = pb.iso if pb else None
        return ca is None or cb is None or ca == cb
    if pa.iso and pb.iso and pa.iso != pb.iso:
        return False
    km = place_distance(a, b)
    if km is not None and km <= radius_km(a, b):
        return True
    coarse = max(pa.geo_precision or 3, pb.geo_precision or 3)
    if coarse >= 3 and pa.admin1 and pa.admin1 == pb.admin1:
        return True
    return bool(coarse >= 2 and pa.admin2 and pa.admin2 == pb.admin2)


def compatible(a: Mention, b: Mention) -> bool:
    """The blocking test: may these two mentions be one event at all?"""
    return (
        a.report_id != b.report_id
        and dates_compatible(a, b)
        and types_compatible(a.event_type, b.event_type)
        and places_compatible(a, b)
    )


def pair_key(m: Mention) -> tuple:
    """What `compatible` reads of a mention, computed once per mention (the linker tests each new mention against
    many members): report id, day number, date window, event type, whether it has a place, the place's iso, latitude
    in radians and its cosine (or None), longitude, coarse precision (geo_precision or 3), radius, admin1, admin2."""
    p = m.place
    day = m.event_date.toordinal() if m.event_date is not None else None
    if p is None:
        return (m.report_id, day, _window(m), m.event_type, False, None, None, None, None, 3, RADIUS_KM[3], None, None)
    prec = p.geo_precision or 3
    if p.latitude is None:
        rad = cos = None
    else:
        rad = math.radians(p.latitude)
        cos = math.cos(rad)
    return (m.report_id, day, _window(m), m.event_type, True, p.iso, rad, cos, p.longitude, prec,
            RADIUS_KM.get(prec, 80.0), p.admin1, p.admin2)  # fmt: skip


_RADIANS, _SIN, _ASIN, _SQRT = math.radians, math.sin, math.asin, math.sqrt
_TWO_R = 2 * EARTH_RADIUS_KM


def keys_compatible(a: tuple, b: tuple) -> bool:
    """`compatible` of two mentions from their pair_key()s: the same answer, the same distance arithmetic
    (geometry.haversine_km with each latitude's radians and cosine computed once)."""
    if a[0] == b[0]:
        return False
    da, db = a[1], b[1]
    if da is None or db is None:
        return False
    wa, wb = a[2], b[2]
    if abs(da - db) > (wa if wa > wb else wb):
        return False
    ta, tb = a[3], b[3]
    if not (ta is None or tb is None or ta == tb or frozenset({ta, tb}) in _COMPATIBLE):
        return False
    if not a[4] or not b[4]:
        ca, cb = a[5], b[5]
        return ca is None or cb is None or ca == cb
    ia, ib = a[5], b[5]
    if ia and ib and ia != ib:
        return False
    p1, p2 = a[6], b[6]
    if p1 is not None and p2 is not None:
        dp, dl = p2 - p1, _RADIANS(b[8] - a[8])
        h = _SIN(dp / 2) ** 2 + a[7] * b[7] * _SIN(dl / 2) ** 2
        km = _TWO_R * _ASIN(min(1.0, _SQRT(h)))
        if km <= max(a[10], b[10]):
            return True
    coarse = a[9] if a[9] > b[9] else b[9]
    if coarse >= 3 and a[11] and a[11] == b[11]:
        return True
    return bool(coarse >= 2 and a[12] and a[12] == b[12])


def _cell(m: Mention) -> tuple[str, int, int] | tuple[str, str]:
    """The mention's grid cell, or its country (or "?") when it has no coordinates."""
    p = m.place
    if p is None or p.latitude is None or p.longitude is None:
        return ("country", (p.iso if p else None) or "?")
    return ("cell", math.floor(p.latitude / CELL_DEG), math.floor(p.longitude / CELL_DEG))


_NONE: frozenset[str] = frozenset()


@lru_cache(maxsize=65536)
def _near(c: tuple, reach: int) -> tuple[tuple, ...]:
    """A grid cell and its neighbours within `reach` cells (rows, then columns); remembered per cell."""
    _, y, x = c
    return tuple(("cell", y + dy, x + dx) for dy in range(-reach, reach + 1) for dx in range(-reach, reach + 1))


class BlockIndex:
    """Events indexed by (time precision window, day, grid cell): candidates for a mention are looked up over exactly
    the days `compatible` allows for each precision present (a day-precise pair: the day either side)."""

    def __init__(self) -> None:
        self._keys: dict[int, dict[int, dict[tuple, set[str]]]] = {}  # window -> day -> cell -> event ids

    @staticmethod
    def _cells_near(m: Mention) -> list[tuple] | tuple[tuple, ...]:
        """The mention's cell and its neighbours (coarse precision reaches two cells out); no coordinates: country."""
        c = _cell(m)
        if c[0] == "country":
            return [c]
        prec = m.place.geo_precision if m.place else 3
        reach = 2 if (prec or 3) >= 3 else 1
        return _near(c, reach)

    def add(self, event_id: str, m: Mention) -> None:
        """Index an event under this member's day and cell (an event holds the keys of all its members)."""
        if m.event_date is None:
            return
        days = self._keys.setdefault(_window(m), {})
        cells = days.setdefault(m.event_date.toordinal(), {})
        cells.setdefault(_cell(m), set()).add(event_id)
        if m.place is not None:  # also findable from mentions that carry no coordinates
            cells.setdefault(("country", m.place.iso or "?"), set()).add(event_id)

    def candidates(self, m: Mention) -> set[str]:
        """Event ids with a member whose date is within the pair's window and whose cell neighbours the mention's."""
        if m.event_date is None:
            return set()
        own = _window(m)
        day = m.event_date.toordinal()
        cells = self._cells_near(m)
        found: set[str] = set()
        add = found.update
        for their, days in self._keys.items():
            window = own if own > their else their
            get_day = days.get
            for d in range(day - window, day + window + 1):
                at = get_day(d)
                if at is None:
                    continue
                get = at.get
                for c in cells:
                    ids = get(c)
                    if ids:
                        add(ids)
        return found

    def add_all(self, items: Iterable[tuple[str, Mention]]) -> None:
        """Index many (event id, mention) pairs."""
        for event_id, m in items:
            self.add(event_id, m)


def day_of(value: date | None) -> int | None:
    """A date as an ordinal day number, None stays None."""
    return value.toordinal() if value else None
