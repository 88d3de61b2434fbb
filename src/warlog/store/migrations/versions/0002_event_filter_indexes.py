"""Indexes for the API's country-code, admin1 and sub-event-type filters on linked events (full scans before).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 20:30:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision (IF NOT EXISTS: a database stamped at 0001 may have been made by create_all from a
    schema that already had them)."""
    op.create_index("ix_events_iso", "events", ["iso"], unique=False, if_not_exists=True)
    op.create_index("ix_events_admin1", "events", ["admin1"], unique=False, if_not_exists=True)
    op.create_index("ix_events_sub_event_type", "events", ["sub_event_type"], unique=False, if_not_exists=True)


def downgrade() -> None:
    """Undo this revision."""
    op.drop_index("ix_events_sub_event_type", table_name="events", if_exists=True)
    op.drop_index("ix_events_admin1", table_name="events", if_exists=True)
    op.drop_index("ix_events_iso", table_name="events", if_exists=True)
