"""Small in-memory gazetteers for the geocoding tests (rows written by hand; facts such as names and points)."""

from __future__ import annotations

import sqlite3

from warlog.gazetteer.index import Gazetteer, create_schema, insert_places


def gazetteer_of(rows: list[dict]) -> Gazetteer:
    """A gazetteer holding only these rows."""
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    create_schema(conn)
    insert_places(conn, rows)
    return Gazetteer(conn)


def row(id_: str, name: str, feature: str, iso: str, lat: float, lon: float, **kw: object) -> dict:
    """One gazetteer row (country defaults to the ISO code; population 0; no alternate names)."""
    return {"id": id_, "name": name, "feature": feature, "iso": iso, "country": kw.pop("country", iso), "lat": lat,
            "lon": lon, "population": kw.pop("population", 0), "alt_names": kw.pop("alt_names", []), **kw}  # fmt: skip
