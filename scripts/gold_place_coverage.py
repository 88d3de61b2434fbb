"""Does the gazetteer hold the places of the development report sets' gold events (issue 15, round 19)?

For every event of `tests/fixtures/devset_w*/gold.json` and `tests/fixtures/devset_other_wars/gold.json` (never the
held-out sets), the gold location's name is looked up as extraction looks names up
(`Gazetteer.lookup_scored(name, fuzzy=True)`, every comma part of "Kidal, Kidal region" too) and the event falls in
one class:

- `hit10` / `hit25`: an answer of the lookup lies within 10 km / 25 km of the gold point;
- `elsewhere`: the lookup answers, but only with places farther than 25 km (a namesake; the place itself missing);
- `spelling`: the lookup does not reach it, but a place within 25 km has a close spelling of the name (same
  consonant skeleton or transliteration key, rapidfuzz ratio >= 80 of the loose keys, or a name that contains
  the gold name as a word): held under a spelling the lookup does not reach;
- `absent`: no place within 25 km has such a name.

With `--wof DIR` (bare Who's On First admin repositories as `fetch` leaves them,
`DIR/whosonfirst-data+whosonfirst-data-admin-<cc>/repo`), every miss of a country with a copy there is looked up
in WOF's raw records (any placetype, within 25 km, a close spelling) and given the reason the shipped table lacks
it: the build's record rule it fails (`record:<why>`: not current, placetype, feature code, no Latin name), the
name rule (`name:<why>`: short, word, blocked name of a large place or admin unit; run with the build's lower-case
word list only when `--words` is given) or `kept` (it should be in the table: a newer build would hold it).

Prints the counts per class (and per set), then one line per miss. Gold coordinates are read for scoring only.

    WARLOG_CACHE=/tmp/geo20-cache PYTHONPATH=src python scripts/gold_place_coverage.py [--wof /work/.mirror]
        [--json out.json]
"""

from __future__ import annotations

import argparse
import collections
import json
import math
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rapidfuzz import fuzz  # noqa: E402

from warlog.gazetteer import get_gazetteer  # noqa: E402
from warlog.gazetteer.names import exact_key, name_key, skeleton_keys, translit_key  # noqa: E402

NEAR_KM, FAR_KM = 10.0, 25.0
CLASSES = ("hit10", "hit25", "elsewhere", "spelling", "absent")


def gold_files(fixtures: Path) -> list[Path]:
    """The development sets' gold files: devset_w* and devset_other_wars, never a held-out set nor a sealed one."""
    files = sorted(fixtures.glob("devset_w*/gold.json"), key=lambda p: (len(p.parent.name), p.parent.name))
    files.append(fixtures / "devset_other_wars" / "gold.json")
    return [f for f in files if f.exists() and "heldout" not in str(f) and not sealed(f.parent)]


def sealed(folder: Path) -> bool:
    """Whether a set is sealed (its README says "SEALED in round N" and not "Unsealed in round M"): its gold is
    never read here."""
    readme = folder / "README.md"
    if not readme.exists():
        return False
    text = readme.read_text(encoding="utf-8", errors="replace")
    return re.search(r"SEALED in round \d+", text) is not None and re.search(r"Unsealed in round \d+", text) is None


def gold_events(fixtures: Path) -> list[dict]:
    """One dict per gold event with a location and a point: set, report file, location, country, point, precision."""
    out = []
    for f in gold_files(fixtures):
        data = json.loads(f.read_text(encoding="utf-8"))
        for rep in data["reports"] if isinstance(data, dict) else data:
            for e in rep.get("events", []):
                if not e.get("location") or e.get("latitude") in (None, ""):
                    continue
                out.append({
                    "set": f.parent.name, "file": rep.get("file"), "location": e["location"],
                    "country": e.get("country"), "admin1": e.get("admin1"), "lat": float(e["latitude"]),
                    "lon": float(e["longitude"]), "precision": e.get("geo_precision"),
                })  # fmt: skip
    return out


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def name_parts(location: str, is_city=lambda name: True) -> list[str]:
    """The name and its parts: comma parts ("Kidal, Kidal region"), and the parts of ACLED's "City - District"
    names ("Baghdad - Karrada", "Mogadishu-Hodan": the district first, then the city), without a bracketed note."""
    base = re.sub(r"\s*\(.*?\)", "", location).strip()
    parts = [base] + [p.strip() for p in base.split(",") if p.strip()]
    for sep in (" - ", "-"):
        if sep in base:
            city, _, district = base.partition(sep)
            if sep == " - " or (" " not in city and len(district) >= 4 and is_city(city)):
                parts += [district.strip(), city.strip()]
            break
    return list(dict.fromkeys(p for p in parts if p))


