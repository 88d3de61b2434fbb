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


class Reader:
    """Reads the data version over a database connection of its own, kept open in autocommit: one statement, no
    pool checkout, BEGIN or ROLLBACK around it (a third of the CPU of a response served from the cache). For one
    thread at a time (the API server's event loop); any error closes that connection and reads through the pool."""

    SQL = "SELECT version FROM data_version WHERE id = 1"

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        self._dbapi: object | None = None

    def __call__(self) -> int:
        try:
            if self._dbapi is None:
                self._dbapi = self._open()
            cur = self._dbapi.cursor()  # type: ignore[attr-defined]
            try:
                cur.execute(self.SQL)
                row = cur.fetchone()
            finally:
                cur.close()
            return int(row[0]) if row and row[0] is not None else 0
        except Exception:  # noqa: BLE001 - a dropped connection, a missing table: read the ordinary way
            self.close()
            with self.engine.connect() as conn:
                return current(conn)

    def _open(self) -> object:
        """A connection taken out of the pool for good, in autocommit (SQLite's already is: see store.db)."""
        raw = self.engine.raw_connection()
        dbapi = raw.driver_connection
        raw.detach()
        if self.engine.dialect.name != "sqlite":
            dbapi.rollback()  # type: ignore[union-attr]  (the pool's ping may have begun a transaction)
            dbapi.autocommit = True  # type: ignore[union-attr]
        return dbapi

    def close(self) -> None:
        """Close the kept connection (a later read opens another)."""
        if self._dbapi is not None:
            try:
                self._dbapi.close()  # type: ignore[attr-defined]
            except Exception:  # noqa: BLE001, S110 - already broken
                pass
            self._dbapi = None
