"""Distances on the Earth: one great-circle rule for every reader (store filters, linking, gazetteer).

`haversine_km` is the distance; `bounding_box` the latitude/longitude ranges that hold every point within a radius (an
index-friendly pre-filter); `within_km_sql` the same haversine test as an SQL condition (SQLite and PostgreSQL both
have sin/cos/radians), so a radius filter gives the same answer in Python and in the database.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # SQLAlchemy is imported where SQL is built: the gazetteer and linking need only the distance
    import sqlalchemy as sa

EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def bounding_box(lat: float, lon: float, km: float) -> tuple[float, float, list[tuple[float, float]] | None]:
    """Latitude range and longitude ranges (split at the antimeridian; None = any) holding every point within km."""
    ang = km / EARTH_RADIUS_KM
    dlat = math.degrees(ang)
    lat_min, lat_max = lat - dlat, lat + dlat
    if lat_min <= -90 or lat_max >= 90:
        return max(lat_min, -90.0), min(lat_max, 90.0), None
    ratio = math.sin(ang) / math.cos(math.radians(lat))
    if ratio >= 1:
        return lat_min, lat_max, None
    dlon = math.degrees(math.asin(ratio))
    lon_min, lon_max = lon - dlon, lon + dlon
    if lon_min < -180:
        return lat_min, lat_max, [(lon_min + 360, 180.0), (-180.0, lon_max)]
    if lon_max > 180:
        return lat_min, lat_max, [(lon_min, 180.0), (-180.0, lon_max - 360)]
    return lat_min, lat_max, [(lon_min, lon_max)]


def within_km_sql(
    lat_col: Any, lon_col: Any, lat: float, lon: float, km: float, bind: Callable[[str, float], Any] | None = None
) -> list[sa.ColumnElement[bool]]:
    """SQL conditions for "within km of (lat, lon)" by haversine: the bounding box first (so the coordinate index
    applies), then the haversine term a = sin²(Δφ/2) + cos φ0 cos φ sin²(Δλ/2) against sin²(d/2R), which is the
    same test as haversine_km(...) <= km without asin/sqrt in SQL. `bind(name, value)`: what each number becomes in
    the SQL (a named bound parameter, so that one statement serves every point; by default the number itself); the
    names differ wherever the expressions' shape does."""
    import sqlalchemy as sa

    if not (math.isfinite(lat) and math.isfinite(lon) and math.isfinite(km)) or km < 0:
        raise ValueError("near needs finite coordinates and a non-negative km")
    b: Callable[[str, float], Any] = bind or (lambda _name, value: value)
    lat_min, lat_max, lon_ranges = bounding_box(lat, lon, km)
    conds: list[sa.ColumnElement[bool]] = [lat_col.is_not(None), lon_col.is_not(None)]
    conds.append(lat_col.between(b("lat_min", lat_min), b("lat_max", lat_max)))
    if lon_ranges is not None:
        n = len(lon_ranges)
        conds.append(
            sa.or_(
                *(lon_col.between(b(f"lon{i}_{n}_a", a), b(f"lon{i}_{n}_b", z)) for i, (a, z) in enumerate(lon_ranges))
            )
        )
    half = km / EARTH_RADIUS_KM / 2
    if half >= math.pi / 2:
        return conds  # every point on the sphere is within km
    limit = math.sin(half) ** 2 * (1 + 1e-12)  # a hair of slack so points exactly at km stay in, as in Python
    f = sa.func
    s_lat = f.sin((f.radians(lat_col) - b("rad_lat", math.radians(lat))) / 2)
    s_lon = f.sin(f.radians(lon_col - b("lon", lon)) / 2)
    a = s_lat * s_lat + b("cos_lat", math.cos(math.radians(lat))) * f.cos(f.radians(lat_col)) * s_lon * s_lon
    conds.append(a <= b("limit", limit))
    return conds
