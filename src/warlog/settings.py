"""Configuration in one place: flags override environment variables, which override defaults.

Only this module reads the environment. Library code asks `current_settings()`; worker processes and Ray actors are
handed the parent's Settings explicitly and install them with `use_settings` (nothing travels through os.environ).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DB = "sqlite:///warlog.db"


def default_cache_dir() -> Path:
    """Where derived indexes (the default gazetteer) are built once and reused."""
    base = os.environ.get("WARLOG_CACHE") or os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "warlog" if "WARLOG_CACHE" not in os.environ else Path(base)


@dataclass
class Settings:
    db_url: str = field(default_factory=lambda: os.environ.get("WARLOG_DB", DEFAULT_DB))
    spacy_model: str | None = field(default_factory=lambda: os.environ.get("WARLOG_SPACY_MODEL"))
    gazetteer_path: str | None = field(default_factory=lambda: os.environ.get("WARLOG_GAZETTEER"))
    geo_ranker_path: str | None = field(default_factory=lambda: os.environ.get("WARLOG_GEO_RANKER"))
    cache_dir: Path = field(default_factory=default_cache_dir)
    max_file_bytes: int = 20 * 1024 * 1024
    # Connections a process keeps open to the database (the API serves up to its thread pool's 40 requests at once;
    # more than this wait for a free connection, up to db_pool_size + 20 in a burst).
    db_pool_size: int = field(default_factory=lambda: int(os.environ.get("WARLOG_DB_POOL_SIZE", "10")))


_CURRENT: Settings | None = None


def current_settings() -> Settings:
    """This process's settings: those installed by `use_settings`, else read from the environment now."""
    return _CURRENT if _CURRENT is not None else Settings()


def use_settings(settings: Settings | None) -> None:
    """Install the settings this process runs with (a worker gets its parent's); None: read the environment again."""
    global _CURRENT
    _CURRENT = settings


def normalise_db_url(url: str) -> str:
    """Accept a bare file path as a SQLite database."""
    if "://" in url:
        return url
    return f"sqlite:///{url}"
