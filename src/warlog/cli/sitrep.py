"""`warlog report`: a situation report for a period and place, as one self-contained HTML (or PDF) file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from warlog.cli import app
from warlog.cli.common import DbOption, err, open_store, parse_date


@app.command("report")
def report(
    since: Annotated[str, typer.Option(help="First event date, YYYY-MM-DD.")],
    until: Annotated[str, typer.Option(help="Last event date, YYYY-MM-DD.")],
    output: Annotated[str, typer.Option("-o", "--output", help="File to write (.html or .pdf).")],
    country: Annotated[str | None, typer.Option(help="Country name or ISO code.")] = None,
    admin1: Annotated[str | None, typer.Option(help="Admin-1 unit (province, governorate).")] = None,
    format_: Annotated[
        str | None, typer.Option("--format", help="html or pdf (default: from the file name; pdf needs Chromium)")
    ] = None,
    db: DbOption = None,
) -> None:
    """Write a situation report: totals, fatalities per day by type, a map, admin-1 table, deadliest events,
    contested and single-source events, and a methods note; reviewed values, no network."""
    from warlog.report import ReportError, ReportScope, write_report

    first, last = parse_date(since, "--since"), parse_date(until, "--until")
    assert first is not None and last is not None
    if last < first:
        raise typer.BadParameter("--until is before --since", param_hint="--until")
    fmt = format_ or ("pdf" if output.lower().endswith(".pdf") else "html")
    if fmt not in ("html", "pdf"):
        raise typer.BadParameter("use html or pdf", param_hint="--format")
    store = open_store(db)
    try:
        data = write_report(store.engine, ReportScope(first, last, country, admin1), Path(output), fmt)
    except ReportError as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False)
        raise typer.Exit(1) from None
    finally:
        store.close()
    t = data.totals
    err.print(
        f"wrote {output}: {t['events']} events, {t['fatalities']} fatalities "
        f"(reported {t['fatalities_min']}-{t['fatalities_max']}), {t['sources']} outlets",
        highlight=False,
    )
