"""Build `src/warlog/data/wof_places.tsv.gz`: villages, towns and neighbourhoods of conflict-affected countries from
Who's On First (WOF) admin repositories that the default gazetteer lacks.

Input: bare git copies of `whosonfirst-data/whosonfirst-data-admin-<cc>` (data CC BY 4.0; most of its localities are
GeoNames feature-class P places, population-0 villages included), e.g. as the session's `fetch` tool leaves them at
`/work/.mirror/whosonfirst-data+whosonfirst-data-admin-<cc>/repo`. Read with `git cat-file --batch` (no work tree;
records a snapshot lacks, files of 4 MiB and more, are skipped).

Kept: current records (not `mz:is_current` 0, not superseded, not deprecated, not GeoNames' abandoned/historical
codes PPLQ/PPLH) of placetype locality/localadmin (village or town), neighbourhood/macrohood/microhood (district),
whose name is not already a place of the same country within 10 km of the default index built without this layer
(`layers.new_places`), and whose names pass `layers.wof_name_ok` (three letters or more, not a word news text
uses in lower case nor a word of organisations' names, not the exact name of a country, admin1 or large place
anywhere nor one letter from it, nor any spelling of its own country's admin units and large places; since round 15
a loose key shared with a large place abroad no longer blocks: "El Alto" is not "Altay"). Their admin1/admin2
names are the index's: each WOF region (county) takes the admin1 (admin2) name most of its places' nearest index
settlements have, so "Kasindi, North Kivu" matches as the index spells the province.

Usage: python scripts/build_wof_places.py [--mirror /work/.mirror] [--countries af,bf,...] [--words FILE ...]
        [--regions ir:sistan,kurd] [--out src/warlog/data/wof_places.tsv.gz]
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import re
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from warlog.extract.places import ACTOR_WORDS  # noqa: E402
from warlog.gazetteer import index as gindex  # noqa: E402
from warlog.gazetteer import layers  # noqa: E402
from warlog.gazetteer.airports import NearestPlace  # noqa: E402
from warlog.gazetteer.features import kind_of_name  # noqa: E402
from warlog.gazetteer.names import name_key  # noqa: E402

# Countries of ACLED's long-running armed conflicts (the first 29, round 14), the extension (round 14, helper wof2),
# then round 15 (helper wof3): 49 more countries ACLED covers where reports go (the Gulf, Nepal, Belarus, Morocco,
# the rest of West and Southern Africa, the Balkans, Central and Southeast Asia, Latin America's rest), and the whole
# of Thailand and Iran (112 countries, 20.2 MB). Left out: the largest repositories (US, DE, FR, IN, BR, RU, CN),
# MX and ID (their snapshots have too many files to fetch here), BJ and PG, whose villages cost the development
# reports one event each (docs/benchmarks.md, "Who's On First villages: the extension"), and GR, whose village Nea
# Tenedos (alternate name Kara Tepe, 300 km from Lesvos' Kara Tepe camp) cost devset_w17 one event and added a false
# one (docs/benchmarks.md, "Round 15: more WOF countries"); add them back with --countries.
COUNTRIES = ("af bf bi cd cf cm co et ht iq ke lb ly ml mm mz ne ng ph pk ps sd so ss sy td ua ug ye er rw tz "
             "tg gh ci gn sn mr dz tn eg zw za pe ec ve hn gt sv ni bo bd lk th am az ge tr jo il kg tj ir ae "
             "al ao ar ba bh bw by cg cl cr cu cy dj do ga gm gq gw gy jm kh kw kz la lr ls ma md mg mk mw "
             "my na np om pa py qa rs sa sl sz tm uy uz vn xk zm").split()  # fmt: skip
# Of these countries only some first-level regions ("cc:word,word", WOF region names): none since round 15; round 14
# kept Thailand's deep south (pattani,yala,narathiwat,songkhla) and Iran's Sistan-Baluchestan and Kurdistan
# (sistan,kurd,kord) only, for a 12 MB bound
REGIONS: list[str] = []
ARABIC = {"SY", "IQ", "YE", "LB", "LY", "PS", "SD", "TD", "SO", "JO", "EG", "DZ", "TN", "MR", "BH", "SA", "KW", "OM",
          "QA", "AE", "MA", "DJ"}  # fmt: skip
PLACETYPES = {
    "locality": "village", "localadmin": "village", "neighbourhood": "district", "macrohood": "district",
    "microhood": "district",
}  # fmt: skip
SKIP_CODES = {"PPLQ", "PPLH", "PPLW", "PPLCH"}  # abandoned, historical, destroyed, historical capital
TOWN_POPULATION = 10_000
# Latin-script alternate names in these languages (WOF `name:<lang>_x_preferred` / `_x_variant`), and Arabic ones
LANGS = ("eng", "fra", "spa", "por", "und", "ara")
_LATIN = re.compile(r"^[\sA-Za-z\u00C0-\u024F\u1E00-\u1EFF'’\-.()]+$")
_ARABIC = re.compile(r"[\u0600-\u06FF]")


def blobs(repo: Path):
    """(path, json properties, geometry type) of every record file of a bare WOF repository."""
    ls = subprocess.run(["git", "--git-dir", str(repo), "ls-tree", "-r", "HEAD"], capture_output=True, text=True,
                        check=True).stdout.splitlines()  # fmt: skip
    objs = [line.split()[2] for line in ls if line.endswith(".geojson") and "-alt-" not in line]
    proc = subprocess.Popen(["git", "--git-dir", str(repo), "cat-file", "--batch"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE)  # fmt: skip

    def feed() -> None:
        for o in objs:
            proc.stdin.write((o + "\n").encode())
        proc.stdin.close()

    threading.Thread(target=feed, daemon=True).start()
    for _ in objs:
        head = proc.stdout.readline().split()
        if len(head) < 3:  # "<object> missing": files of 4 MiB and more are not in the snapshots (large polygons)
            continue
        data = proc.stdout.read(int(head[2]))
        proc.stdout.read(1)
        yield json.loads(data)["properties"]
    proc.wait()


def _names(p: dict, arabic: bool) -> list[str]:
    """The record's name, then its Latin-script (and, with `arabic`, Arabic) alternate names."""
    out = [p.get("wof:name") or "", p.get("gn:asciiname") or "", p.get("gn:name") or ""]
    for lang in LANGS:
        for kind in ("preferred", "variant"):
            out += p.get(f"name:{lang}_x_{kind}") or []
    keep = []
    for n in out:
        n = " ".join(str(n).split())
        if n and (_LATIN.match(n) or (arabic and _ARABIC.search(n))):
            keep.append(n)
    return list(dict.fromkeys(keep))


