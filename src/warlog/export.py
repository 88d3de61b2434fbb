"""Write event dicts (as Store.events() returns them) as ACLED-layout CSV, GeoJSON (RFC 7946) or JSON Lines."""

from __future__ import annotations

import json
import logging
import math
import os
import re
import tempfile
import time
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

from warlog.countries import event_iso2, iso3_numeric
from warlog.csvout import csv_chunks, write_csv
from warlog.model import ACLED_COLUMNS

log = logging.getLogger(__name__)

FORMATS = ("acled-csv", "geojson", "jsonl")

# Linked events' columns (issue 5): independent sources, the range of tolls and contradiction flags.
LINK_COLUMNS: tuple[str, ...] = ("sources", "n_sources", "fatalities_min", "fatalities_max", "flags")

# warlog's own columns, after ACLED's, so tools that read ACLED columns by name still work.
EXTRA_COLUMNS: tuple[str, ...] = LINK_COLUMNS + (
    "injured",
    "civilians",
    "children",
    "women",
    "attributed_to",
    "confidence",
    "report_id",
    "url",
    "evidence_offsets",
    "review_status",
)
CSV_COLUMNS: tuple[str, ...] = ACLED_COLUMNS + EXTRA_COLUMNS

# ISO 3166-1 alpha-2 -> ACLED region name (as ACLED spells them in its exports).
_REGIONS: dict[str, str] = {
    "Middle East": "SY IQ YE LB JO IL PS SA IR TR BH KW OM QA AE",
    "Northern Africa": "LY EG DZ MA TN SD EH",
    "Western Africa": "NG ML BF NE MR SN GM GN GW SL LR CI GH TG BJ CV SH",
    "Middle Africa": "CM CF TD CG CD GQ GA AO ST",
    "Eastern Africa": "ET ER DJ SO KE UG RW BI TZ SS MZ MW ZM MG KM MU SC YT RE",
    "Southern Africa": "ZA NA BW LS SZ ZW",
    "Caucasus and Central Asia": "AF AM AZ GE KZ KG TJ TM UZ",
    "Southern Asia": "PK IN BD NP LK BT MV",
    "South-Eastern Asia": "MM TH KH LA VN MY SG ID PH TL BN",
    "East Asia": "CN JP KR KP MN TW HK MO",
    "Europe": "UA RU BY MD PL RO BG GR CY RS XK BA HR SI ME MK AL HU SK CZ AT DE FR IT ES PT GB IE NL BE LU CH DK NO "
    "SE FI EE LV LT IS MT",
    "North America": "US CA",
    "Central America": "MX GT BZ SV HN NI CR PA",
    "Caribbean": "CU HT DO JM PR TT BS BB CW GP MQ",
    "South America": "CO VE EC PE BO BR PY UY AR CL GY SR GF",
    "Oceania": "AU NZ PG FJ SB VU NC WS TO",
}
REGION_BY_ISO2: dict[str, str] = {iso: region for region, isos in _REGIONS.items() for iso in isos.split()}


def _codes(event: dict[str, Any]) -> tuple[str, int] | None:
    """(ISO3, ISO numeric) of the event's country, or None when unknown."""
    return iso3_numeric(event_iso2(event.get("iso"), event.get("country")))


def iso3_for(event: dict[str, Any]) -> str:
    """ISO 3166-1 alpha-3 of the event's country, or "XXX"."""
    codes = _codes(event)
    return codes[0] if codes else "XXX"


def iso_numeric_for(event: dict[str, Any]) -> int | str:
    """ISO 3166-1 numeric code as ACLED writes it (760 for Syria), or "" when unknown."""
    codes = _codes(event)
    return codes[1] if codes else ""


def region_for(event: dict[str, Any]) -> str:
    """ACLED's region name for the event's country, or ""."""
    return REGION_BY_ISO2.get(event_iso2(event.get("iso"), event.get("country")) or "", "")


def event_id_cnty(event: dict[str, Any]) -> str:
    """ACLED-style id: ISO3 + the upper-cased hex of the warlog id (linked event id when known, else mention id)."""
    raw = str(event.get("event_id") or event.get("id") or "")
    short = re.sub(r"[^0-9A-Za-z]", "", raw)
    if len(short) > 1 and short[0].isalpha() and all(ch in "0123456789abcdefABCDEF" for ch in short[1:]):
        short = short[1:]  # drop warlog's one-letter prefix ("m", "e")
    return iso3_for(event) + short[:12].upper()


