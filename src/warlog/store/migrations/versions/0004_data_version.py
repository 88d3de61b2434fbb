"""The data version: one counter that every write transaction of the store raises (`Store._write`), so that readers
in any process can tell, with one primary-key read, whether what they computed earlier (a count, an API response) is
still current. The filter indexes on type, sub-type, country and ISO code gain the event date as a second column: a
filter on one of them and a date range (the web UI's usual view) is then one index range instead of every event of
that type, and a page of one type in date order reads the index in order. Sorting by event type or admin1 gets a
(key, id) index, as the other sorts the web UI offers have (admin1's replaces its plain index).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 16:10:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# old single-column index -> (new index, columns)
DATED = {
    "ix_events_event_type": ("ix_events_event_type_date", ["event_type", "event_date"]),
    "ix_events_sub_event_type": ("ix_events_sub_event_type_date", ["sub_event_type", "event_date"]),
    "ix_events_country": ("ix_events_country_date", ["country", "event_date"]),
    "ix_events_iso": ("ix_events_iso_date", ["iso", "event_date"]),
    "ix_events_admin1": ("ix_events_admin1_id", ["admin1", "id"]),  # admin1 is a sort too: (key, id) as the others
}


# Sorting by event type walks this index: with only (event_type, event_date) SQLite sorted each type's events by id in
# a temporary tree before the first row came out (1.3-1.7 s CPU at 1M events; admin1 170-190 ms).
SORT_INDEXES = {"ix_events_event_type_id": ["event_type", "id"]}


def upgrade() -> None:
    """Create the one-row table, starting at 1; replace the filter indexes with (column, event_date) ones."""
    for old, (new, cols) in DATED.items():
        op.drop_index(old, table_name="events", if_exists=True)
        op.create_index(new, "events", cols, unique=False, if_not_exists=True)
    for name, cols in SORT_INDEXES.items():
        op.create_index(name, "events", cols, unique=False, if_not_exists=True)
    table = op.create_table(
        "data_version",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
    )
    op.bulk_insert(table, [{"id": 1, "version": 1}])


def downgrade() -> None:
    """Undo this revision."""
    op.drop_table("data_version")
    for name in SORT_INDEXES:
        op.drop_index(name, table_name="events", if_exists=True)
    for old, (new, cols) in DATED.items():
        op.drop_index(new, table_name="events", if_exists=True)
        op.create_index(old, "events", cols[:1], unique=False, if_not_exists=True)
