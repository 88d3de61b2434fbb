"""Extraction on a Ray cluster (or a local Ray instance): a pool of actors, each loading the pipeline once."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from typing import Any

from warlog.engines.base import Engine, EngineError, T, ordered_window, worker_settings
from warlog.model import Extraction, Report
from warlog.settings import Settings

IN_FLIGHT_PER_WORKER = 2
# A local instance started by warlog gets at least this many CPUs (the size CI tests with).
LOCAL_NUM_CPUS = 2


def _ray() -> Any:
    """Import Ray, or say how to install it."""
    try:
        import ray
    except ImportError:
        raise EngineError("the ray engine needs Ray: pip install 'warlog[ray]'") from None
    return ray


class _Extractor:
    """A Ray actor holding one loaded pipeline (wrapped with ray.remote at run time, so Ray stays optional)."""

    def __init__(self, model: str | None, settings: Settings) -> None:
        from warlog.engines.worker import init_worker

        init_worker(model, settings)

    def extract(self, reports: list[Report]) -> list[Extraction]:
        from warlog.engines.worker import extract_batch

        return extract_batch(reports)


class RayEngine(Engine):
    """Extraction in `workers` Ray actors (0: one per CPU of the cluster).

    address: None starts a local instance, "auto" joins the running cluster, "ray://HOST:10001" connects a client.
    A Ray session already initialised by the caller is reused and left running.
    """

    name = "ray"

    def __init__(self, workers: int = 1, address: str | None = None, model: str | None = None) -> None:
        ray = self._ray = _ray()
        self._started = False
        if not ray.is_initialized():
            kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False, "logging_level": "warning"}
            if address:
                kwargs["address"] = address
            else:
                kwargs["num_cpus"] = max(workers, LOCAL_NUM_CPUS)
            try:
                ray.init(**kwargs)
            except (ConnectionError, RuntimeError, ValueError) as exc:
                raise EngineError(f"cannot start or reach Ray at {address or 'a local instance'}: {exc}") from exc
            self._started = True
        self.workers = workers if workers > 0 else max(1, int(ray.cluster_resources().get("CPU", 1)))
        actor = ray.remote(num_cpus=1)(_Extractor)
        self._actors = [actor.remote(model, worker_settings()) for _ in range(self.workers)]

    def map(self, batches: Iterable[tuple[T, list[Report]]]) -> Iterator[tuple[T, list[Extraction]]]:
        """Hand batches to the actors in turn, a few per actor at a time, and yield results in order."""
        turn = itertools.cycle(self._actors)

        def submit(reports: list[Report]) -> Any:
            return next(turn).extract.remote(reports)

        return ordered_window(batches, submit, self._ray.get, self.workers * IN_FLIGHT_PER_WORKER)

    def close(self) -> None:
        """Stop the actors, and the local Ray instance if this engine started it."""
        for a in self._actors:
            self._ray.kill(a)
        self._actors = []
        if self._started:
            self._ray.shutdown()
