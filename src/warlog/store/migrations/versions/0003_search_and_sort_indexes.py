"""Full-text search index (one document per event: SQLite FTS5, PostgreSQL tsvector + GIN) and indexes for the
sorts the web UI offers (fatalities, sources, reports, location; each with the id that breaks ties), and one on
updated_at (the newest write, which tells the count cache when totals are stale); events.search_key, the SQLite
search document's rowid (a hash of the event id), so that a search joins the events on an integer.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03 13:30:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SORT_INDEXES = {
    "ix_events_fatalities_id": ["fatalities", "id"],
    "ix_events_n_sources_id": ["n_sources", "id"],
    "ix_events_n_reports_id": ["n_reports", "id"],
    "ix_events_location_id": ["location", "id"],
    "ix_events_updated_at": ["updated_at"],  # max(updated_at) tells when a cached count is stale
}


def upgrade() -> None:
    """Create the sort indexes and the search index, then write the documents of the events already stored."""
    import sqlalchemy as sa

    from warlog.store import search

    op.add_column("events", sa.Column("search_key", sa.BigInteger(), nullable=True))
    op.create_index("ix_events_search_key", "events", ["search_key"], unique=False, if_not_exists=True)
    for name, cols in SORT_INDEXES.items():
        op.create_index(name, "events", cols, unique=False, if_not_exists=True)
    bind = op.get_bind()
    for sql in search.create_sql(bind.dialect.name):
        op.execute(sql)
    search.rebuild(bind)


def downgrade() -> None:
    """Undo this revision."""
    from warlog.store import search

    for sql in search.drop_sql():
        op.execute(sql)
    for name in SORT_INDEXES:
        op.drop_index(name, table_name="events", if_exists=True)
    op.drop_index("ix_events_search_key", table_name="events", if_exists=True)
    with op.batch_alter_table("events") as batch:
        batch.drop_column("search_key")
