"""API latency: GET /api/events with a mix of filters over a million linked events, 20 concurrent clients on loopback,
served by `warlog serve` (uvicorn, one process) on SQLite and on PostgreSQL.

The store is filled with synthetic linked events (Syria/Iraq/Yemen places and admin1 names, 2012-2024 dates, ACLED
types, actors, tolls, 1-3 reports per event with evidence sentences, a few reviewed events), bulk-inserted straight
into the tables the API reads. Indexes are those the migrations create: dropped during the load, rebuilt after it.
The SQLite file is cached under bench/.cache (keyed by size, generator version and migration head; --no-cache
rebuilds it in a temporary folder); PostgreSQL is loaded from that file into a schema of its own (warlog_bench_api),
dropped at the end. The request list is fixed by a seed and bounded (--requests per backend), so a run stops by
itself; clients are threads with one keep-alive connection each (http.client: little CPU of their own).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import http.client
import json
import os
import queue
import random
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import orjson
from benchlib import ROOT, Results, command_line, write_results

PG_URL = os.environ.get("WARLOG_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
PG_SCHEMA = "warlog_bench_api"
CACHE = ROOT / "bench" / ".cache"
DATA_VERSION = 2  # bump when the generator changes: cached files of another version are not reused
CHUNK = 30_000  # events generated and inserted per batch
PAGE_SIZE = 50  # what the web UI asks for
# The item keys the web UI's table asks for (TABLE_FIELDS in warlog/web/static/app.js); --fields all: every key.
UI_FIELDS = ("id,event_date,event_type,sub_event_type,actor1,actor2,location,admin1,fatalities,fatalities_min,"
             "fatalities_max,n_sources,review_status")  # fmt: skip

# ---------------------------------------------------------------------------------------------------------------------
# synthetic linked events

# (location, admin1, admin2, country, iso, latitude, longitude, weight)
PLACES = [
    ("Aleppo", "Aleppo", "Jebel Saman", "Syria", "SY", 36.2021, 37.1343, 30),
    ("Al Bab", "Aleppo", "Al Bab", "Syria", "SY", 36.3703, 37.5157, 8),
    ("Azaz", "Aleppo", "Azaz", "Syria", "SY", 36.5866, 37.0463, 6),
    ("Manbij", "Aleppo", "Menbij", "Syria", "SY", 36.5281, 37.9549, 6),
    ("Idlib", "Idlib", "Idleb", "Syria", "SY", 35.9306, 36.6339, 18),
    ("Ma'arrat An Nu'man", "Idlib", "Ariha", "Syria", "SY", 35.6484, 36.6741, 10),
    ("Saraqib", "Idlib", "Idleb", "Syria", "SY", 35.8646, 36.8064, 7),
    ("Jisr Ash-Shugur", "Idlib", "Jisr-Ash-Shugur", "Syria", "SY", 35.8117, 36.3178, 5),
    ("Hama", "Hama", "Hama", "Syria", "SY", 35.1318, 36.7578, 12),
    ("Homs", "Homs", "Homs", "Syria", "SY", 34.7324, 36.7137, 14),
    ("Palmyra", "Homs", "Tadmor", "Syria", "SY", 34.5601, 38.2806, 4),
    ("Damascus", "Damascus", "Damascus", "Syria", "SY", 33.5138, 36.2765, 14),
    ("Duma", "Rural Damascus", "Duma", "Syria", "SY", 33.5711, 36.4014, 10),
    ("Darayya", "Rural Damascus", "Darayya", "Syria", "SY", 33.4584, 36.2365, 6),
    ("Daraa", "Dar'a", "Dar'a", "Syria", "SY", 32.6189, 36.1021, 10),
    ("Deir ez-Zor", "Deir-ez-Zor", "Deir-ez-Zor", "Syria", "SY", 35.3359, 40.1408, 9),
    ("Al Mayadin", "Deir-ez-Zor", "Al Mayadin", "Syria", "SY", 35.0190, 40.4513, 5),
    ("Ar-Raqqa", "Ar-Raqqa", "Ar-Raqqa", "Syria", "SY", 35.9528, 39.0079, 9),
    ("Al-Hasakeh", "Al-Hasakeh", "Al-Hasakeh", "Syria", "SY", 36.5024, 40.7477, 5),
    ("Qamishli", "Al-Hasakeh", "Quamishli", "Syria", "SY", 37.0522, 41.2317, 4),
    ("Latakia", "Lattakia", "Lattakia", "Syria", "SY", 35.5317, 35.7901, 3),
    ("Baghdad", "Baghdad", "Karkh", "Iraq", "IQ", 33.3152, 44.3661, 20),
    ("Mosul", "Ninewa", "Mosul", "Iraq", "IQ", 36.3350, 43.1189, 14),
    ("Tal Afar", "Ninewa", "Tel Afar", "Iraq", "IQ", 36.3768, 42.4496, 4),
    ("Fallujah", "Anbar", "Falluja", "Iraq", "IQ", 33.3500, 43.7833, 6),
    ("Ramadi", "Anbar", "Ramadi", "Iraq", "IQ", 33.4258, 43.2992, 6),
    ("Tikrit", "Salah al-Din", "Tikrit", "Iraq", "IQ", 34.6071, 43.6782, 5),
    ("Samarra", "Salah al-Din", "Samarra", "Iraq", "IQ", 34.1959, 43.8857, 4),
    ("Kirkuk", "Kirkuk", "Kirkuk", "Iraq", "IQ", 35.4681, 44.3922, 6),
    ("Baqubah", "Diyala", "Baquba", "Iraq", "IQ", 33.7500, 44.6333, 5),
    ("Basra", "Basrah", "Basrah", "Iraq", "IQ", 30.5085, 47.7804, 3),
    ("Sanaa", "Amanat al Asimah", "Al Wahdah", "Yemen", "YE", 15.3694, 44.1910, 10),
    ("Taizz", "Taizz", "Al Qahirah", "Yemen", "YE", 13.5795, 44.0209, 9),
    ("Al Hudaydah", "Al Hudaydah", "Al Hali", "Yemen", "YE", 14.7978, 42.9545, 7),
    ("Marib", "Marib", "Marib City", "Yemen", "YE", 15.4620, 45.3253, 6),
    ("Aden", "Aden", "Craiter", "Yemen", "YE", 12.7855, 45.0187, 5),
    ("Saada", "Saada", "Saadah", "Yemen", "YE", 16.9402, 43.7639, 5),
    ("Hajjah", "Hajjah", "Hajjah City", "Yemen", "YE", 15.6917, 43.6021, 3),
]
# (actor, inter code) by country
ACTORS = {
    "SY": [
        ("Military Forces of Syria (2000-)", 1), ("Opposition Rebels (Syria)", 2), ("Islamic State (Syria)", 2),
        ("Hayat Tahrir al-Sham", 2), ("Military Forces of Russia (2000-)", 8), ("SDF: Syrian Democratic Forces", 2),
        ("Unidentified Armed Group (Syria)", 3), ("Civilians (Syria)", 7),
    ],
    "IQ": [
        ("Military Forces of Iraq (2014-)", 1), ("Islamic State (Iraq)", 2), ("Popular Mobilization Forces", 3),
        ("Military Forces of the United States (2009-2017)", 8), ("Unidentified Armed Group (Iraq)", 3),
        ("Civilians (Iraq)", 7),
    ],
    "YE": [
        ("Military Forces of Yemen (2012-)", 1), ("Houthi Movement", 2), ("AQAP: Al Qaeda in the Arabian Peninsula", 2),
        ("Military Forces of Saudi Arabia (2015-)", 8), ("Southern Transitional Council", 3), ("Civilians (Yemen)", 7),
    ],
}  # fmt: skip
# (event_type, sub_event_type, disorder_type, weight, verb)
TYPES = [
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", "Political violence", 22, "shelled"),
    ("Explosions/Remote violence", "Air/drone strike", "Political violence", 18, "bombed"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", "Political violence", 6, "blew up"),
    ("Battles", "Armed clash", "Political violence", 26, "clashed with"),
    ("Battles", "Government regains territory", "Political violence", 2, "retook"),
    ("Violence against civilians", "Attack", "Political violence", 12, "attacked"),
    ("Violence against civilians", "Abduction/forced disappearance", "Political violence", 3, "abducted people in"),
    ("Protests", "Peaceful protest", "Demonstrations", 5, "marched in"),
    ("Strategic developments", "Looting/property destruction", "Strategic developments", 3, "looted"),
    ("Strategic developments", "Arrests", "Strategic developments", 3, "arrested people in"),
]
TARGETS = ["market", "hospital", "school", "convoy", "checkpoint", "village", "bakery", "mosque", "camp", "bridge",
           "road", "farm", "neighbourhood", "water station", "power plant"]  # fmt: skip
RARE_TARGET = "funeral"  # about 0.2% of sentences: a rare free-text term
OUTLETS = ["SANA", "Syrian Observatory for Human Rights", "Reuters", "AFP", "Al Jazeera", "Enab Baladi", "Rudaw",
           "Shafaq News", "Saba News", "Al Masirah", "Yemen Monitor", "Kurdistan24", "Step News", "Orient News",
           "Associated Press", "BBC Arabic", "Xinhua", "Anadolu Agency"]  # fmt: skip
START = date(2012, 1, 1)
DAYS = [(START + timedelta(d)).isoformat() for d in range((date(2024, 12, 31) - START).days + 1)]

EVENT_COLS = (
    "id", "first_mention_id", "event_date", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "inter1", "actor2", "inter2", "location", "admin1", "admin2", "country", "iso", "latitude", "longitude",
    "geo_precision", "fatalities", "fatalities_min", "fatalities_max", "civilians", "confidence", "n_mentions",
    "n_reports", "n_sources", "sources", "figures", "flags", "updated_at",
)  # fmt: skip
MENTION_COLS = (
    "id", "report_id", "event_date", "time_precision", "disorder_type", "event_type", "sub_event_type", "actor1",
    "inter1", "actor2", "inter2", "location", "admin1", "admin2", "country", "iso", "latitude", "longitude",
    "geo_precision", "fatalities", "civilians", "confidence", "evidence", "unresolved_places", "event_id",
)  # fmt: skip
SOURCE_COLS = ("event_id", "mention_id", "report_id", "outlet", "source", "text_group", "fatalities", "link_score",
               "link_reason")  # fmt: skip
REPORT_COLS = ("id", "url", "outlet", "title", "published", "published_basis", "language", "text", "ingested_at")
REVIEW_COLS = ("event_id", "status", "fatalities", "location", "updated_by", "updated_at")
TABLES = {"reports": REPORT_COLS, "mentions": MENTION_COLS, "events": EVENT_COLS, "event_sources": SOURCE_COLS,
          "event_reviews": REVIEW_COLS}  # fmt: skip


def _hid(prefix: str, key: str) -> str:
    """A hash id shaped like warlog's ("r"/"m" + 16 hex digits)."""
    return prefix + hashlib.blake2b(key.encode(), digest_size=8).hexdigest()


