"""`warlog train types`: fit the linear sub-event-type model on ACLED notes (plus IndiaPoliceEvents arrests).

Training data: the ACLED global 2020 sample (all sub-types) minus a held-out fold of countries, the ACLED Syria battles
before 2020 (subsampled clashes; they add territory changes), and optionally IndiaPoliceEvents training sentences
that report a police arrest (as "Arrests"). The held-out split is written into the model's metadata so that
``warlog eval types --corpus acled`` scores only rows the model never saw. ``cross_validate`` gives a grouped (by
country) 5-fold estimate on the global sample.

The optimiser is L-BFGS (scipy, already installed through reverse-geocoder) on an L2-regularised, class-balanced
(1/sqrt(frequency)) softmax loss over a scipy.sparse design matrix; only training uses scipy.
"""

from __future__ import annotations

import csv
import json
import random
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from warlog.eval.types import TypedSnippet, read_acled, score_types
from warlog.extract.type_model import CHOICE_META, TypeModel, bucket, without_choice
from warlog.extract.types import classify_sentence, lexicon_view, model_features
from warlog.train.linear import fit_softmax

GLOBAL_WINDOW = (date(2020, 4, 27), date(2020, 5, 9))
SYRIA_TRAIN_BEFORE = date(2020, 1, 1)
FOLDS = 5
HELDOUT_FOLD = 0
# News-style leads written for training (r6-trainwriter): always trained on, never part of the ACLED country folds.
NEWS_LEADS = Path(__file__).parent / "data" / "news_leads.jsonl"
# Every writer used for training only: trainwriter (round 6) and r13a/r13b (round 13); the development writers'
# leads (tests/fixtures/types/news_dev_*.jsonl) are never trained on, so they stay a check of the learned part.
TRAINING_LEADS = tuple(sorted((Path(__file__).parent / "data").glob("news_leads*.jsonl")))
# The shipped recipe (round 13, scripts/types_new_writers.py) is `warlog train types`' defaults: leads at 30x a
# note's weight, no lexicon-choice feature, the model's sub-type replaces the lexicon's at probability 0.6 or more.
NEWS_GROUP = "news-leads:"


@dataclass
class Example:
    """One training text with its label, sample group (country) and features."""

    text: str
    label: str
    group: str
    features: list[str] | None  # None: the lexicon gate rejects it (kept for honest scoring, never trained on)


def country_fold(country: str) -> int:
    """The cross-validation fold of a country (stable hash)."""
    return zlib.crc32(("a" + country).encode("utf-8")) % FOLDS


def featurise(text: str) -> list[str] | None:
    """Model features of a text, or None when the lexicon gate finds no event (such rows teach nothing at run time)."""
    live, choice = lexicon_view(text)
    if choice is None:
        return None
    return model_features(text, live, choice)


def _is_global(s: TypedSnippet) -> bool:
    """Whether an ACLED row falls in the global 2020 sample's window."""
    return s.event_date is not None and GLOBAL_WINDOW[0] <= s.event_date <= GLOBAL_WINDOW[1]


