"""Geometry on the sphere: great-circle distance and the bounding box of a radius (one copy for the whole package)."""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)


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
