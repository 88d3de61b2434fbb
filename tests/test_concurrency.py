"""Concurrent writers on one store lose nothing and duplicate nothing: two ingests of overlapping corpora and a reviewer
updating mentions at the same time, on SQLite (WAL, busy timeout) and on PostgreSQL (a throwaway schema in the `test`
database; skipped when no server answers)."""

from __future__ import annotations

import json
import multiprocessing
import re
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from warlog.ingest import IngestError, read_sources
from warlog.model import Evidence, Extraction, Mention, Report, report_id_for
from warlog.store import Store
from warlog.store.maintenance import check
from warlog.store.schema import mentions as mentions_table
from warlog.store.schema import reports as reports_table

WARLOG = [str(Path(sys.executable).with_name("warlog"))]
PLACES = ["Aleppo", "Idlib", "Homs", "Hama", "Daraa", "Raqqa", "Douma", "Saraqib"]


# --- the store alone: many small racing transactions, no spaCy ------------------------------------------------------


def _synthetic(i: int) -> Extraction:
    """A report with two mentions and deterministic ids, as extraction would give."""
    text = f"Shelling hit {PLACES[i % len(PLACES)]} on Monday. Two people died there, report {i}."
    report = Report(text=text, published=date(2018, 3, 14))
    cut = text.index(".") + 1
    mentions = [
        Mention(report_id=report.id, fatalities=k, evidence=[Evidence(text[a:b], a, b)])
        for k, (a, b) in enumerate([(0, cut), (cut + 1, len(text))])
    ]
    return Extraction(report=report, mentions=mentions)


def _save_batches(url: str, order: list[int], batch: int, out: multiprocessing.Queue, go: threading.Event) -> None:
    """Worker: save `order` batch by batch with Store.save_many; put (stored, skipped) or the error on `out`."""
    try:
        store = Store(url)
        out.put(("ready", 0, 0))
        go.wait(60)  # every writer starts at the same moment
        stored = skipped = 0
        for k in range(0, len(order), batch):
            s, sk = store.save_many([_synthetic(i) for i in order[k : k + batch]])
            stored, skipped = stored + s, skipped + sk
        store.close()
        out.put(("ok", stored, skipped))
    except Exception as exc:  # the parent asserts on it
        out.put(("error", f"{exc.__class__.__name__}: {str(exc)[:300]}", 0))


