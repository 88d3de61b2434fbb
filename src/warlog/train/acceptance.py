"""`warlog train acceptance`: the model that decides which drafted events a coder records (extract/acceptance.py).

Data: the hand-coded development report sets (``tests/fixtures/devset_*``, each written by one writer about one set
of wars, coded with ACLED's rules). Each report is extracted as ``warlog ingest`` extracts it, with the acceptance step
off, so every draft the frames leave is seen; a draft is a positive when ``score_devset``'s matching (same event type,
date within a day, point within 25 km, gold events in order, each matched once) pairs it with a gold event, a negative
otherwise. Held-out sets (``heldout_own*``) and sealed sets must not be passed: the trainer refuses a set whose gold
says HELD-OUT or SEALED without being unsealed.

The threshold and the regularisation are chosen by leave-one-set-out: each set is scored by a model fitted on all the
others (a writer the model never saw), and the threshold that maximises event F1 over all the sets' pooled counts is
kept. Those pooled leave-one-out counts, not the refit model's counts on its own training sets, are the figures to
quote (``loo`` in the model's meta).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np

from warlog.eval.devset import load_devset, pair_events
from warlog.extract.acceptance import MIN_DRAFTS, AcceptanceModel
from warlog.geometry import haversine_km
from warlog.train.linear import fit_softmax

THRESHOLDS = tuple(round(0.05 * k, 2) for k in range(1, 17))  # 0.05 ... 0.80
L2 = 0.01  # mean log-loss + L2/2 |w|^2 on standardised features (chosen by leave-one-set-out, docs)


@dataclass
class Drafts:
    """Every draft of one development set: features, whether it tells an incident the coder recorded (``labels``,
    what the model learns), whether the devset scorer matches it (``strict``, what F1 counts), the set's gold count."""

    name: str
    features: list[dict[str, float]]
    labels: list[int]
    gold: int
    strict: list[int] = field(default_factory=list)
    sizes: list[int] = field(default_factory=list)  # how many drafts the draft's report holds


def matched(gold_events: Sequence[dict], events: Sequence[dict]) -> list[int]:
    """1 for each system event the devset scorer pairs with a gold event (its greedy order), else 0."""
    paired = set(pair_events(gold_events, events).values())
    return [int(i in paired) for i in range(len(events))]


def _tells(gold: dict, system: dict) -> bool:
    """The draft tells the gold incident, whatever one argument says: two of same event type, a day within two and a
    point within 25 km (a wrong type, a day off, a village placed at its province are still that incident)."""
    try:
        days = abs((date.fromisoformat(gold["event_date"]) - date.fromisoformat(str(system["event_date"])[:10])).days)
    except (KeyError, TypeError, ValueError):
        days = 99
    try:
        km = haversine_km(gold["latitude"], gold["longitude"], float(system["latitude"]), float(system["longitude"]))
    except (KeyError, TypeError, ValueError):
        km = 1e9
    return (system.get("event_type") == gold["event_type"]) + (days <= 2) + (km <= 25) >= 2


def told(gold_events: Sequence[dict], events: Sequence[dict]) -> list[int]:
    """1 for each system event that tells a gold incident: the scorer's pairs first, then, one to one for the gold
    events left, a draft that tells one with one argument wrong (``_tells``). A second telling of an incident already
    paired is 0: a coder records an incident once."""
    strict = pair_events(gold_events, events)
    paired = set(pair_events(gold_events, events, _tells, strict).values())
    return [int(i in paired) for i in range(len(events))]


def _sealed(about: str) -> bool:
    return "HELD-OUT" in about or ("SEALED" in about and "Unsealed" not in about)


def collect(folder: Path) -> Drafts:
    """Extract one development set with the acceptance step off and label its drafts."""
    from warlog.extract.run import extract_reports

    gold, reports = load_devset(folder)
    if _sealed(str(gold.get("about", ""))):
        raise ValueError(f"{folder}: a held-out or sealed set is never trained on")
    features: list[dict[str, float]] = []
    labels: list[int] = []
    strict: list[int] = []
    sizes: list[int] = []
    for entry, ex in zip(gold["reports"], extract_reports(reports, accept=False), strict=True):
        if ex.error:
            raise ValueError(f"{folder}/{entry['file']}: {ex.error}")
        events = [m.to_acled() for m in ex.mentions]
        labels += told(entry["events"], events)
        strict += matched(entry["events"], events)
        features += ex.features
        sizes += [len(events)] * len(events)
    return Drafts(Path(folder).name, features, labels, sum(len(e["events"]) for e in gold["reports"]), strict, sizes)


