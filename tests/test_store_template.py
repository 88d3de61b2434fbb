"""A new SQLite store is a copy of a database migrated once to head (migrate.new_from_template): the same file as the
migrations write, without running them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from warlog.store import Store, migrate


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of the test's own (where the template is made)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("WARLOG_CACHE", str(folder))
    monkeypatch.delenv(migrate.TEMPLATE_ENV, raising=False)
    return folder


def test_a_new_store_from_the_template_is_the_migrated_one(tmp_path, cache, monkeypatch):
    """The first new store makes the template (by migrating); the next copies it without running the migrations;
    both files hold exactly what a store migrated without the template holds."""
    Store(str(tmp_path / "first.db")).close()
    assert (cache / migrate._template_name()).is_file()

    def refuse(*_a: object, **_k: object) -> None:
        raise AssertionError("the migrations ran")

    with monkeypatch.context() as m:
        m.setattr(migrate, "upgrade", refuse)
        Store(str(tmp_path / "second.db")).close()
    monkeypatch.setenv(migrate.TEMPLATE_ENV, "0")
    Store(str(tmp_path / "migrated.db")).close()
    assert _dump(tmp_path / "second.db") == _dump(tmp_path / "migrated.db") == _dump(tmp_path / "first.db")
    assert not list(tmp_path.glob(".*.new"))  # no copy left behind


def test_the_template_is_not_used_where_it_must_not_be(tmp_path, cache, monkeypatch):
    """An existing file (even an empty one) is never replaced; URLs with options, memory databases and PostgreSQL
    are left to the migrations; switched off by $WARLOG_STORE_TEMPLATE=0; a folder that cannot hold the file only
    costs the shortcut."""
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    assert not migrate.new_from_template(f"sqlite:///{empty}")
    assert empty.read_bytes() == b""
    assert not migrate.new_from_template(f"sqlite:///{tmp_path / 'ro.db'}?mode=ro")
    assert not migrate.new_from_template("sqlite://")
    assert not migrate.new_from_template("sqlite:///:memory:")
    assert not migrate.new_from_template("postgresql+psycopg://u@127.0.0.1/x")
    assert not migrate.new_from_template(f"sqlite:///{tmp_path / 'no' / 'such' / 'folder.db'}")
    monkeypatch.setenv(migrate.TEMPLATE_ENV, "0")
    assert not migrate.new_from_template(f"sqlite:///{tmp_path / 'off.db'}")
    assert not (tmp_path / "off.db").exists()
    monkeypatch.delenv(migrate.TEMPLATE_ENV)
    assert migrate.new_from_template(f"sqlite:///{tmp_path / 'on.db'}")
    assert not migrate.new_from_template(f"sqlite:///{tmp_path / 'on.db'}")  # there now: left alone


def test_the_template_is_named_by_the_migrations(tmp_path, cache, monkeypatch):
    """A changed migration file makes a new template name, so a template of older migrations is never copied."""
    before = migrate._template_name()
    folder = tmp_path / "migrations"
    (folder / "versions").mkdir(parents=True)
    for p in [migrate.MIGRATIONS_DIR / "env.py", *(migrate.MIGRATIONS_DIR / "versions").glob("*.py")]:
        (folder / p.relative_to(migrate.MIGRATIONS_DIR)).write_bytes(p.read_bytes())
    (folder / "versions" / "0001_initial.py").write_bytes(
        (folder / "versions" / "0001_initial.py").read_bytes() + b"\n# changed\n"
    )
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", folder)
    migrate._template_name.cache_clear()
    try:
        assert migrate._template_name() != before
    finally:
        migrate._template_name.cache_clear()


def test_a_file_made_meanwhile_by_another_process_is_kept(tmp_path, cache, monkeypatch):
    """The copy is linked into place only when no file is there yet: one made by another process between the check
    and the link stays as it is, and the copy is removed."""
    Store(str(tmp_path / "first.db")).close()  # the template exists
    target = tmp_path / "raced.db"
    real_link = migrate.os.link

    def raced(src: str, dst: object) -> None:
        target.write_bytes(b"another process")
        real_link(src, dst)

    monkeypatch.setattr(migrate.os, "link", raced)
    assert not migrate.new_from_template(f"sqlite:///{target}")
    assert target.read_bytes() == b"another process"
    assert not list(tmp_path.glob(".*.new"))
