"""Countries: ISO 3166 codes and the names ACLED and the news use for them (one module for the whole package).

pycountry knows the ISO names; ACLED writes some countries by shorter names ("Russia", "Ivory Coast", "Palestine"),
and news adds a few more ("Gaza", "DRC"). Each helper says which of these it accepts.
"""

from __future__ import annotations

from functools import lru_cache

import pycountry

# ACLED's short country names where pycountry's common name differs.
ACLED_COUNTRY: dict[str, str] = {
    "CD": "Democratic Republic of Congo",
    "CG": "Republic of Congo",
    "CI": "Ivory Coast",
    "CW": "Curacao",
    "XK": "Kosovo",
    "PS": "Palestine",
    "RU": "Russia",
    "TR": "Turkey",
    "SZ": "eSwatini",
    "CZ": "Czech Republic",
    "BN": "Brunei",
    "CV": "Cape Verde",
    "TL": "East Timor",
    "VA": "Vatican City",
    "TW": "Taiwan",
}
# Further names news and datasets write that pycountry's lookup does not know.
NEWS_NAMES: dict[str, str] = {
    "gaza": "PS",
    "west bank": "PS",
    "drc": "CD",
    "macedonia": "MK",
    "syria": "SY",
}
KOSOVO_ISO3_NUMERIC = ("XKX", 0)  # not in ISO 3166; ACLED writes XKX and iso 0


def lookup_iso2(name: str) -> str | None:
    """ISO alpha-2 for a name or code pycountry knows (its lookup alone), or None."""
    try:
        return pycountry.countries.lookup(name).alpha_2
    except LookupError:
        return None


def iso2_from_alpha3(code: str) -> str | None:
    """An ISO alpha-3 code as alpha-2 (the stored form); None for anything that is not a known alpha-3 code."""
    if len(code) == 3 and code.isalpha():
        c = pycountry.countries.get(alpha_3=code.upper())
        return c.alpha_2 if c else None
    return None


@lru_cache(maxsize=512)
def country_iso2(country: str | None) -> str | None:
    """ISO2 code for an ISO2/ISO3 code, an ACLED name or a pycountry name ("Syria", "SYR", "SY"); None when unknown."""
    if not country:
        return None
    c = country.strip()
    for iso, name in ACLED_COUNTRY.items():
        if c.lower() == name.lower() or c.upper() == iso:
            return iso
    try:
        if len(c) == 2:
            hit = pycountry.countries.get(alpha_2=c.upper())
        elif len(c) == 3 and c.isalpha():
            hit = pycountry.countries.get(alpha_3=c.upper())
        else:
            hit = None
        if hit is None:
            hit = pycountry.countries.lookup(c)
    except LookupError:
        return None
    return hit.alpha_2 if hit else None


@lru_cache(maxsize=512)
def acled_country_name(country: str | None) -> str | None:
    """ACLED's short country name ("Syria", "Iran", "Russia", "Palestine") for a code or a name."""
    iso = country_iso2(country)
    if iso is None:
        return None
    if iso in ACLED_COUNTRY:
        return ACLED_COUNTRY[iso]
    hit = pycountry.countries.get(alpha_2=iso)
    return getattr(hit, "common_name", None) or hit.name


_NAME_TO_ISO2 = {name.lower(): iso for iso, name in ACLED_COUNTRY.items()} | NEWS_NAMES


@lru_cache(maxsize=1024)
def event_iso2(iso2: str | None, name: str | None) -> str | None:
    """An event's ISO2 code: as given, else from its country name (ACLED, news or pycountry names); None when
    unknown."""
    if iso2 and len(iso2.strip()) == 2:
        return iso2.strip().upper()
    if not name:
        return None
    key = name.strip().lower()
    if key in _NAME_TO_ISO2:
        return _NAME_TO_ISO2[key]
    return lookup_iso2(name.strip())


def iso3_numeric(iso2: str | None) -> tuple[str, int] | None:
    """(ISO alpha-3, ISO numeric) for an alpha-2 code (Kosovo as ACLED writes it), or None."""
    if iso2 == "XK":
        return KOSOVO_ISO3_NUMERIC
    c = pycountry.countries.get(alpha_2=iso2) if iso2 else None
    return (c.alpha_3, int(c.numeric)) if c is not None else None


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


def split_region(iso: str | None, admin1: str | None, lat: float | None, lon: float | None) -> str | None:
    """The part of a region ACLED splits that a point lies in (Lashio's "Shan" -> "Shan-North"); the name otherwise.
    Applied to a row's fields only: extraction compares the unit's own name with the report's words."""
    split = _SPLIT_REGIONS.get((iso or "", admin1 or ""))
    if split is None or lat is None or lon is None:
        return admin1
    return split(lat, lon)
