"""Mentions, reports and claims as table rows and back (plain conversions, no database access)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict
from datetime import UTC, date, datetime
from typing import Any

from warlog.model import Claim, Evidence, Mention, Place, Report, place_fields


def _iso(value: date | datetime | None) -> str | None:
    """A date (or datetime) as ISO text, None stays None."""
    return value.isoformat() if value is not None else None


def _as_date(value: Any) -> date | None:
    """Accept a date, a datetime or ISO text from a row; return a date."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _json_value(value: Any) -> Any:
    """JSON columns come back decoded from SQLAlchemy; accept raw JSON text too (rows read by other tools)."""
    if isinstance(value, str):
        return json.loads(value)
    return value


def _utc_naive(value: datetime | None) -> datetime:
    """Timestamps are stored as naive UTC so SQLite and PostgreSQL agree; None means now."""
    if value is None:
        return datetime.now(UTC).replace(tzinfo=None)
    if value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None)
    return value


def row_from_mention(m: Mention) -> dict[str, Any]:
    """A Mention as a `mentions` row (dates as date objects, evidence as a JSON list)."""
    p = m.place
    return {
        "id": m.id,
        "report_id": m.report_id,
        "event_date": m.event_date,
        "time_precision": m.time_precision,
        "disorder_type": m.disorder_type,
        "event_type": m.event_type,
        "sub_event_type": m.sub_event_type,
        "actor1": m.actor1,
        "assoc_actor_1": m.assoc_actor_1,
        "inter1": m.inter1,
        "actor2": m.actor2,
        "assoc_actor_2": m.assoc_actor_2,
        "inter2": m.inter2,
        **place_fields(p),
        "fatalities": m.fatalities or 0,
        "injured": m.injured,
        "civilians": m.civilians,
        "children": m.children,
        "women": m.women,
        "attributed_to": m.attributed_to,
        "confidence": m.confidence,
        "evidence": [asdict(e) for e in m.evidence],
        "unresolved_places": list(m.unresolved_places),
        "event_id": None,
    }


def _place_from_row(row: Mapping[str, Any]) -> Place | None:
    """The Place columns of a mention row, or None when the mention was not geocoded."""
    if row.get("location") is None and row.get("latitude") is None:
        return None
    return Place(
        location=row.get("location") or "",
        latitude=row.get("latitude"),  # type: ignore[arg-type]
        longitude=row.get("longitude"),  # type: ignore[arg-type]
        geo_precision=row.get("geo_precision"),  # type: ignore[arg-type]
        country=row.get("country"),
        admin1=row.get("admin1"),
        admin2=row.get("admin2"),
        admin3=row.get("admin3"),
        iso=row.get("iso"),
        gazetteer_id=row.get("gazetteer_id"),
    )


def mention_from_row(row: Mapping[str, Any]) -> Mention:
    """A `mentions` row (a RowMapping or a dict; dates as date or ISO text) back as a Mention."""
    row = dict(row)
    evidence = _json_value(row.get("evidence")) or []
    confidence = row.get("confidence")
    return Mention(
        id=row["id"],
        report_id=row["report_id"],
        event_date=_as_date(row.get("event_date")),
        time_precision=row.get("time_precision") or 1,
        disorder_type=row.get("disorder_type"),
        event_type=row.get("event_type"),
        sub_event_type=row.get("sub_event_type"),
        actor1=row.get("actor1"),
        assoc_actor_1=row.get("assoc_actor_1"),
        actor2=row.get("actor2"),
        assoc_actor_2=row.get("assoc_actor_2"),
        inter1=row.get("inter1"),
        inter2=row.get("inter2"),
        place=_place_from_row(row),
        fatalities=row.get("fatalities") or 0,
        injured=row.get("injured"),
        civilians=row.get("civilians"),
        children=row.get("children"),
        women=row.get("women"),
        attributed_to=row.get("attributed_to"),
        evidence=[Evidence(text=e["text"], start=e["start"], end=e["end"]) for e in evidence],
        confidence=0.5 if confidence is None else confidence,
        unresolved_places=list(_json_value(row.get("unresolved_places")) or []),
    )


def row_from_report(r: Report) -> dict[str, Any]:
    """A Report as a `reports` row."""
    return {
        "id": r.id,
        "url": r.url,
        "outlet": r.outlet,
        "title": r.title,
        "published": r.published,
        "published_basis": r.published_basis,
        "language": r.language,
        "source_path": r.source_path,
        "text": r.text,
        "ingested_at": _utc_naive(r.ingested_at),
    }


def row_from_claim(c: Claim) -> dict[str, Any]:
    """A Claim as a `claims` row (the `where` field goes to the column named `place`)."""
    return {
        "id": c.id,
        "report_id": c.report_id,
        "quantity": c.quantity,
        "what": c.what,
        "where_": c.where,
        "period": c.period,
        "attributed_to": c.attributed_to,
        "evidence": asdict(c.evidence) if c.evidence else None,
    }


def _claim_dict(row: Mapping[str, Any]) -> dict[str, Any]:
    """A `claims` row as the same dict Claim.to_dict() gives."""
    return {
        "report_id": row["report_id"],
        "quantity": row["quantity"],
        "what": row["what"],
        "where": row["where_"],
        "period": row["period"],
        "attributed_to": row["attributed_to"],
        "evidence": _json_value(row["evidence"]),
        "id": row["id"],
    }
