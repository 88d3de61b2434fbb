"""`warlog ingest` killed with SIGKILL in the middle of 5,000 reports, twice, then run again to the end: every report is
stored exactly once, each report's events and claims are exactly those of a clean run or absent, writes are
all-or-nothing per batch, and the database passes its integrity check.

Slow (a clean run and an interrupted one over 5,000 reports, side by side): marked `slow`.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import pytest

from warlog.ingest import IngestError, read_sources
from warlog.service import BATCH_SIZE
from warlog.store.maintenance import check

pytestmark = pytest.mark.slow

N_REPORTS = 5000
KILL_AT = (1500, 3200)  # stored reports at which the interrupted run is killed (then resumed)
WARLOG = [str(Path(sys.executable).with_name("warlog"))]
PLACES = ["Aleppo", "Idlib", "Homs", "Hama", "Daraa", "Raqqa", "Douma", "Latakia", "Saraqib", "Manbij", "Mosul", "Taiz"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
TEMPLATES = [
    "Shelling killed {n} civilians in {place} on {day}, local medics said in report {i}.",
    "An air strike hit a market in {place} on {day}, killing {n} people (report {i}).",
    "Clashes between government forces and rebels near {place} left {n} fighters dead on {day}; note {i}.",
    "Protesters gathered in {place} on {day} to demand the release of {n} detainees, bulletin {i}.",
    "More than {n} people have been killed in {place} since the start of the year, according to count {i}.",
]


def _write_corpus(path: Path) -> None:
    """N_REPORTS one-sentence reports, each unique (its number is in the text), as JSON Lines."""
    with open(path, "w", encoding="utf-8") as f:
        for i in range(N_REPORTS):
            text = TEMPLATES[i % len(TEMPLATES)].format(
                n=i % 89 + 2, place=PLACES[i % len(PLACES)], day=DAYS[i % len(DAYS)], i=i
            )
            f.write(json.dumps({"text": text, "published": "2018-03-14", "outlet": "Test Wire"}) + "\n")


def _start(corpus: Path, db: Path) -> subprocess.Popen:
    """`warlog ingest CORPUS --db DB` in its own process."""
    return subprocess.Popen(
        [*WARLOG, "ingest", str(corpus), "--db", str(db)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def _stored(db: Path) -> int:
    """Reports stored so far, read without disturbing the writer (0 before the table exists)."""
    if not db.exists():
        return 0
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True, timeout=30)
    try:
        return conn.execute("SELECT count(*) FROM reports").fetchone()[0]
    except sqlite3.OperationalError:
        return 0
    finally:
        conn.close()


def _kill_when(proc: subprocess.Popen, db: Path, at: int, limit_s: float = 600) -> int:
    """SIGKILL the process once at least `at` reports are stored; returns how many were stored after the kill."""
    deadline = time.monotonic() + limit_s
    while _stored(db) < at:
        assert proc.poll() is None, f"ingest ended before the kill point: {proc.stderr.read().decode()[-2000:]}"
        assert time.monotonic() < deadline, "ingest too slow to reach the kill point"
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    return _stored(db)


def _contents(db: Path) -> tuple[list[str], dict[str, set[str]], dict[str, set[str]]]:
    """Report ids (with repeats, if any), and mention ids and claim ids per report."""
    conn = sqlite3.connect(db)
    try:
        reports = [r[0] for r in conn.execute("SELECT id FROM reports")]
        mentions: dict[str, set[str]] = defaultdict(set)
        for mid, rid in conn.execute("SELECT id, report_id FROM mentions"):
            mentions[rid].add(mid)
        claims: dict[str, set[str]] = defaultdict(set)
        for cid, rid in conn.execute("SELECT id, report_id FROM claims"):
            claims[rid].add(cid)
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()
    return reports, mentions, claims


def test_killed_ingest_resumes_without_loss_or_duplicates(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    _write_corpus(corpus)
    expected_ids = {r.id for r in read_sources([corpus], local_files=True) if not isinstance(r, IngestError)}
    assert len(expected_ids) == N_REPORTS

    clean_db, crash_db = tmp_path / "clean.db", tmp_path / "crash.db"
    started = time.monotonic()
    clean = _start(corpus, clean_db)  # the reference run goes on beside the interrupted one
    after_kills = []
    for at in KILL_AT:
        after_kills.append(_kill_when(_start(corpus, crash_db), crash_db, at))
        # Batches are all or nothing: what survives a kill is whole batches (sources are batched in a fixed order,
        # so on a rerun each batch is either all stored already or all new).
        assert after_kills[-1] % BATCH_SIZE == 0, after_kills
        # The interrupted file is sound at the moment of the crash.
        assert [p for p in check(crash_db) if p.severity == "error"] == []
    resumed = subprocess.run([*WARLOG, "ingest", str(corpus), "--db", str(crash_db)], capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    assert f"{N_REPORTS - after_kills[-1]} stored, {after_kills[-1]} already stored" in resumed.stderr
    assert clean.wait(timeout=900) == 0, clean.stderr.read().decode()[-2000:]
    elapsed = time.monotonic() - started

    clean_reports, clean_mentions, clean_claims = _contents(clean_db)
    crash_reports, crash_mentions, crash_claims = _contents(crash_db)
    assert len(crash_reports) == len(set(crash_reports)) == N_REPORTS  # every report exactly once
    assert set(crash_reports) == set(clean_reports) == expected_ids
    missing_or_partial = [r for r in expected_ids if crash_mentions.get(r, set()) != clean_mentions.get(r, set())]
    assert missing_or_partial == []  # each report's events are exactly a clean run's
    assert all(crash_claims.get(r, set()) == clean_claims.get(r, set()) for r in expected_ids)
    assert sum(len(v) for v in clean_mentions.values()) > N_REPORTS * 0.6  # the corpus really yields events
    assert [p for p in check(crash_db) if p.severity == "error"] == []
    print(f"\ncrash/resume: kills after {after_kills} stored, {elapsed:.0f} s in all")
