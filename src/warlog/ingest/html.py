"""HTML pages: main text and metadata with trafilatura."""

from __future__ import annotations

import logging
from typing import Any

from warlog.ingest.clean import clean_text
from warlog.ingest.dateline import parse_date_value
from warlog.ingest.errors import IngestFailure
from warlog.model import Report

# trafilatura logs every page it finds too short at WARNING/ERROR; our IngestError says it once.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


def _extract(html: str | bytes, url: str | None, **options: Any) -> Any:
    """trafilatura's bare extraction with metadata, or None when it finds no main text."""
    import trafilatura

    try:
        return trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True, **options
        )
    except Exception:  # trafilatura/lxml raise assorted errors on malformed markup
        return None


def read_html(html: str | bytes, url: str | None = None, source: str | None = None) -> Report:
    """A Report from an HTML page: main text, title, publication date and site name; IngestFailure if no text."""
    if not html or not (html.strip() if isinstance(html, str) else html.strip()):
        raise IngestFailure("empty HTML")
    doc = _extract(html, url)
    text = clean_text(doc.text or "") if doc is not None else ""
    if not text:  # short pages fall under trafilatura's default minimum; try again favouring recall
        doc = _extract(html, url, favor_recall=True)
        text = clean_text(doc.text or "") if doc is not None else ""
    if not text:
        raise IngestFailure("no main text found in HTML")
    published = parse_date_value(getattr(doc, "date", None))
    title = clean_text(getattr(doc, "title", None) or "") or None
    outlet = clean_text(getattr(doc, "sitename", None) or "") or None
    language = getattr(doc, "language", None) or "en"
    return Report(
        text=text,
        title=title,
        outlet=outlet,
        url=url or getattr(doc, "url", None) or None,
        published=published,
        published_basis="metadata" if published else None,
        language=language.split("-")[0].lower() if isinstance(language, str) else "en",
        source_path=source or url,
    )