def record_row(p: dict, cc: str, arabic: bool = False) -> dict | None:
    """The candidate row of one WOF record's properties, or None: not a place of `cc` of a kept placetype, not
    current (`mz:is_current` 0, superseded, deprecated, ceased, GeoNames' abandoned/historical codes), or without
    a Latin-script name or a point."""
    pt = p.get("wof:placetype")
    if pt not in PLACETYPES or (p.get("wof:country") or "").upper() != cc.upper():
        return None
    if p.get("mz:is_current") == 0 or p.get("wof:superseded_by") or p.get("edtf:deprecated") not in (None, ""):
        return None
    if p.get("edtf:cessation") not in (None, "", "uuuu", ".."):
        return None
    if p.get("gn:feature_code") in SKIP_CODES:
        return None
    names = _names(p, arabic)
    latin = [n for n in names if _LATIN.match(n)]
    if not latin:
        return None
    names = [latin[0], *[n for n in names if n != latin[0]]]
    try:
        lat, lon = round(float(p["geom:latitude"]), 4), round(float(p["geom:longitude"]), 4)
    except (KeyError, TypeError, ValueError):
        return None
    h = (p.get("wof:hierarchy") or [{}])[0]
    pop = int(p.get("gn:population") or p.get("wof:population") or 0)
    feature = PLACETYPES[pt]
    if feature == "village" and (pop >= TOWN_POPULATION or p.get("gn:feature_code") in ("PPLA", "PPLA2")):
        feature = "town"
    return {
        "id": f"wof-{p['wof:id']}", "name": names[0], "alt_names": names[1:],
        "feature": kind_of_name(names[0], feature), "iso": cc.upper(), "lat": lat, "lon": lon, "population": pop,
        "region": h.get("region_id"), "county": h.get("county_id"),
    }  # fmt: skip


def read_country(repo: Path, cc: str) -> tuple[list[dict], dict[int, str], dict[int, str]]:
    """(candidate rows, region id -> name, county id -> name) of one country's repository."""
    rows, regions, counties = [], {}, {}
    arabic = cc.upper() in ARABIC
    for p in blobs(repo):
        pt = p.get("wof:placetype")
        if pt == "region":
            regions[p["wof:id"]] = p.get("wof:name") or ""
        elif pt == "county":
            counties[p["wof:id"]] = p.get("wof:name") or ""
        row = record_row(p, cc, arabic)
        if row is not None:
            rows.append(row)
    return rows, regions, counties


