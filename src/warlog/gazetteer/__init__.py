"""Gazetteer: place names and coordinates, name keys for transliteration variants, GeoNames loading."""

from __future__ import annotations

from warlog.gazetteer.index import (
    GazEntry,
    Gazetteer,
    build_default_index,
    default_index_path,
    get_gazetteer,
    open_default,
)
from warlog.gazetteer.loaders import load_geonames
from warlog.gazetteer.names import exact_key, fuzzy_matches, name_key, normalise_arabic
from warlog.geometry import haversine_km

__all__ = [
    "GazEntry",
    "Gazetteer",
    "build_default_index",
    "default_index_path",
    "exact_key",
    "fuzzy_matches",
    "get_gazetteer",
    "haversine_km",
    "load_geonames",
    "name_key",
    "normalise_arabic",
    "open_default",
]