@dataclass
class _Report:
    """A report being assembled from its mentions' sentences."""

    id: str
    outlet: str
    day: str
    parts: list[str] = field(default_factory=list)
    length: int = 0

    def add(self, sentence: str) -> tuple[int, int]:
        """Append a sentence; its (start, end) offsets in the report text."""
        start = self.length + (1 if self.parts else 0)
        self.parts.append(sentence)
        self.length = start + len(sentence)
        return start, self.length


class Generator:
    """Deterministic synthetic linked events, one chunk of table rows at a time."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.place_cum = _cumulative(p[7] for p in PLACES)
        self.type_cum = _cumulative(t[3] for t in TYPES)
        self.now = datetime(2025, 1, 15, 12, 0, 0).isoformat(sep=" ")

    def chunk(self, first: int, n: int) -> dict[str, list[tuple]]:
        """Rows of events first..first+n-1 and of their mentions, sources, reports and a few reviews."""
        rng = self.rng
        places = rng.choices(PLACES, cum_weights=self.place_cum, k=n)
        types = rng.choices(TYPES, cum_weights=self.type_cum, k=n)
        rows: dict[str, list[tuple]] = {t: [] for t in TABLES}
        reports: dict[str, _Report] = {}
        for k in range(n):
            self._event(first + k, places[k], types[k], rows, reports)
        now = self.now
        for r in reports.values():
            text = " ".join(r.parts)
            title = r.parts[0][:80]
            url = f"https://news.example/{r.id}"
            rows["reports"].append((r.id, url, r.outlet, title, r.day, "dateline", "en", text, now))
        return rows

    def _event(self, i: int, place: tuple, etype: tuple, rows: dict[str, list[tuple]], reports: dict) -> None:
        """One event with 1-3 mentions (each in a report) and their source rows."""
        rng = self.rng
        loc, adm1, adm2, country, iso, lat0, lon0, _w = place
        et, sub, disorder, _w2, verb = etype
        a1, i1 = rng.choice(ACTORS[iso])
        a2, i2 = rng.choice(ACTORS[iso]) if rng.random() < 0.6 else (None, None)
        day_i = min(len(DAYS) - 1, int(len(DAYS) * rng.random() ** 0.9))  # denser in later years
        day = DAYS[day_i] if rng.random() > 0.003 else None
        geocoded = rng.random() > 0.01
        near = rng.random() < 0.25
        location = f"Near {loc}" if near else loc
        lat = round(lat0 + rng.uniform(-0.08, 0.08), 4) if geocoded else None
        lon = round(lon0 + rng.uniform(-0.08, 0.08), 4) if geocoded else None
        toll = int(rng.paretovariate(1.6)) - 1 if et not in ("Protests", "Strategic developments") else 0
        target = RARE_TARGET if rng.random() < 0.002 else rng.choice(TARGETS)
        n_m = 1 if rng.random() < 0.75 else (2 if rng.random() < 0.72 else 3)
        mids = [_hid("m", f"{i}-{j}") for j in range(n_m)]
        eid = "e" + mids[0][1:]
        outlets, tolls = [], []
        for j, mid in enumerate(mids):
            t = max(0, toll + (rng.randint(-2, 2) if j else 0))
            rkey = f"p{i // 3}" if j == 0 else f"x{i}-{j}"
            rep = reports.get(rkey)
            if rep is None:
                rep = reports[rkey] = _Report(_hid("r", rkey), rng.choice(OUTLETS), day or DAYS[0])
            other = f" and {a2}" if a2 and verb == "clashed with" else ""
            sentence = (
                f"{a1}{other} {verb} the {target} in {location} on {day or 'an unknown day'}, "
                f"leaving {t} people dead, {rep.outlet} reported."
            )
            start, end = rep.add(sentence)
            evidence = json.dumps([{"text": sentence, "start": start, "end": end}])
            rows["mentions"].append((
                mid, rep.id, day, 1, disorder, et, sub, a1, i1, a2, i2, location, adm1, adm2, country, iso, lat, lon,
                2 if near else 1, t, t if i1 == 7 or i2 == 7 else None, 0.8, evidence, "[]", eid,
            ))  # fmt: skip
            rows["event_sources"].append(
                (eid, mid, rep.id, rep.outlet, rep.outlet, rep.id, t, 1.0 if j == 0 else 0.8, "founding" if j == 0
                 else "same day, 3 km, same type")
            )  # fmt: skip
            outlets.append(rep.outlet)
            tolls.append(t)
        sources = sorted(set(outlets))
        flags = ["single_source"] if len(sources) == 1 else []
        if len(set(tolls)) > 1:
            flags.append(f"figures_disagree:{min(tolls)}-{max(tolls)}")
        figures = {o: [t for oo, t in zip(outlets, tolls, strict=True) if oo == o] for o in sources}
        rows["events"].append((
            eid, mids[0], day, 1, disorder, et, sub, a1, i1, a2, i2, location, adm1, adm2, country, iso, lat, lon,
            2 if near else 1, min(tolls), min(tolls), max(tolls), None, 0.8, n_m, n_m, len(sources),
            json.dumps(sources), json.dumps(figures), json.dumps(flags), self.now,
        ))  # fmt: skip
        if rng.random() < 0.001:
            status = rng.choice(("confirmed", "confirmed", "edited", "rejected"))
            rows["event_reviews"].append((
                eid, status, toll + 1 if status == "edited" else None, None, "analyst", self.now,
            ))  # fmt: skip


def _cumulative(weights: Iterator[int]) -> list[int]:
    """Cumulative weights for random.choices."""
    out, total = [], 0
    for w in weights:
        total += w
        out.append(total)
    return out


# ---------------------------------------------------------------------------------------------------------------------
# loading


def _schema_key() -> str:
    """The migrations' head revision and a digest of the tables' indexes (part of the cache key: a new index means a
    new file)."""
    from alembic.script import ScriptDirectory

    import warlog.store.review  # noqa: F401  (puts the review tables on the metadata)
    from warlog.store import migrate
    from warlog.store.schema import metadata

    head = ScriptDirectory.from_config(migrate.alembic_config("sqlite://")).get_current_head() or "none"
    indexes = sorted(f"{t.name}.{i.name}({','.join(c.name for c in i.columns)})" for t in metadata.sorted_tables
                     for i in t.indexes)  # fmt: skip
    return f"{head}-{hashlib.blake2b(' '.join(indexes).encode(), digest_size=3).hexdigest()}"


def _create_schema(url: str) -> None:
    """Let warlog create its tables and indexes (Alembic migrations), as `warlog serve` would."""
    from warlog.store import Store

    Store(url).close()


def build_sqlite(path: Path, n_events: int, seed: int) -> dict[str, int]:
    """A SQLite store at path holding n_events synthetic linked events; returns rows per table."""
    _create_schema(f"sqlite:///{path}")
    con = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode=OFF", "synchronous=OFF", "cache_size=-400000", "temp_store=MEMORY"):
        con.execute(f"PRAGMA {pragma}")
    ddl = con.execute(
        "SELECT name, sql FROM sqlite_master WHERE type='index' AND sql IS NOT NULL AND tbl_name IN "
        f"({','.join('?' * len(TABLES))})",
        list(TABLES),
    ).fetchall()
    for name, _sql in ddl:
        con.execute(f'DROP INDEX "{name}"')
    counts: dict[str, int] = defaultdict(int)
    gen = Generator(seed)
    inserts = {t: f"INSERT INTO {t} ({', '.join(c)}) VALUES ({', '.join('?' * len(c))})" for t, c in TABLES.items()}
    con.execute("BEGIN")
    for first in range(0, n_events, CHUNK):
        rows = gen.chunk(first, min(CHUNK, n_events - first))
        for table, batch in rows.items():
            con.executemany(inserts[table], batch)
            counts[table] += len(batch)
    con.execute("COMMIT")
    for _name, sql in ddl:
        con.execute(sql)
    con.execute("PRAGMA journal_mode=WAL")
    con.close()
    counts["event_search"] = index_search(f"sqlite:///{path}")
    return dict(counts)


def index_search(url: str) -> int:
    """Write every event's search document (what linking does as it writes events); how many."""
    import sqlalchemy as sa

    from warlog.store import search

    engine = sa.create_engine(url)
    with engine.begin() as conn:
        n = search.rebuild(conn)
    engine.dispose()
    return n


