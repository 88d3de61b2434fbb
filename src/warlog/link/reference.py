"""Existing event datasets as reference records (ACLED, UCDP GED, VDC victim lists) and matching linked events to
them within date and place windows. VDC lists victims, so its records are grouped by day and place of death."""

from __future__ import annotations

import csv
import gzip
import io
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from warlog.link.blocking import DATE_WINDOW_DAYS, RADIUS_KM, haversine_km
from warlog.link.corroboration import corroborate_reports
from warlog.store import linking as db

if TYPE_CHECKING:
    from warlog.store import Store

FORMATS = ("acled", "ucdp", "vdc")

# Syrian governorates as the datasets and the gazetteer spell them -> one key.
_GOVERNORATES = {
    "aleppo": "aleppo",
    "halab": "aleppo",
    "damascus": "damascus",
    "dimashq": "damascus",
    "damascussuburbs": "rural damascus",
    "ruraldamascus": "rural damascus",
    "rifdimashq": "rural damascus",
    "damascuscountryside": "rural damascus",
    "idlib": "idlib",
    "idleb": "idlib",
    "homs": "homs",
    "hama": "hama",
    "daraa": "daraa",
    "dara": "daraa",
    "deirezzor": "deir ez zor",
    "deirezzour": "deir ez zor",
    "deirazzor": "deir ez zor",
    "raqqa": "raqqa",
    "raqqah": "raqqa",
    "hasakeh": "hasakeh",
    "hasakah": "hasakeh",
    "hassakeh": "hasakeh",
    "lattakia": "lattakia",
    "latakia": "lattakia",
    "tartous": "tartous",
    "tartus": "tartous",
    "quneitra": "quneitra",
    "sweida": "sweida",
    "suwayda": "sweida",
    "suweida": "sweida",
}


def admin1_key(name: str | None) -> str | None:
    """A governorate-level name reduced to one key ("Damascus Suburbs" and "Rural Damascus" agree); else lower-case."""
    if not name:
        return None
    s = name.strip().lower()
    s = re.sub(r"\b(governorate|province|gov\.?)\b", "", s)
    flat = re.sub(r"[^a-z]", "", re.sub(r"^(al|ar|as|ad|an|ash|el)[\s\-]+", "", s))
    return _GOVERNORATES.get(flat, s.strip() or None)


def _open_text(path: str | Path) -> io.TextIOBase:
    """A text handle on a plain or gzip CSV (UTF-8, stray bytes replaced)."""
    p = Path(path)
    if p.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(p, "rb"), encoding="utf-8", errors="replace", newline="")
    return open(p, encoding="utf-8", errors="replace", newline="")  # noqa: SIM115


