"""Helpers the report-coding tests share: a report extracted as `warlog extract` reads it, distances, a short view."""

from __future__ import annotations

from datetime import date

from warlog.extract.frames import extract_report
from warlog.gazetteer import haversine_km
from warlog.model import Mention, Report


def events(nlp, text: str, published: date) -> list[Mention]:
    """The events of one report written as text, published on ``published``."""
    return extract_report(Report(text=text, published=published), nlp).mentions


def km(place, lat: float, lon: float) -> float:
    """Distance from a place to a point, in kilometres."""
    return haversine_km(place.latitude, place.longitude, lat, lon)


def seen(found) -> list[tuple]:
    """Day, sub-type, actor1, place and toll of each event: what an assertion message shows."""
    return [(str(e.event_date), e.sub_event_type, e.actor1, e.place.location if e.place else None, e.fatalities)
            for e in found]  # fmt: skip
