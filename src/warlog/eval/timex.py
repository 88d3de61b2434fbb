"""TempEval-3 Task A scoring of warlog's time-expression finder on TimeML documents.

Scoring follows the TempEval-3 rules (UzZaman et al. 2013, section 4): a system timex matches a gold one strictly
when the character extents are identical and relaxedly when they overlap; precision is over system timexes and
recall over gold ones; the value (and type) accuracy is counted over the relaxed matches, and
value F1 = relaxed F1 x value accuracy (the "attribute F1" of the task paper). Each gold and system timex is
matched at most once (the first overlapping one, in text order).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from warlog.eval.report import Anchor, EvalError, EvalResult
from warlog.eval.timeml import TimeMLDoc, Timex, read_timeml_dir

SystemTimex = tuple[int, int, str, str]  # (start, end, value, type)
Finder = Callable[[str, date | None], list[SystemTimex]]

ANCHORS = [
    Anchor("value_f1", 0.7761, "HeidelTime-t, TempEval-3 Task A platinum test (UzZaman et al. 2013)"),
    Anchor("relaxed_f1", 0.9030, "HeidelTime-t, TempEval-3 Task A platinum test"),
    Anchor("strict_f1", 0.8134, "HeidelTime-t, TempEval-3 Task A platinum test"),
]


@dataclass
class TimexCounts:
    """Tallies behind the TempEval-3 timex scores."""

    gold: int = 0
    system: int = 0
    strict: int = 0  # matched pairs with identical extents
    relaxed_sys: int = 0  # system timexes overlapping a gold one
    relaxed_gold: int = 0  # gold timexes overlapping a system one
    value_ok: int = 0  # relaxed pairs with the same value
    type_ok: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def add(self, other: TimexCounts) -> None:
        """Add another document's tallies to these."""
        for name in ("gold", "system", "strict", "relaxed_sys", "relaxed_gold", "value_ok", "type_ok"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors.extend(other.errors)


def _prf(matched_sys: int, matched_gold: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from match counts."""
    p = matched_sys / n_sys if n_sys else 0.0
    r = matched_gold / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score_document(gold: list[Timex], system: list[SystemTimex], doc_id: str = "", text: str = "") -> TimexCounts:
    """Match one document's system timexes against its gold ones (strict, relaxed, value, type)."""
    c = TimexCounts(gold=len(gold), system=len(system))
    gold_s = sorted(gold, key=lambda t: (t.start, t.end))
    sys_s = sorted(system, key=lambda t: (t[0], t[1]))
    used: set[int] = set()
    for g in gold_s:
        for j, (s, e, value, typ) in enumerate(sys_s):
            if j in used or not (s < g.end and g.start < e):
                continue
            used.add(j)
            c.relaxed_gold += 1
            c.relaxed_sys += 1
            c.strict += int((s, e) == (g.start, g.end))
            c.value_ok += int(value == g.value)
            c.type_ok += int(typ == g.type)
            if value != g.value or (s, e) != (g.start, g.end):
                c.errors.append(
                    {"doc": doc_id, "kind": "value" if value != g.value else "extent", "gold": g.text,
                     "gold_value": g.value, "system": text[s:e], "system_value": value}
                )  # fmt: skip
            break
        else:
            c.errors.append({"doc": doc_id, "kind": "missed", "gold": g.text, "gold_value": g.value})
    for j, (s, e, value, _typ) in enumerate(sys_s):
        if j in used:
            continue
        # A system timex overlapping an already matched gold one still counts as relaxed-correct for precision.
        if any(s < g.end and g.start < e for g in gold_s):
            c.relaxed_sys += 1
            continue
        c.errors.append({"doc": doc_id, "kind": "spurious", "system": text[s:e], "system_value": value})
    return c


def metrics(c: TimexCounts) -> dict[str, Any]:
    """TempEval-3 Task A metrics from tallies."""
    sp, sr, sf = _prf(c.strict, c.strict, c.system, c.gold)
    rp, rr, rf = _prf(c.relaxed_sys, c.relaxed_gold, c.system, c.gold)
    matched = c.relaxed_gold
    value_acc = c.value_ok / matched if matched else 0.0
    type_acc = c.type_ok / matched if matched else 0.0
    return {
        "strict_f1": round(sf, 4),
        "relaxed_f1": round(rf, 4),
        "value_f1": round(rf * value_acc, 4),
        "type_f1": round(rf * type_acc, 4),
        "strict_precision": round(sp, 4),
        "strict_recall": round(sr, 4),
        "relaxed_precision": round(rp, 4),
        "relaxed_recall": round(rr, 4),
        "value_accuracy": round(value_acc, 4),
        "n_gold": c.gold,
        "n_system": c.system,
        "n_docs": 0,
    }


def score_documents(docs: Iterable[TimeMLDoc], finder: Finder | None = None) -> TimexCounts:
    """Run the finder on every document's raw text with its DCT and pool the tallies."""
    if finder is None:
        from warlog.extract.dates import find_timexes

        finder = find_timexes
    total = TimexCounts()
    for doc in docs:
        system = finder(doc.text, doc.dct)
        total.add(score_document(doc.timexes, system, doc.doc_id, doc.text))
    return total


def _groups(path: Path) -> dict[str, list[TimeMLDoc]]:
    """Documents by sub-folder that holds .tml files directly (TimeBank, AQUAINT...), or one group for a flat dir."""
    if path.is_file():
        return {path.stem: read_timeml_dir(path)}
    folders = sorted({f.parent for f in path.rglob("*.tml")})
    return {(f.name if f != path else path.name): read_timeml_dir(f) for f in folders}


def evaluate_timex(data: str | Path, finder: Finder | None = None, with_errors: bool = False) -> EvalResult:
    """Score the finder on every .tml under data: pooled metrics at top level, each sub-folder in details."""
    path = Path(data)
    groups = _groups(path)
    if not groups:
        raise EvalError(f"no .tml files under {path}")
    pooled = TimexCounts()
    per_group: dict[str, Any] = {}
    n_docs = 0
    for name, docs in groups.items():
        counts = score_documents(docs, finder)
        m = metrics(counts)
        m["n_docs"] = len(docs)
        per_group[name] = m
        pooled.add(counts)
        n_docs += len(docs)
    if not pooled.gold:
        raise EvalError(f"{path}: the .tml files hold no gold TIMEX3 annotation; nothing to score")
    top = metrics(pooled)
    top["n_docs"] = n_docs
    details: dict[str, Any] = {"per_set": per_group} if len(per_group) > 1 else {}
    if with_errors:
        details["errors"] = pooled.errors
    notes = [
        "TempEval-3 Task A scoring re-implemented: relaxed = overlapping extents; value_f1 = relaxed_f1 x value "
        "accuracy over relaxed matches.",
        "Anchor is on the TempEval-3 platinum test set; these numbers are on the sets under --data "
        "(TimeBank/AQUAINT are the TempEval-3 training data, used to develop the rules).",
    ]
    if len(per_group) > 1:
        notes.append(
            "Per set value F1: " + ", ".join(f"{k} {v['value_f1']:.3f} (n={v['n_gold']})" for k, v in per_group.items())
        )
    return EvalResult(benchmark="timex (TempEval-3 Task A)", metrics=top, anchors=ANCHORS, notes=notes, details=details)