def load_examples(
    paths: Sequence[str | Path],
    ipe: str | Path | None = None,
    max_clashes: int = 0,
    seed: int = 13,
    leads: bool | Sequence[str | Path] = True,
) -> list[Example]:
    """Training examples from ACLED files, IPE arrests and written news leads; identical texts count once.

    ``leads``: True for the training writers' sets (``TRAINING_LEADS``), False for none, or the lead files to read.

    Syria battles give rows before 2020: territory changes, and at most ``max_clashes`` clashes (by default none:
    thousands of Syrian clashes tilt the model towards "Armed clash" everywhere; cross-validation showed it).
    """
    rng = random.Random(seed)
    out: list[Example] = []
    syria: list[TypedSnippet] = []
    seen: set[str] = set()
    for path in paths:
        for s in read_acled(path):
            if s.text in seen:
                continue
            seen.add(s.text)
            if _is_global(s):
                out.append(Example(s.text, s.gold or "", s.country, featurise(s.text)))
            elif s.country == "Syria" and s.event_date is not None and s.event_date < SYRIA_TRAIN_BEFORE:
                syria.append(s)
    clashes = [s for s in syria if s.gold == "Armed clash"]
    rng.shuffle(clashes)
    for s in [s for s in syria if s.gold != "Armed clash"] + clashes[:max_clashes]:
        feats = featurise(s.text)
        if feats is not None:
            out.append(Example(s.text, s.gold or "", "Syria-battles", feats))
    if ipe is not None:
        out.extend(ipe_arrests(ipe))
    lead_files = list(TRAINING_LEADS) if leads is True else list(leads or [])
    for lead_file in lead_files:
        for e in news_leads(lead_file):
            if e.text not in seen:
                seen.add(e.text)
                out.append(e)
    return out


def news_leads(path: str | Path = NEWS_LEADS) -> list[Example]:
    """The written news leads as examples (group ``news-leads:<country>``). "NONE" leads are left out: the model has no
    no-event class (the lexicon gate decides whether there is an event)."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            rec = json.loads(line)
            if rec["sub_event_type"] == "NONE":
                continue
            out.append(
                Example(rec["text"], rec["sub_event_type"], NEWS_GROUP + rec.get("country", ""), featurise(rec["text"]))
            )
    return out


def ipe_arrests(path: str | Path) -> list[Example]:
    """IndiaPoliceEvents training sentences that report a police arrest and no police violence, as "Arrests"."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) < 6:
                continue
            kill, arrest, _any, _fail, force = (r.strip() == "1" for r in row[1:6])
            if arrest and not kill and not force:
                feats = featurise(row[0])
                if feats is not None:
                    out.append(Example(row[0], "Arrests", "IndiaPoliceEvents", feats))
    return out


def fit(
    examples: Sequence[Example],
    l2: float = 1e-3,
    min_df: int = 2,
    max_iter: int = 200,
    balance: float = 0.0,
    lead_weight: float = 1.0,
    choice_feature: bool = True,
) -> TypeModel:
    """Multinomial logistic regression over hashed features (buckets seen in at least ``min_df`` examples).

    ``lead_weight``: the loss weight of a news lead relative to an ACLED note (a few hundred leads against thousands of
    notes teach nothing at weight 1). ``choice_feature=False`` leaves out the lexicon's precedence choice (``top:``),
    which otherwise dominates: the model then echoes the lexicon (round 9: it agreed with it on 99% of news leads).
    """
    from scipy import sparse

    examples = [e for e in examples if e.features is not None]
    if not choice_feature:
        examples = [replace(e, features=without_choice(e.features or ())) for e in examples]
    classes = tuple(sorted({e.label for e in examples}))
    cidx = {c: i for i, c in enumerate(classes)}
    df: Counter[int] = Counter()
    bags = []
    for e in examples:
        bag = Counter(bucket(f) for f in e.features or ())
        bags.append(bag)
        df.update(bag.keys())
    kept = sorted(b for b, n in df.items() if n >= min_df)
    col = {b: i for i, b in enumerate(kept)}
    rows, cols, vals = [], [], []
    for r, bag in enumerate(bags):
        for b, n in bag.items():
            if b in col:
                rows.append(r)
                cols.append(col[b])
                vals.append(float(n))
    x = sparse.csr_matrix((vals, (rows, cols)), shape=(len(examples), len(kept)), dtype=np.float64)
    y = np.array([cidx[e.label] for e in examples])
    freq = np.bincount(y, minlength=len(classes)).astype(float)
    sw = (freq**-balance)[y]
    sw *= np.array([lead_weight if e.group.startswith(NEWS_GROUP) else 1.0 for e in examples])
    sw *= len(y) / sw.sum()
    w, b = fit_softmax(x, y, len(classes), l2=l2, sample_weight=sw, max_iter=max_iter)
    meta = {} if choice_feature else {CHOICE_META: "off"}
    return TypeModel(classes, col, w.astype(np.float32), b.astype(np.float32), meta)


