"""Alembic migrations: an empty SQLite file or PostgreSQL database upgraded to head has exactly the tables, columns and
indexes of `warlog.store.schema.metadata` (so a schema change without a migration fails here); a database made before
migrations is stamped; upgrading twice, or from several processes at once, is harmless."""

from __future__ import annotations

import threading
from datetime import datetime

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from warlog.store import Store, migrate, search
from warlog.store.schema import metadata


def _head() -> str:
    """The newest revision shipped in the package."""
    return ScriptDirectory.from_config(migrate.alembic_config("sqlite://")).get_current_head()


def _engine(url: str) -> sa.Engine:
    """A plain engine for inspecting the database."""
    return sa.create_engine(url, poolclass=sa.pool.NullPool)


def _schema_differences(url: str) -> list[str]:
    """Every way the database's tables, columns, keys and indexes differ from `metadata` (empty when they match)."""
    engine = _engine(url)
    problems: list[str] = []
    with engine.connect() as conn:
        insp = sa.inspect(conn)
        # The search index is backend-specific (FTS5 and its shadow tables / a tsvector table): not in `metadata`.
        found = {t for t in insp.get_table_names() if not t.startswith(search.TABLE)} - {migrate.VERSION_TABLE}
        if found != set(metadata.tables):
            problems.append(
                f"tables: extra {sorted(found - set(metadata.tables))}, missing {sorted(set(metadata.tables) - found)}"
            )
        for name in sorted(found & set(metadata.tables)):
            problems += _table_differences(insp, metadata.tables[name])
        opts = {"compare_type": True, "include_name": lambda name, *_: not (name or "").startswith(search.TABLE)}
        diffs = compare_metadata(MigrationContext.configure(conn, opts=opts), metadata)
        problems += [f"autogenerate would emit: {d}" for d in diffs]
    engine.dispose()
    return problems


def _type_key(type_: sa.types.TypeEngine) -> tuple[str, int | None]:
    """A type as its generic family and length (PostgreSQL reflects Float as DOUBLE PRECISION, both are floats)."""
    return type_._type_affinity.__name__, getattr(type_, "length", None)


def _table_differences(insp: sa.Inspector, table: sa.Table) -> list[str]:
    """Column names, types and nullability, primary and foreign keys, unique constraints and indexes of one table."""
    name, problems = table.name, []
    cols = {c["name"]: c for c in insp.get_columns(name)}
    if list(cols) != [c.name for c in table.columns]:
        problems.append(f"{name} columns: {list(cols)} != {[c.name for c in table.columns]}")
    for col in table.columns:
        got = cols.get(col.name)
        if got is None:
            continue
        want_type, got_type = _type_key(col.type), _type_key(got["type"])
        if want_type != got_type:
            problems.append(f"{name}.{col.name} type {got_type} != {want_type}")
        if got["nullable"] != col.nullable:
            problems.append(f"{name}.{col.name} nullable {got['nullable']} != {col.nullable}")
    if insp.get_pk_constraint(name)["constrained_columns"] != [c.name for c in table.primary_key.columns]:
        problems.append(f"{name} primary key differs")
    fks = {
        (
            tuple(f["constrained_columns"]),
            f["referred_table"],
            tuple(f["referred_columns"]),
            (f.get("options") or {}).get("ondelete"),
        )
        for f in insp.get_foreign_keys(name)
    }
    want_fks = {
        (tuple(f.column_keys), f.referred_table.name, tuple(e.column.name for e in f.elements), f.ondelete)
        for f in table.foreign_key_constraints
    }
    if {(c, t, r, (o or "").upper() or None) for c, t, r, o in fks} != {
        (c, t, r, (o or "").upper() or None) for c, t, r, o in want_fks
    }:
        problems.append(f"{name} foreign keys {fks} != {want_fks}")
    uniques = {tuple(u["column_names"]) for u in insp.get_unique_constraints(name)}
    want_uniques = {(c.name,) for c in table.columns if c.unique} | {
        tuple(c.name for c in u.columns) for u in table.constraints if isinstance(u, sa.UniqueConstraint)
    }
    if uniques != want_uniques:
        problems.append(f"{name} unique constraints {uniques} != {want_uniques}")
    indexes = {
        i["name"]: (tuple(i["column_names"]), bool(i["unique"]))
        for i in insp.get_indexes(name)
        if not i.get("duplicates_constraint")
    }
    want_indexes = {i.name: (tuple(c.name for c in i.columns), bool(i.unique)) for i in table.indexes}
    if indexes != want_indexes:
        problems.append(f"{name} indexes {indexes} != {want_indexes}")
    return problems


