"""Configuration in one place: flags override environment variables, which override the project's warlog.toml,
which overrides defaults.

Only this module reads the environment. Library code asks `current_settings()`; worker processes and Ray actors are
handed the parent's Settings explicitly and install them with `use_settings` (nothing travels through os.environ).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import MISSING, dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_DB = "sqlite:///warlog.db"
CONFIG_FILE = "warlog.toml"


class ConfigError(ValueError):
    """The project config file cannot be read."""


def find_config(start: Path | None = None) -> Path | None:
    """$WARLOG_CONFIG, else warlog.toml in the current folder or the nearest parent folder holding one."""
    named = os.environ.get("WARLOG_CONFIG")
    if named:
        return Path(named)
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder / CONFIG_FILE
    return None


def project_config(path: Path | None = None) -> dict[str, Any]:
    """The [warlog] table (or top level) of the config file, {} without one; relative SQLite paths are read from
    the file's folder."""
    path = path or find_config()
    if path is None:
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the config file ({exc})") from None
    conf = dict(data.get("warlog", data))
    db = conf.get("db")
    if db is not None:
        if not isinstance(db, str) or not db.strip():
            raise ConfigError(f"{path}: db must be a database URL or a SQLite file name")
        conf["db"] = _anchored(db.strip(), path.parent)
    return conf


def _anchored(db: str, folder: Path) -> str:
    """A SQLite file named relative to the config file's folder, as an absolute URL; other URLs unchanged."""
    prefix = "sqlite:///"
    if "://" not in db:
        db = prefix + db
    if db.startswith(prefix) and not db[len(prefix) :].startswith("/") and db[len(prefix) :] != ":memory:":
        return prefix + str((folder / db[len(prefix) :]).resolve())
    return db


def db_source(flag: str | None = None) -> tuple[str, str]:
    """(database URL, where it came from: --db, $WARLOG_DB, the config file's path, or the default)."""
    if flag:
        return normalise_db_url(flag), "--db"
    if os.environ.get("WARLOG_DB"):
        return normalise_db_url(os.environ["WARLOG_DB"]), "$WARLOG_DB"
    path = find_config()
    if path is not None:
        db = project_config(path).get("db")
        if db:
            return db, str(path)
    return DEFAULT_DB, "default"


def _default_db() -> str:
    return db_source()[0]


def default_cache_dir() -> Path:
    """Where derived indexes (the default gazetteer) are built once and reused."""
    base = os.environ.get("WARLOG_CACHE") or os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "warlog" if "WARLOG_CACHE" not in os.environ else Path(base)


@dataclass
class Settings:
    db_url: str = field(default_factory=_default_db)
    spacy_model: str | None = field(default_factory=lambda: os.environ.get("WARLOG_SPACY_MODEL"))
    gazetteer_path: str | None = field(default_factory=lambda: os.environ.get("WARLOG_GAZETTEER"))
    geo_ranker_path: str | None = field(default_factory=lambda: os.environ.get("WARLOG_GEO_RANKER"))
    toponym_model_path: str | None = field(default_factory=lambda: os.environ.get("WARLOG_TOPONYM_MODEL"))
    cache_dir: Path = field(default_factory=default_cache_dir)
    max_file_bytes: int = 20 * 1024 * 1024
    # Connections a process keeps open to the database (the API serves up to its thread pool's 40 requests at once;
    # more than this wait for a free connection, up to db_pool_size + 10 in a burst). 20: twenty readers at once
    # reuse open connections (with 10, every request past the tenth opened and closed one: about 5% of a page's CPU).
    db_pool_size: int = field(default_factory=lambda: int(os.environ.get("WARLOG_DB_POOL_SIZE", "20")))


_CURRENT: Settings | None = None


def current_settings() -> Settings:
    """This process's settings: those installed by `use_settings`, else read from the environment now."""
    return _CURRENT if _CURRENT is not None else Settings()


def current_setting(name: str) -> Any:
    """One field of `current_settings()` without building the others: a fresh Settings also looks for the project's
    config file (a walk up the folders for the database URL), which per-document callers (the gazetteer, the
    place ranker) must not pay for every report."""
    if _CURRENT is not None:
        return getattr(_CURRENT, name)
    f = Settings.__dataclass_fields__[name]
    return f.default_factory() if f.default_factory is not MISSING else f.default


def use_settings(settings: Settings | None) -> None:
    """Install the settings this process runs with (a worker gets its parent's); None: read the environment again."""
    global _CURRENT
    _CURRENT = settings


def normalise_db_url(url: str) -> str:
    """Accept a bare file path as a SQLite database."""
    if "://" in url:
        return url
    return f"sqlite:///{url}"


def shown_url(url: str) -> str:
    """A database URL fit for messages: the password hidden."""
    try:
        from sqlalchemy.engine import make_url

        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - a malformed URL is shown as given
        return url
