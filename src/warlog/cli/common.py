"""What the CLI modules share: consoles, the --db option, argument parsing and the events table."""

from __future__ import annotations

import sys
from datetime import date
from typing import Annotated

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


def open_store(db: str | None):
    from warlog.store import Store

    return Store(normalise_db_url(db or Settings().db_url))


def parse_date(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date: use YYYY-MM-DD", param_hint=name) from None


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
            str(e.get("fatalities") if e.get("fatalities") is not None else ""),
            str(e.get("outlet") or e.get("attributed_to") or ""),
        )
    out.print(table)
    out.print(f"{len(events)} events", highlight=False)
