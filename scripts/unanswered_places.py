"""What the unanswered ACLED Syria places are (issue 15, round 12).

For every point-precise ACLED event of a year that did not feed the gazetteer (as `warlog eval places --source
acled` scores them) whose place text gets no answer, one class:

- sub-place: ACLED's "City - District" labels, and sites named by their kind (camp, crossing, base, airport, dam,
  bridge, checkpoint, field, station, prison, hospital, factory, roundabout ...);
- variant: a place of the index lies within `--km` (3) of ACLED's point and one of its names is a near spelling of
  the text (rapidfuzz ratio >= 75 on the loose keys, or on the consonant skeletons);
- other name nearby: a place of the index lies within `--km` of the point, under another name (another village,
  or the same place under a name too far from the text's spelling);
- missing: no place of the index within `--km` of the point.

Prints events and distinct names per class with the most frequent names as JSON.

    PYTHONPATH=src python scripts/unanswered_places.py --data ../shared/data/acled-syria-battles-2017-2023/...csv.gz
"""

from __future__ import annotations

import argparse
import json
import math
import re
from collections import Counter, defaultdict

from rapidfuzz import fuzz

from warlog.eval.geo_syria import _resolve_text, acled_cases
from warlog.gazetteer import get_gazetteer, haversine_km, name_key
from warlog.gazetteer.index import _row_to_entry
from warlog.gazetteer.names import skeleton_key

SUB_PLACE = re.compile(
    r"\b(?:camp|crossing|base|airbase|airport|dam|bridge|checkpoint|fields?|station|prison|hospital|factory|"
    r"roundabout|company|brigade|regiment|division|battalion|school|college|academy|highway|road|junction|hill|"
    r"mountains?|jabal|jebel|border|silos?|plant|complex|port)\b",
    re.I,
)


def classify(text: str, sub: bool, near: list, km: float) -> tuple[str, str]:
    """The class of an unanswered place text and the nearest held name (or '')."""
    if sub or SUB_PLACE.search(text):
        return "sub-place", ""
    if not near:
        return "missing", ""
    k, sk = name_key(text), skeleton_key(text)
    best, best_name = 0.0, ""
    for _d, e in near:
        for n in e.names:
            s = fuzz.ratio(k, name_key(n))
            if sk and skeleton_key(n):
                s = max(s, fuzz.ratio(sk, skeleton_key(n)))
            if s > best:
                best, best_name = s, n
    if best >= 75:
        return "variant", best_name
    for _d, e in near:  # one name is the other's words, up to spelling ("Sahwa" ~ "Sahwat al Qamh")
        for n in e.names:
            if words_within(k, name_key(n)):
                return "part-name variant", n
    return "other name nearby", best_name


def words_within(a: str, b: str) -> bool:
    """Whether every word of the shorter loose key is a near spelling (ratio >= 80) of a word of the other."""
    wa, wb = a.split(), b.split()
    if len(wa) > len(wb):
        wa, wb = wb, wa
    if not wa or len(wa) == len(wb):
        return False
    return all(max(fuzz.ratio(x, y) for y in wb) >= 80 for x in wa if len(x) >= 3) and any(len(x) >= 3 for x in wa)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--km", type=float, default=3.0)
    ap.add_argument("--top", type=int, default=25)
    args = ap.parse_args()
    gaz = get_gazetteer()
    fed = gaz.event_years()
    excluded = set().union(*fed.values()) if fed else set()
    raw = {}
    cases = [c for c in acled_cases(args.data) if c.year not in excluded]
    rows = gaz.conn.execute(
        "SELECT * FROM places WHERE lat BETWEEN 32 AND 37.5 AND lon BETWEEN 35.5 AND 42.5"
    ).fetchall()
    region = [_row_to_entry(r) for r in rows]
    grid: dict[tuple[int, int], list] = defaultdict(list)
    for e in region:
        grid[(math.floor(e.lat * 10), math.floor(e.lon * 10))].append(e)

    def near(lat: float, lon: float) -> list:
        out = []
        for i in range(-1, 2):
            for j in range(-1, 2):
                for e in grid.get((math.floor(lat * 10) + i, math.floor(lon * 10) + j), ()):
                    d = haversine_km(lat, lon, e.lat, e.lon)
                    if d <= args.km:
                        out.append((d, e))
        return sorted(out, key=lambda x: x[0])

    events: Counter = Counter()
    names: dict[str, Counter] = defaultdict(Counter)
    example_near: dict[str, str] = {}
    n = 0
    for c in cases:
        n += 1
        key = (c.text, c.admin1)
        if key not in raw:
            raw[key] = _resolve_text(c.text, c.admin1, "admin1", gaz, None, c.iso)
        if raw[key] is not None:
            continue
        sub = ", " in c.text  # "Aleppo - Sheikh Maqsoud" became "Sheikh Maqsoud, Aleppo"
        cls, held = classify(c.text, sub, near(c.lat, c.lon), args.km)
        events[cls] += 1
        names[cls][c.text] += 1
        if held:
            example_near[c.text] = held
    out = {
        "scored_events": n,
        "years_fed": {k: sorted(v) for k, v in fed.items()},
        "unanswered_events": sum(events.values()),
        "classes": {
            k: {
                "events": v,
                "share_of_scored": round(v / n, 4),
                "distinct_names": len(names[k]),
                "top": [f"{t} ({m})" + (f" ~ {example_near[t]}" if t in example_near else "")
                        for t, m in names[k].most_common(args.top)],
            }
            for k, v in events.most_common()
        },
    }  # fmt: skip
    print(json.dumps(out, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
