"""`warlog eval muc4`: whole articles from another war and decade (MUC-4, Latin America 1989-91), document level.

The MUC-4 files used by GRIT (Du, Rush and Cardie 2021) and ConfliBERT keep, per document, the role fillers of its
templates as entity clusters (each a list of coreferent mentions): ``perp_individual_id``, ``perp_organization_id``,
``phys_tgt_id``, ``hum_tgt_name``, ``incident_instrument_id``. They keep no incident date or location, so those two
cannot be scored here; what can be is said in the notes.

Each document (all capitals; put in sentence case unless ``case="as-is"``) is extracted as ``warlog ingest`` extracts a
``.txt`` file (``extract_reports``; no publication date: the files carry none) and warlog's events give the
document's fillers, de-duplicated per document:

- PerpOrg <- every event's ``actor1`` and ``assoc_actor_1`` (ACLED names; a generic actor such as "Unidentified Armed
  Group (Peru)" or "Civilians (Peru)" names no organisation and is not a filler);
- Target (GRIT's PhysTgt and Victim together, as one "target" role) <- ``actor2`` and ``assoc_actor_2``, generic
  names left out the same way;
- PerpInd and Weapon: warlog extracts neither, so it predicts nothing (recall 0 by construction; listed so the
  micro average over GRIT's roles is comparable in kind).

Matching is GRIT's document-level role-filler matching with a lenient string test: a predicted filler matches a gold
entity when, after lower-casing and dropping punctuation and articles, one string contains the other or the gold
mention's head noun (its last word) is a word of the prediction. Each gold entity is matched at most once per
document and role; a prediction that matches nothing is a false positive. ``exact`` counts only equal strings.
Besides the roles: document-level detection (a document with any filler is relevant; warlog "finds" it when it
extracts at least one event) and, as a proxy for location, the share of warlog's events placed in a country MUC-4
covers.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from warlog.eval.report import EvalError, EvalResult
from warlog.model import Report

GOLD_ROLES = ("perp_individual_id", "perp_organization_id", "phys_tgt_id", "hum_tgt_name", "incident_instrument_id")
# role scored -> the gold roles it is scored against
SCORED: dict[str, tuple[str, ...]] = {
    "perp_org": ("perp_organization_id",),
    "target": ("phys_tgt_id", "hum_tgt_name"),
    "perp_ind": ("perp_individual_id",),
    "weapon": ("incident_instrument_id",),
}
# The countries of MUC-4's incidents (the task's nine Latin American countries).
MUC4_COUNTRIES = frozenset(
    {"El Salvador", "Guatemala", "Honduras", "Nicaragua", "Colombia", "Peru", "Bolivia", "Chile", "Ecuador"}
)
_GENERIC = re.compile(r"^(unidentified|civilians|protesters|rioters|prisoners|journalists|students|labou?r group)\b")
_ARTICLES = {"the", "a", "an", "of"}


def _norm(text: str) -> str:
    """Lower case, words only, no bracketed era or country ("(1979-)", "(Peru)")."""
    text = re.sub(r"\([^)]*\)", " ", text.lower())
    return " ".join(re.findall(r"[a-z0-9]+", text))


def _words(text: str) -> list[str]:
    return [w for w in _norm(text).split() if w not in _ARTICLES]


def filler_matches(predicted: str, mention: str, exact: bool = False) -> bool:
    """Does a predicted filler match one gold mention (GRIT-style lenient match, or equal strings when exact)?"""
    p, g = " ".join(_words(predicted)), " ".join(_words(mention))
    if not p or not g:
        return False
    if exact:
        return p == g
    if p in g or g in p:
        return True
    return g.split()[-1] in p.split()


def is_named_actor(name: str | None) -> bool:
    """An ACLED actor that names an organisation, not a generic class ("Unidentified Armed Group (Peru)")."""
    return bool(name) and not _GENERIC.match(str(name).strip().lower())


def system_fillers(events: list[dict[str, Any]]) -> dict[str, list[str]]:
    """A document's predicted fillers per scored role, from warlog's events (ACLED dicts), de-duplicated."""
    out: dict[str, list[str]] = {role: [] for role in SCORED}
    for ev in events:
        for role, keys in (("perp_org", ("actor1", "assoc_actor_1")), ("target", ("actor2", "assoc_actor_2"))):
            for key in keys:
                for name in str(ev.get(key) or "").split(";"):
                    name = name.strip()
                    if is_named_actor(name) and name not in out[role]:
                        out[role].append(name)
    return out


@dataclass
class Counts:
    """Per-role true positives, predictions and gold entities."""

    tp: int = 0
    pred: int = 0
    gold: int = 0

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / self.pred if self.pred else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class DocScore:
    """One document's matches per role (for details)."""

    docid: str
    relevant: bool
    events: int
    matched: dict[str, list[str]] = field(default_factory=dict)
    spurious: dict[str, list[str]] = field(default_factory=dict)


