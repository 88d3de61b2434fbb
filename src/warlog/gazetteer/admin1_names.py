"""ACLED's names of first-level regions beside the gazetteer's (data/admin1_acled.csv, facts from ACLED exports).

The gazetteer spells admin1 units as GeoNames does ("Ninawa", "Mayorality of Baghdad"); news and ACLED often write
ACLED's spelling ("Ninewa province"). The table maps one to the other both ways: the output names ACLED's region,
and a report's "Ninewa" finds the gazetteer's Ninawa.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

from warlog.countries import split_region  # noqa: F401 - re-exported: ACLED's split regions
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


def acled_admin1_name(iso: str | None, admin1: str | None) -> str | None:
    """ACLED's name of a first-level region ("Mayorality of Baghdad" -> "Baghdad"); the gazetteer's otherwise."""
    if not iso or not admin1:
        return admin1
    return admin1_table().get((iso, admin1), admin1)
