"""Build `src/warlog/data/wof_blocked_villages.tsv.gz` (round 36, issue 15): the Who's On First villages and towns
that `scripts/build_wof_places.py` leaves out only because a place of 100,000 or more abroad has their name, or a
spelling one letter from it: Palma (Cabo Delgado, Mozambique), blocked by Palma de Mallorca (but not Mali's
Nampala, one letter from Nampula, a first-level unit of Mozambique: that block stays).

That block dates from before the village layers were restricted at run time: since then a village-layer row is a
candidate only in the countries a report names or after a locative word ("in Palma"), so a Spanish report's Palma
stays Palma de Mallorca while a Mozambican report's is the town of Cabo Delgado. The other name rules stay whole: a
row is kept only where `layers.wof_name_ok` refuses its every name under the build's full rules and accepts one
under the same rules with only countries', continents' and first-level units' names blocked abroad
(`layers.wof_blocked_keys(conn, large_abroad=False)`): a village still may not be called as a country or a
first-level unit anywhere, nor as any admin unit or large place of its own country, nor as a word of English text
or organisations' names, nor as a person's name (the build's spaCy check; only the seat of a WOF county of its own
name keeps such a name: Palma, whose name English text gives Latin American people), and it must not repeat a
place the index (the shipped WOF table included) has within 10 km (`layers.new_places`).

The record rules, name lists, admin names and the table's format are the build script's (imported, not copied).
Input: the bare WOF admin repositories as `fetch` leaves them (`/work/.mirror/whosonfirst-data+whosonfirst-data-
admin-<cc>/repo`); countries without a copy there are skipped. Builds the default index in memory without this
table (about 3 minutes, 2 GB).

Usage: python scripts/build_wof_blocked_villages.py [--mirror /work/.mirror] [--countries mz,ml,...] [--words F ...]
        [--shared ../shared] [--out src/warlog/data/wof_blocked_villages.tsv.gz]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

import build_wof_places as bw  # noqa: E402

from warlog.extract.places import ACTOR_WORDS  # noqa: E402
from warlog.gazetteer import index as gindex  # noqa: E402
from warlog.gazetteer import layers  # noqa: E402
from warlog.gazetteer.names import name_key  # noqa: E402

# The countries whose WOF copies round 36 read (the development sets' most missed places: helper geo36); all are of
# the shipped table's countries (bw.COUNTRIES). Not Colombia (read too): its 2,389 such rows are saints' and common
# Spanish names ("San Antonio", "El Carmen", "Las Delicias", "Victoria") that large places of the Americas, the
# United States' among them, have, and none of its development misses is one
COUNTRIES = "mz ml bf ne cd cm ng ss td so mm ke ye et".split()


def blocked_only_abroad(rows: list[dict], full, relaxed, words: set[str]) -> list[dict]:
    """Of candidate rows, those no name of which the full name rules let through (`full`, `wof_blocked_keys(conn)`)
    but one of which they do with large places' names blocked only in their own country (`relaxed`), with the names
    the relaxed rules allow (`bw.with_usable_name`)."""
    out = []
    for r in rows:
        if bw.with_usable_name(r, full, words) is not None:
            continue  # the shipped table's row (or left out there as a place the index holds)
        kept = bw.with_usable_name(r, relaxed, words)
        if kept is not None:
            out.append(kept)
    return out


def county_seat(row: dict, counties: dict[int, str]) -> bool:
    """Whether the row's WOF county (second-level unit) has its name: the seat of a district named after it (Palma,
    the seat of Palma district, Cabo Delgado), a place its country's reports name as such."""
    county = counties.get(row.get("county"))
    return bool(county) and any(name_key(county) == name_key(n) for n in (row["name"], *row["alt_names"]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mirror", default="/work/.mirror")
    ap.add_argument("--countries", default=",".join(COUNTRIES))
    ap.add_argument("--words", nargs="*", type=Path, default=None, help="English text files: names written in lower "
                    "case there (3 times or more) are words (default: the WOF build's default_word_files)")  # fmt: skip
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "warlog" / "data" / layers.WOF_BLOCKED_NAME)
    args = ap.parse_args()
    t0 = time.time()
    rows: list[dict] = []
    counties: dict[int, str] = {}
    for cc in args.countries.split(","):
        if cc not in bw.COUNTRIES:
            print(f"{cc}: not a country of the shipped WOF table; skipped", file=sys.stderr)
            continue
        repo = Path(args.mirror) / f"whosonfirst-data+whosonfirst-data-admin-{cc}" / "repo"
        if not repo.exists():
            print(f"{cc}: no copy at {repo}", file=sys.stderr)
            continue
        got, _regions, got_counties = bw.read_country(repo, cc)
        counties.update(got_counties)
        print(f"{cc}: {len(got)} candidate records ({time.time() - t0:.0f} s)", file=sys.stderr)
        rows += got
    word_files = args.words if args.words is not None else bw.default_word_files(args.shared)
    common = {w for w, n in bw.lower_words(word_files).items() if n >= 3} | set(ACTOR_WORDS)
    print(f"{len(rows)} candidates; {len(common)} lower-case words; building the index", file=sys.stderr)
    conn = gindex.build_default_without("WOF_BLOCKED_FILE")
    full, relaxed = layers.wof_blocked_keys(conn), layers.wof_blocked_keys(conn, large_abroad=False)
    rows = blocked_only_abroad(rows, full, relaxed, common)
    print(f"{len(rows)} named only as a large place abroad", file=sys.stderr)
    people = bw.person_names(word_files, {r["name"] for r in rows if re.fullmatch(r"[A-Z][a-z]{2,}", r["name"])})
    # a name English text gives people is kept only by the seat of a district so named: the person check reads
    # "Palma" from Latin American crime reporting's surnames, while Mozambique's reports (the only ones in which a
    # village row is a candidate without a locative word) mean the town
    seats = [r for r in rows if r["name"] in people and county_seat(r, counties)]
    rows = [r for r in rows if r["name"] not in people or county_seat(r, counties)]
    for r in rows:
        r["alt_names"] = [a for a in r["alt_names"] if a not in people]
    print(f"{len(rows)} after the person names ({' '.join(sorted(people))}; kept as district seats: "
          f"{', '.join(sorted(r['iso'] + ' ' + r['name'] for r in seats))})", file=sys.stderr)  # fmt: skip
    rows.sort(key=lambda r: (r["feature"] == "district", -r["population"], r["iso"], r["id"]))
    kept = list(layers.new_places(conn, rows))
    print(f"{len(kept)} not in the index within 10 km", file=sys.stderr)
    bw.admin_names(conn, kept)
    bw.write_table(args.out, kept, t0)
    for r in sorted(kept, key=lambda r: (r["iso"], r["name"])):
        print(f"  {r['iso']} {r['name']} ({r['feature']}, {r['lat']:.2f},{r['lon']:.2f}, {r.get('admin1') or ''})"
              + (f" also {'|'.join(r['alt_names'])}" if r["alt_names"] else ""))  # fmt: skip


if __name__ == "__main__":
    main()
