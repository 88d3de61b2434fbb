"""How often each kind of name match is right, on the open corpora (issue 15, round 9).

For every gold toponym (LGL, TR-News, GeoVirus: gold spans as `warlog eval geoparse --no-ner`) and every place text
of `warlog eval places` (ACLED / UCDP Syria, years not fed to the gazetteer), the match quality of the candidate the
resolver picked: 1.0 exact name, 0.9-0.99 abbreviation or demonym, 0.85 loose key (vowels folded), 0.8 consonant
skeleton, below 0.8 fuzzy (rapidfuzz). Prints answered / right / wrong per bucket (right: within 161 km for the
geoparsing corpora, 5 km for the event places) as JSON.

    PYTHONPATH=src python scripts/match_quality.py [--corpora lgl,trnews,geovirus,acled,ucdp] [--shared ../shared]
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

from warlog.eval.geo_syria import acled_cases, ucdp_cases
from warlog.eval.geoparse import read_corpus, toponyms_for_spans
from warlog.extract.places import resolve_toponyms
from warlog.gazetteer import get_gazetteer
from warlog.geometry import haversine_km

SHARED = Path("../shared")  # --shared
GEO = {"lgl": "lgl.xml", "trnews": "TR-News.xml", "geovirus": "GeoVirus.xml"}
PLACES = {
    "acled": "data/acled-syria-battles-2017-2023/acled_syria_battles_2017-01-01_2023-06-02.csv.gz",
    "ucdp": "data/ucdp-ged-syria-2016-2019/ged_syria_2016-01-01_2019-11-30.csv.gz",
}


def bucket(q: float) -> str:
    """The kind of match a quality stands for."""
    if q >= 1.0:
        return "exact"
    if q >= 0.89:
        return "abbr/demonym"
    if q >= 0.85:
        return "loose key"
    if q >= 0.8:
        return "skeleton"
    return "fuzzy"


def _picked_quality(top, place) -> float | None:
    """Quality of the candidate a place came from (None when the place is not one of the toponym's candidates)."""
    for c, q in zip(top.candidates, top.quality, strict=False):
        if c.id == place.gazetteer_id:
            return q
    return None


def geoparse_buckets(name: str, gaz) -> dict:
    """Per-bucket counts over a geoparsing corpus (right = within 161 km)."""
    stats: dict[str, Counter] = defaultdict(Counter)
    examples: dict[str, list] = defaultdict(list)
    for doc in read_corpus(SHARED / "benchmarks" / "geoparsing" / GEO[name]):
        spans = [(g.start, g.end) for g in doc.toponyms]
        tops = toponyms_for_spans(doc.text, spans, gaz)
        places = resolve_toponyms(tops, doc.text, None, gaz, None, area_points=True) if tops else []
        for g, t, p in zip(doc.toponyms, tops, places, strict=True):
            if not g.has_point:
                continue
            if p is None:
                stats["unanswered"]["n"] += 1
                continue
            q = _picked_quality(t, p)
            b = "other" if q is None else bucket(q)
            ok = haversine_km(p.latitude, p.longitude, g.lat, g.lon) <= 161
            stats[b]["right" if ok else "wrong"] += 1
            if not ok and b in ("loose key", "skeleton", "fuzzy") and len(examples[b]) < 8:
                examples[b].append(f"{t.surface} -> {p.location} ({p.country})")
    return {"buckets": {k: dict(v) for k, v in stats.items()}, "wrong_examples": dict(examples)}


def place_text_spans(place: str, admin1: str) -> tuple[str, list[tuple[int, int]]]:
    """The text and spans `warlog eval places` resolves for an event's place (name, governorate as context)."""
    text = f"{place}, {admin1}" if admin1 and admin1.lower() not in place.lower() else place
    first = place.split(", ")[0]
    spans = [(0, len(first))]
    for m in re.finditer(r"[^,]+", text[len(first) :]):
        s, e = m.start() + len(first), m.end() + len(first)
        while s < e and text[s] == " ":
            s += 1
        if s < e:
            spans.append((s, e))
    return text, spans


def places_buckets(source: str, gaz) -> dict:
    """Per-bucket counts over the event places of a source (right = within 5 km), years not fed to the gazetteer;
    the place text with its governorate, as `eval places` resolves it (the first toponym; no fall-back to the town
    a neighbourhood is in)."""
    path = SHARED / PLACES[source]
    cases = acled_cases(path) if source == "acled" else ucdp_cases(path, None)
    excluded = set().union(*gaz.event_years().values())
    cases = [c for c in cases if c.year not in excluded and c.text]
    stats: dict[str, Counter] = defaultdict(Counter)
    examples: dict[str, list] = defaultdict(list)
    memo: dict[tuple[str, str], tuple] = {}
    for c in cases:
        first = c.text.split(", ")[0]
        if (c.text, c.admin1) not in memo:
            text, spans = place_text_spans(c.text, c.admin1)
            tops = toponyms_for_spans(text, spans, gaz)
            places = resolve_toponyms(tops, text, "SY", gaz, None, area_points=False)
            memo[(c.text, c.admin1)] = (tops[0], places[0])
        t, p = memo[(c.text, c.admin1)]
        if p is None:
            stats["unanswered"]["n"] += 1
            continue
        q = _picked_quality(t, p)
        b = "other" if q is None else bucket(q)
        ok = haversine_km(p.latitude, p.longitude, c.lat, c.lon) <= 5
        stats[b]["right" if ok else "wrong"] += 1
        if not ok and b in ("loose key", "skeleton", "fuzzy") and len(examples[b]) < 8:
            examples[b].append(f"{first} -> {p.location}")
    return {"buckets": {k: dict(v) for k, v in stats.items()}, "wrong_examples": dict(examples)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpora", default="lgl,trnews,geovirus,acled,ucdp")
    ap.add_argument("--shared", default="../shared", help="the shared data folder (default: ../shared)")
    args = ap.parse_args()
    global SHARED
    SHARED = Path(args.shared)
    gaz = get_gazetteer()
    out = {}
    for name in args.corpora.split(","):
        out[name] = geoparse_buckets(name, gaz) if name in GEO else places_buckets(name, gaz)
    print(json.dumps(out, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