def cached_sqlite(n_events: int, seed: int, use_cache: bool, tmp: Path) -> tuple[Path, float, bool, dict[str, int]]:
    """(SQLite file, seconds it took to build, whether it came from the cache, rows per table)."""
    key = f"api-{n_events}-s{seed}-v{DATA_VERSION}-{_schema_key()}"
    target = CACHE / f"{key}.db" if use_cache else tmp / "bench.db"
    meta = target.with_suffix(".json")
    if use_cache and target.exists() and meta.exists():
        info = json.loads(meta.read_text())
        return target, info["seconds"], True, info["counts"]
    if use_cache:
        CACHE.mkdir(parents=True, exist_ok=True)
        (CACHE / ".gitignore").write_text("*\n")
        for old in CACHE.glob(f"api-{n_events}-*"):  # an older version of the same size
            old.unlink()
    partial = target.with_suffix(".partial")
    for p in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        p.unlink(missing_ok=True)
    t0 = time.perf_counter()
    counts = build_sqlite(partial, n_events, seed)
    seconds = time.perf_counter() - t0
    partial.rename(target)
    meta.write_text(json.dumps({"seconds": round(seconds, 1), "counts": counts}))
    return target, seconds, False, counts


def _pg_admin(url: str) -> str:
    """A libpq connection string for the server and database of a SQLAlchemy URL."""
    from sqlalchemy.engine import make_url

    u = make_url(url)
    out = f"host={u.host or '127.0.0.1'} port={u.port or 5432} user={u.username or 'postgres'} dbname={u.database}"
    return out + (f" password={u.password}" if u.password else "")