def score_document(
    gold_roles: dict[str, list[list[str]]], predicted: dict[str, list[str]], exact: bool = False
) -> dict[str, tuple[int, int, int, list[str], list[str]]]:
    """Per scored role: (tp, predictions, gold entities, matched predictions, unmatched predictions)."""
    out = {}
    for role, gold_keys in SCORED.items():
        entities = [chain for key in gold_keys for chain in gold_roles.get(key, []) if chain]
        free = list(range(len(entities)))
        preds = predicted.get(role, [])
        hit, miss = [], []
        for p in preds:
            i = next((i for i in free if any(filler_matches(p, m, exact) for m in entities[i])), None)
            if i is None:
                miss.append(p)
            else:
                free.remove(i)
                hit.append(p)
        out[role] = (len(hit), len(preds), len(entities), hit, miss)
    return out


def muc4_text(doc: str) -> str:
    """The document as a report's text: hard-wrapped lines joined, blank lines kept as paragraph breaks."""
    paras = re.split(r"\n\s*\n", doc.strip())
    return "\n\n".join(" ".join(line.strip() for line in p.splitlines() if line.strip()) for p in paras)


def sentence_case(text: str) -> str:
    """Upper-case transcripts in sentence case: lower case, each sentence's and paragraph's first letter capitalised
    (MUC-4's texts are all capitals; names stay lower case)."""
    low = text.lower()
    return re.sub(r"(^|[.!?][\"')]*\s+|\n\s*)([\"'(]*)([a-z])", lambda m: m[1] + m[2] + m[3].upper(), low)


def load_muc4(path: Path) -> dict[str, dict[str, Any]]:
    """The docid -> {"doc", "roles"} file of GRIT/ConfliBERT (a folder means its test.json)."""
    path = Path(path)
    if path.is_dir():
        path = path / "test.json"
    if not path.exists():
        raise EvalError(f"{path} does not exist (expected the GRIT/ConfliBERT MUC-4 test.json)")
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not data:
        raise EvalError(f"{path}: no documents")
    for docid, rec in data.items():
        roles = rec.get("roles") if isinstance(rec, dict) else None
        if isinstance(roles, str):  # some copies keep the roles as a Python literal
            import ast

            roles = ast.literal_eval(roles)
            rec["roles"] = roles
        if not isinstance(roles, dict) or not any(k in roles for k in GOLD_ROLES) or "doc" not in rec:
            raise EvalError(f"{path}: {docid} has no MUC-4 role fillers (expected the GRIT layout)")
    return data


