"""What every extraction engine shares: the Engine interface and ordered, bounded dispatch of batches."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from warlog.model import Extraction, Report
from warlog.settings import Settings, current_settings

T = TypeVar("T")
H = TypeVar("H")


class EngineError(RuntimeError):
    """An engine cannot start (unknown name, missing optional dependency, unreachable cluster)."""


class Engine:
    """Runs extraction over batches of reports and yields the results batch by batch, in input order.

    Each input item is (tag, reports); the tag comes back unchanged with the batch's extractions, so that callers can
    carry bookkeeping (e.g. how many sources the batch stood for) past the engine. Use as a context manager.
    """

    name = "engine"
    workers = 1

    def map(self, batches: Iterable[tuple[T, list[Report]]]) -> Iterator[tuple[T, list[Extraction]]]:
        """Extract every batch; results come back in the order the batches went in."""
        raise NotImplementedError

    def extract(self, reports: list[Report], batch_size: int = 32) -> list[Extraction]:
        """Convenience for callers without bookkeeping: all extractions of `reports`, in order."""
        chunks = [(i, reports[i : i + batch_size]) for i in range(0, len(reports), batch_size)]
        return [ex for _tag, exs in self.map(chunks) for ex in exs]

    def close(self) -> None:
        """Release workers; the engine cannot be used afterwards."""

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Borrowed(Engine):
    """An engine the caller opened and will close: used for one ingest without being shut down after it."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.name = engine.name
        self.workers = engine.workers

    def map(self, batches: Iterable[tuple[T, list[Report]]]) -> Iterator[tuple[T, list[Extraction]]]:
        """The borrowed engine's map."""
        return self.engine.map(batches)


def worker_settings() -> Settings:
    """The settings this process runs with, handed to every worker explicitly."""
    return current_settings()


def ordered_window(
    batches: Iterable[tuple[T, list[Report]]],
    submit: Callable[[list[Report]], H],
    result: Callable[[H], list[Extraction]],
    window: int,
) -> Iterator[tuple[T, list[Extraction]]]:
    """Keep at most `window` batches in flight and yield results in input order (bounded memory on huge corpora)."""
    pending: deque[tuple[T, H | None]] = deque()
    for tag, reports in batches:
        pending.append((tag, submit(reports) if reports else None))
        while len(pending) >= window or (pending and pending[0][1] is None):
            yield _collect(pending.popleft(), result)
    while pending:
        yield _collect(pending.popleft(), result)


def _collect(item: tuple[T, Any], result: Callable[[Any], list[Extraction]]) -> tuple[T, list[Extraction]]:
    """Wait for one in-flight batch (an empty batch was never sent and has no extractions)."""
    tag, handle = item
    return tag, (result(handle) if handle is not None else [])