PG_APP = "warlog_bench_api"  # application_name of the server's connections: their backends' CPU is counted


def pg_schema_url(url: str) -> str:
    """The bench's PostgreSQL URL: the server's database with search_path set to the bench schema."""
    return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{PG_SCHEMA}&application_name={PG_APP}"


def _proc_cpu(pid: int) -> float:
    """User + system CPU seconds of a local process (0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def pg_backend_cpu(db_url: str) -> dict[int, float] | None:
    """CPU seconds of each PostgreSQL backend serving the bench's server (by application_name), read from /proc (the
    database runs on this machine); None when it is not PostgreSQL or cannot be read."""
    if not db_url.startswith("postgresql"):
        return None
    import psycopg

    try:
        with psycopg.connect(_pg_admin(db_url), autocommit=True) as conn:
            pids = [
                r[0] for r in conn.execute("SELECT pid FROM pg_stat_activity WHERE application_name = %s", (PG_APP,))
            ]
    except psycopg.Error:
        return None
    return {pid: _proc_cpu(pid) for pid in pids}


def drop_pg_schema(url: str) -> None:
    """Remove the bench schema and everything in it."""
    import psycopg

    with psycopg.connect(_pg_admin(url), autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {PG_SCHEMA} CASCADE")


def build_pg(url: str, source: Path) -> dict[str, int]:
    """Create the bench schema, let warlog migrate it, then COPY every row of the SQLite file in; rows per table."""
    import psycopg

    drop_pg_schema(url)
    with psycopg.connect(_pg_admin(url), autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {PG_SCHEMA}")
    _create_schema(pg_schema_url(url))
    counts: dict[str, int] = {}
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    with psycopg.connect(_pg_admin(url)) as conn:
        conn.execute(f"SET search_path TO {PG_SCHEMA}")
        conn.execute("SET synchronous_commit TO off")
        conn.execute("SET maintenance_work_mem TO '256MB'")
        ddl = conn.execute(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = %s AND i.tablename = ANY(%s) "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
            (PG_SCHEMA, list(TABLES)),
        ).fetchall()
        for name, _sql in ddl:
            conn.execute(f'DROP INDEX "{name}"')
        for table, cols in TABLES.items():
            # events also carry their search_key (the hash the count estimates sample by), set in the SQLite file
            counts[table] = _copy_table(src, conn, table, (*cols, "search_key") if table == "events" else cols)
        for _name, sql in ddl:
            conn.execute(sql)
        conn.commit()
        # Statistics before the search documents are written: without them PostgreSQL read each batch's evidence
        # (mentions.event_id IN 500 ids) by a parallel scan of every mention: a 1M-event load spent over 15 min there
        conn.execute(f"ANALYZE {', '.join(TABLES)}")
        conn.commit()
        counts["event_search"] = index_search(pg_schema_url(url))
        conn.autocommit = True
        # What autovacuum does within minutes of a bulk load (statistics, visibility map for index-only counts); done
        # now so that every run measures the same settled state.
        # event_search too: without its statistics the planner guessed 3,495 matches for any word (0.0117 of the rows),
        # and without its visibility map every count rechecked each match's heap row, as a store never vacuumed would
        conn.execute(f"VACUUM (ANALYZE) {', '.join(TABLES)}, event_search")
    src.close()
    return counts


def _copy_table(src: sqlite3.Connection, conn: Any, table: str, cols: tuple[str, ...]) -> int:
    """COPY one table's rows from the SQLite file into PostgreSQL; how many."""
    n = 0
    cur = src.execute(f"SELECT {', '.join(cols)} FROM {table}")
    with conn.cursor().copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
        while batch := cur.fetchmany(20_000):
            for row in batch:
                copy.write_row(row)
            n += len(batch)
    return n


