"""Syrian place resolution against event datasets: ACLED (`location`, `latitude`, `longitude`) and UCDP GED
(`where_coordinates`, `latitude`, `longitude`): the share of events whose place text warlog puts within 5 and 25 km.

The place text is resolved as a report would give it: the name alone in a Syrian report (`--context none`), or
followed by its governorate ("Maaraba, Dara"; the default, `admin1`), as most reports name one. ACLED's
"City - District" labels become "District, City". UCDP's type words ("Teir Maaleh village", "Idlib Governorate")
are dropped. Only point-precise events count: ACLED geo_precision 1, UCDP where_prec 1-2 (a village or a place near
it); the rest are coded at arbitrary points of an area. ACLED is for evaluation only. UCDP 2016-2018 place points
feed the packaged gazetteer (scripts/build_places_data.py), so the UCDP evaluation scores 2019 events.
"""

from __future__ import annotations

import csv
import gzip
import html
import io
import re
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from warlog.countries import country_iso2
from warlog.eval.geoparse import resolve_spans
from warlog.eval.report import Anchor, EvalError, EvalResult
from warlog.gazetteer import Gazetteer, get_gazetteer, haversine_km, name_key

UCDP_TYPE_WORDS = re.compile(
    r"\s+(?:village|town|city|district|sub-?district|governorate|gov\.?|mountains?|area|neighbou?rhood|quarter|camp|"
    r"region|province|nahiya|hill|plain|farms?|valley|airport|air ?base|base|military base|checkpoint|dam|bridge|"
    r"crossing|countryside|suburbs?|outskirts|desert|oil ?field|field)s?$",
    re.I,
)
# ACLED labels some sites kind first ("Airbase, Tiyas", "International Airport, Damascus", "Oil Fields, Omar")
_ACLED_KIND_FIRST = re.compile(
    r"(?:(?:international|military|civil)\s+)*(?:air\s*base|airport|oil\s*fields?|gas\s*fields?|base|bridge)", re.I
)
UCDP_TRAIN_YEARS = (2016, 2017, 2018)
ANCHORS: list[Anchor] = []  # no published number for text-only Syrian place resolution (said in the notes)


@dataclass
class PlaceCase:
    """One event's place: the text, its governorate, the coded point, the year and the country (ISO2; a report
    names or implies it, so it is the resolver's country hint)."""

    text: str
    admin1: str
    lat: float
    lon: float
    year: int
    iso: str = "SY"
    label: str = ""  # ACLED's location for a province-level case (the provincial capital's name)


def _open_csv(path: str | Path) -> Iterator[dict[str, str]]:
    """Rows of a CSV file, gzipped or not."""
    p = Path(path)
    raw = gzip.open(p, "rb") if p.suffix == ".gz" else p.open("rb")
    with raw, io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as fh:
        yield from csv.DictReader(fh)


CONTEXT_NOTE = {"admin1": "name + governorate", "province": "the province alone (ACLED geo_precision 3 events)"}


def acled_province_cases(path: str | Path) -> list[PlaceCase]:
    """ACLED events known only to their province (geo_precision 3) as a report naming the province alone: the
    case's text is the admin1 name, its point ACLED's (the provincial capital), its label ACLED's location."""
    out = []
    for r in _open_csv(path):
        try:
            if int(r.get("geo_precision") or 9) != 3 or not r.get("admin1"):
                continue
            lat, lon = float(r["latitude"]), float(r["longitude"])
        except (KeyError, ValueError):
            continue
        iso = country_iso2(r.get("country")) or "SY"
        out.append(PlaceCase(r["admin1"], "", lat, lon, int(r.get("year") or 0), iso, r.get("location") or ""))
    return out


def acled_cases(path: str | Path, precision: int = 1) -> list[PlaceCase]:
    """ACLED events of the given geo_precision (or better) as place cases."""
    out = []
    for r in _open_csv(path):
        try:
            if int(r.get("geo_precision") or 9) > precision:
                continue
            lat, lon = float(r["latitude"]), float(r["longitude"])
        except (KeyError, ValueError):
            continue
        loc = r.get("location") or ""
        if " - " in loc:  # "Aleppo - Sheikh Maqsoud": the district, in its city
            city, _, part = loc.partition(" - ")
            loc = f"{part}, {city}"
        kind, sep, name = loc.partition(", ")
        if sep and _ACLED_KIND_FIRST.fullmatch(kind):  # "Airbase, Tiyas": a report's "Tiyas airbase"
            loc = f"{name} {kind}"
        iso = country_iso2(r.get("country")) or "SY"  # an export of many countries (ACLED's global files)
        out.append(PlaceCase(loc, r.get("admin1") or "", lat, lon, int(r.get("year") or 0), iso))
    return out


