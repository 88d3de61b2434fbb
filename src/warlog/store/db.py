"""The one place that reads and writes the database: saving extractions and querying mentions as ACLED-style rows.

Portable SQLAlchemy Core (SQLite and PostgreSQL); every value goes in as a bound parameter.
"""

from __future__ import annotations

import random
import threading
import time
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from warlog.geometry import EARTH_RADIUS_KM, bounding_box, haversine_km  # noqa: F401  (re-exported)
from warlog.model import Claim, Extraction, Mention, Report, place_fields
from warlog.settings import normalise_db_url
from warlog.store.rows import _claim_dict, mention_dict
from warlog.store.schema import SCHEMA_VERSION, mentions, reports
from warlog.store.schema import claims as claims_table
from warlog.store.schema import meta as meta_table

SQLITE_BUSY_TIMEOUT_S = 30
SQLITE_MMAP_BYTES = 1 << 30  # the first GiB of a SQLite file is read through a memory map
_IN_CHUNK = 500  # ids per IN (...) list, well under SQLite's bound-parameter limit
# A batch refused because a concurrent writer stored one of its reports first is retried: up to this many times, after
# a random wait that grows (three writers saving the same reports in batches collided four times in a row once on a
# loaded 2-core machine).
_SAVE_ATTEMPTS = 12
_SAVE_BACKOFF_S = 0.02


_MEMORY_LOCKS: dict[str, threading.Lock] = {}


class SchemaVersionError(RuntimeError):
    """The database was written by a newer warlog whose schema this version does not know."""


# ---------------------------------------------------------------------------------------------------------------------
# Mention <-> row


def _iso(value: date | datetime | None) -> str | None:
    """A date (or datetime) as ISO text, None stays None."""
    return value.isoformat() if value is not None else None


def _utc_naive(value: datetime | None) -> datetime:
    """Timestamps are stored as naive UTC so SQLite and PostgreSQL agree; None means now."""
    if value is None:
        return datetime.now(UTC).replace(tzinfo=None)
    if value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None)
    return value


def row_from_mention(m: Mention) -> dict[str, Any]:
    """A Mention as a `mentions` row (dates as date objects, evidence as a JSON list)."""
    p = m.place
    return {
        "id": m.id,
        "report_id": m.report_id,
        "event_date": m.event_date,
        "time_precision": m.time_precision,
        "disorder_type": m.disorder_type,
        "event_type": m.event_type,
        "sub_event_type": m.sub_event_type,
        "actor1": m.actor1,
        "assoc_actor_1": m.assoc_actor_1,
        "inter1": m.inter1,
        "actor2": m.actor2,
        "assoc_actor_2": m.assoc_actor_2,
        "inter2": m.inter2,
        **place_fields(p),
        "fatalities": m.fatalities or 0,
        "injured": m.injured,
        "civilians": m.civilians,
        "children": m.children,
        "women": m.women,
        "attributed_to": m.attributed_to,
        "confidence": m.confidence,
        "evidence": [asdict(e) for e in m.evidence],
        "unresolved_places": list(m.unresolved_places),
        "event_id": None,
    }


def row_from_report(r: Report) -> dict[str, Any]:
    """A Report as a `reports` row."""
    return {
        "id": r.id,
        "url": r.url,
        "outlet": r.outlet,
        "title": r.title,
        "published": r.published,
        "published_basis": r.published_basis,
        "language": r.language,
        "source_path": r.source_path,
        "text": r.text,
        "ingested_at": _utc_naive(r.ingested_at),
    }


def row_from_claim(c: Claim) -> dict[str, Any]:
    """A Claim as a `claims` row (the `where` field goes to the column named `place`)."""
    return {
        "id": c.id,
        "report_id": c.report_id,
        "quantity": c.quantity,
        "what": c.what,
        "where_": c.where,
        "period": c.period,
        "attributed_to": c.attributed_to,
        "evidence": asdict(c.evidence) if c.evidence else None,
    }


# ---------------------------------------------------------------------------------------------------------------------
# the store


def _sqlite_math(dbapi_conn: Any) -> None:
    """The SQL math functions the radius filter uses (sin, cos, radians), registered when this SQLite build lacks
    them (they are built in from SQLite 3.35 when compiled with math functions, as Debian and python.org builds are)."""
    import math
    import sqlite3

    try:
        dbapi_conn.execute("SELECT sin(radians(1)) + cos(1)").fetchone()
    except sqlite3.OperationalError:
        for name, fn in (("sin", math.sin), ("cos", math.cos), ("radians", math.radians)):
            dbapi_conn.create_function(name, 1, lambda x, fn=fn: None if x is None else fn(x), deterministic=True)


