"""`warlog eval sentences`: sentence-level police-event detection on IndiaPoliceEvents (ConfliBERT's copy).

Each TSV row is ``text \\t KILL \\t ARREST \\t ANY_ACTION \\t FAIL \\t FORCE`` (0/1; column order verified in the
benchmark's SOURCE.md). warlog has no police-event classes, so its output is mapped:

- ARREST: warlog codes the sentence "Arrests", or finds a confident arrest trigger in a sentence it codes otherwise
  (ACLED folds the arrest of rioters into the riot; IPE still counts it).
- FORCE: "Excessive force against protesters" or "Protest with intervention", or any violent sub-type (battles,
  remote violence, violence against civilians, riots) whose actor1 is a state force (inter 1), or a protest or riot
  in a sentence where the police fire, tear-gas or baton-charge.
- KILL: FORCE and the sentence reports a death (killed, shot dead, died, dead, deaths, bodies).
- ANY_ACTION: ARREST or FORCE, or any event whose actor1 or actor2 is a state force.
- FAIL (police failed to act): not mapped, reported as null.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from warlog.eval.report import EvalError, EvalResult
from warlog.extract.actor_roles import assign_roles
from warlog.extract.roles import event_threshold, sentence_role
from warlog.extract.types import classify_with_cues, find_triggers
from warlog.model import SUB_TO_TYPE

IPE_COLUMNS = ("KILL", "ARREST", "ANY_ACTION", "FAIL", "FORCE")
MAPPED = ("KILL", "ARREST", "FORCE", "ANY_ACTION")
_FORCE_SUBS = {"Excessive force against protesters", "Protest with intervention"}
_VIOLENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
_CROWD_TYPES = {"Protests", "Riots"}
_POLICE = re.compile(r"\b(?:police|policem[ae]n|cops|constables?|security forces)\b", re.I)
_FORCE_WORD = re.compile(
    r"\b(?:fir(?:e|ed|ing)|rounds|tear-?gas|teargas|lathi|baton|cane-?charged?|rubber bullets)\b", re.I
)
_DEATH = re.compile(
    r"\b(?:kill(?:ed|ing|s)?|shot dead|died|dead|deaths?|bodies|body|lost (?:his|their) li(?:fe|ves))\b", re.I
)


@dataclass
class LabelledSentence:
    """One IndiaPoliceEvents sentence and its set of gold classes."""

    text: str
    labels: frozenset[str]


def read_ipe_sents(path: str | Path) -> list[LabelledSentence]:
    """IndiaPoliceEvents sentences from a ConfliBERT TSV (a directory means its test.tsv)."""
    path = Path(path)
    if path.is_dir():
        path = path / "test.tsv"
    out = []
    with open(path, encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) < 1 + len(IPE_COLUMNS):
                continue
            flags = row[1 : 1 + len(IPE_COLUMNS)]
            if any(f.strip() not in ("0", "1") for f in flags):
                continue  # a header or a row without gold flags
            labels = frozenset(c for c, f in zip(IPE_COLUMNS, flags, strict=True) if f.strip() == "1")
            out.append(LabelledSentence(row[0], labels))
    return out


def predict_police_classes(sentence: str, country: str = "IN", gate: bool = True) -> frozenset[str]:
    """The IndiaPoliceEvents classes warlog's sub-type and actor roles imply for a sentence; with ``gate`` the
    sentence-role model must call it an incident first, as in ``warlog ingest``."""
    match, live = classify_with_cues(sentence)
    if match is None:
        return frozenset()
    if gate and sentence_role(sentence, [m.sub_event_type for m in live]).p_event < event_threshold():
        return frozenset()
    sub = match.sub_event_type
    roles = assign_roles(sentence, sub, country=country)
    state1 = roles.inter1 == 1
    out = set()
    if sub == "Arrests" or any(m.sub_event_type == "Arrests" and m.score >= 0.5 for m in find_triggers(sentence)):
        out.add("ARREST")
    crowd_force = SUB_TO_TYPE.get(sub) in _CROWD_TYPES and _POLICE.search(sentence) and _FORCE_WORD.search(sentence)
    if sub in _FORCE_SUBS or (SUB_TO_TYPE.get(sub) in _VIOLENT_TYPES and state1) or crowd_force:
        out.add("FORCE")
        if _DEATH.search(sentence):
            out.add("KILL")
    if out or state1 or roles.inter2 == 1:
        out.add("ANY_ACTION")
    return frozenset(out)


def score_sentences(gold: list[frozenset[str]], pred: list[frozenset[str]]) -> dict[str, dict[str, float | int]]:
    """Precision, recall, F1 and support per mapped class."""
    out: dict[str, dict[str, float | int]] = {}
    for c in MAPPED:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if c in g and c in p)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if c not in g and c in p)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if c in g and c not in p)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out[c] = {"precision": round(prec, 3), "recall": round(rec, 3), "f1": round(f1, 4), "support": tp + fn}
    return out


def evaluate_sentences(path: str | Path) -> EvalResult:
    """Per-class F1 of warlog's mapped output on IndiaPoliceEvents sentences."""
    sents = read_ipe_sents(path)
    if not sents:
        raise EvalError(f"{path}: no IndiaPoliceEvents sentence with 0/1 gold flags; nothing to score")
    pred = [predict_police_classes(s.text) for s in sents]
    per = score_sentences([s.labels for s in sents], pred)
    ungated = score_sentences([s.labels for s in sents], [predict_police_classes(s.text, gate=False) for s in sents])
    metrics: dict[str, object] = {f"{c.lower()}_f1": per[c]["f1"] for c in MAPPED}
    metrics.update({f"{c.lower()}_f1_lexicon_only": ungated[c]["f1"] for c in MAPPED})
    metrics["fail_f1"] = None
    metrics["n"] = len(sents)
    notes = [
        "mapping: ARREST<-Arrests or an arrest trigger; FORCE<-excessive force/protest with intervention, "
        "violence by state actor1, or police firing/tear gas at a protest or riot; KILL<-FORCE with a death word; "
        "ANY_ACTION<-ARREST/FORCE or a state actor; FAIL not mapped",
        "no anchor: the benchmark's SOURCE.md verifies no published ConfliBERT or IndiaPoliceEvents number",
        "gated by the sentence-role model as in `warlog ingest` (trained on IPE train.tsv, never on test.tsv); "
        "*_lexicon_only: the same without the gate",
    ]
    return EvalResult("event sentences (IndiaPoliceEvents)", metrics, [], notes, {"per_class": per})
