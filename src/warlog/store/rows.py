"""Rows read back as the model's objects: a `mentions` row as a Mention, a `claims` row as Claim.to_dict() gives it.

A leaf module (schema-free, no store imports), so the query layer and the store both read rows the same way.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from warlog.model import Evidence, Mention, Place


def iso_text(value: Any) -> Any:
    """A date or datetime as ISO text; anything else unchanged."""
    return value.isoformat() if isinstance(value, date | datetime) else value


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


def mention_dict(row: Mapping[str, Any]) -> dict[str, Any]:
    """A mention row joined to its report as Mention.to_acled() plus the report's outlet, title, url and published."""
    d = mention_from_row(row).to_acled()
    d["outlet"] = row["outlet"]
    d["title"] = row["title"]
    d["url"] = row["url"]
    d["published"] = iso_text(row["published"])
    d["review_status"] = "proposed"  # mentions are not reviewed; an unlinked store shows them as the machine found
    return d


def corroboration_from_row(stored: Any) -> dict[str, Any]:
    """A report's corroboration as stored in report_credibility.reasons ({"counts", "reasons"}); rows written before
    scores were dropped held a bare list of weighted reasons."""
    if isinstance(stored, dict):
        return {"counts": stored.get("counts") or {}, "reasons": stored.get("reasons") or []}
    return {"counts": {}, "reasons": list(stored or [])}
