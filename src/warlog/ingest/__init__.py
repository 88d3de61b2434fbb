"""Readers that turn files, directories, URLs, feeds and corpora into Reports, one bad input never stopping a batch.

`read_sources` is the entry point: it dispatches each path to a reader, cleans the text (repeated paragraphs
dropped) and settles the publication date (metadata, else dateline, else the `published` flag; never today).

It is also the one guard between a user's string and a read: http(s) URLs go through the pinned fetcher (private
addresses refused unless allowed), and local files and folders are read only when the caller passes
`local_files=True`. The CLI does (its user owns the disk); the HTTP API never does, so a token cannot read the
server's files.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

from warlog.ingest.clean import clean_text, drop_repeated_paragraphs, storable
from warlog.ingest.corpus import count_csv_records, read_csv, read_json_bytes, read_jsonl
from warlog.ingest.dateline import find_dateline_date
from warlog.ingest.errors import FetchError, IngestError, IngestFailure
from warlog.ingest.feeds import is_feed, read_feed
from warlog.ingest.html import read_html
from warlog.ingest.text import decode_bytes, read_file_bytes, read_text_bytes, read_text_file
from warlog.model import Report

__all__ = [
    "FetchError",
    "IngestError",
    "IngestFailure",
    "clean_text",
    "count_sources",
    "drop_repeated_paragraphs",
    "fetch_url",
    "find_dateline_date",
    "is_feed",
    "read_csv",
    "read_feed",
    "read_html",
    "read_jsonl",
    "read_sources",
    "read_text_file",
]


def __getattr__(name: str) -> object:
    """`fetch_url`, imported when first asked for (it brings the HTTP client)."""
    if name == "fetch_url":
        from warlog.ingest.fetch import fetch_url

        return fetch_url
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


TEXT_EXT = {".txt", ".md", ".text", ".markdown"}
HTML_EXT = {".html", ".htm", ".xhtml"}
CSV_EXT = {".csv", ".tsv"}
JSONL_EXT = {".jsonl", ".ndjson"}
JSON_EXT = {".json"}
FEED_EXT = {".xml", ".rss", ".atom"}
_URL = re.compile(r"^https?://", re.I)
# Longest report text we extract: far beyond any news report, well under spaCy's 1,000,000-character limit (a longer
# text would make the parser raise in the middle of a batch) and its memory needs (about 1 GB per 100,000 characters).
MAX_REPORT_CHARS = 200_000
# Metadata lengths the reports table declares (PostgreSQL enforces them: a longer value would fail the whole batch).
MAX_OUTLET_CHARS = 300
MAX_LANGUAGE_CHARS = 16
_LANGUAGE = re.compile(r"[a-z]{2,8}")


def is_url(path: str) -> bool:
    """Whether a source is an http(s) URL rather than a path."""
    return bool(_URL.match(path))


def _walk(directory: Path) -> Iterator[Path]:
    """Files under a directory, recursively, in sorted order, skipping hidden files and folders."""
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name


LOCAL_REFUSED = "not an http(s) URL: local files and folders are not read here"


def _expand(paths: Iterable[str | Path], local_files: bool) -> Iterator[str | Path | IngestError]:
    """URLs as they are; directories as the files under them; other paths as Paths, or (without local_files) an
    IngestError for each."""
    for p in paths:
        s = str(p)
        if is_url(s):
            yield s
            continue
        if not local_files:
            yield IngestError(s[:300], None, LOCAL_REFUSED)
            continue
        path = Path(s)
        if path.is_dir():
            yield from _walk(path)
        else:
            yield path


def _read_file(path: Path, mapping: dict[str, str] | None) -> Iterator[Report | IngestError]:
    """Dispatch one file to its reader by extension, or by sniffing when the extension says nothing."""
    source = str(path)
    ext = path.suffix.lower()
    if not path.exists():
        yield IngestError(source, None, "no such file or directory")
        return
    if ext in CSV_EXT:
        yield from read_csv(path, mapping)
        return
    if ext in JSONL_EXT:
        yield from read_jsonl(path, mapping)
        return
    data = read_file_bytes(path)
    if ext in TEXT_EXT:
        yield read_text_bytes(data, source)
    elif ext in HTML_EXT:
        yield read_html(data, source=source)
    elif ext in JSON_EXT:
        yield from read_json_bytes(data, source, mapping)
    elif ext in FEED_EXT or is_feed(data):
        yield from read_feed(data, source)
    elif re.match(rb"\s*<(?:!doctype\s+html|html)\b", data[:1024], re.I):
        yield read_html(data, source=source)
    else:
        decode_bytes(data)  # raises IngestFailure for binary files
        yield read_text_bytes(data, source)


def _read_url(url: str, mapping: dict[str, str] | None, allow_private: bool) -> Iterator[Report | IngestError]:
    """Fetch a URL and read it as a feed, JSON, plain text or HTML according to its content type and body."""
    from warlog.ingest.fetch import fetch_url  # (the HTTP client's import, ~0.1 s, only when a URL is read)

    data, content_type, final_url = fetch_url(url, allow_private=allow_private)
    if is_feed(data) or any(k in content_type for k in ("rss", "atom", "rdf")):
        yield from read_feed(data, url)
    elif "json" in content_type:
        yield from read_json_bytes(data, url, mapping)
    elif content_type == "text/plain":
        report = read_text_bytes(data, url)
        yield dataclasses.replace(report, url=report.url or final_url)
    else:
        yield read_html(data, url=final_url, source=url)


def _guarded(source: str, items: Iterator[Report | IngestError]) -> Iterator[Report | IngestError]:
    """Run a reader, turning any failure into an IngestError for that source (records already read are kept)."""
    try:
        yield from items
    except IngestFailure as exc:
        yield IngestError(source, None, exc.reason)
    except FetchError as exc:
        yield IngestError(source, None, str(exc))
    except Exception as exc:  # a reader bug or a library choking on one input must not stop the batch
        yield IngestError(source, None, f"{exc.__class__.__name__}: {exc}")


def finalize(
    report: Report, *, published: date | None = None, outlet: str | None = None, now: datetime | None = None
) -> Report:
    """Clean a freshly read report: repeated paragraphs dropped (id re-hashed), publication date settled, outlet filled.

    Date precedence: the source's own metadata, else a dateline at the top of the text, else the `published`
    flag; unknown stays None (never today).
    """
    text = drop_repeated_paragraphs(report.text)
    pub, basis = report.published, report.published_basis
    if pub is not None:
        basis = basis or "metadata"
    else:
        pub = find_dateline_date(text)
        basis = "dateline" if pub else None
        if pub is None and published is not None:
            pub, basis = published, "flag"
    return dataclasses.replace(
        report,
        text=text,
        id="",  # re-hash: the id is the hash of the cleaned text
        published=pub,
        published_basis=basis,
        title=_meta(report.title),
        outlet=_meta(report.outlet or outlet, MAX_OUTLET_CHARS),
        url=storable(report.url).strip() or None if report.url else None,
        language=_language(report.language),
        source_path=storable(report.source_path) if report.source_path else None,
        ingested_at=report.ingested_at or now or datetime.now(UTC),
    )


def _meta(value: str | None, limit: int | None = None) -> str | None:
    """A metadata string as the store can hold it: one clean line, cut to the column's length; empty becomes None."""
    if value is None:
        return None
    value = " ".join(storable(str(value)).split())
    return (value[:limit] if limit else value) or None