def cross_validate(examples: Sequence[Example], use_ipe: bool = True, **fit_args: Any) -> dict[str, object]:
    """Grouped 5-fold estimate on the global sample: each fold's countries are held out (Syria battles always train).

    Scores the full ``classify_sentence`` (lexicon gate + model) with the fold's model patched in, against the
    lexicon alone on the same rows.
    """
    import warlog.extract.types as types_mod

    pairs_model: list[tuple[str | None, str | None]] = []
    pairs_lex: list[tuple[str | None, str | None]] = []
    for fold in range(FOLDS):
        test = [e for e in examples if _in_fold(e, fold)]
        train = [e for e in examples if not _in_fold(e, fold) and (use_ipe or e.group != "IndiaPoliceEvents")]
        model = fit(train, **fit_args)
        original = types_mod.shipped_model
        types_mod.shipped_model = lambda m=model: m  # type: ignore[assignment]
        try:
            for e in test:
                m = classify_sentence(e.text)
                pairs_model.append((e.label, m.sub_event_type if m else None))
        finally:
            types_mod.shipped_model = original  # type: ignore[assignment]
        for e in test:
            lex = types_mod.classify_lexicon(e.text)
            pairs_lex.append((e.label, lex.sub_event_type if lex else None))
    model_scores = score_types(pairs_model)
    lex_scores = score_types(pairs_lex)
    return {
        "split": f"grouped {FOLDS}-fold by country over the ACLED global 2020 sample (rows the lexicon gate passes)",
        "model": {k: v for k, v in model_scores.items() if k != "per_class"},
        "lexicon": {k: v for k, v in lex_scores.items() if k != "per_class"},
        "model_per_class": model_scores["per_class"],
    }


def _in_fold(e: Example, fold: int) -> bool:
    """Whether a global-sample example belongs to a fold (other sources never do)."""
    return (
        e.group not in ("Syria-battles", "IndiaPoliceEvents")
        and not e.group.startswith(NEWS_GROUP)
        and country_fold(e.group) == fold
    )


def heldout_countries(examples: Sequence[Example]) -> list[str]:
    """Countries of the shipped model's held-out fold."""
    return sorted({e.group for e in examples if _in_fold(e, HELDOUT_FOLD)})


def train_shipped(
    examples: Sequence[Example],
    out: str | Path,
    min_p: float = 0.9,
    lead_files: Sequence[str | Path] = (),
    **fit_args: Any,
) -> TypeModel:
    """Fit on every example outside the held-out fold; save it with its split and override threshold ``min_p``."""
    train = [e for e in examples if not _in_fold(e, HELDOUT_FOLD)]
    model = fit(train, **fit_args)
    held = heldout_countries(examples)
    model.meta = model.meta | {
        "split": f"trained on ACLED global 2020 minus country fold {HELDOUT_FOLD} of {FOLDS} ({len(held)} countries) "
        f"+ ACLED Syria battles before {SYRIA_TRAIN_BEFORE.isoformat()}",
        "heldout_countries": "|".join(held),
        "global_window": "|".join(d.isoformat() for d in GLOBAL_WINDOW),
        "syria_train_before": SYRIA_TRAIN_BEFORE.isoformat(),
        "n_train": str(len(train)),
        "min_p": str(min_p),
        "label_counts": ";".join(f"{k}={v}" for k, v in sorted(Counter(e.label for e in train).items())),
        "n_leads": str(sum(1 for e in train if e.group.startswith(NEWS_GROUP) and e.features is not None)),
        "lead_files": "|".join(Path(f).name for f in lead_files),
        "lead_weight": str(fit_args.get("lead_weight", 1.0)),
    }
    model.save(str(out))
    return model
