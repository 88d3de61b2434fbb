"""Extract a batch of reports with one spaCy pass: the step every engine runs (in-process, pool worker, Ray actor)."""

from __future__ import annotations

import gc
from typing import Any

from warlog import regexcache
from warlog.export import interaction_code
from warlog.extract.frames import extract_from_doc
from warlog.extract.nlp import load_nlp
from warlog.model import Extraction, Report


def extract_reports(reports: list[Report], nlp: Any = None, accept: bool = True) -> list[Extraction]:
    """Extract a batch of reports with one nlp.pipe pass; a report that breaks an extractor comes back with
    `error` set instead of stopping the batch. ``accept=False`` keeps every draft and returns the acceptance model's
    features (for `warlog train acceptance`)."""
    nlp = nlp or load_nlp()
    held = gc.get_threshold()
    if held[0] < GC_YOUNG_THRESHOLD:
        gc.set_threshold(GC_YOUNG_THRESHOLD, *held[1:])
    try:
        docs = nlp.pipe([r.text for r in reports], batch_size=16)
        out = []
        for report, doc in zip(reports, docs, strict=True):
            try:
                out.append(extract_from_doc(report, doc, accept=accept))
            except Exception as exc:  # noqa: BLE001 - one bad report must not lose the batch; reported by name
                out.append(Extraction(report=report, error=f"extraction failed: {exc.__class__.__name__}: {exc}"))
    finally:
        gc.set_threshold(*held)
    regexcache.save()  # patterns first compiled in this batch, for the next process (pool workers skip atexit)
    return out


# The cyclic garbage collector's first threshold while a batch is extracted (Python's default: 700 allocations).
# Extraction allocates millions of short-lived objects that reference counting frees, and keeps a heap of
# long-lived ones (the pipeline, the gazetteer's rows, the extractors' tables and caches: ~260,000 tracked objects);
# at the default every 700 allocations started a young collection, and enough of them a full one walking that heap
# again: 0.41 s CPU in the collector per 200 FA-KES articles against bare spaCy's 0.08 s; 0.18 s at this threshold
# (no full collection during the batches), with the same peak memory. The collector's work changes, never what is
# extracted.
GC_YOUNG_THRESHOLD = 20_000


def extraction_payload(ex: Extraction) -> dict[str, Any]:
    """The JSON object `warlog extract --format json` prints for one report: the report, its events, its claims."""
    report = ex.report
    return {
        "report": {
            "id": report.id,
            "title": report.title,
            "outlet": report.outlet,
            "url": report.url,
            "published": report.published.isoformat() if report.published else None,
            "published_basis": report.published_basis,
        },
        "events": [{**m.to_acled(), "interaction": interaction_code(m.inter1, m.inter2) or None} for m in ex.mentions],
        "claims": [c.to_dict() for c in ex.claims],
    }
