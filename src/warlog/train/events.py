"""`warlog train events`: the sentence-role model (event / background / claim / commentary / boilerplate).

Every training set is read from ``../shared`` by relative path and described in docs/training.md. Only sentences the
trigger lexicon proposes as candidates are kept (the model is asked about nothing else at run time). Each source is
split into train and held-out parts by document (its own split where the benchmark has one), so that the held-out
scores in ``evaluate_heldout`` come from documents the model never saw:

- ACLED notes (global 2020 sample, Syria battles before 2020): event. Held out: the country fold the sub-type model
  holds out.
- IndiaPoliceEvents sentences: KILL, ARREST or FORCE -> event; no label at all -> commentary (weak: IPE labels only
  police actions, so about one in ten of these still tells a mob's violence). ANY_ACTION/FAIL only: left out.
  Train: train.tsv; held out: test.tsv.
- MUC-4: documents with no template (irrelevant) -> every candidate sentence is commentary; relevant documents -> a
  candidate sentence naming a template filler (target, perpetrator, instrument) is an event. Train: train.json;
  held out: test.json.
- GVDB (dev split, the only one here): a candidate sentence holding a victim's name or the city span -> event.
  Split by article id.
- FA-KES bodies, unlabelled, minus the 30 dev articles: weak labels mined by rule (``mine_fakes``): page furniture
  -> boilerplate, an earlier year or "since"/"last year" -> background, aggregate tolls -> claim, modal/intent/denial
  cues before the trigger -> commentary, and incident-shaped sentences (a strong trigger with a day and a toll) ->
  event. Split by unit_id.
"""

from __future__ import annotations

import csv
import hashlib
import json
import random
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import numpy as np

from warlog.extract.counts import extract_casualties, is_aggregate_toll, split_sentences
from warlog.extract.roles import (
    BACKGROUND,
    BOILERPLATE,
    CLAIM,
    COMMENTARY,
    EVENT,
    is_furniture,
    reporting_start,
    role_features,
)
from warlog.extract.type_model import TypeModel, clean_note
from warlog.extract.types import lexicon_view

SHARED = Path("../shared")
PATHS = {
    "acled_global": "data/acled-global-sample-2020/acled_global_2020-04-27_2020-05-09.csv",
    "acled_syria": "data/acled-syria-battles-2017-2023/acled_syria_battles_2017-01-01_2023-06-02.csv.gz",
    "ipe": "benchmarks/conflibert_eval/IndiaPoliceEvents_sents",
    "muc4": "benchmarks/conflibert_eval/muc4",
    "gvdb": "benchmarks/gvdb/dev.tsv",
    "fakes": "data/fa-kes/FA-KES-Dataset.csv",
    "fakes_dev": "data/fa-kes-gold-dev/dev.json",
}
HELDOUT_SHARE = 5  # one document in five is held out where a source has no split of its own


@dataclass
class RoleExample:
    """One candidate sentence, its role, where it comes from, and whether it is held out."""

    text: str
    role: str
    source: str
    heldout: bool
    cues: tuple[str, ...]


def _cues(text: str) -> tuple[str, ...] | None:
    """The lexicon's live sub-types of a sentence, or None when the lexicon proposes no event there."""
    live, choice = lexicon_view(text)
    if choice is None:
        return None
    return tuple(dict.fromkeys(m.sub_event_type for m in live))


def _held(key: str) -> bool:
    return zlib.crc32(key.encode("utf-8")) % HELDOUT_SHARE == 0


def _example(text: str, role: str, source: str, heldout: bool) -> RoleExample | None:
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) < 3:
        return None
    cues = _cues(text[:1500])
    if cues is None:
        return None
    return RoleExample(text[:1500], role, source, heldout, cues)


# --- ACLED notes --------------------------------------------------------------------------------------------------