def close_spelling(gold: str, held: str) -> str | None:
    """How a held name is a close spelling of the gold name (None when it is not)."""
    if not held or not held.isascii() and not held[:1].isalpha():
        return None
    a, b = name_key(gold), name_key(held)
    if not a or not b:
        return None
    if a == b:
        return "same key"
    if skeleton_keys(gold) & skeleton_keys(held):
        return "skeleton"
    ta, tb = translit_key(gold), translit_key(held)
    if ta and ta == tb:
        return "translit"
    # a near spelling: the same first letter and a ratio of 85 ("Nguetechewe" ~ "Nguetchewe"; not "Kishishe" ~
    # "Bishusha")
    if len(a) >= 4 and a[0] == b[0] and fuzz.ratio(a, b) >= 85:
        return f"ratio {fuzz.ratio(a, b):.0f}"
    ea, eb = exact_key(gold), exact_key(held)
    if len(ea) >= 4 and re.search(rf"(?:^| ){re.escape(ea)}(?: |$)", eb):
        return "part"
    if len(ea.replace(" ", "")) >= 5 and ea.replace(" ", "") == eb.replace(" ", ""):
        return "spaces"
    return None


def nearby_places(conn, events: list[dict], radius: float = FAR_KM) -> dict[int, list[tuple]]:
    """Event index -> (pk, name, alt_names, feature, source, km) of the index's places within `radius`: one pass
    over the table, the events in 0.5-degree cells."""
    cells: dict[tuple[int, int], list[int]] = collections.defaultdict(list)
    for i, e in enumerate(events):
        for di in (-1, 0, 1):
            for dj in (-1, 0, 1):
                cells[(math.floor(e["lat"] * 2) + di, math.floor(e["lon"] * 2) + dj)].append(i)
    out: dict[int, list[tuple]] = collections.defaultdict(list)
    for pk, name, alts, feature, source, lat, lon in conn.execute(
        "SELECT pk, name, alt_names, feature, source, lat, lon FROM places"
    ):
        for i in cells.get((math.floor(lat * 2), math.floor(lon * 2)), ()):
            d = km(events[i]["lat"], events[i]["lon"], lat, lon)
            if d <= radius:
                out[i].append((pk, name, alts, feature, source, d))
    return out


def classify(gaz, e: dict, near: list[tuple]) -> tuple[str, str]:
    """(class, detail) of one gold event (see the module's docstring)."""
    best, far = None, None

    def is_city(name: str) -> bool:
        return any(x.feature == "city" for x in gaz.lookup(name))

    parts = name_parts(e["location"], is_city)
    for part in parts:
        for entry, q in gaz.lookup_scored(part, fuzzy=True):
            d = km(e["lat"], e["lon"], entry.lat, entry.lon)
            if best is None or d < best[0]:
                best = (d, entry, q, part)
            if far is None or d < far[0]:
                far = (d, entry)
    if best is not None and best[0] <= FAR_KM:
        d, entry, q, part = best
        cls = "hit10" if d <= NEAR_KM else "hit25"
        return cls, f"{entry.name} [{entry.feature}, {entry.source}] {d:.1f} km q={q:.2f}"
    spelled = []
    for _pk, name, alts, feature, source, d in near:
        for held in (name, *(alts or "").split("|")):
            for part in parts:
                how = close_spelling(part, held)
                if how:
                    spelled.append((d, f"held as {held!r} ({name}; {feature}, {source}) {d:.1f} km: {how}"))
                    break
            else:
                continue
            break
    if spelled:
        return "spelling", min(spelled)[1]
    if far is not None:
        d, entry = far
        return "elsewhere", f"nearest answer {entry.name} [{entry.feature}, {entry.iso}] {d:.0f} km"
    return "absent", ""


