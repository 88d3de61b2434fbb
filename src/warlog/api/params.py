"""Request parameters shared by the API's routers: who may call (reader, analyst, admin) and the event filters."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Depends, HTTPException, Query

from warlog.api.auth import Principal, require_admin, require_analyst, require_reader
from warlog.api.validation import Count, Km, parse_bbox, parse_point
from warlog.store import search
from warlog.store.query import EventFilter, parse_status

Reader = Annotated[Principal, Depends(require_reader)]
Analyst = Annotated[Principal, Depends(require_analyst)]
Admin = Annotated[Principal, Depends(require_admin)]


# ---------------------------------------------------------------------------------------------------------------------
# query parameters


def event_filter(
    bbox: Annotated[str | None, Query(max_length=200, description="west,south,east,north in degrees")] = None,
    near: Annotated[str | None, Query(max_length=100, description="lat,lon centre for km")] = None,
    km: Km = None,
    since: date | None = None,
    until: date | None = None,
    country: Annotated[str | None, Query(max_length=100)] = None,
    admin1: Annotated[str | None, Query(max_length=200)] = None,
    event_type: Annotated[str | None, Query(max_length=100)] = None,
    sub_event_type: Annotated[str | None, Query(max_length=100)] = None,
    actor: Annotated[str | None, Query(max_length=300)] = None,
    min_fatalities: Count = None,
    status: Annotated[
        str | None, Query(max_length=200, description="active (default), all, or a comma list of statuses")
    ] = None,
    q: Annotated[
        str | None,
        Query(max_length=300, description='search actors, places, evidence, notes: words, "phrases", word*, OR, -word'),
    ] = None,
    report_id: Annotated[str | None, Query(max_length=40)] = None,
) -> EventFilter:
    """The filters shared by /api/events, its GeoJSON and CSV forms, and /api/stats."""
    box = parse_bbox(bbox)
    centre = parse_point(near)
    try:
        statuses = parse_status(status)
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None
    for name, text in (("q", q), ("actor", actor)):
        if text and text.strip():
            try:
                search.parse(text)
            except search.SearchSyntaxError as exc:
                raise HTTPException(422, f"{name}: {exc}") from None
    return EventFilter(
        bbox=box,
        near=centre,
        km=km,
        since=since,
        until=until,
        country=country,
        admin1=admin1,
        event_type=event_type,
        sub_event_type=sub_event_type,
        actor=actor,
        min_fatalities=min_fatalities,
        status=statuses,
        q=q,
        report_id=report_id,
    )


Filter = Annotated[EventFilter, Depends(event_filter)]
