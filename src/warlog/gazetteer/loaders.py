"""Load GeoNames dump files (allCountries.zip, SY.zip, cities500.txt, alternateNamesV2.txt, admin1CodesASCII.txt)
into a gazetteer index, streaming line by line so the 1.5 GB allCountries file needs little memory."""

from __future__ import annotations

import io
import os
import sqlite3
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from warlog.gazetteer.index import (
    SY_ADMIN1_BY_CODE,
    _usable_alt,
    add_names,
    build_default,
    create_schema,
    insert_places,
)

# Feature codes kept from GeoNames classes other than P (populated places) and A (admin units).
KEEP_CODES = frozenset(
    "AIRB AIRF AIRP MILB INSM CMP CMPRF DAM OILF GASF PRN BDG CSTL HSP SCH MSQ UNIV STDM RSTN PS OILR PLN MT MTS HLL "
    "VAL WAD ISL CST PSTB PSTC FRST RESF RESN RESW RES PRK LK RGN RGNH DSRT AREA".split()
)
# GeoNames feature codes -> our feature types (gazetteer/features.py); others kept are landmarks.
KIND_OF_CODE = {
    "AIRB": "airport", "AIRF": "airport", "AIRP": "airport", "MILB": "base", "INSM": "base", "CMP": "camp",
    "CMPRF": "camp", "DAM": "dam", "PSTB": "crossing", "OILF": "facility", "GASF": "facility", "PRN": "facility",
    "HSP": "facility", "SCH": "facility", "UNIV": "facility", "STDM": "facility", "RSTN": "facility",
    "PS": "facility", "OILR": "facility", "PLN": "region", "VAL": "region", "WAD": "region", "ISL": "region",
    "CST": "region", "PSTC": "crossing",
    # forests, reserves, parks, lakes, deserts and named regions: areas with no single point (ACLED precision 2)
    "FRST": "region", "RESF": "region", "RESN": "region", "RESW": "region", "RES": "region", "PRK": "region",
    "LK": "region", "RGN": "region", "RGNH": "region", "DSRT": "region", "AREA": "region",
}  # fmt: skip
ADMIN_CODES = {"ADM1": "admin1", "ADM2": "admin2", "ADM3": "admin3", "ADM4": "admin3", "PCLI": "country"}
BATCH = 5000


@contextmanager
def _open_text(path: Path) -> Iterator[io.TextIOBase]:
    """Text stream of a .txt file or of the data member of a GeoNames .zip."""
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as zf:
            members = [m for m in zf.namelist() if m.endswith(".txt") and "readme" not in m.lower()]
            if not members:
                raise ValueError(f"{path}: no .txt member")
            with zf.open(members[0]) as raw:
                yield io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
    else:
        with path.open(encoding="utf-8", newline="\n") as fh:
            yield fh


def _feature(fclass: str, fcode: str, population: int) -> str | None:
    """Our feature name for a GeoNames class/code, or None to skip the row."""
    if fclass == "P":
        if fcode in ("PPLX",):
            return "district"
        if fcode in ("PPLC", "PPLA") or population >= 100_000:
            return "city"
        return "town" if population >= 10_000 or fcode == "PPLA2" else "village"
    if fclass == "A":
        return ADMIN_CODES.get(fcode)
    return KIND_OF_CODE.get(fcode, "landmark") if fcode in KEEP_CODES else None


def _detect(first: list[str]) -> str:
    """File kind from the first row's columns: geonames, altnames or admin1."""
    if len(first) >= 19:
        return "geonames"
    if len(first) in (8, 10) and first[0].isdigit() and first[1].isdigit():
        return "altnames"
    if len(first) == 4 and "." in first[0]:
        return "admin1"
    raise ValueError(f"unrecognised GeoNames file layout ({len(first)} columns)")


def _admin1_names(conn: sqlite3.Connection) -> dict[str, str]:
    """admin1 code ("SY.09") -> name, as known to the index."""
    return dict(conn.execute("SELECT code, name FROM admin1_codes").fetchall())


