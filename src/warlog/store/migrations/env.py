"""Alembic environment for warlog: runs on the connection `warlog.store.migrate` hands over, or one from the URL."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context

import warlog.store.review  # noqa: F401  (puts the review tables on the shared metadata)
from warlog.store.schema import metadata

config = context.config
target_metadata = metadata


def _configure_and_run(connection: sa.engine.Connection) -> None:
    """Run the migrations on one connection; SQLite DDL is transactional too, so every backend gets one transaction."""
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        transactional_ddl=True,
        render_as_batch=connection.dialect.name == "sqlite",  # ALTER TABLE on SQLite needs batch mode
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_offline() -> None:
    """Emit SQL to stdout instead of running it (`alembic upgrade --sql`)."""
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    """Use the caller's connection when given one (migrate.upgrade), else open one from sqlalchemy.url."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure_and_run(connection)
        return
    engine = sa.create_engine(config.get_main_option("sqlalchemy.url"), poolclass=sa.pool.NullPool)
    with engine.connect() as conn:
        _configure_and_run(conn)
    engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
