"""The one place that reads and writes the database: saving extractions and querying mentions as ACLED-style rows.

Portable SQLAlchemy Core (SQLite and PostgreSQL); every value goes in as a bound parameter.
"""

from __future__ import annotations

import threading
import zlib
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from warlog.countries import iso2_from_alpha3 as _iso2_for
from warlog.geometry import bounding_box, haversine_km
from warlog.model import Extraction
from warlog.settings import normalise_db_url
from warlog.store import linking
from warlog.store.rows import (
    _claim_dict,
    _iso,
    mention_from_row,
    row_from_claim,
    row_from_mention,
    row_from_report,
)
from warlog.store.schema import SCHEMA_VERSION, mentions, reports
from warlog.store.schema import claims as claims_table
from warlog.store.schema import meta as meta_table

SQLITE_BUSY_TIMEOUT_S = 30
_IN_CHUNK = 500  # ids per IN (...) list, well under SQLite's bound-parameter limit


_MEMORY_LOCKS: dict[str, threading.Lock] = {}


class SchemaVersionError(RuntimeError):
    """The database was written by a newer warlog whose schema this version does not know."""


# ---------------------------------------------------------------------------------------------------------------------
# the store


def _make_engine(url: str) -> Engine:
    """An engine; for SQLite: WAL, foreign keys, a 30 s busy timeout and BEGIN IMMEDIATE for writes."""
    if not url.startswith("sqlite"):
        return sa.create_engine(url, pool_pre_ping=True)
    engine = sa.create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S})

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves (see _on_begin)
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_S * 1000}")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

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

        migrate.upgrade(self.url)
        with self._write() as conn:
            stored = conn.execute(
                sa.select(meta_table.c.value).where(meta_table.c.key == "schema_version")
            ).scalar_one_or_none()
            if stored is None:
                conn.execute(sa.insert(meta_table).values(key="schema_version", value=str(SCHEMA_VERSION)))
            elif int(stored) > SCHEMA_VERSION:
                raise SchemaVersionError(f"database schema {stored} is newer than this warlog ({SCHEMA_VERSION})")

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """A connection inside one write transaction (committed on success, rolled back on error)."""
        with self.engine.connect() as conn:
            conn = conn.execution_options(warlog_write=True)
            with conn.begin():
                yield conn

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
        for attempt in range(4):
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
                if attempt == 3 or not transient:
                    raise
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

    def _event_select(self) -> sa.Select:
        """Mentions joined to their report's outlet, title, url and publication date."""
        return sa.select(mentions, reports.c.outlet, reports.c.title, reports.c.url, reports.c.published).join(
            reports, mentions.c.report_id == reports.c.id
        )

    @staticmethod
    def _event_dict(row: Mapping[str, Any]) -> dict[str, Any]:
        """A joined row as Mention.to_acled() plus the report's outlet, title, url and published."""
        d = mention_from_row(row).to_acled()
        d["outlet"] = row["outlet"]
        d["title"] = row["title"]
        d["url"] = row["url"]
        d["published"] = _iso(row["published"])
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
        """Linked events (reconciled fields, sources, ranges, flags, member ids) once linking has run, else mentions."""
        kwargs = {"country": country, "since": since, "until": until, "event_type": event_type}
        kwargs.update({"near": near, "km": km, "limit": limit, "offset": offset, "report_id": report_id})
        if linking.has_events(self.engine):
            return linking.query_events(self.engine, **kwargs)
        return self.mentions(**kwargs)

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
        """Mentions as flat ACLED-named dicts, filtered and sorted by event_date (unknown dates last) then id."""
        if near is not None and (km is None or km < 0):
            raise ValueError("near= needs a non-negative km=")
        q = self._event_select()
        if country:
            c = country.strip().lower()
            conds = [sa.func.lower(mentions.c.country) == c, sa.func.lower(mentions.c.iso) == c]
            iso2 = _iso2_for(country.strip())
            if iso2:
                conds.append(mentions.c.iso == iso2)
            q = q.where(sa.or_(*conds))
        if since is not None:
            q = q.where(mentions.c.event_date >= since)
        if until is not None:
            q = q.where(mentions.c.event_date <= until)
        if event_type:
            t = event_type.strip().lower()
            lower = sa.func.lower
            q = q.where(sa.or_(lower(mentions.c.event_type) == t, lower(mentions.c.sub_event_type) == t))
        if report_id is not None:
            q = q.where(mentions.c.report_id == report_id)
        if near is not None:
            q = q.where(*self._bbox_conditions(near[0], near[1], float(km)))  # type: ignore[arg-type]
        q = q.order_by(sa.case((mentions.c.event_date.is_(None), 1), else_=0), mentions.c.event_date, mentions.c.id)
        if near is None:
            if offset:
                q = q.offset(offset)
            if limit is not None:
                q = q.limit(limit)
        with self.engine.connect() as conn:
            rows = conn.execute(q).mappings().all()
        if near is not None:
            lat0, lon0 = near
            rows = [r for r in rows if haversine_km(lat0, lon0, r["latitude"], r["longitude"]) <= km]  # type: ignore[operator]
            rows = rows[offset : offset + limit if limit is not None else None]
        return [self._event_dict(r) for r in rows]

    @staticmethod
    def _bbox_conditions(lat: float, lon: float, km: float) -> list[sa.ColumnElement[bool]]:
        """SQL conditions for the bounding box around (lat, lon) that holds every point within km."""
        lat_min, lat_max, lon_ranges = bounding_box(lat, lon, km)
        conds = [mentions.c.latitude.is_not(None), mentions.c.longitude.is_not(None)]
        conds.append(mentions.c.latitude.between(lat_min, lat_max))
        if lon_ranges is not None:
            conds.append(sa.or_(*(mentions.c.longitude.between(a, b) for a, b in lon_ranges)))
        return conds

    def get_event(self, event_id: str) -> dict[str, Any] | None:
        """One linked event (by event id or any of its mention ids) with its reports, or a mention dict, or None."""
        if linking.has_events(self.engine):
            linked = linking.get_linked_event(self.engine, event_id)
            if linked is not None:
                return linked
        return self.get_mention(event_id)

    def get_mention(self, event_id: str) -> dict[str, Any] | None:
        """One mention dict by mention id (or the first mention of a linked event id), or None."""
        q = self._event_select().where(sa.or_(mentions.c.id == event_id, mentions.c.event_id == event_id))
        q = q.order_by(sa.case((mentions.c.id == event_id, 0), else_=1), mentions.c.id).limit(1)
        with self.engine.connect() as conn:
            row = conn.execute(q).mappings().first()
        return self._event_dict(row) if row is not None else None

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
