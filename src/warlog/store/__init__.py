"""Storage: the SQL schema and the Store that saves extractions and answers queries (SQLite or PostgreSQL)."""

from __future__ import annotations

from warlog.geometry import bounding_box, haversine_km
from warlog.store import review as review  # noqa: F401  (creates the review tables on the shared metadata)
from warlog.store.db import (
    SchemaVersionError,
    Store,
    row_from_claim,
    row_from_mention,
    row_from_report,
)
from warlog.store.rows import mention_from_row
from warlog.store.schema import SCHEMA_VERSION

__all__ = [
    "SCHEMA_VERSION",
    "SchemaVersionError",
    "Store",
    "bounding_box",
    "haversine_km",
    "mention_from_row",
    "row_from_claim",
    "row_from_mention",
    "row_from_report",
]