def interaction_code(inter1: Any, inter2: Any) -> int | str:
    """ACLED's interaction: the two inter codes, smaller first (17); a sole actor gives inter1 * 10 (60)."""
    a, b = _int_or_none(inter1), _int_or_none(inter2)
    if a and b:
        lo, hi = sorted((a, b))
        return lo * 10 + hi
    if a or b:
        return (a or b) * 10  # type: ignore[operator]
    return ""


def _int_or_none(value: Any) -> int | None:
    """An int from an int or numeric text; None for empty or unknown."""
    if value is None or value == "":
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _evidence(event: dict[str, Any]) -> list[dict[str, Any]]:
    """The event's evidence as a list of {text, start, end} dicts (JSON text accepted)."""
    ev = event.get("evidence") or []
    if isinstance(ev, str):
        try:
            ev = json.loads(ev)
        except ValueError:
            return [{"text": ev, "start": None, "end": None}]
    return [e if isinstance(e, dict) else {"text": str(e), "start": None, "end": None} for e in ev]


def notes_for(event: dict[str, Any]) -> str:
    """ACLED notes: the evidence sentences, whitespace collapsed, joined with spaces."""
    texts = (re.sub(r"\s+", " ", str(e.get("text") or "")).strip() for e in _evidence(event))
    return " ".join(t for t in texts if t)


def evidence_offsets(event: dict[str, Any]) -> str:
    """Character offsets of the evidence in the report text, "start-end;start-end"."""
    return ";".join(f"{e['start']}-{e['end']}" for e in _evidence(event) if e.get("start") is not None)


def _iso_date(value: Any) -> str:
    """A date (or ISO text) as YYYY-MM-DD; "" when unknown."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    return str(value)[:10]


def _cell(value: Any) -> Any:
    """A CSV cell: None as empty."""
    return "" if value is None else value


def acled_row(event: dict[str, Any], timestamp: int) -> dict[str, Any]:
    """One event dict as an ACLED CSV row plus warlog's extra columns."""
    day = _iso_date(event.get("event_date"))
    actor2 = event.get("actor2") or ""
    row: dict[str, Any] = {
        "event_id_cnty": event_id_cnty(event),
        "event_date": day,
        "year": int(day[:4]) if day[:4].isdigit() else "",
        "time_precision": event.get("time_precision"),
        "disorder_type": event.get("disorder_type"),
        "event_type": event.get("event_type"),
        "sub_event_type": event.get("sub_event_type"),
        "actor1": event.get("actor1"),
        "assoc_actor_1": event.get("assoc_actor_1"),
        "inter1": event.get("inter1"),
        "actor2": event.get("actor2"),
        "assoc_actor_2": event.get("assoc_actor_2"),
        "inter2": event.get("inter2"),
        "interaction": interaction_code(event.get("inter1"), event.get("inter2")),
        "civilian_targeting": "Civilian targeting" if actor2.startswith("Civilians") else "",
        "iso": iso_numeric_for(event),
        "region": region_for(event),
        "country": event.get("country"),
        "admin1": event.get("admin1"),
        "admin2": event.get("admin2"),
        "admin3": event.get("admin3"),
        "location": event.get("location"),
        "latitude": event.get("latitude"),
        "longitude": event.get("longitude"),
        "geo_precision": event.get("geo_precision"),
        "source": event.get("outlet") or event.get("source"),
        "source_scale": "",
        "notes": notes_for(event),
        "fatalities": event.get("fatalities") or 0,
        "tags": "",
        "timestamp": timestamp,
        "sources": "; ".join(event.get("sources") or []),
        "n_sources": event.get("n_sources"),
        "fatalities_min": event.get("fatalities_min"),
        "fatalities_max": event.get("fatalities_max"),
        "flags": "; ".join(event.get("flags") or []),
        "injured": event.get("injured"),
        "civilians": event.get("civilians"),
        "children": event.get("children"),
        "women": event.get("women"),
        "attributed_to": event.get("attributed_to"),
        "confidence": event.get("confidence"),
        "report_id": event.get("report_id"),
        "url": event.get("url"),
        "evidence_offsets": evidence_offsets(event),
        "review_status": event.get("review_status"),
    }
    return {k: _cell(row[k]) for k in CSV_COLUMNS}


# ---------------------------------------------------------------------------------------------------------------------
# writers


