"""`warlog eval timex` and `warlog eval counts`: dates and casualty counts beside their published anchors."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from warlog.cli.eval import eval_app, run_eval


@eval_app.command("timex")
def eval_timex(
    data: Annotated[Path, typer.Option(help="Folder of TimeML .tml files (searched recursively), or one file.")],
    format_: Annotated[str, typer.Option("--format", help="table, json or markdown")] = "table",
    errors: Annotated[bool, typer.Option(help="Include every missed, spurious and wrong timex in JSON.")] = False,
) -> None:
    """Time expressions: TempEval-3 Task A strict/relaxed extent F1 and value F1 against each document's DCT."""
    from warlog.eval.timex import evaluate_timex

    if not data.exists():
        raise typer.BadParameter(f"{data} does not exist")
    run_eval(lambda: evaluate_timex(data, with_errors=errors), format_)


@eval_app.command("counts")
def eval_counts(
    corpus: Annotated[str, typer.Option(help="gvdb, gva, wad or acled")],
    data: Annotated[Path, typer.Option(help="The corpus file (or folder for acled: every .csv/.csv.gz in it).")],
    format_: Annotated[str, typer.Option("--format", help="table, json or markdown")] = "table",
    limit: Annotated[int | None, typer.Option(help="Score only the first N items (quick checks).")] = None,
    errors: Annotated[bool, typer.Option(help="Include the items read wrong in JSON.")] = False,
) -> None:
    """Killed and injured counts per report, incident or event description: exact match and within 10%."""
    from warlog.eval.counts import CORPORA, evaluate_counts

    if corpus not in CORPORA:
        raise typer.BadParameter(f"--corpus must be one of {', '.join(CORPORA)}")
    if not data.exists():
        raise typer.BadParameter(f"{data} does not exist")
    run_eval(lambda: evaluate_counts(corpus, data, limit=limit, with_errors=errors), format_)