def ucdp_place_text(where: str) -> str:
    """UCDP's place description without its type word ("Teir Maaleh village" -> "Teir Maaleh")."""
    s = html.unescape(where).strip()
    s = re.sub(r"\s*\(.*?\)\s*", " ", s).strip()
    prev = None
    while prev != s:
        prev, s = s, UCDP_TYPE_WORDS.sub("", s).strip()
    return s


def ucdp_cases(path: str | Path, years: tuple[int, ...] | None = (2018, 2019), max_prec: int = 2) -> list[PlaceCase]:
    """UCDP GED events of where_prec <= max_prec (in the given years) as place cases."""
    out = []
    for r in _open_csv(path):
        try:
            year, prec = int(r["year"]), int(r["where_prec"])
            lat, lon = float(r["latitude"]), float(r["longitude"])
        except (KeyError, ValueError):
            continue
        if prec > max_prec or (years and year not in years):
            continue
        a1 = re.sub(r"\s+Governorate$", "", r.get("adm_1") or "")
        out.append(PlaceCase(ucdp_place_text(r.get("where_coordinates") or ""), a1, lat, lon, year))
    return out


def _resolve_text(place: str, admin1: str, context: str, gaz: Gazetteer, fallback: list | None = None, iso: str = "SY"):
    """The warlog point for a place text (first toponym = the place), with or without its governorate. When the
    place has no answer, `fallback` (a list, if given) receives the unit the text names after it, as event coding
    keeps such an event (the governorate at its capital, geo_precision 3), or nothing."""
    text = f"{place}, {admin1}" if context == "admin1" and admin1 and admin1.lower() not in place.lower() else place
    first = place.split(", ")[0]
    spans = [(0, len(first))]
    rest = text[len(first) :]
    for m in re.finditer(r"[^,]+", rest):
        s, e = m.start() + len(first), m.end() + len(first)
        while s < e and text[s] == " ":
            s += 1
        if s < e:
            spans.append((s, e))
    places = resolve_spans(text, spans, country_hint=iso, gazetteer=gaz, area_points=False)  # ACLED's capital rule
    if places and places[0] is None and len(places) > 1 and place.count(", ") >= 1:
        # "Al-Joura, Deir-ez-Zor": a neighbourhood the gazetteer lacks, of a named town or city: that place, as
        # places.py codes "the X district of Aleppo" (not the governorate appended as context)
        inner = places[1]
        if inner is not None and inner.feature in ("city", "town", "village", "district"):
            return inner
    if places and places[0] is None and fallback is not None:
        fallback.extend(p for p in places[1:] if p is not None)
    return places[0] if places else None


def _with_event_places(gaz: Gazetteer, source: str, path: str | Path, years: tuple[int, ...]) -> Gazetteer:
    """A temporary copy of the gazetteer with the places of the file's events of `years` loaded."""
    import shutil
    import tempfile

    from warlog.gazetteer import default_index_path
    from warlog.gazetteer.loaders import load_events

    target = Path(tempfile.mkdtemp(prefix="warlog-gaz-")) / "gazetteer.sqlite"
    shutil.copyfile(gaz.path or default_index_path(), target)
    load_events(path, target, source, years)
    return Gazetteer.open(target)