def evaluate_muc4(
    path: Path,
    limit: int | None = None,
    extract: Callable[[list[Report]], list[Any]] | None = None,
    case: str = "sentence",
) -> EvalResult:
    """warlog's events over each MUC-4 document against its gold role fillers (GRIT-style document-level match)."""
    if extract is None:
        from warlog.service import extract_reports

        extract = extract_reports
    data = load_muc4(path)
    docids = sorted(data)[:limit] if limit else sorted(data)
    if case not in ("sentence", "as-is"):
        raise EvalError(f"case must be 'sentence' or 'as-is', not {case!r}")
    prepare = sentence_case if case == "sentence" else (lambda t: t)
    reports = [
        Report(text=prepare(muc4_text(data[d]["doc"])), outlet="MUC-4", source_path=f"{path}#{d}") for d in docids
    ]
    extractions = extract(reports)
    lenient = {role: Counts() for role in SCORED}
    strict = {role: Counts() for role in SCORED}
    det = Counts()
    n_events = in_region = 0
    docs: list[DocScore] = []
    for docid, ex in zip(docids, extractions, strict=True):
        events = [m.to_acled() for m in ex.mentions]
        gold_roles = data[docid]["roles"]
        relevant = any(gold_roles.get(k) for k in GOLD_ROLES)
        det.gold += relevant
        det.pred += bool(events)
        det.tp += relevant and bool(events)
        n_events += len(events)
        in_region += sum(1 for e in events if e.get("country") in MUC4_COUNTRIES)
        predicted = system_fillers(events)
        row = DocScore(docid, relevant, len(events))
        for exact, table in ((False, lenient), (True, strict)):
            for role, (tp, npred, ngold, hit, miss) in score_document(gold_roles, predicted, exact).items():
                table[role].tp += tp
                table[role].pred += npred
                table[role].gold += ngold
                if not exact and (hit or miss):
                    row.matched[role], row.spurious[role] = hit, miss
        docs.append(row)
    metrics: dict[str, Any] = {}
    for role in SCORED:
        p, r, f = lenient[role].prf()
        metrics.update({f"{role}_p": round(p, 4), f"{role}_r": round(r, 4), f"{role}_f1": round(f, 4)})
    for name, table, roles in (
        ("micro", lenient, tuple(SCORED)),
        ("micro_filled_roles", lenient, ("perp_org", "target")),
        ("micro_exact", strict, tuple(SCORED)),
    ):
        total = Counts(*(sum(getattr(table[r], k) for r in roles) for k in ("tp", "pred", "gold")))
        p, r, f = total.prf()
        metrics.update({f"{name}_p": round(p, 4), f"{name}_r": round(r, 4), f"{name}_f1": round(f, 4)})
    p, r, f = det.prf()
    metrics.update({"doc_detection_p": round(p, 4), "doc_detection_r": round(r, 4), "doc_detection_f1": round(f, 4)})
    metrics.update(
        {
            "events_in_muc4_countries": round(in_region / n_events, 4) if n_events else 0.0,
            "n_docs": len(docids),
            "n_relevant_docs": det.gold,
            "n_events": n_events,
            "gold_entities": {role: lenient[role].gold for role in SCORED},
        }
    )
    return EvalResult(
        benchmark=f"MUC-4 (GRIT/ConfliBERT files), document-level role fillers, text {case} - HELD OUT (test split: "
        "never trained or tuned on)",
        metrics=metrics,
        anchors=[],
        notes=[
            "published anchor (GRIT, Du et al. 2021, MUC-4 test): no anchor copied (its figures are not quoted "
            "here from memory)",
            "perp_org <- actor1/assoc_actor_1; target (GRIT's PhysTgt + Victim) <- actor2/assoc_actor_2; generic "
            "actors (Unidentified ..., Civilians ...) are not fillers; perp_ind and weapon: warlog predicts none",
            "match: GRIT-style document-level role fillers; lenient string test (containment or the gold head noun "
            "among the prediction's words); micro_exact: equal strings only",
            "location and date: the GRIT/ConfliBERT files keep no incident location or date, so they are not scored; "
            "events_in_muc4_countries is the share of warlog's events placed in one of MUC-4's nine countries",
            "text: 'sentence' puts the all-capitals transcripts in sentence case before extraction (the default: "
            "the task is role filling, not case restoration); 'as-is' feeds them as `warlog ingest` would",
            "held out: no warlog rule was written on MUC-4; the sentence-role model was trained with MUC-4 "
            "train.json sentences (test.json held out), so score test.json",
        ],
        details={"documents": [d.__dict__ for d in docs if d.matched or d.spurious or (d.relevant and not d.events)]},
    )