# ---------------------------------------------------------------------------------------------------------------------
# the request mix

KINDS: dict[str, int] = {  # kind -> weight (share of requests, out of 100)
    "first_page": 12,
    "country": 10,
    "date_range": 10,
    "event_type": 8,
    "admin1": 8,
    "bbox": 7,
    "near": 7,
    "q": 10,
    "actor": 5,
    "combined": 9,
    "deep_page": 8,
    "sort": 6,
}
Q_TERMS = ["bakery", "Saraqib", "Houthi", RARE_TARGET, "water station", "Mosul", "hospital", "no-such-word"]
ACTOR_TERMS = ["Houthi", "Islamic State", "Russia", "Popular Mobilization", "Hayat Tahrir"]
COUNTRY_VALUES = ["Syria", "SY", "IRQ", "Iraq", "Yemen", "YE"]
SORTS = ["-fatalities", "location", "-n_sources", "admin1", "event_type"]


def _params(kind: str, rng: random.Random) -> dict[str, Any]:
    """The query string of one request of this kind."""
    p: dict[str, Any] = {"page_size": PAGE_SIZE}
    place = rng.choice(PLACES)
    types = sorted({t[0] for t in TYPES}) + [t[1] for t in TYPES]
    if kind == "country":
        p["country"] = rng.choice(COUNTRY_VALUES)
    elif kind == "date_range":
        d0 = rng.randrange(len(DAYS) - 120)
        p.update(since=DAYS[d0], until=DAYS[d0 + rng.choice((7, 30, 90))])
    elif kind == "event_type":
        p["event_type"] = rng.choice(types)
    elif kind == "admin1":
        p["admin1"] = place[1]
    elif kind == "bbox":
        r = rng.choice((0.1, 0.3, 1.0))
        p["bbox"] = f"{place[6] - r:.3f},{place[5] - r:.3f},{place[6] + r:.3f},{place[5] + r:.3f}"
    elif kind == "near":
        p.update(near=f"{place[5]:.4f},{place[6]:.4f}", km=rng.choice((5, 25, 50)))
    elif kind == "q":
        p["q"] = rng.choice(Q_TERMS)
    elif kind == "actor":
        p["actor"] = rng.choice(ACTOR_TERMS)
    elif kind == "combined":
        d0 = rng.randrange(len(DAYS) - 400)
        p.update(country=place[3], since=DAYS[d0], until=DAYS[d0 + 365], event_type=rng.choice(types))
        p["min_fatalities"] = rng.choice((1, 5, 10))
    elif kind == "deep_page":
        p["page"] = rng.choice((2, 5, 20, 100, 200))
        if rng.random() < 0.5:
            p["country"] = place[4]
    elif kind == "sort":
        p["sort"] = rng.choice(SORTS)
        if rng.random() < 0.5:
            p["country"] = place[3]
    return p


def request_mix(n: int, seed: int, fields: str | None = UI_FIELDS) -> list[tuple[str, dict[str, Any]]]:
    """n (kind, params) pairs in the weights of KINDS, shuffled with a fixed seed; each asks for `fields` (None: the
    whole item)."""
    rng = random.Random(seed)
    total = sum(KINDS.values())
    kinds = [k for k, w in KINDS.items() for _ in range(round(n * w / total))]
    while len(kinds) < n:
        kinds.append(rng.choice(list(KINDS)))
    kinds = kinds[:n]
    rng.shuffle(kinds)
    out = [(k, _params(k, rng)) for k in kinds]
    if fields:
        for _k, p in out:
            p["fields"] = fields
    return out


# ---------------------------------------------------------------------------------------------------------------------
# serving and driving


def _free_port() -> int:
    """A TCP port free on loopback now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _warlog() -> list[str]:
    """The `warlog` command of this interpreter's environment."""
    script = Path(sys.executable).with_name("warlog")
    return [str(script)] if script.exists() else [sys.executable, "-c", "from warlog.cli import app; app()"]


class Server:
    """`warlog serve --db URL` on 127.0.0.1 and a free port, in a subprocess logging to a file."""

    def __init__(self, db_url: str, log: Path, workers: int = 1, response_cache: bool = True) -> None:
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = log.open("w")
        cmd = [*_warlog(), "serve", "--host", "127.0.0.1", "--port", str(self.port), "--db", db_url]
        cmd += ["--workers", str(workers)] if workers > 1 else []
        env = {**os.environ, "WARLOG_RESPONSE_CACHE_MB": os.environ.get("WARLOG_RESPONSE_CACHE_MB", "128")}
        if not response_cache:
            env["WARLOG_RESPONSE_CACHE_MB"] = "0"
        # a session of its own: stop() ends the server's worker processes with it (uvicorn's supervisor may be killed
        # before its workers have finished shutting down)
        self.proc = subprocess.Popen(
            cmd, stdout=self.log, stderr=subprocess.STDOUT, cwd=ROOT, env=env, start_new_session=True
        )

    def wait_ready(self, timeout: float = 180.0) -> float:
        """Seconds until GET /api/me answers; raises if the server dies or never answers."""
        import httpx

        t0 = time.perf_counter()
        while time.perf_counter() - t0 < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(f"warlog serve exited with {self.proc.returncode}; see {self.log.name}")
            try:
                if httpx.get(f"{self.base}/api/me", timeout=5).status_code == 200:
                    return time.perf_counter() - t0
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"warlog serve did not answer in {timeout:.0f} s")

    def cpu_seconds(self) -> float:
        """User + system CPU seconds the server has used (its worker processes included)."""
        pids = [self.proc.pid]
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == self.proc.pid:
                    pids.append(int(stat.parent.name))
            except (OSError, ValueError, IndexError):
                continue
        total = 0.0
        for pid in pids:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        return total

    def stop(self) -> None:
        """Terminate the server and its workers (kill them if they linger)."""
        import signal

        def signal_all(sig: int) -> None:
            try:
                os.killpg(self.proc.pid, sig)  # the server's own process group (start_new_session)
            except ProcessLookupError:
                pass

        signal_all(signal.SIGTERM)
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            signal_all(signal.SIGKILL)
            self.proc.wait()
        signal_all(signal.SIGKILL)  # a worker left behind by its supervisor
        self.log.close()


