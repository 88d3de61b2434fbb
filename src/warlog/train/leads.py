"""`warlog train leads`: the news-lead model, a sub-event type for any sentence (no lexicon gate) or NONE.

The sub-type model (``warlog.train.types``) is only asked about sentences the trigger lexicon calls events, and its
training data are ACLED notes. News written by other writers names incidents with words the lexicon lacks ("pounded",
"overran", "torched"), so a report whose lead holds no trigger yields nothing. This model reads every sentence:
classes are ACLED's 25 sub-types plus ``NONE`` (nothing a coder records), features are the same hashed n-grams and
lexicon cues (``top:None`` where the lexicon found nothing).

Training sets (each built by rule from files the user passes; nothing third-party is stored, only hashed weights):

- ACLED notes: the global 2020 sample outside the sub-type model's held-out country fold (every row, gated or not),
  and the Syria battles before 2020 (territory changes and other non-clash rows, a few hundred clashes);
- IndiaPoliceEvents training sentences: an arrest and no police violence -> Arrests; no label at all -> NONE (weak:
  IPE labels police actions only);
- MUC-4 training documents with no template (irrelevant) -> every sentence NONE;
- FA-KES bodies (the 30 dev-gold articles left out): sentences the role miner (``train.events.mine_role``) calls
  background, claim, commentary or page furniture -> NONE;
- news leads written for warlog (``warlog/train/data/news_leads*.jsonl``, one file per writer), with their NONE leads.
  Leads count ``LEAD_WEIGHT`` times: a few hundred leads against thousands of notes would otherwise teach nothing.

``writer_cv`` scores each written set with a model trained without it (another writer's wording), which is how the
thresholds were chosen.
"""

from __future__ import annotations

import csv
import json
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import numpy as np

from warlog.eval.types import score_types
from warlog.extract.type_model import NONE_CLASS, TypeModel, bucket, clean_note
from warlog.extract.types import lexicon_view, model_features
from warlog.train.linear import fit_softmax

DATA = Path(__file__).parent / "data"
LEAD_WEIGHT = 4.0
PATHS = {
    "acled_global": "data/acled-global-sample-2020",
    "acled_syria": "data/acled-syria-battles-2017-2023",
    "ipe": "benchmarks/conflibert_eval/IndiaPoliceEvents_sents/train.tsv",
    "muc4": "benchmarks/conflibert_eval/muc4/train.json",
}


@dataclass
class LeadExample:
    """One training text, its label (a sub-type or NONE), its source and group, and a sample weight."""

    text: str
    label: str
    source: str
    group: str
    weight: float = 1.0
    features: list[str] | None = None


def lead_features(text: str) -> list[str]:
    """The lead model's features: n-grams plus the lexicon's live triggers and choice (``top:None`` without one)."""
    live, choice = lexicon_view(text)
    return model_features(text, live, choice)


def written_sets(folder: Path = DATA) -> dict[str, Path]:
    """The written lead files, one per writer: ``news_leads.jsonl`` and ``news_leads<N>.jsonl``."""
    return {p.stem: p for p in sorted(folder.glob("news_leads*.jsonl"))}


def read_leads(path: Path, writer: str) -> list[LeadExample]:
    """Written leads as examples (NONE leads keep their NONE label)."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                out.append(LeadExample(rec["text"], rec["sub_event_type"], "leads:" + writer, writer, LEAD_WEIGHT))
    return out


def acled_examples(shared: Path, max_clashes: int = 300, seed: int = 13) -> list[LeadExample]:
    """ACLED notes outside the sub-type model's held-out fold (the same split, so its held-out scores stay honest)."""
    from warlog.eval.types import read_acled
    from warlog.train.types import HELDOUT_FOLD, SYRIA_TRAIN_BEFORE, _is_global, country_fold

    rng = random.Random(seed)
    out: list[LeadExample] = []
    seen: set[str] = set()
    syria = []
    for key in ("acled_global", "acled_syria"):
        for s in read_acled(shared / PATHS[key]):
            if s.text in seen or not s.gold:
                continue
            seen.add(s.text)
            if _is_global(s):
                if country_fold(s.country) != HELDOUT_FOLD:
                    out.append(LeadExample(clean_note(s.text), s.gold, "acled", s.country))
            elif s.country == "Syria" and s.event_date is not None and s.event_date < SYRIA_TRAIN_BEFORE:
                syria.append(s)
    clashes = [s for s in syria if s.gold == "Armed clash"]
    rng.shuffle(clashes)
    for s in [s for s in syria if s.gold != "Armed clash"] + clashes[:max_clashes]:
        out.append(LeadExample(clean_note(s.text), s.gold or "", "acled-syria", "Syria-battles"))
    return out


