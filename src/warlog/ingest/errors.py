"""What a reader reports when one input (a file, a row, a feed entry, a URL) cannot become a Report."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class IngestError:
    """One input that could not be read; yielded in place of a Report so the batch goes on."""

    source: str
    record: str | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.source}#{self.record}" if self.record is not None else self.source
        return f"{where}: {self.reason}"


class IngestFailure(ValueError):
    """Raised by single-input readers (text, HTML); read_sources turns it into an IngestError."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class FetchError(Exception):
    """A URL that could not or may not be fetched; the message says why (raised by warlog.ingest.fetch, defined here
    so that reading local files never imports the HTTP client)."""