def _count_reports(url: str) -> int:
    """How many reports the database holds."""
    engine = _engine(url)
    with engine.connect() as conn:
        n = conn.execute(sa.text("SELECT count(*) FROM reports")).scalar_one()
    engine.dispose()
    return n


def _add_report(url: str, report_id: str) -> None:
    """Insert one report row (enough to see that data survives an upgrade)."""
    engine = _engine(url)
    with engine.begin() as conn:
        conn.execute(
            metadata.tables["reports"]
            .insert()
            .values(id=report_id, text="Shelling hit a market in the town on Monday.", ingested_at=datetime(2024, 5, 1))
        )
    engine.dispose()


def test_empty_database_upgrades_to_exactly_the_current_schema(db_url: str) -> None:
    """An empty database upgraded to head is at head and matches `metadata` table by table, index by index."""
    assert migrate.current(db_url) is None
    migrate.upgrade(db_url)
    assert migrate.current(db_url) == _head()
    assert _schema_differences(db_url) == []


def test_second_upgrade_changes_nothing_and_keeps_data(db_url: str) -> None:
    """Upgrading an up-to-date database is a no-op: same revision, same rows."""
    migrate.upgrade(db_url)
    _add_report(db_url, "r1")
    migrate.upgrade(db_url)
    assert migrate.current(db_url) == _head()
    assert _count_reports(db_url) == 1


def test_database_made_before_migrations_is_stamped_then_upgraded(db_url: str) -> None:
    """Tables from the old create_all and no alembic_version: checked, stamped at the baseline, data kept. (The old
    create_all made the baseline's tables: made here by the baseline revision, its version row then dropped, since
    today's `metadata` has the columns later revisions add.)"""
    migrate.upgrade(db_url, migrate.BASELINE)
    engine = _engine(db_url)
    with engine.begin() as conn:
        conn.execute(sa.text(f"DROP TABLE {migrate.VERSION_TABLE}"))
    engine.dispose()
    _add_report(db_url, "old")
    assert migrate.current(db_url) is None
    migrate.upgrade(db_url, migrate.BASELINE)
    assert migrate.current(db_url) == migrate.BASELINE
    migrate.upgrade(db_url)
    assert migrate.current(db_url) == _head()
    assert _count_reports(db_url) == 1


def test_unversioned_database_that_differs_from_the_baseline_is_refused(db_url: str) -> None:
    """A `reports` table missing columns is not stamped: upgrading stops with a message naming what differs."""
    engine = _engine(db_url)
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE reports (id VARCHAR(40) PRIMARY KEY, text TEXT NOT NULL)"))
    engine.dispose()
    with pytest.raises(migrate.MigrationError, match="reports: missing columns"):
        migrate.upgrade(db_url)
    assert migrate.current(db_url) is None


def _event_indexes(url: str) -> dict[str, list[str]]:
    """The indexes on `events`, by name, with their columns."""
    engine = _engine(url)
    with engine.connect() as conn:
        found = {i["name"]: i["column_names"] for i in sa.inspect(conn).get_indexes("events")}
    engine.dispose()
    return found