def evaluate_places(
    source: str, path: str | Path, context: str = "admin1", years: tuple[int, ...] | None = None,
    gazetteer: Gazetteer | None = None, limit: int | None = None, gazetteer_years: tuple[int, ...] | None = None,
) -> EvalResult:  # fmt: skip
    """Share of events whose place text resolves within 5 / 25 km of the coded point. Events of years whose ACLED or
    UCDP places are in the gazetteer (packaged, loaded, or `gazetteer_years` of this file loaded into a temporary
    copy) are never scored."""
    gaz = gazetteer or get_gazetteer()
    if source not in ("acled", "ucdp"):
        raise ValueError(f"unknown source {source!r} (acled or ucdp)")
    if gazetteer_years:
        gaz = _with_event_places(gaz, source, path, gazetteer_years)
    fed = gaz.event_years()
    excluded = set().union(*fed.values()) if fed else set()
    if context == "province":
        if source != "acled":
            raise ValueError("context 'province' scores ACLED's geo_precision 3 events (--source acled)")
        cases = acled_province_cases(path)
    elif source == "acled":
        cases = acled_cases(path)
    else:
        cases = ucdp_cases(path, None)
    if years:
        cases = [c for c in cases if c.year in years]
    cases = [c for c in cases if c.year not in excluded]
    if not cases:
        raise EvalError(
            f"{path}: nothing to score: no {source} event with a coded place outside the years that feed "
            f"the gazetteer ({fed})"
        )
    cases = cases[:limit] if limit else cases
    if not cases:
        raise EvalError(f"{path}: no {source} event with a place name and coded coordinates; nothing to score")
    cache: dict[tuple[str, str, str], tuple[float, float] | None] = {}
    falls: dict[tuple[str, str, str], tuple[float, float] | None] = {}
    labels: dict[tuple[str, str, str], str] = {}
    t0 = time.perf_counter()
    dists: list[float | None] = []
    fdists: list[float | None] = []  # the unit an unanswered place's text names, as event coding falls back to
    for c in cases:
        key = (c.text, c.admin1, c.iso)
        if key not in cache:
            units: list = []
            p = _resolve_text(c.text, c.admin1, context, gaz, units, c.iso) if c.text else None
            cache[key] = (p.latitude, p.longitude) if p else None
            labels[key] = p.location if p else ""
            falls[key] = (units[-1].latitude, units[-1].longitude) if units else None
        hit, unit = cache[key], falls[key]
        dists.append(haversine_km(hit[0], hit[1], c.lat, c.lon) if hit else None)
        fdists.append(haversine_km(unit[0], unit[1], c.lat, c.lon) if unit and not hit else None)
    secs = time.perf_counter() - t0
    n = len(cases)
    metrics = {
        "within_5km": sum(1 for d in dists if d is not None and d <= 5) / n if n else 0.0,
        "within_25km": sum(1 for d in dists if d is not None and d <= 25) / n if n else 0.0,
        "no_answer": sum(1 for d in dists if d is None) / n if n else 0.0,
        # unanswered places kept at the unit their text names (geo_precision 3): how many, and how many of those
        # fall within 25 km of the event's point anyway; what is left unanswered after that
        "fallback_unit": sum(1 for d in fdists if d is not None) / n if n else 0.0,
        "fallback_within_25km": sum(1 for d in fdists if d is not None and d <= 25) / n if n else 0.0,
        "no_answer_after_fallback": sum(1 for d, f in zip(dists, fdists, strict=True) if d is None and f is None) / n
        if n
        else 0.0,
        "n": n,
        "distinct_places": len(cache),
        "toponyms_per_s": round(len(cache) / secs, 1) if secs else 0.0,
    }
    if context == "province":  # the event's location named as ACLED names it (the capital, up to spelling)
        same = sum(1 for c in cases if c.label and name_key(labels[(c.text, c.admin1, c.iso)]) == name_key(c.label))
        metrics["label_as_acled"] = same / n if n else 0.0
    far = Counter(c.text for c, d in zip(cases, dists, strict=True) if d is None or d > 25)
    kind = "ACLED geo_precision 1" if source == "acled" else "UCDP where_prec 1-2"
    kind = "ACLED geo_precision 3, scored at ACLED's point" if context == "province" else kind
    scored = sorted({c.year for c in cases})
    notes = [
        f"{source}: {n} point-precise events ({kind}), years {','.join(map(str, scored))}; "
        f"context: {CONTEXT_NOTE.get(context, 'name only')}",
        "years whose event places feed the gazetteer (never scored): "
        + ("; ".join(f"{k.upper()} {','.join(map(str, sorted(v)))}" for k, v in sorted(fed.items()) if v) or "none"),
        f"gazetteer: {gaz.meta('version') or gaz.path} ({len(gaz)} places)",
        "most frequent places not within 25 km: " + ", ".join(f"{k} ({v})" for k, v in far.most_common(8)),
        "no published number for text-only resolution of Syrian place names to compare with",
    ]
    return EvalResult(f"places-{source}", metrics, anchors=list(ANCHORS), notes=notes)
