"""Build `src/warlog/data/osm_places.tsv.gz`: villages, hamlets and city quarters of African countries from
OpenStreetMap place nodes that neither the default gazetteer nor its Who's On First layer holds (issue 15, round 20).

Input: a bare git copy of `ObiWanLansi/GeoData` (code MIT; its data is OpenStreetMap's, ODbL 1.0: "(c) OpenStreetMap
contributors"), as the session's `fetch` tool leaves it at `/work/.mirror/ObiWanLansi+GeoData/repo`: one zipped SQLite
file per Geofabrik extract of Africa (`Africa/<name>.sqlite.zip`, OSM as of 2019-09-09), table `NODE` (ID, LAT, LON,
NAME, NAME_EN, NAME_DE, TAG, VALUE, POPULATION, ELEVATION). Read with `git show` (no work tree); extracts the
snapshot lacks (files of 4 MiB and more: Algeria, South Africa) are skipped.

Kept: nodes tagged `place` = city/town (town), village/hamlet (village), suburb/neighbourhood/quarter
(district), with a Latin-script name (`name`, its ";"-separated parts, `name:en`). A node's country is the country of
the nearest settlement of the index (a Geofabrik extract spills over its borders; Senegal's holds Gambia). Then the
rules of the Who's On First build (`scripts/build_wof_places.py`): names that pass `layers.wof_name_ok` (three
letters or more, not a word English news text writes in lower case nor a word of organisations' names, not a
country's, first-level unit's or large place's name anywhere nor one letter from it, nor a spelling of the country's
own units and large places), one-word names spaCy's NER reads as people's left out, and only rows no place of the
default index, Who's On First layer included, answers to within 10 km (`layers.new_places`). admin1/admin2 are those
of the nearest index settlement of the same country.

Usage: python scripts/build_osm_places.py [--repo /work/.mirror/ObiWanLansi+GeoData/repo] [--words FILE ...]
        [--out src/warlog/data/osm_places.tsv.gz]
"""

from __future__ import annotations

import argparse
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

import build_wof_places as bw  # noqa: E402

from warlog.extract.places import ACTOR_WORDS  # noqa: E402
from warlog.gazetteer import index as gindex  # noqa: E402
from warlog.gazetteer import layers  # noqa: E402
from warlog.gazetteer.airports import NearestPlace  # noqa: E402

# OSM place values kept, and the feature they become
FEATURES = {
    "city": "town", "town": "town", "village": "village", "hamlet": "village",
    "suburb": "district", "neighbourhood": "district", "quarter": "district",
}  # fmt: skip
# Geofabrik extracts not of an ACLED-covered mainland country (Spain's islands, British territories)
SKIP_EXTRACTS = {"canary-islands", "saint-helena-ascension-and-tristan-da-cunha"}
# The countries kept: Africa's (ACLED covers them all), the node's country being its nearest index settlement's
# (Spain's Ceuta and Melilla, a stray point nearest an Iranian place are not kept); not Benin, whose Who's On First
# villages cost the development reports events (scripts/build_wof_places.py)
AFRICA = frozenset(
    "AO BF BI BW CD CF CG CI CM CV DJ DZ EG EH ER ET GA GH GM GN GQ GW KE KM LR LS LY MA MG ML MR MU MW MZ NA NE "
    "NG RW SC SD SL SN SO SS ST SZ TD TG TN TZ UG ZA ZM ZW".split()
)
_LATIN = re.compile(r"^[\sA-Za-z\u00C0-\u024F\u1E00-\u1EFF'’\-.()]+$")
_SETTLEMENTS = ("city", "town", "village")


def node_names(name: str | None, name_en: str | None) -> list[str]:
    """The Latin-script names of a node: its name's ";"-separated parts, then its English name, once each
    ("Kindjandi Arabe I;Kindjandi Arabe II" -> both; "Moursal مورسال" -> "Moursal")."""
    out: list[str] = []
    for raw in (name or "", name_en or ""):
        for part in raw.split(";"):
            part = re.sub(r"\s+", " ", part).strip()
            if part and not _LATIN.match(part):
                # a name written in two scripts ("Moursal مورسال", a quarter of N'Djamena): its Latin-script words
                part = " ".join(w for w in part.split(" ") if _LATIN.match(w)).strip(" -")
            if part and _LATIN.match(part) and re.search(r"[A-Za-z]", part) and part not in out:
                out.append(part)
    return out


def extract_rows(db: sqlite3.Connection, extract: str) -> list[dict]:
    """Candidate rows of one extract's SQLite table (country not yet known)."""
    rows = []
    for nid, lat, lon, name, name_en, value, pop in db.execute(
        "SELECT ID, LAT, LON, NAME, NAME_EN, VALUE, POPULATION FROM NODE WHERE TAG = 'place'"
    ):
        feature = FEATURES.get((value or "").strip().lower())
        names = node_names(name, name_en)
        if feature is None or not names:
            continue
        try:
            population = int(pop or 0)
        except (TypeError, ValueError):
            population = 0
        rows.append({
            "id": f"osm-{nid}", "name": names[0], "alt_names": names[1:], "feature": feature, "city": None,
            "admin1": None, "admin2": None, "country": None, "iso": "", "lat": round(float(lat), 4),
            "lon": round(float(lon), 4), "population": population, "source": layers.OSM_SOURCE, "exact_only": True,
            "extract": extract,
        })  # fmt: skip
    return rows


