"""ACLED's taxonomy and warlog's precedence rules, read once from ``warlog/data/taxonomy.json``.

Event types and sub-types, disorder types, the general precedence among sub-types, the ranks within an event type,
which sub-types one incident's event absorbs, and the sets the type rules use. Data, not code: the file says why.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Taxonomy:
    """The taxonomy file as typed, read-only tables."""

    event_types: dict[str, tuple[str, ...]]
    disorder_types: dict[str, str]
    priority: tuple[str, ...]
    within_type: dict[str, dict[str, int]]
    absorbed_by: dict[str, frozenset[str]]
    territory: frozenset[str]
    remote: frozenset[str]
    protest_family: frozenset[str]
    sure: frozenset[str]
    max_event_fatalities: int

    @property
    def sub_to_type(self) -> dict[str, str]:
        return {sub: et for et, subs in self.event_types.items() for sub in subs}


@lru_cache(maxsize=1)
def taxonomy() -> Taxonomy:
    """The shipped taxonomy (loaded once per process)."""
    raw = json.loads(resources.files("warlog").joinpath("data/taxonomy.json").read_text(encoding="utf-8"))
    subs = {s for v in raw["event_types"].values() for s in v}
    for name in raw["priority"] + [s for r in raw["within_type"].values() for s in r]:
        if name not in subs:
            raise ValueError(f"taxonomy.json: unknown sub-event type {name!r}")
    return Taxonomy(
        event_types={k: tuple(v) for k, v in raw["event_types"].items()},
        disorder_types=dict(raw["disorder_types"]),
        priority=tuple(raw["priority"]),
        within_type={k: dict(v) for k, v in raw["within_type"].items()},
        absorbed_by={k: frozenset(v) for k, v in raw["absorbed_by"].items()},
        territory=frozenset(raw["territory"]),
        remote=frozenset(raw["remote"]),
        protest_family=frozenset(raw["protest_family"]),
        sure=frozenset(raw["sure"]),
        max_event_fatalities=int(raw["max_event_fatalities"]),
    )
