"""A covering index in hash order for estimated counts: (search_key, then every column a filter reads). search_key is a
hash of the event id, so reading this index from its start is reading a uniform random sample of the events, and
with the filter columns beside the key the sample never touches the table rows (`warlog.store.query.count_bounded`
estimates a dear count from it). It replaces the plain search_key index (same first column). Events without a key
(PostgreSQL stores linked before linking wrote one everywhere) get theirs. The event-type and sub-event-type filter
indexes gain the columns the web UI combines with them (country code and name, fatalities): a type, a date range, a
country and a minimum toll are then answered from the index alone (the bench's `combined` kind read every event of the
type in the date range from the table, ~10 ms, to find a hundred).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 23:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SAMPLE_COLUMNS = ["search_key", "event_date", "iso", "country", "admin1", "event_type", "sub_event_type", "fatalities",
                  "latitude", "longitude", "id"]  # fmt: skip


# old (type, date) index -> (covering index, columns)
COVERING = {
    "ix_events_event_type_date": (
        "ix_events_event_type_cover",
        ["event_type", "event_date", "iso", "country", "fatalities"],
    ),
    "ix_events_sub_event_type_date": (
        "ix_events_sub_event_type_cover",
        ["sub_event_type", "event_date", "iso", "country", "fatalities"],
    ),
}


def upgrade() -> None:
    """Give keyless events their key, swap the search_key index for the covering sample index and the type filter
    indexes for covering ones."""
    import sqlalchemy as sa

    from warlog.store.search import doc_key

    conn = op.get_bind()
    events = sa.table("events", sa.column("id", sa.String), sa.column("search_key", sa.BigInteger))
    while True:
        ids = list(conn.execute(sa.select(events.c.id).where(events.c.search_key.is_(None)).limit(5000)).scalars())
        if not ids:
            break
        set_key = sa.update(events).where(events.c.id == sa.bindparam("i")).values(search_key=sa.bindparam("k"))
        conn.execute(set_key, [{"i": i, "k": doc_key(i)} for i in ids])
    op.create_index("ix_events_sample", "events", SAMPLE_COLUMNS, unique=False, if_not_exists=True)
    op.drop_index("ix_events_search_key", table_name="events", if_exists=True)
    for old, (new, cols) in COVERING.items():
        op.create_index(new, "events", cols, unique=False, if_not_exists=True)
        op.drop_index(old, table_name="events", if_exists=True)


def downgrade() -> None:
    """Undo this revision (the keys stay)."""
    for old, (new, cols) in COVERING.items():
        op.create_index(old, "events", cols[:2], unique=False, if_not_exists=True)
        op.drop_index(new, table_name="events", if_exists=True)
    op.create_index("ix_events_search_key", "events", ["search_key"], unique=False, if_not_exists=True)
    op.drop_index("ix_events_sample", table_name="events", if_exists=True)
