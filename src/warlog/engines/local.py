"""A process pool on this machine: N workers, each loading the pipeline and gazetteer once."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from warlog.engines.base import Engine, T, ordered_window, worker_settings
from warlog.engines.worker import extract_batch, init_worker
from warlog.model import Extraction, Report

# Batches in flight per worker: one being extracted, one queued, so a worker never waits on the parent.
IN_FLIGHT_PER_WORKER = 2
# Reports per task a worker takes: half a service batch (BATCH_SIZE 32). The run ends when the last worker finishes
# its last task while the others wait (a 32-report batch is ~2.5 s of CPU on FA-KES); a half as long task halves
# that wait. extract_reports parses with nlp.pipe(batch_size=16), so a task of 16 is exactly one of the parser's
# batches of the whole 32: the same documents. The parent still stores 32 reports per transaction.
TASK_SIZE = 16


def usable_cpus() -> int:
    """CPUs this process may run on (respects affinity and container CPU sets where the OS reports them)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


class LocalEngine(Engine):
    """Extraction in `workers` processes (0: one per CPU); the parent reads sources and writes results."""

    name = "local"

    def __init__(self, workers: int = 1, model: str | None = None, start_method: str = "spawn") -> None:
        self.workers = workers if workers > 0 else usable_cpus()
        # spawn: no forked copies of the parent's threads or open database connections (and the same on every OS).
        ctx = multiprocessing.get_context(start_method)
        self._pool = ProcessPoolExecutor(
            max_workers=self.workers, mp_context=ctx, initializer=init_worker, initargs=(model, worker_settings())
        )

    def map(self, batches: Iterable[tuple[T, list[Report]]]) -> Iterator[tuple[T, list[Extraction]]]:
        """Send batches to the pool, at most a few per worker at a time, and yield results in order."""

        def submit(reports: list[Report]) -> list[Future[list[Extraction]]]:
            return [
                self._pool.submit(extract_batch, reports[i : i + TASK_SIZE]) for i in range(0, len(reports), TASK_SIZE)
            ]

        def result(tasks: list[Future[list[Extraction]]]) -> list[Extraction]:
            return [ex for task in tasks for ex in task.result()]

        return ordered_window(batches, submit, result, self.workers * IN_FLIGHT_PER_WORKER)

    def close(self) -> None:
        """Stop the workers (queued batches are cancelled)."""
        self._pool.shutdown(wait=True, cancel_futures=True)
