"""The store's data version: a counter in the database that every write transaction raises before it commits.

Readers compare it with the version they saw when they computed something (a count, an API response) to tell whether
that is still current. It lives in the database, so every process on the same store (several `warlog serve` workers,
an ingest running beside them) agrees on it; reading it is one primary-key lookup. The raise happens inside the
writer's transaction, so a reader sees the new version exactly when it can see the new data (read the version first,
then the data: at worst newer data is kept under the older version, which the next reader then finds stale).
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from warlog.store.schema import data_version as table

_READ = sa.select(table.c.version).where(table.c.id == 1)
_RAISE = sa.update(table).where(table.c.id == 1).values(version=table.c.version + 1)


def current(conn: Connection) -> int:
    """The store's data version now (0 when the row is missing, as in a database some other tool created)."""
    return int(conn.execute(_READ).scalar() or 0)


def bump(conn: Connection) -> None:
    """Raise the data version inside the caller's write transaction (creating the row when it is missing)."""
    if conn.execute(_RAISE).rowcount == 0:
        conn.execute(sa.insert(table).values(id=1, version=1))
