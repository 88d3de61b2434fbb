"""The one place where the steps are wired together: ingest -> extract -> store. Used by the CLI and the API."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from warlog.engines import Engine, open_engine
from warlog.ingest import IngestError, read_sources
from warlog.model import Extraction, Report
from warlog.store import Store

__all__ = ["BATCH_SIZE", "IngestSummary", "extract_reports", "ingest"]

# Reports per nlp.pipe call and per database transaction: a killed run loses at most one batch.
BATCH_SIZE = 32


def extract_reports(reports: list[Report], nlp: Any = None, accept: bool = True) -> list[Extraction]:
    """Extract a batch of reports in this process (warlog.extract.run.extract_reports; ``accept=False`` keeps every
    drafted event, each with its confidence). Imported when called: a process that extracts in pool workers
    (`--engine local`) never imports spaCy itself."""
    from warlog.extract.run import extract_reports as run

    return run(reports, nlp, accept=accept)


@dataclass
class IngestSummary:
    """What an ingest run did, for the summary line and the exit code."""

    read: int = 0
    stored: int = 0
    already: int = 0
    events: int = 0
    claims: int = 0
    failed: list[IngestError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


def _save(store: Store, extractions: list[Extraction], summary: IngestSummary, on_error: Any) -> None:
    """Store a batch in one transaction; if the batch is refused, store its reports one by one and report the
    ones that fail by name."""
    good = []
    for ex in extractions:
        if ex.error:
            _fail(summary, on_error, IngestError(ex.report.source_path or ex.report.id, None, ex.error))
        else:
            good.append(ex)
    try:
        stored, _ = store.save_many(good)
        summary.stored += stored
    except Exception:  # noqa: BLE001 - find the report that the database refuses
        kept = []
        for ex in good:
            try:
                summary.stored += int(store.save_extraction(ex))
            except Exception as exc:  # noqa: BLE001
                reason = f"could not be stored: {exc.__class__.__name__}: {str(exc)[:200]}"
                _fail(summary, on_error, IngestError(ex.report.source_path or ex.report.id, None, reason))
                continue
            kept.append(ex)
        good = kept  # a report the database refused adds no events or claims to the summary
    for ex in good:
        summary.events += len(ex.mentions)
        summary.claims += len(ex.claims)
        summary.warnings.extend(ex.warnings)


def _fail(summary: IngestSummary, on_error: Any, error: IngestError) -> None:
    summary.failed.append(error)
    if on_error:
        on_error(error)


def _batches(items: Iterable[Report | IngestError], size: int) -> Iterator[list[Report | IngestError]]:
    batch: list[Report | IngestError] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest(
    paths: Iterable[str],
    store: Store,
    *,
    mapping: dict[str, str] | None = None,
    published: date | None = None,
    outlet: str | None = None,
    allow_private: bool = False,
    local_files: bool = False,
    nlp: Any = None,
    on_progress: Callable[[int], None] | None = None,
    on_error: Callable[[IngestError], None] | None = None,
    engine: str | Engine = "inprocess",
    workers: int = 1,
    address: str | None = None,
    link: bool = True,
) -> IngestSummary:
    """Read every source, extract the reports not stored yet, and store them batch by batch.

    engine: "inprocess" (uses `nlp`), "local" (a pool of `workers` processes), "ray" (`workers` actors on the Ray
    cluster at `address`, or on a local instance) or an open Engine (left open); every engine yields the same
    extractions, stored by this process.
    link: afterwards, link the new mentions into events (warlog.link).
    local_files: read local files and folders too (the CLI's capability; without it only http(s) URLs are read).
    """
    summary = IngestSummary()
    known = store.report_ids()
    seen: set[str] = set()
    sources = read_sources(
        paths,
        mapping=mapping,
        published=published,
        outlet=outlet,
        allow_private=allow_private,
        local_files=local_files,
    )

    def fresh_batches() -> Iterator[tuple[int, list[Report]]]:
        """(sources read, reports to extract) per batch; errors and already-stored reports are counted here."""
        for batch in _batches(sources, BATCH_SIZE):
            fresh: list[Report] = []
            for item in batch:
                if isinstance(item, IngestError):
                    _fail(summary, on_error, item)
                    continue
                summary.read += 1
                if item.id in known or item.id in seen:
                    summary.already += 1
                    continue
                seen.add(item.id)
                item.ingested_at = datetime.now(UTC)
                fresh.append(item)
            yield len(batch), fresh

    with open_engine(engine, workers=workers, address=address, nlp=nlp) as runner:
        for n_read, extractions in runner.map(fresh_batches()):
            if extractions:
                _save(store, extractions, summary, on_error)
            if on_progress:
                on_progress(n_read)
    if link and summary.stored:
        from warlog.link.run import link_store

        link_store(store)  # new mentions join existing events; event ids stay stable
    return summary