def only_regions(
    rows: list[dict], regions: dict[int, str], cc: str, specs: list[str]
) -> tuple[list[dict], list | None]:
    """(rows of `cc` in the WOF regions that a spec "cc:word,word" names by a part of their name, the names of those
    regions); (rows, None) when no spec is of `cc`."""
    words = [w.lower() for spec in specs if spec.lower().startswith(cc.lower() + ":")
             for w in spec.split(":", 1)[1].split(",") if w]  # fmt: skip
    if not words:
        return rows, None
    keep = {rid for rid, name in regions.items() if any(w in name.lower() for w in words)}
    return [r for r in rows if r["region"] in keep], sorted(regions[r] for r in keep)


def with_usable_name(row: dict, blocked, words: set[str]) -> dict | None:
    """The row with only the names `layers.wof_name_ok` lets a village have, its first such name as its name (round
    19: a record whose WOF name is blocked but whose alternate is not keeps the alternate: WOF's Tripoli suburb
    "Miani", one letter from Iran's Mianeh, is also "Ain Zara"); None when no name is left."""
    names = [n for n in [row["name"], *row["alt_names"]] if layers.wof_name_ok(n, blocked, words, row["iso"])]
    if not names:
        return None
    return {**row, "name": names[0], "alt_names": names[1:], "feature": kind_of_name(names[0], row["feature"])}


def index_without_layer() -> sqlite3.Connection:
    """The default index built in memory without the WOF layer (the places this file must not repeat)."""
    return gindex.build_default_without("WOF_FILE")


def admin_names(conn: sqlite3.Connection, rows: list[dict]) -> None:
    """Fill admin1/admin2 of rows with the index's names: per WOF region (county), the name most of its places'
    nearest index settlements carry."""
    nearest = NearestPlace(conn.execute(
        "SELECT iso, lat, lon, admin1, admin2, country FROM places WHERE feature IN ('city', 'town', 'village') "
        "AND source NOT LIKE 'safesignal%'"
    ).fetchall())  # fmt: skip
    votes1: dict = collections.defaultdict(collections.Counter)
    votes2: dict = collections.defaultdict(collections.Counter)
    near = {}
    for r in rows:
        n = nearest(r["iso"], r["lat"], r["lon"])
        near[r["id"]] = n
        if n is None:
            continue
        if r["region"] and n[3]:
            votes1[(r["iso"], r["region"])][n[3]] += 1
        if r["county"] and n[4]:
            votes2[(r["iso"], r["county"])][n[4]] += 1
    for r in rows:
        n = near[r["id"]]
        v1, v2 = votes1.get((r["iso"], r["region"])), votes2.get((r["iso"], r["county"]))
        r["admin1"] = v1.most_common(1)[0][0] if v1 else (n[3] if n else None)
        r["admin2"] = v2.most_common(1)[0][0] if v2 else None


def lower_words(paths: list[Path]) -> collections.Counter:
    """Lower-case words of text files (.txt/.xml/.csv[.gz]/.jsonl): how often each is written in lower case."""
    c: collections.Counter = collections.Counter()
    word = re.compile(r"\b[a-z][a-z'-]{2,}\b")
    for path in paths:
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8", errors="replace") as fh:
            for line in fh:
                c.update(word.findall(line))
    return c


def person_names(paths: list[Path], names: set[str], per_name: int = 30) -> set[str]:
    """Of one-word `names`, those English news text uses for people: spaCy's NER (the model warlog loads) tags the
    name, in up to `per_name` lines of `paths` that write it capitalised after a lower-case word, as part of a
    PERSON of two words or more (NER calls Arabic place names said alone persons: "Zamalka") 3 times or more and
    more than twice as often as a place (GPE/LOC/FAC): "Lopez", "Rahman", "Carlos" (villages of Colombia, Pakistan,
    the Philippines), not "Tabqa", "Jobar", "Turbat"."""
    from warlog.extract.nlp import load_nlp

    pattern = re.compile(r"(?<=[a-z,;] )([A-Z][a-z]{2,})\b")
    contexts: dict[str, list[str]] = collections.defaultdict(list)
    for path in paths:
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8", errors="replace") as fh:
            for line in fh:
                for m in pattern.finditer(line):
                    n = m.group(1)
                    if n in names and len(contexts[n]) < per_name:
                        contexts[n].append(line[max(0, m.start() - 200) : m.end() + 200])
    nlp = load_nlp()
    person: collections.Counter = collections.Counter()
    place: collections.Counter = collections.Counter()
    jobs = [(n, c) for n, cs in contexts.items() for c in cs]
    for (n, _), doc in zip(jobs, nlp.pipe((c for _, c in jobs), batch_size=256), strict=True):
        for ent in doc.ents:
            if re.search(rf"\b{n}\b", ent.text):
                if ent.label_ == "PERSON" and len(ent) >= 2:  # one word alone may be a mislabelled place
                    person[n] += 1
                elif ent.label_ in ("GPE", "LOC", "FAC"):
                    place[n] += 1
    return {n for n, k in person.items() if k >= 3 and k > 2 * place[n]}