def acled_examples(shared: Path, per_source: int = 2500, seed: int = 13) -> list[RoleExample]:
    """Cleaned ACLED notes as events; the held-out fold is the sub-type model's held-out countries."""
    from warlog.eval.types import read_acled
    from warlog.train.types import HELDOUT_FOLD, country_fold

    rng = random.Random(seed)
    out: list[RoleExample] = []
    for key in ("acled_global", "acled_syria"):
        rows = list(read_acled(shared / PATHS[key]))
        rng.shuffle(rows)
        n = 0
        for s in rows:
            if n >= per_source:
                break
            held = key == "acled_global" and country_fold(s.country) == HELDOUT_FOLD
            if key == "acled_syria" and s.event_date is not None and s.event_date >= date(2020, 1, 1):
                held = True  # later Syria rows: never trained on (the sub-type model's split too)
            ex = _example(clean_note(s.text), EVENT, "acled", held)
            if ex is not None:
                out.append(ex)
                n += 1
    return out


# --- IndiaPoliceEvents --------------------------------------------------------------------------------------------


def ipe_examples(shared: Path) -> list[RoleExample]:
    """IPE sentences: police kill/arrest/force -> event; unlabelled -> commentary (weak)."""
    out: list[RoleExample] = []
    for split, held in (("train", False), ("test", True)):
        with open(shared / PATHS["ipe"] / f"{split}.tsv", encoding="utf-8") as fh:
            for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                if len(row) < 6:
                    continue
                kill, arrest, anyact, fail, force = (r.strip() == "1" for r in row[1:6])
                if kill or arrest or force:
                    role = EVENT
                elif not (anyact or fail):
                    role = COMMENTARY
                else:
                    continue
                ex = _example(row[0], role, "ipe", held)
                if ex is not None:
                    out.append(ex)
    return out


# --- MUC-4 --------------------------------------------------------------------------------------------------------


def muc4_examples(shared: Path) -> list[RoleExample]:
    """MUC-4: candidates of irrelevant documents -> commentary; of relevant ones, naming a filler -> event."""
    out: list[RoleExample] = []
    for split, held in (("train", False), ("test", True)):
        docs = json.loads((shared / PATHS["muc4"] / f"{split}.json").read_text(encoding="utf-8"))
        for doc in docs.values():
            fillers = {
                m.lower() for chains in doc.get("roles", {}).values() for chain in chains for m in chain if len(m) >= 4
            }
            for sent in split_sentences(doc["doc"]):
                low = sent.lower()
                if not fillers:
                    role = COMMENTARY
                elif any(f in low for f in fillers):
                    role = EVENT
                else:
                    continue
                ex = _example(sent, role, "muc4", held)
                if ex is not None:
                    out.append(ex)
    return out


# --- GVDB ---------------------------------------------------------------------------------------------------------


def gvdb_examples(shared: Path) -> list[RoleExample]:
    """GVDB: a candidate sentence holding a victim's name or the shooting's city span -> event."""
    out: list[RoleExample] = []
    csv.field_size_limit(1 << 26)
    with open(shared / PATHS["gvdb"], encoding="utf-8") as fh:
        for rec in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            text = rec.get("Full text") or ""
            try:
                ann = json.loads(rec.get("Json") or "{}")
            except json.JSONDecodeError:
                continue
            spans = []
            city = (ann.get("date-and-time") or {}).get("city") or {}
            if isinstance(city, dict) and city.get("startIndex", -1) >= 0:
                spans.append(str(city.get("value") or ""))
            for v in ann.get("victim-section") or []:
                name = (v.get("name") or {}) if isinstance(v, dict) else {}
                if isinstance(name, dict) and name.get("value"):
                    spans.append(str(name["value"]))
            spans = [s for s in spans if len(s) >= 4]
            held = _held("gvdb" + str(rec.get("Article id")))
            for sent in split_sentences(text):
                if any(s in sent for s in spans):
                    ex = _example(sent, EVENT, "gvdb", held)
                    if ex is not None:
                        out.append(ex)
    return out


# --- FA-KES bodies, weak labels -----------------------------------------------------------------------------------

