"""What the geoparsing misses are, per corpus, with the ranker held out (issue 15, round 16).

For each corpus given, the ranker is trained on the other corpora given (as `warlog train geo` does for its
leave-one-corpus-out figures), every gold span is resolved as `warlog eval geoparse --no-ner` resolves it, and each
gold toponym with a point falls in one class:

- right: within 161 km;
- unanswered: no answer;
- area, same entity: the answer is a country, first-level unit, continent or world region that bears the gold
  phrase's name (or the gold's GeoNames id) but sits more than 161 km from the gold's point: the right area, placed
  at another representative point (GeoNames' country point against the corpus's own convention);
- wrong place: any other answer beyond 161 km.

Prints JSON: per corpus the counts, acc@161 km, acc@161 km counting "area, same entity" as right (the ceiling
that a change of representative points alone could reach), and the most frequent names per miss class.

    PYTHONPATH=src python scripts/geoparse_misses.py --lgl ../shared/benchmarks/geoparsing/lgl.xml \\
        --trnews ../shared/benchmarks/geoparsing/TR-News.xml --geovirus ../shared/benchmarks/geoparsing/GeoVirus.xml
"""

from __future__ import annotations

import argparse
import json
from collections import Counter

from warlog.eval.geoparse import Outcome, resolve_gold
from warlog.gazetteer import GazEntry, get_gazetteer, name_key

AREA_FEATURES = frozenset({"country", "admin1", "continent", "region"})


def classify(outcome: Outcome, entry: GazEntry | None) -> str:
    """The miss class of one resolved gold toponym (see the module's docstring)."""
    err = outcome.error_km
    if err is None:
        return "unanswered"
    if err <= 161.0:
        return "right"
    if entry is not None and entry.feature in AREA_FEATURES:
        gold_key = name_key(outcome.gold.phrase)
        same_id = bool(outcome.gold.geonameid) and entry.id == f"gn-{outcome.gold.geonameid}"
        if same_id or gold_key in {name_key(n) for n in entry.names}:
            return "area, same entity"
    return "wrong place"


def summarise(outcomes: list[Outcome], classes: list[str], top: int = 15) -> dict:
    """Counts, acc@161 km and the ceiling with the same-entity areas counted right, top names per class."""
    n = len(outcomes)
    counts = Counter(classes)
    tops: dict[str, Counter] = {}
    for o, c in zip(outcomes, classes, strict=True):
        if c != "right":
            tops.setdefault(c, Counter())[o.gold.phrase] += 1
    return {
        "n": n,
        "classes": dict(counts),
        "acc_161km": round(counts["right"] / n, 4) if n else 0.0,
        "acc_161km_if_same_area_right": round((counts["right"] + counts["area, same entity"]) / n, 4) if n else 0.0,
        "top": {c: [f"{k} ({v})" for k, v in t.most_common(top)] for c, t in tops.items()},
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--lgl")
    ap.add_argument("--trnews")
    ap.add_argument("--geovirus")
    ap.add_argument("--shipped", action="store_true", help="use the shipped ranker (development), not held out")
    ap.add_argument("--top", type=int, default=15, help="names listed per miss class")
    args = ap.parse_args()
    from warlog.train.geo import fit, prepare

    gaz = get_gazetteer()
    data = [
        prepare(k, v, gaz) for k, v in (("lgl", args.lgl), ("trnews", args.trnews), ("geovirus", args.geovirus)) if v
    ]
    out = {}
    for held in data:
        ranker = None
        if not args.shipped:
            train = [p for p in data if p is not held]
            ranker = fit(train)[0] if train else None
        outcomes, _ = resolve_gold(held.docs, gaz, ranker=ranker)
        outcomes = [o for o in outcomes if o.gold.has_point]
        classes = [classify(o, gaz.get(o.place_id) if o.place_id else None) for o in outcomes]
        out[held.name] = summarise(outcomes, classes, args.top)
        out[held.name]["ranker"] = (
            "shipped" if args.shipped else f"trained on {'+'.join(p.name for p in data if p is not held)}"
        )
    print(json.dumps(out, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
