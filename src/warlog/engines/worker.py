"""Per-process extraction state for pool and Ray workers: the pipeline and gazetteer are loaded once per process."""

from __future__ import annotations

import os
from typing import Any

from warlog.model import Extraction, Report

_NLP: Any = None


def init_worker(model: str | None = None, env: dict[str, str] | None = None) -> None:
    """Load the spaCy pipeline and open the gazetteer once, before the first batch arrives."""
    global _NLP
    from warlog.extract.nlp import load_nlp
    from warlog.gazetteer import get_gazetteer

    os.environ.update(env or {})
    _NLP = load_nlp(model)
    get_gazetteer()


def extract_batch(reports: list[Report]) -> list[Extraction]:
    """Extract one batch with this process's pipeline (loaded on first use if no initializer ran)."""
    from warlog.service import extract_reports

    if _NLP is None:
        init_worker()
    return extract_reports(reports, _NLP)
