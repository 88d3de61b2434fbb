"""What the CLI modules share: consoles, the --db option, argument parsing and the events table."""

from __future__ import annotations

import math
import sys
from datetime import date
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.table import Table

from warlog.settings import Settings, normalise_db_url

out = Console(width=None if sys.stdout.isatty() else 180)  # piped tables stay readable
err = Console(stderr=True, soft_wrap=True)  # a message is one line: never wrapped mid-phrase

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db", help="Database URL or SQLite file (default: $WARLOG_DB, then db in warlog.toml, then warlog.db)."
    ),
]


def open_store(db: str | None, *, write: bool = False):
    """The Store of --db (else $WARLOG_DB, then warlog.toml, then warlog.db), for every command. A database that
    cannot be opened (a folder, a file that is not a database, an unreachable server, a newer schema) or, when the
    command writes (`write`), cannot be written, ends the command with one line naming the database and what to do
    (exit 2)."""
    from warlog.store import Store

    url = normalise_db_url(db or Settings().db_url)
    try:
        store = Store(url)
    except Exception as exc:  # noqa: BLE001 - whatever the driver raises becomes one line, never a traceback
        db_error(url, exc)
    if write:
        try:
            _probe_write(store)
        except Exception as exc:  # noqa: BLE001
            store.close()
            db_error(url, exc, writing=True)
    return store


def _probe_write(store) -> None:
    """Try a write (rolled back): a read-only file, a read-only mount or a read-only PostgreSQL session fails here,
    before the command has read or extracted anything."""
    import sqlalchemy as sa

    from warlog.store.schema import meta

    with store.engine.connect() as conn:
        conn = conn.execution_options(warlog_write=True)
        with conn.begin() as tx:
            conn.execute(sa.update(meta).where(meta.c.key == "schema_version").values(value=meta.c.value))
            tx.rollback()


def _shown(url: str) -> str:
    """The database as the user named it: a SQLite file path, or the URL without its password."""
    import sqlalchemy as sa

    try:
        parsed = sa.engine.make_url(url)
    except Exception:  # noqa: BLE001
        return url
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ":memory:"
    return parsed.render_as_string(hide_password=True)


def db_error(url: str, exc: BaseException, *, writing: bool = False) -> NoReturn:
    """Print one line saying which database failed, why, and what to do; exit 2."""
    import os

    import sqlalchemy as sa

    shown = _shown(url)
    cause = getattr(exc, "orig", None) or exc  # the driver's own message, without the SQL SQLAlchemy adds
    reason = (str(cause).strip().splitlines() or [exc.__class__.__name__])[0][:300]
    is_sqlite = url.startswith("sqlite")
    lowered = reason.lower()
    if is_sqlite and os.path.isdir(shown):
        what = f"{shown} is a folder; give a database file, e.g. --db {os.path.join(shown, 'warlog.db')}"
    elif is_sqlite and ("not a database" in lowered or "malformed" in lowered):
        what = f"{shown} is not a warlog (SQLite) database; give a new file name or an existing warlog database"
    elif "readonly" in lowered or "read-only" in lowered or "read only" in lowered or writing:
        what = (
            f"{shown} cannot be written ({reason}); this command writes: check the file's and folder's permissions "
            "(or the database user's rights), or work on a writable copy (warlog backup)"
        )
    elif is_sqlite and "unable to open" in lowered:
        what = f"cannot open {shown} ({reason}); check that its folder exists and can be written"
    elif isinstance(exc, sa.exc.ArgumentError | sa.exc.NoSuchModuleError):
        what = f"{shown} is not a database URL ({reason}); use a file path or postgresql+psycopg://USER@HOST/DB"
    else:
        what = f"cannot open {shown}: {reason}; check --db (or $WARLOG_DB), and that the server runs"
    err.print(f"[red]error[/red] database: {what}", highlight=False, soft_wrap=True)
    raise typer.Exit(2)


def parse_date(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date: use YYYY-MM-DD", param_hint=name) from None


def parse_point(value: str | None, name: str) -> tuple[float, float] | None:
    """LAT,LON as finite numbers within -90..90 and -180..180, or None."""
    if not value:
        return None
    try:
        lat, lon = (float(x) for x in value.split(","))
    except ValueError:
        raise typer.BadParameter("write LAT,LON, e.g. 36.2,37.16", param_hint=name) from None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise typer.BadParameter("latitude must be within -90..90 and longitude within -180..180", param_hint=name)
    return lat, lon


def parse_mapping(value: str | None) -> dict[str, str] | None:
    if not value:
        return None
    mapping = {}
    for part in value.split(","):
        field, sep, column = part.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise typer.BadParameter(f"{part!r}: write FIELD=COLUMN, e.g. text=article_content", param_hint="--map")
        mapping[field.strip()] = column.strip()
    return mapping


def _toll(e: dict) -> str:
    """Fatalities, with the range the sources gave when it is wider than the figure."""
    value, low, high = e.get("fatalities"), e.get("fatalities_min"), e.get("fatalities_max")
    if value is None:
        return ""
    if low is not None and high is not None and (low, high) != (value, value):
        return f"{value} ({low}-{high})"
    return str(value)


def print_events(events: list[dict]) -> None:
    table = Table(show_lines=False, header_style="bold")
    for col in (
        "date",
        "type",
        "sub-type",
        "actor1",
        "actor2",
        "location",
        "admin1",
        "lat,lon",
        "prec",
        "fatal",
        "status",
        "source",
    ):
        table.add_column(col, overflow="fold")
    for e in events:
        lat, lon = e.get("latitude"), e.get("longitude")
        table.add_row(
            str(e.get("event_date") or "?"),
            str(e.get("event_type") or ""),
            str(e.get("sub_event_type") or ""),
            str(e.get("actor1") or ""),
            str(e.get("actor2") or ""),
            str(e.get("location") or "(unresolved)"),
            str(e.get("admin1") or ""),
            f"{lat:.3f},{lon:.3f}" if lat is not None and lon is not None else "",
            str(e.get("geo_precision") or ""),
            _toll(e),
            str(e.get("review_status") or ""),
            str(e.get("outlet") or e.get("attributed_to") or ""),
        )
    out.print(table)
    out.print(f"{len(events)} events", highlight=False)