def _date(value: str | None) -> date | None:
    """ISO, "02 June 2023" (ACLED) or m/d/Y dates; None for empty and 0000-00-00."""
    if not value or value.startswith("0000"):
        return None
    v = value.strip()
    for fmt in ("%Y-%m-%d", "%d %B %Y", "%m/%d/%Y", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.strptime(v[:19] if fmt.endswith("%S") else v, fmt).date()
        except ValueError:
            continue
    try:
        return date.fromisoformat(v[:10])
    except ValueError:
        return None


def _int(value: Any) -> int | None:
    """An int from text ("12", "12.0"), None when empty or not a number."""
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None


def _float(value: Any) -> float | None:
    """A float from text, None when empty or not a number."""
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def parse_acled(rows: Iterable[dict[str, str]]) -> Iterator[dict[str, Any]]:
    """ACLED export rows as reference events."""
    for r in rows:
        d = _date(r.get("event_date"))
        if d is None:
            continue
        f = _int(r.get("fatalities"))
        yield {
            "id": f"acled:{r.get('event_id_cnty') or r.get('event_id')}",
            "dataset": "acled",
            "event_date": d,
            "date_end": None,
            "event_type": r.get("event_type") or None,
            "sub_event_type": r.get("sub_event_type") or None,
            "actor1": r.get("actor1") or None,
            "actor2": r.get("actor2") or None,
            "location": r.get("location") or None,
            "admin1": r.get("admin1") or None,
            "admin2": r.get("admin2") or None,
            "country": r.get("country") or None,
            "latitude": _float(r.get("latitude")),
            "longitude": _float(r.get("longitude")),
            "geo_precision": _int(r.get("geo_precision")),
            "fatalities": f,
            "fatalities_low": f,
            "fatalities_high": f,
            "source": r.get("source") or None,
            "notes": r.get("notes") or None,
        }


_UCDP_TYPE = {"1": "Battles", "2": "Battles", "3": "Violence against civilians"}


def parse_ucdp(rows: Iterable[dict[str, str]]) -> Iterator[dict[str, Any]]:
    """UCDP GED rows as reference events (where_prec 1-2 kept, 3 -> district, 4+ -> province)."""
    for r in rows:
        start = _date(r.get("date_start"))
        if start is None:
            continue
        prec = _int(r.get("where_prec")) or 4
        adm1 = (r.get("adm_1") or "").removesuffix(" governorate").removesuffix(" Governorate") or None
        adm2 = (r.get("adm_2") or "").removesuffix(" district").removesuffix(" District") or None
        yield {
            "id": f"ucdp:{r.get('id')}",
            "dataset": "ucdp",
            "event_date": start,
            "date_end": _date(r.get("date_end")),
            "event_type": _UCDP_TYPE.get(str(r.get("type_of_violence"))),
            "sub_event_type": None,
            "actor1": r.get("side_a") or None,
            "actor2": r.get("side_b") or None,
            "location": r.get("where_coordinates") or r.get("where_description") or None,
            "admin1": adm1,
            "admin2": adm2,
            "country": r.get("country") or None,
            "latitude": _float(r.get("latitude")),
            "longitude": _float(r.get("longitude")),
            "geo_precision": 1 if prec <= 1 else 2 if prec <= 3 else 3,
            "fatalities": _int(r.get("best")),
            "fatalities_low": _int(r.get("low")),
            "fatalities_high": _int(r.get("high")),
            "source": r.get("source_office") or None,
            "notes": r.get("source_headline") or None,
        }


def parse_vdc(rows: Iterable[dict[str, str]]) -> Iterator[dict[str, Any]]:
    """VDC victim rows grouped by (date of death, province of death, place): one reference event, deaths = victims."""
    groups: dict[tuple[date, str, str], list[dict[str, str]]] = defaultdict(list)
    for r in rows:
        d = _date(r.get("date_of_death"))
        if d is None:
            continue
        loc = (r.get("death_location") or "").strip()
        province, _, place = loc.partition(":") if loc else ((r.get("province") or "").strip(), "", "")
        province, place = province.strip(), place.strip()
        if not province or province in ("Unknown", "Other Nationalities"):
            continue
        groups[(d, admin1_key(province) or province, place.lower())].append(r)
    for (d, key, place_key), victims in sorted(groups.items()):
        first = victims[0]
        loc = (first.get("death_location") or "").strip()
        province = (loc.partition(":")[0] if loc else first.get("province") or "").strip()
        place = loc.partition(":")[2].strip() if loc else ""
        causes = sorted({v.get("cause_of_death") or "" for v in victims} - {""})
        actors = sorted({v.get("actors") or "" for v in victims} - {""})
        yield {
            "id": f"vdc:{d.isoformat()}:{key}:{place_key}",
            "dataset": "vdc",
            "event_date": d,
            "date_end": None,
            "event_type": None,
            "sub_event_type": "; ".join(causes) or None,
            "actor1": "; ".join(actors)[:300] or None,
            "actor2": None,
            "location": place or None,
            "admin1": province,
            "admin2": None,
            "country": "Syria",
            "latitude": None,
            "longitude": None,
            "geo_precision": 2 if place else 3,
            "fatalities": len(victims),
            "fatalities_low": len(victims),
            "fatalities_high": None,  # a partial victim list: a floor, not a total
            "source": "VDC",
            "notes": f"{len(victims)} victim record(s); uids {', '.join(v.get('uid', '') for v in victims[:10])}",
        }


PARSERS = {"acled": parse_acled, "ucdp": parse_ucdp, "vdc": parse_vdc}


def read_reference(path: str | Path, fmt: str) -> list[dict[str, Any]]:
    """Reference events from a dataset file (CSV or CSV.gz) in one of FORMATS."""
    if fmt not in PARSERS:
        raise ValueError(f"unknown reference format {fmt!r}: use {', '.join(FORMATS)}")
    with _open_text(path) as fh:
        return list(PARSERS[fmt](csv.DictReader(fh)))


def import_reference(store: Store, path: str | Path, fmt: str) -> int:
    """Load a reference dataset into the store and match every linked event to it; returns records stored."""
    rows = read_reference(path, fmt)
    n = db.save_reference(store, rows)
    event_ids = [e["id"] for e in db.query_events(store.engine)]
    if event_ids:
        match_events(store, event_ids)
        corroborate_reports(store, None)
    return n


def figures_agree(ours: int, ref: dict[str, Any]) -> bool | None:
    """Whether our toll fits the record; None when it cannot tell (no toll, or a partial victim list below ours)."""
    theirs = ref.get("fatalities")
    if theirs is None or not ours:
        return None
    low = ref.get("fatalities_low") if ref.get("fatalities_low") is not None else theirs
    high = ref.get("fatalities_high")
    if high is None:  # a floor (VDC): more deaths than listed is possible, fewer than listed is a disagreement
        if ours >= low:
            return True if ours <= max(low * 2, low + 3) else None
        return ours >= low * 0.6
    low, high = min(low, theirs), max(high, theirs)
    return low * 0.6 - 2 <= ours <= high * 1.5 + 2


def place_matches(event: dict[str, Any], ref: dict[str, Any]) -> tuple[bool, float | None]:
    """(same place?, km apart) by coordinates within the coarser precision's radius, else by governorate."""
    km = None
    if None not in (event.get("latitude"), event.get("longitude"), ref.get("latitude"), ref.get("longitude")):
        km = haversine_km(event["latitude"], event["longitude"], ref["latitude"], ref["longitude"])
        radius = max(RADIUS_KM.get(event.get("geo_precision") or 3, 80.0), RADIUS_KM.get(ref.get("geo_precision") or 3))
        if km <= radius:
            return True, km
    a, b = admin1_key(event.get("admin1")), admin1_key(ref.get("admin1"))
    if a and b and a == b:
        coarse = max(event.get("geo_precision") or 3, ref.get("geo_precision") or 3)
        if coarse >= 3 or km is None:
            return True, km
    return False, km


def match_event(event: dict[str, Any], refs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Reference records within the event's date window and place; one match row each."""
    day = event.get("event_date")
    if isinstance(day, str):
        day = date.fromisoformat(day)
    if day is None:
        return []
    window = DATE_WINDOW_DAYS.get(event.get("time_precision") or 1, 31)
    out = []
    for ref in refs:
        start, end = ref["event_date"], ref.get("date_end") or ref["event_date"]
        days = 0 if start <= day <= end else min(abs((day - start).days), abs((day - end).days))
        if days > window:
            continue
        ok, km = place_matches(event, ref)
        if not ok:
            continue
        out.append(
            {
                "event_id": event["id"],
                "reference_id": ref["id"],
                "days": days,
                "km": round(km, 1) if km is not None else None,
                "figures_agree": figures_agree(event.get("fatalities") or 0, ref),
            }
        )
    return out


def match_events(store: Store, event_ids: list[str]) -> int:
    """Match these events to the stored reference records (replacing earlier matches); returns matches written."""
    wanted = set(event_ids)
    evs = [e for e in db.query_events(store.engine) if e["id"] in wanted and e.get("event_date")]
    rows: list[dict[str, Any]] = []
    if evs:
        days = [date.fromisoformat(e["event_date"]) for e in evs]
        refs = db.reference_between(store.engine, min(days) - timedelta(days=31), max(days) + timedelta(days=31))
        by_day: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for r in refs:
            by_day[r["event_date"].toordinal()].append(r)
        for e, d in zip(evs, days, strict=True):
            window = DATE_WINDOW_DAYS.get(e.get("time_precision") or 1, 31)
            near = [r for k in range(d.toordinal() - 31, d.toordinal() + window + 1) for r in by_day.get(k, [])]
            rows.extend(match_event(e, near))
    db.save_matches(store, sorted(wanted), rows)
    return len(rows)
