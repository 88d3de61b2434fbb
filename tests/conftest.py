"""Fixtures shared by the store, linking, review and API tests: a fresh database on each backend.

Every test that takes `db_url` (or `module_db_url`) runs twice: on a SQLite file and on PostgreSQL (a schema of its
own in the server at WARLOG_TEST_PG, dropped afterwards). Without a PostgreSQL server the PostgreSQL runs are skipped
with the reason shown; CI always has one.
"""

from __future__ import annotations

import functools
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa

# The test client sends "Host: testserver"; the API refuses host names it does not serve (DNS rebinding), so the
# tests allow that one name, as Django's test runner adds it to ALLOWED_HOSTS.
os.environ.setdefault("WARLOG_ALLOWED_HOSTS", "testserver")

PG_ADMIN = os.environ.get("WARLOG_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
BACKENDS = ["sqlite", "postgresql"]


@functools.cache
def pg_available() -> bool:
    """Whether the test PostgreSQL server answers."""
    try:
        engine = sa.create_engine(PG_ADMIN, connect_args={"connect_timeout": 3})
        with engine.connect():
            pass
        engine.dispose()
        return True
    except Exception:
        return False


@contextmanager
def fresh_database(backend: str, folder: Path) -> Iterator[str]:
    """The URL of an empty store: a SQLite file in `folder`, or a new PostgreSQL schema dropped on exit."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'warlog.db'}"
        return
    if not pg_available():
        pytest.skip(f"no PostgreSQL at {PG_ADMIN}")
    schema = f"warlog_t_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    try:
        yield f"{PG_ADMIN}?options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path) -> Iterator[str]:
    """A fresh, empty store URL for one test, on each backend."""
    with fresh_database(request.param, tmp_path) as url:
        yield url


@pytest.fixture(scope="module", params=BACKENDS)
def module_db_url(request, tmp_path_factory) -> Iterator[str]:
    """A fresh, empty store URL shared by a module's tests, on each backend."""
    with fresh_database(request.param, tmp_path_factory.mktemp(request.param)) as url:
        yield url


@pytest.fixture(scope="module")
def nlp():
    """The shipped spaCy pipeline (loaded once per process; module scope as the extraction tests had it)."""
    from warlog.extract.nlp import load_nlp

    return load_nlp()