def write_acled_csv(events: Iterable[dict[str, Any]], out: TextIO, *, timestamp: int | None = None) -> int:
    """ACLED columns in ACLED's order, then warlog's, through the one CSV writer (BOM, formula cells escaped);
    returns rows written. Open `out` with newline=""."""
    ts = int(time.time()) if timestamp is None else timestamp
    return write_csv((acled_row(event, ts) for event in events), out, CSV_COLUMNS)


def acled_csv_chunks(events: Iterable[dict[str, Any]], *, timestamp: int | None = None) -> Iterator[str]:
    """The same CSV as write_acled_csv, chunk by chunk, for a streamed HTTP response."""
    ts = int(time.time()) if timestamp is None else timestamp
    return csv_chunks((acled_row(event, ts) for event in events), CSV_COLUMNS)


def _coordinates(event: dict[str, Any]) -> list[float] | None:
    """[lon, lat] rounded to 6 decimals, or None when missing, not finite or out of range."""
    try:
        lat, lon = float(event.get("latitude")), float(event.get("longitude"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return [round(lon, 6), round(lat, 6)]


def _json_default(value: Any) -> Any:
    """Dates and datetimes as ISO text in JSON output."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def _feature_properties(event: dict[str, Any]) -> dict[str, Any]:
    """Event dict for a GeoJSON feature: evidence as a list of texts plus an offsets string."""
    props = {k: v for k, v in event.items() if k != "evidence"}
    props["evidence"] = [e.get("text") for e in _evidence(event)]
    props["evidence_offsets"] = evidence_offsets(event)
    for k, v in props.items():
        if isinstance(v, datetime | date):
            props[k] = v.isoformat()
    return props


def _some_properties(event: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    """Only these keys of _feature_properties(event), in the order asked (the evidence as _feature_properties
    writes it)."""
    if "evidence" in keys:
        props = _feature_properties(event)
        return {k: props[k] for k in keys if k in props}
    return {k: v.isoformat() if isinstance(v, datetime | date) else v for k in keys if k in event for v in (event[k],)}


def geojson_features(
    events: Iterable[dict[str, Any]], keys: tuple[str, ...] | None = None
) -> tuple[list[dict[str, Any]], int]:
    """GeoJSON Point features for events with valid coordinates, and how many events were skipped; `keys`: only
    these properties (None: every key of the event)."""
    features: list[dict[str, Any]] = []
    skipped = 0
    for event in events:
        coords = _coordinates(event)
        if coords is None:
            skipped += 1
            continue
        feature: dict[str, Any] = {"type": "Feature", "geometry": {"type": "Point", "coordinates": coords}}
        if event.get("id") is not None:
            feature["id"] = event["id"]
        feature["properties"] = _feature_properties(event) if keys is None else _some_properties(event, keys)
        features.append(feature)
    return features, skipped


def to_geojson(events: Iterable[dict[str, Any]], keys: tuple[str, ...] | None = None) -> dict[str, Any]:
    """An RFC 7946 FeatureCollection of the events that have coordinates (others are skipped and logged); `keys`:
    only these properties."""
    features, skipped = geojson_features(events, keys)
    if skipped:
        log.info("geojson: skipped %d event(s) without valid coordinates", skipped)
    return {"type": "FeatureCollection", "features": features}


def write_geojson(events: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Write a FeatureCollection; returns the number of features (events without coordinates are left out)."""
    fc = to_geojson(events)
    json.dump(fc, out, ensure_ascii=False, default=_json_default)
    out.write("\n")
    return len(fc["features"])


def write_jsonl(events: Iterable[dict[str, Any]], out: TextIO) -> int:
    """One JSON object per line, dates as ISO text; returns lines written."""
    n = 0
    for event in events:
        out.write(json.dumps(event, ensure_ascii=False, default=_json_default))
        out.write("\n")
        n += 1
    return n


def export(events: Iterable[dict[str, Any]], path: str | Path, fmt: str) -> int:
    """Write events to path in fmt ("acled-csv", "geojson", "jsonl") atomically (temp file + rename); returns count."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    # CSV: the writer puts the BOM first (Excel then reads UTF-8); csv needs newline="". JSON: \n line ends.
    encoding, newline = "utf-8", ("" if fmt == "acled-csv" else "\n")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline=newline) as out:
            if fmt == "acled-csv":
                n = write_acled_csv(events, out)
            elif fmt == "geojson":
                n = write_geojson(events, out)
            else:
                n = write_jsonl(events, out)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return n