# ---- why a miss is not in the shipped Who's On First table ------------------------------------------------------


def wof_iso(conn, country: str | None) -> str | None:
    """The ISO code of a gold country name (the index's country rows)."""
    if not country:
        return None
    rows = conn.execute(
        "SELECT p.iso, n.exact FROM names n JOIN places p ON p.pk = n.place WHERE n.key = ? AND p.feature = 'country'",
        (name_key(country),),
    ).fetchall()
    rows.sort(key=lambda r: r[1] != exact_key(country))  # "Yemen" is Yemen, not a loose key's Oman
    return rows[0][0] if rows else None


def wof_candidates(repo: Path, cc: str, points: list[tuple[int, float, float, list[str]]]) -> dict[int, list]:
    """Event index -> (record properties, km, matched name) of the raw WOF records of one country within 25 km of
    the event's point with a close spelling of its name."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import build_wof_places as bw

    out: dict[int, list] = collections.defaultdict(list)
    for p in bw.blobs(repo):
        try:
            lat, lon = float(p["geom:latitude"]), float(p["geom:longitude"])
        except (KeyError, TypeError, ValueError):
            continue
        for i, elat, elon, parts in points:
            if abs(lat - elat) > 0.3 or abs(lon - elon) > 0.3:
                continue
            d = km(elat, elon, lat, lon)
            if d > FAR_KM:
                continue
            for n in bw._names(p, arabic=True) + [p.get("wof:name") or ""]:
                if any(close_spelling(part, n) for part in parts):
                    out[i].append((p, d, n))
                    break
    return out


def wof_reason(p: dict, cc: str, conn, blocked, words: set[str]) -> str:
    """Why the build leaves this raw WOF record out of the shipped table (or `kept`)."""
    import build_wof_places as bw

    from warlog.gazetteer import layers

    pt = p.get("wof:placetype")
    if pt not in bw.PLACETYPES:
        return f"record: placetype {pt}"
    if (p.get("wof:country") or "").upper() != cc.upper():
        return f"record: country {p.get('wof:country')}"
    if p.get("mz:is_current") == 0 or p.get("wof:superseded_by") or p.get("edtf:deprecated") not in (None, ""):
        return f"record: not current (is_current {p.get('mz:is_current')}, deprecated {p.get('edtf:deprecated')})"
    if p.get("edtf:cessation") not in (None, "", "uuuu", ".."):
        return f"record: ceased {p.get('edtf:cessation')}"
    if p.get("gn:feature_code") in bw.SKIP_CODES:
        return f"record: feature code {p.get('gn:feature_code')}"
    row = bw.record_row(p, cc, cc.upper() in bw.ARABIC)
    if row is None:
        return "record: no Latin-script name or no point"
    if not layers.wof_name_ok(row["name"], blocked, words, row["iso"]):
        key = name_key(row["name"])
        if len(key.replace(" ", "")) < 3:
            why = "shorter than three letters"
        elif row["name"].strip().lower() in layers._WORD_NAMES or all(
            w in words for w in re.findall(r"[a-z]+", row["name"].lower())
        ):
            why = "a lower-case word of English text"
        elif (row["iso"], key) in blocked[1]:
            why = "a spelling of its country's admin unit or large place"
        else:
            why = "a country's, first-level unit's or large place's name (or one letter from it)"
        return f"name: {row['name']!r} is {why}"
    held = conn.execute(
        "SELECT p.name, p.source, p.lat, p.lon FROM names n JOIN places p ON p.pk = n.place WHERE n.key = ? "
        "AND p.iso = ?", (name_key(row["name"]), row["iso"])).fetchall()  # fmt: skip
    near = [(km(row["lat"], row["lon"], a, b), n, s) for n, s, a, b in held]
    near = [x for x in near if x[0] <= 10.0]
    if near:
        d, n, s = min(near)
        return f"kept by the rules; the index holds {n!r} ({s}) {d:.1f} km from it"
    return f"kept by the rules (feature {row['feature']}), not in the index: a person name, or a newer snapshot"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--fixtures", type=Path, default=ROOT / "tests" / "fixtures")
    ap.add_argument("--wof", type=Path, default=None, help="folder of bare WOF admin repositories (fetch's mirror)")
    ap.add_argument("--words", nargs="*", type=Path, default=None, help="English text for the lower-case words")
    ap.add_argument("--json", type=Path, default=None, help="write every event's class here")
    args = ap.parse_args()
    gaz = get_gazetteer()
    events = gold_events(args.fixtures)
    near = nearby_places(gaz.conn, events)
    rows = []
    for i, e in enumerate(events):
        cls, detail = classify(gaz, e, near.get(i, []))
        rows.append({**e, "class": cls, "detail": detail})
    misses = [r for r in rows if r["class"] not in ("hit10", "hit25")]
    if args.wof:
        wof_explain(gaz.conn, args.wof, misses, args.words)
    counts = collections.Counter(r["class"] for r in rows)
    n = len(rows)
    print(f"{n} gold events of {len({r['set'] for r in rows})} development sets")
    print("  ".join(f"{c} {counts[c]} ({counts[c] / n:.1%})" for c in CLASSES))
    within10 = counts["hit10"]
    within25 = within10 + counts["hit25"]
    print(f"held within 10 km: {within10}/{n} = {within10 / n:.3f}; within 25 km: {within25}/{n} = {within25 / n:.3f}")
    prec = collections.defaultdict(collections.Counter)
    for r in rows:
        prec[r["precision"]][r["class"]] += 1
    for p, c in sorted(prec.items(), key=lambda kv: str(kv[0])):
        print(f"  geo_precision {p}: " + " ".join(f"{k} {c[k]}" for k in CLASSES))
    print("\nmisses (set, location, country, gold point: class, detail):")
    for r in sorted(misses, key=lambda r: (CLASSES.index(r["class"]), r["country"] or "", r["location"])):
        line = f"  {r['set']:<18} {r['location']} ({r['country']}, {r['lat']:.2f},{r['lon']:.2f}) p{r['precision']}"
        print(f"{line}: {r['class']}{' - ' + r['detail'] if r['detail'] else ''}")
        for w in r.get("wof", []):
            print(f"      WOF: {w}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1, ensure_ascii=False), encoding="utf-8")


def wof_explain(conn, mirror: Path, misses: list[dict], words_files: list[Path] | None) -> None:
    """Add to each miss (`wof` key) the raw WOF records near it and why the shipped table lacks them."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import build_wof_places as bw

    from warlog.extract.places import ACTOR_WORDS
    from warlog.gazetteer import layers

    words = set(ACTOR_WORDS)
    if words_files:
        words |= {w for w, k in bw.lower_words(words_files).items() if k >= 3}
    blocked = layers.wof_blocked_keys(conn)
    by_cc: dict[str, list] = collections.defaultdict(list)
    for i, r in enumerate(misses):
        cc = wof_iso(conn, r["country"])
        if cc:
            by_cc[cc.lower()].append((i, r["lat"], r["lon"], name_parts(r["location"])))
            r["wof"] = []
    for cc, points in sorted(by_cc.items()):
        repo = mirror / f"whosonfirst-data+whosonfirst-data-admin-{cc}" / "repo"
        if not repo.exists():
            for i, *_ in points:
                misses[i]["wof"].append(f"no copy of whosonfirst-data-admin-{cc} here")
            continue
        shipped = cc in bw.COUNTRIES
        found = wof_candidates(repo, cc, points)
        for i, *_ in points:
            if not found.get(i):
                misses[i]["wof"].append(f"not in WOF {cc.upper()} within 25 km" + ("" if shipped else " (not shipped)"))
            for p, d, n in sorted(found.get(i, []), key=lambda x: x[1])[:3]:
                reason = wof_reason(p, cc, conn, blocked, words) if shipped else "country not in the shipped table"
                misses[i]["wof"].append(f"{n!r} ({p.get('wof:placetype')}, {d:.1f} km): {reason}")


if __name__ == "__main__":
    main()
