"""The `warlog` command line: a thin Typer layer over the library."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from warlog.cli.app import app, gazetteer_app
from warlog.cli.common import DbOption, err, open_store, out, parse_date, parse_mapping, parse_point, print_events
from warlog.gcpolicy import no_exit_collection
from warlog.settings import shown_url


def engine_for(engine: str | None, workers: int) -> str:
    """The extraction engine `warlog ingest` runs: the one asked for, else a process pool when more than one worker
    (or one per CPU, 0) is asked for ("--workers 2" alone used to run in-process, one core)."""
    if engine is not None:
        return engine
    return "inprocess" if workers == 1 else "local"


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, CSV/JSONL corpora, feeds or URLs.")],
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for reports that carry none.")
    ] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name for reports that carry none.")] = None,
    map_: Annotated[
        str | None, typer.Option("--map", help="Corpus column mapping, e.g. text=article_content,title=article_title")
    ] = None,
    allow_private: Annotated[bool, typer.Option(help="Allow fetching from private and loopback addresses.")] = False,
    db: DbOption = None,
    engine: Annotated[
        str | None,
        typer.Option(
            help="Where extraction runs: inprocess, local (process pool) or ray (default: local when --workers is not "
            "1, else inprocess)."
        ),
    ] = None,
    workers: Annotated[int, typer.Option(help="Worker processes or Ray actors (0: one per CPU).", min=0, max=4096)] = 1,
    address: Annotated[
        str | None, typer.Option(help="Ray cluster: auto, or ray://HOST:10001 (default: a local Ray instance).")
    ] = None,
) -> None:
    """Read reports, extract their events and store them (re-ingesting the same report changes nothing)."""
    from warlog.engines import ENGINES, EngineError
    from warlog.ingest import count_sources
    from warlog.service import ingest as run_ingest

    engine = engine_for(engine, workers)
    if engine not in ENGINES:
        raise typer.BadParameter(f"use one of {', '.join(ENGINES)}", param_hint="--engine")
    if address and engine != "ray":
        raise typer.BadParameter("only with --engine ray", param_hint="--address")
    no_exit_collection()
    store = open_store(db, write=True)
    total = count_sources(paths)
    with Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        disable=not err.is_terminal,
    ) as progress:
        task = progress.add_task("ingest", total=total)
        try:
            summary = run_ingest(
                paths,
                store,
                mapping=parse_mapping(map_),
                published=parse_date(published, "--published"),
                outlet=outlet,
                allow_private=allow_private,
                local_files=True,  # the CLI's user owns the disk; the HTTP API never passes this
                on_progress=lambda n: progress.advance(task, n),
                on_error=lambda e: err.print(f"[red]error[/red] {e}", highlight=False),
                engine=engine,
                workers=workers,
                address=address,
            )
        except EngineError as exc:
            store.close()
            err.print(f"[red]error[/red] {exc}", highlight=False)
            raise typer.Exit(2) from None
    undated = sum(1 for w in summary.warnings if "publication date unknown" in w)
    if undated:
        err.print(
            f"[yellow]warning[/yellow] {undated} report(s) have no known publication date; their events are undated"
        )
    in_db = store.stats()
    err.print(
        f"{summary.read} reports read: {summary.stored} stored, {summary.already} already stored, "
        f"{len(summary.failed)} failed; {summary.events} event mentions and {summary.claims} claims extracted; "
        f"the database now holds {in_db['events']} linked events (`warlog events` lists them)",
        highlight=False,
    )
    store.close()
    if not summary.ok:
        raise typer.Exit(1)


@app.command()
def extract(
    file: Annotated[str, typer.Argument(help="One report: .txt, .html, or a URL.")],
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD (overrides the file's own).")
    ] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name.")] = None,
    format_: Annotated[str, typer.Option("--format", help="json or table")] = "json",
    allow_private: Annotated[bool, typer.Option(help="Allow fetching from private and loopback addresses.")] = False,
    all_drafts: Annotated[
        bool,
        typer.Option(
            "--all-drafts",
            help="Keep every drafted event, those the acceptance model would drop too (each with its confidence).",
        ),
    ] = False,
) -> None:
    """Extract the events and claims of one report, without a database."""
    from warlog.ingest import IngestError, read_sources
    from warlog.service import extract_reports

    pub = parse_date(published, "--published")
    no_exit_collection()
    items = list(read_sources([file], outlet=outlet, allow_private=allow_private, local_files=True))
    reports = [i for i in items if not isinstance(i, IngestError)]
    for e in items:
        if isinstance(e, IngestError):
            err.print(f"[red]error[/red] {e}", highlight=False)
    if not reports:
        raise typer.Exit(1)
    if len(reports) > 1:
        err.print(f"[yellow]warning[/yellow] {file} holds {len(reports)} reports; extracting the first")
    report = reports[0]
    if pub is not None:
        report.published, report.published_basis = pub, "flag"
    ex = extract_reports([report], accept=not all_drafts)[0]
    for w in ex.warnings:
        err.print(f"[yellow]warning[/yellow] {w}", highlight=False)
    if format_ == "table":
        print_events([m.to_acled() for m in ex.mentions])
        return
    from warlog.extract.run import extraction_payload

    payload = extraction_payload(ex)
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2, default=str) + "\n")


CountryOpt = Annotated[str | None, typer.Option(help="Country name, ISO2 or ISO3 code.")]
SinceOpt = Annotated[str | None, typer.Option(help="First event date, YYYY-MM-DD.")]
UntilOpt = Annotated[str | None, typer.Option(help="Last event date, YYYY-MM-DD.")]
TypeOpt = Annotated[str | None, typer.Option("--type", help="Event type or sub-event type.")]
StatusOpt = Annotated[
    str, typer.Option(help="Review status: active (proposed, confirmed, edited), all, or a comma list.")
]
NearOpt = Annotated[str | None, typer.Option(help="LAT,LON centre for --km.")]
KmOpt = Annotated[float | None, typer.Option(help="Radius around --near, in km (default 25).", min=0, max=20038)]


def _event_filter(
    country: str | None,
    since: str | None,
    until: str | None,
    type_: str | None,
    status: str,
    near: str | None,
    km: float | None,
):
    """The filter `warlog events` and `warlog export` share, with the API's semantics (warlog.store.query)."""
    import math

    from warlog.store.query import EventFilter, parse_status

    centre = parse_point(near, "--near")
    if centre is None and km is not None:
        raise typer.BadParameter("give --near LAT,LON with --km", param_hint="--km")
    if km is not None and not (math.isfinite(km) and km >= 0):
        raise typer.BadParameter("a non-negative number of km", param_hint="--km")
    try:
        statuses = parse_status(status)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--status") from None
    return EventFilter(
        country=country,
        since=parse_date(since, "--since"),
        until=parse_date(until, "--until"),
        event_type=type_,
        near=centre,
        km=km,
        status=statuses,
    )