def fit(features: Sequence[dict[str, float]], labels: Sequence[int], l2: float = L2) -> AcceptanceModel:
    """Logistic regression on standardised features (threshold 0.5 until chosen)."""
    names = tuple(sorted({k for f in features for k in f}))
    model = AcceptanceModel(names, np.zeros(len(names)), np.ones(len(names)), np.zeros(len(names)), 0.0, 0.5)
    x = model.matrix(list(features))
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale < 1e-6] = 1.0
    w, b = fit_softmax((x - mean) / scale, np.asarray(labels), 2, l2=l2, max_iter=500)
    model.mean, model.scale = mean, scale
    model.weights = w[:, 1] - w[:, 0]
    model.bias = float(b[1] - b[0])
    return model


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def counts(sets: Sequence[Drafts], probs: Sequence[np.ndarray], threshold: float) -> tuple[int, int, int]:
    tp = fp = fn = 0
    for s, p in zip(sets, probs, strict=True):
        keep = (p >= threshold) | (np.asarray(s.sizes) < MIN_DRAFTS)  # (as AcceptanceModel.keep)
        y = np.asarray(s.strict, dtype=bool)
        tp += int((keep & y).sum())
        fp += int((keep & ~y).sum())
        fn += s.gold - int((keep & y).sum())
    return tp, fp, fn


def leave_one_out(sets: Sequence[Drafts], l2: float = L2) -> list[np.ndarray]:
    """Each set's draft probabilities from a model fitted on all the other sets."""
    out = []
    for i, s in enumerate(sets):
        rest = [t for j, t in enumerate(sets) if j != i]
        model = fit([f for t in rest for f in t.features], [y for t in rest for y in t.labels], l2)
        out.append(model.probabilities(s.features))
    return out


def pipeline_name() -> str:
    """The spaCy pipeline the drafts were parsed with ("en_core_web_md 3.8.0")."""
    from warlog.extract.nlp import load_nlp

    meta = load_nlp().meta
    return f"{meta.get('lang')}_{meta.get('name')} {meta.get('version')}"


def digest(sets: Sequence[Drafts]) -> str:
    h = hashlib.sha256()
    for s in sets:
        h.update(json.dumps([s.name, s.gold, s.labels, s.features], sort_keys=True).encode())
    return h.hexdigest()[:16]


def smoothed_f1(table: dict[float, tuple[int, int, int]], t: float) -> float:
    """The mean F1 of a threshold and its neighbours on the grid: the leave-one-set-out curve is flat near its top
    (thresholds one event apart), so the middle of the plateau is chosen, not the step a single event tips."""
    grid = sorted(table)
    i = grid.index(t)
    near = grid[max(0, i - 1) : i + 2]
    return sum(f1(*table[u]) for u in near) / len(near)


def train_acceptance(folders: Sequence[Path], out: Path | None, l2: float = L2) -> tuple[AcceptanceModel, dict]:
    """Fit on every given development set, choose the threshold by leave-one-set-out F1 (smoothed over neighbouring
    thresholds), save to ``out``."""
    sets = [collect(Path(f)) for f in folders]
    if len(sets) < 3:
        raise ValueError("leave-one-set-out needs at least three development sets")
    probs = leave_one_out(sets, l2)
    base = counts(sets, [np.ones(len(s.labels)) for s in sets], 0.0)
    table = {t: counts(sets, probs, t) for t in THRESHOLDS}
    best = max(THRESHOLDS, key=lambda t: (smoothed_f1(table, t), -t))
    model = fit([f for s in sets for f in s.features], [y for s in sets for y in s.labels], l2)
    model.threshold = best
    per_set = {
        s.name: {"all_drafts": counts([s], [p], 0.0), "kept": counts([s], [p], best)}
        for s, p in zip(sets, probs, strict=True)
    }
    report = {
        "sets": [s.name for s in sets],
        "drafts": sum(len(s.labels) for s in sets),
        "matched": sum(sum(s.labels) for s in sets),
        "gold": sum(s.gold for s in sets),
        "threshold": best,
        "l2": l2,
        "all_drafts": {"tp_fp_fn": base, "f1": round(f1(*base), 4)},
        "loo": {"tp_fp_fn": table[best], "f1": round(f1(*table[best]), 4)},
        "loo_by_threshold": {str(t): {"tp_fp_fn": c, "f1": round(f1(*c), 4)} for t, c in table.items()},
        "loo_per_set": per_set,
        "data_sha256": digest(sets),
    }
    model.meta = {
        "sets": ",".join(report["sets"]),
        "threshold": str(best),
        "l2": str(l2),
        "loo_f1": str(report["loo"]["f1"]),
        "all_drafts_f1": str(report["all_drafts"]["f1"]),
        "data_sha256": report["data_sha256"],
        "pipeline": pipeline_name(),  # the drafts depend on the parse: another spaCy pipeline drafts otherwise
    }
    if out is not None:
        model.save(out)
    return model, report