def _geonames_row(cols: list[str], admin1: dict[str, str], countries: dict[str, str]) -> dict | None:
    """Place dict for one 19-column GeoNames row, or None when its feature is not kept."""
    try:
        pop = int(cols[14] or 0)
        lat, lon = float(cols[4]), float(cols[5])
    except ValueError:
        return None
    feature = _feature(cols[6], cols[7], pop)
    if feature is None:
        return None
    cc = cols[8]
    code = f"{cc}.{cols[10]}"
    alts = [a for a in cols[3].split(",") if _usable_alt(a)]
    if cols[2] and cols[2] != cols[1]:
        alts.insert(0, cols[2])
    return {
        "id": f"gn-{cols[0]}", "name": cols[1], "alt_names": alts, "feature": feature, "city": None,
        "admin1": admin1.get(code) or (cols[1] if feature == "admin1" else None), "admin2": None, "admin3": None,
        "country": countries.get(cc, cc), "iso": cc, "lat": lat, "lon": lon, "population": pop,
        "source": "GeoNames dump", "admin1_code": code,
    }  # fmt: skip


def _load_geonames_rows(conn: sqlite3.Connection, lines: Iterator[str]) -> int:
    """Insert 19-column GeoNames rows; existing ids keep their row but gain the dump's names."""
    admin1 = _admin1_names(conn)
    countries = dict(conn.execute("SELECT iso, country FROM places WHERE feature = 'country'").fetchall())
    countries.setdefault("SY", "Syria")
    n = 0
    for i, line in enumerate(lines):
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 19:
            continue
        row = _geonames_row(cols, admin1, countries)
        if row is None:
            continue
        added = insert_places(conn, [row])
        if not added:
            pk = conn.execute("SELECT pk FROM places WHERE id = ?", (row["id"],)).fetchone()
            if pk:
                add_names(conn, pk[0], [row["name"], *row["alt_names"]])
        n += added
        if i % BATCH == 0:
            conn.commit()
    return n


def _load_altnames(conn: sqlite3.Connection, lines: Iterator[str]) -> int:
    """Add names from alternateNames(V2).txt to rows already in the index; returns names added."""
    n = 0
    for i, line in enumerate(lines):
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 4 or cols[2] in ("link", "post", "iata", "icao", "faac", "wkdt", "unlc", "abbr"):
            continue
        if len(cols) > 7 and cols[7] == "1":  # historic name
            continue
        name = cols[3]
        if not _usable_alt(name):
            continue
        row = conn.execute("SELECT pk, alt_names FROM places WHERE id = ?", (f"gn-{cols[1]}",)).fetchone()
        if row is None:
            continue
        alts = [a for a in (row[1] or "").split("|") if a]
        if name not in alts:
            conn.execute("UPDATE places SET alt_names = ? WHERE pk = ?", ("|".join([*alts, name]), row[0]))
            add_names(conn, row[0], [name])
            n += 1
        if i % BATCH == 0:
            conn.commit()
    return n


def _load_admin1(conn: sqlite3.Connection, lines: Iterator[str]) -> int:
    """Record admin1 code names (Syria keeps ACLED's spelling) and fill them in on loaded rows."""
    n = 0
    for line in lines:
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 2:
            continue
        code, name = cols[0], (cols[2] if len(cols) > 2 and cols[2] else cols[1])
        if code.startswith("SY.") and code[3:] in SY_ADMIN1_BY_CODE:
            name = SY_ADMIN1_BY_CODE[code[3:]]
        conn.execute("INSERT OR REPLACE INTO admin1_codes VALUES (?, ?)", (code, name))
        conn.execute("UPDATE places SET admin1 = ? WHERE admin1_code = ? AND source = 'GeoNames dump'", (name, code))
        n += 1
    return n