def _make_engine(url: str, pool_size: int | None = None) -> Engine:
    """An engine with a pool of `pool_size` connections (Settings.db_pool_size; + 10 in a burst); for SQLite: WAL,
    foreign keys, a 30 s busy timeout and BEGIN IMMEDIATE for writes."""
    from warlog.settings import Settings

    size = max(1, pool_size or Settings().db_pool_size)
    pool = {"pool_size": size, "max_overflow": 10}
    if not url.startswith("sqlite"):
        return sa.create_engine(url, pool_pre_ping=True, **pool)
    if url in ("sqlite://", "sqlite:///:memory:"):
        pool = {}  # one in-memory database per connection: SQLAlchemy's default single-connection pool
    engine = sa.create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S}, **pool)

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves (see _on_begin)
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_S * 1000}")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        # Reads through a memory map instead of a read() call per page: about 15% less CPU per API page on a 300k-event
        # file (bench_api). Address space only; the pages are the OS's file cache, shared by every connection.
        cur.execute(f"PRAGMA mmap_size={SQLITE_MMAP_BYTES}")
        cur.close()
        _sqlite_math(dbapi_conn)

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # A writer takes the write lock up front, so it waits on busy_timeout instead of failing on lock upgrade.
        immediate = conn.get_execution_options().get("warlog_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


class Store:
    """Reports, mentions and claims in a SQL database (SQLite file or PostgreSQL), created on first use."""

    def __init__(self, url: str) -> None:
        self.url = normalise_db_url(url)  # a bare path means a SQLite file
        self.engine = _make_engine(self.url)
        self._held = threading.local()  # names of the exclusive() locks this thread holds
        self._init_schema()

    # -- setup ---------------------------------------------------------------------------------------------------------

    def _init_schema(self) -> None:
        """Create missing tables and record the schema version; retry once if another process created them first."""
        try:
            self._create_schema()
        except (sa.exc.OperationalError, sa.exc.ProgrammingError, IntegrityError):
            self._create_schema()

    def _create_schema(self) -> None:
        """Migrate to the current schema (Alembic, both backends), then record the version row; refuse a newer
        schema."""
        from warlog.store import migrate

        migrate.new_from_template(self.url)  # a new SQLite file: a copy of a migrated one (no Alembic)
        if not migrate.at_head(self.engine):
            migrate.upgrade(self.url)
        query = sa.select(meta_table.c.value).where(meta_table.c.key == "schema_version")
        with self.engine.connect() as conn:  # a read first: a read-only database with its schema opens
            stored = conn.execute(query).scalar_one_or_none()
        if stored is None:
            with self._write() as conn:
                if conn.execute(query).scalar_one_or_none() is None:
                    conn.execute(sa.insert(meta_table).values(key="schema_version", value=str(SCHEMA_VERSION)))
        elif int(stored) > SCHEMA_VERSION:
            raise SchemaVersionError(f"database schema {stored} is newer than this warlog ({SCHEMA_VERSION})")

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """A connection inside one write transaction (committed on success, rolled back on error); the data version
        is raised last, just before the commit (`warlog.store.version`: readers' caches then know they are stale)."""
        from warlog.store import version

        with self.engine.connect() as conn:
            conn = conn.execution_options(warlog_write=True)
            with conn.begin():
                yield conn
                version.bump(conn)

    @contextmanager
    def exclusive(self, name: str) -> Iterator[None]:
        """Hold a named lock shared by every process using this database (PostgreSQL: an advisory lock; SQLite: a
        lock file beside the database), so that two ingests never link the same mentions at the same time.
        Re-entrant within a thread."""
        held = self._held.__dict__.setdefault("names", set())
        if name in held:
            yield
            return
        held.add(name)
        try:
            with self._acquire(name):
                yield
        finally:
            held.discard(name)

    @contextmanager
    def _acquire(self, name: str) -> Iterator[None]:
        if self.engine.dialect.name == "postgresql":
            key = zlib.crc32(f"warlog:{name}".encode())
            with self.engine.connect() as conn:
                conn = conn.execution_options(isolation_level="AUTOCOMMIT")
                conn.execute(sa.text("SELECT pg_advisory_lock(:k)"), {"k": key})
                try:
                    yield
                finally:
                    conn.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": key})
            return
        path = self.engine.url.database
        if not path or path == ":memory:":
            with _MEMORY_LOCKS.setdefault(name, threading.Lock()):
                yield
            return
        import fcntl

        with open(f"{path}.{name}.lock", "a+b") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def schema_version(self) -> int:
        """The schema version recorded in the `meta` table."""
        with self.engine.connect() as conn:
            value = conn.execute(sa.select(meta_table.c.value).where(meta_table.c.key == "schema_version")).scalar()
        return int(value)

    # -- writing -------------------------------------------------------------------------------------------------------

    @staticmethod
    def _insert(conn: Connection, exs: list[Extraction]) -> None:
        """Insert reports, then their mentions and claims, as executemany batches."""
        conn.execute(sa.insert(reports), [row_from_report(ex.report) for ex in exs])
        mention_rows = [row_from_mention(m) for ex in exs for m in ex.mentions]
        if mention_rows:
            conn.execute(sa.insert(mentions), mention_rows)
        claim_rows = [row_from_claim(c) for ex in exs for c in ex.claims]
        if claim_rows:
            conn.execute(sa.insert(claims_table), claim_rows)

    @staticmethod
    def _existing(conn: Connection, ids: list[str]) -> set[str]:
        """Which of these report ids are already stored."""
        found: set[str] = set()
        for i in range(0, len(ids), _IN_CHUNK):
            chunk = ids[i : i + _IN_CHUNK]
            found.update(conn.execute(sa.select(reports.c.id).where(reports.c.id.in_(chunk))).scalars())
        return found

    def save_extraction(self, ex: Extraction) -> bool:
        """Store one report with its mentions and claims in one transaction; False (and no change) if already stored."""
        try:
            with self._write() as conn:
                if self._existing(conn, [ex.report.id]):
                    return False
                self._insert(conn, [ex])
        except IntegrityError:
            # Another writer stored the same report between our check and our insert: still idempotent.
            if self.has_report(ex.report.id):
                return False
            raise
        return True

    def save_many(self, exs: Iterable[Extraction]) -> tuple[int, int]:
        """Store a batch in one transaction (all or nothing); returns (stored, skipped as already present).

        Another process may store the same report between our existence check and our insert (PostgreSQL readers
        do not block): the unique key then refuses the batch, and a retry sees that report as present.
        """
        batch = list(exs)
        if not batch:
            return 0, 0
        for attempt in range(_SAVE_ATTEMPTS):
            try:
                with self._write() as conn:
                    existing = self._existing(conn, list({ex.report.id for ex in batch}))
                    todo: list[Extraction] = []
                    seen: set[str] = set(existing)
                    for ex in batch:
                        if ex.report.id not in seen:
                            seen.add(ex.report.id)
                            todo.append(ex)
                    if todo:
                        self._insert(conn, todo)
                return len(todo), len(batch) - len(todo)
            except (sa.exc.IntegrityError, sa.exc.OperationalError) as exc:
                # A concurrent writer took the same report (unique key) or PostgreSQL broke a deadlock between two
                # writers by aborting us: retry the batch. Anything else is a real error.
                transient = isinstance(exc, sa.exc.IntegrityError) or "deadlock" in str(exc).lower()
                if attempt == _SAVE_ATTEMPTS - 1 or not transient:
                    raise
                # writers that collided once tend to collide again at once: wait a random, growing while
                time.sleep(random.uniform(0, _SAVE_BACKOFF_S * 2 ** min(attempt, 5)))
        raise AssertionError("unreachable")

    # -- reading -------------------------------------------------------------------------------------------------------

    def has_report(self, report_id: str) -> bool:
        """Whether this report id is stored."""
        with self.engine.connect() as conn:
            return conn.execute(sa.select(reports.c.id).where(reports.c.id == report_id)).first() is not None

    def report_ids(self) -> set[str]:
        """Every stored report id (to skip known reports before extraction)."""
        with self.engine.connect() as conn:
            return set(conn.execute(sa.select(reports.c.id)).scalars())

    def get_report(self, report_id: str) -> dict[str, Any] | None:
        """A stored report as a dict (dates as ISO text), or None."""
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(reports).where(reports.c.id == report_id)).mappings().first()
        if row is None:
            return None
        d = dict(row)
        d["published"] = _iso(d["published"])
        d["ingested_at"] = _iso(d["ingested_at"])
        return d

    def events(
        self,
        *,
        country: str | None = None,
        since: date | None = None,
        until: date | None = None,
        event_type: str | None = None,
        near: tuple[float, float] | None = None,
        km: float | None = None,
        limit: int | None = None,
        offset: int = 0,
        report_id: str | None = None,
    ) -> list[dict[str, Any]]:
        """Linked events with reviewed values (rejected and merged ones left out) once linking has run, else
        mentions; both through the one filter compiler (warlog.store.query), sorted by date (unknown last), id."""
        from warlog.store import query

        if near is not None and (km is None or km < 0):
            raise ValueError("near= needs a non-negative km=")
        f = query.EventFilter(country=country, since=since, until=until, event_type=event_type, near=near, km=km,
                              report_id=report_id)  # fmt: skip
        return query.read_events(self.engine, f, limit=limit, offset=offset)

    def mentions(
        self,
        *,
        country: str | None = None,
        since: date | None = None,
        until: date | None = None,
        event_type: str | None = None,
        near: tuple[float, float] | None = None,
        km: float | None = None,
        limit: int | None = None,
        offset: int = 0,
        report_id: str | None = None,
    ) -> list[dict[str, Any]]:
        """Mentions as flat ACLED-named dicts, filtered like events, sorted by event_date (unknown dates last) then
        id."""
        from warlog.store import query

        if near is not None and (km is None or km < 0):
            raise ValueError("near= needs a non-negative km=")
        f = query.EventFilter(country=country, since=since, until=until, event_type=event_type, near=near, km=km,
                              report_id=report_id)  # fmt: skip
        return [mention_dict(r) for r in query.mention_rows(self.engine, f, limit=limit, offset=offset)]

    def has_events(self) -> bool:
        """Whether linking has written any event."""
        from warlog.store import query

        return query.has_events(self.engine)

    def get_event(self, event_id: str) -> dict[str, Any] | None:
        """One linked event (by event id or any of its mention ids) with reviewed values, its review state and
        history, or a mention dict before linking, or None."""
        from warlog.store import query

        if self.has_events():
            linked = query.event_detail(self.engine, event_id)
            if linked is not None:
                return linked
        return self.get_mention(event_id)

    def get_mention(self, event_id: str) -> dict[str, Any] | None:
        """One mention dict by mention id (or the first mention of a linked event id), or None."""
        q = sa.select(mentions, reports.c.outlet, reports.c.title, reports.c.url, reports.c.published)
        q = q.join(reports, mentions.c.report_id == reports.c.id)
        q = q.where(sa.or_(mentions.c.id == event_id, mentions.c.event_id == event_id))
        q = q.order_by(sa.case((mentions.c.id == event_id, 0), else_=1), mentions.c.id).limit(1)
        with self.engine.connect() as conn:
            row = conn.execute(q).mappings().first()
        return mention_dict(row) if row is not None else None

    def claims(self, report_id: str | None = None) -> list[dict[str, Any]]:
        """Claims (all, or one report's) as Claim.to_dict()-shaped dicts, ordered by report then id."""
        q = sa.select(claims_table)
        if report_id is not None:
            q = q.where(claims_table.c.report_id == report_id)
        q = q.order_by(claims_table.c.report_id, claims_table.c.id)
        with self.engine.connect() as conn:
            return [_claim_dict(r) for r in conn.execute(q).mappings()]

    def stats(self) -> dict[str, int]:
        """Counts of reports, events (linked events once linking has run, else mentions), claims, and fatalities."""
        with self.engine.connect() as conn:
            n_reports = conn.execute(sa.select(sa.func.count()).select_from(reports)).scalar_one()
            n_mentions, deaths, linked = conn.execute(
                sa.select(
                    sa.func.count(),
                    sa.func.coalesce(sa.func.sum(mentions.c.fatalities), 0),
                    sa.func.count(sa.distinct(mentions.c.event_id)),
                )
            ).one()
            n_claims = conn.execute(sa.select(sa.func.count()).select_from(claims_table)).scalar_one()
        from warlog.store import linking

        n_events, event_deaths = linking.event_stats(self.engine)
        if n_events:
            linked, deaths = n_events, event_deaths  # one row per happening: reconciled tolls, not a sum of reports
        return {
            "reports": int(n_reports),
            "events": int(n_events or n_mentions),
            "mentions": int(n_mentions),
            "linked_events": int(linked),
            "claims": int(n_claims),
            "fatalities": int(deaths),
        }

    def close(self) -> None:
        """Release pooled connections."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