_SINCE = re.compile(
    r"\bsince (?:the (?:start|beginning|outbreak)|19\d\d|20\d\d|(?:early|late|mid)[- ]20\d\d|march 2011)\b|"
    r"\b(?:last|previous|past) (?:year|years|month|months|summer|winter|spring|autumn|decade)\b|"
    r"\b(?:years|months) ago\b|\bbegan in\b|\bin (?:january|february|march|april|may|june|july|august|september|"
    r"october|november|december)? ?(?:19|20)\d\d\b",
    re.I,
)
_INTENT = re.compile(
    r"\b(?:will|would|could|might|may|should|must|threaten(?:ed|s)?|vow(?:ed|s)?|warn(?:ed|s)?|plan(?:s|ned)? to|"
    r"intend(?:s|ed)? to|call(?:ed|s)? (?:for|on)|urg(?:ed|es)|condemn(?:ed|s)?|denounc(?:ed|es)|den(?:y|ied|ies)|"
    r"accus(?:ed|es)|blam(?:ed|es)|demand(?:ed|s)?|want(?:s|ed)? to|seek(?:s)? to|aim(?:s|ed)? to|hope(?:s|d)? to|"
    r"expect(?:s|ed)?|fear(?:s|ed)?|believe(?:s|d)?|if|unless|risk of|in order to)\b",
    re.I,
)
_DAY = re.compile(
    r"\b(?:on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|yesterday|today|on \w+ \d{1,2}|"
    r"(?:this|on) (?:morning|afternoon|evening)|overnight|(?:late|early) on)\b",
    re.I,
)


def _fakes_rows(shared: Path) -> list[dict[str, str]]:
    with open(shared / PATHS["fakes"], encoding="latin-1", newline="") as f:
        return list(csv.DictReader(f))


def _dev_rows(shared: Path) -> set[int]:
    """CSV rows of the FA-KES dev gold (never trained on)."""
    path = shared / PATHS["fakes_dev"]
    if not path.is_file():
        return set()
    return {int(a["csv_row"]) for a in json.loads(path.read_text(encoding="utf-8"))["articles"]}