@dataclass
class Sample:
    """One request: its kind, seconds, whether it succeeded and the `total` it reported."""

    kind: str
    seconds: float
    ok: bool
    total: int | None = None
    status: int | None = None  # HTTP status; None when no response came
    cache: str | None = None  # the server's X-Warlog-Cache: hit, miss or off
    exact: bool | None = None  # the response's count_exact (False: its total is an estimate)


class Client:
    """One keep-alive HTTP/1.1 connection to the server (http.client: a load generator on the same two cores as the
    server should cost it little; httpx cost about 2 ms of CPU per request here, three times this)."""

    def __init__(self, base: str, timeout: float = 300) -> None:
        host, port = base.removeprefix("http://").split(":")
        self.conn = http.client.HTTPConnection(host, int(port), timeout=timeout)

    def get(self, path: str, params: dict[str, Any], headers: dict[str, str] | None = None) -> tuple[int, dict, bytes]:
        """(status, lower-cased headers, decoded body) of GET path?params (gzip accepted, as browsers do)."""
        self.conn.request("GET", f"{path}?{urlencode(params)}", headers={"Accept-Encoding": "gzip", **(headers or {})})
        resp = self.conn.getresponse()
        body = resp.read()
        head = {k.lower(): v for k, v in resp.getheaders()}
        if head.get("content-encoding") == "gzip":
            body = gzip.decompress(body)
        return resp.status, head, body

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _get(client: Client, kind: str, params: dict[str, Any], fresh: bool = False) -> Sample:
    """One timed GET /api/events (the body read and decompressed; parsing it is not timed); fresh: ask the server to
    compute it rather than serve its cached response (Cache-Control: no-cache)."""
    headers = {"Cache-Control": "no-cache"} if fresh else None
    t0 = time.perf_counter()
    try:
        status, head, body = client.get("/api/events", params, headers)
        dt = time.perf_counter() - t0
    except (OSError, http.client.HTTPException):
        client.close()  # the next request reconnects
        return Sample(kind, time.perf_counter() - t0, False)
    if status != 200:
        return Sample(kind, dt, False, status=status)
    data = orjson.loads(body)
    return Sample(kind, dt, True, data["total"], 200, head.get("x-warlog-cache"), data.get("count_exact"))


def drive(base: str, requests: list[tuple[str, dict[str, Any]]], clients: int) -> tuple[list[Sample], float, float]:
    """Send every request from `clients` threads (one keep-alive connection each); (samples, wall seconds, CPU
    seconds of this process, the clients, meanwhile)."""
    todo: queue.SimpleQueue = queue.SimpleQueue()
    for r in requests:
        todo.put(r)
    samples: list[Sample] = []
    lock = threading.Lock()

    def worker() -> None:
        with Client(base) as client:
            while True:
                try:
                    kind, params = todo.get_nowait()
                except queue.Empty:
                    return
                s = _get(client, kind, params)
                with lock:
                    samples.append(s)

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(clients)]
    t0, c0 = time.perf_counter(), time.process_time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return samples, time.perf_counter() - t0, time.process_time() - c0


