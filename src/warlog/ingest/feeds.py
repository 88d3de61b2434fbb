"""RSS and Atom feeds with feedparser: one Report per entry."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from warlog.ingest.clean import clean_text
from warlog.ingest.dateline import parse_date_value
from warlog.ingest.errors import IngestError
from warlog.model import Report

_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:rdf)\b", re.I)
_HTML_ROOT = re.compile(rb"<(?:!doctype\s+html|html)\b", re.I)
_BLOCK_TAGS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "section", "article")


def is_feed(data: bytes | str) -> bool:
    """Sniff whether data is an RSS/Atom/RDF feed: a feed root element before any HTML root, near the start."""
    head = (data.encode("utf-8", "ignore") if isinstance(data, str) else data)[:4096]
    m = _FEED_ROOT.search(head)
    if not m:
        return False
    html = _HTML_ROOT.search(head)
    return html is None or m.start() < html.start()


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed summary), one paragraph per block element."""
    if "<" not in fragment:
        return clean_text(fragment)
    try:
        import lxml.html

        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # malformed or empty markup: strip tags crudely
        return clean_text(re.sub(r"<[^>]+>", " ", fragment))
    for el in root.iter("script", "style"):
        el.drop_tree()
    for el in root.iter(*_BLOCK_TAGS):
        el.tail = "\n\n" + (el.tail or "") if el.tag != "br" else "\n" + (el.tail or "")
    return clean_text(root.text_content())


def _entry_date(entry: Any) -> date | None:
    """Publication date of an entry: published, then updated, then created."""
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return parse_date_value(date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday).isoformat())
    for key in ("published", "updated", "created"):
        if entry.get(key):
            found = parse_date_value(entry.get(key))
            if found:
                return found
    return None


def _entry_text(entry: Any) -> str:
    """The longest of the entry's content blocks and summary, as plain text."""
    candidates = [c.get("value", "") for c in entry.get("content", []) or []]
    candidates.append(entry.get("summary", "") or "")
    texts = [html_to_text(c) for c in candidates if c and c.strip()]
    return max(texts, key=len, default="")


def read_feed(data: bytes | str, source: str) -> Iterator[Report | IngestError]:
    """Each feed entry as a Report (title, link, date, feed title as outlet); entries without text are errors."""
    import feedparser

    if isinstance(data, str):  # already decoded: make the XML declaration agree with the bytes we hand over
        data = re.sub(r"""\A(\s*<\?xml[^>]*?encoding=)["'][^"']*["']""", r'\1"utf-8"', data.lstrip("\ufeff"))
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        # A file object, never a bare string: feedparser would treat a string as a URL or a local path to open.
        parsed = feedparser.parse(io.BytesIO(raw))
    except Exception as exc:  # feedparser is lenient, but guard the batch anyway
        yield IngestError(source, None, f"unreadable feed: {exc}")
        return
    entries = parsed.get("entries", [])
    if not entries:
        problem = parsed.get("bozo_exception")
        yield IngestError(source, None, f"no feed entries{f' ({problem})' if problem else ''}")
        return
    outlet = clean_text(parsed.get("feed", {}).get("title", "") or "") or None
    language = (parsed.get("feed", {}).get("language") or "en").split("-")[0].lower()
    for number, entry in enumerate(entries, start=1):
        text = _entry_text(entry)
        if not text:
            yield IngestError(source, str(number), "feed entry has no text")
            continue
        published = _entry_date(entry)
        yield Report(
            text=text,
            title=clean_text(html_to_text(entry.get("title", "") or "")) or None,
            outlet=outlet,
            url=entry.get("link") or None,
            published=published,
            published_basis="metadata" if published else None,
            language=language or "en",
            source_path=f"{source}#{number}",
        )