@app.command()
def events(
    country: CountryOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    type_: TypeOpt = None,
    status: StatusOpt = "active",
    near: NearOpt = None,
    km: KmOpt = None,
    limit: Annotated[int | None, typer.Option(help="At most this many events.", min=1, max=2**63 - 1)] = None,
    format_: Annotated[str, typer.Option("--format", help="table, json or csv")] = "table",
    db: DbOption = None,
) -> None:
    """List stored events with filters: reviewed values and review status, rejected and merged events left out
    unless --status asks for them; sorted by date (unknown last)."""
    from warlog.store.query import read_events

    if format_ not in ("table", "json", "csv"):
        raise typer.BadParameter("use table, json or csv", param_hint="--format")
    f = _event_filter(country, since, until, type_, status, near, km)
    store = open_store(db)
    rows = read_events(store.engine, f, limit=limit)
    store.close()
    if format_ == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2, default=str) + "\n")
    elif format_ == "csv":
        from warlog.export import write_acled_csv

        write_acled_csv(rows, sys.stdout)
    else:
        print_events(rows)


@app.command()
def export(
    format_: Annotated[str, typer.Option("--format", help="acled-csv, geojson or jsonl")] = "acled-csv",
    output: Annotated[str, typer.Option("-o", "--output", help="File to write.")] = "events.csv",
    country: CountryOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    type_: TypeOpt = None,
    status: StatusOpt = "active",
    near: NearOpt = None,
    km: KmOpt = None,
    db: DbOption = None,
) -> None:
    """Write the stored events that match the filters (all active ones by default) to a file: ACLED CSV, GeoJSON
    (RFC 7946) or JSON Lines, with reviewed values; the same filters as `warlog events` and the API."""
    from warlog.export import export as run_export
    from warlog.store.query import iter_read_events

    if format_ not in ("acled-csv", "geojson", "jsonl"):
        raise typer.BadParameter("use acled-csv, geojson or jsonl", param_hint="--format")
    f = _event_filter(country, since, until, type_, status, near, km)
    store = open_store(db)
    rows = list(iter_read_events(store.engine, f))
    store.close()
    Path(output).parent.mkdir(parents=True, exist_ok=True)
    n = run_export(rows, output, format_)
    err.print(f"wrote {n} events to {output}", highlight=False)


