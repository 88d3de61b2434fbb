"""Storage throughput: reports/s written with Store.save_many (batches of 32, as ingest writes) to SQLite and
PostgreSQL. Extractions are synthetic (3 mentions with place and evidence, 1 claim per report).

PostgreSQL runs in a scratch database created on the server of --pg-url and dropped afterwards, so the bench never
touches the tables of the database named in the URL.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from benchlib import Results, command_line, timer, write_results

PG_URL = os.environ.get("WARLOG_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
BATCH = 32


def synthetic_extractions(n: int, seed: int = 3) -> list:
    """n Extractions: a 2 KB report, 3 mentions (place, evidence, actors, toll) and 1 claim each."""
    from warlog.model import Claim, Evidence, Extraction, Mention, Place, Report

    rnd = random.Random(seed)
    places = [
        ("Aleppo", 36.2, 37.16, "Aleppo"),
        ("Duma", 33.57, 36.4, "Rural Damascus"),
        ("Idlib", 35.93, 36.63, "Idlib"),
    ]
    out = []
    for i in range(n):
        sentence = f"Shelling killed {rnd.randint(1, 30)} people in the town on report {i}. "
        report = Report(
            text=sentence * 30, title=f"Report {i}", outlet="Bench Wire", ingested_at=datetime.now(UTC),
            published=date(2017, 1, 1) + timedelta(i % 900),
        )  # fmt: skip
        mentions = []
        for j in range(3):
            loc, lat, lon, adm1 = rnd.choice(places)
            ev = Evidence(text=sentence, start=j * len(sentence), end=(j + 1) * len(sentence))
            mentions.append(Mention(
                report_id=report.id, event_date=report.published, event_type="Explosions/Remote violence",
                sub_event_type="Shelling/artillery/missile attack", disorder_type="Political violence",
                actor1="Military Forces of Syria (2000-)", inter1=1, fatalities=rnd.randint(0, 30), evidence=[ev],
                place=Place(location=loc, latitude=lat, longitude=lon, geo_precision=1, country="Syria", admin1=adm1,
                            iso="SY"),
            ))  # fmt: skip
        claim = Claim(report_id=report.id, quantity=400, what="civilians killed", evidence=mentions[0].evidence[0])
        out.append(Extraction(report=report, mentions=mentions, claims=[claim]))
    return out


def write_all(url: str, exs: list) -> float:
    """Seconds to save every extraction in batches of BATCH into a fresh store at url."""
    from warlog.store import Store

    store = Store(url)
    try:
        with timer() as t:
            for i in range(0, len(exs), BATCH):
                stored, _ = store.save_many(exs[i : i + BATCH])
                assert stored == len(exs[i : i + BATCH])
        assert len(store.report_ids()) == len(exs)
    finally:
        store.close()
    return t[0]


def _pg_scratch(url: str) -> tuple[str, Callable[[], None]]:
    """Create a scratch database on url's server; return its URL and a function that drops it."""
    import psycopg
    from sqlalchemy.engine import make_url

    u = make_url(url)
    name = f"warlog_bench_{os.getpid()}"
    admin = f"host={u.host or '127.0.0.1'} port={u.port or 5432} user={u.username or 'postgres'} dbname=postgres"
    if u.password:
        admin += f" password={u.password}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return u.set(database=name).render_as_string(hide_password=False), drop


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--reports", type=int, default=3000, help="synthetic reports to write")
    p.add_argument("--pg-url", default=PG_URL, help="PostgreSQL server to bench on (a scratch database is used)")
    p.add_argument("--quick", action="store_true", help="500 reports")
    args = p.parse_args(argv)
    if args.quick:
        args.reports = 500

    res = Results("storage", "Storage throughput (Store.save_many)", command_line("bench_storage.py", argv))
    t_all = time.perf_counter()
    exs = synthetic_extractions(args.reports)
    n = len(exs)
    res.notes.append(f"{n} synthetic reports, 3 mentions and 1 claim each, saved in batches of {BATCH}.")
    with tempfile.TemporaryDirectory(prefix="warlog-bench-") as tmp:
        t = write_all(f"sqlite:///{tmp}/bench.db", exs)
    res.add("SQLite (file, WAL)", n / t, "reports/s", note=f"{3 * n / t:,.0f} mentions/s, {t:.1f} s")
    try:
        url, drop = _pg_scratch(args.pg_url)
    except Exception as exc:  # noqa: BLE001 - any connection problem means: no PostgreSQL figure
        res.add("PostgreSQL", None, "reports/s", note=f"skipped: {exc.__class__.__name__}: {str(exc)[:120]}")
    else:
        try:
            t = write_all(url, exs)
        finally:
            drop()
        res.add("PostgreSQL (loopback)", n / t, "reports/s", note=f"{3 * n / t:,.0f} mentions/s, {t:.1f} s")
    res.seconds = round(time.perf_counter() - t_all, 1)
    write_results(res)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