def test_racing_save_many_on_overlapping_reports_stores_each_once(db_url):
    # Three processes save the same 240 reports in different orders, in batches of 8: batches collide.
    n = 240
    orders = [list(range(n)), list(reversed(range(n))), [i for k in (1, 0, 2) for i in range(k, n, 3)]]
    ctx = multiprocessing.get_context("spawn")
    queue, go = ctx.Queue(), ctx.Event()
    procs = [ctx.Process(target=_save_batches, args=(db_url, order, 8, queue, go)) for order in orders]
    for p in procs:
        p.start()
    assert [queue.get(timeout=120)[0] for _ in procs] == ["ready"] * 3
    go.set()
    results = [queue.get(timeout=300) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    assert [r[0] for r in results] == ["ok"] * 3, results
    assert sum(r[1] for r in results) == n  # each report stored by exactly one writer
    assert sum(r[1] + r[2] for r in results) == 3 * n
    with Store(db_url) as store:
        assert store.stats()["reports"] == n and store.stats()["mentions"] == 2 * n
    assert [p for p in check(db_url) if p.severity == "error"] == []


def test_link_lock_excludes_a_second_store_and_is_reentrant(db_url):
    first, second = Store(db_url), Store(db_url)
    order: list[str] = []
    inside = threading.Event()

    def other() -> None:
        inside.wait(10)
        with second.exclusive("link"):
            order.append("second")

    t = threading.Thread(target=other)
    t.start()
    with first.exclusive("link"):
        with first.exclusive("link"):  # re-entrant: linking calls update_events under the same lock
            inside.set()
            time.sleep(0.5)  # the other store is now waiting for the lock
            order.append("first")
    t.join(timeout=30)
    assert order == ["first", "second"]
    first.close()
    second.close()


# --- the real thing: two `warlog ingest` processes and a reviewer ---------------------------------------------------


def _corpus(path: Path, numbers: range) -> None:
    """One-sentence reports numbered by `numbers` (the same number gives the same report in every corpus)."""
    with open(path, "w", encoding="utf-8") as f:
        for i in numbers:
            text = (
                f"An air strike hit a market in {PLACES[i % len(PLACES)]} on Sunday, killing {i % 30 + 2} people, "
                f"according to bulletin {i}."
            )
            f.write(json.dumps({"text": text, "published": "2018-03-14"}) + "\n")


class Reviewer(threading.Thread):
    """Marks stored mentions as reviewed (confidence 1.0), one small write transaction each, while ingests run."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.store = Store(url)
        self.reviewed: set[str] = set()
        self.stop = threading.Event()
        self.error: Exception | None = None

    def run(self) -> None:
        try:
            while not self.stop.is_set():
                with self.store.engine.connect() as conn:
                    ids = conn.execute(
                        sa.select(mentions_table.c.id).where(mentions_table.c.confidence < 1.0).limit(5)
                    ).scalars()
                    todo = list(ids)
                for mid in todo:
                    with self.store.engine.connect() as conn:
                        conn = conn.execution_options(warlog_write=True)
                        with conn.begin():
                            conn.execute(
                                sa.update(mentions_table).where(mentions_table.c.id == mid).values(confidence=1.0)
                            )
                    self.reviewed.add(mid)
                time.sleep(0.02)
        except Exception as exc:  # the test asserts there was none
            self.error = exc


def _summary(stderr: str) -> tuple[int, int]:
    """(stored, already stored) from an ingest summary line."""
    m = re.search(r"(\d+) stored, (\d+) already stored", stderr)
    assert m, stderr[-2000:]
    return int(m[1]), int(m[2])


@pytest.mark.slow
def test_two_ingests_and_a_reviewer_at_once_lose_and_duplicate_nothing(db_url, tmp_path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    _corpus(a, range(0, 120))
    _corpus(b, range(60, 180))  # 60 reports in both
    expected = {r.id for r in read_sources([a, b], local_files=True) if not isinstance(r, IngestError)}
    assert len(expected) == 180

    Store(db_url).close()  # the reviewer needs the tables; the ingests race on everything else
    reviewer = Reviewer(db_url)
    reviewer.start()
    procs = [
        subprocess.Popen([*WARLOG, "ingest", str(p), "--db", db_url], stderr=subprocess.PIPE, text=True) for p in (a, b)
    ]
    outputs = [p.communicate(timeout=600)[1] for p in procs]
    time.sleep(0.3)
    reviewer.stop.set()
    reviewer.join(timeout=60)
    assert [p.returncode for p in procs] == [0, 0], [o[-1500:] for o in outputs]
    assert reviewer.error is None, reviewer.error
    assert reviewer.reviewed, "the reviewer never ran beside the ingests"

    stored = [_summary(o)[0] for o in outputs]
    assert sum(stored) == 180  # the shared reports were stored by one ingest, skipped by the other
    with reviewer.store.engine.connect() as conn:
        ids = list(conn.execute(sa.select(reports_table.c.id)).scalars())
        rows = conn.execute(sa.select(mentions_table.c.id, mentions_table.c.report_id, mentions_table.c.confidence))
        mentions = {mid: (rid, conf) for mid, rid, conf in rows}
    reviewer.store.close()
    assert len(ids) == len(set(ids)) == 180 and set(ids) == expected
    assert {rid for rid, _ in mentions.values()} == expected  # every report kept its event
    assert all(mentions[mid][1] == 1.0 for mid in reviewer.reviewed)  # no review was overwritten by an ingest
    assert [p for p in check(db_url) if p.severity == "error"] == []


# --- backup of a live store, and the check that finds what should not be there --------------------------------------


class BatchWriter(threading.Thread):
    """Saves batches of 8 synthetic reports (2 mentions each) into a store until stopped."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.store = Store(url)
        self.stop = threading.Event()
        self.batches = 0

    def run(self) -> None:
        while not self.stop.is_set():
            k = self.batches * 8
            self.store.save_many([_synthetic(i) for i in range(k, k + 8)])
            self.batches += 1
        self.store.close()


def test_backup_of_a_store_being_written_is_a_consistent_snapshot(tmp_path):
    from typer.testing import CliRunner

    from warlog.cli import app
    from warlog.store.maintenance import MaintenanceError, backup

    url = f"sqlite:///{tmp_path / 'live.db'}"
    writer = BatchWriter(url)
    writer.start()
    copies = []
    try:
        while writer.batches < 3:
            time.sleep(0.01)
        for n in range(3):
            copies.append(backup(url, tmp_path / f"copy{n}.db").path)
            time.sleep(0.05)
        result = CliRunner().invoke(app, ["backup", str(tmp_path / "cli.db"), "--db", url])
        assert result.exit_code == 0, result.output
        copies.append(tmp_path / "cli.db")
    finally:
        writer.stop.set()
        writer.join(timeout=60)
    for copy in copies:
        assert check(copy) == []
        with Store(f"sqlite:///{copy}") as store:
            stats = store.stats()
        # Whole batches only, each report with both of its mentions: nothing half-written was copied.
        assert stats["reports"] > 0 and stats["reports"] % 8 == 0 and stats["mentions"] == 2 * stats["reports"]
    with pytest.raises(MaintenanceError, match="exists"):
        backup(url, copies[0])
    with pytest.raises(MaintenanceError, match="pg_dump"):
        backup("postgresql+psycopg://postgres@127.0.0.1:5432/test", tmp_path / "pg.db")


def _loose_store(path: Path) -> None:
    """A store written by another tool: warlog's tables without keys, plus an events table, with one of each fault."""
    text = "Shelling hit Aleppo on Monday. Two people died."
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        CREATE TABLE reports (id TEXT, text TEXT);
        CREATE TABLE mentions (id TEXT, report_id TEXT, evidence TEXT, event_id TEXT);
        CREATE TABLE claims (id TEXT, report_id TEXT, evidence TEXT);
        CREATE TABLE events (id TEXT);
        """
    )
    rid = report_id_for(text)
    ok = json.dumps([{"text": "Shelling hit Aleppo on Monday.", "start": 0, "end": 30}])
    conn.executemany("INSERT INTO reports VALUES (?, ?)", [(rid, text), (rid, text), ("r-edited", "changed text")])
    conn.executemany(
        "INSERT INTO mentions VALUES (?, ?, ?, ?)",
        [
            ("m1", rid, ok, "e1"),
            ("m2", "r-gone", ok, None),  # orphan: its report is not stored
            ("m3", rid, json.dumps([{"text": "x", "start": 40, "end": 400}]), None),  # offsets past the text
            ("m4", rid, json.dumps([{"text": "Two people died.", "start": 0, "end": 16}]), None),  # wrong text
            ("m5", rid, ok, "e-missing"),  # linked to an event that is not stored
        ],
    )
    conn.execute("INSERT INTO claims VALUES ('c1', 'r-gone', NULL)")
    conn.executemany("INSERT INTO events VALUES (?)", [("e1",), ("e-empty",)])
    conn.commit()
    conn.close()


def test_check_names_each_fault_and_the_command_fails(tmp_path):
    from typer.testing import CliRunner

    from warlog.cli import app

    path = tmp_path / "loose.db"
    _loose_store(path)
    found = {(p.kind, p.table, p.id) for p in check(path)}
    assert found == {
        ("duplicate-id", "reports", report_id_for("Shelling hit Aleppo on Monday. Two people died.")),
        ("orphan", "mentions", "m2"),
        ("orphan", "claims", "c1"),
        ("orphan", "events", "e-empty"),
        ("orphan", "mentions", "m5"),
        ("evidence", "mentions", "m3"),
        ("evidence", "mentions", "m4"),
        ("report-hash", "reports", "r-edited"),
    }
    result = CliRunner().invoke(app, ["check", "--db", str(path)])
    assert result.exit_code == 1 and "orphan" in result.output and "7 errors, 1 warnings" in result.output

    clean = tmp_path / "clean.db"
    with Store(f"sqlite:///{clean}") as store:
        store.save_many([_synthetic(i) for i in range(5)])
    result = CliRunner().invoke(app, ["check", "--db", str(clean)])
    assert result.exit_code == 0 and "0 errors, 0 warnings" in result.output


def test_check_reports_a_damaged_file(tmp_path):
    path = tmp_path / "damaged.db"
    with Store(f"sqlite:///{path}") as store:
        store.save_many([_synthetic(i) for i in range(200)])
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    size = path.stat().st_size
    with open(path, "r+b") as f:  # scribble over the middle pages
        f.seek(size // 2)
        f.write(b"\xa5" * 8192)
    assert any(p.kind == "integrity" for p in check(path))
    (tmp_path / "text.db").write_text("not a database at all")
    assert [p.kind for p in check(tmp_path / "text.db")] == ["integrity"]
