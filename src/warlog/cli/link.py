"""`warlog link`, `warlog reference import` and `warlog eval link|corroboration`: thin wrappers over the library."""

from __future__ import annotations

from typing import Annotated

import typer

from warlog.cli.app import app, reference_app
from warlog.cli.common import DbOption, err, open_store
from warlog.cli.eval import eval_app, run_eval
from warlog.gcpolicy import no_exit_collection

FormatOption = Annotated[str, typer.Option("--format", help="table, json or markdown")]


@app.command("link")
def link(
    rebuild: Annotated[bool, typer.Option(help="Forget every event and link all mentions again.")] = False,
    db: DbOption = None,
) -> None:
    """Group stored mentions into events (new mentions join existing events; event ids stay stable)."""
    from warlog.link.run import link_store

    no_exit_collection()
    store = open_store(db, write=True)
    s = link_store(store, rebuild=rebuild)
    stats = store.stats()
    store.close()
    err.print(
        f"{s.new_mentions} mentions linked: {s.joined} joined an event, {s.founded} founded one; "
        f"{s.events_updated} events updated, {s.reports_corroborated} reports' corroboration updated; "
        f"{stats['events']} events in all",
        highlight=False,
    )


@reference_app.command("import")
def reference_import(
    file: Annotated[str, typer.Argument(help="Dataset file (CSV or CSV.gz).")],
    format_: Annotated[str, typer.Option("--format", help="acled, ucdp or vdc")] = "acled",
    db: DbOption = None,
) -> None:
    """Load reference events and match every linked event to them within date and place windows."""
    from warlog.link.reference import FORMATS, import_reference

    if format_ not in FORMATS:
        raise typer.BadParameter(f"use {', '.join(FORMATS)}", param_hint="--format")
    store = open_store(db, write=True)
    n = import_reference(store, file, format_)
    store.close()
    err.print(f"{n} reference events from {file} ({format_})", highlight=False)


@eval_app.command("link")
def eval_link(
    corpus: Annotated[
        str, typer.Option(help="gvc (mention coreference), gva (document grouping) or gvc-study (a GVC-only model)")
    ] = "gvc",
    data: Annotated[str, typer.Option(help="Benchmark folder (../shared/benchmarks/gvc or gva_semeval2018t5).")] = "",
    split: Annotated[str, typer.Option(help="GVC split folder: val (= Bugert's dev) or test.")] = "val",
    limit: Annotated[int | None, typer.Option(help="GVA: only the documents of this many incidents.")] = None,
    format_: FormatOption = "table",
) -> None:
    """Cross-document event coreference of the shipped linker (MUC, B-cubed, CEAF-e, CoNLL F1) beside the anchor."""
    from warlog.eval.gvc_study import eval_gvc_study
    from warlog.eval.link import eval_gva, eval_gvc

    if not data:
        raise typer.BadParameter("give the benchmark folder", param_hint="--data")
    runs = {
        "gvc": lambda: eval_gvc(data, split=split),
        "gva": lambda: eval_gva(data, limit=limit),
        "gvc-study": lambda: eval_gvc_study(data, split=split),
    }
    if corpus not in runs:
        raise typer.BadParameter("use gvc, gva or gvc-study", param_hint="--corpus")
    run_eval(runs[corpus], format_)


@eval_app.command("corroboration")
def eval_corroboration(
    data: Annotated[str, typer.Option(help="FA-KES-Dataset.csv")],
    vdc: Annotated[str | None, typer.Option(help="VDC victim list (vdc_victims_sample_2011_2019.csv.gz).")] = None,
    cache: Annotated[str, typer.Option(help="SQLite file holding the extracted articles (made once).")] = "",
    format_: FormatOption = "table",
) -> None:
    """A study: do corroboration facts separate FA-KES credible from fake articles (folds grouped by outlet)?"""
    from warlog.eval.fakes import eval_fakes

    run_eval(lambda: eval_fakes(data, vdc=vdc, cache=cache or None), format_)