def test_upgrade_from_0001_adds_the_event_filter_indexes(db_url: str) -> None:
    """Revision 0002 adds the indexes on events.iso, admin1 and sub_event_type (the API's filters) to a database at
    0001 without losing its rows, 0004 turns them into (column, event_date) or (admin1, id) indexes, and downgrading
    to 0001 removes them again."""
    added = {"ix_events_iso": ["iso"], "ix_events_admin1": ["admin1"], "ix_events_sub_event_type": ["sub_event_type"]}
    migrate.upgrade(db_url, migrate.BASELINE)
    _add_report(db_url, "r1")
    assert added.keys().isdisjoint(_event_indexes(db_url))
    migrate.upgrade(db_url, "0002")
    indexes = _event_indexes(db_url)
    assert {name: indexes.get(name) for name in added} == added
    assert _count_reports(db_url) == 1
    # 0004: filter indexes gain the event date as second column (one index range for a filter and dates); admin1,
    # also a sort, gets (admin1, id) like the other sort keys
    migrate.upgrade(db_url, "0004")
    indexes = _event_indexes(db_url)
    dated = {"ix_events_iso_date": ["iso", "event_date"], "ix_events_admin1_id": ["admin1", "id"],
             "ix_events_sub_event_type_date": ["sub_event_type", "event_date"]}  # fmt: skip
    assert {name: indexes.get(name) for name in dated} == dated and added.keys().isdisjoint(indexes)
    assert _count_reports(db_url) == 1
    # 0005: the type filters' indexes cover the columns combined with them; a covering sample index in hash order
    migrate.upgrade(db_url, "0005")
    assert "ix_events_event_date" in _event_indexes(db_url)
    migrate.upgrade(db_url)
    indexes = _event_indexes(db_url)
    covering = {"ix_events_sub_event_type_cover": ["sub_event_type", "event_date", "iso", "country", "fatalities"],
                "ix_events_sample": ["search_key", "event_date", "iso", "country", "admin1", "event_type",
                                     "sub_event_type", "fatalities", "latitude", "longitude", "id"]}  # fmt: skip
    assert {name: indexes.get(name) for name in covering} == covering
    assert "ix_events_sub_event_type_date" not in indexes and "ix_events_search_key" not in indexes
    # 0006: the date and coordinate indexes cover the date order (date, id) and what a walk or a box page reads
    cover = {"ix_events_date_cover": ["event_date", "id", "iso", "country"],
             "ix_events_lat_lon_cover": ["latitude", "longitude", "event_date", "id"],
             "ix_events_admin1_cover": ["admin1", "id", "iso", "country"],
             "ix_events_location_cover": ["location", "id", "iso", "country"]}  # fmt: skip
    assert {name: indexes.get(name) for name in cover} == cover
    assert {"ix_events_event_date", "ix_events_lat_lon", "ix_events_admin1_id", "ix_events_location_id"}.isdisjoint(
        indexes
    )
    assert _count_reports(db_url) == 1
    command.downgrade(migrate.alembic_config(db_url), migrate.BASELINE)
    assert added.keys().isdisjoint(_event_indexes(db_url)) and dated.keys().isdisjoint(_event_indexes(db_url))
    assert migrate.current(db_url) == migrate.BASELINE


def test_concurrent_upgrades_migrate_once(db_url: str) -> None:
    """Four processes' worth of upgrades started together all succeed and leave one version row."""
    errors: list[BaseException] = []

    def run() -> None:
        try:
            migrate.upgrade(db_url)
        except BaseException as exc:  # noqa: BLE001  (collected and asserted below)
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    engine = _engine(db_url)
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalars().all() == [_head()]
    engine.dispose()


def test_store_opens_a_migrated_database(db_url: str) -> None:
    """The Store works on a database the migrations created (its startup finds every table already there)."""
    migrate.upgrade(db_url)
    store = Store(db_url)
    try:
        assert store.schema_version() >= 1
    finally:
        store.close()
    assert migrate.current(db_url) == _head()


def test_migrations_ship_inside_the_package() -> None:
    """Alembic is configured in code from the package folder: no alembic.ini is needed at run time."""
    assert (migrate.MIGRATIONS_DIR / "env.py").is_file()
    assert (migrate.MIGRATIONS_DIR / "versions" / "0001_initial.py").is_file()
    assert _head() == migrate.BASELINE or migrate.BASELINE in {
        r.revision for r in ScriptDirectory.from_config(migrate.alembic_config("sqlite://")).walk_revisions()
    }


def test_head_read_from_the_files_is_alembics_head_and_a_store_at_head_skips_alembic(tmp_path, monkeypatch):
    """migrate.head_revision reads the newest revision from the migration files without importing Alembic; a store
    opened again at that revision does not run the upgrade (its import and script loading were ~0.4 s of start-up),
    one below it does."""
    assert migrate.head_revision() == _head()
    url = f"sqlite:///{tmp_path / 'h.db'}"
    Store(url).close()
    assert migrate.at_head(_engine(url))

    def refuse(*_a: object, **_k: object) -> None:
        raise AssertionError("upgrade ran on a database at head")

    monkeypatch.setattr(migrate, "upgrade", refuse)
    Store(url).close()  # at head: no upgrade
    with _engine(url).begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '0005'"))
    assert not migrate.at_head(_engine(url))
    with pytest.raises(AssertionError, match="upgrade ran"):
        Store(url)
    assert not migrate.at_head(_engine(f"sqlite:///{tmp_path / 'new.db'}"))
