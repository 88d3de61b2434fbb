"""How every benchmark reports: its metrics beside the published numbers they compete with."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any


class EvalError(ValueError):
    """A benchmark input that cannot be scored (no gold labels found, wrong layout): `warlog eval` prints the message
    and exits non-zero instead of printing numbers."""


@dataclass
class Anchor:
    """A published number: which metric it compares with, its value (a fraction), who reported it and on what."""

    metric: str
    value: float
    source: str


@dataclass
class EvalResult:
    """A benchmark's outcome: metrics (flat, JSON-friendly), the anchors beside them, and notes on the setting."""

    benchmark: str
    metrics: dict[str, Any]
    anchors: list[Anchor] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> str:
        """The metrics at top level (so `jq .value_f1` works), anchors and notes beside them."""
        payload: dict[str, Any] = dict(self.metrics)
        payload["benchmark"] = self.benchmark
        payload["anchors"] = [{"metric": a.metric, "value": a.value, "source": a.source} for a in self.anchors]
        if self.notes:
            payload["notes"] = self.notes
        if self.details:
            payload["details"] = self.details
        return json.dumps(payload, indent=2, ensure_ascii=False, default=str)

    def to_markdown(self) -> str:
        """A table row per metric with the anchor beside it, for docs/benchmarks.md."""
        lines = [f"### {self.benchmark}", "", "| metric | warlog | anchor | anchor source |", "|---|---|---|---|"]
        lines.extend(f"| {m} | {w} | {a} | {src} |" for m, w, a, src in self.rows())
        lines.extend(f"- {n}" for n in self.notes)
        return "\n".join(lines) + "\n"

    def rows(self) -> list[tuple[str, str, str, str]]:
        """(metric, warlog, anchor, source) rows; a metric with several published numbers gets a row for each."""
        by_metric: dict[str, list[Anchor]] = {}
        for a in self.anchors:
            by_metric.setdefault(a.metric, []).append(a)
        out = []
        for name, value in self.metrics.items():
            anchors = by_metric.get(name) or [None]
            for i, a in enumerate(anchors):
                out.append(
                    (
                        name if i == 0 else "",
                        _fmt(value) if i == 0 else "",
                        _fmt(a.value) if a else "",
                        a.source if a else "",
                    )
                )
        return out


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def print_result(result: EvalResult, fmt: str = "table") -> None:
    """Print a result as JSON (stdout, machine-readable), Markdown or a Rich table."""
    import sys

    if fmt == "json":
        sys.stdout.write(result.to_json() + "\n")
        return
    if fmt == "markdown":
        sys.stdout.write(result.to_markdown())
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=result.benchmark, header_style="bold")
    for col in ("metric", "warlog", "anchor", "anchor source"):
        table.add_column(col)
    for row in result.rows():
        table.add_row(*row)
    console = Console()
    console.print(table)
    for note in result.notes:
        console.print(f"- {note}", highlight=False)
