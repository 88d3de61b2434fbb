"""Alembic migrations, configured in code: bring a SQLite or PostgreSQL database to the current schema.

`upgrade(url)` runs under one lock per database (BEGIN IMMEDIATE on SQLite, an advisory lock on PostgreSQL), so several
processes starting at once migrate once. A database made before migrations existed (warlog's tables present, no
`alembic_version`) is checked against the baseline revision's tables and stamped at it, then upgraded as usual.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import tempfile
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

if TYPE_CHECKING:
    from alembic.config import Config

from warlog.settings import normalise_db_url

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
BASELINE = "0001"  # the revision that creates the schema warlog had before it used migrations
VERSION_TABLE = "alembic_version"
PG_LOCK_KEY = 0x7761726C6F67  # "warlog": the advisory lock that serialises concurrent upgrades on PostgreSQL
SQLITE_BUSY_TIMEOUT_S = 30


class MigrationError(RuntimeError):
    """The database cannot be migrated safely (e.g. an unversioned database whose tables differ from the baseline)."""


def alembic_config(url: str, connection: Connection | None = None) -> Config:
    """An Alembic Config built in code (no alembic.ini), pointing at the migrations shipped inside the package."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def _engine(url: str) -> Engine:
    """A short-lived engine; on SQLite every transaction is BEGIN IMMEDIATE, so DDL and version row commit together."""
    if not url.startswith("sqlite"):
        return sa.create_engine(url, poolclass=sa.pool.NullPool)
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S})

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # the driver must not open or commit transactions behind our back

    @sa.event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _lock(conn: Connection) -> None:
    """Serialise concurrent upgrades (SQLite already holds the write lock from BEGIN IMMEDIATE)."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_LOCK_KEY})


def _columns_by_table(conn: Connection) -> dict[str, set[str]]:
    """Table name -> column names, as the database reports them (the version table left out)."""
    inspector = sa.inspect(conn)
    return {t: {c["name"] for c in inspector.get_columns(t)} for t in inspector.get_table_names() if t != VERSION_TABLE}


def baseline_tables() -> dict[str, set[str]]:
    """The tables and columns the baseline revision creates, read back from a scratch in-memory SQLite database."""
    from alembic import command

    engine = _engine("sqlite://")
    try:
        with engine.connect() as conn, conn.begin():
            command.upgrade(alembic_config("sqlite://", conn), BASELINE)
            return _columns_by_table(conn)
    finally:
        engine.dispose()


def _check_matches_baseline(found: dict[str, set[str]]) -> None:
    """Refuse to stamp an unversioned database unless it has exactly the baseline's warlog tables and columns."""
    expected = baseline_tables()
    problems = [f"missing table {t}" for t in sorted(expected.keys() - found.keys())]
    for table in sorted(expected.keys() & found.keys()):
        if missing := expected[table] - found[table]:
            problems.append(f"{table}: missing columns {sorted(missing)}")
        if extra := found[table] - expected[table]:
            problems.append(f"{table}: unexpected columns {sorted(extra)}")
    if problems:
        raise MigrationError(
            f"the database has warlog tables but no {VERSION_TABLE} and does not match revision {BASELINE}: "
            + "; ".join(problems)
        )


def _stamp_if_unversioned(conn: Connection, cfg: Config) -> bool:
    """Stamp a pre-migrations warlog database at the baseline (after checking it); True when it was stamped."""
    from alembic import command

    found = _columns_by_table(conn)
    if VERSION_TABLE in sa.inspect(conn).get_table_names() or not found.keys() & baseline_tables().keys():
        return False
    _check_matches_baseline(found)
    command.stamp(cfg, BASELINE)
    return True


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the database at `url` (a URL or a SQLite file path) to `revision`, in one locked transaction."""
    from alembic import command

    url = normalise_db_url(url)
    engine = _engine(url)
    try:
        with engine.connect() as conn, conn.begin():
            _lock(conn)
            cfg = alembic_config(url, conn)
            _stamp_if_unversioned(conn, cfg)
            command.upgrade(cfg, revision)
    finally:
        engine.dispose()


def current(url: str) -> str | None:
    """The database's Alembic revision, or None when it has none (empty, or made before migrations)."""
    from alembic.runtime.migration import MigrationContext

    engine = _engine(normalise_db_url(url))
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    finally:
        engine.dispose()


