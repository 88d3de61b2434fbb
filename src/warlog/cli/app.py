"""The one Typer app and its command groups. Command modules (`warlog.cli.*`) import from here and register their
commands; nothing here imports them back (`warlog.cli` imports them all, which is what registers them)."""

from __future__ import annotations

import typer

app = typer.Typer(
    help="Turn news reports about armed conflict into geolocated ACLED-style events.", no_args_is_help=True
)
gazetteer_app = typer.Typer(help="Build and inspect the place index.", no_args_is_help=True)
eval_app = typer.Typer(help="Measure warlog on public benchmarks, beside the published numbers.", no_args_is_help=True)
train_app = typer.Typer(help="Train the small models that ship in the package.", no_args_is_help=True)
reference_app = typer.Typer(help="Existing event datasets (ACLED, UCDP GED, VDC) to check reports against.")

app.add_typer(gazetteer_app, name="gazetteer")
app.add_typer(eval_app, name="eval")
app.add_typer(train_app, name="train")
app.add_typer(reference_app, name="reference")
