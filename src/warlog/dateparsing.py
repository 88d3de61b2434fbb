"""The one wrapper around dateparser (a slow import, loaded on first use): English, a day-level date or None.

Two callers ask it different questions: date phrases inside a report, anchored to the publication date and leaning to
the past (`extract.dates`), and metadata dates, which must write day, month and year (`ingest.dateline`).
"""

from __future__ import annotations

from datetime import date, datetime


def parse_date(
    text: str, *, relative_to: date | None = None, prefer_past: bool = False, require_full: bool = False
) -> date | None:
    """The day dateparser reads in `text` (English only), or None, also when dateparser fails on odd input.

    relative_to: the day relative phrases count from; prefer_past: ambiguous phrases resolve to the past;
    require_full: day, month and year must all be written."""
    import dateparser  # slow import: only when needed

    settings: dict[str, object] = {}
    if prefer_past:
        settings["PREFER_DATES_FROM"] = "past"
    if relative_to is not None:
        settings["RELATIVE_BASE"] = datetime(relative_to.year, relative_to.month, relative_to.day)
    if require_full:
        settings["REQUIRE_PARTS"] = ["day", "month", "year"]
        settings["RETURN_AS_TIMEZONE_AWARE"] = False
    try:
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
    except Exception:  # noqa: BLE001 - dateparser raises assorted errors on odd input
        return None
    return parsed.date() if parsed else None
