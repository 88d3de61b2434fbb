"""Shared by the bench scripts: the machine description, the FA-KES corpus, timers and the results file format.

Every bench script `bench/bench_<area>.py` runs standalone (`python bench/bench_<area>.py [--quick]`), prints its
figures and writes `bench/results/<area>.json` with `write_results`; `bench/run.py` runs them all and renders
docs/performance.md from those files.
"""

from __future__ import annotations

import json
import os
import platform
import shlex
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = Path(os.environ.get("WARLOG_BENCH_RESULTS", ROOT / "bench" / "results"))
FAKES = Path(os.environ.get("WARLOG_FAKES", "/work/shared/data/fa-kes/FA-KES-Dataset.csv"))
FAKES_MAPPING = {"text": "article_content", "title": "article_title", "published": "date", "outlet": "source"}
EXAMPLES = ROOT / "examples" / "reports"


@dataclass
class Figure:
    """One measured number, with its unit and (when the issue sets one) the target it is held to."""

    name: str
    value: float | int | str | None
    unit: str = ""
    target: str | None = None
    ok: bool | None = None
    note: str | None = None


@dataclass
class Results:
    """What one bench script measured, and the command that reproduces it."""

    bench: str
    title: str
    command: str
    figures: list[Figure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    ran_at: str = field(default_factory=lambda: datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"))
    machine: dict[str, Any] = field(default_factory=lambda: machine())

    def add(self, name: str, value: Any, unit: str = "", **kw: Any) -> Figure:
        """Record a figure and print it as it comes."""
        fig = Figure(name, value, unit, **kw)
        self.figures.append(fig)
        shown = f"{value:,.3g}" if isinstance(value, float) else value
        status = "" if fig.ok is None else ("  ok" if fig.ok else "  MISSED")
        target = f"  (target {fig.target})" if fig.target else ""
        print(f"  {name}: {shown} {unit}{target}{status}", flush=True)
        return fig


def machine() -> dict[str, Any]:
    """The CPU model (lscpu), core count, memory, OS, Python and load average: where the numbers came from."""
    model = platform.processor() or "?"
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True, timeout=10).stdout
        names = [line.split(":", 1)[1].strip() for line in out.splitlines() if line.startswith("Model name")]
        model = names[0] if names else model
    except (OSError, subprocess.SubprocessError):
        pass
    mem_gb = None
    try:
        mem_gb = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    except (ValueError, OSError):
        pass
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "memory_gb": mem_gb,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "load_avg": [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None,
    }


def command_line(script: str, argv: list[str]) -> str:
    """The command that reproduces a run, as typed from the repository root."""
    return " ".join([".venv/bin/python", f"bench/{script}", *(shlex.quote(a) for a in argv)])


def write_results(results: Results) -> Path:
    """Write bench/results/<bench>.json (read by bench/run.py)."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{results.bench}.json"
    path.write_text(json.dumps(asdict(results), indent=2, default=str) + "\n", encoding="utf-8")
    print(f"  -> {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}", flush=True)
    return path


def load_results(path: Path) -> Results:
    """Read a results file back."""
    data = json.loads(path.read_text(encoding="utf-8"))
    data["figures"] = [Figure(**f) for f in data.get("figures", [])]
    return Results(**data)


def fakes_reports(limit: int | None = None) -> list:
    """The FA-KES articles as Reports, read the way `warlog ingest --map ...` reads them (latin-1 detected)."""
    from warlog.ingest import read_sources
    from warlog.model import Report

    if not FAKES.exists():
        raise FileNotFoundError(f"{FAKES} not found: set WARLOG_FAKES to the FA-KES CSV")
    items = [r for r in read_sources([str(FAKES)], mapping=FAKES_MAPPING, local_files=True) if isinstance(r, Report)]
    return items[:limit] if limit else items


def example_reports() -> list:
    """The bundled example reports (used to warm caches outside the timed runs)."""
    from warlog.ingest import read_sources
    from warlog.model import Report

    return [r for r in read_sources([str(EXAMPLES)], local_files=True) if isinstance(r, Report)]


@contextmanager
def timer() -> Iterator[list[float]]:
    """Wall-clock seconds of the block, in box[0]."""
    box = [0.0]
    t0 = time.perf_counter()
    try:
        yield box
    finally:
        box[0] = time.perf_counter() - t0


def python() -> str:
    """This interpreter (the project venv when run as documented)."""
    return sys.executable