def _open_index(index_path: Path) -> sqlite3.Connection:
    """Open an on-disk place index, building the default gazetteer into it first when the file is new."""
    index_path.parent.mkdir(parents=True, exist_ok=True)
    fresh = not index_path.exists()
    conn = sqlite3.connect(index_path)
    try:
        if fresh:
            build_default(conn)
        create_schema(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def load_geonames(path: str | os.PathLike[str], index_path: str | os.PathLike[str]) -> int:
    """Load one GeoNames file into the index at index_path (created from the default gazetteer if missing).

    Accepts the 19-column dumps (allCountries.zip, SY.zip, SY.txt, cities500.txt, cities15000.zip),
    alternateNamesV2.txt / alternateNames.txt (names for rows already present) and admin1CodesASCII.txt.
    Returns the number of rows (places, names or admin1 codes) added.
    """
    path = Path(path)
    conn = _open_index(Path(index_path))
    try:
        with _open_text(path) as fh:
            first_line = ""
            for first_line in fh:
                if first_line.strip() and not first_line.startswith("#"):
                    break
            kind = _detect(first_line.rstrip("\n").split("\t"))
            lines = _chain(first_line, fh)
            loader = {"geonames": _load_geonames_rows, "altnames": _load_altnames, "admin1": _load_admin1}[kind]
            n = loader(conn, lines)
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('loaded:' || ?, ?)", (path.name, str(n)))
        conn.commit()
    finally:
        conn.close()
    return n


def _chain(first: str, rest: Iterator[str]) -> Iterator[str]:
    """The first line followed by the rest of the stream."""
    yield first
    yield from rest


# ----------------------------------------------------------------------------------------------------------------
# Place points of event datasets a user has (ACLED, UCDP GED): the places they coded, for the years asked


def _event_rows(path: Path) -> Iterator[dict[str, str]]:
    """Rows of an events CSV, gzipped or not."""
    import csv
    import gzip

    raw = gzip.open(path, "rb") if path.suffix == ".gz" else path.open("rb")
    with raw, io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as fh:
        yield from csv.DictReader(fh)


def _event_place(r: dict[str, str], source: str) -> tuple[str, str, str, float, float, int] | None:
    """(name, city, admin1, lat, lon, year) of a point-precise event row, or None."""
    import html
    import re

    try:
        year, lat, lon = int(r.get("year") or 0), float(r["latitude"]), float(r["longitude"])
        if source == "acled":
            if int(r.get("geo_precision") or 9) != 1:
                return None
            name, admin1 = r.get("location") or "", r.get("admin1") or ""
        else:
            if int(r.get("where_prec") or 9) != 1:
                return None
            name = html.unescape(r.get("where_coordinates") or "")
            name = re.sub(r"\s*\(.*?\)\s*", " ", name).strip()
            admin1 = re.sub(r"\s+Governorate$", "", r.get("adm_1") or "")
    except (KeyError, ValueError):
        return None
    city = ""
    if " - " in name:  # ACLED "Aleppo - Sheikh Maqsoud": a district of a city
        city, _, name = name.partition(" - ")
    name = name.split(",")[0].strip()
    return (name, city, admin1, lat, lon, year) if name else None


def event_place_rows(path: str | os.PathLike[str], source: str, years: Iterable[int]) -> list[dict]:
    """Place rows from an ACLED or UCDP GED events file: one per (name, city, governorate) coded at point precision
    in the given years, at the median of its points; the type from the name's words ("Hole Camp" is a camp)."""
    import statistics

    from warlog.gazetteer.features import kind_of_name
    from warlog.gazetteer.names import exact_key

    wanted = set(years)
    pts: dict[tuple[str, str, str], list[tuple[float, float]]] = {}
    for r in _event_rows(Path(path)):
        got = _event_place(r, source)
        if got is None or got[5] not in wanted:
            continue
        name, city, admin1, lat, lon, _ = got
        pts.setdefault((name, city, admin1), []).append((lat, lon))
    rows = []
    for (name, city, admin1), ps in pts.items():
        lat, lon = statistics.median(p[0] for p in ps), statistics.median(p[1] for p in ps)
        slug = "-".join(exact_key(f"{city} {name} {admin1}").split())
        rows.append({
            "id": f"{source}-{slug}", "name": name, "alt_names": [], "city": city or None, "admin1": admin1 or None,
            "feature": "district" if city else kind_of_name(name), "country": "Syria" if source else None,
            "iso": None, "lat": lat, "lon": lon, "population": 0,
            "source": f"{source.upper()} event places {min(wanted)}-{max(wanted)} (user file)",
        })  # fmt: skip
    return rows


def load_events(
    path: str | os.PathLike[str], index_path: str | os.PathLike[str], source: str, years: Iterable[int]
) -> int:
    """Add the places of an ACLED / UCDP GED file's events of `years` to the index (created from the default
    gazetteer if missing); the years are recorded (meta `events:<source>`) so that evaluations leave them out."""
    if source not in ("acled", "ucdp"):
        raise ValueError(f"unknown events source {source!r} (acled or ucdp)")
    years = sorted(set(years))
    conn = _open_index(Path(index_path))
    try:
        rows = event_place_rows(path, source, years)
        for r in rows:
            iso = conn.execute("SELECT iso FROM places WHERE feature = 'admin1' AND admin1 = ?", (r["admin1"],))
            hit = iso.fetchone()
            r["iso"] = hit[0] if hit else "SY"
        n = insert_places(conn, rows)
        old = conn.execute("SELECT v FROM meta WHERE k = ?", (f"events:{source}",)).fetchone()
        merged = sorted({*years, *(int(y) for y in (old[0].split(",") if old and old[0] else []))})
        conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (f"events:{source}", ",".join(map(str, merged))))
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('loaded:' || ?, ?)", (Path(path).name, str(n)))
        conn.commit()
    finally:
        conn.close()
    return n