def read_repo(repo: Path) -> list[dict]:
    """Candidate rows of every African extract of the bare repository."""
    names = subprocess.run(["git", "--git-dir", str(repo), "ls-tree", "--name-only", "HEAD", "Africa/"],
                           capture_output=True, text=True, check=True).stdout.split()  # fmt: skip
    rows: list[dict] = []
    for path in names:
        if not path.endswith(".sqlite.zip"):
            continue
        extract = path.split("/")[-1].removesuffix(".sqlite.zip")
        if extract in SKIP_EXTRACTS:
            continue
        blob = subprocess.run(["git", "--git-dir", str(repo), "show", f"HEAD:{path}"], capture_output=True)
        if blob.returncode != 0 or not blob.stdout:
            print(f"{extract}: not in the snapshot", file=sys.stderr)
            continue
        try:
            zf = zipfile.ZipFile(io.BytesIO(blob.stdout))
        except zipfile.BadZipFile:
            print(f"{extract}: not a zip file", file=sys.stderr)
            continue
        with tempfile.TemporaryDirectory() as tmp:
            member = next(n for n in zf.namelist() if n.endswith(".sqlite"))
            db_path = Path(tmp) / "x.sqlite"
            db_path.write_bytes(zf.read(member))
            db = sqlite3.connect(db_path)
            got = extract_rows(db, extract)
            db.close()
        print(f"{extract}: {len(got)} place nodes", file=sys.stderr)
        rows += got
    return rows


def index_without_osm() -> sqlite3.Connection:
    """The default index (Who's On First layer included) built in memory without this layer."""
    return gindex.build_default_without("OSM_FILE")


def place_in_countries(conn: sqlite3.Connection, rows: list[dict], keep: frozenset[str] = AFRICA) -> list[dict]:
    """Rows with the country (iso), admin1 and admin2 of their nearest index settlement, if that country is one of
    `keep` (none farther than about 0.3 degrees x 3 cells; rows with no settlement near are dropped)."""
    settlements = conn.execute(
        f"SELECT iso, lat, lon, admin1, admin2, country FROM places WHERE feature IN {_SETTLEMENTS} "
        "AND coalesce(source, '') NOT LIKE 'safesignal%'"
    ).fetchall()
    anywhere = NearestPlace([("*", lat, lon, iso, a1, a2) for iso, lat, lon, a1, a2, _c in settlements])
    nearest = NearestPlace(settlements)
    out = []
    for r in rows:
        hit = anywhere("*", r["lat"], r["lon"])
        if hit is None or not hit[3] or hit[3] not in keep:
            continue
        iso = hit[3]
        own = nearest(iso, r["lat"], r["lon"])
        out.append({**r, "iso": iso, "admin1": own[3] if own else None, "admin2": own[4] if own else None})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repo", type=Path, default=Path("/work/.mirror/ObiWanLansi+GeoData/repo/.git"))
    ap.add_argument(
        "--words", nargs="*", type=Path, default=None,
        help="English text files: names written in lower case there (3 times or more) are words, not places",
    )  # fmt: skip
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--no-person-check", action="store_true", help="skip spaCy's person-name check (faster)")
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "warlog" / "data" / layers.OSM_NAME)
    args = ap.parse_args()
    t0 = time.time()
    rows = read_repo(args.repo)
    print(f"{len(rows)} candidates ({time.time() - t0:.0f} s); building the index", file=sys.stderr)
    conn = index_without_osm()
    rows = place_in_countries(conn, rows)
    word_files = args.words if args.words is not None else bw.default_word_files(args.shared)
    words = bw.lower_words(word_files)
    common = {w for w, n in words.items() if n >= 3} | set(ACTOR_WORDS)
    bad_keys = layers.wof_blocked_keys(conn)
    rows = [r for r in (bw.with_usable_name(r, bad_keys, common) for r in rows) if r is not None]
    if not args.no_person_check:
        people = bw.person_names(word_files, {r["name"] for r in rows if re.fullmatch(r"[A-Z][a-z]{2,}", r["name"])})
        rows = [r for r in rows if r["name"] not in people]
        for r in rows:
            r["alt_names"] = [a for a in r["alt_names"] if a not in people]
        print(f"{len(people)} person names: {' '.join(sorted(people))}", file=sys.stderr)
    print(f"{len(rows)} after the name rules ({time.time() - t0:.0f} s)", file=sys.stderr)
    rows.sort(key=lambda r: (r["feature"] == "district", -r["population"], r["iso"], r["id"]))
    kept = list(layers.new_places(conn, rows))
    print(f"{len(kept)} not in the index within 10 km", file=sys.stderr)
    bw.write_table(args.out, kept, t0)


if __name__ == "__main__":
    main()