def pct(values: list[float], p: float) -> float:
    """The p-th percentile (0-100) by linear interpolation; NaN when empty."""
    if not values:
        return float("nan")
    xs = sorted(values)
    k = (len(xs) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


# ---------------------------------------------------------------------------------------------------------------------
# one backend


def kind_cpu(db_url: str, log: Path, seed: int, fields: str | None, per_kind: int = 6) -> dict[str, float]:
    """CPU milliseconds per request of each kind, alone: a fresh server (no cached response or count) is sent one
    untimed request of each kind (its statements compiled, as in a server that has run a while), then `per_kind` more
    one after the other, each a filter it has not seen (drawn with another seed than the mix's); its CPU time (with
    its PostgreSQL backends') is read from /proc before and after them (clock ticks: 10 ms / per_kind resolution)."""
    server = Server(db_url, log, 1, True)
    out: dict[str, float] = {}
    try:
        server.wait_ready()
        todo: dict[str, list[dict[str, Any]]] = defaultdict(list)
        seen: set[str] = set()
        for kind, params in request_mix(len(KINDS) * 60, seed + 1000, fields):
            key = json.dumps(params, sort_keys=True)
            if key not in seen and len(todo[kind]) < per_kind + 1:
                seen.add(key)
                todo[kind].append(params)
        with Client(server.base) as client:
            _get(client, "warm", {"page_size": 1, "country": "none"})  # first-use imports, a pool connection
            for kind in KINDS:
                _get(client, kind, todo[kind][0])  # not timed: the kind's statements compiled once, as in a warm server
                cpu0, db0 = server.cpu_seconds(), pg_backend_cpu(db_url)
                for params in todo[kind][1:]:
                    _get(client, kind, params)
                cpu = server.cpu_seconds() - cpu0
                db1 = pg_backend_cpu(db_url)
                if db0 is not None and db1 is not None:
                    cpu += sum(v - db0.get(pid, 0.0) for pid, v in db1.items())
                out[kind] = cpu / max(1, len(todo[kind]) - 1) * 1000
    finally:
        server.stop()
    return out


def bench_backend(
    res: Results,
    label: str,
    db_url: str,
    requests: list,
    clients: int,
    log: Path,
    workers: int = 1,
    response_cache: bool = True,
    seed: int = 7,
    fields: str | None = UI_FIELDS,
) -> dict[str, list[Sample]]:
    """Serve db_url, time each kind alone once (computed, not served from the response cache), then the whole mix
    with `clients` clients; add figures. response_cache: the server keeps responses until the data changes (its
    default); off: every request is computed."""
    cpu_alone = kind_cpu(db_url, log.with_suffix(".cpu.log"), seed, fields) if response_cache else {}
    server = Server(db_url, log, workers, response_cache)
    try:
        startup = server.wait_ready()
        alone: dict[str, float] = {}
        with Client(server.base) as client:
            firsts = {}
            for kind, params in requests:
                firsts.setdefault(kind, params)
            for kind, params in firsts.items():  # warm-up: caches, connection pool, first-use imports
                _get(client, kind, params)
            for kind, params in firsts.items():
                alone[kind] = _get(client, kind, params, fresh=True).seconds
        cpu0, db0 = server.cpu_seconds(), pg_backend_cpu(db_url)
        samples, wall, client_cpu = drive(server.base, requests, clients)
        cpu = server.cpu_seconds() - cpu0
        db1 = pg_backend_cpu(db_url)
        db_cpu = None if db0 is None or db1 is None else sum(v - db0.get(pid, 0.0) for pid, v in db1.items())
    finally:
        server.stop()
    lat = [s.seconds for s in samples if s.ok]
    errors = sum(not s.ok for s in samples)
    hits = sum(s.cache == "hit" for s in samples)
    cache_note = f"response cache: {hits} of {len(samples)} served from it" if response_cache else "no response cache"
    note = f"{len(samples)} requests, {clients} clients, {workers} server process(es), {wall:.1f} s; {cache_note}"
    res.add(f"{label}: p50", pct(lat, 50) * 1000, "ms", note=note)
    res.add(f"{label}: p95", pct(lat, 95) * 1000, "ms")
    res.add(f"{label}: p99", pct(lat, 99) * 1000, "ms")
    res.add(f"{label}: throughput", len(samples) / wall, "requests/s")
    statuses = sorted({str(s.status) for s in samples if not s.ok})
    res.add(f"{label}: errors", errors, "requests", note=f"status {', '.join(statuses)}" if errors else None)
    res.add(f"{label}: server CPU", cpu / max(1, len(samples)) * 1000, "ms/request",
            note=f"warlog serve, all its processes; startup {startup:.1f} s")  # fmt: skip
    res.add(f"{label}: client CPU", client_cpu / max(1, len(samples)) * 1000, "ms/request",
            note="the bench's clients (http.client, gzip, JSON parsed), on the same cores as the server")  # fmt: skip
    if db_cpu is not None:
        res.add(f"{label}: database CPU", db_cpu / max(1, len(samples)) * 1000, "ms/request",
                note="the PostgreSQL backends of the server's connections (from /proc); a lower bound: backends of "
                "pool connections closed during the run are not counted")  # fmt: skip
        res.add(f"{label}: server + database CPU", (cpu + db_cpu) / max(1, len(samples)) * 1000, "ms/request",
                note="the cost of a request in this mix (database part a lower bound)")  # fmt: skip
    by_kind: dict[str, list[Sample]] = defaultdict(list)
    for s in samples:
        by_kind[s.kind].append(s)
    res.notes.append(_kind_table(label, by_kind, alone, cpu_alone))
    if cpu_alone:
        weighted = sum(cpu_alone[k] * w for k, w in KINDS.items()) / sum(KINDS.values())
        res.add(f"{label}: CPU per new request, alone", weighted, "ms/request",
                note="the mix's weights over the `CPU alone` column: server (+ database) CPU of a request whose "
                "filter is new (no cached response or count), one client")  # fmt: skip
    res.notes.append(
        f"{label}: with {clients} clients always waiting, a request's latency is mostly its wait for the server: "
        f"about clients / throughput = {clients / (len(samples) / wall):.1f} s on average here (Little's law); the "
        "`alone` column is the cost of each kind by itself."
    )
    return by_kind


def _kind_table(
    label: str, by_kind: dict[str, list[Sample]], alone: dict[str, float], cpu: dict[str, float] | None = None
) -> str:
    """A Markdown table of latency per query kind, printed and kept as a note."""
    cpu = cpu or {}
    lines = [
        f"{label}, per query kind (ms; `alone` = one request with no other client"
        + ("; `CPU alone` = server (+ database) CPU of a request whose filter is new, one client" if cpu else "")
        + "):",
        "",
        "| kind | n | p50 | p95 | max | alone |" + (" CPU alone |" if cpu else "") + " mean total | estimated |",
        "|---|---:|---:|---:|---:|---:|" + ("---:|" if cpu else "") + "---:|---:|",
    ]
    for kind in KINDS:
        ss = by_kind.get(kind, [])
        lat = [s.seconds * 1000 for s in ss if s.ok]
        totals = [s.total for s in ss if s.total is not None]
        mean_total = f"{sum(totals) / len(totals):,.0f}" if totals else "n/a"
        estimated = sum(s.exact is False for s in ss)
        lines.append(
            f"| {kind} | {len(ss)} | {pct(lat, 50):.0f} | {pct(lat, 95):.0f} | {max(lat, default=float('nan')):.0f} "
            f"| {alone.get(kind, float('nan')) * 1000:.0f} |"
            + (f" {cpu.get(kind, float('nan')):.1f} |" if cpu else "")
            + f" {mean_total} | {estimated} |"
        )
    text = "\n".join(lines)
    print(text, flush=True)
    return text


# ---------------------------------------------------------------------------------------------------------------------


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--events", type=int, default=1_000_000, help="synthetic linked events in the store")
    p.add_argument("--requests", type=int, default=1000, help="requests per backend (1000: a full run near 10 min)")
    p.add_argument("--clients", type=int, default=20, help="concurrent clients")
    p.add_argument("--backends", default="sqlite,postgresql", help="comma list: sqlite, postgresql")
    p.add_argument("--pg-url", default=PG_URL, help="PostgreSQL database (the bench uses a schema of its own)")
    p.add_argument("--no-cache", action="store_true", help="build the SQLite store afresh in a temporary folder")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--workers", type=int, default=1, help="warlog serve --workers (server processes)")
    p.add_argument(
        "--response-cache",
        default="on,off",
        help="comma list: on (the server's default: responses kept until the data changes), off (every request "
        "computed); each is a separate pass with figures of its own",
    )
    p.add_argument("--keep-pg", action="store_true", help="keep the PostgreSQL schema for the next run (and reuse "
                   "one kept from a run on the same SQLite file)")  # fmt: skip
    p.add_argument(
        "--fields",
        choices=("ui", "all"),
        default="ui",
        help="ui: each request asks for the columns the "
        "web UI's table shows (as the UI does); all: for whole items (sources, reports, evidence)",
    )
    p.add_argument("--quick", action="store_true", help="20k events, 200 requests (no cache)")
    args = p.parse_args(argv)
    if args.quick:
        args.events, args.requests, args.no_cache = 20_000, 200, True
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    modes = [m.strip() for m in args.response_cache.split(",") if m.strip()]
    if not modes or not set(modes) <= {"on", "off"}:
        p.error("--response-cache: on, off or on,off")
    args.cache_modes = [m == "on" for m in modes]

    res = Results("api", "API latency (/api/events)", command_line("bench_api.py", argv))
    t_all = time.perf_counter()
    fields = UI_FIELDS if args.fields == "ui" else None
    requests = request_mix(args.requests, args.seed, fields)
    print(f"  load average at start: {os.getloadavg()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="warlog-bench-api-") as tmp_s:
        tmp = Path(tmp_s)
        path, build_s, cached, counts = cached_sqlite(args.events, args.seed, not args.no_cache, tmp)
        rows = ", ".join(f"{v:,} {k}" for k, v in counts.items())
        res.notes.append(
            f"Store: {rows}; SQLite file {path.stat().st_size / 2**20:,.0f} MiB. Mix per backend: "
            + ", ".join(f"{k} {w}%" for k, w in KINDS.items())
            + f"; page_size {PAGE_SIZE} (the web UI's), default sort -event_date unless `sort`; "
            + ("`fields` = the web UI table's columns (as the UI asks)." if args.fields == "ui" else "whole items.")
        )
        how = "cached file, time of its build" if cached else "built now"
        res.add("build: SQLite store", build_s, "s", note=f"{args.events:,} events; {how}")
        if "sqlite" in backends:
            for on in args.cache_modes:
                label = "SQLite" if on else "SQLite, no response cache"
                log = tmp / f"serve-sqlite-{on}.log"
                bench_backend(
                    res, label, f"sqlite:///{path}", requests, args.clients, log, args.workers, on, args.seed, fields
                )
        if "postgresql" in backends:
            _postgres(res, args, path, requests, tmp)
    res.machine["load_avg_end"] = [round(x, 2) for x in os.getloadavg()]
    res.notes.append(f"Load average at start {res.machine['load_avg']}, at end {res.machine['load_avg_end']}.")
    print(f"  load average at end: {res.machine['load_avg_end']}", flush=True)
    res.seconds = round(time.perf_counter() - t_all, 1)
    write_results(res)
    if not args.no_cache:
        print(f"  (SQLite store cached in {CACHE.relative_to(ROOT)}; --no-cache rebuilds it)")
    return 0


def _pg_kept(url: str) -> str | None:
    """The SQLite file a kept bench schema was loaded from (its comment), or None."""
    import psycopg

    with psycopg.connect(_pg_admin(url), autocommit=True) as conn:
        row = conn.execute(
            "SELECT obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname = %s", (PG_SCHEMA,)
        ).fetchone()
    return row[0] if row else None


def _postgres(res: Results, args: argparse.Namespace, source: Path, requests: list, tmp: Path) -> None:
    """Load PostgreSQL from the SQLite file (or reuse a kept schema loaded from it), bench it, drop the schema unless
    --keep-pg."""
    import psycopg

    try:
        t0 = time.perf_counter()
        reused = args.keep_pg and _pg_kept(args.pg_url) == source.name
        if not reused:
            build_pg(args.pg_url, source)
            with psycopg.connect(_pg_admin(args.pg_url), autocommit=True) as conn:
                conn.execute(f"COMMENT ON SCHEMA {PG_SCHEMA} IS '{source.name}'")
    except Exception as exc:  # noqa: BLE001 - any connection problem means: no PostgreSQL figure
        res.add("PostgreSQL", None, "", note=f"skipped: {exc.__class__.__name__}: {str(exc)[:120]}")
        try:
            drop_pg_schema(args.pg_url)
        except Exception:  # noqa: BLE001, S110 - the server may be unreachable altogether
            pass
        return
    try:
        if reused:
            res.add("build: PostgreSQL store", None, "s", note=f"schema kept from an earlier run on {source.name}")
        else:
            note = "COPY from the SQLite file, indexes, VACUUM ANALYZE"
            res.add("build: PostgreSQL store", time.perf_counter() - t0, "s", note=note)
        url = pg_schema_url(args.pg_url)
        for on in args.cache_modes:
            label = "PostgreSQL" if on else "PostgreSQL, no response cache"
            fields = UI_FIELDS if args.fields == "ui" else None
            bench_backend(
                res, label, url, requests, args.clients, tmp / f"serve-pg-{on}.log", args.workers, on, args.seed, fields
            )
    finally:
        if not args.keep_pg:
            drop_pg_schema(args.pg_url)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
