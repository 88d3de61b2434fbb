"""The default engine: extraction in the calling process, one batch at a time."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from warlog.engines.base import Engine, T
from warlog.model import Extraction, Report


class InProcessEngine(Engine):
    """Extract in this process with `nlp` (default: the process-wide pipeline)."""

    name = "inprocess"

    def __init__(self, nlp: Any = None, model: str | None = None) -> None:
        self._nlp = nlp
        self._model = model

    def map(self, batches: Iterable[tuple[T, list[Report]]]) -> Iterator[tuple[T, list[Extraction]]]:
        """Extract each batch as it comes."""
        from warlog.extract.nlp import load_nlp
        from warlog.extract.run import extract_reports

        for tag, reports in batches:
            if not reports:
                yield tag, []
                continue
            if self._nlp is None:
                self._nlp = load_nlp(self._model)
            yield tag, extract_reports(reports, self._nlp)
