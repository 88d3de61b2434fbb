"""Keeping the archive sound: a consistent backup of a live SQLite store, and a check that finds what should never be
there (orphans, duplicate ids, evidence that does not point into its report, a corrupt file)."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from warlog.model import report_id_for
from warlog.settings import normalise_db_url
from warlog.store.db import Store

BUSY_TIMEOUT_S = 30
BACKUP_PAGES_PER_STEP = -1  # copy in one step: one read snapshot, so the copy is consistent even under writers


class MaintenanceError(RuntimeError):
    """A backup or check that cannot be done (not SQLite, no such file, destination exists...)."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the store: what kind, where (table and row id) and a sentence saying what."""

    kind: str  # integrity, foreign-key, orphan, duplicate-id, evidence, report-hash
    table: str
    id: str | None
    detail: str
    severity: str = "error"  # "error" fails `warlog check`; "warning" is printed only


@dataclass(frozen=True)
class BackupResult:
    """Where the copy went and what it holds."""

    path: Path
    bytes: int
    reports: int
    integrity: str


def _sqlite_path(url: str) -> Path:
    """The file behind a SQLite URL; refuses other databases and in-memory ones."""
    parsed = sa.engine.make_url(normalise_db_url(url))
    if not parsed.drivername.startswith("sqlite"):
        raise MaintenanceError(
            f"backup copies SQLite files; for {parsed.drivername} use the server's own tools (pg_dump)"
        )
    if not parsed.database or parsed.database == ":memory:":
        raise MaintenanceError("an in-memory database has no file to back up")
    return Path(parsed.database)


def _url_of(store_or_url: Store | str | os.PathLike[str]) -> str:
    """The database URL of a Store, a URL or a bare SQLite path."""
    if isinstance(store_or_url, Store):
        return store_or_url.url
    return normalise_db_url(os.fspath(store_or_url))


def _connect(path: Path, readonly: bool) -> sqlite3.Connection:
    """A sqlite3 connection with a busy timeout (read-only opens never create the file)."""
    if readonly:
        return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
    return sqlite3.connect(path, timeout=BUSY_TIMEOUT_S)


def backup(
    store_or_url: Store | str | os.PathLike[str], dest: str | os.PathLike[str], overwrite: bool = False
) -> BackupResult:
    """Copy a live SQLite store to dest with SQLite's online backup API, in one read snapshot: writers may go on,
    and the copy holds every transaction committed before it started and none after.

    The copy is written beside dest and renamed into place once it passes `PRAGMA integrity_check`, so dest is never
    a half-written file. Refuses an existing dest unless overwrite.
    """
    source = _sqlite_path(_url_of(store_or_url))
    target = Path(dest)
    if not source.exists():
        raise MaintenanceError(f"no database file {source}")
    if target.resolve() == source.resolve():
        raise MaintenanceError("the backup must go to another file than the database")
    if target.exists() and not overwrite:
        raise MaintenanceError(f"{target} exists (use --overwrite to replace it)")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    src = _connect(source, readonly=True)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst, pages=BACKUP_PAGES_PER_STEP)
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
            integrity = "; ".join(r[0] for r in dst.execute("PRAGMA integrity_check"))
            reports = _count_reports(dst)
        finally:
            dst.close()
    finally:
        src.close()
    if integrity != "ok":
        raise MaintenanceError(f"the copy failed its integrity check ({integrity}); {partial} kept for inspection")
    os.replace(partial, target)
    return BackupResult(path=target, bytes=target.stat().st_size, reports=reports, integrity=integrity)


