"""Airports, air bases and airstrips from the `airportsdata` package (MIT; about 28,000 airports and landing strips
with ICAO codes, the place each serves and a point), and the places small strips serve where GeoNames' cities500
lacks them.

- one `airport` row per entry, named as listed ("Shayrat Air Base", "Kidal Airport") and also as reports write it
  ("Shayrat airbase", "Kidal airfield"); its admin names are those of the nearest populated place in its country;
- one `village` row per served place ("Barsalogho", "Kamituga") whose name no row of its country answers to, at the
  strip's point: a bush strip lies at or beside the town it is named after, so its point is the best one we have
  (the row's source says so). Entries with no served place whose name is more than one word (often a person's)
  add no place row, nor do names that join a known place to another ("Iron Mountain Kingsford").

ACLED codes an airport or air base as a site (geo_precision 1, gazetteer/features.py).
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Callable, Iterator

from warlog.gazetteer.names import ARTICLES, exact_key, name_key

SOURCE = "airportsdata (MIT)"
SERVED_SOURCE = "airportsdata: place a landing strip serves, at the strip's point"
# The kind words that end an airport's name; what is left is the name it is known by ("Shayrat" Air Base).
_KIND = re.compile(
    r"\s+(?:(?:international|intl\.?|regional|municipal|military|domestic|old|new)\s+)*"
    r"(?:airport|air\s*base|airbase|air\s+field|airfield|airstrip|air\s+strip|strip|aerodrome|heliport|airpark|"
    r"field|base)$",
    re.I,
)
# How reports name an airport after its place: "X airport", "X air base", "X airbase", "X airfield".
_FORMS = ("airport", "air base", "airbase", "airfield", "military airport")
# A served place's name must look like a place name: letters, spaces, hyphens and apostrophes, no kind word.
_PLACE_NAME = re.compile(r"^[^\W\d_][^\W\d_\s'’-]*(?:[\s'’-]+[^\W\d_][^\W\d_'’-]*){0,3}$")
_NOT_A_PLACE = re.compile(
    r"\b(?:airport|air|base|field|strip|ranch|farm|estate|mission|mine|camp|lodge|club|hospital|plantation|county)\b",
    re.I,
)


# Names reports give airfields that airportsdata lists under another (ICAO code -> names; each also with the report
# forms "X air base", "X airbase" ...). Bare names only where the base is what the name means in the news (Hmeimim);
# "Mezzeh" alone is the Damascus district and "Kuweires" the village, so only their base forms are added.
KNOWN_AS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "OSLK": (("Hmeimim", "Khmeimim", "Humaymim"), ("Hmeimim", "Khmeimim", "Humaymim")),  # Bassel Al-Assad, Latakia
    "OS66": ((), ("Kuweires", "Kweires", "Kuwayris", "Kuwairis")),  # Rasin El Aboud, east of Aleppo
    "OS67": ((), ("Mezzeh", "Mazzeh", "Mezze")),  # Mezze Airport, Damascus
}


def _known_as(icao: str) -> list[str]:
    """Other names of an airfield (KNOWN_AS): the bare names, then every base name in the report forms."""
    bare, bases = KNOWN_AS.get(icao, ((), ()))
    return [*bare, *(f"{b} {f}" for b in bases for f in _FORMS)]


def _package_csv() -> list[dict[str, str]]:
    """The rows of airportsdata's table."""
    from importlib import resources

    with resources.files("airportsdata").joinpath("airports.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def base_name(name: str) -> str:
    """An airport's name without its kind words ("Shayrat Air Base" -> "Shayrat", "Maiduguri International Airport"
    -> "Maiduguri"); the name itself when it has none."""
    prev, out = None, name.strip()
    while prev != out:
        prev, out = out, _KIND.sub("", out).strip(" ,-")
    return out or name


class NearestPlace:
    """Nearest populated place of a country to a point (rows: iso, lat, lon, admin1, admin2, country name), looked
    for in the 3 x 3 cells around the point of a fine grid, then of a coarse one (few rows per cell, so fast)."""

    SIZES = (0.2, 2.0)  # degrees

    def __init__(self, rows: list[tuple[str, float, float, str | None, str | None, str | None]]):
        self.grids: list[dict[tuple[str, int, int], list[tuple]]] = [{} for _ in self.SIZES]
        for r in rows:
            for size, grid in zip(self.SIZES, self.grids, strict=True):
                grid.setdefault((r[0], math.floor(r[1] / size), math.floor(r[2] / size)), []).append(r)

    def __call__(self, iso: str, lat: float, lon: float) -> tuple | None:
        for size, grid in zip(self.SIZES, self.grids, strict=True):
            best, best_d = None, 9e9
            ci, cj = math.floor(lat / size), math.floor(lon / size)
            for i in (ci - 1, ci, ci + 1):
                for j in (cj - 1, cj, cj + 1):
                    for r in grid.get((iso, i, j), ()):
                        d = (r[1] - lat) ** 2 + ((r[2] - lon) * math.cos(math.radians(lat))) ** 2
                        if d < best_d:
                            best, best_d = r, d
            if best is not None:
                return best
        return None


def airport_rows(
    known: Callable[[str, str], bool],
    nearest: Callable[[str, float, float], tuple | None],
    countries: dict[str, str],
    skip_iso: frozenset[str] = frozenset(),
    table: list[dict[str, str]] | None = None,
) -> Iterator[dict]:
    """Airport rows, then served-place rows for places no row of their country answers to (`known(iso, name_key)`).
    `nearest(iso, lat, lon)` gives the (iso, lat, lon, admin1, admin2, country) of the nearest known place."""
    served: dict[tuple[str, str], dict] = {}
    for a in table if table is not None else _package_csv():
        iso, name = a.get("country") or "", (a.get("name") or "").strip()
        try:
            lat, lon = float(a["lat"]), float(a["lon"])
        except (KeyError, ValueError):
            continue
        if not iso or not name or iso in skip_iso:
            continue
        near = nearest(iso, lat, lon)
        a1, a2 = (near[3], near[4]) if near else (a.get("subd") or None, None)
        base = base_name(name)
        if not [w for w in exact_key(base).split() if w not in ARTICLES]:
            continue  # nothing but kind words and articles ("Al Al Airport" would answer to "airport")
        alts = [f"{base} {f}" for f in _FORMS if base != name and len(base) >= 3]
        alts = [x for x in alts if x.lower() != name.lower()] + _known_as(a.get("icao") or "")
        country = countries.get(iso, iso)
        yield {
            "id": f"icao-{a.get('icao') or a.get('lid')}", "name": name, "alt_names": alts, "feature": "airport",
            "city": None, "admin1": a1, "admin2": a2, "country": country, "iso": iso,
            "lat": lat, "lon": lon, "population": 0, "source": SOURCE,
        }  # fmt: skip
        # with no served place given, a one-word name is the place's ("Bunia Airport"); longer ones are often a
        # person's ("Nnamdi Azikiwe International Airport")
        town = (a.get("city") or "").strip() or (base if base != name and " " not in base else "")
        if not town or not _PLACE_NAME.match(town) or _NOT_A_PLACE.search(town):
            continue
        key = name_key(town)
        if len(key.replace(" ", "")) < 3 or known(iso, key) or (iso, key) in served:
            continue
        words = town.split()
        if len(words) > 1 and (known(iso, name_key(words[0])) or known(iso, name_key(words[-1]))):
            continue  # two places run together ("Iron Mountain Kingsford"): the known one is the place
        served[(iso, key)] = {
            "id": f"apt-{iso}-{'-'.join(exact_key(town).split())}", "name": town, "alt_names": [],
            "feature": "village", "city": None, "admin1": a1, "admin2": a2, "country": country, "iso": iso,
            "lat": lat, "lon": lon, "population": 0, "source": SERVED_SOURCE,
        }  # fmt: skip
    yield from served.values()
