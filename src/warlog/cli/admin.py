"""`warlog backup` and `warlog check`: a consistent copy of a live store, and a soundness check of one."""

from __future__ import annotations

from collections import Counter
from typing import Annotated

import typer
from rich.table import Table

from warlog.cli.app import app
from warlog.cli.common import DbOption, db_error, err, out
from warlog.settings import Settings, normalise_db_url

MAX_ROWS_SHOWN = 50


def _db_url(db: str | None) -> str:
    """The --db value, else $WARLOG_DB, else the default file."""
    return normalise_db_url(db or Settings().db_url)


@app.command()
def backup(
    file: Annotated[str, typer.Argument(help="The copy to write (a SQLite file).")],
    db: DbOption = None,
    overwrite: Annotated[bool, typer.Option(help="Replace FILE if it exists.")] = False,
) -> None:
    """Copy a SQLite store consistently, even while ingests write to it (SQLite's online backup)."""
    from warlog.store.maintenance import MaintenanceError
    from warlog.store.maintenance import backup as run_backup

    try:
        result = run_backup(_db_url(db), file, overwrite=overwrite)
    except MaintenanceError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False)
        raise typer.Exit(1) from None
    except Exception as exc:  # noqa: BLE001 - a folder or a damaged file: one line, not a traceback
        db_error(_db_url(db), exc)
    err.print(
        f"backed up {result.reports} reports to {result.path} ({result.bytes} bytes, integrity {result.integrity})",
        highlight=False,
    )


@app.command()
def check(db: DbOption = None) -> None:
    """Check the store: integrity, foreign keys, duplicate ids, orphans, evidence offsets. Exit 1 on errors."""
    from warlog.store.maintenance import MaintenanceError
    from warlog.store.maintenance import check as run_check

    try:
        problems = run_check(_db_url(db))
    except MaintenanceError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False)
        raise typer.Exit(2) from None
    if problems:
        table = Table(header_style="bold")
        for col in ("severity", "kind", "table", "id", "detail"):
            table.add_column(col, overflow="fold")
        for p in problems[:MAX_ROWS_SHOWN]:
            colour = "red" if p.severity == "error" else "yellow"
            table.add_row(f"[{colour}]{p.severity}[/{colour}]", p.kind, p.table, p.id or "", p.detail)
        out.print(table)
        if len(problems) > MAX_ROWS_SHOWN:
            out.print(f"... and {len(problems) - MAX_ROWS_SHOWN} more", highlight=False)
    counts = Counter(p.severity for p in problems)
    kinds = Counter(p.kind for p in problems)
    summary = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) or "no problems"
    out.print(f"{counts['error']} errors, {counts['warning']} warnings ({summary})", highlight=False)
    if counts["error"]:
        raise typer.Exit(1)