def _count_reports(conn: sqlite3.Connection) -> int:
    """Reports in a sqlite3 database (0 when the table does not exist yet)."""
    try:
        return int(conn.execute("SELECT count(*) FROM reports").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


# ---------------------------------------------------------------------------------------------------------------------
# check


def _sqlite_integrity(conn: sa.Connection) -> Iterator[Problem]:
    """SQLite's own page-level check and its foreign-key check."""
    rows = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check").fetchall()]
    if rows != ["ok"]:
        for message in rows:
            yield Problem("integrity", "-", None, str(message))
    for table, rowid, parent, _fk in conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall():
        yield Problem("foreign-key", str(table), str(rowid), f"row {rowid} points to a missing row of {parent}")


def _duplicates(conn: sa.Connection, tables: dict[str, sa.Table]) -> Iterator[Problem]:
    """Ids stored more than once in reports, mentions, claims and events (a broken or missing unique index)."""
    for name in ("reports", "mentions", "claims", "events"):
        table = tables.get(name)
        if table is None or "id" not in table.c:
            continue
        q = sa.select(table.c.id, sa.func.count()).group_by(table.c.id).having(sa.func.count() > 1)
        for row_id, n in conn.execute(q):
            yield Problem("duplicate-id", name, str(row_id), f"id stored {n} times")


def _orphans(conn: sa.Connection, tables: dict[str, sa.Table]) -> Iterator[Problem]:
    """Mentions and claims whose report is gone; linked events with no mentions; mentions linked to no event."""
    reports = tables["reports"]
    for name in ("mentions", "claims"):
        child = tables.get(name)
        if child is None:
            continue
        q = sa.select(child.c.id, child.c.report_id).where(~sa.exists().where(reports.c.id == child.c.report_id))
        for row_id, report_id in conn.execute(q):
            yield Problem("orphan", name, str(row_id), f"report {report_id} is not stored")
    events, mentions = tables.get("events"), tables.get("mentions")
    if events is None or mentions is None or "id" not in events.c or "event_id" not in mentions.c:
        return
    q = sa.select(events.c.id).where(~sa.exists().where(mentions.c.event_id == events.c.id))
    for (row_id,) in conn.execute(q):
        yield Problem("orphan", "events", str(row_id), "event has no mentions")
    q = sa.select(mentions.c.id, mentions.c.event_id).where(
        mentions.c.event_id.is_not(None), ~sa.exists().where(events.c.id == mentions.c.event_id)
    )
    for row_id, event_id in conn.execute(q):
        yield Problem("orphan", "mentions", str(row_id), f"linked to event {event_id}, which is not stored")


def _evidence_list(value: Any) -> list[Any]:
    """Evidence as stored: a JSON list (mentions), one object (claims), or JSON text of either."""
    if isinstance(value, str):
        value = json.loads(value)
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _evidence_problem(ev: Any, text: str) -> str | None:
    """Why one evidence item does not point into its report's text, or None when it does."""
    if not isinstance(ev, dict) or not {"text", "start", "end"} <= set(ev):
        return f"malformed evidence {str(ev)[:80]!r}"
    start, end = ev["start"], ev["end"]
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start <= end <= len(text):
        return f"offsets {start}:{end} outside the report text (length {len(text)})"
    if text[start:end] != ev["text"]:
        return f"text at {start}:{end} differs from the evidence {ev['text'][:60]!r}"
    return None


def _evidence(conn: sa.Connection, tables: dict[str, sa.Table]) -> Iterator[Problem]:
    """Evidence of mentions and claims whose offsets fall outside, or do not match, their report's text."""
    reports = tables["reports"]
    for name in ("mentions", "claims"):
        child = tables.get(name)
        if child is None or "evidence" not in child.c:
            continue
        q = (
            sa.select(child.c.id, child.c.evidence, reports.c.text)
            .join(reports, reports.c.id == child.c.report_id)
            .order_by(child.c.report_id)
        )
        for row_id, evidence, text in conn.execution_options(stream_results=True).execute(q):
            try:
                items = _evidence_list(evidence)
            except (TypeError, ValueError) as exc:
                yield Problem("evidence", name, str(row_id), f"unreadable evidence: {exc}")
                continue
            for ev in items:
                why = _evidence_problem(ev, text or "")
                if why:
                    yield Problem("evidence", name, str(row_id), why)


def _report_hashes(conn: sa.Connection, tables: dict[str, sa.Table]) -> Iterator[Problem]:
    """Reports whose id is not the hash of their text (edited after ingest, or stored by other means)."""
    reports = tables["reports"]
    for row_id, text in conn.execution_options(stream_results=True).execute(sa.select(reports.c.id, reports.c.text)):
        if report_id_for(text or "") != row_id:
            yield Problem("report-hash", "reports", str(row_id), "id is not the hash of the stored text", "warning")


def _sqlite_opens(path: Path) -> Problem | None:
    """A Problem when the file is missing or not a database at all (nothing else can be checked then)."""
    if not path.exists():
        raise MaintenanceError(f"no database file {path}")
    try:
        conn = _connect(path, readonly=True)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return Problem("integrity", "-", None, f"cannot read {path}: {exc}")
    return None


def _engine_for(store_or_url: Store | str | os.PathLike[str]) -> tuple[sa.Engine, bool]:
    """An engine to read the store with (a Store's own, or a plain one that creates and writes nothing); owned?"""
    if isinstance(store_or_url, Store):
        return store_or_url.engine, False
    url = _url_of(store_or_url)
    connect_args = {"timeout": BUSY_TIMEOUT_S} if url.startswith("sqlite") else {}
    return sa.create_engine(url, connect_args=connect_args), True


def check(store_or_url: Store | str | os.PathLike[str]) -> list[Problem]:
    """Every problem found in the store: SQLite integrity and foreign keys, duplicate ids, orphans, evidence offsets
    outside the report text (errors), and report ids that are not the hash of their text (warnings).

    Reads only: a URL is opened without creating tables; a missing SQLite file raises MaintenanceError.
    """
    url = _url_of(store_or_url)
    if url.startswith("sqlite"):
        unreadable = _sqlite_opens(_sqlite_path(url))
        if unreadable:
            return [unreadable]
    engine, owned = _engine_for(store_or_url)
    problems: list[Problem] = []
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "sqlite":
                problems.extend(_sqlite_integrity(conn))
            meta = sa.MetaData()
            meta.reflect(bind=conn)
            tables = dict(meta.tables)
            if "reports" in tables:
                for step in (_duplicates, _orphans, _evidence, _report_hashes):
                    problems.extend(step(conn, tables))
        return list(dict.fromkeys(problems))  # a duplicated report would repeat its mentions' findings
    except sa.exc.DatabaseError as exc:  # a damaged file fails mid-read: that is the finding
        problems.append(Problem("integrity", "-", None, f"database unreadable: {getattr(exc, 'orig', exc)}"))
        return problems
    finally:
        if owned:
            engine.dispose()