def _language(value: str | None) -> str:
    """A language tag reduced to its primary subtag ("en-GB" -> "en"); anything that is not a tag means English."""
    tag = (value or "").strip().lower().replace("_", "-").split("-")[0]
    return tag if _LANGUAGE.fullmatch(tag) and len(tag) <= MAX_LANGUAGE_CHARS else "en"


def _too_long(report: Report, source: str) -> IngestError | None:
    """An IngestError for a report longer than MAX_REPORT_CHARS (named by its record), else None."""
    if len(report.text) <= MAX_REPORT_CHARS:
        return None
    path = report.source_path or source
    record = path.split("#", 1)[1] if path.startswith(source + "#") else None
    return IngestError(source, record, f"report too long ({len(report.text)} characters > {MAX_REPORT_CHARS})")


def read_sources(
    paths: Iterable[str | Path],
    *,
    mapping: dict[str, str] | None = None,
    published: date | None = None,
    outlet: str | None = None,
    allow_private: bool = False,
    local_files: bool = False,
) -> Iterator[Report | IngestError]:
    """Reports (or IngestErrors) from http(s) URLs and, with `local_files`, files and directories (recursive,
    sorted, hidden skipped); without it every path is an IngestError and nothing on disk is touched.

    `mapping` maps warlog fields to corpus columns; `published` and `outlet` fill what a source does not say.
    An error in one input never stops the others.
    """
    for item in _expand(paths, local_files):
        if isinstance(item, IngestError):
            yield item
            continue
        source = item if isinstance(item, str) else str(item)
        if isinstance(item, str):
            results = _guarded(item, _read_url(item, mapping, allow_private))
        else:
            results = _guarded(source, _read_file(item, mapping))
        for result in results:
            if isinstance(result, Report):
                yield _too_long(result, source) or finalize(result, published=published, outlet=outlet)
            else:
                yield result


def _count_file(path: Path) -> int | None:
    """Records in one file when cheap to count: 1 for a document, rows for corpora, entries for feeds."""
    ext = path.suffix.lower()
    try:
        if ext in JSONL_EXT:
            with open(path, "rb") as f:
                return sum(1 for line in f if line.strip())
        if ext in CSV_EXT:
            return count_csv_records(path)
        if ext in FEED_EXT:
            with open(path, "rb") as f:
                return len(re.findall(rb"<(?:item|entry)\b", f.read())) or None
        if ext in JSON_EXT:
            return None
    except (OSError, ValueError):
        return None
    return 1


def count_sources(paths: Iterable[str | Path]) -> int | None:
    """How many items read_sources will yield, for a progress bar; None when not cheap to know (URLs, feeds)."""
    total = 0
    for item in _expand(paths, local_files=True):
        if isinstance(item, str | IngestError):
            return None
        n = _count_file(item)
        if n is None:
            return None
        total += n
    return total
