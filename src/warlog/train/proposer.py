"""`warlog train proposer`: the model that proposes a sub-type for a sentence the trigger lexicon finds nothing in.

The lexicon decides most sentences; paraphrase without its trigger words ("a man tossed a hand bomb into a tea shop",
"the family has had no news of him since men in balaclavas took him") is missed outright. The proposer is a
multinomial logistic regression over the sentence's word uni- and bigrams (``type_model.text_features``) with a NONE
class; at run time (``types.classify_with_cues``) it is asked only where the lexicon finds no trigger, and its sub-type
counts only at probability ``min_p`` or more. The report reader's role model and report rules then judge the
proposal like any other candidate sentence.

Training data (docs/training.md), all read from ``../shared`` by relative path or shipped with warlog:
- positives: ACLED notes (the type model's training rows: global 2020 sample minus its held-out country fold, Syria
  battles before 2020), at most ``per_class`` per sub-type; the typed leads of the training-only writers
  (``warlog/train/data/news_leads*.jsonl``), each repeated ``lead_repeat`` times;
- NONE: those writers' NONE leads; IndiaPoliceEvents train sentences with no label and no lexicon trigger; sentences
  of FA-KES bodies (the 30 dev-gold articles left out) with no lexicon trigger (weak: a few tell an incident the
  lexicon misses).
The development writers' leads (``tests/fixtures/types/news_dev_*.jsonl``) are never trained on.
"""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

from warlog.extract.type_model import TypeModel, text_features
from warlog.train.types import HELDOUT_FOLD, TRAINING_LEADS, Example, _in_fold, fit, load_examples

NONE = "NONE"
DEFAULT_MIN_P = 0.5


def _triggerless(texts: list[str], n: int) -> list[str]:
    """The first ``n`` texts in which the trigger lexicon finds no event."""
    from warlog.extract.types import lexicon_view

    out = []
    for t in texts:
        if lexicon_view(t)[1] is None:
            out.append(t)
            if len(out) >= n:
                break
    return out


def proposer_examples(
    shared: Path, per_class: int = 300, n_ipe: int = 4000, n_fakes: int = 3000, lead_repeat: int = 5, seed: int = 13
) -> list[Example]:
    """The proposer's training examples (features: n-grams only)."""
    from warlog.extract.counts import split_sentences
    from warlog.train.events import _dev_rows, _fakes_rows

    rng = random.Random(seed)
    out: list[Example] = []
    notes = load_examples(
        [shared / "data/acled-global-sample-2020", shared / "data/acled-syria-battles-2017-2023"], leads=False
    )
    by_label: dict[str, list[Example]] = {}
    for e in notes:
        if not _in_fold(e, HELDOUT_FOLD):
            by_label.setdefault(e.label, []).append(e)
    for label in sorted(by_label):
        rows = by_label[label]
        rng.shuffle(rows)
        out += [Example(e.text, label, "notes", text_features(e.text)) for e in rows[:per_class]]
    for path in TRAINING_LEADS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                lead = Example(rec["text"], rec["sub_event_type"], "leads", text_features(rec["text"]))
                out += [lead] * lead_repeat
    ipe = []
    with open(shared / "benchmarks/conflibert_eval/IndiaPoliceEvents_sents/train.tsv", encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) >= 6 and all(x.strip() == "0" for x in row[1:6]) and len(row[0].split()) >= 6:
                ipe.append(row[0])
    rng.shuffle(ipe)
    out += [Example(t, NONE, "ipe", text_features(t)) for t in _triggerless(ipe, n_ipe)]
    dev = _dev_rows(shared)
    sentences = []
    for i, row in enumerate(_fakes_rows(shared)):
        if i not in dev:
            sentences += [s for s in split_sentences(row.get("article_content") or "") if 6 <= len(s.split()) <= 60]
    rng.shuffle(sentences)
    out += [Example(t, NONE, "fakes", text_features(t)) for t in _triggerless(sentences, n_fakes)]
    return out


def train_proposer(shared: Path, out: str | Path, min_p: float = DEFAULT_MIN_P) -> TypeModel:
    """Fit the proposer on ``proposer_examples`` and save it with its threshold and data counts."""
    examples = proposer_examples(shared)
    model = fit(examples, max_iter=150, min_df=2)
    counts: dict[str, int] = {}
    for e in examples:
        counts[e.group] = counts.get(e.group, 0) + 1
    model.meta = model.meta | {
        "min_p": str(min_p),
        "none_class": NONE,
        "sources": ";".join(f"{k}={v}" for k, v in sorted(counts.items())),
        "lead_files": "|".join(p.name for p in TRAINING_LEADS),
    }
    model.save(str(out))
    return model
