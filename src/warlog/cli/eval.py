"""`warlog eval ...` and `warlog train ...`: each benchmark prints its metric beside the published anchor."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from warlog.cli.app import eval_app, train_app
from warlog.cli.common import err

if TYPE_CHECKING:
    from warlog.eval.report import EvalResult

__all__ = ["eval_app", "run_eval", "train_app"]


def run_eval(make: Callable[[], EvalResult], fmt: str = "table") -> EvalResult:
    """Run a benchmark and print its result; input it cannot score (no gold found) is one error line and exit 2."""
    from warlog.eval.report import EvalError, print_result

    try:
        result = make()
    except (EvalError, FileNotFoundError) as exc:
        err.print(f"[red]error[/red] {exc}", highlight=False)
        raise typer.Exit(2) from None
    print_result(result, fmt)
    return result


@eval_app.command("devset")
def eval_devset(
    data: Annotated[Path, typer.Option(help="The dev set folder (gold.json + reports/).")] = Path(
        "tests/fixtures/devset_other_wars"
    ),
    format_: Annotated[str, typer.Option("--format", help="table, json or markdown")] = "table",
) -> None:
    """Reports from other wars written for warlog: place, fatalities, actors and dates of matched events."""
    from warlog.eval.devset import evaluate_devset
    from warlog.eval.report import print_result

    if not data.exists():
        raise typer.BadParameter(f"{data} does not exist")
    try:
        result = evaluate_devset(data)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc
    print_result(result, format_)


@eval_app.command("articles")
def eval_articles(
    gold: Annotated[Path, typer.Option(help="Gold file in the fa-kes-gold-dev layout (dev.json).")],
    data: Annotated[Path, typer.Option(help="FA-KES-Dataset.csv (latin-1).")],
    format_: Annotated[str, typer.Option("--format", help="table, json or markdown")] = "table",
    details: Annotated[bool, typer.Option(help="Include missed, spurious and wrongly filled events in JSON.")] = False,
) -> None:
    """Whole articles: warlog's events against hand-coded ACLED events (event P/R/F1, sub-type, place, fatalities)."""
    from warlog.eval.articles import evaluate_articles

    for path in (gold, data):
        if not path.exists():
            raise typer.BadParameter(f"{path} does not exist")

    def make() -> EvalResult:
        result = evaluate_articles(gold, data)
        if not details:
            result.details = {}
        return result

    run_eval(make, format_)


@eval_app.command("muc4")
def eval_muc4(
    data: Annotated[Path, typer.Option(help="MUC-4 in the GRIT/ConfliBERT layout: test.json, or its folder.")],
    limit: Annotated[int | None, typer.Option(help="Score only the first N documents (by id).")] = None,
    format_: Annotated[str, typer.Option("--format", help="table, json or markdown")] = "table",
    details: Annotated[bool, typer.Option(help="Include per-document matches and misses in JSON.")] = False,
    case: Annotated[str, typer.Option(help="sentence (sentence-case the capitals first) or as-is.")] = "sentence",
) -> None:
    """Whole MUC-4 articles: warlog's perpetrator and target fillers against the templates' (GRIT-style P/R/F1)."""
    from warlog.eval.muc4 import evaluate_muc4

    def make() -> EvalResult:
        result = evaluate_muc4(data, limit=limit, case=case)
        if not details:
            result.details = {}
        return result

    run_eval(make, format_)