def mine_role(sentence: str, year: int | None, cues: Sequence[str], first: bool) -> str | None:
    """The weak role of an FA-KES sentence by rule, or None when no rule is sure."""
    low = sentence.lower()
    if is_furniture(sentence) or (len(low.split()) <= 6 and not first):
        return BOILERPLATE
    years = [int(y) for y in re.findall(r"\b(?:19[4-9]\d|20\d\d)\b", low)]
    if (year is not None and any(y < year for y in years)) or _SINCE.search(sentence):
        return BACKGROUND
    cas = extract_casualties(sentence)
    if is_aggregate_toll(sentence):
        return CLAIM
    head = sentence[: max(30, len(sentence) // 2)]
    if _INTENT.search(head):
        return COMMENTARY
    strong = set(cues) - {"Arrests", "Change to group/activity", "Agreement", "Other"}
    if strong and _DAY.search(sentence) and (cas.fatalities or cas.injured):
        return EVENT
    return None


def reporting_text(sentence: str) -> str:
    """The sentence with a publication stamp, caption or tag run glued to its front cut off, as extraction reads it
    (``warlog.extract.frames``), so a lead behind a tag run is mined as what it says rather than as furniture."""
    rest = sentence[reporting_start(sentence) :].lstrip(" .:-|\u2013\u2014")
    return rest if rest != sentence.lstrip() and len(rest.split()) >= 6 else sentence


def fakes_examples(shared: Path) -> list[RoleExample]:
    """Weak labels mined by rule from FA-KES bodies (the dev gold's articles left out)."""
    dev = _dev_rows(shared)
    out: list[RoleExample] = []
    seen: set[str] = set()
    for i, row in enumerate(_fakes_rows(shared)):
        if i in dev:
            continue
        try:
            year: int | None = datetime.strptime(row.get("date", ""), "%m/%d/%Y").year
        except ValueError:
            year = None
        held = _held("fakes" + row.get("unit_id", str(i)))
        for n, whole in enumerate(split_sentences(row.get("article_content") or "")):
            sent = reporting_text(whole)
            key = sent.strip().lower()
            if key in seen:
                continue
            seen.add(key)
            ex = _example(sent, "", "fakes", held)
            if ex is None:
                continue
            role = mine_role(ex.text, year, ex.cues, n == 0)
            if role is not None:
                ex.role = role
                out.append(ex)
    return out


# --- news leads written for warlog ---------------------------------------------------------------------------------

_LEAD_SENTENCE = re.compile(r"(?<=[.!?])[\"\u201d]?\s+(?=[\"\u201c]?[A-Z0-9])")


def leads_examples(files: Sequence[str | Path]) -> list[RoleExample]:
    """News leads written for warlog (JSONL: text, sub_event_type): the first candidate sentence of a lead labelled
    with an ACLED sub-type -> event; every candidate sentence of a lead labelled NONE (background, commentary, a
    labour strike, a film premiere) -> commentary. The sentences after an event lead's first candidate are left out
    (a spokesman's accusation, the toll's source: their role is not labelled). One lead in five is held out, by id."""
    out: list[RoleExample] = []
    for path in files:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                row = json.loads(line)
                label = str(row.get("sub_event_type") or "")
                held = _held("lead" + str(row.get("id") or row.get("text")))
                for sent in _LEAD_SENTENCE.split(str(row.get("text") or "")):
                    ex = _example(sent, EVENT if label != "NONE" else COMMENTARY, "leads", held)
                    if ex is None:
                        continue
                    out.append(ex)
                    if label != "NONE":
                        break
    return out


def load_role_examples(shared: Path = SHARED, leads: Sequence[str | Path] = ()) -> list[RoleExample]:
    """Every role training set (train and held-out parts); ``leads``: files of written news leads."""
    return (
        acled_examples(shared)
        + ipe_examples(shared)
        + muc4_examples(shared)
        + gvdb_examples(shared)
        + fakes_examples(shared)
        + leads_examples(leads)
    )


# --- fitting and scoring -------------------------------------------------------------------------------------------


def fit_roles(examples: Sequence[RoleExample], l2: float = 3e-4, max_iter: int = 150) -> TypeModel:
    """Multinomial logistic regression over the role features (the sub-type model's trainer)."""
    from warlog.train.types import Example, fit

    rows = [Example(e.text, e.role, e.source, role_features(e.text, e.cues)) for e in examples]
    return fit(rows, l2=l2, max_iter=max_iter, balance=0.5)


def binary_scores(gold: Iterable[bool], pred: Iterable[bool]) -> dict[str, float | int]:
    """Precision, recall, F1 of the event class."""
    pairs = list(zip(gold, pred, strict=True))
    tp = sum(g and p for g, p in pairs)
    fp = sum(p and not g for g, p in pairs)
    fn = sum(g and not p for g, p in pairs)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"precision": round(prec, 3), "recall": round(rec, 3), "f1": round(f1, 3), "n": len(pairs)}


def p_event(model: TypeModel, examples: Sequence[RoleExample]) -> np.ndarray:
    """The model's P(event) per example."""
    col = model.classes.index(EVENT)
    return np.array([model.scores(role_features(e.text, e.cues))[col] for e in examples])


def choose_threshold(model: TypeModel, examples: Sequence[RoleExample]) -> float:
    """The P(event) cut that maximises F1 of the event class on validation examples."""
    p = p_event(model, examples)
    gold = [e.role == EVENT for e in examples]
    best, cut = -1.0, 0.5
    for t in np.arange(0.2, 0.81, 0.05):
        f1 = float(binary_scores(gold, list(p >= t))["f1"])
        if f1 > best:
            best, cut = f1, float(round(t, 2))
    return cut


def evaluate_heldout(model: TypeModel, examples: Sequence[RoleExample], threshold: float) -> dict[str, object]:
    """Event-vs-rest scores per source on held-out examples."""
    held = [e for e in examples if e.heldout]
    p = p_event(model, held)
    out: dict[str, object] = {}
    for source in sorted({e.source for e in held}):
        idx = [i for i, e in enumerate(held) if e.source == source]
        out[source] = binary_scores([held[i].role == EVENT for i in idx], [bool(p[i] >= threshold) for i in idx])
    out["all"] = binary_scores([e.role == EVENT for e in held], list(p >= threshold))
    return out


VALIDATION_SHARE = 10  # one train example in ten (by a hash of its text) picks the threshold


def is_validation(example: RoleExample) -> bool:
    """Whether a train example is in the validation part that picks the threshold. Decided by a hash of the example
    alone, so adding or dropping other examples never moves it (a shuffled list's first tenth changes entirely when
    one example is added, and the chosen threshold with it)."""
    return zlib.crc32(f"val|{example.source}|{example.text}".encode()) % VALIDATION_SHARE == 0


def examples_digest(examples: Iterable[RoleExample]) -> str:
    """SHA-256 of the training set as a set of (source, role, held out, text), independent of order: two builds that
    print the same digest trained on the same data."""
    h = hashlib.sha256()
    for line in sorted(f"{e.source}\t{e.role}\t{int(e.heldout)}\t{e.text}" for e in examples):
        h.update(line.encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


def train_roles(
    out: str | Path, shared: Path = SHARED, leads: Sequence[str | Path] = ()
) -> tuple[TypeModel, dict[str, object]]:
    """Build the sets, fit on the train parts less the validation tenth, pick the threshold there, refit on the whole
    train part, save with the split and the training set's digest. Deterministic: same ../shared and code, same
    file (the fit starts from zeros; L-BFGS has no randomness)."""
    examples = load_role_examples(shared, leads)
    train = [e for e in examples if not e.heldout]
    val = [e for e in train if is_validation(e)]
    model = fit_roles([e for e in train if not is_validation(e)])
    threshold = choose_threshold(model, val)
    model = fit_roles(train)
    report = evaluate_heldout(model, examples, threshold)
    counts = Counter(f"{e.source}/{e.role}" for e in train)
    model.meta = {
        "threshold": str(threshold),
        "threshold_rule": f"max event F1 on the train examples with crc32('val|source|text') % {VALIDATION_SHARE} == 0 "
        f"({len(val)} examples), model fitted on the rest; grid 0.20..0.80 step 0.05",
        "n_train": str(len(train)),
        "n_examples": str(len(examples)),
        "data_sha256": examples_digest(examples),
        "label_counts": ";".join(f"{k}={v}" for k, v in sorted(counts.items())),
        "split": "held out: ACLED country fold 0 and Syria 2020+, IPE test.tsv, MUC-4 test.json, "
        "GVDB, FA-KES and news leads one article/lead in five by id (crc32 % 5 == 0); FA-KES dev gold articles never "
        "used",
        "leads": ";".join(Path(p).name for p in leads),
        "built_by": f"warlog train events --shared <shared> (warlog {_version()})",
    }
    model.save(str(out))
    return model, report


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("warlog")
    except PackageNotFoundError:
        return "unknown"


def load_fakes_dev_sentences(shared: Path = SHARED) -> list[tuple[str, bool, str]]:
    """Development check only: candidate sentences of the 30 FA-KES dev articles, event = a gold event's evidence
    overlaps it. Returns (sentence, is_event, unit_id)."""
    gold = json.loads((shared / PATHS["fakes_dev"]).read_text(encoding="utf-8"))
    rows = _fakes_rows(shared)
    out = []
    for art in gold["articles"]:
        text = rows[art["csv_row"]]["article_content"]
        evid = [e["evidence"] for e in art["events"]] + [x for e in art["events"] for x in e.get("evidence_extra", [])]
        for sent in split_sentences(text):
            if _cues(sent) is None:
                continue
            hit = any(ev[:60] in sent or sent[:60] in ev for ev in evid)
            out.append((sent, hit, art["unit_id"]))
    return out
