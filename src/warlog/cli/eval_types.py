"""`warlog eval types|actors|sentences` and `warlog train types`: thin wrappers over warlog.eval.* and warlog.train."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from warlog.cli.common import err
from warlog.cli.eval import eval_app, run_eval, train_app

FormatOption = Annotated[str, typer.Option("--format", help="json, table or markdown.")]
SharedOption = Annotated[
    Path, typer.Option("--shared", exists=True, file_okay=False, help="The shared data folder (../shared).")
]
ModelOutOption = Annotated[Path | None, typer.Option("--out", help="Model file (default: the package's copy).")]


@eval_app.command("types")
def eval_types(
    data: Annotated[
        Path,
        typer.Option("--data", exists=True, help="CASE-2021 task 2 TSV, ACLED CSV(.gz)/folder, or snippets JSONL."),
    ],
    corpus: Annotated[
        str,
        typer.Option(
            "--corpus",
            help="case2021, acled, wad (PITF atrocities), fakes-gold (fa-kes-gold-dev evidence), or snippets "
            "(JSONL of id/text/sub_event_type).",
        ),
    ] = "acled",
    include_seen: Annotated[
        bool, typer.Option("--include-seen", help="ACLED: also score rows the shipped model was trained on.")
    ] = False,
    labels: Annotated[
        Path | None,
        typer.Option("--labels", exists=True, help="case2021: gold id<TAB>LABEL file when --data has no labels."),
    ] = None,
    reader: Annotated[
        str | None,
        typer.Option(
            "--reader",
            help="report: each snippet read as `warlog ingest` reads a report, the lead event's sub-type (default for "
            "the news corpora case2021 and snippets); sentence: the sentence classifier on the whole snippet (default "
            "for acled, wad, fakes-gold: one event description a row).",
        ),
    ] = None,
    fmt: FormatOption = "table",
) -> None:
    """ACLED sub-event type of each snippet: weighted/macro F1 over ACLED classes (and all 30 for CASE-2021)."""
    from warlog.eval.types import evaluate_types

    if corpus not in ("case2021", "acled", "wad", "fakes-gold", "snippets"):
        raise typer.BadParameter("use case2021, acled, wad, fakes-gold or snippets", param_hint="--corpus")
    if reader not in (None, "report", "sentence"):
        raise typer.BadParameter("use report or sentence", param_hint="--reader")
    run_eval(lambda: evaluate_types(corpus, data, include_seen=include_seen, labels=labels, reader=reader), fmt)


@eval_app.command("actors")
def eval_actors(
    data: Annotated[Path, typer.Option("--data", exists=True, help="ACLED CSV(.gz) or a folder of them.")],
    limit: Annotated[int | None, typer.Option("--limit", help="Score only the first N rows.")] = None,
    errors: Annotated[int, typer.Option("--errors", help="List the first N events whose pair is wrong.")] = 0,
    fmt: FormatOption = "table",
) -> None:
    """Share of ACLED events whose actor1/actor2 warlog names as ACLED does."""
    from warlog.eval.actors import evaluate_actors

    run_eval(lambda: evaluate_actors(data, limit=limit, errors=errors), fmt)


@eval_app.command("sentences")
def eval_sentences(
    data: Annotated[
        Path, typer.Option("--data", exists=True, help="IndiaPoliceEvents_sents folder (test.tsv) or TSV.")
    ],
    fmt: FormatOption = "table",
) -> None:
    """Sentence-level police-event detection (KILL, ARREST, FORCE, ANY_ACTION) on IndiaPoliceEvents."""
    from warlog.eval.sentences import evaluate_sentences

    run_eval(lambda: evaluate_sentences(data), fmt)


@train_app.command("types")
def train_types(
    data: Annotated[list[Path], typer.Option("--data", exists=True, help="ACLED CSV(.gz) files or folders.")],
    ipe: Annotated[
        Path | None, typer.Option("--ipe", exists=True, help="IndiaPoliceEvents train.tsv: its arrests add examples.")
    ] = None,
    out: ModelOutOption = None,
    cv: Annotated[bool, typer.Option("--cv", help="Also print a grouped-by-country 5-fold estimate (slow).")] = False,
    max_iter: Annotated[int, typer.Option("--max-iter", help="L-BFGS iterations.")] = 120,
    min_p: Annotated[float, typer.Option("--min-p", help="Model probability needed to override the lexicon.")] = 0.6,
    leads: Annotated[
        list[Path] | None,
        typer.Option(
            "--leads",
            exists=True,
            dir_okay=False,
            help="A JSONL file of written news leads (repeatable; default: every warlog/train/data/news_leads*.jsonl).",
        ),
    ] = None,
    no_leads: Annotated[bool, typer.Option("--no-leads", help="Train on no news leads.")] = False,
    lead_weight: Annotated[float, typer.Option("--lead-weight", help="Loss weight of a lead against a note.")] = 15.0,
    choice_feature: Annotated[
        bool,
        typer.Option(
            "--choice-feature/--no-choice-feature",
            help="Give the model the lexicon's precedence choice as a feature (with it the model echoes the lexicon).",
        ),
    ] = False,
) -> None:
    """Fit the linear sub-event-type model on ACLED notes and written news leads and write it under warlog/data/."""
    from importlib import resources

    from warlog.extract.type_model import MODEL_RESOURCE
    from warlog.train.types import TRAINING_LEADS, cross_validate, load_examples, train_shipped

    target = out or Path(str(resources.files("warlog").joinpath(MODEL_RESOURCE)))
    lead_files = [] if no_leads else (leads or list(TRAINING_LEADS))
    examples = load_examples(data, ipe=ipe, leads=lead_files)
    err.print(f"{len(examples)} examples", highlight=False)
    fit_args = {"max_iter": max_iter, "lead_weight": lead_weight, "choice_feature": choice_feature}
    if cv:
        typer.echo(json.dumps(cross_validate(examples, **fit_args), indent=2))
    model = train_shipped(examples, target, min_p=min_p, lead_files=lead_files, **fit_args)
    err.print(f"wrote {target}: {len(model.buckets)} features x {len(model.classes)} classes", highlight=False)


@train_app.command("proposer")
def train_proposer_cmd(
    shared: SharedOption = Path("../shared"),
    out: ModelOutOption = None,
    min_p: Annotated[float, typer.Option("--min-p", help="Probability a proposed sub-type needs.")] = 0.5,
) -> None:
    """Fit the proposer: a sub-type (or NONE) for sentences the trigger lexicon finds nothing in (see
    warlog/train/proposer.py and docs/training.md for its data)."""
    from importlib import resources

    from warlog.extract.type_model import PROPOSER_RESOURCE
    from warlog.train.proposer import train_proposer

    target = out or Path(str(resources.files("warlog").joinpath(PROPOSER_RESOURCE)))
    model = train_proposer(shared, target, min_p=min_p)
    err.print(
        f"wrote {target}: {len(model.buckets)} features x {len(model.classes)} classes ({model.meta['sources']})",
        highlight=False,
    )


@train_app.command("events")
def train_events(
    shared: SharedOption = Path("../shared"),
    out: ModelOutOption = None,
    leads: Annotated[
        list[Path] | None,
        typer.Option(
            "--leads",
            exists=True,
            dir_okay=False,
            help="A JSONL file of written news leads (repeatable): a lead's first candidate sentence is an event, "
            "every candidate of a NONE lead commentary.",
        ),
    ] = None,
) -> None:
    """Fit the sentence-role model (event / background / claim / commentary / boilerplate) from ../shared (and news
    leads written for warlog) and print its held-out scores per source (docs/training.md describes every set)."""
    from importlib import resources

    from warlog.extract.roles import ROLES_RESOURCE, shipped_roles
    from warlog.train.events import train_roles

    shipped = shipped_roles()
    shipped_digest = shipped.meta.get("data_sha256") if shipped is not None else None
    target = out or Path(str(resources.files("warlog").joinpath(ROLES_RESOURCE)))
    model, report = train_roles(target, shared, leads or [])
    summary = {
        "threshold": model.meta["threshold"],
        "n_train": model.meta["n_train"],
        "data_sha256": model.meta["data_sha256"],
        "same_data_as_shipped": model.meta["data_sha256"] == shipped_digest,
        "heldout": report,
    }
    typer.echo(json.dumps(summary, indent=2, default=float))
    err.print(f"wrote {target}: {len(model.buckets)} features x {len(model.classes)} classes", highlight=False)


@train_app.command("acceptance")
def train_acceptance_cmd(
    data: Annotated[
        list[Path], typer.Option("--data", exists=True, file_okay=False, help="A development report set (repeatable).")
    ],
    out: ModelOutOption = None,
    l2: Annotated[float, typer.Option("--l2", help="L2 penalty on the standardised weights.")] = 0.01,
) -> None:
    """Fit the acceptance model (which drafted events a coder records) on hand-coded development report sets; the
    threshold is chosen by leave-one-set-out event F1, printed with the per-set counts (warlog/train/acceptance.py)."""
    from importlib import resources

    from warlog.extract.acceptance import MODEL_FILE
    from warlog.train.acceptance import train_acceptance

    target = out or Path(str(resources.files("warlog").joinpath(f"data/{MODEL_FILE}")))
    model, report = train_acceptance(sorted(data), target, l2=l2)
    typer.echo(json.dumps(report, indent=1))
    err.print(f"wrote {target}: {len(model.names)} features, threshold {model.threshold}", highlight=False)