def default_word_files(shared: Path) -> list[Path]:
    """English news text in the shared benchmark folders that no warlog evaluation of places reads (ECB+, GVC,
    SemEval-2018 task 5, TempEval-3, the ConfliBERT training splits, FA-KES)."""
    b = shared / "benchmarks"
    files = [p for d in ("ecbplus", "gvc", "gva_semeval2018t5", "tempeval3") for p in sorted((b / d).rglob("*"))
             if p.is_file() and p.suffix in (".xml", ".txt", ".json", ".tml", ".conll", ".tsv")]  # fmt: skip
    files += sorted((b / "conflibert_eval").glob("*/train.*"))
    files += sorted(p for p in (shared / "data" / "fa-kes").glob("*") if p.is_file())
    return files


def write_table(path: Path, rows: list[dict], t0: float | None = None) -> None:
    """Write a village table (`layers.WOF_COLUMNS`, gzip), rows sorted by country, name key and id; print counts."""
    rows = sorted(rows, key=lambda r: (r["iso"], name_key(r["name"]), r["id"]))
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9, newline="") as fh:
        fh.write("\t".join(layers.WOF_COLUMNS) + "\n")
        for r in rows:
            vals = [r["name"], "|".join(r["alt_names"]), r["feature"], r["iso"], f"{r['lat']:.4f}", f"{r['lon']:.4f}",
                    r.get("admin1") or "", r.get("admin2") or "", str(r["population"] or "")]  # fmt: skip
            fh.write("\t".join(v.replace("\t", " ") for v in vals) + "\n")
    took = f", {time.time() - t0:.0f} s" if t0 is not None else ""
    print(f"wrote {len(rows)} rows to {path} ({path.stat().st_size / 1e6:.2f} MB{took})")
    print(" ".join(f"{k}:{v}" for k, v in sorted(collections.Counter(r["iso"] for r in rows).items())))
    print(collections.Counter(r["feature"] for r in rows).most_common())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mirror", default="/work/.mirror")
    ap.add_argument("--countries", default=",".join(COUNTRIES))
    ap.add_argument("--words", nargs="*", type=Path, default=None, help="English text files: names written in lower "
                    "case there (3 times or more) are words, not places (default: default_word_files)")  # fmt: skip
    ap.add_argument("--regions", nargs="*", default=REGIONS, help="CC:WORD,WORD: of country CC keep only the places "
                    "of WOF regions whose name contains one of the words, e.g. ir:sistan,kurd")  # fmt: skip
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "warlog" / "data" / layers.WOF_NAME)
    args = ap.parse_args()
    t0 = time.time()
    rows: list[dict] = []
    for cc in args.countries.split(","):
        repo = Path(args.mirror) / f"whosonfirst-data+whosonfirst-data-admin-{cc}" / "repo"
        if not repo.exists():
            print(f"{cc}: no copy at {repo}", file=sys.stderr)
            continue
        got, regions, _counties = read_country(repo, cc)
        got, kept_regions = only_regions(got, regions, cc, args.regions)
        if kept_regions is not None:
            print(f"{cc}: regions kept: {', '.join(kept_regions)}", file=sys.stderr)
        print(f"{cc}: {len(got)} candidate records ({time.time() - t0:.0f} s)", file=sys.stderr)
        rows += got
    words = lower_words(args.words if args.words is not None else default_word_files(args.shared))  # fmt: skip
    # and the words of organisations' names ("Jamiat", "Ansar", "Liwa"): a village so named would be read in every
    # group's name
    common = {w for w, n in words.items() if n >= 3} | set(ACTOR_WORDS)
    print(f"{len(rows)} candidates; {len(common)} lower-case words; building the index", file=sys.stderr)
    conn = index_without_layer()
    bad_keys = layers.wof_blocked_keys(conn)
    rows = [r for r in (with_usable_name(r, bad_keys, common) for r in rows) if r is not None]
    word_files = args.words if args.words is not None else default_word_files(args.shared)
    people = person_names(word_files, {r["name"] for r in rows if re.fullmatch(r"[A-Z][a-z]{2,}", r["name"])})
    rows = [r for r in rows if r["name"] not in people]
    for r in rows:
        r["alt_names"] = [a for a in r["alt_names"] if a not in people]
    print(f"{len(rows)} after the name rules ({len(people)} person names: {' '.join(sorted(people))})", file=sys.stderr)
    rows.sort(key=lambda r: (r["feature"] == "district", -r["population"], r["iso"], r["id"]))
    kept = list(layers.new_places(conn, rows))
    print(f"{len(kept)} not in the index within 10 km", file=sys.stderr)
    admin_names(conn, kept)
    write_table(args.out, kept, t0)


if __name__ == "__main__":
    main()
