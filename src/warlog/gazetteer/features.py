"""Feature types of gazetteer rows beyond populated places, how a name tells its type, and ACLED's geo_precision.

Types: country, admin1-3, city, town, village, district (a city's neighbourhood), and the non-settlement kinds news
names: camp (displacement or refugee camp), crossing (border crossing), airport (airports, air bases, airfields),
base (military bases, barracks, academies, checkpoints), dam, facility (hospitals, schools, prisons, factories, oil
and gas fields, stations, markets), landmark (roundabouts, bridges, squares, castles, hills) and region (deserts,
plains, valleys, basins, farmland, forests, reserves, lakes, named areas).

ACLED's geo_precision (codebook: 1 = the event's own town, village or site; 2 = near it, or in a part of a region or a
named area with no single point; 3 = only a region or province is known, coded at its capital or centre):
- settlements, districts and every point-like site (camp, crossing, airport, base, dam, facility, landmark): 1, or 2
  when the report says the event was near or around it, or in a part of it ("eastern Aleppo");
- region: 2 (ACLED codes a named area at a representative point);
- admin2 / admin3: 2; admin1 and country: 3.
"""

from __future__ import annotations

import re

SITE_FEATURES = frozenset({"camp", "crossing", "airport", "base", "dam", "facility", "landmark"})
POINT_FEATURES = frozenset({"city", "town", "village", "district"}) | SITE_FEATURES

# Checked in order: the first kind whose words occur in a name is its type.
_KIND_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(rf"\b(?:{words})\b", re.I))
    for kind, words in (
        ("camp", r"camps?|mukhayy?am|mokhayam|mkhayam"),
        ("crossing", r"crossings?|border gate|border post|bab al[- ]hawa|bab al[- ]salam(?:eh)?|nassib|nasib"),
        ("airport", r"airports?|air ?bases?|airbase|airfields?|airstrip|air field|military airport|matar"),
        ("dam", r"dams?|sadd"),
        ("base", r"bases?|barracks|military academy|academy|brigade|regiment|battalion|division|checkpoints?|"
                 r"garrison|outpost"),
        ("facility", r"hospital|school|prison|jail|factory|station|power plant|plant|oil ?fields?|gas ?fields?|"
                     r"field|silos?|bakery|mosque|church|university|college|stadium|hotel|market|souq|souk|"
                     r"refinery|company|warehouses?|mill|complex|compound|institute"),
        ("landmark", r"roundabout|bridge|square|castle|citadel|highway|road|junction|intersection"),
        ("region", r"desert|badia|badiya|plains?|valley|basin|mountains|countryside|farms|ghouta|area|region|"
                   r"orchards|steppe|forests?|(?:forest|game|nature|wildlife) reserve|national park|lake"),
    )
)  # fmt: skip


def kind_of_name(name: str, default: str = "village") -> str:
    """The feature type a place name's own words tell ("Hole Camp" -> camp, "Hmeimim Air Base" -> airport)."""
    for kind, pattern in _KIND_WORDS:
        if pattern.search(name):
            return kind
    return default


def geo_precision(feature: str | None, cue: str | None = None) -> int:
    """ACLED geo_precision for a place of this feature type mentioned with this cue (near, part, rural, ...)."""
    if feature in ("country", "admin1", "continent"):
        return 3
    if feature in ("admin2", "admin3", "region"):
        return 2
    return 2 if cue in ("near", "part", "rural") else 1