def ipe_examples(shared: Path, max_none: int = 2500, seed: int = 13) -> list[LeadExample]:
    """IPE training sentences: arrests without police violence -> Arrests; unlabelled sentences -> NONE (sampled)."""
    rng = random.Random(seed)
    arrests, none = [], []
    with open(shared / PATHS["ipe"], encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) < 6 or len(row[0].split()) < 6:
                continue
            kill, arrest, anyact, fail, force = (r.strip() == "1" for r in row[1:6])
            if arrest and not kill and not force:
                arrests.append(LeadExample(row[0], "Arrests", "ipe", "IndiaPoliceEvents"))
            elif not (kill or arrest or anyact or fail or force):
                none.append(LeadExample(row[0], NONE_CLASS, "ipe", "IndiaPoliceEvents"))
    rng.shuffle(none)
    return arrests + none[:max_none]


def muc4_examples(shared: Path, max_none: int = 2500, seed: int = 13) -> list[LeadExample]:
    """Sentences of MUC-4 training documents with no template -> NONE (sampled)."""
    from warlog.extract.counts import split_sentences

    rng = random.Random(seed)
    docs = json.loads((shared / PATHS["muc4"]).read_text(encoding="utf-8"))
    none = []
    for doc in docs.values():
        if any(chain for chains in doc.get("roles", {}).values() for chain in chains):
            continue
        for sent in split_sentences(doc["doc"]):
            if len(sent.split()) >= 6:
                none.append(LeadExample(" ".join(sent.split()), NONE_CLASS, "muc4", "MUC-4"))
    rng.shuffle(none)
    return none[:max_none]


def fakes_examples(shared: Path, max_none: int = 2500, seed: int = 13) -> list[LeadExample]:
    """FA-KES body sentences the role miner calls background, claim, commentary or furniture -> NONE (dev articles
    left out)."""
    from warlog.extract.counts import split_sentences
    from warlog.train.events import _dev_rows, _fakes_rows, mine_role, reporting_text

    rng = random.Random(seed)
    dev = _dev_rows(shared)
    none, seen = [], set()
    for i, row in enumerate(_fakes_rows(shared)):
        if i in dev:
            continue
        try:
            year: int | None = datetime.strptime(row.get("date", ""), "%m/%d/%Y").year
        except ValueError:
            year = None
        for n, whole in enumerate(split_sentences(row.get("article_content") or "")):
            sent = " ".join(reporting_text(whole).split())
            if sent.lower() in seen or len(sent) < 3:
                continue
            seen.add(sent.lower())
            if mine_role(sent, year, (), n == 0) is not None:
                none.append(LeadExample(sent[:1500], NONE_CLASS, "fakes", "FA-KES"))
    rng.shuffle(none)
    return none[:max_none]


def load_lead_examples(shared: Path, writers: dict[str, Path] | None = None) -> list[LeadExample]:
    """Every training set above, featurised."""
    writers = written_sets() if writers is None else writers
    out = acled_examples(shared) + ipe_examples(shared) + muc4_examples(shared) + fakes_examples(shared)
    for name, path in writers.items():
        out.extend(read_leads(path, name))
    for e in out:
        e.features = lead_features(e.text)
    return out


def fit_leads(examples: Sequence[LeadExample], l2: float = 1e-3, min_df: int = 2, max_iter: int = 200) -> TypeModel:
    """Multinomial logistic regression over hashed features, class-balanced by 1/sqrt(frequency) times each
    example's own weight."""
    from scipy import sparse

    classes = tuple(sorted({e.label for e in examples}))
    cidx = {c: i for i, c in enumerate(classes)}
    df: Counter[int] = Counter()
    bags = []
    for e in examples:
        bag = Counter(bucket(f) for f in e.features or lead_features(e.text))
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
    sw = (freq**-0.5)[y] * np.array([e.weight for e in examples])
    sw *= len(y) / sw.sum()
    w, b = fit_softmax(x, y, len(classes), l2=l2, sample_weight=sw, max_iter=max_iter)
    return TypeModel(classes, col, w.astype(np.float32), b.astype(np.float32), {})
