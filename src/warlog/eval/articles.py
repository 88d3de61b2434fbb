"""Whole-article evaluation: warlog's events for hand-coded FA-KES articles, scored by the gold README's rule.

Gold: `{"articles": [{"unit_id", "csv_row", "published", "source", "events": [...]}, ...]}` (fa-kes-gold-dev layout).
Each article is fed as `title + "\\n\\n" + article_content` of its CSV row, with the gold's publication date.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from warlog.eval.report import Anchor, EvalError, EvalResult
from warlog.geometry import haversine_km
from warlog.model import Report


def compatible(gold: dict[str, Any], system: dict[str, Any]) -> bool:
    """Same event type, dates within a day, points within 25 km."""
    try:
        when = date.fromisoformat(str(system.get("event_date"))[:10])
        days = abs((date.fromisoformat(gold["event_date"]) - when).days)
        dist = haversine_km(gold["latitude"], gold["longitude"], float(system["latitude"]), float(system["longitude"]))
    except (KeyError, TypeError, ValueError):
        return False
    return system.get("event_type") == gold["event_type"] and days <= 1 and dist <= 25


def _km(gold: dict[str, Any], system: dict[str, Any]) -> float:
    return haversine_km(gold["latitude"], gold["longitude"], float(system["latitude"]), float(system["longitude"]))


def score(gold: dict[str, Any], system: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """Pooled precision/recall/F1 and matched-pair accuracies; low-confidence gold events may be missed freely."""
    from warlog.eval.actors import normalise_actor, same_actor

    tp = fp = fn = sub = near = fat = act1 = 0
    misses: list[dict[str, Any]] = []
    spurious: list[dict[str, Any]] = []
    wrong: list[dict[str, Any]] = []
    for art in gold["articles"]:
        free = list(system.get(art["unit_id"], []))
        for g in art["events"]:
            # the nearest compatible event (a district's event, not the city total around it, when both are told)
            s = min((s for s in free if compatible(g, s)), key=lambda s: _km(g, s), default=None)
            if s is None:
                if g["confidence"] != "low":
                    fn += 1
                    misses.append({"unit_id": art["unit_id"], "gold": g["id"], "sub_event_type": g["sub_event_type"]})
                continue
            free.remove(s)
            tp += 1
            sub += s.get("sub_event_type") == g["sub_event_type"]
            near += haversine_km(g["latitude"], g["longitude"], float(s["latitude"]), float(s["longitude"])) <= 5
            fat_ok = int(s.get("fatalities") or 0) == g["fatalities"]
            act1_ok = same_actor(normalise_actor(g.get("actor1")), normalise_actor(s.get("actor1")))
            fat += fat_ok
            act1 += act1_ok
            if not (fat_ok and act1_ok):
                wrong.append(
                    {
                        "unit_id": art["unit_id"],
                        "gold": g["id"],
                        "fatalities": [g["fatalities"], s.get("fatalities")],
                        "actor1": [g.get("actor1"), s.get("actor1")],
                    }
                )
        fp += len(free)
        spurious.extend({"unit_id": art["unit_id"], "sub_event_type": s.get("sub_event_type")} for s in free)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    m = max(tp, 1)
    return {
        "event_precision": p,
        "event_recall": r,
        "event_f1": f1,
        "subtype_accuracy": sub / m,
        "within_5km": near / m,
        "fatalities_exact": fat / m,
        "actor1_right": act1 / m,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "_misses": misses,
        "_spurious": spurious,
        "_wrong": wrong,
    }


def load_articles(gold_path: Path, csv_path: Path) -> tuple[dict[str, Any], list[tuple[str, Report]]]:
    """The gold file and, per gold article, the Report warlog reads (title + text, the gold's published date)."""
    try:
        gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    except ValueError as exc:
        raise EvalError(f"{gold_path}: not a JSON gold file ({exc})") from None
    if not isinstance(gold, dict) or not gold.get("articles"):
        raise EvalError(f"{gold_path}: no gold articles (the fa-kes-gold-dev layout has an 'articles' list)")
    with open(csv_path, encoding="latin-1", newline="") as f:
        rows = list(csv.DictReader(f))
    if not rows or not {"unit_id", "article_content"} <= set(rows[0]):
        raise EvalError(f"{csv_path}: not the FA-KES CSV (needs unit_id and article_content columns)")
    reports = []
    for art in gold["articles"]:
        row = rows[art["csv_row"]]
        if row["unit_id"] != art["unit_id"]:
            raise EvalError(f"{csv_path}: row {art['csv_row']} is unit {row['unit_id']}, gold says {art['unit_id']}")
        text = (row.get("article_title") or "").strip() + "\n\n" + row["article_content"]
        report = Report(
            text=text,
            title=row.get("article_title"),
            outlet=art.get("source") or row.get("source"),
            published=date.fromisoformat(art["published"]),
            published_basis="flag",
        )
        reports.append((art["unit_id"], report))
    return gold, reports


def evaluate_articles(
    gold_path: Path, csv_path: Path, extract: Callable[[list[Report]], list[Any]] | None = None
) -> EvalResult:
    """Run warlog's extraction on each gold article and score it as the gold README says."""
    if extract is None:
        from warlog.service import extract_reports

        extract = extract_reports
    gold, pairs = load_articles(gold_path, csv_path)
    extractions = extract([r for _, r in pairs])
    system = {uid: [m.to_acled() for m in ex.mentions] for (uid, _), ex in zip(pairs, extractions, strict=True)}
    s = score(gold, system)
    metrics = {k: v for k, v in s.items() if not k.startswith("_")}
    metrics["n_articles"] = len(pairs)
    return EvalResult(
        benchmark="FA-KES hand-coded articles (ACLED rules)",
        metrics=metrics,
        anchors=[Anchor("event_f1", 0.75, "target set by the project (no published system on this set)")],
        notes=[
            "match: same event_type, event_date within 1 day, point within 25 km (the nearest such event); "
            "low-confidence gold may be missed",
        ],
        details={"misses": s["_misses"], "spurious": s["_spurious"], "matched_wrong": s["_wrong"]},
    )
