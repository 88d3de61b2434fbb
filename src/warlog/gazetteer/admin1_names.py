"""ACLED's names of first-level regions beside the gazetteer's (data/admin1_acled.csv, facts from ACLED exports).

The gazetteer spells admin1 units as GeoNames does ("Ninawa", "Mayorality of Baghdad"); news and ACLED often write
ACLED's spelling ("Ninewa province"). The table maps one to the other both ways: the output names ACLED's region,
and a report's "Ninewa" finds the gazetteer's Ninawa.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

from warlog.gazetteer.names import exact_key


@lru_cache(maxsize=1)
def admin1_table() -> dict[tuple[str, str], str]:
    """(ISO, gazetteer admin1) -> ACLED's admin1 name, where they differ."""
    text = resources.files("warlog").joinpath("data/admin1_acled.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return {(r["iso"], r["gazetteer_admin1"]): r["acled_admin1"] for r in rows}


@lru_cache(maxsize=1)
def _by_acled_name() -> dict[str, tuple[tuple[str, str], ...]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for (iso, gazetteer), acled in admin1_table().items():
        out.setdefault(exact_key(acled), []).append((iso, gazetteer))
    return {k: tuple(v) for k, v in out.items()}


def gazetteer_admin1_of(key: str) -> tuple[tuple[str, str], ...]:
    """The (ISO, gazetteer admin1) pairs ACLED spells the name of ``key`` (its ``exact_key``: "ninewa" ->
    (("IQ", "Ninawa"),))."""
    return _by_acled_name().get(key, ())


# Regions ACLED splits where the gazetteer has one unit: Myanmar's Shan State is coded as Shan-North, Shan-South and
# Shan-East (the former sub-states: Lashio, Muse and Kyaukme districts north; Kengtung, Tachileik and Monghsat east
# of the Salween; Taunggyi, Loilem and Langkho south), Bago Region as Bago-West (Pyay and Thayarwady districts, west of
# the Bago Yoma) and Bago-East (Bago and Taungoo). The lines are approximations of the district borders by latitude
# and longitude: a point within a few km of a border may get its neighbour's name.
def _shan(lat: float, lon: float) -> str:
    if lat >= 22.0:
        return "Shan-North"
    return "Shan-East" if lon >= 98.6 else "Shan-South"


def _bago(lat: float, lon: float) -> str:
    return "Bago-West" if lon < 96.0 else "Bago-East"


_SPLIT_REGIONS = {("MM", "Shan"): _shan, ("MM", "Bago"): _bago}


def acled_admin1_name(iso: str | None, admin1: str | None) -> str | None:
    """ACLED's name of a first-level region ("Mayorality of Baghdad" -> "Baghdad"); the gazetteer's otherwise."""
    if not iso or not admin1:
        return admin1
    return admin1_table().get((iso, admin1), admin1)


def split_region(iso: str | None, admin1: str | None, lat: float | None, lon: float | None) -> str | None:
    """The part of a region ACLED splits that a point lies in (Lashio's "Shan" -> "Shan-North"); the name otherwise.
    Applied to a row's fields only: extraction compares the unit's own name with the report's words."""
    split = _SPLIT_REGIONS.get((iso or "", admin1 or ""))
    if split is None or lat is None or lon is None:
        return admin1
    return split(lat, lon)
