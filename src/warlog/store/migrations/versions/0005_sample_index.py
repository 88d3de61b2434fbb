"""A covering index in hash order for estimated counts: (search_key, then every column a filter reads). search_key is a
hash of the event id, so reading this index from its start is reading a uniform random sample of the events, and
with the filter columns beside the key the sample never touches the table rows (`warlog.store.query.count_bounded`
estimates a dear count from it). It replaces the plain search_key index (same first column). Events without a key
(PostgreSQL stores linked before linking wrote one everywhere) get theirs.

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


def upgrade() -> None:
    """Give keyless events their key, then swap the search_key index for the covering sample index."""
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


def downgrade() -> None:
    """Undo this revision (the keys stay)."""
    op.create_index("ix_events_search_key", "events", ["search_key"], unique=False, if_not_exists=True)
    op.drop_index("ix_events_sample", table_name="events", if_exists=True)
