"""Round 9 (issue 13, helper types9): the sub-type model's training options (lead files, lead weight, no lexicon
choice feature) used by the leave-one-writer-out study (scripts/lowo_types.py, docs/benchmarks.md)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from warlog.cli import app
from warlog.extract.type_model import CHOICE_META, load_model, without_choice
from warlog.extract.types import lexicon_view, model_features
from warlog.train.types import NEWS_GROUP, Example, featurise, fit, load_examples

FIXTURES = Path(__file__).parent / "fixtures" / "types"

# Hand-written leads (this test's own words): three per sub-type, plus a NONE that must be skipped.
LEADS = [
    ("Hundreds of teachers marched to the education ministry to demand unpaid salaries.", "Peaceful protest"),
    ("Farmers rallied peacefully outside parliament against the new land law.", "Peaceful protest"),
    ("Residents staged a sit-in at the town hall over water cuts.", "Peaceful protest"),
    ("Fighter jets struck a rebel depot outside the town on Monday.", "Air/drone strike"),
    ("A drone strike hit a pickup truck carrying fighters near the border.", "Air/drone strike"),
    ("Warplanes bombed positions held by the militia in the hills.", "Air/drone strike"),
    ("Police arrested four opposition activists at their homes overnight.", "Arrests"),
    ("Security agents detained a journalist at the airport on Friday.", "Arrests"),
    ("Officers arrested two men suspected of organising the strike.", "Arrests"),
    ("The minister presented the budget to parliament.", "NONE"),
]
HELD_ASIDE = [
    ("Nurses marched through the capital to demand better pay.", "Peaceful protest"),
    ("An air strike hit a training camp of the militia.", "Air/drone strike"),
    ("Police detained three students at the university gate.", "Arrests"),
]


def _write_leads(path: Path) -> Path:
    lines = [
        json.dumps({"id": f"t{i}", "text": t, "sub_event_type": s, "country": "Testland"})
        for i, (t, s) in enumerate(LEADS)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_lead_files_train_a_model_that_types_held_aside_sentences(tmp_path: Path) -> None:
    examples = load_examples([], leads=[_write_leads(tmp_path / "leads.jsonl")])
    assert len(examples) == 9  # the NONE lead is left out
    assert all(e.group == NEWS_GROUP + "Testland" and e.features for e in examples)
    model = fit(examples, min_df=1, choice_feature=False)
    assert model.meta[CHOICE_META] == "off"
    for text, gold in HELD_ASIDE:
        live, choice = lexicon_view(text)
        assert choice is not None
        assert model.predict(model_features(text, live, choice))[0] == gold


def test_model_without_choice_ignores_the_lexicon_choice_feature(tmp_path: Path) -> None:
    examples = load_examples([], leads=[_write_leads(tmp_path / "leads.jsonl")])
    no_choice = fit(examples, min_df=1, choice_feature=False)
    with_choice = fit(examples, min_df=1)
    feats = without_choice(model_features(*_view(HELD_ASIDE[0][0])))
    assert not any(f.startswith("top:") for f in feats)
    # The no-choice model gives the same probabilities whatever choice the lexicon claims; the other model moves.
    lied = [*feats, *["top:Arrests"] * 4]
    assert (no_choice.scores(without_choice(lied)) == no_choice.scores(feats)).all()
    assert no_choice.predict(lied) == no_choice.predict(feats)
    assert (
        with_choice.scores(lied)[with_choice.classes.index("Arrests")]
        > with_choice.scores(feats)[with_choice.classes.index("Arrests")]
    )


def _view(text: str) -> tuple[str, list, object]:
    live, choice = lexicon_view(text)
    return text, live, choice


def test_lead_weight_lets_few_leads_outvote_many_notes() -> None:
    text = "Police fired tear gas at protesters outside the court."
    feats = featurise(text)
    assert feats is not None
    # Five "notes" call this text one thing, one "lead" another: the weight decides.
    notes = [Example(text, "Protest with intervention", "Chad", feats) for _ in range(5)]
    lead = [Example(text, "Excessive force against protesters", NEWS_GROUP + "Chad", feats)]
    assert fit(notes + lead, min_df=1).predict(feats)[0] == "Protest with intervention"
    assert fit(notes + lead, min_df=1, lead_weight=20).predict(feats)[0] == "Excessive force against protesters"


def test_train_types_cli_records_leads_weight_and_choice(tmp_path: Path) -> None:
    leads = _write_leads(tmp_path / "leads.jsonl")
    out = tmp_path / "model.npz"
    result = CliRunner().invoke(
        app,
        [
            "train", "types", "--data", str(FIXTURES / "acled_tiny.csv"), "--leads", str(leads),
            "--lead-weight", "5", "--no-choice-feature", "--min-p", "0.6", "--out", str(out),
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    model = load_model(out.read_bytes())
    assert model.meta[CHOICE_META] == "off"
    assert model.meta["lead_files"] == "leads.jsonl"
    assert model.meta["lead_weight"] == "5.0"
    assert model.meta["min_p"] == "0.6"
    assert int(model.meta["n_leads"]) == 9
    assert "Air/drone strike" in model.classes
