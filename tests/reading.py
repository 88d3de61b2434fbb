"""Helpers the report-coding tests share: a report extracted as `warlog extract` reads it, distances, a short view."""

from __future__ import annotations

from datetime import date

from warlog.extract.frames import extract_report
from warlog.extract.types import classify_sentence
from warlog.gazetteer import haversine_km
from warlog.model import Mention, Report


def events(nlp, text: str, published: date, accept: bool = True) -> list[Mention]:
    """The events of one report written as text, published on ``published`` (``accept=False``: every draft, before
    the acceptance model judges them)."""
    return extract_report(Report(text=text, published=published), nlp, accept=accept).mentions


def own_report(nlp, name: str) -> list[Mention]:
    """The events of a report of ``examples/reports-world`` read as `warlog extract FILE` reads it (its front matter
    gives the publication day)."""
    from pathlib import Path

    from warlog.extract.run import extract_reports
    from warlog.ingest import read_sources

    path = Path(__file__).resolve().parents[1] / "examples" / "reports-world" / name
    (report,) = [r for r in read_sources([path], local_files=True) if isinstance(r, Report)]
    (ex,) = extract_reports([report], nlp=nlp)
    return ex.mentions


def sub_event(sentence: str) -> str | None:
    """The ACLED sub-event type `classify_sentence` gives one sentence, or None."""
    match = classify_sentence(sentence)
    return match.sub_event_type if match else None


def km(place, lat: float, lon: float) -> float:
    """Distance from a place to a point, in kilometres."""
    return haversine_km(place.latitude, place.longitude, lat, lon)


def seen(found) -> list[tuple]:
    """Day, sub-type, actor1, place and toll of each event: what an assertion message shows."""
    return [(str(e.event_date), e.sub_event_type, e.actor1, e.place.location if e.place else None, e.fatalities)
            for e in found]  # fmt: skip
