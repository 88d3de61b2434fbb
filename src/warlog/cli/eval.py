"""`warlog eval ...` and `warlog train ...`: each benchmark prints its metric beside the published anchor."""

from __future__ import annotations

import typer

eval_app = typer.Typer(help="Measure warlog on public benchmarks, beside the published numbers.", no_args_is_help=True)
train_app = typer.Typer(help="Train the small models that ship in the package.", no_args_is_help=True)
