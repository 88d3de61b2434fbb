"""Plain data passed between the pipeline steps (ingest -> extract -> store -> link -> serve).

Every step takes and returns these dataclasses; nothing here talks to a database or a person.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

from warlog.countries import split_region
from warlog.taxonomy import taxonomy

# ACLED's event taxonomy: event_type -> sub_event_types (ACLED codebook, 2023 edition), and ACLED's disorder_type per
# event type (Strategic developments are coded per event; "Strategic developments" is ACLED's own value for them).
# Both live in warlog/data/taxonomy.json.
ACLED_TYPES: dict[str, tuple[str, ...]] = taxonomy().event_types
SUB_TO_TYPE: dict[str, str] = taxonomy().sub_to_type
DISORDER_TYPE: dict[str, str] = taxonomy().disorder_types

# ACLED export columns, in ACLED's order (the public API/export tool layout).
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)


def normalise_text(text: str) -> str:
    """Canonical form of a report's text for hashing: NFC, unified newlines, collapsed spaces."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[ \t\u00a0]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def report_id_for(text: str) -> str:
    """Stable report id: a hash of the normalised text, so re-ingesting the same report changes nothing."""
    return "r" + hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:16]


@dataclass
class Report:
    """One news report as ingested: text plus what we know of where and when it was published."""

    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: date | None = None
    published_basis: str | None = None  # "metadata", "dateline", "flag" (--published), or None when unknown
    language: str = "en"
    source_path: str | None = None  # file or URL it came from, with the record number for corpora ("x.csv#12")
    ingested_at: datetime | None = None
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = report_id_for(self.text)


@dataclass
class Evidence:
    """A sentence of the report that supports a mention, with character offsets into Report.text."""

    text: str
    start: int
    end: int


@dataclass
class Place:
    """A resolved place: gazetteer row plus the ACLED-style location label and geo_precision (1-3)."""

    location: str  # ACLED style: "Aleppo", "Aleppo - al-Shaar"
    latitude: float
    longitude: float
    geo_precision: int
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    iso: str | None = None  # ISO 3166-1 alpha-2
    gazetteer_id: str | None = None
    feature: str | None = None  # "district", "city", "town", "admin1", "admin2", "country", ...
    surface: str | None = None  # the name as written in the report


PLACE_FIELDS: tuple[str, ...] = (
    "location", "admin1", "admin2", "admin3", "country", "iso",
    "latitude", "longitude", "geo_precision", "gazetteer_id",
)  # fmt: skip


def place_fields(place: Place | None) -> dict[str, Any]:
    """A place as the flat ACLED-named fields of a row (all None when the place is unknown)."""
    if not place:
        return dict.fromkeys(PLACE_FIELDS)
    return {  # PLACE_FIELDS in order, read directly (once per linked event)
        "location": place.location, "admin1": split_region(place.iso, place.admin1, place.latitude, place.longitude),
        "admin2": place.admin2, "admin3": place.admin3,
        "country": place.country, "iso": place.iso, "latitude": place.latitude, "longitude": place.longitude,
        "geo_precision": place.geo_precision, "gazetteer_id": place.gazetteer_id,
    }  # fmt: skip


@dataclass
class Mention:
    """One event as one report tells it, with ACLED's field names."""

    report_id: str
    event_date: date | None = None
    time_precision: int = 1
    disorder_type: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor1: str | None = None
    assoc_actor_1: str | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    inter1: int | None = None  # ACLED inter codes (1 state forces ... 7 civilians, 8 external/other forces)
    inter2: int | None = None
    place: Place | None = None
    fatalities: int = 0
    injured: int | None = None
    civilians: int | None = None
    children: int | None = None
    women: int | None = None
    attributed_to: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 0.5
    unresolved_places: list[str] = field(default_factory=list)
    id: str = ""
    fatalities_max: int | None = None  # the high end of a stated range ("between two and six": 2, max 6)

    def __post_init__(self) -> None:
        if not self.id:
            self.id = self.make_id()

    def make_id(self) -> str:
        """Stable id from the report and the first evidence offset: same report, same mention id."""
        start = self.evidence[0].start if self.evidence else 0
        where = self.place.location if self.place else ""
        key = f"{self.report_id}|{start}|{self.sub_event_type}|{where}|{self.event_date}"
        return "m" + hashlib.sha256(key.encode()).hexdigest()[:16]

    def to_acled(self) -> dict[str, Any]:
        """The mention as a flat dict with ACLED's field names plus warlog's extras."""
        p = self.place
        return {
            "id": self.id,
            "report_id": self.report_id,
            "event_date": self.event_date.isoformat() if self.event_date else None,
            "time_precision": self.time_precision,
            "disorder_type": self.disorder_type,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "actor1": self.actor1,
            "assoc_actor_1": self.assoc_actor_1,
            "actor2": self.actor2,
            "assoc_actor_2": self.assoc_actor_2,
            "inter1": self.inter1,
            "inter2": self.inter2,
            **place_fields(p),
            "fatalities": self.fatalities,
            "fatalities_max": self.fatalities_max,
            "injured": self.injured,
            "civilians": self.civilians,
            "children": self.children,
            "women": self.women,
            "attributed_to": self.attributed_to,
            "evidence": [asdict(e) for e in self.evidence],
            "confidence": round(self.confidence, 3),
            "unresolved_places": list(self.unresolved_places),
        }


@dataclass
class Claim:
    """An aggregate or contested figure that is not one event ("400 civilians killed since 19 September")."""

    report_id: str
    quantity: int | None
    what: str
    where: str | None = None
    period: str | None = None
    attributed_to: str | None = None
    evidence: Evidence | None = None
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            start = self.evidence.start if self.evidence else 0
            key = f"{self.report_id}|{start}|{self.quantity}|{self.what}"
            self.id = "c" + hashlib.sha256(key.encode()).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        return d


@dataclass
class Extraction:
    """What extraction returns for one report."""

    report: Report
    mentions: list[Mention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None  # extraction failed on this report: nothing of it is stored
    # the acceptance model's features of every draft, when extracted without it (training only; empty otherwise)
    features: list[dict[str, float]] = field(default_factory=list)