@app.command()
def show(
    event_id: Annotated[str, typer.Argument(help="Event id (or the id of any mention in it).")],
    db: DbOption = None,
) -> None:
    """Print one event with its review status, every report behind it, the evidence, the figures each source gave,
    the flags and the review history (reviewed values, the machine's beside them)."""
    store = open_store(db)
    event = store.get_event(event_id)
    if event is None:
        store.close()
        err.print(f"[red]no event {event_id} in {shown_url(store.url)}[/red]", highlight=False)
        raise typer.Exit(1)
    if event.get("review_status") == "merged":
        store.close()
        out.print(f"{event_id} was merged into {event['merged_into']}: warlog show {event['merged_into']}")
        return
    linked = "reports" in event
    report = None if linked else store.get_report(event["report_id"])
    store.close()
    skip = {"evidence", "reports", "references", "figures", "mention_ids", "report_ids", "unresolved_places"}
    skip |= {"review", "machine", "history", "merged_from"}
    machine = event.get("machine") or {}
    for key, value in event.items():
        if key not in skip and value not in (None, "", []):
            was = f"  (machine: {machine[key]})" if key in machine else ""
            out.print(f"[bold]{key}[/bold]: {value}{was}", highlight=False)
    if not linked:
        if report:
            out.print(
                f"\n[bold]report[/bold] {report.get('title') or ''} "
                f"({report.get('outlet') or '?'}, {report.get('published') or '?'})"
            )
        for ev in event.get("evidence") or []:
            out.print(f"  [{ev['start']}:{ev['end']}] {ev['text']}", highlight=False)
        return
    for source, tolls in (event.get("figures") or {}).items():
        out.print(f"[bold]figures[/bold] {source}: {', '.join(str(t) for t in tolls)}", highlight=False)
    for rep in event["reports"]:
        out.print(
            f"\n[bold]report[/bold] {rep['report_id']} {rep.get('title') or ''} ({rep.get('outlet') or '?'}, "
            f"{rep.get('published') or '?'}) source={rep.get('source')} copy-group={rep.get('text_group')} "
            f"deaths={rep.get('fatalities')} date={rep.get('event_date')} place={rep.get('location')}",
            highlight=False,
        )
        if rep.get("link_reason"):
            out.print(f"  linked: {rep['link_reason']}", highlight=False)
        corroboration = rep.get("corroboration")
        if corroboration and corroboration.get("reasons"):
            out.print("  corroboration: " + "; ".join(corroboration["reasons"]), highlight=False)
        for ev in rep.get("evidence") or []:
            out.print(f"  [{ev['start']}:{ev['end']}] {ev['text']}", highlight=False)
    for ref in event.get("references") or []:
        out.print(
            f"\n[bold]reference[/bold] {ref['reference_id']} {ref.get('event_date')} {ref.get('location') or ''} "
            f"{ref.get('admin1') or ''} deaths={ref.get('fatalities')} agrees={ref.get('figures_agree')}",
            highlight=False,
        )
    history = event.get("history") or []
    if history:
        out.print("\n[bold]review history[/bold]")
    for h in history:
        changed = _changes(h.get("before"), h.get("after"))
        note = f" note: {h['note']}" if h.get("note") else ""
        out.print(f"  {h.get('at')} {h.get('actor')} {h.get('action')}{changed}{note}", highlight=False)


def _changes(before: object, after: object) -> str:
    """' field a -> b, ...' for the fields an audit row changed (empty when none can be told)."""
    if not isinstance(before, dict) or not isinstance(after, dict):
        return ""
    diff = [f"{k} {before.get(k)} -> {after[k]}" for k in after if k in before and before.get(k) != after[k]]
    return (": " + ", ".join(diff)) if diff else ""


@gazetteer_app.command("load")
def gazetteer_load(
    files: Annotated[
        list[str],
        typer.Argument(help="GeoNames dumps: allCountries.zip, SY.txt, cities500.txt, alternateNamesV2.txt..."),
    ],
    index: Annotated[str | None, typer.Option(help="Index file to build (default: in the cache folder).")] = None,
    events: Annotated[
        str | None, typer.Option(help="The files are ACLED or UCDP GED event CSVs (acled|ucdp): add their places.")
    ] = None,
    years: Annotated[str | None, typer.Option(help="With --events: event years to take, e.g. 2017-2019.")] = None,
) -> None:
    """Build an on-disk place index from GeoNames dumps (or the places of event files); extraction uses it."""
    from warlog.gazetteer import default_index_path, load_geonames
    from warlog.gazetteer.loaders import load_events

    if events and (events not in ("acled", "ucdp") or not years):
        raise typer.BadParameter("--events acled|ucdp needs --years (e.g. 2017-2019)", param_hint="--events")
    target = Path(index) if index else default_index_path()
    total = 0
    for f in files:
        if events:
            from warlog.cli.geo import _years

            n = load_events(f, target, events, _years(years) or ())
        else:
            n = load_geonames(f, target)
        err.print(f"{f}: {n} rows", highlight=False)
        total += n
    err.print(f"index {target}: {total} rows loaded", highlight=False)


# Modules that register further commands on the app (warlog.cli.app) on import, one per area.
from warlog.cli import admin, config, eval, eval_dates_counts, eval_types, geo, link, serve, sitrep  # noqa: E402, F401


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    app()
