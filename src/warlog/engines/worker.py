"""Per-process extraction state for pool and Ray workers: the parent's Settings are installed, then the pipeline and
gazetteer are loaded once per process."""

from __future__ import annotations

from typing import Any

from warlog.model import Extraction, Report
from warlog.settings import Settings, current_settings, use_settings

_NLP: Any = None


def init_worker(model: str | None = None, settings: Settings | None = None) -> None:
    """Install the parent's settings (handed over explicitly, not through the environment), then load the spaCy
    pipeline and open the gazetteer once, before the first batch arrives."""
    global _NLP
    from warlog.extract.nlp import load_nlp
    from warlog.gazetteer import get_gazetteer
    from warlog.gcpolicy import no_exit_collection

    no_exit_collection()  # a spawned worker ends through a normal shutdown: no collection over its heap then
    if settings is not None:
        use_settings(settings)
    _NLP = load_nlp(model or current_settings().spacy_model)
    get_gazetteer()


def extract_batch(reports: list[Report]) -> list[Extraction]:
    """Extract one batch with this process's pipeline (loaded on first use if no initializer ran)."""
    from warlog.extract.run import extract_reports

    if _NLP is None:
        init_worker()
    return extract_reports(reports, _NLP)