_REVISION = re.compile(r"^(down_revision|revision)\s*:[^=]*=\s*(None|\"([^\"]*)\")", re.MULTILINE)


@cache
def head_revision() -> str | None:
    """The newest revision of the shipped migrations, read from their files without importing Alembic (the revision
    no other one revises; None when there is not exactly one)."""
    revisions, parents = set(), set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        found = dict((m.group(1), m.group(3)) for m in _REVISION.finditer(path.read_text(encoding="utf-8")))
        if found.get("revision"):
            revisions.add(found["revision"])
            if found.get("down_revision"):
                parents.add(found["down_revision"])
    heads = revisions - parents
    return next(iter(heads)) if len(heads) == 1 else None


def at_head(engine: Engine) -> bool:
    """Whether this database is already at the shipped head revision (one read of alembic_version): a store opened
    again then skips Alembic, whose import and script loading cost ~0.3-0.5 s of every process's start-up."""
    head = head_revision()
    if head is None:
        return False
    try:
        with engine.connect() as conn:
            rows = conn.execute(sa.text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
    except sa.exc.DBAPIError:
        return False  # no version table: a new or unversioned database
    return rows == [head]


TEMPLATE_ENV = "WARLOG_STORE_TEMPLATE"  # "0" turns the migrated template off (every new file runs the migrations)


@cache
def _template_name() -> str:
    """The template's file name: a digest of the migrations (their files and env.py), SQLite's and SQLAlchemy's
    versions, so a changed migration or library makes a new template."""
    h = hashlib.sha1(f"{sqlite3.sqlite_version}|{sa.__version__}".encode())
    for path in sorted([MIGRATIONS_DIR / "env.py", *(MIGRATIONS_DIR / "versions").glob("*.py")]):
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return f"store-template-{h.hexdigest()[:16]}.sqlite"


def _sqlite_file(url: str) -> Path | None:
    """The file of a plain SQLite file URL (no query options), else None."""
    from sqlalchemy.engine import make_url

    try:
        u = make_url(url)
    except sa.exc.ArgumentError:
        return None
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:" or u.query:
        return None
    return Path(u.database)


def _build_template(path: Path) -> None:
    """Migrate a new file to head beside `path`, then move it there (atomic: a reader sees a whole file or none)."""
    fd, tmp = tempfile.mkstemp(prefix=".store-template-", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        os.unlink(tmp)  # the migrations create the file themselves
        upgrade(f"sqlite:///{tmp}")
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def new_from_template(url: str) -> bool:
    """A new SQLite store file (none at `url` yet) as a copy of a database already migrated to head, kept in the cache
    folder: the same file the migrations would write, without importing Alembic and running them (~0.25 s of every
    `warlog ingest` into a new file). The template is made once, by running the migrations. The copy is written
    beside the target and linked into place, so a process that creates the same file at the same moment either
    wins or finds a whole file; anything that goes wrong only costs the shortcut (the caller migrates as before).
    True when the file was made from the template."""
    if os.environ.get(TEMPLATE_ENV, "1") in ("0", "false", "no", ""):
        return False
    target = _sqlite_file(url)
    if target is None or target.exists():
        return False
    from warlog.settings import current_setting

    try:
        template = Path(current_setting("cache_dir")) / _template_name()
        if not template.is_file():
            template.parent.mkdir(parents=True, exist_ok=True)
            _build_template(template)
        data = template.read_bytes()
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".new", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.link(tmp, target)  # fails if the file appeared meanwhile: then it is another process's
        finally:
            os.unlink(tmp)
    except (OSError, sa.exc.SQLAlchemyError):
        return False
    return True
