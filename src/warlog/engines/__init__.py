"""Extraction engines: in this process, in a local process pool, or on Ray. All produce the same extractions.

Use as `with open_engine("local", workers=2) as engine:` then `for tag, extractions in engine.map(batches)`.
"""

from __future__ import annotations

from typing import Any

from warlog.engines.base import Borrowed, Engine, EngineError

ENGINES = ("inprocess", "local", "ray")


def open_engine(
    name: str | Engine = "inprocess",
    *,
    workers: int = 1,
    address: str | None = None,
    nlp: Any = None,
    model: str | None = None,
) -> Engine:
    """Start the engine `name` with `workers` workers (0: one per CPU). `nlp` is used by the in-process engine only;
    the others load `model` (default: $WARLOG_SPACY_MODEL, else the packaged model) once per worker.

    An Engine instance is passed through, and closing what is returned leaves it open (a warm pool serves many runs).
    """
    if isinstance(name, Engine):
        return Borrowed(name)
    if address and name != "ray":
        raise EngineError("--address is for the ray engine")
    if name == "inprocess":
        from warlog.engines.inprocess import InProcessEngine

        return InProcessEngine(nlp=nlp, model=model)
    if workers < 0:
        raise EngineError(f"--workers must be 0 (one per CPU) or more, not {workers}")
    if name == "local":
        from warlog.engines.local import LocalEngine

        return LocalEngine(workers=workers, model=model)
    if name == "ray":
        from warlog.engines.ray_engine import RayEngine

        return RayEngine(workers=workers, address=address, model=model)
    raise EngineError(f"unknown engine {name!r}: use one of {', '.join(ENGINES)}")


__all__ = ["ENGINES", "Engine", "EngineError", "open_engine"]
