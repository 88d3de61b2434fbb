"""`warlog config`: which database the commands use and where that comes from; `--db` remembered in warlog.toml.

Order: --db, then $WARLOG_DB, then `db = "..."` in warlog.toml (this folder or the nearest parent holding one, or the
file $WARLOG_CONFIG names), then sqlite:///warlog.db.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from warlog.cli import app
from warlog.cli.common import err, out
from warlog.settings import CONFIG_FILE, ConfigError, db_source, find_config, project_config, shown_url


@app.callback()
def _check_config() -> None:
    """Turn news reports about armed conflict into geolocated ACLED-style events."""
    try:
        project_config()
    except ConfigError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False)
        raise typer.Exit(2) from None


@app.command("config")
def config(
    db: Annotated[
        str | None, typer.Option("--db", help=f"Remember this database in ./{CONFIG_FILE} for later commands.")
    ] = None,
) -> None:
    """Show the database the commands use and where that setting comes from; with --db, remember one."""
    if db:
        path = find_config() or Path.cwd() / CONFIG_FILE
        lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
        lines = [ln for ln in lines if not ln.strip().startswith("db ") and not ln.strip().startswith("db=")]
        if not lines:
            lines = ["# warlog project settings (see the README: Configuration)"]
        lines.insert(1 if lines[0].startswith("#") else 0, f"db = {json.dumps(db)}")
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        err.print(f"remembered in {path}", highlight=False)
    url, source = db_source()
    out.print(f"database: {shown_url(url)}\nfrom: {source}", highlight=False, soft_wrap=True)
